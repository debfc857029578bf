"""``briefbot diff`` and ``briefbot digest``: what the running bot would do, without it."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

from bot.answers.digest import Change, digest
from bot.console.render import render
from bot.serving.baseline import load as load_baseline
from bot.settings import Settings
from bot.state import State
from bot.store.diff import KINDS, StoreDiff, diff, snapshot
from bot.store.facts import FactStore


def print_diff(settings: Settings, store: FactStore, baseline: str | None = None) -> int:
    """Compare the files with a baseline (named, else the bot's database); change nothing."""
    if baseline is not None:
        base = load_baseline(baseline, settings.knowledge_dir, settings.seeds_dir)
        before, label = base.records, base.label
    elif settings.db.exists():
        before, version = asyncio.run(_known(settings))
        label = f"the bot's last loaded store ({version or 'none'})"
    else:
        print(
            f"No baseline: there is no database at {settings.db} and none was named, so "
            "nothing can be compared. Name one with --baseline FILE (from briefbot "
            "snapshot) or --baseline git:REV."
        )
        return 2
    changes = diff(before, snapshot(store))
    print(f"Files: store {store.version}; compared with {label}.")
    print(f"Changes: {changes.summary()}.")
    for kind in KINDS:
        part = getattr(changes, kind)
        for mark, ids in (("+", part.added), ("~", part.changed), ("-", part.removed)):
            for record_id in ids:
                print(f"  {mark} {kind[:-1]} {record_id}{_marked(store, kind, record_id)}")
    return 0


def _marked(store: FactStore, kind: str, record_id: str) -> str:
    """' (retracted)' or ' (corrected)' for a fact that now is: a change said as such."""
    fact = store.all_facts.get(record_id) if kind == "facts" else None
    if fact is None:
        return ""
    return " (retracted)" if fact.retracted else " (corrected)" if fact.corrected else ""


async def _known(settings: Settings) -> tuple[dict[str, dict[str, str]], str | None]:
    async with await State.open(settings.db, lock=False) as state:
        versions = await state.versions(limit=1)
        return await state.known_snapshot(), versions[0].version if versions else None


def print_digest(
    settings: Settings,
    store: FactStore,
    *,
    since: str | None,
    as_json: bool,
    baseline: str | None = None,
) -> int:
    start = since or (datetime.now(UTC) - timedelta(days=1)).isoformat(timespec="seconds")

    async def recorded() -> list[Change]:
        async with await State.open(settings.db, lock=False) as state:
            return [
                Change(kind=c.kind, record_id=c.record_id, change=c.change)
                for c in await state.changes_since(start)
            ]

    note = None
    if baseline is not None:
        base = load_baseline(baseline, settings.knowledge_dir, settings.seeds_dir)
        changes = _as_changes(diff(base.records, snapshot(store)))
        note = f"Compared with {base.label}."
    elif settings.db.exists():
        changes = asyncio.run(recorded())
    else:
        changes = []
    response = digest(store, changes)
    if baseline is None and not settings.db.exists():  # never "no new developments" blind
        response = response.replace(
            title="Daily briefing: no baseline to compare with",
            notes=(
                f"No baseline: {settings.db} does not exist and none was named, so what "
                "is new cannot be told. Name one with --baseline FILE (from briefbot "
                "snapshot) or --baseline git:REV.",
                *response.notes,
            ),
        )
    elif note:
        response = response.replace(notes=(note, *response.notes))
    if as_json:
        print(json.dumps(response.plain(), ensure_ascii=False, indent=2))
    else:
        print(render(response))
    return 0


def _as_changes(changes: StoreDiff) -> list[Change]:
    out = []
    for kind in KINDS:
        part = getattr(changes, kind)
        for label, ids in (
            ("added", part.added),
            ("changed", part.changed),
            ("removed", part.removed),
        ):
            out += [Change(kind=kind, record_id=i, change=label) for i in ids]
    return out
