"""Timeline pictures: the dated items of an answer drawn as a PNG.

Each item is one row, drawn across every day its date allows: a day is a point, a week,
month, year or range is a bar, and an estimated date is hatched and hollow. The picture is
an opaque light card, so it reads the same in Discord's dark and light themes.

Matplotlib is imported only here and only when a picture is asked for (it costs half a
second), and drawn through its object API on a private figure, never ``pyplot``'s global
state, so rendering may run in a worker thread.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from datetime import date, timedelta

from bot.answers.response import Item, Response

PICTURE_MAX_BYTES = 8 * 1024 * 1024
"""Discord's smallest attachment limit (8 MiB, servers without boosts until 2024)."""
LABEL_WIDTH = 64
"""Characters of an item's text per label line; two lines at most."""
WIDTH_INCHES = 12.0
DPI = 100

INK = "#1e1f22"
MUTED = "#5c5e66"
PAPER = "#ffffff"
GRID = "#e3e5e8"
MARK = "#4752c4"


@dataclass(frozen=True, slots=True)
class Picture:
    png: bytes
    rows: int
    """Items drawn (one mark each)."""
    points: int
    """Items dated to a single day."""
    bars: int
    """Items dated to a span of days."""
    estimated: int
    """Marks drawn hatched because their date is an estimate."""
    width: int
    height: int


class NothingToDraw(ValueError):
    """The answer has no dated items."""


def _rows(response: Response) -> list[Item]:
    return [item for section in response.sections for item in section.items if item.span]


def _label(item: Item) -> str:
    text = f"{item.date} · {item.text}" if item.date else item.text
    return "\n".join(textwrap.wrap(text, LABEL_WIDTH, max_lines=2, placeholder=" …"))


def draw_timeline(response: Response) -> Picture:
    """Draw the dated items of ``response`` in its order, top to bottom."""
    rows = _rows(response)
    if not rows:
        raise NothingToDraw("This answer has no dated facts to draw.")
    from matplotlib import dates as mdates
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    height = max(3.0, 0.52 * len(rows) + 1.9)
    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI, facecolor=PAPER)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.40, 1.05 / height, 0.57, 1 - 1.65 / height), facecolor=PAPER)
    points = bars = estimated = 0
    spans: list[tuple[date, date]] = []
    for row, item in enumerate(rows):
        assert item.span is not None
        first, last = (date.fromisoformat(day) for day in item.span)
        spans.append((first, last))
        hatch = "////" if item.estimated else None
        estimated += item.estimated
        if first == last:
            points += 1
            axes.plot(
                [mdates.date2num(first)],
                [row],
                marker="o",
                markersize=9,
                markeredgewidth=2,
                color=MARK,
                markerfacecolor=PAPER if item.estimated else MARK,
                linestyle="none",
            )
        else:
            bars += 1
            begin = mdates.date2num(first)
            axes.barh(
                row,
                mdates.date2num(last + timedelta(days=1)) - begin,
                left=begin,
                height=0.55,
                color=PAPER if item.estimated else MARK,
                alpha=1.0 if item.estimated else 0.8,
                edgecolor=MARK,
                linewidth=1.5,
                hatch=hatch,
            )
    earliest = min(first for first, _ in spans)
    latest = max(last for _, last in spans) + timedelta(days=1)
    margin = max(timedelta(days=10), (latest - earliest) * 0.04)
    axes.set_xlim(mdates.date2num(earliest - margin), mdates.date2num(latest + margin))
    axes.set_ylim(len(rows) - 0.4, -0.6)
    axes.set_yticks(
        range(len(rows)),
        labels=[_label(item) for item in rows],
        fontsize=9,
        color=INK,
    )
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    axes.tick_params(axis="x", colors=INK, labelsize=9)
    axes.tick_params(axis="y", length=0)
    axes.grid(axis="x", color=GRID, linewidth=0.8)
    axes.set_axisbelow(True)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.spines["bottom"].set_color(MUTED)
    figure.text(0.02, 1 - 0.32 / height, response.title, fontsize=13, weight="bold", color=INK)
    figure.legend(
        handles=[
            Patch(facecolor=MARK, edgecolor=MARK, label="one day (point) or a span (bar)"),
            Patch(facecolor=PAPER, edgecolor=MARK, hatch="////", label="estimated date"),
        ],
        loc="lower left",
        bbox_to_anchor=(0.02, 0.05 / height),
        frameon=False,
        ncols=2,
        fontsize=9,
        labelcolor=INK,
    )
    figure.text(
        0.98,
        0.12 / height,
        f"briefbot · store {response.store_version} · each fact drawn across the days "
        "its sources allow",
        fontsize=8,
        color=MUTED,
        ha="right",
    )
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", facecolor=PAPER, metadata={"Software": "briefbot"})
    png = buffer.getvalue()
    if len(png) > PICTURE_MAX_BYTES:  # pragma: no cover - 60 rows stay near 150 KB
        raise NothingToDraw("The picture would be too large to attach; narrow the timeline.")
    width, pixels_high = figure.canvas.get_width_height()
    return Picture(png, len(rows), points, bars, estimated, width, pixels_high)
