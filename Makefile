# Two commands on a fresh machine: `make demo` and `make test`.
# Everything is installed into .venv from requirements.lock (exact versions).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
PIP_VERSION := 26.3

export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false

.PHONY: setup demo screenshots test test-spark build dbt-test pytest lint lint-fix lock clean chromium java

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check pip==$(PIP_VERSION)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

## Build the warehouse from the committed demo data and export the last complete week's scorecard.
demo: setup
	$(BIN)/revops demo
	$(BIN)/revops scorecard

## Retake the README's screenshots (laptop 1400x900, phone 390x844) of the demo's scorecard.
screenshots: demo chromium
	$(BIN)/python scripts/screenshot_scorecard.py output/scorecards/2026-W47 docs

## Headless Chromium for the scorecard's browser test (Debian's; no browser download).
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium; }

## Java for the local Spark session (Debian's JRE when missing; needs root).
java:
	@command -v java >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless; }

## Everything CI checks: the demo build with all dbt data and unit tests, pytest
## (the engine tests included: the demo on a private PostgreSQL server, started
## and stopped, and on a local Spark session, compared with DuckDB), lint.
test: setup chromium java
	$(BIN)/revops demo
	$(BIN)/pytest
	$(MAKE) --no-print-directory lint

## Only the Spark engine tests (part of `make test`), for work on Spark SQL.
test-spark: setup java
	$(BIN)/pytest -m spark

lint: setup
	$(BIN)/ruff check src tests/python scripts
	$(BIN)/ruff format --check src tests/python scripts
	$(BIN)/sqlfluff lint models analyses

lint-fix: setup
	$(BIN)/ruff check --fix src tests/python scripts
	$(BIN)/ruff format src tests/python scripts
	$(BIN)/sqlfluff fix models

## Re-resolve and pin every dependency (needs the package index).
lock:
	rm -rf /tmp/revops-lock && $(PYTHON) -m venv /tmp/revops-lock
	/tmp/revops-lock/bin/pip install --quiet pip==$(PIP_VERSION)
	/tmp/revops-lock/bin/pip install --quiet -e ".[dev]"
	{ echo "# Exact versions of every Python dependency, transitive ones included: what CI tested."; \
	  echo "# Regenerate with 'make lock' after changing pyproject.toml."; \
	  /tmp/revops-lock/bin/pip freeze --exclude-editable; } > requirements.lock

clean:
	rm -rf warehouse output target logs
