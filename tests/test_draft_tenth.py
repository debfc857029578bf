"""Issue 25, tenth round: the classes of error a sixth held-out curator trial showed (a
country credited with its ministry's statement, "Prime Minister X of <state>" read as the
state, "than people think" read as a speaker, a quote's closing '…," he said.' read as
the author's first person, "asked X for Y" read as speech in a guest's turn, a titled
person in apposition after a body left out, two dates joined by "and," dating the
sentence, a participle's "since" with a place between, "A report published in <month>"
dating the sentence, a name cut at a plural's apostrophe, a broadcaster proposed as an
actor for being the channel, "U.S. embassy" not linked to the store's "US embassy"), each
tested here on articles of our own, never news, one test per class."""

from __future__ import annotations

import pytest

from bot.curation.draft import Candidate, Draft, draft
from bot.curation.drafts import Drafted
from bot.curation.ingest import ingest
from bot.store.facts import FactStore
from tests.conftest import StoreCopy

WIRE = """NIAMEY, June 3 (Coast Review) - Grain traders from Niger and Benin signed a new \
accord on Monday, according to a statement from the Nigerien trade ministry.

Prime Minister Hamadou Yacouba of Niger said the accord would cut the price of bread.

A spokesman for the Office of Roads and Bridges, Colonel Hamza Sidibe, said the first \
convoys had left on Tuesday.

Niger's military government closed the northern crossings in 2023 and, with Mali, left \
the regional customs union in March 2025.

A trade envoy said the talks had covered the case of four truck drivers detained in Benin \
since April.

A study published in May by the Tillaberi Grain Observatory found that prices had doubled.

Amadou Kere, the head of the hauliers' federation, told state broadcaster Tele Sahel that \
the accord came too late. Kere repeated the warning to Tele Sahel on Wednesday.

"The drivers have waited long enough. We want them home before the rains," he said.

Moussa Garba, the director of the Tahoua League for Herders' Rights, welcomed the accord.

A spokesperson for the U.S. embassy in Bamako declined to comment.
"""

RADIO = """Coast Hour: Does the grain accord matter?

ESI ATTAH: Good evening. I'm Esi Attah. With me is Kojo Anane, an economist at the Lome \
School of Trade.

ESI ATTAH: Kojo, does the loan matter?

KOJO ANANE: It counts for less than people think. The hauliers asked the ministry for new \
trucks, not cash.
"""

REVERSED = """Ministry says border stays shut

Captain Ali Bako, a spokesman for the Office of Roads and Bridges, said the crossing would \
stay shut during the rains.
"""

FELLOW = """Rail link offers little

Mariam Sy is a fellow at the Institute for Rail and Transport Studies in Dakar.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> FactStore:
    copy = StoreCopy(tmp_path_factory.mktemp("tenth"))
    for source_id, text, title in (
        ("tenth-wire", WIRE, "Niger and Benin sign grain accord"),
        ("tenth-radio", RADIO, "Coast Hour"),
        ("tenth-reversed", REVERSED, "Ministry says border stays shut"),
        ("tenth-fellow", FELLOW, "Rail link offers little"),
    ):
        ingest(
            text.encode(),
            copy.seeds,
            title=title,
            outlet="Coast Review",
            published="2026-06-03",  # a Wednesday
            source_id=source_id,
        )
    return copy.load()


@pytest.fixture(scope="module")
def wire(store: FactStore) -> Draft:
    return draft(store, "tenth-wire")


def candidate(result: Draft, start: str) -> Candidate:
    return next(c for c in result.candidates if start in c.sentence.text)


def when(found: Candidate) -> object:
    return found.date.get("when") if found.date else None


def test_a_statement_from_a_countrys_ministry_is_no_statement_by_the_country(
    wire: Draft,
) -> None:
    """ "according to a statement from the Nigerien trade ministry": the ministry's words,
    an attribution; the country is an actor, never the speaker."""
    found = candidate(wire, "according to a statement from the Nigerien")
    assert found.by == [] and (found.attribution or "").endswith("Nigerien trade ministry"), found
    assert found.kind == "statement" and "niger" in found.actors


def test_a_titled_person_of_a_state_is_the_person(wire: Draft) -> None:
    """ "Prime Minister X of Niger said": X, proposed without the title, speaks."""
    found = candidate(wire, "Prime Minister Hamadou Yacouba of Niger")
    proposed = {p.name: p for p in wire.proposed}
    assert proposed["Hamadou Yacouba"].kind == "person", proposed
    assert found.by == ["hamadou-yacouba"] and found.kind == "statement", found


def test_people_think_is_no_speaker(store: FactStore) -> None:
    """ "It counts for less than people think.": no "people" speaking; in a guest's turn,
    the guest's analysis."""
    found = candidate(draft(store, "tenth-radio"), "less than people think")
    assert (found.kind, found.by, found.attribution) == ("analysis", ["kojo-anane"], None)


