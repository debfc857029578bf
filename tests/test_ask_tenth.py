"""/ask, a tenth pass (an analyst trial): each class the trial found, asked in our own
words of the real store."""

from __future__ import annotations

import pytest

from bot.answers import questions
from bot.answers.response import Response
from bot.store.facts import FactStore


def first_line(response: Response) -> str:
    return response.sections[0].items[0].text


def lead(response: Response) -> list[str]:
    """The facts of the first section: the line that answers, and what follows it there."""
    return [i.fact for i in response.sections[0].items if i.fact]


PARTNER_LATER = "us-declares-policy-shift"


# --- how things stand now: a line of an earlier state is no confirmation -----------------


@pytest.mark.parametrize(
    ("question", "earlier", "later"),
    [
        ("is niger still a key us partner", "niger-key-security-partner", PARTNER_LATER),
        ("is niger currently a us security partner", "niger-key-security-partner", None),
        ("is niger a key us security partner now", "niger-key-security-partner", None),
        ("is niger a key us partner", "niger-key-security-partner", None),  # "is": asked of now
        ("is the us still cutting military cooperation", "biden-cuts-military-cooperation", None),
        (  # the nearest line (not said in those words) is of an earlier state too
            "does the us still halt military co-operation",
            "biden-cuts-military-cooperation",
            "laessing-no-security-for-resources",
        ),
    ],
)
def test_a_present_question_is_not_confirmed_by_an_earlier_state(
    store: FactStore, question: str, earlier: str, later: str | None
) -> None:
    response = questions.answer(store, question)
    line = first_line(response)
    assert lead(response)[0] == earlier
    assert not line.startswith("The sources say")  # never presented as how things stand
    assert not line.startswith("The sources say:")
    assert "earlier state" in line and "latest on it, from " in line
    followed = lead(response)[1:]
    assert followed  # the latest facts on the same subject follow, in the first section
    dates = [store.facts[f].date for f in followed]
    assert all(d is not None for d in dates)
    if later is not None:
        assert later in followed
    if store.facts[earlier].date is not None:  # dated after the earlier line
        assert all(d.when.start > store.facts[earlier].date.when.end for d in dates if d)


def test_a_present_question_dates_a_line_later_facts_follow(store: FactStore) -> None:
    """Dated before later facts on the same subject: said as of its date, the later after."""
    response = questions.answer(store, "is democracy still a condition for us engagement")
    line = first_line(response)
    assert line.startswith("As of October 2025, the sources say:")
    assert "no longer a condition" in line
    assert "laessing-americans-not-concerned" in lead(response)[1:]


@pytest.mark.parametrize(
    "question",
    [
        "is bazoum still detained",
        "has france withdrawn from mali",
        "did the us halt military cooperation",
    ],
)
def test_the_latest_or_a_past_question_is_said_as_before(store: FactStore, question: str) -> None:
    """The latest fact on it, or a question of the past: no earlier-state note."""
    line = first_line(questions.answer(store, question))
    assert line.startswith("The sources say"), line
