"""YAML to plain data with lines: YAML's own values, every mapping's and list's line, and
a bound on what aliases may expand to."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.reading.yamltree import TooMany, compose

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"

SCALARS = [
    "yes", "No", "TRUE", "false", "on", "OFF", "y", "n", "falsey", "Nullable", "null", "NULL",
    "~", "", "12", "-3", "0x1F", "1_000", "3.5", ".inf", "-.INF", ".nan", "2025-10-13",
    "2025-10-13 10:00:00", "truest thing", "offline", "Tuesday", "'quoted yes'", '"1"',
    "= sign", "nullify everything", "yesterday",
]  # fmt: skip


@pytest.mark.parametrize("value", SCALARS)
def test_scalars_mean_what_yaml_says(value: str) -> None:
    text = f"a: {value}\nb: [{value or '~'}]\n"
    data, _ = compose(text, 1, budget=1000)
    assert data == yaml.safe_load(text)
    assert [type(v) for v in data.values()] == [type(v) for v in yaml.safe_load(text).values()]


def test_every_mapping_and_list_has_its_line() -> None:
    text = (
        "# a comment\nfacts:\n  - id: a\n    actors: [x, y]\n"
        "  - id: b\n    date:\n      when: 2025\n"
    )
    data, lines = compose(text, 3, budget=1000)
    facts = data["facts"]
    assert lines[id(data)] == 4  # the first line holding data, counted from first_line=3
    assert lines[id(facts)] == 5
    assert lines[id(facts[0])] == 5 and lines[id(facts[0]["actors"])] == 6
    assert lines[id(facts[1])] == 7 and lines[id(facts[1]["date"])] == 9


def test_aliases_are_expanded_with_their_lines() -> None:
    data, lines = compose("a: &x [1, 2]\nb:\n  c: *x\n", 3, budget=1000)
    assert data == {"a": [1, 2], "b": {"c": [1, 2]}}
    assert lines[id(data)] == 3 and lines[id(data["b"])] == 5


def test_aliases_cannot_expand_past_the_budget() -> None:
    bomb = 'a: &a ["x", "x", "x", "x"]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n'
    with pytest.raises(TooMany):
        compose(bomb, 1, budget=40)


def test_an_empty_document_is_none() -> None:
    assert compose("# nothing\n", 1, budget=10) == (None, {})


def test_the_curated_files_read_as_yaml_reads_them() -> None:
    for path in sorted(KNOWLEDGE.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert compose(text, 1, budget=10**7)[0] == yaml.safe_load(text), path
