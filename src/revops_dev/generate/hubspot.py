"""HubSpot tables: contacts (with merges and duplicates), companies, forms, submissions, email.

Email volume: campaigns = ceil(20 * sqrt(scale)); each is sent to ~20% of all
contacts (those existing at send time), ~3.4 events per recipient (SENT,
DELIVERED or BOUNCE, repeated OPENs and CLICKs, rare UNSUBSCRIBED):
events ~= ceil(20 * sqrt(scale)) * 0.2 * 3340 * scale * 3.4 * ~0.9 (early sends
reach fewer contacts). That is ~40k events at scale 1, ~14M at scale 50 (15M+
raw rows in all) and ~40M at scale 100; events are produced one campaign at a time.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from revops.raw_contract import RawTable
from revops_dev.generate import reference as ref
from revops_dev.generate import world as wd
from revops_dev.generate.assemble import Draft, Render, finish, stale_text
from revops_dev.generate.core import (
    DAY,
    END,
    HOUR,
    NULL,
    START,
    choose,
    day_weights,
    draw_times,
    hex_ids,
    int_ids,
    messy_emails,
    rng_for,
)
from revops_dev.generate.salesforce import sf_people, shorten
from revops_dev.generate.scenario import World

SYSTEM = "hubspot"
PAID = (1, 2)  # PAID_SEARCH, PAID_SOCIAL


@dataclass
class HsPeople:
    person: np.ndarray  # per contact row
    role: np.ndarray  # 0 primary, 1 merged away into the primary, 2 unmerged duplicate
    created: np.ndarray
    vid: np.ndarray
    email: pa.Array  # as HubSpot holds it
    account_company: np.ndarray  # company id per account
    prospect_company: np.ndarray  # company id per prospect company
    merged_into: np.ndarray  # row index of the surviving contact (or -1)


def hs_people(world: World) -> HsPeople:
    if "hs" in world.cache:
        return world.cache["hs"]
    rng = rng_for(world.seed, "hubspot.people")
    p = world.people
    base = np.nonzero(p.in_hs)[0]
    eligible = base[p.kind[base] != wd.KIND_INTERNAL]
    merged = eligible[rng.random(len(eligible)) < 0.05]
    twice = merged[rng.random(len(merged)) < 0.2]
    dupes = eligible[rng.random(len(eligible)) < 0.02]
    person = np.concatenate([base, merged, twice, dupes])
    role = np.concatenate(
        [np.zeros(len(base), int), np.ones(len(merged) + len(twice), int), np.full(len(dupes), 2)]
    )
    shift = rng.integers(-150, 150, len(person)) * DAY + rng.integers(0, DAY, len(person))
    created = np.where(
        role == 0, p.hs_time[person], np.clip(p.hs_time[person] + shift, START, END - HOUR)
    )
    order = np.argsort(created, kind="stable")
    person, role, created = person[order], role[order], created[order]
    vid = int_ids(rng, len(person), 1000, 4)
    canonical = p.email[person].copy()
    other = (role == 1) & (rng.random(len(person)) < 0.5)
    free = np.array(ref.FREE_MAIL)[rng.integers(0, len(ref.FREE_MAIL), other.sum())]
    local = np.char.add(
        np.char.lower(p.first[person][other].astype(str)),
        rng.integers(10, 99, other.sum()).astype(str),
    )
    canonical[other] = np.char.add(np.char.add(local, "@"), free).astype(object)
    email = messy_emails(rng, canonical, 0.05, 0.015, 0.01)
    dup_rows = role == 2
    email = pc.if_else(pa.array(dup_rows), pc.utf8_upper(pa.array(canonical, pa.string())), email)
    primary_row = np.full(p.n, -1)
    primary_row[person[role == 0]] = np.nonzero(role == 0)[0]
    merged_into = np.where(role == 1, primary_row[person], -1)
    company_ids = int_ids(rng, world.acc.n + world.comp.n, 5_000_000_000, 1000)
    result = HsPeople(
        person,
        role,
        created,
        vid,
        email,
        company_ids[: world.acc.n],
        company_ids[world.acc.n :],
        merged_into,
    )
    world.cache["hs"] = result
    return result


def merged_vids(rng: np.random.Generator, hs: HsPeople, n: int) -> np.ndarray:
    """'vid:epoch_ms;vid:epoch_ms' (or plain 'vid;vid') on surviving contacts."""
    losers = np.nonzero(hs.merged_into >= 0)[0]
    losers = losers[np.argsort(hs.merged_into[losers], kind="stable")]
    survivor = hs.merged_into[losers]
    merge_ms = (np.maximum(hs.created[losers], hs.created[survivor]) + DAY) * 1000
    piece = np.char.add(np.char.add(hs.vid[losers].astype(str), ":"), merge_ms.astype(str))
    plain = rng.random(len(losers)) < 0.3
    piece = np.where(plain[np.searchsorted(survivor, survivor)], hs.vid[losers].astype(str), piece)
    out = np.full(n, None, dtype=object)
    first = np.r_[True, survivor[1:] != survivor[:-1]]
    out[survivor[first]] = piece[first]
    second = ~first
    out[survivor[second]] = np.char.add(
        np.char.add(out[survivor[second]].astype(str), ";"), piece[second]
    )
    return out


def _contact(world: World, rng: np.random.Generator, r: Render) -> Draft:
    hs = hs_people(world)
    p = world.people
    sf = sf_people(world)
    per = hs.person
    n = len(per)
    primary = hs.role == 0
    created = hs.created
    mql = np.where(primary | (rng.random(n) < 0.3), p.mql_time[per], NULL)
    mql = np.where(mql >= 0, np.maximum(mql, created + 60), NULL)
    mql = np.where(mql < END, mql, NULL)
    sql = np.where(primary, p.sql_time[per], NULL)
    sql = np.where(sql >= 0, np.maximum(sql, np.maximum(mql, created) + 60), NULL)
    sql = np.where(sql < END, sql, NULL)
    account = p.account[per]
    has_acc = account >= 0
    origin = primary & (p.kind[per] == wd.KIND_ORIGIN)
    nb = sf.nb_first[np.maximum(account, 0)]
    opp_time = np.where(origin & (nb >= 0), world.opp["created"][np.maximum(nb, 0)], NULL)
    opp_time = np.where(opp_time >= 0, np.maximum(opp_time, created + 60), NULL)
    won = np.where(has_acc & primary, world.won_time[np.maximum(account, 0)], NULL)
    customer = np.where(won >= 0, np.maximum(won, created + 60), NULL)
    stage = np.select(
        [customer >= 0, opp_time >= 0, sql >= 0, mql >= 0],
        ["customer", "opportunity", "salesqualifiedlead", "marketingqualifiedlead"],
        "lead",
    ).astype(object)
    subscriber = (stage == "lead") & (rng.random(n) < 0.12)
    stage[subscriber] = "subscriber"
    stage[p.kind[per] == wd.KIND_INTERNAL] = "other"
    lead_date = np.where(subscriber, NULL, created)
    channel = p.channel[per].copy()
    resource = hs.role > 0
    channel[resource] = rng.integers(0, len(ref.CHANNELS), resource.sum())
    detail_table = np.array(
        [
            [opts[i % len(opts)] for i in range(4)]
            for opts in (ref.SOURCE_DETAIL[c] for c in ref.CHANNELS)
        ],
        dtype=object,
    )
    detail = detail_table[channel, rng.integers(0, 4, n)]
    detail[detail == ""] = None
    comp = np.where(
        has_acc,
        hs.account_company[np.maximum(account, 0)],
        hs.prospect_company[np.maximum(p.company_idx[per], 0)],
    )
    comp = np.where((has_acc | (p.company_idx[per] >= 0)) & (rng.random(n) < 0.85), comp, None)
    lead_id = np.where(primary & (rng.random(n) < 0.88), sf.person_lead[per], None)
    contact_time = np.where(p.in_sf_contact[per], p.sf_contact_time[per], NULL)
    contact_id = np.where(
        primary & (contact_time >= 0) & (rng.random(n) < 0.85), sf.person_contact[per], None
    )
    company_name = p.company[per].copy()
    company_name[rng.random(n) < 0.1] = None
    modified = np.max(np.stack([created, mql, sql, opp_time, customer]), axis=0)
    prior = np.where(mql >= 0, "lead", "subscriber").astype(object)
    return Draft(
        {
            "id": hs.vid,
            "property_email": hs.email,
            "property_firstname": p.first[per],
            "property_lastname": p.last[per],
            "property_company": company_name,
            "property_jobtitle": p.title[per],
            "property_lifecyclestage": stage,
            "property_createdate": r.ts(created),
            "property_hs_lifecyclestage_lead_date": r.ts(lead_date),
            "property_hs_lifecyclestage_marketingqualifiedlead_date": r.ts(mql),
            "property_hs_lifecyclestage_salesqualifiedlead_date": r.ts(sql),
            "property_hs_lifecyclestage_opportunity_date": r.ts(opp_time),
            "property_hs_lifecyclestage_customer_date": r.ts(customer),
            "property_hs_analytics_source": np.array(ref.CHANNELS, dtype=object)[channel],
            "property_hs_analytics_source_data_1": detail,
            "property_associatedcompanyid": comp,
            "property_salesforceleadid": shorten(rng, lead_id, 0.12),
            "property_salesforcecontactid": shorten(rng, contact_id, 0.08),
            "property_hs_calculated_merged_vids": merged_vids(rng, hs, n),
        },
        modified=modified,
        stale={"property_lifecyclestage": prior},
        delete_share=0.012,
    )


def _company(world: World, rng: np.random.Generator, r: Render) -> Draft:
    hs = hs_people(world)
    acc, comp = world.acc, world.comp
    keep = (rng.random(acc.n) < 0.85) | acc.internal
    a = np.nonzero(keep)[0]
    ids = np.concatenate([hs.account_company[a], hs.prospect_company])
    domain = np.concatenate([acc.domain[a], comp.domain]).astype(str)
    domain = np.where(rng.random(len(ids)) < 0.05, np.char.add("www.", domain), domain)
    sf_id = np.concatenate(
        [
            np.where(rng.random(len(a)) < 0.85, acc.sf_id[a], None),
            np.full(comp.n, None, dtype=object),
        ]
    )
    created = np.concatenate(
        [np.maximum(acc.created[a] - rng.integers(0, 20 * DAY, len(a)), START), comp.created]
    )
    employees = np.concatenate([acc.employees[a], comp.employees]).astype(object)
    employees[rng.random(len(ids)) < 0.1] = None
    names = np.concatenate([acc.name[a], comp.name])
    return Draft(
        {
            "id": ids,
            "property_name": names,
            "property_domain": domain,
            "property_industry": np.concatenate([acc.industry[a], comp.industry]),
            "property_numberofemployees": employees,
            "property_salesforceaccountid": shorten(rng, sf_id, 0.1),
            "property_createdate": r.ts(created),
        },
        modified=created,
        stale={"property_name": stale_text(names)},
    )


FORM_NAMES = (
    "Demo request - landing page",
    "Pricing page - contact sales",
    "Ebook: RevOps playbook",
    "Newsletter signup",
    "Contact us",
    "Webinar registration",
    "Free trial signup",
    "ROI calculator",
)


def forms(world: World) -> tuple[np.ndarray, np.ndarray]:
    rng = rng_for(world.seed, "hubspot.forms")
    n = len(FORM_NAMES) + world.scale // 5
    names = np.array(
        [
            FORM_NAMES[i % len(FORM_NAMES)]
            + ("" if i < len(FORM_NAMES) else f" v{i // len(FORM_NAMES) + 1}")
            for i in range(n)
        ],
        dtype=object,
    )
    return hex_ids(rng, n), names


def _form(world: World, rng: np.random.Generator, r: Render) -> Draft:
    guid, names = forms(world)
    n = len(guid)
    created = START - rng.integers(10, 400, n) * DAY
    return Draft(
        {
            "guid": guid,
            "name": names,
            "form_type": choose(rng, ["HUBSPOT", "CAPTURED", "FLOW"], n, [0.7, 0.2, 0.1]),
            "created_at": r.ts(created),
        },
        modified=created,
        stale={"name": stale_text(names)},
        delete_share=0.05,
    )


def _contact_form_submission(world: World, rng: np.random.Generator, r: Render) -> Draft:
    hs = hs_people(world)
    p = world.people
    guid, _ = forms(world)
    channel = p.channel[hs.person]
    first = np.nonzero(channel != 7)[0]  # offline imports did not fill a form
    extra_count = rng.poisson(0.2, len(hs.person))
    extra = np.repeat(np.arange(len(hs.person)), extra_count)
    row = np.concatenate([first, extra])
    created = hs.created[row]
    later = np.arange(len(row)) >= len(first)
    span = np.maximum(END - HOUR - created, 60)
    when = np.where(later, created + (rng.random(len(row)) ** 2 * span).astype(np.int64), created)
    paid = np.isin(channel[row], PAID)
    form = np.where(
        paid & ~later, rng.integers(0, 2, len(row)), rng.integers(0, len(guid), len(row))
    )
    paths = np.array(
        [
            "/demo",
            "/pricing",
            "/lp/revops-analytics",
            "/resources/ebook",
            "/blog",
            "/contact",
            "/webinars",
            "/trial",
        ],
        dtype=object,
    )
    path = paths[form % len(paths)]
    utm = np.where(
        channel[row] == 1,
        "?utm_source=google&utm_medium=cpc&utm_campaign=demand-gen",
        "?utm_source=linkedin&utm_medium=paid_social&utm_campaign=abm",
    )
    url = np.char.add("https://www.northwindcloud.io", path.astype(str))
    url = np.where(paid & ~later, np.char.add(url, utm), url).astype(object)
    url[rng.random(len(row)) < 0.03] = None
    order = np.argsort(when, kind="stable")
    return Draft(
        {
            "contact_id": hs.vid[row][order],
            "form_id": guid[form][order],
            "page_url": url[order],
            "conversion_id": hex_ids(rng, len(row)),
            "timestamp": r.ts(when[order]),
        },
        modified=when[order],
        stale={"page_url": stale_text(url[order])},
        delete_share=0.005,
    )


def email_campaigns(world: World) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Campaign ids, send times and types."""
    rng = rng_for(world.seed, "hubspot.email_campaigns")
    n = math.ceil(20 * math.sqrt(world.scale))
    send = np.sort(draw_times(rng, n, day_weights(growth=1.0, weekday_dip=0.05)))
    send = np.minimum(send, END - 3 * DAY)
    kind = choose(rng, ["BATCH_EMAIL", "AB_EMAIL", "AUTOMATED_EMAIL"], n, [0.7, 0.15, 0.15])
    return int_ids(rng, n, 21_000_000, 5000), send, kind


