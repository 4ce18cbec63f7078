"""What every output shows, formatted once: the HTML, the PDF and summary.md
read the same rows and sentences, so they cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from revops.scorecard.charts import Chart, section_charts, sparkline
from revops.scorecard.data import Invest, Metric, ScorecardData
from revops.scorecard.formatting import (
    change_tone,
    format_change,
    format_value,
    what_moved,
)
from revops.scorecard.headline import NOT_MEASURED_TEXT, HeadlineTile, headline_tiles


@dataclass(frozen=True)
class MetricRow:
    key: str
    label: str
    value: str
    change: str
    change_tone: str
    average: str
    target: str
    status: str
    status_text: str
    detail: str
    sparkline: Chart
    # Why the metric is not measured this week ("" when it is).
    missing_reason: str = ""


@dataclass(frozen=True)
class Section:
    name: str
    rows: list[MetricRow]
    charts: list[Chart]


@dataclass(frozen=True)
class ScorecardView:
    title: str
    week: str
    period: str
    counts: dict[str, int]
    banners: list[str]
    moved: list[tuple[str, str]]  # (tone, sentence)
    restatements: list[str]
    reconciliation: list[str]
    has_reconciliation: bool
    sections: list[Section]
    notes: list[str]
    # The Invest part: empty (and left out) when its marts are absent.
    invest: list[str] = field(default_factory=list)
    # The headline tiles (seed scorecard_headline), above everything else.
    headline: list[HeadlineTile] = field(default_factory=list)


def _status_text(metric: Metric) -> str:
    if metric.missing_reason is not None:
        return f"{NOT_MEASURED_TEXT}: {metric.missing_reason}"
    if metric.value is None:
        return "not yet measured"
    return {"green": "on target", "amber": "near target", "red": "off target"}.get(
        metric.status, "no target"
    )


def metric_row(metric: Metric, currency: str) -> MetricRow:
    return MetricRow(
        key=metric.key,
        label=metric.label,
        value=NOT_MEASURED_TEXT
        if metric.not_measured
        else format_value(metric.value, metric.unit, currency),
        change=format_change(metric.change, metric.unit, currency),
        change_tone=change_tone(metric),
        average=format_value(metric.average_4_weeks, metric.unit, currency),
        target=format_value(metric.target, metric.unit, currency),
        status=metric.status if metric.value is not None else "none",
        status_text=_status_text(metric),
        detail=metric.detail or "",
        sparkline=sparkline(metric),
        missing_reason=metric.missing_reason or "",
    )


def banners(data: ScorecardData) -> list[str]:
    """Why the numbers may not be the whole story this week."""
    messages = []
    stale, names = data.stale_sources
    if stale:
        tables = f": {names}" if names else ""
        messages.append(
            f"Data may be incomplete: {stale} source{'s' if stale != 1 else ''} had a table "
            f"without the load it needs by the end of {data.week}{tables}."
        )
    if data.quality is not None and data.quality.warned:
        detail = "; ".join(data.quality.warnings[:5]) or f"status {data.quality.status}"
        messages.append(f"The data-quality gate warned: {detail}.".replace("..", "."))
    return messages


def restatement_lines(data: ScorecardData) -> list[str]:
    lines = []
    for item in data.restatements:
        before = format_value(item.published, item.unit, data.currency)
        after = format_value(item.current, item.unit, data.currency)
        if item.published is not None and item.current is not None:
            by = format_change(item.current - item.published, item.unit, data.currency)
            moved = f" ({by})"
        else:
            moved = ""
        if item.published is None and item.published_note:
            before = f"{NOT_MEASURED_TEXT} ({item.published_note})"
        elif item.published_note:
            before = f"{before} ({item.published_note})"
        lines.append(f"{item.label} for {item.week} was published as {before}, now {after}{moved}.")
    return lines


def _signed_percent(value: Decimal) -> str:
    return f"{'+' if value > 0 else ''}{format_value(value, 'percent')}"


def _payback_line(invest: Invest, currency: str) -> str | None:
    best = invest.channel("cac_payback_months", "best")
    worst = invest.channel("cac_payback_months", "worst")
    if best is None and worst is None:
        return None
    quarter = (best or worst).quarter

    def describe(item) -> str:
        if item.value is None:
            spent = format_value(item.spend, "currency", currency)
            return f"{item.channel}, {spent} spent with no payback yet (no new customer or ARR)"
        return f"{item.channel}, {format_value(item.value, 'score')} months"

    parts = [f"best {describe(best)}"] if best and best.value is not None else []
    if worst is not None and (best is None or worst.channel != best.channel):
        parts.append(f"worst {describe(worst)}")
    return f"CAC payback, {quarter} (channels with spend): {'; '.join(parts)}."


def _retention_line(invest: Invest) -> str | None:
    best = invest.channel("net_revenue_retention_12m", "best")
    worst = invest.channel("net_revenue_retention_12m", "worst")
    if best is None:
        return None
    line = f"12-month net revenue retention by acquisition channel, end of {best.quarter}: "
    line += f"best {best.channel} {format_value(best.value, 'percent')}"
    if worst is not None and worst.channel != best.channel:
        line += f"; worst {worst.channel} {format_value(worst.value, 'percent')}"
    return line + "."


def _forecast_line(invest: Invest, currency: str) -> str | None:
    forecast = invest.forecast
    if forecast is None:
        return None
    method = forecast.method.replace("_", " ")
    weeks = forecast.weeks_before_quarter_end
    line = (
        f"{forecast.quarter} bookings forecast ({method}, {weeks} week{'s' if weeks != 1 else ''} "
        f"before quarter end): {format_value(forecast.forecast, 'currency', currency)}, of which "
        f"{format_value(forecast.bookings_to_date, 'currency', currency)} already booked."
    )
    if not forecast.quarters_measured or forecast.min_error is None:
        return line + " No closed quarter yet to measure this method's error."
    quarters = forecast.quarters_measured
    line += (
        f" In {quarters} closed quarter{'s' if quarters != 1 else ''} this method was off by "
        f"{_signed_percent(forecast.min_error)} to {_signed_percent(forecast.max_error)} at this "
        f"point (mean absolute {format_value(forecast.mean_absolute_error, 'percent')})"
    )
    if forecast.expected_low is not None and forecast.expected_high is not None:
        low = format_value(forecast.expected_low, "currency", currency)
        high = format_value(forecast.expected_high, "currency", currency)
        line += f": expect {low} to {high}"
    return line + "."


# The week's metrics each Invest line is read with: a line is left out, with
# the reason, while one of them is not measured.
INVEST_INPUTS = {
    "payback": ("new_arr", "customers"),
    "retention": ("arr", "nrr"),
    "forecast": ("bookings",),
}


def invest_lines(
    invest: Invest | None, currency: str, not_measured: dict[str, str] | None = None
) -> list[str]:
    """The Invest part in sentences; none when its marts are absent. A line
    whose inputs are not measured this week gives way to the reason."""
    if invest is None:
        return []
    candidates = {
        "payback": _payback_line(invest, currency),
        "retention": _retention_line(invest),
        "forecast": _forecast_line(invest, currency),
    }
    lines = []
    for name, line in candidates.items():
        missing = [key for key in INVEST_INPUTS[name] if key in (not_measured or {})]
        if missing and line:
            reason = (not_measured or {})[missing[0]]
            line = f"Left out this week: {', '.join(missing)} not measured ({reason})."
        if line and line not in lines:
            lines.append(line)
    return lines or ["No channel or forecast figures for this week yet."]


def build_view(data: ScorecardData) -> ScorecardView:
    charts = section_charts(data)
    sections = [
        Section(name, [metric_row(m, data.currency) for m in metrics], charts.get(name, []))
        for name, metrics in data.sections()
    ]
    reconciliation = data.reconciliation
    rows = {row.key: row for section in sections for row in section.rows}
    return ScorecardView(
        title=f"Weekly scorecard {data.week}",
        week=data.week,
        period=f"{data.week_start:%a %d %b %Y} to {data.week_end:%a %d %b %Y}",
        counts=data.status_counts(),
        banners=banners(data),
        moved=[(m.tone, m.sentence) for m in what_moved(data.metrics, data.currency)],
        restatements=restatement_lines(data),
        reconciliation=[line.sentence for line in reconciliation.lines] if reconciliation else [],
        has_reconciliation=reconciliation is not None,
        sections=sections,
        invest=invest_lines(data.invest, data.currency, data.not_measured_reasons()),
        headline=headline_tiles(data, rows),
        notes=[
            '— means not yet measured; "not measured" names the source whose data does not '
            "reach the week (no load on or after its Sunday). Change is against last week; the "
            "4-week average is of the four weeks before this one.",
            "Pipeline by stage will appear once the warehouse has a weekly pipeline-by-stage mart.",
        ],
    )
