"""A reload keeps the event loop responsive: threads switch every millisecond meanwhile."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import bot.reload as reload_module
from bot.reload import Reloader, load_warm
from bot.responsive import SWITCH_INTERVAL
from bot.state import State
from bot.store.facts import FactStore
from bot.store.holder import StoreHolder
from tests.conftest import StoreCopy


async def test_threads_switch_often_during_a_reload_and_as_before_after(
    copy: StoreCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[float] = []
    real_load, real_dismantle = reload_module.load_warm, FactStore.dismantle

    def load(*args: object) -> FactStore:
        seen.append(sys.getswitchinterval())
        return real_load(*args)  # type: ignore[arg-type]

    def dismantle(self: FactStore) -> None:
        seen.append(sys.getswitchinterval())
        real_dismantle(self)

    monkeypatch.setattr(reload_module, "load_warm", load)
    monkeypatch.setattr(FactStore, "dismantle", dismantle)
    usual = sys.getswitchinterval()
    async with await State.open(tmp_path / "s.sqlite3") as state:
        reloader = Reloader(
            StoreHolder(load_warm(copy.knowledge, copy.seeds)), state, copy.knowledge, copy.seeds
        )
        reloader.retire_after = 0.0
        assert (await reloader.reload(by="test")).ok
        assert sys.getswitchinterval() == usual
        await reloader.close()
        copy.write("knowledge/broken.yaml", "facts: [")
        assert not (await reloader.reload(by="test")).ok  # refused: restored all the same
    assert sys.getswitchinterval() == usual
    assert seen == [SWITCH_INTERVAL] * 3  # two loads and the retired store's freeing
