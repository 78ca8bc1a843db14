"""Detection runs: stable alert identity, feedback, atomic switch-over, missing inputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from custodiet.alerts.models import Alert, AlertHistory, DetectionRun, Suppression
from custodiet.db import session_scope
from custodiet.detect import service as detect_service
from custodiet.detect.service import run_detection
from custodiet.ingest.service import import_package
from tests.fixtures.packages import write_small_package


def _setup(home: Path, db_url: str, tmp_path: Path, **changes: list[list[str]]) -> Path:
    lake = home / "lake.duckdb"
    import_package(
        lake_path=lake, db_url=db_url, package=write_small_package(tmp_path / "p", **changes)
    )
    return lake


def test_alert_carries_evidence_and_narrative(home: Path, db_url: str, tmp_path: Path) -> None:
    lake = _setup(home, db_url, tmp_path)
    outcome = run_detection(lake_path=lake, db_url=db_url)
    # PC1001's lookup of N1, the generic login itself, and the generic login's lookup of N1
    # at 03:00 with nothing else around it (a quiet time; no roster covers a generic login)
    assert outcome.alerts == 3
    with session_scope(db_url) as session:
        generic = session.scalars(select(Alert).where(Alert.rule_family == "unknown_account")).one()
        assert (
            generic.staff_id == "GENERIC1" and "not in the force's staff list" in generic.narrative
        )
        quiet = session.scalars(
            select(Alert).where(Alert.rule_family == "person_focus", Alert.staff_id == "GENERIC1")
        ).one()
        assert "S016" in quiet.rule_ids and "at quiet times" in quiet.narrative
        alert = session.scalars(
            select(Alert).where(Alert.rule_family == "person_focus", Alert.staff_id == "PC1001")
        ).one()
        assert (alert.force, alert.staff_id, alert.nominal_ids) == ("XX", "PC1001", ["N1"])
        assert alert.event_ids == ["RMS:E5"]
        assert {"S001", "S002"} <= set(alert.rule_ids)  # off duty, after involvement
        assert "domestic-abuse victim" in alert.narrative
        assert "1 of them off duty" in alert.narrative
        assert "once with nothing else opened in the same session" in alert.narrative
        assert "N1" not in alert.narrative  # pseudonymised
        assert alert.evidence and alert.evidence["events"][0]["on_duty"] is False


def test_an_address_opened_straight_after_the_person_is_cited_as_evidence(
    home: Path, db_url: str, tmp_path: Path
) -> None:
    from tests.fixtures.packages import SMALL

    events = [list(r) for r in SMALL["access_events.csv"]] + [
        # two minutes after PC1001's night-time look at N1 (E5): her address
        ["E7", "RMS", "PC1001", "2026-01-12T23:42:00", "view", "location", "L9", "", "WS1"],
        # a vehicle straight after a look at N1 that his tasking explains (E1): not evidence
        ["E8", "RMS", "PC1001", "2026-01-05T08:22:00", "view", "vehicle", "V3", "", "WS1"],
    ]
    lake = _setup(home, db_url, tmp_path, access_events=events)
    run_detection(lake_path=lake, db_url=db_url)
    with session_scope(db_url) as session:
        alert = session.scalars(
            select(Alert).where(Alert.rule_family == "person_focus", Alert.staff_id == "PC1001")
        ).one()
        assert alert.event_ids == ["RMS:E5", "RMS:E7"]
        address = alert.evidence["events"][1]
        assert (address["entity_type"], address["entity_id"]) == ("location", "L9")
        assert address["nominal_id"] == "N1"
        assert "followed within minutes by 1 location record" in alert.narrative
        # the address is part of looking her up: the session is still hers alone
        assert "once with nothing else opened in the same session" in alert.narrative


def test_rerun_updates_the_same_alert_and_keeps_its_disposition(
    home: Path, db_url: str, tmp_path: Path
) -> None:
    lake = _setup(home, db_url, tmp_path)
    run_detection(lake_path=lake, db_url=db_url)
    person = select(Alert).where(Alert.rule_family == "person_focus", Alert.staff_id == "PC1001")
    with session_scope(db_url) as session:
        alert = session.scalars(person).one()
        alert.status, alert.disposition = "in_review", "substantiated"
        first_id = alert.id
    run_detection(lake_path=lake, db_url=db_url)
    with session_scope(db_url) as session:
        alert = session.scalars(person).one()
        assert alert.id == first_id and alert.disposition == "substantiated"
        assert session.query(Alert).count() == 3  # updated in place, not added
        assert session.query(AlertHistory).filter_by(alert_id=first_id).count() == 2
        assert session.query(DetectionRun).filter_by(is_current=True).count() == 1


def test_explained_pattern_stops_raising(home: Path, db_url: str, tmp_path: Path) -> None:
    lake = _setup(home, db_url, tmp_path)
    run_detection(lake_path=lake, db_url=db_url)
    person = select(Alert).where(Alert.rule_family == "person_focus", Alert.staff_id == "PC1001")
    with session_scope(db_url) as session:
        alert = session.scalars(person).one()
        session.add(
            Suppression(
                force="XX",
                staff_id="PC1001",
                nominal_id="N1",
                rule_family="person_focus",
                reason="welfare visits agreed with DA unit",
                source_alert_id=alert.id,
            )
        )
    outcome = run_detection(lake_path=lake, db_url=db_url)
    assert outcome.alerts == 2  # only the generic login (and its quiet-time lookup) is left
    with session_scope(db_url) as session:
        assert session.scalars(person).one().active is False


def test_failed_run_leaves_previous_alerts(
    home: Path, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lake = _setup(home, db_url, tmp_path)
    run_detection(lake_path=lake, db_url=db_url)

    def broken(*_a: object, **_k: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(detect_service, "write_alerts", broken)
    with pytest.raises(RuntimeError):
        run_detection(lake_path=lake, db_url=db_url)
    with session_scope(db_url) as session:
        assert all(a.active for a in session.scalars(select(Alert)))
        runs = {r.status for r in session.scalars(select(DetectionRun))}
        assert runs == {"done", "failed"}


def test_missing_rosters_are_said_out_loud(home: Path, db_url: str, tmp_path: Path) -> None:
    lake = _setup(home, db_url, tmp_path, shifts=[["staff_id", "start", "end"]])
    outcome = run_detection(lake_path=lake, db_url=db_url)
    assert "off_duty" in outcome.summary["rules_not_used"]
    assert "no shifts" in outcome.summary["rules_not_used"]["off_duty"]


def test_a_car_opened_on_many_days_by_one_officer_alone_is_an_alert_with_every_look(
    home: Path, db_url: str, tmp_path: Path
) -> None:
    from tests.fixtures.packages import SMALL

    days = ["05", "07", "09", "11", "13"]
    events = [list(r) for r in SMALL["access_events.csv"]]
    events += [
        [f"V{d}", "PNC", "PC1002", f"2026-01-{d}T21:00:00", "view", "vehicle", "V7", "", "WS2"]
        for d in days
    ]
    # a car the whole shift checks (PC1001 on five days, two colleagues once): no alert
    events += [
        [f"W{d}", "PNC", "PC1001", f"2026-01-{d}T10:00:00", "view", "vehicle", "V8", "", "WS1"]
        for d in days
    ]
    events += [
        ["W1", "PNC", "S0042", "2026-01-09T12:00:00", "view", "vehicle", "V8", "", "WS3"],
        ["W2", "PNC", "DS2001", "2026-01-09T13:00:00", "view", "vehicle", "V8", "", "WS4"],
    ]
    lake = _setup(home, db_url, tmp_path, access_events=events)
    run_detection(lake_path=lake, db_url=db_url)
    with session_scope(db_url) as session:
        alerts = session.scalars(
            select(Alert).where(Alert.rule_family == "record_repetition")
        ).all()
        assert [a.staff_id for a in alerts] == ["PC1002"]
        alert = alerts[0]
        assert alert.event_ids == [f"PNC:V{d}" for d in days]
        assert alert.rule_ids == ["S025"]
        assert alert.score == 73.9
        looks = alert.evidence["events"]
        assert {e["entity_id"] for e in looks} == {"V7"} and all(e["record"] for e in looks)
        # PC1002's roster has one shift near the looks (5 January, 07:00-17:00): each look
        # at 21:00 is off duty, and the shift is shown with the evidence
        assert [e["on_duty"] for e in looks] == [False] * 5
        assert len(alert.evidence["shifts"]) == 1
        assert alert.narrative.startswith(
            "Looked up vehicle record V7 5 times on 5 days between 2026-01-05 and 2026-01-13;"
            " no other staff member ever opened it."
        )
