"""The records curators write, as frozen pydantic models.

These are the file formats of ``seeds/*.md`` headers and ``knowledge/**/*.yaml``. Field
names are what a curator types; unknown fields are errors, so a typo never silently
drops data. Cross-record rules (references, quotes found in sources, date precision)
live in :mod:`bot.reading.loader`, which sees the whole store.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from bot.records import served
from bot.records.dates import FuzzyDate, Precision
from bot.records.errors import InvalidDate
from bot.records.served import BRIEF_MAX as BRIEF_MAX  # the enums and limits are shared
from bot.records.served import ActorKind as ActorKind
from bot.records.served import FactKind as FactKind
from bot.records.served import Reliability as Reliability

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80),
    Field(description="Stable id: lower-case words joined by hyphens, e.g. mohamed-bazoum"),
]
TEXT_MAX = 2000
"""Longest text a curator writes (a fact's sentence, a role, a title): shown in answers."""
QUOTE_MAX = 5000
"""Longest passage a citation copies from its article."""
_UNSHOWABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def _showable(value: str) -> str:
    """Text shown to users holds no control characters, zero-width characters or
    direction overrides (which can hide or reorder what a reader sees)."""
    found = _UNSHOWABLE.search(value)
    if found is not None:
        raise ValueError(
            f"holds the invisible character U+{ord(found.group()):04X} at position "
            f"{found.start()}: delete it (control, zero-width and direction characters "
            "are refused)"
        )
    return value


Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=TEXT_MAX),
    AfterValidator(_showable),
]


Label = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=60, pattern=r"[^.!?]$"),
    AfterValidator(_showable),
]
"""A name for a fact, read inside a sentence: short, and no closing full stop."""


def _coerce_date(value: Any) -> Any:
    if isinstance(value, FuzzyDate):
        return value
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, date):
        value = value.isoformat()
    if not isinstance(value, str):
        raise ValueError("a date must be text such as 2025-10-13, 2025-10, 2025 or 2020..2023")
    try:
        return FuzzyDate.parse(value)
    except InvalidDate as exc:
        raise ValueError(exc.message) from None


CuratedDate = Annotated[
    FuzzyDate,
    PlainValidator(_coerce_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}(-W\d{2}|-\d{2}(-\d{2})?)?(\.\.\d{4}(-W\d{2}|-\d{2}(-\d{2})?)?)?$",
            "description": "2025-10-13 (day), 2025-W41 (week), 2025-10 (month), 2025 (year) "
            "or 2020..2023 (range)",
        }
    ),
]
"""A curated date as written: any of :class:`FuzzyDate`'s forms, validated by parsing."""


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def lean(self) -> Any:
        """The served copy of this record (:mod:`bot.records.served`), fields in order."""
        return getattr(served, type(self).__name__)(*map(lean, self.__dict__.values()))


def lean(value: Any) -> Any:
    """A field's value as served: records and tuples of records made lean."""
    if isinstance(value, Record):
        return value.lean()
    if type(value) is tuple and value and isinstance(value[0], Record):
        return tuple(item.lean() for item in value)
    return value


class Citation(Record):
    """Where a fact comes from: a verbatim span of a source's text."""

    source: Id = Field(description="Id of the source (the `id` in its seeds/ header)")
    quote: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=8, max_length=QUOTE_MAX),
        AfterValidator(_showable),
    ] = Field(
        description="Words copied from the source; typography (quotes, dashes, spaces) "
        "may differ, nothing else"
    )


Citations = Annotated[tuple[Citation, ...], Field(min_length=1)]


# --- sources -------------------------------------------------------------------------


class Published(Record):
    date: CuratedDate
    precision: Precision
    estimated: bool = False
    reasoning: str | None = Field(
        default=None, description="Why this date: required when it is an estimate"
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.date.precision is not self.precision:
            raise ValueError(
                f"date {self.date} has {self.date.precision} precision, "
                f"but precision says {self.precision}"
            )
        if self.estimated and not self.reasoning:
            raise ValueError("an estimated date needs its reasoning")
        return self


class Skip(Record):
    """A passage that states nothing a fact should cite: a heading, a restatement."""

    quote: Text = Field(description="The passage, copied from the article text")
    reason: Text = Field(description="Why it needs no fact, e.g. 'subheading'")


REASON_MAX = 300
"""Longest reason a curator gives for a grade, a correction or a retraction: shown beside it."""
Reason = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=REASON_MAX),
    AfterValidator(_showable),
]


