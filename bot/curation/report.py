"""``briefbot coverage`` output."""

from __future__ import annotations

import textwrap

from bot.curation.coverage import coverage
from bot.store.facts import FactStore


def print_coverage(store: FactStore, *, strict: bool) -> int:
    complete = True
    for report in coverage(store):
        counted = len(report.sentences) - len(report.skipped)
        mark = "✓" if report.complete else "✗"
        print(
            f"{mark} {report.source.id}: {len(report.cited)}/{counted} sentences cited"
            + (f", {len(report.skipped)} skipped" if report.skipped else "")
            + f" ({report.source.file})"
        )
        for sentence, reason in report.skipped:
            print(
                f"    skipped line {report.line_of(sentence)}: {_short(sentence.text)} ({reason})"
            )
        for sentence in report.uncited:
            complete = False
            print(f"    UNCITED line {report.line_of(sentence)}: {_short(sentence.text)}")
    return 1 if strict and not complete else 0


def _short(text: str) -> str:
    return textwrap.shorten(" ".join(text.split()), 90, placeholder="…")
