"""``briefbot ingest``: add an article to ``seeds/`` exactly as given, with its header."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

from pydantic import ValidationError

from bot.curation.journal import curating
from bot.reading.parsing import error_message
from bot.records.dates import FuzzyDate
from bot.records.errors import BriefbotError, InvalidDate
from bot.records.models import SourceHeader
from bot.records.text import simplify


class IngestError(BriefbotError):
    kind = "ingest"


SLUG_WORDS = 4
SLUG_MAX = 32
"""A default id is short enough to type: the first few telling words of the title."""
_SLUG_SKIP = frozenset("a an the of in on at to for and or with from by as its their".split())


_INITIALS = re.compile(r"\b(?:[A-Za-z]\.){2,}")
"""Dotted initials ("U.S.", "U.N."): one word in an id ("us-envoy-holds-talks")."""


_APOSTROPHE = re.compile(r"[’'](?:s\b)?")
"""A possessive "'s" is no word of an id ("Washington's" -> washington), and an apostrophe
inside a word joins it ("don't" -> dont)."""


def slug(text: str) -> str:
    text = _INITIALS.sub(lambda found: found.group(0).replace(".", ""), text)
    text = _APOSTROPHE.sub("", text)
    words = [w for w in re.sub(r"[^a-z0-9 ]", "", simplify(text)).split() if w not in _SLUG_SKIP]
    out = ""
    for word in words[:SLUG_WORDS]:
        if len(out) + len(word) + 1 > SLUG_MAX:
            break
        out = f"{out}-{word}" if out else word
    return out or "source"


def decode(raw: bytes) -> str:
    if b"\x00" in raw:
        raise IngestError("The input looks binary (it contains NUL bytes); give a text file.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"The input is not UTF-8 text (byte {exc.start} cannot be read); "
            "save it as UTF-8 and try again."
        ) from None
    if not text.strip():
        raise IngestError("The input is empty: there is no article text to ingest.")
    return text


def ingest(
    raw: bytes,
    seeds_dir: Path,
    *,
    title: str,
    title_assigned: bool = False,
    outlet: str | None = None,
    url: str | None = None,
    published: str | None = None,
    estimated: bool = False,
    reasoning: str | None = None,
    source_id: str | None = None,
    today: date | None = None,
) -> Path:
    """Write ``seeds/<id>.md``; refuse empty, binary or already-ingested text, and a
    publication date after ``today`` (the UTC date unless given).

    One ingest at a time per seeds folder, so two runs of the same article cannot both
    find it new; the file is written whole (temporary file + rename).
    """
    seeds_dir.mkdir(parents=True, exist_ok=True)
    with curating(seeds_dir):
        return _ingest(
            raw,
            seeds_dir,
            title=title,
            title_assigned=title_assigned,
            outlet=outlet,
            url=url,
            published=published,
            estimated=estimated,
            reasoning=reasoning,
            source_id=source_id,
            today=today,
        )


def _ingest(
    raw: bytes,
    seeds_dir: Path,
    *,
    title: str,
    title_assigned: bool,
    outlet: str | None,
    url: str | None,
    published: str | None,
    estimated: bool,
    reasoning: str | None,
    source_id: str | None,
    today: date | None,
) -> Path:
    if (estimated or reasoning) and not published:
        given = "--estimated" if estimated else "--reasoning"
        raise IngestError(f"{given} qualifies a publication date: give --published too.")
    if reasoning and not estimated:
        raise IngestError(
            "--reasoning says why a date is an estimate: add --estimated, or leave "
            "--reasoning out for a date the article states."
        )
    text = decode(raw)
    body = text.encode("utf-8")
    duplicate = _find_duplicate(seeds_dir, text)
    if duplicate is not None:
        raise IngestError(f"This article is already in the store as {duplicate}.")
    chosen = source_id or slug(title)
    path = seeds_dir / f"{chosen}.md"
    if source_id is None:
        counter = 2
        while path.exists():
            chosen = f"{slug(title)}-{counter}"
            path = seeds_dir / f"{chosen}.md"
            counter += 1
    elif path.exists():
        raise IngestError(f"{path} already exists; choose another --id.")
    header: dict[str, object] = {
        "id": chosen,
        "title": title,
        "title_assigned": title_assigned,
        "outlet": outlet,
        "url": url,
    }
    if published:
        when = _published(published, today or datetime.now(UTC).date())
        header["published"] = {
            "date": str(when),
            "precision": str(when.precision),
            "estimated": estimated,
            "reasoning": reasoning,
        }
    header["sha256"] = hashlib.sha256(body).hexdigest()
    try:
        SourceHeader.model_validate(header)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc']))}: {error_message(e)}" for e in exc.errors()
        )
        raise IngestError(f"The metadata is not valid: {problems}") from None
    lines = ["---"]
    for key, value in header.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {k}: {_scalar(v)}" for k, v in value.items()]
        else:
            lines.append(f"{key}: {_scalar(value)}")
    lines.append("---")
    seeds_dir.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".md.tmp")
    temporary.write_bytes(("\n".join(lines) + "\n").encode("utf-8") + body)
    temporary.replace(path)
    return path


def _published(given: str, today: date) -> FuzzyDate:
    """``--published`` read, or why not: a date as the store writes it, not after today."""
    try:
        when = FuzzyDate.parse(given)
    except InvalidDate as exc:
        raise IngestError(f"--published: {exc.message}") from None
    if when.start > today:
        raise IngestError(
            f"--published {given} is after today ({today.isoformat()}): an article "
            "cannot be published in the future (a typo in the year?)."
        )
    return when


def _scalar(value: object) -> str:
    """JSON scalars are valid YAML, quoted safely."""
    return json.dumps(value, ensure_ascii=False)


def _find_duplicate(seeds_dir: Path, text: str) -> str | None:
    key = simplify(text)
    for path in sorted(seeds_dir.glob("*.md")):
        raw = path.read_bytes()
        end = raw.find(b"\n---\n", 3)
        body = raw[end + 5 :] if raw.startswith(b"---\n") and end >= 0 else raw
        if simplify(body.decode("utf-8", errors="replace")) == key:
            return path.name
    return None
