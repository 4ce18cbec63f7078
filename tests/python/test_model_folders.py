"""Intermediate folders depend on each other one way only (no folder loops), and every
model is named by its layer's convention."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT_DIR, Workspace, make_workspace

INTERMEDIATE = "models/intermediate/"


def intermediate_folder(node: dict) -> str | None:
    """The business-area folder of an intermediate model ('revenue'), else None."""
    if node.get("resource_type") != "model":
        return None
    path = node["original_file_path"].replace("\\", "/")
    if not path.startswith(INTERMEDIATE):
        return None
    return path[len(INTERMEDIATE) :].split("/", 1)[0]


def folder_edges(manifest: dict) -> dict[tuple[str, str], list[str]]:
    """(folder, folder it reads) -> the 'model -> parent' references behind it."""
    nodes = manifest["nodes"]
    edges: dict[tuple[str, str], list[str]] = {}
    for node in nodes.values():
        folder = intermediate_folder(node)
        if folder is None:
            continue
        for parent_id in node["depends_on"]["nodes"]:
            parent_folder = intermediate_folder(nodes.get(parent_id, {}))
            if parent_folder is not None and parent_folder != folder:
                reference = f"{node['name']} -> {nodes[parent_id]['name']}"
                edges.setdefault((folder, parent_folder), []).append(reference)
    return edges


def folder_loops(manifest: dict) -> list[str]:
    """Every pair of intermediate folders that read each other, with the references both ways."""
    edges = folder_edges(manifest)
    loops = []
    for (folder, parent), references in sorted(edges.items()):
        back = edges.get((parent, folder))
        if back and folder < parent:
            loops.append(f"{folder} <-> {parent}: {sorted(references)} / {sorted(back)}")
    return loops


def model(name: str, folder: str, *parents: str) -> tuple[str, dict]:
    return f"model.revops.{name}", {
        "resource_type": "model",
        "name": name,
        "original_file_path": f"{INTERMEDIATE}{folder}/{name}.sql",
        "depends_on": {"nodes": [f"model.revops.{parent}" for parent in parents]},
    }


def test_a_loop_between_two_folders_is_named_with_its_references():
    manifest = {
        "nodes": dict(
            [
                model("int_a__x", "a"),
                model("int_a__y", "a", "int_b__z"),
                model("int_b__z", "b", "int_a__x"),
                model("int_c__w", "c", "int_a__y", "int_b__z"),
            ]
        )
    }
    expected = "a <-> b: ['int_a__y -> int_b__z'] / ['int_b__z -> int_a__x']"
    assert folder_loops(manifest) == [expected]


def test_one_way_reads_and_reads_inside_a_folder_are_no_loop():
    manifest = {
        "nodes": dict(
            [
                model("int_a__x", "a"),
                model("int_a__y", "a", "int_a__x"),
                model("int_b__z", "b", "int_a__y"),
                model("int_c__w", "c", "int_b__z", "int_a__x"),
            ]
        )
    }
    assert folder_loops(manifest) == []


@pytest.fixture(scope="module")
def parsed_manifest(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The project's manifest from `dbt parse` into a private target folder."""
    workspace: Workspace = make_workspace(tmp_path_factory, "parsed")
    dbt = Path(sys.executable).with_name("dbt")
    completed = subprocess.run(
        [str(dbt), "parse", "--quiet"],
        cwd=PROJECT_DIR,
        env=workspace.env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert completed.returncode == 0, (completed.stdout + completed.stderr)[-3000:]
    return json.loads((workspace.root / "target" / "manifest.json").read_text())


def test_no_two_intermediate_folders_read_each_other(parsed_manifest: dict):
    edges = folder_edges(parsed_manifest)
    assert edges, "no reference between intermediate folders found: is the manifest empty?"
    loops = folder_loops(parsed_manifest)
    assert not loops, "intermediate folders reading each other:\n" + "\n".join(loops)


# --- one naming convention -------------------------------------------------------

MART_PREFIXES = ("dim_", "fct_", "bridge_", "mart_")
PREFIX_BY_LAYER = {
    "staging": ("stg_",),
    "quarantine": ("quarantine_",),
    "intermediate": ("int_",),
    "marts": MART_PREFIXES,
    "metrics": ("metrics__", "fct_weekly_metrics"),
    "restricted": ("restricted_",),
}
# MetricFlow looks for its time spine under this name.
NAMED_BY_A_TOOL = {"metricflow_time_spine"}


def misnamed_models(models_dir: Path) -> list[str]:
    """Model files whose name does not start with their layer's prefix."""
    wrong = []
    for path in sorted(models_dir.rglob("*.sql")):
        layer = path.relative_to(models_dir).parts[0]
        prefixes = PREFIX_BY_LAYER.get(layer)
        if prefixes is None or path.stem in NAMED_BY_A_TOOL:
            continue
        if not path.stem.startswith(prefixes):
            wrong.append(f"{path.relative_to(models_dir)} (expected {' or '.join(prefixes)})")
    return wrong


def test_every_model_is_named_by_its_layers_convention():
    assert misnamed_models(PROJECT_DIR / "models") == []


def test_a_mart_without_a_prefix_is_caught(tmp_path: Path):
    (tmp_path / "marts" / "core").mkdir(parents=True)
    (tmp_path / "marts" / "core" / "identity_unmatched.sql").write_text("select 1")
    (tmp_path / "marts" / "core" / "dim_accounts.sql").write_text("select 1")
    (tmp_path / "marts" / "calendar").mkdir()
    (tmp_path / "marts" / "calendar" / "metricflow_time_spine.sql").write_text("select 1")
    assert misnamed_models(tmp_path) == [
        "marts/core/identity_unmatched.sql (expected dim_ or fct_ or bridge_ or mart_)"
    ]
