"""Delivery of the published week, against a real SMTP server (aiosmtpd) and a
real HTTP server (http.server), both started here on 127.0.0.1: one email with
the PDF and one chat post per published week, none on a re-run, a correction
after a restatement, a failed send recorded in the run record and retried."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from rich.console import Console

from revops import cli
from revops.config import Settings
from revops.delivery import deliver, delivery_step, tile_line
from revops.scorecard.export import export_scorecard
from revops.weekly import RunRecord, write_run_record
from scorecard_fixture import add_headline, build_fixture_warehouse
from test_scorecard import WEEK, _settings

PAGE = "https://reports.example.com/scorecards/{week}/scorecard.html"
LINK = "https://reports.example.com/scorecards/2026-W47/scorecard.html"


class Inbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.recipients: list[list[str]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 OK"


class Webhook(ThreadingHTTPServer):
    """Records each JSON post; answers `status` (a failure when not 2xx)."""

    def __init__(self) -> None:
        self.posts: list[dict] = []
        self.status = 200
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if server.status == 200:
                    server.posts.append(json.loads(body))
                self.send_response(server.status)
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, Controller]]:
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield handler, controller
    controller.stop()


@pytest.fixture
def webhook() -> Iterator[Webhook]:
    server = Webhook()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def settings(tmp_path: Path, inbox, webhook, monkeypatch: pytest.MonkeyPatch) -> Settings:
    settings = _settings(tmp_path)
    build_fixture_warehouse(settings.duckdb_path)
    add_headline(settings.duckdb_path)
    config = tmp_path / "delivery.yml"
    config.write_text(
        f"page_url: {PAGE}\n"
        "email:\n  to: [ceo@example.com, cro@example.com]\n  cc: [revops@example.com]\n"
        "chat:\n  - name: leadership\n    webhook_url_env: TEST_WEBHOOK_URL\n"
    )
    _, controller = inbox
    monkeypatch.setenv("REVOPS_DELIVERY_CONFIG", str(config))
    monkeypatch.setenv("REVOPS_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("REVOPS_SMTP_PORT", str(controller.port))
    monkeypatch.setenv("REVOPS_SMTP_STARTTLS", "false")
    monkeypatch.setenv("REVOPS_SMTP_FROM", "scorecard@example.com")
    monkeypatch.setenv("TEST_WEBHOOK_URL", f"http://127.0.0.1:{webhook.server_port}/hook")
    return settings


def _parts(message: EmailMessage) -> tuple[str, str, list[tuple[str, bytes]]]:
    # SMTP carries lines ending in CRLF; the text is compared as written.
    text = message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
    html = message.get_body(preferencelist=("html",)).get_content()
    attachments = [(part.get_filename(), part.get_content()) for part in message.iter_attachments()]
    return text, html, attachments


def test_one_email_and_one_post_per_published_week_none_on_rerun(settings, inbox, webhook):
    handler, _ = inbox
    directory = export_scorecard(settings, WEEK).directory
    sends = deliver(settings, WEEK)
    assert [(s.channel, s.kind, s.status) for s in sends] == [
        ("email", "scorecard", "sent"),
        ("chat:leadership", "scorecard", "sent"),
    ]
    assert len(handler.messages) == 1 and len(webhook.posts) == 1
    message = handler.messages[0]
    # The fixture's W47: 3 green, 1 amber, 2 red.
    assert message["Subject"] == "Weekly scorecard 2026-W47: 3 on target, 1 near, 2 off target"
    assert sorted(handler.recipients[0]) == [
        "ceo@example.com",
        "cro@example.com",
        "revops@example.com",
    ]
    text, html, attachments = _parts(message)
    assert text == (directory / "summary.md").read_text() + f"\nThe full scorecard: {LINK}\n"
    assert attachments == [("scorecard-2026-W47.pdf", (directory / "scorecard.pdf").read_bytes())]
    assert "MQLs" in html and "+5 vs last week" in html and "on target" in html
    assert "Landing page conversion rose to 11.3%" in html and f'href="{LINK}"' in html
    post = webhook.posts[0]["text"]
    assert post.startswith("*Weekly scorecard 2026-W47* (Mon 16 Nov 2026 to Sun 22 Nov 2026)")
    assert "• MQLs: 70 (+5 vs last week), on target" in post.splitlines()
    assert "• ARR: not measured" in post.splitlines()  # never a 0, never a change
    assert post.endswith(f"<{LINK}|Open the scorecard>")

    # A re-run of the same week (same numbers, re-exported) sends nothing.
    export_scorecard(settings, WEEK)
    assert deliver(settings, WEEK) == []
    assert len(handler.messages) == 1 and len(webhook.posts) == 1


def test_a_restated_week_sends_a_short_correction(settings, inbox, webhook):
    handler, _ = inbox
    export_scorecard(settings, WEEK)
    deliver(settings, WEEK)
    # Late data: W47 MQLs 70 -> 72 (and the cost per MQL it divides stays as it was).
    build_fixture_warehouse(settings.duckdb_path, {"mqls": [40, 45, 50, 55, 60, 65, 72]})
    export_scorecard(settings, WEEK)
    sends = deliver(settings, WEEK)
    assert [(s.channel, s.kind, s.status) for s in sends] == [
        ("email", "correction", "sent"),
        ("chat:leadership", "correction", "sent"),
    ]
    correction = handler.messages[1]
    assert correction["Subject"] == "Correction: weekly scorecard 2026-W47"
    text, html, attachments = _parts(correction)
    assert text == (
        "The scorecard for 2026-W47 changed after it was sent:\n\n"
        f"- MQLs: sent as 70, now 72.\n\nThe corrected scorecard: {LINK}\n"
    )
    assert "MQLs: sent as 70, now 72." in html and len(attachments) == 1
    assert webhook.posts[1]["text"] == (
        "*Correction: Weekly scorecard 2026-W47* changed after it was sent:\n"
        f"• MQLs: sent as 70, now 72.\n<{LINK}|Open the scorecard>"
    )
    assert deliver(settings, WEEK) == []  # the correction goes once too
    assert len(handler.messages) == 2 and len(webhook.posts) == 2


def test_a_failed_send_is_recorded_and_retried_on_the_next_run(
    settings, inbox, webhook, monkeypatch
):
    handler, controller = inbox
    monkeypatch.setenv("REVOPS_SMTP_PORT", str(_free_port()))  # the mail server is down
    webhook.status = 500  # and the chat answers an error
    published = export_scorecard(settings, "2026-W46").directory
    record = RunRecord("weekly", "2026-W46", "2026-11-30T06:00:00Z")
    delivery_step(settings, Console(quiet=True), record)
    document = json.loads(write_run_record(settings.runs_dir, record).read_text())
    step = document["steps"][-1]
    assert step["step"] == "delivery" and step["status"] == "failed"
    assert [(s["channel"], s["status"]) for s in step["sends"]] == [
        ("email", "failed"),
        ("chat:leadership", "failed"),
    ]
    assert "ConnectionRefusedError" in step["sends"][0]["error"]
    assert "HTTP Error 500" in step["sends"][1]["error"]
    assert len(document["warnings"]) == 2 and "retried on the next run" in document["warnings"][0]
    assert (published / "scorecard.pdf").exists()  # the publication is untouched
    ledger = json.loads(settings.delivery_ledger_path.read_text())
    assert ledger["weeks"]["2026-W46"]["email"]["pending"]["attempts"] == 1

    # The next run publishes W47: W46 goes out first, then W47; nothing is pending.
    monkeypatch.setenv("REVOPS_SMTP_PORT", str(controller.port))  # and back up
    webhook.status = 200
    export_scorecard(settings, WEEK)
    record = RunRecord("weekly", WEEK, "2026-12-07T06:00:00Z")
    delivery_step(settings, Console(quiet=True), record)
    assert record.steps[-1]["status"] == "done" and record.warnings == []
    assert [(s["week"], s["channel"], s["kind"]) for s in record.steps[-1]["sends"]] == [
        ("2026-W46", "email", "scorecard"),
        ("2026-W46", "chat:leadership", "scorecard"),
        ("2026-W47", "email", "scorecard"),
        ("2026-W47", "chat:leadership", "scorecard"),
    ]
    assert [m["Subject"].split(":")[0] for m in handler.messages] == [
        "Weekly scorecard 2026-W46",
        "Weekly scorecard 2026-W47",
    ]
    assert len(webhook.posts) == 2
    ledger = json.loads(settings.delivery_ledger_path.read_text())
    assert not any(e.get("pending") for w in ledger["weeks"].values() for e in w.values())


def test_nothing_is_sent_without_delivery_yml(settings, inbox, webhook, monkeypatch):
    handler, _ = inbox
    monkeypatch.setenv("REVOPS_DELIVERY_CONFIG", str(settings.output_dir / "absent.yml"))
    export_scorecard(settings, WEEK)
    record = RunRecord("weekly", WEEK, "2026-11-30T06:00:00Z")
    delivery_step(settings, Console(quiet=True), record)
    assert record.steps == [{"step": "delivery", "status": "skipped", "reason": "no delivery.yml"}]
    assert deliver(settings, WEEK) == []
    assert handler.messages == [] and webhook.posts == []
    assert not settings.delivery_ledger_path.exists()


def test_deliver_command_sends_the_latest_published_week(settings, inbox, webhook, monkeypatch):
    handler, _ = inbox
    monkeypatch.setenv("REVOPS_PROJECT_DIR", str(settings.project_dir))
    monkeypatch.setenv("REVOPS_DUCKDB_PATH", str(settings.duckdb_path))
    monkeypatch.setenv("REVOPS_OUTPUT_DIR", str(settings.output_dir))
    export_scorecard(settings, "2026-W46")
    export_scorecard(settings, WEEK)
    assert cli.main(["deliver"]) == 0
    assert [m["Subject"].split(":")[0] for m in handler.messages] == ["Weekly scorecard 2026-W47"]
    record = json.loads(sorted(settings.runs_dir.glob("*.json"))[-1].read_text())
    assert (record["command"], record["week"], record["status"]) == ("deliver", WEEK, "succeeded")
    webhook.status = 503
    build_fixture_warehouse(settings.duckdb_path, {"nps": ["12.5"] * 6 + ["20"]})
    add_headline(settings.duckdb_path)
    export_scorecard(settings, WEEK)
    assert cli.main(["deliver", "--week", WEEK]) == 2  # the chat failed: exit 2, recorded
    assert handler.messages[-1]["Subject"] == "Correction: weekly scorecard 2026-W47"
    assert "NPS: sent as 12.5, now 20.0." in handler.messages[-1].get_body(("plain",)).get_content()


def test_chat_lines_say_not_measured_with_its_reason_and_keep_the_coverage():
    coverage = {
        "label": "Open pipeline",
        "value": "$7.88M",
        "change": "-$1.16M vs last week",
        "status_text": "on target",
        "note": "FY2026-Q4: $758,292 closing in quarter = 0.4x its $1.80M target.",
    }
    assert tile_line(coverage) == (
        "• Open pipeline: $7.88M (-$1.16M vs last week), on target; "
        "FY2026-Q4: $758,292 closing in quarter = 0.4x its $1.80M target."
    )
    late = {"label": "ARR", "value": "—", "change": "", "status_text": "not measured"}
    assert tile_line({**late, "note": "Stripe has not loaded since Friday"}) == (
        "• ARR: not measured (Stripe has not loaded since Friday)"
    )
