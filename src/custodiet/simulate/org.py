"""The force's organisation: staff, postings, teams, workstations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from custodiet.simulate import constants as C

I8 = npt.NDArray[np.int8]
I16 = npt.NDArray[np.int16]
I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
B = npt.NDArray[np.bool_]

NO_DAY = 1_000_000  # "never" for day indices

UNKNOWN_ACCOUNTS = (
    ("TRAINING01", "Generic training login used in classroom sessions"),
    ("CONTROLROOM", "Shared control-room login left open on a terminal"),
    ("SVC_BATCH", "Service account running overnight data-quality updates"),
)


@dataclass
class Posting:
    """One posting per staff member (vectorised): unit, role, team, district, roster."""

    unit: I8
    role: I16
    team: I32
    district: I8
    pattern: I8
    offset: I16
    rate: F64


@dataclass
class Org:
    """Everyone with a login, and how the force is organised."""

    n: int
    districts: list[str]
    staff_ids: list[str]
    names: list[str]
    staff_type: I8
    sex: I8  # 0 female, 1 male
    rank: I8  # index into RANKS or -1
    rclass: I8
    home_district: I8  # n_districts = outside the force area
    joined: I32  # day index relative to period start (negative = before)
    left: I32  # day index of leaving, NO_DAY if still serving
    flex: I16  # personal flexi-time offset in minutes
    post_a: Posting
    post_b: Posting
    move_day: I32  # first day of post_b, NO_DAY if no move
    post_a_start: I32  # day index
    prev_unit: I8  # -1 if no earlier posting recorded
    prev_team: I32
    prev_role: I16
    prev_start: I32
    role_names: list[str]
    team_names: list[str]
    team_unit: I8
    team_district: I8
    team_sgt: I32  # the team's sergeant / team leader, or -1
    ws_names: list[str]
    primary_ws: I32
    secondary_ws: I32
    site_ws_start: I32
    site_ws_count: I32
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def n_districts(self) -> int:
        return len(self.districts)

    @property
    def hq(self) -> int:
        return len(self.districts)

    def district_name(self, i: int) -> str:
        if i == self.hq:
            return "Force HQ"
        return self.districts[i] if 0 <= i < self.hq else "Outside force area"

    def posting_on(self, day: int) -> Posting:
        """The posting every staff member holds on `day` (vectorised)."""
        b = day >= self.move_day
        a, p = self.post_a, self.post_b
        return Posting(
            unit=np.where(b, p.unit, a.unit).astype(np.int8),
            role=np.where(b, p.role, a.role).astype(np.int16),
            team=np.where(b, p.team, a.team).astype(np.int32),
            district=np.where(b, p.district, a.district).astype(np.int8),
            pattern=np.where(b, p.pattern, a.pattern).astype(np.int8),
            offset=np.where(b, p.offset, a.offset).astype(np.int16),
            rate=np.where(b, p.rate, a.rate),
        )

    def employed_on(self, day: int) -> B:
        return (self.joined <= day) & (day < self.left)


class _Names:
    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.names: list[str] = []

    def __call__(self, name: str) -> int:
        if name not in self.index:
            self.index[name] = len(self.names)
            self.names.append(name)
        return self.index[name]


def _pick(rng: np.random.Generator, shares: dict[int, float], n: int) -> I8:
    keys = np.array(list(shares), dtype=np.int8)
    p = np.array(list(shares.values()), dtype=float)
    return keys[rng.choice(len(keys), size=n, p=p / p.sum())]


_UNIT_LABEL = (
    "Response",
    "NPT",
    "CID",
    "PVP",
    "Custody",
    "Control Room",
    "Intelligence",
    "Criminal Justice Unit",
    "Professional Standards",
    "Roads Policing",
    "Corporate Services",
    "Operational Support",
)


def _postings(
    rng: np.random.Generator,
    org_type: I8,
    rclass: I8,
    units: I8,
    n_d: int,
    district_w: F64,
    start: dt.date,
    roles: _Names,
    teams: _Names,
    team_meta: dict[int, tuple[int, int]],
) -> Posting:
    n = len(units)
    hq = n_d
    district = np.where(
        rng.random(n) < np.array(C.UNIT_HQ_SHARE)[units],
        hq,
        rng.choice(n_d, size=n, p=district_w),
    ).astype(np.int8)
    pattern = np.array(C.UNIT_PATTERN, dtype=np.int8)[units]
    role = np.zeros(n, dtype=np.int16)
    team = np.zeros(n, dtype=np.int32)
    offset = np.zeros(n, dtype=np.int16)
    rate = np.zeros(n)
    wd = start.weekday()
    size_by_group: dict[tuple[int, int], int] = {}
    for key in zip(units.tolist(), district.tolist(), strict=True):
        size_by_group[key] = size_by_group.get(key, 0) + 1
    u_role, u_part, u_team, u_sub = rng.random((4, n))
    mult = np.exp(rng.normal(0.0, 0.35, size=n))
    pvp_roles = ("da_investigator", "safeguarding_officer", "sexual_offence_investigator")
    for i in range(n):
        u, d, st, rc = int(units[i]), int(district[i]), int(org_type[i]), int(rclass[i])
        dname = "HQ" if d == hq else f"D{d}"
        if st == C.OFFICER:
            rname = C.OFFICER_ROLES[u][rc]
            if u == C.U_PVP and rc == 0:
                rname = pvp_roles[0 if u_role[i] < 0.45 else 1 if u_role[i] < 0.8 else 2]
        elif st == C.SPECIAL:
            rname = "special_constable"
            pattern[i] = C.PAT_SPECIAL
        elif st == C.PCSO:
            rname = "pcso"
        elif st == C.VOLUNTEER:
            rname = "front_counter_volunteer" if u == C.U_NBH else "admin_volunteer"
            pattern[i] = C.PAT_VOL
        else:
            opts = C.STAFF_ROLES[u]
            cum = np.cumsum([o[1] for o in opts])
            k = min(int(np.searchsorted(cum, u_role[i] * cum[-1], side="right")), len(opts) - 1)
            rname = opts[k][0] if rc == 0 else f"{C.UNITS[u]}_team_leader"
            if pattern[i] in (C.PAT_OFFICE, C.PAT_PVP) and u_part[i] < 0.15:
                pattern[i] = C.PAT_PART
        role[i] = roles(rname)
        label = _UNIT_LABEL[u]
        nteams = C.UNIT_TEAMS[u]
        k = 0
        if nteams:
            k = int(u_team[i] * nteams)
            tname = f"{dname} {label} {'ABCDE'[k]}"
        elif u == C.U_CID and d == hq:
            tname = "HQ Major Crime"
        elif u in (C.U_NBH, C.U_CID):
            groups = max(1, size_by_group[(u, d)] // (12 if u == C.U_NBH else 15))
            k = int(u_team[i] * groups)
            tname = f"{dname} {label} {k + 1}"
        elif u == C.U_PVP:
            subs = ("MASH", "DA Unit", "Sexual Offences")
            if rc > 0:
                sub = subs[int(u_sub[i] * 3)]
            elif rname in ("mash_researcher", "safeguarding_officer"):
                sub = "MASH"
            elif rname == "sexual_offence_investigator":
                sub = "Sexual Offences"
            else:
                sub = "DA Unit"
            tname = f"{dname} {sub}"
        elif u == C.U_BACK:
            tname = f"{dname} {label} {rname.split('_')[0].upper()}"
        else:
            tname = f"{dname} {label}"
        team[i] = teams(tname)
        team_meta.setdefault(int(team[i]), (u, d))
        pat = int(pattern[i])
        cyc = len(C.PATTERNS[pat])
        if pat in (C.PAT_RESP, C.PAT_12H):
            offset[i] = 2 * k
        elif pat == C.PAT_VOL:
            offset[i] = (wd - int(u_sub[i] * 5)) % 7
        elif pat in C.WEEKDAY_ALIGNED:
            offset[i] = wd + (7 * (k % 2) if cyc == 14 else 0)
        r = C.ROLE_RATE_OVERRIDE.get(rname, C.UNIT_RATE[u] * C.RCLASS_RATE[rc])
        rate[i] = r * float(mult[i]) * C.RATE_CALIBRATION
    return Posting(
        unit=units.astype(np.int8),
        role=role,
        team=team,
        district=district,
        pattern=pattern,
        offset=offset,
        rate=rate,
    )


def build_org(
    rng: np.random.Generator, n: int, districts: list[str], start: dt.date, days: int
) -> Org:
    """Draw the workforce: types, ranks, units, teams, rosters, workstations."""
    n_d = len(districts)
    counts = np.floor(np.array(C.STAFF_TYPE_SHARE) * n).astype(int)
    counts[C.POLICE_STAFF] += n - counts.sum()
    staff_type = rng.permutation(np.repeat(np.arange(5, dtype=np.int8), counts))
    district_w = rng.dirichlet(np.full(n_d, 8.0))

    p_male = np.array([0.66, 0.6, 0.52, 0.38, 0.45])[staff_type]
    sex = (rng.random(n) < p_male).astype(np.int8)

    units = np.zeros(n, dtype=np.int8)
    for t in range(5):
        m = staff_type == t
        units[m] = _pick(rng, C.UNIT_SHARES[t], int(m.sum()))

    rank = np.full(n, -1, dtype=np.int8)
    officers = staff_type == C.OFFICER
    rank[officers] = rng.choice(len(C.RANKS), size=int(officers.sum()), p=np.array(C.RANK_SHARE))
    rclass = np.zeros(n, dtype=np.int8)
    rclass[officers] = np.minimum(rank[officers], 2)
    staff_lead = (staff_type == C.POLICE_STAFF) & (rng.random(n) < 0.09) & (units != C.U_BACK)
    rclass[staff_lead] = 1

    roles = _Names()
    teams = _Names()
    team_meta: dict[int, tuple[int, int]] = {}
    post_a = _postings(
        rng, staff_type, rclass, units, n_d, district_w, start, roles, teams, team_meta
    )

    # Every team of three or more gets a sergeant / team leader.
    team_sgt = np.full(len(teams.names) + n, -1, dtype=np.int32)
    order = np.argsort(post_a.team, kind="stable")
    bounds = np.flatnonzero(np.diff(post_a.team[order])) + 1
    for grp in np.split(order, bounds):
        leads = grp[rclass[grp] == 1]
        if len(leads) == 0 and len(grp) >= 3:
            cand = grp[(staff_type[grp] == C.OFFICER) | (staff_type[grp] == C.POLICE_STAFF)]
            if len(cand) == 0:
                continue
            pick = int(rng.choice(cand))
            rclass[pick] = 1
            u = int(units[pick])
            if staff_type[pick] == C.OFFICER:
                rank[pick] = 1
                post_a.role[pick] = roles(C.OFFICER_ROLES[u][1])
            else:
                post_a.role[pick] = roles(f"{C.UNITS[u]}_team_leader")
            leads = np.array([pick])
        if len(leads):
            team_sgt[post_a.team[grp[0]]] = int(leads[0])

    # Careers: joined, left, post moves.
    joined = -(rng.gamma(2.0, 4.5, size=n) * 365).astype(np.int32) - 30
    joined[staff_type == C.SPECIAL] = -(rng.integers(60, 2500, size=int((staff_type == 1).sum())))
    left = np.full(n, NO_DAY, dtype=np.int32)
    if days >= 14:
        newbie = (rng.random(n) < 0.008) & ((units == C.U_RESP) | (units == C.U_CONTROL))
        joined[newbie] = rng.integers(1, max(2, days - 7), size=int(newbie.sum()))
        leaver = (rng.random(n) < 0.01) & ~newbie
        left[leaver] = rng.integers(7, days, size=int(leaver.sum()))
    post_a_start = np.maximum(joined, -(rng.gamma(1.5, 1.4, size=n) * 365).astype(np.int32) - 1)
    post_a_start = np.minimum(post_a_start, np.maximum(joined, 0)).astype(np.int32)

    movers = (rng.random(n) < 0.05) & (joined < 0) & (left == NO_DAY) & (days >= 14)
    move_day = np.full(n, NO_DAY, dtype=np.int32)
    move_day[movers] = rng.integers(
        max(1, days // 10), max(2, days * 9 // 10), size=int(movers.sum())
    )
    units_b = units.copy()
    for t in range(5):
        m = movers & (staff_type == t)
        if m.any():
            units_b[m] = _pick(rng, C.UNIT_SHARES[t], int(m.sum()))
    rng_b = np.random.default_rng(rng.integers(2**32))
    post_b = _postings(
        rng_b, staff_type, rclass, units_b, n_d, district_w, start, roles, teams, team_meta
    )
    # People who do not move keep post A in "post B" so that posting_on() is uniform.
    for f in ("unit", "role", "team", "district", "pattern", "offset", "rate"):
        getattr(post_b, f)[~movers] = getattr(post_a, f)[~movers]

    # A recorded earlier posting for about half of staff.
    has_prev = (rng.random(n) < 0.5) & (post_a_start - 200 > joined)
    prev_unit = np.where(has_prev, units, -1).astype(np.int8)
    swap = has_prev & (rng.random(n) < 0.6)
    for t in range(5):
        m = swap & (staff_type == t)
        if m.any():
            prev_unit[m] = _pick(rng, C.UNIT_SHARES[t], int(m.sum()))
    prev_post = _postings(
        np.random.default_rng(rng.integers(2**32)),
        staff_type,
        rclass,
        np.where(prev_unit >= 0, prev_unit, units).astype(np.int8),
        n_d,
        district_w,
        start,
        roles,
        teams,
        team_meta,
    )
    prev_start = np.maximum(
        joined, post_a_start - 200 - (rng.gamma(1.5, 1.5, size=n) * 365).astype(np.int32)
    ).astype(np.int32)

    home = np.where(
        (post_a.district < n_d) & (rng.random(n) < 0.62),
        post_a.district,
        rng.choice(n_d, size=n, p=district_w),
    ).astype(np.int8)
    home[rng.random(n) < 0.08] = n_d  # lives outside the force area

    flex = np.zeros(n, dtype=np.int16)
    flexible = np.isin(post_a.pattern, list(C.FLEXIBLE))
    flex[flexible] = rng.integers(-4, 7, size=int(flexible.sum())) * 15

    # Identifiers and names.
    width = max(4, len(str(n)) + 1)
    prefixes = ("PC", "SC", "CS", "S", "V")
    numbers = rng.choice(10**width - 1, size=n, replace=False) + 1
    staff_ids = [f"{prefixes[t]}{k:0{width}d}" for t, k in zip(staff_type, numbers, strict=True)]
    fem, mal, sur = C.FEMALE_FORENAMES, C.MALE_FORENAMES, C.SURNAMES
    fi = rng.integers(0, 10**6, size=n)
    si = rng.integers(0, len(sur), size=n)
    names = [
        f"{(mal if s else fem)[f % len(mal if s else fem)]} {sur[k]}"
        for s, f, k in zip(sex, fi, si, strict=True)
    ]

    # Workstations: shared desktops per site, mobile devices, laptops.
    sites = [*districts, "HQ"]
    site_codes = [s[:3].upper() for s in districts] + ["HQ"]
    ws_names: list[str] = []
    site_start = np.zeros(n_d + 1, dtype=np.int32)
    site_count = np.zeros(n_d + 1, dtype=np.int32)
    for k in range(len(sites)):
        cnt = int(np.count_nonzero(post_a.district == k) * 0.45) + 3
        site_start[k] = len(ws_names)
        site_count[k] = cnt
        ws_names.extend(f"{site_codes[k]}-WS{j:04d}" for j in range(1, cnt + 1))
    primary = (
        site_start[post_a.district] + (rng.random(n) * site_count[post_a.district]).astype(np.int32)
    ).astype(np.int32)
    mobile_units = np.isin(post_a.unit, [C.U_RESP, C.U_NBH, C.U_ROADS])
    laptop_units = np.isin(post_a.unit, [C.U_CID, C.U_PVP, C.U_INTEL, C.U_PSD, C.U_CASEPREP])
    secondary = primary.copy()
    for mask, fmt in (
        (mobile_units, "MDT{:05d}"),
        (laptop_units & (rng.random(n) < 0.7), "LAP{:05d}"),
    ):
        idx = np.flatnonzero(mask)
        base = len(ws_names)
        ws_names.extend(fmt.format(j) for j in rng.choice(99999, size=len(idx), replace=False))
        secondary[idx] = base + np.arange(len(idx), dtype=np.int32)
    ws_names.extend(["HQ-TRN01", "HQ-TRN02", "HQ-TRN03", "HQ-CR-SHARED01", "APPSRV01"])
    team_unit = np.array([team_meta[t][0] for t in range(len(teams.names))], dtype=np.int8)
    team_district = np.array([team_meta[t][1] for t in range(len(teams.names))], dtype=np.int8)
    team_names = [t.replace("HQ ", "Force ").replace("Force Force", "Force") for t in teams.names]
    for k, dname in enumerate(districts):
        team_names = [t.replace(f"D{k} ", f"{dname} ") for t in team_names]

    return Org(
        n=n,
        districts=list(districts),
        staff_ids=staff_ids,
        names=names,
        staff_type=staff_type,
        sex=sex,
        rank=rank,
        rclass=rclass,
        home_district=home,
        joined=joined.astype(np.int32),
        left=left,
        flex=flex,
        post_a=post_a,
        post_b=post_b,
        move_day=move_day,
        post_a_start=post_a_start,
        prev_unit=np.where(has_prev, prev_unit, -1).astype(np.int8),
        prev_team=prev_post.team,
        prev_role=prev_post.role,
        prev_start=prev_start,
        role_names=roles.names,
        team_names=team_names,
        team_unit=team_unit,
        team_district=team_district,
        team_sgt=team_sgt[: len(teams.names)],
        ws_names=ws_names,
        primary_ws=primary,
        secondary_ws=secondary,
        site_ws_start=site_start,
        site_ws_count=site_count,
    )
