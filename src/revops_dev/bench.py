"""`revops bench`: how the weekly build scales, measured against DuckDB's own speed.

For each scale: generate a landing folder; build the warehouse from the
landing cut one week earlier (by `_fivetran_synced`, what had landed a week
before); point the landing at the full folder and run the weekly incremental
build; then a full refresh; then the engine floor (every model's compiled SQL
run straight against DuckDB in one process, in dependency order, no dbt);
then the scorecard export; then the scan floor (every landed row read once
and written as a DuckDB table, the cost of the data itself). Every build runs
in its own process so its wall time and peak memory are its own (`os.wait4`
gives the peak resident set of the child and of anything it waited for).

The 1-minute load average is sampled before each step and kept with the row;
a run that saw a load above 1 per core writes nothing unless told to
(`allow_busy`, then the row says busy).

Results go to docs/benchmarks.json (one row per scale and landing, text or
typed, merged with rows not run this time) and docs/benchmarks.md, with the machine.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from revops.config import project_root
from revops.errors import RevopsError
from revops.landing import LANDING_FORMATS

REVOPS = [sys.executable, "-m", "revops.cli"]
FLOOR = [sys.executable, "-m", "revops_dev.bench"]
DEFAULT_SEED = 42


@dataclass
class Measured:
    """A child process's wall time, peak resident memory, exit code, and how many
    cores other processes of the machine kept busy meanwhile."""

    seconds: float
    peak_rss_mb: float
    returncode: int
    output: str
    other_cores: float = 0.0


def machine_busy_seconds() -> float:
    """CPU seconds every core of the machine has spent busy since boot (/proc/stat);
    0.0 where there is no /proc (the other-work figure is then not measured)."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


class BusyMachine(RevopsError):
    """Results measured at a load average above 1 per core: not written."""


@dataclass
class BenchRow:
    scale: int
    landing: str = "text"
    raw_rows: int = 0
    generate_s: float = 0.0
    full_build_s: float = 0.0
    engine_floor_s: float = 0.0
    dbt_vs_engine_floor: float | None = None
    scan_floor_s: float = 0.0
    full_vs_scan_floor: float | None = None
    incremental_build_s: float = 0.0
    incremental_vs_full: float | None = None
    incremental_vs_scan_floor: float | None = None
    peak_rss_mb: float = 0.0
    scorecard_export_s: float = 0.0
    quality_gate_s: float | None = None
    dbt_models_s: float = 0.0
    dbt_tests_s: float = 0.0
    incremental_models_s: float = 0.0
    incremental_tests_s: float = 0.0
    floor_peak_rss_mb: float = 0.0
    scan_floor_peak_rss_mb: float = 0.0
    load_average: list[float] = field(default_factory=list)
    other_cores: float = 0.0
    busy: bool = False
    slowest_models: list[dict] = field(default_factory=list)
    measured_at: str = ""


