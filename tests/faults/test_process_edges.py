"""The command line at its edges: a hang-up, a closed pipe, control characters echoed."""

from __future__ import annotations

import io
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from bot.console.prompt import printable, run_console
from bot.store.facts import FactStore
from tests.conftest import ROOT, StoreCopy


def environment(tmp_path: Path, copy: StoreCopy) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "BRIEFBOT_DB": str(tmp_path / "state.sqlite3"),
        "BRIEFBOT_KNOWLEDGE_DIR": str(copy.knowledge),
        "BRIEFBOT_SEEDS_DIR": str(copy.seeds),
    }


def read_until(stream: io.BufferedReader, words: bytes, timeout: float = 60) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while words not in seen:
        assert time.monotonic() < deadline, seen
        ready, _, _ = select.select([stream], [], [], max(0.0, deadline - time.monotonic()))
        assert ready, f"nothing more within {timeout} s: {seen!r}"
        chunk = os.read(stream.fileno(), 4096)
        assert chunk, f"closed before {words!r}: {seen!r}"
        seen += chunk
    return seen


def test_the_console_survives_sighup_and_reloads(tmp_path: Path, copy: StoreCopy) -> None:
    console = subprocess.Popen(
        [sys.executable, "-m", "bot", "console"],
        cwd=ROOT,
        env=environment(tmp_path, copy),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert console.stdin is not None and console.stdout is not None
        read_until(console.stdout, b"briefbot> ")  # type: ignore[arg-type]
        copy.edit("knowledge/actors.yaml", "name: Mohamed Bazoum", "name: Mohamed Bazoum Jr")
        console.send_signal(signal.SIGHUP)
        read_until(console.stdout, b"SIGHUP: reloaded, store ")  # type: ignore[arg-type]
        out, err = console.communicate(b"/actor Bazoum\nquit\n", timeout=60)
    finally:
        if console.poll() is None:
            console.kill()
    assert console.returncode == 0, err.decode()
    assert b"Mohamed Bazoum Jr" in out  # the reloaded store answers
    assert b"Traceback" not in err


def test_ask_into_a_pipe_closed_early_exits_quietly(tmp_path: Path, copy: StoreCopy) -> None:
    reader, writer = os.pipe()
    ask = subprocess.Popen(
        [sys.executable, "-m", "bot", "ask", "--json", "/sources"],
        cwd=ROOT,
        env=environment(tmp_path, copy),
        stdout=writer,
        stderr=subprocess.PIPE,
    )
    os.close(writer)
    os.close(reader)  # as `| head` does once it has its lines
    _, err = ask.communicate(timeout=60)
    assert b"Traceback" not in err and b"BrokenPipe" not in err, err.decode()
    assert ask.returncode == 0


def test_the_console_strips_control_sequences_from_what_it_echoes(store: FactStore) -> None:
    typed = iter(["/actor \x1b[2J\x1b]0;owned\x07Nobody\x00\x07\x08 Known\x9b", "quit"])
    out = io.StringIO()
    assert run_console(store, read=lambda _: next(typed), out=out) == 0
    shown = out.getvalue()
    assert "Nobody" in shown and "Known" in shown
    assert not [c for c in shown if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F]


def test_printable_keeps_text_newlines_and_tabs() -> None:
    assert printable("a\tb\nc — “d” é") == "a\tb\nc — “d” é"
    assert printable("\x1b[31mred\x1b[0m\r\x1bcX") == "redX"
