"""/follow, /unfollow, /following: alerts about an actor or topic, by DM or in a channel."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.answers.alerts import Followed, name_of
from bot.chat.checks import REFUSAL, is_admin, same_server
from bot.chat.embeds import COLOUR_OK, escape
from bot.chat.notifier import channel_follower, user_follower
from bot.chat.replies import defer_privately, send
from bot.chat.transformers import Actor, Topic
from bot.records.errors import InvalidCommand

if TYPE_CHECKING:
    from bot.chat.client import BriefBot

FOLLOWS_SHOWN = 25


class Follows(commands.Cog):
    def __init__(self, bot: BriefBot) -> None:
        self.bot = bot

    def _target(self, actor: str | None, topic: str | None) -> Followed:
        """Exactly one of actor and topic, resolved like every other command."""
        if bool(actor) == bool(topic):
            raise InvalidCommand("Give one of actor: or topic:, e.g. /follow actor:Bazoum.")
        store = self.bot.stores.current
        if actor:
            return Followed("actor", store.actor_names.resolve(actor))
        assert topic is not None
        return Followed("topic", store.topic_names.resolve(topic))

    def _follower(
        self, interaction: discord.Interaction, channel: discord.abc.GuildChannel | None
    ) -> tuple[str, str]:
        """The follower and how to name it: the user, or a channel (admins only)."""
        if channel is None:
            return user_follower(interaction.user.id), "you (by direct message)"
        if not is_admin(interaction):
            raise app_commands.CheckFailure(REFUSAL)
        same_server(interaction, channel)
        return channel_follower(channel.id), f"<#{channel.id}>"

    def _name(self, followed: Followed) -> str:
        return name_of(self.bot.stores.current, followed) or followed.target

    @app_commands.command(name="follow")
    @app_commands.guild_only()
    @app_commands.describe(
        actor="An actor to follow, e.g. Bazoum",
        topic="A briefing topic to follow, e.g. security",
        channel="Alert a channel instead of you (admins)",
    )
    async def follow(
        self,
        interaction: discord.Interaction,
        actor: Actor | None = None,
        topic: Topic | None = None,
        channel: discord.TextChannel | None = None,
    ) -> None:
        """Get a short cited message when new facts about an actor or topic come in"""
        followed = self._target(actor, topic)
        follower, who = self._follower(interaction, channel)
        assert interaction.guild is not None  # guild_only: BriefTree answers DMs
        await defer_privately(interaction)  # the write may queue behind a long one
        added = await self.bot.state.follow(
            follower=follower,
            guild_id=interaction.guild.id,
            kind=followed.kind,
            target=followed.target,
            created_by=interaction.user.id,
        )
        name = escape(self._name(followed))
        text = (
            f"{who.capitalize() if who.startswith('you') else who} will get a cited message "
            f"when the store brings new facts about {name}."
            if added
            else f"{name} is already followed; alerts are on."
        )
        if follower.startswith("user:"):
            text += " Direct messages from this server's members must be allowed."
        await send(interaction, content=text, ephemeral=True)

    @app_commands.command(name="unfollow")
    @app_commands.guild_only()
    @app_commands.describe(
        actor="The actor to stop following",
        topic="The topic to stop following",
        channel="A channel's follow instead of yours (admins)",
    )
    async def unfollow(
        self,
        interaction: discord.Interaction,
        actor: Actor | None = None,
        topic: Topic | None = None,
        channel: discord.TextChannel | None = None,
    ) -> None:
        """Stop alerts about an actor or topic"""
        followed = self._target(actor, topic)
        follower, _ = self._follower(interaction, channel)
        await defer_privately(interaction)  # the write may queue behind a long one
        removed = await self.bot.state.unfollow(
            follower=follower, kind=followed.kind, target=followed.target
        )
        name = escape(self._name(followed))
        text = f"No more alerts about {name}." if removed else f"{name} was not followed."
        await send(interaction, content=text, ephemeral=True)

    @app_commands.command(name="following")
    @app_commands.guild_only()
    @app_commands.describe(channel="A channel's follows instead of yours (admins)")
    async def following(
        self, interaction: discord.Interaction, channel: discord.TextChannel | None = None
    ) -> None:
        """What you (or a channel) follow, and whether alerts can reach you"""
        follower, who = self._follower(interaction, channel)
        await defer_privately(interaction)  # the read may queue behind a long write
        follows = await self.bot.state.follows(follower)
        info = await self.bot.state.follower(follower)
        embed = discord.Embed(title="Following", colour=COLOUR_OK)
        if not follows:
            embed.description = "Nothing yet: /follow actor:… or topic:… to start."
        else:
            kinds: dict[str, Literal["actor", "topic"]] = {"actor": "actor", "topic": "topic"}
            lines = [
                f"• {escape(self._name(Followed(kinds[f.kind], f.target)))} ({f.kind})"
                for f in follows[:FOLLOWS_SHOWN]
            ]
            if len(follows) > FOLLOWS_SHOWN:
                lines.append(f"…and {len(follows) - FOLLOWS_SHOWN} more")
            embed.description = f"Alerts for {who}:\n" + "\n".join(lines)
        if info is not None and info.status == "unreachable":
            embed.add_field(
                name="Alerts paused",
                value=f"{escape(info.reason or '')}. /follow again once that is fixed."[:1024],
            )
        await send(interaction, embed=embed, ephemeral=True)


async def setup(bot: BriefBot) -> None:
    """Loaded by ``bot.load_extension("bot.chat.cogs.follows")``."""
    await bot.add_cog(Follows(bot))
