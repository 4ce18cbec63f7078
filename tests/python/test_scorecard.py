"""The weekly scorecard: golden values on a tiny hand-built fct_weekly_metrics,
the page in headless Chromium, the PDF, reproducibility, safe publishing, the
lock, bad input, and one end-to-end `revops weekly --raw-dir`."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from revops import cli
from revops.config import Settings
from revops.scorecard import ScorecardError
from revops.scorecard.data import load_scorecard_data
from revops.scorecard.export import FILES, export_scorecard, recover_interrupted
from revops.scorecard.formatting import format_change, format_value, what_moved
from revops.scorecard.view import build_view
from scorecard_fixture import METRICS, add_invest, add_reconciliation, build_fixture_warehouse

PROJECT_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WEEK = "2026-W47"


def _settings(root: Path) -> Settings:
    return Settings(PROJECT_DIR, root / "revops.duckdb", root / "output")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = _settings(tmp_path)
    build_fixture_warehouse(settings.duckdb_path)
    return settings


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture's W47 scorecard, exported once for the read-only checks."""
    settings = _settings(tmp_path_factory.mktemp("published"))
    build_fixture_warehouse(settings.duckdb_path)
    return export_scorecard(settings, WEEK).directory


def _read(directory: Path) -> dict[str, bytes]:
    return {name: (directory / name).read_bytes() for name in FILES}


@pytest.fixture
def cli_env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("REVOPS_PROJECT_DIR", str(PROJECT_DIR))
    monkeypatch.setenv("REVOPS_DUCKDB_PATH", str(settings.duckdb_path))
    monkeypatch.setenv("REVOPS_OUTPUT_DIR", str(settings.output_dir))
    return settings


# Golden values -------------------------------------------------------------


def test_display_rounding_is_half_away_from_zero():
    assert format_value(None, "count") == "—"
    assert format_value(Decimal("4445.5"), "currency") == "$4,446"
    assert format_value(Decimal("-4445.5"), "currency") == "-$4,446"
    assert format_value(Decimal("1234567"), "currency") == "$1.23M"
    assert format_value(Decimal("11.25"), "percent") == "11.3%"
    assert format_value(Decimal("57.5"), "count") == "57.5"
    assert format_value(Decimal("70.000000"), "count") == "70"
    assert format_value(Decimal("8"), "hours") == "8.0 h"
    assert format_change(Decimal("3.1"), "percent") == "+3.1 pts"
    assert format_change(Decimal("-6"), "currency") == "-$6"


def test_golden_rows_counts_and_what_moved(settings: Settings):
    data = load_scorecard_data(settings)  # default: the latest week in the data
    assert data.week == WEEK
    assert data.status_counts() == {
        "green": 3, "amber": 1, "red": 2, "none": 2, "not_measured": 0,
    }  # fmt: skip
    view = build_view(data)
    rows = {row.key: row for section in view.sections for row in section.rows}
    assert set(rows) == set(METRICS)
    shown = {
        key: (row.value, row.change, row.change_tone, row.average, row.target, row.status_text)
        for key, row in rows.items()
    }
    assert shown == {
        "mqls": ("70", "+5", "good", "57.5", "69.2", "on target"),
        "marketing_spend": ("$4,446", "+$34", "bad", "$4,393", "$12,174", "on target"),
        "landing_page_conversion_rate": ("11.3%", "+3.1 pts", "good", "6.9%", "4.0%", "on target"),
        "duplicate_person_rate": ("44.7%", "+0.3 pts", "bad", "44.3%", "20.0%", "off target"),
        "cost_per_mql": ("$105", "-$6", "good", "$120", "$100", "near target"),
        "stale_sources": ("2", "+2", "bad", "0", "0", "off target"),
        "arr": ("—", "—", "none", "—", "—", "not yet measured"),
        "nps": ("12.5", "0.0", "flat", "12.5", "—", "no target"),
    }
    assert [section.name for section in view.sections] == [
        "Revenue", "Marketing", "Customer success", "Data health",
    ]  # fmt: skip
    assert view.moved == [
        (
            "good",
            "Landing page conversion rose to 11.3%, 4.4 pts above its 4-week average of 6.9%.",
        ),
        ("good", "MQLs rose to 70, 21.7% above its 4-week average of 57.5."),
        ("good", "Cost per MQL fell to $105, 12.5% below its 4-week average of $120."),
    ]  # fmt: skip
    assert view.banners == [
        "Data may be incomplete: 2 sources had a table without the load it needs by the end "
        "of 2026-W47: stripe.invoice, zendesk.ticket."
    ]
    assert what_moved([m for m in data.metrics if m.key == "nps"]) == []


