"""`revops weekly`: the pipeline's steps (revops.pipeline: land, gate, build,
mart checks, export, BI snapshot, freshness), then the delivery (revops.delivery:
recorded, never failing the run) and a run record under output/runs/ whatever
the outcome. One run at a time.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from rich.console import Console

from revops.config import Settings
from revops.lock import run_lock
from revops.scorecard.data import parse_week


@dataclass
class RunRecord:
    command: str
    week: str | None
    started_at: str
    raw_dir: str | None = None
    target: str | None = None
    finished_at: str | None = None
    status: str = "running"
    steps: list[dict[str, Any]] = field(default_factory=list)
    dbt_results: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)
    error: str | None = None


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def run_weekly(
    settings: Settings,
    console: Console,
    week: str | None = None,
    raw_dir: Path | None = None,
    target: str | None = None,
    full_refresh: bool = False,
) -> RunRecord:
    """The weekly run, under the lock; the record is written even when a step fails.
    `full_refresh` rebuilds every incremental model from scratch."""
    if week is not None:
        refuse_future_week(week)  # fails before anything is built or touched
    record = RunRecord("weekly", week, _now(), str(raw_dir) if raw_dir else None, target)
    with run_lock(settings.lock_path, "revops weekly"):
        try:
            _steps(settings, console, record, raw_dir, target, full_refresh)
            record.status = "succeeded"
        except BaseException as problem:
            record.status = "failed"
            record.error = str(problem) or type(problem).__name__
            raise
        finally:
            record.finished_at = _now()
            path = write_run_record(settings.runs_dir, record)
            console.print(f"run record: {path}")
    return record


def _step(console: Console, record: RunRecord, name: str, action: Callable[[], str | None]):
    started = time.monotonic()
    with console.status(f"[bold]{name}[/] ..."):
        try:
            note = action()
        except BaseException:
            record.steps.append({"step": name, "status": "failed"})
            console.print(f"[red]✗[/] {name}")
            raise
    seconds = round(time.monotonic() - started, 1)
    record.steps.append({"step": name, "status": "done", "seconds": seconds})
    console.print(f"[green]✓[/] {name} ({seconds} s){': ' + note if note else ''}")


def _steps(
    settings: Settings,
    console: Console,
    record: RunRecord,
    raw_dir: Path | None,
    target: str | None,
    full_refresh: bool = False,
) -> None:
    """The pipeline's steps for the weekly run (revops.pipeline), each recorded, then
    the delivery: last, since a failed send never fails the run."""
    from revops.pipeline import Plan, new_state, run_pipeline
    from revops.warehouse import duckdb_file, readable_target

    # Refused before anything is built: a target the scorecard cannot be read from.
    warehouse_target = readable_target(settings, target)
    no_warehouse = (
        warehouse_target.type == "duckdb" and not duckdb_file(settings, warehouse_target).exists()
    )
    if raw_dir is None and no_warehouse:
        from revops.scorecard import ScorecardError

        raise ScorecardError(
            f"There is no warehouse at {duckdb_file(settings, warehouse_target)} and no "
            "--raw-dir was given: land data with `revops weekly --raw-dir DIR` (or "
            "`revops demo` for the demo)."
        )
    plan = Plan("weekly", raw_dir, target, full_refresh, heal=True, week=record.week)
    state = new_state()
    try:
        run_pipeline(
            settings,
            plan,
            state,
            console,
            lambda name, action: _step(console, record, name, action),
        )
    finally:
        record.week = state.week or record.week
        record.dbt_results = state.dbt_results
        record.outputs = state.outputs
        record.warnings += [w for w in state.notes + state.warnings if w not in record.warnings]
        if state.stale_sources:
            freshness = next(s for s in record.steps if s["step"] == "freshness")
            freshness["stale_sources"] = state.stale_sources[0]

    from revops.delivery import delivery_step

    delivery_step(settings, console, record)  # last: a failed send never fails the run


def refuse_future_week(week: str) -> None:
    """A week that has not ended by the clock cannot be complete in any data.
    (The clock decides only this; the scorecard itself never reads it.)"""
    from revops.scorecard import ScorecardError

    parse_week(week)
    year, number = int(week[:4]), int(week[-2:])
    if date.fromisocalendar(year, number, 7) >= datetime.now(UTC).date():
        raise ScorecardError(f"{week} has not ended yet: choose a complete week.")


def write_run_record(runs_dir: Path, record: RunRecord) -> Path:
    runs_dir.mkdir(parents=True, exist_ok=True)
    stamp = record.started_at.replace("-", "").replace(":", "")
    path = runs_dir / f"{stamp}-{record.week or 'unknown-week'}-{os.getpid()}.json"
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(record.__dict__, indent=2, sort_keys=True) + "\n")
    os.replace(temporary, path)
    return path
