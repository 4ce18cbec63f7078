"""Superset settings for the RevOps BI tool: local, offline, read-only on the marts.

`revops bi` sets the environment this file reads; nothing here is a secret.
"""

import os

# The metadata database (users, charts, dashboards): a local SQLite file.
SQLALCHEMY_DATABASE_URI = "sqlite:///" + os.environ["REVOPS_SUPERSET_METADATA_DB"]
# Generated once per machine by `revops bi` and kept beside the metadata database.
SECRET_KEY = os.environ["SUPERSET_SECRET_KEY"]

# Nothing leaves the machine: no map tiles, no thumbnails or reports (they
# need a worker and a browser), caches and rate limits in this process.
MAPBOX_API_KEY = ""
FEATURE_FLAGS = {
    "THUMBNAILS": False,
    "ALERT_REPORTS": False,
    "DASHBOARD_RBAC": False,
    # Charts pick "the latest week" with a sub-query on the mart itself.
    "ALLOW_ADHOC_SUBQUERY": True,
}
CACHE_CONFIG = {"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": 300}
DATA_CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}  # a new snapshot shows at once
RATELIMIT_STORAGE_URI = "memory://"
# No example data, no telemetry.
SUPERSET_LOAD_EXAMPLES = False
ENABLE_TELEMETRY = False
SCARF_ANALYTICS = False
# The BI user reads; the snapshot and bi_reader refuse writes anyway.
PREVENT_UNSAFE_DB_CONNECTIONS = True
ROW_LIMIT = 50000


def _this_machine_only(policy: dict) -> dict:
    """Superset's content security policy less every outside host: its page
    embeds a telemetry pixel and allows map, font and documentation hosts;
    the browser now refuses to fetch them."""
    kept = {}
    for directive, sources in policy.items():
        if isinstance(sources, list):
            sources = [s for s in sources if s.startswith("'") or s.endswith(":")]
        kept[directive] = sources
    return kept


def _local_talisman(config: dict) -> dict:
    config = dict(config)
    config["content_security_policy"] = _this_machine_only(config["content_security_policy"])
    return config


# superset.config is being loaded when it reads this file: its defaults exist.
from superset.config import TALISMAN_CONFIG as _DEFAULT_TALISMAN  # noqa: E402

TALISMAN_ENABLED = True
TALISMAN_CONFIG = _local_talisman(_DEFAULT_TALISMAN)
TALISMAN_DEV_CONFIG = TALISMAN_CONFIG
