"""The real ``briefbot run`` process: stopped, killed, doubled, cut off from Discord.

A stopped bot leaves everything in the database file itself (no state only in the WAL);
a second bot on the same database is refused, naming the first; a killed bot's lock is
taken over by the next one.
"""

from __future__ import annotations

import shutil
import signal
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from testkit.fakediscord import payloads
from testkit.fakediscord.fake import CURATORS_ROLE, FakeDiscord, OpenApi
from tests.discord.process import BotProcess, answered

ADMIN = {"roles": [CURATORS_ROLE]}


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    discord = FakeDiscord(OpenApi())
    await discord.start()
    try:
        yield discord
    finally:
        await discord.stop()


def tables_of(db: Path, into: Path) -> dict[str, int]:
    """Rows per table of the database file alone, as a backup of just that file sees it."""
    into.mkdir()
    alone = into / db.name
    shutil.copyfile(db, alone)
    with sqlite3.connect(alone) as copy:
        names = [r[0] for r in copy.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: copy.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in names}


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
async def test_a_stopped_bot_leaves_everything_in_the_database_file(
    fake: FakeDiscord, tmp_path: Path, stop: signal.Signals
) -> None:
    db = tmp_path / "state.sqlite3"
    bot = await BotProcess.start(fake.url, tmp_path, db)
    try:
        await bot.ready()
        said = await answered(fake, payloads.slash("digest", {}, subcommand="subscribe", **ADMIN))
        assert "will get the digest" in said
        said = await answered(fake, payloads.slash("follow", {"actor": "Bazoum"}))
        assert "will get a cited message" in said
        assert await bot.signal(stop) == 0, bot.text
    finally:
        await bot.kill()
    assert f"{stop.name} received: stopping" in bot.text
    assert "Traceback" not in bot.text
    wal = db.with_name(db.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # checkpointed into the file
    rows = tables_of(db, tmp_path / "backup")
    assert rows["subscriptions"] == 1 and rows["follows"] == 1 and rows["store_versions"] >= 1


async def test_a_second_bot_on_the_same_database_is_refused_naming_the_first(
    fake: FakeDiscord, tmp_path: Path
) -> None:
    db = tmp_path / "state.sqlite3"
    first = await BotProcess.start(fake.url, tmp_path, db)
    try:
        await first.ready()
        second = await BotProcess.start(fake.url, tmp_path, db)
        assert await second.exit() == 2
        assert f"another briefbot (pid {first.child.pid}) is using the database" in second.text
        assert "Traceback" not in second.text
        connections = [r for r in fake.requests if r.path == "/users/@me"]
        assert len(connections) == 1  # refused before it ever logged in
    finally:
        await first.kill()


async def test_a_killed_bots_lock_is_taken_over_by_the_next(
    fake: FakeDiscord, tmp_path: Path
) -> None:
    db = tmp_path / "state.sqlite3"
    first = await BotProcess.start(fake.url, tmp_path, db)
    try:
        await first.ready()
        await answered(fake, payloads.slash("digest", {}, subcommand="subscribe", **ADMIN))
    finally:
        await first.kill()  # SIGKILL: no clean-up at all
    assert db.with_name(db.name + ".lock").exists()
    after = await BotProcess.start(fake.url, tmp_path, db)
    try:
        await after.ready()
        said = await answered(fake, payloads.slash("digest", {}, subcommand="list", **ADMIN))
        assert "every day at 08:00 UTC" in said
        assert await after.signal(signal.SIGTERM) == 0
    finally:
        await after.kill()


async def test_start_up_without_discord_says_so_in_one_line(tmp_path: Path) -> None:
    bot = await BotProcess.start("http://127.0.0.1:9", tmp_path, tmp_path / "s.sqlite3")
    assert await bot.exit() == 3
    assert "Traceback" not in bot.text
    assert bot.log[-1].startswith("Cannot reach Discord (") and bot.log[-1].endswith(
        "check the network."
    )
