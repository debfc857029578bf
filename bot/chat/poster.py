"""Posting digests to channels, turning Discord's refusals into reasons admins can read.

Every page carries the day's marker at the end of its footer, so a restart can find a
digest it sent but never recorded, and a nonce made from the channel, the marker and the
page (Discord then refuses a duplicate for a few minutes, returning the first message).
Discord enforces a nonce per author, the bot, across every channel: so the nonce names
the channel, never only a database id that a later subscription may reuse. Discord's
5xx, timeouts and lost connections are transient (retried later); missing channels and
permissions are not.

A subscription with threads gets a short headline in the channel and the digest in a
thread started from it (a thread started from a message has the message's id); in a forum
channel the digest is a post of its own. Posting a thread digest again finishes what an
interrupted attempt left: the headline, thread and pages already there are reused.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Literal

import aiohttp
import discord

from bot.answers.response import Response
from bot.chat.embeds import COLOUR_OK, FOOTER_MAX, clip, escape, render
from bot.chat.paging import sources_view
from bot.chat.replies import NO_MENTIONS
from bot.chat.reports import report_value
from bot.scheduling.scheduler import ChannelUnavailable, TransientFailure

HISTORY_CHECKED = 50
"""Recent messages of a channel searched for a digest sent but not recorded."""
THREAD_ARCHIVE_MINUTES: Literal[60, 1440, 4320, 10080] = 1440
"""A digest thread archives after a day without messages (Discord: 60, 1440, 4320, 10080)."""
THREAD_EXISTS = 160004
"""Discord's code for "a thread has already been created for this message"."""
THREAD_NAME_MAX = 100
NONCE_MAX = 25
"""Discord's longest nonce."""

Page = tuple[discord.Embed, discord.ui.View | None]


@contextmanager
def _failures() -> Iterator[None]:
    """Discord's refusals as the scheduler's two kinds of failure."""
    try:
        yield
    except discord.Forbidden as exc:
        raise ChannelUnavailable(
            f"the bot may not post there (Discord said: {exc.text or exc.status})"
        ) from None
    except discord.NotFound:
        raise ChannelUnavailable("the channel no longer exists") from None
    except (TimeoutError, discord.DiscordServerError, aiohttp.ClientError) as exc:
        raise TransientFailure(str(exc) or type(exc).__name__) from None


