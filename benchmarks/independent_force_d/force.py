"""The force: staff, units, postings (with mid-period moves), rosters and work sessions.

Force: Kingsmouth Metropolitan Police (code KM), five urban districts, three custody
suites, a 24/7 contact centre and control room.  Response, custody and control room work a
4-on/4-off rota (2 days 07-19, 2 nights 19-07); neighbourhood teams alternate earlies and
lates; CID/PPU/MIT work days and lates; office units (MASH, intelligence, disclosure,
offender management, ACU, data quality, training, vetting, HQ) have NO roster supplied.
Overtime, rest-day working and late finishes are not in shifts.csv.
"""
import datetime as dt

from common import (HOUR, FEMALE, MALE, SURNAMES, local_dt_utc, title)

FORCE_CODE = "KM"
FORCE_NAME = "Kingsmouth Metropolitan Police"

DISTRICTS = ["CEN", "DOC", "NGT", "EFD", "WBY"]
DISTRICT_NAMES = {"CEN": "Central", "DOC": "Docklands", "NGT": "Northgate",
                  "EFD": "Eastfield", "WBY": "Westbury"}
SUITES = ["CEN", "DOC", "NGT"]
SUITE_FOR = {"CEN": "CEN", "WBY": "CEN", "DOC": "DOC", "NGT": "NGT", "EFD": "NGT"}

