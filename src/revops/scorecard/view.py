"""What every output shows, formatted once: the HTML, the PDF and summary.md
read the same rows and sentences, so they cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass

from revops.scorecard.charts import Chart, section_charts, sparkline
from revops.scorecard.data import Metric, ScorecardData
from revops.scorecard.formatting import (
    change_tone,
    format_change,
    format_value,
    what_moved,
)


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


def _status_text(metric: Metric) -> str:
    if metric.value is None:
        return "not yet measured"
    return {"green": "on target", "amber": "near target", "red": "off target"}.get(
        metric.status, "no target"
    )


def metric_row(metric: Metric, currency: str) -> MetricRow:
    return MetricRow(
        key=metric.key,
        label=metric.label,
        value=format_value(metric.value, metric.unit, currency),
        change=format_change(metric.change, metric.unit, currency),
        change_tone=change_tone(metric),
        average=format_value(metric.average_4_weeks, metric.unit, currency),
        target=format_value(metric.target, metric.unit, currency),
        status=metric.status if metric.value is not None else "none",
        status_text=_status_text(metric),
        detail=metric.detail or "",
        sparkline=sparkline(metric),
    )


def banners(data: ScorecardData) -> list[str]:
    """Why the numbers may not be the whole story this week."""
    messages = []
    stale, names = data.stale_sources
    if stale:
        systems = f": {names}" if names else ""
        messages.append(
            f"Data may be incomplete: {stale} source{'s' if stale != 1 else ''} had no load at "
            f"or after the end of {data.week}{systems}."
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
        lines.append(f"{item.label} for {item.week} was published as {before}, now {after}{moved}.")
    return lines


def build_view(data: ScorecardData) -> ScorecardView:
    charts = section_charts(data)
    sections = [
        Section(name, [metric_row(m, data.currency) for m in metrics], charts.get(name, []))
        for name, metrics in data.sections()
    ]
    reconciliation = data.reconciliation
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
        notes=[
            "— means not yet measured. Change is against last week; the 4-week average is "
            "of the four weeks before this one.",
            "Pipeline by stage will appear once the warehouse has a weekly pipeline-by-stage mart.",
        ],
    )
