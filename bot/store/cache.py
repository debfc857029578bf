"""A cache of validated records per knowledge file, like ``__pycache__`` for the store.

Parsing YAML dominates loading a large store. Each file's validated records are kept,
keyed by the file's path and bytes and by the code that validated them, so a restart or
a reload re-reads only the files that changed. Cross-record checks always run in full.

Entries are pickles, and a pickle can run code: so every entry is authenticated with an
HMAC under a random key kept beside the cache folder (created on first use, readable by
the bot's user only). An entry briefbot did not write for exactly these bytes, a damaged
one, or one that fails to decode for any reason is a cache miss, never code run or a
record served.

A file is written as chunks, each followed by the HMAC of everything up to its end, and
closed by a signed end mark. It is read a chunk at a time: the unpickler is only ever
given bytes already checked, and a large saved index is never held whole beside what it
unpickles to.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import importlib.util
import logging
import os
import pickle
import stat
import time
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

import msgspec

log = logging.getLogger(__name__)

_CODE = (
    "models.py",
    "records.py",
    "dates.py",
    "parsing.py",
    "yamltree.py",
    "standalone.py",
    "text.py",
    "loader.py",
    "facts.py",
    "cache.py",
)
MAGIC = b"briefbc3"
ENTRY_MAX = 256 * 1024 * 1024
"""Largest record-cache entry read (one knowledge file's records); a larger file is not ours."""
SAVED_MAX = 4 * 1024 * 1024 * 1024
"""Largest saved index or check results read: a million facts' indexes take about 400 MB."""
KEY_BYTES = 32
TAG_BYTES = 32
LENGTH_BYTES = 8
ABANDONED_S = 3600.0
"""A temporary file untouched this long was left by a writer that died: pruned."""
END = b"end"
"""Signed after the last chunk: a file cut short at a chunk's end is not whole."""


@cache
def code_version() -> str:
    """Changes whenever the code that parses and validates records changes, pydantic's
    included (its version file is read, not imported: a cached load never imports it)."""
    digest = hashlib.sha256(f"msgspec {msgspec.__version__}".encode())
    digest.update(_package_file("pydantic", "version.py"))
    for name in _CODE:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()


def _package_file(package: str, name: str) -> bytes:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(f"{package} is not installed")
    return (Path(spec.origin).parent / name).read_bytes()


def fingerprint(rel: str, raw: bytes) -> bytes:
    """What names a file's exact bytes at its place: the key of its records here, and what
    a reload compares with the served store's files."""
    digest = hashlib.sha256(rel.encode() + b"\0")
    digest.update(raw)
    return digest.digest()


def cache_key(folder: Path) -> bytes | None:
    """The cache's signing key, beside its folder; created on first use. ``None`` (no
    caching) when it cannot be read or made."""
    path = folder.parent / f"{folder.name}.key"
    try:
        key = path.read_bytes()
        if len(key) == KEY_BYTES:
            return key
        log.warning("the cache key %s is damaged; making a new one", path)
    except FileNotFoundError:
        pass
    except OSError as exc:
        log.warning("cannot read the cache key %s (%s): not caching", path, exc)
        return None
    key = os.urandom(KEY_BYTES)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(handle, "wb") as out:
            out.write(key)
        temporary.replace(path)
    except OSError as exc:
        log.warning("cannot write the cache key %s (%s): not caching", path, exc)
        return None
    return key


_INDEX_CODE = (
    "records.py",
    "facts.py",
    "search.py",
    "matching.py",
    "intervals.py",
    "text.py",
    "cache.py",
)


@cache
def index_code_version() -> str:
    """Changes whenever the code that builds indexes changes."""
    digest = hashlib.sha256(code_version().encode())
    for name in _INDEX_CODE:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()


class _Signing:
    """A file the pickler writes to frame by frame: each write becomes a chunk followed by
    the HMAC of everything so far, and the GIL is offered to other threads between frames.
    ``pickle.dumps`` of a large index would hold it for a fifth of a second, stalling the
    bot's event loop during a reload."""

    def __init__(self, handle: BinaryIO, signer: hmac.HMAC) -> None:
        self.handle = handle
        self.signer = signer

    def write(self, data: bytes | memoryview) -> int:
        chunk = memoryview(data).cast("B")
        self.signer.update(chunk)
        self.handle.write(chunk.nbytes.to_bytes(LENGTH_BYTES, "big"))
        self.handle.write(chunk)
        self.handle.write(self.signer.copy().digest())
        time.sleep(0)  # let the event loop run between frames
        return chunk.nbytes

    def close(self) -> None:
        """The end mark: a chunk of no bytes, signed with everything before and ``END``."""
        end = self.signer.copy()
        end.update(END)
        self.handle.write(bytes(LENGTH_BYTES) + end.digest())


class _Unsigned(Exception):
    """Bytes that briefbot did not sign under this key."""


class _Checking:
    """The reading side of :class:`_Signing`, for the unpickler: it hands out a chunk's
    bytes only once the chunk's HMAC matched, and never holds more than one chunk."""

    def __init__(self, handle: BinaryIO, signer: hmac.HMAC, size: int) -> None:
        self.handle = handle
        self.signer = signer
        self.left = size
        """Bytes of the file not read yet: no length read from it may ask for more."""
        self.chunk = b""
        self.at = 0
        self.ended = False

    def _next(self) -> bool:
        """Read and check the next chunk; ``False`` at the (checked) end mark."""
        length = int.from_bytes(self._exactly(LENGTH_BYTES), "big")
        data = self._exactly(length) if length else b""
        tag = self._exactly(TAG_BYTES)
        if length == 0:
            end = self.signer.copy()
            end.update(END)
            if not hmac.compare_digest(tag, end.digest()):
                raise _Unsigned
            self.ended = True
            return False
        self.signer.update(data)
        if not hmac.compare_digest(tag, self.signer.copy().digest()):
            raise _Unsigned
        self.chunk, self.at = data, 0
        return True

    def _exactly(self, size: int) -> bytes:
        if size > self.left:
            raise _Unsigned  # cut short, or a length no file of this size holds
        data = self.handle.read(size)
        if len(data) != size:
            raise _Unsigned
        self.left -= size
        return data

    def read(self, size: int = -1) -> bytes:
        parts = []
        while size != 0:
            if self.at >= len(self.chunk) and (self.ended or not self._next()):
                break
            end = len(self.chunk) if size < 0 else min(len(self.chunk), self.at + size)
            parts.append(self.chunk[self.at : end])
            size = size if size < 0 else size - (end - self.at)
            self.at = end
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def readinto(self, buffer: bytearray | memoryview) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def readline(self) -> bytes:
        parts = []
        while not self.ended and (self.at < len(self.chunk) or self._next()):
            stop = self.chunk.find(b"\n", self.at)
            end = len(self.chunk) if stop < 0 else stop + 1
            parts.append(self.chunk[self.at : end])
            self.at = end
            if stop >= 0:
                break
        return b"".join(parts)

    def finish(self) -> None:
        """What follows the pickle: the end mark, then nothing."""
        if self.at < len(self.chunk) or (not self.ended and self._next()):
            raise _Unsigned
        if self.handle.read(1):
            raise _Unsigned


class RecordCache:
    def __init__(self, folder: Path, key: bytes | None = None) -> None:
        self.folder = folder
        self._secret = key if key is not None else cache_key(folder)
        self._used: set[str] = set()

    @property
    def writable(self) -> bool:
        """Whether entries are written (not when the signing key cannot be had)."""
        return self._secret is not None

    def _key(self, fingerprint: bytes) -> str:
        return hashlib.sha256(code_version().encode() + fingerprint).hexdigest()

    def _signer(self, key: str) -> hmac.HMAC:
        assert self._secret is not None
        return hmac.new(self._secret, key.encode() + b"\0", hashlib.sha256)

    def get(self, fingerprint: bytes, rel: str) -> list[Any] | None:
        """The records of the file ``fingerprint`` names (see :func:`fingerprint`)."""
        key = self._key(fingerprint)
        self._used.add(key)
        entries = self._read(key, ".pickle", f"a cache entry for {rel}")
        return entries if isinstance(entries, list) else None

    def put(self, fingerprint: bytes, rel: str, entries: list[Any]) -> None:
        key = self._key(fingerprint)
        self._used.add(key)
        self._write(key, ".pickle", entries, f"cache {rel}")

    def get_seeds(self, folder: str) -> dict[bytes, list[Any]]:
        """The records of the articles last read from ``folder`` (named relative to the
        root), by each file's fingerprint; empty when there are none.

        Articles are kept together in one entry rather than one each: creating a file
        here costs about ten times what parsing a small article does (0.8 against
        0.07 ms), and reading one entry for thousands costs less than reading each."""
        key = self._seeds_key(folder)
        self._used.add(key)
        seeds = self._read(key, ".seeds", f"the cached articles of {folder}")
        return seeds if isinstance(seeds, dict) else {}

    def put_seeds(self, folder: str, seeds: dict[bytes, list[Any]]) -> None:
        key = self._seeds_key(folder)
        self._used.add(key)
        self._write(key, ".seeds", seeds, f"cache the articles of {folder}")

    def _seeds_key(self, folder: str) -> str:
        return hashlib.sha256(f"seeds:{code_version()}:{folder}".encode()).hexdigest()

    def keep(self, fingerprint: bytes) -> None:
        """Keep the entry of a file this load took from elsewhere (the served store)."""
        self._used.add(self._key(fingerprint))

    def get_indexes(self, version: str) -> dict[str, Any] | None:
        """A store's built indexes, if this code built them for exactly this version."""
        indexes = self._read(self._index_key(version), ".index", "saved indexes")
        return indexes if isinstance(indexes, dict) else None

    def put_indexes(self, version: str, indexes: dict[str, Any], keep: int = 2) -> None:
        """Save a store's indexes (the ``keep`` most recent versions are kept)."""
        if self._write(
            self._index_key(version), ".index", indexes, "save the indexes", shared=False
        ):
            self._keep_latest("*.index", keep)

    def get_checked(self, digest: str) -> dict[str, Any] | None:
        """What the cross-record checks found for exactly these files (all valid), if this
        code checked them before: the citations' spans and the timeline's order."""
        checked = self._read(self._checked_key(digest), ".checked", "saved checks")
        return checked if isinstance(checked, dict) else None

    def put_checked(self, digest: str, checked: dict[str, Any], keep: int = 2) -> None:
        if self._write(
            self._checked_key(digest), ".checked", checked, "save the checks", shared=False
        ):
            self._keep_latest("*.checked", keep)

    def _checked_key(self, digest: str) -> str:
        return hashlib.sha256(f"checked:{index_code_version()}:{digest}".encode()).hexdigest()

    def _keep_latest(self, pattern: str, keep: int) -> None:
        try:
            saved = sorted(self.folder.glob(pattern), key=lambda p: p.stat().st_mtime)
            for old in saved[:-keep]:
                old.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("could not prune %s: %s", pattern, exc)

    def _read(self, key: str, suffix: str, what: str) -> Any:
        """What briefbot signed under ``key``; ``None`` (a miss) for anything else."""
        if self._secret is None:
            return None
        path = self.folder / f"{key}{suffix}"
        try:
            # never follows a link, never waits on a pipe planted under an entry's name
            flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
            descriptor = os.open(path, flags)
        except FileNotFoundError:
            return None
        except OSError as exc:  # a symbolic link among them: briefbot writes none
            log.warning("ignoring %s: %s", what, exc)
            return None
        with os.fdopen(descriptor, "rb") as handle:
            try:
                limit = ENTRY_MAX if suffix == ".pickle" else SAVED_MAX
                found = os.fstat(descriptor)
                if not stat.S_ISREG(found.st_mode) or found.st_size > limit:
                    raise _Unsigned
                if handle.read(len(MAGIC)) != MAGIC:
                    raise _Unsigned
                reader = _Checking(handle, self._signer(key), found.st_size - len(MAGIC))
                value = pickle.Unpickler(reader).load()
                reader.finish()
            except _Unsigned:
                log.warning("ignoring %s that briefbot did not write", what)
                return None
            except Exception as exc:  # signed yet undecodable: still only a miss
                log.warning("ignoring undecodable %s: %s", what, exc)
                return None
        return value

    def _write(self, key: str, suffix: str, value: Any, what: str, *, shared: bool = True) -> bool:
        """Sign and store ``value`` whole (temporary file + rename); ``False`` if it could
        not be (a cache that cannot be written only costs speed). ``shared=False``: the
        value has no cycles, and objects it holds twice may be stored twice."""
        if self._secret is None:
            return False
        temporary = self.folder / f"{key}.{os.getpid()}.tmp"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            try:
                self._dump(temporary, key, value, fast=not shared)
            except (KeyError, ValueError, RecursionError):
                # the memo-less pickler refuses cycles, and deeply nested shared objects
                # (a KeyError from its cycle check): write it the ordinary way instead
                self._dump(temporary, key, value, fast=False)
            temporary.replace(self.folder / f"{key}{suffix}")
        except (OSError, ValueError, RecursionError) as exc:
            log.warning("could not %s: %s", what, exc)
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
            return False
        return True

    def _dump(self, path: Path, key: str, value: Any, *, fast: bool) -> None:
        """Pickle ``value`` to ``path`` frame by frame, signing as it goes. ``fast``: without
        a memo, so the pickler never stops for its hash table's growth (tens of ms for a
        large index, with the GIL held), and writes and loads faster."""
        with path.open("wb") as handle:
            handle.write(MAGIC)
            signing = _Signing(handle, self._signer(key))
            pickler = pickle.Pickler(signing, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.fast = fast
            pickler.dump(value)
            signing.close()

    def _index_key(self, version: str) -> str:
        return hashlib.sha256(f"{index_code_version()}:{version}".encode()).hexdigest()

    def prune(self) -> None:
        """Forget entries this load did not use (files since edited or removed), and
        temporary files a writer left behind (one killed while writing) over an hour ago."""
        abandoned = time.time() - ABANDONED_S
        try:
            for path in self.folder.iterdir():
                if path.suffix in (".pickle", ".seeds") and path.stem not in self._used:
                    path.unlink(missing_ok=True)
                elif path.suffix == ".tmp":
                    with contextlib.suppress(FileNotFoundError):  # renamed meanwhile
                        if path.lstat().st_mtime < abandoned:
                            path.unlink()
        except OSError as exc:
            log.warning("could not prune the record cache: %s", exc)
