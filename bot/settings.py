"""Runtime settings from the environment (``BRIEFBOT_*``, ``DISCORD_TOKEN``) and ``.env``.

Built once at start and passed in; nothing reads the environment anywhere else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import AliasChoices, Field, SecretStr, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

CHECKOUT = Path(__file__).resolve().parents[1]
"""The folder holding ``bot/``: defaults serve a checkout as it is."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="BRIEFBOT_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    discord_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("DISCORD_TOKEN", "BRIEFBOT_DISCORD_TOKEN")
    )
    knowledge_dir: Path = CHECKOUT / "knowledge"
    seeds_dir: Path = CHECKOUT / "seeds"
    db: Path = CHECKOUT / "briefbot.sqlite3"
    cache_dir: Path | None = None
    """Validated records per knowledge file (default: .briefbot-cache beside the database)."""
    guild_ids: Annotated[tuple[int, ...], NoDecode] = ()
    admin_role_ids: Annotated[tuple[int, ...], NoDecode] = ()

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
