"""Read ``seeds/`` and ``knowledge/``, validate everything, build a :class:`FactStore`.

Validation collects **every** problem before giving up, each located by file, line,
record id and field, so a curator fixes a whole batch in one pass. Nothing here touches
the running bot: a caller gets either a complete new store or :class:`StoreInvalid`.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import msgspec

from bot.reading import snapshot
from bot.reading.collected import Collected
from bot.reading.files import Unreadable, files_under, read_regular
from bot.records.dates import after_publication
from bot.records.errors import Problem, StoreInvalid
from bot.records.quoted import quote_speaker_problem
from bot.records.served import Actor, Citation, Fact, FactKind, Source, Topic
from bot.records.standalone import standalone_problem
from bot.records.text import NormalizedText, fold
from bot.records.watch import watch_problems
from bot.store.facts import FactStore
from bot.store.speakers import speaks_for_problems

SKIPPED_DIRS = frozenset({"drafts", "schema"})
SEED, KNOWLEDGE = "seed", "knowledge"
File = tuple[Path, Path, str]
"""A file to read: its path, the folder it must stay inside, and what it holds."""


def load_store(
    knowledge_dir: Path,
    seeds_dir: Path,
    *,
    include_drafts: bool = False,
    previous: FactStore | None = None,
) -> FactStore:
    """Load and validate the whole store; raise :class:`StoreInvalid` listing every problem.

    Drafts (``knowledge/drafts/``) are never served; ``include_drafts`` loads them too, to
    check them against the store. ``previous``, the store being served, lends what it
    already found in the files that did not change.
    """
    collected, listed = _list(knowledge_dir, seeds_dir, include_drafts, previous)
    return _build(collected, _each_read(collected, listed))


def open_store(
    knowledge_dir: Path,
    seeds_dir: Path,
    cache_dir: Path | None,
    *,
    previous: FactStore | None = None,
) -> FactStore:
    """The store to serve, its indexes built: decoded from ``cache_dir`` when these very
    files (and this code) were served before, else loaded, checked, indexed and saved
    there (see :mod:`bot.reading.snapshot`), lent what the files unchanged since the last
    save gave then. Raises :class:`StoreInvalid` as :func:`load_store` does. A reload
    (``previous``) is lent the served store instead."""
    lent = previous
    if cache_dir is not None and previous is None:
        digest = files_digest(knowledge_dir, seeds_dir)
        if digest is not None:
            saved = snapshot.load(cache_dir, snapshot.store_key(digest), FactStore.restored)
            if saved is not None:
                return saved
        # files changed since the last save: lent what the unchanged ones gave then
        lent = snapshot.latest(cache_dir, FactStore.restored)
    store = load_store(knowledge_dir, seeds_dir, previous=lent)
    store.warm(lent)
    del lent  # before saving: a store lent from the cache is freed now
    if cache_dir is not None:
        snapshot.save(cache_dir, snapshot.store_key(store.digest), store)
    return store


def files_digest(knowledge_dir: Path, seeds_dir: Path) -> str | None:
    """The digest a load of these folders would give its store (``FactStore.digest``),
    reading each file once and keeping none; ``None`` if a folder or file cannot be read."""
    probe, listed = _list(knowledge_dir, seeds_dir, False, None)
    for _ in _each_read(probe, listed):
        pass
    return None if probe.problems else probe.digest


class _Read(msgspec.Struct, frozen=True):
    rel: str
    raw: bytes
    kind: str


def _list(
    knowledge_dir: Path, seeds_dir: Path, include_drafts: bool, previous: FactStore | None
) -> tuple[Collected, list[File]]:
    """The files a load reads, in order (problems for missing folders)."""
    # resolved once, so every file is named relative to the folders' common root (what a
    # reload compares), however the folders were given
    knowledge_dir, seeds_dir = knowledge_dir.resolve(), seeds_dir.resolve()
    collected = Collected(root=_common_root(knowledge_dir, seeds_dir), previous=previous)
    listed: list[File] = []
    if not seeds_dir.is_dir():
        collected.problems.append(Problem(collected.rel(seeds_dir), "the seeds folder is missing"))
    else:
        # by name, as paths in one folder sort (comparing Path objects is slow at 50k)
        seeds = sorted((p for p in seeds_dir.iterdir() if p.name.endswith(".md")), key=_name)
        listed += [(path, seeds_dir, SEED) for path in seeds]
    if not knowledge_dir.is_dir():
        collected.problems.append(
            Problem(collected.rel(knowledge_dir), "the knowledge folder is missing")
        )
    else:
        knowledge = _knowledge_files(knowledge_dir, include_drafts)
        listed += [(path, knowledge_dir, KNOWLEDGE) for path in knowledge]
    return collected, listed


def _each_read(collected: Collected, listed: Iterable[File]) -> Iterator[_Read]:
    """Each file's bytes, one at a time (problems for those that cannot be read); once
    all are read, ``collected.digest`` is their digest, names included."""
    digest = hashlib.sha256()
    for path, folder, kind in listed:
        rel = collected.rel(path)
        try:
            raw = read_regular(path, folder)
        except Unreadable as why:
            collected.problems.append(Problem(rel, str(why)))
            if kind == SEED:
                collected.broken.add(path.stem)  # its source id, most likely: no echoes
            continue
        digest.update(rel.encode() + b"\0" + raw)
        yield _Read(rel, raw, kind)
    collected.digest = digest.hexdigest()


def _name(path: Path) -> str:
    return path.name


def _common_root(*paths: Path) -> Path:
    resolved = [p.resolve() for p in paths]
    parents = {p.parent for p in resolved}
    return parents.pop() if len(parents) == 1 else Path.cwd()


def _knowledge_files(knowledge_dir: Path, include_drafts: bool) -> Iterator[Path]:
    skipped = SKIPPED_DIRS - {"drafts"} if include_drafts else SKIPPED_DIRS
    return files_under(knowledge_dir, (".yaml", ".yml"), skipped)


def _read_seed(collected: Collected, file: _Read) -> None:
    printed, lent = collected.lent(file.rel, file.raw)
    if lent is not None:
        source = lent[0][1]
        assert isinstance(source, Source)  # a seed's one record
        collected.add_source(file.rel, source)
        collected.note_file(file.rel, printed, lent)
        return
    from bot.reading import parsing  # pydantic and YAML: only for files read afresh

    parsing.read_seed(collected, file.rel, file.raw, printed)


def _read_knowledge_file(collected: Collected, file: _Read) -> None:
    printed, lent = collected.lent(file.rel, file.raw)
    if lent is not None:
        for section, record, line in lent:
            collected.add_record(file.rel, section, record, line)
        collected.note_file(file.rel, printed, lent)
        return
    from bot.reading import parsing  # pydantic and YAML: only for files read afresh

    with _collector_paused():
        parsing.read_knowledge(collected, file.rel, file.raw, printed)


def _build(collected: Collected, files: Iterable[_Read]) -> FactStore:
    for file in files:
        (_read_seed if file.kind == SEED else _read_knowledge_file)(collected, file)
    previous = collected.previous
    # what orders the timeline is as the served store has it: the same order
    order = previous.same_order(collected.records["facts"]) if previous is not None else None
    spans = _Checks(collected, order is not None).run()
    if collected.problems:
        from bot.reading.fieldline import pinpoint  # here: only a failed load reads YAML again

        raise StoreInvalid(pinpoint(collected, collected.problems))
    return FactStore(
        digest=collected.digest,
        sources=collected.sources,
        actors=collected.records["actors"],
        facts=collected.records["facts"],
        topics=collected.records["topics"],
        synonyms=collected.records["synonyms"],
        spans=spans,
        order=order,
        files=collected.files,
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while one file is parsed (a few milliseconds).

    Parsing allocates a node, a value and a validated model per YAML value, all alive
    until the file is done: collections triggered meanwhile find nothing to free, and with
    them a cold load of 100k facts took 22 s instead of 13 s. Paused per file, never for
    a whole load, so a reload in a thread keeps the serving process collecting.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# --- cross-record checks ---------------------------------------------------------------


class _Articles(dict[str, NormalizedText]):
    """Each source's text made searchable, when first needed (it costs a pass over it)."""

    def __init__(self, sources: Mapping[str, Source]) -> None:
        super().__init__()
        self.sources = sources

    def __missing__(self, source_id: str) -> NormalizedText:
        text = self[source_id] = NormalizedText(self.sources[source_id].text)
        return text


