"""Stripe tables rendered from the world's customers, subscriptions and billing periods."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from revops_dev.generate import reference as ref
from revops_dev.generate import world as wd
from revops_dev.generate.assemble import Draft, Render, stale_text
from revops_dev.generate.billing import PLAN_NAMES, sub_current_period
from revops_dev.generate.core import (
    DAY,
    END,
    HOUR,
    NULL,
    START,
    choose,
    messy_emails,
    rng_for,
    token_ids,
)
from revops_dev.generate.scenario import World

SYSTEM = "stripe"
CUR = np.array(["usd", "eur", "gbp"], dtype=object)


def _ids(world: World) -> dict[str, np.ndarray]:
    if "stripe" not in world.cache:
        rng = rng_for(world.seed, "stripe.ids")
        world.cache["stripe"] = {
            "customer": token_ids(rng, "cus_", world.customers.n),
            "subscription": token_ids(rng, "sub_", world.subs.n, 24),
            "item": token_ids(rng, "si_", world.subs.n),
            "price": token_ids(rng, "price_", len(world.prices.unit), 24),
            "product": token_ids(rng, "prod_", 4),
        }
    return world.cache["stripe"]


def _customer(world: World, rng: np.random.Generator, r: Render) -> Draft:
    c = world.customers
    acc, p = world.acc, world.people
    n = c.n
    account = np.maximum(c.account, 0)
    origin = np.full(acc.n, 0)
    o = np.nonzero(p.kind == wd.KIND_ORIGIN)[0]
    origin[p.account[o]] = o
    domain = acc.domain[account].astype(str)
    billing = np.char.add(
        choose(rng, ["billing@", "accounts@", "finance@", "ap@"], n).astype(str), domain
    )
    email = np.where(rng.random(n) < 0.55, p.email[origin[account]], billing).astype(object)
    self_serve = c.kind == 1
    prospects = world.comp.domain[rng.integers(0, world.comp.n, n)].astype(str)
    free = np.array(ref.FREE_MAIL)[rng.integers(0, len(ref.FREE_MAIL), n)]
    ss_domain = np.where(rng.random(n) < 0.5, prospects, free)
    ss_email = np.char.add(
        np.char.add(choose(rng, list(ref.FIRST_NAMES), n).astype(str), "@"), ss_domain
    )
    email[self_serve] = np.char.lower(ss_email[self_serve]).astype(object)
    internal = c.kind == 2
    email[internal] = np.char.add(
        np.char.add("qa+stripe", np.arange(internal.sum()).astype(str)), "@northwindcloud.io"
    ).astype(object)
    name = np.where(c.account >= 0, acc.name[account], None)
    name[self_serve] = np.char.add(ss_domain[self_serve], " (self-serve)").astype(object)
    name[internal] = "Northwind QA"
    sfid = acc.sf_id[account]
    roll = rng.random(n)
    meta = np.where(
        roll < 0.7,
        np.char.add(np.char.add('{"salesforce_account_id": "', sfid.astype(str)), '"}'),
        np.where(roll < 0.85, "{}", '{"crm": "salesforce", "plan_source": "sales"}'),
    )
    meta = np.where(
        (roll > 0.95) & (roll < 0.97),
        np.char.add(
            np.char.add('{"salesforce_account_id": "', sfid.astype(str)), '", "segment": "managed"}'
        ),
        meta,
    )
    meta = np.where(c.account >= 0, meta, '{"signup_source": "website"}').astype(object)
    meta[internal] = '{"test": "true"}'
    churned_all = np.ones(n, dtype=bool)
    active = world.subs.ended_at < 0
    churned_all[world.subs.customer[active]] = False
    deleted = churned_all & (rng.random(n) < 0.1)
    desc = np.where(rng.random(n) < 0.4, None, np.char.add("Customer ", np.arange(n).astype(str)))
    delinquent = np.zeros(n, dtype=bool)
    delinquent[world.cache.get("stripe_delinquent", np.zeros(0, int))] = True
    return Draft(
        {
            "id": _ids(world)["customer"],
            "email": messy_emails(rng, email, 0.06, 0.02, 0.01),
            "name": name,
            "description": desc,
            "created": r.ts(c.created),
            "currency": CUR[c.currency],
            "delinquent": r.bool(delinquent),
            "metadata": meta,
        },
        modified=c.created,
        stale={"metadata": np.full(n, "{}", dtype=object)},
        deleted=deleted,
    )


def _product(world: World, rng: np.random.Generator, r: Render) -> Draft:
    names = np.array([*PLAN_NAMES, "Onboarding Package"], dtype=object)
    created = START - np.array([400, 400, 380, 200]) * DAY
    return Draft(
        {
            "id": _ids(world)["product"],
            "name": names,
            "active": r.bool(np.ones(4, bool)),
            "created": r.ts(created),
        },
        modified=created,
        stale={"name": stale_text(names)},
    )


def _price(world: World, rng: np.random.Generator, r: Render) -> Draft:
    rows = world.prices.rows
    interval = np.where(
        rows["interval"] == 1, "year", np.where(rows["interval"] == 0, "month", None)
    )
    count = np.where(rows["interval"] >= 0, 1, None)
    created = START - np.where(rows["active"].astype(bool), 100, 380) * DAY
    return Draft(
        {
            "id": _ids(world)["price"],
            "product_id": _ids(world)["product"][rows["plan"]],
            "currency": CUR[rows["cur"]],
            "unit_amount": rows["unit"],
            "recurring_interval": interval,
            "recurring_interval_count": count,
            "type": rows["type"],
            "active": r.bool(rows["active"].astype(bool)),
            "created": r.ts(created),
        },
        modified=created,
        delete_share=0.0,
    )


def _status(world: World, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Invoice status per period, and the subscription statuses that follow."""
    s, pr = world.subs, world.periods
    m = len(pr.sub)
    status = choose(rng, ["paid", "open"], m, [0.985, 0.015])
    recent = pr.start >= END - 3 * DAY
    status[recent] = choose(rng, ["draft", "open", "paid"], recent.sum(), [0.3, 0.4, 0.3])
    last = np.r_[pr.sub[1:] != pr.sub[:-1], True]
    immediate = s.immediate[pr.sub] & last
    status[immediate] = "uncollectible"
    sub_status = np.where(s.ended_at >= 0, "canceled", "active").astype(object)
    late = last & (status == "open") & (pr.start < END - 7 * DAY)
    sub_status[pr.sub[late]] = "past_due"
    trialing = (s.trial_start >= 0) & (s.start >= END)
    sub_status[trialing] = "trialing"
    world.cache["stripe_delinquent"] = s.customer[pr.sub[late]]
    return status, sub_status, last


