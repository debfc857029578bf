"""Reports without Discord: ``/report`` at the console prompt and ``briefbot reports``.

A console user reports the last cited answer as a Discord user reports one from its
Sources menu: the report keeps what was asked, the store version, the footnotes and the
answer's text. Curators list, read and close reports from the command line, with or
without the bot running (SQLite's WAL lets both write).
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

from bot.answers.response import Response
from bot.state import Footnote, NewReport, Report, State, StateError
from bot.state.db import REPORTS_PER_HOUR
from bot.state.models import NOTE_MAX

T = TypeVar("T")


def report_of(response: Response, asked: str, shown: str, what: str, detail: str = "") -> NewReport:
    """What a console user reports about ``response`` (the answer to ``asked``)."""
    return NewReport(
        reporter=f"console:{_user()}",
        reporter_name=_user(),
        asked=asked,
        store_version=response.store_version,
        what=what,
        detail=detail,
        footnotes=tuple(
            Footnote(
                number=ref.number,
                link=ref.link,
                label=f"[{ref.number}] {ref.source_title}",
                quote=ref.quote,
            )
            for ref in response.citations
        ),
        shown=shown,
    )


def file_report(db: Path, report: NewReport) -> str:
    """Store ``report`` in the bot's database; say what happened, as the console prints it."""
    try:
        stored = _run(db, lambda state: state.add_report(report))
    except StateError as exc:
        return f"✗ The report could not be stored: {exc}."
    if stored is None:
        return f"✗ You have sent {REPORTS_PER_HOUR} reports in the last hour; wait a little."
    return (
        f"Report #{stored.id} stored for the curators, with the answer, its "
        f"{len(stored.footnotes)} footnote(s) and store {stored.store_version} "
        "(`briefbot reports` lists it)."
    )


def describe(report: Report, full: bool = False) -> str:
    """A report as text: one heading line and what is wrong; with ``full``, everything."""
    when = report.created_at[:16].replace("T", " ")
    lines = [
        f"#{report.id} [{report.status}] {when} UTC by {report.reporter_name} "
        f"on {report.asked} (store {report.store_version})",
        f"  what: {report.what}",
    ]
    if report.resolution:
        lines.append(f"  closed by {report.closed_by}: {report.resolution}")
    if not full:
        return "\n".join(lines)
    if report.detail:
        lines.append(f"  detail: {report.detail}")
    for footnote in report.footnotes:
        lines.append(f"  {footnote.label}: “{footnote.quote}” ({footnote.link})")
    if report.shown:
        lines += ["  the answer shown:", *("    " + line for line in report.shown.splitlines())]
    return "\n".join(lines)


def run_reports(args: argparse.Namespace, db: Path) -> int:
    """``briefbot reports [list|show|close]``."""
    if not db.is_file():
        print(f"No reports: there is no database at {db} yet (the bot creates it).")
        return 0
    try:
        if args.action == "show":
            found = _run(db, lambda state: state.report(args.id))
            if found is None:
                print(f"There is no report #{args.id}.", file=sys.stderr)
                return 1
            print(json.dumps(found.model_dump(), indent=2) if args.json else describe(found, True))
            return 0
        if args.action == "close":
            by, note = args.by or _user(), args.note.strip()[:NOTE_MAX]
            closed = _run(db, lambda state: state.close_report(args.id, by=by, resolution=note))
            if closed is None:
                print(f"There is no open report #{args.id}.", file=sys.stderr)
                return 1
            print(f"Closed report #{args.id}: {note}")
            return 0
        reports = _run(db, lambda state: state.reports(include_closed=args.all, limit=10_000))
    except StateError as exc:
        print(f"Cannot read the reports: {exc}.", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps([r.model_dump() for r in reports], indent=2))
    elif not reports:
        print(f"No {'' if args.all else 'open '}reports.")
    else:
        print("\n".join(describe(r) for r in reports))
    return 0


def _run(db: Path, work: Callable[[State], Awaitable[T]]) -> T:
    async def main() -> T:
        state = await State.open(db, lock=False)
        try:
            return await work(state)
        finally:
            await state.close()

    return asyncio.run(main())


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "console"
