"""A cited span in its article: the sentences holding it, and one either side.

Offsets are the source text's, like a citation's, so every renderer can bold the quoted
words inside the passage and a reader can find the passage in the article.
"""

from __future__ import annotations

from bisect import bisect_right

from bot.store.response import Passage
from bot.store.sentences import Sentence, split


class Sentences:
    """An article's sentences, found once, looked up by offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentences: list[Sentence] = split(text)
        self._starts = [s.start for s in self.sentences]

    def _index(self, offset: int) -> int:
        """The sentence holding ``offset`` (or the last one starting before it)."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def passage(self, start: int, end: int) -> Passage:
        """The sentences that hold ``text[start:end]``, with the one before and after."""
        if not self.sentences:
            return Passage(text=self.text[start:end], start=start, end=end)
        first = self._index(start)
        last = max(first, self._index(max(start, end - 1)))
        begin = min(self.sentences[first].start, start)
        finish = max(self.sentences[last].end, end)
        before = self.sentences[first - 1] if first > 0 else None
        after = self.sentences[last + 1] if last + 1 < len(self.sentences) else None
        return Passage(
            before=before.text if before else None,
            text=self.text[begin:finish],
            after=after.text if after else None,
            start=begin,
            end=finish,
        )
