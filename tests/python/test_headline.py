"""The scorecard's headline: tiles from the seed, in its order, with values,
changes, targets and status in words; the quarter's pipeline coverage; and the
page in headless Chromium on a laptop (every tile in the first view) and on a
phone (nothing wider than the screen)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from revops.config import Settings
from revops.scorecard.data import PipelineCoverage, load_scorecard_data
from revops.scorecard.export import export_scorecard
from revops.scorecard.headline import coverage_note
from revops.scorecard.view import build_view
from scorecard_fixture import (
    METRICS,
    add_headline,
    add_invest,
    add_pipeline_coverage,
    add_reconciliation,
    build_fixture_warehouse,
)
from test_scorecard import CHROMIUM, CHROMIUM_ARGS, WEEK, _settings

# key: (value, change, change tone, target, status, status in words), by hand
# from the fixture's W47 figures (see scorecard_fixture's docstring).
EXPECTED_TILES = {
    "mqls": ("70", "+5 vs last week", "good", "Target 69.2", "green", "on target"),
    "arr": ("—", "", "none", "No target", "none", "not measured"),
    "cost_per_mql": ("$105", "-$6 vs last week", "good", "Target $100", "amber", "near target"),
    "landing_page_conversion_rate": (
        "11.3%",
        "+3.1 pts vs last week",
        "good",
        "Target 4.0%",
        "green",
        "on target",
    ),
    "nps": ("12.5", "0.0 vs last week", "flat", "No target", "none", "no target"),
    "stale_sources": ("2", "+2 vs last week", "bad", "Target 0", "red", "off target"),
}


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = _settings(tmp_path)
    build_fixture_warehouse(settings.duckdb_path)
    return settings


def test_tiles_follow_the_seed_order_with_words_for_status(settings: Settings):
    assert build_view(load_scorecard_data(settings, WEEK)).headline == []  # no seed, no tiles
    add_headline(settings.duckdb_path)
    tiles = build_view(load_scorecard_data(settings, WEEK)).headline
    assert [tile.key for tile in tiles] == list(EXPECTED_TILES)
    for tile in tiles:
        shown = (tile.value, tile.change, tile.change_tone, tile.target, tile.status)
        assert (*shown, tile.status_text) == EXPECTED_TILES[tile.key], tile.key
    assert tiles[0].sparkline.svg and tiles[1].sparkline.svg is None  # arr never measured


def test_a_seed_key_without_a_metric_is_a_not_measured_tile(settings: Settings):
    add_headline(settings.duckdb_path, ("mqls", "no_such_metric"))
    tile = build_view(load_scorecard_data(settings, WEEK)).headline[1]
    assert (tile.key, tile.value, tile.change, tile.status_text) == (
        "no_such_metric",
        "—",
        "",
        "not measured",
    )
    assert "seeds/reference/scorecard_headline.csv" in tile.note


def test_pipeline_coverage_is_the_quarter_of_the_week(settings: Settings):
    assert load_scorecard_data(settings, WEEK).coverage is None  # marts absent
    add_pipeline_coverage(settings.duckdb_path)
    coverage = load_scorecard_data(settings, WEEK).coverage
    assert (coverage.quarter, coverage.open_pipeline, coverage.bookings_target) == (
        "FY2026-Q4",
        450000,
        1500000,
    )
    assert coverage_note(coverage, "USD") == (
        "FY2026-Q4: $450,000 closing in quarter = 0.3x its $1.50M target."
    )
    no_target = PipelineCoverage("FY2027-Q1", coverage.open_pipeline, None, None)
    assert coverage_note(no_target, "USD") == (
        "FY2027-Q1: $450,000 closing in quarter; no bookings target."
    )


def test_headline_json_is_published_with_the_week(settings: Settings):
    add_headline(settings.duckdb_path)
    directory = export_scorecard(settings, WEEK).directory
    document = json.loads((directory / "headline.json").read_text())
    assert [tile["key"] for tile in document["tiles"]] == list(EXPECTED_TILES)
    assert document["tiles"][1]["status_text"] == "not measured"
    assert document["moved"][0]["sentence"].startswith("Landing page conversion rose to 11.3%")
    html = (directory / "scorecard.html").read_text()
    # The headline comes first, then what moved, then the sections.
    assert html.index('id="headline"') < html.index('id="what-moved"') < html.index("section-")


def _overflowing(page) -> list[str]:
    """Elements (outside charts' insides) whose right edge is past the viewport."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => !e.closest('svg') || e.tagName.toLowerCase() === 'svg')
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
            .map(e => e.tagName + '.' + e.className.baseVal ?? e.className)"""
    )


def test_tiles_fit_the_first_view_and_the_phone_never_scrolls_sideways(
    settings: Settings, tmp_path: Path
):
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is missing: run `make chromium` (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    add_headline(settings.duckdb_path, tuple(METRICS))  # eight tiles
    add_reconciliation(settings.duckdb_path)
    add_invest(settings.duckdb_path)
    page_uri = (export_scorecard(settings, WEEK).directory / "scorecard.html").as_uri()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            laptop = browser.new_page(viewport={"width": 1400, "height": 900})
            laptop.goto(page_uri, wait_until="load")
            boxes = [tile.bounding_box() for tile in laptop.locator("article.tile").all()]
            assert len(boxes) == len(METRICS)
            for box in boxes:
                assert box["y"] >= 0 and box["y"] + box["height"] <= 900, box
                assert box["x"] >= 0 and box["x"] + box["width"] <= 1400, box
            assert laptop.get_by_text("not measured", exact=True).is_visible()  # arr
            assert laptop.locator("#what-moved").bounding_box()["y"] < 900

            phone = browser.new_page(viewport={"width": 390, "height": 844})
            phone.goto(page_uri, wait_until="load")
            phone.locator("#invest summary").click()  # opened, still no sideways scroll
            phone.locator("#reconciliation summary").click()
            assert phone.evaluate("document.documentElement.scrollWidth") <= 390
            assert _overflowing(phone) == []
            widths = [tile.bounding_box()["width"] for tile in phone.locator("article.tile").all()]
            xs = {round(tile.bounding_box()["x"]) for tile in phone.locator("article.tile").all()}
            assert len(xs) == 1 and min(widths) > 300  # stacked, one per row
            hidden = phone.locator("table.metrics th", has_text="4-week average").first
            assert not hidden.is_visible()  # the table keeps the columns that matter
            phone.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
        finally:
            browser.close()
