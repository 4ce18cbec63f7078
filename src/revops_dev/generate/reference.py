"""Reference values: stage names and channel values from the project's seeds, and vocabularies."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from revops.config import project_root

# HubSpot original source -> (share of new leads, Salesforce lead_source values)
CHANNELS: tuple[str, ...] = (
    "ORGANIC_SEARCH",
    "PAID_SEARCH",
    "PAID_SOCIAL",
    "SOCIAL_MEDIA",
    "EMAIL_MARKETING",
    "REFERRALS",
    "DIRECT_TRAFFIC",
    "OFFLINE",
    "OTHER_CAMPAIGNS",
)
CHANNEL_SHARE = (0.24, 0.17, 0.14, 0.07, 0.06, 0.08, 0.12, 0.06, 0.06)
CHANNEL_SF_SOURCE: dict[str, tuple[str, ...]] = {
    "ORGANIC_SEARCH": ("Organic Search",),
    "PAID_SEARCH": ("Paid Search",),
    "PAID_SOCIAL": ("Paid Social",),
    "SOCIAL_MEDIA": ("Social",),
    "EMAIL_MARKETING": ("Email",),
    "REFERRALS": ("Referral", "Referral", "Partner"),
    "DIRECT_TRAFFIC": ("Web",),
    "OFFLINE": ("Event", "Trade Show"),
    "OTHER_CAMPAIGNS": ("Other",),
}
# Quality by channel: churn hazard, NPS shift, ticket rate, expansion propensity
CHURN_FACTOR = (0.5, 1.0, 2.6, 1.1, 1.0, 0.4, 0.9, 0.8, 2.3)
NPS_SHIFT = (0.8, 0.0, -2.2, 0.0, 0.2, 1.2, 0.3, 0.4, -1.8)
TICKET_FACTOR = (0.8, 1.0, 1.9, 1.0, 1.0, 0.8, 1.0, 1.0, 1.7)
EXPANSION_FACTOR = (1.3, 1.0, 0.6, 0.9, 1.0, 1.5, 1.0, 1.1, 0.6)
SOURCE_DETAIL: dict[str, tuple[str, ...]] = {
    "ORGANIC_SEARCH": ("google", "bing", "duckduckgo", "ecosia"),
    "PAID_SEARCH": ("brand-search", "generic-crm-search", "competitor-terms"),
    "PAID_SOCIAL": ("linkedin-abm", "facebook-retargeting", "linkedin-leadgen"),
    "SOCIAL_MEDIA": ("linkedin.com", "twitter.com", "reddit.com", "youtube.com"),
    "EMAIL_MARKETING": ("newsletter", "nurture-sequence", "product-update"),
    "REFERRALS": ("g2.com", "capterra.com", "partner-portal", "techcrunch.com"),
    "DIRECT_TRAFFIC": ("",),
    "OFFLINE": ("import", "saastr-2025", "webinar-list", "trade-show-badge-scan"),
    "OTHER_CAMPAIGNS": ("sponsored-newsletter", "podcast-ad", "affiliate"),
}

SEGMENTS = ("SMB", "Mid-Market", "Enterprise")

COUNTRIES = (
    "United States",
    "United Kingdom",
    "Germany",
    "France",
    "Netherlands",
    "Spain",
    "Ireland",
    "Canada",
    "Australia",
)
COUNTRY_SHARE = (0.52, 0.13, 0.1, 0.06, 0.04, 0.03, 0.03, 0.05, 0.04)
COUNTRY_CURRENCY = ("USD", "GBP", "EUR", "EUR", "EUR", "EUR", "EUR", "USD", "USD")
CURRENCIES = ("USD", "EUR", "GBP")

INDUSTRIES = (
    "Software",
    "Financial Services",
    "Healthcare",
    "Retail",
    "Manufacturing",
    "Education",
    "Media",
    "Logistics",
    "Professional Services",
    "Telecommunications",
)
FIRST_NAMES = (
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "John",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Charles",
    "Karen",
    "Daniel",
    "Lisa",
    "Matthew",
    "Nancy",
    "Anthony",
    "Sandra",
    "Mark",
    "Ashley",
    "Paul",
    "Emily",
    "Steven",
    "Laura",
    "Andrew",
    "Anna",
    "Lukas",
    "Sophie",
    "Jonas",
    "Emma",
    "Oliver",
    "Amelia",
    "Hugo",
    "Chloe",
    "Lucas",
    "Ines",
    "Pablo",
    "Lucia",
    "Sean",
    "Aoife",
    "Liam",
    "Olivia",
    "Noah",
    "Mia",
    "Priya",
    "Arjun",
    "Wei",
    "Mei",
    "Omar",
    "Fatima",
    "Kenji",
    "Yuki",
)
LAST_NAMES = (
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Martinez",
    "Lopez",
    "Wilson",
    "Anderson",
    "Taylor",
    "Thomas",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Green",
    "Baker",
    "Adams",
    "Nelson",
    "Hill",
    "Campbell",
    "Mitchell",
    "Mueller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Dubois",
    "Laurent",
    "Bernard",
    "Jansen",
    "de Vries",
    "Murphy",
    "Kelly",
    "O'Brien",
    "Fernandez",
    "Ruiz",
    "Patel",
    "Shah",
    "Chen",
    "Wang",
    "Tanaka",
    "Sato",
    "Khan",
    "Novak",
    "Rossi",
)
TITLES = (
    "VP Sales",
    "Head of Revenue Operations",
    "CFO",
    "Sales Manager",
    "Account Executive",
    "Marketing Manager",
    "CMO",
    "Operations Analyst",
    "CEO",
    "Founder",
    "IT Director",
    "Customer Success Manager",
    "Data Analyst",
    "Controller",
    "Director of Sales",
)
NAME_A = (
    "Blue",
    "North",
    "Bright",
    "Silver",
    "Green",
    "Red",
    "Iron",
    "Quantum",
    "Summit",
    "Pioneer",
    "Cedar",
    "Harbor",
    "Atlas",
    "Nova",
    "Vertex",
    "Apex",
    "Crimson",
    "Golden",
    "Swift",
    "Clear",
    "Stone",
    "Maple",
    "Orbit",
    "Lumen",
    "Delta",
    "Echo",
    "Falcon",
    "Granite",
    "Horizon",
    "Polar",
)
NAME_B = (
    "Peak",
    "River",
    "Field",
    "Wave",
    "Bridge",
    "Forge",
    "Labs",
    "Works",
    "Logic",
    "Point",
    "Path",
    "Shift",
    "Stack",
    "Grid",
    "Loop",
    "Mesh",
    "Spark",
    "Scale",
    "Craft",
    "Flow",
)
NAME_SUFFIX = ("Inc.", "LLC", "Ltd", "GmbH", "Group", "Technologies", "Systems", "Partners")
FREE_MAIL = (
    "gmail.com",
    "outlook.com",
    "yahoo.com",
    "hotmail.com",
    "icloud.com",
    "gmx.de",
    "proton.me",
    "aol.com",
)
COMPANY_DOMAIN = "northwindcloud.io"


@dataclass(frozen=True)
class Stage:
    name: str
    order: int
    probability: int
    is_closed: bool
    is_won: bool
    origins: tuple[str, ...] = ()


# The stage mapping seed holds several orgs' stages (Salesforce's defaults and
# the demo's); the generated org walks the stages of this origin.
DEMO_ORIGIN = "demo"


@cache
def stages() -> tuple[Stage, ...]:
    """The CRM stages, exactly as the project's stage mapping seed names them."""
    path = project_root() / "seeds" / "reference" / "crm_stage_mapping.csv"
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    return tuple(
        Stage(
            row["stage_name"],
            int(row["stage_order"]),
            int(float(row["default_probability"])),
            row["is_closed"].strip().lower() == "true",
            row["is_won"].strip().lower() == "true",
            tuple((row.get("origin") or DEMO_ORIGIN).split()),
        )
        for row in sorted(rows, key=lambda r: int(r["stage_order"]))
    )


