"""Issue 25, fourteenth round: the classes the last curator trial left open (a transition
to other views drafted as a claim; an analysis piece's "should" not read as its own
analysis; "the senator", "the official" not resolved to the person named or described
before; a state linked through its adjective or its capital as a place; "He said" by a
known official drafted as a claim), each tested here on articles of our own, never news,
one test per class, each failing on the code before its fix."""

from __future__ import annotations

import pytest

from bot.curation.draft import OWN_ASSESSMENT, Candidate, Draft, draft, seed_skips
from bot.curation.ingest import ingest
from bot.store.facts import FactStore
from tests.conftest import StoreCopy

PUBLISHED = "2026-11-21"  # a Saturday

ANALYSIS = """Washington must stop lecturing the Sahel

By Helen Okafor

The aid freeze imposed on the three juntas has achieved little. Malian traders now ship \
their cotton through Conakry, and the Nigerien border posts are busier than ever.

Washington should restore the training programmes it cut last year. The juntas must also \
open their prisons to outside monitors if they want American money back.

It would be wise to start with Niger, where the United States still keeps a handful of \
diplomats.

Diplomats from Bamako met their counterparts in Moscow in October.

Some in Congress argue that any engagement rewards the coups. That view is not universal. \
Not all members agree with the plan to expel ECOWAS.

Others are less sure.
"""

WIRE = """Senator presses State Department on Sahel drone deal

WASHINGTON, Nov 20 (Sahel Wire) - Senator Margaret Hale, who sits on the foreign \
relations committee, questioned on Thursday a proposed drone sale to Niger's military \
government.

The senator said the sale would "reward a junta that still holds a president hostage." \
She added that Congress had not been consulted.

A State Department official, speaking on condition of anonymity, defended the deal. The \
official said the drones would be used only against jihadist groups near the Malian border.

Not everyone in the room shared her optimism.

In Washington, the State Department said on Friday that no licence had been issued. \
Critics in Washington have called the sale premature.

The diplomat said the talks would resume in December.

Under the draft contract, Nigerien officers must complete a human rights course before \
any delivery.
"""

RADIO = """Envoys in Niamey

Nick Checker met Nigerien officials in Niamey last week. He said the United States \
respected Niger's choices.

Massad Boulos arrived in Niamey on Sunday.

He said Washington wanted to reopen its embassy fully. He added that aid would follow.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> FactStore:
    copy = StoreCopy(tmp_path_factory.mktemp("fourteenth"))
    for source_id, text, title, outlet in (
        ("fourteenth-analysis", ANALYSIS, "Washington must stop lecturing", "Sahel Review"),
        ("fourteenth-wire", WIRE, "Senator presses State Department", "Sahel Wire"),
        ("fourteenth-radio", RADIO, "Envoys in Niamey", "Sahel FM"),
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
def analysis(store: FactStore) -> Draft:
    return draft(store, "fourteenth-analysis")


@pytest.fixture(scope="module")
def wire(store: FactStore) -> Draft:
    return draft(store, "fourteenth-wire")


@pytest.fixture(scope="module")
def radio(store: FactStore) -> Draft:
    return draft(store, "fourteenth-radio")


def candidate(result: Draft, start: str) -> Candidate:
    return next(c for c in result.candidates if c.sentence.text.startswith(start))


def when(found: Candidate) -> object:
    return found.date.get("when") if found.date else None


def test_a_transition_to_other_views_is_left_out_and_listed_in_skip(
    analysis: Draft, wire: Draft
) -> None:
    """D1: "Not everyone in the room shared her optimism.", "That view is not universal.",
    "Others are less sure." tell no fact: left out, and added to the seed's skip list."""
    transitions = (
        (analysis, "That view is not universal."),
        (analysis, "Others are less sure."),
        (wire, "Not everyone in the room shared her optimism."),
    )
    for result, text in transitions:
        assert not any(c.sentence.text.startswith(text) for c in result.candidates), text
        why = next(w for s, w in result.skipped if s.text.startswith(text))
        assert why.startswith("a transition"), (text, why)
        assert any(quote == text for quote, _ in seed_skips(result)), text
    # a view with its own fact, or naming an actor, is still drafted
    assert candidate(analysis, "Some in Congress argue")
    assert candidate(analysis, "Not all members agree")


def test_advice_in_an_analysis_piece_is_its_own_analysis(analysis: Draft, wire: Draft) -> None:
    """D2: in a piece giving advice in its own voice, "Washington should…", "the juntas
    must…", "It would be wise to…" are the outlet's analysis, dated to publication (not
    by "last year" in the relative clause), with no speaker; in wire copy, "must" in an
    obligation is not the outlet's view."""
    for start in ("Washington should", "The juntas must", "It would be wise"):
        found = candidate(analysis, start)
        assert found.kind == "analysis", (start, found.kind)
        assert found.by == [] and found.attribution == OWN_ASSESSMENT, start
        assert when(found) == PUBLISHED, start
    assert "united-states" in candidate(analysis, "Washington should").actors
    obligation = candidate(wire, "Under the draft contract")
    assert obligation.kind != "analysis" and obligation.attribution is None


def test_the_senator_and_the_official_are_who_the_article_named_or_described(
    wire: Draft,
) -> None:
    """D3: "The senator said" after "Senator Margaret Hale" is hers (and "She added"
    after it); "The official said" after "A State Department official" is that
    attribution with the State Department as actor; "The diplomat said" with no diplomat
    named or described before has no speaker, and a check says so."""
    senator = candidate(wire, "The senator said")
    assert senator.by == ["margaret-hale"]
    assert candidate(wire, "She added").by == ["margaret-hale"]
    official = candidate(wire, "The official said")
    assert official.by == []
    assert official.attribution == "a State Department official"
    assert "us-state-department" in official.actors
    assert official.kind == "statement"
    unknown = candidate(wire, "The diplomat said")
    assert unknown.by == [] and unknown.attribution is None
    assert any("which diplomat?" in note for note in unknown.notes)


def test_a_states_adjective_or_capital_as_a_place_links_no_state(
    analysis: Draft, wire: Draft, radio: Draft
) -> None:
    """D4: "Malian traders", "the Nigerien border posts", "the Malian border", "In
    Washington,", "in Moscow" link no state; its agents do ("Nigerien officials", "Nigerien
    officers"), and so do "Critics in Washington" (the body they speak for)."""
    traders = candidate(analysis, "Malian traders")
    assert "mali" not in traders.actors and "niger" not in traders.actors
    assert "mali" not in candidate(wire, "The official said").actors
    placed = candidate(wire, "In Washington, the State Department")
    assert "united-states" not in placed.actors
    assert "us-state-department" in placed.actors
    assert "united-states" in candidate(wire, "Critics in Washington").actors
    assert "russia" not in candidate(analysis, "Diplomats from Bamako").actors
    assert "niger" in candidate(wire, "Under the draft contract").actors
    assert "niger" in candidate(radio, "Nick Checker met").actors


def test_he_said_by_a_known_official_is_his_statement(radio: Draft) -> None:
    """D5: "He said"/"He added" after a person the store records as speaking for a body
    (an envoy, an adviser) is that person's statement, through the pronoun, in the same
    paragraph or opening the next."""
    checker = candidate(radio, "He said the United States")
    assert (checker.by, checker.kind) == (["nick-checker"], "statement")
    boulos = candidate(radio, "He said Washington")
    assert (boulos.by, boulos.kind) == (["massad-boulos"], "statement")
    added = candidate(radio, "He added that aid")
    assert (added.by, added.kind) == (["massad-boulos"], "statement")
