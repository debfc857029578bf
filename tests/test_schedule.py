from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.scheduling.due import (
    Decision,
    InvalidSchedule,
    complete_timezone,
    decide,
    due_on,
    next_due_after,
    parse_local_time,
    parse_timezone,
)

LONDON, NEW_YORK, BAMAKO = (
    ZoneInfo("Europe/London"),
    ZoneInfo("America/New_York"),
    ZoneInfo("Africa/Bamako"),
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("08:00", time(8)),
        ("8:30", time(8, 30)),
        ("0830", time(8, 30)),
        ("18:05", time(18, 5)),
        ("8am", time(8)),
        ("12am", time(0)),
        ("12pm", time(12)),
        ("6 pm", time(18)),
        ("23:59", time(23, 59)),
    ],
)
def test_times_as_people_type_them(typed: str, expected: time) -> None:
    assert parse_local_time(typed) == expected


@pytest.mark.parametrize("typed", ["24:00", "8:60", "13pm", "noon", "", "8.30"])
def test_bad_times_say_what_is_accepted(typed: str) -> None:
    with pytest.raises(InvalidSchedule, match="24-hour HH:MM"):
        parse_local_time(typed)


def test_time_zones_are_iana_names_with_suggestions() -> None:
    assert parse_timezone("europe/paris").key == "Europe/Paris"
    assert parse_timezone("UTC").key == "UTC"
    with pytest.raises(InvalidSchedule) as caught:
        parse_timezone("Europe/Pari")
    assert "Europe/Paris" in caught.value.suggestions
    assert complete_timezone("bama")[0] == "Africa/Bamako"
    assert len(complete_timezone("")) <= 25 and len(complete_timezone("a")) <= 25


def test_due_times_in_three_time_zones() -> None:
    day = date(2026, 1, 15)
    assert due_on(day, time(8), BAMAKO).at == datetime(2026, 1, 15, 8, tzinfo=UTC)
    assert due_on(day, time(8), LONDON).at == datetime(2026, 1, 15, 8, tzinfo=UTC)
    assert due_on(day, time(8), NEW_YORK).at == datetime(2026, 1, 15, 13, tzinfo=UTC)
    summer = date(2026, 7, 15)
    assert due_on(summer, time(8), LONDON).at == datetime(2026, 7, 15, 7, tzinfo=UTC)
    assert due_on(summer, time(8), NEW_YORK).at == datetime(2026, 7, 15, 12, tzinfo=UTC)


def test_daily_times_stay_on_local_time_across_dst_changes() -> None:
    now = datetime(2026, 3, 27, 12, tzinfo=UTC)  # London moves to BST on Sunday 29 March
    seen = []
    for _ in range(4):
        due = next_due_after(now, time(8), LONDON)
        seen.append(due)
        now = due.at
    assert [d.local_date for d in seen] == [
        date(2026, 3, 28),
        date(2026, 3, 29),
        date(2026, 3, 30),
        date(2026, 3, 31),
    ]
    assert [d.at.hour for d in seen] == [8, 7, 7, 7]
    assert all(d.at.astimezone(LONDON).time() == time(8) for d in seen)


def test_a_time_inside_the_spring_gap_still_posts_once_that_day() -> None:
    due = due_on(date(2026, 3, 29), time(1, 30), LONDON)  # 01:00-02:00 does not exist
    assert due.at.astimezone(LONDON).date() == date(2026, 3, 29)
    following = next_due_after(due.at, time(1, 30), LONDON)
    assert following.local_date == date(2026, 3, 30)


def test_a_repeated_autumn_time_posts_once() -> None:
    first = due_on(date(2026, 11, 1), time(1, 30), NEW_YORK)  # 01:30 happens twice
    after = next_due_after(first.at, time(1, 30), NEW_YORK)
    assert after.local_date == date(2026, 11, 2)
    assert after.at - first.at == timedelta(hours=25)


@pytest.mark.parametrize(
    ("offset", "decision"),
    [
        (timedelta(seconds=-1), Decision.WAIT),
        (timedelta(0), Decision.POST),
        (timedelta(minutes=9), Decision.POST),
        (timedelta(minutes=11), Decision.POST_LATE),
        (timedelta(hours=3), Decision.POST_LATE),
        (timedelta(hours=3, seconds=1), Decision.MISSED),
    ],
)
def test_grace_window(offset: timedelta, decision: Decision) -> None:
    due = due_on(date(2026, 1, 15), time(8), BAMAKO)
    assert decide(due.at + offset, due) is decision
