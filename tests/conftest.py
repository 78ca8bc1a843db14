"""Shared fixtures: a data home, the operational store on SQLite and PostgreSQL, packages."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from custodiet.db import upgrade
from tests.fixtures.packages import write_small_package

PG_ADMIN_URL = os.environ.get(
    "CUSTODIET_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _pg_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL.replace("+psycopg", ""), connect_timeout=3):
            return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def pg_available() -> bool:
    """Whether PostgreSQL answers; in CI it must (see .ci/run)."""
    ok = _pg_available()
    if not ok and os.environ.get("CI"):
        raise RuntimeError(
            f"PostgreSQL is not reachable at {PG_ADMIN_URL}; .ci/run should start it"
        )
    return ok


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, pg_available: bool) -> Iterator[str]:
    """A freshly migrated operational store, on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
        upgrade(url)
        yield url
        return
    if not pg_available:
        pytest.skip("PostgreSQL not reachable (it is required in CI)")
    import psycopg

    name = f"custodiet_t_{uuid.uuid4().hex[:12]}"
    admin = PG_ADMIN_URL.replace("+psycopg", "")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    upgrade(url)
    try:
        yield url
    finally:
        from custodiet.db import _ENGINES

        engine = _ENGINES.pop(url, None)
        if engine is not None:
            engine.dispose()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """An empty data home."""
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def small_package(tmp_path: Path) -> Path:
    """A small, clean FDP package written by the test builder."""
    return write_small_package(tmp_path / "pkg")
