"""Runtime state in SQLite (aiosqlite): the only place with SQL."""

from bot.state.db import State, StateError
from bot.state.models import (
    DigestPost,
    Follow,
    Follower,
    RecordChange,
    StoreVersion,
    Subscription,
)

__all__ = [
    "DigestPost",
    "Follow",
    "Follower",
    "RecordChange",
    "State",
    "StateError",
    "StoreVersion",
    "Subscription",
]
