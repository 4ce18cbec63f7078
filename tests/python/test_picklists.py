"""The org's picklists are reference data: vendor values land and build, an
untouched Salesforce org gives the demo's numbers, and an unmapped value warns
(value, rows, seed file) until it is more than the critical share of a column.

Each case builds a landing folder in the test from the generated scale-1
landing (tests/python/conftest.py) and runs `revops build --raw-dir` on it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import PROJECT_DIR, Workspace, make_workspace

SEED_FILE = "seeds/reference/picklist_mapping.csv"

# HubSpot's email event types (developers.hubspot.com, email events API) that the
# generated demo never emits; it emits SENT, DELIVERED, OPEN, CLICK, BOUNCE, UNSUBSCRIBED.
HUBSPOT_EXTRA_TYPES = {
    "PROCESSED": "other",
    "DEFERRED": "other",
    "DROPPED": "other",
    "SPAMREPORT": "other",
    "PRINT": "other",
    "FORWARD": "other",
    "SUPPRESSED": "other",
    "UNBOUNCE": "other",
    "STATUSCHANGE": "unsubscribe",
}
ZENDESK_STATUSES = ("new", "open", "pending", "hold", "solved", "closed", "deleted")
# the demo's stage and type names -> Salesforce's defaults with the same meaning
SALESFORCE_STAGES = {
    "Discovery": "Prospecting",
    "Demo": "Value Proposition",
    "Proposal": "Proposal/Price Quote",
    "Negotiation": "Negotiation/Review",
}
SALESFORCE_TYPES = {
    "New Business": "New Customer",
    "Expansion": "Existing Customer - Upgrade",
    "Renewal": "Existing Customer - Replacement",
}


def _path(landing: Path, table: str) -> Path:
    system, name = table.split(".")
    return landing / system / f"{name}.parquet"


def _read(landing: Path, table: str) -> pa.Table:
    return pq.read_table(_path(landing, table))


def _write(landing: Path, table: str, data: pa.Table) -> None:
    pq.write_table(data, _path(landing, table))


def _replace(data: pa.Table, column: str, values: list) -> pa.Table:
    position = data.schema.get_field_index(column)
    return data.set_column(position, column, pa.array(values, data.schema.field(column).type))


def _renamed(data: pa.Table, column: str, mapping: dict[str, str]) -> pa.Table:
    return _replace(data, column, [mapping.get(v, v) for v in data.column(column).to_pylist()])


def _copies(data: pa.Table, changes: list[dict[str, object]]) -> pa.Table:
    """The table with one extra row per change: its first row with those columns set."""
    first = data.slice(0, 1).to_pylist()[0]
    extra = pa.Table.from_pylist([{**first, **change} for change in changes], schema=data.schema)
    return pa.concat_tables([data, extra])


def _build(workspace: Workspace, landing: Path, *extra: str) -> tuple[int, str]:
    completed, text = workspace.build_landing(landing, *extra)
    return completed.returncode, text


WEEKLY_METRICS = (
    "select metric_key, iso_week, metric_value, numerator, denominator, status, detail "
    "from metrics.fct_weekly_metrics order by metric_key, iso_week"
)


@pytest.fixture(scope="module")
def vendor_landing(tmp_path_factory: pytest.TempPathFactory, landing_dir: Path) -> Path:
    """The demo landing as an untouched Salesforce org and full HubSpot and Zendesk
    value lists would land it:
    - every Salesforce stage and type renamed to the default with the same meaning;
    - one extra email event per HubSpot type the demo lacks;
    - one extra ticket per Zendesk status, each deleted: by the loader's flag, or
      (status 'deleted') by the status alone, so no count may change."""
    landing = tmp_path_factory.mktemp("vendor") / "landing"
    shutil.copytree(landing_dir, landing)
    for table in ("salesforce.opportunity", "salesforce.opportunity_history"):
        _write(landing, table, _renamed(_read(landing, table), "stage_name", SALESFORCE_STAGES))
    opportunities = _read(landing, "salesforce.opportunity")
    _write(landing, "salesforce.opportunity", _renamed(opportunities, "type", SALESFORCE_TYPES))
    events = _read(landing, "hubspot.email_event")
    _write(
        landing,
        "hubspot.email_event",
        _copies(events, [{"id": f"vendor-{code}", "type": code} for code in HUBSPOT_EXTRA_TYPES]),
    )
    tickets = _read(landing, "zendesk.ticket")
    _write(
        landing,
        "zendesk.ticket",
        _copies(
            tickets,
            [
                {
                    "id": f"99999{index}",
                    "status": status,
                    "_fivetran_deleted": "false" if status == "deleted" else "true",
                }
                for index, status in enumerate(ZENDESK_STATUSES)
            ],
        ),
    )
    return landing


@pytest.fixture(scope="module")
def vendor_build(
    tmp_path_factory: pytest.TempPathFactory, vendor_landing: Path
) -> tuple[Workspace, int, str]:
    workspace = make_workspace(tmp_path_factory, "vendor-build")
    code, text = _build(workspace, vendor_landing)
    return workspace, code, text


def test_vendor_value_lists_land_and_build_without_a_warning(vendor_build):
    workspace, code, text = vendor_build
    assert code == 0, text[-3000:]
    assert "not mapped" not in text  # dbt's picklist tests
    assert "To fix: map the value" not in text  # the quality gate
    categories = dict(
        workspace.query(
            "select event_type_normalized, event_category from staging.stg_hubspot__email_event "
            "where email_event_id like 'vendor-%'",
        )
    )
    assert categories == HUBSPOT_EXTRA_TYPES
    daily = workspace.query(
        "select event_type, event_category, sum(events) from marts.fct_email_events_daily "
        "where event_type in ('PROCESSED', 'STATUSCHANGE') group by all order by 1",
    )
    # the copies keep the first event's recipient: countable unless that one is internal
    countable = workspace.query(
        "select count(*) from staging.stg_hubspot__email_event "
        "where email_event_id = 'vendor-PROCESSED' and not is_internal and not is_deleted",
    )[0][0]
    assert daily == [
        ("PROCESSED", "other", countable),
        ("STATUSCHANGE", "unsubscribe", countable),
    ]
    tickets = workspace.query(
        "select status_normalized, status_category, is_deleted from staging.stg_zendesk__ticket "
        "where ticket_id like '99999%' order by ticket_id",
    )
    assert tickets == [
        ("new", "open", True),
        ("open", "open", True),
        ("pending", "pending", True),
        ("hold", "pending", True),
        ("solved", "solved", True),
        ("closed", "closed", True),
        ("deleted", "deleted", True),
    ]


def test_salesforce_defaults_give_the_demo_names_metrics(vendor_build, built_workspace):
    """The same deals under Salesforce's default stage and type names, with no seed
    edited, give exactly the demo's weekly metrics (and the deleted-status ticket
    is in no count)."""
    workspace, code, text = vendor_build
    assert code == 0, text[-3000:]
    demo_workspace, demo_build = built_workspace
    assert demo_build.returncode == 0, demo_build.stdout[-3000:]
    stages = {
        row[0] for row in workspace.query("select distinct stage_name from marts.fct_opportunities")
    }
    assert set(SALESFORCE_STAGES.values()) <= stages
    assert not stages & set(SALESFORCE_STAGES)
    assert workspace.query(
        "select opportunity_type_normalized, count(*) from staging.stg_salesforce__opportunity "
        "group by all order by 1",
    ) == demo_workspace.query(
        "select opportunity_type_normalized, count(*) from staging.stg_salesforce__opportunity "
        "group by all order by 1",
    )
    vendor_metrics = workspace.query(WEEKLY_METRICS)
    assert len(vendor_metrics) > 100
    assert vendor_metrics == demo_workspace.query(WEEKLY_METRICS)


# --- an unmapped value -------------------------------------------------------------------


@pytest.fixture(scope="module")
def unmapped_workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return make_workspace(tmp_path_factory, "unmapped")


def _set_first(landing: Path, table: str, column: str, count: int, value: str) -> int:
    data = _read(landing, table)
    values = data.column(column).to_pylist()
    values[:count] = [value] * count
    _write(landing, table, _replace(data, column, values))
    return data.num_rows


def test_unmapped_value_below_the_share_warns_and_counts_as_other(
    unmapped_workspace, corrupt_landing
):
    rows = _set_first(corrupt_landing, "hubspot.email_event", "type", 3, "MYSTERY")
    code, text = _build(
        unmapped_workspace, corrupt_landing, "--select", "+stg_hubspot__email_event"
    )
    assert code == 0, text[-3000:]
    # the quality gate: value, rows and the file to edit
    assert (
        "warning: hubspot.email_event, column type: expect_column_values_to_be_in_set "
        "(value mapped in picklist_mapping (else counted as 'other')) failed for 3 of "
        f"{rows:,} rows (0.0 %); values: 'mystery' (3 rows). To fix: map the value in "
        f"{SEED_FILE} (source_system hubspot, source_table email_event, source_column type)."
    ) in text
    # dbt: the same, counted on the staged rows (the latest load of each event)
    staged = unmapped_workspace.query(
        "select count(*) from staging.stg_hubspot__email_event where event_type is not null",
    )[0][0]
    assert (
        f"hubspot.email_event.type: the value 'MYSTERY' on 3 of {staged} rows is not mapped; "
        f"its rows count as 'other'. Map it in {SEED_FILE}."
    ) in text
    assert unmapped_workspace.query(
        "select event_category, count(*) from staging.stg_hubspot__email_event "
        "where event_type = 'MYSTERY' group by all",
    ) == [("other", 3)]


def _unmapped_share(landing: Path) -> tuple[int, int]:
    """A tenth of the landed opportunities under a type nobody mapped."""
    rows = pq.read_metadata(_path(landing, "salesforce.opportunity")).num_rows
    unmapped = rows // 10
    _set_first(landing, "salesforce.opportunity", "type", unmapped, "Partner Deal")
    return unmapped, rows


def test_unmapped_value_above_the_share_stops_the_gate_naming_the_file(
    unmapped_workspace, corrupt_landing
):
    unmapped, rows = _unmapped_share(corrupt_landing)
    code, text = _build(unmapped_workspace, corrupt_landing)
    assert code == 2, text[-3000:]
    assert "dbt build:" not in text  # stopped before dbt
    assert (
        "salesforce.opportunity, column type: expect_column_values_to_be_in_set (value mapped in "
        f"picklist_mapping (else counted as 'other')) failed for {unmapped:,} of {rows:,} rows"
    ) in text
    assert f"values: 'partner deal' ({unmapped} rows). To fix: map the value in {SEED_FILE}" in text


def test_unmapped_value_above_the_share_stops_dbt_naming_the_file(
    unmapped_workspace, corrupt_landing
):
    """Without the gate (--skip-check), dbt's picklist test stops the run itself."""
    _unmapped_share(corrupt_landing)
    code, text = _build(
        unmapped_workspace,
        corrupt_landing,
        "--skip-check",
        "--select",
        "+stg_salesforce__opportunity",
    )
    assert code == 2, text[-3000:]
    unmapped, rows = unmapped_workspace.query(
        "select count(*) filter (where opportunity_type = 'Partner Deal'), "
        "count(opportunity_type) from staging.stg_salesforce__opportunity",
    )[0]
    assert unmapped / rows > 0.05
    share = round(1000 * unmapped / rows) / 10
    assert (
        f"salesforce.opportunity.type: {unmapped} of {rows} rows ({share} %, more than 5.0 %) "
        f"hold values no mapping lists: 'Partner Deal' ({unmapped} rows). Add them to "
        f"{SEED_FILE} (source_system salesforce, source_table opportunity, source_column type)"
    ) in text


