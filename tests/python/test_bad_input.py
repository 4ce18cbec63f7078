"""Bad-input suite: one corruption of the generated landing at a time, through
`revops build --raw-dir` (quality gate, landing, dbt), with its precise outcome.

Outcomes are of three kinds: the gate stops the run before dbt (exit 2, one
paragraph naming system, table, column, expectation and sample rows); a row is
quarantined (counted in quarantine_<system>__<table>, left out of staging, and
the row accounting still holds); or the value is read correctly (offsets,
1/0 booleans, emails, delimiters). Runs that reach dbt build only the affected
staging and quarantine models, in one shared workspace (partial parsing).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from conftest import Workspace, make_workspace


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return make_workspace(tmp_path_factory, "bad-input")


def _path(landing: Path, table: str) -> Path:
    system, name = table.split(".")
    return landing / system / f"{name}.parquet"


def _change(landing: Path, table: str, change: Callable[[pa.Table], pa.Table]) -> None:
    path = _path(landing, table)
    pq.write_table(change(pq.read_table(path)), path)


def _set(landing: Path, table: str, column: str, values: dict[int, object]) -> None:
    """Set some rows of a column (as text, the way a CSV lands them)."""

    def change(data: pa.Table) -> pa.Table:
        current = [None if v is None else str(v) for v in data.column(column).to_pylist()]
        for index, value in values.items():
            current[index] = value
        position = data.schema.get_field_index(column)
        return data.set_column(position, column, pa.array(current, pa.string()))

    _change(landing, table, change)


def _value(landing: Path, table: str, column: str, index: int) -> object:
    return pq.read_table(_path(landing, table)).column(column)[index].as_py()


def _build(workspace: Workspace, landing: Path, table: str | None = None):
    if not table:
        return workspace.build_landing(landing)
    system, name = table.split(".")
    return workspace.build_landing(
        landing, "--select", f"+stg_{system}__{name} +quarantine_{system}__{name}"
    )


def _stopped(completed, text: str, message: str) -> None:
    assert completed.returncode == 2, text[-3000:]
    assert message in text, text[-3000:]
    assert "dbt build:" not in text  # stopped before dbt


def _quarantined(workspace: Workspace, table: str) -> list[tuple]:
    system, name = table.split(".")
    return workspace.query(
        f"select reason, column_name, landed_value from quarantine.quarantine_{system}__{name} "
        "order by all",
    )


def _accounting_holds(workspace: Workspace, table: str) -> None:
    system, name = table.split(".")
    landed, staged, quarantined = workspace.query(
        f"select (select count(*) from raw_{system}.{name}), "
        f"(select sum(landed_row_count) from staging.stg_{system}__{name}), "
        f"(select count(*) from quarantine.quarantine_{system}__{name})",
    )[0]
    assert landed == staged + quarantined, (landed, staged, quarantined)


def _quarantine_case(workspace, landing, table, expected):
    completed, text = _build(workspace, landing, table)
    assert completed.returncode == 0, text[-3000:]
    assert _quarantined(workspace, table) == expected
    _accounting_holds(workspace, table)
    return text


# --- the gate stops the run before dbt -------------------------------------------------


def test_missing_table(workspace, corrupt_landing):
    _path(corrupt_landing, "stripe.invoice").unlink()
    completed, text = _build(workspace, corrupt_landing)
    _stopped(completed, text, "missing raw table(s): stripe.invoice")


def test_missing_required_column(workspace, corrupt_landing):
    _change(corrupt_landing, "salesforce.opportunity", lambda t: t.drop_columns(["amount"]))
    completed, text = _build(workspace, corrupt_landing)
    _stopped(completed, text, "missing required column(s): salesforce.opportunity.amount")


def test_empty_table(workspace, corrupt_landing):
    _change(corrupt_landing, "salesforce.opportunity", lambda t: t.slice(0, 0))
    completed, text = _build(workspace, corrupt_landing)
    _stopped(
        completed,
        text,
        "salesforce.opportunity: expect_table_row_count_to_be_between (the table is not empty)",
    )


def test_wrong_type_in_a_whole_column(workspace, corrupt_landing):
    rows = pq.read_metadata(_path(corrupt_landing, "salesforce.opportunity")).num_rows
    _set(corrupt_landing, "salesforce.opportunity", "amount", dict.fromkeys(range(rows), "n/a"))
    completed, text = _build(workspace, corrupt_landing)
    _stopped(
        completed,
        text,
        "salesforce.opportunity, column amount: expect_column_values_to_be_null "
        f"(values parse as numeric (quarantined)) failed for {rows} of {rows} rows (100.0 %); "
        "sample rows: id=",
    )
    assert "amount__unparseable='n/a'" in text


def test_truncated_parquet(workspace, corrupt_landing):
    path = _path(corrupt_landing, "zendesk.ticket")
    path.write_bytes(path.read_bytes()[:100])
    completed, text = _build(workspace, corrupt_landing)
    _stopped(completed, text, "zendesk.ticket: the file")
    assert "cannot be read" in text


def test_invalid_utf8_in_a_csv(workspace, corrupt_landing):
    parquet = _path(corrupt_landing, "delighted.person")
    csv_path = parquet.with_suffix(".csv")
    pacsv.write_csv(pq.read_table(parquet), csv_path)
    parquet.unlink()
    lines = csv_path.read_bytes().split(b"\n")
    lines[5] = lines[5].replace(b"@", b"\xff\xfe@", 1)
    csv_path.write_bytes(b"\n".join(lines))
    completed, text = _build(workspace, corrupt_landing)
    assert completed.returncode == 2, text[-3000:]
    assert "delighted.person" in text
    assert "unicode" in text.lower() or "utf" in text.lower()


def test_all_stage_names_unknown(workspace, corrupt_landing):
    rows = pq.read_metadata(_path(corrupt_landing, "salesforce.opportunity")).num_rows
    _set(corrupt_landing, "salesforce.opportunity", "stage_name", dict.fromkeys(range(rows), "Won"))
    completed, text = _build(workspace, corrupt_landing)
    _stopped(
        completed,
        text,
        "salesforce.opportunity, column stage_name: expect_column_values_to_be_in_set "
        "(stage in crm_stage_mapping (quarantined))",
    )


# --- rows quarantined, the rest builds ----------------------------------------------------


def test_null_ids(workspace, corrupt_landing):
    _set(corrupt_landing, "hubspot.contact", "id", {0: None, 1: "  ", 2: ""})
    text = _quarantine_case(
        workspace,
        corrupt_landing,
        "hubspot.contact",
        [("null_key", "id", None)] * 3,
    )
    assert "warning: hubspot.contact, column id: expect_column_values_to_not_be_null" in text


def test_unparseable_timestamp(workspace, corrupt_landing):
    _set(corrupt_landing, "salesforce.opportunity", "created_date", {4: "yesterday"})
    _quarantine_case(
        workspace,
        corrupt_landing,
        "salesforce.opportunity",
        [("unparseable_timestamp", "created_date", "yesterday")],
    )


def test_unparseable_date(workspace, corrupt_landing):
    _set(corrupt_landing, "salesforce.opportunity", "close_date", {3: "31/02/2026"})
    _quarantine_case(
        workspace,
        corrupt_landing,
        "salesforce.opportunity",
        [("unparseable_date", "close_date", "31/02/2026")],
    )


def test_unparseable_sync_timestamp(workspace, corrupt_landing):
    _set(corrupt_landing, "zendesk.ticket", "_fivetran_synced", {0: "2026-13-45 25:00:00"})
    _quarantine_case(
        workspace,
        corrupt_landing,
        "zendesk.ticket",
        [("unparseable_timestamp", "_fivetran_synced", "2026-13-45 25:00:00")],
    )


def test_negative_amount(workspace, corrupt_landing):
    _set(corrupt_landing, "salesforce.opportunity", "amount", {7: "-1500"})
    text = _quarantine_case(
        workspace,
        corrupt_landing,
        "salesforce.opportunity",
        [("negative_value", "amount", "-1500")],
    )
    assert "not negative (quarantined)) failed for 1 of" in text


def test_unknown_stage_name(workspace, corrupt_landing):
    _set(corrupt_landing, "salesforce.opportunity", "stage_name", {2: "Closed Maybe"})
    _quarantine_case(
        workspace,
        corrupt_landing,
        "salesforce.opportunity",
        [("unknown_stage", "stage_name", "Closed Maybe")],
    )


def test_stage_name_in_other_case_and_spaces_is_known(workspace, corrupt_landing):
    _set(corrupt_landing, "salesforce.opportunity", "stage_name", {2: "  closed WON "})
    _quarantine_case(workspace, corrupt_landing, "salesforce.opportunity", [])


def test_unknown_currency(workspace, corrupt_landing):
    _set(corrupt_landing, "stripe.invoice", "currency", {1: "xyz"})
    _quarantine_case(
        workspace, corrupt_landing, "stripe.invoice", [("unknown_currency", "currency", "xyz")]
    )


def test_null_currency_is_usd(workspace, corrupt_landing):
    _set(corrupt_landing, "salesforce.opportunity", "currency_iso_code", {0: None})
    opportunity_id = _value(corrupt_landing, "salesforce.opportunity", "id", 0)
    _quarantine_case(workspace, corrupt_landing, "salesforce.opportunity", [])
    assert workspace.query(
        f"select currency_code from staging.stg_salesforce__opportunity "
        f"where opportunity_id = '{opportunity_id}'",
    ) == [("USD",)]


def test_orphan_opportunity_account(workspace, corrupt_landing):
    _set(corrupt_landing, "salesforce.opportunity", "account_id", {5: "001NOSUCHACCOUNT"})
    _quarantine_case(
        workspace,
        corrupt_landing,
        "salesforce.opportunity",
        [("orphan_reference", "account_id", "001NOSUCHACCOUNT")],
    )


def test_orphan_invoice_customer(workspace, corrupt_landing):
    _set(corrupt_landing, "stripe.invoice", "customer_id", {0: "cus_missing"})
    _quarantine_case(
        workspace,
        corrupt_landing,
        "stripe.invoice",
        [("orphan_reference", "customer_id", "cus_missing")],
    )


def test_subscription_ending_before_it_starts(workspace, corrupt_landing):
    _set(corrupt_landing, "stripe.subscription", "ended_at", {0: "2020-01-01 00:00:00"})
    _quarantine_case(
        workspace,
        corrupt_landing,
        "stripe.subscription",
        [("end_before_start", "ended_at", "2020-01-01 00:00:00")],
    )


def test_nps_out_of_range(workspace, corrupt_landing):
    _set(corrupt_landing, "delighted.response", "score", {0: "11", 1: "-1"})
    _quarantine_case(
        workspace,
        corrupt_landing,
        "delighted.response",
        [("out_of_range", "score", "-1"), ("out_of_range", "score", "11")],
    )


# --- warnings: the run goes on, the warning is recorded -----------------------------------


def test_future_date_is_a_warning(workspace, corrupt_landing):
    _set(corrupt_landing, "zendesk.ticket", "created_at", {0: "2031-01-01 00:00:00"})
    text = _quarantine_case(workspace, corrupt_landing, "zendesk.ticket", [])
    assert "warning: zendesk.ticket, column created_at: expect_column_values_to_be_between" in text
    assert "failed for 1 of" in text


def test_same_rows_loaded_twice(workspace, corrupt_landing):
    keys = len(
        set(pq.read_table(_path(corrupt_landing, "salesforce.account")).column("id").to_pylist())
    )
    _change(corrupt_landing, "salesforce.account", lambda t: pa.concat_tables([t, t]))
    landed = pq.read_metadata(_path(corrupt_landing, "salesforce.account")).num_rows
    text = _quarantine_case(workspace, corrupt_landing, "salesforce.account", [])
    assert "one row per key and load (the same rows loaded twice)" in text
    assert workspace.query(
        "select count(*), sum(landed_row_count) from staging.stg_salesforce__account",
    ) == [(keys, landed)]


def test_duplicate_ids_in_one_load(workspace, corrupt_landing):
    first = _value(corrupt_landing, "stripe.customer", "id", 0)
    _set(corrupt_landing, "stripe.customer", "id", {1: first})
    synced = _value(corrupt_landing, "stripe.customer", "_fivetran_synced", 0)
    _set(corrupt_landing, "stripe.customer", "_fivetran_synced", {1: synced})
    text = _quarantine_case(workspace, corrupt_landing, "stripe.customer", [])
    assert "warning: stripe.customer, column id: expect_compound_columns_to_be_unique" in text
    assert workspace.query(
        "select landed_row_count from staging.stg_stripe__customer "
        f"where stripe_customer_id = '{first}'",
    ) == [(2,)]


# --- read correctly ----------------------------------------------------------------------


def test_timestamps_with_offsets(workspace, corrupt_landing):
    _set(
        corrupt_landing, "salesforce.opportunity", "created_date", {0: "2026-03-01T10:00:00+02:00"}
    )
    opportunity_id = _value(corrupt_landing, "salesforce.opportunity", "id", 0)
    _quarantine_case(workspace, corrupt_landing, "salesforce.opportunity", [])
    assert workspace.query(
        "select cast(created_at as varchar) from staging.stg_salesforce__opportunity "
        f"where opportunity_id = '{opportunity_id}'",
    ) == [("2026-03-01 08:00:00",)]


def test_booleans_as_one_zero_and_blank(workspace, corrupt_landing):
    _set(corrupt_landing, "salesforce.opportunity", "is_deleted", {0: "1", 1: "0", 2: ""})
    ids = [_value(corrupt_landing, "salesforce.opportunity", "id", i) for i in range(3)]
    _quarantine_case(workspace, corrupt_landing, "salesforce.opportunity", [])
    flags = dict(
        workspace.query(
            "select opportunity_id, is_deleted from staging.stg_salesforce__opportunity "
            f"where opportunity_id in ({', '.join(repr(i) for i in ids)})",
        )
    )
    assert [flags[i] for i in ids] == [True, False, False]


def test_emails_with_spaces_and_capitals(workspace, corrupt_landing):
    email = _value(corrupt_landing, "hubspot.contact", "property_email", 0)
    _set(corrupt_landing, "hubspot.contact", "property_email", {0: f"  {email.upper()} "})
    contact_id = _value(corrupt_landing, "hubspot.contact", "id", 0)
    _quarantine_case(workspace, corrupt_landing, "hubspot.contact", [])
    assert workspace.query(
        f"select email from staging.stg_hubspot__contact where hubspot_contact_id = '{contact_id}'",
    ) == [(email.strip().lower(),)]


def test_typed_parquet_columns(workspace, corrupt_landing):
    def typed(table: pa.Table) -> pa.Table:
        position = table.schema.get_field_index("created_at")
        text = pd.Series(table.column("created_at").to_pylist())
        values = pa.array(pd.to_datetime(text, utc=True, format="ISO8601").dt.tz_localize(None))
        return table.set_column(position, "created_at", values)

    _change(corrupt_landing, "zendesk.ticket", typed)
    _quarantine_case(workspace, corrupt_landing, "zendesk.ticket", [])


def test_csv_with_semicolons(workspace, corrupt_landing):
    parquet = _path(corrupt_landing, "delighted.response")
    landed = pq.read_metadata(parquet).num_rows
    pacsv.write_csv(
        pq.read_table(parquet),
        parquet.with_suffix(".csv"),
        pacsv.WriteOptions(delimiter=";"),
    )
    parquet.unlink()
    _quarantine_case(workspace, corrupt_landing, "delighted.response", [])
    assert workspace.query("select sum(landed_row_count) from staging.stg_delighted__response") == [
        (landed,)
    ]


def test_csv_with_a_byte_order_mark(workspace, corrupt_landing):
    parquet = _path(corrupt_landing, "delighted.person")
    landed = pq.read_metadata(parquet).num_rows
    csv_path = parquet.with_suffix(".csv")
    pacsv.write_csv(pq.read_table(parquet), csv_path)
    csv_path.write_bytes(b"\xef\xbb\xbf" + csv_path.read_bytes())
    parquet.unlink()
    _quarantine_case(workspace, corrupt_landing, "delighted.person", [])
    assert workspace.query("select sum(landed_row_count) from staging.stg_delighted__person") == [
        (landed,)
    ]


def test_extra_column_is_noted_and_ignored(workspace, corrupt_landing):
    _change(
        corrupt_landing,
        "salesforce.account",
        lambda t: t.append_column("custom_score__c", pa.array(["1"] * t.num_rows)),
    )
    text = _quarantine_case(workspace, corrupt_landing, "salesforce.account", [])
    assert "salesforce.account.custom_score__c landed but is not in the contract" in text


def test_missing_optional_column_is_noted(workspace, corrupt_landing):
    _change(corrupt_landing, "salesforce.account", lambda t: t.drop_columns(["industry"]))
    text = _quarantine_case(workspace, corrupt_landing, "salesforce.account", [])
    assert "salesforce.account.industry did not land; it is optional and read as null" in text


def test_skip_check_flag_goes_straight_to_dbt(workspace, corrupt_landing):
    shutil.rmtree(corrupt_landing / "ad_reporting")
    completed = workspace.revops(
        "build",
        "--raw-dir",
        str(corrupt_landing),
        "--skip-check",
        "--select",
        "stg_delighted__person",
    )
    text = " ".join((completed.stdout + completed.stderr).split())
    assert completed.returncode == 2
    assert "missing raw table(s): ad_reporting.url_report" in text
    assert "quality gate" not in text
