"""Every command's content on the real store."""

from __future__ import annotations

import pytest

from bot.answers import queries
from bot.answers.response import Response
from bot.records.errors import InvalidCommand, InvalidDate, NotFound
from bot.store.facts import FactStore


def facts_in(response: Response) -> list[str]:
    """Every fact an answer rests on, in order (a brief's bullet may rest on several)."""
    return [f for s in response.sections for i in s.items for f in (i.facts or (i.fact,)) if f]


def section(response: Response, title: str) -> list[str]:
    for s in response.sections:
        if s.title.startswith(title):
            return [i.text for i in s.items]
    raise AssertionError(f"no section {title!r} in {[s.title for s in response.sections]}")


def test_brief_without_topic_is_the_overviews_lead(store: FactStore) -> None:
    response = queries.brief(store)
    assert response.ok and response.title == "The situation"
    assert [s.title for s in response.sections] == ["In brief", "What to watch"]
    assert facts_in(response)[0] == "us-declares-policy-shift"
    assert any("/brief topic:overview more:true" in n for n in response.notes)
    assert any("security" in n for n in response.notes)


def test_brief_more_lists_every_fact_on_the_topic(store: FactStore) -> None:
    response = queries.brief(store, more=True)
    ids = facts_in(response)
    assert ids[0] == "us-declares-policy-shift"
    assert {"checker-visits-bamako", "coups-2020-2023", "aes-formed"} <= set(ids)
    assert len(ids) == len(set(ids)) > 20


@pytest.mark.parametrize(
    ("topic", "title", "must_have"),
    [
        ("security", "Security and insurgency", "fuel-convoy-attack"),
        ("Russia", "Russia", "russia-claims-joint-action"),
        ("europe", "Europe and France", "laessing-crises-without-eu"),
        ("human rights", "Democracy and human rights", "boulos-le-monde"),
        ("minerals", "Economics and minerals", "laessing-mining-companies"),
        ("ECOWAS", "Regional alignment: ECOWAS and the AES", "aes-formed"),
        ("us shift", "The US policy shift", "usaid-shuttered"),
        ("securty", "Security and insurgency", "niamey-airport-attack"),
    ],
)
def test_brief_topics(store: FactStore, topic: str, title: str, must_have: str) -> None:
    response = queries.brief(store, topic)
    assert response.title == title
    assert must_have in facts_in(response)


def test_brief_lists_tagged_facts_after_the_summary(store: FactStore) -> None:
    response = queries.brief(store, "us-shift", more=True)
    assert [s.title for s in response.sections] == ["Summary", "More on this topic"]
    assert "niger-key-security-partner" in facts_in(response)


def test_unknown_topic_falls_back_to_matching_facts_and_says_so(store: FactStore) -> None:
    response = queries.brief(store, "fuel convoy")
    assert response.ok
    assert response.notes[0] == "No topic is called “fuel convoy”; these facts match it instead."
    assert facts_in(response)[0] == "fuel-convoy-attack"


def test_unknown_topic_with_no_matching_fact_lists_topics(store: FactStore) -> None:
    with pytest.raises(NotFound) as caught:
        queries.brief(store, "Wagner")
    assert "Security and insurgency" in caught.value.suggestions


def test_actor_profile_has_role_quotes_relations_timeline_and_sources(store: FactStore) -> None:
    response = queries.actor(store, "Laessing")
    assert response.title == "Ulf Laessing"
    assert section(response, "Who") == [
        "Ulf Laessing: Head of the Konrad Adenauer Foundation office in Mali"
    ]
    said = section(response, "Said")
    assert any(
        "said: “It is clear that the Americans are not concerned about democracy" in s for s in said
    )
    assert any("“Major crises are taking place without the EU”" in s for s in said)
    # "heads the Mali office of Konrad Adenauer Foundation" says what "Who" says: left out
    assert "Related actors" not in [s.title for s in response.sections]
    title = store.sources["checker-bamako-visit"].title
    assert section(response, "Sources") == [f"{title} (5 facts above)"]


