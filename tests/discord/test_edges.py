"""What Discord can send that the bot did not expect, bursts, rate limits and shutdown.

Rules the fake enforces (each from Discord's documentation): one callback within 3 s, the
first follow-up after a deferral keeps the deferral's visibility, 429 with retry_after.
The harness fails a test on any logged traceback, refused request or schema problem.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import pytest

from bot.chat.client import create_bot
from bot.chat.paging import EXPIRED, Pager
from bot.chat.tree import CHANGED
from testkit.fakediscord import payloads
from testkit.fakediscord.fake import EVERYDAY, MANAGE_GUILD, FakeDiscord, Interaction
from tests.discord.conftest import Harness, bot_settings, point_discord_at, slow_actor

EPHEMERAL = 64
ADMIN = {"permissions": EVERYDAY | MANAGE_GUILD}


def private_text(state: Interaction) -> str:
    """The one private message an interaction left, as text."""
    ((private, message),) = state.visible()
    assert private, message
    embeds = message.get("embeds") or []
    return message.get("content", "") + "".join(e.get("description", "") for e in embeds)


def warned(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


# --- stale and odd payloads --------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "options", "subcommand"),
    [
        ("oldcommand", {}, None),  # a command that no longer exists
        ("digest", {}, "frobnicate"),  # a subcommand that no longer exists
        ("digest", {}, None),  # a group with no subcommand
        ("actor", {}, None),  # a required option missing
    ],
)
async def test_a_stale_command_gets_one_polite_private_answer(
    harness: Harness,
    caplog: pytest.LogCaptureFixture,
    name: str,
    options: dict[str, Any],
    subcommand: str | None,
) -> None:
    state = await harness.command(name, options, subcommand=subcommand, **ADMIN)
    assert state.callback_type == 4
    assert CHANGED in private_text(state)
    assert any("no longer has" in m for m in warned(caplog))


async def test_values_of_the_wrong_type_are_read_or_refused_clearly(harness: Harness) -> None:
    found = await harness.command("search", {"query": 15})  # an integer where text belongs
    ((private, message),) = found.visible()
    assert not private and message["embeds"][0]["title"] == "Search: “15”"
    subscribed = await harness.command(
        "digest", {"skip_quiet": "yes"}, subcommand="subscribe", **ADMIN
    )
    assert "Quiet days are skipped" in private_text(subscribed)
    refused = await harness.command(
        "digest", {"skip_quiet": "maybe"}, subcommand="subscribe", **ADMIN
    )
    assert "takes true or false, not 'maybe'" in private_text(refused)
    long = await harness.command("search", {"query": "x" * 6000})
    assert "at most 200 characters" in private_text(long)


async def test_autocomplete_on_an_option_without_it_answers_no_choices(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    assert await harness.autocomplete("timeline", {"since": "20"}, "since") == []
    assert await harness.autocomplete("oldcommand", {"x": "a"}, "x") == []
    assert await harness.autocomplete("digest", {"x": "a"}, "x", subcommand="gone") == []
    assert len([m for m in warned(caplog) if "autocomplete" in m]) == 3


async def test_a_stale_or_forged_button_says_the_pages_expired(harness: Harness) -> None:
    state = await harness.command("timeline")
    message = state.original
    assert message is not None and message["components"]
    forged = await harness.fake.interact(payloads.button(message, "not-a-real-button"))
    await harness.settle(forged)
    assert forged.callback_type == 4 and forged.ephemeral
    assert forged.callback_body["data"]["content"] == EXPIRED
    for pager in list(Pager.live):
        pager.stop()  # as when the pages time out (or after a restart: pagers are not kept)
    stale = await harness.press(message, "Next")
    assert stale.callback_type == 4 and stale.callback_body["data"]["content"] == EXPIRED


# --- load --------------------------------------------------------------------------------


async def test_long_timezone_autocompletes_in_a_burst_are_answered_in_time(
    harness: Harness,
) -> None:
    # Discord sends up to 6,000 characters; fuzzy matching all of them took 0.3 s each
    typed = [f"{n} " + "x" * 6000 for n in range(30)]
    payloads_ = [
        payloads.autocomplete("digest", {"timezone": t}, "timezone", subcommand="subscribe")
        for t in typed
    ] + [payloads.slash("actor", {"name": "Bazoum"}) for _ in range(10)]
    states = [await harness.fake.interact(p) for p in payloads_]
    for state in states:
        await harness.settle(state)
    for state in states:
        assert state.callback_type in (4, 5, 8)
        assert state.acknowledged is not None and state.acknowledged - state.created < 3.0
    assert all(len(s.callback_body["data"].get("choices", [])) <= 25 for s in states[:30])


async def test_a_mixed_burst_keeps_every_error_private_and_every_answer_in_time(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow_actor(monkeypatch, 0.05)
    kinds = [
        payloads.slash("actor", {"name": "Bazoum"}),
        payloads.slash("actor", {"name": "Nobody Known"}),  # an error
        payloads.slash("search", {"query": "fuel convoy"}),
        payloads.slash("timeline", {"since": "yesterday"}),  # an error
        payloads.autocomplete("actor", {"name": "baz"}, "name"),
        payloads.slash("brief", {}),
        payloads.slash("ask", {"question": "who is Yevgeny Prigozhin"}),  # an error
        payloads.autocomplete("digest", {"timezone": "afr"}, "timezone", subcommand="subscribe"),
        payloads.slash("sources", {}),
        payloads.slash("actor", {"name": "Checker"}),
    ]
    burst = [
        dict(kinds[n % len(kinds)], id=str(900_000_000_000_000_000 + n), token=f"burst-{n}")
        for n in range(200)
    ]
    states = await asyncio.gather(*(harness.fake.interact(p) for p in burst))
    for state in states:
        await harness.settle(state)
    errors = 0
    for state in states:
        assert state.acknowledged is not None and state.acknowledged - state.created < 3.0
        if state.type == 4:
            continue
        for private, message in state.visible():
            titles = [e.get("title") for e in message.get("embeds", [])]
            if any(t in ("Not found", "Cannot answer") for t in titles):
                errors += 1
                assert private, titles
    assert errors == 60


async def test_rate_limited_follow_ups_are_retried_and_nothing_is_lost(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow_actor(monkeypatch, 1.2)
    harness.fake.followups_limited = 2
    harness.expected_failures.add(429)
    state = await harness.command("actor", {"name": "Diop"})
    ((private, message),) = state.visible()
    assert not private and message["embeds"][0]["title"] == "Abdoulaye Diop"
    assert harness.fake.followups_limited == 0


# --- shutdown ----------------------------------------------------------------------------


async def test_the_bot_stops_within_a_second(
    openapi: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeDiscord(openapi)
    url = await fake.start()
    point_discord_at(monkeypatch, url)
    bot = create_bot(bot_settings(tmp_path), guild_ready_timeout=0.05)
    runner = asyncio.create_task(bot.start("fake-token", reconnect=False))
    await asyncio.wait_for(bot.wait_until_ready(), 10)
    started = time.monotonic()
    await asyncio.wait_for(asyncio.gather(bot.close(), bot.close()), 1.0)
    await asyncio.wait_for(runner, 1.0)
    assert time.monotonic() - started < 1.0
    await fake.stop()
