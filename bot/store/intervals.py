"""Which dated facts a date range touches, without looking at every fact.

Facts stand in timeline order; each covers the days ``[start, end]`` its date allows. A
query asks for the facts overlapping ``[low, high]``: how many there are, and the last
``limit`` of them in timeline order (what a timeline shows). A segment tree over timeline
positions keeps, for each span of positions, the earliest start and the latest end in it,
so whole spans that cannot overlap are skipped; the count comes from two sorted arrays.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Sequence

import msgspec


class IntervalIndex:
    def __init__(self, starts: Sequence[int], ends: Sequence[int]) -> None:
        """``starts[i]``/``ends[i]``: day numbers of the fact at timeline position ``i``."""
        count = len(starts)
        size = 1
        while size < count:
            size *= 2
        self._size = size
        self._count = count
        far = 1 << 62
        self._min_start = array("q", [far]) * (2 * size)
        self._max_end = array("q", [-far]) * (2 * size)
        for position in range(count):
            self._min_start[size + position] = starts[position]
            self._max_end[size + position] = ends[position]
        for node in range(size - 1, 0, -1):
            left, right = 2 * node, 2 * node + 1
            self._min_start[node] = min(self._min_start[left], self._min_start[right])
            self._max_end[node] = max(self._max_end[left], self._max_end[right])
        # arrays, not lists: a list holds an int object per fact
        self._sorted_starts = array("q", sorted(starts))
        self._sorted_ends = array("q", sorted(ends))

    class Saved(msgspec.Struct, frozen=True):
        size: int
        count: int
        min_start: bytes
        max_end: bytes
        sorted_starts: bytes
        sorted_ends: bytes

    def save(self) -> IntervalIndex.Saved:
        return IntervalIndex.Saved(
            self._size,
            self._count,
            *(a.tobytes() for a in (self._min_start, self._max_end)),
            *(a.tobytes() for a in (self._sorted_starts, self._sorted_ends)),
        )

    @classmethod
    def restore(cls, saved: IntervalIndex.Saved) -> IntervalIndex:
        index = cls.__new__(cls)
        index._size, index._count = saved.size, saved.count
        index._min_start, index._max_end = array("q"), array("q")
        index._sorted_starts, index._sorted_ends = array("q"), array("q")
        index._min_start.frombytes(saved.min_start)
        index._max_end.frombytes(saved.max_end)
        index._sorted_starts.frombytes(saved.sorted_starts)
        index._sorted_ends.frombytes(saved.sorted_ends)
        return index

    def count(self, low: int, high: int) -> int:
        """How many facts overlap ``[low, high]`` (a fact never ends before it starts)."""
        if high < low:
            return 0
        ends_before = bisect.bisect_left(self._sorted_ends, low)
        starts_after = self._count - bisect.bisect_right(self._sorted_starts, high)
        return self._count - ends_before - starts_after

    def last(self, low: int, high: int, limit: int) -> list[int]:
        """Timeline positions of the last ``limit`` facts overlapping ``[low, high]``,
        in timeline order."""
        found: list[int] = []
        stack = [1]
        while stack and len(found) < limit:
            node = stack.pop()
            if self._min_start[node] > high or self._max_end[node] < low:
                continue
            if node >= self._size:
                found.append(node - self._size)
            else:
                stack += (2 * node, 2 * node + 1)  # the right child is visited first
        found.reverse()
        return found
