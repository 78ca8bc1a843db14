"""Login, logout, health, the landing page, the dashboard, revealing a pseudonym, /api/me."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel

from custodiet.alerts.service import get_alert
from custodiet.audit.service import record, record_reveal
from custodiet.cases import service as cases
from custodiet.cases.service import get_case, linked_alerts
from custodiet.pseudonym import pseudonym, pseudonym_code
from custodiet.users import permissions as P
from custodiet.users.principal import InvalidInput, NotFound, Principal
from custodiet.users.service import authenticate
from custodiet.web import dashboard
from custodiet.web.deps import (
    CsrfChecked,
    CurrentUser,
    SessionDep,
    client_ip,
    csrf_token,
    require_any_permission,
    require_permission,
)
from custodiet.web.evidence import nominal_ids_of
from custodiet.web.templating import flash, render

pages = APIRouter(tags=["pages"], include_in_schema=False)
api = APIRouter(prefix="/api", tags=["session"])

DashboardUser = Annotated[
    Principal, Depends(require_any_permission(P.DASHBOARD_VIEW, P.DASHBOARD_AGGREGATE))
]
Revealer = Annotated[Principal, Depends(require_permission(P.PEOPLE_REVEAL))]


@pages.get("/healthz")
def healthz() -> JSONResponse:
    """Liveness: 200 without login."""
    return JSONResponse({"status": "ok"})


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@pages.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str | None = None) -> HTMLResponse:
    """The login form."""
    csrf_token(request)
    return render(request, "login.html", {"page_title": "Log in", "next": _safe_next(next)})


@pages.post("/login", dependencies=[CsrfChecked])
def login(
    request: Request,
    session: SessionDep,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    """Check the password (throttled), start a fresh session."""
    ip = client_ip(request)
    result = authenticate(session, username=username, password=password, ip=ip)
    if result.user is None:
        record(
            session,
            actor=None,
            actor_name=username.strip()[:120],
            action="login_failed",
            object_type="session",
            summary="throttled" if result.throttled else "wrong name or password",
            ip=ip,
        )
        session.commit()
        message = (
            "Too many failed attempts. Try again in 15 minutes."
            if result.throttled
            else "Wrong username or password, or the account is disabled."
        )
        return render(
            request,
            "login.html",
            {
                "page_title": "Log in",
                "next": _safe_next(next),
                "error": message,
                "username": username,
            },
            429 if result.throttled else 401,
        )
    user = result.user
    record(
        session, actor=None, actor_name=user.username, action="login", object_type="session", ip=ip
    )
    session.commit()
    request.session.clear()  # no session fixation: a new session (and CSRF token) per login
    request.session["uid"] = user.id
    request.session["uname"] = user.username
    csrf_token(request)
    return RedirectResponse(_safe_next(next), status_code=303)


@pages.post("/logout", dependencies=[CsrfChecked])
def logout(request: Request, session: SessionDep) -> RedirectResponse:
    """End the session."""
    username = request.session.get("uname")
    if isinstance(username, str):
        record(
            session,
            actor=None,
            actor_name=username,
            action="logout",
            object_type="session",
            ip=client_ip(request),
        )
        session.commit()
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


def landing_for(user: Principal) -> str:
    """Where a user starts, from what they may do."""
    if user.can(P.ALERTS_VIEW):
        return "/alerts"
    if user.can(P.CASES_VIEW_ALL) or user.can(P.CASES_VIEW_ASSIGNED):
        return "/cases"
    if user.can(P.DASHBOARD_AGGREGATE):
        return "/dashboard"
    if user.can(P.AUDIT_VIEW):
        return "/audit"
    if user.can(P.USERS_MANAGE):
        return "/admin/users"
    return "/account"


@pages.get("/")
def home(user: CurrentUser) -> RedirectResponse:
    """Send the user to their starting page."""
    return RedirectResponse(landing_for(user), status_code=303)


@pages.get("/account", response_class=HTMLResponse)
def account(request: Request, user: CurrentUser) -> HTMLResponse:
    """Who the user is and what they may do."""
    return render(request, "account.html", {"page_title": "Your account", "nav": "account"})


@pages.get("/dashboard", response_class=HTMLResponse)
def dashboard_page(request: Request, user: DashboardUser, session: SessionDep) -> HTMLResponse:
    """Charts: alerts by status and rule, referral compliance, time to refer, outcomes."""
    fig = dashboard.figures(session, viewer=user)
    overdue: list[Any] = []
    if user.can(P.DASHBOARD_VIEW):
        overdue = cases.overdue_referrals(session, viewer=user)
    record(session, actor=user, action="view", object_type="dashboard", ip=client_ip(request))
    session.commit()
    return render(
        request,
        "dashboard.html",
        {
            "page_title": "Dashboard",
            "nav": "dashboard",
            "fig": fig,
            "overdue": overdue,
            "overdue_count": dashboard.overdue_count(session, viewer=user),
            "state_of": cases.referral_state,
            "deadline_of": cases.referral_deadline,
            "charts": {
                "alerts": dashboard.alerts_chart(fig),
                "referrals": dashboard.referral_chart(fig),
                "time_to_refer": dashboard.time_to_refer_chart(fig),
                "outcomes": dashboard.outcomes_chart(fig),
            },
        },
    )


@pages.post("/people/reveal", response_class=HTMLResponse, dependencies=[CsrfChecked])
def reveal(
    request: Request,
    user: Revealer,
    session: SessionDep,
    context: Annotated[str, Form()],
    context_id: Annotated[int, Form()],
    code: Annotated[str, Form()],
    reason: Annotated[str, Form()] = "",
) -> Response:
    """Reveal a pseudonymised person's record id, for a typed reason (recorded)."""
    reason = reason.strip()
    if context == "alert":
        alert = get_alert(session, viewer=user, alert_id=context_id)
        force, alerts, case_id = alert.force, [alert], None
    elif context == "case":
        case = get_case(session, viewer=user, case_id=context_id)
        force, alerts, case_id = case.force, linked_alerts(session, case=case), case.id
    else:
        raise NotFound(context)
    matches = [
        (alert, nominal_id)
        for alert in alerts
        for nominal_id in nominal_ids_of(
            force, list(alert.nominal_ids or []), alert.subject_nominal_id, alert.evidence
        )
        if pseudonym_code(force, nominal_id) == code.strip().upper()
    ]
    if not matches:
        raise NotFound(code)
    alert, nominal_id = matches[0]
    if len(reason) < 10:
        raise InvalidInput("Give a reason of at least 10 characters for revealing this person.")
    record_reveal(
        session,
        actor=user,
        force=force,
        nominal_id=nominal_id,
        pseudonym=pseudonym(force, nominal_id),
        reason=reason,
        alert_id=alert.id,
        case_id=case_id,
        ip=client_ip(request),
    )
    session.commit()
    if request.headers.get("hx-request"):
        return render(
            request,
            "partials/revealed.html",
            {
                "name": pseudonym(force, nominal_id),
                "nominal_id": nominal_id,
                "force": force,
                "reason": reason,
            },
        )
    flash(
        request,
        f"{pseudonym(force, nominal_id)} is nominal {nominal_id} ({force}). Recorded.",
        "ok",
    )
    return RedirectResponse(f"/{context}s/{context_id}", status_code=303)


