"""/ask, a ninth pass (an analyst trial): each class the trial found, asked in our own
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


# --- words no single fact holds together: the sources do not say it ------------------------


@pytest.mark.parametrize(
    ("question", "apart"),
    [
        ("when is checker going to visit niamey", "niamey"),  # the visit was to Bamako
        ("when did checker visit niger", "niger"),  # Niger is named beside the visit
        ("who did checker meet in niamey", "niamey"),
        ("what did nick checker do in niamey", "niamey"),
    ],
)
def test_a_thing_the_sources_never_put_together_is_not_said(
    store: FactStore, question: str, apart: str
) -> None:
    with pytest.raises(NotFound) as refused:
        questions.answer(store, question)
    message = refused.value.message
    assert message.startswith(questions.NOT_COVERED)
    held_apart = message.split("no fact holds ", 1)[1].split(".", 1)[0]
    assert f"“{apart}”" in held_apart and "“checker”" in held_apart
    assert "The nearest they cover:" in message  # what they do hold, named
    assert refused.value.suggestions  # and where to read it


def test_the_nearest_is_named_by_its_curated_label(store: FactStore) -> None:
    with pytest.raises(NotFound, match=r"nearest they cover: the Bamako visit \(February 2026\)"):
        questions.answer(store, "when will checker visit niamey")


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("when did checker visit bamako", "checker-visits-bamako"),
        ("when did checker go to bamako", "checker-visits-bamako"),
        ("when was usaid shut down", "usaid-shuttered"),
        ("when was the niamey attack", "niamey-airport-attack"),
        ("when did the aes leave ecowas", "aes-formed"),
        ("who attacked the airport in niamey", "niamey-airport-attack"),
    ],
)
def test_words_one_fact_holds_together_still_answer(
    store: FactStore, question: str, fact: str
) -> None:
    assert fact in shown(questions.answer(store, question))[:3]


# --- common English words are never mended into the store's words --------------------------


def test_no_common_english_word_is_mended(store: FactStore) -> None:
    """ "again" is one slip from "gain", "still" from "stall": words of every question,
    never slips."""
    for word in sorted(questions.FUNCTION_WORDS):
        text, mended = questions._mend(store, f"did the us cut aid {word}")
        assert mended == [], word
        assert text.endswith(word)


@pytest.mark.parametrize(
    "question",
    [
        "did the us cut aid again",
        "has washington cut military cooperation again",
        "is usaid running anymore",
        "did the us actually shut usaid",
    ],
)
def test_a_common_word_is_neither_mended_nor_a_missing_subject(
    store: FactStore, question: str
) -> None:
    response = questions.answer(store, question)
    assert not any(n.startswith("Read “") for n in response.notes), response.notes
    assert shown(response)
