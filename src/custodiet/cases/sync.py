"""Bring the lake's imported allegations (allegations.csv) into the PSD's register.

Rows are keyed by force + allegation_id (stored as `external_id`, origin `import`); running
the sync again changes nothing, a corrected row in a later package updates the register,
and allegations recorded on the workbench are never overwritten. The caller commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
from sqlalchemy import select
from sqlalchemy.orm import Session

from custodiet.cases.models import Allegation

SYNCED_FIELDS = (
    "staff_id",
    "received",
    "category",
    "source",
    "victim_markers",
    "referred_to_iopc",
    "outcome",
    "outcome_date",
)


@dataclass
class SyncResult:
    """What one sync did."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_workbench: int = 0

    def as_json(self) -> dict[str, int]:
        """Plain JSON."""
        return {
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped_workbench": self.skipped_workbench,
        }


def _lake_rows(lake_con: duckdb.DuckDBPyConnection, force: str | None) -> list[dict[str, Any]]:
    where, params = ("WHERE force = ?", [force]) if force else ("", [])
    cur = lake_con.execute(
        "SELECT force, allegation_id, staff_id, received, category, source, victim_markers, "
        f"referred_to_iopc, outcome, outcome_date FROM allegations {where} "
        "ORDER BY force, allegation_id",
        params,
    )
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def sync_imported_allegations(
    *, session: Session, lake_con: duckdb.DuckDBPyConnection, force: str | None = None
) -> SyncResult:
    """Upsert the lake's allegations into the store (origin 'import'), idempotently."""
    result = SyncResult()
    rows = _lake_rows(lake_con, force)
    if not rows:
        return result
    query = select(Allegation).where(Allegation.external_id.is_not(None))
    if force:
        query = query.where(Allegation.force == force)
    existing = {(a.force, a.external_id): a for a in session.scalars(query)}
    for row in rows:
        values: dict[str, Any] = {
            "staff_id": row["staff_id"],
            "received": row["received"],
            "category": row["category"],
            "source": row["source"],
            "victim_markers": sorted(row["victim_markers"] or []),
            "referred_to_iopc": row["referred_to_iopc"],
            "outcome": row["outcome"],
            "outcome_date": row["outcome_date"],
        }
        current = existing.get((row["force"], row["allegation_id"]))
        if current is None:
            session.add(
                Allegation(
                    force=row["force"], external_id=row["allegation_id"], origin="import", **values
                )
            )
            result.inserted += 1
            continue
        if current.origin != "import":
            result.skipped_workbench += 1
            continue
        changed = False
        for name in SYNCED_FIELDS:
            old = getattr(current, name)
            if name == "victim_markers":
                old = sorted(old or [])
            if old != values[name]:
                setattr(current, name, values[name])
                changed = True
        if changed:
            result.updated += 1
        else:
            result.unchanged += 1
    session.flush()
    return result
