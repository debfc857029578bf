"""The records the bot serves: lean, immutable copies of what curators wrote.

:mod:`bot.records.models` validates each knowledge file with pydantic; once a record has
passed, the loader keeps it as one of these ``msgspec`` structs instead. They have the
same fields in the same order, take about a quarter of the memory, decode typed from a
saved store, and are not tracked by the garbage collector (they hold only
strings, numbers, dates, tuples and other records, so they can never form a cycle).
"""

from __future__ import annotations

from enum import StrEnum

from msgspec import Struct

from bot.records.dates import FuzzyDate, Precision

BRIEF_MAX = 8
"""Most bullets a brief shows: a minute's reading."""


class ActorKind(StrEnum):
    PERSON = "person"
    GOVERNMENT = "government"
    STATE = "state"
    ORGANISATION = "organisation"
    ARMED_GROUP = "armed group"
    ALLIANCE = "alliance"
    MEDIA = "media"
    GROUP = "group"


class FactKind(StrEnum):
    EVENT = "event"
    BACKGROUND = "background"
    STATEMENT = "statement"
    CLAIM = "claim"
    ANALYSIS = "analysis"
    QUOTE = "quote"

    @property
    def attributed(self) -> bool:
        """Whether the fact is something someone said, not something that happened."""
        return self in (FactKind.STATEMENT, FactKind.CLAIM, FactKind.ANALYSIS, FactKind.QUOTE)


class Reliability(StrEnum):
    """A source's reliability, graded as analysts do (the Admiralty code's letter)."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"

    @property
    def meaning(self) -> str:
        return _RELIABILITY[self]


_RELIABILITY = {
    Reliability.A: "completely reliable",
    Reliability.B: "usually reliable",
    Reliability.C: "fairly reliable",
    Reliability.D: "not usually reliable",
    Reliability.E: "unreliable",
    Reliability.F: "reliability cannot be judged",
}

CREDIBILITY = {
    1: "confirmed by other independent sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}
"""What each credibility grade of information means (the Admiralty code's digit)."""


class Record(Struct, frozen=True, gc=False):
    """A served record; fields and their order are those of its pydantic model."""


class Citation(Record, frozen=True):
    source: str
    quote: str


class Published(Record, frozen=True):
    date: FuzzyDate
    precision: Precision
    estimated: bool = False
    reasoning: str | None = None


class Skip(Record, frozen=True):
    quote: str
    reason: str


class Grade(Record, frozen=True):
    grade: Reliability
    reason: str
    by: str


class Source(Record, frozen=True):
    """A loaded source: its header, the article text and the file it came from."""

    id: str
    title: str
    title_assigned: bool
    outlet: str | None
    url: str | None
    published: Published | None
    contents: str | None
    imported_from: str | None
    skip: tuple[Skip, ...]
    sha256: str
    reliability: Grade | None
    based_on: tuple[str, ...]
    text: str
    file: str
    text_line: int = 1
    """The line of the file on which the article text starts."""

    @property
    def graded(self) -> str:
        """The grade as shown: 'reliability B (usually reliable)', or 'ungraded'."""
        if self.reliability is None:
            return "ungraded"
        return f"reliability {self.reliability.grade} ({self.reliability.grade.meaning})"


class Role(Record, frozen=True):
    text: str
    citations: tuple[Citation, ...]


class Relation(Record, frozen=True):
    actor: str
    relation: str
    citations: tuple[Citation, ...]


class Actor(Record, frozen=True):
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: ActorKind
    role: Role | None
    relations: tuple[Relation, ...]
    part_of: tuple[str, ...]
    speaks_for: tuple[str, ...]
    since: FuzzyDate | None
    citations: tuple[Citation, ...]
    reviewed: bool = True


class FactDate(Record, frozen=True):
    when: FuzzyDate
    phrase: str | None = None
    source: str | None = None
    relative: bool = False
    after: tuple[str, ...] = ()


class Credibility(Record, frozen=True):
    grade: int
    reason: str


class Correction(Record, frozen=True):
    was: str
    reason: str


class Retraction(Record, frozen=True):
    reason: str


class Fact(Record, frozen=True):
    id: str
    kind: FactKind
    text: str
    actors: tuple[str, ...]
    by: tuple[str, ...]
    attribution: str | None
    words: str | None
    topics: tuple[str, ...]
    date: FactDate | None
    note: str | None
    restates: str | None
    responds_to: tuple[str, ...]
    reviewed: bool
    citations: tuple[Citation, ...]
    contradicts: tuple[str, ...] = ()
    credibility: Credibility | None = None
    corrected: Correction | None = None
    retracted: Retraction | None = None
    label: str | None = None

    @property
    def predecessors(self) -> tuple[str, ...]:
        """Facts this one must follow: its ``date.after`` hints and what it responds to."""
        after = self.date.after if self.date else ()
        return (*after, *self.responds_to) if self.responds_to else after

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.source for c in self.citations))

    @property
    def corroborated(self) -> bool:
        return len(self.sources) > 1


class Lead(Record, frozen=True):
    """One bullet of a brief: a sentence that stands alone, resting on one or more facts."""

    text: str
    facts: tuple[str, ...]


class Topic(Record, frozen=True):
    id: str
    title: str
    aliases: tuple[str, ...]
    overview: bool
    lead: tuple[Lead, ...]
    facts: tuple[str, ...]
    watch: tuple[Lead, ...] = ()


class Synonyms(Record, frozen=True):
    """Words that mean the same to a reader: a search for one also finds the others."""

    id: str
    words: tuple[str, ...]
