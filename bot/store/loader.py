"""Read ``seeds/`` and ``knowledge/``, validate everything, build a :class:`FactStore`.

Validation collects **every** problem before giving up, each located by file, line,
record id and field, so a curator fixes a whole batch in one pass. Nothing here touches
the running bot: a caller gets either a complete new store or :class:`StoreInvalid`.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Collection, Iterable, Iterator, Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

import msgspec

from bot.store.cache import RecordCache, fingerprint
from bot.store.errors import Problem, StoreInvalid
from bot.store.facts import RECORD_SECTIONS, FactStore, FileRecords, TimelineOrder, paused_gc
from bot.store.files import Unreadable, files_under, read_regular
from bot.store.helper import KNOWLEDGE, SEED, File, Helper
from bot.store.records import Actor, Citation, Fact, Record, Source, Topic
from bot.store.standalone import standalone_problem
from bot.store.text import NormalizedText, fold

KNOWLEDGE_SECTIONS = ("actors", "facts", "topics", "synonyms")
"""The sections of a knowledge file (each validated by its model in :mod:`.parsing`)."""
Entry = tuple[str, Record, int | None]
"""A record read from a file: its section, the record and its line."""
SKIPPED_DIRS = frozenset({"drafts", "schema"})


class _Located(msgspec.Struct, frozen=True):
    """A validated record and where it was written."""

    file: str
    line: int | None


class Collected(msgspec.Struct, dict=True):  # a __dict__ for its cached_property
    """What a load has read so far: records, where each was written, and problems."""

    root: Path
    problems: list[Problem] = msgspec.field(default_factory=list)
    sources: dict[str, Source] = msgspec.field(default_factory=dict)
    records: dict[str, dict[str, Any]] = msgspec.field(
        default_factory=lambda: {name: {} for name in KNOWLEDGE_SECTIONS}
    )
    where: dict[str, dict[str, int]] = msgspec.field(default_factory=dict)
    """Where each record was written, by section and id: its file's number in ``files_read``
    and its line, packed in one int (a record's location is only read to report a problem;
    a reload keeps 125k of them alive beside the served store)."""
    files_read: list[str] = msgspec.field(default_factory=list)
    broken: set[str] = msgspec.field(default_factory=set)
    """Ids of records that failed validation: references to them are not reported again."""
    cache: RecordCache | None = None
    digest: Any = msgspec.field(default_factory=hashlib.sha256)
    previous: FactStore | None = None
    """The store being served, which lends the records of files that did not change."""
    files: dict[str, FileRecords] = msgspec.field(default_factory=dict)
    seeds_folder: str = ""
    """The seeds folder, named relative to the root: the articles' cache entry's name."""
    seeds: dict[bytes, list[Any]] = msgspec.field(default_factory=dict)
    """The valid articles read so far, by fingerprint: what the cache keeps for them."""
    seeds_cached: dict[bytes, list[Any]] | None = None
    """The cache's articles, once read (only if some article is not lent)."""
    seeds_changed: bool = False
    """Whether an article was parsed: the cache's entry for them is written again."""

    def known(self, rel: str, raw: bytes) -> tuple[bytes, list[Any] | None]:
        """A file's fingerprint, and its records if the served store or the cache has them
        (from the served store: the very same objects, not a second copy)."""
        printed = fingerprint(rel, raw)
        if self.previous is not None:
            lent = self.previous.records_of(rel, printed)
            if lent is not None:
                if self.cache is not None:
                    self.cache.keep(printed)
                return printed, lent
        return printed, self.cache.get(printed, rel) if self.cache else None

    def known_seed(self, rel: str, raw: bytes) -> tuple[bytes, list[Any] | None]:
        """An article's fingerprint, and its records if the served store or the cache has
        them (the cache keeps every article in one entry: see ``RecordCache.get_seeds``).
        A reload asks only the served store: reading the entry would copy every article
        to find the few new ones, which parse in well under a millisecond each."""
        printed = fingerprint(rel, raw)
        found = None
        if self.previous is not None:
            found = self.previous.records_of(rel, printed)
        elif self.cache is not None:
            if self.seeds_cached is None:
                self.seeds_cached = self.cache.get_seeds(self.seeds_folder)
            found = self.seeds_cached.get(printed)
        if found is not None:
            self.seeds[printed] = found
        return printed, found

    def cache_seed(self, printed: bytes, entries: list[Entry]) -> None:
        """Keep a valid article that was parsed, for the cache's next entry."""
        self.seeds[printed] = list(entries)
        self.seeds_changed = True

    def save_seeds(self) -> None:
        """Write the articles' cache entry again if it misses one read, or holds one gone."""
        if self.cache is None:
            return
        stale = self.seeds_cached is not None and self.seeds_cached.keys() != self.seeds.keys()
        if self.seeds_changed or stale:
            self.cache.put_seeds(self.seeds_folder, self.seeds)

    def note_file(
        self, rel: str, printed: bytes, entries: list[tuple[str, Any, int | None]]
    ) -> None:
        self.files[rel] = FileRecords(
            printed,
            bytes(RECORD_SECTIONS.index(section) for section, _, _ in entries),
            tuple(record.id for _, record, _ in entries),
            array("i", (line or 0 for _, _, line in entries)),
        )

    def rel(self, path: Path) -> str:
        """``path`` relative to the root, as a POSIX path (a string operation: paths here
        are absolute and normal, and ``relative_to`` costs more per file than reading
        the file's cache entry)."""
        text, prefix = path.as_posix(), self._prefix
        return text[len(prefix) :] if text.startswith(prefix) else text

    @cached_property
    def _prefix(self) -> str:
        return self.root.as_posix().rstrip("/") + "/"

    def add_source(self, rel: str, source: Source) -> None:
        if source.id in self.sources:
            first = self.sources[source.id].file
            self.problems.append(
                Problem(
                    rel,
                    f"duplicate source id (first defined in {first})",
                    record=source.id,
                    field="id",
                    line=2,
                )
            )
            return
        self.sources[source.id] = source
        self.locate("sources", source.id, rel, 2)

    def add_record(self, rel: str, section: str, record: Record, line: int | None) -> None:
        record_id: str = record.id  # type: ignore[attr-defined]
        records = self.records[section]
        if record_id in records:
            first = self.located(section, record_id)
            assert first is not None  # every record taken was located
            self.problems.append(
                Problem(
                    rel,
                    f"duplicate {section[:-1]} id (first defined in {first.file}:{first.line})",
                    record=record_id,
                    field="id",
                    line=line,
                )
            )
            return
        records[record_id] = record
        self.locate(section, record_id, rel, line)

    def locate(self, section: str, record_id: str, rel: str, line: int | None) -> None:
        if not self.files_read or self.files_read[-1] != rel:
            self.files_read.append(rel)
        packed = ((len(self.files_read) - 1) << 32) | (line or 0)
        self.where.setdefault(section, {})[record_id] = packed

    def located(self, section: str, record_id: str) -> _Located | None:
        packed = self.where.get(section, {}).get(record_id)
        if packed is None:
            return None
        return _Located(self.files_read[packed >> 32], (packed & 0xFFFFFFFF) or None)

    def problem(self, section: str, record_id: str, message: str, fld: str | None = None) -> None:
        at = self.located(section, record_id)
        self.problems.append(
            Problem(
                file=at.file if at else "?",
                line=at.line if at else None,
                record=record_id,
                field=fld,
                message=message,
            )
        )


