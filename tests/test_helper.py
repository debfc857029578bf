"""A cold load shares its reading with a helper process: the same store, the same
problems, whatever the helper does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import generate
from bot.store import helper, loader, parsing
from bot.store.diff import snapshot
from bot.store.errors import StoreInvalid
from bot.store.loader import load_store
from tests.conftest import StoreCopy


@pytest.fixture
def helped(monkeypatch: pytest.MonkeyPatch) -> list[helper.Helper | None]:
    """Every load helps however small its files; the helpers started, in order."""
    started: list[helper.Helper | None] = []
    start = helper.Helper.start.__func__  # type: ignore[attr-defined]

    def recording(cls: type[helper.Helper], *args: Any) -> helper.Helper | None:
        found = start(cls, *args)
        started.append(found)
        return found

    monkeypatch.setattr(helper, "HELP_FROM_BYTES", 0)
    monkeypatch.setattr(helper.Helper, "start", classmethod(recording))
    return started


def _parsed_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Files this process parses (not those it finds in the cache)."""
    parsed: list[str] = []
    parse = parsing._parse_yaml

    def counting(collected: Any, rel: str, *args: Any, **kwargs: Any) -> Any:
        parsed.append(rel)
        return parse(collected, rel, *args, **kwargs)

    monkeypatch.setattr(parsing, "_parse_yaml", counting)
    return parsed


def test_a_cold_load_with_a_helper_is_the_same_store(
    tmp_path: Path, helped: list[helper.Helper | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    generate(tmp_path, 600, seed=4)
    knowledge, seeds = tmp_path / "knowledge", tmp_path / "seeds"
    alone = load_store(knowledge, seeds)
    parsed = _parsed_here(monkeypatch)
    shared = load_store(knowledge, seeds, cache_dir=tmp_path / "cache")
    assert snapshot(shared) == snapshot(alone) and shared.version == alone.version
    (started,) = helped
    assert started is not None and started.process.returncode == 0
    articles, knowledge_files = len(list(seeds.glob("*.md"))), len(list(knowledge.rglob("*.yaml")))
    # the helper read the last knowledge files: this process found them in the cache;
    # the articles, cached together, are all read here
    assert articles < len(parsed) == started.first < articles + knowledge_files
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == knowledge_files
    assert len(list((tmp_path / "cache").glob("*.seeds"))) == 1


def test_a_restart_on_a_warm_cache_starts_no_helper(
    tmp_path: Path, helped: list[helper.Helper | None]
) -> None:
    copy = StoreCopy(tmp_path / "store")
    load_store(copy.knowledge, copy.seeds, cache_dir=tmp_path / "cache")
    load_store(copy.knowledge, copy.seeds, cache_dir=tmp_path / "cache")
    assert helped[0] is not None and helped[1] is None


def test_problems_are_the_same_with_a_helper(
    tmp_path: Path, helped: list[helper.Helper | None]
) -> None:
    """Problems in the helper's files, one depending on a file this process reads (a
    duplicate id): reported exactly as a load without a cache reports them."""
    copy = StoreCopy(tmp_path / "store")
    actors = (copy.knowledge / "actors.yaml").read_text(encoding="utf-8")
    first = actors[actors.index("  - id: united-states") :]
    copy.write("knowledge/zz-again.yaml", "actors:\n" + first[: first.index("\n\n")] + "\n")
    copy.write("knowledge/zz-broken.yaml", "facts: [unclosed\n")
    copy.write("knowledge/zz-invalid.yaml", "actors:\n  - id: us-again\n    name: 7\n")
    with pytest.raises(StoreInvalid) as alone:
        load_store(copy.knowledge, copy.seeds)
    with pytest.raises(StoreInvalid) as shared:
        load_store(copy.knowledge, copy.seeds, cache_dir=tmp_path / "cache")
    assert helped[0] is not None and helped[0].first < 9  # it read some of the files
    assert shared.value.problems == alone.value.problems
    assert any("duplicate" in p.message for p in alone.value.problems)


@pytest.mark.parametrize("executable", ["/bin/false", "/nonexistent/python"])
def test_a_helper_that_fails_or_cannot_start_changes_nothing(
    tmp_path: Path,
    helped: list[helper.Helper | None],
    monkeypatch: pytest.MonkeyPatch,
    executable: str,
) -> None:
    copy = StoreCopy(tmp_path / "store")
    alone = load_store(copy.knowledge, copy.seeds)
    monkeypatch.setattr(sys, "executable", executable)
    shared = load_store(copy.knowledge, copy.seeds, cache_dir=tmp_path / "cache")
    assert snapshot(shared) == snapshot(alone)


def test_the_helper_is_not_given_the_discord_token(
    tmp_path: Path, helped: list[helper.Helper | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[dict[str, str]] = []

    class Recording(subprocess.Popen[bytes]):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            seen.append(kwargs["env"])
            super().__init__(*args, **kwargs)

    monkeypatch.setenv("DISCORD_TOKEN", "a-secret-token")
    monkeypatch.setattr(subprocess, "Popen", Recording)
    copy = StoreCopy(tmp_path / "store")
    load_store(copy.knowledge, copy.seeds, cache_dir=tmp_path / "cache")
    assert seen and all("DISCORD_TOKEN" not in env for env in seen)
    assert all("a-secret-token" not in value for env in seen for value in env.values())


def test_a_load_that_fails_before_the_helpers_files_ends_the_helper(
    tmp_path: Path, helped: list[helper.Helper | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    generate(tmp_path, 300, seed=6)

    def failing(*args: Any) -> None:
        raise RuntimeError("a bug while reading")

    monkeypatch.setattr(loader, "_read_seed", failing)
    with pytest.raises(RuntimeError):
        load_store(tmp_path / "knowledge", tmp_path / "seeds", cache_dir=tmp_path / "cache")
    (started,) = helped
    assert started is not None and started.process.returncode is not None
