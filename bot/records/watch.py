"""A topic's curated "what to watch": checks for the loader, kept pure."""

from __future__ import annotations

from collections.abc import Mapping

from bot.records.served import Fact, Topic
from bot.records.standalone import standalone_problem


def watch_problems(
    topics: Mapping[str, Topic], facts: Mapping[str, Fact]
) -> list[tuple[str, str, str]]:
    """(topic id, field, message) for each watch item naming an unknown fact or whose text
    does not stand alone, as the loader reports a lead's."""
    problems = []
    for topic in topics.values():
        for index, item in enumerate(topic.watch):
            for fact_id in item.facts:
                if fact_id not in facts:
                    problems.append(
                        (topic.id, f"watch[{index}].facts", f"unknown fact {fact_id!r}")
                    )
            unclear = standalone_problem(item.text)
            if unclear:
                problems.append((topic.id, f"watch[{index}].text", f"the text {unclear}"))
    return problems
