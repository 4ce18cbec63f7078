"""Salesforce tables: users, accounts, contacts, leads, opportunities, history, campaigns."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from revops_dev.generate import reference as ref
from revops_dev.generate import world as wd
from revops_dev.generate.assemble import Draft, Render, stale_number, stale_text
from revops_dev.generate.core import (
    DAY,
    END,
    HOUR,
    NULL,
    START,
    choose,
    messy_emails,
    rng_for,
    sf_ids,
)
from revops_dev.generate.sales import TYPE_NAMES, TYPE_NB
from revops_dev.generate.scenario import World, stage_table

SYSTEM = "salesforce"


@dataclass
class SfPeople:
    lead_person: np.ndarray
    lead_created: np.ndarray
    lead_dup: np.ndarray
    lead_id: np.ndarray
    person_lead: np.ndarray  # per person: primary lead id or None
    contact_person: np.ndarray
    contact_id: np.ndarray
    person_contact: np.ndarray  # per person: contact id or None
    user_id: np.ndarray
    nb_first: np.ndarray  # per account: index of first New Business opportunity (or -1)
    campaign_id: np.ndarray
    campaign_start: np.ndarray


def sf_people(world: World) -> SfPeople:
    if "sf" in world.cache:
        return world.cache["sf"]
    rng = rng_for(world.seed, "salesforce.people")
    p = world.people
    base = np.nonzero(p.in_sf_lead)[0]
    dup = base[(rng.random(len(base)) < 0.045) & (p.kind[base] != wd.KIND_INTERNAL)]
    dup_created = np.minimum(p.sf_lead_time[dup] + rng.integers(2, 200, len(dup)) * DAY, END - HOUR)
    person = np.concatenate([base, dup])
    created = np.concatenate([p.sf_lead_time[base], dup_created])
    is_dup = np.concatenate([np.zeros(len(base), bool), np.ones(len(dup), bool)])
    order = np.argsort(created, kind="stable")
    person, created, is_dup = person[order], created[order], is_dup[order]
    lead_id = sf_ids("00Q", len(person), start=int(rng.integers(10_000, 90_000)))
    person_lead = np.full(p.n, None, dtype=object)
    person_lead[person[~is_dup]] = lead_id[~is_dup]
    contact_person = np.nonzero(p.in_sf_contact)[0]
    contact_person = contact_person[np.argsort(p.sf_contact_time[contact_person], kind="stable")]
    contact_id = sf_ids("003", len(contact_person), start=int(rng.integers(10_000, 90_000)))
    person_contact = np.full(p.n, None, dtype=object)
    person_contact[contact_person] = contact_id
    opp = world.opp
    nb_first = np.full(world.acc.n, -1, dtype=np.int64)
    nb = np.nonzero(opp["type"] == TYPE_NB)[0]
    nb = nb[np.argsort(opp["created"][nb], kind="stable")[::-1]]
    nb_first[opp["account"][nb]] = nb  # earliest written last
    result = SfPeople(
        person,
        created,
        is_dup,
        lead_id,
        person_lead,
        contact_person,
        contact_id,
        person_contact,
        sf_ids("005", world.n_users, start=500),
        nb_first,
        sf_ids("701", world.n_campaigns, start=int(rng.integers(1000, 9000))),
        START + np.sort(rng.integers(0, (END - START) // DAY - 5, world.n_campaigns)) * DAY,
    )
    world.cache["sf"] = result
    return result


def shorten(rng: np.random.Generator, ids: np.ndarray, share: float) -> np.ndarray:
    """Some tools keep the 15-character form of an 18-character Salesforce id."""
    out = ids.copy()
    pick = np.nonzero((rng.random(len(ids)) < share) & np.not_equal(ids, None))[0]
    out[pick] = ids[pick].astype("U15").astype(object)
    return out


def _user(world: World, rng: np.random.Generator, r: Render) -> Draft:
    ids = sf_people(world).user_id
    n = len(ids)
    first = choose(rng, list(ref.FIRST_NAMES), n)
    last = choose(rng, list(ref.LAST_NAMES), n)
    titles = choose(
        rng,
        [
            "Account Executive",
            "Sales Development Rep",
            "Sales Manager",
            "Account Executive",
            "Customer Success Manager",
        ],
        n,
    )
    titles[:2] = ["Integration User", "VP Sales"]
    email = np.char.add(
        np.char.add(np.char.lower(first.astype(str)), "."),
        np.char.lower(np.char.replace(last.astype(str), "'", "")),
    )
    email = np.char.add(np.char.add(email, np.arange(n).astype(str)), "@northwindcloud.io")
    active = rng.random(n) < 0.88
    created = START + rng.integers(0, 30 * DAY, n)
    return Draft(
        {
            "id": ids,
            "name": np.char.add(np.char.add(first.astype(str), " "), last.astype(str)),
            "email": email,
            "title": titles,
            "is_active": r.bool(active),
        },
        modified=created,
        stale={"title": stale_text(titles)},
        delete_share=0.03,
    )


def websites(rng: np.random.Generator, domains: np.ndarray) -> np.ndarray:
    style = rng.choice(5, size=len(domains), p=[0.5, 0.2, 0.15, 0.1, 0.05])
    d = domains.astype(str)
    variants = [
        np.char.add("https://www.", d),
        np.char.add("www.", d),
        d,
        np.char.add(np.char.add("http://", d), "/"),
        np.char.add(np.char.add("https://", d), "/en"),
    ]
    return np.choose(style, variants).astype(object)


def _account(world: World, rng: np.random.Generator, r: Render) -> Draft:
    acc = world.acc
    users = sf_people(world).user_id
    employees = acc.employees.astype(object)
    employees[rng.random(acc.n) < 0.05] = None
    country = np.array(ref.COUNTRIES, dtype=object)[acc.country]
    country[rng.random(acc.n) < 0.03] = None
    kind = np.where(world.won_time >= 0, "Customer", "Prospect").astype(object)
    modified = np.maximum(acc.created, world.won_time)
    return Draft(
        {
            "id": acc.sf_id,
            "name": acc.name,
            "website": websites(rng, acc.domain),
            "industry": acc.industry,
            "number_of_employees": employees,
            "billing_country": country,
            "type": kind,
            "owner_id": users[acc.owner],
            "created_date": r.ts(acc.created),
        },
        modified=modified,
        stale={"name": stale_text(acc.name)},
        delete_share=0.012,
    )


def _contact(world: World, rng: np.random.Generator, r: Render) -> Draft:
    sf = sf_people(world)
    p = world.people
    idx = sf.contact_person
    source = lead_source(rng, p, idx)
    created = p.sf_contact_time[idx]
    return Draft(
        {
            "id": sf.contact_id,
            "account_id": world.acc.sf_id[p.account[idx]],
            "email": messy_emails(rng, p.email[idx], 0.08, 0.02, 0.02),
            "first_name": p.first[idx],
            "last_name": p.last[idx],
            "title": p.title[idx],
            "lead_source": source,
            "created_date": r.ts(created),
        },
        modified=created,
        stale={"title": stale_text(p.title[idx])},
        delete_share=0.015,
    )


def lead_source(rng: np.random.Generator, p: wd.People, idx: np.ndarray) -> np.ndarray:
    options = [ref.CHANNEL_SF_SOURCE[channel] for channel in ref.CHANNELS]
    pick = rng.integers(0, 6, len(idx))
    table = np.array([[opts[i % len(opts)] for i in range(6)] for opts in options], dtype=object)
    out = table[p.channel[idx], pick]
    outbound = p.kind[idx] == wd.KIND_OUTBOUND
    outbound |= (
        (p.kind[idx] == wd.KIND_ORIGIN) & (p.channel[idx] == 7) & (rng.random(len(idx)) < 0.5)
    )
    out[outbound] = "Outbound"
    out[rng.random(len(idx)) < 0.03] = None
    assert set(out[np.not_equal(out, None)]) <= ref.lead_sources()
    return out


def _lead(world: World, rng: np.random.Generator, r: Render) -> Draft:
    sf = sf_people(world)
    p = world.people
    idx = sf.lead_person
    n = len(idx)
    converted = (p.converted_time[idx] >= 0) & ~sf.lead_dup
    acc_idx = np.where(converted, p.account[idx], 0)
    status = choose(
        rng,
        ["Open - Not Contacted", "Working - Contacted", "Closed - Not Converted"],
        n,
        [0.3, 0.3, 0.4],
    )
    status[converted] = "Closed - Converted"
    nb = sf.nb_first[acc_idx]
    origin = converted & (p.kind[idx] == wd.KIND_ORIGIN) & (nb >= 0) & (rng.random(n) < 0.85)
    opp_id = np.where(origin, world.opp["sf_id"][np.maximum(nb, 0)], None)
    conv_date = np.where(converted, p.converted_time[idx], NULL)
    owner = np.where(converted, world.acc.owner[acc_idx], rng.integers(0, world.n_users, n))
    modified = np.maximum(sf.lead_created, conv_date)
    return Draft(
        {
            "id": sf.lead_id,
            "email": messy_emails(rng, p.email[idx], 0.1, 0.025, 0.02),
            "first_name": p.first[idx],
            "last_name": p.last[idx],
            "company": p.company[idx],
            "lead_source": lead_source(rng, p, idx),
            "status": status,
            "is_converted": r.bool(converted, blank_true=converted & (rng.random(n) < 0.25)),
            "converted_date": r.date(conv_date),
            "converted_account_id": np.where(converted, world.acc.sf_id[acc_idx], None),
            "converted_contact_id": np.where(converted, sf.person_contact[idx], None),
            "converted_opportunity_id": opp_id,
            "owner_id": sf.user_id[owner],
            "created_date": r.ts(sf.lead_created),
        },
        modified=modified,
        stale={"status": np.where(converted, "Working - Contacted", status)},
        delete_share=0.02,
    )


def _opportunity(world: World, rng: np.random.Generator, r: Render) -> Draft:
    opp = world.opp
    n = len(opp["account"])
    name, prob, forecast, flags = stage_table()
    stage = opp["stage"]
    probability = prob[stage].copy()
    tweak = (~flags[stage, 0]) & (rng.random(n) < 0.06)
    probability[tweak] = np.clip(probability[tweak] + rng.choice([-10, 5, 10], tweak.sum()), 5, 95)
    acc = world.acc
    sf = sf_people(world)
    nb = opp["type"] == TYPE_NB
    source = np.full(n, None, dtype=object)
    origin_person = np.full(acc.n, 0)
    origin_idx = np.nonzero(world.people.kind == wd.KIND_ORIGIN)[0]
    origin_person[world.people.account[origin_idx]] = origin_idx
    source[nb] = lead_source(rng, world.people, origin_person[opp["account"][nb]])
    campaign = np.full(n, None, dtype=object)
    events = nb & (acc.channel[opp["account"]] == 7) & (rng.random(n) < 0.6)
    campaign[events] = sf.campaign_id[rng.integers(0, len(sf.campaign_id), events.sum())]
    type_names = np.array(TYPE_NAMES, dtype=object)[opp["type"]]
    opp_name = np.char.add(
        np.char.add(acc.name[opp["account"]].astype(str), " - "), type_names.astype(str)
    )
    return Draft(
        {
            "id": opp["sf_id"],
            "account_id": acc.sf_id[opp["account"]],
            "name": opp_name,
            "type": type_names,
            "stage_name": name[stage],
            "amount": opp["amount"],
            "currency_iso_code": opp["currency"],
            "probability": probability,
            "forecast_category": forecast[stage],
            "close_date": r.date(opp["close"]),
            "is_closed": r.bool(flags[stage, 0]),
            "is_won": r.bool(flags[stage, 1]),
            "lead_source": source,
            "campaign_id": campaign,
            "owner_id": sf.user_id[acc.owner[opp["account"]]],
            "created_date": r.ts(opp["created"]),
        },
        modified=opp["modified"],
        stale={"amount": stale_number(opp["amount"], rng)},
        delete_share=0.015,
    )


def _opportunity_history(world: World, rng: np.random.Generator, r: Render) -> Draft:
    h = world.history
    name, prob, forecast, _ = stage_table()
    return Draft(
        {
            "id": h["sf_id"],
            "opportunity_id": world.opp["sf_id"][h["opp"]],
            "stage_name": name[h["stage"]],
            "amount": h["amount"],
            "probability": prob[h["stage"]],
            "forecast_category": forecast[h["stage"]],
            "close_date": r.date(h["close"]),
            "created_date": r.ts(h["time"]),
        },
        modified=h["time"],
        stale={"forecast_category": stale_text(forecast[h["stage"]])},
        delete_share=0.006,
    )


def _campaign(world: World, rng: np.random.Generator, r: Render) -> Draft:
    ids = sf_people(world).campaign_id
    n = len(ids)
    kind = choose(
        rng,
        ["Webinar", "Conference", "Trade Show", "Event", "Partner", "Email"],
        n,
        [0.35, 0.15, 0.15, 0.15, 0.1, 0.1],
    )
    start = sf_people(world).campaign_start
    length = np.where(np.isin(kind, ["Conference", "Trade Show"]), rng.integers(1, 4, n), 0)
    end = np.minimum(start + length * DAY, END - DAY)
    status = np.where(end < END - 3 * DAY, "Completed", "In Progress").astype(object)
    budget = np.round(rng.uniform(500, 40_000, n) * np.where(kind == "Trade Show", 2.5, 1.0), -2)
    actual = np.round(budget * rng.uniform(0.7, 1.2, n), 2).astype(object)
    actual[status == "In Progress"] = None
    label = np.char.add(np.char.add(kind.astype(str), " "), np.arange(1, n + 1).astype(str))
    return Draft(
        {
            "id": ids,
            "name": label,
            "type": kind,
            "status": status,
            "start_date": r.date(start),
            "end_date": r.date(end),
            "budgeted_cost": budget,
            "actual_cost": actual,
        },
        modified=end,
        stale={"status": np.full(n, "Planned", dtype=object)},
        delete_share=0.02,
    )


def _campaign_member(world: World, rng: np.random.Generator, r: Render) -> Draft:
    sf = sf_people(world)
    p = world.people
    n_camp = len(sf.campaign_id)
    size = rng.poisson(30, n_camp)
    camp = np.repeat(np.arange(n_camp), size)
    m = len(camp)
    pool = np.nonzero(p.in_sf_lead | p.in_sf_contact)[0]
    weight = np.where(p.channel[pool] == 7, 4.0, 1.0)
    person = pool[rng.choice(len(pool), size=m, p=weight / weight.sum())]
    start = sf.campaign_start
    begin = np.maximum(p.lead_time[person], start[camp] - rng.integers(1, 25, m) * DAY)
    created = np.minimum(begin + rng.integers(0, 8 * HOUR, m), END - HOUR)
    as_contact = np.not_equal(sf.person_contact[person], None) & (
        (rng.random(m) < 0.6) | np.equal(sf.person_lead[person], None)
    )
    lead = np.where(as_contact, None, sf.person_lead[person])
    contact = np.where(as_contact, sf.person_contact[person], None)
    status = choose(rng, ["Sent", "Registered", "Attended", "Responded"], m, [0.3, 0.3, 0.25, 0.15])
    responded = np.isin(status, ["Attended", "Responded"])
    first_resp = np.where(responded, np.minimum(np.maximum(start[camp], created), END - HOUR), NULL)
    return Draft(
        {
            "id": sf_ids("00v", m, start=int(rng.integers(1000, 9000))),
            "campaign_id": sf.campaign_id[camp],
            "lead_id": lead,
            "contact_id": contact,
            "status": status,
            "has_responded": r.bool(responded),
            "first_responded_date": r.date(first_resp),
            "created_date": r.ts(created),
        },
        modified=np.maximum(created, first_resp),
        stale={"status": np.full(m, "Sent", object)},
    )


BUILDERS = {
    "account": _account,
    "contact": _contact,
    "lead": _lead,
    "opportunity": _opportunity,
    "opportunity_history": _opportunity_history,
    "campaign": _campaign,
    "campaign_member": _campaign_member,
    "user": _user,
}


def drafts(world: World, tables: list[str]) -> Iterator[tuple[str, Draft]]:
    for table in tables:
        rng = rng_for(world.seed, f"{SYSTEM}.{table}")
        yield table, BUILDERS[table](world, rng, Render(rng, SYSTEM))
