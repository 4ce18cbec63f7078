"""Stripe: customers, prices, subscriptions, invoices and their lines.

A won deal starts a subscription 0-30 days later. Each subscription is billed
every period (monthly or annual) until it ends: churn (at period end, or at
once for non-payment), an optional mid-period upgrade (a proration line on an
immediate invoice), an optional downgrade at a renewal, and a few churned
customers reactivate later with a new subscription.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from revops_dev.generate import reference as ref
from revops_dev.generate.core import DAY, END, HOUR, NULL, START
from revops_dev.generate.sales import PLAN_MONTHLY

PLAN_NAMES = ("Northwind Starter", "Northwind Pro", "Northwind Enterprise")
ONBOARDING = (150000, 140000, 120000)  # one-off fee in cents per currency
LEGACY_BEFORE = int(np.datetime64("2025-04-01", "s").astype(np.int64))


def add_months(times: np.ndarray, months: np.ndarray) -> np.ndarray:
    """Calendar month arithmetic (day clamped to the month's end), vectorised."""
    t = times.astype("datetime64[s]")
    day0 = t.astype("datetime64[D]")
    month0 = t.astype("datetime64[M]")
    dom = (day0 - month0.astype("datetime64[D]")).astype(np.int64)
    tod = (t - day0.astype("datetime64[s]")).astype(np.int64)
    target = month0 + np.asarray(months).astype("timedelta64[M]")
    dim = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(np.int64)
    days = target.astype("datetime64[D]") + np.minimum(dom, dim - 1).astype("timedelta64[D]")
    return days.astype("datetime64[s]").astype(np.int64) + tod


@dataclass
class Prices:
    """Price catalogue: index [plan, currency, interval(0 month, 1 year), legacy]."""

    index: np.ndarray
    unit: np.ndarray
    onboarding: np.ndarray  # per currency
    rows: dict[str, np.ndarray]


def build_prices() -> Prices:
    rows: dict[str, list] = {k: [] for k in ("plan", "cur", "interval", "unit", "type", "active")}
    index = np.zeros((3, 3, 2, 2), dtype=np.int64)
    unit = np.zeros(0)
    units: list[int] = []
    for plan in range(3):
        for cur in range(3):
            for interval in range(2):
                for legacy in range(2):
                    monthly = PLAN_MONTHLY[plan][cur] * (0.85 if legacy else 1.0)
                    cents = round(monthly * 100 * (12 * 0.85 if interval else 1))
                    index[plan, cur, interval, legacy] = len(units)
                    units.append(cents)
                    for key, value in zip(
                        rows, (plan, cur, interval, cents, "recurring", not legacy), strict=True
                    ):
                        rows[key].append(value)
    onboarding = np.arange(len(units), len(units) + 3)
    for cur in range(3):
        units.append(ONBOARDING[cur])
        for key, value in zip(rows, (3, cur, -1, ONBOARDING[cur], "one_time", True), strict=True):
            rows[key].append(value)
    unit = np.array(units, dtype=np.int64)
    return Prices(
        index,
        unit,
        onboarding,
        {k: np.array(v, dtype=object if k == "type" else None) for k, v in rows.items()},
    )


@dataclass
class Customers:
    n: int
    account: np.ndarray  # -1: not a Salesforce customer (self-serve or test)
    kind: np.ndarray  # 0 sales-led, 1 self-serve, 2 internal test
    created: np.ndarray
    currency: np.ndarray  # index 0 USD, 1 EUR, 2 GBP
    channel: np.ndarray
    segment: np.ndarray


@dataclass
class Subs:
    n: int
    customer: np.ndarray
    start: np.ndarray
    created: np.ndarray
    interval: np.ndarray  # months
    plan: np.ndarray
    price: np.ndarray
    q1: np.ndarray
    up_time: np.ndarray
    q2: np.ndarray
    down_time: np.ndarray
    q3: np.ndarray
    canceled_at: np.ndarray
    ended_at: np.ndarray
    immediate: np.ndarray
    trial_start: np.ndarray
    reactivation: np.ndarray


def churn_hazard(channel: np.ndarray, segment: np.ndarray) -> np.ndarray:
    """Monthly probability of deciding to cancel."""
    return 0.018 * np.array(ref.CHURN_FACTOR)[channel] * np.array([1.7, 1.0, 0.45])[segment]


def make_subs(
    rng: np.random.Generator,
    prices: Prices,
    customer: np.ndarray,
    start: np.ndarray,
    interval: np.ndarray,
    plan: np.ndarray,
    cur: np.ndarray,
    seats: np.ndarray,
    channel: np.ndarray,
    segment: np.ndarray,
    reactivation: bool,
) -> Subs:
    n = len(customer)
    legacy = (start < LEGACY_BEFORE) & (interval == 1) & (rng.random(n) < 0.6)
    price = prices.index[plan, cur, (interval == 12).astype(int), legacy.astype(int)]
    months_to_cancel = rng.exponential(1.0 / churn_hazard(channel, segment))
    canceled_at = start + (months_to_cancel * 30.44 * DAY).astype(np.int64)
    # cancellation takes effect at the end of the period it falls in
    periods_done = np.floor(months_to_cancel / interval).astype(np.int64) + 1
    ended_at = add_months(start, periods_done * interval)
    immediate = (rng.random(n) < 0.15) & (interval == 1)
    ended_at = np.where(immediate, canceled_at, ended_at)
    canceled_at = np.where(canceled_at < END, canceled_at, NULL)
    ended_at = np.where((ended_at < END) & (canceled_at >= 0), ended_at, NULL)
    life_end = np.where(ended_at >= 0, ended_at, END)
    p_up = 0.4 * np.array(ref.EXPANSION_FACTOR)[channel] * np.array([0.8, 1.0, 1.3])[segment]
    up_time = start + rng.uniform(45, 420, n).astype(np.int64) * DAY + rng.integers(0, DAY, n)
    has_up = (rng.random(n) < p_up) & (up_time < life_end - DAY) & ~np.asarray(reactivation)
    up_time = np.where(has_up, up_time, NULL)
    q2 = np.where(has_up, np.ceil(seats * rng.uniform(1.15, 1.8, n)).astype(np.int64), seats)
    k_down = np.where(interval == 12, 1, rng.integers(3, 14, n))
    down_time = add_months(start, k_down * interval)
    has_down = (rng.random(n) < 0.12) & ~has_up & (down_time < life_end) & (seats > 3)
    down_time = np.where(has_down, down_time, NULL)
    q3 = np.where(has_down, np.maximum(1, np.floor(seats * rng.uniform(0.5, 0.85, n))), seats)
    trial = (segment == 0) & (rng.random(n) < 0.2) & ~np.asarray(reactivation)
    trial_start = np.where(trial, start - 14 * DAY, NULL)
    created = np.where(trial, trial_start, start - rng.integers(0, 3 * HOUR, n))
    return Subs(
        n=n,
        customer=customer,
        start=start,
        created=created,
        interval=interval,
        plan=plan,
        price=price,
        q1=seats.astype(np.int64),
        up_time=up_time,
        q2=q2.astype(np.int64),
        down_time=down_time,
        q3=q3.astype(np.int64),
        canceled_at=canceled_at,
        ended_at=ended_at,
        immediate=immediate & (ended_at >= 0),
        trial_start=trial_start,
        reactivation=np.full(n, reactivation),
    )


def concat_subs(a: Subs, b: Subs) -> Subs:
    fields = {k: np.concatenate([getattr(a, k), getattr(b, k)]) for k in a.__dict__ if k != "n"}
    return Subs(n=a.n + b.n, **fields)


@dataclass
class Periods:
    sub: np.ndarray
    k: np.ndarray
    start: np.ndarray
    end: np.ndarray
    quantity: np.ndarray


def billing_periods(subs: Subs) -> Periods:
    life_end = np.where(subs.ended_at >= 0, subs.ended_at, END)
    parts: list[tuple[np.ndarray, ...]] = []
    max_k = 40
    for k in range(max_k):
        begin = add_months(subs.start, k * subs.interval)
        valid = (begin < life_end) & (begin < END)
        if not valid.any():
            break
        idx = np.nonzero(valid)[0]
        finish = add_months(subs.start[idx], (k + 1) * subs.interval[idx])
        quantity = subs.q1[idx].copy()
        up = (subs.up_time[idx] >= 0) & (begin[idx] >= subs.up_time[idx])
        quantity[up] = subs.q2[idx][up]
        down = (subs.down_time[idx] >= 0) & (begin[idx] >= subs.down_time[idx])
        quantity[down] = subs.q3[idx][down]
        parts.append((idx, np.full(len(idx), k), begin[idx], finish, quantity))
    cols = [np.concatenate(col) for col in zip(*parts, strict=True)]
    order = np.lexsort((cols[1], cols[0]))
    return Periods(*(col[order] for col in cols))


def sub_current_period(subs: Subs, periods: Periods) -> tuple[np.ndarray, np.ndarray]:
    """current_period_start/end: the latest billed period of each subscription."""
    start = np.full(subs.n, NULL, dtype=np.int64)
    end = np.full(subs.n, NULL, dtype=np.int64)
    start[periods.sub] = periods.start  # later k overwrite earlier (sorted by sub, k)
    end[periods.sub] = periods.end
    trialing = start < 0
    start[trialing] = np.maximum(subs.trial_start[trialing], subs.created[trialing])
    end[trialing] = subs.start[trialing]
    return start, end


def customers_for(
    rng: np.random.Generator,
    won_account: np.ndarray,
    won_time: np.ndarray,
    acc_currency: np.ndarray,
    acc_channel: np.ndarray,
    acc_segment: np.ndarray,
    n_self_serve: int,
    n_internal: int,
) -> Customers:
    cur_idx = np.select([acc_currency == "EUR", acc_currency == "GBP"], [1, 2], 0)
    n_sales = len(won_account)
    created = won_time + rng.integers(HOUR, 5 * DAY, n_sales)
    ss_created = np.sort(rng.integers(START + 5 * DAY, END - DAY, n_self_serve))
    int_created = rng.integers(START, END - 30 * DAY, n_internal)
    return Customers(
        n=n_sales + n_self_serve + n_internal,
        account=np.concatenate([won_account, np.full(n_self_serve + n_internal, -1)]),
        kind=np.concatenate(
            [np.zeros(n_sales, int), np.ones(n_self_serve, int), np.full(n_internal, 2)]
        ),
        created=np.minimum(np.concatenate([created, ss_created, int_created]), END - HOUR),
        currency=np.concatenate(
            [
                cur_idx[won_account],
                rng.choice(3, n_self_serve, p=[0.7, 0.2, 0.1]),
                np.zeros(n_internal, int),
            ]
        ),
        channel=np.concatenate(
            [
                acc_channel[won_account],
                rng.choice(len(ref.CHANNELS), n_self_serve),
                np.full(n_internal, 6),
            ]
        ),
        segment=np.concatenate(
            [acc_segment[won_account], np.zeros(n_self_serve + n_internal, int)]
        ),
    )
