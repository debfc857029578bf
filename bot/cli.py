"""The ``briefbot`` command line: run, console, ask, validate, schema."""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import msgspec

from bot.settings import Settings, SettingsError
from bot.store.errors import StoreInvalid
from bot.store.facts import FactStore
from bot.store.loader import load_store

log = logging.getLogger(__name__)

CONNECT_HINT = (
    "No DISCORD_TOKEN is set, so this is the local console. To connect to Discord, set "
    "DISCORD_TOKEN (see README: 'Running on Discord') and run again."
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefbot",
        description="A Discord bot that briefs a team from a curated, sourced fact store.",
    )
    parser.add_argument(
        "--knowledge",
        type=Path,
        metavar="DIR",
        help="knowledge folder (default: BRIEFBOT_KNOWLEDGE_DIR or ./knowledge)",
    )
    parser.add_argument(
        "--seeds",
        type=Path,
        metavar="DIR",
        help="seeds folder (default: BRIEFBOT_SEEDS_DIR or ./seeds)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("run", help="run on Discord if DISCORD_TOKEN is set, else the console")
    sub.add_parser("console", help="an interactive prompt with the bot's commands")
    sub.add_parser("sync", help="register the slash commands with Discord now")
    diff = sub.add_parser(
        "diff", help="what changed against a baseline (default: the bot's last loaded store)"
    )
    diff.add_argument(
        "--baseline", metavar="FILE|git:REV", help="a snapshot file or a git revision"
    )
    snap = sub.add_parser("snapshot", help="save the store's records as a baseline for diff")
    snap.add_argument("file", type=Path, help="where to write the snapshot (JSON)")
    cover = sub.add_parser(
        "coverage", help="which sentences of each source are cited; exit 1 if any are not"
    )
    cover.add_argument(
        "--report", action="store_true", help="only report: exit 0 even with uncited sentences"
    )
    digest = sub.add_parser("digest", help="print the digest as it would be posted now")
    digest.add_argument(
        "--since",
        metavar="ISO-TIME",
        help="count changes after this UTC time (default: 24 hours ago)",
    )
    digest.add_argument("--json", action="store_true", help="print the Response as JSON")
    digest.add_argument(
        "--baseline",
        metavar="FILE|git:REV",
        help="what counts as new: changes since this snapshot or git revision",
    )
    sub.add_parser("health", help="exit 0 if the store loads and the database is writable")
    backup = sub.add_parser(
        "backup", help="copy the database consistently (also while the bot runs) to FILE"
    )
    backup.add_argument("file", type=Path, help="where to write the copy (one SQLite file)")
    ask = sub.add_parser("ask", help="answer one command, e.g. briefbot ask '/actor Bazoum'")
    ask.add_argument("line", help="a command in Discord's syntax, e.g. '/actor name:Bazoum'")
    ask.add_argument(
        "--json", action="store_true", help="print the Response as JSON (citations in context)"
    )
    ask.add_argument(
        "--png", type=Path, metavar="FILE", help="also draw the answer's dated facts to FILE"
    )
    validate = sub.add_parser("validate", help="check the knowledge files; exit 1 on problems")
    validate.add_argument("--json", action="store_true", help="print problems as JSON")
    validate.add_argument(
        "--drafts", action="store_true", help="also check knowledge/drafts/ against the store"
    )
    ingest = sub.add_parser("ingest", help="add an article to seeds/, text exactly as given")
    ingest.add_argument("file", help="the article as a UTF-8 text file, or - for standard input")
    ingest.add_argument("--title", required=True, help="the headline")
    ingest.add_argument(
        "--title-assigned",
        action="store_true",
        help="the article has no headline: the title is the curator's",
    )
    ingest.add_argument("--outlet", help="the publisher, only if known")
    ingest.add_argument("--url", help="where it was published, only if known")
    ingest.add_argument(
        "--published",
        metavar="DATE",
        help="2026-01-15 (day), 2026-W03, 2026-01 (month) or 2026 (year)",
    )
    ingest.add_argument(
        "--estimated", action="store_true", help="the date is an estimate (give --reasoning)"
    )
    ingest.add_argument("--reasoning", help="why this publication date")
    ingest.add_argument("--id", dest="source_id", help="the source id (default: from the title)")
    draft = sub.add_parser("draft", help="write candidate facts for a source to knowledge/drafts/")
    draft.add_argument("source", help="the source id")
    draft.add_argument("--force", action="store_true", help="overwrite an existing draft")
    promote = sub.add_parser("promote", help="move reviewed draft entries into the store")
    promote.add_argument("source", help="the source id")
    promote.add_argument("ids", nargs="*", help="draft fact ids to promote")
    promote.add_argument("--all", action="store_true", help="promote every draft fact")
    promote.add_argument(
        "--reviewed",
        action="store_true",
        help="promote only the draft facts marked `reviewed: true` (all of them if no ids)",
    )
    schema = sub.add_parser("schema", help="write JSON Schema for the knowledge files")
    schema.add_argument(
        "--out", type=Path, metavar="DIR", help="folder to write to (default: <knowledge>/schema)"
    )
    return parser


def quiet_on_closed_pipe(run: Callable[..., int]) -> Callable[..., int]:
    """``briefbot ask … | head``: when the reader goes away, stop quietly (no traceback,
    and nothing more written: stdout now goes nowhere, so the exit flush cannot fail)."""

    @functools.wraps(run)
    def guarded(*args: Any, **kwargs: Any) -> int:
        try:
            code = run(*args, **kwargs)
            sys.stdout.flush()  # here, not at exit, where a closed pipe is a traceback
            return code
        except BrokenPipeError:
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0

    return guarded


@quiet_on_closed_pipe
def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        settings = Settings.load()
    except SettingsError as exc:
        print(f"Bad setting: {exc}", file=sys.stderr)
        return 2
    settings = settings.with_folders(args.knowledge, args.seeds)
    command = args.command or "run"

    if command == "schema":
        from bot.store.schema import write_schemas

        for path in write_schemas(args.out or settings.knowledge_dir / "schema"):
            print(f"wrote {path}")
        return 0
    if command == "validate":
        return _validate(
            settings.knowledge_dir, settings.seeds_dir, as_json=args.json, drafts=args.drafts
        )
    if command in ("ingest", "draft", "promote"):
        from bot.curation.commands import run_curation

        return run_curation(command, args, settings)
    if command == "health":
        from bot.health import check_health

        problems = check_health(settings)
        for problem in problems:
            print(f"unhealthy: {problem}", file=sys.stderr)
        if not problems:
            print("healthy")
        return 1 if problems else 0

    if command == "backup":
        from bot.state import StateError
        from bot.state.db import backup as back_up

        try:
            rows = back_up(settings.db, args.file)
        except StateError as exc:
            print(f"Cannot back up: {exc}.", file=sys.stderr)
            return 2
        counts = ", ".join(f"{n} {table}" for table, n in sorted(rows.items()))
        print(f"wrote {args.file} from {settings.db}: {counts}")
        return 0
    if command == "run" and settings.discord_token is not None:
        from bot.lastgood import load_for_serving

        try:  # serving: broken files fall back, loudly, to the last good copy
            serving, _ = load_for_serving(
                settings.knowledge_dir,
                settings.seeds_dir,
                settings.last_good,
                settings.record_cache,
            )
        except StoreInvalid as invalid:
            _print_problems(invalid)
            return 1
        from bot.runner import run_discord

        return run_discord(settings, serving)
    store = _load_or_report(settings.knowledge_dir, settings.seeds_dir, settings.record_cache)
    if store is None:
        return 1
    if command == "coverage":
        from bot.curation.report import print_coverage

        return print_coverage(store, strict=not args.report)
    if command in ("diff", "digest"):
        from bot.baseline import BaselineError
        from bot.offline import print_diff, print_digest
        from bot.state import StateError

        try:
            if command == "diff":
                return print_diff(settings, store, args.baseline)
            return print_digest(
                settings, store, since=args.since, as_json=args.json, baseline=args.baseline
            )
        except StateError as exc:
            print(f"Cannot {command}: {exc}.", file=sys.stderr)
            return 2
        except BaselineError as exc:
            print(exc.message, file=sys.stderr)
            return 2
    if command == "snapshot":
        from bot.baseline import save

        save(store, args.file)
        print(f"wrote {args.file}: store {store.version}; compare with --baseline {args.file}")
        return 0
    if command == "ask":
        from bot.console import printable, shown, write_picture
        from bot.store.commands import ask

        response = ask(store, args.line)
        print(printable(shown(store, response, as_json=args.json)))
        if args.png is not None and response.ok:
            said = write_picture(response, args.png)
            print(said, file=sys.stderr)
            return 2 if said.startswith("✗") else 0
        return 0
    if command in ("run", "sync") and settings.discord_token is not None:
        from bot.runner import run_discord, sync_commands

        runner = sync_commands if command == "sync" else run_discord
        return runner(settings, store)
    if command == "sync":
        print("Set DISCORD_TOKEN to sync commands with Discord.", file=sys.stderr)
        return 2
    from bot.console import run_console

    banner = CONNECT_HINT if command == "run" else ""

    def reload() -> FactStore:
        return load_store(
            settings.knowledge_dir, settings.seeds_dir, cache_dir=settings.record_cache
        )

    return run_console(store, banner=banner, reload=reload)


def _load_or_report(knowledge: Path, seeds: Path, cache: Path) -> FactStore | None:
    try:
        store = load_store(knowledge, seeds, cache_dir=cache)
    except StoreInvalid as invalid:
        _print_problems(invalid)
        return None
    return store


def _validate(knowledge: Path, seeds: Path, *, as_json: bool, drafts: bool = False) -> int:
    try:
        store = load_store(knowledge, seeds, include_drafts=drafts)
    except StoreInvalid as invalid:
        if as_json:
            print(
                json.dumps(
                    {
                        "ok": False,
                        "problems": [msgspec.structs.asdict(p) for p in invalid.problems],
                    },
                    indent=2,
                )
            )
        else:
            _print_problems(invalid)
        return 1
    from bot.curation.consistency import date_conflicts

    counts = store.counts()
    warnings = [w.message for w in date_conflicts(store)]
    if as_json:
        print(
            json.dumps(
                {"ok": True, "version": store.version, "counts": counts, "warnings": warnings},
                indent=2,
            )
        )
    else:
        summary = ", ".join(f"{n} {name}" for name, n in counts.items())
        print(f"OK: store {store.version}: {summary}")
        for warning in warnings:
            print(f"warning: {warning}")
    return 0


def _print_problems(invalid: StoreInvalid) -> None:
    print(f"The knowledge files have {len(invalid.problems)} problem(s):", file=sys.stderr)
    for problem in invalid.problems:
        print(f"  {problem}", file=sys.stderr)
