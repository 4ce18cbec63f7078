"""revops.warehouse: what runs after dbt reads the target's own warehouse.

The settings come from profiles.yml rendered by dbt; a target revops cannot
read (Spark) is refused with a sentence, never served from the DuckDB file.
The PostgreSQL reads themselves are proven on a real server in test_engines.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT_DIR
from revops.config import Settings
from revops.scorecard.export import export_scorecard
from revops.warehouse import WarehouseError, duckdb_file, open_warehouse, read_target
from scorecard_fixture import build_fixture_warehouse

WEEK = "2026-W47"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(PROJECT_DIR, tmp_path / "warehouse" / "revops.duckdb", tmp_path / "output")


def _revops(settings: Settings, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "revops.cli", *args],
        cwd=PROJECT_DIR,
        env={
            **os.environ,
            "DBT_PROFILES_DIR": str(PROJECT_DIR),
            "REVOPS_DUCKDB_PATH": str(settings.duckdb_path),
            "REVOPS_OUTPUT_DIR": str(settings.output_dir),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_duckdb_target_opens_the_settings_file(settings: Settings, monkeypatch):
    monkeypatch.setenv("REVOPS_DUCKDB_PATH", "/elsewhere/other.duckdb")  # settings win
    target = read_target(settings, "dev")
    assert (target.name, target.type) == ("dev", "duckdb")
    assert duckdb_file(settings, target) == settings.duckdb_path
    build_fixture_warehouse(settings.duckdb_path)
    with open_warehouse(settings, "dev") as warehouse:
        assert warehouse.exists("metrics", "fct_weekly_metrics")
        assert not warehouse.exists("marts", "fct_weekly_metrics")
        rows = warehouse.rows(
            "select metric_key, count(*) as weeks from metrics.fct_weekly_metrics "
            "where metric_key = ? group by metric_key",
            ["mqls"],
        )
    assert rows == [{"metric_key": "mqls", "weeks": 7}]  # W41 to W47


def test_default_target_is_the_profiles(settings: Settings, monkeypatch):
    monkeypatch.setenv("REVOPS_TARGET", "postgres")
    assert read_target(settings).name == "postgres"
    monkeypatch.delenv("REVOPS_TARGET")
    assert read_target(settings).name == "dev"  # profiles.yml's env_var default


def test_postgres_target_is_rendered_by_dbt(settings: Settings, monkeypatch):
    """Environment first, profiles.yml's defaults otherwise; the port an int."""
    monkeypatch.setenv("REVOPS_POSTGRES_HOST", "db.internal")
    monkeypatch.setenv("REVOPS_POSTGRES_PORT", "6543")
    monkeypatch.delenv("REVOPS_POSTGRES_USER", raising=False)
    monkeypatch.delenv("REVOPS_POSTGRES_SSLMODE", raising=False)
    monkeypatch.setenv("REVOPS_POSTGRES_PASSWORD", "s3cret")
    target = read_target(settings, "postgres")
    assert target.type == "postgres"
    assert {key: target.config[key] for key in ("host", "port", "user", "sslmode")} == {
        "host": "db.internal",
        "port": 6543,
        "user": "revops",
        "sslmode": "prefer",
    }
    assert "s3cret" not in repr(target)


def test_postgres_without_password_is_refused(settings: Settings, monkeypatch):
    monkeypatch.delenv("REVOPS_POSTGRES_PASSWORD", raising=False)
    with (
        pytest.raises(WarehouseError, match=r"no password: .*REVOPS_POSTGRES_PASSWORD"),
        open_warehouse(settings, "postgres"),
    ):
        pass


def test_unreachable_postgres_is_named_without_its_password(settings: Settings, monkeypatch):
    port = _free_port()  # nothing listens there
    monkeypatch.setenv("REVOPS_POSTGRES_HOST", "127.0.0.1")
    monkeypatch.setenv("REVOPS_POSTGRES_PORT", str(port))
    monkeypatch.setenv("REVOPS_POSTGRES_PASSWORD", "s3cret-never-shown")
    with pytest.raises(WarehouseError) as raised, open_warehouse(settings, "postgres"):
        pass
    message = str(raised.value)
    assert f"target 'postgres' (revops@127.0.0.1:{port}/revops) cannot be opened" in message
    assert "s3cret-never-shown" not in message


