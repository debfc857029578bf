"""Small helpers: timing and percentiles."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary(values_ms: list[float]) -> dict[str, float]:
    return {
        "median_ms": round(statistics.median(values_ms), 3),
        "p99_ms": round(percentile(values_ms, 99), 3),
        "max_ms": round(max(values_ms), 3),
        "n": len(values_ms),
    }


def timed(call: Callable[[], Any], inputs: list[Any] | None = None, repeat: int = 1) -> list[float]:
    """Milliseconds per call, over each input (or ``repeat`` times)."""
    out = []
    for value in inputs if inputs is not None else [None] * repeat:
        start = time.perf_counter()
        call() if value is None else call(value)
        out.append((time.perf_counter() - start) * 1000)
    return out
