"""DuckDB expressions that read landed text the way staging does.

They mirror the `duckdb__` implementations in macros/parsing/parse_value.sql
(the gate runs before dbt, so it cannot call the macros); the bad-input suite
checks that the gate and the quarantine agree row for row.
"""

from __future__ import annotations

TRUE_WORDS = "('true', 't', '1', 'yes', 'y', '1.0')"
FALSE_WORDS = "('false', 'f', '0', 'no', 'n', '0.0')"


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def text(expression: str) -> str:
    return f"nullif(trim(cast({expression} as varchar)), '')"


def parsed(expression: str, logical_type: str) -> str:
    """The value as the gate compares it: numbers as double, dates as timestamps."""
    value = text(expression)
    if logical_type == "integer":
        return f"cast(try_cast(try_cast({value} as decimal(38, 6)) as bigint) as double)"
    if logical_type == "numeric":
        return f"cast(try_cast({value} as decimal(38, 6)) as double)"
    if logical_type == "boolean":
        return (
            f"case when lower({value}) in {TRUE_WORDS} then true "
            f"when lower({value}) in {FALSE_WORDS} then false end"
        )
    if logical_type in ("timestamp", "date"):
        timestamp = f"cast(timezone('UTC', try_cast({value} as timestamptz)) as timestamp)"
        return (
            timestamp
            if logical_type == "timestamp"
            else f"cast(cast({timestamp} as date) as timestamp)"
        )
    return value


def code(expression: str) -> str:
    return f"upper({text(expression)})"
