"""A reload lent the served store: what did not change is taken over, never trusted beyond.

The served store passed every check; a reload reuses what it found in unchanged articles
(quote spans, date phrases), the checks of facts that did not change, its timeline order
when no fact's dates or sequence changed, and indexes whose inputs are the same. Each test
compares with a fresh load, or edits something the reuse must not hide.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from bot.reading.loader import open_store
from bot.records.errors import StoreInvalid
from bot.store.diff import snapshot
from bot.store.facts import FactStore
from tests.conftest import StoreCopy

EVENTS = "knowledge/facts/events.yaml"
AIRPORT_TEXT = "claimed by Islamic State West Africa Province, was repelled."


def lent(copy: StoreCopy, served: FactStore, cache: Path | None = None) -> FactStore:
    return open_store(copy.knowledge, copy.seeds, cache, previous=served)


def load_warm(knowledge: Path, seeds: Path, cache: Path | None = None) -> FactStore:
    return open_store(knowledge, seeds, cache)


def same_answers(store: FactStore, fresh: FactStore) -> None:
    assert snapshot(store) == snapshot(fresh)
    assert [f.id for f in store.timeline] == [f.id for f in fresh.timeline]
    assert store.placement == fresh.placement
    for fact in fresh.facts.values():
        for citation in fact.citations:
            assert store.span(citation) == fresh.span(citation)
    for query in ("airport attack", "Checker Bamako", "minerals", "sanctions lifted"):
        assert [h.id for h in store.fact_search.search(query, 10)] == [
            h.id for h in fresh.fact_search.search(query, 10)
        ], query
    for name in ("Diop", "Nick Checker", "Bazoum", "ISWAP"):
        assert store.actor_names.resolve(name) == fresh.actor_names.resolve(name)


def test_after_a_fact_edit_the_lent_load_answers_as_a_fresh_one(copy: StoreCopy) -> None:
    served = load_warm(copy.knowledge, copy.seeds)
    copy.edit(EVENTS, AIRPORT_TEXT, "claimed by Islamic State West Africa Province, failed.")
    store = lent(copy, served)
    fresh = copy.load()
    fresh.warm()
    same_answers(store, fresh)
    assert store.facts["niamey-airport-attack"].text.endswith("failed.")
    assert [h.id for h in store.fact_search.search("failed", 3)][:1] == ["niamey-airport-attack"]
    # names did not change: that index is taken over; the search index is rebuilt
    assert store.actor_names is served.actor_names
    assert store.fact_search is not served.fact_search


def test_a_date_edit_reorders_the_timeline(copy: StoreCopy) -> None:
    served = load_warm(copy.knowledge, copy.seeds)
    copy.edit(EVENTS, 'when: "2026-01..2026-02"', 'when: "2026-01-20"')
    # a day is more precise than its source's month allows: the fact's own checks still run
    with pytest.raises(StoreInvalid) as invalid:
        lent(copy, served)
    assert any("more precise" in p.message for p in invalid.value.problems)
    copy.edit(EVENTS, 'when: "2026-01-20"', 'when: "2025-01..2025-02"')
    store = lent(copy, served)
    fresh = copy.load()
    fresh.warm()
    same_answers(store, fresh)
    assert [f.id for f in store.timeline] != [f.id for f in served.timeline]


def test_an_unchanged_store_takes_over_every_index_and_its_order(copy: StoreCopy) -> None:
    served = load_warm(copy.knowledge, copy.seeds)
    copy.edit(EVENTS, "facts:\n", "# a curator's comment\nfacts:\n")
    store = lent(copy, served)
    assert store.version != served.version
    for name in ("actor_names", "topic_names", "source_names"):
        assert store.__dict__[name] is served.__dict__[name]
    # the search index is shared, but reads this store's texts, not the served one's
    assert store.fact_search is not served.fact_search
    assert store.fact_search._postings is served.fact_search._postings
    served.release()  # the served store retired: the new one keeps answering
    fresh = copy.load()
    fresh.warm()
    same_answers(store, fresh)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("quote: In Niger, an attack last week", "quote: In Niger, an assault last week", ""),
        ("phrase: last week", "phrase: two weeks ago", "is not in source"),
        (
            "text: An attack on the airport in Niger's capital Niamey",
            "text: It hit the airport in Niger's capital Niamey",
            "the text",
        ),
    ],
    ids=["quote", "date phrase", "text"],
)
def test_a_changed_fact_is_checked_in_full(
    copy: StoreCopy, old: str, new: str, message: str
) -> None:
    served = load_warm(copy.knowledge, copy.seeds)
    copy.edit(EVENTS, old, new)
    with pytest.raises(StoreInvalid) as fresh:
        copy.load()
    with pytest.raises(StoreInvalid) as lent_load:
        lent(copy, served)
    found = [(p.record, p.field, p.message) for p in lent_load.value.problems]
    assert found == [(p.record, p.field, p.message) for p in fresh.value.problems]
    assert any(r == "niamey-airport-attack" and message in m for r, _, m in found)


def test_a_changed_article_has_every_quote_found_again(copy: StoreCopy) -> None:
    """An article re-imported with a sentence reworded: facts quoting it, unchanged
    themselves, are reported, not waved through on the served store's spans."""
    served = load_warm(copy.knowledge, copy.seeds)
    seed = copy.seeds / "checker-bamako-visit.md"
    raw = seed.read_bytes()
    end = raw.index(b"\n---\n", 3) + 5
    body = raw[end:].replace(b"an attack last week on the airport", b"an attack on the airport")
    assert body != raw[end:]
    header = re.sub(
        rb"sha256: \"?[0-9a-f]{64}\"?",
        f"sha256: {hashlib.sha256(body).hexdigest()}".encode(),
        raw[:end],
    )
    seed.write_bytes(header + body)
    with pytest.raises(StoreInvalid) as fresh_invalid:
        copy.load()
    with pytest.raises(StoreInvalid) as lent_invalid:
        lent(copy, served)
    problems = {(p.record, p.field) for p in lent_invalid.value.problems}
    assert problems == {(p.record, p.field) for p in fresh_invalid.value.problems}
    assert ("niamey-airport-attack", "citations[0].quote") in problems
    assert ("niamey-airport-attack", "date.phrase") in problems


