"""The same dbt project on DuckDB, PostgreSQL and Spark: clean demo builds, equal
scorecard numbers, and BI access that reaches the marts and nothing else.

PostgreSQL (a private server on 127.0.0.1, started and stopped here) runs here;
Spark (a local session) in test_engines_spark.py, a file of its own so that
pytest's two workers build the two engines at the same time (marker `spark`:
`make test-spark` runs it alone).
DuckDB, the embedded default, is the reference every engine is compared with.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from parse_cases import differences, parse_query

PROJECT_DIR = Path(__file__).resolve().parents[2]
DBT = str(Path(sys.executable).with_name("dbt"))
POSTGRES_SERVER = PROJECT_DIR / "scripts" / "postgres_test_server.sh"
LAST_WEEKS = ("2026-W45", "2026-W46", "2026-W47")
RELATIVE_TOLERANCE = Decimal("1e-6")
# Contract types every engine accepts as written (Spark's spellings are
# translated by macros/engines/spark_types.sql).
PORTABLE_TYPES = re.compile(
    r"^(varchar|integer|bigint|boolean|date|timestamp|double precision|decimal\(\d+, ?\d+\))$"
)


@dataclass
class EngineBuild:
    """A demo build on one engine: its environment and how long each step took."""

    target: str
    env: dict[str, str]
    seconds: dict[str, float]
    outputs: dict[str, subprocess.CompletedProcess[str]]

    def dbt(self, *args: str, timeout: int = 1800) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [DBT, *args],
            cwd=PROJECT_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def step(self, name: str, *args: str) -> None:
        started = time.monotonic()
        self.outputs[name] = self.dbt(*args)
        self.seconds[name] = round(time.monotonic() - started, 1)

    def show(self, query: str) -> list[dict[str, str | None]]:
        """The rows of a query (dbt Jinja allowed) on this engine, through dbt show."""
        shown = self.dbt(
            "show", "--quiet", "--inline", query, "--output", "json", "--limit", "1000"
        )
        assert shown.returncode == 0, shown.stdout[-3000:] + shown.stderr[-3000:]
        return json.loads(shown.stdout[shown.stdout.index("{") :])["show"]

    def scorecard_values(self) -> dict[tuple[str, str], Decimal | None]:
        """fct_weekly_metrics.metric_value of the last three demo weeks, read through dbt."""
        weeks = ", ".join(f"'{week}'" for week in LAST_WEEKS)
        rows = self.show(
            "select iso_week, metric_key, cast(metric_value as {{ dbt.type_string() }}) as value "
            f"from {{{{ ref('fct_weekly_metrics') }}}} where iso_week in ({weeks})"
        )
        return {
            (row["iso_week"], row["metric_key"]): (
                None if row["value"] is None else Decimal(row["value"])
            )
            for row in rows
        }


def parse_differences(build: EngineBuild) -> list[tuple[str, str, object, object]]:
    """The hand-written parse cases through revops.parse_value on this engine."""
    rows = build.show(
        parse_query(
            lambda literal, logical_type: (
                f"{{{{ revops.parse_value(\"{literal}\", '{logical_type}') }}}}"
            ),
            "{{ dbt.type_string() }}",
        )
    )
    return differences({int(row["case_number"]): row["parsed"] for row in rows})


def dbt_env(root: Path, target: str, **settings: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DBT_PROFILES_DIR=str(PROJECT_DIR),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        REVOPS_TARGET=target,
        # One target path per engine: switching targets in one would reparse.
        DBT_TARGET_PATH=str(root / "target"),
        DBT_LOG_PATH=str(root / "logs"),
        **settings,
    )
    return env


def build_demo(
    root: Path, target: str, build_args: tuple[str, ...], **settings: str
) -> EngineBuild:
    """dbt seed of the demo landing, then dbt build of everything else."""
    build = EngineBuild(target, dbt_env(root, target, **settings), {}, {})
    build.step("seed", "seed", "--select", "path:seeds/raw")
    if build.outputs["seed"].returncode == 0:
        build.step("build", "build", "--exclude", "path:seeds/raw", *build_args)
    return build


def report(request: pytest.FixtureRequest, line: str) -> None:
    """Show a build's step timings in the test output, past pytest's capture."""
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print(line, flush=True)


def assert_clean(build: EngineBuild) -> None:
    for name, completed in build.outputs.items():
        output = completed.stdout + completed.stderr
        assert completed.returncode == 0, f"{build.target} {name}:\n{output[-5000:]}"
        summary = re.findall(r"Done\. PASS=(\d+) WARN=(\d+) ERROR=(\d+) SKIP=(\d+)", output)
        assert summary, output[-2000:]
        assert summary[-1][1:] == ("0", "0", "0"), f"{build.target} {name}: {summary[-1]}"
    assert "build" in build.outputs, f"{build.target}: the build did not run"


def assert_same_values(
    reference: dict[tuple[str, str], Decimal | None],
    other: dict[tuple[str, str], Decimal | None],
) -> None:
    assert set(reference) == set(other)
    assert {week for week, _ in reference} == set(LAST_WEEKS)
    differences = []
    for key, expected in sorted(reference.items()):
        actual = other[key]
        if expected is None or actual is None:
            if expected is not actual:
                differences.append((key, expected, actual))
        elif abs(expected - actual) > RELATIVE_TOLERANCE * max(Decimal(1), abs(expected)):
            differences.append((key, expected, actual))
    assert not differences, differences


@pytest.fixture(scope="module")
def engine_root() -> Iterator[Path]:
    # Under /tmp itself, not pytest's private tmp folder: the PostgreSQL
    # server runs as the `postgres` user and must reach its data directory.
    root = Path(tempfile.mkdtemp(prefix="revops-engines-"))
    root.chmod(0o711)  # others may pass through (the server's own folder is 0700)
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def duckdb_build(engine_root: Path, request: pytest.FixtureRequest) -> EngineBuild:
    """The reference: the demo on DuckDB (unit tests run in `revops demo` already)."""
    root = engine_root / "duckdb"
    (root / "tmp").mkdir(parents=True)
    build = build_demo(
        root,
        "dev",
        ("--exclude", "test_type:unit"),
        REVOPS_DUCKDB_PATH=str(root / "revops.duckdb"),
        REVOPS_TEMP_DIR=str(root / "tmp"),
    )
    report(request, f"\nengine build duckdb: {build.seconds}")
    return build


@pytest.fixture(scope="module")
def postgres_connection(engine_root: Path) -> Iterator[dict[str, str]]:
    """A private PostgreSQL server (Debian's, installed if missing) for this module."""
    server_dir = engine_root / "postgres-server"
    settings = {
        "REVOPS_POSTGRES_HOST": "127.0.0.1",
        "REVOPS_POSTGRES_USER": "postgres",
        "REVOPS_POSTGRES_DBNAME": "postgres",
        "REVOPS_POSTGRES_PASSWORD": secrets.token_urlsafe(24),
    }
    started = subprocess.run(
        [str(POSTGRES_SERVER), "start", str(server_dir)],
        env={**os.environ, **settings},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert started.returncode == 0, started.stderr[-3000:]
    settings["REVOPS_POSTGRES_PORT"] = started.stdout.strip().splitlines()[-1]
    try:
        yield settings
    finally:
        subprocess.run(
            [str(POSTGRES_SERVER), "stop", str(server_dir)],
            capture_output=True,
            timeout=300,
            check=False,
        )


@pytest.fixture(scope="module")
def postgres_build(
    engine_root: Path, postgres_connection: dict[str, str], request: pytest.FixtureRequest
) -> EngineBuild:
    """The demo on PostgreSQL: models, data tests and unit tests."""
    build = build_demo(engine_root / "postgres", "postgres", (), **postgres_connection)
    report(request, f"\nengine build postgres: {build.seconds}")
    return build


def test_contract_types_are_portable():
    """Every contracted column declares a type all three engines accept."""
    unportable = []
    for path in sorted(PROJECT_DIR.glob("models/**/*.yml")):
        for model in (yaml.safe_load(path.read_text()) or {}).get("models") or []:
            for column in model.get("columns") or []:
                data_type = str(column.get("data_type", "varchar")).strip().lower()
                if not PORTABLE_TYPES.match(data_type):
                    unportable.append(f"{path.name}: {model['name']}.{column['name']} {data_type}")
    assert not unportable, unportable


def test_names_fit_postgres_identifiers():
    """Models and unit tests (dbt names a unit test's relation after it) stay
    within PostgreSQL's 63-character identifiers."""
    too_long = []
    for path in sorted(PROJECT_DIR.glob("models/**/*.yml")):
        document = yaml.safe_load(path.read_text()) or {}
        for node in (document.get("models") or []) + (document.get("unit_tests") or []):
            if len(node["name"]) > 63:
                too_long.append(f"{path.name}: {node['name']} ({len(node['name'])})")
    too_long += [
        f"{path.name} ({len(path.stem)})"
        for path in PROJECT_DIR.glob("models/**/*.sql")
        if len(path.stem) > 63
    ]
    assert too_long == []


@pytest.mark.engines
def test_duckdb_parses_landed_text_by_the_grammar(duckdb_build):
    assert parse_differences(duckdb_build) == []


@pytest.mark.engines
def test_postgres_parses_landed_text_by_the_grammar(postgres_build):
    assert parse_differences(postgres_build) == []


@pytest.mark.engines
def test_postgres_builds_the_demo_cleanly(postgres_build):
    assert_clean(postgres_build)


@pytest.mark.engines
def test_postgres_scorecard_equals_duckdb(duckdb_build, postgres_build):
    assert_clean(duckdb_build)
    assert_clean(postgres_build)
    assert_same_values(duckdb_build.scorecard_values(), postgres_build.scorecard_values())


@pytest.mark.engines
def test_postgres_password_is_never_written(engine_root, postgres_build, postgres_connection):
    """The password comes from the environment only: not in dbt's logs, compiled
    SQL, manifest or run results, nor in what the build printed."""
    assert_clean(postgres_build)
    password = postgres_connection["REVOPS_POSTGRES_PASSWORD"]
    written = [
        str(path)
        for path in (engine_root / "postgres").rglob("*")
        if path.is_file() and password.encode() in path.read_bytes()
    ]
    printed = [
        name
        for name, completed in postgres_build.outputs.items()
        if password in completed.stdout + completed.stderr
    ]
    assert (engine_root / "postgres" / "logs" / "dbt.log").stat().st_size > 0
    assert (engine_root / "postgres" / "target" / "manifest.json").exists()
    assert written == [] and printed == []


@pytest.mark.engines
def test_bi_reader_reads_marts_and_metrics_only(postgres_build, postgres_connection):
    """Connected as the BI role: marts and metrics read; raw, staging,
    intermediate and restricted refused; emails only as hashes."""
    import psycopg2

    assert_clean(postgres_build)
    bi_password = secrets.token_urlsafe(24)
    connect = {
        "host": postgres_connection["REVOPS_POSTGRES_HOST"],
        "port": int(postgres_connection["REVOPS_POSTGRES_PORT"]),
        "dbname": postgres_connection["REVOPS_POSTGRES_DBNAME"],
    }
    with psycopg2.connect(
        **connect,
        user=postgres_connection["REVOPS_POSTGRES_USER"],
        password=postgres_connection["REVOPS_POSTGRES_PASSWORD"],
    ) as admin:
        admin.autocommit = True
        with admin.cursor() as cursor:
            # The role exists (created by the on-run-start hook) and cannot log
            # in; a test login is given to it here only.
            cursor.execute("select rolcanlogin from pg_roles where rolname = 'bi_reader'")
            assert cursor.fetchone() == (False,)
            cursor.execute("alter role bi_reader login password %s", (bi_password,))

    reader = psycopg2.connect(**connect, user="bi_reader", password=bi_password)
    reader.autocommit = True
    try:
        with reader.cursor() as cursor:
            cursor.execute("select count(*), count(email) from marts.dim_persons")
            persons, emails = cursor.fetchone()
            assert persons > 0 and emails > 0
            cursor.execute("select count(*) from marts.dim_persons where email like '%@%'")
            assert cursor.fetchone() == (0,)
            cursor.execute("select count(*) from metrics.fct_weekly_metrics")
            assert cursor.fetchone()[0] > 0
            for relation in (
                "raw_hubspot.contact",
                "staging.stg_hubspot__contact",
                "intermediate.int_identity__person_profiles",
                "restricted.restricted_person_emails",
                "reference.metric_targets",
            ):
                with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                    cursor.execute(f"select 1 from {relation} limit 1")
            with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                cursor.execute("create table marts.bi_scratch (id integer)")
    finally:
        reader.close()


# --- every step on every target: the scorecard read through the target ---------

PUBLISHED = ("scorecard.json", "scorecard.csv", "summary.md", "headline.json")
SCORECARD_WEEK = LAST_WEEKS[-1]


def revops(
    build: EngineBuild, output: Path, *args: str, **settings: str
) -> subprocess.CompletedProcess[str]:
    """The `revops` command on an engine's build, publishing into `output`."""
    env = {
        **build.env,
        "REVOPS_OUTPUT_DIR": str(output),
        "REVOPS_DELIVERY_CONFIG": str(output / "no-delivery.yml"),  # nothing is sent
        **settings,
    }
    return subprocess.run(
        [sys.executable, "-m", "revops.cli", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )


def assert_seeded(build: EngineBuild) -> None:
    """The demo landing is in place (the run's own dbt build does the rest)."""
    seed = build.outputs["seed"]
    assert seed.returncode == 0, f"{build.target} seed:\n{(seed.stdout + seed.stderr)[-5000:]}"


@pytest.fixture(scope="module")
def postgres_weekly(
    engine_root: Path, postgres_build: EngineBuild
) -> tuple[subprocess.CompletedProcess[str], Path, Path]:
    """`revops weekly --target postgres` on the PostgreSQL demo, with
    REVOPS_DUCKDB_PATH naming a file that does not exist: (run, output, that file)."""
    assert_seeded(postgres_build)
    output = engine_root / "postgres-out"
    absent_duckdb = output / "no-such" / "revops.duckdb"
    weekly = revops(
        postgres_build,
        output,
        "weekly",
        "--target",
        "postgres",
        "--week",
        SCORECARD_WEEK,
        REVOPS_DUCKDB_PATH=str(absent_duckdb),
    )
    return weekly, output, absent_duckdb


@pytest.mark.engines
def test_postgres_weekly_publishes_the_duckdb_scorecard(engine_root, duckdb_build, postgres_weekly):
    """`revops weekly --target postgres` builds, checks freshness and exports from
    PostgreSQL alone (no DuckDB file is opened, or created) and publishes the
    scorecard DuckDB's build exports, byte for byte: every metric's value,
    previous, change, 4-week average, target, status and missing_reason after
    the scorecard's own rounding (no tolerance), the summary and the headline."""
    assert_clean(duckdb_build)
    weekly, output, absent_duckdb = postgres_weekly
    assert weekly.returncode == 0, weekly.stdout[-3000:] + weekly.stderr[-3000:]
    assert not absent_duckdb.exists()
    reference = revops(
        duckdb_build, engine_root / "duckdb-out", "scorecard", "--week", SCORECARD_WEEK
    )
    assert reference.returncode == 0, reference.stderr[-3000:]

    duckdb_week = engine_root / "duckdb-out" / "scorecards" / SCORECARD_WEEK
    postgres_week = output / "scorecards" / SCORECARD_WEEK
    published = json.loads((postgres_week / "scorecard.json").read_text())
    expected = json.loads((duckdb_week / "scorecard.json").read_text())
    assert len(expected["metrics"]) >= 20
    assert {item["key"]: item for item in published["metrics"]} == {
        item["key"]: item for item in expected["metrics"]
    }
    assert published == expected
    for name in PUBLISHED:
        assert (postgres_week / name).read_text() == (duckdb_week / name).read_text(), name

    (record_path,) = (output / "runs").glob("*.json")
    record = json.loads(record_path.read_text())
    assert record["status"] == "succeeded" and record["target"] == "postgres"
    steps = [step["step"] for step in record["steps"]]
    assert steps == [
        "data-quality gate",
        "dbt build",
        "mart checks",
        "scorecard export",
        "freshness",
        "delivery",
    ]
    stale = next(step for step in record["steps"] if step["step"] == "freshness")
    stale_metric = next(item for item in expected["metrics"] if item["key"] == "stale_sources")
    assert stale["stale_sources"] == int(stale_metric["value"] or 0)


@pytest.mark.engines
def test_postgres_warehouse_reads_with_parameters_and_percent_signs(
    duckdb_build, postgres_weekly, postgres_connection
):
    """One query, written with `?` and a literal `%`, gives the same rows on both
    engines through revops.warehouse (psycopg2 wants %s and %%)."""
    from revops.config import Settings
    from revops.warehouse import open_warehouse

    assert postgres_weekly[0].returncode == 0  # it built fct_weekly_metrics there
    query = (
        "select metric_key, status from metrics.fct_weekly_metrics "
        "where iso_week = ? and metric_key like '%\\_%' escape '\\' and metric_key <> ? "
        "order by metric_key"
    )
    duckdb_settings = Settings(
        PROJECT_DIR, Path(duckdb_build.env["REVOPS_DUCKDB_PATH"]), Path("/nonexistent")
    )
    with open_warehouse(duckdb_settings, "dev") as warehouse:
        expected = warehouse.rows(query, [SCORECARD_WEEK, "stale_sources"])
    saved = {name: os.environ.get(name) for name in postgres_connection}
    os.environ.update(postgres_connection)
    try:
        with open_warehouse(duckdb_settings, "postgres") as warehouse:
            assert warehouse.label.startswith("the PostgreSQL warehouse of target 'postgres'")
            assert warehouse.exists("metrics", "fct_weekly_metrics")
            assert not warehouse.exists("metrics", "no_such_table")
            actual = warehouse.rows(query, [SCORECARD_WEEK, "stale_sources"])
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    assert len(expected) >= 10 and "stale_sources" not in {row["metric_key"] for row in expected}
    assert actual == expected
