from datetime import date

import pytest

from bot.records.dates import FuzzyDate, Precision, implied_precision
from bot.records.errors import InvalidDate


@pytest.mark.parametrize(
    ("text", "start", "end", "precision", "label"),
    [
        ("2025-10-13", date(2025, 10, 13), date(2025, 10, 13), Precision.DAY, "13 Oct 2025"),
        ("2025-W41", date(2025, 10, 6), date(2025, 10, 12), Precision.WEEK, "week of 6 Oct 2025"),
        ("2025-10", date(2025, 10, 1), date(2025, 10, 31), Precision.MONTH, "October 2025"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), Precision.MONTH, "February 2024"),
        ("2025", date(2025, 1, 1), date(2025, 12, 31), Precision.YEAR, "2025"),
        ("2020..2023", date(2020, 1, 1), date(2023, 12, 31), Precision.RANGE, "2020–2023"),
        (
            "2025-12..2026-01",
            date(2025, 12, 1),
            date(2026, 1, 31),
            Precision.RANGE,
            "December 2025–January 2026",
        ),
        # a range's ends share what they have in common once
        (
            "2025-01..2025-02",
            date(2025, 1, 1),
            date(2025, 2, 28),
            Precision.RANGE,
            "January–February 2025",
        ),
        (
            "2026-01-29..2026-01-30",
            date(2026, 1, 29),
            date(2026, 1, 30),
            Precision.RANGE,
            "29–30 Jan 2026",
        ),
        (
            "2026-01-30..2026-02-02",
            date(2026, 1, 30),
            date(2026, 2, 2),
            Precision.RANGE,
            "30 Jan–2 Feb 2026",
        ),
        (
            "2021..2025-10",
            date(2021, 1, 1),
            date(2025, 10, 31),
            Precision.RANGE,
            "2021–October 2025",
        ),
    ],
)
def test_curated_dates(text: str, start: date, end: date, precision: Precision, label: str) -> None:
    parsed = FuzzyDate.parse(text)
    assert (parsed.start, parsed.end, parsed.precision, parsed.label) == (
        start,
        end,
        precision,
        label,
    )


@pytest.mark.parametrize("text", ["2025-13", "2025-02-30", "Oct 2025", "2023..2020", "soon", ""])
def test_bad_curated_dates_are_refused(text: str) -> None:
    with pytest.raises(InvalidDate):
        FuzzyDate.parse(text)


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("2025", "2025"),
        ("2025-10", "2025-10"),
        ("2025/10", "2025-10"),
        ("Oct 2025", "2025-10"),
        ("october 2025", "2025-10"),
        ("Sept. 2025", "2025-09"),
        ("13 Oct 2025", "2025-10-13"),
        ("Oct 13, 2025", "2025-10-13"),
        ("2025-10-13", "2025-10-13"),
    ],
)
def test_dates_as_people_type_them(typed: str, canonical: str) -> None:
    assert FuzzyDate.parse_user(typed).text == canonical


@pytest.mark.parametrize("typed", ["yesterday", "Oct", "32 Oct 2025", "2025 2026", "Octember 2025"])
def test_unreadable_user_dates_say_what_is_accepted(typed: str) -> None:
    with pytest.raises(InvalidDate) as caught:
        FuzzyDate.parse_user(typed)
    assert repr(typed) in caught.value.message


@pytest.mark.parametrize(
    ("phrase", "finest"),
    [
        ("on Monday", Precision.DAY),
        ("last week", Precision.WEEK),
        ("In October, 2025", Precision.MONTH),
        ("on 13 October", Precision.DAY),
        ("between 2020 and 2023", Precision.RANGE),
        ("in 2023", Precision.YEAR),
        ("recently", None),
    ],
)
def test_implied_precision(phrase: str, finest: Precision | None) -> None:
    assert implied_precision(phrase) == finest