def test_actor_profile_shows_relations_from_both_sides(store: FactStore) -> None:
    related = section(queries.actor(store, "Bazoum"), "Related actors")
    assert related == ["Reed Brody: one of the lawyers representing Mohamed Bazoum"]
    # Diop's "who" already says he hosted Checker, from the same sentence: not repeated
    diop = queries.actor(store, "Abdoulaye Diop")
    assert "Related actors" not in [s.title for s in diop.sections]
    assert "Nick Checker: hosted in Bamako by Abdoulaye Diop" in section(
        queries.actor(store, "Checker"), "Related actors"
    )


def test_actor_timeline_is_chronological_with_source_phrases(store: FactStore) -> None:
    response = queries.actor(store, "Nick Checker")
    items = next(s for s in response.sections if s.title == "Timeline").items
    assert [i.fact for i in items] == [
        "visit-announced",
        "checker-visits-bamako",
        "malian-diplomat-counterterrorism",
    ]
    assert items[1].date == "February 2026 (est.)"
    assert items[1].date_phrase == "on Monday"


def test_attributed_facts_are_labelled_with_who_says_them(store: FactStore) -> None:
    said = next(s for s in queries.actor(store, "Boulos").sections if s.title == "Said")
    item = said.items[0]
    assert item.label == "statement · Massad Boulos"
    assert (item.date, item.date_phrase) == ("October 2025", "In October, 2025")
    analysis = next(
        i
        for i in queries.brief(store, "minerals").sections[0].items
        if i.fact == "no-minerals-deals"
    )
    assert analysis.label == "analysis · Analysts"


def test_corroborated_fact_keeps_both_wordings(store: FactStore) -> None:
    response = queries.search(store, "Biden military cooperation")
    item = response.sections[0].items[0]
    assert item.fact == "biden-cuts-military-cooperation"
    quotes = {response.citations[n - 1].quote for n in item.cites}
    assert any("had halted military co-operation" in q for q in quotes)
    assert any("to suspend or restrict military cooperation" in q for q in quotes)


def test_numbers_keep_the_source_wording(store: FactStore) -> None:
    response = queries.search(store, "drivers killed")
    assert "at least 15 drivers" in response.sections[0].items[0].text


def test_timeline_is_chronological_and_never_over_precise(store: FactStore) -> None:
    response = queries.timeline(store)
    ids = facts_in(response)
    assert (
        ids.index("coups-2020-2023")
        < ids.index("trump-returns")
        < ids.index("boulos-le-monde")
        < ids.index("checker-visits-bamako")
    )
    assert ids.index("visit-announced") < ids.index("checker-visits-bamako")
    dates = {i.fact: i.date for s in response.sections for i in s.items}
    assert dates["coups-2020-2023"] == "2020–2023"
    assert dates["boulos-le-monde"] == "October 2025"
    assert dates["niamey-airport-attack"] == "January–February 2026 (est.)"


def test_timeline_filters(store: FactStore) -> None:
    assert facts_in(queries.timeline(store, since="Oct 2025", until="2025-10")) == [
        "boulos-le-monde",
        "rights-advocates-criticise",
        "fuel-convoy-attack",
    ]
    assert set(facts_in(queries.timeline(store, actor="Bazoum"))) == {
        "coups-2020-2023",
        "bazoum-still-detained",
        "rights-advocates-criticise",
    }
    security = facts_in(queries.timeline(store, topic="security", since="2025-12"))
    assert "niamey-airport-attack" in security and "coups-2020-2023" not in security
    title = queries.timeline(store, actor="Trump", until="2025").title
    assert title == "Timeline: Donald Trump · … to 2025"


