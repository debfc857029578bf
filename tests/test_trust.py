"""Trust signals: graded sources, independent corroboration, corrections and retractions.

Through the queries, the digest and alerts, and the console (`briefbot ask`, `diff`,
`digest`); Discord is in tests/discord/test_trust.py. Every sentence a test writes into a
store copy (reasons, earlier texts) is its own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.answers import queries
from bot.answers.alerts import Followed, alert
from bot.answers.commandset import COMMANDS
from bot.answers.compose import footnote_at
from bot.answers.digest import Change, digest
from bot.answers.response import Item, Response
from bot.console.render import render, render_passage
from bot.records.errors import Problem, StoreInvalid
from bot.store.facts import FactStore
from tests.conftest import StoreCopy
from tests.test_cli import briefbot

CHECKER = "seeds/checker-bamako-visit.md"
US_SHIFTS = "seeds/us-shifts-strategy.md"
EVENTS = "knowledge/facts/events.yaml"
STATEMENTS = "knowledge/facts/statements.yaml"
TOPICS = "knowledge/topics.yaml"
HEADER_END = "sha256: f574414f304fb8dcb949a3cea896ef1de7767a6dd818050bc8d2383f1d9591a8\n"
GRADE_B = (
    "reliability:\n  grade: B\n  reason: A test grade for a test copy of the store.\n"
    "  by: the test curator\n"
)
TWO_SOURCES = "biden-cuts-military-cooperation"
"""A fact both seeds back."""
RETRACT = "trump-returns"
CORRECT = "usaid-shuttered"
RETRACTION = "    retracted:\n      reason: The test retracts it to check it is never served.\n"
CORRECTION = (
    "    corrected:\n      was: USAID was closed in the test's earlier wording.\n"
    "      reason: The test rewrote it to check corrections show.\n"
)


def problems(copy: StoreCopy) -> list[Problem]:
    with pytest.raises(StoreInvalid) as caught:
        copy.load()
    return caught.value.problems


def items(response: Response) -> list[Item]:
    return [item for section in response.sections for item in section.items]


def retract(copy: StoreCopy, fact_id: str = RETRACT) -> None:
    copy.edit(EVENTS, f"  - id: {fact_id}\n", f"  - id: {fact_id}\n{RETRACTION}")


def correct(copy: StoreCopy, fact_id: str = CORRECT) -> None:
    copy.edit(EVENTS, f"  - id: {fact_id}\n", f"  - id: {fact_id}\n{CORRECTION}")


def repeat_of(copy: StoreCopy, rewrite: str, original: str) -> None:
    copy.edit(rewrite, "sha256:", f"based_on: [{original}]\nsha256:")


# --- 1. graded sources ---------------------------------------------------------------


def test_an_unknown_grade_is_refused_naming_the_file_and_field(copy: StoreCopy) -> None:
    copy.edit(CHECKER, HEADER_END, HEADER_END + GRADE_B.replace("grade: B", "grade: G"))
    [problem] = problems(copy)
    assert problem.file == CHECKER and problem.field == "reliability.grade"
    assert "'A', 'B', 'C', 'D', 'E' or 'F'" in problem.message


def test_based_on_an_unknown_source_or_in_a_loop_is_refused(copy: StoreCopy) -> None:
    copy.edit(CHECKER, "sha256:", "based_on: [us-shifts-strategi]\nsha256:")
    [unknown] = problems(copy)
    assert (unknown.file, unknown.field) == (CHECKER, "based_on[0]")
    assert "unknown source 'us-shifts-strategi'; did you mean us-shifts-strategy" in unknown.message

    copy.edit(CHECKER, "us-shifts-strategi", "us-shifts-strategy")
    repeat_of(copy, US_SHIFTS, "checker-bamako-visit")
    loops = problems(copy)
    assert {(p.file, p.field) for p in loops} == {(CHECKER, "based_on"), (US_SHIFTS, "based_on")}
    assert all("'based_on' goes round in a circle" in p.message for p in loops)


def test_sources_about_and_footnotes_say_ungraded_until_a_curator_grades(
    copy: StoreCopy,
) -> None:
    store = copy.load()
    listing = queries.sources(store)
    assert all("· ungraded ·" in item.text for item in items(listing))
    assert "Source grades: 2 ungraded" in [i.text for i in items(COMMANDS["about"].run(store))]
    ref = footnote_at(store, queries.actor(store, "Bazoum").citations[0].link)
    assert ref.graded == "ungraded" and "ungraded" in render_passage(ref)

    copy.edit(CHECKER, HEADER_END, HEADER_END + GRADE_B)
    graded = copy.load()
    one = queries.sources(graded, "checker-bamako-visit")
    texts = [i.text for i in items(one)]
    assert "reliability B (usually reliable)" in texts[0]
    assert "Graded B by the test curator: A test grade for a test copy of the store." in texts
    assert one.sources[0].reliability == "B" and one.sources[0].graded_by == "the test curator"
    about = [i.text for i in items(COMMANDS["about"].run(graded))]
    assert "Source grades: 1 graded B, 1 ungraded" in about
    cited = queries.actor(graded, "Bazoum").citations
    assert {c.graded for c in cited if c.source == "checker-bamako-visit"} == {
        "reliability B (usually reliable)"
    }


# --- 2. independent corroboration --------------------------------------------------------


def test_a_rewrite_counts_once_with_what_it_repeats(copy: StoreCopy) -> None:
    store = copy.load()
    fact = store.facts[TWO_SOURCES]
    assert store.independent(fact) == 2 and store.credibility(fact) == (1, None)
    [shown] = [i for i in items(queries.timeline(store)) if i.fact == TWO_SOURCES]
    assert shown.label == "2 independent sources" and shown.sourcing == "◆1"

    repeat_of(copy, CHECKER, "us-shifts-strategy")
    again = copy.load()
    fact = again.facts[TWO_SOURCES]
    assert again.independent(fact) == 1 and again.credibility(fact) == (6, None)
    [shown] = [i for i in items(queries.timeline(again)) if i.fact == TWO_SOURCES]
    assert shown.label == "2 sources, 1 independent" and shown.sourcing == "○6"
    described = queries.sources(again, "checker-bamako-visit")
    assert "repeats us-shifts-strategy" in items(described)[0].text


@pytest.mark.parametrize(
    "answer",
    [
        lambda s: queries.brief(s),
        lambda s: queries.brief(s, "security"),
        lambda s: queries.actor(s, "Ulf Laessing"),
        lambda s: queries.timeline(s),
    ],
    ids=["brief", "brief-without-lead", "profile", "timeline"],
)
def test_every_line_carries_one_sourcing_symbol_and_the_answer_one_legend(
    store: FactStore, answer: object
) -> None:
    response = answer(store)  # type: ignore[operator]
    facts = [i for i in items(response) if i.fact]
    assert facts and all(i.sourcing and i.sourcing[0] in "◆◇○" for i in facts)
    assert response.legend and response.legend.startswith("Sourcing:")
    assert not any("Sourcing:" in n for n in response.notes)
    for symbol in "◆◇○":  # the symbols shown are explained, and only those
        shown = any(i.sourcing and i.sourcing[0] == symbol for i in facts)
        assert (f"{symbol} " in response.legend) is shown
    single = [i for i in facts if i.independent == 1]
    assert single and all(i.sourcing and i.sourcing.startswith("○") for i in single)
    text = render(response)
    assert text.count("Sourcing:") == 1 and "○6" in text


def test_a_lead_bullet_is_as_well_sourced_as_its_weakest_fact(store: FactStore) -> None:
    brief = queries.brief(store)
    for item in items(brief):
        facts = [store.facts[f] for f in item.facts]
        assert item.independent == min(store.independent(f) for f in facts)


def test_credibility_is_derived_from_contradictions_or_set_with_a_reason(
    copy: StoreCopy,
) -> None:
    copy.edit(
        STATEMENTS,
        "  - id: laessing-pragmatic-stance\n",
        "  - id: laessing-pragmatic-stance\n"
        "    contradicts: [laessing-no-security-for-resources]\n",
    )
    copy.edit(
        EVENTS,
        "  - id: usaid-shuttered\n",
        "  - id: usaid-shuttered\n    credibility:\n      grade: 2\n"
        "      reason: The test curator judges it probably true.\n",
    )
    store = copy.load()
    for contradicted in ("laessing-pragmatic-stance", "laessing-no-security-for-resources"):
        assert store.credibility(store.facts[contradicted]) == (4, None)
    assert store.credibility(store.facts[TWO_SOURCES]) == (1, None)
    [set_by] = [i for i in items(queries.timeline(store)) if i.fact == CORRECT]
    assert set_by.credibility == 2 and set_by.sourcing == "○2"
    assert "credibility 2 set by curators: The test curator judges it probably true." in (
        set_by.label or ""
    )


def test_a_fact_cannot_contradict_an_unknown_fact_or_itself(copy: StoreCopy) -> None:
    copy.edit(
        EVENTS,
        "  - id: trump-returns\n",
        "  - id: trump-returns\n    contradicts: [trump-returns, no-such-fact]\n",
    )
    found = {(p.record, p.field, p.message.split(";")[0]) for p in problems(copy)}
    assert found == {
        (RETRACT, "contradicts", "a fact cannot contradict itself"),
        (RETRACT, "contradicts[1]", "unknown fact 'no-such-fact'"),
    }


# --- 3. corrections and retractions ----------------------------------------------------


def test_a_retracted_fact_is_kept_for_sources_and_never_served(copy: StoreCopy) -> None:
    retract(copy)
    store = copy.load()
    assert RETRACT in store.all_facts and RETRACT in store.retracted and RETRACT not in store.facts
    served = [
        queries.timeline(store),
        queries.timeline(store, actor="Donald Trump"),
        queries.actor(store, "Donald Trump"),
        queries.brief(store, "us-shift", more=True),
        queries.search(store, "Trump returned to the White House"),
    ]
    for response in served:
        assert RETRACT not in {i.fact for i in items(response)}
        assert not any(
            "returned to the White House for a new term" in i.text for i in items(response)
        )
    listed = queries.sources(store, "us-shifts-strategy")
    [withdrawn] = [i for i in items(listed) if i.fact == RETRACT]
    assert withdrawn.text.startswith("Retracted: Donald Trump returned")
    assert (
        withdrawn.correction == "Why retracted: The test retracts it to check it is never served."
    )
    assert withdrawn.cites
    everything = [i.text for i in items(queries.sources(store))]
    assert any(
        "1 fact(s) retracted (/sources source:us-shifts-strategy)" in t for t in everything
    ), everything


def test_a_lead_or_watch_resting_on_a_retracted_fact_is_refused(copy: StoreCopy) -> None:
    retract(copy, "us-declares-policy-shift")
    found = problems(copy)
    assert found and all(p.file == TOPICS and "is retracted" in p.message for p in found)
    assert any(p.field and p.field.startswith("lead[") for p in found)


def test_a_corrected_fact_shows_its_note_with_the_earlier_text(copy: StoreCopy) -> None:
    correct(copy)
    store = copy.load()
    note = (
        "Corrected: The test rewrote it to check corrections show. "
        "(earlier: “USAID was closed in the test's earlier wording.”)"
    )
    for response in (queries.timeline(store), queries.actor(store, "USAID")):
        [shown] = [i for i in items(response) if i.fact == CORRECT]
        assert shown.correction == note
        assert note in render(response).replace("\n    ", " ")


def test_a_correction_must_keep_the_earlier_text_and_not_also_retract(copy: StoreCopy) -> None:
    correct(copy)
    retract(copy, CORRECT)
    [both] = problems(copy)
    assert both.record == CORRECT and "either corrected or retracted" in both.message


def test_digest_and_alerts_report_corrections_and_retractions_as_such(copy: StoreCopy) -> None:
    retract(copy)
    correct(copy)
    store = copy.load()
    changes = [
        Change(kind="facts", record_id=RETRACT, change="changed"),
        Change(kind="facts", record_id=CORRECT, change="changed"),
    ]
    news = items(digest(store, changes))
    [retracted] = [i for i in news if i.fact == RETRACT]
    [corrected] = [i for i in news if i.fact == CORRECT]
    assert (
        retracted.text
        == "Retracted: Donald Trump returned to the White House for a new term as US president."
    )
    assert retracted.label and retracted.label.startswith("retracted")
    assert (
        retracted.correction == "Why retracted: The test retracts it to check it is never served."
    )
    assert corrected.text.startswith("Corrected: USAID")
    assert corrected.correction and "earlier: “USAID was closed" in corrected.correction

    followed = alert(store, changes, [Followed("actor", "donald-trump")])
    assert followed is not None
    shown = {i.fact: i.text for i in items(followed)}
    assert shown[RETRACT].startswith("Retracted: ") and shown[CORRECT].startswith("Corrected: ")
    assert not any("their sources were edited" in n for n in followed.notes)


def test_the_console_diff_and_digest_say_corrected_and_retracted(
    copy: StoreCopy, tmp_path: Path
) -> None:
    args = ("--knowledge", str(copy.knowledge), "--seeds", str(copy.seeds))
    env = {"BRIEFBOT_DB": str(tmp_path / "none.sqlite3")}
    base = tmp_path / "base.json"
    assert briefbot(*args, "snapshot", str(base), env=env).returncode == 0
    retract(copy)
    correct(copy)
    changed = briefbot(*args, "diff", "--baseline", str(base), env=env)
    assert changed.returncode == 0, changed.stderr
    assert f"~ fact {RETRACT} (retracted)" in changed.stdout
    assert f"~ fact {CORRECT} (corrected)" in changed.stdout
    posted = briefbot(*args, "digest", "--baseline", str(base), env=env).stdout
    assert "Retracted: Donald Trump returned" in posted and "Corrected: USAID" in posted
    listed = json.loads(briefbot(*args, "ask", "--json", "/timeline", env=env).stdout)
    assert RETRACT not in {i["fact"] for s in listed["sections"] for i in s["items"]}


def test_a_saved_store_keeps_grades_repeats_and_retractions(
    copy: StoreCopy, tmp_path: Path
) -> None:
    """A restart decodes the saved store: the trust fields and the retracted facts come
    back as they were, and answers are the same."""
    from bot.reading.loader import open_store

    copy.edit(CHECKER, HEADER_END, HEADER_END + GRADE_B)
    repeat_of(copy, CHECKER, "us-shifts-strategy")
    retract(copy)
    correct(copy)
    cache = tmp_path / "cache"
    first = open_store(copy.knowledge, copy.seeds, cache)
    again = open_store(copy.knowledge, copy.seeds, cache)
    assert again is not first and dict(again.sources) == dict(first.sources)
    assert dict(again.all_facts) == dict(first.all_facts) and list(again.retracted) == [RETRACT]
    assert again.sources["checker-bamako-visit"].based_on == ("us-shifts-strategy",)

    def answers(store: FactStore) -> list[Response]:
        return [
            queries.timeline(store),
            queries.sources(store, "us-shifts-strategy"),
            queries.actor(store, "USAID"),
        ]

    assert answers(again) == answers(first)


def test_a_source_whose_header_changed_is_updated_in_the_digest_not_new(
    store: FactStore,
) -> None:
    """A grade given to an article already served is no new source."""
    source = next(iter(store.sources.values()))
    texts = {
        change: [
            i.text
            for s in digest(
                store, [Change(kind="sources", record_id=source.id, change=change)]
            ).sections
            for i in s.items
            if source.title in i.text
        ]
        for change in ("added", "changed")
    }
    assert texts["added"][0].startswith(f"New source: {source.title}")
    assert texts["changed"][0] == f"Updated source: {source.title} ({source.graded})"
