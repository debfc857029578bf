"""Reported speech in a sentence: who says it, and whether it is a quote, statement or claim.

A speaker is taken only from a reporting verb's subject or object, never guessed:

- ``“…,” X said`` / ``“…,” said X`` / ``according to X`` / ``X said`` / ``X, a …, told …``:
  X, when X is a name the draft links;
- ``he``/``she`` as that subject: a person named before it in the same paragraph whom
  the article gave that pronoun ("His daughter, X"; "Mr X"), else the only person named
  there; two or more, none marked: blank, with a ``# check:`` comment; no one named yet
  in the paragraph: the one person the paragraph before named; ``it``: the body
  that spoke in the sentence before, in the same paragraph; ``they``, or no such person:
  left blank, with a ``# check:`` comment;
- ``the minister``, ``the envoy``, ``the senator``… as that subject: the actor the article
  (or the store's role for it) gave that title, when exactly one did; else (``the
  official``, ``the diplomat``, ``the source``) the unnamed person the article last
  described by that head word ("A State Department official … The official said"), an
  ``attribution`` with the bodies named in it as actors; none: blank, marked;
  ``the government`` (junta, authorities): the one government named before it in the
  paragraph, else in the article;
- an appositive subject ("A junta spokesman, Colonel X, told"): X;
- a description as that subject, or after "according to" ("Analysts", "experts", "a
  Malian diplomat", "a Western security source", "the army", "the charity", "Critics in
  Washington"): ``attribution``, the source's words, and never the body it belongs to as
  speaker (that body stays among the actors);
- a statement's issuer ("according to a statement issued … by X"): X; "The statement
  says", "The text … states" after it (the article's last statement named): X; "according
  to a statement from X's ministry": that attribution;
- "the former prime minister": only a person the article called so; "According to him":
  as "he said"; a first name with a description after the verb ("says Seydou, a taxi
  driver"): an attribution;
- a verb with "not" before it ("did not say") or "nothing" after it ("said nothing"),
  in the passive ("was welcomed"), in a
  "who" clause ("who asked not to be named"), an "If" clause or after a modal ("should
  say so"), or used for an act
  ("declared himself head of state", "expects a base") reports nothing;
- a person in apposition after a body ("A spokeswoman for the Ministry of X and Y, Name,
  said", ", Captain Name, said"): Name; "Prime Minister X of <state> said": X;
- "according to a statement from the Malian foreign ministry": that attribution (a
  state's adjective before a body, as "Mali's" is);
- a generic subject ("less than people think", "as many believe") and "asked X for Y"
  (a request told) report no one;
- quoted words a sentence closes without opening ('We asked…," he said.') are quoted
  words: the verb after them is the sentence's, never one inside them;
- besides "said", "told" and the like: "states that", "explains", "confided", "has been
  saying", and "repeated" when quoted words follow.

Kinds: quoted words of three or more that are the speaker's → quote; analysts, experts or
observers, and opinions ("thinks", "believes", "expect") → analysis; an announcing verb
("announced", "said in a statement", "recalled", "welcomed", "called for"), a government,
a state or an alliance, or a speaker described by an office (not a former one:
minister, spokesman, adviser, ministry, army, senator), here or earlier in the article
("Foreign Minister X … He said"), a person the store records as speaking for a body
(``speaks_for``), or an unnamed speaker for a body ("a defence ministry
official", "a government spokesman") → statement; otherwise, and always for "accused",
"claimed", "described", → claim.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bot.curation.names import TITLES, Mention

_VERBS = (
    r"called for|calls for|called on|calls on|taken note|took note|takes note|"
    r"recalled|recalls|reaffirmed|reaffirms|reiterated|reiterates|stressed|stresses|"
    r"emphasi[sz]ed|emphasi[sz]es|welcomed|welcomes|condemned|condemns|thinks|think|"
    r"expects|expect|"
    r"said|says|say|told|tells|tell(?=\s+(?:me|us|reporters|journalists)\b)|noted|notes|argued|argues|argue|warn|warned|warns|added|adds|"
    r"stated|states(?=\s+that\b)|explained|explains|explain|confided|confides|"
    r"(?<=been\s)saying|(?:repeated|repeats|restated|restates)(?=[^“\"]*[“\"]|\s+"
    r"(?:the|this|that|his|her|its|their)\s+(?:line|position|message|stance|view|argument|"
    r"point|warning|demand|call|pledge|promise|claim)\b)|insisted|acknowledged|acknowledge|acknowledges|claimed|claims|"
    r"described|caution|cautions|cautioned|announced|announces|signalled|signaled|"
    r"accused|accuses|alleged|declared|declares|called|urged|urges|asked|replied|"
    r"insist|insists|believe|believes|denied|denies|deny|wrote|writes|dismissed|dismisses|"
    r"rejected|rejects|maintained|maintains|conceded|concedes|pointed out|points out|"
    r"spoke of|speaks of|calls(?=\s+(?:this|it|that|them)\s+[“\"])|according to|According to|"
    r"estimated|estimates|estimate|reckoned|reckons|reckon|"
    r"(?:put|puts)\s+(?:the|their|its)\s+(?:figure|number|toll|total|count)\s+at"
)
_VERB = re.compile(rf"\b({_VERBS})\b")
_NEGATED = re.compile(r"\b(?:not|never|n[’']t|declined to|refused to)\s+(?:\w+\s+)?$", re.I)
_QUOTED = re.compile(r"[“\"]([^”\"]{3,}?)[,.;:!?]?[”\"]")
_CLOSED = re.compile(r"^\s*([^“”\"]{3,}?)[,.;:!?]?[”\"]")
"""Quoted words a sentence closes without opening them (a quotation begun in the sentence
before: 'We asked for the means," he said.')."""


def quoted_words(text: str) -> re.Match[str] | None:
    """The first quoted words of ``text``: those it closes without opening them, or else
    those in quotation marks."""
    closed = _CLOSED.match(text)
    straight = closed and text.count('"') % 2 == 1 and not closed.group(0)[-2].isspace()
    if closed and (closed.group(0).endswith("”") or straight):  # not 'She said, "We…'
        return closed
    return _QUOTED.search(text)


_ANNOUNCING = frozenset(
    (
        "announced announces declared declares stated signalled signaled recalled recalls "
        "reaffirmed reaffirms reiterated reiterates welcomed welcomes condemned condemns"
    ).split()
) | {"called for", "calls for", "called on", "calls on", "taken note", "took note", "takes note"}
"""Verbs of an official's or a body's announcement (diplomatic copy's "recalled",
"reaffirmed", "welcomed", "called for", "has taken note of"): a statement."""
_OPINING = frozenset("thinks think believes believe expects expect".split())
"""Verbs of opinion: what follows is the speaker's reading, an analysis."""
_CLAIMING = frozenset("accused accuses alleged claimed claims described".split())
_ANALYSTS = re.compile(r"\b(analysts?|experts?|observers?|commentators?|scholars?)\b", re.I)
_OFFICE = re.compile(
    r"\b(minister|ministry|spokes(?:wo)?man|spokesperson|adviser|advisor|ambassador|army|"
    r"president|department|government|junta|presidency|military|secretary|envoy|senator|"
    r"congressman|congresswoman|lawmaker|representative)\b",
    re.I,
)
_INSTITUTION = re.compile(
    r"\b(ministry|presidency|government|junta|department|spokes(?:wo)?man|spokesperson|"
    r"embassy|consulate|bureau|agency)\b",
    re.I,
)
"""An unnamed speaker described by the body they speak for: their words are its ("a senior
official in the Bureau of X")."""
_PEOPLE = (
    r"analysts?|experts?|officials?|diplomats?|sources?|spokes(?:wo)?man|spokesperson|"
    r"aides?|advisers?|advisors?|observers?|residents?|witness(?:es)?|critics?|officers?|"
    r"commanders?|members?|researchers?|ministry|army|government|police|military|"
    r"authorities|people|activists?|lawmakers?|leaders?|workers?|envoy|minister|president|"
    r"charity|charities|campaigners?|organi[sz]ations?|groups?|NGOs?|agency|union|party|"
    r"figures?|spokespeople|secretar(?:y|ies)|directors?|heads?|chiefs?|governors?|mayors?"
)
_SPEAKING_PEOPLE = (
    rf"{_PEOPLE}|engineers?|traders?|farmers?|drivers?|fishermen|fisherman|teachers?|"
    r"doctors?|nurses?|students?|soldiers?|villagers?|refugees?|lawyers?|merchants?|staff|"
    r"employees?|negotiators?|mediators?|insiders?|famil(?:y|ies)|relatives?|parents?|"
    r"mothers?|journalists?|advocates?|supporters?|opponents?"
)
"""Before a verb, more people speak than are told ("A bridge engineer told reporters"):
after "told" they are the audience, not a speaker."""
SPEAKING_PEOPLE = _SPEAKING_PEOPLE
"""The nouns of people who may speak (for :mod:`bot.curation.draft`'s transitions)."""
_DESCRIPTION = re.compile(
    rf"(?:^|[,;]\s*|\b(?:that|while|as|but|and)\s+)((?:(?:an?|one|two|three|several|some|"
    rf"other|many|the|its|their)\s+)?(?:[\w’'.-]+\s+){{0,4}}?(?:{_SPEAKING_PEOPLE})"
    r"(?:\s+(?:at|in|of|from|with|for|to)\s+(?:the\s+)?[^,;“”\"]+?"
    r"|\s+(?:[a-z]+ed|working|familiar)\s+(?:on|about|by|with|to|in|for)\s+[^,;“”\"]+?"
    r"|\s+(?:here|there|locally))?)\s*,?"
    r"(?:\s+(?:speaking|who)\b[^,]*,|\s+who\s+[^,;“”\"]{1,60}?)?\s*(?:also\s+|\w+ly\s+)?$",
    re.I,
)
"""A described speaker right before the verb: "Analysts", "a diplomat at the US embassy in
Bamako", "A Malian diplomat, speaking on condition of anonymity,", "one official who took
part in the talks", "The ministry also"."""
_ROLE = re.compile(
    r"(?:^|[,;]\s*|\b(?:that|while|as|but|and)\s+)[Tt]he\s+"
    r"((?:former\s+)?(?:minister|envoy|spokesman|spokeswoman|spokesperson|president|"
    r"ambassador|adviser|general|commander|prime minister|head of government|"
    r"(?:[a-z]{4,}\s+)?(?:minister|official|diplomat|senator|source|aide|officer|lawmaker|"
    r"congressman|congresswoman|governor|mayor)))\s*,?(?:\s+(?:has|had|also|again))*\s*$"
)
"""A speaker named by a title ("the minister", "the security minister", "The minister has
repeated the line"): the one actor the article gave it."""
_SAME_OFFICE = {"head of government": "prime minister"}
"""A title and the one the article more likely gave the same person ("the head of
government" … "Prime Minister X")."""
_GAP = re.compile(
    r"^(?:\s+(?:laboratory|lab|project|programme|program|think tank|institute|centre|center),)?"
    r"(?:\s*,[^,“”\"]{1,90},)?\s*(?:(?:also|has|have|had|been|previously|later|then|again|"
    r"publicly|privately|repeatedly|once|recently|both|all|each|on \w+)\s+)*$"
)
"""Between a subject and its verb: nothing, an apposition (", a spokesman for …,"), an
adverb or an auxiliary."""
_CLOSING = re.compile(r"^\s*,\s*(?:(?:also|has|have|had|been|later|then|again)\s+)*$")
"""The comma closing an appositive subject: "A junta spokesman, Colonel X, told"."""
_PRONOUNS = frozenset("he she it they".split())
_BOUNDARY = re.compile(r",\s*(?:but|while|whereas|although|though|and)\b|;", re.I)
_POSSESSIVE = re.compile(r"\b([A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)[’']s\b[^“\"”]{0,40}$")


