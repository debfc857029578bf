"""The last good store: a copy of the files the bot last served, to start from when the
files on disk are broken.

After every load that the bot serves (at start and on each successful reload) the
knowledge and seed files are copied, whole, beside the database. If the bot later starts
while the files have problems, it serves that copy instead and says so loudly in the log,
rather than not starting at all: "the old store keeps serving" survives a restart.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from bot.store.errors import StoreInvalid
from bot.store.facts import FactStore
from bot.store.files import files_under
from bot.store.loader import open_store

log = logging.getLogger(__name__)


def save(knowledge: Path, seeds: Path, target: Path, version: str) -> None:
    """Copy the store's files to ``target``, replacing the previous copy only when whole;
    nothing to do when the copy there is already of store ``version`` (a plain restart)."""
    marker = target / "VERSION"
    if marker.is_file() and marker.read_text().strip() == version:
        return
    staging = target.with_name(f"{target.name}.{os.getpid()}.new")
    shutil.rmtree(staging, ignore_errors=True)
    for folder, name, suffixes in (
        (knowledge, "knowledge", (".yaml", ".yml")),
        (seeds, "seeds", (".md",)),
    ):
        for path in files_under(folder, suffixes, frozenset({"drafts", "schema"})):
            if not path.is_file():
                continue
            copy = staging / name / path.relative_to(folder)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copy)
    staging.mkdir(parents=True, exist_ok=True)
    (staging / "VERSION").write_text(version + "\n")
    old = target.with_name(f"{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def save_quietly(knowledge: Path, seeds: Path, target: Path, version: str) -> None:
    try:
        save(knowledge, seeds, target, version)
    except OSError as exc:
        log.warning("could not keep a copy of the store being served: %s", exc)


def load_for_serving(
    knowledge: Path, seeds: Path, target: Path, cache: Path | None = None
) -> tuple[FactStore, bool]:
    """The store from the files, else (loudly) the last good copy; ``True`` if the copy.
    Its indexes are built (see :func:`~bot.store.loader.open_store`).

    :class:`StoreInvalid` when the files are broken and there is no usable copy.
    """
    try:
        store = open_store(knowledge, seeds, cache)
    except StoreInvalid as invalid:
        if not (target / "knowledge").is_dir():
            raise
        try:
            store = open_store(target / "knowledge", target / "seeds", cache)
        except StoreInvalid:
            raise invalid from None
        log.error(
            "THE KNOWLEDGE FILES HAVE %d PROBLEM(S) (first: %s); serving the last good "
            "store %s from %s until they are fixed. Run `briefbot validate` to see them.",
            len(invalid.problems),
            invalid.problems[0],
            store.version,
            target,
        )
        return store, True
    save_quietly(knowledge, seeds, target, store.version)
    return store, False
