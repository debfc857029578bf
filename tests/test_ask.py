"""Plain questions and fallbacks: the query layer, the console and the CLI agree."""

from __future__ import annotations

import json

import pytest

from bot.answers import queries, questions
from bot.answers.commandset import ask
from bot.answers.response import Response
from bot.records.errors import InvalidCommand, NotFound
from bot.store.facts import FactStore
from tests.test_cli import briefbot


def facts_of(response: Response) -> list[str]:
    return [i.fact for s in response.sections for i in s.items if i.fact]


@pytest.mark.parametrize(
    ("question", "read_as", "title"),
    [
        ("who is nick checker?", '/actor name:"Nick Checker"', "Nick Checker"),
        ("Who's Boulous", '/actor name:"Massad Boulos"', "Massad Boulos"),
        ("what is the AES?", '/actor name:"Alliance of Sahel States"', "Alliance of Sahel States"),
        ("tell me about security", "/brief topic:security", "Security and insurgency"),
        ("what happened in 2025", "/timeline since:2025 until:2025", "Timeline: 2025 to 2025"),
        ("what happened to Bazum?", '/timeline actor:"Mohamed Bazoum"', "Timeline: Mohamed Bazoum"),
        ("when did Checker visit Bamako", "a timeline of", "When: "),
        (
            "what did Lessing say about democracy?",
            "Ulf Laessing's statements about “democracy”",
            "What Ulf Laessing said about “democracy”",
        ),
        ("what did Boulos say", "Massad Boulos' statements", "What Massad Boulos said"),
        ("is the fuel convoy attack linked to al qaeda", "a yes/no question", "“is the fuel"),
    ],
)
def test_a_question_is_routed_and_says_how_it_was_read(
    store: FactStore, question: str, read_as: str, title: str
) -> None:
    response = questions.answer(store, question)
    assert response.ok and response.command == "ask"
    assert response.notes[0].startswith(f"Answered as {read_as}"), response.notes
    assert response.title.startswith(title)


def test_what_someone_said_about_something_is_only_their_words(store: FactStore) -> None:
    response = questions.answer(store, "what did Laessing say about democracy")
    assert facts_of(response) == ["laessing-americans-not-concerned"]
    everything = questions.answer(store, "what did Laessing say about Bazoum")
    assert len(facts_of(everything)) == 5  # Bazoum is in the store, not in his words: all he said
    assert any("Nothing Ulf Laessing said mentions" in n for n in everything.notes)
    with pytest.raises(NotFound) as caught:  # a subject the store never names: no list
        questions.answer(store, "what did Laessing say about Wagner")
    assert caught.value.message == "The sources in the store do not cover “Wagner”."


def test_nothing_fits_says_so_and_suggests_what_exists(store: FactStore) -> None:
    with pytest.raises(NotFound) as caught:
        questions.answer(store, "who is Yevgeny Prigozhin")
    assert caught.value.message == ("The sources in the store do not cover “Yevgeny”, “Prigozhin”.")
    assert caught.value.suggestions
    with pytest.raises(InvalidCommand):
        questions.answer(store, "what did they say?")


def test_questions_are_deterministic(store: FactStore) -> None:
    first = questions.answer(store, "who criticised Boulos?")
    assert all(questions.answer(store, "who criticised Boulos?") == first for _ in range(3))


def test_a_line_without_a_slash_is_a_question(store: FactStore) -> None:
    assert ask(store, "who is nick checker?") == ask(store, "/ask who is nick checker?")
    assert ask(store, "who is nick checker?").title == "Nick Checker"


@pytest.mark.parametrize(
    ("name", "facts"),
    [
        ("Niamey", {"niamey-airport-attack", "russia-claims-joint-action"}),
        ("analysts", {"no-minerals-deals", "dissent-controlled"}),
        ("human rights advocates", {"rights-advocates-criticise"}),
    ],
)
def test_an_unknown_actor_named_in_facts_answers_with_them(
    store: FactStore, name: str, facts: set[str]
) -> None:
    response = queries.actor(store, name)
    assert response.ok
    assert facts <= set(facts_of(response))
    assert response.notes[0].startswith(f"No actor is called “{name}”; these facts name it.")


def test_an_unknown_actor_named_nowhere_suggests_a_search(store: FactStore) -> None:
    with pytest.raises(NotFound) as caught:
        queries.actor(store, "Wagner")
    assert "/search query:Wagner" in caught.value.suggestions


def test_help_and_about_answer_outside_discord(store: FactStore) -> None:
    help_ = ask(store, "/help")
    assert help_.ok and any(s.title.startswith("/ask question:") for s in help_.sections)
    about = ask(store, "/about")
    assert about.ok and store.version in about.sections[0].items[0].text


# --- as a person runs them ---------------------------------------------------------------


def test_cli_answers_a_plain_question() -> None:
    result = briefbot("ask", "who is nick checker?")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Nick Checker\n")
    assert 'Answered as /actor name:"Nick Checker"' in result.stdout


def test_cli_json_carries_the_same_response_for_questions_fallbacks_and_help() -> None:
    for line in ("who is nick checker?", "/actor Niamey", "/help", "/about"):
        data = json.loads(briefbot("ask", "--json", line).stdout)
        assert data["ok"] is True, (line, data)
    failed = json.loads(briefbot("ask", "--json", "who is Yevgeny Prigozhin").stdout)
    assert failed["ok"] is False and failed["error"]["suggestions"]


def test_console_answers_questions_help_and_about() -> None:
    result = briefbot(
        "console",
        stdin="who is nick checker?\n/help\n/about\nwhat did Boulos say\nquit\n",
        process=True,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Commands start with" not in out and "There is no /help" not in out
    assert 'Answered as /actor name:"Nick Checker"' in out
    assert "briefbot commands" in out and "About briefbot" in out
    assert "What Massad Boulos said" in out
