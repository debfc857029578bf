"""Digests in threads (and forum posts), exactly once, through the fake Discord."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from bot.answers.digest import digest
from bot.chat.embeds import render
from bot.scheduling.scheduler import DigestScheduler
from testkit.clock import ManualClock
from testkit.fakediscord.fake import CHANNEL_ID, EVERYDAY, FORUM_CHANNEL_ID, MANAGE_GUILD
from testkit.fakediscord.limits import check_message
from testkit.fakediscord.payloads import ChannelRef
from tests.discord.conftest import Harness

ADMIN = {"permissions": EVERYDAY | MANAGE_GUILD}


def footers(messages: list[dict[str, Any]]) -> list[str]:
    return [e["footer"]["text"] for m in messages for e in m["embeds"]]


async def test_a_thread_subscription_posts_a_headline_and_the_digest_in_its_thread(
    harness: Harness,
) -> None:
    said = await harness.command(
        "digest", {"time": "08:00", "thread": True}, subcommand="subscribe", **ADMIN
    )
    ((private, answer),) = said.visible()
    assert private and "its own thread" in answer["content"]
    subscription = await harness.bot.state.subscription(int(CHANNEL_ID))
    assert subscription is not None and subscription.thread

    clock = ManualClock(datetime.now(UTC).replace(hour=8, minute=0, second=0) + timedelta(days=1))
    scheduler = DigestScheduler(
        harness.bot.state, harness.bot.poster, harness.bot.stores.lease, clock=clock
    )
    await scheduler.tick()
    await scheduler.tick()  # the same minute again: nothing more

    in_channel = harness.fake.channel_messages[CHANNEL_ID]
    assert len(in_channel) == 1  # only the headline, not the pages
    headline = in_channel[0]
    assert "thread below" in headline["embeds"][0]["description"]
    local_date = clock.now().date().isoformat()
    (thread,) = harness.fake.threads.values()
    assert thread["id"] == headline["id"] and thread["parent_id"] == CHANNEL_ID
    assert thread["name"] == f"Digest {local_date}"
    pages = harness.fake.channel_messages[thread["id"]]
    response = digest(harness.bot.stores.current, [])
    assert len(pages) == len(render(response)) >= 1
    marker = f"d{subscription.id}-{local_date.replace('-', '')}"
    assert all(f.endswith(marker) for f in footers([headline, *pages]))
    for request in harness.fake.requests:
        if request.method == "POST" and request.path.endswith("/messages"):
            check_message(request.body)
    post = await harness.bot.state.post_on(subscription.id, local_date)
    assert post is not None and post.status == "posted" and post.message_id == int(headline["id"])


async def test_an_interrupted_thread_digest_is_finished_without_repeats(harness: Harness) -> None:
    harness.expected_failures.add(400)  # the second attempt finds the thread already made
    poster = harness.bot.poster
    response = digest(harness.bot.stores.current, [])
    first = await poster.post(int(CHANNEL_ID), response, "d9-20260325", thread="Digest 2026-03-25")
    (thread_id,) = harness.fake.threads
    pages = harness.fake.channel_messages[thread_id]
    expected = footers(pages)
    lost = pages.pop()  # as if the process died before sending the last page
    harness.fake.nonces = {  # the nonce window passed for the thread's pages
        k: v for k, v in harness.fake.nonces.items() if v[1]["channel_id"] != thread_id
    }

    again = await poster.post(int(CHANNEL_ID), response, "d9-20260325", thread="Digest 2026-03-25")
    assert again == first == int(thread_id)
    assert len(harness.fake.channel_messages[CHANNEL_ID]) == 1  # one headline
    assert list(harness.fake.threads) == [thread_id]  # one thread
    assert footers(harness.fake.channel_messages[thread_id]) == expected  # each page once
    assert footers([lost]) == expected[-1:]


async def test_a_forum_channel_gets_one_post_per_day(harness: Harness) -> None:
    await harness.command(
        "digest",
        {"channel": ChannelRef(FORUM_CHANNEL_ID), "time": "08:00"},
        subcommand="subscribe",
        **ADMIN,
    )
    subscription = await harness.bot.state.subscription(int(FORUM_CHANNEL_ID))
    assert subscription is not None and subscription.thread  # forums hold posts only

    poster = harness.bot.poster
    response = digest(harness.bot.stores.current, [])
    first = await poster.post(
        int(FORUM_CHANNEL_ID), response, "d2-20260325", thread="Digest 2026-03-25"
    )
    again = await poster.post(
        int(FORUM_CHANNEL_ID), response, "d2-20260325", thread="Digest 2026-03-25"
    )
    assert first == again
    (thread,) = harness.fake.threads.values()
    assert thread["parent_id"] == FORUM_CHANNEL_ID and int(thread["id"]) == first
    posted = harness.fake.channel_messages[thread["id"]]
    assert len(posted) == len(render(response))
    assert posted[0]["id"] == thread["id"]  # the post's starter message is page one
    assert FORUM_CHANNEL_ID not in harness.fake.channel_messages
    creation = next(r for r in harness.fake.requests if r.path.endswith("/threads"))
    check_message(creation.body["message"])


async def test_threads_need_a_text_or_forum_channel(harness: Harness) -> None:
    response = digest(harness.bot.stores.current, [])
    await harness.bot.poster.post(int(CHANNEL_ID), response, "d3-20260325", thread="Digest x")
    (thread_id,) = harness.fake.threads
    from bot.scheduling.scheduler import ChannelUnavailable

    try:
        await harness.bot.poster.post(int(thread_id), response, "d3-20260326", thread="Digest y")
    except ChannelUnavailable as exc:
        assert "text or forum channel" in str(exc)
    else:  # pragma: no cover - the assertion below explains
        raise AssertionError("a thread inside a thread was attempted")
