"""Read the built warehouse of a dbt target through that engine's own driver.

Everything after `dbt build` (the scorecard, the freshness step, a failing
test's stored rows) reads here, so a run on PostgreSQL publishes from
PostgreSQL. The target's settings are profiles.yml's, rendered by dbt's own
profile renderer: `env_var()` and its defaults live only in profiles.yml.
Queries are written once with `?` parameters and adapted to each driver.
Drivers are imported inside functions (the command line stays light).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from revops.config import Settings
from revops.errors import RevopsError

PROFILE_NAME = "revops"
# psycopg2 keywords a dbt-postgres profile may set, beyond host/port/user/password/dbname.
POSTGRES_OPTIONAL = ("sslmode", "sslcert", "sslkey", "sslrootcert", "connect_timeout")


class WarehouseError(RevopsError):
    """The target's warehouse cannot be reached or read; the message says which and why."""


@dataclass(frozen=True)
class Target:
    """One output of profiles.yml, rendered as dbt renders it (secrets included:
    never print `config`)."""

    name: str
    type: str
    config: dict[str, Any] = field(repr=False)


def read_target(settings: Settings, target: str | None = None) -> Target:
    """The named target (default: the profile's own `target:`) rendered by dbt.

    A DuckDB target is rendered with REVOPS_DUCKDB_PATH set to settings.duckdb_path,
    as `revops` runs dbt (revops.dbt), so both open the same file."""
    from dbt.config.profile import read_profile  # imported late: dbt is slow to import
    from dbt.config.renderer import ProfileRenderer
    from dbt_common.context import set_invocation_context

    profiles_dir = os.environ.get("DBT_PROFILES_DIR", str(settings.project_dir))
    profile = read_profile(profiles_dir).get(PROFILE_NAME) or {}
    set_invocation_context({**os.environ, "REVOPS_DUCKDB_PATH": str(settings.duckdb_path)})
    renderer = ProfileRenderer({})
    name = str(target or renderer.render_value(profile.get("target", "dev")))
    outputs = profile.get("outputs") or {}
    if name not in outputs:
        raise WarehouseError(
            f"profiles.yml ({profiles_dir}) has no target '{name}' in profile "
            f"'{PROFILE_NAME}': choose one of {', '.join(sorted(outputs)) or 'none'}."
        )
    config = renderer.render_data(outputs[name])
    return Target(name, str(config.get("type", "unknown")), config)


class Warehouse:
    """An open, read-only connection to one target's warehouse."""

    def __init__(self, target: Target, connection: Any, label: str, errors: tuple) -> None:
        self.target = target
        self.label = label  # names the warehouse in messages (no password)
        self._connection = connection
        self._errors = errors

    @classmethod
    def around_duckdb(cls, connection: Any, label: str) -> Warehouse:
        """An open DuckDB session seen as a warehouse (the BI snapshot's, which
        attaches the file itself); the caller keeps closing it."""
        import duckdb

        return cls(Target("duckdb", "duckdb", {}), connection, label, (duckdb.Error,))

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """The query's rows as {column: value}; `?` marks each parameter."""
        statement, values = self._adapt(sql, params)
        # A DuckDB cursor is a fresh session (it would lose a `use`): DuckDB
        # executes on the connection itself, psycopg2 needs a cursor.
        postgres = self.target.type == "postgres"
        cursor = self._connection.cursor() if postgres else self._connection
        try:
            cursor.execute(statement, values)
            names = [column[0] for column in cursor.description or ()]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        except self._errors as error:
            raise WarehouseError(
                f"Reading {self.label} failed: {_first_line(error)} (query: {sql[:200]})"
            ) from None
        finally:
            if postgres:
                cursor.close()

    def exists(self, schema: str, name: str) -> bool:
        """Whether the relation dbt names schema.name (with REVOPS_SCHEMA_PREFIX) exists."""
        prefixed = os.environ.get("REVOPS_SCHEMA_PREFIX", "") + schema
        found = self.rows(
            "select count(*) as relations from information_schema.tables "
            "where table_schema = ? and table_name = ?",
            [prefixed, name],
        )
        return bool(found[0]["relations"])

    def _adapt(self, sql: str, params: Sequence[Any]) -> tuple[str, Any]:
        if self.target.type != "postgres":
            return sql, list(params)
        if not params:
            return sql, None  # psycopg2 reads % as a placeholder only with parameters
        return sql.replace("%", "%%").replace("?", "%s"), tuple(params)

    def close(self) -> None:
        self._connection.close()


