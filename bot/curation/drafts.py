"""What the drafts in ``knowledge/drafts/`` say of each other, and what they still lack.

- :func:`proposed_in_drafts`: the actors other drafts propose, so a new draft links them
  (same id) instead of proposing them a second time;
- :func:`draft_problems`: what ``validate --drafts`` reports beyond the loader's checks: a
  fact using an actor only another draft proposes (promote refuses it: that draft first),
  and a ``text`` still beginning with the article's dateline (never rewritten).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'’-]{2,}(?:,\s+[A-Z][a-z]{2,}\.?\s+\d{1,2}(?:,\s+\d{4})?)?\s*"
    r"(?:\([^)]*\))?\s*[-–—]+\s"
)
"""A wire dateline: "BAMAKO, March 13 (Sahel Wire) -", "BAMAKO, Jan 8, 2026 (AFP) -", a
feature's "NIAMEY -"."""


@dataclass(frozen=True)
class Drafted:
    """An actor a draft proposes, not yet in the store."""

    id: str
    name: str
    kind: str
    file: str


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}  # validate reports a broken draft; here it only proposes nothing
    return data if isinstance(data, dict) else {}


def _records(data: dict[str, Any], section: str) -> list[dict[str, Any]]:
    found = data.get(section)
    return [r for r in found if isinstance(r, dict)] if isinstance(found, list) else []


def proposed_in_drafts(drafts_dir: Path, source_id: str, known: set[str]) -> list[Drafted]:
    """The actors the drafts other than ``source_id``'s propose that ``known`` lacks."""
    found: dict[str, Drafted] = {}
    if not drafts_dir.is_dir():
        return []
    for path in sorted(drafts_dir.glob("*.yaml")):
        if path.stem == source_id or not path.is_file():
            continue
        for actor in _records(_read(path), "actors"):
            ident, name = actor.get("id"), actor.get("name")
            if isinstance(ident, str) and isinstance(name, str) and ident not in known:
                kind = actor.get("kind")
                found.setdefault(ident, Drafted(ident, name, str(kind), path.name))
    return list(found.values())


def draft_problems(knowledge_dir: Path, known: set[str]) -> list[str]:
    """Problems of the drafts that loading them all together cannot see (``known``: the
    store's actor ids, drafts left out)."""
    drafts_dir = knowledge_dir / "drafts"
    problems: list[str] = []
    if not drafts_dir.is_dir():
        return problems
    for path in sorted(drafts_dir.glob("*.yaml")):
        data = _read(path)
        lines = _id_lines(path)
        own = {a.get("id") for a in _records(data, "actors")}
        others = {d.id: d.file for d in proposed_in_drafts(drafts_dir, path.stem, known)}
        for fact in _records(data, "facts"):
            ident = fact.get("id")
            line = lines.get(str(ident))
            where = f"drafts/{path.name}" + (f":{line}" if line else "") + f": [{ident}]"
            named = [
                *(fact.get("actors") or []),
                *(fact.get("by") or []),
            ]
            for actor in dict.fromkeys(a for a in named if isinstance(a, str)):
                if actor not in known and actor not in own and actor in others:
                    problems.append(
                        f"{where} actor {actor} is only proposed in drafts/{others[actor]}: "
                        "promote it from there first (promote refuses this fact until then)"
                    )
            text = fact.get("text")
            if isinstance(text, str) and DATELINE.match(text):
                problems.append(
                    f"{where} text still begins with the article's dateline: rewrite it as one "
                    "neutral sentence"
                )
    return problems


_ID_LINE = re.compile(r"^(?: *- | +)id: *[\"']?([a-z0-9-]+)[\"']? *$", re.M)


def _id_lines(path: Path) -> dict[str, int]:
    """Record id -> the line of the draft file its ``id:`` stands on (the first, if twice)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    found: dict[str, int] = {}
    for match in _ID_LINE.finditer(text):
        found.setdefault(match[1], text.count("\n", 0, match.start()) + 1)
    return found
