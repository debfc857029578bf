"""How good a draft is: ``briefbot draft`` scored against what a curator would keep.

Two kinds of case:

- **the seeds**: each seed article drafted against the real store with that article's facts
  taken out (see docs/draft-quality.md for what is kept and why), scored against the
  hand-curated ``knowledge/`` facts citing it;
- **our own articles** (``tests/data/drafts/*.yaml``): short pieces written for this in the
  style of wire, radio and analysis copy, each with a hand-written expected result.

Each drafted candidate is compared field by field with its expected fact: the speaker
(``by``/``attribution``), the kind, the date, the actors, the restatement. A field is
*right*, *wrong* (a guess a curator must notice and undo), or *blank* (left for the
curator, which costs an edit but misleads nobody). ``edits`` counts the fields a curator
changes: wrong and blank ones, junk proposals to delete and missed new actors to add.

python -m testkit.drafts   # prints the table
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

from bot.curation.draft import Candidate, Draft, draft
from bot.curation.ingest import ingest
from bot.reading.loader import load_store
from bot.records.dates import FuzzyDate
from bot.records.text import simplify
from bot.store.facts import FactStore

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "data" / "drafts"
SEEDS = ("checker-bamako-visit", "us-shifts-strategy")
ATTRIBUTION_MATCH = 70
"""rapidfuzz partial ratio at which a drafted ``attribution`` names the expected speaker."""


@dataclass(frozen=True)
class Expected:
    """What a careful curator keeps for one sentence."""

    kind: str
    by: frozenset[str]
    attribution: str | None
    date: str | None
    actors: frozenset[str]
    restates: str | None


@dataclass
class Score:
    name: str
    speaker: dict[str, int] = field(default_factory=lambda: {"right": 0, "wrong": 0, "blank": 0})
    kind: dict[str, int] = field(default_factory=lambda: {"right": 0, "wrong": 0})
    date: dict[str, int] = field(
        default_factory=lambda: {"right": 0, "vaguer": 0, "wrong": 0, "blank": 0}
    )
    actors: dict[str, int] = field(default_factory=lambda: {"right": 0, "wrong": 0, "missed": 0})
    proposals: dict[str, int] = field(default_factory=lambda: {"right": 0, "junk": 0, "missed": 0})
    restates: dict[str, int] = field(default_factory=lambda: {"right": 0, "wrong": 0, "missed": 0})
    sentences: int = 0
    wrong_fields: list[str] = field(default_factory=list)

    @property
    def edits(self) -> int:
        return (
            self.speaker["wrong"]
            + self.speaker["blank"]
            + self.kind["wrong"]
            + self.date["wrong"]
            + self.date["blank"]
            + self.date["vaguer"]
            + self.actors["wrong"]
            + self.actors["missed"]
            + self.proposals["junk"]
            + self.proposals["missed"]
            + self.restates["wrong"]
            + self.restates["missed"]
        )

    def add(self, other: Score) -> None:
        for name in ("speaker", "kind", "date", "actors", "proposals", "restates"):
            mine, theirs = getattr(self, name), getattr(other, name)
            for key in mine:
                mine[key] += theirs[key]
        self.sentences += other.sentences
        self.wrong_fields += other.wrong_fields


def score_candidate(
    score: Score, candidate: Candidate, expected: Expected, published: str | None
) -> None:
    score.sentences += 1
    label = " ".join(candidate.sentence.text.split())[:40]
    _speaker(score, candidate, expected, label)
    if candidate.kind == expected.kind:
        score.kind["right"] += 1
    else:
        score.kind["wrong"] += 1
        score.wrong_fields.append(f"kind {candidate.kind}≠{expected.kind}: {label}")
    _date(score, candidate, expected, label, published)
    drafted = {*candidate.actors, *candidate.by}
    wanted = set(expected.actors | expected.by)
    score.actors["right"] += len(drafted & wanted)
    score.actors["wrong"] += len(drafted - wanted)
    score.actors["missed"] += len(wanted - drafted)
    if drafted - wanted:
        score.wrong_fields.append(f"actors +{sorted(drafted - wanted)}: {label}")
    if candidate.restates == expected.restates:
        if expected.restates:
            score.restates["right"] += 1
    elif candidate.restates:
        score.restates["wrong"] += 1
        score.wrong_fields.append(f"restates {candidate.restates}: {label}")
    else:
        score.restates["missed"] += 1


def _speaker(score: Score, candidate: Candidate, expected: Expected, label: str) -> None:
    if candidate.by:
        if set(candidate.by) <= expected.by:  # one of the speakers: not wrong
            score.speaker["right"] += 1
        else:
            score.speaker["wrong"] += 1
            score.wrong_fields.append(f"by {candidate.by}≠{sorted(expected.by)}: {label}")
        return
    if candidate.attribution:
        wanted = expected.attribution or ""
        if wanted and fuzz.partial_ratio(simplify(candidate.attribution), simplify(wanted)) >= (
            ATTRIBUTION_MATCH
        ):
            score.speaker["right"] += 1
        else:
            score.speaker["wrong"] += 1
            score.wrong_fields.append(f"attribution {candidate.attribution!r}≠{wanted!r}: {label}")
        return
    if expected.by or expected.attribution:
        score.speaker["blank"] += 1
    else:
        score.speaker["right"] += 1  # narration, rightly with no speaker


def _date(
    score: Score, candidate: Candidate, expected: Expected, label: str, published: str | None
) -> None:
    drafted = candidate.date.get("when") if candidate.date else None
    if drafted is None:
        if expected.date is not None:
            score.date["blank"] += 1
        else:
            score.date["right"] += 1
        return
    said = expected.kind in ("statement", "claim", "quote", "analysis")
    if expected.date is None and said and drafted == published:
        score.date["right"] += 1  # words said or written when the article appeared
        return
    if expected.date is None:
        score.date["wrong"] += 1
        score.wrong_fields.append(f"date {drafted}, none expected: {label}")
        return
    mine, theirs = FuzzyDate.parse(str(drafted)), FuzzyDate.parse(expected.date)
    if (mine.start, mine.end) == (theirs.start, theirs.end):
        score.date["right"] += 1
    elif mine.start <= theirs.start and theirs.end <= mine.end:
        score.date["vaguer"] += 1
    else:
        score.date["wrong"] += 1
        score.wrong_fields.append(f"date {drafted}≠{expected.date}: {label}")


def score_proposals(score: Score, result: Draft, wanted: dict[str, str]) -> None:
    """``wanted``: the new actors' names (as the article gives them) and kinds."""
    names = {simplify(n): n for n in wanted}
    for actor in result.proposed:
        if simplify(actor.name) in names:
            score.proposals["right"] += 1
        else:
            score.proposals["junk"] += 1
            score.wrong_fields.append(f"proposed {actor.name!r}")
    found = {simplify(a.name) for a in result.proposed}
    score.proposals["missed"] += sum(1 for n in names if n not in found)


