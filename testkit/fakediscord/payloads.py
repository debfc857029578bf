"""Discord-shaped INTERACTION_CREATE payloads."""

from __future__ import annotations

import secrets
from typing import Any

from testkit.fakediscord.fake import (
    ALICE,
    APPLICATION_ID,
    CHANNEL_ID,
    EVERYDAY,
    GUILD_ID,
    guild,
    snowflake,
)
from testkit.fakediscord.limits import submission_problems

STRING, INTEGER, BOOLEAN, CHANNEL = 3, 4, 5, 7


class ChannelRef(str):
    """A channel option's value (a channel id), resolved like Discord does."""


def _base(
    kind: int, data: dict[str, Any], who: dict[str, Any], permissions: int, roles: list[str]
) -> dict[str, Any]:
    channel = next(c for c in guild()["channels"] if c["id"] == CHANNEL_ID)
    return {
        "id": snowflake(),
        "application_id": APPLICATION_ID,
        "type": kind,
        "data": data,
        "guild_id": GUILD_ID,
        "channel_id": CHANNEL_ID,
        "channel": channel,
        "member": {
            "user": who,
            "roles": roles,
            "permissions": str(permissions),
            "joined_at": "2026-01-01T00:00:00+00:00",
            "deaf": False,
            "mute": False,
            "flags": 0,
            "nick": None,
            "avatar": None,
            "pending": False,
        },
        "token": secrets.token_urlsafe(24),
        "version": 1,
        "app_permissions": str(EVERYDAY),
        "locale": "en-GB",
        "guild_locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": {"0": GUILD_ID},
        "context": 0,
        "attachment_size_limit": 26214400,
    }


def options_payload(options: dict[str, Any], focused: str | None = None) -> list[dict[str, Any]]:
    out = []
    for name, value in options.items():
        kind = (
            CHANNEL
            if isinstance(value, ChannelRef)
            else BOOLEAN
            if isinstance(value, bool)
            else INTEGER
            if isinstance(value, int)
            else STRING
        )
        option = {"name": name, "type": kind, "value": value}
        if name == focused:
            option["focused"] = True
        out.append(option)
    return out


def slash(
    name: str,
    options: dict[str, Any] | None = None,
    *,
    who: dict[str, Any] = ALICE,
    permissions: int = EVERYDAY,
    roles: list[str] | None = None,
    subcommand: str | None = None,
    resolved: dict[str, Any] | None = None,
) -> dict[str, Any]:
    opts = options_payload(options or {})
    channels = {
        str(v): next(c for c in guild()["channels"] if c["id"] == v)
        for v in (options or {}).values()
        if isinstance(v, ChannelRef)
    }
    if channels:
        resolved = {
            **(resolved or {}),
            "channels": {
                k: {
                    "id": c["id"],
                    "name": c["name"],
                    "type": c["type"],
                    "permissions": str(EVERYDAY),
                    "guild_id": GUILD_ID,
                    "parent_id": None,
                    "flags": 0,
                }
                for k, c in channels.items()
            },
        }
    if subcommand:
        opts = [{"name": subcommand, "type": 1, "options": opts}]
    data: dict[str, Any] = {
        "id": snowflake(),
        "name": name,
        "type": 1,
        "options": opts,
        "guild_id": GUILD_ID,
    }
    if resolved:
        data["resolved"] = resolved
    return _base(2, data, who, permissions, roles or [])


def autocomplete(
    name: str,
    options: dict[str, Any],
    focused: str,
    *,
    who: dict[str, Any] = ALICE,
    subcommand: str | None = None,
) -> dict[str, Any]:
    opts = options_payload(options, focused)
    if subcommand:
        opts = [{"name": subcommand, "type": 1, "options": opts}]
    data = {"id": snowflake(), "name": name, "type": 1, "guild_id": GUILD_ID, "options": opts}
    return _base(4, data, who, EVERYDAY, [])


def button(
    message: dict[str, Any], custom_id: str, *, who: dict[str, Any] = ALICE
) -> dict[str, Any]:
    payload = _base(3, {"custom_id": custom_id, "component_type": 2}, who, EVERYDAY, [])
    payload["message"] = message
    return payload


def choose(
    message: dict[str, Any], custom_id: str, values: list[str], *, who: dict[str, Any] = ALICE
) -> dict[str, Any]:
    """A choice in a string select menu (component type 3)."""
    data = {"custom_id": custom_id, "component_type": 3, "values": values}
    payload = _base(3, data, who, EVERYDAY, [])
    payload["message"] = message
    return payload


def in_dm(payload: dict[str, Any], who: dict[str, Any] = ALICE) -> dict[str, Any]:
    """The same interaction sent from the bot's DM with ``who``, as Discord shapes it: no
    guild, a ``user`` instead of a ``member``, a DM channel (type 1), context 1 (BOT_DM)."""
    dm = dict(payload)
    for key in ("guild_id", "member", "guild_locale"):
        dm.pop(key, None)
    dm["data"] = {k: v for k, v in payload["data"].items() if k != "guild_id"}
    channel_id = snowflake()
    dm |= {
        "user": who,
        "channel_id": channel_id,
        "channel": {
            "id": channel_id,
            "type": 1,
            "last_message_id": None,
            "flags": 0,
            "recipients": [who],
        },
        "context": 1,
        "authorizing_integration_owners": {"0": GUILD_ID},
    }
    return dm


def submit(
    opened: dict[str, Any],
    values: dict[str, str],
    *,
    message: dict[str, Any] | None = None,
    who: dict[str, Any] = ALICE,
) -> dict[str, Any]:
    """A MODAL_SUBMIT (interaction type 5) of the form ``opened`` (the bot's callback data),
    filled in with ``values``; Discord sends the message when a component opened the form.
    Refuses what Discord's client would not submit (``limits.submission_problems``)."""
    problems = submission_problems(opened, values)
    assert not problems, problems
    rows = [
        {"type": 1, "components": [{"type": 4, "custom_id": name, "value": value}]}
        for name, value in values.items()
    ]
    payload = _base(5, {"custom_id": opened["custom_id"], "components": rows}, who, EVERYDAY, [])
    if message is not None:
        payload["message"] = message
    return payload
