"""Answers that brief: every command's items read alone, once, in order, on the real store.

These guard classes of defect, not examples: a fragment, a tautology, a repeat, a reaction
shown before what it reacts to, a source missing from a profile, a brief too long to read in
a minute. Each check runs over every answer the store can give.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from bot.answers import queries
from bot.answers.commandset import ask
from bot.answers.digest import Change, digest
from bot.answers.response import Item, Response
from bot.records.models import BRIEF_MAX
from bot.records.standalone import MIN_WORDS, standalone_problem
from bot.records.text import simplify
from bot.store.facts import FactStore

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


BRIEF_WORDS_MAX = 260
"""'About 250 words': the brief's bullets, read in a minute."""


def every_answer(store: FactStore) -> Iterator[tuple[str, Response]]:
    """Every answer a user can get from the store, with the command that gives it."""
    for line in ["/brief", "/brief more:true", "/timeline", "/sources"]:
        yield line, ask(store, line)
    for topic in store.topics:
        for more in ("false", "true"):
            yield f"/brief topic:{topic} more:{more}", ask(store, f"/brief {topic} more:{more}")
        yield f"/timeline topic:{topic}", ask(store, f"/timeline topic:{topic}")
    for actor in store.actors:
        yield f"/actor {actor}", ask(store, f"/actor name:{actor}")
        timeline = ask(store, f"/timeline actor:{actor}")
        if timeline.ok:
            yield f"/timeline actor:{actor}", timeline
    for source in store.sources:
        yield f"/sources {source}", ask(store, f"/sources source:{source}")
    for words in ("Bamako", "democracy", "fuel convoy", "Russia", "minerals", "Laessing"):
        yield f"/search {words}", ask(store, f"/search {words}")
    everything = [Change(kind="facts", record_id=f, change="added") for f in store.facts]
    everything += [Change(kind="actors", record_id=a, change="added") for a in store.actors]
    everything += [Change(kind="sources", record_id=s, change="added") for s in store.sources]
    yield "digest", digest(store, everything)


def items(response: Response) -> list[Item]:
    """The answer's items, a brief's curated "what to watch" (shown last) aside."""
    return [i for s in response.sections if s.title != "What to watch" for i in s.items]


@pytest.fixture(scope="module")
def answers(store: FactStore) -> list[tuple[str, Response]]:
    found = list(every_answer(store))
    assert all(r.ok for _, r in found), [line for line, r in found if not r.ok]
    return found


# --- /brief ----------------------------------------------------------------------------


def test_brief_is_a_minutes_read(store: FactStore) -> None:
    response = queries.brief(store)
    bullets = list(response.sections[0].items)  # "In brief"; what to watch comes after
    assert response.sections[0].title == "In brief"
    assert 1 <= len(bullets) <= BRIEF_MAX
    assert sum(word_count(b.text) for b in bullets) <= BRIEF_WORDS_MAX
    assert len(response.citations) <= 3 * BRIEF_MAX
    # footnotes no longer outweigh the bullets twice over (514 words against 253 before)
    footnotes = sum(word_count(c.quote) for c in response.citations)
    assert footnotes <= 1.5 * sum(word_count(b.text) for b in bullets)


_SENTENCE_END = re.compile(r"[.!?][”’\"']?\s+(?=[A-Z“‘\"'])")


def test_brief_footnotes_are_one_sentence_each(
    answers: list[tuple[str, Response]], store: FactStore
) -> None:
    """Every fact a bullet rests on is backed by one of its own quotes among the bullet's
    footnotes (so each claim can be checked), each a quote of at most one sentence; the
    whole passage stays in the Sources menu and /quote."""
    for line, response in answers:
        if not line.startswith("/brief") or "more:true" in line:
            continue
        for bullet in items(response):
            assert bullet.cites, (line, bullet.text)
            assert len(bullet.cites) == len(set(bullet.cites)), (line, bullet.text)
            shown = {
                (response.citations[n - 1].source, response.citations[n - 1].quote)
                for n in bullet.cites
            }
            for fact_id in bullet.facts or (bullet.fact,):
                quotes = {(c.source, store.quoted(c)) for c in store.facts[fact_id].citations}
                assert quotes & shown, (line, bullet.text, fact_id)
        for ref in response.citations:
            assert not _SENTENCE_END.search(ref.quote.rstrip()), (line, ref.quote)


