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
from collections.abc import Callable, Iterable, Sequence

import msgspec

from bot.records.errors import Ambiguous, NotFound
from bot.records.text import clean_user_text, simplify

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
VOWEL_SLIP = ACCEPT + MARGIN // 2
"""Score of a word that differs from a name word only in its vowels ("Brodie" for Brody,
"JNM" for JNIM): a slip ``fuzz.ratio`` scores too low on short names."""
_VOWELS = frozenset("aeiouy")
_STOPWORDS = frozenset(
    "the of and for in on to a an de la le les du des al us state states".split()
)


def vowel_slip(typed: str, name: str) -> bool:
    """Whether ``typed`` is ``name`` misspelt only in the vowels of its words ("reed brodie"
    for "reed brody", "jnm" for "jnim"): each word the same, or of at least four letters,
    one letter longer or shorter at most, with the same first letter and consonants. A
    word under five letters only loses a letter, so that "male" is never Mali."""
    pairs = list(zip(typed.split(), name.split(), strict=False))
    if typed == name or len(pairs) != len(name.split()) or len(pairs) != len(typed.split()):
        return False
    return all(t == n or _slip(t, n) for t, n in pairs)


def _slip(typed: str, name: str) -> bool:
    if len(name) < 4 or len(typed) < 3 or typed[0] != name[0]:
        return False
    if abs(len(typed) - len(name)) > 1 or (len(name) < 5 and len(typed) != len(name) - 1):
        return False
    return _consonants(typed) == _consonants(name)


def _consonants(name: str) -> str:
    """Each word's first letter and consonants: "reed brody" is "rd brd"."""
    return " ".join(w[0] + "".join(c for c in w[1:] if c not in _VOWELS) for w in name.split())


class Entry(msgspec.Struct, frozen=True):
    id: str
    label: str
    names: tuple[str, ...]


class Match(msgspec.Struct, frozen=True):
    id: str
    label: str
    score: float


def _lengths(n: int) -> tuple[int, int]:
    """Lengths a name may have to score at least SUGGEST against a key of ``n`` characters:
    fuzz.ratio is at most 200·min/(n + m), so m lies within n·S/(200 − S) and n·(200 − S)/S
    (one character of slack either side, for rounding)."""
    return (int(n * SUGGEST / (200 - SUGGEST)) - 1, int(n * (200 - SUGGEST) / SUGGEST) + 1)


class _Groups:
    """Numbered groups of entry numbers, as two flat arrays (the groups' bounds and their
    members): tens of thousands of groups cost two objects, not one tuple each."""

    __slots__ = ("bounds", "members")

    def __init__(self, groups: Iterable[Iterable[int]]) -> None:
        self.members = array("I")
        self.bounds = array("I", [0])
        for group in groups:
            self.members.extend(group)
            self.bounds.append(len(self.members))

    def __getitem__(self, number: int) -> array[int]:
        return self.members[self.bounds[number] : self.bounds[number + 1]]

    def save(self) -> tuple[bytes, bytes]:
        return self.bounds.tobytes(), self.members.tobytes()

    @classmethod
    def restore(cls, saved: tuple[bytes, bytes]) -> _Groups:
        groups = cls(())
        groups.bounds, groups.members = _ints("I", saved[0]), _ints("I", saved[1])
        return groups


def _ints(code: str, raw: bytes) -> array[int]:
    out = array(code)
    out.frombytes(raw)
    return out


MENTIONS_KEPT = 4096
"""Texts whose mentions a name index remembers (a few hundred kB)."""
GUESSES_KEPT = 16384
"""Words whose closest name a name index remembers: texts share most of their words, and
each guess scores every name of about its length (a tenth of a millisecond at 20k actors)."""


