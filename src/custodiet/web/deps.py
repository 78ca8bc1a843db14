"""Typed FastAPI dependencies shared by every router: store session, current user, roles.

Other domains reuse these:

    from custodiet.web.deps import CurrentUser, SessionDep, require_permission, require_roles

    @router.get("/vetting")
    def vetting_page(user: Annotated[Principal, Depends(require_roles("vetting_officer"))],
                     session: SessionDep) -> HTMLResponse: ...
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from custodiet.config import Settings
from custodiet.users.models import User
from custodiet.users.principal import AccessDenied, Principal
from custodiet.users.service import principal_for, role_permissions

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


class NotAuthenticated(Exception):
    """No logged-in user: pages redirect to the login form, the API answers 401."""


class CsrfFailed(Exception):
    """An unsafe request without the session's CSRF token (403)."""


def get_settings(request: Request) -> Settings:
    """The application's settings."""
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_session(request: Request) -> Iterator[Session]:
    """A store session for one request; handlers commit, anything uncommitted is rolled back."""
    session: Session = request.app.state.session_factory()
    try:
        yield session
    finally:
        session.close()


SessionDep = Annotated[Session, Depends(get_session)]


def client_ip(request: Request) -> str:
    """The client's address as the server sees it."""
    return request.client.host if request.client else "unknown"


def current_user(request: Request, session: SessionDep) -> Principal:
    """The logged-in, active user, or NotAuthenticated."""
    user_id = request.session.get("uid")
    if not isinstance(user_id, int):
        raise NotAuthenticated
    user = session.get(User, user_id)
    if user is None or not user.active or user.username != request.session.get("uname"):
        request.session.clear()
        raise NotAuthenticated
    permissions = role_permissions(session, cache_key=request.app.state.settings.db_url)
    principal = principal_for(user, permissions)
    request.state.principal = principal
    return principal


CurrentUser = Annotated[Principal, Depends(current_user)]


def require_permission(*permissions: str) -> Callable[[Principal], Principal]:
    """A dependency: the current user, who must hold every one of `permissions`."""

    def dependency(user: CurrentUser) -> Principal:
        if not all(user.can(p) for p in permissions):
            raise AccessDenied(f"needs {', '.join(permissions)}")
        return user

    return dependency


def require_any_permission(*permissions: str) -> Callable[[Principal], Principal]:
    """A dependency: the current user, who must hold at least one of `permissions`."""

    def dependency(user: CurrentUser) -> Principal:
        if not any(user.can(p) for p in permissions):
            raise AccessDenied(f"needs one of {', '.join(permissions)}")
        return user

    return dependency


def require_roles(*roles: str) -> Callable[[Principal], Principal]:
    """A dependency: the current user, whose role must be one of `roles`."""

    def dependency(user: CurrentUser) -> Principal:
        if user.role not in roles:
            raise AccessDenied(f"needs role {' or '.join(roles)}")
        return user

    return dependency


def csrf_token(request: Request) -> str:
    """This session's CSRF token (created on first use)."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


async def verify_csrf(request: Request) -> None:
    """Refuse unsafe requests whose form field or header lacks the session's CSRF token."""
    if request.method not in UNSAFE_METHODS:
        return
    expected = request.session.get("csrf")
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            sent = value if isinstance(value, str) else None
    if not isinstance(expected, str) or not sent or not hmac.compare_digest(expected, sent):
        raise CsrfFailed


CsrfChecked = Depends(verify_csrf)
