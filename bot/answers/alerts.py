"""Alerts for followers: what changed about the actors and topics someone follows.

Pure: from the same change records as the digest, one cited answer per follower, grouped
by what they follow, or ``None`` when nothing they follow changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from bot.answers.compose import Answer
from bot.answers.digest import Change
from bot.answers.response import Response
from bot.records.served import Fact
from bot.store.facts import FactStore

ALERT_MAX = 5
"""Facts shown per followed actor or topic; the rest are counted with a hint."""


@dataclass(frozen=True, slots=True)
class Followed:
    kind: Literal["actor", "topic"]
    target: str
    """The actor's or topic's id."""


def name_of(store: FactStore, followed: Followed) -> str | None:
    """The followed actor's name or topic's title, if the store still has it."""
    if followed.kind == "actor":
        actor = store.actors.get(followed.target)
        return actor.name if actor else None
    topic = store.topics.get(followed.target)
    return topic.title if topic else None


def _about(store: FactStore, followed: Followed) -> frozenset[str]:
    index = store.facts_by_actor if followed.kind == "actor" else store.facts_by_topic
    withdrawn = (  # retracted facts are in no index: what they were about is their own
        f.id
        for f in store.retracted.values()
        if followed.target in ((*f.actors, *f.by) if followed.kind == "actor" else f.topics)
    )
    return frozenset((*index.get(followed.target, ()), *withdrawn))


def _edited(fact: Fact) -> bool:
    """A change that is neither a correction nor a retraction (those say so themselves)."""
    return fact.corrected is None and fact.retracted is None


def alert(
    store: FactStore, changes: Iterable[Change], following: Sequence[Followed]
) -> Response | None:
    """New and changed facts about what is followed, cited; ``None`` if there are none."""
    changed = {
        c.record_id: c.change
        for c in changes
        if c.kind == "facts" and c.change != "removed" and c.record_id in store.all_facts
    }
    if not changed:
        return None
    answer = Answer(store, "follow")
    shown: list[str] = []
    covered: set[str] = set()  # a fact about two followed things is shown once
    for followed in following:
        name = name_of(store, followed)
        if name is None:
            continue
        about = _about(store, followed)
        facts: list[Fact] = [store.all_facts[f] for f in changed if f in about and f not in covered]
        if not facts:
            continue
        covered.update(f.id for f in facts)
        facts.sort(key=store.chronological)
        hint = (
            f"/actor {name} shows them all"
            if followed.kind == "actor"
            else f"/brief topic:{name} more:true shows them all"
        )
        answer.facts(
            name,
            facts,
            ALERT_MAX,
            hint,
            latest=True,
            item=lambda fact: answer.change(fact, changed[fact.id]),
        )
        shown.append(name)
    if not shown:
        return None
    if any(changed[f] == "changed" and _edited(store.all_facts[f]) for f in covered):
        answer.notes.append("Some entries were updated, not new: their sources were edited.")
    answer.notes.append("You follow these; /unfollow to stop.")
    return answer.response(f"New on {', '.join(shown)}"[:200])
