"""Zendesk organization domains as Fivetran lands them: the table domain_name.

The demo lands each organization's domains as organization.domain_names
(comma-separated text) and no domain_name table. Fivetran's Zendesk connector
lands no domain_names column and one domain_name row per organization and
domain (organization_id, index, domain_name, _fivetran_synced). One build of
the same organizations in Fivetran's shape must resolve identity exactly as
the demo's shape does (the session's `built_workspace`), and a domain_name
row flagged deleted must give its organization nothing.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from conftest import Workspace
from test_loaders import _copy, _read, _succeeded, _text, _workspace, _write

# an organization's extra domain_name rows the test lands (positions past its own list)
SUPERSEDED_INDEX, DELETED_INDEX = 0, 99
OLD_SYNC = "2020-01-01 00:00:00"
OLD_DOMAIN = "superseded-domain.example"
IDENTITY_RELATIONS = (
    "intermediate.int_identity__account_domains",
    "intermediate.int_identity__account_record_matches",
    "marts.dim_accounts",
)


def _domain_rows(organization: pa.Table) -> list[dict[str, str]]:
    """One domain_name row per landed organization row and listed domain, as
    Fivetran lands them: the domain as listed, its position, the row's sync."""
    rows = []
    for org in organization.to_pylist():
        for index, domain in enumerate((org["domain_names"] or "").split(",")):
            if domain.strip():
                rows.append(
                    {
                        "index": str(index),
                        "organization_id": org["id"],
                        "_fivetran_synced": org["_fivetran_synced"],
                        "domain_name": domain,
                        "_fivetran_deleted": "false",
                    }
                )
    return rows


def _domain_table(rows: list[dict[str, str]]) -> pa.Table:
    names = ["index", "organization_id", "_fivetran_synced", "domain_name", "_fivetran_deleted"]
    return pa.table({name: _text([row[name] for row in rows]) for name in names})


def _domain_matched_organization(reference: Workspace) -> tuple[str, str, str]:
    """A live organization the demo build matches to its account by domain alone,
    the Salesforce account domain of another account, and that account."""
    ((organization, account),) = reference.query(
        "select source_record_id, account_id "
        "from intermediate.int_identity__account_record_matches "
        "where source_system = 'zendesk' and match_rule = 'domain' "
        "order by source_record_id limit 1",
    )
    ((other_domain,),) = reference.query(
        "select domain from intermediate.int_identity__salesforce_account_domains "
        f"where account_id is not null and account_id <> '{account}' order by domain limit 1",
    )
    return organization, account, other_domain


@pytest.fixture(scope="module")
def fivetran_domains(tmp_path_factory, landing_dir: Path, built_workspace):
    """The demo landing with Zendesk domains in Fivetran's shape, built once."""
    reference, completed = built_workspace
    _succeeded(completed)
    organization_id, account_id, other_domain = _domain_matched_organization(reference)
    root = tmp_path_factory.mktemp("zendesk-domains")
    folder = _copy(landing_dir, root, "landing")
    organization = _read(landing_dir, "zendesk", "organization")
    rows = _domain_rows(organization)
    synced = max(r["_fivetran_synced"] for r in rows if r["organization_id"] == organization_id)
    extra = {"organization_id": organization_id, "_fivetran_synced": synced}
    rows += [
        # an earlier load of the organization's first domain: the later load wins
        {**extra, "index": str(SUPERSEDED_INDEX), "_fivetran_synced": OLD_SYNC}
        | {"domain_name": OLD_DOMAIN, "_fivetran_deleted": "false"},
        # another account's domain, deleted in Zendesk: it must not count
        {**extra, "index": str(DELETED_INDEX), "domain_name": other_domain}
        | {"_fivetran_deleted": "true"},
    ]
    _write(folder, "zendesk", "organization", organization.drop_columns(["domain_names"]))
    _write(folder, "zendesk", "domain_name", _domain_table(rows))
    workspace = _workspace(root, "warehouse")
    output = _succeeded(workspace.revops("build", "--raw-dir", str(folder)))
    return {
        "workspace": workspace,
        "reference": reference,
        "output": output,
        "organization_id": organization_id,
        "account_id": account_id,
        "other_domain": other_domain,
        "rows": len(rows),
    }


def _differences(left: Workspace, right: Workspace, relations: tuple[str, ...]) -> dict:
    """Per relation: rows only in left, rows only in right (EXCEPT ALL both ways)."""
    differences = {}
    with duckdb.connect(str(left.duckdb_path), read_only=True) as con:
        con.execute(f"attach '{right.duckdb_path}' as other (read_only)")
        for relation in relations:
            counts = tuple(
                con.execute(
                    f"select count(*) from (select * from {a} except all select * from {b})"
                ).fetchone()[0]
                for a, b in ((relation, f"other.{relation}"), (f"other.{relation}", relation))
            )
            if counts != (0, 0):
                differences[relation] = counts
    return differences


