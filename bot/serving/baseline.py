"""Baselines to compare the files with, without the running bot.

A curator names one: a snapshot file (``briefbot snapshot FILE`` takes one: every record's
content hash and the store version), or a git revision (``git:HEAD~1``, ``git:main``),
whose knowledge and seed files are loaded as they were then. Without one, ``diff`` and
``digest`` use the bot's database when it exists, and otherwise say there is no baseline.
"""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.reading.loader import load_store
from bot.records.errors import BriefbotError, StoreInvalid
from bot.store.diff import KINDS, Snapshot, snapshot
from bot.store.facts import FactStore

FORMAT = "briefbot-snapshot-1"


class BaselineError(BriefbotError):
    kind = "baseline"


@dataclass(frozen=True)
class Baseline:
    label: str
    records: Snapshot


def save(store: FactStore, path: Path) -> None:
    data = {
        "format": FORMAT,
        "version": store.version,
        "taken_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "records": snapshot(store),
    }
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def load(name: str, knowledge: Path, seeds: Path) -> Baseline:
    """A baseline from a snapshot file or ``git:REV``; :class:`BaselineError` if unusable."""
    if name.startswith("git:"):
        return _from_git(name.removeprefix("git:"), knowledge, seeds)
    path = Path(name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BaselineError(f"Cannot read the baseline {name}: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BaselineError(f"{name} is not a briefbot snapshot (take one with briefbot snapshot).")
    records = data.get("records") or {}
    if not all(isinstance(records.get(k, {}), dict) for k in KINDS):
        raise BaselineError(f"{name} is damaged: its records are not a snapshot.")
    return Baseline(
        f"snapshot {name} (store {data.get('version')}, {data.get('taken_at')})",
        {k: dict(records.get(k, {})) for k in KINDS},
    )


def _from_git(revision: str, knowledge: Path, seeds: Path) -> Baseline:
    root = _git(["rev-parse", "--show-toplevel"], knowledge).strip()
    top = Path(root)
    paths = [str(p.resolve().relative_to(top)) for p in (knowledge, seeds)]
    archive = subprocess.run(
        ["git", "-C", root, "archive", "--format=tar", revision, "--", *paths],
        capture_output=True,
        timeout=60,
    )
    if archive.returncode != 0:
        why = archive.stderr.decode(errors="replace").strip()
        raise BaselineError(f"git has no {revision!r} with those folders: {why}")
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
        try:
            old = load_store(Path(folder) / paths[0], Path(folder) / paths[1])
        except StoreInvalid as invalid:
            raise BaselineError(
                f"The store at {revision} has {len(invalid.problems)} problem(s); "
                "choose another revision."
            ) from None
        return Baseline(f"git {revision} (store {old.version})", snapshot(old))


def _git(args: list[str], where: Path) -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(where), *args], capture_output=True, text=True, timeout=30
        )
    except OSError as exc:
        raise BaselineError(f"git is not available: {exc}") from None
    if done.returncode != 0:
        raise BaselineError(f"{where} is not in a git checkout: {done.stderr.strip()}")
    return done.stdout
