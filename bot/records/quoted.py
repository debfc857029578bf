"""Whether a quote's display text names who said the words (not only "he" or "she").

A quote is shown on its own: "He said: “We came to listen”" tells the reader nothing about
who spoke. The text outside the quoted words must name one of the speakers: an actor in
``by`` (its name, an alias or the last word of its name, "Laessing") or the source's
words in ``attribution`` ("A Malian diplomat"). Pure; the loader calls it with the names
of the fact's ``by`` actors.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.records.text import simplify


def quote_speaker_problem(
    text: str, words: str, names: Iterable[str], attribution: str | None
) -> str | None:
    """Why ``text`` does not name the speaker of the quoted ``words``, or ``None``."""
    outside = simplify(text).replace(simplify(words), " ")
    wanted = [simplify(n) for n in names if n.strip()]
    wanted += [w.split()[-1] for w in wanted if len(w.split()) > 1 and len(w.split()[-1]) > 3]
    if attribution:
        wanted.append(simplify(attribution))
    padded = f" {outside} "  # simplified: words of letters and digits, one space apart
    if any(name and f" {name} " in padded for name in wanted):
        return None
    return (
        "a quote's text must name who said the words (not only 'he' or 'she'), e.g. "
        "'Ulf Laessing said: “…”'"
    )