def org_stages() -> list[Stage]:
    """The generated org's stages: those of origin 'demo', in stage order."""
    return [stage for stage in stages() if DEMO_ORIGIN in stage.origins]


@cache
def lead_sources() -> frozenset[str]:
    path = project_root() / "seeds" / "reference" / "channel_mapping.csv"
    with path.open(newline="") as handle:
        return frozenset(
            row["source_value"]
            for row in csv.DictReader(handle)
            if row["source_system"] == "salesforce"
        )


def open_stages() -> list[Stage]:
    found = [stage for stage in org_stages() if not stage.is_closed]
    if not found:
        raise ValueError(
            "seeds/reference/crm_stage_mapping.csv has no open stage of origin "
            f"'{DEMO_ORIGIN}': the generator needs at least one to walk deals through"
        )
    return found


def won_stage() -> Stage:
    return _closed_stage(won=True)


def lost_stage() -> Stage:
    return _closed_stage(won=False)


def _closed_stage(won: bool) -> Stage:
    for stage in org_stages():
        if stage.is_closed and stage.is_won == won:
            return stage
    raise ValueError(
        f"seeds/reference/crm_stage_mapping.csv has no {'won' if won else 'lost'} stage of "
        f"origin '{DEMO_ORIGIN}'"
    )


# Forecast category along the open stages, from first to last: a stage takes
# the category at its relative position (five open stages: one each).
FORECAST_BY_POSITION = ("Pipeline", "Pipeline", "Pipeline", "Best Case", "Commit")


def relative_position(index: int, count: int, positions: int) -> int:
    """Where the index-th of `count` open stages falls on a scale of `positions`
    (the demo's five open stages map onto themselves)."""
    if count <= 1:
        return positions - 1
    return int(index * (positions - 1) / (count - 1) + 0.5)


def forecast_category(stage: Stage) -> str | None:
    if stage.is_closed:
        return "Closed" if stage.is_won else "Omitted"
    names = [open_stage.name for open_stage in open_stages()]
    if stage.name not in names:
        return "Pipeline"  # a stage of another origin: never generated
    position = relative_position(names.index(stage.name), len(names), len(FORECAST_BY_POSITION))
    return FORECAST_BY_POSITION[position]
