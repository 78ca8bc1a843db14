"""The audit trail pages and API (auditor only)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict

from custodiet.audit.service import AuditFilter, count_events, list_events, record
from custodiet.users.permissions import AUDIT_VIEW
from custodiet.users.principal import Principal
from custodiet.web.deps import SessionDep, client_ip, require_permission
from custodiet.web.templating import render

pages = APIRouter(tags=["pages"], include_in_schema=False)
api = APIRouter(prefix="/api/audit", tags=["audit"])

Auditor = Annotated[Principal, Depends(require_permission(AUDIT_VIEW))]


def _filter(
    actor: str | None,
    action: str | None,
    object_type: str | None,
    object_id: str | None,
    staff: str | None,
) -> AuditFilter:
    return AuditFilter(
        actor=actor or None,
        action=action or None,
        object_type=object_type or None,
        object_id=object_id or None,
        subject_staff_id=staff or None,
    )


@pages.get("/audit", response_class=HTMLResponse)
def audit_page(
    request: Request,
    user: Auditor,
    session: SessionDep,
    actor: str | None = None,
    action: str | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    staff: str | None = None,
    before: int | None = Query(None, ge=1),
) -> HTMLResponse:
    """The audit trail, newest first, filterable, keyset-paged."""
    flt = _filter(actor, action, object_type, object_id, staff)
    events = list_events(session, flt=flt, before_id=before, limit=100)
    total = count_events(session, flt=flt)
    record(
        session,
        actor=user,
        action="view",
        object_type="audit_trail",
        details=flt.__dict__ | {"before": before},
        ip=client_ip(request),
    )
    session.commit()
    query = {
        k: v
        for k, v in {
            "actor": actor,
            "action": action,
            "object_type": object_type,
            "object_id": object_id,
            "staff": staff,
        }.items()
        if v
    }
    return render(
        request,
        "audit/list.html",
        {
            "page_title": "Audit trail",
            "nav": "audit",
            "events": events,
            "total": total,
            "query": query,
            "next_before": events[-1].id if len(events) == 100 else None,
        },
    )


class AuditEventOut(BaseModel):
    """One audit event."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    at: datetime
    actor: str | None
    actor_role: str | None
    action: str
    object_type: str
    object_id: str | None
    force: str | None
    subject_staff_id: str | None
    summary: str
    details: dict[str, Any] | None
    ip: str | None


@api.get("", response_model=list[AuditEventOut])
def api_audit(
    request: Request,
    user: Auditor,
    session: SessionDep,
    actor: str | None = None,
    action: str | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    staff: str | None = None,
    before: int | None = Query(None, ge=1),
    limit: int = Query(100, ge=1, le=1000),
) -> list[AuditEventOut]:
    """Audit events, newest first (page with `before` = the last id you saw)."""
    flt = _filter(actor, action, object_type, object_id, staff)
    events = list_events(session, flt=flt, before_id=before, limit=limit)
    record(
        session,
        actor=user,
        action="view",
        object_type="audit_trail",
        summary="API",
        ip=client_ip(request),
    )
    session.commit()
    return [AuditEventOut.model_validate(e) for e in events]