@api.get("/openapi.json", include_in_schema=False)
def openapi_document(request: Request, user: CurrentUser) -> JSONResponse:
    """The OpenAPI document of the JSON API (login required)."""
    return JSONResponse(request.app.openapi())


class MeOut(BaseModel):
    """The logged-in user."""

    username: str
    display_name: str
    role: str
    force: str | None
    permissions: list[str]
    csrf_token: str


@api.get("/me", response_model=MeOut)
def me(request: Request, user: CurrentUser) -> MeOut:
    """Who is logged in, their permissions and the CSRF token for API writes."""
    return MeOut(
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        force=user.force,
        permissions=sorted(user.permissions),
        csrf_token=csrf_token(request),
    )


class DashboardOut(BaseModel):
    """Dashboard figures."""

    alerts_by_status: dict[str, int]
    referral_states: dict[str, int]
    compliance_rate: float | None
    overdue_referrals: int
    allegations_total: int
    apsp_total: int
    dismissals: int
    median_days_to_refer: float | None


@api.get("/dashboard", response_model=DashboardOut)
def api_dashboard(request: Request, user: DashboardUser, session: SessionDep) -> DashboardOut:
    """Dashboard figures as JSON (figures only)."""
    fig = dashboard.figures(session, viewer=user)
    days = sorted(fig.days_to_refer)
    median = None
    if days:
        mid = len(days) // 2
        median = float(days[mid]) if len(days) % 2 else (days[mid - 1] + days[mid]) / 2
    record(
        session,
        actor=user,
        action="view",
        object_type="dashboard",
        summary="API",
        ip=client_ip(request),
    )
    session.commit()
    return DashboardOut(
        alerts_by_status=fig.alerts_by_status,
        referral_states=fig.referral_states,
        compliance_rate=fig.compliance_rate,
        overdue_referrals=dashboard.overdue_count(session, viewer=user),
        allegations_total=fig.allegations_total,
        apsp_total=fig.apsp_total,
        dismissals=fig.dismissals,
        median_days_to_refer=median,
    )


__all__ = ["api", "flash", "pages"]
