"""Users: creation, listing, disabling, password checks with throttling, role permissions.

Functions take a session and never commit: the caller (a command or a request handler)
owns the transaction.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import timedelta
from threading import Lock

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from custodiet.db import utcnow
from custodiet.users.models import LoginAttempt, RolePermission, User
from custodiet.users.permissions import DEFAULT_ROLE_PERMISSIONS, ROLES
from custodiet.users.principal import Principal

MAX_FAILURES = 5
THROTTLE_WINDOW = timedelta(minutes=15)

_hasher = PasswordHasher()
# A hash to verify against when the user does not exist, so timing does not tell.
_DUMMY_HASH = _hasher.hash("custodiet-no-such-user")


class UserError(ValueError):
    """A user could not be created or changed; the message says why."""


def hash_password(password: str) -> str:
    """An argon2id hash of `password`."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether `password` matches `password_hash`."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def add_user(
    session: Session,
    *,
    username: str,
    role: str,
    password: str,
    display_name: str = "",
    force: str | None = None,
    staff_id: str | None = None,
    created_by: str | None = None,
) -> User:
    """Create a user; refuses unknown roles, duplicate names, short passwords."""
    username = username.strip()
    if not username or len(username) > 120 or any(c.isspace() for c in username):
        raise UserError("a username is one word of at most 120 characters")
    if role not in ROLES:
        raise UserError(f"unknown role {role!r}; roles are {', '.join(ROLES)}")
    if len(password) < 8:
        raise UserError("a password has at least 8 characters")
    if staff_id and not force:
        raise UserError("a user who is staff needs --force as well as --staff-id")
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise UserError(f"user {username!r} exists")
    user = User(
        username=username,
        display_name=display_name or username,
        role=role,
        force=force or None,
        staff_id=staff_id or None,
        password_hash=hash_password(password),
        active=True,
        created_by=created_by,
    )
    session.add(user)
    session.flush()
    return user


def set_password(session: Session, *, username: str, password: str) -> User:
    """Replace a user's password (and re-enable nothing else)."""
    user = get_user(session, username=username)
    if len(password) < 8:
        raise UserError("a password has at least 8 characters")
    user.password_hash = hash_password(password)
    return user


def get_user(session: Session, *, username: str) -> User:
    """The user called `username`, or UserError."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise UserError(f"no user {username!r}")
    return user


def list_users(session: Session) -> list[User]:
    """Every user, by name."""
    return list(session.scalars(select(User).order_by(User.username)))


def disable_user(session: Session, *, username: str) -> User:
    """Disable a user: their sessions stop working at the next request."""
    user = get_user(session, username=username)
    user.active = False
    user.disabled_at = utcnow()
    return user


def enable_user(session: Session, *, username: str) -> User:
    """Re-enable a disabled user."""
    user = get_user(session, username=username)
    user.active = True
    user.disabled_at = None
    return user


def is_throttled(session: Session, *, username: str, ip: str) -> bool:
    """Whether this user + address has failed too often in the throttle window."""
    since = utcnow() - THROTTLE_WINDOW
    failures = session.scalar(
        select(func.count())
        .select_from(LoginAttempt)
        .where(
            LoginAttempt.username == username,
            LoginAttempt.ip == ip,
            LoginAttempt.at >= since,
            LoginAttempt.success.is_(False),
        )
    )
    return (failures or 0) >= MAX_FAILURES


@dataclass(frozen=True)
class LoginResult:
    """The outcome of a login attempt."""

    user: User | None
    throttled: bool = False


def authenticate(session: Session, *, username: str, password: str, ip: str) -> LoginResult:
    """Check a password, recording the attempt; throttled users are refused unchecked."""
    username = username.strip()[:120]
    if is_throttled(session, username=username, ip=ip):
        return LoginResult(user=None, throttled=True)
    user = session.scalar(select(User).where(User.username == username))
    ok = verify_password(user.password_hash if user else _DUMMY_HASH, password)
    ok = ok and user is not None and user.active
    session.add(LoginAttempt(username=username, ip=ip, success=ok))
    if not ok or user is None:
        return LoginResult(user=None)
    user.last_login_at = utcnow()
    # Successful login clears this address's failures for the user.
    session.execute(
        delete(LoginAttempt).where(
            LoginAttempt.username == username,
            LoginAttempt.ip == ip,
            LoginAttempt.success.is_(False),
        )
    )
    return LoginResult(user=user)


def ensure_role_permissions(session: Session) -> int:
    """Seed the role → permission table with the defaults if it is empty; rows added."""
    if session.scalar(select(func.count()).select_from(RolePermission)):
        return 0
    rows = [
        RolePermission(role=role, permission=perm)
        for role, perms in DEFAULT_ROLE_PERMISSIONS.items()
        for perm in sorted(perms)
    ]
    session.add_all(rows)
    session.flush()
    return len(rows)


_PERMISSION_CACHE: dict[str, tuple[float, dict[str, frozenset[str]]]] = {}
_PERMISSION_LOCK = Lock()
PERMISSION_CACHE_SECONDS = 5.0


def role_permissions(session: Session, *, cache_key: str = "") -> dict[str, frozenset[str]]:
    """Role → permissions from the table, cached for a few seconds per store."""
    now = time.monotonic()
    with _PERMISSION_LOCK:
        hit = _PERMISSION_CACHE.get(cache_key)
        if hit and now - hit[0] < PERMISSION_CACHE_SECONDS:
            return hit[1]
    table: dict[str, set[str]] = {}
    for role, perm in session.execute(select(RolePermission.role, RolePermission.permission)):
        table.setdefault(role, set()).add(perm)
    frozen = {role: frozenset(perms) for role, perms in table.items()}
    with _PERMISSION_LOCK:
        _PERMISSION_CACHE[cache_key] = (now, frozen)
    return frozen


def clear_permission_cache() -> None:
    """Forget cached permissions (after the table changes)."""
    with _PERMISSION_LOCK:
        _PERMISSION_CACHE.clear()


def principal_for(user: User, permissions: dict[str, frozenset[str]]) -> Principal:
    """The Principal of an active user with their role's permissions."""
    return Principal(
        user_id=user.id,
        username=user.username,
        role=user.role,
        display_name=user.display_name,
        force=user.force,
        staff_id=user.staff_id,
        permissions=permissions.get(user.role, frozenset()),
    )
