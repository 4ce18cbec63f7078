"""The warehouse builds from a landing folder, cleanly, and accounts for every landed row."""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from revops_dev.generate import generated_tables

# Where a model sits, from its folder; what each layer may read (STYLE.md:
# sources -> staging -> intermediate -> marts -> metrics, one way only).
LAYER_FOLDERS = {
    "models/staging/": "staging",
    "models/intermediate/": "intermediate",
    "models/marts/": "marts",
    "models/metrics/": "metrics",
}
STAGING_MAY_READ = {"source", "seed", "staging"}
INTERMEDIATE_MAY_NOT_READ = {"marts", "metrics"}


def test_build_from_landing_folder_succeeds_without_warnings(built_workspace):
    _, completed = built_workspace
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output[-4000:]
    summary = re.findall(r"Done\. PASS=(\d+) WARN=(\d+) ERROR=(\d+) SKIP=(\d+)", output)
    assert summary, output[-2000:]
    passed, warned, errored, skipped = map(int, summary[-1])
    assert (warned, errored, skipped) == (0, 0, 0)
    assert passed > 100
    assert "[WARNING]" not in output


def test_every_landed_row_is_accounted_for_in_staging(built_workspace, landing_dir: Path):
    workspace, _ = built_workspace
    with duckdb.connect(str(workspace.duckdb_path), read_only=True) as con:
        for table in generated_tables():
            landed = pq.read_metadata(
                landing_dir / table.system / f"{table.table}.parquet"
            ).num_rows
            staged, accounted = con.execute(
                f"select count(*), sum(landed_row_count) "
                f"from staging.stg_{table.system}__{table.table}"
            ).fetchone()
            assert accounted == landed, table.key
            assert staged <= landed, table.key


def test_deleted_rows_stay_visible_in_staging(built_workspace):
    workspace, _ = built_workspace
    with duckdb.connect(str(workspace.duckdb_path), read_only=True) as con:
        deleted = con.execute(
            "select count(*) from staging.stg_salesforce__opportunity where is_deleted"
        ).fetchone()[0]
    assert deleted > 0


def layer_of(node: dict) -> str:
    """A manifest node's layer: its folder for a model, else its resource type."""
    if node["resource_type"] != "model":
        return node["resource_type"]
    path = node["original_file_path"].replace("\\", "/")
    return next(
        (layer for folder, layer in LAYER_FOLDERS.items() if path.startswith(folder)),
        "other models",
    )


def backward_references(manifest: dict) -> list[str]:
    """'model -> parent (layer)' for every staging model reading anything but sources,
    seeds and staging, and every intermediate model reading a mart or a metric."""
    nodes = {**manifest["nodes"], **manifest["sources"]}
    offenders = []
    for node in manifest["nodes"].values():
        layer = layer_of(node)
        if layer not in ("staging", "intermediate"):
            continue
        for parent_id in node["depends_on"]["nodes"]:
            parent_layer = layer_of(nodes[parent_id])
            if (layer == "staging" and parent_layer not in STAGING_MAY_READ) or (
                layer == "intermediate" and parent_layer in INTERMEDIATE_MAY_NOT_READ
            ):
                offenders.append(f"{node['name']} -> {nodes[parent_id]['name']} ({parent_layer})")
    return sorted(offenders)


def test_layers_flow_one_way(built_workspace):
    workspace, completed = built_workspace
    manifest_path = workspace.root / "target" / "manifest.json"
    assert manifest_path.exists(), (completed.stdout + completed.stderr)[-2000:]
    offenders = backward_references(json.loads(manifest_path.read_text()))
    assert not offenders, "models reading against the layer order:\n" + "\n".join(offenders)
