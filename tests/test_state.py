"""The SQLite state: migrations, idempotent posts, history, and surviving a kill."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from bot.state import State
from bot.state.db import migrations
from bot.store.diff import snapshot
from bot.store.facts import FactStore
from tests.conftest import ROOT, StoreCopy


async def pragma(state: State, name: str) -> str:
    """A PRAGMA's answer, read through the state's own connection."""
    async with state._db.execute(f"PRAGMA {name}") as cursor:
        row = await cursor.fetchone()
    return str(row[0]) if row else "no answer"


async def test_migrations_from_an_empty_database(tmp_path: Path) -> None:
    async with await State.open(tmp_path / "new.sqlite3") as state:
        assert await pragma(state, "user_version") == str(len(migrations()))
        assert await pragma(state, "integrity_check") == "ok"
    with sqlite3.connect(tmp_path / "new.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"subscriptions", "digest_posts", "store_versions", "record_history"} <= tables


async def test_migrations_from_a_previous_version_keep_the_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    async with await State.open(path, up_to=1) as old:
        assert await pragma(old, "user_version") == "1"
        await old._db.execute(  # a version-1 row, written as version 1 would have
            "INSERT INTO subscriptions (guild_id, channel_id, local_time, timezone, created_by,"
            " created_at) VALUES (1, 2, '07:30', 'Africa/Bamako', 3, '2026-01-01T00:00:00+00:00')"
        )
    async with await State.open(path) as state:
        assert await pragma(state, "user_version") == str(len(migrations()))
        [subscription] = await state.subscriptions()
        assert (
            subscription.channel_id,
            subscription.local_time,
            subscription.timezone,
            subscription.skip_when_quiet,
        ) == (2, "07:30", "Africa/Bamako", False)


async def test_subscribing_again_updates_and_reactivates(tmp_path: Path) -> None:
    async with await State.open(tmp_path / "s.sqlite3") as state:
        first = await state.add_subscription(
            guild_id=1, channel_id=2, local_time="08:00", timezone="UTC", created_by=3
        )
        await state.record_failure(first.id, "gone", pause_after=1)
        again = await state.add_subscription(
            guild_id=1, channel_id=2, local_time="09:15", timezone="Europe/Paris", created_by=4
        )
        assert again.id == first.id
        assert (again.local_time, again.status, again.failures) == ("09:15", "active", 0)
        assert len(await state.subscriptions(guild_id=1)) == 1
        assert not await state.remove_subscription(2, guild_id=999)  # another server's
        assert await state.remove_subscription(2, guild_id=1)
        assert not await state.remove_subscription(2, guild_id=1)


async def test_a_post_can_be_claimed_once_per_local_date(tmp_path: Path) -> None:
    async with await State.open(tmp_path / "p.sqlite3") as state:
        sub = await state.add_subscription(
            guild_id=1, channel_id=2, local_time="08:00", timezone="UTC", created_by=3
        )
        post = await state.claim_post(sub.id, "2026-01-15", late=False, store_version="v1")
        assert post is not None and post.status == "posting"
        assert await state.claim_post(sub.id, "2026-01-15", late=True, store_version="v1") is None
        assert not await state.skip_post(sub.id, "2026-01-15", "quiet")
        await state.finish_post(post.id, message_id=99)
        last = await state.last_posted(sub.id)
        assert last is not None and (last.message_id, last.status) == (99, "posted")


async def test_failures_pause_after_repeated_days(tmp_path: Path) -> None:
    async with await State.open(tmp_path / "f.sqlite3") as state:
        sub = await state.add_subscription(
            guild_id=1, channel_id=2, local_time="08:00", timezone="UTC", created_by=3
        )
        statuses = [
            (await state.record_failure(sub.id, "Missing Permissions", 3)).status for _ in range(3)
        ]
        assert statuses == ["failing", "failing", "paused"]
        await state.record_success(sub.id)
        assert (await state.subscriptions())[0].status == "active"


async def test_record_history_knows_what_is_new(
    tmp_path: Path, store: FactStore, copy: StoreCopy
) -> None:
    times = iter([datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 1, 2, tzinfo=UTC)])
    now = {"t": next(times)}
    async with await State.open(tmp_path / "h.sqlite3", clock=lambda: now["t"]) as state:
        first = await state.record_version(
            version=store.version,
            loaded_by="startup",
            counts=store.counts(),
            snapshot=snapshot(store),
        )
        assert len(first.diff.facts.added) == len(store.facts)
        copy.edit("knowledge/facts/events.yaml", "was repelled.", "was repelled, the source says.")
        copy.write(
            "knowledge/facts/new.yaml",
            (
                "facts:\n  - id: extra-fact\n    kind: background\n"
                "    text: Germany continues to maintain a presence in the Sahel.\n"
                "    citations:\n      - source: checker-bamako-visit\n"
                "        quote: countries such as Germany continue to maintain a presence\n"
            ),
        )
        newer = copy.load()
        now["t"] = next(times)
        second = await state.record_version(
            version=newer.version,
            loaded_by="alice",
            counts=newer.counts(),
            snapshot=snapshot(newer),
        )
        assert second.diff.facts.added == ("extra-fact",)
        assert second.diff.facts.changed == ("niamey-airport-attack",)
        changes = await state.changes_since("2026-01-01T12:00:00+00:00")
        assert {(c.record_id, c.change) for c in changes} == {
            ("extra-fact", "added"),
            ("niamey-airport-attack", "changed"),
        }
        [latest, _] = await state.versions()
        assert (latest.loaded_by, latest.version) == ("alice", newer.version)


WRITER = """
import asyncio, sys
from pathlib import Path
from bot.state import State

