"""The audit trail: append-only, and every view of a person's data is recorded."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from custodiet.audit.models import AppendOnlyError, AuditEvent
from custodiet.audit.service import record
from custodiet.db import session_scope
from tests.web.conftest import Web


def test_audit_rows_cannot_be_changed_or_deleted(db_url: str) -> None:
    with session_scope(db_url) as session:
        record(
            session,
            actor=None,
            actor_name="cli",
            action="create",
            object_type="user",
            object_id="x",
        )
    with pytest.raises(AppendOnlyError), session_scope(db_url) as session:
        row = session.scalars(select(AuditEvent)).one()
        row.summary = "tampered"
    with pytest.raises(AppendOnlyError), session_scope(db_url) as session:
        session.delete(session.scalars(select(AuditEvent)).one())


def test_views_and_changes_are_recorded(web: Web, seed: Callable[..., int]) -> None:
    alert_id = seed(staff_id="PC1002")
    head = web.client("head")
    head.get(f"/alerts/{alert_id}")
    head.post(
        f"/alerts/{alert_id}/disposition",
        data={"disposition": "false_positive", "reason": "", "csrf_token": head.csrf},
    )  # type: ignore[attr-defined]
    auditor = web.client("auditor")
    events = auditor.get("/api/audit", params={"object_type": "alert"}).json()
    actions = {(e["actor"], e["action"], e["subject_staff_id"]) for e in events}
    assert ("head", "view", "PC1002") in actions
    assert ("head", "dispose", "PC1002") in actions
    assert any(
        e["action"] == "login"
        for e in auditor.get("/api/audit", params={"object_type": "session"}).json()
    )
    page = auditor.get("/audit", params={"actor": "head"})
    assert page.status_code == 200 and "closed as false_positive" in page.text


def test_page_and_api_views_name_the_staff_member_they_concern(web: Web) -> None:
    from tests.web.world import build_world

    w = build_world(web.db_url)
    head = web.client("head")
    for path in (
        f"/alerts/{w.a1}",
        f"/api/alerts/{w.a1}",
        f"/cases/{w.c1}",
        f"/api/cases/{w.c1}",
        f"/intelligence/{w.i1}",
        f"/api/intelligence/{w.i1}",
    ):
        assert head.get(path).status_code == 200, path
    auditor = web.client("auditor")
    for object_type, object_id in (("alert", w.a1), ("case", w.c1), ("intelligence", w.i1)):
        views = [
            e
            for e in auditor.get("/api/audit", params={"object_type": object_type}).json()
            if e["action"] == "view" and str(e["object_id"]) == str(object_id)
        ]
        summaries = sorted(e["summary"].split(" ")[0] for e in views)
        assert summaries == ["API", "viewed"], (object_type, summaries)
        assert {e["subject_staff_id"] for e in views} == {"PC1002"}, object_type
