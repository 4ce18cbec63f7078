"""The BI snapshot: what BI may read, published beside the build's own file.

A reader on DuckDB 1.x (the BI virtualenv's driver) holds the snapshot open
while a full weekly run rebuilds the warehouse and republishes: the run
succeeds, the reader keeps its snapshot, a new reader gets the new one; only
the BI schemas are in it and no email in clear.
"""

from __future__ import annotations

import json
import struct
import subprocess
import textwrap
from pathlib import Path

import duckdb
import pytest

from revops.config import Settings
from revops.snapshot import SnapshotError, publish_snapshot
from scorecard_fixture import add_reconciliation, build_fixture_warehouse

PROJECT_DIR = Path(__file__).resolve().parents[2]
BI_PYTHON = PROJECT_DIR / ".venv-bi" / "bin" / "python"

# Holds the snapshot open and says what it sees each time a line comes in.
READER = textwrap.dedent(
    """
    import sys, duckdb
    held = duckdb.connect(sys.argv[1], read_only=True)
    def seen():
        week, relations = held.execute(
            "select min(published_week), count(*) from bi_snapshot.relations").fetchone()
        persons = held.execute("select count(*) from marts.dim_persons").fetchone()[0]
        return f"{week} {relations} {persons}"
    print("ready", duckdb.__version__, seen(), flush=True)
    for line in sys.stdin:
        print(seen(), flush=True)
    """
)
# A new reader: another process (DuckDB shares one open database per process).
FRESH = (
    "import sys, duckdb; con = duckdb.connect(sys.argv[1], read_only=True); "
    "print(con.execute('select min(published_week) from bi_snapshot.relations').fetchone()[0])"
)


def _bi_python() -> Path:
    if not BI_PYTHON.exists():
        pytest.fail("The BI virtualenv is missing: run `make bi-setup` (it installs .venv-bi).")
    return BI_PYTHON


def _storage_number(path: Path) -> int:
    """The storage version a DuckDB file declares in its header (bytes 12-20)."""
    with open(path, "rb") as handle:
        header = handle.read(20)
    assert header[8:12] == b"DUCK"
    return struct.unpack("<Q", header[12:20])[0]


def _ask(reader: subprocess.Popen[str]) -> str:
    assert reader.stdin is not None and reader.stdout is not None
    reader.stdin.write("read\n")
    reader.stdin.flush()
    return reader.stdout.readline().strip()


