"""A tiny, hand-built fct_weekly_metrics: eight metrics, 2026-W41 to 2026-W47.

The W47 figures the tests expect (hand-checked):
- mqls 70: previous 65, change +5, 4-week average (50+55+60+65)/4 = 57.5,
  target 69.239130, green; (70-57.5)/57.5 = 21.7 % above its average.
- marketing_spend 4,445.50 (shown $4,446): previous 4,411.25, change +$34,
  average (4400+4380+4381.25+4411.25)/4 = 4,393.125, target 12,174.456, green.
- landing_page_conversion_rate 11.25 (shown 11.3 %): previous 8.15, change
  +3.1 pts, average (5+6+8.45+8.15)/4 = 6.9, target 4, green;
  11.25-6.9 = 4.35 = 4.4 pts above (63.0 %, the largest move).
- duplicate_person_rate 44.7 %: previous 44.4, average 44.3, target 20,
  red (lower is better and 44.7 > 20 x 1.1).
- cost_per_mql $105: previous 111, change -$6 (good: lower is better),
  average (130+125+114+111)/4 = 120, target 100, amber (105 <= 110);
  12.5 % below its average.
- stale_sources 2 ("stripe.invoice, zendesk.ticket"): target 0, red; average 0, so it is
  not ranked in "what moved" but raises the banner.
- arr: never measured (null): "—", status none.
- nps 12.5 every week, no target: status none, nothing moved.
Counts: 3 green, 1 amber, 2 red, 2 without status.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb

WEEKS = [f"2026-W{number}" for number in range(41, 48)]

# fmt: off
# key: (label, section, unit, higher_is_better, values W41..W47, target, W47 status, detail)
METRICS: dict[str, tuple] = {
    "mqls": ("MQLs", "Marketing", "count", True,
             [40, 45, 50, 55, 60, 65, 70], "69.239130", "green", None),
    "marketing_spend": ("Marketing spend", "Marketing", "currency", False,
                        [4400, 4400, 4400, 4380, "4381.25", "4411.25", "4445.5"],
                        "12174.456", "green", None),
    "landing_page_conversion_rate": ("Landing page conversion", "Marketing", "percent", True,
                                     [5, 5, 5, 6, "8.45", "8.15", "11.25"], "4", "green", None),
    "duplicate_person_rate": ("Duplicate person rate", "Data health", "percent", False,
                              ["44.2", "44.2", "44.2", "44.3", "44.3", "44.4", "44.7"],
                              "20", "red", None),
    "cost_per_mql": ("Cost per MQL", "Marketing", "currency", False,
                     [130, 130, 130, 125, 114, 111, 105], "100", "amber", None),
    "stale_sources": ("Stale sources", "Data health", "count", False,
                      [0, 0, 0, 0, 0, 0, 2], "0", "red", "stripe.invoice, zendesk.ticket"),
    "arr": ("ARR", "Revenue", "currency", True, [None] * 7, None, "none", None),
    "nps": ("NPS", "Customer success", "score", True, ["12.5"] * 7, None, "none", None),
}
# fmt: on

COLUMNS = """
    iso_week varchar, week_start_date date, week_end_date date, metric_key varchar,
    label varchar, section varchar, unit varchar, higher_is_better boolean,
    owner_team varchar, metric_value decimal(38, 6), numerator decimal(38, 6),
    denominator decimal(38, 6), detail varchar, previous_value decimal(38, 6),
    change_vs_previous decimal(38, 6), average_previous_4_weeks decimal(38, 6),
    target_value decimal(38, 6), status varchar, missing_reason varchar
