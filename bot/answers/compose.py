"""Building a response: facts become cited items, citations are numbered once each."""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable, Sequence
from datetime import date

from bot.answers.passage import passage
from bot.answers.response import CitationRef, Item, Response, Section, SourceInfo
from bot.records.errors import NotFound
from bot.records.served import BRIEF_MAX, Citation, Fact, FactKind, Lead, Topic
from bot.records.text import simplify
from bot.store.facts import LINK_HASH, FactStore

CONTEXT_MAX = 90
"""Characters of a fact's text quoted to say what another fact responds to."""


MERGE_MAX = 700
"""Longest passage one footnote may cover when it joins several quotes from one source."""


SOURCING = {
    "◆": "two or more independent sources",
    "◇": "one source (and any copies of it)",
    "○": "one ungraded source, confirmed nowhere else",
}
"""The symbol for how a line is sourced, explained once per answer by its legend."""
CREDIBILITY_LEGEND = "digit: credibility, 1 confirmed by independent sources … 6 cannot be judged"


def sourcing(store: FactStore, facts: Sequence[Fact]) -> tuple[str, int, int]:
    """How a line resting on ``facts`` is sourced: its symbol, the independent sources of
    its least backed fact, and that fact's credibility (the weakest of them decides)."""
    weakest = min(
        facts,
        key=lambda f: (store.independent(f), not store.ungraded_alone(f), -store.credibility(f)[0]),
    )
    independent = store.independent(weakest)
    if independent > 1:
        symbol = "◆"
    elif store.ungraded_alone(weakest):
        symbol = "○"
    else:
        symbol = "◇"
    return symbol, independent, max(store.credibility(f)[0] for f in facts)


def correction_note(fact: Fact) -> str | None:
    """A corrected fact's short note: why, and what it said before."""
    if fact.corrected is None:
        return None
    return f"Corrected: {fact.corrected.reason} (earlier: “{fact.corrected.was}”)"


_Key = tuple[str, int, int]
"""A cited passage: source id and the character span of its text."""


def footnote(
    store: FactStore,
    number: int,
    source_id: str,
    start: int,
    end: int,
    *,
    in_context: bool = False,
) -> CitationRef:
    """Footnote ``number``: ``source_id``'s words from ``start`` to ``end`` (and the
    passage around them, ``in_context``)."""
    source = store.sources[source_id]
    published = source.published
    when = None
    if published is not None:
        when = published.date.label + (" (est.)" if published.estimated else "")
    return CitationRef(
        number=number,
        source=source_id,
        source_title=source.title,
        url=source.url,
        file=source.file,
        quote=source.text[start:end],
        start=start,
        end=end,
        outlet=source.outlet,
        published=when,
        graded=source.graded,
        passage=passage(source.text, start, end) if in_context else None,
        link=f"{source.sha256[:LINK_HASH]}:{start}:{end}",
    )


class CitationBook:
    """Numbers cited passages in order of first use, once each."""

    def __init__(self, store: FactStore) -> None:
        self._store = store
        self._numbers: dict[_Key, int] = {}
        self._cited: list[_Key] = []  # in number order

    def cite(self, citations: Iterable[Citation]) -> tuple[int, ...]:
        return self._number(self._key(c) for c in citations)

    def cite_compact(self, groups: Iterable[Sequence[Citation]]) -> tuple[int, ...]:
        """At most one footnote per source for statements that each need backing.

        Each group is one fact's citations. A citation joins its source's footnote when the
        passage spanning both stays within MERGE_MAX (it is still the source's own words),
        or opens the footnote for a source not cited yet; every group keeps at least one
        citation, so each part of the statement stays backed.
        """
        footnotes: dict[str, tuple[int, int]] = {}
        extra: list[_Key] = []
        for citations in groups:
            backed = False
            for citation in citations:
                source, start, end = self._key(citation)
                if source not in footnotes:
                    footnotes[source] = (start, end)
                    backed = True
                    continue
                low, high = footnotes[source]
                if max(high, end) - min(low, start) <= MERGE_MAX:
                    footnotes[source] = (min(low, start), max(high, end))
                    backed = True
            if not backed and citations:  # nothing fits: a second footnote for its source
                extra.append(self._key(citations[0]))
        keys = [(source, low, high) for source, (low, high) in footnotes.items()]
        return self._number([*keys, *extra])

    def _key(self, citation: Citation) -> _Key:
        span = self._store.span(citation)
        return (citation.source, span.start, span.end)

    def _number(self, keys: Iterable[_Key]) -> tuple[int, ...]:
        numbers: list[int] = []
        for key in keys:
            number = self._numbers.get(key)
            if number is None:
                self._cited.append(key)
                number = self._numbers[key] = len(self._cited)
            if number not in numbers:
                numbers.append(number)
        return tuple(numbers)

    def refs(self, used: Sequence[int] | None = None) -> tuple[CitationRef, ...]:
        """The footnotes, numbered from 1; ``used`` picks and orders them (old numbers)."""
        chosen = [self._cited[n - 1] for n in used] if used is not None else self._cited
        return tuple(
            footnote(self._store, number, source_id, start, end)
            for number, (source_id, start, end) in enumerate(chosen, 1)
        )


