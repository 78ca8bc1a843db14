"""The alert queue: scoped listing, counts, detail, and dispositions that feed detection.

Every function takes the viewer and applies their scope: their force (if they have one),
and never alerts about themselves. Functions never commit; the caller owns the transaction.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, not_, select
from sqlalchemy.orm import Session, defer

from custodiet.alerts.models import ALERT_STATUSES, DISPOSITIONS, Alert, AlertHistory, Suppression
from custodiet.audit.service import record
from custodiet.db import utcnow
from custodiet.users.permissions import ALERTS_TRIAGE, ALERTS_VIEW
from custodiet.users.principal import AccessDenied, InvalidInput, NotFound, Principal

OPEN_STATUSES = ("new", "in_review")
STATUS_FILTERS = ("open", *ALERT_STATUSES, "all")
SORTS: dict[str, str] = {
    "score": "Highest score",
    "newest": "Newest first",
    "updated": "Recently updated",
    "staff": "Staff member",
}
PAGE_SIZES = (25, 50, 100)


@dataclass(frozen=True)
class AlertFilter:
    """What the queue shows."""

    status: str = "open"
    force: str | None = None
    rule_family: str | None = None
    min_score: float | None = None
    staff_id: str | None = None
    active_only: bool = False


@dataclass(frozen=True)
class AlertPage:
    """One page of the queue."""

    items: list[Alert]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        """How many pages there are."""
        return max(1, -(-self.total // self.per_page))


def scope_conditions(viewer: Principal) -> list[ColumnElement[bool]]:
    """Conditions every alert query gets for this viewer: force, and never themselves."""
    conditions: list[ColumnElement[bool]] = []
    if viewer.force is not None:
        conditions.append(Alert.force == viewer.force)
    if viewer.staff_id is not None and viewer.force is not None:
        conditions.append(
            not_(and_(Alert.force == viewer.force, Alert.staff_id == viewer.staff_id))
        )
    return conditions


def _filter_conditions(flt: AlertFilter, *, with_status: bool) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if with_status:
        if flt.status == "open":
            conditions.append(Alert.status.in_(OPEN_STATUSES))
        elif flt.status in ALERT_STATUSES:
            conditions.append(Alert.status == flt.status)
    if flt.force:
        conditions.append(Alert.force == flt.force)
    if flt.rule_family:
        conditions.append(Alert.rule_family == flt.rule_family)
    if flt.min_score is not None:
        conditions.append(Alert.score >= flt.min_score)
    if flt.staff_id:
        conditions.append(Alert.staff_id == flt.staff_id)
    if flt.active_only:
        conditions.append(Alert.active.is_(True))
    return conditions


def _order(sort: str) -> tuple[Any, ...]:
    if sort == "newest":
        return (Alert.first_seen_at.desc(), Alert.id.desc())
    if sort == "updated":
        return (Alert.updated_at.desc(), Alert.id.desc())
    if sort == "staff":
        return (Alert.force, Alert.staff_id, Alert.score.desc(), Alert.id)
    return (Alert.score.desc(), Alert.id.desc())


def _require(viewer: Principal, permission: str) -> None:
    if not viewer.can(permission):
        raise AccessDenied(permission)


def list_alerts(
    session: Session,
    *,
    viewer: Principal,
    flt: AlertFilter,
    sort: str = "score",
    page: int = 1,
    per_page: int = 50,
    counts: dict[str, int] | None = None,
) -> AlertPage:
    """One page of the alerts the viewer may see, filtered and sorted.

    Pass the same filter's `status_counts` to save counting the matches again.
    """
    _require(viewer, ALERTS_VIEW)
    per_page = per_page if per_page in PAGE_SIZES else 50
    page = max(1, page)
    conditions = scope_conditions(viewer) + _filter_conditions(flt, with_status=True)
    if counts is not None:
        total = counts.get(flt.status if flt.status in STATUS_FILTERS else "open", 0)
    else:
        total = int(session.scalar(select(func.count()).select_from(Alert).where(*conditions)) or 0)
    # Two steps: the page's ids from the covering indexes, then just those rows.
    ids_query: Select[int] = (
        select(Alert.id)
        .where(*conditions)
        .order_by(*_order(sort))
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    ids = list(session.scalars(ids_query))
    rows = (
        {
            alert.id: alert
            for alert in session.scalars(
                select(Alert)
                .where(Alert.id.in_(ids))
                .options(defer(Alert.evidence), defer(Alert.event_ids))
            )
        }
        if ids
        else {}
    )
    items = [rows[i] for i in ids if i in rows]
    return AlertPage(items=items, total=total, page=page, per_page=per_page)


def status_counts(session: Session, *, viewer: Principal, flt: AlertFilter) -> dict[str, int]:
    """How many alerts of each status match the other filters (plus 'open' and 'all')."""
    _require(viewer, ALERTS_VIEW)
    conditions = scope_conditions(viewer) + _filter_conditions(flt, with_status=False)
    rows = session.execute(
        select(Alert.status, func.count()).where(*conditions).group_by(Alert.status)
    ).all()
    counts = {status: 0 for status in ALERT_STATUSES}
    for status, count in rows:
        counts[str(status)] = int(count)
    counts["open"] = sum(counts[s] for s in OPEN_STATUSES)
    counts["all"] = sum(counts[s] for s in ALERT_STATUSES)
    return counts


_FACETS: dict[tuple[str, str], tuple[float, list[str]]] = {}
_FACETS_LOCK = threading.Lock()
FACET_SECONDS = 30.0


def _facet(session: Session, column: Any, viewer: Principal, key: str) -> list[str]:
    cache_key = (key, viewer.force or "*")
    now = time.monotonic()
    with _FACETS_LOCK:
        hit = _FACETS.get(cache_key)
        if hit and now - hit[0] < FACET_SECONDS:
            return hit[1]
    query = select(column).distinct().order_by(column)
    if viewer.force is not None:
        query = query.where(Alert.force == viewer.force)
    values = [str(v) for v in session.scalars(query) if v is not None]
    with _FACETS_LOCK:
        _FACETS[cache_key] = (now, values)
    return values


def rule_families(session: Session, *, viewer: Principal) -> list[str]:
    """Rule families present in the viewer's alerts (cached briefly)."""
    return _facet(session, Alert.rule_family, viewer, "rule_family")


