"""Every command that touches the database acknowledges within Discord's 3 seconds, even
while a long write holds it; commands for servers sent from a DM get a plain answer; a
stale button is routine (INFO)."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import pytest

from bot.chat.tree import GUILD_ONLY
from testkit.fakediscord import payloads
from testkit.fakediscord.fake import BOB, CURATORS_ROLE, OTHER_CHANNEL_ID, user
from testkit.fakediscord.limits import embed_text
from testkit.fakediscord.payloads import ChannelRef
from tests.discord.conftest import Harness

ADMIN = {"roles": [CURATORS_ROLE]}
LONG_WRITE = 3.5
"""Seconds a write holds the database (a first start records 125k history rows): longer
than Discord's window, so anything waiting for the database before acknowledging misses it."""


async def hold_the_database(harness: Harness, seconds: float) -> None:
    """A real write transaction whose statement runs ``seconds`` on the connection's thread,
    so both writes (the lock) and reads (the thread) queue behind it."""
    state = harness.bot.state
    await state._db.create_function("pause", 1, time.sleep)
    async with state._transaction() as db:
        await db.execute("SELECT pause(?)", (seconds,))


def text_of(state: Any) -> str:
    ((private, message),) = state.visible()
    assert private, message
    return str(message.get("content") or embed_text(message["embeds"][0]))


async def test_a_mixed_burst_of_200_is_acknowledged_in_time_behind_a_long_write(
    harness: Harness,
) -> None:
    members = [user(f"5200000000000{n:05d}", f"member{n}") for n in range(20)]
    kinds = [
        lambda n: payloads.slash("follow", {"actor": "Bazoum"}, who=members[n // 10]),
        lambda n: payloads.slash("actor", {"name": "Bazoum"}),
        lambda n: payloads.slash("unfollow", {"topic": "security"}, who=members[n // 10]),
        lambda n: payloads.slash("digest", {}, subcommand="subscribe", **ADMIN),
        lambda n: payloads.autocomplete("actor", {"name": "baz"}, "name"),
        lambda n: payloads.slash("following", {}, who=members[n // 10]),
        lambda n: payloads.slash("search", {"query": "fuel convoy"}),
        lambda n: payloads.slash("digest", {}, subcommand="list", **ADMIN),
        lambda n: payloads.slash(
            "digest", {"channel": ChannelRef(OTHER_CHANNEL_ID)}, subcommand="unsubscribe", **ADMIN
        ),
        lambda n: payloads.slash("follow", {"topic": "security"}, who=members[n // 10]),
    ]
    burst = [kinds[n % len(kinds)](n) for n in range(200)]
    writing = asyncio.create_task(hold_the_database(harness, LONG_WRITE))
    await asyncio.sleep(0.05)  # the write has the database
    states = await asyncio.gather(*(harness.fake.interact(p) for p in burst))
    await writing
    for state in states:
        await harness.settle(state)
    late = [s for s in states if s.acknowledged is None or s.acknowledged - s.created >= 3.0]
    assert not late, f"{len(late)} of 200 missed Discord's 3 s"
    for n, state in enumerate(states):
        if n % 10 in (0, 3, 5, 7, 9):  # the commands that touch the database said so
            assert not state.loading and "Something went wrong" not in text_of(state)
    bazoum = {f.follower for f in await harness.bot.state.follows() if f.kind == "actor"}
    assert bazoum == {f"user:{m['id']}" for m in members}
    assert len(await harness.bot.state.subscriptions()) == 1


@pytest.mark.parametrize(
    ("name", "options", "subcommand"),
    [
        ("follow", {"actor": "Bazoum"}, None),
        ("unfollow", {"actor": "Bazoum"}, None),
        ("following", {}, None),
        ("digest", {}, "subscribe"),
        ("digest", {}, "list"),
        ("reload", {}, None),
    ],
)
async def test_a_server_command_sent_from_a_dm_gets_a_plain_answer(
    harness: Harness,
    caplog: pytest.LogCaptureFixture,
    name: str,
    options: dict[str, Any],
    subcommand: str | None,
) -> None:
    payload = payloads.in_dm(payloads.slash(name, options, subcommand=subcommand))
    state = await harness.fake.interact(payload)
    await harness.settle(state)
    qualified = f"{name} {subcommand}" if subcommand else name
    assert GUILD_ONLY.format(name=qualified) in text_of(state)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING and "bot." in r.name]
    assert await harness.bot.state.follows() == []


async def test_a_page_button_pressed_after_a_restart_is_routine(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    state = await harness.command("timeline")
    assert state.original is not None
    pressed = await harness.fake.interact(
        payloads.button(state.original, "a-pager-of-the-last-run:next", who=BOB)
    )
    await harness.settle(pressed)
    assert pressed.callback_type == 4
    routine = [r for r in caplog.records if "no live view owns" in r.getMessage()]
    assert routine and all(r.levelno == logging.INFO for r in routine)