def test_a_reload_never_decodes_a_saved_store(
    copy: StoreCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reload is lent the served store (its very records and indexes); decoding a saved
    copy would hold a second copy of everything while both stores are alive."""
    from bot.reading import snapshot as saved_stores

    cache = tmp_path / "cache"
    served = load_warm(copy.knowledge, copy.seeds, cache)
    copy.edit(EVENTS, AIRPORT_TEXT, "claimed by Islamic State West Africa Province, failed.")
    load_warm(copy.knowledge, copy.seeds, cache)  # this version is now saved

    def refused(*args: object) -> None:
        raise AssertionError("a reload decoded a saved store")

    monkeypatch.setattr(saved_stores, "load", refused)
    store = lent(copy, served, cache)
    assert store.facts["niamey-airport-attack"].text.endswith("failed.")
    assert store.actor_names is served.actor_names


def test_a_released_store_frees_its_own_but_not_what_it_lent(copy: StoreCopy) -> None:
    import weakref

    served = load_warm(copy.knowledge, copy.seeds)
    names, search = weakref.ref(served.actor_names), weakref.ref(served.fact_search)
    postings = served.fact_search._postings
    copy.edit(EVENTS, AIRPORT_TEXT, "claimed by Islamic State West Africa Province, failed.")
    store = lent(copy, served)
    served.release()
    assert names() is store.actor_names  # lent to the new store: untouched
    assert store.actor_names.resolve("Diop") == "abdoulaye-diop"
    assert search() is None  # its own: freed
    assert postings  # held here, so left whole
    assert [h.id for h in store.fact_search.search("failed", 1)] == ["niamey-airport-attack"]


def test_unchanged_files_lend_their_very_records_and_edited_ones_are_read(
    copy: StoreCopy, tmp_path: Path
) -> None:
    """A reload takes an unchanged file's records from the served store (the same objects:
    no second copy while both stores are alive); an edited file, and the same bytes at
    another path, are read again."""
    served = load_warm(copy.knowledge, copy.seeds)
    copy.edit(EVENTS, AIRPORT_TEXT, "claimed by Islamic State West Africa Province, failed.")
    moved = copy.knowledge / "facts" / "moved.yaml"
    (copy.knowledge / "topics.yaml").rename(moved)
    store = lent(copy, served)
    same_answers(store, copy.load())
    assert store.facts["niamey-airport-attack"] is not served.facts["niamey-airport-attack"]
    edited = set(store.files[EVENTS].ids)
    assert "niamey-airport-attack" in edited
    for fact in store.facts.values():
        if fact.id not in edited:
            assert fact is served.facts[fact.id]
    for source in store.sources.values():
        assert source is served.sources[source.id]
    for topic in store.topics.values():
        assert topic is not served.topics[topic.id]  # same bytes, another file: read again
        assert topic == served.topics[topic.id]
