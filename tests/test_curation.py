"""Curator tools on fictional fixture articles written for these tests (never news)."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.curation.consistency import date_conflicts
from bot.curation.coverage import coverage
from bot.curation.draft import draft, render_yaml
from bot.curation.ingest import IngestError, ingest
from bot.curation.promote import PromoteError, promote
from bot.reading.loader import load_store
from bot.records.dates import FuzzyDate
from bot.records.errors import StoreInvalid
from bot.records.sentences import split
from bot.store.facts import FactStore
from tests.conftest import ROOT, StoreCopy, find_date

FIXTURES = ROOT / "tests" / "fixtures"
VELORIA = (FIXTURES / "veloria.txt").read_bytes()
SAHEL = (FIXTURES / "sahel-fiction.txt").read_bytes()


# --- sentences ---------------------------------------------------------------------------

TRICKY = """Fictional Ministry Resumes Talks

The minister, Abdoulaye Diop, hosted Nick
Checker in Bamako on Monday. Gen. Amara Kone of
the U.S. Army said “We will stay.” Then he left.
Officials said the talks went well, but
nothing was signed. J. R. Osei — a U.N. adviser — agreed, at 9 a.m. sharp.
“Will it last?” asked one. “No,” said another.
"""


def test_sentences_survive_abbreviations_quotes_dashes_and_wrapped_names() -> None:
    sentences = split(TRICKY)
    assert [" ".join(s.text.split()) for s in sentences] == [
        "Fictional Ministry Resumes Talks",
        "The minister, Abdoulaye Diop, hosted Nick Checker in Bamako on Monday.",
        "Gen. Amara Kone of the U.S. Army said “We will stay.”",
        "Then he left.",
        "Officials said the talks went well, but nothing was signed.",
        "J. R. Osei — a U.N. adviser — agreed, at 9 a.m. sharp.",
        "“Will it last?” asked one.",
        "“No,” said another.",
    ]
    assert sentences[0].heading and not any(s.heading for s in sentences[1:])
    for sentence in sentences:
        assert TRICKY[sentence.start : sentence.end] == sentence.text


def test_one_paragraph_per_line_makes_each_line_a_block() -> None:
    text = "Sahel state’s strained ties with the EU\nThose missteps coincided with a split.\n"
    sentences = split(text)
    assert [s.heading for s in sentences] == [True, False]


def test_the_seed_articles_split_into_their_sentences(store: FactStore) -> None:
    second = split(store.sources["checker-bamako-visit"].text)
    assert len(second) == 23
    assert second[7].text.startswith("“It is clear that the Americans")
    assert second[7].text.endswith("office in Mali.")


# --- dates ---------------------------------------------------------------------------------

DAY = FuzzyDate.parse("2025-11-20")  # a Thursday
MONTH = FuzzyDate.parse("2026-01")


@pytest.mark.parametrize(
    ("sentence", "published", "when", "relative"),
    [
        ("In October, 2025, Boulos spoke.", MONTH, "2025-10", False),
        ("It happened on 3 December 2025 at night.", MONTH, "2025-12-03", False),
        ("It happened on December 3, 2025.", MONTH, "2025-12-03", False),
        ("Coups took place between 2020 and 2023.", MONTH, "2020..2023", False),
        ("The vote was held in 2023.", MONTH, "2023", False),
        ("The shift was underscored on Monday.", DAY, "2025-11-17", True),
        ("The shift was underscored on Monday.", MONTH, "2026-01", True),
        ("An attack last week was repelled.", DAY, "2025-W46", True),
        # published in January, on an unknown day: last week may have been in December
        ("An attack last week was repelled.", MONTH, "2025-12..2026-01", True),
        ("Talks began last month.", MONTH, "2025-12", True),
        ("Talks began last month.", DAY, "2025-10", True),
        ("They met in October.", DAY, "2025-10", True),
        ("They met in December.", DAY, "2024-12", True),
        ("Prices rose last year.", MONTH, "2025", True),
    ],
)
def test_dates_are_normalised_against_the_publication_date(
    sentence: str, published: FuzzyDate, when: str, relative: bool
) -> None:
    found = find_date(sentence, published)
    assert found is not None
    assert (str(found.when), found.relative) == (when, relative)
    assert found.phrase in sentence


FRIDAY = FuzzyDate.parse("2026-01-30")
MONDAY = FuzzyDate.parse("2026-02-02")


@pytest.mark.parametrize(
    ("sentence", "published", "when"),
    [
        ("The junta said on Friday it would act.", FRIDAY, "2026-01-30"),  # not the 23rd
        ("The junta said on Monday it would act.", MONDAY, "2026-02-02"),  # not 26 January
        ("The junta said on Thursday it would act.", FRIDAY, "2026-01-29"),
        ("The junta said last Monday it would act.", MONDAY, "2026-02-02"),
        ("Officers met between January 29 and 30 in Bamako.", FRIDAY, "2026-01-29..2026-01-30"),
        ("Officers met between 26 and 28 January in Bamako.", FRIDAY, "2026-01-26..2026-01-28"),
        ("BAMAKO, Jan 30 (Sahel Wire) - The junta spoke.", FRIDAY, "2026-01-30"),
        ("Officers met on December 28 in Bamako.", FRIDAY, "2025-12-28"),
        # a range of months is kept whole, never collapsed to its last month
        ("Blockades between September and November 2025 hit Bamako.", FRIDAY, "2025-09..2025-11"),
        ("From March to May 2024 the talks stalled.", FRIDAY, "2024-03..2024-05"),
        ("Between November and February 2025 it was dry.", FRIDAY, "2024-11..2025-02"),
    ],
)
def test_weekdays_and_days_resolve_on_or_before_publication(
    sentence: str, published: FuzzyDate, when: str
) -> None:
    found = find_date(sentence, published)
    assert found is not None and str(found.when) == when


def test_a_day_after_publication_without_a_year_is_left_undated() -> None:
    assert find_date("The team will visit between February 9 and 11.", FRIDAY) is None


def test_relative_dates_need_a_publication_date() -> None:
    assert find_date("It happened on Monday.", None) is None
    assert find_date("Nothing is dated here.", MONTH) is None
    impossible = find_date("On 31 February 2025 it snowed.", MONTH)
    assert impossible is not None and str(impossible.when) == "2025-02"  # no such day


# --- ingest ----------------------------------------------------------------------------------


def test_ingest_writes_the_text_exactly_with_a_valid_header(copy: StoreCopy) -> None:
    path = ingest(
        VELORIA,
        copy.seeds,
        title="Veloria Reopens Its Northern Border",
        published="2025-11-20",
        outlet=None,
        url=None,
    )
    assert path.name == "veloria-reopens-northern-border.md"
    raw = path.read_bytes()
    assert raw.endswith(VELORIA)
    assert f'sha256: "{hashlib.sha256(VELORIA).hexdigest()}"'.encode() in raw
    source = copy.load().sources["veloria-reopens-northern-border"]
    assert source.text.encode() == VELORIA
    assert source.outlet is None and source.url is None
    assert source.published is not None and str(source.published.date) == "2025-11-20"


def test_ingest_refuses_a_duplicate_naming_the_existing_source(copy: StoreCopy) -> None:
    ingest(VELORIA, copy.seeds, title="Veloria")
    reflowed = b"  " + VELORIA.replace(b"\n", b"\n\n").upper()
    with pytest.raises(IngestError, match=r"already in the store as veloria\.md"):
        ingest(reflowed, copy.seeds, title="Again")
    seed = (copy.seeds / "us-shifts-strategy.md").read_bytes()
    with pytest.raises(IngestError, match=r"us-shifts-strategy\.md"):
        ingest(seed[seed.index(b"\n---\n", 3) + 5 :], copy.seeds, title="Copy")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        ("caf\u00e9".encode("latin-1"), "not UTF-8"),
    ],
)
def test_ingest_refuses_empty_or_binary_input(copy: StoreCopy, raw: bytes, message: str) -> None:
    before = sorted(copy.seeds.iterdir())
    with pytest.raises(IngestError, match=message):
        ingest(raw, copy.seeds, title="Nothing")
    assert sorted(copy.seeds.iterdir()) == before


def test_ingest_checks_the_metadata(copy: StoreCopy) -> None:
    with pytest.raises(IngestError, match="--published"):
        ingest(VELORIA, copy.seeds, title="Veloria", published="Nov 2025")
    with pytest.raises(IngestError, match="reasoning"):
        ingest(VELORIA, copy.seeds, title="Veloria", published="2025-11", estimated=True)
    assert not (copy.seeds / "veloria.md").exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"published": "2027-01-05"}, r"after today \(2026-12-03\)"),
        ({"published": "2026-12-04"}, "cannot be published in the future"),
        ({"published": "2025-11", "reasoning": "dateline"}, "add --estimated"),
        ({"estimated": True, "reasoning": "dateline"}, "give --published too"),
        ({"reasoning": "dateline"}, "give --published too"),
    ],
)
def test_ingest_refuses_a_publication_date_it_cannot_stand_behind(
    copy: StoreCopy, options: dict[str, Any], message: str
) -> None:
    """A date after today is a typo, not an article; a reason for an estimate that is not
    one, or an estimate of no date, would be served as the source's date."""
    with pytest.raises(IngestError, match=message):
        ingest(VELORIA, copy.seeds, title="Veloria", today=date(2026, 12, 3), **options)
    assert not (copy.seeds / "veloria.md").exists()
    # the day itself, or this month, is fine
    ingest(VELORIA, copy.seeds, title="Veloria", published="2026-12", today=date(2026, 12, 3))


