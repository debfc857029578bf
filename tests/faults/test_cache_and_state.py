"""The database under attack and damage: clear errors. (The saved store's: test_snapshot.py.)"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.serving.health import check_health
from bot.settings import Settings
from bot.state import State, StateError
from tests.conftest import ROOT, StoreCopy

# --- the database ------------------------------------------------------------------------


async def test_concurrent_writers_never_nest_transactions(tmp_path: Path) -> None:
    async with await State.open(tmp_path / "s.sqlite3") as state:
        subscription = await state.add_subscription(
            guild_id=1, channel_id=2, local_time="08:00", timezone="UTC", created_by=3
        )
        writes = []
        for n in range(20):
            writes.append(
                state.record_version(
                    version=f"v{n}",
                    loaded_by="test",
                    counts=dict.fromkeys(("sources", "actors", "facts", "topics", "citations"), n),
                    snapshot={},
                )
            )
            writes.append(
                state.claim_post(
                    subscription.id, f"2026-01-{n + 1:02d}", late=False, store_version=f"v{n}"
                )
            )
            writes.append(
                state.add_subscription(
                    guild_id=1,
                    channel_id=100 + n,
                    local_time="08:00",
                    timezone="UTC",
                    created_by=3,
                )
            )
        results = await asyncio.gather(*writes)
        assert all(r is not None for r in results)
        assert len(await state.subscriptions(guild_id=1)) == 21


def test_a_corrupt_database_is_a_clear_error_not_a_hang(tmp_path: Path) -> None:
    db = tmp_path / "bad.sqlite3"
    db.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 64)
    for command in ("diff", "digest"):
        result = subprocess.run(
            [sys.executable, "-m", "bot", command],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=ROOT,
            env={"BRIEFBOT_DB": str(db), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        )
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert f"Cannot {command}: the database {db}" in result.stderr


async def test_state_refuses_a_damaged_file_and_closes_it(tmp_path: Path) -> None:
    db = tmp_path / "bad.sqlite3"
    db.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StateError, match=r"cannot be used|damaged"):
        await State.open(db)


async def test_a_database_deleted_while_running_is_noticed(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite3"
    settings = Settings(db=db)
    async with await State.open(db) as state:
        assert _database_problems(settings) == []
        db.unlink()
        with pytest.raises(StateError, match="deleted or replaced while in use"):
            await state.add_subscription(
                guild_id=1, channel_id=2, local_time="08:00", timezone="UTC", created_by=3
            )
        [problem] = _database_problems(settings)
        assert f"cannot write the database: the database {db} was deleted" in problem
    assert not db.exists()  # nothing quietly made a new, empty one


def test_health_notices_a_damaged_database(tmp_path: Path) -> None:
    db = tmp_path / "bad.sqlite3"
    db.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 64)
    settings = Settings(db=db)
    [problem] = _database_problems(settings)
    assert str(db) in problem and ("damaged" in problem or "not usable" in problem)


def test_health_notices_a_database_newer_than_the_code(tmp_path: Path) -> None:
    db = tmp_path / "later.sqlite3"
    with contextlib.closing(sqlite3.connect(db)) as made:
        made.execute("PRAGMA user_version = 99")
    [problem] = _database_problems(Settings(db=db))
    assert "has schema 99, newer than this bot's" in problem


def test_health_fails_when_the_package_has_no_migrations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wheel built without its .sql files could not open any database (it once did)."""
    import bot.serving.health as health

    monkeypatch.setattr(health, "migrations", lambda: [])
    problems = _database_problems(Settings(db=tmp_path / "none.sqlite3"))
    assert problems == ["the installed bot has no database migrations (bot/state/migrations)"]


def _database_problems(settings: Settings) -> list[str]:
    return [p for p in check_health(settings) if "database" in p]


def test_a_server_id_among_admin_roles_is_refused_at_start(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "health"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "BRIEFBOT_DB": str(tmp_path / "db.sqlite3"),
            "BRIEFBOT_GUILD_IDS": "200000000000000001",
            "BRIEFBOT_ADMIN_ROLE_IDS": "600000000000000001,200000000000000001",
        },
    )
    assert result.returncode == 2
    assert "BRIEFBOT_ADMIN_ROLE_IDS" in result.stderr and "@everyone" in result.stderr


@pytest.mark.parametrize("replaced", ["s.sqlite3", "s.sqlite3-wal"])
async def test_a_database_or_wal_replaced_while_running_stops_writes(
    tmp_path: Path, replaced: str
) -> None:
    import shutil

    db = tmp_path / "s.sqlite3"
    async with await State.open(db) as state:
        await state.add_subscription(
            guild_id=1, channel_id=2, local_time="08:00", timezone="UTC", created_by=3
        )
        target = tmp_path / replaced
        assert target.exists()
        shutil.copyfile(target, tmp_path / "other")
        (tmp_path / "other").replace(target)  # the same bytes, another file
        with pytest.raises(StateError, match="deleted or replaced while in use"):
            await state.add_subscription(
                guild_id=1, channel_id=4, local_time="08:00", timezone="UTC", created_by=3
            )
        assert _database_problems(Settings(db=db))


async def test_after_a_kill_the_database_file_alone_holds_every_committed_write(
    tmp_path: Path,
) -> None:
    """No clean close (as after ``kill -9``): the file is copied while the bot still holds
    it, WAL left behind, and the copy alone has the subscription."""
    import shutil
    import sqlite3

    db = tmp_path / "s.sqlite3"
    async with await State.open(db) as state:
        await state.add_subscription(
            guild_id=1, channel_id=2, local_time="08:00", timezone="UTC", created_by=3
        )
        shutil.copyfile(db, tmp_path / "copy.sqlite3")  # the file only, no -wal
    with sqlite3.connect(tmp_path / "copy.sqlite3") as copied:
        [(count,)] = copied.execute("SELECT count(*) FROM subscriptions").fetchall()
    assert count == 1


def test_health_checks_the_files_without_building_or_saving_a_store(
    copy: StoreCopy, tmp_path: Path
) -> None:
    settings = Settings(knowledge_dir=copy.knowledge, seeds_dir=copy.seeds, db=tmp_path / "s.db")
    assert check_health(settings) == []
    assert not (tmp_path / ".briefbot-cache").exists()  # a healthcheck saves nothing
    copy.write("knowledge/facts/broken.yaml", "facts: [\n")
    assert any("problem" in p for p in check_health(settings))