def _email_campaign(world: World, rng: np.random.Generator, r: Render) -> Draft:
    ids, send, kind = email_campaigns(world)
    n = len(ids)
    topics = np.array(
        [
            "Product update",
            "Webinar invite",
            "Newsletter",
            "Case study",
            "Feature launch",
            "Event recap",
        ],
        dtype=object,
    )
    topic = topics[rng.integers(0, len(topics), n)]
    month = send.astype("datetime64[s]").astype("datetime64[M]").astype(str)
    name = np.char.add(np.char.add(topic.astype(str), " "), month)
    subject = np.char.add(topic.astype(str), ": what's new at Northwind Cloud")
    return Draft(
        {"id": ids, "name": name, "subject": subject, "type": kind},
        modified=send,
        stale={"subject": stale_text(subject)},
        delete_share=0.02,
    )


def email_event_chunks(world: World, table: RawTable) -> Iterator[pa.Table]:
    """email_event, one campaign at a time (bounded memory at any scale)."""
    hs = hs_people(world)
    ids, send, _ = email_campaigns(world)
    target = round(0.2 * len(hs.person))
    has_email = np.asarray(pc.is_valid(hs.email))
    next_id = 1
    for c in range(len(ids)):
        rng = rng_for(world.seed, f"hubspot.email_event.{c}")
        eligible = np.nonzero((hs.created < send[c]) & has_email)[0]
        size = min(target, len(eligible))
        rows = np.sort(rng.choice(eligible, size=size, replace=False))
        draft = _campaign_events(rng, rows, send[c], ids[c], next_id, hs)
        next_id += len(draft.modified)
        draft.ensure_floor = c == len(ids) - 1
        yield finish(rng, table, draft)


