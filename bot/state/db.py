"""All runtime state in one SQLite file: subscriptions, posts, store versions, history.

Every SQL statement of the project lives here, behind named async methods that return
models. The schema evolves by numbered migrations (``migrations/NNNN_name.sql``) tracked
by ``PRAGMA user_version``; WAL mode; every multi-step change is one transaction.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Self

import aiosqlite

from bot.state.models import (
    DigestPost,
    Follow,
    Follower,
    RecordChange,
    StoreVersion,
    Subscription,
)
from bot.store.diff import KINDS, Snapshot, StoreDiff, diff

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def migrations() -> list[tuple[int, str, str]]:
    """(number, name, sql) of every migration, in order."""
    found = []
    for entry in resources.files("bot.state.migrations").iterdir():
        if entry.name.endswith(".sql"):
            number = int(entry.name.split("_", 1)[0])
            found.append((number, entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    assert [n for n, _, _ in found] == list(range(1, len(found) + 1)), "migrations must be 1..n"
    return found


Rows = list[tuple[str, ...]]


def _history_rows(changes: StoreDiff, snapshot: Snapshot, now: str) -> tuple[Rows, Rows, Rows]:
    """Parameters for recording ``changes``: rows added, changed and removed."""
    added: Rows = []
    changed: Rows = []
    removed: Rows = []
    for kind in KINDS:
        part = getattr(changes, kind)
        added += [(kind, r, snapshot[kind][r], now, now) for r in part.added]
        changed += [(snapshot[kind][r], now, kind, r) for r in part.changed]
        removed += [(now, now, kind, r) for r in part.removed]
    return added, changed, removed


KNOWN_BATCH = 2000
"""Rows of record history read at a time: fetching (and later freeing) 125k rows at once
holds the GIL for tens of milliseconds, a stall of the event loop."""


def _add_rows(known: Snapshot, rows: Iterable[aiosqlite.Row]) -> None:
    for kind, record_id, content_hash in rows:
        known.setdefault(kind, {})[record_id] = content_hash


def _marker(path: Path) -> Path:
    return path.with_name(path.name + ".pid")


def running_pid(path: Path) -> int | None:
    """The live process that has the database open, from its note, if any."""
    try:
        pid = int(_marker(path).read_text().strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid


def _inode(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _utc(clock: Clock) -> str:
    return clock().astimezone(UTC).isoformat(timespec="seconds")


class StateError(Exception):
    """The database cannot be used: corrupt, read-only, missing or gone. Said plainly."""


class State:
    def __init__(self, db: aiosqlite.Connection, clock: Clock, path: Path | None = None) -> None:
        self._db = db
        self._clock = clock
        self._path = path
        self._inode = _inode(path) if path is not None else None
        self._writing = asyncio.Lock()
        """One transaction at a time on the one connection (SQLite cannot nest them)."""
        self._closed = False

    @classmethod
    async def open(
        cls, path: Path, clock: Clock | None = None, *, up_to: int | None = None
    ) -> Self:
        """Open (creating if need be), check and migrate; :class:`StateError` when the file
        cannot serve (never a half-open connection left behind). ``up_to`` is for tests."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = await aiosqlite.connect(path, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise StateError(f"the database {path} cannot be opened: {exc}") from None
        try:
            db.row_factory = aiosqlite.Row
            async with db.execute("PRAGMA quick_check") as cursor:
                row = await cursor.fetchone()
            if row is None or row[0] != "ok":
                raise StateError(f"the database {path} is damaged ({row[0] if row else '?'})")
            await db.execute("PRAGMA journal_mode=WAL")
            await db.execute("PRAGMA foreign_keys=ON")
            await db.execute("PRAGMA busy_timeout=5000")
            state = cls(db, clock or (lambda: datetime.now(UTC)), path)
            await state._migrate(up_to)
            state._mark_in_use()
        except StateError:
            await db.close()
            raise
        except sqlite3.Error as exc:
            await db.close()
            raise StateError(f"the database {path} cannot be used: {exc}") from None
        return state

    async def close(self) -> None:
        if not self._closed:
            self._closed = True
            await self._db.close()
            if self._path is not None and running_pid(self._path) == os.getpid():
                _marker(self._path).unlink(missing_ok=True)

    def _mark_in_use(self) -> None:
        """A note beside the file saying which process has it open (for ``health``)."""
        if self._path is not None:
            try:
                _marker(self._path).write_text(f"{os.getpid()}\n")
            except OSError as exc:
                log.warning("could not note that the database is in use: %s", exc)

    def check_file(self) -> None:
        """:class:`StateError` if the database file was deleted or replaced since opening:
        writes would go to a file no restart will find."""
        if self._path is None:
            return
        if _inode(self._path) != self._inode:
            raise StateError(
                f"the database {self._path} was deleted or replaced while in use; "
                "restart the bot to open it again (nothing more is written to the old one)"
            )

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        async with self._writing:
            self.check_file()
            try:
                await self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise StateError(f"the database {self._path} cannot be written: {exc}") from None
            try:
                yield self._db
            except BaseException:
                await self._db.execute("ROLLBACK")
                raise
            await self._db.execute("COMMIT")

    async def _migrate(self, up_to: int | None) -> None:
        async with self._db.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        current = int(row[0]) if row else 0
        for number, name, sql in migrations():
            if number <= current or (up_to is not None and number > up_to):
                continue
            try:
                await self._db.executescript(
                    f"BEGIN IMMEDIATE;\n{sql}\n;PRAGMA user_version = {number};\nCOMMIT;"
                )
            except BaseException:
                if self._db.in_transaction:
                    await self._db.execute("ROLLBACK")
                raise
            log.info("database migrated to %d (%s)", number, name)

    async def schema_version(self) -> int:
        async with self._db.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def integrity(self) -> str:
        async with self._db.execute("PRAGMA integrity_check") as cursor:
            row = await cursor.fetchone()
        return str(row[0]) if row else "no answer"

    # --- subscriptions -------------------------------------------------------------

    async def add_subscription(
        self,
        *,
        guild_id: int,
        channel_id: int,
        local_time: str,
        timezone: str,
        created_by: int,
        skip_when_quiet: bool = False,
        thread: bool = False,
    ) -> Subscription:
        """Subscribe a channel, or update its subscription (which makes it active again)."""
        async with self._transaction() as db:
            await db.execute(
                """INSERT INTO subscriptions (guild_id, channel_id, local_time, timezone,
                       created_by, created_at, skip_when_quiet, thread)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (channel_id) DO UPDATE SET
                       guild_id = excluded.guild_id, local_time = excluded.local_time,
                       timezone = excluded.timezone, created_by = excluded.created_by,
                       skip_when_quiet = excluded.skip_when_quiet,
                       thread = excluded.thread, status = 'active',
                       failure_reason = NULL, failures = 0""",
                (
                    guild_id,
                    channel_id,
                    local_time,
                    timezone,
                    created_by,
                    _utc(self._clock),
                    int(skip_when_quiet),
                    int(thread),
                ),
            )
        subscription = await self.subscription(channel_id)
        assert subscription is not None
        return subscription

    async def remove_subscription(self, channel_id: int, guild_id: int) -> bool:
        """Remove a channel's subscription, only if it belongs to ``guild_id``."""
        async with self._transaction() as db:
            cursor = await db.execute(
                "DELETE FROM subscriptions WHERE channel_id = ? AND guild_id = ?",
                (channel_id, guild_id),
            )
            return cursor.rowcount > 0

    async def subscription(self, channel_id: int) -> Subscription | None:
        rows = await self._subscriptions("WHERE channel_id = ?", (channel_id,))
        return rows[0] if rows else None

    async def subscriptions(self, guild_id: int | None = None) -> list[Subscription]:
        if guild_id is None:
            return await self._subscriptions("", ())
        return await self._subscriptions("WHERE guild_id = ?", (guild_id,))

    async def _subscriptions(self, where: str, args: tuple[Any, ...]) -> list[Subscription]:
        async with self._db.execute(
            f"SELECT * FROM subscriptions {where} ORDER BY guild_id, channel_id", args
        ) as cursor:
            return [Subscription.model_validate(dict(row)) for row in await cursor.fetchall()]

    async def record_failure(
        self, subscription_id: int, reason: str, pause_after: int
    ) -> Subscription:
        """Count a failed day; pause the subscription after ``pause_after`` in a row."""
        async with self._transaction() as db:
            await db.execute(
                """UPDATE subscriptions SET failures = failures + 1, failure_reason = ?,
                       status = CASE WHEN failures + 1 >= ? THEN 'paused' ELSE 'failing' END
                   WHERE id = ?""",
                (reason, pause_after, subscription_id),
            )
        rows = await self._subscriptions("WHERE id = ?", (subscription_id,))
        return rows[0]

    async def record_success(self, subscription_id: int) -> None:
        async with self._transaction() as db:
            await db.execute(
                """UPDATE subscriptions SET failures = 0, failure_reason = NULL,
                       status = 'active' WHERE id = ?""",
                (subscription_id,),
            )

    # --- digest posts --------------------------------------------------------------

    async def claim_post(
        self, subscription_id: int, local_date: str, *, late: bool, store_version: str
    ) -> DigestPost | None:
        """Reserve the post for one local date; ``None`` if it was already claimed."""
        async with self._transaction() as db:
            cursor = await db.execute(
                """INSERT OR IGNORE INTO digest_posts
                       (subscription_id, local_date, status, late, store_version, at)
                   VALUES (?, ?, 'posting', ?, ?, ?)""",
                (subscription_id, local_date, int(late), store_version, _utc(self._clock)),
            )
            if cursor.rowcount == 0:
                return None
            post_id = cursor.lastrowid
        return await self._post("WHERE id = ?", (post_id,))

    async def finish_post(self, post_id: int, *, message_id: int) -> None:
        async with self._transaction() as db:
            await db.execute(
                "UPDATE digest_posts SET status = 'posted', message_id = ?, at = ? WHERE id = ?",
                (message_id, _utc(self._clock), post_id),
            )

    async def fail_post(self, post_id: int, reason: str) -> None:
        async with self._transaction() as db:
            await db.execute(
                "UPDATE digest_posts SET status = 'failed', reason = ?, at = ? WHERE id = ?",
                (reason, _utc(self._clock), post_id),
            )

    async def skip_post(self, subscription_id: int, local_date: str, reason: str) -> bool:
        """Record a day deliberately not posted; ``False`` if that day already has a row."""
        async with self._transaction() as db:
            cursor = await db.execute(
                """INSERT OR IGNORE INTO digest_posts
                       (subscription_id, local_date, status, reason, at)
                   VALUES (?, ?, 'skipped', ?, ?)""",
                (subscription_id, local_date, reason, _utc(self._clock)),
            )
            return cursor.rowcount > 0

    async def post_on(self, subscription_id: int, local_date: str) -> DigestPost | None:
        return await self._post(
            "WHERE subscription_id = ? AND local_date = ?", (subscription_id, local_date)
        )

    async def last_posted(self, subscription_id: int) -> DigestPost | None:
        return await self._post(
            "WHERE subscription_id = ? AND status = 'posted' ORDER BY at DESC LIMIT 1",
            (subscription_id,),
        )

    async def posts(self, subscription_id: int) -> list[DigestPost]:
        async with self._db.execute(
            "SELECT * FROM digest_posts WHERE subscription_id = ? ORDER BY local_date",
            (subscription_id,),
        ) as cursor:
            return [DigestPost.model_validate(dict(row)) for row in await cursor.fetchall()]

    async def _post(self, where: str, args: tuple[Any, ...]) -> DigestPost | None:
        async with self._db.execute(f"SELECT * FROM digest_posts {where}", args) as cursor:
            row = await cursor.fetchone()
        return DigestPost.model_validate(dict(row)) if row else None

    # --- store versions and record history -----------------------------------------

    async def record_version(
        self, *, version: str, loaded_by: str, counts: dict[str, int], snapshot: Snapshot
    ) -> StoreVersion:
        """Record a loaded store and update the history of every record, in one step."""
        now = _utc(self._clock)
        async with self._transaction() as db:
            known = await self._known(db)
            # comparing 100k records' hashes takes a while: off the event loop
            changes = await asyncio.to_thread(diff, known, snapshot)
            # the rows are built off the event loop too: a first start adds 125k of them
            added, changed, removed = await asyncio.to_thread(_history_rows, changes, snapshot, now)
            await db.executemany(  # one statement per change, not one per record
                """INSERT INTO record_history
                       (kind, record_id, content_hash, first_seen, last_changed)
                   VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT (kind, record_id) DO UPDATE SET
                       content_hash = excluded.content_hash,
                       last_changed = excluded.last_changed, removed_at = NULL""",
                added,
            )
            await db.executemany(
                """UPDATE record_history SET content_hash = ?, last_changed = ?
                   WHERE kind = ? AND record_id = ?""",
                changed,
            )
            await db.executemany(
                """UPDATE record_history SET removed_at = ?, last_changed = ?
                   WHERE kind = ? AND record_id = ?""",
                removed,
            )
            summary = await asyncio.to_thread(changes.model_dump_json)
            cursor = await db.execute(
                """INSERT INTO store_versions (version, loaded_at, loaded_by, sources, actors,
                       facts, topics, diff) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    version,
                    now,
                    loaded_by,
                    counts["sources"],
                    counts["actors"],
                    counts["facts"],
                    counts["topics"],
                    summary,
                ),
            )
            row_id = cursor.lastrowid
        async with self._db.execute(
            "SELECT * FROM store_versions WHERE id = ?", (row_id,)
        ) as cursor:
            row = await cursor.fetchone()
        assert row is not None
        return _version(row)

    async def record_restart(self, *, version: str, loaded_by: str, counts: dict[str, int]) -> bool:
        """Note a start that serves the version recorded last (nothing changed, so the
        history needs no diff); ``False``, noting nothing, when the version is new."""
        async with self._transaction() as db:
            async with db.execute(
                "SELECT version FROM store_versions ORDER BY id DESC LIMIT 1"
            ) as cursor:
                row = await cursor.fetchone()
            if row is None or row[0] != version:
                return False
            await db.execute(
                """INSERT INTO store_versions (version, loaded_at, loaded_by, sources, actors,
                       facts, topics, diff) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    version,
                    _utc(self._clock),
                    loaded_by,
                    counts["sources"],
                    counts["actors"],
                    counts["facts"],
                    counts["topics"],
                    StoreDiff().model_dump_json(),
                ),
            )
        return True

    async def versions(self, limit: int = 20) -> list[StoreVersion]:
        async with self._db.execute(
            "SELECT * FROM store_versions ORDER BY id DESC LIMIT ?", (limit,)
        ) as cursor:
            return [_version(row) for row in await cursor.fetchall()]

    async def known_snapshot(self) -> Snapshot:
        return await self._known(self._db)

    async def _known(self, db: aiosqlite.Connection) -> Snapshot:
        known: Snapshot = {kind: {} for kind in KINDS}
        async with db.execute(
            "SELECT kind, record_id, content_hash FROM record_history WHERE removed_at IS NULL"
        ) as cursor:
            while rows := await cursor.fetchmany(KNOWN_BATCH):
                _add_rows(known, rows)
        return known

    async def changes_since(self, since: str) -> list[RecordChange]:
        """Records added, changed or removed after ``since`` (ISO 8601 UTC)."""
        async with self._db.execute(
            """SELECT * FROM record_history WHERE last_changed > ?
               ORDER BY last_changed, kind, record_id""",
            (since,),
        ) as cursor:
            return [RecordChange.model_validate(dict(row)) for row in await cursor.fetchall()]

    # --- follows ------------------------------------------------------------------------

    async def follow(
        self, *, follower: str, guild_id: int, kind: str, target: str, created_by: int
    ) -> bool:
        """Follow an actor or topic; ``False`` if already followed. Following makes a
        follower marked unreachable (closed DMs) reachable again."""
        async with self._transaction() as db:
            cursor = await db.execute(
                """INSERT INTO follows (follower, guild_id, kind, target, created_by, created_at)
                   VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                (follower, guild_id, kind, target, created_by, _utc(self._clock)),
            )
            await db.execute(  # a new follower is told of what comes after now
                """INSERT INTO followers (follower, seen_version)
                   VALUES (?, (SELECT coalesce(max(id), 0) FROM store_versions))
                   ON CONFLICT (follower) DO UPDATE SET status = 'active', reason = NULL""",
                (follower,),
            )
            return cursor.rowcount > 0

    async def unfollow(self, *, follower: str, kind: str, target: str) -> bool:
        async with self._transaction() as db:
            cursor = await db.execute(
                "DELETE FROM follows WHERE follower = ? AND kind = ? AND target = ?",
                (follower, kind, target),
            )
            return cursor.rowcount > 0

    async def follows(self, follower: str | None = None) -> list[Follow]:
        """Every follow (of one follower), oldest first."""
        where, args = ("WHERE follower = ?", (follower,)) if follower else ("", ())
        async with self._db.execute(
            f"SELECT * FROM follows {where} ORDER BY follower, id", args
        ) as cursor:
            return [Follow.model_validate(dict(row)) for row in await cursor.fetchall()]

    async def follower(self, follower: str) -> Follower | None:
        async with self._db.execute(
            "SELECT * FROM followers WHERE follower = ?", (follower,)
        ) as cursor:
            row = await cursor.fetchone()
        return Follower.model_validate(dict(row)) if row else None

    async def changes_after(self, version_id: int) -> list[tuple[str, str, str]]:
        """(kind, record id, change) for every record changed by the store versions
        recorded after ``version_id``, each record once with its latest change."""
        latest: dict[tuple[str, str], str] = {}
        async with self._db.execute(
            "SELECT diff FROM store_versions WHERE id > ? ORDER BY id", (version_id,)
        ) as cursor:
            async for (text,) in cursor:
                changes = StoreDiff.model_validate_json(text)
                for kind in KINDS:
                    part = getattr(changes, kind)
                    for change in ("added", "changed", "removed"):
                        for record in getattr(part, change):
                            before = latest.get((kind, record))
                            keep = "added" if before == "added" and change == "changed" else change
                            latest[(kind, record)] = keep
        return [(kind, record, change) for (kind, record), change in latest.items()]

    async def claim_alert(self, follower: str, version_id: int) -> bool:
        """Claim the alert of one follower for one store version; ``False`` if claimed."""
        async with self._transaction() as db:
            cursor = await db.execute(
                """INSERT INTO follow_alerts (follower, version_id, status, at)
                   VALUES (?, ?, 'sending', ?) ON CONFLICT DO NOTHING""",
                (follower, version_id, _utc(self._clock)),
            )
            return cursor.rowcount > 0

    async def finish_alert(
        self,
        follower: str,
        version_id: int,
        *,
        message_id: int | None = None,
        failure: str | None = None,
        unreachable: bool = False,
    ) -> None:
        """Record how an alert went; a sent one moves the follower's "since" forward."""
        now = _utc(self._clock)
        async with self._transaction() as db:
            await db.execute(
                """UPDATE follow_alerts SET status = ?, message_id = ?, reason = ?, at = ?
                   WHERE follower = ? AND version_id = ?""",
                ("failed" if failure else "sent", message_id, failure, now, follower, version_id),
            )
            if failure is None:
                await db.execute(
                    """UPDATE followers SET seen_version = max(seen_version, ?)
                       WHERE follower = ?""",
                    (version_id, follower),
                )
            elif unreachable:
                await db.execute(
                    """UPDATE followers SET status = 'unreachable', reason = ?
                       WHERE follower = ?""",
                    (failure, follower),
                )


def _version(row: aiosqlite.Row) -> StoreVersion:
    data = dict(row)
    data["diff"] = StoreDiff.model_validate(json.loads(data["diff"]))
    return StoreVersion.model_validate(data)
