"""The interactive console: the bot's commands at a local prompt, no Discord needed."""

from __future__ import annotations

import contextlib
import json
import os
import re
import select
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from bot.answers import followup
from bot.answers.commandset import COMMANDS, run_line
from bot.answers.compose import footnote_at, in_context
from bot.answers.response import Response
from bot.console.render import render, render_passage
from bot.store.facts import FactStore

HISTORY = Path.home() / ".briefbot_history"
EXIT_WORDS = frozenset({"exit", "quit", ":q", "/exit", "/quit"})
QUOTE = re.compile(r"/quote", re.IGNORECASE)
REPORT = re.compile(r"/report", re.IGNORECASE)
ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?")
"""Terminal escape sequences: CSI (colours, cursor, clearing), OSC (titles, links), others."""
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters other than newline and tab (NUL, BEL, backspace, CR, C1...)."""


def printable(text: str) -> str:
    """``text`` with every escape sequence and control character removed (newlines and
    tabs kept): what is echoed never rings, clears or retitles the terminal."""
    return CONTROLS.sub("", ESCAPES.sub("", text))


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
        "  /timeline picture:true        (also writes timeline.png here)",
        "  /quote 2                      (footnote 2 of the last answer, in its article)",
        "  /report the date is wrong | the article says Tuesday   (tell the curators)",
        "",
        "Also: help, json (toggle JSON output), quit. Up/down arrows recall history.",
    ]
    return "\n".join(lines)


def shown(store: FactStore, response: Response, as_json: bool = False) -> str:
    """The answer as text, or as JSON (each citation with its passage and offsets)."""
    if as_json:
        full = in_context(store, response)
        return json.dumps(full.plain(), ensure_ascii=False, indent=2)
    return render(response)


def write_picture(response: Response, path: Path) -> str:
    """Draw ``response`` as a timeline picture at ``path``; say what was written."""
    from bot.console.picture import NothingToDraw, draw_timeline

    try:
        picture = draw_timeline(response)
    except NothingToDraw as exc:
        return f"✗ No picture: {exc}"
    path.write_bytes(picture.png)
    return (
        f"Picture: {path} ({picture.rows} facts, {picture.width}×{picture.height} px, "
        f"{len(picture.png) // 1024} KB)"
    )


class Session:
    """One console's state: the last cited answer (what was asked and shown), for
    ``/quote`` and ``/report``; where pictures go; the database reports go to."""

    def __init__(
        self, store: FactStore, pictures: Path | None = None, reports: Path | None = None
    ) -> None:
        self.store = store
        self.pictures = pictures or Path.cwd()
        self.reports = reports
        self.last: Response | None = None
        self.last_asked = ""
        self.last_shown = ""
        self.about: str | None = None
        """The actor the last question was about, for a follow-up's "he" or "they"."""

    def handle(self, line: str, as_json: bool = False) -> str:
        first = line.split(" ", 1)[0]
        rest = line.split(" ", 1)[1] if " " in line else ""
        if QUOTE.fullmatch(first):
            return self.quote(rest)
        if REPORT.fullmatch(first):
            return self.report(rest)
        response, invocation = run_line(self.store, line, self.about)
        if invocation is not None and invocation.command.name == "ask":
            asked = str(invocation.query.get("question", ""))
            self.about = followup.subject(self.store, asked, self.about)
        text = shown(self.store, response, as_json)
        if response.ok and response.citations:
            self.last, self.last_asked = response, line
            self.last_shown = text if not as_json else render(response)
        if response.citations and not as_json:
            text += "\n(/quote <n> shows footnote n in its article; /report <what is wrong>)"
        if response.ok and invocation is not None and invocation.wants("picture"):
            text += "\n" + write_picture(response, self.pictures / f"{response.command}.png")
        return text

    def report(self, text: str) -> str:
        """Report a problem with the last cited answer: ``/report what | detail``."""
        if self.reports is None:
            return "✗ Reports need the bot's database: run the console with `briefbot console`."
        if self.last is None:
            return "✗ No answer with sources yet: ask something, then /report what is wrong."
        what, _, detail = text.partition("|")
        if not what.strip():
            return "✗ Say what is wrong: /report <what is wrong> | <optional detail>."
        from bot.console.reports import file_report, report_of

        report = report_of(self.last, self.last_asked, self.last_shown, what, detail)
        return file_report(self.reports, report)

    def quote(self, numbers: str) -> str:
        """Footnotes of the last answer, each in its article."""
        if self.last is None:
            return "✗ No answer with sources yet: ask something, then /quote <n>."
        refs = {ref.number: ref for ref in self.last.citations}
        if not refs:
            return "✗ The last answer has no footnotes."
        wanted: list[int] = []
        for word in numbers.replace(",", " ").replace("n:", " ").split():
            if not word.strip("[]").isdigit() or int(word.strip("[]")) not in refs:
                return f"✗ The last answer has footnotes 1 to {len(refs)}; not {word[:20]!r}."
            wanted.append(int(word.strip("[]")))
        return "\n\n".join(
            render_passage(footnote_at(self.store, refs[n].link, n)) for n in wanted or sorted(refs)
        )


