"""Who may run admin commands: checked in code, whatever Discord's UI allows."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

if TYPE_CHECKING:
    from bot.chat.client import BriefBot

REFUSAL = "This command is for admins: members with Manage Server or an admin role."


def is_admin(interaction: discord.Interaction) -> bool:
    member = interaction.user
    if not isinstance(member, discord.Member):
        return False
    permissions = interaction.permissions  # as Discord resolved them in the payload
    if permissions.administrator or permissions.manage_guild:
        return True
    client: BriefBot = interaction.client  # type: ignore[assignment]
    # a server's own id is its @everyone role: never an admin role, whatever is configured
    allowed = set(client.settings.admin_role_ids) - {member.guild.id}
    return any(role.id in allowed for role in member.roles)


def same_server(interaction: discord.Interaction, channel: object) -> None:
    """Refuse a channel of another server (a forged or stale payload)."""
    guild = getattr(channel, "guild", None)
    if interaction.guild is None or guild is None or guild.id != interaction.guild.id:
        raise app_commands.CheckFailure("That channel is not in this server.")


async def _admin_predicate(interaction: discord.Interaction) -> bool:
    if not is_admin(interaction):
        raise app_commands.CheckFailure(REFUSAL)
    return True


admin_only = app_commands.check(_admin_predicate)
