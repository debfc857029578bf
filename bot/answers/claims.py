"""What a yes/no or "when" question claims, and whether a source's words state it.

"Did the EU withdraw from Mali" claims something of a subject (the EU) by a predicate
(withdraw). A quote "states" the claim only when one of its clauses holds both: "Mali,
Niger, and Burkina Faso expelled French troops, reduced cooperation with EU partners"
holds "EU" and "expelled" (withdraw) in different clauses, so it does not say the EU
withdrew. Deterministic and local: clauses are cut at semicolons, at a leading "while …," (or "ahead
of …,", "during …,": "Ahead of Checker's visit to Bamako, the US said … Niger" is no visit
to Niger),
before "while", "whereas", "although", "though", "but" after a comma, and before a comma's
new verb phrase (", reduced cooperation", not the ", claimed by …," that qualifies a noun).
"""

from __future__ import annotations

import re
import weakref

import msgspec

from bot.records.text import simplify
from bot.store.facts import FactStore
from bot.store.matching import Match
from bot.store.search import SYNONYM_WEIGHT, query_words, stem, words

_AUX = re.compile(
    r"^(?:when\s+)?(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would|should)"
    r"\s+",
    re.IGNORECASE,
)
_BE = re.compile(r"^(?:when\s+)?(?:is|are|was|were)\b|\bbeen\b", re.IGNORECASE)
_BREAK = re.compile(
    r";|,\s+(?=(?:while|whereas|although|though|but|yet)\b)"
    r"|\s(?=(?:while|whereas|although|though)\s)"
    r"|,\s+(?:and\s+)?(?=\w+ing\b|\w+ed\s+(?!by\b))"
    r"|,\s+(?:and|but)\s+(?=(?:is|are|was|were|has|have|had|will|would|can|could|may)\b)",
    re.IGNORECASE,
)
_LEADING = re.compile(
    r"^\W*(?:while|whereas|although|though|if|as|since|after|before|when|because|ahead\s+of|"
    r"during|following|despite|amid)\b[^,]*,",
    re.IGNORECASE,
)
SKIPPED = frozenset(
    """still ever really actually also already even yet now officially been being be
    happen happened happens occur occurred occurs""".split()
)
"""Words between the subject and its predicate that say nothing of it."""


class Claim(msgspec.Struct, frozen=True):
    """A question's subject and the first word of what it says of it."""

    subject: str
    """The subject as typed (simplified), for saying what the sources do not state."""
    subject_terms: frozenset[str]
    subject_actors: frozenset[str]
    predicate: str | None
    """The predicate's first word as typed; None when the question has none."""
    predicate_terms: frozenset[str]
    """Its index terms: empty when the store never uses the word, so nothing states it."""
    unused: tuple[str, ...] = ()
    """Words of what the question says that the store never uses ("did the Niamey attack
    succeed"): nothing states them."""
    objects: tuple[frozenset[str], ...] = ()
    """The index terms of each further word the question says of the subject ("will
    Checker visit *Niger*"): the clause that states the claim holds each of them too
    ("Checker's visit to Bamako" is no visit to Niger)."""
    placed: bool = False
    """Whether the question asks where its subject is ("is Germany still in Mali"): the
    predicate is a presence ("continue to maintain a presence", "remain"), and the place may
    be named by the rest of the sentence the words stand in ("While France has withdrawn
    militarily from Mali, … Germany continue to maintain a presence")."""
    past: bool = False
    """Whether the question asks what happened ("did the US talk to Niger", "has …"): a
    clause of intent or readiness ("was open to consultations", "would visit") does not
    state it; it may state what is to come ("will the US talk to Niger")."""
    active: bool = False
    """Whether the question asks what an actor did ("did the EU withdraw", "has France
    left"), not what was done to it ("was Bazoum released"): a clause
    naming it only after the predicate ("expelled … EU partners") has it as an object.
    A passive question ("was the convoy attacked") may be stated either way, and so may
    a thing's ("did the Niamey attack happen")."""


