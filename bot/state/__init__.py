"""Runtime state in SQLite (aiosqlite): the only place with SQL. Imports store (the diff
of two versions) and nothing else of the bot."""

from bot.state.db import State
from bot.state.errors import DISK_FULL, StateError
from bot.state.models import (
    DigestPost,
    Follow,
    Follower,
    Footnote,
    NewReport,
    RecordChange,
    Report,
    StoreVersion,
    Subscription,
)

__all__ = [
    "DISK_FULL",
    "DigestPost",
    "Follow",
    "Follower",
    "Footnote",
    "NewReport",
    "RecordChange",
    "Report",
    "State",
    "StateError",
    "StoreVersion",
    "Subscription",
]
