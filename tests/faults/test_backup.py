"""``briefbot backup FILE``: a consistent copy, taken while the bot holds the database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.cli import main
from bot.state import State


async def test_a_backup_taken_while_the_bot_runs_holds_what_is_only_in_the_wal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "state.sqlite3"
    monkeypatch.setenv("BRIEFBOT_DB", str(db))
    target = tmp_path / "copies" / "backup.sqlite3"
    target.parent.mkdir()
    async with await State.open(db) as state:  # the running bot: lock held, WAL in use
        await state.add_subscription(
            guild_id=1, channel_id=2, local_time="08:00", timezone="UTC", created_by=3
        )
        await state.follow(follower="user:5", guild_id=1, kind="actor", target="x", created_by=5)
        assert db.with_name(db.name + "-wal").stat().st_size > 0
        assert main(["backup", str(target)]) == 0
    out = capsys.readouterr().out
    assert f"wrote {target}" in out and "1 subscriptions" in out and "1 follows" in out
    assert sorted(p.name for p in target.parent.iterdir()) == ["backup.sqlite3"]  # one file
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert copy.execute("SELECT channel_id FROM subscriptions").fetchall() == [(2,)]
    async with await State.open(target) as restored:  # a backup is a database to start from
        assert [s.channel_id for s in await restored.subscriptions()] == [2]


def test_a_backup_is_refused_plainly_without_a_database_or_over_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "state.sqlite3"
    monkeypatch.setenv("BRIEFBOT_DB", str(db))
    assert main(["backup", str(tmp_path / "b.sqlite3")]) == 2
    assert f"Cannot back up: there is no database at {db}." in capsys.readouterr().err
    sqlite3.connect(db).close()
    assert main(["backup", str(db)]) == 2
    assert "would overwrite the database itself" in capsys.readouterr().err
