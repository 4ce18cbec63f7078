"""Everything the scorecard shows for one week, read from the warehouse."""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from revops.config import Settings
from revops.scorecard import ScorecardError
from revops.warehouse import Warehouse, open_warehouse

SECTIONS = ("Revenue", "Sales", "Marketing", "Customer success", "Data health")
SPARKLINE_WEEKS = 13
WEEK_PATTERN = re.compile(r"^(\d{4})-W(\d{2})$")

METRIC_COLUMNS = (
    "iso_week",
    "week_start_date",
    "week_end_date",
    "metric_key",
    "label",
    "section",
    "unit",
    "higher_is_better",
    "owner_team",
    "metric_value",
    "previous_value",
    "change_vs_previous",
    "average_previous_4_weeks",
    "target_value",
    "status",
    "detail",
    "missing_reason",
)


@dataclass(frozen=True)
class Metric:
    """One metric's row of fct_weekly_metrics for the scorecard's week."""

    key: str
    label: str
    section: str
    unit: str
    higher_is_better: bool
    owner_team: str | None
    value: Decimal | None
    previous: Decimal | None
    change: Decimal | None
    average_4_weeks: Decimal | None
    target: Decimal | None
    status: str
    detail: str | None
    # (iso_week, value) for the 13 weeks ending with the scorecard's week.
    history: tuple[tuple[str, Decimal | None], ...] = ()
    # Why the metric is not measured this week (its source data does not
    # reach the week), None when it is: fct_weekly_metrics.missing_reason.
    missing_reason: str | None = None

    @property
    def not_measured(self) -> bool:
        return self.missing_reason is not None


@dataclass(frozen=True)
class ReconciliationLine:
    """One team's count beside the unified one, and the reasons they differ."""

    team_label: str
    team_count: int
    unified_label: str
    unified_count: int
    difference: int
    reasons: tuple[tuple[str, int], ...]  # (reason label, signed count), non-zero only

    @property
    def sentence(self) -> str:
        counts = (
            f"{self.team_label}: {self.team_count:,}; {self.unified_label}: {self.unified_count:,}."
        )
        if self.difference == 0 and not self.reasons:
            return f"{counts} They agree."
        explained = ", ".join(f"{count:+,} {label}" for label, count in self.reasons)
        return f"{counts} Difference {self.difference:+,} = {explained}."


@dataclass(frozen=True)
class Reconciliation:
    """The reconciliation mart's lines for the week."""

    lines: tuple[ReconciliationLine, ...]


@dataclass(frozen=True)
class InvestChannel:
    """A best or worst channel of one ranking (mart_invest_channels)."""

    ranking: str  # cac_payback_months or net_revenue_retention_12m
    side: str  # best or worst
    quarter: str
    channel: str
    value: Decimal | None
    spend: Decimal | None


@dataclass(frozen=True)
class InvestForecast:
    """The current quarter's forecast and its historical error band (mart_invest_forecast)."""

    quarter: str
    weeks_before_quarter_end: int
    method: str
    bookings_to_date: Decimal | None
    forecast: Decimal | None
    quarters_measured: int
    min_error: Decimal | None
    max_error: Decimal | None
    mean_absolute_error: Decimal | None
    expected_low: Decimal | None
    expected_high: Decimal | None


@dataclass(frozen=True)
class Invest:
    """Where to invest next: read only from the two small Invest marts."""

    channels: tuple[InvestChannel, ...]
    forecast: InvestForecast | None

    def channel(self, ranking: str, side: str) -> InvestChannel | None:
        return next((c for c in self.channels if c.ranking == ranking and c.side == side), None)


@dataclass(frozen=True)
class QualityResult:
    status: str
    warnings: tuple[str, ...]

    @property
    def warned(self) -> bool:
        return self.status.lower() in {"warn", "warning", "warned", "fail", "failed"} or bool(
            self.warnings
        )


@dataclass(frozen=True)
class Restatement:
    """A past week's number that changed after its scorecard was published."""

    week: str
    key: str
    label: str
    unit: str
    published: Decimal | None
    current: Decimal | None
    # Why the published figure was provisional: its missing_reason, or the
    # stale sources of that week's scorecard; None when it was complete.
    published_note: str | None = None


