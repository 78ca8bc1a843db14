"""The alert page's evidence: events as the analyst sees them."""

from __future__ import annotations

from pathlib import Path

from custodiet.ingest.service import import_package
from custodiet.pseudonym import pseudonym
from custodiet.web.evidence import build_evidence
from custodiet.web.lake import LakeReader
from tests.fixtures.packages import write_small_package


def test_a_person_seen_through_an_occurrence_shows_as_that_occurrence(tmp_path: Path) -> None:
    package = write_small_package(tmp_path / "pkg")
    import_package(lake_path=tmp_path / "lake.duckdb", db_url=None, package=package)
    common = {"system_id": "RMS", "action": "view", "nominal_id": "N1", "on_duty": False}
    evidence = {
        "events": [
            {**common, "event_id": "E5", "ts": "2026-01-12T23:40:00Z", "occurrence_id": None},
            {**common, "event_id": "E9", "ts": "2026-01-14T23:30:00Z", "occurrence_id": "OC1"},
        ]
    }
    view = build_evidence(
        force="XX",
        subject_nominal_id="N1",
        nominal_ids=["N1"],
        evidence=evidence,
        lake=LakeReader(tmp_path / "lake.duckdb"),
        at_year=2026,
    )
    rows = {r["event_id"]: r for r in view.events}
    assert (rows["E9"]["entity_type"], rows["E9"]["entity"]) == ("occurrence", "OC1")
    assert rows["E5"]["entity_type"] == ""  # a look at the person's own record
    assert rows["E9"]["person"] == rows["E5"]["person"] == pseudonym("XX", "N1")
    assert view.people[0].events == 2
