"""Superset with the committed dashboards, on the BI snapshot: it starts on
127.0.0.1, every dashboard and every chart's query loads, the executive page
shows fct_weekly_metrics' latest week, and headless Chromium renders each
dashboard with no error and no request leaving 127.0.0.1."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
import requests
import yaml

from revops.bi import ADMIN_USER, admin_password, prepare, start
from revops.config import Settings

pytestmark = pytest.mark.bi

PROJECT_DIR = Path(__file__).resolve().parents[2]
ASSETS = PROJECT_DIR / "bi" / "superset" / "assets"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
SLUGS = {
    "executive", "pipeline-forecast", "funnel", "retention", "customer-health",
    "reconciliation", "data-health",
}  # fmt: skip


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def superset(built_workspace) -> Iterator[tuple[str, Settings]]:
    workspace, build = built_workspace
    assert build.returncode == 0, build.stderr[-2000:]
    settings = Settings(PROJECT_DIR, workspace.duckdb_path, workspace.root / "output")
    if not settings.bi_snapshot_path.exists():
        published = workspace.revops("snapshot")
        assert published.returncode == 0, published.stderr[-2000:]
    if not settings.bi_venv.exists():
        pytest.fail("The BI virtualenv is missing: run `make bi-setup`.")
    prepare(settings)
    port = _free_port()
    server = start(settings, port, wait_seconds=240)
    try:
        yield f"http://127.0.0.1:{port}", settings
    finally:
        server.kill()
        server.wait(timeout=60)


@pytest.fixture(scope="module")
def api(superset) -> requests.Session:
    base, settings = superset
    session = requests.Session()
    token = session.post(
        f"{base}/api/v1/security/login",
        json={"username": ADMIN_USER, "password": admin_password(settings), "provider": "db"},
        timeout=60,
    ).json()["access_token"]
    session.headers["Authorization"] = f"Bearer {token}"
    return session


def test_the_committed_dashboards_are_the_seven_pages():
    slugs = {
        yaml.safe_load(path.read_text())["slug"] for path in (ASSETS / "dashboards").glob("*.yaml")
    }
    assert slugs == SLUGS


def test_every_dashboard_and_chart_loads(superset, api):
    base, _ = superset
    for slug in sorted(SLUGS):
        reply = api.get(f"{base}/api/v1/dashboard/{slug}", timeout=60)
        assert reply.status_code == 200, slug
        charts = api.get(f"{base}/api/v1/dashboard/{slug}/charts", timeout=60).json()["result"]
        assert charts, slug
        for chart in charts:
            data = api.get(f"{base}/api/v1/chart/{chart['id']}/data/", timeout=120)
            assert data.status_code == 200, (slug, chart["slice_name"], data.text[:500])
            assert data.json()["result"][0].get("error") is None


def test_executive_page_shows_the_latest_week_of_fct_weekly_metrics(superset, api):
    base, settings = superset
    charts = api.get(f"{base}/api/v1/dashboard/executive/charts", timeout=60).json()["result"]
    (table,) = [chart for chart in charts if chart["slice_name"] == "Scorecard: latest week"]
    rows = api.get(f"{base}/api/v1/chart/{table['id']}/data/", timeout=120).json()
    shown = {
        row["metric_key"]: (row["iso_week"], _number(row["metric_value"]),
                            _number(row["target_value"]), row["status"])
        for row in rows["result"][0]["data"]
    }  # fmt: skip
    with duckdb.connect(str(settings.bi_snapshot_path), read_only=True) as con:
        expected = {
            key: (week, _number(value), _number(target), status)
            for key, week, value, target, status in con.execute(
                "select metric_key, iso_week, metric_value, target_value, status "
                "from metrics.fct_weekly_metrics "
                "where iso_week = (select max(iso_week) from metrics.fct_weekly_metrics)"
            ).fetchall()
        }
    assert len(expected) >= 30 and {week for week, *_ in expected.values()} == {"2026-W47"}
    assert shown == expected
    assert shown["arr"][1] == Decimal("8182585.17")  # the demo's ARR at 2026-11-22


def _number(value: object) -> Decimal | None:
    return None if value is None else round(Decimal(str(value)), 2)


def _wait_until_loaded(page, seconds: float = 120) -> None:
    """Until no chart shows its loading spinner (the page's CSP forbids evaluated JS)."""
    spinners = page.locator(".loading, [data-test='loading-indicator']")
    for _ in range(int(seconds * 2)):
        if spinners.count() == 0:
            return
        page.wait_for_timeout(500)
    raise AssertionError(f"{page.url} still loading after {seconds:.0f} s")


def test_each_dashboard_renders_in_headless_chromium(superset, tmp_path: Path):
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is missing: run `make chromium` (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    base, settings = superset
    folder = Path(os.environ.get("REVOPS_SCREENSHOT_DIR", tmp_path))
    finished: list[str] = []
    refused: list[tuple[str, str]] = []
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.on("requestfinished", lambda request: finished.append(request.url))
            page.on("requestfailed", lambda r: refused.append((r.url, r.failure or "")))
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.goto(f"{base}/login/")
            page.fill("#username", ADMIN_USER)
            page.fill("#password", admin_password(settings))
            page.keyboard.press("Enter")
            page.wait_for_url("**/superset/welcome/**", timeout=120_000)
            for slug in sorted(SLUGS):
                page.goto(f"{base}/superset/dashboard/{slug}/?standalone=1")
                page.wait_for_selector(".dashboard-component-chart-holder", timeout=120_000)
                _wait_until_loaded(page)
                page.wait_for_timeout(2000)  # chart animations
                errors = page.locator(".alert-danger, [data-test='chart-error'], .ant-alert-error")
                assert errors.count() == 0, (slug, errors.first.inner_text())
                body = page.inner_text("body")
                assert "Unexpected error" not in body and "Error:" not in body, slug
                path = folder / f"superset-{slug}.png"
                page.screenshot(path=str(path), full_page=True)
                assert path.stat().st_size > 20_000, slug
        finally:
            browser.close()
    local = (base, "data:", "blob:")
    assert [url for url in finished if not url.startswith(local)] == []
    # Superset's page embeds a telemetry pixel; its content security policy
    # (bi/superset/superset_config.py) makes the browser refuse it unsent.
    assert {why for url, why in refused if not url.startswith(local)} <= {"csp"}
    assert len(finished) > 50
    assert problems == []