@dataclass(frozen=True)
class PipelineCoverage:
    """Open pipeline closing in the week's fiscal quarter against that quarter's
    bookings target (mart_sales_forecast's row for the quarter of the Sunday)."""

    quarter: str
    open_pipeline: Decimal | None
    bookings_target: Decimal | None
    coverage: Decimal | None  # open_pipeline / bookings_target; null without a target


@dataclass(frozen=True)
class ScorecardData:
    week: str
    week_start: date
    week_end: date
    metrics: tuple[Metric, ...]
    reconciliation: Reconciliation | None = None
    quality: QualityResult | None = None
    invest: Invest | None = None
    restatements: tuple[Restatement, ...] = ()
    currency: str = "USD"
    weeks: tuple[str, ...] = field(default=())
    # The headline tiles' metric keys in tile order (seed scorecard_headline).
    headline_keys: tuple[str, ...] = ()
    coverage: PipelineCoverage | None = None

    def metric(self, key: str) -> Metric | None:
        return next((metric for metric in self.metrics if metric.key == key), None)

    def sections(self) -> list[tuple[str, list[Metric]]]:
        """Metrics grouped by section: the five known ones first, any others after."""
        names = list(SECTIONS) + sorted({m.section for m in self.metrics} - set(SECTIONS))
        grouped = [(name, [m for m in self.metrics if m.section == name]) for name in names]
        return [(name, metrics) for name, metrics in grouped if metrics]

    def status_counts(self) -> dict[str, int]:
        """Metrics by status; a metric not measured has no status and is
        counted apart (not_measured), never as green, amber, red or none."""
        counts = {"green": 0, "amber": 0, "red": 0, "none": 0, "not_measured": 0}
        for metric in self.metrics:
            if metric.not_measured:
                counts["not_measured"] += 1
                continue
            counts[metric.status if metric.status in counts else "none"] += 1
        return counts

    def not_measured_reasons(self) -> dict[str, str]:
        """{metric key: reason} of the week's metrics that are not measured."""
        return {m.key: m.missing_reason for m in self.metrics if m.missing_reason is not None}

    @property
    def stale_sources(self) -> tuple[int, str | None]:
        metric = self.metric("stale_sources")
        if metric is None or metric.value is None:
            return 0, None
        return int(metric.value), metric.detail


def parse_week(week: str) -> str:
    """Check an ISO week name like 2026-W47; return it as given."""
    match = WEEK_PATTERN.match(week)
    if not match:
        raise ScorecardError(f"'{week}' is not an ISO week: write it like 2026-W47.")
    year, number = int(match.group(1)), int(match.group(2))
    try:
        date.fromisocalendar(year, number, 1)
    except ValueError:
        raise ScorecardError(f"{week} does not exist: {year} has no ISO week {number}.") from None
    return week


def available_weeks(warehouse: Warehouse, settings: Settings) -> list[str]:
    if not warehouse.exists("metrics", "fct_weekly_metrics"):
        raise ScorecardError(
            f"The warehouse {warehouse.label} has no metrics.fct_weekly_metrics table: "
            "run `revops weekly` (or `revops demo`) to build it."
        )
    rows = warehouse.rows(
        f"select distinct iso_week from {settings.relation('metrics', 'fct_weekly_metrics')} "
        "order by iso_week"
    )
    return [row["iso_week"] for row in rows]


def resolve_week(weeks: list[str], week: str | None) -> str:
    """The requested week, checked against the data; default the latest complete week."""
    if not weeks:
        raise ScorecardError("fct_weekly_metrics is empty: the warehouse holds no complete week.")
    if week is None:
        return weeks[-1]
    parse_week(week)
    if week > weeks[-1]:
        raise ScorecardError(
            f"{week} is after the latest complete week in the data ({weeks[-1]}): "
            "its data has not all landed yet. Choose a week up to "
            f"{weeks[-1]}, or land newer data first."
        )
    if week not in weeks:
        raise ScorecardError(f"{week} has no data: the metrics cover {weeks[0]} to {weeks[-1]}.")
    return week


