"""The immutable, indexed fact store that every query reads."""

from __future__ import annotations

import copy
import gc
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import msgspec

from bot.records.dates import Precision
from bot.records.served import Actor, Citation, Fact, Relation, Source, Synonyms, Topic
from bot.records.text import Span
from bot.store.intervals import IntervalIndex
from bot.store.matching import Entry, NameIndex
from bot.store.search import SearchIndex

if TYPE_CHECKING:
    import ctypes


class TimelineOrder(msgspec.Struct, frozen=True):
    """The costly part of a store's ordering, kept by fact id."""

    timeline: tuple[str, ...]
    placement: dict[str, str]
    depth: dict[str, int]
    """For the facts some ``after`` or ``responds_to`` link leads to: the others are at 0."""


LINK_HASH = 16
"""Hex digits of an article's SHA-256 that name it in a footnote's link."""


class FileRecords(msgspec.Struct, frozen=True, gc=False):
    """Which records one file gave, in its order: a reload lends them when the file is
    byte for byte the same, instead of reading them again."""

    fingerprint: bytes
    sections: bytes
    """Each record's section, as its number in :data:`RECORD_SECTIONS`."""
    ids: tuple[str, ...]
    lines: bytes
    """Each record's line in the file (0: unknown), as 32-bit ints (``array("i")``)."""


class SavedOrder(msgspec.Struct, frozen=True):
    """The timeline order as :mod:`bot.reading.snapshot` saves it."""

    timeline: list[str]
    placement: dict[str, str]
    depth: dict[str, int]


class SavedFiles(msgspec.Struct, frozen=True):
    """Which records each file gave (``FactStore.files``), as plain columns: a file's
    records are the next ones of their sections in the saved tables, so no id is saved
    twice."""

    names: list[str]
    fingerprints: list[bytes]
    sections: list[bytes]
    lines: list[bytes]


RECORD_SECTIONS = ("sources", "actors", "facts", "topics", "synonyms")


