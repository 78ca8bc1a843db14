"""Users of the workbench, their roles' permissions (as data) and login attempts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from custodiet.db import Base, UTCDateTime, utcnow


class User(Base):
    """A person who logs in; if they are also staff, force + staff_id identify them."""

    __tablename__ = "users"
    __table_args__ = (Index("ix_users_force_staff", "force", "staff_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(120), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(40))
    force: Mapped[str | None] = mapped_column(String(16))  # None: every force
    staff_id: Mapped[str | None] = mapped_column(String(64))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(120))
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class RolePermission(Base):
    """One permission granted to one role: the authorisation table."""

    __tablename__ = "role_permissions"

    role: Mapped[str] = mapped_column(String(40), primary_key=True)
    permission: Mapped[str] = mapped_column(String(64), primary_key=True)


class LoginAttempt(Base):
    """A login attempt, kept for throttling repeated failures per user and address."""

    __tablename__ = "login_attempts"
    __table_args__ = (Index("ix_login_attempts_user_ip_at", "username", "ip", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(120))
    ip: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    success: Mapped[bool] = mapped_column(Boolean, default=False)
