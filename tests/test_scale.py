"""What the benchmarks rely on, checked small: generated stores and behaviour at size."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bot.answers import queries
from bot.reading.loader import load_store
from bot.store.facts import FactStore
from testkit.generate import generate


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> FactStore:
    folder = tmp_path_factory.mktemp("generated")
    generate(folder, 1200, seed=3)
    return load_store(folder / "knowledge", folder / "seeds")


def test_a_generated_store_passes_validation(generated: FactStore) -> None:
    counts = generated.counts()
    assert counts["facts"] == 1200 and counts["actors"] == 240 and counts["sources"] == 60
    for fact in generated.facts.values():
        for citation in fact.citations:
            assert generated.quoted(citation) == citation.quote


def test_generation_is_deterministic(tmp_path: Path) -> None:
    generate(tmp_path / "a", 300, seed=5)
    generate(tmp_path / "b", 300, seed=5)
    for path in (tmp_path / "a").rglob("*"):
        if path.is_file():
            assert (
                path.read_bytes()
                == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes()
            )


def test_long_lists_are_capped_with_a_note(generated: FactStore) -> None:
    timeline = queries.timeline(generated)
    items = timeline.sections[0].items
    assert len(items) == queries.TIMELINE_MAX
    assert any(
        n.startswith(f"Timeline: showing the latest {queries.TIMELINE_MAX} of")
        for n in timeline.notes
    )
    topic = next(iter(generated.topics.values()))
    brief = queries.brief(generated, topic.id, more=True)
    more = next(s for s in brief.sections if s.title == "More on this topic")
    assert len(more.items) == queries.LIST_MAX
    assert any("More on this topic: showing the latest" in n for n in brief.notes)


def test_a_filtered_timeline_equals_filtering_the_whole(generated: FactStore) -> None:
    actor = next(iter(generated.actors.values()))
    filtered = [i.fact for i in queries.timeline(generated, actor=actor.id).sections[0].items]
    involved = set(generated.facts_by_actor[actor.id])
    expected = [f.id for f in generated.timeline if f.id in involved][-queries.TIMELINE_MAX :]
    assert filtered == expected


def test_search_ranks_the_fact_that_holds_every_word_first(generated: FactStore) -> None:
    fact = generated.facts["f000123"]
    words = [w for w in fact.text.split() if len(w) > 5][:3]
    hits = generated.fact_search.search(" ".join(words), limit=5)
    assert fact.id in [h.id for h in hits]


def _rerank_every_candidate(store: FactStore, query: str, limit: int) -> list[tuple[str, float]]:
    """search() spelled out: every BM25 candidate's text read for phrases, none skipped."""
    import heapq

    from bot.store.search import PHRASE_BOOST, RERANK, _tier, query_words

    index = store.fact_search
    expansions = [e for e in (index.expand(w) for w in query_words(query)) if e]
    weighted: dict[str, float] = {}
    for expansion in expansions:
        for term, weight in expansion.items():
            weighted[term] = max(weight, weighted.get(term, 0.0))
    rarity = [index._rarity(e) for e in expansions]
    rarest = index._rarest(expansions, rarity)
    ranked = []
    for doc, score in index._bm25(weighted, max(limit, RERANK)):
        matched = index._matched(doc, weighted)
        final = score * index._coverage(expansions, rarity, matched)
        final *= 1 + PHRASE_BOOST * index._phrases(doc, index._pairs(expansions, matched))
        ranked.append((_tier(rarest, matched), final, doc))
    best = heapq.nlargest(limit, ranked, key=lambda item: (item[0], item[1], -item[2]))
    return [(index._ids[doc], round(final, 3)) for _, final, doc in best]


def test_phrase_reranking_reads_only_candidates_that_can_still_place(
    generated: FactStore,
) -> None:
    """Candidates are re-ranked from the highest ceiling down and reading stops early; the
    answers are those of reading every candidate (generated facts share wording: many ties)."""
    rng = random.Random(8)
    facts = list(generated.facts.values())
    queries_ = ["will not accept", "talks stalled said", "drone base heavy security"]
    for _ in range(150):
        words_ = rng.choice(facts).text.split()
        start = rng.randrange(len(words_))
        queries_.append(" ".join(words_[start : start + rng.randrange(1, 9)]))
    for query in queries_:
        for limit in (1, 5, 10):
            hits = [(h.id, h.score) for h in generated.fact_search.search(query, limit)]
            assert hits == _rerank_every_candidate(generated, query, limit), (query, limit)


@pytest.mark.parametrize("stride", [1, 2, 5, 16])
def test_the_best_found_through_a_sample_are_the_best_of_all(
    generated: FactStore, monkeypatch: pytest.MonkeyPatch, stride: int
) -> None:
    """BM25's top n, found among the documents scoring at least a sample's n-th best, are
    those of sorting every document found, ties and order included."""
    from bot.store import search

    index = generated.fact_search
    rng = random.Random(stride)
    terms = sorted(index._postings, key=lambda t: -len(index._postings[t].docs))
    cases = [{term: 1.0} for term in terms[:30]]  # the commonest words: the most ties
    cases += [
        {t: rng.choice([0.35, 0.7, 1.0]) for t in rng.sample(terms[:200], 3)} for _ in range(60)
    ]
    for weighted in cases:
        for n in (1, 5, 40, 400):
            monkeypatch.setattr(search, "SAMPLE_FROM", 10**9)
            every = index._bm25(weighted, n)
            monkeypatch.setattr(search, "SAMPLE_FROM", 0)
            monkeypatch.setattr(search, "SAMPLE_STRIDE", stride)
            assert index._bm25(weighted, n) == every, (weighted, n)


def test_the_latest_of_a_set_of_facts_is_its_sorted_tail(generated: FactStore) -> None:
    """Small sets are sorted by position, large ones met walking the timeline back: both
    give the set's last dated facts in timeline order, and how many are dated."""
    rng = random.Random(2)
    ids = list(generated.facts)
    for share in (0.001, 0.01, 0.2, 0.6, 1.0):
        chosen = set(rng.sample(ids, max(1, int(len(ids) * share))))
        ordered = sorted(
            (generated.facts[f] for f in chosen if generated.facts[f].date is not None),
            key=generated.chronological,
        )
        for limit in (1, 5, 60, 10_000):
            facts, total = generated.latest(chosen, limit)
            assert total == len(ordered)
            assert facts == ordered[-limit:], (share, limit)
