"""The force's vetting policy: level order, renewal periods, review due dates and owners.

Defaults follow the College of Policing Vetting APP; a force overrides any of them in
`vetting.toml` in the home (a `[force.CODE]` table overrides for one force only):

    due_soon_days = 90
    [renewal_years]        RV = 10, MV = 7, NPPV1 = 3, NPPV2 = 5, NPPV3 = 5, SC = 10, DV = 7
    [level_rank]           RV = 1, NPPV1 = 2, NPPV2 = 3, NPPV3 = 4, MV = 4, SC = 5, DV = 6
    [review_due_days]      circumstance_change = 30, post_move = 14, ...
    [review_owners]        default = "vetting unit", alert = "vetting unit", ...
    annual_integrity_review = false     annual_review_due = "03-31"
    designated_units = []  designated_roles = []
    alert_severities = ["high"]         lookback_days = 365

Level order (the `level_rank` default): police vetting runs RV < NPPV1 < NPPV2 < NPPV3;
Management Vetting is the police equivalent of NPPV3 (same rank: either satisfies a post
that needs the other); the national-security clearances SC and DV rank above them, DV
highest. A post is satisfied by any current clearance of equal or higher rank.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from custodiet.fdp.schema import VETTING_LEVELS

POLICY_FILE = "vetting.toml"

DEFAULT_RANK: dict[str, int] = {
    "RV": 1,
    "NPPV1": 2,
    "NPPV2": 3,
    "NPPV3": 4,
    "MV": 4,
    "SC": 5,
    "DV": 6,
}
DEFAULT_RENEWAL_YEARS: dict[str, int] = {
    "RV": 10,
    "MV": 7,
    "NPPV1": 3,
    "NPPV2": 5,
    "NPPV3": 5,
    "SC": 10,
    "DV": 7,
}
DEFAULT_DUE_DAYS: dict[str, int] = {
    "circumstance_change": 30,
    "post_move": 14,
    "designated_post": 14,
    "alert": 14,
    "intelligence": 14,
    "annual_integrity": 0,
}


class PolicyError(ValueError):
    """vetting.toml says something that cannot be used."""


@dataclass(frozen=True)
class VettingPolicy:
    """The effective policy for one force."""

    level_rank: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_RANK))
    renewal_years: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_RENEWAL_YEARS))
    due_soon_days: int = 90
    review_due_days: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_DUE_DAYS))
    review_owners: dict[str, str] = field(default_factory=lambda: {"default": "vetting unit"})
    annual_integrity_review: bool = False
    annual_review_due: str = "03-31"
    designated_units: tuple[str, ...] = ()
    designated_roles: tuple[str, ...] = ()
    alert_severities: tuple[str, ...] = ("high",)
    lookback_days: int = 365

    def rank(self, level: str | None) -> int:
        """The rank of a level; 0 for none or an unknown level."""
        return self.level_rank.get(level, 0) if level else 0

    def owner(self, trigger: str) -> str:
        """Who owns reviews raised by `trigger`."""
        return self.review_owners.get(trigger) or self.review_owners.get("default", "vetting unit")

    def due_days(self, trigger: str) -> int:
        """Days from the trigger to the review's due date."""
        return self.review_due_days.get(trigger, 30)

    def annual_due(self, year: int) -> date:
        """The due date of the annual integrity review in `year`."""
        month, day = (int(x) for x in self.annual_review_due.split("-"))
        return date(year, month, day)

    def is_designated(self, unit: str | None, role: str | None) -> bool:
        """Whether a post (unit, role) is designated by this policy's lists."""
        units = {u.casefold() for u in self.designated_units}
        roles = {r.casefold() for r in self.designated_roles}
        return bool((unit and unit.casefold() in units) or (role and role.casefold() in roles))

    def as_json(self) -> dict[str, Any]:
        """The policy as plain JSON."""
        return {
            "level_rank": self.level_rank,
            "renewal_years": self.renewal_years,
            "due_soon_days": self.due_soon_days,
            "review_due_days": self.review_due_days,
            "review_owners": self.review_owners,
            "annual_integrity_review": self.annual_integrity_review,
            "annual_review_due": self.annual_review_due,
            "designated_units": list(self.designated_units),
            "designated_roles": list(self.designated_roles),
            "alert_severities": list(self.alert_severities),
            "lookback_days": self.lookback_days,
        }


@dataclass(frozen=True)
class PolicySet:
    """The installation's policy and per-force overrides."""

    default: VettingPolicy = field(default_factory=VettingPolicy)
    forces: dict[str, VettingPolicy] = field(default_factory=dict)

    def for_force(self, force: str) -> VettingPolicy:
        """The effective policy of `force`."""
        return self.forces.get(force, self.default)


def _apply(base: VettingPolicy, raw: dict[str, Any], where: str) -> VettingPolicy:
    changes: dict[str, Any] = {}
    for key in ("level_rank", "renewal_years", "review_due_days"):
        if key in raw:
            table = raw[key]
            if not isinstance(table, dict) or not all(
                isinstance(v, int) and v >= 0 for v in table.values()
            ):
                raise PolicyError(f"{where}: [{key}] must map names to whole numbers")
            if key != "review_due_days":
                unknown = set(table) - set(VETTING_LEVELS)
                if unknown:
                    raise PolicyError(f"{where}: [{key}] has unknown level(s) {sorted(unknown)}")
            changes[key] = {**getattr(base, key), **table}
    if "review_owners" in raw:
        owners = {k: str(v) for k, v in raw["review_owners"].items()}
        changes["review_owners"] = {**base.review_owners, **owners}
    for key in ("due_soon_days", "lookback_days"):
        if key in raw:
            if not isinstance(raw[key], int) or raw[key] < 0:
                raise PolicyError(f"{where}: {key} must be a whole number of days")
            changes[key] = raw[key]
    if "annual_integrity_review" in raw:
        changes["annual_integrity_review"] = bool(raw["annual_integrity_review"])
    if "annual_review_due" in raw:
        value = str(raw["annual_review_due"])
        try:
            month, day = (int(x) for x in value.split("-"))
            date(2024, month, day)
        except ValueError as exc:
            raise PolicyError(f"{where}: annual_review_due must be MM-DD, not {value!r}") from exc
        changes["annual_review_due"] = value
    for key in ("designated_units", "designated_roles", "alert_severities"):
        if key in raw:
            changes[key] = tuple(str(v) for v in raw[key])
    return replace(base, **changes)


def load_policy(home: Path | None) -> PolicySet:
    """The policy in `home/vetting.toml`, or the defaults when there is none."""
    path = home / POLICY_FILE if home is not None else None
    if path is None or not path.is_file():
        return PolicySet()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{path}: {exc}") from exc
    forces_raw = raw.pop("force", {})
    default = _apply(VettingPolicy(), raw, str(path))
    forces = {
        code: _apply(default, table, f"{path} [force.{code}]") for code, table in forces_raw.items()
    }
    return PolicySet(default=default, forces=forces)