def claim(store: FactStore, question: str, skip: frozenset[str] = frozenset()) -> Claim | None:
    """The claim of a yes/no or "when" question; None when it names no subject. ``skip``:
    words that shape the question without saying anything of the subject."""
    aux = _AUX.match(question.strip())
    stripped = question.strip()[aux.end() :] if aux else question.strip()
    tokens = [w for w in query_words(stripped) if w not in SKIPPED and w not in skip]
    if not tokens:
        return None
    subject, rest, actors = tokens[:1], tokens[1:], frozenset[str]()
    named = _named_first(store, stripped)
    if named is not None:
        actor_id, spoken, after = named
        actors = frozenset(_with_parts(store, actor_id))
        subject = query_words(spoken) or subject
        rest = [w for w in query_words(after) if w not in SKIPPED and w not in skip]
    terms = frozenset(t for w in subject for t in _terms(store, w))
    rest = [w for w in rest if not w.endswith("ly")]
    placed = named is not None and _BE.match(question.strip()) and _IN_PLACE.match(named[2])
    if placed and rest:  # "is Germany still in Mali": present there, Mali its object
        presence = frozenset(t for w in PRESENCE for t in _own_terms(store, w))
        objects = tuple(object_terms(store, w) for w in rest if _terms(store, w))
        unused = tuple(w for w in rest if not _terms(store, w))
        return Claim(" ".join(subject), terms, actors, PRESENCE[0], presence, unused, objects, True)
    predicate = rest[0] if rest else None
    return Claim(
        " ".join(subject),
        terms,
        actors,
        predicate,
        frozenset(_own_terms(store, predicate)) if predicate else frozenset(),
        unused=tuple(w for w in rest if not _terms(store, w)),
        objects=tuple(object_terms(store, w) for w in rest[1:] if _terms(store, w)),
        active=bool(actors) and not _passive(question, predicate) and not _comes_about(predicate),
        past=_PAST.match(question.strip()) is not None,
    )


_PAST = re.compile(r"^(?:did|has|have|had)\b", re.IGNORECASE)  # not "when did …"
_INTENT = re.compile(
    r"\b(?:open\s+to|ready\s+to|willing\s+to|looks?\s+forward|would|could|will|plans?\s+to"
    r"|intends?\s+to)\b",
    re.IGNORECASE,
)
"""Words of what is meant or to come, not what happened ("open to consultations")."""


_IN_PLACE = re.compile(
    r"^(?:(?:still|yet|now|also|really|even|present|there)\s+)*(?:in|inside|at|within)\s+\w",
    re.IGNORECASE,
)
PRESENCE = ("presence", "remain", "stay")
"""What "is X in Y" asks of X: a presence there ("maintain a presence", "remain")."""


def _named_first(store: FactStore, text: str) -> tuple[str, str, str] | None:
    """The actor a question's words name first, right at their start ("the Bureau of
    African Affairs visit …"), with the words naming it and those after; else None."""
    spoken = _WORD.findall(simplify(text))
    while spoken and spoken[0] in _ARTICLES:
        spoken = spoken[1:]
    for size in range(1, min(NAME_WORDS, len(spoken)) + 1):
        named = _from_start(store, spoken, size)
        if named is not None:
            # the longest name read from the start: "the US envoy" is Checker, not the US
            # and a verb "envoy"; "the Trump administration" is no Trump "administration"
            longer = (
                (more, found)
                for more in range(size + 1, min(NAME_WORDS, len(spoken)) + 1)
                if (found := _from_start(store, spoken, more)) is not None
                and found.id != named.id
                and _spelt(store, found.id, spoken[:more])
            )
            size, named = max(longer, key=lambda taken: taken[0], default=(size, named))
            actor = store.actors[named.id]
            spelt = set(words(" ".join([actor.name, *actor.aliases])))
            while size < len(spoken) and spoken[size] in spelt:  # "burkina" "faso"
                size += 1
            return actor.id, " ".join(spoken[:size]), " ".join(spoken[size:])
    return _begun(store, spoken)


