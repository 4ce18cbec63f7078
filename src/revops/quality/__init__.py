"""The data-quality gate: Great Expectations suites over what lands and what ships."""

from __future__ import annotations

import json
from pathlib import Path

from revops.config import Settings
from revops.quality.check import QualityError, QualityOutcome, check_landing, check_marts

__all__ = ["QualityError", "QualityOutcome", "check_landing", "check_marts", "run_quality_gate"]


def run_quality_gate(settings: Settings, raw_dir: Path | None) -> QualityOutcome | None:
    """The weekly run's gate: check the landing folder (raises QualityError on a critical
    failure) and write output/quality/latest.json, the status and warnings that the
    scorecard banner and the run record read. Without a landing folder (the demo seeds,
    or tables a loader keeps) there is nothing to check before dbt, and latest.json says so."""
    outcome = check_landing(settings, raw_dir) if raw_dir else None
    warnings = [finding.sentence() for finding in outcome.warnings] if outcome else []
    status = "not run" if outcome is None else ("warned" if warnings else "passed")
    path = settings.quality_result_path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"status": status, "warnings": warnings}, indent=2) + "\n")
    return outcome
