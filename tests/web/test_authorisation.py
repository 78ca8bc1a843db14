"""Route-by-route authorisation: each role sees exactly what it should, anonymous nothing,
and nobody ever sees alerts, intelligence or cases about themselves."""

from __future__ import annotations

import re

import pytest
from fastapi.routing import iter_route_contexts

from tests.web.conftest import Web
from tests.web.seed import ROLE_USERS
from tests.web.world import World, build_world

USERS = [*ROLE_USERS]
SY_ALERT_READERS = {"analyst", "head", "subject_analyst", "subject_head", "head2"}
ALERT_READERS = SY_ALERT_READERS | {"other_head"}
HEADS = {"head", "subject_head", "head2", "other_head"}
CASE_READERS = HEADS | {"investigator", "investigator2"}
DASHBOARD = HEADS | {"inspector"}
EVERYONE = set(USERS)


def only(allowed: set[str], *, hidden: set[str] = frozenset(), code: int = 200) -> dict[str, int]:
    """`code` for allowed users, 404 for `hidden` (may use the page, may not see this), else 403."""
    return {u: code if u in allowed else 404 if u in hidden else 403 for u in USERS}


def matrix(w: World) -> dict[str, dict[str, int]]:
    """Expected status per GET route and user."""
    m = {
        "/": only(EVERYONE, code=303),
        "/account": only(EVERYONE),
        "/api/me": only(EVERYONE),
        "/api/openapi.json": only(EVERYONE),
        "/alerts": only(ALERT_READERS),
        "/api/alerts": only(ALERT_READERS),
        f"/alerts/{w.a1}": only(SY_ALERT_READERS, hidden={"other_head"}),
        f"/api/alerts/{w.a1}": only(SY_ALERT_READERS, hidden={"other_head"}),
        f"/alerts/{w.a_self}": only(
            SY_ALERT_READERS - {"subject_analyst"}, hidden={"subject_analyst", "other_head"}
        ),
        f"/api/alerts/{w.a_self}": only(
            SY_ALERT_READERS - {"subject_analyst"}, hidden={"subject_analyst", "other_head"}
        ),
        f"/alerts/{w.a_head_self}": only(
            SY_ALERT_READERS - {"subject_head"}, hidden={"subject_head", "other_head"}
        ),
        f"/alerts/{w.a_xx}": only({"other_head"}, hidden=SY_ALERT_READERS),
        "/intelligence": only(ALERT_READERS),
        "/api/intelligence": only(ALERT_READERS),
        "/intelligence/new": only(ALERT_READERS),
        f"/intelligence/new?alert_id={w.a_self}": only(
            SY_ALERT_READERS - {"subject_analyst"}, hidden={"subject_analyst", "other_head"}
        ),
        f"/intelligence/{w.i1}": only(SY_ALERT_READERS, hidden={"other_head"}),
        f"/api/intelligence/{w.i1}": only(SY_ALERT_READERS, hidden={"other_head"}),
        f"/intelligence/{w.i_self}": only(
            SY_ALERT_READERS - {"subject_analyst"}, hidden={"subject_analyst", "other_head"}
        ),
        "/cases": only(CASE_READERS),
        "/api/cases": only(CASE_READERS),
        "/cases/new": only(ALERT_READERS),
        f"/cases/{w.c1}": only(
            {"head", "subject_head", "head2", "investigator"},
            hidden={"investigator2", "other_head"},
        ),
        f"/api/cases/{w.c1}": only(
            {"head", "subject_head", "head2", "investigator"},
            hidden={"investigator2", "other_head"},
        ),
        f"/cases/{w.c2}": only(
            {"head", "subject_head", "head2", "investigator2"},
            hidden={"investigator", "other_head"},
        ),
        f"/cases/{w.c_restricted}": only({"head", "investigator"}, hidden=CASE_READERS),
        f"/api/cases/{w.c_restricted}": only({"head", "investigator"}, hidden=CASE_READERS),
        f"/cases/{w.c_self}": only({"head", "head2"}, hidden=CASE_READERS),
        f"/cases/{w.c_xx}": only({"other_head"}, hidden=CASE_READERS),
        "/dashboard": only(DASHBOARD),
        "/api/dashboard": only(DASHBOARD),
        "/audit": only({"auditor"}),
        "/api/audit": only({"auditor"}),
        "/admin/users": only({"admin"}),
        "/api/users": only({"admin"}),
    }
    return m


PUBLIC = {"/healthz": 200, "/login": 200}


MY_MODULES = (
    "custodiet.web.",
    "custodiet.alerts.",
    "custodiet.cases.",
    "custodiet.intelligence.",
    "custodiet.audit.",
    "custodiet.users.",
)


def _mine(ctx: object) -> bool:
    """Whether a route belongs to the workbench (vetting and reports test their own)."""
    endpoint = getattr(ctx, "endpoint", None)
    return getattr(endpoint, "__module__", "").startswith(MY_MODULES)


def _template(path: str) -> str:
    path = path.split("?")[0]
    return re.sub(r"/\d+", "/{id}", path)


