"""The digest scheduler in simulated time: one digest per local day, whatever happens."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import nullcontext
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.answers.response import Response
from bot.scheduling.scheduler import (
    PAUSE_AFTER,
    ChannelUnavailable,
    DigestScheduler,
    TransientFailure,
)
from bot.state import State
from bot.store.diff import snapshot
from bot.store.facts import FactStore
from testkit.clock import ManualClock
from tests.conftest import StoreCopy


class FakePoster:
    def __init__(self) -> None:
        self.posts: list[tuple[int, datetime, Response]] = []
        self.broken: dict[int, str] = {}
        self.transient: dict[int, int] = {}
        """Channel -> how many more posts fail transiently."""
        self.markers: list[str] = []
        self.threads: list[str | None] = []
        self.crash_after_send = False
        self.clock: ManualClock | None = None

    async def post(
        self, channel_id: int, response: Response, marker: str, *, thread: str | None = None
    ) -> int:
        self.threads.append(thread)
        if channel_id in self.broken:
            raise ChannelUnavailable(self.broken[channel_id])
        if self.transient.get(channel_id, 0) > 0:
            self.transient[channel_id] -= 1
            raise TransientFailure("503 Service Unavailable")
        assert self.clock is not None
        self.posts.append((channel_id, self.clock.now(), response))
        self.markers.append(marker)
        if self.crash_after_send:
            raise KeyboardInterrupt("the process died after sending, before recording")
        return len(self.posts)

    async def find(self, channel_id: int, marker: str) -> int | None:
        return self.markers.index(marker) + 1 if marker in self.markers else None

    def to(self, channel_id: int) -> list[tuple[datetime, Response]]:
        return [(at, r) for c, at, r in self.posts if c == channel_id]


START = datetime(2026, 3, 25, 0, 0, tzinfo=UTC)


class World:
    def __init__(self, path: Path, store: FactStore) -> None:
        self.path = path
        self.store = store
        self.clock = ManualClock(START)
        self.poster = FakePoster()
        self.poster.clock = self.clock
        self.state: State | None = None
        self.scheduler: DigestScheduler | None = None

    async def boot(self) -> DigestScheduler:
        """Start (or restart) the bot's scheduler against the same database."""
        if self.state is not None:
            await self.state.close()
        self.state = await State.open(self.path, clock=self.clock.now)
        self.scheduler = DigestScheduler(
            self.state, self.poster, lambda: nullcontext(self.store), clock=self.clock
        )
        return self.scheduler

    async def subscribe(
        self, channel: int, local_time: str = "08:00", tz: str = "UTC", quiet: bool = False
    ) -> None:
        assert self.state is not None
        await self.state.add_subscription(
            guild_id=1,
            channel_id=channel,
            local_time=local_time,
            timezone=tz,
            created_by=7,
            skip_when_quiet=quiet,
        )

    async def run_until(self, end: datetime) -> None:
        """Jump from wake-up to wake-up, as the running scheduler would."""
        assert self.scheduler is not None
        while True:
            wake = await self.scheduler.tick()
            if wake > end:
                self.clock.t = end
                await self.scheduler.tick()
                return
            self.clock.t = wake


@pytest.fixture
async def world(tmp_path: Path, store: FactStore) -> AsyncIterator[World]:
    w = World(tmp_path / "state.sqlite3", store)
    await w.boot()
    yield w
    assert w.state is not None
    await w.state.close()


async def test_one_digest_per_local_day_across_dst_in_three_time_zones(world: World) -> None:
    await world.subscribe(1, "08:00", "Europe/London")  # BST starts 29 March
    await world.subscribe(2, "08:00", "America/New_York")  # EDT started 8 March
    await world.subscribe(3, "07:30", "Africa/Bamako")  # no DST
    await world.run_until(START + timedelta(days=7))
    for channel, local_zone in (
        (1, "Europe/London"),
        (2, "America/New_York"),
        (3, "Africa/Bamako"),
    ):
        posts = world.poster.to(channel)
        from zoneinfo import ZoneInfo

        local = [at.astimezone(ZoneInfo(local_zone)) for at, _ in posts]
        dates = [t.date() for t in local]
        assert len(dates) == len(set(dates)) == 7, (channel, dates)
        expected = "07:30" if channel == 3 else "08:00"
        assert {t.strftime("%H:%M") for t in local} == {expected}


