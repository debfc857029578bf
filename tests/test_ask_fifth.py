"""/ask, a fifth pass (analyst trial 3): each class the trial found, asked in our own words
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


# --- common words that together state a claim --------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "is washington open to talks with niger",
        "was the us open to negotiations with burkina faso",
    ],
)
def test_common_words_stating_a_claim_in_one_clause_answer_it(
    store: FactStore, question: str
) -> None:
    """Every word common in the store ("US", "open", "talks", "Niger"), yet one clause
    says it: "Washington was also open to consultations with … Burkina Faso and Niger"."""
    response = questions.answer(store, question)
    assert first_line(response).startswith("The sources say"), first_line(response)
    assert "bureau-signals-openness" in shown(response)[:2]


@pytest.mark.parametrize(
    "question",
    [
        "did niger sign an agreement",  # a name and a verb: no clause states it
        "is niger open to talks with the us",  # Niger is who the US is open to, not who is
        "did the us talk to niger",
    ],
)
def test_common_words_no_clause_states_are_still_no_answer(
    store: FactStore, question: str
) -> None:
    try:
        response = questions.answer(store, question)
    except NotFound:
        return
    assert first_line(response).startswith("The sources do not say"), first_line(response)


def test_talks_are_consultations_not_only_something_told(store: FactStore) -> None:
    terms = store.fact_search.expand("talks")
    assert "consult" in terms  # "open to consultations"
