"""Charts with matplotlib: inline SVG for the HTML page, PNG for the PDF.

Both formats come from the same figure and are reproducible: a fixed SVG hash
salt and no creation date, so the same data draws the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from revops.scorecard.data import Metric, ScorecardData
from revops.scorecard.formatting import format_value

STYLE = {
    "svg.hashsalt": "revops-scorecard",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
INK, MUTED, GOOD, BAD, ACCENT = "#1f2933", "#9aa5b1", "#2f855a", "#c53030", "#2b6cb0"
STATUS_COLOURS = {"green": GOOD, "amber": "#b7791f", "red": BAD}

ARR_MOVEMENTS = (
    ("new_arr", "New", 1),
    ("reactivation_arr", "Reactivation", 1),
    ("expansion_arr", "Expansion", 1),
    ("contraction_arr", "Contraction", -1),
    ("churned_arr", "Churned", -1),
)
FUNNEL_STEPS = ("new_leads", "mqls", "sqls", "deals_won")


@dataclass(frozen=True)
class Chart:
    """A drawn chart, or the reason there is none (its data is not yet measured)."""

    title: str
    svg: str | None = None
    png: bytes | None = None
    note: str = ""


def _render(draw: Callable[[Figure], None], size: tuple[float, float], dpi: int = 150):
    with plt.rc_context(STYLE):
        figure = Figure(figsize=size)
        draw(figure)
        svg_buffer, png_buffer = io.StringIO(), io.BytesIO()
        figure.savefig(svg_buffer, format="svg", metadata={"Date": None}, transparent=True)
        figure.savefig(png_buffer, format="png", dpi=dpi, metadata={"Software": None})
    return _inline_svg(svg_buffer.getvalue()), png_buffer.getvalue()


def _inline_svg(svg: str) -> str:
    """The <svg> element alone (no XML prolog or doctype), sized by CSS."""
    start = svg.index("<svg")
    return svg[start:].strip()


def _floats(values: list[Decimal | None]) -> list[float]:
    return [float("nan") if value is None else float(value) for value in values]


def sparkline(metric: Metric) -> Chart:
    values = [value for _, value in metric.history]
    if all(value is None for value in values):
        return Chart(f"{metric.label}, 13 weeks", note="not yet measured")

    def draw(figure: Figure) -> None:
        axes = figure.add_axes((0.02, 0.12, 0.92, 0.76))
        points = _floats(values)
        axes.plot(range(len(points)), points, color=ACCENT, linewidth=1.2)
        if metric.value is not None:
            colour = STATUS_COLOURS.get(metric.status, INK)
            axes.plot([len(points) - 1], [points[-1]], "o", color=colour, markersize=3)
        axes.set_axis_off()
        axes.set_xlim(-0.5, max(len(points) - 0.5, 1))

    svg, png = _render(draw, (1.6, 0.4))
    return Chart(f"{metric.label}, 13 weeks", svg, png)


def arr_waterfall(data: ScorecardData) -> Chart:
    """ARR last week, each movement, ARR this week."""
    title = f"ARR movement, {data.week}"
    arr = data.metric("arr")
    movements = [(data.metric(key), label, sign) for key, label, sign in ARR_MOVEMENTS]
    if arr is not None and arr.missing_reason is not None:
        return Chart(title, note=f"not measured: {arr.missing_reason}")
    if arr is None or arr.value is None or arr.previous is None:
        return Chart(title, note="not yet measured: ARR comes with the revenue models")
    if any(metric is None or metric.value is None for metric, _, _ in movements):
        return Chart(title, note="not yet measured: ARR movements come with the revenue models")

    def draw(figure: Figure) -> None:
        axes = figure.add_subplot()
        labels, bottoms, heights, colours = ["Last week"], [0.0], [float(arr.previous)], [MUTED]
        level = float(arr.previous)
        for metric, label, sign in movements:
            amount = sign * float(metric.value)
            labels.append(label)
            bottoms.append(level if amount >= 0 else level + amount)
            heights.append(abs(amount))
            colours.append(GOOD if amount >= 0 else BAD)
            level += amount
        labels.append("This week")
        bottoms.append(0.0)
        heights.append(float(arr.value))
        colours.append(ACCENT)
        axes.bar(labels, heights, bottom=bottoms, color=colours, width=0.6)
        for index, (bottom, height) in enumerate(zip(bottoms, heights, strict=True)):
            amount = Decimal(str(height))
            axes.annotate(
                format_value(amount, "currency", data.currency),
                (index, bottom + height),
                ha="center",
                va="bottom",
                fontsize=7,
                color=INK,
            )
        low = min([*bottoms[1:-1], float(arr.value), float(arr.previous)])
        axes.set_ylim(bottom=max(0.0, low * 0.97))
        axes.tick_params(axis="x", labelsize=8)
        axes.yaxis.set_major_formatter(
            lambda y, _: format_value(Decimal(str(y)), "currency", data.currency)
        )

    svg, png = _render(draw, (7.0, 2.8))
    return Chart(title, svg, png)


def nps_trend(data: ScorecardData) -> Chart:
    title = "NPS, 13 weeks"
    nps = data.metric("nps")
    if nps is None or all(value is None for _, value in nps.history):
        return Chart(title, note="not yet measured: NPS comes with the customer success models")

    def draw(figure: Figure) -> None:
        axes = figure.add_subplot()
        weeks = [week[-3:] for week, _ in nps.history]
        axes.plot(weeks, _floats([value for _, value in nps.history]), "o-", color=ACCENT)
        axes.axhline(0, color=MUTED, linewidth=0.8)
        axes.tick_params(axis="x", labelsize=7)

    svg, png = _render(draw, (7.0, 2.4))
    return Chart(title, svg, png)


def funnel(data: ScorecardData) -> Chart:
    """The week's funnel counts, each step with its ratio to the step before."""
    title = f"Funnel, {data.week}"
    steps = [data.metric(key) for key in FUNNEL_STEPS]
    present = [metric for metric in steps if metric is not None]
    if not present or all(metric.value is None for metric in present):
        return Chart(title, note="not yet measured: the funnel comes with the funnel models")

    def draw(figure: Figure) -> None:
        axes = figure.add_subplot()
        positions = list(range(len(present)))[::-1]  # the first step on top
        values = [0.0 if metric.value is None else float(metric.value) for metric in present]
        axes.barh(positions, values, color=ACCENT, height=0.6)
        axes.set_yticks(positions, [metric.label for metric in present])
        steps_before = [None, *present[:-1]]
        for position, metric, before in zip(positions, present, steps_before, strict=True):
            text = format_value(metric.value, metric.unit, data.currency)
            if before is not None and before.value and metric.value is not None:
                ratio = Decimal(metric.value) / Decimal(before.value) * 100
                text += f" ({format_value(ratio, 'percent')} of {before.label})"
            axes.annotate(
                text,
                (float(metric.value or 0), position),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
                color=INK,
            )
        axes.set_xlim(0, max([*values, 1.0]) * 1.8)
        axes.set_xticks([])
        axes.spines["bottom"].set_visible(False)

    svg, png = _render(draw, (7.0, 2.2))
    return Chart(title, svg, png)


def section_charts(data: ScorecardData) -> dict[str, list[Chart]]:
    """The charts leaders expect, placed in their team's section.

    Pipeline by stage waits for a weekly pipeline-by-stage mart: it is not a
    series of fct_weekly_metrics.
    """
    return {
        "Revenue": [arr_waterfall(data)],
        "Sales": [],
        "Marketing": [funnel(data)],
        "Customer success": [nps_trend(data)],
        "Data health": [],
    }
