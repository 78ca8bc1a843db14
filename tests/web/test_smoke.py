"""The app starts, answers /healthz, and a user can log in and see their landing page."""

from __future__ import annotations

from collections.abc import Callable

from tests.web.conftest import Web


def test_healthz_without_login(web: Web) -> None:
    assert web.client().get("/healthz").status_code == 200


def test_login_and_pages(web: Web, seed: Callable[..., int]) -> None:
    alert_id = seed(staff_id="PC1002")
    client = web.client("head")
    assert client.get("/").headers["location"] == "/alerts"
    queue = client.get("/alerts")
    assert queue.status_code == 200, queue.text
    assert "PC1002" in queue.text
    detail = client.get(f"/alerts/{alert_id}")
    assert detail.status_code == 200, detail.text
    assert "Person " in detail.text and "NOMSECRET" not in detail.text
    for path in (
        "/cases",
        "/intelligence",
        "/dashboard",
        "/intelligence/new",
        "/cases/new",
        "/account",
    ):
        assert client.get(path).status_code == 200, path


def test_a_record_alert_page_names_the_record_and_each_look(
    web: Web, seed: Callable[..., int]
) -> None:
    from custodiet.alerts.models import Alert
    from custodiet.db import session_scope

    alert_id = seed(staff_id="PC1003", nominal_id=None, rule_family="record_repetition")
    look = {"system_id": "PNC", "action": "search", "nominal_id": None, "explained_by": [],
            "entity_type": "vehicle", "entity_id": "V7", "record": True}  # fmt: skip
    with session_scope(web.db_url) as session:
        alert = session.get(Alert, alert_id)
        assert alert is not None
        alert.evidence = {
            "events": [
                {**look, "event_id": "V1", "ts": "2026-01-05T09:00:00Z", "on_duty": True},
                {**look, "event_id": "V2", "ts": "2026-01-07T21:00:00Z", "on_duty": False},
            ],
            "shifts": [{"start": "2026-01-05T07:00:00Z", "end": "2026-01-05T17:00:00Z"}],
            "figures": {"entity_type": "vehicle", "entity_id": "V7", "days": 2, "events": 2,
                        "others": 0},
        }  # fmt: skip
    page = web.client("head").get(f"/alerts/{alert_id}")
    assert page.status_code == 200, page.text
    assert "a record that names nobody (vehicle V7)" in page.text
    assert "Search before an access" not in page.text
    assert "Looks at the record" in page.text and "Off duty" in page.text