def test_csv_and_json_have_one_record_per_metric(published: Path):
    records = list(csv.DictReader(io.StringIO((published / "scorecard.csv").read_text())))
    assert list(records[0]) == [
        "key", "label", "section", "week", "value", "previous_value", "change",
        "average_4_weeks", "target", "status", "unit", "missing_reason",
    ]  # fmt: skip
    by_key = {record["key"]: record for record in records}
    assert len(records) == len(METRICS)
    assert by_key["marketing_spend"] == {
        "key": "marketing_spend", "label": "Marketing spend", "section": "Marketing",
        "week": WEEK, "value": "4445.5", "previous_value": "4411.25", "change": "34.25",
        "average_4_weeks": "4393.125", "target": "12174.456", "status": "green",
        "unit": "currency", "missing_reason": "",
    }  # fmt: skip
    assert by_key["arr"]["value"] == ""
    document = json.loads((published / "scorecard.json").read_text())
    assert document["week"] == WEEK
    assert document["status_counts"] == {
        "green": 3, "amber": 1, "red": 2, "none": 2, "not_measured": 0,
    }  # fmt: skip
    metrics = {item["key"]: item for item in document["metrics"]}
    assert metrics["cost_per_mql"]["value"] == 105
    assert metrics["cost_per_mql"]["change"] == -6
    assert metrics["arr"]["value"] is None


def test_summary_is_short_text(published: Path):
    summary = (published / "summary.md").read_text()
    assert summary.startswith("# Weekly scorecard 2026-W47\n\nMon 16 Nov 2026 to Sun 22 Nov 2026\n")
    assert "**3 green, 1 amber, 2 red** (2 without status" in summary
    assert "> Data may be incomplete: 2 sources" in summary
    assert "- Cost per MQL: $105 (-$6 vs last week; near target)" in summary
    assert "## Revenue\n\n- 1 metric not yet measured" in summary


def test_quality_warning_raises_the_banner(settings: Settings):
    settings.quality_result_path.parent.mkdir(parents=True)
    settings.quality_result_path.write_text(
        json.dumps({"status": "warn", "warnings": [{"message": "3 orphan invoices"}]})
    )
    view = build_view(load_scorecard_data(settings, WEEK))
    assert view.banners[-1] == "The data-quality gate warned: 3 orphan invoices."


def test_reconciliation_shown_only_when_the_mart_exists(settings: Settings):
    html = export_scorecard(settings, WEEK).directory.joinpath("scorecard.html").read_text()
    assert 'id="reconciliation"' not in html
    add_reconciliation(settings.duckdb_path)
    data = load_scorecard_data(settings, WEEK)
    assert [line.sentence for line in data.reconciliation.lines] == [
        "Marketing MQLs: 22; MQLs: 19. Difference +3 = +2 already MQL in an earlier week, "
        "+1 deleted contacts.",
        "Sales new leads: 48; New leads: 62. Difference -14 = +25 already known, "
        "+1 duplicate leads, -40 not a Salesforce lead.",
    ]
    directory = export_scorecard(settings, WEEK).directory
    html = directory.joinpath("scorecard.html").read_text()
    assert 'id="reconciliation"' in html and "+2 already MQL in an earlier week" in html
    summary = directory.joinpath("summary.md").read_text()
    assert "## Who moved my cheese" in summary and "-40 not a Salesforce lead" in summary


