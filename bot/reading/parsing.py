"""Parsing and validating a knowledge file or a seed's header: what a load does for each
file the served store does not lend.

Kept apart from :mod:`bot.reading.loader` so that a store decoded from its saved copy never
imports pydantic or PyYAML (a ``briefbot ask`` would spend most of its time on them).
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
import time
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from bot.reading.yamltree import TooLong, TooMany, TooSlow, compose
from bot.records import models
from bot.records.dates import implied_precision
from bot.records.errors import Problem
from bot.records.served import Fact, FactKind, Source
from bot.records.standalone import standalone_problem
from bot.records.text import fold

if TYPE_CHECKING:
    from bot.reading.collected import Collected, Entry

_DECLARED_ID = re.compile(r"^[ \t]*+(?:-[ \t]*+)?id:[ \t]*+[\"']?([a-z0-9-]+)", re.MULTILINE)
SECTIONS: dict[str, type[models.Record]] = {
    "actors": models.Actor,
    "facts": models.Fact,
    "topics": models.Topic,
    "synonyms": models.Synonyms,
}
"""Each section's pydantic model: what a curator writes is validated by it, then served
as its lean copy (:mod:`bot.records.served`)."""

M = TypeVar("M", bound=BaseModel)
MAX_DEPTH = 48
"""Deepest nesting of lists and mappings a knowledge file may have (they need about 6)."""
NODES_PER_BYTE = 2
"""YAML aliases may not make a file expand to more values than this many per byte of it."""
RECORDS_MAX = 20_000
"""Most records one file may hold (a generated 100k store writes 2,000 a file)."""
FILE_PROBLEMS_MAX = 200
"""Problems reported for one file at most (fix those, and the next ones show)."""
KEYS_MAX = FILE_PROBLEMS_MAX + 4
"""Top-level keys past which a knowledge file is refused whole, before its values are
built: each key but its four sections would be a problem, and that many are not shown."""
INDENT_MAX = 400
"""Deepest indentation a line may have, in columns: far past MAX_DEPTH levels of any
indentation a person writes, and found in one linear scan (deep indentation took libyaml
seconds to scan, quadratically, before its depth could be counted)."""
BUDGET_S = 10.0
"""Seconds reading and validating one file may take; slower is a problem, not a stall."""


def read_seed(collected: Collected, rel: str, raw: bytes, printed: bytes) -> None:
    """Validate a seed (its header, and its text against the header's hash); take its
    source into ``collected``."""
    header_text, body = _split_front_matter(raw)
    if header_text is None:
        collected.problems.append(
            Problem(
                rel,
                "no metadata header: the file must start with a '---' line, "
                "the YAML header, and another '---' line",
                line=1,
            )
        )
        return
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        collected.problems.append(Problem(rel, f"the article text is not UTF-8 ({exc.reason})"))
        return
    parsed = _parse_yaml(collected, rel, header_text, first_line=2)
    if parsed is None:
        return
    data, lines = parsed
    if not isinstance(data, dict):
        collected.problems.append(Problem(rel, "the header must be a YAML mapping", line=2))
        return
    header = _validate(collected, models.SourceHeader, data, rel, str(data.get("id") or ""), lines)
    if header is None:
        collected.broken.add(str(data.get("id") or ""))
        return
    actual = hashlib.sha256(body).hexdigest()
    if actual != header.sha256:
        collected.problems.append(
            Problem(
                rel,
                "the article text differs from the one imported (seeds are never "
                f"edited; its sha256 is now {actual})",
                record=header.id,
                field="sha256",
            )
        )
    text_line = raw[: len(raw) - len(body)].count(b"\n") + 1
    fields = {name: models.lean(value) for name, value in header.__dict__.items()}
    source = Source(**fields, text=text, file=rel, text_line=text_line)
    collected.add_source(rel, source)
    collected.note_file(rel, printed, [("sources", source, 2)])


def read_knowledge(collected: Collected, rel: str, raw: bytes, printed: bytes) -> None:
    """Parse and validate a knowledge file; take its valid records into ``collected``."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        collected.problems.append(Problem(rel, f"not UTF-8 text ({exc.reason})"))
        return
    deadline = time.monotonic() + BUDGET_S
    parsed = _parse_yaml(collected, rel, text, deadline=deadline, knowledge=True)
    if parsed is None:
        # What the file meant to define is unknown: don't also report references to it.
        collected.broken.update(_DECLARED_ID.findall(text))
        return
    data, lines = parsed
    if data is None:
        collected.problems.append(Problem(rel, "the file is empty"))
        return
    if not isinstance(data, dict):
        collected.problems.append(
            Problem(rel, f"expected a mapping with {', '.join(SECTIONS)}", line=1)
        )
        return
    entries: list[Entry] = []
    before = len(collected.problems)

    def too_many() -> bool:
        if len(collected.problems) - before < FILE_PROBLEMS_MAX:
            return False
        collected.problems.append(
            Problem(rel, f"more than {FILE_PROBLEMS_MAX} problems: fix these, then validate again")
        )
        return True

    for key, items in data.items():
        if too_many():
            return
        if key not in SECTIONS:
            collected.problems.append(
                Problem(
                    rel, f"unknown section {_shown(key)}; expected one of {', '.join(SECTIONS)}"
                )
            )
            continue
        if not isinstance(items, list):
            collected.problems.append(Problem(rel, f"{key!r} must be a list", field=key))
            continue
        for number, item in enumerate(items):
            if number % 256 == 0 and time.monotonic() > deadline:
                collected.problems.append(Problem(rel, _too_slow(), field=key))
                return
            if too_many():
                return
            entry = _read_record(collected, rel, key, item, lines)
            if entry is not None:
                entries.append(entry)
    collected.note_file(rel, printed, entries)


def _shown(value: Any) -> str:
    """A value in a message: its repr, cut short (and never failing, as an int of
    thousands of digits' would)."""
    try:
        text = repr(value)
    except ValueError:
        return f"a {type(value).__name__} too long to show"
    return text if len(text) <= 80 else text[:77] + "…"


def _split_front_matter(raw: bytes) -> tuple[str | None, bytes]:
    if not raw.startswith(b"---\n"):
        return None, raw
    end = raw.find(b"\n---\n", 3)
    if end < 0:
        return None, raw
    return raw[4 : end + 1].decode("utf-8", errors="replace"), raw[end + 5 :]


def _too_slow() -> str:
    return f"reading this file took over {BUDGET_S:.0f} s: split it into smaller files"


def _parse_yaml(
    collected: Collected,
    rel: str,
    text: str,
    first_line: int = 1,
    deadline: float = math.inf,
    *,
    knowledge: bool = False,
) -> tuple[Any, dict[int, int]] | None:
    """The data and its line table, or ``None`` (with a problem recorded) on bad input."""
    too_deep = nesting_problem(text, first_line)
    if too_deep is not None:
        reason, line = too_deep
        collected.problems.append(Problem(rel, f"YAML {reason}", line=line))
        return None
    budget = NODES_PER_BYTE * len(text) + 1000
    try:
        if not knowledge:
            return compose(text, first_line, budget, deadline)
        return compose(
            text, first_line, budget, deadline, keys_max=KEYS_MAX, entries_max=RECORDS_MAX
        )
    except TooLong as exc:
        count, key, line = exc.args
        if key is None:
            message = (
                f"{count:,} top-level keys: a knowledge file holds only its sections "
                f"({', '.join(SECTIONS)}), each a list"
            )
            collected.problems.append(Problem(rel, message, line=line + first_line))
        else:
            message = f"{count:,} entries, more than {RECORDS_MAX:,}: split the file"
            collected.problems.append(Problem(rel, message, field=str(key), line=line + first_line))
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + first_line if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc)
        collected.problems.append(Problem(rel, f"YAML syntax error: {reason}", line=line))
        return None
    except TooSlow:
        collected.problems.append(Problem(rel, _too_slow()))
        return None
    except (ValueError, OverflowError) as exc:  # a value past what Python reads (4,300 digits)
        message = f"a value YAML cannot read as data: {str(exc)[:120]}"
        collected.problems.append(Problem(rel, message))
        return None
    except TooMany:
        collected.problems.append(
            Problem(
                rel,
                f"YAML aliases make this file expand to more than {budget:,} values "
                "(an alias bomb?): write the values out instead",
            )
        )
        return None


