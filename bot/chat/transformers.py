"""Options that autocomplete from the store; typed text is always re-checked by the query."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.store.dates import FuzzyDate
from bot.store.matching import NameIndex
from bot.store.text import clean_user_text

if TYPE_CHECKING:
    from bot.app import BriefBot

CHOICES_MAX = 25
CHOICE_TEXT_MAX = 100


def _index(interaction: discord.Interaction, which: str) -> NameIndex:
    client: BriefBot = interaction.client  # type: ignore[assignment]
    index: NameIndex = getattr(client.stores.current, which)
    return index


class _Named(app_commands.Transformer):
    """A name of something in the store: autocompleted, passed on as typed."""

    index_name = ""

    async def transform(self, interaction: discord.Interaction, value: Any) -> str:
        return clean_user_text(str(value))

    async def autocomplete(  # type: ignore[override]
        self, interaction: discord.Interaction, value: str
    ) -> list[app_commands.Choice[str]]:
        matches = _index(interaction, self.index_name).complete(value, CHOICES_MAX)
        return [
            app_commands.Choice(name=m.label[:CHOICE_TEXT_MAX], value=m.id[:CHOICE_TEXT_MAX])
            for m in matches
        ]


class ActorName(_Named):
    index_name = "actor_names"


class TopicName(_Named):
    index_name = "topic_names"


class SourceName(_Named):
    index_name = "source_names"


class UserDate(app_commands.Transformer):
    """A date as people type it (2025, 2025-10, Oct 2025); refused early if unreadable."""

    async def transform(self, interaction: discord.Interaction, value: Any) -> str:
        text = clean_user_text(str(value))
        FuzzyDate.parse_user(text)  # raises InvalidDate with the accepted forms
        return text


Actor = app_commands.Transform[str, ActorName]
Topic = app_commands.Transform[str, TopicName]
Source = app_commands.Transform[str, SourceName]
Date = app_commands.Transform[str, UserDate]
