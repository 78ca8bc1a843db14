"""Write the FDP v1 package (CSV + manifest with row counts and sha256) and the truth file.

Time styles (deliberate, as real exports differ):
  * CAD audit (access_events_cad.csv) and shifts.csv (duty management system): Europe/London
    wall-clock time WITHOUT offset.
  * Everything else: UTC with 'Z'.
"""
import csv
import datetime as dt
import hashlib
import json
import os

from common import DAY, LocalFormatter, fmt_z
from force import FORCE_CODE, FORCE_NAME, UNITS
from world import nominals_rows

SYSTEMS_CSV = [
    ("RMS", "Beacon Records Management", "records_management", "yes", "persons, occurrences; audit export UTC"),
    ("CAD", "StormFront Command & Control", "command_and_control",
     "yes", "incident logs and locations; audit exported in local time without offset"),
    ("PNC", "Police National Computer (force transaction log)", "national", "yes",
     "person and vehicle enquiries; entity_id blank where the transaction had no RMS link"),
    ("CUSTODY", "Custody Manager", "custody", "yes", "three suites: CEN, DOC, NGT"),
    ("INTEL", "Intelligence Management System", "intelligence", "yes", "intelligence logs (5x5x5)"),
    ("PND", "Police National Database", "national", "no", "audit held nationally, not supplied"),
    ("MASHCMS", "MASH referral case system", "safeguarding", "no", "no audit export available"),
    ("CJFILE", "Case file / CPS interface", "criminal_justice", "no", "audit not supplied"),
    ("ANPR", "ANPR back office", "vehicle", "no", "audit not supplied"),
    ("BWV", "Body worn video management", "evidence", "no", "audit not supplied"),
    ("DUTY", "Duty management (rosters)", "hr", "no", "source of shifts.csv"),
]
EVENT_COLS = ["event_id", "system_id", "staff_id", "ts", "action", "entity_type", "entity_id", "query", "workstation"]


