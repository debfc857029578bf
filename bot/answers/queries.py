"""The query layer: each command's answer, composed from the store with citations.

Every function takes the store and already-parsed options and returns a
:class:`Response`, or raises a :class:`BriefbotError` (``NotFound``, ``Ambiguous``,
``InvalidDate``...) that a caller turns into a failure response.
"""

from __future__ import annotations

import itertools
import re
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Sequence, Set
from functools import lru_cache

from bot.answers import claims
from bot.answers.claims import Claim
from bot.answers.compose import Answer, chosen_for_brief, sourcing
from bot.answers.passage import passage
from bot.answers.response import Item, Response, SourceInfo
from bot.records.dates import FuzzyDate
from bot.records.errors import InvalidCommand, InvalidDate, NotFound
from bot.records.served import (
    Actor,
    ActorKind,
    Citation,
    Fact,
    FactKind,
    Relation,
    Reliability,
    Source,
    Topic,
)
from bot.records.text import clean_user_text, simplify
from bot.store.facts import FactStore
from bot.store.search import Hit, query_words, stem, words
from bot.store.speakers import voices

SEARCH_LIMIT = 10
QUERY_MAX = 500
"""Characters of a search read (Discord's option allows 200; the console, anything)."""
LIST_MAX = 25
"""Most facts an actor profile or topic section lists; a note says how to see the rest."""
TIMELINE_MAX = 60
"""Most entries a timeline (or a source's fact list) shows: the latest ones."""
PROFILE_LONG = 12
"""A profile showing more facts than this opens with its essentials on a page of their own."""
ESSENTIALS = 5
"""How many facts a long profile's essentials are: the weightiest, one per event."""


# --- /brief ----------------------------------------------------------------------------


def brief(store: FactStore, topic: str | None = None, more: bool = False) -> Response:
    """The situation in a minute (a topic's lead, at most eight bullets), or all of it."""
    answer = Answer(store, "brief")
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
    tagged = store.facts_by_topic.get(chosen.id, ())
    # the summary's facts not tagged with the topic, counted without walking the tagged ones
    summary = [store.facts[f] for f in chosen.facts if f in store.facts]  # none retracted
    total = len(tagged) + sum(chosen.id not in f.topics for f in summary)
    if more:
        listed = set(chosen.facts)
        extra = [store.facts[f] for f in tagged if f not in listed]
        answer.section("Summary", map(answer.fact, summary))
        answer.facts(
            "More on this topic",
            extra,
            LIST_MAX,
            f"/timeline topic:{chosen.id} or /search finds the rest",
            latest=True,
        )
    else:
        answer.section("In brief", answer.brief(chosen))
        watch = [w for w in chosen.watch if all(f in store.facts for f in w.facts)]
        answer.section("What to watch", (answer.lead(w) for w in watch), new_facts=False)
        as_of = _as_of(store, chosen)
        if as_of:
            answer.notes.append(as_of)
        answer.notes.append(f"All {total} facts: /brief topic:{chosen.id} more:true.")
    others = [
        f"{t.title} ({t.id})" for t in store.topics.values() if not t.overview and t.id != chosen.id
    ]
    if others:  # named by their titles, each with the id one types
        answer.notes.append(f"Other topics (/brief topic:…): {'; '.join(others)}.")
    return answer.response(chosen.title)


def _as_of(store: FactStore, topic: Topic) -> str | None:
    """ "As of": the publication date of the latest source the topic's facts cite."""
    cited = {s for f in topic.facts if f in store.facts for s in store.facts[f].sources}
    dated = [
        (published, store.sources[s])
        for s in sorted(cited)
        if (published := store.sources[s].published) is not None
    ]
    if not dated:
        return None
    published, latest = max(dated, key=lambda pair: pair[0].date.end)
    estimate = " (estimated)" if published.estimated else ""
    return f"As of {published.date.label}{estimate}: the latest source, “{latest.title}”."


def _brief_by_search(store: FactStore, topic: str) -> Response:
    shown = clean_user_text(topic)
    try:
        found = search(store, topic)
    except NotFound:
        raise NotFound(
            f"No topic or fact matches “{shown}”.",
            tuple(t.title for t in store.topics.values()),
        ) from None
    return found.replace(
        command="brief",
        title=f"Facts matching “{shown}”",
        notes=(f"No topic is called “{shown}”; these facts match it instead.", *found.notes),
    )


# --- /actor ----------------------------------------------------------------------------


def actor(store: FactStore, name: str) -> Response:
    """An actor's profile: who they are, what they said, what happened to them.

    A name that is no actor but occurs in facts ("Niamey", "analysts") answers with those
    facts, saying so; otherwise the error suggests the nearest actors and a search.
    """
    try:
        person = store.actors[store.actor_names.resolve(name)]
    except NotFound as missing:
        return _facts_naming(store, name, missing)
    answer = Answer(store, "actor")
    who_citations = person.role.citations if person.role else person.citations
    answer.section("Who", [Item(text=_who(store, person), cites=answer.book.cite(who_citations))])
    known = {(c.source, c.quote) for c in who_citations}

    speakers = voices(store, person.id)
    within = {person.id, *store.parts.get(person.id, ())}
    involved = {f for a in within for f in store.facts_by_actor.get(a, ())}
    involved |= {  # what those who speak for it said
        f
        for a in speakers - within
        for f in store.facts_by_actor.get(a, ())
        if a in store.facts[f].by
    }
    facts = sorted((store.facts[f] for f in involved), key=store.chronological)
    said = [f for f in facts if speakers.intersection(f.by)]
    said_ids = {f.id for f in said}
    own = set(store.facts_by_actor.get(person.id, ())) - said_ids
    reacting = {  # what others said in response to this actor's words
        r
        for f in said_ids
        for r in store.responses.get(f, ())
        if not speakers.intersection(store.facts[r].by)
    }
    reactions = sorted((store.facts[r] for r in reacting), key=store.chronological)
    about = [
        f
        for f in facts
        if f.id in own
        and f.id not in reacting
        and not {(c.source, c.quote) for c in f.citations} <= known  # the "who" says it
    ]
    narrow = f"/timeline actor:{person.id} since:… narrows it"
    shown = {f.id for f in (*about, *said, *reactions)}
    if len(shown) > PROFILE_LONG:  # the essentials first, on a page of their own
        order = [f.id for f in facts if f.id in shown]
        chosen = chosen_for_brief(store, order, ESSENTIALS)
        answer.section("Essentials", (answer.fact(store.facts[f]) for f in chosen))
        answer.notes.append(
            f"The essentials first: {ESSENTIALS} of {len(shown)} facts by weight; "
            "the full profile follows."
        )
        answer.page_break()
    answer.facts("Key facts", [f for f in about if f.date is None], LIST_MAX, narrow)
    answer.facts("Said", said, LIST_MAX, narrow, latest=True)
    answer.facts("Reactions", reactions, LIST_MAX, narrow, latest=True)
    answer.section("Related actors", _relations(answer, person)[:LIST_MAX])
    answer.section("Speaks for", _speaks_for(answer, person))
    answer.facts(
        "Timeline", [f for f in about if f.date is not None], LIST_MAX, narrow, latest=True
    )
    answer.section("Sources", _named_in(answer, person, (*said, *about, *reactions)))
    aliases = f"Also: {', '.join(person.aliases)}" if person.aliases else None
    subtitle = " · ".join(p for p in (str(person.kind).capitalize(), aliases) if p)
    return answer.response(person.name, subtitle)


def _facts_naming(store: FactStore, name: str, missing: NotFound) -> Response:
    """Facts whose own words hold every word of a name that is not an actor's."""
    shown = clean_user_text(name)
    wanted = query_words(shown)
    hits = store.fact_search.search(shown, limit=SEARCH_LIMIT) if wanted else []
    exact = {stem(w) for w in wanted}
    naming = [h for h in hits if exact <= h.terms]
    if not naming:
        raise NotFound(missing.message, (*missing.suggestions, f"/search query:{shown}"))
    answer = Answer(store, "actor")
    answer.section(
        f"Facts naming “{shown}”",
        (
            answer.fact(store.facts[h.id], _matched_words(store, store.facts[h.id], h.terms))
            for h in naming
        ),
    )
    nearest = f" Nearest actors: {', '.join(missing.suggestions)}." if missing.suggestions else ""
    answer.notes.append(f"No actor is called “{shown}”; these facts name it.{nearest}")
    return answer.response(f"“{shown}” in the facts")


def _who(store: FactStore, person: Actor) -> str:
    """One line on who the actor is: the curated role, else its first stated relation."""
    if person.role:
        return f"{person.name}: {person.role.text}"
    if person.relations:
        relation = person.relations[0]
        return f"{person.name}, {relation.relation} {store.actors[relation.actor].name}"
    return f"{person.name} ({person.kind}); the sources give no role, only the facts below"


