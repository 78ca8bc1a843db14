"""Cases (investigations) and allegations: the PSD's register.

Allegations come from the workbench or from a package's allegations.csv (synced after
import). Abuse of position for a sexual purpose (APSP) must always be referred to the IOPC.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from custodiet.db import Base, UTCDateTime, utcnow

SEVERITIES = (
    "no_case_to_answer",
    "practice_requiring_improvement",
    "misconduct",
    "gross_misconduct",
)
CASE_STATUSES = ("open", "concluded")
MANDATORY_REFERRAL_CATEGORIES = ("apsp",)


class Case(Base):
    """An investigation into one or more staff members."""

    __tablename__ = "cases"
    __table_args__ = (Index("ix_cases_force_status", "force", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    force: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(24), default="open")  # open|concluded
    severity: Mapped[str | None] = mapped_column(String(40))
    restricted: Mapped[bool] = mapped_column(Boolean, default=False)
    assigned_to: Mapped[str | None] = mapped_column(String(120))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[str | None] = mapped_column(String(120))
    source_alert_id: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[str | None] = mapped_column(Text)
    severity_assessed_by: Mapped[str | None] = mapped_column(String(120))
    severity_assessed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    allegations: Mapped[list[Allegation]] = relationship(back_populates="case")
    subjects: Mapped[list[CaseSubject]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseSubject.id"
    )
    members: Mapped[list[CaseMember]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseMember.id"
    )
    alert_links: Mapped[list[CaseAlert]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseAlert.id"
    )


class CaseSubject(Base):
    """A staff member under investigation in a case (force + staff_id)."""

    __tablename__ = "case_subjects"
    __table_args__ = (
        Index("ix_case_subjects_person", "force", "staff_id"),
        Index("uq_case_subjects_case_person", "case_id", "force", "staff_id", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    force: Mapped[str] = mapped_column(String(16))
    staff_id: Mapped[str] = mapped_column(String(64))
    added_by: Mapped[str | None] = mapped_column(String(120))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    case: Mapped[Case] = relationship(back_populates="subjects")


class CaseMember(Base):
    """A user named on a restricted case: only named users may see a restricted case."""

    __tablename__ = "case_members"
    __table_args__ = (Index("uq_case_members_case_user", "case_id", "username", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    username: Mapped[str] = mapped_column(String(120))
    added_by: Mapped[str | None] = mapped_column(String(120))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    case: Mapped[Case] = relationship(back_populates="members")


class CaseAlert(Base):
    """An alert that a case was opened from or linked to."""

    __tablename__ = "case_alerts"
    __table_args__ = (
        Index("uq_case_alerts_case_alert", "case_id", "alert_id", unique=True),
        Index("ix_case_alerts_alert", "alert_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    alert_id: Mapped[int] = mapped_column(Integer)
    linked_by: Mapped[str | None] = mapped_column(String(120))
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    case: Mapped[Case] = relationship(back_populates="alert_links")


class Allegation(Base):
    """One allegation against one staff member (force + staff_id)."""

    __tablename__ = "allegations"
    __table_args__ = (
        Index("ix_allegations_force_staff", "force", "staff_id"),
        Index("ix_allegations_received", "received"),
        Index("uq_allegations_force_external", "force", "external_id", unique=True),
        Index("ix_allegations_case", "case_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    force: Mapped[str] = mapped_column(String(16))
    staff_id: Mapped[str] = mapped_column(String(64))
    external_id: Mapped[str | None] = mapped_column(String(64))  # allegation_id from a package
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    origin: Mapped[str] = mapped_column(String(16), default="workbench")  # workbench|import
    received: Mapped[date] = mapped_column(Date)
    category: Mapped[str] = mapped_column(String(40))
    source: Mapped[str | None] = mapped_column(String(120))
    victim_markers: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The date it became clear that the matter must be referred; deadline is end of next day.
    referral_trigger_date: Mapped[date | None] = mapped_column(Date)
    referred_to_iopc: Mapped[date | None] = mapped_column(Date)
    iopc_mode: Mapped[str | None] = mapped_column(String(40))
    outcome: Mapped[str | None] = mapped_column(String(40))
    outcome_date: Mapped[date | None] = mapped_column(Date)
    barred_list_notified: Mapped[date | None] = mapped_column(Date)
    # Referral required for another reason than the category (e.g. serious corruption).
    referral_required: Mapped[bool] = mapped_column(Boolean, default=False)
    iopc_reference: Mapped[str | None] = mapped_column(String(64))
    iopc_decision_date: Mapped[date | None] = mapped_column(Date)
    details: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    case: Mapped[Case | None] = relationship(back_populates="allegations")
