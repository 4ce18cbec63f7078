"""Great Expectations suites, built from the raw contract (the sources .yml).

One suite per raw table and one per mart the scorecard and BI read. Each
expectation carries in its `meta` the system, table and column it guards and
its scope:
- `schema`: the table as a whole (present, not empty); a failure is critical;
- `duplicate`: the same key loaded twice in one sync; always a warning,
  since staging keeps one row per key whatever the share;
- `row`: a row-level rule; failing rows are quarantined by dbt (or, for value
  sets and future dates, kept and reported), so a failure is a warning, and
  critical only when more than the critical share of the rows fail (the dbt
  var quality_critical_percent, 5 by default), which means a systematic fault
  (a broken loader, a changed type, an org's picklist nobody mapped) rather
  than stray rows.

Value sets come from the reference seeds, the same files dbt joins: stage
names from crm_stage_mapping.csv, picklist values from picklist_mapping.csv;
a finding on one names the file to edit.

The gate validates pandas frames that DuckDB reads column-pruned and parsed
(see parsing.py): GX's SQL datasource does not run on DuckDB unpatched.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import great_expectations as gx
import great_expectations.expectations as gxe

from revops.config import Settings
from revops.quality.parsing import code, parsed, quote, text
from revops.raw_contract import RawColumn, RawTable

CRITICAL_PERCENT = 5.0  # when dbt_project.yml sets no quality_critical_percent
STAGE_SEED = Path("seeds") / "reference" / "crm_stage_mapping.csv"
PICKLIST_SEED = Path("seeds") / "reference" / "picklist_mapping.csv"
Picklists = dict[tuple[str, str, str], list[str]]


@dataclass(frozen=True)
class FrameSpec:
    """What to read for one suite: a column-pruned, parsed SELECT and the key columns."""

    sql: str
    key_columns: tuple[str, ...]


def _meta(
    system: str,
    table: str,
    column: str | None,
    rule: str,
    scope: str = "row",
    fix: str | None = None,
) -> dict:
    meta = {"system": system, "table": table, "column": column, "rule": rule, "scope": scope}
    if fix:
        meta["fix"] = fix
    return meta


def critical_percent(settings: Settings) -> float:
    """The share of a table's rows above which a row-level rule stops the run."""
    return float(settings.project_var("quality_critical_percent", str(CRITICAL_PERCENT)))


def stage_names(project_dir: Path) -> list[str]:
    with (project_dir / STAGE_SEED).open(newline="") as handle:
        return sorted({row["stage_name"].strip().lower() for row in csv.DictReader(handle)})


def picklist_values(project_dir: Path) -> Picklists:
    """Mapped values (lowercase, trimmed) per landed (system, table, column)."""
    values: dict[tuple[str, str, str], set[str]] = {}
    with (project_dir / PICKLIST_SEED).open(newline="") as handle:
        for row in csv.DictReader(handle):
            key = (row["source_system"], row["source_table"], row["source_column"])
            values.setdefault(key, set()).add(row["source_value"].strip().lower())
    return {key: sorted(found) for key, found in values.items()}


def raw_table_suite(
    table: RawTable,
    landed: set[str],
    relation: str,
    as_of: datetime | None,
    currencies: list[str],
    stages: list[str],
    picklists: Picklists | None = None,
) -> tuple[FrameSpec, gx.ExpectationSuite]:
    """The suite of one raw table and the frame it validates."""
    system, name = table.system, table.table
    suite = gx.ExpectationSuite(name=f"raw_{system}__{name}")
    select: dict[str, str] = {}

    def add(expectation: gxe.Expectation) -> None:
        suite.add_expectation(expectation)

    if not table.optional:  # an optional table may hold no rows (no organization lists a domain)
        add(
            gxe.ExpectTableRowCountToBeBetween(
                min_value=1, meta=_meta(system, name, None, "the table is not empty", "schema")
            )
        )

    key = [column for column in table.key_columns if column in landed]
    for column in key:
        select[column] = text(quote(column))
        add(
            gxe.ExpectColumnValuesToNotBeNull(
                column=column, meta=_meta(system, name, column, "key not blank (quarantined)")
            )
        )
    if "_fivetran_synced" in landed:
        select["_fivetran_synced"] = parsed(quote("_fivetran_synced"), "timestamp")
        if key:
            add(
                gxe.ExpectCompoundColumnsToBeUnique(
                    column_list=[*key, "_fivetran_synced"],
                    # duplicate loads never change a number (the latest load wins)
                    meta=_meta(
                        system,
                        name,
                        ", ".join(key),
                        "one row per key and load (the same rows loaded twice)",
                        "duplicate",
                    ),
                )
            )

    for column in table.columns:
        if column.name not in landed:
            continue
        _column_checks(table, column, landed, select, add, as_of, currencies, stages)
        if column.picklist:
            _picklist_check(table, column, select, add, picklists or {})

    sql = "select " + ", ".join(f"{expr} as {quote(alias)}" for alias, expr in select.items())
    return FrameSpec(sql=f"{sql} from {relation}", key_columns=tuple(key)), suite


