"""The Sources menu (a footnote in its article) and timeline pictures, through the fake."""

from __future__ import annotations

import re
import struct
import zlib
from typing import Any

from bot.answers import queries
from bot.answers.compose import in_context
from bot.answers.digest import Change, digest
from bot.console.picture import draw_timeline
from testkit.fakediscord import payloads
from testkit.fakediscord.fake import BOB, CHANNEL_ID, Interaction
from testkit.fakediscord.limits import ATTACHMENT_MAX, check_message
from tests.discord.conftest import Harness

EPHEMERAL = 64
SOURCES = "briefbot:sources"


def menu(message: dict[str, Any]) -> dict[str, Any]:
    found = [
        c for row in message["components"] for c in row["components"] if c["custom_id"] == SOURCES
    ]
    assert len(found) == 1, message["components"]
    return found[0]


def footnote_options(message: dict[str, Any]) -> list[dict[str, Any]]:
    """The Sources menu's footnotes (its last option reports a problem)."""
    options = menu(message)["options"]
    assert options[-1]["value"].startswith("report:"), options[-1]
    return options[:-1]


def shown(state: Interaction) -> dict[str, Any]:
    """The one message the interaction left."""
    messages = state.messages()
    assert len(messages) == 1, messages
    return messages[0]


async def choose(
    harness: Harness, message: dict[str, Any], values: list[str], who: dict[str, Any] | None = None
) -> Interaction:
    kwargs = {"who": who} if who else {}
    state = await harness.fake.interact(payloads.choose(message, SOURCES, values, **kwargs))
    await harness.settle(state)
    return state


async def test_anyone_can_open_a_footnote_in_its_article_and_only_they_see_it(
    harness: Harness,
) -> None:
    state = await harness.command("actor", {"name": "Laessing"})
    message = shown(state)
    options = footnote_options(message)
    footnotes = re.findall(
        r"`\[(\d+)\]`", "".join(f["value"] for f in message["embeds"][0]["fields"])
    )
    assert [o["label"].split("]")[0].strip("[") for o in options] == footnotes

    chosen = options[1]
    opened = await choose(harness, message, [chosen["value"]], who=BOB)
    assert opened.callback_type == 4
    data = opened.callback_body["data"]
    check_message(data)
    assert data["flags"] & EPHEMERAL  # only Bob, who chose it, sees the passage
    embed = data["embeds"][0]
    assert embed["title"].startswith(chosen["label"].split(" ")[0])
    bold = re.findall(r"\*\*(.+?)\*\*", embed["description"])
    assert len(bold) == 1
    store = harness.bot.stores.current
    response = in_context(store, queries.actor(store, "Laessing"))
    ref = response.citations[int(chosen["value"].split(":")[0]) - 1]
    assert bold[0].replace("\\", "") == ref.quote  # the cited words, verbatim, in bold
    assert ref.passage is not None and ref.passage.before  # with the sentence before
    assert embed["description"].index("**") > 40
    assert "February 2026" in embed["footer"]["text"]


async def test_several_footnotes_open_together_within_one_messages_limits(
    harness: Harness,
) -> None:
    message = shown(await harness.command("brief"))
    select = menu(message)
    values = [o["value"] for o in select["options"]][: select["max_values"]]
    assert len(values) > 1
    opened = await choose(harness, message, values)
    data = opened.callback_body["data"]
    check_message(data)  # five passages stay within 6,000 characters
    assert len(data["embeds"]) == len(values)


async def test_the_menu_works_after_the_answer_expired_and_after_a_restart(
    harness: Harness,
) -> None:
    message = shown(await harness.command("actor", {"name": "Bazoum"}))
    harness.bot._connection._view_store._views.clear()  # as after a restart: no live view
    opened = await choose(harness, message, [menu(message)["options"][0]["value"]])
    assert opened.callback_type == 4
    assert opened.callback_body["data"]["flags"] & EPHEMERAL
    assert "**" in opened.callback_body["data"]["embeds"][0]["description"]


async def test_a_footnote_whose_article_is_gone_says_so(harness: Harness) -> None:
    message = shown(await harness.command("actor", {"name": "Bazoum"}))
    forged = "1:0123456789abcdef:0:10"
    opened = await choose(harness, message, [forged])
    data = opened.callback_body["data"]
    assert data["flags"] & EPHEMERAL
    assert "no longer in the fact store" in data["content"]


async def test_turning_a_page_offers_that_pages_footnotes(harness: Harness) -> None:
    state = await harness.command("sources", {"source": "checker-bamako-visit"})
    message = shown(state)
    first = {o["value"] for o in footnote_options(message)}
    turned = await harness.press(message, "Next")
    second = {o["value"] for o in footnote_options(turned.callback_body["data"])}
    assert first and second and first.isdisjoint(second)


async def test_digest_posts_carry_the_sources_menu(harness: Harness) -> None:
    store = harness.bot.stores.current
    changes = [Change(kind="facts", record_id=f, change="added") for f in list(store.facts)[:3]]
    await harness.bot.poster.post(int(CHANNEL_ID), digest(store, changes), "d1-20260325")
    posted = harness.fake.channel_messages[CHANNEL_ID][-1]
    assert menu(posted)["options"]


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    length, kind = struct.unpack(">I4s", png[8:16])
    assert kind == b"IHDR" and length == 13
    width, height = struct.unpack(">II", png[16:24])
    crc = struct.unpack(">I", png[29:33])[0]
    assert zlib.crc32(png[12:29]) == crc  # the header chunk is intact
    assert png.endswith(b"IEND\xaeB`\x82")
    return width, height


async def test_timeline_picture_is_attached_as_a_valid_png(harness: Harness) -> None:
    state = await harness.command("timeline", {"actor": "Bazoum", "picture": True})
    message = shown(state)
    assert not message.get("flags", 0) & EPHEMERAL
    assert message["embeds"][0]["image"]["url"] == "attachment://timeline.png"
    uploads = [r for r in harness.fake.requests if r.files]
    assert len(uploads) == 1
    png = uploads[0].files["timeline.png"]
    width, height = png_size(png)
    assert 600 <= width <= 2000 and 200 <= height <= 4000
    assert 1000 < len(png) < min(ATTACHMENT_MAX, 1024 * 1024)
    response = queries.timeline(harness.bot.stores.current, actor="Bazoum")
    items = [i for s in response.sections for i in s.items]
    assert draw_timeline(response).rows == len(items)  # one mark per fact shown


async def test_a_timeline_without_picture_uploads_nothing(harness: Harness) -> None:
    await harness.command("timeline", {"actor": "Bazoum"})
    assert not [r for r in harness.fake.requests if r.files]


async def test_hostile_menu_values_get_a_plain_answer(harness: Harness) -> None:
    message = shown(await harness.command("actor", {"name": "Bazoum"}))
    link = menu(message)["options"][0]["value"].split(":", 1)[1]
    digest = link.split(":")[0]
    for values in (
        [f"1:{digest}:{'9' * 5000}:{'9' * 5000}"],
        [f"²:{digest}:²:³"],
        ["9" * 5000 + ":" + link],
        ["x" * 6000],
        [],
    ):
        opened = await choose(harness, message, values)
        data = opened.callback_body["data"]
        assert opened.callback_type == 4 and data["flags"] & EPHEMERAL, data
        check_message(data)
