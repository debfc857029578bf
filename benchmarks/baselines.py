"""What a typical bot would do instead: rapidfuzz over everything, and SQLite FTS5."""

from __future__ import annotations

import re
import sqlite3

from rapidfuzz import fuzz, process

from bot.store.facts import FactStore


class NaiveSearch:
    """``process.extract`` over every fact's text, per query."""

    def __init__(self, store: FactStore) -> None:
        self.ids = list(store.facts)
        self.texts = [f.text for f in store.facts.values()]

    def search(self, query: str, limit: int = 5) -> list[str]:
        found = process.extract(query, self.texts, scorer=fuzz.WRatio, limit=limit)
        return [self.ids[index] for _, _, index in found]


class NaiveNames:
    """``process.extract`` over every actor name and alias, per keystroke."""

    def __init__(self, store: FactStore) -> None:
        self.names: list[str] = []
        self.owners: list[str] = []
        for actor in store.actors.values():
            for name in (actor.name, *actor.aliases):
                self.names.append(name)
                self.owners.append(actor.id)

    def complete(self, typed: str, limit: int = 25) -> list[str]:
        found = process.extract(typed, self.names, scorer=fuzz.WRatio, limit=limit)
        return list(dict.fromkeys(self.owners[index] for _, _, index in found))


class Fts5Search:
    """SQLite FTS5 with BM25 over the same text our index sees."""

    def __init__(self, store: FactStore) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE facts USING fts5(id UNINDEXED, body)")
        self.db.executemany(
            "INSERT INTO facts VALUES (?, ?)",
            (
                (f.id, " ".join([f.text, *(store.quoted(c) for c in f.citations)]))
                for f in store.facts.values()
            ),
        )

    def search(self, query: str, limit: int = 5) -> list[str]:
        terms = [t for t in re.findall(r"\w+", query) if len(t) > 1]
        if not terms:
            return []
        match = " OR ".join(f'"{t}"' for t in terms)
        rows = self.db.execute(
            "SELECT id FROM facts WHERE facts MATCH ? ORDER BY bm25(facts) LIMIT ?",
            (match, limit),
        ).fetchall()
        return [row[0] for row in rows]
