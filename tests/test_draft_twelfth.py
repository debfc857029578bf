"""Issue 25, twelfth round: the classes of error an eighth held-out curator trial showed (a
bare surname two people share given to the wrong one, a two-letter surname left blank; a
date in an appositive dating a present state; "pointed out" not read as a reporting verb;
bodies' names cut at "and", "of the", "in" or "on", or opened by a nationality; "according
to two diplomats briefed on …" left blank; "told X on Monday" refused as no past verb; an
outlet only told linked as an actor), each tested here on articles of our own, never news,
one test per class."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.curation.draft import Candidate, Draft, draft
from bot.curation.ingest import ingest
from bot.store.facts import FactStore
from tests.conftest import StoreCopy

PUBLISHED = "2026-10-15"  # a Thursday

RADIO = """River Hour: Who runs the ports?

NINA BELLO: Good evening, I'm Nina Bello. With me is Dr Amadou Keita of the Delta \
Institute.

NINA BELLO: Amadou, let's start with you.

AMADOU KEITA: The ports have been calm, and General Seydou Keita has not met the traders. \
Keita said on Tuesday that the docks "will stay open to every ship."
"""

WIRE = """KAYES, Oct 15 (Coast Review) - Mali and Guinea agreed to reopen a rail freight \
line, according to three engineers briefed on the plans.

Trade envoy Laura Finch also met the head of the Guinean Chamber of Mines and Energy, \
Sekou Camara, on ore taxes.

Sidiki Konate, the minister dismissed in March 2024, remains under house arrest in Kayes.

The Malian League for the Protection of Consumers, a Bamako-based group, condemned the \
deal on Wednesday.

Paul Dembele, a fellow at the Centre for Rail and Logistics in Africa, said the line was \
overdue. Dembele calls this "a debt to the river towns."

The Senate Panel on Ore Exports questioned the envoy on Tuesday.

Aissata Cisse, who sits on the board of the Advisory Assembly of the Renewal, was sharper.

The analyst Ali Sy followed the talks. "Rail is cheaper than roads," Sy said.

Kadi Diarra pointed out that the last freight train ran in June 2023.

The engineers' spokesman, Moussa Sidibe, told AFP on Monday that the work would take \
a year. Asked about the cost, he declined to comment.

Lamine Keita, a rail historian, wrote the first study of the line.

Colonel Bakary Keita commands the rail police.

Keita said the old stations would be rebuilt.

Traders hoped the deal would lift the fuel taxes imposed last year.

Senator Aminata Diallo wrote to the transport minister on Tuesday asking for the \
costs. The letter said the line had "no budget at all."

A senior official in the Bureau of Rail Safety said the bridges would be inspected.

Representative Omar Sanogo, who chairs the transport committee, wrote to the governor \
demanding a budget.

When Laura Finch toured the depot in early 2025, she spoke of "a line for a century."
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> FactStore:
    copy = StoreCopy(tmp_path_factory.mktemp("twelfth"))
    for source_id, text, title in (
        ("twelfth-radio", RADIO, "River Hour"),
        ("twelfth-wire", WIRE, "Mali and Guinea to reopen rail line"),
    ):
        ingest(
            text.encode(),
            copy.seeds,
            title=title,
            outlet="Coast Review",
            published=PUBLISHED,
            source_id=source_id,
        )
    return copy.load()


@pytest.fixture(scope="module")
def radio(store: FactStore) -> Draft:
    return draft(store, "twelfth-radio")


@pytest.fixture(scope="module")
def wire(store: FactStore) -> Draft:
    return draft(store, "twelfth-wire")


def candidate(result: Draft, start: str) -> Candidate:
    return next(c for c in result.candidates if start in c.sentence.text)


def when(found: Candidate) -> object:
    return found.date.get("when") if found.date else None


def noted(found: Candidate, *words: str) -> bool:
    return any(all(w in n for w in words) for n in found.notes)


