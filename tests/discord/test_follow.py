"""/follow: a member follows Bazoum and gets one cited DM when a reload adds a fact."""

from __future__ import annotations

import asyncio
from typing import Any

from testkit.fakediscord.fake import ALICE, BOB, EVERYDAY, MANAGE_GUILD, OTHER_CHANNEL_ID
from testkit.fakediscord.limits import MENTION, check_message, embed_text
from testkit.fakediscord.payloads import ChannelRef
from tests.discord.conftest import Harness

ADMIN = {"permissions": EVERYDAY | MANAGE_GUILD}
NEW_FACT = """facts:
  - id: bazoum-locked-up
    kind: background
    text: Niger's deposed president Mohamed Bazoum is still locked up in his own residence.
    actors: [mohamed-bazoum]
    topics: [democracy-rights]
    citations:
      - source: us-shifts-strategy
        quote: with Niger's Mohamed Bazoum still locked up in his own residence
"""
ELSEWHERE = """facts:
  - id: convoy-drivers-killed
    kind: background
    text: At least 15 drivers of a fuel convoy bound for Bamako were killed by JNIM.
    actors: [jnim]
    topics: [security]
    citations:
      - source: checker-bamako-visit
        quote: killed at least 15 drivers
"""


def said(state: Any) -> str:
    """The one answer, private, whether it came at once or after a deferral."""
    ((private, data),) = state.visible()
    assert private, data
    text: str = data.get("content") or embed_text(data["embeds"][0])
    return text


async def reload(harness: Harness) -> None:
    """Reload as an admin would, then let the background alerts finish."""
    outcome = await harness.bot.reloader.reload(by="test")
    assert outcome.ok, outcome.problems
    alerts = [t for t in asyncio.all_tasks() if t.get_name() == "follow-alerts"]
    await asyncio.gather(*alerts)


def dms_to(harness: Harness, who: dict[str, Any]) -> list[dict[str, Any]]:
    channel = next(
        (c for c in harness.fake.dm_channels.values() if c["recipients"][0]["id"] == who["id"]),
        None,
    )
    return [] if channel is None else harness.fake.channel_messages.get(channel["id"], [])


async def test_a_follower_gets_one_cited_dm_when_a_reload_adds_a_fact_about_it(
    harness: Harness,
) -> None:
    harness.bot.alerts.pace = 0
    assert "will get a cited message" in said(await harness.command("follow", {"actor": "Bazoum"}))
    assert "Bazoum" in said(await harness.command("following", {}))

    harness.store.write("knowledge/facts/more.yaml", NEW_FACT)
    await reload(harness)
    messages = dms_to(harness, ALICE)
    assert len(messages) == 1
    embed = messages[0]["embeds"][0]
    assert "Mohamed Bazoum" in embed["title"]
    assert "still locked up in his own residence" in embed["description"]
    assert "[1]" in embed["description"] and "US Shifts Strategy" in embed_text(embed)
    assert not MENTION.search(embed_text(embed))
    posted = [r for r in harness.fake.requests if r.path.endswith("/messages") and r.body]
    for request in posted:
        check_message(request.body)
    assert [c["custom_id"] for r in messages[0]["components"] for c in r["components"]] == [
        "briefbot:sources"
    ]

    await reload(harness)  # nothing changed: nothing sent
    harness.store.write("knowledge/facts/other.yaml", ELSEWHERE)
    await reload(harness)  # a change about something else: nothing sent
    assert len(dms_to(harness, ALICE)) == 1


async def test_following_an_actor_and_a_topic_of_one_fact_sends_it_once(
    harness: Harness,
) -> None:
    harness.bot.alerts.pace = 0
    await harness.command("follow", {"actor": "Bazoum"})
    await harness.command("follow", {"topic": "democracy"})
    harness.store.write("knowledge/facts/more.yaml", NEW_FACT)
    await reload(harness)
    (message,) = dms_to(harness, ALICE)
    embed = message["embeds"][0]
    assert embed["description"].count("still locked up in his own residence") == 1
    assert embed["title"] == "New on Mohamed Bazoum"


