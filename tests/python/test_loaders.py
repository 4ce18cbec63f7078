"""Real loader data, as it lands: Fivetran's own spellings, other loaders'
profiles, and a weekly run that heals itself.

Each case builds a landing folder in the test from the generated scale-1
landing (renaming tables and columns the way the loader documents its
output) and builds it end to end; the warehouse must then equal the one built
from the same data under the contract's names (every relation outside the raw
schemas, EXCEPT ALL both ways), so a mapping that lost or changed a value fails.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from conftest import Workspace, make_workspace
from revops.loaders import LOADER_MACRO, load_profile, loader_macro_text
from revops.raw_contract import raw_tables

# --- helpers -------------------------------------------------------------------


def _read(landing: Path, system: str, table: str) -> pa.Table:
    return pq.read_table(landing / system / f"{table}.parquet")


def _write(landing: Path, system: str, table: str, data: pa.Table) -> None:
    pq.write_table(data, landing / system / f"{table}.parquet")


def _text(values: list[object]) -> pa.Array:
    return pa.array([None if value is None else str(value) for value in values], pa.string())


def _copy(landing_dir: Path, tmp_path: Path, name: str) -> Path:
    copy = tmp_path / name
    shutil.copytree(landing_dir, copy)
    return copy


def _relations(con: duckdb.DuckDBPyConnection, catalog: str) -> set[str]:
    rows = con.execute(
        "select table_schema, table_name from information_schema.tables "
        "where table_catalog = ? and table_schema not like 'raw_%'",
        [catalog],
    ).fetchall()
    return {f'"{schema}"."{name}"' for schema, name in rows}


def warehouse_differences(
    left: Workspace, right: Workspace, ignore: frozenset[str] = frozenset()
) -> dict[str, tuple[int, int]]:
    """Per relation outside the raw schemas (and `ignore`): rows only in left, rows
    only in right."""
    with duckdb.connect(str(left.duckdb_path), read_only=True) as con:
        con.execute(f"attach '{right.duckdb_path}' as other (read_only)")
        catalog = con.execute("select current_database()").fetchone()[0]
        mine, theirs = _relations(con, catalog), _relations(con, "other")
        assert mine == theirs, f"relations differ: {sorted(mine ^ theirs)}"
        differences = {}
        for relation in sorted(mine - ignore):
            here, there = f"{catalog}.{relation}", f"other.{relation}"
            only_here, only_there = (
                con.execute(
                    f"select count(*) from (select * from {a} except all select * from {b})"
                ).fetchone()[0]
                for a, b in ((here, there), (there, here))
            )
            if only_here or only_there:
                differences[relation] = (only_here, only_there)
    return differences


def _relations_in(workspace: Workspace, schema: str) -> set[str]:
    rows = workspace.query(
        f"select table_name from information_schema.tables where table_schema = '{schema}'"
    )
    return {f'"{schema}"."{name}"' for (name,) in rows}


def _rows(workspace: Workspace, sql: str) -> list[tuple]:
    return sorted(workspace.query(sql), key=repr)


# The gate's audit lists the rules each landed shape allows: an unparseable rule only
# for a column landed as text, a currency rule only where currency_iso_code landed.
# It describes the landing, not a count; its counts are compared on the rules both
# landings have (same_rule_outcomes).
RULE_AUDIT = '"quarantine"."quarantine__rule_outcomes"'


def same_rule_outcomes(left: Workspace, right: Workspace) -> list[tuple]:
    """Rules both audits list whose landed or failing rows differ (empty when none)."""
    with duckdb.connect(str(left.duckdb_path), read_only=True) as con:
        con.execute(f"attach '{right.duckdb_path}' as other (read_only)")
        return con.execute(
            "select mine.source_system, mine.source_table, mine.column_name, mine.reason, "
            "mine.landed_rows, theirs.landed_rows, mine.failed_rows, theirs.failed_rows "
            "from quarantine.quarantine__rule_outcomes as mine "
            "inner join other.quarantine.quarantine__rule_outcomes as theirs "
            "using (source_system, source_table, column_name, reason) "
            "where mine.landed_rows <> theirs.landed_rows "
            "or mine.failed_rows <> theirs.failed_rows order by 1, 2, 3, 4"
        ).fetchall()


def _workspace(root: Path, name: str) -> Workspace:
    (root / name / "tmp").mkdir(parents=True)
    return Workspace(root / name)


def _succeeded(completed) -> str:
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output[-4000:]
    assert "Traceback" not in output
    return " ".join(output.split())


# --- the contract and its generated macro ----------------------------------------


def test_generated_loader_macro_is_in_step_with_the_profiles():
    committed = (Path(__file__).resolve().parents[2] / LOADER_MACRO).read_text()
    assert committed == loader_macro_text(), "run `python -m revops.loaders`"


def test_profiles_name_tables_and_columns_as_their_loaders_do():
    """Spot checks written from each loader's documentation, not from the code."""
    from revops.raw_contract import raw_table

    opportunity = raw_table("salesforce", "opportunity")
    data_loader, airbyte = load_profile("salesforce_data_loader"), load_profile("airbyte")
    first = {
        column.name: data_loader.candidates(opportunity, column)[0].name
        for column in opportunity.columns
    }
    assert data_loader.table_name(opportunity) == "Opportunity"
    assert first["stage_name"] == "StageName"
    assert first["close_date"] == "CloseDate"
    assert first["is_deleted"] == "IsDeleted"
    assert first["account_id"] == "AccountId"
    assert first["_fivetran_synced"] == "SystemModstamp"
    company = raw_table("hubspot", "company")
    assert airbyte.table_name(company) == "companies"
    names = [c.name for c in airbyte.candidates(company, company.column("_fivetran_deleted"))]
    # Airbyte's own markers first, then the contract's name, then Fivetran's is_deleted
    assert names == ["archived", "_ab_cdc_deleted_at", "_fivetran_deleted", "is_deleted"]
    assert airbyte.candidates(company, company.column("_fivetran_deleted"))[1].present
    synced = airbyte.candidates(company, company.column("_fivetran_synced"))
    assert [c.name for c in synced] == ["_airbyte_extracted_at", "_fivetran_synced"]


