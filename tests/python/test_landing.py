"""Bad landed input is named precisely and stops the run, without a traceback."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import make_workspace
from revops.landing import LandingError, attach_landing_folder
from revops.raw_contract import raw_table, raw_tables


def _rewrite(path: Path, change) -> None:
    table = pq.read_table(path)
    pq.write_table(change(table), path)


def test_contract_declares_every_raw_table_of_the_spec():
    # 31 tables of the spec, and Zendesk's domain_name, which only some loaders land
    assert len(raw_tables()) == 32
    assert [t.key for t in raw_tables() if t.optional] == ["zendesk.domain_name"]
    assert raw_table("zendesk", "domain_name").key_columns == ("organization_id", "index")
    assert "domain_names" not in raw_table("zendesk", "organization").required_columns


def test_every_landed_as_names_a_declared_column_of_an_optional_table():
    """A column another table may carry instead points at a table and column of
    the contract, in the same system, that may be missing too."""
    pointers = [
        (table, column) for table in raw_tables() for column in table.columns if column.landed_as
    ]
    assert [(t.key, c.name) for t, c in pointers] == [("zendesk.organization", "domain_names")]
    for table, column in pointers:
        other_table, _, other_column = column.landed_as.partition(".")
        other = raw_table(table.system, other_table)
        assert column.optional and other.optional
        assert other.column(other_column).logical_type == column.logical_type
    assert raw_table("salesforce", "opportunity").required_columns[:3] == [
        "id",
        "account_id",
        "type",
    ]
    assert "industry" not in raw_table("salesforce", "account").required_columns


def test_complete_landing_attaches_every_table(landing_dir: Path):
    with duckdb.connect() as con:
        report = attach_landing_folder(con, landing_dir)
        landed = con.execute("select count(*) from raw_salesforce.opportunity").fetchone()[0]
    assert len(report.attached) == 31
    assert report.missing_optional_tables == ["zendesk.domain_name"]
    assert report.missing_optional_columns == []
    assert landed == pq.read_metadata(landing_dir / "salesforce" / "opportunity.parquet").num_rows


def test_missing_table_is_named(corrupt_landing: Path):
    (corrupt_landing / "stripe" / "invoice.parquet").unlink()
    with duckdb.connect() as con, pytest.raises(LandingError) as raised:
        attach_landing_folder(con, corrupt_landing)
    assert "missing raw table(s): stripe.invoice" in str(raised.value)


def test_missing_required_column_is_named(corrupt_landing: Path):
    path = corrupt_landing / "salesforce" / "opportunity.parquet"
    _rewrite(path, lambda table: table.drop_columns(["amount"]))
    with duckdb.connect() as con, pytest.raises(LandingError) as raised:
        attach_landing_folder(con, corrupt_landing)
    assert "missing required column(s): salesforce.opportunity.amount" in str(raised.value)


def test_missing_optional_and_extra_columns_are_reported_not_fatal(corrupt_landing: Path):
    path = corrupt_landing / "salesforce" / "account.parquet"
    _rewrite(
        path,
        lambda table: table.drop_columns(["industry"]).append_column(
            "custom_score__c", pa.array(["1"] * table.num_rows)
        ),
    )
    with duckdb.connect() as con:
        report = attach_landing_folder(con, corrupt_landing)
    assert report.missing_optional_columns == ["salesforce.account.industry"]
    assert report.extra_columns == ["salesforce.account.custom_score__c"]


def test_unreadable_file_is_named(corrupt_landing: Path):
    path = corrupt_landing / "zendesk" / "ticket.parquet"
    path.write_bytes(path.read_bytes()[:100])
    with duckdb.connect() as con, pytest.raises(LandingError) as raised:
        attach_landing_folder(con, corrupt_landing)
    assert "zendesk.ticket: the file" in str(raised.value)
    assert "cannot be read" in str(raised.value)


def test_cli_stops_on_missing_column_without_traceback(tmp_path_factory, corrupt_landing: Path):
    _rewrite(
        corrupt_landing / "hubspot" / "contact.parquet",
        lambda table: table.drop_columns(["property_email"]),
    )
    workspace = make_workspace(tmp_path_factory, "missing-column")
    completed = workspace.revops("build", "--raw-dir", str(corrupt_landing))
    assert completed.returncode == 2
    assert "hubspot.contact.property_email" in completed.stderr
    assert "Traceback" not in completed.stderr + completed.stdout


def test_cli_quarantines_unparseable_values(tmp_path_factory, corrupt_landing: Path, monkeypatch):
    """An unparseable value no longer stops the build: its row is quarantined,
    named (column and landed value), and left out of staging."""
    path = corrupt_landing / "salesforce" / "opportunity.parquet"

    def corrupt(table: pa.Table) -> pa.Table:
        values = table.column("close_date").to_pylist()
        values[3] = "31/02/2026"
        index = table.schema.get_field_index("close_date")
        return table.set_column(index, "close_date", pa.array(values, pa.string()))

    _rewrite(path, corrupt)
    bad_id = pq.read_table(path).column("id")[3].as_py()
    workspace = make_workspace(tmp_path_factory, "unparseable")
    monkeypatch.setenv("DBT_INDIRECT_SELECTION", "cautious")  # not the marts' tests
    completed = workspace.revops(
        "build",
        "--raw-dir",
        str(corrupt_landing),
        "--select",
        "+stg_salesforce__opportunity +quarantine_salesforce__opportunity",
    )
    output = completed.stderr + completed.stdout
    assert completed.returncode == 0, output[-3000:]
    assert "Traceback" not in output
    assert "column close_date" in output and "'31/02/2026'" in output
    with duckdb.connect(str(workspace.duckdb_path), read_only=True) as con:
        quarantined = con.execute(
            "select record_key, reason, column_name, landed_value "
            "from quarantine.quarantine_salesforce__opportunity"
        ).fetchall()
        staged = con.execute(
            "select count(*) from staging.stg_salesforce__opportunity "
            f"where opportunity_id = '{bad_id}'"
        ).fetchone()[0]
    assert quarantined == [(bad_id, "unparseable_date", "close_date", "31/02/2026")]
    assert staged == 0


def test_generated_contract_macro_is_in_step_with_the_sources():
    from revops.config import project_root
    from revops.raw_contract import CONTRACT_MACRO, contract_macro_text

    committed = (project_root() / CONTRACT_MACRO).read_text()
    assert committed == contract_macro_text(), "run `python -m revops.raw_contract`"
