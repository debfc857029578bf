"""The command tree: every failure and every payload it cannot serve gets a clear answer.

Errors become one ephemeral message. Payloads Discord sends while the synced commands are
older than the bot (a command, subcommand or option that no longer exists, a missing
required option, autocomplete on an option without it) are answered politely and logged
as a WARNING, never a traceback.
"""

from __future__ import annotations

import logging
from typing import Any, TypeVar

import discord
from discord import app_commands

from bot.answers.response import Response
from bot.chat.embeds import render_error
from bot.chat.replies import send
from bot.records.errors import BriefbotError
from bot.state import StateError

log = logging.getLogger(__name__)

E = TypeVar("E", bound=BaseException)

GUILD_ONLY = "/{name} works only in a server: run it in one of the server's channels."
CHANGED = (
    "This command has changed since Discord last refreshed it; Discord will update it "
    "shortly. Try again in a minute, or type the command anew."
)


class BriefTree(app_commands.CommandTree[discord.Client]):
    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """A server's command sent from a DM gets a plain answer; autocomplete only for
        options that have it: anything else gets no choices."""
        data: dict[str, Any] = dict(interaction.data or {})
        if interaction.type is discord.InteractionType.application_command:
            return await self._in_place(interaction, data)
        if interaction.type is not discord.InteractionType.autocomplete:
            return True
        command, options = self._current(data)
        focused = next((o["name"] for o in options if o.get("focused")), None)
        parameter = command.get_parameter(focused) if command and focused else None
        if parameter is not None and parameter.autocomplete:
            return True
        name = data.get("name", "?")
        log.warning("autocomplete for /%s option %r, which has none: no choices", name, focused)
        try:
            await interaction.response.autocomplete([])
        except discord.HTTPException as exc:
            log.warning("could not answer an autocomplete: %s", exc)
        return False

    async def _in_place(self, interaction: discord.Interaction, data: dict[str, Any]) -> bool:
        """``False``, having answered, for a ``guild_only`` command sent outside a server
        (a DM payload: Discord's UI hides such commands there, a stale client may not)."""
        command, _ = self._current(data)
        if interaction.guild_id is not None or command is None or not _guild_only(command):
            return True
        name = command.qualified_name
        log.info("/%s sent from outside a server: refused politely", name)
        stores = getattr(interaction.client, "stores", None)
        version = stores.current.version if stores is not None else "?"
        error = BriefbotError(GUILD_ONLY.format(name=name))
        try:
            await send(
                interaction,
                embed=render_error(Response.failure(name, error, version)),
                ephemeral=True,
            )
        except discord.HTTPException as exc:
            log.warning("could not answer /%s from outside a server: %s", name, exc)
        return False

    def _current(
        self, data: dict[str, Any]
    ) -> tuple[app_commands.Command[Any, ..., Any] | None, list[dict[str, Any]]]:
        """The command a payload names as the bot has it now, and the payload's options."""
        guild_id = data.get("guild_id")
        guild = discord.Object(id=int(guild_id)) if guild_id else None
        found: Any = self.get_command(str(data.get("name", "")), guild=guild) or self.get_command(
            str(data.get("name", ""))
        )
        options: list[dict[str, Any]] = list(data.get("options") or [])
        while isinstance(found, app_commands.Group):
            nested = next((o for o in options if o.get("type") in (1, 2)), None)
            if nested is None:
                return None, options
            found = found.get_command(str(nested.get("name", "")))
            options = list(nested.get("options") or [])
        return (found if isinstance(found, app_commands.Command) else None), options

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        cause = domain_error(error)
        name = interaction.command.qualified_name if interaction.command else _named(interaction)
        version = getattr(getattr(interaction.client, "stores", None), "current", None)
        stamp = version.version if version else "?"
        broken = _caused_by(error, StateError)
        if cause is not None:
            response = Response.failure(name, cause, stamp)
        elif broken is not None:  # the state layer logged it; the user is told plainly
            said = str(broken)
            message = f"{said[:1].upper()}{said[1:]}. Nothing was changed; an admin can see why."
            response = Response.failure(name, BriefbotError(message), stamp)
        elif isinstance(
            error, app_commands.CommandNotFound | app_commands.CommandSignatureMismatch
        ):
            log.warning("/%s: a payload for a command the bot no longer has: %s", name, error)
            response = Response.failure(name, BriefbotError(CHANGED), stamp)
        elif isinstance(error, app_commands.TransformerError):
            response = Response.failure(name, BriefbotError(_bad_value(error)), stamp)
        elif isinstance(error, app_commands.CheckFailure):
            message = str(error) or "You are not allowed to use this command."
            response = Response.failure(name, BriefbotError(message), stamp)
        else:
            log.error("/%s failed", name, exc_info=error)
            response = Response.failure(
                name, BriefbotError("Something went wrong on our side; it has been logged."), stamp
            )
        if interaction.type is discord.InteractionType.autocomplete:
            return  # interaction_check answered it; nothing can be shown there
        try:
            await send(interaction, embed=render_error(response), ephemeral=True)
        except discord.HTTPException as exc:
            log.warning("could not report an error for /%s: %s", name, exc)


def _guild_only(command: app_commands.Command[Any, ..., Any]) -> bool:
    found: Any = command
    while found is not None:
        if getattr(found, "guild_only", False):
            return True
        found = found.parent
    return False


def _named(interaction: discord.Interaction) -> str:
    data: dict[str, Any] = dict(interaction.data or {})
    return str(data.get("name", "?"))


def domain_error(error: BaseException) -> BriefbotError | None:
    """The domain failure behind a discord.py wrapper, if that is what this is."""
    return _caused_by(error, BriefbotError)


def _caused_by(error: BaseException, kind: type[E]) -> E | None:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, kind):
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
