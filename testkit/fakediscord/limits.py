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


MODAL_TITLE_MAX = 45
MODAL_COMPONENTS_MAX = 5


def modal_problems(data: dict[str, Any]) -> list[str]:
    """Discord's rules for a modal (callback type 9) beyond its OpenAPI schema.

    From Discord's interaction-response and component references: a modal has a
    custom_id of 1-100 characters, a title of at most 45, and one to five components;
    an action row in a modal holds exactly one text input; a text input's min_length is
    at most its max_length; every custom_id in the modal is unique.
    """
    problems: list[str] = []
    if not 0 < len(data.get("custom_id") or "") <= 100:
        problems.append("a modal's custom_id has 1-100 characters")
    if not 0 < len(data.get("title") or "") <= MODAL_TITLE_MAX:
        problems.append(f"a modal's title has 1-{MODAL_TITLE_MAX} characters")
    rows = data.get("components") or []
    if not 0 < len(rows) <= MODAL_COMPONENTS_MAX:
        problems.append(f"a modal has 1-{MODAL_COMPONENTS_MAX} components, not {len(rows)}")
    seen: set[str] = set()
    for row in rows:
        inputs = [row.get("component")] if row.get("type") == 18 else row.get("components") or []
        if row.get("type") == 1 and len(inputs) != 1:
            problems.append("an action row in a modal holds exactly one text input")
        for component in inputs:
            if not isinstance(component, dict):
                continue
            custom_id = str(component.get("custom_id", ""))
            if custom_id in seen:
                problems.append(f"custom_id {custom_id!r} is used twice in one modal")
            seen.add(custom_id)
            low, high = component.get("min_length") or 0, component.get("max_length") or 4000
            if low > high:
                problems.append(f"text input {custom_id!r}: min_length {low} > max_length {high}")
    return problems


def submission_problems(modal: dict[str, Any], values: dict[str, str]) -> list[str]:
    """What Discord's client would not let a user submit: a required input left empty, a
    value outside its min/max length, an input the form does not have."""
    inputs = {
        c["custom_id"]: c
        for row in modal.get("components") or []
        for c in ([row.get("component")] if row.get("type") == 18 else row.get("components") or [])
        if isinstance(c, dict) and c.get("type") == 4
    }
    problems = [f"the form has no input {name!r}" for name in values if name not in inputs]
    for name, component in inputs.items():
        value = values.get(name, "")
        required = component.get("required", True) is not False
        if required and not value:
            problems.append(f"{name!r} is required")
        if value and not (
            (component.get("min_length") or 0)
            <= len(value)
            <= (component.get("max_length") or 4000)
        ):
            problems.append(f"{name!r} is outside its length limits")
    return problems
