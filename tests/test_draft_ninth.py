"""Issue 25, ninth round: the classes of error a fifth held-out curator trial showed (a
date in a participle after a noun or in an event the verb's object names dating the
sentence, a title kept in a person's name, "the minister" after "the Minister of X, His
Excellency Y" left blank, "In my view, the reform says" read as the reform speaking,
"said nothing" drafted as a statement, "next Tuesday" unmarked, a programme's headline
read as the presenter's label), each tested here on articles of our own, never news, one
test per class."""

from __future__ import annotations

import pytest

from bot.curation.draft import Candidate, Draft, draft, render_yaml
from bot.curation.ingest import ingest
from bot.store.facts import FactStore
from tests.conftest import StoreCopy

WIRE = """LOME, May 14 (Coast Wire) - The port authority said the new tariff followed an \
audit completed in February.

Deputy Assistant Secretary of State Paul Ferrand met dock managers in Lome on Tuesday.

At the talks, the Minister of Trade, His Excellency Kossi Amegah, recalled the reforms of \
the past year. The minister said that tariffs on grain would fall by a tenth.

Minister Amegah also welcomed the patience of the hauliers.

The dockers' union condemned the raid on its offices in Kara on Saturday, in which two \
organisers were hurt.

The union held a vote on Saturday.

A union lawyer raised the case of three sailors detained since January.

The shipping lines' association said nothing about the raid.

Port officials and the union are scheduled to meet in Kara next Tuesday.

On Sunday, hauliers gathered outside the port to denounce what their leaders called "a \
tax on bread".
"""

TWO_MINISTERS = """Finance Minister Yawa Dogbe and Trade Minister Komi Agbeko visited the \
quay on Monday.

The minister said the loan had been agreed.

The harbour's new cranes were shown to Togo's transport minister, Edem Kpodar, on Tuesday. \
The transport minister told reporters that the cranes would double the port's trade.

Done at Lome, 12 May 2026.
"""

OPINION = """The port deal is a bet on patience

By Efua Mensima

The port authority raised its tariffs twice this year. In my view, the reform says more \
about the budget than about the docks.

I think the hauliers have a point. Senator Ada Quaye, a member of the Foreign Trade \
Committee, said the tariffs were too high.
"""

RADIO = """Coast Hour: Can the port strike be settled?

ESI ATTAH: Good evening. I'm Esi Attah. This week, the port strike and what it costs. \
With me is Kojo Anane, an economist at the Lome School of Trade.

ESI ATTAH: Kojo, let's start with you. What went wrong?

KOJO ANANE: The hauliers lost patience in April. Nobody listened to them for a year.

ESI ATTAH: Kojo Anane, thank you.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> FactStore:
    copy = StoreCopy(tmp_path_factory.mktemp("ninth"))
    for source_id, text, title in (
        ("ninth-wire", WIRE, "Port tariffs to fall"),
        ("ninth-ministers", TWO_MINISTERS, "Ministers at the quay"),
        ("ninth-opinion", OPINION, "The port deal is a bet on patience"),
        ("ninth-radio", RADIO, "Coast Hour"),
    ):
        ingest(
            text.encode(),
            copy.seeds,
            title=title,
            outlet="Coast Review",
            published="2026-05-14",  # a Thursday
            source_id=source_id,
        )
    return copy.load()


@pytest.fixture(scope="module")
def wire(store: FactStore) -> Draft:
    return draft(store, "ninth-wire")


def candidate(result: Draft, start: str) -> Candidate:
    return next(c for c in result.candidates if start in c.sentence.text)


def when(found: Candidate) -> object:
    return found.date.get("when") if found.date else None


def test_a_date_in_a_participle_after_a_noun_does_not_date_the_sentence(wire: Draft) -> None:
    """ "said the tariff followed an audit completed in February", "raised the case of
    three sailors detained since January": the audit's and the detention's dates, not the
    sentence's (said: the publication's, marked; narration: none)."""
    audit = candidate(wire, "audit completed in February")
    assert when(audit) in (None, "2026-05-14"), audit.date  # none, or the dateline's
    assert any("'in February' dates another" in n for n in audit.notes), audit.notes
    sailors = candidate(wire, "three sailors detained since January")
    assert sailors.date is None, sailors.date


def test_a_date_of_the_event_the_object_names_does_not_date_the_sentence(wire: Draft) -> None:
    """ "condemned the raid on its offices in Kara on Saturday": the raid's day, not the
    condemnation's (the publication's, marked); "held a vote on Saturday" and "met … on
    Tuesday" are the sentence's own."""
    condemned = candidate(wire, "condemned the raid")
    assert condemned.published_date and when(condemned) == "2026-05-14", condemned.date
    assert any("dates the raid" in n for n in condemned.notes), condemned.notes
    assert when(candidate(wire, "The union held a vote")) == "2026-05-09"
    assert when(candidate(wire, "met dock managers")) == "2026-05-12"


