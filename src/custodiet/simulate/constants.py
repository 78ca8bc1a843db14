"""Reference tables for the synthetic force: units, roles, rosters, categories, systems, names.

Everything here is invented. Names are common English forenames and surnames used only to
make search queries look like the ones officers type; they belong to no real person.
"""

from __future__ import annotations

from typing import Final

from custodiet.fdp import schema

# --------------------------------------------------------------------------------------
# Codes from the FDP spec
STAFF_TYPES: Final = ("officer", "special_constable", "pcso", "staff", "volunteer")
OFFICER, SPECIAL, PCSO, POLICE_STAFF, VOLUNTEER = range(5)
STAFF_TYPE_SHARE: Final = (0.60, 0.02, 0.04, 0.33, 0.01)

ACTIONS: Final = ("search", "view", "update", "create", "print", "export")
A_SEARCH, A_VIEW, A_UPDATE, A_CREATE, A_PRINT, A_EXPORT = range(6)

ENTITY_TYPES: Final = (
    "nominal",
    "occurrence",
    "custody",
    "intelligence",
    "vehicle",
    "location",
    "other",
)
E_NOMINAL, E_OCCURRENCE, E_CUSTODY, E_INTEL, E_VEHICLE, E_LOCATION, E_OTHER = range(7)

ON_ROLES: Final = ("victim", "suspect", "witness", "caller", "other")
R_VICTIM, R_SUSPECT, R_WITNESS, R_CALLER, R_OTHER = range(5)

OS_ROLES: Final = (
    "oic",
    "attending",
    "investigator",
    "supervisor",
    "call_handler",
    "safeguarding",
    "court_prep",
    "other",
)
T_OIC, T_ATTENDING, T_INVESTIGATOR, T_SUPERVISOR, T_CALL, T_SAFEGUARDING, T_COURT, T_OTHER = range(
    8
)
SHORT_TASKINGS: Final = (T_ATTENDING, T_CALL)

MARKERS: Final = schema.NOMINAL_MARKERS  # bit i of a marker mask is MARKERS[i]
M_DA, M_SO, M_CHILD, M_MH, M_SUB, M_SW, M_MISSING, M_ARRESTED, M_HOMELESS, M_MS, M_VA = (
    1 << i for i in range(11)
)
# Markers that make a person "vulnerable" in the sense of the HMICFRS APSP work.
VULNERABLE_BITS: Final = M_DA | M_SO | M_CHILD | M_MH | M_SUB | M_SW | M_MISSING | M_MS | M_VA
# Prior-history marker rates in the nominal population (before the period).
PRIOR_MARKER_RATES: Final = {
    M_DA: 0.030,
    M_SO: 0.008,
    M_MH: 0.035,
    M_SUB: 0.040,
    M_SW: 0.004,
    M_MISSING: 0.010,
    M_ARRESTED: 0.080,
    M_HOMELESS: 0.008,
    M_MS: 0.001,
    M_VA: 0.012,
}

VETTING_LEVELS: Final = ("RV", "NPPV1", "NPPV2", "NPPV3", "MV", "SC", "DV")
VET_RV, VET_NPPV1, VET_NPPV2, VET_NPPV3, VET_MV, VET_SC, VET_DV = range(7)
VETTING_STATUS: Final = ("active", "lapsed", "withdrawn", "refused")

CIRCUMSTANCE_KINDS: Final = ("relationship", "address", "financial", "association", "criminal")
CIRCUMSTANCE_NOTES: Final = {
    "relationship": ("New partner declared", "Marriage", "Separation", "Partner's family link"),
    "address": ("Change of address", "Moved in with partner", "Second address declared"),
    "financial": ("County court judgment", "Debt management plan", "IVA declared"),
    "association": ("Family member known to police", "Friend with conviction declared"),
    "criminal": ("Speeding fixed penalty", "Family member arrested", "Civil dispute"),
    "other": ("Secondary employment", "Business interest declared"),
}

ALLEGATION_CATEGORIES: Final = schema.ALLEGATION_CATEGORIES
ALLEGATION_WEIGHTS: Final = (6, 1, 14, 3, 8, 4, 7, 18, 10, 12, 3, 4, 10)
ALLEGATION_SOURCES: Final = (
    "public_complaint",
    "colleague_report",
    "anonymous_reporting_line",
    "audit",
    "intelligence",
    "partner_agency",
)
OUTCOMES: Final = schema.OUTCOMES
OUTCOME_WEIGHTS: Final = (30, 14, 16, 8, 5, 1, 4, 4, 2, 2, 14)

