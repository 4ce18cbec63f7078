"""Synthetic raw data for Northwind Cloud, a fictional B2B SaaS company.

`generate(scale, seed)` returns every raw table of the contract it lands
(`revops.raw_contract`) as Arrow tables; `write_landing` writes a landing folder
(Parquet or CSV), `write_demo_seeds` the dbt demo seeds, and `main_generate`
does it all for the CLI with timing and memory figures. Same scale and seed,
same bytes. See `hubspot` for the email volume formula.
"""

from revops_dev.generate.runner import generate, generated_tables, iter_tables, main_generate
from revops_dev.generate.writers import write_demo_seeds, write_landing

__all__ = [
    "generate",
    "generated_tables",
    "iter_tables",
    "main_generate",
    "write_demo_seeds",
    "write_landing",
]
