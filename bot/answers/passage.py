"""A cited span in its article: the sentences holding it, and one either side.

Computed on demand (a reader opens a footnote, or asks for JSON), from a window of the
article around the span, snapped to line starts so its sentences are whole: a few hundred
characters to split, whatever the article's length. Offsets are the source text's, like a
citation's, so every renderer can bold the quoted words inside the passage.
"""

from __future__ import annotations

from bot.answers.response import Passage
from bot.records.sentences import split

WINDOW = 1500
"""Characters read on each side of the span: a sentence before and after, and then some."""


def passage(text: str, start: int, end: int) -> Passage:
    """The sentences of ``text`` that hold ``text[start:end]``, with the one before and after."""
    low = text.rfind("\n", 0, max(0, start - WINDOW)) + 1
    high = text.find("\n", min(len(text), end + WINDOW))
    high = len(text) if high < 0 else high
    sentences = [
        s.__class__(s.start + low, s.end + low, s.text, s.heading) for s in split(text[low:high])
    ]
    holding = [i for i, s in enumerate(sentences) if s.end > start and s.start < end]
    if not holding:
        return Passage(text=text[start:end], start=start, end=end)
    first, last = holding[0], holding[-1]
    begin = min(sentences[first].start, start)
    finish = max(sentences[last].end, end)
    before = sentences[first - 1].text if first > 0 else None
    after = sentences[last + 1].text if last + 1 < len(sentences) else None
    return Passage(before=before, text=text[begin:finish], after=after, start=begin, end=finish)
