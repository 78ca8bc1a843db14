"""Alert queue and alert pages, and the alerts API."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from custodiet.alerts import service
from custodiet.alerts.models import DISPOSITIONS, Alert
from custodiet.alerts.schemas import (
    AlertDetail,
    AlertPageOut,
    AlertSummary,
    DispositionIn,
    PersonOut,
)
from custodiet.audit.service import events_for_object, record, reveals_for
from custodiet.cases.service import cases_for_alert
from custodiet.intelligence.service import reports_for_alert
from custodiet.users.permissions import ALERTS_TRIAGE, ALERTS_VIEW
from custodiet.users.principal import InvalidInput, Principal
from custodiet.web.deps import CsrfChecked, SessionDep, client_ip, require_permission
from custodiet.web.evidence import EvidenceView, build_evidence, rule_titles
from custodiet.web.templating import flash, render

pages = APIRouter(tags=["pages"], include_in_schema=False)
api = APIRouter(prefix="/api/alerts", tags=["alerts"])

Viewer = Annotated[Principal, Depends(require_permission(ALERTS_VIEW))]
Triager = Annotated[Principal, Depends(require_permission(ALERTS_VIEW, ALERTS_TRIAGE))]


def _parse_filter(
    status: str | None,
    force: str | None,
    rule: str | None,
    min_score: str | None,
    staff: str | None,
) -> service.AlertFilter:
    score: float | None = None
    if min_score:
        try:
            score = float(min_score)
        except ValueError:
            score = None
    return service.AlertFilter(
        status=status if status in service.STATUS_FILTERS else "open",
        force=force or None,
        rule_family=rule or None,
        min_score=score,
        staff_id=(staff or "").strip() or None,
    )


@pages.get("/alerts", response_class=HTMLResponse)
def alert_queue(
    request: Request,
    user: Viewer,
    session: SessionDep,
    status: str | None = None,
    force: str | None = None,
    rule: str | None = None,
    min_score: str | None = None,
    staff: str | None = None,
    sort: str = "score",
    page: int = Query(1, ge=1, le=100_000),
    per_page: int = 50,
) -> HTMLResponse:
    """The alert queue: counts by status, filters, sorted and paged."""
    flt = _parse_filter(status, force, rule, min_score, staff)
    sort = sort if sort in service.SORTS else "score"
    counts = service.status_counts(session, viewer=user, flt=flt)
    result = service.list_alerts(
        session, viewer=user, flt=flt, sort=sort, page=page, per_page=per_page, counts=counts
    )
    record(
        session,
        actor=user,
        action="list",
        object_type="alert_queue",
        summary=f"alert queue page {result.page}",
        details={
            "filter": flt.__dict__,
            "sort": sort,
            "page": result.page,
            "shown": len(result.items),
        },
        ip=client_ip(request),
    )
    session.commit()
    query: dict[str, Any] = {
        "status": flt.status,
        "force": flt.force or "",
        "rule": flt.rule_family or "",
        "min_score": min_score or "",
        "staff": flt.staff_id or "",
        "sort": sort,
        "per_page": result.per_page,
    }
    return render(
        request,
        "alerts/queue.html",
        {
            "page_title": "Alert queue",
            "nav": "alerts",
            "result": result,
            "counts": counts,
            "flt": flt,
            "query": query,
            "sorts": service.SORTS,
            "rules": service.rule_families(session, viewer=user),
            "forces": service.alert_forces(session, viewer=user),
            "pseudonym_of": _subject_pseudonym,
        },
    )


def _subject_pseudonym(alert: Alert) -> str:
    from custodiet.pseudonym import pseudonym

    return pseudonym(alert.force, alert.subject_nominal_id) if alert.subject_nominal_id else ""


def _evidence(request: Request, alert: Alert) -> EvidenceView:
    year = (alert.first_seen_at or datetime.now(UTC)).year
    return build_evidence(
        force=alert.force,
        subject_nominal_id=alert.subject_nominal_id,
        nominal_ids=list(alert.nominal_ids or []),
        evidence=alert.evidence,
        lake=request.app.state.lake,
        at_year=year,
        rule_family=alert.rule_family,
    )


def _open_alert(
    request: Request, session: Session, user: Principal, alert_id: int, *, summary: str
) -> Alert:
    """An alert the user may see, with the view recorded in the audit trail."""
    alert = service.get_alert(session, viewer=user, alert_id=alert_id)
    record(
        session,
        actor=user,
        action="view",
        object_type="alert",
        object_id=alert.id,
        force=alert.force,
        subject_staff_id=alert.staff_id,
        summary=f"{summary} {alert.id}",
        ip=client_ip(request),
    )
    session.commit()
    return alert


@pages.get("/alerts/{alert_id}", response_class=HTMLResponse)
def alert_page(request: Request, alert_id: int, user: Viewer, session: SessionDep) -> HTMLResponse:
    """One alert: narrative, people, timeline, staff member's profile, dispositions."""
    alert = _open_alert(request, session, user, alert_id, summary="viewed alert")
    evidence = _evidence(request, alert)
    profile = request.app.state.lake.staff_profile(alert.force, alert.staff_id)
    cases = cases_for_alert(session, viewer=user, alert_id=alert.id)
    return render(
        request,
        "alerts/detail.html",
        {
            "page_title": f"Alert {alert.id}",
            "nav": "alerts",
            "alert": alert,
            "ev": evidence,
            "profile": profile,
            "earlier": service.earlier_alerts(session, viewer=user, alert=alert, limit=200),
            "rules": rule_titles(list(alert.rule_ids or [])),
            "subject": _subject_pseudonym(alert),
            "pseudonym_of": _subject_pseudonym,
            "history": service.alert_history(session, alert=alert),
            "trail": events_for_object(session, object_type="alert", object_id=alert.id),
            "reveals": reveals_for(session, alert_ids=[alert.id]),
            "cases": cases,
            "intel": reports_for_alert(session, viewer=user, alert_id=alert.id),
            "dispositions": DISPOSITIONS,
        },
    )


