"""One pipeline: the ordered steps that `revops build`, `revops demo`,
`revops check` and `revops weekly` all run.

    land -> data-quality gate -> dbt build -> mart checks
         -> scorecard export -> BI snapshot -> freshness -> delivery

A command is a Plan: which steps apply and how (a landing folder or the demo
seeds, a gate or not, a selection, unit tests, the weekly run's self-healing
build). Every step reads through the target's own connection, so the same
steps run on DuckDB and PostgreSQL. The gate runs in two parts around dbt:
what only it can see before dbt (files, columns, rows), then, once dbt has
quarantined the landed rows (the quarantine models and their rule outcomes,
built first), the verdict on those rows, before any mart is built.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console

from revops.config import Settings

# dbt's selection of what the gate judges: the quarantine of every raw table and
# its rule outcomes, with the seeds they read. Built before the rest.
GATE_MODELS = "+quarantine__rule_outcomes +quarantine__unknown_values"


@dataclass(frozen=True)
class Plan:
    """What a command runs; the steps read it to decide whether they apply."""

    command: str  # build | demo | check | weekly
    raw_dir: Path | None = None
    target: str | None = None
    full_refresh: bool = False
    select: str | None = None
    gate: bool = True
    heal: bool = False  # weekly: rebuild incremental models behind a change or a vanished row
    week: str | None = None

    @property
    def demo(self) -> bool:
        return self.command == "demo"

    @property
    def publishes(self) -> bool:
        return self.command == "weekly"

    @property
    def unit_tests(self) -> bool:
        """Unit tests mock raw inputs as the demo lands them: run with the demo data."""
        return self.raw_dir is None and self.command in ("demo", "build")

    @property
    def gates(self) -> bool:
        """The gate judges a landing folder (the demo seeds and a loader's own tables
        are not gated yet: the weekly run records "not run" for them)."""
        return self.gate and not self.demo and self.raw_dir is not None


@dataclass
class State:
    """What the steps hand on: the quality outcome, dbt's counts, the week, notes."""

    run_id: str
    quality: Any = None
    dbt_results: dict[str, int] = field(default_factory=dict)
    week: str | None = None
    export: Any = None
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)
    stale_sources: list[Any] = field(default_factory=list)


Action = Callable[[Settings, Plan, State, Console], str | None]
Perform = Callable[[str, Callable[[], str | None]], None]


@dataclass(frozen=True)
class Step:
    name: str
    applies: Callable[[Settings, Plan], bool]
    action: Action


def run_pipeline(
    settings: Settings, plan: Plan, state: State, console: Console, perform: Perform
) -> State:
    """Run every step that applies, in order; `perform` runs and reports one step."""
    for step in STEPS:
        if step.applies(settings, plan):
            perform(step.name, lambda step=step: step.action(settings, plan, state, console))
    return state


def new_state() -> State:
    from revops.quality.check import new_run_id  # the run folder's name; metrics never read it

    return State(new_run_id())


# --- the steps ---------------------------------------------------------------------


def _land(settings: Settings, plan: Plan, state: State, console: Console) -> str:
    from revops.build import land_demo_seeds, land_folder, require_landing_target

    if plan.raw_dir is None:
        land_demo_seeds(settings, plan.target)
        return "demo raw data seeded"
    require_landing_target(settings, plan.target)
    report = land_folder(settings, plan.raw_dir, plan.target)
    state.notes += [
        f"{table} did not land; it is optional and read as empty"
        for table in report.missing_optional_tables
    ]
    state.notes += [
        f"{column} did not land; it is optional and read as null"
        for column in report.missing_optional_columns
    ]
    console.print(
        f"landed {len(report.attached)} raw tables from {plan.raw_dir} (scanned in place)"
    )
    for note in state.notes:
        console.print(f"[yellow]note[/]: {note}")
    return f"{len(report.attached)} raw tables from {plan.raw_dir}"


def _gate(settings: Settings, plan: Plan, state: State, console: Console) -> str:
    """Files, columns and rows before dbt; dbt quarantines the rows; their verdict."""
    from revops.build import stage_gate_models
    from revops.quality import check_landing, check_rows, write_gate_status

    if not plan.gates:
        write_gate_status(settings, None)
        return "not run: no landing folder"
    outcome = None
    if plan.raw_dir is not None:
        outcome = check_landing(settings, plan.raw_dir, state.run_id)
    staged = stage_gate_models(settings, plan.target, plan.full_refresh)
    console.print(f"quarantine built for the gate: {_counts(staged.counts)}")
    if outcome is not None:
        outcome.run_id = state.run_id
    state.quality = check_rows(settings, outcome, plan.target)
    report_quality(console, state.quality)
    state.warnings += [f"quality gate: {f.sentence()}" for f in state.quality.warnings]
    warned = len(state.quality.warnings)
    return f"{warned} warning(s)" if warned else "passed"


