"""The ``briefbot`` command line: each sub-command carries its handler (``handler`` for
those that load nothing, ``on_store`` for those given the loaded store)."""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import msgspec

from bot.reading.loader import load_store, open_store
from bot.records.errors import Problem, StoreInvalid
from bot.settings import Settings, SettingsError
from bot.store.facts import FactStore

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
    sub.add_parser(
        "run", help="run on Discord if DISCORD_TOKEN is set, else the console"
    ).set_defaults(handler=_run)
    sub.add_parser("console", help="an interactive prompt with the bot's commands").set_defaults(
        on_store=_console
    )
    sub.add_parser("sync", help="register the slash commands with Discord now").set_defaults(
        on_store=_sync
    )
    diff = sub.add_parser(
        "diff", help="what changed against a baseline (default: the bot's last loaded store)"
    )
    diff.add_argument(
        "--baseline", metavar="FILE|git:REV", help="a snapshot file or a git revision"
    )
    diff.set_defaults(on_store=_compare)
    snap = sub.add_parser("snapshot", help="save the store's records as a baseline for diff")
    snap.add_argument("file", type=Path, help="where to write the snapshot (JSON)")
    snap.set_defaults(on_store=_snapshot)
    cover = sub.add_parser(
        "coverage", help="which sentences of each source are cited; exit 1 if any are not"
    )
    cover.add_argument(
        "--report", action="store_true", help="only report: exit 0 even with uncited sentences"
    )
    cover.set_defaults(on_store=_coverage)
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
    digest.set_defaults(on_store=_compare)
    sub.add_parser(
        "health", help="exit 0 if the store loads and the database is writable"
    ).set_defaults(handler=_health)
    backup = sub.add_parser(
        "backup", help="copy the database consistently (also while the bot runs) to FILE"
    )
    backup.add_argument("file", type=Path, help="where to write the copy (one SQLite file)")
    backup.set_defaults(handler=_backup)
    ask = sub.add_parser("ask", help="answer one command, e.g. briefbot ask '/actor Bazoum'")
    ask.add_argument("line", help="a command in Discord's syntax, e.g. '/actor name:Bazoum'")
    ask.add_argument(
        "--json", action="store_true", help="print the Response as JSON (citations in context)"
    )
    ask.add_argument(
        "--png", type=Path, metavar="FILE", help="also draw the answer's dated facts to FILE"
    )
    ask.set_defaults(on_store=_ask)
    validate = sub.add_parser("validate", help="check the knowledge files; exit 1 on problems")
    validate.add_argument("--json", action="store_true", help="print problems as JSON")
    validate.add_argument(
        "--drafts", action="store_true", help="also check knowledge/drafts/ against the store"
    )
    validate.set_defaults(handler=_validate_command)
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
    ingest.set_defaults(handler=_curate)
    draft = sub.add_parser("draft", help="write candidate facts for a source to knowledge/drafts/")
    draft.add_argument("source", help="the source id")
    draft.add_argument("--force", action="store_true", help="overwrite an existing draft")
    draft.set_defaults(handler=_curate)
    promote = sub.add_parser("promote", help="move reviewed draft entries into the store")
    promote.add_argument("source", help="the source id")
    promote.add_argument("ids", nargs="*", help="draft fact ids to promote")
    promote.add_argument("--all", action="store_true", help="promote every draft fact")
    promote.add_argument(
        "--reviewed",
        nargs="*",
        metavar="ID",
        default=None,
        help="promote only the draft facts marked `reviewed: true` (all of them if no ids); "
        "ids may follow it",
    )
    promote.set_defaults(handler=_curate)
    reports = sub.add_parser(
        "reports", help="problems users reported with answers: list, show or close them"
    )
    reports.set_defaults(handler=_reports, action="list", all=False, json=False)
    actions = reports.add_subparsers(dest="action", metavar="ACTION")
    listing = actions.add_parser("list", help="the open reports, newest first (the default)")
    listing.add_argument("--all", action="store_true", help="closed ones too")
    listing.add_argument("--json", action="store_true", help="print the reports as JSON")
    show = actions.add_parser("show", help="one report in full: answer, footnotes, store")
    show.add_argument("id", type=int, help="the report's number")
    show.add_argument("--json", action="store_true", help="print the report as JSON")
    close = actions.add_parser("close", help="close a report, saying what was done")
    close.add_argument("id", type=int, help="the report's number")
    close.add_argument("--note", required=True, help="what was done, e.g. 'fact corrected'")
    close.add_argument("--by", help="who closed it (default: your user name)")
    schema = sub.add_parser("schema", help="write JSON Schema for the knowledge files")
    schema.add_argument(
        "--out", type=Path, metavar="DIR", help="folder to write to (default: <knowledge>/schema)"
    )
    schema.set_defaults(handler=_schema)
    return parser


