"""Nothing reads the clock: the same landed data gives the same fct_weekly_metrics
whenever and wherever it is built.

Two guards: the SQL never names the clock, and a second build of the same
landing folder, in a time zone where today is another date than for the
session's build, gives identical rows.
"""

from __future__ import annotations

import re
import subprocess
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest

from conftest import PROJECT_DIR, REVOPS, Workspace, make_workspace

CLOCK = re.compile(
    r"\b(current_date|current_timestamp|localtimestamp|sysdate|getdate|today|run_started_at)\b"
    r"|\bnow\s*\(|modules\.datetime",
    re.IGNORECASE,
)
COMMENTS = re.compile(r"\{#.*?#\}|/\*.*?\*/|--[^\n]*", re.DOTALL)
# 25 hours apart: at any instant their dates differ, so one of them is always
# on another date than the machine running the session build.
FAR_APART_ZONES = ("Pacific/Kiritimati", "Pacific/Pago_Pago")


def _clock_reads(code: str) -> list[str]:
    """What in `code`, outside comments, reads the clock."""
    return [match.group(0) for match in CLOCK.finditer(COMMENTS.sub("", code))]


def test_no_model_or_macro_reads_the_clock():
    files = sorted((PROJECT_DIR / "models").rglob("*.sql")) + sorted(
        (PROJECT_DIR / "macros").rglob("*.sql")
    )
    assert len(files) > 50
    found = {
        str(path.relative_to(PROJECT_DIR)): reads
        for path in files
        if (reads := _clock_reads(path.read_text()))
    }
    assert not found


def test_the_clock_check_skips_comments_and_look_alikes_only():
    assert _clock_reads("-- counting to today reads the clock\n{# now() #}\nselect now() as x") == [
        "now("
    ]
    assert _clock_reads("/* current_date */ select todays_total, nowhere from t") == []
    assert _clock_reads("{{ run_started_at }} and CURRENT_TIMESTAMP") == [
        "run_started_at",
        "CURRENT_TIMESTAMP",
    ]


def _another_date_zone() -> str:
    today_here = datetime.now().astimezone().date()
    return next(
        zone for zone in FAR_APART_ZONES if datetime.now(ZoneInfo(zone)).date() != today_here
    )


def _weekly_metrics(workspace: Workspace) -> list[tuple]:
    with duckdb.connect(str(workspace.duckdb_path), read_only=True) as con:
        return con.execute(
            "select * from metrics.fct_weekly_metrics order by metric_key, iso_week"
        ).fetchall()


@pytest.fixture(scope="module")
def rebuilt_elsewhere(
    tmp_path_factory: pytest.TempPathFactory, landing_dir: Path
) -> tuple[Workspace, str]:
    """The session's landing folder built again: own DuckDB file and target
    path, another time zone (another local date)."""
    workspace = make_workspace(tmp_path_factory, "rebuilt_elsewhere")
    zone = _another_date_zone()
    completed = subprocess.run(
        [*REVOPS, "build", "--raw-dir", str(landing_dir)],
        cwd=PROJECT_DIR,
        env={**workspace.env(), "TZ": zone},
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert completed.returncode == 0, (completed.stdout + completed.stderr)[-4000:]
    return workspace, zone


def test_rebuilding_on_another_date_gives_identical_weekly_metrics(
    built_workspace, rebuilt_elsewhere
):
    first, completed = built_workspace
    assert completed.returncode == 0, (completed.stdout + completed.stderr)[-4000:]
    second, zone = rebuilt_elsewhere
    first_rows, second_rows = _weekly_metrics(first), _weekly_metrics(second)
    assert len(first_rows) > 1000
    assert first_rows == second_rows, f"rebuilt in {zone}"
