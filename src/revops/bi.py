"""`revops bi`: Apache Superset on 127.0.0.1 with the dashboards committed as code.

Superset runs from its own virtualenv (.venv-bi, `make bi-setup`, pinned in
requirements-bi.lock): it pins SQLAlchemy < 2 and older pandas and numpy
than the project. Its metadata database is a local SQLite file; the
dashboards, charts, datasets and the database connection are imported from
bi/superset/assets (Superset's own export format) on every start, pointed
at the BI snapshot (default) or at the PostgreSQL target as the BI role.
"""

from __future__ import annotations

import io
import os
import secrets
import subprocess
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path
from urllib.parse import quote

import yaml

from revops.config import Settings
from revops.errors import RevopsError

ADMIN_USER = "admin"


class BIError(RevopsError):
    """Superset could not be set up or started; the message says why, for a person."""


def superset_bin(settings: Settings) -> Path:
    return settings.bi_venv / "bin" / "superset"


def _secret(path: Path, size: int = 32) -> str:
    """A secret made once on this machine and kept beside the metadata database."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(size))
        path.chmod(0o600)
    return path.read_text().strip()


def admin_password(settings: Settings) -> str:
    return os.environ.get("REVOPS_SUPERSET_ADMIN_PASSWORD") or _secret(
        settings.superset_dir / "admin_password", 18
    )


def superset_env(settings: Settings) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        SUPERSET_CONFIG_PATH=str(settings.project_dir / "bi" / "superset" / "superset_config.py"),
        REVOPS_SUPERSET_METADATA_DB=str(settings.superset_dir / "superset.db"),
        SUPERSET_SECRET_KEY=_secret(settings.superset_dir / "secret_key"),
        FLASK_APP="superset",
    )
    return env


def database_connection(settings: Settings) -> tuple[str, dict[str, object]]:
    """The SQLAlchemy URI and engine extras BI reads through (REVOPS_BI_DATABASE)."""
    kind = os.environ.get("REVOPS_BI_DATABASE", "snapshot")
    if kind == "snapshot":
        if not settings.bi_snapshot_path.exists():
            raise BIError(
                f"There is no BI snapshot at {settings.bi_snapshot_path}: run `make demo` "
                "(or `revops weekly`, or `revops snapshot` after a build) first."
            )
        return f"duckdb:///{settings.bi_snapshot_path}", {"connect_args": {"read_only": True}}
    if kind == "postgres":
        password = os.environ.get("REVOPS_BI_READER_PASSWORD")
        if not password:
            raise BIError("REVOPS_BI_DATABASE=postgres needs REVOPS_BI_READER_PASSWORD.")
        role = os.environ.get("REVOPS_BI_READER_ROLE", "bi_reader")
        host = os.environ.get("REVOPS_POSTGRES_HOST", "127.0.0.1")
        port = os.environ.get("REVOPS_POSTGRES_PORT", "5432")
        dbname = os.environ.get("REVOPS_POSTGRES_DBNAME", "revops")
        uri = f"postgresql+psycopg2://{quote(role)}:{quote(password)}@{host}:{port}/{dbname}"
        return uri, {}
    raise BIError(f"REVOPS_BI_DATABASE must be snapshot or postgres, not {kind!r}.")


def assets_bundle(settings: Settings) -> bytes:
    """The committed assets as Superset's import zip, the connection filled in."""
    uri, engine_params = database_connection(settings)
    assets = settings.project_dir / "bi" / "superset" / "assets"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        for path in sorted(assets.rglob("*.yaml")):
            text = path.read_text()
            if path.parent.name == "databases":
                document = yaml.safe_load(text)
                document["sqlalchemy_uri"] = uri
                document["extra"]["engine_params"] = engine_params
                text = yaml.safe_dump(document, sort_keys=False)
            bundle.writestr(f"revops_bi/{path.relative_to(assets)}", text)
    return buffer.getvalue()


def _superset(settings: Settings, *args: str, timeout: float = 600) -> None:
    completed = subprocess.run(
        [str(superset_bin(settings)), *args],
        env=superset_env(settings),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if completed.returncode != 0:
        detail = (completed.stderr or completed.stdout).strip().splitlines()[-5:]
        raise BIError(f"`superset {' '.join(args[:2])}` failed: {' '.join(detail)}")


def prepare(settings: Settings) -> None:
    """Create the metadata database once, then (re)import the dashboards as code."""
    if not superset_bin(settings).exists():
        raise BIError(
            f"Superset is not installed in {settings.bi_venv}: run `make bi-setup` "
            "(it installs requirements-bi.lock)."
        )
    settings.superset_dir.mkdir(parents=True, exist_ok=True)
    ready = settings.superset_dir / ".initialised"
    if not ready.exists():
        _superset(settings, "db", "upgrade")
        _superset(
            settings, "fab", "create-admin", "--username", ADMIN_USER, "--firstname", "RevOps",
            "--lastname", "Admin", "--email", "admin@localhost",
            "--password", admin_password(settings),
        )  # fmt: skip
        _superset(settings, "init")
        ready.touch()
    bundle = settings.superset_dir / "assets.zip"
    bundle.write_bytes(assets_bundle(settings))
    _superset(settings, "import-dashboards", "-p", str(bundle), "-u", ADMIN_USER)


def start(settings: Settings, port: int, wait_seconds: float = 180) -> subprocess.Popen[bytes]:
    """Superset's server on 127.0.0.1, returned once /health answers."""
    log = open(settings.superset_dir / "superset.log", "ab")  # noqa: SIM115 (the server's)
    server = subprocess.Popen(
        [str(superset_bin(settings)), "run", "-h", "127.0.0.1", "-p", str(port), "--with-threads"],
        env=superset_env(settings),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BIError(f"Superset stopped at start; see {settings.superset_dir}/superset.log")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as reply:
                if reply.status == 200:
                    return server
        except (urllib.error.URLError, OSError):
            time.sleep(1)
    server.kill()
    raise BIError(f"Superset did not answer on 127.0.0.1:{port} within {wait_seconds:.0f} s.")
