"""The warehouse builds from a landing folder, cleanly, and accounts for every landed row."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from revops.raw_contract import raw_tables


def test_build_from_landing_folder_succeeds_without_warnings(built_workspace):
    _, completed = built_workspace
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output[-4000:]
    summary = re.findall(r"Done\. PASS=(\d+) WARN=(\d+) ERROR=(\d+) SKIP=(\d+)", output)
    assert summary, output[-2000:]
    passed, warned, errored, skipped = map(int, summary[-1])
    assert (warned, errored, skipped) == (0, 0, 0)
    assert passed > 100
    assert "[WARNING]" not in output


def test_every_landed_row_is_accounted_for_in_staging(built_workspace, landing_dir: Path):
    workspace, _ = built_workspace
    with duckdb.connect(str(workspace.duckdb_path), read_only=True) as con:
        for table in raw_tables():
            landed = pq.read_metadata(
                landing_dir / table.system / f"{table.table}.parquet"
            ).num_rows
            staged, accounted = con.execute(
                f"select count(*), sum(landed_row_count) "
                f"from staging.stg_{table.system}__{table.table}"
            ).fetchone()
            assert accounted == landed, table.key
            assert staged <= landed, table.key


def test_deleted_rows_stay_visible_in_staging(built_workspace):
    workspace, _ = built_workspace
    with duckdb.connect(str(workspace.duckdb_path), read_only=True) as con:
        deleted = con.execute(
            "select count(*) from staging.stg_salesforce__opportunity where is_deleted"
        ).fetchone()[0]
    assert deleted > 0