# --------------------------------------------------------------------------------------
# Systems. The PNC-like national system exports UTC timestamps with a Z.
SYSTEMS: Final = (
    # system_id, name, category, audit_feed, notes, event-id prefix
    ("RMS", "Records management system", "records", "yes", "Niche-like RMS; local time", "R"),
    ("CAD", "Command and control", "command_and_control", "yes", "Incident logs; local time", "C"),
    ("CUST", "Custody system", "custody", "yes", "Custody records; local time", "K"),
    ("INTEL", "Intelligence system", "intelligence", "yes", "Intelligence reports", "I"),
    ("PNC", "National lookup (PNC-like)", "national", "yes", "Timestamps exported in UTC", "P"),
    ("MOBILE", "Mobile data app", "mobile", "no", "Officers' handheld app; no audit export", ""),
    ("DEMS", "Digital evidence store", "evidence", "no", "Body-worn video; audit not supplied", ""),
)
S_RMS, S_CAD, S_CUST, S_INTEL, S_PNC = range(5)
AUDITED_SYSTEMS: Final = 5
UTC_SYSTEMS: Final = (S_PNC,)

# --------------------------------------------------------------------------------------
# Units. Each unit: name, force_wide (posted to HQ), roster pattern, legit-work source mix.
UNITS: Final = (
    "response",
    "neighbourhood",
    "cid",
    "public_protection",
    "custody",
    "control_room",
    "intelligence",
    "case_preparation",
    "professional_standards",
    "roads_policing",
    "back_office",
    "operational_support",
)
(
    U_RESP,
    U_NBH,
    U_CID,
    U_PVP,
    U_CUSTODY,
    U_CONTROL,
    U_INTEL,
    U_CASEPREP,
    U_PSD,
    U_ROADS,
    U_BACK,
    U_OPS,
) = range(12)
N_UNITS: Final = len(UNITS)

# Unit shares within each staff type (officer, special, pcso, staff, volunteer).
UNIT_SHARES: Final = {
    OFFICER: {
        U_RESP: 0.43,
        U_NBH: 0.14,
        U_CID: 0.13,
        U_PVP: 0.09,
        U_CUSTODY: 0.04,
        U_CONTROL: 0.02,
        U_INTEL: 0.03,
        U_CASEPREP: 0.01,
        U_PSD: 0.01,
        U_ROADS: 0.05,
        U_OPS: 0.05,
    },
    SPECIAL: {U_NBH: 0.7, U_RESP: 0.3},
    PCSO: {U_NBH: 1.0},
    POLICE_STAFF: {
        U_CONTROL: 0.27,
        U_CUSTODY: 0.10,
        U_INTEL: 0.10,
        U_CASEPREP: 0.10,
        U_PVP: 0.07,
        U_CID: 0.05,
        U_PSD: 0.02,
        U_BACK: 0.26,
        U_OPS: 0.03,
    },
    VOLUNTEER: {U_BACK: 0.6, U_NBH: 0.4},
}
# Probability that a post in the unit is force-wide (district = HQ) rather than in a district.
UNIT_HQ_SHARE: Final = (0.0, 0.0, 0.2, 0.05, 0.0, 1.0, 0.5, 0.5, 1.0, 1.0, 0.75, 1.0)
# Vetting level required by posts in the unit.
UNIT_VETTING: Final = (
    VET_NPPV2,
    VET_NPPV2,
    VET_NPPV2,
    VET_NPPV3,
    VET_NPPV2,
    VET_NPPV2,
    VET_NPPV3,
    VET_NPPV2,
    VET_NPPV3,
    VET_NPPV2,
    VET_NPPV1,
    VET_NPPV2,
)

