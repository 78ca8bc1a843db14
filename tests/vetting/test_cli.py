"""`custodiet vetting ...` and the return's vetting compliance, through the command line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from custodiet.cli import app
from custodiet.ingest.service import import_package
from tests.fixtures.vetting_package import write_vetting_package


def test_vetting_commands(home: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    import_package(
        lake_path=home / "lake.duckdb", db_url=None, package=write_vetting_package(tmp_path / "vt")
    )
    runner = CliRunner()
    base = ["--home", str(home), "--db", db, "vetting"]
    day = ["--as-of", "2026-03-01"]

    result = runner.invoke(app, [*base, "backlog", *day, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["counts"] == {"expired": 1, "due_soon": 1, "below_required": 3}
    assert data["people"] == 4 and data["vetting_not_supplied"] == []
    table = runner.invoke(app, [*base, "backlog", *day])
    assert table.exit_code == 0 and "C003" in table.stdout

    first = runner.invoke(app, [*base, "reviews", "--raise", *day, "--format", "json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["raised"]["total_raised"] == 3
    again = json.loads(
        runner.invoke(app, [*base, "reviews", "--raise", *day, "--format", "json"]).stdout
    )
    assert again["raised"]["total_raised"] == 0 and len(again["reviews"]) == 3
    review = next(r for r in again["reviews"] if r["staff_id"] == "C003")
    assert review["trigger"] == "post_move" and review["overdue"]

    decided = runner.invoke(
        app,
        [
            *base,
            "decide",
            str(review["id"]),
            "--decision",
            "suspend",
            "--reason",
            "not cleared for intelligence",
            "--by",
            "vo1",
            *day,
        ],
    )
    assert decided.exit_code == 0, decided.output
    assert json.loads(decided.stdout)["decision"] == "suspend"
    refused = runner.invoke(
        app,
        [
            *base,
            "decide",
            str(review["id"]),
            "--decision",
            "continue",
            "--reason",
            "x",
            "--by",
            "vo1",
        ],
    )
    assert refused.exit_code == 2
    person = json.loads(runner.invoke(app, [*base, "person", "VT", "C003", *day]).stdout)
    assert person["held_level"] is None and person["required_level"] == "NPPV3"
    assert person["clearances"][0]["status"] == "suspended"

    ret = runner.invoke(
        app,
        [
            "--home",
            str(home),
            "--db",
            db,
            "report",
            "return",
            "--from",
            "2026-01-01",
            "--to",
            "2026-03-01",
            "--format",
            "json",
        ],
    )
    assert ret.exit_code == 0, ret.output
    vet = json.loads(ret.stdout)["vetting_compliance"]
    assert vet["as_of"] == "2026-03-01"
    assert (vet["in_vetted_posts"], vet["compliant"], vet["share"]) == (7, 4, 0.5714)
