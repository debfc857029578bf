"""Run in a fresh process: load a store cold, then warm from the cache; report time and RSS."""

from __future__ import annotations

import json
import resource
import shutil
import sys
import time
from pathlib import Path

from bot.store.loader import load_store


def main() -> None:
    knowledge, seeds, cache = (Path(a) for a in sys.argv[1:4])
    mode = sys.argv[4]
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
                "counts": store.counts(),
            }
        )
    )


if __name__ == "__main__":
    main()
