"""The data-quality gate: Great Expectations over what lands, how its rows fared in
dbt, and what ships (revops.quality.check); the pipeline (revops.pipeline) runs it."""

from __future__ import annotations

from revops.quality.check import (
    QualityError,
    QualityOutcome,
    check_landing,
    check_marts,
    check_rows,
    write_gate_status,
)

__all__ = [
    "QualityError",
    "QualityOutcome",
    "check_landing",
    "check_marts",
    "check_rows",
    "write_gate_status",
]
