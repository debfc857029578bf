"""Render a :class:`Response` as Discord embeds that always fit Discord's limits.

Long answers become several pages (one embed each) instead of being cut. Each page
carries the footnotes for the citations its own items use, as fields. All text is
escaped: curated text cannot format, and user text echoed back cannot ping or format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import discord

from bot.answers.response import CitationRef, Item, Response

TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELD_VALUE_MAX = 1024
FIELDS_MAX = 25
FOOTER_MAX = 2048
TOTAL_MAX = 6000
"""Discord's limits for one embed (and for all embeds of one message)."""

PAGE_BUDGET = 5600
"""Characters a page may use, leaving room for the footer written after paging."""
DESCRIPTION_BUDGET = 3800
ITEM_MAX = 1500
QUOTE_MAX = 300
CORRECTION_MAX = 400
"""Characters of a correction's note under its line (the earlier text may be long)."""

COLOUR_OK = discord.Colour.from_rgb(47, 111, 158)
COLOUR_ERROR = discord.Colour.from_rgb(196, 64, 64)


_MARKUP = re.compile(r"[_\\~|*`>\[#-]")
"""Every character discord.py's escape_markdown can act on: a text with none is left as is
(its links are kept whole in any case)."""


def escape(text: str) -> str:
    """Neutralise markdown and mentions in text shown inside an embed."""
    if _MARKUP.search(text) is not None:
        text = discord.utils.escape_markdown(text)
    return text.replace("@", "@\u200b")


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def clip_middle(text: str, limit: int) -> str:
    """Keep both ends of a long quote: a footnote joining several quotes of one source
    backs the first part of a statement with its start and the last part with its end."""
    if len(text) <= limit:
        return text
    half = (limit - 3) // 2
    return text[:half].rstrip() + " … " + text[-half:].lstrip()


@dataclass(frozen=True, slots=True)
class Page:
    embed: discord.Embed
    cites: tuple[int, ...]
    """The footnotes shown on this page."""


def render(response: Response) -> list[Page]:
    """The pages of an answer, each with the footnotes it shows."""
    if not response.ok:
        return [Page(render_error(response), ())]
    title = clip(escape(response.title), TITLE_MAX)
    header = _header(response)
    citations = {c.number: c for c in response.citations}
    note_sizes = {n: len(_footnote(c)) + 1 for n, c in citations.items()}  # once each
    pages: list[tuple[list[str], list[int]]] = []
    lines: list[str] = [header] if header else []
    cited: list[int] = []

    legend = len(response.legend or "")  # in every page's footer

    def size(block_lines: list[str], numbers: list[int]) -> tuple[int, int]:
        description = len("\n".join(block_lines))
        notes = sum(note_sizes[n] for n in numbers) + 40 + legend
        return description, len(title) + description + notes

    for section in response.sections:
        if section.new_page and len(lines) > (1 if header else 0):
            pages.append((lines, cited))
            lines, cited = [], []
        heading = f"\n**{escape(section.title)}**"
        for index, item in enumerate(section.items):
            block = ([heading] if index == 0 else []) + [_item(item)]
            numbers = cited + [n for n in item.cites if n not in cited]
            description, total = size(lines + block, numbers)
            if (description > DESCRIPTION_BUDGET or total > PAGE_BUDGET) and (
                len(lines) > (1 if header else 0)
            ):
                pages.append((lines, cited))
                lines = [f"**{escape(section.title)}** (continued)"] if index else []
                cited = []
                block = [b.lstrip("\n") for b in block]
                numbers = list(item.cites)
            lines = lines + block
            cited = numbers
    pages.append((lines, cited))

    rendered = []
    for number, (page_lines, page_cites) in enumerate(pages, 1):
        embed = discord.Embed(
            title=title,
            description=clip("\n".join(page_lines).strip() or "\u200b", DESCRIPTION_MAX),
            colour=COLOUR_OK,
        )
        for name, value in _footnote_fields([citations[n] for n in sorted(page_cites)]):
            embed.add_field(name=name, value=value, inline=False)
        footer = f"store {response.store_version}"
        if len(pages) > 1:
            footer += f" · page {number}/{len(pages)}"
        if response.legend:  # on every page: a reader of page 2 needs it too
            footer = f"{response.legend}\n{footer}"
        embed.set_footer(text=clip(footer, FOOTER_MAX))
        rendered.append(Page(embed, tuple(sorted(page_cites))))
    return rendered


