"""Which sentences of each source are cited by at least one fact, and which are not."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.records.sentences import Sentence, split
from bot.records.served import Citation, Source
from bot.records.text import NormalizedText, Span
from bot.store.facts import FactStore


@dataclass
class SourceCoverage:
    source: Source
    sentences: list[Sentence]
    cited: list[Sentence] = field(default_factory=list)
    skipped: list[tuple[Sentence, str]] = field(default_factory=list)
    uncited: list[Sentence] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.uncited

    def line_of(self, sentence: Sentence) -> int:
        return self.source.text_line + self.source.text.count("\n", 0, sentence.start)


def all_citations(store: FactStore) -> list[Citation]:
    citations: list[Citation] = []
    for fact in store.all_facts.values():  # a retracted fact's passages were read too
        citations += fact.citations
    for actor in store.actors.values():
        citations += actor.citations
        if actor.role:
            citations += actor.role.citations
        for relation in actor.relations:
            citations += relation.citations
    return citations


def coverage(store: FactStore) -> list[SourceCoverage]:
    spans: dict[str, list[Span]] = {}
    for citation in all_citations(store):
        spans.setdefault(citation.source, []).append(store.span(citation))
    report = []
    for source in store.sources.values():
        sentences = split(source.text)
        result = SourceCoverage(source, sentences)
        skips = _skip_spans(source)
        for sentence in sentences:
            if any(
                s.start < sentence.end and sentence.start < s.end for s in spans.get(source.id, ())
            ):
                result.cited.append(sentence)
            elif reason := next(
                (r for s, r in skips if s.start <= sentence.start and sentence.end <= s.end), None
            ):
                result.skipped.append((sentence, reason))
            else:
                result.uncited.append(sentence)
        report.append(result)
    return report


def _skip_spans(source: Source) -> list[tuple[Span, str]]:
    """Every occurrence of every skipped passage (a repeated headline is skipped twice)."""
    text = NormalizedText(source.text)
    found = []
    for skip in source.skip:
        offset = 0
        while (span := _find_from(text, skip.quote, offset)) is not None:
            found.append((span, skip.reason))
            offset = span.end
    return found


def _find_from(text: NormalizedText, quote: str, offset: int) -> Span | None:
    rest = NormalizedText(text.original[offset:])
    span = rest.find(quote)
    return Span(span.start + offset, span.end + offset) if span else None
