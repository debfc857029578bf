"""Issue 25, the dangerous speaker and kind classes a curator trial found served: a
sentence crediting a named person with the reporter's or guest's own words after ", but";
"Officials here tell me…", "X, a tailor, told me…" credited to the reporter; "The
statement said…" not given to whoever issued the statement; "Some argue…" and an op-ed
author's predictions drafted as background, the author never linked as ``by``; a
presenter's hosting lines and bare transitions drafted as facts. Each tested on articles
of our own writing, never news, one test per class, each failing before its fix."""

from __future__ import annotations

import pytest

from bot.curation.draft import AUTHOR, Candidate, Draft, draft, seed_skips
from bot.curation.ingest import ingest
from bot.store.facts import FactStore
from tests.conftest import StoreCopy

PUBLISHED = "2026-10-16"  # a Friday

RADIO = """Delta Hour: a new road for the Sahel?

PRESENTER: Good evening and welcome to Delta Hour. I'm Mariam Sow. Tonight, the border \
road between Mali and Guinea.

IDRISSA KONE: Thank you, Mariam. In Kayes the lorries are moving again. Customs officers \
here tell me that the last checkpoint was lifted on Tuesday. They say the queue at the \
bridge is now under an hour. One of the drivers, Boubacar, a cattle trader, told me he \
had lost a third of his herd waiting. Others are more hopeful.

PRESENTER: Let's turn now to our guest in Washington. Dr. Awa Ndiaye is a fellow at the Gorée \
Transport Forum. Awa, what changed?

AWA NDIAYE: Quite a lot. That rule is gone. Minister Lamine Diallo told me last month \
that the road fund is full, but nobody has seen the accounts. I think the money will \
arrive late.

PRESENTER: The mood there was the worst in years.

IDRISSA KONE: It was. The governor of Kayes said in a communique on Wednesday that \
convoys would be escorted. The communique added that tolls would be halved.

PRESENTER: Awa Ndiaye in Dakar, Idrissa Kone in Kayes, thank you both. That's all for \
Delta Hour.
"""

WIRE = """Guinea and Mali sign road accord

KAYES, Oct 15 (Sahel Wire) - Guinea's transport minister, Ousmane Barry, signed a road \
accord with Mali on Wednesday, officials said.

Mali's transport minister, Lamine Diallo, welcomed the accord in a statement read on \
national radio on Wednesday evening. The statement said Mali would "open the road to \
every honest trader."

Barry said the first convoys would leave in November, while his deputy said the date \
was not fixed.

Critics say the accord ignores the herders who use the road.
"""