def test_every_get_route_is_in_the_matrix(web: Web) -> None:
    w = World(*range(1, 13))
    covered = {_template(p) for p in matrix(w)} | set(PUBLIC)
    for ctx in iter_route_contexts(web.app.routes):
        methods = getattr(ctx, "methods", None) or set()
        if "GET" in methods and _mine(ctx):
            assert re.sub(r"\{[^}]+\}", "{id}", ctx.path) in covered, (
                f"{ctx.path} has no authorisation test"
            )


def test_route_by_route(web: Web, subtests: pytest.Subtests) -> None:
    w = build_world(web.db_url)
    anonymous = web.client()
    for path, code in PUBLIC.items():
        assert anonymous.get(path).status_code == code
    expected = matrix(w)
    for path in expected:
        with subtests.test(user="anonymous", path=path):
            resp = anonymous.get(path)
            if path.startswith("/api/"):
                assert resp.status_code == 401
            else:
                assert resp.status_code == 303 and resp.headers["location"].startswith("/login")
    for user in USERS:
        client = web.client(user)
        for path, by_user in expected.items():
            with subtests.test(user=user, path=path):
                resp = client.get(path)
                assert resp.status_code == by_user[user], f"{user} GET {path}: {resp.status_code}"
                assert "NOMSECRET" not in resp.text, "a real nominal id leaked"


def test_nobody_sees_themselves_in_lists(web: Web) -> None:
    w = build_world(web.db_url)
    subject = web.client("subject_analyst")
    for path in (
        "/alerts?status=all",
        "/api/alerts?status=all",
        "/intelligence",
        "/api/intelligence",
    ):
        text = subject.get(path).text
        assert "PC1001" not in text, path
        assert "PC1002" in text, path
    analyst = web.client("analyst")
    assert "PC1001" in analyst.get("/alerts?status=all").text
    head_subject = web.client("subject_head")
    for path in ("/cases?status=", "/api/cases", "/alerts?status=all", "/dashboard"):
        text = head_subject.get(path).text
        assert "PC1003" not in text, path
    assert "About a head" in web.client("head").get("/cases?status=").text
    # Counts by status exclude the user's own alerts too.
    counts = subject.get("/api/alerts?status=all").json()["counts"]
    assert counts["all"] == 2  # a1 and a_head_self; not a_self, not force XX
    assert w.a_self


def test_inspector_sees_figures_never_a_person(web: Web) -> None:
    build_world(web.db_url)
    inspector = web.client("inspector")
    page = inspector.get("/dashboard")
    assert page.status_code == 200
    for needle in ("PC100", "PC200", "XX9", "SY-20", "Restricted"):
        assert needle not in page.text
    figures = inspector.get("/api/dashboard").json()
    assert figures["allegations_total"] == 1 and figures["apsp_total"] == 1


def test_writes_need_permission_and_csrf(web: Web) -> None:
    w = build_world(web.db_url)
    posts = {
        f"/alerts/{w.a1}/review": (
            {},
            {"analyst", "head", "subject_analyst", "subject_head", "head2"},
            {"other_head"},
        ),
        f"/cases/{w.c1}/severity": (
            {"severity": "misconduct"},
            {"head", "subject_head", "head2", "investigator"},
            {"investigator2", "other_head"},
        ),
        f"/cases/{w.c_restricted}/severity": (
            {"severity": "misconduct"},
            {"head", "investigator"},
            {"investigator2", "other_head", "subject_head", "head2"},
        ),
        "/admin/users/vetting/enable": ({}, {"admin"}, set()),
    }
    for user in [*USERS, None]:
        client = web.client(user)
        for path, (data, allowed, hidden) in posts.items():
            resp = client.post(path, data={**data, "csrf_token": client.csrf})  # type: ignore[attr-defined]
            if user is None:
                assert resp.status_code == 303 and resp.headers["location"].startswith("/login"), (
                    path
                )
            else:
                want = 303 if user in allowed else 404 if user in hidden else 403
                assert resp.status_code == want, f"{user} POST {path}: {resp.status_code}"


def test_every_post_route_refuses_a_missing_csrf_token(web: Web) -> None:
    w = build_world(web.db_url)
    head = web.client("head")
    admin = web.client("admin")
    for ctx in iter_route_contexts(web.app.routes):
        if "POST" not in (getattr(ctx, "methods", None) or set()) or not _mine(ctx):
            continue
        path = (
            ctx.path.replace("{alert_id}", str(w.a1))
            .replace("{case_id}", str(w.c1))
            .replace("{allegation_id}", str(w.allegation1))
            .replace("{username}", "vetting")
        )
        client = admin if path.startswith("/admin") else head
        resp = client.post(path, data={"x": "1"})
        assert resp.status_code == 403, f"POST {path} without CSRF: {resp.status_code}"
        resp = client.post(path, data={"x": "1", "csrf_token": "forged"})
        assert resp.status_code == 403, f"POST {path} with a forged CSRF token: {resp.status_code}"
