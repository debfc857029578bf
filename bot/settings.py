"""Runtime settings from the environment (``BRIEFBOT_*``, ``DISCORD_TOKEN``) and ``.env``.

Built once at start (:meth:`Settings.load`) and passed in; nothing reads the environment
anywhere else. ``.env`` is read by python-dotenv; values are converted here, each by its
field's parser. Variables win over ``.env``; names are case-insensitive; a bad value is a
:class:`SettingsError` naming its variable (never showing the token).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Self

import msgspec

CHECKOUT = Path(__file__).resolve().parents[1]
"""The folder holding ``bot/``: defaults serve a checkout as it is."""
PREFIX = "BRIEFBOT_"
TOKEN = "DISCORD_TOKEN"


class SettingsError(ValueError):
    """A setting's value is unusable; the message starts with the variable's name."""


class Secret:
    """A value that never shows in a repr, a log line or a traceback's locals."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get_secret_value(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('**********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


def read_env_file(path: Path) -> dict[str, str]:
    """The ``KEY=value`` lines of a dotenv file, read by python-dotenv (nothing when the
    file is absent: python-dotenv is then not even imported)."""
    if not path.is_file():
        return {}
    from dotenv import dotenv_values

    return {key: value for key, value in dotenv_values(path).items() if value is not None}


class Settings(msgspec.Struct, frozen=True):
    discord_token: Secret | None = None
    knowledge_dir: Path = CHECKOUT / "knowledge"
    seeds_dir: Path = CHECKOUT / "seeds"
    db: Path = CHECKOUT / "briefbot.sqlite3"
    cache_dir: Path | None = None
    """The saved stores (default: .briefbot-cache beside the database)."""
    guild_ids: tuple[int, ...] = ()
    admin_role_ids: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        everyone = set(self.admin_role_ids) & set(self.guild_ids)
        if everyone:
            raise SettingsError(
                f"{PREFIX}ADMIN_ROLE_IDS lists {', '.join(map(str, sorted(everyone)))}, a "
                "server's own id: that is its @everyone role, which would make every member "
                "an admin"
            )

    @classmethod
    def load(
        cls,
        environ: Mapping[str, str] | None = None,
        env_file: Path | None = Path(".env"),
        **values: Any,
    ) -> Self:
        """Settings from ``values``, else the environment, else ``env_file``, else defaults.

        Unknown ``BRIEFBOT_*`` variables and blank values are ignored; a bad value raises
        :class:`SettingsError` naming its variable (never showing the token)."""
        found: dict[str, Any] = {}
        variables = os.environ if environ is None else environ
        for source in (read_env_file(env_file) if env_file else {}, variables):
            for key, text in source.items():
                name = key.upper()
                if name == TOKEN:
                    found["discord_token"] = _token(text)
                elif name.startswith(PREFIX):
                    field = name.removeprefix(PREFIX).lower()
                    parse = _PARSERS.get(field)
                    if parse is not None and text.strip():  # blank: the default
                        found[field] = parse(name, text.strip())
        return cls(**(found | values))

    def with_folders(self, knowledge: Path | None, seeds: Path | None) -> Self:
        """These settings with the knowledge or seeds folder given on the command line.

        The saved stores follow a folder given so (``.briefbot-cache`` beside the knowledge
        folder, else beside the seeds folder), unless ``BRIEFBOT_CACHE_DIR`` names one: a
        store kept elsewhere never writes its cache into the checkout."""
        cache = self.cache_dir
        given = knowledge or seeds
        if cache is None and given is not None:
            cache = given.absolute().parent / ".briefbot-cache"
        return msgspec.structs.replace(
            self,
            knowledge_dir=knowledge or self.knowledge_dir,
            seeds_dir=seeds or self.seeds_dir,
            cache_dir=cache,
        )

    @property
    def record_cache(self) -> Path:
        return self.cache_dir or self.db.parent / ".briefbot-cache"

    @property
    def last_good(self) -> Path:
        """A copy of the files last served, started from when the files are broken."""
        return self.db.parent / ".briefbot-last-good"


def _token(text: str) -> Secret | None:
    return Secret(text.strip()) if text.strip() else None


def _path(_name: str, text: str) -> Path:
    return Path(text)


def _ids(name: str, text: str) -> tuple[int, ...]:
    """``1, 2`` or ``1;2``: Discord ids (snowflakes), positive whole numbers."""
    ids = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        # a snowflake is a 64-bit number: at most 20 digits (and int() of thousands of
        # digits raises, rather than reading them)
        if not part.isascii() or not part.isdigit() or len(part) > 20 or not 0 < int(part) < 2**64:
            raise SettingsError(
                f"{name}: {part[:40]!r} is not a Discord id (a positive whole number); "
                "separate ids with commas"
            )
        ids.append(int(part))
    return tuple(ids)


_PARSERS: dict[str, Callable[[str, str], Any]] = {
    "knowledge_dir": _path,
    "seeds_dir": _path,
    "db": _path,
    "cache_dir": _path,
    "guild_ids": _ids,
    "admin_role_ids": _ids,
}