def run_measured(command: Sequence[str], env: dict[str, str], cwd: Path) -> Measured:
    """Run a command to completion; its wall time and the peak RSS of its process tree."""
    busy_before, own_before = machine_busy_seconds(), _own_cpu_seconds()
    began = time.perf_counter()
    process = subprocess.Popen(
        list(command), cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    output = process.stdout.read().decode(errors="replace") if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - began
    # The machine's busy CPU time less the command's own (and this process's): what
    # other work took from the cores while the command ran, in cores.
    command_cpu = usage.ru_utime + usage.ru_stime
    others = machine_busy_seconds() - busy_before - command_cpu - (_own_cpu_seconds() - own_before)
    other_cores = max(0.0, others) / seconds if busy_before and seconds > 0 else 0.0
    # Linux reports ru_maxrss in KiB: the largest of the child and its waited-for descendants.
    return Measured(
        round(seconds, 2),
        round(usage.ru_maxrss / 1024, 1),
        process.returncode,
        output,
        round(other_cores, 2),
    )


def _own_cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


def require(measured: Measured, what: str) -> Measured:
    if measured.returncode != 0:
        tail = "\n".join(measured.output.splitlines()[-25:])
        raise RuntimeError(f"{what} failed (exit {measured.returncode}):\n{tail}")
    return measured


@dataclass(frozen=True)
class Workspace:
    """One scale's files: landing folders, warehouse, dbt target, output."""

    root: Path

    @property
    def landing(self) -> Path:
        return self.root / "landing"

    @property
    def landing_week_before(self) -> Path:
        return self.root / "landing_week_before"

    @property
    def duckdb_path(self) -> Path:
        return self.root / "warehouse" / "revops.duckdb"

    @property
    def target_path(self) -> Path:
        return self.root / "target"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            REVOPS_PROJECT_DIR=str(project_root()),
            DBT_PROFILES_DIR=str(project_root()),
            REVOPS_DUCKDB_PATH=str(self.duckdb_path),
            REVOPS_TEMP_DIR=str(self.root / "tmp"),
            REVOPS_OUTPUT_DIR=str(self.root / "output"),
            DBT_TARGET_PATH=str(self.target_path),
            DBT_LOG_PATH=str(self.root / "logs"),
            DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        )
        env.pop("REVOPS_SCHEMA_PREFIX", None)
        return env


# --- landing -----------------------------------------------------------------


def landing_files(raw_dir: Path) -> list[Path]:
    return sorted(p for fmt in LANDING_FORMATS for p in raw_dir.glob(f"*/*.{fmt}"))


def _scan(path: Path) -> str:
    quoted = str(path).replace("'", "''")
    if path.suffix == ".parquet":
        return f"read_parquet('{quoted}')"
    return f"read_csv('{quoted}', header = true, all_varchar = true)"


def _synced(column: str = "_fivetran_synced") -> str:
    return f"try_cast(cast({column} as varchar) as timestamp)"


def landing_as_of(raw_dir: Path) -> datetime:
    """The landing's as-of instant: the greatest `_fivetran_synced` of any table."""
    with duckdb.connect() as con:
        latest = [
            con.execute(f"select max({_synced()}) from {_scan(path)}").fetchone()[0]
            for path in landing_files(raw_dir)
        ]
    return max(value for value in latest if value is not None)


def cut_landing(raw_dir: Path, out_dir: Path, before: datetime) -> int:
    """Copy a landing folder keeping only the rows synced before `before` (what
    had landed then); rows whose sync time does not parse are kept. Returns rows."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = 0
    stamp = before.strftime("%Y-%m-%d %H:%M:%S")
    with duckdb.connect() as con:
        con.execute("set preserve_insertion_order = false")
        for path in landing_files(raw_dir):
            target = out_dir / path.parent.name / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            landed_then = f"coalesce({_synced()} < timestamp '{stamp}', true)"
            kept = f"select * from {_scan(path)} where {landed_then}"
            options = "format parquet, compression zstd" if path.suffix == ".parquet" else "header"
            con.execute(f"copy ({kept}) to '{target}' ({options})")
            rows += con.execute(f"select count(*) from {_scan(target)}").fetchone()[0]
    return rows


def landing_rows(raw_dir: Path) -> int:
    with duckdb.connect() as con:
        return sum(
            con.execute(f"select count(*) from {_scan(path)}").fetchone()[0]
            for path in landing_files(raw_dir)
        )


# --- dbt artifacts and the engine floor ----------------------------------------


def node_timings(target_path: Path) -> tuple[float, float, list[dict]]:
    """Seconds spent in models and in tests per dbt's run_results, and the slowest models."""
    results = json.loads((target_path / "run_results.json").read_text())["results"]
    models = [r for r in results if r["unique_id"].startswith("model.")]
    tests = [r for r in results if r["unique_id"].startswith(("test.", "unit_test."))]
    slowest = sorted(models, key=lambda r: r["execution_time"], reverse=True)[:5]
    return (
        round(sum(r["execution_time"] for r in models), 2),
        round(sum(r["execution_time"] for r in tests), 2),
        [
            {"model": r["unique_id"].split(".")[-1], "s": round(r["execution_time"], 2)}
            for r in slowest
        ],
    )


