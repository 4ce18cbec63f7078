"""DuckDB expressions that read landed text the way staging does.

They mirror macros/parsing/parse_value.sql on DuckDB, grammars included (the
gate runs before dbt, so it cannot call the macros): tests/python/parse_cases.py
holds the cases both must parse alike, and the bad-input suite checks that the
gate and the quarantine agree row for row.
"""

from __future__ import annotations

TRUE_WORDS = "('true', 't', '1', 'yes', 'y', '1.0')"
FALSE_WORDS = "('false', 'f', '0', 'no', 'n', '0.0')"
INTEGER_PATTERN = "^[+-]?[0-9]+([.]0+)?$"
NUMERIC_PATTERN = "^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$"
TIMESTAMP_PATTERN = (
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)?"
    " ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?$"
)


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def text(expression: str) -> str:
    return f"nullif(trim(cast({expression} as varchar)), '')"


def when_matches(value: str, pattern: str, then: str) -> str:
    return f"case when regexp_matches({value}, '{pattern}') then {then} end"


def parsed(expression: str, logical_type: str) -> str:
    """The value as the gate compares it: numbers as double, dates as timestamps."""
    value = text(expression)
    if logical_type == "integer":
        whole = f"cast(cast(cast({value} as decimal(38, 6)) as bigint) as double)"
        return when_matches(value, INTEGER_PATTERN, whole)
    if logical_type == "numeric":
        return when_matches(
            value, NUMERIC_PATTERN, f"cast(cast({value} as decimal(38, 6)) as double)"
        )
    if logical_type == "boolean":
        return (
            f"case when lower({value}) in {TRUE_WORDS} then true "
            f"when lower({value}) in {FALSE_WORDS} then false end"
        )
    if logical_type in ("timestamp", "date"):
        instant = f"cast(timezone('UTC', try_cast({value} as timestamptz)) as timestamp)"
        timestamp = when_matches(value, TIMESTAMP_PATTERN, instant)
        return (
            timestamp
            if logical_type == "timestamp"
            else f"cast(cast({timestamp} as date) as timestamp)"
        )
    return value


def code(expression: str) -> str:
    return f"upper({text(expression)})"
