"""Warnings a store can be valid with, but a curator should look at.

Two facts about the same actors that say nearly the same thing yet carry dates that do not
overlap are probably one event dated differently by two sources (one article reporting a
visit as "in January", another "on Monday" in February). Validation stays green; the
warning names both facts, their dates and the sources behind each.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.records.text import simplify
from bot.store.facts import FactStore

SAME_EVENT = 72
"""Similarity (rapidfuzz token set ratio) at which two facts read as one event."""


@dataclass(frozen=True)
class DateConflict:
    first: str
    second: str
    message: str


def date_conflicts(store: FactStore) -> list[DateConflict]:
    """Pairs of events about the same actors, worded alike, dated apart."""
    found: list[DateConflict] = []
    seen: set[tuple[str, str]] = set()
    for fact in store.timeline:
        if fact.kind != "event" or fact.date is None or len(fact.actors) < 2:
            continue
        first, second = fact.actors[0], fact.actors[1]
        others = set(store.facts_by_actor.get(first, ())) & set(
            store.facts_by_actor.get(second, ())
        )
        for other_id in sorted(others - {fact.id}):
            pair = (min(fact.id, other_id), max(fact.id, other_id))
            other = store.facts[other_id]
            if pair in seen or other.kind != "event" or other.date is None:
                continue
            seen.add(pair)
            a, b = fact.date.when, other.date.when
            if a.overlaps(b.start, b.end):
                continue
            if fuzz.token_set_ratio(simplify(fact.text), simplify(other.text)) < SAME_EVENT:
                continue
            found.append(
                DateConflict(
                    pair[0],
                    pair[1],
                    f"facts {fact.id} ({a.label}, from {', '.join(fact.sources)}) and "
                    f"{other.id} ({b.label}, from {', '.join(other.sources)}) read as the same "
                    "event but are dated apart: check which date the sources support",
                )
            )
    return found
