"""The benchmark's own rules: when a row counts as measured on a quiet machine,
how other work is told apart from the build's, and how rows of landings merge.

Fast: no warehouse is built (the figures themselves are in docs/benchmarks.md).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

import pytest

from revops_dev import bench
from revops_dev.bench import BenchRow, BusyMachine


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench, "load_limit", lambda: 2.0)


def test_a_row_started_quiet_with_no_other_work_is_kept(two_cores):
    # the loads after the start (3.1) are the benchmark's own two dbt threads
    row = BenchRow(scale=10, load_average=[0.4, 3.1, 2.6], other_cores=0.1)
    assert bench.check_quiet(row, allow_busy=False).busy is False


def test_a_row_started_on_a_busy_machine_is_refused(two_cores):
    row = BenchRow(scale=50, landing="typed", load_average=[2.4, 1.0], other_cores=0.0)
    with pytest.raises(BusyMachine) as refused:
        bench.check_quiet(row, allow_busy=False)
    message = str(refused.value)
    assert "scale 50 (typed landing)" in message
    assert "2.40" in message and "--allow-busy" in message


def test_other_work_during_a_step_makes_the_row_busy(two_cores):
    row = BenchRow(scale=1, load_average=[0.2], other_cores=0.26)
    with pytest.raises(BusyMachine):
        bench.check_quiet(row, allow_busy=False)
    # kept, marked busy, when told to
    assert bench.check_quiet(row, allow_busy=True).busy is True


def _cpu_seconds(pid: int) -> float:
    """A process's user and system CPU time so far (/proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_other_processes_cpu_is_measured_apart_from_the_commands(tmp_path):
    """A process outside the measured command burns CPU while the command
    sleeps: the other work measured holds at least what that process used in
    the window (whatever else the machine runs), and the sleeping command's
    own time is not in it."""
    burner = subprocess.Popen(
        [sys.executable, "-c", "import time\nt = time.time()\nwhile time.time() - t < 8: pass"]
    )
    try:
        time.sleep(0.5)
        before = _cpu_seconds(burner.pid)
        measured = bench.run_measured(
            [sys.executable, "-c", "import time; time.sleep(2)"], env=None, cwd=tmp_path
        )
        burned = _cpu_seconds(burner.pid) - before
    finally:
        burner.kill()
        burner.wait()
    assert measured.returncode == 0
    assert measured.seconds >= 2.0
    assert burned > 0.5  # the burner did run in the window
    # /proc/stat ticks at 100 Hz: allow a few ticks of rounding
    assert measured.other_cores * measured.seconds >= burned - 0.05


def test_rows_of_a_run_replace_only_their_scale_and_landing(tmp_path):
    path = tmp_path / "benchmarks.json"
    earlier = [
        {**asdict(BenchRow(scale=10, landing="text", full_build_s=30.0))},
        {**asdict(BenchRow(scale=10, landing="typed", full_build_s=20.0))},
        # a row written before landings were told apart is a text landing's
        {k: v for k, v in asdict(BenchRow(scale=1, full_build_s=9.0)).items() if k != "landing"},
    ]
    path.write_text(json.dumps(earlier))
    merged = bench.merge_rows(path, [BenchRow(scale=10, landing="text", full_build_s=25.0)])
    assert [(row["scale"], row.get("landing", "text"), row["full_build_s"]) for row in merged] == [
        (1, "text", 9.0),
        (10, "text", 25.0),
        (10, "typed", 20.0),
    ]


def test_ratios_are_missing_not_zero_without_a_floor():
    assert bench._ratio(93.1, 76.1) == 1.22
    assert bench._ratio(10.0, 0.0) is None