def _relations(answer: Answer, person: Actor) -> list[Item]:
    """Relations from both sides, leaving out what the actor's "who" line already says."""
    store = answer.store
    role = simplify(person.role.text) if person.role else ""
    role_spans = [(c.source, store.span(c)) for c in person.role.citations] if person.role else []

    def said_by_role(relation: Relation, other: Actor) -> bool:
        """The role states it already: in so many words, or from the same passages."""
        if role and simplify(relation.relation) in role and simplify(other.name) in role:
            return True
        return bool(role_spans) and all(
            any(
                c.source == source and outer.start <= inner.start and inner.end <= outer.end
                for source, outer in role_spans
            )
            for c, inner in ((c, store.span(c)) for c in relation.citations)
        )

    stated = [(person, relation, store.actors[relation.actor]) for relation in person.relations]
    stated += [
        (store.actors[o], relation, person) for o, relation in store.relations_to.get(person.id, ())
    ]

    def role_names(relation: Relation, other: Actor) -> bool:
        """The role says what the other is to this actor: its name and the relation's word
        ("who hosted US envoy Nick Checker"), not merely its name ("the alliance Mali,
        Niger and Burkina Faso formed" does not list them as members)."""
        verb = simplify(relation.relation).split()[:1]
        return bool(verb) and verb[0] in role.split() and simplify(other.name) in role

    # What others are to this actor (its members, its officials) is listed unless the role
    # says it in its own words; the actor's own relations, unless the role states them.
    return [
        Item(
            text=f"{subject.name}: {relation.relation} {target.name}",
            cites=answer.book.cite(relation.citations),
        )
        for subject, relation, target in stated
        if not (
            said_by_role(relation, target)
            if subject is person
            else role_names(relation, subject) and said_by_role(relation, subject)
        )
    ]


def _speaks_for(answer: Answer, person: Actor) -> list[Item]:
    """Who this actor speaks for, and who speaks for it (curated, cited where it is named)."""
    store = answer.store

    def cited(actor: Actor) -> tuple[int, ...]:
        return answer.book.cite(actor.role.citations if actor.role else actor.citations)

    items = [
        Item(text=f"{person.name} speaks for {store.actors[a].name}", cites=cited(person))
        for a in person.speaks_for
        if a in store.actors
    ]
    items += [
        Item(text=f"{other.name} speaks for {person.name}", cites=cited(other))
        for other in map(store.actors.__getitem__, store.spokespeople.get(person.id, ()))
    ]
    return items


def _named_in(answer: Answer, person: Actor, facts: Iterable[Fact]) -> list[Item]:
    """Every source that names the actor or backs a fact about it."""
    store = answer.store
    own = [*person.citations, *(person.role.citations if person.role else ())]
    own += [c for relation in person.relations for c in relation.citations]
    counts: dict[str, int] = {}
    first: dict[str, Citation] = {c.source: c for c in reversed(own)}
    for fact in {f.id: f for f in facts}.values():
        for source_id in fact.sources:
            counts[source_id] = counts.get(source_id, 0) + 1
        for citation in fact.citations:
            first.setdefault(citation.source, citation)
    items = []
    for source_id in sorted(first, key=lambda s: (-counts.get(s, 0), s)):
        title = store.sources[source_id].title
        n = counts.get(source_id, 0)
        backs = f"{n} fact{'s' if n != 1 else ''} above" if n else "names them"
        items.append(Item(text=f"{title} ({backs})", cites=answer.book.cite([first[source_id]])))
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
    start = FuzzyDate.parse_user(since) if since and clean_user_text(since) else None
    end = FuzzyDate.parse_user(until) if until and clean_user_text(until) else None
    if start and end and end.end < start.start:
        raise InvalidDate(
            f"{since}..{until}",
            "'until' is before 'since'",
            f"'until' ({end.label}) is before 'since' ({start.label}).",
        )
    low = start.start if start else FuzzyDate.parse("0001").start
    high = end.end if end else FuzzyDate.parse("9999").end
    if chosen is None:  # the whole timeline: the interval index, never a scan
        every = store.timeline
        if start or end:
            total = store.dates.count(low.toordinal(), high.toordinal())
            positions = store.dates.last(low.toordinal(), high.toordinal(), TIMELINE_MAX)
            facts = [every[p] for p in positions]
        else:
            total, facts = len(every), list(every[-TIMELINE_MAX:])
    elif start or end:  # start from the facts chosen, not the whole timeline
        dated = (store.facts[f] for f in chosen if store.facts[f].date is not None)
        facts = [f for f in dated if f.date is not None and f.date.when.overlaps(low, high)]
        facts.sort(key=store.chronological)
        total = len(facts)
    else:
        facts, total = store.latest(chosen, TIMELINE_MAX)
    if start or end:
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
        total=total,
    )
    title = "Timeline" + (f": {' · '.join(described)}" if described else "")
    answer.notes.append("Dates are shown only as precisely as the sources give them.")
    return answer.response(title)


# --- /search ---------------------------------------------------------------------------

SAYING = frozenset(
    """say says said saying tell tells told think thinks thought claim claims claimed argue
    argued argues announce announced statement statements position positions stance view
    views comment comments react reacted reaction reactions respond responded response
    quote quotes quoted warn warned caution cautioned report reports reported reporting
    offer offers offered offering propose proposes proposed proposing reply replies
    replied mention mentions mentioned""".split()
)
"""Words that ask for what someone said rather than what happened."""
SPEAKER_BOOST = 4.0
"""How much more a named speaker's own statements weigh when the query asks what they said."""
SAID_BOOST = 1.5
"""How much more anything someone said weighs when the query asks what was said."""


def search(
    store: FactStore,
    query: str,
    *,
    reasons: bool = False,
    bearing: Sequence[str] = (),
    any_word: bool = False,
    topic: str | None = None,
) -> Response:
    """Facts and quotes ranked by how well they match the words given.

    "What did X say (about Y)" ranks X's own statements (and those of bodies within X)
    first; "what did critics say" ranks what anyone said above what happened. Given the
    question's rare words (``bearing``), only results whose shown words hold the rarest of
    them, or most of them (any of them, ``any_word``, for a comparison), are listed: not
    those matching only "countries" or "US".
    """
    text = clean_user_text(query)[:QUERY_MAX]
    if not words(text):
        raise InvalidCommand("Give some words to search for, e.g. “fuel convoy”.")
    boost = _reason_boost(store) if reasons else _saying_boost(store, text)
    hits = store.fact_search.search(text, limit=SEARCH_LIMIT, boost=boost)
    alone, bears = _common_alone(store, text), _bearing(store, bearing, any_word)
    hits = [h for h in hits if bears(h) and not alone(h)]
    if not hits:
        near = tuple(m.label for m in store.actor_names.rank(text))
        raise NotFound(f"No facts match “{text}”.", near)
    answer = Answer(store, "search")
    items = []
    for hit in hits:
        fact = store.facts[hit.id]
        items.append(answer.fact(fact, _matched_words(store, fact, hit.terms)))
    if reasons:
        # the reasons for the first of the best matches anyone gives reasons for, holding
        # every word the best holds ("why did the US shift its policy": the shift itself,
        # not an analyst's comparison of it)
        best, given = store.facts[hits[0].id], []
        for hit in hits[:REASONED_AMONG]:
            if not set(hits[0].terms) <= set(hit.terms):
                continue  # it matches less of the question than the best
            given = _reasons_for(answer, store.facts[hit.id], text, bears)
            if given:
                best = store.facts[hit.id]
                break
        answer.section("Why: the reasons given", given)
        caused = [store.facts[f] for f in best.responds_to if f in store.facts]
        if best.kind is FactKind.EVENT:  # an event in response to another: its cause
            answer.section(
                "Why: what it responded to, as linked by curators", map(answer.fact, caused)
            )
        if not given and not (caused and best.kind is FactKind.EVENT):
            if not bearing:  # "why is Mali doing this": nothing but a name to list facts by
                near = tuple(m.label for m in store.actor_names.rank(text))
                raise NotFound(f"The sources in the store give no reason on “{text}”.", near)
            answer.notes.append(_no_other_reason(store, [store.facts[h.id] for h in hits]))
    answer.section("Results", items)
    if topic is not None:  # what a question of consequences ("for Europe") is about
        _more_on(answer, store.topics[topic])
    return answer.response(f"Search: “{text}”")


COMPARED_MAX = 4
"""At most this many facts listed for each side of a comparison."""


