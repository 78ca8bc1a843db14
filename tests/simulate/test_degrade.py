"""Withholding context from a package: the rewritten package still imports, without it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sim_package import Package

from custodiet.detect.engine import DetectionEngine
from custodiet.ingest.service import import_package
from custodiet.lake.engines import open_engine
from custodiet.lake.store import open_lake
from custodiet.simulate.degrade import degrade


def _copy(small: Package, tmp_path: Path) -> Path:
    target = tmp_path / "pkg"
    shutil.copytree(small.path, target)
    return target


def test_degraded_package_imports_and_the_run_says_what_is_missing(
    small: Package, tmp_path: Path
) -> None:
    package = _copy(small, tmp_path)
    before = len(small.rows("occurrence_staff.csv"))
    done = degrade(
        package, ["no-teams", "no-shifts", "half-taskings", "no-home", "no-demographics"]
    )
    assert done == [
        "postings carry no team",
        "no rosters supplied",
        "half of the tasking records are missing",
        "staff carry no home district",
        "people carry no sex or year of birth",
    ]
    assert not (package / "shifts.csv").exists()
    after = len(list((package / "occurrence_staff.csv").open())) - 1
    assert 0.4 * before < after < 0.6 * before
    lake = tmp_path / "lake.duckdb"
    result = import_package(lake_path=lake, db_url=None, package=package)
    assert sum(c.quarantined for c in result.files.values()) == 0
    with open_lake(lake) as con:
        teams = con.execute("SELECT count(team) FROM postings").fetchone()
        assert teams == (0,)
    with open_engine("duckdb", lake) as db:
        summary = DetectionEngine(db).run().summary
    assert "off_duty" in summary["rules_not_used"]
    assert "no shifts supplied" in summary["rules_not_used"]["off_duty"]
    assert (
        "quiet times read from the audit trail (S016) stand in"
        in summary["rules_not_used"]["off_duty"]
    )
    # Empty columns are said out loud too: the table is there, the context is not.
    assert summary["rules_not_used"]["near_home"] == (
        "no staff.home_district supplied (empty in every row)"
    )
    assert "not weighed by the group" in summary["context_limits"]["breadth"]


def test_unknown_degradation_is_refused(small: Package, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown degradation no-such"):
        degrade(_copy(small, tmp_path), ["no-such"])


def test_work_pattern_degradations_rewrite_every_audit_file(small: Package, tmp_path: Path) -> None:
    package = _copy(small, tmp_path)
    before = small.events()
    dropped = [
        e
        for e in before
        if e["entity_type"] not in ("nominal", "occurrence", "custody") or e["action"] == "search"
    ]
    assert dropped, "the simulated trail has other work and searches to withhold"
    degrade(package, ["people-only", "no-searches"])
    kept = Package(summary=small.summary, path=package, truth=small.truth).events()
    assert len(kept) == len(before) - len(dropped)
    assert {e["entity_type"] for e in kept} <= {"nominal", "occurrence", "custody"}
    assert all(e["action"] != "search" for e in kept)
    result = import_package(lake_path=tmp_path / "lake.duckdb", db_url=None, package=package)
    assert sum(c.quarantined for c in result.files.values()) == 0
    assert sum(c.loaded for n, c in result.files.items() if n.startswith("access_events")) == len(
        kept
    )


def test_thin_audit_keeps_a_third_of_every_file(small: Package, tmp_path: Path) -> None:
    package = _copy(small, tmp_path)
    before = small.events()
    degrade(package, ["thin-audit"])
    kept = Package(summary=small.summary, path=package, truth=small.truth).events()
    assert 0.28 * len(before) < len(kept) < 0.38 * len(before)
    by_system = {e["system_id"] for e in kept}
    assert by_system == {e["system_id"] for e in before}
    result = import_package(lake_path=tmp_path / "lake.duckdb", db_url=None, package=package)
    assert sum(c.quarantined for c in result.files.values()) == 0


def test_case_level_degradations_move_person_views_to_their_occurrences(
    small: Package, tmp_path: Path
) -> None:
    import json

    before = {(e["system_id"], e["event_id"]): e for e in small.events()}
    cases = {}
    for row in small.rows("occurrence_nominals.csv"):
        cases.setdefault(row["nominal_id"], set()).add(row["occurrence_id"])
    case_systems = {e["system_id"] for e in before.values() if e["entity_type"] == "occurrence"}

    def movable(e: dict[str, str]) -> bool:
        return (
            e["entity_type"] == "nominal"
            and e["action"] != "search"
            and e["system_id"] in case_systems
            and e["entity_id"] in cases
        )

    # Everyone's views (occurrence-audit): each becomes a view of one of the person's cases.
    package = _copy(small, tmp_path / "all")
    degrade(package, ["occurrence-audit"])
    after = {
        (e["system_id"], e["event_id"]): e
        for e in Package(small.summary, package, small.truth).events()
    }
    assert after.keys() == before.keys()
    moved = [k for k, e in before.items() if movable(e)]
    assert moved, "the simulated trail has views of people named in occurrences"
    for key in moved:
        assert after[key]["entity_type"] == "occurrence"
        assert after[key]["entity_id"] in cases[before[key]["entity_id"]]
    assert all(after[k] == e for k, e in before.items() if not movable(e))

    # Only the abusers' (abuse-through-occurrence): read from the truth beside the package.
    package = _copy(small, tmp_path / "abuse")
    (package.parent / "pkg.truth.json").write_text(json.dumps(small.truth))
    degrade(package, ["abuse-through-occurrence"])
    after = {
        (e["system_id"], e["event_id"]): e
        for e in Package(small.summary, package, small.truth).events()
    }
    abusive = {e for a in small.truth["abusers"] for e in a["event_ids"]}
    changed = {k[1] for k, e in before.items() if after[k] != e}
    assert changed and changed == {
        k[1] for k, e in before.items() if movable(e) and k[1] in abusive
    }


def test_record_keeping_degradations_empty_a_column_and_the_run_says_so(
    small: Package, tmp_path: Path
) -> None:
    package = _copy(small, tmp_path)
    done = degrade(package, ["no-tasking-ends", "no-releases", "no-markers", "one-unit"])
    assert done == [
        "tasking records carry no end",
        "custody records carry no release time",
        "people carry no vulnerability markers",
        "postings name no unit (one unit for the whole force)",
    ]
    lake = tmp_path / "lake.duckdb"
    result = import_package(lake_path=lake, db_url=None, package=package)
    assert sum(c.quarantined for c in result.files.values()) == 0
    with open_lake(lake) as con:
        counts = con.execute(
            """SELECT (SELECT count("end") FROM occurrence_staff),
              (SELECT count(released) FROM custody), (SELECT count(markers) FROM nominals),
              (SELECT count(DISTINCT unit) FROM postings)"""
        ).fetchone()
        assert counts == (0, 0, 0, 1)
    with open_engine("duckdb", lake) as db:
        summary = DetectionEngine(db).run().summary
    limits = summary["context_limits"]
    assert "tasking ends not recorded" in limits["tasked_on_occurrence"]
    assert "learned by role" in limits["unit_remit"]
    assert "no markers supplied" in limits["vulnerability"]


def test_abuse_on_duty_moves_each_abusive_sitting_into_a_shift(
    small: Package, tmp_path: Path
) -> None:
    import json
    from datetime import datetime

    package = _copy(small, tmp_path)
    (package.parent / "pkg.truth.json").write_text(json.dumps(small.truth))
    degrade(package, ["abuse-on-duty"])
    before = {e["event_id"]: e for e in small.events()}
    after = {e["event_id"]: e for e in Package(small.summary, package, small.truth).events()}
    assert after.keys() == before.keys()
    shifts: dict[str, list[tuple[datetime, datetime]]] = {}
    for row in small.rows("shifts.csv"):
        span = (datetime.fromisoformat(row["start"]), datetime.fromisoformat(row["end"]))
        shifts.setdefault(row["staff_id"], []).append(span)
    abusive = {e for a in small.truth["abusers"] for e in a["event_ids"]}
    rostered = [e for e in abusive if before[e]["staff_id"] in shifts]
    assert rostered, "the simulated abusers work rostered shifts"
    for event_id in rostered:
        at = datetime.fromisoformat(after[event_id]["ts"])
        assert any(s0 <= at <= s1 for s0, s1 in shifts[after[event_id]["staff_id"]]), event_id
        assert {k: v for k, v in after[event_id].items() if k != "ts"} == {
            k: v for k, v in before[event_id].items() if k != "ts"
        }
    assert all(after[e] == before[e] for e in before if e not in abusive)
