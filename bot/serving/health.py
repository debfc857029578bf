"""``briefbot health``: the container's HEALTHCHECK. The store loads; the migrations were
installed; the database is of a known schema and writable."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from bot.reading import snapshot
from bot.reading.loader import files_digest, load_store
from bot.records.errors import StoreInvalid
from bot.settings import Settings
from bot.state.db import migrations
from bot.state.lock import OK, holder


def check_health(settings: Settings) -> list[str]:
    problems = []
    try:
        _check_store(settings)
    except StoreInvalid as invalid:
        problems.append(f"the store has {len(invalid.problems)} problem(s); run briefbot validate")
    known = len(migrations())
    if known == 0:  # a package built without its .sql files could never open a database
        problems.append("the installed bot has no database migrations (bot/state/migrations)")
    problems += _database_problems(settings.db, known)
    return problems


def _check_store(settings: Settings) -> None:
    """The files load: a saved store of exactly these files says so (one is saved only
    for a valid store); otherwise they are read and checked, without building indexes or
    saving anything (a healthcheck must stay well inside its timeout)."""
    digest = files_digest(settings.knowledge_dir, settings.seeds_dir)
    if digest is not None and snapshot.saved(settings.record_cache, snapshot.store_key(digest)):
        return
    load_store(settings.knowledge_dir, settings.seeds_dir)


def _database_problems(path: Path, known: int) -> list[str]:
    """The database exists (never created here), is sound, is of a schema this code knows
    (``known`` migrations), and takes writes: also for the running bot, which notes in its
    lock file when its writes fail, and why."""
    bot = holder(path)
    if bot is not None and bot.status != OK:
        return [f"the bot (pid {bot.pid}) cannot write the database: {bot.status}"]
    if not path.is_file():
        if bot is not None:
            return [f"the database {path} was deleted while the bot runs"]
        if not os.access(_existing_parent(path), os.W_OK):
            return [f"the database {path} is not writable: its folder does not take files"]
        return []  # not created yet: the bot creates it when it starts
    if bot is not None and not path.with_name(path.name + "-wal").is_file():
        return [f"the database {path}'s write-ahead log was deleted while the bot runs"]
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=5)) as db:
            verdict = db.execute("PRAGMA quick_check").fetchone()
            if verdict is None or verdict[0] != "ok":
                return [f"the database {path} is damaged ({verdict[0] if verdict else '?'})"]
            schema = db.execute("PRAGMA user_version").fetchone()[0]
            if schema > known:
                return [
                    f"the database {path} has schema {schema}, newer than this bot's "
                    f"{known}: it was written by a later version"
                ]
            db.execute("BEGIN IMMEDIATE")  # takes the write lock: proves we could write
            db.execute("ROLLBACK")
    except (sqlite3.Error, OSError) as exc:
        return [f"the database {path} is not usable: {exc}"]
    return []


def _existing_parent(path: Path) -> Path:
    for parent in path.parents:
        if parent.exists():
            return parent if parent.is_dir() else Path("/nonexistent")
    return Path()
