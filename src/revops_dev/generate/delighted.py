"""Delighted NPS: customer contacts are surveyed every quarter; scores depend on the channel."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from revops_dev.generate import reference as ref
from revops_dev.generate import world as wd
from revops_dev.generate.assemble import Draft, Render, stale_text
from revops_dev.generate.core import DAY, END, HOUR, START, choose, int_ids, messy_emails, rng_for
from revops_dev.generate.scenario import World

SYSTEM = "delighted"
WAVE_DAYS = 91


def responses(world: World) -> dict[str, np.ndarray]:
    """One survey wave per quarter to the contacts of accounts with a live subscription."""
    if "delighted" in world.cache:
        return world.cache["delighted"]
    rng = rng_for(world.seed, "delighted.waves")
    p, s, c, acc = world.people, world.subs, world.customers, world.acc
    account = c.account[s.customer]
    life_end = np.where(s.ended_at >= 0, s.ended_at, END)
    parts: dict[str, list[np.ndarray]] = {"person": [], "time": [], "score": []}
    members = np.nonzero(p.account >= 0)[0]
    for wave in range(1, (END - START) // (WAVE_DAYS * DAY) + 1):
        when = START + wave * WAVE_DAYS * DAY - 20 * DAY
        live = (account >= 0) & (s.start < when - 30 * DAY) & (life_end > when)
        live_acc = np.zeros(acc.n, dtype=bool)
        live_acc[account[live]] = True
        asked = members[live_acc[p.account[members]] & (rng.random(len(members)) < 0.6)]
        asked = asked[rng.random(len(asked)) < 0.33]  # who answered
        chan = acc.channel[p.account[asked]]
        mean = 8.0 + np.array(ref.NPS_SHIFT)[chan] - 0.5 * (acc.segment[p.account[asked]] == 0)
        score = np.clip(np.round(rng.normal(mean, 1.8)), 0, 10).astype(np.int64)
        parts["person"].append(asked)
        parts["time"].append(when + rng.integers(0, 14 * DAY, len(asked)))
        parts["score"].append(score)
    tests = np.nonzero(p.kind == wd.KIND_INTERNAL)[0][:3]
    parts["person"].append(tests)
    parts["time"].append(rng.integers(START, END - DAY, len(tests)))
    parts["score"].append(np.full(len(tests), 10))
    out = {key: np.concatenate(value) for key, value in parts.items()}
    order = np.argsort(out["time"], kind="stable")
    out = {key: value[order] for key, value in out.items()}
    out["time"] = np.minimum(out["time"], END - HOUR)
    people, first = np.unique(out["person"], return_index=True)
    out["people"], out["people_first"] = people, out["time"][first]
    world.cache["delighted"] = out
    return out


def _person_ids(world: World) -> np.ndarray:
    return int_ids(rng_for(world.seed, "delighted.ids"), len(responses(world)["people"]), 70_000)


def _person(world: World, rng: np.random.Generator, r: Render) -> Draft:
    d = responses(world)
    p = world.people
    who = d["people"]
    name = np.char.add(np.char.add(p.first[who].astype(str), " "), p.last[who].astype(str))
    name = np.where(rng.random(len(who)) < 0.2, None, name)
    created = d["people_first"] - rng.integers(HOUR, 3 * DAY, len(who))
    return Draft(
        {
            "id": _person_ids(world),
            "email": messy_emails(rng, p.email[who], 0.12, 0.03),
            "name": name,
            "created_at": r.ts(created),
        },
        modified=created,
        stale={"name": stale_text(name)},
    )


def _response(world: World, rng: np.random.Generator, r: Render) -> Draft:
    d = responses(world)
    n = len(d["person"])
    person_id = _person_ids(world)[np.searchsorted(d["people"], d["person"])]
    survey = choose(rng, ["nps", "", None], n, [0.88, 0.08, 0.04])
    comment = np.where(
        rng.random(n) < 0.25,
        np.where(
            d["score"] >= 9,
            "Love the dashboards",
            np.where(
                d["score"] <= 6, "Too expensive and support is slow", "Good, some gaps in reporting"
            ),
        ),
        None,
    )
    return Draft(
        {
            "id": int_ids(rng, n, 5_000_000, 30),
            "person_id": person_id,
            "score": d["score"],
            "comment": comment,
            "survey_type": survey,
            "created_at": r.ts(d["time"]),
        },
        modified=d["time"],
        stale={"comment": stale_text(comment)},
        delete_share=0.01,
    )


BUILDERS = {"person": _person, "response": _response}


def drafts(world: World, tables: list[str]) -> Iterator[tuple[str, Draft]]:
    for table in tables:
        rng = rng_for(world.seed, f"{SYSTEM}.{table}")
        yield table, BUILDERS[table](world, rng, Render(rng, SYSTEM))
