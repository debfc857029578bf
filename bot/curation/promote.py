"""``briefbot promote``: move reviewed draft entries into the store, or change nothing.

Entries move as text, comments and all: facts to ``knowledge/facts/<source>.yaml`` and
the proposed actors they use (and those their ``part_of``/``speaks_for`` name; with
``--reviewed``, every reviewed proposal) to ``knowledge/actors.yaml``, without an actor's
draft notes (its "# proposed:" line and role check). The whole store is validated
afterwards; if it is not valid, every file is put back as it was.
"""

from __future__ import annotations

import re
from pathlib import Path

import msgspec

from bot.curation.journal import Journal, curating
from bot.reading.files import files_under
from bot.reading.loader import load_store
from bot.records.errors import BriefbotError, Problem, StoreInvalid

_ITEM = re.compile(r"^( *)- ")
_ID = re.compile(r"^(?: *- | +)id: *[\"']?([a-z0-9-]+)[\"']? *$", re.M)
_SECTION = re.compile(r"^([a-z]+):")


class PromoteError(BriefbotError):
    kind = "promote"

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


def _entries(text: str) -> dict[str, dict[str, str]]:
    """Section -> id -> the entry's text block (from its '- ' line to the next entry), at
    whatever indentation the file uses (an editor may have re-indented the draft)."""
    sections: dict[str, dict[str, str]] = {}
    section: str | None = None
    column: int | None = None  # where the section's items start their "- "
    lines: list[str] = []

    def close() -> None:
        block = "".join(lines)
        found = _ID.search(block)
        if section and found:
            sections.setdefault(section, {})[found[1]] = block.rstrip("\n") + "\n"

    for line in text.splitlines(keepends=True):
        item = _ITEM.match(line)
        indent = len(line) - len(line.lstrip(" "))
        if match := _SECTION.match(line):
            close()
            section, column, lines = match[1], None, []
        elif item and section and (column is None or len(item[1]) == column):
            close()
            column, lines = len(item[1]), [line]
        elif lines and (not line.strip() or (column is not None and indent > column)):
            lines.append(line)
        else:
            close()
            lines = []
    close()
    return sections


def _normalised(block: str) -> str:
    """An entry indented as the store's files are: its "- " at column 2."""
    item = _ITEM.match(block)
    shift = 2 - (len(item[1]) if item else 2)
    if shift == 0:
        return block
    out = []
    for line in block.splitlines(keepends=True):
        if shift > 0 and line.strip():
            line = " " * shift + line
        elif shift < 0:
            line = line[min(-shift, len(line) - len(line.lstrip(" "))) :]
        out.append(line)
    return "".join(out)


def promote(
    knowledge_dir: Path,
    seeds_dir: Path,
    source_id: str,
    ids: list[str] | None,
    *,
    reviewed_only: bool = False,
) -> tuple[list[str], list[str]]:
    """Promote ``ids`` (every draft fact if ``None``); return (facts, actors) moved.

    One curation command at a time; every file is replaced whole, and a crash part-way is
    rolled back by the next curation command (:mod:`bot.curation.journal`).
    """
    with curating(knowledge_dir) as journal:
        return _promote(journal, knowledge_dir, seeds_dir, source_id, ids, reviewed_only)


_UNREVIEWED = re.compile(r"^\s*reviewed:\s*false\b", re.MULTILINE)
_RESTATES = re.compile(r"^\s*restates:\s*([a-z0-9-]+)", re.MULTILINE)
_REVIEWED_LINE = re.compile(r"^[ \t]*reviewed:[ \t]*true\b.*\n?", re.MULTILINE)
_PROPOSAL_NOTES = re.compile(
    r"^[ \t]*#[ \t]*(?:proposed: a name the store does not know yet; check name and kind|"
    r"check: no role: the article gives none beside the name; .*|"
    r"check: role from the article's words beside the name: .*|"
    r"role: the profile's one-line who, .*|role:|  text: \"Spokesman for Niger's military "
    r"government\"|  citations:|    - source: \S+|      quote: \"the words of the article "
    r"that say so\")[ \t]*\n",
    re.MULTILINE,
)
"""A proposed actor's draft comments left as the draft wrote them (its "# proposed:"
note, its role check): noise once the actor is in the store."""


