"""Quotes in context (passages) and timeline pictures, without Discord."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from bot.answers import queries
from bot.answers.compose import footnote_at, in_context
from bot.answers.passage import passage as in_article
from bot.answers.response import Response
from bot.console.picture import NothingToDraw, draw_timeline
from bot.console.prompt import Session
from bot.records.errors import NotFound
from bot.store.facts import FactStore
from tests.test_cli import briefbot

ARTICLE = (
    "Officials met on Monday. “We are not concerned,” said Ulf Laessing, an analyst. "
    "He left at noon.\n\nA new paragraph starts here."
)


def test_a_passage_is_the_sentence_with_the_one_before_and_after() -> None:
    start = ARTICLE.index("said Ulf")
    passage = in_article(ARTICLE, start, start + len("said Ulf Laessing"))
    assert passage.before == "Officials met on Monday."
    assert passage.text == "“We are not concerned,” said Ulf Laessing, an analyst."
    assert passage.after == "He left at noon."
    assert ARTICLE[passage.start : passage.end] == passage.text


def test_a_quote_across_sentences_keeps_them_all_and_edges_have_no_neighbour() -> None:
    first = in_article(ARTICLE, 0, ARTICLE.index("an analyst"))
    assert first.before is None
    assert first.text.startswith("Officials") and first.text.endswith("an analyst.")
    last = in_article(ARTICLE, ARTICLE.index("A new"), len(ARTICLE))
    assert last.after is None and last.before == "He left at noon."


def test_every_citation_of_every_answer_sits_verbatim_in_its_passage(store: FactStore) -> None:
    for line in ("/brief", "/actor Laessing", "/timeline", "/search convoy", "/sources"):
        response = in_context(store, queries_for(store, line))
        for ref in response.citations:
            assert ref.passage is not None
            text = store.sources[ref.source].text
            assert text[ref.passage.start : ref.passage.end] == ref.passage.text
            where = ref.in_passage
            assert where is not None
            assert ref.passage.text[where[0] : where[1]] == ref.quote
            assert footnote_at(store, ref.link, ref.number) == ref  # the link finds it again


def queries_for(store: FactStore, line: str) -> Response:
    from bot.answers.commandset import ask

    response = ask(store, line)
    assert response.ok, response.error
    return response


def test_a_link_to_an_article_no_longer_served_is_not_found(store: FactStore) -> None:
    ref = queries.actor(store, "Bazoum").citations[0]
    changed = "0" * 16 + ref.link[16:]
    with pytest.raises(NotFound, match="no longer in the fact store"):
        footnote_at(store, changed)
    digest = ref.link.split(":")[0]
    with pytest.raises(NotFound, match="does not point into"):
        footnote_at(store, f"{digest}:5:999999999")


def test_picture_draws_one_mark_per_dated_item_and_hatches_estimates(store: FactStore) -> None:
    response = queries.timeline(store)
    items = [i for s in response.sections for i in s.items]
    picture = draw_timeline(response)
    assert picture.rows == len(items) == picture.points + picture.bars
    assert picture.estimated == sum(i.estimated for i in items) > 0
    assert picture.png.startswith(b"\x89PNG") and len(picture.png) < 1024 * 1024
    day = [i for i in items if i.span and i.span[0] == i.span[1]]
    assert picture.points == len(day)


def test_an_answer_without_dates_has_nothing_to_draw(store: FactStore) -> None:
    with pytest.raises(NothingToDraw):
        draw_timeline(queries.sources(store))


def test_console_quote_shows_a_footnote_in_its_article(store: FactStore, tmp_path: Path) -> None:
    session = Session(store, pictures=tmp_path)
    assert "No answer with sources yet" in session.handle("/quote 1")
    answer = session.handle("/actor Laessing")
    assert "/quote <n>" in answer
    shown = session.handle("/quote 2")
    ref = in_context(store, queries.actor(store, "Laessing")).citations[1]
    assert shown.startswith(f"[2] {ref.source_title}")
    assert "**" in shown and ((ref.passage and ref.passage.before) or "")[:30] in shown
    assert "footnotes 1 to" in session.handle("/quote 999")
    assert "footnotes 1 to" in session.handle("/quote two")
    drawn = session.handle("/timeline actor:Bazoum picture:true")
    assert "Picture:" in drawn and (tmp_path / "timeline.png").read_bytes()[:4] == b"\x89PNG"


def test_cli_json_has_passages_with_offsets_and_png_writes_a_picture(tmp_path: Path) -> None:
    result = briefbot("ask", "--json", "/actor Bazoum")
    assert result.returncode == 0, result.stderr
    ref = json.loads(result.stdout)["citations"][0]
    assert ref["passage"]["start"] <= ref["start"] < ref["end"] <= ref["passage"]["end"]
    png = tmp_path / "t.png"
    result = briefbot("ask", "--png", str(png), "/timeline since:2026")
    assert result.returncode == 0, result.stderr
    assert png.read_bytes()[:4] == b"\x89PNG" and "Picture:" in result.stderr
    result = briefbot("ask", "--png", str(tmp_path / "none.png"), "/sources")
    assert result.returncode == 2 and "No picture" in result.stderr


def test_answers_carry_no_passages_until_asked(store: FactStore) -> None:
    response = queries.timeline(store)
    assert response.citations and all(r.passage is None for r in response.citations)


def test_a_passage_in_a_long_article_reads_only_around_the_quote() -> None:
    filler = "Nothing happened on this day at all. " * 2000 + "\n"
    article = filler + ARTICLE + "\n" + filler
    start = article.index("said Ulf")
    found = in_article(article, start, start + 8)
    assert found.before == "Officials met on Monday." and found.after == "He left at noon."


def test_a_timeline_of_old_background_and_recent_news_gives_the_news_its_own_scale(
    store: FactStore,
) -> None:
    """Six years on one scale made each month of news a sliver: the recent weeks get a panel
    of their own, where a month is wide enough to read."""
    from bot.console.picture import recent_start

    picture = draw_timeline(queries.timeline(store))
    assert picture.recent is not None and len(picture.scales) == 2
    early, recent = picture.scales
    assert recent * 30 >= 60  # a month in the recent panel: at least 60 pixels
    assert recent >= 10 * early
    # a timeline whose facts are all recent, or spread evenly, keeps one scale
    assert recent_start([(date(2026, 1, 1), date(2026, 1, 31))] * 3) is None
    years = [(date(y, 1, 1), date(y, 12, 31)) for y in range(2018, 2026)]
    assert recent_start(years) is None
    assert draw_timeline(queries.timeline(store, "mohamed-bazoum")).rows > 0
