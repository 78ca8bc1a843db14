"""The shape of the return: the inspectorate's figures, monitoring coverage and vetting.

The first six fields of `ForceReturn` are the contract (keys exactly as named); the rest
add context alongside them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

AUDIENCES = ("force", "national")


class Personnel(BaseModel):
    """Distinct people (force + staff_id) with at least one allegation, by staff type."""

    model_config = ConfigDict(extra="forbid")

    total: int = 0
    officer: int = 0
    special_constable: int = 0
    pcso: int = 0
    staff: int = 0
    volunteer: int = 0


class Forces(BaseModel):
    """Forces in the home (or the one asked for) and how many have allegations."""

    model_config = ConfigDict(extra="forbid")

    total: int = 0
    with_allegations: int = 0


class TimeToRefer(BaseModel):
    """Days from the referral trigger (else receipt) to the referral to the IOPC."""

    referred: int = 0
    median_days: float | None = None
    mean_days: float | None = None
    max_days: int | None = None
    within_deadline: int = 0  # by the end of the day after the trigger
    late: int = 0


class Dismissals(BaseModel):
    """Allegations set against dismissals."""

    allegations: int = 0
    dismissed: int = 0
    share: float | None = None
    personnel_dismissed: int = 0


class ForceFigures(BaseModel):
    """One force's headline figures (aggregates only)."""

    force: str
    name: str | None = None
    allegations: int = 0
    personnel: int = 0
    referred: int = 0
    dismissed: int = 0
    domestic_abuse_victim: int = 0


class LateReferral(BaseModel):
    """A referral made after the deadline, or a mandatory one not made (force view only)."""

    force: str
    allegation: str
    category: str
    received: date
    referred: date | None
    days: int | None


class FeedGap(BaseModel):
    """Consecutive days without events where there should have been some."""

    start: date
    end: date
    days: int


class SystemCoverage(BaseModel):
    """One system's audit feed over the covered period."""

    system_id: str
    name: str | None = None
    category: str | None = None
    audit_feed: bool | None = None
    listed: bool = True
    events: int = 0
    days_with_events: int = 0
    covered_days: int = 0
    events_per_day: float = 0.0
    typical_active_day: float = 0.0
    daily_expected: bool = False
    gaps: list[FeedGap] = Field(default_factory=list)
    gap_days: int = 0
    daily: list[int] = Field(default_factory=list)


class ForceCoverage(BaseModel):
    """A force's IT monitoring coverage."""

    force: str
    name: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    covered_days: int = 0
    systems: list[SystemCoverage] = Field(default_factory=list)
    no_audit_feed: list[str] = Field(default_factory=list)
    feed_declared_but_silent: list[str] = Field(default_factory=list)
    events_from_unlisted_systems: list[str] = Field(default_factory=list)
    gap_days: int = 0


class ForceVetting(BaseModel):
    """Share of serving people in posts needing vetting who hold that level."""

    force: str
    supplied: bool = False
    in_vetted_posts: int = 0
    compliant: int = 0
    share: float | None = None


class VettingCompliance(BaseModel):
    """Vetting compliance over the forces that supplied vetting, and per force."""

    as_of: date
    in_vetted_posts: int = 0
    compliant: int = 0
    share: float | None = None
    by_force: list[ForceVetting] = Field(default_factory=list)


class ForceReturn(BaseModel):
    """The return for a period: allegations, people, victims, referrals, outcomes, forces."""

    allegations: int
    personnel: Personnel
    victim_markers: dict[str, int]
    referred: int
    outcomes: dict[str, int]
    forces: Forces
    # -- alongside the contract ------------------------------------------------------------
    period: dict[str, date]
    category: str | None = None
    force: str | None = None
    audience: str = "force"
    generated_at: datetime
    referred_share: float | None = None
    victim_marker_shares: dict[str, float] = Field(default_factory=dict)
    personnel_unknown_type: int = 0
    open_allegations: int = 0
    by_category: dict[str, int] = Field(default_factory=dict)
    time_to_refer: TimeToRefer = Field(default_factory=TimeToRefer)
    mandatory_not_referred: int = 0
    dismissals: Dismissals = Field(default_factory=Dismissals)
    by_force: list[ForceFigures] = Field(default_factory=list)
    forces_without_allegations: list[str] = Field(default_factory=list)
    late_referrals: list[LateReferral] = Field(default_factory=list)
    monitoring: list[ForceCoverage] = Field(default_factory=list)
    vetting_compliance: VettingCompliance | None = None

    def as_json(self) -> dict[str, Any]:
        """JSON-ready dict (dates as ISO strings)."""
        return self.model_dump(mode="json")