"""


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def fixture_rows(
    values: dict[str, list] | None = None,
    reasons: dict[str, str] | None = None,
    reason_week: str = WEEKS[-1],
) -> list[tuple]:
    """Rows as fct_weekly_metrics computes them (lag, 4-week mean), W41..W47.
    `reasons` makes a metric not measured in `reason_week` (null, no change,
    status none, with that missing_reason), as fct_weekly_metrics does when
    the metric's source data does not reach the week."""
    rows = []
    for key, (label, section, unit, higher, series, target, status, detail) in METRICS.items():
        series = [_decimal(v) for v in (values or {}).get(key, series)]
        for index, week in enumerate(WEEKS):
            value = series[index]
            previous = series[index - 1] if index else None
            window = [v for v in series[max(0, index - 4) : index] if v is not None]
            average = sum(window) / len(window) if window else None
            change = value - previous if value is not None and previous is not None else None
            monday = date.fromisocalendar(2026, int(week[-2:]), 1)
            rows.append(
                (
                    week,
                    monday,
                    date.fromisocalendar(2026, int(week[-2:]), 7),
                    key,
                    label,
                    section,
                    unit,
                    higher,
                    section,
                    value,
                    None,
                    None,
                    detail if index == len(WEEKS) - 1 else None,
                    previous,
                    change,
                    None if average is None else round(average, 6),
                    _decimal(target),
                    status if index == len(WEEKS) - 1 else ("none" if value is None else "green"),
                    None,
                )
            )
    for key, reason in (reasons or {}).items():
        index = next(i for i, row in enumerate(rows) if row[0] == reason_week and row[3] == key)
        row = list(rows[index])
        row[9:12] = [None, None, None]  # value, numerator, denominator
        row[14], row[17], row[18] = None, "none", reason  # change, status, missing_reason
        rows[index] = tuple(row)
    return rows


