"""/help and /about: what the bot can do, and what it is serving right now."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.answers.commandset import COMMANDS, source_grades
from bot.chat.embeds import COLOUR_OK
from bot.chat.replies import send

if TYPE_CHECKING:
    from bot.chat.client import BriefBot


class Meta(commands.Cog):
    def __init__(self, bot: BriefBot) -> None:
        self.bot = bot

    @app_commands.command(name="help")
    async def help(self, interaction: discord.Interaction) -> None:
        """How to use briefbot: its commands and examples"""
        embed = discord.Embed(
            title="briefbot",
            description=(
                "Briefings on the story from a curated fact store: every line cites the "
                "sentence it comes from, numbered like [1], with the sources listed below it."
            ),
            colour=COLOUR_OK,
        )
        for command in COMMANDS.values():
            embed.add_field(name=command.usage, value=command.description, inline=False)
        embed.add_field(
            name="Examples",
            value="/brief topic:security\n/actor name:Bazoum\n/timeline since:2025\n"
            "/search query:fuel convoy",
            inline=False,
        )
        embed.add_field(
            name="Sources, and a wrong answer",
            value="Under a cited answer, the **Sources** menu shows a footnote in its article; "
            "its last entry, **⚑ Report a problem**, tells the curators what is wrong (only "
            "they see it). Also: `/follow`, `/digest`, and for admins `/reload`, `/reports`.",
            inline=False,
        )
        await send(interaction, embed=embed, ephemeral=True)

    @app_commands.command(name="about")
    async def about(self, interaction: discord.Interaction) -> None:
        """The fact store being served: version, size, when it was loaded"""
        store = self.bot.stores.current
        counts = store.counts()
        uptime = datetime.now(UTC) - self.bot.stores.started_at
        embed = discord.Embed(title="About briefbot", colour=COLOUR_OK)
        embed.add_field(name="Store version", value=f"`{store.version}`")
        embed.add_field(name="Loaded", value=discord.utils.format_dt(store.loaded_at, "R"))
        embed.add_field(name="Up for", value=_duration(uptime.total_seconds()))
        embed.add_field(
            name="Contents",
            value=", ".join(f"{n} {name}" for name, n in counts.items()),
            inline=False,
        )
        embed.add_field(name="Source grades", value=source_grades(store), inline=False)
        await send(interaction, embed=embed, ephemeral=True)


def _duration(seconds: float) -> str:
    minutes, _ = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    parts = [f"{days}d"] if days else []
    parts += [f"{hours}h"] if hours or days else []
    parts.append(f"{minutes}m")
    return " ".join(parts)


async def setup(bot: BriefBot) -> None:
    """Loaded by ``bot.load_extension("bot.chat.cogs.meta")``."""
    await bot.add_cog(Meta(bot))
