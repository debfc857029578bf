"""Render a :class:`Response` as plain text with numbered footnotes (console and CLI)."""

from __future__ import annotations

import re
import textwrap

from bot.answers.response import CitationRef, Item, Response

WIDTH = 100


def render(response: Response, width: int = WIDTH) -> str:
    lines: list[str] = []
    if not response.ok and response.error is not None:
        lines.append(f"✗ {response.error.message}")
        if response.error.suggestions:
            lines.append("  Did you mean: " + "; ".join(response.error.suggestions) + "?")
        return "\n".join(lines)
    lines += [response.title, "═" * min(width, len(response.title))]
    if response.subtitle:
        lines.append(response.subtitle)
    for note in response.notes:
        lines += textwrap.wrap(f"ℹ {note}", width)
    if response.legend:
        lines += textwrap.wrap(response.legend, width)
    for section in response.sections:
        lines += ["", section.title, "─" * len(section.title)]
        for item in section.items:
            lines += _item(item, width)
    if response.citations:
        lines += ["", "Sources cited", "─────────────"]
        for ref in response.citations:
            where = f" <{ref.url}>" if ref.url else ""
            lines += textwrap.wrap(
                f"[{ref.number}] {ref.source_title}{where}: “{ref.quote}”",
                width,
                initial_indent="  ",
                subsequent_indent="      ",
            )
    lines += ["", f"store {response.store_version}"]
    return "\n".join(lines)


def _item(item: Item, width: int) -> list[str]:
    text = _highlight(item.text, item.matched)
    marks = "".join(f"[{n}]" for n in item.cites)
    head = " ".join(p for p in (text, marks, item.sourcing) if p)
    lines = textwrap.wrap(head, width, initial_indent="  • ", subsequent_indent="    ")
    meta = []
    if item.date:
        meta.append(item.date + (f", “{item.date_phrase}”" if item.date_phrase else ""))
    if item.placement:
        meta.append(item.placement)
    if item.label:
        meta.append(item.label)
    if item.matched:
        meta.append("matched: " + ", ".join(item.matched))
    if meta:
        lines += textwrap.wrap(
            " · ".join(meta), width, initial_indent="    ", subsequent_indent="    "
        )
    for extra in (item.context, item.correction, item.note and f"note: {item.note}"):
        if extra:
            lines += textwrap.wrap(extra, width, initial_indent="    ", subsequent_indent="    ")
    return lines


def _highlight(text: str, words: tuple[str, ...]) -> str:
    if not words:
        return text
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b")
    return pattern.sub(lambda m: f"*{m[1]}*", text)


def render_passage(ref: CitationRef, width: int = WIDTH) -> str:
    """Footnote ``ref`` in its article: the sentence before and after, the quote in bold."""
    about = [p for p in (ref.outlet, ref.published, ref.graded) if p]
    lines = [f"[{ref.number}] {ref.source_title} · {' · '.join(about)}"]
    if ref.url:
        lines.append(f"    <{ref.url}>")
    where = ref.in_passage
    if ref.passage is None or where is None:
        return "\n".join([*lines, *textwrap.wrap(f"“{ref.quote}”", width, initial_indent="    ")])
    text = ref.passage.text
    marked = f"{text[: where[0]]}**{text[where[0] : where[1]]}**{text[where[1] :]}"
    paragraph = " ".join(p for p in (ref.passage.before, marked, ref.passage.after) if p)
    lines += textwrap.wrap(paragraph, width, initial_indent="    ", subsequent_indent="    ")
    return "\n".join(lines)