def models_in_order(manifest: dict) -> list[dict]:
    """Enabled, non-ephemeral models with compiled code, parents before children."""
    nodes = {
        uid: node
        for uid, node in manifest["nodes"].items()
        if node["resource_type"] == "model" and node["config"].get("materialized") != "ephemeral"
    }
    ordered: list[dict] = []
    seen: set[str] = set()

    def visit(uid: str) -> None:
        if uid in seen or uid not in nodes:
            return
        seen.add(uid)
        for parent in nodes[uid]["depends_on"]["nodes"]:
            visit(parent)
        ordered.append(nodes[uid])

    for uid in sorted(nodes):
        visit(uid)
    return ordered


def run_engine_floor(manifest_path: Path, database: Path, built: Path) -> float:
    """Every model's compiled SQL against DuckDB, in one process, in dependency order.

    The floor database holds the same raw views as the warehouse; seeds are
    copied from the built warehouse (loading a CSV is not a model). Settings as
    in profiles.yml. Returns seconds spent on models only.
    """
    manifest = json.loads(manifest_path.read_text())
    models = models_in_order(manifest)
    missing = [m["unique_id"] for m in models if not m.get("compiled_code")]
    if missing:
        raise RuntimeError(f"no compiled code in the manifest for {missing[:3]}...")
    con = duckdb.connect(str(database))
    try:
        for setting in _profile_settings():
            con.execute(setting)
        con.execute(f"attach '{built}' as built (read_only)")
        _copy_inputs(con, manifest)
        began = time.perf_counter()
        for model in models:
            schema = f'"{model["schema"]}"'
            con.execute(f"create schema if not exists {schema}")
            kind = "view" if model["config"]["materialized"] == "view" else "table"
            relation = f'{schema}."{model["alias"]}"'
            con.execute(f"create or replace {kind} {relation} as (\n{model['compiled_code']}\n)")
        return time.perf_counter() - began
    finally:
        con.close()


@dataclass(frozen=True)
class ScanFloor:
    """Reading every landed row once and writing it as a DuckDB table."""

    seconds: float
    rows: int


def run_scan_floor(raw_dir: Path, database: Path) -> ScanFloor:
    """The scan floor: every landed file read once (as the landing views read
    it) and written as a table in a fresh DuckDB file, with the profile's
    settings (threads, memory limit, temp directory). Returns the seconds of
    the reads and writes and the rows written, counted from the tables."""
    files = landing_files(raw_dir)
    if not files:
        raise RevopsError(f"Landing folder {raw_dir} holds no <system>/<table>.parquet or .csv.")
    con = duckdb.connect(str(database))
    try:
        for setting in _profile_settings():
            con.execute(setting)
        tables = [(f'"{p.parent.name}__{p.stem}"', p) for p in files]
        began = time.perf_counter()
        for name, path in tables:
            con.execute(f"create table {name} as select * from {_scan(path)}")
        seconds = time.perf_counter() - began
        counts = [con.execute(f"select count(*) from {t}").fetchall()[0][0] for t, _ in tables]
        return ScanFloor(round(seconds, 3), sum(counts))
    finally:
        con.close()


def _profile_settings() -> list[str]:
    env = os.environ
    return [
        "set TimeZone = 'UTC'",
        f"set threads = {int(env.get('REVOPS_THREADS', '2'))}",
        f"set memory_limit = '{env.get('REVOPS_MEMORY_LIMIT', '6GB')}'",
        f"set temp_directory = '{env.get('REVOPS_TEMP_DIR', 'warehouse/tmp')}'",
        "set preserve_insertion_order = false",
    ]