def test_invest_part_shown_only_when_its_marts_exist(settings: Settings):
    from pypdf import PdfReader

    html = export_scorecard(settings, WEEK).directory.joinpath("scorecard.html").read_text()
    assert 'id="invest"' not in html
    add_invest(settings.duckdb_path)
    view = build_view(load_scorecard_data(settings, WEEK))
    assert view.invest == [
        "CAC payback, FY2026-Q3 (channels with spend): best Paid Search, 6.3 months; "
        "worst Email, $31,269 spent with no payback yet (no new customer or ARR).",
        "12-month net revenue retention by acquisition channel, end of FY2026-Q3: "
        "best Paid Social 128.2%; worst Organic Social 15.9%.",
        "FY2026-Q4 bookings forecast (weighted, 5 weeks before quarter end): $710,378, "
        "of which $417,803 already booked. In 7 closed quarters this method was off by "
        "-42.0% to +331.0% at this point (mean absolute 80.6%): expect $164,841 to $1.22M.",
    ]
    directory = export_scorecard(settings, WEEK).directory
    html = (directory / "scorecard.html").read_text()
    assert 'id="invest"' in html and "best Paid Search, 6.3 months" in html
    summary = (directory / "summary.md").read_text()
    assert "## Invest\n\n- CAC payback, FY2026-Q3" in summary
    text = " ".join(page.extract_text() for page in PdfReader(directory / "scorecard.pdf").pages)
    assert "Invest" in text and "Organic Social 15.9%" in " ".join(text.split())


def test_restated_week_says_which_number_moved(settings: Settings):
    export_scorecard(settings, "2026-W46")
    late = {"mqls": [40, 45, 50, 55, 60, 68, 70]}  # late data: W46 MQLs 65 -> 68
    build_fixture_warehouse(settings.duckdb_path, late)
    result = export_scorecard(settings, WEEK)
    summary = (result.directory / "summary.md").read_text()
    assert "- MQLs for 2026-W46 was published as 65, now 68 (+3)." in summary
    document = json.loads((result.directory / "scorecard.json").read_text())
    assert document["restatements"] == [
        {
            "week": "2026-W46",
            "key": "mqls",
            "published_value": 65,
            "published_note": None,
            "current_value": 68,
        }
    ]
    assert (settings.scorecards_dir / "2026-W46" / "scorecard.json").exists()  # kept


# Not measured (late source data) --------------------------------------------

HUBSPOT_LATE = "hubspot data ends 2026-11-18 10:00 UTC"
STRIPE_LATE = "stripe data ends 2026-11-15 18:00 UTC"


def test_not_measured_shows_its_reason_in_every_format(settings: Settings):
    """MQLs (70, green, 21.7 % above its average) and ARR lose their W47 value
    to late data: every format says "not measured" with the reason, none
    shows a number or a change for them, they leave the status counts (3 green
    become 2), "What moved" and the Invest line that reads ARR."""
    from pypdf import PdfReader

    build_fixture_warehouse(
        settings.duckdb_path, reasons={"mqls": HUBSPOT_LATE, "arr": STRIPE_LATE}
    )
    add_invest(settings.duckdb_path)
    data = load_scorecard_data(settings, WEEK)
    assert data.status_counts() == {
        "green": 2, "amber": 1, "red": 2, "none": 1, "not_measured": 2,
    }  # fmt: skip
    mqls = data.metric("mqls")
    assert (mqls.value, mqls.change, mqls.status) == (None, None, "none")
    assert all(m.metric.key != "mqls" for m in what_moved(data.metrics))
    view = build_view(data)
    assert not any("MQLs" in sentence for _, sentence in view.moved)
    assert not any("retention by acquisition channel" in line for line in view.invest)
    assert f"Left out this week: arr, nrr not measured ({STRIPE_LATE})." not in view.invest
    assert f"Left out this week: arr not measured ({STRIPE_LATE})." in view.invest
    assert any(line.startswith("CAC payback, FY2026-Q3") for line in view.invest)

    directory = export_scorecard(settings, WEEK).directory
    summary = (directory / "summary.md").read_text()
    assert f"- MQLs: not measured ({HUBSPOT_LATE})" in summary
    assert f"- ARR: not measured ({STRIPE_LATE})" in summary
    assert "(1 without status: no target or not yet measured; 2 not measured)" in summary
    assert "**2 green, 1 amber, 2 red**" in summary
    html = (directory / "scorecard.html").read_text()
    assert f"not measured: {HUBSPOT_LATE}" in html and f"not measured: {STRIPE_LATE}" in html
    pdf = " ".join(
        " ".join(
            page.extract_text() for page in PdfReader(directory / "scorecard.pdf").pages
        ).split()
    )
    assert f"not measured: {HUBSPOT_LATE}" in pdf
    records = {
        row["key"]: row
        for row in csv.DictReader(io.StringIO((directory / "scorecard.csv").read_text()))
    }
    assert (records["mqls"]["value"], records["mqls"]["change"]) == ("", "")
    assert records["mqls"]["missing_reason"] == HUBSPOT_LATE
    assert records["mqls"]["status"] == "none"
    metrics = {
        item["key"]: item
        for item in json.loads((directory / "scorecard.json").read_text())["metrics"]
    }
    assert (metrics["arr"]["value"], metrics["arr"]["missing_reason"]) == (None, STRIPE_LATE)
    assert metrics["mqls"]["value"] is None and metrics["mqls"]["change"] is None
    assert metrics["cost_per_mql"]["missing_reason"] is None


