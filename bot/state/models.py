"""Rows of the state database as frozen models."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

from bot.store.diff import StoreDiff


class Row(BaseModel):
    model_config = ConfigDict(frozen=True)


class Subscription(Row):
    id: int
    guild_id: int
    channel_id: int
    local_time: str
    timezone: str
    created_by: int
    created_at: str
    status: Literal["active", "failing", "paused"]
    failure_reason: str | None
    failures: int
    skip_when_quiet: bool = False
    thread: bool = False
    """Post each day's digest in a thread under a headline (a post, in a forum channel)."""


class DigestPost(Row):
    id: int
    subscription_id: int
    local_date: str
    status: Literal["posting", "posted", "failed", "skipped"]
    late: bool
    message_id: int | None
    reason: str | None
    store_version: str | None
    at: str


class StoreVersion(Row):
    id: int
    version: str
    loaded_at: str
    loaded_by: str
    sources: int
    actors: int
    facts: int
    topics: int
    diff: StoreDiff


class RecordChange(Row):
    kind: Literal["facts", "actors", "sources", "topics"]
    record_id: str
    content_hash: str
    first_seen: str
    last_changed: str
    removed_at: str | None

    @property
    def change(self) -> Literal["added", "changed", "removed"]:
        if self.removed_at is not None:
            return "removed"
        return "added" if self.first_seen == self.last_changed else "changed"


class Follow(Row):
    id: int
    follower: str
    """'user:<id>' (alerts by DM) or 'channel:<id>'."""
    guild_id: int
    kind: Literal["actor", "topic"]
    target: str
    created_by: int
    created_at: str


class Follower(Row):
    follower: str
    status: Literal["active", "unreachable"]
    reason: str | None
    seen_version: int
    """Alerts cover the store versions recorded after this one."""


class Footnote(Row):
    """A footnote as the reporter saw it under the answer."""

    number: int
    link: str
    label: str
    quote: str


WHAT_MAX = 300
DETAIL_MAX = 1500
SHOWN_MAX = 4000
NOTE_MAX = 500
"""A report's bounds, whichever way it comes (Discord's form, the console, the CLI)."""


class NewReport(Row):
    """What a user reports about an answer, with what they saw (each text within its
    bound: the form enforces them on Discord, this for every other way in)."""

    reporter: str
    """'user:<id>' on Discord, 'console:<name>' in the local console."""
    reporter_name: str
    asked: str
    store_version: str
    what: str
    detail: str = ""
    footnotes: tuple[Footnote, ...] = ()
    shown: str = ""
    guild_id: int | None = None
    channel_id: int | None = None
    message_id: int | None = None

    @field_validator("what")
    @classmethod
    def _what(cls, value: str) -> str:
        return " ".join(value.split())[:WHAT_MAX].rstrip()

    @field_validator("detail")
    @classmethod
    def _detail(cls, value: str) -> str:
        return value.strip()[:DETAIL_MAX]

    @field_validator("shown")
    @classmethod
    def _shown(cls, value: str) -> str:
        return value[:SHOWN_MAX]


class Report(NewReport):
    id: int
    status: Literal["open", "closed"]
    created_at: str
    closed_at: str | None
    closed_by: str | None
    resolution: str | None
