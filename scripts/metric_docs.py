"""Write the generated tables of docs/metrics.md and docs/landing.md.

The tables are read from the one place each fact lives: the metric seeds
(seeds/reference/metric_definitions.csv, metric_sources.csv,
metric_targets.csv, reconciliation_reasons.csv) and the raw contract (the sources .yml under
models/staging, through revops.raw_contract). Each table sits between a
`<!-- BEGIN generated: scripts/metric_docs.py (NAME) -->` line and the next
`<!-- END generated -->` line; the hand-written text around it is kept.

Usage: python scripts/metric_docs.py           rewrite the tables
       python scripts/metric_docs.py --check   exit 1 when a table is stale
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Callable
from pathlib import Path

from revops.config import project_root
from revops.raw_contract import RawTable, raw_tables

BEGIN = "<!-- BEGIN generated: scripts/metric_docs.py ({name}) -->"
END = "<!-- END generated -->"
REFERENCE = Path("seeds/reference")


def _read_seed(root: Path, name: str) -> list[dict[str, str]]:
    with (root / REFERENCE / name).open(newline="") as handle:
        return list(csv.DictReader(handle))


def _cell(text: str) -> str:
    """A markdown table cell: pipes escaped, line breaks folded."""
    return " ".join(text.split()).replace("|", "\\|")


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines)


def metrics_table(root: Path) -> str:
    """One row per metric of metric_definitions.csv, with its source systems."""
    sources: dict[str, list[str]] = {}
    for row in _read_seed(root, "metric_sources.csv"):
        sources.setdefault(row["metric_key"], []).append(row["source_system"])
    rows = [
        [
            f"`{row['metric_key']}`",
            row["label"],
            row["section"],
            row["unit"],
            row["aggregation"],
            "higher" if row["higher_is_better"] == "true" else "lower",
            row["owner_team"],
            ", ".join(sorted(sources.get(row["metric_key"], []))) or "none (describes the loads)",
            row["definition"],
        ]
        for row in _read_seed(root, "metric_definitions.csv")
    ]
    header = ["key", "label", "section", "unit", "kind", "better", "owner", "reads", "definition"]
    return _table(header, rows)


def targets_table(root: Path) -> str:
    """The committed targets, by metric (in definition order) and period start."""
    order = {
        row["metric_key"]: n for n, row in enumerate(_read_seed(root, "metric_definitions.csv"))
    }
    targets = sorted(
        _read_seed(root, "metric_targets.csv"),
        key=lambda row: (
            order.get(row["metric_key"], len(order)),
            row["period_start"],
            row["period_type"],
        ),
    )
    rows = [
        [f"`{row['metric_key']}`", row["period_type"], row["period_start"], row["target_value"]]
        for row in targets
    ]
    return _table(["metric", "period", "period start", "target"], rows)


def reconciliation_table(root: Path) -> str:
    """The named reasons of each reconciliation, in their order, with the side they sit on."""
    rows = [
        [
            f"`{row['reconciliation_key']}`",
            row["reason_order"],
            f"`{row['reason_key']}`",
            "team's count only" if row["reason_sign"] == "1" else "unified count only",
            row["reason_label"],
        ]
        for row in _read_seed(root, "reconciliation_reasons.csv")
    ]
    return _table(["reconciliation", "order", "reason", "records in", "meaning"], rows)


def _stale_after(table: RawTable) -> str:
    if table.stale_after_days is None:
        return "none"
    if table.stale_after_days == 0:
        return "a load at or after the week end"
    return f"a load within {table.stale_after_days} days before the week end"


def _column_names(table: RawTable, optional: bool) -> str:
    names = []
    for column in table.columns:
        if column.optional != optional:
            continue
        aliases = [alias.name for alias in column.aliases]
        names.append(column.name + (f" (or {', '.join(aliases)})" if aliases else ""))
    return ", ".join(names) or "-"


def landing_table(root: Path) -> str:
    """One row per raw table of the contract: key, needed and optional columns, freshness."""
    rows = [
        [
            f"`{table.system}/{table.table}`",
            ", ".join(table.key_columns),
            _column_names(table, optional=False),
            _column_names(table, optional=True),
            _stale_after(table),
        ]
        for table in raw_tables(root)
    ]
    return _table(
        [
            "file",
            "key (never blank)",
            "columns the warehouse needs",
            "optional columns",
            "freshness",
        ],
        rows,
    )


BLOCKS: dict[Path, dict[str, Callable[[Path], str]]] = {
    Path("docs/metrics.md"): {
        "metrics": metrics_table,
        "reconciliation": reconciliation_table,
        "targets": targets_table,
    },
    Path("docs/landing.md"): {"landing": landing_table},
}


def render(text: str, blocks: dict[str, Callable[[Path], str]], root: Path, path: Path) -> str:
    """The document with each generated block replaced by its fresh table."""
    for name, make in blocks.items():
        pattern = re.compile(
            re.escape(BEGIN.format(name=name)) + r"\n.*?" + re.escape(END), re.DOTALL
        )
        if not pattern.search(text):
            raise SystemExit(f"{path}: no block `{BEGIN.format(name=name)}` ... `{END}` to fill")
        block = f"{BEGIN.format(name=name)}\n{make(root)}\n{END}"
        text = pattern.sub(lambda _match, block=block: block, text, count=1)
    return text


def _read_document(root: Path, path: Path) -> str:
    if not (root / path).is_file():
        raise SystemExit(
            f"{path} is missing: it holds the generated tables {', '.join(BLOCKS[path])}"
        )
    return (root / path).read_text()


def stale_documents(root: Path | None = None) -> list[Path]:
    """The documents whose generated tables differ from what the seeds and contract say."""
    root = root or project_root()
    stale = []
    for path, blocks in BLOCKS.items():
        text = _read_document(root, path)
        if render(text, blocks, root, path) != text:
            stale.append(path)
    return stale


def write_documents(root: Path | None = None) -> list[Path]:
    """Rewrite the generated tables; the documents that changed."""
    root = root or project_root()
    changed = []
    for path in stale_documents(root):
        (root / path).write_text(render(_read_document(root, path), BLOCKS[path], root, path))
        changed.append(path)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when a generated table is stale"
    )
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_documents()
        for path in stale:
            print(f"{path} is stale: run python scripts/metric_docs.py", file=sys.stderr)
        return 1 if stale else 0
    for path in write_documents():
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
