"""custodiet's own audit trail: every change and every view of a person's data.

`audit_events` is append-only: the ORM refuses updates and deletes of its rows. It is also
tamper-evident: every row carries a sequence number and a SHA-256 hash of its content and of
the previous row's hash (see `custodiet.audit.chain`), so that changing, removing or
reordering a row breaks the chain from that row on.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column

from custodiet.db import Base, UTCDateTime, utcnow


class AuditEvent(Base):
    """Who did what, to which object, when, from where."""

    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_at", "at"),
        Index("ix_audit_events_object", "object_type", "object_id"),
        Index("ix_audit_events_actor_at", "actor", "at"),
        Index("ix_audit_events_subject", "force", "subject_staff_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str | None] = mapped_column(String(120))  # None: the system or anonymous
    actor_role: Mapped[str | None] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(40))  # view|list|create|update|reveal|login|...
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str | None] = mapped_column(String(128))
    force: Mapped[str | None] = mapped_column(String(16))
    subject_staff_id: Mapped[str | None] = mapped_column(String(64))  # whose data it was
    summary: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    ip: Mapped[str | None] = mapped_column(String(64))
    seq: Mapped[int | None] = mapped_column(Integer, unique=True)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str | None] = mapped_column(String(64))


class AuditChainHead(Base):
    """The end of the audit chain: the last sequence number and hash (one row, id 1).

    Updating it first thing when an event is recorded serialises concurrent writers (a row
    lock in PostgreSQL, the write lock in SQLite), so the chain never forks.
    """

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))


class PersonReveal(Base):
    """A pseudonymised person's record id was revealed to a user, for a stated reason."""

    __tablename__ = "person_reveals"
    __table_args__ = (
        Index("ix_person_reveals_case", "case_id"),
        Index("ix_person_reveals_alert", "alert_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revealed_by: Mapped[str] = mapped_column(String(120))
    force: Mapped[str] = mapped_column(String(16))
    nominal_id: Mapped[str] = mapped_column(String(128))
    pseudonym: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    alert_id: Mapped[int | None] = mapped_column(Integer)
    case_id: Mapped[int | None] = mapped_column(Integer)


class AppendOnlyError(RuntimeError):
    """An attempt to change or delete an audit record."""


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(PersonReveal, "before_update")
def _refuse_update(_mapper: Any, _connection: Any, target: Any) -> None:
    raise AppendOnlyError(f"{type(target).__name__} rows are append-only")


@event.listens_for(AuditEvent, "before_delete")
@event.listens_for(PersonReveal, "before_delete")
def _refuse_delete(_mapper: Any, _connection: Any, target: Any) -> None:
    raise AppendOnlyError(f"{type(target).__name__} rows are append-only")
