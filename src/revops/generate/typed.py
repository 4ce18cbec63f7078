"""A typed landing: every column in its logical type's physical type.

`revops generate --typed` lands the same data as the text landing, shaped
like a loader's warehouse tables: each column cast to
raw_contract.TYPED_LANDING_TYPES of its logical type. A rendered text value is
read by the same grammar staging applies to text (revops.quality.parsing, the
DuckDB form of macros/parsing/parse_value.sql), so a timestamp landed as
'2026-01-05T10:00:00+02:00' becomes the UTC instant 2026-01-05 08:00:00 and a
blank boolean becomes null. A non-blank value the grammar cannot read would
be lost in a typed column, so it stops the generator instead.
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


def typed_expression(column: RawColumn, landed: pa.DataType) -> str:
    """The SQL turning a generated column into its typed form: text through
    the grammar; a number the generator already wrote as a number kept as is."""
    from revops.quality.parsing import parsed

    name = _quote(column.name)
    physical = TYPED_LANDING_TYPES[column.logical_type]
    written_as_number = pa.types.is_integer(landed) or pa.types.is_floating(landed)
    if column.logical_type == "text" or (
        column.logical_type in ("integer", "numeric") and written_as_number
    ):
        return f"cast({name} as {physical})"
    return f"cast({parsed(name, column.logical_type)} as {physical})"


def _unreadable_counts(table: RawTable) -> str:
    from revops.quality.parsing import parsed, text

    return ", ".join(
        f"count(*) filter (where {text(_quote(c.name))} is not null "
        f"and {parsed(_quote(c.name), c.logical_type)} is null)"
        for c in table.columns
        if c.logical_type != "text"
    )


def typed_chunk(con: duckdb.DuckDBPyConnection, table: RawTable, chunk: pa.Table) -> pa.Table:
    """One chunk of a generated table with every column typed."""
    con.register("chunk", chunk)
    try:
        counts = _unreadable_counts(table)
        if counts:
            found = con.execute(f"select {counts} from chunk").fetchall()[0]
            typed_columns = [c for c in table.columns if c.logical_type != "text"]
            bad = [f"{c.name} ({n})" for c, n in zip(typed_columns, found, strict=True) if n]
            if bad:
                raise TypingError(
                    f"{table.key}: generated values that do not parse as their logical type: "
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
