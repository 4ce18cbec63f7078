"""Build the whole latent world once: people, accounts, deals, subscriptions.

Each tool's module then renders its tables from this world.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from revops_dev.generate import billing as bl
from revops_dev.generate import reference as ref
from revops_dev.generate import world as wd
from revops_dev.generate.core import DAY, END, HOUR, NULL, rng_for, sf_ids
from revops_dev.generate.sales import (
    TYPE_EXP,
    TYPE_NB,
    TYPE_REN,
    Opps,
    deal_terms,
    simple_deal,
    simulate_new_business,
)


@dataclass
class World:
    scale: int
    seed: int
    n_users: int
    acc: wd.Accounts
    people: wd.People
    comp: wd.Companies
    opp: dict[str, np.ndarray]
    history: dict[str, np.ndarray]
    won_time: np.ndarray  # per account: first won New Business (or -1)
    prices: bl.Prices
    customers: bl.Customers
    subs: bl.Subs
    periods: bl.Periods
    n_campaigns: int
    cache: dict = field(default_factory=dict)


def build_world(scale: int, seed: int) -> World:
    n_users = max(12, round(18 * scale))
    acc = wd.build_accounts(rng_for(seed, "accounts"), scale, n_users)
    people, comp = wd.build_people(rng_for(seed, "people"), scale, acc)
    opps = Opps()
    won_time, terms = _new_business(rng_for(seed, "new_business"), acc, opps)
    prices = bl.build_prices()
    customers, subs = _billing(rng_for(seed, "billing"), scale, acc, won_time, terms, prices)
    periods = bl.billing_periods(subs)
    _follow_ups(rng_for(seed, "follow_ups"), acc, customers, subs, prices, opps)
    opp, history = _finalise_opps(opps)
    return World(
        scale,
        seed,
        n_users,
        acc,
        people,
        comp,
        opp,
        history,
        won_time,
        prices,
        customers,
        subs,
        periods,
        n_campaigns=max(6, round(10 * scale)),
    )


def _new_business(rng: np.random.Generator, acc: wd.Accounts, opps: Opps):
    created = np.minimum(acc.created + rng.integers(0, 2 * DAY, acc.n), END - HOUR)
    seats, plan, interval, acv = deal_terms(rng, acc.segment, acc.currency)
    ids = opps.new(np.arange(acc.n), TYPE_NB, created, acc.currency)
    won, lost = simulate_new_business(rng, opps, ids, created, acc.segment, acv)
    retry = (lost >= 0) & (rng.random(acc.n) < 0.35)
    again = lost + rng.integers(60, 240, acc.n) * DAY
    retry &= again < END - DAY
    idx = np.nonzero(retry)[0]
    ids2 = opps.new(idx, TYPE_NB, again[idx], acc.currency[idx])
    won2, _ = simulate_new_business(rng, opps, ids2, again[idx], acc.segment[idx], acv[idx])
    won_time = won.copy()
    won_time[idx] = np.where(won_time[idx] >= 0, won_time[idx], won2)
    return won_time, (seats, plan, interval, acv)


def _billing(rng, scale, acc: wd.Accounts, won_time, terms, prices: bl.Prices):
    seats, plan, interval, _ = terms
    won_account = np.nonzero(won_time >= 0)[0]
    n_self = max(2, round(0.08 * len(won_account)))
    n_internal = 2 + scale // 20
    cust = bl.customers_for(
        rng,
        won_account,
        won_time[won_account],
        acc.currency,
        acc.channel,
        acc.segment,
        n_self,
        n_internal,
    )
    n_sales = len(won_account)
    start = np.concatenate(
        [
            np.maximum(
                won_time[won_account] + rng.integers(0, 30 * DAY, n_sales),
                cust.created[:n_sales] + HOUR,
            ),
            cust.created[n_sales:] + rng.integers(60, 2 * HOUR, cust.n - n_sales),
        ]
    )
    seats_all = np.concatenate(
        [seats[won_account], rng.integers(1, 6, n_self), np.ones(n_internal, int)]
    )
    plan_all = np.concatenate([plan[won_account], np.zeros(cust.n - n_sales, int)])
    interval_all = np.concatenate([interval[won_account], np.ones(cust.n - n_sales, int)])
    live = start < END - HOUR
    idx = np.nonzero(live)[0]
    subs = bl.make_subs(
        rng,
        prices,
        idx,
        start[idx],
        interval_all[idx],
        plan_all[idx],
        cust.currency[idx],
        seats_all[idx],
        cust.channel[idx],
        cust.segment[idx],
        reactivation=False,
    )
    back = (subs.ended_at >= 0) & (subs.ended_at < END - 90 * DAY) & (rng.random(subs.n) < 0.12)
    restart = subs.ended_at + rng.integers(45, 300, subs.n) * DAY
    back &= restart < END - DAY
    b = np.nonzero(back)[0]
    if len(b):
        c = subs.customer[b]
        again = bl.make_subs(
            rng,
            prices,
            c,
            restart[b],
            np.ones(len(b), int),
            subs.plan[b],
            cust.currency[c],
            np.maximum(1, (subs.q1[b] * 0.8).astype(int)),
            cust.channel[c],
            cust.segment[c],
            reactivation=True,
        )
        subs = bl.concat_subs(subs, again)
    return cust, subs


def _follow_ups(rng, acc: wd.Accounts, cust: bl.Customers, subs: bl.Subs, prices, opps: Opps):
    account = cust.account[subs.customer]
    sales_led = account >= 0
    unit = prices.unit[subs.price] / 100.0
    annual = subs.interval == 12
    factor = np.where(annual, 1.0, 12.0)
    # won expansions: the upgrades
    up = sales_led & (subs.up_time >= 0)
    i = np.nonzero(up)[0]
    created = np.maximum(subs.up_time[i] - rng.integers(10, 45, len(i)) * DAY, subs.start[i] + HOUR)
    amount = np.round((subs.q2[i] - subs.q1[i]) * unit[i] * factor[i], 2)
    ids = opps.new(account[i], TYPE_EXP, created, acc.currency[account[i]])
    simple_deal(rng, opps, ids, created, subs.up_time[i], amount, np.ones(len(i), bool))
    # expansions that did not happen (lost, or still open at the end)
    life_end = np.where(subs.ended_at >= 0, subs.ended_at, END)
    tried = sales_led & ~up & (rng.random(subs.n) < 0.5)
    j = np.nonzero(tried)[0]
    created = subs.start[j] + (rng.random(len(j)) * (life_end[j] - subs.start[j])).astype(np.int64)
    close = created + rng.integers(20, 70, len(j)) * DAY
    amount = np.round(subs.q1[j] * unit[j] * factor[j] * rng.uniform(0.2, 0.6, len(j)), 2)
    ids = opps.new(account[j], TYPE_EXP, created, acc.currency[account[j]])
    simple_deal(rng, opps, ids, created, close, amount, np.zeros(len(j), bool))
    # renewals of annual plans, one per anniversary
    for k in (1, 2):
        boundary = bl.add_months(subs.start, 12 * k * np.ones(subs.n, int))
        due = sales_led & annual & (boundary - 60 * DAY < END)
        due &= (subs.ended_at < 0) | (subs.ended_at >= boundary)
        r = np.nonzero(due)[0]
        created = boundary[r] - 60 * DAY + rng.integers(0, DAY, len(r))
        won = ~(subs.ended_at[r] == boundary[r])
        amount = np.round(subs.q1[r] * unit[r], 2)
        ids = opps.new(account[r], TYPE_REN, created, acc.currency[account[r]])
        simple_deal(rng, opps, ids, created, boundary[r], amount, won)


def _finalise_opps(opps: Opps) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    account = np.concatenate(opps.account)
    created = np.concatenate(opps.created)
    order = np.argsort(created, kind="stable")  # Salesforce ids grow with creation time
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    events = opps.events.arrays()
    last = np.r_[np.nonzero(np.diff(events["opp"]))[0], len(events["opp"]) - 1]
    opp = {
        "account": account,
        "type": np.concatenate(opps.type_),
        "created": created,
        "currency": np.concatenate(opps.currency),
        "sf_id": sf_ids("006", len(account))[rank],
        "stage": events["stage"][last],
        "amount": events["amount"][last],
        "close": events["close"][last],
        "modified": events["time"][last],
    }
    h_order = np.argsort(events["time"], kind="stable")
    h_rank = np.empty_like(h_order)
    h_rank[h_order] = np.arange(len(h_order))
    events["sf_id"] = sf_ids("008", len(h_order))[h_rank]
    return opp, events


def stage_table() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Arrays indexed by stage order: name, probability, forecast category, closed/won."""
    size = max(stage.order for stage in ref.stages()) + 1
    name = np.full(size, None, dtype=object)
    prob = np.zeros(size)
    forecast = np.full(size, None, dtype=object)
    flags = np.zeros((size, 2), dtype=bool)
    for stage in ref.stages():
        name[stage.order] = stage.name
        prob[stage.order] = stage.probability
        forecast[stage.order] = ref.forecast_category(stage)
        flags[stage.order] = (stage.is_closed, stage.is_won)
    return name, prob, forecast, flags


__all__ = ["NULL", "World", "build_world", "stage_table"]
