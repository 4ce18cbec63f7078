"""The generated tables of docs/metrics.md and docs/landing.md follow the seeds and contract.

Fast: reads files only, no warehouse.
"""

from __future__ import annotations

import csv
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "metric_docs", PROJECT_DIR / "scripts" / "metric_docs.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


metric_docs = _load_script()


def _block(text: str, name: str) -> list[str]:
    """The table lines of one generated block."""
    begin = metric_docs.BEGIN.format(name=name)
    inside = text.split(begin + "\n", 1)[1].split(metric_docs.END, 1)[0]
    return inside.strip().splitlines()


def _row(lines: list[str], first_cell: str) -> list[str]:
    for line in lines:
        cells = [cell.strip() for cell in line.strip("|").split(" | ")]
        if cells[0] == first_cell:
            return cells
    raise AssertionError(f"no row {first_cell}")


def test_generated_tables_are_current() -> None:
    assert metric_docs.stale_documents(PROJECT_DIR) == [], "run python scripts/metric_docs.py"


def test_check_mode_exit_code() -> None:
    result = subprocess.run(
        [sys.executable, "scripts/metric_docs.py", "--check"],
        cwd=PROJECT_DIR,
        env={**os.environ, "REVOPS_PROJECT_DIR": str(PROJECT_DIR)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_arr_row_reads_the_seed_and_stripe() -> None:
    lines = _block((PROJECT_DIR / "docs/metrics.md").read_text(), "metrics")
    assert (
        lines[0] == "| key | label | section | unit | kind | better | owner | reads | definition |"
    )
    arr = _row(lines, "`arr`")
    assert arr[:8] == [
        "`arr`",
        "ARR",
        "Revenue",
        "currency",
        "level",
        "higher",
        "Finance",
        "stripe",
    ]
    with (PROJECT_DIR / "seeds/reference/metric_definitions.csv").open(newline="") as handle:
        seed = {row["metric_key"]: row for row in csv.DictReader(handle)}
    assert arr[8] == seed["arr"]["definition"]
    assert arr[8].startswith("12 x MRR summed over accounts on the week's Sunday")


def test_sources_and_better_direction_by_hand() -> None:
    lines = _block((PROJECT_DIR / "docs/metrics.md").read_text(), "metrics")
    # three rows of metric_sources.csv, sorted
    assert _row(lines, "`cost_per_mql`")[5:8] == [
        "lower",
        "Marketing",
        "ad_reporting, hubspot, salesforce",
    ]
    # no row in metric_sources.csv: it describes the loads themselves
    assert _row(lines, "`stale_sources`")[7] == "none (describes the loads)"
    # one row per metric of the seed (35), plus header and rule
    assert len(lines) == 35 + 2


def test_targets_and_reasons_tables_by_hand() -> None:
    text = (PROJECT_DIR / "docs/metrics.md").read_text()
    targets = _block(text, "targets")
    bookings = [line for line in targets if line.startswith("| `bookings` |")]
    assert len(bookings) == 12
    assert bookings[0] == "| `bookings` | quarter | 2025-01-01 | 250000 |"
    reasons = _block(text, "reconciliation")
    assert _row(reasons, "`bookings_vs_billing`")[1:4] == [
        "1",
        "`won_not_yet_billed`",
        "team's count only",
    ]
    assert "| `sales_new_leads` | 5 | `not_a_salesforce_lead` | unified count only |" in "\n".join(
        reasons
    )


def test_landing_table_reads_the_contract() -> None:
    lines = _block((PROJECT_DIR / "docs/landing.md").read_text(), "landing")
    price = _row(lines, "`stripe/price`")
    assert "unit_amount (or amount)" in price[2].split(", ")
    assert price[4] == "none"
    history = _row(lines, "`zendesk/ticket_field_history`")
    assert history[1] == "ticket_id, field_name, updated"
    assert _row(lines, "`salesforce/user`")[4] == "a load within 28 days before the week end"
    assert "currency_iso_code" in _row(lines, "`salesforce/opportunity`")[3].split(", ")


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    for folder in ("docs", "seeds/reference", "models/staging"):
        shutil.copytree(PROJECT_DIR / folder, tmp_path / folder)
    return tmp_path


def test_a_seed_edit_makes_the_table_stale_and_write_fixes_it(project_copy: Path) -> None:
    seed = project_copy / "seeds/reference/metric_definitions.csv"
    seed.write_text(
        seed.read_text().replace("12 x MRR summed over accounts", "Twelve times MRR over accounts")
    )
    assert metric_docs.stale_documents(project_copy) == [Path("docs/metrics.md")]
    before = (project_copy / "docs/metrics.md").read_text()
    assert metric_docs.write_documents(project_copy) == [Path("docs/metrics.md")]
    after = (project_copy / "docs/metrics.md").read_text()
    assert "Twelve times MRR over accounts on the week's Sunday" in after
    # the hand-written text around the tables is kept
    assert (
        after.split(metric_docs.BEGIN.format(name="metrics"))[0]
        == before.split(metric_docs.BEGIN.format(name="metrics"))[0]
    )
    assert metric_docs.stale_documents(project_copy) == []


def test_a_missing_block_is_named(project_copy: Path) -> None:
    path = project_copy / "docs/landing.md"
    path.write_text(path.read_text().replace(metric_docs.BEGIN.format(name="landing"), ""))
    with pytest.raises(SystemExit, match=r"no block .*landing"):
        metric_docs.stale_documents(project_copy)


def test_no_file_points_outside_the_repository() -> None:
    """Users do not have the authors' shared folder: docs/metrics.md is the reference."""
    result = subprocess.run(
        [
            "git",
            "grep",
            "--untracked",
            "-n",
            "-I",
            "-e",
            "shared/spec",
            "-e",
            "\\.\\./shared",
            "--",
            ".",
            ":!tests/python/test_metric_docs.py",
        ],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stdout
