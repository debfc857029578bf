"""One bot per database: an exclusive ``flock`` on a lock file beside it.

The kernel releases a ``flock`` when its process dies, however it dies, so a killed bot's
lock is simply taken by the next one; a live bot's lock is refused, naming its pid. The
lock file is never deleted (deleting a lock file someone may be opening gives two holders).

The file also holds one fixed-size record, ``"<pid> <status>"``: ``ok`` while the bot's
writes work, else why they fail. ``briefbot health`` reads it (another process cannot see
the bot's connection). The record is rewritten in place over blocks allocated at start, so
even a full disk can be told that the disk is full.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from pathlib import Path

from bot.state.errors import StateError

RECORD = 512
"""Bytes of the record: a pid and a status line, padded with spaces."""
WAIT = 1.0
"""Seconds a start waits for the lock: a ``health`` probe holds it for microseconds."""
OK = "ok"


def lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


class DatabaseLock:
    """The lock this process holds on one database, and its status record."""

    def __init__(self, fd: int, db: Path) -> None:
        self._fd = fd
        self.db = db
        self.status = OK

    @classmethod
    def acquire(cls, db: Path, wait: float = WAIT) -> DatabaseLock:
        """Take the lock, or :class:`StateError` naming the process that holds it."""
        path = lock_path(db)
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StateError(
                f"the database {db} cannot be used: its lock file cannot be opened ({exc})"
            ) from None
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise StateError(_refusal(db)) from None
                time.sleep(0.02)
        lock = cls(fd, db)
        try:
            os.ftruncate(fd, RECORD)
            lock.note(OK)
        except OSError:  # a full disk at start: the lock holds; health reads the pid
            pass
        return lock

    def note(self, status: str) -> None:
        """Record whether writes work (``ok``) or why not; best effort, never raises."""
        self.status = status
        text = f"{os.getpid()} {' '.join(status.split())}"[: RECORD - 1]
        with contextlib.suppress(OSError):
            os.pwrite(self._fd, (text.ljust(RECORD - 1) + "\n").encode(), 0)

    def release(self) -> None:
        if self._fd >= 0:
            fd, self._fd = self._fd, -1
            os.close(fd)  # closing the last descriptor releases the flock


class Holder:
    def __init__(self, pid: int | None, status: str) -> None:
        self.pid = pid
        self.status = status


def holder(db: Path) -> Holder | None:
    """The live process holding the database's lock (its pid and status), if any."""
    path = lock_path(db)
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _read(fd)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def _read(fd: int) -> Holder:
    try:
        text = os.pread(fd, RECORD, 0).decode("utf-8", "replace").strip()
    except OSError:
        text = ""
    pid, _, status = text.partition(" ")
    return Holder(int(pid) if pid.isdigit() else None, status.strip() or OK)


def _refusal(db: Path) -> str:
    found = holder(db)
    who = f"pid {found.pid}" if found is not None and found.pid is not None else "another process"
    return (
        f"another briefbot ({who}) is using the database {db}; one bot per database: "
        "stop that one first, or point BRIEFBOT_DB at another file"
    )
