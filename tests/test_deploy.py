"""The Dockerfile's install and start steps, run for real in a fresh venv (no Docker here).

pip runs offline from the wheels `make install` downloaded (the dev lock holds every version
the image's lock does), so the replay installs exactly the locked files, with their hashes.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
WHEELS = ROOT / ".venv" / "wheels"


def locked(path: Path) -> dict[str, str]:
    """name -> version, as a lock file pins them."""
    pins = (line.split(" ")[0].split(";")[0] for line in path.read_text().splitlines())
    return dict(pin.split("==") for pin in pins if "==" in pin)


def test_the_image_installs_only_locked_versions_with_their_hashes() -> None:
    runs = [arg for word, arg in instructions() if word == "RUN" and arg.startswith("pip ")]
    assert runs[0] == "pip install --require-hashes -r requirements.lock"
    assert all("--no-deps" in arg for arg in runs[1:])
    image, dev = locked(ROOT / "requirements.lock"), locked(ROOT / "requirements-dev.lock")
    assert image and image.items() <= dev.items()


@pytest.mark.parametrize(
    ("lock", "extra"), [("requirements.lock", ""), ("requirements-dev.lock", "dev")]
)
def test_each_lock_satisfies_pyproject(lock: str, extra: str) -> None:
    """A dependency added to pyproject.toml without `make lock` fails here, not on a user."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + project["optional-dependencies"].get(extra, [])
    pins = {canonicalize_name(name): version for name, version in locked(ROOT / lock).items()}
    for requirement in map(Requirement, wanted):
        version = pins.get(canonicalize_name(requirement.name))
        assert version is not None, f"{lock} lacks {requirement.name}: run make lock"
        assert requirement.specifier.contains(version), f"{lock}: {requirement} but {version}"


def instructions() -> list[tuple[str, str]]:
    joined = DOCKERFILE.replace("\\\n", " ")
    out = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), " ".join(rest.split())))
    return out


def exec_form(text: str) -> list[str]:
    return list(json.loads(text))


def test_the_image_runs_as_a_non_root_user_with_a_real_healthcheck() -> None:
    steps = instructions()
    assert steps[0] == ("FROM", "python:3.11-slim")
    users = [arg for word, arg in steps if word == "USER"]
    assert users and users[-1] not in ("root", "0")
    health = next(arg for word, arg in steps if word == "HEALTHCHECK")
    assert health.endswith('CMD ["briefbot", "health"]')
    assert ("VOLUME", '["/data"]') in steps


@pytest.fixture(scope="module")
def image(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """Replay COPY, ENV and the pip RUN steps into /app and a fresh venv."""
    assert WHEELS.is_dir(), f"{WHEELS} is missing: make install downloads the locked wheels there"
    root = tmp_path_factory.mktemp("image")
    app, data, env_dir = root / "app", root / "data", root / "venv"
    app.mkdir()
    data.mkdir()
    venv.create(env_dir, with_pip=True)
    env = {
        "PATH": f"{env_dir / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(root),
        "LANG": "C.UTF-8",
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(WHEELS),
    }
    for word, arg in instructions():
        if word == "ENV":
            for assignment in shlex.split(arg):
                key, _, value = assignment.partition("=")
                env[key] = value.replace("/app", str(app)).replace("/data", str(data))
        elif word == "COPY":
            *sources, target = arg.split()
            destination = app / target
            for source in sources:
                if (ROOT / source).is_dir():
                    shutil.copytree(ROOT / source, destination)
                else:
                    destination.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(ROOT / source, destination / source)
        elif word == "RUN" and arg.startswith("pip "):
            result = subprocess.run(
                [str(env_dir / "bin" / "python"), "-m", *shlex.split(arg)],
                cwd=app,
                env=env,
                capture_output=True,
                text=True,
                timeout=900,
            )
            assert result.returncode == 0, result.stderr[-3000:]
    return app, env


def run(
    image: tuple[Path, dict[str, str]], command: list[str], stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    app, env = image
    return subprocess.run(
        command, cwd=app, env=env, input=stdin, capture_output=True, text=True, timeout=120
    )


def test_the_installed_image_validates_and_is_healthy(image: tuple[Path, dict[str, str]]) -> None:
    assert run(image, ["briefbot", "validate"]).returncode == 0
    health = exec_form(next(a for w, a in instructions() if w == "HEALTHCHECK").split("CMD ")[1])
    result = run(image, health)
    assert (result.returncode, result.stdout.strip()) == (0, "healthy"), result.stderr


def test_the_start_command_serves_without_a_token(image: tuple[Path, dict[str, str]]) -> None:
    start = exec_form(next(a for w, a in instructions() if w == "CMD"))
    result = run(image, start, stdin="/actor Bazoum\n")
    assert result.returncode == 0, result.stderr
    assert "No DISCORD_TOKEN is set" in result.stdout
    assert "Mohamed Bazoum" in result.stdout


def test_the_installed_package_carries_its_migrations(image: tuple[Path, dict[str, str]]) -> None:
    """The entry point imports the installed package, not /app/bot: a wheel without the
    .sql migrations could not open the database (it once shipped none)."""
    start = exec_form(next(a for w, a in instructions() if w == "CMD"))
    result = run(image, start, stdin="/brief\n/report the second line is a week off\n")
    assert result.returncode == 0, result.stderr
    assert "Report #1 stored for the curators" in result.stdout, result.stdout[-2000:]
    listed = run(image, ["briefbot", "reports"])
    assert "#1 [open]" in listed.stdout, listed.stderr


def test_healthcheck_fails_when_the_database_is_not_writable(
    image: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    app, env = image
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    result = run((app, env | {"BRIEFBOT_DB": str(blocked / "db.sqlite3")}), ["briefbot", "health"])
    assert result.returncode == 1
    assert "is not writable" in result.stderr


def test_healthcheck_fails_when_the_store_is_broken(
    image: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    app, env = image
    broken = tmp_path / "knowledge"
    shutil.copytree(app / "knowledge", broken)
    (broken / "bad.yaml").write_text("facts: [\n")
    result = run((app, env | {"BRIEFBOT_KNOWLEDGE_DIR": str(broken)}), ["briefbot", "health"])
    assert result.returncode == 1
    assert "the store has 1 problem(s)" in result.stderr


def test_a_malformed_setting_is_a_clear_error_before_connecting() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "BRIEFBOT_GUILD_IDS": "123,abc", "DISCORD_TOKEN": "secret-token-value"},
    )
    assert result.returncode == 2
    assert result.stderr.startswith("Bad setting: BRIEFBOT_GUILD_IDS")
    assert "secret-token-value" not in result.stderr + result.stdout