def compare(store: FactStore, question: str, sides: Sequence[str]) -> Response:
    """ "Biden vs Trump on the juntas", "how is the US approach different from Russia's":
    what the sources say of each side, each list holding that side's name in its shown
    words and ranked on the rest of the question; a fact is listed under one side only."""
    text = clean_user_text(question)[:QUERY_MAX]
    others = [w for w in query_words(text) if w not in sides]
    answer = Answer(store, "search")
    listed: set[str] = set()
    for side in sides:
        query = " ".join([side, *others])
        hits = store.fact_search.search(query, limit=SEARCH_LIMIT * 3)
        chosen = [h for h in hits if h.id not in listed and _bears(store, h, [side])]
        chosen = chosen[:COMPARED_MAX]
        listed.update(h.id for h in chosen)
        named = store.actor_names.mentions(side, store.fact_search.knows)
        answer.section(
            f"On {named[0].label}" if named else f"On “{side}”",
            (
                answer.fact(store.facts[h.id], _matched_words(store, store.facts[h.id], h.terms))
                for h in chosen
            ),
        )
    if not listed:
        raise NotFound(f"No facts match “{text}”.", tuple(f"/search query:{s}" for s in sides))
    answer.notes.append(
        "Each side as the sources describe it; a contrast is theirs only where a line draws it."
    )
    return answer.response(f"Compared: {' and '.join(f'“{s}”' for s in sides)}")


MORE_ON_MAX = 6
"""At most this many more facts of a topic after the results of a search on it."""


def _more_on(answer: Answer, topic: Topic) -> None:
    """A topic's weightiest facts besides the results: what its sources say beside them
    ("EU programmes remain active" for "what does this mean for Europe")."""
    store = answer.store
    facts = list(dict.fromkeys([*topic.facts, *store.facts_by_topic.get(topic.id, ())]))
    chosen = chosen_for_brief(store, facts, MORE_ON_MAX + len(answer.sections[-1].items))
    answer.section(f"More on {topic.title}", (answer.fact(store.facts[f]) for f in chosen))


_PLACE = re.compile(
    r"\b(?:[Ii]n|[Aa]t|[Ii]nside|[Nn]ear|[Oo]utside)\s+(?:(?:the|his|her|their|its|a|an|own)\s+)*"
    r"(?:(?:[\w'’-]+\s+){0,2}(?:"
    + "|".join(
        """palace residence capital city town prison jail camp base airport embassy
        border region country home house compound barracks""".split()
    )
    + r")\b|[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+)*"
)
"""Words placing something: a preposition of place, then a name ("in Bamako", "in the
capital Niamey") or a noun of place ("in the presidential palace", "in his own residence")
within three words. Not "in a significant policy shift", nor "in response to"."""


def places(text: str) -> list[str]:
    """The phrases of ``text`` placing something, as written."""
    return [m[0] for m in _PLACE.finditer(text)]


def where(store: FactStore, question: str, bearing: Sequence[str] = ()) -> Response:
    """ "Where is X held": the facts matching the question whose source words place
    something, each with the places its quotes give ("in the presidential palace"; "in his
    own residence", per the other article); with none, the search itself."""
    text = clean_user_text(question)[:QUERY_MAX]
    hits = store.fact_search.search(text, limit=SEARCH_LIMIT)
    placed = []
    for hit in hits:
        fact = store.facts[hit.id]
        given = [(c, p) for c in fact.citations for p in places(store.quoted(c))]
        if given and _bears(store, hit, bearing):
            placed.append((fact, given))
    if not placed:
        return search(store, text, bearing=bearing)
    answer = Answer(store, "search")
    items = []
    for fact, given in placed:
        item = answer.fact(fact, _matched_words(store, fact, hits[0].terms))
        said = "; ".join(dict.fromkeys(f"“{p}”" for _, p in given))
        items.append(item.replace(text=f"{fact.text} The place, in the sources' words: {said}."))
    answer.section("Where the sources place it", items)
    return answer.response(f"Where: “{text}”")


def said_by_description(
    store: FactStore,
    query: str,
    speaker: Sequence[str],
    bearing: Sequence[str] = (),
    within: Set[str] | None = None,
) -> Response:
    """ "What did the juntas say", "what did human rights groups say": what was said by
    those the ``speaker`` words describe (in a source's description of them, or a name of
    the body they speak for), matched first; else a search holding the question's rare
    words (``bearing``), never what someone said on an unrelated subject. ``within``:
    the speakers allowed (those who speak for the actor named, "the Malian diplomat")."""
    text = clean_user_text(query)[:QUERY_MAX]
    wanted = [e for e in (store.fact_search.expand(w) for w in speaker) if e]
    hits = store.fact_search.search(text, limit=len(store.facts), boost=_saying_boost(store, text))
    bears = _bearing(store, [w for w in bearing if w not in speaker])
    matching = (  # best first: the first few are all an answer shows
        store.facts[h.id]
        for h in hits
        if store.facts[h.id].kind.attributed
        and (within is None or not within.isdisjoint(store.facts[h.id].by))
        and _describes(store, store.facts[h.id], wanted)
        and bears(h)
    )
    described = list(itertools.islice(matching, SEARCH_LIMIT + 1))
    who = " ".join(speaker)
    if not described:
        found = search(store, text, bearing=bearing)
        note = f"No one the sources describe as “{who}” is quoted; these facts match instead."
        return found.replace(notes=(note, *found.notes))
    answer = Answer(store, "search")
    answer.facts("Said", described[:SEARCH_LIMIT], SEARCH_LIMIT, "/search finds more")
    if len(described) > SEARCH_LIMIT:
        answer.notes.append(f"Said: the first {SEARCH_LIMIT} found; /search finds more.")
    answer.notes.append(f"What those the sources describe as “{who}” said, each line naming who.")
    return answer.response(f"Said by “{who}”")


def described(store: FactStore, speaker: Sequence[str]) -> bool:
    """Whether a source describes someone it quotes by all these words ("a Malian
    diplomat"), not only by a name."""
    wanted = [e for e in (store.fact_search.expand(w) for w in speaker) if e]
    return bool(wanted) and any(
        all(held.intersection(t for t in e if not t.startswith("#")) for e in wanted)
        for held in descriptions(store)
    )


def descriptions(store: FactStore) -> frozenset[frozenset[str]]:
    """The word stems of each distinct description of a speaker ("a Malian diplomat"):
    read once a store (a scan of every fact, 80 ms at 100k facts; there are few of them)."""
    found = _DESCRIPTIONS.get(store)
    if found is None:
        found = _DESCRIPTIONS[store] = frozenset(
            frozenset(stem(w) for w in words(text))
            for text in {f.attribution for f in store.facts.values() if f.attribution}
        )
    return found


_DESCRIPTIONS: weakref.WeakKeyDictionary[FactStore, frozenset[frozenset[str]]] = (
    weakref.WeakKeyDictionary()
)


def _describes(store: FactStore, fact: Fact, wanted: Sequence[dict[str, float]]) -> bool:
    """Whether who said a fact (its attribution, its speakers' names) holds every word."""
    names = [n for a in fact.by for n in (store.actors[a].name, *store.actors[a].aliases)]
    said_by = {stem(w) for w in words(" ".join([fact.attribution or "", *names]))}
    return all(said_by.intersection(t for t in e if not t.startswith("#")) for e in wanted)


_BECAUSE = re.compile(
    r"\b(?:because|amid|due to|owing to|driven by|to address|to counter|in favour of|"
    r"in exchange for|aims? to|seeks? to|in order to|so as to|as (?:they|these|it|its)\b)",
    re.IGNORECASE,
)
"""Words by which a sentence gives a reason: "to address past missteps", "amid growing
concern", "as they turn to Russia". Not a bare "as" or "since" (times as often as causes)."""
REASONS_MAX = 5
REASONED_AMONG = 3
"""A why question's reasons are those given for one of its first matches that matches
all the question's words the best one does."""


