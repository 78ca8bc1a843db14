"""User administration pages and API (admin only: users, never case data)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict

from custodiet.audit.service import record
from custodiet.users import service
from custodiet.users.permissions import ROLES, USERS_MANAGE
from custodiet.users.principal import Principal
from custodiet.web.deps import CsrfChecked, SessionDep, client_ip, require_permission
from custodiet.web.templating import flash, render

pages = APIRouter(tags=["pages"], include_in_schema=False)
api = APIRouter(prefix="/api/users", tags=["users"])

Admin = Annotated[Principal, Depends(require_permission(USERS_MANAGE))]


@pages.get("/admin/users", response_class=HTMLResponse)
def users_page(request: Request, user: Admin, session: SessionDep) -> HTMLResponse:
    """Every user, and a form to add one."""
    return render(
        request,
        "users/list.html",
        {
            "page_title": "Users",
            "nav": "users",
            "users": service.list_users(session),
            "roles": ROLES,
        },
    )


@pages.post("/admin/users", dependencies=[CsrfChecked])
def users_add(
    request: Request,
    user: Admin,
    session: SessionDep,
    username: Annotated[str, Form()],
    role: Annotated[str, Form()],
    password: Annotated[str, Form()],
    display_name: Annotated[str, Form()] = "",
    force: Annotated[str, Form()] = "",
    staff_id: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """Add a user."""
    try:
        created = service.add_user(
            session,
            username=username,
            role=role,
            password=password,
            display_name=display_name,
            force=force.strip() or None,
            staff_id=staff_id.strip() or None,
            created_by=user.username,
        )
    except service.UserError as exc:
        session.rollback()
        flash(request, str(exc), "error")
        return RedirectResponse("/admin/users", status_code=303)
    record(
        session,
        actor=user,
        action="create",
        object_type="user",
        object_id=created.username,
        summary=f"added user {created.username} ({created.role})",
        details={"role": created.role, "force": created.force, "staff_id": created.staff_id},
        ip=client_ip(request),
    )
    session.commit()
    flash(request, f"User {created.username} added.", "ok")
    return RedirectResponse("/admin/users", status_code=303)


@pages.post("/admin/users/{username}/disable", dependencies=[CsrfChecked])
def users_disable(
    request: Request, username: str, user: Admin, session: SessionDep
) -> RedirectResponse:
    """Disable a user."""
    if username == user.username:
        flash(request, "You cannot disable yourself.", "error")
        return RedirectResponse("/admin/users", status_code=303)
    try:
        service.disable_user(session, username=username)
    except service.UserError as exc:
        flash(request, str(exc), "error")
        return RedirectResponse("/admin/users", status_code=303)
    record(
        session,
        actor=user,
        action="disable",
        object_type="user",
        object_id=username,
        summary=f"disabled {username}",
        ip=client_ip(request),
    )
    session.commit()
    flash(request, f"User {username} disabled.", "ok")
    return RedirectResponse("/admin/users", status_code=303)


@pages.post("/admin/users/{username}/enable", dependencies=[CsrfChecked])
def users_enable(
    request: Request, username: str, user: Admin, session: SessionDep
) -> RedirectResponse:
    """Re-enable a user."""
    try:
        service.enable_user(session, username=username)
    except service.UserError as exc:
        flash(request, str(exc), "error")
        return RedirectResponse("/admin/users", status_code=303)
    record(
        session,
        actor=user,
        action="enable",
        object_type="user",
        object_id=username,
        summary=f"enabled {username}",
        ip=client_ip(request),
    )
    session.commit()
    flash(request, f"User {username} enabled.", "ok")
    return RedirectResponse("/admin/users", status_code=303)


class UserOut(BaseModel):
    """A user (never their password hash)."""

    model_config = ConfigDict(from_attributes=True)

    username: str
    display_name: str
    role: str
    force: str | None
    staff_id: str | None
    active: bool
    created_at: datetime
    last_login_at: datetime | None


@api.get("", response_model=list[UserOut])
def api_users(user: Admin, session: SessionDep) -> list[UserOut]:
    """Every user."""
    return [UserOut.model_validate(u) for u in service.list_users(session)]
