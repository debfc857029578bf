"""/digest: subscribe channels to a daily digest, see and test subscriptions."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.chat.checks import admin_only, same_server
from bot.chat.embeds import COLOUR_OK, escape
from bot.chat.replies import defer_privately, send, send_response
from bot.chat.transformers import TYPED_MAX, DigestChannel, Switch, Text
from bot.records.errors import InvalidCommand
from bot.scheduling.due import (
    complete_timezone,
    next_due_after,
    parse_local_time,
    parse_timezone,
)
from bot.scheduling.scheduler import ChannelUnavailable, TransientFailure
from bot.state import Subscription

if TYPE_CHECKING:
    from bot.chat.client import BriefBot

STATUS = {"active": "🟢 active", "failing": "🟠 failing", "paused": "🔴 paused"}


@app_commands.guild_only()
class Digests(
    commands.GroupCog,
    group_name="digest",
    group_description="Daily digests of what is new, posted to channels",
):
    def __init__(self, bot: BriefBot) -> None:
        self.bot = bot
        super().__init__()

    @app_commands.command(name="subscribe")
    @app_commands.describe(
        channel="Channel to post in (default: this one)",
        time="Local time to post, 24-hour HH:MM (default 08:00)",
        timezone="IANA time zone, e.g. Africa/Bamako or Europe/Paris (default UTC)",
        skip_quiet="Post nothing on days with no new developments (default: post a summary)",
        thread="Post each digest in its own thread under a short headline (forums: always)",
    )
    @admin_only
    async def subscribe(
        self,
        interaction: discord.Interaction,
        channel: DigestChannel | None = None,
        time: app_commands.Transform[str, Text(20)] = "08:00",
        timezone: app_commands.Transform[str, Text(TYPED_MAX)] = "UTC",
        skip_quiet: Switch = False,
        thread: Switch = False,
    ) -> None:
        """Post a daily digest to a channel (admins)"""
        target = channel or interaction.channel
        assert interaction.guild is not None and target is not None
        same_server(interaction, target)
        if isinstance(target, discord.ForumChannel):
            thread = True  # a forum holds posts only
        elif not isinstance(target, discord.TextChannel) and thread:
            raise InvalidCommand("Digest threads need a text or forum channel.")
        local_time = parse_local_time(time)
        tz = parse_timezone(timezone)
        await defer_privately(interaction)  # the write may queue behind a long one
        subscription = await self.bot.state.add_subscription(
            guild_id=interaction.guild.id,
            channel_id=target.id,
            local_time=local_time.strftime("%H:%M"),
            timezone=tz.key,
            created_by=interaction.user.id,
            skip_when_quiet=skip_quiet,
            thread=thread,
        )
        self.bot.scheduler.reschedule()
        due = next_due_after(datetime.now(UTC), local_time, tz)
        await send(
            interaction,
            ephemeral=True,
            content=(
                f"<#{target.id}> will get the digest every day at {subscription.local_time} "
                f"{subscription.timezone}; the next one {discord.utils.format_dt(due.at, 'R')}."
                + (" Quiet days are skipped." if skip_quiet else "")
                + (" Each day's digest gets its own thread." if thread else "")
            ),
        )

    @subscribe.autocomplete("timezone")
    async def _timezones(
        self, interaction: discord.Interaction, typed: str
    ) -> list[app_commands.Choice[str]]:
        # capped, cached per prefix, and off the event loop: Discord may send 6,000 characters
        names = await asyncio.to_thread(complete_timezone, str(typed)[:TYPED_MAX])
        return [app_commands.Choice(name=name, value=name) for name in names]

    @app_commands.command(name="unsubscribe")
    @app_commands.describe(channel="Channel to stop posting in (default: this one)")
    @admin_only
    async def unsubscribe(
        self,
        interaction: discord.Interaction,
        channel: DigestChannel | None = None,
    ) -> None:
        """Stop a channel's daily digest (admins)"""
        target = channel or interaction.channel
        assert interaction.guild is not None and target is not None
        same_server(interaction, target)
        await defer_privately(interaction)  # the write may queue behind a long one
        removed = await self.bot.state.remove_subscription(target.id, interaction.guild.id)
        self.bot.scheduler.reschedule()
        text = (
            f"<#{target.id}> will no longer get the digest."
            if removed
            else f"<#{target.id}> has no digest subscription."
        )
        await send(interaction, ephemeral=True, content=text)

    @app_commands.command(name="list")
    @admin_only
    async def list(self, interaction: discord.Interaction) -> None:
        """This server's digest subscriptions and their health (admins)"""
        assert interaction.guild is not None
        await defer_privately(interaction)  # the read may queue behind a long write
        subscriptions = await self.bot.state.subscriptions(interaction.guild.id)
        embed = discord.Embed(title="Digest subscriptions", colour=COLOUR_OK)
        if not subscriptions:
            embed.description = "None yet: `/digest subscribe` in a channel to start."
        opened, recent = await self.bot.state.report_counts()
        embed.set_footer(
            text=f"Reports from users: {opened} open, {recent} in the last 24 hours (/reports list)"
        )
        for subscription in subscriptions[:25]:
            embed.add_field(
                name=f"#{self._name(subscription)}",
                value=await self._describe(subscription),
                inline=False,
            )
        await send(interaction, embed=embed, ephemeral=True)

    @app_commands.command(name="preview")
    async def preview(self, interaction: discord.Interaction) -> None:
        """See the digest this channel would get now (only you see it)"""
        await defer_privately(interaction)  # composing may take a while; private anyway
        subscription = await self.bot.state.subscription(interaction.channel_id or 0)
        await send_response(
            interaction, await self.bot.scheduler.preview(subscription), ephemeral=True
        )

    @app_commands.command(name="send-now")
    @app_commands.describe(channel="Channel to post in (default: this one)")
    @admin_only
    async def send_now(
        self,
        interaction: discord.Interaction,
        channel: DigestChannel | None = None,
    ) -> None:
        """Post a digest now, besides the daily one (admins)"""
        target = channel or interaction.channel
        assert target is not None
        same_server(interaction, target)
        await defer_privately(interaction)
        subscription = await self.bot.state.subscription(target.id)
        response = await self.bot.scheduler.preview(subscription)
        thread = None
        if isinstance(target, discord.ForumChannel) or (subscription and subscription.thread):
            thread = f"Digest (sent {datetime.now(UTC):%Y-%m-%d %H:%M} UTC)"
        try:
            await self.bot.poster.post(
                target.id, response, marker=f"n{interaction.id}", thread=thread
            )
        except (ChannelUnavailable, TransientFailure) as exc:
            await send(interaction, content=f"Could not post in <#{target.id}>: {exc}.")
            return
        await send(interaction, content=f"Posted a digest in <#{target.id}>.")

    def _name(self, subscription: Subscription) -> str:
        channel = self.bot.get_channel(subscription.channel_id)
        return getattr(channel, "name", None) or str(subscription.channel_id)

    async def _describe(self, subscription: Subscription) -> str:
        lines = [
            f"{STATUS[subscription.status]} · every day at {subscription.local_time} "
            f"{subscription.timezone}"
            + (" · quiet days skipped" if subscription.skip_when_quiet else "")
            + (" · in threads" if subscription.thread else "")
        ]
        if subscription.failure_reason:
            lines.append(
                f"Last failure: {escape(subscription.failure_reason)} "
                f"({subscription.failures} day(s) in a row)"
            )
        last = await self.bot.state.last_posted(subscription.id)
        lines.append(f"Last posted: {last.local_date}" if last else "Not posted yet")
        return "\n".join(lines)[:1024]


async def setup(bot: BriefBot) -> None:
    """Loaded by ``bot.load_extension("bot.chat.cogs.digests")``."""
    await bot.add_cog(Digests(bot))