def _promote(
    journal: Journal,
    knowledge_dir: Path,
    seeds_dir: Path,
    source_id: str,
    ids: list[str] | None,
    reviewed_only: bool,
) -> tuple[list[str], list[str]]:
    drafts = knowledge_dir / "drafts" / f"{source_id}.yaml"
    if not drafts.exists():
        raise PromoteError(
            f"There is no draft for {source_id}: run `briefbot draft {source_id}` first."
        )
    text = drafts.read_text(encoding="utf-8")
    if not text.endswith("\n"):  # an editor that saves no final newline: each entry's
        text += "\n"  # block ends in one, and must be found to be taken out of the draft
    entries = _entries(text)
    facts = entries.get("facts", {})
    chosen = list(facts) if ids is None else ids
    unknown = [i for i in chosen if i not in facts]
    if unknown:
        raise PromoteError(f"Not in the draft: {', '.join(unknown)}.", ())
    if reviewed_only and ids is None:  # every reviewed entry; named ones must all be
        chosen = [i for i in chosen if not _UNREVIEWED.search(facts[i])]
        if not chosen:
            raise PromoteError(
                "No draft fact is reviewed yet: set `reviewed: true` on those checked."
            )
    if not chosen:
        raise PromoteError("The draft has no facts left to promote.")
    proposed = entries.get("actors", {})
    used = [a for a in proposed if any(_names(a, facts[f]) for f in chosen)]
    if reviewed_only:  # every reviewed proposal, whether or not a promoted fact uses it
        used += [a for a in proposed if a not in used and not _UNREVIEWED.search(proposed[a])]
    used = _with_named(used, proposed)
    known = _actor_ids(knowledge_dir / "actors.yaml")
    # an actor promoted meanwhile from another draft is in the store already: not again
    actors = [a for a in used if a not in known]
    pending = [i for i in chosen if _UNREVIEWED.search(facts[i])]
    pending += [f"actor {a}" for a in actors if _UNREVIEWED.search(proposed[a])]
    if pending:
        instead = (
            "(or leave the unreviewed ones out of the list)"
            if reviewed_only
            else "(or use --reviewed to promote only the entries already checked)"
        )
        raise PromoteError(
            f"Not reviewed yet: {', '.join(pending)}. Check each entry, set `reviewed: true`, "
            f"then promote again {instead}; nothing was promoted."
        )
    elsewhere = _proposed_elsewhere(knowledge_dir / "drafts", source_id, known)
    waiting = _waiting(chosen, facts, {a: f for a, f in elsewhere.items() if a not in proposed})
    if waiting:
        lines = _lines(text)
        raise PromoteError(
            "These entries use actors only another draft proposes: "
            + "; ".join(
                f"{fact_id} (drafts/{source_id}.yaml:{lines.get(fact_id, '?')}) uses {uses}"
                for fact_id, uses in waiting
            )
            + ". Promote those actors from that draft first (or take them out of the "
            "entries); nothing was promoted."
        )

    facts_file = knowledge_dir / "facts" / f"{source_id}.yaml"
    actors_file = knowledge_dir / "actors.yaml"
    journal.save(drafts, facts_file, actors_file)
    merges = {i: m[1] for i in chosen if (m := _RESTATES.search(facts[i]))}
    try:
        for fact_id, target in merges.items():
            _add_citations(journal, knowledge_dir, target, _normalised(facts[fact_id]))
        new = [i for i in chosen if i not in merges]
        if new:
            _append(
                journal,
                facts_file,
                "facts",
                [_REVIEWED_LINE.sub("", _normalised(facts[i])) for i in new],
                f"# Facts from {source_id}, promoted from its draft.\n",
            )
        if actors:
            blocks = [
                _PROPOSAL_NOTES.sub("", _REVIEWED_LINE.sub("", _normalised(proposed[a])))
                for a in actors
            ]
            _append(journal, actors_file, "actors", blocks, "")
        remaining = text
        for block in [facts[i] for i in chosen] + [proposed[a] for a in used]:
            if block not in remaining:  # never promoted and left in the draft as well
                entry = block.splitlines()[0].strip()
                raise PromoteError(
                    f"Could not take “{entry}” out of drafts/{source_id}.yaml (was the file "
                    "changed while promoting?); nothing was promoted."
                )
            remaining = remaining.replace(block, "", 1)
        left = _entries(remaining)
        if left.get("facts") or left.get("actors"):
            journal.write(drafts, _tidy(remaining))
        else:  # everything promoted: no empty drafts file left behind
            journal.remove(drafts)
        load_store(knowledge_dir, seeds_dir)
    except PromoteError:
        journal.rollback()
        raise
    except StoreInvalid as invalid:
        journal.rollback()
        raise PromoteError(
            "The store would not be valid, so nothing was promoted:",
            _in_draft(invalid.problems, text, source_id, {*chosen, *actors}),
        ) from None
    return chosen, actors


