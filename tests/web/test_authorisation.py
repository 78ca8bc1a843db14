"""Route-by-route authorisation: each role sees exactly what it should, anonymous nothing,
and nobody ever sees alerts, intelligence, cases or vetting about themselves."""

from __future__ import annotations

import re
from dataclasses import fields

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
SY_VETTING_READERS = {"head", "subject_head", "head2", "vetting"}
VETTING_READERS = SY_VETTING_READERS | {"other_head"}
RETURN_READERS = HEADS | {"inspector"}
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
        "/vetting": only(VETTING_READERS),
        "/vetting?status=all": only(VETTING_READERS),
        "/api/vetting/backlog": only(VETTING_READERS),
        "/api/vetting/reviews": only(VETTING_READERS),
        f"/vetting/reviews/{w.v1}": only(SY_VETTING_READERS, hidden={"other_head"}),
        f"/vetting/reviews/{w.v_self}": only(
            SY_VETTING_READERS - {"subject_head"}, hidden={"subject_head", "other_head"}
        ),
        f"/vetting/reviews/{w.v_xx}": only({"other_head"}, hidden=SY_VETTING_READERS),
        "/vetting/people/SY/PC1002": only(SY_VETTING_READERS, hidden={"other_head"}),
        "/vetting/people/SY/PC1003": only(
            SY_VETTING_READERS - {"subject_head"}, hidden={"subject_head", "other_head"}
        ),
        "/vetting/people/XX/XX9": only({"other_head"}, hidden=SY_VETTING_READERS),
        "/vetting/people/SY/NOBODY": only(set(), hidden=VETTING_READERS),
        "/reports/return": only(RETURN_READERS),
        "/reports/return?format=csv": only(RETURN_READERS),
        "/api/reports/return": only(RETURN_READERS),
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
    "custodiet.vetting.",
    "custodiet.reports.",
)


def _mine(ctx: object) -> bool:
    """Whether a route belongs to the workbench (every domain the app serves)."""
    endpoint = getattr(ctx, "endpoint", None)
    return getattr(endpoint, "__module__", "").startswith(MY_MODULES)


def _route_pattern(route_path: str) -> re.Pattern[str]:
    """A route's path as a regex: each {parameter} matches one path segment."""
    parts = re.split(r"(\{[^}]+\})", route_path)
    return re.compile(
        "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts if p) + "$"
    )


def test_every_get_route_is_in_the_matrix(web: Web) -> None:
    w = World(*range(1, len(fields(World)) + 1))
    covered = {p.split("?")[0] for p in matrix(w)} | set(PUBLIC)
    served: set[str] = set()
    for ctx in iter_route_contexts(web.app.routes):
        methods = getattr(ctx, "methods", None) or set()
        if "GET" in methods and _mine(ctx):
            path = ctx.path or ""
            served.add(path)
            pattern = _route_pattern(path)
            assert any(pattern.match(p) for p in covered), f"{path} has no authorisation test"
    # The app serves every domain's pages (the vetting and returns routers are wired in).
    assert {"/alerts", "/vetting", "/api/vetting/backlog", "/reports/return"} <= served


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
    # Vetting: a head of standards never sees their own reviews; another force's head sees
    # none of this force's.
    for path in ("/vetting?status=all", "/api/vetting/reviews?status=all", "/api/vetting/backlog"):
        text = head_subject.get(path).text
        assert "PC1003" not in text, path
    for path in ("/vetting?status=all", "/api/vetting/reviews?status=all"):
        assert "PC1002" in head_subject.get(path).text, path
        assert "PC1003" in web.client("head").get(path).text, path
        other = web.client("other_head").get(path).text
        assert "XX9" in other and "PC100" not in other, path
    # Counts by status exclude the user's own alerts too.
    counts = subject.get("/api/alerts?status=all").json()["counts"]
    assert counts["all"] == 2  # a1 and a_head_self; not a_self, not force XX
    assert w.a_self


def test_nav_shows_vetting_and_returns_to_who_may_use_them(web: Web) -> None:
    for user in USERS:
        page = web.client(user).get("/account").text
        assert ('href="/vetting"' in page) == (user in VETTING_READERS), user
        assert ('href="/reports/return"' in page) == (user in RETURN_READERS), user


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
        f"/vetting/reviews/{w.v1}/decide": (
            {"decision": "continue", "reason": "no risk"},
            {"vetting"},
            set(),
        ),
        "/vetting/reviews/raise": ({}, {"vetting"}, set()),
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
    vetting = web.client("vetting")
    posted = set()
    for ctx in iter_route_contexts(web.app.routes):
        if "POST" not in (getattr(ctx, "methods", None) or set()) or not _mine(ctx):
            continue
        path = (
            ctx.path.replace("{alert_id}", str(w.a1))
            .replace("{case_id}", str(w.c1))
            .replace("{allegation_id}", str(w.allegation1))
            .replace("{username}", "vetting")
            .replace("{review_id}", str(w.v1))
        )
        assert "{" not in path, f"no value for {path}"
        # A user who may make the change, so that only the token can be what refuses it.
        client = (
            admin if path.startswith("/admin") else vetting if path.startswith("/vetting") else head
        )
        resp = client.post(path, data={"x": "1"})
        assert resp.status_code == 403, f"POST {path} without CSRF: {resp.status_code}"
        resp = client.post(path, data={"x": "1", "csrf_token": "forged"})
        assert resp.status_code == 403, f"POST {path} with a forged CSRF token: {resp.status_code}"
        posted.add(ctx.path)
    assert {"/vetting/reviews/raise", "/vetting/reviews/{review_id}/decide"} <= posted