def load_store(
    knowledge_dir: Path,
    seeds_dir: Path,
    *,
    include_drafts: bool = False,
    cache_dir: Path | None = None,
    previous: FactStore | None = None,
) -> FactStore:
    """Load and validate the whole store; raise :class:`StoreInvalid` listing every problem.

    Drafts (``knowledge/drafts/``) are never served; ``include_drafts`` loads them too, to
    check them against the store. ``cache_dir`` keeps each file's validated records, so
    only changed files are parsed again (see :mod:`bot.store.cache`). ``previous``, the
    store being served, lends what it already found in the articles that did not change.
    """
    cache = RecordCache(cache_dir) if cache_dir is not None else None
    with paused_gc():
        store = _load(knowledge_dir, seeds_dir, include_drafts, cache, previous)
    if cache is not None:
        cache.prune()
    return store


def _load(
    knowledge_dir: Path,
    seeds_dir: Path,
    include_drafts: bool,
    cache: RecordCache | None,
    previous: FactStore | None,
) -> FactStore:
    collected = _collect(knowledge_dir, seeds_dir, include_drafts, cache, previous)
    digest = collected.digest.hexdigest()
    # Files exactly as this code last checked and found valid: the checks' results are
    # saved (signed) and reused, so a restart skips the cross-record checks and ordering.
    checked = cache.get_checked(digest) if cache and not collected.problems else None
    spans = _saved_spans(collected, checked) if checked else None
    order: TimelineOrder | None = checked["order"] if checked and spans is not None else None
    if order is None and previous is not None:
        # what orders the timeline is as the served store has it: the same order
        order = previous.same_order(collected.records["facts"])
    checked_now = spans is None
    if spans is None:
        spans = _check_references(collected, previous, order)
    if collected.problems:
        raise StoreInvalid(collected.problems)
    store = FactStore(
        version=digest[:12],
        sources=collected.sources,
        actors=collected.records["actors"],
        facts=collected.records["facts"],
        topics=collected.records["topics"],
        synonyms=collected.records["synonyms"],
        spans=spans,
        order=order,
        files=collected.files,
    )
    if cache is not None and checked_now:
        # The spans in the order the checks found them, which is _cited's order; saved with
        # a digest of that order, so a restart never pairs a span with another citation.
        saved = {"spans": tuple(spans.values()), "cited": _keys_digest(spans), "order": store.order}
        cache.put_checked(digest, saved)
    # Freed entry by entry: dropped whole, a large store's 125k locations would be freed
    # in one C call that holds the GIL (a reload in a thread would stall the event loop).
    for located in collected.where.values():
        while located:
            located.popitem()
    return store


