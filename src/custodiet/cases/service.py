"""Cases and allegations: opening, subjects, restriction, IOPC referral, outcomes.

Who sees a case: their force; never a case in which they are a subject; a restricted case
only if named on it; investigators only the cases assigned to them. Functions never commit.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, exists, false, func, or_, select, true
from sqlalchemy.orm import Session, selectinload

from custodiet.alerts.models import Alert
from custodiet.audit.service import record
from custodiet.cases.models import (
    MANDATORY_REFERRAL_CATEGORIES,
    SEVERITIES,
    Allegation,
    Case,
    CaseAlert,
    CaseMember,
    CaseSubject,
)
from custodiet.db import utcnow
from custodiet.fdp.schema import ALLEGATION_CATEGORIES, NOMINAL_MARKERS, OUTCOMES
from custodiet.users.models import User
from custodiet.users.permissions import (
    CASES_ASSIGN,
    CASES_CREATE,
    CASES_EDIT,
    CASES_VIEW_ALL,
    CASES_VIEW_ASSIGNED,
)
from custodiet.users.principal import AccessDenied, InvalidInput, NotFound, Principal
from custodiet.users.service import role_permissions

UK = ZoneInfo("Europe/London")
IOPC_MODES: dict[str, str] = {
    "independent": "Independent investigation (IOPC)",
    "directed": "Directed investigation",
    "local": "Local investigation",
    "returned": "Returned to the force to handle as it sees fit",
}
BARRED_LIST_OUTCOMES = ("dismissed",)


def uk_today() -> date:
    """Today's date in England and Wales."""
    return datetime.now(UK).date()


# ---- visibility ----


def case_visibility(viewer: Principal) -> list[ColumnElement[bool]]:
    """Conditions on Case for the cases this viewer may see."""
    if not (viewer.can(CASES_VIEW_ALL) or viewer.can(CASES_VIEW_ASSIGNED)):
        return [false()]
    conditions: list[ColumnElement[bool]] = []
    if viewer.force is not None:
        conditions.append(Case.force == viewer.force)
    if viewer.staff_id is not None and viewer.force is not None:
        conditions.append(
            ~exists().where(
                CaseSubject.case_id == Case.id,
                CaseSubject.force == viewer.force,
                CaseSubject.staff_id == viewer.staff_id,
            )
        )
        conditions.append(
            ~exists().where(
                Allegation.case_id == Case.id,
                Allegation.force == viewer.force,
                Allegation.staff_id == viewer.staff_id,
            )
        )
    conditions.append(
        or_(
            Case.restricted.is_(False),
            exists().where(CaseMember.case_id == Case.id, CaseMember.username == viewer.username),
        )
    )
    if not viewer.can(CASES_VIEW_ALL):
        conditions.append(Case.assigned_to == viewer.username)
    return conditions


def is_subject(viewer: Principal, case: Case) -> bool:
    """Whether the viewer is a subject of (or has an allegation in) the case."""
    if viewer.staff_id is None:
        return False
    people = {(s.force, s.staff_id) for s in case.subjects}
    people |= {(a.force, a.staff_id) for a in case.allegations}
    return (viewer.force, viewer.staff_id) in people


def can_see(viewer: Principal, case: Case) -> bool:
    """Whether the viewer may see this case (mirrors case_visibility)."""
    if not (viewer.can(CASES_VIEW_ALL) or viewer.can(CASES_VIEW_ASSIGNED)):
        return False
    if not viewer.sees_force(case.force) or is_subject(viewer, case):
        return False
    if case.restricted and viewer.username not in {m.username for m in case.members}:
        return False
    return viewer.can(CASES_VIEW_ALL) or case.assigned_to == viewer.username


def get_case(session: Session, *, viewer: Principal, case_id: int) -> Case:
    """A case the viewer may see, else NotFound."""
    case = session.scalar(
        select(Case)
        .where(Case.id == case_id)
        .options(
            selectinload(Case.allegations),
            selectinload(Case.subjects),
            selectinload(Case.members),
            selectinload(Case.alert_links),
        )
    )
    if case is None or not can_see(viewer, case):
        raise NotFound(f"case {case_id}")
    return case


def _require(viewer: Principal, permission: str) -> None:
    if not viewer.can(permission):
        raise AccessDenied(permission)


