"""Imports every domain's models, so Alembic and tests see the whole schema."""

from custodiet.ingest import models as ingest_models  # noqa: F401
