"""The BI snapshot: what BI tools may read, published apart from the build's file.

DuckDB lets one process write a database file and no other open it meanwhile,
so a BI tool must never hold the warehouse itself. After each build, the
relations of the BI schemas (dbt var `bi_schemas`: the marts, the metrics and
the semantic time spine, exactly what PostgreSQL's `bi_reader` is granted;
emails there are already pseudonymised by the models) are copied into a new
DuckDB file written at a storage version 1.x drivers read, plus one Parquet
file per relation. Each is swapped in whole: a reader that holds the previous
snapshot keeps reading it, the next one opens the new one.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

from revops.config import Settings
from revops.errors import RevopsError

MANIFEST_SCHEMA = "bi_snapshot"


class SnapshotError(RevopsError):
    """The snapshot could not be published; the message says why, for a person."""


@dataclass(frozen=True)
class Relation:
    schema: str
    name: str
    rows: int

    @property
    def parquet_name(self) -> str:
        return f"{self.schema}/{self.name}.parquet"


@dataclass(frozen=True)
class SnapshotResult:
    week: str
    path: Path
    parquet_dir: Path
    storage_version: str
    relations: tuple[Relation, ...]

    def summary(self) -> str:
        return (
            f"{len(self.relations)} relations of week {self.week} in {self.path} "
            f"(storage {self.storage_version}) and {self.parquet_dir}"
        )


def publish_snapshot(settings: Settings, week: str | None = None) -> SnapshotResult:
    """Copy the BI schemas of the built warehouse into a new snapshot and swap it in."""
    from revops.scorecard.data import available_weeks, resolve_week
    from revops.warehouse import Warehouse

    settings.bi_dir.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(settings.bi_dir)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=settings.bi_dir))
    try:
        with _connect_warehouse(settings) as con:
            warehouse = Warehouse.around_duckdb(con, str(settings.duckdb_path))
            week = resolve_week(available_weeks(warehouse, settings), week)
            database = staging / "revops.duckdb"
            relations = _write_database(con, settings, database, week)
            _write_parquet(con, database, staging / "parquet", relations)
        database.chmod(0o444)  # BI reads it; nothing writes it after publication
        result = SnapshotResult(
            week, settings.bi_snapshot_path, settings.bi_parquet_dir,
            settings.bi_storage_version, relations,
        )  # fmt: skip
        _swap_in(settings, staging, result)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result


def _connect_warehouse(settings: Settings) -> duckdb.DuckDBPyConnection:
    """The built warehouse, read-only, in a session that may write other files
    (a read-only connection would attach the snapshot read-only too)."""
    if not settings.duckdb_path.exists():
        raise SnapshotError(
            f"There is no warehouse at {settings.duckdb_path}. Build it first with "
            "`revops weekly --raw-dir DIR` (or `revops demo` for the demo data)."
        )
    con = duckdb.connect()
    try:
        con.execute(f"attach {_literal(settings.duckdb_path)} as warehouse (read_only)")
        con.execute("use warehouse")
    except duckdb.Error as error:
        con.close()
        raise SnapshotError(
            f"The warehouse {settings.duckdb_path} cannot be opened: {error}"
        ) from None
    return con


def bi_relations(con: duckdb.DuckDBPyConnection, settings: Settings) -> list[tuple[str, str]]:
    """(schema as BI sees it, relation) of every table and view in the BI schemas."""
    prefix = os.environ.get("REVOPS_SCHEMA_PREFIX", "")
    found = []
    for schema in settings.bi_schemas:
        rows = con.execute(
            "select table_name from information_schema.tables "
            "where table_catalog = current_database() and table_schema = ? order by table_name",
            [prefix + schema],
        ).fetchall()
        found += [(schema, row[0]) for row in rows]
    if not found:
        raise SnapshotError(
            f"The warehouse {settings.duckdb_path} has no relation in the BI schemas "
            f"({', '.join(settings.bi_schemas)}): build it first with `revops demo` or "
            "`revops weekly`."
        )
    return found


def _write_database(
    con: duckdb.DuckDBPyConnection, settings: Settings, database: Path, week: str
) -> tuple[Relation, ...]:
    try:
        con.execute(
            f"attach {_literal(database)} as bi_snapshot_file "
            f"(storage_version {_literal(settings.bi_storage_version)})"
        )
    except duckdb.Error as error:
        raise SnapshotError(
            f"The BI snapshot cannot be written at storage version "
            f"{settings.bi_storage_version!r} (REVOPS_BI_STORAGE_VERSION): {error}"
        ) from None
    relations = []
    try:
        for schema, name in bi_relations(con, settings):
            con.execute(f"create schema if not exists bi_snapshot_file.{_quote(schema)}")
            con.execute(
                f"create table bi_snapshot_file.{_quote(schema)}.{_quote(name)} as "
                f"select * from {settings.relation(schema, name)}"
            )
            count = con.execute(
                f"select count(*) from bi_snapshot_file.{_quote(schema)}.{_quote(name)}"
            ).fetchone()
            relations.append(Relation(schema, name, int(count[0]) if count else 0))
        _write_manifest_table(con, week, relations)
        con.execute("checkpoint bi_snapshot_file")
    finally:
        con.execute("detach bi_snapshot_file")
    return tuple(relations)


def _write_manifest_table(
    con: duckdb.DuckDBPyConnection, week: str, relations: list[Relation]
) -> None:
    """What the snapshot holds, inside it: the week it was published for and each
    relation with its row count (a BI user sees which week they are reading)."""
    table = f"bi_snapshot_file.{MANIFEST_SCHEMA}.relations"
    con.execute(f"create schema bi_snapshot_file.{MANIFEST_SCHEMA}")
    con.execute(
        f"create table {table} (published_week varchar not null, schema_name varchar not null, "
        "relation_name varchar not null, row_count bigint not null)"
    )
    con.executemany(
        f"insert into {table} values (?, ?, ?, ?)",
        [[week, relation.schema, relation.name, relation.rows] for relation in relations],
    )


def _write_parquet(
    con: duckdb.DuckDBPyConnection, database: Path, folder: Path, relations: tuple[Relation, ...]
) -> None:
    """One Parquet file per relation, read back from the snapshot just written,
    for tools on any DuckDB version (or none)."""
    con.execute(f"attach {_literal(database)} as bi_snapshot_file (read_only)")
    try:
        for relation in relations:
            path = folder / relation.parquet_name
            path.parent.mkdir(parents=True, exist_ok=True)
            con.execute(
                f"copy (select * from bi_snapshot_file.{_quote(relation.schema)}."
                f"{_quote(relation.name)}) to {_literal(path)} (format parquet)"
            )
    finally:
        con.execute("detach bi_snapshot_file")


def _swap_in(settings: Settings, staging: Path, result: SnapshotResult) -> None:
    """The DuckDB file replaces the old one in one rename; the Parquet folder is
    reached through a symbolic link, replaced in one rename too, and the folder
    it pointed to is removed after (files a reader holds open stay readable)."""
    os.replace(staging / "revops.duckdb", settings.bi_snapshot_path)
    versions = settings.bi_dir / "parquet-versions"
    versions.mkdir(exist_ok=True)
    version = Path(tempfile.mkdtemp(prefix=f"{result.week}-", dir=versions))
    os.replace(staging / "parquet", version)
    previous = _link_target(settings.bi_parquet_dir)
    link = settings.bi_dir / f".parquet.link-{os.getpid()}"
    link.unlink(missing_ok=True)
    link.symlink_to(version.relative_to(settings.bi_dir))
    if settings.bi_parquet_dir.exists() and not settings.bi_parquet_dir.is_symlink():
        shutil.rmtree(settings.bi_parquet_dir)  # a folder from before the link
    os.replace(link, settings.bi_parquet_dir)
    if previous is not None and previous != version:
        shutil.rmtree(previous, ignore_errors=True)
    _write_json(settings.bi_dir / "manifest.json", _manifest(result))


def _manifest(result: SnapshotResult) -> dict[str, object]:
    return {
        "published_week": result.week,
        "duckdb_file": result.path.name,
        "storage_version": result.storage_version,
        "relations": [
            {
                "schema": relation.schema,
                "name": relation.name,
                "rows": relation.rows,
                "parquet": f"parquet/{relation.parquet_name}",
            }
            for relation in result.relations
        ],
    }


def _write_json(path: Path, document: dict[str, object]) -> None:
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    temporary.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n")
    os.replace(temporary, path)


def _link_target(link: Path) -> Path | None:
    if not link.is_symlink():
        return None
    return (link.parent / os.readlink(link)).resolve()


def _remove_leftovers(bi_dir: Path) -> None:
    """What a killed publication left: its staging folder and link (never the
    published snapshot, which is only ever replaced whole)."""
    for leftover in bi_dir.glob(".staging-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    for leftover in bi_dir.glob(".parquet.link-*"):
        leftover.unlink(missing_ok=True)
    versions = bi_dir / "parquet-versions"
    current = _link_target(bi_dir / "parquet")
    if versions.exists():
        for folder in versions.iterdir():
            if folder.resolve() != current:
                shutil.rmtree(folder, ignore_errors=True)


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _literal(value: object) -> str:
    return "'" + str(value).replace("'", "''") + "'"