def test_every_picklist_column_has_its_mapping_and_nothing_else():
    """One declaration each: the contract's picklist columns are exactly the seed's."""
    import csv

    from revops.raw_contract import raw_tables

    declared = {
        (table.system, table.table, column.name)
        for table in raw_tables()
        for column in table.columns
        if column.picklist
    }
    with (PROJECT_DIR / "seeds" / "reference" / "picklist_mapping.csv").open() as handle:
        mapped = {
            (row["source_system"], row["source_table"], row["source_column"])
            for row in csv.DictReader(handle)
        }
    assert declared == mapped
    assert len(declared) == 11


def test_stage_mapping_holds_salesforce_defaults_and_the_demo_stages():
    import csv

    with (PROJECT_DIR / "seeds" / "reference" / "crm_stage_mapping.csv").open() as handle:
        rows = {row["stage_name"]: row for row in csv.DictReader(handle)}
    defaults = [
        "Prospecting",
        "Qualification",
        "Needs Analysis",
        "Value Proposition",
        "Id. Decision Makers",
        "Perception Analysis",
        "Proposal/Price Quote",
        "Negotiation/Review",
        "Closed Won",
        "Closed Lost",
    ]
    orders = [int(rows[name]["stage_order"]) for name in defaults]
    assert orders == sorted(orders)
    demo = ["Discovery", "Qualification", "Demo", "Proposal", "Negotiation", "Closed Won"]
    assert [int(rows[n]["stage_order"]) for n in demo] == sorted(
        int(rows[n]["stage_order"]) for n in demo
    )
    # a renamed demo stage keeps its place relative to every other renamed one
    for demo_name, default in SALESFORCE_STAGES.items():
        for other_demo, other_default in SALESFORCE_STAGES.items():
            before = int(rows[demo_name]["stage_order"]) < int(rows[other_demo]["stage_order"])
            assert before == (
                int(rows[default]["stage_order"]) < int(rows[other_default]["stage_order"])
            )
