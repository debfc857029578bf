"""A served store saved as data, so a restart on unchanged files serves in about a second.

Reading, validating and indexing 100k facts takes seconds; decoding what they became takes
a fraction of that. After every load the bot serves, the store (its records, the citations'
spans, the timeline order and the built indexes) is written to one file in the cache
folder, named by the hash of every file it was read from and of the code that reads them.
A load whose files hash to a saved name decodes that file instead of reading them.

The file holds data only: msgpack frames decoded by ``msgspec`` into the typed records of
:mod:`bot.records.served` and the indexes' typed saved states. Nothing in it is run. A
SHA-256 of the frames guards against a damaged file (a checksum, not a secret: whoever can
write the cache folder can change what is served, as whoever can write the knowledge
folder can). A file that is damaged, of another format, or fails to decode is a miss.

Frames are encoded a table slice at a time: one ``msgspec`` call for a whole large store
would hold the GIL for a few hundred milliseconds while the bot serves (a reload saves).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import stat
import sys
import time
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

import msgspec

from bot.records.served import Actor, Citation, Fact, Source, Synonyms, Topic
from bot.store.facts import FactStore, SavedFiles, SavedOrder
from bot.store.intervals import IntervalIndex
from bot.store.matching import NameIndex
from bot.store.search import SearchIndex

log = logging.getLogger(__name__)

MAGIC = b"briefbot store 1\n"
SUFFIX = ".store"
KEEP = 2
"""Saved stores kept: the one served and the one before (a reload that is undone)."""
CHUNK = 5000
"""Records per frame: each encodes or decodes in a few milliseconds."""
SIZE_MAX = 8 * 1024 * 1024 * 1024
"""Largest file read (a million facts save to about 1 GB)."""
WRITING_S = 600.0
"""A temporary file untouched this long was left by a writer that died."""
_LENGTH = 8
_CODE = ("records", "reading", "store")
"""The packages whose code makes every saved store stale when it changes."""

T = TypeVar("T")


@cache
def code_version() -> str:
    """Changes whenever the code that reads, checks or indexes records changes, pydantic's
    and msgspec's included (pydantic's version file is read, not imported)."""
    import importlib.util

    digest = hashlib.sha256(f"msgspec {msgspec.__version__}".encode())
    spec = importlib.util.find_spec("pydantic")
    if spec is not None and spec.origin is not None:
        digest.update((Path(spec.origin).parent / "version.py").read_bytes())
    bot = Path(__file__).parents[1]
    for path in sorted(path for name in _CODE for path in (bot / name).glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


class Header(msgspec.Struct, frozen=True):
    key: str
    digest: str
    counts: tuple[int, ...]
    """Frames of each table, in :data:`TABLES` order."""
    spans: int
    """Citations' spans saved (in ``FactStore.spans_in_order``'s order)."""


INDEXES: dict[str, tuple[type[Any], Callable[[Any], Any]]] = {
    "actor_names": (NameIndex.Saved, NameIndex.restore),
    "topic_names": (NameIndex.Saved, NameIndex.restore),
    "source_names": (NameIndex.Saved, NameIndex.restore),
    "fact_search": (SearchIndex.Saved, SearchIndex.restore),
    "dates": (IntervalIndex.Saved, IntervalIndex.restore),
}
"""The store's indexes, each saved as its typed state, and how each is restored."""


TABLES: tuple[tuple[str, type[Any]], ...] = (
    ("sources", Source),
    ("actors", Actor),
    ("facts", Fact),
    ("topics", Topic),
    ("synonyms", Synonyms),
)


def store_key(digest: str) -> str:
    """The saved store's name for files whose contents hash to ``digest``."""
    return hashlib.sha256(f"{code_version()}:{digest}".encode()).hexdigest()


