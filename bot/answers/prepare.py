"""What the first asks of a served store would otherwise build, built before anyone asks."""

from __future__ import annotations

from bot.answers.compose import briefed
from bot.answers.digest import SUMMARY_MAX
from bot.records.served import BRIEF_MAX
from bot.store.facts import FactStore


def prepare(store: FactStore) -> None:
    """Build the lazy parts of answering: names by their consonants (a misspelt name's
    first ask, about 0.2 s at 100k facts), the search's numpy, and the facts each topic
    without a lead is briefed by (about 15 ms a topic at 100k). The bot runs it off the
    event loop when it starts serving and before a reloaded store is served."""
    for names in (store.actor_names, store.topic_names, store.source_names):
        names.prepare()
    store.fact_search.prepare()
    for topic in store.topics.values():
        if not topic.lead:
            briefed(store, topic, BRIEF_MAX)
            if topic is store.overview:
                briefed(store, topic, SUMMARY_MAX)