# Roster patterns: cycle of (start minute, duration minutes); -1 start = rest day.
PAT_RESP, PAT_12H, PAT_NBH, PAT_OFFICE, PAT_PART, PAT_CID, PAT_PVP, PAT_SPECIAL, PAT_VOL = range(9)
_E, _L, _N = (420, 600), (840, 600), (1320, 600)
_D12, _N12 = (420, 720), (1140, 720)
_OFF = (-1, 0)
PATTERNS: Final = {
    # 2-2-2-4: two earlies, two lates, two nights, four rest days (10-hour shifts).
    PAT_RESP: (_E, _E, _L, _L, _N, _N, _OFF, _OFF, _OFF, _OFF),
    # 4 on 4 off, 12-hour days then nights (custody, control room).
    PAT_12H: (_D12, _D12, _N12, _N12, _OFF, _OFF, _OFF, _OFF),
    # Neighbourhood: alternate weeks of earlies Mon-Thu and lates Thu-Sun. Position 0 = Monday.
    PAT_NBH: (
        (480, 600),
        (480, 600),
        (480, 600),
        (480, 600),
        _OFF,
        _OFF,
        _OFF,
        _OFF,
        _OFF,
        _OFF,
        (840, 600),
        (840, 600),
        (840, 600),
        (840, 600),
    ),
    PAT_OFFICE: ((480, 510),) * 5 + (_OFF, _OFF),
    PAT_PART: ((540, 450),) * 3 + (_OFF,) * 4,
    # CID: a week of earlies and a week of lates, Mon-Fri.
    PAT_CID: ((480, 540),) * 5 + (_OFF, _OFF) + ((780, 540),) * 5 + (_OFF, _OFF),
    PAT_PVP: ((510, 510),) * 5 + (_OFF, _OFF),
    # Specials: Friday and Saturday evenings (some weekends only).
    PAT_SPECIAL: (_OFF,) * 4 + ((1080, 420), (1080, 420), _OFF),
    PAT_VOL: ((600, 240),) + (_OFF,) * 6,
}
WEEKDAY_ALIGNED: Final = frozenset(
    {PAT_NBH, PAT_OFFICE, PAT_PART, PAT_CID, PAT_PVP, PAT_SPECIAL, PAT_VOL}
)
FLEXIBLE: Final = frozenset({PAT_OFFICE, PAT_PART, PAT_PVP})
UNIT_PATTERN: Final = (
    PAT_RESP,
    PAT_NBH,
    PAT_CID,
    PAT_PVP,
    PAT_12H,
    PAT_12H,
    PAT_OFFICE,
    PAT_OFFICE,
    PAT_OFFICE,
    PAT_RESP,
    PAT_OFFICE,
    PAT_OFFICE,
)
UNIT_TEAMS: Final = (5, 0, 0, 0, 4, 4, 0, 0, 0, 5, 0, 0)  # rotating shift teams (0 = by size)
SHIFT_UNITS: Final = frozenset({U_RESP, U_CUSTODY, U_CONTROL, U_ROADS, U_NBH})

# Role names: (unit, rank class) for officers / for staff. Rank class 0 = constable/staff,
# 1 = sergeant/team leader, 2 = inspector and above.
OFFICER_ROLES: Final = {
    U_RESP: ("response_officer", "response_sergeant", "duty_inspector"),
    U_NBH: ("neighbourhood_officer", "neighbourhood_sergeant", "neighbourhood_inspector"),
    U_CID: ("detective_constable", "detective_sergeant", "detective_inspector"),
    U_PVP: ("safeguarding_officer", "pvp_sergeant", "pvp_inspector"),
    U_CUSTODY: ("custody_officer", "custody_sergeant", "custody_inspector"),
    U_CONTROL: ("control_room_officer", "control_room_sergeant", "control_room_inspector"),
    U_INTEL: ("intelligence_officer", "intelligence_sergeant", "intelligence_inspector"),
    U_CASEPREP: ("file_quality_officer", "file_quality_sergeant", "cju_inspector"),
    U_PSD: ("psd_investigator", "psd_sergeant", "psd_inspector"),
    U_ROADS: ("roads_policing_officer", "roads_sergeant", "roads_inspector"),
    U_OPS: ("training_officer", "operations_sergeant", "operations_inspector"),
}
STAFF_ROLES: Final = {
    U_CONTROL: (("call_handler", 0.7), ("dispatcher", 0.3)),
    U_CUSTODY: (("detention_officer", 1.0),),
    U_INTEL: (("intelligence_analyst", 0.5), ("intelligence_researcher", 0.5)),
    U_CASEPREP: (("case_preparation_officer", 1.0),),
    U_PVP: (("mash_researcher", 0.4), ("da_caseworker", 0.6)),
    U_CID: (("investigator", 1.0),),
    U_PSD: (("acu_analyst", 0.5), ("psd_investigator", 0.5)),
    U_BACK: (
        ("hr_advisor", 0.3),
        ("finance_officer", 0.2),
        ("it_support", 0.2),
        ("information_officer", 0.15),
        ("admin_support", 0.15),
    ),
    U_OPS: (("planning_officer", 1.0),),
    U_NBH: (("front_counter_volunteer", 1.0),),
}
RANKS: Final = (
    "constable",
    "sergeant",
    "inspector",
    "chief_inspector",
    "superintendent",
    "chief_superintendent",
)
RANK_SHARE: Final = (0.80, 0.14, 0.04, 0.012, 0.006, 0.002)

