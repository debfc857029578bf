"""/ask, a sixth pass (analyst trial 4): each class the trial found, asked in our own words
of the real store."""

from __future__ import annotations

import pytest

from bot.answers import questions
from bot.answers.response import Response
from bot.store.facts import FactStore


def first_line(response: Response) -> str:
    return response.sections[0].items[0].text


def shown(response: Response) -> list[str]:
    return [f for s in response.sections for i in s.items for f in (i.facts or (i.fact,)) if f]


# --- small wording changes read alike ----------------------------------------------------


@pytest.mark.parametrize(
    ("follow_up", "plain"),
    [
        ("and for how long has mohamed bazoum been held", "for how long has mohamed bazoum been held"),
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


def test_a_yes_no_asking_of_one_actor_about_another_is_not_refused_as_common(
    store: FactStore,
) -> None:
    """Every word common ("US", "meet", "Niger", "officials"), yet it asks what one actor
    did with another the store names: the nearest line is the openness to consultations."""
    response = questions.answer(store, "did washington meet officials from niger")
    assert first_line(response).startswith("The sources do not say so"), first_line(response)
    assert shown(response)[0] == "bureau-signals-openness"