def run_console(
    store: FactStore,
    read: Callable[[str], str] = input,
    out: TextIO = sys.stdout,
    banner: str = "",
    reload: Callable[[], FactStore] | None = None,
    reports: Path | None = None,
) -> int:
    """Read commands until end of input or ``quit``; return an exit status. With
    ``reload``, SIGHUP re-reads the store, as it does for the bot (a broken store is
    reported and the old one kept)."""
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
    session = Session(store, reports=reports)
    reloads = _Reloads(session, reload, out) if reload is not None else None
    if reloads is not None and read is input and not sys.stdin.isatty():
        read = _PipeReader(sys.stdin.fileno(), out, lambda: reloads.pending).read
    while True:
        if reloads is not None and reloads.pending:
            reloads.run()
        try:
            if reloads is not None:
                reloads.waiting = True
            line = read("briefbot> ").strip()
        except _Hangup:
            print(file=out)
            continue
        except EOFError:
            print(file=out)
            return 0
        except KeyboardInterrupt:
            print("\n(quit to leave)", file=out)
            continue
        finally:
            if reloads is not None:
                reloads.waiting = False
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
            print(printable(session.handle(line, as_json)), file=out)


class _PipeReader:
    """Lines from a pipe, giving way to a pending SIGHUP within a fifth of a second.

    ``input`` blocks in ``read``: a signal that arrives just before the read begins is
    handled by the C handler without interrupting it, and its Python handler (the reload)
    would wait for the next line. Reading here looks at the flag between short waits.
    """

    def __init__(self, fd: int, out: TextIO, pending: Callable[[], bool]) -> None:
        self.fd, self.out, self.pending = fd, out, pending
        self.buffer = b""

    def read(self, prompt: str) -> str:
        print(prompt, end="", file=self.out, flush=True)
        while b"\n" not in self.buffer:
            if self.pending():
                raise _Hangup
            ready, _, _ = select.select([self.fd], [], [], 0.2)
            if not ready:
                continue
            chunk = os.read(self.fd, 4096)
            if not chunk:
                if self.buffer:
                    line, self.buffer = self.buffer, b""
                    return line.decode("utf-8", errors="replace")
                raise EOFError
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line.decode("utf-8", errors="replace")


class _Hangup(Exception):
    """SIGHUP while waiting for a line: leave ``input`` to reload outside the handler."""


class _Reloads:
    """SIGHUP reloads the store between commands, never inside the signal handler."""

    def __init__(self, session: Session, reload: Callable[[], FactStore], out: TextIO) -> None:
        self.session, self.reload, self.out = session, reload, out
        self.waiting = False
        self.pending = False
        with contextlib.suppress(AttributeError, ValueError):  # no SIGHUP, or not main thread
            signal.signal(signal.SIGHUP, self._hangup)

    def _hangup(self, signum: int, frame: object) -> None:
        self.pending = True
        if self.waiting:
            raise _Hangup

    def run(self) -> None:
        from bot.records.errors import StoreInvalid

        self.pending = False
        try:
            store = self.reload()
        except StoreInvalid as invalid:
            print(
                f"SIGHUP: not reloaded, {len(invalid.problems)} problem(s) (briefbot validate "
                "lists them); still serving the old store.",
                file=self.out,
                flush=True,
            )
            return
        self.session.store, self.session.last = store, None
        print(f"SIGHUP: reloaded, store {store.version}.", file=self.out, flush=True)


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
    words = [f"/{name}" for name in COMMANDS] + ["/quote", "/report", "help", "json", "quit"]

    def complete(text: str, state: int) -> str | None:
        matches = [w for w in words if w.startswith(text)]
        return matches[state] if state < len(matches) else None

    readline.set_completer(complete)
    readline.parse_and_bind("tab: complete")


def _save_history(readline: object) -> None:
    with contextlib.suppress(OSError):
        readline.write_history_file(HISTORY)  # type: ignore[attr-defined]