# --- reading ---------------------------------------------------------------------------


def _collect(
    knowledge_dir: Path,
    seeds_dir: Path,
    include_drafts: bool,
    cache: RecordCache | None,
    previous: FactStore | None,
) -> Collected:
    # resolved once, so every file is named relative to the folders' common root (its
    # records' cache key and what a reload compares), however the folders were given
    knowledge_dir, seeds_dir = knowledge_dir.resolve(), seeds_dir.resolve()
    root = _common_root(knowledge_dir, seeds_dir)
    collected = Collected(root=root, cache=cache, previous=previous)
    collected.seeds_folder = collected.rel(seeds_dir)
    files: list[File] = []
    if not seeds_dir.is_dir():
        collected.problems.append(Problem(collected.rel(seeds_dir), "the seeds folder is missing"))
    else:
        # by name, as paths in one folder sort (comparing Path objects is slow at 50k)
        seeds = sorted((p for p in seeds_dir.iterdir() if p.name.endswith(".md")), key=_name)
        files += [(path, seeds_dir, SEED) for path in seeds]
    if not knowledge_dir.is_dir():
        collected.problems.append(
            Problem(collected.rel(knowledge_dir), "the knowledge folder is missing")
        )
    else:
        knowledge = _knowledge_files(knowledge_dir, include_drafts)
        files += [(path, knowledge_dir, KNOWLEDGE) for path in knowledge]
    articles = sum(1 for _, _, kind in files if kind == SEED)  # they come first
    # a cold load shares the reading with a second process, through the cache
    helper = Helper.start(root, cache, files) if cache and previous is None else None
    try:
        for number, file in enumerate(files):
            if number == articles:  # written while the helper may still be reading
                collected.save_seeds()
            if helper is not None and number == helper.first:
                helper.finish()
            _read_file(collected, file)
        if articles == len(files):
            collected.save_seeds()
    finally:
        if helper is not None:
            helper.stop()  # only still running if this load failed before its files
    return collected


def _name(path: Path) -> str:
    return path.name


def _read_file(collected: Collected, file: File) -> None:
    path, folder, kind = file
    (_read_seed if kind == SEED else _read_knowledge_file)(collected, path, folder)


def read_into_cache(root: Path, cache: RecordCache, files: Iterable[File]) -> None:
    """Read ``files`` as a load would, for their records' cache entries only (what a
    :class:`~bot.store.helper.Helper` does); problems are left to the load to report."""
    collected = Collected(root=root, cache=cache)
    for file in files:
        _read_file(collected, file)


def _common_root(*paths: Path) -> Path:
    resolved = [p.resolve() for p in paths]
    parents = {p.parent for p in resolved}
    return parents.pop() if len(parents) == 1 else Path.cwd()


def _knowledge_files(knowledge_dir: Path, include_drafts: bool) -> Iterator[Path]:
    skipped = SKIPPED_DIRS - {"drafts"} if include_drafts else SKIPPED_DIRS
    return files_under(knowledge_dir, (".yaml", ".yml"), skipped)


