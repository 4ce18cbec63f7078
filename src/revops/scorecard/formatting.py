"""Numbers into words: display rounding, changes, and the "what moved" sentences.

The warehouse keeps values unrounded; rounding for display happens here only,
half away from zero (as the spec rounds NPS).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from revops.scorecard.data import Metric

NOT_MEASURED = "—"
CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}
# "What moved": at most this many metrics, each at least this far from its average.
WHAT_MOVED_LIMIT = 3
WHAT_MOVED_THRESHOLD = Decimal("0.05")


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _number(value: Decimal, places: int) -> str:
    return f"{_round(value, places):,.{places}f}"


def _money(value: Decimal, currency: str) -> str:
    symbol = CURRENCY_SYMBOLS.get(currency, f"{currency} ")
    sign = "-" if value < 0 else ""
    magnitude = abs(value)
    if _round(magnitude, 0) >= 1_000_000:
        return f"{sign}{symbol}{_number(magnitude / 1_000_000, 2)}M"
    return f"{sign}{symbol}{_number(magnitude, 0)}"


def format_value(value: Decimal | None, unit: str, currency: str = "USD") -> str:
    """A metric's value as the scorecard shows it; null is "—" (not yet measured)."""
    if value is None:
        return NOT_MEASURED
    value = Decimal(value)
    if unit == "currency":
        return _money(value, currency)
    if unit == "count":
        return _number(value, 0 if value == value.to_integral_value() else 1)
    if unit == "percent":
        return f"{_number(value, 1)}%"
    if unit == "score":
        return _number(value, 1)
    if unit == "days":
        return f"{_number(value, 1)} days"
    if unit == "hours":
        return f"{_number(value, 1)} h"
    return _number(value, 2)


def format_change(change: Decimal | None, unit: str, currency: str = "USD") -> str:
    """A change with its sign; percentages change by points, not per cent."""
    if change is None:
        return NOT_MEASURED
    change = Decimal(change)
    sign = "+" if change > 0 else ""
    if unit == "percent":
        return f"{sign}{_number(change, 1)} pts"
    return f"{sign}{format_value(change, unit, currency)}"


def change_tone(metric: Metric) -> str:
    """good / bad / flat / none: the colour of the change vs last week."""
    if metric.change is None:
        return "none"
    if metric.change == 0:
        return "flat"
    return "good" if (metric.change > 0) == metric.higher_is_better else "bad"


@dataclass(frozen=True)
class Movement:
    metric: Metric
    relative: Decimal  # (value - 4-week average) / |4-week average|
    tone: str
    sentence: str


def what_moved(metrics: tuple[Metric, ...] | list[Metric], currency: str = "USD") -> list[Movement]:
    """The largest changes against the 4-week average, in plain sentences.

    Ranked by the relative distance from the average; a metric whose average
    is zero has no relative distance and is left out (the banner and the
    change column still show it).
    """
    movements = []
    for metric in metrics:
        value, average = metric.value, metric.average_4_weeks
        if value is None or average is None or average == 0:
            continue
        relative = (Decimal(value) - Decimal(average)) / abs(Decimal(average))
        if abs(relative) < WHAT_MOVED_THRESHOLD:
            continue
        rose = relative > 0
        tone = "good" if rose == metric.higher_is_better else "bad"
        movements.append(Movement(metric, relative, tone, _sentence(metric, relative, currency)))
    movements.sort(key=lambda movement: (-abs(movement.relative), movement.metric.key))
    return movements[:WHAT_MOVED_LIMIT]


def _sentence(metric: Metric, relative: Decimal, currency: str) -> str:
    value = format_value(metric.value, metric.unit, currency)
    average = format_value(metric.average_4_weeks, metric.unit, currency)
    verb, side = ("rose", "above") if relative > 0 else ("fell", "below")
    if metric.unit == "percent":
        points = abs(Decimal(metric.value) - Decimal(metric.average_4_weeks))
        distance = f"{_number(points, 1)} pts"
    else:
        distance = f"{_number(abs(relative) * 100, 1)}%"
    return f"{metric.label} {verb} to {value}, {distance} {side} its 4-week average of {average}."


def format_plain(value: Decimal | None) -> str:
    """An exact, unrounded number for CSV: no exponent, no trailing zeros."""
    if value is None:
        return ""
    text = format(Decimal(value).normalize(), "f")
    return "0" if text in {"-0", "0"} else text


def status_label(status: str) -> str:
    return {"green": "On target", "amber": "Near target", "red": "Off target"}.get(
        status, "No target" if status == "none" else status
    )
