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


@dataclass(frozen=True)
class RawColumn:
    name: str
    logical_type: str
    optional: bool


@dataclass(frozen=True)
class RawTable:
    system: str
    table: str
    columns: tuple[RawColumn, ...]

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    @property
    def required_columns(self) -> list[str]:
        return [column.name for column in self.columns if not column.optional]

    @property
    def key(self) -> str:
        return f"{self.system}.{self.table}"


@cache
def raw_tables(root: Path | None = None) -> tuple[RawTable, ...]:
    """Every declared raw table, in declaration order."""
    root = root or project_root()
    tables: list[RawTable] = []
    for path in sorted((root / "models" / "staging").glob("*/_*__sources.yml")):
        document = yaml.safe_load(path.read_text())
        for source in document.get("sources", []):
            for table in source.get("tables", []):
                columns = tuple(
                    RawColumn(
                        name=column["name"],
                        logical_type=column.get("data_type", "text"),
                        optional=bool(
                            (column.get("config") or {}).get("meta", {}).get("optional", False)
                        ),
                    )
                    for column in table.get("columns", [])
                )
                tables.append(RawTable(source["name"], table["name"], columns))
    return tuple(tables)


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
    contract: dict[str, dict[str, list[list[object]]]] = {}
    for table in raw_tables():
        contract.setdefault(table.system, {})[table.table] = [
            [column.name, column.logical_type, column.optional] for column in table.columns
        ]
    body = repr(contract).replace("True", "true").replace("False", "false")
    return (
        "{#- Generated from models/staging/*/_*__sources.yml by "
        "`python -m revops.raw_contract`; do not edit.\n"
        "    dbt unit tests run without the sources graph, so select_landed_columns\n"
        "    reads the contract from here there; a pytest keeps the two in step. -#}\n"
        "{% macro raw_contract() -%}\n"
        f"    {{{{ return({body}) }}}}\n"
        "{%- endmacro %}\n"
    )


def write_contract_macro(root: Path | None = None) -> Path:
    path = (root or project_root()) / CONTRACT_MACRO
    path.write_text(contract_macro_text())
    return path


if __name__ == "__main__":
    print(write_contract_macro())