class FactStore:
    """Sources, actors, facts and topics, with the indexes queries need.

    Built once by :func:`bot.reading.loader.load_store` and never changed: a reload builds
    a new store and swaps the reference.
    """

    def __init__(
        self,
        *,
        digest: str,
        sources: Mapping[str, Source],
        actors: Mapping[str, Actor],
        facts: Mapping[str, Fact],
        topics: Mapping[str, Topic],
        spans: Mapping[tuple[str, str], int],
        synonyms: Mapping[str, Synonyms] | None = None,
        order: TimelineOrder | None = None,
        files: Mapping[str, FileRecords] | None = None,
    ) -> None:
        self.digest = digest
        """The SHA-256 of every file it was read from, names included."""
        self.version = digest[:12]
        self.loaded_at = datetime.now(UTC)
        self._by_hash: dict[str, str] | None = None
        self._tables = (dict(sources), dict(actors), dict(facts), dict(topics))
        self.sources = MappingProxyType(self._tables[0])
        self.actors = MappingProxyType(self._tables[1])
        every = self._tables[2]
        self.all_facts = MappingProxyType(every)
        """Every fact, the retracted ones included (for /sources, history and saving)."""
        withdrawn = {k: f for k, f in every.items() if f.retracted is not None}
        self.retracted = MappingProxyType(withdrawn)
        """Facts withdrawn: kept for /sources and history, never served by an answer."""
        served = {k: f for k, f in every.items() if k not in withdrawn} if withdrawn else every
        self.facts = MappingProxyType(served)
        """The facts answers serve: every fact but the retracted ones."""
        self.topics = MappingProxyType(self._tables[3])
        self.synonyms = MappingProxyType(dict(synonyms or {}))
        self.files = MappingProxyType(dict(files or {}))
        self._spans = dict(spans)  # each packed in one int (see Span.packed)
        self._order = {fact_id: n for n, fact_id in enumerate(every)}
        self._depth = order.depth if order else _sequence_depths(self.facts)

        by_actor: dict[str, list[str]] = defaultdict(list)
        by_topic: dict[str, list[str]] = defaultdict(list)
        by_source: dict[str, list[str]] = defaultdict(list)
        for fact in self.facts.values():
            named: Iterable[str] = fact.actors  # none or one: nothing to dedupe
            if fact.by or len(fact.actors) > 1:
                named = dict.fromkeys((*fact.actors, *fact.by))
            for actor_id in named:
                by_actor[actor_id].append(fact.id)
            for topic_id in fact.topics:
                by_topic[topic_id].append(fact.id)
            citations = fact.citations  # most facts cite one source: no need to dedupe
            for source_id in (citations[0].source,) if len(citations) == 1 else fact.sources:
                by_source[source_id].append(fact.id)
        self.facts_by_actor = {k: tuple(v) for k, v in by_actor.items()}
        self.facts_by_topic = {k: tuple(v) for k, v in by_topic.items()}
        self.facts_by_source = {k: tuple(v) for k, v in by_source.items()}
        self.responses = _responses(self.facts)
        self.contradicted = _contradicted(self.facts)
        """For each fact, the served facts it contradicts or that contradict it."""
        self.roots = _roots(self.sources)
        self.parts = _parts(self.actors)
        self.spokespeople = _spokespeople(self.actors)
        """For each actor, those who speak for it (``speaks_for``), in the actors' order."""
        self.relations_to = _relations_to(self.actors)
        self.placement: dict[str, str] = dict(order.placement) if order else {}
        """Why a fact stands where it does, when its date alone cannot say."""
        self.timeline = (
            tuple(self.facts[f] for f in order.timeline) if order else tuple(self._in_order())
        )
        self._position = {fact.id: n for n, fact in enumerate(self.timeline)}
        self.overview = next((t for t in self.topics.values() if t.overview), None)

    def independent(self, fact: Fact) -> int:
        """How many independent sources back a fact: sources that repeat another
        (``based_on``, followed to its root) count once with it."""
        groups: list[frozenset[str]] = []
        for source_id in fact.sources:
            roots = self.roots.get(source_id, frozenset({source_id}))
            joined = [g for g in groups if g & roots]
            groups = [g for g in groups if not g & roots]
            groups.append(roots.union(*joined))
        return len(groups)

    def credibility(self, fact: Fact) -> tuple[int, str | None]:
        """The fact's credibility (1–6) and the curator's reason when one set it; else
        derived: 1 when independent sources confirm it, 4 when another fact contradicts
        it (3 if it is confirmed all the same), 6 (cannot be judged) on one source."""
        if fact.credibility is not None:
            return fact.credibility.grade, fact.credibility.reason
        confirmed = self.independent(fact) > 1
        if self.contradicted.get(fact.id):
            return (3 if confirmed else 4), None
        return (1 if confirmed else 6), None

    def ungraded_alone(self, fact: Fact) -> bool:
        """Whether the fact rests on one independent source that no curator has graded."""
        return self.independent(fact) == 1 and all(
            self.sources[s].reliability is None for s in fact.sources
        )

    @property
    def order(self) -> TimelineOrder:
        """The timeline's order as ids, to save with the checks (see the loader)."""
        return TimelineOrder(tuple(f.id for f in self.timeline), self.placement, self._depth)

    def same_order(self, facts: Mapping[str, Fact]) -> TimelineOrder | None:
        """This store's order, copied, if ``facts`` would be ordered the same: the same
        ids in the same file order, each with the same kind, date and responses."""
        if list(map(_order_inputs, facts.values())) != list(
            map(_order_inputs, self.all_facts.values())
        ):
            return None
        order = self.order
        return TimelineOrder(order.timeline, dict(order.placement), dict(order.depth))

    def chronological(self, fact: Fact) -> tuple[int, int]:
        """Sort key: the fact's place on the timeline; undated facts last, in file order."""
        position = self._position.get(fact.id)
        return (1, self._order[fact.id]) if position is None else (0, position)

    def latest(self, chosen: Collection[str], limit: int) -> tuple[list[Fact], int]:
        """The last ``limit`` dated facts of ``chosen`` in timeline order, and how many of
        ``chosen`` are dated. A few are sorted by position; many (spread over the whole
        timeline) are met walking it back from its end, which sorting them would not beat."""
        position = self._position
        total = sum(1 for f in chosen if f in position)
        if total * WALK_SHARE < len(self.timeline):
            places = sorted(position[f] for f in chosen if f in position)
            return [self.timeline[p] for p in places[-limit:]], total
        found: list[Fact] = []
        for fact in reversed(self.timeline):
            if len(found) == limit:
                break
            if fact.id in chosen:
                found.append(fact)
        found.reverse()
        return found, total

    def _in_order(self) -> list[Fact]:
        """Every dated fact where a reader expects it.

        A vague date (a year, a range, "recently") is placed at the latest day it allows, so
        "2025 to January 2026" follows "October 2025". A fact never comes before those it
        follows (``date.after``) or responds to; a reaction whose date allows it stands right
        after what it reacts to. On the same dates, events come before what was said, then
        ``after`` depth and file order decide.
        """
        dated = {f.id: f for f in self.facts.values() if f.date is not None}

        def key(fact: Fact) -> tuple[object, ...]:
            when = fact.date.when  # type: ignore[union-attr]
            # what happened first, then what was said of it
            said = fact.kind.attributed
            depth = self._depth.get(fact.id, 0)
            return (when.end, when.start, said, depth, self._order[fact.id])

        base = sorted(dated.values(), key=key)
        rank = {fact.id: n for n, fact in enumerate(base)}
        beside: dict[str, list[Fact]] = defaultdict(list)
        for fact in base:
            targets = [t for t in fact.responds_to if t in dated]
            if not targets:
                continue
            anchor = max(targets, key=rank.__getitem__)
            if fact.date.when.start <= dated[anchor].date.when.end:  # type: ignore[union-attr]
                beside[anchor].append(fact)
                self.placement[fact.id] = "placed after what it responds to"
        attached = {f.id for group in beside.values() for f in group}
        for fact in base:
            when = fact.date.when  # type: ignore[union-attr]
            if fact.id not in attached and when.precision.rank >= Precision.YEAR.rank:
                self.placement[fact.id] = "placed at the latest date it allows"

        out: list[Fact] = []
        emitted: set[str] = set()
        waiting: dict[str, list[Fact]] = defaultdict(list)

        def missing(fact: Fact) -> str | None:
            return next((p for p in fact.predecessors if p in dated and p not in emitted), None)

        def offer(first: Fact) -> None:
            # A stack, not recursion: a recursive closure refers to itself through its cell,
            # a cycle that would keep everything it reaches alive past the store (the
            # collector is frozen after loading).
            stack = [first]
            while stack:
                fact = stack.pop()
                if fact.id in emitted:
                    continue
                blocker = missing(fact)
                if blocker is not None:
                    waiting[blocker].append(fact)
                    continue
                out.append(fact)
                emitted.add(fact.id)
                followers = (*beside.pop(fact.id, ()), *waiting.pop(fact.id, ()))
                stack.extend(reversed([f for f in followers if f.id not in emitted]))

        for fact in base:
            if fact.id not in attached and fact.id not in emitted:
                offer(fact)
        out.extend(f for f in base if f.id not in emitted)  # unreachable: no cycles
        return out

    def records_of(self, rel: str, fingerprint: bytes) -> list[tuple[str, Any, int | None]] | None:
        """The records file ``rel`` gave this store, as (section, record, line), if the
        file is still exactly what ``fingerprint`` names."""
        known = self.files.get(rel)
        if known is None or known.fingerprint != fingerprint:
            return None
        try:
            return [
                (
                    RECORD_SECTIONS[section],
                    self.table(RECORD_SECTIONS[section])[record_id],
                    line or None,
                )
                for section, record_id, line in zip(
                    known.sections, known.ids, memoryview(known.lines).cast("i"), strict=True
                )
            ]
        except KeyError:  # a record this store refused (a duplicate id): read it again
            return None

    def table(self, section: str) -> Mapping[str, Any]:
        """Every record of one of :data:`RECORD_SECTIONS` as read (retracted facts too)."""
        if section == "facts":
            return self.all_facts
        tables: dict[str, Mapping[str, Any]] = {
            "sources": self.sources, "actors": self.actors, "topics": self.topics,
            "synonyms": self.synonyms,
        }  # fmt: skip
        return tables[section]

    def span(self, citation: Citation) -> Span:
        return Span.unpacked(self._spans[(citation.source, citation.quote)])

    def found(self, source_id: str, quote: str) -> int | None:
        """Where a cited quote was found in its source (packed: see Span.packed), if this
        store cites it."""
        return self._spans.get((source_id, quote))

    def quoted(self, citation: Citation) -> str:
        """The cited words exactly as the source has them."""
        span = self.span(citation)
        return self.sources[citation.source].text[span.start : span.end]

    @cached_property
    def actor_names(self) -> NameIndex:
        return NameIndex(
            "actor", (Entry(a.id, a.name, (*a.aliases, *peoples(a))) for a in self.actors.values())
        )

    @cached_property
    def topic_names(self) -> NameIndex:
        return NameIndex("topic", (Entry(t.id, t.title, t.aliases) for t in self.topics.values()))

    @cached_property
    def source_names(self) -> NameIndex:
        return NameIndex(
            "source",
            (
                Entry(s.id, s.title, tuple(n for n in (s.outlet, s.imported_from) if n))
                for s in self.sources.values()
            ),
        )

    @cached_property
    def dates(self) -> IntervalIndex:
        """The timeline's dates, for range queries that never scan it."""
        spans = [f.date.when for f in self.timeline if f.date is not None]
        return IntervalIndex(
            [s.start.toordinal() for s in spans], [s.end.toordinal() for s in spans]
        )

    @cached_property
    def fact_search(self) -> SearchIndex:
        return SearchIndex(
            ((fact.id, self.search_text(fact), self._tags(fact)) for fact in self.facts.values()),
            synonyms=(group.words for group in self.synonyms.values()),
            text_of=self._text_of,
        )

    def search_text(self, fact: Fact) -> str:
        """What search reads of a fact: its text, its actors' names, its quotes."""
        names = [
            name
            for actor_id in (*fact.actors, *fact.by)
            for name in (self.actors[actor_id].name, *self.actors[actor_id].aliases)
        ]
        quotes = [self.quoted(c) for c in fact.citations]
        return " ".join([fact.text, fact.words or "", fact.attribution or "", *names, *quotes])

    def _tags(self, fact: Fact) -> str:
        """The names of a fact's topics: weaker evidence than its own words."""
        return " ".join(
            name
            for topic_id in fact.topics
            if not self.topics[topic_id].overview
            for name in (self.topics[topic_id].title, *self.topics[topic_id].aliases)
        )

    def source_by_hash(self, prefix: str) -> str | None:
        """The source whose text's SHA-256 starts with ``prefix`` (a footnote link's)."""
        if self._by_hash is None:
            self._by_hash = {s.sha256[:LINK_HASH]: i for i, s in self.sources.items()}
        return self._by_hash.get(prefix[:LINK_HASH]) if len(prefix) == LINK_HASH else None

    def counts(self) -> dict[str, int]:
        return dict(self._counts)

    @cached_property
    def _counts(self) -> dict[str, int]:
        return {
            "sources": len(self.sources),
            "actors": len(self.actors),
            "facts": len(self.facts),
            "topics": len(self.topics),
            "citations": sum(len(f.citations) for f in self.facts.values()),
        }

    def release(self) -> None:
        """Free a retired store a part at a time (call it in a worker thread, once nothing
        uses the store). Dropped whole, 100k facts are freed in one C call that holds the
        GIL, and so stalls the serving event loop, for 60-150 ms on a 2-core machine; each
        part here frees in under 10 ms, and the loop runs between them."""
        self.timeline = ()
        for name in (*SAVED_INDEXES, "_spans", "_order", "_position", "facts_by_actor"):
            self.__dict__.pop(name, None)
        facts = self._tables[2]
        while facts:
            for _ in range(min(RELEASE_SLICE, len(facts))):
                facts.popitem()

    def spans_in_order(self) -> list[int]:
        """Every citation's span (packed), in :func:`cited`'s order: what a saved store
        keeps, without a second copy of every quote as its key."""
        return [self._spans[key] for key in dict.fromkeys(cited(self.actors, self.all_facts))]

    @classmethod
    def restored(
        cls,
        *,
        digest: str,
        tables: Mapping[str, Mapping[str, Any]],
        spans: list[int],
        order: SavedOrder,
        files: SavedFiles,
        indexes: Mapping[str, Any],
    ) -> FactStore:
        """A store rebuilt from what :mod:`bot.reading.snapshot` saved of it (``indexes``
        restored already). The search index holds the records' own id strings, not
        copies, and the heap is trimmed after decoding."""
        keys = dict.fromkeys(cited(tables["actors"], tables["facts"]))
        # each table holds its records in the order their files were read: file by file,
        # a file's records are the next ones of their sections
        following = [iter(tables[name].values()) for name in RECORD_SECTIONS]

        def ids(sections: bytes) -> tuple[str, ...]:
            try:
                return tuple(next(following[n]).id for n in sections)
            except (StopIteration, IndexError):
                raise ValueError("files name more records than were saved") from None

        store = cls(
            digest=digest,
            sources=tables["sources"],
            actors=tables["actors"],
            facts=tables["facts"],
            topics=tables["topics"],
            synonyms=tables["synonyms"],
            spans=dict(zip(keys, spans, strict=True)),
            order=TimelineOrder(tuple(order.timeline), order.placement, order.depth),
            files={
                name: FileRecords(printed, sections, ids(sections), lines)
                for name, printed, sections, lines in zip(
                    files.names, files.fingerprints, files.sections, files.lines, strict=True
                )
            },
        )
        store.__dict__.update(indexes)
        store.fact_search.share_ids(list(store.facts))
        store.fact_search.attach(store._text_of)
        return_memory()
        return store

    def warm(self, previous: FactStore | None = None) -> None:
        """Build every lazy index now (at load time, off the event loop). ``previous``
        (the store being served, on a reload) lends each index whose inputs are
        unchanged: an edited fact rebuilds the search index, not the names."""
        if previous is not None:
            self._borrow(previous)
        if "fact_search" in self.__dict__:
            self.fact_search = copy.copy(self.fact_search)  # its texts are this store's
            self.fact_search.attach(self._text_of)
        for index in ("actor_names", "topic_names", "source_names", "fact_search", "dates"):
            getattr(self, index)

    def _text_of(self, fact_id: str) -> str:
        return self.search_text(self.facts[fact_id])

    def _borrow(self, previous: FactStore) -> None:
        """Take over ``previous``'s built indexes whose inputs this store shares."""
        built = previous.__dict__
        same_names = True
        for name, inputs in _NAME_INPUTS.items():
            if name in built and list(inputs(self)) == list(inputs(previous)):
                self.__dict__[name] = built[name]
            else:
                same_names = False
        if (
            "fact_search" in built
            and same_names
            and list(self.facts.values()) == list(previous.facts.values())
            and self.sources == previous.sources
            and self.synonyms == previous.synonyms
        ):
            self.__dict__["fact_search"] = built["fact_search"]