def _campaign_events(rng, rows, send, campaign_id, first_id, hs: HsPeople) -> Draft:
    n = len(rows)
    sent = send + rng.integers(0, 1800, n)
    bounce = rng.random(n) < 0.03
    delivered = ~bounce
    opens = np.where(delivered & (rng.random(n) < 0.6), 1 + rng.poisson(1.15, n), 0)
    clicks = np.where(opens > 0, (rng.random(n) < 0.25) * (1 + rng.poisson(0.5, n)), 0)
    unsub = delivered & (rng.random(n) < 0.008)
    counts = np.stack([np.ones(n, int), delivered, bounce, opens, clicks, unsub], axis=1)
    kinds = np.array(["SENT", "DELIVERED", "BOUNCE", "OPEN", "CLICK", "UNSUBSCRIBED"], dtype=object)
    per_row = counts.sum(axis=1)
    recipient = np.repeat(np.arange(n), per_row)
    kind_idx = np.repeat(np.tile(np.arange(6), n), counts.ravel())
    base = sent[recipient]
    delay = np.select(
        [kind_idx == 0, kind_idx <= 2, kind_idx == 3, kind_idx == 4],
        [
            0,
            rng.integers(1, 30, len(kind_idx)),
            np.exp(rng.normal(np.log(5 * HOUR), 1.3, len(kind_idx))).astype(np.int64),
            np.exp(rng.normal(np.log(7 * HOUR), 1.2, len(kind_idx))).astype(np.int64),
        ],
        np.exp(rng.normal(np.log(30 * HOUR), 1.0, len(kind_idx))).astype(np.int64),
    )
    created = base + np.minimum(delay, 20 * DAY)
    keep = created < END
    recipient, kind_idx, created = recipient[keep], kind_idx[keep], created[keep]
    email = pc.utf8_trim_whitespace(pc.take(hs.email, pa.array(rows[recipient])))
    lower = pc.utf8_lower(email)
    email = pc.if_else(pa.array(rng.random(len(created)) < 0.85), lower, email)
    m = len(created)
    event_ids = pc.cast(pa.array(np.arange(first_id, first_id + m, dtype=np.int64)), pa.string())
    return Draft(
        {
            "id": event_ids,
            "type": pc.take(pa.array(kinds, pa.string()), pa.array(kind_idx)),
            "recipient": email,
            "email_campaign_id": pa.repeat(pa.scalar(campaign_id, pa.string()), m),
            "created": Render(rng, SYSTEM).ts(created),
        },
        modified=created,
        stale={"recipient": pc.utf8_upper(email)},
        delete_share=0.002,
        dup_share=0.002,
        flag_mix=(0.3, 0.0, 0.7),  # the event export mostly leaves the flag blank (= false)
    )


BUILDERS = {
    "contact": _contact,
    "company": _company,
    "email_campaign": _email_campaign,
    "form": _form,
    "contact_form_submission": _contact_form_submission,
}
STREAMED = {"email_event": email_event_chunks}


def drafts(world: World, tables: list[str]) -> Iterator[tuple[str, Draft]]:
    for table in tables:
        rng = rng_for(world.seed, f"{SYSTEM}.{table}")
        yield table, BUILDERS[table](world, rng, Render(rng, SYSTEM))
