"""Intelligence reports: graded 3x5x2, in a national corruption category. Never commits."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, false, func, not_, select
from sqlalchemy.orm import Session

from custodiet.audit.service import record
from custodiet.fdp.schema import ALLEGATION_CATEGORIES
from custodiet.intelligence.models import (
    HANDLING_CODES,
    INTELLIGENCE_ASSESSMENTS,
    SOURCE_EVALUATIONS,
    IntelligenceReport,
)
from custodiet.users.permissions import INTEL_EDIT, INTEL_VIEW
from custodiet.users.principal import AccessDenied, InvalidInput, NotFound, Principal

SOURCE_KINDS: dict[str, str] = {
    "audit_analysis": "Audit-trail analysis",
    "confidential_reporting": "Confidential reporting line",
    "member_of_public": "Member of the public",
    "colleague": "Colleague",
    "partner_agency": "Partner agency",
    "covert": "Covert source",
    "other": "Other",
}


def visibility(viewer: Principal) -> list[ColumnElement[bool]]:
    """Conditions on IntelligenceReport for what the viewer may see."""
    if not viewer.can(INTEL_VIEW):
        return [false()]
    conditions: list[ColumnElement[bool]] = []
    if viewer.force is not None:
        conditions.append(IntelligenceReport.force == viewer.force)
    if viewer.staff_id is not None and viewer.force is not None:
        conditions.append(
            not_(
                and_(
                    IntelligenceReport.force == viewer.force,
                    func.coalesce(IntelligenceReport.staff_id, "") == viewer.staff_id,
                )
            )
        )
    return conditions


@dataclass(frozen=True)
class ReportPage:
    """One page of intelligence."""

    items: list[IntelligenceReport]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        """How many pages there are."""
        return max(1, -(-self.total // self.per_page))


def list_reports(
    session: Session,
    *,
    viewer: Principal,
    category: str | None = None,
    page: int = 1,
    per_page: int = 50,
) -> ReportPage:
    """Intelligence the viewer may see, newest first."""
    conditions = visibility(viewer)
    if category:
        conditions.append(IntelligenceReport.category == category)
    total = int(session.scalar(select(func.count(IntelligenceReport.id)).where(*conditions)) or 0)
    query = (
        select(IntelligenceReport)
        .where(*conditions)
        .order_by(IntelligenceReport.created_at.desc(), IntelligenceReport.id.desc())
        .limit(per_page)
        .offset((max(1, page) - 1) * per_page)
    )
    return ReportPage(items=list(session.scalars(query)), total=total, page=page, per_page=per_page)


def get_report(session: Session, *, viewer: Principal, report_id: int) -> IntelligenceReport:
    """A report the viewer may see, else NotFound."""
    report = session.scalar(
        select(IntelligenceReport).where(IntelligenceReport.id == report_id, *visibility(viewer))
    )
    if report is None:
        raise NotFound(f"intelligence {report_id}")
    return report


def reports_for_alert(
    session: Session, *, viewer: Principal, alert_id: int
) -> list[IntelligenceReport]:
    """Visible intelligence raised from an alert."""
    query = select(IntelligenceReport).where(
        IntelligenceReport.alert_id == alert_id, *visibility(viewer)
    )
    return list(session.scalars(query.order_by(IntelligenceReport.id)))


def grading(report: IntelligenceReport) -> str:
    """The 3x5x2 grading as one code, e.g. "2B P"."""
    return f"{report.source_evaluation}{report.intelligence_assessment} {report.handling_code}"


def create_report(
    session: Session,
    *,
    viewer: Principal,
    force: str,
    staff_id: str | None,
    category: str,
    source_evaluation: str,
    intelligence_assessment: str,
    handling_code: str,
    summary: str,
    content: str = "",
    handling_conditions: str = "",
    source_kind: str = "audit_analysis",
    alert_id: int | None = None,
    ip: str | None = None,
) -> IntelligenceReport:
    """Record graded intelligence (from an alert or by hand)."""
    if not viewer.can(INTEL_EDIT):
        raise AccessDenied(INTEL_EDIT)
    if not viewer.sees_force(force):
        raise AccessDenied("another force")
    staff_id = (staff_id or "").strip() or None
    if viewer.is_person(force, staff_id):
        raise InvalidInput("You cannot record intelligence about yourself.")
    if category not in ALLEGATION_CATEGORIES:
        raise InvalidInput(f"Unknown category {category!r}.")
    if source_evaluation not in SOURCE_EVALUATIONS:
        raise InvalidInput("Source evaluation is 1, 2 or 3.")
    if intelligence_assessment not in INTELLIGENCE_ASSESSMENTS:
        raise InvalidInput("Intelligence assessment is A to E.")
    if handling_code not in HANDLING_CODES:
        raise InvalidInput("Handling code is P or C.")
    if handling_code == "C" and not handling_conditions.strip():
        raise InvalidInput("Handling code C needs the conditions.")
    if source_kind not in SOURCE_KINDS:
        raise InvalidInput("Unknown source kind.")
    summary = summary.strip()
    if not summary:
        raise InvalidInput("Give a one-line summary.")
    report = IntelligenceReport(
        reference=f"tmp-{uuid.uuid4().hex}",
        force=force,
        staff_id=staff_id,
        category=category,
        source_evaluation=source_evaluation,
        intelligence_assessment=intelligence_assessment,
        handling_code=handling_code,
        handling_conditions=handling_conditions.strip() or None,
        summary=summary[:300],
        content=content.strip(),
        source_kind=source_kind,
        alert_id=alert_id,
        created_by=viewer.username,
    )
    session.add(report)
    session.flush()
    report.reference = f"{force}-INT-{report.id:05d}"
    record(
        session,
        actor=viewer,
        action="create",
        object_type="intelligence",
        object_id=report.id,
        force=force,
        subject_staff_id=staff_id,
        summary=f"intelligence {report.reference} graded {grading(report)} ({category})",
        details={"alert_id": alert_id, "category": category, "grading": grading(report)},
        ip=ip,
    )
    return report
