"""Workbench fixtures: an app on a fresh store (SQLite and PostgreSQL), logged-in clients."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from custodiet.config import Settings
from custodiet.db import session_scope
from tests.web.seed import PASSWORD, seed_users

CSRF_META = re.compile(r'name="csrf-token" content="([^"]+)"')


def csrf_of(html: str) -> str:
    """The CSRF token in a page."""
    match = CSRF_META.search(html)
    assert match, "no CSRF token in page"
    return match.group(1)


@dataclass
class Web:
    """An app with seeded users, and a way to get logged-in clients."""

    app: FastAPI
    settings: Settings

    @property
    def db_url(self) -> str:
        """The store."""
        return self.settings.db_url

    def client(self, username: str | None = None) -> TestClient:
        """A client, logged in as `username` if given (with its CSRF token in .csrf)."""
        client = TestClient(self.app, follow_redirects=False)
        page = client.get("/login")
        token = csrf_of(page.text)
        if username:
            resp = client.post(
                "/login",
                data={"username": username, "password": PASSWORD, "csrf_token": token, "next": "/"},
            )
            assert resp.status_code == 303, resp.text[:500]
            token = csrf_of(client.get("/account").text)
        client.csrf = token  # type: ignore[attr-defined]
        return client


@pytest.fixture
def web(db_url: str, tmp_path: Path) -> Iterator[Web]:
    """The workbench on a fresh store with one user per role."""
    from custodiet.web.app import create_app

    home = tmp_path / "home"
    home.mkdir()
    settings = Settings(home=home, db_url=db_url)
    with session_scope(db_url) as session:
        seed_users(session)
    app = create_app(settings, secret_key="test-secret")
    yield Web(app=app, settings=settings)


@pytest.fixture
def seed(web: Web) -> Callable[..., int]:
    """Write an alert into the store; returns its id."""
    from tests.web.seed import make_alert

    def make(**kwargs: object) -> int:
        with session_scope(web.db_url) as session:
            return make_alert(session, **kwargs).id  # type: ignore[arg-type]

    return make
