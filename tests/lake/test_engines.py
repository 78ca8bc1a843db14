"""The analytics engines: detection written once gives the same result on DuckDB and Spark."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from custodiet.detect.engine import DetectionEngine
from custodiet.detect.service import attach_evidence, run_detection
from custodiet.ingest.service import import_package
from custodiet.lake.engines import open_engine, to_spark
from custodiet.simulate.degrade import degrade
from custodiet.simulate.generator import simulate_force


def test_translation_keeps_force_as_a_column_and_maps_aggregates() -> None:
    sql = to_spark(
        "SELECT force, quantile_cont(n, 0.95) AS p95, list(x) AS xs, "
        "count(*) FILTER (WHERE array_length(m) = 0) AS bare FROM t GROUP BY ALL"
    )
    assert sql.startswith("SELECT force, PERCENTILE(n, 0.95) AS p95, COLLECT_LIST(x) AS xs")
    assert "SIZE(m) = 0" in sql and sql.endswith("GROUP BY ALL")


def test_an_unknown_engine_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown engine 'presto'"):
        run_detection(lake_path=tmp_path / "lake.duckdb", db_url="sqlite://", engine="presto")


def _spark_or_skip() -> None:
    """Skip without PySpark and Java on a developer's machine; in CI their absence fails."""
    missing = []
    try:
        import pyspark  # noqa: F401
    except ImportError:
        missing.append("pyspark")
    if shutil.which("java") is None:
        missing.append("java")
    if missing and os.environ.get("CI"):
        raise RuntimeError(f"Spark tests need {' and '.join(missing)} in CI")
    if missing:
        pytest.skip(f"no {' and '.join(missing)}")


def _detect(engine: str, lake: Path) -> tuple[Any, dict[str, set[str]]]:
    with open_engine(engine, lake) as db:
        detection = DetectionEngine(db)
        result = detection.run()
        attach_evidence(db, result.alerts)
        matched = {name: detection.matched_events(name) for name in detection.rules}
    return result, matched


def _comparable(alert: dict[str, Any]) -> tuple[Any, ...]:
    return (
        alert["force"],
        alert["staff_id"],
        alert["rule_family"],
        alert["subject_nominal_id"],
        round(alert["score"], 1),
        tuple(alert["rule_ids"]),
        tuple(alert["reasons"]),
        tuple((e["system_id"], e["event_id"], tuple(e["explained_by"])) for e in alert["events"]),
        tuple(alert.get("shifts", [])),
        alert["narrative"],
    )


@pytest.mark.spark
def test_spark_finds_what_duckdb_finds(tmp_path: Path) -> None:
    _spark_or_skip()
    package = tmp_path / "package"
    simulate_force(out=package, staff=120, days=21, seed=5)
    # A force that records no tasking ends: the per-role spans are learned on both engines.
    degrade(package, ["no-tasking-ends"])
    lake = tmp_path / "lake.duckdb"
    import_package(lake_path=lake, db_url=None, package=package)

    duck, duck_matched = _detect("duckdb", lake)
    spark, spark_matched = _detect("spark", lake)

    assert duck.summary == spark.summary
    assert duck.summary["explained_by_rule"]["tasked_on_occurrence"] > 0
    assert "tasking ends not recorded" in duck.summary["context_limits"]["tasked_on_occurrence"]
    assert duck.summary["learned_remits"], "the force should teach at least one unit remit"
    families = {a["rule_family"] for a in duck.alerts}
    assert {"person_focus", "unknown_account"} <= families
    assert [_comparable(a) for a in duck.alerts] == [_comparable(a) for a in spark.alerts]
    for name, events in duck_matched.items():
        assert events == spark_matched[name], f"{name} matched different events on Spark"
    assert sum(len(v) for v in duck_matched.values()) > 0


@pytest.mark.spark
def test_a_car_returned_to_is_found_alike_on_spark(tmp_path: Path) -> None:
    _spark_or_skip()
    from tests.fixtures.packages import SMALL, write_small_package

    events = [list(r) for r in SMALL["access_events.csv"]] + [
        [f"V{d}", "PNC", "PC1002", f"2026-01-{d}T{h}:00:00", "view", "vehicle", "V7", "", "WS2"]
        for d, h in (("05", "09"), ("07", "21"), ("09", "21"), ("11", "21"), ("13", "21"))
    ]
    package = write_small_package(tmp_path / "pkg", access_events=events)
    lake = tmp_path / "lake.duckdb"
    import_package(lake_path=lake, db_url=None, package=package)
    duck, _ = _detect("duckdb", lake)
    spark, _ = _detect("spark", lake)
    (record,) = [a for a in duck.alerts if a["rule_family"] == "record_repetition"]
    # on duty only on 5 January, inside PC1002's one shift
    assert [e["on_duty"] for e in record["events"]] == [True, False, False, False, False]
    assert [_comparable(a) for a in duck.alerts] == [_comparable(a) for a in spark.alerts]
    (spark_record,) = [a for a in spark.alerts if a["rule_family"] == "record_repetition"]
    assert spark_record["events"] == record["events"]


def test_the_cli_refuses_an_unknown_engine_before_any_work(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from custodiet.cli import app

    for command in (["detect"], ["evaluate", str(tmp_path / "ev")]):
        result = CliRunner().invoke(
            app, ["--home", str(tmp_path / "home"), *command, "--engine", "presto"]
        )
        assert result.exit_code == 2
        assert "unknown engine 'presto'" in result.output
    assert not (tmp_path / "ev").exists()
