"""The synthetic raw-data generator: shape, determinism, consistency, messiness."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
import yaml

from revops.raw_contract import raw_tables
from revops_dev.generate import (
    generate,
    generated_tables,
    iter_tables,
    write_demo_seeds,
    write_landing,
)

SEED = 7


@pytest.fixture(scope="module")
def tables() -> dict[tuple[str, str], pa.Table]:
    return generate(1, SEED)


@pytest.fixture(scope="module")
def written(tables, tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("gen")
    again = generate(1, SEED)
    out = {}
    for name, source in (("a", tables), ("b", again)):
        for fmt in ("parquet", "csv"):
            write_landing(source, root / name / fmt, fmt)
        write_demo_seeds(source, root / name / "seeds")
        out[name] = root / name
    return out


def digest(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def col(tables, system: str, table: str, column: str) -> list:
    return tables[(system, table)].column(column).to_pylist()


def live(tables, system: str, table: str, column: str) -> set:
    return {value for value in col(tables, system, table, column) if value is not None}


# ------------------------------------------------------------------ shape and determinism
def test_every_contract_table_with_exact_columns(tables):
    assert list(tables) == [(t.system, t.table) for t in generated_tables()]
    # the demo lands Zendesk domains as organization.domain_names only
    assert [t.key for t in raw_tables() if t not in generated_tables()] == ["zendesk.domain_name"]
    for table in generated_tables():
        generated = tables[(table.system, table.table)]
        assert generated.column_names == table.column_names, table.key
        assert generated.num_rows > 0, table.key


def test_types_keep_messiness_as_text(tables):
    for table in generated_tables():
        schema = tables[(table.system, table.table)].schema
        for column in table.columns:
            if column.logical_type in ("text", "boolean", "timestamp", "date"):
                assert schema.field(column.name).type == pa.string(), (table.key, column.name)


def test_same_seed_gives_identical_bytes(written):
    a, b = digest(written["a"]), digest(written["b"])
    assert len(a) == 2 * len(generated_tables()) + len(generated_tables()) + 1
    assert a == b


def test_different_seed_gives_different_data(tables):
    key, other = next(iter_tables(1, SEED + 1))
    assert not tables[key].equals(other)


def test_scale_one_is_a_demo_sized_seed_set(tables, written):
    total = sum(t.num_rows for t in tables.values())
    assert 50_000 <= total <= 110_000
    size = sum(p.stat().st_size for p in (written["a"] / "seeds").rglob("*.csv"))
    assert size <= 8_500_000  # about 8 MB: it is committed
    assert 300 <= tables[("salesforce", "account")].num_rows <= 500
    assert 2_500 <= tables[("hubspot", "contact")].num_rows <= 4_500


def test_seed_yaml_declares_every_seed_as_text(written):
    document = yaml.safe_load((written["a"] / "seeds" / "_raw__seeds.yml").read_text())
    assert document["version"] == 2
    by_name = {seed["name"]: seed for seed in document["seeds"]}
    for table in generated_tables():
        seed = by_name[f"{table.system}__{table.table}"]
        assert seed["config"]["alias"] == table.table
        assert seed["config"]["schema"] == f"{{{{ var('{table.system}_schema') }}}}"
        assert list(seed["config"]["column_types"]) == table.column_names
        assert set(seed["config"]["column_types"].values()) == {"varchar"}
        path = written["a"] / "seeds" / table.system / f"{table.system}__{table.table}.csv"
        assert path.read_text().splitlines()[0] == ",".join(table.column_names)


# ------------------------------------------------------------------ consistency
def test_salesforce_references_resolve(tables):
    accounts = live(tables, "salesforce", "account", "id")
    assert live(tables, "salesforce", "opportunity", "account_id") <= accounts
    assert live(tables, "salesforce", "contact", "account_id") <= accounts
    opps = live(tables, "salesforce", "opportunity", "id")
    assert live(tables, "salesforce", "opportunity_history", "opportunity_id") <= opps
    contacts = live(tables, "salesforce", "contact", "id")
    assert live(tables, "salesforce", "lead", "converted_contact_id") <= contacts
    assert live(tables, "salesforce", "lead", "converted_account_id") <= accounts
    assert live(tables, "salesforce", "lead", "converted_opportunity_id") <= opps
    users = live(tables, "salesforce", "user", "id")
    assert live(tables, "salesforce", "opportunity", "owner_id") <= users
    campaigns = live(tables, "salesforce", "campaign", "id")
    assert live(tables, "salesforce", "campaign_member", "campaign_id") <= campaigns
    leads = live(tables, "salesforce", "lead", "id")
    assert live(tables, "salesforce", "campaign_member", "lead_id") <= leads


def test_salesforce_ids_are_18_characters_with_prefixes(tables):
    prefixes = {
        "account": "001",
        "contact": "003",
        "lead": "00Q",
        "opportunity": "006",
        "user": "005",
        "campaign": "701",
        "campaign_member": "00v",
        "opportunity_history": "008",
    }
    for table, prefix in prefixes.items():
        ids = col(tables, "salesforce", table, "id")
        assert all(len(i) == 18 and i.startswith(prefix) for i in ids), table


def test_stages_and_sources_come_from_the_reference_seeds(tables):
    root = Path(__file__).resolve().parents[2] / "seeds" / "reference"
    stage_rows = (root / "crm_stage_mapping.csv").read_text().splitlines()[1:]
    stages = {line.split(",")[0] for line in stage_rows}
    for table in ("opportunity", "opportunity_history"):
        assert live(tables, "salesforce", table, "stage_name") <= stages
    mapping = [line.split(",") for line in (root / "channel_mapping.csv").read_text().splitlines()]
    sf_sources = {row[2] for row in mapping if row[0] == "salesforce"}
    hs_sources = {row[2] for row in mapping if row[0] == "hubspot"}
    assert live(tables, "salesforce", "lead", "lead_source") <= sf_sources
    assert live(tables, "hubspot", "contact", "property_hs_analytics_source") == hs_sources
    platforms = {row[2] for row in mapping if row[0] == "ad_reporting"}
    assert live(tables, "ad_reporting", "url_report", "platform") <= platforms


def test_other_systems_reference_existing_rows(tables):
    customers = live(tables, "stripe", "customer", "id")
    assert live(tables, "stripe", "invoice", "customer_id") <= customers
    assert live(tables, "stripe", "subscription", "customer_id") <= customers
    invoices = live(tables, "stripe", "invoice", "id")
    assert live(tables, "stripe", "invoice_line_item", "invoice_id") <= invoices
    prices = live(tables, "stripe", "price", "id")
    assert live(tables, "stripe", "invoice_line_item", "price_id") <= prices
    tickets = live(tables, "zendesk", "ticket", "id")
    assert live(tables, "zendesk", "ticket_field_history", "ticket_id") <= tickets
    assert live(tables, "zendesk", "ticket_comment", "ticket_id") <= tickets
    assert live(tables, "zendesk", "satisfaction_rating", "ticket_id") <= tickets
    users = live(tables, "zendesk", "user", "id")
    assert live(tables, "zendesk", "ticket", "requester_id") <= users
    orgs = live(tables, "zendesk", "organization", "id")
    assert live(tables, "zendesk", "ticket", "organization_id") <= orgs
    people = live(tables, "delighted", "person", "id")
    assert live(tables, "delighted", "response", "person_id") <= people
    contacts = live(tables, "hubspot", "contact", "id")
    assert live(tables, "hubspot", "contact_form_submission", "contact_id") <= contacts
    forms = live(tables, "hubspot", "form", "guid")
    assert live(tables, "hubspot", "contact_form_submission", "form_id") <= forms
    campaigns = live(tables, "hubspot", "email_campaign", "id")
    assert live(tables, "hubspot", "email_event", "email_campaign_id") <= campaigns


def test_stripe_metadata_links_most_customers_to_accounts(tables):
    accounts = live(tables, "salesforce", "account", "id")
    metadata = [json.loads(m) for m in col(tables, "stripe", "customer", "metadata")]
    linked = [m["salesforce_account_id"] for m in metadata if "salesforce_account_id" in m]
    assert set(linked) <= accounts
    assert 0.5 < len(linked) / len(metadata) < 0.85
    assert any(m == {} for m in metadata)
    externals = col(tables, "zendesk", "organization", "external_id")
    assert 0.4 < sum(e is not None for e in externals) / len(externals) < 0.8


def test_fx_and_money(tables):
    fx = tables[("finance", "fx_rate")]
    assert live(tables, "finance", "fx_rate", "currency_code") == {"EUR", "GBP"}
    assert min(live(tables, "finance", "fx_rate", "rate_date")) == "2024-10-01"
    assert max(live(tables, "finance", "fx_rate", "rate_date")) == "2026-11-20"
    assert pc.min(fx.column("usd_per_unit")).as_py() > 0.9
    for system, table, column in (
        ("salesforce", "opportunity", "amount"),
        ("stripe", "invoice_line_item", "amount"),
        ("stripe", "invoice", "total"),
        ("ad_reporting", "url_report", "spend"),
    ):
        assert pc.min(tables[(system, table)].column(column)).as_py() >= 0, (table, column)
    assert {"USD", "EUR", "GBP"} <= live(tables, "salesforce", "opportunity", "currency_iso_code")
    assert {"USD", "EUR", "GBP"} <= live(tables, "ad_reporting", "url_report", "currency_code")


def test_time_window(tables):
    synced = [v for t in tables.values() for v in t.column("_fivetran_synced").to_pylist()]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", v) for v in synced)
    assert max(synced) <= "2026-11-23 06:00:00"
    systems = {t.system for t in generated_tables()}
    for system in systems:
        latest = max(
            max(t.column("_fivetran_synced").to_pylist())
            for key, t in tables.items()
            if key[0] == system
        )
        assert latest >= "2026-11-23 00:00:00", system
    created = col(tables, "salesforce", "opportunity", "created_date")
    assert min(c[:10] for c in created) >= "2024-11-25"
    assert max(c[:10] for c in created) <= "2026-11-22"


# ------------------------------------------------------------------ messiness
def test_emails_differ_by_case_and_space_across_tools(tables):
    hubspot = {e for e in col(tables, "hubspot", "contact", "property_email") if e}
    salesforce = {e for e in col(tables, "salesforce", "lead", "email") if e}
    normal = {e.strip().lower() for e in hubspot}
    messy = [e for e in salesforce if e not in hubspot and e.strip().lower() in normal]
    assert messy
    assert any(e != e.strip() for e in salesforce | hubspot)
    assert None in col(tables, "salesforce", "contact", "email")
    domains = [e.strip().lower().split("@")[1] for e in hubspot]
    free = sum(
        d
        in {
            "gmail.com",
            "outlook.com",
            "yahoo.com",
            "hotmail.com",
            "icloud.com",
            "gmx.de",
            "proton.me",
            "aol.com",
        }
        for d in domains
    )
    assert 0.08 < free / len(domains) < 0.25


def test_merged_contacts_and_duplicates(tables):
    ids = live(tables, "hubspot", "contact", "id")
    merged = col(tables, "hubspot", "contact", "property_hs_calculated_merged_vids")
    merged = [m for m in merged if m]
    assert merged
    vids = {part.split(":")[0] for m in merged for part in m.split(";")}
    assert vids <= ids
    assert any(":" in m for m in merged) and any(":" not in m for m in merged)
    emails = [e.strip().lower() for e in col(tables, "salesforce", "lead", "email") if e]
    assert len(emails) > len(set(emails))  # duplicate leads for one person


def test_fifteen_character_salesforce_ids(tables):
    lead_ids = [i for i in col(tables, "hubspot", "contact", "property_salesforceleadid") if i]
    assert any(len(i) == 15 for i in lead_ids) and any(len(i) == 18 for i in lead_ids)
    full = live(tables, "salesforce", "lead", "id")
    assert {i for i in lead_ids if len(i) == 15} <= {i[:15] for i in full}


def test_timestamps_and_booleans_are_mixed_but_parseable(tables):
    created = col(tables, "salesforce", "opportunity", "created_date")
    pattern = r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)?"
    assert all(re.fullmatch(pattern, c) for c in created)
    assert any(c.endswith("Z") for c in created)
    assert any(re.search(r"[+-]\d\d:\d\d$", c) for c in created)
    assert any(re.fullmatch(r"\S+ \d\d:\d\d:\d\d", c) for c in created)
    flags = set(col(tables, "salesforce", "opportunity", "is_won"))
    assert {"true", "false", "1", "0", ""} <= flags
    for system, table in (("salesforce", "lead"), ("salesforce", "account")):
        assert "true" in col(tables, system, table, "is_deleted")


def test_offsets_denote_the_same_instant(tables):
    """An opportunity's created_date and its first history row are one instant in any style."""

    def utc(text: str) -> datetime:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)

    created = dict(
        zip(
            col(tables, "salesforce", "opportunity", "id"),
            col(tables, "salesforce", "opportunity", "created_date"),
            strict=True,
        )
    )
    first: dict[str, str] = {}
    history = tables[("salesforce", "opportunity_history")]
    for opp, when in zip(
        history.column("opportunity_id").to_pylist(),
        history.column("created_date").to_pylist(),
        strict=True,
    ):
        if opp not in first or utc(when) < utc(first[opp]):
            first[opp] = when
    styles_differ = [o for o in first if first[o][10:] != created[o][10:]]
    assert styles_differ
    assert all(utc(first[o]) == utc(created[o]) for o in first)