def test_reader_keeps_its_snapshot_while_a_weekly_run_republishes(
    built_workspace, landing_dir: Path
):
    workspace, build = built_workspace
    assert build.returncode == 0, build.stderr[-2000:]
    first = workspace.revops("weekly", "--raw-dir", str(landing_dir), "--week", "2026-W46")
    assert first.returncode == 0, (first.stdout + first.stderr)[-3000:]
    bi_dir = workspace.root / "output" / "bi"
    snapshot = bi_dir / "revops.duckdb"
    assert _storage_number(snapshot) == 67  # v1.4.0: DuckDB 1.4 and 1.5 read it
    old_inode = snapshot.stat().st_ino

    reader = subprocess.Popen(
        [str(_bi_python()), "-c", READER, str(snapshot)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout is not None
        ready = reader.stdout.readline().split()
        assert ready[:2] == ["ready", "1.4.5"], reader.stderr.read() if reader.stderr else ""
        before = ready[2:]
        assert before[0] == "2026-W46" and int(before[2]) > 0

        second = workspace.revops("weekly", "--raw-dir", str(landing_dir))
        output = second.stdout + second.stderr
        assert second.returncode == 0, output[-3000:]
        assert "BI snapshot" in output

        assert _ask(reader).split() == before  # the old snapshot, whole, to its reader
        fresh = subprocess.run(
            [str(_bi_python()), "-c", FRESH, str(snapshot)],
            capture_output=True, text=True, timeout=120, check=True,
        )  # fmt: skip
        assert fresh.stdout.strip() == "2026-W47"
    finally:
        reader.kill()
        reader.wait(timeout=30)
    assert snapshot.stat().st_ino != old_inode
    records = sorted((workspace.root / "output" / "runs").glob("*.json"))
    steps = [step["step"] for step in json.loads(records[-1].read_text())["steps"]]
    assert "BI snapshot" in steps
    _assert_only_bi_relations(workspace.duckdb_path, snapshot, bi_dir)


def _assert_only_bi_relations(warehouse: Path, snapshot: Path, bi_dir: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        expected = set(
            con.execute(
                "select table_schema, table_name from information_schema.tables "
                "where table_schema in ('marts', 'metrics')"
            ).fetchall()
        )
        assert ("restricted", "restricted_person_emails") in set(
            con.execute("select table_schema, table_name from information_schema.tables").fetchall()
        )
    with duckdb.connect(str(snapshot), read_only=True) as con:
        found = set(
            con.execute(
                "select table_schema, table_name from information_schema.tables "
                "where table_schema <> 'bi_snapshot'"
            ).fetchall()
        )
        assert found == expected
        assert {schema for schema, _ in found} == {"marts", "metrics"}
        assert ("marts", "metricflow_time_spine") in found
        email_columns = con.execute(
            "select table_schema, table_name, column_name from information_schema.columns "
            "where column_name like '%email%' and data_type = 'VARCHAR'"
        ).fetchall()
        assert ("marts", "dim_persons", "email") in email_columns
        for schema, table, column in email_columns:
            clear = con.execute(
                f'select count(*) from "{schema}"."{table}" where "{column}" like \'%@%\''
            ).fetchone()[0]
            assert clear == 0, f"{schema}.{table}.{column} holds {clear} clear emails"
        hashed = con.execute(
            "select count(*) from marts.dim_persons where length(email) = 64"
        ).fetchone()[0]
        assert hashed > 0
        counts = dict(
            con.execute(
                "select schema_name || '.' || relation_name, row_count from bi_snapshot.relations"
            ).fetchall()
        )
    manifest = json.loads((bi_dir / "manifest.json").read_text())
    assert manifest["published_week"] == "2026-W47"
    assert {f"{r['schema']}.{r['name']}": r["rows"] for r in manifest["relations"]} == counts
    parquet = bi_dir / "parquet"
    assert parquet.is_symlink() and len(list((bi_dir / "parquet-versions").iterdir())) == 1
    with duckdb.connect() as con:
        for relation in manifest["relations"]:
            path = bi_dir / relation["parquet"]
            rows = con.execute(f"select count(*) from read_parquet('{path}')").fetchone()[0]
            assert rows == relation["rows"], path
        clear = con.execute(
            f"select count(*) from read_parquet('{parquet}/marts/dim_persons.parquet') "
            "where email like '%@%'"
        ).fetchone()[0]
        assert clear == 0


# Small cases on a hand-built warehouse -------------------------------------------------


def _fixture_settings(tmp_path: Path, storage_version: str = "v1.4.0") -> Settings:
    settings = Settings(
        PROJECT_DIR, tmp_path / "revops.duckdb", tmp_path / "output", storage_version
    )
    build_fixture_warehouse(settings.duckdb_path)
    add_reconciliation(settings.duckdb_path)
    with duckdb.connect(str(settings.duckdb_path)) as con:
        con.execute("create schema restricted")
        con.execute("create table restricted.person_emails as select 'a@example.com' as email")
        con.execute("create schema intermediate")
        con.execute("create table intermediate.scratch as select 1 as x")
    return settings


def test_only_the_bi_schemas_are_copied(tmp_path: Path):
    settings = _fixture_settings(tmp_path)
    result = publish_snapshot(settings, "2026-W46")
    assert result.week == "2026-W46"
    assert [(r.schema, r.name, r.rows) for r in result.relations] == [
        ("marts", "mart_reconciliation_weekly", 7),  # six W47 reason rows and one W46
        ("metrics", "fct_weekly_metrics", 56),  # 8 metrics x 7 weeks (W41-W47)
    ]
    assert _storage_number(settings.bi_snapshot_path) == 67


def test_an_unknown_storage_version_is_refused_and_the_old_snapshot_kept(tmp_path: Path):
    settings = _fixture_settings(tmp_path)
    publish_snapshot(settings)
    published = settings.bi_snapshot_path.read_bytes()
    broken = Settings(settings.project_dir, settings.duckdb_path, settings.output_dir, "v9.9.9")
    with pytest.raises(
        SnapshotError, match=r"storage version 'v9.9.9' \(REVOPS_BI_STORAGE_VERSION\)"
    ):
        publish_snapshot(broken)
    assert settings.bi_snapshot_path.read_bytes() == published
    assert [p.name for p in settings.bi_dir.iterdir() if p.name.startswith(".")] == []


def test_missing_warehouse_is_refused(tmp_path: Path):
    settings = Settings(PROJECT_DIR, tmp_path / "absent.duckdb", tmp_path / "output")
    with pytest.raises(SnapshotError, match="There is no warehouse at"):
        publish_snapshot(settings)
    assert not settings.duckdb_path.exists()
