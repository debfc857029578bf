"""The one reference to the current store, swapped whole on reload, and who still uses it.

A query leases the store it runs on; a store a reload replaced is freed when its last
lease ends (at once when nothing uses it), never while a query still reads it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from bot.store.facts import FactStore


class StoreHolder:
    """Holds the store every command reads; a reload replaces it in one assignment."""

    def __init__(self, store: FactStore) -> None:
        self.current = store
        self.started_at = datetime.now(UTC)
        self._users: Counter[int] = Counter()
        self._retired: dict[int, tuple[FactStore, Callable[[FactStore], None]]] = {}

    def swap(self, store: FactStore) -> FactStore:
        previous, self.current = self.current, store
        return previous

    @contextmanager
    def lease(self) -> Iterator[FactStore]:
        """The current store, kept whole until the ``with`` block ends."""
        store = self.current
        key = id(store)
        self._users[key] += 1
        try:
            yield store
        finally:
            self._users[key] -= 1
            if self._users[key] <= 0:
                del self._users[key]
                retired = self._retired.pop(key, None)
                if retired is not None:
                    retired[1](retired[0])

    def retire(self, store: FactStore, free: Callable[[FactStore], None]) -> None:
        """Call ``free(store)`` once nothing leases it any more (now, if nothing does)."""
        if self._users.get(id(store)):
            self._retired[id(store)] = (store, free)
        else:
            free(store)
