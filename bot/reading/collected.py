"""What a load has read so far: records, where each was written, and every problem.

Shared by :mod:`bot.reading.loader` (which reads the files and checks records against each
other) and :mod:`bot.reading.parsing` (which validates one file's records).
"""

from __future__ import annotations

import hashlib
from array import array
from functools import cached_property
from pathlib import Path
from typing import Any

import msgspec

from bot.records.errors import Problem
from bot.records.served import Record, Source
from bot.store.facts import RECORD_SECTIONS, FactStore, FileRecords

KNOWLEDGE_SECTIONS = ("actors", "facts", "topics", "synonyms")
"""The sections of a knowledge file (each validated by its model in :mod:`.parsing`)."""
Entry = tuple[str, Record, int | None]
"""A record read from a file: its section, the record and its line."""


def fingerprint(rel: str, raw: bytes) -> bytes:
    """What names a file's exact bytes at its place: what a reload compares with the
    served store's files."""
    digest = hashlib.sha256(rel.encode() + b"\0")
    digest.update(raw)
    return digest.digest()


class _Located(msgspec.Struct, frozen=True):
    """A validated record and where it was written."""

    file: str
    line: int | None


class Collected(msgspec.Struct, dict=True):  # a __dict__ for its cached_property
    """What a load has read so far: records, where each was written, and problems."""

    root: Path
    problems: list[Problem] = msgspec.field(default_factory=list)
    sources: dict[str, Source] = msgspec.field(default_factory=dict)
    records: dict[str, dict[str, Any]] = msgspec.field(
        default_factory=lambda: {name: {} for name in KNOWLEDGE_SECTIONS}
    )
    where: dict[str, dict[str, int]] = msgspec.field(default_factory=dict)
    """Where each record was written, by section and id: its file's number in ``files_read``
    and its line, packed in one int (a record's location is only read to report a problem;
    a reload keeps 125k of them alive beside the served store)."""
    files_read: list[str] = msgspec.field(default_factory=list)
    broken: set[str] = msgspec.field(default_factory=set)
    """Ids of records that failed validation: references to them are not reported again."""
    previous: FactStore | None = None
    """The store being served, which lends the records of files that did not change."""
    files: dict[str, FileRecords] = msgspec.field(default_factory=dict)
    digest: str = ""
    """The SHA-256 of every file read, each with its name: the store's version."""

    def lent(self, rel: str, raw: bytes) -> tuple[bytes, list[Entry] | None]:
        """A file's fingerprint, and its records if the served store read these very bytes
        (the same objects, not a second copy)."""
        printed = fingerprint(rel, raw)
        found = self.previous.records_of(rel, printed) if self.previous is not None else None
        return printed, found

    def note_file(
        self, rel: str, printed: bytes, entries: list[tuple[str, Any, int | None]]
    ) -> None:
        self.files[rel] = FileRecords(
            printed,
            bytes(RECORD_SECTIONS.index(section) for section, _, _ in entries),
            tuple(record.id for _, record, _ in entries),
            array("i", (line or 0 for _, _, line in entries)).tobytes(),
        )

    def rel(self, path: Path) -> str:
        """``path`` relative to the root, as a POSIX path (a string operation: paths here
        are absolute and normal, and ``relative_to`` costs more per file than reading
        the file's cache entry)."""
        text, prefix = path.as_posix(), self._prefix
        return text[len(prefix) :] if text.startswith(prefix) else text

    @cached_property
    def _prefix(self) -> str:
        return self.root.as_posix().rstrip("/") + "/"

    def add_source(self, rel: str, source: Source) -> None:
        if source.id in self.sources:
            first = self.sources[source.id].file
            self.problems.append(
                Problem(
                    rel,
                    f"duplicate source id (first defined in {first})",
                    record=source.id,
                    field="id",
                    line=2,
                )
            )
            return
        self.sources[source.id] = source
        self.locate("sources", source.id, rel, 2)

    def add_record(self, rel: str, section: str, record: Record, line: int | None) -> None:
        record_id: str = record.id  # type: ignore[attr-defined]
        records = self.records[section]
        if record_id in records:
            first = self.located(section, record_id)
            assert first is not None  # every record taken was located
            self.problems.append(
                Problem(
                    rel,
                    f"duplicate {section[:-1]} id (first defined in {first.file}:{first.line})",
                    record=record_id,
                    field="id",
                    line=line,
                )
            )
            return
        records[record_id] = record
        self.locate(section, record_id, rel, line)

    def locate(self, section: str, record_id: str, rel: str, line: int | None) -> None:
        if not self.files_read or self.files_read[-1] != rel:
            self.files_read.append(rel)
        packed = ((len(self.files_read) - 1) << 32) | (line or 0)
        self.where.setdefault(section, {})[record_id] = packed

    def located(self, section: str, record_id: str) -> _Located | None:
        packed = self.where.get(section, {}).get(record_id)
        if packed is None:
            return None
        return _Located(self.files_read[packed >> 32], (packed & 0xFFFFFFFF) or None)

    def problem(self, section: str, record_id: str, message: str, fld: str | None = None) -> None:
        at = self.located(section, record_id)
        self.problems.append(
            Problem(
                file=at.file if at else "?",
                line=at.line if at else None,
                record=record_id,
                field=fld,
                message=message,
            )
        )