def test_brief_tells_the_story(store: FactStore) -> None:
    """The developments both articles lead with are all in the brief."""
    rests_on = {f for item in items(queries.brief(store)) for f in (item.facts or (item.fact,))}
    assert {
        "us-declares-policy-shift",
        "checker-visits-bamako",
        "boulos-le-monde",
        "rights-advocates-criticise",
        "bazoum-still-detained",
        "fuel-convoy-attack",
        "niamey-airport-attack",
        "russia-claims-joint-action",
    } <= rests_on


def test_every_topic_brief_is_at_most_eight_bullets(store: FactStore) -> None:
    for topic in store.topics:
        response = queries.brief(store, topic)
        assert 1 <= len(items(response)) <= BRIEF_MAX, topic
        assert any("more:true" in note for note in response.notes), topic


def test_console_cli_and_query_give_the_same_brief(store: FactStore) -> None:
    assert ask(store, "/brief") == queries.brief(store)
    assert ask(store, "/brief more:yes") == queries.brief(store, more=True)
    refused = ask(store, "/brief more:maybe")
    assert not refused.ok and refused.error is not None
    assert "'more' takes true or false" in refused.error.message


# --- every answer ----------------------------------------------------------------------


def test_no_item_is_a_fragment_or_leans_on_the_article(
    answers: list[tuple[str, Response]],
) -> None:
    for line, response in answers:
        for item in items(response):
            assert word_count(item.text) >= MIN_WORDS, (line, item.text)
            assert standalone_problem(item.text) is None, (line, item.text)


def test_no_answer_repeats_an_item(answers: list[tuple[str, Response]]) -> None:
    for line, response in answers:
        facts = [i.fact for i in items(response) if i.fact]
        texts = [simplify(i.text) for i in items(response)]
        assert len(facts) == len(set(facts)), line
        assert len(texts) == len(set(texts)), line


def test_quotes_are_shown_with_their_speaker(answers: list[tuple[str, Response]]) -> None:
    for line, response in answers:
        for item in items(response):
            if item.kind == "quote":
                assert not item.text.startswith(("“", '"')), (line, item.text)


def test_no_who_line_is_a_tautology(store: FactStore) -> None:
    for actor in store.actors.values():
        who = items(queries.actor(store, actor.id))[0].text
        rest = who.removeprefix(f"{actor.name}:").strip()
        assert simplify(rest) not in {simplify(str(actor.kind)), ""}, who
        assert word_count(rest) >= 4, who
        assert actor.role is not None, f"{actor.id} has no role: its profile has no real 'who'"


def test_a_profile_lists_every_source_it_cites(store: FactStore) -> None:
    for actor in store.actors:
        response = queries.actor(store, actor)
        listed = {
            i.text.rsplit(" (", 1)[0]
            for s in response.sections
            if s.title == "Sources"
            for i in s.items
        }
        cited = {ref.source_title for ref in response.citations}
        assert cited <= listed, (actor, cited - listed)


def test_organisations_speak_through_their_parts(store: FactStore) -> None:
    """What its parts said shows under "Said", or among a long profile's essentials."""
    sections = queries.actor(store, "United States").sections
    said = {i.fact for s in sections if s.title in ("Said", "Essentials") for i in s.items}
    assert {"visit-announced", "bureau-signals-openness"} <= said


