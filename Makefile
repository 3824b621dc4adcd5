# The two commands a newcomer types: `make run` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test bench demo clean lint

# The virtual environment, reinstalled whenever the pins change.
$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	@touch $(STAMP)

## Open the console; builds the embedded SQLite database with demo data the first time.
run: $(STAMP)
	$(BIN)/console-tui demo --if-missing
	$(BIN)/console-tui

## The whole test suite.
test: $(STAMP)
	$(BIN)/python -m pytest -q

## Benchmarks: print figures and ratios (not part of the test run).
bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
