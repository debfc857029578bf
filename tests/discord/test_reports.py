"""Report a problem: two clicks from a cited answer open a form; curators see what was shown."""

from __future__ import annotations

from typing import Any

from testkit.fakediscord import payloads
from testkit.fakediscord.fake import ALICE, BOB, CHANNEL_ID, EVERYDAY, MANAGE_GUILD, Interaction
from testkit.fakediscord.limits import MENTION, check_message, embed_text
from tests.discord.conftest import Harness
from tests.discord.test_context import menu, shown
from tests.discord.test_follow import dms_to, said

ADMIN = {"permissions": EVERYDAY | MANAGE_GUILD}
SOURCES = "briefbot:sources"
EPHEMERAL = 64


def report_option(message: dict[str, Any]) -> dict[str, Any]:
    options = menu(message)["options"]
    assert options[-1]["label"].startswith("⚑ Report a problem"), options[-1]
    assert all(not o["value"].startswith("report:") for o in options[:-1])
    return options[-1]


def last_sent(harness: Harness) -> dict[str, Any]:
    """The body of the bot's last message request (a follow-up after a deferral)."""
    body: dict[str, Any] = next(
        r.body for r in reversed(harness.fake.requests) if r.path.startswith("/webhooks/")
    )
    return body


async def open_form(
    harness: Harness, message: dict[str, Any], who: dict[str, Any] = ALICE
) -> Interaction:
    """The second click: choose "Report a problem" in the Sources menu."""
    chosen = payloads.choose(message, SOURCES, [report_option(message)["value"]], who=who)
    state = await harness.fake.interact(chosen)
    await harness.settle(state)
    return state


async def submit(
    harness: Harness,
    opened: Interaction,
    values: dict[str, str],
    message: dict[str, Any],
    who: dict[str, Any] = ALICE,
) -> Interaction:
    assert opened.modal is not None, opened.callback_body
    state = await harness.fake.interact(
        payloads.submit(opened.modal, values, message=message, who=who)
    )
    await harness.settle(state)
    return state


async def test_two_clicks_from_a_cited_answer_open_a_form_and_the_report_keeps_what_was_seen(
    harness: Harness,
) -> None:
    message = shown(await harness.command("actor", {"name": "Laessing"}))
    opened = await open_form(harness, message, who=BOB)
    assert opened.callback_type == 9  # a modal, the first and only response
    form = opened.modal
    assert form is not None and form["title"] == "Report a problem with this answer"
    inputs = [row["components"][0] for row in form["components"]]
    assert [i["custom_id"] for i in inputs] == ["what", "detail"]
    assert inputs[0].get("required", True) and inputs[1]["required"] is False

    thanks = await submit(
        harness,
        opened,
        {"what": "Footnote [1] is not his view", "detail": "The article says otherwise."},
        message,
        who=BOB,
    )
    data = thanks.callback_body["data"]
    check_message(data)
    assert data["flags"] & EPHEMERAL  # answered privately
    assert "report #1 is with the curators" in data["content"]

    (report,) = await harness.bot.state.reports()
    assert report.reporter == f"user:{BOB['id']}"
    assert report.asked == "/actor name:Laessing"
    assert report.store_version == harness.bot.stores.current.version
    assert report.what == "Footnote [1] is not his view"
    assert report.detail == "The article says otherwise."
    shown_options = [o for o in menu(message)["options"] if not o["value"].startswith("report:")]
    assert [f"{f.number}:{f.link}" for f in report.footnotes] == [o["value"] for o in shown_options]
    assert [f.quote for f in report.footnotes] == [o["description"] for o in shown_options]
    assert message["embeds"][0]["title"] in report.shown
    assert report.message_id == int(message["id"])


async def test_a_form_filled_in_across_a_restart_still_files_its_report(harness: Harness) -> None:
    message = shown(await harness.command("brief"))
    opened = await open_form(harness, message)
    harness.bot._connection._view_store._modals.clear()  # as after a restart: no live form
    thanks = await submit(harness, opened, {"what": "The second line is a week off"}, message)
    assert "report #1" in thanks.callback_body["data"]["content"]
    (report,) = await harness.bot.state.reports()
    assert report.asked == "/brief" and report.footnotes


async def test_pings_in_a_report_are_never_echoed_or_allowed(harness: Harness) -> None:
    message = shown(await harness.command("actor", {"name": "Bazoum"}))
    ping = "@everyone <@&600000000000000001> <@500000000000000002> wrong"
    thanks = await submit(harness, await open_form(harness, message), {"what": ping}, message)
    check_message(thanks.callback_body["data"])  # no mention allowed, none in the text

    listed = await harness.command("reports", {}, subcommand="list", **ADMIN)
    ((private, data),) = listed.visible()
    assert private
    check_message(last_sent(harness))  # the reporter's words are shown escaped: nothing pings
    assert not MENTION.search(embed_text(data["embeds"][0]))
    assert "everyone" in embed_text(data["embeds"][0])


