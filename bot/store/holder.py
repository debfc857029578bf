"""The one reference to the current store, swapped whole on reload."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.store.facts import FactStore


class StoreHolder:
    """Holds the store every command reads; a reload replaces it in one assignment."""

    def __init__(self, store: FactStore) -> None:
        self.current = store
        self.started_at = datetime.now(UTC)

    def swap(self, store: FactStore) -> FactStore:
        previous, self.current = self.current, store
        return previous
