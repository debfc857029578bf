"""Running the bot on Discord from the command line (needs DISCORD_TOKEN)."""

from __future__ import annotations

import asyncio
import logging
import sys

import aiohttp
import discord

from bot.chat.client import BriefBot
from bot.serving.holder import StoreHolder
from bot.settings import Settings
from bot.state import StateError
from bot.state.lock import holder
from bot.store.facts import FactStore, limit_arenas

log = logging.getLogger(__name__)


def _token(settings: Settings) -> str:
    assert settings.discord_token is not None
    return settings.discord_token.get_secret_value()


def run_discord(settings: Settings, store: FactStore) -> int:
    """Connect and serve until stopped (SIGTERM or SIGINT stop it cleanly); sync commands
    to dev guilds at start. Refused at once while another bot serves the same database."""
    other = holder(settings.db)
    if other is not None:
        print(
            f"Cannot start: another briefbot (pid {other.pid}) is using the database "
            f"{settings.db}; one bot per database: stop that one first.",
            file=sys.stderr,
        )
        return 2
    limit_arenas()
    bot = BriefBot(settings, StoreHolder(store))
    try:
        bot.run(_token(settings), log_handler=None)
    except (aiohttp.ClientConnectionError, TimeoutError) as exc:
        print(f"Cannot reach Discord ({unreachable(exc)}): check the network.", file=sys.stderr)
        return 3
    except discord.LoginFailure:
        print("Discord refused the token: check DISCORD_TOKEN.", file=sys.stderr)
        return 2
    except discord.PrivilegedIntentsRequired:
        print("Discord refused an intent the bot asked for.", file=sys.stderr)
        return 2
    except StateError as exc:
        print(f"Cannot start: {exc}.", file=sys.stderr)
        return 2
    return 0


def unreachable(exc: BaseException) -> str:
    """Why Discord could not be reached, in a few words."""
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def sync_commands(settings: Settings, store: FactStore) -> int:
    """Register the slash commands now (to BRIEFBOT_GUILD_IDS, else globally)."""

    async def go() -> list[str]:
        bot = BriefBot(settings, StoreHolder(store), sync_on_start=False)
        async with bot:
            await bot.login(_token(settings))  # runs setup_hook: the cogs are added
            return await bot.sync_commands()

    try:
        for line in asyncio.run(go()):
            print(line)
    except discord.LoginFailure:
        print("Discord refused the token: check DISCORD_TOKEN.", file=sys.stderr)
        return 2
    except (aiohttp.ClientConnectionError, TimeoutError) as exc:
        print(f"Cannot reach Discord ({unreachable(exc)}): check the network.", file=sys.stderr)
        return 3
    except StateError as exc:
        print(f"Cannot sync: {exc}.", file=sys.stderr)
        return 2
    return 0
