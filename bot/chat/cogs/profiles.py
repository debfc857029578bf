"""/actor and /sources: who is who, and where every answer comes from."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.answers import queries
from bot.answers.commandset import COMMANDS, describe
from bot.chat.replies import answer
from bot.chat.transformers import Actor, Source

if TYPE_CHECKING:
    from bot.chat.client import BriefBot


class Profiles(commands.Cog):
    def __init__(self, bot: BriefBot) -> None:
        self.bot = bot

    @app_commands.command(name="actor", description=COMMANDS["actor"].description)
    @app_commands.describe(**describe("actor"))
    async def actor(self, interaction: discord.Interaction, name: Actor) -> None:
        await answer(interaction, lambda store: queries.actor(store, name))

    @app_commands.command(name="sources", description=COMMANDS["sources"].description)
    @app_commands.describe(**describe("sources"))
    async def sources(self, interaction: discord.Interaction, source: Source | None = None) -> None:
        await answer(interaction, lambda store: queries.sources(store, source))


async def setup(bot: BriefBot) -> None:
    """Loaded by ``bot.load_extension("bot.chat.cogs.profiles")``."""
    await bot.add_cog(Profiles(bot))
