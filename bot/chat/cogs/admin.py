"""/reload: serve the curators' edits without a restart (admins)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.chat.checks import admin_only
from bot.chat.embeds import COLOUR_ERROR, COLOUR_OK, clip, escape
from bot.chat.replies import send
from bot.serving.reload import ReloadOutcome

if TYPE_CHECKING:
    from bot.chat.client import BriefBot

PROBLEMS_SHOWN = 10


class Admin(commands.Cog):
    def __init__(self, bot: BriefBot) -> None:
        self.bot = bot

    @app_commands.command(name="reload")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @admin_only
    async def reload(self, interaction: discord.Interaction) -> None:
        """Reload the fact store after curators edited it (admins)"""
        await interaction.response.defer(ephemeral=True, thinking=True)
        outcome = await self.bot.reloader.reload(by=f"{interaction.user} ({interaction.user.id})")
        await send(interaction, embed=outcome_embed(outcome))


def outcome_embed(outcome: ReloadOutcome) -> discord.Embed:
    if not outcome.ok:
        shown = [f"• {escape(str(p))}" for p in outcome.problems[:PROBLEMS_SHOWN]]
        more = len(outcome.problems) - len(shown)
        if more:
            shown.append(f"…and {more} more: run `briefbot validate` to see them all.")
        return discord.Embed(
            title=f"Reload refused: {len(outcome.problems)} problem(s)",
            description=clip(
                f"Nothing changed; still serving `{outcome.version}`.\n\n" + "\n".join(shown), 4096
            ),
            colour=COLOUR_ERROR,
        )
    changes = outcome.diff
    embed = discord.Embed(
        title="Store reloaded",
        description=f"`{outcome.previous}` → `{outcome.version}`: "
        f"{changes.summary() if changes else 'no changes'}",
        colour=COLOUR_OK,
    )
    if changes is not None:
        for label, ids in (
            ("Added facts", changes.facts.added),
            ("Changed facts", changes.facts.changed),
            ("Removed facts", changes.facts.removed),
            ("New actors", changes.actors.added),
            ("New sources", changes.sources.added),
        ):
            if ids:
                embed.add_field(
                    name=f"{label} ({len(ids)})",
                    value=clip(", ".join(f"`{i}`" for i in ids), 1024),
                    inline=False,
                )
    return embed


async def setup(bot: BriefBot) -> None:
    """Loaded by ``bot.load_extension("bot.chat.cogs.admin")``."""
    await bot.add_cog(Admin(bot))