class Answer:
    """Collects sections and citations for one response.

    No fact and no sentence is shown twice in one answer: a later section skips what an
    earlier one already said.
    """

    def __init__(self, store: FactStore, command: str) -> None:
        self.store = store
        self.command = command
        self.book = CitationBook(store)
        self.sections: list[Section] = []
        self.notes: list[str] = []
        self._shown_facts: set[str] = set()
        self._shown_texts: set[str] = set()
        self._new_page = False

    def page_break(self) -> None:
        """Start the next section on a new page."""
        self._new_page = True

    def fact(
        self, fact: Fact, matched: Iterable[str] = (), *, compact: bool = False, brief: bool = False
    ) -> Item:
        """A fact as an item; ``brief``: backed by one short citation from each source."""
        store = self.store
        label = None
        if fact.kind.attributed:
            who = ", ".join(store.actors[a].name for a in fact.by)
            label = f"{fact.kind} · {fact.attribution or who}"
        symbol, independent, credibility = sourcing(store, [fact])
        if fact.corroborated:  # how many articles back it, and how many are independent
            backed = f"{independent} independent sources"
            if independent < len(fact.sources):
                backed = f"{len(fact.sources)} sources, {independent} independent"
            label = f"{label} · {backed}" if label else backed
        grade, reason = store.credibility(fact)
        if reason is not None:
            set_by = f"credibility {grade} set by curators: {reason}"
            label = f"{label} · {set_by}" if label else set_by
        date, phrase, span, estimated = self._when(fact)
        if brief:
            date = date or UNDATED
            cites = self.book.cite(_each_source(store, fact))
        elif compact:
            cites = self.book.cite_compact([fact.citations])
        else:
            cites = self.book.cite(fact.citations)
        return Item(
            text=fact.text,
            cites=cites,
            fact=fact.id,
            kind=str(fact.kind),
            label=label,
            date=date,
            date_phrase=phrase,
            note=fact.note,
            matched=tuple(matched),
            context=self._context(fact),
            placement=store.placement.get(fact.id),
            span=span,
            estimated=estimated,
            sourcing=f"{symbol}{credibility}",
            independent=independent,
            credibility=credibility,
            correction=correction_note(fact),
        )

    def change(self, fact: Fact, change: str) -> Item:
        """A fact that is new or changed since a reader last saw it: a retraction or a
        correction says so ("Retracted: …", "Corrected: …"), never a silent edit."""
        item = self.fact(fact)
        if fact.retracted is not None:
            return item.replace(
                text=f"Retracted: {fact.text}",
                label=_joined("retracted", item.label),
                sourcing=None,
                correction=f"Why retracted: {fact.retracted.reason}",
            )
        if fact.corrected is not None and change == "changed":
            return item.replace(
                text=f"Corrected: {fact.text}", label=_joined("corrected", item.label)
            )
        if change == "changed":
            return item.replace(label=_joined("updated", item.label))
        return item

    def lead(self, lead: Lead) -> Item:
        """A brief's bullet: the curator's sentence, dated by its dated events (as
        precisely as their sources give them: one event's date, or from the earliest to the
        latest when they differ), each fact backed by one short footnote."""
        facts = [self.store.facts[f] for f in lead.facts]
        dated = [f for f in facts if f.date is not None]
        events = [f for f in dated if not f.kind.attributed] or dated
        date, phrase, span, estimated = self._span(events)
        symbol, independent, credibility = sourcing(self.store, facts)
        date = date or UNDATED
        corrected = [note for note in map(correction_note, facts) if note]
        return Item(
            text=lead.text,
            cites=self.book.cite(_per_fact(self.store, facts)),
            fact=lead.facts[0],
            facts=lead.facts,
            kind="lead",
            date=date,
            date_phrase=phrase,
            span=span,
            estimated=estimated,
            sourcing=f"{symbol}{credibility}",
            independent=independent,
            credibility=credibility,
            correction="; ".join(corrected) or None,
        )

    def brief(self, topic: Topic, limit: int = BRIEF_MAX) -> list[Item]:
        """A topic in brief: its curated lead, else ``limit`` facts of its summary chosen by
        weight and spread over different events (see :func:`chosen_for_brief`)."""
        if topic.lead:
            return [self.lead(lead) for lead in topic.lead[:limit]]
        return [
            self.fact(self.store.facts[f], brief=True) for f in briefed(self.store, topic, limit)
        ]

    def _span(
        self, events: list[Fact]
    ) -> tuple[str | None, str | None, tuple[str, str] | None, bool]:
        """The date of a bullet resting on ``events``: the first one's, or, when they fall
        on dates apart, from the earliest to the latest ("from 2021–2023 to January 2025"),
        without a phrase (each phrase dates one fact)."""
        if not events:
            return None, None, None, False
        first = min(events, key=lambda f: f.date.when.start if f.date else date.max)
        last = max(events, key=lambda f: f.date.when.end if f.date else date.min)
        one = self._when(events[0])
        early, late = self._when(first), self._when(last)
        if early[2] is None or late[2] is None or late[2][0] <= early[2][1]:
            return one  # one date, or dates that overlap: the first event's
        span = (early[2][0], late[2][1])
        estimated = early[3] or late[3]
        label = f"from {_plain(early[0])} to {_plain(late[0])}" + (" (est.)" if estimated else "")
        return label, None, span, estimated

    def date_label(self, fact: Fact) -> str | None:
        """A fact's date as its item shows it ("January 2026 (est.)"); None: undated."""
        return self._when(fact)[0]

    def _when(self, fact: Fact) -> tuple[str | None, str | None, tuple[str, str] | None, bool]:
        """A fact's date as shown: label, the source's phrase, span, and whether estimated."""
        if fact.date is None:
            return None, None, None, False
        when = fact.date.when
        date = when.label
        estimated = False
        source = self.store.sources[fact.date.source or fact.citations[0].source]
        if fact.date.relative and source.published and source.published.estimated:
            date, estimated = f"{date} (est.)", True
        return date, fact.date.phrase, (when.start.isoformat(), when.end.isoformat()), estimated

    def _context(self, fact: Fact) -> str | None:
        """What a reaction responds to, short enough to read beside it."""
        store = self.store
        said = []
        for target in (store.facts[t] for t in fact.responds_to if t in store.facts):
            if target.kind.attributed:
                who = target.attribution or ", ".join(store.actors[a].name for a in target.by)
                what = f"{who}'s {target.kind}"
                if target.date is not None:
                    what += f" of {target.date.when.label}"
            elif target.label:  # the curators' name for it: "the Bamako visit (February 2026)"
                what = target.label
                if target.date is not None:
                    what += f" ({target.date.when.label})"
            else:  # a reference, not a clipped sentence: "the event of February 2026 (“…”)"
                what = f"the {target.kind}"
                if target.date is not None:
                    what += f" of {target.date.when.label}"
                what += f" (“{_clip(target.text, CONTEXT_MAX)}”)"
            said.append(what)
        if not said:
            return None
        # every link is the curators' reading of the sources, and says so
        return f"in response to {'; '.join(said)}, as linked by curators"

    def facts(
        self,
        title: str,
        facts: Sequence[Fact],
        limit: int,
        hint: str,
        *,
        latest: bool = False,
        total: int | None = None,
        item: Callable[[Fact], Item] | None = None,
    ) -> None:
        """A section of facts, at most ``limit`` of them (the latest ones if ``latest``),
        each made an item by ``item`` (:meth:`fact` by default).

        ``total`` is how many there are when ``facts`` is already only the ones to show.
        """
        fresh = [f for f in facts if f.id not in self._shown_facts]
        shown = fresh[-limit:] if latest else fresh[:limit]
        self.section(title, map(item or self.fact, shown))
        among = max(total or 0, len(fresh))
        if among > len(shown):
            which = "latest" if latest else "first"
            self.notes.append(f"{title}: showing the {which} {len(shown)} of {among}; {hint}.")

    def section(self, title: str, items: Iterable[Item], *, new_facts: bool = True) -> None:
        """A section of the items not shown yet (``new_facts=False``: items resting on facts
        already shown are kept when their own text is new, e.g. what to watch)."""
        collected = []
        for item in items:
            key = simplify(item.text)
            seen = new_facts and item.fact is not None and item.fact in self._shown_facts
            if seen or key in self._shown_texts:
                continue
            self._shown_texts.add(key)
            self._shown_facts.update(item.facts or ((item.fact,) if item.fact else ()))
            collected.append(item)
        if collected:
            self.sections.append(
                Section(title=title, items=tuple(collected), new_page=self._new_page)
            )
            self._new_page = False

    def response(
        self, title: str, subtitle: str | None = None, sources: tuple[SourceInfo, ...] = ()
    ) -> Response:
        # Footnotes of items a section skipped as repeats are dropped; the rest renumbered.
        renumber: dict[int, int] = {}
        for section in self.sections:
            for item in section.items:
                for number in item.cites:
                    renumber.setdefault(number, len(renumber) + 1)
        sections = tuple(
            Section(
                title=section.title,
                new_page=section.new_page,
                items=tuple(
                    item.replace(cites=tuple(renumber[n] for n in item.cites))
                    if any(renumber[n] != n for n in item.cites)
                    else item
                    for item in section.items
                ),
            )
            for section in self.sections
        )
        return Response(
            ok=True,
            command=self.command,
            title=title,
            subtitle=subtitle,
            sections=sections,
            sources=sources,
            citations=self.book.refs(list(renumber)),
            notes=tuple(self.notes),
            legend=_legend(sections),
            store_version=self.store.version,
        )


