"""The demo on a local Spark session, compared with DuckDB (marker `spark`;
`make test-spark` runs it alone). A file apart from test_engines.py so that the
two pytest workers of `make test` build Spark and PostgreSQL at the same time;
the helpers and the DuckDB reference build come from there.
"""

# The imported fixtures are parameters by name (pytest), which ruff reads as redefinitions.
# ruff: noqa: F811

from __future__ import annotations

from pathlib import Path

import pytest

from test_engines import (  # noqa: F401 (fixtures used by name)
    EngineBuild,
    assert_clean,
    assert_same_values,
    build_demo,
    duckdb_build,
    engine_root,
    parse_differences,
    report,
)


@pytest.fixture(scope="module")
def spark_build(engine_root: Path, request: pytest.FixtureRequest) -> EngineBuild:
    """The demo on a local Spark session: models and data tests, then the unit
    tests in a session without broadcast joins (DECISIONLOG D70)."""
    root = engine_root / "spark"
    warehouse = str(root / "warehouse")
    build = build_demo(
        root, "spark", ("--exclude", "test_type:unit"), REVOPS_SPARK_WAREHOUSE=warehouse
    )
    if "build" in build.outputs and build.outputs["build"].returncode == 0:
        build.env["REVOPS_SPARK_BROADCAST_THRESHOLD"] = "-1"
        build.step("unit tests", "test", "--select", "test_type:unit")
    report(request, f"\nengine build spark: {build.seconds}")
    return build


@pytest.mark.engines
@pytest.mark.spark
def test_spark_builds_the_demo_cleanly(spark_build):
    assert_clean(spark_build)


@pytest.mark.engines
@pytest.mark.spark
def test_spark_parses_landed_text_by_the_grammar(spark_build):
    assert parse_differences(spark_build) == []


@pytest.mark.engines
@pytest.mark.spark
def test_spark_scorecard_equals_duckdb(duckdb_build, spark_build):
    assert_clean(duckdb_build)
    assert_clean(spark_build)
    assert_same_values(duckdb_build.scorecard_values(), spark_build.scorecard_values())
