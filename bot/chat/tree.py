"""The command tree: turns every failure into a clear, ephemeral answer."""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from bot.chat.embeds import render_error
from bot.chat.replies import send
from bot.store.errors import BriefbotError
from bot.store.response import Response

log = logging.getLogger(__name__)


class BriefTree(app_commands.CommandTree[discord.Client]):
    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        cause = domain_error(error)
        name = interaction.command.qualified_name if interaction.command else "?"
        if cause is not None:
            version = getattr(getattr(interaction.client, "stores", None), "current", None)
            response = Response.failure(name, cause, version.version if version else "?")
        elif isinstance(error, app_commands.TransformerError):
            response = Response.failure(name, BriefbotError(_bad_value(error)), "?")
        elif isinstance(error, app_commands.CheckFailure):
            message = str(error) or "You are not allowed to use this command."
            response = Response.failure(name, BriefbotError(message), "?")
        else:
            log.error("/%s failed", name, exc_info=error)
            response = Response.failure(
                name, BriefbotError("Something went wrong on our side; it has been logged."), "?"
            )
        try:
            await send(interaction, embed=render_error(response), ephemeral=True)
        except discord.HTTPException as exc:
            log.warning("could not report an error for /%s: %s", name, exc)


def domain_error(error: BaseException) -> BriefbotError | None:
    """The domain failure behind a discord.py wrapper, if that is what this is."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, BriefbotError):
            return seen
        seen = getattr(seen, "original", None) or seen.__cause__
    return None


def _bad_value(error: app_commands.TransformerError) -> str:
    transformer = error.transformer
    limits = [
        f"{label} {value}"
        for label, value in (
            ("at least", transformer.min_value),
            ("at most", transformer.max_value),
        )
        if value is not None
    ]
    rule = f" (it must be {' and '.join(limits)} characters long)" if limits else ""
    return f"That value is not accepted for this option{rule}."