def peoples(actor: Actor) -> tuple[str, ...]:
    """A state's people, named by the plural of its adjective ("Malians", "Russians",
    "Nigeriens" for Mali, Russia, Niger): what they say and do is the state's."""
    if actor.kind != "state":
        return ()
    return tuple(
        f"{alias}s"
        for alias in actor.aliases
        if alias.isalpha() and alias[0].isupper() and alias.endswith(("an", "en"))
    )


_NAME_INPUTS: dict[str, Callable[[FactStore], Iterable[tuple[object, ...]]]] = {
    "actor_names": lambda store: ((a.id, a.name, a.aliases, a.kind) for a in store.actors.values()),
    "topic_names": lambda store: ((t.id, t.title, t.aliases) for t in store.topics.values()),
    "source_names": lambda store: (
        (s.id, s.title, s.outlet, s.imported_from) for s in store.sources.values()
    ),
}
"""What each name index is built from; the search index also reads actors' names (its
texts) and topics' titles (its tags)."""


def _order_inputs(fact: Fact) -> tuple[object, ...]:
    return (fact.id, fact.kind, fact.date, fact.responds_to, fact.retracted is None)


def _libc() -> ctypes.CDLL | None:
    import ctypes  # here, not above: only freeing a retired store needs it

    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc: nothing to tune
        return None