def load_scorecard_data(
    settings: Settings, week: str | None = None, target: str | None = None
) -> ScorecardData:
    """Read the week's metrics, their 13-week history and, when present, the
    reconciliation mart and the quality gate's result, from the warehouse of
    the dbt target (default: the profile's)."""
    with open_warehouse(settings, target) as warehouse:
        weeks = available_weeks(warehouse, settings)
        week = resolve_week(weeks, week)
        window = tuple(w for w in weeks if w <= week)[-SPARKLINE_WEEKS:]
        rows = warehouse.rows(
            f"select {', '.join(METRIC_COLUMNS)} "
            f"from {settings.relation('metrics', 'fct_weekly_metrics')} "
            "where iso_week >= ? and iso_week <= ? order by metric_key, iso_week",
            [window[0], week],
        )
        reconciliation = _load_reconciliation(warehouse, settings, week)
        invest = _load_invest(warehouse, settings, week)
        headline_keys = _load_headline_keys(warehouse, settings)
        coverage = _load_pipeline_coverage(warehouse, settings, week)
    metrics = _metrics_for_week(rows, week)
    if all(metric.value is None for metric in metrics):
        raise ScorecardError(f"{week} has no data: every metric of the week is null.")
    this_week = next(row for row in rows if row["iso_week"] == week)
    return ScorecardData(
        week=week,
        week_start=this_week["week_start_date"],
        week_end=this_week["week_end_date"],
        metrics=tuple(metrics),
        reconciliation=reconciliation,
        invest=invest,
        quality=read_quality_result(settings.quality_result_path),
        currency=settings.project_var("reporting_currency", "USD"),
        weeks=window,
        headline_keys=headline_keys,
        coverage=coverage,
    )


def _metrics_for_week(rows: list[dict], week: str) -> list[Metric]:
    history: dict[str, list[tuple[str, Decimal | None]]] = {}
    for row in rows:
        history.setdefault(row["metric_key"], []).append((row["iso_week"], row["metric_value"]))
    metrics = [
        _metric(row, tuple(history[row["metric_key"]])) for row in rows if row["iso_week"] == week
    ]
    # fct_weekly_metrics carries no display order: sections in their fixed
    # order (see ScorecardData.sections), metrics by label within a section.
    return sorted(metrics, key=lambda metric: (metric.label.lower(), metric.key))


def _metric(row: dict, history: tuple[tuple[str, Decimal | None], ...]) -> Metric:
    """One metric of the week. Not measured (a missing_reason) means no
    value, no change and no status, whatever else the row holds: every
    renderer reads this, so none can show a number for it."""
    reason = row["missing_reason"]
    return Metric(
        key=row["metric_key"],
        label=row["label"] or row["metric_key"],
        section=row["section"] or "Other",
        unit=row["unit"] or "",
        higher_is_better=bool(row["higher_is_better"]),
        owner_team=row["owner_team"],
        value=None if reason else row["metric_value"],
        previous=row["previous_value"],
        change=None if reason else row["change_vs_previous"],
        average_4_weeks=row["average_previous_4_weeks"],
        target=row["target_value"],
        status="none" if reason else (row["status"] or "none"),
        detail=None if reason else row["detail"],
        history=history,
        missing_reason=reason,
    )


def _load_reconciliation(
    warehouse: Warehouse, settings: Settings, week: str
) -> Reconciliation | None:
    """The reconciliation mart's rows for the week, only when the mart exists."""
    if not warehouse.exists("marts", "mart_reconciliation_weekly"):
        return None
    rows = warehouse.rows(
        "select reconciliation_key, team_label, team_count, unified_label, unified_count, "
        "difference, reason_label, reason_count, reason_order "
        f"from {settings.relation('marts', 'mart_reconciliation_weekly')} where iso_week = ?",
        [week],
    )
    lines: dict[str, ReconciliationLine] = {}
    for row in sorted(rows, key=_in_code_point_order("reconciliation_key", "reason_order")):
        line = lines.get(row["reconciliation_key"]) or ReconciliationLine(
            row["team_label"],
            int(row["team_count"]),
            row["unified_label"],
            int(row["unified_count"]),
            int(row["difference"]),
            (),
        )
        if row["reason_count"]:
            reason = (row["reason_label"], int(row["reason_count"]))
            line = dataclasses.replace(line, reasons=(*line.reasons, reason))
        lines[row["reconciliation_key"]] = line
    return Reconciliation(lines=tuple(lines.values()))


