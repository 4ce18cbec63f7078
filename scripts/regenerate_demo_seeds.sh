#!/usr/bin/env bash
# Regenerate the committed demo landing data (scale 1, seed 42) as dbt seeds.
# Run after changing the generator; commit the result with the change.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf seeds/raw
.venv/bin/revops generate --scale 1 --seed 42 --out seeds/raw --format seeds
