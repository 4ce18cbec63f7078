"""How landed text must parse, written out by hand: one grammar per logical
type that every engine (macros/parsing/parse_value.sql, the one place the
grammar is written) must follow to the letter. None means the value
does not parse: a non-blank landed value like that quarantines its row.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

Value = Decimal | bool | datetime | date | None

PARSE_CASES: list[tuple[str, str, Value]] = [
    ("integer", "42", Decimal(42)),
    ("integer", " +7 ", Decimal(7)),
    ("integer", "-3", Decimal(-3)),
    ("integer", "12.0", Decimal(12)),  # integers exported through a float column
    ("integer", "0042", Decimal(42)),
    ("integer", "12.5", None),  # a fraction is not an integer: never rounded
    ("integer", "1e3", None),
    ("integer", "12 seats", None),
    ("integer", "", None),  # blank: null, and not malformed
    ("numeric", "1234.5", Decimal("1234.5")),
    ("numeric", " -0.25 ", Decimal("-0.25")),
    ("numeric", ".5", Decimal("0.5")),
    ("numeric", "5.", Decimal(5)),
    ("numeric", "1e3", Decimal(1000)),
    ("numeric", "1,234.5", None),  # thousands separators are a loader bug, not a value
    ("numeric", "12 USD", None),
    ("numeric", "NaN", None),
    ("boolean", "TRUE", True),
    ("boolean", " yes ", True),
    ("boolean", "1.0", True),
    ("boolean", "0", False),
    ("boolean", "f", False),
    ("boolean", "maybe", None),
    ("timestamp", "2026-11-23T06:00:00Z", datetime(2026, 11, 23, 6)),
    ("timestamp", "2026-11-23 06:00:00", datetime(2026, 11, 23, 6)),
    ("timestamp", "2026-11-23T08:00:00+02:00", datetime(2026, 11, 23, 6)),
    ("timestamp", "2026-11-23T01:00:00-0500", datetime(2026, 11, 23, 6)),
    ("timestamp", "2026-11-23T06:00:00.250Z", datetime(2026, 11, 23, 6, 0, 0, 250000)),
    ("timestamp", "2026-11-23", datetime(2026, 11, 23)),
    ("timestamp", "2026-02-30", None),  # no such day
    ("timestamp", "2026-13-01T00:00:00Z", None),
    ("timestamp", "23/11/2026", None),
    ("timestamp", "yesterday", None),  # PostgreSQL would read it against the clock
    ("timestamp", "infinity", None),
    ("date", "2026-11-23", date(2026, 11, 23)),
    ("date", "2026-11-23T23:30:00-02:00", date(2026, 11, 24)),  # the UTC date
    ("date", "2026-11-31", None),
]


def normalised(logical_type: str, text: str | None) -> Value | str:
    """An engine's value, cast to text, as the Python value it stands for
    (the text itself when it stands for none, such as 'infinity')."""
    if text is None:
        return None
    try:
        return _value(logical_type, text.strip())
    except (ArithmeticError, KeyError, ValueError):
        return text


def _value(logical_type: str, text: str) -> Value:
    if logical_type in ("integer", "numeric"):
        return Decimal(text).normalize()
    if logical_type == "boolean":
        return {"true": True, "false": False}[text.lower()]
    if logical_type == "timestamp":
        return datetime.fromisoformat(text)
    return datetime.fromisoformat(text).date() if len(text) > 10 else date.fromisoformat(text)


def expected(value: Value) -> Value:
    return value.normalize() if isinstance(value, Decimal) else value


def parse_query(parse, string_type: str) -> str:
    """A select of every case: its number and the parsed value as text;
    `parse(sql_literal, logical_type)` writes the parse expression."""
    selects = []
    for number, (logical_type, text, _) in enumerate(PARSE_CASES):
        literal = "'" + text.replace("'", "''") + "'"
        selects.append(
            f"select {number} as case_number, "
            f"cast({parse(literal, logical_type)} as {string_type}) as parsed"
        )
    return "\nunion all\n".join(selects)


def differences(parsed_by_case: dict[int, str | None]) -> list[tuple[str, str, Value, object]]:
    """(type, landed text, expected, got) for every case parsed otherwise."""
    wrong = []
    for number, (logical_type, text, value) in enumerate(PARSE_CASES):
        got = normalised(logical_type, parsed_by_case[number])
        if got != expected(value):
            wrong.append((logical_type, text, expected(value), got))
    return wrong
