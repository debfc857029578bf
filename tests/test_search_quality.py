"""Search finds what analysts mean: the labelled question set and each class of defect."""

from __future__ import annotations

import pytest

from bot.answers import queries
from bot.records.errors import StoreInvalid
from bot.store.facts import FactStore
from bot.store.search import query_words, stem
from bot.store.speakers import voices
from testkit.quality import evaluate, load_questions, top_facts
from tests.conftest import StoreCopy

HIT_RATE_MIN = 0.9


def results(store: FactStore, query: str) -> list[str]:
    response = queries.search(store, query)
    return [i.fact for s in response.sections for i in s.items if i.fact]


def test_the_labelled_questions_find_their_facts(store: FactStore) -> None:
    questions = load_questions()
    assert len(questions) >= 60
    assert sum(1 for q in questions if any(c.isupper() for c in q["q"])) >= 10
    quality = evaluate(store, questions)
    assert quality.hit_rate >= HIT_RATE_MIN, quality.misses
    assert quality.mrr >= 0.8


def test_every_labelled_fact_exists(store: FactStore) -> None:
    for question in load_questions():
        assert set(question["expect"]) <= set(store.facts), question


# --- the defects, as classes ------------------------------------------------------------


def test_a_store_word_is_never_read_as_a_typo(store: FactStore) -> None:
    """'USAID' is a word of the store: it must not also match 'said'."""
    response = queries.search(store, "USAID")
    for item in (i for s in response.sections for i in s.items):
        assert "USAID" in item.matched, item.text
    assert results(store, "USAID")[0] == "usaid-shuttered"


def test_short_words_are_never_read_as_typos(store: FactStore) -> None:
    index = store.fact_search
    assert not index.knows("dayz")
    assert set(index.expand("dayz")) <= {stem("dayz")}  # no 'days', no 'any'
    assert index.expand("Laessng".casefold())  # a long misspelling still finds the name


def test_question_words_never_decide_a_ranking(store: FactStore) -> None:
    assert query_words("how many days has Bazoum been detained") == ["days", "bazoum", "detained"]
    assert query_words("what did they say?") == []
    top = results(store, "how many days has Bazoum been detained")
    assert top[0] == "bazoum-still-detained"


def test_neighbouring_words_count_as_a_phrase(store: FactStore) -> None:
    top = results(store, "human rights")[:2]
    assert set(top) == {"rights-advocates-criticise", "democracy-off-the-agenda"}


def test_what_a_speaker_said_comes_first(store: FactStore) -> None:
    top = results(store, "what did the US say")[:4]
    # the State Department's, the embassy's and the president's adviser's words are the
    # United States' (part_of and speaks_for): they come before anyone else's
    assert {"visit-announced", "bureau-signals-openness", "boulos-le-monde"} <= set(top)
    assert all(voices(store, "united-states").intersection(store.facts[f].by) for f in top)
    critics = results(store, "what did critics say")[:5]
    assert {"rights-advocates-criticise", "laessing-americans-not-concerned"} <= set(critics)


def test_stemming_and_synonyms_join_related_words(store: FactStore) -> None:
    assert stem("criticised") == stem("critics") == stem("criticism") == stem("critic")
    assert stem("mining") == stem("mines") == stem("mine")
    assert stem("analysis") == "analysis" and stem("status") == "status"
    for query in ("mining", "minerals", "resources"):
        top = results(store, query)[:3]
        assert {"no-minerals-deals", "laessing-mining-companies"} <= set(top), query


def test_a_curator_adds_a_synonym_without_code(copy: StoreCopy) -> None:
    assert "fuel-convoy-attack" not in top_facts(copy.load(), "tankers")
    copy.edit(
        "knowledge/synonyms.yaml", "[blockade, siege, convoy]", "[blockade, siege, convoy, tankers]"
    )
    assert top_facts(copy.load(), "tankers")[0] == "fuel-convoy-attack"


def test_a_synonym_entry_is_one_word(copy: StoreCopy) -> None:
    copy.edit(
        "knowledge/synonyms.yaml", "[aid, assistance, USAID]", "[aid, development support, USAID]"
    )
    with pytest.raises(StoreInvalid) as caught:
        copy.load()
    problem = caught.value.problems[0]
    assert (problem.file, problem.record, problem.field) == (
        "knowledge/synonyms.yaml",
        "aid",
        "words[1]",
    )
    assert "one word per entry" in problem.message


def test_bamako_blockade_finds_the_fuel_convoy_first(store: FactStore) -> None:
    assert results(store, "Bamako blockade")[0] == "fuel-convoy-attack"


