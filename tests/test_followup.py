"""Follow-up questions: a pronoun refers back to whom the asker's last question named."""

from __future__ import annotations

import pytest

from bot.answers import followup, questions
from bot.console.prompt import Session
from bot.records.errors import NotFound
from bot.store.facts import FactStore


@pytest.mark.parametrize(
    ("question", "previous", "pronoun", "read"),
    [
        ("what did he say", "nick-checker", "he", "what did {} say"),
        ("when did she visit bamako", "nick-checker", "she", "when did {} visit bamako"),
        ("what is his role", "nick-checker", "his", "what is {}'s role"),
        ("when did they attack", "jnim", "they", "when did {} attack"),
        ("what did it say", "us-state-department", "it", "what did {} say"),
    ],
)
def test_a_pronoun_is_read_as_the_last_subject(
    store: FactStore, question: str, previous: str, pronoun: str, read: str
) -> None:
    name = store.actors[previous].name
    followed, note = followup.follow(store, question, previous)
    assert followed == read.format(name)
    assert note == f"Read “{pronoun}” as {name}, from your last question."


def test_a_question_naming_someone_is_its_own_subject(store: FactStore) -> None:
    assert followup.follow(store, "what did laessing say about him", "nick-checker") == (
        "what did laessing say about him",
        None,
    )


def test_he_with_no_one_to_refer_to_asks_for_a_name(store: FactStore) -> None:
    with pytest.raises(NotFound, match="Who is “he”"):
        followup.follow(store, "what did he say", None)
    with pytest.raises(NotFound, match="Who is “he”"):  # the last subject was no person
        followup.follow(store, "what did he say", "jnim")
    # "it" and "they" without a fitting subject stay as typed ("is it true that …")
    assert followup.follow(store, "is it true", "nick-checker") == ("is it true", None)


def test_the_answer_says_how_the_pronoun_was_read(store: FactStore) -> None:
    response = questions.answer(store, "and when did he visit bamako", "nick-checker")
    assert "Read “he” as Nick Checker, from your last question." in response.notes
    assert response.sections[0].title == "When"


def test_recent_forgets_the_longest_unheard_asker() -> None:
    recent = followup.Recent(kept=2)
    recent.set("a", "x")
    recent.set("b", "y")
    recent.get("a")
    recent.set("a", "x2")  # heard again: kept
    recent.set("c", "z")
    assert (recent.get("a"), recent.get("b"), recent.get("c")) == ("x2", None, "z")
    recent.set("c", None)  # a question about no one keeps the last subject
    assert recent.get("c") == "z"


def test_the_console_follows_up(store: FactStore) -> None:
    session = Session(store)
    session.handle("who is nick checker")
    text = session.handle("and when did he visit bamako")
    assert "Read “he” as Nick Checker, from your last question." in text
    text = session.handle("what did laessing say")  # a new subject
    assert "Laessing" in text
    assert "Read “he” as Ulf Laessing" in session.handle("what did he say about democracy")


def test_a_pronoun_beside_a_name_it_cannot_stand_for_is_still_read(store: FactStore) -> None:
    """ "he" cannot be Le Monde (a newspaper): it is the person asked about before."""
    followed, note = followup.follow(store, "what did he tell le monde", "massad-boulos")
    assert followed == "what did Massad Boulos tell le monde" and note is not None
    # and the next question's "he" is still Boulos, not the newspaper
    assert followup.subject(store, "what did he tell le monde", "massad-boulos") == "massad-boulos"
    assert followup.subject(store, "who is ulf laessing", "massad-boulos") == "ulf-laessing"
    assert followup.subject(store, "what did he say", None) is None  # no one to refer to