def test_every_flagged_table_has_deleted_rows(tables):
    for table in generated_tables():
        names = table.column_names
        flag = "is_deleted" if "is_deleted" in names else "_fivetran_deleted"
        if flag not in names or tables[(table.system, table.table)].num_rows < 50:
            continue
        values = col(tables, table.system, table.table, flag)
        assert {"true", "1"} & set(values), table.key


def test_duplicate_loads_keep_the_latest_correct(tables):
    lines = tables[("salesforce", "opportunity")]
    ids = lines.column("id").to_pylist()
    assert len(ids) > len(set(ids))
    ratings = tables[("zendesk", "satisfaction_rating")].to_pylist()
    by_id: dict[str, list[dict]] = {}
    for row in ratings:
        by_id.setdefault(row["id"], []).append(row)
    twice = [rows for rows in by_id.values() if len(rows) > 1]
    assert twice
    for rows in twice:
        assert len({row["_fivetran_synced"] for row in rows}) == len(rows)


def test_customer_quality_differs_by_channel(tables):
    """Paid social customers churn more than referral and organic ones (ARR retention signal)."""
    contacts = tables[("hubspot", "contact")].to_pylist()
    customers = [c for c in contacts if c["property_lifecyclestage"] == "customer"]
    assert len(customers) > 50


