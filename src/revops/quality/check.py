"""Run the quality gate: what landed (before dbt), how its rows fared (after dbt
quarantined them, before the marts are built), and the marts.

A critical failure raises QualityError with one paragraph naming system,
table, column, expectation and sample rows; warnings are recorded. finish()
owns the results: results_<stage>.json and an offline report.html under
output/quality/<run>/, copied to latest_<stage>.json, and for the landing
output/quality/latest.json, the status and warnings the scorecard banner and
the run record read. Everything after dbt reads through the target's own
connection (revops.warehouse), so the gate runs on every engine.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from revops.config import Settings
from revops.errors import RevopsError
from revops.landing import LandingReport, attach_landing_folder, quote, raw_schema
from revops.quality.suites import (
    critical_percent,
    mart_suite,
    raw_rows_suite,
    raw_schema_suite,
    rule_outcomes_suite,
)
from revops.raw_contract import RawTable, raw_table, raw_tables

MART_KEYS = {
    "dim_accounts": ("account_id",),
    "dim_persons": ("person_id",),
    "fct_weekly_metrics": ("metric_key", "iso_week"),
}
MARTS = tuple(MART_KEYS)
# rules whose rows stay in staging (reported, not quarantined): no quarantined row to show
KEPT_REASONS = ("duplicate_load", "future_date", "unmapped_value")
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
    validation, frame, key_columns: tuple[str, ...], critical: float = 5.0
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


def check_landing(settings: Settings, raw_dir: Path, run_id: str | None = None) -> QualityOutcome:
    """What only a gate sees before dbt: every contracted table landed, readable
    to its last row, not empty, with its required columns. Raises QualityError
    (after writing the results) when anything is critical; else the outcome,
    which check_rows completes once dbt has quarantined the rows."""
    import duckdb

    outcome = QualityOutcome(run_id or new_run_id(), "landing", None)
    with duckdb.connect() as con:
        con.execute("set TimeZone = 'UTC'")
        report: LandingReport = attach_landing_folder(con, raw_dir.resolve())
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
        for table in (t for t in raw_tables() if t.key in report.attached):
            outcome.findings += _landed_table_findings(con, batch_definition, table)
    if outcome.critical:
        finish(settings, outcome)
    return outcome


def _landed_table_findings(con, batch_definition, table: RawTable) -> list[Finding]:
    import duckdb

    relation = f'"{raw_schema(table.system)}".{quote(table.table)}'
    try:
        # every row read once: a truncated file or an encoding error shows here
        con.execute(f"select count(*) from {relation}").fetchone()
    except duckdb.Error as error:
        return [
            Finding(
                table.system,
                table.table,
                None,
                "file readable",
                "the landed file reads completely",
                "critical",
                observed=str(error).splitlines()[0][:300],
            )
        ]
    findings = []
    for sql, suite in (
        (f"select * from {relation} limit 0", raw_schema_suite(table)),
        (f"select * from {relation} limit 1", raw_rows_suite(table)),
    ):
        frame = con.execute(sql).df()
        frame.columns = [name.lower() for name in frame.columns]
        findings += _findings(_validate(batch_definition, frame, suite), frame, ())
    return findings


def check_rows(
    settings: Settings, outcome: QualityOutcome | None = None, target: str | None = None
) -> QualityOutcome:
    """How the landed rows fared in dbt: quarantine__rule_outcomes judged by Great
    Expectations (critical above the critical share, else a warning per rule
    broken), completing the landing outcome. Raises QualityError when critical."""
    from revops.warehouse import open_warehouse

    outcome = outcome or QualityOutcome(new_run_id(), "landing", None)
    critical = critical_percent(settings)
    with open_warehouse(settings, target) as warehouse:
        rows = warehouse.rows(
            f"select * from {_schema('quarantine')}.quarantine__rule_outcomes "
            "order by source_system, source_table, rule_order"
        )
        frame = _frame(rows)
        if rows:
            outcome.as_of = _jsonable(rows[0]["data_as_of"])
            frame["critical_percent"] = [
                None if row["reason"] == "duplicate_load" else _number(row["failed_percent"])
                for row in rows
            ]
        validation = _validate(_gx_batch_definition(), frame, rule_outcomes_suite(critical))
        verdicts = _verdicts(validation)
        unknown = _unknown_values(warehouse)
        for index, row in enumerate(rows):
            severity = verdicts.get(index, "ok")
            outcome.findings.append(_rule_finding(row, severity, unknown, warehouse))
    finish(settings, outcome)
    return outcome


def _schema(name: str) -> str:
    return os.environ.get("REVOPS_SCHEMA_PREFIX", "") + name


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _frame(rows: list[dict[str, Any]]):
    import pandas as pd

    frame = pd.DataFrame(rows)
    for column in frame.columns:  # PostgreSQL numerics arrive as Decimal
        if frame[column].map(lambda value: isinstance(value, Decimal)).any():
            frame[column] = frame[column].map(_number)
    return frame


def _validate(batch_definition, frame, suite):
    return batch_definition.get_batch(batch_parameters={"dataframe": frame}).validate(
        suite,
        result_format={"result_format": "COMPLETE", "partial_unexpected_count": SAMPLE_ROWS},
    )


def _verdicts(validation) -> dict[int, str]:
    """Row index -> 'critical' or 'warning': the worst expectation its row failed."""
    verdicts: dict[int, str] = {}
    for result in sorted(
        validation.results, key=lambda r: r.expectation_config.meta["verdict"] != "critical"
    ):
        for index in (result.result or {}).get("unexpected_index_list") or []:
            verdicts.setdefault(int(index), result.expectation_config.meta["verdict"])
    return verdicts


def _unknown_values(warehouse) -> dict[tuple[str, str, str, str], list[list[Any]]]:
    """Each value a value-set rule does not know, with its rows (most first)."""
    found: dict[tuple[str, str, str, str], list[list[Any]]] = {}
    for row in warehouse.rows(
        f"select * from {_schema('quarantine')}.quarantine__unknown_values "
        "order by row_count desc, value_key"
    ):
        key = (row["source_system"], row["source_table"], row["column_name"], row["reason"])
        found.setdefault(key, []).append([row["value_key"], int(row["row_count"])])
    return found


def _rule_finding(row: dict[str, Any], severity: str, unknown, warehouse) -> Finding:
    system, table, column, reason = (
        row["source_system"],
        row["source_table"],
        row["column_name"],
        row["reason"],
    )
    rule = row["rule_description"]
    if reason == "future_date" and row["data_as_of"] is not None:
        rule += f" {row['data_as_of']:%Y-%m-%d %H:%M:%S}"
    failed = int(row["failed_rows"])
    return Finding(
        system=system,
        table=table,
        column=column,
        expectation=row["expectation"],
        rule=rule,
        severity=severity,
        unexpected_count=failed,
        element_count=int(row["landed_rows"]),
        unexpected_percent=round(_number(row["failed_percent"]) or 0.0, 3),
        sample_rows=_sample_rows(warehouse, system, table, column, reason) if failed else [],
        value_counts=unknown.get((system, table, column, reason), []) if failed else [],
        fix=row["fix"],
    )


def _sample_rows(warehouse, system, table, column, reason) -> list[dict[str, Any]]:
    """A few quarantined rows of the rule: their key and the landed value."""
    if reason in KEPT_REASONS:
        return []
    key_columns = raw_table(system, table).key_columns
    label = f"{column}__unparseable" if reason.startswith("unparseable_") else column
    relation = f"{_schema('quarantine')}.quarantine_{system}__{table}"
    rows = warehouse.rows(
        f"select record_key, landed_value from {relation} "
        f"where reason = ? and column_name = ? order by record_key limit {SAMPLE_ROWS}",
        [reason, column],
    )
    samples = []
    for row in rows:
        parts = (row["record_key"] or "").split("|")
        keys = parts if len(parts) == len(key_columns) else [row["record_key"]]
        names = key_columns if len(parts) == len(key_columns) else ["record_key"]
        samples.append({**dict(zip(names, keys, strict=True)), label: row["landed_value"]})
    return samples


def check_marts(
    settings: Settings, run_id: str | None = None, target: str | None = None
) -> QualityOutcome:
    """Validate the marts the scorecard and BI read, through the target's connection."""
    from revops.warehouse import WarehouseError, open_warehouse

    outcome = QualityOutcome(run_id or new_run_id(), "marts", None)
    batch_definition = _gx_batch_definition()
    with open_warehouse(settings, target) as warehouse:
        for mart in MARTS:
            sql, suite = mart_suite(mart)
            sql = sql.format(marts=_schema("marts"), metrics=_schema("metrics"))
            try:
                frame = _frame(warehouse.rows(sql))
            except WarehouseError as error:
                outcome.findings.append(
                    Finding(
                        "marts",
                        mart,
                        None,
                        "mart readable",
                        "the mart was built",
                        "critical",
                        observed=str(error)[:300],
                    )
                )
                continue
            validation = batch_definition.get_batch(batch_parameters={"dataframe": frame}).validate(
                suite,
                result_format={"result_format": "SUMMARY", "partial_unexpected_count": SAMPLE_ROWS},
            )
            outcome.findings += _findings(
                validation, frame, MART_KEYS[mart], critical_percent(settings)
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
    if outcome.stage == "landing" and not outcome.critical:
        write_gate_status(settings, outcome)  # a stopped run leaves the last published status
    if outcome.critical:
        lines = " ".join(finding.sentence() for finding in outcome.critical[:5])
        more = len(outcome.critical) - 5
        raise QualityError(
            f"The quality gate found {len(outcome.critical)} critical problem(s) in the "
            f"{'landed data' if outcome.stage == 'landing' else 'marts'}, so the run stops"
            f"{' before the marts are built' if outcome.stage == 'landing' else ''}: {lines}"
            + (f" (and {more} more)" if more > 0 else "")
            + f" Full results: {results_path}; report: {run_dir / 'report.html'}."
        )


def write_gate_status(settings: Settings, outcome: QualityOutcome | None) -> None:
    """output/quality/latest.json: the landing gate's status and warnings, which the
    scorecard banner and the run record read ("not run" without a gate)."""
    warnings = [finding.sentence() for finding in outcome.warnings] if outcome else []
    status = "not run" if outcome is None else ("warned" if warnings else "passed")
    path = settings.quality_result_path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"status": status, "warnings": warnings}, indent=2) + "\n")