def _subscription(world: World, rng: np.random.Generator, r: Render) -> Draft:
    s = world.subs
    _, sub_status, _ = invoice_status(world)
    cps, cpe = sub_current_period(s, world.periods)
    cancel_at_end = (s.canceled_at >= 0) & (s.ended_at < 0)
    trial_end = np.where(s.trial_start >= 0, s.start, NULL)
    modified = np.max(np.stack([s.created, cps, s.canceled_at, s.ended_at]), axis=0)
    modified = np.minimum(modified, END - 1)
    prior = np.where(sub_status == "canceled", "active", sub_status)
    return Draft(
        {
            "id": _ids(world)["subscription"],
            "customer_id": _ids(world)["customer"][s.customer],
            "status": sub_status,
            "created": r.ts(s.created),
            "start_date": r.ts(s.start),
            "current_period_start": r.ts(cps),
            "current_period_end": r.ts(cpe),
            "cancel_at_period_end": r.bool(cancel_at_end),
            "canceled_at": r.ts(s.canceled_at),
            "ended_at": r.ts(s.ended_at),
            "trial_start": r.ts(s.trial_start),
            "trial_end": r.ts(trial_end),
        },
        modified=modified,
        stale={"status": prior},
        delete_share=0.004,
    )


def invoice_status(world: World):
    if "stripe_status" not in world.cache:
        world.cache["stripe_status"] = _status(world, rng_for(world.seed, "stripe.status"))
    return world.cache["stripe_status"]


def _subscription_item(world: World, rng: np.random.Generator, r: Render) -> Draft:
    s = world.subs
    quantity = np.where(s.up_time >= 0, s.q2, np.where(s.down_time >= 0, s.q3, s.q1))
    modified = np.maximum(s.created, np.maximum(s.up_time, s.down_time))
    return Draft(
        {
            "id": _ids(world)["item"],
            "subscription_id": _ids(world)["subscription"],
            "price_id": _ids(world)["price"][s.price],
            "quantity": quantity,
            "created": r.ts(s.created),
        },
        modified=np.minimum(modified, END - 1),
        stale={"quantity": s.q1},
        delete_share=0.003,
    )


