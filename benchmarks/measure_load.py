"""Run in a fresh process: open a store cold (nothing saved), restart on a saved store,
start after an edit made while stopped, or restart and reload after an edit; report time
and RSS."""

from __future__ import annotations

import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.edits import edit_fact
from bot.answers.prepare import prepare
from bot.reading.loader import open_store
from bot.store.diff import snapshot


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def reload(knowledge: Path, seeds: Path, cache: Path) -> None:
    """Restart, then reload after a fact edit as the bot does (lent the served store,
    snapshots compared), the old store released: the process's peak RSS across it."""
    store = open_store(knowledge, seeds, cache)
    prepare(store)
    records = snapshot(store)
    steady = _rss_mb()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(knowledge, root / "knowledge")
        shutil.copytree(seeds, root / "seeds")
        edit_fact(root / "knowledge", "allegedly")
        start = time.perf_counter()
        new = open_store(root / "knowledge", root / "seeds", cache, previous=store)
        prepare(new)  # as the reload does before serving it
        snapshot(new, (store, records))
        wall = time.perf_counter() - start
        store.release()
        del store, records
    print(
        json.dumps(
            {
                "steady_rss_mb": steady,
                "reload_rss_mb": _rss_mb(),
                "wall_s": round(wall, 2),
                "facts": len(new.facts),
            }
        )
    )


def edited(knowledge: Path, seeds: Path, cache: Path) -> None:
    """A start after a fact was edited while the bot was stopped: copies of the files,
    one fact edited, and of the cache (holding the unedited files' saved store)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, folder in (("knowledge", knowledge), ("seeds", seeds), ("cache", cache)):
            shutil.copytree(folder, root / name)
        edit_fact(root / "knowledge", "allegedly")
        start = time.perf_counter()
        store = open_store(root / "knowledge", root / "seeds", root / "cache")
        opened = time.perf_counter() - start
        print(
            json.dumps({"open_s": round(opened, 3), "rss_mb": _rss_mb(), "facts": len(store.facts)})
        )


def main() -> None:
    knowledge, seeds, cache = (Path(a) for a in sys.argv[1:4])
    mode = sys.argv[4]
    if mode in ("reload", "edited"):
        {"reload": reload, "edited": edited}[mode](knowledge, seeds, cache)
        return
    if mode == "cold":
        shutil.rmtree(cache, ignore_errors=True)
    start = time.perf_counter()
    store = open_store(knowledge, seeds, cache)  # cold: read, check, index, save
    opened = time.perf_counter() - start
    prepare(store)  # the bot's next step, once it serves: in its RSS
    print(
        json.dumps(
            {
                "open_s": round(opened, 3),
                "rss_mb": _rss_mb(),
                "counts": store.counts(),
            }
        )
    )


if __name__ == "__main__":
    main()