def _joined(*parts: str | None) -> str:
    return " · ".join(p for p in parts if p)


def _legend(sections: Iterable[Section]) -> str | None:
    """One line explaining the sourcing symbols the answer shows (none if it shows none)."""
    used = {item.sourcing[0] for section in sections for item in section.items if item.sourcing}
    if not used:
        return None
    meanings = [f"{symbol} {meaning}" for symbol, meaning in SOURCING.items() if symbol in used]
    return f"Sourcing: {'; '.join(meanings)}; {CREDIBILITY_LEGEND}."


UNDATED = "undated in the sources"
"""A brief bullet's date line when no fact it rests on is dated: said, not left out."""


def _plain(label: str | None) -> str:
    return (label or "").removesuffix(" (est.)")


def _per_fact(store: FactStore, facts: Sequence[Fact]) -> list[Citation]:
    """A bullet's footnotes: every fact it rests on keeps one short quote (a reader can
    check each claim the bullet makes), each quote once; the facts' other quotes stay in
    /quote and the Sources menu."""
    chosen: dict[tuple[str, str], Citation] = {}
    for fact in facts:
        citation = _shortest(store, fact.citations)
        chosen.setdefault((citation.source, citation.quote), citation)
    return list(chosen.values())


def _each_source(store: FactStore, fact: Fact) -> list[Citation]:
    """A brief's footnotes for a fact: one short quote from each source backing it, so a
    line shown as confirmed by two sources cites both."""
    by_source: dict[str, list[Citation]] = {}
    for citation in fact.citations:
        by_source.setdefault(citation.source, []).append(citation)
    return [_shortest(store, citations) for citations in by_source.values()]