def _copy_inputs(con: duckdb.DuckDBPyConnection, manifest: dict) -> None:
    """Raw views (same definitions as in the warehouse) and seed tables."""
    raw_views = con.execute(
        "select schema_name, view_name, sql from duckdb_views() "
        "where database_name = 'built' and schema_name like 'raw\\_%' escape '\\'"
    ).fetchall()
    for schema, _, sql in raw_views:
        con.execute(f'create schema if not exists "{schema}"')
        con.execute(sql.replace("CREATE VIEW ", "CREATE OR REPLACE VIEW ", 1))
    for node in manifest["nodes"].values():
        if node["resource_type"] != "seed" or not node["config"].get("enabled", True):
            continue
        schema, alias = node["schema"], node["alias"]
        exists = con.execute(
            "select count(*) from duckdb_tables() where database_name = 'built' "
            "and schema_name = ? and table_name = ?",
            [schema, alias],
        ).fetchone()[0]
        if exists:
            con.execute(f'create schema if not exists "{schema}"')
            con.execute(
                f'create or replace table "{schema}"."{alias}" as '
                f'select * from built."{schema}"."{alias}"'
            )


# --- one scale ---------------------------------------------------------------------


def bench_scale(
    scale: int,
    work_dir: Path,
    seed: int = DEFAULT_SEED,
    quality_gate: bool = False,
    log=print,
    typed: bool = False,
) -> BenchRow:
    landing = "typed" if typed else "text"
    space = Workspace(work_dir / f"scale-{scale}-{landing}")
    shutil.rmtree(space.root, ignore_errors=True)
    (space.root / "tmp").mkdir(parents=True)
    env, cwd = space.env(), project_root()
    row = BenchRow(
        scale=scale,
        landing=landing,
        measured_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    loads = [wait_for_quiet(log)]
    measured: list[Measured] = []

    log(f"scale {scale}: generating a {landing} landing")
    command = [*REVOPS, "generate", "--scale", str(scale), "--seed", str(seed)]
    command += ["--out", str(space.landing), *(["--typed"] if typed else [])]
    generated = require(run_measured(command, env, cwd), "generate")
    measured.append(generated)
    row.generate_s = generated.seconds
    row.raw_rows = landing_rows(space.landing)

    as_of = landing_as_of(space.landing)
    cut_landing(space.landing, space.landing_week_before, as_of - timedelta(days=7))

    if quality_gate:
        log(f"scale {scale}: quality gate")
        gate = run_measured([*REVOPS, "check", "--raw-dir", str(space.landing)], env, cwd)
        row.quality_gate_s = gate.seconds

    build = [*REVOPS, "build", "--skip-check", "--raw-dir"]
    log(f"scale {scale}: build of the landing as it was a week earlier")
    measured.append(
        require(
            run_measured([*build, str(space.landing_week_before)], env, cwd), "week-before build"
        )
    )

    log(f"scale {scale}: weekly incremental build (one new week)")
    loads.append(os.getloadavg()[0])
    incremental = require(run_measured([*build, str(space.landing)], env, cwd), "incremental build")
    measured.append(incremental)
    row.incremental_build_s = incremental.seconds
    row.incremental_models_s, row.incremental_tests_s, _ = node_timings(space.target_path)

    log(f"scale {scale}: full refresh build")
    loads.append(os.getloadavg()[0])
    full = require(
        run_measured([*build, str(space.landing), "--full-refresh"], env, cwd), "full build"
    )
    measured.append(full)
    row.full_build_s = full.seconds
    row.peak_rss_mb = max(full.peak_rss_mb, incremental.peak_rss_mb)
    row.dbt_models_s, row.dbt_tests_s, row.slowest_models = node_timings(space.target_path)

    log(f"scale {scale}: scorecard export")
    loads.append(os.getloadavg()[0])
    row.scorecard_export_s = measure_export(env, cwd)

    log(f"scale {scale}: engine floor")
    loads.append(os.getloadavg()[0])
    floor_db = space.root / "floor" / "revops.duckdb"
    floor_db.parent.mkdir(parents=True)
    floor = require(
        run_measured(
            [
                *FLOOR,
                "floor",
                str(space.target_path / "manifest.json"),
                str(floor_db),
                str(space.duckdb_path),
            ],
            env,
            cwd,
        ),
        "engine floor",
    )
    measured.append(floor)
    row.engine_floor_s = float(floor.output.strip().splitlines()[-1])
    row.floor_peak_rss_mb = floor.peak_rss_mb
    shutil.rmtree(space.root / "floor", ignore_errors=True)

    log(f"scale {scale}: scan floor")
    loads.append(os.getloadavg()[0])
    scan_db = space.root / "scan" / "scan.duckdb"
    scan_db.parent.mkdir(parents=True)
    scan_command = [*FLOOR, "scan", str(space.landing), str(scan_db)]
    scan = require(run_measured(scan_command, env, cwd), "scan floor")
    measured.append(scan)
    seconds, rows = scan.output.strip().splitlines()[-1].split()
    if int(rows) != row.raw_rows:
        raise RuntimeError(f"scan floor wrote {rows} rows of {row.raw_rows} landed")
    row.scan_floor_s = float(seconds)
    row.scan_floor_peak_rss_mb = scan.peak_rss_mb
    shutil.rmtree(space.root / "scan", ignore_errors=True)

    row.dbt_vs_engine_floor = _ratio(row.full_build_s, row.engine_floor_s)
    row.incremental_vs_full = _ratio(row.incremental_build_s, row.full_build_s)
    row.full_vs_scan_floor = _ratio(row.full_build_s, row.scan_floor_s)
    row.incremental_vs_scan_floor = _ratio(row.incremental_build_s, row.scan_floor_s)
    row.load_average = [round(value, 2) for value in loads]
    row.other_cores = max(step.other_cores for step in measured)
    return row


def load_limit() -> float:
    """The highest 1-minute load average a result may be taken at: 1 per core."""
    return float(os.cpu_count() or 1)


# Other work may keep at most this many cores busy, on average over any measured
# step, for the step's time to count as the build's own.
OTHER_CORES_LIMIT = 0.25


def wait_for_quiet(log=print, limit_s: float = 600.0, poll_s: float = 15.0) -> float:
    """The 1-minute load average once it is below 1 per core, waiting up to
    `limit_s` for it to settle (the previous scale's own work decays in about a
    minute); the load as found when it does not settle."""
    waited = 0.0
    load = os.getloadavg()[0]
    while load >= load_limit() and waited < limit_s:
        if waited == 0.0:
            log(f"load average {load:.2f}: waiting for the machine to settle")
        time.sleep(poll_s)
        waited += poll_s
        load = os.getloadavg()[0]
    return load


def check_quiet(row: BenchRow, allow_busy: bool) -> BenchRow:
    """Mark a row busy, or refuse it (BusyMachine): when the load average before
    its first step was above 1 per core, or other processes kept more than
    OTHER_CORES_LIMIT cores busy during a measured step. The load averages sampled
    between steps are recorded too, but they include the benchmark's own work."""
    started = row.load_average[0] if row.load_average else 0.0
    row.busy = started > load_limit() or row.other_cores > OTHER_CORES_LIMIT
    if row.busy and not allow_busy:
        raise BusyMachine(
            f"Benchmark of scale {row.scale} ({row.landing} landing) not written: the load "
            f"average was {started:.2f} when it started (limit 1 per core, "
            f"{load_limit():.0f} on this machine) and other processes kept "
            f"{row.other_cores:.2f} cores busy during a measured step (limit "
            f"{OTHER_CORES_LIMIT}), so the times are not the build's own. Run it again on a "
            "quiet machine, or pass --allow-busy to keep the figures marked busy."
        )
    return row


def measure_export(env: dict[str, str], cwd: Path) -> float:
    """The scorecard export's own time (Python start-up and imports not counted)."""
    code = (
        "import time; from revops.config import load_settings; "
        "from revops.scorecard.export import export_scorecard; s = load_settings(); "
        "t = time.perf_counter(); export_scorecard(s, None); print(time.perf_counter() - t)"
    )
    measured = require(run_measured([sys.executable, "-c", code], env, cwd), "scorecard export")
    return round(float(measured.output.strip().splitlines()[-1]), 2)


def _ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 2) if denominator else None


