"""Acknowledge everyone before answering anyone (bot/chat/turns.py)."""

from __future__ import annotations

import asyncio
import threading

from bot.chat.turns import Turns


async def test_a_query_waits_while_an_acknowledgement_is_on_its_way() -> None:
    turns = Turns(threads=2, patience=5)
    ran = threading.Event()
    async with turns.acknowledging():
        query = asyncio.create_task(turns.run(ran.set))
        await asyncio.sleep(0.05)
        assert not ran.is_set(), "a query took the GIL while an acknowledgement was sent"
    assert await asyncio.wait_for(query, 1) is None
    assert ran.is_set()


async def test_a_query_waits_for_every_acknowledgement_in_flight() -> None:
    turns = Turns(threads=1, patience=5)
    first, second = asyncio.Event(), asyncio.Event()

    async def acknowledge(done: asyncio.Event) -> None:
        async with turns.acknowledging():
            await done.wait()

    acks = [asyncio.create_task(acknowledge(e)) for e in (first, second)]
    await asyncio.sleep(0)
    query = asyncio.create_task(turns.run(lambda: "answer"))
    first.set()
    await asyncio.sleep(0.05)
    assert not query.done()  # one acknowledgement still on its way
    second.set()
    assert await asyncio.wait_for(query, 1) == "answer"
    await asyncio.gather(*acks)


async def test_a_query_runs_after_its_patience_under_endless_acknowledgements() -> None:
    turns = Turns(threads=1, patience=0.05)
    async with turns.acknowledging():
        assert await asyncio.wait_for(turns.run(lambda: 42), 1) == 42


async def test_busy_only_when_every_thread_has_a_query() -> None:
    turns = Turns(threads=1, patience=0)
    assert not turns.busy
    release = threading.Event()
    query = asyncio.create_task(turns.run(release.wait))
    await asyncio.sleep(0.01)
    assert turns.busy
    release.set()
    await query
    assert not turns.busy


async def test_background_work_waits_for_quiet_beyond_patience() -> None:
    """The bot's start-up preparing never runs while an acknowledgement is on its way."""
    turns = Turns(threads=1, patience=0.01)
    ran = threading.Event()
    async with turns.acknowledging():
        work = asyncio.create_task(turns.run(ran.set, background=True))
        await asyncio.sleep(0.1)
        assert not ran.is_set()
    await asyncio.wait_for(work, 1)
    assert ran.is_set()