def return_memory() -> None:
    """Hand freed heap back to the system (glibc keeps it otherwise), where possible."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


M_ARENA_MAX = -8
ARENAS = 2


def limit_arenas() -> None:
    """Few malloc arenas for a long-running process that reloads stores in threads.

    glibc gives each thread its own arena and keeps what a store freed there; with many
    query and reload threads, memory then creeps up reload after reload. Call it at start.
    """
    libc = _libc()
    if libc is not None:
        libc.mallopt(M_ARENA_MAX, ARENAS)


def keep_out_of_collections(*, collect: bool = False) -> None:
    """Put every object alive now (the store being served) out of the cyclic collector's
    reach, so no full collection walks it again while the bot serves.

    Each full collection walks every tracked object; with a 100k-fact store served, one
    stalled the event loop for 80-100 ms during a reload. Frozen objects are still freed
    by reference counting, which is how a store is freed (it holds no cycles). Call it
    with ``collect`` before serving (a full collection first, so no garbage is frozen),
    and without it after each reload's swap (a collection then would be the stall)."""
    if collect:
        gc.collect()
    gc.freeze()


RELEASE_SLICE = 2000
"""Facts freed at a time by ``FactStore.release``."""
SAVED_INDEXES = ("actor_names", "topic_names", "source_names", "fact_search", "dates")
WALK_SHARE = 20
"""A set of facts over 1/WALK_SHARE of the timeline is met walking it, not sorted."""