def _shortest(store: FactStore, citations: Sequence[Citation]) -> Citation:
    """A brief's one footnote for a fact: its first citation of one sentence at most (the
    curator's main backing), else its shortest; the others stay in /quote and the menu."""
    quotes = [(c, store.quoted(c)) for c in citations]
    single = [c for c, q in quotes if len(_SENTENCE_END.findall(q.rstrip())) == 0]
    return single[0] if single else min(quotes, key=lambda cq: len(cq[1]))[0]


_SENTENCE_END = re.compile(r"[.!?][”’\"']?\s+(?=[A-Z“‘\"'])")
"""Where one sentence ends inside a quote and another begins."""


BRIEF_WEIGHTS = {"event": 4, "statement": 3, "claim": 2, "quote": 2, "analysis": 1, "background": 0}
"""How much a fact's kind weighs for a brief without a lead: what happened and what was
officially said before comment and background."""


_BRIEFED: weakref.WeakKeyDictionary[FactStore, dict[tuple[str, int], list[str]]] = (
    weakref.WeakKeyDictionary()
)
"""The facts a topic without a lead is briefed by, per store: weighing a topic's every fact
(1,700 at 100k) took /brief's p99 past 10 ms, and a served store never changes."""
LEAD_WEIGHT = 2
"""Extra weight of a fact some curated lead (another topic's brief) already relies on."""


