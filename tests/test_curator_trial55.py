"""Issue 25, a curator trial's date, actor-link and tool classes: a saying's date read from
the phrase about the saying (never the reported clause's, never the publication day when
the sentence gives its own dates), "a month ago", "since …" in a speaker's turn; a
government named by its seat or in a list of states; capitals mapped to states by one
table; a person by an office beside the name; a role from the article's appositive; and
promote, validate and the cache doing what the README says. Articles of our own writing."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from bot.curation.draft import Candidate, Draft, draft, render_yaml
from bot.curation.ingest import ingest
from bot.settings import Settings
from bot.store.facts import FactStore
from tests.conftest import StoreCopy, run_cli

PUBLISHED = "2026-11-21"  # a Saturday

WIRE = """Sahel states agree grain corridor

NIAMEY, Nov 20 (Sahel Wire) - The military governments of Mali, Burkina Faso and Niger \
agreed on Thursday to reopen a grain corridor closed since the spring.

Sahel Harvest Watch said last week that armed men and allied militias had burned 30 \
granaries near Mopti in August.

A month ago, the junta in Niamey suspended exports of millet. The government in Bamako \
has rationed fuel for lorries since September.

The drivers' federation said on Tuesday, and again on Thursday, that convoys had stopped.

Burkina Faso's prime minister, Rimtalba Sanon Kabore Ilboudo, told a rally in \
Ouagadougou that the corridor would feed the north. Idrissa Toure, the head of the \
drivers' union, said the convoys were waiting. Fanta Sidibe said nothing had changed.

Bamako rejected the proposal, while Paris and Moscow welcomed it. Nick Checker visited \
Niamey last month.

Reporting by Awa Diallo; Editing by Tom Reed
"""

RADIO = """Sahel Evening: the grain road

HOST: Good evening. We go first to our correspondent Ousmane Traore in Kayes.

OUSMANE TRAORE: Thank you. A month ago the customs post here was busy. Bandits have been \
stopping lorries on the border road since September. The drivers tell me they now wait \
for escorts.

