"""Corruption intelligence: graded reports (3x5x2) in the national corruption categories."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from custodiet.db import Base, UTCDateTime, utcnow

SOURCE_EVALUATIONS: dict[str, str] = {
    "1": "Reliable",
    "2": "Untested",
    "3": "Not reliable",
}
INTELLIGENCE_ASSESSMENTS: dict[str, str] = {
    "A": "Known directly to the source",
    "B": "Known indirectly to the source but corroborated",
    "C": "Known indirectly to the source",
    "D": "Not known",
    "E": "Suspected to be false",
}
HANDLING_CODES: dict[str, str] = {
    "P": "Lawful sharing permitted",
    "C": "Lawful sharing permitted subject to conditions",
}


class IntelligenceReport(Base):
    """One graded piece of corruption intelligence about a staff member (or none yet)."""

    __tablename__ = "intelligence_reports"
    __table_args__ = (
        Index("ix_intelligence_force_staff", "force", "staff_id"),
        Index("ix_intelligence_alert", "alert_id"),
        Index("ix_intelligence_created", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    force: Mapped[str] = mapped_column(String(16))
    staff_id: Mapped[str | None] = mapped_column(String(64))
    category: Mapped[str] = mapped_column(String(40))
    source_evaluation: Mapped[str] = mapped_column(String(1))
    intelligence_assessment: Mapped[str] = mapped_column(String(1))
    handling_code: Mapped[str] = mapped_column(String(1))
    handling_conditions: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(String(300))
    content: Mapped[str] = mapped_column(Text, default="")
    source_kind: Mapped[str] = mapped_column(String(40), default="audit_analysis")
    alert_id: Mapped[int | None] = mapped_column(Integer)
    case_id: Mapped[int | None] = mapped_column(Integer)
    created_by: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
