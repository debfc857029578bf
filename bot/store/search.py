"""Full-text search over facts: an inverted index built once per store version.

Each query word is expanded to the indexed words it may mean (the word itself, words it
begins, and close spellings through rapidfuzz), then facts are ranked by BM25 over those
words. Results say which of the fact's own words matched, so they can be shown.
"""

from __future__ import annotations

import bisect
import math
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.store.text import simplify

TYPO_SCORE = 84
"""Minimum rapidfuzz ratio for a query word to match a differently spelled word."""
MIN_PREFIX = 4
"""A query word this long also matches the longer words it begins ("coop" -> "cooperation")."""
EXPANSION_WEIGHT = 0.7
"""How much a prefix or typo match counts against an exact one."""
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
    """Which documents hold a term and how often: two compact arrays."""

    docs: array[int]
    counts: array[int]


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
        self._postings = {term: _Postings(*pair) for term, pair in building.items()}
        self._vocabulary = sorted(self._postings)
        self._lengths = lengths
        self._average = (sum(lengths) / len(lengths)) if lengths else 1.0
        total = len(lengths)
        self._idf = {
            term: math.log(1 + (total - len(p.docs) + 0.5) / (len(p.docs) + 0.5))
            for term, p in self._postings.items()
        }

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
        for term in self._vocabulary[start:]:
            if not term.startswith(prefix):
                break
            out.append(term)
        return out

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        scores: dict[int, float] = defaultdict(float)
        matched: dict[int, set[str]] = defaultdict(set)
        for word in dict.fromkeys(words(query)):
            for term, weight in self.expand(word).items():
                idf = self._idf[term]
                postings = self._postings[term]
                for doc, count in zip(postings.docs, postings.counts, strict=True):
                    norm = count + K1 * (1 - B + B * self._lengths[doc] / self._average)
                    scores[doc] += weight * idf * count * (K1 + 1) / norm
                    matched[doc].add(term)
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [
            Hit(self._ids[doc], round(score, 3), frozenset(matched[doc])) for doc, score in ranked
        ]