def test_timeline_bad_dates_and_empty_results(store: FactStore) -> None:
    with pytest.raises(InvalidDate, match="'yesterday' is not a date"):
        queries.timeline(store, since="yesterday")
    with pytest.raises(InvalidDate, match=r"'until' \(2024\) is before 'since' \(2025\)"):
        queries.timeline(store, since="2025", until="2024")
    with pytest.raises(NotFound, match="No dated facts match"):
        queries.timeline(store, since="2030")


def test_search_ranks_and_shows_matching_words(store: FactStore) -> None:
    response = queries.search(store, "fuel convoy")
    first = response.sections[0].items[0]
    assert first.fact == "fuel-convoy-attack"
    assert set(first.matched) >= {"fuel", "convoy"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Niamey airport", "niamey-airport-attack"),
        ("mining companies", "laessing-mining-companies"),
        ("Le Monde democracy", "boulos-le-monde"),
        ("USAID", "usaid-shuttered"),
        ("Alliance of Sahel States ECOWAS", "aes-formed"),
        ("jihadists settling", "us-diplomat-jihadists-settling"),
        ("counterterrorism", "malian-diplomat-counterterrorism"),
        ("Germany", "eu-programmes-active"),
        ("convoi fuell", "fuel-convoy-attack"),
    ],
)
def test_search_finds_what_people_ask_for(store: FactStore, query: str, expected: str) -> None:
    assert facts_in(queries.search(store, query))[0] == expected


def test_search_needs_words_and_says_when_nothing_matches(store: FactStore) -> None:
    with pytest.raises(InvalidCommand):
        queries.search(store, "the of")
    with pytest.raises(NotFound, match="No facts match"):
        queries.search(store, "zzzqqq")


def test_sources_list_every_source_with_honest_metadata(store: FactStore) -> None:
    response = queries.sources(store)
    by_id = {s.id: s for s in response.sources}
    assert set(by_id) == {"us-shifts-strategy", "checker-bamako-visit"}
    first, second = by_id["us-shifts-strategy"], by_id["checker-bamako-visit"]
    assert first.title == (
        "US Shifts Strategy: Engaging West African Juntas Amid Growing Russian Influence"
    )
    assert not first.title_assigned and second.title_assigned
    assert first.file == "seeds/us-shifts-strategy.md"
    for info in (first, second):
        assert info.outlet is None and info.url is None
        assert info.published_estimated and info.published_precision == "month"
        assert info.published_reasoning


def test_one_source_in_detail(store: FactStore) -> None:
    response = queries.sources(store, "Nick Checker's Bamako visit")
    assert response.title == store.sources["checker-bamako-visit"].title
    assert any(i.text.startswith("Date reasoning:") for i in response.sections[0].items)
    assert "fuel-convoy-attack" in facts_in(response)


def test_alliances_list_their_members_and_countries_their_officials(store: FactStore) -> None:
    """Both ways, even where the role line names them in passing."""
    members = section(queries.actor(store, "Alliance of Sahel States"), "Related actors")
    for country in ("Mali", "Burkina Faso", "Niger"):
        assert f"{country}: member of Alliance of Sahel States" in members
    assert "Abdoulaye Diop: foreign minister of Mali" in section(
        queries.actor(store, "Mali"), "Related actors"
    )


def test_a_reaction_names_what_it_responds_to_as_a_reference(store: FactStore) -> None:
    """Never a sentence cut mid-way after "in response to"; the link is the curators'."""
    for fact in store.facts.values():
        if not fact.responds_to:
            continue
        response = queries.search(store, fact.text)
        item = next(i for s in response.sections for i in s.items if i.fact == fact.id)
        assert item.context is not None
        assert item.context.endswith(", as linked by curators"), item.context
        target = store.facts[fact.responds_to[0]]
        if target.label:  # the curators' name for it, then its date
            assert item.context.startswith(f"in response to {target.label} ("), item.context
        elif not target.kind.attributed:
            assert item.context.startswith(f"in response to the {target.kind}"), item.context