class NameIndex:
    """Resolves and completes names for one kind of entry.

    Entries, and each distinct key (a whole name or one word of it, simplified), are
    numbered; the index refers to them by number. A saved index is a few flat arrays and
    each string once, and loads without a copy of an id or a key per place it is used.
    """

    def __init__(self, noun: str, entries: Iterable[Entry]) -> None:
        self.noun = noun
        self._ids: list[str] = []
        self._labels: list[str] = []
        # each key's entries: those whose whole name it is, those whose word it is
        holders: dict[str, tuple[list[int], list[int]]] = {}
        words: dict[str, dict[int, None]] = {}
        for number, entry in enumerate(entries):
            self._ids.append(entry.id)
            self._labels.append(entry.label)
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
                for word in key.split():
                    words.setdefault(word, {})[number] = None
                holders.setdefault(key, ([], []))[0].append(number)
            for word in sorted(split):
                holders.setdefault(word, ([], []))[1].append(number)
        by_label = self._by_label
        # Each distinct key once, shortest first: "movement" is a word of thousands of names
        # but is scored once. A ratio of at least SUGGEST is only possible between lengths
        # close enough (see _lengths), so a scan reads one slice, with the same results.
        self._keys = sorted(holders, key=len)
        self._whole = _Groups(sorted(holders[k][0], key=by_label) for k in self._keys)
        self._word = _Groups(sorted(holders[k][1], key=by_label) for k in self._keys)
        self._words = list(words)
        self._word_entries = _Groups(words.values())
        # Every whole name from each of its word starts, sorted (then by entry id): prefix
        # lookups by bisection. Held as (key, offset, entry) numbers, not as the texts.
        starts = sorted(
            (key[at:], self._ids[owner], number, at, owner)
            for number, key in enumerate(self._keys)
            for owner in self._whole[number]
            for at in [0, *(i + 1 for i, c in enumerate(key) if c == " ")]
        )
        self._start_keys = array("I", (s[2] for s in starts))
        self._start_offsets = array("H", (min(s[3], 65535) for s in starts))
        self._start_owners = array("I", (s[4] for s in starts))
        # Keys by first letter, and by second letter: a slip rarely changes both of a name's
        # first two letters. Each bucket keeps the keys' order, shortest first.
        buckets: dict[str, list[int]] = {}
        for number, key in enumerate(self._keys):
            buckets.setdefault(key[:1], []).append(number)
            if len(key) > 1:
                buckets.setdefault("+" + key[1], []).append(number)
        self._bucket_keys = {
            letter: (
                array("I", numbers),
                array("H", (min(len(self._keys[n]), 65535) for n in numbers)),
            )
            for letter, numbers in buckets.items()
        }
        self._alphabetical = array("I", sorted(range(len(self._ids)), key=by_label))
        self._derive()

    class Saved(msgspec.Struct, frozen=True):
        """What a saved store keeps of a name index (arrays as their bytes)."""

        noun: str
        ids: list[str]
        labels: list[str]
        keys: list[str]
        whole: tuple[bytes, bytes]
        word: tuple[bytes, bytes]
        words: list[str]
        word_entries: tuple[bytes, bytes]
        start_keys: bytes
        start_offsets: bytes
        start_owners: bytes
        bucket_keys: dict[str, tuple[bytes, bytes]]
        alphabetical: bytes

    def save(self) -> NameIndex.Saved:
        return NameIndex.Saved(
            self.noun,
            self._ids,
            self._labels,
            self._keys,
            self._whole.save(),
            self._word.save(),
            self._words,
            self._word_entries.save(),
            self._start_keys.tobytes(),
            self._start_offsets.tobytes(),
            self._start_owners.tobytes(),
            {k: (n.tobytes(), lengths.tobytes()) for k, (n, lengths) in self._bucket_keys.items()},
            self._alphabetical.tobytes(),
        )

    @classmethod
    def restore(cls, saved: NameIndex.Saved) -> NameIndex:
        index = cls.__new__(cls)
        index.noun = saved.noun
        index._ids, index._labels, index._keys = saved.ids, saved.labels, saved.keys
        index._whole, index._word = _Groups.restore(saved.whole), _Groups.restore(saved.word)
        index._words = saved.words
        index._word_entries = _Groups.restore(saved.word_entries)
        index._start_keys = _ints("I", saved.start_keys)
        index._start_offsets = _ints("H", saved.start_offsets)
        index._start_owners = _ints("I", saved.start_owners)
        index._bucket_keys = {
            letter: (_ints("I", numbers), _ints("H", lengths))
            for letter, (numbers, lengths) in saved.bucket_keys.items()
        }
        index._alphabetical = _ints("I", saved.alphabetical)
        index._derive()
        return index

    def _derive(self) -> None:
        """The lookups made from what is saved: dictionaries and lists of the same strings."""
        self._mentioned: dict[tuple[str, Callable[[str], bool]], list[Match]] = {}
        self._guessed: dict[str, Match | None] = {}
        self._exact = {key: n for n, key in enumerate(self._keys) if len(self._whole[n])}
        self._by_consonants: dict[str, list[int]] | None = None
        self._word_number = {word: n for n, word in enumerate(self._words)}
        self._buckets = {
            letter: ([self._keys[n] for n in numbers], numbers, lengths)
            for letter, (numbers, lengths) in self._bucket_keys.items()
        }

    def _by_label(self, number: int) -> tuple[str, str]:
        return (self._labels[number], self._ids[number])

    def _match(self, number: int, score: float) -> Match:
        return Match(self._ids[number], self._labels[number], score)

    def _named(self, key: str) -> array[int]:
        """The entries whose whole name ``key`` is."""
        number = self._exact.get(key)
        return array("I") if number is None else self._whole[number]

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
        best: dict[int, float] = {}
        for exact in self._named(key):
            best[exact] = 100.0
        self._score(key, 0, best, everywhere, limit)
        self._slips(key, 0, best, limit)
        parts = key.split()
        if len(parts) > 1:
            for part in parts:
                self._score(part, WORD_PENALTY + PART_PENALTY, best, False, limit)
                self._slips(part, WORD_PENALTY + PART_PENALTY, best, limit)
        ranked = sorted(best.items(), key=lambda item: (-item[1], self._labels[item[0]]))
        return [self._match(n, round(s, 1)) for n, s in ranked[:limit]]

    def _score(
        self, key: str, penalty: float, best: dict[int, float], everywhere: bool, limit: int
    ) -> None:
        """Raise ``best`` to this key's values for its ``limit`` best entries (and ties).

        Only the top ``limit`` entries of each scoring, by value then label, can be among
        the top ``limit`` of ``rank``: whoever leads one of them in a scoring ends at least
        as high. So of each key's entries (sorted by label) only the first ``limit`` count.
        """
        from rapidfuzz import fuzz, process  # here: a name found exactly needs neither

        low, high = _lengths(len(key))
        letters = [key[:1], "+" + key[1:2]] if everywhere and len(key) > 1 else [key[:1]]
        for letter in letters:
            bucket = self._buckets.get(letter)
            if bucket is None:
                continue
            names, numbers, lengths = bucket
            start = bisect.bisect_left(lengths, low)
            end = bisect.bisect_right(lengths, high)
            keys, choices = numbers[start:end], names[start:end]
            # rapidfuzz keeps the best few at C speed; Python then reads only those
            fetch: int | None = max(FETCH, 2 * limit)
            while True:
                found = process.extract(
                    key, choices, scorer=fuzz.ratio, limit=fetch, score_cutoff=SUGGEST
                )
                scored = self._values(found, keys, penalty, limit)
                if fetch is None or len(found) < fetch:
                    break
                # a key not read scored at most the last one read, and its whole names
                # lose no more than the penalty: enough entries above that settle it
                ceiling = found[-1][1] - penalty
                if len({owner for owner, value in scored if value > ceiling}) >= limit:
                    break
                # many close names: read more of them, and all only as a last resort
                fetch = fetch * 16 if fetch * 16 < len(choices) else None
            for owner, value in scored:
                if value > best.get(owner, 0.0):
                    best[owner] = value

    def _slips(self, key: str, penalty: float, best: dict[int, float], limit: int) -> None:
        """Raise ``best`` to VOWEL_SLIP for the names ``key`` misspells only in its vowels
        (found by their consonants, whatever fuzz.ratio makes of them)."""
        for number in self._skeletons().get(_consonants(key), ()):
            if not vowel_slip(key, self._keys[number]):
                continue
            for owners, value in (
                (self._whole[number], VOWEL_SLIP - penalty),
                (self._word[number], VOWEL_SLIP - penalty - WORD_PENALTY),
            ):
                for owner in owners[:limit]:
                    if value > best.get(owner, 0.0):
                        best[owner] = value

    def prepare(self) -> None:
        """Build now what the first name not found exactly would build, and import the
        fuzzy scorer it would import (30 ms, left out of one-off ``briefbot ask`` runs)."""
        import rapidfuzz.process  # noqa: F401

        self._skeletons()

    def _skeletons(self) -> dict[str, list[int]]:
        """Keys by their consonants, built the first time a name is not found exactly."""
        if self._by_consonants is None:
            self._by_consonants = {}
            for number, key in enumerate(self._keys):
                self._by_consonants.setdefault(_consonants(key), []).append(number)
        return self._by_consonants

    def _values(
        self,
        found: list[tuple[str, float, int]],
        keys: Sequence[int],
        penalty: float,
        limit: int,
    ) -> list[tuple[int, float]]:
        """Each matched key's first ``limit`` entries with their values (``keys``: the
        numbers of the keys scored, by position)."""
        out: list[tuple[int, float]] = []
        for _, score, position in found:
            key = keys[position]
            for owners, value in (
                (self._whole[key], score - penalty),
                (self._word[key], score - penalty - WORD_PENALTY),
            ):
                if owners and (value >= SUGGEST or penalty):
                    out.extend((owner, value) for owner in owners[:limit])
        return out

    def resolve(self, query: str) -> str:
        """The one entry ``query`` names; :class:`NotFound` or :class:`Ambiguous` otherwise."""
        text = clean_user_text(query)
        key = simplify(text)
        if not key:
            raise NotFound(f"Give the {self.noun}'s name.", self.examples())
        exact = self._named(key)
        if len(exact) == 1:
            return self._ids[exact[0]]
        if len(exact) > 1:
            labels = tuple(sorted(self._labels[n] for n in exact))
            raise Ambiguous(f"{text!r} could be several {self.noun}s.", labels)
        owners = self._owners_of_all(key.split())
        if len(owners) == 1:
            return self._ids[owners.pop()]
        ranked = self.rank(text, limit=MAX_SUGGESTIONS + 1)
        suggestions = tuple(m.label for m in ranked[:MAX_SUGGESTIONS])
        if ranked and ranked[0].score >= ACCEPT:
            runner_up = ranked[1].score if len(ranked) > 1 else 0.0
            if ranked[0].score - runner_up >= MARGIN:
                return ranked[0].id
            raise Ambiguous(f"{text!r} could be several {self.noun}s.", suggestions)
        raise NotFound(f"No {self.noun} matches {text!r}.", suggestions)

    def _owners_of_all(self, words: list[str]) -> set[int]:
        """Entries whose names, together, contain every one of ``words``."""
        owners: set[int] | None = None
        for word in words:
            number = self._word_number.get(word)
            found = self._word_entries[number] if number is not None else ()
            owners = set(found) if owners is None else owners.intersection(found)
            if not owners:
                return set()
        return owners or set()

    def mentions(self, text: str, known: Callable[[str], bool] = lambda word: False) -> list[Match]:
        """Entries named in free text, in order: whole names or aliases (longest first), and
        single words of MIN_WORD+ letters spelled close to one name ("Lessing"), unless
        ``known`` says the word is an ordinary word of the store.

        Remembered for the last :data:`MENTIONS_KEPT` texts: a question reads the same
        facts' texts many times over (which of its results name its subject)."""
        key = (text, known)
        remembered = self._mentioned.get(key)
        if remembered is None:
            if len(self._mentioned) >= MENTIONS_KEPT:
                self._mentioned.clear()
            remembered = self._mentioned[key] = self._mentions(text, known)
        return list(remembered)

    def _mentions(self, text: str, known: Callable[[str], bool]) -> list[Match]:
        found: dict[str, Match] = {}
        parts = simplify(clean_user_text(text)).split()
        exact, whole = self._exact, self._whole
        at = 0
        while at < len(parts):
            for size in range(min(MENTION_WORDS, len(parts) - at), 0, -1):
                number = exact.get(" ".join(parts[at : at + size]))
                if number is not None and len(whole[number]) == 1:
                    match = self._match(whole[number][0], 100.0)
                    found.setdefault(match.id, match)
                    at += size
                    break
            else:
                word = parts[at]
                if len(word) > MIN_WORD and word not in _STOPWORDS and not known(word):
                    guess = self._guess(word)
                    if guess is not None:
                        found.setdefault(guess.id, guess)
                at += 1
        return list(found.values())

    def _guess(self, word: str) -> Match | None:
        """The one name ``word`` is spelled close to, if one stands out (remembered)."""
        if word in self._guessed:
            return self._guessed[word]
        if len(self._guessed) >= GUESSES_KEPT:
            self._guessed.clear()
        ranked = self.rank(word, limit=2, everywhere=False)
        guess = self._guessed[word] = (
            ranked[0]
            if ranked
            and ranked[0].score >= ACCEPT
            and (len(ranked) == 1 or ranked[0].score - ranked[1].score >= MARGIN)
            else None
        )
        return guess

    def _start_text(self, at: int) -> str:
        return self._keys[self._start_keys[at]][self._start_offsets[at] :]

    def complete(self, typed: str, limit: int = 25) -> list[Match]:
        """Autocomplete: names (or any of their words) starting with what was typed, then
        close spellings."""
        key = simplify(clean_user_text(typed))
        if not key:
            return [self._match(n, 0.0) for n in self._alphabetical[:limit]]
        found: dict[int, None] = {}
        starts = range(len(self._start_keys))
        at = bisect.bisect_left(starts, key, key=self._start_text)
        while at < len(starts) and len(found) < limit:
            if not self._start_text(at).startswith(key):
                break
            found.setdefault(self._start_owners[at])
            at += 1
        matches = sorted((self._match(n, 100.0) for n in found), key=lambda m: m.label)
        if len(matches) < limit:
            chosen = {m.id for m in matches}
            for match in self.rank(typed, limit=limit, everywhere=False):
                if match.id not in chosen:
                    matches.append(match)
        return matches[:limit]

    def examples(self, count: int = 3) -> tuple[str, ...]:
        return tuple(sorted(self._labels)[:count])