def test_critics_is_a_topic(store: FactStore) -> None:
    brief = queries.brief(store, "critics")
    assert brief.title == "Critics and reactions"
    shown = {i.fact for s in brief.sections for i in s.items}
    assert {"rights-advocates-criticise", "laessing-americans-not-concerned"} <= shown


def test_bm25_candidates_are_the_best_scores_with_ties_broken_by_document() -> None:
    """The numpy scoring against a plain reference: every term's weights summed per
    document, rarest term first; a common term (here, in over 40 documents) only adds to
    documents already found once ``n`` are; the ``n`` best, ties by document."""
    import heapq
    import random

    from bot.store.search import SearchIndex

    rng = random.Random(4)
    vocabulary = [f"word{i}" for i in range(60)]
    documents = [
        (f"d{n}", " ".join(rng.choices(vocabulary, k=rng.randrange(1, 12))), "") for n in range(400)
    ]
    index = SearchIndex(documents)
    index._common = 40
    for _ in range(200):
        weighted = {
            index_term: rng.choice((1.0, 0.5, 0.3))
            for index_term in rng.sample(sorted(index._postings), rng.randrange(1, 6))
        }
        for n in (1, 10, 60):
            scores: dict[int, float] = {}
            for term in sorted(weighted, key=lambda t: len(index._postings[t].docs)):
                postings = index._postings[term]
                common = len(postings.docs) > index._common and len(scores) >= n
                for doc, weight in zip(postings.docs, postings.weights, strict=True):
                    if not common or doc in scores:
                        scores[doc] = scores.get(doc, 0.0) + weighted[term] * weight
            expected = heapq.nlargest(n, scores.items(), key=lambda item: (item[1], -item[0]))
            assert index._bm25(weighted, n) == expected


def test_postings_hold_each_documents_bm25_weight() -> None:
    """The bulk build against the formula, posting by posting: documents in order, each
    with idf · tf · (k1 + 1) / (tf + k1 · (1 − b + b · length / average length))."""
    import math
    import random
    from collections import Counter

    from bot.store.search import K1, B, SearchIndex, stem, words

    rng = random.Random(7)
    vocabulary = [f"term{i}" for i in range(40)]
    documents = [
        (f"d{n}", " ".join(rng.choices(vocabulary, k=rng.randrange(1, 30))), "") for n in range(300)
    ]
    index = SearchIndex(documents)
    counts = [Counter(stem(w) for w in words(text)) for _, text, _ in documents]
    lengths = [sum(c.values()) for c in counts]
    average = sum(lengths) / len(lengths)
    assert set(index._postings) == {t for c in counts for t in c}
    for term, postings in index._postings.items():
        having = [n for n, c in enumerate(counts) if term in c]
        assert list(postings.docs) == having
        idf = math.log(1 + (len(documents) - len(having) + 0.5) / (len(having) + 0.5))
        for doc, weight in zip(postings.docs, postings.weights, strict=True):
            tf = counts[doc][term]
            expected = idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths[doc] / average))
            assert math.isclose(weight, expected, rel_tol=1e-6)


def test_a_narrowed_search_finds_its_documents_however_many_others_match_better() -> None:
    """What one speaker said on a subject: the speaker's line is found though hundreds of
    others hold the subject's word more often (the first results of an open search)."""
    from bot.store.search import SearchIndex

    crowd = [(f"d{n}", "drought drought drought relief convoy", "") for n in range(500)]
    theirs = [("mine", "the minister said the drought was easing", "")]
    index = SearchIndex([*crowd, *theirs])
    index.prepare()
    assert "mine" not in [h.id for h in index.search("drought", limit=10)]
    assert [h.id for h in index.search("drought", limit=10, within={"mine", "gone"})] == ["mine"]
    assert index.search("convoy", within={"mine"}) == []
    assert index.share(index.expand("drought")) == 1.0


def test_the_share_of_documents_holding_any_of_several_terms_counts_each_once(
    store: FactStore,
) -> None:
    index = store.fact_search
    a, b = (sorted(index.expand(w))[0] for w in ("convoy", "fuel"))
    holding = {
        fid
        for fid, fact in store.facts.items()
        if {a, b} & {stem(w) for w in query_words(fact.text)}
    }
    share = index.share([a, b])
    assert 0 < share < 1
    assert index.share([a, b, a]) == share
    assert share >= max(index.share([a]), index.share([b]))
    assert share <= index.share([a]) + index.share([b])
    assert holding  # both words are in the store
