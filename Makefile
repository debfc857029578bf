# briefbot: `make run` and `make test` work on a fresh machine with Python 3.11 and pip.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PIP    := $(BIN)/python -m pip
WHEELS := $(VENV)/wheels

.PHONY: install lock run console test lint format validate schema bench clean

install: $(STAMP)

# Every version and file hash comes from requirements-dev.lock (make lock refreshes it), so
# two machines install the same code. The wheels are downloaded once into $(WHEELS), which
# the deploy test installs the image's requirements.lock from, offline, by the machine's own
# pip while the venv is being made (its 5 s overlap the download). The dependencies are
# installed without compiling their bytecode (--no-compile: 10 of a fresh install's 18 s
# here): Python writes it into the venv the first time each module is imported. The bot's
# own bytecode is compiled (with PYTHONDONTWRITEBYTECODE set, every `briefbot ask` would
# otherwise compile the bot's modules again).
$(STAMP): pyproject.toml requirements-dev.lock
	$(PYTHON) -m venv $(VENV) & venv=$$!; \
	$(PYTHON) -m pip download --quiet --disable-pip-version-check --require-hashes --no-deps \
		-r requirements-dev.lock -d $(WHEELS) || { wait $$venv; exit 1; }; \
	wait $$venv
	$(PIP) install --quiet --no-compile --require-hashes --no-index --find-links $(WHEELS) -r requirements-dev.lock
	PYTHONWARNINGS=ignore $(PIP) install --quiet --no-deps --no-build-isolation --no-index -e .
	$(BIN)/python -m compileall -q bot
	touch $(STAMP)

# Refresh both lock files to the newest versions pyproject.toml allows (needs the network);
# commit them with the change that needed them. setuptools is locked for the no-isolation
# build of the bot itself. requirements.lock (the image's) keeps the dev lock's versions.
LOCKFLAGS := --universal --python-version 3.11 --generate-hashes --quiet
lock: install
	$(PIP) install --quiet uv
	echo 'setuptools>=68' | $(BIN)/uv pip compile pyproject.toml - --extra dev --upgrade $(LOCKFLAGS) -o requirements-dev.lock
	echo 'setuptools>=68' | $(BIN)/uv pip compile pyproject.toml - -c requirements-dev.lock $(LOCKFLAGS) -o requirements.lock

run: install  ## Discord when DISCORD_TOKEN is set, else the local console
	$(BIN)/briefbot run

console: install
	$(BIN)/briefbot console

test: install
	$(BIN)/python -m pytest -n 2 --dist loadfile --durations=10

lint: install
	$(BIN)/ruff check bot tests benchmarks testkit
	$(BIN)/ruff format --check bot tests benchmarks testkit
	$(BIN)/mypy

format: install
	$(BIN)/ruff format bot tests benchmarks testkit
	$(BIN)/ruff check --fix bot tests benchmarks testkit

bench: install  ## every figure, one table, benchmarks/results.json (see BENCHMARKS.md)
	$(BIN)/python -m benchmarks.run

validate: install
	$(BIN)/briefbot validate

schema: install
	$(BIN)/briefbot schema

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
