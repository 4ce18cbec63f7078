"""Late billing data never turns into a wrong number (issue 16, D72-D74).

Two landings cut from the generated one by `_fivetran_synced`, built one after
the other into one warehouse, each followed by `revops scorecard`:

1. "a week earlier": every system as it stood one week before the landing's
   as-of, except Stripe, whose last load is on the Sunday before that: the
   scorecard week (W-1) is not reached by billing, so its revenue metrics are
   null with the reason, in the table and in every output format, and none
   reads 0.
2. "on the Sunday": every system up to the landing's as-of, Stripe cut at
   18:00 on the last complete week's Sunday (its last load six hours or more
   before week end): ARR, customers and every movement of that week equal the
   values computed here by hand from the subscription lines that landed, and
   stale_sources names stripe. Week W-1, published not measured by run 1, is
   restated with its new value.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from pypdf import PdfReader

from conftest import Workspace, make_workspace
from revops.raw_contract import raw_tables
from revops_dev.bench import cut_landing, landing_as_of, landing_files

REVENUE_KEYS = (
    "arr", "new_arr", "reactivation_arr", "expansion_arr", "contraction_arr", "churned_arr",
    "net_new_arr", "customers", "logo_churn", "nrr", "grr",
)  # fmt: skip
# Not measured with the revenue ones: it also reads billing (metric_sources).
BILLING_KEYS = (*REVENUE_KEYS, "billing_crm_match_rate")
MOVEMENT_KEYS = ("new_arr", "reactivation_arr", "expansion_arr", "contraction_arr", "churned_arr")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Run:
    week: str
    sunday: date
    stripe_last_load: datetime
    metrics: dict[str, tuple[Decimal | None, str | None, str | None]]  # value, reason, detail
    scorecard: Path


@dataclass(frozen=True)
class LateRuns:
    earlier: Run  # billing stops a week earlier
    sunday: Run  # billing's last load on the week's Sunday
    workspace: Workspace


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _cut(landing: Path, out: Path, everything_before: datetime, stripe_before: datetime) -> None:
    """The landing as it stood at `everything_before`, Stripe's tables as they
    stood at `stripe_before`."""
    cut_landing(landing, out, everything_before)
    stripe_only = out.parent / f"{out.name}-stripe-source"
    stripe_only.mkdir()
    (stripe_only / "stripe").symlink_to(landing / "stripe")
    shutil.rmtree(out / "stripe")
    cut_landing(stripe_only, out, stripe_before)


def _stripe_last_load(landing: Path) -> datetime:
    with duckdb.connect() as con:
        loads = [
            con.execute(
                f"select max(try_cast(cast(_fivetran_synced as varchar) as timestamp)) "
                f"from read_parquet('{path}')"
            ).fetchone()[0]
            for path in landing_files(landing)
            if path.parent.name == "stripe"
        ]
    return max(load for load in loads if load is not None)


def _weekly_metrics(workspace: Workspace, week: str) -> dict[str, tuple]:
    with duckdb.connect(str(workspace.duckdb_path), read_only=True) as con:
        rows = con.execute(
            "select metric_key, metric_value, missing_reason, detail "
            "from metrics.fct_weekly_metrics where iso_week = ?",
            [week],
        ).fetchall()
    return {key: (value, reason, detail) for key, value, reason, detail in rows}


def _build_and_publish(workspace: Workspace, landing: Path, week: str) -> None:
    # --skip-check, as the incremental test does: a landing cut by sync time
    # holds children whose parent row was re-synced after the cut (orphans
    # the landing gate calls critical); staging quarantines them either way.
    built = workspace.revops("build", "--skip-check", "--raw-dir", str(landing))
    assert built.returncode == 0, (built.stdout + built.stderr)[-4000:]
    published = workspace.revops("scorecard", "--week", week)
    assert published.returncode == 0, (published.stdout + published.stderr)[-4000:]


@pytest.fixture(scope="module")
def late_runs(tmp_path_factory: pytest.TempPathFactory, landing_dir: Path) -> LateRuns:
    as_of = landing_as_of(landing_dir)
    last_monday = as_of.date() - timedelta(days=as_of.weekday())
    last_sunday = last_monday - timedelta(days=1)  # the last complete week's Sunday
    cuts = tmp_path_factory.mktemp("late-landings")
    workspace = make_workspace(tmp_path_factory, "late")

    earlier_sunday = last_sunday - timedelta(days=7)
    earlier = cuts / "stripe-a-week-earlier"
    _cut(
        landing_dir,
        earlier,
        as_of - timedelta(days=7),
        datetime.combine(earlier_sunday - timedelta(days=7), time(18)),
    )
    earlier_week = _iso_week(earlier_sunday)
    _build_and_publish(workspace, earlier, earlier_week)
    earlier_run = Run(
        earlier_week,
        earlier_sunday,
        _stripe_last_load(earlier),
        _weekly_metrics(workspace, earlier_week),
        workspace.root / "output" / "scorecards" / earlier_week,
    )

    on_sunday = cuts / "stripe-on-the-sunday"
    _cut(
        landing_dir,
        on_sunday,
        as_of + timedelta(seconds=1),
        datetime.combine(last_sunday, time(18)),
    )
    week = _iso_week(last_sunday)
    _build_and_publish(workspace, on_sunday, week)
    sunday_run = Run(
        week,
        last_sunday,
        _stripe_last_load(on_sunday),
        _weekly_metrics(workspace, week),
        workspace.root / "output" / "scorecards" / week,
    )
    return LateRuns(earlier_run, sunday_run, workspace)


def _weekly_stripe_tables() -> set[str]:
    """Stripe's tables that need a load at or after the week end (stale_after_days 0)."""
    tables = {t.key for t in raw_tables() if t.system == "stripe"}
    weekly = {t.key for t in raw_tables() if t.stale_after_days == 0}
    found = tables & weekly
    assert found == {
        "stripe.customer",
        "stripe.invoice",
        "stripe.invoice_line_item",
        "stripe.subscription",
        "stripe.subscription_item",
    }
    return found