def _reasons_for(
    answer: Answer, fact: Fact, question: str, bears: Callable[[Hit], bool] | None = None
) -> list[Item]:
    """The reasons the sources give for what a why question matched best: its own words'
    reason, if said ("US mining companies have stayed away because of …"), the claims and
    analyses curated as responses to it, then the facts on the same topics and actors whose
    own words give a reason and that hold what the question asks of (``bears``: "why is the
    US re-engaging": a pragmatic stance "to address past policy missteps"; nothing on the
    policy shift for "why did the US shut USAID"), best matches first."""
    store = answer.store
    bears = bears or _any
    own = fact.kind in (*_GIVING_REASONS, FactKind.QUOTE) and _reasoned(store, fact.id)
    chosen = [fact.id] if own else []
    if _CHANGING.search(question):  # a change of course: whatever reasons are given for it
        bears = _any
    chosen += [
        r
        for r in store.responses.get(fact.id, ())
        if store.facts[r].kind in (FactKind.CLAIM, FactKind.ANALYSIS) and _reasoned(store, r)
    ]
    if fact.kind is FactKind.EVENT and fact.responds_to:
        return [answer.fact(store.facts[r]) for r in chosen]  # its cause is curated
    for hit in store.fact_search.search(question, limit=SEARCH_LIMIT * 3):
        if len(chosen) >= REASONS_MAX:
            break
        if hit.id not in chosen and bears(hit) and _gives_reason(store, store.facts[hit.id], fact):
            chosen.append(hit.id)
    # the sources' own reason for a change, whatever words it is in ("This change comes
    # amid growing concerns over Islamist insurgency"): in a source the best match cites,
    # or on one of its own topics (not the overview, which holds every story)
    overview = store.overview.id if store.overview else None
    topics = {t for t in fact.topics if t != overview}
    changing = _CHANGING.search(question) is not None  # a question about a change of course
    for other in store.facts.values():
        if not changing or len(chosen) >= REASONS_MAX or other.id in chosen or other.id == fact.id:
            continue
        near = topics.intersection(other.topics)
        cited = [c for c in other.citations if near or c.source in fact.sources]
        if any(_CHANGE_AMID.search(store.quoted(c)) for c in cited):
            chosen.append(other.id)
    return [answer.fact(store.facts[r]) for r in chosen]


_GIVING_REASONS = (FactKind.STATEMENT, FactKind.CLAIM, FactKind.ANALYSIS)


def _any(hit: Hit) -> bool:
    return True


def _reasoned(store: FactStore, fact_id: str) -> bool:
    """Whether a fact's shown words give a reason (:data:`_BECAUSE`): a response that only
    describes what it responds to ("Russia described the repelling … as joint action") is
    a reaction, not a reason."""
    fact = store.facts[fact_id]
    return bool(_BECAUSE.search(" ".join([fact.text, *(store.quoted(c) for c in fact.citations)])))


def _gives_reason(store: FactStore, other: Fact, fact: Fact) -> bool:
    """Whether ``other`` is someone's reason bearing on ``fact``, in its own words: said (a
    statement, claim or analysis: a quote's "because" makes its own point, and an event's
    "as" is no one's reason), on a topic and an actor of ``fact``."""
    if other.kind not in _GIVING_REASONS or other.id == fact.id:
        return False
    if not (set(other.topics) & set(fact.topics) and set(other.actors) & set(fact.actors)):
        return False
    shown = " ".join([other.text, *(store.quoted(c) for c in other.citations)])
    return bool(_BECAUSE.search(shown))


_CHANGE_AMID = re.compile(
    r"\b(?:this|the)\s+(?:change|shift|move|decision|turn|pivot|re-?engagement)\s+"
    r"(?:comes?|came|is\s+driven|was\s+driven)\s+(?:amid|because|as|after|due)\b",
    re.IGNORECASE,
)
"""A source giving the reason for the change it reports, whatever the fact's kind: "This
change comes amid growing concerns over Islamist insurgency in the region"."""
_CHANGING = re.compile(
    r"\b(?:shift\w*|chang\w*|(?:re-?)?engag\w*|policy|polic\w+|strateg\w+|approach\w*|pivot\w*)\b",
    re.IGNORECASE,
)
"""Words by which a why question asks about a change of course ("why is Washington
re-engaging", "why the shift"): what a source's "this change comes amid …" answers."""


_PURPOSE = re.compile(
    r"\b(?:to|in order to|so as to)\s+(?!(?:the|a|an|its|their|his|her|be)\b)[a-z]{3,}\b"
)
"""Words giving what something was done for: "withdrew … to form a new alliance"."""


def _no_other_reason(store: FactStore, results: Iterable[Fact]) -> str:
    """What a why answer says when nobody gives a reason for its best match: that the
    sources give none beyond the results' own words ("to form a new alliance"), or none."""
    for fact in results:
        shown = " ".join([fact.text, *(store.quoted(c) for c in fact.citations)])
        if _PURPOSE.search(shown) or _BECAUSE.search(shown):
            return "The sources give no reason for it beyond the words of the results."
    return "The sources give no reason for it: these are the facts that match."


AHEAD = re.compile(
    r"\b(?:will|could|may|might|looks? forward|open to|unlikely|likely|explore|"
    r"plans?|expected|to come)\b",
    re.IGNORECASE,
)
"""Words by which a source speaks of what is to come. Not "would" (the future of a past
announcement: "would visit" of a visit since made) nor "continue to" (what goes on now)."""


def ahead(store: FactStore, about: str = "") -> Response:
    """What the sources say is to come: facts whose own text looks ahead ("open to
    consultations", "could re-engage", "will continue to wane"), latest first, on a
    subject when one is given. An event is never to come: it happened, whatever the words
    of the announcement a citation quotes."""
    looking = looking_ahead(store)
    total = None
    if query_words(about):  # the best matches first, counted up to one more than shown
        hits = store.fact_search.search(about, limit=SEARCH_LIMIT + 1, within=looking)
        facts = [store.facts[h.id] for h in hits[:SEARCH_LIMIT]]
        total = len(hits)
    else:  # the best-backed first (two sources before one), then the latest
        facts = sorted((store.facts[f] for f in looking), key=store.chronological, reverse=True)
        facts.sort(key=lambda f: -len(f.sources))
    if not facts:
        raise NotFound(f"The sources in the store say nothing of what is to come{_on(about)}.")
    answer = Answer(store, "search")
    title = "What the sources say is to come"
    answer.facts(title, facts, SEARCH_LIMIT, "/search narrows it")
    if total is not None and total > SEARCH_LIMIT:
        answer.notes.append(f"{title}: the best {SEARCH_LIMIT} matches; /search narrows it.")
    answer.notes.append("Only what the sources themselves say of the future; no forecast.")
    return answer.response("What comes next" + _on(about))


def looking_ahead(store: FactStore) -> frozenset[str]:
    """The facts whose own words look ahead (:data:`AHEAD`), events apart: read once a
    store (a scan of every fact's text, a quarter of a second at 100k facts)."""
    found = _AHEAD.get(store)
    if found is None:
        found = _AHEAD[store] = frozenset(
            f.id
            for f in store.facts.values()
            if f.kind is not FactKind.EVENT and AHEAD.search(" ".join([f.text, f.words or ""]))
        )
    return found


_AHEAD: weakref.WeakKeyDictionary[FactStore, frozenset[str]] = weakref.WeakKeyDictionary()


def _on(about: str) -> str:
    return f" on “{about}”" if query_words(about) else ""


ONGOING = re.compile(r"\b(?:remains?|still|continues? to|goes on)\b", re.IGNORECASE)
"""Words of a state still holding when the source wrote: its date is "as of", not when it
began."""
ONGOING_TITLE = "Still so as of these dates (when it began, the sources do not say)"


def when(store: FactStore, question: str, claimed: Claim | None = None) -> Response:
    """ "When did …": the dated facts that match, in the order they happened. The "When"
    line is the date of a fact that states the ``claimed`` subject and predicate (the date
    of "Bazoum remains detained … after his removal" is no date of the removal)."""
    text = clean_user_text(question)[:QUERY_MAX]
    hits = store.fact_search.search(text, limit=SEARCH_LIMIT)
    best = hits[0].score if hits else 0.0
    matching = [store.facts[h.id] for h in hits if h.score >= best / 2]
    dated = [f for f in matching if f.date is not None and _states(store, claimed, f)]
    if not matching:
        raise NotFound(f"No dated fact matches “{text}”.", (f"/search query:{text}",))
    answer = Answer(store, "timeline")
    ongoing = [f for f in dated if ONGOING.search(f.text)]
    if ongoing and len(ongoing) == len(dated):
        # "when was Bazoum detained": "remains detained" is dated when it was still so
        answer.facts(ONGOING_TITLE, ongoing, 3, "/search lists more")
        answer.notes.append(
            "The sources do not say when this began; these facts say it was still so as of "
            "their dates."
        )
        return answer.response(f"When: “{text}”")
    if not dated:  # what the question is about is in the store, but never dated
        undated = all(f.date is None for f in matching[:3])
        title = "Undated" if undated else "What they say of it (their dates are of other facts)"
        answer.facts(title, matching[:3], 3, "/search lists more")
        answer.notes.append("The sources give no date for this; this is what they say of it.")
        return answer.response(f"When: “{text}”")
    first = dated[0]
    answer.section("When", [answer.fact(first)])
    dated.sort(key=store.chronological)
    answer.facts("Timeline", dated, SEARCH_LIMIT, "/timeline lists everything")
    answer.notes.append("Dates are shown only as precisely as the sources give them.")
    return answer.response(f"When: “{text}”")


