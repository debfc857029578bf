"""Digests and reload through the real bot and the fake Discord."""

from __future__ import annotations

import asyncio
import os
import signal
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.scheduling.scheduler import DigestScheduler
from testkit.clock import ManualClock
from testkit.fakediscord.fake import (
    ADMINISTRATOR,
    BOB,
    CHANNEL_ID,
    CURATORS_ROLE,
    EVERYDAY,
    MANAGE_GUILD,
    OTHER_CHANNEL_ID,
)
from testkit.fakediscord.limits import check_message
from testkit.fakediscord.payloads import ChannelRef
from tests.discord.conftest import Harness

EPHEMERAL = 64
ADMIN = {"permissions": EVERYDAY | MANAGE_GUILD}


def data(state: Any) -> dict[str, Any]:
    body: dict[str, Any] = (
        state.callback_body["data"] if state.callback_type == 4 else (state.followups[0])
    )
    check_message({**body, "allowed_mentions": body.get("allowed_mentions", {"parse": []})})
    return body


def text(state: Any) -> str:
    body = data(state)
    parts = [body.get("content") or ""]
    for embed in body.get("embeds") or []:
        parts += [embed.get("title", ""), embed.get("description", "")]
        parts += [f["name"] + "\n" + f["value"] for f in embed.get("fields", [])]
    return "\n".join(parts)


ADMIN_COMMANDS = [
    ("digest", "subscribe", {}),
    ("digest", "unsubscribe", {}),
    ("digest", "list", {}),
    ("digest", "send-now", {}),
    ("reload", None, {}),
]


@pytest.mark.parametrize(("name", "sub", "options"), ADMIN_COMMANDS)
async def test_non_admins_are_refused_every_admin_command(
    harness: Harness, name: str, sub: str | None, options: dict[str, Any]
) -> None:
    state = await harness.command(name, options, subcommand=sub, who=BOB)
    assert state.callback_type == 4
    assert data(state)["flags"] & EPHEMERAL
    assert "This command is for admins" in text(state)
    assert await harness.bot.state.subscriptions() == []
    assert not [r for r in harness.fake.requests if "/channels/" in r.path]


@pytest.mark.parametrize(
    "grant",
    [
        {"permissions": EVERYDAY | MANAGE_GUILD},
        {"permissions": EVERYDAY | ADMINISTRATOR},
        {"roles": [CURATORS_ROLE]},
    ],
)
async def test_admins_by_permission_or_role(harness: Harness, grant: dict[str, Any]) -> None:
    state = await harness.command(
        "digest", {"time": "07:30", "timezone": "africa/bamako"}, subcommand="subscribe", **grant
    )
    assert "every day at 07:30 Africa/Bamako" in text(state)
    [subscription] = await harness.bot.state.subscriptions()
    assert (subscription.channel_id, subscription.timezone) == (int(CHANNEL_ID), "Africa/Bamako")


async def test_subscribe_defaults_and_other_channel(harness: Harness) -> None:
    await harness.command("digest", {}, subcommand="subscribe", **ADMIN)
    state = await harness.command(
        "digest",
        {"channel": ChannelRef(OTHER_CHANNEL_ID), "time": "6pm", "skip_quiet": True},
        subcommand="subscribe",
        **ADMIN,
    )
    assert f"<#{OTHER_CHANNEL_ID}>" in text(state)
    subscriptions = {s.channel_id: s for s in await harness.bot.state.subscriptions()}
    assert subscriptions[int(CHANNEL_ID)].local_time == "08:00"
    assert subscriptions[int(CHANNEL_ID)].timezone == "UTC"
    other = subscriptions[int(OTHER_CHANNEL_ID)]
    assert (other.local_time, other.skip_when_quiet) == ("18:00", True)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"time": "25:00"}, "is not a time of day"),
        ({"timezone": "Mars/Olympus"}, "is not an IANA time zone"),
    ],
)
async def test_bad_time_or_zone_is_a_clear_error(
    harness: Harness, options: dict[str, str], message: str
) -> None:
    state = await harness.command("digest", options, subcommand="subscribe", **ADMIN)
    assert data(state)["flags"] & EPHEMERAL
    assert message in text(state)
    assert await harness.bot.state.subscriptions() == []


async def test_timezone_autocomplete(harness: Harness) -> None:
    choices = await harness.autocomplete(
        "digest", {"timezone": "niam"}, "timezone", subcommand="subscribe"
    )
    assert choices[0]["value"] == "Africa/Niamey" and len(choices) <= 25