# --- draft -----------------------------------------------------------------------------------


@pytest.fixture
def veloria(copy: StoreCopy) -> StoreCopy:
    ingest(
        VELORIA,
        copy.seeds,
        title="Veloria Reopens Its Northern Border",
        published="2025-11-20",
        source_id="veloria",
    )
    return copy


def write_draft(copy: StoreCopy, source_id: str, *, reviewed: bool = True) -> Path:
    """Draft a source; ``reviewed`` stands for the curator clearing every entry."""
    result = draft(copy.load(), source_id)
    path = copy.knowledge / "drafts" / f"{source_id}.yaml"
    path.parent.mkdir(exist_ok=True)
    text = render_yaml(result)
    if reviewed:
        text = text.replace("reviewed: false", "reviewed: true")
    path.write_text(text, encoding="utf-8")
    return path


def test_drafts_are_valid_verbatim_and_never_served(veloria: StoreCopy) -> None:
    write_draft(veloria, "veloria")
    served = veloria.load()
    assert not [f for f in served.facts if f.startswith("veloria-")]
    checked = load_store(veloria.knowledge, veloria.seeds, include_drafts=True)
    drafted = [f for f in checked.facts.values() if f.id.startswith("veloria-")]
    assert len(drafted) == 10
    text = checked.sources["veloria"].text
    for fact in drafted:
        for citation in fact.citations:
            assert checked.quoted(citation) == citation.quote
            assert citation.quote in text