def _read(collected: Collected, path: Path, folder: Path) -> bytes | None:
    """A file's bytes, or ``None`` with the reason recorded as a problem on it."""
    try:
        return read_regular(path, folder)
    except Unreadable as why:
        collected.problems.append(Problem(collected.rel(path), str(why)))
        return None


def _read_seed(collected: Collected, path: Path, folder: Path) -> None:
    rel = collected.rel(path)
    raw = _read(collected, path, folder)
    if raw is None:
        collected.broken.add(path.stem)  # its source id, most likely: no echoes of it
        return
    collected.digest.update(rel.encode() + b"\0" + raw)
    printed, cached = collected.known_seed(rel, raw)
    if cached is not None:
        collected.add_source(rel, cached[0][1])
        collected.note_file(rel, printed, cached)
        return
    from bot.store import parsing  # pydantic and YAML: only for files read afresh

    parsing.read_seed(collected, rel, raw, printed)


def _read_knowledge_file(collected: Collected, path: Path, folder: Path) -> None:
    rel = collected.rel(path)
    raw = _read(collected, path, folder)
    if raw is None:
        return
    collected.digest.update(rel.encode() + b"\0" + raw)
    printed, cached = collected.known(rel, raw)
    if cached is not None:
        for section, model, line in cached:
            collected.add_record(rel, section, model, line)
        collected.note_file(rel, printed, cached)
        return
    from bot.store import parsing  # pydantic and YAML: only for files read afresh

    parsing.read_knowledge(collected, rel, raw, printed)


# --- cross-record checks ---------------------------------------------------------------


def _cited(collected: Collected) -> Iterator[tuple[str, str]]:
    """Every citation's source and quote, in the order the checks meet them."""
    for actor in collected.records["actors"].values():
        cited = (*actor.citations, *(actor.role.citations if actor.role else ()))
        for citation in (*cited, *(c for r in actor.relations for c in r.citations)):
            yield citation.source, citation.quote
    for fact in collected.records["facts"].values():
        for citation in fact.citations:
            yield citation.source, citation.quote


def _saved_spans(
    collected: Collected, checked: dict[str, Any]
) -> dict[tuple[str, str], int] | None:
    """The spans saved with the checks, keyed again by the records' own strings (saved
    without their keys, which would be second copies of every quote); ``None`` if they do
    not fit these records."""
    cited = dict.fromkeys(_cited(collected))
    saved = checked.get("spans")
    if not isinstance(saved, tuple) or len(saved) != len(cited):
        return None
    if checked.get("cited") != _keys_digest(cited):
        return None
    return {key: span for key, span in zip(cited, saved, strict=True)}  # noqa: C416 (a loop)


def _keys_digest(keys: Iterable[tuple[str, str]]) -> str:
    """A digest of citation keys in order (hashed a thousand at a time: joining all of
    them at once would hold the GIL for tens of milliseconds)."""
    digest = hashlib.sha256()
    batch: list[str] = []
    for source, quote in keys:
        batch.append(f"{source}\0{quote}\0")
        if len(batch) == 1000:
            digest.update("".join(batch).encode())
            batch.clear()
    digest.update("".join(batch).encode())
    return digest.hexdigest()


class _Articles(dict[str, NormalizedText]):
    """Each source's text made searchable, when first needed (it costs a pass over it)."""

    def __init__(self, sources: Mapping[str, Source]) -> None:
        super().__init__()
        self.sources = sources

    def __missing__(self, source_id: str) -> NormalizedText:
        text = self[source_id] = NormalizedText(self.sources[source_id].text)
        return text


