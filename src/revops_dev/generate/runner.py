"""Orchestration: build the world, render every contract table, write, measure."""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pyarrow as pa

from revops.raw_contract import RawTable, raw_table, raw_tables
from revops_dev.generate import ads, delighted, hubspot, salesforce, stripe, zendesk
from revops_dev.generate.assemble import Draft, finish
from revops_dev.generate.core import rng_for
from revops_dev.generate.scenario import World, build_world
from revops_dev.generate.typed import typed_chunks
from revops_dev.generate.writers import write_demo_seeds, write_table

TableValue = pa.Table | Iterable[pa.Table]
FORMATS = ("parquet", "csv", "seeds")


def _drafts(world: World, system: str, tables: list[str]) -> Iterator[tuple[str, Draft]]:
    modules: dict[str, Callable[[World, list[str]], Iterator[tuple[str, Draft]]]] = {
        "salesforce": salesforce.drafts,
        "hubspot": hubspot.drafts,
        "stripe": stripe.drafts,
        "zendesk": zendesk.drafts,
        "delighted": delighted.drafts,
    }
    if system in ("ad_reporting", "finance"):
        return ads.drafts(world, system, tables)
    return modules[system](world, tables)


def _known(table: RawTable) -> bool:
    builders = {
        "salesforce": salesforce.BUILDERS,
        "hubspot": hubspot.BUILDERS,
        "stripe": stripe.BUILDERS,
        "zendesk": zendesk.BUILDERS,
        "delighted": delighted.BUILDERS,
        "ad_reporting": ads.AD_BUILDERS,
        "finance": ads.FX_BUILDERS,
    }
    return table.table in builders.get(table.system, {})


def _empty(table: RawTable) -> pa.Table:
    from revops_dev.generate.assemble import ARROW_TYPES

    return pa.table(
        {c.name: pa.array([], ARROW_TYPES.get(c.logical_type, pa.string())) for c in table.columns}
    )


def generated_tables() -> tuple[RawTable, ...]:
    """The contract tables the generator lands: every required one, and the
    optional ones it builds (the demo lands Zendesk domains as
    organization.domain_names, not as the optional domain_name table)."""
    return tuple(table for table in raw_tables() if not table.optional or _known(table))


def iter_tables(scale: int, seed: int) -> Iterator[tuple[tuple[str, str], TableValue]]:
    """Every generated table in contract order; large ones as a stream of chunks."""
    if scale < 1:
        raise ValueError("scale must be a positive integer")
    world = build_world(scale, seed)
    contract = generated_tables()
    for table in contract:
        key = (table.system, table.table)
        streamed = hubspot.STREAMED.get(table.table) if table.system == "hubspot" else None
        if streamed is not None:
            yield key, streamed(world, table)
            continue
        if not _known(table):
            yield key, _empty(table)  # a table the generator does not know yet
            continue
        ((_, draft),) = list(_drafts(world, table.system, [table.table]))
        yield key, finish(rng_for(seed, f"{table.key}.finish"), table, draft)


def _materialise(value: TableValue) -> pa.Table:
    if isinstance(value, pa.Table):
        return value
    chunks = list(value)
    return pa.concat_tables(chunks).combine_chunks()


def generate(scale: int, seed: int, progress: bool = False) -> dict[tuple[str, str], pa.Table]:
    """Every generated raw table, keyed by (system, table), columns in contract order."""
    out: dict[tuple[str, str], pa.Table] = {}
    with _progress(progress, len(generated_tables())) as advance:
        for key, value in iter_tables(scale, seed):
            out[key] = _materialise(value)
            advance(f"{key[0]}.{key[1]}", out[key].num_rows)
    return out


class _progress:
    """A rich progress bar when asked (and on a terminal), else a no-op."""

    def __init__(self, enabled: bool, total: int) -> None:
        self.enabled, self.total, self.bar = enabled, total, None

    def __enter__(self) -> Callable[[str, int], None]:
        if self.enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self.bar = Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), transient=False
            )
            self.bar.start()
            self.task = self.bar.add_task("generating", total=self.total)
        return self.advance

    def advance(self, name: str, rows: int) -> None:
        if self.bar is not None:
            self.bar.update(self.task, advance=1, description=f"{name}: {rows:,} rows")

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def peak_memory_mb() -> float:
    """Peak resident memory of this process (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main_generate(
    scale: int,
    seed: int,
    out: Path,
    fmt: str = "parquet",
    progress: bool = True,
    typed: bool = False,
) -> dict:
    """Generate and write; returns row counts per table, totals, timing and peak memory.

    `typed`: every column in its logical type's physical type (Parquet only),
    like a loader's warehouse tables; else text, with numbers as numbers."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    if typed and fmt != "parquet":
        raise ValueError(
            f"a typed landing is written as Parquet (CSV and seeds are text): "
            f"use --format parquet with --typed, not {fmt}"
        )
    out = Path(out)
    began = time.perf_counter()
    counts: dict[str, int] = {}
    if fmt == "seeds":
        tables = generate(scale, seed, progress=progress)
        counts = write_demo_seeds(tables, out)
    else:
        with _progress(progress, len(generated_tables())) as advance:
            for (system, table), value in iter_tables(scale, seed):
                path = out / system / f"{table}.{fmt}"
                if typed:
                    value = typed_chunks(raw_table(system, table), value)
                counts[f"{system}.{table}"] = write_table(value, path, fmt)
                advance(f"{system}.{table}", counts[f"{system}.{table}"])
    seconds = time.perf_counter() - began
    total = sum(counts.values())
    return {
        "scale": scale,
        "seed": seed,
        "format": fmt,
        "landing": "typed" if typed else "text",
        "out": str(out),
        "tables": counts,
        "total_rows": total,
        "seconds": round(seconds, 2),
        "rows_per_second": round(total / seconds) if seconds else None,
        "peak_memory_mb": round(peak_memory_mb(), 1),
    }