# Mean accesses per worked shift, by unit and rank class (before the optional rescale).
UNIT_RATE: Final = (62.0, 44.0, 85.0, 95.0, 72.0, 150.0, 140.0, 75.0, 55.0, 52.0, 5.0, 8.0)
ROLE_RATE_OVERRIDE: Final = {
    "call_handler": 170.0,
    "dispatcher": 130.0,
    "intelligence_analyst": 160.0,
    "intelligence_researcher": 140.0,
    "mash_researcher": 130.0,
    "information_officer": 25.0,
    "it_support": 8.0,
    "pcso": 26.0,
    "special_constable": 28.0,
    "front_counter_volunteer": 4.0,
}
RCLASS_RATE: Final = (1.0, 0.85, 0.5)
RATE_CALIBRATION: Final = 1.15  # brings the default to about 40 accesses per staff-day

# Legitimate work mix by unit: share of interactions from each source.
# Sources: tasked, supervision, remit, briefing, vehicle/PNC, noise, other (non-person)
SRC_TASKED, SRC_SUPERVISION, SRC_REMIT, SRC_BRIEFING, SRC_PNC, SRC_NOISE, SRC_OTHER = range(7)
SRC_NAMES: Final = ("tasked", "supervision", "remit", "briefing", "pnc_check", "noise", "other")
SOURCE_MIX: Final = (
    (0.46, 0.00, 0.00, 0.20, 0.14, 0.012, 0.188),  # response
    (0.36, 0.00, 0.00, 0.26, 0.10, 0.012, 0.268),  # neighbourhood
    (0.60, 0.00, 0.00, 0.12, 0.03, 0.010, 0.240),  # cid
    (0.36, 0.00, 0.40, 0.00, 0.00, 0.008, 0.232),  # public protection
    (0.03, 0.00, 0.77, 0.00, 0.02, 0.008, 0.172),  # custody
    (0.00, 0.00, 0.84, 0.00, 0.02, 0.006, 0.134),  # control room
    (0.00, 0.00, 0.82, 0.00, 0.02, 0.004, 0.156),  # intelligence
    (0.72, 0.00, 0.00, 0.00, 0.00, 0.010, 0.270),  # case preparation
    (0.00, 0.00, 0.60, 0.00, 0.00, 0.006, 0.394),  # professional standards
    (0.28, 0.00, 0.00, 0.08, 0.46, 0.012, 0.168),  # roads policing
    (0.00, 0.00, 0.00, 0.00, 0.00, 0.060, 0.940),  # back office
    (0.00, 0.00, 0.00, 0.05, 0.00, 0.040, 0.910),  # operational support
)
# Remit units: whose unit legitimately sees people outside their own taskings.
REMIT_UNITS: Final = frozenset({U_PVP, U_CUSTODY, U_CONTROL, U_INTEL, U_PSD})

