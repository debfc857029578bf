"""The date index answers exactly what scanning every dated fact would."""

from __future__ import annotations

import random
from datetime import date

from bot.answers import queries
from bot.records.dates import FuzzyDate
from bot.store.facts import FactStore
from bot.store.intervals import IntervalIndex
from tests.test_scale import generated

__all__ = ["generated"]  # the generated store fixture, shared


def test_the_index_agrees_with_a_scan_on_random_intervals() -> None:
    rng = random.Random(3)
    starts, ends = [], []
    for _ in range(3000):
        start = rng.randrange(0, 10_000)
        starts.append(start)
        ends.append(start + rng.choice((0, 0, 30, 365, 3000)))
    index = IntervalIndex(starts, ends)
    for _ in range(300):
        low = rng.randrange(-100, 11_000)
        high = low + rng.choice((0, 10, 400, 5000))
        hits = [i for i in range(len(starts)) if starts[i] <= high and ends[i] >= low]
        assert index.count(low, high) == len(hits)
        assert index.last(low, high, 60) == hits[-60:]
    assert index.count(5, 4) == 0 and IntervalIndex([], []).last(0, 9, 5) == []


def test_a_dates_only_timeline_equals_filtering_the_whole(generated: FactStore) -> None:
    for since, until in (("2019", "2019"), ("2015", "2021-06"), ("2024-03", None), (None, "2012")):
        response = queries.timeline(generated, since=since, until=until)
        shown = [i.fact for i in response.sections[0].items]
        low = FuzzyDate.parse_user(since).start if since else date.min
        high = FuzzyDate.parse_user(until).end if until else date.max
        expected = [
            f.id
            for f in generated.timeline
            if f.date is not None and f.date.when.overlaps(low, high)
        ]
        assert shown == expected[-queries.TIMELINE_MAX :], (since, until)
        if len(expected) > queries.TIMELINE_MAX:
            assert any(f"of {len(expected)};" in n for n in response.notes)
