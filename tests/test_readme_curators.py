"""The README's curator section says what the tools do: `after` lives inside `date`."""

from __future__ import annotations

import pytest

from bot.records.errors import StoreInvalid
from tests.conftest import ROOT, StoreCopy

FACT = """facts:
  - id: germany-present
    kind: background
    text: Germany continues to maintain a presence in the Sahel region.
{extra}    citations:
      - source: checker-bamako-visit
        quote: countries such as Germany continue to maintain a presence
"""


def test_the_readme_documents_after_inside_date() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Inside `date`, `after: [fact-id]`" in readme
    assert 'date: {when: "2026-02", relative: true, after: [checker-visits-bamako]}' in readme


def test_after_inside_date_orders_and_at_the_top_level_is_refused(copy: StoreCopy) -> None:
    copy.write(
        "knowledge/facts/new.yaml",
        FACT.format(
            extra='    date: {when: "2026-02", relative: true, after: [checker-visits-bamako]}\n'
        ),
    )
    fact = copy.load().facts["germany-present"]
    assert fact.date is not None and fact.date.after == ("checker-visits-bamako",)
    copy.write(
        "knowledge/facts/new.yaml", FACT.format(extra="    after: [checker-visits-bamako]\n")
    )
    with pytest.raises(StoreInvalid) as caught:
        copy.load()
    assert any("after" in (p.field or "") + p.message for p in caught.value.problems)


def test_the_readme_says_the_store_records_no_future_dates() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "**the store records no future dates**" in readme
    assert (
        "`--reviewed <fact-id> …` for the named ones, every one of\n   which must be reviewed"
        in (readme)
    )
