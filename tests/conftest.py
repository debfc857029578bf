from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.curation.datefind import FoundDate, find_dates
from bot.reading.loader import load_store
from bot.records.dates import FuzzyDate
from bot.store.facts import FactStore

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"
SEEDS = ROOT / "seeds"


@dataclass(frozen=True)
class Ran:
    """What one command printed and returned, as :func:`subprocess.run` reports it."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(args: list[str], stdin: str | None, env: Mapping[str, str]) -> Ran:
    """``briefbot *args`` in this process: ``bot.cli.main`` with exactly ``env`` as the
    environment and ``stdin`` as standard input (a process costs a second of imports)."""
    from bot.cli import main

    saved_env, saved_stdin = os.environ.copy(), sys.stdin
    out, err = io.StringIO(), io.StringIO()
    os.environ.clear()
    os.environ.update(env)
    sys.stdin = io.TextIOWrapper(io.BytesIO((stdin or "").encode()), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(args)
            except SystemExit as exc:  # argparse's usage errors
                code = exc.code if isinstance(exc.code, int) else 1
    finally:
        os.environ.clear()
        os.environ.update(saved_env)
        sys.stdin = saved_stdin
    return Ran(code, out.getvalue(), err.getvalue())


WRITTEN_BY_THE_BOT = ("briefbot.sqlite3", ".briefbot-cache", ".briefbot-last-good", ".env")


@pytest.fixture(scope="session", autouse=True)
def checkout_untouched() -> Iterator[None]:
    """No test leaves a database, a saved store or a last-good copy in the checkout."""
    before = {name for name in WRITTEN_BY_THE_BOT if (ROOT / name).exists()}
    yield
    after = {name for name in WRITTEN_BY_THE_BOT if (ROOT / name).exists()}
    assert after <= before, f"tests wrote {sorted(after - before)} into the checkout"


@pytest.fixture(scope="session")
def store() -> FactStore:
    """The real, curated store."""
    return load_store(KNOWLEDGE, SEEDS)


class StoreCopy:
    """A throwaway copy of the real store that a test may break."""

    def __init__(self, root: Path, *, fresh: bool = True) -> None:
        self.root = root
        self.knowledge = root / "knowledge"
        self.seeds = root / "seeds"
        if fresh:
            shutil.copytree(KNOWLEDGE, self.knowledge)
            shutil.copytree(SEEDS, self.seeds)

    @classmethod
    def existing(cls, root: Path) -> StoreCopy:
        return cls(root, fresh=False)

    def edit(self, relative: str, old: str, new: str, count: int = 1) -> None:
        """Replace ``old`` by ``new`` in one file; fail loudly if ``old`` is not there."""
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    def write(self, relative: str, text: str) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def load(self) -> FactStore:
        return load_store(self.knowledge, self.seeds)


@pytest.fixture
def copy(tmp_path: Path) -> StoreCopy:
    return StoreCopy(tmp_path)


@pytest.fixture
def line_of() -> Callable[[Path, str], int]:
    def find(path: Path, text: str) -> int:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if text in line:
                return number
        raise AssertionError(f"{text!r} not in {path}")

    return find


@contextmanager
def small_filesystem(folder: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``folder`` (skips where mounting is not allowed)."""
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:  # pragma: no cover - only where mounting is not allowed
        pytest.skip(f"cannot mount a filesystem here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def find_date(sentence: str, published: FuzzyDate | None) -> FoundDate | None:
    """The first date expression ``sentence`` holds, or ``None``."""
    found = find_dates(sentence, published)
    return found[0] if found else None
