"""Settings: where custodiet keeps its data and which operational store it uses."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_HOME = Path("custodiet-data")


@dataclass(frozen=True)
class Settings:
    """Resolved settings for one invocation."""

    home: Path
    db_url: str

    @property
    def lake_path(self) -> Path:
        """The analytical store (DuckDB database file) inside the home."""
        return self.home / "lake.duckdb"

    @property
    def parquet_dir(self) -> Path:
        """Where Parquet exports of the lake go for Spark."""
        return self.home / "parquet"


def resolve_home(home: Path | str | None = None) -> Path:
    """--home, else $CUSTODIET_HOME, else ./custodiet-data."""
    if home is not None:
        return Path(home)
    env = os.environ.get("CUSTODIET_HOME")
    return Path(env) if env else DEFAULT_HOME


def resolve_db_url(home: Path, db: str | None = None) -> str:
    """--db, else $CUSTODIET_DB, else SQLite inside the home."""
    if db:
        return db
    env = os.environ.get("CUSTODIET_DB")
    if env:
        return env
    return f"sqlite:///{(home / 'custodiet.sqlite3').resolve()}"


def load_settings(*, home: Path | str | None = None, db: str | None = None) -> Settings:
    """Resolve the home and store for this invocation and make sure the home exists."""
    resolved = resolve_home(home)
    resolved.mkdir(parents=True, exist_ok=True)
    return Settings(home=resolved, db_url=resolve_db_url(resolved, db))


def pseudonym_key(force: str) -> bytes:
    """The force's HMAC key for pseudonyms; from the environment, never from the store."""
    specific = os.environ.get(f"CUSTODIET_PSEUDONYM_KEY_{force.upper()}")
    general = os.environ.get("CUSTODIET_PSEUDONYM_KEY")
    key = specific or general
    if not key:
        # A development default keeps the demo working; production sets the variable.
        key = "custodiet-development-key-change-me"
    return key.encode()
