"""What a yes/no or "when" question claims, and whether a source's words state it.

"Did the EU withdraw from Mali" claims something of a subject (the EU) by a predicate
(withdraw). A quote "states" the claim only when one of its clauses holds both: "Mali,
Niger, and Burkina Faso expelled French troops, reduced cooperation with EU partners"
holds "EU" and "expelled" (withdraw) in different clauses, so it does not say the EU
withdrew. Deterministic and local: clauses are cut at semicolons, at a leading "while …,",
before "while", "whereas", "although", "though", "but" after a comma, and before a comma's
new verb phrase (", reduced cooperation", not the ", claimed by …," that qualifies a noun).
"""

from __future__ import annotations

import re

import msgspec

from bot.store.facts import FactStore
from bot.store.search import query_words, stem, words

_AUX = re.compile(
    r"^(?:when\s+)?(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would|should)"
    r"\s+",
    re.IGNORECASE,
)
_BREAK = re.compile(
    r";|,\s+(?=(?:while|whereas|although|though|but|yet)\b)"
    r"|\s(?=(?:while|whereas|although|though)\s)"
    r"|,\s+(?:and\s+)?(?=\w+ing\b|\w+ed\s+(?!by\b))",
    re.IGNORECASE,
)
_LEADING = re.compile(
    r"^\W*(?:while|whereas|although|though|if|as|since|after|before|when|because)\b[^,]*,",
    re.IGNORECASE,
)
SUBJECT_WORDS = 3
"""Most words of a name taken as the subject right after the auxiliary ("Burkina Faso")."""
SKIPPED = frozenset(
    """still ever really actually also already even yet now officially been being be""".split()
)
"""Words between the subject and its predicate that say nothing of it."""


class Claim(msgspec.Struct, frozen=True):
    """A question's subject and the first word of what it says of it."""

    subject: str
    """The subject as typed (simplified), for saying what the sources do not state."""
    subject_terms: frozenset[str]
    subject_actors: frozenset[str]
    predicate: str | None
    """The predicate's first word as typed; None when the question has none."""
    predicate_terms: frozenset[str]
    """Its index terms: empty when the store never uses the word, so nothing states it."""


def claim(store: FactStore, question: str, skip: frozenset[str] = frozenset()) -> Claim | None:
    """The claim of a yes/no or "when" question; None when it names no subject. ``skip``:
    words that shape the question without saying anything of the subject."""
    stripped = _AUX.sub("", question.strip(), count=1)
    tokens = [w for w in query_words(stripped) if w not in SKIPPED and w not in skip]
    if not tokens:
        return None
    taken, actors = 1, frozenset[str]()
    for size in range(1, min(SUBJECT_WORDS, len(tokens)) + 1):
        named = store.actor_names.mentions(" ".join(tokens[:size]), store.fact_search.knows)
        if named:
            taken, actors = size, frozenset(_with_parts(store, named[0].id))
            break
    terms = frozenset(t for w in tokens[:taken] for t in _terms(store, w))
    rest = [w for w in tokens[taken:] if not w.endswith("ly")]
    predicate = rest[0] if rest else None
    return Claim(
        " ".join(tokens[:taken]),
        terms,
        actors,
        predicate,
        frozenset(_terms(store, predicate)) if predicate else frozenset(),
    )


def _terms(store: FactStore, word: str) -> list[str]:
    return [t for t in store.fact_search.expand(word) if not t.startswith("#")]


def _with_parts(store: FactStore, actor_id: str) -> set[str]:
    return {actor_id, *store.parts.get(actor_id, ())}


def clauses(text: str) -> list[str]:
    """A sentence's clauses, as far as punctuation and a few conjunctions tell them."""
    leading = _LEADING.match(text)
    head = [leading[0]] if leading else []
    rest = text[leading.end() :] if leading else text
    return [c for c in (*head, *_BREAK.split(rest)) if c.strip()]


def states(store: FactStore, claimed: Claim, text: str) -> bool:
    """Whether one clause of ``text`` holds both the claim's subject and its predicate."""
    if claimed.predicate is not None and not claimed.predicate_terms:
        return False
    for clause in clauses(text):
        shown = {stem(w) for w in words(clause)}
        named = {m.id for m in store.actor_names.mentions(clause)}
        subject = bool(shown & claimed.subject_terms or named & claimed.subject_actors)
        predicate = claimed.predicate is None or bool(shown & claimed.predicate_terms)
        if subject and predicate:
            return True
    return False