HOST: Thank you, Ousmane.
"""


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> StoreCopy:
    copy = StoreCopy(tmp_path_factory.mktemp("trial55"))
    for source_id, text, title, outlet in (
        ("trial55-wire", WIRE, "Sahel states agree grain corridor", "Sahel Wire"),
        ("trial55-radio", RADIO, "Sahel Evening: the grain road", "Sahel FM"),
    ):
        ingest(
            text.encode(),
            copy.seeds,
            title=title,
            outlet=outlet,
            published=PUBLISHED,
            source_id=source_id,
        )
    return copy


@pytest.fixture(scope="module")
def store(copy: StoreCopy) -> FactStore:
    return copy.load()


@pytest.fixture(scope="module")
def wire(store: FactStore) -> Draft:
    return draft(store, "trial55-wire")


@pytest.fixture(scope="module")
def radio(store: FactStore) -> Draft:
    return draft(store, "trial55-radio")


def candidate(result: Draft, start: str) -> Candidate:
    return next(c for c in result.candidates if start in c.sentence.text)


def when(found: Candidate) -> object:
    return found.date.get("when") if found.date else None


def test_a_saying_is_dated_by_its_own_phrase_not_the_reported_clause(wire: Draft) -> None:
    """ "X said last week that … in August": the week before publication, the reported
    clause's month noted; a saying with two dates of its own is left blank, never the
    publication day."""
    said = candidate(wire, "Sahel Harvest Watch said last week")
    assert when(said) == "2026-W46"
    assert any("'in August' dates what the words report" in n for n in said.notes)
    twice = candidate(wire, "The drivers' federation said on Tuesday")
    assert twice.date is None
    assert any("never the publication day" in n for n in twice.notes)


def test_a_month_ago_and_since_are_read_also_in_a_speakers_turn(wire: Draft, radio: Draft) -> None:
    assert when(candidate(wire, "A month ago, the junta")) == "2026-10"
    assert when(candidate(radio, "A month ago the customs post")) == "2026-10"
    since = candidate(radio, "Bandits have been stopping lorries")
    assert when(since) == "2026-09..2026-11-21"  # a range, never the publication day alone
    assert when(candidate(wire, "has rationed fuel")) == "2026-09..2026-11-21"


def test_governments_by_their_seat_or_in_a_list_are_the_governments(wire: Draft) -> None:
    listed = candidate(wire, "The military governments of Mali")
    assert set(listed.actors) >= {"mali-junta", "burkina-faso-junta", "niger-junta"}
    assert not {"mali", "burkina-faso", "niger"} & set(listed.actors)
    assert "niger-junta" in candidate(wire, "the junta in Niamey").actors
    assert "mali-junta" in candidate(wire, "The government in Bamako").actors


def test_a_capital_stands_for_its_state_by_one_table_only_when_it_acts(wire: Draft) -> None:
    """Bamako is no alias in the store, Paris and Moscow are: all three read alike as
    acting; a capital visited is a place, no actor."""
    acting = candidate(wire, "Bamako rejected the proposal")
    assert {"mali", "france", "russia"} <= set(acting.actors)
    assert "niger" not in candidate(wire, "Nick Checker visited Niamey").actors


def test_a_name_with_an_office_beside_it_is_a_person_with_that_role(wire: Draft) -> None:
    proposed = {p.name: p for p in wire.proposed}
    minister = proposed["Rimtalba Sanon Kabore Ilboudo"]  # four words, still a person
    assert minister.kind == "person" and minister.role == "Burkina Faso's prime minister"
    assert proposed["Idrissa Toure"].role == "the head of the drivers' union"
    assert proposed["Fanta Sidibe"].role == ""
    text = render_yaml(wire)
    assert 'text: "Head of the drivers\' union"' in text
    assert "Spokesman for Niger's military government" not in text  # no stub for everyone
    block = text[text.index("  - id: fanta-sidibe") :]
    assert block.split("citations:")[0].count("# check: no role") == 1


def _cli(copy: StoreCopy, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    base = {
        "BRIEFBOT_DB": str(copy.root / "db.sqlite3"),
        "BRIEFBOT_CACHE_DIR": str(copy.root / "cache"),
        "HOME": str(copy.root),
        "PATH": os.environ.get("PATH", ""),
    }
    ran = run_cli(
        ["--knowledge", str(copy.knowledge), "--seeds", str(copy.seeds), *args],
        None,
        {**base, **(env or {})},
    )
    return ran.returncode, ran.stdout + ran.stderr


VELORIA = """Border post reopens

Aminata Sow, a customs officer in Kati, said the post reopened on Friday.