# --- reporting -----------------------------------------------------------------------

COLUMNS = (
    "scale",
    "landing",
    "raw_rows",
    "generate_s",
    "full_build_s",
    "engine_floor_s",
    "dbt_vs_engine_floor",
    "scan_floor_s",
    "full_vs_scan_floor",
    "incremental_build_s",
    "incremental_vs_full",
    "incremental_vs_scan_floor",
    "peak_rss_mb",
    "scorecard_export_s",
    "start_load",
    "other_cores",
    "busy",
)


def growth(rows: Sequence[BenchRow], key: str = "full_build_s") -> list[str]:
    """How a time grows between consecutive scales: the exponent k in t ~ rows^k
    (1 is linear; below 1, fixed costs still dominate)."""
    lines = []
    ordered = sorted(rows, key=lambda r: r.scale)
    for small, large in itertools.pairwise(ordered):
        t0, t1 = getattr(small, key), getattr(large, key)
        if not (t0 and t1 and small.raw_rows and large.raw_rows):
            continue
        exponent = math.log(t1 / t0) / math.log(large.raw_rows / small.raw_rows)
        lines.append(
            f"{key} scale {small.scale} -> {large.scale}: "
            f"rows x{large.raw_rows / small.raw_rows:.1f}, "
            f"time x{t1 / t0:.1f}, exponent {exponent:.2f}"
        )
    return lines