@dataclass
class Context:
    """What came before in the paragraph (and the article) that a pronoun or title can
    stand for."""

    people: list[str] = field(default_factory=list)
    """Persons named so far in this paragraph, in order."""
    before: list[str] = field(default_factory=list)
    """Persons the paragraph before named (none in a transcript): a "she said" opening the
    next paragraph, with no one named yet, may be the one of them."""
    speaker: list[str] = field(default_factory=list)
    """Who spoke in the paragraph's sentence before."""
    titles: list[tuple[str, str]] = field(default_factory=list)
    """(title words near a mention, actor id) so far in the article, in order."""
    genders: dict[str, str] = field(default_factory=dict)
    """Actor id -> "he" or "she", where the article said ("His daughter, X"; "Mr X")."""
    bodies: list[str] = field(default_factory=list)
    """Actors other than persons named so far in this paragraph, in order."""
    named: list[str] = field(default_factory=list)
    """Actors other than persons named so far in the article, in order."""
    issued: bool = False
    """Whether that sentence gave a statement's words (of ``issuer``)."""
    issuer: list[str] = field(default_factory=list)
    """Who issued the statement the article last named ("according to a statement by X"):
    "The statement says", even in the next paragraph, is X's."""
    issuer_described: str | None = None
    """The issuer as the article described it, when no actor ("The government in X said
    in a communique"): "The communique added" is theirs, an attribution."""
    message: str | None = None
    """The message the paragraph's sentence before named, when no body spoke there ("the
    message"): "it said" gives its words, an attribution."""
    stated: bool = False
    """Whether the paragraph's sentence before was a statement or quote (of ``speaker``)."""
    described: list[Described] = field(default_factory=list)
    """Unnamed persons described so far in the article ("A State Department official"), in
    order: "the official" later is the last of them with that head word."""


