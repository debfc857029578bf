"""Nonces are unique per channel and day, whatever ids the database reuses.

The fake enforces nonces as Discord does: per author (the bot), across every channel, so
a nonce reused in another channel returns the old message and posts nothing.
"""

from __future__ import annotations

from testkit.fakediscord.fake import CHANNEL_ID, CURATORS_ROLE, OTHER_CHANNEL_ID, user
from testkit.fakediscord.payloads import ChannelRef
from tests.discord.conftest import Harness
from tests.discord.test_follow import NEW_FACT, dms_to, reload

ADMIN = {"roles": [CURATORS_ROLE]}
DAY = "2026-03-25"


async def test_a_channel_subscribed_after_another_left_gets_its_own_digest(
    harness: Harness,
) -> None:
    state, scheduler = harness.bot.state, harness.bot.scheduler
    await harness.command("digest", {}, subcommand="subscribe", **ADMIN)
    first = await state.subscription(int(CHANNEL_ID))
    assert first is not None
    assert await scheduler.send(first, DAY, late=False) == "posted"
    sent_first = len(harness.fake.channel_messages[CHANNEL_ID])

    await harness.command("digest", {}, subcommand="unsubscribe", **ADMIN)
    other = {"channel": ChannelRef(OTHER_CHANNEL_ID)}
    await harness.command("digest", other, subcommand="subscribe", **ADMIN)
    second = await state.subscription(int(OTHER_CHANNEL_ID))
    assert second is not None and second.id == first.id  # SQLite reused the id

    assert await scheduler.send(second, DAY, late=False) == "posted"
    posted = harness.fake.channel_messages.get(OTHER_CHANNEL_ID, [])
    assert len(posted) == sent_first  # the whole digest, not the old channel's message
    assert all(m["channel_id"] == OTHER_CHANNEL_ID for m in posted)
    post = await state.post_on(second.id, DAY)
    assert post is not None and post.message_id == int(posted[0]["id"])
    nonces = [r.body["nonce"] for r in harness.fake.requests if r.path.endswith("/messages")]
    assert len(nonces) == len(set(nonces)) and all(len(n) <= 25 for n in nonces)


async def test_followers_whose_ids_end_alike_each_get_their_alert(harness: Harness) -> None:
    harness.bot.alerts.pace = 0
    alike = [user("500000000000000001", "ann"), user("510000000000000001", "ben")]
    for who in alike:
        await harness.command("follow", {"actor": "Bazoum"}, who=who)
    harness.store.write("knowledge/facts/more.yaml", NEW_FACT)
    await reload(harness)
    for who in alike:
        assert len(dms_to(harness, who)) == 1, who["username"]
