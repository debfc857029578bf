"""Files shaped to freeze the loader: each is a prompt, located problem, never a stall.

Each test names the time it must stay under, on a 2-core machine with other work running
(each shape took from 25 s to minutes before these bounds).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bot.reading import parsing
from bot.reading.loader import load_store
from bot.records.errors import Problem, StoreInvalid
from tests.conftest import StoreCopy

FACT = """  - id: {id}
    kind: event
    text: {text}
    actors: [mohamed-bazoum]
    date: {{when: 2023-07}}
    citations:
      - source: us-shifts-strategy
        quote: "{quote}"
"""
QUOTE = "Bazoum was deposed in a coup in July 2023"


def problems_in(copy: StoreCopy, rel: str, text: str, seconds: float) -> list[Problem]:
    copy.write(rel, text)
    start = time.monotonic()
    with pytest.raises(StoreInvalid) as raised:
        load_store(copy.knowledge, copy.seeds)
    took = time.monotonic() - start
    assert took < seconds, f"{took:.1f} s"
    found = [p for p in raised.value.problems if p.file == rel]
    assert found, raised.value.problems[:5]
    return found


def test_an_unclosed_list_before_thousands_of_blank_lines_is_a_quick_syntax_error(
    copy: StoreCopy,
) -> None:
    """3 KB that took 25 s: the id scan of a file that failed to parse was cubic."""
    text = "facts: [\n" + "\n" * 50_000 + "  - id: orphan\n"
    found = problems_in(copy, "knowledge/facts/blank.yaml", text, seconds=5)
    assert "syntax error" in found[0].message


def test_megabytes_of_deep_indentation_are_a_quick_problem(copy: StoreCopy) -> None:
    text = "facts:\n" + "".join(" " * (i % 200) + "- x\n" for i in range(20_000))
    problems_in(copy, "knowledge/facts/indent.yaml", text, seconds=5)


def test_a_fact_text_of_megabytes_is_refused_with_its_limit(copy: StoreCopy) -> None:
    text = "facts:\n" + FACT.format(id="huge", text="word " * 3_000_000, quote=QUOTE)
    found = problems_in(copy, "knowledge/facts/huge.yaml", text, seconds=10)
    assert any(p.field == "text" and "2000" in p.message for p in found), found


def test_a_file_of_a_million_tiny_entries_is_one_problem(copy: StoreCopy) -> None:
    text = "facts:\n" + "- {}\n" * 1_000_000
    found = problems_in(copy, "knowledge/facts/many.yaml", text, seconds=15)
    assert len(found) == 1 and "split the file" in found[0].message


def test_a_file_of_a_million_top_level_keys_is_one_problem_before_any_value_is_built(
    copy: StoreCopy,
) -> None:
    text = "".join(f"k{i}: 1\n" for i in range(1_000_000))
    found = problems_in(copy, "knowledge/facts/keys.yaml", text, seconds=15)
    assert len(found) == 1 and "1,000,000 top-level keys" in found[0].message
    assert found[0].line == 1


def test_a_few_unknown_sections_are_still_each_named(copy: StoreCopy) -> None:
    text = "facts: []\nfcts: []\nactor: []\n"
    found = problems_in(copy, "knowledge/facts/typos.yaml", text, seconds=5)
    assert ["unknown section 'fcts'" in p.message for p in found] == [True, False]
    assert "unknown section 'actor'" in found[1].message


@pytest.mark.parametrize(
    "character", ["\u202e", "\u200b", "\x00", "\x1b", "\ufeff", "\u2066"], ids=repr
)
def test_display_text_refuses_invisible_and_control_characters(
    copy: StoreCopy, character: str
) -> None:
    text = f"Mohamed Bazoum was deposed{character} in a coup by the army in July 2023."
    yaml = "facts:\n" + FACT.format(id="hidden", text=f'"{_escaped(text)}"', quote=QUOTE)
    found = problems_in(copy, "knowledge/facts/hidden.yaml", yaml, seconds=5)
    assert any(p.field == "text" and f"U+{ord(character):04X}" in p.message for p in found)


def _escaped(text: str) -> str:
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


def test_a_file_past_its_time_budget_is_a_problem_not_a_wait(
    copy: StoreCopy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parsing, "BUDGET_S", 0.0)
    text = "facts:\n" + "".join(
        FACT.format(id=f"fact-{n}", text="A long enough sentence of words here.", quote=QUOTE)
        for n in range(3000)
    )
    found = problems_in(copy, "knowledge/facts/slow.yaml", text, seconds=10)
    assert any("took over" in p.message for p in found), found


def test_problems_past_two_hundred_are_counted_not_printed(
    copy: StoreCopy, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main

    text = "facts:\n" + "- {id: Bad Id}\n" * 500
    copy.write("knowledge/facts/bad.yaml", text)
    assert main(["--knowledge", str(copy.knowledge), "--seeds", str(copy.seeds), "validate"]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) < 210
    assert "more (all of them: briefbot validate --json)" in err


HOSTILE = {
    "blank lines after an open list": "facts: [\n" + "\n" * 50_000,
    "deep indentation": "facts:\n" + "".join(" " * (i % 200) + "- x\n" for i in range(20_000)),
    "a megabyte-long text": "facts:\n"
    + FACT.format(id="huge", text="word " * 600_000, quote=QUOTE),
    "a million tiny entries": "facts:\n" + "- {}\n" * 1_000_000,
    "an integer of 5,000 digits": "x: " + "9" * 5000 + "\n",
    "a hex integer of 5,000 digits": "topics: [0x" + "f" * 5000 + "]\n",
    "3,000 levels of block mappings": "".join(" " * (2 * i) + f"a{i}:\n" for i in range(3000)),
    "a million top-level keys": "".join(f"k{i}: 1\n" for i in range(1_000_000)),
}


@pytest.mark.parametrize("shape", list(HOSTILE))
async def test_a_hostile_file_is_a_located_problem_and_never_stalls_the_serving_loop(
    copy: StoreCopy, tmp_path: Path, shape: str
) -> None:
    """What a live bot feels: the reload runs in a thread and is refused in seconds, with
    problems on the file (never a traceback, never more than a couple of hundred), while a
    coroutine ticking every 5 ms is never late by a second (the issue saw 26 s)."""
    import asyncio

    from bot.serving.holder import StoreHolder
    from bot.serving.reload import Reloader
    from bot.state import State

    store = load_store(copy.knowledge, copy.seeds)
    copy.write("knowledge/facts/hostile.yaml", HOSTILE[shape])
    late: list[float] = []
    done = False

    async def tick() -> None:
        while not done:
            before = time.monotonic()
            await asyncio.sleep(0.005)
            late.append(time.monotonic() - before - 0.005)

    async with await State.open(tmp_path / "s.sqlite3") as state:
        reloader = Reloader(StoreHolder(store), state, copy.knowledge, copy.seeds)
        ticker = asyncio.create_task(tick())
        start = time.monotonic()
        outcome = await reloader.reload(by="test")
        took = time.monotonic() - start
        done = True
        await ticker
        await reloader.close()
    assert not outcome.ok
    found = [p for p in outcome.problems if p.file == "knowledge/facts/hostile.yaml"]
    assert found, outcome.problems[:5]
    assert len(found) <= parsing.FILE_PROBLEMS_MAX + 1
    assert took < 15, f"{took:.1f} s"
    assert max(late) < 1.0, f"the loop stalled {max(late):.2f} s"
