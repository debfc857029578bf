"""A read-only database, and stores kept whole while a query still reads them."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.serving.health import check_health
from bot.serving.holder import StoreHolder
from bot.settings import Settings
from bot.state import State, StateError
from bot.store.facts import FactStore
from tests.conftest import small_filesystem


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A small filesystem holding a real database, then remounted read-only."""
    with small_filesystem(tmp_path / "ro", "4m") as folder:
        yield folder


async def test_a_read_only_database_is_a_clear_error_and_unhealthy(read_only_folder: Path) -> None:
    db = read_only_folder / "state.sqlite3"
    async with await State.open(db):
        pass
    subprocess.run(["mount", "-o", "remount,ro", str(read_only_folder)], check=True)
    with pytest.raises(StateError, match=r"cannot be used|cannot be written"):
        await State.open(db)
    settings = Settings(db=db)
    problems = [p for p in check_health(settings) if "database" in p]
    assert problems and str(db) in problems[0]


def test_a_replaced_store_is_freed_only_when_its_last_query_ends(store: FactStore) -> None:
    holder = StoreHolder(store)
    freed: list[FactStore] = []
    with holder.lease() as running:
        holder.swap(object())  # type: ignore[arg-type]
        holder.retire(running, freed.append)
        assert freed == []  # a query still reads it
        with holder.lease():
            pass  # a new query takes the new store
        assert freed == []
    assert freed == [running]
    holder.retire(object(), freed.append)  # type: ignore[arg-type]
    assert len(freed) == 2  # nothing used it: freed at once
