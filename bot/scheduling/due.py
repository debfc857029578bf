"""When digests are due: pure functions of a time, a subscription's local time and zone.

A subscription posts once per local date at its local time. Nonexistent local times (the
hour skipped when clocks go forward) resolve as zoneinfo does, to the same wall time in
the old offset, which is just after the gap; repeated times (when clocks go back) resolve
to their first occurrence. Posting is keyed by local date, so neither case posts twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from rapidfuzz import fuzz, process

from bot.records.errors import BriefbotError

GRACE = timedelta(hours=3)
"""After downtime, a digest missed by less than this is posted late; by more, skipped."""
LATE_AFTER = timedelta(minutes=10)
"""A digest posted this long after its time is marked late."""


class InvalidSchedule(BriefbotError):
    kind = "invalid_schedule"


_TIME = re.compile(r"^(\d{1,2})(?::?(\d{2}))?\s*(am|pm)?$", re.IGNORECASE)


def parse_local_time(text: str) -> time:
    """'08:00', '8:30', '0830', '8am', '6 pm' → a wall-clock time."""
    match = _TIME.match(text.strip())
    if match:
        hour, minute, half = int(match[1]), int(match[2] or 0), (match[3] or "").lower()
        if half:
            if not 1 <= hour <= 12:
                match = None
            else:
                hour = hour % 12 + (12 if half == "pm" else 0)
        if match and hour < 24 and minute < 60:
            return time(hour, minute)
    raise InvalidSchedule(
        f"{text!r} is not a time of day: use 24-hour HH:MM, e.g. 08:00 "
        "or 18:30 (8am and 6pm work too)."
    )


@lru_cache(maxsize=1)
def timezone_names() -> tuple[str, ...]:
    return tuple(sorted(available_timezones()))


def parse_timezone(text: str) -> ZoneInfo:
    name = text.strip()
    canonical = {n.casefold(): n for n in timezone_names()}
    if name.casefold() in canonical:
        return ZoneInfo(canonical[name.casefold()])
    if name.upper() in ("UTC", "GMT", "Z"):
        return ZoneInfo("UTC")
    near = tuple(
        m[0]
        for m in process.extract(
            name, timezone_names(), scorer=fuzz.WRatio, limit=5, score_cutoff=60
        )
    )
    raise InvalidSchedule(
        f"{name!r} is not an IANA time zone, such as Europe/Paris or Africa/Bamako.", near
    )


@lru_cache(maxsize=4096)
def complete_timezone(typed: str, limit: int = 25) -> list[str]:
    """Zone names for a partly typed one; cached, since people type the same prefixes."""
    names = timezone_names()
    text = typed.strip().replace(" ", "_")
    if not text:
        return [
            "UTC",
            "Africa/Bamako",
            "Africa/Niamey",
            "Africa/Ouagadougou",
            "Europe/London",
            "Europe/Paris",
            "America/New_York",
        ][:limit]
    starts = [
        n
        for n in names
        if n.casefold().startswith(text.casefold())
        or n.casefold().split("/")[-1].startswith(text.casefold())
    ]
    fuzzy = [m[0] for m in process.extract(text, names, scorer=fuzz.WRatio, limit=limit)]
    return list(dict.fromkeys(starts + fuzzy))[:limit]


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidSchedule(f"unknown time zone {name!r}") from exc


@dataclass(frozen=True, slots=True, order=True)
class Due:
    at: datetime
    """The moment, in UTC."""
    local_date: date


def due_on(local_date: date, local_time: time, tz: ZoneInfo) -> Due:
    wall = datetime.combine(local_date, local_time, tzinfo=tz)
    return Due(wall.astimezone(UTC), local_date)


def around(now: datetime, local_time: time, tz: ZoneInfo) -> list[Due]:
    """The occurrences on yesterday's, today's and tomorrow's local dates."""
    today = now.astimezone(tz).date()
    return [due_on(today + timedelta(days=d), local_time, tz) for d in (-1, 0, 1)]


class Decision(StrEnum):
    WAIT = "wait"
    POST = "post"
    POST_LATE = "post late"
    MISSED = "missed"


def decide(now: datetime, due: Due, grace: timedelta = GRACE) -> Decision:
    if now < due.at:
        return Decision.WAIT
    overdue = now - due.at
    if overdue <= LATE_AFTER:
        return Decision.POST
    return Decision.POST_LATE if overdue <= grace else Decision.MISSED


def next_due_after(now: datetime, local_time: time, tz: ZoneInfo) -> Due:
    today = now.astimezone(tz).date()
    candidates = (due_on(today + timedelta(days=d), local_time, tz) for d in range(-1, 3))
    return next(d for d in candidates if d.at > now)