def test_a_reaction_shows_with_what_it_reacts_to(store: FactStore) -> None:
    boulos = queries.actor(store, "Boulos")
    reactions = next(s for s in boulos.sections if s.title == "Reactions")
    criticism = next(i for i in reactions.items if i.fact == "rights-advocates-criticise")
    assert criticism.context == (
        "in response to Massad Boulos's statement of October 2025, as linked by curators"
    )
    timeline = [i.fact for i in items(queries.timeline(store))]
    at = timeline.index("boulos-le-monde")
    assert timeline[at + 1] == "rights-advocates-criticise"


def test_timelines_never_show_a_fact_before_what_it_follows(
    store: FactStore, answers: list[tuple[str, Response]]
) -> None:
    for line, response in answers:
        if not line.startswith("/timeline"):
            continue
        order = [i.fact for i in items(response)]
        for position, fact_id in enumerate(order):
            for before in store.facts[fact_id].predecessors:  # type: ignore[index]
                if before in order:
                    assert order.index(before) < position, (line, before, fact_id)


def test_vague_dates_sit_at_the_latest_day_they_allow(store: FactStore) -> None:
    order = [i.fact for i in items(queries.timeline(store))]
    # "recently" (2025 to February 2026) reads after the October 2025 remark
    assert order.index("boulos-le-monde") < order.index("fuel-convoy-attack")
    # what was said about the Bamako visit follows it
    visit = order.index("checker-visits-bamako")
    for reaction in ("laessing-americans-not-concerned", "us-diplomat-jihadists-settling"):
        assert visit < order.index(reaction)
    convoy = next(i for i in items(queries.timeline(store)) if i.fact == "fuel-convoy-attack")
    assert convoy.placement == "placed at the latest date it allows"


def test_dates_follow_the_re_estimated_publication(store: FactStore) -> None:
    published = store.sources["checker-bamako-visit"].published
    assert published is not None and str(published.date) == "2026-02"
    assert "allAfrica" in (published.reasoning or "")
    visit = store.facts["checker-visits-bamako"].date
    assert visit is not None and str(visit.when) == "2026-02"
    cuts = store.facts["biden-cuts-military-cooperation"].date
    assert cuts is not None and cuts.when.start.year == 2021


def test_brief_bullets_about_events_carry_their_dates(store: FactStore) -> None:
    """Never more precise than the source: a bullet's date is its event's own label, or
    from its earliest event's label to its latest's when they fall apart."""
    for topic in store.topics.values():
        for bullet in items(queries.brief(store, topic.id)):
            facts = [store.facts[f] for f in (bullet.facts or (bullet.fact,)) if f]
            dated = [f for f in facts if f.date is not None]
            if not dated:
                assert bullet.date == "undated in the sources", (topic.id, bullet.text)
                continue
            assert bullet.date is not None, (topic.id, bullet.text)
            labels = {f.date.when.label for f in dated if f.date is not None}
            parts = bullet.date.removesuffix(" (est.)").removeprefix("from ").split(" to ")
            assert len(parts) <= 2 and set(parts) <= labels, (bullet.date, labels)


def test_a_bullet_whose_events_fall_apart_is_dated_from_the_first_to_the_last(
    store: FactStore,
) -> None:
    """ "What changed" rests on the Biden-era cut (2021–2023) and the USAID shutdown (early
    2025): dated by the first alone it read as if all of it happened by 2023."""
    changed = next(b for b in items(queries.brief(store)) if b.text.startswith("What changed"))
    assert changed.date == "from 2021–2023 to January–February 2025 (est.)"
    assert changed.span is not None and changed.span[1] >= "2025-01-31"


def test_brief_says_as_of_when_it_holds(store: FactStore) -> None:
    response = queries.brief(store)
    as_of = [n for n in response.notes if n.startswith("As of ")]
    latest = max(
        (s.published for s in store.sources.values() if s.published),
        key=lambda p: p.date.end,
    )
    assert as_of and as_of[0].startswith(f"As of {latest.date.label}")


