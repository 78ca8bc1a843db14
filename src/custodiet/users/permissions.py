"""Roles and the permissions each is granted by default (seeded into `role_permissions`)."""

from __future__ import annotations

from typing import Final

ANALYST: Final = "analyst"
INVESTIGATOR: Final = "investigator"
HEAD_OF_STANDARDS: Final = "head_of_standards"
VETTING_OFFICER: Final = "vetting_officer"
INSPECTOR: Final = "inspector"
AUDITOR: Final = "auditor"
ADMIN: Final = "admin"

ROLES: Final[tuple[str, ...]] = (
    ANALYST,
    INVESTIGATOR,
    HEAD_OF_STANDARDS,
    VETTING_OFFICER,
    INSPECTOR,
    AUDITOR,
    ADMIN,
)

ROLE_LABELS: Final[dict[str, str]] = {
    ANALYST: "ACU analyst",
    INVESTIGATOR: "PSD investigator",
    HEAD_OF_STANDARDS: "Head of professional standards",
    VETTING_OFFICER: "Vetting officer",
    INSPECTOR: "Inspector",
    AUDITOR: "Auditor",
    ADMIN: "Administrator",
}

# Permissions, one string each. Pages and API routes check these, never role names.
ALERTS_VIEW: Final = "alerts:view"
ALERTS_TRIAGE: Final = "alerts:triage"
INTEL_VIEW: Final = "intel:view"
INTEL_EDIT: Final = "intel:edit"
CASES_CREATE: Final = "cases:create"
CASES_VIEW_ALL: Final = "cases:view_all"  # every case of the user's force(s)
CASES_VIEW_ASSIGNED: Final = "cases:view_assigned"  # only cases assigned to the user
CASES_EDIT: Final = "cases:edit"
CASES_ASSIGN: Final = "cases:assign"
PEOPLE_REVEAL: Final = "people:reveal"
DASHBOARD_VIEW: Final = "dashboard:view"  # dashboard with lists of cases and people
DASHBOARD_AGGREGATE: Final = "dashboard:aggregate"  # figures only, never a person
AUDIT_VIEW: Final = "audit:view"
USERS_MANAGE: Final = "users:manage"
VETTING_VIEW: Final = "vetting:view"
VETTING_EDIT: Final = "vetting:edit"
REPORTS_VIEW: Final = "reports:view"

PERMISSIONS: Final[tuple[str, ...]] = (
    ALERTS_VIEW,
    ALERTS_TRIAGE,
    INTEL_VIEW,
    INTEL_EDIT,
    CASES_CREATE,
    CASES_VIEW_ALL,
    CASES_VIEW_ASSIGNED,
    CASES_EDIT,
    CASES_ASSIGN,
    PEOPLE_REVEAL,
    DASHBOARD_VIEW,
    DASHBOARD_AGGREGATE,
    AUDIT_VIEW,
    USERS_MANAGE,
    VETTING_VIEW,
    VETTING_EDIT,
    REPORTS_VIEW,
)

DEFAULT_ROLE_PERMISSIONS: Final[dict[str, frozenset[str]]] = {
    ANALYST: frozenset(
        {ALERTS_VIEW, ALERTS_TRIAGE, INTEL_VIEW, INTEL_EDIT, CASES_CREATE, PEOPLE_REVEAL}
    ),
    INVESTIGATOR: frozenset({CASES_VIEW_ASSIGNED, CASES_EDIT, PEOPLE_REVEAL}),
    HEAD_OF_STANDARDS: frozenset(
        {
            ALERTS_VIEW,
            ALERTS_TRIAGE,
            INTEL_VIEW,
            INTEL_EDIT,
            CASES_CREATE,
            CASES_VIEW_ALL,
            CASES_VIEW_ASSIGNED,
            CASES_EDIT,
            CASES_ASSIGN,
            PEOPLE_REVEAL,
            DASHBOARD_VIEW,
            DASHBOARD_AGGREGATE,
            VETTING_VIEW,
            REPORTS_VIEW,
        }
    ),
    VETTING_OFFICER: frozenset({VETTING_VIEW, VETTING_EDIT}),
    INSPECTOR: frozenset({DASHBOARD_AGGREGATE, REPORTS_VIEW}),
    AUDITOR: frozenset({AUDIT_VIEW}),
    ADMIN: frozenset({USERS_MANAGE}),
}
