"""Run the quality gate: validate what landed before dbt runs, and the marts after.

A critical failure raises QualityError with one paragraph naming system,
table, column, expectation and sample rows; warnings are recorded. Every run
writes `results.json` (read by the scorecard banner and the run record) and an
offline `report.html` under output/quality/<run>/, and copies the results to
output/quality/latest.json.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from revops.config import Settings
from revops.errors import RevopsError
from revops.landing import LandingReport, attach_landing_folder, raw_schema
from revops.quality.parsing import code, parsed, quote
from revops.quality.suites import CRITICAL_PERCENT, critical_percent
from revops.raw_contract import raw_tables

MART_KEYS = {
    "dim_accounts": ("account_id",),
    "dim_persons": ("person_id",),
    "fct_weekly_metrics": ("metric_key", "iso_week"),
}
MARTS = tuple(MART_KEYS)
SAMPLE_ROWS = 5


class QualityError(RevopsError):
    """A critical expectation failed: the run stops, worded for a person."""


@dataclass
class Finding:
    system: str
    table: str
    column: str | None
    expectation: str
    rule: str
    severity: str  # ok | warning | critical
    unexpected_count: int = 0
    element_count: int = 0
    unexpected_percent: float = 0.0
    sample_values: list[Any] = field(default_factory=list)
    sample_rows: list[dict[str, Any]] = field(default_factory=list)
    observed: Any = None
    # a value-set rule: every value outside the set with its row count, most rows first
    value_counts: list[list[Any]] = field(default_factory=list)
    # what to edit so that the value is known (the reference seed), when that is the fix
    fix: str | None = None

    def sentence(self) -> str:
        where = f"{self.system}.{self.table}" + (f", column {self.column}" if self.column else "")
        counted = (
            f" failed for {self.unexpected_count:,} of {self.element_count:,} rows "
            f"({self.unexpected_percent:.1f} %)"
            if self.element_count
            else " failed" + (f" (observed {self.observed})" if self.observed is not None else "")
        )
        rows = "; ".join(
            ", ".join(f"{key}={value!r}" for key, value in row.items()) for row in self.sample_rows
        )
        samples = (
            f"; sample rows: {rows}"
            if rows
            else (f"; sample values: {self.sample_values}" if self.sample_values else "")
        )
        if self.value_counts:
            samples = "; values: " + ", ".join(
                f"{value!r} ({count:,} rows)" for value, count in self.value_counts[:10]
            )
        fix = f" To fix: {self.fix}." if self.fix and self.severity != "ok" else ""
        return f"{where}: {self.expectation} ({self.rule}){counted}{samples}.{fix}"


@dataclass
class QualityOutcome:
    run_id: str
    stage: str
    as_of: str | None
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    run_dir: Path | None = None

    @property
    def critical(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "critical"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def summary(self) -> dict[str, int]:
        return {
            "expectations": len(self.findings),
            "critical": len(self.critical),
            "warnings": len(self.warnings),
            "passed": sum(1 for f in self.findings if f.severity == "ok"),
        }


def new_run_id() -> str:
    """The run folder's name: when the run started (UTC); metrics never read it."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def _gx_batch_definition():
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    for name in ("great_expectations", "great_expectations.data_context.types.base"):
        logging.getLogger(name).setLevel(logging.ERROR)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    asset = context.data_sources.add_pandas("quality").add_dataframe_asset("frame")
    return asset.add_batch_definition_whole_dataframe("whole")


def _jsonable(value: Any) -> Any:
    if hasattr(value, "item") and not isinstance(value, str):
        with contextlib.suppress(TypeError, ValueError):
            value = value.item()  # numpy scalars
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if hasattr(value, "isoformat"):
        try:
            return value.isoformat(sep=" ")
        except TypeError:
            return value.isoformat()
    try:
        if value != value:  # NaN, NaT, pd.NA
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def _value_counts(config, frame) -> list[list[Any]]:
    """Each value outside an in-set rule's set, with its rows (most first)."""
    column = config.kwargs.get("column")
    if config.type != "expect_column_values_to_be_in_set" or column not in frame.columns:
        return []
    values = frame[column].dropna()
    outside = values[~values.isin(list(config.kwargs.get("value_set") or []))]
    counts = outside.value_counts()
    ordered = sorted(counts.items(), key=lambda item: (-int(item[1]), str(item[0])))
    return [[_jsonable(value), int(count)] for value, count in ordered]


