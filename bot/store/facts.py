"""The immutable, indexed fact store that every query reads."""

from __future__ import annotations

import copy
import gc
import sys
from array import array
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cached_property
from itertools import chain, zip_longest
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import msgspec

from bot.store.cache import RecordCache
from bot.store.dates import Precision
from bot.store.intervals import IntervalIndex
from bot.store.matching import Entry, NameIndex
from bot.store.records import Actor, Citation, Fact, Relation, Source, Synonyms, Topic
from bot.store.search import SearchIndex
from bot.store.text import Span, sorted_gently

if TYPE_CHECKING:
    import ctypes


class TimelineOrder(msgspec.Struct, frozen=True):
    """The costly part of a store's ordering, kept by fact id."""

    timeline: tuple[str, ...]
    placement: dict[str, str]
    depth: dict[str, int]
    """For the facts some ``after`` or ``responds_to`` link leads to: the others are at 0."""

    def __reduce__(self) -> tuple[Callable[..., TimelineOrder], tuple[object, ...]]:
        # In parts: each part is loaded by a Python call, where a thread loading a saved
        # order (a reload in the background) lets the event loop run.
        return (
            _order_from,
            (
                _in_parts(self.timeline),
                _in_parts(tuple(self.placement.items())),
                _in_parts(tuple(self.depth.items())),
            ),
        )


PART = 5000
"""Items per part of a large pickled value: a part loads in well under a millisecond."""


class _Part(tuple[Any, ...]):
    """Some of a large value's items; loaded through a Python function (a switch point)."""

    __slots__ = ()

    def __reduce__(self) -> tuple[Callable[[tuple[Any, ...]], tuple[Any, ...]], tuple[Any, ...]]:
        return (_part, (tuple(self),))


def _part(items: tuple[Any, ...]) -> tuple[Any, ...]:
    return items


def _in_parts(items: tuple[Any, ...]) -> tuple[_Part, ...]:
    return tuple(_Part(items[at : at + PART]) for at in range(0, len(items), PART))


def _order_from(
    timeline: tuple[tuple[str, ...], ...],
    placement: tuple[tuple[tuple[str, str], ...], ...],
    depth: tuple[tuple[tuple[str, int], ...], ...],
) -> TimelineOrder:
    joined_placement: dict[str, str] = {}
    for part in placement:
        joined_placement.update(part)
    joined_depth: dict[str, int] = {}
    for some in depth:
        joined_depth.update(some)
    return TimelineOrder(tuple(chain.from_iterable(timeline)), joined_placement, joined_depth)


LINK_HASH = 16
"""Hex digits of an article's SHA-256 that name it in a footnote's link."""


class FileRecords(msgspec.Struct, frozen=True):
    """Which records one file gave, in its order: a reload lends them when the file is
    byte for byte the same, instead of reading them again."""

    fingerprint: bytes
    sections: bytes
    """Each record's section, as its number in :data:`RECORD_SECTIONS`."""
    ids: tuple[str, ...]
    lines: array[int]
    """Each record's line in the file (0: unknown)."""


RECORD_SECTIONS = ("sources", "actors", "facts", "topics", "synonyms")


