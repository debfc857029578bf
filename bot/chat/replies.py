"""The one place that answers an interaction: first response or follow-up, never twice."""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Callable
from typing import Any

import discord

from bot.answers.response import Response
from bot.chat.embeds import render, render_error
from bot.chat.paging import Pager
from bot.chat.reports import asked, report_value
from bot.chat.turns import Turns
from bot.console.picture import NothingToDraw, Picture, draw_timeline
from bot.records.errors import BriefbotError
from bot.serving.holder import StoreHolder
from bot.store.facts import FactStore

DEFER_AFTER = 1.0
"""Seconds a query may run before the interaction is deferred (Discord allows 3)."""

NO_MENTIONS = discord.AllowedMentions.none()
POSTED_BELOW = "Answered below."
PICTURE_NAME = "timeline.png"
_PRIVATE_DEFERRAL = "briefbot.private_deferral"

log = logging.getLogger(__name__)


async def send(interaction: discord.Interaction, **kwargs: Any) -> discord.Message | None:
    """Send as the initial response if there is none yet, else as a follow-up.

    After a private deferral (:func:`defer_privately`) the first follow-up can only be
    private: Discord keeps the deferral's visibility. A public message then resolves the
    "thinking" note privately, is posted as a fresh follow-up, and the note is removed.
    """
    kwargs.setdefault("allowed_mentions", NO_MENTIONS)
    if not interaction.response.is_done():
        callback = await interaction.response.send_message(**kwargs)
        resource = callback.resource
        return resource if isinstance(resource, discord.Message) else None
    if interaction.extras.pop(_PRIVATE_DEFERRAL, False) and not kwargs.get("ephemeral"):
        await interaction.edit_original_response(content=POSTED_BELOW)
        message = await interaction.followup.send(wait=True, **kwargs)
        try:
            await interaction.delete_original_response()
        except discord.HTTPException as exc:  # the note stays; only the asker sees it
            log.info("could not remove the private note: %s", exc)
        return message
    interaction.extras.pop(_PRIVATE_DEFERRAL, None)
    return await interaction.followup.send(wait=True, **kwargs)


async def defer_privately(interaction: discord.Interaction) -> None:
    """Acknowledge now, visible only to the asker, before knowing what the answer will be."""
    if not interaction.response.is_done():
        turns: Turns = interaction.client.turns  # type: ignore[attr-defined]
        async with turns.acknowledging():
            await interaction.response.defer(ephemeral=True, thinking=True)
        interaction.extras[_PRIVATE_DEFERRAL] = True


async def answer(
    interaction: discord.Interaction,
    compute: Callable[[FactStore], Response],
    *,
    picture: bool = False,
) -> None:
    """Run a query off the event loop on the current store, deferring if it is slow.

    The store is leased until the query is done, so a reload meanwhile never frees it
    under the query. Whether the answer is public (a result) or private (an error) is known
    only once the query ran, so a deferral is always private; see :func:`send`.
    """
    name = interaction.command.name if interaction.command else "?"
    stores: StoreHolder = interaction.client.stores  # type: ignore[attr-defined]
    turns: Turns = interaction.client.turns  # type: ignore[attr-defined]
    if turns.busy:  # acknowledge now, answer in turn
        await defer_privately(interaction)
    with stores.lease() as store:

        def run() -> Response:
            try:
                return compute(store)
            except BriefbotError as error:
                return Response.failure(name, error, store.version)

        task = asyncio.create_task(turns.run(run))
        done, _ = await asyncio.wait({task}, timeout=DEFER_AFTER)
        if not done:
            await defer_privately(interaction)
        response = await task
    if picture and response.ok:
        await defer_privately(interaction)  # drawing takes about a second
        try:
            drawn = await asyncio.to_thread(draw_timeline, response)
        except NothingToDraw as exc:
            response = response.replace(notes=(*response.notes, str(exc)))
        else:
            await send_response(interaction, response, picture=drawn)
            return
    await send_response(interaction, response)


async def send_response(
    interaction: discord.Interaction,
    response: Response,
    *,
    ephemeral: bool = False,
    picture: Picture | None = None,
) -> None:
    """Send a response: errors ephemeral, long answers paged, a picture on the first page."""
    if not response.ok:
        await send(interaction, embed=render_error(response), ephemeral=True)
        return
    extra: dict[str, Any] = {}
    pages = render(response)
    if picture is not None:
        extra["file"] = discord.File(io.BytesIO(picture.png), filename=PICTURE_NAME)
        pages[0].embed.set_image(url=f"attachment://{PICTURE_NAME}")
    report = report_value(response.store_version, asked(interaction))
    pager = Pager(pages, interaction.user.id, response.citations, report=report)
    if not pager.needed:
        pager.stop()
        await send(interaction, embed=pager.embed, ephemeral=ephemeral, **extra)
        return
    message = await send(interaction, embed=pager.embed, view=pager, ephemeral=ephemeral, **extra)
    if isinstance(message, discord.InteractionMessage | discord.WebhookMessage):
        pager.message = message