def _read_record(
    collected: Collected, rel: str, section: str, item: Any, lines: dict[int, int]
) -> Entry | None:
    if not isinstance(item, dict):
        collected.problems.append(
            Problem(rel, f"each entry of {section!r} must be a mapping, not {_shown(item)}")
        )
        return None
    given = item.get("id")
    record_id = given if isinstance(given, str) else ""
    model = _validate(collected, SECTIONS[section], item, rel, record_id, lines)
    if model is None:
        collected.broken.add(record_id)
        return None
    line = lines.get(id(item))
    record = model.lean()
    if isinstance(record, Fact):
        for fld, message in fact_problems(record):
            collected.problems.append(Problem(rel, message, record_id, fld, line))
    collected.add_record(rel, section, record, line)
    return (section, record, line)


def fact_problems(fact: Fact) -> Iterator[tuple[str, str]]:
    """The checks a fact passes or fails on its own, as (field, message): its quoted
    words, a text that stands alone, a date no finer than its phrase or an event's date.

    Run when the fact is parsed, in whichever process parses it: a fact from the cache
    (whose files are cached only when valid) or lent by the served store passed them."""
    if fact.words:
        words = fold(fact.words)
        if not any(words in fold(c.quote) for c in fact.citations):
            yield ("words", "the quoted words are not inside any of this fact's citations")
        if fact.kind is FactKind.QUOTE and words.casefold() not in fold(fact.text).casefold():
            yield (
                "text",
                "a quote's text must give the quoted words with who said them, e.g. "
                "'Ulf Laessing said: “…”', so it is never shown as a bare fragment",
            )
    unclear = standalone_problem(fact.text)
    if unclear:
        yield ("text", f"the text {unclear}")
    if fact.date is None:
        if fact.kind is FactKind.EVENT:
            yield (
                "date",
                "an event needs a date (use kind: background for something the sources "
                "do not date)",
            )
        return
    when = fact.date.when
    finest = implied_precision(fact.date.phrase) if fact.date.phrase else None
    if finest is not None and when.precision.rank < finest.rank:
        yield (
            "date.when",
            f"{when} is a {when.precision}, more precise than {fact.date.phrase!r} allows "
            f"({finest} at most)",
        )