def cited(actors: Mapping[str, Actor], facts: Mapping[str, Fact]) -> Iterator[tuple[str, str]]:
    """Every citation's source and quote, in the order the loader's checks meet them."""
    for actor in actors.values():
        quoted = (*actor.citations, *(actor.role.citations if actor.role else ()))
        for citation in (*quoted, *(c for r in actor.relations for c in r.citations)):
            yield citation.source, citation.quote
    for fact in facts.values():
        for citation in fact.citations:
            yield citation.source, citation.quote


def _responses(facts: Mapping[str, Fact]) -> dict[str, tuple[str, ...]]:
    """For each fact, the facts that respond to it."""
    found: dict[str, list[str]] = defaultdict(list)
    for fact in facts.values():
        for target in fact.responds_to:
            found[target].append(fact.id)
    return {k: tuple(v) for k, v in found.items()}


def _contradicted(facts: Mapping[str, Fact]) -> dict[str, tuple[str, ...]]:
    """For each fact, the facts it contradicts and those contradicting it (both ways)."""
    found: dict[str, dict[str, None]] = defaultdict(dict)
    for fact in facts.values():
        for other in fact.contradicts:
            if other in facts:
                found[fact.id][other] = None
                found[other][fact.id] = None
    return {k: tuple(v) for k, v in found.items()}