def test_draft_finds_speakers_dates_and_new_actors(veloria: StoreCopy) -> None:
    result = draft(veloria.load(), "veloria")
    flat = {" ".join(c.sentence.text.split()): c for c in result.candidates}

    class Prefixes(dict[str, object]):
        def __getitem__(self, prefix: str) -> Any:
            return next(c for text, c in flat.items() if text.startswith(prefix))

    by_text = Prefixes()
    okonde = by_text["“We are ready to welcome trader"]
    assert (okonde.kind, okonde.by, okonde.words) == (
        "quote",
        ["mira-okonde"],
        "We are ready to welcome traders again",
    )
    tuesday = by_text["The Republic of Veloria reopene"]
    assert tuesday.attribution == "the interior ministry"
    assert tuesday.date == {"when": "2025-11-18", "phrase": "on Tuesday", "relative": True}
    arvel = by_text["Gen. Tomas Arvel, who heads the"]
    assert arvel.by == ["tomas-arvel"] and "at least 40 crossings" in arvel.sentence.text
    assert by_text["Relations between Veloria and "].date == {
        "when": "2019..2024",
        "phrase": "between 2019 and 2024",
    }
    assert by_text["According to Okonde, the U.S. "].by == ["mira-okonde"]
    assert "united-states" in by_text["According to Okonde, the U.S. "].actors
    assert by_text["Analysts warn that smuggling c"].attribution == "Analysts"
    proposed = {a.name: a.kind for a in result.proposed}
    assert proposed["Tomas Arvel"] == "person" and proposed["Lena Sorvik"] == "person"
    assert proposed["Institute for Border Studies"] == "organisation"
    assert proposed["Republic of Veloria"] == "state"
    assert not {"Gen", "Relations", "Last", "Okonde", "Arvel"} & set(proposed)