def _validate(
    collected: Collected,
    model: type[M],
    data: dict[str, Any],
    rel: str,
    record: str,
    lines: dict[int, int],
) -> M | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = error["loc"]
            collected.problems.append(
                Problem(
                    file=rel,
                    line=_line_at(data, loc, lines),
                    record=record or None,
                    field=_dotted(loc) or None,
                    message=error_message(error),
                )
            )
        return None


def error_message(error: Mapping[str, Any]) -> str:
    """A pydantic error as a curator reads it (no "Value error, " prefix)."""
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        return "unknown field (check its spelling)"
    if error["type"] == "string_pattern_mismatch" and error["loc"][-1] == "id":
        return "ids are lower-case words joined by hyphens, e.g. mohamed-bazoum"
    if error["type"] == "string_pattern_mismatch" and error["loc"][0] == "words":
        return "one word per entry (no spaces): list the words of a phrase separately"
    return message


def _dotted(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _line_at(data: Any, loc: tuple[int | str, ...], lines: dict[int, int]) -> int | None:
    """The line of the deepest mapping or list on the error's path."""
    line = lines.get(id(data))
    node = data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        line = lines.get(id(node), line)
    return line


# --- nesting: 30,000 nested brackets crash libyaml's recursive composer outright ---


_BRACKETS = re.compile(r"[\[\]{}]")
_TOO_INDENTED = re.compile(rf"^[ \t]{{{INDENT_MAX}}}", re.MULTILINE)
_DEEP_INDENT = re.compile(rf"\n {{{MAX_DEPTH // 2}}}")
_MARKER_RUN = re.compile(r"[-?][ \t]+" * 5 + r"[-?]")


def nesting_problem(text: str, first_line: int = 1) -> tuple[str, int | None] | None:
    """Why ``text`` nests too deeply for the YAML parser, with the line, or ``None``.

    Cheap checks at regular-expression speed come first (open flow brackets, deep
    indentation, runs of block markers on one line); only text that could be deep is
    parsed event by event, which does not recurse, to find the real depth and its line.
    """
    indented = _TOO_INDENTED.search(text)
    if indented is not None:
        where = text.count("\n", 0, indented.start()) + first_line
        return (
            f"indented over {INDENT_MAX} columns: nested more than {MAX_DEPTH} levels deep",
            where,
        )
    opens = text.count("[") + text.count("{")
    if opens > MAX_DEPTH // 2:  # brackets in quotes count too: an upper bound
        brackets = _BRACKETS.findall(text)
        flow = max(itertools.accumulate((1 if c in "[{" else -1 for c in brackets), initial=0))
    else:
        flow = opens
    if flow <= MAX_DEPTH // 2 and not _DEEP_INDENT.search(text) and not _MARKER_RUN.search(text):
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    line = event.start_mark.line + first_line if event.start_mark else None
                    return (f"nested more than {MAX_DEPTH} levels deep", line)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:
        # libyaml 0.2.6 (PyYAML 6.0.3+) refuses deep flow nesting itself, while scanning
        # ahead of the events: the same problem, said the same way.
        if "nesting depth" in str(exc):
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + first_line if mark is not None else None
            return (f"nested more than {MAX_DEPTH} levels deep", line)
        return None  # reported as a syntax error by the real parse
    return None