def _spelt(store: FactStore, actor_id: str, spoken: list[str]) -> bool:
    """Whether the words are one of the actor's names or aliases, exactly."""
    actor = store.actors[actor_id]
    return " ".join(spoken) in {simplify(n) for n in (actor.name, *actor.aliases)}


def _from_start(store: FactStore, spoken: list[str], size: int) -> Match | None:
    """The actor the first ``size`` words name, when they name it from the first word."""
    named = store.actor_names.mentions(" ".join(spoken[:size]), store.fact_search.knows)
    if not named:
        return None
    later = store.actor_names.mentions(" ".join(spoken[1:size]), store.fact_search.knows)
    return None if named[0].id in {m.id for m in later} else named[0]


def _begun(store: FactStore, spoken: list[str]) -> tuple[str, str, str] | None:
    """The one actor whose name begins with the question's first words, which no other
    actor's name holds ("isis": ISIS West Africa; "islamic state": Islamic State West
    Africa Province), with those words and the rest; else None."""
    owners = _name_words(store).get(spoken[0], set()) if spoken else set()
    if len(owners) != 1:
        return None  # no actor's name holds the first word, or several do
    (owner,) = owners
    actor = store.actors[owner]
    names = [simplify(name) for name in (actor.name, *actor.aliases)]
    for size in range(min(NAME_WORDS, len(spoken) - 1), 0, -1):
        phrase = " ".join(spoken[:size])
        if any(name.startswith(f"{phrase} ") for name in names):
            return owner, phrase, " ".join(spoken[size:])
    return None


def _name_words(store: FactStore) -> dict[str, set[str]]:
    """Each word of an actor's names, and the actors whose names hold it (once a store)."""
    found = _NAME_WORDS.get(store)
    if found is None:
        found = {}
        for actor in store.actors.values():
            for name in (actor.name, *actor.aliases):
                for word in words(name):
                    found.setdefault(word, set()).add(actor.id)
        _NAME_WORDS[store] = found
    return found


_NAME_WORDS: weakref.WeakKeyDictionary[FactStore, dict[str, set[str]]] = weakref.WeakKeyDictionary()


_ARTICLES = frozenset({"the", "a", "an"})
NAME_WORDS = 6
"""Most words of a name read at a question's start ("Bureau of African Affairs")."""


def _passive(question: str, predicate: str | None) -> bool:
    """Whether the question asks what was done to its subject ("was Bazoum released",
    "has Bazoum been freed"), not what it did ("has France left", "is the US sending")."""
    participle = predicate is not None and (predicate.endswith("ed") or predicate in PARTICIPLES)
    return participle and _BE.search(question) is not None


BECOMING = frozenset("form emerge arise begin start end collapse dissolve".split())
"""Verbs of coming about: "did the AES form" asks whether it was formed, and a clause
stating so may name it after the verb ("withdrew … to form a new alliance, the AES")."""
_BECOMING_STEMS = frozenset(stem(v) for v in BECOMING)


def _comes_about(predicate: str | None) -> bool:
    return predicate is not None and stem(predicate) in _BECOMING_STEMS


PARTICIPLES = frozenset(
    """held kept shut hit put cut set left told sent paid made taken given broken chosen
    spoken written risen fallen hidden driven forgotten seen known shown grown drawn beaten
    stolen frozen forgiven""".split()
)
"""Irregular past participles a passive question may end on ("was the convoy hit"); not a
word merely ending in "-en" ("is the US open to talks": what the US is, not what was
done to it)."""


def _terms(store: FactStore, word: str) -> list[str]:
    return [t for t in store.fact_search.expand(word) if not t.startswith("#")]


def object_terms(store: FactStore, word: str) -> frozenset[str]:
    """An object's index terms, with those of the name of an actor it is short for (an
    alias typed in chat: "bf" is "Burkina Faso", which a clause spells out)."""
    terms = set(_terms(store, word))
    for named in store.actor_names.mentions(word, store.fact_search.knows):
        name = store.actors[named.id].name
        if simplify(name) != word:
            terms.update(t for w in query_words(name) for t in _terms(store, w))
    return frozenset(terms)


