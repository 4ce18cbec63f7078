"""Compare two DuckDB warehouses row for row.

    python scripts/compare_warehouses.py BEFORE.duckdb AFTER.duckdb [--ignore-table T ...]

For every table and view present in both files (matched by schema and name),
counts the rows only in BEFORE and only in AFTER with EXCEPT ALL on the columns
both have (so a duplicated row counts), and lists the relations only one file
has and the columns only one side has. Prints one line per relation with a
difference and a summary; exits 1 when anything differs (relations only in one
file included), 0 otherwise. `--ignore-table` (a name or schema.name, repeatable)
leaves a relation out, e.g. an intermediate model that a refactor removed.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

SYSTEM_SCHEMAS = ("information_schema", "pg_catalog")


@dataclass(frozen=True)
class RelationDiff:
    """The comparison of one relation present in both warehouses."""

    name: str
    rows_before: int
    rows_after: int
    only_before: int
    only_after: int
    columns_only_before: tuple[str, ...]
    columns_only_after: tuple[str, ...]

    @property
    def differs(self) -> bool:
        changed_rows = self.only_before or self.only_after
        return bool(changed_rows or self.columns_only_before or self.columns_only_after)


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def relations(con: duckdb.DuckDBPyConnection, catalog: str) -> dict[str, list[str]]:
    """schema.name -> its columns in order, for every table and view of one attached file."""
    rows = con.execute(
        "select table_schema, table_name, column_name from information_schema.columns "
        "where table_catalog = ? and table_schema not in ? "
        "order by table_schema, table_name, ordinal_position",
        [catalog, list(SYSTEM_SCHEMAS)],
    ).fetchall()
    found: dict[str, list[str]] = {}
    for schema, table, column in rows:
        found.setdefault(f"{schema}.{table}", []).append(column)
    return found


def is_ignored(name: str, ignored: set[str]) -> bool:
    return name in ignored or name.split(".", 1)[1] in ignored


def kept(found: dict[str, list[str]], ignored: set[str]) -> dict[str, list[str]]:
    return {name: columns for name, columns in found.items() if not is_ignored(name, ignored)}


def count(con: duckdb.DuckDBPyConnection, query: str) -> int:
    return int(con.execute(f"select count(*) from ({query})").fetchall()[0][0])


def compare_relation(
    con: duckdb.DuckDBPyConnection, name: str, columns_before: list[str], columns_after: list[str]
) -> RelationDiff:
    schema, table = name.split(".", 1)
    common = [column for column in columns_before if column in columns_after]
    selected = ", ".join(quote(column) for column in common)
    before = f"select {selected} from before.{quote(schema)}.{quote(table)}"
    after = f"select {selected} from after.{quote(schema)}.{quote(table)}"
    return RelationDiff(
        name=name,
        rows_before=count(con, f"select * from before.{quote(schema)}.{quote(table)}"),
        rows_after=count(con, f"select * from after.{quote(schema)}.{quote(table)}"),
        only_before=count(con, f"{before} except all {after}"),
        only_after=count(con, f"{after} except all {before}"),
        columns_only_before=tuple(c for c in columns_before if c not in columns_after),
        columns_only_after=tuple(c for c in columns_after if c not in columns_before),
    )


def describe(diff: RelationDiff) -> str:
    parts = [
        f"{diff.name}: {diff.rows_before} -> {diff.rows_after} rows",
        f"{diff.only_before} only in before",
        f"{diff.only_after} only in after",
    ]
    if diff.columns_only_before:
        parts.append("columns only in before: " + ", ".join(diff.columns_only_before))
    if diff.columns_only_after:
        parts.append("columns only in after: " + ", ".join(diff.columns_only_after))
    return "; ".join(parts)


def compare(before: Path, after: Path, ignored: set[str]) -> int:
    """Print the comparison; return how many relations differ or are in one file only."""
    con = duckdb.connect()
    con.execute(f"attach '{before}' as before (read_only)")
    con.execute(f"attach '{after}' as after (read_only)")
    relations_before = kept(relations(con, "before"), ignored)
    relations_after = kept(relations(con, "after"), ignored)
    only_before = sorted(set(relations_before) - set(relations_after))
    only_after = sorted(set(relations_after) - set(relations_before))
    common = sorted(set(relations_before) & set(relations_after))
    diffs = [compare_relation(con, n, relations_before[n], relations_after[n]) for n in common]
    differing = [diff for diff in diffs if diff.differs]
    for name in only_before:
        print(f"only in before: {name}")
    for name in only_after:
        print(f"only in after: {name}")
    for diff in differing:
        print(f"DIFFERS {describe(diff)}")
    rows = sum(diff.rows_after for diff in diffs)
    print(
        f"summary: {len(common)} relations compared ({rows} rows after), {len(differing)} differ, "
        f"{len(only_before)} only in before, {len(only_after)} only in after, "
        f"{len(ignored)} ignored names"
    )
    return len(differing) + len(only_before) + len(only_after)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--ignore-table", action="append", default=[], metavar="T")
    args = parser.parse_args(argv)
    for path in (args.before, args.after):
        if not path.is_file():
            parser.error(f"{path} is not a DuckDB file")
    return 1 if compare(args.before, args.after, set(args.ignore_table)) else 0


if __name__ == "__main__":
    sys.exit(main())