def _decimal(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _load_invest(warehouse: Warehouse, settings: Settings, week: str) -> Invest | None:
    """The Invest part's rows for the week, only when its marts exist (either
    one is enough; a missing one leaves its half out)."""
    has_channels = warehouse.exists("marts", "mart_invest_channels")
    has_forecast = warehouse.exists("marts", "mart_invest_forecast")
    if not (has_channels or has_forecast):
        return None
    channels: list[InvestChannel] = []
    if has_channels:
        rows = warehouse.rows(
            "select ranking, rank_side, quarter_name, channel, ranked_value, spend "
            f"from {settings.relation('marts', 'mart_invest_channels')} "
            "where iso_week = ? order by ranking, rank_side",
            [week],
        )
        channels = [
            InvestChannel(
                row["ranking"],
                row["rank_side"],
                row["quarter_name"],
                row["channel"],
                _decimal(row["ranked_value"]),
                _decimal(row["spend"]),
            )
            for row in rows
        ]
    forecast = None
    if has_forecast:
        rows = warehouse.rows(
            "select fiscal_quarter_name, weeks_before_quarter_end, forecast_method, "
            "bookings_to_date, forecast_bookings, quarters_measured, min_percentage_error, "
            "max_percentage_error, mean_absolute_percentage_error, expected_bookings_low, "
            "expected_bookings_high "
            f"from {settings.relation('marts', 'mart_invest_forecast')} where iso_week = ?",
            [week],
        )
        if rows:
            row = list(rows[0].values())
            forecast = InvestForecast(
                quarter=row[0],
                weeks_before_quarter_end=int(row[1]),
                method=row[2],
                bookings_to_date=_decimal(row[3]),
                forecast=_decimal(row[4]),
                quarters_measured=int(row[5] or 0),
                min_error=_decimal(row[6]),
                max_error=_decimal(row[7]),
                mean_absolute_error=_decimal(row[8]),
                expected_low=_decimal(row[9]),
                expected_high=_decimal(row[10]),
            )
    return Invest(tuple(channels), forecast)


def _load_headline_keys(warehouse: Warehouse, settings: Settings) -> tuple[str, ...]:
    """The headline's metric keys in tile order; none before the seed is built."""
    if not warehouse.exists("reference", "scorecard_headline"):
        return ()
    rows = warehouse.rows(
        f"select tile_order, metric_key from {settings.relation('reference', 'scorecard_headline')}"
    )
    ordered = sorted(rows, key=_in_code_point_order("tile_order", "metric_key"))
    return tuple(row["metric_key"] for row in ordered)


def _load_pipeline_coverage(
    warehouse: Warehouse, settings: Settings, week: str
) -> PipelineCoverage | None:
    """The coverage of the quarter holding the week's Sunday (fct_forecast_weekly
    names that quarter), only when both marts exist."""
    if not (
        warehouse.exists("marts", "mart_sales_forecast")
        and warehouse.exists("marts", "fct_forecast_weekly")
    ):
        return None
    rows = warehouse.rows(
        "select sales.close_fiscal_quarter_name, sales.open_pipeline, sales.bookings_target, "
        "sales.pipeline_coverage "
        f"from {settings.relation('marts', 'fct_forecast_weekly')} as forecast "
        f"join {settings.relation('marts', 'mart_sales_forecast')} as sales "
        "on sales.iso_week = forecast.iso_week "
        "and sales.close_fiscal_quarter_name = forecast.fiscal_quarter_name "
        "where forecast.iso_week = ?",
        [week],
    )
    if not rows:
        return None
    row = list(rows[0].values())
    return PipelineCoverage(row[0], _decimal(row[1]), _decimal(row[2]), _decimal(row[3]))


def read_quality_result(path: Path) -> QualityResult | None:
    """The quality gate's latest result file, read tolerantly: a `status` and a
    list of `warnings` (strings, or objects with a `message`)."""
    if not path.exists():
        return None
    try:
        content = json.loads(path.read_text())
    except (OSError, ValueError):
        return QualityResult("unreadable", (f"The quality result {path.name} cannot be read.",))
    if not isinstance(content, dict):
        return None
    warnings = []
    for warning in content.get("warnings") or []:
        if isinstance(warning, dict):
            warnings.append(str(warning.get("message") or json.dumps(warning, sort_keys=True)))
        else:
            warnings.append(str(warning))
    return QualityResult(str(content.get("status") or "unknown"), tuple(warnings))


def _in_code_point_order(*columns: str):
    """A sort key on the columns, text by code point: the same order on every
    engine (a PostgreSQL collation such as en_US orders `a_b` after `ab`;
    DuckDB orders by code point). Nulls first."""

    def key(row: dict) -> tuple:
        return tuple((row[column] is not None, row[column]) for column in columns)

    return key