def proposed(result: Draft) -> set[str]:
    return {p.name for p in result.proposed}


# 1. a bare surname


def test_a_shared_surname_is_the_person_named_nearest_before_it(radio: Draft) -> None:
    """A guest Amadou Keita speaks; General Seydou Keita is named in the same line, then
    "Keita said": the general, never the guest whose label opens the line."""
    found = candidate(radio, "Keita said on Tuesday")
    assert found.by == ["seydou-keita"], found
    assert "amadou-keita" not in found.actors, found


def test_a_shared_surname_named_in_no_nearer_paragraph_is_left_blank_naming_both(
    wire: Draft,
) -> None:
    """Two Keitas named in full in paragraphs before, none in this one: blank, a check
    naming both, never the first one proposed."""
    found = candidate(wire, "Keita said the old stations")
    assert found.by == [] and not {"lamine-keita", "bakary-keita"} & set(found.actors), found
    assert noted(found, "Lamine Keita", "Bakary Keita"), found.notes


def test_a_two_letter_surname_after_the_analyst_is_that_analyst(wire: Draft) -> None:
    """ "The analyst Ali Sy …" then '"…," Sy said': Ali Sy."""
    found = candidate(wire, "Sy said")
    assert found.by == ["ali-sy"], found


# 2. dates


def test_a_date_in_an_appositive_does_not_date_a_present_state(wire: Draft) -> None:
    """ "X, the minister dismissed in March 2024, remains under house arrest": a state now,
    never an event of March 2024."""
    found = candidate(wire, "remains under house arrest")
    assert when(found) in (None, PUBLISHED), found
    assert found.kind != "event", found


def test_pointed_out_is_a_reporting_verb(wire: Draft) -> None:
    """ "X pointed out that the last train ran in June 2023": X's words, the reported
    clause's date marked as such."""
    found = candidate(wire, "pointed out that")
    assert found.by == ["kadi-diarra"], found
    if when(found) == "2023-06":
        assert noted(found, "dates what the words report"), found.notes


# 3. bodies' names


def test_a_bodys_name_joined_by_and_is_kept_whole(wire: Draft) -> None:
    found = candidate(wire, "Chamber of Mines and Energy")
    assert "Guinean Chamber of Mines and Energy" in proposed(wire)
    assert not {"Energy", "Mines and Energy"} & proposed(wire)
    assert "guinea" not in found.actors, found


def test_a_bodys_name_with_of_the_is_one_name(wire: Draft) -> None:
    assert "Advisory Assembly of the Renewal" in proposed(wire)
    assert not {"Advisory Assembly", "Renewal"} & proposed(wire)


def test_a_bodys_name_ending_in_in_or_on_a_place_is_kept_whole(wire: Draft) -> None:
    assert "Centre for Rail and Logistics in Africa" in proposed(wire)
    assert "Senate Panel on Ore Exports" in proposed(wire)
    assert not {"Centre for Rail and Logistics", "Senate Panel"} & proposed(wire)


def test_a_nationality_opening_a_bodys_name_proposes_the_body(wire: Draft) -> None:
    found = candidate(wire, "Malian League for the Protection")
    assert "Malian League for the Protection of Consumers" in proposed(wire)
    assert "mali" not in found.actors, found
    assert found.attribution != "a Bamako-based group", found


# 4. attribution and channels


def test_according_to_a_number_of_people_briefed_is_an_attribution(wire: Draft) -> None:
    found = candidate(wire, "according to three engineers")
    assert found.attribution == "three engineers", found


def test_told_an_outlet_on_a_weekday_is_the_tellings_day_and_no_actor(wire: Draft) -> None:
    """ "told AFP on Monday": the Monday before publication; AFP only the channel."""
    found = candidate(wire, "told AFP on Monday")
    assert when(found) == "2026-10-12", found
    assert "afp" not in found.actors, found
    assert found.by == ["moussa-sidibe"], found


