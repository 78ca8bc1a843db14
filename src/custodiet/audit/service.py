"""Recording and reading the audit trail. Record functions add rows; they never commit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from custodiet.audit.chain import link
from custodiet.audit.models import AuditEvent, PersonReveal
from custodiet.db import utcnow
from custodiet.users.principal import Principal


def record(
    session: Session,
    *,
    actor: Principal | None,
    action: str,
    object_type: str,
    object_id: str | int | None = None,
    force: str | None = None,
    subject_staff_id: str | None = None,
    summary: str = "",
    details: dict[str, Any] | None = None,
    ip: str | None = None,
    actor_name: str | None = None,
) -> AuditEvent:
    """Append one audit event (added to the session, committed by the caller)."""
    row = AuditEvent(
        at=utcnow(),
        actor=actor.username if actor else actor_name,
        actor_role=actor.role if actor else None,
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        force=force,
        subject_staff_id=subject_staff_id,
        summary=summary[:2000],
        details=details,
        ip=ip,
    )
    link(session, row)
    session.add(row)
    return row


@dataclass(frozen=True)
class AuditFilter:
    """Filters of the audit trail page."""

    actor: str | None = None
    action: str | None = None
    object_type: str | None = None
    object_id: str | None = None
    subject_staff_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def _filtered(query: Select[Any], flt: AuditFilter) -> Select[Any]:
    if flt.actor:
        query = query.where(AuditEvent.actor == flt.actor)
    if flt.action:
        query = query.where(AuditEvent.action == flt.action)
    if flt.object_type:
        query = query.where(AuditEvent.object_type == flt.object_type)
    if flt.object_id:
        query = query.where(AuditEvent.object_id == flt.object_id)
    if flt.subject_staff_id:
        query = query.where(AuditEvent.subject_staff_id == flt.subject_staff_id)
    if flt.since:
        query = query.where(AuditEvent.at >= flt.since)
    if flt.until:
        query = query.where(AuditEvent.at < flt.until)
    return query


def list_events(
    session: Session, *, flt: AuditFilter, before_id: int | None = None, limit: int = 100
) -> list[AuditEvent]:
    """Audit events, newest first, keyset-paginated by id."""
    query = _filtered(select(AuditEvent), flt)
    if before_id is not None:
        query = query.where(AuditEvent.id < before_id)
    return list(session.scalars(query.order_by(AuditEvent.id.desc()).limit(limit)))


def count_events(session: Session, *, flt: AuditFilter) -> int:
    """How many audit events match."""
    query = _filtered(select(func.count()).select_from(AuditEvent), flt)
    return int(session.scalar(query) or 0)


def events_for_object(
    session: Session, *, object_type: str, object_id: str | int, limit: int = 200
) -> Sequence[AuditEvent]:
    """The trail of one object (e.g. an alert's changes), oldest first."""
    query = (
        select(AuditEvent)
        .where(AuditEvent.object_type == object_type, AuditEvent.object_id == str(object_id))
        .where(AuditEvent.action.not_in(("view", "list")))
        .order_by(AuditEvent.id)
        .limit(limit)
    )
    return list(session.scalars(query))


def record_reveal(
    session: Session,
    *,
    actor: Principal,
    force: str,
    nominal_id: str,
    pseudonym: str,
    reason: str,
    alert_id: int | None = None,
    case_id: int | None = None,
    ip: str | None = None,
) -> PersonReveal:
    """Record that a pseudonymised person's id was revealed, and why (and audit it)."""
    reveal = PersonReveal(
        revealed_by=actor.username,
        force=force,
        nominal_id=nominal_id,
        pseudonym=pseudonym,
        reason=reason,
        alert_id=alert_id,
        case_id=case_id,
    )
    session.add(reveal)
    record(
        session,
        actor=actor,
        action="reveal",
        object_type="nominal",
        object_id=f"{force}:{nominal_id}",
        force=force,
        summary=f"revealed {pseudonym}: {reason}",
        details={"alert_id": alert_id, "case_id": case_id, "reason": reason},
        ip=ip,
    )
    return reveal


def reveals_for(
    session: Session, *, alert_ids: Sequence[int] = (), case_id: int | None = None
) -> list[PersonReveal]:
    """Reveals made on these alerts or this case, oldest first."""
    conditions: list[ColumnElement[bool]] = []
    if alert_ids:
        conditions.append(PersonReveal.alert_id.in_(list(alert_ids)))
    if case_id is not None:
        conditions.append(PersonReveal.case_id == case_id)
    if not conditions:
        return []
    query = select(PersonReveal).where(or_(*conditions)).order_by(PersonReveal.id)
    return list(session.scalars(query))
