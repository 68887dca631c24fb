# Two commands set everything up on a machine with only Python 3.11+:
#   make run    creates .venv, installs nianbao, lints the bundled corpus
#   make test   creates .venv if needed and runs the test suite (without the slow tests)
#   make test-all  the whole suite, slow tests included (what CI runs: .ci/run)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test test-all lint bench clean venv

# Tests marked slow (the heavy hostile inputs: tests/test_hostile.py) run only in test-all.
PYTEST_ARGS ?= -m "not slow"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/nianbao summary corpus/ --exit-zero
	$(BIN)/nianbao lint corpus/ --format concise --exit-zero
	$(BIN)/nianbao tree corpus/seeds/001_fe31697e2adee0d8.txt --exit-zero

# The tests, then the style checks: ruff-clean is part of passing.
test: $(STAMP)
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

test-all: $(STAMP)
	$(MAKE) test PYTEST_ARGS=

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

bench: $(STAMP)
	$(BIN)/python bench/bench.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
