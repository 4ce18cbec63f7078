"""Land raw data and build the warehouse: the steps `revops build` and `revops demo` run."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import duckdb

from revops.config import Settings
from revops.dbt import BuildResult, require_success, run_dbt
from revops.landing import LandingError, LandingReport, attach_landing_folder

DEMO_SEEDS = "path:seeds/raw"


def land_demo_seeds(settings: Settings, target: str | None = None) -> BuildResult:
    """Load the committed demo raw data (dbt seeds) into the raw_<system> schemas."""
    return require_success(run_dbt(settings, ["seed", "--select", DEMO_SEEDS], target))


def land_folder(settings: Settings, raw_dir: Path, target: str | None = None) -> LandingReport:
    """Make a landing folder's files visible as raw_<system>.<table> views (DuckDB)."""
    require_landing_target(settings, target)
    settings.duckdb_path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(settings.duckdb_path)) as con:
        return attach_landing_folder(con, raw_dir.resolve())


def require_landing_target(settings: Settings, target: str | None) -> None:
    """A landing folder becomes views in the DuckDB file: another engine's build
    would never read them, so landing for it is refused rather than ignored."""
    from revops.warehouse import read_target

    kind = read_target(settings, target).type
    if kind != "duckdb":
        raise LandingError(
            f"--raw-dir lands files as views in the DuckDB warehouse, which a {kind} "
            f"target does not read. On {kind}, load the raw_<system> schemas with your "
            "loader (README: Pointing it at real landed data) and run without --raw-dir."
        )


def build_warehouse(
    settings: Settings,
    target: str | None = None,
    full_refresh: bool = False,
    select: str | None = None,
    unit_tests: bool = True,
) -> BuildResult:
    """`dbt build` of everything but the demo landing: seeds, models, data tests and,
    unless told otherwise, unit tests.

    Unit tests mock raw inputs as text, as the demo lands them; a production build
    over typed landed tables skips them (they test logic, not data).
    """
    return require_success(
        run_dbt(settings, _build_args(target, full_refresh, select, unit_tests), target)
    )


def stage_gate_models(
    settings: Settings, target: str | None = None, full_refresh: bool = False
) -> BuildResult:
    """`dbt build` of what the quality gate judges before the marts are built: the
    quarantine of every raw table and its rule outcomes (revops.pipeline.GATE_MODELS)."""
    from revops.pipeline import GATE_MODELS

    args = _build_args(target, full_refresh, GATE_MODELS, False)
    # only tests whose every parent is a gate model: a test that also reads a
    # staging model (every row accounted for) runs with the rest of the build
    return require_success(run_dbt(settings, [*args, "--indirect-selection", "cautious"], target))


def _build_args(
    target: str | None,
    full_refresh: bool,
    select: str | None,
    unit_tests: bool,
) -> list[str]:
    args = ["build", "--exclude", DEMO_SEEDS]
    if not unit_tests:
        args += ["test_type:unit"]
    if select:
        args += ["--select", select]
    if full_refresh:
        args.append("--full-refresh")
    return args


# --- a build that heals itself -------------------------------------------------
#
# Incremental models keep what earlier runs staged. Two changes leave them
# wrong: landed rows that vanish (a re-sync, a trial account replaced by
# production: the row accounting test then fails run after run) and a change
# to what they are built from (a mapping seed, their own SQL, a var). The
# weekly run notices both and rebuilds from scratch the incremental models
# concerned and everything built on them.


def state_dir(settings: Settings) -> Path:
    """The manifest of the last successful weekly build (dbt's `--state`)."""
    return settings.output_dir / "state"


def _target_path(settings: Settings) -> Path:
    return Path(os.environ.get("DBT_TARGET_PATH") or settings.project_dir / "target")


def _manifest_nodes(path: Path) -> dict[str, dict]:
    if not path.exists():
        return {}
    return json.loads(path.read_text()).get("nodes", {})


def _is_incremental(node: dict) -> bool:
    return node.get("resource_type") == "model" and (
        node.get("config", {}).get("materialized") == "incremental"
    )


def changed_incremental_models(settings: Settings, target: str | None = None) -> list[str]:
    """Incremental models whose inputs changed since the last successful weekly
    build (a seed's contents, their SQL or a macro or var they read)."""
    state = state_dir(settings)
    if not (state / "manifest.json").exists():
        return []
    selector = "state:modified+,config.materialized:incremental"
    args = ["ls", "--resource-type", "model", "--select", selector, "--state", str(state)]
    listed = run_dbt(settings, [*args, "--output", "name", "--quiet"], target)
    return sorted(set(listed.listed))


def incremental_models_behind(result: BuildResult, settings: Settings) -> list[str]:
    """The incremental models the failing data tests read; empty when any failure
    (a model error, a test on other models only) has another cause."""
    nodes = _manifest_nodes(_target_path(settings) / "manifest.json")
    if len(result.failures) != len(result.failed_tests):
        return []
    names: set[str] = set()
    for parents in result.failed_tests.values():
        incremental = {nodes[p]["name"] for p in parents if _is_incremental(nodes.get(p, {}))}
        if not incremental:
            return []
        names |= incremental
    return sorted(names)


def save_state(settings: Settings) -> None:
    manifest = _target_path(settings) / "manifest.json"
    state = state_dir(settings)
    state.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(manifest, state / "manifest.json")


def rebuild_from_scratch(
    settings: Settings, models: list[str], target: str | None = None
) -> BuildResult:
    """`dbt build --full-refresh` of the models and everything built on them."""
    return build_warehouse(
        settings, target, True, " ".join(f"{name}+" for name in models), unit_tests=False
    )


def build_and_heal(
    settings: Settings,
    target: str | None,
    full_refresh: bool,
    notes: list[str],
) -> BuildResult:
    """The weekly build: rebuild what changed under the incremental models, build,
    and when a data test fails on an incremental model, rebuild that model and
    its descendants from scratch once. `notes` receives a sentence per rebuild."""
    if not full_refresh:
        changed = changed_incremental_models(settings, target)
        if changed:
            rebuild_from_scratch(settings, changed, target)
            notes.append(
                f"rebuilt {', '.join(changed)} from scratch: what they are built from "
                "(a mapping seed, their SQL or a var) changed since the last weekly run"
            )
    result = run_dbt(settings, _build_args(target, full_refresh, None, False), target)
    if not result.success and not full_refresh:
        behind = incremental_models_behind(result, settings)
        if behind:
            notes.append(
                f"rebuilt {', '.join(behind)} and what is built on them from scratch: "
                "their data tests failed on rows kept from earlier runs (landed rows that "
                "vanished, a re-sync); `revops weekly --full-refresh` rebuilds everything"
            )
            # every node the failed build skipped is built on these models
            result = rebuild_from_scratch(settings, behind, target)
    require_success(result)
    save_state(settings)
    return result