def _states(store: FactStore, claimed: Claim | None, fact: Fact) -> bool:
    """Whether the fact's own text or one of its quotes states the claim (no claim: yes)."""
    if claimed is None:
        return True
    if claims.states(store, claimed, fact.text):
        return True
    return any(
        claims.states(
            store, claimed, store.quoted(c), _sentence(store, c) if claimed.placed else ""
        )
        for c in fact.citations
    )


def _sentence(store: FactStore, citation: Citation) -> str:
    """The sentence(s) of its source a citation's words stand in."""
    span = store.span(citation)
    return passage(store.sources[citation.source].text, span.start, span.end).text


def stated(store: FactStore, question: str, claimed: Claim) -> bool:
    """Whether a fact the question's words find states its whole claim in one clause:
    the subject, the predicate and every further word the question says of it (with no
    predicate, the subject and those words: "Checker … in Bamako")."""
    if claimed.predicate is None and not claimed.objects:
        return False
    text = clean_user_text(question)[:QUERY_MAX]
    hits = store.fact_search.search(text, limit=SEARCH_LIMIT)
    return any(_states(store, claimed, store.facts[h.id]) for h in hits)


def yes_no(
    store: FactStore,
    question: str,
    subject: Sequence[str] = (),
    specific: Sequence[str] = (),
    claimed: Claim | None = None,
    besides: Sequence[str] = (),
    present: bool = False,
) -> Response:
    """A yes/no question: a first line stating what the sources say on it in their own
    cited words (or that they do not say so), then the facts that bear on it.

    The sources "say" it when a quote of the best facts holds every word of ``subject``
    (the words naming what it is about; every word of the question when none are given)
    and, given the question's ``claimed`` subject and predicate, one of its clauses holds
    both: "reduced cooperation with EU partners" does not say the EU withdrew. A fact
    bears on it when its shown words hold the rarest of the ``specific`` (rare) words
    of the subject, or more than half of them: not one sharing only a name or a common word.
    ``besides``: the words naming other actors the question asks about, which the nearest
    line holds if it can ("Burkina Faso" in "did the US meet Burkina Faso officials").
    ``present``: the question asks how things stand now ("is Niger *still* a key US
    partner"; also read from its own words): a line the sources date before later facts on
    the same subject, or word as an earlier state ("long regarded", "had halted"), is said
    to be so, and the latest of those facts follow it."""
    text = clean_user_text(question)[:QUERY_MAX]
    present = present or bool(PRESENT.search(text))
    hits = store.fact_search.search(text, limit=SEARCH_LIMIT, boost=_saying_boost(store, text))
    if not hits:
        raise NotFound(f"The sources in the store do not say “{text}”.")
    typed = [w for w in subject or query_words(text) if store.fact_search.expand(w)]
    wanted = [store.fact_search.expand(w) for w in typed]
    named = [_named_by(store, w) for w in typed]

    # The first line quotes the source words (of the best facts) holding most of the
    # subject: the sources "say" it only when those words, as shown, hold all of it. A
    # word naming an actor is held by any of the actor's names ("JNIM": "the Group for the
    # Support of Islam and Muslims") or a body within it (the US: "the Biden administration").
    rare = [1.0 - store.fact_search.share(e) for e in wanted]  # a rare word counts more

    # the words naming the claim's subject, held by any name of the actor they name
    # together ("the American envoy": Nick Checker), not each word alone
    subject_at = {i for i, w in enumerate(typed) if claimed and w in claimed.subject.split()}

    def holds(quote: str) -> list[bool]:
        found = _holds(store, wanted, named, quote)
        if (
            subject_at
            and not all(found[i] for i in subject_at)
            and claimed is not None
            and claimed.subject_actors
            and claims.names_subject(store, claimed, quote)
        ):
            found = [h or i in subject_at for i, h in enumerate(found)]
        return found

    def held(quote: str) -> list[float]:
        return [r for r, h in zip(rare, holds(quote), strict=True) if h]

    quoted = [(c, store.quoted(c), h) for h in hits for c in store.facts[h.id].citations]
    # the sentence each quote stands in: where a presence asked of is placed ("is X in Y")
    context = {q: _sentence(store, c) for c, q, _ in quoted} if claimed and claimed.placed else {}

    def rare_held(quote: str, among: Sequence[str] = specific) -> int:
        """How many of the question's rare words (or of ``among``) the quote holds."""
        return sum(h for w, h in zip(typed, holds(quote), strict=True) if w in among)

    def said(quote: str) -> bool:
        around = f"{quote} {context.get(quote, '')}"
        return len(held(around)) == len(wanted) and (
            claimed is None or claims.states(store, claimed, quote, context.get(quote, ""))
        )

    def names_subject(quote: str) -> bool:
        return claimed is None or claims.names_subject(store, claimed, quote)

    # what the question asks of its subject, when it asks something rare ("did Russia
    # help repel the Niamey attack": repel, Niamey); a line bears on that only by naming
    # the subject with one of those words ("was repelled with what Russia described…")
    others = [w for w in specific if claimed is None or w != claimed.subject]
    others += [w for w in besides if w not in others]  # "Burkina Faso" in "… meet Burkina Faso"

    def on_point(quote: str) -> bool:
        if not others:
            return not specific or rare_held(quote) > 0
        return names_subject(quote) and rare_held(quote, others) > 0

    def near(candidate: tuple[Citation, str, Hit]) -> bool:  # its quote or its fact's text
        return on_point(candidate[1]) or on_point(store.facts[candidate[2].id].text)

    best = [b for b in quoted if b[2] in hits[:3]]
    if besides or not any(near(b) for b in best):
        # none of the best matches' words is on point, or it names another actor whose
        # name a lesser match may hold: any match's may be
        best = quoted

    # what states it, else the nearest: on point, then holding most of the rare words
    # asked of the subject (Europe's waning "influence" for "is the EU losing influence"),
    # of all the question's rare words, naming its subject, then most of its words, the
    # rarer weighing more ("USAID", not a line that only names "the US")
    asked = others or list(specific)
    # what is asked of the subject besides its verb and the actors it names ("influence"
    # in "is the EU losing influence"; none in "has Germany withdrawn from Mali")
    verb = claimed.predicate if claimed is not None else None
    things = [w for w in asked if w not in besides and w != verb and not _named_by(store, w)]

    def rare_subject(quote: str) -> bool:
        """Whether the quote names the question's subject, a rare one ("Germany"): it
        beats a line holding only the place asked of ("Mali")."""
        return claimed is not None and claimed.subject in specific and names_subject(quote)

    def as_subject(quote: str) -> bool:  # "EU programmes remain", not "without the EU"
        return claimed is not None and claims.named_as_subject(store, claimed, quote)

    def denies(quote: str) -> bool:  # "Germany continue to maintain a presence"
        return claimed is not None and claims.contradicts(store, claimed, quote)

    citation, quote, top = max(
        best,
        key=lambda b: (
            said(b[1]),
            near(b),
            on_point(b[1]),
            rare_held(b[1], things),
            rare_subject(b[1]),
            denies(b[1]),
            as_subject(b[1]),
            rare_held(b[1], asked),
            rare_held(b[1]),
            names_subject(b[1]),
            sum(held(b[1])),
        ),
    )
    if not said(quote):  # a quote cut short of its subject: the fact's own cited text
        told = next((b for b in best if said(store.facts[b[2].id].text)), None)
        citation, quote, top = told or (citation, quote, top)
    fact = store.facts[top.id]
    hits = [top, *(h for h in hits if h.id != top.id)]
    stated = said(quote) or said(fact.text)
    answer = Answer(store, "search")
    if said(quote):
        # a presence placed by the rest of its sentence: the whole sentence, which says where
        whole = context.get(quote, quote) if len(held(quote)) < len(wanted) else quote
        line = f"The sources say{_from(store, fact, quote)}: “{whole.strip()}”"
    elif said(fact.text):  # "so" only when the sources do not deny what is asked
        denied = _DENIED.search(fact.text) and not _DENIED.search(text)
        line = f"The sources say: {fact.text}" if denied else f"The sources say so: {fact.text}"
    elif denies(quote) or (
        # all the question names, but denied ("democracy … no longer a condition" for "the
        # US still insists on democracy as a condition"), its verb never in the store
        claimed is not None
        and (claimed.unused or not claimed.predicate_terms)
        and len(held(quote)) == len(wanted)
        and _DENIED.search(quote)
        and not _DENIED.search(text)
    ):
        line = f"The sources say otherwise{_from(store, fact, quote)}: “{quote.strip()}”"
    else:
        nearest = f"the nearest they hold{_from(store, fact, quote)}"
        line = f"The sources do not say so in those words; {nearest}: “{quote}”"
    later: list[Hit] = []
    earlier = bool(_EARLIER.search(quote) or _EARLIER.search(fact.text))
    if (stated or earlier) and (present or (earlier and _PRESENT_TENSE.match(text))):
        # how things stand now: a line of an earlier state, or dated before later facts on
        # the same subject, is no confirmation of the present; the latest facts follow it
        # ("is Niger a key partner" asks it of now too, when the line is of an earlier time)
        subject_words = set(claimed.subject.split()) if claimed else set()
        asked_of = [i for i, w in enumerate(typed) if w not in subject_words]

        def same_subject(hit: Hit) -> bool:
            other = store.facts[hit.id]
            shown = " ".join([other.text, *(store.quoted(c) for c in other.citations)])
            found = holds(shown)
            return names_subject(shown) and any(found[i] for i in asked_of)

        later = _later(store, fact, [h for h in hits[1:] if same_subject(h)], earlier)
        if later and not stated:  # the nearest line, of an earlier time: said so too
            since = answer.date_label(store.facts[later[0].id])
            line += f"; it speaks of an earlier state: their latest on it, from {since}, follows."
        elif later:
            since = answer.date_label(store.facts[later[0].id])
            if earlier:
                line = (
                    "The sources speak of this as an earlier state, not as how things stand "
                    f"now: “{quote.strip()}”; their latest on it, from {since}, follows."
                )
            else:
                line = (
                    f"As of {answer.date_label(fact)}, the sources say: “{quote.strip()}”; "
                    f"later facts on it, the latest from {since}, follow."
                )
        elif earlier and stated:
            line = (
                "The sources speak of this as an earlier state and hold nothing later on it: "
                f"“{quote.strip()}”"
            )
    first = [_first_line(answer, line, fact, citation)]
    first += [answer.fact(store.facts[h.id]) for h in later]
    answer.section("What the sources say", first)
    hits = [h for h in hits if h not in later]

    def on_subject(hit: Hit) -> bool:  # unsaid: a rare subject named in a fact's words
        fact = store.facts[hit.id]
        shown = (fact.text, *(store.quoted(c) for c in fact.citations))
        return (
            claimed is not None
            and not stated
            # a rare subject; or a common one with the rare words of the question's
            # object ("has the US stayed away from the *juntas*": what the sources say of
            # the US and the juntas, when no line says it stayed away)
            and (claimed.subject in specific or (bool(others) and bool(claimed.subject_actors)))
            and any(claims.names_subject(store, claimed, t) for t in shown)
            # and, when the question asks something more specific of the subject, one
            # of those words too: not every line naming Russia for "did Russia help
            # repel the Niamey attack"
            and (not others or any(rare_held(t, others) for t in shown))
        )

    # what bears on it, those naming its subject first ("EU programmes remain active")
    def shares_enough(hit: Hit) -> bool:
        """More than one of the rare words, or the subject: not a line sharing one word
        ("withdrew from the ECOWAS bloc" for "has France withdrawn its troops")."""
        fact = store.facts[hit.id]
        shown = " ".join([fact.text, *(store.quoted(c) for c in fact.citations)])
        if len(specific) < 2 or rare_held(shown) >= 2:
            return True
        return claimed is not None and claims.names_subject(store, claimed, shown)

    bears = _bearing(store, specific)
    bearing = [h for h in hits[1:] if on_subject(h) or (bears(h) and shares_enough(h))]
    if not specific and claimed is not None:  # common words only: what states it, no more
        bearing = [h for h in bearing if _states(store, claimed, store.facts[h.id])]
    bearing.sort(key=lambda h: not on_subject(h))
    answer.section("Bearing on it", (answer.fact(store.facts[h.id]) for h in bearing[:4]))
    return answer.response(f"“{text}”")