async def main():
    state = await State.open(Path(sys.argv[1]))
    sub = await state.add_subscription(guild_id=1, channel_id=2, local_time="08:00",
                                       timezone="UTC", created_by=3)
    print("ready", flush=True)
    day = 0
    while True:
        day += 1
        post = await state.claim_post(sub.id, f"day-{day}", late=False, store_version="v")
        await state.finish_post(post.id, message_id=day)

asyncio.run(main())
"""


def test_a_process_killed_while_writing_leaves_a_sound_database(tmp_path: Path) -> None:
    path = tmp_path / "killed.sqlite3"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + 30
        while _rows(path) < 200:  # kill it mid-stream, once it is writing steadily
            assert time.monotonic() < deadline, "the writer never got going"
        os.kill(writer.pid, signal.SIGKILL)
    finally:
        writer.wait(timeout=10)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        posted = db.execute("SELECT count(*) FROM digest_posts").fetchone()[0]
        assert posted > 0
        half_done = db.execute(
            "SELECT count(*) FROM digest_posts WHERE status = 'posting'"
        ).fetchone()[0]
        assert half_done <= 1


def _rows(path: Path) -> int:
    try:
        with sqlite3.connect(path, timeout=5) as db:
            return int(db.execute("SELECT count(*) FROM digest_posts").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


COUNTS = {"sources": 0, "actors": 0, "facts": 0, "topics": 0}


async def test_changes_after_a_version_merge_every_later_version(tmp_path: Path) -> None:
    state = await State.open(tmp_path / "state.db")
    try:
        empty: dict[str, dict[str, str]] = {k: {} for k in ("facts", "actors", "sources", "topics")}
        first = await state.record_version(
            version="a", loaded_by="t", counts=COUNTS, snapshot={**empty, "facts": {"x": "1"}}
        )
        await state.record_version(
            version="b",
            loaded_by="t",
            counts=COUNTS,
            snapshot={**empty, "facts": {"x": "2", "y": "1"}},
        )
        await state.record_version(
            version="c", loaded_by="t", counts=COUNTS, snapshot={**empty, "facts": {"y": "2"}}
        )
        merged = sorted(await state.changes_after(first.id))
        assert merged == [("facts", "x", "removed"), ("facts", "y", "added")]
        assert await state.changes_after(first.id + 2) == []
    finally:
        await state.close()


async def test_a_restart_on_the_recorded_version_is_noted_without_a_diff(tmp_path: Path) -> None:
    state = await State.open(tmp_path / "state.db")
    try:
        empty: dict[str, dict[str, str]] = {k: {} for k in ("facts", "actors", "sources", "topics")}
        assert not await state.record_restart(version="a", loaded_by="startup", counts=COUNTS)
        await state.record_version(
            version="a", loaded_by="t", counts=COUNTS, snapshot={**empty, "facts": {"x": "1"}}
        )
        assert await state.record_restart(version="a", loaded_by="startup", counts=COUNTS)
        latest, first = await state.versions()
        assert latest.loaded_by == "startup" and latest.diff.summary() == "no changes"
        assert latest.diff.facts.added == () and first.diff.facts.added == ("x",)
        assert not await state.record_restart(version="b", loaded_by="startup", counts=COUNTS)
        assert len(await state.versions()) == 2
    finally:
        await state.close()


async def test_alerts_a_stop_left_sending_are_resolved_at_the_next_start(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    async with await State.open(path) as state:
        version = await state.record_version(version="a", loaded_by="t", counts=COUNTS, snapshot={})
        await state.follow(follower="user:1", guild_id=1, kind="actor", target="x", created_by=1)
        before = await state.follower("user:1")
        assert await state.claim_alert("user:1", version.id)  # then the process died
    async with await State.open(path) as state:
        assert await state.abandon_alerts() == 1
        assert await state.abandon_alerts() == 0
        assert await state.follower("user:1") == before  # "since" kept: the next alert has it
        assert not await state.claim_alert("user:1", version.id)  # resolved, never re-sent
