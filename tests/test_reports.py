"""Reports without Discord: the state's rules, ``/report`` in the console, ``briefbot reports``."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.console.prompt import Session
from bot.state import NewReport, State
from bot.store.facts import FactStore
from testkit.clock import ManualClock
from tests.test_cli import briefbot

START = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def new(what: str = "the date is a week off", reporter: str = "user:1") -> NewReport:
    return NewReport(
        reporter=reporter, reporter_name="bob", asked="/brief", store_version="v1", what=what
    )


async def test_reports_are_stored_listed_counted_and_closed_once(tmp_path: Path) -> None:
    clock = ManualClock(START)
    state = await State.open(tmp_path / "s.sqlite3", clock.now, lock=False)
    try:
        first = await state.add_report(new())
        assert first is not None and first.id == 1 and first.status == "open"
        clock.t += timedelta(hours=30)
        await state.add_report(new("the quote is not hers", reporter="user:2"))
        assert await state.report_counts() == (2, 1)  # one of the two in the last 24 hours
        assert [r.id for r in await state.reports()] == [2, 1]  # newest first
        closed = await state.close_report(1, by="curator", resolution="date corrected")
        assert closed is not None and closed.status == "closed" and closed.closed_by == "curator"
        assert await state.close_report(1, by="curator", resolution="again") is None
        assert [r.id for r in await state.reports()] == [2]
        assert [r.id for r in await state.reports(include_closed=True)] == [2, 1]
        assert await state.report_counts() == (1, 1)
    finally:
        await state.close()


async def test_a_reporter_gets_five_an_hour_and_more_after_it(tmp_path: Path) -> None:
    clock = ManualClock(START)
    state = await State.open(tmp_path / "s.sqlite3", clock.now, lock=False)
    try:
        for n in range(5):
            assert await state.add_report(new(f"problem {n}")) is not None
            clock.t += timedelta(minutes=1)
        assert await state.add_report(new("one too many")) is None
        assert await state.add_report(new("someone else", reporter="user:2")) is not None
        clock.t = START + timedelta(hours=1, seconds=1)  # the first has left the hour
        assert await state.add_report(new("later")) is not None
        assert len(await state.reports()) == 7
    finally:
        await state.close()


def test_the_console_reports_the_last_cited_answer_with_what_it_showed(
    store: FactStore, tmp_path: Path
) -> None:
    db = tmp_path / "s.sqlite3"
    session = Session(store, reports=db)
    assert "No answer with sources yet" in session.handle("/report wrong")
    answer = session.handle("/actor name:Bazoum")
    assert "/report <what is wrong>" in answer
    assert "Say what is wrong" in session.handle("/report   ")
    said = session.handle("/report footnote 2 is not his words | the article quotes his aide")
    assert said.startswith("Report #1 stored for the curators")

    listed = briefbot("reports", "show", "1", "--json", env={"BRIEFBOT_DB": str(db)})
    assert listed.returncode == 0, listed.stderr
    report = json.loads(listed.stdout)
    assert report["asked"] == "/actor name:Bazoum"
    assert report["what"] == "footnote 2 is not his words"
    assert report["detail"] == "the article quotes his aide"
    assert report["store_version"] == store.version
    cited = session.last.citations if session.last else ()
    assert [f["link"] for f in report["footnotes"]] == [ref.link for ref in cited]
    assert "Mohamed Bazoum" in report["shown"]


def test_curators_list_show_and_close_reports_from_the_command_line(
    store: FactStore, tmp_path: Path
) -> None:
    db = tmp_path / "s.sqlite3"
    env = {"BRIEFBOT_DB": str(db)}
    assert "No reports: there is no database" in briefbot("reports", env=env).stdout
    session = Session(store, reports=db)
    session.handle("/brief")
    session.handle("/report the second line is a week off")

    listed = briefbot("reports", env=env)
    assert listed.returncode == 0
    assert "#1 [open]" in listed.stdout and "the second line is a week off" in listed.stdout
    full = briefbot("reports", "show", "1", env=env).stdout
    assert "the answer shown:" in full and "[1]" in full
    closed = briefbot("reports", "close", "1", "--note", "date fixed", "--by", "ana", env=env)
    assert closed.returncode == 0 and "Closed report #1" in closed.stdout
    again = briefbot("reports", "close", "1", "--note", "x", env=env)
    assert again.returncode == 1 and "no open report #1" in again.stderr
    assert "No open reports." in briefbot("reports", env=env).stdout
    everything = briefbot("reports", "list", "--all", env=env).stdout
    assert "#1 [closed]" in everything and "closed by ana: date fixed" in everything
    assert briefbot("reports", "show", "9", env=env).returncode == 1


def test_a_report_is_bounded_whichever_way_it_comes(store: FactStore, tmp_path: Path) -> None:
    """The form bounds its inputs on Discord; the console and the CLI go through the same
    model, so an endless paste is kept to each text's bound there too."""
    from bot.state.models import DETAIL_MAX, WHAT_MAX

    db = tmp_path / "s.sqlite3"
    session = Session(store, reports=db)
    session.handle("/brief")
    said = session.handle("/report " + "wrong " * 1000 + "| " + "x" * 100_000)
    assert said.startswith("Report #1 stored")
    report = json.loads(
        briefbot("reports", "show", "1", "--json", env={"BRIEFBOT_DB": str(db)}).stdout
    )
    assert WHAT_MAX - 6 < len(report["what"]) <= WHAT_MAX
    assert len(report["detail"]) == DETAIL_MAX
