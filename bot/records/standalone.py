"""Whether a sentence shown on its own can be understood without the article.

Every item briefbot shows is read alone: in a brief, a timeline, a profile, a digest. A
sentence that leans on the article around it ("That position drew criticism", "Analysts
say the move mirrors…") tells the reader nothing. The loader refuses such display text, so
it cannot reach users; these rules are deliberately simple and explainable to a curator.
"""

from __future__ import annotations

import re

MIN_WORDS = 6
"""Fewer words than this is a fragment, not a sentence a reader can act on."""

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

_LEANING_STARTS = frozenset(
    """he she it they him her his hers its their theirs them this that these those such
    however but and also yet moreover meanwhile furthermore nevertheless nonetheless
    instead thus therefore""".split()
)
"""First words that point back at something said before."""

_BACK_NOUNS = (
    "move|moves|shift|position|decision|remark|remarks|comment|comments|outreach|"
    "recalibration|step|steps|change|statement|meeting|visit|coup|coups|attack|deal|"
    "announcement|criticism|missteps|measure|measures|policy|trip|talks|envoy|official"
)
_BACK_REFERENCE = re.compile(
    rf"\b(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose)\s+(?:{_BACK_NOUNS})\b"
    r"(?!\s+(?:of|in|on|to|by|towards?|from|at|with|against|for|between|that)\b)"
    r"(?!['’]s)"
)
"""'the move', 'this shift'...: a reference to something only the article names.
'The shift in US policy' or 'the visit to Bamako' say what they mean, and pass; so does a
capitalised name ('that Move Pora had…')."""


def standalone_problem(text: str) -> str | None:
    """Why ``text`` cannot be shown on its own, or ``None`` when it can."""
    found = _WORD.findall(text)
    if len(found) < MIN_WORDS:
        return (
            f"too short to stand alone ({len(found)} words; at least {MIN_WORDS}): "
            "write one sentence that says who did what"
        )
    first = found[0].casefold()
    if first in _LEANING_STARTS:
        return (
            f"starts with {found[0]!r}, which points back at something the reader has not "
            "seen: name it"
        )
    reference = _BACK_REFERENCE.search(text)
    if reference:
        return (
            f"{reference.group()!r} refers to something only the article names: say which "
            "(e.g. 'the shift in US policy', 'Nick Checker's visit to Bamako')"
        )
    return None