def test_fivetran_shape_builds_and_says_what_it_read(fivetran_domains):
    output = fivetran_domains["output"]
    assert "zendesk.organization.domain_names did not land; it is optional" in output
    workspace = fivetran_domains["workspace"]
    ((listed,),) = workspace.query(
        "select count(domain_names) from staging.stg_zendesk__organization"
    )
    assert listed == 0
    # every landed domain_name row is staged (older loads counted) or quarantined
    ((accounted, quarantined),) = workspace.query(
        "select (select sum(landed_row_count) from staging.stg_zendesk__domain_name), "
        "(select count(*) from quarantine.quarantine_zendesk__domain_name)",
    )
    assert (accounted, quarantined) == (fivetran_domains["rows"], 0)


def test_identity_is_the_same_whichever_shape_landed(fivetran_domains):
    """The same organizations, domains as a table instead of a column: every
    organization offers the same domains and matches the same account."""
    workspace, reference = fivetran_domains["workspace"], fivetran_domains["reference"]
    matched = (
        "select count(*) from intermediate.int_identity__account_record_matches "
        "where source_system = 'zendesk' and account_id is not null"
    )
    ((matched_here,),), ((matched_demo,),) = workspace.query(matched), reference.query(matched)
    assert matched_here == matched_demo > 100
    named = (
        "select account_id, match_rule from intermediate.int_identity__account_record_matches "
        f"where account_record_id = 'zendesk_organization:{fivetran_domains['organization_id']}'"
    )
    assert workspace.query(named) == [(fivetran_domains["account_id"], "domain")]
    assert reference.query(named) == [(fivetran_domains["account_id"], "domain")]
    domains = "select * from staging.stg_zendesk__organization_domain"
    assert sorted(workspace.query(domains)) == sorted(reference.query(domains))
    assert _differences(workspace, reference, IDENTITY_RELATIONS) == {}


def test_deleted_and_superseded_domain_rows_give_nothing(fivetran_domains):
    workspace, organization = fivetran_domains["workspace"], fivetran_domains["organization_id"]
    other_domain = fivetran_domains["other_domain"]
    staged = workspace.query(
        "select domain_index, domain_name, is_deleted, landed_row_count "
        f"from staging.stg_zendesk__domain_name where zendesk_organization_id = '{organization}' "
        f"and domain_index in ({SUPERSEDED_INDEX}, {DELETED_INDEX}) order by domain_index",
    )
    # the deleted row is staged and flagged; index 0 keeps its later load
    assert staged[1] == (DELETED_INDEX, other_domain, True, 1)
    assert staged[0][0] == SUPERSEDED_INDEX and staged[0][1] != OLD_DOMAIN
    assert staged[0][2] is False and staged[0][3] >= 2
    offered = {
        row[0]
        for row in workspace.query(
            "select domain from intermediate.int_identity__account_domains "
            f"where account_record_id = 'zendesk_organization:{organization}'",
        )
    }
    assert offered and other_domain not in offered and OLD_DOMAIN not in offered


def test_a_folder_without_the_optional_table_drops_the_one_landed_before(
    landing_dir: Path, tmp_path: Path
):
    """The folder is what is read: a domain_name view from an earlier landing
    would point at a file that is no longer part of it."""
    from revops.landing import attach_landing_folder

    folder = _copy(landing_dir, tmp_path, "landing")
    rows = [
        {"index": "0", "organization_id": "1", "_fivetran_synced": OLD_SYNC}
        | {"domain_name": "acme.io", "_fivetran_deleted": "false"}
    ]
    _write(folder, "zendesk", "domain_name", _domain_table(rows))
    relation = "select count(*) from information_schema.tables where table_name = 'domain_name'"
    with duckdb.connect(str(tmp_path / "warehouse.duckdb")) as con:
        first = attach_landing_folder(con, folder)
        assert "zendesk.domain_name" in first.attached and first.missing_optional_tables == []
        assert con.execute("select domain_name from raw_zendesk.domain_name").fetchall() == [
            ("acme.io",)
        ]
        (folder / "zendesk" / "domain_name.parquet").unlink()
        second = attach_landing_folder(con, folder)
        assert second.missing_optional_tables == ["zendesk.domain_name"]
        assert con.execute(relation).fetchone() == (0,)
