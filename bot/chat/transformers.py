"""Options that autocomplete from the store; typed text is always re-checked by the query."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.answers.commandset import parse_flag
from bot.records.dates import FuzzyDate
from bot.records.errors import InvalidCommand
from bot.records.text import clean_user_text
from bot.store.matching import NameIndex

if TYPE_CHECKING:
    from bot.chat.client import BriefBot

CHOICES_MAX = 25
CHOICE_TEXT_MAX = 100
TYPED_MAX = 100
"""Characters of a partly typed value that autocomplete reads: Discord's own limit for a
choice's value. Discord may send up to 6,000; matching more is only slower."""


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
        typed = str(value)[:TYPED_MAX]
        matches = _index(interaction, self.index_name).complete(typed, CHOICES_MAX)
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


class Text(app_commands.Transformer):
    """Free text with a length limit; any other kind of value is read as text."""

    def __init__(self, max_length: int, min_length: int = 1) -> None:
        self._min, self._max = min_length, max_length

    @property
    def min_value(self) -> int:
        return self._min

    @property
    def max_value(self) -> int:
        return self._max

    async def transform(self, interaction: discord.Interaction, value: Any) -> str:
        text = clean_user_text(str(value))
        if len(text) > self._max:
            raise InvalidCommand(f"That text is too long: at most {self._max} characters.")
        return text


class Flag(app_commands.Transformer):
    """True or false; a stale payload's 'yes' or 1 is read as such, anything else refused."""

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.boolean

    async def transform(self, interaction: discord.Interaction, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        return parse_flag("This option", str(value))


Actor = app_commands.Transform[str, ActorName]
Topic = app_commands.Transform[str, TopicName]
Source = app_commands.Transform[str, SourceName]
Date = app_commands.Transform[str, UserDate]
Switch = app_commands.Transform[bool, Flag]


DigestTarget = discord.TextChannel | discord.ForumChannel


class DigestChannelTransformer(app_commands.Transformer):
    """A channel that can hold digests: text, announcement or forum.

    Declared by hand: discord.py's own mapping of ``ForumChannel`` also offers media
    channels (type 16), which Discord's API description does not list for this option.
    """

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.channel

    @property
    def channel_types(self) -> list[discord.ChannelType]:
        return [discord.ChannelType.text, discord.ChannelType.news, discord.ChannelType.forum]

    async def transform(self, interaction: discord.Interaction, value: Any) -> DigestTarget:
        guild = interaction.guild
        channel = guild.get_channel(value.id) if guild is not None else None
        if channel is None:
            channel = await value.fetch()
        if not isinstance(channel, discord.TextChannel | discord.ForumChannel):
            raise InvalidCommand("Digests go to a text, announcement or forum channel.")
        return channel


DigestChannel = app_commands.Transform[DigestTarget, DigestChannelTransformer]