OPED = """The road to Kayes is not a strategy

By Clara Mensah

For a decade, the plan rested on one promise: the road would open once the juntas \
held elections.

Washington has welcomed the new road between Mali and Guinea. In my view, the welcome \
came too early. I think the accord is a gamble.

Human rights advocates are more alarmed. Lawmakers in Washington go further. Some argue \
that the road will help the juntas move troops faster. That is a start.

A road built without audits will be easy for smugglers to capture. I expect the tolls to \
vanish into the army's accounts.

Clara Mensah is a senior fellow at the Harmattan Institute in Accra.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> FactStore:
    copy = StoreCopy(tmp_path_factory.mktemp("speakers"))
    for source_id, text, title, outlet in (
        ("speakers-radio", RADIO, "Delta Hour: a new road for the Sahel?", "Delta FM"),
        ("speakers-wire", WIRE, "Guinea and Mali sign road accord", "Sahel Wire"),
        ("speakers-oped", OPED, "The road to Kayes is not a strategy", "Sahel Review"),
    ):
        ingest(
            text.encode(),
            copy.seeds,
            title=title,
            outlet=outlet,
            published=PUBLISHED,
            source_id=source_id,
        )
    return copy.load()


@pytest.fixture(scope="module")
def radio(store: FactStore) -> Draft:
    return draft(store, "speakers-radio")


@pytest.fixture(scope="module")
def wire(store: FactStore) -> Draft:
    return draft(store, "speakers-wire")


@pytest.fixture(scope="module")
def oped(store: FactStore) -> Draft:
    return draft(store, "speakers-oped")


def candidate(result: Draft, start: str) -> Candidate:
    return next(c for c in result.candidates if start in c.sentence.text)


def left_out(result: Draft, text: str) -> str:
    assert not any(text in c.sentence.text for c in result.candidates), text
    why = next(w for s, w in result.skipped if text in s.text)
    assert any(text in quote for quote, _ in seed_skips(result)), text
    return why


def test_a_reported_clause_then_the_speakers_own_words_is_not_credited_whole(
    radio: Draft, wire: Draft
) -> None:
    """S1: "X told me that A, but nobody has seen B": only A is X's; the sentence is never
    credited to X (blank, marked to split), in a guest's turn never the guest's either;
    "X said A, while his deputy said B": two speakers, none credited the whole."""
    told = candidate(radio, "Minister Lamine Diallo told me last month")
    assert told.by == [] and told.attribution is None
    assert any("split" in note and "nobody has seen" in note for note in told.notes)
    assert "lamine-diallo" in told.actors
    two = candidate(wire, "Barry said the first convoys")
    assert two.by == [] and two.attribution is None
    assert any("split" in note for note in two.notes)


def test_sources_a_reporter_describes_speak_not_the_reporter(radio: Draft) -> None:
    """S2: "Customs officers here tell me…", "Boubacar, a cattle trader, told me…": the
    described source's words (an attribution), never the reporter's (the label's) view;
    "They say" after it: that source, or blank, never the reporter."""
    officers = candidate(radio, "Customs officers here tell me")
    assert officers.by == [] and officers.attribution == "Customs officers here"
    assert officers.kind == "claim"
    trader = candidate(radio, "Boubacar, a cattle trader, told me")
    assert trader.by == [] and trader.attribution == "Boubacar, a cattle trader"
    they = candidate(radio, "They say the queue")
    assert they.by == [] and they.attribution in (None, "Customs officers here")


def test_the_statement_said_is_its_issuers(wire: Draft, radio: Draft) -> None:
    """S3: "X welcomed the accord in a statement … The statement said": X's statement, dated
    as it; "The governor … said in a communique on Wednesday … The communique added": the
    governor's (a description), never the reporter or guest."""
    said = candidate(wire, "The statement said Mali would")
    assert said.by == ["lamine-diallo"]
    assert said.date is not None and said.date["when"] == "2026-10-14"
    added = candidate(radio, "The communique added")
    assert added.by == [] and added.attribution == "The governor of Kayes"


def test_some_argue_and_the_authors_predictions_are_claims_and_analysis(
    oped: Draft, wire: Draft
) -> None:
    """S4: "Some argue that…" is a claim with no speaker (marked), "Critics say…" a claim by
    the critics; in an op-ed the author's predictions ("will be easy", "I expect") are the
    author's analysis, and the author is the byline's person, linked as ``by``."""
    some = candidate(oped, "Some argue that")
    assert some.kind == "claim" and some.by == [] and some.attribution is None
    critics = candidate(wire, "Critics say")
    assert critics.kind == "claim" and critics.attribution == "Critics"
    author = "clara-mensah"
    # a past policy told with "would" is no prediction of the author's
    assert candidate(oped, "For a decade, the plan rested").kind == "background"
    for start in ("A road built without audits", "I expect the tolls", "I think the accord"):
        found = candidate(oped, start)
        assert found.kind == "analysis", start
        assert found.by == [author] and found.attribution in (None, AUTHOR), start
        assert author in found.actors, start


def test_hosting_lines_and_bare_transitions_are_left_out(radio: Draft, oped: Draft) -> None:
    """S5: once a guest has spoken, a presenter's line that reports no one's words and
    gives no date or number is hosting ("Let's bring in our guest", the guest's billing,
    "X, Y, thank you both", "The mood there was…"); a bare line pointing back ("That rule is
    gone.", "That is a start.") or turning to another group's view ("Others are more
    hopeful.", "Human rights advocates are more alarmed.") is a transition: left out and
    listed in skip, in a guest's turn too."""
    for text in (
        "Let's turn now to our guest in Washington.",
        "Dr. Awa Ndiaye is a fellow",
        "thank you both.",
        "The mood there was the worst in years.",
    ):
        assert left_out(radio, text).startswith("a presenter's"), text
    for result, text in (
        (radio, "That rule is gone."),
        (radio, "Others are more hopeful."),
        (oped, "Human rights advocates are more alarmed."),
        (oped, "Lawmakers in Washington go further."),
        (oped, "That is a start."),
    ):
        left_out(result, text)
    # the guest's own views are still drafted, and the guest's body still proposed
    assert candidate(radio, "I think the money will arrive late").by == ["awa-ndiaye"]
    assert any(p.name == "Gorée Transport Forum" for p in radio.proposed)