def _findings(
    validation, frame, key_columns: tuple[str, ...], critical: float = CRITICAL_PERCENT
) -> list[Finding]:
    findings = []
    for result in validation.results:
        config = result.expectation_config
        meta = config.meta or {}
        details = result.result or {}
        exception = result.exception_info or {}
        raised = exception.get("raised_exception") if isinstance(exception, dict) else False
        count = int(details.get("unexpected_count") or 0)
        total = int(details.get("element_count") or 0)
        percent = float(
            details.get("unexpected_percent_total", details.get("unexpected_percent")) or 0
        )
        if result.success and not raised:
            severity = "ok"
        elif not raised and (
            meta.get("scope") == "duplicate" or (meta.get("scope") == "row" and percent <= critical)
        ):
            severity = "warning"
        else:
            severity = "critical"
        rows = []
        column = meta.get("column")
        wanted = [*key_columns]
        for name in config.kwargs.get("column_list", []) or []:
            wanted.append(name)
        for name in (
            config.kwargs.get("column"),
            config.kwargs.get("column_A"),
            config.kwargs.get("column_B"),
        ):
            if name:
                wanted.append(name)
        wanted = list(dict.fromkeys(name for name in wanted if name in frame.columns))
        for index in (details.get("partial_unexpected_index_list") or [])[:SAMPLE_ROWS]:
            if isinstance(index, int) and index < len(frame):
                rows.append({name: _jsonable(frame.iloc[index][name]) for name in wanted})
        findings.append(
            Finding(
                system=meta.get("system", ""),
                table=meta.get("table", ""),
                column=column,
                expectation=config.type,
                rule=meta.get("rule", "") + (f" [error: {raised}]" if raised else ""),
                severity=severity,
                unexpected_count=count,
                element_count=total,
                unexpected_percent=round(percent, 3),
                sample_values=[
                    _jsonable(v)
                    for v in (details.get("partial_unexpected_list") or [])[:SAMPLE_ROWS]
                ],
                sample_rows=rows,
                observed=_jsonable(details.get("observed_value")),
                value_counts=[] if severity == "ok" else _value_counts(config, frame),
                fix=meta.get("fix"),
            )
        )
    return findings


def _as_of(con: duckdb.DuckDBPyConnection, landed: dict[str, set[str]]) -> datetime | None:
    """The data's as-of instant: the latest _fivetran_synced of anything landed."""
    synced = parsed(quote("_fivetran_synced"), "timestamp")
    parts = [
        f'select max({synced}) as synced from "{raw_schema(t.system)}".{quote(t.table)}'
        for t in raw_tables()
        if "_fivetran_synced" in landed.get(t.key, set())
    ]
    if not parts:
        return None
    return con.execute("select max(synced) from (" + " union all ".join(parts) + ")").fetchone()[0]


def _currencies(con: duckdb.DuckDBPyConnection, landed: dict[str, set[str]]) -> list[str]:
    codes = {"USD"}
    if "currency_code" in landed.get("finance.fx_rate", set()):
        rows = con.execute(
            f'select distinct {code(quote("currency_code"))} from "raw_finance"."fx_rate"'
        ).fetchall()
        codes |= {row[0] for row in rows if row[0]}
    return sorted(codes)


def check_landing(settings: Settings, raw_dir: Path, run_id: str | None = None) -> QualityOutcome:
    """Validate a landing folder against the raw suites; raise QualityError when critical."""
    from revops.quality.suites import (
        picklist_values,
        raw_schema_suite,
        raw_table_suite,
        stage_names,
    )

    with duckdb.connect() as con:
        con.execute("set TimeZone = 'UTC'")
        report: LandingReport = attach_landing_folder(con, raw_dir.resolve())
        landed = {
            table.key: {
                row[0].lower()
                for row in con.execute(
                    f'describe "{raw_schema(table.system)}".{quote(table.table)}'
                ).fetchall()
            }
            for table in raw_tables()
            if table.key in report.attached
        }
        as_of = _as_of_safely(con, landed)
        outcome = QualityOutcome(run_id or new_run_id(), "landing", _jsonable(as_of))
        outcome.notes += [
            f"{t} did not land; it is optional and read as empty"
            for t in report.missing_optional_tables
        ]
        outcome.notes += [
            f"{c} did not land; it is optional and read as null"
            for c in report.missing_optional_columns
        ]
        outcome.notes += [
            f"{c} landed but is not in the contract; it is ignored" for c in report.extra_columns
        ]
        batch_definition = _gx_batch_definition()
        currencies, stages = _currencies_safely(con, landed), stage_names(settings.project_dir)
        picklists, critical = picklist_values(settings.project_dir), critical_percent(settings)
        for table in (t for t in raw_tables() if t.key in landed):
            relation = f'"{raw_schema(table.system)}".{quote(table.table)}'
            spec, suite = raw_table_suite(
                table, landed[table.key], relation, as_of, currencies, stages, picklists
            )
            columns_frame = con.execute(f"select * from {relation} limit 0").df()
            columns_frame.columns = [name.lower() for name in columns_frame.columns]
            outcome.findings += _findings(
                batch_definition.get_batch(batch_parameters={"dataframe": columns_frame}).validate(
                    raw_schema_suite(table)
                ),
                columns_frame,
                (),
            )
            outcome.findings += _validated(
                con,
                batch_definition,
                spec.sql,
                suite,
                spec.key_columns,
                critical,
                Finding(
                    table.system,
                    table.table,
                    None,
                    "file readable",
                    "the landed file reads completely",
                    "critical",
                ),
            )
    finish(settings, outcome)
    return outcome


