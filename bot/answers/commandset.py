"""The command set, one description of it, and Discord's syntax parsed for the console.

``/timeline actor:"Ulf Laessing" since:2025`` is parsed into a command name and options;
the first required option may be given bare (``/actor Bazoum``). :func:`execute` runs a
parsed command against the store and always returns a :class:`Response`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Literal

import msgspec

from bot.answers import queries, questions
from bot.answers.response import Item, Response, Section
from bot.records.errors import BriefbotError, InvalidCommand
from bot.store.facts import FactStore
from bot.store.matching import Entry, NameIndex

OptionKind = Literal["actor", "topic", "source", "date", "text", "flag"]


class Option(msgspec.Struct, frozen=True):
    name: str
    description: str
    kind: OptionKind
    required: bool = False


class Command(msgspec.Struct, frozen=True):
    name: str
    description: str
    options: tuple[Option, ...]
    run: Callable[..., Response]
    shows: frozenset[str] = frozenset()
    """Options that change how the answer is shown, not what it is (not passed to ``run``)."""

    @property
    def usage(self) -> str:
        parts = [f"/{self.name}"]
        for option in self.options:
            parts.append(f"{option.name}:…" if option.required else f"[{option.name}:…]")
        return " ".join(parts)


EXAMPLES = (
    "/brief",
    "/brief topic:security",
    "/actor Bazoum",
    '/timeline actor:"Ulf Laessing" since:2025',
    "/search fuel convoy",
    "/ask what did Laessing say about democracy?",
    "who is Nick Checker?",
)


def _help(store: FactStore) -> Response:
    """Every command, its options and examples (the same in Discord, the console and the CLI)."""
    sections = [
        Section(
            title=command.usage,
            items=(
                Item(text=command.description),
                *(Item(text=f"{o.name}: {o.description}") for o in command.options),
            ),
        )
        for command in COMMANDS.values()
    ]
    sections.append(Section(title="Examples", items=tuple(Item(text=e) for e in EXAMPLES)))
    return Response(
        ok=True,
        command="help",
        title="briefbot commands",
        subtitle="Discord's syntax: option:value, quotes around several words. "
        "A line without '/' is a question.",
        sections=tuple(sections),
        store_version=store.version,
    )


def _about(store: FactStore) -> Response:
    """What is being served: the store's version, size and load time."""
    counts = ", ".join(f"{n} {name}" for name, n in store.counts().items())
    loaded = store.loaded_at.strftime("%Y-%m-%d %H:%M UTC")
    return Response(
        ok=True,
        command="about",
        title="About briefbot",
        sections=(
            Section(
                title="Store",
                items=(
                    Item(text=f"Version {store.version}, loaded {loaded}"),
                    Item(text=f"Contents: {counts}"),
                    Item(text=f"Source grades: {source_grades(store)}"),
                ),
            ),
        ),
        store_version=store.version,
    )


def source_grades(store: FactStore) -> str:
    """How many sources have each reliability grade, and how many none: '2 ungraded'."""
    grades = Counter(
        str(s.reliability.grade) if s.reliability else "ungraded" for s in store.sources.values()
    )
    order = sorted(grades, key=lambda g: (g == "ungraded", g))
    shown = ", ".join(
        f"{grades[g]} ungraded" if g == "ungraded" else f"{grades[g]} graded {g}" for g in order
    )
    retracted = len(store.retracted)
    return (shown or "no sources") + (f"; {retracted} fact(s) retracted" if retracted else "")


COMMANDS: Mapping[str, Command] = {
    c.name: c
    for c in (
        Command(
            "brief",
            "The situation in brief, or a topic's summary, with sources",
            (
                Option(
                    "topic",
                    "A briefing topic, e.g. security; leave empty for the overview",
                    "topic",
                ),
                Option("more", "true: every fact on the topic, not just the brief", "flag"),
            ),
            queries.brief,
        ),
        Command(
            "actor",
            "Profile of a person, government or group: role, facts, quotes, timeline",
            (
                Option(
                    "name",
                    "Name, surname, alias or acronym, e.g. Bazoum or JNIM",
                    "actor",
                    required=True,
                ),
            ),
            queries.actor,
        ),
        Command(
            "timeline",
            "Dated events in order, at the precision the sources give",
            (
                Option("actor", "Only facts involving this actor", "actor"),
                Option("topic", "Only facts on this topic", "topic"),
                Option("since", "From this date: 2025, 2025-10 or Oct 2025", "date"),
                Option("until", "Up to this date: 2025, 2025-10 or Oct 2025", "date"),
                Option("picture", "true: also draw it as a picture", "flag"),
            ),
            queries.timeline,
            shows=frozenset({"picture"}),
        ),
        Command(
            "search",
            "Facts and quotes matching some words",
            (Option("query", "Words to look for, e.g. fuel convoy", "text", required=True),),
            queries.search,
        ),
        Command(
            "sources",
            "The articles behind every answer, or one of them in detail",
            (Option("source", "A source's id or title; leave empty to list them all", "source"),),
            queries.sources,
        ),
        Command(
            "ask",
            "A question in plain words, e.g. who is Nick Checker? or what did Laessing say?",
            (
                Option(
                    "question",
                    "Who is…, what did … say about …, when…, or any words to look for",
                    "text",
                    required=True,
                ),
            ),
            questions.answer,
        ),
        Command("help", "How to use briefbot: its commands and examples", (), _help),
        Command("about", "The fact store being served: version, size, when loaded", (), _about),
    )
}


