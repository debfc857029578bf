"""Reading curators' files safely: what may be read, and how much.

A knowledge folder is input like any other: a file in it may be a pipe that never ends, a
link out of the folder, a folder named ``x.yaml`` or 200 MB of YAML. Every such case becomes
a reported problem on that file; nothing here hangs, crashes or reads outside the folder.
(How deeply a file may nest is checked where it is parsed, :mod:`bot.reading.parsing`.)
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

MAX_FILE_BYTES = 16 * 1024 * 1024
"""Largest knowledge or seed file read (a 100k-fact store splits into files far smaller)."""


class Unreadable(Exception):
    """Why a file cannot be read: said to the curator as a problem on that file."""


def files_under(folder: Path, suffixes: tuple[str, ...], skip: frozenset[str]) -> Iterator[Path]:
    """Paths under ``folder`` with one of ``suffixes``, sorted, never following links to
    folders (a link loop cannot trap the walk); ``skip`` names top-level folders to pass."""
    found: list[Path] = []
    for current, folders, names in os.walk(folder, followlinks=False):
        here = Path(current)
        if here == folder:
            folders[:] = [f for f in folders if f not in skip]
        found += [here / n for n in names if n.endswith(suffixes)]
        # a folder named like a file is reported rather than silently walked past
        found += [here / f for f in folders if f.endswith(suffixes)]
        folders[:] = [f for f in folders if not f.endswith(suffixes)]
    return iter(sorted(found))


def read_regular(path: Path, root: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file inside ``root``; :class:`Unreadable` otherwise."""
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                raise Unreadable("a symbolic link that leads nowhere, or round in a loop") from None
            if not target.is_relative_to(root.resolve()):
                raise Unreadable(
                    "a symbolic link to a file outside the folder; knowledge and seed files "
                    "must be inside it"
                )
            path, info = target, target.stat()
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable("not a regular file (a folder, pipe or device): remove or rename it")
        if info.st_size > limit:
            raise Unreadable(f"too large ({info.st_size:,} bytes; at most {limit:,}): split it")
        # O_NONBLOCK: should it have become a pipe since, opening it cannot wait forever
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            opened = os.fstat(handle)
            if not stat.S_ISREG(opened.st_mode):
                raise Unreadable("not a regular file (a folder, pipe or device)")
            # one read for the whole file and a byte more: a short read of a regular file
            # is its end, so a file that did not grow since is read in one call
            ask = min(opened.st_size, limit) + 1
            chunks = []
            size = 0
            while chunk := os.read(handle, ask):
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    raise Unreadable(f"too large (over {limit:,} bytes): split it")
                if len(chunk) < ask:
                    break
                ask = 1 << 20
        finally:
            os.close(handle)
    except Unreadable:
        raise
    except OSError as exc:
        raise Unreadable(f"cannot be read: {exc.strerror or exc}") from None
    return b"".join(chunks)
