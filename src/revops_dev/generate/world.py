"""The latent world every tool observes: companies (accounts) and people.

One journey per person: created as a lead (HubSpot, or Salesforce for outbound),
maybe MQL, maybe SQL and converted into a contact of a new account. The tools'
tables are renderings of these arrays, each with its own messiness.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from revops_dev.generate import reference as ref
from revops_dev.generate.core import (
    DAY,
    END,
    HOUR,
    NULL,
    START,
    day_weights,
    draw_times,
    sf_ids,
)

KIND_ORIGIN, KIND_COLLEAGUE, KIND_PROSPECT, KIND_OUTBOUND, KIND_INTERNAL = range(5)


@dataclass
class Accounts:
    n: int
    sf_id: np.ndarray
    created: np.ndarray
    segment: np.ndarray
    employees: np.ndarray
    country: np.ndarray
    currency: np.ndarray
    channel: np.ndarray
    outbound: np.ndarray
    name: np.ndarray
    domain: np.ndarray
    industry: np.ndarray
    owner: np.ndarray
    internal: np.ndarray


@dataclass
class People:
    n: int
    account: np.ndarray  # -1 when the person belongs to no account
    kind: np.ndarray
    channel: np.ndarray
    first: np.ndarray
    last: np.ndarray
    email: np.ndarray  # canonical lowercase; None for no email
    title: np.ndarray
    company: np.ndarray
    company_idx: np.ndarray  # index into prospect companies (-1 for account people)
    lead_time: np.ndarray
    in_hs: np.ndarray
    hs_time: np.ndarray
    mql_time: np.ndarray
    sql_time: np.ndarray
    in_sf_lead: np.ndarray
    sf_lead_time: np.ndarray
    converted_time: np.ndarray
    in_sf_contact: np.ndarray
    sf_contact_time: np.ndarray


@dataclass
class Companies:
    """Prospect companies (not Salesforce accounts)."""

    n: int
    name: np.ndarray
    domain: np.ndarray
    industry: np.ndarray
    employees: np.ndarray
    created: np.ndarray


def company_names(rng: np.random.Generator, n: int, offset: int) -> tuple[np.ndarray, np.ndarray]:
    """Unique domains and matching names, vectorised."""
    n_ab = len(ref.NAME_A) * len(ref.NAME_B)
    code = rng.permutation(n_ab)[np.arange(n) % n_ab]
    round_ = (np.arange(n) + offset) // n_ab + offset // max(n, 1)
    a = np.array(ref.NAME_A)[code // len(ref.NAME_B)]
    b = np.array(ref.NAME_B)[code % len(ref.NAME_B)]
    tld = np.array([".com", ".io", ".co", ".com", ".net", ".ai", ".de", ".co.uk"])
    tld = tld[(code + round_) % len(tld)]
    number = np.where(round_ > 0, round_.astype(str), "")
    domain = np.char.add(np.char.add(np.char.add(np.char.lower(a), np.char.lower(b)), number), tld)
    suffix = np.array(ref.NAME_SUFFIX)[rng.integers(0, len(ref.NAME_SUFFIX), n)]
    spaced = np.char.add(np.char.add(a, b), np.where(round_ > 0, np.char.add(" ", number), ""))
    name = np.char.add(np.char.add(spaced, " "), suffix)
    return name.astype(object), domain.astype(object)


def segment_employees(rng: np.random.Generator, segment: np.ndarray) -> np.ndarray:
    low = np.array([3, 50, 1001])[segment]
    high = np.array([49, 1000, 25000])[segment]
    u = rng.random(len(segment))
    return np.round(np.exp(np.log(low) + u**1.6 * (np.log(high) - np.log(low)))).astype(np.int64)


def build_accounts(rng: np.random.Generator, scale: int, n_owners: int) -> Accounts:
    n_real = round(400 * scale * rng.uniform(0.95, 1.05))
    n_internal = 3 + scale // 20
    n = n_real + n_internal
    created = np.sort(draw_times(rng, n, day_weights(growth=0.9)))
    created = np.maximum(created, START + 10 * DAY)
    segment = rng.choice(3, size=n, p=[0.55, 0.33, 0.12])
    channel = rng.choice(len(ref.CHANNELS), size=n, p=np.array(ref.CHANNEL_SHARE))
    outbound = rng.random(n) < np.array([0.04, 0.12, 0.3])[segment]
    country = rng.choice(len(ref.COUNTRIES), size=n, p=np.array(ref.COUNTRY_SHARE))
    name, domain = company_names(rng, n, 0)
    internal = np.zeros(n, dtype=bool)
    internal[-n_internal:] = True
    internal_names = ["Northwind Cloud (Internal)", "Example Corp", "QA Sandbox Account"]
    internal_domains = ["northwindcloud.io", "example.com", "qa-sandbox.test"]
    for i in range(n_internal):
        name[n_real + i] = internal_names[i % 3] + ("" if i < 3 else f" {i}")
        domain[n_real + i] = internal_domains[i % 3]
    segment[internal] = 0
    country[internal] = 0
    return Accounts(
        n=n,
        sf_id=sf_ids("001", n, start=int(rng.integers(1000, 9000))),
        created=created,
        segment=segment,
        employees=segment_employees(rng, segment),
        country=country,
        currency=np.array(ref.COUNTRY_CURRENCY, dtype=object)[country],
        channel=channel,
        outbound=outbound & ~internal,
        name=name,
        domain=domain,
        industry=np.array(ref.INDUSTRIES, dtype=object)[rng.integers(0, len(ref.INDUSTRIES), n)],
        owner=rng.integers(0, n_owners, n),
        internal=internal,
    )


def person_emails(
    rng: np.random.Generator,
    first: np.ndarray,
    last: np.ndarray,
    domain: np.ndarray,
    idx: np.ndarray,
) -> np.ndarray:
    """Canonical emails: company address, or ~15% personal free-mail."""
    n = len(first)
    f = np.char.lower(np.char.replace(first.astype(str), "'", ""))
    la = np.char.lower(np.char.replace(np.char.replace(last.astype(str), "'", ""), " ", ""))
    style = rng.integers(0, 3, n)
    local = np.where(
        style == 0,
        np.char.add(np.char.add(f, "."), la),
        np.where(style == 1, np.char.add(np.char.array(f).astype("U1"), la), f),
    )
    local = np.char.add(local, np.where(style == 2, np.char.add(".", la), ""))
    free = rng.random(n) < 0.15
    free_domain = np.array(ref.FREE_MAIL)[rng.integers(0, len(ref.FREE_MAIL), n)]
    local = np.where(free, np.char.add(local, (idx % 997).astype(str)), local)
    final_domain = np.where(free, free_domain, domain.astype(str))
    return np.char.add(np.char.add(local, "@"), final_domain).astype(object)


def _names(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    first = np.array(ref.FIRST_NAMES, dtype=object)[rng.integers(0, len(ref.FIRST_NAMES), n)]
    last = np.array(ref.LAST_NAMES, dtype=object)[rng.integers(0, len(ref.LAST_NAMES), n)]
    title = np.array(ref.TITLES, dtype=object)[rng.integers(0, len(ref.TITLES), n)]
    return first, last, title


def _gamma_days(rng: np.random.Generator, n: int, mean_days: float, shape: float = 2.0):
    return (rng.gamma(shape, mean_days / shape, n) * DAY).astype(np.int64)


def build_companies(rng: np.random.Generator, n: int, offset: int) -> Companies:
    name, domain = company_names(rng, n, offset)
    segment = rng.choice(3, size=n, p=[0.6, 0.3, 0.1])
    return Companies(
        n=n,
        name=name,
        domain=domain,
        industry=np.array(ref.INDUSTRIES, dtype=object)[rng.integers(0, len(ref.INDUSTRIES), n)],
        employees=segment_employees(rng, segment),
        created=draw_times(rng, n, day_weights(growth=0.8)),
    )


def build_people(rng: np.random.Generator, scale: int, acc: Accounts) -> tuple[People, Companies]:
    # account people: one origin per account plus colleagues
    per_account = 1 + rng.poisson(np.array([0.9, 2.2, 4.5])[acc.segment])
    account = np.repeat(np.arange(acc.n), per_account)
    first_of = np.concatenate([[0], np.cumsum(per_account)[:-1]])
    is_origin = np.zeros(len(account), dtype=bool)
    is_origin[first_of] = True
    n_acc_people = len(account)
    # prospects: HubSpot leads that never became an account, and outbound SF-only leads
    n_prospects = round(2250 * scale * rng.uniform(0.95, 1.05))
    n_outbound = round(260 * scale)
    n_internal = 12 + scale // 2
    n_companies = max(1, int(n_prospects * 0.45))
    comp = build_companies(rng, n_companies, offset=acc.n)
    n = n_acc_people + n_prospects + n_outbound + n_internal
    kind = np.concatenate(
        [
            np.where(is_origin, KIND_ORIGIN, KIND_COLLEAGUE),
            np.full(n_prospects, KIND_PROSPECT),
            np.full(n_outbound, KIND_OUTBOUND),
            np.full(n_internal, KIND_INTERNAL),
        ]
    )
    account_all = np.concatenate([account, np.full(n - n_acc_people, -1)])
    company_idx = np.concatenate(
        [
            np.full(n_acc_people, -1),
            rng.integers(0, n_companies, n_prospects + n_outbound),
            np.full(n_internal, -1),
        ]
    )
    first, last, title = _names(rng, n)
    has_acc = account_all >= 0
    has_comp = company_idx >= 0
    domain = np.full(n, "", dtype=object)
    domain[has_acc] = acc.domain[account_all[has_acc]]
    domain[has_comp] = comp.domain[company_idx[has_comp]]
    company = np.full(n, None, dtype=object)
    company[has_acc] = acc.name[account_all[has_acc]]
    company[has_comp] = comp.name[company_idx[has_comp]]
    email = person_emails(rng, first, last, domain, np.arange(n))
    internal = kind == KIND_INTERNAL
    internal_domains = np.array(
        ["northwindcloud.io", "example.com", "qa.test", "northwindcloud.io"]
    )
    email[internal] = np.char.add(
        np.char.add("test.", np.arange(internal.sum()).astype(str)),
        np.char.add("@", internal_domains[np.arange(internal.sum()) % 4]),
    ).astype(object)
    company[internal] = "Northwind Cloud"
    acc_internal = has_acc & acc.internal[np.maximum(account_all, 0)]
    email[acc_internal] = np.char.add(
        np.char.add(np.char.lower(first[acc_internal].astype(str)), "@"),
        domain[acc_internal].astype(str),
    ).astype(object)

    channel = rng.choice(len(ref.CHANNELS), size=n, p=np.array(ref.CHANNEL_SHARE))
    channel[has_acc & is_origin_full(is_origin, n)] = acc.channel[
        account_all[has_acc & is_origin_full(is_origin, n)]
    ]
    channel[internal] = 6  # DIRECT_TRAFFIC

    # times
    conv = np.full(n, NULL, dtype=np.int64)
    origin_mask = kind == KIND_ORIGIN
    conv[origin_mask] = acc.created[account_all[origin_mask]]
    seg_of = np.where(has_acc, acc.segment[np.maximum(account_all, 0)], 0)
    lag = _gamma_days(rng, n, 35.0) + np.array([0, 10, 30])[seg_of] * DAY
    lead_time = np.where(origin_mask, np.maximum(conv - lag, START + rng.integers(0, DAY, n)), 0)
    colleague = kind == KIND_COLLEAGUE
    acc_created = np.where(has_acc, acc.created[np.maximum(account_all, 0)], START)
    lead_time[colleague] = acc_created[colleague] + (
        rng.random(colleague.sum()) ** 1.5 * (END - 1 - acc_created[colleague])
    ).astype(np.int64)
    loose = (kind == KIND_PROSPECT) | (kind == KIND_OUTBOUND) | internal
    lead_time[loose] = draw_times(rng, int(loose.sum()), day_weights(growth=1.0))
    lead_time = np.minimum(lead_time, END - HOUR)

    outbound_origin = origin_mask & acc.outbound[np.maximum(account_all, 0)]
    # HubSpot presence
    in_hs = np.ones(n, dtype=bool)
    in_hs[kind == KIND_OUTBOUND] = False
    in_hs[outbound_origin] = rng.random(outbound_origin.sum()) < 0.7
    in_hs[colleague] = rng.random(colleague.sum()) < 0.6
    hs_time = lead_time.copy()
    hs_time[outbound_origin] = conv[outbound_origin] + rng.integers(
        HOUR, 3 * HOUR, outbound_origin.sum()
    )
    channel[outbound_origin] = 7  # OFFLINE: HubSpot's source for CRM-synced contacts
    # MQL / SQL
    mql_p = np.where(origin_mask, 0.88, np.where(kind == KIND_PROSPECT, 0.34, 0.15))
    mql_p = mql_p * np.where(np.isin(channel, [2, 8]), 1.15, 1.0)
    is_mql = in_hs & (rng.random(n) < mql_p) & ~outbound_origin
    mql_time = np.where(is_mql, lead_time + _gamma_days(rng, n, 6.0, 1.5), NULL)
    mql_time = np.where(origin_mask & is_mql, np.minimum(mql_time, conv - HOUR), mql_time)
    mql_time = np.where(is_mql & (mql_time >= END), NULL, mql_time)
    mql_time = np.where(mql_time >= 0, np.maximum(mql_time, lead_time + 60), NULL)
    prospect_sql = (kind == KIND_PROSPECT) & (mql_time >= 0) & (rng.random(n) < 0.18)
    sql_time = np.full(n, NULL, dtype=np.int64)
    sql_time[origin_mask] = conv[origin_mask] - rng.integers(HOUR, 4 * DAY, origin_mask.sum())
    sql_time[origin_mask] = np.maximum(
        sql_time[origin_mask], np.maximum(lead_time, mql_time)[origin_mask] + 60
    )
    sql_time[prospect_sql] = mql_time[prospect_sql] + _gamma_days(rng, int(prospect_sql.sum()), 20)
    sql_time[origin_mask & ~in_hs] = NULL
    sql_time = np.where(sql_time >= END, NULL, sql_time)

    # Salesforce leads: origins, some colleagues, MQL'd prospects, outbound
    in_sf_lead = origin_mask.copy()
    in_sf_lead |= colleague & (rng.random(n) < 0.3)
    in_sf_lead |= (kind == KIND_PROSPECT) & ((mql_time >= 0) | (rng.random(n) < 0.3))
    in_sf_lead |= kind == KIND_OUTBOUND
    in_sf_lead |= internal & (rng.random(n) < 0.5)
    sf_lead_time = np.where(
        mql_time >= 0,
        mql_time + rng.integers(120, 6 * HOUR, n),
        lead_time + rng.integers(60, DAY, n),
    )
    sf_lead_time = np.where(outbound_origin | (kind == KIND_OUTBOUND), lead_time, sf_lead_time)
    sf_lead_time = np.where(origin_mask, np.minimum(sf_lead_time, conv - 60), sf_lead_time)
    sf_lead_time = np.minimum(sf_lead_time, END - 60)
    converted_time = np.where(origin_mask, conv, NULL)
    colleague_lead = colleague & in_sf_lead
    converted_time[colleague_lead] = np.minimum(
        lead_time[colleague_lead] + _gamma_days(rng, int(colleague_lead.sum()), 5), END - 60
    )
    sf_lead_time[colleague_lead] = lead_time[colleague_lead]
    in_sf_contact = has_acc.copy()
    sf_contact_time = np.where(
        origin_mask, conv, np.where(colleague_lead, converted_time, lead_time)
    )
    sf_contact_time = np.where(has_acc, sf_contact_time, NULL)
    hs_time = np.where(
        colleague & ~colleague_lead & (rng.random(n) < 0.5),
        lead_time + rng.integers(HOUR, 5 * DAY, n),
        hs_time,
    )
    hs_time = np.minimum(hs_time, END - 60)
    return People(
        n=n,
        account=account_all,
        kind=kind,
        channel=channel,
        first=first,
        last=last,
        email=email,
        title=title,
        company=company,
        company_idx=company_idx,
        lead_time=lead_time,
        in_hs=in_hs,
        hs_time=hs_time,
        mql_time=mql_time,
        sql_time=sql_time,
        in_sf_lead=in_sf_lead,
        sf_lead_time=sf_lead_time,
        converted_time=converted_time,
        in_sf_contact=in_sf_contact,
        sf_contact_time=sf_contact_time,
    ), comp


def is_origin_full(is_origin: np.ndarray, n: int) -> np.ndarray:
    out = np.zeros(n, dtype=bool)
    out[: len(is_origin)] = is_origin
    return out
