"""Acknowledge everyone before answering anyone: the order a burst of interactions is served in."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from typing import TypeVar

T = TypeVar("T")


class Turns:
    """Queries in at most ``threads`` threads, each begun only once no acknowledgement is on
    its way to Discord, or after ``patience`` seconds.

    A query holds the GIL that the event loop needs to send acknowledgements: in a burst,
    every asker is told "thinking…" first and the answers follow, instead of each answer
    delaying everyone else's acknowledgement (Discord allows 3 seconds for it).
    """

    def __init__(self, threads: int, patience: float) -> None:
        self.slots = asyncio.Semaphore(threads)
        self._patience = patience
        self._acknowledging = 0
        self._quiet = asyncio.Event()
        self._quiet.set()

    @property
    def busy(self) -> bool:
        """Every thread has a query: an asker would wait."""
        return self.slots.locked()

    @contextlib.asynccontextmanager
    async def acknowledging(self) -> AsyncIterator[None]:
        """Around one acknowledgement's round trip: queries wait until there are none."""
        self._acknowledging += 1
        self._quiet.clear()
        try:
            yield
        finally:
            self._acknowledging -= 1
            if not self._acknowledging:
                self._quiet.set()

    async def run(self, work: Callable[[], T], *, background: bool = False) -> T:
        """``work`` in a thread, in its turn; ``background`` work (no one waits for it)
        waits for quiet however long it takes."""
        async with self.slots:
            with contextlib.suppress(TimeoutError):
                patience = None if background else self._patience
                await asyncio.wait_for(self._quiet.wait(), patience)
            return await asyncio.to_thread(work)
