"""A quote's display text names its speaker: the pure check the loader runs."""

from __future__ import annotations

from bot.records.dates import FuzzyDate, after_publication
from bot.records.quoted import quote_speaker_problem
from bot.store.facts import FactStore

WORDS = "We came to listen"


def test_a_quote_naming_its_speaker_only_as_he_is_refused() -> None:
    problem = quote_speaker_problem(f"He said: “{WORDS}.”", WORDS, ["Nick Checker"], None)
    assert problem is not None and "'he'" in problem


def test_a_quote_naming_its_speaker_by_name_surname_or_alias_passes() -> None:
    for text in (
        f"Nick Checker said: “{WORDS}.”",
        f"Checker told journalists: “{WORDS}.”",
        f"The US envoy said: “{WORDS}.”",
    ):
        assert quote_speaker_problem(text, WORDS, ["Nick Checker", "US envoy"], None) is None


def test_an_attributed_quote_names_its_source() -> None:
    text = f"A Malian diplomat said: “{WORDS}.”"
    assert quote_speaker_problem(text, WORDS, [], "a Malian diplomat") is None
    assert quote_speaker_problem(f"He said: “{WORDS}.”", WORDS, [], "a Malian diplomat")


def test_a_name_inside_the_quoted_words_does_not_count() -> None:
    words = "Checker came to listen"
    assert quote_speaker_problem(f"He said: “{words}.”", words, ["Nick Checker"], None)


def test_every_curated_quote_names_its_speaker(store: FactStore) -> None:
    for fact in store.facts.values():
        if fact.words and str(fact.kind) == "quote":
            names = [n for a in fact.by for n in (store.actors[a].name, *store.actors[a].aliases)]
            assert quote_speaker_problem(fact.text, fact.words, names, fact.attribution) is None


def test_a_date_is_after_publication_only_when_it_begins_after_it() -> None:
    day = FuzzyDate.parse("2026-01-30")
    assert after_publication(FuzzyDate.parse("2026-01"), day) is None  # holds the day
    assert after_publication(FuzzyDate.parse("2026-01-30"), day) is None
    later = after_publication(FuzzyDate.parse("2026-02"), day)
    assert later is not None and "2026-02" in later and "2026-01-30" in later
    assert after_publication(FuzzyDate.parse("2026-02"), FuzzyDate.parse("2026-01")) is not None
