"""A clock that moves only when a test or a benchmark moves it."""

from __future__ import annotations

import asyncio
from datetime import datetime


class ManualClock:
    """Satisfies the digest scheduler's ``Clock``; ``t`` is now until a test sets it."""

    def __init__(self, now: datetime) -> None:
        self.t = now

    def now(self) -> datetime:
        return self.t

    async def sleep_until(self, when: datetime, wake: asyncio.Event) -> None:
        await wake.wait()
