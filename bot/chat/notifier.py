"""Follow alerts on Discord: after a reload, one cited message to each follower, once.

A follower is a person (by DM) or a channel. What they get is everything about what they
follow that changed since their last alert (the digest's change records), so an alert that
failed is made good by the next one. Each alert is claimed per follower and store version
before sending; closed DMs and deleted channels mark the follower unreachable until they
follow again. Alerts go out one at a time, ``PACE`` apart, never mentioning anyone.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Callable
from contextlib import AbstractContextManager

import aiohttp
import discord

from bot.answers.alerts import Followed, alert
from bot.answers.digest import Change
from bot.answers.response import Response
from bot.chat.embeds import render
from bot.chat.paging import sources_view
from bot.chat.poster import send_page
from bot.chat.reports import report_value
from bot.state import Follow, State, StoreVersion
from bot.store.facts import FactStore

PACE = 0.25
"""Seconds between two alerts: at most four a second, far below Discord's global limit."""
PAGES_MAX = 3
"""Pages of one alert; an alert is short by design (five facts per followed item)."""

log = logging.getLogger(__name__)


class _Gone(Exception):
    """The follower's channel is not one the bot can post in any more."""


def user_follower(user_id: int) -> str:
    return f"user:{user_id}"


def channel_follower(channel_id: int) -> str:
    return f"channel:{channel_id}"


class FollowNotifier:
    def __init__(
        self,
        client: discord.Client,
        state: State,
        lease: Callable[[], AbstractContextManager[FactStore]],
        pace: float = PACE,
    ) -> None:
        self.client = client
        self.state = state
        self.lease = lease
        self.pace = pace

    async def on_version(self, version: StoreVersion) -> dict[str, str]:
        """Alert every follower something they follow changed for; what happened to each."""
        grouped: dict[str, list[Follow]] = defaultdict(list)
        for follow in await self.state.follows():
            grouped[follow.follower].append(follow)
        outcomes: dict[str, str] = {}
        for follower, follows in grouped.items():
            try:
                outcomes[follower] = await self._one(follower, follows, version)
            except Exception:  # one follower's failure never stops the others' alerts
                log.exception("follow alert to %s failed", follower)
                outcomes[follower] = "error: logged"
            if outcomes[follower].startswith("sent"):
                await asyncio.sleep(self.pace)
        return outcomes

    async def _one(self, follower: str, follows: list[Follow], version: StoreVersion) -> str:
        info = await self.state.follower(follower)
        if info is not None and info.status == "unreachable":
            return f"skipped: {info.reason}"
        seen = info.seen_version if info is not None else version.id - 1
        changes = [
            Change.model_validate({"kind": kind, "record_id": record, "change": change})
            for kind, record, change in await self.state.changes_after(seen)
        ]
        following = [Followed(f.kind, f.target) for f in follows]
        with self.lease() as store:
            response = await asyncio.to_thread(alert, store, changes, following)
        if response is None:
            return "nothing new"
        if not await self.state.claim_alert(follower, version.id):
            return "already sent"
        return await self._send(follower, version.id, response)

    async def _send(self, follower: str, version_id: int, response: Response) -> str:
        kind, _, raw = follower.partition(":")
        first: int | None = None
        try:
            channel: object
            if kind == "user":
                channel = await self.client.create_dm(discord.Object(int(raw)))
            else:
                channel = self.client.get_channel(int(raw)) or await self.client.fetch_channel(
                    int(raw)
                )
            if not isinstance(channel, discord.abc.Messageable):
                raise _Gone
            for number, page in enumerate(render(response)[:PAGES_MAX]):
                report = report_value(response.store_version, "(follow alert)")
                view = sources_view(page, response.citations, report)
                message = await send_page(channel, page.embed, view, f"f{version_id}-{number}")
                first = first or message.id
        except discord.Forbidden as exc:
            reason = "direct messages are closed" if kind == "user" else "the bot may not post"
            await self._failed(follower, version_id, f"{reason} ({exc.text or exc.status})", True)
            return f"unreachable: {reason}"
        except _Gone:
            reason = "the channel takes no messages (a forum or voice channel)"
            await self._failed(follower, version_id, reason, True)
            return f"unreachable: {reason}"
        except (discord.NotFound, ValueError):
            await self._failed(follower, version_id, "the channel no longer exists", True)
            return "unreachable: gone"
        except (discord.HTTPException, aiohttp.ClientError, TimeoutError) as exc:
            await self._failed(follower, version_id, f"Discord failed: {exc}", False)
            return "failed: sent with the next alert"
        await self.state.finish_alert(follower, version_id, message_id=first)
        return "sent"

    async def _failed(self, follower: str, version_id: int, reason: str, gone: bool) -> None:
        log.warning("follow alert to %s failed: %s", follower, reason)
        await self.state.finish_alert(follower, version_id, failure=reason, unreachable=gone)