@pages.post("/alerts/{alert_id}/review", dependencies=[CsrfChecked])
def take_for_review(
    request: Request, alert_id: int, user: Triager, session: SessionDep
) -> RedirectResponse:
    """Take the alert for review."""
    alert = service.get_alert(session, viewer=user, alert_id=alert_id)
    service.start_review(session, viewer=user, alert=alert, ip=client_ip(request))
    session.commit()
    flash(request, "You have taken this alert for review.", "ok")
    return RedirectResponse(f"/alerts/{alert_id}", status_code=303)


@pages.post("/alerts/{alert_id}/disposition", dependencies=[CsrfChecked])
def dispose_alert(
    request: Request,
    alert_id: int,
    user: Triager,
    session: SessionDep,
    disposition: Annotated[str, Form()],
    reason: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """Close the alert with a disposition (explained ones stop recurring)."""
    alert = service.get_alert(session, viewer=user, alert_id=alert_id)
    try:
        service.dispose(
            session,
            viewer=user,
            alert=alert,
            disposition=disposition,
            reason=reason,
            ip=client_ip(request),
        )
    except InvalidInput as exc:
        session.rollback()
        flash(request, str(exc), "error")
        return RedirectResponse(f"/alerts/{alert_id}#disposition", status_code=303)
    session.commit()
    label = disposition.replace("_", " ")
    flash(request, f"Alert closed as {label}.", "ok")
    return RedirectResponse(f"/alerts/{alert_id}", status_code=303)


@pages.post("/alerts/{alert_id}/reopen", dependencies=[CsrfChecked])
def reopen_alert(
    request: Request,
    alert_id: int,
    user: Triager,
    session: SessionDep,
    reason: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """Reopen a closed alert."""
    alert = service.get_alert(session, viewer=user, alert_id=alert_id)
    try:
        service.reopen(session, viewer=user, alert=alert, reason=reason, ip=client_ip(request))
    except InvalidInput as exc:
        session.rollback()
        flash(request, str(exc), "error")
        return RedirectResponse(f"/alerts/{alert_id}", status_code=303)
    session.commit()
    flash(request, "Alert reopened.", "ok")
    return RedirectResponse(f"/alerts/{alert_id}", status_code=303)


# ---- JSON API ----


@api.get("", response_model=AlertPageOut)
def api_list_alerts(
    request: Request,
    user: Viewer,
    session: SessionDep,
    status: str | None = None,
    force: str | None = None,
    rule: str | None = None,
    min_score: float | None = None,
    staff: str | None = None,
    sort: str = "score",
    page: int = Query(1, ge=1, le=100_000),
    per_page: int = 50,
) -> AlertPageOut:
    """The alert queue as JSON."""
    flt = _parse_filter(status, force, rule, None if min_score is None else str(min_score), staff)
    counts = service.status_counts(session, viewer=user, flt=flt)
    result = service.list_alerts(
        session,
        viewer=user,
        flt=flt,
        sort=sort if sort in service.SORTS else "score",
        page=page,
        per_page=per_page,
        counts=counts,
    )
    record(
        session,
        actor=user,
        action="list",
        object_type="alert_queue",
        summary=f"API alert list page {result.page}",
        details={"filter": flt.__dict__, "page": result.page},
        ip=client_ip(request),
    )
    session.commit()
    return AlertPageOut(
        items=[AlertSummary.of(a) for a in result.items],
        total=result.total,
        page=result.page,
        per_page=result.per_page,
        counts=counts,
    )


def _detail(request: Request, alert: Alert) -> AlertDetail:
    evidence = _evidence(request, alert)
    summary = AlertSummary.of(alert)
    return AlertDetail(
        **summary.model_dump(),
        narrative=alert.narrative,
        reasons=list(alert.reasons or []),
        rule_ids=list(alert.rule_ids or []),
        people=[
            PersonOut(
                pseudonym=p.name,
                description=p.description,
                events=p.events,
                is_subject=p.is_subject,
            )
            for p in evidence.people
        ],
        disposition_reason=alert.disposition_reason,
        disposition_by=alert.disposition_by,
        disposition_at=alert.disposition_at,
        event_count=len(evidence.events),
    )


@api.get("/{alert_id}", response_model=AlertDetail)
def api_get_alert(
    request: Request, alert_id: int, user: Viewer, session: SessionDep
) -> AlertDetail:
    """One alert as JSON (people pseudonymised)."""
    alert = _open_alert(request, session, user, alert_id, summary="API view of alert")
    return _detail(request, alert)


@api.post("/{alert_id}/disposition", response_model=AlertDetail, dependencies=[CsrfChecked])
def api_dispose_alert(
    request: Request, alert_id: int, body: DispositionIn, user: Triager, session: SessionDep
) -> AlertDetail:
    """Close an alert with a disposition (send the session's CSRF token as X-CSRF-Token)."""
    alert = service.get_alert(session, viewer=user, alert_id=alert_id)
    service.dispose(
        session,
        viewer=user,
        alert=alert,
        disposition=body.disposition,
        reason=body.reason,
        ip=client_ip(request),
    )
    session.commit()
    return _detail(request, alert)
