"""Who speaks for whom: the curated ``speaks_for`` relation, followed with ``part_of``.

What an adviser, envoy, minister or anonymous diplomat said counts as said on behalf of the
bodies they speak for, and of every body those belong to (an adviser to the Trump
administration speaks for the United States). Pure functions over the store's actors.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.records.served import Actor
from bot.store.facts import FactStore


def speaks_for_problems(actors: Mapping[str, Actor]) -> list[tuple[str, str]]:
    """(actor id, message) for each ``speaks_for`` that names no actor or the actor itself.

    For the loader's validation, beside its other reference checks on actors.
    """
    problems = []
    for actor in actors.values():
        for target in actor.speaks_for:
            if target == actor.id:
                problems.append((actor.id, "'speaks_for' names the actor itself"))
            elif target not in actors:
                problems.append((actor.id, f"'speaks_for' names unknown actor '{target}'"))
    return problems


def voices(store: FactStore, actor_id: str) -> frozenset[str]:
    """Every actor whose words count as ``actor_id``'s: itself, the bodies within it, and
    those who speak for any of them (and the bodies within those)."""
    inside = (actor_id, *store.parts.get(actor_id, ()))
    found = set(inside)
    for body in inside:
        for other in store.spokespeople.get(body, ()):
            found.update((other, *store.parts.get(other, ())))
    return frozenset(found)
