"""The ACU workbench application: FastAPI with server-rendered pages and a JSON API."""

from __future__ import annotations

import os
import secrets
from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from custodiet.config import Settings, load_settings
from custodiet.db import session_factory, session_scope
from custodiet.users.principal import AccessDenied, InvalidInput, NotFound
from custodiet.users.service import ensure_role_permissions
from custodiet.web.deps import CsrfFailed, NotAuthenticated
from custodiet.web.lake import LakeReader
from custodiet.web.templating import render

STATIC_DIR = Path(__file__).parent / "static"
SESSION_COOKIE = "custodiet_session"
SESSION_MAX_AGE = 8 * 3600  # one working shift


def routers() -> list[APIRouter]:
    """Every router the app serves."""
    from custodiet.alerts.views import api as alerts_api
    from custodiet.alerts.views import pages as alerts_pages
    from custodiet.audit.views import api as audit_api
    from custodiet.audit.views import pages as audit_pages
    from custodiet.cases.views import api as cases_api
    from custodiet.cases.views import pages as cases_pages
    from custodiet.intelligence.views import api as intelligence_api
    from custodiet.intelligence.views import pages as intelligence_pages
    from custodiet.reports.views import api as reports_api
    from custodiet.reports.views import pages as reports_pages
    from custodiet.users.views import api as users_api
    from custodiet.users.views import pages as users_pages
    from custodiet.vetting.views import api as vetting_api
    from custodiet.vetting.views import pages as vetting_pages
    from custodiet.web.views import api as web_api
    from custodiet.web.views import pages as web_pages

    return [
        web_pages,
        web_api,
        alerts_pages,
        alerts_api,
        intelligence_pages,
        intelligence_api,
        cases_pages,
        cases_api,
        audit_pages,
        audit_api,
        users_pages,
        users_api,
        vetting_pages,
        vetting_api,
        reports_pages,
        reports_api,
    ]


def session_secret(settings: Settings) -> str:
    """$CUSTODIET_SECRET_KEY, else a random key kept (0600) in the home."""
    env = os.environ.get("CUSTODIET_SECRET_KEY")
    if env:
        return env
    path = settings.home / ".session-key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key


def create_app(
    settings: Settings | None = None,
    *,
    secure_cookies: bool = False,
    secret_key: str | None = None,
) -> FastAPI:
    """Build the app for `settings` (store already migrated); cookies Secure if asked."""
    settings = settings or load_settings()
    app = FastAPI(
        title="custodiet ACU workbench",
        version="0.1.0",
        # The OpenAPI document is served behind login by web.views (/api/openapi.json).
        docs_url=None,
        openapi_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.session_factory = session_factory(settings.db_url)
    app.state.lake = LakeReader(settings.lake_path)
    with session_scope(settings.db_url) as session:
        ensure_role_permissions(session)

    app.add_middleware(
        SessionMiddleware,
        secret_key=secret_key or session_secret(settings),
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_MAX_AGE,
        same_site="lax",
        https_only=secure_cookies,
    )

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self' 'unsafe-eval'; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
        )
        if not request.url.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    for router in routers():
        app.include_router(router)
    _install_error_handlers(app)
    return app


def create_app_from_env() -> FastAPI:
    """App factory for uvicorn workers: settings from $CUSTODIET_HOME/$CUSTODIET_DB."""
    secure = os.environ.get("CUSTODIET_SECURE_COOKIES", "1") == "1"
    return create_app(load_settings(), secure_cookies=secure)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotAuthenticated)
    async def not_authenticated(request: Request, _exc: NotAuthenticated) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": "login required"}, status_code=401)
        if request.headers.get("hx-request"):
            return Response(status_code=401, headers={"HX-Redirect": "/login"})
        target = request.url.path
        if request.url.query:
            target += "?" + request.url.query
        from urllib.parse import quote

        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)

    @app.exception_handler(AccessDenied)
    async def access_denied(request: Request, exc: AccessDenied) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": "forbidden"}, status_code=403)
        return render(
            request,
            "error.html",
            {"code": 403, "message": "You do not have access to this page."},
            403,
        )

    @app.exception_handler(CsrfFailed)
    async def csrf_failed(request: Request, _exc: CsrfFailed) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": "CSRF token missing or wrong"}, status_code=403)
        return render(
            request,
            "error.html",
            {
                "code": 403,
                "message": "The form expired or did not come from this site. Go back, reload and try again.",
            },
            403,
        )

    @app.exception_handler(NotFound)
    async def not_found(request: Request, _exc: NotFound) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": "not found"}, status_code=404)
        return render(request, "error.html", {"code": 404, "message": "Not found."}, 404)

    @app.exception_handler(InvalidInput)
    async def invalid_input(request: Request, exc: InvalidInput) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=422)
        return render(request, "error.html", {"code": 422, "message": str(exc)}, 422)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": exc.errors()}, status_code=422)
        fields = ", ".join(str(e.get("loc", ["?"])[-1]) for e in exc.errors())
        return render(
            request, "error.html", {"code": 422, "message": f"Please check: {fields}."}, 422
        )
