"""The weekly executive scorecard: read fct_weekly_metrics, render, publish.

`data` reads the warehouse (fct_weekly_metrics, and the reconciliation mart,
the two Invest marts and the quality gate's result when they exist), `formatting` turns numbers into
words, `charts` draws with matplotlib, `html` and `pdf` lay the page out, and
`export` writes every file aside and moves the week's folder into place.
"""

from __future__ import annotations

from revops.errors import RevopsError


class ScorecardError(RevopsError):
    """The scorecard cannot be produced; the message says why, for a person."""