def test_generate_walks_any_number_of_stages(tmp_path):
    """A stage added to the mapping (a sixth open stage of the demo org) is walked
    through: no IndexError, deals enter it, and the seed's other orgs' stages
    (Salesforce's defaults) are never generated."""

    project = Path(__file__).resolve().parents[2]
    copy = tmp_path / "project"
    shutil.copytree(project / "seeds" / "reference", copy / "seeds" / "reference")
    shutil.copytree(project / "models" / "staging", copy / "models" / "staging")
    mapping = copy / "seeds" / "reference" / "crm_stage_mapping.csv"
    mapping.write_text(
        mapping.read_text() + "Security Review,opportunity,12,open,false,false,85,demo\n"
    )
    out = tmp_path / "landing"
    completed = subprocess.run(
        [sys.executable, "-m", "revops.cli", "generate", "--scale", "1", "--out", str(out)],
        env={**os.environ, "REVOPS_PROJECT_DIR": str(copy)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    history = pq.read_table(out / "salesforce" / "opportunity_history.parquet")
    names = set(history.column("stage_name").to_pylist())
    assert "Security Review" in names
    demo = {"Discovery", "Qualification", "Demo", "Proposal", "Negotiation"}
    assert demo | {"Closed Won", "Closed Lost"} | {"Security Review"} >= names
    assert demo <= names
    opportunities = pq.read_table(out / "salesforce" / "opportunity.parquet")
    won = pc.sum(pc.equal(opportunities.column("stage_name"), "Closed Won")).as_py()
    assert won > 0