def test_draft_finds_known_actors_by_alias_and_spelling_variant(copy: StoreCopy) -> None:
    ingest(
        SAHEL,
        copy.seeds,
        title="Fictional test text",
        title_assigned=True,
        published="2026-01",
        estimated=True,
        reasoning="a test fixture",
        source_id="fiction",
    )
    result = draft(copy.load(), "fiction")
    actors = [set(c.actors) for c in result.candidates]
    assert "mohamed-bazoum" in actors[1]  # "Bazum", misspelt
    assert {"us-state-department", "alliance-of-sahel-states"} <= actors[2]
    assert "jnim" in actors[3]
    lessing = result.candidates[3]
    assert lessing.by == ["ulf-laessing"]  # "Lessing", misspelt, after "according to"
    assert lessing.date == {"when": "2025-12", "phrase": "last month", "relative": True}
    assert result.candidates[1].date == {"when": "2025-12-03", "phrase": "On 3 December 2025"}
    assert result.candidates[2].words == "watching the case closely"


# --- promote ---------------------------------------------------------------------------------


def test_promote_moves_entries_with_their_actors(veloria: StoreCopy) -> None:
    drafts = write_draft(veloria, "veloria")
    facts, actors = promote(
        veloria.knowledge, veloria.seeds, "veloria", ["veloria-04", "veloria-07"]
    )
    assert facts == ["veloria-04", "veloria-07"]
    assert set(actors) == {"mira-okonde", "republic-of-veloria", "coastal-union"}
    store = veloria.load()
    assert {"veloria-04", "veloria-07"} <= set(store.facts)
    assert store.facts["veloria-04"].by == ("mira-okonde",)
    assert "veloria-04" not in drafts.read_text()
    assert load_store(veloria.knowledge, veloria.seeds, include_drafts=True)
    promote(veloria.knowledge, veloria.seeds, "veloria", None)
    assert not drafts.exists()  # everything promoted: no empty drafts file left behind
    assert len([f for f in veloria.load().facts if f.startswith("veloria-")]) == 10


def test_promote_takes_the_last_entry_out_of_a_draft_with_no_final_newline(
    veloria: StoreCopy,
) -> None:
    """An editor that saves no final newline: the last fact was promoted and also left in
    the draft, a duplicate id only `validate --drafts` reported."""
    drafts = write_draft(veloria, "veloria")
    drafts.write_text(drafts.read_text().rstrip("\n"))
    last = [line for line in drafts.read_text().splitlines() if "- id: veloria-" in line][-1]
    last_id = last.split("id:", 1)[1].strip()
    promote(veloria.knowledge, veloria.seeds, "veloria", [last_id])
    assert last_id not in drafts.read_text()
    assert last_id in veloria.load().facts
    assert load_store(veloria.knowledge, veloria.seeds, include_drafts=True)  # no duplicate
    promote(veloria.knowledge, veloria.seeds, "veloria", None)
    assert not drafts.exists()


def test_promote_changes_nothing_when_the_result_is_invalid(veloria: StoreCopy) -> None:
    drafts = write_draft(veloria, "veloria")
    drafts.write_text(drafts.read_text().replace("welcome traders again", "welcome them"))
    before = {p: p.read_bytes() for p in veloria.knowledge.rglob("*") if p.is_file()}
    with pytest.raises(PromoteError) as caught:
        promote(veloria.knowledge, veloria.seeds, "veloria", ["veloria-04"])
    assert any("quote not found" in p.message or p.field == "words" for p in caught.value.problems)
    entry = drafts.read_text().splitlines().index("  - id: veloria-04") + 1
    assert {(p.file, p.line) for p in caught.value.problems if p.record == "veloria-04"} == {
        ("drafts/veloria.yaml", entry)  # where the curator edits it, not facts/veloria.yaml
    }
    after = {p: p.read_bytes() for p in veloria.knowledge.rglob("*") if p.is_file()}
    assert after == before
    with pytest.raises(PromoteError, match="Not in the draft: veloria-99"):
        promote(veloria.knowledge, veloria.seeds, "veloria", ["veloria-99"])
    with pytest.raises(PromoteError, match="no draft"):
        promote(veloria.knowledge, veloria.seeds, "us-shifts-strategy", None)