def raw_schema_suite(table: RawTable) -> gx.ExpectationSuite:
    """Required columns present: validated on a zero-row frame of every landed column."""
    suite = gx.ExpectationSuite(name=f"raw_{table.system}__{table.table}__columns")
    for column in table.required_columns:
        suite.add_expectation(
            gxe.ExpectColumnToExist(
                column=column,
                meta=_meta(table.system, table.table, column, "required column present", "schema"),
            )
        )
    return suite


def _column_checks(table, column: RawColumn, landed, select, add, as_of, currencies, stages):
    system, name, col = table.system, table.table, column.name
    raw = quote(col)
    if column.logical_type != "text":
        select[col] = parsed(raw, column.logical_type)
        select[f"{col}__unparseable"] = (
            f"case when {text(raw)} is not null and {parsed(raw, column.logical_type)} is null "
            f"then {text(raw)} end"
        )
        add(
            gxe.ExpectColumnValuesToBeNull(
                column=f"{col}__unparseable",
                meta=_meta(
                    system, name, col, f"values parse as {column.logical_type} (quarantined)"
                ),
            )
        )
        if (
            column.logical_type in ("timestamp", "date")
            and col != "_fivetran_synced"
            and not column.future_ok
            and as_of is not None
        ):
            add(
                gxe.ExpectColumnValuesToBeBetween(
                    column=col,
                    max_value=as_of,
                    meta=_meta(
                        system,
                        name,
                        col,
                        f"not after the data's as-of instant {as_of:%Y-%m-%d %H:%M:%S}",
                    ),
                )
            )
    for rule in column.quarantine:
        kind = rule["rule"]
        if kind == "non_negative":
            select[col] = parsed(raw, column.logical_type)
            add(
                gxe.ExpectColumnValuesToBeBetween(
                    column=col,
                    min_value=0,
                    meta=_meta(system, name, col, "not negative (quarantined)"),
                )
            )
        elif kind == "between":
            select[col] = parsed(raw, column.logical_type)
            add(
                gxe.ExpectColumnValuesToBeBetween(
                    column=col,
                    min_value=rule["min"],
                    max_value=rule["max"],
                    meta=_meta(
                        system, name, col, f"between {rule['min']} and {rule['max']} (quarantined)"
                    ),
                )
            )
        elif kind == "known_stage":
            select[f"{col}__normalized"] = f"lower({text(raw)})"
            add(
                gxe.ExpectColumnValuesToBeInSet(
                    column=f"{col}__normalized",
                    value_set=stages,
                    meta=_meta(
                        system,
                        name,
                        col,
                        "stage in crm_stage_mapping (quarantined)",
                        fix=f"add the stage to {STAGE_SEED} (funnel stage, order, open/won/lost)",
                    ),
                )
            )
        elif kind == "known_currency":
            select[f"{col}__code"] = code(raw)
            add(
                gxe.ExpectColumnValuesToBeInSet(
                    column=f"{col}__code",
                    value_set=currencies,
                    meta=_meta(system, name, col, "USD or a currency with fx rates (quarantined)"),
                )
            )
        elif kind == "references":
            parent = f'"{_raw_schema(system)}".{quote(rule["table"])}'
            parent_key = text(quote(rule["column"]))
            select[f"{col}__orphan"] = (
                f"case when {text(raw)} is not null and {text(raw)} not in "
                f"(select {parent_key} from {parent} where {parent_key} is not null) "
                f"then {text(raw)} end"
            )
            add(
                gxe.ExpectColumnValuesToBeNull(
                    column=f"{col}__orphan",
                    meta=_meta(
                        system,
                        name,
                        col,
                        f"references {system}.{rule['table']}.{rule['column']} (quarantined)",
                    ),
                )
            )
        elif kind == "not_before" and rule["column"] in landed:
            start = table.column(rule["column"])
            select[col] = parsed(raw, column.logical_type)
            select[start.name] = parsed(quote(start.name), start.logical_type)
            add(
                gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                    column_A=col,
                    column_B=start.name,
                    or_equal=True,
                    ignore_row_if="either_value_is_missing",
                    meta=_meta(system, name, col, f"not before {start.name} (quarantined)"),
                )
            )