def _validated(con, batch_definition, sql, suite, key_columns, critical, unreadable) -> list:
    """The suite's findings on the query's rows; `unreadable`, with the error
    observed, when the query cannot be read at all."""
    try:
        frame = con.execute(sql).df()
    except duckdb.Error as error:
        return [replace(unreadable, observed=str(error).splitlines()[0][:300])]
    validation = batch_definition.get_batch(batch_parameters={"dataframe": frame}).validate(
        suite,
        result_format={"result_format": "SUMMARY", "partial_unexpected_count": SAMPLE_ROWS},
    )
    return _findings(validation, frame, key_columns, critical)


def _as_of_safely(con, landed):
    try:
        return _as_of(con, landed)
    except duckdb.Error:
        return None  # an unreadable file is named by its own table's check


def _currencies_safely(con, landed):
    try:
        return _currencies(con, landed)
    except duckdb.Error:
        return ["USD"]


def check_marts(settings: Settings, run_id: str | None = None) -> QualityOutcome:
    """Validate the marts the scorecard and BI read, in the built warehouse."""
    from revops.quality.suites import mart_suite

    outcome = QualityOutcome(run_id or new_run_id(), "marts", None)
    batch_definition = _gx_batch_definition()
    prefix = os.environ.get("REVOPS_SCHEMA_PREFIX", "")
    with duckdb.connect(str(settings.duckdb_path)) as con:
        for mart in MARTS:
            sql, suite = mart_suite(mart)
            sql = sql.replace('"marts"', f'"{prefix}marts"').replace(
                '"metrics"', f'"{prefix}metrics"'
            )
            outcome.findings += _validated(
                con,
                batch_definition,
                sql,
                suite,
                MART_KEYS[mart],
                critical_percent(settings),
                Finding("marts", mart, None, "mart readable", "the mart was built", "critical"),
            )
    finish(settings, outcome)
    return outcome


def finish(settings: Settings, outcome: QualityOutcome) -> None:
    """Write results.json and report.html; raise QualityError when anything is critical."""
    from revops.quality.report import write_report

    run_dir = settings.output_dir / "quality" / outcome.run_id
    run_dir.mkdir(parents=True, exist_ok=True)
    outcome.run_dir = run_dir
    results_path = run_dir / f"results_{outcome.stage}.json"
    document = {
        "run_id": outcome.run_id,
        "stage": outcome.stage,
        "as_of": outcome.as_of,
        "summary": outcome.summary(),
        "notes": outcome.notes,
        "findings": [asdict(finding) for finding in outcome.findings],
    }
    text = json.dumps(document, indent=2, default=str)
    results_path.write_text(text)
    (settings.output_dir / "quality" / f"latest_{outcome.stage}.json").write_text(text)
    write_report(run_dir)
    if outcome.critical:
        lines = " ".join(finding.sentence() for finding in outcome.critical[:5])
        more = len(outcome.critical) - 5
        raise QualityError(
            f"The quality gate found {len(outcome.critical)} critical problem(s) in the "
            f"{'landed data' if outcome.stage == 'landing' else 'marts'}, so the run stops"
            f"{' before dbt runs' if outcome.stage == 'landing' else ''}: {lines}"
            + (f" (and {more} more)" if more > 0 else "")
            + f" Full results: {results_path}; report: {run_dir / 'report.html'}."
        )