async def test_unsubscribe_and_list(harness: Harness) -> None:
    await harness.command("digest", {}, subcommand="subscribe", **ADMIN)
    listed = text(await harness.command("digest", {}, subcommand="list", **ADMIN))
    assert "#briefings" in listed and "active" in listed and "Not posted yet" in listed
    assert "will no longer" in text(
        await harness.command("digest", {}, subcommand="unsubscribe", **ADMIN)
    )
    assert "has no digest" in text(
        await harness.command("digest", {}, subcommand="unsubscribe", **ADMIN)
    )
    assert "None yet" in text(await harness.command("digest", {}, subcommand="list", **ADMIN))


async def test_preview_is_for_anyone_and_only_they_see_it(harness: Harness) -> None:
    state = await harness.command("digest", {}, subcommand="preview", who=BOB)
    assert state.callback_type == 5 and state.ephemeral  # acknowledged at once, privately
    shown = state.visible()
    assert shown and all(private for private, _ in shown)
    assert shown[0][1]["embeds"][0]["title"].startswith("Daily briefing")


async def test_send_now_posts_in_the_channel(harness: Harness) -> None:
    state = await harness.command("digest", {}, subcommand="send-now", **ADMIN)
    assert state.callback_type == 5
    assert "Posted a digest" in text(state)
    posted = harness.fake.channel_messages[CHANNEL_ID]
    assert posted and posted[0]["embeds"][0]["title"].startswith("Daily briefing")
    for request in harness.fake.requests:
        if request.path == f"/channels/{CHANNEL_ID}/messages":
            check_message(request.body)


async def test_scheduled_digests_through_discord_with_a_forbidden_neighbour(
    harness: Harness,
) -> None:
    harness.expected_failures.add(403)
    await harness.command("digest", {"time": "08:00"}, subcommand="subscribe", **ADMIN)
    await harness.command(
        "digest",
        {"channel": ChannelRef(OTHER_CHANNEL_ID), "time": "08:00"},
        subcommand="subscribe",
        **ADMIN,
    )
    harness.fake.forbidden_channels.add(OTHER_CHANNEL_ID)

    clock = ManualClock(datetime.now(UTC).replace(hour=8, minute=0, second=0) + timedelta(days=1))
    scheduler = DigestScheduler(
        harness.bot.state, harness.bot.poster, harness.bot.stores.lease, clock=clock
    )
    await scheduler.tick()
    await scheduler.tick()  # a second pass the same minute posts nothing more
    assert len(harness.fake.channel_messages[CHANNEL_ID]) >= 1
    first_message_count = len(harness.fake.channel_messages[CHANNEL_ID])
    assert OTHER_CHANNEL_ID not in harness.fake.channel_messages
    listed = text(await harness.command("digest", {}, subcommand="list", **ADMIN))
    assert "failing" in listed and "Missing Permissions" in listed

    clock.t += timedelta(days=1)
    await scheduler.tick()
    assert len(harness.fake.channel_messages[CHANNEL_ID]) == 2 * first_message_count


async def test_rate_limits_are_waited_out(harness: Harness) -> None:
    harness.expected_failures.add(429)
    harness.fake.rate_limited[CHANNEL_ID] = 1
    await harness.command("digest", {}, subcommand="send-now", **ADMIN)
    statuses = [
        r.status for r in harness.fake.requests if r.path == f"/channels/{CHANNEL_ID}/messages"
    ]
    assert statuses[:2] == [429, 200]
    assert harness.fake.channel_messages[CHANNEL_ID]


async def test_a_channel_that_is_gone(harness: Harness) -> None:
    harness.expected_failures.add(404)
    from bot.answers.digest import digest
    from bot.scheduling.scheduler import ChannelUnavailable

    with pytest.raises(ChannelUnavailable, match="no longer exists"):
        await harness.bot.poster.post(
            399999999999999999, digest(harness.bot.stores.current, []), marker="gone"
        )