PRESENT = re.compile(
    r"\b(?:still|now|currently|presently|nowadays|today|anymore|any\s+longer|at\s+present)\b",
    re.IGNORECASE,
)
"""Words asking how things stand now ("is Niger still a key partner")."""
_PRESENT_TENSE = re.compile(r"^(?:is|are|am|do|does)\b", re.IGNORECASE)
_EARLIER = re.compile(
    r"\blong\s+(?:regarded|seen|considered|viewed|treated|known|been)\b"
    r"|\b(?:once|formerly|previously|used\s+to|until)\b|\bhad\s+(?:been|\w+ed)\b",
    re.IGNORECASE,
)
"""Words by which a source speaks of an earlier state ("long regarded", "had halted")."""
LATER_SHOWN = 2
"""Most later facts shown after a line the present question finds of an earlier time."""


def _later(store: FactStore, fact: Fact, hits: Sequence[Hit], earlier: bool) -> list[Hit]:
    """Of ``hits`` (facts on the same subject, best first), those dated after ``fact``
    (after any date, when it is undated and speaks of an earlier state), latest first."""
    if fact.date is None and not earlier:
        return []
    after = fact.date.when.end if fact.date is not None else None
    found = [
        (h, rank)
        for rank, h in enumerate(hits)
        if (other := store.facts[h.id]).date is not None
        and (after is None or other.date.when.start > after)
    ]
    found.sort(key=lambda p: (-store.facts[p[0].id].date.when.end.toordinal(), p[1]))  # type: ignore[union-attr]
    return [h for h, _ in found[:LATER_SHOWN]]


_DENIED = re.compile(r"\b(?:not|no|never|nor|unlikely)\b|n[’']t\b", re.IGNORECASE)
"""Words by which a source denies what it speaks of ("would not be exchanged")."""


def _from(store: FactStore, fact: Fact, quote: str) -> str:
    """Whose words a quote of an attributed fact gives, when it does not name them itself
    (", from Ulf Laessing" for "arguing that security cooperation would not …")."""
    if not fact.kind.attributed:
        return ""
    who = fact.attribution or ", ".join(store.actors[a].name for a in fact.by)
    named = {w for a in fact.by for w in _name_words(store.actors[a])}
    if not who or set(words(quote)) & (named | set(words(fact.attribution or ""))):
        return ""
    return f", from {who}"


def _name_words(actor: Actor) -> set[str]:
    return set(words(" ".join([actor.name, *actor.aliases])))


def _first_line(answer: Answer, line: str, fact: Fact, citation: Citation) -> Item:
    """A yes/no answer's first line, citing the words it quotes."""
    symbol, independent, credibility = sourcing(answer.store, [fact])
    return Item(
        text=line,
        cites=answer.book.cite([citation]),
        fact=fact.id,
        kind=str(fact.kind),
        sourcing=f"{symbol}{credibility}",
        independent=independent,
        credibility=credibility,
    )


def _holds(
    store: FactStore, wanted: Sequence[dict[str, float]], named: Sequence[set[str]], text: str
) -> list[bool]:
    """Which of a question's words (their expansions ``wanted``, the actors each names
    ``named``) ``text`` holds: by a word of theirs, or by any name of an actor they name."""
    shown = {stem(w) for w in words(text)}
    actors = {m.id for m in store.actor_names.mentions(text)}
    return [
        any(t in shown for t in e if not t.startswith("#")) or bool(n & actors)
        for e, n in zip(wanted, named, strict=True)
    ]


NEAREST_NAMED = 2
"""Most facts named as the nearest the sources hold (each holding other words asked)."""


def together(store: FactStore, typed: Sequence[str]) -> tuple[tuple[Fact, ...], tuple[str, ...]]:
    """The facts whose shown words (their text and quotes, or their actors' names) hold
    most of ``typed`` together (at most two, each holding different words), and those of
    ``typed`` the first lacks (none: one fact holds them all). "When will Checker visit
    Niamey": Checker's visit is to Bamako, and Niamey is another fact's, so the sources do
    not say it; the nearest facts are what they say instead. The same test as a yes/no
    question's first line (:func:`yes_no`), over the facts the words find."""
    typed = [w for w in typed if store.fact_search.expand(w)]
    if not typed:
        return (), ()
    wanted = [store.fact_search.expand(w) for w in typed]
    named = [_named_by(store, w) for w in typed]
    found: list[tuple[tuple[str, ...], Fact]] = []
    for hit in store.fact_search.search(" ".join(typed), limit=SEARCH_LIMIT):
        fact = store.facts[hit.id]
        shown = " ".join([fact.text, *(store.quoted(c) for c in fact.citations)])
        # or by the names of the actors it is curated with ("European Union" for
        # "european": "Europe's influence")
        matched = [any(t in hit.terms for t in e if not t.startswith("#")) for e in wanted]
        held = [a or b for a, b in zip(_holds(store, wanted, named, shown), matched, strict=True)]
        missing = tuple(w for w, h in zip(typed, held, strict=True) if not h)
        if not missing:
            return (fact,), ()
        found.append((missing, fact))
    if not found:
        return (), tuple(typed)
    fewest = min(len(m) for m, _ in found)
    nearest: dict[tuple[str, ...], Fact] = {}
    for missing, fact in found:
        if len(missing) == fewest and len(missing) < len(typed):
            nearest.setdefault(missing, fact)
    first = next(iter(nearest), tuple(typed))
    return tuple(nearest.values())[:NEAREST_NAMED], first


