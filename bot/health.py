"""``briefbot health``: the container's HEALTHCHECK. The store loads; the database is writable."""

from __future__ import annotations

import sqlite3

from bot.settings import Settings
from bot.store.errors import StoreInvalid
from bot.store.loader import load_store


def check_health(settings: Settings) -> list[str]:
    problems = []
    try:
        load_store(settings.knowledge_dir, settings.seeds_dir, cache_dir=settings.record_cache)
    except StoreInvalid as invalid:
        problems.append(f"the store has {len(invalid.problems)} problem(s); run briefbot validate")
    try:
        settings.db.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(settings.db, timeout=5) as db:
            db.execute("BEGIN IMMEDIATE")  # takes the write lock: proves we could write
            db.execute("ROLLBACK")
    except (sqlite3.Error, OSError) as exc:
        problems.append(f"the database {settings.db} is not writable: {exc}")
    return problems
