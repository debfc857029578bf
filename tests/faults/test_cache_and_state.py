"""The record cache and the database under attack and damage: misses and clear errors."""

from __future__ import annotations

import asyncio
import pickle
import random
import subprocess
import sys
from pathlib import Path

import pytest

from bot.health import check_health
from bot.settings import Settings
from bot.state import State, StateError
from bot.store.diff import snapshot
from bot.store.loader import load_store
from tests.conftest import ROOT, StoreCopy


def load(copy: StoreCopy, cache: Path):  # type: ignore[no-untyped-def]
    return load_store(copy.knowledge, copy.seeds, cache_dir=cache)


class Planted:
    """Unpickling this would create a file: proof that code ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (Path.write_text, (str(self.marker), "code ran"))  # type: ignore[return-value]


def test_a_crafted_cache_entry_never_runs_code(copy: StoreCopy, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = load(copy, cache)
    marker = tmp_path / "pwned"
    for entry in cache.glob("*.pickle"):
        entry.write_bytes(pickle.dumps(Planted(marker)))
    warm = load(copy, cache)
    assert not marker.exists()
    assert snapshot(warm) == snapshot(cold)


def test_forged_records_are_never_served(copy: StoreCopy, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = load(copy, cache)
    for entry in cache.glob("*.pickle"):
        blob = entry.read_bytes()
        forged = blob[:40] + blob[40:].replace(b"Mohamed Bazoum", b"Mohamed Bazoun")
        entry.write_bytes(forged)
    warm = load(copy, cache)
    assert "Mohamed Bazoum" in warm.actors["mohamed-bazoum"].name
    assert snapshot(warm) == snapshot(cold)


def test_bit_flips_in_the_cache_are_misses_never_errors(copy: StoreCopy, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    expected = snapshot(load(copy, cache))
    rng = random.Random(5)
    for _ in range(100):
        entry = rng.choice(sorted(cache.glob("*.pickle")))
        blob = bytearray(entry.read_bytes())
        at = rng.randrange(len(blob))
        blob[at] ^= 1 << rng.randrange(8)
        entry.write_bytes(bytes(blob))
        assert snapshot(load(copy, cache)) == expected


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
