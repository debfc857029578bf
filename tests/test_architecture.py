"""The dependency rules of ARCHITECTURE.md, checked."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_fact_store_domain_never_imports_discord() -> None:
    files = list((ROOT / "bot" / "store").rglob("*.py"))
    assert len(files) > 5
    for path in files:
        bad = {m for m in imported_modules(path) if m == "discord" or m.startswith("discord.")}
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


def test_the_console_does_not_load_discord() -> None:
    code = (
        "import sys, bot.cli, bot.console, bot.store.commands\n"
        "from bot.store.loader import load_store\n"
        "from bot.settings import Settings\n"
        "s = Settings.load()\n"
        "load_store(s.knowledge_dir, s.seeds_dir)\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'discord'], 'discord loaded'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_an_answer_from_the_cache_imports_no_validation_or_yaml(tmp_path: Path) -> None:
    """``briefbot ask`` on a warm cache: pydantic, PyYAML, rapidfuzz (for a name found
    exactly) and numpy cost most of its time when imported, and none is needed."""
    code = (
        "import sys\n"
        "from bot.cli import main\n"
        "assert main(['ask', '/actor Bazoum']) == 0\n"
        "heavy = {m.split('.')[0] for m in sys.modules} & {'pydantic', 'yaml', 'rapidfuzz', "
        "'numpy'}\n"
        "print('HEAVY', sorted(heavy))\n"
    )
    env = {**os.environ, "BRIEFBOT_CACHE_DIR": str(tmp_path / "cache")}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=60,
        )
        for _ in range(2)
    ]
    assert all(run.returncode == 0 for run in runs), runs[-1].stderr
    assert "Mohamed Bazoum" in runs[-1].stdout
    assert "'pydantic', 'yaml'" in runs[0].stdout  # a cold cache parses and validates
    assert "HEAVY []" in runs[1].stdout


def test_seed_files_hold_the_articles_exactly_as_imported() -> None:
    import hashlib

    for path in (ROOT / "seeds").glob("*.md"):
        raw = path.read_bytes()
        body = raw[raw.index(b"\n---\n", 3) + 5 :]
        assert f"sha256: {hashlib.sha256(body).hexdigest()}".encode() in raw, path.name
