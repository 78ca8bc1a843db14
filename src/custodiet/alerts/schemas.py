"""API shapes of alerts. People appear only as pseudonyms, never by record id."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from custodiet.alerts.models import Alert
from custodiet.pseudonym import pseudonym


class AlertSummary(BaseModel):
    """One row of the queue."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    force: str
    staff_id: str
    rule_family: str
    subject: str | None = Field(description="Pseudonym of the person looked up, if one.")
    score: float
    severity: str
    status: str
    active: bool
    disposition: str | None
    assigned_to: str | None
    first_seen_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, alert: Alert) -> AlertSummary:
        """The summary of an alert, with the person pseudonymised."""
        return cls(
            id=alert.id,
            force=alert.force,
            staff_id=alert.staff_id,
            rule_family=alert.rule_family,
            subject=pseudonym(alert.force, alert.subject_nominal_id)
            if alert.subject_nominal_id
            else None,
            score=alert.score,
            severity=alert.severity,
            status=alert.status,
            active=alert.active,
            disposition=alert.disposition,
            assigned_to=alert.assigned_to,
            first_seen_at=alert.first_seen_at,
            updated_at=alert.updated_at,
        )


class AlertPageOut(BaseModel):
    """A page of the queue with the counts by status."""

    items: list[AlertSummary]
    total: int
    page: int
    per_page: int
    counts: dict[str, int]


class PersonOut(BaseModel):
    """A person looked up, pseudonymised with markers."""

    pseudonym: str
    description: str
    events: int
    is_subject: bool


class AlertDetail(AlertSummary):
    """An alert with its narrative, reasons and pseudonymised people."""

    narrative: str
    reasons: list[str]
    rule_ids: list[str]
    people: list[PersonOut]
    disposition_reason: str | None
    disposition_by: str | None
    disposition_at: datetime | None
    event_count: int


class DispositionIn(BaseModel):
    """Closing an alert."""

    disposition: Literal["substantiated", "explained", "false_positive"]
    reason: str = Field("", max_length=4000)