@dataclass(frozen=True)
class CasePage:
    """One page of the case list."""

    items: list[Case]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        """How many pages there are."""
        return max(1, -(-self.total // self.per_page))


def list_cases(
    session: Session,
    *,
    viewer: Principal,
    status: str | None = None,
    page: int = 1,
    per_page: int = 50,
) -> CasePage:
    """The cases the viewer may see, newest first."""
    conditions = case_visibility(viewer)
    if status in ("open", "concluded"):
        conditions.append(Case.status == status)
    total = int(session.scalar(select(func.count(Case.id)).where(*conditions)) or 0)
    query = (
        select(Case)
        .where(*conditions)
        .options(selectinload(Case.allegations), selectinload(Case.subjects))
        .order_by(Case.opened_at.desc(), Case.id.desc())
        .limit(per_page)
        .offset((max(1, page) - 1) * per_page)
    )
    return CasePage(items=list(session.scalars(query)), total=total, page=page, per_page=per_page)


def cases_for_alert(session: Session, *, viewer: Principal, alert_id: int) -> list[Case]:
    """Visible cases linked to an alert."""
    query = (
        select(Case)
        .join(CaseAlert, CaseAlert.case_id == Case.id)
        .where(CaseAlert.alert_id == alert_id, *case_visibility(viewer))
        .order_by(Case.id)
    )
    return list(session.scalars(query))


def case_linked_to_alert(session: Session, *, alert_id: int) -> bool:
    """Whether any case (visible or not) links this alert."""
    return (
        session.scalar(select(CaseAlert.id).where(CaseAlert.alert_id == alert_id).limit(1))
        is not None
    )


def linked_alerts(session: Session, *, case: Case) -> list[Alert]:
    """The alerts a case was opened from or linked to."""
    ids = [link.alert_id for link in case.alert_links]
    if not ids:
        return []
    return list(session.scalars(select(Alert).where(Alert.id.in_(ids)).order_by(Alert.id)))


# ---- changes ----


def _audit(
    session: Session,
    viewer: Principal,
    case: Case,
    action: str,
    summary: str,
    details: dict[str, Any] | None = None,
    ip: str | None = None,
    subject_staff_id: str | None = None,
) -> None:
    record(
        session,
        actor=viewer,
        action=action,
        object_type="case",
        object_id=case.id,
        force=case.force,
        subject_staff_id=subject_staff_id,
        summary=summary,
        details=details,
        ip=ip,
    )


def _check_assignee(
    session: Session, *, case_force: str, username: str, subjects: Sequence[str]
) -> None:
    user = session.scalar(select(User).where(User.username == username))
    if user is None or not user.active:
        raise InvalidInput(f"No active user {username!r}.")
    perms = role_permissions(session, cache_key="assign")
    granted = perms.get(user.role, frozenset())
    if CASES_VIEW_ASSIGNED not in granted and CASES_VIEW_ALL not in granted:
        raise InvalidInput(f"{username} cannot work on cases (role {user.role}).")
    if user.force is not None and user.force != case_force:
        raise InvalidInput(f"{username} belongs to another force.")
    if user.staff_id and user.force == case_force and user.staff_id in subjects:
        raise InvalidInput(f"{username} is a subject of this case.")


def open_case(
    session: Session,
    *,
    viewer: Principal,
    force: str,
    title: str,
    summary: str = "",
    subjects: Sequence[str] = (),
    alert_id: int | None = None,
    restricted: bool = False,
    assigned_to: str | None = None,
    ip: str | None = None,
) -> Case:
    """Open a case (from an alert or by hand); the opener is named on it."""
    _require(viewer, CASES_CREATE)
    title = title.strip()
    if not title:
        raise InvalidInput("A case needs a title.")
    if not viewer.sees_force(force):
        raise AccessDenied("another force")
    staff_ids = [s.strip() for s in subjects if s.strip()]
    if viewer.staff_id and viewer.force == force and viewer.staff_id in staff_ids:
        raise InvalidInput("You cannot open a case about yourself.")
    if assigned_to:
        if not viewer.can(CASES_ASSIGN):
            raise AccessDenied(CASES_ASSIGN)
        _check_assignee(session, case_force=force, username=assigned_to, subjects=staff_ids)
    case = Case(
        reference=f"tmp-{uuid.uuid4().hex}",
        force=force,
        title=title[:300],
        summary=summary.strip() or None,
        status="open",
        restricted=restricted,
        assigned_to=assigned_to or None,
        created_by=viewer.username,
        source_alert_id=alert_id,
    )
    session.add(case)
    session.flush()
    case.reference = f"{force}-{case.opened_at.year}-{case.id:05d}"
    for staff_id in dict.fromkeys(staff_ids):
        case.subjects.append(CaseSubject(force=force, staff_id=staff_id, added_by=viewer.username))
    members = {viewer.username}
    if assigned_to:
        members.add(assigned_to)
    for username in sorted(members):
        case.members.append(CaseMember(username=username, added_by=viewer.username))
    if alert_id is not None:
        case.alert_links.append(CaseAlert(alert_id=alert_id, linked_by=viewer.username))
    _audit(
        session,
        viewer,
        case,
        "create",
        f"opened case {case.reference}",
        {
            "title": case.title,
            "subjects": staff_ids,
            "alert_id": alert_id,
            "restricted": restricted,
            "assigned_to": assigned_to,
        },
        ip,
    )
    return case


def open_case_from_alert(
    session: Session,
    *,
    viewer: Principal,
    alert: Alert,
    title: str = "",
    restricted: bool = False,
    assigned_to: str | None = None,
    ip: str | None = None,
) -> Case:
    """Open a case about an alert's staff member, linked to the alert."""
    case = open_case(
        session,
        viewer=viewer,
        force=alert.force,
        title=title or f"{alert.rule_family.replace('_', ' ').capitalize()}: {alert.staff_id}",
        summary=alert.narrative,
        subjects=[alert.staff_id],
        alert_id=alert.id,
        restricted=restricted,
        assigned_to=assigned_to,
        ip=ip,
    )
    if alert.status == "new":
        alert.status = "in_review"
        alert.assigned_to = alert.assigned_to or viewer.username
        alert.updated_at = utcnow()
    record(
        session,
        actor=viewer,
        action="link",
        object_type="alert",
        object_id=alert.id,
        force=alert.force,
        subject_staff_id=alert.staff_id,
        summary=f"opened case {case.reference} from the alert",
        details={"case_id": case.id},
        ip=ip,
    )
    return case


def _editable(viewer: Principal, case: Case) -> None:
    _require(viewer, CASES_EDIT)
    if not can_see(viewer, case):
        raise NotFound(f"case {case.id}")


def add_subject(
    session: Session, *, viewer: Principal, case: Case, staff_id: str, ip: str | None = None
) -> CaseSubject:
    """Add a staff member as a subject of the case."""
    _editable(viewer, case)
    staff_id = staff_id.strip()
    if not staff_id:
        raise InvalidInput("Give the subject's staff id.")
    if any(s.staff_id == staff_id for s in case.subjects):
        raise InvalidInput(f"{staff_id} is already a subject.")
    if viewer.is_person(case.force, staff_id):
        raise InvalidInput("You cannot add yourself as a subject.")
    subject = CaseSubject(force=case.force, staff_id=staff_id, added_by=viewer.username)
    case.subjects.append(subject)
    _audit(
        session,
        viewer,
        case,
        "update",
        f"added subject {staff_id}",
        {"staff_id": staff_id},
        ip,
        staff_id,
    )
    return subject


def assign_case(
    session: Session, *, viewer: Principal, case: Case, username: str, ip: str | None = None
) -> Case:
    """Assign the case to an investigator (who is then named on it)."""
    _editable(viewer, case)
    _require(viewer, CASES_ASSIGN)
    _check_assignee(
        session,
        case_force=case.force,
        username=username,
        subjects=[s.staff_id for s in case.subjects] + [a.staff_id for a in case.allegations],
    )
    before = case.assigned_to
    case.assigned_to = username
    if username not in {m.username for m in case.members}:
        case.members.append(CaseMember(username=username, added_by=viewer.username))
    _audit(
        session,
        viewer,
        case,
        "assign",
        f"assigned to {username}",
        {"before": before, "after": username},
        ip,
    )
    return case


def set_restriction(
    session: Session,
    *,
    viewer: Principal,
    case: Case,
    restricted: bool,
    members: Sequence[str] = (),
    ip: str | None = None,
) -> Case:
    """Restrict the case to named users (or lift the restriction); the viewer stays named."""
    _editable(viewer, case)
    _require(viewer, CASES_ASSIGN)
    wanted = {m.strip() for m in members if m.strip()} | {viewer.username}
    if case.assigned_to:
        wanted.add(case.assigned_to)
    subjects = {s.staff_id for s in case.subjects}
    for username in sorted(wanted):
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            raise InvalidInput(f"No user {username!r}.")
        if user.staff_id and user.force == case.force and user.staff_id in subjects:
            raise InvalidInput(f"{username} is a subject of this case.")
    existing = {m.username: m for m in case.members}
    for username, member in existing.items():
        if username not in wanted:
            case.members.remove(member)
    for username in sorted(wanted - set(existing)):
        case.members.append(CaseMember(username=username, added_by=viewer.username))
    case.restricted = restricted
    _audit(
        session,
        viewer,
        case,
        "restrict" if restricted else "unrestrict",
        ("restricted to " + ", ".join(sorted(wanted))) if restricted else "restriction lifted",
        {"restricted": restricted, "members": sorted(wanted)},
        ip,
    )
    return case


def assess_severity(
    session: Session, *, viewer: Principal, case: Case, severity: str, ip: str | None = None
) -> Case:
    """Record the severity assessment."""
    _editable(viewer, case)
    if severity not in SEVERITIES:
        raise InvalidInput(f"Severity must be one of {', '.join(SEVERITIES)}.")
    before = case.severity
    case.severity = severity
    case.severity_assessed_by = viewer.username
    case.severity_assessed_at = utcnow()
    _audit(
        session,
        viewer,
        case,
        "update",
        f"severity assessed as {severity}",
        {"before": before, "after": severity},
        ip,
    )
    return case


def conclude_case(
    session: Session, *, viewer: Principal, case: Case, ip: str | None = None
) -> Case:
    """Conclude the case; every allegation needs an outcome and every referral made."""
    _editable(viewer, case)
    if any(a.outcome is None for a in case.allegations):
        raise InvalidInput("Record an outcome for every allegation first.")
    if any(referral_due(a) and a.referred_to_iopc is None for a in case.allegations):
        raise InvalidInput("An allegation that must be referred to the IOPC has not been referred.")
    case.status = "concluded"
    case.closed_at = utcnow()
    _audit(session, viewer, case, "conclude", "case concluded", None, ip)
    return case


def reopen_case(session: Session, *, viewer: Principal, case: Case, ip: str | None = None) -> Case:
    """Reopen a concluded case."""
    _editable(viewer, case)
    case.status = "open"
    case.closed_at = None
    _audit(session, viewer, case, "reopen", "case reopened", None, ip)
    return case


# ---- allegations and referral ----


def referral_due(allegation: Allegation) -> bool:
    """Whether the allegation must be referred to the IOPC (APSP always)."""
    return allegation.category in MANDATORY_REFERRAL_CATEGORIES or bool(
        allegation.referral_required
    )


def referral_deadline(allegation: Allegation) -> date | None:
    """The last day to refer: the day after it became clear (due by the end of that day)."""
    if not referral_due(allegation):
        return None
    trigger = allegation.referral_trigger_date or allegation.received
    return trigger + timedelta(days=1)


def referral_state(allegation: Allegation, *, today: date | None = None) -> str:
    """not_required | due (deadline not passed) | overdue | referred_on_time | referred_late."""
    deadline = referral_deadline(allegation)
    if deadline is None:
        return "referred" if allegation.referred_to_iopc else "not_required"
    if allegation.referred_to_iopc is not None:
        return "referred_on_time" if allegation.referred_to_iopc <= deadline else "referred_late"
    return "overdue" if (today or uk_today()) > deadline else "due"


def days_to_refer(allegation: Allegation) -> int | None:
    """Days from it becoming clear to the referral (None if not referred or not due)."""
    if allegation.referred_to_iopc is None or not referral_due(allegation):
        return None
    trigger = allegation.referral_trigger_date or allegation.received
    return (allegation.referred_to_iopc - trigger).days


def add_allegation(
    session: Session,
    *,
    viewer: Principal,
    case: Case,
    staff_id: str,
    category: str,
    received: date,
    source: str = "",
    victim_markers: Sequence[str] = (),
    details: str = "",
    referral_required: bool = False,
    referral_trigger_date: date | None = None,
    ip: str | None = None,
) -> Allegation:
    """Record an allegation; APSP is always flagged for mandatory IOPC referral."""
    _editable(viewer, case)
    staff_id = staff_id.strip()
    if not staff_id:
        raise InvalidInput("Give the staff id the allegation is about.")
    if category not in ALLEGATION_CATEGORIES:
        raise InvalidInput(f"Unknown category {category!r}.")
    bad = [m for m in victim_markers if m not in NOMINAL_MARKERS]
    if bad:
        raise InvalidInput(f"Unknown victim markers: {', '.join(bad)}.")
    if viewer.is_person(case.force, staff_id):
        raise InvalidInput("You cannot record an allegation about yourself.")
    if received > uk_today():
        raise InvalidInput("The received date is in the future.")
    mandatory = category in MANDATORY_REFERRAL_CATEGORIES
    due = mandatory or referral_required
    allegation = Allegation(
        force=case.force,
        staff_id=staff_id,
        case_id=case.id,
        origin="workbench",
        received=received,
        category=category,
        source=source.strip() or None,
        victim_markers=list(dict.fromkeys(victim_markers)),
        details=details.strip() or None,
        referral_required=due,
        referral_trigger_date=(referral_trigger_date or received) if due else None,
        created_by=viewer.username,
    )
    session.add(allegation)
    case.allegations.append(allegation)
    if not any(s.staff_id == staff_id for s in case.subjects):
        case.subjects.append(
            CaseSubject(force=case.force, staff_id=staff_id, added_by=viewer.username)
        )
    session.flush()
    _audit(
        session,
        viewer,
        case,
        "create",
        f"allegation {allegation.id}: {category} against {staff_id}"
        + (" (mandatory IOPC referral)" if mandatory else ""),
        {
            "allegation_id": allegation.id,
            "category": category,
            "received": received.isoformat(),
            "referral_required": due,
        },
        ip,
        staff_id,
    )
    return allegation


def get_allegation(case: Case, allegation_id: int) -> Allegation:
    """An allegation of this case, else NotFound."""
    for allegation in case.allegations:
        if allegation.id == allegation_id:
            return allegation
    raise NotFound(f"allegation {allegation_id}")


def record_referral(
    session: Session,
    *,
    viewer: Principal,
    case: Case,
    allegation: Allegation,
    referred_on: date,
    iopc_reference: str = "",
    trigger_date: date | None = None,
    ip: str | None = None,
) -> Allegation:
    """Record the IOPC referral (and, if corrected, the date it became clear)."""
    _editable(viewer, case)
    if referred_on > uk_today():
        raise InvalidInput("The referral date is in the future.")
    if trigger_date is not None:
        allegation.referral_trigger_date = trigger_date
    if referred_on < (allegation.referral_trigger_date or allegation.received):
        raise InvalidInput("The referral cannot be before the allegation became clear.")
    allegation.referred_to_iopc = referred_on
    allegation.iopc_reference = iopc_reference.strip() or None
    state = referral_state(allegation)
    _audit(
        session,
        viewer,
        case,
        "refer",
        f"allegation {allegation.id} referred to the IOPC on {referred_on.isoformat()} ({state.replace('_', ' ')})",
        {"allegation_id": allegation.id, "referred_on": referred_on.isoformat(), "state": state},
        ip,
        allegation.staff_id,
    )
    return allegation


def record_iopc_decision(
    session: Session,
    *,
    viewer: Principal,
    case: Case,
    allegation: Allegation,
    mode: str,
    decided_on: date,
    ip: str | None = None,
) -> Allegation:
    """Record the IOPC's decision on the mode of investigation."""
    _editable(viewer, case)
    if mode not in IOPC_MODES:
        raise InvalidInput(f"Mode must be one of {', '.join(IOPC_MODES)}.")
    if allegation.referred_to_iopc is None:
        raise InvalidInput("Record the referral before the IOPC's decision.")
    allegation.iopc_mode = mode
    allegation.iopc_decision_date = decided_on
    _audit(
        session,
        viewer,
        case,
        "update",
        f"IOPC decided: {IOPC_MODES[mode]} (allegation {allegation.id})",
        {"allegation_id": allegation.id, "mode": mode},
        ip,
        allegation.staff_id,
    )
    return allegation


def record_outcome(
    session: Session,
    *,
    viewer: Principal,
    case: Case,
    allegation: Allegation,
    outcome: str,
    outcome_date: date,
    ip: str | None = None,
) -> Allegation:
    """Record an allegation's outcome; a dismissal prompts the barred-list notification."""
    _editable(viewer, case)
    if outcome not in OUTCOMES:
        raise InvalidInput(f"Unknown outcome {outcome!r}.")
    before = allegation.outcome
    allegation.outcome = outcome
    allegation.outcome_date = outcome_date
    _audit(
        session,
        viewer,
        case,
        "update",
        f"outcome of allegation {allegation.id}: {outcome}",
        {"allegation_id": allegation.id, "before": before, "after": outcome},
        ip,
        allegation.staff_id,
    )
    return allegation


def barred_list_pending(allegation: Allegation) -> bool:
    """Whether a dismissal awaits notification to the College of Policing barred list."""
    return allegation.outcome in BARRED_LIST_OUTCOMES and allegation.barred_list_notified is None


def record_barred_list_notification(
    session: Session,
    *,
    viewer: Principal,
    case: Case,
    allegation: Allegation,
    notified_on: date,
    ip: str | None = None,
) -> Allegation:
    """Record that the barred list was notified of a dismissal."""
    _editable(viewer, case)
    if allegation.outcome not in BARRED_LIST_OUTCOMES:
        raise InvalidInput("Only a dismissal is notified to the barred list.")
    allegation.barred_list_notified = notified_on
    _audit(
        session,
        viewer,
        case,
        "update",
        f"barred list notified of allegation {allegation.id}",
        {"allegation_id": allegation.id, "notified_on": notified_on.isoformat()},
        ip,
        allegation.staff_id,
    )
    return allegation


# ---- register figures (dashboards) ----


def visible_allegations(viewer: Principal, *, aggregate: bool) -> list[ColumnElement[bool]]:
    """Conditions on Allegation for dashboards: force scope, self-exclusion; cases visible
    unless only aggregate figures are wanted (then every allegation of the force counts)."""
    conditions: list[ColumnElement[bool]] = []
    if viewer.force is not None:
        conditions.append(Allegation.force == viewer.force)
    if viewer.staff_id is not None and viewer.force is not None:
        conditions.append(
            ~and_(Allegation.force == viewer.force, Allegation.staff_id == viewer.staff_id)
        )
    if not aggregate:
        visible_case_ids = select(Case.id).where(*case_visibility(viewer))
        conditions.append(
            or_(Allegation.case_id.is_(None), Allegation.case_id.in_(visible_case_ids))
        )
    return conditions or [true()]


def allegations_for_dashboard(
    session: Session, *, viewer: Principal, aggregate: bool
) -> list[Allegation]:
    """Every allegation the dashboard counts."""
    query = select(Allegation).where(*visible_allegations(viewer, aggregate=aggregate))
    return list(session.scalars(query.order_by(Allegation.received)))


def overdue_referrals(
    session: Session, *, viewer: Principal, today: date | None = None
) -> list[tuple[Allegation, Case | None]]:
    """Allegations past their referral deadline and not referred, in cases the viewer sees."""
    today = today or uk_today()
    query = (
        select(Allegation, Case)
        .outerjoin(Case, Case.id == Allegation.case_id)
        .where(
            Allegation.referred_to_iopc.is_(None),
            or_(
                Allegation.category.in_(MANDATORY_REFERRAL_CATEGORIES),
                Allegation.referral_required.is_(True),
            ),
            *visible_allegations(viewer, aggregate=False),
        )
        .order_by(Allegation.received)
    )
    result: list[tuple[Allegation, Case | None]] = []
    for allegation, case in session.execute(query).all():
        if referral_state(allegation, today=today) in ("overdue", "due"):
            result.append((allegation, case))
    return result
