"""API shapes of intelligence reports."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict


class IntelligenceOut(BaseModel):
    """A graded intelligence report."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    reference: str
    force: str
    staff_id: str | None
    category: str
    source_evaluation: str
    intelligence_assessment: str
    handling_code: str
    handling_conditions: str | None
    summary: str
    content: str
    source_kind: str
    alert_id: int | None
    created_by: str | None
    created_at: datetime


class IntelligencePageOut(BaseModel):
    """A page of intelligence."""

    items: list[IntelligenceOut]
    total: int
    page: int
    per_page: int
