"""Reloading the store: build a new one off the event loop, swap only if it is valid."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from bot.reading.loader import open_store
from bot.records.errors import Problem, StoreInvalid
from bot.serving.holder import StoreHolder
from bot.serving.lastgood import save_quietly
from bot.state import State, StoreVersion
from bot.store.diff import Snapshot, StoreDiff, diff, snapshot
from bot.store.facts import FactStore, keep_out_of_collections, return_memory

log = logging.getLogger(__name__)

RELOAD_TIMEOUT = 300.0
"""Seconds a reload may take before it is given up (the old store keeps serving)."""


def _release(store: FactStore) -> None:
    store.release()
    return_memory()


class ReloadOutcome(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    ok: bool
    version: str
    """The version now serving (the old one when the reload failed)."""
    previous: str
    diff: StoreDiff | None = None
    problems: tuple[Problem, ...] = ()


class Reloader:
    """Serialises reloads; a failed one changes nothing."""

    def __init__(
        self,
        holder: StoreHolder,
        state: State,
        knowledge: Path,
        seeds: Path,
        cache: Path | None = None,
        last_good: Path | None = None,
    ) -> None:
        self.cache = cache
        self.last_good = last_good
        """Where a copy of every store served is kept (see :mod:`bot.serving.lastgood`)."""
        self.holder = holder
        self.state = state
        self.knowledge = knowledge
        self.seeds = seeds
        self._lock = asyncio.Lock()
        self._retiring: set[asyncio.Task[None]] = set()
        self.timeout = RELOAD_TIMEOUT
        self._snapshot: tuple[str, Snapshot] = ("", {})
        self.after_reload: Callable[[StoreVersion], Awaitable[None]] | None = None
        """Told each recorded version a reload swapped in (follow alerts)."""
        self.prepare: Callable[[FactStore], None] = _nothing
        """Run on a new store in the reload's thread, before it is served (the answers'
        lazy parts, so the first asks after a reload are as quick as the rest)."""

    def _open(self, previous: FactStore) -> FactStore:
        store = open_store(self.knowledge, self.seeds, self.cache, previous=previous)
        self.prepare(store)
        return store

    def _free(self, store: FactStore) -> None:
        """Free a store nothing uses any more, in a thread, a part at a time."""
        task = asyncio.get_running_loop().create_task(
            asyncio.to_thread(_release, store), name="retire-store"
        )
        self._retiring.add(task)
        task.add_done_callback(self._retiring.discard)

    async def close(self) -> None:
        """Finish freeing retired stores (to measure a reload whole)."""
        for task in list(self._retiring):
            await task

    def abandon(self) -> None:
        """At shutdown: exiting frees everything, so stop waiting to free old stores."""
        for task in list(self._retiring):
            task.cancel()

    def remember(self, store: FactStore, records: Snapshot) -> None:
        """The snapshot of the store being served, so a reload need not compute it again."""
        self._snapshot = (store.version, records)

    def _compare(self, previous: FactStore, store: FactStore) -> tuple[Snapshot, StoreDiff]:
        version, known = self._snapshot
        before = known if version == previous.version else snapshot(previous)
        after = snapshot(store, (previous, before))
        return after, diff(before, after)

    async def reload(self, by: str) -> ReloadOutcome:
        async with self._lock:
            return await self._reload(by)

    async def _reload(self, by: str) -> ReloadOutcome:
        previous = self.holder.current
        try:
            store = await asyncio.wait_for(asyncio.to_thread(self._open, previous), self.timeout)
        except TimeoutError:
            log.error("reload by %s gave up after %.0f s", by, self.timeout)
            return ReloadOutcome(
                ok=False,
                version=previous.version,
                previous=previous.version,
                problems=(
                    Problem(
                        str(self.knowledge),
                        f"reading the files took over {self.timeout:.0f} s; nothing changed",
                    ),
                ),
            )
        except StoreInvalid as invalid:
            log.warning(
                "reload by %s refused: %d problem(s); still serving %s",
                by,
                len(invalid.problems),
                previous.version,
            )
            return ReloadOutcome(
                ok=False,
                version=previous.version,
                previous=previous.version,
                problems=tuple(invalid.problems),
            )
        new_snapshot, changes = await asyncio.to_thread(self._compare, previous, store)
        # Recorded first, so the history never lags what is served.
        recorded = await self.state.record_version(
            version=store.version, loaded_by=by, counts=store.counts(), snapshot=new_snapshot
        )
        before = previous.version
        retired = self.holder.swap(store)
        keep_out_of_collections()
        self._snapshot = (store.version, new_snapshot)
        self.holder.retire(retired, self._free)
        del previous, retired  # freed now, or when the last query using it ends
        if self.last_good is not None:
            await asyncio.to_thread(
                save_quietly, self.knowledge, self.seeds, self.last_good, store.version
            )
        log.info("reload by %s: %s -> %s (%s)", by, before, store.version, changes.summary())
        if self.after_reload is not None:
            await self.after_reload(recorded)
        return ReloadOutcome(ok=True, version=store.version, previous=before, diff=changes)


def _nothing(store: FactStore) -> None:
    """No preparing: the reloaded store is served as it was opened."""