# --- the seeds, against knowledge/ ----------------------------------------------------------


@contextmanager
def store_without(source_id: str) -> Iterator[FactStore]:
    """The real store with ``source_id``'s facts taken out: facts citing only it are
    dropped, facts citing it and another source keep only the other's citations (so a
    sentence restating them can be recognised), topics are dropped (their summaries name
    the facts removed), and actors, their roles and relations are kept (a curator drafting
    an article knows the actors already in the store)."""
    with tempfile.TemporaryDirectory(prefix="briefbot-drafts-") as folder:
        root = Path(folder)
        shutil.copytree(ROOT / "seeds", root / "seeds")
        shutil.copytree(ROOT / "knowledge", root / "knowledge")
        facts_dir = root / "knowledge" / "facts"
        loaded = {
            p: yaml.safe_load(p.read_text(encoding="utf-8")) for p in facts_dir.glob("*.yaml")
        }
        kept_ids = set()
        for data in loaded.values():
            for fact in data.get("facts", []):
                if any(c["source"] != source_id for c in fact["citations"]):
                    kept_ids.add(fact["id"])
        for path, data in loaded.items():
            facts = []
            for fact in data.get("facts", []):
                if fact["id"] not in kept_ids:
                    continue
                dated_here = fact["citations"][0]["source"] == source_id
                fact["citations"] = [c for c in fact["citations"] if c["source"] != source_id]
                fact.pop("topics", None)
                if fact.get("responds_to"):
                    fact["responds_to"] = [i for i in fact["responds_to"] if i in kept_ids]
                date = fact.get("date")
                if isinstance(date, dict):
                    if dated_here and not date.get("source"):
                        date["source"] = source_id  # its date still rests on that article
                    if date.get("after"):
                        date["after"] = [i for i in date["after"] if i in kept_ids]
                facts.append(fact)
            data["facts"] = facts
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
        (root / "knowledge" / "topics.yaml").write_text("topics: []\n")
        yield load_store(root / "knowledge", root / "seeds")