def render_error(response: Response) -> discord.Embed:
    error = response.error
    message = error.message if error else "Something went wrong."
    description = escape(message)
    if error and error.suggestions:
        shown = "\n".join(f"• {escape(s)}" for s in error.suggestions[:10])
        description += f"\n\n**Did you mean**\n{shown}"
    return discord.Embed(
        title=clip(escape(response.title), TITLE_MAX),
        description=clip(description, DESCRIPTION_MAX),
        colour=COLOUR_ERROR,
    )


def _header(response: Response) -> str:
    parts = []
    if response.subtitle:
        parts.append(f"*{escape(response.subtitle)}*")
    parts += [f"-# {escape(note)}" for note in response.notes]
    return clip("\n".join(parts), 1000)


def _item(item: Item) -> str:
    text = escape(item.text)
    if item.matched:
        words = sorted({escape(w) for w in item.matched}, key=len, reverse=True)
        pattern = re.compile(r"(?<![\w*])(" + "|".join(re.escape(w) for w in words) + r")(?![\w*])")
        text = pattern.sub(r"**\1**", text)
    marks = "".join(f"[{n}]" for n in item.cites)
    line = " ".join(p for p in (f"• {clip(text, ITEM_MAX)}", marks, item.sourcing) if p)
    meta = []
    if item.date:
        meta.append(
            escape(item.date) + (f", “{escape(item.date_phrase)}”" if item.date_phrase else "")
        )
    if item.placement:
        meta.append(escape(item.placement))
    if item.label:
        meta.append(escape(item.label))
    if item.context:
        meta.append(escape(item.context))
    if item.correction:
        meta.append(escape(clip(item.correction, CORRECTION_MAX)))
    if meta:
        line += "\n-# " + " · ".join(meta)
    return line


def _footnote(ref: CitationRef) -> str:
    title = escape(ref.source_title)
    source = f"[{title}]({ref.url})" if ref.url else f"*{title}*"
    return f"`[{ref.number}]` {source}: “{escape(clip_middle(ref.quote, QUOTE_MAX))}”"


def _footnote_fields(refs: list[CitationRef]) -> list[tuple[str, str]]:
    fields: list[tuple[str, str]] = []
    current = ""
    for ref in refs:
        line = clip(_footnote(ref), FIELD_VALUE_MAX)
        if current and len(current) + 1 + len(line) > FIELD_VALUE_MAX:
            fields.append(("Sources" if not fields else "Sources (continued)", current))
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        fields.append(("Sources" if not fields else "Sources (continued)", current))
    return fields[:FIELDS_MAX]


PASSAGE_BUDGET = 1000
"""Characters of one passage embed, so five fit one message (6,000 for all its embeds)."""


def render_passage(ref: CitationRef) -> discord.Embed:
    """A footnote in its article: the sentence before and after, the quoted words in bold."""
    where = ref.in_passage
    if ref.passage is None or where is None:
        body = f"**{escape(clip_middle(ref.quote, PASSAGE_BUDGET - 4))}**"
    else:
        text = ref.passage.text
        quote = clip_middle(text[where[0] : where[1]], PASSAGE_BUDGET // 2)
        room = max(0, (PASSAGE_BUDGET - len(quote)) // 2)
        before, after = ref.passage.before, ref.passage.after
        lead_in = (f"{before} " if before else "") + text[: where[0]]
        lead_out = text[where[1] :] + (f" {after}" if after else "")
        lead_in = lead_in if len(lead_in) <= room else "…" + lead_in[-room + 1 :].lstrip()
        body = f"{escape(lead_in)}**{escape(quote)}**{escape(clip(lead_out, room))}"
    embed = discord.Embed(
        title=clip(escape(f"[{ref.number}] {ref.source_title}"), 200),
        url=ref.url,
        description=body,
        colour=COLOUR_OK,
    )
    about = [p for p in (ref.outlet, ref.published) if p] or ["outlet and date not given"]
    embed.set_footer(text=clip(" · ".join([*about, ref.graded]), 200))
    return embed
