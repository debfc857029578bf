"""Run in a fresh process: load a store cold, warm from the cache, or restart and reload
after an edit; report time and RSS."""

from __future__ import annotations

import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.edits import edit_fact
from bot.reload import load_warm
from bot.store.diff import snapshot
from bot.store.loader import load_store


def reload(knowledge: Path, seeds: Path, cache: Path) -> None:
    """Restart, then reload after a fact edit as the bot does (lent the served store,
    snapshots compared), the old store dropped: the process's peak RSS across it."""
    store = load_store(knowledge, seeds, cache_dir=cache)
    store.warm(cache)
    records = snapshot(store)
    steady = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(knowledge, root / "knowledge")
        shutil.copytree(seeds, root / "seeds")
        edit_fact(root / "knowledge", "allegedly")
        start = time.perf_counter()
        new = load_warm(root / "knowledge", root / "seeds", cache, store)
        snapshot(new, (store, records))
        wall = time.perf_counter() - start
        del store, records
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "steady_rss_mb": round(steady, 1),
                "reload_rss_mb": round(peak, 1),
                "wall_s": round(wall, 2),
                "facts": len(new.facts),
            }
        )
    )


def main() -> None:
    knowledge, seeds, cache = (Path(a) for a in sys.argv[1:4])
    mode = sys.argv[4]
    if mode == "reload":
        reload(knowledge, seeds, cache)
        return
    if mode == "cold":
        shutil.rmtree(cache, ignore_errors=True)
    start = time.perf_counter()
    store = load_store(knowledge, seeds, cache_dir=cache)
    loaded = time.perf_counter()
    store.warm(cache)  # cold: builds the indexes and saves them; warm: loads them
    warmed = time.perf_counter()
    print(
        json.dumps(
            {
                "load_s": round(loaded - start, 3),
                "index_s": round(warmed - loaded, 3),
                "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                # a cold load's helper process (bot.store.helper), 0 when none ran
                "helper_rss_mb": round(
                    resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1
                ),
                "counts": store.counts(),
            }
        )
    )


if __name__ == "__main__":
    main()
