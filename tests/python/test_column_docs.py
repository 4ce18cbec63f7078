"""Every column of a contracted model says what it holds; shared wording lives in one docs block.

Fast: reads the models' .yml and docs files, no warehouse.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

PROJECT_DIR = Path(__file__).resolve().parents[2]
DOC_CALL = re.compile(r"""\{\{\s*doc\(\s*['"](\w+)['"]\s*\)\s*\}\}""")
DOC_BLOCK = re.compile(r"\{%\s*docs\s+(\w+)\s*%\}(.*?)\{%\s*enddocs\s*%\}", re.DOTALL)


def _model_files() -> list[Path]:
    return sorted((PROJECT_DIR / "models").rglob("*.yml"))


def _contracted_models() -> list[tuple[Path, dict]]:
    models = []
    for path in _model_files():
        for model in (yaml.safe_load(path.read_text()) or {}).get("models") or []:
            contract = (model.get("config") or {}).get("contract") or model.get("contract") or {}
            if contract.get("enforced"):
                models.append((path, model))
    return models


def _doc_blocks() -> dict[str, str]:
    blocks: dict[str, str] = {}
    for path in sorted((PROJECT_DIR / "models").rglob("*.md")):
        for name, body in DOC_BLOCK.findall(path.read_text()):
            assert name not in blocks, f"docs block {name} is defined twice"
            blocks[name] = body.strip()
    return blocks


def test_every_contracted_column_has_a_description() -> None:
    models = _contracted_models()
    assert len(models) >= 43, "the contracted models were not found"
    undocumented = [
        f"{path.relative_to(PROJECT_DIR)}: {model['name']}.{column['name']}"
        for path, model in models
        for column in model.get("columns") or []
        if not str(column.get("description") or "").strip()
    ]
    assert not undocumented, "columns without a description:\n" + "\n".join(undocumented)


def test_every_doc_call_names_a_docs_block() -> None:
    blocks = _doc_blocks()
    called = {name for path in _model_files() for name in DOC_CALL.findall(path.read_text())}
    assert called, "no column uses a shared docs block"
    assert not called - set(blocks), f"doc() names no docs block: {sorted(called - set(blocks))}"
    unused = {name for name in blocks if name.startswith("column_")} - called
    assert not unused, f"shared column docs no model uses: {sorted(unused)}"
    assert all(blocks.values()), "an empty docs block"


def test_shared_columns_use_the_shared_block() -> None:
    """A hand-checked sample: the week key reads the same everywhere it is not redefined."""
    blocks = _doc_blocks()
    assert blocks["column_iso_week"].startswith("The ISO week, named like `2026-W47`")
    uses = [
        model["name"]
        for _path, model in _contracted_models()
        for column in model.get("columns") or []
        if column["name"] == "iso_week"
        and "doc('column_iso_week')" in str(column.get("description"))
    ]
    assert {"fct_weekly_metrics", "fct_pipeline_weekly", "mart_revenue_weekly"} <= set(uses)
