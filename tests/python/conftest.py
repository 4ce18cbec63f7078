"""Shared, expensive fixtures: one generated landing folder and one built warehouse per run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

# pytest-xdist's workers run under execnet, whose __main__ has neither __spec__
# nor __file__: PySpark (imported by Great Expectations) takes that for its own
# doctest run and exits the worker. Name the worker's main module.
_MAIN = sys.modules["__main__"]
if getattr(_MAIN, "__spec__", None) is None and not hasattr(_MAIN, "__file__"):
    _MAIN.__file__ = "<pytest-xdist worker>"

PROJECT_DIR = Path(__file__).resolve().parents[2]
REVOPS = [sys.executable, "-m", "revops.cli"]


@dataclass(frozen=True)
class Workspace:
    """An isolated warehouse: its own DuckDB file, dbt target path and output folder."""

    root: Path

    @property
    def duckdb_path(self) -> Path:
        return self.root / "revops.duckdb"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            REVOPS_DUCKDB_PATH=str(self.duckdb_path),
            REVOPS_TEMP_DIR=str(self.root / "tmp"),
            REVOPS_OUTPUT_DIR=str(self.root / "output"),
            DBT_TARGET_PATH=str(self.root / "target"),
            DBT_LOG_PATH=str(self.root / "logs"),
            DBT_PROFILES_DIR=str(PROJECT_DIR),
            # dbt's unit tests read no landed data: `make test` runs them once,
            # in `revops demo`; the many builds of the suite skip them.
            DBT_EXCLUDE_RESOURCE_TYPES="unit_test",
        )
        return env

    def query(self, sql: str) -> list[tuple]:
        """The rows of a query on this warehouse, opened read-only."""
        import duckdb

        with duckdb.connect(str(self.duckdb_path), read_only=True) as con:
            return con.execute(sql).fetchall()

    def build_landing(
        self, landing: Path, *args: str
    ) -> tuple[subprocess.CompletedProcess[str], str]:
        """`revops build --raw-dir landing ARGS`, running only the data tests whose
        every parent is selected (so a `--select` leaves the marts' tests out).
        Never a traceback; returns the process and its output on one line."""
        completed = subprocess.run(
            [*REVOPS, "build", "--raw-dir", str(landing), *args],
            cwd=PROJECT_DIR,
            env={**self.env(), "DBT_INDIRECT_SELECTION": "cautious"},
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
        )
        output = completed.stdout + completed.stderr
        assert "Traceback" not in output, output[-3000:]
        return completed, " ".join(output.split())

    def revops(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*REVOPS, *args],
            cwd=PROJECT_DIR,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
        )


# The files that build most warehouses run first, so that two workers finish
# together (xdist hands out whole files in collection order).
LONGEST_FIRST = (
    "test_engines_spark",
    "test_engines",
    "test_loaders",
    "test_bi_snapshot",
    "test_picklists",
)


# The fast tier (`make test-fast`, `pytest -m "not slow"`) leaves out every test
# that builds a warehouse: those reaching the shared landing or build fixtures,
# and the files whose own fixtures build one (or start Spark, PostgreSQL, Superset).
BUILDING_FIXTURES = {"landing_dir", "built_workspace"}
BUILDING_FILES = {
    "test_loaders",
    "test_bi_snapshot",
    "test_bi_superset",
    "test_engines",
    "test_engines_spark",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.path.stem
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)

    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & BUILDING_FIXTURES or item.path.stem in BUILDING_FILES:
            item.add_marker(pytest.mark.slow)
    items.sort(key=rank)


def make_workspace(tmp_path_factory: pytest.TempPathFactory, name: str) -> Workspace:
    root = tmp_path_factory.mktemp(name)
    (root / "tmp").mkdir()
    return Workspace(root)


@pytest.fixture(scope="session")
def landing_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scale-1 demo data as a Parquet landing folder (generated once per run)."""
    out = tmp_path_factory.mktemp("landing")
    from revops_dev.generate import main_generate

    main_generate(1, 42, out, "parquet", progress=False)
    return out


@pytest.fixture(scope="session")
def built_workspace(
    tmp_path_factory: pytest.TempPathFactory, landing_dir: Path
) -> Iterator[tuple[Workspace, subprocess.CompletedProcess[str]]]:
    """A warehouse built once from the landing folder with `revops build --raw-dir`."""
    workspace = make_workspace(tmp_path_factory, "built")
    completed = workspace.revops("build", "--raw-dir", str(landing_dir))
    yield workspace, completed
    shutil.rmtree(workspace.root / "tmp", ignore_errors=True)


@pytest.fixture
def corrupt_landing(tmp_path: Path, landing_dir: Path) -> Path:
    """A private copy of the landing folder that a test may damage."""
    copy = tmp_path / "landing"
    shutil.copytree(landing_dir, copy)
    return copy
