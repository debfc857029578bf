"""Issue 25: drafts that know about each other, and the tools doing what the README says
(``promote --reviewed <ids>``, ``validate --drafts``, the role stub). Articles of our own."""

from __future__ import annotations

import pytest

from tests.conftest import StoreCopy
from tests.test_cli import briefbot

FIRST = """Spokesman Briefs Press

BAMAKO, March 13 (Sahel Wire) - Farid Ouattara, a spokesman for Mali's transitional \
authorities, said on Friday that Mali would keep its border with Niger open.

Farid Ouattara said Mali's army had retaken Kati from armed groups.
"""

SECOND = """Talks Continue

BAMAKO, March 14 (Sahel Wire) - Farid Ouattara told reporters on Saturday that Mali had \
set no date for new negotiations with Niger.

The charity Kati Relief said it had reopened two clinics in Kati.
"""


def _cli(copy: StoreCopy, *words: str, stdin: str | None = None) -> tuple[int, str]:
    ran = briefbot(
        "--knowledge", str(copy.knowledge), "--seeds", str(copy.seeds), *words, stdin=stdin
    )
    return ran.returncode, ran.stdout + ran.stderr


@pytest.fixture
def two(copy: StoreCopy) -> StoreCopy:
    for name, text, day in (("first", FIRST, "2026-03-13"), ("second", SECOND, "2026-03-14")):
        code, said = _cli(
            copy, "ingest", "-", "--title", name, "--published", day, "--id", name, stdin=text
        )
        assert code == 0, said
    for name in ("first", "second"):
        code, said = _cli(copy, "draft", name)
        assert code == 0, said
    return copy


def _review(copy: StoreCopy, name: str) -> str:
    path = copy.knowledge / "drafts" / f"{name}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("reviewed: false", "reviewed: true"), encoding="utf-8")
    return text


def _line_of(copy: StoreCopy, name: str, text: str) -> int:
    lines = (copy.knowledge / "drafts" / f"{name}.yaml").read_text(encoding="utf-8").splitlines()
    return lines.index(text) + 1


def test_an_actor_another_draft_proposes_is_linked_not_proposed_again(two: StoreCopy) -> None:
    first = (two.knowledge / "drafts" / "first.yaml").read_text()
    second = (two.knowledge / "drafts" / "second.yaml").read_text()
    assert "  - id: farid-ouattara" in first
    assert "  - id: farid-ouattara" not in second and "farid-ouattara-2" not in second
    assert '"farid-ouattara"' in second  # linked, with a note saying where it is proposed
    assert "farid-ouattara was proposed in drafts/first.yaml when this was drafted" in second
    # promoting the second before the first is refused and says why; nothing moves
    _review(two, "first")
    _review(two, "second")
    before = {p: p.read_bytes() for p in two.knowledge.rglob("*") if p.is_file()}
    code, said = _cli(two, "validate", "--drafts")
    assert code == 1 and "actor farid-ouattara is only proposed in drafts/first.yaml" in said
    # each problem names the line of its entry, as the loader's problems do
    line = _line_of(two, "second", "  - id: second-01")
    assert f"drafts/second.yaml:{line}: [second-01] actor farid-ouattara" in said
    code, said = _cli(two, "promote", "second", "--all")
    assert code == 1 and "farid-ouattara (proposed in drafts/first.yaml)" in said
    # the refusal names the entry and its line, as validate --drafts does
    assert f"second-01 (drafts/second.yaml:{line}) uses farid-ouattara" in said, said
    assert {p: p.read_bytes() for p in two.knowledge.rglob("*") if p.is_file()} == before
    code, said = _cli(two, "promote", "first", "--all")
    assert code == 0, said
    code, said = _cli(two, "promote", "second", "--all")
    assert code == 0, said  # no duplicate id: the actor is in the store once
    assert (two.knowledge / "actors.yaml").read_text().count("  - id: farid-ouattara\n") == 1


def test_a_proposal_promoted_meanwhile_is_not_added_twice(copy: StoreCopy) -> None:
    for name, text, day in (("first", FIRST, "2026-03-13"), ("second", SECOND, "2026-03-14")):
        _cli(copy, "ingest", "-", "--title", name, "--published", day, "--id", name, stdin=text)
    # both drafted before either is promoted, without knowing of each other
    _cli(copy, "draft", "first")
    (copy.knowledge / "drafts" / "first.yaml").rename(copy.root / "first.yaml")
    _cli(copy, "draft", "second")
    (copy.root / "first.yaml").rename(copy.knowledge / "drafts" / "first.yaml")
    assert "  - id: farid-ouattara" in (copy.knowledge / "drafts" / "second.yaml").read_text()
    _review(copy, "first")
    _review(copy, "second")
    assert _cli(copy, "promote", "first", "--all")[0] == 0
    code, said = _cli(copy, "promote", "second", "--all")
    assert code == 0, said
    assert (copy.knowledge / "actors.yaml").read_text().count("  - id: farid-ouattara\n") == 1
    assert not (copy.knowledge / "drafts" / "second.yaml").exists()


