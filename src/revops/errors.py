"""The one base class of every problem `revops` reports as a sentence for a person.

Kept free of heavy imports so that the command line can catch any domain error
without loading dbt, Great Expectations or PySpark (`revops --help` stays fast).
"""

from __future__ import annotations


class RevopsError(Exception):
    """A problem the run can explain: the message names what, where and the fix."""
