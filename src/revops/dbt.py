"""Running dbt in-process, and turning its failures into plain sentences."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from revops.config import Settings
from revops.errors import RevopsError


class BuildError(RevopsError):
    """dbt could not build; the message says what and where, for a person."""


@dataclass
class BuildResult:
    command: str
    success: bool
    counts: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    # unique ids of the failing or erroring data tests, and of their parents
    failed_tests: dict[str, list[str]] = field(default_factory=dict)
    # what `dbt ls` listed
    listed: list[str] = field(default_factory=list)


def _environment(settings: Settings) -> None:
    os.environ.setdefault("DBT_PROFILES_DIR", str(settings.project_dir))
    os.environ.setdefault("REVOPS_DUCKDB_PATH", str(settings.duckdb_path))
    settings.duckdb_path.parent.mkdir(parents=True, exist_ok=True)
    (settings.duckdb_path.parent / "tmp").mkdir(parents=True, exist_ok=True)


def run_dbt(settings: Settings, args: Sequence[str], target: str | None = None) -> BuildResult:
    """Invoke dbt with `args` in the project directory; never raises for data problems."""
    from dbt.cli.main import dbtRunner  # imported late: dbt is slow to import

    _environment(settings)
    full_args = [*args, "--project-dir", str(settings.project_dir)]
    if target:
        full_args += ["--target", target]
    previous = Path.cwd()
    os.chdir(settings.project_dir)
    try:
        outcome = dbtRunner().invoke(full_args)
    finally:
        os.chdir(previous)
        _release_duckdb()
    result = BuildResult(command=" ".join(args), success=bool(outcome.success))
    if outcome.exception is not None:
        result.failures.append(_first_lines(str(outcome.exception)))
    if isinstance(outcome.result, list):
        result.listed = [str(item) for item in outcome.result]
        return result
    for node_result in getattr(outcome.result, "results", None) or []:
        status = str(node_result.status)
        result.counts[status] = result.counts.get(status, 0) + 1
        if status in {"error", "fail", "runtime error"}:
            message = f"{node_result.node.name}: {_first_lines(node_result.message)}"
            relation = getattr(node_result.node, "relation_name", None)
            sample = _stored_failures(settings, relation, target)
            result.failures.append(message + (f"; failing rows: {sample}" if sample else ""))
            node = node_result.node
            if getattr(node, "resource_type", None) == "test":
                result.failed_tests[node.unique_id] = list(node.depends_on.nodes)
    return result


def _release_duckdb() -> None:
    """Close the DuckDB database dbt-duckdb keeps open for the process, so the
    same run can read the warehouse afterwards (the weekly export opens it
    read-only, which DuckDB refuses while a writable handle is open)."""
    try:
        from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    except ImportError:
        return
    with DuckDBConnectionManager._LOCK:
        environment = DuckDBConnectionManager._ENV
        DuckDBConnectionManager._ENV = None
        if environment is not None:
            environment.close()


def _stored_failures(
    settings: Settings, relation_name: str | None, target: str | None = None, limit: int = 5
) -> str:
    """A few rows a failing test stored (tests configured with store_failures),
    read from the target's warehouse; nothing when it cannot be read."""
    if not relation_name:
        return ""
    from revops.warehouse import WarehouseError, open_warehouse

    try:
        with open_warehouse(settings, target) as warehouse:
            rows = warehouse.rows(f"select * from {relation_name} limit {limit}")
    except WarehouseError:
        return ""
    return "; ".join(", ".join(f"{name}={value!r}" for name, value in row.items()) for row in rows)


def _first_lines(text: str | None, limit: int = 6) -> str:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return " ".join(lines[:limit])


def require_success(result: BuildResult) -> BuildResult:
    if not result.success:
        detail = "\n  - ".join(result.failures) or "see the dbt log above"
        raise BuildError(f"`dbt {result.command}` did not succeed:\n  - {detail}")
    return result
