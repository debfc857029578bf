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
from typing import TYPE_CHECKING

from bot.answers.response import Item, Response

if TYPE_CHECKING:
    from matplotlib.axes import Axes

PICTURE_MAX_BYTES = 8 * 1024 * 1024
"""Discord's smallest attachment limit (8 MiB, servers without boosts until 2024)."""
LABEL_WIDTH = 64
"""Characters of an item's text per label line; two lines at most."""
RECENT_DAYS = 120
"""Facts ending within this many days of a timeline's latest day are its recent ones."""
RECENT_PAD_DAYS = 10
"""Days the recent panel starts before the earliest of the recent facts' ends."""
RECENT_SHARE = 0.25
"""Two scales only when the recent window is at most this share of the whole."""
EARLY_WIDTH = 0.38
"""Share of the plot's width the earlier years get on two scales."""
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
    recent: date | None = None
    """The first day of the recent panel, when the picture has two scales."""
    scales: tuple[float, ...] = ()
    """Pixels per day of each panel, left to right."""


class NothingToDraw(ValueError):
    """The answer has no dated items."""


def _rows(response: Response) -> list[Item]:
    return [item for section in response.sections for item in section.items if item.span]


def _label(item: Item) -> str:
    text = f"{item.date} · {item.text}" if item.date else item.text
    return "\n".join(textwrap.wrap(text, LABEL_WIDTH, max_lines=2, placeholder=" …"))


def recent_start(spans: list[tuple[date, date]]) -> date | None:
    """Where a timeline's recent panel begins, or None when one scale reads well.

    News clusters in its last weeks while its background reaches back years: on one scale
    the recent facts are slivers. When at least a third of the facts end within
    RECENT_DAYS of the latest day and the whole runs over RECENT_SHARE⁻¹ times longer than
    that window, the picture gets two scales: the earlier years compressed on the left,
    the recent window (from a little before the earliest of those ends) on the right."""
    latest = max(last for _, last in spans)
    earliest = min(first for first, _ in spans)
    recent = [last for _, last in spans if (latest - last).days <= RECENT_DAYS]
    begin = min(recent) - timedelta(days=RECENT_PAD_DAYS)
    if 3 * len(recent) < len(spans) or (latest - begin) > (latest - earliest) * RECENT_SHARE:
        return None
    return begin


def draw_timeline(response: Response) -> Picture:
    """Draw the dated items of ``response`` in its order, top to bottom: on two scales
    (earlier years, recent weeks) when most facts sit in the last weeks (:func:`recent_start`)."""
    rows = _rows(response)
    if not rows:
        raise NothingToDraw("This answer has no dated facts to draw.")
    from matplotlib import dates as mdates
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    spans = [_span(item) for item in rows]
    split = recent_start(spans)
    height = max(3.0, 0.52 * len(rows) + 1.9)
    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI, facecolor=PAPER)
    FigureCanvasAgg(figure)
    bottom, tall = 1.05 / height, 1 - 1.65 / height
    if split is None:
        panels = [figure.add_axes((0.40, bottom, 0.57, tall), facecolor=PAPER)]
    else:
        early = 0.57 * EARLY_WIDTH
        panels = [
            figure.add_axes((0.40, bottom, early - 0.01, tall), facecolor=PAPER),
            figure.add_axes((0.41 + early, bottom, 0.56 - early, tall), facecolor=PAPER),
        ]
    points, bars, estimated = _marks(panels[0], rows, spans)
    for axes in panels[1:]:  # every mark in every panel: each shows the days in its range
        _marks(axes, rows, spans)
    earliest = min(first for first, _ in spans)
    latest = max(last for _, last in spans) + timedelta(days=1)
    bounds = [(earliest, latest)] if split is None else [(earliest, split), (split, latest)]
    for number, (axes, (left, right)) in enumerate(zip(panels, bounds, strict=True)):
        margin = max(timedelta(days=3), (right - left) * 0.04)
        before = margin if number == 0 else timedelta(0)  # the panels meet at the split
        after = margin if number == len(panels) - 1 else timedelta(0)
        axes.set_xlim(mdates.date2num(left - before), mdates.date2num(right + after))
        _style(axes, len(rows))
    panels[0].set_yticks(
        range(len(rows)), labels=[_label(item) for item in rows], fontsize=9, color=INK
    )
    if split is not None:
        _break(panels, split)
    scales = tuple(_pixels_per_day(axes) for axes in panels)
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
    return Picture(png, len(rows), points, bars, estimated, width, pixels_high, split, scales)


def _span(item: Item) -> tuple[date, date]:
    assert item.span is not None  # _rows keeps only dated items
    return date.fromisoformat(item.span[0]), date.fromisoformat(item.span[1])


def _marks(axes: Axes, rows: list[Item], spans: list[tuple[date, date]]) -> tuple[int, int, int]:
    """Each row's mark (a point for a day, a bar for a span, hollow and hatched when
    estimated); the counts of points, bars and estimates."""
    from matplotlib import dates as mdates

    points = bars = estimated = 0
    for row, (item, (first, last)) in enumerate(zip(rows, spans, strict=True)):
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
                hatch="////" if item.estimated else None,
            )
    return points, bars, estimated


def _style(axes: Axes, rows: int) -> None:
    from matplotlib import dates as mdates

    axes.set_facecolor(PAPER)
    axes.set_ylim(rows - 0.4, -0.6)
    axes.set_yticks([])
    locator = mdates.AutoDateLocator(minticks=2, maxticks=6)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    axes.tick_params(axis="x", colors=INK, labelsize=9)
    axes.tick_params(axis="y", length=0)
    axes.grid(axis="x", color=GRID, linewidth=0.8)
    axes.set_axisbelow(True)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.spines["bottom"].set_color(MUTED)


def _break(panels: list[Axes], split: date) -> None:
    """Mark the broken axis between the two panels, and say what each scale covers."""
    for axes, at in ((panels[0], 1.0), (panels[1], 0.0)):
        axes.plot(
            [at - 0.012, at + 0.012],
            [-0.02, 0.02],
            transform=axes.transAxes,
            color=MUTED,
            clip_on=False,
            linewidth=1.2,
        )
    panels[0].set_title("earlier (compressed)", fontsize=9, color=MUTED, loc="left")
    panels[1].set_title(
        f"recent weeks, from {split:%d %b %Y} (to scale)", fontsize=9, color=MUTED, loc="left"
    )


def _pixels_per_day(axes: Axes) -> float:
    left, right = axes.get_xlim()
    return float(axes.get_window_extent().width / (right - left))