# --- coverage --------------------------------------------------------------------------------


def test_both_seed_articles_are_fully_covered(store: FactStore) -> None:
    for report in coverage(store):
        assert report.complete, [s.text for s in report.uncited]
        assert all(reason for _, reason in report.skipped)
    skipped = {s.text for r in coverage(store) for s, _ in r.skipped}
    assert "What’s in it for US?" in skipped


def test_coverage_lists_what_is_no_longer_cited(copy: StoreCopy) -> None:
    analysis = copy.knowledge / "facts" / "analysis.yaml"
    text = analysis.read_text()
    start = text.index("  - id: europe-fresh-challenges")
    end = text.index("  - id: europe-influence-waning")
    analysis.write_text(text[:start] + text[end:])
    topics = copy.knowledge / "topics.yaml"
    topics.write_text(topics.read_text().replace("      - europe-fresh-challenges\n", ""))
    report = next(r for r in coverage(copy.load()) if r.source.id == "checker-bamako-visit")
    assert [s.text for s in report.uncited] == [
        "For Europe, the recalibration presents fresh challenges."
    ]
    line = report.line_of(report.uncited[0])
    shown = (copy.seeds / "checker-bamako-visit.md").read_text().splitlines()[line - 1]
    assert shown.startswith("For Europe, the recalibration presents fresh challenges.")


def test_nothing_unreviewed_is_promoted_or_served(veloria: StoreCopy) -> None:
    drafts = write_draft(veloria, "veloria", reviewed=False)
    with pytest.raises(StoreInvalid) as caught:
        load_store(veloria.knowledge, veloria.seeds, include_drafts=True)
    assert {p.field for p in caught.value.problems} == {"reviewed"}
    with pytest.raises(
        PromoteError,
        match="Not reviewed yet: veloria-04, actor republic-of-veloria, actor mira-okonde",
    ):
        promote(veloria.knowledge, veloria.seeds, "veloria", ["veloria-04"])
    with pytest.raises(PromoteError, match="No draft fact is reviewed yet"):
        promote(veloria.knowledge, veloria.seeds, "veloria", None, reviewed_only=True)
    text = drafts.read_text()
    cleared = text.replace("reviewed: false", "reviewed: true", 1)  # the first actor
    block = cleared.index("  - id: veloria-04")
    after = cleared.index("reviewed: false", block)
    cleared = cleared[:after] + "reviewed: true" + cleared[after + len("reviewed: false") :]
    drafts.write_text(cleared)
    with pytest.raises(PromoteError, match="actor mira-okonde"):  # it names an unchecked actor
        promote(veloria.knowledge, veloria.seeds, "veloria", None, reviewed_only=True)
    drafts.write_text(text.replace("reviewed: false", "reviewed: true"))
    facts, _ = promote(veloria.knowledge, veloria.seeds, "veloria", ["veloria-04"])
    assert facts == ["veloria-04"]
    served = (veloria.knowledge / "facts" / "veloria.yaml").read_text()
    assert "reviewed" not in served  # the mark stays in the drafts
    promote(veloria.knowledge, veloria.seeds, "veloria", None)
    assert not drafts.exists()  # no empty drafts file left behind


ORVIA = (FIXTURES / "orvia.txt").read_bytes()


