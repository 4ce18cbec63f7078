"""Send the published week: one email and one chat message per channel, once.

Who receives it is one file, delivery.yml (see delivery.example.yml); the mail
server comes from the environment (config.load_smtp_settings). Nothing is sent
while delivery.yml is absent.

A ledger (output/delivery/ledger.json) remembers, per week and channel, the
digest of the numbers last sent. A re-run with the same numbers sends nothing;
a week whose numbers changed since (restated by late data) gets a short
correction naming what changed; a failed send is kept as pending and retried
on the next run, whatever week that run publishes. Delivery reads only the
published folder, so it sends exactly what was published and can never undo
or block the publication.
"""

from __future__ import annotations

import hashlib
import json
import os
import smtplib
import ssl
import urllib.request
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from decimal import Decimal
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined

from revops.config import Settings, SmtpSettings, load_smtp_settings
from revops.errors import RevopsError
from revops.scorecard.formatting import format_value

EMAIL = "email"
STATUS_COLOURS = {"green": "#2f855a", "amber": "#b7791f", "red": "#c53030", "none": "#9aa5b1"}


class DeliveryError(RevopsError):
    """Delivery cannot start (its configuration is wrong); the message says why."""


@dataclass(frozen=True)
class ChatChannel:
    name: str
    url: str | None  # None when its environment variable is unset: that send fails


@dataclass(frozen=True)
class DeliveryConfig:
    page_url: str | None  # with {week}: the link to the published page
    email_to: tuple[str, ...]
    email_cc: tuple[str, ...]
    chats: tuple[ChatChannel, ...]

    def channels(self) -> list[str]:
        return ([EMAIL] if self.email_to else []) + [f"chat:{chat.name}" for chat in self.chats]

    def chat(self, channel: str) -> ChatChannel:
        return next(chat for chat in self.chats if f"chat:{chat.name}" == channel)

    def link(self, week: str) -> str | None:
        return self.page_url.replace("{week}", week) if self.page_url else None


@dataclass(frozen=True)
class Published:
    """A week's published folder, as delivery reads it."""

    week: str
    directory: Path
    document: dict[str, Any]  # scorecard.json
    headline: dict[str, Any]  # headline.json
    digest: str  # of the week's numbers only

    @property
    def values(self) -> dict[str, Any]:
        return {metric["key"]: metric.get("value") for metric in self.document["metrics"]}


@dataclass(frozen=True)
class Send:
    """One message to one channel, and how it went."""

    week: str
    channel: str
    kind: str  # scorecard or correction
    status: str  # sent or failed
    error: str | None = None


# Configuration ------------------------------------------------------------------------


def _addresses(section: dict, key: str, path: Path) -> tuple[str, ...]:
    value = section.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not all(isinstance(item, str) and "@" in item for item in value):
        raise DeliveryError(f"{path}: email.{key} must be a list of email addresses.")
    return tuple(value)


def _chat(item: object, path: Path) -> ChatChannel:
    if not isinstance(item, dict) or not item.get("name"):
        raise DeliveryError(f"{path}: each chat entry needs a name and a webhook_url_env.")
    variable = item.get("webhook_url_env")
    url = os.environ.get(variable) if variable else item.get("webhook_url")
    if not variable and not item.get("webhook_url"):
        raise DeliveryError(f"{path}: chat '{item['name']}' has no webhook_url_env.")
    return ChatChannel(str(item["name"]), url or None)


def load_delivery_config(path: Path) -> DeliveryConfig | None:
    """delivery.yml, or None when it is absent (then nothing is sent)."""
    if not path.exists():
        return None
    try:
        content = yaml.safe_load(path.read_text()) or {}
    except yaml.YAMLError as error:
        raise DeliveryError(f"{path} is not valid YAML: {error}") from None
    if not isinstance(content, dict):
        raise DeliveryError(f"{path} must hold page_url, email and chat.")
    email = content.get("email") or {}
    return DeliveryConfig(
        page_url=content.get("page_url"),
        email_to=_addresses(email, "to", path),
        email_cc=_addresses(email, "cc", path),
        chats=tuple(_chat(item, path) for item in content.get("chat") or []),
    )