def alert_forces(session: Session, *, viewer: Principal) -> list[str]:
    """Forces present in the viewer's alerts (cached briefly)."""
    return _facet(session, Alert.force, viewer, "force")


def visible(viewer: Principal, alert: Alert) -> bool:
    """Whether the viewer may see this alert."""
    return (
        viewer.can(ALERTS_VIEW)
        and viewer.sees_force(alert.force)
        and not viewer.is_person(alert.force, alert.staff_id)
    )


def get_alert(session: Session, *, viewer: Principal, alert_id: int) -> Alert:
    """An alert the viewer may see, else NotFound (also for alerts about themselves)."""
    alert = session.get(Alert, alert_id)
    if alert is None or not visible(viewer, alert):
        raise NotFound(f"alert {alert_id}")
    return alert


def earlier_alerts(
    session: Session, *, viewer: Principal, alert: Alert, limit: int = 20
) -> list[Alert]:
    """The same staff member's other alerts, newest first."""
    query = (
        select(Alert)
        .where(Alert.force == alert.force, Alert.staff_id == alert.staff_id, Alert.id != alert.id)
        .where(*scope_conditions(viewer))
        .order_by(Alert.first_seen_at.desc(), Alert.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))


def alert_history(session: Session, *, alert: Alert) -> Sequence[AlertHistory]:
    """The alert's score per detection run, oldest first."""
    query = select(AlertHistory).where(AlertHistory.alert_id == alert.id).order_by(AlertHistory.id)
    return list(session.scalars(query))