async def test_the_scheduler_sleeps_until_the_next_due_digest(world: World) -> None:
    await world.subscribe(1, "08:00", "UTC")
    await world.subscribe(2, "06:15", "Africa/Bamako")
    assert world.scheduler is not None
    assert await world.scheduler.tick() == START.replace(hour=6, minute=15)


async def test_a_restart_in_the_middle_of_the_day_never_posts_twice(world: World) -> None:
    await world.subscribe(1)
    await world.run_until(START.replace(hour=12))
    assert len(world.poster.to(1)) == 1
    await world.boot()  # the process restarts at noon
    await world.run_until(START.replace(hour=13))
    assert len(world.poster.to(1)) == 1
    await world.run_until(START + timedelta(days=1, hours=9))
    assert len(world.poster.to(1)) == 2


async def test_downtime_inside_the_grace_window_posts_once_marked_late(world: World) -> None:
    await world.subscribe(1)
    world.clock.t = START.replace(hour=9, minute=30)  # down from before 08:00 until 09:30
    await world.boot()
    await world.run_until(START.replace(hour=10))
    [(at, response)] = world.poster.to(1)
    assert at == START.replace(hour=9, minute=30)
    assert any("Posted late" in note for note in response.notes)
    assert world.state is not None
    [post] = await world.state.posts(1)
    assert post.late and post.status == "posted"


async def test_downtime_past_the_grace_window_skips_that_day(world: World) -> None:
    await world.subscribe(1)
    world.clock.t = START.replace(hour=12)
    await world.boot()
    await world.run_until(START.replace(hour=13))
    assert world.poster.to(1) == []
    assert world.state is not None
    [post] = await world.state.posts(1)
    assert (post.status, post.local_date) == ("skipped", "2026-03-25")
    assert "missed" in (post.reason or "")
    await world.run_until(START + timedelta(days=1, hours=8, minutes=1))
    assert len(world.poster.to(1)) == 1


async def test_a_forbidden_channel_never_stops_the_others_and_is_paused(world: World) -> None:
    for channel in (1, 2, 3):
        await world.subscribe(channel)
    world.poster.broken[2] = "the bot may not post there (Missing Permissions)"
    await world.run_until(START + timedelta(days=PAUSE_AFTER + 1, hours=9))
    assert len(world.poster.to(1)) == len(world.poster.to(3)) == PAUSE_AFTER + 2
    assert world.poster.to(2) == []
    assert world.state is not None
    failing = await world.state.subscription(2)
    assert failing is not None
    assert failing.status == "paused" and failing.failures == PAUSE_AFTER
    assert failing.failure_reason == "the bot may not post there (Missing Permissions)"
    tried = [p.status for p in await world.state.posts(failing.id)]
    assert tried == ["failed"] * PAUSE_AFTER  # retried each day, then no more


async def test_a_channel_that_recovers_is_active_again(world: World) -> None:
    await world.subscribe(1)
    world.poster.broken[1] = "the channel no longer exists"
    await world.run_until(START.replace(hour=9))
    world.poster.broken.clear()
    await world.run_until(START + timedelta(days=1, hours=9))
    assert world.state is not None
    recovered = await world.state.subscription(1)
    assert recovered is not None and recovered.status == "active"
    assert len(world.poster.to(1)) == 1


async def test_digest_says_what_changed_since_the_last_one(world: World, copy: StoreCopy) -> None:
    assert world.state is not None
    await world.state.record_version(
        version=world.store.version,
        loaded_by="startup",
        counts=world.store.counts(),
        snapshot=snapshot(world.store),
    )
    world.clock.t = START + timedelta(minutes=1)
    await world.subscribe(1)
    await world.run_until(START.replace(hour=9))
    [(_, quiet)] = world.poster.to(1)
    assert quiet.title == "Daily briefing: no new developments"
    assert [s.title for s in quiet.sections] == ["The situation", "Latest on the timeline"]

    copy.write(
        "knowledge/facts/new.yaml",
        (
            "facts:\n  - id: germany-present\n    kind: background\n"
            "    text: Germany continues to maintain a presence in the Sahel.\n"
            "    citations:\n      - source: checker-bamako-visit\n"
            "        quote: countries such as Germany continue to maintain a presence\n"
        ),
    )
    world.store = copy.load()
    world.clock.t = START + timedelta(hours=20)
    await world.state.record_version(
        version=world.store.version,
        loaded_by="alice",
        counts=world.store.counts(),
        snapshot=snapshot(world.store),
    )
    await world.run_until(START + timedelta(days=1, hours=9))
    [_, (_, news)] = world.poster.to(1)
    assert news.title == "Daily briefing"
    new = news.sections[0]
    assert new.title == "New since the last digest"
    assert [i.fact for i in new.items] == ["germany-present"]
    assert new.items[0].cites