def _own_terms(store: FactStore, word: str) -> list[str]:
    """A predicate's terms: its own stem and curated synonyms, not the longer words it
    begins ("sign" is not "significant", nor "signalled")."""
    return [
        t
        for t, weight in store.fact_search.expand(word).items()
        if weight >= SYNONYM_WEIGHT and not t.startswith("#")
    ]


def _with_parts(store: FactStore, actor_id: str) -> set[str]:
    return {actor_id, *store.parts.get(actor_id, ())}


def clauses(text: str) -> list[str]:
    """A sentence's clauses, as far as punctuation and a few conjunctions tell them."""
    leading = _LEADING.match(text)
    head = [leading[0]] if leading else []
    rest = text[leading.end() :] if leading else text
    return [c for c in (*head, *_BREAK.split(rest)) if c.strip()]


def states(store: FactStore, claimed: Claim, text: str, context: str = "") -> bool:
    """Whether one clause of ``text`` holds both the claim's subject and its predicate.
    ``context``: the sentence ``text`` stands in, where the place of a presence may be
    named (``placed``)."""
    if claimed.unused or (claimed.predicate is not None and not claimed.predicate_terms):
        return False
    for clause in clauses(text):
        if claimed.past and _INTENT.search(clause):
            continue  # "was open to consultations" is no talk that took place
        at = _predicate_at(claimed, clause)
        around = f"{clause} {context}" if claimed.placed else clause
        if at is None or not _holds_objects(claimed, around):
            continue
        if not claimed.active or reciprocal(claimed):
            if _names_subject(store, claimed, clause):
                return True
            continue
        if _converse(claimed, clause[at:]):
            # the other side of it, its subject named after: "Diop hosted Checker" is
            # Checker's visit, and no visit by Diop
            if _names_subject(store, claimed, clause[at:]):
                return True
            continue
        # what the subject did: named before the predicate, with no word of saying between
        # ("Russia described the repelling of the … attack" is no attack by Russia)
        before = clause[:at]
        start = _subject_last(store, claimed, before)
        if start is not None and not _REPORTING.search(before[start:]):
            return True
    return False


CONVERSES = {stem("visit"): frozenset({stem("hosted"), stem("host")})}
"""A predicate as typed, and the words that state it with its subject after them: "Diop
hosted Checker" says Checker visited (not that Checker hosted anyone)."""


def _converse(claimed: Claim, rest: str) -> bool:
    """Whether ``rest`` (a clause from its predicate on) begins with a word stating the
    claim's predicate from the other side (:data:`CONVERSES`)."""
    if claimed.predicate is None:
        return False
    other = CONVERSES.get(stem(claimed.predicate))
    first = _WORD.match(rest)
    return bool(other and first and {stem(w) for w in words(first[0])} & other)


def _subject_last(store: FactStore, claimed: Claim, text: str) -> int | None:
    """Where ``text`` last starts naming the claim's subject (None: it never does): the
    subject of the words that follow ("the Bureau … signalled that *Washington* was
    open": Washington was open, whoever reported it)."""
    for word in reversed(list(_WORD.finditer(text))):
        if _names_subject(store, claimed, text[word.start() :]):
            return word.start()
    return None


_REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|described|describes|claimed|claims|announced|noted|"
    r"argued|warned|acknowledged|signalled|signaled|called|reported|stated|added|adds)\b",
    re.IGNORECASE,
)
"""Words of saying: a subject followed by one speaks of the predicate, it does not do it."""


def _holds_objects(claimed: Claim, clause: str) -> bool:
    held = {stem(w) for word in _WORD.finditer(clause) for w in words(word[0])}
    return all(terms & held for terms in claimed.objects)


def _predicate_at(claimed: Claim, clause: str) -> int | None:
    """Where the clause first holds the predicate (its end when there is none to hold)."""
    if claimed.predicate is None:
        return len(clause)
    for word in _WORD.finditer(clause):
        if any(stem(w) in claimed.predicate_terms for w in words(word[0])):
            return word.start()
    return None


