"""Zendesk: organizations, users (end-users and staff), tickets and their trail.

Tickets come from customer contacts while a subscription runs, more often for
some channels (paid social, other campaigns) and bigger segments. Each ticket
walks new -> open (first agent reply) -> pending/hold -> solved (-> reopened
-> solved) -> closed; the history, the comments and the rating follow that walk.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from revops_dev.generate import reference as ref
from revops_dev.generate import world as wd
from revops_dev.generate.assemble import Draft, Render, stale_text
from revops_dev.generate.core import (
    DAY,
    END,
    HOUR,
    NULL,
    START,
    choose,
    int_ids,
    messy_emails,
    rng_for,
)
from revops_dev.generate.scenario import World

SYSTEM = "zendesk"
STATUSES = np.array(["new", "open", "pending", "hold", "solved", "closed"], dtype=object)
PRIORITIES = np.array(["low", "normal", "high", "urgent"], dtype=object)


@dataclass
class Desk:
    org_account: np.ndarray
    org_id: np.ndarray
    org_created: np.ndarray
    user_person: np.ndarray  # -1 for staff
    user_role: np.ndarray
    user_id: np.ndarray
    user_email: np.ndarray
    user_org: np.ndarray  # org index or -1
    user_created: np.ndarray
    agents: np.ndarray  # user row indices of staff
    ticket: dict[str, np.ndarray]
    status_rows: dict[str, np.ndarray]
    priority_rows: dict[str, np.ndarray]
    comments: dict[str, np.ndarray]


def desk(world: World) -> Desk:
    if "zendesk" not in world.cache:
        world.cache["zendesk"] = _build(world, rng_for(world.seed, "zendesk.desk"))
    return world.cache["zendesk"]


def _build(world: World, rng: np.random.Generator) -> Desk:
    acc, p, s, c = world.acc, world.people, world.subs, world.customers
    sub_account = c.account[s.customer]
    customer_acc = np.unique(sub_account[sub_account >= 0])
    others = np.nonzero((world.won_time < 0) & (rng.random(acc.n) < 0.2))[0]
    org_account = np.unique(np.concatenate([customer_acc, others, np.nonzero(acc.internal)[0]]))
    first_start = np.full(acc.n, END - DAY)
    np.minimum.at(first_start, sub_account[sub_account >= 0], s.start[sub_account >= 0])
    org_created = np.where(
        np.isin(org_account, customer_acc),
        first_start[org_account] - rng.integers(HOUR, 3 * DAY, len(org_account)),
        acc.created[org_account] + rng.integers(0, 30 * DAY, len(org_account)),
    )
    org_created = np.clip(org_created, START, END - HOUR)
    org_of_acc = np.full(acc.n, -1)
    org_of_acc[org_account] = np.arange(len(org_account))
    # end-users: the contacts of organisations' accounts, plus test users; then staff
    member = np.nonzero((p.account >= 0) & (org_of_acc[np.maximum(p.account, 0)] >= 0))[0]
    tests = np.nonzero(p.kind == wd.KIND_INTERNAL)[0][:4]
    n_agents = 6 + 3 * world.scale
    person = np.concatenate([member, tests, np.full(n_agents, -1)])
    role = np.array(
        ["end-user"] * (len(member) + len(tests)) + ["admin"] * 2 + ["agent"] * (n_agents - 2),
        dtype=object,
    )
    user_org = np.concatenate([org_of_acc[p.account[member]], np.full(len(tests) + n_agents, -1)])
    email = np.concatenate(
        [
            p.email[member],
            p.email[tests],
            np.char.add(
                np.char.add("agent", np.arange(n_agents).astype(str)), "@northwindcloud.io"
            ).astype(object),
        ]
    )
    created = np.concatenate(
        [
            np.maximum(org_created[user_org[: len(member)]], p.sf_contact_time[member]),
            START + rng.integers(0, 90 * DAY, len(tests)),
            START - rng.integers(10, 300, n_agents) * DAY,
        ]
    )
    agents = np.arange(len(member) + len(tests), len(person))
    ticket = _tickets(world, rng, org_of_acc, member, tests, len(member))
    np.minimum.at(created, ticket["requester"], ticket["created"] - 60)
    created = np.clip(created, START - 400 * DAY, END - HOUR)
    status_rows, priority_rows, comments = _walk(rng, ticket, agents, world)
    return Desk(
        org_account,
        int_ids(rng, len(org_account), 360_000_000_000, 5000),
        org_created,
        person,
        role,
        int_ids(rng, len(person), 380_000_000_000, 500),
        email,
        user_org,
        created,
        agents,
        ticket,
        status_rows,
        priority_rows,
        comments,
    )


def _tickets(world: World, rng, org_of_acc, member, tests, n_members) -> dict[str, np.ndarray]:
    s, c, acc = world.subs, world.customers, world.acc
    account = c.account[s.customer]
    live = (account >= 0) & (org_of_acc[np.maximum(account, 0)] >= 0)
    life_end = np.where(s.ended_at >= 0, s.ended_at, END)
    months = np.maximum(life_end - s.start, 0) / (30.44 * DAY)
    rate = np.array([0.35, 0.9, 2.0])[acc.segment[np.maximum(account, 0)]]
    rate = rate * np.array(ref.TICKET_FACTOR)[acc.channel[np.maximum(account, 0)]]
    count = np.where(live, rng.poisson(rate * months), 0)
    sub = np.repeat(np.arange(s.n), count)
    created = s.start[sub] + (rng.random(len(sub)) * (life_end[sub] - s.start[sub])).astype(
        np.int64
    )
    acc_idx = account[sub]
    # requester: a random member of the account (members are grouped by account)
    member_acc = world.people.account[member]
    lo = np.searchsorted(member_acc, acc_idx, side="left")
    hi = np.searchsorted(member_acc, acc_idx, side="right")
    requester = lo + (rng.random(len(sub)) * np.maximum(hi - lo, 1)).astype(np.int64)
    n_test = 3 + world.scale
    test_req = n_members + rng.integers(0, max(len(tests), 1), n_test)
    requester = np.concatenate([requester, test_req])
    created = np.concatenate([created, rng.integers(START, END - DAY, n_test)])
    org = np.concatenate([org_of_acc[acc_idx], np.full(n_test, -1)])
    channel = np.concatenate([acc.channel[acc_idx], np.full(n_test, 6)])
    order = np.argsort(created, kind="stable")
    return {
        "requester": requester[order],
        "created": np.minimum(created[order], END - HOUR),
        "org": org[order],
        "channel": channel[order],
    }


def _walk(rng, t: dict[str, np.ndarray], agents: np.ndarray, world: World):
    n = len(t["created"])
    t0 = t["created"]
    prio = rng.choice(4, n, p=[0.2, 0.55, 0.18, 0.07])
    answered = rng.random(n) > 0.06
    speed = np.array([1.6, 1.0, 0.6, 0.3])[prio]
    reply = t0 + (np.exp(rng.normal(np.log(4 * HOUR), 1.0, n)) * speed).astype(np.int64) + 300
    solved = reply + (rng.gamma(1.5, 1.6 * DAY, n)).astype(np.int64)
    reopen = rng.random(n) < 0.1
    reopened = solved + rng.integers(2 * HOUR, 5 * DAY, n)
    solved2 = reopened + rng.gamma(1.5, DAY, n).astype(np.int64)
    last_solved = np.where(reopen, solved2, solved)
    closed = last_solved + 4 * DAY
    pending = rng.random(n) < 0.55
    hold = ~pending & (rng.random(n) < 0.08)
    auto = np.where(answered, NULL, t0 + rng.integers(3, 20, n) * DAY)
    agent = agents[rng.integers(0, len(agents), n)]
    requester_user = t["requester"]
    events = [  # (mask, time, status index, by agent)
        (np.ones(n, bool), t0, 0, False),
        (answered, reply, 1, True),
        (answered & pending, reply + 60, 2, True),
        (answered & hold, reply + 120, 3, True),
        (answered, solved, 4, True),
        (answered & reopen, reopened, 1, False),
        (answered & reopen, solved2, 4, True),
        (answered, closed, 5, False),
        (~answered, auto, 4, True),
        (~answered, auto + 4 * DAY, 5, False),
    ]
    status_rows = _rows(events, agent, requester_user)
    esc = answered & (prio < 2) & (rng.random(n) < 0.08)
    prio_events = [
        (np.ones(n, bool), t0 + 1, prio, False),
        (esc, reply + HOUR, np.full(n, 3), True),
    ]
    priority_rows = _rows(prio_events, agent, requester_user, values=PRIORITIES)
    voice = rng.random(n) < 0.05
    note = answered & (rng.random(n) < 0.25)
    extra = answered & (rng.random(n) < 0.5)
    span = np.maximum(solved - reply, 120)
    comment_events = [
        (~voice, t0, 1, False),
        (voice, t0, 1, True),
        (note, t0 + (reply - t0) // 2, 0, True),
        (answered, reply, 1, True),
        (extra, reply + span // 3, 1, False),
        (extra, reply + 2 * span // 3, 1, True),
        (answered & reopen, reopened, 1, False),
    ]
    comments = _rows(comment_events, agent, requester_user)
    t["status"] = _last_value(status_rows, n, STATUSES)
    t["priority"] = _last_value(priority_rows, n, PRIORITIES)
    t["updated"] = np.maximum.reduce([t0, _last_time(status_rows, n), _last_time(comments, n)])
    t["agent"], t["voice"], t["answered"], t["solved_at"] = agent, voice, answered, last_solved
    return status_rows, priority_rows, comments


def _rows(events, agent, requester, values=None) -> dict[str, np.ndarray]:
    parts = {"ticket": [], "time": [], "value": [], "user": []}
    for mask, time, value, by_agent in events:
        idx = np.nonzero(mask & (np.asarray(time) >= 0) & (np.asarray(time) < END))[0]
        parts["ticket"].append(idx)
        parts["time"].append(np.broadcast_to(time, mask.shape)[idx])
        parts["value"].append(np.broadcast_to(value, mask.shape)[idx])
        parts["user"].append(agent[idx] if by_agent else requester[idx])
    rows = {key: np.concatenate(value) for key, value in parts.items()}
    order = np.lexsort((rows["time"], rows["ticket"]))
    return {key: value[order] for key, value in rows.items()}


def _last_value(rows, n, names) -> np.ndarray:
    out = np.zeros(n, dtype=np.int64)
    out[rows["ticket"]] = rows["value"]  # sorted by time: the last one wins
    return names[out]


def _last_time(rows, n) -> np.ndarray:
    out = np.zeros(n, dtype=np.int64)
    out[rows["ticket"]] = rows["time"]
    return out


def _organization(world: World, rng: np.random.Generator, r: Render) -> Draft:
    d = desk(world)
    acc = world.acc
    n = len(d.org_account)
    external = np.where(rng.random(n) < 0.6, acc.sf_id[d.org_account], None)
    domain = acc.domain[d.org_account].astype(str)
    alt = np.char.add(np.char.add(domain, ","), np.char.replace(domain, ".", "-app."))
    names = np.where(rng.random(n) < 0.2, alt, domain).astype(object)
    return Draft(
        {
            "id": d.org_id,
            "name": acc.name[d.org_account],
            "external_id": external,
            "domain_names": names,
            "created_at": r.ts(d.org_created),
        },
        modified=d.org_created,
        stale={"name": stale_text(acc.name[d.org_account])},
    )


def _user(world: World, rng: np.random.Generator, r: Render) -> Draft:
    d = desk(world)
    p = world.people
    n = len(d.user_id)
    staff = d.user_person < 0
    first = np.where(staff, choose(rng, list(ref.FIRST_NAMES), n), p.first[d.user_person])
    last = np.where(staff, choose(rng, list(ref.LAST_NAMES), n), p.last[d.user_person])
    name = np.char.add(np.char.add(first.astype(str), " "), last.astype(str))
    org = np.where(d.user_org >= 0, d.org_id[np.maximum(d.user_org, 0)], None)
    org[rng.random(n) < 0.05] = None
    return Draft(
        {
            "id": d.user_id,
            "email": messy_emails(rng, d.user_email, 0.1, 0.03, 0.01),
            "name": name,
            "role": d.user_role,
            "organization_id": org,
            "created_at": r.ts(d.user_created),
            "active": r.bool(rng.random(n) < 0.95),
        },
        modified=np.maximum(d.user_created, START),
        stale={"name": stale_text(name)},
    )


def ticket_ids(world: World) -> np.ndarray:
    rng = rng_for(world.seed, "zendesk.ticket_ids")
    return int_ids(rng, len(desk(world).ticket["created"]), 1000, 2)


def _ticket(world: World, rng: np.random.Generator, r: Render) -> Draft:
    d = desk(world)
    t = d.ticket
    n = len(t["created"])
    requester = d.user_id[t["requester"]]
    submitter = np.where(t["voice"], d.user_id[t["agent"]], requester)
    assignee = np.where(t["answered"] | (rng.random(n) < 0.5), d.user_id[t["agent"]], None)
    org = np.where(t["org"] >= 0, d.org_id[np.maximum(t["org"], 0)], None)
    via = np.where(
        t["voice"], "voice", choose(rng, ["email", "web", "chat", "api"], n, [0.5, 0.3, 0.15, 0.05])
    )
    subjects = [
        "Cannot log in",
        "Invoice question",
        "Dashboard not loading",
        "Add more seats",
        "Data sync delayed",
        "Export to CSV fails",
        "SSO configuration",
        "Bug report",
    ]
    return Draft(
        {
            "id": ticket_ids(world),
            "requester_id": requester,
            "submitter_id": submitter,
            "assignee_id": assignee,
            "organization_id": org,
            "subject": choose(rng, subjects, n),
            "status": t["status"],
            "priority": t["priority"],
            "type": choose(
                rng, ["question", "incident", "problem", "task"], n, [0.5, 0.3, 0.1, 0.1]
            ),
            "via_channel": via,
            "created_at": r.ts(t["created"]),
            "updated_at": r.ts(t["updated"]),
        },
        modified=t["updated"],
        stale={"status": np.full(n, "open", dtype=object)},
    )


def _ticket_field_history(world: World, rng: np.random.Generator, r: Render) -> Draft:
    d = desk(world)
    ids = ticket_ids(world)
    s, pr = d.status_rows, d.priority_rows
    ticket = np.concatenate([s["ticket"], pr["ticket"]])
    time = np.concatenate([s["time"], pr["time"]])
    value = np.concatenate([STATUSES[s["value"]], PRIORITIES[pr["value"]]])
    field = np.concatenate(
        [
            np.full(len(s["ticket"]), "status", object),
            np.full(len(pr["ticket"]), "priority", object),
        ]
    )
    user = d.user_id[np.concatenate([s["user"], pr["user"]])]
    order = np.lexsort((time, ticket))
    return Draft(
        {
            "ticket_id": ids[ticket][order],
            "field_name": field[order],
            "value": value[order],
            "updated": r.ts(time[order]),
            "user_id": user[order],
        },
        modified=time[order],
        stale={"user_id": np.full(len(order), None, dtype=object)},
        delete_share=0.003,
    )


def _ticket_comment(world: World, rng: np.random.Generator, r: Render) -> Draft:
    d = desk(world)
    c = d.comments
    m = len(c["ticket"])
    return Draft(
        {
            "id": int_ids(rng, m, 9_000_000_000, 40),
            "ticket_id": ticket_ids(world)[c["ticket"]],
            "user_id": d.user_id[c["user"]],
            "public": r.bool(c["value"].astype(bool)),
            "created": r.ts(c["time"]),
        },
        modified=c["time"],
        stale={"created": r.ts(c["time"])},
        delete_share=0.004,
    )


def _satisfaction_rating(world: World, rng: np.random.Generator, r: Render) -> Draft:
    d = desk(world)
    t = d.ticket
    n = len(t["created"])
    done = np.isin(t["status"], ["solved", "closed"]) & t["answered"]
    offered = done & (rng.random(n) < 0.55)
    unoffered = done & ~offered & (rng.random(n) < 0.15)
    idx = np.nonzero(offered | unoffered)[0]
    p_good = 0.9 - 0.25 * np.isin(t["channel"][idx], [2, 8])
    answered = offered[idx] & (rng.random(len(idx)) < 0.45)
    score = np.where(rng.random(len(idx)) < p_good, "good", "bad").astype(object)
    score[~answered] = "offered"
    score[unoffered[idx]] = "unoffered"
    created = np.minimum(t["solved_at"][idx] + rng.integers(HOUR, 2 * DAY, len(idx)), END - 60)
    comment = np.where(
        answered & (rng.random(len(idx)) < 0.3),
        np.where(score == "good", "Quick and helpful, thanks!", "Took too long to get an answer."),
        None,
    )
    return Draft(
        {
            "id": int_ids(rng, len(idx), 400_000_000, 20),
            "ticket_id": ticket_ids(world)[idx],
            "requester_id": d.user_id[t["requester"][idx]],
            "score": score,
            "comment": comment,
            "created_at": r.ts(created),
        },
        modified=created,
        stale={"score": np.where(answered, "offered", score)},
        dup_share=0.05,
        delete_share=0.004,
    )


BUILDERS = {
    "organization": _organization,
    "user": _user,
    "ticket": _ticket,
    "ticket_field_history": _ticket_field_history,
    "ticket_comment": _ticket_comment,
    "satisfaction_rating": _satisfaction_rating,
}


def drafts(world: World, tables: list[str]) -> Iterator[tuple[str, Draft]]:
    for table in tables:
        rng = rng_for(world.seed, f"{SYSTEM}.{table}")
        yield table, BUILDERS[table](world, rng, Render(rng, SYSTEM))