def briefed(store: FactStore, topic: Topic, limit: int) -> list[str]:
    """The facts a topic without a lead is briefed by: chosen once per store."""
    chosen = _BRIEFED.setdefault(store, {})
    if (topic.id, limit) not in chosen:
        tagged = store.facts_by_topic.get(topic.id, ())
        summary = [f for f in topic.facts if f in store.facts]  # none retracted
        listed = set(topic.facts)
        candidates = [*summary, *(f for f in tagged if f not in listed)]
        chosen[(topic.id, limit)] = chosen_for_brief(store, candidates, limit)
    return chosen[(topic.id, limit)]


def chosen_for_brief(store: FactStore, summary: Sequence[str], limit: int) -> list[str]:
    """At most ``limit`` of a topic's facts by weight (kind, sources backing it, a date,
    reactions to it, use in a curated lead, topics it serves), at most one per event (a fact and the
    reactions to it, or an event and what is said of it in the same sentence) until every
    event has one; only then a second bullet on an event. In the summary's order."""
    in_leads = {f for t in store.topics.values() for lead in t.lead for f in lead.facts}

    def weight(fact_id: str) -> float:
        fact = store.facts[fact_id]
        return (
            BRIEF_WEIGHTS.get(str(fact.kind), 1)
            + len(fact.sources)
            + (1 if fact.date is not None else 0)
            + min(len(store.responses.get(fact_id, ())), 2)
            + (LEAD_WEIGHT if fact_id in in_leads else 0)
            + min(len(fact.topics), 3) / 2  # several topics brief on it
        )

    order = {f: n for n, f in enumerate(summary)}
    ranked = sorted((f for f in summary if f in store.facts), key=lambda f: (-weight(f), order[f]))
    taken: list[str] = []
    seen: set[str] = set()  # events already briefed: fact ids and cited sentences
    for fact_id in ranked:
        keys = _event_keys(store, fact_id)
        if keys & seen:
            continue
        taken.append(fact_id)
        seen |= keys
        if len(taken) == limit:
            break
    for fact_id in ranked:  # every event has its bullet: the weightiest of the rest
        if len(taken) == limit:
            break
        if fact_id not in taken:
            taken.append(fact_id)
    return sorted(taken, key=order.__getitem__)


def _event_keys(store: FactStore, fact_id: str) -> set[str]:
    """What makes two facts one event for a brief: a reaction and what it responds to; an
    event and what is said of it in the same sentence ("… killed at least 15 drivers …,
    underlining the resilience of militant groups"); the same cited words."""
    fact = store.facts[fact_id]
    keys = {fact_id, *fact.responds_to, *store.responses.get(fact_id, ())}
    for citation in fact.citations:
        span = store.span(citation)
        keys.add(f"{citation.source}:{span.start}:{span.end}")
        if fact.kind in (FactKind.EVENT, FactKind.ANALYSIS):
            text = store.sources[citation.source].text
            keys.add(f"{citation.source}:sentence:{text.count('.', 0, span.start)}")
    return keys


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


LINK_MAX = 64
"""Longest link read: 16 hex digits and two offsets of a 16 MB source fit in 40."""
_OFFSET = re.compile(r"[0-9]{1,9}")


def footnote_at(store: FactStore, link: str, number: int = 1) -> CitationRef:
    """The footnote a link names, if its article is still served; else :class:`NotFound`."""
    digest, _, span = link[:LINK_MAX].partition(":")
    start, _, end = span.partition(":")
    source_id = store.source_by_hash(digest)
    if source_id is None or not (_OFFSET.fullmatch(start) and _OFFSET.fullmatch(end)):
        raise NotFound(
            "That article is no longer in the fact store (a curator changed or removed it); "
            "run the command again for its current sources."
        )
    text = store.sources[source_id].text
    first, last = int(start), int(end)
    if not 0 <= first < last <= len(text):
        raise NotFound("That footnote does not point into its article; run the command again.")
    return footnote(store, number, source_id, first, last, in_context=True)


def in_context(store: FactStore, response: Response) -> Response:
    """``response`` with every footnote's passage, for those who read them all (JSON)."""
    refs = tuple(
        footnote(store, r.number, r.source, r.start, r.end, in_context=True)
        if r.source in store.sources
        else r
        for r in response.citations
    )
    return response.replace(citations=refs)
