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