def score_seed(source_id: str, truth: FactStore) -> Score:
    score = Score(source_id)
    with store_without(source_id) as store:
        result = draft(store, source_id)
        when = store.sources[source_id].published
        published = str(when.date) if when else None
        kept = set(store.facts)
    spans = [
        (truth.span(c), fact)
        for fact in truth.facts.values()
        for c in fact.citations
        if c.source == source_id
    ]
    for candidate in result.candidates:
        sentence = candidate.sentence
        overlaps = [
            (min(span.end, sentence.end) - max(span.start, sentence.start), fact.id)
            for span, fact in spans
            if span.start < sentence.end and sentence.start < span.end
        ]
        if not overlaps:
            continue
        fact = truth.facts[max(overlaps)[1]]
        expected = Expected(
            kind=str(fact.kind),
            by=frozenset(fact.by),
            attribution=fact.attribution,
            date=str(fact.date.when) if fact.date else None,
            actors=frozenset(fact.actors),
            restates=fact.id if fact.id in kept else None,
        )
        score_candidate(score, candidate, expected, published)
    score_proposals(score, result, {})  # every actor of the seeds is in the store
    return score


# --- our own articles -------------------------------------------------------------------------


def load_cases(folder: Path = CASES) -> list[dict[str, Any]]:
    return [
        yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.yaml"))
    ]


def score_case(case: dict[str, Any]) -> Score:
    score = Score(case["id"])
    with tempfile.TemporaryDirectory(prefix="briefbot-drafts-") as folder:
        root = Path(folder)
        shutil.copytree(ROOT / "seeds", root / "seeds")
        shutil.copytree(ROOT / "knowledge", root / "knowledge")
        ingest(
            case["text"].encode("utf-8"),
            root / "seeds",
            title=case["title"],
            outlet=case.get("outlet"),
            published=str(case["published"]),
            estimated=bool(case.get("estimated", False)),
            reasoning=case.get("reasoning"),
            source_id=case["id"],
        )
        result = draft(load_store(root / "knowledge", root / "seeds"), case["id"])
    expected = {simplify(e["sentence"]): e for e in case["expect"]}
    for candidate in result.candidates:
        key = simplify(candidate.sentence.text)
        entry = next((e for prefix, e in expected.items() if key.startswith(prefix)), None)
        if entry is None:
            continue
        when = entry.get("date")
        score_candidate(
            score,
            candidate,
            Expected(
                kind=entry["kind"],
                by=frozenset(entry.get("by", ())),
                attribution=entry.get("attribution"),
                date=None if when is None else str(when),
                actors=frozenset(entry.get("actors", ())),
                restates=entry.get("restates"),
            ),
            str(case["published"]),
        )
    drafted = {simplify(c.sentence.text) for c in result.candidates}
    missing = [p for p in expected if not any(d.startswith(p) for d in drafted)]
    score.sentences += 0
    score.wrong_fields += [f"not drafted: {p[:40]}" for p in missing]
    score_proposals(score, result, dict(case.get("new_actors", {})))
    return score


# --- the table ----------------------------------------------------------------------------


def run() -> list[Score]:
    truth = load_store(ROOT / "knowledge", ROOT / "seeds")
    scores = [score_seed(s, truth) for s in SEEDS] + [score_case(c) for c in load_cases()]
    total = Score("all")
    for score in scores:
        total.add(score)
    return [*scores, total]


