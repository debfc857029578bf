"""What every command returns: a renderer-neutral answer whose statements cite sources.

The Discord layer turns a :class:`Response` into embeds, the console into text, and
``--json`` prints it as is. Every statement (:class:`Item`) carries the numbers of the
citations it rests on; the response carries those citations, each a verbatim span of a
source with its offsets.
"""

from __future__ import annotations

from typing import Any, Self

import msgspec

from bot.records.errors import BriefbotError


class Model(msgspec.Struct, frozen=True, kw_only=True):
    """Immutable and keyword-built; ``--json`` prints :meth:`plain`."""

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes`` (checked by type checkers, not at run time)."""
        return msgspec.structs.replace(self, **changes)

    def plain(self) -> dict[str, Any]:
        """Plain JSON-able data: tuples as lists, every field, defaults included."""
        data: dict[str, Any] = msgspec.to_builtins(self)
        return data


class Passage(Model, frozen=True, kw_only=True):
    """The sentences that hold a citation, with the sentence before and after."""

    before: str | None = None
    text: str
    after: str | None = None
    start: int
    """Where ``text`` starts in the source (the citation's own offsets are the source's)."""
    end: int


class CitationRef(Model, frozen=True, kw_only=True):
    number: int
    source: str
    source_title: str
    url: str | None
    file: str
    quote: str
    """The cited words exactly as the source has them."""
    start: int
    end: int
    outlet: str | None = None
    published: str | None = None
    """The source's publication date as shown, '(est.)' when estimated."""
    graded: str = "ungraded"
    """The source's reliability grade as shown: 'reliability B (usually reliable)'."""
    passage: Passage | None = None
    link: str = ""
    """``<text hash>:<start>:<end>``: finds these words again while the article is served."""

    @property
    def in_passage(self) -> tuple[int, int] | None:
        """Where the quote stands inside ``passage.text``."""
        if self.passage is None:
            return None
        return (self.start - self.passage.start, self.end - self.passage.start)


class Item(Model, frozen=True, kw_only=True):
    text: str
    cites: tuple[int, ...] = ()
    fact: str | None = None
    kind: str | None = None
    label: str | None = None
    """Who says it, for attributed facts: 'claim · Ulf Laessing'."""
    date: str | None = None
    date_phrase: str | None = None
    note: str | None = None
    matched: tuple[str, ...] = ()
    """Words of the item that matched a search, to highlight."""
    facts: tuple[str, ...] = ()
    """Every fact the item rests on, when it sums up several (a brief's bullets)."""
    context: str | None = None
    """What the item responds to: 'in response to: Massad Boulos told Le Monde…'."""
    placement: str | None = None
    """Why the item stands where it does when its date cannot say it exactly."""
    span: tuple[str, str] | None = None
    """The first and last day its date allows (ISO), for dated facts."""
    estimated: bool = False
    """Whether its date is an estimate (shown '(est.)')."""
    sourcing: str | None = None
    """How well it is sourced, as one short token: a symbol (:data:`compose.SOURCING`) and
    the credibility digit (1–6), e.g. '◆1'; explained by the answer's legend note."""
    independent: int | None = None
    """How many independent sources back it (a source and its copies count once)."""
    credibility: int | None = None
    """1 (confirmed by other independent sources) to 6 (cannot be judged)."""
    correction: str | None = None
    """A corrected fact's note (what changed and why, with the earlier text), or why a
    retracted one was withdrawn (listed only by /sources and the digest and alerts)."""


class Section(Model, frozen=True, kw_only=True):
    title: str
    items: tuple[Item, ...]
    new_page: bool = False
    """Whether it starts a new page where answers are paged (Discord): what comes before
    it is the answer's opening page (a long profile's essentials)."""


class SourceInfo(Model, frozen=True, kw_only=True):
    id: str
    title: str
    title_assigned: bool
    outlet: str | None
    url: str | None
    published: str | None
    published_precision: str | None
    published_estimated: bool
    published_reasoning: str | None
    contents: str | None
    file: str
    facts: int
    reliability: str | None = None
    """Its grade, A–F (None: ungraded)."""
    reliability_reason: str | None = None
    graded_by: str | None = None
    based_on: tuple[str, ...] = ()
    """Ids of the sources it repeats."""


class ErrorInfo(Model, frozen=True, kw_only=True):
    kind: str
    message: str
    suggestions: tuple[str, ...] = ()


class Response(Model, frozen=True, kw_only=True):
    ok: bool
    command: str
    title: str
    subtitle: str | None = None
    sections: tuple[Section, ...] = ()
    sources: tuple[SourceInfo, ...] = ()
    citations: tuple[CitationRef, ...] = ()
    notes: tuple[str, ...] = ()
    legend: str | None = None
    """What the sourcing tokens its items show mean (one line; none when none is shown)."""
    error: ErrorInfo | None = None
    store_version: str

    @classmethod
    def failure(cls, command: str, error: BriefbotError, store_version: str) -> Response:
        return cls(
            ok=False,
            command=command,
            title="Not found" if error.kind in ("not_found", "ambiguous") else "Cannot answer",
            error=ErrorInfo(kind=error.kind, message=error.message, suggestions=error.suggestions),
            store_version=store_version,
        )
