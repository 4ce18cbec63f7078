# Two commands on a fresh machine: `make demo` and `make test`.
# Everything is installed into .venv from requirements.lock (exact versions).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
PIP_VERSION := 26.3
# The BI tool (Apache Superset) in its own virtualenv: it pins SQLAlchemy < 2,
# pandas < 2.2 and numpy < 2.3, which the project's dependencies do not allow.
BI_VENV := .venv-bi
BI_STAMP := $(BI_VENV)/.installed-$(shell cat requirements-bi.lock | cksum | cut -d' ' -f1)

export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false

.PHONY: setup bi-setup bi test-bi lock-bi demo screenshots test test-fast test-spark build dbt-test pytest lint lint-fix lock clean chromium java

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check pip==$(PIP_VERSION)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

bi-setup: $(BI_STAMP)

$(BI_STAMP): requirements-bi.lock
	@test -x $(BI_VENV)/bin/python || $(PYTHON) -m venv $(BI_VENV)
	$(BI_VENV)/bin/python -m pip install --quiet --disable-pip-version-check pip==$(PIP_VERSION)
	$(BI_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-bi.lock
	@rm -f $(BI_VENV)/.installed-*
	@touch $@

## Superset on 127.0.0.1 with the committed dashboards, on the BI snapshot (after make demo).
bi: setup bi-setup
	$(BIN)/revops bi

## Only the Superset tests (part of `make test`).
test-bi: setup bi-setup chromium
	$(BIN)/pytest -m bi tests/python/test_bi_superset.py

## Re-resolve and pin the BI virtualenv (needs the package index).
lock-bi:
	rm -rf /tmp/revops-lock-bi && $(PYTHON) -m venv /tmp/revops-lock-bi
	/tmp/revops-lock-bi/bin/pip install --quiet pip==$(PIP_VERSION)
	/tmp/revops-lock-bi/bin/pip install --quiet apache-superset==6.1.0 duckdb-engine==0.17.0 \
	  duckdb==1.4.5 SQLAlchemy==1.4.54 flask-caching==2.3.1 flask-limiter==3.12 cachetools \
	  psycopg2-binary
	{ head -4 requirements-bi.lock; /tmp/revops-lock-bi/bin/pip freeze; } > requirements-bi.lock.new
	mv requirements-bi.lock.new requirements-bi.lock

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
## Two pytest workers (CI has two cores), a whole test file to one worker so
## that its module fixtures (often warehouse builds) are made once.
test: setup bi-setup chromium java
	$(BIN)/revops demo
	$(BIN)/pytest -n 2 --dist loadfile --durations=40
	$(MAKE) --no-print-directory lint

## The everyday tier, a few minutes: the demo build with every dbt unit and data
## test, the pytest tests that build no warehouse (-m "not slow"), lint.
test-fast: setup chromium
	$(BIN)/revops demo
	$(BIN)/pytest -n 2 -m "not slow"
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