def save(folder: Path, key: str, store: FactStore) -> bool:
    """Write ``store`` (its indexes built) as ``key``, replacing the file only whole;
    ``False`` when it could not be (a cache that cannot be written only costs speed)."""
    temporary = folder / f"{key}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with temporary.open("wb") as out:
            out.write(MAGIC)
            out.write(bytes(digest.digest_size))  # the checksum, once the frames are written
            for frame in _frames(key, store):
                length = len(frame).to_bytes(_LENGTH, "big")
                digest.update(length)
                digest.update(frame)
                out.write(length)
                out.write(frame)
            out.seek(len(MAGIC))
            out.write(digest.digest())
        temporary.replace(folder / f"{key}{SUFFIX}")
    except (OSError, msgspec.EncodeError) as exc:
        log.warning("could not save the store in %s: %s", folder, exc)
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        return False
    prune(folder, keep=key)
    return True


def _frames(key: str, store: FactStore) -> Iterator[bytes]:
    encode = msgspec.msgpack.Encoder().encode
    tables = [list(store.table(name).values()) for name, _ in TABLES]
    counts = tuple(-(-len(rows) // CHUNK) for rows in tables)
    spans = store.spans_in_order()
    yield encode(Header(key, store.digest, counts, len(spans)))
    for rows in tables:
        for at in range(0, len(rows), CHUNK):
            yield encode(rows[at : at + CHUNK])
    for at in range(0, len(spans), CHUNK * 10):
        yield encode(spans[at : at + CHUNK * 10])
    order = store.order
    yield encode(SavedOrder(list(order.timeline), order.placement, order.depth))
    files = store.files
    yield encode(
        SavedFiles(
            list(files),
            [f.fingerprint for f in files.values()],
            [f.sections for f in files.values()],
            [f.lines for f in files.values()],
        )
    )
    for name in INDEXES:
        yield encode(getattr(store, name).save())


def saved(folder: Path, key: str) -> bool:
    """Whether a store is saved as ``key`` (only a valid store ever is)."""
    return (folder / f"{key}{SUFFIX}").is_file()


def load(folder: Path, key: str, build: Callable[..., FactStore]) -> FactStore | None:
    """The store saved as ``key``, rebuilt by ``build`` from what was saved; ``None`` when
    there is none, or it is damaged, of another format, or not what ``key`` names. Read a
    frame at a time: the file is never held whole beside what it decodes to."""
    path = folder / f"{key}{SUFFIX}"
    try:
        with _opened(path) as frames:
            return _decode(frames, key, build)
    except FileNotFoundError:
        return None
    except Exception as exc:
        # the checksum is checked after the last frame, so a damaged frame may fail to
        # decode or to restore in any way first (an index number out of range…)
        log.warning("ignoring the saved store %s: %s: %s", path.name, type(exc).__name__, exc)
        return None


@contextlib.contextmanager
def _opened(path: Path) -> Iterator[_Frames]:
    """A saved store's frames. Never follows a link, never waits on a pipe planted under
    the file's name; raises :class:`OSError` or :class:`_Damaged`."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as handle:
        found = os.fstat(descriptor)
        if not stat.S_ISREG(found.st_mode) or found.st_size > SIZE_MAX:
            raise _Damaged("not a regular file of a plausible size")
        yield _Frames(handle, found.st_size)


def latest(folder: Path, build: Callable[..., FactStore]) -> FactStore | None:
    """The most recently saved store this code wrote, whatever files it was read from
    (to lend its unchanged files' records to a load, as a reload is lent the served
    store); ``None`` when there is none."""
    try:
        saved = sorted(
            (p for p in folder.iterdir() if p.suffix == SUFFIX),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
    except OSError:
        return None
    for path in saved:
        if _by_this_code(path):  # read its header only: older code's stores are skipped
            store = load(folder, path.stem, build)
            if store is not None:
                return store
    return None


def _by_this_code(path: Path) -> bool:
    """Whether the saved store's header names it as this code would name its files."""
    try:
        with _opened(path) as frames:
            header = frames.next(Header)
    except Exception:  # damaged or foreign: a miss, as in :func:`load`
        return False
    return header.key == path.stem == store_key(header.digest)


class _Damaged(Exception):
    """Not a whole saved store of this format."""


class _Frames:
    """A saved store's frames, read one at a time and checked against its checksum."""

    def __init__(self, handle: BinaryIO, size: int) -> None:
        self.handle = handle
        self.left = size
        if self._exactly(len(MAGIC)) != MAGIC:
            raise _Damaged("not a saved store")
        self.expected = self._exactly(hashlib.sha256().digest_size)
        self.digest = hashlib.sha256()

    def _exactly(self, size: int) -> bytes:
        if size > self.left:
            raise _Damaged("cut short")
        data = self.handle.read(size)
        if len(data) != size:
            raise _Damaged("cut short")
        self.left -= size
        return data

    def next(self, kind: type[T]) -> T:
        head = self._exactly(_LENGTH)
        frame = self._exactly(int.from_bytes(head, "big"))
        self.digest.update(head)
        self.digest.update(frame)
        decoder = _decoders.get(kind)
        if decoder is None:
            decoder = _decoders[kind] = msgspec.msgpack.Decoder(kind)
        value: T = decoder.decode(frame)
        return value

    def finish(self) -> None:
        """The end: nothing after the last frame, and the checksum of all of them."""
        if self.left:
            raise _Damaged("more than it should hold")
        if self.digest.digest() != self.expected:
            raise _Damaged("its checksum does not match")


def _decode(frames: _Frames, key: str, build: Callable[..., FactStore]) -> FactStore:
    header = frames.next(Header)
    if header.key != key or len(header.counts) != len(TABLES):
        raise _Damaged("saved for other files")
    tables: dict[str, dict[str, Any]] = {}
    for (name, kind), count in zip(TABLES, header.counts, strict=True):
        rows: dict[str, Any] = {}
        for _ in range(count):
            batch: list[Any] = frames.next(list[kind])  # type: ignore[valid-type]
            if kind is Fact:
                batch = [_shared(fact) for fact in batch]
            rows.update((row.id, row) for row in batch)
        tables[name] = rows
    spans: list[int] = []
    while len(spans) < header.spans:
        spans += frames.next(list[int])
    order = frames.next(SavedOrder)
    files = frames.next(SavedFiles)
    # each restored at once, so no index's saved bytes outlive it
    indexes = {name: restore(frames.next(kind)) for name, (kind, restore) in INDEXES.items()}
    frames.finish()
    return build(
        digest=header.digest,
        tables=tables,
        spans=spans,
        order=order,
        files=files,
        indexes=indexes,
    )


_decoders: dict[Any, msgspec.msgpack.Decoder[Any]] = {}


def _shared(fact: Fact) -> Fact:
    """``fact`` with the ids it refers to as one string each, store-wide (``sys.intern``),
    as a store read from its files has them: decoded, every mention would be a string of
    its own (about 30 MB at 100k facts)."""
    intern = sys.intern
    return msgspec.structs.replace(
        fact,
        actors=tuple(map(intern, fact.actors)),
        by=tuple(map(intern, fact.by)),
        topics=tuple(map(intern, fact.topics)),
        citations=tuple(Citation(intern(c.source), c.quote) for c in fact.citations),
    )


def prune(folder: Path, keep: str) -> None:
    """Keep the ``KEEP`` most recent saved stores (``keep`` among them); remove anything
    else in the folder: older formats (an older briefbot's pickles and key), temporary
    files of a writer that died."""
    try:
        saved = sorted(
            (p for p in folder.iterdir() if p.suffix == SUFFIX and p.stem != keep),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        kept = {f"{keep}{SUFFIX}", *(p.name for p in saved[: KEEP - 1])}
        writing = time.time() - WRITING_S
        for path in folder.iterdir():
            if path.name in kept or not path.is_file():
                continue
            if path.suffix == ".tmp" and path.stat().st_mtime > writing:
                continue  # another process may be writing it now
            path.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("could not prune the saved stores in %s: %s", folder, exc)
