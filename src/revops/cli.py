"""The `revops` command line: one entry point, thin sub-commands."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from revops.config import load_settings
from revops.errors import RevopsError
from revops.lock import LockHeld

console = Console(stderr=True, soft_wrap=True)


def _cmd_generate(args: argparse.Namespace) -> int:
    from revops_dev.generate import main_generate

    stats = main_generate(
        args.scale, args.seed, Path(args.out), args.format, progress=True, typed=args.typed
    )
    console.print(
        f"generated {stats['total_rows']:,} rows in {stats['seconds']:.1f} s "
        f"({stats['rows_per_second']:,.0f} rows/s, peak {stats['peak_memory_mb']:,.0f} MB) "
        f"into {args.out}"
    )
    return 0


def _run(args: argparse.Namespace, command: str) -> int:
    """`build`, `demo` and `check`: the pipeline's steps for the command, reported
    as they run (revops.pipeline)."""
    from revops.lock import run_lock
    from revops.pipeline import Plan, new_state, run_pipeline

    raw_dir = getattr(args, "raw_dir", None)
    plan = Plan(
        command,
        raw_dir=Path(raw_dir) if raw_dir else None,
        target=getattr(args, "target", None),
        full_refresh=getattr(args, "full_refresh", False),
        select=getattr(args, "select", None),
        gate=not getattr(args, "skip_check", False),
    )
    settings = load_settings()
    with run_lock(settings.lock_path, f"revops {command}"):
        run_pipeline(settings, plan, new_state(), console, lambda name, action: action())
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    return _run(args, "check")


def _cmd_build(args: argparse.Namespace) -> int:
    return _run(args, "build")


def _cmd_demo(args: argparse.Namespace) -> int:
    return _run(args, "demo")


def _publish_snapshot(settings, week: str | None) -> None:
    from revops.lock import run_lock
    from revops.snapshot import publish_snapshot

    with run_lock(settings.lock_path, "revops snapshot"):
        result = publish_snapshot(settings, week)
    console.print(f"BI snapshot: {result.summary()}")


def _cmd_snapshot(args: argparse.Namespace) -> int:
    _publish_snapshot(load_settings(), args.week)
    return 0


def _cmd_weekly(args: argparse.Namespace) -> int:
    from revops.weekly import run_weekly

    settings = load_settings()
    raw_dir = Path(args.raw_dir) if args.raw_dir else None
    record = run_weekly(settings, console, args.week, raw_dir, args.target, args.full_refresh)
    console.print(f"[bold green]scorecard {record.week} published[/]")
    for warning in record.warnings:
        console.print(f"[yellow]warning[/]: {warning}")
    return 0


def _cmd_deliver(args: argparse.Namespace) -> int:
    from revops.delivery import deliver_command

    return deliver_command(load_settings(), console, args.week)


def _cmd_scorecard(args: argparse.Namespace) -> int:
    from revops.lock import run_lock
    from revops.scorecard.export import export_scorecard

    settings = load_settings()
    with run_lock(settings.lock_path, "revops scorecard"):
        result = export_scorecard(settings, args.week, args.target)
    console.print(f"scorecard {result.week} written to {result.directory}")
    return 0


def _cmd_bi(args: argparse.Namespace) -> int:
    from revops.bi import ADMIN_USER, prepare, start

    settings = load_settings()
    with console.status("setting up Superset and importing the dashboards ..."):
        prepare(settings)
        server = start(settings, args.port)
    console.print(
        f"Superset on http://127.0.0.1:{args.port}/ (user {ADMIN_USER}, password in "
        f"{settings.superset_dir / 'admin_password'} or REVOPS_SUPERSET_ADMIN_PASSWORD); "
        "Ctrl-C stops it."
    )
    try:
        return server.wait()
    finally:
        server.terminate()


def _cmd_bench(args: argparse.Namespace) -> int:
    from revops_dev.bench import run_bench

    docs = None if args.no_docs else load_settings().project_dir / "docs"
    run_bench(
        args.scales,
        Path(args.work_dir),
        docs,
        args.seed,
        args.quality_gate,
        console.print,
        typed=args.typed,
        allow_busy=args.allow_busy,
    )
    return 0


def _loader_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--loader",
        help="loader profile the raw data was landed with (loaders/<name>.yml: fivetran, "
        "airbyte, salesforce_data_loader...); default REVOPS_LOADER or fivetran",
    )


def _select_loader(args: argparse.Namespace) -> None:
    """One setting for Python and dbt alike: dbt_project.yml reads var `loader`
    from REVOPS_LOADER."""
    if not hasattr(args, "loader"):
        return  # the command reads no landed data (generate, scorecard, deliver...)
    from revops.loaders import load_profile

    if args.loader:
        os.environ["REVOPS_LOADER"] = args.loader
    load_profile(os.environ.get("REVOPS_LOADER") or "fivetran")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="revops", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    generate = commands.add_parser(
        "generate", help="write realistic raw data for a fictional company"
    )
    generate.add_argument("--scale", type=int, default=1)
    generate.add_argument("--seed", type=int, default=42)
    generate.add_argument("--out", required=True, help="landing folder (or seeds folder)")
    generate.add_argument("--format", choices=["parquet", "csv", "seeds"], default="parquet")
    generate.add_argument(
        "--typed",
        action="store_true",
        help="land typed columns (integers, numbers, booleans, timestamps, dates) like a "
        "loader's warehouse tables, instead of text (Parquet only)",
    )
    generate.set_defaults(handler=_cmd_generate)

    build = commands.add_parser("build", help="land raw data and run dbt build")
    build.add_argument("--raw-dir", help="landing folder of <system>/<table>.parquet|csv files")
    build.add_argument("--target", help="dbt target (default: REVOPS_TARGET or dev)")
    build.add_argument("--full-refresh", action="store_true")
    build.add_argument("--select", help="dbt selection, to build part of the project")
    build.add_argument(
        "--skip-check", action="store_true", help="skip the quality gate (Great Expectations)"
    )
    _loader_argument(build)
    build.set_defaults(handler=_cmd_build)

    check = commands.add_parser(
        "check",
        help="run the quality gate on a landing folder: land it, quarantine its rows with dbt "
        "(no marts built) and judge them; exit 2 when critical",
    )
    check.add_argument("--raw-dir", required=True, help="landing folder to check")
    _loader_argument(check)
    check.set_defaults(handler=_cmd_check)

    demo = commands.add_parser("demo", help="build the warehouse from the committed demo data")
    demo.add_argument("--target")
    demo.add_argument("--full-refresh", action="store_true")
    demo.add_argument("--select", help="dbt selection, to build part of the project")
    demo.set_defaults(handler=_cmd_demo)

    weekly = commands.add_parser(
        "weekly", help="the weekly run: check, build and publish the scorecard"
    )
    weekly.add_argument("--week", help="ISO week like 2026-W47 (default: latest complete week)")
    weekly.add_argument("--raw-dir", help="landing folder to build from")
    weekly.add_argument("--target", help="dbt target (default: REVOPS_TARGET or dev)")
    weekly.add_argument(
        "--full-refresh",
        action="store_true",
        help="rebuild every incremental model from scratch (the run also does this by itself "
        "for the models whose landed rows or mapping seeds changed)",
    )
    _loader_argument(weekly)
    weekly.set_defaults(handler=_cmd_weekly)

    scorecard = commands.add_parser(
        "scorecard", help="re-export a week's scorecard from the warehouse, without building"
    )
    scorecard.add_argument("--week", help="ISO week like 2026-W47 (default: latest complete week)")
    scorecard.add_argument(
        "--target", help="dbt target whose warehouse is read (default: REVOPS_TARGET or dev)"
    )
    scorecard.set_defaults(handler=_cmd_scorecard)

    deliver = commands.add_parser(
        "deliver",
        help="send a published week to delivery.yml's recipients (once), and retry failed sends",
    )
    deliver.add_argument("--week", help="ISO week like 2026-W47 (default: latest published)")
    deliver.set_defaults(handler=_cmd_deliver)

    snapshot = commands.add_parser(
        "snapshot",
        help="publish the BI snapshot (marts and metrics, 1.x-readable DuckDB file and Parquet)",
    )
    snapshot.add_argument("--week", help="the week it is published for (default: latest)")
    snapshot.set_defaults(handler=_cmd_snapshot)

    bi = commands.add_parser(
        "bi", help="start Superset on 127.0.0.1 with the committed dashboards (make bi-setup first)"
    )
    bi.add_argument("--port", type=int, default=int(os.environ.get("REVOPS_BI_PORT", "8088")))
    bi.set_defaults(handler=_cmd_bi)

    bench = commands.add_parser(
        "bench", help="benchmark generation, full and incremental builds against DuckDB's own speed"
    )
    bench.add_argument("--scales", type=int, nargs="+", default=[1, 10, 50])
    bench.add_argument("--seed", type=int, default=42)
    bench.add_argument("--work-dir", default="/tmp/revops-bench", help="scratch space per scale")
    bench.add_argument("--quality-gate", action="store_true", help="also time the quality gate")
    bench.add_argument(
        "--typed", action="store_true", help="benchmark a typed landing (generate --typed)"
    )
    bench.add_argument(
        "--allow-busy",
        action="store_true",
        help="keep results taken at a load average above 1 per core, marked busy "
        "(without it such a run writes nothing and exits non-zero)",
    )
    bench.add_argument(
        "--no-docs", action="store_true", help="do not update docs/benchmarks.md and .json"
    )
    bench.set_defaults(handler=_cmd_bench)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        _select_loader(args)
        return args.handler(args)
    except RevopsError as problem:
        console.print(f"[bold red]revops {args.command} stopped.[/] {problem}")
        return 2
    except LockHeld as problem:
        console.print(f"[bold red]revops {args.command} refused to start.[/] {problem}")
        return 3
    except KeyboardInterrupt:
        console.print("[red]interrupted[/]")
        return 130
    except Exception as problem:  # a person reads this, not a traceback
        if os.environ.get("REVOPS_DEBUG"):
            raise
        console.print(
            f"[bold red]revops {args.command} failed unexpectedly.[/] "
            f"{type(problem).__name__}: {problem}. Nothing was published by this run; "
            "set REVOPS_DEBUG=1 to see the traceback."
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
