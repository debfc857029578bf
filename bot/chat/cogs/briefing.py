"""/brief, /timeline, /search and /ask: the situation in summary, in order, by words."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.answers import followup, queries, questions
from bot.answers.commandset import COMMANDS, describe
from bot.answers.response import Response
from bot.chat.replies import answer
from bot.chat.transformers import Actor, Date, Switch, Text, Topic

if TYPE_CHECKING:
    from bot.chat.client import BriefBot
    from bot.store.facts import FactStore


class Briefing(commands.Cog):
    def __init__(self, bot: BriefBot) -> None:
        self.bot = bot
        self.recent = followup.Recent()
        """Whom each asker's last /ask was about, in each channel: "what did he say"."""

    @app_commands.command(name="brief", description=COMMANDS["brief"].description)
    @app_commands.describe(**describe("brief"))
    async def brief(
        self, interaction: discord.Interaction, topic: Topic | None = None, more: Switch = False
    ) -> None:
        await answer(interaction, lambda store: queries.brief(store, topic, more))

    @app_commands.command(name="timeline", description=COMMANDS["timeline"].description)
    @app_commands.describe(**describe("timeline"))
    async def timeline(
        self,
        interaction: discord.Interaction,
        actor: Actor | None = None,
        topic: Topic | None = None,
        since: Date | None = None,
        until: Date | None = None,
        picture: Switch = False,
    ) -> None:
        await answer(
            interaction,
            lambda store: queries.timeline(store, actor, topic, since, until),
            picture=picture,
        )

    @app_commands.command(name="ask", description=COMMANDS["ask"].description)
    @app_commands.describe(**describe("ask"))
    async def ask(
        self,
        interaction: discord.Interaction,
        question: app_commands.Transform[str, Text(questions.QUESTION_MAX)],
    ) -> None:
        asker = (interaction.channel_id, interaction.user.id)
        previous = self.recent.get(asker)

        def ask(store: FactStore) -> Response:
            self.recent.set(asker, followup.subject(store, question, previous))
            return questions.answer(store, question, previous)

        await answer(interaction, ask)

    @app_commands.command(name="search", description=COMMANDS["search"].description)
    @app_commands.describe(**describe("search"))
    async def search(
        self, interaction: discord.Interaction, query: app_commands.Transform[str, Text(200)]
    ) -> None:
        await answer(interaction, lambda store: queries.search(store, query))


async def setup(bot: BriefBot) -> None:
    """Loaded by ``bot.load_extension("bot.chat.cogs.briefing")``."""
    await bot.add_cog(Briefing(bot))