def test_a_title_before_a_name_is_kept_out_of_it(wire: Draft) -> None:
    """ "Deputy Assistant Secretary of State Paul Ferrand", "His Excellency Kossi Amegah":
    persons named without their titles (the title is a hint for the role)."""
    proposed = {p.name: p for p in wire.proposed}
    assert {"Paul Ferrand", "Kossi Amegah"} <= set(proposed), set(proposed)
    assert proposed["Paul Ferrand"].kind == proposed["Kossi Amegah"].kind == "person"
    assert candidate(wire, "met dock managers").actors == ["paul-ferrand"]
    assert proposed["Paul Ferrand"].title == "Deputy Assistant Secretary of State"
    assert '"Deputy Assistant Secretary of State"' in render_yaml(wire)


def test_the_minister_is_the_one_minister_named_before(store: FactStore, wire: Draft) -> None:
    """ "the Minister of Trade, His Excellency X, recalled … The minister said": X; "the
    transport minister" after "Togo's transport minister, Y": Y; two ministers named
    before "The minister": blank, marked."""
    assert candidate(wire, "The minister said that tariffs").by == ["kossi-amegah"]
    assert candidate(wire, "Minister Amegah also welcomed").by == ["kossi-amegah"]
    ministers = draft(store, "ninth-ministers")
    two = candidate(ministers, "The minister said")
    assert two.by == [] and any("which minister" in n for n in two.notes), two.notes
    assert candidate(ministers, "The transport minister told").by == ["edem-kpodar"]


def test_in_my_view_opening_a_sentence_is_the_authors(store: FactStore) -> None:
    """ "In my view, the reform says more…": the author's analysis, not the reform
    speaking, nor a claim with no speaker."""
    found = candidate(draft(store, "ninth-opinion"), "In my view")
    assert (found.kind, found.attribution, found.by) == ("analysis", "the author", [])


def test_said_nothing_is_no_statement(wire: Draft) -> None:
    """ "X said nothing about the raid": no words to draft; background, marked."""
    found = candidate(wire, "said nothing")
    assert found.kind == "background" and not found.by and not found.words, found
    assert any("tells no words" in n for n in found.notes), found.notes


def test_a_relative_future_day_is_marked_still_to_come(wire: Draft) -> None:
    """ "are scheduled to meet in Kara next Tuesday": undated, marked."""
    found = candidate(wire, "next Tuesday")
    assert found.date is None
    assert any("a date still to come ('next Tuesday')" in n for n in found.notes), found.notes


def test_a_programme_name_before_the_headline_is_no_speaker(store: FactStore) -> None:
    """ "Coast Hour: Can the port strike be settled?": the heading, not the presenter's
    label; the presenter is the first label repeated, so their billing, turn to the
    guest and thanks are left out, and the guest's lines are the guest's."""
    result = draft(store, "ninth-radio")
    skipped = {s.text.split(":")[-1].strip(): why for s, why in result.skipped}
    assert skipped["Can the port strike be settled?"] == "a heading", skipped
    assert "the presenter's opening" in skipped["This week, the port strike and what it costs."]
    assert skipped["Kojo, let's start with you."] == "a presenter's address to a guest"
    assert skipped["Kojo Anane, thank you."] == "a presenter's address to a guest"
    assert candidate(result, "lost patience").by == ["kojo-anane"]
    assert not any(c.by == ["esi-attah"] for c in result.candidates)


def test_what_someone_called_a_thing_reports_no_speech(wire: Draft) -> None:
    """ "to denounce what their leaders called '…'": how a thing is named, no statement;
    the gathering is an event of its own date."""
    found = candidate(wire, "what their leaders called")
    assert (found.kind, found.by, found.attribution) == ("event", [], None), found
    assert when(found) == "2026-05-10"


def test_a_body_named_foreign_keeps_its_first_word(store: FactStore) -> None:
    """ "the Foreign Trade Committee": one body, not "Trade Committee" (the "Foreign" of
    "Foreign Minister X" is a title's, not a name's)."""
    names = {p.name for p in draft(store, "ninth-opinion").proposed}
    assert "Foreign Trade Committee" in names and "Trade Committee" not in names, names


def test_a_communiques_closing_place_and_date_is_a_note(store: FactStore) -> None:
    """ "Done at Lome, 12 May 2026.": where and when the text was signed, left out as a
    note on the text (and added to the seed's skip list), no fact of its own."""
    result = draft(store, "ninth-ministers")
    assert not [c for c in result.candidates if c.sentence.text.startswith("Done at")]
    assert ("Done at Lome, 12 May 2026.", "a note on what the text is") in [
        (s.text, why) for s, why in result.skipped
    ]
