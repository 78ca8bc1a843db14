"""Import: clean packages, quarantine, idempotence, refusals, later packages, several forces."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from custodiet.db import session_scope
from custodiet.fdp.manifest import PackageRefused
from custodiet.ingest.models import ImportRun
from custodiet.ingest.queries import home_status, list_quarantine
from custodiet.ingest.service import import_package
from custodiet.lake.store import open_lake
from tests.fixtures.packages import SMALL, write_small_package


def _import(home: Path, db_url: str, package: Path):  # type: ignore[no-untyped-def]
    return import_package(lake_path=home / "lake.duckdb", db_url=db_url, package=package)


def _lake(home: Path, sql: str) -> list[tuple[object, ...]]:
    with open_lake(home / "lake.duckdb") as con:
        return con.execute(sql).fetchall()


def test_clean_package_loads_everything(home: Path, db_url: str, small_package: Path) -> None:
    result = _import(home, db_url, small_package)
    for name, counts in result.files.items():
        rows = len(SMALL[name]) - 1
        assert counts.as_json() == {
            "rows": rows,
            "loaded": rows,
            "unchanged": 0,
            "quarantined": 0,
        }, name
    assert _lake(home, "SELECT count(*) FROM quarantine") == [(0,)]
    # The generic login is loaded and reported, not dropped.
    assert result.unknown_accounts == {"GENERIC1": 1}
    assert _lake(home, "SELECT count(*) FROM access_events WHERE staff_id = 'GENERIC1'") == [(1,)]
    with session_scope(db_url) as session:
        run = session.scalars(select(ImportRun)).one()
        assert run.status == "loaded" and run.force == "XX"
        assert run.unknown_accounts == [{"staff_id": "GENERIC1", "events": 1}]


def test_times_are_stored_in_utc(home: Path, db_url: str, small_package: Path) -> None:
    _import(home, db_url, small_package)
    # January: Europe/London is UTC+0; a July local time would shift by an hour.
    ts = dict(_lake(home, "SELECT event_id, ts::VARCHAR FROM access_events"))
    assert ts["E1"] == "2026-01-05 08:20:00"
    assert ts["E3"] == "2026-01-05 10:00:00"


def test_summer_local_time_and_dst(home: Path, db_url: str, tmp_path: Path) -> None:
    events = [
        SMALL["access_events.csv"][0],
        ["E1", "RMS", "PC1001", "2026-07-01T10:00:00", "view", "nominal", "N1", "", ""],
        # 01:30 on 25 Oct 2026 happens twice in London; the default takes the earlier (BST).
        ["E2", "RMS", "PC1001", "2026-10-25T01:30:00", "view", "nominal", "N1", "", ""],
        # 01:30 on 29 Mar 2026 does not exist; shifted forward to 02:30 BST = 01:30 UTC.
        ["E3", "RMS", "PC1001", "2026-03-29T01:30:00", "view", "nominal", "N1", "", ""],
        ["E4", "RMS", "PC1001", "2026-07-01T10:00:00+02:00", "view", "nominal", "N1", "", ""],
    ]
    pkg = write_small_package(tmp_path / "p", access_events=events)
    _import(home, db_url, pkg)
    ts = dict(_lake(home, "SELECT event_id, ts::VARCHAR FROM access_events"))
    assert ts == {
        "E1": "2026-07-01 09:00:00",
        "E2": "2026-10-25 00:30:00",
        "E3": "2026-03-29 01:30:00",
        "E4": "2026-07-01 08:00:00",
    }


def test_a_bare_date_ends_a_period_at_the_end_of_that_day(
    home: Path, db_url: str, tmp_path: Path
) -> None:
    postings = [
        SMALL["postings.csv"][0],
        # the last day in post, as HR systems record it: in summer local midnight is 23:00 UTC
        ["PC1001", "Response", "constable", "R1", "North", "NPPV2", "2025-01-01", "2026-07-14"],
        ["PC1002", "Response", "constable", "R1", "North", "NPPV2", "2025-01-01", "2026-01-09"],
        ["S0042", "Admin", "clerk", "A1", "North", "NPPV1", "2025-01-01", "2026-01-09T17:30:00"],
    ]
    staff = [
        SMALL["occurrence_staff.csv"][0],
        # a tasking system that keeps dates only
        ["OC1", "PC1001", "attending", "2026-01-05", "2026-01-05"],
    ]
    pkg = write_small_package(tmp_path / "p", postings=postings, occurrence_staff=staff)
    _import(home, db_url, pkg)
    ends = dict(_lake(home, 'SELECT staff_id, "end"::VARCHAR FROM postings'))
    assert ends == {
        "PC1001": "2026-07-14 23:00:00",
        "PC1002": "2026-01-10 00:00:00",
        "S0042": "2026-01-09 17:30:00",  # a time is exact
    }
    tasking = _lake(home, 'SELECT start::VARCHAR, "end"::VARCHAR FROM occurrence_staff')
    assert tasking == [("2026-01-05 00:00:00", "2026-01-06 00:00:00")]


def test_three_bad_event_rows_are_quarantined_rest_loaded(
    home: Path, db_url: str, tmp_path: Path
) -> None:
    events = [list(r) for r in SMALL["access_events.csv"]]
    events.append(["E7", "RMS", "PC1001", "2026-01-32T10:00:00", "view", "nominal", "N1", "", ""])
    events.append(["E8", "RMS", "PC1001", "2026-01-10T10:00:00", "peek", "nominal", "N1", "", ""])
    events.append(["E9", "RMS", "", "2026-01-10T10:00:00", "view", "nominal", "N1", "", ""])
    pkg = write_small_package(tmp_path / "p", access_events=events)
    result = _import(home, db_url, pkg)
    assert result.files["access_events.csv"].as_json() == {
        "rows": 9,
        "loaded": 6,
        "unchanged": 0,
        "quarantined": 3,
    }
    rows = {r["line"]: r for r in list_quarantine(home / "lake.duckdb", file="access_events.csv")}
    assert set(rows) == {8, 9, 10}
    assert rows[8]["field"] == "ts" and "bad timestamp '2026-01-32T10:00:00'" in rows[8]["reason"]
    assert rows[9]["field"] == "action" and "unknown code 'peek'" in rows[9]["reason"]
    assert rows[10]["field"] == "staff_id" and "missing required field" in rows[10]["reason"]
    assert json.loads(rows[9]["raw"])["event_id"] == "E8"


def test_malformed_csv_rows_and_multiline_cells_keep_true_line_numbers(
    home: Path, db_url: str, tmp_path: Path
) -> None:
    pkg = write_small_package(tmp_path / "p")
    path = pkg / "access_events.csv"
    lines = path.read_text().splitlines()
    lines.insert(
        2, 'E10,RMS,PC1001,2026-01-05T09:00:00,search,nominal,,"two\nlines",WS1'
    )  # line 3-4
    lines.insert(4, "E11,RMS,PC1001")  # line 5: too few columns
    lines.append("E12,RMS,PC1001,not-a-time,view,nominal,N1,,")  # last line
    path.write_text("\n".join(lines) + "\n")
    from datetime import date

    from custodiet.fdp.manifest import write_manifest

    write_manifest(
        pkg,
        force_code="XX",
        force_name="X",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 1, 31),
    )
    result = _import(home, db_url, pkg)
    counts = result.files["access_events.csv"]
    assert counts.as_json() == {"rows": 9, "loaded": 7, "unchanged": 0, "quarantined": 2}
    rows = {r["line"]: r for r in list_quarantine(home / "lake.duckdb")}
    assert "malformed CSV row" in rows[5]["reason"]
    assert rows[11]["field"] == "ts", rows


def test_reimport_is_idempotent(home: Path, db_url: str, small_package: Path) -> None:
    _import(home, db_url, small_package)
    before = _lake(home, "SELECT count(*), sum(row_hash) FROM access_events")
    result = _import(home, db_url, small_package)
    for name, counts in result.files.items():
        rows = len(SMALL[name]) - 1
        assert counts.as_json() == {"rows": rows, "loaded": 0, "unchanged": rows, "quarantined": 0}
    assert _lake(home, "SELECT count(*), sum(row_hash) FROM access_events") == before
    assert _lake(home, "SELECT count(*) FROM row_changes") == [(0,)]


def test_reimport_with_quarantine_does_not_duplicate_it(
    home: Path, db_url: str, tmp_path: Path
) -> None:
    events = [list(r) for r in SMALL["access_events.csv"]]
    events.append(["E7", "RMS", "PC1001", "garbage", "view", "nominal", "N1", "", ""])
    pkg = write_small_package(tmp_path / "p", access_events=events)
    _import(home, db_url, pkg)
    second = _import(home, db_url, pkg)
    assert second.files["access_events.csv"].quarantined == 1
    assert _lake(home, "SELECT count(*) FROM quarantine") == [(1,)]


def test_file_not_matching_manifest_is_refused_and_nothing_loaded(
    home: Path, db_url: str, small_package: Path
) -> None:
    path = small_package / "access_events.csv"
    path.write_text(path.read_text() + "E99,RMS,PC1001,2026-01-05T08:20:00,view,nominal,N1,,\n")
    with pytest.raises(PackageRefused, match=r"access_events\.csv: SHA-256 differs"):
        _import(home, db_url, small_package)
    assert _lake(home, "SELECT count(*) FROM staff") == [(0,)]
    with session_scope(db_url) as session:
        run = session.scalars(select(ImportRun)).one()
        assert run.status == "refused" and "access_events.csv" in (run.error or "")


def test_row_count_mismatch_is_refused_and_rolled_back(
    home: Path, db_url: str, small_package: Path
) -> None:
    manifest = json.loads((small_package / "manifest.json").read_text())
    manifest["files"]["access_events.csv"]["rows"] = 7
    (small_package / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(
        PackageRefused, match=r"access_events\.csv: manifest says 7 rows, file has 6"
    ):
        _import(home, db_url, small_package)
    # staff.csv was processed before the events in the same transaction: rolled back too.
    assert _lake(home, "SELECT count(*) FROM staff") == [(0,)]


def test_missing_required_column_is_refused(home: Path, db_url: str, tmp_path: Path) -> None:
    staff = [["staff_id", "name"], ["PC1", "x"]]
    pkg = write_small_package(tmp_path / "p", staff=staff)
    with pytest.raises(
        PackageRefused, match=r"staff\.csv: line 1: header lacks required column\(s\) staff_type"
    ):
        _import(home, db_url, pkg)


def test_changed_row_replaces_and_is_recorded_later_package_adds(
    home: Path, db_url: str, tmp_path: Path
) -> None:
    _import(home, db_url, write_small_package(tmp_path / "p1"))
    events = [list(r) for r in SMALL["access_events.csv"]]
    events[1][4] = "print"  # E1 corrected
    events.append(["E100", "RMS", "PC1002", "2026-02-01T10:00:00", "view", "nominal", "N3", "", ""])
    result = _import(home, db_url, write_small_package(tmp_path / "p2", access_events=events))
    counts = result.files["access_events.csv"]
    assert counts.as_json() == {"rows": 7, "loaded": 2, "unchanged": 5, "quarantined": 0}
    assert counts.replaced == 1
    assert _lake(home, "SELECT action FROM access_events WHERE event_id = 'E1'") == [("print",)]
    changes = _lake(home, "SELECT table_name, row_key, old_row, new_row FROM row_changes")
    assert len(changes) == 1 and changes[0][1] == "RMS|E1"
    assert json.loads(str(changes[0][2]))["action"] == "view"
    assert json.loads(str(changes[0][3]))["action"] == "print"


def test_duplicate_key_with_different_content_is_quarantined(
    home: Path, db_url: str, tmp_path: Path
) -> None:
    events = [list(r) for r in SMALL["access_events.csv"]]
    events.append(["E1", "RMS", "PC1002", "2026-01-05T08:20:00", "view", "nominal", "N1", "", ""])
    events.append(list(events[2]))  # exact duplicate of E2: harmless
    result = _import(home, db_url, write_small_package(tmp_path / "p", access_events=events))
    assert result.files["access_events.csv"].as_json() == {
        "rows": 8,
        "loaded": 6,
        "unchanged": 1,
        "quarantined": 1,
    }
    (row,) = list_quarantine(home / "lake.duckdb")
    assert row["line"] == 8 and "duplicate key with different content" in row["reason"]


def test_unknown_columns_are_kept_as_attributes(home: Path, db_url: str, tmp_path: Path) -> None:
    staff = [list(r) for r in SMALL["staff.csv"]]
    staff[0].append("collar_number")
    for i, row in enumerate(staff[1:]):
        row.append(str(100 + i))
    _import(home, db_url, write_small_package(tmp_path / "p", staff=staff))
    (attrs,) = _lake(home, "SELECT attributes FROM staff WHERE staff_id = 'PC1001'")[0]
    assert json.loads(str(attrs)) == {"collar_number": "100"}


def test_two_forces_share_staff_ids_without_collision(
    home: Path, db_url: str, tmp_path: Path
) -> None:
    _import(home, db_url, write_small_package(tmp_path / "a", force="AA"))
    _import(home, db_url, write_small_package(tmp_path / "b", force="BB"))
    assert _lake(
        home, "SELECT force, count(*) FROM staff WHERE staff_id='PC1001' GROUP BY 1 ORDER BY 1"
    ) == [("AA", 1), ("BB", 1)]
    status = home_status(home / "lake.duckdb")
    assert [f["force"] for f in status["forces"]] == ["AA", "BB"]
    mon = status["forces"][0]["monitoring"]
    assert mon["no_audit_feed"] == ["BWV (Body-worn video store)"]
    assert status["forces"][0]["unknown_accounts"] == [{"staff_id": "GENERIC1", "events": 1}]


def test_a_typo_year_falls_back_to_per_row_time_zones(
    home: Path, db_url: str, tmp_path: Path
) -> None:
    events = [
        SMALL["access_events.csv"][0],
        ["E1", "RMS", "PC1001", "2026-07-01T10:00:00", "view", "nominal", "N1", "", ""],
        ["E2", "RMS", "PC1001", "0206-07-01T10:00:00", "view", "nominal", "N1", "", ""],
    ]
    _import(home, db_url, write_small_package(tmp_path / "p", access_events=events))
    ts = dict(_lake(home, "SELECT event_id, ts::VARCHAR FROM access_events"))
    assert ts["E1"] == "2026-07-01 09:00:00"  # BST, converted per row this time
    assert ts["E2"].startswith("0206-07-01")


def test_an_account_differing_from_a_staff_id_only_in_case_is_matched(
    home: Path, db_url: str, tmp_path: Path
) -> None:
    staff = [
        *SMALL["staff.csv"],
        ["ab7", "Lower Case", "staff", "", "F", "North", "2019-01-01", ""],
    ]
    staff.append(["AB7", "Upper Case", "staff", "", "M", "North", "2019-01-01", ""])
    events = [
        SMALL["access_events.csv"][0],
        ["E1", "RMS", "pc1001", "2026-01-05T10:00:00", "view", "nominal", "N1", "", ""],
        ["E2", "RMS", "PC1001", "2026-01-05T10:05:00", "view", "nominal", "N1", "", ""],
        # folds onto two staff ids: which of them it is cannot be told, so it stays unknown
        ["E3", "RMS", "Ab7", "2026-01-05T10:10:00", "view", "nominal", "N1", "", ""],
        ["E4", "RMS", "generic1", "2026-01-05T10:15:00", "view", "nominal", "N1", "", ""],
    ]
    shifts = [
        ["staff_id", "start", "end"],
        ["Pc1001", "2026-01-05T08:00:00", "2026-01-05T16:00:00"],
    ]
    pkg = write_small_package(tmp_path / "p", staff=staff, access_events=events, shifts=shifts)
    result = _import(home, db_url, pkg)
    assert result.matched_by_case == {"pc1001": ("PC1001", 1), "Pc1001": ("PC1001", 1)}
    assert _lake(home, "SELECT staff_id FROM shifts") == [("PC1001",)]
    assert result.unknown_accounts == {"Ab7": 1, "generic1": 1}
    rows = _lake(home, "SELECT event_id, staff_id, attributes FROM access_events ORDER BY 1")
    assert [(r[0], r[1]) for r in rows] == [
        ("E1", "PC1001"),
        ("E2", "PC1001"),
        ("E3", "Ab7"),
        ("E4", "generic1"),
    ]
    assert json.loads(str(rows[0][2])) == {"staff_id_as_exported": "pc1001"}
    assert rows[1][2] is None
    # Importing the same package again changes nothing: the match is made the same way.
    again = _import(home, db_url, pkg)
    assert again.files["access_events.csv"].unchanged == 4
