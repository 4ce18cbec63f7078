"""A typed landing: every column in its logical type's physical type.

`revops generate --typed` lands the same data as the text landing, shaped
like a loader's warehouse tables: each column cast to
raw_contract.TYPED_LANDING_TYPES of its logical type. The generator reads back
only the spellings it renders itself (core.render_ts and friends: ISO
timestamps with `Z`, without a zone meaning UTC, or with an offset; ISO
dates; true/false/1/0 or blank booleans; plain numbers) with DuckDB's own
casts, so a timestamp rendered as '2026-01-05T10:00:00+02:00' lands as the
UTC instant 2026-01-05 08:00:00 and a blank boolean lands as null. This is
not the warehouse's parse grammar (macros/parsing/parse_value.sql, which
alone decides what a landed text value means): the test that builds both
landings and compares every mart proves the two read the generator alike.
A non-blank value DuckDB cannot cast would be lost in a typed column, so it
stops the generator instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import duckdb
import pyarrow as pa

from revops.raw_contract import TYPED_LANDING_TYPES, RawColumn, RawTable


class TypingError(ValueError):
    """A generated value that its column's logical type cannot hold."""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _cast_text(name: str, logical_type: str) -> str:
    """A rendered text value as its logical type (null when it does not cast)."""
    value = f"nullif(trim({name}), '')"
    if logical_type == "timestamp":
        return f"timezone('UTC', try_cast({value} as timestamptz))"
    if logical_type == "integer":
        # try_cast rounds '1.5' to 2; a whole number only
        return (
            f"case when try_cast({value} as double) = try_cast({value} as bigint) "
            f"then try_cast({value} as bigint) end"
        )
    return f"try_cast({value} as {TYPED_LANDING_TYPES[logical_type]})"


def typed_expression(column: RawColumn, landed: pa.DataType) -> str:
    """The SQL turning a generated column into its typed form: text through
    DuckDB's casts; a number the generator already wrote as a number kept."""
    name = _quote(column.name)
    physical = TYPED_LANDING_TYPES[column.logical_type]
    written_as_number = pa.types.is_integer(landed) or pa.types.is_floating(landed)
    if column.logical_type == "text" or (
        column.logical_type in ("integer", "numeric") and written_as_number
    ):
        return f"cast({name} as {physical})"
    return f"cast({_cast_text(f'cast({name} as varchar)', column.logical_type)} as {physical})"


def _unreadable_counts(table: RawTable, chunk: pa.Table) -> str:
    return ", ".join(
        f"count(*) filter (where nullif(trim(cast({_quote(c.name)} as varchar)), '') is not null "
        f"and {typed_expression(c, chunk.schema.field(c.name).type)} is null)"
        for c in table.columns
        if c.logical_type != "text"
    )


def typed_chunk(con: duckdb.DuckDBPyConnection, table: RawTable, chunk: pa.Table) -> pa.Table:
    """One chunk of a generated table with every column typed."""
    con.register("chunk", chunk)
    try:
        counts = _unreadable_counts(table, chunk)
        if counts:
            found = con.execute(f"select {counts} from chunk").fetchall()[0]
            typed_columns = [c for c in table.columns if c.logical_type != "text"]
            bad = [f"{c.name} ({n})" for c, n in zip(typed_columns, found, strict=True) if n]
            if bad:
                raise TypingError(
                    f"{table.key}: generated values that do not cast to their logical type: "
                    + ", ".join(bad)
                )
        selected = ", ".join(
            f"{typed_expression(c, chunk.schema.field(c.name).type)} as {_quote(c.name)}"
            for c in table.columns
        )
        return con.sql(f"select {selected} from chunk").to_arrow_table()
    finally:
        con.unregister("chunk")


def typed_chunks(table: RawTable, value: pa.Table | Iterable[pa.Table]) -> Iterator[pa.Table]:
    """A generated table (or its stream of chunks), typed chunk by chunk."""
    chunks = [value] if isinstance(value, pa.Table) else value
    with duckdb.connect() as con:
        con.execute("set TimeZone = 'UTC'")
        con.execute("set preserve_insertion_order = true")
        for chunk in chunks:
            yield typed_chunk(con, table, chunk)
