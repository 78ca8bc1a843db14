"""Users: creation rules, argon2 passwords, throttled login, the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from custodiet.audit.models import AuditEvent
from custodiet.db import session_scope
from custodiet.users.models import RolePermission, User
from custodiet.users.permissions import DEFAULT_ROLE_PERMISSIONS, ROLES
from custodiet.users.service import (
    MAX_FAILURES,
    UserError,
    add_user,
    authenticate,
    disable_user,
    ensure_role_permissions,
    role_permissions,
)


def test_roles_are_exactly_the_seven() -> None:
    assert ROLES == (
        "analyst",
        "investigator",
        "head_of_standards",
        "vetting_officer",
        "inspector",
        "auditor",
        "admin",
    )
    assert set(DEFAULT_ROLE_PERMISSIONS) == set(ROLES)
    assert not DEFAULT_ROLE_PERMISSIONS["admin"] & {"alerts:view", "cases:view_all", "intel:view"}
    assert DEFAULT_ROLE_PERMISSIONS["inspector"] == {"dashboard:aggregate", "reports:view"}


def test_permissions_are_data(db_url: str) -> None:
    with session_scope(db_url) as session:
        added = ensure_role_permissions(session)
        assert added == sum(len(p) for p in DEFAULT_ROLE_PERMISSIONS.values())
        assert ensure_role_permissions(session) == 0
        session.add(RolePermission(role="auditor", permission="dashboard:aggregate"))
    with session_scope(db_url) as session:
        perms = role_permissions(session, cache_key=db_url + "fresh")
        assert "dashboard:aggregate" in perms["auditor"]


def test_add_user_rules(db_url: str) -> None:
    with session_scope(db_url) as session:
        user = add_user(session, username="ana", role="analyst", password="long-enough", force="SY")
        assert user.password_hash.startswith("$argon2id$")
        assert "long-enough" not in user.password_hash
        with pytest.raises(UserError, match="exists"):
            add_user(session, username="ana", role="analyst", password="long-enough")
        with pytest.raises(UserError, match="unknown role"):
            add_user(session, username="bob", role="superuser", password="long-enough")
        with pytest.raises(UserError, match="8 characters"):
            add_user(session, username="bob", role="analyst", password="short")
        with pytest.raises(UserError, match="--force"):
            add_user(
                session, username="bob", role="analyst", password="long-enough", staff_id="PC1"
            )


def test_login_is_throttled_after_repeated_failures(db_url: str) -> None:
    with session_scope(db_url) as session:
        add_user(session, username="ana", role="analyst", password="right-password")
    for _ in range(MAX_FAILURES):
        with session_scope(db_url) as session:
            result = authenticate(session, username="ana", password="wrong", ip="10.0.0.1")
            assert result.user is None and not result.throttled
    with session_scope(db_url) as session:
        result = authenticate(session, username="ana", password="right-password", ip="10.0.0.1")
        assert result.throttled and result.user is None
    with session_scope(db_url) as session:  # another address is not throttled
        assert authenticate(session, username="ana", password="right-password", ip="10.0.0.2").user


def test_disabled_user_cannot_log_in(db_url: str) -> None:
    with session_scope(db_url) as session:
        add_user(session, username="ana", role="analyst", password="right-password")
        disable_user(session, username="ana")
    with session_scope(db_url) as session:
        assert (
            authenticate(session, username="ana", password="right-password", ip="1.1.1.1").user
            is None
        )


def test_cli_add_list_disable(tmp_path: Path) -> None:
    from custodiet.cli import app

    runner = CliRunner()
    home = tmp_path / "home"
    base = ["--home", str(home)]
    result = runner.invoke(
        app,
        [
            *base,
            "users",
            "add",
            "pat",
            "--role",
            "investigator",
            "--password-stdin",
            "--force",
            "SY",
            "--staff-id",
            "DS2001",
        ],
        input="a-good-password\n",
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        app,
        [*base, "users", "add", "pat", "--role", "analyst", "--password-stdin"],
        input="a-good-password\n",
    )
    assert result.exit_code == 1 and "exists" in result.output
    result = runner.invoke(
        app, [*base, "users", "add", "x", "--role", "boss", "--password-stdin"], input="xxxxxxxxx\n"
    )
    assert result.exit_code == 1
    result = runner.invoke(app, [*base, "users", "list"])
    assert result.exit_code == 0 and "pat" in result.output and "investigator" in result.output
    result = runner.invoke(app, [*base, "users", "disable", "pat"])
    assert result.exit_code == 0
    with session_scope(f"sqlite:///{(home / 'custodiet.sqlite3').resolve()}") as session:
        user = session.scalar(select(User).where(User.username == "pat"))
        assert user is not None and not user.active and user.staff_id == "DS2001"
    result = runner.invoke(app, [*base, "users", "enable", "pat"])
    assert result.exit_code == 0 and "Enabled pat." in result.output
    result = runner.invoke(app, [*base, "users", "enable", "nobody"])
    assert result.exit_code == 1
    with session_scope(f"sqlite:///{(home / 'custodiet.sqlite3').resolve()}") as session:
        user = session.scalar(select(User).where(User.username == "pat"))
        assert user is not None and user.active
        summaries = set(
            session.scalars(select(AuditEvent.summary).where(AuditEvent.object_id == "pat"))
        )
        assert {"disabled pat from the CLI", "enabled pat from the CLI"} <= summaries
    result = runner.invoke(app, [*base, "demo-users"])
    assert result.exit_code == 0 and "head_of_standards" in result.output
    assert (home / "demo-logins.txt").stat().st_mode & 0o077 == 0
