"""Issue 25, fifteenth round: the classes the h58 curator trial found (a reporting verb of
estimate closing or opening a sentence not read as speech; a description that is a body's
alias drafted ``by`` the body; an opinion piece's advice dated by a participle's "since";
"X <verbed> … and told …" left without X and dated at publication; an opinion piece's
evaluative sentences drafted as unattributed background), each tested here on articles
of our own writing, never news, one test per class, each failing before its fix."""

from __future__ import annotations

import pytest

from bot.curation.draft import Candidate, Draft, draft
from bot.curation.ingest import ingest
from bot.store.facts import FactStore
from tests.conftest import StoreCopy

PUBLISHED = "2026-11-21"  # a Saturday

WIRE = """Washington widens its Sahel outreach

NIAMEY, Nov 20 (Sahel Wire) - The United States will send a trade delegation to \
Niamey in December, a State Department spokesman said on Friday.

The Turkish drone fleet based near Agadez now numbers about 40 aircraft, three European \
diplomats estimated.

Western intelligence officials reckon that the jihadist groups field about 6,000 \
fighters in the tri-border area.

The cotton harvest fell by a third this season, local traders believe.

Malian officials said on Thursday that the road to Gao would reopen before the rains.

Malian authorities say the curfew in Mopti will be lifted.

Massad Boulos flew to Niamey a month ago and told the junta's leaders that Washington \
wanted "a partner in the fight, not a client."

Nick Checker, the head of the State Department's African bureau, visited Bamako three \
weeks ago and told ministers there that the embassy would "open its doors again, fully."

The convoy reached Menaka on Tuesday after a week on the road.
"""

OPED = """The Sahel needs patience, not slogans

By Ruth Adebayo

Ruth Adebayo is a senior fellow at the Harmattan Policy Centre.

I think Washington has finally understood that lectures win no friends. I believe the \
juntas know it too.

Paris tried to hold the north with troops and lost the argument with voters at home. \
Moscow has sent instructors, who guard the palaces more than the villages.

The collapse of the Kidal talks shows how fast trust erodes. The new aid plan fails to \
reach the villages that need it most.

Washington should also insist on the release of Amadou Kone, held in Bamako since \
March 2024. It must fund the clinics that closed in 2025.

The junta built a new airstrip near Gao in 2024.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> FactStore:
    copy = StoreCopy(tmp_path_factory.mktemp("fifteenth"))
    for source_id, text, title, outlet in (
        ("fifteenth-wire", WIRE, "Washington widens its Sahel outreach", "Sahel Wire"),
        ("fifteenth-oped", OPED, "The Sahel needs patience", "Sahel Review"),
    ):
        ingest(
            text.encode(),
            copy.seeds,
            title=title,
            outlet=outlet,
            published=PUBLISHED,
            source_id=source_id,
        )
    return copy.load()


@pytest.fixture(scope="module")
def wire(store: FactStore) -> Draft:
    return draft(store, "fifteenth-wire")


@pytest.fixture(scope="module")
def oped(store: FactStore) -> Draft:
    return draft(store, "fifteenth-oped")


def candidate(result: Draft, start: str) -> Candidate:
    return next(c for c in result.candidates if c.sentence.text.startswith(start))


def when(found: Candidate) -> object:
    return found.date.get("when") if found.date else None


def test_a_verb_of_estimate_reports_the_description_before_or_after_it(wire: Draft) -> None:
    """E1: ", three European diplomats estimated." closing a sentence, "Western intelligence
    officials reckon that …" opening one, ", local traders believe.": the description is
    the attribution, the kind a claim (an opinion's "believe" an analysis), no ``by``."""
    closing = candidate(wire, "The Turkish drone fleet")
    assert closing.by == [] and closing.attribution == "three European diplomats"
    assert closing.kind == "claim"
    opening = candidate(wire, "Western intelligence officials reckon")
    assert opening.by == [] and opening.attribution == "Western intelligence officials"
    assert opening.kind == "claim"
    believed = candidate(wire, "The cotton harvest fell")
    assert believed.by == [] and believed.attribution == "local traders"


def test_a_plural_description_is_an_attribution_even_as_a_bodys_alias(wire: Draft) -> None:
    """E2: "Malian officials said", "Malian authorities say" (aliases of mali-junta in the
    store) are attributions with the junta as an actor, never ``by`` the junta."""
    for start, words in (
        ("Malian officials said", "Malian officials"),
        ("Malian authorities say", "Malian authorities"),
    ):
        found = candidate(wire, start)
        assert found.by == [], start
        assert found.attribution == words, start
        assert "mali-junta" in found.actors, start
        assert found.kind == "statement", start  # people speaking for the junta
    assert when(candidate(wire, "Malian officials said")) == "2026-11-19"


def test_a_participles_since_never_dates_an_opinion_pieces_advice(oped: Draft) -> None:
    """E3: "Washington should also insist on the release of X, held in Bamako since March
    2024." and "It must fund the clinics that closed in 2025." are the author's advice,
    dated to publication, never by the participle's or the relative clause's date."""
    for start in ("Washington should also insist", "It must fund the clinics"):
        found = candidate(oped, start)
        assert found.kind == "analysis", start
        assert when(found) == PUBLISHED, (start, found.date)
        assert found.by == ["ruth-adebayo"], (start, found.by)


def test_x_verbed_and_told_has_x_as_speaker_dated_by_the_first_verb(wire: Draft) -> None:
    """E4: "Massad Boulos flew to Niamey a month ago and told the junta's leaders that …":
    Boulos is the speaker, and the telling is dated as the journey (that month); so with
    an apposition after the name and a comma inside the quoted words."""
    found = candidate(wire, "Massad Boulos flew")
    assert found.by == ["massad-boulos"]
    assert when(found) == "2026-10"
    assert found.kind == "quote" and found.words
    apposed = candidate(wire, "Nick Checker, the head")  # an apposition, a comma in the quote
    assert apposed.by == ["nick-checker"]
    assert apposed.date is not None and apposed.date.get("phrase") == "three weeks ago"


def test_an_opinion_pieces_evaluative_sentence_is_the_authors(oped: Draft) -> None:
    """E5: in an opinion piece, "… lost the argument with voters", "… more than the
    villages", "… shows how fast trust erodes", "… fails to reach …" are the byline
    author's analysis; a plain past fact ("The junta built … in 2024") is not."""
    for start in (
        "Paris tried to hold",
        "Moscow has sent instructors",
        "The collapse of the Kidal talks",
        "The new aid plan fails",
    ):
        found = candidate(oped, start)
        assert found.kind == "analysis", (start, found.kind)
        assert found.by == ["ruth-adebayo"], (start, found.by, found.attribution)
        assert when(found) == PUBLISHED, (start, found.date)
    fact = candidate(oped, "The junta built")
    assert fact.kind == "event" and fact.by == []
