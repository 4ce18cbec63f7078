"""One place for paths and settings; everything else asks here."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# The newest DuckDB storage format that 1.x readers open: 1.4 (LTS, storage 67)
# and 1.5 (which also reads 68) both accept it; BI drivers embed 1.x.
DEFAULT_BI_STORAGE_VERSION = "v1.4.0"


def project_root() -> Path:
    """The dbt project directory: REVOPS_PROJECT_DIR, else the repo holding this package."""
    override = os.environ.get("REVOPS_PROJECT_DIR")
    if override:
        return Path(override).resolve()
    return Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Settings:
    project_dir: Path
    duckdb_path: Path
    output_dir: Path
    bi_storage_version: str = DEFAULT_BI_STORAGE_VERSION

    @property
    def sources_glob(self) -> str:
        return "models/staging/*/_*__sources.yml"

    @property
    def scorecards_dir(self) -> Path:
        return self.output_dir / "scorecards"

    @property
    def runs_dir(self) -> Path:
        return self.output_dir / "runs"

    @property
    def quality_result_path(self) -> Path:
        """The data-quality gate's latest result, when the gate has run."""
        return self.output_dir / "quality" / "latest.json"

    @property
    def bi_dir(self) -> Path:
        """What BI tools read: the snapshot file and its Parquet copies."""
        return self.output_dir / "bi"

    @property
    def bi_snapshot_path(self) -> Path:
        return self.bi_dir / "revops.duckdb"

    @property
    def bi_parquet_dir(self) -> Path:
        return self.bi_dir / "parquet"

    @property
    def superset_dir(self) -> Path:
        """Superset's local metadata database, secret key and log (`revops bi`)."""
        return self.output_dir / "superset"

    @property
    def bi_venv(self) -> Path:
        """The BI tool's own virtualenv (requirements-bi.lock)."""
        return Path(os.environ.get("REVOPS_BI_VENV", self.project_dir / ".venv-bi"))

    @property
    def bi_schemas(self) -> list[str]:
        """The schemas BI may read (dbt var bi_schemas, also PostgreSQL's grants)."""
        import yaml

        path = self.project_dir / "dbt_project.yml"
        variables = (yaml.safe_load(path.read_text()) or {}).get("vars") or {}
        return [str(schema) for schema in variables["bi_schemas"]]

    def target_type(self, target: str | None) -> str:
        """The adapter type of a dbt target of profiles.yml (dev when not named)."""
        import yaml

        name = target or os.environ.get("REVOPS_TARGET") or "dev"
        profiles_dir = Path(os.environ.get("DBT_PROFILES_DIR", self.project_dir))
        profiles = yaml.safe_load((profiles_dir / "profiles.yml").read_text()) or {}
        outputs = (profiles.get("revops") or {}).get("outputs") or {}
        return str((outputs.get(name) or {}).get("type", "unknown"))

    @property
    def lock_path(self) -> Path:
        return self.output_dir / "revops-weekly.lock"

    @property
    def delivery_config_path(self) -> Path:
        """Who receives the published week (delivery.yml); nothing is sent without it."""
        override = os.environ.get("REVOPS_DELIVERY_CONFIG")
        return Path(override) if override else self.project_dir / "delivery.yml"

    @property
    def delivery_ledger_path(self) -> Path:
        """What was sent for which week and content: a re-run sends nothing twice."""
        return self.output_dir / "delivery" / "ledger.json"

    def relation(self, schema: str, name: str) -> str:
        """A warehouse relation's name as dbt creates it (see generate_schema_name)."""
        prefix = os.environ.get("REVOPS_SCHEMA_PREFIX", "")
        return f'"{prefix}{schema}"."{name}"'

    def project_var(self, name: str, default: str) -> str:
        """A var of dbt_project.yml (for example the reporting currency)."""
        import yaml

        path = self.project_dir / "dbt_project.yml"
        if not path.exists():
            return default
        variables = (yaml.safe_load(path.read_text()) or {}).get("vars") or {}
        value = variables.get(name)
        return default if value is None else str(value)


def selected_loader() -> str:
    """The loader profile (loaders/<name>.yml) raw data is read with: REVOPS_LOADER,
    else fivetran. dbt reads the same variable (var `loader` in dbt_project.yml)."""
    return os.environ.get("REVOPS_LOADER") or "fivetran"


def load_settings() -> Settings:
    root = project_root()
    duckdb_path = Path(os.environ.get("REVOPS_DUCKDB_PATH", "warehouse/revops.duckdb"))
    if not duckdb_path.is_absolute():
        duckdb_path = root / duckdb_path
    output_dir = Path(os.environ.get("REVOPS_OUTPUT_DIR", "output"))
    if not output_dir.is_absolute():
        output_dir = root / output_dir
    return Settings(
        project_dir=root,
        duckdb_path=duckdb_path,
        output_dir=output_dir,
        bi_storage_version=os.environ.get("REVOPS_BI_STORAGE_VERSION", DEFAULT_BI_STORAGE_VERSION),
    )


@dataclass(frozen=True)
class SmtpSettings:
    """The mail server, from the environment (secrets never live in a file here)."""

    host: str | None
    port: int
    user: str | None
    password: str | None
    starttls: bool
    sender: str
    timeout_seconds: float


def load_smtp_settings() -> SmtpSettings:
    """REVOPS_SMTP_HOST, _PORT (587), _USER, _PASSWORD, _STARTTLS (true), _FROM."""
    starttls = os.environ.get("REVOPS_SMTP_STARTTLS", "true").strip().lower()
    return SmtpSettings(
        host=os.environ.get("REVOPS_SMTP_HOST") or None,
        port=int(os.environ.get("REVOPS_SMTP_PORT", "587")),
        user=os.environ.get("REVOPS_SMTP_USER") or None,
        password=os.environ.get("REVOPS_SMTP_PASSWORD") or None,
        starttls=starttls not in {"false", "0", "no", "off"},
        sender=os.environ.get("REVOPS_SMTP_FROM", "revops-scorecard@localhost"),
        timeout_seconds=float(os.environ.get("REVOPS_SMTP_TIMEOUT", "30")),
    )
