"""Issue 25, eighth round: the classes of error a fourth held-out curator trial showed
(a body's name with a serial comma list split into a junk speaker, a generic embassy
linked to a known one in another city), each tested here on an article of our own,
never news, one test per class."""

from __future__ import annotations

import pytest

from bot.curation.draft import Candidate, Draft, draft
from bot.curation.ingest import ingest
from tests.conftest import StoreCopy

ARTICLE = """NIAMEY, April 9, 2026 - The ferry across the river stopped on Tuesday.

The Interior Ministry's Office of Roads, Bridges, and Ferries said in a notice that \
the crossing would stay shut.

A convoy of lorries is due in Niamey on 20 April, the American embassy said.
"""


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Draft:
    copy = StoreCopy(tmp_path_factory.mktemp("eighth"))
    ingest(
        ARTICLE.encode(),
        copy.seeds,
        title="Ferry stops on the river",
        outlet="River Review",
        published="2026-04-09",  # a Thursday
        source_id="eighth",
    )
    return draft(copy.load(), "eighth")


def candidate(result: Draft, start: str) -> Candidate:
    return next(c for c in result.candidates if start in c.sentence.text)


def test_a_name_with_a_serial_comma_list_is_one_body(drafted: Draft) -> None:
    """ "X's Office of A, B, and C said": one body speaks, never "C" alone, never the
    name cut into "Office of A" and "C"."""
    found = candidate(drafted, "Office of Roads")
    assert found.by == ["interior-ministry-s-office-of-roads-bridges-and-ferries"], found.by
    names = {p.name for p in drafted.proposed}
    assert not {"Ferries", "Office of Roads"} & names, names


def test_a_generic_embassy_is_not_linked_to_one_in_another_city(drafted: Draft) -> None:
    """ "the American embassy said" in a story placed in Niamey: not the store's embassy
    in Bamako; blank with a check."""
    found = candidate(drafted, "the American embassy said")
    assert "us-embassy-bamako" not in found.by + found.actors
    assert any("embassy" in n for n in found.notes), found.notes