def _names(actor_id: str, block: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(actor_id)}(?![\w-])", block) is not None


def _with_named(used: list[str], proposed: dict[str, str]) -> list[str]:
    """``used`` and every proposed actor they name (``part_of``, ``speaks_for``), and
    those these name: an actor never moves without the actors its entry refers to."""
    found = list(used)
    for actor in found:  # grows as it goes
        body = proposed[actor].split("citations:", 1)[0]
        found += [a for a in proposed if a not in found and a != actor and _names(a, body)]
    return found


def restating(text: str, fact_ids: list[str]) -> dict[str, str]:
    """Fact id -> the stored fact it restates, for the ids a draft's text holds."""
    facts = _entries(text).get("facts", {})
    return {i: m[1] for i in fact_ids if i in facts and (m := _RESTATES.search(facts[i]))}


def unreviewed_entries(text: str) -> list[str]:
    """The ids of a draft's entries, facts and actors, its text marks ``reviewed: false``."""
    return [
        entry
        for section in ("actors", "facts")
        for entry, block in _entries(text).get(section, {}).items()
        if _UNREVIEWED.search(block)
    ]


def left_behind(text: str) -> list[tuple[str, str]]:
    """(actor id, why) for each proposed actor a draft's text still holds."""
    entries = _entries(text)
    facts = entries.get("facts", {})
    left = []
    for actor, block in entries.get("actors", {}).items():
        users = [f for f, body in facts.items() if _names(actor, body)]
        if _UNREVIEWED.search(block):
            why = "not reviewed"
        elif users:
            why = f"used by {', '.join(users)}, not promoted yet"
        else:
            why = "no promoted fact uses it: promote it with --reviewed"
        left.append((actor, why))
    return left


def _waiting(
    chosen: list[str], facts: dict[str, str], elsewhere: dict[str, str]
) -> list[tuple[str, str]]:
    """(fact id, "actor (proposed in drafts/<file>)") for each chosen entry using actors
    only another draft proposes."""
    found = []
    for fact_id in chosen:
        uses = [
            f"{a} (proposed in drafts/{elsewhere[a]})"
            for a in sorted(elsewhere)
            if re.search(rf"\b{re.escape(a)}\b", facts[fact_id])
        ]
        if uses:
            found.append((fact_id, ", ".join(uses)))
    return found


def _lines(text: str) -> dict[str, int]:
    """Entry id -> the line of its ``- id:`` in a draft's text."""
    return {
        found.group(1): text.count("\n", 0, found.start()) + 1
        for found in re.finditer(r"^[ \t]*-[ \t]+id:[ \t]*(\S+)", text, re.M)
    }


