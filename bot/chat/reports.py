"""Report a problem with an answer: the Sources menu's last option opens a short form.

Two clicks from any cited answer: open the Sources menu, choose "Report a problem". The
form (a modal) asks what is wrong and, optionally, more detail. What the reporter saw is
read back from the message the menu is on (Discord sends it with the form's submission):
the answer's text, its footnotes, and, from the form's id, the command and the store
version that answered. So a form filled in across a restart still files its report, and
nothing of the answer has to be remembered. The report is stored for the curators
(``/reports``, ``briefbot reports``), answered privately, and reaches no follower: only a
curator's edit of the store does that.

Discord's rules for the form, from its reference: a modal has a title of at most 45
characters, a custom_id of at most 100 and one to five components; a text input's label
is at most 45 characters, its placeholder 100, its length 1–4000; a modal answers a slash
command or a component, never another modal's submission, and only as the first response.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

import discord

from bot.chat.embeds import clip
from bot.state import Footnote, NewReport, State, StateError
from bot.state.db import REPORTS_PER_HOUR
from bot.state.models import DETAIL_MAX, SHOWN_MAX, WHAT_MAX

log = logging.getLogger(__name__)

REPORT_VALUE = "report:"
"""The Sources menu option that opens the form: ``report:<store version>:<asked>``."""
REPORT_FORM = "briefbot:report:"
"""The form's custom_id: the same ``<store version>:<asked>`` after it."""
ID_MAX = 100
TITLE = "Report a problem with this answer"
OPTION_LABEL = "⚑ Report a problem with this answer"
OPTION_DESCRIPTION = "Tell the curators what is wrong (only they see it)"
THANKS = (
    "Thank you: report #{id} is with the curators, with the answer, its footnotes and "
    "the store version `{version}` as you saw them. Nothing changes until a curator acts."
)
TOO_MANY = (
    "You have sent {limit} reports in the last hour: the curators have them. "
    "Please wait a little before sending another."
)
NO_WHAT = "Say what is wrong in the first box: the report was not sent."


def asked(interaction: discord.Interaction) -> str:
    """The command as the user typed it, e.g. ``/actor name:Bazoum``."""
    command = interaction.command
    name = command.qualified_name if command is not None else "?"
    options = " ".join(f"{key}:{value}" for key, value in interaction.namespace)
    return f"/{name} {options}".strip()


def report_value(store_version: str, what_was_asked: str) -> str:
    """The Sources menu option's value (clipped to Discord's 100 characters)."""
    return f"{REPORT_VALUE}{store_version}:{what_was_asked}"[:ID_MAX]


class ReportForm(discord.ui.Modal):
    """What is wrong, and optional detail. Submissions are filed by
    :func:`file_report`, called from ``BriefBot.on_interaction`` for every form of this
    bot (this one, or one opened before a restart), so the form itself does nothing."""

    what: discord.ui.TextInput[ReportForm] = discord.ui.TextInput(
        label="What is wrong?",
        placeholder="e.g. footnote [2] is not what Bazoum said; the date is a week off",
        max_length=WHAT_MAX,
        custom_id="what",
    )
    detail: discord.ui.TextInput[ReportForm] = discord.ui.TextInput(
        label="Detail (optional)",
        style=discord.TextStyle.paragraph,
        placeholder="What the source says instead, or where you read otherwise",
        required=False,
        max_length=DETAIL_MAX,
        custom_id="detail",
    )

    def __init__(self, context: str) -> None:
        super().__init__(title=TITLE, custom_id=(REPORT_FORM + context)[:ID_MAX], timeout=30 * 60.0)


def opens_form(values: Iterable[str]) -> str | None:
    """The form's context when the Sources menu's report option is among ``values``."""
    return next((v.removeprefix(REPORT_VALUE) for v in values if v.startswith(REPORT_VALUE)), None)


def is_report_form(interaction: discord.Interaction) -> bool:
    data: Mapping[str, Any] = interaction.data or {}
    return interaction.type is discord.InteractionType.modal_submit and str(
        data.get("custom_id", "")
    ).startswith(REPORT_FORM)


async def file_report(interaction: discord.Interaction) -> None:
    """Store the submitted report with what the reporter saw; answer privately."""
    data: Mapping[str, Any] = interaction.data or {}
    context = str(data.get("custom_id", "")).removeprefix(REPORT_FORM)
    version, _, what_was_asked = context.partition(":")
    fields = dict(_inputs(data.get("components") or []))
    what = fields.get("what", "")
    if not what.strip():
        await _answer(interaction, NO_WHAT)
        return
    message = interaction.message
    report = NewReport(
        reporter=f"user:{interaction.user.id}",
        reporter_name=str(interaction.user)[:100],
        asked=what_was_asked or "?",
        store_version=version or "?",
        what=what,
        detail=fields.get("detail", ""),
        footnotes=tuple(_footnotes(message)) if message else (),
        shown=_shown(message) if message else "",
        guild_id=interaction.guild_id,
        channel_id=interaction.channel_id,
        message_id=message.id if message else None,
    )
    state: State = interaction.client.state  # type: ignore[attr-defined]
    try:
        stored = await state.add_report(report)
    except StateError as exc:
        await _answer(interaction, f"The report could not be stored ({exc}); please try later.")
        return
    if stored is None:
        await _answer(interaction, TOO_MANY.format(limit=REPORTS_PER_HOUR))
        return
    log.info("report #%d filed on %s (store %s)", stored.id, stored.asked[:60], version)
    await _answer(interaction, THANKS.format(id=stored.id, version=version or "?"))


async def _answer(interaction: discord.Interaction, text: str) -> None:
    await interaction.response.send_message(
        text, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
    )


def _inputs(components: Iterable[Mapping[str, Any]]) -> Iterable[tuple[str, str]]:
    """(custom_id, value) of every text input, in action rows or labels."""
    for component in components:
        if component.get("type") == 1:
            yield from _inputs(component.get("components") or [])
        elif component.get("type") == 18 and isinstance(component.get("component"), Mapping):
            yield from _inputs([component["component"]])
        elif component.get("type") == 4:
            yield str(component.get("custom_id", "")), str(component.get("value") or "")


def _footnotes(message: discord.Message) -> Iterable[Footnote]:
    """The Sources menu's footnotes (options ``<number>:<link>``; its only select menu)."""
    for row in message.components:
        for child in getattr(row, "children", ()):
            if not isinstance(child, discord.SelectMenu):
                continue
            for option in child.options:
                number, _, link = option.value.partition(":")
                if number.isdigit():
                    yield Footnote(
                        number=int(number),
                        link=link,
                        label=option.label,
                        quote=option.description or "",
                    )


def _shown(message: discord.Message) -> str:
    parts: list[str] = []
    for embed in message.embeds:
        parts += [embed.title or "", embed.description or ""]
        parts += [f"{field.name}\n{field.value}" for field in embed.fields]
        parts.append(embed.footer.text or "")
    return clip("\n".join(p for p in parts if p), SHOWN_MAX)
