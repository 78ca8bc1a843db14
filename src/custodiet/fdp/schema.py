"""The force data package (FDP v1): every table, its columns, types, codes and keys.

This module is the single description of the format. The importer derives its validation
SQL from it, the lake derives its table definitions from it, and the simulator writes to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """How a cell is parsed."""

    TEXT = "text"
    TIMESTAMP = "timestamp"  # ISO 8601; stored as UTC without zone
    DATE = "date"
    INTEGER = "integer"
    CODE = "code"  # one value from `codes`
    CODE_LIST = "code_list"  # ';'-separated values from `codes`
    YES_NO = "yes_no"


STAFF_TYPES = ("officer", "special_constable", "pcso", "staff", "volunteer")
VETTING_LEVELS = ("RV", "NPPV1", "NPPV2", "NPPV3", "MV", "SC", "DV")
VETTING_STATUSES = ("active", "lapsed", "withdrawn", "refused")
NOMINAL_MARKERS = (
    "domestic_abuse_victim",
    "sexual_offence_victim",
    "child",
    "mental_health",
    "substance_misuse",
    "sex_worker",
    "missing_person",
    "arrested_suspect",
    "homeless",
    "modern_slavery_victim",
    "vulnerable_adult",
)
NOMINAL_ROLES = ("victim", "suspect", "witness", "caller", "other")
TASKING_ROLES = (
    "oic",
    "attending",
    "investigator",
    "supervisor",
    "call_handler",
    "safeguarding",
    "court_prep",
    "other",
)
ACTIONS = ("search", "view", "update", "create", "print", "export")
ENTITY_TYPES = ("nominal", "occurrence", "custody", "intelligence", "vehicle", "location", "other")
CHANGE_KINDS = ("relationship", "address", "financial", "association", "criminal", "other")
ALLEGATION_CATEGORIES = (
    "apsp",
    "infiltration",
    "disclosure_of_information",
    "perverting_justice",
    "sexual_misconduct",
    "drugs",
    "theft_fraud",
    "misuse_of_systems",
    "abuse_of_authority",
    "inappropriate_association",
    "vulnerability",
    "assisting_offenders",
    "other",
)
OUTCOMES = (
    "no_case_to_answer",
    "reflective_practice",
    "management_action",
    "written_warning",
    "final_written_warning",
    "reduction_in_rank",
    "dismissed",
    "resigned",
    "retired",
    "criminal_conviction",
    "no_further_action",
)


@dataclass(frozen=True)
class Column:
    """One column of an FDP table."""

    name: str
    kind: Kind = Kind.TEXT
    required: bool = False
    codes: tuple[str, ...] = ()
    # The end of a period (a posting, shift, tasking, case, detention): a bare date in it
    # means the whole of that day, so it is read as the following midnight.
    period_end: bool = False


@dataclass(frozen=True)
class Table:
    """One FDP table: the file(s) it comes from, its columns and its key."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    required_file: bool = False
    # access events may be split over several files: access_events.csv, access_events_*.csv
    multi_file: bool = False
    description: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def column_names(self) -> tuple[str, ...]:
        """Names of the declared columns, in declaration order."""
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        """The declared column called `name`."""
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    def matches_file(self, filename: str) -> bool:
        """Whether a file in a package belongs to this table."""
        if filename == f"{self.name}.csv":
            return True
        return (
            self.multi_file and filename.startswith(f"{self.name}_") and filename.endswith(".csv")
        )


def _c(
    name: str,
    kind: Kind = Kind.TEXT,
    *,
    req: bool = False,
    codes: tuple[str, ...] = (),
    end: bool = False,
) -> Column:
    return Column(name=name, kind=kind, required=req, codes=codes, period_end=end)


T, TS, D, INT, C, CL, YN = (
    Kind.TEXT,
    Kind.TIMESTAMP,
    Kind.DATE,
    Kind.INTEGER,
    Kind.CODE,
    Kind.CODE_LIST,
    Kind.YES_NO,
)