def _in_draft(
    problems: list[Problem], text: str, source_id: str, moved: set[str]
) -> tuple[Problem, ...]:
    """The problems of the entries being moved, located in the draft the curator edits
    (``drafts/<id>.yaml:<line>`` of the entry), not in the files they were moving to."""
    lines = _lines(text)
    located = []
    for problem in problems:
        line = lines.get(problem.record or "")
        if problem.record in moved and line is not None:
            problem = msgspec.structs.replace(problem, file=f"drafts/{source_id}.yaml", line=line)
        located.append(problem)
    return tuple(located)


def _actor_ids(path: Path) -> set[str]:
    """The ids of the actors a knowledge file lists (by its `- id:` lines)."""
    if not path.is_file():
        return set()
    return set(_entries(path.read_text(encoding="utf-8")).get("actors", {}))


def _proposed_elsewhere(drafts_dir: Path, source_id: str, known: set[str]) -> dict[str, str]:
    """Actor id -> the other draft file proposing it, for actors not yet in the store."""
    found: dict[str, str] = {}
    if not drafts_dir.is_dir():
        return found
    for path in sorted(drafts_dir.glob("*.yaml")):
        if path.stem == source_id or not path.is_file():
            continue
        for actor in _actor_ids(path) - known:
            found.setdefault(actor, path.name)
    return found


def _append(journal: Journal, path: Path, section: str, blocks: list[str], header: str) -> None:
    existing = path.read_text(encoding="utf-8") if path.exists() else f"{header}\n{section}:\n"
    if not re.search(rf"^{section}:", existing, re.M):
        existing = existing.rstrip("\n") + f"\n\n{section}:\n"
    body = existing.rstrip("\n") + "\n" + "".join(f"\n{b}" for b in blocks)
    journal.write(path, body)


def _tidy(text: str) -> str:
    text = re.sub(r"\n{3,}", "\n\n", text)
    remaining = _entries(text)
    for section in ("facts", "actors"):
        if not remaining.get(section):
            text = re.sub(rf"^{section}:[ \t]*$", f"{section}: []", text, flags=re.M)
    return text


def _citation_lines(block: str) -> list[str]:
    """The lines of an entry's citations list, its items at column 6 (an editor may have
    written them level with ``citations:``)."""
    cited = re.search(r"^    citations:[ \t]*\n", block, re.M)
    lines: list[str] = []
    for line in block[cited.end() :].splitlines() if cited else []:
        indent = len(line) - len(line.lstrip(" "))
        if indent <= 4 and not (indent == 4 and line.lstrip().startswith("- ")):
            break
        lines.append(line)
    first = next((len(x) - len(x.lstrip(" ")) for x in lines if x.lstrip().startswith("- ")), 6)
    return [" " * (6 - first) + line if first < 6 else line for line in lines]


def _add_citations(journal: Journal, knowledge_dir: Path, target: str, block: str) -> None:
    """Add a restating candidate's citations to the existing fact ``target``, in place."""
    lines = _citation_lines(block)
    if not lines:
        raise PromoteError(f"The entry restating {target} has no citations to add.")
    entry = re.compile(rf"^  - id: {re.escape(target)}\s*$", re.MULTILINE)
    for path in files_under(knowledge_dir, (".yaml", ".yml"), frozenset({"drafts", "schema"})):
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        found = entry.search(text)
        if found is None:
            continue
        end = text.find("\n  - id:", found.end())
        end = len(text) if end < 0 else end
        body = text[found.end() : end]
        start = body.find("\n    citations:")
        if start < 0:
            raise PromoteError(f"Fact {target} in {path.name} has no citations list to extend.")
        at = start + len("\n    citations:")
        rest = body[at:].split("\n")
        keep = 1  # the remainder of the "citations:" line
        while keep < len(rest) and rest[keep].startswith("      "):
            keep += 1
        offset = found.end() + at + len("\n".join(rest[:keep]))
        journal.write(path, text[:offset] + "\n" + "\n".join(lines) + text[offset:])
        return
    raise PromoteError(f"Fact {target}, which a draft entry restates, is not in the store.")
