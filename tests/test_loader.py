"""Each class of validation problem, reported with file, line, record and field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.records.errors import Problem, StoreInvalid
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


def test_every_section_parsed_has_a_table_to_go_to() -> None:
    from bot.reading import collected, parsing

    assert tuple(parsing.SECTIONS) == collected.KNOWLEDGE_SECTIONS


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
    assert problem.line == line_of(copy.root / EVENTS, "    txt: oops")


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
    assert problem.line == line_of(copy.root / ACTORS, "        since: 2024")


def test_a_reference_problem_points_at_the_field_not_the_record(
    copy: StoreCopy, line_of: Callable[[Path, str], int]
) -> None:
    """Problems found across records (an unknown actor, a date after publication) name the
    line of the field itself, as problems found in one record do."""
    copy.edit(
        EVENTS,
        "    actors: [biden-administration, united-states, mali, burkina-faso, niger]\n",
        "    actors: [biden-administration, united-states, mali, burkina-fasso, niger]\n",
    )
    copy.edit(
        EVENTS, "    responds_to: [coups-2020-2023]\n", "    responds_to:\n      - coups-2020\n"
    )
    found = {p.field: p for p in problems(copy)}
    assert found["actors[3]"].line == line_of(copy.root / EVENTS, "burkina-fasso")
    assert found["responds_to[0]"].line == line_of(copy.root / EVENTS, "      - coups-2020")
    assert found["actors[3]"].record == "biden-cuts-military-cooperation"


def test_a_file_changed_after_it_was_read_keeps_the_records_line(
    copy: StoreCopy, line_of: Callable[[Path, str], int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lines are looked up again only in the very bytes the load read: a curator saving
    the file meanwhile must not get a line of the new text."""
    from bot.reading import fieldline

    copy.edit(EVENTS, "[coups-2020-2023]", "[coups-2020]")
    real = fieldline.pinpoint

    def saved_meanwhile(collected: Any, found: list[Problem]) -> list[Problem]:
        copy.edit(EVENTS, "facts:\n", "facts:\n\n\n")
        return real(collected, found)

    monkeypatch.setattr(fieldline, "pinpoint", saved_meanwhile)
    problem = only(copy)
    assert problem.field == "responds_to[0]"
    assert problem.line == line_of(copy.root / EVENTS, "- id: biden-cuts-military-cooperation") - 2


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
    copy.edit(
        EVENTS, "topics: [overview, us-shift, economics-minerals]", "topics: [us-shift, economy]"
    )
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
    for old in ("words: Major crises", "“Major crises"):  # the words and the text showing them
        copy.edit(
            "knowledge/facts/statements.yaml",
            f"{old} are taking place without the EU",
            f"{old} are taking place without NATO",
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
        '      when: "2026-02"\n      phrase: on Monday',
        '      when: "2026-02-02"\n      phrase: on Monday',
    )
    problem = only(copy)
    assert (problem.record, problem.field) == ("checker-visits-bamako", "date.when")
    assert "more precise than the month its source was published in" in problem.message


def test_date_phrase_must_be_in_the_source(copy: StoreCopy) -> None:
    copy.edit(EVENTS, "phrase: last week", "phrase: last month")
    problem = only(copy)
    assert (problem.record, problem.field) == ("niamey-airport-attack", "date.phrase")


def test_date_after_publication(copy: StoreCopy) -> None:
    copy.edit(EVENTS, 'when: "2025..2026-02"', 'when: "2025..2026-03"')
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
    assert any("round in a circle" in m for m in messages)


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
        "unknown section 'people'; expected one of actors, facts, topics, synonyms",
    ]


# --- display text that must stand alone ------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        (
            "text: Analysts say the US policy shift mirrors",
            "text: Analysts say the move mirrors",
            "'the move' refers to something only the article names",
        ),
        (
            "text: Niger was long regarded as a key US security partner in West Africa.",
            "text: That partner was long regarded as key in West Africa.",
            "starts with 'That'",
        ),
        (
            "text: Niger was long regarded as a key US security partner in West Africa.",
            "text: A key partner.",
            "too short to stand alone (3 words",
        ),
    ],
)
def test_a_fact_that_cannot_stand_alone_is_refused(
    copy: StoreCopy, old: str, new: str, says: str
) -> None:
    file = (
        "knowledge/facts/analysis.yaml" if "Analysts" in old else "knowledge/facts/background.yaml"
    )
    copy.edit(file, old, new)
    problem = only(copy)
    assert problem.file == file and problem.line is not None
    assert problem.field == "text" and says in problem.message


def test_a_quote_must_be_shown_with_its_speaker(copy: StoreCopy) -> None:
    copy.edit(
        "knowledge/facts/statements.yaml",
        "text: A diplomat at the US embassy in Bamako told AFP that Washington sees jihadists "
        "“settling in the Sahel”; US officials privately acknowledge the growing threat.",
        "text: US officials privately acknowledge the growing threat of jihadists in the region.",
    )
    problem = only(copy)
    assert (problem.record, problem.field) == ("us-diplomat-jihadists-settling", "text")
    assert "quoted words with who said them" in problem.message


