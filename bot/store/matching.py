"""Name matching shared by autocomplete and commands, so they never disagree.

An entry (an actor, a topic, a source) is known by several names: its id, display name
and aliases. A query resolves in three steps:

1. an exact match on a whole name (ignoring case, accents and punctuation) wins;
2. otherwise, if every word typed is a word of one entry's names and of no other
   entry's, that entry wins ("Konrad Adenauer" is the Konrad Adenauer Foundation);
3. otherwise names are scored with rapidfuzz, whole names and their single words
   alike, so "Bazum" finds "Mohamed Bazoum";
4. one clear winner above :data:`ACCEPT` is the answer; anything less is an error that
   carries the nearest names as suggestions. A weak guess is never presented as fact.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.store.errors import Ambiguous, NotFound
from bot.store.text import clean_user_text, simplify, sorted_gently

ACCEPT = 86
"""Score at or above which the best match is taken as the answer."""
MARGIN = 8
"""How far the best match must lead the runner-up to be taken as the answer."""
SUGGEST = 70
"""Score at or above which an entry is offered as a suggestion."""
WORD_PENALTY = 4
"""Points a match on one word of a name loses against a match on the whole name."""
PART_PENALTY = 15
"""Points a match on one word of a several-word query loses: enough to suggest, never to answer."""
MIN_WORD = 4
"""Shortest word of a multi-word name that is matched on its own."""
MAX_SUGGESTIONS = 5
MENTION_WORDS = 6
"""Longest name, in words, looked for in free text."""
FETCH = 32
"""How many best-scoring names of a bucket are read first; all of them only when these
do not settle the ranking."""

_STOPWORDS = frozenset(
    "the of and for in on to a an de la le les du des al us state states".split()
)


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    label: str
    names: tuple[str, ...]

    def __reduce__(self) -> tuple[type[Entry], tuple[str, str, tuple[str, ...]]]:
        return (Entry, (self.id, self.label, self.names))  # fast to load


@dataclass(frozen=True, slots=True)
class Match:
    id: str
    label: str
    score: float


def _lengths(n: int) -> tuple[int, int]:
    """Lengths a name may have to score at least SUGGEST against a key of ``n`` characters:
    fuzz.ratio is at most 200·min/(n + m), so m lies within n·S/(200 − S) and n·(200 − S)/S
    (one character of slack either side, for rounding)."""
    return (int(n * SUGGEST / (200 - SUGGEST)) - 1, int(n * (200 - SUGGEST) / SUGGEST) + 1)


class NameIndex:
    """Resolves and completes names for one kind of entry."""

    def __init__(self, noun: str, entries: Iterable[Entry]) -> None:
        self.noun = noun
        self._labels: dict[str, str] = {}
        exact: dict[str, list[str]] = {}
        word_owners: dict[str, dict[str, None]] = {}
        # each key's entries: those whose whole name it is, those whose word it is
        holders: dict[str, tuple[list[str], list[str]]] = {}
        for entry in entries:
            self._labels[entry.id] = entry.label
            names = {simplify(n) for n in (entry.id.replace("-", " "), entry.label, *entry.names)}
            names.discard("")
            split = {
                word
                for name in names
                if " " in name
                for word in name.split()
                if len(word) >= MIN_WORD and word not in _STOPWORDS and word not in names
            }
            for key in sorted(names):
                exact.setdefault(key, []).append(entry.id)
                for word in key.split():
                    word_owners.setdefault(word, {})[entry.id] = None
                holders.setdefault(key, ([], []))[0].append(entry.id)
            for word in sorted(split):
                holders.setdefault(word, ([], []))[1].append(entry.id)
        # tuples, not lists and sets: a large store has tens of thousands of each
        self._exact = {key: tuple(ids) for key, ids in exact.items()}
        self._word_owners = {word: tuple(ids) for word, ids in word_owners.items()}
        # Each distinct key once, shortest first: "movement" is a word of thousands of names
        # but is scored once. A ratio of at least SUGGEST is only possible between lengths
        # close enough (see _lengths), so a scan reads one slice, with the same results.
        keys = sorted(holders, key=len)
        by_label = self._by_label
        self._keys = keys
        self._holders = [
            (tuple(sorted(holders[k][0], key=by_label)), tuple(sorted(holders[k][1], key=by_label)))
            for k in keys
        ]
        # Every whole name from each of its word starts, sorted: prefix lookups by bisection.
        starts = sorted_gently(
            {
                (key[at:], owner)
                for key, (owners, _) in zip(keys, self._holders, strict=True)
                for owner in owners
                for at in [0, *(i + 1 for i, c in enumerate(key) if c == " ")]
            }
        )
        self._starts = [text for text, _ in starts]
        self._start_owners = [owner for _, owner in starts]
        # Keys by first letter, and by second letter: a slip rarely changes both of a name's
        # first two letters. Each bucket keeps the keys' order, shortest first.
        buckets: dict[str, list[int]] = {}
        for index, key in enumerate(keys):
            buckets.setdefault(key[:1], []).append(index)
            if len(key) > 1:
                buckets.setdefault("+" + key[1], []).append(index)
        self._buckets = {
            letter: (
                [keys[i] for i in indices],
                array("l", indices),
                array("H", (min(len(keys[i]), 65535) for i in indices)),
            )
            for letter, indices in buckets.items()
        }
        self._alphabetical = sorted(self._labels.items(), key=lambda item: item[1])

    def rank(
        self, query: str, limit: int = MAX_SUGGESTIONS, *, everywhere: bool = True
    ) -> list[Match]:
        """Entries best matching ``query``, best first, each scored 0-100.

        Answers score every name that shares the query's first or second letter (a typo
        rarely changes both); ``everywhere=False`` only those with its first letter: what
        autocomplete uses. Either way only names whose length can reach SUGGEST are read.
        """
        key = simplify(clean_user_text(query))
        if not key:
            return []
        best: dict[str, float] = {}
        for exact_id in self._exact.get(key, ()):
            best[exact_id] = 100.0
        self._score(key, 0, best, everywhere, limit)
        parts = key.split()
        if len(parts) > 1:
            for part in parts:
                self._score(part, WORD_PENALTY + PART_PENALTY, best, False, limit)
        ranked = sorted(best.items(), key=lambda item: (-item[1], self._labels[item[0]]))
        return [Match(i, self._labels[i], round(s, 1)) for i, s in ranked[:limit]]

    def _by_label(self, entry_id: str) -> tuple[str, str]:
        return (self._labels[entry_id], entry_id)

    def _score(
        self, key: str, penalty: float, best: dict[str, float], everywhere: bool, limit: int
    ) -> None:
        """Raise ``best`` to this key's values for its ``limit`` best entries (and ties).

        Only the top ``limit`` entries of each scoring, by value then label, can be among
        the top ``limit`` of ``rank``: whoever leads one of them in a scoring ends at least
        as high. So of each key's entries (sorted by label) only the first ``limit`` count.
        """
        low, high = _lengths(len(key))
        letters = [key[:1], "+" + key[1:2]] if everywhere and len(key) > 1 else [key[:1]]
        for letter in letters:
            bucket = self._buckets.get(letter)
            if bucket is None:
                continue
            names, indices, lengths = bucket
            start = bisect.bisect_left(lengths, low)
            choices = names[start : bisect.bisect_right(lengths, high)]
            # rapidfuzz keeps the best few at C speed; Python then reads only those
            fetch: int | None = max(FETCH, 2 * limit)
            while True:
                found = process.extract(
                    key, choices, scorer=fuzz.ratio, limit=fetch, score_cutoff=SUGGEST
                )
                scored = self._values(found, start, indices, penalty, limit)
                if fetch is None or len(found) < fetch:
                    break
                # a key not read scored at most the last one read, and its whole names
                # lose no more than the penalty: enough entries above that settle it
                ceiling = found[-1][1] - penalty
                if len({owner for owner, value in scored if value > ceiling}) >= limit:
                    break
                fetch = None  # too many close names: read them all
            for owner, value in scored:
                if value > best.get(owner, 0.0):
                    best[owner] = value

    def _values(
        self,
        found: list[tuple[str, float, int]],
        start: int,
        indices: array[int],
        penalty: float,
        limit: int,
    ) -> list[tuple[str, float]]:
        """Each matched key's first ``limit`` entries with their values."""
        out: list[tuple[str, float]] = []
        for _, score, position in found:
            whole, word = self._holders[indices[start + position]]
            for owners, value in ((whole, score - penalty), (word, score - penalty - WORD_PENALTY)):
                if owners and (value >= SUGGEST or penalty):
                    out.extend((owner, value) for owner in owners[:limit])
        return out

    def resolve(self, query: str) -> str:
        """The one entry ``query`` names; :class:`NotFound` or :class:`Ambiguous` otherwise."""
        text = clean_user_text(query)
        key = simplify(text)
        if not key:
            raise NotFound(f"Give the {self.noun}'s name.", self.examples())
        exact = self._exact.get(key, ())
        if len(exact) == 1:
            return exact[0]
        if len(exact) > 1:
            labels = tuple(sorted(self._labels[i] for i in exact))
            raise Ambiguous(f"{text!r} could be several {self.noun}s.", labels)
        owners = self._owners_of_all(key.split())
        if len(owners) == 1:
            return owners.pop()
        ranked = self.rank(text, limit=MAX_SUGGESTIONS + 1)
        suggestions = tuple(m.label for m in ranked[:MAX_SUGGESTIONS])
        if ranked and ranked[0].score >= ACCEPT:
            runner_up = ranked[1].score if len(ranked) > 1 else 0.0
            if ranked[0].score - runner_up >= MARGIN:
                return ranked[0].id
            raise Ambiguous(f"{text!r} could be several {self.noun}s.", suggestions)
        raise NotFound(f"No {self.noun} matches {text!r}.", suggestions)

    def _owners_of_all(self, words: list[str]) -> set[str]:
        """Entries whose names, together, contain every one of ``words``."""
        owners: set[str] | None = None
        for word in words:
            found = self._word_owners.get(word, ())
            owners = set(found) if owners is None else owners.intersection(found)
            if not owners:
                return set()
        return owners or set()

    def mentions(self, text: str, known: Callable[[str], bool] = lambda word: False) -> list[Match]:
        """Entries named in free text, in order: whole names or aliases (longest first), and
        single words of MIN_WORD+ letters spelled close to one name ("Lessing"), unless
        ``known`` says the word is an ordinary word of the store."""
        found: dict[str, Match] = {}
        parts = simplify(clean_user_text(text)).split()
        at = 0
        while at < len(parts):
            for size in range(min(MENTION_WORDS, len(parts) - at), 0, -1):
                owners = self._exact.get(" ".join(parts[at : at + size]), ())
                if len(owners) == 1:
                    found.setdefault(owners[0], Match(owners[0], self._labels[owners[0]], 100.0))
                    at += size
                    break
            else:
                word = parts[at]
                if len(word) > MIN_WORD and word not in _STOPWORDS and not known(word):
                    ranked = self.rank(word, limit=2, everywhere=False)
                    if (
                        ranked
                        and ranked[0].score >= ACCEPT
                        and (len(ranked) == 1 or ranked[0].score - ranked[1].score >= MARGIN)
                    ):
                        found.setdefault(ranked[0].id, ranked[0])
                at += 1
        return list(found.values())

    def complete(self, typed: str, limit: int = 25) -> list[Match]:
        """Autocomplete: names (or any of their words) starting with what was typed, then
        close spellings."""
        key = simplify(clean_user_text(typed))
        if not key:
            return [Match(i, label, 0.0) for i, label in self._alphabetical[:limit]]
        found: dict[str, None] = {}
        at = bisect.bisect_left(self._starts, key)
        while at < len(self._starts) and len(found) < limit:
            if not self._starts[at].startswith(key):
                break
            found.setdefault(self._start_owners[at])
            at += 1
        matches = sorted((Match(i, self._labels[i], 100.0) for i in found), key=lambda m: m.label)
        if len(matches) < limit:
            for match in self.rank(typed, limit=limit, everywhere=False):
                if match.id not in found:
                    matches.append(match)
        return matches[:limit]

    def examples(self, count: int = 3) -> tuple[str, ...]:
        return tuple(sorted(self._labels.values())[:count])
