"""Intelligence: 3x5x2 grading, categories, raised from an alert or by hand."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from custodiet.db import session_scope
from custodiet.intelligence.service import create_report, grading
from custodiet.users.principal import InvalidInput
from tests.web.conftest import Web
from tests.web.world import principal


def test_grading_is_validated(web: Web) -> None:
    with session_scope(web.db_url) as s:
        analyst = principal(s, "analyst")
        base = {
            "force": "SY",
            "staff_id": "PC1002",
            "category": "disclosure_of_information",
            "summary": "Passing information",
            "source_evaluation": "1",
            "intelligence_assessment": "A",
            "handling_code": "P",
        }
        report = create_report(s, viewer=analyst, **base)
        assert grading(report) == "1A P" and report.reference.startswith("SY-INT-")
        for bad in (
            {"source_evaluation": "4"},
            {"intelligence_assessment": "F"},
            {"handling_code": "X"},
            {"handling_code": "C"},
            {"category": "parking"},
        ):
            with pytest.raises(InvalidInput):
                create_report(s, viewer=analyst, **(base | bad))
        assert (
            grading(
                create_report(
                    s,
                    viewer=analyst,
                    **(
                        base
                        | {
                            "handling_code": "C",
                            "handling_conditions": "Not to be shared outside PSD",
                        }
                    ),
                )
            )
            == "1A C"
        )
        subject = principal(s, "subject_analyst")
        with pytest.raises(InvalidInput, match="yourself"):
            create_report(s, viewer=subject, **(base | {"staff_id": "PC1001"}))


def test_raise_intelligence_from_an_alert(web: Web, seed: Callable[..., int]) -> None:
    alert_id = seed(staff_id="PC1002")
    client = web.client("analyst")
    form = client.get("/intelligence/new", params={"alert_id": alert_id})
    assert form.status_code == 200 and "PC1002" in form.text
    resp = client.post(
        "/intelligence",
        data={
            "alert_id": str(alert_id),
            "force": "SY",
            "category": "apsp",
            "source_evaluation": "2",
            "intelligence_assessment": "B",
            "handling_code": "P",
            "summary": "Repeated look-ups of a victim",
            "content": "See alert",
            "csrf_token": client.csrf,  # type: ignore[attr-defined]
        },
    )
    assert resp.status_code == 303, resp.text
    report = client.get("/api" + resp.headers["location"]).json()
    assert (
        report["alert_id"] == alert_id
        and report["staff_id"] == "PC1002"
        and report["category"] == "apsp"
    )
    assert "2B P" in client.get(resp.headers["location"]).text
    bad = client.post(
        "/intelligence",
        data={
            "force": "SY",
            "category": "apsp",
            "source_evaluation": "9",
            "intelligence_assessment": "B",
            "handling_code": "P",
            "summary": "x",
            "csrf_token": client.csrf,  # type: ignore[attr-defined]
        },
    )
    assert bad.status_code == 422 and "Source evaluation" in bad.text
