# Two commands set everything up on a machine with only Python 3.11+:
#   make run    creates .venv, installs nianbao, summarises the bundled corpus, shows one report
#   make test   creates .venv if needed and runs the test suite (without the slow tests)
#   make test-all  the whole suite, slow tests included (what CI runs: .ci/run)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test test-all lint bench clean venv docs readme

# Tests marked slow (heavy hostile inputs, every real report in every form, browser runs) run only in test-all.
PYTEST_ARGS ?= -m "not slow"
# The suite runs on every core (pytest-xdist); JOBS=0 runs it in one process (for pdb, or -x).
JOBS ?= auto

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	@# the build backend's notices (an editable install's) go to a log, shown only when the install fails
	$(BIN)/python -m pip install --quiet --upgrade pip 2> $(VENV)/install.log || (cat $(VENV)/install.log; exit 1)
	$(BIN)/python -m pip install --quiet -e '.[dev]' 2>> $(VENV)/install.log || (cat $(VENV)/install.log; exit 1)
	@touch $(STAMP)

venv: $(STAMP)

# First contact: the bundled reports in one table, then one report with errors as a tree.
run: $(STAMP)
	@$(BIN)/nianbao summary corpus/ --exit-zero
	@echo
	@$(BIN)/nianbao tree corpus/seeds/001_fe31697e2adee0d8.txt --exit-zero
	@echo
	@echo "nianbao lint corpus/seeds/001_fe31697e2adee0d8.txt   # every finding with its source line"

# The tests, then the style checks: ruff-clean is part of passing.
test: $(STAMP)
	@# the suite starts many interpreters: let them keep compiled modules (__pycache__, ignored by
	@# git) even where the environment turns that off, instead of compiling every module each time
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -q -n $(JOBS) $(PYTEST_ARGS)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

test-all: $(STAMP)
	$(MAKE) test PYTEST_ARGS=

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

# The documentation site from docs/ into site/ (mkdocs; installed on first use).
docs: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[docs]'
	$(BIN)/mkdocs build --strict

# Rewrite the command outputs shown in README.md from today's program (then read the diff).
readme: $(STAMP)
	$(BIN)/python bench/readme.py --write

bench: $(STAMP)
	$(BIN)/python bench/bench.py

clean:
	rm -rf $(VENV) build site *.egg-info src/*.egg-info .pytest_cache .ruff_cache