async def test_closed_dms_mark_the_follower_and_later_reloads_skip_it(harness: Harness) -> None:
    harness.bot.alerts.pace = 0
    harness.expected_failures.add(403)
    await harness.command("follow", {"actor": "Bazoum"}, who=BOB)
    harness.fake.closed_dms.add(BOB["id"])
    harness.store.write("knowledge/facts/more.yaml", NEW_FACT)
    await reload(harness)
    attempts = [r for r in harness.fake.requests if r.status == 403]
    assert len(attempts) == 1
    shown = said(await harness.command("following", {}, who=BOB))
    assert "Alerts paused" in shown and "direct messages are closed" in shown

    harness.store.write("knowledge/facts/other.yaml", NEW_FACT.replace("locked-up", "held"))
    await reload(harness)
    assert len([r for r in harness.fake.requests if r.status == 403]) == 1  # not tried again


async def test_channel_follows_are_for_admins_and_post_in_the_channel(harness: Harness) -> None:
    harness.bot.alerts.pace = 0
    channel = {"topic": "democracy", "channel": ChannelRef(OTHER_CHANNEL_ID)}
    refused = said(await harness.command("follow", channel))
    assert "for admins" in refused
    assert "will get a cited message" in said(await harness.command("follow", channel, **ADMIN))
    harness.store.write("knowledge/facts/more.yaml", NEW_FACT)
    await reload(harness)
    (posted,) = harness.fake.channel_messages[OTHER_CHANNEL_ID]
    assert "still locked up" in posted["embeds"][0]["description"]
    assert not harness.fake.dm_channels


async def test_follow_needs_exactly_one_of_actor_and_topic(harness: Harness) -> None:
    assert "Give one of actor: or topic:" in said(await harness.command("follow", {}))
    both = {"actor": "Bazoum", "topic": "security"}
    assert "Give one of actor: or topic:" in said(await harness.command("follow", both))
    assert "No actor" in said(await harness.command("follow", {"actor": "Nobody Known"}))
    assert "was not followed" in said(await harness.command("unfollow", {"actor": "Bazoum"}))


async def test_a_followed_channel_that_is_gone_is_marked_and_skipped(harness: Harness) -> None:
    harness.bot.alerts.pace = 0
    harness.expected_failures.add(404)
    gone = "channel:399999999999999999"
    await harness.bot.state.follow(
        follower=gone, guild_id=1, kind="actor", target="mohamed-bazoum", created_by=1
    )
    harness.store.write("knowledge/facts/more.yaml", NEW_FACT)
    await reload(harness)
    info = await harness.bot.state.follower(gone)
    assert info is not None and info.status == "unreachable"
    assert info.reason == "the channel no longer exists"
    tries = len([r for r in harness.fake.requests if r.status == 404])
    harness.store.write("knowledge/facts/other.yaml", NEW_FACT.replace("locked-up", "held"))
    await reload(harness)
    assert len([r for r in harness.fake.requests if r.status == 404]) == tries


async def test_one_followers_failure_never_stops_the_others(harness: Harness) -> None:
    from testkit.fakediscord.fake import FORUM_CHANNEL_ID

    harness.bot.alerts.pace = 0
    await harness.bot.state.follow(  # a forum takes no plain messages
        follower=f"channel:{FORUM_CHANNEL_ID}",
        guild_id=1,
        kind="actor",
        target="mohamed-bazoum",
        created_by=1,
    )
    await harness.command("follow", {"actor": "Bazoum"})
    harness.store.write("knowledge/facts/more.yaml", NEW_FACT)
    await reload(harness)
    assert len(dms_to(harness, ALICE)) == 1
    info = await harness.bot.state.follower(f"channel:{FORUM_CHANNEL_ID}")
    assert info is not None and info.status == "unreachable"
    assert info.reason is not None and "takes no messages" in info.reason


async def test_an_unexpected_error_for_one_follower_is_logged_and_the_rest_go_on(
    harness: Harness, monkeypatch: Any, caplog: Any
) -> None:
    harness.bot.alerts.pace = 0
    await harness.command("follow", {"actor": "Bazoum"}, who=BOB)
    await harness.command("follow", {"actor": "Bazoum"})
    real = harness.bot.alerts._send

    async def broken_for_bob(follower: str, version_id: int, response: Any) -> str:
        if follower == f"user:{BOB['id']}":
            raise RuntimeError("a bug")
        return await real(follower, version_id, response)

    monkeypatch.setattr(harness.bot.alerts, "_send", broken_for_bob)
    harness.store.write("knowledge/facts/more.yaml", NEW_FACT)
    await reload(harness)
    assert len(dms_to(harness, ALICE)) == 1
    assert any("follow alert to user:" in r.message for r in caplog.records)
    caplog.clear()  # the error was the point of this test
