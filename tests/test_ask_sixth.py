"""/ask, a sixth pass (analyst trial 4): each class the trial found, asked in our own words
of the real store."""

from __future__ import annotations

import pytest

from bot.answers import questions
from bot.answers.response import Response
from bot.records.errors import NotFound
from bot.store.facts import FactStore


def first_line(response: Response) -> str:
    return response.sections[0].items[0].text


def shown(response: Response) -> list[str]:
    return [f for s in response.sections for i in s.items for f in (i.facts or (i.fact,)) if f]


# --- small wording changes read alike ----------------------------------------------------


@pytest.mark.parametrize(
    ("follow_up", "plain"),
    [
        (
            "and for how long has mohamed bazoum been held",
            "for how long has mohamed bazoum been held",
        ),
        ("ok so where is bazoum kept", "where is bazoum kept"),
        ("also, who is ulf laessing", "who is ulf laessing"),
    ],
)
def test_a_follow_ups_opening_word_reads_as_the_question_without_it(
    store: FactStore, follow_up: str, plain: str
) -> None:
    asked = questions.answer(store, follow_up)
    assert shown(asked) == shown(questions.answer(store, plain))
    assert asked.notes[0] == questions.answer(store, plain).notes[0]


def test_how_much_with_an_offering_verb_is_a_figure_not_what_was_said(
    store: FactStore,
) -> None:
    """ "offering" is a saying word ("offered talks"), but "how much … offering" asks a
    figure: the sources give none, said plainly."""
    response = questions.answer(store, "how much aid is washington offering burkina faso")
    assert "question of numbers" in response.notes[0]
    assert first_line(response).startswith("The sources do not say: they give no figure")


@pytest.mark.parametrize(
    "question",
    [
        "did washington meet officials from niger",
        "did the us meet officals from burkina faso",  # a rarer word (a slip) beside the name
    ],
)
def test_a_yes_no_asking_of_one_actor_about_another_is_not_refused_as_common(
    store: FactStore, question: str
) -> None:
    """Every word common ("US", "meet", "Niger", "officials"), yet it asks what one actor
    did with another the store names: the nearest line is the openness to consultations,
    which names both, not "American officials" sharing a word."""
    response = questions.answer(store, question)
    assert first_line(response).startswith("The sources do not say so"), first_line(response)
    assert shown(response)[0] == "bureau-signals-openness"


# --- yes/no: a clause saying it in other words says it -----------------------------------


def test_troops_withdrawn_is_said_by_withdrawn_militarily(store: FactStore) -> None:
    """ "withdrawn militarily from Mali" says the troops were withdrawn; a line sharing only
    "withdrew" (the ECOWAS exit) does not bear on it."""
    response = questions.answer(store, "have the french pulled their soldiers out of mali")
    assert first_line(response).startswith("The sources say"), first_line(response)
    assert shown(response) == ["french-troops-expelled"]


def test_is_x_in_y_is_a_presence_placed_by_its_sentence(store: FactStore) -> None:
    """ "countries such as Germany continue to maintain a presence" stands in a sentence on
    Mali ("While France has withdrawn militarily from Mali, …"): it says so."""
    response = questions.answer(store, "are the germans still in mali")
    assert first_line(response).startswith("The sources say"), first_line(response)
    assert "Mali" in first_line(response)  # the whole sentence, which says where
    assert shown(response)[0] == "eu-programmes-active"


@pytest.mark.parametrize(
    "question",
    [
        "are the germans in niger",
        "did germany deploy soldiers to niger",
        "has washington left niger",
    ],
)
def test_what_the_store_does_not_state_is_still_not_said(store: FactStore, question: str) -> None:
    try:
        response = questions.answer(store, question)
    except NotFound:
        return
    assert first_line(response).startswith("The sources do not say"), first_line(response)


# --- one shared common word is no answer -------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "has the eu withdrawn its soldiers from niger",
        "did france withdraw troops from burkina faso",
    ],
)
def test_a_line_sharing_one_word_of_a_yes_no_does_not_bear_on_it(
    store: FactStore, question: str
) -> None:
    """The ECOWAS exit shares "withdrew" and a country's name, nothing of who withdrew
    what: it is no line "bearing on" whether Europe's troops left."""
    response = questions.answer(store, question)
    assert "aes-formed" not in shown(response)


# --- what did X say about Y: only what is about Y ---------------------------------------


def test_what_x_said_about_y_lists_only_their_lines_on_y(store: FactStore) -> None:
    """Laessing on mineral firms: the mining quote and the resources claim, not his
    democracy quote or his "pragmatic stance" claim."""
    response = questions.answer(store, "what has laessing said on american mining companies")
    assert set(shown(response)) == {
        "laessing-mining-companies",
        "laessing-no-security-for-resources",
    }


def test_nothing_said_on_y_says_so_then_the_sources_own_lines_then_the_rest(
    store: FactStore,
) -> None:
    """The State Department never spoke of human rights: said plainly; the sources' own
    line on the US agenda and human rights shown; its statements under their own label."""
    response = questions.answer(store, "what has the state department said about human rights")
    assert any(n.startswith("Nothing US State Department said mentions") for n in response.notes)
    titles = [s.title for s in response.sections]
    assert titles[0].startswith("What the sources say of US State Department")
    assert "democracy-off-the-agenda" in [i.fact for i in response.sections[0].items]
    assert titles[1].startswith("Everything else US State Department said")


# --- why: the reason a source gives for the change it reports ----------------------------


def test_why_a_change_gives_the_sources_own_reason_for_it(store: FactStore) -> None:
    """ "This change comes amid growing concerns over Islamist insurgency": the source's
    reason for the shift, though the fact holding it is background, not anyone's claim."""
    response = questions.answer(store, "why has the us decided to re engage with the sahel juntas")
    reasons = next(s for s in response.sections if s.title == "Why: the reasons given")
    assert "sahel-islamist-insurgency" in [i.fact for i in reasons.items]


def test_a_why_not_about_a_change_is_not_given_the_changes_reason(store: FactStore) -> None:
    response = questions.answer(store, "why is bazoum being detained")
    assert "sahel-islamist-insurgency" not in shown(response)[:1]
    reasons = [s for s in response.sections if s.title == "Why: the reasons given"]
    assert not reasons or "sahel-islamist-insurgency" not in [i.fact for i in reasons[0].items]


# --- comparisons: each side as the sources describe it -----------------------------------


def test_a_comparison_lists_each_side_under_its_own_heading(store: FactStore) -> None:
    """ "trump versus biden on the military governments": Biden's cut under Biden, the new
    agenda under Trump; nothing naming neither side ("For Europe, the US recalibration…")."""
    response = questions.answer(store, "trump versus biden on the military governments")
    assert "comparison" in response.notes[0]
    titles = [s.title for s in response.sections]
    assert titles[:2] == ["On Donald Trump", "On Biden administration"]
    assert "biden-cuts-military-cooperation" in [i.fact for i in response.sections[1].items]
    assert "europe-fresh-challenges" not in shown(response)


def test_a_comparison_of_one_actor_with_itself_is_a_search(store: FactStore) -> None:
    try:
        response = questions.answer(store, "the us vs washington on niger")
    except NotFound:
        return
    assert "comparison" not in response.notes[0]
