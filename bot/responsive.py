"""Keep the event loop responsive while a thread does long Python work (a reload).

CPython lets a thread that wants the GIL wait a whole switch interval (5 ms by default)
before asking the running thread to yield; with a busy reload thread and the event loop
taking turns, a tick can wait several intervals. While a reload or the freeing of a
retired store runs, threads switch every millisecond instead. Entered and left on the
event loop's thread only, so the count needs no lock.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

SWITCH_INTERVAL = 0.001
"""Seconds a thread may hold the GIL while another waits, during a reload."""

_entered = 0
_before = 0.0


@contextmanager
def responsive() -> Iterator[None]:
    global _entered, _before
    if _entered == 0:
        _before = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL)
    _entered += 1
    try:
        yield
    finally:
        _entered -= 1
        if _entered == 0:
            sys.setswitchinterval(_before)
