"""From rendered columns to a contract-shaped Arrow table: deletion flags, loads, types."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from revops.raw_contract import RawTable
from revops_dev.generate.core import (
    DAY,
    HOUR,
    START,
    SYNC_FLOOR,
    render_bool,
    render_date,
    render_synced,
    render_ts,
    sync_times,
)

ARROW_TYPES = {"integer": pa.int64(), "numeric": pa.float64()}

# Per system: timestamp style mix (Z, naive, offset) and boolean style mix (word, digit, blank)
STYLE = {
    "salesforce": ((0.72, 0.18, 0.1), (0.86, 0.09, 0.05)),
    "hubspot": ((0.86, 0.09, 0.05), (0.95, 0.03, 0.02)),
    "stripe": ((0.08, 0.87, 0.05), (0.93, 0.05, 0.02)),
    "zendesk": ((0.82, 0.08, 0.1), (0.9, 0.07, 0.03)),
    "delighted": ((0.5, 0.4, 0.1), (0.9, 0.05, 0.05)),
    "ad_reporting": ((0.6, 0.35, 0.05), (0.95, 0.03, 0.02)),
    "finance": ((0.5, 0.5, 0.0), (0.95, 0.03, 0.02)),
}


@dataclass
class Render:
    """One system's way of writing values."""

    rng: np.random.Generator
    system: str

    def ts(self, seconds: np.ndarray) -> pa.Array:
        return render_ts(self.rng, np.asarray(seconds, dtype=np.int64), STYLE[self.system][0])

    def date(self, seconds: np.ndarray) -> pa.Array:
        return render_date(np.asarray(seconds, dtype=np.int64))

    def bool(self, values: np.ndarray, blank_true: np.ndarray | None = None) -> pa.Array:
        return render_bool(self.rng, values, STYLE[self.system][1], blank_true)


@dataclass
class Draft:
    """A table before its loads are simulated."""

    columns: dict[str, Any]
    modified: np.ndarray  # last change of each row (drives _fivetran_synced)
    stale: dict[str, Any] = field(default_factory=dict)  # older values for duplicate loads
    deleted: np.ndarray | None = None
    delete_share: float = 0.012
    dup_share: float = 0.008
    ensure_floor: bool = True  # some row of the table synced at or after the floor
    flag_mix: tuple[float, float, float] | None = None  # deletion flag style, else the system's


def _as_arrow(values: Any, logical_type: str, n: int) -> pa.Array:
    target = ARROW_TYPES.get(logical_type, pa.string())
    if values is None:
        return pa.nulls(n, target)
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if isinstance(values, pa.Array):
        return values if values.type == target else values.cast(target)
    arr = np.asarray(values)
    if target == pa.string() and arr.dtype != object:
        arr = arr.astype(str).astype(object)
    return pa.array(arr, type=target, from_pandas=True)


def _pick_rows(rng: np.random.Generator, n: int, share: float) -> np.ndarray:
    if n < 20:
        return np.zeros(0, dtype=np.int64)
    count = max(1, int(rng.binomial(n, share)))
    return np.sort(rng.choice(n, size=count, replace=False))


def finish(rng: np.random.Generator, table: RawTable, draft: Draft) -> pa.Table:
    n = len(draft.modified)
    names = table.column_names
    columns = dict(draft.columns)
    for flag in ("is_deleted", "_fivetran_deleted"):
        if flag in names and flag not in columns:
            deleted = draft.deleted
            if deleted is None:
                deleted = np.zeros(n, dtype=bool)
                deleted[_pick_rows(rng, n, draft.delete_share)] = True
            mix = draft.flag_mix or STYLE[table.system][1]
            columns[flag] = render_bool(rng, deleted, mix)
    synced = sync_times(rng, np.asarray(draft.modified, dtype=np.int64))
    if n and draft.ensure_floor and synced.max() < SYNC_FLOOR:
        latest = int(np.argmax(draft.modified))
        synced[latest] = SYNC_FLOOR + int(rng.integers(60, 5 * HOUR))
    columns["_fivetran_synced"] = render_synced(synced)
    logical = {column.name: column.logical_type for column in table.columns}
    arrays = {name: _as_arrow(columns.get(name), logical[name], n) for name in names}
    result = pa.table(arrays)
    dup = _pick_rows(rng, n, draft.dup_share)
    if len(dup):
        result = pa.concat_tables([result, _older_load(rng, draft, arrays, synced, dup, logical)])
    return result


def _older_load(
    rng: np.random.Generator,
    draft: Draft,
    arrays: dict[str, pa.Array],
    synced: np.ndarray,
    dup: np.ndarray,
    logical: dict[str, str],
) -> pa.Table:
    """An earlier load of some rows: older _fivetran_synced, slightly different values."""
    take = pa.array(dup)
    older = {name: pc.take(array, take) for name, array in arrays.items()}
    for name, values in draft.stale.items():
        if name in older:
            stale = _as_arrow(values, logical[name], len(synced))
            older[name] = pc.take(stale, take)
    before = synced[dup] - rng.integers(2 * HOUR, 6 * DAY, len(dup))
    older["_fivetran_synced"] = render_synced(np.maximum(before, START + HOUR))
    return pa.table(older)


def stale_text(values: Any) -> pa.Array:
    """An older spelling: the same text with different case."""
    array = (
        values if isinstance(values, pa.Array) else pa.array(values, pa.string(), from_pandas=True)
    )
    return pc.utf8_swapcase(array)


def stale_number(values: np.ndarray, rng: np.random.Generator, low: float = 0.8) -> np.ndarray:
    return np.round(np.asarray(values, dtype=np.float64) * rng.uniform(low, 0.99, len(values)), 2)


def stale_ts(render: Render, seconds: np.ndarray, rng: np.random.Generator) -> pa.Array:
    earlier = seconds - rng.integers(HOUR, 3 * DAY, len(seconds))
    return render.ts(np.where(seconds < 0, -1, np.maximum(earlier, START)))


__all__ = ["Draft", "Render", "finish", "render_date", "stale_number", "stale_text", "stale_ts"]