def test_week_published_not_measured_is_restated_when_it_fills(settings: Settings):
    """W46 was published with MQLs not measured; the next run has W46's 65:
    the W47 scorecard says so with the old state and the new value."""
    build_fixture_warehouse(
        settings.duckdb_path, reasons={"mqls": HUBSPOT_LATE}, reason_week="2026-W46"
    )
    export_scorecard(settings, "2026-W46")
    published = json.loads((settings.scorecards_dir / "2026-W46" / "scorecard.json").read_text())
    assert {m["key"]: m["missing_reason"] for m in published["metrics"]}["mqls"] == HUBSPOT_LATE
    build_fixture_warehouse(settings.duckdb_path)
    result = export_scorecard(settings, WEEK)
    summary = (result.directory / "summary.md").read_text()
    assert f"- MQLs for 2026-W46 was published as not measured ({HUBSPOT_LATE}), now 65." in summary
    document = json.loads((result.directory / "scorecard.json").read_text())
    assert document["restatements"] == [
        {
            "week": "2026-W46", "key": "mqls", "published_value": None,
            "published_note": HUBSPOT_LATE, "current_value": 65,
        }
    ]  # fmt: skip


# The page, the PDF ------------------------------------------------------------


def test_html_in_headless_chromium(published: Path, tmp_path: Path):
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is missing: run `make chromium` (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    page_path = published / "scorecard.html"
    requests, console_errors = [], []
    screenshot = Path(os.environ.get("REVOPS_SCREENSHOT_DIR", tmp_path)) / "scorecard.png"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.on("request", lambda request: requests.append(request.url))
            page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else 0)
            page.on("pageerror", lambda error: console_errors.append(str(error)))
            page.goto(page_path.as_uri(), wait_until="load")
            for key in METRICS:
                assert page.get_by_text(key, exact=True).is_visible(), key
            assert page.locator("svg").count() >= 7  # sparklines of the measured metrics
            assert page.get_by_text("3 green").is_visible()
            page.screenshot(path=str(screenshot), full_page=True)
        finally:
            browser.close()
    assert requests == [page_path.as_uri()]
    assert console_errors == []
    assert screenshot.stat().st_size > 10_000


def test_pdf_pages_and_text(published: Path):
    from pypdf import PdfReader

    reader = PdfReader(published / "scorecard.pdf")
    # A summary page, then one page per section with metrics (four in the fixture).
    assert len(reader.pages) == 5
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape
    first = reader.pages[0].extract_text()
    assert "Weekly scorecard 2026-W47" in first
    assert "3 green" in first and "1 amber" in first and "2 red" in first
    assert "MQLs rose to 70" in first.replace("\n", " ")
    text = "\n".join(page.extract_text() for page in reader.pages)
    for key in METRICS:
        assert key in text, key