class Grade(Record):
    """How far a source can be relied on, graded by a named curator for a stated reason."""

    grade: Reliability = Field(
        description="A completely reliable, B usually reliable, C fairly reliable, D not "
        "usually reliable, E unreliable, F reliability cannot be judged"
    )
    reason: Reason = Field(description="Why this grade: the outlet's record, what it is")
    by: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)] = (
        Field(description="Who graded it")
    )


class SourceHeader(Record):
    """The metadata header of a ``seeds/*.md`` file."""

    id: Id
    title: Text
    title_assigned: bool = Field(
        default=False, description="True when the article has no headline and a curator wrote one"
    )
    outlet: str | None = Field(default=None, description="Null when the text does not show it")
    url: str | None = Field(default=None, description="Null when the text does not show it")
    published: Published | None = None
    contents: str | None = Field(default=None, description="What the file holds, if not obvious")
    imported_from: str | None = None
    skip: tuple[Skip, ...] = Field(
        default=(), description="Passages `briefbot coverage` should not count as uncited"
    )
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] = Field(
        description="SHA-256 of the article text below the header: seeds are never edited"
    )
    reliability: Grade | None = Field(
        default=None, description="The source's grade; none: shown as 'ungraded'"
    )
    based_on: tuple[Id, ...] = Field(
        default=(),
        description="Sources this one repeats (wire copy, a rewrite): a fact they both back "
        "counts one independent source",
    )


# --- actors --------------------------------------------------------------------------


class Role(Record):
    text: Text = Field(description="The role as the sources state it")
    citations: Citations


class Relation(Record):
    actor: Id
    relation: Text = Field(description="How this actor relates to the other, e.g. 'head of'")
    citations: Citations


class Actor(Record):
    id: Id
    name: Text
    aliases: tuple[Text, ...] = Field(
        default=(), description="Other names people type: acronyms, spellings, titles"
    )
    kind: ActorKind
    role: Role | None = Field(
        default=None,
        description="Who this is, as one noun phrase the sources support: the profile's "
        "'who' line (e.g. 'Mali's foreign minister, who hosted Nick Checker in Bamako')",
    )
    relations: tuple[Relation, ...] = ()
    part_of: tuple[Id, ...] = Field(
        default=(),
        description="Larger bodies this one belongs to (the State Department is part of the "
        "United States): their profiles also list what this one said",
    )
    speaks_for: tuple[Id, ...] = Field(
        default=(),
        description="Bodies this person or body speaks for (an adviser for an administration, "
        "a minister or diplomat for a government): 'what did X say' and X's profile include "
        "what it said, each line naming who said it",
    )
    since: CuratedDate | None = Field(
        default=None,
        description="When this actor (or its role) began, e.g. an administration's first "
        "month: a fact involving it dated earlier is refused",
    )
    citations: Citations = Field(description="Where the sources name this actor")
    reviewed: bool = Field(
        default=True,
        description="false on every entry `briefbot draft` writes, until a curator has "
        "checked it; an unreviewed entry is never served or promoted",
    )


# --- facts ---------------------------------------------------------------------------


class FactDate(Record):
    when: CuratedDate
    phrase: Text | None = Field(
        default=None, description="The source's own words for the date, verbatim"
    )
    source: Id | None = Field(
        default=None, description="Whose phrase it is; defaults to the first citation's source"
    )
    relative: bool = Field(
        default=False,
        description="True when the date was worked out from the phrase and the source's "
        "publication date ('last week', 'on Monday')",
    )
    after: tuple[Id, ...] = Field(
        default=(),
        description="Facts this one follows, when the dates alone cannot order them",
    )


class Credibility(Record):
    """How credible a fact's information is, set by a curator (else derived)."""

    grade: Annotated[int, Field(ge=1, le=6)] = Field(
        description="1 confirmed by other independent sources, 2 probably true, 3 possibly "
        "true, 4 doubtful, 5 improbable, 6 truth cannot be judged"
    )
    reason: Reason = Field(description="Why this grade")


class Correction(Record):
    """A fact whose text was corrected: the earlier text is kept and the change shown."""

    was: Text = Field(description="The fact's text before the correction, as it was served")
    reason: Reason = Field(description="What changed and why")


class Retraction(Record):
    """A fact withdrawn: kept for /sources and history, never served in answers."""

    reason: Reason = Field(description="Why it was retracted")