# The published week and the ledger ------------------------------------------------------


def numbers_digest(document: dict[str, Any]) -> str:
    """The week's numbers, not its bytes: wording or layout changes send nothing."""
    values = {metric["key"]: metric.get("value") for metric in document["metrics"]}
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()


def read_published(scorecards_dir: Path, week: str) -> Published:
    directory = scorecards_dir / week
    try:
        document = json.loads((directory / "scorecard.json").read_text())
        headline = json.loads((directory / "headline.json").read_text())
    except (OSError, ValueError) as error:
        raise DeliveryError(f"{week} is not published in {directory}: {error}") from None
    return Published(week, directory, document, headline, numbers_digest(document))


def latest_published_week(scorecards_dir: Path) -> str | None:
    weeks = sorted(p.name for p in scorecards_dir.glob("*-W*") if (p / "scorecard.json").exists())
    return weeks[-1] if weeks else None


def read_ledger(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {"weeks": {}}
    return json.loads(path.read_text())


def write_ledger(path: Path, ledger: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(ledger, indent=2, sort_keys=True) + "\n")
    os.replace(temporary, path)


def pending_weeks(ledger: dict[str, Any]) -> list[str]:
    """Weeks with a send that failed and has not gone through since."""
    return sorted(
        week
        for week, channels in ledger["weeks"].items()
        if any(entry.get("pending") for entry in channels.values())
    )


# The messages -------------------------------------------------------------------------


def correction_lines(published: Published, sent_values: dict[str, Any]) -> list[str]:
    """Each number of the week that differs from what was sent, in words."""
    currency = published.document.get("currency", "USD")
    lines = []
    for metric in published.document["metrics"]:
        key = metric["key"]
        if key in sent_values and sent_values[key] == metric.get("value"):
            continue

        def shown(value: object, unit: str = metric["unit"]) -> str:
            if value is None:
                return "not measured"
            return format_value(Decimal(str(value)), unit, currency)

        before = shown(sent_values.get(key)) if key in sent_values else "not sent"
        lines.append(f"{metric['label']}: sent as {before}, now {shown(metric.get('value'))}.")
    return lines


def subject(published: Published, correction: list[str] | None) -> str:
    if correction:
        return f"Correction: weekly scorecard {published.week}"
    counts = published.document.get("status_counts") or {}
    return (
        f"Weekly scorecard {published.week}: {counts.get('green', 0)} on target, "
        f"{counts.get('amber', 0)} near, {counts.get('red', 0)} off target"
    )


def render_email_html(published: Published, correction: list[str] | None, link: str | None):
    environment = Environment(
        loader=PackageLoader("revops.scorecard", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
    )
    return environment.get_template("email.html.j2").render(
        subject=subject(published, correction),
        headline=published.headline,
        correction=correction or [],
        page_url=link,
        colours=STATUS_COLOURS,
    )


def build_email(
    published: Published,
    config: DeliveryConfig,
    sender: str,
    correction: list[str] | None = None,
) -> EmailMessage:
    """Text part = summary.md (or the correction), HTML part = headline and what
    moved (or the correction), the week's PDF attached."""
    link = config.link(published.week)
    message = EmailMessage()
    message["Subject"] = subject(published, correction)
    message["From"] = sender
    message["To"] = ", ".join(config.email_to)
    if config.email_cc:
        message["Cc"] = ", ".join(config.email_cc)
    if correction:
        text = f"The scorecard for {published.week} changed after it was sent:\n\n"
        text += "\n".join(f"- {line}" for line in correction)
        text += f"\n\nThe corrected scorecard: {link}\n" if link else "\n"
    else:
        text = (published.directory / "summary.md").read_text()
        text += f"\nThe full scorecard: {link}\n" if link else ""
    message.set_content(text)
    message.add_alternative(render_email_html(published, correction, link), subtype="html")
    message.add_attachment(
        (published.directory / "scorecard.pdf").read_bytes(),
        maintype="application",
        subtype="pdf",
        filename=f"scorecard-{published.week}.pdf",
    )
    return message


def tile_line(tile: dict[str, Any]) -> str:
    if tile["status_text"] == "not measured":
        reason = f" ({tile['note']})" if tile.get("note") else ""
        return f"• {tile['label']}: not measured{reason}"
    change = f" ({tile['change']})" if tile.get("change") else ""
    note = f"; {tile['note']}" if tile.get("note") else ""
    return f"• {tile['label']}: {tile['value']}{change}, {tile['status_text']}{note}"


def chat_payload(
    published: Published, link: str | None, correction: list[str] | None = None
) -> dict[str, str]:
    """A Slack-compatible incoming-webhook message: the headline and a link."""
    headline = published.headline
    if correction:
        lines = [f"*Correction: {headline['title']}* changed after it was sent:"]
        lines += [f"• {line}" for line in correction]
    else:
        lines = [f"*{headline['title']}* ({headline['period']})"]
        lines += [tile_line(tile) for tile in headline["tiles"]]
        if headline["moved"]:
            lines.append("What moved: " + " ".join(m["sentence"] for m in headline["moved"]))
    if link:
        lines.append(f"<{link}|Open the scorecard>")
    return {"text": "\n".join(lines)}


# Transports ---------------------------------------------------------------------------


def send_email(smtp: SmtpSettings, message: EmailMessage) -> None:
    if not smtp.host:
        raise DeliveryError("REVOPS_SMTP_HOST is not set: no mail server to send through.")
    with smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout_seconds) as server:
        if smtp.starttls:
            server.starttls(context=ssl.create_default_context())
        if smtp.user:
            server.login(smtp.user, smtp.password or "")
        server.send_message(message)


def post_webhook(url: str | None, payload: dict[str, str], timeout: float = 30) -> None:
    if not url:
        raise DeliveryError("the chat's webhook URL is not set in the environment.")
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode("utf-8"),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        if not 200 <= response.status < 300:
            raise DeliveryError(f"the webhook answered HTTP {response.status}.")


# Delivering ---------------------------------------------------------------------------


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _transmit(
    channel: str,
    published: Published,
    config: DeliveryConfig,
    smtp: SmtpSettings,
    correction: list[str] | None,
) -> None:
    if channel == EMAIL:
        send_email(smtp, build_email(published, config, smtp.sender, correction))
    else:
        chat = config.chat(channel)
        post_webhook(chat.url, chat_payload(published, config.link(published.week), correction))


def deliver_channel(
    published: Published,
    channel: str,
    entry: dict[str, Any],
    config: DeliveryConfig,
    smtp: SmtpSettings,
) -> Send | None:
    """Send to one channel what it has not had yet; update its ledger entry."""
    if entry.get("sent_digest") == published.digest:
        entry.pop("pending", None)
        return None
    correction = None
    if entry.get("sent_digest"):
        correction = correction_lines(published, entry.get("sent_values") or {})
    kind = "correction" if correction is not None else "scorecard"
    try:
        _transmit(channel, published, config, smtp, correction)
    except Exception as problem:  # any failure is recorded and retried, never raised
        error = f"{type(problem).__name__}: {problem}"
        attempts = (entry.get("pending") or {}).get("attempts", 0) + 1
        entry["pending"] = {"kind": kind, "digest": published.digest, "error": error}
        entry["pending"]["attempts"] = attempts
        entry.setdefault("history", []).append({"at": _now(), "kind": kind, "error": error})
        return Send(published.week, channel, kind, "failed", error)
    entry.pop("pending", None)
    entry.update(sent_digest=published.digest, sent_values=published.values)
    entry.setdefault("history", []).append({"at": _now(), "kind": kind, "status": "sent"})
    return Send(published.week, channel, kind, "sent")


def deliver(settings: Settings, week: str | None = None) -> list[Send]:
    """Send the week (default: the latest published) and retry what failed before.

    Returns what was attempted; nothing when delivery.yml is absent."""
    config = load_delivery_config(settings.delivery_config_path)
    if config is None:
        return []
    ledger = read_ledger(settings.delivery_ledger_path)
    week = week or latest_published_week(settings.scorecards_dir)
    weeks = sorted(set(pending_weeks(ledger)) | ({week} if week else set()))
    smtp = load_smtp_settings()
    sends: list[Send] = []
    for each in weeks:
        try:
            published = read_published(settings.scorecards_dir, each)
        except DeliveryError as problem:
            sends.append(Send(each, "all", "scorecard", "failed", str(problem)))
            continue
        for channel in config.channels():
            entry = ledger["weeks"].setdefault(each, {}).setdefault(channel, {})
            sent = deliver_channel(published, channel, entry, config, smtp)
            write_ledger(settings.delivery_ledger_path, ledger)  # after every send
            if sent is not None:
                sends.append(sent)
    return sends


def delivery_summary(sends: list[Send]) -> str:
    if not sends:
        return "nothing new to send"
    return "; ".join(f"{send.kind} {send.week} to {send.channel}: {send.status}" for send in sends)


def record_sends(record: Any, sends: list[Send]) -> None:
    """The run record's delivery step, and a warning per failed send."""
    failed = [send for send in sends if send.status == "failed"]
    record.steps.append(
        {
            "step": "delivery",
            "status": "failed" if failed else "done",
            "sends": [asdict(send) for send in sends],
        }
    )
    record.warnings += [
        f"delivery: {send.kind} of {send.week} to {send.channel} failed ({send.error}); "
        "the scorecard is published and the send is retried on the next run"
        for send in failed
    ]


def delivery_step(settings: Settings, console: Any, record: Any) -> None:
    """The weekly run's last step: it records and warns, and never fails the run
    (the scorecard is already published when it starts)."""
    if not settings.delivery_config_path.exists():
        record.steps.append({"step": "delivery", "status": "skipped", "reason": "no delivery.yml"})
        return
    try:
        sends = deliver(settings, record.week)
    except Exception as problem:  # a broken delivery.yml must not fail a published week
        error = f"{type(problem).__name__}: {problem}"
        sends = [Send(record.week or "unknown", "all", "scorecard", "failed", error)]
    record_sends(record, sends)
    failed = any(send.status == "failed" for send in sends)
    mark = "[yellow]![/]" if failed else "[green]✓[/]"
    console.print(f"{mark} delivery: {delivery_summary(sends)}")


def deliver_command(settings: Settings, console: Any, week: str | None) -> int:
    """`revops deliver`: send (or retry) without rebuilding; 0 when all went out."""
    from revops.lock import run_lock
    from revops.weekly import RunRecord, write_run_record

    if not settings.delivery_config_path.exists():
        console.print(f"Nothing to send: no {settings.delivery_config_path}.")
        return 0
    week = week or latest_published_week(settings.scorecards_dir)
    if week is None:
        raise DeliveryError(f"No scorecard is published in {settings.scorecards_dir}.")
    record = RunRecord("deliver", week, _now())
    with run_lock(settings.lock_path, "revops deliver"):
        try:
            sends = deliver(settings, week)
            record_sends(record, sends)
            failed = any(send.status == "failed" for send in sends)
            record.status = "failed" if failed else "succeeded"
        except BaseException as problem:
            record.status, record.error = "failed", str(problem) or type(problem).__name__
            raise
        finally:
            record.finished_at = _now()
            console.print(f"run record: {write_run_record(settings.runs_dir, record)}")
    console.print(f"delivery: {delivery_summary(sends)}")
    for warning in record.warnings:
        console.print(f"[yellow]warning[/]: {warning}")
    return 2 if failed else 0
