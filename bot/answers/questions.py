"""Plain questions routed to the command that answers them, saying how they were read.

Deterministic and local: a few patterns on the question's words, then names looked up in
the store. "Who is X" is X's profile, "what did X say about Y" is X's statements on Y,
"when" and "what happened" are a timeline, anything else is a search. The answer says how
the question was read ("Answered as /actor name:Nick Checker"), and when nothing in the
store fits, it says so and suggests what does exist: it never answers beyond the store.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence, Set

import msgspec

from bot.answers import claims, followup, queries
from bot.answers.response import Response
from bot.records.errors import Ambiguous, InvalidCommand, NotFound
from bot.records.served import ActorKind, Fact
from bot.records.text import clean_user_text
from bot.store.facts import FactStore
from bot.store.search import QUESTION_WORDS, SearchIndex, query_words, stem, words
from bot.store.speakers import voices

QUESTION_MAX = 300
"""Longest question read; Discord's option and the console are capped the same."""

_WHO = re.compile(
    r"^(?:who|what)(?:\s*'s|\s+(?:is|are|was|were))\s+(?:the\s+)?(?P<x>.+)$"
    r"|^(?:tell\s+me\s+about|profile\s+of|about)\s+(?:the\s+)?(?P<y>.+)$",
    re.IGNORECASE,
)
_LEADS = re.compile(
    r"^who\s+(leads|heads|runs|rules|governs)\s+(?P<x>.+)$",
    re.IGNORECASE,
)
""""Who leads X" asks who the leader of X is ("who heads X": its head)."""
_OFFICE_OF = {
    "leads": "leader",
    "heads": "head",
    "runs": "head",
    "rules": "ruler",
    "governs": "ruler",
}
_WHEN = re.compile(r"^(?:when\b|what\s+(?:has\s+)?happen(?:ed|s|ing)\b)", re.IGNORECASE)
_ABOUT = re.compile(r"\b(?:about|on|of|regarding|concerning)\s+(?P<y>.+)$", re.IGNORECASE)
_LEADING_PREPOSITION = re.compile(r"^\s*(?:(?:to|at|with|for)\s+)?", re.IGNORECASE)
_COMPARED = re.compile(
    r"\b(?:compare[sd]?|comparing|comparison|differ(?:s|ent|ence|ences)?|versus|vs)\b",
    re.IGNORECASE,
)
_BY = re.compile(r"^\s*(?:by|from)\s+(?P<x>.+)$", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_YES_NO = re.compile(
    r"^(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would|should)\b", re.I
)
_NEXT = re.compile(
    r"\b(?:next|ahead|upcoming|coming|to come|future|what now|from here)\b", re.IGNORECASE
)
_LATEST = re.compile(
    r"^(?:(?:what|any)(?:\s+is|\s+are)?\s+)?(?:the\s+)?(?:very\s+)?"
    r"(?:latest|newest|news|new|updates?|happening|going\s+on)"
    r"(?:\s+(?:on|about|in|with|from|for|regarding)\s+(?P<about>.+))?$",
    re.IGNORECASE,
)
""""latest", "what is new", "any news on the Sahel", "what is happening in Mali": the
story as of its latest source (a topic's or an actor's, when one is named)."""
_WANTS = re.compile(
    r"^what\s+(?:do|does|did)\s+(?P<x>.+?)\s+(?:want|wants|wanted|demand|seek|expect|hope"
    r"|believe|plan)$",
    re.IGNORECASE,
)
""""What does X want": what X has said; the sources hold what was said, not what anyone
wants. With more words ("want in return for …") it is a search: what others say X wants
counts too."""
_DONE = re.compile(
    r"^what\s+(?:did|has|have|had|does|do|is|are)\s+(?P<x>.+?)\s+(?:do|done|doing|been\s+doing)$",
    re.IGNORECASE,
)
""""What did X do", "what has X been doing": X's timeline. With more words ("what has
Russia done in Niger") it is a search."""
_CONTRACTED = re.compile(r"\b(what|who|where|when|why|how)(?:'|’)?s\b", re.IGNORECASE)
""""whats", "who's": the question word and "is"."""
SLIPS = {
    "wat": "what",
    "wht": "what",
    "waht": "what",
    "whta": "what",
    "hwo": "how",
    "hw": "how",
    "wen": "when",
    "whn": "when",
    "wich": "which",
    "dose": "does",
    "didnt": "did",
    "isnt": "is",
    "abt": "about",
    "bout": "about",
    "govt": "government",
    "gov": "government",
}
"""Question words as they get mistyped or shortened: read as meant, never as a missing
subject."""
_SLIPS = re.compile(r"\b(?:" + "|".join(SLIPS) + r")\b", re.IGNORECASE)
_FOLLOW_UP = re.compile(
    r"^(?:(?:and|so|ok|okay|also|then|well|but|oh|right|now)\b[\s,;:.!-]*)+(?=\w)",
    re.IGNORECASE,
)
""""and how long …", "ok so what did …", "also, is …": a follow-up's opening words, read as
the question without them."""
_WHY = re.compile(r"^why\b", re.IGNORECASE)
_WHERE = re.compile(
    r"^where\b(?!.*\b(?:stand|stands|standing|heading|headed|leave|leaves)\b)", re.IGNORECASE
)
""""Where is Bazoum held": a place. Not "where does the US stand" (a position), nor "where
is US policy heading" or "where does that leave Europe" (what comes of it)."""
_COUNT = re.compile(r"^how\s+(?:many|much)\b", re.IGNORECASE)
_HOW_LONG = re.compile(r"^(?:for\s+)?how\s+long\b\s*", re.IGNORECASE)
""""How long has Bazoum been detained": a figure of time ("more than 900 days"), asked of
the rest of the question ("long" is no subject: "Niger was long regarded…")."""
NOT_COVERED = "The sources in the store"
"""How every answer saying what the store does not hold begins."""
COMMON_SHARE = queries.COMMON_SHARE
"""A question whose known words are all common has no subject the store covers."""
FUNCTION_WORDS = frozenset(
    """again anymore anyway anyways anyhow perhaps maybe probably possibly certainly surely
    definitely actually basically really truly finally eventually soon later earlier
    lately recently always often sometimes usually rarely seldom never ever still yet
    already instead rather quite almost nearly hardly barely merely simply only just even
    also too else otherwise meanwhile however moreover furthermore therefore thus hence
    though although whether whatever whoever whenever wherever somehow somewhat ago
    overall anywhere somewhere nowhere elsewhere everywhere anything something nothing
    everything very much more most less least enough such some any every each both
    neither none other others another either there here where which whose whom while
    until unless since because about above below again together apart besides like
    unlike before after upon onto into via per without whilst whereas""".split()
)
"""Common English words (adverbs, determiners, conjunctions) that say how or how much,
never what: a question's, never its subject, and never a slip for a word of the store
("again" is no "gain", "still" no "stall")."""
GENERIC = FUNCTION_WORDS | frozenset(
    """now still new latest recent recently today lately currently current news update
    updates situation story thing things really just ever go going get got make made
    next steps ahead upcoming coming future plan plans this that these those doing done
    out up off down away around along anyone anybody someone somebody everyone everybody
    nobody people no not never doesnt doesn dont don didnt didn isnt isn wasnt wasn arent
    aren werent weren hasnt hasn havent haven cant couldnt couldn wouldnt wouldn shouldnt
    shouldn role roles part different difference differences differ compare compared
    comparison versus vs similar same between near across against inside outside within
    towards toward through during among beyond behind beside despite being been
    meaning implication implications consequence consequences impact impacts affect
    affects effect effects stake stakes former previous ex yet already too also either even
    indeed well once""".split()
)
"""Words that shape a question without naming its subject (negations typed with or
without their apostrophe among them; "role", "different", "compare": what is asked of
a subject, never the subject)."""
CLASS_NOUNS = frozenset(
    """country countries nation nations state states group groups president presidents
    government governments region regions official officials leader leaders power powers
    world organisation organisations organization organizations body bodies member
    members membership""".split()
)
"""Nouns naming a kind of thing rather than one: "which countries left ECOWAS" is about
ECOWAS. Held by the store, they count as common words; never as a missing subject."""
VERBS = frozenset(
    """be have do go come get make take give keep let put set see look seem want need try
    use find feel leave call ask work help start stop begin end run turn move live bring
    happen hold stand lose pay meet send sign offer build change lead win follow open close
    plan agree allow expect decide remain continue defend protect fight attack support
    oppose back block join drop cut grow rise fall reach return release free accept reject
    respond react promise threaten warn deny admit mean act deal talk speak believe like
    pull push put show tell say think know hear read write carry drive fly buy sell matter
    care mind count quit break abandon exit sever ditch snub embrace welcome court invade
    seize enter differ""".split()
)
"""Common English verbs: an action a question asks about, never its subject. A verb the
store does not use ("did the Sahel states leave ECOWAS") is no reason to refuse, and one
it does use ("giving … in return") is no subject to list results on."""
ACTIONS = frozenset(
    """invest trade play exchange swap fund finance spend train arm supply provide rely
    depend benefit gain profit earn cost lift impose ease tighten loosen renew extend expand
    reduce increase boost limit restrict ban condemn praise blame accuse prepare invite
    pressure urge demand negotiate mediate broker engage partner cooperate collaborate
    deploy station""".split()
)
"""More verbs, consulted only for a word the store never uses ("did US mining companies
*invest*", "will the US *trade* security for minerals"): how, not what, so no reason to
refuse a question whose subject the store holds, yet never demoting a word the store does
use from being the subject."""
IRREGULAR = frozenset(
    """held kept left told met sent paid gone went did done took taken gave given made
    brought thought built lost won fought sought led began begun stood spent struck meant
    felt found came become became got gotten seen saw knew known shown grown drew drawn
    broke broken chose chosen spoke spoken wrote written rose risen fell fallen hid hidden
    drove driven forgot forgotten sold bought heard read ran set put cut hit shut let""".split()
)
"""Irregular past forms of verbs ("how many days has Bazoum been held")."""
QUESTION_VOCABULARY = GENERIC | CLASS_NOUNS | VERBS | ACTIONS | IRREGULAR | queries.SAYING
"""The words questions are made of besides the store's own: a slip is mended to them too."""


ENGLISH_SHORT = frozenset(
    """am an as at be by do go he if in is it me my no of oh ok on or so to up us we ye
    eh ah hi re vs""".split()
)
"""Two-letter English words; any other ("UN", "AU") is a name the store may not hold."""


class Coverage(msgspec.Struct, frozen=True):
    """What a question is about, as far as the store goes."""

    unknown: tuple[str, ...]
    """Subject words (names, places, things) the store never uses, even as a synonym."""
    rare: tuple[str, ...]
    """Words the store knows that few facts hold: what the question is specifically about."""
    common: tuple[str, ...]


class Reading(msgspec.Struct, frozen=True):
    """How a question was read: the command line it amounts to, and how to run it."""

    line: str
    run: Callable[[], Response]
    specific: bool = False
    """Whether the command itself is specific (one speaker's words, the timeline ahead), so
    that common words alone are enough to answer."""
    together: bool = False
    """Whether the answer is about one thing its rare words name together ("when will
    Checker visit Niamey", "who attacked the airport in Niamey"): unless one fact holds
    them all, the sources do not say it, and facts holding some of them would answer
    another question (Checker's visit to Bamako)."""
    placed: claims.Claim | None = None
    """A "when" question's claim with the actors it names besides its subject ("when did
    Checker visit *Niger*"): unless a fact states it so, the sources do not say it (a fact
    naming Niger beside the visit to Bamako is no visit to Niger)."""
    verbs: tuple[str, ...] = ()
    """Words the question's reading places as its verb ("insists" in "does the US still
    insist on democracy"): what is said of a subject, never a subject the store must hold."""


def answer(store: FactStore, question: str, previous: str | None = None) -> Response:
    """Answer a plain question from the store, saying how it was read. ``previous``: the
    actor the asker's last question was about, whom a pronoun refers back to ("what did
    he say"; :mod:`bot.answers.followup`)."""
    typed = clean_user_text(question)[:QUESTION_MAX].strip().rstrip("?!. ")
    typed = _FOLLOW_UP.sub("", typed) or typed
    typed, referred = followup.follow(store, typed, previous)
    text = _CONTRACTED.sub(
        lambda m: f"{m[1]} is", _SLIPS.sub(lambda m: SLIPS[m[0].casefold()], typed)
    )
    if not query_words(text):
        raise InvalidCommand(
            "Ask about something in the store, e.g. “who is Nick Checker?” or "
            "“what did Laessing say about democracy?”."
        )
    text, asked = _tagged(text)
    wants = _WANTS.match(text)
    if wants:
        text = f"what did {wants['x']} say"
    text, timed = _timeless(text)
    text, owned = _possessives(store, text)
    text, mended = _mend(store, text)
    reading = read(store, text, present=bool(timed))
    if not reading.line.startswith("/actor") and not reading.line.startswith("/brief"):
        _answerable(store, text, reading, {meant for _, meant in mended})
    try:
        response = reading.run()
    except NotFound as missing:
        if missing.message.startswith(NOT_COVERED):  # already says what the store lacks
            raise
        raise NotFound(
            f"Nothing in the store answers “{text}”.",
            missing.suggestions or _what_exists(store, text),
        ) from None
    _mended_held(store, text, mended, response)
    note = f"Answered as {reading.line}"
    read_as = [f"Read “{typed}” as “{meant}”." for typed, meant in (*owned, *mended)]
    if referred:
        read_as.insert(0, referred)
    if asked:
        read_as.insert(0, f"Read as the yes/no question “{text}”.")
    if wants:
        read_as.insert(0, f"Read as “{text}”: the sources hold what was said, not intentions.")
    if timed:
        read_as.append(f"Read “{timed}” as: the latest the sources hold, as of their dates.")
    return response.replace(command="ask", notes=(note, *read_as, *response.notes))


_TAG = re.compile(
    r"(?P<mark>\s*[,;:-])?\s+(?:right|correct|true|yes|no|yeah|eh|am\s+i\s+right"
    r"|yes\s+or\s+no)$"
    r"|[\s,;:-]+(?:innit|(?:is|was)n['’]?t\s+(?:it|that|that\s+(?:so|right|true))"
    r"|(?:is|was)\s+(?:it|that)\s+(?:so|right|true|correct)"
    r"|(?:are|were|do|did|have|has|had|does|would|will|can)n['’]?t\s+(?:they|it|we|he|she)"
    r"|wo(?:n['’]?t)\s+(?:they|it))$",
    re.IGNORECASE,
)
"""A statement's tag asking whether it holds ("the US has stayed away, right?", "…, isn't
it", "…, correct"): a yes/no question. A one-word tag without a comma before it only
ends a statement ("is that right" asks of "right")."""
_AUXILIARY = frozenset(
    "did does do is are was were has have had can could will would should".split()
)
_ASKING = re.compile(r"^(?:what|who|whom|whose|when|where|why|how|which)\b", re.IGNORECASE)


def _tagged(text: str) -> tuple[str, bool]:
    """A statement with a question's tag, as the yes/no question it asks: its first
    auxiliary before its subject ("the US have largely stayed away …, right": "have the US
    largely stayed away …"), else "did" ("Trump cut aid, right": "did Trump cut aid");
    and whether it was one."""
    tag = _TAG.search(text)
    if tag is None or tag.start() == 0:
        return text, False
    said = text[: tag.start()].strip()
    asking = _YES_NO.match(said) or _ASKING.match(said)
    if asking and tag["mark"] is None and tag[0].strip().isalpha():
        return text, False  # "is that right", "what is true": the word is asked of
    if asking:
        return said, True
    tokens = said.split()
    at = next(
        (i for i, t in enumerate(tokens[:AUXILIARY_WITHIN]) if t.casefold() in _AUXILIARY), None
    )
    if at is None or at == 0:
        return f"did {said}", True
    return " ".join([tokens[at], *tokens[:at], *tokens[at + 1 :]]), True


AUXILIARY_WITHIN = 6
"""Words a statement's auxiliary is looked for in: its subject's words, then the verb's."""
_TIME = re.compile(
    r"(?:[\s,;:-]+(?:right\s+now|just\s+now|now|currently|today|nowadays|presently"
    r"|these\s+days|this\s+(?:week|month|year)|at\s+(?:the\s+)?(?:moment|present)"
    r"|at\s+this\s+(?:point|time|stage)|as\s+of\s+(?:now|today)|as\s+things\s+stand"
    r"|for\s+now|so\s+far))+$",
    re.IGNORECASE,
)
"""Time words a question ends on ("… on the Sahel now", "… these days"): when it is asked,
not what it is about."""


def _timeless(text: str) -> tuple[str, str]:
    """A question without the time words it ends on, and those words (empty: none). Not
    "what now" (what is to come), nor words that leave no subject."""
    time = _TIME.search(text)
    if time is None or _NEXT.search(text):
        return text, ""
    rest = text[: time.start()].strip()
    if not [w for w in query_words(rest) if w not in GENERIC]:
        return text, ""
    return rest, time[0].strip(" ,;:-")


POSSESSIVE_MIN = 4
"""Shortest word read as a name's possessive typed without its apostrophe ("malis")."""


def _possessives(store: FactStore, text: str) -> tuple[str, list[tuple[str, str]]]:
    """A question with each possessive typed without its apostrophe read as one: "trumps",
    "malis", "nigers" are Trump's, Mali's, Niger's when the store does not use the word
    itself, the word without its "s" names an actor, and a noun follows ("trumps
    *policy*"). Not a people ("are the Germans still in Mali": Germany's, but its people,
    a plural), nor a word before a verb or none."""
    owned: list[tuple[str, str]] = []

    def own(match: re.Match[str]) -> str:
        typed = match[0]
        word = typed.casefold()
        after = re.match(r"\s+([^\W\d_]+)", text[match.end() :])
        owning = after is not None and (following := after[1].casefold()) not in FUNCTION_WORDS
        if (
            not owning
            or len(word) < POSSESSIVE_MIN
            or not word.endswith("s")
            or word.endswith(("ss", "ans", "ese", "ish"))  # "Germans", "Malians"
            or word in QUESTION_VOCABULARY
            or store.fact_search.knows(word)
            or following in _AUXILIARY
            or _verb(following)
        ):
            return typed
        named = store.actor_names.mentions(word[:-1], store.fact_search.knows)
        if not named:
            return typed
        meant = f"{typed[:-1]}'s"
        owned.append((typed, meant))
        return meant

    return re.sub(r"[^\W\d_]+", own, text), owned


MEND_MIN = 5
"""Shorter words are never mended: 'sahel' is no slip of 'said'."""


def _mend(store: FactStore, text: str) -> tuple[str, list[tuple[str, str]]]:
    """A question with its slips mended: a word of five letters or more that neither the
    store nor a question's own words know, one slip (two, from eight letters) from exactly
    one nearest word that is ("diffrent": different; "critisized": criticised), with the
    same first letter (few slips are in it: "ground" is no "around") and not the word with
    an English ending ("ready" is no slip of "read"). An unknown
    word was refused ("do not cover") or, looking like a verb, silently dropped."""
    mended: list[tuple[str, str]] = []

    def mend(match: re.Match[str]) -> str:
        typed = match[0]
        word = typed.casefold()
        if len(word) < MEND_MIN or not word.isalpha() or _known(store, word):
            return typed
        from rapidfuzz.distance import Levenshtein  # here: most words are spelt right

        most = 2 if len(word) >= 8 else 1
        candidates = [w for w in QUESTION_VOCABULARY if abs(len(w) - len(word)) <= most]
        candidates += store.fact_search.misspelt(word)
        nearest = sorted(
            (d, w)
            for w in set(candidates)
            if w[0] == word[0]
            and (d := Levenshtein.distance(word, w)) <= most
            and not _derived(word, w)
        )
        if not nearest or (len(nearest) > 1 and nearest[1][0] == nearest[0][0]):
            return typed  # none, or two as near: no guess
        mended.append((typed, nearest[0][1]))
        return nearest[0][1]

    return re.sub(r"[^\W\d_]+", mend, text), mended


_ENDINGS = ("y", "s", "d", "ed", "er", "ly", "ing")


def _derived(typed: str, known: str) -> bool:
    """Whether ``typed`` is ``known`` with an English ending ("ready" of "read", "leader"
    of "lead"): a word of its own, not a slip."""
    return typed.startswith(known) and typed[len(known) :] in _ENDINGS


MENDED_SHOWN = 3
"""The first facts of an answer, of which one must hold a word a slip was mended to."""


def _mended_held(
    store: FactStore, text: str, mended: list[tuple[str, str]], response: Response
) -> None:
    """Refuse an answer whose first facts hold none of the store words a slip was mended
    to ("africa corps" read as "africa coups", answered by facts naming only Africa): the
    mended word was its subject, and the store holds no such thing."""
    shown = [f for s in response.sections for i in s.items for f in (i.facts or (i.fact,)) if f]
    for typed, meant in mended:
        if meant in QUESTION_VOCABULARY or not shown:
            continue
        terms = {t for t in store.fact_search.expand(meant) if not t.startswith("#")}
        held = any(
            terms & {stem(w) for t in _shown_text(store, f) for w in words(t)}
            for f in shown[:MENDED_SHOWN]
        )
        if not held:
            raise NotFound(
                f"The sources in the store do not cover “{_phrase(text, meant, typed)}”."
            )


def _shown_text(store: FactStore, fact_id: str) -> list[str]:
    fact = store.facts[fact_id]
    return [fact.text, *(store.quoted(c) for c in fact.citations)]


def _phrase(text: str, meant: str, typed: str) -> str:
    """The mended word as typed, with the word before it when that is a name's first word
    ("africa corps")."""
    said = query_words(text)
    at = said.index(meant) if meant in said else -1
    before = said[at - 1] if at > 0 and said[at - 1] not in GENERIC else ""
    return f"{before} {typed}".strip()


def _known(store: FactStore, word: str) -> bool:
    return (
        word in QUESTION_VOCABULARY
        or _verb(word)
        or store.fact_search.knows(word)
        or bool(store.fact_search.expand(word))
        or _names_actor(store, word)
    )


def read(store: FactStore, text: str, present: bool = False) -> Reading:
    """The command a question amounts to. ``present``: it asked how things stand now, by
    time words taken off its end ("is Niger a key partner now")."""
    named = store.actor_names.mentions(text, store.fact_search.knows)
    # "how much aid is the US offering": a figure asked, not what the US said
    speaker_words, about = ("", None) if _COUNT.match(text) else _said_parts(text)
    speakers = store.actor_names.mentions(speaker_words, store.fact_search.knows)
    # the first actor named who said anything, themselves or through those who speak for
    # them ("what did the US president's adviser say": not the president himself)
    speaker = next((m for m in speakers if queries.has_said(store, m.id)), None)
    speaker = speaker or (speakers[0] if speakers else None)
    described = _described(store, speaker_words, [m.id for m in speakers])
    if described and (speaker is None or queries.described(store, described)):
        # "what did human rights groups say", "what did the Malian diplomat say": those
        # the sources describe so, and for the actor named, not all it said
        rare = coverage(store, text).rare
        within = voices(store, speaker.id) if speaker else None
        whose = f", for {speaker.label}" if speaker else ""
        return Reading(
            f"what those described as “{' '.join(described)}” said{whose}",
            lambda: queries.said_by_description(store, text, described, rare, within),
        )
    if speaker_words and speaker is not None:
        owner = speaker.label + ("'" if speaker.label.endswith("s") else "'s")
        about = about.strip() if about else None
        told = store.actors[speaker.id].kind is ActorKind.MEDIA and not queries.has_said(
            store, speaker.id
        )
        what = f"what {speaker.label} was told" if told else f"{owner} statements"
        line = what + (f" about “{about}”" if about else "")
        return Reading(line, lambda: queries.said(store, speaker.id, about), specific=True)
    latest = _LATEST.match(text)
    if latest:
        return _latest(store, latest["about"] or "")
    done = _DONE.match(text)
    if done and (actor := _one_actor(store, done["x"])) is not None:
        name = store.actors[actor].name
        return Reading(
            f"/timeline actor:{_quoted(name)}: the dated facts it takes part in, in order",
            lambda: queries.timeline(store, actor),
            specific=True,
        )
    text = _LEADS.sub(lambda m: f"who is the {_OFFICE_OF[m[1].casefold()]} of {m['x']}", text)
    who = _WHO.match(text)
    if who:
        reading = _profile(store, who["x"] or who["y"]) or _office_holder(
            store, who["x"] or who["y"]
        )
        if reading is not None:
            return reading
        if text.casefold().startswith("who"):
            _office_named(store, who["x"] or who["y"])
    if _NEXT.search(text):
        rest = " ".join(w for w in query_words(text) if w not in GENERIC and not _verb(w))
        line = "what the sources say is to come" + (f" on “{rest}”" if rest else "")
        return Reading(line, lambda: queries.ahead(store, rest), specific=True)
    if _WHEN.match(text):
        return _when(store, text, [m.id for m in named])
    if how_long := _HOW_LONG.match(text):
        rest = text[how_long.end() :]
        line = f"a question of time: the figures the sources give on “{rest}”"
        rare = coverage(store, rest).rare
        return Reading(line, lambda: queries.figures(store, rest, rare))
    if _COUNT.match(text):
        line = f"a question of numbers: the figures the sources give on “{text}”"
        rare = coverage(store, text).rare
        return Reading(line, lambda: queries.figures(store, text, rare))
    if _WHERE.match(text):
        line = f"a where question: the places the sources give on “{text}”"
        rare = coverage(store, text).rare
        return Reading(line, lambda: queries.where(store, text, bearing=rare))
    if _WHY.match(text):
        line = f"a why question: the reasons the sources give on “{text}” first"
        rare = coverage(store, text).rare
        # "why is the US doing this": the reasons given for what an actor does are specific
        # to it, however common its name
        return Reading(
            line,
            lambda: queries.search(store, text, reasons=True, bearing=rare),
            specific=bool(named),
        )
    if _YES_NO.match(text):
        line = f"a yes/no question: what the sources say on “{text}”"
        subject = coverage(store, text)
        claimed = claims.claim(store, text, GENERIC | CLASS_NOUNS)
        # common words alone answer when a clause of a fact states the whole claim ("is
        # the US open to talks with Niger": "Washington was open to consultations with …
        # Niger"); else they are no subject, and the question is refused
        stated = claimed is not None and queries.stated(store, text, claimed)
        # "did the US meet Burkina Faso officials": all common, yet it asks something of
        # one actor about another it names, which is specific enough to answer
        others = () if stated else _others_named(store, subject.common, claimed)
        specific = subject.rare or others
        return Reading(
            line,
            lambda: queries.yes_no(
                store, text, (*subject.rare, *subject.common), specific, claimed, others, present
            ),
            specific=stated or bool(specific),
            verbs=_verbs_of(store, claimed),
        )
    consequence = _CONSEQUENCE.search(text)
    if consequence:
        return _search(store, text, _topic_named(store, consequence["x"] or consequence["y"]))
    return _search(store, text)


def _one_actor(store: FactStore, words_typed: str) -> str | None:
    """The actor these words name, when they name one and nothing else ("the US", "jnim")."""
    named = store.actor_names.mentions(words_typed, store.fact_search.knows)
    if len(named) != 1:
        return None
    actor = store.actors[named[0].id]
    spelt = set(words(" ".join([actor.name, *actor.aliases])))
    rest = [w for w in query_words(words_typed) if w not in spelt]
    return actor.id if not rest else None


def _verbs_of(store: FactStore, claimed: claims.Claim | None) -> tuple[str, ...]:
    """The word a yes/no question's claim reads as its verb, right after its subject
    ("the US *insists* on …"), when it names no actor: what is said, not of whom."""
    if claimed is None or claimed.predicate is None or claimed.placed:
        return ()
    if _names_actor(store, claimed.predicate) or queries.proper(store, claimed.predicate):
        return ()
    return (claimed.predicate,)


def _others_named(
    store: FactStore, common: tuple[str, ...], claimed: claims.Claim | None
) -> tuple[str, ...]:
    """The words of a yes/no question naming an actor besides its subject, when it asks an
    action of the subject the store knows ("did the US *meet* Burkina Faso officials")."""
    if claimed is None or not claimed.subject_actors or not claimed.predicate_terms:
        return ()
    subject = set(claimed.subject.split())
    named = {
        m.id
        for w in common
        if w not in subject and not _verb(w)
        for m in store.actor_names.mentions(w, store.fact_search.knows)
    } - claimed.subject_actors
    spelt = {
        w for a in named for w in words(" ".join([store.actors[a].name, *store.actors[a].aliases]))
    }
    return tuple(w for w in common if w in spelt and w not in subject)  # "burkina", "faso"


_CONSEQUENCE = re.compile(
    r"\b(?:mean|means|meaning|implications?|consequences?|impact|impacts|stakes?)\s+"
    r"(?:\w+\s+){0,2}?(?:for|on)\s+(?:the\s+)?(?P<x>.+)$|\baffects?\s+(?:the\s+)?(?P<y>.+)$",
    re.IGNORECASE,
)
""""What does this mean for Europe", "implications for the EU", "how does it affect
France": what the sources say of a topic, its matches first."""


def _topic_named(store: FactStore, name: str | None) -> str | None:
    try:
        return store.topic_names.resolve(name) if name else None
    except (NotFound, Ambiguous):
        return None


_OFFICE = re.compile(r"^(?P<office>.+?)\s+(?:of|in|for|to)\s+(?P<place>.+)$", re.IGNORECASE)


def _office_holder(store: FactStore, name: str) -> Reading | None:
    """ "Who is the head of the bureau": the profile of the actor the curated relations
    make exactly that office of the actor named ("head of" the Bureau of African Affairs);
    not "the president of Niger" for its "deposed president"."""
    office = _OFFICE.match(name)
    if office is None:
        return None
    wanted = query_words(office["office"])
    named = store.actor_names.mentions(office["place"], store.fact_search.knows)
    try:
        place = named[0].id if named else store.actor_names.resolve(office["place"])
    except (NotFound, Ambiguous):
        return None
    leading = len(wanted) == 1 and wanted[0] in LEADING  # "leader": head, chief, president…
    held = [
        (h, r)
        for h, r in store.relations_to.get(place, ())
        if query_words(r.relation) == wanted or (leading and _leads(r.relation))
    ]
    if not held:
        return None
    holder, relation = held[0]
    label = store.actors[holder].name
    line = f"/actor name:{_quoted(label)} ({relation.relation} {store.actors[place].name})"
    return Reading(line, lambda: queries.actor(store, holder))


def _office_named(store: FactStore, name: str) -> None:
    """Refuse "who is the defence minister of Mali" when no fact names a "defence
    minister": an office is a phrase, not its words apart ("defence ties", "foreign
    minister")."""
    office = _OFFICE.match(name)
    if office is None:
        return
    wanted = query_words(office["office"])
    if len(wanted) == 1:
        _single_office_named(store, office["office"].strip(), office["place"].strip(), name)
        return
    if len(wanted) < 2:
        return
    phrase = " ".join(wanted)
    hits = store.fact_search.search(phrase, limit=queries.SEARCH_LIMIT)
    if not any(phrase in " ".join(words(store.search_text(store.facts[h.id]))) for h in hits):
        raise NotFound(
            f"The sources in the store do not name the {office['office'].strip()} "
            f"of {office['place'].strip()}.",
            _closest(store, tuple(query_words(name))),
        )


LEADING = frozenset("leader head chief president ruler boss".split())
"""One-word offices of whoever leads a country, a junta or a body."""


def _leads(relation: str) -> bool:
    """A relation making someone lead ("head of", "leader of"), not one who once did
    ("deposed president of")."""
    said = set(query_words(relation))
    return bool(said) and said <= LEADING


def _single_office_named(store: FactStore, office: str, place: str, asked: str) -> None:
    """Refuse "who is the leader of Burkina Faso('s junta)" when no curated relation makes
    anyone that of it (or of a part of it): a search would list facts sharing its words."""
    word = office.casefold()
    if word not in LEADING:
        return
    named = store.actor_names.mentions(place, store.fact_search.knows)
    if not named:
        return
    places = {m.id for m in named} | {
        a for m in named for a, r in store.relations_to.get(m.id, ()) if "part of" in r.relation
    }
    holds = any(_leads(r.relation) for p in places for _, r in store.relations_to.get(p, ()))
    if not holds:
        raise NotFound(
            f"The sources in the store do not name the {office} of {place}.",
            _closest(store, tuple(query_words(asked))),
        )


def _described(store: FactStore, speaker_words: str, named: list[str]) -> tuple[str, ...]:
    """The rare words describing a speaker beyond the names of the actors named ("diplomat"
    in "the Malian diplomat"; nothing in "the American embassy", an actor's own alias)."""
    if not speaker_words:
        return ()
    spelt = {
        w for a in named for w in words(" ".join([store.actors[a].name, *store.actors[a].aliases]))
    }
    return tuple(w for w in coverage(store, speaker_words).rare if w not in spelt)


def _said_parts(text: str) -> tuple[str, str | None]:
    """For "what did X say about Y": the words naming the speaker and the subject, so that
    "what did the juntas say about the US" never takes the US for the speaker, nor "did
    Burkina Faso respond to the US offer" the US. The speaker is named before the saying
    word ("what did X say"), else right after it ("statements by X"); the subject is what
    follows "about" (or "on", "of" …), else the rest ("what did X tell AFP"). No saying
    word: nothing."""
    for saying in re.finditer(r"[\w']+", text):
        if saying[0].casefold() in queries.SAYING:
            break
    else:
        return "", None
    about = _ABOUT.search(text, saying.end())
    after = text[saying.end() : about.start() if about else len(text)]
    by = _BY.match(after)
    if by and not query_words(text[: saying.start()]):
        return by["x"], about["y"] if about else None
    if about is not None:
        return text[: saying.start()], about["y"]
    after = _LEADING_PREPOSITION.sub("", after)
    return text[: saying.start()], after if query_words(after) else None


def coverage(store: FactStore, text: str, verbs: Set[str] = frozenset()) -> Coverage:
    """Which of a question's words the store covers, and how specifically. A verb the
    store uses counts as common: it says what was done, not to whom or what; one it
    never uses, placed as the question's verb (``verbs``), is no missing subject."""
    index = store.fact_search
    unknown: list[str] = []
    rare: list[str] = []
    common: list[str] = []
    for word in query_words(text):
        if word in GENERIC or word in queries.SAYING or word.isdigit():
            continue
        terms = [t for t in index.expand(word) if not t.startswith("#")]
        if word in CLASS_NOUNS:
            if terms:
                common.append(word)
            continue
        if not terms and not _names_actor(store, word):
            # "released", "sending", "lately", "leave": how, not what; names and things count
            if word in verbs:
                continue
            short = len(word) <= 2 and word in ENGLISH_SHORT
            action = word in ACTIONS or word.removesuffix("s") in ACTIONS
            if len(word) > 1 and not (short or action or _affixed(word) or _verb(word)):
                unknown.append(word)
            continue
        specific = index.share(terms) < COMMON_SHARE and not _verb(word)
        (rare if specific else common).append(word)
    if not rare and common and all(_verb(w) for w in common):
        # "what changed": the verb is all the question asks about, so it is its subject
        rare = [w for w in common if index.share(_terms(index, w)) < COMMON_SHARE]
        common = [w for w in common if w not in rare]
    return Coverage(tuple(unknown), tuple(rare), tuple(common))


def _terms(index: SearchIndex, word: str) -> list[str]:
    return [t for t in index.expand(word) if not t.startswith("#")]


def _affixed(word: str) -> bool:
    return len(word) > 2 and word.endswith(("ed", "ing", "ly"))


def _names_actor(store: FactStore, word: str) -> bool:
    """Whether ``word`` names an actor: in free text, or as a short name or acronym the
    name index resolves ("jnm" for JNIM)."""
    if store.actor_names.mentions(word, store.fact_search.knows):
        return True
    try:
        store.actor_names.resolve(word)
    except (NotFound, Ambiguous):
        return False
    return True


def _verb(word: str) -> bool:
    """Whether ``word`` is a form of a common verb ("happens", "leaves", "defends")."""
    plain = {word, word.removesuffix("s"), word.removesuffix("es")}
    return (
        bool(plain & VERBS)
        or word in IRREGULAR
        or stem(word) in _VERB_STEMS
        or word in QUESTION_WORDS
    )


_VERB_STEMS = frozenset(stem(v) for v in VERBS)


def _answerable(
    store: FactStore, text: str, reading: Reading, mended: Set[str] = frozenset()
) -> None:
    """Refuse, naming what the store does cover, a question whose subject it does not hold.
    A word no fact holds with the rest is no refusal when it is a slip ``mended``: the
    answer is then refused, if at all, for what was typed (:func:`_mended_held`)."""
    covered = coverage(store, text, set(reading.verbs))
    if covered.unknown:
        missing = ", ".join(f"“{_as_typed(text, w)}”" for w in covered.unknown)
        raise NotFound(
            f"The sources in the store do not cover {missing}.",
            _closest(store, (*covered.rare, *covered.common)),
        )
    if not covered.rare and not reading.specific:
        words = ", ".join(f"“{_as_typed(text, w)}”" for w in covered.common)
        why = f"its words ({words}) are common to most facts" if words else "it names no subject"
        raise NotFound(
            f"The sources in the store have nothing specific on “{text}”: {why}. "
            "Ask about a person, a place or an event.",
            _closest(store, covered.common),
        )
    placed = reading.placed
    if placed is not None and not mended and not queries.stated(store, text, placed):
        said = set(placed.subject.split()) | {placed.predicate or ""}
        held = [w for w in query_words(text) if w in said]
        apart = [w for w in query_words(text) if w not in said and _names(store, w)]
        nearest = queries.together(store, held)[0]
        _not_together(store, text, apart, held, nearest)
    if not reading.together or len(covered.rare) < 2 or mended & set(covered.rare):
        return
    # names or places no fact holds together ("Checker" and "Niamey": his visit was to
    # Bamako): a thing the sources never put together. Other words may be read by meaning
    # ("Mali's relations with Russia": its turn to Russia for security)
    names = [w for w in covered.rare if _names(store, w)]
    if len(names) > 1 and queries.together(store, names)[1]:
        nearest, lacking = queries.together(store, covered.rare)
        apart = [w for w in lacking if w in names] or list(lacking)
        held = [w for w in covered.rare if w not in apart] or list(covered.rare)
        _not_together(store, text, apart, held, nearest)


def _names(store: FactStore, word: str) -> bool:
    """Whether ``word`` names someone or somewhere: an actor, or a name the sources write
    (a place: "Niamey")."""
    return _names_actor(store, word) or queries.proper(store, word)


def _not_together(
    store: FactStore,
    text: str,
    apart: Sequence[str],
    held: Sequence[str],
    nearest: Sequence[Fact],
) -> None:
    """Refuse a question whose words no fact holds together: the words apart, those held,
    and the nearest fact the sources do hold."""
    missing = " and ".join(f"“{_as_typed(text, w)}”" for w in apart)
    along = " and ".join(f"“{_as_typed(text, w)}”" for w in held if w not in apart)
    named = "; and ".join(_named(f) for f in nearest)
    closest = f" The nearest they cover: {named}." if named else ""
    raise NotFound(
        f"The sources in the store do not say “{text}”: no fact holds {missing}"
        f"{f' with {along}' if along else ' together'}.{closest}",
        _closest(store, tuple(held)),
    )


NAMED_MAX = 120
"""Longest fact text named as the nearest the sources cover (cut at a word, "…")."""


def _named(fact: Fact) -> str:
    """A fact as named in a refusal: its curated label and date ("the Bamako visit
    (February 2026)"), else its text, cut short."""
    if fact.label:
        return fact.label + (f" ({fact.date.when.label})" if fact.date is not None else "")
    text = fact.text.rstrip(".")
    if len(text) > NAMED_MAX:
        text = text[:NAMED_MAX].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return f"“{text}”"


def _as_typed(text: str, word: str) -> str:
    """``word`` (simplified) as the user typed it, capitals and all."""
    for typed in re.finditer(r"\w+", text):
        if typed[0].casefold() == word:
            return typed[0]
    return word


def _closest(store: FactStore, known: tuple[str, ...]) -> tuple[str, ...]:
    """What the store covers nearest to a question's known words: the best facts' topics
    and the actors named."""
    if not known:
        return tuple(f"/brief topic:{t}" for t in list(store.topics)[:3])
    phrase = " ".join(known)
    named = [
        f"/actor name:{_quoted(m.label)}"
        for m in store.actor_names.mentions(phrase, store.fact_search.knows)
    ]
    hits = store.fact_search.search(phrase, limit=3)
    topics: list[str] = []
    for hit in hits:
        for topic in store.facts[hit.id].topics:
            if topic in store.topics and not store.topics[topic].overview:
                line = f"/brief topic:{topic} ({store.topics[topic].title})"
                if line not in topics:
                    topics.append(line)
    search = [f"/search query:{_quoted(phrase)}"] if hits else []
    return tuple(dict.fromkeys([*named[:2], *topics[:2], *search]))


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


def _latest(store: FactStore, about: str) -> Reading:
    """The latest on ``about``: an actor's profile (its timeline, latest facts) or a
    topic's brief, else what the sources say of it; on nothing named, the overview's brief,
    which says as of when."""
    if query_words(about):
        return _profile(store, about) or _search(store, about)
    return Reading("/brief (the latest, as of the newest source)", lambda: queries.brief(store))


def _when(store: FactStore, text: str, actors: list[str]) -> Reading:
    years = _YEAR.findall(text)
    since, until = (years[0], years[-1]) if years else (None, None)
    rest = [
        w
        for w in query_words(text)
        if not _YEAR.fullmatch(w) and not store.actor_names.mentions(w, store.fact_search.knows)
    ]
    if rest:  # "when did Checker visit Bamako": the matching facts, dated, in order
        claimed = claims.claim(store, text, GENERIC | CLASS_NOUNS)
        placed = None
        if claimed is not None:  # its date needs the subject and the predicate, not the
            # rest ("when was the fuel convoy hit": the convoy, wherever it was "hit"),
            # but for the actors named besides (the place visited), which a fact must state
            subject = set(claimed.subject.split())
            said = [w for w in query_words(text) if w not in GENERIC and not _YEAR.fullmatch(w)]
            subject.add(claimed.predicate or "")
            others = [w for w in said if w not in subject and _names(store, w)]
            claimed = msgspec.structs.replace(claimed, unused=(), objects=())
            if others:  # named with the subject in one clause, in either order and
                # whatever the verb ("the US envoy … had come to Bamako")
                objects = tuple(claims.object_terms(store, w) for w in others)
                placed = msgspec.structs.replace(
                    claimed,
                    predicate=None,
                    predicate_terms=frozenset(),
                    objects=objects,
                    active=False,
                )
        return Reading(
            f"a timeline of “{text}”",
            lambda: queries.when(store, text, claimed),
            together=True,
            placed=placed,
        )
    actor = actors[0] if len(actors) == 1 else None
    parts = ["/timeline"]
    if actor:
        parts.append(f"actor:{_quoted(store.actors[actor].name)}")
    if since:
        parts += [f"since:{since}", f"until:{until}"]
    return Reading(
        " ".join(parts),
        lambda: queries.timeline(store, actor, None, since, until),
        specific=True,
    )


def _search(store: FactStore, text: str, topic: str | None = None) -> Reading:
    """A search on the question's words; its verbs left out when it names a subject
    besides ("what does the US want in return for security": not Trump "returned"); then,
    given a ``topic``, more of what the sources say on it."""
    covered = coverage(store, text)
    verbs = {w for w in covered.common if _verb(w)}
    if verbs and covered.rare:
        text = " ".join(w for w in query_words(text) if w not in verbs)
    compared = _COMPARED.search(text) is not None
    sides = _sides(store, text) if compared else None
    if sides is not None:
        line = f"a comparison: what the sources say of “{sides[0]}” and of “{sides[1]}”"
        return Reading(line, lambda: queries.compare(store, text, sides))
    line = f"/search query:{_quoted(text)}" + (
        f", then more of /brief topic:{topic}" if topic else ""
    )
    return Reading(
        line,
        lambda: queries.search(store, text, bearing=covered.rare, any_word=compared, topic=topic),
        together=not compared and topic is None,
    )


_BETWEEN = frozenset(
    "compare compares compared comparing comparison difference differences".split()
)
"""Comparison words that come before both sides ("compare X and Y", "difference between")."""


def _sides(store: FactStore, text: str) -> tuple[str, str] | None:
    """The two sides a comparison names: the words naming actors nearest the comparison
    word ("Biden vs Trump", "the US approach different from Russia's"), or the first two
    after it ("compare Russia and the US"); None unless two different actors are named."""
    said = query_words(text)
    at = next((i for i, w in enumerate(said) if _COMPARED.fullmatch(w)), None)
    if at is None:
        return None
    naming = [i for i, w in enumerate(said) if i != at and _names_actor(store, w)]
    before = [i for i in naming if i < at]
    after = [i for i in naming if i > at]
    if said[at] in _BETWEEN and len(after) >= 2 and not before:
        first, second = after[0], after[1]
    elif before and after:
        first, second = before[-1], after[0]
    else:
        return None
    actors = [
        {m.id for m in store.actor_names.mentions(said[i], store.fact_search.knows)}
        for i in (first, second)
    ]
    if actors[0] and actors[0] == actors[1]:
        return None
    return said[first], said[second]


def _what_exists(store: FactStore, text: str) -> tuple[str, ...]:
    near = [f"/actor name:{_quoted(m.label)}" for m in store.actor_names.rank(text, limit=3)]
    topics = [f"/brief topic:{t}" for t in list(store.topics)[:3]]
    return tuple(near + topics)


def _quoted(value: str) -> str:
    return f'"{value}"' if " " in value else value
