"""Session cookie, headers, redirects, throttling over HTTP, pseudonyms."""

from __future__ import annotations

from fastapi.testclient import TestClient

from custodiet.config import Settings
from custodiet.pseudonym import age_band, describe_person, pseudonym, pseudonym_with_description
from custodiet.web.app import create_app
from tests.web.conftest import Web, csrf_of
from tests.web.seed import PASSWORD


def _login(client: TestClient, username: str, password: str, next_: str = "/") -> object:
    token = csrf_of(client.get("/login").text)
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token, "next": next_},
    )


def test_session_cookie_flags_and_fresh_session_on_login(web: Web) -> None:
    client = TestClient(web.app, follow_redirects=False)
    client.get("/login")
    before = client.cookies.get("custodiet_session")
    resp = _login(client, "head", PASSWORD)
    cookie = resp.headers["set-cookie"]  # type: ignore[attr-defined]
    assert (
        "httponly" in cookie.lower()
        and "samesite=lax" in cookie.lower()
        and "secure" not in cookie.lower()
    )
    assert client.cookies.get("custodiet_session") != before
    secure_app = create_app(
        Settings(home=web.settings.home, db_url=web.db_url), secure_cookies=True, secret_key="x"
    )
    secure = TestClient(secure_app, base_url="https://testserver", follow_redirects=False)
    resp = _login(secure, "head", PASSWORD)
    assert "secure" in resp.headers["set-cookie"].lower()  # type: ignore[attr-defined]


def test_headers_and_safe_redirects(web: Web) -> None:
    client = TestClient(web.app, follow_redirects=False)
    resp = client.get("/login")
    assert resp.headers["x-frame-options"] == "DENY"
    assert "default-src 'self'" in resp.headers["content-security-policy"]
    assert resp.headers["cache-control"] == "no-store"
    assert (
        client.get("/alerts?status=new").headers["location"] == "/login?next=/alerts%3Fstatus%3Dnew"
    )
    assert _login(client, "head", PASSWORD, "//evil.example/").headers["location"] == "/"  # type: ignore[attr-defined]
    assert client.get("/static/vendor/htmx.min.js").status_code == 200


def test_throttled_login_over_http(web: Web) -> None:
    client = TestClient(web.app, follow_redirects=False)
    for _ in range(5):
        assert _login(client, "analyst", "wrong-password").status_code == 401  # type: ignore[attr-defined]
    resp = _login(client, "analyst", PASSWORD)
    assert resp.status_code == 429 and "Too many" in resp.text  # type: ignore[attr-defined]


def test_disabled_user_loses_session(web: Web) -> None:
    analyst = web.client("analyst")
    assert analyst.get("/alerts").status_code == 200
    admin = web.client("admin")
    assert (
        admin.post("/admin/users/analyst/disable", data={"csrf_token": admin.csrf}).status_code
        == 303
    )  # type: ignore[attr-defined]
    assert analyst.get("/alerts").status_code == 303


def test_pseudonyms_are_stable_keyed_and_described(monkeypatch: object) -> None:
    assert pseudonym("SY", "N1") == pseudonym("SY", "N1")
    assert pseudonym("SY", "N1") != pseudonym("XX", "N1")
    assert len(pseudonym("SY", "N1")) == len("Person 7F3A")
    import pytest

    mp = pytest.MonkeyPatch()
    mp.setenv("CUSTODIET_PSEUDONYM_KEY_SY", "another-key")
    changed = pseudonym("SY", "N1")
    mp.undo()
    assert changed != pseudonym("SY", "N1")
    assert age_band(2001, at_year=2026) == "20s" and age_band(2012, at_year=2026) == "under 18"
    assert describe_person(
        markers=["domestic_abuse_victim"], sex="F", birth_year=2001, at_year=2026
    ) == ("domestic-abuse victim, F, 20s")
    assert pseudonym_with_description("SY", "N1", at_year=2026).startswith("Person ")
