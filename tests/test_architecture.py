"""The dependency rules of ARCHITECTURE.md, checked."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def imported_modules(path: Path, package: str = "") -> set[str]:
    """Every module a file imports, for typing only (``TYPE_CHECKING``) or inside a function
    included: relative imports resolved, ``from a import b`` counted as ``a.b`` too."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def layers() -> dict[str, set[str]]:
    """Each folder of ``bot/`` and the folders it may import: ARCHITECTURE.md's table, so
    the document and the code cannot disagree."""
    text = (ROOT / "ARCHITECTURE.md").read_text()
    block = text[text.index("| folder | may import |") :].split("\n\n")[0]
    table = re.findall(r"^\| `(\w+)/` \| ([^|]+) \|$", block, re.M)
    found = {}
    for folder, allowed in table:
        words = re.sub(r"\(.*?\)", "", allowed).replace(",", " ").split()
        found[folder] = set() if allowed.startswith("nothing") else set(words)
    return found


def test_each_folder_imports_only_the_layers_below_it() -> None:
    LAYERS = layers()
    assert {"records", "store", "chat", "curation"} <= set(LAYERS)
    graph = module_graph("bot")
    for module, imports in sorted(graph.items()):
        folder = module.split(".")[1] if "." in module else ""
        if folder not in LAYERS:
            continue
        for imported in imports:
            other = imported.split(".")[1] if "." in imported else ""
            assert other == folder or other in LAYERS[folder], f"{module} imports {imported}"


def test_only_the_discord_adapter_imports_discord() -> None:
    files = [p for p in (ROOT / "bot").rglob("*.py") if p.parent.name != "cogs"]
    for path in files:
        if (ROOT / "bot" / "chat") in path.parents:
            continue
        bad = {m for m in imported_modules(path) if m == "discord" or m.startswith("discord.")}
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


def test_every_folder_says_what_it_owns_and_may_import() -> None:
    for folder in sorted(p for p in (ROOT / "bot").iterdir() if p.is_dir()):
        if folder.name in ("__pycache__", "migrations"):
            continue
        doc = ast.get_docstring(ast.parse((folder / "__init__.py").read_text()))
        assert doc and "import" in doc.lower(), f"{folder.name}/__init__.py"


def test_the_console_does_not_load_discord() -> None:
    code = (
        "import sys, bot.cli, bot.console.prompt, bot.answers.commandset\n"
        "from bot.reading.loader import load_store\n"
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


def module_graph(*roots: str) -> dict[str, set[str]]:
    """module -> the project modules it imports, for the given top packages."""
    files: dict[str, Path] = {}
    for root in roots:
        for path in (ROOT / root).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            files[name] = path
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        graph[name] = {m for m in imported_modules(path, package) if m in files and m != name}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circle_anywhere() -> None:
    graph = module_graph("bot", "testkit", "benchmarks")
    assert len(graph) > 50
    assert circles(graph) == []


def test_tests_and_benchmarks_share_only_the_testing_package() -> None:
    """bot imports none of them; benchmarks and testkit never import tests; tests never
    import benchmarks."""
    rules = {"bot": ("tests", "testkit", "benchmarks"), "testkit": ("tests", "benchmarks")}
    rules |= {"benchmarks": ("tests",), "tests": ("benchmarks",)}
    for root, banned in rules.items():
        for path in (ROOT / root).rglob("*.py"):
            bad = {m for m in imported_modules(path) if m.split(".")[0] in banned}
            assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


def test_every_module_of_the_bot_testkit_and_benchmarks_imports() -> None:
    """A module the suite never imports (a benchmark, say) still names only what exists."""
    import importlib

    for name in sorted(module_graph("bot", "testkit", "benchmarks")):
        if not name.endswith("__main__"):
            importlib.import_module(name)
