"""Issue 25, third round: the classes of error two more articles of our own showed (a wire
story with a desk byline, a radio transcript with a presenter), each tested here on a third
article, also our own and never news, one test per class."""

from __future__ import annotations

import pytest

from bot.curation.draft import Candidate, Draft, draft, render_yaml, seed_skips
from bot.curation.ingest import ingest
from tests.conftest import StoreCopy

ARTICLE = """Morning Sahel

By West Africa Desk

I am Salif Diarra, and you are listening to Morning Sahel.

OUAGADOUGOU, May 8 (Sahel Wire) - Burkina Faso's military government said on Friday that \
it had foiled a plot against the state.

Defence Minister Kassoum Coulibaly visited troops in Djibo on Thursday. He said the army \
now controlled most of the country.

Former minister Oumar Sanou, arrested in June 2024, is still awaiting trial.

Aid convoys have struggled to reach the north since March.

Attacks on schools rose from 2021 until 2024, according to aid workers.

Food prices will keep climbing, according to analysts.

"The army is stretched thin," said one analyst.

A presidency spokesman said the plotters had been paid from abroad.

A local official said the roads were closed.

The army, backed by Russian instructors, retook the town in March 2025.

The Ouaga Collective said it had counted forty arrests.

The governor praised the soldiers.

Oumar Sanou remains barred from travelling abroad.

For the West Africa Desk, I'm Salif Diarra in Ouagadougou.

(West Africa Desk; Editing by Ruth Amankwah)
"""


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Draft:
    copy = StoreCopy(tmp_path_factory.mktemp("unseen-more"))
    ingest(
        ARTICLE.encode(),
        copy.seeds,
        title="Burkina Faso says it foiled a plot",
        outlet="Sahel Wire",
        published="2026-05-08",  # a Friday
        source_id="unseen-more",
    )
    return draft(copy.load(), "unseen-more")


def candidate(result: Draft, start: str) -> Candidate:
    return next(c for c in result.candidates if c.sentence.text.startswith(start))


def when(found: Candidate) -> object:
    return found.date.get("when") if found.date else None


def test_a_date_in_a_participle_clause_does_not_date_the_sentence(drafted: Draft) -> None:
    held = candidate(drafted, "Former minister Oumar Sanou")
    assert when(held) is None and held.kind == "background"
    assert any("'in June 2024' dates another clause's event" in n for n in held.notes)
    # after the clause closes, a date is the sentence's own again
    retook = candidate(drafted, "The army, backed by")
    assert when(retook) == "2025-03" and retook.kind == "event"


def test_since_is_a_state_from_then_until_publication(drafted: Draft) -> None:
    convoys = candidate(drafted, "Aid convoys have struggled")
    assert when(convoys) == "2026-03..2026-05-08"
    assert convoys.kind == "background"


def test_from_to_and_until_are_ranges(drafted: Draft) -> None:
    assert when(candidate(drafted, "Attacks on schools rose")) == "2021..2024"


def test_desks_and_bylines_are_not_actors(drafted: Draft) -> None:
    names = {p.name for p in drafted.proposed}
    assert not names & {"West Africa Desk", "Editing", "Ruth Amankwah", "Desk"}, names
    skipped = {s.text: why for s, why in drafted.skipped}
    assert skipped["(West Africa Desk; Editing by Ruth Amankwah)"] == "a byline"
    assert not any(c.sentence.text.startswith("(West Africa") for c in drafted.candidates)


def test_a_presenters_introduction_and_sign_off_are_left_out(drafted: Draft) -> None:
    names = {p.name for p in drafted.proposed}
    assert not any("Salif Diarra" in n for n in names), names
    assert not any("I am Salif" in c.sentence.text for c in drafted.candidates)
    assert not any("I'm Salif" in c.sentence.text for c in drafted.candidates)
    quotes = [quote for quote, _ in seed_skips(drafted)]
    assert any(q.startswith("I am Salif Diarra") for q in quotes)
    assert any(q.startswith("For the West Africa Desk, I'm") for q in quotes)  # coverage passes


def test_described_sources_after_according_to_or_a_quotes_said(drafted: Draft) -> None:
    workers = candidate(drafted, "Attacks on schools rose")
    assert workers.attribution == "aid workers" and workers.kind == "claim"
    prices = candidate(drafted, "Food prices will keep")
    assert prices.attribution == "analysts" and prices.kind == "analysis"
    stretched = candidate(drafted, '"The army is stretched')
    assert stretched.attribution == "one analyst" and stretched.kind == "quote"
    assert not stretched.by


def test_officials_words_are_statements_a_lone_unnamed_source_a_claim(drafted: Draft) -> None:
    minister = candidate(drafted, "He said the army now")
    assert minister.by == ["kassoum-coulibaly"] and minister.kind == "statement"
    spokesman = candidate(drafted, "A presidency spokesman said")
    assert spokesman.attribution == "A presidency spokesman" and spokesman.kind == "statement"
    local = candidate(drafted, "A local official said")
    assert local.attribution == "A local official" and local.kind == "claim"


def test_a_name_after_the_is_not_proposed_as_a_person(drafted: Draft) -> None:
    kinds = {p.name: p.kind for p in drafted.proposed}
    assert kinds["Ouaga Collective"] == "organisation"
    assert kinds["Kassoum Coulibaly"] == "person"


def test_the_undated_action_comment_says_what_to_do_and_only_for_actions(drafted: Draft) -> None:
    praised = candidate(drafted, "The governor praised")
    assert praised.kind == "background"
    note = next(n for n in praised.notes if "does not date" in n)
    assert "change its kind to event" in note
    barred = candidate(drafted, "Oumar Sanou remains barred")
    assert not any("event" in n for n in barred.notes), barred.notes


def test_a_line_named_in_a_comment_counts_the_lines_added_to_the_header(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    copy = StoreCopy(tmp_path_factory.mktemp("lines"))
    text = (
        "Talks In Bamako\n\nMinisters of the three states met in Bamako on Monday. At the "
        "meeting, Abdoulaye Diop said the alliance would hold.\n"
    )
    ingest(text.encode(), copy.seeds, title="Talks", published="2026-05-08", source_id="talks")
    result = draft(copy.load(), "talks")
    rendered = render_yaml(result, shift=3)
    event_line = result.source.text_line + 2 + 3  # the heading, a blank line, three added
    assert f"# line {event_line}" in rendered
    assert f"dated by the event on line {event_line}" in rendered
