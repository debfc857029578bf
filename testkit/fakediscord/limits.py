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


ATTACHMENT_MAX = 10 * 1024 * 1024
"""Discord's upload limit for a server without boosts (10 MiB since 2024; 8 MiB before)."""


def component_problems(data: dict[str, Any]) -> list[str]:
    """Discord's layout rules for message components, which its OpenAPI schema cannot say.

    From Discord's component reference: an action row holds up to five buttons or exactly
    one select menu, never both; every custom_id in a message is unique; a select offers
    1-25 options with unique values, and min_values <= max_values <= its options.
    """
    problems: list[str] = []
    seen: set[str] = set()
    for row in data.get("components") or []:
        children = row.get("components") or []
        selects = [c for c in children if c.get("type") in (3, 5, 6, 7, 8)]
        buttons = [c for c in children if c.get("type") == 2]
        if selects and (len(children) != 1):
            problems.append("an action row with a select menu holds nothing else")
        if len(buttons) > 5:
            problems.append("an action row holds at most 5 buttons")
        for child in children:
            custom_id = child.get("custom_id")
            if custom_id is not None:
                if custom_id in seen:
                    problems.append(f"custom_id {custom_id!r} is used twice in one message")
                seen.add(custom_id)
        for select in selects:
            options = select.get("options") or []
            values = [o.get("value") for o in options]
            if select.get("type") == 3 and len(set(values)) != len(values):
                problems.append("select option values must be unique")
            low, high = select.get("min_values", 1), select.get("max_values", 1)
            if select.get("type") == 3 and not (low <= high <= len(options)):
                problems.append(f"select values {low}..{high} do not fit {len(options)} options")
    return problems


def attachment_problems(data: dict[str, Any], files: dict[str, bytes]) -> list[str]:
    """Uploaded files within the size limit; every ``attachment://`` an embed names sent."""
    problems = [
        f"file {name!r} is {len(body)} bytes, over Discord's {ATTACHMENT_MAX}"
        for name, body in files.items()
        if len(body) > ATTACHMENT_MAX
    ]
    for embed in data.get("embeds") or []:
        url = (embed.get("image") or {}).get("url", "")
        if url.startswith("attachment://") and url.removeprefix("attachment://") not in files:
            problems.append(f"the embed shows {url} but no such file was uploaded")
    return problems
