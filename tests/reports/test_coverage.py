"""Monitoring coverage: events per day per system, and gaps where a feed should have events."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from custodiet.ingest.service import import_package
from custodiet.lake.store import open_lake
from custodiet.reports.coverage import force_coverage
from tests.fixtures.packages import write_package

HEADER = [
    "event_id",
    "system_id",
    "staff_id",
    "ts",
    "action",
    "entity_type",
    "entity_id",
    "query",
    "workstation",
]


def _package(folder: Path) -> Path:
    events = [HEADER]
    for d in range(31):
        day = date(2026, 1, 1) + timedelta(days=d)
        if day in (date(2026, 1, 10), date(2026, 1, 11), date(2026, 1, 12)):
            continue  # RMS feed dropped for three days
        for i in range(10):
            events.append(
                [
                    f"R{d}-{i}",
                    "RMS",
                    "PC1",
                    f"{day}T{8 + i:02d}:00:00Z",
                    "view",
                    "nominal",
                    "N1",
                    "",
                    "",
                ]
            )
        if d % 4 == 0:  # a quiet system: one event every fourth day is its normal
            events.append(
                [f"P{d}", "PNC", "PC1", f"{day}T12:00:00Z", "search", "vehicle", "", "", ""]
            )
    events.append(["U1", "OLDRMS", "PC1", "2026-01-03T09:00:00Z", "view", "nominal", "N1", "", ""])
    return write_package(
        folder,
        {
            "staff.csv": [["staff_id", "staff_type"], ["PC1", "officer"]],
            "systems.csv": [
                ["system_id", "name", "category", "audit_feed", "notes"],
                ["RMS", "Records", "records", "yes", ""],
                ["CAD", "Command and control", "dispatch", "yes", ""],
                ["BWV", "Body-worn video", "evidence", "no", "no audit export"],
                ["PNC", "Police National Computer", "national", "yes", ""],
            ],
            "access_events.csv": events,
        },
        force="CV",
        period=(date(2026, 1, 1), date(2026, 1, 31)),
    )


def test_gaps_per_system(home: Path, tmp_path: Path) -> None:
    import_package(lake_path=home / "lake.duckdb", db_url=None, package=_package(tmp_path / "p"))
    with open_lake(home / "lake.duckdb", read_only=True) as con:
        cov = force_coverage(con, force="CV")
        part = force_coverage(con, force="CV", start=date(2026, 1, 11), end=date(2025, 12, 1))
        window = force_coverage(
            con, force="CV", start=date(2026, 1, 5), end=date(2026, 1, 20), with_daily=False
        )
    systems = {s.system_id: s for s in cov.systems}
    assert cov.covered_days == 31 and cov.period_start == date(2026, 1, 1)
    rms = systems["RMS"]
    assert rms.events == 280 and rms.days_with_events == 28 and rms.daily_expected
    assert [(g.start, g.end, g.days) for g in rms.gaps] == [
        (date(2026, 1, 10), date(2026, 1, 12), 3)
    ]
    assert rms.daily[9:12] == [0, 0, 0] and len(rms.daily) == 31
    # Declared but silent: the whole period is a gap.
    assert [(g.start, g.end) for g in systems["CAD"].gaps] == [
        (date(2026, 1, 1), date(2026, 1, 31))
    ]
    assert systems["BWV"].audit_feed is False and systems["BWV"].gaps == []
    assert systems["PNC"].events == 8 and not systems["PNC"].daily_expected
    assert systems["PNC"].gaps == []
    assert not systems["OLDRMS"].listed and cov.events_from_unlisted_systems == ["OLDRMS"]
    assert cov.no_audit_feed == ["BWV (Body-worn video)"] and cov.feed_declared_but_silent == [
        "CAD"
    ]
    assert cov.gap_days == 3 + 31
    assert part.covered_days == 0 and part.gap_days == 0
    assert window.covered_days == 16 and window.gap_days == 3 + 16
    assert all(s.daily == [] for s in window.systems)
