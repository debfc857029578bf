"""``briefbot draft``: candidate facts for a source, one per sentence worth a fact.

Each candidate is a valid fact record citing its sentence verbatim, so promoting it is a
move, not a rewrite; the curator still rewrites ``text`` neutrally and checks the rest.

Precision over recall: a field the draft is unsure of is left empty with a ``# check:``
comment, never filled with a guess. The rules, each readable by a curator:

- actors: :mod:`bot.curation.names` (names that are names; places are not actors);
- speakers and the kinds of reported speech: :mod:`bot.curation.speech`;
- other kinds: a sentence with no reporting verb whose verb is present tense and which
  carries an evaluative word ("marks", "signals", "appears", "risks", "is gone") or
  weighs what may be ("may depend", "Whether … is an open question") is the
  outlet's own reading (``analysis``, attributed to "the source's own assessment"); one
  dated by a phrase of its own and telling a past action is an ``event`` (not one dated
  "since …": a state lasting until publication); the rest is ``background`` (an undated
  past action says so in a comment: the curator who dates it changes its kind);
- left out, and added to the seed's ``skip`` list: headings, bylines ("(Sahel Desk;
  Editing by …)"), a presenter's introduction or sign-off ("I'm X, and this week…"),
  a transcript's pleasantries ("See you next week") and the presenter's questions and
  turns to a guest by name ("Awa, let's start with you."), a transcript's first line
  "Programme: headline?" (its heading, not the presenter's label), a communiqué's
  closing "Done at X, <date>.", sentences too short to state a fact and short answers
  with no verb ("Not without a fight.");
- silence: "said nothing", "declined to comment", "did not respond": no statement, the
  silent body an actor of a ``background`` fact, marked;
- transcripts: a guest's sentence with no reporting verb, or with "I"/"we" as its
  subject, is the guest's analysis; one whose reporting verb has another subject ("She
  said", "He told the crowd") is that subject's or blank, never the guest's;
- the article's own first person ("I think", "In my view"), outside a transcript: the
  author's analysis (an opening "In my view, the reform says…" too); in an opinion piece
  (that first person twice or more), an undated sentence in the present or with "should"
  too (not one opening with a person's name);
- quotations going on: a sentence wholly in quotation marks right after a quote, or
  opening a paragraph when the one before left its quotation open, is that quote's
  speaker's, said when it was; a sentence opening a quotation with no speaker takes the
  speaker of the next, which closes it ('"We did not ask for money.' … '…," he said.');
- dates: only a phrase in the sentence itself (:mod:`bot.curation.datefind`), and not
  one inside a relative, subordinate or participle clause (", which US forces left in
  August 2024", ", ousted in July 2023,", "the states that quit the bloc last year",
  "the report published by X on 2 June", "since the July 2023 coup", a participle right
  after a noun the verb names, "followed an audit completed in February", "workers
  detained in Benin since April", "A report published in October by X", or an event the
  verb's object names, "condemned the raid on its offices on Saturday" (not "held a vote
  on Saturday"): another event's; the sentence's phrases are read in order) nor one
  pointing back ("That same year") nor one still to come ("due", "will", "next", "next
  Thursday", "tomorrow", "expected", "scheduled": the store records no date after its source's
  publication), nor a weekday or month with
  no year whose clause has no verb in the past ("The trial opens on Wednesday"), each
  refused with a ``# check:`` comment; what was
  said or written with no phrase of its own takes the publication date, at its
  precision, or the date of an event the same paragraph reports when the sentence refers
  to it ("at the meeting"), or, in a statement's text whose first sentence says so
  ("Unofficial translation of a statement … issued on 7 March 2026", left out as a note),
  that statement's date, with a comment; the words of a statement named before ("The
  statement says", "It adds") take that statement's date; nothing else borrows the
  sentence before's date;
- restatements: an existing fact about the same actors, of the same family (said or
  happened), with a compatible date, and at least :data:`RESTATES` similar.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from bot.curation.datefind import FoundDate, find_dates
from bot.curation.drafts import Drafted
from bot.curation.names import DATELINE, TIMESTAMP, Mention, Names, Proposed
from bot.curation.places import is_place
from bot.curation.speech import (
    SPEAKING_PEOPLE,
    Context,
    Speech,
    describe,
    reporting_verb,
    speech,
)
from bot.records.dates import FuzzyDate
from bot.records.errors import BriefbotError
from bot.records.sentences import Sentence, split
from bot.records.served import Source
from bot.records.text import simplify
from bot.store.facts import FactStore

ProposedActor = Proposed

TOO_SHORT = 4
"""Sentences of fewer words are left out (and added to the seed's ``skip`` list)."""
RESTATES = 72
"""Similarity (rapidfuzz token set ratio) at which a sentence restates an existing fact."""

_NAMED = r"[A-Z][\w’'.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w’'.-]*){0,4}"
_CREDIT = re.compile(
    rf"^(?:(?i:(?:additional\s+)?(?:reporting|editing|writing|compiled|translated|"
    rf"production|graphics)\s+by)\s+{_NAMED}(?:\s+in\s+{_NAMED})?(?:\s+and\s+{_NAMED})?"
    rf"|(?i:by)\s+{_NAMED}|{_NAMED})$"
)
"""One part of a byline: "Reporting by X", "By X", "Sahel Desk", a name."""
_LEADING_CREDIT = re.compile(
    r"^\s*(?:\(?(?:additional\s+)?(?:reporting|editing|writing|compiled|translated)\s+by\b"
    r"|\(?\s*this story\b)",
    re.I,
)
_CREDITED = re.compile(r"\b(?:reporting|editing|writing|compiled|translated)\s+by\b|\bDesk\b", re.I)
_PRESENTER = re.compile(r"(?<![\w“\"‘])(?:I[’']m|I am|[Mm]y name is)\s+[A-Z][\w’'-]+\s+[A-Z]")
"""A presenter's own introduction or sign-off ("I'm Karim Ouedraogo, and this week…"):
the programme's framing, not a fact."""


_GREETING = re.compile(
    r"^\s*(?:Good\s+(?:morning|afternoon|evening)\b|(?:Hello|Hi)\b|"
    r"Welcome\s+(?:back\s+)?to\s+(?:our|this|the)\b|(?:And\s+)?(?:That[’']s|That\s+is|This\s+is)"
    r"\s+(?:all|it)\s+(?:from|for)\b|Thank\s+you\s+(?:for|all)\b|Thanks\s+for\b|"
    r"Here\s+(?:is|are)\s+what\s+we\s+know\b|We[’']ll\s+be\s+back\b|Stay\s+with\s+us\b)",
    re.I,
)
"""A live blog's greeting or sign-off to its readers ("Good morning and welcome back",
"That's all from us for today", "Here is what we know so far."): no fact."""


def _lead(text: str) -> int:
    """Where a live blog's entry begins after its time ("16:05 GMT - "), or 0."""
    stamp = TIMESTAMP.match(text)
    return stamp.end() if stamp else 0


_DAY_HEADING = re.compile(
    r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+(?:\d{1,2}\s+[A-Z][a-z]+|"
    r"[A-Z][a-z]+\s+\d{1,2})(?:,?\s+\d{4})?$"
)
"""A live blog's day heading ("Monday 30 November"): the day of the entries under it."""


def _day(heading: str, published: FuzzyDate | None) -> FuzzyDate | None:
    """The day a heading names, if it is a day heading and nothing more."""
    if not _DAY_HEADING.match(heading.strip()):
        return None
    dates = find_dates(heading, published)
    return dates[0].when if len(dates) == 1 else None


_NOTE_ON_TEXT = re.compile(
    r"^\(?\s*(?:(?:This|The)\s+(?:article|story|text|piece)\s+(?:was|has\s+been)\s+"
    r"(?:originally\s+)?)?(?:translated|translation|adapted|abridged)\s+(?:from|by|of)\b[^()]*"
    r"\)?\s*$",
    re.I,
)
"""A note on the text itself ("(Translated from the French)", "This article was translated
by our desk."): about the piece, not a fact, and no actor ("the French")."""
_SIGNED = re.compile(
    r"^\s*(?:Done|Made|Issued|Signed)\s+(?:at|in)\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*\s*,?\s*"
    r"(?:on\s+|this\s+)?[\w\s,]{0,30}\d{4}\.?\s*$"
)
"""A communiqué's closing place and date ("Done at Lome, 12 May 2026."): where and
when the text was signed, a note, not a fact."""
_TEXT_OF = re.compile(
    r"^(?:(?:an?|the)\s+)?(?:(?:unofficial|official|full|complete|abridged|english)\s+)*"
    r"(?:translation|text|transcript|summary)\s+of\s+(?:an?|the|its)\s+"
    r"(?:statement|communiqu[ée]|press release|declaration|speech|letter|message)\b",
    re.I,
)
"""An article's first sentence saying what the text is ("Unofficial translation of a
statement by the ministry, issued on 7 March 2026."): a note, not a fact; its date is the
statement's."""


_LABEL = re.compile(
    r"^\s*((?:[A-Z][A-Z’'.-]+|[A-Z][a-z’'.-]+)(?:\s+(?:[A-Z][A-Z’'.-]+|[A-Z][a-z’'.-]+)){1,3}"
    r"|ANCHOR|REPORTER|PRESENTER|CORRESPONDENT|HOST)"
    r":\s+(?=\S)"
)
"""A transcript's speaker label opening a paragraph: "KARIM OUEDRAOGO: …", "Awa Sangare: …"
(two to four capitalised words, all in capitals or each with its capital), or a role in
capitals ("ANCHOR: …", "REPORTER: …": no name, no actor)."""
_PLEASANTRY = re.compile(
    r"^\s*(?:good\s+(?:morning|afternoon|evening|night)|hello|hi|welcome|thank\s+you|thanks|"
    r"many\s+thanks|good-?bye|bye|that[’']s\s+all|that\s+is\s+all|that\s+was|"
    r"it[’']s\s+(?:a\s+)?pleasure|a\s+pleasure|you[’']re\s+welcome|stay\s+with\s+us|"
    r"see\s+you|until\s+next|join\s+us\s+(?:again|next))\b",
    re.I,
)
"""A greeting, thanks or sign-off ("Good evening.", "Thank you, Salif.", "That's all from
us."): the programme's courtesy, not a fact."""
_INTRODUCES = re.compile(
    r"^\s*(?:joining\s+(?:me|us)\b|with\s+(?:me|us)\b[^.?!]{0,30}?\b(?:is|are)\b|"
    r"(?:my|our)\s+(?:guest|guests|reporter|correspondent)\b)",
    re.I,
)
"""A presenter introducing a guest or a reporter ("Joining me now is X, a researcher…",
"Our reporter X travelled to the area."): hosting, not a fact (the names in it are still
proposed)."""


_ADDRESSES = re.compile(
    r"^\s*[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*(?:\s*,\s*(?:and\s+)?[A-Z][\w’'-]+"
    r"(?:\s+[A-Z][\w’'-]+)*)*\s*,\s*(?:let[’']s|let\s+us|you|your|thank|thanks|tell|what|"
    r"how|why|where|when|will|would|do|does|did|is|are|can|could|over\s+to)\b"
)
"""A presenter turning to a guest by name ("Awa, let's start with you.", "Moussa, you
were there.", "Awa Diallo, Moussa Ba, thank you both."): hosting, not a fact."""
_ANSWER_FRAGMENT = re.compile(
    r"^\s*(?:not|no|yes|never|perhaps|maybe|hardly|only|absolutely|certainly|exactly|mostly|"
    r"mainly|largely|chiefly|partly|above\s+all)\b"
    r"(?![^.?!]*\b(?:is|are|was|were|am|be|been|has|have|had|do|does|did|will|would|can|"
    r"could|should|may|might|must|shall|[a-z]{3,}ed)\b)[^.?!]*[.?!]?\s*$",
    re.I,
)
"""A short answer with no verb of its own ("Not without a fight.", "Yes, in part.",
"Mostly roads and credit."): a fragment, not a fact on its own."""
FRAGMENT_WORDS = 6
"""Answers of at most this many words are checked for being a fragment."""
ANSWER_WORDS = 12
"""Right after a question, answers of at most this many words are checked."""


def fragment(text: str, asked: bool = False) -> bool:
    """Whether ``text`` is a short answer with no verb ("Not before the rains."); ``asked``:
    it follows a question ("What do they want?" "Mostly roads and credit, and …")."""
    words = ANSWER_WORDS if asked else FRAGMENT_WORDS
    return len(text.split()) <= words and _ANSWER_FRAGMENT.match(text) is not None


@dataclass(frozen=True)
class Label:
    """A transcript paragraph's speaker label."""

    name: str
    """As a name ("Karim Ouedraogo" for "KARIM OUEDRAOGO")."""
    end: int
    """Where the words said begin, in the paragraph's first sentence."""
    host: bool
    """The programme's presenter: the first label of the transcript."""


def speaker_label(text: str, host: str | None) -> Label | None:
    """The label opening ``text``, if any; ``host``: the presenter's name, once known."""
    found = _LABEL.match(text)
    if found is None:
        return None
    words = found.group(1).split()
    name = " ".join(w if not w.isupper() else w[0] + w[1:].lower() for w in words)
    return Label(name, found.end(), host is None or host == name)


def headline_label(text: str) -> bool:
    """Whether the text's first line opens with what looks like a speaker label that no
    other line repeats ("Coast Hour: Can the strike be settled?"): the programme's
    name before its headline, not a speaker (the presenter is the first label repeated)."""
    lines = [line for line in text.splitlines() if line.strip()]
    first = _LABEL.match(lines[0]) if lines else None
    if first is None:
        return False
    return not any(
        (label := _LABEL.match(line)) and label.group(1) == first.group(1) for line in lines[1:]
    )


def hosting(text: str, label: Label) -> str | None:
    """Why a labelled line is left out: a pleasantry, a presenter's introduction, or a
    presenter's question to a guest; ``None`` for a line worth a fact."""
    if _PLEASANTRY.match(text):
        return "a pleasantry of the programme"
    if label.host and _INTRODUCES.match(text):
        return "a presenter's introduction of a guest or reporter"
    if label.host and _ADDRESSES.match(text):
        return "a presenter's address to a guest"
    if label.host and text.rstrip().endswith("?"):
        return "a presenter's question to a guest"
    return None


def is_byline(text: str) -> bool:
    """A credit line: "(Reporting by X; Editing by Y)", "By Sahel Desk", "(Sahel Desk;
    Editing by Tom Brandt)": every part a credit, a desk or a name, one part at least a
    credit or a desk."""
    if _LEADING_CREDIT.match(text):
        return True
    inner = text.strip().rstrip(".").strip()
    if inner.startswith("(") and inner.endswith(")"):
        inner = inner[1:-1]
    parts = [p.strip() for p in re.split(r"[;|]", inner) if p.strip()]
    # a name alone is a part only beside a credit: "(Sahel Desk; Editing by Tom Brandt)"
    credited = re.match(r"by\s", inner, re.I) or _CREDITED.search(inner)
    return bool(parts and credited) and all(_CREDIT.match(p) for p in parts)


def presents(text: str) -> bool:
    """Whether the sentence is a presenter's introduction or sign-off, outside quotes."""
    unquoted = re.sub(r"[“\"][^”\"]*[”\"]", "", text)
    return _PRESENTER.search(unquoted) is not None


_EVALUATIVE = re.compile(
    r"\b(?:marks|signals|underscores|highlights|suggests|reflects|mirrors|appears|appear|"
    r"seems|seem|presents|carries|carry|poses|raises|makes explicit|"
    r"(?:is|are|remains?)\s+(?:\w+\s+)?(?:gone|notable|unlikely|likely|uncertain|fluid|clear|"
    r"significant|stark|radical|evident|over))\b",
    re.I,
)
_NUMBER_WORD = (
    r"(?:\d|half\b|one\b|two\b|three\b|four\b|five\b|six\b|seven\b|eight\b|nine\b|ten\b|"
    r"twenty\b|a\s+(?:dozen|hundred|thousand|million|year|month|week|decade)\b|"
    r"(?:a\s+)?(?:dozens|hundreds|thousands|millions)\b)"
)
_JUDGES = re.compile(
    rf"\b(?:more|less|fewer|better|worse|rather|[a-z]{{3,}}er)\s+than\s+(?!{_NUMBER_WORD})"
    r"|\b(?:shows?|showed|proves?|proved|reveals?|revealed|illustrates?|demonstrates?|"
    r"underlines?)\s+(?:how|why|that|what|the\s+(?:limits|cost|danger|folly|price))\b"
    r"|\b(?:fails?|failed)\s+to\b|\bmiss(?:es|ed)?\s+the\s+point\b"
    r"|\b(?:lost|losing|loses|won|wins|winning)\s+the\s+argument\b"
    r"|\b(?:(?:a|the)\s+(?:mistake|folly|blunder)|counterproductive|self-defeating)\b"
)
"""An evaluative word in an opinion piece's sentence: a comparison not of numbers ("more
than the population", not "more than 2,000"), "shows how", "fails to", "miss the point",
"lost the argument": the author judging."""


def _unquoted(text: str) -> str:
    return re.sub(r"[“\"][^”\"]*[”\"]?", "", text)


_HEDGED = re.compile(
    r"^Whether\b|\b(?:may|might)\s+(?:well\s+|not\s+)*[a-z]{3,}\b"
    r"|\b(?:is|are|remains?)\s+(?:an?\s+)?(?:open\s+question|unclear|doubtful|unknown)\b"
)
"""The outlet weighing what may be ("may depend", "might prove", "Whether … is an open
question"): its own reading, as an evaluative word is ("may" in lower case: not the month)."""
_PAST = re.compile(
    r"\b(?:[a-z]{3,}ed|met|took|held|left|fled|began|won|lost|went|came|gave|made|sent|shut|"
    r"struck|fought|seized|was|were|led|spoke|saw|stood|fell|rose|broke|chose|drew|flew|"
    r"hit|kept|paid|sold|wrote|became|brought|built|caught|bought|overthrew|withdrew|ran|found|got|grew|drove|threw|swore|sank|shot)\b|"
    r"(?<![Ii] )(?<![Ww]e )(?<![Tt]hey )(?<![Yy]ou )\bread\s+(?:out|aloud)\b"
)
"""A verb in the past ("X read out": the present has its s, "X reads out")."""
_STATE = re.compile(r"\b(?:remains?|is|are|has|have|still|continues?|stays?|not|never)\b", re.I)
"""A state told in the present ("remains barred", "has not commented"), not an action."""


_DISCLAIMER = re.compile(
    r"\b(?:the\s+)?(?:views|opinions)\s+expressed\b|\bdo(?:es)?\s+not\s+necessarily\s+"
    r"reflect\b|\bin\s+a\s+personal\s+capacity\b",
    re.I,
)
"""A disclaimer ("The views expressed are his own."): about the piece, not a fact."""
_FRAMING = re.compile(
    r"^\s*(?:(?:It|This|That)\s+(?:did|does|do|is|was|has|had)(?:\s+not|n[’']t)\b|Not\s+everyone|"
    r"Not\s+all|Nobody|No\s+one|The\s+(?:short|simple|quick|brief)\s+answer\s+is\b|"
    r"[A-Z][^“”\"\d,;]*\b(?:was|were|is|are|seemed|sounded)\s+(?:much\s+|far\s+)?(?:less|more)\s+"
    r"(?:impressed|welcoming|enthusiastic|convinced|optimistic|sanguine|guarded|cautious|"
    r"critical|sceptical|skeptical|forthcoming|receptive|positive)\b)[^“”\"\d]*[.!]?\s*$"
)
"""A short line framing what follows ("It did not come out of nowhere.", "Not everyone in
Washington is convinced.", "The short answer is trade.", "Traders were less impressed.",
before the reactions it announces): a transition, nothing to cite on its own."""
_BILLING = re.compile(
    r"^\s*(?:This\s+(?:week|evening|morning)|Tonight|Today|Coming\s+up|Later|"
    r"On\s+(?:the|today[’']s|tonight[’']s)\s+programme|In\s+this\s+(?:edition|programme))\b"
)
"""A presenter's billing before any guest speaks ("This week, X's new approach to Y."):
a line naming the programme's subject, with no verb of its own (:data:`_FINITE`): no fact."""
_FINITE = re.compile(
    rf"{_PAST.pattern}|\b(?:is|are|has|have|says|say|do|does|will|can|goes|go|looks?|"
    r"remains?|faces?|begins?|comes?|takes?|tells?|meets?)\b"
)
"""A verb of a billing's own ("Tonight, the junta faces …"): a line worth a fact."""
FRAMING_WORDS = 7
"""Framing lines are at most this many words."""
_TRANSITION = re.compile(
    r"^\s*(?:(?:But|Yet|And|Still|Even\s+so|Elsewhere|Here)\s*,?\s+)?"
    r"(?:Others|Some|Many|Few|Not\s+everyone|Not\s+everybody|Not\s+all|Nobody|No\s+one|"
    r"(?:That|This|Such|The|Her|His|Their|Its)\s+(?:view|views|optimism|pessimism|reading|"
    r"assessment|confidence|hopes?|position|argument|enthusiasm|verdict|account|optimism|"
    r"line|case|claim|analysis|diagnosis))\b"
    r"[^“”\"\d;:]*\b(?:sure|certain|convinced|persuaded|universal|unanimous|shared?|shares|"
    r"agree|agrees|disagree|disagrees|optimistic|pessimistic|sanguine|impressed|"
    r"see\s+it\s+that\s+way|sees\s+it\s+that\s+way|go(?:es)?\s+unchallenged|"
    r"(?:is|was|went)\s+not\s+(?:universal|unchallenged|shared))\b[^“”\"\d]*[.!]?\s*$"
)
"""A line turning to other views ("Not everyone in the room shared her optimism.", "That
view is not universal.", "Others are less sure."): it tells no fact, the views that
follow do. Only of agreement or certainty, with no number, date or quoted words, and no
name but a place's ("Not all members agree with the plan to expel ECOWAS." is drafted)."""
TRANSITION_WORDS = 10
"""Transitions to other views are at most this many words."""
_OTHER_VIEW = re.compile(
    r"^\s*(?:(?:But|Yet|And|Still)\s*,?\s+)?(?:Others|Some|Many|Few|"
    rf"(?:[A-Z][\w’'-]*\s+)?(?:[a-z]+\s+){{0,2}}(?i:{SPEAKING_PEOPLE}))"
    r"(?:\s+(?:in|at|of)\s+[A-Z][\w’'-]+)?\s+(?:are|is|were|was|seem|seemed|sound|sounded|"
    r"feel|felt|go|goes|went|(?:see|saw|sees|view|views|read|reads)\s+(?:it|things))\s+"
    r"(?:much\s+|far\s+|even\s+)?(?:more|less|further|differently|otherwise)(?:\s+[a-z]+)?"
    r"[.!]?\s*$"
)
"""A line turning to another group's view by a comparative ("Others are more cautious.",
"Critics in Washington go further.", "Human rights advocates are more alarmed.", "Others
see it differently."): the views that follow tell the facts, this line none."""
_POINTING = re.compile(
    r"^\s*(?:That|This|These|Those|It)(?P<noun>\s+[a-z]+)?\s+(?:is|was|are|were)\s+"
    r"(?:not\s+)?(?:an?\s+|the\s+)?[a-z]+[.!]?\s*$"
)
"""A bare line whose subject only points back: at most :data:`POINTING_WORDS` words, a
demonstrative with no noun ("That is a start.") anywhere, one with a noun ("That line is
gone.") in a speaker's turn (the guest's emphasis of the line before; in the outlet's
voice, "That bargain is gone." is its reading): nothing the sentence before did not tell."""
POINTING_WORDS = 5
HOSTING = "a presenter's line hosting the guests, no report of its own"


def hosting_only(text: str, speakers: frozenset[str]) -> bool:
    """Whether a presenter's line, once a guest has spoken, only hosts: it reports no one's
    words (no reporting verb), gives no date, number or quoted words, and names no one but
    the programme's speakers (``speakers``: the words of its labels) and places, or
    presents a speaker ("Let's bring in our guest in X", "Dr. X is a fellow at Y", "X in
    Paris, Y in Dakar, thank you both", "The mood there was the worst in years."; not "X
    and Y disagree on the remedy", news the presenter reads)."""
    if reporting_verb(text) is not None or find_dates(text, None) or re.search(r"\d|[“\"]", text):
        return False
    opening = re.match(r"\s*(?:(?:Dr|Mr|Mrs|Ms|Professor|Prof)\.?\s+)?([A-Z][\w’'-]*)", text)
    if opening and opening.group(1) in speakers:  # "Dr. X is a fellow at Y": billing X
        return True
    named = re.findall(r"(?<=\s)[A-Z][\w’'-]*", text)
    return all(word in speakers or is_place(word) or _placed(word, text) for word in named)


def _placed(word: str, text: str) -> bool:
    """Whether the name stands after "in", "at", "near" or "from" ("our guest in X"): a
    place, for lines that name no one."""
    return re.search(rf"\b(?:in|at|near|from)\s+{re.escape(word)}\b", text) is not None


def framing(text: str, opening: bool, turn: bool = False) -> str | None:
    """Why a line is left out as the piece's framing, not a fact: with ``opening`` (a line
    of the presenter's before any guest speaks), a billing with no verb ("This week, …");
    a question outside quoted words ("What should Washington do?"); a disclaimer; a short
    transition, unless ``turn`` (in a speaker's turn a short line is the speaker's view:
    "That is diplomatic language for worry."). ``None`` for a line worth a fact."""
    if opening and _BILLING.match(text) and not _FINITE.search(text):
        return "the presenter's opening, before any guest speaks"
    unquoted = re.sub(r"[“\"][^”\"]*[”\"]?", "", text).strip()
    if unquoted.endswith("?"):
        return "a question, not a fact"
    if _DISCLAIMER.search(text):
        return "a disclaimer about the piece"
    short = len(text.split()) <= FRAMING_WORDS and not find_dates(text, None)
    if short and not turn and _FRAMING.match(text):
        return "a short line framing what follows"
    brief = len(text.split()) <= TRANSITION_WORDS and not find_dates(text, None)
    named = [w for w in re.findall(r"(?<=\s)[A-Z][\w’'-]*", text) if not is_place(w)]
    if brief and not turn and not named and _TRANSITION.match(text):
        return "a transition to other views, no fact of its own"
    elsewhere = [w for w in named if not _placed(w, text)]
    if brief and not elsewhere and _OTHER_VIEW.match(text):  # in a speaker's turn too
        return "a transition to other views, no fact of its own"
    pointing = _POINTING.match(text) if len(text.split()) <= POINTING_WORDS else None
    if pointing and (turn or not pointing.group("noun")):
        return "a line pointing back at the one before, no fact of its own"
    return None


_REFERS_TO_EVENT = re.compile(
    r"\b(?:at|during|after|before|on the sidelines of)\s+the\s+"
    r"(?:meeting|visit|talks|summit|conference|attack|ceremony|trip)\b",
    re.I,
)
SAID = frozenset({"statement", "claim", "quote", "analysis"})
OWN_ASSESSMENT = "the source's own assessment"


class DraftError(BriefbotError):
    kind = "draft"


@dataclass
class Candidate:
    sentence: Sentence
    kind: str
    actors: list[str] = field(default_factory=list)
    by: list[str] = field(default_factory=list)
    attribution: str | None = None
    words: str | None = None
    date: dict[str, object] | None = None
    restates: str | None = None
    notes: list[str] = field(default_factory=list)
    published_date: bool = False
    """The date is the publication's, for want of a phrase: a weak date."""
    dated_by: tuple[Sentence, str] | None = None
    """The event sentence whose date this one takes, and the words referring to it ("at
    the meeting"); its line is written with the draft, once the seed's header is final."""


@dataclass
class Draft:
    source: Source
    candidates: list[Candidate]
    skipped: list[tuple[Sentence, str]]
    proposed: list[Proposed]


def draft(store: FactStore, source_id: str, drafted: Sequence[Drafted] = ()) -> Draft:
    """Candidate facts for ``source_id``; ``drafted``: actors other drafts propose, linked
    under their ids (and never proposed again)."""
    if source_id not in store.sources:
        raise DraftError(f"There is no source {source_id!r}.", tuple(store.sources))
    source = store.sources[source_id]
    # Only facts count: an actor's citation marks where it is named, not a fact drafted
    # (a retracted one too: its passage was read, and is not drafted again).
    cited = [
        store.span(c)
        for f in store.all_facts.values()
        for c in f.citations
        if c.source == source_id
    ]
    names = Names(store, source.outlet, drafted, source.text)
    candidates: list[Candidate] = []
    skipped: list[tuple[Sentence, str]] = []
    seen: set[str] = set()
    context = Context()
    paragraph: list[Candidate] = []
    previous: Sentence | None = None
    issued: FuzzyDate | None = None
    day: FuzzyDate | None = None
    open_quote: Candidate | None = None
    published = source.published.date if source.published else None
    statement: Candidate | None = None
    opinion = opinion_piece(source.text)
    advising = not opinion and advising_piece(source.text)
    label: Label | None = None
    host: str | None = None
    guest: str | None = None
    spoken = False  # a guest has spoken: the presenter's opening is over
    headline = headline_label(source.text)
    speakers = frozenset(  # the words of the transcript's labels: its presenter and guests
        word
        for line in source.text.splitlines()[1 if headline else 0 :]
        if (found := speaker_label(line, None))
        for word in found.name.split()
    )
    asked = False  # the sentence before was a question left out
    for sentence in split(source.text):
        cut = 0
        if previous is None or "\n" in source.text[previous.end : sentence.start]:
            _new_paragraph(context)
            names.new_paragraph()
            paragraph = []
            label = None if previous is None and headline else speaker_label(sentence.text, host)
            if label is not None:
                context.before = []  # a transcript's turns: another speaker's names
                cut, host = label.end, host or label.name
                guest = None if label.host else _label_actor(names, label, sentence)
        said = sentence.text[cut:]
        key = simplify(sentence.text)
        why = hosting(said, label) if label is not None else None
        if label is not None and not label.host:
            spoken = True
        opening = label is not None and label.host and not spoken
        why = why or framing(said, opening, turn=label is not None)
        if (
            why is None
            and label is not None
            and label.host
            and spoken
            and hosting_only(said, speakers)
        ):
            why = HOSTING
        if not candidates and _TEXT_OF.match(sentence.text):  # under a headline too
            skipped.append((sentence, "a note on what the text is"))
            dates = find_dates(sentence.text, published)
            issued = dates[0].when if dates else None
            names.find(sentence.text)  # the issuing body is still proposed
        elif _NOTE_ON_TEXT.match(sentence.text) or _SIGNED.match(sentence.text):
            skipped.append((sentence, "a note on what the text is"))
            issued = None if _SIGNED.match(sentence.text) else issued  # the statement ends
        elif previous is not None and is_byline(sentence.text):
            skipped.append((sentence, "a byline"))  # "By X" on a line of its own too
        elif sentence.heading or (previous is None and headline):
            skipped.append((sentence, "a heading"))
            issued = issued if not candidates else None  # "Reactions": the statement ended
            day = _day(sentence.text, published) or day
        elif presents(sentence.text):
            skipped.append((sentence, "a presenter's introduction or sign-off"))
        elif _GREETING.match(sentence.text[_lead(sentence.text) :]):
            skipped.append((sentence, "a greeting or sign-off to the readers"))
        elif why is not None:
            skipped.append((sentence, why))
            if why.startswith("a presenter's introduction") or why == HOSTING:
                names.find(said)  # the guest and their body are still proposed
        elif key in seen:
            skipped.append((sentence, "repeats an earlier sentence"))
        elif any(s.start < sentence.end and sentence.start < s.end for s in cited):
            skipped.append((sentence, "already cited by the store"))
        elif len(simplify(said).split()) < TOO_SHORT or fragment(said, asked):
            skipped.append((sentence, "too short to state a fact"))
            _remember_people(context, names, said)  # "Traore was triumphant. He told…"
        else:
            around = Said(
                paragraph, open_quote, issued, cut, guest, opinion, statement, day, advising
            )
            candidate = _candidate(store, source, sentence, names, context, around)
            _opened_before(candidate, paragraph[-1:], said)
            if (candidate.by or candidate.attribution) and _issues(said):
                statement = candidate
            candidates.append(candidate)
            paragraph.append(candidate)
            open_quote = candidate if _leaves_open(sentence.text) else None
        asked = bool(skipped) and skipped[-1][0] is sentence and said.rstrip().endswith("?")
        previous = sentence
        seen.add(key)
    if opinion:
        _sign(candidates, source.text, names)
    return Draft(source, candidates, skipped, list(names.proposed.values()))


@dataclass
class Said:
    """What a sentence's words may take from those around it."""

    paragraph: list[Candidate]
    """The candidates so far in its paragraph."""
    open_quote: Candidate | None
    """The candidate before, when its quotation was left open (the quote goes on)."""
    issued: FuzzyDate | None
    """The date of the statement the text is (its first sentence says so), if any."""
    label_end: int = 0
    """Where the words said begin after a transcript's speaker label (0: no label)."""
    guest: str | None = None
    """The actor a transcript's label (not the presenter's) says is speaking."""
    opinion: bool = False
    """The article is an opinion piece (:func:`opinion_piece`)."""
    statement: Candidate | None = None
    """The last candidate naming a statement with its issuer ("according to a statement
    by X"): the date of the words "The statement says" gives after it."""
    day: FuzzyDate | None = None
    """The day a live blog's day heading above it names ("Monday 30 November"), if any."""
    advising: bool = False
    """The article gives advice in its own voice (:func:`advising_piece`)."""


_FIRST_PERSON = re.compile(r"(?:^|[\s,“\"])(?:I|[Ww]e)\s+(?:[a-z’']+\s+){0,2}$")
"""The speaker's own subject before a reporting verb: "I believe", "we always said"."""


def _first_person(text: str) -> bool:
    """Whether the sentence's reporting verb has the speaker as its subject ("I think")."""
    verb = reporting_verb(text)
    return verb is not None and _FIRST_PERSON.search(text[: verb.start()]) is not None


_MY_VIEW = re.compile(
    r"\b(?:[Ii]n my (?:view|opinion|judgement|judgment)|[Tt]o my mind)\b|"
    r"\bI(?:\s+am|[’']m|\s+was|\s+have|\s+do|\s+did|\s+would|\s+will|\s+can|\s+cannot|"
    r"\s+could)?(?:\s+not)?\s+(?:sure|think|believe|suspect|fear|hope|doubt|wonder|expect|"
    r"argue|see|find)\b"
)
OPINION_PIECE = 2
"""Sentences in the author's first person that make an article an opinion piece."""
_VIEWS = re.compile(r"\b(?:should|must|ought|cannot|is|are|matters?|amounts?|needs?)\b")
"""An opinion piece's present or "should": the author's view, when nothing dates it."""


def opinion_piece(text: str) -> bool:
    """Whether the article speaks in its author's first person (``OPINION_PIECE`` sentences
    or more, outside quoted words, and no transcript labels)."""
    lines = text.splitlines()[1:] if headline_label(text) else text.splitlines()
    if any(_LABEL.match(line) for line in lines):
        return False
    unquoted = re.sub(r"[“\"][^”\"]*[”\"]", "", text)
    return len(_MY_VIEW.findall(unquoted)) >= OPINION_PIECE


_ADVICE = re.compile(
    r"\b(?:should|ought\s+to|must|needs?\s+to|had\s+better|would\s+do\s+well\s+to)\b"
    r"(?!\s+(?:not\s+)?have\s+(?:been|known|seen|had)\b)"
    r"|^\s*(?:But\s+|And\s+|Still,\s+)?(?:It|This)\s+(?:would|will|may|might)\s+be\s+"
    r"(?:wise|prudent|better|sensible|smart|a\s+mistake|foolish|unwise|a\s+good\s+idea)\b"
    r"|^\s*(?:But\s+|And\s+)?It\s+is\s+(?:high\s+)?time\s+(?:for|to)\b"
)
"""A modal of advice ("Washington should…", "the juntas must…", "it would be wise to…";
not the guess "must have known")."""
ADVISING_PIECE = 2
"""Sentences of advice in the piece's own voice that make it an op-ed or analysis."""


def _advises(text: str) -> bool:
    """Whether the sentence, outside quoted words, gives advice in its main clause and
    reports no one's words (no reporting verb)."""
    unquoted = re.sub(r"[“\"][^”\"]*[”\"]?", "", text)
    return _ADVICE.search(_main_clause(unquoted)) is not None and reporting_verb(text) is None


def advising_piece(text: str) -> bool:
    """Whether the article gives advice in its own voice (``ADVISING_PIECE`` sentences or
    more, outside quoted words, that report no one's words): an op-ed or analysis piece,
    whose "should" is the piece's reading, not a fact."""
    return sum(1 for s in split(text) if not s.heading and _advises(s.text)) >= ADVISING_PIECE


AUTHOR = "the author"
"""The attribution of an article's own first person ("I believe", "In my view")."""


def _authors_view(text: str, mentions: list[Mention], names: Names) -> bool:
    """In an opinion piece, a sentence in the present or with "should" that tells no past
    (not "has spent", "was") and does not open with a person ("X is a former …")."""
    main = _main_clause(text)
    opens = mentions and mentions[0].start <= 2 and names.kind(mentions[0].actor) == "person"
    if opens:
        return False
    if re.search(r"\b(?:should|must|ought)\b", main):
        return True  # "It should tie … to a published timetable": a call, whatever it names
    if _PREDICTS.search(main):
        return True  # "A policy made without them will be easy to play": a prediction
    if _PAST.search(main) or re.search(r"\b(?:has|have|had)\b", main):
        return False
    return _VIEWS.search(main) is not None


_PREDICTS = re.compile(
    r"\b(?:will|won[’']t|risks?|(?:is|are)\s+(?:un)?likely\s+to|(?:is|are)\s+bound\s+to)\b"
)
"""An opinion piece's prediction ("will be easy", "risks teaching", "is likely to"): the
author's view of what is to come, not a fact ("would" is not: "the juntas would get no
relations until…" tells a past policy)."""
_BYLINE_NAME = re.compile(r"^\s*By\s+([A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,3})\s*$", re.M)


def _sign(candidates: list[Candidate], text: str, names: Names) -> None:
    """In an opinion piece, "the author" is the person the byline names ("By X"), when that
    person is known or proposed (from the bio line: "X is director of …"): linked as ``by``."""
    byline = _BYLINE_NAME.search(text)
    if byline is None:
        return
    name = byline.group(1)
    found = [
        m
        for m in names.find(name, propose=False)
        if m.end - m.start == len(name) and names.kind(m.actor) == "person"
    ]
    if len(found) != 1:
        return
    author = found[0].actor
    for candidate in candidates:
        if candidate.attribution == AUTHOR and not candidate.by:
            candidate.by, candidate.attribution = [author], None
            if author not in candidate.actors:
                candidate.actors.append(author)
            candidate.notes.append(f"check: the author read as {author}, the byline's {name}")


def _authors(text: str, said: Speech | None) -> Speech | None:
    """The article's author speaking in the first person, outside quoted words ("I think
    he is too kind", "In my view the policy deserved to end"): the author's analysis."""
    unquoted = re.sub(r"[“\"][^”\"]*[”\"]", "", text)
    mine = _MY_VIEW.search(unquoted) is not None
    speakerless = said is not None and not said.by and not said.attribution
    if speakerless and (_first_person(text) or _MY_VIEW.match(unquoted.lstrip())):
        mine = True  # "In my view, the reform says…": the author's, not the reform's
    elif said is not None or not mine:
        return said
    found = Speech("analysis", attribution=AUTHOR)
    found.notes.append("check: the article's own first person: read as its author's view")
    return found


def _label_actor(names: Names, label: Label, sentence: Sentence) -> str | None:
    """The known actor a speaker label names, or the person proposed from it (citing the
    labelled sentence)."""
    found = [m for m in names.find(label.name) if m.end - m.start == len(label.name)]
    if not found:
        return None
    proposal = next((p for p in names.proposed.values() if p.id == found[0].actor), None)
    if proposal is not None and proposal.quote == label.name:
        proposal.kind, proposal.quote = "person", sentence.text
    return found[0].actor


def _new_paragraph(context: Context) -> None:
    context.before, context.message = context.people, None
    context.people, context.speaker, context.bodies = [], [], []


def _leaves_open(text: str) -> bool:
    """Whether the sentence ends inside a quotation ("“Now nobody mentions the word.")."""
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def _closes(text: str) -> bool:
    """Whether the sentence closes a quotation it did not open ("Now they ask about it.”")."""
    if "“" in text or "”" in text:
        return text.count("”") > text.count("“")
    return text.count('"') == 1 and not re.match(r'\s*"', text)


def _continued(text: str, said: Said) -> Candidate | None:
    """The quote these quoted words go on from: a sentence wholly inside quotation marks
    right after a quote in its paragraph, or opening a paragraph when the one before left
    its quotation open. Its speaker is that quote's."""
    before = said.paragraph[-1] if said.paragraph else said.open_quote
    if (
        before is not None
        and said.paragraph
        and _leaves_open(before.sentence.text)
        and _closes(text)
        and reporting_verb(text) is None
    ):
        return before  # 'She said, "The … prisoners. Now they … lithium."': the quote goes on
    if not re.match(r"\s*[“\"]", text) or reporting_verb(text) is not None:
        return None
    if before is None or before.kind != "quote":
        return None
    return before if re.match(r"\s*[“\"][^”\"]*[”\"]?\s*$", text) else None


def _candidate(
    store: FactStore,
    source: Source,
    sentence: Sentence,
    names: Names,
    context: Context,
    around: Said,
) -> Candidate:
    text = sentence.text[around.label_end :]
    mentions = names.find(text)
    actors = list(dict.fromkeys(m.actor for m in mentions))
    candidate = Candidate(sentence, "background", actors=actors)
    candidate.notes += [m.note for m in mentions if m.note] + names.drain() + names.unplaced(text)
    published = source.published.date if source.published else None
    found, refused = _own_date(text, around.day or published)
    said = speech(
        text,
        mentions,
        context,
        names.kind,
        lambda title: _holders(store, title, context),
        lambda actor: actor in store.actors and bool(store.actors[actor].speaks_for),
    )
    message = (
        said is not None and said.attribution is not None and said.attribution == context.message
    )
    quoted = _continued(text, around)
    if quoted is not None:
        _go_on(candidate, quoted, text)
        _remember(context, mentions, candidate, names, text)
        return candidate
    if said is not None and not said.by and not said.attribution and around.guest:
        if _first_person(text):
            said = None  # "I believe…", "we think…" under a guest's label: the guest's
        else:  # "She said…", "they argue…": someone the guest reports, never the guest
            said.notes.append(
                f"check: in {around.guest}'s turn, but the reporting verb has its own "
                "subject: not read as the guest's"
            )
    if around.guest is None and around.label_end == 0:
        said = _authors(text, said)
    if said is None and around.guest is not None:
        said = Speech("analysis", by=[around.guest])
        said.notes.append(
            f"check: said by {around.guest} (the transcript's speaker label): read as their view"
        )
    if said is not None:
        candidate.kind, candidate.by = said.kind, said.by
        candidate.attribution, candidate.words = said.attribution, said.words
        candidate.notes += said.notes
        for actor in [*said.by, *said.actors]:
            if actor not in candidate.actors:
                candidate.actors.append(actor)
    elif around.opinion and not found and not refused and _JUDGES.search(_unquoted(text)):
        # "Paris … lost the argument with the public", "… more than the population": the
        # opinion piece's author judging, never unattributed background
        candidate.kind, candidate.attribution = "analysis", AUTHOR
        candidate.notes.append(
            "check: an evaluative sentence in an opinion piece: read as the author's analysis"
        )
    elif (_EVALUATIVE.search(text) or _HEDGED.search(text)) and not _PAST.search(
        _main_clause(text)
    ):
        candidate.kind, candidate.attribution = "analysis", OWN_ASSESSMENT
        candidate.notes.append("check: read as the outlet's own assessment")
    elif (around.opinion or around.advising) and _advises(text):
        # "Washington should restore …", "It would be wise to …": the piece's advice
        candidate.kind = "analysis"
        candidate.attribution = AUTHOR if around.opinion else OWN_ASSESSMENT
        candidate.notes.append(
            "check: advice in the piece's own voice ('should', 'must'): read as its analysis"
        )
    elif around.opinion and not found and not refused and _authors_view(text, mentions, names):
        candidate.kind, candidate.attribution = "analysis", AUTHOR
        candidate.notes.append("check: an opinion piece's undated present: read as the author's")
    candidate.notes += refused
    back = None if found else _POINTS_BACK.search(text)
    if back is not None:  # "That same year, …": the date of a sentence before, never borrowed
        if not any(repr(back.group(0)) in note for note in refused):  # said once is enough
            candidate.notes.append(
                f"check: {back.group(0)!r} points to a date given before: not recorded"
            )
    elif (
        said is not None
        and said.document
        and not found
        and around.statement is not None
        and (around.statement.by, around.statement.attribution) == (said.by, said.attribution)
    ):
        candidate.date = dict(around.statement.date) if around.statement.date else None
        candidate.published_date = around.statement.published_date
        candidate.notes.append("check: dated as the statement whose words it gives")
    elif message and not found:  # "She keeps the message he sent her that August. … it said"
        candidate.notes.append(
            f"check: the words of {context.message} named before, written when it was: not recorded"
        )
    elif candidate.kind in SAID:
        told = around.guest is not None and candidate.by == [around.guest] and _PAST.search(text)
        own = candidate.attribution in (AUTHOR, OWN_ASSESSMENT) and not candidate.by
        if found and found.ongoing and published is not None and not own:
            # "… since September": a state from then to publication, never its day alone
            _set_date(candidate, found.phrase, found.when, found.relative)
            candidate.notes.append(
                f"check: {found.phrase!r}: a state from then to publication, dated as that range"
            )
        elif found and (candidate.kind != "analysis" or told):
            _set_date(candidate, found.phrase, found.when, found.relative)
            reported = [
                f.phrase
                for f in find_dates(text, published)
                if f.start > found.start and _dates_the_saying(text, found)
            ]
            if reported:
                candidate.notes.append(
                    f"check: {found.phrase!r} dates the saying; {reported[0]!r} dates what "
                    "the words report, not the saying"
                )
            if not told and _reported(text, found):
                candidate.notes.append(
                    f"check: {found.phrase!r} dates what the words report, not when they were "
                    "said: if the fact is the saying, date it as said (else the publication)"
                )
            if told:  # "When X went to Niamey on Tuesday last week, he…": what the guest tells
                candidate.notes.append(
                    f"check: dated by the guest's own {found.phrase!r}: when it happened, "
                    "not when it was said"
                )
        elif any("two dates in one sentence" in note for note in refused):
            # the sentence's dates are its clauses' own: the publication day would be a guess
            candidate.notes.append(
                "check: not dated: which of the sentence's dates is the saying's? (never "
                "the publication day alone)"
            )
        else:
            _date_said(candidate, around, published)
    elif found and published is not None and _since_clause(text, found):
        # "Since the bloc was founded in 2023, its members have…": from then to publication
        since = FuzzyDate.parse(f"{found.when}..{published}")
        _set_date(candidate, found.phrase, since, found.relative)
        candidate.notes.append(f"check: 'Since … {found.phrase}': from then to publication")
    elif found:
        _set_date(candidate, found.phrase, found.when, found.relative)
        # "since September": a state lasting until publication, not an action at a time
        past = _PAST.search(text) and not found.ongoing
        candidate.kind = "event" if past else "background"
    elif refused:
        pass  # the sentence's only dates are another clause's or still to come: no kind guess
    elif candidate.kind not in SAID and (silent := _SILENT.search(text)):
        candidate.notes.append(
            f"check: {silent.group(0)!r} tells no words: no statement; background, the "
            "silent body an actor (a date of its own makes it an event)"
        )
        quiet = _silent_one(text[: silent.start()], context)
        if quiet and quiet not in candidate.actors:
            candidate.actors.append(quiet)  # "…, he declined to comment": the one he is
    elif _PAST.search(_main_clause(text)) and not _STATE.search(_main_clause(text)):
        candidate.notes.append(
            "check: a past action the sentence does not date: drafted background; if you "
            "give it a date, change its kind to event"
        )
    for actor in candidate.actors:
        if actor in names.drafted:
            candidate.notes.append(
                f"check: {actor} was proposed in drafts/{names.drafted[actor].file} when this "
                "was drafted: promote fails until it is in the store (validate --drafts says)"
            )
    _remember(context, mentions, candidate, names, text, said is not None and said.document)
    candidate.restates = _restated(store, candidate, published)
    if candidate.restates:
        candidate.notes.append(
            f"restates {candidate.restates}: promoting adds this sentence to its citations"
        )
    return candidate


def _silent_one(before: str, context: Context) -> str | None:
    """Who "he"/"she" right before a silence is: the one person the paragraph named before
    (as for a speaker), else no one."""
    pronoun = re.search(r"\b([Hh]e|[Ss]he)\s+(?:\w+\s+)?$", before)
    named = list(dict.fromkeys(context.people))
    if pronoun is None or len(named) != 1:
        return None
    said = pronoun.group(1).casefold()
    return named[0] if context.genders.get(named[0], said) == said else None


_SILENT = re.compile(
    r"\b(?:(?:said|says|has\s+said|had\s+said)\s+(?:nothing|little|no\s+more)|"
    r"(?:declined|declines|refused|refuses)\s+to\s+(?:comment|say|speak|respond)|"
    r"(?:did|does|has|have|had)\s+not\s+(?:yet\s+)?(?:respond|reply|replied|responded|comment|"
    r"commented)|(?:could|would)\s+not\s+(?:be\s+reached|comment)|no\s+comment)\b",
    re.I,
)
"""Telling that someone did not speak ("said nothing about", "declined to comment", "did
not respond to a request"): no words to draft as a statement."""
_POINTS_BACK = re.compile(
    r"\b(?:(?:that|the)\s+same\s+(?:day|week|month|year)|that\s+(?:day|week|month|year)|"
    r"the\s+(?:following|next|previous)\s+(?:day|week|month|year)|"
    r"an?\s+(?:day|week|month|year)\s+(?:later|earlier|before)|(?:days|weeks|months|years)\s+"
    r"(?:later|earlier))\b",
    re.I,
)
"""A time told by reference to a date given before ("That same year", "a month later"):
the draft borrows no date from another sentence, so it is left for the curator."""
_FUTURE = re.compile(
    r"\b(?:(?<!their )(?<!his )(?<!her )(?<!its )(?<!own )(?<!the )(?<!free )(?<!good )will|"
    r"won[’']t|shall|due|next|to come|coming|upcoming|expected to|scheduled|"
    r"set to|set for|plans? to|planned|is to|are to|was to|were to|intends? to|would|"
    r"could|might|hopes?|hoped|"
    r"(?:is|are)\s+(?:\w+\s+)?expected|awaited)\b",
    re.I,
)
"""Words that put what follows later than the telling: a date after them is still to come
("against their will", "the will of the people": a noun, no future)."""
_RELATIVE = re.compile(
    r"(?:,\s*(?:which|where|when|whose|whom|who)|\b(?:who|whom|whose|which)|,\s*after|"
    r",\s*before|,\s*since|,\s*until|,\s*(?:even\s+)?as|"
    r"\b(?:while|because|although|though|whereas))\b[^,;]*$",
    re.I,
)
"""A relative or subordinate clause the date phrase stands in (", which US forces left in
August 2024"; "officers who seized power between 2020 and 2023"; ", as raids rose in
August"; "because", "while"): its date is another event's, not the sentence's."""


_PARTICIPLE = re.compile(
    r",\s*(?:(?:first|later|briefly|once|then)\s+)?(?:[a-z]{3,}ed|held|taken|seized|born|"
    r"sworn|chosen|caught|kept|driven|given|shot|struck|overthrown|thrown|hit)\b[^,;—]*$"
)


_SENTENCE_END = re.compile(r"\s*[.!?]?[”\"]?\s*$")
_FINITE = re.compile(r"\b(?:that|had|has|have|was|were|is|are|will|would|who|which)\b")
_SUBJECT_APPOSED = re.compile(r"^[^,]*,\s*(?:the|a|an|its|his|her|their)\s[^,]*$")
"""A subject and its apposition before the comma ("X, the senior adviser, toured …"):
the verb after it is the sentence's, not a participle."""


def _closing_participle(before: str) -> bool:
    """The sentence ends in a participle clause after a comma (", held in Bamako since
    March 2024."): not a main verb after a subject's apposition, not a reporting verb
    (", recalled that …"), no finite verb of its own."""
    found = _PARTICIPLE.search(before)
    if found is None or _FINITE.search(found.group(0)):
        return False
    word = re.match(r",\s*(?:(?:first|later|briefly|once|then)\s+)?(\w+)", found.group(0))
    if word is None or reporting_verb(word.group(1) + " that") is not None:
        return False
    return _SUBJECT_APPOSED.match(before[: found.start()]) is None


def _participle(text: str, found: FoundDate) -> bool:
    """The phrase stands in a participle clause set off by commas (", ousted in July 2023,
    remains in detention"), or in an appositive's (", the president ousted in July 2023,
    remains…"): it dates what the participle says, not the sentence."""
    after = text[found.start + len(found.phrase) :]
    if _SENTENCE_END.match(after) and _closing_participle(text[: found.start]):
        return True  # "…, held in Bamako since March 2024.": the closing participle's date
    unquoted = re.sub(r"[“\"][^”\"]*[”\"]?", lambda q: "x" * len(q.group(0)), after)
    closed = re.match(r"[^,;.]*,\s*([\w’'-]*)", unquoted)  # not a comma in quoted words
    if closed is None or closed.group(1).endswith("ing"):
        return False  # "X, General Y, dismissed it last week, telling…": the main verb's
    before = text[: found.start]
    if _PARTICIPLE.search(before) is not None:
        return True
    _, comma, apposed = before.rpartition(",")
    return bool(comma) and _REDUCED.match(apposed.lstrip()) is not None


_DETERMINER = (
    r"(?:the|a|an|this|these|those|its|their|his|her|our|some|all|two|three|four|five|six|"
    r"several|many|dozens\s+of|hundreds\s+of|of)"
)
_REDUCED = re.compile(
    rf"\b{_DETERMINER}\s+(?:(?!(?:was|were|is|are|be|been|being|has|have|had)\b)[\w’'-]+\s+)"
    r"{0,3}?(?:[a-z]{3,}ed|held|kept|taken|seized|"
    r"born|sworn|chosen|caught|given|shot|struck|overthrown|thrown|hit|made|sent|built|"
    r"found|won|lost|begun|written|drawn|brought|jailed)"
    r"(?:\s+(?:in|at|near|outside|inside|across|by)\s+(?:the\s+)?[A-Z][\w’'-]*"
    r"(?:\s+[A-Z][\w’'-]*)*)?\s*$"
)
"""A noun and the participle after it right before the date, a place between at most
("an audit completed in February", "three sailors detained since January", "two workers
held in Kidal since May")."""
_PAST_OR_PERFECT = re.compile(rf"{_PAST.pattern}|\b(?:has|have|had)\b")
"""A verb of the clause before the noun ("followed", "raised", "has seen"; not a plural
noun: "The leaders of the three states agreed on Monday" is the states' verb)."""
_CLAUSE_VERB = re.compile(rf"{_PAST.pattern}|\b[a-z]{{2,}}[^s\W]s\b|\b(?:has|have|had)\b")
"""A verb in the past, or in the present with its "s" ("condemns"; roughly: a plural noun
too, which puts the noun after a subject, as a verb would)."""


def _reduced_participle(text: str, found: FoundDate) -> bool:
    """The phrase dates a participle that follows a noun, with no commas ("the change
    followed an audit completed in February", "raised the case of three sailors
    detained since January"): the noun's event, not the sentence's. The noun must come after a verb
    of its clause ("Ministers from the bloc gathered on Monday": a subject, its verb)."""
    before = text[: found.start]
    clause = re.split(r"[,;—]|\b(?:that|said|says|told|tells)\b", before)[-1]
    reduced = _REDUCED.search(clause)
    return reduced is not None and _PAST_OR_PERFECT.search(clause[: reduced.start()]) is not None


_EVENT_NOUNS = (
    r"attacks?|raids?|ambush|bombings?|strikes?|assault|offensive|massacre|killings?|"
    r"shooting|explosion|blast|kidnapping|abduction|arrests?|coup|vote|referendum|"
    r"elections?|polls?|meeting|visit|summit|protests?|demonstration|ceremony|speech|"
    r"invasion|incursion"
)
_EVENT_OBJECT = re.compile(
    rf"\b([a-z]+)\s+(?:the|a|an|its|their|his|her|this|last\s+week[’']s)\s+"
    rf"(?:[\w’'-]+\s+){{0,2}}?({_EVENT_NOUNS})\b"
    r"(?:\s+(?!(?:and|but|that|which|who|then|while)\b)[\w’'.-]+){0,8}\s*$",
    re.I,
)
"""A verb, then an event noun as its object with what qualifies it ("condemned the attack
on the convoy near X"), right before the date."""
_SAME_TIME = frozenset(
    """held hold holds hosted hosts attended attends addressed addresses chaired convened
    opened closed organised organized staged launched led began started resumed ended
    concluded joined paid made won lost boycotted conducted repelled repulsed foiled
    thwarted survived suffered mounted carried told tells said says spoke briefed""".split()
)
"""Verbs whose act is the event itself or is done at it ("held a vote on Sunday",
"repelled an attack on Sunday", "told a meeting on Sunday"): the date is the sentence's
too."""
_PREPOSITIONS = frozenset(
    """about across after against at before behind besides by during for from in into
    of on over since through to towards under until upon with within without as""".split()
)


def _event_object(text: str, found: FoundDate) -> str | None:
    """The event noun whose date the phrase is, as the object of the verb before it
    ("condemned the raid on its offices on Saturday": the raid's day, not the
    condemnation's), else ``None``; not when the verb does the event ("held a vote on
    Sunday") or is told at it ("told a meeting on Sunday")."""
    clause = re.split(r"[,;—]", text[: found.start])[-1]
    event = _EVENT_OBJECT.search(clause)
    if event is None:
        return None
    verb = event.group(1).casefold()  # "about an attack last week": no verb, no object
    if verb in _SAME_TIME or verb in _PREPOSITIONS or not _CLAUSE_VERB.match(verb):
        return None
    return event.group(2).casefold()


_NOUN_BEFORE = re.compile(
    r"\b(?:the|a|an|this|these|those|its|their|his|her|our|some|all|two|three|four|five|"
    r"several|many)\s+(?:[\w’'-]+\s+){0,2}?(?!(?:said|told|says|tells)\b)[\w’'-]+\s*$",
    re.I,
)
"""A noun phrase with its determiner right before "that": "the three states that"."""


_PLACED = re.compile(
    r"\s+(?:near|in|at|outside|on|of)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z0-9][\w’'-]*)*\s*$"
)
"""A place after the noun a "that" clause qualifies: "the drone facility near X that"."""


def _that_relative(before: str) -> bool:
    """The phrase stands in a relative clause opened by "that" after a noun with its
    determiner ("the three states that quit the bloc last year"), not in the clause a
    verb reports ("recalled that Niger had left the bloc in January 2025", "told reporters
    that")."""
    that = next(reversed(list(re.finditer(r"\bthat\b", before))), None)
    if that is None or re.search(r"[,;—]", before[that.end() :]):
        return False
    head = before[: that.start()]
    placed = _PLACED.search(head)
    if placed:
        head = head[: placed.start()] + " "
    return _NOUN_BEFORE.search(head) is not None and not re.search(r"[a-z]{3,}ed\s*$", head)


_DOCUMENT_DATED = re.compile(
    r"\b(?i:an?|the|its|their|his|her)\s+(?:[\w’'-]+\s+)?(?:report|statement|letter|"
    r"communiqu[ée]|study|survey|document|message|post|declaration)\s+(?:released|published|"
    r"issued|sent|posted|dated|put\s+out)\s+$"
)
_SAID_IN = re.compile(
    r"\b(?:(?:said|says|wrote|writes|warned|stated|announced|argued|found|reported)\s+in|"
    r"[Aa]ccording\s+to)\s+$"
)


def _document_dated(before: str) -> bool | None:
    """A date after "a report released": ``None`` if none; ``True`` if the sentence's
    speaker said it in that report ("X said in a report released on 9 January", "according
    to a statement issued on Friday": the telling's date); ``False`` if another's document
    is only named ("cited a report released on 9 January": its date, not the sentence's)."""
    document = _DOCUMENT_DATED.search(before)
    if document is None:
        return None
    return _SAID_IN.search(before[: document.start()]) is not None


_MADE_BY = re.compile(
    r"\b(?:the|a|an|its|their|this|that)\s+"
    r"(?:(?!(?:was|were|is|are|be|been|being|has|have|had)\b)[\w’'-]+\s+){1,3}?"
    r"(?:[a-z]{3,}ed|taken|given|written|drawn|shown|made|sent|held|signed|issued)\s+by\s+"
    r"[^,;—]*$"
)


def _made_by(before: str) -> bool:
    """The phrase dates a thing the sentence names as made by someone ("has examined the
    report published by the Rights Office on 2 June"): that thing's date, not the
    sentence's (also in reported speech: a blank rather than another event's date)."""
    return _MADE_BY.search(before) is not None


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_PARTICIPLE_BEFORE = re.compile(
    r"\b(?!(?:would|will|be|been|being|to|has|have|had|was|were|is|are|shall|could|might|"
    r"not|may|must)\b)[a-z]{3,}\s+(?!(?:expected|scheduled|planned|slated|due)\b)"
    r"(?:[a-z]{3,}ed|held|kept|taken|seized|made|sent|built|given|won|lost)\s+$"
)
"""A noun and its past participle right before the date ("the restrictions imposed last
year"): the participle's time, past, even in a clause about what is to come."""
_AHEAD_NO_DATE = re.compile(
    rf"\b(?:next\s+(?:week|month|year|{_WEEKDAYS}|{_MONTHS})|"
    rf"(?:this\s+)?coming\s+(?:week|month|{_WEEKDAYS})|in\s+the\s+coming\s+(?:days|weeks|months)|"
    r"later\s+this\s+(?:week|month|year)|tomorrow|the\s+day\s+after\s+tomorrow)\b",
    re.I,
)
"""Dates still to come the date finder gives no date ("is expected … next week", "meet in
Kara next Thursday", "tomorrow")."""
_AHEAD_DAY = re.compile(
    r"\b(?:scheduled|due|set|expected|planned|slated|to be held)\s+(?:for|on|in|by)\s+"
    rf"(?:\d{{1,2}}\s+(?:{_MONTHS})|(?:{_MONTHS})(?:\s+\d{{1,2}})?|"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b"
)
"""A day or month a plan is set for ("are scheduled for 12 January", "are due on 20
March"): the date finder leaves a day after publication undated, still to come."""
_TOLD_AT = re.compile(
    r"\b(?:(?:told|tells)(?:\s+(?:me|us|him|her|them|reporters|journalists|"
    r"(?:an?|the|his|her|their|its)\s+[\w’'-]+))?|said|wrote|announced|declared|added)"
    r"(?:\s+(?:in|at|to|during|outside)\s+(?:an?\s+|the\s+)?[\w’'-]+(?:\s+[A-Z][\w’'-]+)*)*"
    r"\s*$"
)
"""A past reporting verb with only its object and places between it and the date ("he
told a crowd in Dori on Saturday"): the date is the telling's, behind us."""
_SAID_WHERE = re.compile(
    r"\b(?:said|told|announced|stated|declared|wrote|added)\s+(?:in|at|during|outside|via|"
    r"through|on|from)\s+(?:(?!\b(?:that|will|would|shall|whether|if)\b)[^\"“”,;])*$"
)
"""A past reporting verb, then only the phrase of where it was said, however long ("said
in a communiqué read on state radio on Monday night"): the date is the telling's."""
_AHEAD_OR_BEHIND = re.compile(
    r"(?:on|in|during|early|late)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|january|february|march|april|may|june|july|august|september|october|november|"
    r"december)$",
    re.I,
)
"""A weekday or month with no year ("on Sunday", "in April"): resolved to the one on or
before publication only when a verb in the past says it is behind us ("The visit takes
place on Sunday" may be the Sunday to come)."""


_BEHIND = re.compile(rf"{_PAST.pattern}|\b(?:said|told|wrote|spoke|has|have|had|did)\b")


def _behind(text: str, found: FoundDate) -> bool:
    """Whether a weekday or month with no year is told as past: it dates the telling ("said
    on Friday"), or its own clause has a verb in the past ("Talks resumed on Tuesday"; not
    "Officials said the vote takes place on Sunday")."""
    before = text[: found.start]
    if re.search(
        r"\b(?:said|told|announced|stated|declared|wrote|added)"
        r"(?:\s+(?:[A-Z][\w’'.-]*|reporters|journalists))?\s*$",  # "told AFP on Monday"
        before,
    ):
        return True
    if _TOLD_AT.search(before) or _SAID_WHERE.search(before):
        return True
    clause = re.split(r"\b(?:said|says|told|tells|that)\b|;", before)[-1]
    return _BEHIND.search(clause + text[found.start :]) is not None


def _reported(text: str, found: FoundDate) -> bool:
    """The phrase stands in the clause a reporting verb reports, after a verb of that
    clause ("said the plan was settled during a trip last week", "told reporters that
    bandits had killed 12 herders last month"): it dates what the words report, not the
    saying ("said on Monday", "told a crowd in Dori on Saturday that": the saying's)."""
    verb = reporting_verb(text)
    if verb is None or verb.group(1) in ("according to", "According to"):
        return False
    if verb.end() > found.start:
        return False
    before = text[: found.start]
    if _TOLD_AT.search(before) or _SAID_WHERE.search(before):
        return False
    return _PAST_OR_PERFECT.search(text[verb.end() : found.start]) is not None


def _own_date(text: str, published: FuzzyDate | None) -> tuple[FoundDate | None, list[str]]:
    """The first date phrase that dates the sentence's own statement or event, and a note
    for each one refused: one inside a relative or subordinate clause dates another event;
    one after a word of the future ("due", "will", "next", "scheduled") is still to come,
    and the store records no date after its source's publication."""
    notes: list[str] = []
    found_all = sorted(find_dates(text, published), key=lambda f: f.start)
    dateline = DATELINE.match(text)
    if dateline:  # "BAMAKO, March 10 (Sahel Wire) - … on Monday": the sentence's own first
        found_all.sort(key=lambda f: f.start < dateline.end())
    ahead = _AHEAD_NO_DATE.search(text) or _AHEAD_DAY.search(text)
    if ahead and not any(ahead.start() <= f.start < ahead.end() for f in found_all):
        notes.append(f"check: a date still to come ({ahead.group(0)!r}): not recorded")
    for found in found_all:
        clause = re.split(r"[,;—]", text[: found.start])[-1]
        ahead_of = _AHEAD_NO_DATE.match(text, found.start + len(found.phrase) + 1)
        future = _FUTURE.search(clause) or _FUTURE.search(text[: found.start][-40:])
        if future and not ahead_of and _PARTICIPLE_BEFORE.search(text[: found.start]):
            notes.append(  # "would ease the restrictions imposed last year": no date to come
                f"check: {found.phrase!r} dates another clause's event, not this sentence's"
            )
        elif future or ahead_of:
            notes.append(f"check: a date still to come ({found.phrase!r}): not recorded")
        elif _AHEAD_OR_BEHIND.match(found.phrase) and not _behind(text, found):
            notes.append(
                f"check: {found.phrase!r} with no verb in the past: a date still to come, or "
                "the one before? not recorded"
            )
        elif (
            _RELATIVE.search(text[: found.start])
            or _participle(text, found)
            or _reduced_participle(text, found)
            or _that_relative(text[: found.start])
            or _made_by(text[: found.start])
            or _since_phrase(text, found)
            or _document_dated(text[: found.start]) is False
        ):
            notes.append(
                f"check: {found.phrase!r} dates another clause's event, not this sentence's"
            )
        elif (event := _event_object(text, found)) is not None:
            notes.append(
                f"check: {found.phrase!r} dates the {event} the sentence names, not its own "
                "act: not recorded"
            )
        elif (
            second := _joined_date(text, found) or _second_date(text, found, found_all)
        ) is not None:
            notes.append(
                f"check: two dates in one sentence ({found.phrase!r}, {second!r}): each "
                "clause's event has its own; not recorded"
            )
            return None, notes
        else:
            if _document_dated(text[: found.start]):
                notes.append(f"check: {found.phrase!r} dates the document the words were said in")
            return found, notes
    return None, notes


_AND_DATE = re.compile(
    rf"\s*,?\s*(?:and|or)\s+(?:in\s+|on\s+)?(\d{{4}}\b|(?:{_WEEKDAYS}|{_MONTHS})\b)"
)
"""A second year, weekday or month joined to the phrase by "and" ("in 2024 and 2025", "in
March and April 2025"): two dates, never the first alone."""


def _joined_date(text: str, found: FoundDate) -> str | None:
    """The second of two dates joined by "and" right after the phrase, else ``None``."""
    joined = _AND_DATE.match(text, found.start + len(found.phrase))
    return joined.group(1) if joined else None


_NEXT_CLAUSE = re.compile(
    r"(?:,\s*(?:and|but|while|then)|;|\s+and\s+then|\s+(?:and|but)\s*,)\s", re.I
)
"""Where a second main clause starts after the date: ", and", "; ", "and, with X, …"."""


_AND_DID = re.compile(
    r"\s+and\s+(?=(?:[a-z]{2,}ed|met|held|made|gave|took|told|flew|went|left|came|saw|sent|"
    r"spoke|began|signed|won|lost)\b)"
)
"""A second past verb joined by a bare "and" ("landed on Saturday and met X …")."""
_SAME_DAY = re.compile(r"\b(?:this\s+(?:morning|afternoon|evening)|today|tonight)\b", re.I)
"""The publication day's own time ("this morning"): a date the phrase finder leaves."""


_SAID_WHEN = re.compile(
    r"\b(?:said|told|announced|stated|declared|wrote|added|reported|warned|claimed)"
    r"(?:\s+(?:[A-Z][\w’'.-]*|reporters|journalists|me|us|him|her|them))?\s*$"
)
"""A reporting verb right before the date ("said last week", "told reporters on Tuesday"):
the phrase dates the saying."""
_REPORTED_CLAUSE = re.compile(
    r"\s*(?:,\s*)?(?:that\b|[“\"])|\s+(?!(?:and|or|but|then|while|again)\b)[a-z]"
)
"""What follows a saying's date: the clause it reports ("… that soldiers had killed … in
January"), whose own dates date what is reported, not a second event of the sentence."""


def _dates_the_saying(text: str, found: FoundDate) -> bool:
    """The phrase dates the saying ("Amnesty said last week that … in January"): a later
    date is the reported clause's, not a second clause's event."""
    after = text[found.start + len(found.phrase) :]
    return (
        _SAID_WHEN.search(text[: found.start]) is not None
        and _REPORTED_CLAUSE.match(after) is not None
    )


def _second_date(text: str, found: FoundDate, found_all: list[FoundDate]) -> str | None:
    """A date of another event in a later clause ("X did A on 26 May, and Y did B two days
    later" / "… on 28 May", "landed on Saturday and met X this morning"): the phrase, else
    ``None``. Not the dates of the clause a saying reports (:func:`_dates_the_saying`)."""
    after = found.start + len(found.phrase)
    if _dates_the_saying(text, found):
        return None
    joints = [j for j in (_NEXT_CLAUSE.search(text, after), _AND_DID.search(text, after)) if j]
    if not joints:
        return None
    joint = min(joints, key=lambda j: j.start())
    back = _POINTS_BACK.search(text, joint.end()) or _SAME_DAY.search(text, joint.end())
    if back is not None:
        return back.group(0)
    later = [f for f in found_all if f.start >= joint.end() and f.when != found.when]
    return later[0].phrase if later else None


_SINCE_THE = re.compile(r"\bsince\s+(?:the|a|an|its|their|his|her)\b[^,;—]*$", re.I)
"""A "since" phrase naming an event ("the first visit since the July 2023 coup", "quiet
since the dissolution of the parties in May 2025"): the date is that event's."""


def _since_phrase(text: str, found: FoundDate) -> bool:
    """The phrase dates the event a "since the …" phrase names, not the sentence (a
    sentence opening "Since …," is a state from then on: :func:`_since_clause`)."""
    return _SINCE_THE.search(text[: found.start]) is not None and not _since_clause(text, found)


def _since_clause(text: str, found: FoundDate) -> bool:
    """The sentence opens with a "Since …" clause holding the date phrase ("Since the
    border was closed in October 2025, traders have lost…"): a state from then on."""
    opening = re.match(r"\s*Since\b[^,;]*,", text)
    return opening is not None and found.start < opening.end() and not found.ongoing


def _set_date(candidate: Candidate, phrase: str | None, when: FuzzyDate, relative: bool) -> None:
    candidate.date = {"when": str(when)}
    if phrase:
        candidate.date["phrase"] = phrase
    if relative:
        candidate.date["relative"] = True


def _go_on(candidate: Candidate, quoted: Candidate, text: str) -> None:
    """Quoted words going on from ``quoted``: its speaker's, said when it was."""
    candidate.kind = "quote"
    candidate.by, candidate.attribution = list(quoted.by), quoted.attribution
    candidate.words = text.strip().strip('“”"').strip()
    candidate.date = dict(quoted.date) if quoted.date else None
    candidate.published_date = quoted.published_date
    for actor in [*quoted.by, *(a for a in quoted.actors if a in quoted.by)]:
        if actor not in candidate.actors:
            candidate.actors.append(actor)
    who = ", ".join(quoted.by) or quoted.attribution or "no speaker the draft trusts"
    candidate.notes.append(f"check: the quotation goes on from the quote before: read as {who}")


def _opened_before(candidate: Candidate, before: list[Candidate], text: str) -> None:
    """Quoted words that a sentence closes and credits ('We asked…," he said.') began in
    the sentence before ('"We did not ask for money.'), left with no speaker: they are
    the same speaker's quote, said when the rest was."""
    opened = before[0] if before else None
    speaker = candidate.by or candidate.attribution
    if opened is None or opened.by or opened.attribution or not speaker:
        return
    if not _leaves_open(opened.sentence.text) or candidate.kind != "quote" or not _closes(text):
        return
    opened.kind, opened.by, opened.attribution = "quote", list(candidate.by), candidate.attribution
    opened.words = opened.sentence.text.strip().strip('“”"').strip()
    opened.date = dict(candidate.date) if candidate.date else None
    opened.published_date = candidate.published_date
    opened.notes = [n for n in opened.notes if "background" not in n]  # the kind guessed
    opened.actors += [a for a in candidate.by if a not in opened.actors]
    who = ", ".join(candidate.by) or candidate.attribution
    opened.notes.append(f"check: the quotation closes in the next sentence: read as {who}'s")


_SAID_THEN = re.compile(rf"\s*((?:When|As|After)\s+[^,;]*?(?:{_PAST.pattern})[^,;]*),")
"""An opening clause in the past that times the words ("When X visited Bamako in early
2026, he spoke of…"): said then, not at publication."""


def _date_said(candidate: Candidate, around: Said, published: FuzzyDate | None) -> None:
    """Words said or written, with no date phrase of their own."""
    refers = _REFERS_TO_EVENT.search(candidate.sentence.text)
    event = next((c for c in reversed(around.paragraph) if c.kind == "event" and c.date), None)
    if refers and event is not None and event.date is not None:
        candidate.date = dict(event.date)
        candidate.dated_by = (event.sentence, refers.group(0))
    elif around.issued is not None:
        candidate.date = {"when": str(around.issued)}
        candidate.published_date = True
        candidate.notes.append(
            "check: dated to the statement the text gives (its first sentence), when it was said"
        )
    elif around.day is not None:
        candidate.date = {"when": str(around.day)}
        candidate.notes.append("check: dated by the live blog's day heading, when it was said")
    elif (then := _SAID_THEN.match(candidate.sentence.text, around.label_end)) is not None:
        candidate.notes.append(  # "When X visited Bamako in early 2026, he spoke of…"
            f"check: said at the time {then.group(1)!r} tells, not when the article appeared: "
            "date it then"
        )
    elif published is not None:
        candidate.date = {"when": str(published), "relative": True}
        candidate.published_date = True
        candidate.notes.append("check: dated to the article's publication, when it was said")


def _main_clause(text: str) -> str:
    """The sentence without its relative and subordinate clauses (roughly: up to the first
    "that", "which", "who", "after", "following")."""
    return re.split(r"\b(?:that|which|who|after|following|since|when)\b", text, maxsplit=1)[0]


_SENT_FROM = re.compile(r"\b(?:an?|the)\s+(?:message|letter)\s+(?:from|by|of)\b", re.I)
"""A message or letter and who sent it: "The message said" after it is the sender's."""
_MESSAGE = re.compile(r"\b(?:the|a|an|his|her|its|their)\s+(message|letter|note|text)\b", re.I)
"""A message the sentence names ("She keeps the message he sent her"): an "it said" after
it gives its words."""
_STATEMENT_WORD = re.compile(r"\b(?:statement|communiqu[ée]|declaration|press release)\b", re.I)
_WROTE = re.compile(r"\b(?:wrote|writes)\s+(?:to\b|an?\s+(?:open\s+)?letter\b)")
"""A letter written ("wrote to the minister"): its words, told next, are the writer's."""


_IN_STATEMENT = re.compile(
    r"\bin\s+(?:an?|its|his|her|their)\s+(?:[\w-]+\s+)?(?:statement|communiqu[ée]|declaration|"
    r"press\s+release)\b",
    re.I,
)
"""Words said "in a statement" (a communique): the speaker issued it, a person too."""


def _issues(text: str) -> bool:
    """Whether the sentence names a statement or a letter its speaker issued."""
    return _STATEMENT_WORD.search(text) is not None or _WROTE.search(text) is not None


def _remember(
    context: Context,
    mentions: list[Mention],
    candidate: Candidate,
    names: Names,
    text: str,
    document: bool = False,
) -> None:
    """What a pronoun, a title or "the statement" in a later sentence may stand for;
    ``document``: the sentence gave the words of a statement named before."""
    context.described += describe(text, mentions, names.kind)
    for index, mention in enumerate(mentions):
        if names.kind(mention.actor) != "person":
            context.bodies.append(mention.actor)
            context.named.append(mention.actor)
        if names.kind(mention.actor) == "person":
            context.people.append(mention.actor)
            gender = _gender(text[max(0, mention.start - 40) : mention.start])
            if gender:
                context.genders[mention.actor] = gender
        context.titles.append((_title_words(text, mentions, index), mention.actor))
    context.speaker = [a for a in candidate.by if names.kind(a) != "person"]
    message = _MESSAGE.search(text)
    context.message = f"the {message.group(1)}" if message and not context.speaker else None
    context.stated = candidate.kind in ("statement", "quote")
    statement = _STATEMENT_WORD.search(text) is not None
    context.issued = statement or document or bool(candidate.by and _WROTE.search(text))
    if statement:
        context.issuer = [a for a in candidate.by if names.kind(a) != "person"]
        context.issuer_described = None
        if _IN_STATEMENT.search(text):  # "X welcomed the move in a statement": X issued it
            context.issuer = list(candidate.by)
            context.issuer_described = None if candidate.by else candidate.attribution
    elif candidate.by and _WROTE.search(text):  # "X wrote to Y …": then "The letter said"
        context.issuer = list(candidate.by)
    sender = _SENT_FROM.search(text)
    if sender:  # "read out a message from the head of the junta, General X": X's words
        context.issuer = [m.actor for m in mentions if m.start >= sender.end()][:1]


TITLE_REACH = 60
"""How far before a name its title may start ("the Minister of Trade, His
Excellency X"), never before the name before it."""
_PORTFOLIO_TITLE = re.compile(r"\bminister\s+(?:of|for)\s+(?:the\s+)?(\w+)")


def _title_words(text: str, mentions: list[Mention], index: int) -> str:
    """A mention's title, lower case: the words before it, back to the name before it
    ("Foreign Minister Abdoulaye Diop", "the Minister of Trade, His Excellency
    X"; not past an "and": another's), and its apposition (", Mali's foreign minister,");
    a minister "of Defence" is also the "defence minister"."""
    mention = mentions[index]
    start = max(mentions[index - 1].end if index else 0, mention.start - TITLE_REACH)
    before = re.split(r"\band\b|;", text[start : mention.start])[-1]
    after = re.match(r",([^,.;]{1,50})", text[mention.end :])
    title = (before + " " + (after.group(1) if after else "")).casefold()
    portfolio = _PORTFOLIO_TITLE.search(title)
    return f"{title} {portfolio.group(1)} minister" if portfolio else title


def _remember_people(context: Context, names: Names, text: str) -> None:
    """The persons a sentence left out names: a "he" or "she" after it may be them."""
    found = names.find(text, propose=False)  # a sentence left out proposes no one
    context.people += [m.actor for m in found if names.kind(m.actor) == "person"]


_SHE = re.compile(
    r"\b(?:daughter|wife|mother|sister|widow|niece|aunt|grandmother|woman|Mrs|Ms|Madam|"
    r"Mme|spokeswoman|chairwoman|congresswoman|businesswoman|actress|queen|princess)\b"
    r"[.,]?\s*(?:,\s*)?$",
)
_HE = re.compile(
    r"\b(?:son|husband|father|brother|widower|nephew|uncle|grandfather|man|Mr|Sir|"
    r"spokesman|chairman|congressman|businessman|king|prince)\b[.,]?\s*(?:,\s*)?$",
)


def _gender(before: str) -> str | None:
    """ "His daughter, " / "Mr " right before a name: which pronoun the person takes."""
    if _SHE.search(before):
        return "she"
    if _HE.search(before):
        return "he"
    return None


def _holders(store: FactStore, title: str, context: Context) -> list[str]:
    """The one actor the article (or the store's role for it) gave ``title``."""
    former = "" if title.startswith("former") else r"(?<!former )(?<!ex-)"
    near = [
        a for words, a in context.titles if re.search(rf"{former}\b{re.escape(title)}\b", words)
    ]
    found = [
        a
        for a in dict.fromkeys(near)
        if store.actors.get(a) is None or store.actors[a].kind == "person"
    ]
    if not found:
        found = [
            a.id
            for a in store.actors.values()
            if a.kind == "person"
            and a.role is not None
            and re.search(rf"\b{re.escape(title)}\b", a.role.text, re.I)
            and any(a.id == m for _, m in context.titles)
        ]
    return found if len(set(found)) == 1 else []


def _restated(store: FactStore, candidate: Candidate, published: FuzzyDate | None) -> str | None:
    """An existing fact, about the same actors, of the same family and a compatible date,
    that the sentence says again in other words."""
    involved = {*candidate.actors, *candidate.by}
    pool = {f for a in involved for f in store.facts_by_actor.get(a, ())}
    sentence = simplify(candidate.sentence.text)
    best, best_score = None, 0.0
    for fact_id in sorted(pool):
        fact = store.facts[fact_id]
        shared = involved & {*fact.actors, *fact.by}
        if len(shared) < min(2, len(involved)):
            continue
        if (candidate.kind in SAID) != (str(fact.kind) in SAID):
            continue  # a claim never restates an event, nor an event a claim
        if not _same_time(candidate, fact.date.when if fact.date else None, published):
            continue
        said = " ".join([fact.text, *(store.quoted(c) for c in fact.citations)])
        score = fuzz.token_set_ratio(sentence, simplify(said))
        if score > best_score:
            best, best_score = fact_id, score
    return best if best_score >= RESTATES else None


def _same_time(candidate: Candidate, when: FuzzyDate | None, published: FuzzyDate | None) -> bool:
    mine = candidate.date.get("when") if candidate.date else None
    if mine is None or when is None:
        return mine is None and when is None
    drafted = FuzzyDate.parse(str(mine))
    if candidate.published_date and published is not None:
        return when.start <= published.end  # said by then
    return drafted.start <= when.end and when.start <= drafted.end


# --- writing ---------------------------------------------------------------------------


def render_yaml(result: Draft, shift: int = 0) -> str:
    """The drafts file: valid knowledge YAML, with guidance in comments. ``shift``: lines
    added to the seed's header since it was loaded (its ``# line N`` comments stay true)."""
    source = result.source
    out = [
        f"# Draft facts for {source.id}: {source.title}",
        "# Nothing here is served. Review each entry: rewrite `text` as a neutral sentence,",
        "# check kind, actors, who said it and the date; add topics; then set `reviewed: true`",
        "# (nothing unreviewed is ever promoted or served). Then promote it with",
        f"#   briefbot promote {source.id} ID [ID ...]   (or --all, or --reviewed)",
        "# and check the whole store with `briefbot validate --drafts`.",
        "",
    ]
    if result.skipped:
        out.append("# Sentences left out:")
        out += [f"#   - {_short(s.text)} ({why})" for s, why in result.skipped]
        out.append("")
    if result.proposed:
        out.append("actors:")
        for actor in result.proposed:
            out += [
                f"  - id: {actor.id}",
                "    # proposed: a name the store does not know yet; check name and kind",
                f"    name: {_json(actor.name)}",
                f"    kind: {actor.kind}",
                *(
                    [f"    # the article's title, kept out of the name: {_json(actor.title)}"]
                    * bool(actor.title)
                ),
                *_role_lines(actor, source.id),
                "    reviewed: false  # set to true once checked",
                "    citations:",
                f"      - source: {source.id}",
                f"        quote: {_json(actor.quote)}",
            ]
        out.append("")
    out.append("facts:")
    if not result.candidates:
        out[-1] = "facts: []"
    for number, candidate in enumerate(result.candidates, 1):
        notes = list(candidate.notes)
        if candidate.dated_by:
            event, words = candidate.dated_by
            line = _line(source, event, shift)
            notes.append(f"check: dated by the event on line {line} ({words!r}), as said then")
        out += [
            f"  - id: {source.id}-{number:02d}",
            f"    # line {_line(source, candidate.sentence, shift)}",
            *(f"    # {n}" for n in notes),
            f"    kind: {candidate.kind}",
            f"    text: {_json(' '.join(candidate.sentence.text.split()))}  # REWRITE",
            "    reviewed: false  # set to true once text, kind, who and date are checked",
        ]
        if candidate.actors:
            out.append(f"    actors: {_json(candidate.actors)}")
        if candidate.by:
            out.append(f"    by: {_json(candidate.by)}")
        if candidate.attribution:
            out.append(f"    attribution: {_json(candidate.attribution)}")
        if candidate.words:
            out.append(f"    words: {_json(candidate.words)}")
        if candidate.date:
            out.append(f"    date: {_json(candidate.date)}")
        if candidate.restates:
            out.append(f"    restates: {candidate.restates}  # or delete this line: a new fact")
        out += [
            "    citations:",
            f"      - source: {source.id}",
            f"        quote: {_json(candidate.sentence.text)}",
        ]
    return "\n".join(out) + "\n"


def _role_lines(actor: Proposed, source_id: str) -> list[str]:
    """The proposal's role: the article's own appositive for it, cited, with a check; else
    left out with a check (never one stub for everyone)."""
    if not actor.role:
        return [
            "    # check: no role: the article gives none beside the name; add the one it "
            "supports (role: {text, citations})"
        ]
    text = re.sub(r"^(?:a|an|the)\s+", "", actor.role, flags=re.I)
    return [
        f"    # check: role from the article's words beside the name: {_json(actor.role)}",
        "    role:",
        f"      text: {_json(text[0].upper() + text[1:])}",
        "      citations:",
        f"        - source: {source_id}",
        f"          quote: {_json(actor.quote)}",
    ]


def _line(source: Source, sentence: Sentence, shift: int) -> int:
    """The seed file's line the sentence starts on, ``shift`` lines added to its header."""
    return shift + source.text_line + source.text.count("\n", 0, sentence.start)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 70 else flat[:69] + "…"


SKIPPED_FOR_SEED = (
    "a heading",
    "a greeting or sign-off to the readers",
    "a pleasantry of the programme",
    "a presenter's introduction of a guest or reporter",
    "a presenter's question to a guest",
    "a presenter's address to a guest",
    "a byline",
    "a presenter's introduction or sign-off",
    "a note on what the text is",
    "too short to state a fact",
    "the presenter's opening, before any guest speaks",
    "a question, not a fact",
    "a disclaimer about the piece",
    "a short line framing what follows",
    "a transition to other views, no fact of its own",
    "a line pointing back at the one before, no fact of its own",
    HOSTING,
)
"""Why a sentence left out of the draft goes into the seed's ``skip`` list, so ``coverage``
does not then report it uncited."""


def seed_skips(result: Draft) -> list[tuple[str, str]]:
    """(quote, reason) for each sentence left out that the seed's skip list lacks."""
    listed = {simplify(k.quote) for k in result.source.skip}
    found: dict[str, str] = {}
    for sentence, why in result.skipped:
        key = simplify(sentence.text)
        if why in SKIPPED_FOR_SEED and key not in listed:
            found.setdefault(" ".join(sentence.text.split()), f"{why} (found by briefbot draft)")
    return list(found.items())


def with_skips(seed_text: str, skips: list[tuple[str, str]]) -> str:
    """A seed file with ``skips`` (quote, reason) added to its header's ``skip`` list (the
    article text, below the header, is left byte for byte as it was)."""
    end = seed_text.index("\n---\n", 3)
    header, body = seed_text[:end], seed_text[end:]
    items = "".join(
        f"  - quote: {_json(quote)}\n    reason: {_json(reason)}\n" for quote, reason in skips
    )
    if re.search(r"^skip:\s*\[\]\s*$", header, re.M):
        header = re.sub(r"^skip:\s*\[\]\s*$", "skip:\n" + items.rstrip("\n"), header, flags=re.M)
    elif re.search(r"^skip:\s*$", header, re.M):
        start = re.search(r"^skip:\s*$", header, re.M)
        assert start is not None
        rest = header[start.end() :]
        stop = re.search(r"^\S", rest, re.M)
        at = start.end() + (stop.start() if stop else len(rest))
        header = header[:at].rstrip("\n") + "\n" + items.rstrip("\n") + "\n" + header[at:]
        header = header.rstrip("\n")
    else:
        header = re.sub(r"^sha256:", "skip:\n" + items + "sha256:", header, count=1, flags=re.M)
    return header + body
