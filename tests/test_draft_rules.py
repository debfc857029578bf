"""Each class of draft error the issue found, on an article of our own (never news)."""

from __future__ import annotations

import pytest

from bot.curation.draft import Candidate, Draft, draft
from bot.curation.ingest import ingest
from tests.conftest import StoreCopy

ARTICLE = """Envoy Leaves Bamako

NIAMEY, Jan 30 (Sahel Wire) - Massad Boulos met officials in Niamey on Friday.

Reed Brody criticised the talks on Thursday. Analysts in Dakar were less sure. \
"Nobody asked the prisoners," he told Sahel Wire.

"They will not listen," he said.

Analysts caution, however, that any US deal with the juntas will take time.
A Malian diplomat said the envoy had made no promises to Mali.
Yet experts warn that Europe's influence will continue to fade.
Unfortunately, the convoy was attacked near Diori Hamani International Airport.
Major roads to the Senou Air Base stayed closed, and West African and Arab envoys \
left for the White House.
Russia's Africa Corps guards the US-Mali border talks, officials said in Octover.

Reporting by Amina Sow; Editing by Paul Reyes
"""


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Draft:
    copy = StoreCopy(tmp_path_factory.mktemp("rules"))
    ingest(
        ARTICLE.encode(),
        copy.seeds,
        title="Envoy leaves",
        outlet="Sahel Wire",
        published="2026-01-30",
        source_id="rules",
    )
    return draft(copy.load(), "rules")


def candidate(result: Draft, start: str) -> Candidate:
    return next(c for c in result.candidates if c.sentence.text.startswith(start))


def test_he_is_the_nearest_person_before_it_in_the_paragraph(drafted: Draft) -> None:
    told = candidate(drafted, '"Nobody asked')
    assert told.by == ["reed-brody"] and told.kind == "quote"  # not Massad Boulos
    alone = candidate(drafted, '"They will not')
    # a new paragraph naming no one yet: the one person the paragraph before named, checked
    assert alone.by == ["reed-brody"] and alone.attribution is None
    assert any("the one person the paragraph before named" in n for n in alone.notes)


def test_descriptions_are_attributions_never_the_body_as_speaker(drafted: Draft) -> None:
    analysts = candidate(drafted, "Analysts caution")
    assert (analysts.by, analysts.attribution, analysts.kind) == ([], "Analysts", "analysis")
    diplomat = candidate(drafted, "A Malian diplomat")
    assert diplomat.by == [] and diplomat.attribution == "A Malian diplomat"
    assert "mali" in diplomat.actors  # the body stays an actor
    experts = candidate(drafted, "Yet experts warn")
    assert experts.by == [] and experts.attribution == "experts"


def test_narration_gets_no_speaker_and_no_borrowed_date(drafted: Draft) -> None:
    attack = candidate(drafted, "Unfortunately, the convoy")
    assert attack.by == [] and attack.attribution is None
    assert attack.date is None  # the sentences before are dated; this one is not
    assert any("does not date" in n for n in attack.notes)


def test_a_weekday_equal_to_publication_is_the_publication_day(drafted: Draft) -> None:
    met = candidate(drafted, "NIAMEY, Jan 30")
    assert met.date is not None and met.date["when"] == "2026-01-30"
    assert candidate(drafted, "Reed Brody criticised").date == {
        "when": "2026-01-29",
        "phrase": "on Thursday",
        "relative": True,
    }


def test_only_names_that_are_names_are_proposed(drafted: Draft) -> None:
    proposed = {p.name: p.kind for p in drafted.proposed}
    junk = {
        "NIAMEY", "Niamey", "Jan", "Sahel Wire", "Dakar", "Diori Hamani International Airport",
        "Air Base", "Senou Air Base", "Major", "West African", "Arab", "White House",
        "US-Mali", "Octover", "Unfortunately", "They", "Reporting", "Editing", "Amina Sow",
        "Paul Reyes", "Analysts", "Yet", "Europe",
    }  # fmt: skip
    assert not junk & set(proposed), proposed
    assert proposed.get("Africa Corps") == "armed group"


def test_known_actors_are_not_linked_through_a_place_named_after_them(drafted: Draft) -> None:
    attack = candidate(drafted, "Unfortunately, the convoy")
    assert attack.actors == []


def test_a_huge_sentence_is_drafted_promptly(tmp_path_factory: pytest.TempPathFactory) -> None:
    """No rule backtracks without bound on user text (a generous bound: it must not hang)."""
    import time

    copy = StoreCopy(tmp_path_factory.mktemp("huge"))
    sentence = "A diplomat in the " + "capital of the region " * 1500 + "said it was over."
    ingest(sentence.encode(), copy.seeds, title="Huge", published="2026-01-30", source_id="huge")
    started = time.perf_counter()
    result = draft(copy.load(), "huge")
    assert time.perf_counter() - started < 20
    assert result.candidates and result.candidates[0].by == []
