"""Trust signals through the real bot and the fake Discord: grades in /sources, the
Sources menu and /about; one sourcing symbol per line and one legend; corrections and
retractions in follow alerts; a broken grade refused by a reload."""

from __future__ import annotations

from typing import Any

from testkit.fakediscord.fake import ALICE, Interaction
from testkit.fakediscord.limits import check_message, embed_text
from tests.discord.conftest import Harness
from tests.discord.test_admin import ADMIN, text
from tests.discord.test_context import choose, menu, shown
from tests.discord.test_follow import NEW_FACT, dms_to, reload
from tests.test_trust import CHECKER, GRADE_B, HEADER_END

MORE = "knowledge/facts/more.yaml"
KIND = "    kind: background\n"
CORRECTED = (
    "    corrected:\n      was: The test's earlier text said Bazoum was held elsewhere.\n"
    "      reason: The test corrects where he is held.\n"
)
RETRACTED = "    retracted:\n      reason: The test withdraws it.\n"


def every_text(state: Interaction) -> str:
    return "\n".join(embed_text(e) for m in state.messages() for e in m["embeds"])


async def test_sources_the_menu_and_about_show_grades_or_ungraded(harness: Harness) -> None:
    listing = every_text(await harness.command("sources", {}))
    assert listing.count("ungraded") == 2 and "outlet unknown" in listing
    assert "Source grades\n2 ungraded" in text(await harness.command("about"))

    message = shown(await harness.command("actor", {"name": "Bazoum"}))
    opened = await choose(harness, message, [menu(message)["options"][0]["value"]])
    passage = opened.callback_body["data"]["embeds"][0]
    assert passage["footer"]["text"].endswith("ungraded")

    harness.store.edit(CHECKER, HEADER_END, HEADER_END + GRADE_B)
    assert "Store reloaded" in text(await harness.command("reload", {}, **ADMIN))
    one = every_text(await harness.command("sources", {"source": "checker-bamako-visit"}))
    assert "reliability B (usually reliable)" in one
    assert "Graded B by the test curator" in one
    assert "Source grades\n1 graded B, 1 ungraded" in text(await harness.command("about"))


async def test_timeline_lines_carry_a_symbol_and_the_answer_one_legend(harness: Harness) -> None:
    state = await harness.command("timeline", {})
    first = state.messages()[0]["embeds"][0]
    lines = [line for line in first["description"].splitlines() if line.startswith("• ")]
    assert lines and all(line.rstrip()[-2] in "◆◇○" for line in lines)
    assert "page 1/" in first["footer"]["text"]
    turned = await harness.press(state.messages()[0], "Next")  # the legend is on every page
    pages = [first, turned.callback_body["data"]["embeds"][0]]
    assert "page 2/" in pages[1]["footer"]["text"]
    for page in pages:
        assert page["footer"]["text"].startswith("Sourcing: ◆ two or more independent sources")
        assert "○ one ungraded source, confirmed nowhere else" in page["footer"]["text"]
        assert "Sourcing:" not in page["description"]


async def test_a_broken_grade_or_loop_is_refused_and_the_store_kept(harness: Harness) -> None:
    before = harness.bot.stores.current
    harness.store.edit(CHECKER, HEADER_END, HEADER_END + GRADE_B.replace("grade: B", "grade: G"))
    body = text(await harness.command("reload", {}, **ADMIN))
    assert "Reload refused: 1 problem(s)" in body
    assert f"{CHECKER}:" in body and "reliability.grade: Input should be 'A', 'B'" in body
    assert harness.bot.stores.current is before

    harness.store.edit(CHECKER, "grade: G", "grade: B")
    harness.store.edit(CHECKER, "sha256:", "based_on: [checker-bamako-visit]\nsha256:")
    body = text(await harness.command("reload", {}, **ADMIN))
    assert "Reload refused: 1 problem(s)" in body
    assert "goes round in a circle: checker-bamako-visit -> checker-bamako-visit" in body
    assert harness.bot.stores.current is before
    assert every_text(await harness.command("sources", {})).count("ungraded") == 2


def alert_text(harness: Harness, who: dict[str, Any] = ALICE) -> str:
    [*_, latest] = dms_to(harness, who)
    return embed_text(latest["embeds"][0])


async def test_followers_are_told_of_a_correction_then_a_retraction(harness: Harness) -> None:
    harness.bot.alerts.pace = 0
    await harness.command("follow", {"actor": "Bazoum"})
    harness.store.write(MORE, NEW_FACT)
    await reload(harness)
    assert len(dms_to(harness, ALICE)) == 1

    harness.store.write(MORE, NEW_FACT.replace(KIND, KIND + CORRECTED))
    await reload(harness)
    corrected = alert_text(harness)
    assert "Corrected: Niger's deposed president Mohamed Bazoum is still locked up" in corrected
    assert "earlier: “The test's earlier text said Bazoum was held elsewhere.”" in corrected
    found = every_text(await harness.command("search", {"query": "Bazoum locked up residence"}))
    assert "Corrected: The test corrects where he is held." in found

    harness.store.write(MORE, NEW_FACT.replace(KIND, KIND + RETRACTED))
    await reload(harness)
    retracted = alert_text(harness)
    assert "Retracted: Niger's deposed president Mohamed Bazoum is still locked up" in retracted
    assert "Why retracted: The test withdraws it." in retracted
    found = every_text(await harness.command("search", {"query": "Bazoum locked up residence"}))
    assert "Bazoum is still locked up" not in found
    for request in harness.fake.requests:  # every alert within Discord's limits
        if request.path.endswith("/messages") and request.body:
            check_message(request.body)
    listed = every_text(await harness.command("sources", {"source": "us-shifts-strategy"}))
    assert (
        "Retracted: Niger's deposed president" in listed
        and "Why retracted: The test withdraws it." in listed
    )
