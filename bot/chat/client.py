"""Build the Discord bot: ``create_bot()`` wires settings, the store and the cogs."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import signal
from pathlib import Path
from typing import Any

import aiohttp
import discord
from discord.ext import commands

from bot.answers.prepare import prepare, steps
from bot.chat.notifier import FollowNotifier
from bot.chat.paging import EXPIRED, Pager
from bot.chat.poster import ChannelPoster
from bot.chat.reports import file_report, is_report_form
from bot.chat.sources import SourcesMenu
from bot.chat.tree import BriefTree
from bot.chat.turns import Turns
from bot.scheduling.scheduler import Clock, DigestScheduler
from bot.serving.holder import StoreHolder
from bot.serving.lastgood import load_for_serving
from bot.serving.reload import Reloader
from bot.settings import Settings
from bot.state import State, StoreVersion
from bot.store.diff import snapshot
from bot.store.facts import FactStore, keep_out_of_collections, limit_arenas

log = logging.getLogger(__name__)

QUERY_THREADS = 2
"""Queries run in at most this many threads, so the event loop keeps the GIL enough to
acknowledge a burst of interactions within Discord's 3 seconds."""
ACKNOWLEDGING_FIRST = 0.5
"""Seconds a query waits for acknowledgements on their way to be sent before it runs."""
HTTP_CONNECTIONS = 32
"""Connections to Discord's API kept open and reused: a burst of 500 interactions opens
no more than these (discord.py's default opens one per request in flight)."""
EXTENSIONS = tuple(
    f"bot.chat.cogs.{name}"
    for name in ("briefing", "profiles", "meta", "digests", "admin", "follows", "reports")
)
"""The cogs, each loaded as an extension (its module's ``setup``): no cog is imported here,
so the cogs may name :class:`BriefBot` in their types without an import circle."""


