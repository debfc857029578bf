"""Reading curators' files safely: what may be read, how much, and how deeply nested.

A knowledge folder is input like any other: a file in it may be a pipe that never ends, a
link out of the folder, a folder named ``x.yaml``, 200 MB of YAML or 30,000 nested brackets
(which crash libyaml's recursive composer outright). Every such case becomes a reported
problem on that file; nothing here hangs, crashes or reads outside the folder.
"""

from __future__ import annotations

import itertools
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

import yaml

MAX_FILE_BYTES = 16 * 1024 * 1024
"""Largest knowledge or seed file read (a 100k-fact store splits into files far smaller)."""
MAX_DEPTH = 48
"""Deepest nesting of lists and mappings a knowledge file may have (they need about 6)."""
NODES_PER_BYTE = 2
"""YAML aliases may not make a file expand to more values than this many per byte of it."""


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


_BRACKETS = re.compile(r"[\[\]{}]")
_DEEP_INDENT = re.compile(rf"\n {{{MAX_DEPTH // 2}}}")
_MARKER_RUN = re.compile(r"[-?][ \t]+" * 5 + r"[-?]")


def nesting_problem(text: str, first_line: int = 1) -> tuple[str, int | None] | None:
    """Why ``text`` nests too deeply for the YAML parser, with the line, or ``None``.

    Cheap checks at regular-expression speed come first (open flow brackets, deep
    indentation, runs of block markers on one line); only text that could be deep is
    parsed event by event, which does not recurse, to find the real depth and its line.
    """
    opens = text.count("[") + text.count("{")
    if opens > MAX_DEPTH // 2:  # brackets in quotes count too: an upper bound
        brackets = _BRACKETS.findall(text)
        flow = max(itertools.accumulate((1 if c in "[{" else -1 for c in brackets), initial=0))
    else:
        flow = opens
    if flow <= MAX_DEPTH // 2 and not _DEEP_INDENT.search(text) and not _MARKER_RUN.search(text):
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    line = event.start_mark.line + first_line if event.start_mark else None
                    return (f"nested more than {MAX_DEPTH} levels deep", line)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:
        # libyaml 0.2.6 (PyYAML 6.0.3+) refuses deep flow nesting itself, while scanning
        # ahead of the events: the same problem, said the same way.
        if "nesting depth" in str(exc):
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + first_line if mark is not None else None
            return (f"nested more than {MAX_DEPTH} levels deep", line)
        return None  # reported as a syntax error by the real parse
    return None