@dataclass(frozen=True)
class Described:
    """An unnamed person as the article describes them."""

    head: str
    """The head word, lower case ("official")."""
    words: str
    """The description, its article lower case ("a State Department official")."""
    actors: tuple[str, ...]
    """The bodies named inside it (us-state-department): its actors."""


UNNAMED_HEADS = (
    "official|diplomat|source|spokesman|spokeswoman|spokesperson|aide|adviser|advisor|officer|"
    "envoy|minister|senator|lawmaker|congressman|congresswoman|governor|mayor"
)
_UNNAMED = re.compile(
    r"(?<![\w’'-])(?:[Aa]n?|[Oo]ne)\s+((?:(?:[a-z]{4,}|[A-Z][\w’'.-]*)\s+){0,4}?"
    rf"({UNNAMED_HEADS}))\b"
    r"((?:\s+(?:at|in|of|from|with|for)\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)?)"
)
"""An unnamed person described ("A State Department official", "a diplomat at the US
Embassy"): what "the official" may later stand for."""


def describe(
    text: str, mentions: Sequence[Mention], kind_of: Callable[[str], str | None]
) -> list[Described]:
    """The unnamed persons the sentence describes, with the bodies named inside each."""
    found = []
    for match in _UNNAMED.finditer(text):
        words = " ".join(f"{match.group(0)[0].lower()}{match.group(0)[1:]}".split())
        inside = tuple(
            dict.fromkeys(
                m.actor
                for m in mentions
                if match.start() <= m.start
                and m.end <= match.end()
                and kind_of(m.actor) != "person"
            )
        )
        found.append(Described(match.group(2).casefold(), words, inside))
    return found


@dataclass
class Speech:
    kind: str
    by: list[str] = field(default_factory=list)
    attribution: str | None = None
    words: str | None = None
    notes: list[str] = field(default_factory=list)
    title: str = ""
    """The words right before the speaker's name ("Communications minister")."""
    actors: list[str] = field(default_factory=list)
    """Actors the speaker stands for, beyond the sentence's names ("the official": the
    State Department the article described them by)."""
    document: bool = False
    """Words of a statement named before ("The text says", "It adds"): said when it was."""


_TITLED = (
    r"(?:(?:[A-Z][\w’'-]+\s+){0,2}(?:"
    + "|".join(sorted((t.capitalize() for t in TITLES), key=len, reverse=True))
    + r")\s+)?"
)
"""A title before the next of names joined by "and" ("A and Economy Minister B said")."""


def reporting_verb(text: str) -> re.Match[str] | None:
    quotes = [q.span() for q in _QUOTED.finditer(text)]
    closed = quoted_words(text)
    if closed is not None and closed.start() == 0:
        quotes.insert(0, closed.span())
    for verb in _VERB.finditer(text):
        if any(start < verb.start() < end for start, end in quotes):
            continue  # inside the quoted words: the speaker's, not the article's, verb
        if verb.group(1) == "called" and not _QUOTED.search(text, verb.end()):
            continue  # "called for", "so-called": speech only when words are quoted
        if verb.group(1) in ("according to", "According to"):
            return verb
        passive = verb.group(1) not in ("said", "told", "says", "tells")
        if passive and re.match(r"\s+by\b", text[verb.end() :]):
            continue  # passive: "claimed by Islamic State" names no speaker here
        if re.search(r"\b(?:who|which)\s+(?:had\s+|has\s+)?$", text[: verb.start()]):
            continue  # "an adviser, who asked not to be named, confided": a relative clause
        if _GENERIC.search(text[: verb.start()]):
            continue  # "less than people think", "as many believe": nobody in particular
        if _WHAT_THEY.search(text[: verb.start()]):
            continue  # "to denounce what their leaders called “a tax”": a name for a thing
        if _NOUN_USE.search(text[: verb.start()]) and verb.group(1) not in _TO:
            continue  # "with caution", "a warning", "the claims": a noun, not a verb
        if _PASSIVE.search(text[: verb.start()]) and not verb.group(1).endswith("ing"):
            continue  # "the news was welcomed with caution": no one is reported speaking
        if _not_telling(text, verb):
            continue  # "declared himself head of state", "expects a base": no words reported
        if not _NEGATED.search(text[: verb.start()][-30:]):
            return verb
    return None


_GENERIC = re.compile(
    r"(?:\b(?:than|as)\s+(?:(?:most|many|some)\s+)?(?:people|many|most|anyone|everyone|"
    r"everybody|one|you|we|they)|(?:^|[,;:]\s*|\b(?:and|but)\s+)(?:(?:most|many|some)\s+)?"
    r"(?:people|everyone|everybody|many|most))\s+(?:\w+ly\s+)?$",
    re.I,
)
"""A generic subject ("less than people think", "as many believe", "Most people say"):
what is commonly held, no speaker; the sentence is the writer's or the guest's own."""
_WHAT_THEY = re.compile(r"\bwhat\s+(?:the\s+|its\s+|their\s+)?[\w’'-]+\s+(?:had\s+|has\s+)?$")
"""A verb in a "what X called" phrase: how someone names a thing, no one's statement."""
_DECLARED_ACT = re.compile(
    r"\s+(?:(?:on|in)\s+\w+(?:\s+\d+)?\s+)?(?:himself|herself|itself|themselves|an?|the|war|"
    r"independence|victory|martial|its|his|her|their)\b"
)
"""After "declared": an object, so an act ("declared himself head of state", "declared a
state of emergency"), not words reported."""
_EXPECTED_CLAUSE = re.compile(r"\s+(?:that\b|[^,;.“”\"]{0,50}?\bto\s+[a-z]+)")
"""After "expects": a clause or an object with "to" ("expect it to be ready"), an opinion;
an object alone ("expects a base") is no speech."""
_SAID_NOTHING = re.compile(
    r"\s+(?:(?:publicly|so\s+far|yet)\s+)?(?:nothing|little|no\s+more|not\s+a\s+word)\b"
)
"""After the verb, no words: "said nothing about the raid", "has said little"."""
_ASKED_FOR = re.compile(r"\s+(?!for\b)(?:[\w’'.-]+\s+){1,4}?for\b(?![^“”\"]*[“\"])")
"""After "asked": someone, then "for" a thing ("asked Washington for drones"): a request
told, no words reported (unless quoted words follow)."""
_CONDITIONAL = re.compile(r"\b(?:[Ii]f|[Uu]nless)\s+[^,;“”\"]{0,60}$")
"""An "If …" clause holding the verb ("If the United States expects a base, …")."""
_MODAL = re.compile(
    r"\b(?:should|must|can|could|may|might|shall|will|ought\s+to)\s+"
    r"(?:(?:also|not|still|then|now|never|first|\w+ly)\s+)*$|\b(?:when|once)\s+$"
)
"""A modal before the verb ("it should say so openly"): speech wished or to come, none
reported ("should also insist" too); "when asked": a participle, asking no one anything
here."""


