"""Settings from the environment and .env, read by hand (no pydantic)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import Secret, Settings, SettingsError


def test_variables_win_over_the_env_file_and_names_ignore_case(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        "# comment\n"
        "export BRIEFBOT_DB='/data/from-file.sqlite3'\n"
        'DISCORD_TOKEN="file-token"\n'
        "BRIEFBOT_GUILD_IDS=1, 2 # two servers\n"
        "BRIEFBOT_ADMIN_ROLE_IDS=3;4\n"
        "BRIEFBOT_UNKNOWN=whatever\n"
        "not a setting\n",
        encoding="utf-8",
    )
    settings = Settings.load(environ={"briefbot_db": "/data/env.sqlite3"}, env_file=env_file)
    assert settings.db == Path("/data/env.sqlite3")
    assert settings.guild_ids == (1, 2)
    assert settings.admin_role_ids == (3, 4)
    assert settings.discord_token is not None
    assert settings.discord_token.get_secret_value() == "file-token"
    assert "file-token" not in repr(settings) + str(settings)


def test_values_given_win_and_a_missing_env_file_is_fine(tmp_path: Path) -> None:
    settings = Settings.load(
        environ={"BRIEFBOT_DB": "/x.sqlite3"}, env_file=tmp_path / "none", db=Path("/y")
    )
    assert settings.db == Path("/y") and settings.discord_token is None


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("BRIEFBOT_GUILD_IDS", "12,abc", "BRIEFBOT_GUILD_IDS: 'abc' is not a Discord id"),
        ("BRIEFBOT_GUILD_IDS", "12,-3", "BRIEFBOT_GUILD_IDS: '-3' is not a Discord id"),
        ("BRIEFBOT_ADMIN_ROLE_IDS", "0", "BRIEFBOT_ADMIN_ROLE_IDS: '0' is not a Discord id"),
        ("BRIEFBOT_ADMIN_ROLE_IDS", "１２", "BRIEFBOT_ADMIN_ROLE_IDS: '１２' is not a Discord id"),
        (
            "BRIEFBOT_GUILD_IDS",
            "9" * 5000,
            "BRIEFBOT_GUILD_IDS: '" + "9" * 40 + "' is not a Discord",
        ),
        ("BRIEFBOT_GUILD_IDS", str(2**64), f"BRIEFBOT_GUILD_IDS: '{2**64}' is not a Discord id"),
    ],
)
def test_a_bad_value_names_its_variable(variable: str, value: str, message: str) -> None:
    with pytest.raises(SettingsError) as bad:
        Settings.load(environ={variable: value, "DISCORD_TOKEN": "tok-123"}, env_file=None)
    assert str(bad.value).startswith(message)
    assert "tok-123" not in str(bad.value)


def test_blank_values_are_the_defaults() -> None:
    blank = Settings.load(
        environ={"DISCORD_TOKEN": "  ", "BRIEFBOT_DB": "", "BRIEFBOT_GUILD_IDS": " "},
        env_file=None,
    )
    assert blank == Settings()


def test_a_server_id_is_not_an_admin_role() -> None:
    with pytest.raises(SettingsError, match="BRIEFBOT_ADMIN_ROLE_IDS lists 5, a server's own"):
        Settings.load(
            environ={"BRIEFBOT_GUILD_IDS": "5,6", "BRIEFBOT_ADMIN_ROLE_IDS": "7,5"}, env_file=None
        )


def test_the_token_never_shows() -> None:
    secret = Secret("hunter2")
    assert "hunter2" not in repr(secret) + str(secret) + f"{secret}"
    assert secret == Secret("hunter2") and secret.get_secret_value() == "hunter2"
    settings = Settings(discord_token=secret)
    assert "hunter2" not in repr(settings)


def test_command_line_folders_replace_only_what_is_given(tmp_path: Path) -> None:
    base = Settings(db=tmp_path / "db")
    moved = base.with_folders(tmp_path / "k", None)
    assert moved.knowledge_dir == tmp_path / "k"
    assert moved.seeds_dir == base.seeds_dir and moved.db == base.db
