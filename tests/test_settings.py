"""Settings from the environment and .env, read by hand (no pydantic-settings)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.settings import Settings


def test_variables_win_over_the_env_file_and_names_ignore_case(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        "# comment\n"
        "export BRIEFBOT_DB='/data/from-file.sqlite3'\n"
        'DISCORD_TOKEN="file-token"\n'
        "BRIEFBOT_GUILD_IDS=1, 2 # two servers\n"
        "not a setting\n",
        encoding="utf-8",
    )
    settings = Settings.load(environ={"briefbot_db": "/data/env.sqlite3"}, env_file=env_file)
    assert settings.db == Path("/data/env.sqlite3")
    assert settings.guild_ids == (1, 2)
    assert settings.discord_token is not None
    assert settings.discord_token.get_secret_value() == "file-token"
    assert "file-token" not in repr(settings)


def test_values_given_win_and_a_missing_env_file_is_fine(tmp_path: Path) -> None:
    settings = Settings.load(
        environ={"BRIEFBOT_DB": "/x.sqlite3"}, env_file=tmp_path / "none", db=Path("/y")
    )
    assert settings.db == Path("/y") and settings.discord_token is None


def test_a_bad_value_names_its_field() -> None:
    with pytest.raises(ValidationError) as bad:
        Settings.load(environ={"BRIEFBOT_GUILD_IDS": "12,abc"}, env_file=None)
    assert bad.value.errors()[0]["loc"][0] == "guild_ids"
    blank = Settings.load(environ={"DISCORD_TOKEN": "  "}, env_file=None)
    assert blank.discord_token is None