# --------------------------------------------------------------------------------------
# Occurrence categories: name, weight, is_crime, attendance p, arrest p (if suspect), owning
# unit for serious cases, p(serious), safeguarding referral p.
CATEGORIES: Final = (
    ("domestic_abuse", 14.0, True, 0.95, 0.55, U_PVP, 0.35, 0.9),
    ("assault", 10.0, True, 0.85, 0.40, U_CID, 0.15, 0.05),
    ("theft", 13.0, True, 0.35, 0.25, U_CID, 0.03, 0.0),
    ("burglary", 5.0, True, 0.80, 0.20, U_CID, 0.45, 0.0),
    ("sexual_offence", 3.0, True, 0.85, 0.45, U_PVP, 0.85, 0.95),
    ("public_order", 7.0, True, 0.90, 0.60, U_CID, 0.02, 0.0),
    ("missing_person", 4.0, False, 0.80, 0.0, U_PVP, 0.10, 0.6),
    ("concern_for_welfare", 10.0, False, 0.85, 0.0, U_PVP, 0.02, 0.4),
    ("drugs", 4.0, True, 0.70, 0.75, U_CID, 0.10, 0.0),
    ("asb", 12.0, False, 0.55, 0.05, U_NBH, 0.0, 0.0),
    ("criminal_damage", 6.0, True, 0.50, 0.25, U_CID, 0.0, 0.0),
    ("road_traffic", 6.0, False, 0.80, 0.20, U_ROADS, 0.05, 0.0),
    ("stalking_harassment", 3.0, True, 0.60, 0.35, U_PVP, 0.40, 0.7),
    ("child_protection", 1.5, True, 0.70, 0.30, U_PVP, 0.80, 1.0),
    ("fraud", 2.0, True, 0.05, 0.10, U_CID, 0.20, 0.0),
    ("modern_slavery", 0.3, True, 0.80, 0.50, U_PVP, 0.90, 1.0),
)
CAT_NAMES: Final = tuple(c[0] for c in CATEGORIES)
C_DA, C_ASSAULT, C_THEFT, C_BURGLARY, C_SEX, C_PUBORD, C_MISSING, C_CFW, C_DRUGS, C_ASB = range(10)
C_DAMAGE, C_RTC, C_STALK, C_CHILD, C_FRAUD, C_MSLAVERY = range(10, 16)
# Categories whose victims are in the public-protection remit.
PVP_CATEGORIES: Final = frozenset({C_DA, C_SEX, C_STALK, C_CHILD, C_MSLAVERY, C_MISSING, C_CFW})