class Writer:
    def __init__(self, root):
        self.root = root
        os.makedirs(root, exist_ok=True)
        self.files = {}

    def table(self, name, header, rows):
        path = os.path.join(self.root, name)
        n = 0
        with open(path, "w", newline="", encoding="utf-8") as f:
            wr = csv.writer(f)
            wr.writerow(header)
            for r in rows:
                wr.writerow(r)
                n += 1
        self.files[name] = n

    def table_many(self, name, header, rows):
        path = os.path.join(self.root, name)
        with open(path, "w", newline="", encoding="utf-8") as f:
            wr = csv.writer(f)
            wr.writerow(header)
            wr.writerows(rows)
        self.files[name] = len(rows)

    def manifest(self, start, days):
        files = {}
        for name in sorted(self.files):
            h = hashlib.sha256()
            with open(os.path.join(self.root, name), "rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    h.update(chunk)
            files[name] = {"rows": self.files[name], "sha256": h.hexdigest()}
        m = {"fdp_version": 1, "force": {"code": FORCE_CODE, "name": FORCE_NAME},
             "timezone": "Europe/London",
             "period": {"start": start.isoformat(), "end": (start + dt.timedelta(days=days - 1)).isoformat()},
             "files": files}
        with open(os.path.join(self.root, "manifest.json"), "w", encoding="utf-8") as f:
            json.dump(m, f, indent=1)


def _d(x):
    return "" if x is None else x.isoformat()


def _z(ts):
    return "" if ts is None else fmt_z(ts)


def write_context(W, rng, w, staff, t0, t1):
    loc = LocalFormatter(t0 - 400 * DAY, t1 + 2 * DAY)
    W.table("staff.csv", ["staff_id", "name", "staff_type", "rank", "sex", "home_district", "joined", "left"],
            ((s.sid, s.name, s.stype, s.rank, s.sex, s.home, _d(s.joined), _d(s.left)) for s in staff))
    rows = []
    for s in staff:
        for p in s.postings:
            rows.append((s.sid, p.name, p.role, p.team or "", p.district or "", UNITS[p.unit][3],
                         _d(p.start), _d(p.end)))
    W.table("postings.csv", ["staff_id", "unit", "role", "team", "district", "vetting_level_required", "start", "end"], rows)
    rows = []
    for s in staff:
        for (a, b, kind, we) in s.sessions:
            if kind in ("R", "S"):
                rows.append((s.sid, loc(a), loc(b)))
    W.table("shifts.csv", ["staff_id", "start", "end"], rows)
    W.table("systems.csv", ["system_id", "name", "category", "audit_feed", "notes"], SYSTEMS_CSV)
    W.table("nominals.csv", ["nominal_id", "sex", "birth_year", "district", "markers"], nominals_rows(w))
    nm = w.nom
    occs = sorted(w.occs, key=lambda o: (o.opened, o.oid))
    W.table("occurrences.csv", ["occurrence_id", "category", "opened", "closed", "district", "created_by"],
            ((o.oid, o.cat, _z(o.opened), _z(o.closed), o.district, o.created_by) for o in occs))
    W.table("occurrence_nominals.csv", ["occurrence_id", "nominal_id", "role"],
            ((o.oid, nm.id[n], r) for o in occs for n, r in dict.fromkeys(o.noms)))
    W.table("occurrence_staff.csv", ["occurrence_id", "staff_id", "role", "start", "end"],
            ((o.oid, staff[r[0]].sid, r[1], _z(r[2]), _z(r[3] if (r[3] is None or r[3] < t1) else None))
             for o in occs for r in o.staff if r[6] and r[2] is not None and r[2] < t1))
    W.table("custody.csv", ["custody_id", "nominal_id", "staff_id", "suite", "booked_in", "released"],
            ((c.cid, nm.id[c.nom], staff[c.staff].sid, c.suite, _z(c.booked),
              _z(c.released if (c.released is None or c.released < t1) else None))
             for c in sorted(w.custody, key=lambda c: (c.booked, c.cid)) if c.booked < t1))
    # vetting
    order = ["RV", "NPPV1", "NPPV2", "NPPV3", "SC", "MV", "DV"]
    rows = []
    for s in staff:
        req = max((UNITS[p.unit][3] for p in s.postings), key=order.index)
        lvl = req if rng.random() < 0.85 else order[min(len(order) - 1, order.index(req) + 1)]
        granted = max(s.joined - dt.timedelta(days=rng.randint(20, 120)),
                      w.start - dt.timedelta(days=rng.randint(30, 3000)))
        life = {"SC": 7, "DV": 7, "MV": 5}.get(lvl, 10)
        expires = granted + dt.timedelta(days=365 * life)
        status = "active"
        if expires < w.start:
            status = "lapsed"
        elif rng.random() < 0.01:
            expires = w.start + dt.timedelta(days=rng.randint(-60, 20))
            status = "lapsed" if expires < w.start else "active"
        if s.abuser is None and rng.random() < 0.004:
            status = "withdrawn"
        rows.append((s.sid, lvl, _d(granted), _d(expires), status))
        if rng.random() < 0.05:
            rows.append((s.sid, "RV", _d(granted - dt.timedelta(days=400)), _d(granted), "lapsed"))
    W.table("vetting.csv", ["staff_id", "level", "granted", "expires", "status"], rows)
    kinds = ["relationship", "address", "financial", "association", "criminal", "other"]
    notes = {"relationship": ["new partner declared", "marriage", "partner is police staff", "separation"],
             "address": ["moved house", "moved in with partner"], "financial": ["IVA", "CCJ declared", "debt advice"],
             "association": ["sibling has convictions", "friend arrested", "neighbour known to police"],
             "criminal": ["speeding FPN", "partner cautioned"], "other": ["second job approved", "social media report"]}
    rows = []
    for s in staff:
        if rng.random() < 0.05:
            k = rng.choice(kinds)
            rows.append((s.sid, _d(w.start - dt.timedelta(days=rng.randint(-w.days + 1, 1100))), k, rng.choice(notes[k])))
    W.table("circumstance_changes.csv", ["staff_id", "reported", "kind", "notes"], rows)
    rows = []
    for i, a in enumerate(sorted(w.allegations, key=lambda a: (a["received"], staff[a["staff"]].sid))):
        rec = a["received"]
        iopc = _d(rec + dt.timedelta(days=rng.randint(5, 40))) if a["iopc"] else ""
        od = _d(rec + dt.timedelta(days=rng.randint(60, 500))) if a["outcome"] else ""
        rows.append((f"AL{rec.year}-{i + 101:04d}", staff[a["staff"]].sid, _d(rec), a["category"], a["source"],
                     a["victim_markers"], iopc, a["outcome"], od))
    W.table("allegations.csv", ["allegation_id", "staff_id", "received", "category", "source", "victim_markers",
                                "referred_to_iopc", "outcome", "outcome_date"], rows)


def write_events(W, rng, ev, t0, t1, start):
    """Sort, assign ids per system, split files.  Returns {tag: [event_ids]}."""
    loc = LocalFormatter(t0 - DAY, t1 + DAY)
    by_sys = {}
    for e in ev:
        by_sys.setdefault(e[1], []).append(e)
    truth = {}
    prefix = {"RMS": ("RMS", 10), "CAD": ("C", 9), "PNC": ("PNCTX", 9), "CUSTODY": ("CU", 8), "INTEL": ("IMS", 8)}
    for sysid in sorted(by_sys):
        lst = by_sys[sysid]
        lst.sort(key=lambda e: e[0])
        pre, width = prefix[sysid]
        n = rng.randint(10 ** (width - 2), 10 ** (width - 1))
        fmt = loc if sysid == "CAD" else fmt_z
        rows = []
        months = {}
        for e in lst:
            n += 1 if sysid != "CAD" else rng.randint(1, 3)
            eid = f"{pre}{n:0{width}d}"
            if e[8] is not None:
                truth.setdefault(e[8], []).append(eid)
            rows.append((eid, sysid, e[2], fmt(e[0]), e[3], e[4], e[5], e[6], e[7]))
        if sysid == "RMS":  # the RMS export arrives one file per calendar month
            for r in rows:
                months.setdefault(r[3][:7], []).append(r)
            for m in sorted(months):
                W.table_many(f"access_events_rms_{m}.csv", EVENT_COLS, months[m])
        else:
            W.table_many(f"access_events_{sysid.lower()}.csv", EVENT_COLS, rows)
        del rows, months
    return truth


def write_truth(path, seed, days, abusers, truth):
    out = {"force": FORCE_CODE, "seed": seed, "days": days, "abusers": []}
    for A in abusers:
        out["abusers"].append({"staff_id": A.s.sid, "pattern": A.pattern, "event_ids": truth.get(A.k, [])})
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