def test_promote_reviewed_with_ids_refuses_an_unreviewed_one(two: StoreCopy) -> None:
    path = two.knowledge / "drafts" / "first.yaml"
    text = path.read_text()
    before = {p: p.read_bytes() for p in two.knowledge.rglob("*") if p.is_file()}
    code, said = _cli(two, "promote", "first", "--reviewed", "first-01")
    assert code == 1 and "Not reviewed yet: first-01" in said and "nothing was promoted" in said
    assert {p: p.read_bytes() for p in two.knowledge.rglob("*") if p.is_file()} == before
    path.write_text(text.replace("reviewed: false", "reviewed: true"))
    code, said = _cli(two, "promote", "first", "--reviewed", "first-01")
    assert code == 0, said


def test_validate_drafts_flags_a_text_never_rewritten(two: StoreCopy) -> None:
    _review(two, "first")
    (two.knowledge / "drafts" / "second.yaml").unlink()
    code, said = _cli(two, "validate", "--drafts")
    line = _line_of(two, "first", "  - id: first-01")
    assert code == 1, said
    assert f"drafts/first.yaml:{line}: [first-01] text still begins with the article's" in said
    path = two.knowledge / "drafts" / "first.yaml"
    text = path.read_text()
    start = text.index('    text: "BAMAKO, March 13')
    end = text.index("\n", start)
    rewritten = (
        "    text: \"Farid Ouattara, a spokesman for Mali's transitional authorities, said Mali"
        ' would keep its border with Niger open."'
    )
    path.write_text(text[:start] + rewritten + text[end:])
    code, said = _cli(two, "validate", "--drafts")
    assert code == 0, said


def test_a_proposed_actor_gets_the_role_its_appositive_gives(two: StoreCopy) -> None:
    """The role is the article's own words beside the name, cited and to be checked (not
    one commented stub for every proposal)."""
    first = (two.knowledge / "drafts" / "first.yaml").read_text()
    block = first[first.index("  - id: farid-ouattara") : first.index("facts:")]
    assert '    role:\n      text: "Spokesman for Mali\'s transitional authorities"' in block
    assert "        - source: first" in block and "# check: role from the article" in block
    assert "Spokesman for Niger's military government" not in first
    kinds = (two.knowledge / "drafts" / "second.yaml").read_text()
    assert '    name: "Kati Relief"\n' in kinds
    assert "kind: organisation" in kinds[kinds.index('name: "Kati Relief"') :][:200]


@pytest.mark.parametrize("shift", [-2, 2], ids=["dedented", "indented"])
def test_promote_reviewed_takes_a_draft_an_editor_re_indented(two: StoreCopy, shift: int) -> None:
    path = two.knowledge / "drafts" / "first.yaml"
    lines = path.read_text(encoding="utf-8").replace("reviewed: false", "reviewed: true")
    moved = [
        (line[2:] if shift < 0 else "  " + line) if line.startswith("  ") else line
        for line in lines.splitlines()
    ]
    path.write_text("\n".join(moved) + "\n", encoding="utf-8")
    code, said = _cli(two, "promote", "first", "--reviewed")
    assert code == 0, said
    facts = (two.knowledge / "facts" / "first.yaml").read_text(encoding="utf-8")
    assert "  - id: first-01\n    # line" in facts  # indented as the store's files are
    actors = (two.knowledge / "actors.yaml").read_text()
    assert "  - id: farid-ouattara\n" in actors
    assert "# proposed:" not in actors and "# role:" not in actors  # the draft's notes stay
    assert not path.exists()
    assert _cli(two, "validate")[0] == 0


def test_promote_all_with_reviewed_or_ids_is_refused_not_ignored(two: StoreCopy) -> None:
    _review(two, "first")
    before = {p: p.read_bytes() for p in two.knowledge.rglob("*") if p.is_file()}
    for words in (
        ("--all", "--reviewed"),
        ("first-01", "--all"),
        ("--all", "first-01"),  # ids after the flag: the same message, not argparse's
        ("--all", "--reviewed", "x"),
    ):
        code, said = _cli(two, "promote", "first", *words)
        assert code == 2 and "--all promotes every draft fact: give it alone" in said, words
    assert {p: p.read_bytes() for p in two.knowledge.rglob("*") if p.is_file()} == before


def test_ingest_problems_read_without_pydantics_prefix(copy: StoreCopy) -> None:
    code, said = _cli(
        copy,
        "ingest",
        "-",
        "--title",
        "Estimated",
        "--published",
        "2026-01",
        "--estimated",
        stdin="An article of our own with no reasoning given for its date.\n",
    )
    assert code == 1 and "an estimated date needs its reasoning" in said
    assert "Value error" not in said
