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


# --- a statement with a question's tag is a yes/no question --------------------------------


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("the us have largely stayed away from the juntas, right?", "have the us largely"),
        ("usaid was shut down, correct?", "was usaid shut down"),
        ("trump shut usaid, didn't he", "did trump shut usaid"),
        ("the us is open to talks with niger isn't it", "is the us open to talks"),
        ("france pulled its troops out of mali, true?", "did france pulled"),
    ],
)
def test_a_tagged_statement_is_read_as_a_yes_no_question(
    store: FactStore, question: str, asked: str
) -> None:
    response = questions.answer(store, question)
    assert response.notes[0].startswith("Answered as a yes/no question"), response.notes
    assert any(n.startswith(f"Read as the yes/no question “{asked}") for n in response.notes)
    assert first_line(response).startswith("The sources ")  # what they say, or do not


def test_a_premise_the_sources_do_not_state_shows_what_they_say_instead(
    store: FactStore,
) -> None:
    """No line says the US stayed away from the juntas (US *mining companies* did); what
    the sources say of the US and the juntas bears on it, or leads: it is engaging them."""
    response = questions.answer(store, "has the us stayed away from the juntas")
    assert first_line(response).startswith("The sources do not say so")
    assert "us-declares-policy-shift" in shown(response)[:4]
    assert shown(response)[0] != "laessing-mining-companies"  # mining companies, not the US


def test_a_question_ending_on_a_tag_word_is_not_a_statement(store: FactStore) -> None:
    assert questions._tagged("what is right") == ("what is right", False)
    assert questions._tagged("did the us cut aid, right") == ("did the us cut aid", True)


# --- time words a question ends on are not its subject -------------------------------------


@pytest.mark.parametrize(
    ("question", "time"),
    [
        ("what is the us policy on the sahel now", "now"),
        ("whats happening with usaid currently", "currently"),
        ("what are mali and russia doing these days", "these days"),
        ("where is bazoum held at the moment", "at the moment"),
        ("what does washington want from the juntas today", "today"),
    ],
)
def test_trailing_time_words_are_stripped_from_the_subject(
    store: FactStore, question: str, time: str
) -> None:
    text, timed = questions._timeless(question)
    assert timed == time and not text.endswith(time)
    response = questions.answer(store, question)
    assert f"Read “{time}” as: the latest" in " ".join(response.notes)
    assert time not in response.notes[0].split("Answered as", 1)[1]


def test_what_now_still_asks_what_comes_next(store: FactStore) -> None:
    assert questions._timeless("what now") == ("what now", "")
    assert questions.answer(store, "what now").title.startswith("What comes next")


# --- possessives typed without an apostrophe -----------------------------------------------


@pytest.mark.parametrize(
    ("typed", "actor"),
    [
        ("what is trumps policy on the sahel", "donald-trump"),
        ("what was bidens approach to the juntas", "biden-administration"),
        ("what are malis ties with russia", "mali"),
        ("who is nigers former president", "niger"),
    ],
)
def test_a_possessive_without_its_apostrophe_names_the_actor(
    store: FactStore, typed: str, actor: str
) -> None:
    text, owned = questions._possessives(store, typed)
    assert owned and owned[0][1].endswith("'s")
    assert actor in {m.id for m in store.actor_names.mentions(text, store.fact_search.knows)}


def test_a_plural_the_store_uses_is_no_possessive(store: FactStore) -> None:
    text, owned = questions._possessives(store, "did the juntas and the states meet officials")
    assert owned == [] and text == "did the juntas and the states meet officials"


def test_trumps_policy_now_reads_trump_as_the_actor_and_now_as_latest(store: FactStore) -> None:
    response = questions.answer(store, "what is trumps policy on the sahel now")
    assert any("Read “trumps” as “trumps'" in n or "“trump's”" in n for n in response.notes)
    assert "now" not in response.notes[0]
    first = store.facts[shown(response)[0]]
    assert "Trump" in first.text or "donald-trump" in first.actors


@pytest.mark.parametrize("question", ["is that right", "what is true", "is the us correct"])
def test_a_question_ending_on_right_or_true_keeps_it(question: str) -> None:
    assert questions._tagged(question) == (question, False)


@pytest.mark.parametrize(
    "question",
    ["are the germans still in mali", "did the americans leave niger", "what do the malians want"],
)
def test_a_people_or_a_plural_before_a_verb_is_no_possessive(
    store: FactStore, question: str
) -> None:
    assert questions._possessives(store, question) == (question, [])


def test_each_nearest_fact_is_named_when_the_names_are_in_different_facts(
    store: FactStore,
) -> None:
    """Checker in one fact, Niamey in another: both are what the sources do hold."""
    with pytest.raises(NotFound) as refused:
        questions.answer(store, "who did checker meet in niamey")
    nearest = refused.value.message.split("The nearest they cover: ", 1)[1]
    assert "the Bamako visit" in nearest and "Niamey" in nearest
