"""Full-text search over facts: an inverted index built once per store version.

Words are simplified and lightly stemmed ("criticised", "critics" -> "critic"). A query word
matches its own stem, the stems of its curated synonyms ("mining" ~ "minerals"), and, only
when it is not a word of the store at all, the words it begins and close spellings (a typo).
Question words ("what", "did", "say", "how many") never count. Facts are ranked by BM25
over those stems; the best candidates are then re-ranked by how many of the query's words
they hold and whether neighbouring query words stand together ("human rights"), and by an
optional boost the caller gives (a speaker's own statements first).
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
import re
import unicodedata
import weakref
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from functools import cache, cached_property, lru_cache
from typing import Any

import msgspec

TYPO_SCORE = 84
"""Minimum rapidfuzz ratio for a query word to match a differently spelled word."""
TYPO_MIN = 5
"""Shorter query words are never read as typos: 'USAID' is not 'said', 'days' not 'any'."""
MIN_PREFIX = 4
"""A query word this long, not itself in the store, also matches words it begins ("coop")."""
EXPANSION_WEIGHT = 0.7
"""How much a prefix or typo match counts against an exact one."""
SYNONYM_WEIGHT = 0.8
"""How much a curated synonym counts against the word itself."""
TAG_WEIGHT = 0.35
"""How much a word of a fact's tags (its topics' names) counts against its own text."""
TAG = "#"
"""Prefix of tag terms in the index: 'critics' in a topic's name is '#critic'."""
AS_LISTED = "="
"""Prefix of a synonym key that is a word exactly as a group lists it, not its stem."""
PREFIX_TERMS_MAX = 20
"""At most this many longer words a query word is expanded to by prefix."""
RERANK = 40
COVERAGE_FLOOR = 0.2
"""What a candidate holding none of the query's words by rarity keeps of its score; one
holding them all gets 1.5 times it."""
"""How many of the best BM25 candidates are re-ranked by coverage and phrases."""
PHRASE_BOOST = 0.6
"""Extra weight for each pair of neighbouring query words that stand close in a fact."""
NEAR = 3
"""Words apart (stop words aside, either order) that still count as standing together:
'Niamey airport' is near 'the airport in the capital Niamey'."""
COMMON_SHARE = 20
COMMON_MIN = 2000
"""A term in more than 1/COMMON_SHARE of documents (and COMMON_MIN) is 'very common'."""
K1 = 1.2
B = 0.75
SAMPLE_FROM = 20_000
"""Fewest documents scored before the top ones are found through a sample (see _bm25)."""
SAMPLE_STRIDE = 16

STOPWORDS = frozenset(
    """a about after all also an and are as at be been by for from had has have he her his
    in into is it its not of on or over s than that the their them there these they this to
    under was were what when which while who will with would""".split()
)
QUESTION_WORDS = frozenset(
    """did do does done say says said saying tell tells told how many much who whom whose
    where why when which what is are was were been has have had any me please show give
    find know happened happen happening there anything something think thinks thought
    their they theirs one ones""".split()
)
"""Words that shape a question but never decide what it is about."""

_WORD = re.compile(r"\w+")
_SUFFIXES = (
    "isations", "izations", "isation", "ization", "ations", "ation", "ings", "ing",
    "isms", "ism", "ists", "ist", "ised", "ized", "ises", "izes", "ise", "ize",
    "ies", "ied", "ed", "es", "s", "e",
)  # fmt: skip
_DOUBLE = re.compile(r"([b-df-hj-np-tv-z])\1$")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light English stem: one suffix off, so a word and its usual variants meet.

    ``criticism``, ``critics`` and ``criticised`` become ``critic``; ``mining``, ``mines``
    and ``mine`` become ``min``; ``days`` becomes ``day``. Short words are left alone.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                base += "y"
            elif suffix in ("s", "es") and base.endswith(("s", "u", "i")):
                continue  # "process", "status", "analysis": not plurals
            return _DOUBLE.sub(r"\1", base) if suffix in ("ing", "ed") else base
    return word


_JOINED = re.compile(r"\b(co|re|de|non|anti|counter|pre|post|inter|multi)[-‐‑](?=\w)", re.I)
"""Prefixes written with or without a hyphen: 'co-operation' is 'cooperation'."""