def _roots(sources: Mapping[str, Source]) -> dict[str, frozenset[str]]:
    """For each source that repeats others (``based_on``), the original sources it rests
    on: what it repeats, followed to sources that repeat none (the loader refuses loops)."""
    roots: dict[str, frozenset[str]] = {}
    for source in sources.values():
        if not source.based_on:
            continue
        found: set[str] = set()
        seen = {source.id}
        pending = list(source.based_on)
        while pending:
            other = pending.pop()
            if other in seen or other not in sources:
                continue
            seen.add(other)
            if sources[other].based_on:
                pending.extend(sources[other].based_on)
            else:
                found.add(other)
        roots[source.id] = frozenset(found or {source.id})
    return roots


def _relations_to(actors: Mapping[str, Actor]) -> dict[str, tuple[tuple[str, Relation], ...]]:
    """For each actor, the relations other actors state towards it, with who states them."""
    found: dict[str, list[tuple[str, Relation]]] = defaultdict(list)
    for actor in actors.values():
        for relation in actor.relations:
            if relation.actor != actor.id:
                found[relation.actor].append((actor.id, relation))
    return {k: tuple(v) for k, v in found.items()}


def _spokespeople(actors: Mapping[str, Actor]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = defaultdict(list)
    for actor in actors.values():
        for body in actor.speaks_for:
            found[body].append(actor.id)
    return {k: tuple(v) for k, v in found.items()}


def _parts(actors: Mapping[str, Actor]) -> dict[str, tuple[str, ...]]:
    """For each body, every actor inside it (``part_of``, followed all the way down)."""
    children: dict[str, list[str]] = defaultdict(list)
    for actor in actors.values():
        for parent in actor.part_of:
            children[parent].append(actor.id)
    out: dict[str, tuple[str, ...]] = {}
    for parent in children:
        seen: dict[str, None] = {}
        pending = list(children[parent])
        while pending:
            child = pending.pop(0)
            if child not in seen and child != parent:
                seen[child] = None
                pending.extend(children.get(child, ()))
        out[parent] = tuple(seen)
    return out


def _sequence_depths(facts: Mapping[str, Fact]) -> dict[str, int]:
    """How many ``after``/``responds_to`` links lead to each fact (a link that loops back,
    which the loader refuses, counts for nothing), for the facts some link leads to: most
    have none, and a 100k-entry table of zeros takes 5 MB. Iterative: see ``_in_order``."""
    depths: dict[str, int] = {}
    for root in facts:
        stack, open_ = [root], {root}
        while stack:
            fact_id = stack[-1]
            if fact_id in depths:
                stack.pop()
                continue
            before = [b for b in facts[fact_id].predecessors if b in facts and b not in open_]
            pending = [b for b in before if b not in depths]
            if pending:
                stack += pending
                open_.update(pending)
                continue
            depths[fact_id] = 1 + max((depths[b] for b in before), default=-1)
            stack.pop()
    return {fact_id: depth for fact_id, depth in depths.items() if depth}
