"""Test data for the workbench: users of every role and alerts written straight to the store."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from custodiet.alerts.models import Alert
from custodiet.users.models import User
from custodiet.users.service import ensure_role_permissions, hash_password

PASSWORD = "correct-horse-battery"
FORCE = "SY"


def sample_evidence(
    staff_id: str, nominal_id: str, *, start: datetime | None = None
) -> dict[str, Any]:
    """Evidence as detection writes it: events, shifts, taskings and peer figures."""
    start = start or datetime(2026, 1, 5, 7, 0, tzinfo=UTC)
    events = []
    for i in range(6):
        ts = start + timedelta(hours=3 * i + 1, minutes=7 * i)
        events.append(
            {
                "event_id": f"E{staff_id}{i}",
                "ts": ts.isoformat(),
                "system_id": "RMS",
                "action": "view",
                "entity_type": "nominal",
                "entity_id": nominal_id,
                "nominal_id": nominal_id,
                "on_duty": i < 3,
                "explained_by": ["tasked_on_occurrence"] if i == 0 else [],
            }
        )
    return {
        "events": events,
        "shifts": [{"start": start.isoformat(), "end": (start + timedelta(hours=10)).isoformat()}],
        "taskings": [
            {
                "occurrence_id": "OC1",
                "role": "attending",
                "start": (start + timedelta(hours=1)).isoformat(),
                "end": (start + timedelta(hours=5)).isoformat(),
            }
        ],
        "peer": {"lookups_of_person": 6, "peer_median": 0, "peer_p95": 1},
    }


def make_alert(
    session: Session,
    *,
    staff_id: str,
    nominal_id: str | None = "NOMSECRET1",
    force: str = FORCE,
    rule_family: str = "repeat_lookup",
    score: float = 50.0,
    status: str = "new",
    severity: str = "high",
) -> Alert:
    """One alert with evidence, as detection would write it."""
    key = hashlib.sha256(f"{force}|{staff_id}|{nominal_id}|{rule_family}".encode()).hexdigest()[:40]
    alert = Alert(
        alert_key=key,
        force=force,
        staff_id=staff_id,
        rule_family=rule_family,
        subject_nominal_id=nominal_id,
        score=score,
        severity=severity,
        status=status,
        active=True,
        nominal_ids=[nominal_id] if nominal_id else [],
        event_ids=[],
        rule_ids=["R-REPEAT-01"],
        reasons=["looked up the same person 6 times without a tasking", "3 lookups off duty"],
        narrative=f"{staff_id} viewed the record of a domestic-abuse victim 6 times in 5 days, 3 off duty.",
        evidence=sample_evidence(staff_id, nominal_id or "N0"),
    )
    session.add(alert)
    session.flush()
    return alert


ROLE_USERS: dict[str, dict[str, Any]] = {
    "analyst": {"role": "analyst", "force": FORCE},
    "investigator": {"role": "investigator", "force": FORCE},
    "investigator2": {"role": "investigator", "force": FORCE},
    "head": {"role": "head_of_standards", "force": FORCE},
    "vetting": {"role": "vetting_officer", "force": FORCE},
    "inspector": {"role": "inspector", "force": None},
    "auditor": {"role": "auditor", "force": None},
    "admin": {"role": "admin", "force": None},
    # An analyst who is also staff member PC1001: never sees anything about PC1001.
    "subject_analyst": {"role": "analyst", "force": FORCE, "staff_id": "PC1001"},
    # A head of standards who is staff member PC1003 (subject of a case).
    "subject_head": {"role": "head_of_standards", "force": FORCE, "staff_id": "PC1003"},
    # A second head of standards, not named on restricted cases.
    "head2": {"role": "head_of_standards", "force": FORCE},
    # A head of standards of another force.
    "other_head": {"role": "head_of_standards", "force": "XX"},
}
_HASH: list[str] = []


def seed_users(session: Session) -> None:
    """One user per role (plus a subject and another force's head), password PASSWORD."""
    ensure_role_permissions(session)
    if not _HASH:
        _HASH.append(hash_password(PASSWORD))  # hash once: argon2 is slow on purpose
    for username, spec in ROLE_USERS.items():
        session.add(
            User(
                username=username,
                display_name=username.title(),
                password_hash=_HASH[0],
                active=True,
                role=spec["role"],
                force=spec.get("force"),
                staff_id=spec.get("staff_id"),
            )
        )
    session.flush()
