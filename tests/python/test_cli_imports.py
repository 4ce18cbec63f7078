"""The command line loads only what a command needs (issue: fast feedback).

`revops --help` and the parser must not import dbt, DuckDB, Great Expectations
or PySpark: each costs from a tenth of a second to a second, and Great
Expectations printed PySpark's FutureWarning twice on every command.
"""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import PROJECT_DIR

HEAVY = (
    "great_expectations",
    "pyspark",
    "dbt",
    "duckdb",
    "matplotlib",
    "pandas",
    # the generator and the benchmark: developer tools, not the runtime
    "revops_dev",
)


def _modules_loaded_by(code: str) -> set[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    completed = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(completed.stdout.strip().splitlines()[-1]))


def test_importing_the_command_line_loads_no_heavy_package():
    loaded = _modules_loaded_by("import revops.cli")
    heavy = sorted(name for name in loaded if name.split(".")[0] in HEAVY)
    assert heavy == []


def test_help_parses_every_command_without_heavy_packages():
    code = (
        "import contextlib, io, revops.cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        revops.cli.main(['--help'])\n"
        "    except SystemExit:\n"
        "        pass"
    )
    loaded = _modules_loaded_by(code)
    assert sorted(name for name in loaded if name.split(".")[0] in HEAVY) == []


def test_help_prints_no_warning():
    completed = subprocess.run(
        [sys.executable, "-m", "revops.cli", "--help"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0
    assert "usage: revops" in completed.stdout
    assert completed.stderr == ""


def test_every_reported_problem_shares_one_base_class():
    from revops.bi import BIError
    from revops.dbt import BuildError
    from revops.delivery import DeliveryError
    from revops.errors import RevopsError
    from revops.landing import LandingError
    from revops.loaders import LoaderProfileError
    from revops.quality import QualityError
    from revops.scorecard import ScorecardError
    from revops.snapshot import SnapshotError
    from revops.warehouse import WarehouseError

    for error in (
        BIError,
        BuildError,
        DeliveryError,
        LandingError,
        LoaderProfileError,
        QualityError,
        ScorecardError,
        SnapshotError,
        WarehouseError,
    ):
        assert issubclass(error, RevopsError), error


def test_the_runtime_package_imports_the_developer_tools_only_in_their_commands():
    """revops_dev (generator, benchmark) is imported by `revops generate` and
    `revops bench` alone, inside their handlers; no other runtime module names it."""
    importers = {}
    for path in sorted((PROJECT_DIR / "src" / "revops").rglob("*.py")):
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if "revops_dev" in line and ("import" in line or "from" in line):
                importers.setdefault(path.name, []).append((number, line.strip()))
    assert set(importers) == {"cli.py"}, importers
    assert sorted(line for _, line in importers["cli.py"]) == [
        "from revops_dev.bench import run_bench",
        "from revops_dev.generate import main_generate",
    ]
