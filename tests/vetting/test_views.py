"""Workbench pages for vetting and the return: who may see and do what."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from custodiet.config import Settings
from custodiet.db import session_scope
from custodiet.ingest.service import import_package
from custodiet.users.models import User
from custodiet.vetting.models import VettingReview
from tests.fixtures.vetting_package import write_vetting_package
from tests.web import seed
from tests.web.seed import FORCE, PASSWORD, seed_users

CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')


@pytest.fixture
def app(db_url: str, tmp_path: Path) -> Iterator[FastAPI]:
    """The workbench with the vetting and reports routers, over the vetting test force."""
    from custodiet.reports.views import domain_routers
    from custodiet.web.app import create_app

    home = tmp_path / "home"
    home.mkdir()
    # The pages judge on today's date: look back far enough to see the fixture's triggers.
    (home / "vetting.toml").write_text("lookback_days = 100000\n", encoding="utf-8")
    import_package(
        lake_path=home / "lake.duckdb",
        db_url=db_url,
        package=write_vetting_package(tmp_path / "vt", force=FORCE),
    )
    with session_scope(db_url) as session:
        seed_users(session)
        session.add(
            User(
                username="vetting_self",
                display_name="Self",
                active=True,
                password_hash=seed._HASH[0],
                role="vetting_officer",
                force=FORCE,
                staff_id="C003",
            )
        )
    application = create_app(Settings(home=home, db_url=db_url), secret_key="test-secret")
    if not any(getattr(r, "path", "") == "/vetting" for r in application.routes):
        for router in domain_routers():
            application.include_router(router)
    yield application


def login(app: FastAPI, username: str) -> tuple[TestClient, str]:
    client = TestClient(app, follow_redirects=False)
    match = CSRF.search(client.get("/login").text)
    assert match
    resp = client.post(
        "/login",
        data={
            "username": username,
            "password": PASSWORD,
            "csrf_token": match.group(1),
            "next": "/",
        },
    )
    assert resp.status_code == 303, resp.text[:300]
    match = CSRF.search(client.get("/account").text)
    assert match
    return client, match.group(1)


def test_vetting_officer_raises_and_decides(app: FastAPI, db_url: str) -> None:
    client, csrf = login(app, "vetting")
    page = client.get("/vetting")
    assert page.status_code == 200 and "C003" in page.text and "Below their post" in page.text
    assert client.post("/vetting/reviews/raise", data={}).status_code == 403  # no CSRF token
    assert client.post("/vetting/reviews/raise", data={"csrf_token": csrf}).status_code == 303
    assert client.post("/vetting/reviews/raise", data={"csrf_token": csrf}).status_code == 303
    with session_scope(db_url) as session:
        reviews = {r.staff_id: r.id for r in session.scalars(select(VettingReview))}
    assert set(reviews) == {"B002", "C003", "H008"}  # raised once each
    api = client.get("/api/vetting/backlog").json()
    assert {"A001", "C003", "G007"} <= {
        i["staff_id"] for i in api["items"] if i["kind"] == "below_required"
    }
    rid = reviews["B002"]
    assert client.get(f"/vetting/reviews/{rid}").status_code == 200
    bad = client.post(
        f"/vetting/reviews/{rid}/decide",
        data={"csrf_token": csrf, "decision": "continue", "reason": ""},
    )
    assert bad.status_code == 422
    ok = client.post(
        f"/vetting/reviews/{rid}/decide",
        data={"csrf_token": csrf, "decision": "continue", "reason": "no risk"},
    )
    assert ok.status_code == 303
    assert "no risk" in client.get(f"/vetting/reviews/{rid}").text
    person = client.get(f"/vetting/people/{FORCE}/C003")
    assert person.status_code == 200 and "NPPV3" in person.text
    assert client.get(f"/vetting/people/{FORCE}/NOBODY").status_code == 404


def test_vetting_access_by_role_and_self(app: FastAPI, db_url: str) -> None:
    with session_scope(db_url) as session:
        session.add(
            VettingReview(
                review_key="k-self",
                force=FORCE,
                staff_id="C003",
                trigger="post_move",
                trigger_ref="x",
                trigger_date=date(2026, 1, 5),
                detail="move",
                due_date=date(2026, 1, 19),
                owner="vetting unit",
            )
        )
    with session_scope(db_url) as session:
        rid = session.scalars(select(VettingReview.id)).one()
    for user in ("analyst", "inspector", "auditor", "investigator"):
        client, _ = login(app, user)
        assert client.get("/vetting").status_code == 403, user
        assert client.get("/api/vetting/backlog").status_code == 403, user
    head, csrf = login(app, "head")  # may view, may not act
    assert head.get(f"/vetting/reviews/{rid}").status_code == 200
    assert head.post("/vetting/reviews/raise", data={"csrf_token": csrf}).status_code == 403
    other, _ = login(app, "other_head")  # another force
    assert other.get(f"/vetting/reviews/{rid}").status_code == 404
    assert other.get(f"/vetting/people/{FORCE}/C003").status_code == 404
    me, _ = login(app, "vetting_self")  # staff member C003: never their own record
    assert me.get(f"/vetting/reviews/{rid}").status_code == 404
    assert me.get(f"/vetting/people/{FORCE}/C003").status_code == 404
    assert "C003" not in me.get("/vetting").text
    assert "C003" not in me.get("/api/vetting/backlog").text
    assert "C003" not in me.get("/api/vetting/reviews").text


def test_return_pages_force_and_national(app: FastAPI) -> None:
    query = "from=2026-01-01&to=2026-03-01"
    head, _ = login(app, "head")
    page = head.get(f"/reports/return?{query}")
    assert page.status_code == 200 and "<svg" in page.text
    assert page.text.index("<svg") < page.text.index("<table")
    data = head.get(f"/api/reports/return?{query}").json()
    assert data["force"] == FORCE and data["audience"] == "force"
    assert data["vetting_compliance"]["share"] == 0.5714
    pdf = head.get(f"/reports/return?{query}&format=pdf")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    inspector, _ = login(app, "inspector")
    national = inspector.get(f"/api/reports/return?{query}").json()
    assert national["audience"] == "national" and national["force"] is None
    assert national["late_referrals"] == []
    text = inspector.get(f"/reports/return?{query}").text
    assert "National aggregate" in text
    for staff_id in ("A001", "B002", "C003", "PC10"):
        assert staff_id not in text
    assert inspector.get("/reports/return?from=2026-03-01&to=2026-01-01").status_code == 422
    for user in ("analyst", "vetting", "auditor"):
        client, _ = login(app, user)
        assert client.get(f"/reports/return?{query}").status_code == 403, user
