"""The return: HMIC's December 2016 figures from the project's own 43-force fixture."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from custodiet.cases.models import Allegation
from custodiet.cases.sync import sync_imported_allegations
from custodiet.cli import app
from custodiet.db import session_scope
from custodiet.lake.store import open_lake
from custodiet.reports.render import render
from custodiet.reports.service import ReportError, build_return
from tests.fixtures.hmic2016 import WITHOUT_CASE

FROM, TO = date(2014, 4, 1), date(2016, 3, 31)
CONTRACT = ("allegations", "personnel", "victim_markers", "referred", "outcomes", "forces")


def test_2016_figures_reproduced(hmic_home: Path, db_url: str) -> None:
    with open_lake(hmic_home / "lake.duckdb", read_only=True) as lake:
        with session_scope(db_url) as session:
            first = sync_imported_allegations(session=session, lake_con=lake)
        with session_scope(db_url) as session:
            again = sync_imported_allegations(session=session, lake_con=lake)
            ret = build_return(
                session=session,
                lake_con=lake,
                start=FROM,
                end=TO,
                category="apsp",
                audience="national",
            )
    assert first.inserted == 436 + 3 * 43 and again.inserted == 0 and again.updated == 0
    data = ret.as_json()
    assert data["allegations"] == 436
    assert data["personnel"] == {
        "total": 334,
        "officer": 306,
        "special_constable": 0,
        "pcso": 20,
        "staff": 8,
        "volunteer": 0,
    }
    assert round(100 * data["victim_markers"]["domestic_abuse_victim"] / 436) == 39
    assert round(100 * data["referred"] / data["allegations"]) == 48
    assert data["forces"] == {"total": 43, "with_allegations": 42}
    assert data["forces_without_allegations"] == [WITHOUT_CASE]
    assert sum(data["outcomes"].values()) + data["open_allegations"] == 436
    assert data["late_referrals"] == []  # national: nothing about a case or a person
    # Counting by staff_id alone would merge people of different forces.
    with session_scope(db_url) as session:
        rows = session.scalars(
            select(Allegation).where(
                Allegation.category == "apsp",
                Allegation.received >= FROM,
                Allegation.received <= TO,
            )
        ).all()
    assert len({a.staff_id for a in rows}) < 334 == len({(a.force, a.staff_id) for a in rows})


def test_filters_force_and_category(hmic_home: Path, db_url: str) -> None:
    with open_lake(hmic_home / "lake.duckdb", read_only=True) as lake:
        with session_scope(db_url) as session:
            sync_imported_allegations(session=session, lake_con=lake)
        with session_scope(db_url) as session:
            everything = build_return(session=session, lake_con=lake, start=FROM, end=TO)
            wa = build_return(
                session=session,
                lake_con=lake,
                start=FROM,
                end=TO,
                category="apsp",
                force=WITHOUT_CASE,
            )
            with pytest.raises(ReportError):
                build_return(
                    session=session,
                    lake_con=lake,
                    start=FROM,
                    end=TO,
                    force="WA",
                    audience="national",
                )
    # Every force also has one theft_fraud allegation against a special constable in the period.
    assert everything.allegations == 436 + 43
    assert everything.personnel.special_constable == 43
    assert everything.forces.with_allegations == 43
    assert wa.allegations == 0 and wa.forces.total == 1 and wa.forces.with_allegations == 0


def test_cli_return_formats(hmic_home: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    base = [
        "--home",
        str(hmic_home),
        "--db",
        db,
        "report",
        "return",
        "--from",
        "2014-04-01",
        "--to",
        "2016-03-31",
        "--category",
        "apsp",
    ]
    result = runner.invoke(app, [*base, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data)[:6] == list(CONTRACT)
    assert set(data["personnel"]) == {
        "total",
        "officer",
        "special_constable",
        "pcso",
        "staff",
        "volunteer",
    }
    assert set(data["forces"]) == {"total", "with_allegations"}
    assert all(isinstance(data[k], int) for k in ("allegations", "referred"))
    for fmt, check in (("html", b"<svg"), ("pdf", b"%PDF"), ("csv", b"personnel,national,pcso,20")):
        out = tmp_path / f"r.{fmt}"
        result = runner.invoke(app, [*base, "--national", "--format", fmt, "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert check in out.read_bytes()
    html = (tmp_path / "r.html").read_text()
    assert html.index("<svg") < html.index("<table")  # the picture before the table
    bad = runner.invoke(app, [*base, "--national", "--force", "KE", "--format", "json"])
    assert bad.exit_code == 2


def test_force_view_lists_late_referrals(hmic_home: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    from custodiet.db import upgrade

    upgrade(db)
    with open_lake(hmic_home / "lake.duckdb", read_only=True) as lake, session_scope(db) as session:
        sync_imported_allegations(session=session, lake_con=lake)
        session.flush()
        ret = build_return(
            session=session, lake_con=lake, start=FROM, end=TO, category="apsp", force="MP"
        )
    late = ret.late_referrals
    assert late and all(r.force == "MP" for r in late)
    assert len(late) == ret.time_to_refer.late + ret.mandatory_not_referred
    assert render(ret, "html").startswith(b"<!doctype html>")
