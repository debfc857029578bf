"""The line-by-line YAML reader gives libyaml's data and lines, or gives up.

Every text here is read both ways: libyaml composing nodes (the reference) and the fast
reader. Wherever the fast reader answers, the data (types included: ``1`` is not ``True``)
and the line of every mapping and list must be libyaml's; where libyaml refuses a text,
the fast reader must not have answered. Random texts mix the subset with everything
around its edges: YAML 1.1's implicit types, escapes, comments at odd indents, scalars
that continue on the next line, document markers, anchors, tags and misplaced lines.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from benchmarks.generate import generate
from bot.store.yamltree import TooMany, _Composer, _Lines, _Tree, compose

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"


def _reference(text: str) -> tuple[Any, dict[int, int]] | Exception:
    try:
        node = yaml.compose(text, Loader=_Composer)
        if node is None:
            return None, {}
        tree = _Tree(1, 10**9)
        return tree.build(node), tree.lines
    except Exception as exc:  # any refusal: the fast reader must not have answered
        return exc


def _difference(a: Any, lines_a: dict[int, int], b: Any, lines_b: dict[int, int]) -> str | None:
    if type(a) is not type(b):
        return f"{a!r} ({type(a).__name__}) against {b!r} ({type(b).__name__})"
    if isinstance(a, list | dict):
        if lines_a.get(id(a)) != lines_b.get(id(b)):
            return f"{a!r} on line {lines_a.get(id(a))} against {lines_b.get(id(b))}"
        if isinstance(a, dict):
            if list(a) != list(b):
                return f"keys {list(a)} against {list(b)}"
            pairs = [(a[k], b[k]) for k in a]
        else:
            if len(a) != len(b):
                return f"{a!r} against {b!r}"
            pairs = list(zip(a, b, strict=True))
        for x, y in pairs:
            found = _difference(x, lines_a, y, lines_b)
            if found:
                return found
        return None
    return None if a == b or (a != a and b != b) else f"{a!r} against {b!r}"  # nan


def _check(text: str) -> bool:
    """Assert the fast reader agrees with libyaml on ``text``; whether it answered."""
    fast = _Lines(text, 1).document()
    if fast is None:
        return False
    reference = _reference(text)
    assert not isinstance(reference, Exception), f"libyaml refuses {text!r}: {reference}"
    found = _difference(fast[0], fast[1], reference[0], reference[1])
    assert found is None, f"{text!r}: {found}"
    return True


SCALARS = [
    "plain words", "U.S.", "yes", "No", "on", "OFF", "~", "null", "Null", "true", "False",
    "12", "+7", "1_000", "0x1F", "0o17", "017", "1:20", "1.5", ".inf", ".NaN", "6.8523015e+5",
    "2025", "2025-10", "2025-10-13", "2025-W41", "2025-10-13 10:00:00", "2025-10-13T10:00:00Z",
    "a #b", "a # b", "a:b", "it's", 'say "x"', "x,y", "x [y]", "x\u00a0y", "\u201cq\u201d",
    '""', "''", '"q \\" x"', '"\\u201cq\\u201d"', '"tab\\there"', '"a\\\\b"', "'it''s'",
    '"a" # c', "[]", "{}", "[a, b]", "[a,b]", '["a", b, 3, yes]', "[ a , b ]", "[a b, c]",
    '{when: "2025-02", phrase: "in x"}', "{'k': v}", "{a: b, c: 1}", '["a", "b c"]', '[""]',
    '["a","b"]', '["a" , "b"]', '["a", "b"]  # c', '["\\u201c", "b"]', '"a\\"b"',
]  # fmt: skip
"""Scalars of the subset, many of which YAML 1.1 resolves to something other than text."""
EDGES = [
    "-5", "-.Inf", "2025-02-30", "=", "<<", "a: b", "a:", "#not", "- x", "? x", "-x", "&a x",
    "*a", "!!str 1", "!x y", "|", ">-", "%x", "@x", "`x", '"\\ud83d"', '"\\x41"', '"\\/"',
    "'a' b", '"a" b', '"a"#c', '"unterminated', "'unterminated", "[a, [b]]", "[a,]", "[a: b]",
    "[a #c]", '{"when": 2025}', "{a:1}", "{a: }", "{a: b,}", "{a: [b]}", "[unterminated",
    "{unterminated", "x\t# c", "x\ty", "x\r", "x\ry", "x\x85y", "x\u2028y", "x\x7f",
]  # fmt: skip
"""Scalars at and beyond the subset's edges."""
KEYS = ["id", "text", "on", "yes", "null", "1", "a.b", "a-b", "x/y", "_k", "2025-10-13"]
EDGE_KEYS = ["<<", '"q"', "'q'", "k k", "? k", "k :", "&a k", "[k]"]


def _scalar(rng: random.Random) -> str:
    value = rng.choice(EDGES if rng.random() < 0.04 else SCALARS)
    if rng.random() < 0.1:
        value += rng.choice(["  ", " # comment", "#x", "   # c"])
    return value