class FactStore:
    """Sources, actors, facts and topics, with the indexes queries need.

    Built once by :func:`bot.store.loader.load_store` and never changed: a reload builds
    a new store and swaps the reference.
    """

    def __init__(
        self,
        *,
        version: str,
        sources: Mapping[str, Source],
        actors: Mapping[str, Actor],
        facts: Mapping[str, Fact],
        topics: Mapping[str, Topic],
        spans: Mapping[tuple[str, str], int],
        synonyms: Mapping[str, Synonyms] | None = None,
        order: TimelineOrder | None = None,
        files: Mapping[str, FileRecords] | None = None,
    ) -> None:
        self.version = version
        self.loaded_at = datetime.now(UTC)
        self._by_hash: dict[str, str] | None = None
        self._tables = (dict(sources), dict(actors), dict(facts), dict(topics))
        self.sources = MappingProxyType(self._tables[0])
        self.actors = MappingProxyType(self._tables[1])
        self.facts = MappingProxyType(self._tables[2])
        self.topics = MappingProxyType(self._tables[3])
        self.synonyms = MappingProxyType(dict(synonyms or {}))
        self.files = MappingProxyType(dict(files or {}))
        self._spans = dict(spans)  # each packed in one int (see Span.packed)
        self._order = {fact_id: n for n, fact_id in enumerate(self.facts)}
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
        self.parts = _parts(self.actors)
        self.relations_to = _relations_to(self.actors)
        self.placement: dict[str, str] = dict(order.placement) if order else {}
        """Why a fact stands where it does, when its date alone cannot say."""
        self.timeline = (
            tuple(self.facts[f] for f in order.timeline) if order else tuple(self._in_order())
        )
        self._position = {fact.id: n for n, fact in enumerate(self.timeline)}
        self.overview = next((t for t in self.topics.values() if t.overview), None)

    @property
    def order(self) -> TimelineOrder:
        """The timeline's order as ids, to save with the checks (see the loader)."""
        return TimelineOrder(tuple(f.id for f in self.timeline), self.placement, self._depth)

    def same_order(self, facts: Mapping[str, Fact]) -> TimelineOrder | None:
        """This store's order, copied, if ``facts`` would be ordered the same: the same
        ids in the same file order, each with the same kind, date and responses."""
        if not _same(map(_order_inputs, facts.values()), map(_order_inputs, self.facts.values())):
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

        base = sorted_gently(dated.values(), key=key)
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
        tables: tuple[Mapping[str, Any], ...] = (
            self.sources, self.actors, self.facts, self.topics, self.synonyms
        )  # fmt: skip
        try:
            return [
                (RECORD_SECTIONS[section], tables[section][record_id], line or None)
                for section, record_id, line in zip(
                    known.sections, known.ids, known.lines, strict=True
                )
            ]
        except KeyError:  # a record this store refused (a duplicate id): read it again
            return None

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
        return NameIndex("actor", (Entry(a.id, a.name, a.aliases) for a in self.actors.values()))

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
            text_of=lambda fact_id: self.search_text(self.facts[fact_id]),
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

    def dismantle(self) -> None:
        """Free a retired store piece by piece (call it in a worker thread).

        Dropping a large store at once frees millions of objects in one C-level cascade
        that holds the GIL throughout; freed one record at a time, the event loop keeps
        running between them. The store must no longer be used.
        """
        for name in ("actor_names", "topic_names", "source_names", "fact_search", "dates"):
            index = self.__dict__.pop(name, None)
            if sys.getrefcount(index) == 2 and hasattr(index, "__dict__"):  # not lent on
                _take_apart(index.__dict__)
            del index
        self.timeline = ()
        for table in (
            self.responses,
            self.parts,
            self.relations_to,
            self.placement,
            self._position,
            self.facts_by_actor,
            self.facts_by_topic,
            self.facts_by_source,
            self._spans,
            self._order,
            self._depth,
            *reversed(self._tables),
        ):
            while table:
                table.popitem()
        _return_memory()

    def warm(self, cache_dir: Path | None = None, previous: FactStore | None = None) -> None:
        """Build every lazy index now (at load time, off the event loop).

        With ``cache_dir`` the built indexes are saved there, signed, and a restart of the
        same store loads them instead of building them again. ``previous`` (the store
        being served, on a reload) lends each index whose inputs are unchanged: an edited
        fact rebuilds the search index, not the names.
        """
        cache = RecordCache(cache_dir) if cache_dir is not None else None
        # Not on a reload: unpickling tens of MB is one C call that holds the GIL (a stall
        # of the serving event loop of over 100 ms); borrowing and building never do.
        with paused_gc():  # millions of objects: a running collector would rescan them all
            saved = cache.get_indexes(self.version) if cache and previous is None else None
        if saved is not None and set(saved) == set(SAVED_INDEXES):
            for name, index in saved.items():
                self.__dict__[name] = index
            self.fact_search.share_ids(list(self.facts))
        elif previous is not None:
            self._borrow(previous)
        if "fact_search" in self.__dict__:
            self.fact_search = copy.copy(self.fact_search)  # its texts are this store's
            self.fact_search.attach(lambda fact_id: self.search_text(self.facts[fact_id]))
        with paused_gc():
            for index in (
                "actor_names",
                "topic_names",
                "source_names",
                "fact_search",
                "dates",
                "_counts",
            ):
                getattr(self, index)
        if cache is not None and saved is None:
            cache.put_indexes(self.version, {n: self.__dict__[n] for n in SAVED_INDEXES})

    def _borrow(self, previous: FactStore) -> None:
        """Take over ``previous``'s built indexes whose inputs this store shares."""
        built = previous.__dict__
        same_names = True
        for name, inputs in _NAME_INPUTS.items():
            if name in built and _same(inputs(self), inputs(previous)):
                self.__dict__[name] = built[name]
            else:
                same_names = False
        if (
            "fact_search" in built
            and same_names
            and _same(self.facts.values(), previous.facts.values())
            and self.sources == previous.sources
            and self.synonyms == previous.synonyms
        ):
            self.__dict__["fact_search"] = built["fact_search"]


