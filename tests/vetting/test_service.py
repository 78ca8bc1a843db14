"""Vetting: the register, the backlog, reviews raised once, decisions, policy overrides."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from custodiet.alerts.models import Alert
from custodiet.db import session_scope
from custodiet.ingest.service import import_package
from custodiet.intelligence.models import IntelligenceReport
from custodiet.lake.store import open_lake
from custodiet.vetting.models import VettingReview
from custodiet.vetting.policy import PolicyError, PolicySet, load_policy
from custodiet.vetting.service import (
    VettingError,
    compute_backlog,
    decide_review,
    load_register,
    raise_reviews,
    record_clearance,
    vetting_compliance,
)
from tests.fixtures.vetting_package import AS_OF, write_vetting_package

F = "VT"


@pytest.fixture
def vt_home(home: Path, db_url: str, tmp_path: Path) -> Path:
    """A home holding the vetting test force."""
    import_package(
        lake_path=home / "lake.duckdb",
        db_url=db_url,
        package=write_vetting_package(tmp_path / "vt"),
    )
    return home


@contextmanager
def stores(home: Path, db_url: str) -> Iterator[tuple[duckdb.DuckDBPyConnection, Session]]:
    with open_lake(home / "lake.duckdb", read_only=True) as lake, session_scope(db_url) as s:
        yield lake, s


def backlog_kinds(
    home: Path, db_url: str, policies: PolicySet | None = None, as_of: date = AS_OF
) -> dict[str, set[str]]:
    policies = policies or PolicySet()
    with stores(home, db_url) as (lake, session):
        reg = load_register(session=session, lake_con=lake, policies=policies, as_of=as_of)
        backlog = compute_backlog(register=reg, policies=policies)
    kinds: dict[str, set[str]] = {}
    for item in backlog.items:
        kinds.setdefault(item.kind, set()).add(item.staff_id)
    return kinds


def test_backlog_expired_due_soon_and_below_required(vt_home: Path, db_url: str) -> None:
    kinds = backlog_kinds(vt_home, db_url)
    # A001's RV had no expiry: granted 2010 + 10 years lapsed in 2020. F006 has left.
    assert kinds["expired"] == {"A001"}
    assert kinds["due_soon"] == {"B002"}
    # C003 holds NPPV1 in an NPPV3 post; G007's NPPV2 was withdrawn; A001 holds nothing now.
    assert kinds["below_required"] == {"A001", "C003", "G007"}
    with stores(vt_home, db_url) as (lake, session):
        reg = load_register(session=session, lake_con=lake, policies=PolicySet(), as_of=AS_OF)
        backlog = compute_backlog(register=reg, policies=PolicySet())
    a001 = next(i for i in backlog.items if i.staff_id == "A001" and i.kind == "expired")
    assert a001.expires == date(2020, 1, 1) and a001.days == (AS_OF - date(2020, 1, 1)).days
    b002 = next(i for i in backlog.items if i.kind == "due_soon")
    assert b002.days == 45 and b002.level == "NPPV2"
    assert backlog.serving == 7  # F006 left
    # MV satisfies a post that needs NPPV3: D004 is compliant; 4 of 7 in vetted posts hold it.
    comp = vetting_compliance(register=reg, policies=PolicySet())[F]
    assert comp == {"supplied": True, "in_vetted_posts": 7, "compliant": 4, "share": 0.5714}


def test_workbench_renewal_clears_due_soon(vt_home: Path, db_url: str) -> None:
    with session_scope(db_url) as session:
        record_clearance(
            session=session,
            force=F,
            staff_id="B002",
            level="NPPV2",
            granted=date(2026, 2, 20),
            by="vo1",
            reason="renewed",
        )
    kinds = backlog_kinds(vt_home, db_url)
    assert "B002" not in kinds.get("due_soon", set())
    # The workbench row overrides the package's row with the same key.
    with session_scope(db_url) as session:
        record_clearance(
            session=session,
            force=F,
            staff_id="C003",
            level="NPPV1",
            granted=date(2024, 1, 1),
            status="withdrawn",
            by="vo1",
        )
    with stores(vt_home, db_url) as (lake, session):
        reg = load_register(session=session, lake_con=lake, policies=PolicySet(), as_of=AS_OF)
    (c003,) = reg.clearances[(F, "C003")]
    assert c003.status == "withdrawn" and c003.origin == "workbench"
    with session_scope(db_url) as session, pytest.raises(VettingError):
        record_clearance(
            session=session, force=F, staff_id="C003", level="XX", granted=date(2024, 1, 1)
        )


def test_policy_file_changes_renewal_and_window(vt_home: Path, db_url: str) -> None:
    (vt_home / "vetting.toml").write_text(
        "due_soon_days = 30\n[renewal_years]\nRV = 20\n", encoding="utf-8"
    )
    policies = load_policy(vt_home)
    kinds = backlog_kinds(vt_home, db_url, policies)
    assert "expired" not in kinds  # RV now lasts to 2030
    assert "due_soon" not in kinds  # B002 expires in 45 days, beyond a 30-day window
    (vt_home / "vetting.toml").write_text("[renewal_years]\nXYZ = 3\n", encoding="utf-8")
    with pytest.raises(PolicyError):
        load_policy(vt_home)


def test_reviews_raised_once_for_each_trigger(vt_home: Path, db_url: str) -> None:
    with session_scope(db_url) as session:
        session.add_all(
            [
                Alert(
                    alert_key="k1",
                    force=F,
                    staff_id="D004",
                    rule_family="unexplained_access",
                    severity="medium",
                    disposition="substantiated",
                    first_seen_at=datetime(2026, 2, 1, tzinfo=UTC),
                ),
                Alert(
                    alert_key="k2",
                    force=F,
                    staff_id="E005",
                    rule_family="breadth",
                    severity="high",
                    first_seen_at=datetime(2026, 2, 2, tzinfo=UTC),
                ),
                Alert(
                    alert_key="k3",
                    force=F,
                    staff_id="E005",
                    rule_family="breadth",
                    severity="high",
                    disposition="false_positive",
                    first_seen_at=datetime(2026, 2, 3, tzinfo=UTC),
                ),
                Alert(
                    alert_key="k4",
                    force=F,
                    staff_id="A001",
                    rule_family="breadth",
                    severity="low",
                    first_seen_at=datetime(2026, 2, 3, tzinfo=UTC),
                ),
                IntelligenceReport(
                    reference="INT-1",
                    force=F,
                    staff_id="G007",
                    category="drugs",
                    source_evaluation="2",
                    intelligence_assessment="C",
                    handling_code="P",
                    summary="association",
                    created_at=datetime(2026, 2, 5, tzinfo=UTC),
                ),
            ]
        )
    with stores(vt_home, db_url) as (lake, session):
        first = raise_reviews(session=session, lake_con=lake, policies=PolicySet(), as_of=AS_OF)
    assert first.raised == {
        "circumstance_change": 1,
        "post_move": 1,
        "designated_post": 1,
        "alert": 2,
        "intelligence": 1,
    }
    with session_scope(db_url) as session:
        reviews = {(r.staff_id, r.trigger): r for r in session.scalars(select(VettingReview))}
    assert set(reviews) == {
        ("B002", "circumstance_change"),
        ("C003", "post_move"),
        ("H008", "designated_post"),
        ("D004", "alert"),
        ("E005", "alert"),
        ("G007", "intelligence"),
    }
    assert reviews[("B002", "circumstance_change")].due_date == date(2026, 3, 12)
    assert reviews[("C003", "post_move")].due_date == date(2026, 1, 19)
    assert all(r.owner == "vetting unit" and r.status == "open" for r in reviews.values())
    # Raising again adds nothing.
    with stores(vt_home, db_url) as (lake, session):
        again = raise_reviews(session=session, lake_con=lake, policies=PolicySet(), as_of=AS_OF)
        assert again.raised == {} and again.already == 6
        assert session.scalar(select(func.count()).select_from(VettingReview)) == 6


def test_annual_integrity_review_where_configured(vt_home: Path, db_url: str) -> None:
    (vt_home / "vetting.toml").write_text(
        '[review_owners]\nannual_integrity = "line managers"\n'
        f'[force.{F}]\nannual_integrity_review = true\nannual_review_due = "06-30"\n',
        encoding="utf-8",
    )
    policies = load_policy(vt_home)
    with stores(vt_home, db_url) as (lake, session):
        result = raise_reviews(session=session, lake_con=lake, policies=policies, as_of=AS_OF)
        assert result.raised["annual_integrity"] == 7  # serving staff only
        annual = session.scalars(
            select(VettingReview).where(VettingReview.trigger == "annual_integrity")
        ).all()
        assert {r.due_date for r in annual} == {date(2026, 6, 30)}
        assert {r.owner for r in annual} == {"line managers"}
    with stores(vt_home, db_url) as (lake, session):
        again = raise_reviews(session=session, lake_con=lake, policies=policies, as_of=AS_OF)
        assert "annual_integrity" not in again.raised


def test_decisions_need_reasons_and_withdraw_changes_clearance(vt_home: Path, db_url: str) -> None:
    with stores(vt_home, db_url) as (lake, session):
        raise_reviews(session=session, lake_con=lake, policies=PolicySet(), as_of=AS_OF)
    with session_scope(db_url) as session:
        ids = {r.staff_id: r.id for r in session.scalars(select(VettingReview))}
    with stores(vt_home, db_url) as (lake, session):
        kw = {
            "session": session,
            "lake_con": lake,
            "policies": PolicySet(),
            "as_of": AS_OF,
            "by": "vo1",
        }
        with pytest.raises(VettingError, match="reason"):
            decide_review(review_id=ids["B002"], decision="continue", reason=" ", **kw)
        with pytest.raises(VettingError, match="one of"):
            decide_review(review_id=ids["B002"], decision="ignore", reason="x", **kw)
        with pytest.raises(VettingError, match="conditions"):
            decide_review(review_id=ids["B002"], decision="conditions", reason="x", **kw)
        decide_review(
            review_id=ids["B002"],
            decision="conditions",
            reason="partner known",
            conditions="declare contact quarterly",
            **kw,
        )
        decide_review(
            review_id=ids["H008"], decision="withdraw", reason="undisclosed association", **kw
        )
        with pytest.raises(VettingError, match="already decided"):
            decide_review(review_id=ids["H008"], decision="continue", reason="x", **kw)
    kinds = backlog_kinds(vt_home, db_url)
    assert "H008" in kinds["below_required"]  # withdrawn NPPV3, designated post needs it
    with session_scope(db_url) as session:
        b002 = session.get(VettingReview, ids["B002"])
        assert b002 is not None and b002.decision == "conditions" and b002.decided_by == "vo1"


def test_posting_days_are_the_forces_own_in_summer(home: Path, db_url: str, tmp_path: Path) -> None:
    from tests.fixtures.packages import SMALL, write_small_package

    postings = [
        SMALL["postings.csv"][0],
        # stored in UTC as 23:00 the evening before; the vetting officer reads 12 June
        ["PC1001", "Response", "constable", "R1", "North", "NPPV2", "2026-06-12", "2026-07-14"],
        ["PC1001", "CID", "detective", "C1", "East", "NPPV3", "2026-07-15", ""],
    ]
    package = write_small_package(tmp_path / "pkg", postings=postings)
    import_package(lake_path=home / "lake.duckdb", db_url=db_url, package=package)
    with stores(home, db_url) as (lake, session):
        reg = load_register(
            session=session, lake_con=lake, policies=PolicySet(), as_of=date(2026, 7, 14)
        )
    first, second = reg.posts[("XX", "PC1001")]
    assert (first.start, first.end, second.start) == (
        date(2026, 6, 12),
        date(2026, 7, 15),  # the first day no longer in post: 14 July is still covered
        date(2026, 7, 15),
    )
    assert first.covers(date(2026, 7, 14)) and not second.covers(date(2026, 7, 14))
