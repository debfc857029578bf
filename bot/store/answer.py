"""Building a response: facts become cited items, citations are numbered once each."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.store.facts import FactStore
from bot.store.models import Citation, Fact, FactKind
from bot.store.response import CitationRef, Item, Response, Section, SourceInfo


class CitationBook:
    """Numbers citations in order of first use, once each."""

    def __init__(self, store: FactStore) -> None:
        self._store = store
        self._numbers: dict[tuple[str, str], int] = {}
        self._cited: list[Citation] = []  # in number order

    def cite(self, citations: Iterable[Citation]) -> tuple[int, ...]:
        numbers: list[int] = []
        for citation in citations:
            key = (citation.source, citation.quote)
            number = self._numbers.get(key)
            if number is None:
                self._cited.append(citation)
                number = self._numbers[key] = len(self._cited)
            if number not in numbers:
                numbers.append(number)
        return tuple(numbers)

    def refs(self) -> tuple[CitationRef, ...]:
        out = []
        for number, citation in enumerate(self._cited, 1):
            source = self._store.sources[citation.source]
            span = self._store.span(citation)
            out.append(
                CitationRef(
                    number=number,
                    source=citation.source,
                    source_title=source.title,
                    url=source.url,
                    file=source.file,
                    quote=source.text[span.start : span.end],
                    start=span.start,
                    end=span.end,
                )
            )
        return tuple(out)


class Answer:
    """Collects sections and citations for one response."""

    def __init__(self, store: FactStore, command: str) -> None:
        self.store = store
        self.command = command
        self.book = CitationBook(store)
        self.sections: list[Section] = []
        self.notes: list[str] = []

    def fact(self, fact: Fact, matched: Iterable[str] = ()) -> Item:
        store = self.store
        label = None
        if fact.kind.attributed:
            who = ", ".join(store.actors[a].name for a in fact.by)
            label = f"{fact.kind} · {fact.attribution or who}"
        elif fact.kind is FactKind.ANALYSIS:
            label = f"analysis · {fact.attribution}"
        text = f"“{fact.words}”" if fact.kind is FactKind.QUOTE and fact.words else fact.text
        date = phrase = None
        if fact.date is not None:
            date = fact.date.when.label
            source = store.sources[fact.date.source or fact.citations[0].source]
            if fact.date.relative and source.published and source.published.estimated:
                date = f"{date} (est.)"
            phrase = fact.date.phrase
        return Item(
            text=text,
            cites=self.book.cite(fact.citations),
            fact=fact.id,
            kind=str(fact.kind),
            label=label,
            date=date,
            date_phrase=phrase,
            note=fact.note,
            matched=tuple(matched),
        )

    def facts(
        self, title: str, facts: Sequence[Fact], limit: int, hint: str, *, latest: bool = False
    ) -> None:
        """A section of facts, at most ``limit`` of them (the latest ones if ``latest``)."""
        shown = facts[-limit:] if latest else facts[:limit]
        self.section(title, (self.fact(f) for f in shown))
        if len(facts) > len(shown):
            which = "latest" if latest else "first"
            self.notes.append(f"{title}: showing the {which} {len(shown)} of {len(facts)}; {hint}.")

    def section(self, title: str, items: Iterable[Item]) -> None:
        collected = tuple(items)
        if collected:
            self.sections.append(Section(title=title, items=collected))

    def response(
        self, title: str, subtitle: str | None = None, sources: tuple[SourceInfo, ...] = ()
    ) -> Response:
        return Response(
            ok=True,
            command=self.command,
            title=title,
            subtitle=subtitle,
            sections=tuple(self.sections),
            sources=sources,
            citations=self.book.refs(),
            notes=tuple(self.notes),
            store_version=self.store.version,
        )
