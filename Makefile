# The two commands a newcomer types: `make run` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test test-fast bench demo clean lint

# The virtual environment, reinstalled whenever the pins change.
$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test,lint]"
	@touch $(STAMP)

## Open the console; builds the embedded SQLite database with demo data the first time.
run: $(STAMP)
	$(BIN)/console-tui demo --if-missing
	$(BIN)/console-tui

## The whole test suite, on every core (pytest-xdist; the PostgreSQL half needs CONSOLE_TUI_TEST_PG_URL).
test: $(STAMP)
	$(BIN)/python -m pytest -q -n auto

## The fast tier while working: domain, data on SQLite, CLI, one smoke test per screen.
## Many short tests: an idle worker takes tests from the other's queue (worksteal), 52 s instead of 65 s.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -n auto --dist worksteal -m "not slow and not pty and not browser and not postgres"

## Static checks: ruff, mypy, import-linter contracts.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

## Benchmarks: print figures and ratios (not part of the test run).
bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
