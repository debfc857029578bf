"""The line of the very field a problem names, found only when a load fails.

A load keeps one line per record (the line of its ``- id:``). Problems found by checking
records against each other (an unknown actor in ``actors[3]``, a date after publication)
would otherwise point a curator at that first line; this reads the few files with such
problems again and points at the field itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.reading.collected import Collected, fingerprint
from bot.reading.yamltree import nodes
from bot.records.errors import Problem

FILES_MAX = 20
"""Files read again at most: the rest keep their records' lines."""

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def pinpoint(collected: Collected, problems: list[Problem]) -> list[Problem]:
    """``problems`` with each record's field problem at the field's own line, when the
    file still holds the bytes the load read."""
    wanted = {p.file for p in problems if _named(p) and p.file in collected.files}
    found: dict[tuple[str, str, str], int] = {}
    for rel in sorted(wanted)[:FILES_MAX]:
        path = Path(rel) if Path(rel).is_absolute() else collected.root / rel
        try:
            raw = path.read_bytes()
            if fingerprint(rel, raw) != collected.files[rel].fingerprint:
                continue  # changed since it was read: its lines may no longer match
            document = nodes(raw.decode("utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        for problem in problems:
            if problem.file == rel and _named(problem):
                where = (rel, problem.record or "", problem.field or "")
                line = field_line(document, where[1], where[2])
                if line is not None:
                    found[where] = line
    return [_at_line(p, found.get((p.file, p.record or "", p.field or ""))) for p in problems]


def _named(problem: Problem) -> bool:
    """A problem with one field of one record (a duplicate id is already at its line)."""
    return bool(problem.record and problem.field and problem.field != "id")


def _at_line(problem: Problem, line: int | None) -> Problem:
    if line is None or line == problem.line:
        return problem
    return Problem(problem.file, problem.message, problem.record, problem.field, line)


def field_line(document: yaml.Node | None, record_id: str, field: str) -> int | None:
    """The 1-based line where ``field`` ("actors[3]", "date.phrase") of the record
    ``record_id`` is written in a knowledge file's composed ``document``."""
    record = _record(document, record_id)
    if record is None:
        return None
    node: yaml.Node = record
    line: int | None = None
    for name, index in _PART.findall(field):
        if name and isinstance(node, yaml.MappingNode):
            pair = next((kv for kv in node.value if kv[0].value == name), None)
            if pair is None:
                break
            line, node = pair[0].start_mark.line, pair[1]
        elif index and isinstance(node, yaml.SequenceNode) and int(index) < len(node.value):
            node = node.value[int(index)]
            line = node.start_mark.line
        else:
            break
    return None if line is None else line + 1


def _record(document: yaml.Node | None, record_id: str) -> yaml.MappingNode | None:
    if not isinstance(document, yaml.MappingNode):
        return None
    for _, section in document.value:
        if not isinstance(section, yaml.SequenceNode):
            continue
        for item in section.value:
            if isinstance(item, yaml.MappingNode) and any(
                key.value == "id" and value.value == record_id for key, value in item.value
            ):
                return item
    return None
