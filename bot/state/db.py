"""All runtime state in one SQLite file: subscriptions, posts, store versions, history.

Every SQL statement of the project lives here, behind named async methods that return
models. The schema evolves by numbered migrations (``migrations/NNNN_name.sql``) tracked
by ``PRAGMA user_version``; WAL mode; every multi-step change is one transaction.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import shutil
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any, Self

import aiosqlite

from bot.state.errors import DISK_FULL, StateError
from bot.state.lock import OK, DatabaseLock
from bot.state.models import (
    DigestPost,
    Follow,
    Follower,
    NewReport,
    RecordChange,
    Report,
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


REPORTS_PER_HOUR = 5
"""Reports one person may send in an hour: enough for a bad answer, too few to flood."""
FILES = ("", "-wal", "-shm")
"""The database and the two files SQLite keeps beside it in WAL mode while it is open."""
WATCH_EVERY = 5.0
"""Seconds between two checks that the files are still the ones opened."""
FREE_AGAIN = 1 << 20
"""Free bytes beside the database after which a disk found full is worth writing to again."""


def _inodes(path: Path) -> tuple[tuple[int, int] | None, ...]:
    found: list[tuple[int, int] | None] = []
    for suffix in FILES:
        try:
            info = path.with_name(path.name + suffix).stat()
        except OSError:
            found.append(None)
        else:
            found.append((info.st_dev, info.st_ino))
    return tuple(found)


def _utc(clock: Clock) -> str:
    return clock().astimezone(UTC).isoformat(timespec="seconds")


def _failure(path: Path | None, exc: sqlite3.Error) -> str:
    if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
        return DISK_FULL
    return f"the database {path} could not be written: {exc}"


class State:
    def __init__(
        self,
        db: aiosqlite.Connection,
        clock: Clock,
        path: Path | None = None,
        lock: DatabaseLock | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self._path = path
        self._lock = lock
        self._inodes = _inodes(path) if path is not None else ()
        self._gone: str | None = None
        """Why the files opened are no longer the ones on disk; nothing is written then."""
        self._writing = asyncio.Lock()
        """One transaction at a time on the one connection (SQLite cannot nest them)."""
        self._closed = False

    @classmethod
    async def open(
        cls,
        path: Path,
        clock: Clock | None = None,
        *,
        up_to: int | None = None,
        lock: bool = True,
    ) -> Self:
        """Open (creating if need be), check and migrate; :class:`StateError` when the file
        cannot serve (never a half-open connection left behind). With ``lock`` (a bot) the
        database is this process's alone until :meth:`close`; ``up_to`` is for tests."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StateError(f"the database {path} cannot be opened: {exc}") from None
        held = await asyncio.to_thread(DatabaseLock.acquire, path) if lock else None
        try:
            db = await aiosqlite.connect(path, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            if held is not None:
                held.release()
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
            await state._copy_into_file()
        except BaseException as exc:
            await db.close()
            if held is not None:
                held.release()
            if isinstance(exc, sqlite3.Error):
                raise StateError(f"the database {path} cannot be used: {exc}") from None
            raise
        state._lock = held
        state._inodes = _inodes(path)  # the WAL and its index exist once a read ran
        return state

    async def close(self) -> None:
        """Checkpoint the WAL into the database file, close, release the lock: after a
        stop the database file alone holds everything."""
        if self._closed:
            return
        self._closed = True
        try:
            if self._path is not None and _inodes(self._path)[0] == self._inodes[0]:
                await self._checkpoint()
        finally:
            await self._db.close()
            if self._lock is not None:
                self._lock.release()

    async def _checkpoint(self) -> None:
        try:
            async with self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)") as cursor:
                row = await cursor.fetchone()
        except sqlite3.Error as exc:
            log.warning("could not checkpoint the database's WAL: %s", exc)
            return
        if row is not None and row[0]:
            log.warning("the WAL checkpoint was blocked by another reader; SQLite retries")

    @property
    def fault(self) -> str | None:
        """Why writes fail now (files replaced, disk full), or ``None``."""
        if self._gone is not None:
            return self._gone
        if self._lock is not None and self._lock.status != OK:
            return self._lock.status
        return None

    def check_file(self) -> None:
        """:class:`StateError` if the database or its WAL was deleted or replaced since
        opening: writes would go to files no restart will find."""
        if self._gone is not None:
            raise StateError(self._gone)
        if self._path is None or _inodes(self._path) == self._inodes:
            return
        main_kept = _inodes(self._path)[0] == self._inodes[0]
        what = f"{self._path}'s write-ahead log (-wal, -shm)" if main_kept else str(self._path)
        self._gone = (
            f"the database {what} was deleted or replaced while in use; "
            "nothing more is written: restart the bot to open it again"
        )
        self._note(self._gone)
        log.error("%s", self._gone)
        raise StateError(self._gone)

    async def watch(self, every: float = WATCH_EVERY) -> None:
        """Check the files every ``every`` seconds (runs until cancelled), so a deleted
        or replaced WAL is noticed, and saved into the database file, without a write."""
        while True:
            await self.verify()
            await asyncio.sleep(every)

    async def verify(self) -> None:
        """One check of :meth:`watch`: files still the ones opened; a full disk free again."""
        if self._gone is not None or self._closed:
            return
        try:
            self.check_file()
        except StateError:
            if self._path is not None and _inodes(self._path)[0] == self._inodes[0]:
                async with self._writing:  # what the lost WAL holds goes into the file
                    await self._checkpoint()
            return
        if self.fault == DISK_FULL and self._path is not None:
            try:
                free = shutil.disk_usage(self._path.parent).free
            except OSError:
                return
            if free >= FREE_AGAIN:
                self._note(OK)

    def _note(self, status: str) -> None:
        if self._lock is not None and self._lock.status != status:
            self._lock.note(status)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """One write transaction; a failure to write is a :class:`StateError` saying why
        (disk full, files gone), noted for ``health`` until a write succeeds again."""
        async with self._writing:
            self.check_file()
            try:
                await self._db.execute("BEGIN IMMEDIATE")
                try:
                    yield self._db
                    await self._db.execute("COMMIT")
                except BaseException:
                    if self._db.in_transaction:
                        with contextlib.suppress(sqlite3.Error):
                            await self._db.execute("ROLLBACK")
                    raise
            except (sqlite3.OperationalError, sqlite3.DatabaseError) as exc:
                if isinstance(exc, sqlite3.IntegrityError):
                    raise
                message = _failure(self._path, exc)
                self._note(message)
                log.error("%s", message)
                raise StateError(message) from None
            await self._copy_into_file()
            self._note(OK)

    async def _copy_into_file(self) -> None:
        """Copy what the WAL holds into the database file now, so the file alone is whole
        after a ``kill -9`` too (a backup of it, or a lost WAL, loses nothing committed).
        Writes are rare (subscriptions, posts, versions), so each pays a few milliseconds."""
        with contextlib.suppress(sqlite3.Error):  # a busy reader: the next write retries
            async with self._db.execute("PRAGMA wal_checkpoint(PASSIVE)") as cursor:
                await cursor.fetchone()

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

    async def abandon_alerts(self) -> int:
        """Resolve alerts an earlier run claimed and never finished (a crash while
        sending): failed, so the follower's "since" stays and the next alert carries
        those changes. Only at start: one bot per database, so none is being sent."""
        async with self._transaction() as db:
            cursor = await db.execute(
                """UPDATE follow_alerts SET status = 'failed', at = ?,
                       reason = 'interrupted: the bot stopped while sending'
                   WHERE status = 'sending'""",
                (_utc(self._clock),),
            )
            return cursor.rowcount

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

    # --- reports ------------------------------------------------------------------------

    async def add_report(
        self, report: NewReport, *, per_hour: int = REPORTS_PER_HOUR
    ) -> Report | None:
        """Store a report; ``None`` when its reporter already sent ``per_hour`` in the
        last hour (counted and added in one transaction: no burst slips past)."""
        now = self._clock().astimezone(UTC)
        since = (now - timedelta(hours=1)).isoformat(timespec="seconds")
        async with self._transaction() as db:
            async with db.execute(
                "SELECT count(*) FROM reports WHERE reporter = ? AND created_at > ?",
                (report.reporter, since),
            ) as cursor:
                row = await cursor.fetchone()
            if row is not None and row[0] >= per_hour:
                return None
            footnotes = json.dumps([f.model_dump() for f in report.footnotes])
            cursor = await db.execute(
                """INSERT INTO reports (reporter, reporter_name, guild_id, channel_id,
                       message_id, asked, store_version, what, detail, footnotes, shown,
                       created_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    report.reporter,
                    report.reporter_name,
                    report.guild_id,
                    report.channel_id,
                    report.message_id,
                    report.asked,
                    report.store_version,
                    report.what,
                    report.detail,
                    footnotes,
                    report.shown,
                    now.isoformat(timespec="seconds"),
                ),
            )
            report_id = cursor.lastrowid
        found = await self.report(report_id or 0)
        assert found is not None
        return found

    async def report(self, report_id: int) -> Report | None:
        async with self._db.execute("SELECT * FROM reports WHERE id = ?", (report_id,)) as cursor:
            row = await cursor.fetchone()
        return _report(row) if row else None

    async def reports(self, *, include_closed: bool = False, limit: int = 100) -> list[Report]:
        """Open reports (or all), newest first."""
        where = "" if include_closed else "WHERE status = 'open'"
        async with self._db.execute(
            f"SELECT * FROM reports {where} ORDER BY id DESC LIMIT ?", (limit,)
        ) as cursor:
            return [_report(row) for row in await cursor.fetchall()]

    async def close_report(self, report_id: int, *, by: str, resolution: str) -> Report | None:
        """Close an open report saying what was done; ``None`` if there is no such open one."""
        async with self._transaction() as db:
            cursor = await db.execute(
                """UPDATE reports SET status = 'closed', closed_at = ?, closed_by = ?,
                       resolution = ?
                   WHERE id = ? AND status = 'open'""",
                (_utc(self._clock), by, resolution, report_id),
            )
            closed = cursor.rowcount > 0
        return await self.report(report_id) if closed else None

    async def report_counts(self, *, hours: int = 24) -> tuple[int, int]:
        """(open reports, reports made in the last ``hours``)."""
        since = (self._clock().astimezone(UTC) - timedelta(hours=hours)).isoformat(
            timespec="seconds"
        )
        async with self._db.execute(
            """SELECT count(*) FILTER (WHERE status = 'open'),
                      count(*) FILTER (WHERE created_at > ?)
               FROM reports""",
            (since,),
        ) as cursor:
            row = await cursor.fetchone()
        return (int(row[0]), int(row[1])) if row else (0, 0)


def _version(row: aiosqlite.Row) -> StoreVersion:
    data = dict(row)
    data["diff"] = StoreDiff.model_validate(json.loads(data["diff"]))
    return StoreVersion.model_validate(data)


def _report(row: aiosqlite.Row) -> Report:
    data = dict(row)
    data["footnotes"] = tuple(json.loads(data["footnotes"]))
    return Report.model_validate(data)


def backup(db: Path, target: Path) -> dict[str, int]:
    """A consistent copy of the database at ``target`` through SQLite's backup API (safe
    while the bot runs and writes); the copy is checked, then moved into place whole.
    Rows per table of the copy; :class:`StateError` when either file cannot serve."""
    if not db.is_file():
        raise StateError(f"there is no database at {db}")
    if target.resolve() in {db.resolve(), *(db.resolve().with_name(db.name + s) for s in FILES)}:
        raise StateError(f"the backup {target} would overwrite the database itself")
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        with (
            contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)) as src,
            contextlib.closing(sqlite3.connect(partial)) as copy,
        ):
            src.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            verdict = copy.execute("PRAGMA quick_check").fetchone()
            if verdict is None or verdict[0] != "ok":
                raise StateError(f"the backup of {db} failed its check ({verdict})")
            names = [
                r[0] for r in copy.execute("SELECT name FROM sqlite_master WHERE type='table'")
            ]
            rows = {
                n: int(copy.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) for n in names
            }
        partial.replace(target)
    except (sqlite3.Error, OSError) as exc:
        raise StateError(f"could not back up {db} to {target}: {exc}") from None
    finally:
        partial.unlink(missing_ok=True)
    return rows
