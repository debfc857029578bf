"""Plain questions routed to the command that answers them, saying how they were read.

Deterministic and local: a few patterns on the question's words, then names looked up in
the store. "Who is X" is X's profile, "what did X say about Y" is X's statements on Y,
"when" and "what happened" are a timeline, anything else is a search. The answer says how
the question was read ("Answered as /actor name:Nick Checker"), and when nothing in the
store fits, it says so and suggests what does exist: it never answers beyond the store.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import msgspec

from bot.store import queries
from bot.store.errors import Ambiguous, InvalidCommand, NotFound
from bot.store.facts import FactStore
from bot.store.response import Response
from bot.store.search import query_words
from bot.store.text import clean_user_text

QUESTION_MAX = 300
"""Longest question read; Discord's option and the console are capped the same."""

_WHO = re.compile(
    r"^(?:who|what)(?:\s*'s|\s+(?:is|are|was|were))\s+(?:the\s+)?(?P<x>.+)$"
    r"|^(?:tell\s+me\s+about|profile\s+of|about)\s+(?:the\s+)?(?P<y>.+)$",
    re.IGNORECASE,
)
_WHEN = re.compile(r"^(?:when\b|what\s+(?:has\s+)?happen(?:ed|s|ing)\b)", re.IGNORECASE)
_ABOUT = re.compile(r"\b(?:about|on|of|regarding|concerning)\s+(?P<y>.+)$", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


class Reading(msgspec.Struct, frozen=True):
    """How a question was read: the command line it amounts to, and how to run it."""

    line: str
    run: Callable[[], Response]


def answer(store: FactStore, question: str) -> Response:
    """Answer a plain question from the store, saying how it was read."""
    text = clean_user_text(question)[:QUESTION_MAX].strip().rstrip("?!. ")
    if not query_words(text):
        raise InvalidCommand(
            "Ask about something in the store, e.g. “who is Nick Checker?” or "
            "“what did Laessing say about democracy?”."
        )
    reading = read(store, text)
    try:
        response = reading.run()
    except NotFound as missing:
        raise NotFound(
            f"Nothing in the store answers “{text}”.",
            missing.suggestions or _what_exists(store, text),
        ) from None
    note = f"Answered as {reading.line}"
    return response.replace(command="ask", notes=(note, *response.notes))


def read(store: FactStore, text: str) -> Reading:
    """The command a question amounts to."""
    named = store.actor_names.mentions(text, store.fact_search.knows)
    if named and queries.asks_what_was_said(text):
        speaker = named[0]
        about = _ABOUT.search(text)
        subject = about["y"] if about else None
        owner = speaker.label + ("'" if speaker.label.endswith("s") else "'s")
        line = f"{owner} statements" + (f" about “{subject}”" if subject else "")
        return Reading(line, lambda: queries.said(store, speaker.id, subject))
    who = _WHO.match(text)
    if who:
        reading = _profile(store, who["x"] or who["y"])
        if reading is not None:
            return reading
    if _WHEN.match(text):
        return _when(store, text, [m.id for m in named])
    return _search(store, text)


def _profile(store: FactStore, name: str) -> Reading | None:
    """An actor's profile, else a topic's brief, for "who is X" / "what is X"."""
    try:
        actor_id = store.actor_names.resolve(name)
    except (NotFound, Ambiguous):
        pass
    else:
        label = store.actors[actor_id].name
        return Reading(f"/actor name:{_quoted(label)}", lambda: queries.actor(store, actor_id))
    try:
        topic_id = store.topic_names.resolve(name)
    except (NotFound, Ambiguous):
        return None
    return Reading(f"/brief topic:{topic_id}", lambda: queries.brief(store, topic_id))


def _when(store: FactStore, text: str, actors: list[str]) -> Reading:
    years = _YEAR.findall(text)
    since, until = (years[0], years[-1]) if years else (None, None)
    rest = [
        w
        for w in query_words(text)
        if not _YEAR.fullmatch(w) and not store.actor_names.mentions(w, store.fact_search.knows)
    ]
    if rest:  # "when did Checker visit Bamako": the words decide, and results show dates
        return _search(store, text)
    actor = actors[0] if len(actors) == 1 else None
    parts = ["/timeline"]
    if actor:
        parts.append(f"actor:{_quoted(store.actors[actor].name)}")
    if since:
        parts += [f"since:{since}", f"until:{until}"]
    return Reading(" ".join(parts), lambda: queries.timeline(store, actor, None, since, until))


def _search(store: FactStore, text: str) -> Reading:
    return Reading(f"/search query:{_quoted(text)}", lambda: queries.search(store, text))


def _what_exists(store: FactStore, text: str) -> tuple[str, ...]:
    near = [f"/actor name:{_quoted(m.label)}" for m in store.actor_names.rank(text, limit=3)]
    topics = [f"/brief topic:{t}" for t in list(store.topics)[:3]]
    return tuple(near + topics)


def _quoted(value: str) -> str:
    return f'"{value}"' if " " in value else value
