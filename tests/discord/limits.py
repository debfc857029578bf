"""Checks every message body must pass: Discord's limits and no pings."""

from __future__ import annotations

import re
from typing import Any

MENTION = re.compile(r"@(everyone|here)|<@[!&]?\d+>")


def embed_text(embed: dict[str, Any]) -> str:
    parts = [
        embed.get("title", ""),
        embed.get("description", ""),
        embed.get("footer", {}).get("text", ""),
        embed.get("author", {}).get("name", ""),
    ]
    for field in embed.get("fields", []):
        parts += [field["name"], field["value"]]
    return "\n".join(parts)


def check_message(data: dict[str, Any]) -> None:
    """Discord's limits (DESIGN.md section 4), no mentions allowed, none left live."""
    assert data.get("allowed_mentions") == {"parse": []}, data.get("allowed_mentions")
    assert len(data.get("content") or "") <= 2000
    embeds = data.get("embeds") or []
    assert len(embeds) <= 10
    total = 0
    for embed in embeds:
        assert len(embed.get("title", "")) <= 256
        assert len(embed.get("description", "")) <= 4096
        assert len(embed.get("fields", [])) <= 25
        for field in embed.get("fields", []):
            assert 0 < len(field["name"]) <= 256
            assert 0 < len(field["value"]) <= 1024
        assert len(embed.get("footer", {}).get("text", "")) <= 2048
        total += sum(
            len(part)
            for part in (
                embed.get("title", ""),
                embed.get("description", ""),
                embed.get("footer", {}).get("text", ""),
                *(f["name"] + f["value"] for f in embed.get("fields", [])),
            )
        )
        assert not MENTION.search(embed_text(embed)), embed_text(embed)
    assert total <= 6000
    assert not MENTION.search(data.get("content") or "")
