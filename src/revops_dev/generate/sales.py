"""Opportunities and their history: stage paths by segment, backward moves, slips.

Every opportunity is a list of change events (stage, amount, probability,
close date) at change moments; the opportunity row is its latest event.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from revops_dev.generate import reference as ref
from revops_dev.generate.core import DAY, END, HOUR, NULL

TYPE_NB, TYPE_EXP, TYPE_REN = 0, 1, 2
TYPE_NAMES = ("New Business", "Expansion", "Renewal")
# advance probability per open stage by segment, written for five open stages
# (passing the last wins); other stage counts are fitted by advance_table
ADVANCE = np.array(
    [
        [0.82, 0.84, 0.78, 0.74, 0.8],
        [0.78, 0.8, 0.75, 0.7, 0.78],
        [0.74, 0.78, 0.72, 0.68, 0.76],
    ]
)
STAGE_DAYS = np.array([4.0, 11.0, 24.0])
REFERENCE_STAGES = ADVANCE.shape[1]


def advance_table(count: int) -> np.ndarray:
    """Advance probabilities for `count` open stages (segment x stage): ADVANCE read
    at each stage's relative position, raised to 5/count so that the chance of
    passing every stage, the win rate, stays the same whatever the stage count."""
    if count == REFERENCE_STAGES:
        return ADVANCE
    reference = np.arange(REFERENCE_STAGES)
    at = (
        np.linspace(0, REFERENCE_STAGES - 1, count)
        if count > 1
        else np.array([REFERENCE_STAGES - 1.0])
    )
    fitted = np.array([np.interp(at, reference, row) for row in ADVANCE])
    return fitted ** (REFERENCE_STAGES / count)


def stage_index(reference_index: int, count: int) -> int:
    """The open stage at the relative position of the reference_index-th of five."""
    if count == REFERENCE_STAGES:
        return reference_index
    if count <= 1:
        return 0
    return int(reference_index * (count - 1) / (REFERENCE_STAGES - 1) + 0.5)


PLAN_MONTHLY = {  # plan -> unit monthly price in major units per currency (USD, EUR, GBP)
    0: (29.0, 27.0, 23.0),
    1: (49.0, 45.0, 39.0),
    2: (89.0, 82.0, 70.0),
}


@dataclass
class Events:
    opp: list[np.ndarray] = field(default_factory=list)
    time: list[np.ndarray] = field(default_factory=list)
    stage: list[np.ndarray] = field(default_factory=list)
    amount: list[np.ndarray] = field(default_factory=list)
    close: list[np.ndarray] = field(default_factory=list)

    def add(self, opp, time, stage, amount, close) -> None:
        n = len(opp)
        self.opp.append(np.asarray(opp, dtype=np.int64))
        self.time.append(np.broadcast_to(np.asarray(time, dtype=np.int64), n).copy())
        self.stage.append(np.broadcast_to(np.asarray(stage, dtype=np.int64), n).copy())
        self.amount.append(np.broadcast_to(np.asarray(amount, dtype=np.float64), n).copy())
        self.close.append(np.broadcast_to(np.asarray(close, dtype=np.int64), n).copy())

    def arrays(self) -> dict[str, np.ndarray]:
        out = {
            "opp": np.concatenate(self.opp),
            "time": np.concatenate(self.time),
            "stage": np.concatenate(self.stage),
            "amount": np.concatenate(self.amount),
            "close": np.concatenate(self.close),
        }
        order = np.lexsort((out["time"], out["opp"]))
        return {key: value[order] for key, value in out.items()}


@dataclass
class Opps:
    """Opportunity attributes (one row each) plus their change events."""

    account: list[np.ndarray] = field(default_factory=list)
    type_: list[np.ndarray] = field(default_factory=list)
    created: list[np.ndarray] = field(default_factory=list)
    currency: list[np.ndarray] = field(default_factory=list)
    events: Events = field(default_factory=Events)
    count: int = 0

    def new(self, account, type_, created, currency) -> np.ndarray:
        n = len(account)
        ids = np.arange(self.count, self.count + n)
        self.count += n
        self.account.append(np.asarray(account, dtype=np.int64))
        self.type_.append(np.full(n, type_))
        self.created.append(np.asarray(created, dtype=np.int64))
        self.currency.append(np.asarray(currency, dtype=object))
        return ids


def round_day(times: np.ndarray) -> np.ndarray:
    return times // DAY * DAY


def deal_terms(rng: np.random.Generator, segment: np.ndarray, currency: np.ndarray):
    """Seats, plan (0 Starter, 1 Pro, 2 Enterprise), interval months and ACV."""
    n = len(segment)
    seats = np.where(
        segment == 0,
        rng.integers(3, 26, n),
        np.where(segment == 1, rng.integers(20, 151, n), rng.integers(100, 1201, n)),
    )
    plan = np.where(
        segment == 0,
        (rng.random(n) < 0.35).astype(int),
        np.where(segment == 1, 1 + (rng.random(n) < 0.25), 2),
    )
    annual = rng.random(n) < np.array([0.2, 0.45, 0.8])[segment]
    interval = np.where(annual, 12, 1)
    cur_idx = np.select([currency == "EUR", currency == "GBP"], [1, 2], 0)
    monthly = np.array([PLAN_MONTHLY[p] for p in range(3)])[plan, cur_idx]
    acv = seats * monthly * 12 * np.where(annual, 0.85, 1.0)
    return seats, plan, interval, np.round(acv, 2)


def simulate_new_business(
    rng: np.random.Generator,
    opps: Opps,
    ids: np.ndarray,
    created: np.ndarray,
    segment: np.ndarray,
    acv: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Walk each deal through the stages; returns (won_time or -1, lost_time or -1)."""
    n = len(ids)
    stages = ref.open_stages()
    won_order, lost_order = ref.won_stage().order, ref.lost_stage().order
    advance = advance_table(len(stages))
    # the same sales cycle whatever the number of stages
    stage_days = STAGE_DAYS * REFERENCE_STAGES / len(stages)
    pricing_stage = stage_index(2, len(stages))
    ev = opps.events
    estimate = np.round(acv * rng.uniform(0.7, 1.4, n), -2).clip(100)
    amount = estimate.copy()
    cycle = stage_days[segment] * len(stages) * DAY
    close_est = round_day(created + cycle.astype(np.int64))
    ev.add(ids, created, stages[0].order, amount, close_est)
    t = created.copy()
    active = np.ones(n, dtype=bool)
    won_time = np.full(n, NULL, dtype=np.int64)
    lost_time = np.full(n, NULL, dtype=np.int64)
    for s, stage in enumerate(stages):
        dur = rng.gamma(1.6, stage_days[segment] / 1.6) * DAY + rng.integers(HOUR, 8 * HOUR, n)
        t_next = t + dur.astype(np.int64)
        moving = active & (t_next < END)
        active &= moving
        adv = moving & (rng.random(n) < advance[segment, s])
        lost = moving & ~adv
        slipped = moving & (t_next > close_est)
        close_est = np.where(slipped, round_day(t_next + (cycle * 0.3).astype(np.int64)), close_est)
        back = adv & (s >= 2) & (s < len(stages) - 1) & (rng.random(n) < 0.08)
        if back.any():
            mid = t[back] + (t_next[back] - t[back]) // 2
            ev.add(ids[back], mid, stages[s - 1].order, amount[back], close_est[back])
        if s == pricing_stage:  # proposal pricing: the estimate becomes the real deal value
            amount = np.where(adv, acv, amount)
        change = adv & (rng.random(n) < 0.1)
        if change.any():  # an amount-only change in the middle of the stage
            mid = t[change] + (t_next[change] - t[change]) // 3
            amount[change] = np.round(amount[change] * rng.uniform(0.85, 1.15, change.sum()), 2)
            ev.add(ids[change], mid, stage.order, amount[change], close_est[change])
        if s < len(stages) - 1:
            step = adv
            ev.add(ids[step], t_next[step], stages[s + 1].order, amount[step], close_est[step])
        else:
            won_time[adv] = t_next[adv]
            amount = np.where(adv, acv, amount)
            ev.add(ids[adv], t_next[adv], won_order, amount[adv], round_day(t_next[adv]))
        lost_time[lost] = t_next[lost]
        ev.add(ids[lost], t_next[lost], lost_order, amount[lost], round_day(t_next[lost]))
        active &= adv
        t = np.where(adv, t_next, t)
    return won_time, lost_time


def simple_deal(
    rng: np.random.Generator,
    opps: Opps,
    ids: np.ndarray,
    created: np.ndarray,
    close: np.ndarray,
    amount: np.ndarray,
    won: np.ndarray,
) -> None:
    """A short path for expansions and renewals: first open stage -> the stage at the
    proposal's position (Discovery -> Proposal in the demo) -> closed (or open)."""
    stages = ref.open_stages()
    ev = opps.events
    ev.add(
        ids,
        created,
        stages[0].order,
        np.round(amount * rng.uniform(0.8, 1.2, len(ids)), 2),
        round_day(close),
    )
    mid = created + (close - created) // 2
    has_mid = mid < END
    proposal = stages[stage_index(3, len(stages))]
    ev.add(ids[has_mid], mid[has_mid], proposal.order, amount[has_mid], round_day(close[has_mid]))
    closed = close < END
    final = np.where(won, ref.won_stage().order, ref.lost_stage().order)
    ev.add(ids[closed], close[closed], final[closed], amount[closed], round_day(close[closed]))
