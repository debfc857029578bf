# briefbot: `make run` and `make test` work on a fresh machine with Python 3.11 and pip.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run console test lint format validate schema bench clean

install: $(STAMP)

# compileall: bytecode, as installing a package compiles it (with PYTHONDONTWRITEBYTECODE
# set, every `briefbot ask` would otherwise compile the bot's modules again)
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m compileall -q bot
	touch $(STAMP)

run: install  ## Discord when DISCORD_TOKEN is set, else the local console
	$(BIN)/briefbot run

console: install
	$(BIN)/briefbot console

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check bot tests benchmarks
	$(BIN)/ruff format --check bot tests benchmarks
	$(BIN)/mypy

format: install
	$(BIN)/ruff format bot tests benchmarks
	$(BIN)/ruff check --fix bot tests benchmarks

bench: install  ## every figure, one table, benchmarks/results.json (see BENCHMARKS.md)
	$(BIN)/python -m benchmarks.run

validate: install
	$(BIN)/briefbot validate

schema: install
	$(BIN)/briefbot schema

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