# --- Fivetran's spellings: is_deleted on four tables, no currency column ----------

DELETED = {  # table -> positions of the rows the test deletes in the source
    ("hubspot", "company"): [0, 5, 11],
    ("stripe", "product"): [1],
    ("stripe", "price"): [0, 2],
    ("stripe", "invoice"): [3, 8, 13, 21, 34],
}


def _deleted_flags(data: pa.Table, positions: list[int]) -> list[str]:
    """The landed _fivetran_deleted values, with the chosen rows set to true."""
    current = data.column("_fivetran_deleted").to_pylist()
    return ["true" if i in positions else (value or "false") for i, value in enumerate(current)]


@pytest.fixture(scope="module")
def fivetran_spellings(tmp_path_factory, landing_dir: Path) -> tuple[Workspace, Workspace, dict]:
    """Two warehouses of the same records: one landed the way Fivetran really lands
    them (is_deleted, no opportunity currency), one under the contract's names."""
    root = tmp_path_factory.mktemp("fivetran-spellings")
    as_landed, as_contract = _copy(landing_dir, root, "as-landed"), _copy(landing_dir, root, "ref")
    deleted_ids: dict[str, set[str]] = {}
    for (system, table), positions in DELETED.items():
        data = _read(landing_dir, system, table)
        flags = _deleted_flags(data, positions)
        deleted_ids[f"{system}.{table}"] = {str(data.column("id")[i]) for i in positions}
        index = data.schema.get_field_index("_fivetran_deleted")
        _write(
            as_contract, system, table, data.set_column(index, "_fivetran_deleted", _text(flags))
        )
        if system == "hubspot":
            # HubSpot companies carry both flags: each one deletes
            landed = data.append_column(
                "is_deleted",
                _text(["true" if i in positions else "false" for i in range(data.num_rows)]),
            )
        else:
            landed = data.drop_columns(["_fivetran_deleted"]).append_column(
                "is_deleted", _text(flags)
            )
        _write(as_landed, system, table, landed)
    opportunity = _read(landing_dir, "salesforce", "opportunity")
    _write(as_landed, "salesforce", "opportunity", opportunity.drop_columns(["currency_iso_code"]))
    index = opportunity.schema.get_field_index("currency_iso_code")
    usd = _text(["USD"] * opportunity.num_rows)
    _write(
        as_contract,
        "salesforce",
        "opportunity",
        opportunity.set_column(index, "currency_iso_code", usd),
    )
    landed_ws, contract_ws = _workspace(root, "landed"), _workspace(root, "contract")
    _succeeded(landed_ws.revops("build", "--raw-dir", str(as_landed)))
    _succeeded(contract_ws.revops("build", "--raw-dir", str(as_contract)))
    return landed_ws, contract_ws, deleted_ids


def test_is_deleted_on_each_of_four_tables_deletes_the_record(fivetran_spellings):
    landed, _, deleted_ids = fivetran_spellings
    staged = {
        "hubspot.company": ("stg_hubspot__company", "hubspot_company_id"),
        "stripe.product": ("stg_stripe__product", "product_id"),
        "stripe.price": ("stg_stripe__price", "price_id"),
        "stripe.invoice": ("stg_stripe__invoice", "invoice_id"),
    }
    for key, (model, id_column) in staged.items():
        ids = ", ".join(f"'{value}'" for value in sorted(deleted_ids[key]))
        flags = landed.query(
            f"select is_deleted, count(*) from staging.{model} "
            f"where {id_column} in ({ids}) group by 1",
        )
        assert flags == [(True, len(deleted_ids[key]))], (key, flags)