def test_a_topic_without_a_lead_spreads_its_bullets_over_events(store: FactStore) -> None:
    from bot.answers.compose import _event_keys

    for topic in (t for t in store.topics.values() if not t.lead):
        chosen = [i.fact for i in items(queries.brief(store, topic.id)) if i.fact]
        assert len(chosen) == min(
            BRIEF_MAX, len(set(topic.facts) | set(store.facts_by_topic.get(topic.id, ())))
        )
        keys = [_event_keys(store, f) for f in chosen]
        clashes = sum(1 for i, a in enumerate(keys) for b in keys[i + 1 :] if a & b)
        candidates = {*topic.facts, *store.facts_by_topic.get(topic.id, ())}
        events: list[set[str]] = []
        for fact in candidates:  # how many distinct events the topic offers
            mine = _event_keys(store, fact)
            if not any(mine & e for e in events):
                events.append(mine)
        if len(events) >= BRIEF_MAX:
            assert clashes == 0, (topic.id, chosen)
    security = [i.fact for i in items(queries.brief(store, "security"))]
    assert not {"fuel-convoy-attack", "militants-resilient"} <= set(security)
    assert not {"niamey-airport-attack", "russia-claims-joint-action"} <= set(security)


def test_what_to_watch_is_curated_and_shown_last(store: FactStore) -> None:
    response = queries.brief(store)
    assert store.overview is not None and store.overview.watch
    assert response.sections[-1].title == "What to watch"
    watched = [i.text for i in response.sections[-1].items]
    assert watched == [w.text for w in store.overview.watch]
    assert all(i.cites for i in response.sections[-1].items)


def test_a_watch_item_naming_no_fact_is_a_problem(store: FactStore) -> None:
    import msgspec

    from bot.records.served import Lead
    from bot.records.watch import watch_problems

    assert watch_problems(store.topics, store.facts) == []
    topics = dict(store.topics)
    topics["overview"] = msgspec.structs.replace(
        topics["overview"], watch=(Lead(text="Whether it lasts.", facts=("no-such-fact",)),)
    )
    problems = watch_problems(topics, store.facts)
    assert ("overview", "watch[0].facts", "unknown fact 'no-such-fact'") in problems


def test_a_long_profile_opens_with_its_essentials_on_a_page_of_their_own(
    store: FactStore,
) -> None:
    from bot.answers.queries import ESSENTIALS, PROFILE_LONG
    from bot.chat import embeds

    response = queries.actor(store, "United States")
    titles = [s.title for s in response.sections]
    assert titles[:2] == ["Who", "Essentials"]
    essentials = response.sections[1].items
    assert len(essentials) == ESSENTIALS
    assert response.sections[2].new_page
    first_page = embeds.render(response)[0].embed.description or ""
    assert "Essentials" in first_page and "Key facts" not in first_page
    shown = [f for s in response.sections for i in s.items if (f := i.fact)]
    assert len(shown) == len(set(shown)) > PROFILE_LONG  # nothing twice, nothing lost
    short = queries.actor(store, "Reed Brody")
    assert "Essentials" not in [s.title for s in short.sections]


def test_topics_are_named_by_their_titles_with_the_id_to_type(store: FactStore) -> None:
    note = next(n for n in queries.brief(store).notes if n.startswith("Other topics"))
    security = store.topics["security"]
    assert f"{security.title} (security)" in note
    assert "/brief topic:" in note


def test_a_brief_line_shown_as_confirmed_cites_each_source(
    answers: list[tuple[str, Response]], store: FactStore
) -> None:
    """A topic's bullet labelled "2 independent sources" footnotes a quote from each."""
    checked = 0
    for line, response in answers:
        if not line.startswith("/brief"):
            continue
        for bullet in items(response):
            if bullet.kind == "lead" or bullet.fact is None:
                continue
            fact = store.facts[bullet.fact]
            cited = {response.citations[n - 1].source for n in bullet.cites}
            assert cited == set(fact.sources), (line, bullet.fact)
            checked += len(fact.sources) > 1
    assert checked, "no brief line rests on two sources: the test checks nothing"