async def test_quiet_days_can_be_skipped(world: World) -> None:
    await world.subscribe(1, quiet=True)
    await world.run_until(START.replace(hour=9))
    assert world.poster.to(1) == []
    assert world.state is not None
    [post] = await world.state.posts(1)
    assert (post.status, post.reason) == ("skipped", "no new developments")


async def test_transient_failures_are_retried_and_never_count_against_a_channel(
    world: World,
) -> None:
    await world.subscribe(1)
    world.poster.transient[1] = 4  # Discord fails four times: 1, 2, 4, 8 minutes apart
    await world.run_until(START.replace(hour=9))
    [(at, _)] = world.poster.to(1)
    assert START.replace(hour=8, minute=15) <= at < START.replace(hour=8, minute=30)
    assert world.state is not None
    subscription = await world.state.subscription(1)
    assert subscription is not None
    assert (subscription.status, subscription.failures) == ("active", 0)
    [post] = await world.state.posts(subscription.id)
    assert post.status == "posted"


async def test_a_day_interrupted_after_sending_is_confirmed_not_sent_again(
    world: World,
) -> None:
    await world.subscribe(1)
    world.poster.crash_after_send = True
    with pytest.raises(KeyboardInterrupt):
        await world.run_until(START.replace(hour=9))
    world.poster.crash_after_send = False
    await world.boot()  # the restart
    await world.run_until(START.replace(hour=10))
    assert len(world.poster.to(1)) == 1  # found in the channel, not posted again
    assert world.state is not None
    [post] = await world.state.posts(1)
    assert (post.status, post.message_id) == ("posted", 1)


async def test_a_day_interrupted_before_sending_is_sent_after_a_restart(world: World) -> None:
    await world.subscribe(1)
    world.poster.broken[1] = "unused"
    assert world.state is not None
    sub = await world.state.subscription(1)
    assert sub is not None
    await world.state.claim_post(sub.id, "2026-03-25", late=False, store_version="v")
    world.poster.broken.clear()  # claimed, then the process died before sending
    world.clock.t = START.replace(hour=8, minute=5)
    await world.boot()
    await world.run_until(START.replace(hour=9))
    assert len(world.poster.to(1)) == 1
    [post] = await world.state.posts(sub.id)
    assert post.status == "posted"


async def test_a_digest_a_crash_left_posting_is_resolved_at_the_first_pass(
    world: World,
) -> None:
    """Killed seconds after sending, restarted at once: the first pass after start-up
    confirms it (never an hour later, after the scheduler's longest sleep)."""
    await world.subscribe(1)
    world.clock.t = START.replace(hour=8)
    world.poster.crash_after_send = True
    assert world.scheduler is not None
    with pytest.raises(KeyboardInterrupt):
        await world.scheduler.tick()
    world.poster.crash_after_send = False
    world.clock.t += timedelta(seconds=10)
    scheduler = await world.boot()
    await scheduler.tick()
    assert world.state is not None
    [post] = await world.state.posts(1)
    assert (post.status, post.message_id) == ("posted", 1)
    assert len(world.poster.to(1)) == 1


async def test_a_digest_this_run_left_unconfirmed_wakes_the_scheduler_to_resume_it(
    world: World,
) -> None:
    await world.subscribe(1)
    world.clock.t = START.replace(hour=8)
    world.poster.crash_after_send = True
    assert world.scheduler is not None
    with pytest.raises(KeyboardInterrupt):
        await world.scheduler.tick()  # as if recording the post failed, the run going on
    world.poster.crash_after_send = False
    wake = await world.scheduler.tick()
    assert wake <= world.clock.t + timedelta(minutes=2)  # not tomorrow's digest