NAME_LOOKED_AT = 3
"""Facts a word's spelling is looked at in, to tell a name ("Niamey") from a word."""


def proper(store: FactStore, word: str) -> bool:
    """Whether the sources write ``word`` as a name: capitalised within a sentence, in the
    facts it finds first ("the capital Niamey"; not "Influence", a sentence's first word)."""
    if not word.isalpha():
        return False
    within = re.compile(rf"(?<=[\w,;:’'\-\)] )(?:{word[0].upper()}{re.escape(word[1:])})\b")
    for hit in store.fact_search.search(word, limit=NAME_LOOKED_AT):
        fact = store.facts[hit.id]
        if any(within.search(t) for t in (fact.text, *(store.quoted(c) for c in fact.citations))):
            return True
    return False


def _named_by(store: FactStore, word: str) -> set[str]:
    """The actors a word names, with the bodies within them."""
    return {
        a
        for m in store.actor_names.mentions(word, store.fact_search.knows)
        for a in (m.id, *store.parts.get(m.id, ()))
    }


def _bears(store: FactStore, hit: Hit, rare: Sequence[str], any_word: bool = False) -> bool:
    """Whether a result bears on ``rare`` (see :func:`_bearing`)."""
    return _bearing(store, rare, any_word)(hit)


def _bearing(
    store: FactStore, rare: Sequence[str], any_word: bool = False
) -> Callable[[Hit], bool]:
    """Whether a result's shown words hold the rarest of ``rare`` or more than half of
    them (every result does when there are none). Shown: the fact's text and quotes, or
    an actor they name by any of its names ("the Group for the Support of Islam and
    Muslims" for "JNIM"); not the name of another actor the index also reads ("France" in
    "Agence France-Presse"), nor an actor curated for the fact that its words never name.
    The words are expanded and weighed once, for every result tested."""
    index = store.fact_search
    pairs = [(w, e) for w, e in ((w, index.expand(w)) for w in rare) if e]
    if not pairs:
        return lambda hit: True
    named = [_named_by(store, w) for w, _ in pairs]
    wanted = [e for _, e in pairs]
    rarest = min(range(len(wanted)), key=lambda i: index.share(wanted[i]))

    def bears(hit: Hit) -> bool:
        fact = store.facts[hit.id]
        seen = " ".join([fact.text, fact.words or "", *(store.quoted(c) for c in fact.citations)])
        shown = {stem(w) for w in words(seen)} & hit.terms
        involved = {m.id for m in store.actor_names.mentions(seen, index.knows)}
        held = [
            bool(shown.intersection(e)) or bool(n & involved)
            for e, n in zip(wanted, named, strict=True)
        ]
        if any_word:  # "compare Biden and Trump": either side bears on it
            return any(held)
        return held[rarest] or sum(held) * 2 > len(held)

    return bears


COMMON_SHARE = 0.25
"""A word held by at least this share of the facts is common ("US", "Sahel" in this story)."""


def _common_alone(store: FactStore, text: str) -> Callable[[Hit], bool]:
    """Whether a result matches only one of the query's words, and a common one: "Niger
    was long regarded…" for "how long has Bazoum been held", matched on "long" alone. A
    query of one word matches as it may. Each word is expanded, and weighed, once."""
    index = store.fact_search
    wanted = [e for e in (index.expand(w) for w in dict.fromkeys(query_words(text))) if e]
    shares: dict[int, float] = {}

    def alone(hit: Hit) -> bool:
        matched = [n for n, e in enumerate(wanted) if hit.terms.intersection(e)]
        if len(wanted) < 2 or len(matched) != 1:
            return False
        n = matched[0]
        if n not in shares:
            shares[n] = index.share(wanted[n])
        return shares[n] >= COMMON_SHARE

    return alone


REASON_BOOST = 1.5
"""How much more a claim or an analysis weighs for "why …": the reasons someone gives."""


def _reason_boost(store: FactStore) -> Callable[[str], float]:
    def boost(fact_id: str) -> float:
        kind = store.facts[fact_id].kind
        return REASON_BOOST if kind in (FactKind.CLAIM, FactKind.ANALYSIS) else 1.0

    return boost


_FIGURE = re.compile(
    r"\b(?!(?:19|20)\d\d\b)\d[\d,.]*\b|\b(?:dozens?|hundreds?|thousands?|millions?|"
    r"two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|fifty)\b",
    re.IGNORECASE,
)
"""A figure in a source's words (a year is a date, not a figure)."""


def figures(store: FactStore, question: str, bearing: Sequence[str] = ()) -> Response:
    """ "How many / how much …": only facts whose shown words give a figure and hold the
    question's words; otherwise the sources give no figure, said plainly, with the nearest
    facts holding the question's rare words (``bearing``) when it has any ("how much aid":
    USAID's closure)."""
    text = clean_user_text(question)[:QUERY_MAX]
    wanted = [e for e in (store.fact_search.expand(w) for w in query_words(text)) if e]
    hits = store.fact_search.search(text, limit=SEARCH_LIMIT)
    counted = []
    for hit in hits:
        fact = store.facts[hit.id]
        shown = " ".join([fact.text, *(store.quoted(c) for c in fact.citations)])
        held = all(any(t in hit.terms for t in e if not t.startswith("#")) for e in wanted)
        if held and _FIGURE.search(shown):
            counted.append(fact)
    if not counted:
        members = _members_named(store, text)
        if members is not None:
            return members
        near = [h for h in hits if bearing and _nearest(store, h, text, bearing)]
        near = near[:NEAREST_MAX]
        if not near:
            raise NotFound(
                f"The sources in the store give no figure for “{text}”.",
                (f"/search query:{text}",),
            )
        answer = Answer(store, "search")
        unsaid = f"The sources do not say: they give no figure for “{text}”."
        answer.section("What the sources say", [Item(text=unsaid)])
        answer.section("Nearest they hold", (answer.fact(store.facts[h.id]) for h in near))
        return answer.response(f"“{text}”")
    answer = Answer(store, "search")
    answer.facts("Figures the sources give", counted, SEARCH_LIMIT, "/search finds more")
    answer.notes.append("Numbers keep the sources' own wording.")
    return answer.response(f"“{text}”")


NEAREST_MAX = 2
"""At most this many facts listed as the nearest when the sources give no figure."""


def _nearest(store: FactStore, hit: Hit, text: str, bearing: Sequence[str]) -> bool:
    """Whether a fact is near a question the sources give no figure for: it holds its
    rare words and, when it names an actor, the first it names, in its shown words ("how
    much aid does the US give": USAID's closure; "how many US troops": not Russia's)."""
    if not _bears(store, hit, bearing):
        return False
    named = store.actor_names.mentions(text, store.fact_search.knows)
    if not named:
        return True
    fact = store.facts[hit.id]
    seen = " ".join([fact.text, *(store.quoted(c) for c in fact.citations)])
    involved = {m.id for m in store.actor_names.mentions(seen, store.fact_search.knows)}
    return bool(involved & {named[0].id, *store.parts.get(named[0].id, ())})


MEMBER = "member"
"""The word of a relation that makes one actor a member of another ("member of")."""


def _members_named(store: FactStore, text: str) -> Response | None:
    """ "How many countries are in the alliance": with no figure given, the members the
    sources name for the alliance the question names (None when it names none)."""
    for match in store.actor_names.mentions(text, store.fact_search.knows):
        members = [
            (store.actors[other], relation)
            for other, relation in store.relations_to.get(match.id, ())
            if MEMBER in relation.relation.split()
        ]
        if not members:
            continue
        group = store.actors[match.id]
        answer = Answer(store, "search")
        answer.section(
            f"Members of {group.name} the sources name",
            (
                Item(
                    text=f"{member.name}: {relation.relation} {group.name}",
                    cites=answer.book.cite(relation.citations),
                )
                for member, relation in members
            ),
        )
        answer.notes.append("The sources give no figure; these are the members they name.")
        return answer.response(f"“{text}”")
    return None


