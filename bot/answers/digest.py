"""The daily digest: what is new since a channel's last digest, the situation, the latest."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict

from bot.answers.compose import Answer
from bot.answers.response import Item, Response
from bot.store.facts import FactStore

NEW_MAX = 15
SUMMARY_MAX = 5
LATEST_MAX = 5


class Change(BaseModel):
    """One record that changed since the last digest (from the state's history)."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["facts", "actors", "sources", "topics"]
    record_id: str
    change: Literal["added", "changed", "removed"]


def digest(store: FactStore, changes: Iterable[Change], *, late: bool = False) -> Response:
    """Compose a digest; with no changes, a short 'no new developments' with the summary."""
    answer = Answer(store, "digest")
    changes = list(changes)
    new_items = _new_items(answer, changes)
    removed = sum(1 for c in changes if c.kind == "facts" and c.change == "removed")
    shown = new_items[:NEW_MAX]
    answer.section("New since the last digest", shown)
    if len(new_items) > len(shown):
        answer.notes.append(
            f"{len(new_items) - len(shown)} more new or updated entries: "
            "use /search or /timeline to see them."
        )
    if removed:
        answer.notes.append(f"{removed} fact(s) were withdrawn from the store.")
    if store.overview is not None:
        answer.section(store.overview.title, answer.brief(store.overview, SUMMARY_MAX))
    answer.section(
        "Latest on the timeline", (answer.fact(f) for f in reversed(store.timeline[-LATEST_MAX:]))
    )
    if late:
        answer.notes.append("Posted late: the bot was offline at the scheduled time.")
    title = "Daily briefing" if new_items else "Daily briefing: no new developments"
    return answer.response(title)


def has_news(changes: Iterable[Change]) -> bool:
    return any(c.change != "removed" for c in changes)


def _new_items(answer: Answer, changes: list[Change]) -> list[Item]:
    store = answer.store
    items: list[Item] = []
    for change in changes:
        if change.change == "removed":
            continue
        if change.kind == "facts" and change.record_id in store.all_facts:
            items.append(answer.change(store.all_facts[change.record_id], change.change))
        elif change.kind == "actors" and change.record_id in store.actors:
            actor = store.actors[change.record_id]
            cited = actor.role.citations if actor.role else actor.citations
            role = f": {actor.role.text}" if actor.role else f" ({actor.kind})"
            verb = "New actor" if change.change == "added" else "Updated actor"
            items.append(Item(text=f"{verb}: {actor.name}{role}", cites=answer.book.cite(cited)))
        elif change.kind == "sources" and change.record_id in store.sources:
            source = store.sources[change.record_id]
            facts = store.facts_by_source.get(source.id, ())
            own = (c for f in facts for c in store.facts[f].citations if c.source == source.id)
            first = next(own, None)
            if change.change == "added":
                text = f"New source: {source.title} ({len(facts)} facts)"
            else:  # its header changed: a grade, what it repeats, its date or title
                text = f"Updated source: {source.title} ({source.graded})"
            items.append(
                Item(
                    text=text,
                    cites=answer.book.cite([first] if first else []),
                )
            )
    return items
