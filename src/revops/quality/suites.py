"""Great Expectations suites: what lands, how the landed rows fared in dbt, what ships.

The gate holds no row rule. Before dbt it sees what only it can see: every
contracted table landed, readable, not empty, with its required columns.
dbt then applies every row rule of the raw contract (macros/staging/
quarantine.sql) and counts the outcome per table and rule
(quarantine__rule_outcomes); the rule outcomes suite judges those counts:
- a rule broken by more than the critical share of a table's rows (the dbt
  var quality_critical_percent, 5 by default) is critical: a systematic fault
  (a broken loader, a changed type, an org's picklist nobody mapped) rather
  than stray rows, and the run stops before the marts are built;
- a rule broken by fewer rows is a warning naming them (the rows are
  quarantined, or kept and reported);
- a key loaded twice in one sync is always a warning (the latest load wins).
Every expectation carries in its `meta` the system, table and column it
guards and its scope (`schema`: the table as a whole, a failure is critical).
"""

from __future__ import annotations

import great_expectations as gx
import great_expectations.expectations as gxe

from revops.config import Settings
from revops.raw_contract import RawTable

CRITICAL_PERCENT = 5.0  # when dbt_project.yml sets no quality_critical_percent


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


def raw_rows_suite(table: RawTable) -> gx.ExpectationSuite:
    """The table holds rows: validated on its first landed row (an optional table
    may hold none: no organization lists a domain)."""
    suite = gx.ExpectationSuite(name=f"raw_{table.system}__{table.table}__rows")
    if not table.optional:
        suite.add_expectation(
            gxe.ExpectTableRowCountToBeBetween(
                min_value=1,
                meta=_meta(table.system, table.table, None, "the table is not empty", "schema"),
            )
        )
    return suite


def rule_outcomes_suite(critical: float) -> gx.ExpectationSuite:
    """On quarantine__rule_outcomes (a row per raw table and rule): no rule broken
    by more than the critical share of the rows (critical), and none broken at
    all (a warning per rule)."""
    suite = gx.ExpectationSuite(name="rule_outcomes")
    suite.add_expectation(
        gxe.ExpectColumnValuesToBeBetween(
            column="critical_percent",
            max_value=critical,
            meta={"verdict": "critical"},
        )
    )
    suite.add_expectation(
        gxe.ExpectColumnValuesToBeBetween(
            column="failed_rows", max_value=0, meta={"verdict": "warning"}
        )
    )
    return suite


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
    sql = f"select {', '.join(columns)} from {{marts}}.{mart}"
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
        "'duplicate_person_rate', 'grr') then metric_value end as share_value "
        "from {metrics}.fct_weekly_metrics"
    )
    return sql, suite