# Participant templates: category -> tuple of (role, p, p_female, p_child, marker bits,
# (special pool marker, p_from_pool)).
_NONE = (0, 0.0)
PARTICIPANTS: Final = {
    C_DA: (
        (R_VICTIM, 1.0, 0.82, 0.02, M_DA, (M_DA, 0.35)),
        (R_SUSPECT, 0.95, 0.18, 0.0, 0, _NONE),
        (R_WITNESS, 0.3, 0.5, 0.2, 0, _NONE),
        (R_CALLER, 0.35, 0.6, 0.0, 0, _NONE),
    ),
    C_ASSAULT: (
        (R_VICTIM, 1.0, 0.38, 0.08, 0, (M_SW, 0.03)),
        (R_SUSPECT, 0.8, 0.15, 0.05, 0, (M_SUB, 0.15)),
        (R_WITNESS, 0.45, 0.5, 0.05, 0, _NONE),
        (R_WITNESS, 0.15, 0.5, 0.05, 0, _NONE),
    ),
    C_THEFT: (
        (R_VICTIM, 1.0, 0.5, 0.03, 0, _NONE),
        (R_SUSPECT, 0.35, 0.25, 0.05, 0, (M_SUB, 0.25)),
        (R_WITNESS, 0.15, 0.5, 0.0, 0, _NONE),
    ),
    C_BURGLARY: (
        (R_VICTIM, 1.0, 0.5, 0.0, 0, _NONE),
        (R_SUSPECT, 0.15, 0.1, 0.05, 0, (M_SUB, 0.3)),
        (R_WITNESS, 0.2, 0.5, 0.0, 0, _NONE),
    ),
    C_SEX: (
        (R_VICTIM, 1.0, 0.86, 0.25, M_SO, (M_SW, 0.06)),
        (R_SUSPECT, 0.8, 0.04, 0.03, 0, _NONE),
        (R_WITNESS, 0.25, 0.6, 0.1, 0, _NONE),
    ),
    C_PUBORD: (
        (R_SUSPECT, 1.0, 0.2, 0.05, 0, (M_SUB, 0.25)),
        (R_SUSPECT, 0.3, 0.2, 0.05, 0, _NONE),
        (R_VICTIM, 0.35, 0.4, 0.0, 0, _NONE),
        (R_WITNESS, 0.3, 0.5, 0.0, 0, _NONE),
    ),
    C_MISSING: (
        (R_OTHER, 1.0, 0.5, 0.55, M_MISSING, (M_MISSING, 0.4)),
        (R_CALLER, 0.9, 0.65, 0.0, 0, _NONE),
    ),
    C_CFW: (
        (R_OTHER, 1.0, 0.45, 0.05, M_VA, (M_MH, 0.45)),
        (R_CALLER, 0.85, 0.55, 0.0, 0, _NONE),
    ),
    C_DRUGS: ((R_SUSPECT, 1.0, 0.15, 0.05, M_SUB, (M_SUB, 0.4)),),
    C_ASB: (
        (R_CALLER, 1.0, 0.55, 0.0, 0, _NONE),
        (R_SUSPECT, 0.3, 0.3, 0.3, 0, _NONE),
        (R_VICTIM, 0.3, 0.55, 0.0, 0, _NONE),
    ),
    C_DAMAGE: (
        (R_VICTIM, 1.0, 0.5, 0.0, 0, _NONE),
        (R_SUSPECT, 0.3, 0.2, 0.2, 0, _NONE),
    ),
    C_RTC: (
        (R_OTHER, 1.0, 0.4, 0.02, 0, _NONE),
        (R_OTHER, 0.6, 0.4, 0.05, 0, _NONE),
        (R_WITNESS, 0.3, 0.5, 0.0, 0, _NONE),
    ),
    C_STALK: (
        (R_VICTIM, 1.0, 0.78, 0.03, 0, (M_DA, 0.3)),
        (R_SUSPECT, 0.85, 0.15, 0.0, 0, _NONE),
    ),
    C_CHILD: (
        (R_VICTIM, 1.0, 0.55, 1.0, 0, _NONE),
        (R_SUSPECT, 0.7, 0.25, 0.0, 0, _NONE),
        (R_OTHER, 0.7, 0.8, 0.0, 0, _NONE),
    ),
    C_FRAUD: (
        (R_VICTIM, 1.0, 0.55, 0.0, M_VA, _NONE),
        (R_SUSPECT, 0.2, 0.3, 0.0, 0, _NONE),
    ),
    C_MSLAVERY: (
        (R_VICTIM, 1.0, 0.6, 0.15, M_MS, (M_SW, 0.2)),
        (R_SUSPECT, 0.9, 0.3, 0.0, 0, _NONE),
    ),
}

# Hour-of-day weight of calls for service (0..23).
HOURLY_DEMAND: Final = (
    3.0,
    2.5,
    2.0,
    1.5,
    1.2,
    1.0,
    1.2,
    2.0,
    3.0,
    3.5,
    3.8,
    4.0,
    4.2,
    4.3,
    4.5,
    4.8,
    5.2,
    5.5,
    5.6,
    5.6,
    5.4,
    5.0,
    4.5,
    3.8,
)

# --------------------------------------------------------------------------------------
FORCE_NAMES: Final = {
    "SY": ("South Yorkshire Police", ("Sheffield", "Rotherham", "Doncaster", "Barnsley")),
    "WY": ("West Yorkshire Police", ("Leeds", "Bradford", "Kirklees", "Calderdale", "Wakefield")),
    "XX": ("Example Constabulary", ("Northgate", "Southfield", "Eastbrook", "Westmoor")),
}
GENERIC_DISTRICTS: Final = (
    "Northgate",
    "Southfield",
    "Eastbrook",
    "Westmoor",
    "Central",
    "Riverside",
    "Hillside",
    "Lakeside",
)

