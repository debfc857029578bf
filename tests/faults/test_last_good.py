"""After a crash with a bad file on disk, the bot starts from the last good store."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.records.errors import StoreInvalid
from bot.serving.holder import StoreHolder
from bot.serving.lastgood import load_for_serving
from bot.serving.reload import Reloader
from bot.state import State
from tests.conftest import StoreCopy


def test_a_broken_store_at_start_serves_the_last_good_copy_loudly(
    copy: StoreCopy, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    saved = tmp_path / "last-good"
    good, fallback = load_for_serving(copy.knowledge, copy.seeds, saved)
    assert not fallback and (saved / "knowledge" / "actors.yaml").is_file()
    copy.write("knowledge/facts/broken.yaml", "facts: [\n")
    served, fallback = load_for_serving(copy.knowledge, copy.seeds, saved)
    assert fallback and served.version == good.version
    assert "THE KNOWLEDGE FILES HAVE 1 PROBLEM(S)" in caplog.text
    assert any(r.levelno == logging.ERROR for r in caplog.records)


def test_without_a_copy_a_broken_store_still_refuses_to_start(
    copy: StoreCopy, tmp_path: Path
) -> None:
    copy.write("knowledge/facts/broken.yaml", "facts: [\n")
    with pytest.raises(StoreInvalid):
        load_for_serving(copy.knowledge, copy.seeds, tmp_path / "none")


async def test_only_stores_actually_served_become_the_last_good_copy(
    copy: StoreCopy, tmp_path: Path
) -> None:
    saved = tmp_path / "last-good"
    store, _ = load_for_serving(copy.knowledge, copy.seeds, saved)
    async with await State.open(tmp_path / "s.sqlite3") as state:
        reloader = Reloader(StoreHolder(store), state, copy.knowledge, copy.seeds, last_good=saved)
        copy.edit("knowledge/facts/events.yaml", "was repelled.", "was repelled, it says.")
        assert (await reloader.reload(by="test")).ok
        assert "was repelled, it says." in (saved / "knowledge/facts/events.yaml").read_text()
        copy.write("knowledge/facts/broken.yaml", "facts: [\n")
        assert not (await reloader.reload(by="test")).ok
        assert not (saved / "knowledge/facts/broken.yaml").exists()
        await reloader.close()


def test_a_full_disk_only_costs_the_cache_and_the_copy(
    copy: StoreCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writes of the cache and the last-good copy fail with ENOSPC: serving goes on."""
    import errno
    import shutil

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", full)
    monkeypatch.setattr(Path, "replace", full)
    store, fallback = load_for_serving(
        copy.knowledge, copy.seeds, tmp_path / "last-good", cache=tmp_path / "cache"
    )
    assert not fallback and store.counts()["facts"] > 30
    assert not (tmp_path / "last-good").exists()
    assert not list((tmp_path / "cache").glob("*.store"))


def test_a_plain_restart_does_not_copy_the_store_again(copy: StoreCopy, tmp_path: Path) -> None:
    saved = tmp_path / "last-good"
    load_for_serving(copy.knowledge, copy.seeds, saved)
    marker = saved / "VERSION"
    before = marker.stat().st_mtime_ns
    load_for_serving(copy.knowledge, copy.seeds, saved)
    assert marker.stat().st_mtime_ns == before


def test_an_edited_last_good_copy_is_never_served_and_is_replaced_once_files_are_fixed(
    copy: StoreCopy, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    saved = tmp_path / "last-good"
    load_for_serving(copy.knowledge, copy.seeds, saved)
    tampered = saved / "knowledge" / "actors.yaml"
    tampered.write_text(tampered.read_text().replace("Mohamed Bazoum", "Mohamed Bazoun"))
    copy.write("knowledge/facts/broken.yaml", "facts: [\n")
    with pytest.raises(StoreInvalid):  # a version never served: refused, loudly
        load_for_serving(copy.knowledge, copy.seeds, saved)
    assert "was changed since it was saved" in caplog.text
    (copy.knowledge / "facts" / "broken.yaml").unlink()
    _, fallback = load_for_serving(copy.knowledge, copy.seeds, saved)  # fixed: refreshed
    assert not fallback
    assert "Mohamed Bazoun" not in tampered.read_text()


def test_a_copy_a_killed_writer_left_is_removed_at_the_next_save(
    copy: StoreCopy, tmp_path: Path
) -> None:
    saved = tmp_path / "last-good"
    left = tmp_path / "last-good.99999.new"
    (left / "knowledge").mkdir(parents=True)
    load_for_serving(copy.knowledge, copy.seeds, saved)
    assert not left.exists() and (saved / "VERSION").is_file()