def start_review(
    session: Session, *, viewer: Principal, alert: Alert, ip: str | None = None
) -> Alert:
    """Take an alert: status in_review, assigned to the viewer."""
    _require(viewer, ALERTS_TRIAGE)
    if alert.status == "closed":
        raise InvalidInput("The alert is closed; reopen it first.")
    before = {"status": alert.status, "assigned_to": alert.assigned_to}
    alert.status = "in_review"
    alert.assigned_to = viewer.username
    alert.updated_at = utcnow()
    record(
        session,
        actor=viewer,
        action="update",
        object_type="alert",
        object_id=alert.id,
        force=alert.force,
        subject_staff_id=alert.staff_id,
        summary="took the alert for review",
        details={
            "before": before,
            "after": {"status": "in_review", "assigned_to": viewer.username},
        },
        ip=ip,
    )
    return alert


def dispose(
    session: Session,
    *,
    viewer: Principal,
    alert: Alert,
    disposition: str,
    reason: str,
    ip: str | None = None,
) -> Alert:
    """Close an alert as substantiated, explained (with a reason) or a false positive.

    An explained alert adds a Suppression so detection stops raising the same pattern.
    """
    _require(viewer, ALERTS_TRIAGE)
    if disposition not in DISPOSITIONS:
        raise InvalidInput(f"Disposition must be one of {', '.join(DISPOSITIONS)}.")
    reason = reason.strip()
    if disposition == "explained" and len(reason) < 10:
        raise InvalidInput("Say what explains the access (at least 10 characters).")
    if alert.status == "closed":
        raise InvalidInput("The alert is already closed.")
    before = {"status": alert.status, "disposition": alert.disposition}
    now = utcnow()
    alert.status = "closed"
    alert.disposition = disposition
    alert.disposition_reason = reason or None
    alert.disposition_by = viewer.username
    alert.disposition_at = now
    alert.updated_at = now
    if disposition == "explained":
        session.add(
            Suppression(
                force=alert.force,
                staff_id=alert.staff_id,
                nominal_id=alert.subject_nominal_id,
                rule_family=alert.rule_family,
                reason=reason,
                source_alert_id=alert.id,
                created_by=viewer.username,
            )
        )
    record(
        session,
        actor=viewer,
        action="dispose",
        object_type="alert",
        object_id=alert.id,
        force=alert.force,
        subject_staff_id=alert.staff_id,
        summary=f"closed as {disposition}" + (f": {reason}" if reason else ""),
        details={"before": before, "disposition": disposition, "reason": reason},
        ip=ip,
    )
    return alert


def reopen(
    session: Session, *, viewer: Principal, alert: Alert, reason: str, ip: str | None = None
) -> Alert:
    """Reopen a closed alert; an explained one's suppression is lifted."""
    _require(viewer, ALERTS_TRIAGE)
    if alert.status != "closed":
        raise InvalidInput("Only a closed alert can be reopened.")
    if len(reason.strip()) < 5:
        raise InvalidInput("Say why the alert is reopened.")
    before = {"status": alert.status, "disposition": alert.disposition}
    if alert.disposition == "explained":
        suppressions = session.scalars(
            select(Suppression).where(Suppression.source_alert_id == alert.id)
        )
        for suppression in suppressions:
            suppression.expires_at = utcnow()
    alert.status = "in_review"
    alert.disposition = None
    alert.disposition_reason = None
    alert.disposition_by = None
    alert.disposition_at = None
    alert.assigned_to = viewer.username
    alert.updated_at = utcnow()
    record(
        session,
        actor=viewer,
        action="reopen",
        object_type="alert",
        object_id=alert.id,
        force=alert.force,
        subject_staff_id=alert.staff_id,
        summary=f"reopened: {reason.strip()}",
        details={"before": before, "reason": reason.strip()},
        ip=ip,
    )
    return alert