def _check_references(
    collected: Collected,
    previous: FactStore | None = None,
    order: TimelineOrder | None = None,
) -> dict[tuple[str, str], int]:
    """Check every reference and quote; return the span of every citation (packed).

    What ``previous`` found in an article that has not changed since (the same header
    and text) is taken over: finding a quote depends only on the two. An ``order`` kept
    from it means the facts' dates and sequence hints are those of a valid store.
    """
    sources = collected.sources
    actors: dict[str, Actor] = collected.records["actors"]
    facts: dict[str, Fact] = collected.records["facts"]
    topics: dict[str, Topic] = collected.records["topics"]
    normalized = _Articles(sources)
    spans: dict[tuple[str, str], int] = {}  # packed: see Span.packed
    same = (
        {sid for sid, source in sources.items() if previous.sources.get(sid) == source}
        if previous is not None
        else set()
    )

    def cite(section: str, rid: str, fld: str, citations: Iterable[Citation]) -> None:
        for index, citation in enumerate(citations):
            where = f"{fld}[{index}]"
            if citation.source not in sources:
                if citation.source in collected.broken:
                    continue
                collected.problem(
                    section, rid, _unknown("source", citation.source, sources), f"{where}.source"
                )
                continue
            key = (citation.source, citation.quote)
            if key in spans:
                continue
            packed = previous.found(*key) if previous and citation.source in same else None
            if packed is None:
                span = normalized[citation.source].find(citation.quote)
                packed = None if span is None else span.packed
            if packed is None:
                collected.problem(
                    section, rid, _not_found(citation, sources[citation.source]), f"{where}.quote"
                )
            else:
                spans[key] = packed

    def refs(
        section: str, rid: str, fld: str, ids: Iterable[str], pool: Mapping[str, Any], noun: str
    ) -> None:
        for index, ref in enumerate(ids):
            if ref not in pool and ref not in collected.broken:
                collected.problem(section, rid, _unknown(noun, ref, pool), f"{fld}[{index}]")

    for source in sources.values():
        if source.id in same:  # its passages were found in the same text before
            continue
        for index, skip in enumerate(source.skip):
            if normalized[source.id].find(skip.quote) is None:
                collected.problem(
                    "sources",
                    source.id,
                    "this passage is not in the article",
                    f"skip[{index}].quote",
                )

    for section, records in (("actors", actors), ("facts", facts)):
        for record in records.values():
            if not record.reviewed:
                collected.problem(
                    section,
                    record.id,
                    "not reviewed: a drafted entry no curator has cleared yet; check it, "
                    "then set `reviewed: true` (or delete the line)",
                    "reviewed",
                )
    for actor in actors.values():
        cite("actors", actor.id, "citations", actor.citations)
        refs("actors", actor.id, "part_of", actor.part_of, actors, "actor")
        if actor.role:
            cite("actors", actor.id, "role.citations", actor.role.citations)
        for index, relation in enumerate(actor.relations):
            if relation.actor not in actors and relation.actor not in collected.broken:
                collected.problem(
                    "actors",
                    actor.id,
                    _unknown("actor", relation.actor, actors),
                    f"relations[{index}].actor",
                )
            cite("actors", actor.id, f"relations[{index}].citations", relation.citations)

    for fact in facts.values():
        cite("facts", fact.id, "citations", fact.citations)
        refs("facts", fact.id, "actors", fact.actors, actors, "actor")
        refs("facts", fact.id, "by", fact.by, actors, "actor")
        refs("facts", fact.id, "topics", fact.topics, topics, "topic")
        refs("facts", fact.id, "responds_to", fact.responds_to, facts, "fact")
        if fact.restates is not None:
            refs("facts", fact.id, "restates", (fact.restates,), facts, "fact")
        # (the checks of a fact on its own ran when it was parsed: parsing.fact_problems)
        unchanged = previous is not None and previous.facts.get(fact.id) == fact
        _check_date(collected, fact, normalized, unchanged, same)
        _check_began(collected, fact, actors)

    if order is None:
        _check_sequence(collected, facts)
    _check_parts(collected, actors)
    overviews = [t.id for t in topics.values() if t.overview]
    for topic in topics.values():
        refs("topics", topic.id, "facts", topic.facts, facts, "fact")
        for index, lead in enumerate(topic.lead):
            refs("topics", topic.id, f"lead[{index}].facts", lead.facts, facts, "fact")
            unclear = standalone_problem(lead.text)
            if unclear:
                collected.problem("topics", topic.id, f"the text {unclear}", f"lead[{index}].text")
        for index, fact_id in enumerate(topic.facts):
            if fact_id in facts and topic.id not in facts[fact_id].topics:
                collected.problem(
                    "topics",
                    topic.id,
                    f"fact {fact_id!r} is in this summary "
                    f"but does not list {topic.id!r} in its topics",
                    f"facts[{index}]",
                )
    if len(overviews) > 1:
        for extra in overviews[1:]:
            collected.problem(
                "topics",
                extra,
                f"only one topic may be the overview ({overviews[0]} already is)",
                "overview",
            )
    return spans


