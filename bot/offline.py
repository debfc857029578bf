"""``briefbot diff`` and ``briefbot digest``: what the running bot would do, without it."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

from bot.settings import Settings
from bot.state import State
from bot.store.diff import KINDS, diff, snapshot
from bot.store.digest import Change, digest
from bot.store.facts import FactStore
from bot.textrender import render


def print_diff(settings: Settings, store: FactStore) -> int:
    """Compare the files with the last version the bot recorded; change nothing."""
    if not settings.db.exists():
        print(
            f"No database at {settings.db}: no version was ever loaded, so every record "
            f"would be new ({', '.join(f'{n} {k}' for k, n in store.counts().items())})."
        )
        return 0

    async def known() -> tuple[dict[str, dict[str, str]], str | None]:
        async with await State.open(settings.db) as state:
            versions = await state.versions(limit=1)
            return await state.known_snapshot(), versions[0].version if versions else None

    before, version = asyncio.run(known())
    changes = diff(before, snapshot(store))
    print(f"Files: store {store.version}; last loaded: {version or 'none'}.")
    print(f"A reload would change: {changes.summary()}.")
    for kind in KINDS:
        part = getattr(changes, kind)
        for label, ids in (("+", part.added), ("~", part.changed), ("-", part.removed)):
            for record_id in ids:
                print(f"  {label} {kind[:-1]} {record_id}")
    return 0


def print_digest(settings: Settings, store: FactStore, *, since: str | None, as_json: bool) -> int:
    start = since or (datetime.now(UTC) - timedelta(days=1)).isoformat(timespec="seconds")

    async def changes() -> list[Change]:
        if not settings.db.exists():
            return []
        async with await State.open(settings.db) as state:
            return [
                Change(kind=c.kind, record_id=c.record_id, change=c.change)
                for c in await state.changes_since(start)
            ]

    response = digest(store, asyncio.run(changes()))
    if not settings.db.exists():  # never "no new developments" when nothing was compared
        response = response.model_copy(
            update={
                "title": "Daily briefing: no baseline to compare with",
                "notes": (
                    f"No baseline: {settings.db} does not exist (the bot never ran with it), "
                    "so what is new since the last digest cannot be told. Point BRIEFBOT_DB "
                    "at the bot's database to compare.",
                    *response.notes,
                ),
            }
        )
    if as_json:
        print(json.dumps(response.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        print(render(response))
    return 0