# unit: (share, scope, roster, vetting, unit name, members [(type, rank, role, weight)])
# scope: 'district' (one per district), 'suite' (custody), None (force-wide)
UNITS = {
    "RESP": (0.200, "district", "resp", "NPPV2", "Response Team", [
        ("officer", "Constable", "Response PC", 8.0), ("officer", "Sergeant", "Response Sergeant", 1.0)]),
    "NHOOD": (0.065, "district", "nhood", "NPPV2", "Neighbourhood Policing Team", [
        ("officer", "Constable", "Neighbourhood PC", 4.0), ("pcso", "PCSO", "PCSO", 4.5),
        ("officer", "Sergeant", "Neighbourhood Sergeant", 1.0)]),
    "CID": (0.050, "district", "cid", "NPPV3", "CID", [
        ("officer", "Detective Constable", "Investigator", 7.0),
        ("officer", "Detective Sergeant", "CID Supervisor", 1.5)]),
    "PPU": (0.040, None, "cid", "NPPV3", "Public Protection Unit", [
        ("officer", "Detective Constable", "Public Protection Investigator", 6.0),
        ("officer", "Detective Sergeant", "PPU Supervisor", 1.0),
        ("staff", "Police Staff", "DA Risk Assessor", 1.5)]),
    "MASH": (0.015, None, None, "NPPV3", "Multi-Agency Safeguarding Hub", [
        ("staff", "Police Staff", "MASH Researcher", 3.0),
        ("officer", "Detective Constable", "MASH Officer", 1.0)]),
    "MIT": (0.020, None, "cid", "NPPV3", "Major Investigation Team", [
        ("officer", "Detective Constable", "MIT Investigator", 5.0),
        ("officer", "Detective Sergeant", "MIT Supervisor", 1.0),
        ("staff", "Police Staff", "HOLMES Indexer", 1.5)]),
    "CC": (0.100, None, "cc", "NPPV2", "Contact Centre", [
        ("staff", "Police Staff", "Call Handler", 9.0),
        ("staff", "Police Staff", "Contact Centre Supervisor", 1.0)]),
    "DISPATCH": (0.040, None, "resp", "NPPV2", "Force Control Room", [
        ("staff", "Police Staff", "Dispatcher", 6.0),
        ("officer", "Sergeant", "Control Room Sergeant", 0.6),
        ("officer", "Inspector", "Force Incident Manager", 0.4)]),
    "FRONT": (0.020, None, "front", "NPPV1", "Front Counter", [
        ("staff", "Police Staff", "Front Counter Officer", 1.0)]),
    "CUSTODY": (0.060, "suite", "custody", "NPPV2", "Custody", [
        ("officer", "Sergeant", "Custody Sergeant", 2.0),
        ("staff", "Police Staff", "Detention Officer", 3.0)]),
    "INTEL": (0.025, None, None, "NPPV3", "Force Intelligence Bureau", [
        ("staff", "Police Staff", "Intelligence Researcher", 4.0),
        ("officer", "Detective Constable", "Intelligence Officer", 1.0)]),
    "ANALYST": (0.010, None, None, "NPPV3", "Analysis", [
        ("staff", "Police Staff", "Intelligence Analyst", 1.0)]),
    "DISCLOSURE": (0.020, None, None, "NPPV2", "Criminal Justice & Disclosure Unit", [
        ("staff", "Police Staff", "Disclosure Officer", 2.0),
        ("staff", "Police Staff", "Case Progression Officer", 1.0)]),
    "IOM": (0.010, None, None, "NPPV2", "Integrated Offender Management", [
        ("officer", "Constable", "Offender Manager", 1.0), ("staff", "Police Staff", "Offender Manager", 1.0)]),
    "MOSOVO": (0.008, None, None, "NPPV3", "MOSOVO", [
        ("officer", "Detective Constable", "Sex Offender Manager", 1.0)]),
    "ACU": (0.008, None, None, "SC", "Counter Corruption Unit", [
        ("officer", "Detective Sergeant", "Counter Corruption Investigator", 1.0),
        ("staff", "Police Staff", "Counter Corruption Analyst", 1.0)]),
    "DQ": (0.010, None, None, "NPPV2", "Data Quality & Crime Standards", [
        ("staff", "Police Staff", "Data Quality Officer", 2.0),
        ("staff", "Police Staff", "Crime Standards Auditor", 1.0)]),
    "TRAIN": (0.008, None, None, "NPPV2", "Learning & Development", [
        ("officer", "Sergeant", "Trainer", 1.0), ("staff", "Police Staff", "Systems Trainer", 1.0)]),
    "VETTING": (0.006, None, None, "SC", "Force Vetting Unit", [
        ("staff", "Police Staff", "Vetting Officer", 1.0)]),
    "ROADS": (0.030, None, "roads", "NPPV2", "Roads Policing Unit", [
        ("officer", "Constable", "Roads Policing PC", 6.0), ("officer", "Sergeant", "Roads Sergeant", 1.0)]),
    "TSG": (0.025, None, "resp", "NPPV2", "Territorial Support Group", [
        ("officer", "Constable", "TSG PC", 6.0), ("officer", "Sergeant", "TSG Sergeant", 1.0)]),
    "HQ": (0.085, None, None, "NPPV2", "Headquarters", [
        ("officer", "Inspector", "Inspector", 1.5), ("officer", "Chief Inspector", "Chief Inspector", 0.6),
        ("officer", "Superintendent", "Superintendent", 0.3), ("staff", "Police Staff", "Business Support", 4.0),
        ("staff", "Police Staff", "HR Officer", 1.5), ("staff", "Police Staff", "Finance Officer", 1.0)]),
    "SPECIALS": (0.045, "district", "specials", "NPPV2", "Special Constabulary", [
        ("special_constable", "Special Constable", "Special Constable", 1.0)]),
    "VOL": (0.010, None, "vol", "NPPV1", "Volunteers", [
        ("volunteer", "Volunteer", "Police Support Volunteer", 1.0)]),
}
TEAMS = "ABCD"


class Staff:
    __slots__ = ("idx", "sid", "name", "stype", "rank", "sex", "home", "joined", "left",
                 "postings", "sessions", "mdt", "desk", "laptop", "factor", "shift_start",
                 "abuser")

    def posting_at(self, ts):
        for p in reversed(self.postings):
            if p.start_ts <= ts and (p.end_ts is None or ts < p.end_ts):
                return p
        return self.postings[-1]


class Posting:
    __slots__ = ("unit", "role", "team", "district", "start", "end", "start_ts", "end_ts",
                 "roster", "acting")

    def __init__(self, unit, role, team, district, start, end, acting=False):
        self.unit, self.role, self.team, self.district = unit, role, team, district
        self.start, self.end, self.acting = start, end, acting
        self.start_ts = local_dt_utc(start)
        self.end_ts = None if end is None else local_dt_utc(end + dt.timedelta(days=1))
        self.roster = UNITS[unit][2]

    @property
    def name(self):
        u = UNITS[self.unit]
        if u[1] == "district":
            return f"{u[4]} {self.team or ''} - {self.district}".replace("  ", " ")
        if u[1] == "suite":
            return f"{self.district} Custody Suite"
        return u[4]


