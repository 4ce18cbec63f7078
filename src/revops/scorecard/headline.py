"""The headline: the revenue team's north-star metrics as tiles, above everything.

The set and its order come from the seed scorecard_headline (read by `data`);
each tile reuses its metric's formatted row, so the tile, the section table,
the email and the chat message cannot disagree. `headline.json` is the
published, text-only form that delivery turns into messages.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from revops.scorecard.charts import Chart
from revops.scorecard.data import PipelineCoverage, ScorecardData
from revops.scorecard.formatting import format_value

# The tile that carries the quarter's pipeline coverage.
COVERAGE_METRIC = "open_pipeline"
# How a metric whose sources do not reach the week reads, everywhere.
NOT_MEASURED_TEXT = "not measured"


@dataclass(frozen=True)
class HeadlineTile:
    key: str
    label: str
    value: str
    change: str  # empty when the value is not measured
    change_tone: str
    target: str
    status: str  # green, amber, red or none: the colour
    status_text: str  # the same status in words
    note: str
    sparkline: Chart


def coverage_note(coverage: PipelineCoverage | None, currency: str) -> str:
    """Open pipeline closing this quarter against the quarter's bookings target."""
    if coverage is None:
        return ""
    closing = format_value(coverage.open_pipeline, "currency", currency)
    if coverage.coverage is None or coverage.bookings_target is None:
        return f"{coverage.quarter}: {closing} closing in quarter; no bookings target."
    target = format_value(coverage.bookings_target, "currency", currency)
    ratio = format_value(coverage.coverage, "score")
    return f"{coverage.quarter}: {closing} closing in quarter = {ratio}x its {target} target."


def _absent_tile(key: str) -> HeadlineTile:
    return HeadlineTile(
        key=key,
        label=key,
        value="—",
        change="",
        change_tone="none",
        target="",
        status="none",
        status_text=NOT_MEASURED_TEXT,
        note="Not a metric of this week's scorecard: check seeds/reference/scorecard_headline.csv.",
        sparkline=Chart(key, note=NOT_MEASURED_TEXT),
    )


def headline_tiles(data: ScorecardData, rows: dict) -> list[HeadlineTile]:
    """One tile per key of the seed, from the metric's row (a MetricRow by key)."""
    tiles = []
    for key in data.headline_keys:
        metric, row = data.metric(key), rows.get(key)
        if metric is None or row is None:
            tiles.append(_absent_tile(key))
            continue
        measured = metric.value is not None
        note = "" if measured else (metric.missing_reason or "")
        if key == COVERAGE_METRIC and measured:
            note = coverage_note(data.coverage, data.currency)
        tiles.append(
            HeadlineTile(
                key=key,
                label=row.label,
                value=row.value,
                change=f"{row.change} vs last week" if measured else "",
                change_tone=row.change_tone if measured else "none",
                target=f"Target {row.target}" if metric.target is not None else "No target",
                status=row.status if measured else "none",
                status_text=row.status_text if measured else NOT_MEASURED_TEXT,
                note=note,
                sparkline=row.sparkline,
            )
        )
    return tiles


def render_headline_json(view) -> bytes:
    """The headline and what moved as text, for the messages sent about the week."""
    document = {
        "week": view.week,
        "title": view.title,
        "period": view.period,
        "banners": view.banners,
        "tiles": [
            {name: value for name, value in asdict(tile).items() if name != "sparkline"}
            for tile in view.headline
        ],
        "moved": [{"tone": tone, "sentence": sentence} for tone, sentence in view.moved],
        "restatements": view.restatements,
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
