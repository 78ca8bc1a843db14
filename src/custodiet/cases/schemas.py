"""API shapes of cases and allegations."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict


class AllegationOut(BaseModel):
    """One allegation with its referral state."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    force: str
    staff_id: str
    received: date
    category: str
    source: str | None
    victim_markers: list[str]
    referral_required: bool
    referral_trigger_date: date | None
    referral_deadline: date | None = None
    referral_state: str = ""
    referred_to_iopc: date | None
    iopc_mode: str | None
    outcome: str | None
    outcome_date: date | None
    barred_list_notified: date | None


class CaseSummary(BaseModel):
    """One row of the case list."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    reference: str
    force: str
    title: str
    status: str
    severity: str | None
    restricted: bool
    assigned_to: str | None
    opened_at: datetime
    subjects: list[str]


class CaseDetail(CaseSummary):
    """A case with its allegations."""

    summary: str | None
    allegations: list[AllegationOut]
    alert_ids: list[int]


class CasePageOut(BaseModel):
    """A page of cases."""

    items: list[CaseSummary]
    total: int
    page: int
    per_page: int