def names_subject(store: FactStore, claimed: Claim, text: str) -> bool:
    """Whether ``text`` names the claim's subject at all (by a word or an actor's name)."""
    return _names_subject(store, claimed, text)


def _names_subject(store: FactStore, claimed: Claim, text: str) -> bool:
    shown = {stem(w) for w in words(text)}
    spoken = claimed.subject.split()
    if claimed.subject_actors and len(spoken) > 1:
        # a name of several words ("the US envoy") is named by all of them, or by a name
        # of its actor: "US" alone names the US, not its envoy
        if all(shown & set(_terms(store, w)) for w in spoken):
            return True
    elif shown & claimed.subject_terms:
        return True
    # any spelling close to one of the subject's names ("Group for the Support of Islam
    # and Muslims", its long name, is matched only so): it must still be the subject
    named = store.actor_names.mentions(text)
    return bool({m.id for m in named} & claimed.subject_actors)


_WORD = re.compile(r"[\w'’-]+")

_BEFORE_OBJECT = frozenset(
    """with without to from of by for against towards toward into on at in among between
    than over under about""".split()
)
"""Words after which a name is an object ("without the EU", "with EU partners")."""
_ARTICLE_WORDS = frozenset({"the", "a", "an", "its", "their", "his", "her"})


def named_as_subject(store: FactStore, claimed: Claim, text: str) -> bool:
    """Whether ``text`` names the claim's subject where it does something, not after a
    preposition ("EU development programmes remain active", not "crises … without the
    EU"): some word naming it whose word before (past an article) is no preposition."""
    found = list(_WORD.finditer(text))
    for i, word in enumerate(found):
        if not _names_subject(store, claimed, word[0]):
            continue
        before = [w[0].casefold() for w in found[:i]]
        while before and before[-1] in _ARTICLE_WORDS:
            before.pop()
        if not before or before[-1] not in _BEFORE_OBJECT:
            return True
    return False


RECIPROCAL = frozenset(
    stem(w)
    for w in """meet meets met meeting talk talks talked consult consults consulted negotiate
    negotiated""".split()
)
"""Predicates said of both sides alike, as typed: "Diop hosted Checker" says Checker met
Diop, so the subject may be named after the predicate. Not "host" or "visit": that Diop
hosted Checker is no hosting by Checker (nor by the US)."""


def reciprocal(claimed: Claim) -> bool:
    """Whether the claim's predicate, as typed, is one both sides do alike."""
    return claimed.predicate is not None and stem(claimed.predicate) in RECIPROCAL


CONTRARIES = (
    ("withdraw", ("remain", "stay", "presence", "maintain", "continue")),
    ("halt", ("resume", "re-engage", "engage", "restore")),
    ("expelled", ("remain", "stay", "presence", "maintain")),
    ("succeed", ("repelled", "foiled", "thwarted", "failed", "defeated")),
)
"""Predicates and the words that, said of the same subject, deny them: "countries such as
Germany continue to maintain a presence" denies that Germany pulled out (the first word of
each pair stands for its curated family in knowledge/synonyms.yaml)."""


def contradicts(store: FactStore, claimed: Claim, text: str) -> bool:
    """Whether one clause of ``text`` names the claim's subject with a word denying its
    predicate (see :data:`CONTRARIES`)."""
    # what the question says of its subject: its predicate, and the words after it the
    # store never uses ("did the airport attack *succeed*")
    said = [w for w in (claimed.predicate, *claimed.unused) if w]
    asked = set(claimed.predicate_terms) | {stem(w) for w in said}
    contrary: set[str] = set()
    for word, denying in CONTRARIES:
        if asked & ({stem(word)} | set(_own_terms(store, word))):
            contrary.update(t for w in denying for t in _own_terms(store, w))
    if not contrary:
        return False
    for clause in clauses(text):
        held = {stem(w) for word in _WORD.finditer(clause) for w in words(word[0])}
        if held & contrary and _names_subject(store, claimed, clause):
            return True
    return False
