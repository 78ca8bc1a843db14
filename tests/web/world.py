"""A small world for authorisation tests: alerts, cases and intelligence about known people."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from custodiet.cases.service import add_allegation, open_case, open_case_from_alert
from custodiet.db import session_scope, utcnow
from custodiet.intelligence.service import create_report
from custodiet.users.models import User
from custodiet.users.principal import Principal
from custodiet.users.service import principal_for, role_permissions
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


def build_world(db_url: str) -> World:
    """Seed alerts, cases and intelligence through the services."""
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
        )
