"""The "Sources" menu under a cited answer: a footnote in its article, shown to whoever asks.

Each option's value is the footnote's link (the article's hash and the quote's offsets),
so the menu needs no memory of the answer: it works for anyone who can see the message,
after the page buttons expired and after a restart, for as long as the article is served.
It is a :class:`discord.ui.DynamicItem`, registered once with the client.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Sequence
from typing import Any

import discord

from bot.answers.compose import footnote_at
from bot.answers.response import CitationRef
from bot.chat.embeds import clip, clip_middle, render_passage
from bot.chat.reports import OPTION_DESCRIPTION, OPTION_LABEL, ReportForm, opens_form
from bot.records.errors import BriefbotError
from bot.serving.holder import StoreHolder
from bot.store.facts import FactStore

SOURCES_ID = "briefbot:sources"
OPTIONS_MAX = 25
"""Discord's limit of options in one select menu (the last one may be the report option)."""
CHOSEN_MAX = 5
"""Footnotes one choice may open (five passages fit one message's 6,000 characters)."""
LABEL_MAX = 100
VALUE_MAX = 100
"""Discord's limit for an option's value: anything longer was not sent by this bot."""
DESCRIPTION_MAX = 100
PLACEHOLDER = "Sources: read a footnote in its article…"

log = logging.getLogger(__name__)


def _option(ref: CitationRef) -> discord.SelectOption:
    return discord.SelectOption(
        label=clip(f"[{ref.number}] {ref.source_title}", LABEL_MAX),
        value=f"{ref.number}:{ref.link}",
        description=clip_middle(ref.quote, DESCRIPTION_MAX),
    )


def _options(refs: Sequence[CitationRef], report: str | None) -> list[discord.SelectOption]:
    """The page's footnotes, then (with ``report``, the form's context) the report option."""
    room = OPTIONS_MAX - (report is not None)
    options = [_option(ref) for ref in refs[:room]]
    if report is not None:
        options.append(
            discord.SelectOption(label=OPTION_LABEL, value=report, description=OPTION_DESCRIPTION)
        )
    return options or [discord.SelectOption(label="(no sources)", value="0:")]


class SourcesMenu(discord.ui.DynamicItem[discord.ui.Select[Any]], template=SOURCES_ID):
    """Up to 25 footnotes of one page, choosing shows them in context, privately; and
    ``report`` (a Sources menu option value, :func:`bot.chat.reports.report_value`) offers
    "Report a problem", which opens :class:`~bot.chat.reports.ReportForm`."""

    def __init__(self, refs: Sequence[CitationRef] = (), report: str | None = None) -> None:
        self.report = report
        options = _options(refs, report)
        super().__init__(
            discord.ui.Select(
                custom_id=SOURCES_ID,
                placeholder=PLACEHOLDER,
                options=options,
                min_values=1,
                max_values=max(1, min(CHOSEN_MAX, len(options))),
                row=4,
            )
        )

    def show(self, refs: Sequence[CitationRef]) -> None:
        """Offer these footnotes instead (a page turned)."""
        options = _options(refs, self.report)
        self.item.options = options
        self.item.max_values = max(1, min(CHOSEN_MAX, len(options)))

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[discord.Client],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> SourcesMenu:
        return cls()

    async def callback(self, interaction: discord.Interaction[discord.Client]) -> None:
        data: dict[str, Any] = dict(interaction.data or {})
        values = [str(v) for v in data.get("values", [])][:CHOSEN_MAX]
        if (context := opens_form(values)) is not None:
            await interaction.response.send_modal(ReportForm(context))
            return
        stores: StoreHolder = interaction.client.stores  # type: ignore[attr-defined]
        with stores.lease() as store:
            try:
                refs = await asyncio.to_thread(_footnotes, store, values)
            except BriefbotError as error:
                await interaction.response.send_message(
                    error.message, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
                )
                return
        await interaction.response.send_message(
            embeds=[render_passage(ref) for ref in refs],
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )


def _footnotes(store: FactStore, values: list[str]) -> list[CitationRef]:
    refs = []
    for value in values:
        number, _, link = value[:VALUE_MAX].partition(":")
        shown = int(number) if number.isascii() and number.isdigit() and len(number) < 4 else 0
        refs.append(footnote_at(store, link, shown))
    if not refs:
        raise BriefbotError("Choose a footnote to see it in its article.")
    return refs
