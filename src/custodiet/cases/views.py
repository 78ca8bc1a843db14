"""Case pages and API: open (by hand or from an alert), allegations, IOPC referral, outcomes."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from custodiet.alerts.service import get_alert
from custodiet.audit.service import events_for_object, record, reveals_for
from custodiet.cases import service
from custodiet.cases.models import SEVERITIES, Case
from custodiet.cases.schemas import AllegationOut, CaseDetail, CasePageOut, CaseSummary
from custodiet.fdp.schema import ALLEGATION_CATEGORIES, NOMINAL_MARKERS, OUTCOMES
from custodiet.users.models import User
from custodiet.users.permissions import (
    CASES_CREATE,
    CASES_EDIT,
    CASES_VIEW_ALL,
    CASES_VIEW_ASSIGNED,
)
from custodiet.users.principal import InvalidInput, Principal
from custodiet.web.deps import (
    CsrfChecked,
    SessionDep,
    client_ip,
    require_any_permission,
    require_permission,
)
from custodiet.web.evidence import build_evidence
from custodiet.web.templating import flash, render

pages = APIRouter(tags=["pages"], include_in_schema=False)
api = APIRouter(prefix="/api/cases", tags=["cases"])

Reader = Annotated[Principal, Depends(require_any_permission(CASES_VIEW_ALL, CASES_VIEW_ASSIGNED))]
Editor = Annotated[Principal, Depends(require_permission(CASES_EDIT))]
Opener = Annotated[Principal, Depends(require_permission(CASES_CREATE))]

FormStr = Annotated[str, Form()]


def _date(value: str, label: str, *, default: date | None = None) -> date:
    value = value.strip()
    if not value:
        if default is not None:
            return default
        raise InvalidInput(f"Give the {label}.")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidInput(f"The {label} is not a date (YYYY-MM-DD).") from exc


def _back(case_id: int, anchor: str = "") -> RedirectResponse:
    return RedirectResponse(f"/cases/{case_id}{anchor}", status_code=303)


def _opened(request: Request, user: Principal, case: Case) -> RedirectResponse:
    flash(request, f"Case {case.reference} opened.", "ok")
    if service.can_see(user, case):
        return RedirectResponse(f"/cases/{case.id}", status_code=303)
    flash(request, "It is now with professional standards; you are not assigned to it.", "info")
    return RedirectResponse(
        f"/alerts/{case.source_alert_id}" if case.source_alert_id else "/", status_code=303
    )


@pages.get("/cases", response_class=HTMLResponse)
def case_list(
    request: Request,
    user: Reader,
    session: SessionDep,
    status: str | None = "open",
    page: int = Query(1, ge=1, le=100_000),
) -> HTMLResponse:
    """The cases the user may see."""
    result = service.list_cases(session, viewer=user, status=status or None, page=page)
    record(
        session,
        actor=user,
        action="list",
        object_type="case",
        summary="case list",
        details={"status": status, "page": page},
        ip=client_ip(request),
    )
    session.commit()
    today = service.uk_today()
    return render(
        request,
        "cases/list.html",
        {
            "page_title": "Cases",
            "nav": "cases",
            "result": result,
            "status": status or "",
            "overdue_ids": {
                c.id
                for c in result.items
                if any(service.referral_state(a, today=today) == "overdue" for a in c.allegations)
            },
        },
    )


@pages.get("/cases/new", response_class=HTMLResponse)
def case_form(request: Request, user: Opener) -> HTMLResponse:
    """The form to open a case by hand."""
    return render(request, "cases/new.html", {"page_title": "Open a case", "nav": "cases"})


@pages.post("/cases", dependencies=[CsrfChecked])
def case_create(
    request: Request,
    user: Opener,
    session: SessionDep,
    title: FormStr,
    force: FormStr = "",
    subjects: FormStr = "",
    summary: FormStr = "",
    restricted: FormStr = "",
) -> RedirectResponse:
    """Open a case by hand."""
    try:
        case = service.open_case(
            session,
            viewer=user,
            force=(force.strip() or user.force or ""),
            title=title,
            summary=summary,
            subjects=subjects.replace(",", " ").split(),
            restricted=bool(restricted),
            ip=client_ip(request),
        )
    except InvalidInput as exc:
        session.rollback()
        flash(request, str(exc), "error")
        return RedirectResponse("/cases/new", status_code=303)
    session.commit()
    return _opened(request, user, case)


@pages.post("/cases/from-alert/{alert_id}", dependencies=[CsrfChecked])
def case_from_alert(
    request: Request,
    alert_id: int,
    user: Opener,
    session: SessionDep,
    title: FormStr = "",
    restricted: FormStr = "",
) -> RedirectResponse:
    """Open a case from an alert (the alert's staff member is the subject)."""
    alert = get_alert(session, viewer=user, alert_id=alert_id)
    case = service.open_case_from_alert(
        session,
        viewer=user,
        alert=alert,
        title=title,
        restricted=bool(restricted),
        ip=client_ip(request),
    )
    session.commit()
    return _opened(request, user, case)


def _open_case(
    request: Request, session: Session, user: Principal, case_id: int, *, summary: str
) -> Case:
    """A case the user may see, with the view recorded in the audit trail (page and API
    alike, so that an auditor finds every view of a case about a staff member)."""
    case = service.get_case(session, viewer=user, case_id=case_id)
    record(
        session,
        actor=user,
        action="view",
        object_type="case",
        object_id=case.id,
        force=case.force,
        subject_staff_id=case.subjects[0].staff_id if case.subjects else None,
        summary=f"{summary} {case.reference}",
        ip=client_ip(request),
    )
    session.commit()
    return case


@pages.get("/cases/{case_id}", response_class=HTMLResponse)
def case_page(request: Request, case_id: int, user: Reader, session: SessionDep) -> HTMLResponse:
    """One case: subjects, allegations with referral deadlines, outcomes, linked alerts."""
    case = _open_case(request, session, user, case_id, summary="viewed case")
    alerts = service.linked_alerts(session, case=case)
    evidence = {
        a.id: build_evidence(
            force=a.force,
            subject_nominal_id=a.subject_nominal_id,
            nominal_ids=list(a.nominal_ids or []),
            evidence=a.evidence,
            lake=request.app.state.lake,
            at_year=a.first_seen_at.year,
            rule_family=a.rule_family,
        )
        for a in alerts
    }
    today = service.uk_today()
    assignable = [
        u
        for u in session.scalars(select(User).where(User.active.is_(True)).order_by(User.username))
        if u.role in ("investigator", "head_of_standards") and (u.force in (None, case.force))
    ]
    return render(
        request,
        "cases/detail.html",
        {
            "page_title": case.reference,
            "nav": "cases",
            "case": case,
            "alerts": alerts,
            "evidence": evidence,
            "today": today,
            "state_of": lambda a: service.referral_state(a, today=today),
            "deadline_of": service.referral_deadline,
            "barred_pending": service.barred_list_pending,
            "reveals": reveals_for(session, alert_ids=[a.id for a in alerts], case_id=case.id),
            "trail": events_for_object(session, object_type="case", object_id=case.id),
            "severities": SEVERITIES,
            "categories": ALLEGATION_CATEGORIES,
            "markers": NOMINAL_MARKERS,
            "outcomes": OUTCOMES,
            "iopc_modes": service.IOPC_MODES,
            "assignable": assignable,
        },
    )


def _edit(
    request: Request,
    case_id: int,
    user: Principal,
    session: Any,
    action: Any,
    ok: str,
    anchor: str = "",
) -> RedirectResponse:
    case = service.get_case(session, viewer=user, case_id=case_id)
    try:
        action(case)
    except InvalidInput as exc:
        session.rollback()
        flash(request, str(exc), "error")
        return _back(case_id, anchor)
    session.commit()
    flash(request, ok, "ok")
    return _back(case_id, anchor)


@pages.post("/cases/{case_id}/subjects", dependencies=[CsrfChecked])
def case_add_subject(
    request: Request, case_id: int, user: Editor, session: SessionDep, staff_id: FormStr
) -> RedirectResponse:
    """Add a subject."""
    return _edit(
        request,
        case_id,
        user,
        session,
        lambda c: service.add_subject(
            session, viewer=user, case=c, staff_id=staff_id, ip=client_ip(request)
        ),
        f"Subject {staff_id} added.",
    )


@pages.post("/cases/{case_id}/assign", dependencies=[CsrfChecked])
def case_assign(
    request: Request, case_id: int, user: Editor, session: SessionDep, username: FormStr
) -> RedirectResponse:
    """Assign the case to an investigator."""
    return _edit(
        request,
        case_id,
        user,
        session,
        lambda c: service.assign_case(
            session, viewer=user, case=c, username=username, ip=client_ip(request)
        ),
        f"Assigned to {username}.",
    )


@pages.post("/cases/{case_id}/restriction", dependencies=[CsrfChecked])
def case_restrict(
    request: Request,
    case_id: int,
    user: Editor,
    session: SessionDep,
    restricted: FormStr = "",
    members: FormStr = "",
) -> RedirectResponse:
    """Restrict the case to named users, or lift the restriction."""
    return _edit(
        request,
        case_id,
        user,
        session,
        lambda c: service.set_restriction(
            session,
            viewer=user,
            case=c,
            restricted=bool(restricted),
            members=members.replace(",", " ").split(),
            ip=client_ip(request),
        ),
        "Access updated.",
    )


@pages.post("/cases/{case_id}/severity", dependencies=[CsrfChecked])
def case_severity(
    request: Request, case_id: int, user: Editor, session: SessionDep, severity: FormStr
) -> RedirectResponse:
    """Record the severity assessment."""
    return _edit(
        request,
        case_id,
        user,
        session,
        lambda c: service.assess_severity(
            session, viewer=user, case=c, severity=severity, ip=client_ip(request)
        ),
        "Severity recorded.",
    )


@pages.post("/cases/{case_id}/allegations", dependencies=[CsrfChecked])
async def case_add_allegation(
    request: Request, case_id: int, user: Editor, session: SessionDep
) -> RedirectResponse:
    """Record an allegation (multi-select victim markers)."""
    form = await request.form()

    def value(name: str) -> str:
        v = form.get(name)
        return v if isinstance(v, str) else ""

    markers = [m for m in form.getlist("victim_markers") if isinstance(m, str)]

    def add(case: Case) -> None:
        service.add_allegation(
            session,
            viewer=user,
            case=case,
            staff_id=value("staff_id"),
            category=value("category"),
            received=_date(value("received"), "received date"),
            source=value("source"),
            victim_markers=markers,
            details=value("details"),
            referral_required=bool(value("referral_required")),
            referral_trigger_date=_date(
                value("referral_trigger_date"),
                "date it became clear",
                default=_date(value("received"), "received date"),
            ),
            ip=client_ip(request),
        )

    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(
        _edit, request, case_id, user, session, add, "Allegation recorded.", "#allegations"
    )


@pages.post("/cases/{case_id}/allegations/{allegation_id}/referral", dependencies=[CsrfChecked])
def allegation_referral(
    request: Request,
    case_id: int,
    allegation_id: int,
    user: Editor,
    session: SessionDep,
    referred_on: FormStr,
    iopc_reference: FormStr = "",
) -> RedirectResponse:
    """Record the IOPC referral."""
    return _edit(
        request,
        case_id,
        user,
        session,
        lambda c: service.record_referral(
            session,
            viewer=user,
            case=c,
            allegation=service.get_allegation(c, allegation_id),
            referred_on=_date(referred_on, "referral date"),
            iopc_reference=iopc_reference,
            ip=client_ip(request),
        ),
        "Referral recorded.",
        "#allegations",
    )


@pages.post(
    "/cases/{case_id}/allegations/{allegation_id}/iopc-decision", dependencies=[CsrfChecked]
)
def allegation_iopc_decision(
    request: Request,
    case_id: int,
    allegation_id: int,
    user: Editor,
    session: SessionDep,
    mode: FormStr,
    decided_on: FormStr = "",
) -> RedirectResponse:
    """Record the IOPC's decision on the mode of investigation."""
    return _edit(
        request,
        case_id,
        user,
        session,
        lambda c: service.record_iopc_decision(
            session,
            viewer=user,
            case=c,
            allegation=service.get_allegation(c, allegation_id),
            mode=mode,
            decided_on=_date(decided_on, "decision date", default=service.uk_today()),
            ip=client_ip(request),
        ),
        "IOPC decision recorded.",
        "#allegations",
    )


@pages.post("/cases/{case_id}/allegations/{allegation_id}/outcome", dependencies=[CsrfChecked])
def allegation_outcome(
    request: Request,
    case_id: int,
    allegation_id: int,
    user: Editor,
    session: SessionDep,
    outcome: FormStr,
    outcome_date: FormStr = "",
) -> RedirectResponse:
    """Record an allegation's outcome."""
    return _edit(
        request,
        case_id,
        user,
        session,
        lambda c: service.record_outcome(
            session,
            viewer=user,
            case=c,
            allegation=service.get_allegation(c, allegation_id),
            outcome=outcome,
            outcome_date=_date(outcome_date, "outcome date", default=service.uk_today()),
            ip=client_ip(request),
        ),
        "Outcome recorded.",
        "#allegations",
    )


@pages.post("/cases/{case_id}/allegations/{allegation_id}/barred-list", dependencies=[CsrfChecked])
def allegation_barred_list(
    request: Request,
    case_id: int,
    allegation_id: int,
    user: Editor,
    session: SessionDep,
    notified_on: FormStr = "",
) -> RedirectResponse:
    """Record the barred-list notification of a dismissal."""
    return _edit(
        request,
        case_id,
        user,
        session,
        lambda c: service.record_barred_list_notification(
            session,
            viewer=user,
            case=c,
            allegation=service.get_allegation(c, allegation_id),
            notified_on=_date(notified_on, "notification date", default=service.uk_today()),
            ip=client_ip(request),
        ),
        "Barred-list notification recorded.",
        "#allegations",
    )


@pages.post("/cases/{case_id}/conclude", dependencies=[CsrfChecked])
def case_conclude(
    request: Request, case_id: int, user: Editor, session: SessionDep
) -> RedirectResponse:
    """Conclude the case."""
    return _edit(
        request,
        case_id,
        user,
        session,
        lambda c: service.conclude_case(session, viewer=user, case=c, ip=client_ip(request)),
        "Case concluded.",
    )


@pages.post("/cases/{case_id}/reopen", dependencies=[CsrfChecked])
def case_reopen(
    request: Request, case_id: int, user: Editor, session: SessionDep
) -> RedirectResponse:
    """Reopen a concluded case."""
    return _edit(
        request,
        case_id,
        user,
        session,
        lambda c: service.reopen_case(session, viewer=user, case=c, ip=client_ip(request)),
        "Case reopened.",
    )


# ---- JSON API ----


def _summary(case: Case) -> CaseSummary:
    return CaseSummary(
        id=case.id,
        reference=case.reference,
        force=case.force,
        title=case.title,
        status=case.status,
        severity=case.severity,
        restricted=case.restricted,
        assigned_to=case.assigned_to,
        opened_at=case.opened_at,
        subjects=[s.staff_id for s in case.subjects],
    )


@api.get("", response_model=CasePageOut)
def api_cases(
    request: Request,
    user: Reader,
    session: SessionDep,
    status: str | None = None,
    page: int = Query(1, ge=1, le=100_000),
) -> CasePageOut:
    """The cases the user may see."""
    result = service.list_cases(session, viewer=user, status=status, page=page)
    record(
        session,
        actor=user,
        action="list",
        object_type="case",
        summary="API case list",
        ip=client_ip(request),
    )
    session.commit()
    return CasePageOut(
        items=[_summary(c) for c in result.items],
        total=result.total,
        page=result.page,
        per_page=result.per_page,
    )


@api.get("/{case_id}", response_model=CaseDetail)
def api_case(request: Request, case_id: int, user: Reader, session: SessionDep) -> CaseDetail:
    """One case with its allegations and referral states."""
    case = _open_case(request, session, user, case_id, summary="API view of case")
    allegations = []
    for a in case.allegations:
        out = AllegationOut.model_validate(a)
        out.referral_deadline = service.referral_deadline(a)
        out.referral_state = service.referral_state(a)
        allegations.append(out)
    return CaseDetail(
        **_summary(case).model_dump(),
        summary=case.summary,
        allegations=allegations,
        alert_ids=[link.alert_id for link in case.alert_links],
    )
