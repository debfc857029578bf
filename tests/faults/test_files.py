"""Hostile knowledge folders: every case is a reported problem, never a crash or a hang.

Each case ran in a child process first (a segfault or a hang must fail the test, not kill
the suite), with a time limit.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.reading.files import MAX_FILE_BYTES
from bot.reading.loader import load_store
from bot.reading.parsing import MAX_DEPTH
from bot.records.errors import Problem, StoreInvalid
from tests.conftest import ROOT, StoreCopy


def problems(copy: StoreCopy) -> list[Problem]:
    with pytest.raises(StoreInvalid) as caught:
        load_store(copy.knowledge, copy.seeds)
    return caught.value.problems


def validate_in_a_child(copy: StoreCopy, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``briefbot validate`` in its own process: a crash or hang fails here, not the suite."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "bot",
            "--knowledge",
            str(copy.knowledge),
            "--seeds",
            str(copy.seeds),
            "validate",
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("facts: " + "[" * 30_000, f"nested more than {MAX_DEPTH} levels deep"),
        ("facts:\n" + "- " * 30_000 + "x\n", f"nested more than {MAX_DEPTH} levels deep"),
        (
            "a: &a [x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n"
                for p, c in zip("abcdefgh", "bcdefghi", strict=True)
            )
            + "facts: *i\n",
            "expand to more than",
        ),
    ],
    ids=["flow-brackets", "block-dashes", "alias-bomb"],
)
def test_a_file_that_would_crash_or_explode_the_parser_is_a_problem(
    copy: StoreCopy, content: str, says: str
) -> None:
    copy.write("knowledge/evil.yaml", content)
    result = validate_in_a_child(copy)
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    assert "knowledge/evil.yaml" in result.stderr and says in result.stderr


def test_a_file_over_the_size_limit_is_refused_unread(copy: StoreCopy) -> None:
    big = copy.knowledge / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is really written
    [problem] = problems(copy)
    assert problem.file == "knowledge/big.yaml" and "too large" in problem.message


def test_a_pipe_named_like_a_knowledge_file_never_hangs(copy: StoreCopy) -> None:
    os.mkfifo(copy.knowledge / "pipe.yaml")
    result = validate_in_a_child(copy, timeout=30)
    assert result.returncode == 1
    assert "knowledge/pipe.yaml: not a regular file" in result.stderr


def test_a_folder_named_like_a_file_and_a_link_loop_are_problems(copy: StoreCopy) -> None:
    (copy.knowledge / "folder.yaml").mkdir()
    (copy.knowledge / "loop.yaml").symlink_to(copy.knowledge / "loop.yaml")
    (copy.knowledge / "nowhere.yaml").symlink_to(copy.knowledge / "missing.yaml")
    (copy.knowledge / "cycle").symlink_to(copy.knowledge, target_is_directory=True)
    found = {p.file: p.message for p in problems(copy)}
    assert "not a regular file" in found["knowledge/folder.yaml"]
    assert "leads nowhere, or round in a loop" in found["knowledge/loop.yaml"]
    assert "leads nowhere" in found["knowledge/nowhere.yaml"]
    assert len(found) == 3  # the linked folder is not walked into


def test_a_link_to_a_file_outside_the_folder_is_not_served(copy: StoreCopy, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text(
        "facts:\n  - id: planted\n    kind: background\n"
        "    text: Germany continues to maintain a presence in the Sahel region.\n"
        "    citations:\n      - source: checker-bamako-visit\n"
        "        quote: countries such as Germany continue to maintain a presence\n"
    )
    (copy.knowledge / "planted.yaml").symlink_to(outside)
    [problem] = problems(copy)
    assert problem.file == "knowledge/planted.yaml"
    assert "outside the folder" in problem.message
    inside = copy.knowledge / "facts" / "events.yaml"
    (copy.knowledge / "alias.yaml").symlink_to(inside)  # inside: allowed (and a duplicate)
    assert any("duplicate" in p.message for p in problems(copy))


def test_a_file_that_vanishes_or_cannot_be_opened_is_a_problem(
    copy: StoreCopy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file deleted between listing and reading, or one the user may not read."""
    real_open = os.open
    failures = {
        "events.yaml": FileNotFoundError(2, "No such file or directory"),
        "analysis.yaml": PermissionError(13, "Permission denied"),
    }

    def failing_open(path: os.PathLike[str] | str, *args: object, **kwargs: object) -> int:
        error = failures.get(Path(path).name)
        if error is not None:
            raise error
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", failing_open)
    found = {p.file: p.message for p in problems(copy)}
    assert found["knowledge/facts/events.yaml"] == "cannot be read: No such file or directory"
    assert found["knowledge/facts/analysis.yaml"] == "cannot be read: Permission denied"


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, (1 << 20) + 3])
def test_a_file_is_read_whole_whatever_its_size(tmp_path: Path, size: int) -> None:
    from bot.reading.files import read_regular

    path = tmp_path / "f.yaml"
    path.write_bytes(os.urandom(size))
    assert read_regular(path, tmp_path) == path.read_bytes()
    assert read_regular(path, tmp_path, limit=size) == path.read_bytes()


def test_a_file_that_grows_while_read_is_read_to_its_end_or_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between the size seen and the read, the file grew: the rest is read too, and the
    size limit still holds."""
    from bot.reading import files

    path = tmp_path / "f.yaml"
    path.write_bytes(b"a" * 100)
    read = os.read

    def growing(handle: int, size: int) -> bytes:
        with path.open("ab") as out:
            if path.stat().st_size < 300:
                out.write(b"b" * 100)
        return read(handle, size)

    monkeypatch.setattr(files.os, "read", growing)
    assert files.read_regular(path, tmp_path) == b"a" * 100 + b"b" * 200
    path.write_bytes(b"a" * 100)
    with pytest.raises(files.Unreadable, match="too large"):
        files.read_regular(path, tmp_path, limit=150)