def _not_telling(text: str, verb: re.Match[str]) -> bool:
    """A verb of the list used for an act, not for words: "declared" with an object,
    "expects" with no clause, "asked X for Y", any of them inside an "if" clause ("If X
    expects…, it will…") or after a modal ("should say so")."""
    word, after = verb.group(1), text[verb.end() :]
    if word in ("declared", "declares") and _DECLARED_ACT.match(after):
        return True
    if _SAID_NOTHING.match(after):
        return True
    if word in ("expects", "expect") and not _EXPECTED_CLAUSE.match(after):
        return True
    if word in ("asked", "asks") and _ASKED_FOR.match(after):
        return True
    before = text[: verb.start()]
    return _CONDITIONAL.search(before) is not None or _MODAL.search(before) is not None


_NOUN_USE = re.compile(r"\b(?:with|without|a|an|the|its|their|his|her|of|for)\s+$", re.I)
"""A word of the verb list used as a noun after an article or a preposition."""
_TO = frozenset({"according to", "According to"})
_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being|be)\s+(?:\w+ly\s+)?$")
"""An auxiliary of the passive right before the verb ("was welcomed", "is widely described")."""


_CLOSING_SAID = re.compile(
    r"(?<=,)\s?(said|says|added|adds)\b(?=[^,;“”\"]*(?:,[^,;“”\"]*)?\s*\.?\s*$)"
)
"""A closing ", said its secretary, X." after a clause with its own verb ("The union
wrote to the junta last month, said …"): the sentence's telling."""


def _closing_verb(text: str, verb: re.Match[str]) -> re.Match[str]:
    """The verb that reports the whole sentence: a closing ", said X." after a clause,
    else the first reporting verb."""
    if _QUOTED.search(text):
        return verb
    closing = _CLOSING_SAID.search(text, verb.end())
    return closing if closing is not None else verb


def speech(
    text: str,
    mentions: list[Mention],
    context: Context,
    kind_of: Callable[[str], str | None],
    roles: Callable[[str], list[str]],
    speaks_for: Callable[[str], bool] = lambda actor: False,
) -> Speech | None:
    """The speech the sentence reports, or ``None`` for narration; ``speaks_for``: whether
    the store records a person as speaking for a body (an official: their words are a
    statement, as after a title in the article)."""
    published = _published(text, mentions, context)
    if published is not None:  # "Her office published a letter … that says": her statement
        return published
    verb = reporting_verb(text)
    if verb is None:
        return _in_view(text, context) or _for_person(text, mentions, kind_of)
    verb = _closing_verb(text, verb)
    quoted = quoted_words(text)
    found = Speech("claim")
    _speaker(found, text, verb, quoted, mentions, context, kind_of, roles)
    theirs = quoted is not None and _theirs(text, verb, quoted)
    if quoted and len(quoted.group(1).split()) >= 3 and theirs:
        found.kind = "quote"
        found.words = quoted.group(1).strip()
    elif verb.group(1) in _OPINING or (
        found.attribution and _ANALYSTS.search(found.attribution) and not found.by
    ):
        found.kind = "analysis"
    elif verb.group(1) in _CLAIMING:
        found.kind = "claim"
    elif _official(text, verb, found, kind_of, _titles(found.by, context), speaks_for) or (
        found.by and found.by == context.speaker and context.stated
    ):
        found.kind = "statement"  # (or a body going on with its statement: "It adds")
    _own_tail(found, text, verb)
    if quoted and not theirs:
        coined = _POSSESSIVE.search(text[: quoted.start()])
        owner = f" ({coined.group(1)}'s)" if coined else ""
        found.notes.append(f"check: the quoted words are not the speaker's{owner}")
    return found


_OWN_TAIL = re.compile(
    r"(,\s*(?:but|while|whereas|although|though|yet)|;)\s+"
    r"(?!(?:he|she|it|they|that|who|which|what|this|also|then|adding|added|[a-z]+ing)\b)"
    r"((?:[\w’'-]+\s+){0,4}?(?:has|have|had|is|are|was|were|will|would|can|could|did|does|"
    r"do|said|says|knows?|knew|sees?|saw|seen|[a-z]{3,}ed)\b[^;]*?)[.!]?\s*$",
    re.I,
)
"""After the clause a reporting verb reports, ", but", ", while", ";" and a clause with its
own subject and verb ("…told me that the door is open, but nobody has said what is behind
it", "…, while his deputy said…"): words outside the verb's scope, the writer's (or the
guest's) own or another's."""


def _own_tail(found: Speech, text: str, verb: re.Match[str]) -> None:
    """A sentence whose reported clause is followed by a clause of someone else's (see
    :data:`_OWN_TAIL`, outside quoted words) is never credited whole to the speaker: the
    speaker is kept as an actor, ``by`` and ``attribution`` left blank, marked to split."""
    unquoted = re.sub(r"[“\"][^”\"]*[”\"]?", lambda q: "x" * len(q.group(0)), text)
    tail = _OWN_TAIL.search(unquoted, verb.end())
    who = found.by[0] if found.by else found.attribution
    if tail is None or who is None:
        return
    found.actors += [a for a in found.by if a not in found.actors]
    found.by, found.attribution = [], None
    found.notes.append(
        f"check: only the words before {tail.group(1).strip()!r} are {who}'s (what the verb "
        f"reports); {text[tail.start(2) : tail.end(2)]!r} is outside it, the writer's own or "
        f"another's: split into two facts, the first by {who}"
    )


_PUBLISHED = re.compile(
    r"^\s*(?:(?P<pronoun>His|Her)|(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)[’']s)\s+"
    r"(?P<office>office|campaign|staff|aides?|team)\s+(?:(?:also|has|had|then)\s+)?"
    r"(?:published|issued|released|sent|put\s+out)\s+(?:an?|the)\s+(?:[\w-]+\s+)?"
    r"(?P<document>letter|statement|report|communiqu[ée]|note|memo)\b[^“”\"]*?\bthat\s+"
)
"""A person's office putting out words ("Her office published a letter last Friday that
calls the policy …"): that person's statement, the office speaking for them."""


