"""The answers' lazy parts, built before anyone asks (bot/answers/prepare.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.answers import compose, queries
from bot.answers.prepare import prepare
from bot.reading.loader import load_store
from bot.serving.holder import StoreHolder
from bot.serving.reload import Reloader
from bot.state import State
from bot.store.facts import FactStore
from tests.conftest import StoreCopy


def _built(store: FactStore) -> bool:
    chosen = compose._BRIEFED.get(store, {})
    return all(
        names._by_consonants is not None
        for names in (store.actor_names, store.topic_names, store.source_names)
    ) and all((t.id, compose.BRIEF_MAX) in chosen for t in store.topics.values() if not t.lead)


def test_prepared_a_store_answers_as_it_would_unprepared(copy: StoreCopy) -> None:
    cold, warm = copy.load(), copy.load()
    assert not _built(warm)
    prepare(warm)
    assert _built(warm) and "numpy" in sys.modules
    for ask in (
        lambda s: queries.brief(s),
        lambda s: queries.actor(s, "Abdulaye Dop"),  # a slip: the consonants' index
        lambda s: queries.search(s, "democracy condition"),
        *(lambda s, t=t: queries.brief(s, t) for t in cold.topics),
    ):
        assert ask(warm) == ask(cold)


async def test_a_reloaded_store_is_prepared_before_it_is_served(
    copy: StoreCopy, tmp_path: Path
) -> None:
    holder = StoreHolder(load_store(copy.knowledge, copy.seeds))
    seen: list[tuple[FactStore, FactStore]] = []
    async with await State.open(tmp_path / "s.sqlite3") as state:
        reloader = Reloader(holder, state, copy.knowledge, copy.seeds)

        def prepared(store: FactStore) -> None:
            seen.append((store, holder.current))
            prepare(store)

        reloader.prepare = prepared
        copy.write("knowledge/facts/zz-new.yaml", "facts: []\n")
        outcome = await reloader.reload(by="test")
        await reloader.close()
    assert outcome.ok, outcome.problems[:3]
    [(new, served_then)] = seen
    assert holder.current is new and served_then is not new
    assert _built(new)
