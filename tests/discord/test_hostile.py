"""Hostile input: every answer is valid, within limits, quiet, and nothing crashes."""

from __future__ import annotations

import pytest

from testkit.fakediscord.limits import check_message
from tests.discord.conftest import Harness

HOSTILE = {
    "huge": "Bazoum " * 857,  # 5,999 characters
    "markdown": "**Bazoum** __x__ ~~y~~ ||spoiler|| [link](https://example.com) # heading",
    "code fence": "```py\nimport os\n```",
    "everyone": "@everyone @here look",
    "role and user mentions": "<@&123456789012345678> <@123456789012345678> <@!1>",
    "zero-width": "\u200bBa\u200bzo\u200dum\ufeff",
    "right-to-left": "\u202eBazoum\u202c \u0645\u0627\u0644\u064a",
    "empty": "",
    "spaces": "   ",
    "unknown": "Xylophone Quartet",
    "quotes and backslashes": "\"'\\`\u201c",
}

TARGETS = [
    ("actor", "name"),
    ("brief", "topic"),
    ("search", "query"),
    ("timeline", "actor"),
    ("timeline", "since"),
    ("sources", "source"),
]


@pytest.mark.parametrize("command, option", TARGETS)
async def test_hostile_input_gets_a_valid_quiet_answer(
    harness: Harness, command: str, option: str
) -> None:
    for label, value in HOSTILE.items():
        state = await harness.command(command, {option: value})
        assert state.callback_type == 4, (label, state.callback_body)
        check_message(state.callback_body["data"])


@pytest.mark.parametrize("label", ["everyone", "role and user mentions", "markdown"])
async def test_echoed_user_text_is_escaped(harness: Harness, label: str) -> None:
    state = await harness.command("brief", {"topic": HOSTILE[label]})
    data = state.callback_body["data"]
    embed = data["embeds"][0]
    echoed = [line for line in embed["description"].splitlines() if "No topic" in line]
    assert echoed or data["flags"] & 64, embed
    for line in [*echoed, embed["title"]]:
        assert "**Bazoum**" not in line.replace("\\*", "")
        assert "`" not in line.replace("\\`", "")
    check_message(data)


async def test_hostile_autocomplete_is_valid(harness: Harness) -> None:
    for value in HOSTILE.values():
        choices = await harness.autocomplete("actor", {"name": value[:100]}, "name")
        assert len(choices) <= 25
        assert all(1 <= len(c["name"]) <= 100 for c in choices)


async def test_zero_width_characters_do_not_hide_a_name(harness: Harness) -> None:
    state = await harness.command("actor", {"name": HOSTILE["zero-width"]})
    assert state.callback_body["data"]["embeds"][0]["title"] == "Mohamed Bazoum"