class ChannelPoster:
    def __init__(self, client: discord.Client) -> None:
        self.client = client

    async def _channel(self, channel_id: int) -> object:
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
        return channel

    async def post(
        self, channel_id: int, response: Response, marker: str, *, thread: str | None = None
    ) -> int:
        channel = await self._channel(channel_id)
        pages = _pages(response, marker)
        if thread is not None and isinstance(channel, discord.ForumChannel):
            return await self._forum_post(channel, thread[:THREAD_NAME_MAX], pages, marker)
        if not isinstance(channel, discord.abc.Messageable):
            raise ChannelUnavailable("the channel is not one the bot can post in")
        if thread is None:
            return await self._send_all(channel, pages, marker)
        if not isinstance(channel, discord.TextChannel):
            raise ChannelUnavailable("digest threads need a text or forum channel")
        return await self._thread_post(channel, thread[:THREAD_NAME_MAX], response, pages, marker)

    async def _send_all(
        self,
        channel: discord.abc.Messageable,
        pages: list[Page],
        marker: str,
        already: frozenset[str] = frozenset(),
    ) -> int:
        """Send the pages whose footers are not ``already`` there; the first page's id."""
        first: int | None = None
        for number, (embed, view) in enumerate(pages):
            if embed.footer.text in already:
                continue
            message = await self._send(channel, embed, view, f"{marker}p{number}")
            first = first or message.id
        return first or 0

    async def _send(
        self,
        channel: discord.abc.Messageable,
        embed: discord.Embed,
        view: discord.ui.View | None,
        key: str,
    ) -> discord.Message:
        with _failures():
            return await send_page(channel, embed, view, key)

    async def _thread_post(
        self,
        channel: discord.TextChannel,
        name: str,
        response: Response,
        pages: list[Page],
        marker: str,
    ) -> int:
        headline_id = await self.find(channel.id, marker)
        if headline_id is None:
            headline = await self._send(channel, _headline(response, marker), None, f"{marker}h")
            headline_id = headline.id
        with _failures():
            try:
                thread: object = await channel.get_partial_message(headline_id).create_thread(
                    name=name, auto_archive_duration=THREAD_ARCHIVE_MINUTES
                )
            except discord.HTTPException as exc:
                if exc.code != THREAD_EXISTS:
                    raise
                thread = await self.client.fetch_channel(headline_id)
        if not isinstance(thread, discord.Thread):
            raise ChannelUnavailable("the digest's thread is not a thread")
        await self._send_all(thread, pages, marker, await self._footers(thread))
        return headline_id

    async def _forum_post(
        self, forum: discord.ForumChannel, name: str, pages: list[Page], marker: str
    ) -> int:
        thread = await self._existing_post(forum, name)
        if thread is None:
            embed, view = pages[0]
            with _failures():
                if view is None:
                    created = await forum.create_thread(
                        name=name,
                        embed=embed,
                        allowed_mentions=NO_MENTIONS,
                        auto_archive_duration=THREAD_ARCHIVE_MINUTES,
                    )
                else:
                    created = await forum.create_thread(
                        name=name,
                        embed=embed,
                        view=view,
                        allowed_mentions=NO_MENTIONS,
                        auto_archive_duration=THREAD_ARCHIVE_MINUTES,
                    )
            thread, already = created.thread, frozenset({embed.footer.text or ""})
        else:
            already = await self._footers(thread)
        await self._send_all(thread, pages, marker, already)
        return thread.id

    async def _existing_post(self, forum: discord.ForumChannel, name: str) -> discord.Thread | None:
        """The bot's post of this name in the forum, if an earlier attempt made it."""
        me = self.client.user

        def ours(thread: discord.Thread) -> bool:
            return thread.name == name and me is not None and thread.owner_id == me.id

        cached = next((t for t in forum.threads if ours(t)), None)
        if cached is not None:
            return cached
        with _failures():
            active = await forum.guild.active_threads()
        return next((t for t in active if t.parent_id == forum.id and ours(t)), None)

    async def _footers(self, channel: discord.abc.Messageable) -> frozenset[str]:
        """The footers of the bot's recent messages there (pages already sent)."""
        return frozenset([e.footer.text or "" async for m in self._own(channel) for e in m.embeds])

    async def _own(self, channel: discord.abc.Messageable) -> AsyncIterator[discord.Message]:
        me = self.client.user
        with _failures():
            async for message in channel.history(limit=HISTORY_CHECKED):
                if me is None or message.author.id == me.id:
                    yield message

    async def find(self, channel_id: int, marker: str) -> int | None:
        channel = await self._channel(channel_id)
        if not isinstance(channel, discord.abc.Messageable):
            return None
        first: int | None = None  # history runs newest first: keep the digest's first page
        try:
            async for message in self._own(channel):
                if any((e.footer.text or "").endswith(marker) for e in message.embeds):
                    first = int(message.id)
        except (TransientFailure, ChannelUnavailable, discord.HTTPException):
            return None
        return first


def nonce(channel_id: int, key: str) -> str:
    """The nonce of the message ``key`` names (a day's page, an alert's page) in one
    channel: the same on every retry, different for every channel and key (24 characters
    of a BLAKE2 hash: Discord compares nonces across all the bot's channels)."""
    digest = hashlib.blake2b(f"{channel_id}:{key}".encode(), digest_size=15).digest()
    return base64.b32encode(digest).decode().lower()[:NONCE_MAX]


async def send_page(
    channel: discord.abc.Messageable, embed: discord.Embed, view: discord.ui.View | None, key: str
) -> discord.Message:
    """One page of a post no one asked for: no mentions, its nonce, its Sources menu if any."""
    channel_id = getattr(channel, "id", None)  # every channel the bot posts in has one
    assert isinstance(channel_id, int), channel
    once = nonce(channel_id, key)
    if view is None:
        return await channel.send(embed=embed, allowed_mentions=NO_MENTIONS, nonce=once)
    return await channel.send(embed=embed, allowed_mentions=NO_MENTIONS, nonce=once, view=view)


def _pages(response: Response, marker: str) -> list[Page]:
    """The digest's pages, each footer ending with the marker, each with its Sources menu."""
    pages: list[Page] = []
    for page in render(response):
        footer = f"{page.embed.footer.text or ''} · {marker}".strip(" ·")
        page.embed.set_footer(text=footer[-FOOTER_MAX:])
        report = report_value(response.store_version, "(daily digest)")
        pages.append((page.embed, sources_view(page, response.citations, report)))
    return pages


def _headline(response: Response, marker: str) -> discord.Embed:
    """The short message in the channel under which the day's thread starts."""
    lines = [escape(response.subtitle)] if response.subtitle else []
    lines.append("The digest is in the thread below.")
    embed = discord.Embed(
        title=clip(escape(response.title), 256), description="\n".join(lines), colour=COLOUR_OK
    )
    embed.set_footer(text=f"store {response.store_version} · {marker}")
    return embed
