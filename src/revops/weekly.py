"""`revops weekly`: land, check, build, export, record. One run at a time.

Steps: land the raw folder (when given), the data-quality gate (when that
module is installed), `dbt build`, the freshness of the landed data against
the week (stale_sources) and the scorecard export, both read from the
target's own warehouse (revops.warehouse), the BI
snapshot (DuckDB targets), its delivery (revops.delivery: recorded, never
failing the run) and a run record under output/runs/ whatever the outcome.
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
from revops.scorecard.data import parse_week, read_quality_result
from revops.scorecard.export import ExportResult, export_scorecard
from revops.snapshot import publish_snapshot


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
    from revops.build import build_and_heal, land_folder
    from revops.warehouse import duckdb_file, readable_target

    # Refused before anything is built: a target the scorecard cannot be read from.
    warehouse_target = readable_target(settings, target)
    if raw_dir is not None:

        def land() -> str:
            report = land_folder(settings, raw_dir, target)
            record.warnings += [
                f"{table} did not land (optional, read as empty)"
                for table in report.missing_optional_tables
            ]
            record.warnings += [
                f"{column} did not land (optional, read as null)"
                for column in report.missing_optional_columns
            ]
            return f"{len(report.attached)} raw tables from {raw_dir}"

        _step(console, record, "land raw data", land)
    elif warehouse_target.type == "duckdb" and not duckdb_file(settings, warehouse_target).exists():
        from revops.scorecard import ScorecardError

        raise ScorecardError(
            f"There is no warehouse at {duckdb_file(settings, warehouse_target)} and no "
            "--raw-dir was given: land data with `revops weekly --raw-dir DIR` (or "
            "`revops demo` for the demo)."
        )

    _step(console, record, "data-quality gate", lambda: quality_gate(settings, record, raw_dir))

    def build() -> str:
        rebuilt: list[str] = []
        result = build_and_heal(settings, target, full_refresh, rebuilt)
        record.warnings += rebuilt
        for note in rebuilt:
            console.print(f"[yellow]note[/]: {note}")
        record.dbt_results = dict(sorted(result.counts.items()))
        if result.counts.get("warn"):
            record.warnings.append(f"dbt build: {result.counts['warn']} tests warned")
        return ", ".join(f"{count} {status}" for status, count in record.dbt_results.items())

    _step(console, record, "dbt build", build)

    exported: list[ExportResult] = []

    def export() -> str:
        result = export_scorecard(settings, record.week, target)
        exported.append(result)
        record.week = result.week
        record.outputs = {
            str(result.directory / name): digest for name, digest in sorted(result.sha256.items())
        }
        return str(result.directory)

    # Freshness is read from the built warehouse of the target (stale_sources of
    # the week): the same rule the scorecard's banner shows, defined once in dbt.
    _step(console, record, "scorecard export", export)
    if warehouse_target.type == "duckdb":  # BI reads other engines as bi_reader
        _step(
            console,
            record,
            "BI snapshot",
            lambda: publish_snapshot(settings, record.week).summary(),
        )
    stale, names = exported[0].data.stale_sources
    record.steps.append({"step": "freshness", "status": "done", "stale_sources": stale})
    if stale:
        record.warnings.append(
            f"{stale} stale source(s) for {record.week}: {names or 'unnamed'} had no load "
            "at or after the week end"
        )
        console.print(f"[yellow]warning[/]: {record.warnings[-1]}")

    from revops.delivery import delivery_step

    delivery_step(settings, console, record)  # last: a failed send never fails the run


def quality_gate(settings: Settings, record: RunRecord, raw_dir: Path | None) -> str:
    """The data-quality gate (Great Expectations, loaded only when a run reaches
    it): a critical failure raises and stops the run before dbt; warnings go to
    the run record and, through output/quality/latest.json, to the scorecard
    banner."""
    from revops.quality import run_quality_gate

    run_quality_gate(settings, raw_dir)
    result = read_quality_result(settings.quality_result_path)
    if result is not None and result.warned:
        record.warnings += [f"quality gate: {warning}" for warning in result.warnings]
        return f"{len(result.warnings)} warning(s)"
    return "passed"


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
