"""Raw landing in the warehouse: views over a landing folder, and checks.

A landing folder holds `<system>/<table>.parquet` or `<system>/<table>.csv`.
`attach_landing_folder` makes each file visible as `raw_<system>.<table>`: a
view that DuckDB scans in place, so nothing is copied. The checks name the
system, table and column of anything missing before dbt runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from revops.raw_contract import RawTable, raw_tables

LANDING_FORMATS = ("parquet", "csv")


class LandingError(Exception):
    """A problem with landed data, worded for the person who landed it."""


@dataclass
class LandingReport:
    attached: list[str] = field(default_factory=list)
    missing_optional_columns: list[str] = field(default_factory=list)
    extra_columns: list[str] = field(default_factory=list)


def raw_schema(system: str) -> str:
    return f"raw_{system}"


def landing_file(raw_dir: Path, table: RawTable) -> Path | None:
    for fmt in LANDING_FORMATS:
        candidate = raw_dir / table.system / f"{table.table}.{fmt}"
        if candidate.exists():
            return candidate
    return None


def scan_sql(path: Path) -> str:
    quoted = str(path.resolve()).replace("'", "''")
    if path.suffix == ".parquet":
        return f"select * from read_parquet('{quoted}')"
    # Landed CSV is read as text: staging parses every value tolerantly.
    return f"select * from read_csv('{quoted}', header = true, all_varchar = true)"


def attach_landing_folder(con: duckdb.DuckDBPyConnection, raw_dir: Path) -> LandingReport:
    """Create `raw_<system>.<table>` views over the files of a landing folder."""
    if not raw_dir.is_dir():
        raise LandingError(f"Landing folder {raw_dir} does not exist.")
    report = LandingReport()
    missing_tables: list[str] = []
    missing_columns: list[str] = []
    for table in raw_tables():
        path = landing_file(raw_dir, table)
        if path is None:
            missing_tables.append(
                f"{table.key} (expected {raw_dir}/{table.system}/{table.table}.parquet or .csv)"
            )
            continue
        con.execute(f'create schema if not exists "{raw_schema(table.system)}"')
        view = f'"{raw_schema(table.system)}"."{table.table}"'
        try:
            con.execute(f"create or replace view {view} as {scan_sql(path)}")
            landed = {row[0].lower() for row in con.execute(f"describe {view}").fetchall()}
        except duckdb.Error as error:
            raise LandingError(
                f"{table.key}: the file {path} cannot be read ({str(error).splitlines()[0]})."
            ) from None
        for column in table.columns:
            if column.name in landed:
                continue
            target = missing_columns if not column.optional else report.missing_optional_columns
            target.append(f"{table.key}.{column.name}")
        declared = set(table.column_names)
        report.extra_columns += [f"{table.key}.{name}" for name in sorted(landed - declared)]
        report.attached.append(table.key)
    problems = []
    if missing_tables:
        problems.append("missing raw table(s): " + "; ".join(missing_tables))
    if missing_columns:
        problems.append("missing required column(s): " + ", ".join(missing_columns))
    if problems:
        raise LandingError(f"Landing folder {raw_dir}: " + ". ".join(problems) + ".")
    return report


def create_empty_raw_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create every declared raw table with no rows, all columns text (for tests)."""
    for table in raw_tables():
        con.execute(f'create schema if not exists "{raw_schema(table.system)}"')
        columns = ", ".join(f'"{name}" varchar' for name in table.column_names)
        con.execute(
            f'create or replace table "{raw_schema(table.system)}"."{table.table}" ({columns})'
        )
