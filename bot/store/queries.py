"""The query layer: each command's answer, composed from the store with citations.

Every function takes the store and already-parsed options and returns a
:class:`Response`, or raises a :class:`BriefbotError` (``NotFound``, ``Ambiguous``,
``InvalidDate``...) that a caller turns into a failure response.
"""

from __future__ import annotations

import re

from bot.store.answer import Answer
from bot.store.dates import FuzzyDate
from bot.store.errors import InvalidCommand, InvalidDate, NotFound
from bot.store.facts import FactStore, Source
from bot.store.models import Actor, Fact
from bot.store.response import Item, Response, SourceInfo
from bot.store.search import words
from bot.store.text import clean_user_text, simplify

SEARCH_LIMIT = 10
LIST_MAX = 25
"""Most facts an actor profile or topic section lists; a note says how to see the rest."""
TIMELINE_MAX = 60
"""Most entries a timeline (or a source's fact list) shows: the latest ones."""


# --- /brief ----------------------------------------------------------------------------


def brief(store: FactStore, topic: str | None = None) -> Response:
    """The overall situation, or one topic's summary."""
    answer = Answer(store, "brief")
    others = ", ".join(t.title for t in store.topics.values() if not t.overview)
    if topic is None or not clean_user_text(topic):
        chosen = store.overview
        if chosen is None:
            raise NotFound(
                "There is no overview topic; choose a topic.",
                tuple(t.title for t in store.topics.values()),
            )
    else:
        try:
            chosen = store.topics[store.topic_names.resolve(topic)]
        except NotFound:
            return _brief_by_search(store, topic)
    answer.section("Summary", (answer.fact(store.facts[f]) for f in chosen.facts))
    listed = set(chosen.facts)
    extra = [store.facts[f] for f in store.facts_by_topic.get(chosen.id, ()) if f not in listed]
    answer.facts(
        "More on this topic",
        extra,
        LIST_MAX,
        f"/timeline topic:{chosen.id} or /search finds the rest",
        latest=True,
    )
    answer.notes.append(f"Topics: {others}.")
    return answer.response(chosen.title)


def _brief_by_search(store: FactStore, topic: str) -> Response:
    shown = clean_user_text(topic)
    try:
        found = search(store, topic)
    except NotFound:
        raise NotFound(
            f"No topic or fact matches “{shown}”.",
            tuple(t.title for t in store.topics.values()),
        ) from None
    return found.model_copy(
        update={
            "command": "brief",
            "title": f"Facts matching “{shown}”",
            "notes": (f"No topic is called “{shown}”; these facts match it instead.", *found.notes),
        }
    )


# --- /actor ----------------------------------------------------------------------------


def actor(store: FactStore, name: str) -> Response:
    """An actor's profile: who they are, what they said, what happened to them."""
    person = store.actors[store.actor_names.resolve(name)]
    answer = Answer(store, "actor")
    if person.role:
        who = Item(text=person.role.text, cites=answer.book.cite(person.role.citations))
    else:
        who = Item(text=f"{person.name}: {person.kind}", cites=answer.book.cite(person.citations))
    answer.section("Who", [who])

    fact_ids = store.facts_by_actor.get(person.id, ())
    facts = sorted((store.facts[f] for f in fact_ids), key=store.chronological)
    said = [f for f in facts if person.id in f.by]
    rest = [f for f in facts if person.id not in f.by]
    narrow = f"/timeline actor:{person.id} since:… narrows it"
    answer.facts("Key facts", [f for f in rest if f.date is None], LIST_MAX, narrow)
    answer.facts("Said", said, LIST_MAX, narrow, latest=True)
    answer.section("Related actors", _relations(answer, person)[:LIST_MAX])
    answer.facts("Timeline", [f for f in rest if f.date is not None], LIST_MAX, narrow, latest=True)
    answer.section("Sources", _named_in(answer, person))
    aliases = f"Also: {', '.join(person.aliases)}" if person.aliases else None
    subtitle = " · ".join(p for p in (str(person.kind).capitalize(), aliases) if p)
    return answer.response(person.name, subtitle)


def _relations(answer: Answer, person: Actor) -> list[Item]:
    store = answer.store
    items = [
        Item(
            text=f"{relation.relation} {store.actors[relation.actor].name}",
            cites=answer.book.cite(relation.citations),
        )
        for relation in person.relations
    ]
    for other in store.actors.values():
        for relation in other.relations:
            if relation.actor == person.id and other.id != person.id:
                items.append(
                    Item(
                        text=f"{other.name}: {relation.relation} {person.name}",
                        cites=answer.book.cite(relation.citations),
                    )
                )
    return items


def _named_in(answer: Answer, person: Actor) -> list[Item]:
    store = answer.store
    items = []
    for source_id in dict.fromkeys(c.source for c in person.citations):
        cited = [c for c in person.citations if c.source == source_id]
        items.append(Item(text=store.sources[source_id].title, cites=answer.book.cite(cited)))
    return items


# --- /timeline -------------------------------------------------------------------------