def speakers_named(store: FactStore, text: str) -> list[str]:
    """Actors a text names, each with the bodies within it (the US: its State Department)."""
    return [
        member
        for match in store.actor_names.mentions(text, store.fact_search.knows)
        for member in voices(store, match.id)
    ]


def has_said(store: FactStore, actor_id: str) -> bool:
    """Whether the store holds anything said by the actor or those who speak for it."""
    return any(
        a in store.facts[f].by
        for a in voices(store, actor_id)
        for f in store.facts_by_actor.get(a, ())
    )


def asks_what_was_said(text: str) -> bool:
    return any(word in SAYING for word in simplify(text).split())


def _saying_boost(store: FactStore, text: str) -> Callable[[str], float] | None:
    if not asks_what_was_said(text):
        return None
    speakers = set(speakers_named(store, text))

    def boost(fact_id: str) -> float:
        fact = store.facts[fact_id]
        if speakers and speakers.intersection(fact.by):
            return SPEAKER_BOOST
        return SAID_BOOST if fact.kind.attributed else 1.0

    return boost


def _matched_words(store: FactStore, fact: Fact, terms: frozenset[str]) -> list[str]:
    """The words shown with a result that matched the query, to highlight."""
    shown = " ".join([fact.text, fact.words or "", *(store.quoted(c) for c in fact.citations)])
    found: dict[str, None] = {}
    for word in _SHOWN_WORD.findall(shown):
        if not terms.isdisjoint(_stems(word)):
            found.setdefault(word, None)
    return list(found)


_SHOWN_WORD = re.compile(r"\w[\w'’-]*")


@lru_cache(maxsize=50_000)
def _stems(word: str) -> tuple[str, ...]:
    """The index terms a word shown in an answer stands for (a store's words recur)."""
    return tuple(stem(part) for part in words(word))


def said(store: FactStore, speaker: str, about: str | None = None) -> Response:
    """What an actor (or a body within it) said, on one subject or all of them."""
    person = store.actors[store.actor_names.resolve(speaker)]
    speakers = voices(store, person.id)
    theirs = {
        f for a in speakers for f in store.facts_by_actor.get(a, ()) if a in store.facts[f].by
    }
    told = person.kind is ActorKind.MEDIA and not theirs
    if told:  # an outlet reports what others told it: "what did Le Monde say"
        theirs = {
            f for f in store.facts_by_actor.get(person.id, ()) if store.facts[f].kind.attributed
        }
    if not theirs:
        raise NotFound(
            f"The sources in the store hold nothing {person.name} said, "
            "nor anything said by anyone speaking for them.",
            (f"/actor name:{person.name}", f"/timeline actor:{person.id}"),
        )
    subject = clean_user_text(about or "")
    chosen: list[Fact] = []
    of_them: list[Fact] = []
    if query_words(subject):
        # the speaker, those speaking for it, and what it is part of or speaks for
        concerned = speakers | {a for a, parts in store.parts.items() if person.id in parts}
        concerned |= set(person.speaks_for)
        near = {f for a in concerned for f in store.facts_by_actor.get(a, ())} | theirs
        hits = store.fact_search.search(subject, limit=len(near), within=near)
        rare = _rare_words(store, subject)
        alone = _common_alone(store, subject)
        on_rare, on_every = _bearing(store, rare, any_word=True), _bearing(store, rare)
        on_it = [  # matched in their shown words on the subject's rare words, or two words
            h
            for h in hits
            if h.score > 0
            and any(not t.startswith("#") for t in h.terms)
            and on_rare(h)
            and not alone(h)
        ]
        chosen = [store.facts[h.id] for h in on_it if h.id in theirs]
        # what the sources themselves say of the speaker on it ("Absent from the agenda is
        # the longstanding American concern for … human rights")
        of_them = [
            store.facts[h.id]
            for h in on_it
            if h.id not in theirs
            and concerned.intersection(store.facts[h.id].actors)
            and on_every(h)
        ][:OF_THEM_MAX]
    answer = Answer(store, "search")
    said_what = f"What {person.name} was told" if told else f"What {person.name} said"
    heading = "Said"
    if chosen:
        title = f"{said_what} about “{subject}”"
    else:
        chosen = sorted((store.facts[f] for f in theirs), key=store.chronological)
        title = said_what
        if query_words(subject):
            answer.notes.append(f"Nothing {person.name} said mentions “{subject}”.")
            answer.section(
                f"What the sources say of {person.name} and “{subject}”",
                map(answer.fact, of_them),
            )
            heading = f"Everything else {person.name} said (nothing on “{subject}”)"
    own = {person.id, *store.parts.get(person.id, ())}
    if told:
        answer.notes.append(
            f"{person.name} is an outlet: these are what others told it, each line naming who."
        )
    elif not any(own.intersection(f.by) for f in chosen):
        answer.notes.append(
            f"{person.name} is not quoted; these are the words of those who speak for "
            f"{person.name}, each line naming who said it."
        )
    answer.facts(heading, chosen, LIST_MAX, f"/timeline actor:{person.id} narrows it")
    return answer.response(title)


OF_THEM_MAX = 3
"""At most this many of the sources' own lines on a speaker and a subject it never spoke of."""


def _rare_words(store: FactStore, text: str) -> list[str]:
    """The words of ``text`` few facts hold (all of them when none is rare)."""
    index = store.fact_search
    known = [w for w in query_words(text) if index.expand(w)]
    rare = [w for w in known if index.share(index.expand(w)) < COMMON_SHARE]
    return rare or known


# --- /sources --------------------------------------------------------------------------


def sources(store: FactStore, source: str | None = None) -> Response:
    """The sources and their metadata, or one source in detail."""
    answer = Answer(store, "sources")
    if source is None or not clean_user_text(source):
        infos = tuple(_info(store, s) for s in store.sources.values())
        retractions = Counter(s for f in store.retracted.values() for s in f.sources)
        answer.section(
            "Sources",
            (Item(text=_describe(i) + _withdrawn(i.id, retractions[i.id])) for i in infos),
        )
        return answer.response(f"Sources ({len(infos)})", sources=infos)
    chosen = store.sources[store.source_names.resolve(source)]
    info = _info(store, chosen)
    details = [Item(text=_describe(info))]
    if info.published_reasoning:
        details.append(Item(text=f"Date reasoning: {info.published_reasoning}"))
    if info.contents:
        details.append(Item(text=f"Contents: {info.contents}"))
    if chosen.reliability is not None:
        grade = chosen.reliability
        details.append(Item(text=f"Graded {grade.grade} by {grade.by}: {grade.reason}"))
    if chosen.based_on:
        repeated = ", ".join(store.sources[s].title for s in chosen.based_on)
        details.append(
            Item(text=f"Repeats: {repeated} (a fact they both back counts one independent source)")
        )
    answer.section("About", details)
    withdrawn = [f for f in store.retracted.values() if chosen.id in f.sources]
    answer.section(
        "Retracted (kept here, never shown in answers)",
        (_retracted(answer, f) for f in withdrawn),
    )
    facts = [store.facts[f] for f in store.facts_by_source.get(chosen.id, ())]
    answer.facts(
        f"Facts citing it ({len(facts)})", facts, TIMELINE_MAX, "/search finds particular ones"
    )
    return answer.response(chosen.title, subtitle=chosen.file, sources=(info,))


def _withdrawn(source: str, count: int) -> str:
    return f" · {count} fact(s) retracted (/sources source:{source})" if count else ""


def _retracted(answer: Answer, fact: Fact) -> Item:
    """A retracted fact as /sources lists it: its text, marked, with the reason."""
    assert fact.retracted is not None
    return Item(
        text=f"Retracted: {fact.text}",
        cites=answer.book.cite(fact.citations),
        fact=fact.id,
        kind=str(fact.kind),
        correction=f"Why retracted: {fact.retracted.reason}",
    )


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
        reliability=str(source.reliability.grade) if source.reliability else None,
        reliability_reason=source.reliability.reason if source.reliability else None,
        graded_by=source.reliability.by if source.reliability else None,
        based_on=source.based_on,
    )


def _describe(info: SourceInfo) -> str:
    title = info.title + (" (title assigned by the curator)" if info.title_assigned else "")
    if info.published:
        when = f"published {'about ' if info.published_estimated else ''}{info.published}"
    else:
        when = "publication date unknown"
    outlet = info.outlet or "outlet unknown"
    graded = "ungraded"
    if info.reliability:
        graded = f"reliability {info.reliability} ({Reliability(info.reliability).meaning})"
    repeats = f" · repeats {', '.join(info.based_on)}" if info.based_on else ""
    return (
        f"{title} · id {info.id} · {outlet} · {graded}{repeats} · {when} · "
        f"{info.facts} facts · {info.file}"
    )