Handler = Callable[[argparse.Namespace, Settings], int]
StoreHandler = Callable[[argparse.Namespace, Settings, FactStore], int]


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
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser()
    args = _parsed(parser, argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        settings = Settings.load()
    except SettingsError as exc:
        print(f"Bad setting: {exc}", file=sys.stderr)
        return 2
    settings = settings.with_folders(args.knowledge, args.seeds)
    if args.command is None:  # plain `briefbot`: run
        args = parser.parse_args([*argv, "run"])
    handler: Handler | None = getattr(args, "handler", None)
    if handler is not None:
        return handler(args, settings)
    on_store: StoreHandler = args.on_store
    store = _load_or_report(settings.knowledge_dir, settings.seeds_dir, settings.record_cache)
    return 1 if store is None else on_store(args, settings, store)


def _parsed(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """The arguments; a promote's fact ids after a flag ("promote X --all X-07", which
    argparse leaves over) are its ids, so its own message says what is wrong."""
    args, extra = parser.parse_known_args(argv)
    if extra and args.command == "promote" and not any(e.startswith("-") for e in extra):
        args.ids = [*args.ids, *extra]
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def _schema(args: argparse.Namespace, settings: Settings) -> int:
    from bot.records.schema import write_schemas

    for path in write_schemas(args.out or settings.knowledge_dir / "schema"):
        print(f"wrote {path}")
    return 0


def _validate_command(args: argparse.Namespace, settings: Settings) -> int:
    return _validate(
        settings.knowledge_dir, settings.seeds_dir, as_json=args.json, drafts=args.drafts
    )


def _curate(args: argparse.Namespace, settings: Settings) -> int:
    from bot.curation.handlers import run_curation

    return run_curation(args.command, args, settings)


def _health(args: argparse.Namespace, settings: Settings) -> int:
    from bot.serving.health import check_health

    problems = check_health(settings)
    for problem in problems:
        print(f"unhealthy: {problem}", file=sys.stderr)
    if not problems:
        print("healthy")
    return 1 if problems else 0


def _backup(args: argparse.Namespace, settings: Settings) -> int:
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


def _reports(args: argparse.Namespace, settings: Settings) -> int:
    from bot.console.reports import run_reports

    return run_reports(args, settings.db)


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if settings.discord_token is None:
        store = _load_or_report(settings.knowledge_dir, settings.seeds_dir, settings.record_cache)
        return 1 if store is None else _console(args, settings, store, banner=CONNECT_HINT)
    from bot.serving.lastgood import load_for_serving

    try:  # serving: broken files fall back, loudly, to the last good copy
        serving, _ = load_for_serving(
            settings.knowledge_dir, settings.seeds_dir, settings.last_good, settings.record_cache
        )
    except StoreInvalid as invalid:
        _print_problems(invalid)
        return 1
    from bot.chat.runner import run_discord

    return run_discord(settings, serving)


def _sync(args: argparse.Namespace, settings: Settings, store: FactStore) -> int:
    if settings.discord_token is None:
        print("Set DISCORD_TOKEN to sync commands with Discord.", file=sys.stderr)
        return 2
    from bot.chat.runner import sync_commands

    return sync_commands(settings, store)


def _console(
    args: argparse.Namespace, settings: Settings, store: FactStore, banner: str = ""
) -> int:
    from bot.console.prompt import run_console

    def reload() -> FactStore:
        return open_store(settings.knowledge_dir, settings.seeds_dir, settings.record_cache)

    return run_console(store, banner=banner, reload=reload, reports=settings.db)


def _coverage(args: argparse.Namespace, settings: Settings, store: FactStore) -> int:
    from bot.curation.report import print_coverage

    return print_coverage(store, strict=not args.report)


def _compare(args: argparse.Namespace, settings: Settings, store: FactStore) -> int:
    """``diff`` and ``digest``: the store against the bot's database or a baseline."""
    from bot.console.offline import print_diff, print_digest
    from bot.serving.baseline import BaselineError
    from bot.state import StateError

    try:
        if args.command == "diff":
            return print_diff(settings, store, args.baseline)
        return print_digest(
            settings, store, since=args.since, as_json=args.json, baseline=args.baseline
        )
    except StateError as exc:
        print(f"Cannot {args.command}: {exc}.", file=sys.stderr)
        return 2
    except BaselineError as exc:
        print(exc.message, file=sys.stderr)
        return 2


def _snapshot(args: argparse.Namespace, settings: Settings, store: FactStore) -> int:
    from bot.serving.baseline import save

    save(store, args.file)
    print(f"wrote {args.file}: store {store.version}; compare with --baseline {args.file}")
    return 0


QUOTE_ALONE = (
    "✗ /quote shows a footnote of the last answer, and `briefbot ask` answers a single line: "
    "there is no last answer. Run `briefbot console`, ask there, then type /quote <n>; "
    "or ask with --json, whose citations hold each footnote's passage."
)
"""What ``briefbot ask "/quote 9"`` says: not that there is no /quote command."""


def _ask(args: argparse.Namespace, settings: Settings, store: FactStore) -> int:
    from bot.answers.commandset import ask
    from bot.console.prompt import QUOTE, printable, shown, write_picture

    if QUOTE.fullmatch(args.line.strip().split(" ", 1)[0]):
        print(QUOTE_ALONE, file=sys.stderr)
        return 2
    response = ask(store, args.line)
    print(printable(shown(store, response, as_json=args.json)))
    if args.png is not None and response.ok:
        said = write_picture(response, args.png)
        print(said, file=sys.stderr)
        return 2 if said.startswith("✗") else 0
    return 0


def _load_or_report(knowledge: Path, seeds: Path, cache: Path) -> FactStore | None:
    try:
        store = open_store(knowledge, seeds, cache)
    except StoreInvalid as invalid:
        _print_problems(invalid)
        return None
    return store


def _validate(knowledge: Path, seeds: Path, *, as_json: bool, drafts: bool = False) -> int:
    try:
        store = load_store(knowledge, seeds, include_drafts=drafts)
    except StoreInvalid as invalid:
        if drafts and not as_json:  # one JSON document: the loader's problems first
            _draft_problems(knowledge, seeds, as_json=False)
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
        elif drafts:
            _print_with_drafts(invalid, knowledge)
        else:
            _print_problems(invalid)
        return 1
    from bot.curation.consistency import date_conflicts

    if drafts and _draft_problems(knowledge, seeds, as_json=as_json):
        return 1
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


def _draft_problems(knowledge: Path, seeds: Path, *, as_json: bool) -> bool:
    """Print what the drafts lack that loading them cannot see; whether there was any."""
    from bot.curation.drafts import draft_problems

    try:
        known = set(load_store(knowledge, seeds).actors)
    except StoreInvalid:
        return False  # the store itself is broken: its problems come first
    problems = draft_problems(knowledge, known)
    if problems and as_json:
        print(json.dumps({"ok": False, "drafts": problems}, indent=2))
    elif problems:
        print(f"The drafts have {len(problems)} problem(s):", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
    return bool(problems)


_DRAFT_FILE = re.compile(r"(?:^|[/\\])(drafts[/\\][^/\\]+\.ya?ml)$")


def _print_with_drafts(invalid: StoreInvalid, knowledge: Path) -> None:
    """``validate --drafts``: each draft's problems as ``drafts/<id>.yaml:<line>: …`` (the
    curator's view of the file), the entries not reviewed yet as one count per draft: the
    entries the file marks ``reviewed: false``, facts and actors, counted from the file
    itself (an entry with another problem the loader could not read is counted too)."""
    from bot.curation.promote import unreviewed_entries

    waiting: dict[str, int] = {}
    listed: list[Problem] = []
    for problem in invalid.problems:
        draft = _DRAFT_FILE.search(problem.file)
        if draft is None:
            listed.append(problem)
            continue
        name = draft.group(1).replace("\\", "/")
        if problem.field != "reviewed":
            listed.append(msgspec.structs.replace(problem, file=name))
    drafts_dir = knowledge / "drafts"
    for path in sorted(drafts_dir.glob("*.y*ml")) if drafts_dir.is_dir() else []:
        count = len(unreviewed_entries(path.read_text(encoding="utf-8")))
        if count:
            waiting[f"drafts/{path.name}"] = count
    if listed:
        _print_problems(StoreInvalid(listed), "The knowledge files, drafts included,")
    if waiting:
        counts = ", ".join(f"{name} {n}" for name, n in sorted(waiting.items()))
        print(
            f"Entries not reviewed yet (set `reviewed: true` once checked): {counts}",
            file=sys.stderr,
        )


PROBLEMS_SHOWN = 200
"""Problems printed at most (``validate --json`` lists every one)."""


def _print_problems(invalid: StoreInvalid, what: str = "The knowledge files") -> None:
    problems = invalid.problems
    print(f"{what} have {len(problems)} problem(s):", file=sys.stderr)
    for problem in problems[:PROBLEMS_SHOWN]:
        print(f"  {problem}", file=sys.stderr)
    if len(problems) > PROBLEMS_SHOWN:
        print(
            f"  … and {len(problems) - PROBLEMS_SHOWN:,} more (all of them: "
            "briefbot validate --json)",
            file=sys.stderr,
        )
