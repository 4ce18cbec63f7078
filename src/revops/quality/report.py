"""The offline HTML data-quality report of a run (Jinja2, inline CSS, no CDN)."""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape


def write_report(run_dir: Path) -> Path:
    """Render report.html from every results_*.json of the run folder."""
    stages = [json.loads(path.read_text()) for path in sorted(run_dir.glob("results_*.json"))]
    environment = Environment(
        loader=PackageLoader("revops.quality", "templates"), autoescape=select_autoescape()
    )
    html = environment.get_template("report.html.j2").render(stages=stages)
    path = run_dir / "report.html"
    path.write_text(html)
    return path
