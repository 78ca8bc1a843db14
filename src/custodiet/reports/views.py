"""The return in the workbench: a page with charts then tables, and downloads.

Heads of standards see their force's return; the inspector sees the national aggregate
only (every force, no person or case reference). Pages read and change nothing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, FileSystemLoader
from sqlalchemy.orm import Session

from custodiet.audit.service import record
from custodiet.config import Settings
from custodiet.db import utcnow
from custodiet.fdp.schema import ALLEGATION_CATEGORIES
from custodiet.lake.store import open_lake
from custodiet.reports.render import render, template_context
from custodiet.reports.schemas import ForceReturn
from custodiet.reports.service import ReportError, build_return
from custodiet.users.permissions import DASHBOARD_VIEW, INSPECTOR, REPORTS_VIEW
from custodiet.users.principal import InvalidInput, Principal
from custodiet.vetting.policy import PolicyError, load_policy
from custodiet.web.deps import SessionDep, SettingsDep, client_ip, require_permission
from custodiet.web.templating import templates as web_templates

pages = APIRouter(tags=["pages"], include_in_schema=False)
api = APIRouter(prefix="/api/reports", tags=["reports"])

Reader = Annotated[Principal, Depends(require_permission(REPORTS_VIEW))]
MEDIA = {"pdf": "application/pdf", "csv": "text/csv; charset=utf-8"}

templates = Jinja2Templates(
    env=web_templates.env.overlay(
        loader=ChoiceLoader(
            [
                FileSystemLoader(str(Path(__file__).parent / "templates")),
                *([web_templates.env.loader] if web_templates.env.loader else []),
            ]
        )
    )
)


def national_only(user: Principal) -> bool:
    """Whether the user may see only the national aggregate."""
    return user.role == INSPECTOR or not user.can(DASHBOARD_VIEW)


def _default_period() -> tuple[date, date]:
    today = utcnow().date()
    return date(today.year - 1, today.month, 1), today


def _build(
    session: Session,
    settings: Settings,
    user: Principal,
    start: date | None,
    end: date | None,
    category: str | None,
) -> ForceReturn:
    if category and category not in ALLEGATION_CATEGORIES:
        raise InvalidInput(f"unknown category {category!r}")
    default_start, default_end = _default_period()
    national = national_only(user)
    try:
        policies = load_policy(settings.home)
        with open_lake(settings.lake_path, read_only=True) as lake:
            return build_return(
                session=session,
                lake_con=lake,
                start=start or default_start,
                end=end or default_end,
                category=category or None,
                force=None if national else user.force,
                audience="national" if national else "force",
                policies=policies,
            )
    except (ReportError, PolicyError) as exc:
        raise InvalidInput(str(exc)) from exc
    except duckdb.Error as exc:
        raise InvalidInput(f"The lake is busy or unreadable ({exc}); try again shortly.") from exc


def _audit(session: Session, request: Request, user: Principal, ret: ForceReturn, fmt: str) -> None:
    record(
        session,
        actor=user,
        action="view",
        object_type="return",
        force=ret.force,
        summary=f"{ret.audience} return {ret.period['from']}–{ret.period['to']} ({fmt})",
        details={"category": ret.category, "format": fmt},
        ip=client_ip(request),
    )
    session.commit()


@pages.get("/reports/return", response_class=HTMLResponse)
def return_page(
    request: Request,
    user: Reader,
    session: SessionDep,
    settings: SettingsDep,
    start: Annotated[date | None, Query(alias="from")] = None,
    end: Annotated[date | None, Query(alias="to")] = None,
    category: str | None = None,
    format: str = "page",
) -> Response:
    """The return as a page (charts, then tables) or as html/pdf/csv/json downloads."""
    ret = _build(session, settings, user, start, end, category)
    _audit(session, request, user, ret, format)
    if format in ("pdf", "csv", "html", "json"):
        body = render(ret, format)
        name = f"return-{ret.period['from']}-{ret.period['to']}.{format}"
        media = MEDIA.get(format, "application/json" if format == "json" else "text/html")
        return Response(
            body,
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    ctx: dict[str, Any] = {
        "user": getattr(request.state, "principal", None),
        "nav": "reports",
        "page_title": "Return",
        "categories": ALLEGATION_CATEGORIES,
        "query": {
            "from": ret.period["from"].isoformat(),
            "to": ret.period["to"].isoformat(),
            "category": ret.category or "",
        },
        **template_context(ret),
    }
    return templates.TemplateResponse(request, "reports/return_page.html", ctx)


@api.get("/return")
def return_api(
    request: Request,
    user: Reader,
    session: SessionDep,
    settings: SettingsDep,
    start: Annotated[date | None, Query(alias="from")] = None,
    end: Annotated[date | None, Query(alias="to")] = None,
    category: str | None = None,
) -> JSONResponse:
    """The return as JSON (the same as `custodiet report return --format json`)."""
    ret = _build(session, settings, user, start, end, category)
    _audit(session, request, user, ret, "json")
    return JSONResponse(ret.as_json())


def domain_routers() -> list[APIRouter]:
    """The vetting and returns routers, for `custodiet.web.app.routers()`."""
    from custodiet.vetting.views import api as vetting_api
    from custodiet.vetting.views import pages as vetting_pages

    return [vetting_pages, vetting_api, pages, api]
