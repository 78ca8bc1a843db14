"""Regenerate the single initial migration from the models (pre-release only).

Until the first release the schema has one migration, rebuilt from the models so that
engineers working in parallel never create branching Alembic heads. After the first
release, add ordinary migrations with `alembic revision --autogenerate` instead.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from alembic import command

from custodiet.db import MIGRATIONS_DIR, alembic_config

versions = MIGRATIONS_DIR / "versions"
for old in versions.glob("*.py"):
    old.unlink()
with tempfile.TemporaryDirectory() as tmp:
    url = f"sqlite:///{Path(tmp) / 'empty.sqlite3'}"
    command.revision(
        alembic_config(url), message="initial schema", autogenerate=True, rev_id="0001_initial"
    )
print("regenerated", next(versions.glob("*.py")))
