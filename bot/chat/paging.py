"""Buttons to page through a long answer; only the person who asked can turn pages."""

from __future__ import annotations

import logging
import weakref
from typing import ClassVar

import discord

log = logging.getLogger(__name__)

PAGE_TIMEOUT = 600.0
"""Seconds of inactivity after which the buttons are removed (follow-ups last 15 min)."""
EXPIRED = "These pages have expired; run the command again to see them."


class Pager(discord.ui.View):
    live: ClassVar[weakref.WeakSet[Pager]] = weakref.WeakSet()
    """Pagers whose buttons still work."""

    def __init__(
        self, pages: list[discord.Embed], owner_id: int, timeout: float = PAGE_TIMEOUT
    ) -> None:
        super().__init__(timeout=timeout)
        self.pages = pages
        self.owner_id = owner_id
        self.index = 0
        self.message: discord.InteractionMessage | discord.WebhookMessage | None = None
        self._sync_buttons()
        Pager.live.add(self)

    @classmethod
    def handles(cls, custom_id: str) -> bool:
        """Whether a live pager owns a button with this id."""
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
        await interaction.response.edit_message(embed=self.pages[self.index], view=self)

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index >= len(self.pages) - 1
        self.counter.label = f"{self.index + 1}/{len(self.pages)}"

    async def on_timeout(self) -> None:
        Pager.live.discard(self)
        if self.message is None:
            return
        try:
            await self.message.edit(view=None)
        except discord.HTTPException as exc:  # the message may be gone: nothing to tidy
            log.info("could not remove page buttons: %s", exc)
