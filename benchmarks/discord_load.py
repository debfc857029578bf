"""The real bot against the fake Discord in another process: bursts and mass digests."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import discord
import yarl

from benchmarks.stats import percentile
from bot.chat.client import create_bot
from bot.scheduling.scheduler import DigestScheduler
from bot.settings import Settings
from testkit.clock import ManualClock

ROOT = Path(__file__).resolve().parents[1]
GUILD_ID = 200000000000000001


async def measure(
    knowledge: Path,
    seeds: Path,
    cache: Path,
    actor: str,
    interactions: int = 500,
    subscriptions: int = 1000,
) -> dict[str, Any]:
    server = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.fake_server"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        discord.http.Route.BASE = url + "/api/v10"
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url + "/gateway")
        with tempfile.TemporaryDirectory() as tmp:
            settings = Settings(
                knowledge_dir=knowledge,
                seeds_dir=seeds,
                db=Path(tmp) / "state.sqlite3",
                guild_ids=(GUILD_ID,),
                cache_dir=cache,
            )
            bot = create_bot(settings, guild_ready_timeout=0.05)
            runner = asyncio.create_task(bot.start("bench-token"))
            await asyncio.wait_for(bot.wait_until_ready(), 120)
            ready = time.perf_counter()
            await bot.prepared  # steady serving: a burst in the first second waits on it
            preparing = round(time.perf_counter() - ready, 2)
            try:
                async with aiohttp.ClientSession(url) as http:
                    burst = await _burst(http, actor, interactions)
                    digests = await _digests(bot, http, subscriptions)
            finally:
                await bot.close()
                await runner
    finally:
        server.terminate()
        server.wait(timeout=10)
    return {"burst": burst, "digests": digests, "prepared_after_ready_s": preparing}


async def _burst(http: aiohttp.ClientSession, actor: str, count: int) -> dict[str, Any]:
    await http.post(
        "/_bench/burst", json={"command": "actor", "options": {"name": actor}, "count": count}
    )
    deadline = time.monotonic() + 60
    while True:
        data = await (await http.get("/_bench/acks")).json()
        if len(data["answered_ms"]) >= count or time.monotonic() > deadline:
            break
        await asyncio.sleep(0.05)
    acks: list[float] = data["acknowledged_ms"]
    answers: list[float] = data["answered_ms"]
    return {
        "count": count,
        "acknowledged": len(acks),
        "p50_ms": round(percentile(acks, 50), 1),
        "p99_ms": round(percentile(acks, 99), 1),
        "max_ms": round(max(acks), 1) if acks else None,
        "answered": len(answers),
        "answer_p50_ms": round(percentile(answers, 50), 1),
        "answer_p99_ms": round(percentile(answers, 99), 1),
    }


async def _digests(bot: Any, http: aiohttp.ClientSession, count: int) -> dict[str, Any]:
    ids = [700000000000000000 + n for n in range(count)]
    await http.post("/_bench/channels", json={"ids": ids})
    for channel_id in ids:
        await bot.state.add_subscription(
            guild_id=GUILD_ID,
            channel_id=channel_id,
            local_time="08:00",
            timezone="UTC",
            created_by=1,
        )
    due = datetime.now(UTC).replace(hour=8, minute=0, second=30) + timedelta(days=1)
    scheduler = DigestScheduler(bot.state, bot.poster, bot.stores.lease, clock=ManualClock(due))
    start = time.perf_counter()
    await scheduler.tick()
    elapsed = time.perf_counter() - start
    posted = await (await http.get("/_bench/posts")).json()
    return {"subscriptions": count, "posted_channels": len(posted), "seconds": round(elapsed, 2)}
