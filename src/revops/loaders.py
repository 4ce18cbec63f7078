"""Loader profiles: how each loader names the tables and columns of the raw contract.

A profile (loaders/<name>.yml) maps the contract (the sources .yml under
models/staging) onto what a loader lands: table names per system, a column
naming rule (`column_case: pascal`, `column_prefix`), per-table column names,
and the loader's sync and deletion markers. For every contract column this
module lists the landed names to try, best first: the profile's own, the
contract's name, then the contract's aliases (Fivetran's other spellings).
The landing check and the generated `loader_profiles()` macro (read by
staging) both read that list, so a mapping is declared once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from revops.config import project_root
from revops.errors import RevopsError
from revops.raw_contract import RawColumn, RawTable, generated_macro, raw_tables

DEFAULT_LOADER = "fivetran"
LOADERS_DIR = Path("loaders")
SYNC_COLUMN = "_fivetran_synced"
DELETED_COLUMN = "_fivetran_deleted"


class LoaderProfileError(RevopsError):
    """A loader profile is unknown or malformed."""


@dataclass(frozen=True)
class LandedName:
    """One landed column that can carry a contract column.

    `present`: the column holds a value (a deletion time) whose presence
    means true, such as Airbyte's `_ab_cdc_deleted_at`.
    """

    name: str
    present: bool = False


@dataclass(frozen=True)
class LoaderProfile:
    name: str
    description: str = ""
    sync_columns: tuple[str, ...] = ()
    deleted_columns: tuple[LandedName, ...] = ()
    systems: dict = field(default_factory=dict)

    def _system(self, table: RawTable) -> dict:
        return self.systems.get(table.system) or {}

    def table_name(self, table: RawTable) -> str:
        """The name the loader gives the contract table (file or relation name)."""
        return str((self._system(table).get("tables") or {}).get(table.table, table.table))

    def candidates(self, table: RawTable, column: RawColumn) -> tuple[LandedName, ...]:
        """Landed names for a contract column, best first, without repeats."""
        system = self._system(table)
        overrides = ((system.get("columns") or {}).get(table.table) or {}).get(column.name)
        names: list[LandedName] = _landed_names(overrides)
        if column.name == SYNC_COLUMN:
            names += [LandedName(name) for name in self.sync_columns]
        elif column.name == DELETED_COLUMN:
            names += list(self.deleted_columns)
        renamed = _renamed(column.name, system)
        if renamed:
            names.append(LandedName(renamed))
        names.append(LandedName(column.name))
        names += [LandedName(alias.name) for alias in column.aliases]
        unique: dict[str, LandedName] = {}
        for name in names:
            unique.setdefault(name.name.lower(), name)
        return tuple(unique.values())


def _landed_names(value: object) -> list[LandedName]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, dict):
            names.append(LandedName(str(item["name"]), item.get("deleted_when") == "present"))
        else:
            names.append(LandedName(str(item)))
    return names


def _renamed(name: str, system: dict) -> str | None:
    """The system's naming rule applied to a contract name (markers keep theirs)."""
    if name.startswith("_"):
        return None
    if system.get("column_case") == "pascal":
        return "".join(part.capitalize() for part in name.split("_"))
    for prefix, replacement in (system.get("column_prefix") or {}).items():
        if name.startswith(prefix):
            return replacement + name[len(prefix) :]
    return None


def loader_names(root: Path | None = None) -> list[str]:
    return sorted(path.stem for path in ((root or project_root()) / LOADERS_DIR).glob("*.yml"))


@cache
def load_profile(name: str = DEFAULT_LOADER, root: Path | None = None) -> LoaderProfile:
    path = (root or project_root()) / LOADERS_DIR / f"{name}.yml"
    if not path.exists():
        known = ", ".join(loader_names(root))
        raise LoaderProfileError(
            f"There is no loader profile {name!r} ({path}); known loaders: {known}. "
            f"Add loaders/{name}.yml (see README, Loader profiles)."
        )
    document = yaml.safe_load(path.read_text()) or {}
    systems = document.get("systems") or {}
    declared = {table.system for table in raw_tables(root)}
    unknown = sorted(set(systems) - declared)
    if unknown:
        raise LoaderProfileError(f"{path}: unknown system(s) {', '.join(unknown)}")
    return LoaderProfile(
        name=name,
        description=str(document.get("description", "")),
        sync_columns=tuple(str(name) for name in document.get("sync_columns") or ()),
        deleted_columns=tuple(_landed_names(document.get("deleted_columns") or [])),
        systems=systems,
    )


@dataclass(frozen=True)
class Resolved:
    """The landed columns that carry one contract column (empty: it did not land)."""

    column: RawColumn
    landed: tuple[LandedName, ...]


def resolve(profile: LoaderProfile, table: RawTable, landed_columns: list[str]) -> list[Resolved]:
    """For each contract column, the landed column(s) that carry it.

    `landed_columns` are the relation's or file's column names as landed;
    names match case-insensitively and the landed spelling is returned.
    """
    by_lower = {name.lower(): name for name in landed_columns}
    resolved = []
    for column in table.columns:
        found = tuple(
            LandedName(by_lower[candidate.name.lower()], candidate.present)
            for candidate in profile.candidates(table, column)
            if candidate.name.lower() in by_lower
        )
        resolved.append(Resolved(column, found if column.combine == "any" else found[:1]))
    return resolved


LOADER_MACRO = Path("macros") / "staging" / "loader_profiles.sql"


def loader_macro_text(root: Path | None = None) -> str:
    """Every profile's table names and candidate columns as a Jinja macro."""
    profiles: dict[str, dict] = {}
    for name in loader_names(root):
        profile = load_profile(name, root)
        systems: dict[str, dict] = {}
        for table in raw_tables(root):
            columns = {
                column.name: [[c.name, c.present] for c in profile.candidates(table, column)]
                for column in table.columns
            }
            systems.setdefault(table.system, {})[table.table] = {
                "identifier": profile.table_name(table),
                # a column that lands under its own name only is left out
                "columns": {
                    name: names for name, names in columns.items() if names != [[name, False]]
                },
                "combine_any": [c.name for c in table.columns if c.combine == "any"],
            }
        profiles[name] = systems
    return generated_macro(
        "loader_profiles",
        "loaders/*.yml and models/staging/*/_*__sources.yml",
        "python -m revops.loaders",
        "Per loader, system and table: the relation name the loader gives the\n"
        "    table and, per contract column, the landed names to try, best first\n"
        "    ([name, present]: present = a value whose presence means true).",
        profiles,
    )


def write_loader_macro(root: Path | None = None) -> Path:
    path = (root or project_root()) / LOADER_MACRO
    path.write_text(loader_macro_text(root))
    return path


if __name__ == "__main__":
    print(write_loader_macro())
