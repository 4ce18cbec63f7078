"""The semantic layer: MetricFlow answers like fct_weekly_metrics on the built
warehouse, slices add up, and every model a BI exposure reads is contracted.

Reuses the session's `built_workspace`: no extra build.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_DIR, Workspace

MF = Path(sys.executable).with_name("mf")

# The scorecard metrics MetricFlow can express (models/metrics/_metrics__semantic.yml
# says why open_tickets, duplicate_person_rate and stale_sources are not among them).
EXPRESSIBLE_METRICS = (
    "new_leads",
    "mqls",
    "marketing_spend",
    "cost_per_mql",
    "landing_page_conversion_rate",
    "mql_to_sql_rate",
    "sqls",
    "pipeline_created",
    "bookings",
    "deals_won",
    "win_rate",
    "avg_sales_cycle_days",
    "open_pipeline",
    "weighted_pipeline",
    "tickets_created",
    "median_first_reply_hours",
    "csat",
    "nps",
    "arr",
    "new_arr",
    "reactivation_arr",
    "expansion_arr",
    "contraction_arr",
    "churned_arr",
    "net_new_arr",
    "customers",
    "logo_churn",
    "nrr",
    "grr",
    "billing_crm_match_rate",
    "mql_crm_sync_rate",
)
# fct_weekly_metrics stores decimal(38, 6); MetricFlow computes in double.
TOLERANCE = Decimal("0.000001")

WeeklyValues = dict[tuple[str, str], Decimal | None]


@pytest.fixture(scope="module")
def mf_project(built_workspace: tuple[Workspace, subprocess.CompletedProcess[str]]) -> Path:
    """A project directory for `mf` over the built workspace.

    MetricFlow reads <project dir>/target/semantic_manifest.json whatever
    DBT_TARGET_PATH says, so the workspace gets a project directory whose
    `target` is the one its build wrote (mf also writes its log there).
    """
    workspace, completed = built_workspace
    assert completed.returncode == 0, (completed.stdout + completed.stderr)[-4000:]
    project = workspace.root / "mf_project"
    project.mkdir(exist_ok=True)
    for name, points_to in (
        ("dbt_project.yml", PROJECT_DIR / "dbt_project.yml"),
        ("target", workspace.root / "target"),
    ):
        link = project / name
        if not link.is_symlink():
            link.symlink_to(points_to)
    assert (project / "target" / "semantic_manifest.json").exists()
    return project


def _mf(workspace: Workspace, project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(MF), *args],
        cwd=project,
        env={**workspace.env(), "DBT_PROJECT_DIR": str(project)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _mf_query(
    workspace: Workspace,
    project: Path,
    metrics: list[str],
    group_by: list[str],
    period: tuple[str, str],
) -> list[dict[str, str]]:
    out = project / f"query_{len(metrics)}_{'_'.join(group_by)}.csv"
    completed = _mf(
        workspace,
        project,
        "query",
        "--metrics",
        ",".join(metrics),
        "--group-by",
        ",".join(group_by),
        "--start-time",
        period[0],
        "--end-time",
        period[1],
        "--csv",
        str(out),
        "--quiet",
    )
    assert completed.returncode == 0, (completed.stdout + completed.stderr)[-4000:]
    with out.open(newline="") as handle:
        return list(csv.DictReader(handle))


def _scorecard_values(
    workspace: Workspace,
) -> tuple[WeeklyValues, dict[str, str], tuple[str, str]]:
    """fct_weekly_metrics as {(metric, week's Monday): value}, each metric's
    unit, and the period covered (first Monday, last Sunday)."""
    with duckdb.connect(str(workspace.duckdb_path), read_only=True) as con:
        rows = con.execute(
            "select metric_key, unit, cast(week_start_date as varchar), "
            "cast(week_end_date as varchar), metric_value from metrics.fct_weekly_metrics"
        ).fetchall()
    values = {(key, monday): value for key, _, monday, _, value in rows}
    units = {key: unit for key, unit, *_ in rows}
    period = (min(row[2] for row in rows), max(row[3] for row in rows))
    return values, units, period


def _agrees(expected: Decimal | None, actual: str, unit: str) -> bool:
    if expected is None or actual == "":
        return expected is None and actual == ""
    if unit == "count":
        return Decimal(actual) == expected
    return abs(Decimal(actual) - expected) <= TOLERANCE


def test_mf_validate_configs_passes(built_workspace, mf_project: Path):
    workspace, _ = built_workspace
    # --skip-dw: the queries below exercise the warehouse
    completed = _mf(workspace, mf_project, "validate-configs", "--skip-dw")
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output[-4000:]
    assert "Successfully validated the semantics of built manifest (ERRORS: 0" in output


def test_mf_query_agrees_with_fct_weekly_metrics(built_workspace, mf_project: Path):
    """Every expressible metric, every week of fct_weekly_metrics (104 in the demo)."""
    workspace, _ = built_workspace
    expected, units, period = _scorecard_values(workspace)
    rows = _mf_query(
        workspace, mf_project, list(EXPRESSIBLE_METRICS), ["metric_time__week"], period
    )
    by_week = {row["metric_time__week"][:10]: row for row in rows}
    weeks = sorted({week for _, week in expected})
    assert len(weeks) >= 50
    assert set(weeks) <= set(by_week), sorted(set(weeks) - set(by_week))[:5]

    mismatches = [
        (metric, week, expected[metric, week], by_week[week][metric])
        for metric in EXPRESSIBLE_METRICS
        for week in weeks
        if not _agrees(expected[metric, week], by_week[week][metric], units[metric])
    ]
    assert not mismatches, mismatches[:10]
    # not a vacuous agreement: every metric has a value in most weeks
    for metric in EXPRESSIBLE_METRICS:
        present = sum(expected[metric, week] is not None for week in weeks)
        assert present >= len(weeks) // 3, metric


def test_slices_by_account_owner_add_up_to_the_scorecard(built_workspace, mf_project: Path):
    """A BI slice through the account entity (deals and persons alike) sums to
    the scorecard's weekly totals: nothing lost or doubled by the join."""
    workspace, _ = built_workspace
    expected, _, period = _scorecard_values(workspace)
    metrics = ["bookings", "deals_won", "new_leads", "mqls"]
    rows = _mf_query(
        workspace, mf_project, metrics, ["metric_time__week", "account__owner"], period
    )
    assert len({row["account__owner"] for row in rows}) > 2
    totals: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for row in rows:
        for metric in metrics:
            totals[metric, row["metric_time__week"][:10]] += Decimal(row[metric] or 0)
    for (metric, week), value in expected.items():
        if metric in metrics:
            assert abs(totals[metric, week] - value) <= TOLERANCE, (metric, week)


def test_every_model_an_exposure_reads_is_contracted(built_workspace):
    workspace, _ = built_workspace
    manifest = json.loads((workspace.root / "target" / "manifest.json").read_text())
    exposures = manifest["exposures"].values()
    assert {exposure["name"] for exposure in exposures} >= {
        "weekly_executive_scorecard",
        "executive_dashboard",
        "pipeline_forecast_dashboard",
        "funnel_conversion_dashboard",
        "retention_churn_dashboard",
        "customer_health_dashboard",
        "reconciliation_dashboard",
        "data_health_dashboard",
        "customer_360_dashboard",
    }
    uncontracted = [
        (exposure["name"], node)
        for exposure in exposures
        for node in exposure["depends_on"]["nodes"]
        if not manifest["nodes"][node]["config"]["contract"]["enforced"]
    ]
    assert not uncontracted
    for exposure in exposures:
        assert exposure["owner"]["name"] and exposure["maturity"], exposure["name"]
