"""The command line as a person runs it: ``main(argv)`` in-process with its own environment
and standard input, and once as a real process (the installed entry point)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from bot.records.schema import schemas
from tests.conftest import ROOT, Ran, StoreCopy, run_cli

_SCRATCH = Path(tempfile.mkdtemp(prefix="briefbot-cli-"))


def briefbot(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None, process: bool = False
) -> Ran | subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("BRIEFBOT_") and k != "DISCORD_TOKEN"
    }
    # the database, the saved stores and console history stay out of the checkout and home
    clean["BRIEFBOT_DB"] = str(_SCRATCH / "briefbot.sqlite3")
    clean["HOME"] = str(_SCRATCH)
    if not process:
        return run_cli(list(args), stdin, {**clean, **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env={**clean, **(env or {})},
    )


@pytest.mark.parametrize("process", [False, True], ids=["in-process", "as-a-process"])
def test_ask_prints_the_rendered_answer_with_footnotes(process: bool) -> None:
    result = briefbot("ask", "/actor name:Bazoum", process=process)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Mohamed Bazoum\n")
    assert "Sources cited" in result.stdout
    assert "[1] US Shifts Strategy" in result.stdout


def test_ask_json_prints_the_response_model() -> None:
    result = briefbot("ask", "--json", "/actor Laesing")
    data = json.loads(result.stdout)
    assert data["ok"] is True and data["title"] == "Ulf Laessing"
    assert data["citations"] and {"source", "quote"} <= set(data["citations"][0])


def test_ask_json_failure_has_message_and_suggestions() -> None:
    data = json.loads(briefbot("ask", "--json", "/actor Bazoo Diopp").stdout)
    assert data["ok"] is False
    assert data["error"]["message"] == "No actor matches 'Bazoo Diopp'."
    assert "Mohamed Bazoum" in data["error"]["suggestions"]


def test_ask_quote_says_it_needs_the_console_not_that_it_does_not_exist() -> None:
    result = briefbot("ask", "/quote 9")
    assert result.returncode == 2
    assert "There is no /quote command" not in result.stderr + result.stdout
    assert "briefbot console" in result.stderr


def test_sources_json_lists_id_title_and_file() -> None:
    data = json.loads(briefbot("ask", "--json", "/sources").stdout)
    assert {(s["id"], s["file"]) for s in data["sources"]} == {
        ("us-shifts-strategy", "seeds/us-shifts-strategy.md"),
        ("checker-bamako-visit", "seeds/checker-bamako-visit.md"),
    }
    assert all(s["title"] for s in data["sources"])


def test_validate_passes_on_the_real_store() -> None:
    result = briefbot("validate")
    assert result.returncode == 0
    assert result.stdout.startswith("OK: store ")


def test_validate_fails_naming_each_problem_and_changes_nothing(copy: StoreCopy) -> None:
    copy.edit("knowledge/facts/events.yaml", "recently killed at least 15", "recently killed 15")
    copy.edit("knowledge/facts/events.yaml", "actors: [iswap, niger]", "actors: [isis, niger]")
    events = (copy.knowledge / "facts" / "events.yaml").read_text(encoding="utf-8")
    trump = events[events.index("  - id: trump-returns") : events.index("  - id: usaid-shuttered")]
    copy.write("knowledge/facts/more.yaml", "facts:\n" + trump)
    before = {p: p.read_bytes() for p in copy.root.rglob("*") if p.is_file()}
    result = briefbot("--knowledge", str(copy.knowledge), "--seeds", str(copy.seeds), "validate")
    assert result.returncode == 1
    assert "3 problem(s)" in result.stderr
    assert "knowledge/facts/events.yaml:" in result.stderr
    assert "[fuel-convoy-attack] citations[0].quote: quote not found" in result.stderr
    assert "[niamey-airport-attack] actors[0]: unknown actor 'isis'" in result.stderr
    assert "knowledge/facts/more.yaml:2: [trump-returns] id: duplicate fact id" in result.stderr
    after = {p: p.read_bytes() for p in copy.root.rglob("*") if p.is_file()}
    assert after == before


def test_validate_json(copy: StoreCopy) -> None:
    copy.edit("knowledge/actors.yaml", "  - id: le-monde\n", "  - id: Le Monde\n")
    result = briefbot(
        "--knowledge", str(copy.knowledge), "--seeds", str(copy.seeds), "validate", "--json"
    )
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert {"file": "knowledge/actors.yaml", "record": "Le Monde", "field": "id"}.items() <= (
        data["problems"][0].items()
    )


def test_ask_with_a_broken_store_reports_and_fails(copy: StoreCopy) -> None:
    copy.write("knowledge/bad.yaml", "facts: [\n")
    result = briefbot(
        "--knowledge", str(copy.knowledge), "--seeds", str(copy.seeds), "ask", "/brief"
    )
    assert result.returncode == 1
    assert "knowledge/bad.yaml" in result.stderr and "YAML syntax error" in result.stderr


def test_console_answers_commands_from_standard_input() -> None:
    # a process: the console reads its standard input's file descriptor (SIGHUP between lines)
    result = briefbot("console", stdin="help\n/actor Bazum\njson\n/sources\nquit\n", process=True)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Type help for the commands" in out
    assert "/timeline [actor:…] [topic:…] [since:…] [until:…]" in out
    assert "Mohamed Bazoum\n" in out
    assert '"id": "checker-bamako-visit"' in out


def test_run_without_token_opens_the_console_with_a_hint() -> None:
    result = briefbot("run", stdin="/brief\n", process=True)
    assert result.returncode == 0, result.stderr
    assert "No DISCORD_TOKEN is set" in result.stdout
    assert "The situation" in result.stdout


def test_committed_schema_is_up_to_date(tmp_path: Path) -> None:
    for name, schema in schemas().items():
        committed = json.loads((ROOT / "knowledge" / "schema" / name).read_text())
        assert committed == schema, f"run `briefbot schema` to refresh {name}"
    result = briefbot("schema", "--out", str(tmp_path))
    assert result.returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(schemas())


def test_diff_shows_what_a_reload_would_change_without_doing_it(copy: StoreCopy) -> None:
    import asyncio

    from bot.state import State
    from bot.store.diff import snapshot

    db = copy.root / "state.sqlite3"
    env = {"BRIEFBOT_DB": str(db)}
    args = ("--knowledge", str(copy.knowledge), "--seeds", str(copy.seeds))
    first = briefbot(*args, "diff", env=env)
    assert first.returncode == 2 and "No baseline" in first.stdout
    loaded = copy.load()

    async def record() -> None:
        async with await State.open(db) as state:
            await state.record_version(
                version=loaded.version,
                loaded_by="test",
                counts=loaded.counts(),
                snapshot=snapshot(loaded),
            )

    asyncio.run(record())
    copy.edit("knowledge/facts/events.yaml", "was repelled.", "was repelled, it says.")
    result = briefbot(*args, "diff", env=env)
    assert result.returncode == 0, result.stderr
    assert "Changes: +0 ~1 -0 facts." in result.stdout
    assert "  ~ fact niamey-airport-attack" in result.stdout
    again = briefbot(*args, "diff", env=env)
    assert again.stdout == result.stdout  # diff changed nothing


def test_digest_prints_what_would_be_posted(tmp_path: Path) -> None:
    result = briefbot("digest", env={"BRIEFBOT_DB": str(tmp_path / "none.sqlite3")})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Daily briefing: no baseline to compare with")
    assert "no new developments" not in result.stdout
    data = json.loads(
        briefbot("digest", "--json", env={"BRIEFBOT_DB": str(tmp_path / "none.sqlite3")}).stdout
    )
    assert [s["title"] for s in data["sections"]] == ["The situation", "Latest on the timeline"]


def test_curator_flow_from_a_new_article_to_a_valid_store(copy: StoreCopy) -> None:
    args = ("--knowledge", str(copy.knowledge), "--seeds", str(copy.seeds))
    article = (ROOT / "tests" / "fixtures" / "veloria.txt").read_text()
    ingested = briefbot(
        *args,
        "ingest",
        "-",
        "--title",
        "Veloria Reopens Its Northern Border",
        "--published",
        "2025-11",
        "--estimated",
        "--reasoning",
        "a fixture",
        "--id",
        "veloria",
        stdin=article,
    )
    assert ingested.returncode == 0, ingested.stderr
    assert "next: briefbot draft veloria" in ingested.stdout
    again = briefbot(*args, "ingest", "-", "--title", "Again", stdin=article)
    assert again.returncode == 1 and "already in the store as veloria.md" in again.stderr
    empty = briefbot(*args, "ingest", "-", "--title", "Empty", stdin="")
    assert empty.returncode == 1 and "empty" in empty.stderr

    drafted = briefbot(*args, "draft", "veloria")
    assert drafted.returncode == 0, drafted.stderr
    assert "10 candidate facts" in drafted.stdout
    assert briefbot(*args, "draft", "veloria").returncode == 1  # keeps the curator's edits
    unchecked = briefbot(*args, "validate", "--drafts")
    assert unchecked.returncode == 1 and "not reviewed" in unchecked.stderr
    # as the README says: drafts/<id>.yaml:<line>, and one count of unreviewed entries
    assert "knowledge/drafts/" not in unchecked.stderr
    said = "Entries not reviewed yet (set `reviewed: true` once checked): drafts/veloria.yaml"
    assert said in unchecked.stderr
    assert unchecked.stderr.count("not reviewed") == 1
    refused = briefbot(*args, "promote", "veloria", "veloria-04")
    assert refused.returncode == 1 and "Not reviewed yet: veloria-04" in refused.stderr
    drafts = copy.knowledge / "drafts" / "veloria.yaml"
    drafts.write_text(drafts.read_text().replace("reviewed: false", "reviewed: true"))
    assert briefbot(*args, "validate", "--drafts").returncode == 0

    promoted = briefbot(*args, "promote", "veloria", "veloria-04")
    assert promoted.returncode == 0, promoted.stderr
    assert "promoted 1 new fact(s)" in promoted.stdout
    assert briefbot(*args, "validate").returncode == 0
    answer = briefbot(*args, "ask", "/actor Okonde")
    assert "We are ready to welcome traders again" in answer.stdout

    cover = briefbot(*args, "coverage")
    assert cover.returncode == 1
    assert "✓ checker-bamako-visit: 21/21 sentences cited" in cover.stdout
    assert re.search(r"✗ veloria: [12]/\d+ sentences", cover.stdout), cover.stdout
    assert "UNCITED line" in cover.stdout


def test_coverage_of_the_seeds_is_complete() -> None:
    result = briefbot("coverage")
    assert result.returncode == 0, result.stdout
    assert "✓ us-shifts-strategy: 11/11 sentences cited, 1 skipped" in result.stdout


def test_draft_notes_headings_in_the_seeds_skip_list(copy: StoreCopy) -> None:
    args = ("--knowledge", str(copy.knowledge), "--seeds", str(copy.seeds))
    article = (ROOT / "tests" / "fixtures" / "orvia.txt").read_text()
    ingested = briefbot(
        *args,
        "ingest",
        "-",
        "--title",
        "Orvia talks",
        "--published",
        "2025-11",
        "--id",
        "orvia",
        stdin=article,
    )
    assert ingested.returncode == 0, ingested.stderr
    drafted = briefbot(*args, "draft", "orvia")
    assert drafted.returncode == 0, drafted.stderr
    assert "edited orvia.md's header: added 1 sentence(s)" in drafted.stdout
    header = (copy.seeds / "orvia.md").read_text().split("\n---\n", 1)[0]
    assert 'quote: "Orvia and the Coastal Union Resume Talks"' in header
    again = briefbot(*args, "draft", "orvia", "--force")
    assert again.returncode == 0 and "edited" not in again.stdout  # not listed twice
    assert briefbot(*args, "validate").returncode == 0  # the article text is untouched
    cover = briefbot(*args, "coverage", "--report")
    assert cover.returncode == 0 and "skipped line" in cover.stdout


SHORT = """Envoy Lands