# Case 2: billing stops a week earlier ----------------------------------------


def test_billing_a_week_late_is_not_measured_never_zero(late_runs: LateRuns):
    run = late_runs.earlier
    # the case is real: Stripe's last load is before the week's Sunday
    assert run.stripe_last_load < datetime.combine(run.sunday, time(0))
    reason = f"stripe data ends {run.stripe_last_load:%Y-%m-%d %H:%M} UTC"
    for key in BILLING_KEYS:
        value, missing_reason, _ = run.metrics[key]
        assert (value, missing_reason) == (None, reason), key
    # the other sections are measured
    assert run.metrics["mqls"][0] is not None and run.metrics["mqls"][1] is None
    assert _weekly_stripe_tables() <= set(run.metrics["stale_sources"][2].split(", "))


def test_billing_a_week_late_shows_the_reason_in_every_format(late_runs: LateRuns):
    run = late_runs.earlier
    reason = f"stripe data ends {run.stripe_last_load:%Y-%m-%d %H:%M} UTC"
    summary = (run.scorecard / "summary.md").read_text()
    revenue = summary.split("## Revenue\n\n")[1].split("\n\n")[0].splitlines()
    assert revenue == [
        f"- {label}: not measured ({reason})"
        for label in sorted(
            (
                "ARR", "Churned ARR", "Contraction ARR", "Customers", "Expansion ARR",
                "Gross revenue retention", "Logo churn", "Net new ARR",
                "Net revenue retention", "New ARR", "Reactivation ARR",
            ),
            key=str.lower,
        )
    ]  # fmt: skip
    records = {
        row["key"]: row
        for row in csv.DictReader(io.StringIO((run.scorecard / "scorecard.csv").read_text()))
    }
    document = json.loads((run.scorecard / "scorecard.json").read_text())
    metrics = {item["key"]: item for item in document["metrics"]}
    for key in BILLING_KEYS:
        assert (records[key]["value"], records[key]["change"]) == ("", ""), key
        assert records[key]["missing_reason"] == reason
        assert (metrics[key]["value"], metrics[key]["change"]) == (None, None), key
        assert metrics[key]["missing_reason"] == reason
        assert metrics[key]["status"] == "none"
    assert document["status_counts"]["not_measured"] == len(BILLING_KEYS)
    html = (run.scorecard / "scorecard.html").read_text()
    # each metric's status cell, and the ARR movement chart's note
    assert html.count(f"not measured: {reason}") == len(BILLING_KEYS) + 1
    assert html.count('<td class="value">not measured</td>') == len(BILLING_KEYS)
    pdf = " ".join(
        " ".join(p.extract_text() for p in PdfReader(run.scorecard / "scorecard.pdf").pages).split()
    )
    assert f"not measured: {reason}" in pdf
    moved = summary.split("## What moved\n\n")[1].split("\n\n")[0]
    assert not any(word in moved for word in ("ARR", "Customers", "retention", "Logo churn"))


