"""The command line end to end: import --json, quarantine, status, detect, alerts."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from custodiet.cli import app
from tests.fixtures.packages import SMALL, write_small_package

runner = CliRunner()


def _run(home: Path, *args: str) -> str:
    result = runner.invoke(app, ["--home", str(home), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_import_json_detect_and_alerts(home: Path, tmp_path: Path) -> None:
    events = [list(r) for r in SMALL["access_events.csv"]]
    events.append(["E7", "RMS", "PC1001", "yesterday", "view", "nominal", "N1", "", ""])
    package = write_small_package(tmp_path / "pkg", access_events=events)
    out = _run(home, "import", str(package), "--json")
    doc = json.loads(out.strip().splitlines()[-1])
    assert doc["force"] == "XX"
    assert doc["files"]["access_events.csv"] == {
        "rows": 7,
        "loaded": 6,
        "unchanged": 0,
        "quarantined": 1,
    }
    for counts in doc["files"].values():
        assert counts["rows"] == counts["loaded"] + counts["unchanged"] + counts["quarantined"]
    quarantine = [
        json.loads(line) for line in _run(home, "quarantine", "--format", "jsonl").splitlines()
    ]
    assert [(q["file"], q["line"], q["field"]) for q in quarantine] == [
        ("access_events.csv", 8, "ts")
    ]
    status = json.loads(_run(home, "status", "--format", "json"))
    (force,) = status["forces"]
    assert force["rows"]["access_events"] == 6 and force["quarantined"] == 1
    assert force["monitoring"]["no_audit_feed"] == ["BWV (Body-worn video store)"]
    summary = json.loads(_run(home, "detect", "--json"))
    # PC1001 on N1, the generic login, and the generic login on N1 at a quiet time
    assert summary["alerts"] == 3 and "explained_by_rule" in summary
    alerts = [json.loads(line) for line in _run(home, "alerts", "--format", "jsonl").splitlines()]
    assert [a["score"] for a in alerts] == sorted((a["score"] for a in alerts), reverse=True)
    top = alerts[0]
    assert {
        "force",
        "staff_id",
        "score",
        "nominal_ids",
        "event_ids",
        "rule_ids",
        "reasons",
        "narrative",
    } <= set(top)
    assert top["staff_id"] == "PC1001" and top["nominal_ids"] == ["N1"]


def test_refused_package_exits_non_zero(home: Path, tmp_path: Path) -> None:
    package = write_small_package(tmp_path / "pkg")
    (package / "staff.csv").write_text("staff_id,staff_type\nPC1,officer\n")
    result = runner.invoke(app, ["--home", str(home), "import", str(package)])
    assert result.exit_code == 1
    assert "staff.csv: SHA-256 differs" in result.output
