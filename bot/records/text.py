"""Typography-forgiving text matching that maps back to the original characters.

A curator's quote must be a span of its source. Matching forgives only typography:
curly versus straight quotes, the various dashes, and runs of white space. Everything
else (case, spelling, punctuation) must be exact. What is shown is always the source's
own characters, found through an offset map.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

import msgspec

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark / apostrophe
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2015": "-",
        "\u2212": "-",  # minus sign
    }
)

_SPACE = re.compile(r"\s+")
_RUNS = re.compile(r"\s{2,}")
_PUNCTUATION = re.compile(r"[^\w\s]")
_NEEDS_FOLDING = re.compile("[" + "".join(map(chr, _TYPOGRAPHY)) + r"\t\n\r\f\v]|\s\s|[^\S ]")


class Span(msgspec.Struct, frozen=True):
    """A half-open character range ``[start, end)`` of a source's text."""

    start: int
    end: int

    @property
    def packed(self) -> int:
        """Both ends in one int (the start above 32 bits): how a store keeps 100k spans,
        a third of the memory of as many Spans and their ints."""
        return (self.start << 32) | self.end

    @classmethod
    def unpacked(cls, packed: int) -> Span:
        return cls(packed >> 32, packed & 0xFFFFFFFF)


class NormalizedText:
    """A text with typography folded, remembering where each character came from.

    Folding maps characters one to one except runs of white space, which become one
    space; only those runs shift positions, so the map is the list of them.
    """

    __slots__ = ("_removed", "_run_starts", "folded", "original")

    def __init__(self, original: str) -> None:
        self.original = original
        translated = original.translate(_TYPOGRAPHY)
        self.folded = _SPACE.sub(" ", translated)
        self._run_starts: list[int] = []  # folded position just after each collapsed run
        self._removed: list[int] = []  # characters removed up to and including that run
        removed = 0
        for run in _RUNS.finditer(translated):
            removed += len(run.group()) - 1
            self._run_starts.append(run.end() - removed)
            self._removed.append(removed)

    def _original(self, folded_position: int) -> int:
        index = bisect.bisect_right(self._run_starts, folded_position) - 1
        return folded_position + (self._removed[index] if index >= 0 else 0)

    def find(self, quote: str) -> Span | None:
        """Locate ``quote`` (forgiving typography) and return its span in the original."""
        needle = fold(quote)
        if not needle:
            return None
        position = self.folded.find(needle)
        if position < 0:
            return None
        start = self._original(position)
        end = self._original(position + len(needle) - 1) + 1
        return Span(start, end)


def fold(text: str) -> str:
    """Fold typography and collapse white space, keeping case and everything else."""
    if not _NEEDS_FOLDING.search(text):
        return text.strip()
    return _SPACE.sub(" ", text.translate(_TYPOGRAPHY)).strip()


def simplify(text: str) -> str:
    """Lower-case, strip accents and punctuation: the key used for names and search."""
    bare = fold(text)
    if not bare.isascii():
        decomposed = unicodedata.normalize("NFKD", bare)
        bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACE.sub(" ", _PUNCTUATION.sub(" ", bare.casefold())).strip()


_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def clean_user_text(text: str) -> str:
    """Strip invisible and direction-control characters a user may paste in."""
    return _SPACE.sub(" ", _INVISIBLE.sub("", text)).strip()
