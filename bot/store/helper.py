"""A second process that reads part of a cold store into the record cache.

A cold load (an empty cache: the first start, or new code) spends most of its time
parsing and validating files one by one, on one core. With a cache, the loader hands the
last knowledge files, about half the work (by their bytes and a cost per file), to a
helper process started from this module and reads the articles and the first knowledge
files itself. The helper only writes cache entries, signed as the loader writes them.
When the loader reaches the helper's files it waits for the helper to end, then finds
them in the cache.

The cache is all the two share, and a cache entry is only ever a shortcut: a helper that
fails, is killed or is slow leaves the loader to parse those files itself, and the store
is the same either way. Run as ``python -m bot.store.helper`` with a JSON request on
standard input; the process does nothing else.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from bot.store.cache import RecordCache

if TYPE_CHECKING:
    import subprocess

log = logging.getLogger(__name__)

HELP_FROM_BYTES = 8 << 20
"""Least work, in bytes of knowledge files (articles weighed as below), for which a
helper is worth its start (about 0.3 s)."""
FILE_BYTES = 3000
"""What opening, hashing and caching one more knowledge file costs, in bytes read: the
split between the two processes is by this cost."""
SEED_WEIGHT = 0.2
"""What a byte of an article costs against a byte of a knowledge file: an article is
mostly text that is only hashed, with a short header to parse, and the loader also writes
the articles' cache entry (at 100k facts the two processes end within 0.2 s of each
other; 0.1-0.3 are within the machine's noise)."""
WAIT_S = 300.0
"""Longest wait for a helper before the loader reads its files itself."""

SEED, KNOWLEDGE = "seed", "knowledge"
File = tuple[Path, Path, str]
"""A file to read, the folder it must stay inside, and which kind it is."""


class Helper(msgspec.Struct):
    process: subprocess.Popen[bytes]
    first: int
    """The position, in the loader's order, of the first file the helper reads."""

    @classmethod
    def start(cls, root: Path, cache: RecordCache, files: Sequence[File]) -> Helper | None:
        """A helper reading the last knowledge files into ``cache``, or ``None`` when the
        cache holds most of them already (a restart) or there is too little to read.
        Articles stay with the loader, which caches them together."""
        knowledge = [number for number, (_, _, kind) in enumerate(files) if kind == KNOWLEDGE]
        if not cache.writable or len(knowledge) < 2:
            return None
        assert knowledge == list(range(knowledge[0], len(files))), "knowledge files come last"
        try:
            with os.scandir(cache.folder) as entries:
                cached = sum(1 for entry in entries if entry.name.endswith(".pickle"))
        except OSError:
            cached = 0
        if 2 * cached >= len(knowledge):
            return None
        costs: list[float] = []
        for path, _, kind in files:
            try:
                size = path.stat().st_size
            except OSError:
                size = 0
            costs.append(size * SEED_WEIGHT if kind == SEED else size + FILE_BYTES)
        total = sum(costs)
        if total < HELP_FROM_BYTES:
            return None
        first, tail = len(files), 0.0
        lowest = max(knowledge[0], 1)  # the loader reads at least one file itself
        while first > lowest and 2 * (tail + costs[first - 1]) <= total:
            first -= 1
            tail += costs[first]
        request = {
            "root": str(root),
            "cache": str(cache.folder),
            "files": [[str(path), str(folder), kind] for path, folder, kind in files[first:]],
        }
        package_parent = str(Path(__file__).resolve().parents[2])
        env = {name: value for name, value in os.environ.items() if name != "DISCORD_TOKEN"}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_parent, env.get("PYTHONPATH")]))
        import subprocess  # here, not above: most loads start no helper

        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "bot.store.helper"],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                env=env,
            )
            assert process.stdin is not None
            with process.stdin:
                process.stdin.write(json.dumps(request).encode())
        except OSError as exc:
            log.warning("no helper for this cold load (%s): reading every file here", exc)
            return None
        return cls(process, first)

    def stop(self) -> None:
        """End the helper if it still runs (the load failed before reaching its files)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def finish(self) -> None:
        """Wait for the helper (at most WAIT_S): its files are then in the cache."""
        import subprocess

        try:
            self.process.wait(timeout=WAIT_S)
        except subprocess.TimeoutExpired:
            log.warning("the load's helper took over %.0f s: reading its files here", WAIT_S)
            self.process.kill()
            self.process.wait()


def main() -> None:
    import gc

    from bot.store.loader import read_into_cache

    gc.disable()  # a short life building many objects, as the loader's paused_gc
    request = json.load(sys.stdin)
    files = [(Path(path), Path(folder), kind) for path, folder, kind in request["files"]]
    read_into_cache(Path(request["root"]), RecordCache(Path(request["cache"])), files)


if __name__ == "__main__":
    main()
