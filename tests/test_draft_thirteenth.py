"""Issue 25, thirteenth round: the classes of error a ninth held-out curator trial showed (a
known person's lone surname given to him although a person this draft proposes, named nearer
in the paragraph, shares it; transcript role labels ("HOST:") read as names; two dates in
one sentence dated by the first; a nationality-opening body after "But the" not proposed),
each tested here on articles of our own, never news, one test per class."""

from __future__ import annotations

import pytest

from bot.curation.draft import Candidate, Draft, draft
from bot.curation.ingest import ingest
from bot.store.facts import FactStore
from tests.conftest import StoreCopy

PUBLISHED = "2026-10-14"  # a Wednesday

OPED = """By Ruth Adeyemi

I believe the ministers are wrong to close the markets. Abdoulaye Diop said on Monday that \
the border "must stay shut."

Mariam Diop, a grain trader in Sikasso, disagrees. "The border feeds my children," Diop \
told me in September.

Karim Diop, a driver on the Kayes road, was named in a police report.

The new tolls are high. "We pay twice," Diop said last week.
"""

STUDIO = """HOST: Good evening, and welcome to Border Watch.

HOST: Tonight the grain markets. Our reporter Lina Osei is in Sikasso.

CORRESPONDENT: Thanks, Daniel. Kofi Mensah arrived here on Monday and met the traders \
this afternoon. After that meeting, Mensah told reporters the markets would reopen.

HOST: How did the traders take it?

CORRESPONDENT: Warmly. And the Malian Federation of Grain Traders and Carriers welcomed \
the plan on Tuesday.

HOST: That's all from us tonight.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> FactStore:
    copy = StoreCopy(tmp_path_factory.mktemp("thirteenth"))
    for source_id, text, title in (
        ("thirteenth-oped", OPED, "Open the markets"),
        ("thirteenth-studio", STUDIO, "Border Watch"),
    ):
        ingest(
            text.encode(),
            copy.seeds,
            title=title,
            outlet="Grain Weekly",
            published=PUBLISHED,
            source_id=source_id,
        )
    return copy.load()


@pytest.fixture(scope="module")
def oped(store: FactStore) -> Draft:
    return draft(store, "thirteenth-oped")


@pytest.fixture(scope="module")
def studio(store: FactStore) -> Draft:
    return draft(store, "thirteenth-studio")


def candidate(result: Draft, start: str) -> Candidate:
    return next(c for c in result.candidates if start in c.sentence.text)


def when(found: Candidate) -> object:
    return found.date.get("when") if found.date else None


def noted(found: Candidate, *words: str) -> bool:
    return any(all(w in n for w in words) for n in found.notes)


def proposed(result: Draft) -> set[str]:
    return {p.name for p in result.proposed}


# 1. a known person's surname shared with a person this draft proposes


def test_a_known_surname_goes_to_the_proposed_person_named_nearer(oped: Draft) -> None:
    """Abdoulaye Diop (known) speaks in one paragraph; Mariam Diop (proposed) is named in
    the next, then "Diop told me": Mariam, never the known minister."""
    found = candidate(oped, "The border feeds my children")
    assert found.by == ["mariam-diop"], found
    assert "abdoulaye-diop" not in found.actors, found


def test_a_known_surname_shared_and_named_in_no_nearer_paragraph_is_blank(oped: Draft) -> None:
    """Three Diops named before, none in this paragraph: blank, a check naming them."""
    found = candidate(oped, "We pay twice")
    assert found.by == [] and "abdoulaye-diop" not in found.actors, found
    assert noted(found, "Abdoulaye Diop", "Mariam Diop"), found.notes


# 2. transcript role labels


def test_role_labels_and_their_courtesies_propose_no_actor(studio: Draft) -> None:
    """ "HOST:" and "CORRESPONDENT:" are labels: the greeting, thanks, one-word answer and
    sign-off are left out, and none of their words is proposed."""
    names = proposed(studio)
    assert not {"Host", "Good", "Border Watch", "Thanks", "Daniel", "Warmly"} & names, names
    texts = [c.sentence.text for c in studio.candidates]
    assert not any(t.startswith(("HOST: Good evening", "CORRESPONDENT: Thanks")) for t in texts)
    assert not any("That's all from us" in t or t.endswith("Warmly.") for t in texts), texts


# 3. two dates in one sentence


def test_two_dates_in_one_sentence_are_blank_and_not_borrowed(studio: Draft) -> None:
    """ "arrived on Monday and met them this afternoon": blank, the README's mark; the
    sentence after ("After that meeting") never takes Monday unmarked."""
    found = candidate(studio, "arrived here on Monday")
    assert when(found) is None and noted(found, "two dates in one sentence"), found
    after = candidate(studio, "After that meeting")
    assert when(after) != "2026-10-12" or after.notes, after


# 4. a nationality-opening body after a sentence-initial conjunction


def test_a_body_opened_by_a_nationality_after_and_the_is_proposed_whole(studio: Draft) -> None:
    """ "And the Malian Federation of … and Carriers welcomed …": the body whole, no Mali."""
    found = candidate(studio, "Malian Federation of Grain Traders")
    assert "Malian Federation of Grain Traders and Carriers" in proposed(studio)
    assert "mali" not in found.actors and "Carriers" not in proposed(studio), found
