"""RevOps warehouse: data generator, landing, dbt orchestration and scorecard."""

__version__ = "0.1.0"
