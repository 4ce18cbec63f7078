"""The quality gate and the quarantine on the clean generated landing."""

from __future__ import annotations

import json

import duckdb

from conftest import PROJECT_DIR
from revops_dev.generate import generated_tables


def test_clean_landing_passes_the_gate_and_the_marts(built_workspace):
    workspace, completed = built_workspace
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert "quality gate (landing):" in completed.stderr
    assert "0 warning(s), 0 critical" in completed.stderr
    assert "quality gate (marts):" in completed.stderr
    quality = workspace.root / "output" / "quality"
    landing = json.loads((quality / "latest_landing.json").read_text())
    assert landing["summary"]["critical"] == 0
    assert landing["summary"]["warnings"] == 0
    assert landing["summary"]["expectations"] > 400
    assert landing["as_of"].startswith("2026-11-23")
    marts = json.loads((quality / "latest_marts.json").read_text())
    assert marts["summary"]["critical"] == 0


def test_report_opens_offline(built_workspace):
    workspace, _ = built_workspace
    # one report per gate run; other tests may run the gate on this warehouse again
    reports = sorted((workspace.root / "output" / "quality").glob("*/report.html"))
    assert len(reports) >= 1
    html = reports[0].read_text()
    assert "Data-quality report" in html and "Landing" in html and "Marts" in html
    assert "http://" not in html and "https://" not in html and "<script" not in html


def test_row_accounting_per_raw_table(built_workspace):
    """landed = staged (with superseded loads, deleted and internal rows) + quarantined."""
    workspace, _ = built_workspace
    from conftest import PROJECT_DIR

    models = {path.stem for path in (PROJECT_DIR / "models" / "staging").glob("*/stg_*.sql")}
    with duckdb.connect(str(workspace.duckdb_path), read_only=True) as con:
        for table in generated_tables():
            name = f"{table.system}__{table.table}"
            assert f"stg_{name}" in models
            landed, staged, quarantined = con.execute(
                f"select (select count(*) from raw_{table.system}.{table.table}), "
                f"(select coalesce(sum(landed_row_count), 0) from staging.stg_{name}), "
                f"(select count(*) from quarantine.quarantine_{name})"
            ).fetchone()
            assert landed == staged + quarantined, (table.key, landed, staged, quarantined)
            assert quarantined == 0, table.key  # the generated landing is clean
        total = con.execute("select count(*) from marts.fct_quarantined_rows").fetchone()[0]
    assert total == 0


def test_mart_suite_catches_a_broken_scorecard_table(built_workspace, tmp_path):
    import shutil

    import pytest

    from revops.config import Settings
    from revops.quality import QualityError, check_marts

    workspace, _ = built_workspace
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(workspace.duckdb_path, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute(
            "update metrics.fct_weekly_metrics set status = 'purple' "
            "where metric_key = 'nps' and iso_week = '2026-W47'"
        )
        con.execute(
            "update metrics.fct_weekly_metrics set metric_value = 140 "
            "where metric_key = 'csat' and iso_week = '2026-W46'"
        )
    settings = Settings(project_dir=PROJECT_DIR, duckdb_path=copy, output_dir=tmp_path / "out")
    with pytest.raises(QualityError) as raised:
        check_marts(settings)
    message = str(raised.value)
    assert "metrics.fct_weekly_metrics, column status" in message
    assert "known status" in message
    latest = json.loads((tmp_path / "out" / "quality" / "latest_marts.json").read_text())
    rows = [f for f in latest["findings"] if f["table"] == "fct_weekly_metrics"]
    failed = {f["rule"]: f["unexpected_count"] for f in rows if f["severity"] != "ok"}
    assert failed == {
        "known status": 1,
        "rates of a whole stay between 0 and 100": 1,
    }
