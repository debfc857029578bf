from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import discord
import pytest
import yarl

from bot.chat.client import BriefBot, create_bot
from bot.settings import Settings
from testkit.fakediscord import payloads
from testkit.fakediscord.fake import (
    ALICE,
    CURATORS_ROLE,
    GUILD_ID,
    FakeDiscord,
    Interaction,
    OpenApi,
)
from tests.conftest import StoreCopy

SETTLE_TIMEOUT = 10.0


@pytest.fixture(scope="session")
def openapi() -> OpenApi:
    return OpenApi()


class Harness:
    def __init__(self, fake: FakeDiscord, bot: BriefBot, store: StoreCopy) -> None:
        self.fake = fake
        self.bot = bot
        self.store = store
        """The store files this bot serves: tests may edit them, then reload."""
        self.expected_failures: set[int] = set()
        """HTTP statuses a test provokes on purpose; any other 4xx/5xx fails it."""

    async def settle(self, state: Interaction | None = None) -> None:
        """Wait until the bot has answered ``state`` and finished all command work."""
        deadline = asyncio.get_running_loop().time() + SETTLE_TIMEOUT
        while state is not None and state.callback_type is None:
            assert asyncio.get_running_loop().time() < deadline, "the bot never answered"
            await asyncio.sleep(0.005)
        while True:
            busy = [
                t
                for t in asyncio.all_tasks()
                if not t.done()
                and (
                    t.get_name().startswith(
                        (
                            "CommandTree-invoker",
                            "discord-ui-view-dispatch",
                            "discord-ui-modal-dispatch",
                            "discord.py: on_interaction",
                            "discord-ui-dynamic-item",
                            "discord.py: interaction",
                        )
                    )
                )
            ]
            if not busy:
                return
            assert asyncio.get_running_loop().time() < deadline, f"still busy: {busy}"
            await asyncio.wait(busy, timeout=0.5)

    async def command(
        self, name: str, options: dict[str, Any] | None = None, *, age: float = 0.0, **kwargs: Any
    ) -> Interaction:
        state = await self.fake.interact(payloads.slash(name, options, **kwargs), age=age)
        await self.settle(state)
        return state

    async def autocomplete(
        self,
        name: str,
        options: dict[str, Any],
        focused: str,
        subcommand: str | None = None,
    ) -> list[dict[str, Any]]:
        payload = payloads.autocomplete(name, options, focused, subcommand=subcommand)
        state = await self.fake.interact(payload)
        await self.settle(state)
        assert state.callback_type == 8, state.callback_body
        choices: list[dict[str, Any]] = state.callback_body["data"]["choices"]
        return choices

    async def press(
        self, message: dict[str, Any], label: str, who: dict[str, Any] = ALICE
    ) -> Interaction:
        custom_id = next(
            c["custom_id"]
            for row in message["components"]
            for c in row["components"]
            if c.get("label", "").startswith(label) or c.get("label", "").endswith(label)
        )
        state = await self.fake.interact(payloads.button(message, custom_id, who=who))
        await self.settle(state)
        return state


def bot_settings(tmp_path: Path, **overrides: Any) -> Settings:
    store = StoreCopy(tmp_path / "store")
    values: dict[str, Any] = {
        "knowledge_dir": store.knowledge,
        "seeds_dir": store.seeds,
        "db": tmp_path / "state.sqlite3",
        "guild_ids": (int(GUILD_ID),),
        "admin_role_ids": (int(CURATORS_ROLE),),
    }
    return Settings(**(values | overrides))


@pytest.fixture
async def harness(
    openapi: OpenApi,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> AsyncIterator[Harness]:
    async with serving(openapi, bot_settings(tmp_path), monkeypatch, caplog) as running:
        yield running


@asynccontextmanager
async def serving(
    openapi: OpenApi,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> AsyncIterator[Harness]:
    """The real bot with ``settings`` against a strict fake; fails on any logged exception,
    schema problem, unexpected refusal or leaked token."""
    fake = FakeDiscord(openapi)
    url = await fake.start()
    point_discord_at(monkeypatch, url)
    caplog.set_level(logging.INFO)
    bot = create_bot(settings, guild_ready_timeout=0.05)
    runner = asyncio.create_task(bot.start("fake-token"))
    await asyncio.wait_for(bot.wait_until_ready(), 10)
    fake_harness = Harness(fake, bot, StoreCopy.existing(settings.knowledge_dir.parent))
    try:
        yield fake_harness
    finally:
        await bot.close()
        await asyncio.wait_for(runner, 10)
        await fake.stop()
    crashes = [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    assert not crashes, "\n".join(r.getMessage() for r in crashes)
    assert fake.schema_problems == []
    refused = [
        (r.method, r.path, r.status)
        for r in fake.requests
        if r.status >= 400 and r.status not in fake_harness.expected_failures
    ]
    assert not refused, refused
    assert "fake-token" not in caplog.text


def slow_actor(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    """Make /actor's query take ``seconds`` (it runs in a thread, so the loop stays free)."""
    from bot.answers import queries

    real = queries.actor

    def slow(store: Any, name: str) -> Any:
        time.sleep(seconds)
        return real(store, name)

    monkeypatch.setattr(queries, "actor", slow)


def point_discord_at(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    """Send discord.py's REST calls and gateway connection to the fake at ``url``."""
    monkeypatch.setattr(discord.http.Route, "BASE", url + "/api/v10")
    monkeypatch.setattr(
        discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(url + "/gateway")
    )