STATEMENT = """Mali answers Guinea on the rail line

The Government of Mali thanks the Republic of Guinea for its offer to rebuild the line. \
The Government has taken note of the concerns raised by traders in Kayes.

The Government of Mali said in a statement on Tuesday that the offer was fair. The Government has \
reaffirmed its wish for a fair tariff.
"""


def test_the_government_after_the_government_of_x_opened_the_paragraph(tmp_path: Path) -> None:
    """ "The Government of Mali thanks …. The Government has taken note of …": Mali's
    government, the one named before it in the paragraph, not a blank."""
    copy = StoreCopy(tmp_path)
    ingest(
        STATEMENT.encode(),
        copy.seeds,
        title="Mali answers Guinea on the rail line",
        outlet="Coast Review",
        published=PUBLISHED,
        source_id="twelfth-statement",
    )
    result = draft(copy.load(), "twelfth-statement")
    assert candidate(result, "The Government has taken note").by == ["mali-junta"]
    # after "… in a statement on Tuesday", the statement's words: its date
    found = candidate(result, "The Government has reaffirmed")
    assert found.by == ["mali-junta"] and when(found) == "2026-10-13", found


# 5. a byline on a line of its own


def test_a_by_line_under_the_title_is_a_byline_not_a_heading(tmp_path: Path) -> None:
    copy = StoreCopy(tmp_path)
    ingest(
        b"Why the rail line matters\n\nBy Nadia Ferhat\n\nThe line carried ore for forty years "
        b"before the floods of 2019 cut it.\n",
        copy.seeds,
        title="Why the rail line matters",
        outlet="Coast Review",
        published=PUBLISHED,
        source_id="twelfth-byline",
    )
    result = draft(copy.load(), "twelfth-byline")
    reasons = {s.text: why for s, why in result.skipped}
    assert reasons.get("By Nadia Ferhat") == "a byline", reasons


def test_he_declining_to_comment_is_an_actor_of_the_fact(wire: Draft) -> None:
    """ "Asked about …, he declined to comment" after one person in the paragraph: that
    person an actor of the background fact the check asks for."""
    found = candidate(wire, "he declined to comment")
    assert "moussa-sidibe" in found.actors and found.by == [], found


def test_a_participles_past_date_in_a_hoped_clause_is_no_date_to_come(wire: Draft) -> None:
    """ "hoped the deal would lift the fuel taxes imposed last year": the taxes' date, past,
    never "a date still to come"."""
    found = candidate(wire, "imposed last year")
    assert not noted(found, "still to come"), found.notes
    assert when(found) != "2025", found


def test_words_timed_by_an_opening_when_clause_are_not_dated_by_publication(
    wire: Draft,
) -> None:
    """ "When X toured the depot in early 2025, she spoke of …": said then, a blank marked
    so, never the publication's date "when it was said"."""
    found = candidate(wire, "she spoke of")
    assert found.by == ["laura-finch"], found
    assert when(found) is None and noted(found, "said at the time"), found


def test_calls_this_before_quoted_words_reports_them(wire: Draft) -> None:
    """ "X, a fellow at …, calls this "…"": X's words, not narration."""
    found = candidate(wire, "calls this")
    assert found.by == ["paul-dembele"], found


def test_the_letter_after_x_wrote_to_y_is_xs_and_dated_so(wire: Draft) -> None:
    """ "X wrote to the minister on Tuesday …. The letter said …": X's words, the day the
    letter was written."""
    found = candidate(wire, "The letter said")
    assert found.by == ["aminata-diallo"], found
    assert when(found) == "2026-10-13", found


def test_an_official_of_a_bureau_and_a_representative_make_statements(wire: Draft) -> None:
    """ "A senior official in the Bureau of X said …" speaks for the bureau, and
    "Representative X … wrote to …" holds an office: statements, not claims."""
    assert candidate(wire, "A senior official in the Bureau").kind == "statement"
    assert candidate(wire, "Representative Omar Sanogo").kind == "statement"