def machine() -> dict[str, object]:
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory_gb = None
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        memory_gb = round(kib / 1024 / 1024, 1)
    import dbt.version

    return {
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "cpu_model": model,
        "os": platform.platform(),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "dbt_core": dbt.version.__version__,
        "threads": int(os.environ.get("REVOPS_THREADS", "2")),
        "memory_limit": os.environ.get("REVOPS_MEMORY_LIMIT", "6GB"),
    }


def _row_key(row: dict) -> tuple[int, str]:
    return row["scale"], row.get("landing", "text")


def merge_rows(path: Path, rows: Iterable[BenchRow]) -> list[dict]:
    """Rows of this run replace earlier rows of the same scale and landing in the JSON file
    (a row written before landings were told apart is a text landing's)."""
    kept: dict[tuple[int, str], dict] = {}
    if path.exists():
        kept = {_row_key(row): row for row in json.loads(path.read_text())}
    for row in rows:
        kept[_row_key(asdict(row))] = asdict(row)
    return [kept[key] for key in sorted(kept)]


def render_table(rows: Sequence[dict]) -> str:
    header = "| " + " | ".join(COLUMNS) + " |"
    rule = "|" + "|".join("---:" for _ in COLUMNS) + "|"
    body = ["| " + " | ".join(_cell(_value(row, c)) for c in COLUMNS) + " |" for row in rows]
    return "\n".join([header, rule, *body])


def _value(row: dict, column: str) -> object:
    if column == "start_load":
        return (row.get("load_average") or [None])[0]
    if column == "landing":
        return row.get("landing", "text")
    return row.get(column)


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.2f}" if isinstance(value, float) else str(value)


