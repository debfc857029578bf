"""The controls under an answer: page buttons for its asker, a Sources menu for everyone.

Only the person who asked can turn pages; the buttons go after ``PAGE_TIMEOUT``. The
Sources menu (:mod:`bot.chat.sources`) offers the footnotes of the page shown and stays.
"""

from __future__ import annotations

import logging
import weakref
from typing import ClassVar

import discord

from bot.answers.response import CitationRef
from bot.chat.embeds import Page
from bot.chat.sources import SOURCES_ID, SourcesMenu

log = logging.getLogger(__name__)

PAGE_TIMEOUT = 600.0
"""Seconds of inactivity after which the page buttons are removed (follow-ups last 15 min,
and removing them edits the message through the interaction's token)."""
EXPIRED = "These buttons have expired; run the command again."


class Pager(discord.ui.View):
    live: ClassVar[weakref.WeakSet[Pager]] = weakref.WeakSet()
    """Pagers whose buttons still work."""

    def __init__(
        self,
        pages: list[Page],
        owner_id: int,
        citations: tuple[CitationRef, ...] = (),
        timeout: float = PAGE_TIMEOUT,
        report: str | None = None,
    ) -> None:
        super().__init__(timeout=timeout)
        self.pages = pages
        self.owner_id = owner_id
        self.index = 0
        self.message: discord.InteractionMessage | discord.WebhookMessage | None = None
        self._refs = {ref.number: ref for ref in citations}
        self.sources: SourcesMenu | None = None
        if len(pages) < 2:
            for button in (self.previous, self.counter, self.next):
                self.remove_item(button)
        if self._refs:
            self.sources = SourcesMenu(self._page_refs(), report)
            self.add_item(self.sources)
        self._sync_buttons()
        Pager.live.add(self)

    @property
    def needed(self) -> bool:
        """Whether the answer needs any controls at all."""
        return len(self.pages) > 1 or self.sources is not None

    @property
    def embed(self) -> discord.Embed:
        return self.pages[self.index].embed

    def _page_refs(self) -> list[CitationRef]:
        return [self._refs[n] for n in self.pages[self.index].cites if n in self._refs]

    @classmethod
    def handles(cls, custom_id: str) -> bool:
        """Whether a live pager (or the Sources menu, always live) owns this id."""
        if custom_id == SOURCES_ID:
            return True
        return any(
            not pager.is_finished()
            and any(getattr(item, "custom_id", None) == custom_id for item in pager.children)
            for pager in list(cls.live)
        )

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(
            "Only the person who asked can turn these pages; run the command yourself to "
            "get your own copy.",
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )
        return False

    @discord.ui.button(label="◀ Previous", style=discord.ButtonStyle.secondary)
    async def previous(
        self, interaction: discord.Interaction, button: discord.ui.Button[Pager]
    ) -> None:
        await self._show(interaction, self.index - 1)

    @discord.ui.button(label="1/1", style=discord.ButtonStyle.secondary, disabled=True)
    async def counter(
        self, interaction: discord.Interaction, button: discord.ui.Button[Pager]
    ) -> None:  # pragma: no cover - disabled
        await interaction.response.defer()

    @discord.ui.button(label="Next ▶", style=discord.ButtonStyle.primary)
    async def next(
        self, interaction: discord.Interaction, button: discord.ui.Button[Pager]
    ) -> None:
        await self._show(interaction, self.index + 1)

    async def _show(self, interaction: discord.Interaction, index: int) -> None:
        self.index = max(0, min(index, len(self.pages) - 1))
        self._sync_buttons()
        await interaction.response.edit_message(embed=self.embed, view=self)

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index >= len(self.pages) - 1
        self.counter.label = f"{self.index + 1}/{len(self.pages)}"
        if self.sources is not None:
            self.sources.show(self._page_refs())

    async def on_timeout(self) -> None:
        Pager.live.discard(self)
        if self.message is None or len(self.pages) < 2:
            return  # nothing to take away: the Sources menu stays
        for button in (self.previous, self.counter, self.next):
            self.remove_item(button)
        try:
            await self.message.edit(view=self if self.sources is not None else None)
        except discord.HTTPException as exc:  # the message may be gone: nothing to tidy
            log.info("could not remove page buttons: %s", exc)


def sources_view(
    page: Page, citations: tuple[CitationRef, ...], report: str | None = None
) -> discord.ui.View | None:
    """A Sources menu alone, for posts no one asked for (digests, alerts), with the report
    option when ``report`` is given; ``None`` if uncited."""
    refs = {ref.number: ref for ref in citations}
    shown = [refs[n] for n in page.cites if n in refs]
    if not shown:
        return None
    view = discord.ui.View(timeout=None)
    view.add_item(SourcesMenu(shown, report))
    return view
