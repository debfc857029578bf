"""Full-text search over facts: an inverted index built once per store version.

Each query word is expanded to the indexed words it may mean (the word itself, words it
begins, and close spellings through rapidfuzz), then facts are ranked by BM25 over those
words. Results say which of the fact's own words matched, so they can be shown.
"""

from __future__ import annotations

import bisect
import heapq
import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.store.text import simplify, sorted_gently

TYPO_SCORE = 84
"""Minimum rapidfuzz ratio for a query word to match a differently spelled word."""
MIN_PREFIX = 4
"""A query word this long also matches the longer words it begins ("coop" -> "cooperation")."""
EXPANSION_WEIGHT = 0.7
"""How much a prefix or typo match counts against an exact one."""
PREFIX_TERMS_MAX = 20
"""At most this many longer words a query word is expanded to by prefix."""
COMMON_SHARE = 20
COMMON_MIN = 2000
"""A term in more than 1/COMMON_SHARE of documents (and COMMON_MIN) is 'very common'."""
K1 = 1.2
B = 0.75

STOPWORDS = frozenset(
    """a about after all also an and are as at be been by for from had has have he her his
    in into is it its not of on or over s than that the their them there these they this to
    under was were what when which while who will with would""".split()
)
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """Index words of ``text``: simplified, without stop words."""
    return [w for w in _WORD.findall(simplify(text)) if w not in STOPWORDS]


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    score: float
    terms: frozenset[str]
    """The indexed words that matched, to highlight in the document's text."""


@dataclass(frozen=True, slots=True)
class _Postings:
    """The documents holding a term, ascending, and the term's BM25 weight in each."""

    docs: array[int]
    weights: array[float]


class SearchIndex:
    def __init__(self, documents: Iterable[tuple[str, str]]) -> None:
        building: dict[str, tuple[array[int], array[int]]] = {}
        self._ids: list[str] = []
        lengths = array("I")
        for number, (doc_id, text) in enumerate(documents):
            counts = Counter(words(text))
            self._ids.append(doc_id)
            lengths.append(sum(counts.values()))
            for term, count in counts.items():
                docs, hits = building.setdefault(term, (array("I"), array("H")))
                docs.append(number)
                hits.append(min(count, 65535))
        total = len(lengths)
        average = (sum(lengths) / total) if total else 1.0
        self._postings: dict[str, _Postings] = {}
        while building:  # popped as converted: the counts are freed as we go
            term, (docs, hits) = building.popitem()
            idf = math.log(1 + (total - len(docs) + 0.5) / (len(docs) + 0.5))
            weights = array(
                "f",
                (
                    idf * count * (K1 + 1) / (count + K1 * (1 - B + B * lengths[doc] / average))
                    for doc, count in zip(docs, hits, strict=True)
                ),
            )
            self._postings[term] = _Postings(docs, weights)
        self._vocabulary = sorted_gently(self._postings)
        self._common = max(COMMON_MIN, total // COMMON_SHARE)

    def expand(self, word: str) -> dict[str, float]:
        """The indexed words a query word may mean, with a weight for each."""
        found: dict[str, float] = {}
        if word in self._postings:
            found[word] = 1.0
        if len(word) >= MIN_PREFIX:
            for term in self._vocabulary_from(word):
                found.setdefault(term, EXPANSION_WEIGHT)
            for term, _, _ in process.extract(
                word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE, limit=5
            ):
                found.setdefault(term, EXPANSION_WEIGHT)
        return found

    def _vocabulary_from(self, prefix: str) -> list[str]:
        start = bisect.bisect_left(self._vocabulary, prefix)
        out: list[str] = []
        for term in self._vocabulary[start : start + PREFIX_TERMS_MAX]:
            if not term.startswith(prefix):
                break
            out.append(term)
        return out

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        weighted: dict[str, float] = {}
        for word in dict.fromkeys(words(query)):
            for term, weight in self.expand(word).items():
                weighted[term] = max(weight, weighted.get(term, 0.0))
        scores: dict[int, float] = {}
        # Rarest terms first: a very common term then only adds to documents already found.
        for term in sorted(weighted, key=lambda t: len(self._postings[t].docs)):
            postings, factor = self._postings[term], weighted[term]
            if len(postings.docs) > self._common and len(scores) >= limit:
                docs = postings.docs
                for doc in list(scores):
                    at = bisect.bisect_left(docs, doc)
                    if at < len(docs) and docs[at] == doc:
                        scores[doc] += factor * postings.weights[at]
                continue
            get = scores.get
            for doc, weight in zip(postings.docs, postings.weights, strict=True):
                scores[doc] = get(doc, 0.0) + factor * weight
        best = heapq.nlargest(limit, scores.items(), key=lambda item: (item[1], -item[0]))
        return [
            Hit(self._ids[doc], round(score, 3), self._matched(doc, weighted))
            for doc, score in best
        ]

    def _matched(self, doc: int, terms: Iterable[str]) -> frozenset[str]:
        found = set()
        for term in terms:
            docs = self._postings[term].docs
            at = bisect.bisect_left(docs, doc)
            if at < len(docs) and docs[at] == doc:
                found.add(term)
        return frozenset(found)
