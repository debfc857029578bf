"""/ask, a seventh pass (analyst trial 5): each class the trial found, asked in our own
words of the real store."""

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


# --- a stray word or a chat abbreviation does not sink the question ------------------------


@pytest.mark.parametrize(
    "question",
    [
        "is washington also open to consultations with niger",
        "is the us open to talks with niger too",
        "is the us even open to talks with niger",
    ],
)
def test_filler_words_are_no_subject(store: FactStore, question: str) -> None:
    response = questions.answer(store, question)
    assert "bureau-signals-openness" in shown(response)[:3]


def test_a_chat_abbreviation_of_an_actor_is_read_as_its_name(store: FactStore) -> None:
    """ "bf" is curated as Burkina Faso's alias, and a clause spelling the name out states
    the claim."""
    response = questions.answer(store, "would the us consult bf too")
    assert "burkina-faso" in {m.id for m in store.actor_names.mentions("bf")}
    answered = questions.answer(store, "is washington open to talks with bf")
    assert first_line(answered).startswith("The sources say")
    assert shown(answered)[0] == "bureau-signals-openness"
    assert shown(response)


# --- yes/no read by meaning, not only by the same words ------------------------------------


def test_quitting_a_bloc_is_withdrawing_from_it(store: FactStore) -> None:
    response = questions.answer(
        store, "was the alliance of sahel states formed once they quit ecowas"
    )
    assert first_line(response).startswith("The sources say")
    assert shown(response)[0] == "aes-formed"


def test_a_swap_of_minerals_is_answered_by_the_transactional_caution(store: FactStore) -> None:
    response = questions.answer(
        store, "will washington trade security support in exchange for minerals"
    )
    assert shown(response)[0] == "no-minerals-deals"


# --- a spelling correction is never the only thing an answer rests on -----------------------


def test_a_mended_word_no_answer_holds_is_refused(store: FactStore) -> None:
    """ "corps" is one slip from "coups": an answer naming only the word beside it is no
    answer about the Africa Corps."""
    with pytest.raises(NotFound, match="do not cover “africa corps”"):
        questions.answer(store, "what has the africa corps done in niger")


def test_a_mended_word_the_answer_holds_still_answers(store: FactStore) -> None:
    response = questions.answer(store, "what happened to the fuel convoi")
    assert any("Read “convoi”" in n for n in response.notes)
