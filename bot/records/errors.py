"""Domain exceptions: every failure a user or curator can cause has a name."""

from __future__ import annotations

import msgspec


class BriefbotError(Exception):
    """Base class for failures that are reported to a person, not crashes."""

    def __init__(self, message: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.suggestions = suggestions

    kind = "error"


class NotFound(BriefbotError):
    """Nothing in the store matches; ``suggestions`` holds the nearest names."""

    kind = "not_found"


class Ambiguous(BriefbotError):
    """Several entries match equally well; ``suggestions`` holds them."""

    kind = "ambiguous"


class InvalidDate(BriefbotError):
    kind = "invalid_date"

    def __init__(self, text: str, reason: str, message: str | None = None) -> None:
        super().__init__(message or f"{text!r} is not a date I understand: {reason}.")
        self.text = text
        self.reason = reason


class InvalidCommand(BriefbotError):
    """A command line that cannot be parsed: unknown command, option or missing value."""

    kind = "invalid_command"


class Problem(msgspec.Struct, frozen=True):
    """One thing wrong with the knowledge files, located as precisely as possible."""

    file: str
    message: str
    record: str | None = None
    field: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        what = " ".join(
            part
            for part in (
                f"[{self.record}]" if self.record else "",
                f"{self.field}:" if self.field else "",
            )
            if part
        )
        return f"{where}: {what} {self.message}" if what else f"{where}: {self.message}"


class StoreInvalid(Exception):
    """The knowledge files have problems; nothing was loaded."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the knowledge files")
