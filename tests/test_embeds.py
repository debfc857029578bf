"""Rendering that needs no Discord connection: escaping text shown in embeds."""

from __future__ import annotations

import random
import string

import discord

from bot.chat.embeds import escape
from bot.store.facts import FactStore


def _discords_own(text: str) -> str:
    return discord.utils.escape_markdown(text).replace("@", "@\u200b")


def test_escaping_skips_only_texts_markdown_cannot_touch(store: FactStore) -> None:
    """The quick path (no markdown character: left as is) against discord.py's escaping,
    on the store's texts and on random text full of markup, links and line starts."""
    rng = random.Random(3)
    alphabet = string.ascii_letters + string.digits + string.punctuation + " \n\t“”—é"
    pieces = ["https://x.org/a_b*c", "<https://y.org/~z>", "[a](b)", "\n> ", "\n# ", "\n - "]
    texts = [f.text for f in store.facts.values()] + [
        c.quote for f in store.facts.values() for c in f.citations
    ]
    for _ in range(3000):
        parts = [
            rng.choice(pieces) if rng.random() < 0.2 else rng.choice(alphabet)
            for _ in range(rng.randrange(0, 40))
        ]
        texts.append("".join(parts))
    texts += ["plain words", "see https://example.org/path?q=1 now", "@everyone hi", ""]
    for text in texts:
        assert escape(text) == _discords_own(text), text
