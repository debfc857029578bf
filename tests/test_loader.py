"""Each class of validation problem, reported with file, line, record and field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.store.errors import Problem, StoreInvalid
from bot.store.facts import FactStore
from tests.conftest import StoreCopy

EVENTS = "knowledge/facts/events.yaml"
ACTORS = "knowledge/actors.yaml"
TOPICS = "knowledge/topics.yaml"


def problems(copy: StoreCopy) -> list[Problem]:
    with pytest.raises(StoreInvalid) as caught:
        copy.load()
    return caught.value.problems


def only(copy: StoreCopy) -> Problem:
    found = problems(copy)
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


def test_the_real_store_is_valid(store: FactStore) -> None:
    counts = store.counts()
    assert counts["sources"] == 2
    assert counts["actors"] >= 30
    assert counts["facts"] >= 35
    assert counts["topics"] >= 8
    assert store.overview is not None


def test_yaml_syntax_error_names_file_and_line(copy: StoreCopy) -> None:
    copy.edit(TOPICS, "    title: Russia\n", "    title: [Russia\n")
    problem = only(copy)
    assert problem.file == TOPICS
    assert "YAML syntax error" in problem.message
    assert problem.line is not None and problem.line > 1


def test_unknown_field_is_an_error_not_silently_dropped(
    copy: StoreCopy, line_of: Callable[[Path, str], int]
) -> None:
    copy.edit(
        EVENTS,
        "    kind: event\n    text: Donald Trump returned",
        "    kind: event\n    txt: oops\n    text: Donald Trump returned",
    )
    problem = only(copy)
    assert (problem.file, problem.record, problem.field) == (EVENTS, "trump-returns", "txt")
    assert "unknown field" in problem.message
    assert problem.line == line_of(copy.root / EVENTS, "- id: trump-returns")


def test_missing_required_field_and_bad_enum(copy: StoreCopy) -> None:
    copy.edit(ACTORS, "    kind: media\n", "    kind: newspaper\n")
    copy.edit(
        EVENTS,
        "    text: Donald Trump returned to the White House for a new term as US president.\n",
        "",
    )
    found = {(p.record, p.field) for p in problems(copy)}
    assert ("le-monde", "kind") in found
    assert ("trump-returns", "text") in found


def test_nested_field_error_points_at_the_nested_line(
    copy: StoreCopy, line_of: Callable[[Path, str], int]
) -> None:
    copy.edit(
        ACTORS, "        relation: head of\n", "        relation: head of\n        since: 2024\n"
    )
    problem = only(copy)
    assert problem.record == "nick-checker"
    assert problem.field == "relations[0].since"
    assert problem.line == line_of(copy.root / ACTORS, "- actor: bureau-of-african-affairs")


def test_duplicate_ids_name_the_first_definition(copy: StoreCopy) -> None:
    copy.write("knowledge/more.yaml", (copy.root / ACTORS).read_text().split("  # --- the")[0])
    found = problems(copy)
    assert found and all(p.file == "knowledge/more.yaml" for p in found)
    assert {p.field for p in found} == {"id"}
    assert "united-states" in {p.record for p in found}
    assert all(
        "duplicate actor id (first defined in knowledge/actors.yaml:" in p.message for p in found
    )


def test_dangling_actor_reference_suggests_the_near_id(copy: StoreCopy) -> None:
    copy.edit(
        EVENTS, "actors: [donald-trump, united-states]", "actors: [donald-trunp, united-states]"
    )
    problem = only(copy)
    assert (problem.record, problem.field) == ("trump-returns", "actors[0]")
    assert "unknown actor 'donald-trunp'" in problem.message
    assert "did you mean donald-trump" in problem.message


def test_dangling_source_topic_fact_and_relation(copy: StoreCopy) -> None:
    copy.edit(EVENTS, "topics: [us-shift, economics-minerals]", "topics: [us-shift, economy]")
    copy.edit(TOPICS, "      - radical-change-evident\n", "      - radical-change\n")
    copy.edit(ACTORS, "      - actor: us-state-department\n", "      - actor: state-dept\n")
    copy.edit(
        "knowledge/facts/background.yaml", "source: checker-bamako-visit", "source: checker-visit"
    )
    found = {(p.record, p.field, p.message.split("'")[0]) for p in problems(copy)}
    assert ("usaid-shuttered", "topics[1]", "unknown topic ") in found
    assert ("us-shift", "facts[1]", "unknown fact ") in found
    assert ("bureau-of-african-affairs", "relations[0].actor", "unknown actor ") in found
    assert ("niger-key-security-partner", "citations[0].source", "unknown source ") in found


def test_quote_not_in_source_shows_the_nearest_passage(copy: StoreCopy) -> None:
    copy.edit(EVENTS, "recently killed at least 15 drivers", "recently killed at least 16 drivers")
    problem = only(copy)
    assert (problem.file, problem.record, problem.field) == (
        EVENTS,
        "fuel-convoy-attack",
        "citations[0].quote",
    )
    assert problem.message.startswith("quote not found in source checker-bamako-visit")
    assert "at least 15 drivers" in problem.message


def test_quoted_words_must_be_inside_a_citation(copy: StoreCopy) -> None:
    copy.edit(
        "knowledge/facts/statements.yaml",
        "words: Major crises are taking place without the EU",
        "words: Major crises are taking place without NATO",
    )
    problem = only(copy)
    assert (problem.record, problem.field) == ("laessing-crises-without-eu", "words")


def test_date_more_precise_than_its_phrase(copy: StoreCopy) -> None:
    copy.edit(
        "knowledge/facts/statements.yaml",
        'date: {when: "2025-10", phrase: "In October, 2025"}',
        'date: {when: "2025-10-14", phrase: "In October, 2025"}',
    )
    problem = only(copy)
    assert (problem.record, problem.field) == ("boulos-le-monde", "date.when")
    assert "more precise than 'In October, 2025' allows (month at most)" in problem.message


def test_relative_date_more_precise_than_its_source(copy: StoreCopy) -> None:
    copy.edit(
        EVENTS,
        '      when: "2026-01"\n      phrase: on Monday',
        '      when: "2026-01-12"\n      phrase: on Monday',
    )
    problem = only(copy)
    assert (problem.record, problem.field) == ("checker-visits-bamako", "date.when")
    assert "more precise than the month its source was published in" in problem.message


def test_date_phrase_must_be_in_the_source(copy: StoreCopy) -> None:
    copy.edit(EVENTS, "phrase: last week", "phrase: last month")
    problem = only(copy)
    assert (problem.record, problem.field) == ("niamey-airport-attack", "date.phrase")


def test_date_after_publication(copy: StoreCopy) -> None:
    copy.edit(EVENTS, 'when: "2025..2026-01"', 'when: "2025..2026-03"')
    problem = only(copy)
    assert (problem.record, problem.field) == ("fuel-convoy-attack", "date.when")
    assert "after its source was published" in problem.message


def test_event_without_date(copy: StoreCopy) -> None:
    copy.edit(
        EVENTS,
        '    date: {when: "2020..2023", phrase: between 2020 and 2023}\n    note: One',
        "    note: One",
    )
    problem = only(copy)
    assert (problem.record, problem.field) == ("coups-2020-2023", "date")


def test_after_loop_is_reported(copy: StoreCopy) -> None:
    copy.edit(
        "knowledge/facts/statements.yaml",
        '    date: {when: "2026-01", relative: true}',
        '    date: {when: "2026-01", relative: true, after: [checker-visits-bamako]}',
    )
    messages = [p.message for p in problems(copy)]
    assert any("goes round in a circle" in m for m in messages)


def test_topic_summary_fact_must_carry_the_topic(copy: StoreCopy) -> None:
    copy.edit(
        TOPICS,
        "      - balance-of-influence-fluid\n",
        "      - balance-of-influence-fluid\n      - dissent-controlled\n",
        count=1,
    )
    problem = only(copy)
    assert (problem.record, problem.field) == ("russia", "facts[4]")


def test_edited_seed_text_is_refused(copy: StoreCopy) -> None:
    copy.edit("seeds/us-shifts-strategy.md", "a stark policy shift", "a stark  policy shift")
    found = problems(copy)
    assert any(p.field == "sha256" and p.record == "us-shifts-strategy" for p in found)


def test_seed_without_header(copy: StoreCopy) -> None:
    copy.write("seeds/plain.md", "Just some text.\n")
    problem = only(copy)
    assert problem.file == "seeds/plain.md"
    assert "no metadata header" in problem.message


def test_estimated_publication_needs_reasoning(copy: StoreCopy) -> None:
    path = copy.seeds / "us-shifts-strategy.md"
    text = path.read_text(encoding="utf-8")
    start = text.index("  reasoning: >-")
    end = text.index("contents:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    problem = only(copy)
    assert (problem.record, problem.field) == ("us-shifts-strategy", "published")
    assert "reasoning" in problem.message


def test_all_problems_are_reported_at_once(copy: StoreCopy) -> None:
    copy.edit(EVENTS, "recently killed at least 15 drivers", "recently killed 15 drivers")
    copy.edit(EVENTS, "actors: [donald-trump, united-states]", "actors: [nobody, united-states]")
    copy.edit(TOPICS, "  - id: russia\n", "  - id: security\n")
    found = problems(copy)
    assert {p.record for p in found} >= {"fuel-convoy-attack", "trump-returns", "security"}


def test_problem_text_names_file_line_record_and_field() -> None:
    problem = Problem(
        file="knowledge/x.yaml",
        line=7,
        record="abc",
        field="citations[0].quote",
        message="quote not found",
    )
    assert str(problem) == "knowledge/x.yaml:7: [abc] citations[0].quote: quote not found"


def test_knowledge_drafts_and_schema_folders_are_not_loaded(
    copy: StoreCopy, store: FactStore
) -> None:
    copy.write("knowledge/drafts/new.yaml", "facts: [not valid at all\n")
    assert copy.load().counts() == store.counts()


def test_unknown_section_and_non_list(copy: StoreCopy) -> None:
    copy.write("knowledge/extra.yaml", "people: []\nfacts: {}\n")
    messages = sorted(p.message for p in problems(copy))
    assert messages == [
        "'facts' must be a list",
        "unknown section 'people'; expected one of actors, facts, topics",
    ]