def _alloc(n):
    keys = list(UNITS)
    tot = sum(UNITS[k][0] for k in keys)
    raw = [UNITS[k][0] / tot * n for k in keys]
    cnt = [int(r) for r in raw]
    rest = sorted(range(len(keys)), key=lambda i: (-(raw[i] - cnt[i]), i))
    for i in rest[: n - sum(cnt)]:
        cnt[i] += 1
    return dict(zip(keys, cnt))


def build_staff(rng, n, start, days):
    counts = _alloc(n)
    used = set()
    staff = []

    def new_id(stype):
        pref, lo, hi = {"officer": ("P", 10000, 39999), "special_constable": ("SC", 1000, 9999),
                        "pcso": ("CS", 1000, 9999), "staff": ("S", 40000, 89999),
                        "volunteer": ("V", 100, 999)}[stype]
        while True:
            w = 5 if pref in ("P", "S") else 4
            sid = f"{pref}{rng.randint(lo, hi):0{w}d}"
            if sid not in used:
                used.add(sid)
                return sid

    for unit, cnt in counts.items():
        share, scope, roster, vet, uname, members = UNITS[unit]
        for i in range(cnt):
            if scope == "district":
                district = DISTRICTS[i % len(DISTRICTS)]
                k = i // len(DISTRICTS)
            elif scope == "suite":
                district = SUITES[i % len(SUITES)]
                k = i // len(SUITES)
            else:
                district, k = None, i
            team = TEAMS[k % 4] if roster in ("resp", "custody") else None
            if unit in ("RESP", "CUSTODY", "DISPATCH", "TSG", "ROADS") and k < 4 and len(members) > 1:
                m = members[1]  # every team gets a supervisor first
            else:
                m = rng.choices(members, weights=[x[3] for x in members])[0]
            stype, rank, role, _ = m
            s = Staff()
            s.idx = len(staff)
            s.sid = new_id(stype)
            male_p = {"officer": 0.64, "special_constable": 0.62, "pcso": 0.5, "staff": 0.36,
                      "volunteer": 0.45}[stype]
            s.sex = "M" if rng.random() < male_p else "F"
            s.name = title(rng.choice(MALE if s.sex == "M" else FEMALE)) + " " + title(rng.choice(SURNAMES))
            s.stype, s.rank = stype, rank
            s.home = district if district in DISTRICTS else rng.choice(DISTRICTS)
            yrs = rng.choice([0, 1, 1, 2, 2, 3, 4, 5, 6, 8, 10, 12, 15, 18, 22, 26])
            s.joined = start - dt.timedelta(days=yrs * 365 + rng.randint(30, 360))
            s.left = None
            s.factor = rng.lognormvariate(0, 0.35)
            s.mdt = f"MDT{rng.randint(10000, 99999)}" if unit in ("RESP", "NHOOD", "ROADS", "TSG", "SPECIALS") else None
            site = district if district in DISTRICTS else ("HQ" if roster is None else "FHQ")
            s.desk = f"WS-{site}-{rng.randint(100, 699)}"
            s.laptop = f"LT{rng.randint(20000, 79999)}" if (roster is None or unit in ("CID", "PPU", "MIT")) and stype != "volunteer" else None
            s.shift_start = rng.choice([7, 7, 8, 8, 10, 12, 14, 16, 17, 22]) if roster == "cc" else None
            s.abuser = None
            pstart = max(s.joined, start - dt.timedelta(days=rng.randint(20, 1600)))
            s.postings = []
            if pstart > s.joined + dt.timedelta(days=200) and rng.random() < 0.6:
                prev = rng.choice(["RESP", "RESP", "NHOOD", "CC", "CID"])
                pu = UNITS[prev]
                if pu[5][0][0] == stype or (stype == "officer" and pu[5][0][0] == "officer"):
                    pd = rng.choice(DISTRICTS) if pu[1] == "district" else None
                    s.postings.append(Posting(prev, pu[5][0][2], TEAMS[rng.randrange(4)] if pu[2] == "resp" else None,
                                              pd, max(s.joined, pstart - dt.timedelta(days=rng.randint(300, 2000))),
                                              pstart - dt.timedelta(days=1)))
            s.postings.append(Posting(unit, role, team, district, pstart, None))
            staff.append(s)
    _moves(rng, staff, start, days)
    return staff