def test_a_lead_bullet_is_checked_like_a_fact(copy: StoreCopy) -> None:
    copy.edit(TOPICS, "facts: [fuel-convoy-attack, militants-resilient,", "facts: [fuel-convoy,")
    copy.edit(
        TOPICS, "      - text: Trump adviser Massad Boulos", "      - text: It says Massad Boulos"
    )
    found = problems(copy)
    assert {(p.record, p.field) for p in found} == {
        ("overview", "lead[6].facts[0]"),
        ("overview", "lead[4].text"),
    }


def test_a_brief_has_at_most_eight_bullets(copy: StoreCopy) -> None:
    bullet = (
        "      - text: Mali, Niger and Burkina Faso withdrew from ECOWAS to form the AES.\n"
        "        facts: [aes-formed]\n"
    )
    copy.edit(TOPICS, "    lead:\n", "    lead:\n" + bullet)
    problem = only(copy)
    assert (problem.record, problem.field) == ("overview", "lead")
    assert "at most 8" in problem.message


def test_no_fact_is_dated_before_an_actor_it_involves_began(copy: StoreCopy) -> None:
    copy.edit(EVENTS, '    date: {when: "2021..2023"}', '    date: {when: "2020..2023"}')
    problem = only(copy)
    assert (problem.record, problem.field) == ("biden-cuts-military-cooperation", "date.when")
    assert "Biden administration began only in January 2021" in problem.message


def test_responds_to_and_part_of_name_real_records_without_loops(copy: StoreCopy) -> None:
    copy.edit(EVENTS, "responds_to: [coups-2020-2023]", "responds_to: [coups-2020]")
    copy.edit(ACTORS, "part_of: [united-states]", "part_of: [united-state]")
    copy.edit(ACTORS, "part_of: [us-state-department]", "part_of: [us-embassy-bamako]")  # bureau
    copy.edit(ACTORS, "part_of: [us-state-department]", "part_of: [bureau-of-african-affairs]")
    found = {(p.record, p.field): p.message for p in problems(copy)}
    assert (
        "unknown fact 'coups-2020'" in found[("biden-cuts-military-cooperation", "responds_to[0]")]
    )
    assert "unknown actor 'united-state'" in found[("us-state-department", "part_of[0]")]
    assert "round in a circle" in found[("bureau-of-african-affairs", "part_of")]


def test_a_reaction_that_loops_back_is_refused(copy: StoreCopy) -> None:
    copy.edit(
        "knowledge/facts/statements.yaml",
        '    date: {when: "2025-10", phrase: "In October, 2025"}',
        "    responds_to: [rights-advocates-criticise]\n"
        '    date: {when: "2025-10", phrase: "In October, 2025"}',
    )
    assert any("round in a circle" in p.message for p in problems(copy))


def test_a_quote_whose_text_names_its_speaker_only_as_he_is_refused(copy: StoreCopy) -> None:
    copy.edit(
        "knowledge/facts/statements.yaml",
        'text: "Ulf Laessing, head of the Konrad Adenauer Foundation office in Mali, said:',
        'text: "Speaking to reporters in Bamako this month, he said:',
    )
    with pytest.raises(StoreInvalid) as raised:
        copy.load()
    [problem] = [p for p in raised.value.problems if p.record == "laessing-americans-not-concerned"]
    assert problem.field == "text" and "name who said the words" in problem.message


def test_a_date_after_publication_is_compared_like_with_like(copy: StoreCopy) -> None:
    """A month holding the publication day is no later than it; the next month is."""
    path = "knowledge/facts/statements.yaml"
    copy.edit(
        path,
        'date: {when: "2026-02", source: checker-bamako-visit',
        'date: {when: "2026-03", source: checker-bamako-visit',
    )
    with pytest.raises(StoreInvalid) as raised:
        copy.load()
    messages = [p.message for p in raised.value.problems if p.field == "date.when"]
    assert any("2026-03 ends after its source was published" in m for m in messages), messages


def test_speaks_for_and_watch_name_what_exists(copy: StoreCopy) -> None:
    copy.edit(
        "knowledge/actors.yaml",
        "speaks_for: [bureau-of-african-affairs]",
        "speaks_for: [bureau-of-africa]",
    )
    copy.edit(
        "knowledge/topics.yaml", "facts: [bureau-signals-openness]", "facts: [bureau-signals]"
    )
    with pytest.raises(StoreInvalid) as raised:
        copy.load()
    fields = {p.field for p in raised.value.problems}
    assert "speaks_for" in fields and "watch[0].facts" in fields, raised.value.problems


@pytest.mark.parametrize(
    "label",
    ["the Bamako visit.", "x" * 61],
    ids=["closing-full-stop", "too-long"],
)
def test_a_label_that_cannot_sit_inside_a_sentence_is_a_problem(
    copy: StoreCopy, label: str
) -> None:
    """A label reads 'in response to <label> (date)': no full stop, a few words at most."""
    copy.edit(EVENTS, "    label: the Bamako visit\n", f"    label: {label}\n")
    problem = only(copy)
    assert (problem.file, problem.record, problem.field) == (
        EVENTS,
        "checker-visits-bamako",
        "label",
    )
