"""State under the running bot: a deleted WAL, a full disk. Said plainly, nothing lost."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.serving.health import check_health
from bot.state import State
from testkit.fakediscord.fake import CURATORS_ROLE, OTHER_CHANNEL_ID, Interaction, OpenApi
from testkit.fakediscord.limits import embed_text
from testkit.fakediscord.payloads import ChannelRef
from tests.conftest import small_filesystem
from tests.discord.conftest import Harness, bot_settings, serving

ADMIN = {"roles": [CURATORS_ROLE]}


def said(state: Interaction) -> str:
    """The interaction's last message (its answer, directly or after a deferral)."""
    data = state.messages()[-1]
    return str(data.get("content") or embed_text(data["embeds"][0]))


def database_problems(harness: Harness) -> list[str]:
    return [p for p in check_health(harness.bot.settings) if "database" in p]


def errors_logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The ERRORs the bot logged (expected here); cleared, so the harness accepts them."""
    found = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"
    caplog.clear()
    return found


async def test_a_wal_deleted_under_the_bot_stops_writes_and_loses_nothing(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    db = harness.bot.settings.db
    await harness.command("digest", {}, subcommand="subscribe", **ADMIN)
    await harness.command("follow", {"actor": "Bazoum"})
    assert database_problems(harness) == []
    for suffix in ("-wal", "-shm"):
        db.with_name(db.name + suffix).unlink()
    await harness.bot.state.verify()  # what the watch does every few seconds
    assert any("write-ahead log" in p for p in database_problems(harness))

    state = await harness.command(
        "digest", {"channel": ChannelRef(OTHER_CHANNEL_ID)}, subcommand="subscribe", **ADMIN
    )
    assert "write-ahead log (-wal, -shm) was deleted" in said(state)
    assert "Something went wrong" not in said(state)
    assert any("write-ahead log" in line for line in errors_logged(caplog))
    await harness.bot.close()
    async with await State.open(db) as reopened:  # the next start finds everything
        assert [s.channel_id for s in await reopened.subscriptions()] != []
        assert len(await reopened.follows()) == 1
        assert len(await reopened.subscriptions()) == 1  # the refused one was not written


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with small_filesystem(tmp_path / "small", "8m") as folder:
        yield folder


def fill(folder: Path) -> Path:
    """Fill the filesystem to the last byte."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        for size in (1 << 16, 4096, 1):
            with contextlib.suppress(OSError):
                while os.write(fd, b"\0" * size):
                    pass
    finally:
        os.close(fd)
    return filler


async def test_a_full_disk_is_said_plainly_and_health_fails_while_writes_fail(
    openapi: OpenApi,
    tmp_path: Path,
    small_disk: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings = bot_settings(tmp_path, db=small_disk / "state.sqlite3")
    async with serving(openapi, settings, monkeypatch, caplog) as harness:
        await harness.bot.state._checkpoint()  # an empty WAL: the next write must grow it
        filler = fill(small_disk)
        state = await harness.command("digest", {}, subcommand="subscribe", **ADMIN)
        assert "The database could not be written: disk full." in said(state)
        follow = await harness.command("follow", {"actor": "Bazoum"})
        assert "disk full" in said(follow)
        assert any("disk full" in p for p in database_problems(harness))
        assert errors_logged(caplog)

        filler.unlink()  # space again: health recovers, writes work
        await harness.bot.state.verify()
        assert database_problems(harness) == []
        state = await harness.command("digest", {}, subcommand="subscribe", **ADMIN)
        assert "will get the digest" in said(state)
        assert len(await harness.bot.state.subscriptions()) == 1