def _picklist_check(table: RawTable, column: RawColumn, select, add, picklists: Picklists):
    """A landed value the picklist seed does not map counts as 'other' in dbt: a
    warning naming value, rows and the seed file; critical above the share."""
    system, name, col = table.system, table.table, column.name
    select[f"{col}__normalized"] = f"lower({text(quote(col))})"
    add(
        gxe.ExpectColumnValuesToBeInSet(
            column=f"{col}__normalized",
            value_set=picklists.get((system, name, col), []),
            meta=_meta(
                system,
                name,
                col,
                "value mapped in picklist_mapping (else counted as 'other')",
                fix=f"map the value in {PICKLIST_SEED} (source_system {system}, "
                f"source_table {name}, source_column {col})",
            ),
        )
    )


def _raw_schema(system: str) -> str:
    return f"raw_{system}"


def mart_suite(mart: str) -> tuple[str, gx.ExpectationSuite]:
    """Suite and SELECT for one contracted mart (marts schema, or metrics for the scorecard's)."""
    if mart == "fct_weekly_metrics":
        return _weekly_metrics_suite()
    suite = gx.ExpectationSuite(name=f"mart_{mart}")
    key = {"dim_accounts": "account_id", "dim_persons": "person_id"}[mart]

    def meta(column: str | None, rule: str, scope: str = "schema") -> dict:
        return _meta("marts", mart, column, rule, scope)

    suite.add_expectation(
        gxe.ExpectTableRowCountToBeBetween(min_value=1, meta=meta(None, "the mart is not empty"))
    )
    suite.add_expectation(
        gxe.ExpectColumnValuesToNotBeNull(column=key, meta=meta(key, "key not null"))
    )
    suite.add_expectation(
        gxe.ExpectColumnValuesToBeUnique(column=key, meta=meta(key, "key unique"))
    )
    suite.add_expectation(
        gxe.ExpectColumnValuesToNotBeNull(
            column="is_internal", meta=meta("is_internal", "internal flag set")
        )
    )
    columns = [key, "is_internal"]
    if mart == "dim_accounts":
        suite.add_expectation(
            gxe.ExpectColumnValuesToBeBetween(
                column="opportunity_count",
                min_value=0,
                meta=meta("opportunity_count", "counts not negative"),
            )
        )
        suite.add_expectation(
            gxe.ExpectColumnValuesToNotBeNull(
                column="customer_status", meta=meta("customer_status", "customer status set", "row")
            )
        )
        columns += ["opportunity_count", "customer_status"]
    else:
        suite.add_expectation(
            gxe.ExpectColumnValuesToBeBetween(
                column="record_count",
                min_value=1,
                meta=meta("record_count", "every person has a record"),
            )
        )
        suite.add_expectation(
            gxe.ExpectColumnValuesToMatchRegex(
                column="email",
                regex=r"^[^A-Z\s]*$",
                meta=meta("email", "emails normalised (lowercase, no spaces)", "row"),
            )
        )
        columns += ["record_count", "email"]
    sql = (
        "select " + ", ".join(quote(column) for column in columns) + f' from "marts".{quote(mart)}'
    )
    return sql, suite


def _weekly_metrics_suite() -> tuple[str, gx.ExpectationSuite]:
    """The one table the scorecard reads: a row per metric and week, a known status,
    and shares that stay shares."""
    mart = "fct_weekly_metrics"
    suite = gx.ExpectationSuite(name=f"mart_{mart}")

    def meta(column: str | None, rule: str, scope: str = "schema") -> dict:
        return _meta("metrics", mart, column, rule, scope)

    suite.add_expectation(
        gxe.ExpectTableRowCountToBeBetween(min_value=1, meta=meta(None, "the mart is not empty"))
    )
    for column in ("metric_key", "iso_week", "section", "status"):
        suite.add_expectation(
            gxe.ExpectColumnValuesToNotBeNull(column=column, meta=meta(column, "not null"))
        )
    suite.add_expectation(
        gxe.ExpectCompoundColumnsToBeUnique(
            column_list=["metric_key", "iso_week"],
            meta=meta("metric_key", "one row per metric and week"),
        )
    )
    suite.add_expectation(
        gxe.ExpectColumnValuesToBeInSet(
            column="status",
            value_set=["green", "amber", "red", "none"],
            meta=meta("status", "known status"),
        )
    )
    suite.add_expectation(
        gxe.ExpectColumnValuesToBeBetween(
            column="share_value",
            min_value=0,
            max_value=100,
            meta=meta("metric_value", "rates of a whole stay between 0 and 100", "row"),
        )
    )
    sql = (
        "select metric_key, iso_week, section, status, "
        "case when metric_key in ('win_rate', 'csat', 'landing_page_conversion_rate', "
        "'mql_to_sql_rate', 'billing_crm_match_rate', 'mql_crm_sync_rate', "
        "'duplicate_person_rate', 'grr') then cast(metric_value as double) end as share_value "
        'from "metrics"."fct_weekly_metrics"'
    )
    return sql, suite
