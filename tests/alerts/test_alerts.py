"""The alert queue and dispositions: filters, counts, paging, and feedback to detection."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from custodiet.alerts.models import Alert, Suppression
from custodiet.alerts.service import AlertFilter, list_alerts, status_counts
from custodiet.db import session_scope
from tests.web.conftest import Web
from tests.web.world import principal


def test_queue_filters_sorts_pages_and_counts(web: Web, seed: Callable[..., int]) -> None:
    for i in range(30):
        seed(
            staff_id=f"PC{3000 + i}",
            nominal_id=f"NX{i}",
            score=float(i),
            rule_family="breadth" if i % 3 == 0 else "repeat_lookup",
            status="closed" if i < 5 else "new",
        )
    with session_scope(web.db_url) as session:
        head = principal(session, "head")
        page = list_alerts(session, viewer=head, flt=AlertFilter(), page=1, per_page=25)
        assert page.total == 25 and [a.score for a in page.items][:3] == [29.0, 28.0, 27.0]
        page2 = list_alerts(
            session, viewer=head, flt=AlertFilter(status="all"), page=2, per_page=25
        )
        assert len(page2.items) == 5 and page2.pages == 2
        flt = AlertFilter(status="all", rule_family="breadth", min_score=10)
        assert {a.score for a in list_alerts(session, viewer=head, flt=flt).items} == {
            12,
            15,
            18,
            21,
            24,
            27,
        }
        counts = status_counts(session, viewer=head, flt=AlertFilter())
        assert counts == {"new": 25, "in_review": 0, "closed": 5, "open": 25, "all": 30}
        newest = list_alerts(session, viewer=head, flt=AlertFilter(status="all"), sort="staff")
        assert newest.items[0].staff_id == "PC3000"
    client = web.client("analyst")
    html = client.get(
        "/alerts", params={"rule": "breadth", "min_score": "20", "sort": "score"}
    ).text
    assert "PC3027" in html and "PC3018" not in html
    data = client.get("/api/alerts", params={"status": "closed"}).json()
    assert data["total"] == 5 and data["counts"]["closed"] == 5
    assert all(item["subject"].startswith("Person ") for item in data["items"])


def test_explained_disposition_suppresses_the_pattern(web: Web, seed: Callable[..., int]) -> None:
    alert_id = seed(staff_id="PC1002", nominal_id="N9", rule_family="repeat_lookup")
    analyst = web.client("analyst")
    resp = analyst.post(
        f"/alerts/{alert_id}/disposition",
        data={"disposition": "explained", "reason": "", "csrf_token": analyst.csrf},
    )  # type: ignore[attr-defined]
    assert resp.status_code == 303
    assert (
        "Say what explains" in analyst.get(f"/alerts/{alert_id}").text
    )  # refused without a reason
    resp = analyst.post(
        f"/alerts/{alert_id}/disposition",
        data={
            "disposition": "explained",
            "reason": "Family liaison officer for this victim",
            "csrf_token": analyst.csrf,
        },  # type: ignore[attr-defined]
    )
    assert resp.status_code == 303
    with session_scope(web.db_url) as session:
        alert = session.get(Alert, alert_id)
        assert alert is not None and alert.status == "closed" and alert.disposition == "explained"
        assert alert.disposition_by == "analyst" and alert.disposition_at is not None
        suppression = session.scalars(select(Suppression)).one()
        assert (
            suppression.force,
            suppression.staff_id,
            suppression.nominal_id,
            suppression.rule_family,
        ) == ("SY", "PC1002", "N9", "repeat_lookup")
        assert suppression.source_alert_id == alert_id and suppression.expires_at is None
    resp = analyst.post(
        f"/alerts/{alert_id}/reopen", data={"reason": "New information", "csrf_token": analyst.csrf}
    )  # type: ignore[attr-defined]
    assert resp.status_code == 303
    with session_scope(web.db_url) as session:
        alert = session.get(Alert, alert_id)
        assert alert is not None and alert.status == "in_review" and alert.disposition is None
        assert session.scalars(select(Suppression)).one().expires_at is not None


def test_api_disposition_needs_the_csrf_header(web: Web, seed: Callable[..., int]) -> None:
    alert_id = seed(staff_id="PC1002")
    client = web.client("head")
    body = {"disposition": "substantiated", "reason": "Accessed for a personal reason"}
    assert client.post(f"/api/alerts/{alert_id}/disposition", json=body).status_code == 403
    token = client.get("/api/me").json()["csrf_token"]
    resp = client.post(
        f"/api/alerts/{alert_id}/disposition", json=body, headers={"X-CSRF-Token": token}
    )
    assert resp.status_code == 200, resp.text
    assert resp.json()["status"] == "closed" and resp.json()["disposition"] == "substantiated"
    detail = client.get(f"/api/alerts/{alert_id}").json()
    assert detail["people"][0]["pseudonym"].startswith("Person ")
    assert "NOMSECRET" not in str(detail)


def test_alert_page_shows_timeline_and_profile_sections(web: Web, seed: Callable[..., int]) -> None:
    alert_id = seed(staff_id="PC1002")
    html = web.client("analyst").get(f"/alerts/{alert_id}").text
    assert 'id="timeline-spec"' in html and "Rostered shift" in html and "Tasking" in html
    assert "Peer comparison" in html and "Earlier alerts" in html and "Take for review" in html
    assert "NOMSECRET" not in html
