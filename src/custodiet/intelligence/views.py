"""Intelligence pages and API: list, record (from an alert or by hand), view."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from custodiet.alerts.service import get_alert
from custodiet.audit.service import record
from custodiet.fdp.schema import ALLEGATION_CATEGORIES
from custodiet.intelligence import service
from custodiet.intelligence.models import (
    HANDLING_CODES,
    INTELLIGENCE_ASSESSMENTS,
    SOURCE_EVALUATIONS,
    IntelligenceReport,
)
from custodiet.intelligence.schemas import IntelligenceOut, IntelligencePageOut
from custodiet.users.permissions import INTEL_EDIT, INTEL_VIEW
from custodiet.users.principal import InvalidInput, Principal
from custodiet.web.deps import CsrfChecked, SessionDep, client_ip, require_permission
from custodiet.web.templating import flash, render

pages = APIRouter(tags=["pages"], include_in_schema=False)
api = APIRouter(prefix="/api/intelligence", tags=["intelligence"])

Reader = Annotated[Principal, Depends(require_permission(INTEL_VIEW))]
Writer = Annotated[Principal, Depends(require_permission(INTEL_VIEW, INTEL_EDIT))]

CHOICES = {
    "categories": ALLEGATION_CATEGORIES,
    "source_evaluations": SOURCE_EVALUATIONS,
    "assessments": INTELLIGENCE_ASSESSMENTS,
    "handling_codes": HANDLING_CODES,
    "source_kinds": service.SOURCE_KINDS,
}


@pages.get("/intelligence", response_class=HTMLResponse)
def intelligence_list(
    request: Request,
    user: Reader,
    session: SessionDep,
    category: str | None = None,
    page: int = Query(1, ge=1, le=100_000),
) -> HTMLResponse:
    """Intelligence the user may see."""
    result = service.list_reports(session, viewer=user, category=category or None, page=page)
    record(
        session,
        actor=user,
        action="list",
        object_type="intelligence",
        summary="intelligence list",
        details={"category": category, "page": page},
        ip=client_ip(request),
    )
    session.commit()
    return render(
        request,
        "intelligence/list.html",
        {
            "page_title": "Intelligence",
            "nav": "intelligence",
            "result": result,
            "category": category or "",
            "grading": service.grading,
            **CHOICES,
        },
    )


@pages.get("/intelligence/new", response_class=HTMLResponse)
def intelligence_form(
    request: Request, user: Writer, session: SessionDep, alert_id: int | None = None
) -> HTMLResponse:
    """The form to record intelligence, prefilled from an alert if given."""
    alert = get_alert(session, viewer=user, alert_id=alert_id) if alert_id else None
    return render(
        request,
        "intelligence/form.html",
        {
            "page_title": "Record intelligence",
            "nav": "intelligence",
            "alert": alert,
            "default_force": alert.force if alert else (user.force or ""),
            **CHOICES,
        },
    )


@pages.post("/intelligence", dependencies=[CsrfChecked])
def intelligence_create(
    request: Request,
    user: Writer,
    session: SessionDep,
    force: Annotated[str, Form()],
    category: Annotated[str, Form()],
    source_evaluation: Annotated[str, Form()],
    intelligence_assessment: Annotated[str, Form()],
    handling_code: Annotated[str, Form()],
    summary: Annotated[str, Form()],
    staff_id: Annotated[str, Form()] = "",
    content: Annotated[str, Form()] = "",
    handling_conditions: Annotated[str, Form()] = "",
    source_kind: Annotated[str, Form()] = "audit_analysis",
    alert_id: Annotated[str, Form()] = "",
) -> Response:
    """Record intelligence."""
    alert = get_alert(session, viewer=user, alert_id=int(alert_id)) if alert_id.isdigit() else None
    try:
        report = service.create_report(
            session,
            viewer=user,
            force=alert.force if alert else force.strip(),
            staff_id=alert.staff_id if alert else staff_id,
            category=category,
            source_evaluation=source_evaluation,
            intelligence_assessment=intelligence_assessment,
            handling_code=handling_code,
            summary=summary,
            content=content,
            handling_conditions=handling_conditions,
            source_kind=source_kind,
            alert_id=alert.id if alert else None,
            ip=client_ip(request),
        )
    except InvalidInput as exc:
        session.rollback()
        return render(
            request,
            "intelligence/form.html",
            {
                "page_title": "Record intelligence",
                "nav": "intelligence",
                "alert": alert,
                "error": str(exc),
                "form": dict(form_values_of(locals())),
                "default_force": force,
                **CHOICES,
            },
            422,
        )
    session.commit()
    flash(request, f"Intelligence {report.reference} recorded ({service.grading(report)}).", "ok")
    return RedirectResponse(f"/intelligence/{report.id}", status_code=303)


def form_values_of(values: dict[str, object]) -> dict[str, object]:
    """The submitted form values to refill the form after an error."""
    keys = (
        "force",
        "category",
        "source_evaluation",
        "intelligence_assessment",
        "handling_code",
        "summary",
        "staff_id",
        "content",
        "handling_conditions",
        "source_kind",
    )
    return {k: values.get(k, "") for k in keys}


def _open_report(
    request: Request, session: Session, user: Principal, report_id: int, *, summary: str
) -> IntelligenceReport:
    """A report the user may see, with the view recorded in the audit trail."""
    report = service.get_report(session, viewer=user, report_id=report_id)
    record(
        session,
        actor=user,
        action="view",
        object_type="intelligence",
        object_id=report.id,
        force=report.force,
        subject_staff_id=report.staff_id,
        summary=f"{summary} {report.reference}",
        ip=client_ip(request),
    )
    session.commit()
    return report


@pages.get("/intelligence/{report_id}", response_class=HTMLResponse)
def intelligence_page(
    request: Request, report_id: int, user: Reader, session: SessionDep
) -> HTMLResponse:
    """One intelligence report."""
    report = _open_report(request, session, user, report_id, summary="viewed")
    return render(
        request,
        "intelligence/detail.html",
        {
            "page_title": report.reference,
            "nav": "intelligence",
            "report": report,
            "grading": service.grading,
            **CHOICES,
        },
    )


@api.get("", response_model=IntelligencePageOut)
def api_intelligence_list(
    request: Request,
    user: Reader,
    session: SessionDep,
    category: str | None = None,
    page: int = Query(1, ge=1, le=100_000),
) -> IntelligencePageOut:
    """Intelligence as JSON."""
    result = service.list_reports(session, viewer=user, category=category or None, page=page)
    record(
        session,
        actor=user,
        action="list",
        object_type="intelligence",
        summary="API intelligence list",
        ip=client_ip(request),
    )
    session.commit()
    return IntelligencePageOut(
        items=[IntelligenceOut.model_validate(r) for r in result.items],
        total=result.total,
        page=result.page,
        per_page=result.per_page,
    )


@api.get("/{report_id}", response_model=IntelligenceOut)
def api_intelligence_get(
    request: Request, report_id: int, user: Reader, session: SessionDep
) -> IntelligenceOut:
    """One intelligence report as JSON."""
    report = _open_report(request, session, user, report_id, summary="API view of")
    return IntelligenceOut.model_validate(report)
