"""``briefbot sync`` registers the commands globally, through discord.py's real login."""

from __future__ import annotations

import asyncio
from pathlib import Path

import discord
import pytest

from bot.chat.runner import sync_commands
from bot.reading.loader import load_store
from bot.settings import Secret
from testkit.fakediscord.fake import FakeDiscord, OpenApi
from tests.discord.conftest import bot_settings


async def test_briefbot_sync_registers_every_command_globally(
    openapi: OpenApi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeDiscord(openapi)
    url = await fake.start()
    monkeypatch.setattr(discord.http.Route, "BASE", url + "/api/v10")
    settings = bot_settings(tmp_path, guild_ids=(), discord_token=Secret("a-token"))
    store = load_store(settings.knowledge_dir, settings.seeds_dir)
    try:
        status = await asyncio.to_thread(sync_commands, settings, store)
    finally:
        await fake.stop()
    assert status == 0
    [put] = [r for r in fake.requests if r.method == "PUT"]
    assert put.path == "/applications/100000000000000001/commands"
    assert {c["name"] for c in put.body} >= {"brief", "actor", "digest", "reload"}
    assert fake.schema_problems == []
    recorded = settings.db.with_name(settings.db.name + ".commands-sha256")
    assert recorded.exists()  # so the next start skips an unchanged global sync