_NAME_INPUTS: dict[str, Callable[[FactStore], Iterable[tuple[object, ...]]]] = {
    "actor_names": lambda store: ((a.id, a.name, a.aliases) for a in store.actors.values()),
    "topic_names": lambda store: ((t.id, t.title, t.aliases) for t in store.topics.values()),
    "source_names": lambda store: (
        (s.id, s.title, s.outlet, s.imported_from) for s in store.sources.values()
    ),
}
"""What each name index is built from; the search index also reads actors' names (its
texts) and topics' titles (its tags)."""


def _order_inputs(fact: Fact) -> tuple[object, ...]:
    return (fact.id, fact.kind, fact.date, fact.responds_to)


def _same(these: Iterable[object], those: Iterable[object]) -> bool:
    """Pairwise equality, one pair at a time: comparing two long lists whole is one C
    call that holds the GIL (and stalls the event loop) for tens of milliseconds."""
    missing = object()
    for this, that in zip_longest(these, those, fillvalue=missing):  # noqa: SIM110 (a loop)
        if this != that:
            return False
    return True


def _take_apart(parts: dict[str, object]) -> None:
    """Empty a retired index's containers a piece at a time, each only if nothing else holds
    it (a newer store may share them): dropped whole, an index frees hundreds of thousands
    of objects in one C call that holds the GIL."""
    while parts:
        _, value = parts.popitem()
        if sys.getrefcount(value) == 2:  # this name and getrefcount's own argument
            if isinstance(value, dict):
                while value:
                    value.popitem()
            elif isinstance(value, list):
                while value:
                    del value[-1000:]
        del value


def _libc() -> ctypes.CDLL | None:
    import ctypes  # here, not above: only freeing a retired store needs it

    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc: nothing to tune
        return None


def _return_memory() -> None:
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


WALK_SHARE = 20
"""A set of facts over 1/WALK_SHARE of the timeline is met walking it, not sorted."""

SAVED_INDEXES = ("actor_names", "topic_names", "source_names", "fact_search", "dates")


@contextmanager
def paused_gc() -> Iterator[None]:
    """Build many long-lived objects without the cyclic collector rescanning them all.

    Loading a large store allocates millions of objects; with the collector running, each
    full collection rescans everything built so far, which makes loading quadratic.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # What was built is long-lived: keep it out of every later collection, which
        # would otherwise rescan it all (a long pause) as soon as the collector resumes.
        # Frozen objects are still freed by reference counting once unused.
        gc.freeze()
        if was_enabled:
            gc.enable()


def _responses(facts: Mapping[str, Fact]) -> dict[str, tuple[str, ...]]:
    """For each fact, the facts that respond to it."""
    found: dict[str, list[str]] = defaultdict(list)
    for fact in facts.values():
        for target in fact.responds_to:
            found[target].append(fact.id)
    return {k: tuple(v) for k, v in found.items()}


def _relations_to(actors: Mapping[str, Actor]) -> dict[str, tuple[tuple[str, Relation], ...]]:
    """For each actor, the relations other actors state towards it, with who states them."""
    found: dict[str, list[tuple[str, Relation]]] = defaultdict(list)
    for actor in actors.values():
        for relation in actor.relations:
            if relation.actor != actor.id:
                found[relation.actor].append((actor.id, relation))
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
