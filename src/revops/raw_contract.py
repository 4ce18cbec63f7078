"""The contract of what lands, read from the dbt sources declarations.

The sources .yml files under models/staging are the single definition of
every raw system, table and column (with its logical type and whether it is
optional). The generator, the landing checks and the tests all read it here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from revops.config import project_root

LOGICAL_TYPES = ("text", "integer", "numeric", "boolean", "timestamp", "date")

# The physical (DuckDB) type of each logical type in a typed landing, shaped
# like a loader's warehouse tables (`revops generate --typed`): numbers as a
# loader types them (whole numbers bigint, amounts double), timestamps in UTC
# without a zone. Staging casts such columns instead of parsing them.
TYPED_LANDING_TYPES = {
    "text": "varchar",
    "integer": "bigint",
    "numeric": "double",
    "boolean": "boolean",
    "timestamp": "timestamp",
    "date": "date",
}

# Row-level rules a column may declare in `config.meta.quarantine`; a failing
# landed row is quarantined (left out of staging, kept in quarantine_*).
QUARANTINE_RULES = (
    "non_negative",
    "known_stage",
    "known_currency",
    "references",
    "between",
    "not_before",
)


@dataclass(frozen=True)
class Alias:
    """Another name a loader lands a column under, and where that is documented."""

    name: str
    source: str = ""


@dataclass(frozen=True)
class RawColumn:
    name: str
    logical_type: str
    optional: bool
    # normalised rules: {"rule": "references", "table": "account", "column": "id"}, ...
    quarantine: tuple[dict, ...] = ()
    # a picklist: its values are mapped in seeds/reference/picklist_mapping.csv,
    # which staging joins and the quality gate checks against (as a warning)
    picklist: bool = False
    # dates that may legitimately lie after the data's as-of instant (close dates, period ends)
    future_ok: bool = False
    # other landed spellings, tried after the column's own name (meta.aliases)
    aliases: tuple[Alias, ...] = ()
    # `any`: a boolean true when any landed spelling is (deletion flags that
    # Fivetran lands as is_deleted, _fivetran_deleted or both)
    combine: str = "first"
    # another raw table and column some loaders land this column's values in
    # instead ("domain_name.domain_name"; meta.landed_as): both are read
    landed_as: str = ""


@dataclass(frozen=True)
class RawTable:
    system: str
    table: str
    columns: tuple[RawColumn, ...]
    # the natural key: a landed row with a blank key column is quarantined
    key_columns: tuple[str, ...] = ("id",)
    # how fresh the table must be for a week: its latest load at most this many
    # days before the week end (0: a load at or after the week end); None: no
    # expectation (a table that rarely changes, such as products)
    stale_after_days: int | None = 0
    # an optional table (`config.meta.optional`) may not land at all: staging
    # then reads it as empty, and the landing check and the gate report it
    optional: bool = False
    # where the table's shape is documented, for a table only some loaders land
    source: str = ""

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    @property
    def required_columns(self) -> list[str]:
        return [column.name for column in self.columns if not column.optional]

    @property
    def key(self) -> str:
        return f"{self.system}.{self.table}"

    def column(self, name: str) -> RawColumn:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.key} declares no column {name}")


@cache
def raw_tables(root: Path | None = None) -> tuple[RawTable, ...]:
    """Every declared raw table, in declaration order."""
    root = root or project_root()
    tables: list[RawTable] = []
    for path in sorted((root / "models" / "staging").glob("*/_*__sources.yml")):
        document = yaml.safe_load(path.read_text())
        for source in document.get("sources", []):
            for table in source.get("tables", []):
                columns = tuple(_raw_column(column) for column in table.get("columns", []))
                meta = (table.get("config") or {}).get("meta", {})
                key = tuple(meta.get("key", ["id"]))
                stale_after = meta.get("stale_after_days", 0)
                tables.append(
                    RawTable(
                        source["name"],
                        table["name"],
                        columns,
                        key,
                        None if stale_after is None else int(stale_after),
                        optional=bool(meta.get("optional", False)),
                        source=str(meta.get("source", "")),
                    )
                )
    return tuple(tables)


def _raw_column(column: dict) -> RawColumn:
    meta = (column.get("config") or {}).get("meta", {})
    return RawColumn(
        name=column["name"],
        logical_type=column.get("data_type", "text"),
        optional=bool(meta.get("optional", False)),
        quarantine=tuple(
            _quarantine_rule(rule, column["name"]) for rule in meta.get("quarantine", [])
        ),
        picklist=bool(meta.get("picklist", False)),
        future_ok=bool(meta.get("future_ok", False)),
        aliases=tuple(
            Alias(str(alias["name"]), str(alias.get("source", "")))
            for alias in meta.get("aliases", [])
        ),
        combine=_combine(meta.get("combine", "first"), column["name"]),
        landed_as=str(meta.get("landed_as", "")),
    )


def _combine(value: str, column: str) -> str:
    if value not in ("first", "any"):
        raise ValueError(f"column {column}: combine must be first or any, not {value!r}")
    return value


def _quarantine_rule(rule: str | dict, column: str) -> dict:
    """A rule as declared: `non_negative`, `known_stage`, `known_currency`,
    `{references: table.column}`, `{between: [lo, hi]}` or `{not_before: col}`."""
    if isinstance(rule, str):
        name, argument = rule, None
    else:
        ((name, argument),) = rule.items()
    if name not in QUARANTINE_RULES:
        raise ValueError(f"column {column}: unknown quarantine rule {name!r}")
    if name == "references":
        table, _, parent_column = str(argument).partition(".")
        return {"rule": name, "table": table, "column": parent_column or "id"}
    if name == "between":
        low, high = argument
        return {"rule": name, "min": low, "max": high}
    if name == "not_before":
        return {"rule": name, "column": argument}
    return {"rule": name}


def raw_table(system: str, table: str) -> RawTable:
    for candidate in raw_tables():
        if candidate.system == system and candidate.table == table:
            return candidate
    raise KeyError(f"{system}.{table} is not a declared raw table")


def systems() -> list[str]:
    seen: dict[str, None] = {}
    for table in raw_tables():
        seen.setdefault(table.system, None)
    return list(seen)


CONTRACT_MACRO = Path("macros") / "staging" / "raw_contract.sql"


def contract_macro_text() -> str:
    """The raw contract as a Jinja macro, for dbt contexts without the graph (unit tests)."""
    contract: dict[str, dict[str, dict[str, object]]] = {}
    for table in raw_tables():
        contract.setdefault(table.system, {})[table.table] = {
            "key": list(table.key_columns),
            "stale_after_days": table.stale_after_days,
            "optional": table.optional,
            "columns": [
                [column.name, column.logical_type, column.optional, list(column.quarantine)]
                for column in table.columns
            ],
            # dates that may lie after the data's as-of instant (a planned close date)
            "future_ok": [column.name for column in table.columns if column.future_ok],
            # values mapped in seeds/reference/picklist_mapping.csv
            "picklists": [column.name for column in table.columns if column.picklist],
        }
    return generated_macro(
        "raw_contract",
        "models/staging/*/_*__sources.yml",
        "python -m revops.raw_contract",
        "dbt unit tests run without the sources graph, and the quarantine rules\n"
        "    must register their refs at parse time, so the macros read the contract\n"
        "    from here; a pytest keeps the two in step.",
        contract,
    )


def generated_macro(name: str, sources: str, command: str, about: str, value: object) -> str:
    """A dbt macro returning `value` (a Python literal as Jinja reads it), with
    the header that says where it comes from and not to edit it."""
    body = repr(value).replace("True", "true").replace("False", "false").replace("None", "none")
    return (
        f"{{#- Generated from {sources} by `{command}`; do not edit.\n"
        f"    {about} -#}}\n"
        f"{{% macro {name}() -%}}\n"
        f"    {{{{ return({body}) }}}}\n"
        "{%- endmacro %}\n"
    )


def write_contract_macro(root: Path | None = None) -> Path:
    path = (root or project_root()) / CONTRACT_MACRO
    path.write_text(contract_macro_text())
    return path


if __name__ == "__main__":
    print(write_contract_macro())