def invoices(world: World) -> dict[str, np.ndarray]:
    """All invoices and lines: one per billing period (plus void reissues, proration invoices)."""
    if "stripe_invoices" in world.cache:
        return world.cache["stripe_invoices"]
    rng = rng_for(world.seed, "stripe.invoices")
    s, pr, prices = world.subs, world.periods, world.prices
    status, _, _ = invoice_status(world)
    unit = prices.unit[s.price[pr.sub]]
    created = np.minimum(pr.start + rng.integers(0, 2 * HOUR, len(pr.sub)), END - 60)
    inv = {"sub": pr.sub, "status": status, "created": created, "start": pr.start, "end": pr.end}
    lines = {
        "inv": np.arange(len(pr.sub)),
        "type": np.full(len(pr.sub), "subscription", object),
        "amount": pr.quantity * unit,
        "quantity": pr.quantity,
        "proration": np.zeros(len(pr.sub), bool),
        "start": pr.start,
        "end": pr.end,
        "price": s.price[pr.sub],
    }
    # onboarding fee on the first invoice of some bigger customers
    seg = world.customers.segment[s.customer[pr.sub]]
    fee = (pr.k == 0) & (seg > 0) & (rng.random(len(pr.sub)) < 0.3) & ~s.reactivation[pr.sub]
    f = np.nonzero(fee)[0]
    cur = world.customers.currency[s.customer[pr.sub[f]]]
    extra = [
        {
            "inv": f,
            "type": np.full(len(f), "invoiceitem", object),
            "amount": prices.unit[prices.onboarding[cur]],
            "quantity": np.ones(len(f), int),
            "proration": np.zeros(len(f), bool),
            "start": created[f],
            "end": created[f],
            "price": prices.onboarding[cur],
        }
    ]
    # upgrades: an immediate invoice with one proration line for the rest of the period
    up = np.nonzero(s.up_time >= 0)[0]
    k = np.searchsorted(pr.sub, up, side="left")
    idx = k + 0
    for _ in range(40):  # advance to the period containing the upgrade
        move = (idx + 1 < len(pr.sub)) & (pr.sub[np.minimum(idx + 1, len(pr.sub) - 1)] == up)
        move &= pr.start[np.minimum(idx + 1, len(pr.sub) - 1)] <= s.up_time[up]
        if not move.any():
            break
        idx = np.where(move, idx + 1, idx)
    frac = (pr.end[idx] - s.up_time[up]) / np.maximum(pr.end[idx] - pr.start[idx], 1)
    unit_up = prices.unit[s.price[up]]
    amount = np.round((s.q2[up] - s.q1[up]) * unit_up * np.clip(frac, 0, 1)).astype(np.int64)
    base = len(inv["sub"])
    upgrade_inv = {
        "sub": up,
        "status": np.where(s.up_time[up] > END - 2 * DAY, "open", "paid").astype(object),
        "created": s.up_time[up],
        "start": s.up_time[up],
        "end": pr.end[idx],
    }
    inv = {key: np.concatenate([value, upgrade_inv[key]]) for key, value in inv.items()}
    extra.append(
        {
            "inv": base + np.arange(len(up)),
            "type": np.full(len(up), "subscription", object),
            "amount": amount,
            "quantity": s.q2[up] - s.q1[up],
            "proration": np.ones(len(up), bool),
            "start": s.up_time[up],
            "end": pr.end[idx],
            "price": s.price[up],
        }
    )
    # void invoices that were reissued: a voided copy of ~1% of period invoices
    v = np.nonzero(rng.random(len(pr.sub)) < 0.01)[0]
    base = len(inv["sub"])
    inv = {key: np.concatenate([value, value[v]]) for key, value in inv.items()}
    inv["status"][base:] = "void"
    inv["created"][base:] = inv["created"][v] - rng.integers(HOUR, 3 * HOUR, len(v))
    extra.append(
        {
            key: (value[v] if key != "inv" else base + np.arange(len(v)))
            for key, value in lines.items()
        }
    )
    lines = {key: np.concatenate([lines[key], *(e[key] for e in extra)]) for key in lines}
    order = np.argsort(inv["created"], kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    inv = {key: value[order] for key, value in inv.items()}
    lines["inv"] = rank[lines["inv"]]
    lorder = np.lexsort((lines["start"], lines["inv"]))
    lines = {key: value[lorder] for key, value in lines.items()}
    inv["id"] = token_ids(rng, "in_", len(order), 24)
    world.cache["stripe_invoices"] = (inv, lines)
    return inv, lines


def _invoice(world: World, rng: np.random.Generator, r: Render) -> Draft:
    inv, lines = invoices(world)
    ids = _ids(world)
    n = len(inv["sub"])
    total = np.bincount(lines["inv"], weights=lines["amount"], minlength=n).astype(np.int64)
    paid = inv["status"] == "paid"
    customer = world.subs.customer[inv["sub"]]
    seq = np.zeros(n, dtype=np.int64)
    order = np.lexsort((inv["created"], customer))
    first = np.r_[True, customer[order][1:] != customer[order][:-1]]
    run = np.arange(n) - np.maximum.accumulate(np.where(first, np.arange(n), 0))
    seq[order] = run + 1
    prefix = np.char.upper(ids["customer"][customer].astype("U12").astype(str))
    number = np.char.add(
        np.char.add(np.char.replace(prefix, "CUS_", ""), "-"), np.char.zfill(seq.astype(str), 4)
    ).astype(object)
    number[inv["status"] == "draft"] = None
    send_invoice = world.customers.segment[customer] == 2
    due = np.where(send_invoice, inv["created"] + 30 * DAY, NULL)
    modified = np.where(paid, inv["created"] + rng.integers(60, 3 * DAY, n), inv["created"])
    modified = np.minimum(modified, END - 1)
    return Draft(
        {
            "id": inv["id"],
            "customer_id": ids["customer"][customer],
            "subscription_id": ids["subscription"][inv["sub"]],
            "number": number,
            "status": inv["status"],
            "currency": CUR[world.customers.currency[customer]],
            "subtotal": total,
            "total": total,
            "amount_due": total,
            "amount_paid": np.where(paid, total, 0),
            "period_start": r.ts(inv["start"]),
            "period_end": r.ts(inv["end"]),
            "created": r.ts(inv["created"]),
            "due_date": r.ts(due),
        },
        modified=modified,
        stale={
            "status": np.where(paid, "open", inv["status"]),
            "amount_paid": np.zeros(n, np.int64),
        },
        delete_share=0.002,
    )


def _invoice_line_item(world: World, rng: np.random.Generator, r: Render) -> Draft:
    inv, lines = invoices(world)
    ids = _ids(world)
    invoice_ids = inv["id"]
    sub = inv["sub"][lines["inv"]]
    m = len(sub)
    item = np.where(lines["type"] == "subscription", ids["item"][sub], None)
    customer = world.subs.customer[sub]
    currency = CUR[world.customers.currency[customer]].copy()
    currency[rng.random(m) < 0.01] = None
    return Draft(
        {
            "id": token_ids(rng, "il_", m, 24),
            "invoice_id": invoice_ids[lines["inv"]],
            "subscription_id": ids["subscription"][sub],
            "subscription_item_id": item,
            "price_id": ids["price"][lines["price"]],
            "type": lines["type"],
            "amount": lines["amount"].astype(np.int64),
            "currency": currency,
            "quantity": lines["quantity"],
            "proration": r.bool(lines["proration"]),
            "period_start": r.ts(lines["start"]),
            "period_end": r.ts(lines["end"]),
        },
        modified=inv["created"][lines["inv"]],
        stale={"quantity": lines["quantity"]},
        delete_share=0.001,
    )


BUILDERS = {
    "customer": _customer,
    "product": _product,
    "price": _price,
    "subscription": _subscription,
    "subscription_item": _subscription_item,
    "invoice": _invoice,
    "invoice_line_item": _invoice_line_item,
}


def drafts(world: World, tables: list[str]) -> Iterator[tuple[str, Draft]]:
    invoice_status(world)  # statuses first: the customer table reads delinquency from them
    for table in tables:
        rng = rng_for(world.seed, f"{SYSTEM}.{table}")
        yield table, BUILDERS[table](world, rng, Render(rng, SYSTEM))
