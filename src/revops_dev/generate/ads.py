"""Paid media (ad_reporting.url_report) and finance FX rates.

Ad campaigns run in flights; each day of a flight gives one row per landing
URL. Clicks are sized so that HubSpot form submissions are a few percent of
paid clicks.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from revops_dev.generate.assemble import Draft, Render
from revops_dev.generate.core import DAY, END, HOUR, START, rng_for
from revops_dev.generate.scenario import World

# platform, campaigns per scale, clicks per row-day, CTR, cost per click, utm source, medium
PLATFORMS = (
    ("google_ads", 5, 24, 0.045, 4.2, "google", "cpc"),
    ("microsoft_ads", 2, 9, 0.03, 2.6, "bing", "cpc"),
    ("linkedin_ads", 4, 14, 0.006, 8.9, "linkedin", "paid_social"),
    ("facebook_ads", 3, 22, 0.011, 1.9, "facebook", "paid_social"),
)
ACCOUNT_CURRENCY = {
    "google_ads": ("USD", "GBP"),
    "linkedin_ads": ("USD", "EUR"),
    "microsoft_ads": ("USD",),
    "facebook_ads": ("USD", "USD", "EUR"),
}
PATHS = ("/demo", "/pricing", "/lp/revops-analytics", "/lp/forecasting", "/trial")
THEMES = ("brand", "demand-gen", "competitor", "retargeting", "abm", "webinar-promo")


def _url_report(world: World, rng: np.random.Generator, r: Render) -> Draft:
    cols: dict[str, list[np.ndarray]] = {}
    for p_idx, (platform, per_scale, cpd, ctr, cpc, source, medium) in enumerate(PLATFORMS):
        n_camp = per_scale * world.scale
        start = START + rng.integers(-60, (END - START) // DAY - 20, n_camp) * DAY
        length = rng.integers(45, 300, n_camp) * DAY
        first, last = np.maximum(start, START), np.minimum(start + length, END - DAY)
        days = np.maximum((last - first) // DAY, 0) + 1
        urls = rng.integers(1, 3, n_camp)
        reps = days * urls
        camp = np.repeat(np.arange(n_camp), reps)
        within = np.arange(len(camp)) - np.repeat(np.cumsum(reps) - reps, reps)
        date = first[camp] + (within // urls[camp]) * DAY
        url = (camp * 7 + within % urls[camp]) % len(PATHS)
        currencies = np.array(ACCOUNT_CURRENCY[platform], dtype=object)
        acct = camp % len(currencies)
        growth = 0.6 + 0.8 * (date - START) / (END - START)
        clicks = rng.poisson(cpd * growth * rng.uniform(0.5, 1.5, n_camp)[camp])
        impressions = np.round(clicks / ctr * rng.uniform(0.7, 1.3, len(camp))).astype(np.int64)
        fx = np.where(currencies[acct] == "USD", 1.0, 0.88)
        spend = np.round(clicks * cpc * fx * rng.uniform(0.75, 1.25, len(camp)), 2)
        theme = np.array(THEMES, dtype=object)[(camp + p_idx) % len(THEMES)]
        slug = np.char.add(np.char.add(theme.astype(str), "-"), camp.astype(str))
        utm_campaign = np.where(rng.random(len(camp)) < 0.03, None, slug)
        values = {
            "date_day": date,
            "platform": np.full(len(camp), platform, dtype=object),
            "account_id": np.char.add(str(100_200_300 + 1000 * p_idx), acct.astype(str)),
            "campaign_id": np.char.add(str(7_000_000 + 100_000 * p_idx), camp.astype(str)),
            "campaign_name": np.char.add(f"{platform.split('_')[0].title()} | ", slug),
            "base_url": np.full(len(camp), "https://www.northwindcloud.io", dtype=object),
            "url_path": np.array(PATHS, dtype=object)[url],
            "utm_source": np.full(len(camp), source, dtype=object),
            "utm_medium": np.full(len(camp), medium, dtype=object),
            "utm_campaign": utm_campaign,
            "currency_code": currencies[acct],
            "impressions": impressions,
            "clicks": clicks,
            "spend": spend,
        }
        for key, value in values.items():
            cols.setdefault(key, []).append(np.asarray(value))
    out = {key: np.concatenate(value) for key, value in cols.items()}
    order = np.lexsort((out["campaign_id"], out["date_day"]))
    out = {key: value[order] for key, value in out.items()}
    modified = out["date_day"] + DAY + rng.integers(0, 6 * HOUR, len(order))
    out["date_day"] = r.date(out["date_day"])
    return Draft(
        out,
        modified=modified,
        stale={"spend": np.round(out["spend"] * 0.9, 2), "clicks": out["clicks"]},
        delete_share=0.002,
    )


def _fx_rate(world: World, rng: np.random.Generator, r: Render) -> Draft:
    first = int(np.datetime64("2024-10-01", "s").astype(np.int64))
    last = int(np.datetime64("2026-11-20", "s").astype(np.int64))
    days = np.arange(first, last + 1, DAY)
    weekday = ((days // DAY) + 3) % 7  # 1970-01-01 was a Thursday
    days = days[weekday < 5]
    parts = []
    for code, level in (("EUR", 1.08), ("GBP", 1.27)):
        walk = np.cumsum(rng.normal(0, 0.0035, len(days)))
        rate = np.round(level * np.exp(walk - walk.mean() * 0.5), 4)
        parts.append((days, np.full(len(days), code, dtype=object), rate))
    date = np.concatenate([p[0] for p in parts])
    code = np.concatenate([p[1] for p in parts])
    rate = np.concatenate([p[2] for p in parts])
    order = np.lexsort((code, date))
    date, code, rate = date[order], code[order], rate[order]
    return Draft(
        {"rate_date": r.date(date), "currency_code": code, "usd_per_unit": rate},
        modified=date + 20 * HOUR,
        stale={"usd_per_unit": np.round(rate * 1.002, 4)},
        delete_share=0.001,
    )


AD_BUILDERS = {"url_report": _url_report}
FX_BUILDERS = {"fx_rate": _fx_rate}


def drafts(world: World, system: str, tables: list[str]) -> Iterator[tuple[str, Draft]]:
    builders = AD_BUILDERS if system == "ad_reporting" else FX_BUILDERS
    for table in tables:
        rng = rng_for(world.seed, f"{system}.{table}")
        yield table, builders[table](world, rng, Render(rng, system))
