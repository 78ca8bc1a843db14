"""A small world for authorisation tests: alerts, cases, intelligence and vetting about known
people."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from custodiet.cases.service import add_allegation, open_case, open_case_from_alert
from custodiet.db import session_scope, utcnow
from custodiet.intelligence.service import create_report
from custodiet.users.models import User
from custodiet.users.principal import Principal
from custodiet.users.service import principal_for, role_permissions
from custodiet.vetting.models import VettingReview
from custodiet.vetting.service import record_clearance
from tests.web.seed import make_alert


def principal(session: Session, username: str) -> Principal:
    """The Principal of a seeded user."""
    user = session.scalar(select(User).where(User.username == username))
    assert user is not None
    return principal_for(user, role_permissions(session, cache_key="tests"))


@dataclass(frozen=True)
class World:
    """Ids of everything seeded."""

    a1: int  # SY PC1002
    a_self: int  # SY PC1001: subject_analyst's own
    a_head_self: int  # SY PC1003: subject_head's own
    a_xx: int  # force XX
    c1: int  # from a1, assigned to investigator
    c2: int  # assigned to investigator2
    c_restricted: int  # restricted to head + investigator
    c_self: int  # subject PC1003 (subject_head)
    c_xx: int  # force XX
    i1: int  # about PC1002
    i_self: int  # about PC1001 (subject_analyst)
    allegation1: int  # APSP allegation in c1
    v1: int  # vetting review of SY PC1002 (who holds a workbench clearance)
    v_self: int  # vetting review of SY PC1003: subject_head's own
    v_xx: int  # vetting review in force XX


def vetting_review(s: Session, *, force: str, staff_id: str, key: str) -> VettingReview:
    """An open post-move review of a person with a current clearance on the workbench."""
    today = utcnow().date()
    record_clearance(
        session=s,
        force=force,
        staff_id=staff_id,
        level="NPPV2",
        granted=today - timedelta(days=400),
        expires=today + timedelta(days=3000),
        by="vetting",
    )
    review = VettingReview(
        review_key=key,
        force=force,
        staff_id=staff_id,
        trigger="post_move",
        trigger_ref=key,
        trigger_date=today - timedelta(days=3),
        detail="moved to a designated post",
        due_date=today + timedelta(days=11),
        owner="vetting unit",
    )
    s.add(review)
    s.flush()
    return review


def build_world(db_url: str) -> World:
    """Seed alerts, cases, intelligence and vetting (through the services where there is one)."""
    with session_scope(db_url) as s:
        head, other_head, analyst = (principal(s, n) for n in ("head", "other_head", "analyst"))
        a1 = make_alert(s, staff_id="PC1002")
        a_self = make_alert(s, staff_id="PC1001", nominal_id="NOMSECRET2", score=80)
        a_head_self = make_alert(s, staff_id="PC1003", nominal_id="NOMSECRET3", score=70)
        a_xx = make_alert(s, staff_id="XX9", force="XX", nominal_id="NOMSECRETX")
        c1 = open_case_from_alert(s, viewer=head, alert=a1, assigned_to="investigator")
        allegation = add_allegation(
            s,
            viewer=head,
            case=c1,
            staff_id="PC1002",
            category="apsp",
            received=utcnow().date(),
            source="audit analysis",
            victim_markers=["domestic_abuse_victim"],
        )
        c2 = open_case(
            s,
            viewer=head,
            force="SY",
            title="Second",
            subjects=["PC2000"],
            assigned_to="investigator2",
        )
        c_restricted = open_case(
            s,
            viewer=head,
            force="SY",
            title="Restricted",
            subjects=["PC2001"],
            restricted=True,
            assigned_to="investigator",
        )
        c_self = open_case(s, viewer=head, force="SY", title="About a head", subjects=["PC1003"])
        c_xx = open_case(s, viewer=other_head, force="XX", title="Elsewhere", subjects=["XX9"])
        grading = {"source_evaluation": "2", "intelligence_assessment": "B", "handling_code": "P"}
        i1 = create_report(
            s,
            viewer=analyst,
            force="SY",
            staff_id="PC1002",
            category="apsp",
            summary="Seen with a victim",
            **grading,
        )
        i_self = create_report(
            s,
            viewer=head,
            force="SY",
            staff_id="PC1001",
            category="drugs",
            summary="About the analyst",
            **grading,
        )
        v1 = vetting_review(s, force="SY", staff_id="PC1002", key="world-v1")
        v_self = vetting_review(s, force="SY", staff_id="PC1003", key="world-v-self")
        v_xx = vetting_review(s, force="XX", staff_id="XX9", key="world-v-xx")
        s.flush()
        return World(
            a1=a1.id,
            a_self=a_self.id,
            a_head_self=a_head_self.id,
            a_xx=a_xx.id,
            c1=c1.id,
            c2=c2.id,
            c_restricted=c_restricted.id,
            c_self=c_self.id,
            c_xx=c_xx.id,
            i1=i1.id,
            i_self=i_self.id,
            allegation1=allegation.id,
            v1=v1.id,
            v_self=v_self.id,
            v_xx=v_xx.id,
        )
