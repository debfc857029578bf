"""One curator command at a time, and edits that survive a crash whole or not at all.

Curation commands take an exclusive lock on the knowledge folder, so two ``ingest`` or
``promote`` runs never interleave. A multi-file edit first records every file's old bytes
in a journal folder, then replaces each file atomically (temporary file + rename); only
when all are written is the journal removed. A journal left behind by a crash is rolled
back by the next curation command, so the files are never left half-edited.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)

JOURNAL = ".briefbot-journal"
WAIT = 60.0
"""Seconds a curation command waits for another to finish before giving up."""


class Busy(Exception):
    """Another curation command holds the knowledge folder."""


class Journal:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._saved: dict[str, str | None] = {}

    def save(self, *paths: Path) -> None:
        """Remember the current bytes (or absence) of files about to change."""
        self.folder.mkdir(parents=True, exist_ok=True)
        for path in paths:
            key = str(path.resolve())
            if key in self._saved:
                continue
            if path.exists():
                name = f"{len(self._saved)}.bak"
                shutil.copy2(path, self.folder / name)
                self._saved[key] = name
            else:
                self._saved[key] = None
        _write_atomically(self.folder / "manifest.json", json.dumps(self._saved).encode())

    def write(self, path: Path, text: str) -> None:
        """Replace ``path`` whole, never leaving it half-written."""
        self.save(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(path, text.encode("utf-8"))

    def remove(self, path: Path) -> None:
        self.save(path)
        path.unlink(missing_ok=True)

    def rollback(self) -> None:
        restore(self.folder)

    def commit(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


class DamagedJournal(Exception):
    """A journal that cannot be rolled back whole: its manifest or a backup it names is
    gone or unreadable (a kill during its own clean-up can leave one)."""


def restore(folder: Path) -> list[str]:
    """Put back every file a journal saved; return their paths. The journal is removed.
    Raises :class:`DamagedJournal`, having changed nothing, when it cannot be whole."""
    manifest = folder / "manifest.json"
    if not manifest.exists():
        shutil.rmtree(folder, ignore_errors=True)
        return []
    try:
        saved = json.loads(manifest.read_text())
        if not isinstance(saved, dict):
            raise ValueError("not a mapping")
    except (OSError, ValueError) as exc:
        raise DamagedJournal(f"its manifest cannot be read ({exc})") from None
    missing = [b for b in saved.values() if b is not None and not (folder / str(b)).is_file()]
    if missing:
        raise DamagedJournal(f"the saved copies {', '.join(map(str, missing))} are gone")
    for path, backup in saved.items():
        if backup is None:
            Path(path).unlink(missing_ok=True)
        else:
            _write_atomically(Path(path), (folder / backup).read_bytes())
    shutil.rmtree(folder, ignore_errors=True)
    return list(saved)


@contextmanager
def curating(knowledge_dir: Path, wait: float = WAIT) -> Iterator[Journal]:
    """Hold the knowledge folder for one curation command; roll back a crashed one first."""
    knowledge_dir.mkdir(parents=True, exist_ok=True)
    with lock_file(knowledge_dir).open("a") as handle:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise Busy(
                        "Another curation command is still running on this knowledge folder; "
                        "try again when it has finished."
                    ) from None
                time.sleep(0.05)
        try:
            folder = knowledge_dir / JOURNAL
            if folder.exists():
                _roll_back(folder)
            _remove_temporaries(knowledge_dir)
            journal = Journal(folder)
            try:
                yield journal
            except BaseException:
                journal.rollback()
                raise
            journal.commit()
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _roll_back(folder: Path) -> None:
    """Roll back an interrupted edit; a journal that cannot be is set aside (never in the
    way of the next command) and the curator told what to check."""
    try:
        restored = restore(folder)
    except DamagedJournal as why:
        aside = folder.with_name(f"{folder.name}.damaged-{int(time.time())}")
        folder.rename(aside)
        log.error(
            "An interrupted edit left a journal that cannot be rolled back: %s. It is set "
            "aside in %s; check the files it names (its manifest.json, or `git status`) and "
            "delete it once they are right.",
            why,
            aside,
        )
        return
    log.warning("rolled back an interrupted edit of: %s", ", ".join(restored))


def _remove_temporaries(knowledge_dir: Path) -> None:
    """Temporary files a killed curation command left (``.NAME.PID.tmp``): with the
    folder held, no writer of them is alive."""
    for stale in knowledge_dir.rglob(".*.tmp"):
        if stale.is_file() and stale.name.split(".")[-2].isdigit():
            stale.unlink(missing_ok=True)


def lock_file(folder: Path) -> Path:
    """The lock for a folder: in the temporary folder, so the data folders stay clean."""
    key = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"briefbot-curation-{key}.lock"


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with temporary.open("wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    temporary.replace(path)
