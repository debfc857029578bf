"""Runtime settings from the environment (``BRIEFBOT_*``, ``DISCORD_TOKEN``) and ``.env``.

Built once at start (:meth:`Settings.load`) and passed in; nothing reads the environment
anywhere else. Read by hand rather than with pydantic-settings, whose import alone took
half of a ``briefbot ask``: variables win over ``.env``, names are case-insensitive.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, SecretStr, ValidationInfo, field_validator

CHECKOUT = Path(__file__).resolve().parents[1]
"""The folder holding ``bot/``: defaults serve a checkout as it is."""
PREFIX = "BRIEFBOT_"
TOKEN = "DISCORD_TOKEN"


def read_env_file(path: Path) -> dict[str, str]:
    """``KEY=value`` lines of a dotenv file (``export``, quotes and comments allowed)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError):
        return {}
    values: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        elif " #" in value:
            value = value.split(" #", 1)[0].rstrip()
        values[key.strip()] = value
    return values


class Settings(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    discord_token: SecretStr | None = None
    knowledge_dir: Path = CHECKOUT / "knowledge"
    seeds_dir: Path = CHECKOUT / "seeds"
    db: Path = CHECKOUT / "briefbot.sqlite3"
    cache_dir: Path | None = None
    """Validated records per knowledge file (default: .briefbot-cache beside the database)."""
    guild_ids: tuple[int, ...] = ()
    admin_role_ids: tuple[int, ...] = ()

    @classmethod
    def load(
        cls,
        environ: Mapping[str, str] | None = None,
        env_file: Path | None = Path(".env"),
        **values: Any,
    ) -> Self:
        """Settings from ``values``, else the environment, else ``env_file``, else defaults;
        pydantic's ``ValidationError`` names the field of a bad value."""
        found: dict[str, Any] = {}
        variables = os.environ if environ is None else environ
        for source in (read_env_file(env_file) if env_file else {}, variables):
            for key, value in source.items():
                name = key.upper()
                if name == TOKEN:
                    found["discord_token"] = value
                elif name.startswith(PREFIX):
                    found[name.removeprefix(PREFIX).lower()] = value
        return cls.model_validate({**found, **values})

    @property
    def record_cache(self) -> Path:
        return self.cache_dir or self.db.parent / ".briefbot-cache"

    @property
    def last_good(self) -> Path:
        """A copy of the files last served, started from when the files are broken."""
        return self.db.parent / ".briefbot-last-good"

    @field_validator("guild_ids", "admin_role_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(
                part.strip() for part in value.replace(";", ",").split(",") if part.strip()
            )
        return value

    @field_validator("discord_token", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("admin_role_ids", mode="after")
    @classmethod
    def _everyone_is_not_an_admin_role(
        cls, value: tuple[int, ...], info: ValidationInfo
    ) -> tuple[int, ...]:
        everyone = set(value) & set(info.data.get("guild_ids", ()))
        if everyone:
            raise ValueError(
                f"lists {', '.join(map(str, sorted(everyone)))}, a server's own id: that is its "
                "@everyone role, which would make every member an admin"
            )
        return value
