"""One task that sleeps until the next due digest, posts it once, and never loses a day.

Posting is exactly once: a (subscription, local date) row is claimed in the database
before anything is sent, and every message carries a nonce made from that day, which
Discord enforces for a few minutes. A day left claimed but unconfirmed (a crash between
sending and recording, or a transient failure) is resumed: the channel's recent messages
are checked for that day's digest first, and only if it is not there is it sent again,
with the same nonce. After downtime a missed digest is posted once, marked late, within
:data:`GRACE`, and recorded as missed after it. Transient failures (Discord's 5xx, time-
outs) are retried with growing delays within the grace window and never count against a
channel. A channel that is gone or forbids posting marks its subscription failing, never
stops the others, is retried the next day and is paused after :data:`PAUSE_AFTER` days.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from typing import Protocol

from bot.answers.digest import Change, digest, has_news
from bot.answers.response import Response
from bot.scheduling.due import (
    GRACE,
    Decision,
    around,
    decide,
    next_due_after,
    parse_local_time,
    zone,
)
from bot.state import DigestPost, State, Subscription
from bot.store.facts import FactStore

log = logging.getLogger(__name__)

PAUSE_AFTER = 3
"""Consecutive failed days after which a subscription is paused."""
MAX_SLEEP = timedelta(hours=1)
"""Wake at least this often, so a changed system clock or suspend is noticed."""


RETRY_FIRST = timedelta(minutes=1)
RETRY_MAX = timedelta(minutes=30)
"""Delays between retries after transient failures: doubling from the first to the max."""
RESUME_AFTER = timedelta(minutes=2)
"""A day this run claimed this long ago and still unconfirmed was interrupted: resume it.
A day an earlier run left claimed is resumed at the first pass (one bot per database:
nothing else can be posting it)."""


class ChannelUnavailable(Exception):
    """The channel is gone, or the bot may not post there: the reason is shown to admins."""


class TransientFailure(Exception):
    """Discord failed for now (5xx, a timeout, a lost connection): try again later."""


class Poster(Protocol):
    async def post(
        self, channel_id: int, response: Response, marker: str, *, thread: str | None = None
    ) -> int:
        """Post the digest, tagged with ``marker`` (its nonces: the marker and the channel);
        return the first message id. :class:`ChannelUnavailable` or :class:`TransientFailure`
        on failure.

        With ``thread`` (its name) the digest goes in a thread under a headline, or is a
        forum post; posting again finishes what an interrupted post left, without repeats.
        """

    async def find(self, channel_id: int, marker: str) -> int | None:
        """The id of a recent message of the bot's tagged ``marker``, if there is one."""


def marker(subscription: Subscription, local_date: str) -> str:
    """What tags one day's digest for one subscription, in its footers; the nonces of its
    pages are made from it and the channel (a later subscription may reuse the id)."""
    return f"d{subscription.id}-{local_date.replace('-', '')}"


def thread_name(subscription: Subscription, local_date: str) -> str | None:
    """The name of the day's thread, for subscriptions that post in threads."""
    return f"Digest {local_date}" if subscription.thread else None


class Clock(Protocol):
    def now(self) -> datetime: ...

    async def sleep_until(self, when: datetime, wake: asyncio.Event) -> None: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    async def sleep_until(self, when: datetime, wake: asyncio.Event) -> None:
        delay = min((when - self.now()).total_seconds(), MAX_SLEEP.total_seconds())
        if delay <= 0:
            return
        try:
            await asyncio.wait_for(wake.wait(), timeout=delay)
        except TimeoutError:
            return


