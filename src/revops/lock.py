"""One weekly run at a time: a lock file holding the owner's process id.

A lock whose process is gone (a killed run) is stale and is taken over.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class LockHeld(Exception):
    """Another run holds the lock."""


def _holder(path: Path) -> int | None:
    try:
        return int(json.loads(path.read_text())["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _just_made(path: Path, seconds: float = 5.0) -> bool:
    """A lock file with no pid yet may be one another run is writing this instant."""
    try:
        return time.time() - path.stat().st_mtime < seconds
    except OSError:
        return False


@contextmanager
def run_lock(path: Path, command: str) -> Iterator[None]:
    """Hold the lock for the duration of the block, or raise LockHeld."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(2):
        try:
            descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            pid = _holder(path)
            held = process_alive(pid) if pid is not None else _just_made(path)
            if held:
                raise LockHeld(
                    f"Another run (process {pid or 'starting'}) holds the lock {path}. "
                    "Wait for it to "
                    "finish; if no such run exists, delete the lock file."
                ) from None
            path.unlink(missing_ok=True)  # stale: its process is gone
            continue
        with os.fdopen(descriptor, "w") as handle:
            json.dump({"pid": os.getpid(), "command": command}, handle)
        break
    else:
        raise LockHeld(f"The lock {path} could not be taken.")
    try:
        yield
    finally:
        if _holder(path) == os.getpid():
            path.unlink(missing_ok=True)
