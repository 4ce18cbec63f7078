"""One place for paths and settings; everything else asks here."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


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
    def lock_path(self) -> Path:
        return self.output_dir / "revops-weekly.lock"

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
    return Settings(project_dir=root, duckdb_path=duckdb_path, output_dir=output_dir)
