"""How cost grows with the store: ``docs/bench-growth.png`` from the benchmark results.

Reads ``benchmarks/results.json`` (``make bench``) and, when present, the ``--sizes 1m``
run's ``benchmarks/results-1m.json``; one line per figure against the number of facts.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "bench-growth.png"


def _results() -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for name in ("results.json", "results-1m.json"):
        path = ROOT / "benchmarks" / name
        if path.exists():
            merged |= json.loads(path.read_text())["results"]
    return merged


def draw(out: Path = OUT) -> Path | None:
    """Draw the growth chart; ``None`` when there are no results with generated sizes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    results = {k: v for k, v in _results().items() if v["load"]["counts"]["facts"] >= 1000}
    if not results:
        return None
    sizes = sorted(results, key=lambda k: results[k]["load"]["counts"]["facts"])
    facts = [results[k]["load"]["counts"]["facts"] for k in sizes]
    figure = Figure(figsize=(11, 4.2), dpi=100, facecolor="white")
    FigureCanvasAgg(figure)
    left, right = figure.subplots(1, 2)
    for label, pick in (
        ("load, cold", lambda r: r["load"]["cold_load_s"]),
        ("load, cached", lambda r: r["load"]["warm_load_s"]),
        ("indexes, built", lambda r: r["load"]["cold_index_s"]),
        ("indexes, loaded", lambda r: r["load"]["index_s"]),
        ("reload after a fact edit", lambda r: r["reload"]["a fact edit"]["wall_s"]),
    ):
        left.plot(facts, [_value(pick, results[k]) for k in sizes], marker="o", label=label)
    left.set(xscale="log", yscale="log", xlabel="facts", ylabel="seconds", title="Start-up")
    commands = ("actor", "timeline", "timeline dates", "search", "search 8 words, a typo")
    for name in commands:
        values = [results[k]["commands"][name]["p99_ms"] for k in sizes]
        right.plot(facts, values, marker="o", label=f"/{name}")
    right.plot(
        facts,
        [results[k]["autocomplete"]["ours"]["p99_ms"] for k in sizes],
        marker="o",
        label="autocomplete",
    )
    right.axhline(10, color="grey", linestyle="--", linewidth=1, label="target p99, 10 ms")
    right.set(xscale="log", yscale="log", xlabel="facts", ylabel="p99 (ms)", title="Commands, p99")
    for axes in (left, right):
        axes.grid(True, which="major", color="#e3e5e8")
        axes.legend(fontsize=8)
    figure.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(out, format="png")
    return out


def _value(pick: Callable[[dict[str, Any]], float], result: dict[str, Any]) -> float:
    """A figure, or a gap where an older results file does not have it."""
    try:
        return pick(result)
    except KeyError:
        return math.nan


if __name__ == "__main__":
    print(draw() or "no results to draw: run make bench")
