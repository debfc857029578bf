"""Posting digests to channels, turning Discord's refusals into reasons admins can read."""

from __future__ import annotations

import discord

from bot.chat.embeds import render_pages
from bot.chat.replies import NO_MENTIONS
from bot.digest.scheduler import ChannelUnavailable
from bot.store.response import Response


class ChannelPoster:
    def __init__(self, client: discord.Client) -> None:
        self.client = client

    async def post(self, channel_id: int, response: Response) -> int:
        channel = self.client.get_channel(channel_id)
        try:
            if channel is None:
                channel = await self.client.fetch_channel(channel_id)
        except discord.NotFound:
            raise ChannelUnavailable("the channel no longer exists") from None
        except discord.Forbidden:
            raise ChannelUnavailable("the bot cannot see the channel") from None
        if not isinstance(channel, discord.abc.Messageable):
            raise ChannelUnavailable("the channel is not one the bot can post in")
        first: int | None = None
        for page in render_pages(response):
            try:
                message = await channel.send(embed=page, allowed_mentions=NO_MENTIONS)
            except discord.Forbidden as exc:
                raise ChannelUnavailable(
                    f"the bot may not post there (Discord said: {exc.text or exc.status})"
                ) from None
            except discord.NotFound:
                raise ChannelUnavailable("the channel no longer exists") from None
            first = first or message.id
        assert first is not None
        return first
