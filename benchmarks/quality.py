"""Search quality on the real store: the labelled question set, hit rate and MRR.

A question is a hit when every fact it expects is among /search's first five results; the
reciprocal rank is that of the first expected fact found (0 when none is).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.store import queries
from bot.store.errors import BriefbotError
from bot.store.facts import FactStore

QUESTIONS = Path(__file__).resolve().parents[1] / "tests" / "data" / "search_questions.yaml"
TOP = 5


@dataclass(frozen=True)
class Quality:
    questions: int
    hit_rate: float
    mrr: float
    misses: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "questions": self.questions,
            "hit_rate": round(self.hit_rate, 3),
            "mrr": round(self.mrr, 3),
            "misses": list(self.misses),
        }


def load_questions(path: Path = QUESTIONS) -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded


def top_facts(store: FactStore, question: str) -> list[str]:
    try:
        response = queries.search(store, question)
    except BriefbotError:
        return []
    return [i.fact for s in response.sections for i in s.items if i.fact][:TOP]


def evaluate(store: FactStore, questions: list[dict[str, Any]]) -> Quality:
    hits, reciprocal, misses = 0, 0.0, []
    for question in questions:
        found = top_facts(store, question["q"])
        expected = question["expect"]
        if set(expected) <= set(found):
            hits += 1
        else:
            misses.append(question["q"])
        ranks = [found.index(f) + 1 for f in expected if f in found]
        reciprocal += 1 / min(ranks) if ranks else 0.0
    count = len(questions)
    return Quality(count, hits / count, reciprocal / count, tuple(misses))