def _build(settings: Settings, plan: Plan, state: State, console: Console) -> str:
    from revops.build import build_and_heal, build_warehouse

    if plan.heal:
        rebuilt: list[str] = []
        result = build_and_heal(settings, plan.target, plan.full_refresh, rebuilt)
        for note in rebuilt:
            console.print(f"[yellow]note[/]: {note}")
        state.warnings += rebuilt
    else:
        result = build_warehouse(
            settings, plan.target, plan.full_refresh, plan.select, plan.unit_tests
        )
    state.dbt_results = dict(sorted(result.counts.items()))
    console.print(f"dbt build: {result.counts}")
    if result.counts.get("warn"):
        state.warnings.append(f"dbt build: {result.counts['warn']} tests warned")
    return _counts(state.dbt_results)


def _check_marts(settings: Settings, plan: Plan, state: State, console: Console) -> str:
    from revops.quality import check_marts

    outcome = check_marts(settings, state.run_id, plan.target)
    report_quality(console, outcome)
    return f"{outcome.summary()['passed']} passed"


def _export(settings: Settings, plan: Plan, state: State, console: Console) -> str:
    from revops.scorecard.export import export_scorecard

    result = export_scorecard(settings, state.week or plan.week, plan.target)
    state.export, state.week = result, result.week
    state.outputs = {
        str(result.directory / name): digest for name, digest in sorted(result.sha256.items())
    }
    return str(result.directory)


def _snapshot(settings: Settings, plan: Plan, state: State, console: Console) -> str:
    from revops.snapshot import publish_snapshot

    summary = publish_snapshot(settings, state.week).summary()
    if plan.demo:
        console.print(f"BI snapshot: {summary}")
    return summary


def _freshness(settings: Settings, plan: Plan, state: State, console: Console) -> str:
    """Read from the built warehouse of the target (stale_sources of the week): the
    same rule the scorecard's banner shows, defined once in dbt."""
    stale, names = state.export.data.stale_sources
    state.stale_sources = [stale, names]
    if stale:
        warning = (
            f"{stale} stale source(s) for {state.week}: {names or 'unnamed'} had no load "
            "at or after the week end"
        )
        state.warnings.append(warning)
        console.print(f"[yellow]warning[/]: {warning}")
    return f"{stale} stale source(s)"


def _duckdb_target(settings: Settings, plan: Plan) -> bool:
    return settings.target_type(plan.target) == "duckdb"


STEPS: tuple[Step, ...] = (
    Step("land raw data", lambda s, plan: plan.raw_dir is not None or plan.demo, _land),
    Step("data-quality gate", lambda s, plan: plan.gates or plan.publishes, _gate),
    Step("dbt build", lambda s, plan: plan.command != "check", _build),
    Step(
        "mart checks",
        lambda s, plan: (
            (plan.gates and plan.command != "check" and not plan.select) or plan.publishes
        ),
        _check_marts,
    ),
    Step("scorecard export", lambda s, plan: plan.publishes, _export),
    # BI tools read other engines directly, as bi_reader
    Step(
        "BI snapshot",
        lambda s, plan: (
            (plan.publishes or (plan.demo and not plan.select)) and _duckdb_target(s, plan)
        ),
        _snapshot,
    ),
    Step("freshness", lambda s, plan: plan.publishes, _freshness),
)
# The weekly run then delivers the scorecard and records the run (revops.weekly).


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))


def report_quality(console: Console, outcome) -> None:
    counts = outcome.summary()
    console.print(
        f"quality gate ({outcome.stage}): {counts['passed']} passed, "
        f"{counts['warnings']} warning(s), {counts['critical']} critical; "
        f"report {outcome.run_dir / 'report.html'}"
    )
    for note in outcome.notes:
        console.print(f"[yellow]note[/]: {note}")
    for finding in outcome.warnings:
        console.print(f"[yellow]warning[/]: {finding.sentence()}")
