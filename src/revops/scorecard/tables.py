"""The machine-readable files (scorecard.csv, scorecard.json) and summary.md."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from revops.scorecard.data import ScorecardData
from revops.scorecard.formatting import format_plain
from revops.scorecard.view import ScorecardView

COLUMNS = (
    "key",
    "label",
    "section",
    "week",
    "value",
    "previous_value",
    "change",
    "average_4_weeks",
    "target",
    "status",
    "unit",
    "missing_reason",
)


def metric_records(data: ScorecardData) -> list[dict[str, object]]:
    """One record per metric, in the scorecard's order, values unrounded."""
    return [
        {
            "key": metric.key,
            "label": metric.label,
            "section": metric.section,
            "week": data.week,
            "value": metric.value,
            "previous_value": metric.previous,
            "change": metric.change,
            "average_4_weeks": metric.average_4_weeks,
            "target": metric.target,
            "status": metric.status,
            "unit": metric.unit,
            "missing_reason": metric.missing_reason,
        }
        for _, metrics in data.sections()
        for metric in metrics
    ]


def render_csv(data: ScorecardData) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for record in metric_records(data):
        writer.writerow(
            format_plain(value) if isinstance(value, Decimal) else value
            for value in (record[column] for column in COLUMNS)
        )
    return buffer.getvalue().encode("utf-8")


def json_number(value: object) -> object:
    """Decimals as JSON numbers (the warehouse keeps six decimals at most)."""
    if isinstance(value, Decimal):
        number = float(value)
        return 0.0 if number == 0 else number
    return value


def render_json(data: ScorecardData) -> bytes:
    document = {
        "week": data.week,
        "week_start": data.week_start.isoformat(),
        "week_end": data.week_end.isoformat(),
        "currency": data.currency,
        "status_counts": data.status_counts(),
        "metrics": [
            {key: json_number(value) for key, value in record.items()}
            for record in metric_records(data)
        ],
        "restatements": [
            {
                "week": item.week,
                "key": item.key,
                "published_value": json_number(item.published),
                "published_note": item.published_note,
                "current_value": json_number(item.current),
            }
            for item in data.restatements
        ],
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def render_summary(view: ScorecardView) -> bytes:
    counts = view.counts
    lines = [
        f"# {view.title}",
        "",
        view.period,
        "",
        f"**{counts['green']} green, {counts['amber']} amber, {counts['red']} red** "
        f"({counts['none']} without status: no target or not yet measured"
        + (f"; {counts['not_measured']} not measured" if counts.get("not_measured") else "")
        + ").",
        "",
    ]
    lines += [f"> {banner}" for banner in view.banners]
    lines += [""] if view.banners else []
    lines += ["## What moved", ""]
    lines += [f"- {sentence}" for _, sentence in view.moved] or [
        "- Nothing moved more than 5% from its 4-week average."
    ]
    if view.restatements:
        lines += ["", "## Restated since published", ""]
        lines += [f"- {line}" for line in view.restatements]
    if view.invest:
        lines += ["", "## Invest", ""]
        lines += [f"- {line}" for line in view.invest]
    if view.reconciliation:
        lines += ["", "## Who moved my cheese", ""]
        lines += [f"- {line}" for line in view.reconciliation]
    for section in view.sections:
        measured = [row for row in section.rows if row.status_text != "not yet measured"]
        lines += ["", f"## {section.name}", ""]
        lines += [
            f"- {row.label}: {row.value} ({row.missing_reason})"
            if row.missing_reason
            else f"- {row.label}: {row.value} ({row.change} vs last week; {row.status_text})"
            for row in measured
        ]
        waiting = len(section.rows) - len(measured)
        if waiting:
            lines.append(f"- {waiting} metric{'s' if waiting != 1 else ''} not yet measured")
    return ("\n".join(lines) + "\n").encode("utf-8")
