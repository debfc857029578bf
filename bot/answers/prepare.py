"""What the first asks of a served store would otherwise build, built before anyone asks."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from bot.answers.compose import briefed
from bot.answers.digest import SUMMARY_MAX
from bot.answers.queries import descriptions, looking_ahead
from bot.records.served import BRIEF_MAX
from bot.store.facts import FactStore


def prepare(store: FactStore) -> None:
    """Build the lazy parts of answering (see :func:`steps`), all at once: a reload does,
    in its thread, before the new store is served."""
    for step in steps(store):
        step()


def steps(store: FactStore) -> list[Callable[[], object]]:
    """The lazy parts of answering, each a step of at most about a quarter of a second at
    100k facts: names by their consonants (a misspelt name's first ask), the search's
    numpy and document numbers, the facts that look ahead ("what next"), the speakers' descriptions
    ("a Malian diplomat"), and the facts
    each topic without a lead is briefed by (about 15 ms a topic). The bot runs them one
    by one when it starts serving, each when no acknowledgement is on its way."""
    found: list[Callable[[], object]] = [
        names.prepare for names in (store.actor_names, store.topic_names, store.source_names)
    ]
    found.append(store.fact_search.prepare)
    found.append(partial(looking_ahead, store))
    found.append(partial(descriptions, store))
    for topic in store.topics.values():
        if not topic.lead:
            found.append(partial(briefed, store, topic, BRIEF_MAX))
            if topic is store.overview:
                found.append(partial(briefed, store, topic, SUMMARY_MAX))
    return found
