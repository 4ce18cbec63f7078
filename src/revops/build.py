"""Land raw data and build the warehouse: the steps `revops build` and `revops demo` run."""

from __future__ import annotations

from pathlib import Path

import duckdb

from revops.config import Settings
from revops.dbt import BuildResult, require_success, run_dbt
from revops.landing import LandingReport, attach_landing_folder

DEMO_SEEDS = "path:seeds/raw"


def land_demo_seeds(settings: Settings, target: str | None = None) -> BuildResult:
    """Load the committed demo raw data (dbt seeds) into the raw_<system> schemas."""
    return require_success(run_dbt(settings, ["seed", "--select", DEMO_SEEDS], target))


def land_folder(settings: Settings, raw_dir: Path) -> LandingReport:
    """Make a landing folder's files visible as raw_<system>.<table> views (DuckDB)."""
    settings.duckdb_path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(settings.duckdb_path)) as con:
        return attach_landing_folder(con, raw_dir.resolve())


def build_warehouse(
    settings: Settings,
    target: str | None = None,
    full_refresh: bool = False,
    select: str | None = None,
    unit_tests: bool = True,
) -> BuildResult:
    """`dbt build` of everything but the demo landing: seeds, models, data tests and,
    unless told otherwise, unit tests.

    Unit tests mock raw inputs as text, as the demo lands them; a production build
    over typed landed tables skips them (they test logic, not data).
    """
    args = ["build", "--exclude", DEMO_SEEDS]
    if not unit_tests:
        args += ["test_type:unit"]
    if select:
        args += ["--select", select]
    if full_refresh:
        args.append("--full-refresh")
    return require_success(run_dbt(settings, args, target))