def test_drafted_speakers_are_the_ones_the_sentence_names(copy: StoreCopy) -> None:
    """Classes of misattribution: a slogan credited to whoever mentions it, anonymous
    speakers turned into their countries, a conjunction or pronoun as the speaker, and an
    adjective proposed as an organisation."""
    ingest(ORVIA, copy.seeds, title="Orvia talks", published="2025-11", source_id="orvia")
    result = draft(copy.load(), "orvia")
    by_text = {
        c.sentence.text.split()[0] + " " + c.sentence.text.split()[1]: c for c in result.candidates
    }
    slogan = by_text["Foreign minister"]
    # "ports, not pledges" is Velt's: no quote; a foreign minister's words: a statement (issue 25)
    assert slogan.words is None and slogan.kind == "statement"
    assert any("not the speaker's (President Ada Velt's)" in n for n in slogan.notes)
    veloran = by_text["A Veloran"]
    assert veloran.attribution == "A Veloran diplomat" and veloran.by == []
    assert veloran.date == {"when": "2025-11", "relative": True}  # said: dated, not left bare
    embassy = by_text["A diplomat"]
    assert embassy.attribution == "A diplomat at the Orvian embassy in Tesk" and embassy.by == []
    assert embassy.words == "on the edge of a new crisis"
    sorvik = by_text["Lena Sorvik"]
    she = next(c for c in result.candidates if c.sentence.text.startswith("She added"))
    assert sorvik.by and she.by == sorvik.by  # "she" is the speaker of the sentence before
    last = by_text["American companies"]
    assert last.by == ["veloria", "orvia"] and last.attribution is None  # never "and"
    assert "American" not in {p.name for p in result.proposed}


RESTATING = (FIXTURES / "wire.txt").read_bytes()


def test_a_restatement_becomes_a_further_citation_not_a_second_fact(copy: StoreCopy) -> None:
    ingest(RESTATING, copy.seeds, title="Envoy visit", published="2026-02", source_id="wire")
    result = draft(copy.load(), "wire")
    visit, harvest, remark = result.candidates
    assert visit.restates == "checker-visits-bamako"
    assert harvest.restates is None
    assert remark.attribution == "A Malian diplomat" and remark.by == []
    # no phrase of its own: the publication's date, never borrowed from the visit before
    assert remark.date == {"when": "2026-02", "relative": True}
    assert any("publication" in n for n in remark.notes)
    drafts = write_draft(copy, "wire")
    assert "restates: checker-visits-bamako" in drafts.read_text()
    facts, _ = promote(copy.knowledge, copy.seeds, "wire", ["wire-01"])
    assert facts == ["wire-01"]
    store = copy.load()
    assert "wire-01" not in store.facts  # no duplicate fact...
    visit_fact = store.facts["checker-visits-bamako"]
    assert "wire" in visit_fact.sources  # ...a further source for the existing one
    assert len(visit_fact.sources) == 3


def test_one_event_dated_differently_by_two_sources_is_a_warning(copy: StoreCopy) -> None:
    copy.write(
        "knowledge/facts/again.yaml",
        "facts:\n  - id: diop-hosts-checker-january\n    kind: event\n"
        "    text: Mali's foreign minister Abdoulaye Diop hosted Nick Checker in Bamako.\n"
        "    actors: [abdoulaye-diop, nick-checker]\n"
        '    date: {when: "2026-01", relative: true}\n'
        "    citations:\n      - source: us-shifts-strategy\n"
        "        quote: Nick Checker, head of its Bureau of African Affairs, would visit\n",
    )
    [warning] = date_conflicts(copy.load())
    assert {warning.first, warning.second} == {
        "checker-visits-bamako",
        "diop-hosts-checker-january",
    }
    assert "January 2026" in warning.message and "February 2026" in warning.message
    assert date_conflicts(load_store(ROOT / "knowledge", ROOT / "seeds")) == []


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Amnesty International", "organisation"),
        ("Human Rights Watch", "organisation"),
        ("Sahel Relief Partners", "organisation"),
        ("Fatou Keita", "person"),
    ],
)
def test_a_proposed_actors_kind_is_guessed_from_its_words(name: str, kind: str) -> None:
    from bot.curation.names import guess_kind

    assert guess_kind(name) == kind


@pytest.mark.parametrize(
    ("found", "name"),
    [
        ("Russian-backed Africa Corps", "Africa Corps"),
        ("Bamako-based Daouda Maiga", "Daouda Maiga"),
        ("Junta-led Transitional Council", "Transitional Council"),
    ],
)
def test_a_proposed_name_loses_the_adjective_before_it(found: str, name: str) -> None:
    from bot.curation.names import _trim

    assert _trim(found) == name
