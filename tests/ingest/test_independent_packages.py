"""Packages written apart from custodiet, from the spec alone, import without loss."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from custodiet.detect.engine import DetectionEngine
from custodiet.ingest.service import import_package
from custodiet.lake.engines import open_engine

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


# The smallest forces at which each generator places its abusers.
@pytest.mark.parametrize(
    ("generator", "staff", "days"),
    [("independent_force", 300, 14), ("independent_force_b", 120, 7)],
)
def test_a_force_generated_apart_imports_every_row_and_runs_detection(
    generator: str, staff: int, days: int, tmp_path: Path
) -> None:
    out = tmp_path / "force"
    subprocess.run(
        [sys.executable, str(BENCHMARKS / generator / "generator.py"), "--out", str(out),
         "--staff", str(staff), "--days", str(days), "--seed", "1"],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    lake = tmp_path / "lake.duckdb"
    result = import_package(lake_path=lake, db_url=None, package=out / "package")
    manifest = json.loads((out / "package" / "manifest.json").read_text())
    assert set(result.files) == set(manifest["files"])
    for name, counts in result.files.items():
        assert counts.quarantined == 0, name
        assert counts.loaded == counts.rows == manifest["files"][name]["rows"], name
    truth = json.loads((out / "package.truth.json").read_text())
    abusive = {e for a in truth["abusers"] for e in a["event_ids"]}
    with open_engine("duckdb", lake) as db:
        ids = ", ".join(f"'{e}'" for e in abusive)
        found = db.rows(
            f"SELECT count(DISTINCT event_id) FROM access_events WHERE event_id IN ({ids})"
        )
        assert abusive and found[1][0][0] == len(abusive)
        run = DetectionEngine(db).run()
    assert run.summary["events"] == sum(
        c.rows for n, c in result.files.items() if n.startswith("access_events")
    )