def test_unknown_target_is_named(settings: Settings):
    with pytest.raises(WarehouseError, match=r"no target 'nope'.*dev, postgres, spark"):
        read_target(settings, "nope")


def test_scorecard_on_spark_is_refused_not_read_from_duckdb(settings: Settings):
    """A DuckDB file that would export fine is there: `--target spark` still
    refuses, since that file is not the Spark build."""
    build_fixture_warehouse(settings.duckdb_path)
    export_scorecard(settings, WEEK, "dev")  # the file itself exports
    published = (settings.scorecards_dir / WEEK / "scorecard.json").read_bytes()
    refused = _revops(settings, "scorecard", "--target", "spark", "--week", WEEK)
    assert refused.returncode == 2, refused.stderr
    assert "cannot read a spark warehouse yet (target 'spark')" in refused.stderr
    assert (settings.scorecards_dir / WEEK / "scorecard.json").read_bytes() == published


def test_weekly_on_spark_is_refused_before_building(settings: Settings):
    build_fixture_warehouse(settings.duckdb_path)
    refused = _revops(settings, "weekly", "--target", "spark", "--week", WEEK)
    assert refused.returncode == 2, refused.stderr
    assert "cannot read a spark warehouse yet" in refused.stderr
    (path,) = settings.runs_dir.glob("*.json")
    record = json.loads(path.read_text())
    assert (record["status"], record["target"], record["steps"]) == ("failed", "spark", [])
    assert not settings.scorecards_dir.exists()


def test_landing_folder_for_postgres_is_refused(settings: Settings, tmp_path: Path):
    refused = _revops(settings, "build", "--raw-dir", str(tmp_path), "--target", "postgres")
    assert refused.returncode == 2, refused.stderr
    assert "--raw-dir lands files as views in the DuckDB warehouse" in refused.stderr
    assert not settings.duckdb_path.exists()


# --- the spill folder: set once, when the database opens ---------------------------


def _spill(con, folder: Path) -> None:
    """A sort too large for a 64 MB memory limit: DuckDB writes it to `folder`."""
    con.execute("set memory_limit = '64MB'")
    con.execute("set threads = 1")
    con.execute("create table big as select range as i, hash(range) as h from range(6000000)")
    con.execute("create table sorted as select * from big order by h")
    assert any(folder.iterdir()), "nothing spilled: the case proves nothing"


def test_duckdb_refuses_the_spill_folder_again_once_it_was_used(tmp_path: Path):
    """Why profiles.yml sets temp_directory in config_options: after a spill,
    DuckDB refuses `SET temp_directory`, even to the same folder (dbt-duckdb
    applies `settings` to every cursor it opens, so a large build failed)."""
    import duckdb

    folder = tmp_path / "spill"
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        con.execute(f"set temp_directory = '{folder}'")
        _spill(con, folder)
        with pytest.raises(duckdb.Error, match="Cannot switch temporary directory"):
            con.cursor().execute(f"set temp_directory = '{folder}'")


def test_every_cursor_takes_the_profiles_settings_after_a_spill(
    settings: Settings, tmp_path: Path, monkeypatch
):
    """The dev target as dbt renders it: the spill folder is opened with the
    database, and a cursor opened after a spill applies every `settings` entry,
    as dbt-duckdb does for each cursor."""
    import duckdb

    folder = tmp_path / "spill"
    monkeypatch.setenv("REVOPS_TEMP_DIR", str(folder))
    config = read_target(settings, "dev").config
    assert config["config_options"] == {"temp_directory": str(folder)}
    assert "temp_directory" not in config["settings"]
    with duckdb.connect(str(tmp_path / "w.duckdb"), config=config["config_options"]) as con:
        _spill(con, folder)
        cursor = con.cursor()
        for key, value in config["settings"].items():
            cursor.execute(f"set {key} = '{value}'")
        assert cursor.execute("select current_setting('temp_directory')").fetchone()[0] == str(
            folder
        )