def _moves(rng, staff, start, days):
    """Mid-period post moves: acting ranks, transfers, MIT secondments (major incident)."""
    end = start + dt.timedelta(days=days - 1)
    mi_day = start + dt.timedelta(days=int(days * 0.37))
    for s in staff:
        cur = s.postings[-1]
        r = rng.random()
        if cur.unit == "RESP" and cur.role == "Response PC" and r < 0.04:
            a = start + dt.timedelta(days=rng.randint(3, max(4, days - 20)))
            b = min(end, a + dt.timedelta(days=rng.randint(14, 35)))
            cur.end = a - dt.timedelta(days=1)
            s.postings.append(Posting("RESP", "Acting Sergeant", cur.team, cur.district, a, b, acting=True))
            if b < end:
                s.postings.append(Posting("RESP", "Response PC", cur.team, cur.district, b + dt.timedelta(days=1), None))
        elif cur.unit in ("RESP", "CC", "NHOOD", "CID", "PPU") and r < 0.07:
            a = start + dt.timedelta(days=rng.randint(5, max(6, days - 5)))
            cur.end = a - dt.timedelta(days=1)
            if cur.unit == "RESP" and s.stype == "officer" and rng.random() < 0.5:
                nu, role, team, d = "CID", "Trainee Investigator", None, rng.choice(DISTRICTS)
            elif cur.unit == "CC":
                nu, role, team, d = "DISPATCH", "Dispatcher", TEAMS[rng.randrange(4)], None
            else:
                nu, role, team = cur.unit, cur.role, cur.team
                d = rng.choice([x for x in DISTRICTS if x != cur.district]) if cur.district else None
            s.postings.append(Posting(nu, role, team, d, a, None))
        elif cur.unit in ("CID", "RESP") and s.stype == "officer" and r < (0.30 if cur.unit == "CID" else 0.10) \
                and mi_day <= end:
            b = min(end, mi_day + dt.timedelta(days=rng.randint(14, 28)))
            cur.end = mi_day - dt.timedelta(days=1)
            s.postings.append(Posting("MIT", "Seconded Investigator", None, None, mi_day, b))
            if b < end:
                s.postings.append(Posting(cur.unit, cur.role, cur.team, cur.district, b + dt.timedelta(days=1), None))
    # a few leavers and joiners
    for s in staff:
        if rng.random() < 0.008:
            s.left = start + dt.timedelta(days=rng.randint(5, days - 2))
            s.postings[-1].end = s.left
            s.postings[-1].end_ts = local_dt_utc(s.left + dt.timedelta(days=1))
    for s in staff:
        p = s.postings[-1]
        if p.unit == "RESP" and rng.random() < 0.02 and len(s.postings) == 1:
            s.joined = start + dt.timedelta(days=rng.randint(5, max(6, days // 2)))
            p.start, p.start_ts = s.joined, local_dt_utc(s.joined)


# ---- rosters ---------------------------------------------------------------
def _roster_day(roster, team_off, ind, dn, d, rng):
    """Rostered sessions starting on local date d (day number dn): list of (start_h, dur_h)."""
    wd = d.weekday()
    if roster in ("resp", "custody"):
        p = (dn + team_off) % 8
        base = 7 if roster == "resp" else 6
        if p < 2:
            return [(base, 12)]
        if p < 4:
            return [(base + 12, 12)]
        return []
    if roster == "cc":
        p = (dn + ind) % 8
        return [(ind_start(ind), 10)] if p < 4 else []
    if roster == "roads":
        p = (dn + ind) % 8
        return [([7, 14, 21][(dn // 8 + ind) % 3], 10)] if p < 4 else []
    if roster == "front":
        p = (dn + ind) % 6
        return [(8, 12)] if p < 3 else []
    if roster == "nhood":
        if (dn + ind) % 7 in (5, 6):
            return []
        late = ((dn + ind) // 7) % 2 == 1
        if late:
            return [(16, 10)] if wd in (4, 5) else [(14, 8)]
        return [(7, 8)]
    if roster == "cid":
        if wd >= 5:
            return [(9, 8)] if (dn // 7 + ind) % 5 == 0 else []
        if ((dn // 7) + ind) % 4 == 0:
            return [(14, 8)]
        return [(8, 9)]
    if roster == "specials":
        if wd in (4, 5) and rng.random() < 0.22:
            return [(18, 8)]
        if wd == 6 and rng.random() < 0.08:
            return [(10, 8)]
        return []
    return []


def ind_start(ind):
    return [7, 8, 10, 12, 14, 16, 17, 22][ind % 8]


def build_sessions(rng, staff, start, days, mi_day_idx):
    """Each staff.sessions = list of (start_ts, end_ts, kind, work_end_ts).
    kind: 'R' rostered (in shifts.csv), 'S' rostered but sick (in shifts.csv, no work),
          'O' overtime/rest-day working (not exported), 'F' office day (no roster exists)."""
    dates = [start + dt.timedelta(days=i) for i in range(-1, days)]
    for s in staff:
        ind = rng.randrange(8)
        leave = set()
        for _ in range(rng.choice([0, 1, 1, 2])):
            a = rng.randrange(days)
            for i in range(a, min(days, a + rng.randint(3, 10))):
                leave.add(i)
        out = []
        for dn, d in enumerate(dates, -1):
            ts0 = local_dt_utc(d, 12)
            p = s.posting_at(ts0)
            if (s.left and d > s.left) or d < s.joined:
                continue
            if dn in leave:
                continue
            team_off = 2 * TEAMS.index(p.team) if p.team else ind
            if p.roster is None or p.roster == "vol":
                if dn < 0:
                    continue
                if d.weekday() >= 5:
                    if p.unit in ("INTEL", "MASH", "DQ") and rng.random() < 0.06:
                        h = rng.uniform(9, 12)
                        out.append((local_dt_utc(d, h), local_dt_utc(d, h + rng.uniform(2, 5)), "F", None))
                    continue
                if p.roster == "vol" and rng.random() > 0.2:
                    continue
                if p.unit == "HQ" and rng.random() < 0.15:
                    continue
                if rng.random() < 0.05:
                    continue
                h = rng.uniform(7.2, 9.8)
                dur = rng.uniform(7.2, 9.5) if p.roster != "vol" else rng.uniform(3, 5)
                a, b = local_dt_utc(d, h), local_dt_utc(d, h + dur)
                we = b
                if rng.random() < 0.08:  # evening catch-up from home
                    we = local_dt_utc(d, h + dur + rng.uniform(2, 5))
                out.append((a, b, "F", we))
                continue
            rs = _roster_day(p.roster, team_off, ind, dn + 1000, d, rng)
            for (h, dur) in rs:
                a, b = local_dt_utc(d, h), local_dt_utc(d, h + dur)
                if rng.random() < 0.025:
                    out.append((a, b, "S", None))
                    continue
                we = b + int(rng.random() ** 3 * 3 * HOUR) if rng.random() < 0.35 else b
                out.append((a, b, "R", we))
            if not rs and p.roster not in ("specials",) and dn >= 0:
                otp = 0.035
                if mi_day_idx <= dn < mi_day_idx + 6:
                    otp = 0.30
                if rng.random() < otp:
                    h = rng.choice([8, 10, 14, 18])
                    a, b = local_dt_utc(d, h), local_dt_utc(d, h + rng.choice([8, 10, 12]))
                    out.append((a, b, "O", b))
        s.sessions = out


def duty_index(staff, t0, days):
    """(unit, district) -> list per hour of staff indexes working (any session kind but S)."""
    H = days * 24 + 24
    idx = {}
    for s in staff:
        for (a, b, kind, we) in s.sessions:
            if kind == "S":
                continue
            p = s.posting_at(a)
            key = (p.unit, p.district)
            lst = idx.get(key)
            if lst is None:
                lst = idx[key] = [[] for _ in range(H)]
            h0 = max(0, (a - t0) // HOUR)
            h1 = min(H, (b - t0) // HOUR)
            for h in range(h0, h1):
                lst[h].append(s.idx)
    return idx


def on_duty(idx, unit, district, t0, ts, rng, default=None):
    lst = idx.get((unit, district))
    if not lst:
        return default
    h = (ts - t0) // HOUR
    if 0 <= h < len(lst) and lst[h]:
        return rng.choice(lst[h])
    return default