class Fact(Record):
    id: Id
    kind: FactKind
    text: Text = Field(description="A neutral sentence written by the curator")
    actors: tuple[Id, ...] = Field(default=(), description="Actors involved")
    by: tuple[Id, ...] = Field(
        default=(), description="Who said or claims it (statements, claims, analysis, quotes)"
    )
    attribution: Text | None = Field(
        default=None,
        description="The source's words for a speaker with no actor, e.g. 'Analysts'",
    )
    words: Text | None = Field(
        default=None, description="For quotes: the words quoted, verbatim from a citation"
    )
    topics: tuple[Id, ...] = ()
    date: FactDate | None = None
    note: str | None = Field(default=None, description="Curator's note; shown with the fact")
    restates: Id | None = Field(
        default=None,
        description="In drafts: this says what fact X already says; promoting it adds its "
        "citations to X instead of a second fact",
    )
    responds_to: tuple[Id, ...] = Field(
        default=(),
        description="Facts this one reacts to (criticism of a remark, a comment on a visit): "
        "shown beside them and never before them",
    )
    reviewed: bool = Field(
        default=True,
        description="false on every entry `briefbot draft` writes, until a curator has "
        "checked it; an unreviewed entry is never served or promoted",
    )
    citations: Citations
    contradicts: tuple[Id, ...] = Field(
        default=(),
        description="Facts this one contradicts: both are shown as doubtful (credibility 4) "
        "unless other independent sources confirm them",
    )
    credibility: Credibility | None = Field(
        default=None,
        description="Set by a curator, with a reason; else derived from independent "
        "sources and contradicting facts",
    )
    corrected: Correction | None = Field(
        default=None, description="The earlier text and what changed: shown as a correction"
    )
    retracted: Retraction | None = Field(
        default=None, description="Withdrawn, with a reason: never shown in answers"
    )
    label: Label | None = Field(
        default=None,
        description="A short name others refer to it by, e.g. 'the Bamako visit': a reaction "
        "to it reads 'in response to the Bamako visit (February 2026)'",
    )

    @model_validator(mode="after")
    def _attribution(self) -> Self:
        if self.kind.attributed and not (self.by or self.attribution):
            article = "an" if self.kind[0] in "aeiou" else "a"
            raise ValueError(f"{article} {self.kind} needs 'by' (actor ids) or 'attribution'")
        if self.kind is FactKind.QUOTE and not self.words:
            raise ValueError("a quote needs 'words', the words quoted")
        if self.corrected is not None and self.retracted is not None:
            raise ValueError("a fact is either corrected or retracted, not both")
        if self.corrected is not None and self.corrected.was == self.text:
            raise ValueError("'corrected.was' is the text as it is now: give the earlier text")
        return self


# --- topics --------------------------------------------------------------------------


class Lead(Record):
    """One bullet of a brief: a sentence that stands alone, resting on one or more facts."""

    text: Text = Field(
        description="One sentence a reader understands without the article; every part of "
        "it must be stated by the facts it lists"
    )
    facts: Annotated[tuple[Id, ...], Field(min_length=1)] = Field(
        description="The facts the sentence rests on; their citations are its footnotes"
    )


class Topic(Record):
    id: Id
    title: Text
    aliases: tuple[Text, ...] = ()
    overview: bool = Field(
        default=False, description="True for the one topic /brief shows when given none"
    )
    lead: Annotated[tuple[Lead, ...], Field(max_length=BRIEF_MAX)] = Field(
        default=(),
        description="The brief, most important first (at most 8 bullets): what /brief shows. "
        "Without it, /brief shows the first facts of the summary",
    )
    facts: Annotated[tuple[Id, ...], Field(min_length=1)] = Field(
        description="The summary: fact ids in the order they should be read"
    )
    watch: Annotated[tuple[Lead, ...], Field(max_length=4)] = Field(
        default=(),
        description="What to watch, shown last in /brief: what the sources say is to come "
        "or still open, each a sentence resting on the facts that say so",
    )


class Synonyms(Record):
    """Words that mean the same to a reader: a search for one also finds the others."""

    id: Id
    words: Annotated[
        tuple[Annotated[str, StringConstraints(pattern=r"^[^\s]+$")], ...], Field(min_length=2)
    ] = Field(description="Single words searched as one, e.g. mining, mines, minerals")
