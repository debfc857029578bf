"""/reports: the problems users reported with answers, for admins to read and close."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.chat.checks import admin_only
from bot.chat.embeds import COLOUR_OK, clip, escape
from bot.chat.replies import defer_privately, send
from bot.chat.transformers import Text
from bot.records.errors import InvalidCommand
from bot.state import Report
from bot.state.models import NOTE_MAX

if TYPE_CHECKING:
    from bot.chat.client import BriefBot

LISTED = 10
"""Reports one list shows (the newest); `briefbot reports` lists them all."""
FOOTNOTES_SHOWN = 20
EMBED_BUDGET = 5900
"""Discord allows 6,000 characters across an embed; a little is kept spare."""


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class Reports(
    commands.GroupCog,
    group_name="reports",
    group_description="Problems users reported with answers (admins)",
):
    def __init__(self, bot: BriefBot) -> None:
        self.bot = bot
        super().__init__()

    @app_commands.command(name="list")
    @app_commands.describe(closed="Include closed reports (default: open ones only)")
    @admin_only
    async def list(self, interaction: discord.Interaction, closed: bool = False) -> None:
        """The newest reports, with what each reporter saw (admins)"""
        await defer_privately(interaction)
        reports = await self.bot.state.reports(include_closed=closed, limit=LISTED)
        opened, recent = await self.bot.state.report_counts()
        embed = discord.Embed(
            title="Reports",
            description=f"{opened} open, {recent} in the last 24 hours. "
            "`/reports show id:` for one in full, `/reports close` when handled.",
            colour=COLOUR_OK,
        )
        if not reports:
            embed.description = (
                f"No {'' if closed else 'open '}reports. Users report a wrong answer from "
                "its Sources menu (“Report a problem”)."
            )
        for report in reports:
            embed.add_field(name=heading(report), value=summary(report), inline=False)
        await send(interaction, embed=embed, ephemeral=True)

    @app_commands.command(name="show")
    @app_commands.describe(id="The report's number, as /reports list shows it")
    @admin_only
    async def show(self, interaction: discord.Interaction, id: int) -> None:
        """One report in full: the question, the answer and footnotes shown (admins)"""
        await defer_privately(interaction)
        report = await self.bot.state.report(id)
        if report is None:
            raise InvalidCommand(f"There is no report #{id}: `/reports list` shows them.")
        await send(interaction, embed=full(report), ephemeral=True)

    @app_commands.command(name="close")
    @app_commands.describe(
        id="The report's number", note="What was done, e.g. 'fact corrected' or 'answer right'"
    )
    @admin_only
    async def close(
        self,
        interaction: discord.Interaction,
        id: int,
        note: app_commands.Transform[str, Text(NOTE_MAX)],
    ) -> None:
        """Close a report, saying what was done (admins)"""
        await defer_privately(interaction)
        by = f"{interaction.user} ({interaction.user.id})"
        closed = await self.bot.state.close_report(id, by=by, resolution=note.strip())
        if closed is None:
            raise InvalidCommand(f"There is no open report #{id}: `/reports list` shows them.")
        await send(
            interaction, content=f"Report #{id} closed: {escape(clip(note, 200))}", ephemeral=True
        )


def heading(report: Report) -> str:
    state = "🟢 closed" if report.status == "closed" else "🟠 open"
    return clip(f"#{report.id} · {state} · {report.created_at[:16].replace('T', ' ')} UTC", 256)


def summary(report: Report) -> str:
    numbers = ", ".join(f"[{f.number}]" for f in report.footnotes) or "none"
    lines = [
        f"**{escape(clip(report.what, 300))}**",
        f"by {escape(report.reporter_name)} on `{escape(clip(report.asked, 120))}` · "
        f"store `{escape(report.store_version)}` · footnotes {numbers}",
    ]
    if report.resolution:
        lines.append(f"closed: {escape(clip(report.resolution, 200))}")
    return clip("\n".join(lines), 1024)


def full(report: Report) -> discord.Embed:
    """A report in full, within one embed's 6,000 characters (footnotes while they fit)."""
    embed = discord.Embed(title=heading(report), description=summary(report), colour=COLOUR_OK)
    if report.detail:
        embed.add_field(name="Detail", value=escape(clip(report.detail, 800)), inline=False)
    if report.shown:
        embed.add_field(
            name="The answer shown", value=escape(clip(report.shown, 800)), inline=False
        )
    for footnote in report.footnotes[:FOOTNOTES_SHOWN]:
        name = clip(escape(footnote.label), 100)
        value = clip(f"“{escape(footnote.quote)}” · `{footnote.link}`", 300)
        if len(embed) + len(name) + len(value) > EMBED_BUDGET:
            break
        embed.add_field(name=name, value=value, inline=False)
    return embed


async def setup(bot: BriefBot) -> None:
    """Loaded by ``bot.load_extension("bot.chat.cogs.reports")``."""
    await bot.add_cog(Reports(bot))
