"""Find date expressions in a sentence and normalise them, never beyond what they support.

Absolute phrases ("In October, 2025", "on 13 October 2025", "between 2020 and 2023",
"from 2022 to 2025", "between September and November 2025", "in mid-2024": 2024) stand
alone; "since …" is a state lasting from then to publication, dated as that range
("since September" in an article of 20 April 2026: ``2025-09..2026-04-20``). Relative
ones ("on Monday", "last week", "on Tuesday last week", "two weeks ago": that ISO week,
"a month ago": that month,
"in October", "recently") are resolved against the publication date, and are never made
more precise than it is.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from bot.records.dates import FuzzyDate, Precision

_MONTH_NAMES = {
    name.casefold(): n
    for n in range(1, 13)
    for name in (calendar.month_name[n], calendar.month_abbr[n])
} | {"sept": 9}
_MONTH = (
    "("
    + "|".join(sorted((calendar.month_name[n] for n in range(1, 13)), key=len, reverse=True))
    + ")"
)
_SHORT = r"(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_WEEKDAY = "(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"((?:19|20)\d{2})"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "range",
        re.compile(
            rf"\b(?:between|from) (?:{_MONTH},? )?{_YEAR} (?:and|to|until|till|through) "
            rf"(?:{_MONTH},? )?{_YEAR}\b",
            re.I,
        ),
    ),
    (
        "months-range",
        re.compile(rf"\b(?:between|from) {_MONTH} (?:and|to|until) {_MONTH},? {_YEAR}\b", re.I),
    ),
    ("day", re.compile(rf"\b(?:on )?(\d{{1,2}}) {_MONTH},? {_YEAR}\b", re.I)),
    ("day-us", re.compile(rf"\b(?:on )?{_MONTH} (\d{{1,2}}),? {_YEAR}\b", re.I)),
    ("days-range", re.compile(rf"\bbetween {_MONTH} (\d{{1,2}}) and (\d{{1,2}})\b", re.I)),
    ("range-days", re.compile(rf"\bbetween (\d{{1,2}}) and (\d{{1,2}}) {_MONTH}\b", re.I)),
    ("month-day", re.compile(rf"\b(?:on )?{_MONTH} (\d{{1,2}})\b(?!,? \d)", re.I)),
    ("day-month", re.compile(rf"\b(?:on )?(\d{{1,2}}) {_MONTH}\b(?!,? \d)", re.I)),
    ("month-day", re.compile(rf"\b{_SHORT} (\d{{1,2}})\b(?!,? \d)")),
    ("month", re.compile(rf"\b(?:in |since |during |by )?{_MONTH},? {_YEAR}\b", re.I)),
    (
        "part-of-year",
        re.compile(rf"\b(?:in |by |until |since )?(?:mid|early|late)-{_YEAR}\b", re.I),
    ),
    ("ago", re.compile(r"\b(a|one|two|three|four|five|six) (day|week|month)s? ago\b", re.I)),
    ("weekday-last-week", re.compile(rf"\b(?:on )?{_WEEKDAY},? (?:of )?last week\b", re.I)),
    ("weekday", re.compile(rf"\b(?:on|last|this) {_WEEKDAY}\b", re.I)),
    (
        "relative",
        re.compile(
            r"\b(yesterday|today|last week|this week|last month|this month|"
            r"last year|this year)\b",
            re.I,
        ),
    ),
    ("bare-month", re.compile(rf"\b(?:in|since|during|by|early|late) {_MONTH}\b(?!,? \d)", re.I)),
    ("year", re.compile(rf"\b(?:in|since|during|by|from|until|of) {_YEAR}\b", re.I)),
]


_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@dataclass(frozen=True, slots=True)
class FoundDate:
    phrase: str
    when: FuzzyDate
    relative: bool
    start: int = 0
    """Where the phrase begins in the sentence."""
    ongoing: bool = False
    """A "since …" phrase: a state from then until publication, dated as that range."""


def find_dates(sentence: str, published: FuzzyDate | None) -> list[FoundDate]:
    """Every date expression the sentence holds, the most precise kinds first, none
    overlapping another."""
    found: list[FoundDate] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            if any(
                f.start < match.end() and match.start() < f.start + len(f.phrase) for f in found
            ):
                continue
            resolved = _resolve(kind, match, published)
            if resolved is None:
                continue
            when, relative = resolved
            ongoing = match.group(0).casefold().startswith("since ")
            if ongoing and published is not None and when.end <= published.start:
                when = FuzzyDate.parse(f"{when.text}..{published.text}")
            found.append(FoundDate(match.group(0), when, relative, match.start(), ongoing))
    return found


def _resolve(
    kind: str, match: re.Match[str], published: FuzzyDate | None
) -> tuple[FuzzyDate, bool] | None:
    groups = match.groups()
    if kind == "range":
        first = f"{groups[1]}-{_MONTH_NAMES[groups[0].casefold()]:02d}" if groups[0] else groups[1]
        last = f"{groups[3]}-{_MONTH_NAMES[groups[2].casefold()]:02d}" if groups[2] else groups[3]
        return FuzzyDate.parse(f"{first}..{last}"), False
    if kind == "months-range":
        first, last = (_MONTH_NAMES[m.casefold()] for m in groups[:2])
        # "between November and February 2026": the year is the last month's
        start_year = int(groups[2]) - (1 if first >= last else 0)
        return FuzzyDate.parse(f"{start_year}-{first:02d}..{groups[2]}-{last:02d}"), False
    if kind in ("day", "day-us"):
        day, month = (groups[0], groups[1]) if kind == "day" else (groups[1], groups[0])
        exact = _exact(int(groups[2]), _MONTH_NAMES[month.casefold()], int(day))
        return (exact, False) if exact else None
    if kind == "month":
        return FuzzyDate.parse(f"{groups[1]}-{_MONTH_NAMES[groups[0].casefold()]:02d}"), False
    if kind in ("year", "part-of-year"):  # "in mid-2024": that year, no more precise
        return FuzzyDate.parse(groups[0]), False
    if published is None:
        return None  # relative, with nothing to resolve it against
    if kind in ("days-range", "range-days", "month-day", "day-month"):
        return _without_year(kind, groups, published)
    if kind == "bare-month":
        month = _MONTH_NAMES[groups[0].casefold()]
        year = published.end.year if month <= published.end.month else published.end.year - 1
        return FuzzyDate.parse(f"{year}-{month:02d}"), True
    if kind == "ago":
        return _ago(groups, published)
    phrase = groups[0].casefold()
    anchor = published.end
    if published.precision is not Precision.DAY:
        # The publication day is unknown: the event is only known to be as precise as it.
        if phrase == "last month" and published.precision is Precision.MONTH:
            previous = published.start - timedelta(days=1)
            return FuzzyDate.parse(f"{previous.year}-{previous.month:02d}"), True
        if phrase == "last year":
            return FuzzyDate.parse(str(published.start.year - 1)), True
        if phrase in ("last week", "yesterday"):
            # the week before a day of the month may fall in the month before it
            earlier = published.start - timedelta(days=7)
            if earlier.month != published.start.month and published.precision is Precision.MONTH:
                return FuzzyDate.parse(f"{earlier:%Y-%m}..{published.start:%Y-%m}"), True
        return published, True
    if kind == "weekday-last-week":  # "on Tuesday last week": that day of the week before
        target = list(calendar.day_name).index(groups[0].capitalize())
        monday = anchor - timedelta(days=anchor.weekday() + 7)
        return _exact_date(monday + timedelta(days=target)), True
    if kind == "weekday":
        target = list(calendar.day_name).index(groups[0].capitalize())
        back = (anchor.weekday() - target) % 7  # on or before the publication day
        return _exact_date(anchor - timedelta(days=back)), True
    offsets = {"yesterday": timedelta(days=1), "today": timedelta(0)}
    if phrase in offsets:
        return _exact_date(anchor - offsets[phrase]), True
    if phrase in ("last week", "this week"):
        monday = anchor - timedelta(days=anchor.weekday() + (7 if phrase == "last week" else 0))
        iso = monday.isocalendar()
        return FuzzyDate.parse(f"{iso.year}-W{iso.week:02d}"), True
    if phrase in ("last month", "this month"):
        day = anchor.replace(day=1) - timedelta(days=1) if phrase == "last month" else anchor
        return FuzzyDate.parse(f"{day.year}-{day.month:02d}"), True
    year = anchor.year - (1 if phrase == "last year" else 0)
    return FuzzyDate.parse(str(year)), True


def _ago(groups: tuple[str | Any, ...], published: FuzzyDate) -> tuple[FuzzyDate, bool] | None:
    """ "two weeks ago": that ISO week ("three days ago": that day; "a month ago": that
    month, no more precise), counted from the publication day; with no publication day,
    no date (a month ago of a month's publication: that month before)."""
    count = _COUNTS[str(groups[0]).casefold()]
    if str(groups[1]).casefold() == "month" and published.precision in (
        Precision.DAY,
        Precision.MONTH,
    ):
        year, month = divmod(published.start.year * 12 + published.start.month - 1 - count, 12)
        return FuzzyDate.parse(f"{year}-{month + 1:02d}"), True
    if published.precision is not Precision.DAY:
        return None
    if str(groups[1]).casefold() == "day":
        return _exact_date(published.end - timedelta(days=count)), True
    iso = (published.end - timedelta(weeks=count)).isocalendar()
    return FuzzyDate.parse(f"{iso.year}-W{iso.week:02d}"), True


def _without_year(
    kind: str, groups: tuple[str | Any, ...], published: FuzzyDate | None
) -> tuple[FuzzyDate, bool] | None:
    """ "January 26", "between January 26 and 28": the year is the publication's when that
    day is not after it; a day after the publication is left undated (it may be next
    year's, or a plan), never guessed."""
    if published is None or published.precision not in (Precision.DAY, Precision.MONTH):
        return None
    if kind in ("days-range", "range-days"):
        month, first, last = (
            (groups[0], groups[1], groups[2])
            if kind == "days-range"
            else (groups[2], groups[0], groups[1])
        )
    else:
        month, first = (groups[0], groups[1]) if kind == "month-day" else (groups[1], groups[0])
        last = first
    number = _MONTH_NAMES.get(str(month).casefold().rstrip("."))
    if number is None:
        return None
    year = published.end.year
    start = _exact(year, number, int(first))
    end = _exact(year, number, int(last))
    if start is None or end is None or end.end < start.start:
        return None
    if end.end > published.end:
        if end.start - published.end < timedelta(days=180):
            return None  # after publication: a plan, or next year's; not guessed
        start, end = _exact(year - 1, number, int(first)), _exact(year - 1, number, int(last))
        if start is None or end is None:
            return None
    if start == end:
        return start, True
    return FuzzyDate.parse(f"{start}..{end}"), True


def _exact(year: int, month: int, day: int) -> FuzzyDate | None:
    try:
        return _exact_date(date(year, month, day))
    except ValueError:
        return None


def _exact_date(day: date) -> FuzzyDate:
    return FuzzyDate.parse(day.isoformat())
