"""Every command through discord.py's real code paths against the fake Discord."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest

from bot.answers import queries
from testkit.fakediscord import payloads
from testkit.fakediscord.fake import BOB, CHANNEL_ID
from testkit.fakediscord.limits import check_message, embed_text
from tests.discord.conftest import Harness, slow_actor

EPHEMERAL = 64


def reply(state: Any) -> dict[str, Any]:
    assert state.callback_type == 4, state.callback_body
    data: dict[str, Any] = state.callback_body["data"]
    check_message(data)
    return data


def first_embed(state: Any) -> dict[str, Any]:
    embed: dict[str, Any] = reply(state)["embeds"][0]
    return embed


async def test_sync_registers_every_command_with_descriptions(harness: Harness) -> None:
    put = [r for r in harness.fake.requests if r.method == "PUT"]
    assert len(put) == 1 and put[0].path.endswith("/guilds/200000000000000001/commands")
    commands = {c["name"]: c for c in put[0].body}
    assert set(commands) == {
        "brief",
        "actor",
        "timeline",
        "search",
        "ask",
        "sources",
        "help",
        "about",
        "digest",
        "reload",
        "follow",
        "unfollow",
        "following",
        "reports",
    }
    for command in commands.values():
        assert command["name"] == command["name"].lower() and len(command["name"]) <= 32
        assert 1 <= len(command["description"]) <= 100
        for option in command.get("options", []):
            assert 1 <= len(option["description"]) <= 100
            for sub_option in option.get("options", []):
                assert 1 <= len(sub_option["description"]) <= 100
    public = {"brief", "actor", "timeline", "search", "ask", "sources", "help", "about"}
    for name in public:
        assert commands[name]["default_member_permissions"] is None
        for option in commands[name].get("options", []):
            # strings (5 is boolean: /brief more:true, /timeline picture:true)
            assert option["type"] == (5 if option["name"] in ("more", "picture") else 3)
    assert int(commands["reload"]["default_member_permissions"]) == 1 << 5  # Manage Server
    assert commands["reload"]["contexts"] == [0] or commands["reload"]["dm_permission"] is False
    digest = {o["name"]: o for o in commands["digest"]["options"]}
    assert set(digest) == {"subscribe", "unsubscribe", "list", "preview", "send-now"}
    assert all(o["type"] == 1 for o in digest.values())
    reports = {o["name"]: o for o in commands["reports"]["options"]}
    assert set(reports) == {"list", "show", "close"}
    assert int(commands["reports"]["default_member_permissions"]) == 1 << 5  # Manage Server
    subscribe = {o["name"]: o for o in digest["subscribe"]["options"]}
    assert subscribe["channel"]["type"] == 7 and subscribe["timezone"]["autocomplete"]
    assert subscribe["skip_quiet"]["type"] == 5
    actor = commands["actor"]["options"][0]
    assert (actor["name"], actor["required"], actor["autocomplete"]) == ("name", True, True)
    timeline = {o["name"]: o for o in commands["timeline"]["options"]}
    assert timeline["actor"]["autocomplete"] and timeline["topic"]["autocomplete"]
    assert not timeline["since"]["required"] and "autocomplete" not in timeline["since"]
    assert commands["search"]["options"][0]["max_length"] == 200


async def test_actor_profile_embed_with_footnotes(harness: Harness) -> None:
    embed = first_embed(await harness.command("actor", {"name": "Bazum"}))
    assert embed["title"] == "Mohamed Bazoum"
    assert "**Who**" in embed["description"]
    assert "[1]" in embed["description"]
    sources = "\n".join(f["value"] for f in embed["fields"])
    assert "`[1]` *US Shifts Strategy" in sources
    assert "coups deposed the elected civilian presidents of all three countries" in sources
    legend, store_line = embed["footer"]["text"].split("\n")  # the sourcing legend first
    assert legend.startswith("Sourcing: ")
    assert store_line == f"store {harness.bot.stores.current.version}"


@pytest.mark.parametrize(
    ("name", "options", "title"),
    [
        ("brief", {}, "The situation"),
        ("brief", {"topic": "security"}, "Security and insurgency"),
        ("brief", {"topic": "fuel convoy"}, "Facts matching “fuel convoy”"),
        ("timeline", {"actor": "ulf-laessing"}, "Timeline: Ulf Laessing"),
        (
            "timeline",
            {"since": "Oct 2025", "until": "2025-12"},
            "Timeline: October 2025 to December 2025",
        ),
        ("search", {"query": "fuel convoy"}, "Search: “fuel convoy”"),
        ("sources", {}, "Sources (2)"),
        (
            "sources",
            {"source": "checker-bamako-visit"},
            "Nick Checker's Bamako visit and the US shift on the Sahel juntas",
        ),
    ],
)
async def test_every_command_answers_with_sourced_embeds(
    harness: Harness, name: str, options: dict[str, str], title: str
) -> None:
    data = reply(await harness.command(name, options))
    embed = data["embeds"][0]
    assert embed["title"] == title
    assert data.get("flags", 0) & EPHEMERAL == 0
    if name != "sources" or options:
        assert any(f["name"] == "Sources" for f in embed["fields"])


async def test_answers_match_the_query_layer(harness: Harness) -> None:
    store = harness.bot.stores.current
    expected = queries.search(store, "Niamey airport").sections[0].items[0].text
    embed = first_embed(await harness.command("search", {"query": "Niamey airport"}))
    plain = embed["description"].replace("**", "").replace("\\", "")
    assert expected.replace("\\", "") in plain


async def test_help_and_about_are_ephemeral(harness: Harness) -> None:
    data = reply(await harness.command("help"))
    assert data["flags"] & EPHEMERAL
    assert any(f["name"].startswith("/actor name:") for f in data["embeds"][0]["fields"])
    assert any("Report a problem" in f["value"] for f in data["embeds"][0]["fields"])
    about = reply(await harness.command("about"))
    fields = {f["name"]: f["value"] for f in about["embeds"][0]["fields"]}
    assert fields["Store version"] == f"`{harness.bot.stores.current.version}`"
    assert "37 facts" in fields["Contents"] and "2 sources" in fields["Contents"]
    assert fields["Loaded"].startswith("<t:")


@pytest.mark.parametrize(
    ("name", "options", "message"),
    [
        ("actor", {"name": "Wagner Group"}, "No actor matches"),
        ("actor", {"name": "junta"}, "could be several actors"),
        ("timeline", {"since": "yesterday"}, "is not a date I understand"),
        ("timeline", {"since": "2025", "until": "2024"}, "is before"),
        ("timeline", {"topic": "weather"}, "No topic matches"),
        ("search", {"query": "zzqqxx"}, "No facts match"),
        ("sources", {"source": "BBC"}, "No source matches"),
    ],
)
async def test_errors_are_ephemeral_and_say_what_is_wrong(
    harness: Harness, name: str, options: dict[str, str], message: str
) -> None:
    data = reply(await harness.command(name, options))
    assert data["flags"] & EPHEMERAL
    assert message in data["embeds"][0]["description"]


async def test_ambiguous_name_suggests(harness: Harness) -> None:
    description = first_embed(await harness.command("actor", {"name": "junta"}))["description"]
    assert "**Did you mean**" in description
    assert "Military government of Mali" in description


@pytest.mark.parametrize(
    ("command", "options", "focused", "first"),
    [
        ("actor", {"name": "Bazu"}, "name", "Mohamed Bazoum"),
        ("actor", {"name": "laesing"}, "name", "Ulf Laessing"),
        ("actor", {"name": "jnim"}, "name", "Group for the Support of Islam and Muslims"),
        ("brief", {"topic": "sec"}, "topic", "Security and insurgency"),
        ("timeline", {"actor": "Bo", "topic": ""}, "actor", "Massad Boulos"),
        (
            "sources",
            {"source": "nick"},
            "source",
            "Nick Checker's Bamako visit and the US shift on the Sahel juntas",
        ),
    ],
)
async def test_autocomplete(
    harness: Harness, command: str, options: dict[str, str], focused: str, first: str
) -> None:
    choices = await harness.autocomplete(command, options, focused)
    assert 1 <= len(choices) <= 25
    assert choices[0]["name"] == first
    assert all(len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)


async def test_autocomplete_with_nothing_typed_offers_25_at_most(harness: Harness) -> None:
    choices = await harness.autocomplete("actor", {"name": ""}, "name")
    assert len(choices) == 25


async def test_chosen_autocomplete_value_resolves(harness: Harness) -> None:
    choices = await harness.autocomplete("actor", {"name": "Diop"}, "name")
    embed = first_embed(await harness.command("actor", {"name": choices[0]["value"]}))
    assert embed["title"] == "Abdoulaye Diop"


async def test_long_answers_page_with_buttons_only_the_asker_can_press(harness: Harness) -> None:
    state = await harness.command("sources", {"source": "checker-bamako-visit"})
    data = reply(state)
    first = data["embeds"][0]
    assert first["footer"]["text"].endswith("page 1/3") or "page 1/" in first["footer"]["text"]
    message = state.original
    assert message is not None and message["components"]

    refused = await harness.press(message, "Next", who=BOB)
    assert refused.callback_type == 4
    assert refused.callback_body["data"]["flags"] & EPHEMERAL
    assert "Only the person who asked" in refused.callback_body["data"]["content"]
    check_message(refused.callback_body["data"])

    turned = await harness.press(message, "Next")
    assert turned.callback_type == 7
    page_two = turned.callback_body["data"]["embeds"][0]
    check_message(turned.callback_body["data"])
    assert "page 2/" in page_two["footer"]["text"]
    assert page_two["description"] != first["description"]

    back = await harness.press(turned.original or message, "Previous")
    assert "page 1/" in back.callback_body["data"]["embeds"][0]["footer"]["text"]


async def test_every_page_holds_its_own_footnotes(harness: Harness) -> None:
    from bot.chat.embeds import render

    store = harness.bot.stores.current
    pages = [page.embed for page in render(queries.timeline(store))]
    assert len(pages) > 1
    for page in pages:
        used = {int(n) for n in re.findall(r"\[(\d+)\]", page.description or "")}
        listed = {int(n) for f in page.fields for n in re.findall(r"`\[(\d+)\]`", f.value or "")}
        assert used == listed
        check_message({"embeds": [page.to_dict()], "allowed_mentions": {"parse": []}})


async def test_paging_buttons_are_removed_when_the_view_times_out(harness: Harness) -> None:
    state = await harness.command("timeline")
    assert state.original is not None and state.original["components"]
    views = harness.bot._connection._view_store._views  # the view discord.py stored
    view = next(item.view for items in views.values() for item in items.values())
    await view.on_timeout()
    patches = [r for r in harness.fake.requests if r.method == "PATCH"]
    assert patches and patches[-1].path.endswith("/messages/@original")
    rows = patches[-1].body["components"]
    kept = [c for row in rows for c in row["components"]]
    assert [(c["type"], c["custom_id"]) for c in kept] == [(3, "briefbot:sources")]


async def test_slow_answers_are_deferred_then_followed_up(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow_actor(monkeypatch, 1.3)
    state = await harness.command("actor", {"name": "Diop"})
    assert state.callback_type == 5 and state.ephemeral  # private until the answer is known
    ((private, answer),) = state.visible()
    assert not private and answer["embeds"][0]["title"] == "Abdoulaye Diop"
    followup = [r for r in harness.fake.requests if r.method == "POST" and "/webhooks/" in r.path]
    check_message(followup[-1].body)


async def test_an_error_after_a_deferral_stays_private(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow_actor(monkeypatch, 1.3)
    state = await harness.command("actor", {"name": "Nobody Known"})
    assert state.callback_type == 5
    ((private, message),) = state.visible()
    assert private, "an error after a public deferral is shown to the whole channel"
    assert message["embeds"][0]["title"] == "Not found"


async def test_a_command_in_another_channel_is_answered_there(harness: Harness) -> None:
    state = await harness.command("brief", {"topic": "russia"})
    assert first_embed(state)["title"] == "Russia"
    assert state.original is not None and state.original["channel_id"] == CHANNEL_ID


async def test_embed_text_has_no_live_markdown_from_data(harness: Harness) -> None:
    embed = first_embed(await harness.command("actor", {"name": "JNIM"}))
    assert "Jama\\'at" not in embed_text(embed)  # apostrophes are not escaped needlessly


async def test_the_bot_reuses_a_bounded_pool_of_connections(harness: Harness) -> None:
    """discord.py's default pool is unbounded: a burst of 500 interactions opened 500
    connections at once, and every acknowledgement waited on its own handshake."""
    from bot.chat.client import HTTP_CONNECTIONS

    connector = harness.bot.http.connector
    assert connector.limit == HTTP_CONNECTIONS > 1  # the gateway keeps one of them


async def test_a_busy_bot_acknowledges_at_once_then_answers(harness: Harness) -> None:
    slots = harness.bot.turns.slots
    held = [await slots.acquire() for _ in range(2)]
    assert slots.locked() and held
    state = await harness.fake.interact(payloads.slash("actor", {"name": "Diop"}))
    for _ in range(200):
        if state.callback_type is not None:
            break
        await asyncio.sleep(0.005)
    assert state.callback_type == 5 and not state.followups  # acknowledged, still queued
    for _ in range(2):
        slots.release()
    await harness.settle(state)
    ((private, answer),) = state.visible()
    assert not private and answer["embeds"][0]["title"] == "Abdoulaye Diop"


async def test_brief_in_discord_is_the_same_eight_bullets(harness: Harness) -> None:
    """The brief's bullets in order, the first on its first page, all within two pages
    (each bullet's facts keep a footnote each, which can push the last onto a second)."""
    from bot.chat.embeds import render

    store = harness.bot.stores.current
    embed = first_embed(await harness.command("brief"))
    bullets = [line for line in embed["description"].splitlines() if line.startswith("• ")]
    response = queries.brief(store)
    sections = response.sections
    assert len(sections[0].items) <= 8  # "In brief"; then what to watch, if curated
    expected = [i for s in sections for i in s.items]
    pages = [page.embed for page in render(response)]
    assert len(pages) <= 2
    shown = [
        line
        for page in pages
        for line in (page.description or "").splitlines()
        if line.startswith("• ")
    ]
    assert len(bullets) >= 6 and shown[: len(bullets)] == bullets
    assert len(shown) == len(expected)
    for line, item in zip(shown, expected, strict=True):
        assert item.text.replace("'", "") in line.replace("\\", "").replace("'", "")
    every = reply(await harness.command("brief", {"more": True}))["embeds"][0]
    assert every["description"].count("• ") > 8 or "page 1/" in every["footer"]["text"]


async def test_ask_answers_a_plain_question_saying_how_it_read_it(harness: Harness) -> None:
    data = reply(await harness.command("ask", {"question": "who is nick checker?"}))
    embed = data["embeds"][0]
    assert embed["title"] == "Nick Checker"
    assert 'Answered as /actor name:"Nick Checker"' in embed["description"]
    assert data.get("flags", 0) & EPHEMERAL == 0
    missing = reply(await harness.command("ask", {"question": "who is Yevgeny Prigozhin"}))
    assert missing["flags"] & EPHEMERAL
    assert "The sources in the store do not cover" in missing["embeds"][0]["description"]


async def test_an_actor_name_found_only_in_facts_answers_with_them(harness: Harness) -> None:
    embed = first_embed(await harness.command("actor", {"name": "Niamey"}))
    assert embed["title"] == "“Niamey” in the facts"
    assert "No actor is called “Niamey”" in embed["description"]


async def test_a_long_footnote_keeps_both_ends_in_discord(harness: Harness) -> None:
    """A long quote in a footnote: Discord shows the start and the end of it."""
    store = harness.bot.stores.current
    response = queries.search(store, "new course in relations")
    longest = max(response.citations, key=lambda c: len(c.quote))
    assert len(longest.quote) > 200
    embed = first_embed(await harness.command("search", {"query": "new course in relations"}))
    notes = "\n".join(f["value"] for f in embed["fields"])
    start, end = longest.quote[:40], longest.quote[-40:]
    assert start.replace("'", "") in notes.replace("\\", "").replace("'", "")
    assert end.replace("'", "") in notes.replace("\\", "").replace("'", "")


async def test_a_follow_up_refers_back_to_the_askers_own_last_question(harness: Harness) -> None:
    first_embed(await harness.command("ask", {"question": "who is nick checker"}))
    embed = first_embed(await harness.command("ask", {"question": "when did he visit bamako"}))
    assert "Read “he” as Nick Checker, from your last question." in embed["description"]
    # another member's "he" is theirs: Bob named no one, so he is asked for a name
    other = reply(await harness.command("ask", {"question": "what did he say"}, who=BOB))
    assert "Who is “he”?" in other["embeds"][0]["description"]
