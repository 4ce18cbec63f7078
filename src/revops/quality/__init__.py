"""The data-quality gate: Great Expectations suites over what lands and what ships."""

from revops.quality.check import QualityError, QualityOutcome, check_landing, check_marts

__all__ = ["QualityError", "QualityOutcome", "check_landing", "check_marts"]
