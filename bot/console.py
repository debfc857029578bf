"""The interactive console: the bot's commands at a local prompt, no Discord needed."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from bot.store.commands import COMMANDS, ask
from bot.store.facts import FactStore
from bot.textrender import render

HISTORY = Path.home() / ".briefbot_history"
EXIT_WORDS = frozenset({"exit", "quit", ":q", "/exit", "/quit"})


def help_text() -> str:
    lines = ["Commands (Discord's syntax: option:value, quotes for several words):", ""]
    for command in COMMANDS.values():
        lines.append(f"  {command.usage}")
        lines.append(f"      {command.description}")
        for option in command.options:
            lines.append(f"      {option.name}: {option.description}")
    lines += [
        "",
        "Examples:",
        "  /brief",
        "  /brief topic:security",
        "  /actor Bazoum",
        '  /timeline actor:"Ulf Laessing" since:2025',
        "  /search fuel convoy",
        "  /sources",
        "  who is Nick Checker?          (a line without '/' is a question, like /ask)",
        "  what did Laessing say about democracy?",
        "",
        "Also: help, json (toggle JSON output), quit. Up/down arrows recall history.",
    ]
    return "\n".join(lines)


def answer(store: FactStore, line: str, as_json: bool = False) -> str:
    response = ask(store, line)
    if as_json:
        return json.dumps(response.model_dump(mode="json"), ensure_ascii=False, indent=2)
    return render(response)


def run_console(
    store: FactStore,
    read: Callable[[str], str] = input,
    out: TextIO = sys.stdout,
    banner: str = "",
) -> int:
    """Read commands until end of input or ``quit``; return an exit status."""
    _enable_history()
    counts = store.counts()
    print(banner or "", file=out, end="\n" if banner else "")
    print(
        f"briefbot console · store {store.version} · {counts['sources']} sources, "
        f"{counts['actors']} actors, {counts['facts']} facts, {counts['topics']} topics\n"
        "Type help for the commands, quit to leave.",
        file=out,
    )
    as_json = False
    while True:
        try:
            line = read("briefbot> ").strip()
        except EOFError:
            print(file=out)
            return 0
        except KeyboardInterrupt:
            print("\n(quit to leave)", file=out)
            continue
        if not line:
            continue
        word = line.casefold()
        if word in EXIT_WORDS:
            return 0
        if word in {"help", "?"}:
            print(help_text(), file=out)
        elif word == "json":
            as_json = not as_json
            print(f"JSON output {'on' if as_json else 'off'}.", file=out)
        else:
            print(answer(store, line, as_json), file=out)


def _enable_history() -> None:
    """Arrow-key history and tab completion where the platform has readline."""
    try:
        import readline
    except ImportError:  # Windows without pyreadline: plain input still works
        return
    import atexit

    with contextlib.suppress(OSError):
        readline.read_history_file(HISTORY)
    readline.set_history_length(1000)
    atexit.register(_save_history, readline)
    words = [f"/{name}" for name in COMMANDS] + ["help", "json", "quit"]

    def complete(text: str, state: int) -> str | None:
        matches = [w for w in words if w.startswith(text)]
        return matches[state] if state < len(matches) else None

    readline.set_completer(complete)
    readline.parse_and_bind("tab: complete")


def _save_history(readline: object) -> None:
    with contextlib.suppress(OSError):
        readline.write_history_file(HISTORY)  # type: ignore[attr-defined]