def _node(rng: random.Random, indent: int, depth: int, mapping: bool | None = None) -> list[str]:
    """Lines of a block mapping or list at ``indent``, nested at most ``depth`` more."""
    pad = " " * indent
    out: list[str] = []
    if mapping if mapping is not None else rng.random() < 0.5:
        for _ in range(rng.randint(1, 4)):
            key = rng.choice(EDGE_KEYS if rng.random() < 0.03 else KEYS)
            if depth and rng.random() < 0.35:
                out.append(f"{pad}{key}:")
                step = rng.choice([0, 1, 2, 2, 4])
                out += _node(rng, indent + step, depth - 1)
            else:
                out.append(f"{pad}{key}: {_scalar(rng)}")
    else:
        for _ in range(rng.randint(1, 4)):
            roll = rng.random()
            if depth and roll < 0.4:
                inner = _node(rng, indent + 2, depth - 1, mapping=rng.random() < 0.95)
                first = inner[0][indent + 2 :]
                out.append(f"{pad}- {first}")
                out += inner[1:]
            elif depth and roll < 0.5:
                out.append(f"{pad}-")
                out += _node(rng, indent + rng.choice([1, 2, 4]), depth - 1)
            else:
                out.append(f"{pad}- {_scalar(rng)}")
    return out


def _perturb(rng: random.Random, lines: list[str]) -> list[str]:
    lines = list(lines)
    for _ in range(rng.choice([0, 0, 0, 1, 2])):
        at = rng.randrange(len(lines) + 1)
        extra = rng.choice(
            ["", "   ", "# c", "  # c", "      # deep", "---", "...", "%YAML 1.1",
             "    continued", "  more words", "\tx: 1", "x: 1\r", "- y", "  - y", "\ufeffk: v"]
        )  # fmt: skip
        lines.insert(at, extra)
    if lines and rng.random() < 0.2:
        at = rng.randrange(len(lines))
        lines[at] = rng.choice([" ", "  ", ""]) + lines[at] if rng.random() < 0.7 else lines[at][1:]
    return lines


def test_random_texts_read_as_libyaml_reads_them() -> None:
    rng = random.Random(20261128)
    answered = 0
    total = 6000
    for _ in range(total):
        lines = _perturb(rng, _node(rng, rng.choice([0, 0, 2]), depth=3))
        answered += _check("\n".join(lines) + rng.choice(["", "\n", "\n\n"]))
    # The comparison means something only if the fast reader answers often.
    assert answered > total // 4, answered


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb:\n  - x\n  - y\n",
        "a:\n- x\n- y\nb: 2\n",  # a list at its key's indent
        "- a: 1\n  b: [x, y]\n-   c: 2\n    d: {e: f}\n",
        '# head\n\nfacts:\n  # note\n  - id: f1\n    text: "T"\n\n  - id: f2\n',
        "a:\n  b:\n    c: ~\n  d:\n",
        "- \n  x: 1\n-\n- y\n",
        'a: "\\u201cq\\u201d\\n\\t\\\\"\n',
        "on: yes\nnull: 2025-10-13\n1: 0x1F\n",
        "k: 'it''s'   # comment\n",
    ],
)
def test_the_subset_is_read_fast_and_the_same(text: str) -> None:
    assert _check(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: b\n  continued\n",  # a plain scalar over two lines
        "a: >-\n  folded\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a:\tb\n",
        "--- \na: 1\n",
        "a: {b: 1,\n  c: 2}\n",
        'a: "two\n  lines"\n',
        "a: 2025-02-30\n",  # libyaml's path reports the impossible date
        "<<: {a: 1}\n",
        "a: 1\n b: 2\n",
        'a: "\\ud83d\\ude00"\n',
        "k : v\n",
        "k k: v\n",
    ],
)
def test_text_beyond_the_subset_is_left_to_libyaml(text: str) -> None:
    assert _Lines(text, 1).document() is None


def test_compose_falls_back_to_libyaml_with_the_same_lines() -> None:
    data, lines = compose("a: &x [1, 2]\nb:\n  c: *x\n", 3, budget=1000)
    assert data == {"a": [1, 2], "b": {"c": [1, 2]}}
    assert lines[id(data)] == 3 and lines[id(data["b"])] == 5


def test_compose_keeps_the_alias_budget() -> None:
    bomb = 'a: &a ["x", "x", "x", "x"]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n'
    with pytest.raises(TooMany):
        compose(bomb, 1, budget=40)


def test_generated_and_curated_files_take_the_fast_path(tmp_path: Path) -> None:
    generate(tmp_path, 400, seed=11)
    generated = sorted((tmp_path / "knowledge").rglob("*.yaml"))
    assert generated
    for path in generated:
        assert _check(path.read_text(encoding="utf-8")), path
    curated = sorted(KNOWLEDGE.rglob("*.yaml"))
    fast = [path for path in curated if _check(path.read_text(encoding="utf-8"))]
    assert len(fast) >= len(curated) // 2, fast