class _Checks:
    """Every reference and quote across records, one section at a time; :meth:`run`
    returns the span of every citation (packed: see ``Span.packed``).

    What the served store found in an article that has not changed since (the same header
    and text) is taken over: finding a quote depends only on the two. ``ordered``: the
    facts' dates and sequence hints are those of a valid store (their order was kept).
    """

    def __init__(self, collected: Collected, ordered: bool) -> None:
        self.collected = collected
        self.ordered = ordered
        self.sources = collected.sources
        self.actors: dict[str, Actor] = collected.records["actors"]
        self.facts: dict[str, Fact] = collected.records["facts"]
        self.topics: dict[str, Topic] = collected.records["topics"]
        self.articles = _Articles(self.sources)
        self.spans: dict[tuple[str, str], int] = {}
        previous = self.previous = collected.previous
        self.same = (
            {sid for sid, source in self.sources.items() if previous.sources.get(sid) == source}
            if previous is not None
            else set()
        )

    def run(self) -> dict[tuple[str, str], int]:
        self.check_based_on()
        self.check_skips()
        self.check_reviewed()
        self.check_actors()
        self.check_facts()
        self.check_topics()
        return self.spans

    def problem(self, section: str, rid: str, message: str, fld: str) -> None:
        self.collected.problem(section, rid, message, fld)

    def cite(self, section: str, rid: str, fld: str, citations: Iterable[Citation]) -> None:
        for index, citation in enumerate(citations):
            where = f"{fld}[{index}]"
            if citation.source not in self.sources:
                if citation.source not in self.collected.broken:
                    message = _unknown("source", citation.source, self.sources)
                    self.problem(section, rid, message, f"{where}.source")
                continue
            key = (citation.source, citation.quote)
            if key in self.spans:
                continue
            packed = None
            if self.previous is not None and citation.source in self.same:
                packed = self.previous.found(*key)
            if packed is None:
                span = self.articles[citation.source].find(citation.quote)
                packed = None if span is None else span.packed
            if packed is None:
                message = _not_found(citation, self.sources[citation.source])
                self.problem(section, rid, message, f"{where}.quote")
            else:
                self.spans[key] = packed

    def refs(
        self, section: str, rid: str, fld: str, ids: Iterable[str], pool: Mapping[str, Any]
    ) -> None:
        noun = "actor" if pool is self.actors else "fact" if pool is self.facts else "topic"
        for index, ref in enumerate(ids):
            if ref not in pool and ref not in self.collected.broken:
                self.problem(section, rid, _unknown(noun, ref, pool), f"{fld}[{index}]")

    def check_based_on(self) -> None:
        """``based_on`` names known sources and never loops back to the source itself."""
        for source in self.sources.values():
            for index, other in enumerate(source.based_on):
                if other not in self.sources and other not in self.collected.broken:
                    message = _unknown("source", other, self.sources)
                    self.problem("sources", source.id, message, f"based_on[{index}]")
            loop = _based_on_loop(self.sources, source.id)
            if loop is not None:
                message = f"'based_on' goes round in a circle: {' -> '.join(loop)}"
                self.problem("sources", source.id, message, "based_on")

    def check_skips(self) -> None:
        for source in self.sources.values():
            if source.id in self.same:  # its passages were found in the same text before
                continue
            for index, skip in enumerate(source.skip):
                if self.articles[source.id].find(skip.quote) is None:
                    message = "this passage is not in the article"
                    self.problem("sources", source.id, message, f"skip[{index}].quote")

    def check_reviewed(self) -> None:
        for section, records in (("actors", self.actors), ("facts", self.facts)):
            for record in records.values():
                if not record.reviewed:
                    message = (
                        "not reviewed: a drafted entry no curator has cleared yet; check it, "
                        "then set `reviewed: true` (or delete the line)"
                    )
                    self.problem(section, record.id, message, "reviewed")

    def check_actors(self) -> None:
        for actor in self.actors.values():
            self.cite("actors", actor.id, "citations", actor.citations)
            self.refs("actors", actor.id, "part_of", actor.part_of, self.actors)
            if actor.role:
                self.cite("actors", actor.id, "role.citations", actor.role.citations)
            for index, relation in enumerate(actor.relations):
                where = f"relations[{index}]"
                known = relation.actor in self.actors or relation.actor in self.collected.broken
                if not known:
                    message = _unknown("actor", relation.actor, self.actors)
                    self.problem("actors", actor.id, message, f"{where}.actor")
                self.cite("actors", actor.id, f"{where}.citations", relation.citations)
        _check_parts(self.collected, self.actors)
        for actor_id, message in speaks_for_problems(self.actors):
            self.problem("actors", actor_id, message, "speaks_for")

    def check_facts(self) -> None:
        for fact in self.facts.values():
            self.cite("facts", fact.id, "citations", fact.citations)
            self.refs("facts", fact.id, "actors", fact.actors, self.actors)
            self.refs("facts", fact.id, "by", fact.by, self.actors)
            self.refs("facts", fact.id, "topics", fact.topics, self.topics)
            self.refs("facts", fact.id, "responds_to", fact.responds_to, self.facts)
            self.refs("facts", fact.id, "contradicts", fact.contradicts, self.facts)
            if fact.id in fact.contradicts:
                self.problem("facts", fact.id, "a fact cannot contradict itself", "contradicts")
            if fact.restates is not None:
                self.refs("facts", fact.id, "restates", (fact.restates,), self.facts)
            # (the checks of a fact on its own ran when it was parsed: parsing.fact_problems)
            unchanged = self.previous is not None and self.previous.all_facts.get(fact.id) == fact
            _check_date(self.collected, fact, self.articles, unchanged, self.same)
            self.check_speaker(fact)
            _check_began(self.collected, fact, self.actors)
        if not self.ordered:
            _check_sequence(self.collected, self.facts)

    def check_speaker(self, fact: Fact) -> None:
        """A quote's text names who said its words (an actor in ``by``, or the source's
        description in ``attribution``), not only "he" or "she"."""
        if fact.kind is not FactKind.QUOTE or not fact.words:
            return
        if fold(fact.words).casefold() not in fold(fact.text).casefold():
            return  # its own check already says the words are missing
        if any(actor_id not in self.actors for actor_id in fact.by):
            return  # an unknown id in `by`: that one error says so (and the near id)
        names = [
            name
            for actor_id in fact.by
            if actor_id in self.actors
            for name in (self.actors[actor_id].name, *self.actors[actor_id].aliases)
        ]
        unnamed = quote_speaker_problem(fact.text, fact.words, names, fact.attribution)
        if unnamed is not None:
            self.problem("facts", fact.id, unnamed, "text")

    def not_retracted(self, topic_id: str, fld: str, ids: Iterable[str]) -> None:
        """A curated sentence never rests on a retracted fact (it would state it)."""
        for index, fact_id in enumerate(ids):
            fact = self.facts.get(fact_id)
            if fact is not None and fact.retracted is not None:
                message = (
                    f"fact {fact_id!r} is retracted: rewrite this sentence without it "
                    "and drop it from the list"
                )
                self.problem("topics", topic_id, message, f"{fld}[{index}]")

    def check_topics(self) -> None:
        facts = self.facts
        for topic in self.topics.values():
            self.refs("topics", topic.id, "facts", topic.facts, facts)
            for index, lead in enumerate(topic.lead):
                self.refs("topics", topic.id, f"lead[{index}].facts", lead.facts, facts)
                self.not_retracted(topic.id, f"lead[{index}].facts", lead.facts)
                unclear = standalone_problem(lead.text)
                if unclear:
                    self.problem("topics", topic.id, f"the text {unclear}", f"lead[{index}].text")
            for index, fact_id in enumerate(topic.facts):
                if fact_id in facts and topic.id not in facts[fact_id].topics:
                    message = (
                        f"fact {fact_id!r} is in this summary "
                        f"but does not list {topic.id!r} in its topics"
                    )
                    self.problem("topics", topic.id, message, f"facts[{index}]")
            for index, watch in enumerate(topic.watch):
                self.not_retracted(topic.id, f"watch[{index}].facts", watch.facts)
        for topic_id, fld, message in watch_problems(self.topics, facts):
            self.problem("topics", topic_id, message, fld)
        overviews = [t.id for t in self.topics.values() if t.overview]
        for extra in overviews[1:]:
            message = f"only one topic may be the overview ({overviews[0]} already is)"
            self.problem("topics", extra, message, "overview")


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
    later = after_publication(when, published.date) if published is not None else None
    if later is not None:
        collected.problem("facts", fact.id, later, "date.when")


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


def _based_on_loop(sources: Mapping[str, Source], start: str) -> list[str] | None:
    """The path by which ``start``'s ``based_on`` leads back to it, if one does."""
    pending: list[list[str]] = [[start, other] for other in sources[start].based_on]
    seen: set[str] = set()
    while pending:
        path = pending.pop()
        last = path[-1]
        if last == start:
            return path
        if last in seen or last not in sources:
            continue
        seen.add(last)
        pending.extend([*path, other] for other in sources[last].based_on)
    return None


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
