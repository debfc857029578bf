"""Posting digests to channels, turning Discord's refusals into reasons admins can read.

Every page carries the day's marker: as its nonce (Discord then refuses a duplicate for a
few minutes, returning the first message instead) and at the end of its footer, so a
restart can find a digest it sent but never recorded. Discord's 5xx, timeouts and lost
connections are transient (retried later); missing channels and permissions are not.
"""

from __future__ import annotations

import aiohttp
import discord

from bot.chat.embeds import FOOTER_MAX, render
from bot.chat.paging import sources_view
from bot.chat.replies import NO_MENTIONS
from bot.digest.scheduler import ChannelUnavailable, TransientFailure
from bot.store.response import Response

HISTORY_CHECKED = 50
"""Recent messages of a channel searched for a digest sent but not recorded."""


class ChannelPoster:
    def __init__(self, client: discord.Client) -> None:
        self.client = client

    async def _channel(self, channel_id: int) -> discord.abc.Messageable:
        channel = self.client.get_channel(channel_id)
        try:
            if channel is None:
                channel = await self.client.fetch_channel(channel_id)
        except discord.NotFound:
            raise ChannelUnavailable("the channel no longer exists") from None
        except discord.Forbidden:
            raise ChannelUnavailable("the bot cannot see the channel") from None
        except (discord.DiscordServerError, aiohttp.ClientError, TimeoutError) as exc:
            raise TransientFailure(str(exc) or type(exc).__name__) from None
        if not isinstance(channel, discord.abc.Messageable):
            raise ChannelUnavailable("the channel is not one the bot can post in")
        return channel

    async def post(self, channel_id: int, response: Response, marker: str) -> int:
        channel = await self._channel(channel_id)
        first: int | None = None
        for number, page in enumerate(render(response)):
            embed = page.embed
            footer = f"{embed.footer.text or ''} · {marker}".strip(" ·")
            embed.set_footer(text=footer[-FOOTER_MAX:])
            view = sources_view(page, response.citations)
            try:
                nonce = f"{marker}p{number}"[:25]
                if view is None:
                    message = await channel.send(
                        embed=embed, allowed_mentions=NO_MENTIONS, nonce=nonce
                    )
                else:
                    message = await channel.send(
                        embed=embed, allowed_mentions=NO_MENTIONS, nonce=nonce, view=view
                    )
            except discord.Forbidden as exc:
                raise ChannelUnavailable(
                    f"the bot may not post there (Discord said: {exc.text or exc.status})"
                ) from None
            except discord.NotFound:
                raise ChannelUnavailable("the channel no longer exists") from None
            except (TimeoutError, discord.DiscordServerError, aiohttp.ClientError) as exc:
                raise TransientFailure(str(exc) or type(exc).__name__) from None
            first = first or message.id
        assert first is not None
        return first

    async def find(self, channel_id: int, marker: str) -> int | None:
        channel = await self._channel(channel_id)
        me = self.client.user
        first: int | None = None  # history runs newest first: keep the digest's first page
        try:
            async for message in channel.history(limit=HISTORY_CHECKED):
                if me is not None and message.author.id != me.id:
                    continue
                if any((e.footer.text or "").endswith(marker) for e in message.embeds):
                    first = int(message.id)
        except discord.HTTPException:
            return None
        return first