def build_fixture_warehouse(
    path: Path,
    values: dict[str, list] | None = None,
    reasons: dict[str, str] | None = None,
    reason_week: str = WEEKS[-1],
) -> Path:
    """Create (or replace) metrics.fct_weekly_metrics in a DuckDB file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(path)) as con:
        con.execute("create schema if not exists metrics")
        con.execute(f"create or replace table metrics.fct_weekly_metrics ({COLUMNS})")
        con.executemany(
            "insert into metrics.fct_weekly_metrics values "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            fixture_rows(values, reasons, reason_week),
        )
    return path


def add_reconciliation(path: Path) -> None:
    """W47: marketing 22 vs unified 19, explained by 2 + 1; sales 48 vs 62 by 25 + 1 - 40;
    a W46 row that must not show."""
    with duckdb.connect(str(path)) as con:
        con.execute("create schema if not exists marts")
        con.execute(
            "create or replace table marts.mart_reconciliation_weekly as select * from (values "
            "('2026-W47', 'marketing_mqls', 'Marketing MQLs', 22, 'MQLs', 19, 3, 1, "
            "'duplicates', 0), "
            "('2026-W47', 'marketing_mqls', 'Marketing MQLs', 22, 'MQLs', 19, 3, 2, "
            "'already MQL in an earlier week', 2), "
            "('2026-W47', 'marketing_mqls', 'Marketing MQLs', 22, 'MQLs', 19, 3, 3, "
            "'deleted contacts', 1), "
            "('2026-W47', 'sales_new_leads', 'Sales new leads', 48, 'New leads', 62, -14, 1, "
            "'already known', 25), "
            "('2026-W47', 'sales_new_leads', 'Sales new leads', 48, 'New leads', 62, -14, 2, "
            "'duplicate leads', 1), "
            "('2026-W47', 'sales_new_leads', 'Sales new leads', 48, 'New leads', 62, -14, 3, "
            "'not a Salesforce lead', -40), "
            "('2026-W46', 'marketing_mqls', 'Marketing MQLs', 9, 'MQLs', 9, 0, 1, "
            "'duplicates', 0)"
            ") as t(iso_week, reconciliation_key, team_label, team_count, unified_label, "
            "unified_count, difference, reason_order, reason_label, reason_count)"
        )


def add_invest(path: Path) -> None:
    """The two Invest marts, hand-filled for W47 (and one W46 row that must
    not show). Expected lines: payback 6.25 shows as 6.3 months; Email spent
    31,268.87 ($31,269) with no payback; NRR 128.15 -> 128.2 %, 15.85 ->
    15.9 %; forecast 710,377.65 -> $710,378, booked $417,803, error band
    -42.0 % to +331.0 % (330.95 rounds half up), mean 80.6 %, range
    $164,841 to $1.22M."""
    with duckdb.connect(str(path)) as con:
        con.execute("create schema if not exists marts")
        con.execute(
            "create or replace table marts.mart_invest_channels as select * from (values "
            "('2026-W47', 'FY2026-Q3', 'cac_payback_months', 'best', 'Paid Search', 6.25, "
            "1000.0, 4, 2), "
            "('2026-W47', 'FY2026-Q3', 'cac_payback_months', 'worst', 'Email', null, "
            "31268.87, 0, 2), "
            "('2026-W47', 'FY2026-Q3', 'net_revenue_retention_12m', 'best', 'Paid Social', "
            "128.15, null, 3, 9), "
            "('2026-W47', 'FY2026-Q3', 'net_revenue_retention_12m', 'worst', 'Organic Social', "
            "15.85, null, 2, 9), "
            "('2026-W46', 'FY2026-Q3', 'cac_payback_months', 'best', 'Direct', 1.0, 1.0, 1, 1)"
            ") as t(iso_week, quarter_name, ranking, rank_side, channel, ranked_value, spend, "
            "accounts, channels_ranked)"
        )
        con.execute(
            "create or replace table marts.mart_invest_forecast as select * from (values "
            "('2026-W47', 'FY2026-Q4', date '2026-12-31', 5, 'weighted', 417802.60, 710377.65, "
            "7, -42.0, 330.95, 80.59, 164840.50, 1224907.09)"
            ") as t(iso_week, fiscal_quarter_name, quarter_end_date, weeks_before_quarter_end, "
            "forecast_method, bookings_to_date, forecast_bookings, quarters_measured, "
            "min_percentage_error, max_percentage_error, mean_absolute_percentage_error, "
            "expected_bookings_low, expected_bookings_high)"
        )


HEADLINE = ("mqls", "arr", "cost_per_mql", "landing_page_conversion_rate", "nps", "stale_sources")


def add_headline(path: Path, keys: tuple[str, ...] = HEADLINE) -> None:
    """The seed scorecard_headline as dbt loads it: tiles in the given order."""
    with duckdb.connect(str(path)) as con:
        con.execute("create schema if not exists reference")
        con.execute(
            "create or replace table reference.scorecard_headline "
            "(tile_order integer, metric_key varchar)"
        )
        # Inserted in reverse: the order must come from tile_order, not row order.
        rows = list(enumerate(keys, start=1))[::-1]
        con.executemany("insert into reference.scorecard_headline values (?, ?)", rows)


def add_pipeline_coverage(path: Path) -> None:
    """W47's quarter is FY2026-Q4: $450,000 closing in it against a $1.5M target
    (0.3x). A FY2027-Q1 row and a W46 row must not be read."""
    with duckdb.connect(str(path)) as con:
        con.execute("create schema if not exists marts")
        con.execute(
            "create or replace table marts.fct_forecast_weekly as select * from (values "
            "('2026-W46', 'FY2026-Q4'), ('2026-W47', 'FY2026-Q4')"
            ") as t(iso_week, fiscal_quarter_name)"
        )
        con.execute(
            "create or replace table marts.mart_sales_forecast as select * from (values "
            "('2026-W47', 'FY2026-Q4', 450000.0, 1500000.0, 0.3), "
            "('2026-W47', 'FY2027-Q1', 900000.0, 1200000.0, 0.75), "
            "('2026-W46', 'FY2026-Q4', 999.0, 1500000.0, 0.000666)"
            ") as t(iso_week, close_fiscal_quarter_name, open_pipeline, bookings_target, "
            "pipeline_coverage)"
        )