def _check_date(
    collected: Collected,
    fact: Fact,
    normalized: Mapping[str, NormalizedText],
    unchanged: bool = False,
    same: Collection[str] = (),
) -> None:
    """A fact's date against its source: ``unchanged`` (the served store has this very
    fact) skips finding its phrase again in a ``same`` source."""
    if fact.date is None:
        return
    when = fact.date.when
    source_id = fact.date.source or fact.citations[0].source
    source = collected.sources.get(source_id)
    if source is None:
        if source_id in collected.broken:
            return
        collected.problem(
            "facts", fact.id, _unknown("source", source_id, collected.sources), "date.source"
        )
        return
    phrase = fact.date.phrase
    if (
        phrase
        and not (unchanged and source_id in same)
        and normalized[source_id].find(phrase) is None
    ):
        collected.problem(
            "facts", fact.id, f"the phrase {phrase!r} is not in source {source_id}", "date.phrase"
        )
    published = source.published
    if fact.date.relative:
        if published is None:
            collected.problem(
                "facts",
                fact.id,
                f"a relative date needs a publication date, and source {source_id} has none",
                "date.relative",
            )
        elif when.precision.rank < published.precision.rank:
            collected.problem(
                "facts",
                fact.id,
                f"{when} is a {when.precision}, more precise "
                f"than the {published.precision} its source was published in",
                "date.when",
            )
    if published is not None and when.end > published.date.end:
        collected.problem(
            "facts",
            fact.id,
            f"{when} is after its source was published ({published.date})",
            "date.when",
        )


def _check_began(collected: Collected, fact: Fact, actors: Mapping[str, Actor]) -> None:
    """No fact is dated before an actor it involves existed (an administration's start)."""
    if fact.date is None:
        return
    for actor_id in dict.fromkeys((*fact.actors, *fact.by)):
        actor = actors.get(actor_id)
        began = actor.since if actor is not None else None
        if actor is not None and began is not None and fact.date.when.start < began.start:
            collected.problem(
                "facts",
                fact.id,
                f"dated {fact.date.when.label}, but {actor.name} began only in "
                f"{began.label}: narrow the date or check the actors",
                "date.when",
            )


def _check_parts(collected: Collected, actors: Mapping[str, Actor]) -> None:
    """``part_of`` never loops back on itself (a body cannot contain itself)."""
    for actor in actors.values():
        seen = {actor.id}
        pending = list(actor.part_of)
        while pending:
            parent = pending.pop()
            if parent == actor.id:
                collected.problem("actors", actor.id, "'part_of' goes round in a circle", "part_of")
                break
            if parent in seen or parent not in actors:
                continue
            seen.add(parent)
            pending.extend(actors[parent].part_of)


def _check_sequence(collected: Collected, facts: Mapping[str, Fact]) -> None:
    """``date.after`` and ``responds_to`` name facts and never loop back on themselves."""
    for fact in facts.values():
        for index, other in enumerate(fact.date.after if fact.date else ()):
            if other not in facts and other not in collected.broken:
                collected.problem(
                    "facts", fact.id, _unknown("fact", other, facts), f"date.after[{index}]"
                )
    done: set[str] = set()
    for root in facts:  # depth-first, with a stack (no recursion: see FactStore._in_order)
        if root in done:
            continue
        path: list[str] = []
        stack: list[tuple[str, int]] = [(root, 0)]
        on_path: set[str] = set()
        while stack:
            fact_id, at = stack.pop()
            if at == 0:
                path.append(fact_id)
                on_path.add(fact_id)
            before = facts[fact_id].predecessors
            if at < len(before):
                stack.append((fact_id, at + 1))
                other = before[at]
                if other in on_path:
                    loop = " -> ".join([*path[path.index(other) :], other])
                    collected.problem(
                        "facts",
                        other,
                        f"'after' and 'responds_to' go round in a circle: {loop}",
                        "date.after",
                    )
                elif other in facts and other not in done:
                    stack.append((other, 0))
                continue
            done.add(fact_id)
            on_path.discard(fact_id)
            path.pop()


def _unknown(noun: str, ref: str, pool: Mapping[str, Any]) -> str:
    import difflib  # here, not above: only a broken reference needs it

    close = difflib.get_close_matches(ref, list(pool), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return f"unknown {noun} {ref!r}{hint}"


def _not_found(citation: Citation, source: Source) -> str:
    from rapidfuzz import fuzz  # here, not above: only a misquote needs it

    alignment = fuzz.partial_ratio_alignment(fold(citation.quote), fold(source.text))
    message = f"quote not found in source {source.id}"
    if alignment is not None and alignment.score >= 60:
        nearest = fold(source.text)[alignment.dest_start : alignment.dest_end]
        message += f"; nearest passage: {nearest!r}"
    return message
