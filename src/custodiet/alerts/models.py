"""Alerts raised by detection, their per-run history, and detection runs themselves.

An alert has a stable key (force + staff member + person looked up + rule family) so that
re-running detection updates the same alert, keeping its disposition and case links.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from custodiet.db import Base, UTCDateTime, utcnow

ALERT_STATUSES = ("new", "in_review", "closed")
DISPOSITIONS = ("substantiated", "explained", "false_positive")


class DetectionRun(Base):
    """One run of detection; alerts switch to a run only when it finishes."""

    __tablename__ = "detection_runs"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default="running")  # running|done|failed
    engine: Mapped[str] = mapped_column(String(16), default="duckdb")
    is_current: Mapped[bool] = mapped_column(Boolean, default=False)
    summary: Mapped[dict[str, object] | None] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(Text)


class Alert(Base):
    """A pattern of unexplained access by one staff member that an analyst should look at."""

    __tablename__ = "alerts"
    __table_args__ = (
        Index("ix_alerts_force_staff", "force", "staff_id"),
        Index("ix_alerts_status_score", "status", "score"),
        Index("ix_alerts_active_score", "active", "score"),
        # Workbench queue: covering indexes, so filtering, counting and sorting 100,000 alerts
        # never reads the (large) rows; only the page's rows are then loaded by id.
        Index(
            "ix_alerts_queue_status",
            "force",
            "status",
            "rule_family",
            "score",
            "first_seen_at",
            "updated_at",
            "staff_id",
        ),
        Index("ix_alerts_queue_score", "force", "score", "status", "rule_family", "staff_id"),
        Index("ix_alerts_score_id", "score", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    alert_key: Mapped[str] = mapped_column(String(64), unique=True)
    force: Mapped[str] = mapped_column(String(16))
    staff_id: Mapped[str] = mapped_column(String(64))
    rule_family: Mapped[str] = mapped_column(String(64))
    subject_nominal_id: Mapped[str | None] = mapped_column(String(128))  # None for breadth alerts
    score: Mapped[float] = mapped_column(Float, default=0.0)
    severity: Mapped[str] = mapped_column(String(16), default="medium")
    status: Mapped[str] = mapped_column(String(16), default="new")
    active: Mapped[bool] = mapped_column(Boolean, default=True)  # raised by the current run
    nominal_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    event_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    rule_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    narrative: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[dict[str, object] | None] = mapped_column(JSON)  # events, context, peers
    first_seen_run: Mapped[str | None] = mapped_column(String(40))
    last_seen_run: Mapped[str | None] = mapped_column(String(40))
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    disposition: Mapped[str | None] = mapped_column(String(32))
    disposition_reason: Mapped[str | None] = mapped_column(Text)
    disposition_by: Mapped[str | None] = mapped_column(String(120))
    disposition_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    assigned_to: Mapped[str | None] = mapped_column(String(120))

    history: Mapped[list[AlertHistory]] = relationship(
        back_populates="alert", cascade="all, delete-orphan", order_by="AlertHistory.id"
    )


class AlertHistory(Base):
    """The score and evidence of an alert as each detection run saw it."""

    __tablename__ = "alert_history"
    __table_args__ = (Index("ix_alert_history_alert", "alert_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"))
    run_id: Mapped[str] = mapped_column(String(40))
    score: Mapped[float] = mapped_column(Float)
    event_count: Mapped[int] = mapped_column(Integer)
    rule_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    alert: Mapped[Alert] = relationship(back_populates="history")


class Suppression(Base):
    """An explained pattern: detection stops raising alerts that match it."""

    __tablename__ = "suppressions"
    __table_args__ = (Index("ix_suppressions_force_staff", "force", "staff_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    force: Mapped[str] = mapped_column(String(16))
    staff_id: Mapped[str] = mapped_column(String(64))
    nominal_id: Mapped[str | None] = mapped_column(String(128))  # None: every person
    rule_family: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    source_alert_id: Mapped[int | None] = mapped_column(Integer)
    created_by: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