def _published(text: str, mentions: list[Mention], context: Context) -> Speech | None:
    """ "Her office published a letter … that says …": a statement of the person "her" is
    (as for "she said"), or of the person named ("X's office"); else ``None``."""
    found = _PUBLISHED.match(text)
    if found is None:
        return None
    said = Speech("statement")
    if found.group("pronoun"):
        _pronoun(said, "he" if found.group("pronoun") == "His" else "she", context)
    else:
        owner = next((m for m in mentions if m.start == found.start("name")), None)
        if owner is None:
            return None
        said.by = [owner.actor]
    whose = found.group("pronoun").casefold() if found.group("pronoun") else f"{found['name']}'s"
    said.notes.append(
        f"check: read as the words of the {found.group('document')} put out by {whose} "
        f"{found.group('office')}"
    )
    return said


_IN_VIEW = re.compile(
    r"\s*(?:But\s+|And\s+)?In\s+(his|her)\s+(?:view|opinion|reading|judge?ment|analysis)\s*,"
)
"""An opening "In her view, …" ("In his opinion"): the view of the person "she" ("he")
is, as for "she said"."""


def _in_view(text: str, context: Context) -> Speech | None:
    """ "In her view, they pushed …": an analysis by the person the pronoun is (blank and
    marked when the draft cannot tell who), else ``None`` (no such opening)."""
    opening = _IN_VIEW.match(text)
    if opening is None:
        return None
    found = Speech("analysis")
    _pronoun(found, "he" if opening.group(1) == "his" else "she", context)
    return found


_FOR = re.compile(r"\s*(?:But\s+|And\s+)?[Ff]or\s+(?:the\s+)?(?:[a-z]+\s+){0,2}")
"""An opening "For X, …" ("For the analyst X, the move is pragmatic"): X's reading."""


def _for_person(
    text: str, mentions: list[Mention], kind_of: Callable[[str], str | None]
) -> Speech | None:
    """ "For the analyst X, researcher at Y, this is above all pragmatic": X's analysis."""
    opening = _FOR.match(text)
    first = mentions[0] if mentions else None
    if opening is None or first is None or first.start != opening.end():
        return None
    if kind_of(first.actor) != "person" or "," not in text[first.end :]:
        return None
    found = Speech("analysis", by=[first.actor])
    found.notes.append(f"check: 'For {text[first.start : first.end]}, …' read as their view")
    return found


def _titles(speakers: list[str], context: Context) -> str:
    """The titles the article gave these speakers earlier ("Foreign Minister Abdoulaye
    Diop … He said": the minister's words are a statement)."""
    return " ".join(words for words, actor in context.titles if actor in speakers)


def _official(
    text: str,
    verb: re.Match[str],
    found: Speech,
    kind_of: Callable[[str], str | None],
    titles: str = "",
    speaks_for: Callable[[str], bool] = lambda actor: False,
) -> bool:
    if verb.group(1) in _ANNOUNCING or re.match(
        r"\s+in an?\s+(?:statement|report|communiqu[ée])\b", text[verb.end() :]
    ):
        return True
    if _ISSUED_BY.match(text, verb.end()) or _DOCUMENT.search(text[: verb.start()]):
        return True  # "according to a statement by X", "The statement says": X's statement
    if found.by and all(kind_of(a) in _BODIES for a in found.by):
        return True  # a government, a state or an alliance speaking
    if found.by and all(kind_of(a) == "person" and speaks_for(a) for a in found.by):
        return True  # an official the store records as speaking for a body ("He said")
    if found.attribution and found.actors and all(kind_of(a) in _BODIES for a in found.actors):
        return True  # "Malian officials said" (the junta's): people speaking for it
    if found.attribution:
        anonymous = re.match(r"(?:an?|one|some|several)\b", found.attribution, re.I)
        if anonymous:  # "a defence ministry official" speaks for it; "a local official" not
            return _INSTITUTION.search(found.attribution) is not None
        return _OFFICE.search(found.attribution) is not None
    if found.by:
        described = _apposition(text[: verb.start()])
        title = re.search(r"([^,]{1,60}),[^,]{1,60},\s*(?:\w+\s+)?$", text[: verb.start()])
        if title:
            described += " " + title.group(1)  # "A junta spokesman, Colonel X, told"
        after = re.match(r"[^,]{1,40},([^,.]{1,90})", text[verb.end() :])
        if after and verb.group(1) not in ("according to", "According to"):
            described += " " + after.group(1)
        return _OFFICE.search(_FORMER.sub("", f"{described} {found.title} {titles}")) is not None
    return False


_BODIES = frozenset({"government", "state", "alliance"})
_FORMER = re.compile(rf"\b(?:former|ex-)\s*(?:[\w-]+\s+){{0,2}}?{_OFFICE.pattern}", re.I)
"""A former office ("a former foreign minister"): no longer speaking for a body."""


def _apposition(lead: str) -> str:
    """ ", a spokesman for the transitional authorities," before the verb."""
    found = re.search(r",([^,]{1,90}),\s*(?:\w+\s+)?$", lead)
    return found.group(1) if found else ""


