"""Curator tools under concurrency and crashes: one copy, honest results, a valid store."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.curation import journal as journal_module
from bot.curation.ingest import IngestError, ingest
from bot.curation.journal import JOURNAL, Busy, curating
from bot.curation.promote import PromoteError, promote
from tests.conftest import ROOT, StoreCopy
from tests.test_curation import VELORIA, veloria, write_draft

__all__ = ["veloria"]  # the fixture, shared with the curation tests


def test_concurrent_ingests_of_one_article_leave_one_copy(copy: StoreCopy) -> None:
    def attempt(n: int) -> str:
        try:
            return ingest(VELORIA, copy.seeds, title=f"Veloria {n}").name
        except IngestError as error:
            return str(error)

    with ThreadPoolExecutor(max_workers=4) as pool:
        outcomes = list(pool.map(attempt, range(8)))
    written = [o for o in outcomes if o.endswith(".md")]
    assert len(written) == 1, outcomes
    assert sum("already in the store" in o for o in outcomes) == 7
    assert len(list(copy.seeds.glob("*.md"))) == 3


def test_concurrent_promotes_never_report_undone_work(veloria: StoreCopy) -> None:
    write_draft(veloria, "veloria")

    def attempt(_: int) -> str:
        try:
            facts, _actors = promote(veloria.knowledge, veloria.seeds, "veloria", ["veloria-04"])
            return f"promoted {facts}"
        except PromoteError as error:
            return error.message

    with ThreadPoolExecutor(max_workers=3) as pool:
        outcomes = list(pool.map(attempt, range(3)))
    assert outcomes.count("promoted ['veloria-04']") == 1, outcomes
    assert all("Not in the draft: veloria-04" in o for o in outcomes if "promoted" not in o)
    store = veloria.load()
    assert "veloria-04" in store.facts
    drafts = (veloria.knowledge / "drafts" / "veloria.yaml").read_text()
    assert "id: veloria-04" not in drafts


def test_a_second_curator_is_told_to_wait(copy: StoreCopy) -> None:
    with (
        curating(copy.knowledge),
        pytest.raises(Busy, match="still running"),
        curating(copy.knowledge, wait=0.1),
    ):
        pass


def test_an_interrupted_edit_is_rolled_back_by_the_next_command(copy: StoreCopy) -> None:
    events = copy.knowledge / "facts" / "events.yaml"
    before = events.read_bytes()
    with pytest.raises(KeyboardInterrupt), curating(copy.knowledge) as journal:
        journal.write(events, "facts: [half written")
        raise KeyboardInterrupt
    assert events.read_bytes() == before  # rolled back at once
    # a crash leaves the journal behind: simulate it, then run any curation command
    journal_folder = copy.knowledge / JOURNAL
    with curating(copy.knowledge) as journal:
        journal.write(events, "facts: [half written")
        journal_folder.rename(copy.root / "kept")  # what a kill -9 would leave...
    (copy.root / "kept").rename(journal_folder)  # ...back in place
    assert events.read_bytes() == b"facts: [half written"
    with curating(copy.knowledge):
        pass
    assert events.read_bytes() == before
    assert not journal_folder.exists()
    copy.load()


class _Crash:
    """Counts the moments a promote writes (before each file's temporary copy, and between
    that copy and its rename over the file); ``os._exit`` at moment ``at``, as a kill would."""

    def __init__(self, at: int | None) -> None:
        self.at = at
        self.moments = 0
        self.write = journal_module._write_atomically

    def moment(self) -> None:
        if self.moments == self.at:
            os._exit(137)
        self.moments += 1

    def __call__(self, path: Path, data: bytes) -> None:
        self.moment()
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(data)
        self.moment()
        temporary.replace(path)


def _promote_in_a_child(copy: StoreCopy, at: int | None) -> int:
    """Run ``promote veloria --all`` in a forked child crashing at moment ``at``; the
    child's exit status, or (with ``at=None``) how many moments a whole promote has."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: no pytest teardown, no atexit
        os.close(read)
        crash = _Crash(at)
        journal_module._write_atomically = crash
        promote(copy.knowledge, copy.seeds, "veloria", None)
        os.write(write, str(crash.moments).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        moments = pipe.read()
    _, status = os.waitpid(pid, 0)
    return int(moments) if at is None else os.waitstatus_to_exitcode(status)


def test_a_promote_killed_between_any_two_writes_is_rolled_back_whole(
    veloria: StoreCopy,
) -> None:
    """Killed before or between every write a promote makes, the next curation command
    leaves the store valid and either as it was or with the whole promote."""
    write_draft(veloria, "veloria")
    before = _files(veloria)
    moments = _promote_in_a_child(veloria, None)
    after = _files(veloria)
    assert moments >= 4 and after != before
    for at in range(moments):
        _put(veloria, before)
        assert _promote_in_a_child(veloria, at) == 137
        with curating(veloria.knowledge):
            pass  # rolls back whatever the killed promote left
        assert _files(veloria) == before, f"killed at moment {at} of {moments}"
        veloria.load()


def _files(copy: StoreCopy) -> dict[str, bytes]:
    """Every file of the store, by path: what a promote may change."""
    return {
        str(path.relative_to(copy.root)): path.read_bytes()
        for folder in (copy.knowledge, copy.seeds)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and ".briefbot-journal" not in path.parts
    }


def _put(copy: StoreCopy, files: dict[str, bytes]) -> None:
    for folder in (copy.knowledge, copy.seeds):
        for path in folder.rglob("*"):
            if path.is_file() and str(path.relative_to(copy.root)) not in files:
                path.unlink()
    for name, data in files.items():
        (copy.root / name).write_bytes(data)


def _restore_actors(copy: StoreCopy) -> None:
    original = (ROOT / "knowledge" / "actors.yaml").read_bytes()
    (copy.knowledge / "actors.yaml").write_bytes(original)


@pytest.mark.parametrize("damage", ["a backup gone", "a manifest unreadable"])
def test_a_damaged_journal_is_set_aside_with_what_to_do_and_never_blocks(
    copy: StoreCopy, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    events = copy.knowledge / "facts" / "events.yaml"
    journal_folder = copy.knowledge / JOURNAL
    with curating(copy.knowledge) as journal:
        journal.write(events, "facts: [half written")
        journal_folder.rename(copy.root / "kept")  # what a kill during clean-up leaves
    (copy.root / "kept").rename(journal_folder)
    if damage == "a backup gone":
        for saved in journal_folder.iterdir():
            if saved.name != "manifest.json":
                saved.unlink()
    else:
        (journal_folder / "manifest.json").write_text("{not json")
    for _ in range(2):  # the next commands go on, each without a traceback
        with curating(copy.knowledge):
            pass
    assert not journal_folder.exists()
    [aside] = copy.knowledge.glob(f"{JOURNAL}.damaged-*")
    assert "cannot be rolled back" in caplog.text and str(aside) in caplog.text


def test_temporary_files_a_killed_writer_left_are_removed(copy: StoreCopy) -> None:
    left = copy.knowledge / "facts" / ".events.yaml.4242.tmp"
    left.write_text("half")
    with curating(copy.knowledge):
        pass
    assert not left.exists()
    assert (copy.knowledge / "facts" / "events.yaml").exists()
