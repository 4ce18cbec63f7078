"""Shared building blocks: the calendar, random streams, ids and value rendering.

Times are numpy int64 epoch seconds (UTC) until they are rendered; a negative
value means null. Every table draws from its own random stream derived from
(seed, name), so tables are independent of each other and of generation order.
"""

from __future__ import annotations

import zlib
from datetime import UTC, datetime

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

DAY = 86_400
HOUR = 3_600
START = int(datetime(2024, 11, 25, tzinfo=UTC).timestamp())
END = int(datetime(2026, 11, 23, tzinfo=UTC).timestamp())  # exclusive: 2026-11-22 24:00
SYNC_FLOOR = END  # every table has a sync at or after this
SYNC_END = END + 6 * HOUR  # the last load
N_DAYS = (END - START) // DAY
NULL = -1

BASE62 = np.frombuffer(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", np.uint8)
SF_SUFFIX = np.frombuffer(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", np.uint8)
OFFSETS = ("+01:00", "+02:00", "-05:00", "-08:00", "+05:30")
OFFSET_SECONDS = np.array([3600, 7200, -18000, -28800, 19800], dtype=np.int64)


def rng_for(seed: int, name: str) -> np.random.Generator:
    """An independent, reproducible stream for one named part of the data."""
    sequence = np.random.SeedSequence([seed, zlib.crc32(name.encode())])
    return np.random.Generator(np.random.PCG64(sequence))


# ---------------------------------------------------------------- time draws
def day_weights(growth: float = 1.0, season: bool = True, weekday_dip: float = 0.35) -> np.ndarray:
    """A density over history days: growth, monthly seasonality, quieter weekends."""
    days = np.arange(N_DAYS)
    weights = np.exp(growth * days / N_DAYS)
    if season:
        month = (np.datetime64("2024-11-25") + days).astype("M8[M]").astype(int) % 12
        factors = np.array([1.15, 1.05, 1.1, 1.05, 1.0, 0.9, 0.75, 0.7, 1.15, 1.15, 1.05, 0.8])
        weights = weights * factors[month]
    weekday = (days + 0) % 7  # START is a Monday
    weights = weights * np.where(weekday >= 5, weekday_dip, 1.0)
    return weights / weights.sum()


def draw_times(rng: np.random.Generator, n: int, weights: np.ndarray | None = None) -> np.ndarray:
    """n instants within history, following a day density, in business-ish hours."""
    if weights is None:
        weights = day_weights()
    days = rng.choice(N_DAYS, size=n, p=weights)
    seconds = np.clip(rng.normal(14.5 * HOUR, 3.2 * HOUR, n), 0, DAY - 1).astype(np.int64)
    return START + days.astype(np.int64) * DAY + seconds


def clip_history(times: np.ndarray) -> np.ndarray:
    return np.minimum(times, END - 1)


def sync_times(
    rng: np.random.Generator, modified: np.ndarray, late_share: float = 0.03
) -> np.ndarray:
    """When Fivetran loaded a row last modified at `modified`."""
    n = len(modified)
    delay = np.exp(rng.normal(np.log(5 * HOUR), 1.1, n))
    delay = np.minimum(delay, 2 * DAY)
    late = rng.random(n) < late_share
    delay = np.where(late, rng.uniform(7 * DAY, 21 * DAY, n), delay)
    synced = np.maximum(modified, START) + delay.astype(np.int64)
    overflow = synced > SYNC_END
    synced[overflow] = SYNC_END - rng.integers(60, 5 * HOUR, overflow.sum())
    return synced


# ---------------------------------------------------------------- rendering
def _arrow_ts(seconds: np.ndarray) -> pa.Array:
    mask = seconds < 0
    return pa.array(np.where(mask, 0, seconds).astype("datetime64[s]"), mask=mask)


def render_synced(seconds: np.ndarray) -> pa.Array:
    """Fivetran's clean 'YYYY-MM-DD HH:MM:SS' UTC."""
    return pc.cast(_arrow_ts(seconds), pa.string())


def render_ts(
    rng: np.random.Generator, seconds: np.ndarray, mix: tuple[float, float, float]
) -> pa.Array:
    """Timestamps in a mix of styles that all denote the same UTC instant.

    mix = shares of ('...T..Z', naive '... ...' UTC, local time with an offset).
    """
    n = len(seconds)
    style = rng.choice(3, size=n, p=np.array(mix) / sum(mix))
    offset_idx = rng.integers(0, len(OFFSETS), n)
    shift = np.where(style == 2, OFFSET_SECONDS[offset_idx], 0)
    mask = seconds < 0
    local = _arrow_ts(np.where(mask, -1, seconds + shift))
    plain = pc.cast(local, pa.string())  # 'YYYY-MM-DD HH:MM:SS' (fast, unlike strftime)
    iso = pc.replace_substring(plain, " ", "T", max_replacements=1)
    suffix_idx = np.where(style == 0, 0, np.where(style == 1, 1, offset_idx + 2))
    suffixes = pc.take(pa.array(["Z", "", *OFFSETS]), pa.array(suffix_idx))
    body = pc.if_else(pa.array(style == 0), iso, plain)
    return pc.binary_join_element_wise(body, suffixes, "")


def render_date(seconds: np.ndarray) -> pa.Array:
    return pc.cast(pc.cast(_arrow_ts(seconds), pa.date32()), pa.string())


def render_bool(
    rng: np.random.Generator,
    values: np.ndarray,
    mix: tuple[float, float, float] = (0.9, 0.06, 0.04),
    blank_true: np.ndarray | None = None,
) -> pa.Array:
    """Booleans as 'true'/'false', '1'/'0' or blank; blank only stands for false

    (or for true where `blank_true` allows it, e.g. a converted lead with a date)."""
    n = len(values)
    style = rng.choice(3, size=n, p=np.array(mix) / sum(mix))
    values = np.asarray(values, dtype=bool)
    allowed_blank = ~values if blank_true is None else (~values | blank_true)
    style = np.where((style == 2) & ~allowed_blank, 0, style)
    choices = pa.array(["false", "true", "0", "1", ""], type=pa.string())
    idx = np.where(style == 2, 4, style * 2 + values.astype(int))
    return pc.take(choices, pa.array(idx))


def to_text(values: np.ndarray | list, mask: np.ndarray | None = None) -> pa.Array:
    return pa.array(values, type=pa.string(), mask=mask, from_pandas=True)


# ---------------------------------------------------------------- ids
def _base62(numbers: np.ndarray, width: int) -> np.ndarray:
    out = np.empty((len(numbers), width), dtype=np.uint8)
    rest = numbers.astype(np.int64).copy()
    for position in range(width - 1, -1, -1):
        out[:, position] = BASE62[rest % 62]
        rest //= 62
    return out


def sf_ids(prefix: str, n: int, start: int = 0) -> np.ndarray:
    """18-character Salesforce ids (with the real case-checksum suffix), as object array."""
    body = np.empty((n, 15), dtype=np.uint8)
    body[:, :3] = np.frombuffer(prefix.encode(), np.uint8)
    body[:, 3:9] = np.frombuffer(b"5g0000", np.uint8)
    body[:, 9:] = _base62(np.arange(n, dtype=np.int64) + start + 3_844_000, 6)
    upper = (body >= ord("A")) & (body <= ord("Z"))
    weights = 1 << np.arange(5)
    checks = [SF_SUFFIX[(upper[:, 5 * i : 5 * i + 5] * weights).sum(axis=1)] for i in range(3)]
    full = np.concatenate([body, np.stack(checks, axis=1)], axis=1)
    return full.copy().view("S18").ravel().astype("U18").astype(object)


def token_ids(rng: np.random.Generator, prefix: str, n: int, width: int = 14) -> np.ndarray:
    """Stripe-like ids: prefix + random base62 characters (unique by construction)."""
    randoms = BASE62[rng.integers(0, 62, size=(n, width - 4))]
    seq = _base62(np.arange(n, dtype=np.int64), 4)
    raw = np.concatenate([randoms, seq], axis=1).copy().view(f"S{width}").ravel()
    return np.char.add(prefix, raw.astype(f"U{width}")).astype(object)


def int_ids(rng: np.random.Generator, n: int, start: int, max_gap: int = 3) -> np.ndarray:
    """Increasing integer ids with small gaps, as text."""
    values = start + np.cumsum(rng.integers(1, max_gap + 1, n))
    return values.astype(str).astype(object)


def hex_ids(rng: np.random.Generator, n: int) -> np.ndarray:
    """UUID-shaped unique ids."""
    raw = rng.integers(0, 16, size=(n, 32)).astype(np.uint8)
    raw[:, 12] = 4
    seq = np.arange(n, dtype=np.int64)
    for position in range(8):  # low digits carry the row number: unique by construction
        raw[:, 31 - position] = (seq >> (4 * position)) & 15
    chars = np.frombuffer(b"0123456789abcdef", np.uint8)[raw]
    dash = np.full((n, 1), ord("-"), dtype=np.uint8)
    parts = [chars[:, :8], dash, chars[:, 8:12], dash, chars[:, 12:16], dash, chars[:, 16:20]]
    full = np.concatenate([*parts, dash, chars[:, 20:]], axis=1)
    return full.copy().view("S36").ravel().astype("U36").astype(object)


# ---------------------------------------------------------------- messiness
def messy_emails(
    rng: np.random.Generator,
    emails: np.ndarray,
    case_share: float,
    space_share: float,
    null_share: float = 0.0,
) -> pa.Array:
    """One tool's rendering of canonical lowercase emails: case and padding vary."""
    base = pa.array(emails, type=pa.string(), from_pandas=True)
    n = len(base)
    roll = rng.random(n)
    upper = pc.utf8_upper(base)
    title = pc.utf8_title(base)
    cased = pc.if_else(pa.array(roll < case_share * 0.3), upper, base)
    cased = pc.if_else(pa.array((roll >= case_share * 0.3) & (roll < case_share)), title, cased)
    pad = rng.random(n) < space_share
    padded = pc.binary_join_element_wise(" ", cased, "  ", "")
    out = pc.if_else(pa.array(pad), padded, cased)
    if null_share:
        out = pc.if_else(pa.array(rng.random(n) < null_share), pa.nulls(n, pa.string()), out)
    return out


def choose(rng: np.random.Generator, values: list[str], n: int, p: list[float] | None = None):
    arr = np.array(values, dtype=object)
    probs = None if p is None else np.array(p) / np.sum(p)
    return arr[rng.choice(len(values), size=n, p=probs)]