DOC_TYPE = f"u{array('I').itemsize}"
"""numpy's name for the unsigned ints that number documents in postings (array "I")."""


def words(text: str) -> list[str]:
    """Index words of ``text``: simplified, without stop words.

    The words ``simplify`` would give, found without its substitutions (punctuation and
    typography are not word characters anyway): a third of building the index at 100k.
    """
    if "-" in text or "\u2010" in text or "\u2011" in text:
        text = _JOINED.sub(r"\1", text)
    bare = text if text.isascii() else _without_marks(unicodedata.normalize("NFKD", text))
    bare = bare.casefold()
    return [w for w in _WORD.findall(bare) if w not in STOPWORDS]


@cache
def _marks() -> re.Pattern[str]:
    """Every combining mark of the Basic Multilingual Plane, as ranges of one class."""
    ranges: list[str] = []
    first = last = -2
    for c in range(0x10000):
        if not unicodedata.combining(chr(c)):
            continue
        if c != last + 1:
            if first >= 0:
                ranges.append(f"{re.escape(chr(first))}-{re.escape(chr(last))}")
            first = c
        last = c
    ranges.append(f"{re.escape(chr(first))}-{re.escape(chr(last))}")
    return re.compile(f"[{''.join(ranges)}]+")


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _without_marks(decomposed: str) -> str:
    if _ASTRAL.search(decomposed) is None:  # at C speed; beyond the BMP, mark by mark
        return _marks().sub("", decomposed)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def query_words(text: str) -> list[str]:
    """The words of a query that say what it is about (stop and question words dropped)."""
    return [w for w in dict.fromkeys(words(text)) if w not in QUESTION_WORDS]


class Hit(msgspec.Struct, frozen=True):
    id: str
    score: float
    terms: frozenset[str]
    """The indexed stems that matched, to highlight in the document's text."""


def _tier(rarest: frozenset[str], matched: frozenset[str]) -> int:
    """A document's rank before its score: 2 when it holds the query's rarest word in its
    own words (what the query is about), 1 when it matches any word the reader sees, 0 when
    it matches only through its topics' names."""
    if rarest and not rarest.isdisjoint(matched):
        return 2
    return 1 if any(not t.startswith(TAG) for t in matched) else 0


class _Postings(msgspec.Struct, frozen=True, gc=False):
    """The documents holding a term, ascending, and the term's BM25 weight in each."""

    docs: array[int]
    weights: array[float]


