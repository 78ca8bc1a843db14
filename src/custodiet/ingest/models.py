"""Operational-store record of every import run."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from custodiet.db import Base, UTCDateTime, utcnow


class ImportRun(Base):
    """One package import: what came in, what it did, and whether it was refused."""

    __tablename__ = "import_runs"
    __table_args__ = (Index("ix_import_runs_force_started", "force", "started_at"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    force: Mapped[str | None] = mapped_column(String(16))
    package: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))  # loaded | refused | failed
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str | None] = mapped_column(Text)
    files: Mapped[dict[str, object] | None] = mapped_column(JSON)
    unknown_accounts: Mapped[list[object] | None] = mapped_column(JSON)
    actor: Mapped[str | None] = mapped_column(String(120))
