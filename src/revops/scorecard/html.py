"""The self-contained HTML page: inline CSS and inline SVG, nothing fetched."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined

from revops.scorecard.view import ScorecardView


def render_html(view: ScorecardView) -> bytes:
    environment = Environment(
        loader=PackageLoader("revops.scorecard", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    return environment.get_template("scorecard.html.j2").render(view=view).encode("utf-8")