class DigestScheduler:
    def __init__(
        self,
        state: State,
        poster: Poster,
        lease: Callable[[], AbstractContextManager[FactStore]],
        clock: Clock | None = None,
        grace: timedelta = GRACE,
    ) -> None:
        self.state = state
        self.poster = poster
        self.lease = lease
        """The store to compose from, kept whole while a digest is composed and posted."""
        self.clock = clock or SystemClock()
        self.grace = grace
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()
        self._retry: dict[tuple[int, str], tuple[datetime, timedelta]] = {}
        """(subscription, local date) -> when to try again, and the delay after that."""
        self._claimed: set[int] = set()
        """Posts this run claimed; any other post left ``posting`` is a crash's."""
        self._resume_at: list[datetime] = []
        """When days this run claimed and left unconfirmed are due to be resumed."""

    # --- lifecycle -------------------------------------------------------------------

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name="digest-scheduler")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def reschedule(self) -> None:
        """Subscriptions changed: recompute the next wake-up now."""
        self._wake.set()

    async def _run(self) -> None:
        while True:
            try:
                wake_at = await self.tick()
            except Exception:
                log.exception("digest scheduler pass failed; retrying in a minute")
                wake_at = self.clock.now() + timedelta(minutes=1)
            self._wake.clear()
            await self.clock.sleep_until(wake_at, self._wake)

    # --- one pass ----------------------------------------------------------------------

    async def tick(self) -> datetime:
        """Post everything due now; return when the next digest is due."""
        async with self._lock:
            now = self.clock.now()
            self._resume_at = []
            subscriptions = [s for s in await self.state.subscriptions() if s.status != "paused"]
            for subscription in subscriptions:
                try:
                    await self._catch_up(subscription, now)
                except Exception:
                    log.exception("digest for channel %d failed", subscription.channel_id)
            upcoming = [
                next_due_after(now, parse_local_time(s.local_time), zone(s.timezone)).at
                for s in subscriptions
            ]
            upcoming += [at for at, _ in self._retry.values()] + self._resume_at
            return min(upcoming, default=now + MAX_SLEEP)

    async def _catch_up(self, subscription: Subscription, now: datetime) -> None:
        created = datetime.fromisoformat(subscription.created_at)
        tz = zone(subscription.timezone)
        for due in around(now, parse_local_time(subscription.local_time), tz):
            decision = decide(now, due, self.grace)
            if decision is Decision.WAIT or due.at < created:
                continue
            local_date = due.local_date.isoformat()
            existing = await self.state.post_on(subscription.id, local_date)
            if existing is not None:
                if existing.status == "posting":
                    await self._resume(subscription, existing, local_date, now, decision)
                continue
            if decision is Decision.MISSED:
                await self.state.skip_post(
                    subscription.id, local_date, "missed: the bot was offline past the grace window"
                )
                log.warning(
                    "missed the %s digest for channel %d", local_date, subscription.channel_id
                )
                continue
            await self.send(subscription, local_date, late=decision is Decision.POST_LATE)

    async def send(self, subscription: Subscription, local_date: str, *, late: bool) -> str:
        """Compose and post one digest for one local date; return what happened."""
        with self.lease() as store:
            changes = await self._changes(subscription)
            if subscription.skip_when_quiet and not has_news(changes):
                await self.state.skip_post(subscription.id, local_date, "no new developments")
                return "skipped: no new developments"
            post = await self.state.claim_post(
                subscription.id, local_date, late=late, store_version=store.version
            )
            if post is None:
                return "already posted"
            self._claimed.add(post.id)
            response = digest(store, changes, late=late)
        return await self._deliver(subscription, post, local_date, response)

    async def _resume(
        self,
        subscription: Subscription,
        post: DigestPost,
        local_date: str,
        now: datetime,
        decision: Decision,
    ) -> None:
        """Finish a day that was claimed but never confirmed, without posting it twice."""
        key = (subscription.id, local_date)
        retry = self._retry.get(key)
        if retry is not None and now < retry[0]:
            return
        resume_at = datetime.fromisoformat(post.at) + RESUME_AFTER
        if retry is None and post.id in self._claimed and now < resume_at:
            self._resume_at.append(resume_at)  # this run's, just interrupted: a moment
            return
        if decision is Decision.MISSED:
            self._retry.pop(key, None)
            await self.state.fail_post(post.id, "gave up: Discord kept failing past the grace")
            log.warning("gave up the %s digest for channel %d", local_date, subscription.channel_id)
            return
        found = None
        if not subscription.thread:  # a thread post resumes itself, page by page
            try:
                found = await self.poster.find(
                    subscription.channel_id, marker(subscription, local_date)
                )
            except (TransientFailure, ChannelUnavailable):
                found = None
        if found is not None:
            self._retry.pop(key, None)
            await self.state.finish_post(post.id, message_id=found)
            log.info(
                "the %s digest for channel %d was already posted",
                local_date,
                subscription.channel_id,
            )
            return
        with self.lease() as store:
            changes = await self._changes(subscription)
            response = digest(store, changes, late=post.late)
        await self._deliver(subscription, post, local_date, response)

    async def _deliver(
        self, subscription: Subscription, post: DigestPost, local_date: str, response: Response
    ) -> str:
        key = (subscription.id, local_date)
        try:
            message_id = await self.poster.post(
                subscription.channel_id,
                response,
                marker(subscription, local_date),
                thread=thread_name(subscription, local_date),
            )
        except TransientFailure as exc:
            _, delay = self._retry.get(key, (None, RETRY_FIRST))
            self._retry[key] = (self.clock.now() + delay, min(delay * 2, RETRY_MAX))
            log.warning(
                "digest for channel %d hit a transient failure (%s); retrying in %s",
                subscription.channel_id,
                exc,
                delay,
            )
            return f"retrying: {exc}"
        except ChannelUnavailable as exc:
            self._retry.pop(key, None)
            await self.state.fail_post(post.id, str(exc))
            updated = await self.state.record_failure(subscription.id, str(exc), PAUSE_AFTER)
            log.warning(
                "digest for channel %d failed (%s): %s",
                subscription.channel_id,
                updated.status,
                exc,
            )
            return f"failed: {exc}"
        except Exception as exc:
            await self.state.fail_post(post.id, f"error: {exc}")
            await self.state.record_failure(subscription.id, f"error: {exc}", PAUSE_AFTER)
            raise
        self._retry.pop(key, None)
        await self.state.finish_post(post.id, message_id=message_id)
        if subscription.status != "active":
            await self.state.record_success(subscription.id)
        log.info(
            "posted the %s digest to channel %d%s",
            local_date,
            subscription.channel_id,
            " (late)" if post.late else "",
        )
        return "posted"

    async def _changes(self, subscription: Subscription) -> list[Change]:
        last = await self.state.last_posted(subscription.id)
        since = last.at if last else subscription.created_at
        return [
            Change(kind=c.kind, record_id=c.record_id, change=c.change)
            for c in await self.state.changes_since(since)
        ]

    async def preview(self, subscription: Subscription | None) -> Response:
        changes = await self._changes(subscription) if subscription else []
        with self.lease() as store:
            return digest(store, changes)
