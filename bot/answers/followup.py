"""Follow-up questions: after "who is Nick Checker", "what did he say" asks about Checker.

Pure: the chat and the console keep, per asker, the actor their last question was about
(:func:`about`), and hand it back with the next question (:func:`follow`)."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Hashable

from bot.records.errors import NotFound
from bot.records.served import Actor, ActorKind
from bot.store.facts import FactStore

PERSON, THING, ANY = "person", "thing", "any"
PRONOUNS = {
    "he": PERSON,
    "him": PERSON,
    "his": PERSON,
    "she": PERSON,
    "her": PERSON,
    "they": ANY,
    "them": ANY,
    "their": ANY,
    "it": THING,
    "its": THING,
}
"""The pronouns a follow-up refers back by, and what they can stand for: a person (the
sources rarely say which pronoun is theirs, so "he" and "she" both fit any person), a
body or place ("it"), or either ("they")."""
POSSESSIVE = frozenset({"his", "their", "its"})
_PRONOUN = re.compile(r"\b(?:" + "|".join(PRONOUNS) + r")\b", re.IGNORECASE)


def about(store: FactStore, question: str) -> str | None:
    """The actor a question is about: the first it names, if any."""
    named = store.actor_names.mentions(question, store.fact_search.knows)
    return named[0].id if named else None


def subject(store: FactStore, question: str, previous: str | None) -> str | None:
    """Whom an asker's question is about, for their next one: the first actor it names once
    its pronoun is read (:func:`follow`), else still ``previous``."""
    try:
        followed, _ = follow(store, question, previous)
    except NotFound:
        return previous
    return about(store, followed) or previous


def follow(store: FactStore, question: str, previous: str | None) -> tuple[str, str | None]:
    """The question with its first pronoun read as ``previous`` (the actor the asker's last
    question was about), and a note saying so. Unchanged when it names an actor the pronoun
    fits itself ("he" and Laessing; not "he" and Le Monde) or has no pronoun that fits.
    "He" or "she" with no one to refer to is an error that says to name them: answering
    about anyone would be a guess."""
    pronoun = _PRONOUN.search(question)
    if pronoun is None:
        return question, None
    typed = pronoun[0].casefold()
    named = store.actor_names.mentions(question, store.fact_search.knows)
    if any(_fits(store.actors[m.id], PRONOUNS[typed]) for m in named if m.id in store.actors):
        return question, None  # "what did Laessing say about him": his own, or another's
    actor = store.actors.get(previous) if previous else None
    if actor is None or not _fits(actor, PRONOUNS[typed]):
        if PRONOUNS[typed] == PERSON:
            raise NotFound(
                f"Who is “{pronoun[0]}”? Name them, e.g. “what did Nick Checker say”: "
                "a follow-up refers back only to a person your last question named."
            )
        return question, None
    name = f"{actor.name}'s" if typed in POSSESSIVE else actor.name
    followed = question[: pronoun.start()] + name + question[pronoun.end() :]
    return followed, f"Read “{pronoun[0]}” as {actor.name}, from your last question."


def _fits(actor: Actor, stands_for: str) -> bool:
    person = actor.kind is ActorKind.PERSON
    return stands_for == ANY or person == (stands_for == PERSON)


KEPT = 10_000
"""Askers remembered at most; the longest unheard is forgotten first."""


class Recent:
    """The actor each asker's last question was about (thread-safe: queries run in
    worker threads)."""

    def __init__(self, kept: int = KEPT) -> None:
        self._kept = kept
        self._about: OrderedDict[Hashable, str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, asker: Hashable) -> str | None:
        with self._lock:
            return self._about.get(asker)

    def set(self, asker: Hashable, actor_id: str | None) -> None:
        if actor_id is None:
            return
        with self._lock:
            self._about[asker] = actor_id
            self._about.move_to_end(asker)
            while len(self._about) > self._kept:
                self._about.popitem(last=False)