Moussa Kane, a lorry driver, said he had waited two days.
"""


@pytest.fixture
def small(tmp_path: Path) -> StoreCopy:
    copy = StoreCopy(tmp_path)
    ingest(
        VELORIA.encode(),
        copy.seeds,
        title="Border post reopens",
        outlet="Sahel Wire",
        published=PUBLISHED,
        source_id="small",
    )
    code, said = _cli(copy, "draft", "small")
    assert code == 0, said
    return copy


def test_promote_reviewed_moves_an_unused_reviewed_actor_and_says_what_stays(
    small: StoreCopy,
) -> None:
    path = small.knowledge / "drafts" / "small.yaml"
    text = path.read_text()
    assert "id: aminata-sow" in text and "id: moussa-kane" in text
    # the curator deletes Kane's fact, keeps (reviews) Kane, and reviews only the first fact
    start = text.index("  - id: small-02")
    text = text[:start].rstrip("\n") + "\n"
    text = text.replace("reviewed: false", "reviewed: true")
    path.write_text(text)
    code, said = _cli(small, "promote", "small", "--reviewed")
    assert code == 0, said
    actors = (small.knowledge / "actors.yaml").read_text()
    assert "id: moussa-kane" in actors and "id: aminata-sow" in actors
    assert "promoted 1 new fact(s), 0 restating" in said


def test_promote_names_each_actor_left_behind(small: StoreCopy) -> None:
    path = small.knowledge / "drafts" / "small.yaml"
    text = path.read_text()
    text = re.sub(
        r"(  - id: small-01\n(?:    .*\n)*?    )reviewed: false", r"\1reviewed: true", text
    )
    path.write_text(
        text.replace("reviewed: false  # set to true once checked", "reviewed: true", 1)
    )
    code, said = _cli(small, "promote", "small", "small-01")
    assert code == 0, said
    assert "Proposed actors left in the draft: moussa-kane (not reviewed)" in said


def test_promote_counts_a_restating_fact_apart(small: StoreCopy) -> None:
    """A fact merged as a citation into the fact it restates is no new fact: two counts."""
    path = small.knowledge / "drafts" / "small.yaml"
    text = path.read_text().replace("reviewed: false", "reviewed: true")
    text = text.replace(
        "  - id: small-01\n", "  - id: small-01\n    restates: democracy-off-the-agenda\n"
    )
    path.write_text(text)
    code, said = _cli(small, "promote", "small", "--reviewed")
    assert code == 0, said
    assert "promoted 1 new fact(s), 1 restating fact(s) added as citations" in said
    assert "(small-01 into democracy-off-the-agenda)" in said
    analysis = (small.knowledge / "facts" / "analysis.yaml").read_text()
    assert "source: small" in analysis


def test_an_actor_moves_with_the_proposed_actor_its_part_of_names(small: StoreCopy) -> None:
    """Promoting a fact whose actor is part_of another proposal (no fact uses that one)
    moves both, never "unknown actor" in part_of."""
    path = small.knowledge / "drafts" / "small.yaml"
    text = path.read_text().replace("reviewed: false", "reviewed: true")
    text = text.replace(
        '    name: "Aminata Sow"\n', '    name: "Aminata Sow"\n    part_of: [moussa-kane]\n'
    )
    path.write_text(text)
    code, said = _cli(small, "promote", "small", "small-01")
    assert code == 0, said
    actors = (small.knowledge / "actors.yaml").read_text()
    assert "id: moussa-kane" in actors and "id: aminata-sow" in actors


def test_the_prime_minister_in_apposition_is_a_person(store: FactStore) -> None:
    from bot.curation.names import Names

    names = Names(store, "Sahel Wire")
    names.find("The Prime Minister, Ousmane Baraka Tahirou Diallo, said the corridor would open.")
    (proposal,) = names.proposed.values()
    assert proposal.kind == "person" and proposal.role == "The Prime Minister"


def test_validate_drafts_counts_every_entry_the_file_marks_unreviewed(small: StoreCopy) -> None:
    """An entry the loader cannot read (a claim with no speaker) is still unreviewed."""
    path = small.knowledge / "drafts" / "small.yaml"
    text = path.read_text()
    text = re.sub(r'    by: \["moussa-kane"\]\n', "", text)  # a claim with no one saying it
    path.write_text(text)
    marked = text.count("reviewed: false")
    code, said = _cli(small, "validate", "--drafts")
    assert code == 1
    assert f"drafts/small.yaml {marked}" in said, said


def test_a_misspelt_by_id_gives_one_error_naming_the_near_id(small: StoreCopy) -> None:
    path = small.knowledge / "drafts" / "small.yaml"
    text = path.read_text()
    assert 'by: ["aminata-sow"]' in text
    text = text.replace(
        'by: ["aminata-sow"]', 'by: ["aminata-sew"]\n    words: "the post reopened"'
    )
    text = text.replace("kind: claim", "kind: quote", 1)
    path.write_text(text)
    code, said = _cli(small, "validate", "--drafts")
    assert code == 1
    assert "unknown actor 'aminata-sew'; did you mean aminata-sow?" in said
    assert "must name who said the words" not in said


def test_the_cache_follows_a_knowledge_folder_given_elsewhere(tmp_path: Path) -> None:
    settings = Settings.load(environ={}, env_file=None)
    moved = settings.with_folders(tmp_path / "knowledge", tmp_path / "seeds")
    assert moved.record_cache == tmp_path / ".briefbot-cache"
    named = Settings.load(environ={"BRIEFBOT_CACHE_DIR": str(tmp_path / "c")}, env_file=None)
    assert named.with_folders(tmp_path / "knowledge", None).record_cache == tmp_path / "c"
    assert settings.with_folders(None, None).record_cache == settings.record_cache
