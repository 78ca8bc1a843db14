"""Vetting aftercare in the operational store: workbench clearances and review tasks.

Clearances supplied in a package's vetting.csv live in the lake; the vetting officer's own
decisions (a renewal granted, a clearance suspended or withdrawn) are recorded here and
take precedence over the lake's row with the same force, staff_id, level and granted date.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from custodiet.db import Base, UTCDateTime, utcnow

REVIEW_TRIGGERS = (
    "circumstance_change",
    "post_move",
    "designated_post",
    "alert",
    "intelligence",
    "annual_integrity",
)
REVIEW_STATUSES = ("open", "decided")
DECISIONS = ("continue", "conditions", "suspend", "withdraw")


class VettingClearance(Base):
    """A clearance granted or changed on the workbench (overrides the lake's same-key row)."""

    __tablename__ = "vetting_clearances"
    __table_args__ = (
        Index("ix_vetting_clearances_force_staff", "force", "staff_id"),
        Index("uq_vetting_clearances_key", "force", "staff_id", "level", "granted", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    force: Mapped[str] = mapped_column(String(16))
    staff_id: Mapped[str] = mapped_column(String(64))
    level: Mapped[str] = mapped_column(String(8))
    granted: Mapped[date] = mapped_column(Date)
    expires: Mapped[date | None] = mapped_column(Date)
    # active | lapsed | withdrawn | refused | suspended
    status: Mapped[str] = mapped_column(String(16), default="active")
    reason: Mapped[str | None] = mapped_column(Text)
    review_id: Mapped[int | None] = mapped_column(Integer)
    recorded_by: Mapped[str | None] = mapped_column(String(120))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class VettingReview(Base):
    """An aftercare review task: why it was raised, by when, whose, and what was decided."""

    __tablename__ = "vetting_reviews"
    __table_args__ = (
        Index("ix_vetting_reviews_force_staff", "force", "staff_id"),
        Index("ix_vetting_reviews_status_due", "status", "due_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # Stable identity of the trigger, so raising again never duplicates a review.
    review_key: Mapped[str] = mapped_column(String(255), unique=True)
    force: Mapped[str] = mapped_column(String(16))
    staff_id: Mapped[str] = mapped_column(String(64))
    trigger: Mapped[str] = mapped_column(String(32))
    trigger_ref: Mapped[str] = mapped_column(String(160))
    trigger_date: Mapped[date] = mapped_column(Date)
    detail: Mapped[str] = mapped_column(Text, default="")
    due_date: Mapped[date] = mapped_column(Date)
    owner: Mapped[str] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(16), default="open")
    decision: Mapped[str | None] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    conditions: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(String(120))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
