"""The operational store: SQLAlchemy engine, sessions and schema migrations (Alembic).

SQLite in the home by default, PostgreSQL in production. Models use only portable types.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, Engine, MetaData, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of every operational-store model."""

    metadata = MetaData(naming_convention=NAMING)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as naive UTC and always returned timezone-aware (UTC)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    """The current time in UTC, timezone-aware."""
    return datetime.now(UTC)


_ENGINES: dict[str, Engine] = {}


def get_engine(url: str) -> Engine:
    """One engine per URL per process; SQLite gets WAL and foreign keys."""
    engine = _ENGINES.get(url)
    if engine is None:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

            @event.listens_for(engine, "connect")
            def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA foreign_keys=ON")
                cur.execute("PRAGMA synchronous=NORMAL")
                cur.close()
        else:
            engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
        _ENGINES[url] = engine
    return engine


def session_factory(url: str) -> sessionmaker[Session]:
    """A session factory bound to the store at `url`."""
    return sessionmaker(bind=get_engine(url), expire_on_commit=False)


@contextmanager
def session_scope(url: str) -> Iterator[Session]:
    """A unit of work: commit on success, roll back on error."""
    session = session_factory(url)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Any:
    """An Alembic configuration pointing at the packaged migrations and `url`."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    cfg.attributes["engine"] = get_engine(url)
    return cfg


def upgrade(url: str) -> None:
    """Bring the operational store's schema to the newest migration."""
    from alembic import command
    from sqlalchemy import text

    command.upgrade(alembic_config(url), "head")
    # The audit chain starts from a single head row, created once here rather than raced
    # for by the first two events.
    with get_engine(url).begin() as conn:
        conn.execute(
            text(
                "INSERT INTO audit_chain_head (id, seq, last_hash) SELECT 1, 0, :genesis "
                "WHERE NOT EXISTS (SELECT 1 FROM audit_chain_head WHERE id = 1)"
            ),
            {"genesis": "0" * 64},
        )


def import_all_models() -> None:
    """Import every domain's models so that Base.metadata knows all tables."""
    from custodiet import models_registry  # noqa: F401
