"""A cache of validated records per knowledge file, like ``__pycache__`` for the store.

Parsing YAML dominates loading a large store. Each file's validated records are kept,
keyed by the file's path and bytes and by the code that validated them, so a restart or
a reload re-reads only the files that changed. Cross-record checks always run in full.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from functools import cache
from pathlib import Path
from typing import Any

import pydantic

log = logging.getLogger(__name__)

_CODE = ("models.py", "dates.py", "loader.py", "facts.py", "cache.py")


@cache
def code_version() -> str:
    """Changes whenever the code that parses and validates records changes."""
    digest = hashlib.sha256(pydantic.VERSION.encode())
    for name in _CODE:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()


class RecordCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._used: set[str] = set()

    def _key(self, rel: str, raw: bytes) -> str:
        return hashlib.sha256(code_version().encode() + rel.encode() + b"\0" + raw).hexdigest()

    def get(self, rel: str, raw: bytes) -> list[Any] | None:
        key = self._key(rel, raw)
        self._used.add(key)
        try:
            with (self.folder / f"{key}.pickle").open("rb") as handle:
                entries: list[Any] = pickle.load(handle)
        except FileNotFoundError:
            return None
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError) as exc:
            log.warning("ignoring an unreadable cache entry for %s: %s", rel, exc)
            return None
        return entries

    def put(self, rel: str, raw: bytes, entries: list[Any]) -> None:
        key = self._key(rel, raw)
        self._used.add(key)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self.folder / f"{key}.{os.getpid()}.tmp"
            with temporary.open("wb") as handle:
                pickle.dump(entries, handle, protocol=pickle.HIGHEST_PROTOCOL)
            temporary.replace(self.folder / f"{key}.pickle")
        except OSError as exc:  # a cache that cannot be written only costs speed
            log.warning("could not cache %s: %s", rel, exc)

    def prune(self) -> None:
        """Forget entries this load did not use (files since edited or removed)."""
        for path in self.folder.glob("*.pickle"):
            if path.stem not in self._used:
                path.unlink(missing_ok=True)
