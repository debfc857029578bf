"""Answer quality on the real store: the labelled question sets.

/search: a question is a hit when every fact it expects is among the first five results;
the reciprocal rank is that of the first expected fact found (0 when none is).

/ask: a question passes when every fact it expects is among the first five facts the
answer shows (an empty list: any answer that is not a refusal), or, labelled `refuse`, when
the answer is a refusal ("the sources in the store do not cover …") that lists no fact.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.answers import queries
from bot.records.errors import BriefbotError
from bot.store.facts import FactStore

QUESTIONS = Path(__file__).resolve().parents[1] / "tests" / "data" / "search_questions.yaml"
ASK_QUESTIONS = QUESTIONS.with_name("ask_questions.yaml")
TOP = 5
REFUSE = "refuse"
NOT_SAID = "The sources do not say"
"""How a yes/no answer's first line begins when the sources do not say so: for a question
labelled `refuse`, as good as a refusal (it lists only the facts that bear on it)."""


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


def asked_facts(store: FactStore, question: str, *, strict: bool = False) -> list[str] | None:
    """The first facts /ask shows for ``question``, or None when it refuses (``strict``:
    also when its first line says the sources do not say so)."""
    from bot.answers.questions import answer  # the /ask pipeline, not /search

    try:
        response = answer(store, question)
    except BriefbotError:
        return None
    first = next((s.items[0].text for s in response.sections if s.items), "")
    if strict and first.startswith(NOT_SAID):  # a yes/no answer saying the sources do not say so
        return None
    shown: list[str] = []
    for section in response.sections:
        for item in section.items:
            for fact in item.facts or ((item.fact,) if item.fact else ()):
                if fact not in shown:
                    shown.append(fact)
    return shown[:TOP]


def evaluate_ask(store: FactStore, questions: list[dict[str, Any]]) -> Quality:
    """Pass rate of /ask over labelled questions (``mrr`` over the answerable ones)."""
    passed, reciprocal, answerable, misses = 0, 0.0, 0, []
    for question in questions:
        expected = question["expect"]
        found = asked_facts(store, question["q"], strict=expected == REFUSE)
        if expected == REFUSE:
            ok = found is None
        else:
            answerable += 1
            ok = found is not None and set(expected) <= set(found)
            ranks = [found.index(f) + 1 for f in expected if found and f in found]
            reciprocal += 1 / min(ranks) if ranks else (1.0 if ok else 0.0)
        passed += ok
        if not ok:
            misses.append(question["q"])
    return Quality(
        len(questions), passed / len(questions), reciprocal / max(answerable, 1), tuple(misses)
    )
