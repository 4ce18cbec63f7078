"""Raw landing in the warehouse: views over a landing folder, and checks.

A landing folder holds `<system>/<table>.parquet` or `<system>/<table>.csv`,
the table named as the loader names it (its profile, loaders/<name>.yml).
`attach_landing_folder` makes each file visible as `raw_<system>.<table>`: a
view that DuckDB scans in place, so nothing is copied, under the contract's
table and column names. The checks name the
system, table and column of anything missing before dbt runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from revops.config import selected_loader
from revops.errors import RevopsError
from revops.loaders import DEFAULT_LOADER, LoaderProfile, Resolved, load_profile, resolve
from revops.raw_contract import RawTable, raw_tables

LANDING_FORMATS = ("parquet", "csv")


class LandingError(RevopsError):
    """A problem with landed data, worded for the person who landed it."""


@dataclass
class LandingReport:
    attached: list[str] = field(default_factory=list)
    missing_optional_tables: list[str] = field(default_factory=list)
    missing_optional_columns: list[str] = field(default_factory=list)
    extra_columns: list[str] = field(default_factory=list)


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def raw_schema(system: str) -> str:
    return f"raw_{system}"


def landing_file(raw_dir: Path, table: RawTable, profile: LoaderProfile) -> Path | None:
    """The table's file: under the loader's table name, else the contract's."""
    for name in dict.fromkeys([profile.table_name(table), table.table]):
        for fmt in LANDING_FORMATS:
            candidate = raw_dir / table.system / f"{name}.{fmt}"
            if candidate.exists():
                return candidate
    return None


def scan_sql(path: Path) -> str:
    quoted = str(path.resolve()).replace("'", "''")
    if path.suffix == ".parquet":
        return f"select * from read_parquet('{quoted}')"
    # Landed CSV is read as text: staging parses every value tolerantly.
    return f"select * from read_csv('{quoted}', header = true, all_varchar = true)"


def conformed_columns(resolved: Resolved) -> list[str]:
    """The view's select list for one contract column: a single landed column
    under the contract's name (values as landed: staging parses them); a flag
    landed under several names (`combine: any`) or as a marker whose presence
    means true, passed through under its landed names, for dbt's
    conformed_landing() to combine by the same loader profile (the boolean
    grammar lives in dbt alone)."""
    names = resolved.landed
    if len(names) == 1 and not names[0].present:
        return [f"{quote(names[0].name)} as {quote(resolved.column.name)}"]
    return [quote(name.name) for name in names]


def _landed_columns(con: duckdb.DuckDBPyConnection, table: RawTable, path: Path) -> list[str]:
    try:
        return [row[0] for row in con.execute(f"describe {scan_sql(path)}").fetchall()]
    except duckdb.Error as error:
        raise LandingError(
            f"{table.key}: the file {path} cannot be read ({str(error).splitlines()[0]})."
        ) from None


def _replace_with_view(con: duckdb.DuckDBPyConnection, table: RawTable, select: str) -> None:
    """(Re)create raw_<system>.<table> as a view, replacing a table of that name
    (`revops demo` seeds the raw tables as tables)."""
    schema = raw_schema(table.system)
    relation = f"{quote(schema)}.{quote(table.table)}"
    try:
        con.execute(f"create schema if not exists {quote(schema)}")
        kinds = con.execute(
            "select table_type from information_schema.tables "
            "where table_schema = ? and table_name = ? and table_catalog = current_database()",
            [schema, table.table],
        ).fetchall()
        if kinds and kinds[0][0] != "VIEW":
            con.execute(f"drop table {relation}")
        con.execute(f"create or replace view {relation} as {select}")
    except duckdb.Error as error:
        raise LandingError(
            f"{table.key}: the warehouse could not make {schema}.{table.table} a view over the "
            f"landed file ({str(error).splitlines()[0]}). The file is fine; the warehouse "
            "catalog is not (another process using it, or an object of that name that "
            "cannot be replaced)."
        ) from None


def _drop_relation(con: duckdb.DuckDBPyConnection, table: RawTable) -> None:
    """Drop raw_<system>.<table>, view or table: an optional table the folder does
    not hold was not landed, whatever an earlier landing or the demo left there."""
    schema = raw_schema(table.system)
    kinds = con.execute(
        "select table_type from information_schema.tables "
        "where table_schema = ? and table_name = ? and table_catalog = current_database()",
        [schema, table.table],
    ).fetchall()
    if kinds:
        kind = "view" if kinds[0][0] == "VIEW" else "table"
        con.execute(f"drop {kind} {quote(schema)}.{quote(table.table)}")


def _attach_table(
    con: duckdb.DuckDBPyConnection,
    table: RawTable,
    path: Path,
    profile: LoaderProfile,
    report: LandingReport,
) -> list[str]:
    """The view of one landed file; returns the required columns that did not land."""
    landed = _landed_columns(con, table, path)
    resolved = resolve(profile, table, landed)
    selected = [column for item in resolved if item.landed for column in conformed_columns(item)]
    _replace_with_view(
        con, table, f"select {', '.join(selected)} from ({scan_sql(path)}) as landed_file"
    )
    missing = [item.column for item in resolved if not item.landed]
    report.missing_optional_columns += [f"{table.key}.{c.name}" for c in missing if c.optional]
    used = {name.name.lower() for item in resolved for name in item.landed}
    report.extra_columns += [
        f"{table.key}.{name}" for name in sorted(landed, key=str.lower) if name.lower() not in used
    ]
    return [f"{table.key}.{c.name}" for c in missing if not c.optional]


def attach_landing_folder(
    con: duckdb.DuckDBPyConnection, raw_dir: Path, loader: str | None = None
) -> LandingReport:
    """Create `raw_<system>.<table>` views over the files of a landing folder.

    Each view exposes the contract's column names, whatever names the loader
    (its profile, loaders/<name>.yml) or the contract's aliases landed them under.
    """
    if not raw_dir.is_dir():
        raise LandingError(f"Landing folder {raw_dir} does not exist.")
    profile = load_profile(loader or selected_loader())
    report = LandingReport()
    missing_tables: list[str] = []
    missing_columns: list[str] = []
    for table in raw_tables():
        path = landing_file(raw_dir, table, profile)
        if path is None and table.optional:
            _drop_relation(con, table)
            report.missing_optional_tables.append(table.key)
            continue
        if path is None:
            name = profile.table_name(table)
            missing_tables.append(
                f"{table.key} (expected {raw_dir}/{table.system}/{name}.parquet or .csv"
                f"{'' if profile.name == DEFAULT_LOADER else ', loader ' + profile.name})"
            )
            continue
        missing_columns += _attach_table(con, table, path, profile, report)
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