def table(scores: list[Score]) -> str:
    head = (
        "| article | sentences | speakers right/wrong/blank | kinds right/wrong "
        "| dates right/vaguer/wrong/blank | actor links right/wrong/missed "
        "| proposals right/junk/missed | restates right/wrong/missed | edits |"
    )
    rows = [head, "|" + "---|" * 9]
    for s in scores:
        rows.append(
            f"| {s.name} | {s.sentences} | {_cells(s.speaker)} | {_cells(s.kind)} "
            f"| {_cells(s.date)} | {_cells(s.actors)} | {_cells(s.proposals)} "
            f"| {_cells(s.restates)} | {s.edits} |"
        )
    return "\n".join(rows)


def _cells(counts: dict[str, int]) -> str:
    return "/".join(str(v) for v in counts.values())


def main() -> None:
    scores = run()
    print("Draft quality (testkit/drafts.py; see docs/draft-quality.md)")
    print(table(scores))


if __name__ == "__main__":
    main()


FLOORS: dict[str, tuple[str, str, int]] = {
    # name: (field, count, recorded bound) for the "all" row; "wrong", "junk" and edits are
    # ceilings, the rest floors. Raise them as the draft improves; never lower them (a
    # ceiling moves up only when a new case brings its own count: "actor links wrong" went
    # from 16 to 17 with wire-sahel-desk's "Niger's former president", and from 17 to 20
    # with the fourth round's three articles, one each, see the doc; to 22 with the eleventh
    # round's explainer-niamey-opening, whose "towards Moscow" links Russia, left out of its key;
    # down to 21 in the twelfth round: "told AFP" no longer links AFP in checker-bamako-visit).
    "speakers right": ("speaker", "right", 210),
    "speakers wrong": ("speaker", "wrong", 2),
    "kinds right": ("kind", "right", 195),
    "dates right": ("date", "right", 205),
    "dates wrong": ("date", "wrong", 1),
    "actor links right": ("actors", "right", 275),
    "actor links wrong": ("actors", "wrong", 21),
    "proposals right": ("proposals", "right", 61),
    "proposals junk": ("proposals", "junk", 0),
    "restates right": ("restates", "right", 5),
    "restates wrong": ("restates", "wrong", 0),
}
EDITS_CEILING = 147
"""114 on the eleven cases before the fourth round (unchanged by it), plus the 34 edits the
three articles it added still need (3, 25, 6; they needed 102 before its rules), plus the 4
the fifth round's transcript-border-desk still needs (it needed 40 before its rules); 149
after the seventh round's first rules ("The US has declared a stark policy shift" is no
statement), 141 after its "she said" opening a paragraph (the one person the paragraph
before named: four speakers and four actor links more in the seeds); 139 after the ninth
round ("what Russia described as" names no speaker: 2 fewer in the seeds), whose own
wire-volta-talks needs 0 (19 before its rules); 141 with the tenth round's wire-rail-link,
which needs 2 (19 before its rules: a body named in lower-case words, "National Rail
Office", is still not proposed); 147 with the eleventh round's explainer-niamey-opening,
which needs 6 (22 before its rules: an expert's "argues" and "said" drafted as claims, a
main verb's "telling a rally" left without a speaker, "Moscow" linked as Russia twice); still
147 after the twelfth round, whose wire-ouagadougou-power-line needs 1 (a body's "said" drafted
a statement, its key a claim) while checker-bamako-visit needs one fewer (AFP only told); still
147 with the fourteenth round's analysis-steadier-hand, which needs 0 (14 before its rules)."""


def below_floor(total: Score) -> list[str]:
    """Every recorded bound the ``all`` row no longer meets."""
    failed = []
    for name, (part, count, bound) in FLOORS.items():
        value = getattr(total, part)[count]
        ceiling = count in ("wrong", "junk")
        if (value > bound) if ceiling else (value < bound):
            failed.append(f"{name}: {value} ({'at most' if ceiling else 'at least'} {bound})")
    if total.edits > EDITS_CEILING:
        failed.append(f"edits: {total.edits} (at most {EDITS_CEILING})")
    return failed