def write_docs(docs_dir: Path, rows: Sequence[BenchRow]) -> list[dict]:
    """docs/benchmarks.json (merged by scale) and the table part of docs/benchmarks.md."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    json_path = docs_dir / "benchmarks.json"
    merged = merge_rows(json_path, rows)
    json_path.write_text(json.dumps(merged, indent=2) + "\n")
    md_path = docs_dir / "benchmarks.md"
    generated = _generated_section(merged)
    text = md_path.read_text() if md_path.exists() else _MD_TEMPLATE
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    if start in text and end in text:
        text = text.split(start)[0] + start + "\n" + generated + end + text.split(end, 1)[1]
    else:
        text += f"\n{start}\n{generated}{end}\n"
    md_path.write_text(text)
    return merged


def _generated_section(rows: Sequence[dict]) -> str:
    objects = [
        BenchRow(**{k: v for k, v in row.items() if k in BenchRow.__dataclass_fields__})
        for row in rows
    ]
    details = [
        f"- scale {row['scale']} ({_value(row, 'landing')} landing): models "
        f"{row['dbt_models_s']} s + tests {row['dbt_tests_s']} s "
        f"(dbt's own timings); incremental run models {row['incremental_models_s']} s + tests "
        f"{row['incremental_tests_s']} s; quality gate {row['quality_gate_s']} s; floor peak "
        f"{row['floor_peak_rss_mb']} MB; scan floor peak {row.get('scan_floor_peak_rss_mb')} MB; "
        f"load average at the start and before each step {row['load_average']} (after the "
        f"start it includes the benchmark's own work); other processes' peak "
        f"{row.get('other_cores', '-')} cores"
        f"{' (busy)' if row.get('busy') else ''}; "
        f"slowest models {_slowest(row['slowest_models'])}"
        for row in rows
    ]
    lines = []
    for landing in sorted({row.landing for row in objects}):
        same = [row for row in objects if row.landing == landing]
        for key in ("full_build_s", "engine_floor_s", "scan_floor_s"):
            lines += [f"{landing} landing, {line}" for line in growth(same, key)]
    return (
        f"Machine: {json.dumps(machine())}\n\n"
        + render_table(rows)
        + "\n\nGrowth with scale (t ~ rows^k):\n\n"
        + "\n".join(f"- {line}" for line in lines)
        + "\n\nDetails per scale:\n\n"
        + "\n".join(details)
        + "\n"
    )


def _slowest(models: Sequence[dict]) -> str:
    return ", ".join(f"{model['model']} {model['s']} s" for model in models)


_MD_TEMPLATE = "# Benchmarks\n\nGenerated by `revops bench`; see the notes below the table.\n"


def run_bench(
    scales: Sequence[int],
    work_dir: Path,
    docs_dir: Path | None,
    seed: int = DEFAULT_SEED,
    quality_gate: bool = False,
    log=print,
    typed: bool = False,
    allow_busy: bool = False,
) -> list[dict]:
    """Benchmark each scale; a row taken at a load above 1 per core stops the run
    (BusyMachine, nothing written for it) unless `allow_busy` marks it busy."""
    rows = []
    for scale in scales:
        row = check_quiet(bench_scale(scale, work_dir, seed, quality_gate, log, typed), allow_busy)
        rows.append(row)
        log(render_table([asdict(r) for r in rows]))
        if docs_dir is not None:  # write as we go: a long run keeps what it measured
            write_docs(docs_dir, [row])
    for line in growth(rows):
        log(line)
    return [asdict(r) for r in rows]


def _main(argv: Sequence[str]) -> int:
    """`python -m revops_dev.bench floor MANIFEST FLOOR_DB BUILT_DB`: the engine floor in its
    own process (so its memory is measured apart); prints the seconds.
    `python -m revops_dev.bench scan LANDING SCAN_DB`: the scan floor; prints seconds and rows."""
    if len(argv) == 4 and argv[0] == "floor":
        print(round(run_engine_floor(Path(argv[1]), Path(argv[2]), Path(argv[3])), 2))
        return 0
    if len(argv) == 3 and argv[0] == "scan":
        scan = run_scan_floor(Path(argv[1]), Path(argv[2]))
        print(f"{scan.seconds:.2f} {scan.rows}")
        return 0
    print(
        "usage: python -m revops_dev.bench floor MANIFEST FLOOR_DB BUILT_DB\n"
        "       python -m revops_dev.bench scan LANDING SCAN_DB",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