TABLES: tuple[Table, ...] = (
    Table(
        "staff",
        (
            _c("staff_id", req=True),
            _c("name"),
            _c("staff_type", C, req=True, codes=STAFF_TYPES),
            _c("rank"),
            _c("sex"),
            _c("home_district"),
            _c("joined", D),
            _c("left", D),
        ),
        key=("staff_id",),
        required_file=True,
        description="everyone with a login",
    ),
    Table(
        "systems",
        (
            _c("system_id", req=True),
            _c("name"),
            _c("category"),
            _c("audit_feed", YN),
            _c("notes"),
        ),
        key=("system_id",),
        description="every IT system that holds personal data",
    ),
    Table(
        "postings",
        (
            _c("staff_id", req=True),
            _c("unit", req=True),
            _c("role"),
            _c("team"),
            _c("district"),
            _c("vetting_level_required", C, codes=VETTING_LEVELS),
            _c("start", TS, req=True),
            _c("end", TS, end=True),
        ),
        key=("staff_id", "unit", "start"),
        description="who worked where and when",
    ),
    Table(
        "shifts",
        (_c("staff_id", req=True), _c("start", TS, req=True), _c("end", TS, req=True, end=True)),
        key=("staff_id", "start"),
        description="rostered duty periods",
    ),
    Table(
        "nominals",
        (
            _c("nominal_id", req=True),
            _c("sex"),
            _c("birth_year", INT),
            _c("district"),
            _c("markers", CL, codes=NOMINAL_MARKERS),
        ),
        key=("nominal_id",),
        description="person records",
    ),
    Table(
        "occurrences",
        (
            _c("occurrence_id", req=True),
            _c("category"),
            _c("opened", TS, req=True),
            _c("closed", TS, end=True),
            _c("district"),
            _c("created_by"),
        ),
        key=("occurrence_id",),
        description="incidents and crimes",
    ),
    Table(
        "occurrence_nominals",
        (
            _c("occurrence_id", req=True),
            _c("nominal_id", req=True),
            _c("role", C, req=True, codes=NOMINAL_ROLES),
        ),
        key=("occurrence_id", "nominal_id", "role"),
        description="who is in which occurrence",
    ),
    Table(
        "occurrence_staff",
        (
            _c("occurrence_id", req=True),
            _c("staff_id", req=True),
            _c("role", C, req=True, codes=TASKING_ROLES),
            _c("start", TS, req=True),
            _c("end", TS, end=True),
        ),
        key=("occurrence_id", "staff_id", "role", "start"),
        description="who was tasked on which occurrence, and when",
    ),
    Table(
        "custody",
        (
            _c("custody_id", req=True),
            _c("nominal_id", req=True),
            _c("staff_id", req=True),
            _c("suite"),
            _c("booked_in", TS, req=True),
            _c("released", TS, end=True),
        ),
        key=("custody_id",),
        description="detentions and the staff who dealt with them",
    ),
    Table(
        "access_events",
        (
            _c("event_id", req=True),
            _c("system_id", req=True),
            _c("staff_id", req=True),
            _c("ts", TS, req=True),
            _c("action", C, req=True, codes=ACTIONS),
            _c("entity_type", C, req=True, codes=ENTITY_TYPES),
            _c("entity_id"),
            _c("query"),
            _c("workstation"),
        ),
        key=("system_id", "event_id"),
        required_file=True,
        multi_file=True,
        description="the audit trail of every system with audit_feed=yes",
    ),
    Table(
        "vetting",
        (
            _c("staff_id", req=True),
            _c("level", C, req=True, codes=VETTING_LEVELS),
            _c("granted", D, req=True),
            _c("expires", D),
            _c("status", C, codes=VETTING_STATUSES),
        ),
        key=("staff_id", "level", "granted"),
        description="vetting clearances held",
    ),
    Table(
        "circumstance_changes",
        (
            _c("staff_id", req=True),
            _c("reported", D, req=True),
            _c("kind", C, req=True, codes=CHANGE_KINDS),
            _c("notes"),
        ),
        key=("staff_id", "reported", "kind"),
        description="changes of personal circumstances declared",
    ),
    Table(
        "allegations",
        (
            _c("allegation_id", req=True),
            _c("staff_id", req=True),
            _c("received", D, req=True),
            _c("category", C, req=True, codes=ALLEGATION_CATEGORIES),
            _c("source"),
            _c("victim_markers", CL, codes=NOMINAL_MARKERS),
            _c("referred_to_iopc", D),
            _c("outcome", C, codes=OUTCOMES),
            _c("outcome_date", D),
        ),
        key=("allegation_id",),
        description="historical allegations",
    ),
)

TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}


def table_for_file(filename: str) -> Table | None:
    """The FDP table a package file belongs to, or None for an unknown file."""
    for table in TABLES:
        if table.matches_file(filename):
            return table
    return None
