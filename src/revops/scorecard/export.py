"""Export a week's scorecard: render every file in memory, write them aside,
then move the week's folder into place, so a failed or killed export leaves
the last good scorecard as it was."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from revops.config import Settings
from revops.scorecard import ScorecardError
from revops.scorecard.data import Restatement, ScorecardData, load_scorecard_data
from revops.scorecard.headline import render_headline_json
from revops.scorecard.html import render_html
from revops.scorecard.pdf import render_pdf
from revops.scorecard.tables import json_number, render_csv, render_json, render_summary
from revops.scorecard.view import build_view

FILES = (
    "scorecard.html",
    "scorecard.pdf",
    "scorecard.csv",
    "scorecard.json",
    "summary.md",
    "headline.json",
)


@dataclass(frozen=True)
class ExportResult:
    week: str
    directory: Path
    sha256: dict[str, str]
    data: ScorecardData


def render_files(data: ScorecardData) -> dict[str, bytes]:
    view = build_view(data)
    return {
        "scorecard.html": render_html(view),
        "scorecard.pdf": render_pdf(view),
        "scorecard.csv": render_csv(data),
        "scorecard.json": render_json(data),
        "summary.md": render_summary(view),
        "headline.json": render_headline_json(view),
    }


def find_restatements(data: ScorecardData, scorecards_dir: Path) -> tuple[Restatement, ...]:
    """Numbers of the earlier weeks in the sparkline window that changed since
    their scorecard was published (late data): compared with that week's
    published scorecard.json."""
    found = []
    for metric in data.metrics:
        current = dict(metric.history)
        for week, value in metric.history:
            if week >= data.week:
                continue
            published = _published_values(scorecards_dir, week)
            if metric.key not in published:
                continue
            before, note = published[metric.key]
            if json_number(value) != before:
                found.append(
                    Restatement(
                        week=week,
                        key=metric.key,
                        label=metric.label,
                        unit=metric.unit,
                        published=None if before is None else Decimal(str(before)),
                        current=current[week],
                        published_note=note,
                    )
                )
    return tuple(sorted(found, key=lambda item: (item.week, item.label, item.key)))


def _published_values(scorecards_dir: Path, week: str) -> dict[str, tuple[object, str | None]]:
    """{metric key: (published value, why it was provisional)} of a week's
    published scorecard.json: its missing_reason when it was not measured,
    else the stale sources the week was published with, else None."""
    path = scorecards_dir / week / "scorecard.json"
    try:
        document = json.loads(path.read_text())
        records = {item["key"]: item for item in document["metrics"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    stale = records.get("stale_sources", {}).get("value")
    stale_note = (
        f"published while {int(stale)} source{'s' if stale != 1 else ''} had not loaded the "
        "whole week"
        if isinstance(stale, int | float) and stale > 0
        else None
    )
    return {
        key: (item.get("value"), item.get("missing_reason") or stale_note)
        for key, item in records.items()
    }


def export_scorecard(
    settings: Settings, week: str | None = None, target: str | None = None
) -> ExportResult:
    """Read the dbt target's warehouse, render the week's files and publish them together."""
    data = load_scorecard_data(settings, week, target)
    scorecards_dir = settings.scorecards_dir
    recover_interrupted(scorecards_dir, data.week)
    data = dataclasses.replace(data, restatements=find_restatements(data, scorecards_dir))
    files = render_files(data)
    directory = publish(scorecards_dir, data.week, files)
    digests = {name: hashlib.sha256(content).hexdigest() for name, content in files.items()}
    return ExportResult(data.week, directory, digests, data)


def publish(scorecards_dir: Path, week: str, files: dict[str, bytes]) -> Path:
    """Write the files into a folder beside the target, then swap it in.

    A directory cannot replace a non-empty one in one rename, so the old
    folder is renamed aside first and removed last; `recover_interrupted`
    puts it back if a run dies between the two renames.
    """
    scorecards_dir.mkdir(parents=True, exist_ok=True)
    target = scorecards_dir / week
    staging = scorecards_dir / f".{week}.new-{os.getpid()}"
    retired = scorecards_dir / f".{week}.old-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        for name, content in files.items():
            write_file(staging / name, content)
        _fsync_directory(staging)
        if target.exists():
            os.rename(target, retired)
        os.rename(staging, target)
        _fsync_directory(scorecards_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if retired.exists() and not target.exists():
            os.rename(retired, target)
        raise
    shutil.rmtree(retired, ignore_errors=True)
    return target


def write_file(path: Path, content: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_directory(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def recover_interrupted(scorecards_dir: Path, week: str) -> None:
    """Undo what a killed export left: its half-written folder, and a published
    folder renamed aside but not yet replaced."""
    if not scorecards_dir.exists():
        return
    for leftover in sorted(scorecards_dir.glob(f".{week}.new-*")):
        shutil.rmtree(leftover, ignore_errors=True)
    retired = sorted(scorecards_dir.glob(f".{week}.old-*"))
    target = scorecards_dir / week
    if retired and not target.exists():
        os.rename(retired[-1], target)
        retired = retired[:-1]
    for leftover in retired:
        shutil.rmtree(leftover, ignore_errors=True)


def require_files(result: ExportResult) -> None:
    missing = [name for name in FILES if not (result.directory / name).exists()]
    if missing:
        raise ScorecardError(f"The export of {result.week} is missing {', '.join(missing)}.")