def test_is_deleted_removes_the_records_from_every_count(fivetran_spellings):
    """Landed as Fivetran lands them (is_deleted only on Stripe, both flags on HubSpot,
    no currency_iso_code), the warehouse equals the one of the same records under the
    contract's names: every mart, metric and staging row."""
    landed, contract, _ = fivetran_spellings
    assert warehouse_differences(landed, contract, frozenset({RULE_AUDIT})) == {}
    assert same_rule_outcomes(landed, contract) == []


def test_opportunity_without_currency_is_in_the_org_currency(fivetran_spellings):
    landed, _, _ = fivetran_spellings
    currencies = landed.query(
        "select currency_code, count(*) from staging.stg_salesforce__opportunity group by 1"
    )
    assert len(currencies) == 1 and currencies[0][0] == "USD" and currencies[0][1] > 100


# --- a typed landing: parse once, and only text -------------------------------------


def test_typed_landing_builds_the_same_warehouse_as_text(
    tmp_path_factory, landing_dir: Path, built_workspace
):
    """The same records landed typed, as a loader's warehouse tables hold them
    (`revops generate --typed`), are cast instead of parsed, and give the warehouse
    the text landing gives: every mart, metric and staging row."""
    from revops_dev.generate import main_generate

    root = tmp_path_factory.mktemp("typed")
    folder = root / "landing"
    main_generate(1, 42, folder, "parquet", progress=False, typed=True)
    schema = pq.read_schema(folder / "salesforce" / "opportunity.parquet")
    assert str(schema.field("amount").type) == "double"
    assert str(schema.field("close_date").type) == "date32[day]"
    assert str(schema.field("_fivetran_synced").type).startswith("timestamp")
    assert (
        str(pq.read_schema(folder / "hubspot" / "company.parquet").field("_fivetran_deleted").type)
        == "bool"
    )
    workspace = _workspace(root, "warehouse")
    _succeeded(workspace.revops("build", "--raw-dir", str(folder)))
    reference, completed = built_workspace
    _succeeded(completed)
    # the gate's audit lists an unparseable rule only for text columns, and a
    # quarantined row shows its value as landed (typed, not as the text rendered
    # it): those compare on every other column
    quarantined = {
        relation
        for relation in _relations_in(workspace, "quarantine")
        if not relation.endswith('__rule_outcomes"') and not relation.endswith('__unknown_values"')
    }
    assert warehouse_differences(workspace, reference, frozenset({RULE_AUDIT} | quarantined)) == {}
    assert same_rule_outcomes(workspace, reference) == []
    assert len(quarantined) > 20
    for relation in sorted(quarantined):
        kept = "source_system, source_table, record_key, reason, column_name, synced_at"
        assert _rows(workspace, f"select {kept} from {relation}") == _rows(
            reference, f"select {kept} from {relation}"
        ), relation
    # a typed column is cast, not parsed: only a float (NaN, infinity) keeps a
    # parse rule, and no landed value broke one (a table that did not land, such
    # as the optional zendesk.domain_name, reads as empty text)
    parse_rules = workspace.query(
        "select reason, sum(failed_rows) from quarantine.quarantine__rule_outcomes "
        "where reason like 'unparseable_%' and landed_rows > 0 group by reason"
    )
    assert parse_rules == [("unparseable_numeric", 0)]


# --- loader profiles: an Airbyte-shaped and a Data Loader-shaped folder ------------


def shape_as_loader(landing: Path, out: Path, loader: str, fmt: str = "parquet") -> Path:
    """The landing renamed the way the loader lands it: each table under the
    profile's name, each column under the loader's first name for it (a deletion
    marker whose presence means true gets the sync time of deleted rows)."""
    profile = load_profile(loader)
    for table in raw_tables():
        if not (landing / table.system / f"{table.table}.parquet").exists() and table.optional:
            continue
        data = _read(landing, table.system, table.table)
        columns, names = [], []
        for column in table.columns:
            if column.name not in data.column_names:
                continue
            target = profile.candidates(table, column)[0]
            values = data.column(column.name)
            if target.present:
                # a deletion time where the flag is true (as staging reads booleans)
                truthy = {"true", "t", "1", "yes", "y", "1.0"}
                values = _text(
                    [
                        "2026-01-01 00:00:00" if str(v).strip().lower() in truthy else None
                        for v in values.to_pylist()
                    ]
                )
            columns.append(values)
            names.append(target.name)
        (out / table.system).mkdir(parents=True, exist_ok=True)
        path = out / table.system / f"{profile.table_name(table)}.{fmt}"
        shaped = pa.table(columns, names=names)
        if fmt == "csv":
            pacsv.write_csv(shaped, path)
        else:
            pq.write_table(shaped, path)
    return out