# Publishing safely ------------------------------------------------------------------


def test_two_exports_give_the_same_bytes(settings: Settings):
    first = _read(export_scorecard(settings, WEEK).directory)
    second = export_scorecard(settings, WEEK)
    assert _read(second.directory) == first
    assert sorted(p.name for p in settings.scorecards_dir.iterdir()) == [WEEK]


def test_failed_export_leaves_the_previous_scorecard(settings, monkeypatch):
    before = _read(export_scorecard(settings, WEEK).directory)
    build_fixture_warehouse(settings.duckdb_path, {"mqls": [1, 2, 3, 4, 5, 6, 7]})
    from revops.scorecard import export

    written = []

    def failing_write(path: Path, content: bytes) -> None:
        if written:
            raise OSError("disk full")
        written.append(path)
        path.write_bytes(content)

    monkeypatch.setattr(export, "write_file", failing_write)
    with pytest.raises(OSError):
        export_scorecard(settings, WEEK)
    assert _read(settings.scorecards_dir / WEEK) == before
    assert sorted(p.name for p in settings.scorecards_dir.iterdir()) == [WEEK]


def test_killed_export_leaves_the_previous_scorecard(settings: Settings):
    before = _read(export_scorecard(settings, WEEK).directory)
    build_fixture_warehouse(settings.duckdb_path, {"mqls": [1, 2, 3, 4, 5, 6, 7]})
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from revops.config import Settings
        from revops.scorecard import export
        original = export.write_file
        def write_then_die(path, content):
            original(path, content)
            if path.name == "scorecard.pdf":
                os.kill(os.getpid(), signal.SIGKILL)
        export.write_file = write_then_die
        export.export_scorecard(
            Settings(Path({str(PROJECT_DIR)!r}), Path({str(settings.duckdb_path)!r}),
                     Path({str(settings.output_dir)!r})), "{WEEK}")
        """
    )
    killed = subprocess.run([sys.executable, "-c", script], check=False, timeout=120)
    assert killed.returncode == -signal.SIGKILL
    assert _read(settings.scorecards_dir / WEEK) == before
    recover_interrupted(settings.scorecards_dir, WEEK)  # the next run's first step
    assert sorted(p.name for p in settings.scorecards_dir.iterdir()) == [WEEK]


def test_killed_between_renames_is_recovered(tmp_path: Path):
    (tmp_path / f".{WEEK}.old-123").mkdir()
    (tmp_path / f".{WEEK}.old-123" / "scorecard.json").write_text("{}")
    recover_interrupted(tmp_path, WEEK)
    assert (tmp_path / WEEK / "scorecard.json").read_text() == "{}"


# The command line --------------------------------------------------------------------


def test_second_run_is_refused_while_the_lock_is_held(cli_env: Settings, capsys):
    holder = subprocess.Popen(["sleep", "60"])
    try:
        cli_env.lock_path.parent.mkdir(parents=True, exist_ok=True)
        cli_env.lock_path.write_text(json.dumps({"pid": holder.pid, "command": "test"}))
        assert cli.main(["scorecard", "--week", WEEK]) == 3
        assert f"process {holder.pid}" in capsys.readouterr().err
        assert not cli_env.scorecards_dir.exists()
        assert cli.main(["weekly", "--week", WEEK]) == 3
    finally:
        holder.kill()
        holder.wait()
    # The holder is dead now: its lock is stale and is taken over.
    assert cli.main(["scorecard", "--week", WEEK]) == 0
    assert not cli_env.lock_path.exists()


@pytest.mark.parametrize(
    ("week", "message"),
    [
        ("2026-W48", "is after the latest complete week in the data (2026-W47)"),
        ("2025-W53", "2025 has no ISO week 53"),
        ("2026-47", "is not an ISO week"),
        ("2026-W30", "has no data: the metrics cover 2026-W41 to 2026-W47"),
    ],
)
def test_bad_week_is_refused_and_leaves_outputs(cli_env: Settings, capsys, week, message):
    assert cli.main(["scorecard"]) == 0
    before = _read(cli_env.scorecards_dir / WEEK)
    capsys.readouterr()
    assert cli.main(["scorecard", "--week", week]) == 2
    error = capsys.readouterr().err
    assert message in error and "Traceback" not in error
    assert _read(cli_env.scorecards_dir / WEEK) == before
    assert sorted(p.name for p in cli_env.scorecards_dir.iterdir()) == [WEEK]


def test_week_without_any_value_is_refused(settings: Settings):
    build_fixture_warehouse(settings.duckdb_path, {key: [None] * 7 for key in METRICS})
    with pytest.raises(ScorecardError, match="2026-W47 has no data: every metric"):
        export_scorecard(settings, WEEK)


def test_missing_warehouse_is_refused(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("REVOPS_DUCKDB_PATH", str(tmp_path / "absent.duckdb"))
    monkeypatch.setenv("REVOPS_OUTPUT_DIR", str(tmp_path / "output"))
    assert cli.main(["scorecard"]) == 2
    assert "There is no warehouse at" in capsys.readouterr().err
    assert cli.main(["weekly", "--week", "2027-W01"]) == 2  # not ended yet: refused first
    assert cli.main(["weekly"]) == 2
    assert "no --raw-dir was given" in capsys.readouterr().err
    assert not (tmp_path / "absent.duckdb").exists()


# End to end --------------------------------------------------------------------------


def test_weekly_run_end_to_end(built_workspace, landing_dir: Path):
    workspace, build = built_workspace
    assert build.returncode == 0, build.stderr[-2000:]
    completed = workspace.revops("weekly", "--raw-dir", str(landing_dir))
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output[-3000:]
    assert "Traceback" not in output
    directory = workspace.root / "output" / "scorecards" / WEEK
    files = _read(directory)
    records = sorted((workspace.root / "output" / "runs").glob("*.json"))
    record = json.loads(records[-1].read_text())
    assert record["status"] == "succeeded" and record["week"] == WEEK
    assert record["dbt_results"].get("error", 0) == 0 and record["dbt_results"]["success"] > 10
    assert record["started_at"] <= record["finished_at"]
    import hashlib

    assert record["outputs"] == {
        str(directory / name): hashlib.sha256(files[name]).hexdigest() for name in sorted(FILES)
    }
    again = workspace.revops("scorecard")  # re-export without building: same bytes
    assert again.returncode == 0, again.stderr[-2000:]
    assert _read(directory) == files
    shutil.rmtree(workspace.root / "output" / "scorecards")


def test_arr_waterfall_and_funnel_draw_once_their_metrics_have_values(settings: Settings):
    """Revenue and funnel metrics are null until their models land; with values,
    the charts are drawn (and stay reproducible)."""
    import dataclasses

    from revops.scorecard.charts import arr_waterfall, funnel
    from revops.scorecard.data import Metric

    def metric(key: str, value: str, previous: str | None = None) -> Metric:
        return Metric(key, key, "Revenue", "currency", True, None, Decimal(value),
                      None if previous is None else Decimal(previous), None, None, None,
                      "none", None)  # fmt: skip

    data = load_scorecard_data(settings, WEEK)
    assert arr_waterfall(data).svg is None and "not yet measured" in arr_waterfall(data).note
    extra = [
        metric("arr", "1030", "1000"),
        metric("new_arr", "40"),
        metric("reactivation_arr", "5"),
        metric("expansion_arr", "10"),
        metric("contraction_arr", "15"),
        metric("churned_arr", "10"),
        metric("new_leads", "100"),
        metric("sqls", "12"),
        metric("deals_won", "3"),
    ]
    kept = tuple(m for m in data.metrics if m.key not in {e.key for e in extra})
    data = dataclasses.replace(data, metrics=(*kept, *extra))
    waterfall, steps = arr_waterfall(data), funnel(data)
    assert waterfall.svg.startswith("<svg") and waterfall.png.startswith(b"\x89PNG")
    assert "Reactivation" in waterfall.svg
    assert steps.svg.startswith("<svg") and "(70.0% of new_leads)" in steps.svg
    assert arr_waterfall(data).svg == waterfall.svg
