"""Issue 25, fourth round: the classes of error three more articles of our own showed (a
magazine analysis, a live blog, a translated government statement), each tested here on
a fourth article, also our own and never news, one test per class."""

from __future__ import annotations

import pytest

from bot.curation.draft import Candidate, Draft, draft, seed_skips
from bot.curation.ingest import ingest
from tests.conftest import StoreCopy

ARTICLE = """Full text of a communiqué from the Ministry of Defence, Civil Protection and \
Veterans, released in Niamey on 10 June 2026.

The Government of Niger, through the Ministry of Defence, has examined the report published \
by the Sahel Rights Office on 2 June.

The ministry said in a statement that the report contained serious errors.

Niger's junta says the army will stay in the west. In a message read on state radio, the \
government added that talks with its neighbours would go on.

The Minister of Justice, Aissata Maiga, recalled that Niger had left the bloc in January 2025.

She reaffirmed the commitment of the Confederation of Sahel States to joint patrols.

“We will not bow to pressure,” Aissata Maiga told The Sahel Ledger. “Our soldiers are doing \
their duty.”

The Sahel Rights Office has urged dialogue with the three states that left the bloc last year.

Niger called for calm along the border. The communiqué welcomed the arrival of new equipment.

Ousmane Diallo, a former foreign minister, says the junta is isolated. Idrissa Toure, a \
historian, thinks the pact will hold.

The outcome may depend on the rains. Whether the patrols can hold the border is an open \
question.

Civil protection teams and veterans groups helped the displaced.

“We must keep talking,” one aid official who took part in the meeting told reporters.

Fighters of the Hombori Shield group were seen near the town in May.
"""


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Draft:
    copy = StoreCopy(tmp_path_factory.mktemp("unseen-fourth"))
    ingest(
        ARTICLE.encode(),
        copy.seeds,
        title="Niger rejects a rights report",
        outlet="The Sahel Ledger",
        published="2026-06-12",  # a Friday
        source_id="unseen-fourth",
    )
    return draft(copy.load(), "unseen-fourth")


def candidate(result: Draft, start: str) -> Candidate:
    return next(c for c in result.candidates if c.sentence.text.startswith(start))


def when(found: Candidate) -> object:
    return found.date.get("when") if found.date else None


def proposed(result: Draft) -> set[str]:
    return {p.name for p in result.proposed}


def test_a_date_in_a_relative_clause_opened_by_that_does_not_date_the_sentence(
    drafted: Draft,
) -> None:
    urged = candidate(drafted, "The Sahel Rights Office has urged")
    assert when(urged) != "2025"
    assert any("'last year' dates another clause's event" in n for n in urged.notes)
    # "that" after a reporting verb opens the reported clause, whose date is used
    recalled = candidate(drafted, "The Minister of Justice")
    assert when(recalled) == "2025-01"


def test_a_date_after_a_participle_with_by_dates_that_thing_not_the_sentence(
    drafted: Draft,
) -> None:
    examined = candidate(drafted, "The Government of Niger")
    assert when(examined) != "2026-06-02"
    assert any("'on 2 June' dates another clause's event" in n for n in examined.notes)


def test_a_statements_text_is_left_out_and_dates_what_it_says(drafted: Draft) -> None:
    assert not any(c.sentence.text.startswith("Full text of") for c in drafted.candidates)
    assert any(s.text.startswith("Full text of") for s, _ in drafted.skipped)
    assert any(q.startswith("Full text of") for q, _ in seed_skips(drafted))  # so coverage passes
    said = candidate(drafted, "The ministry said in a statement")
    assert when(said) == "2026-06-10"
    assert any("the statement the text gives" in n for n in said.notes)
    # its ministry's list of portfolios is no actor
    assert not proposed(drafted) & {"Civil Protection", "Veterans", "Civil Protection and Veterans"}


def test_a_states_government_named_by_possessive_or_of_is_the_government(
    drafted: Draft,
) -> None:
    says = candidate(drafted, "Niger's junta says")
    assert says.by == ["niger-junta"] and "niger" not in says.actors
    examined = candidate(drafted, "The Government of Niger")
    assert "niger-junta" in examined.actors and "niger" not in examined.actors


def test_the_government_is_the_government_named_before_it_in_the_paragraph(
    drafted: Draft,
) -> None:
    added = candidate(drafted, "In a message read on state radio")
    assert added.by == ["niger-junta"] and added.kind == "statement"
    assert any("'the government' read as niger-junta, the one government" in n for n in added.notes)


def test_offices_of_a_portfolio_and_common_words_are_not_names(drafted: Draft) -> None:
    names = proposed(drafted)
    assert "Aissata Maiga" in names
    assert not names & {"Justice", "Defence", "Civil Protection", "Veterans"}
    assert "the-sahel-ledger" not in candidate(drafted, "“We will not bow").actors
    assert not any("Sahel Ledger" in n for n in names)  # the outlet, named with its "The"


def test_a_name_before_group_is_proposed_with_it(drafted: Draft) -> None:
    shield = next(p for p in drafted.proposed if p.name.startswith("Hombori"))
    assert (shield.name, shield.kind) == ("Hombori Shield group", "armed group")


def test_another_name_of_a_known_alliance_is_that_alliance(drafted: Draft) -> None:
    assert "Confederation of Sahel States" not in proposed(drafted)
    reaffirmed = candidate(drafted, "She reaffirmed")
    assert "alliance-of-sahel-states" in reaffirmed.actors
    # "She", opening the paragraph after the minister's: the minister, with a check
    assert reaffirmed.kind == "statement" and reaffirmed.by == ["aissata-maiga"]
    assert any("Confederation of Sahel States" in n for n in reaffirmed.notes)


def test_a_described_speaker_with_a_who_clause_after_a_quote(drafted: Draft) -> None:
    told = candidate(drafted, "“We must keep talking")
    assert told.attribution == "one aid official" and not told.by


def test_a_quote_going_on_after_its_speaker_is_theirs(drafted: Draft) -> None:
    more = candidate(drafted, "“Our soldiers are doing")
    assert more.kind == "quote" and more.by == ["aissata-maiga"]
    assert more.words == "Our soldiers are doing their duty."
    assert when(more) == "2026-06-10"


def test_diplomatic_verbs_and_states_speaking_are_statements(drafted: Draft) -> None:
    recalled = candidate(drafted, "The Minister of Justice")
    assert recalled.by == ["aissata-maiga"] and recalled.kind == "statement"
    calm = candidate(drafted, "Niger called for calm")
    assert calm.by == ["niger"] and calm.kind == "statement"
    welcomed = candidate(drafted, "The communiqué welcomed")
    assert welcomed.kind == "statement" and not welcomed.by


def test_opinions_are_analysis_a_former_officials_words_a_claim(drafted: Draft) -> None:
    former = candidate(drafted, "Ousmane Diallo")
    assert former.by == ["ousmane-diallo"] and former.kind == "claim"
    thinks = candidate(drafted, "Idrissa Toure")
    assert thinks.by == ["idrissa-toure"] and thinks.kind == "analysis"
    for start in ("The outcome may depend", "Whether the patrols"):
        assert candidate(drafted, start).kind == "analysis"
