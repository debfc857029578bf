import pytest

from bot.answers.commandset import ask, parse
from bot.records.errors import InvalidCommand
from bot.store.facts import FactStore


@pytest.mark.parametrize(
    ("line", "name", "options"),
    [
        ("/actor name:Bazoum", "actor", {"name": "Bazoum"}),
        ("/actor Bazoum", "actor", {"name": "Bazoum"}),
        ("/actor Mohamed Bazoum", "actor", {"name": "Mohamed Bazoum"}),
        ('/actor name:"Ulf Laessing"', "actor", {"name": "Ulf Laessing"}),
        ("/actor name: Ulf Laessing ", "actor", {"name": "Ulf Laessing"}),
        (
            '/timeline actor:"Ulf Laessing" since:2025',
            "timeline",
            {"actor": "Ulf Laessing", "since": "2025"},
        ),
        (
            "/timeline since:Oct 2025 until:Dec 2025",
            "timeline",
            {"since": "Oct 2025", "until": "Dec 2025"},
        ),
        ("/search query: fuel convoy", "search", {"query": "fuel convoy"}),
        ("/search fuel convoy", "search", {"query": "fuel convoy"}),
        ("/brief", "brief", {}),
        ("/brief security", "brief", {"topic": "security"}),
        ("/BRIEF TOPIC:security", "brief", {"topic": "security"}),
        ("/sources", "sources", {}),
        ("/search what is at: stake", "search", {"query": "what is at: stake"}),
        # option names inside quotes are part of the value
        (
            '/timeline actor:"Ulf Laessing since:1900"',
            "timeline",
            {"actor": "Ulf Laessing since:1900"},
        ),
        (
            '/timeline actor:"Ulf Laessing since:1900" since:2025',
            "timeline",
            {"actor": "Ulf Laessing since:1900", "since": "2025"},
        ),
        (
            "/timeline actor:“a since:b” since:2025",
            "timeline",
            {"actor": "a since:b", "since": "2025"},
        ),
        ('/search "actor: who" ', "search", {"query": "actor: who"}),
        ("/search Niger's since:", "search", {"query": "Niger's since:"}),
        (
            '/timeline actor:"unclosed since:2025',
            "timeline",
            {"actor": '"unclosed', "since": "2025"},
        ),
    ],
)
def test_discord_syntax(line: str, name: str, options: dict[str, str]) -> None:
    invocation = parse(line)
    assert invocation.command.name == name
    assert invocation.options == options


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("actor Bazoum", "Commands start with '/'"),
        ("/actr Bazoum", "There is no /actr command"),
        ("/actor", "/actor needs name"),
        ("/actor name:", "/actor needs name"),
        ("/actor nom:Bazoum", "/actor has no option 'nom' (its options: name)"),
        ("/timeline actor:a actor:b", "Option 'actor' is given twice"),
    ],
)
def test_bad_command_lines_say_what_is_wrong(line: str, message: str) -> None:
    with pytest.raises(InvalidCommand, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse(line)


def test_unknown_command_suggests_the_nearest() -> None:
    with pytest.raises(InvalidCommand) as caught:
        parse("/timelin")
    assert caught.value.suggestions[0] == "/timeline"


def test_ask_turns_failures_into_responses(store: FactStore) -> None:
    response = ask(store, "/actor Bazoo Diopp")
    assert not response.ok and response.error is not None
    assert response.error.suggestions
    assert ask(store, "/nope").error is not None
