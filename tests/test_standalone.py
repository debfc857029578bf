"""The rules that keep context-free sentences out of every answer."""

from __future__ import annotations

import pytest

from bot.records.standalone import MIN_WORDS, standalone_problem


@pytest.mark.parametrize(
    "text",
    [
        "Analysts say the move mirrors trends in Mali and Niger.",
        "That position has drawn criticism from human rights advocates.",
        "He told Le Monde that democracy was appreciated.",
        "However, Washington appears willing to de-emphasise democratic governance.",
        "Ahead of the visit, the US said it looks forward to co-operating.",
        "After the coups, the Biden administration cut military co-operation.",
        "“settling in the Sahel”",
        "Russia: state",
    ],
)
def test_leaning_on_the_article_is_a_problem(text: str) -> None:
    assert standalone_problem(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Analysts say the US policy shift mirrors trends in Mali and Niger.",
        "The shift in US policy started with the shuttering of USAID.",
        "Ahead of Nick Checker's visit to Bamako, the US said it looks forward to co-operating.",
        "Massad Boulos's position that democracy is no longer a condition drew criticism.",
        "The US declared a policy shift towards Mali, Burkina Faso and Niger.",
        "Pomi Nupoho said that Move Pora had attacked the election calendar.",
    ],
)
def test_sentences_that_say_what_they_mean_pass(text: str) -> None:
    assert standalone_problem(text) is None


def test_words_are_counted_without_punctuation() -> None:
    """A dash or a possessive's apostrophe is no word: five words and punctuation are short."""
    assert MIN_WORDS == 6
    assert "(5 words" in (standalone_problem("Niger's president — Mohamed Bazoum, detained.") or "")
    assert standalone_problem("Niger's deposed president — Mohamed Bazoum, 900 days.") is None
