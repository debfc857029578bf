"""Dates that never claim more precision than their source gives.

Curated dates are written as ``2025-10-13`` (day), ``2025-W41`` (week), ``2025-10``
(month), ``2025`` (year) or ``2020..2023`` (a range whose ends may be any of those).
Users may also type ``Oct 2025``, ``October 2025``, ``13 Oct 2025`` or ``2025/10``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from enum import StrEnum

import msgspec

from bot.records.errors import InvalidDate


class Precision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"

    @property
    def rank(self) -> int:
        """Smaller is more precise."""
        return _RANK[self]


_RANK = {precision: rank for rank, precision in enumerate(Precision)}

_MONTHS = {
    name.casefold(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTHS["sept"] = 9

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})[-/](\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})$")


class FuzzyDate(msgspec.Struct, frozen=True, order=True, gc=False):
    """An interval of days with the precision the source allows."""

    start: date
    end: date
    precision: Precision
    text: str

    @classmethod
    def parse(cls, text: str) -> FuzzyDate:
        """Parse the curated form; raise :class:`InvalidDate` otherwise."""
        value = text.strip()
        if ".." in value:
            first, _, last = value.partition("..")
            begin, finish = cls.parse(first), cls.parse(last)
            if finish.end < begin.start:
                raise InvalidDate(value, "the range ends before it starts")
            return cls(begin.start, finish.end, Precision.RANGE, value)
        return _parse_single(value, value)

    @classmethod
    def parse_user(cls, text: str) -> FuzzyDate:
        """Parse a date as a person types it, forgiving month names and separators."""
        value = " ".join(text.replace(",", " ").split())
        try:
            return cls.parse(value)
        except InvalidDate:
            pass
        words = value.casefold().split()
        numbers = [w for w in words if w.isdigit()]
        months = [_MONTHS[w.rstrip(".")] for w in words if w.rstrip(".") in _MONTHS]
        years = [int(n) for n in numbers if len(n) == 4]
        days = [int(n) for n in numbers if len(n) <= 2]
        if len(words) == len(numbers) + len(months) and len(months) == 1 and len(years) == 1:
            if not days:
                return _parse_single(f"{years[0]:04d}-{months[0]:02d}", value)
            if len(days) == 1:
                return _parse_single(f"{years[0]:04d}-{months[0]:02d}-{days[0]:02d}", value)
        raise InvalidDate(
            text,
            "use a year (2025), a month (2025-10 or Oct 2025) or a day (2025-10-13)",
        )

    @property
    def label(self) -> str:
        """Human form at exactly this precision."""
        match self.precision:
            case Precision.DAY:
                return f"{self.start.day} {calendar.month_abbr[self.start.month]} {self.start.year}"
            case Precision.WEEK:
                return f"week of {self.start.day} {calendar.month_abbr[self.start.month]} " + str(
                    self.start.year
                )
            case Precision.MONTH:
                return f"{calendar.month_name[self.start.month]} {self.start.year}"
            case Precision.YEAR:
                return str(self.start.year)
            case Precision.RANGE:
                first, _, last = self.text.partition("..")
                return _range_label(FuzzyDate.parse(first), FuzzyDate.parse(last))

    def overlaps(self, start: date, end: date) -> bool:
        return self.start <= end and start <= self.end

    def __str__(self) -> str:
        return self.text


def _range_label(first: FuzzyDate, last: FuzzyDate) -> str:
    """Two ends said once where they share it: "January–February 2025", "3–5 Feb 2026",
    "30 Jan–2 Feb 2026"; ends of other precisions in full ("2021–October 2025")."""
    begin, end = first.start, last.start
    same = first.precision is last.precision and begin.year == end.year
    if same and first.precision is Precision.MONTH:
        return f"{calendar.month_name[begin.month]}–{calendar.month_name[end.month]} {end.year}"
    if same and first.precision is Precision.DAY:
        if begin.month == end.month:
            return f"{begin.day}–{last.label}"
        return f"{begin.day} {calendar.month_abbr[begin.month]}–{last.label}"
    return f"{first.label}–{last.label}"


def _parse_single(value: str, original: str) -> FuzzyDate:
    try:
        if match := _DAY.match(value):
            day = date(int(match[1]), int(match[2]), int(match[3]))
            return FuzzyDate(day, day, Precision.DAY, value)
        if match := _WEEK.match(value):
            monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
            return FuzzyDate(monday, monday + timedelta(days=6), Precision.WEEK, value)
        if match := _MONTH.match(value):
            year, month = int(match[1]), int(match[2])
            last = calendar.monthrange(year, month)[1]
            canonical = f"{year:04d}-{month:02d}"
            return FuzzyDate(
                date(year, month, 1), date(year, month, last), Precision.MONTH, canonical
            )
        if match := _YEAR.match(value):
            year = int(match[1])
            return FuzzyDate(date(year, 1, 1), date(year, 12, 31), Precision.YEAR, value)
    except ValueError as exc:
        raise InvalidDate(original, str(exc)) from None
    raise InvalidDate(
        original,
        "write 2025-10-13 (day), 2025-W41 (week), 2025-10 (month), 2025 (year) "
        "or 2020..2023 (range)",
    )


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def implied_precision(phrase: str) -> Precision | None:
    """The finest precision a date phrase can support, or ``None`` when it cannot tell.

    "on Monday" or "13 October" can name a day; "last week" a week; "In October, 2025"
    a month; "between 2020 and 2023" a range. Used to refuse a curated date that is more
    precise than the words it comes from.
    """
    words = re.findall(r"[a-z]+|\d+", phrase.casefold())
    has_day_number = any(w.isdigit() and len(w) <= 2 for w in words)
    if any(w in _WEEKDAYS for w in words) or {"yesterday", "today"} & set(words):
        return Precision.DAY
    if "week" in words:
        return Precision.WEEK
    if any(w in _MONTHS for w in words):
        return Precision.DAY if has_day_number else Precision.MONTH
    years = [w for w in words if w.isdigit() and len(w) == 4]
    if len(years) >= 2:
        return Precision.RANGE
    if years:
        return Precision.YEAR
    return None


def after_publication(when: FuzzyDate, published: FuzzyDate) -> str | None:
    """Why ``when`` cannot be a date reported by a source published ``published``, or
    ``None``. Like is compared with like: a date is after publication when its last
    period (the whole date, or a range's last part) begins after the publication ends
    ("2026-02-03" after "2026-02-02", "2026-02" after "2026-01", "2025..2026-03" after
    "2026-02"); a month or range ending in the month that holds the publication day
    ("2026-01" for a source of 2026-01-30) is not after it."""
    last = FuzzyDate.parse(when.text.partition("..")[2]) if ".." in when.text else when
    if last.start > published.end:
        return f"{when} ends after its source was published ({published})"
    return None
