"""The workbench in a real browser: log in, triage an alert to a case, record an APSP
allegation and see it flagged until referred, reveal a pseudonym with a reason."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from custodiet.cases.service import uk_today
from tests.e2e.conftest import LiveServer
from tests.web.seed import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser context and page."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def login(page: Any, server: LiveServer, username: str) -> None:
    """Log in through the form."""
    page.goto(server.url + "/")
    assert "/login" in page.url
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "/login" not in page.url, page.content()[:2000]


def test_wrong_password_is_refused(page: Any, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/login")
    page.fill("input[name=username]", "head")
    page.fill("input[name=password]", "not-the-password")
    page.click("button[type=submit]")
    assert page.locator(".flash.error").is_visible()
    assert "/login" in page.url


def test_triage_alert_to_case_with_apsp_allegation_flagged_until_referred(
    page: Any, live_server: LiveServer
) -> None:
    login(page, live_server, "head")
    # The queue, highest score first; open the alert.
    assert page.locator("#alert-table tbody tr").count() == 2
    page.click(f"#alert-table a[href='/alerts/{live_server.alert_id}'] >> nth=0")
    page.wait_for_url(f"**/alerts/{live_server.alert_id}")
    assert page.locator("h1").inner_text().startswith(f"Alert {live_server.alert_id}")
    # The timeline chart renders (Vega-Lite, vendored).
    page.wait_for_selector("#timeline svg")
    page.click("text=Take for review")
    assert page.locator("#alert-status").inner_text() == "In review"
    # Triage to a case.
    page.click("#open-case")
    page.wait_for_url(re.compile(r".*/cases/\d+$"))
    case_url = page.url
    assert "PC1001" in page.locator("h1").inner_text()
    # Record an APSP allegation received three days ago: it is overdue for IOPC referral.
    received = (uk_today() - timedelta(days=3)).isoformat()
    form = page.locator("#allegation-form")
    form.locator("select[name=category]").select_option("apsp")
    form.locator("input[name=received]").fill(received)
    form.locator("input[name=source]").fill("audit analysis")
    form.locator("input[value=domestic_abuse_victim]").check()
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#overdue-banner")
    assert "IOPC referral overdue" in page.locator("#overdue-banner").inner_text()
    assert page.locator("[data-referral-state]").inner_text() == "Overdue"
    # The dashboard flags it.
    page.goto(live_server.url + "/dashboard")
    assert page.locator("#overdue-stat .n").inner_text() == "1"
    assert page.locator("#overdue-referrals tbody tr").count() == 1
    page.wait_for_selector(".chart svg")
    # The case list flags it too.
    page.goto(live_server.url + "/cases")
    assert page.locator("#case-table tr.overdue").count() == 1
    # Refer it: the flag goes, the referral is recorded as late.
    page.goto(case_url)
    page.fill("input[name=iopc_reference]", "IOPC-2026-0001")
    page.click("text=Record referral")
    page.wait_for_selector(".flash.ok")
    assert page.locator("#overdue-banner").count() == 0
    assert page.locator("[data-referral-state]").inner_text() == "Referred late"
    page.goto(live_server.url + "/dashboard")
    assert page.locator("#overdue-stat .n").inner_text() == "0"


def test_reveal_pseudonym_with_reason(page: Any, live_server: LiveServer) -> None:
    login(page, live_server, "analyst")
    page.goto(f"{live_server.url}/alerts/{live_server.alert_id}")
    person = page.locator(".person").first
    text = person.inner_text()
    assert re.search(r"Person [0-9A-F]{4} — domestic-abuse victim, F, \d0s", text), text
    assert not re.search(r"\bN1\b", page.locator("main").inner_text())  # never the real id
    person.locator("summary").click()
    person.locator("input[name=reason]").fill(
        "Checking whether the victim was re-contacted, op BRAVO"
    )
    person.locator("button:has-text('Reveal')").click()
    revealed = page.locator(".revealed-id")
    revealed.wait_for()
    assert revealed.inner_text() == "N1"
    # The reveal is in the audit trail.
    with page.expect_navigation():
        page.locator(".whoami button").click()
    login(page, live_server, "auditor")
    page.goto(live_server.url + "/audit?action=reveal")
    assert "op BRAVO" in page.locator("table.data").inner_text()