async def test_reload_with_a_broken_file_changes_nothing_then_a_fix_takes_effect(
    harness: Harness,
) -> None:
    before = harness.bot.stores.current
    harness.store.edit(
        "knowledge/facts/events.yaml", "recently killed at least 15", "recently killed 15"
    )
    harness.store.edit(
        "knowledge/facts/events.yaml", "actors: [iswap, niger]", "actors: [isis, niger]"
    )
    refused = await harness.command("reload", {}, **ADMIN)
    body = text(refused)
    assert "Reload refused: 2 problem(s)" in body
    assert "fuel-convoy-attack" in body and "unknown actor 'isis'" in body
    assert harness.bot.stores.current is before
    answer = await harness.command("actor", {"name": "JNIM"})
    assert answer.callback_body["data"]["embeds"][0]["title"].startswith("Group for the")

    harness.store.edit(
        "knowledge/facts/events.yaml", "recently killed 15", "recently killed at least 15"
    )
    harness.store.edit(
        "knowledge/facts/events.yaml", "actors: [isis, niger]", "actors: [iswap, niger]"
    )
    harness.store.edit(
        "knowledge/facts/events.yaml", "was repelled.", "was repelled, the source reports."
    )
    done = await harness.command("reload", {}, **ADMIN)
    body = text(done)
    assert "Store reloaded" in body and "+0 ~1 -0 facts" in body
    assert "`niamey-airport-attack`" in body
    current = harness.bot.stores.current
    assert current is not before and current.version != before.version
    [latest, *_] = await harness.bot.state.versions()
    assert latest.version == current.version and "alice" in latest.loaded_by
    about = text(await harness.command("about"))
    assert current.version in about


async def test_many_problems_show_the_first_ten_and_a_count(harness: Harness) -> None:
    for index in range(12):
        harness.store.write(f"knowledge/bad{index:02d}.yaml", "facts: [\n")
    body = text(await harness.command("reload", {}, **ADMIN))
    assert "Reload refused: 12 problem(s)" in body
    assert "…and 2 more" in body


async def test_concurrent_reloads_are_serialised(harness: Harness) -> None:
    harness.store.edit("knowledge/facts/events.yaml", "was repelled.", "was repelled (a).")
    results = await asyncio.gather(*(harness.bot.reloader.reload(by=f"r{i}") for i in range(4)))
    assert all(r.ok for r in results)
    assert [r.previous for r in results[1:]] == [r.version for r in results[:-1]]
    assert sum(1 for r in results if r.diff and not r.diff.empty) == 1


async def test_sighup_reloads(harness: Harness) -> None:
    harness.store.edit("knowledge/facts/events.yaml", "was repelled.", "was repelled (b).")
    before = harness.bot.stores.current.version
    os.kill(os.getpid(), signal.SIGHUP)
    for _ in range(500):
        if harness.bot.stores.current.version != before:
            break
        await asyncio.sleep(0.01)
    assert harness.bot.stores.current.version != before
    [latest, *_] = await harness.bot.state.versions()
    assert latest.loaded_by == "SIGHUP"


async def test_a_replaced_store_is_freed_after_its_grace_period(harness: Harness) -> None:
    import weakref

    old = weakref.ref(harness.bot.stores.current)
    harness.bot.reloader.retire_after = 0
    harness.store.edit("knowledge/facts/events.yaml", "was repelled.", "was repelled (c).")
    outcome = await harness.bot.reloader.reload(by="test")
    assert outcome.ok
    await harness.bot.reloader.close()
    retired = old()
    assert retired is None or (len(retired.facts) == 0 and retired.timeline == ())


async def test_a_digest_goes_out_exactly_once_across_a_crash_and_retries(
    harness: Harness,
) -> None:
    """The nonce Discord enforces stops a re-send; the day's marker finds a lost record."""
    from bot.answers.digest import digest
    from bot.chat.embeds import render
    from bot.chat.poster import nonce

    poster = harness.bot.poster
    response = digest(harness.bot.stores.current, [])
    pages = len(render(response))
    first = await poster.post(int(CHANNEL_ID), response, marker="d1-20260325")
    again = await poster.post(int(CHANNEL_ID), response, marker="d1-20260325")
    assert again == first  # Discord returned the first message: nothing new was posted
    assert len(harness.fake.channel_messages[CHANNEL_ID]) == pages
    body = next(
        r.body
        for r in harness.fake.requests
        if r.method == "POST" and r.path == f"/channels/{CHANNEL_ID}/messages"
    )
    assert body["nonce"] == nonce(int(CHANNEL_ID), "d1-20260325p0") and body["enforce_nonce"]
    assert await poster.find(int(CHANNEL_ID), "d1-20260325") == first
    assert await poster.find(int(CHANNEL_ID), "d1-20260326") is None


async def test_a_discord_outage_while_posting_is_waited_out(harness: Harness) -> None:
    from bot.answers.digest import digest
    from bot.chat.embeds import render

    harness.expected_failures.add(502)
    harness.fake.server_errors[CHANNEL_ID] = 1  # discord.py retries a 5xx itself
    response = digest(harness.bot.stores.current, [])
    await harness.bot.poster.post(int(CHANNEL_ID), response, marker="d1-20260327")
    assert len(harness.fake.channel_messages[CHANNEL_ID]) == len(render(response))
