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

from bot.reading.files import files_under
from bot.reading.loader import files_digest, open_store
from bot.records.errors import StoreInvalid
from bot.store.facts import FactStore

log = logging.getLogger(__name__)

MARKER = "VERSION"


def save(knowledge: Path, seeds: Path, target: Path, version: str) -> None:
    """Copy the store's files to ``target``, replacing the previous copy only when whole.

    The copy's ``VERSION`` file records the version served and the digest of the copy's
    own files: a plain restart of the same store copies nothing while the copy still
    matches it, and a copy edited since is replaced. Temporary copies a killed writer left
    beside it are removed."""
    if _intact(target) == version:
        return
    for stale in target.parent.glob(f"{target.name}.*.new"):
        shutil.rmtree(stale, ignore_errors=True)
    staging = target.with_name(f"{target.name}.{os.getpid()}.new")
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
    (staging / "knowledge").mkdir(exist_ok=True)
    (staging / "seeds").mkdir(exist_ok=True)
    digest = files_digest(staging / "knowledge", staging / "seeds")
    (staging / MARKER).write_text(f"{version}\n{digest}\n")
    old = target.with_name(f"{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _intact(target: Path) -> str | None:
    """The version a copy was saved as, if its files are still exactly as saved."""
    try:
        version, digest = (target / MARKER).read_text().split()
    except (OSError, ValueError):
        return None
    return version if files_digest(target / "knowledge", target / "seeds") == digest else None


def save_quietly(knowledge: Path, seeds: Path, target: Path, version: str) -> None:
    try:
        save(knowledge, seeds, target, version)
    except OSError as exc:
        log.warning("could not keep a copy of the store being served: %s", exc)


def load_for_serving(
    knowledge: Path, seeds: Path, target: Path, cache: Path | None = None
) -> tuple[FactStore, bool]:
    """The store from the files, else (loudly) the last good copy; ``True`` if the copy.
    Its indexes are built (see :func:`~bot.reading.loader.open_store`). A copy whose files
    changed since it was saved is never served.

    :class:`StoreInvalid` when the files are broken and there is no usable copy.
    """
    try:
        store = open_store(knowledge, seeds, cache)
    except StoreInvalid as invalid:
        if not (target / "knowledge").is_dir():
            raise
        if _intact(target) is None:
            log.error(
                "the last good copy in %s was changed since it was saved (or is damaged): "
                "not serving it",
                target,
            )
            raise invalid from None
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