def timeline(
    store: FactStore,
    actor: str | None = None,
    topic: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Response:
    """Dated facts in order, optionally for one actor or topic and between two dates."""
    described: list[str] = []
    chosen: set[str] | None = None  # fact ids the filters allow; None: all of them
    if actor and clean_user_text(actor):
        actor_id = store.actor_names.resolve(actor)
        chosen = set(store.facts_by_actor.get(actor_id, ()))
        described.append(store.actors[actor_id].name)
    if topic and clean_user_text(topic):
        topic_id = store.topic_names.resolve(topic)
        tagged = set(store.facts_by_topic.get(topic_id, ()))
        chosen = tagged if chosen is None else chosen & tagged
        described.append(store.topics[topic_id].title)
    if chosen is None:
        facts = list(store.timeline)
    else:  # start from the few facts chosen, not the whole timeline
        dated = (store.facts[f] for f in chosen if store.facts[f].date is not None)
        facts = sorted(dated, key=store.chronological)
    start = FuzzyDate.parse_user(since) if since and clean_user_text(since) else None
    end = FuzzyDate.parse_user(until) if until and clean_user_text(until) else None
    if start and end and end.end < start.start:
        raise InvalidDate(
            f"{since}..{until}",
            "'until' is before 'since'",
            f"'until' ({end.label}) is before 'since' ({start.label}).",
        )
    if start or end:
        low = start.start if start else FuzzyDate.parse("0001").start
        high = end.end if end else FuzzyDate.parse("9999").end
        facts = [f for f in facts if f.date is not None and f.date.when.overlaps(low, high)]
        described.append(f"{start.label if start else '…'} to {end.label if end else 'now'}")
    if not facts:
        hint = f" /actor {described[0]} also lists undated facts." if actor and described else ""
        what = f" {' · '.join(described)}" if described else ""
        raise NotFound(f"No dated facts match{what}.{hint}")
    answer = Answer(store, "timeline")
    answer.facts(
        "Timeline",
        facts,
        TIMELINE_MAX,
        "narrow it with since:, until:, actor: or topic:",
        latest=True,
    )
    title = "Timeline" + (f": {' · '.join(described)}" if described else "")
    answer.notes.append("Dates are shown only as precisely as the sources give them.")
    return answer.response(title)


# --- /search ---------------------------------------------------------------------------


def search(store: FactStore, query: str) -> Response:
    """Facts and quotes ranked by how well they match the words given."""
    text = clean_user_text(query)
    if not words(text):
        raise InvalidCommand("Give some words to search for, e.g. “fuel convoy”.")
    hits = store.fact_search.search(text, limit=SEARCH_LIMIT)
    if not hits:
        near = tuple(m.label for m in store.actor_names.rank(text))
        raise NotFound(f"No facts match “{text}”.", near)
    answer = Answer(store, "search")
    items = []
    for hit in hits:
        fact = store.facts[hit.id]
        items.append(answer.fact(fact, _matched_words(store, fact, hit.terms)))
    answer.section("Results", items)
    return answer.response(f"Search: “{text}”")


def _matched_words(store: FactStore, fact: Fact, terms: frozenset[str]) -> list[str]:
    shown = " ".join([fact.text, fact.words or "", *(store.quoted(c) for c in fact.citations)])
    found: dict[str, None] = {}
    for word in re.findall(r"\w[\w'’-]*", shown):
        if simplify(word) in terms or any(part in terms for part in simplify(word).split()):
            found.setdefault(word, None)
    return list(found)


# --- /sources --------------------------------------------------------------------------


def sources(store: FactStore, source: str | None = None) -> Response:
    """The sources and their metadata, or one source in detail."""
    answer = Answer(store, "sources")
    if source is None or not clean_user_text(source):
        infos = tuple(_info(store, s) for s in store.sources.values())
        answer.section("Sources", (Item(text=_describe(i)) for i in infos))
        return answer.response(f"Sources ({len(infos)})", sources=infos)
    chosen = store.sources[store.source_names.resolve(source)]
    info = _info(store, chosen)
    details = [Item(text=_describe(info))]
    if info.published_reasoning:
        details.append(Item(text=f"Date reasoning: {info.published_reasoning}"))
    if info.contents:
        details.append(Item(text=f"Contents: {info.contents}"))
    answer.section("About", details)
    facts = [store.facts[f] for f in store.facts_by_source.get(chosen.id, ())]
    answer.facts(
        f"Facts citing it ({len(facts)})", facts, TIMELINE_MAX, "/search finds particular ones"
    )
    return answer.response(chosen.title, subtitle=chosen.file, sources=(info,))


def _info(store: FactStore, source: Source) -> SourceInfo:
    published = source.published
    return SourceInfo(
        id=source.id,
        title=source.title,
        title_assigned=source.title_assigned,
        outlet=source.outlet,
        url=source.url,
        published=published.date.label if published else None,
        published_precision=str(published.precision) if published else None,
        published_estimated=published.estimated if published else False,
        published_reasoning=published.reasoning if published else None,
        contents=source.contents,
        file=source.file,
        facts=len(store.facts_by_source.get(source.id, ())),
    )


def _describe(info: SourceInfo) -> str:
    title = info.title + (" (title assigned by the curator)" if info.title_assigned else "")
    if info.published:
        when = f"published {'about ' if info.published_estimated else ''}{info.published}"
    else:
        when = "publication date unknown"
    outlet = info.outlet or "outlet unknown"
    return f"{title} · id {info.id} · {outlet} · {when} · {info.facts} facts · {info.file}"