FEMALE_FORENAMES: Final = (
    "Olivia",
    "Amelia",
    "Isla",
    "Ava",
    "Emily",
    "Sophia",
    "Grace",
    "Mia",
    "Poppy",
    "Ella",
    "Lily",
    "Evie",
    "Isabella",
    "Sophie",
    "Ivy",
    "Freya",
    "Harper",
    "Willow",
    "Daisy",
    "Florence",
    "Sienna",
    "Chloe",
    "Phoebe",
    "Ruby",
    "Jessica",
    "Alice",
    "Evelyn",
    "Sarah",
    "Emma",
    "Laura",
    "Rebecca",
    "Hannah",
    "Charlotte",
    "Amy",
    "Lauren",
    "Natalie",
    "Kelly",
    "Gemma",
    "Leanne",
    "Donna",
    "Claire",
    "Lisa",
    "Michelle",
    "Nicola",
    "Joanne",
    "Karen",
    "Tracey",
    "Stacey",
    "Jade",
    "Kirsty",
    "Zoe",
    "Megan",
    "Abigail",
    "Holly",
    "Bethany",
    "Shannon",
    "Kayleigh",
    "Chelsea",
    "Courtney",
    "Danielle",
)
MALE_FORENAMES: Final = (
    "Oliver",
    "George",
    "Harry",
    "Noah",
    "Jack",
    "Leo",
    "Arthur",
    "Muhammad",
    "Oscar",
    "Charlie",
    "Jacob",
    "Thomas",
    "Henry",
    "William",
    "Alfie",
    "Joshua",
    "Freddie",
    "James",
    "Archie",
    "Ethan",
    "Daniel",
    "Samuel",
    "Joseph",
    "Lewis",
    "Ryan",
    "Liam",
    "Connor",
    "Callum",
    "Jordan",
    "Kyle",
    "Dean",
    "Lee",
    "Craig",
    "Wayne",
    "Darren",
    "Scott",
    "Gary",
    "Paul",
    "Mark",
    "Andrew",
    "David",
    "Michael",
    "Christopher",
    "Matthew",
    "Adam",
    "Ben",
    "Luke",
    "Jamie",
    "Nathan",
    "Aaron",
    "Tyler",
    "Bradley",
    "Kieran",
    "Reece",
    "Shane",
    "Stuart",
    "Steven",
    "Anthony",
    "Richard",
    "Robert",
)
SURNAMES: Final = (
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Robinson",
    "Wright",
    "Thompson",
    "Evans",
    "Walker",
    "White",
    "Roberts",
    "Green",
    "Hall",
    "Wood",
    "Jackson",
    "Clarke",
    "Patel",
    "Khan",
    "Lewis",
    "James",
    "Phillips",
    "Mason",
    "Mitchell",
    "Rose",
    "Davis",
    "Rodriguez",
    "Cox",
    "Alexander",
    "Morgan",
    "Moore",
    "Turner",
    "Hill",
    "Baker",
    "Harris",
    "Ward",
    "King",
    "Cooper",
    "Morris",
    "Scott",
    "Edwards",
    "Shaw",
    "Lee",
    "Hughes",
    "Allen",
    "Parker",
    "Carter",
    "Young",
    "Martin",
    "Bailey",
    "Cook",
    "Price",
    "Bell",
    "Marshall",
    "Hussain",
    "Ali",
    "Ahmed",
    "Begum",
    "Kaur",
    "Singh",
    "Murphy",
    "Kelly",
    "Walsh",
    "Lloyd",
    "Barnes",
    "Knight",
    "Holmes",
    "Webb",
    "Butler",
    "Fox",
    "Stone",
    "Holland",
    "Chapman",
    "Ellis",
    "Gray",
    "Atkinson",
    "Pearson",
    "Hunt",
    "Gibson",
    "Kennedy",
    "Wells",
    "Burton",
    "Fletcher",
    "Dixon",
    "Harrison",
    "Lawrence",
    "Watson",
    "Reid",
    "Richardson",
    "Foster",
    "Graham",
    "Palmer",
    "Fisher",
    "Hayes",
    "Webster",
    "Dawson",
    "Mills",
    "Cole",
    "Newton",
    "Lord",
    "Hartley",
    "Sykes",
    "Firth",
    "Hirst",
    "Haigh",
    "Booth",
    "Ibbotson",
    "Crookes",
    "Lockwood",
    "Gledhill",
    "Whiteley",
    "Beever",
)
FREE_TEXT_QUERIES: Final = (
    "county lines",
    "cuckooing",
    "OCG",
    "knife",
    "cannabis grow",
    "wanted",
    "vulnerable",
    "exploitation",
    "drugs line",
    "stolen vehicle",
    "firearm",
    "massage parlour",
    "child exploitation",
    "missing from home",
    "ASB hotspot",
    "shoplifting",
)