The envoy landed in Tesk on Monday after a long delay.
He smiled.
Talks with the Orvian trade minister, Kalo Marin, began at noon and ran late.
"""


def test_draft_skips_what_it_leaves_out_and_its_line_comments_stay_true(copy: StoreCopy) -> None:
    """A sentence reported "too short" goes into the seed's skip list (so coverage passes
    on it), the header edit is announced, and each `# line N` names the line of the
    sentence in the seed as edited."""
    args = ("--knowledge", str(copy.knowledge), "--seeds", str(copy.seeds))
    ingested = briefbot(
        *args,
        "ingest",
        "-",
        "--title",
        "Envoy",
        "--published",
        "2025-11-20",
        "--id",
        "short",
        stdin=SHORT,
    )
    assert ingested.returncode == 0, ingested.stderr
    drafted = briefbot(*args, "draft", "short")
    assert drafted.returncode == 0, drafted.stderr
    assert "edited short.md's header: added 2 sentence(s)" in drafted.stdout
    seed = (copy.seeds / "short.md").read_text().splitlines()
    drafts = (copy.knowledge / "drafts" / "short.yaml").read_text()
    numbers = [int(n) for n in re.findall(r"# line (\d+)", drafts)]
    assert [seed[n - 1].split()[:2] for n in numbers] == [["The", "envoy"], ["Talks", "with"]]
    cover = briefbot(*args, "coverage", "--report")
    uncited = [line for line in cover.stdout.splitlines() if "UNCITED" in line]
    assert uncited and not [line for line in uncited if "He smiled." in line]
    assert any("He smiled." in line and "too short" in line for line in cover.stdout.splitlines())


def test_promote_reviewed_with_or_without_ids(veloria_drafted: StoreCopy) -> None:
    """`promote <id> --reviewed` promotes every reviewed entry; ids may follow --reviewed."""
    args = ("--knowledge", str(veloria_drafted.knowledge), "--seeds", str(veloria_drafted.seeds))
    some = briefbot(*args, "promote", "veloria", "--reviewed", "veloria-04", "veloria-07")
    assert some.returncode == 0, some.stderr
    assert "promoted 2 new fact(s)" in some.stdout
    rest = briefbot(*args, "promote", "veloria", "--reviewed")
    assert rest.returncode == 0, rest.stderr
    assert "promoted 8 new fact(s)" in rest.stdout
    assert not (veloria_drafted.knowledge / "drafts" / "veloria.yaml").exists()


@pytest.fixture
def veloria_drafted(copy: StoreCopy) -> StoreCopy:
    from bot.curation.draft import draft, render_yaml
    from bot.curation.ingest import ingest

    ingest(
        (ROOT / "tests" / "fixtures" / "veloria.txt").read_bytes(),
        copy.seeds,
        title="Veloria",
        published="2025-11-20",
        source_id="veloria",
    )
    text = render_yaml(draft(copy.load(), "veloria")).replace("reviewed: false", "reviewed: true")
    copy.write("knowledge/drafts/veloria.yaml", text)
    return copy


def test_diff_and_digest_against_a_named_baseline(copy: StoreCopy, tmp_path: Path) -> None:
    args = ("--knowledge", str(copy.knowledge), "--seeds", str(copy.seeds))
    env = {"BRIEFBOT_DB": str(tmp_path / "none.sqlite3")}  # no bot ever ran here
    base = tmp_path / "base.json"
    taken = briefbot(*args, "snapshot", str(base), env=env)
    assert taken.returncode == 0 and base.is_file()
    copy.write(
        "knowledge/facts/new.yaml",
        "facts:\n  - id: germany-present\n    kind: background\n"
        "    text: Germany continues to maintain a presence in the Sahel.\n"
        "    citations:\n      - source: checker-bamako-visit\n"
        "        quote: countries such as Germany continue to maintain a presence\n",
    )
    changed = briefbot(*args, "diff", "--baseline", str(base), env=env)
    assert changed.returncode == 0, changed.stderr
    assert (
        "Changes: +1 ~0 -0 facts." in changed.stdout and "+ fact germany-present" in changed.stdout
    )
    news = json.loads(briefbot(*args, "digest", "--json", "--baseline", str(base), env=env).stdout)
    assert news["title"] == "Daily briefing"
    [new] = [s for s in news["sections"] if s["title"] == "New since the last digest"]
    assert [i["fact"] for i in new["items"]] == ["germany-present"]
    bad = briefbot(*args, "diff", "--baseline", str(tmp_path / "missing.json"), env=env)
    assert bad.returncode == 2 and "Cannot read the baseline" in bad.stderr


def test_a_git_revision_is_a_baseline() -> None:
    result = briefbot("diff", "--baseline", "git:HEAD")
    assert result.returncode == 0, result.stderr
    assert "compared with git HEAD" in result.stdout
    unknown = briefbot("diff", "--baseline", "git:no-such-revision")
    assert unknown.returncode == 2 and "git has no 'no-such-revision'" in unknown.stderr