def test_asking_someone_for_a_thing_reports_no_words(store: FactStore) -> None:
    """ "The hauliers asked the ministry for new trucks": a request told, no words; in a
    guest's turn the guest's claim about them (their analysis), not a statement."""
    found = candidate(draft(store, "tenth-radio"), "asked the ministry for")
    assert (found.kind, found.by, found.attribution) == ("analysis", ["kojo-anane"], None)


def test_a_quotes_closing_he_said_is_the_person_before_not_the_author(wire: Draft) -> None:
    """'"… We want them home before the rains," he said.' opening a paragraph: the one
    person the paragraph before named, never the article's author; the quote's first
    sentence goes with it."""
    closing = candidate(wire, "We want them home")
    assert closing.by == ["amadou-kere"] and closing.attribution is None, closing
    opening = candidate(wire, "The drivers have waited")
    assert opening.by == ["amadou-kere"] and opening.kind == "quote", opening


def test_a_titled_person_in_apposition_after_a_body_is_the_speaker(
    store: FactStore, wire: Draft
) -> None:
    """ "A spokesman for the Office of X, Colonel Y, said": Y; "Captain Y, a spokesman for
    the Office of X, said": Y too."""
    assert candidate(wire, "Colonel Hamza Sidibe").by == ["hamza-sidibe"]
    assert candidate(draft(store, "tenth-reversed"), "Captain Ali Bako").by == ["ali-bako"]


def test_two_dates_joined_by_and_comma_leave_the_sentence_undated(wire: Draft) -> None:
    """ "closed the crossings in 2023 and, with Mali, left the union in March 2025": two
    events, two dates; blank, marked."""
    found = candidate(wire, "closed the northern crossings")
    assert found.date is None, found.date
    assert any("two dates in one sentence" in n for n in found.notes), found.notes


def test_a_participles_since_with_a_place_between_does_not_date_the_sentence(
    wire: Draft,
) -> None:
    """ "the case of four truck drivers detained in Benin since April": the detention's
    start, not the telling's (said: the publication's, marked)."""
    found = candidate(wire, "detained in Benin since April")
    assert when(found) == "2026-06-03" and found.published_date, found.date
    assert any("'since April' dates another" in n for n in found.notes), found.notes


def test_a_report_published_in_a_month_does_not_date_the_sentence(wire: Draft) -> None:
    """ "A study published in May by X found …": the study's date, refused and marked (the
    README's "the report published by X on 2 June")."""
    found = candidate(wire, "A study published in May")
    assert found.date is None, found.date
    assert any("'in May' dates another" in n for n in found.notes), found.notes


def test_a_name_keeps_a_plurals_apostrophe(wire: Draft) -> None:
    """ "the Tahoua League for Herders' Rights": one organisation, not cut before the
    apostrophe."""
    proposed = {p.name: p.kind for p in wire.proposed}
    assert proposed.get("Tahoua League for Herders' Rights") == "organisation", proposed


def test_a_broadcaster_named_as_the_channel_is_no_actor(wire: Draft) -> None:
    """ "told state broadcaster Tele Sahel", then "to Tele Sahel": where the words went, not
    who acted; not proposed."""
    assert "Tele Sahel" not in {p.name for p in wire.proposed}
    assert "tele-sahel" not in candidate(wire, "Kere repeated").actors


def test_a_known_name_matches_with_or_without_its_acronyms_dots(wire: Draft) -> None:
    """ "the U.S. embassy in Bamako": the store's "US embassy in Bamako", not the country."""
    found = candidate(wire, "U.S. embassy in Bamako")
    assert found.actors == ["us-embassy-bamako"], found.actors


def test_a_longer_name_alike_in_most_words_is_no_misspelling(store: FactStore) -> None:
    """ "the Institute for Rail and Transport Studies" beside another draft's "Kita
    Institute for Road and Transport Studies": a word more is another body, proposed, not
    linked as a misspelling of it."""
    other = Drafted(
        "kita-institute", "Kita Institute for Road and Transport Studies", "organisation", "o.yaml"
    )
    result = draft(store, "tenth-fellow", [other])
    assert "kita-institute" not in candidate(result, "is a fellow at").actors
    assert "Institute for Rail and Transport Studies" in {p.name for p in result.proposed}