def _speaker(
    found: Speech,
    text: str,
    verb: re.Match[str],
    quoted: re.Match[str] | None,
    mentions: list[Mention],
    context: Context,
    kind_of: Callable[[str], str | None],
    roles: Callable[[str], list[str]],
) -> None:
    after_quote = quoted is not None and quoted.end() <= verb.start()
    start = quoted.end() if after_quote and quoted else 0
    lead = text[start : verb.start()]
    if verb.group(1) in ("according to", "According to"):
        article = re.match(r"\s*(?:the\s+)?", text[verb.end() :])
        gap = article.end() if article else 0
        following = [m for m in mentions if 0 <= m.start - verb.end() <= max(2, gap)]
        source = _DESCRIBED_AFTER.match(text[verb.end() :])
        object_pronoun = re.match(r"\s+(him|her)\b", text[verb.end() :])
        issued = _ISSUED_BY.match(text, verb.end())
        if issued:
            following = [m for m in mentions if m.start == issued.end()]
            if not following or _owned(text, following[0]):  # "from Niger's foreign ministry"
                found.attribution = _issuer(text, issued.end())
                found.notes.append("check: whose statement? read as the words after 'by'/'from'")
                return
        if following and not _owned(text, following[0]):
            found.by = [following[0].actor]
        elif object_pronoun:  # "According to him": as "he said"
            here = _named_here(text, verb.start(), mentions, kind_of)
            said_by = "he" if object_pronoun.group(1) == "him" else "she"
            _pronoun(found, said_by, context, here)
        elif source:
            found.attribution = " ".join(source.group(1).split())
        else:
            found.notes.append("check: who is this according to? (no name the draft knows)")
        return
    pronoun = lead.strip(' ,“”"').split()[-1:] if lead.strip(' ,“”"') else []
    if not lead.strip(' ,“”"') and after_quote:
        # “…,” said X / “…,” said he
        following = [m for m in mentions if 0 <= m.start - verb.end() <= 2]
        word = text[verb.end() :].split()[:1]
        if word and word[0].casefold().strip(",.") in _PRONOUNS and not following:
            here = _named_here(text, verb.start(), mentions, kind_of)
            _pronoun(found, word[0].casefold().strip(",."), context, here)
        elif not _inverted(found, text, verb, mentions):
            found.notes.append("check: who said this? (no name the draft knows after the verb)")
        return
    if (
        re.search(r",\s*$", lead)
        and verb.group(1) in _SAYING
        and _inverted(found, text, verb, mentions, whole=True)
    ):
        return  # "…, said its secretary, X."
    document = _DOCUMENT.search(lead)
    if document and (context.issuer or context.issuer_described):  # "The statement … says"
        found.by, found.document = list(context.issuer), True
        found.attribution = None if context.issuer else context.issuer_described
        issuer = ", ".join(context.issuer) or repr(context.issuer_described)
        found.notes.append(
            f"check: '{document.group(1)}' read as the statement of {issuer}, named before"
        )
        return
    if pronoun and pronoun[0].casefold() in _PRONOUNS and len(lead.split()) <= 12:
        before = lead.rstrip(" ,")
        if before.casefold().endswith(pronoun[0].casefold()) and not before[
            : -len(pronoun[0])
        ].rstrip().endswith(("that", "and")):
            here = _named_here(text, start + len(lead.rstrip(" ,")), mentions, kind_of)
            _pronoun(found, pronoun[0].casefold(), context, here)
            return
    subject = [
        m
        for m in mentions
        if start <= m.start and m.end <= verb.start() and _GAP.match(text[m.end : verb.start()])
    ]
    if not subject:
        subject = [
            m
            for m in mentions
            if start <= m.start
            and m.end <= verb.start()
            and _CLOSING.match(text[m.end : verb.start()])
            and re.search(r",\s*(?:\S+\s+){0,2}$", text[start : m.start])
        ]
    if not subject and not after_quote:
        subject = [  # "X toured the region a month ago and told officials …": X tells
            m
            for m in mentions[:1]
            if _SUBJECT_START.fullmatch(text[: m.start])
            and _COORDINATED.fullmatch(text[m.end : verb.start()])
        ]
    role = _ROLE.search(lead.lstrip(' ,“”"'))  # “…,” the minister said
    body = _BODY_ROLE.search(lead)
    if body and not subject:
        _the_body(found, body.group(1).casefold(), context, kind_of)
        return
    if subject and not role:
        mention = subject[-1]
        earlier = [m for m in mentions if start <= m.start and m.end <= mention.start]
        if (
            earlier
            and _AFFILIATION.fullmatch(text[earlier[-1].end : mention.start])
            and kind_of(earlier[-1].actor) == "person"
        ):
            # "Ulf Laessing of the Konrad Adenauer Foundation argues": the person speaks
            mention = earlier[-1]
        named = _named_apposition(text, mention, verb, mentions, kind_of)
        if named is not None:  # "A spokeswoman for the Ministry of X and Y, Name, said": Name
            mention = named
        if _owned(text, mention):
            found.attribution = _description(lead) or None
        elif _ALIAS_DESCRIPTION.search(text[mention.start : mention.end]):
            # "Malian officials said" (an alias of the junta): people described, never the body
            found.attribution = _description(lead) or text[mention.start : mention.end]
            found.actors.append(mention.actor)
        else:
            found.by = [mention.actor]
            found.title = re.split(
                r"[,.;:“”\"()—-]", text[max(0, mention.start - 40) : mention.start]
            )[-1]
            joined = [m for m in mentions if m.end <= mention.start]
            # "A and (the) B said", "A, B and C said"; a comma alone before the last name is
            # an apposition ("A spokesman for X, Y, said"), not a list
            joint = r"\s*,? and\s*(?:the\s+)?" + _TITLED
            while joined and re.fullmatch(joint, text[joined[-1].end : mention.start]):
                mention = joined.pop()
                found.by.insert(0, mention.actor)
                joint = r"\s*(?:,|,? and)\s*(?:the\s+)?" + _TITLED
        return
    if role:
        title = role.group(1).casefold()
        holders = roles(title) or roles(_SAME_OFFICE.get(title, title))
        unnamed = [d for d in context.described if d.head == title.split()[-1]]
        if len(holders) == 1:
            found.by = holders
            found.notes.append(f"check: 'the {title}' read as {holders[0]}")
            context.people.append(holders[0])  # "The senator said …. She added": hers
        elif unnamed and not holders:  # "A State Department official … The official said"
            found.attribution, found.actors = unnamed[-1].words, list(unnamed[-1].actors)
            found.notes.append(
                f"check: 'the {title}' read as {unnamed[-1].words!r}, described before"
            )
        else:
            found.notes.append(
                f"check: which {title}? the draft found no single one named or described "
                "before: no speaker"
            )
        return
    first_name = _FIRST_NAME_BEFORE.search(lead)
    if first_name:  # "One of them, Seydou, a fabric seller, told me": no full name
        found.attribution = " ".join(first_name.group(1).split())
        return
    described = _description(lead)
    if described:
        found.attribution = described
        return
    found.notes.append("check: who says this? the draft found no speaker it could trust")


_TITLE_ONLY = re.compile(
    r"\s*,\s*(?:(?:"
    + "|".join(sorted((t.capitalize() for t in TITLES), key=len, reverse=True))
    + r")\.?\s+){0,3}"
)
"""A comma, then the person's titles only ("…, Captain X", "…, Brigadier General X")."""


def _named_apposition(
    text: str,
    mention: Mention,
    verb: re.Match[str],
    mentions: list[Mention],
    kind_of: Callable[[str], str | None],
) -> Mention | None:
    """The person named in apposition between a body and the verb (", Name, said", ",
    Captain Name, said"), who speaks for it, as after "a spokeswoman for the junta, Name"."""
    for other in mentions:
        if (
            other.start > mention.end
            and kind_of(other.actor) == "person"
            and _TITLE_ONLY.fullmatch(text[mention.end : other.start])
            and _CLOSING.match(text[other.end : verb.start()])
        ):
            return other
    return None


_DOCUMENT = re.compile(
    r"^\s*((?:[Tt]he|[Ii]ts)\s+(?:text|statement|communiqu[ée]|press\s+release|declaration|"
    r"message|letter))"
    r"(?:\s*,[^,“”\"]{1,80},)?\s*(?:also\s+)?$"
)
"""A statement as the subject ("The text, read on state radio, says"): the body that issued
the statement the article last named (:attr:`Context.issuer`)."""
_BODY_ROLE = re.compile(
    r"(?:^|[,;]\s*|\b(?:that|while|as|but|and)\s+)[Tt]he\s+((?i:government|junta|authorities|"
    r"regime|alliance|bloc|confederation))(?:[’']s\s+(?:secretariat|commission|presidency|"
    r"leadership|council|spokes(?:wo)?man|spokesperson)(?:\s+(?:in|at)\s+[A-Z][\w’'-]+)?)?"
    r"\s*,?\s*(?:(?:also|has|have|had|again)\s+)*$"
)
"""A government or an alliance named by its common noun alone ("the government added",
"The alliance's secretariat in X said", "The Government has taken note")."""
_BODY_KIND = {"alliance": "alliance", "bloc": "alliance", "confederation": "alliance"}
"""The kind of actor a body's common noun stands for (else a government)."""


