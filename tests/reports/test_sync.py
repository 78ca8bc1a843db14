"""Imported allegations reach the register once, corrections update it, workbench rows stay."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from custodiet.cases.models import Allegation
from custodiet.cases.sync import sync_imported_allegations
from custodiet.db import session_scope
from custodiet.ingest.service import import_package
from custodiet.lake.store import open_lake
from tests.fixtures.packages import SMALL, write_small_package


def _sync(home: Path, db_url: str) -> dict[str, int]:
    with open_lake(home / "lake.duckdb", read_only=True) as lake, session_scope(db_url) as s:
        return sync_imported_allegations(session=s, lake_con=lake).as_json()


def test_sync_is_idempotent_and_follows_corrections(
    home: Path, db_url: str, tmp_path: Path
) -> None:
    lake = home / "lake.duckdb"
    import_package(lake_path=lake, db_url=db_url, package=write_small_package(tmp_path / "a"))
    assert _sync(home, db_url)["inserted"] == 1
    assert _sync(home, db_url) == {
        "inserted": 0,
        "updated": 0,
        "unchanged": 1,
        "skipped_workbench": 0,
    }
    rows = [list(r) for r in SMALL["allegations.csv"]]
    rows[1][7] = "final_written_warning"
    rows.append(
        [
            "AL2",
            "PC1001",
            "2025-07-01",
            "misuse_of_systems",
            "audit",
            "domestic_abuse_victim;vulnerable_adult",
            "",
            "",
            "",
        ]
    )
    with session_scope(db_url) as s:  # a workbench allegation with the same external id
        s.add(
            Allegation(
                force="XX",
                staff_id="PC1002",
                external_id="AL2",
                origin="workbench",
                received=date(2025, 7, 2),
                category="other",
            )
        )
    import_package(
        lake_path=lake, db_url=db_url, package=write_small_package(tmp_path / "b", allegations=rows)
    )
    assert _sync(home, db_url) == {
        "inserted": 0,
        "updated": 1,
        "unchanged": 0,
        "skipped_workbench": 1,
    }
    with session_scope(db_url) as s:
        got = {a.external_id: a for a in s.scalars(select(Allegation))}
    assert got["AL1"].outcome == "final_written_warning" and got["AL1"].origin == "import"
    assert got["AL1"].victim_markers == ["domestic_abuse_victim"]
    assert got["AL2"].origin == "workbench" and got["AL2"].category == "other"