def _columns(path: Path) -> set[str]:
    if path.suffix == ".csv":
        return set(path.read_text().splitlines()[0].replace('"', "").split(","))
    return set(pq.read_schema(path).names)


def test_airbyte_shaped_folder_builds_through_its_profile(
    tmp_path_factory, landing_dir: Path, built_workspace
):
    root = tmp_path_factory.mktemp("airbyte")
    folder = shape_as_loader(landing_dir, root / "landing", "airbyte")
    # as Airbyte's docs describe its streams and metadata columns
    assert {"Id", "StageName", "AccountId", "IsDeleted", "_airbyte_extracted_at"} <= _columns(
        folder / "salesforce" / "Opportunity.parquet"
    )
    assert {"properties_domain", "archived", "_airbyte_extracted_at"} <= _columns(
        folder / "hubspot" / "companies.parquet"
    )
    assert "_ab_cdc_deleted_at" in _columns(folder / "stripe" / "products.parquet")
    assert "customer" in _columns(folder / "stripe" / "subscriptions.parquet")
    workspace = _workspace(root, "warehouse")
    _succeeded(workspace.revops("build", "--loader", "airbyte", "--raw-dir", str(folder)))
    reference, completed = built_workspace
    _succeeded(completed)
    assert warehouse_differences(workspace, reference, frozenset({RULE_AUDIT})) == {}
    assert same_rule_outcomes(workspace, reference) == []


def test_data_loader_shaped_folder_builds_through_its_profile(
    tmp_path_factory, landing_dir: Path, built_workspace
):
    root = tmp_path_factory.mktemp("data-loader")
    folder = shape_as_loader(landing_dir, root / "landing", "salesforce_data_loader", "csv")
    header = _columns(folder / "salesforce" / "Opportunity.csv")
    assert {"Id", "AccountId", "StageName", "CloseDate", "IsDeleted", "SystemModstamp"} <= header
    workspace = _workspace(root, "warehouse")
    _succeeded(
        workspace.revops("build", "--loader", "salesforce_data_loader", "--raw-dir", str(folder))
    )
    reference, completed = built_workspace
    _succeeded(completed)
    assert warehouse_differences(workspace, reference, frozenset({RULE_AUDIT})) == {}
    assert same_rule_outcomes(workspace, reference) == []


# --- the weekly run: after the demo, and when landed rows vanish -------------------


@pytest.fixture(scope="module")
def demo_then_weekly(tmp_path_factory, landing_dir: Path):
    workspace = make_workspace(tmp_path_factory, "demo-then-weekly")
    demo = workspace.revops("demo")
    weekly = workspace.revops("weekly", "--raw-dir", str(landing_dir))
    return workspace, demo, weekly


def test_weekly_lands_a_folder_after_the_demo(demo_then_weekly, landing_dir: Path):
    workspace, demo, weekly = demo_then_weekly
    _succeeded(demo)
    output = _succeeded(weekly)
    assert "cannot be read" not in output
    kind = workspace.query(
        "select table_type from information_schema.tables "
        "where table_schema = 'raw_hubspot' and table_name = 'email_event'",
    )
    assert kind == [("VIEW",)]
    landed = pq.read_metadata(landing_dir / "hubspot" / "email_event.parquet").num_rows
    assert workspace.query("select count(*) from raw_hubspot.email_event") == [(landed,)]


def test_vanished_email_events_heal_the_next_weekly_run(
    demo_then_weekly, landing_dir: Path, tmp_path_factory
):
    workspace, _, weekly = demo_then_weekly
    _succeeded(weekly)
    root = tmp_path_factory.mktemp("resync")
    resynced = _copy(landing_dir, root, "landing")
    events = _read(landing_dir, "hubspot", "email_event")
    kept = [i for i in range(events.num_rows) if i % 10 != 0]  # a tenth vanished
    _write(resynced, "hubspot", "email_event", events.take(kept))
    output = _succeeded(workspace.revops("weekly", "--raw-dir", str(resynced)))
    assert "rebuilt" in output and "stg_hubspot__email_event" in output
    assert workspace.query("select sum(landed_row_count) from staging.stg_hubspot__email_event")[0][
        0
    ] <= len(kept)
    fresh = make_workspace(tmp_path_factory, "resync-fresh")
    _succeeded(fresh.revops("weekly", "--raw-dir", str(resynced)))
    assert warehouse_differences(workspace, fresh) == {}


def test_weekly_has_a_full_refresh_flag():
    from revops.cli import _parser

    args = _parser().parse_args(["weekly", "--full-refresh", "--loader", "airbyte"])
    assert args.full_refresh and args.loader == "airbyte"
