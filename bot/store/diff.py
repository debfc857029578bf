"""What changed between two versions of the store: added, changed, removed records."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict

from bot.records.served import Record
from bot.store.facts import FactStore

KINDS = ("facts", "actors", "sources", "topics")

Snapshot = dict[str, dict[str, str]]
"""For each kind, each record id's content hash."""


def snapshot(store: FactStore, earlier: tuple[FactStore, Snapshot] | None = None) -> Snapshot:
    """A content hash of every record, to compare versions without keeping them.

    ``earlier``: a store and its snapshot; a record equal to its earlier self keeps its
    hash (comparing is far cheaper than hashing).
    """
    before = _tables(earlier[0]) if earlier else None
    out: Snapshot = {}
    for kind, records in _tables(store).items():
        old = before[kind] if before else {}
        known = earlier[1].get(kind, {}) if earlier else {}
        hashes = out[kind] = {}
        for rid, record in records.items():
            same = known.get(rid) if old.get(rid) == record else None
            hashes[rid] = same or _hash(record)
    return out


def _tables(store: FactStore) -> dict[str, Mapping[str, Record]]:
    return {
        "facts": store.all_facts,  # a retraction is a change, not a removal
        "actors": store.actors,
        "sources": store.sources,
        "topics": store.topics,
    }


def _hash(record: Record) -> str:
    """The record's JSON as its pydantic model writes it, hashed: the same content keeps
    the same hash across versions of the bot (recorded histories compare them)."""
    return hashlib.sha256(_JSON.encode(record).encode()).hexdigest()[:16]


ADDED_LATER = frozenset(
    {"reliability", "based_on", "contradicts", "credibility", "corrected", "retracted"}
)
"""Fields added after histories were first recorded: hashed only when set, so a record
that does not use them keeps the hash it was recorded with."""


def _fields(value: object) -> object:
    if isinstance(value, Record):
        return {
            name: field
            for name in value.__struct_fields__
            if (field := getattr(value, name)) not in (None, ()) or name not in ADDED_LATER
        }
    return str(value)  # a date, as curators write it


_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_fields)


class KindDiff(BaseModel):
    model_config = ConfigDict(frozen=True)

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)


class StoreDiff(BaseModel):
    model_config = ConfigDict(frozen=True)

    facts: KindDiff = KindDiff()
    actors: KindDiff = KindDiff()
    sources: KindDiff = KindDiff()
    topics: KindDiff = KindDiff()

    @property
    def empty(self) -> bool:
        return all(getattr(self, kind).empty for kind in KINDS)

    def summary(self) -> str:
        """'+3 ~1 -0 facts; +1 actors' style one-liner."""
        parts = []
        for kind in KINDS:
            part: KindDiff = getattr(self, kind)
            if not part.empty:
                parts.append(f"+{len(part.added)} ~{len(part.changed)} -{len(part.removed)} {kind}")
        return "; ".join(parts) or "no changes"


def diff(old: Snapshot, new: Snapshot) -> StoreDiff:
    kinds = {}
    for kind in KINDS:
        before, after = old.get(kind, {}), new.get(kind, {})
        kinds[kind] = KindDiff(
            added=tuple(i for i in after if i not in before),
            changed=tuple(i for i in after if i in before and before[i] != after[i]),
            removed=tuple(i for i in before if i not in after),
        )
    return StoreDiff(**kinds)
