"""Every answer is traceable: each citation is a verbatim span of its source."""

from __future__ import annotations

import pytest

from bot.answers.commandset import ask
from bot.store.facts import FactStore

LINES = [
    "/brief",
    *[
        f"/brief topic:{t}"
        for t in (
            "security",
            "russia",
            "europe",
            "democracy",
            "minerals",
            "ecowas",
            "us shift",
            "drivers",
        )
    ],
    "/timeline",
    "/timeline actor:Laessing",
    "/timeline topic:security since:2025",
    "/search democracy",
    "/search military cooperation Niger",
    "/sources",
    "/sources source:us-shifts-strategy",
    "/sources source:checker-bamako-visit",
]


def all_lines(store: FactStore) -> list[str]:
    return LINES + [f"/actor name:{a.id}" for a in store.actors.values()]


def test_every_citation_of_every_answer_is_verbatim(store: FactStore) -> None:
    checked = 0
    for line in all_lines(store):
        response = ask(store, line)
        assert response.ok, (line, response.error)
        numbers = {c.number for c in response.citations}
        assert numbers == set(range(1, len(numbers) + 1)), line
        for ref in response.citations:
            text = store.sources[ref.source].text
            assert text[ref.start : ref.end] == ref.quote, (line, ref)
            assert ref.quote in text
            checked += 1
        for sec in response.sections:
            for item in sec.items:
                assert set(item.cites) <= numbers, (line, item)
                if item.fact:
                    assert item.cites, (line, item)
    assert checked > 300


@pytest.mark.parametrize("command", ["brief", "actor", "timeline", "search"])
def test_statements_carry_citations(store: FactStore, command: str) -> None:
    line = {
        "brief": "/brief",
        "actor": "/actor Bazoum",
        "timeline": "/timeline",
        "search": "/search Bamako",
    }[command]
    response = ask(store, line)
    items = [i for s in response.sections for i in s.items]
    assert items and all(i.cites for i in items), line


def test_every_fact_cites_every_source_it_rests_on(store: FactStore) -> None:
    corroborated = [f.id for f in store.facts.values() if f.corroborated]
    assert {
        "coups-2020-2023",
        "biden-cuts-military-cooperation",
        "checker-visits-bamako",
        "bazoum-still-detained",
        "bureau-signals-openness",
        "democracy-off-the-agenda",
    } <= set(corroborated)