def _the_body(
    found: Speech, word: str, context: Context, kind_of: Callable[[str], str | None]
) -> None:
    """ "the government": the one government named before it in the paragraph, or else in
    the article; "the alliance": the one alliance named in the article; two or none: a
    description."""
    kind = _BODY_KIND.get(word, "government")
    places = [(context.bodies, "in the paragraph"), (context.named, "in the article")]
    if kind == "alliance":  # blocs are named by other words too: only one in the article
        places = places[1:]
    for named, where in places:
        governments = list(dict.fromkeys(a for a in named if kind_of(a) == kind))
        if len(governments) == 1:
            found.by = governments
            found.document = context.issued and found.by == context.issuer  # its statement's
            found.notes.append(
                f"check: 'the {word}' read as {governments[0]}, the one {kind} named "
                f"before it {where}"
            )
            return
        if governments:
            break
    found.attribution = f"the {word}"


_ISSUED_BY = re.compile(
    r"\s+(?:an?|the|its)\s+(?:\w+\s+)?(?:statement|communiqu[ée]|press\s+release|declaration)"
    r"(?:\s+(?:released|issued|published|read|put\s+out)\b[^,;“”\"]{0,40}?)?\s+(?:by|from)\s+"
    r"(?:the\s+)?",
    re.I,
)
"""After "according to": a statement and who issued it ("a statement released on Saturday
by the Ministry of …", "a statement from Niger's foreign ministry"): the issuer speaks."""


def _issuer(text: str, start: int) -> str | None:
    """The words naming a statement's issuer, up to the clause's end ("Niger's foreign
    ministry")."""
    words = re.match(r"[^,;.“”\"]{2,60}", text[start:])
    return " ".join(words.group(0).split()) if words else None


_AFFILIATION = re.compile(r"\s*,?\s*(?:of|at|from|with)\s+(?:the\s+)?", re.I)
"""Between a person and the body named as theirs: "Laessing of the Foundation"."""
_DESCRIBED_AFTER = re.compile(
    rf"\s+((?:(?:an?|one|two|three|four|five|several|some|the)\s+)?(?:[\w’'-]+\s+){{0,3}}?"
    rf"(?:{_SPEAKING_PEOPLE})"
    r"(?:\s+(?:at|in|of|from|with|for)\s+(?:the\s+)?[A-Z][^,;“”\".]*?)?)"
    r"(?:\s+(?:[a-z]+ed|familiar|involved|close)\s+(?:on|about|with|to|in|by)\s+[^,;“”\".]+?)?"
    r"(?=\s+(?:who|speaking|,)|[,.;]|$)",
    re.I,
)
"""A described source after "according to" or a quote's "said": "a local official (who
asked…)", "press freedom groups", "one analyst", "two diplomats (briefed on the talks)"."""
_MEMBERS_OF = re.compile(
    rf"\b(?:{_PEOPLE})\s+(?:in|at|of|from|within|inside|to|close\s+to)\s+(?:the\s+)?"
    r"(?:[A-Z][\w’'.-]*\s+){0,2}$",
    re.I,
)


_QUALIFIER = r"(?!(?:its|their|his|her|the|an?|and|or|of|to|has|have|had|was|were|is|are)\b)[a-z]+"
"""A lower-case word qualifying a body ("trade", "foreign"): no function word, …"""
_ADJECTIVE_OF = re.compile(
    rf"\s+(?:{_QUALIFIER}(?<!ed)(?<!id)(?<!ld)(?<!ys)(?<!ls)\s+){{0,2}}?(?:officials?|"
    r"diplomats?|sources?|analysts?|experts?|ministry|ministries|army|government|"
    r"presidency|embassy|military|authorities|police|junta|spokes(?:wo)?man|spokesperson|"
    r"delegation|mission)\b"
)
"""A name used as an adjective of the body after it ("the Nigerien trade ministry", "US
officials"): that body speaks, not the name's actor; … and no verb ("said", "condemned",
"tells", "says": "Burkina Faso said its army" is Burkina Faso speaking)."""


_ALIAS_DESCRIPTION = re.compile(
    r"(?:^(?:an?|one|two|three|several|some)\s)|\b(?:officials?|diplomats?|sources?|"
    r"authorities|spokes(?:wo)?man|spokes(?:wo)?men|spokesperson|spokespeople|aides?|"
    r"advisers?|advisors?|officers?|commanders?|analysts?|experts?|observers?|members?|"
    r"representatives|envoys|ministers)$",
    re.I,
)
"""A name the store knows that is itself a description of people ("Malian officials", an
alias of the junta; "a spokesman"): those people speak, an attribution with the body an
actor, never the body as ``by``."""


def _owned(text: str, mention: Mention) -> bool:
    """A name used as an adjective of the real subject: "Mali's" in "Mali's ministry",
    "Malian" in "the Malian foreign ministry"; or the place or body a described subject
    belongs to ("Critics in Washington")."""
    return (
        text[mention.end : mention.end + 2] in ("'s", "’s")
        or _ADJECTIVE_OF.match(text, mention.end) is not None
        or _MEMBERS_OF.search(text[: mention.start]) is not None
    )


def _description(lead: str) -> str | None:
    found = _DESCRIPTION.search(re.sub(r"^[\s”“\"]+", "", lead))  # “…,” one official who…
    if found is None:
        return None
    words = " ".join(found.group(1).strip(" ,").split())
    words = re.sub(r"^(?:yet|but|and|however|still|so|now)\s+", "", words, flags=re.I)
    words = re.sub(r",?\s*\b(?:speaking|who)\b.*$", "", words)
    words = re.sub(r"\s+(?:also|\w+ly)$", "", words)
    words = re.sub(r"\s+(?:has|have|had)(?:\s+been)?$", "", words)  # "… have been saying"
    if len(words.split()) > 10:
        return None
    return words


_FIRST_NAME_BEFORE = re.compile(
    r"(?:^|,\s*)([A-Z][\w’'-]+,\s+an?\s+(?:[a-z]+\s+){0,3}"
    r"[a-z]+(?:er|or|ist|man|woman|ant|ent|ian|ic))\s*,\s*$"
)
"""A first name alone with a person's description before the verb ("Seydou, a fabric
seller, told me"): that source's words, an attribution, never the reporter's."""


