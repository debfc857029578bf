"""Issue 25, fifth round: the classes of error a held-out curator trial showed (a think
tank's pronoun after its own subject, a broadcast transcript, a wire dateline, "Since …",
"told … on Saturday", "expected … next week", "the X region", "said the spokesman, X"),
each tested here on an article of our own, never news, one test per class."""

from __future__ import annotations

import pytest

from bot.curation.draft import Candidate, Draft, draft, seed_skips
from bot.curation.ingest import ingest
from tests.conftest import StoreCopy

ARTICLE = """KANDI, June 3 (River Wire) - Benin and Niger agreed on Tuesday to reopen the \
Malanville bridge, a customs officer said.

LOCAL AIRWAVES

RAMATOU ISSA: Good morning. Joining us today is Yacouba Sidibe, an economist at the Borgou \
Trade Forum.

YACOUBA SIDIBE: Thank you for the invitation. The bridge matters more than any summit, and \
both capitals know it.

RAMATOU ISSA: Will the traders come back?

YACOUBA SIDIBE: Slowly. Many of them have moved their business to Nigeria for good.

RAMATOU ISSA: Since the bridge was shut in August 2023, the border markets have emptied, and \
prices now climb every month. Grain convoys were attacked in the Alibori Nord district last \
week.

Hadiza Mounkaila, a trader, remembers better times. Ibrahim Moussa of the Gaya Chamber of \
Commerce is more hopeful: "The first lorries will cross before the harvest," he told a \
meeting in Gaya on Sunday.

Hadiza Mounkaila and Ibrahim Moussa met the governor last month. "We were promised help," \
she said.

"The bridge is safe for lorries," said the regional transport director, Salamatou Garba.

Massad Boulos is expected in Cotonou next week to discuss the corridor.

RAMATOU ISSA: That is all from us this morning.
"""


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Draft:
    copy = StoreCopy(tmp_path_factory.mktemp("transcripts"))
    ingest(
        ARTICLE.encode(),
        copy.seeds,
        title="A bridge reopens on the Niger river",
        outlet="Local Airwaves",
        published="2026-06-03",  # a Wednesday
        source_id="transcripts",
    )
    return draft(copy.load(), "transcripts")


def candidate(result: Draft, start: str) -> Candidate:
    return next(c for c in result.candidates if start in c.sentence.text)


def when(found: Candidate) -> object:
    return found.date.get("when") if found.date else None


def proposed(result: Draft) -> set[str]:
    return {p.name for p in result.proposed}


def test_a_pronoun_is_the_person_its_own_sentence_names_as_subject(drafted: Draft) -> None:
    """ "X of Y is more hopeful: '…,' he told …" is X, not the person named before in the
    paragraph; two persons who could be meant leave it blank, with a check."""
    hopeful = candidate(drafted, "Ibrahim Moussa of the Gaya Chamber")
    assert hopeful.by == ["ibrahim-moussa"]
    promised = candidate(drafted, "We were promised help")
    assert promised.by == [] and promised.attribution is None
    assert any("who is 'she'" in n for n in promised.notes)


def test_a_transcripts_speaker_labels_say_who_speaks_and_hosting_is_left_out(
    drafted: Draft,
) -> None:
    texts = [c.sentence.text for c in drafted.candidates]
    for hosting in (
        "Good morning",
        "Joining us today",
        "Thank you for",
        "Will the traders",
        "That is all from us",
    ):
        assert not any(t.startswith(hosting) or f": {hosting}" in t for t in texts), hosting
    left_out = {quote for quote, _ in seed_skips(drafted)}
    assert any("Will the traders come back?" in q for q in left_out)
    assert any("That is all from us" in q for q in left_out)
    bridge = candidate(drafted, "The bridge matters more than any summit")
    assert (bridge.kind, bridge.by) == ("analysis", ["yacouba-sidibe"])
    moved = candidate(drafted, "Many of them have moved")
    assert moved.by == ["yacouba-sidibe"]
    names = proposed(drafted)
    assert "Yacouba Sidibe" in names and "Borgou Trade Forum" in names
    assert not names & {
        "RAMATOU ISSA",
        "Ramatou Issa",
        "YACOUBA SIDIBE",
        "Good",
        "Thank",
        "Slowly",
        "Joining",
        "Will",
    }
    assert "ramatou-issa" not in candidate(drafted, "Since the bridge").actors


def test_dates_the_sentence_gives_beat_the_dateline_since_runs_to_publication_and_told_is_past(
    drafted: Draft,
) -> None:
    agreed = candidate(drafted, "Benin and Niger agreed on Tuesday")
    assert when(agreed) == "2026-06-02"
    since = candidate(drafted, "Since the bridge was shut in August 2023")
    assert (since.kind, when(since)) == ("background", "2023-08..2026-06-03")
    hopeful = candidate(drafted, "Ibrahim Moussa of the Gaya Chamber")
    assert when(hopeful) == "2026-05-31"
    expected = candidate(drafted, "Massad Boulos is expected in Cotonou next week")
    assert expected.date is None
    assert any("date still to come ('next week')" in n for n in expected.notes)


def test_a_name_before_region_province_or_district_is_a_place(drafted: Draft) -> None:
    names = proposed(drafted)
    assert not any("Alibori" in n for n in names)


def test_said_the_spokesman_comma_name_is_that_name(drafted: Draft) -> None:
    director = candidate(drafted, "The bridge is safe for lorries")
    assert director.by == ["salamatou-garba"]
    assert "Salamatou Garba" in proposed(drafted)