def describe(name: str) -> dict[str, str]:
    """Option descriptions of one command, for Discord's ``app_commands.describe``."""
    return {option.name: option.description for option in COMMANDS[name].options}


_COMMAND_NAMES = NameIndex("command", (Entry(n, n, ()) for n in COMMANDS))


class Invocation(msgspec.Struct, frozen=True):
    command: Command
    options: dict[str, str | bool]

    @property
    def query(self) -> dict[str, str | bool]:
        """The options the query takes."""
        return {k: v for k, v in self.options.items() if k not in self.command.shows}

    def wants(self, option: str) -> bool:
        """Whether a showing option (``picture``) was set."""
        return self.options.get(option) is True


_TRUE = frozenset({"true", "yes", "on", "1"})
_FALSE = frozenset({"false", "no", "off", "0"})


def parse_flag(what: str, value: str) -> bool:
    """A true/false option as typed (true, yes, on, 1 / false, no, off, 0)."""
    word = value.strip().casefold()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise InvalidCommand(f"{what} takes true or false, not {value[:40]!r}.")


def parse(line: str) -> Invocation:
    """Parse ``/command option:value option:"two words"`` (first required option bare)."""
    text = line.strip()
    if not text.startswith("/"):
        raise InvalidCommand("Commands start with '/', e.g. /actor name:Bazoum. Try /help.")
    name, _, rest = text[1:].partition(" ")
    command = COMMANDS.get(name.casefold())
    if command is None:
        suggestions = tuple(f"/{m.id}" for m in _COMMAND_NAMES.rank(name))
        raise InvalidCommand(
            f"There is no /{name} command.", suggestions or tuple(f"/{n}" for n in COMMANDS)
        )
    names = "|".join(re.escape(o.name) for o in command.options)
    marker = re.compile(rf"(?:^|\s)({names}):", re.IGNORECASE)
    matches = _markers(marker, rest) if names else []
    options: dict[str, str] = {}
    kinds = {o.name: o.kind for o in command.options}
    bare = rest[: matches[0].start()] if matches else rest
    if bare.strip():
        unknown = re.match(r"\s*([A-Za-z_]+):", bare)
        if unknown:
            valid = ", ".join(o.name for o in command.options) or "none"
            raise InvalidCommand(
                f"/{command.name} has no option {unknown[1]!r} (its options: {valid})."
            )
        first = next((o for o in command.options if o.required), None)
        first = first or (command.options[0] if command.options else None)
        if first is None:
            raise InvalidCommand(f"/{command.name} takes no options.")
        options[first.name] = _unquote(bare)
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(rest)
        key = match[1].casefold()
        if key in options:
            raise InvalidCommand(f"Option {key!r} is given twice.")
        options[key] = _unquote(rest[match.end() : end])
    for option in command.options:
        if option.required and not options.get(option.name, "").strip():
            raise InvalidCommand(f"/{command.name} needs {option.name}: {option.description}.")
    typed: dict[str, str | bool] = {
        name: parse_flag(f"Option {name!r}", value) if kinds[name] == "flag" else value
        for name, value in options.items()
    }
    return Invocation(command, typed)


_CLOSING = {'"': '"', "'": "'", "“": "”", "”": "”"}


def _markers(marker: re.Pattern[str], rest: str) -> list[re.Match[str]]:
    """The ``option:`` markers outside quoted values: ``actor:"Ulf Laessing since:1900"``
    is one value, whatever it holds."""
    found: list[re.Match[str]] = []
    skip_until = _quoted_end(rest, 0)
    for match in marker.finditer(rest):
        if match.start() < skip_until:
            continue
        found.append(match)
        skip_until = _quoted_end(rest, match.end())
    return found


def _quoted_end(text: str, start: int) -> int:
    """Just after the closing quote when the value at ``start`` opens with a quote (an
    unclosed quote quotes nothing); else ``start``."""
    at = len(text) - len(text[start:].lstrip())
    if at < len(text) and text[at] in _CLOSING:
        close = text.find(_CLOSING[text[at]], at + 1)
        if close != -1:
            return close + 1
    return start


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'“”":
        return value[1:-1].strip()
    if len(value) >= 2 and value[0] == "“" and value[-1] == "”":
        return value[1:-1].strip()
    return value


def execute(store: FactStore, invocation: Invocation, previous: str | None = None) -> Response:
    """Run a parsed command; a domain failure becomes an ``ok: false`` response.
    ``previous``: for /ask, the actor the asker's last question was about."""
    extra = {"previous": previous} if invocation.command.name == "ask" and previous else {}
    try:
        return invocation.command.run(store, **invocation.query, **extra)
    except BriefbotError as error:
        return Response.failure(invocation.command.name, error, store.version)


def run_line(
    store: FactStore, line: str, previous: str | None = None
) -> tuple[Response, Invocation | None]:
    """Parse and run one command line, failures included; a line without '/' is a question
    (``previous``: the actor the last one was about, see :func:`execute`).

    The invocation comes back too (``None`` when the line did not parse), for the options
    that change how the answer is shown.
    """
    if not line.strip().startswith("/"):
        line = f"/ask {line.strip()}"
    try:
        invocation = parse(line)
    except BriefbotError as error:
        name = line.strip().lstrip("/").split(" ", 1)[0] or "?"
        return Response.failure(name, error, store.version), None
    return execute(store, invocation, previous), invocation


def ask(store: FactStore, line: str) -> Response:
    """Parse and run one command line, failures included; a line without '/' is a question."""
    return run_line(store, line)[0]