def readable_target(settings: Settings, target: str | None = None) -> Target:
    """The target, when revops can read its warehouse after dbt; else a
    WarehouseError saying so (the weekly run asks before it builds anything)."""
    resolved = read_target(settings, target)
    if resolved.type not in _OPENERS:
        raise WarehouseError(
            f"revops cannot read a {resolved.type} warehouse yet (target '{resolved.name}'): "
            "the scorecard and the freshness check read DuckDB and PostgreSQL targets only. "
            f"Build on {resolved.type} with `revops build --target {resolved.name}` (or dbt), "
            "and publish the scorecard from a DuckDB or PostgreSQL target."
        )
    return resolved


@contextmanager
def open_warehouse(settings: Settings, target: str | None = None) -> Iterator[Warehouse]:
    """The target's warehouse, open for reading until the block ends."""
    resolved = readable_target(settings, target)
    warehouse = _OPENERS[resolved.type](settings, resolved)
    try:
        yield warehouse
    finally:
        warehouse.close()


def duckdb_file(settings: Settings, target: Target) -> Path:
    """The DuckDB file of a duckdb target, relative paths from the project (dbt's cwd)."""
    path = Path(str(target.config.get("path", settings.duckdb_path)))
    return path if path.is_absolute() else settings.project_dir / path


def _open_duckdb(settings: Settings, target: Target) -> Warehouse:
    import duckdb

    path = duckdb_file(settings, target)
    if not path.exists():
        raise WarehouseError(
            f"There is no warehouse at {path}. Build it first with "
            "`revops weekly --raw-dir DIR` (or `revops demo` for the demo data)."
        )
    try:
        connection = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as error:
        raise WarehouseError(
            f"The warehouse {path} cannot be opened: {_first_line(error)}"
        ) from None
    return Warehouse(target, connection, str(path), (duckdb.Error,))


def _open_postgres(settings: Settings, target: Target) -> Warehouse:
    import psycopg2  # dbt-postgres's own driver

    config = target.config
    password = str(config.get("password") or config.get("pass") or "")
    label = (
        f"the PostgreSQL warehouse of target '{target.name}' "
        f"({config.get('user')}@{config.get('host')}:{config.get('port')}/{config.get('dbname')})"
    )
    if "{{" in password:  # dbt leaves a password whose env_var() is unset unrendered
        raise WarehouseError(
            f"{label} has no password: set the environment variable its profiles.yml "
            "entry reads (REVOPS_POSTGRES_PASSWORD for the `postgres` target)."
        )
    options = {key: config[key] for key in POSTGRES_OPTIONAL if config.get(key) is not None}
    options.setdefault("connect_timeout", 10)
    try:
        connection = psycopg2.connect(
            host=config.get("host"),
            port=int(config.get("port", 5432)),
            user=config.get("user"),
            password=password,
            dbname=config.get("dbname") or config.get("database"),
            application_name="revops",
            **options,
        )
        connection.set_session(readonly=True, autocommit=True)
    except psycopg2.Error as error:
        raise WarehouseError(f"{label} cannot be opened: {_first_line(error)}") from None
    return Warehouse(target, connection, label, (psycopg2.Error,))


_OPENERS = {"duckdb": _open_duckdb, "postgres": _open_postgres}


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