_SAYING = frozenset("said says added adds told tells".split())
"""Verbs whose speaker may follow them after a clause: "…, said its secretary, X."."""
_TO_END = re.compile(r"\s*(?:\.|$)")


_FIRST_NAME_AFTER = re.compile(
    r"\s+([A-Z][\w’'-]+,\s+an?\s+(?:[a-z]+\s+){0,2}[a-z]+(?:er|or|ist|man|woman|ant|ent))\b"
)
"""A first name alone with a person's description after the verb ("says Seydou, a taxi
driver"): the source's words, an attribution."""


def _inverted(
    found: Speech, text: str, verb: re.Match[str], mentions: list[Mention], whole: bool = False
) -> bool:
    """The speaker after the verb: a name ("said X"), or a description with its name in
    apposition ("said the government spokesman, X": X), or a description alone (an
    attribution). ``whole``: the speaker must end the sentence (no quote before the verb)."""
    following = [
        m
        for m in mentions
        if 0 <= m.start - verb.end() <= 2 or _TITLES_AFTER.fullmatch(text, verb.end(), m.start)
    ]
    if following:
        if whole and not _TO_END.match(text, following[0].end):
            return False
        found.by = [following[0].actor]
        return True
    first_name = _FIRST_NAME_AFTER.match(text, verb.end())
    if first_name:  # “…,” says Seydou, a taxi driver: no full name to make an actor of
        found.attribution = first_name.group(1)
        return True
    after = _DESCRIBED_AFTER.match(text[verb.end() :])
    if after is None:
        return False
    at = verb.end() + after.end()
    comma = re.match(r"\s*,\s*", text[at:])
    named = comma and next((m for m in mentions if m.start == at + comma.end()), None)
    end = named.end if named else at
    if whole and not _TO_END.match(text, end):
        return False
    described = " ".join(after.group(1).split())
    if named:
        found.by, found.title = [named.actor], described
        found.notes.append(
            f"check: '{described}, {text[named.start : named.end]}' read as {named.actor}"
        )
    else:
        found.attribution = described  # “…,” said one analyst
    return True


_TITLES_AFTER = re.compile(
    r"\s+(?:(?:"
    + "|".join(sorted((t.capitalize() for t in TITLES), key=len, reverse=True))
    + r")\.?\s+){1,3}"
)
"""Titles only between the verb and the name ("says Professor X", "said Colonel X")."""


_COORDINATED = re.compile(
    r"(?:\s*,[^,;“”\"]{1,90},)?\s+(?:[a-z]+ed|flew|went|met|made|held|took|gave|spent|"
    r"came|left|saw|sent|spoke|wrote|began|visited|toured)\b[^,;:“”\"]*?\s+and\s+"
    r"(?:(?:then|later|also)\s+)?"
)
"""Between a sentence's subject and a reporting verb in a second predicate joined by
"and" ("X, the envoy, toured the region a month ago and told …"): X is who tells."""
_SUBJECT_START = re.compile(r"\s*[“\"‘]?\s*(?:(?:[A-Z][\w’'.-]*|of|the)\s+){0,4}")
"""Before a sentence's subject: nothing, or its title ("Senator", "Foreign Minister")."""


def _named_here(
    text: str, upto: int, mentions: list[Mention], kind_of: Callable[[str], str | None]
) -> list[tuple[str, bool]]:
    """The persons the sentence names before ``upto`` outside quoted words, each with
    whether it is the sentence's subject (named first, after its title at most)."""
    quotes = [q.span() for q in _QUOTED.finditer(text)]
    return [
        (m.actor, _SUBJECT_START.fullmatch(text[: m.start]) is not None)
        for m in mentions
        if m.end <= upto
        and kind_of(m.actor) == "person"
        and not any(a <= m.start < b for a, b in quotes)
    ]


def _pronoun(
    found: Speech, pronoun: str, context: Context, here: Sequence[tuple[str, bool]] = ()
) -> None:
    if pronoun in ("he", "she") and here:
        people = list(dict.fromkeys(actor for actor, _ in here))
        if len(people) == 1 and here[0][1]:
            found.by = people
            found.notes.append(
                f"check: '{pronoun}' read as {people[0]}, the subject of the same sentence"
            )
        else:
            found.notes.append(
                f"check: who is '{pronoun}'? the sentence names {len(people)} "
                f"person{'s' if len(people) > 1 else ''} before it, not as one clear subject"
            )
        return
    if pronoun in ("he", "she") and context.people:
        people = list(dict.fromkeys(reversed(context.people)))  # the most recent first
        fits = [p for p in people if context.genders.get(p, pronoun) == pronoun]
        said = [p for p in fits if p in context.genders]
        if said:
            found.by = [said[0]]
            found.notes.append(f"check: '{pronoun}' read as {said[0]}, named before it")
        elif len(fits) == 1:
            found.by = fits
            found.notes.append(f"check: '{pronoun}' read as the person named before it")
        else:
            found.notes.append(
                f"check: who is '{pronoun}'? {len(fits)} persons named before it could be"
            )
    elif (
        pronoun in ("he", "she")
        and not context.speaker
        and (only := _only(context.before, pronoun, context))
    ):
        found.by = only
        found.notes.append(
            f"check: '{pronoun}' read as {found.by[0]}, the one person the paragraph before named"
        )
    elif pronoun == "it" and not context.speaker and context.message:
        found.attribution = context.message
        found.notes.append(f"check: 'it' read as {context.message} named in the sentence before")
    elif pronoun == "it" and context.speaker:
        found.by = list(context.speaker)
        found.document = context.issued and found.by == context.issuer  # "It adds that"
        found.notes.append("check: 'it' read as the body that spoke in the sentence before")
    else:
        found.notes.append(
            f"check: who is '{pronoun}'? no one named before it in the paragraph the draft trusts"
        )


def _only(people: list[str], pronoun: str, context: Context) -> list[str]:
    """The one person named, if only one was and the pronoun fits what the article said of
    them; else none."""
    named = list(dict.fromkeys(people))
    if len(named) == 1 and context.genders.get(named[0], pronoun) == pronoun:
        return named
    return []


def _theirs(text: str, verb: re.Match[str], quoted: re.Match[str]) -> bool:
    """Whether quoted words belong to the speaker: they stand in the speaker's own clause
    (before the verb, or after it with no ", but…" / ";" between), and are not introduced
    as someone else's ("Trump's 'trade, not aid' approach")."""
    if quoted.end() <= verb.start():
        return True
    between = text[verb.end() : quoted.start()]
    if _BOUNDARY.search(between):
        return False
    return _POSSESSIVE.search(text[: quoted.start()][-60:]) is None
