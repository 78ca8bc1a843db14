"""Rule statistics: explained counts from the latest run, precision from dispositions."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from custodiet.alerts.models import Alert
from custodiet.db import session_scope
from custodiet.detect.rules import load_rules
from custodiet.detect.service import run_detection
from custodiet.detect.stats import rule_statistics
from custodiet.ingest.service import import_package
from tests.fixtures.packages import write_small_package


def test_precision_per_rule_follows_dispositions(home: Path, db_url: str, tmp_path: Path) -> None:
    lake = home / "lake.duckdb"
    import_package(lake_path=lake, db_url=db_url, package=write_small_package(tmp_path / "p"))
    run_detection(lake_path=lake, db_url=db_url)
    with session_scope(db_url) as session:
        before = {r["name"]: r for r in rule_statistics(session=session, rules=load_rules())}
        assert before["tasked_on_occurrence"]["explained_accesses"] == 2
        assert before["after_involvement"]["alerts"] == 1
        assert before["after_involvement"]["precision"] is None
        person = session.scalars(
            select(Alert).where(Alert.rule_family == "person_focus", Alert.staff_id == "PC1001")
        ).one()
        person.disposition = "substantiated"
        generic = session.scalars(select(Alert).where(Alert.rule_family == "unknown_account")).one()
        generic.disposition = "false_positive"
    with session_scope(db_url) as session:
        after = {r["name"]: r for r in rule_statistics(session=session, rules=load_rules())}
    assert after["after_involvement"]["precision"] == 1.0
    assert after["unknown_account"]["precision"] == 0.0