async def test_a_reporter_is_limited_to_five_reports_an_hour(harness: Harness) -> None:
    message = shown(await harness.command("actor", {"name": "Bazoum"}))
    answers = []
    for n in range(6):
        opened = await open_form(harness, message, who=BOB)
        state = await submit(harness, opened, {"what": f"problem {n}"}, message, who=BOB)
        answers.append(state.callback_body["data"]["content"])
    assert all("is with the curators" in a for a in answers[:5])
    assert "5 reports in the last hour" in answers[5]
    assert len(await harness.bot.state.reports()) == 5
    opened = await open_form(harness, message, who=ALICE)  # others may still report
    state = await submit(harness, opened, {"what": "another"}, message)
    assert "report #6" in state.callback_body["data"]["content"]


async def test_a_report_that_says_nothing_is_not_filed(harness: Harness) -> None:
    message = shown(await harness.command("actor", {"name": "Bazoum"}))
    state = await submit(harness, await open_form(harness, message), {"what": "   "}, message)
    assert "Say what is wrong" in state.callback_body["data"]["content"]
    assert await harness.bot.state.reports() == []


async def test_admins_list_show_and_close_reports_and_members_cannot(harness: Harness) -> None:
    message = shown(await harness.command("actor", {"name": "Bazoum"}))
    await submit(harness, await open_form(harness, message), {"what": "Date off"}, message)

    refused = said(await harness.command("reports", {}, subcommand="list"))
    assert "for admins" in refused

    listed = said(await harness.command("reports", {}, subcommand="list", **ADMIN))
    assert "1 open" in listed and "#1" in listed and "Date off" in listed
    assert "/actor name:Bazoum" in listed

    full = await harness.command("reports", {"id": 1}, subcommand="show", **ADMIN)
    ((_, data),) = full.visible()
    check_message(last_sent(harness))  # within Discord's limits, no mentions
    text = embed_text(data["embeds"][0])
    assert "The answer shown" in text and "Bazoum" in text
    assert "[1]" in text

    closed = said(
        await harness.command(
            "reports", {"id": 1, "note": "date corrected"}, subcommand="close", **ADMIN
        )
    )
    assert "Report #1 closed" in closed
    again = said(
        await harness.command("reports", {"id": 1, "note": "twice"}, subcommand="close", **ADMIN)
    )
    assert "no open report #1" in again
    assert "No open reports" in said(
        await harness.command("reports", {}, subcommand="list", **ADMIN)
    )
    everything = said(
        await harness.command("reports", {"closed": True}, subcommand="list", **ADMIN)
    )
    assert "closed: date corrected" in everything


async def test_the_digest_list_tells_admins_how_many_reports_wait(harness: Harness) -> None:
    message = shown(await harness.command("actor", {"name": "Bazoum"}))
    await submit(harness, await open_form(harness, message), {"what": "Wrong speaker"}, message)
    listed = await harness.command("digest", {}, subcommand="list", **ADMIN)
    ((_, data),) = listed.visible()
    assert "1 open, 1 in the last 24 hours" in data["embeds"][0]["footer"]["text"]


async def test_a_report_reaches_no_follower_until_a_curator_acts(harness: Harness) -> None:
    await harness.command("follow", {"actor": "Bazoum"}, who=BOB)
    versions = await harness.bot.state.versions()
    message = shown(await harness.command("actor", {"name": "Bazoum"}))
    await submit(harness, await open_form(harness, message), {"what": "Wrong date"}, message)
    assert dms_to(harness, BOB) == []
    assert await harness.bot.state.versions() == versions  # the store did not change


async def test_a_digest_post_offers_the_report_and_an_uncited_answer_has_nothing_to_report(
    harness: Harness,
) -> None:
    await harness.command("digest", {}, subcommand="send-now", **ADMIN)
    posted = harness.fake.channel_messages[CHANNEL_ID]
    cited = [m for m in posted if m.get("components")]
    assert cited, "the digest cites its lines"
    value = report_option(cited[0])["value"]
    assert value.startswith("report:") and value.endswith(":(daily digest)")
    opened = await open_form(harness, cited[0], who=BOB)
    await submit(harness, opened, {"what": "Old news"}, cited[0], who=BOB)
    (report,) = await harness.bot.state.reports()
    assert report.asked == "(daily digest)" and report.footnotes

    missing = await harness.command("actor", {"name": "Nobody Anyone Knows"})
    ((_, data),) = missing.visible()
    assert not data.get("components")
