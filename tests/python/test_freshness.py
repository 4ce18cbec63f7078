"""Freshness per table: one table that stopped syncing makes its system stale
and is named, while tables declared rarely changing stay healthy without a
weekly load. On a landing folder built in the test from the scale-1 landing."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from conftest import PROJECT_DIR, REVOPS, make_workspace


def _cap_syncs(landing: Path, table: str, latest: str) -> None:
    """No load of the table after `latest` (ISO text, as the loader lands it)."""
    system, name = table.split(".")
    path = landing / system / f"{name}.parquet"
    data = pq.read_table(path)
    synced = [
        value if value is None or str(value) < latest else latest
        for value in data.column("_fivetran_synced").to_pylist()
    ]
    position = data.schema.get_field_index("_fivetran_synced")
    field = data.schema.field("_fivetran_synced")
    pq.write_table(data.set_column(position, field, pa.array(synced, field.type)), path)


def test_one_stale_table_makes_its_system_stale_and_is_named(tmp_path_factory, landing_dir):
    landing = tmp_path_factory.mktemp("freshness") / "landing"
    shutil.copytree(landing_dir, landing)
    # W47 ends 2026-11-23 00:00, W46 2026-11-16 00:00
    _cap_syncs(landing, "salesforce.contact", "2026-11-20 00:00:00")  # needs a load each week
    _cap_syncs(landing, "hubspot.form", "2026-11-01 00:00:00")  # 28 days allowed: fresh
    _cap_syncs(landing, "stripe.product", "2025-01-01 00:00:00")  # no expectation
    workspace = make_workspace(tmp_path_factory, "freshness-build")
    completed = subprocess.run(
        [*REVOPS, "build", "--raw-dir", str(landing)],
        cwd=PROJECT_DIR,
        env=workspace.env(),
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert completed.returncode == 0, (completed.stdout + completed.stderr)[-3000:]
    with duckdb.connect(str(workspace.duckdb_path), read_only=True) as con:
        rows = con.execute(
            "select iso_week, cast(metric_value as integer), detail "
            "from metrics.fct_weekly_metrics "
            "where metric_key = 'stale_sources' and iso_week in ('2026-W46', '2026-W47') "
            "order by iso_week"
        ).fetchall()
    # salesforce's other tables loaded after W47's end: before, the fresh ones hid it
    assert rows == [("2026-W46", 0, None), ("2026-W47", 1, "salesforce.contact")]
