"""Typography-forgiving text matching that maps back to the original characters.

A curator's quote must be a span of its source. Matching forgives only typography:
curly versus straight quotes, the various dashes, and runs of white space. Everything
else (case, spelling, punctuation) must be exact. What is shown is always the source's
own characters, found through an offset map.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` of a source's text."""

    start: int
    end: int


class NormalizedText:
    """A text with typography folded, remembering where each character came from."""

    __slots__ = ("folded", "offsets", "original")

    def __init__(self, original: str) -> None:
        self.original = original
        chars: list[str] = []
        offsets: list[int] = []
        in_space = False
        for index, char in enumerate(original.translate(_TYPOGRAPHY)):
            if char.isspace():
                if in_space:
                    continue
                in_space = True
                chars.append(" ")
            else:
                in_space = False
                chars.append(char)
            offsets.append(index)
        self.folded = "".join(chars)
        self.offsets = offsets

    def find(self, quote: str) -> Span | None:
        """Locate ``quote`` (forgiving typography) and return its span in the original."""
        needle = fold(quote)
        if not needle:
            return None
        position = self.folded.find(needle)
        if position < 0:
            return None
        start = self.offsets[position]
        end = self.offsets[position + len(needle) - 1] + 1
        return Span(start, end)


def fold(text: str) -> str:
    """Fold typography and collapse white space, keeping case and everything else."""
    return _SPACE.sub(" ", text.translate(_TYPOGRAPHY)).strip()


def simplify(text: str) -> str:
    """Lower-case, strip accents and punctuation: the key used for names and search."""
    decomposed = unicodedata.normalize("NFKD", fold(text))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACE.sub(" ", re.sub(r"[^\w\s]", " ", bare.casefold())).strip()


_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def clean_user_text(text: str) -> str:
    """Strip invisible and direction-control characters a user may paste in."""
    return _SPACE.sub(" ", _INVISIBLE.sub("", text)).strip()