class SearchIndex:
    def __init__(
        self,
        documents: Iterable[tuple[str, str, str]],
        synonyms: Iterable[Iterable[str]] = (),
        text_of: Callable[[str], str] | None = None,
    ) -> None:
        import numpy as np  # only to build: a saved index loads without it

        self._ids: list[str] = []
        self._text_of: Callable[[], Callable[[str], str] | None] | None = None
        if text_of is not None:
            self.attach(text_of)
        lengths = array("I")
        stem_of: dict[str, str] = {}
        tag_terms: dict[str, dict[str, int]] = {}
        # Every posting as three flat columns (term number, document, count), appended by
        # C-level extends: per-term arrays grown one posting at a time cost a Python step each.
        numbers: defaultdict[str, int] = defaultdict(itertools.count().__next__)
        term_column, doc_column, count_column = array("I"), array("I"), array("I")
        for number, (doc_id, text, tags) in enumerate(documents):
            found = words(text)
            for word in set(found).difference(stem_of):
                stem_of[word] = stem(word)
            counts = Counter(map(stem_of.__getitem__, found))
            tagged = tag_terms.get(tags)
            if tagged is None:  # a fact's tags are its topics' names: the same for many
                tagged = tag_terms[tags] = {TAG + stem(w): 1 for w in words(tags)}
            self._ids.append(doc_id)
            lengths.append(len(found) + len(tagged))
            # tag terms are prefixed, so they never meet the text's own terms
            term_column.extend(map(numbers.__getitem__, counts))
            term_column.extend(map(numbers.__getitem__, tagged))
            count_column.extend(counts.values())
            count_column.extend(tagged.values())
            doc_column.extend(itertools.repeat(number, len(counts) + len(tagged)))
        total = len(lengths)
        average = (sum(lengths) / total) if total else 1.0
        # Grouped by term, documents in order within each (a stable sort of the term column)
        terms = np.frombuffer(term_column, dtype=DOC_TYPE)
        order = np.argsort(terms, kind="stable")
        docs = np.frombuffer(doc_column, dtype=DOC_TYPE)[order]
        frequency = np.minimum(np.frombuffer(count_column, dtype=DOC_TYPE)[order], 65535)
        starts = np.searchsorted(terms[order], np.arange(len(numbers) + 1))
        del term_column, count_column, doc_column, terms, order
        found_in = np.diff(starts).tolist()
        idf = [math.log(1 + (total - df + 0.5) / (df + 0.5)) for df in found_in]
        # each document's length part of BM25's denominator
        norms = K1 * ((1 - B) + (B * np.frombuffer(lengths, dtype=DOC_TYPE)) / average)
        frequency = frequency.astype(np.float64)
        # idf · tf · (k1 + 1) / (tf + norm), computed in place: a reload builds this while
        # the served store is alive, and each temporary array is 8 bytes per posting
        weights = norms[docs]
        weights += frequency
        np.divide(frequency, weights, out=weights)
        del frequency
        weights *= K1 + 1
        weights *= np.repeat(np.array(idf, dtype=np.float64), found_in)
        weights = weights.astype(np.float32)
        self._postings: dict[str, _Postings] = {}
        bounds = starts.tolist()
        for term, at in reversed(list(numbers.items())):  # the order of the earlier build
            begin, end = bounds[at], bounds[at + 1]
            self._postings[term] = _Postings(
                array("I", docs[begin:end].tobytes()), array("f", weights[begin:end].tobytes())
            )
        surface = set(stem_of)
        self._vocabulary = sorted(surface)
        self._surface = frozenset(surface)
        # Typo candidates by length and by first or second letter: a slip rarely changes
        # both of a word's first two letters, so a lookup reads two small buckets per length.
        buckets: dict[tuple[int, str], list[str]] = {}
        for word in self._vocabulary:
            buckets.setdefault((len(word), word[0]), []).append(word)
            if len(word) > 1:
                buckets.setdefault((len(word), "+" + word[1]), []).append(word)
        self._buckets = buckets
        self._synonyms: dict[str, frozenset[str]] = {}
        for group in synonyms:
            listed = [w for phrase in group for w in words(phrase)]
            stems = frozenset(stem(w) for w in listed)
            for member in (*stems, *(AS_LISTED + w for w in listed)):
                self._synonyms[member] = self._synonyms.get(member, frozenset()) | stems
        self._common = max(COMMON_MIN, total // COMMON_SHARE)

    class Saved(msgspec.Struct, frozen=True):
        """What a saved store keeps of the search index (arrays as their bytes)."""

        ids: list[str]
        postings: dict[str, tuple[bytes, bytes]]
        vocabulary: list[str]
        buckets: list[tuple[int, str, list[str]]]
        synonyms: dict[str, list[str]]
        common: int

    def save(self) -> SearchIndex.Saved:
        return SearchIndex.Saved(
            self._ids,
            {t: (p.docs.tobytes(), p.weights.tobytes()) for t, p in self._postings.items()},
            self._vocabulary,
            [(length, letter, words) for (length, letter), words in self._buckets.items()],
            {word: sorted(group) for word, group in self._synonyms.items()},
            self._common,
        )

    @classmethod
    def restore(cls, saved: SearchIndex.Saved) -> SearchIndex:
        index = cls.__new__(cls)
        index._ids = saved.ids
        index._text_of = None
        index._postings = {}
        for term, (docs, weights) in saved.postings.items():
            postings = _Postings(array("I"), array("f"))
            postings.docs.frombytes(docs)
            postings.weights.frombytes(weights)
            index._postings[term] = postings
        index._vocabulary = saved.vocabulary
        index._surface = frozenset(saved.vocabulary)
        index._buckets = {(length, letter): words for length, letter, words in saved.buckets}
        index._synonyms = {word: frozenset(group) for word, group in saved.synonyms.items()}
        index._common = saved.common
        return index

    def share_ids(self, ids: list[str]) -> None:
        """Hold ``ids`` (the store's own strings) instead of equal copies decoded apart."""
        if ids == self._ids:
            self._ids = ids

    def attach(self, text_of: Callable[[str], str]) -> None:
        """Give the index the store's texts (for phrase re-ranking): a store's method, held
        weakly, so that store and index form no cycle and a retired store is freed the
        moment its last reference goes (the collector never needs to find it)."""
        if hasattr(text_of, "__self__"):
            self._text_of = weakref.WeakMethod(text_of)
        else:
            self._text_of = lambda: text_of

    def _text(self, doc: int) -> str:
        text_of = self._text_of() if self._text_of is not None else None
        return text_of(self._ids[doc]) if text_of is not None else ""

    def knows(self, word: str) -> bool:
        """Whether ``word`` (simplified) occurs in the store's text."""
        return word in self._surface

    @staticmethod
    def _coverage(
        expansions: list[dict[str, float]], rarity: list[float], matched: frozenset[str]
    ) -> float:
        """How much of the query a document holds, each word weighed by its rarity (so the
        one rare word of "who criticised the new US policy" outweighs the three common
        ones); a word held only through a topic's name is weak evidence and does not count."""
        held = sum(
            r
            for e, r in zip(expansions, rarity, strict=True)
            if any(t in matched for t in e if t[0] != TAG)
        )
        return COVERAGE_FLOOR + (1.5 - COVERAGE_FLOOR) * held / (sum(rarity) or 1.0)

    @staticmethod
    def _rarest(expansions: list[dict[str, float]], rarity: list[float]) -> frozenset[str]:
        """The own terms of the query's rarest word (none for a one-word query)."""
        if len(expansions) < 2:
            return frozenset()
        at = max(range(len(rarity)), key=rarity.__getitem__)
        return frozenset(t for t in expansions[at] if not t.startswith(TAG))

    def _rarity(self, expansion: dict[str, float]) -> float:
        """A query word's weight in coverage: the idf of its rarest term of the text."""
        total = len(self._ids)
        counts = [len(self._postings[t].docs) for t in expansion if not t.startswith(TAG)]
        if not counts:
            return 0.0
        df = min(counts)
        return math.log(1 + (total - df + 0.5) / (df + 0.5))

    def share(self, terms: Iterable[str]) -> float:
        """The share of documents holding any of ``terms`` (from :meth:`expand`): near 1 for
        a word most documents hold ("US" in a store about US policy), small for a rare one."""
        import numpy as np

        held = [
            postings.docs
            for term in terms
            if not term.startswith(TAG) and (postings := self._postings.get(term)) is not None
        ]
        if len(held) > 1:  # documents holding two of them count once
            holding = np.zeros(len(self._ids), dtype=bool)  # np.unique would import numpy.ma
            for docs in held:
                holding[np.frombuffer(docs, dtype=DOC_TYPE)] = True
            return int(np.count_nonzero(holding)) / len(self._ids)
        return len(held[0]) / len(self._ids) if held else 0.0

    def expand(self, word: str) -> dict[str, float]:
        """The indexed stems a query word may mean, with a weight for each."""
        found: dict[str, float] = {}
        own = stem(word)
        if own in self._postings:
            found[own] = 1.0
        # a word as a group lists it means that group's words; its other forms, those of
        # every group its stem is in ("talks": consultations; "talk" and "talking": told too)
        listed = self._synonyms.get(AS_LISTED + word)
        for synonym in listed if listed is not None else self._synonyms.get(own, ()):
            if synonym in self._postings:
                found.setdefault(synonym, SYNONYM_WEIGHT)
        if TAG + own in self._postings:
            found[TAG + own] = TAG_WEIGHT
        if word in self._surface:
            return found
        if len(word) >= MIN_PREFIX:
            for term in self._vocabulary_from(word):
                found.setdefault(stem(term), EXPANSION_WEIGHT)
        if len(word) >= TYPO_MIN and not any(not t.startswith(TAG) for t in found):
            for term in self._close_spellings(word):
                found.setdefault(stem(term), EXPANSION_WEIGHT)
        return found

    def _close_spellings(self, word: str) -> list[str]:
        """Words of the store a typo of ``word`` could be (only lengths a typo allows)."""
        from rapidfuzz import fuzz, process  # here: most queries are spelt right

        scored: dict[str, float] = {}
        for n in range(len(word) - 2, len(word) + 3):
            for key in ((n, word[0]), (n, "+" + word[1])):
                for term, score, _ in process.extract(
                    word,
                    self._buckets.get(key, ()),
                    scorer=fuzz.ratio,
                    score_cutoff=TYPO_SCORE,
                    limit=5,
                ):
                    scored[term] = score
        return sorted(scored, key=lambda t: (-scored[t], t))[:5]

    def misspelt(self, word: str) -> list[str]:
        """The store's words ``word`` is one slip from (two for words of eight letters or
        more), nearest first: what a question's unknown word was most likely meant as."""
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        most = 2 if len(word) >= 8 else 1
        seen: dict[str, int] = {}
        for n in range(len(word) - most, len(word) + most + 1):
            for key in ((n, word[0]), (n, "+" + word[1])):
                for term, distance, _ in process.extract(
                    word,
                    self._buckets.get(key, ()),
                    scorer=Levenshtein.distance,
                    score_cutoff=most,
                    limit=5,
                ):
                    seen[term] = int(distance)
        return sorted(seen, key=lambda t: (seen[t], t))

    def _vocabulary_from(self, prefix: str) -> list[str]:
        start = bisect.bisect_left(self._vocabulary, prefix)
        out: list[str] = []
        for term in self._vocabulary[start : start + PREFIX_TERMS_MAX]:
            if not term.startswith(prefix):
                break
            out.append(term)
        return out

    def search(
        self,
        query: str,
        limit: int = 10,
        boost: Callable[[str], float] | None = None,
        within: Iterable[str] | None = None,
    ) -> list[Hit]:
        """The best ``limit`` documents for ``query``; ``boost(doc_id)`` scales a score;
        ``within``: only these documents are considered (one speaker's, say), however
        many others match better."""
        expansions = [e for e in (self.expand(w) for w in query_words(query)) if e]
        weighted: dict[str, float] = {}
        for expansion in expansions:
            for term, weight in expansion.items():
                weighted[term] = max(weight, weighted.get(term, 0.0))
        allowed = None if within is None else self._allowed(within)
        candidates = self._bm25(weighted, max(limit, RERANK), allowed)
        rarity = [self._rarity(e) for e in expansions]
        rarest = self._rarest(expansions, rarity)
        bounded = []
        for doc, score in candidates:
            matched = self._matched(doc, weighted)
            covered = score * self._coverage(expansions, rarity, matched)
            pairs = self._pairs(expansions, matched)
            factor = 1.0 if boost is None else boost(self._ids[doc])
            ceiling = covered * (1 + PHRASE_BOOST * len(pairs)) * factor
            tier = _tier(rarest, matched)
            bounded.append((tier, ceiling, doc, covered, pairs, factor, matched))
        # Each candidate's score with every neighbouring pair counted as standing together
        # is a ceiling on its final score (the same product, a factor no smaller). Read in
        # that order (tier first), the candidates' texts are only tokenised until none can
        # still place.
        bounded.sort(key=lambda b: (-b[0], -b[1], b[2]))
        best: list[tuple[int, float, int, frozenset[str]]] = []  # (tier, final, -doc, terms)
        for tier, ceiling, doc, covered, pairs, factor, matched in bounded:
            if len(best) == limit and (tier, ceiling, -doc) < best[0][:3]:
                break  # neither this candidate nor any after it can displace the last
            final = covered * (1 + PHRASE_BOOST * self._phrases(doc, pairs)) * factor
            if len(best) < limit:
                heapq.heappush(best, (tier, final, -doc, matched))
            elif (tier, final, -doc) > best[0][:3]:
                heapq.heapreplace(best, (tier, final, -doc, matched))
        best.sort(reverse=True)
        return [
            Hit(self._ids[-negated], round(final, 3), terms) for _, final, negated, terms in best
        ]

    def prepare(self) -> None:
        """Build now what the first searches would: numpy's import (about 0.1 s) and the
        documents' numbers a narrowed search reads (40 ms at 100k facts)."""
        import numpy  # noqa: F401

        self._numbers  # noqa: B018

    def _allowed(self, ids: Iterable[str]) -> Any:
        """A mask of the documents ``ids`` names (ids not indexed are left out)."""
        import numpy as np

        mask = np.zeros(len(self._ids), dtype=bool)
        numbers = self._numbers
        mask[[numbers[i] for i in ids if i in numbers]] = True
        return mask

    @cached_property
    def _numbers(self) -> dict[str, int]:
        """Each document's number, by id: built the first time a search is narrowed."""
        return {doc_id: n for n, doc_id in enumerate(self._ids)}

    def _bm25(
        self, weighted: dict[str, float], n: int, allowed: Any = None
    ) -> list[tuple[int, float]]:
        """The ``n`` best (document, score) pairs, best first, ties by document; only
        among the documents ``allowed`` (a mask) when given.

        Scores are summed over a dense array with numpy: each term's postings are added in
        one C call, not one Python step per document.
        """
        import numpy as np  # loaded by prepare(): one dictionary lookup here

        scores = np.zeros(len(self._ids))
        found = 0
        # Rarest terms first: a very common term then only adds to documents already found.
        for term in sorted(weighted, key=lambda t: len(self._postings[t].docs)):
            postings, factor = self._postings[term], np.float64(weighted[term])
            docs = np.frombuffer(postings.docs, dtype=DOC_TYPE)
            weights = factor * np.frombuffer(postings.weights, dtype=np.float32)
            if allowed is not None:
                kept = allowed[docs]
                docs, weights = docs[kept], weights[kept]
            if len(docs) > self._common and found >= n:
                kept = scores[docs] > 0
                docs, weights = docs[kept], weights[kept]
            scores[docs] += weights  # a term's documents are distinct: no lost additions
            found = int(np.count_nonzero(scores))
        chosen = None
        if found >= SAMPLE_FROM and found > n:
            # The n-th best score of a sample is at most the n-th best of all: only the
            # documents scoring at least that need sorting (one pass, not all found).
            sample = scores[::SAMPLE_STRIDE]
            if len(sample) > n:
                guess = np.partition(sample, len(sample) - n)[len(sample) - n]
                if guess > 0:
                    chosen = np.flatnonzero(scores >= guess)
        if chosen is None:
            chosen = np.flatnonzero(scores)
        if len(chosen) > n:
            floor = np.partition(scores[chosen], len(chosen) - n)[len(chosen) - n]
            chosen = chosen[scores[chosen] >= floor]
        pairs = zip(chosen.tolist(), scores[chosen].tolist(), strict=True)
        return sorted(pairs, key=lambda item: (-item[1], item[0]))[:n]

    def _pairs(
        self, expansions: list[dict[str, float]], matched: frozenset[str]
    ) -> list[tuple[set[str], set[str]]]:
        """Neighbouring query words that both occur in a document, as its matched terms."""
        if self._text_of is None or len(expansions) < 2:
            return []
        pairs = [
            (set(a).intersection(matched), set(b).intersection(matched))
            for a, b in itertools.pairwise(expansions)
        ]
        return [(a, b) for a, b in pairs if a and b]

    def _phrases(self, doc: int, pairs: list[tuple[set[str], set[str]]]) -> int:
        """How many of ``pairs`` stand close together in the document."""
        if not pairs or self._text_of is None:
            return 0
        wanted = set().union(*(a | b for a, b in pairs))
        places: dict[str, list[int]] = {}
        for at, term in enumerate(map(stem, words(self._text(doc)))):
            if term in wanted:
                places.setdefault(term, []).append(at)

        def near(first: set[str], second: set[str]) -> bool:
            return any(
                0 < abs(i - j) <= NEAR
                for x in first
                for y in second
                for i in places.get(x, ())
                for j in places.get(y, ())
            )

        return sum(1 for a, b in pairs if near(a, b))

    def _matched(self, doc: int, terms: Iterable[str]) -> frozenset[str]:
        found = set()
        for term in terms:
            docs = self._postings[term].docs
            at = bisect.bisect_left(docs, doc)
            if at < len(docs) and docs[at] == doc:
                found.add(term)
        return frozenset(found)