# Case 1: billing's last load on the week's Sunday, before week end ----------


def _hand_computed(workspace: Workspace, sunday: date) -> dict[str, Decimal]:
    """ARR, customers and movements for the week ending `sunday`, from the
    landed subscription lines (12 x the MRR of the lines whose period holds
    the Sunday, D37's movement rules), one account at a time in Python."""
    with duckdb.connect(str(workspace.duckdb_path), read_only=True) as con:
        lines = con.execute(
            "select account_id, period_start_date, period_end_date, mrr "
            "from intermediate.int_revenue__subscription_lines "
            "where not is_internal and mrr is not null"
        ).fetchall()
    first = min(start for _, start, _, _ in lines)
    sundays = [sunday - timedelta(days=7 * n) for n in range(0, 520)]
    sundays = sorted(s for s in sundays if s >= first)
    by_account: dict[str, list[tuple[date, date, Decimal]]] = {}
    for account, start, end, mrr in lines:
        by_account.setdefault(account, []).append((start, end, Decimal(str(mrr))))

    def arr(account: str, day: date) -> Decimal:
        return 12 * sum(
            (mrr for start, end, mrr in by_account[account] if start <= day < end), Decimal(0)
        )

    result = dict.fromkeys((*MOVEMENT_KEYS, "logo_churn", "arr", "customers"), Decimal(0))
    previous_total = Decimal(0)
    for account in sorted(by_account):
        history = [arr(account, day) for day in sundays]
        now, before = history[-1], history[-2]
        result["arr"] += now
        previous_total += before
        result["customers"] += 1 if now > 0 else 0
        if before <= 0 < now:
            ever = any(value > 0 for value in history[:-2])
            result["reactivation_arr" if ever else "new_arr"] += now
        elif now <= 0 < before:
            result["churned_arr"] += before
            result["logo_churn"] += 1
        elif now > before > 0:
            result["expansion_arr"] += now - before
        elif before > now > 0:
            result["contraction_arr"] += before - now
    result["net_new_arr"] = result["arr"] - previous_total
    return result


def test_billing_loaded_on_the_sunday_gives_the_hand_computed_numbers(late_runs: LateRuns):
    run = late_runs.sunday
    # the case is real: Stripe's last load is on the Sunday, before week end
    assert datetime.combine(run.sunday, time(0)) <= run.stripe_last_load
    assert run.stripe_last_load < datetime.combine(run.sunday, time(18))
    expected = _hand_computed(late_runs.workspace, run.sunday)
    assert expected["arr"] > 0 and expected["customers"] > 0
    for key, value in expected.items():
        actual, reason, _ = run.metrics[key]
        assert reason is None, key
        assert actual is not None and abs(Decimal(actual) - value) <= CENT, (key, actual, value)
    assert run.metrics["nrr"][0] is not None and run.metrics["grr"][0] is not None
    assert run.metrics["billing_crm_match_rate"][0] is not None
    # only Stripe loaded before the week end: its tables that need a load at
    # or after it are the stale ones (products and prices declare none)
    assert int(run.metrics["stale_sources"][0]) == 1
    assert set(run.metrics["stale_sources"][2].split(", ")) == _weekly_stripe_tables()
    summary = (run.scorecard / "summary.md").read_text()
    assert "Data may be incomplete" in summary and "stripe" in summary


def test_the_week_published_not_measured_is_restated(late_runs: LateRuns):
    earlier = late_runs.earlier
    reason = f"stripe data ends {earlier.stripe_last_load:%Y-%m-%d %H:%M} UTC"
    with duckdb.connect(str(late_runs.workspace.duckdb_path), read_only=True) as con:
        arr = con.execute(
            "select metric_value from metrics.fct_weekly_metrics "
            "where iso_week = ? and metric_key = 'arr'",
            [earlier.week],
        ).fetchone()[0]
    assert arr is not None and arr > 0
    document = json.loads((late_runs.sunday.scorecard / "scorecard.json").read_text())
    restated = {
        item["key"]: item for item in document["restatements"] if item["week"] == earlier.week
    }
    assert restated["arr"]["published_value"] is None
    assert restated["arr"]["published_note"] == reason
    assert abs(Decimal(str(restated["arr"]["current_value"])) - arr) <= CENT
    summary = (late_runs.sunday.scorecard / "summary.md").read_text()
    assert f"- ARR for {earlier.week} was published as not measured ({reason}), now $" in summary
