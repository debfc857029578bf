"""Split an article into sentences, keeping each one's exact span of the original text.

Boundaries: sentence-final punctuation (with any closing quotes or brackets) followed by
white space and a capital, digit or opening quote; a blank line; and, in text with one
paragraph per line, every line break. A line standing alone without final punctuation is
a heading. Not boundaries: abbreviations such as "U.S.",
"Gen." or "Dr.", initials ("J. Smith"), punctuation inside a quotation followed by a
lower-case word (“…,” said X), dashes, and single line breaks inside a wrapped paragraph,
so a name split across two lines stays one sentence.
"""

from __future__ import annotations

import re

import msgspec

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt cpt sgt cmdr adm gov sen rep pres st jr sr
    inc ltd co corp no nos vs etc al approx dept est fig jan feb mar apr jun jul aug sep
    sept oct nov dec mt ft rev hon amb""".split()
)
FINAL = ".?!…"
CLOSERS = "\"'”’)]»"
OPENERS = "\"'“‘([«"
HEADING_MAX = 100


class Sentence(msgspec.Struct, frozen=True):
    start: int
    end: int
    text: str
    heading: bool = False
    """A line standing alone without final punctuation: a headline or subheading."""


def split(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    for start, end, heading in _blocks(text):
        if heading:
            sentences.append(Sentence(start, end, text[start:end], heading=True))
            continue
        sentences += _split_block(text, start, end)
    return sentences


def _blocks(text: str) -> list[tuple[int, int, bool]]:
    """Paragraph-like blocks: (start, end, is_heading), trimmed of white space."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*", text) if m.end() > m.start()]
    blocks: list[tuple[int, int, bool]] = []
    current: list[tuple[int, int]] = []

    def flush() -> None:
        if current:
            start, end = current[0][0], current[-1][1]
            body = text[start:end]
            start += len(body) - len(body.lstrip())
            end -= len(body) - len(body.rstrip())
            if end > start:
                only = text[start:end]
                heading = (
                    len(current) == 1
                    and len(only) <= HEADING_MAX
                    and only[-1] not in FINAL + CLOSERS + ",;:"
                )
                blocks.append((start, end, heading))
        current.clear()

    wrapped = _is_wrapped(text, lines)
    previous_end = -1
    for start, end in lines:
        line = text[start:end].strip()
        blank_between = previous_end >= 0 and "\n\n" in text[previous_end : start + 1]
        if not line:
            flush()
            previous_end = end
            continue
        last = text[current[-1][0] : current[-1][1]] if current else ""
        if current and (blank_between or _ends_sentence(last) or not wrapped):
            flush()
        current.append((start, end))
        previous_end = end
    flush()
    return blocks


def _is_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """Hard-wrapped prose (most lines stop mid-sentence), not one paragraph per line."""
    content = [text[s:e].strip() for s, e in lines if text[s:e].strip()]
    if len(content) < 3:
        return False
    ending = sum(1 for line in content if _ends_sentence(line))
    return ending < 0.5 * len(content)


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in FINAL


_BOUNDARY = re.compile(rf"[{re.escape(FINAL)}]+[{re.escape(CLOSERS)}]*(?=\s+)")


def _split_block(text: str, start: int, end: int) -> list[Sentence]:
    out: list[Sentence] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        after = text[match.end() : end].lstrip()
        if not after or not (after[0].isupper() or after[0].isdigit() or after[0] in OPENERS):
            continue
        if _abbreviation_before(text, cursor, match.start()):
            continue
        out.append(_sentence(text, cursor, match.end()))
        cursor = match.end()
    if text[cursor:end].strip():
        out.append(_sentence(text, cursor, end))
    return out


def _abbreviation_before(text: str, floor: int, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word = re.search(r"([\w.]+)$", text[floor:dot])
    if word is None:
        return False
    token = word.group(1)
    if "." in token:  # U.S, U.N, a.m
        return True
    return token.casefold() in ABBREVIATIONS or (len(token) == 1 and token.isupper())


def _sentence(text: str, start: int, end: int) -> Sentence:
    body = text[start:end]
    start += len(body) - len(body.lstrip())
    end -= len(body) - len(body.rstrip())
    return Sentence(start, end, text[start:end])
