"""Incremental builds equal a full refresh, week after week.

The scale-1 landing is cut at the end of each of its last weeks by
`_fivetran_synced` (what had landed by then, late rows included). One
warehouse is built from the oldest cut and then incrementally from each later
one; a second is fully refreshed from the same cut each time. Every
incremental model must hold exactly the same rows in both (EXCEPT ALL, both
ways) after every week.
"""

from __future__ import annotations

import json
import subprocess
from datetime import timedelta
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_DIR, REVOPS, Workspace, make_workspace
from revops_dev.bench import cut_landing, landing_as_of

WEEKS = 4
EXPECTED_INCREMENTAL = {
    "stg_hubspot__email_event",
    "quarantine_hubspot__email_event",
    "fct_email_events_daily",
    "fct_ad_spend_daily",
}
# The incremental models and what they read; the rest of the project has no
# incremental model and would only make the test slower.
SELECTION = " ".join(f"+{name}" for name in sorted(EXPECTED_INCREMENTAL))


@pytest.fixture(scope="module")
def weekly_cuts(tmp_path_factory: pytest.TempPathFactory, landing_dir: Path) -> list[Path]:
    """The landing as it stood at the end of each of its last WEEKS weeks, oldest first,
    then the whole landing."""
    as_of = landing_as_of(landing_dir)
    root = tmp_path_factory.mktemp("cuts")
    cuts = []
    for weeks_back in range(WEEKS, 0, -1):
        out = root / f"minus-{weeks_back}-weeks"
        cut_landing(landing_dir, out, as_of - timedelta(days=7 * weeks_back))
        cuts.append(out)
    return [*cuts, landing_dir]


def build(workspace: Workspace, raw_dir: Path, full_refresh: bool) -> None:
    args = ["build", "--skip-check", "--raw-dir", str(raw_dir), "--select", SELECTION]
    # only the tests whose every parent is selected (the others read models not built here)
    env = {**workspace.env(), "DBT_INDIRECT_SELECTION": "cautious"}
    completed = subprocess.run(
        [*REVOPS, *args, *(["--full-refresh"] if full_refresh else [])],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]


def incremental_models(workspace: Workspace) -> dict[str, str]:
    """name -> schema.alias of every incremental model, from dbt's manifest."""
    manifest = json.loads((workspace.root / "target" / "manifest.json").read_text())
    return {
        node["name"]: f'"{node["schema"]}"."{node["alias"]}"'
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["config"]["materialized"] == "incremental"
    }


def differences(incremental: Workspace, full: Workspace, relation: str) -> tuple[int, int, int]:
    """Rows only in the incremental build, rows only in the full refresh, and rows."""
    with duckdb.connect(str(incremental.duckdb_path), read_only=True) as con:
        con.execute(f"attach '{full.duckdb_path}' as full_refresh (read_only)")
        here, there = f"revops.{relation}", f"full_refresh.{relation}"
        only_incremental = con.execute(
            f"select count(*) from (select * from {here} except all select * from {there})"
        ).fetchone()[0]
        only_full = con.execute(
            f"select count(*) from (select * from {there} except all select * from {here})"
        ).fetchone()[0]
        rows = con.execute(f"select count(*) from {there}").fetchone()[0]
    return only_incremental, only_full, rows


def ran_incrementally(workspace: Workspace, name: str) -> bool:
    """dbt ran the model's incremental path (a delete+insert into the existing table)."""
    run_sql = next((workspace.root / "target" / "run").rglob(f"{name}.sql"))
    return "delete from" in run_sql.read_text().lower()


def test_incremental_models_equal_a_full_refresh_week_by_week(
    tmp_path_factory: pytest.TempPathFactory, weekly_cuts: list[Path]
) -> None:
    incremental = make_workspace(tmp_path_factory, "incremental")
    full = make_workspace(tmp_path_factory, "full-refresh")
    build(incremental, weekly_cuts[0], full_refresh=True)

    models = {}
    report = []
    for cut in weekly_cuts[1:]:
        build(incremental, cut, full_refresh=False)
        build(full, cut, full_refresh=True)
        models = incremental_models(incremental)
        assert set(models) >= EXPECTED_INCREMENTAL, models
        for name, relation in sorted(models.items()):
            assert ran_incrementally(incremental, name), f"{name} was rebuilt, not incremental"
            only_incremental, only_full, rows = differences(incremental, full, relation)
            report.append((cut.name, name, rows, only_incremental, only_full))
    wrong = [line for line in report if line[3] or line[4]]
    assert not wrong, f"incremental != full refresh (cut, model, rows, extra, missing): {wrong}"
    # the facts and staging had rows to compare (the demo landing may have no
    # quarantined email event)
    assert all(line[2] > 0 for line in report if not line[1].startswith("quarantine_")), report
