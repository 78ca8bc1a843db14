"""Cases: APSP referral deadlines, restriction, assignment, outcomes and the barred list."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from custodiet.cases.models import Allegation
from custodiet.cases.service import (
    add_allegation,
    assign_case,
    conclude_case,
    open_case,
    record_outcome,
    record_referral,
    referral_deadline,
    referral_state,
    uk_today,
)
from custodiet.db import session_scope
from custodiet.users.principal import InvalidInput
from tests.web.conftest import Web
from tests.web.world import principal


def test_referral_deadline_is_end_of_the_next_day() -> None:
    allegation = Allegation(
        category="apsp", received=date(2026, 3, 2), referral_trigger_date=date(2026, 3, 4)
    )
    assert referral_deadline(allegation) == date(2026, 3, 5)
    assert referral_state(allegation, today=date(2026, 3, 5)) == "due"
    assert referral_state(allegation, today=date(2026, 3, 6)) == "overdue"
    allegation.referred_to_iopc = date(2026, 3, 5)
    assert referral_state(allegation, today=date(2026, 3, 9)) == "referred_on_time"
    allegation.referred_to_iopc = date(2026, 3, 6)
    assert referral_state(allegation) == "referred_late"
    other = Allegation(category="drugs", received=date(2026, 3, 2))
    assert referral_deadline(other) is None and referral_state(other) == "not_required"
    other.referral_required = True
    assert referral_deadline(other) == date(2026, 3, 3)


def test_apsp_is_always_referred_and_case_concludes_only_when_done(web: Web) -> None:
    with session_scope(web.db_url) as s:
        head = principal(s, "head")
        case = open_case(s, viewer=head, force="SY", title="APSP", subjects=["PC1002"])
        allegation = add_allegation(
            s,
            viewer=head,
            case=case,
            staff_id="PC1002",
            category="apsp",
            received=uk_today() - timedelta(days=5),
        )
        assert (
            allegation.referral_required and allegation.referral_trigger_date == allegation.received
        )
        assert referral_state(allegation) == "overdue"
        record_outcome(
            s,
            viewer=head,
            case=case,
            allegation=allegation,
            outcome="dismissed",
            outcome_date=uk_today(),
        )
        with pytest.raises(InvalidInput, match="IOPC"):
            conclude_case(s, viewer=head, case=case)
        record_referral(s, viewer=head, case=case, allegation=allegation, referred_on=uk_today())
        conclude_case(s, viewer=head, case=case)
        assert case.status == "concluded"
        with pytest.raises(InvalidInput, match="future"):
            record_referral(
                s,
                viewer=head,
                case=case,
                allegation=allegation,
                referred_on=uk_today() + timedelta(days=2),
            )
        case_id = case.id
    page = web.client("head").get(f"/cases/{case_id}").text
    assert "barred list" in page and 'id="barred-prompt"' in page
    assert 'id="overdue-banner"' not in page


def test_nobody_is_assigned_a_case_about_themselves(web: Web) -> None:
    with session_scope(web.db_url) as s:
        head = principal(s, "head")
        case = open_case(s, viewer=head, force="SY", title="About PC1003", subjects=["PC1003"])
        with pytest.raises(InvalidInput, match="subject"):
            assign_case(s, viewer=head, case=case, username="subject_head")
        with pytest.raises(InvalidInput, match="cannot work on cases"):
            assign_case(s, viewer=head, case=case, username="analyst")
        with pytest.raises(InvalidInput, match="another force"):
            assign_case(s, viewer=head, case=case, username="other_head")
        assign_case(s, viewer=head, case=case, username="investigator")
        assert case.assigned_to == "investigator"
        subject_head = principal(s, "subject_head")
        with pytest.raises(InvalidInput, match="yourself"):
            open_case(s, viewer=subject_head, force="SY", title="Me", subjects=["PC1003"])


def test_case_pages_record_allegation_referral_and_outcome(web: Web) -> None:
    client = web.client("head")
    resp = client.post(
        "/cases", data={"title": "By hand", "subjects": "PC1002", "csrf_token": client.csrf}
    )  # type: ignore[attr-defined]
    assert resp.status_code == 303
    url = resp.headers["location"]
    received = (uk_today() - timedelta(days=1)).isoformat()
    resp = client.post(
        f"{url}/allegations",
        data={
            "staff_id": "PC1002",
            "category": "apsp",
            "received": received,
            "source": "colleague",
            "victim_markers": ["domestic_abuse_victim", "vulnerable_adult"],
            "csrf_token": client.csrf,  # type: ignore[attr-defined]
        },
    )
    assert resp.status_code == 303
    page = client.get(url).text
    assert "IOPC referral required" in page and "Vulnerable adult" in page
    case = client.get("/api" + url).json()
    allegation = case["allegations"][0]
    assert allegation["referral_state"] == "due" and allegation["victim_markers"] == [
        "domestic_abuse_victim",
        "vulnerable_adult",
    ]
    aid = allegation["id"]
    client.post(
        f"{url}/allegations/{aid}/referral",
        data={"referred_on": uk_today().isoformat(), "csrf_token": client.csrf},
    )  # type: ignore[attr-defined]
    client.post(
        f"{url}/allegations/{aid}/iopc-decision",
        data={"mode": "directed", "csrf_token": client.csrf},
    )  # type: ignore[attr-defined]
    client.post(
        f"{url}/allegations/{aid}/outcome", data={"outcome": "dismissed", "csrf_token": client.csrf}
    )  # type: ignore[attr-defined]
    client.post(f"{url}/severity", data={"severity": "gross_misconduct", "csrf_token": client.csrf})  # type: ignore[attr-defined]
    case = client.get("/api" + url).json()
    allegation = case["allegations"][0]
    assert (
        allegation["referral_state"] == "referred_on_time" and allegation["iopc_mode"] == "directed"
    )
    assert allegation["outcome"] == "dismissed" and case["severity"] == "gross_misconduct"
    assert 'id="barred-prompt"' in client.get(url).text
    client.post(f"{url}/allegations/{aid}/barred-list", data={"csrf_token": client.csrf})  # type: ignore[attr-defined]
    assert 'id="barred-prompt"' not in client.get(url).text
    dashboard = client.get("/api/dashboard").json()
    assert dashboard["referral_states"]["referred_on_time"] == 1 and dashboard["dismissals"] == 1


def test_restricted_case_only_for_named_users(web: Web) -> None:
    client = web.client("head")
    resp = client.post(
        "/cases",
        data={
            "title": "Sensitive",
            "subjects": "PC2002",
            "restricted": "1",
            "csrf_token": client.csrf,
        },
    )  # type: ignore[attr-defined]
    url = resp.headers["location"]
    assert web.client("head2").get(url).status_code == 404
    client.post(
        f"{url}/restriction",
        data={"restricted": "1", "members": "head2", "csrf_token": client.csrf},
    )  # type: ignore[attr-defined]
    assert web.client("head2").get(url).status_code == 200
    assert web.client("subject_head").get(url).status_code == 404