class BriefBot(commands.Bot):
    """The bot: slash commands only, no message content, no mentions."""

    def __init__(
        self,
        settings: Settings,
        stores: StoreHolder,
        *,
        sync_on_start: bool = True,
        clock: Clock | None = None,
        **options: Any,
    ) -> None:
        intents = discord.Intents.none()
        intents.guilds = True
        options.setdefault("intents", intents)
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            tree_cls=BriefTree,
            allowed_mentions=discord.AllowedMentions.none(),
            **options,
        )
        self.settings = settings
        self.stores = stores
        self.sync_on_start = sync_on_start
        self.clock = clock
        self.poster = ChannelPoster(self)
        self.turns = Turns(QUERY_THREADS, patience=ACKNOWLEDGING_FIRST)
        self._background: set[asyncio.Task[object]] = set()
        self._closing: asyncio.Task[None] | None = None

    async def login(self, token: str) -> None:
        self.http.connector = aiohttp.TCPConnector(limit=HTTP_CONNECTIONS)
        await super().login(token)

    async def setup_hook(self) -> None:
        store = self.stores.current
        self.state = await State.open(self.settings.db)
        if abandoned := await self.state.abandon_alerts():
            log.warning(
                "%d follow alert(s) interrupted by the last stop: sent with the next", abandoned
            )
        counts = store.counts()
        restarted = await self.state.record_restart(
            version=store.version, loaded_by="startup", counts=counts
        )
        records = None
        if not restarted:  # new files since the last run: record what changed
            records = await asyncio.to_thread(snapshot, store)
            await self.state.record_version(
                version=store.version, loaded_by="startup", counts=counts, snapshot=records
            )
        self.reloader = Reloader(
            self.stores,
            self.state,
            self.settings.knowledge_dir,
            self.settings.seeds_dir,
            cache=self.settings.record_cache,
            last_good=self.settings.last_good,
        )
        if records is not None:  # else the first reload computes it, in its thread
            self.reloader.remember(store, records)
        self.scheduler = DigestScheduler(
            self.state, self.poster, self.stores.lease, clock=self.clock
        )
        self.add_dynamic_items(SourcesMenu)
        self.alerts = FollowNotifier(self, self.state, self.stores.lease)
        self.reloader.after_reload = self._alert_followers
        self.reloader.prepare = prepare
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        self._watch = asyncio.create_task(self.state.watch(), name="database-watch")
        self._watch.add_done_callback(self._background_done)
        self._handle_signals()
        keep_out_of_collections(collect=True)  # the store, set up: before serving
        self.prepared: asyncio.Task[object] = asyncio.create_task(
            self._prepared(store), name="prepare-answers"
        )
        self._background.add(self.prepared)
        self.prepared.add_done_callback(self._background_done)
        if not self.sync_on_start:
            return
        if self.settings.guild_ids or self._command_set_changed():
            await self.sync_commands()
        else:
            log.info("command set unchanged since the last global sync; not syncing")

    async def _prepared(self, store: FactStore) -> None:
        """The answers' lazy parts, built in a thread while the bot already serves (a
        restart serves in about 2 s at 100k facts; this takes about 1 s more)."""
        for step in steps(store):  # each in its turn: a burst is acknowledged first
            await self.turns.run(step, background=True)
        keep_out_of_collections()

    def command_set_hash(self) -> str:
        payload = [command.to_dict(self.tree) for command in self.tree.get_commands()]
        encoded = json.dumps(payload, sort_keys=True, default=str).encode()
        return hashlib.sha256(encoded).hexdigest()

    @property
    def _sync_record(self) -> Path:
        return self.settings.db.with_name(self.settings.db.name + ".commands-sha256")

    def _command_set_changed(self) -> bool:
        try:
            return self._sync_record.read_text().strip() != self.command_set_hash()
        except OSError:
            return True

    async def sync_commands(self) -> list[str]:
        """Sync to the configured guilds at once, or globally when there are none."""
        synced = []
        if self.settings.guild_ids:
            for guild_id in self.settings.guild_ids:
                guild = discord.Object(id=guild_id)
                self.tree.copy_global_to(guild=guild)
                commands_synced = await self.tree.sync(guild=guild)
                log.info("synced %d commands to guild %d", len(commands_synced), guild_id)
                synced.append(f"guild {guild_id}: {len(commands_synced)} commands")
        else:
            commands_synced = await self.tree.sync()
            log.info("synced %d commands globally", len(commands_synced))
            try:
                self._sync_record.write_text(self.command_set_hash() + "\n")
            except OSError as exc:
                log.warning("could not record the global sync: %s", exc)
            synced.append(f"global: {len(commands_synced)} commands")
        return synced

    def _handle_signals(self) -> None:
        """SIGHUP reloads; SIGTERM (``docker stop``) and SIGINT stop cleanly: work in
        flight finished or abandoned, the database checkpointed and closed."""
        try:
            self.loop.add_signal_handler(signal.SIGHUP, self._sighup)
            for stop in (signal.SIGTERM, signal.SIGINT):
                self.loop.add_signal_handler(stop, self._stop, stop.name)
        except (NotImplementedError, RuntimeError, AttributeError):  # Windows, or not main
            log.info("signal handling (SIGHUP reloads, clean SIGTERM) is not available here")

    def _stop(self, name: str) -> None:
        log.info("%s received: stopping", name)
        if self._closing is None:
            self._closing = asyncio.ensure_future(self._close_once())

    def _sighup(self) -> None:
        log.info("SIGHUP received: reloading the store")
        task: asyncio.Task[object] = asyncio.create_task(self.reloader.reload(by="SIGHUP"))
        self._background.add(task)
        task.add_done_callback(self._background_done)

    async def _alert_followers(self, version: StoreVersion) -> None:
        """After a reload: alert followers in the background (the reload answers at once)."""
        task: asyncio.Task[object] = asyncio.create_task(
            self.alerts.on_version(version), name="follow-alerts"
        )
        self._background.add(task)
        task.add_done_callback(self._background_done)

    def _background_done(self, task: asyncio.Task[object]) -> None:
        """Forget a finished background task, logging how it failed if it did."""
        self._background.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("background task %s failed", task.get_name(), exc_info=task.exception())

    async def close(self) -> None:
        """Stop everything once: a second call (discord.py makes one) waits for the first."""
        if self._closing is None:
            self._closing = asyncio.ensure_future(self._close_once())
        await asyncio.shield(self._closing)

    async def _close_once(self) -> None:
        if hasattr(self, "_watch"):
            self._watch.cancel()
        if hasattr(self, "scheduler"):
            await self.scheduler.stop()
        while self._background:  # a SIGHUP reload still writing, the alerts it started
            await asyncio.gather(*list(self._background), return_exceptions=True)
        if hasattr(self, "reloader"):
            self.reloader.abandon()
        await super().close()
        if hasattr(self, "state"):
            await self.state.close()

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """A report form's submission: filed (whether or not the form outlived a restart).
        A button no live view owns (expired pages, a forged id): say so, privately."""
        if is_report_form(interaction):
            await file_report(interaction)
            return
        if interaction.type is not discord.InteractionType.component:
            return
        data: dict[str, Any] = dict(interaction.data or {})
        custom_id = str(data.get("custom_id", ""))
        if Pager.handles(custom_id) or interaction.response.is_done():
            return
        # routine: pages expire, and every restart forgets the live ones
        log.info("a press on a button no live view owns (%r)", custom_id[:100])
        try:
            await interaction.response.send_message(
                EXPIRED, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
            )
        except discord.HTTPException as exc:
            log.warning("could not answer a stale button: %s", exc)

    async def on_ready(self) -> None:
        everyone = set(self.settings.admin_role_ids) & {g.id for g in self.guilds}
        if everyone:
            log.error(
                "BRIEFBOT_ADMIN_ROLE_IDS lists %s, a server's own id (its @everyone role): "
                "ignored, or every member would be an admin. Remove it.",
                ", ".join(map(str, sorted(everyone))),
            )
        self.scheduler.start()  # its first pass resumes a digest a crash left half-done
        store = self.stores.current
        counts = ", ".join(f"{n} {name}" for name, n in store.counts().items())
        log.info(
            "ready as %s in %d guild(s); store %s: %s",
            self.user,
            len(self.guilds),
            store.version,
            counts,
        )


def create_bot(settings: Settings | None = None, **client_options: Any) -> BriefBot:
    """The whole bot, store loaded, not connected; settings from the environment if none."""
    settings = settings or Settings.load()
    limit_arenas()
    store, _ = load_for_serving(
        settings.knowledge_dir, settings.seeds_dir, settings.last_good, settings.record_cache
    )
    return BriefBot(settings, StoreHolder(store), **client_options)
