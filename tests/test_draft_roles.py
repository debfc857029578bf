"""A proposed actor's role from the article's own words: an appositive with a rank between
it and the name ("a customs spokesman, Major X,"), and an opinion piece's bio line ("X is a
fellow at Y."); a capital acting after an aside ("Bamako, for its part, tells…"). Articles
of our own writing."""

from __future__ import annotations

import pytest

from bot.curation.draft import Draft, draft
from bot.curation.ingest import ingest
from tests.conftest import StoreCopy

WIRE = """Customs posts reopen on the Niger border

NIAMEY, Nov 20 (Sahel Wire) - Niger reopened two customs posts on Thursday, a customs \
spokesman, Major Issoufou Garba, said on state radio.

Hauliers welcomed the move, said Halima Sow, who runs a transport firm in Dosso.
"""

OPED = """The border is the test

By Marta Kowalczyk

Marta Kowalczyk is a senior fellow at the Danube Centre for African Studies.

Reopening customs posts will not by itself bring the traders back, and Niamey knows it.

Bamako, for its part, tells every visitor that the border is safe.
"""


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Draft]:
    copy = StoreCopy(tmp_path_factory.mktemp("roles"))
    for source_id, text, outlet in (
        ("roles-wire", WIRE, "Sahel Wire"),
        ("roles-oped", OPED, "Sahel Review"),
    ):
        ingest(
            text.encode(),
            copy.seeds,
            title=text.splitlines()[0],
            outlet=outlet,
            published="2026-11-21",
            source_id=source_id,
        )
    store = copy.load()
    return {s: draft(store, s) for s in ("roles-wire", "roles-oped")}


def roles(result: Draft) -> dict[str, str]:
    return {p.name: p.role for p in result.proposed}


def test_a_rank_between_the_appositive_and_the_name_keeps_the_role(
    drafted: dict[str, Draft],
) -> None:
    assert roles(drafted["roles-wire"])["Issoufou Garba"] == "a customs spokesman"


def test_a_relative_clause_is_no_role(drafted: dict[str, Draft]) -> None:
    assert roles(drafted["roles-wire"]).get("Halima Sow", "") == ""


def test_an_opinion_pieces_bio_line_gives_its_authors_role(drafted: dict[str, Draft]) -> None:
    role = roles(drafted["roles-oped"])["Marta Kowalczyk"]
    assert role == "a senior fellow at the Danube Centre for African Studies"


def test_a_capital_acting_after_an_aside_stands_for_its_state(drafted: dict[str, Draft]) -> None:
    told = next(c for c in drafted["roles-oped"].candidates if "for its part" in c.sentence.text)
    assert "mali" in told.actors
