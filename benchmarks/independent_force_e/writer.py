"""Writes the FDP v1 package, the ground truth and the look-alike list."""
import csv
import hashlib
import json
import os

from operator import itemgetter

from work import AUDITED

_ts_key = itemgetter(0)

FORCE_CODE = "FM"
FORCE_NAME = "Fellmoor Constabulary"

SYSTEMS = [
    # system_id, name, category, audit_feed, notes
    ("RMS", "Fellmoor Records (RMS, POLE)", "records", "yes", "desktop and VPN clients; audit timestamps in UTC"),
    ("CAD", "Command and Control (CAD)", "command_and_control", "yes", "legacy server logs local wall-clock time without offset"),
    ("MOBILE", "Frontline mobile data app", "mobile", "yes", "handheld devices query RMS and PNC; logs local time with offset"),
    ("CUSTODY", "Custody system", "custody", "yes", "Kirkby Fell suite and Marshby seasonal suite"),
    ("INTEL", "Intelligence system", "intelligence", "yes", "UTC with milliseconds"),
    ("PNC", "Police National Computer (force transaction log)", "national", "yes", "force copy of transaction log, local wall-clock time"),
    ("PND", "Police National Database", "national", "no", "audit held nationally, not supplied"),
    ("VISOR", "ViSOR (violent and sex offender register)", "public_protection", "no", "national audit, not supplied"),
    ("CASEFILE", "Digital case file", "criminal_justice", "no", "no audit export available"),
    ("DEMS", "Digital evidence (body-worn video)", "evidence", "no", "audit export under procurement"),
    ("ANPR", "ANPR back office", "vehicles", "no", "audit retained 90 days, not supplied"),
    ("DUTY", "Duty management", "hr", "no", "rosters exported to shifts.csv"),
]

# per system: file name, column order, timestamp formatter name, id prefix/width, extra columns
EVENT_FILES = {
    "RMS": ("access_events_rms.csv", ["event_id", "system_id", "staff_id", "ts", "action", "entity_type",
                                      "entity_id", "query", "workstation"], "z", "R", 10),
    "CAD": ("access_events_cad.csv", ["ts", "event_id", "staff_id", "action", "entity_type", "entity_id",
                                      "query", "workstation", "system_id"], "local", "CAD-", 9),
    "MOBILE": ("access_events_mobile.csv", ["event_id", "ts", "staff_id", "system_id", "action", "entity_type",
                                            "entity_id", "query", "workstation", "app_version"], "offset", "MB", 9),
    "CUSTODY": ("access_events_custody.csv", ["event_id", "system_id", "staff_id", "ts", "action", "entity_type",
                                              "entity_id", "query", "workstation"], "offset", "CU", 8),
    "INTEL": ("access_events_intel.csv", ["event_id", "system_id", "staff_id", "ts", "action", "entity_type",
                                          "entity_id", "query", "workstation"], "zms", "INT", 8),
    "PNC": ("access_events_pnc.csv", ["event_id", "system_id", "staff_id", "ts", "action", "entity_type",
                                      "entity_id", "query", "workstation"], "local", "PNC", 9),
}


def _w(path, header, rows):
    rows = rows if isinstance(rows, list) else list(rows)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    return len(rows)


def _sha(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while True:
            b = f.read(1 << 20)
            if not b:
                break
            h.update(b)
    return h.hexdigest()


class Writer:
    def __init__(self, out, ctx, occ, abuse, seed):
        self.out = out
        self.pkg = os.path.join(out, "package")
        self.c, self.occ, self.ab, self.seed = ctx, occ, abuse, seed
        self.files = {}
        self.bad = []          # (file, description)

    def write(self):
        os.makedirs(self.pkg, exist_ok=True)
        c = self.c
        cl = c.clock
        self.rows("staff.csv", ["staff_id", "name", "staff_type", "rank", "sex", "home_district", "joined", "left"],
                  ([s.sid, s.name, s.stype, s.rank, s.sex, s.home, s.joined, s.left] for s in c.wf.staff))
        self.rows("postings.csv", ["staff_id", "unit", "role", "team", "district", "vetting_level_required", "start", "end"],
                  (r for s in c.wf.staff for r in s.postings))
        self.write_shifts()
        self.rows("systems.csv", ["system_id", "name", "category", "audit_feed", "notes"], SYSTEMS)
        ppl = c.ppl
        self.rows("nominals.csv", ["nominal_id", "sex", "birth_year", "district", "markers", "surname", "forename",
                                   "phone", "address_id", "vrm"],
                  ([n.nid, n.sex, "" if n.by is None else str(n.by), n.district, ";".join(n.markers), n.sur, n.fore,
                    n.phone, ppl.addresses[n.addr][0], n.vrm] for n in ppl.noms))
        self.write_occurrences()
        self.rows("custody.csv", ["custody_id", "nominal_id", "staff_id", "suite", "booked_in", "released"],
                  ([cid, ppl.noms[ni].nid, sid, suite, cl.fmt_offset(b), cl.fmt_offset(r) if r < cl.t1 else ""]
                   for (cid, ni, sid, suite, b, r) in sorted(self.occ.custody_rows, key=lambda x: (x[4], x[0]))
                   if b < cl.t1 and r >= cl.t0 - 3 * 86400))
        self.write_events()
        self.rows("vetting.csv", ["staff_id", "level", "granted", "expires", "status"], c.wf.vetting)
        self.rows("circumstance_changes.csv", ["staff_id", "reported", "kind", "notes"],
                  sorted(c.wf.circumstances, key=lambda r: (r[1], r[0], r[2], r[3])))
        cols = ["allegation_id", "staff_id", "received", "category", "source", "victim_markers",
                "referred_to_iopc", "outcome", "outcome_date"]
        self.rows("allegations.csv", cols, ([a[k] for k in cols] for a in c.wf.allegations))
        self.manifest()
        self.truth()

    def rows(self, name, header, rows):
        path = os.path.join(self.pkg, name)
        n = _w(path, header, rows)
        self.files[name] = n

    # ------------------------------------------------------------------ shifts
    def write_shifts(self):
        c, cl = self.c, self.c.clock
        out = []
        for st in c.wf.staff:
            for (a, b) in st.rostered:
                if b <= cl.t0 - 86400 or a >= cl.t1:
                    continue
                out.append([st.sid, cl.fmt_local(a, False), cl.fmt_local(b, False)])
        # an agency detention officer on the custody roster who has no login and is not in staff.csv
        rng = c.rng
        for k in range(0, cl.days, 9):
            a = cl.local_ts(k, 7 * 3600)
            out.append(["AGY0042", cl.fmt_local(a, False), cl.fmt_local(a + 12 * 3600, False)])
        # deliberately broken: a roster row whose end precedes its start (typo in the duty system)
        st = c.wf.staff[rng.randrange(len(c.wf.staff))]
        a = cl.local_ts(cl.days // 2, 22 * 3600)
        out.append([st.sid, cl.fmt_local(a, False), cl.fmt_local(a - 14 * 3600, False)])
        self.bad.append(("shifts.csv", "end before start (%s)" % st.sid))
        self.rows("shifts.csv", ["staff_id", "start", "end"], out)

    # ------------------------------------------------------------- occurrences
    def write_occurrences(self):
        c, cl, ppl = self.c, self.c.clock, self.c.ppl
        occs = [o for o in c.occs if o.opened < cl.t1 and (o.closed is None or o.closed >= cl.t0)]
        occs.sort(key=lambda o: (o.opened, o.oid))
        self.rows("occurrences.csv", ["occurrence_id", "category", "opened", "closed", "district", "created_by"],
                  ([o.oid, o.cat, cl.fmt_local(o.opened), cl.fmt_local(o.closed) if o.closed else "", o.district,
                    o.created_by] for o in occs))
        rows = []
        for o in occs:
            seen = set()
            for ni, role in o.noms:
                key = (ni, role)
                if key in seen:
                    continue
                seen.add(key)
                rows.append([o.oid, ppl.noms[ni].nid, role])
        # deliberately broken: a role outside the FDP vocabulary
        i = c.rng.randrange(len(rows))
        rows.insert(i, [rows[i][0], rows[i][1], "informant"])
        self.bad.append(("occurrence_nominals.csv", "role 'informant' not in the FDP vocabulary"))
        self.rows("occurrence_nominals.csv", ["occurrence_id", "nominal_id", "role"], rows)
        rows = []
        for o in occs:
            # one row per (occurrence, staff, role): repeated tasking in the same role is merged
            merged = {}
            for (sid, role, a, b, rec) in o.staff:
                if not rec:
                    continue
                key = (sid, role)
                if key in merged:
                    a0, b0 = merged[key]
                    merged[key] = (min(a0, a), None if (b0 is None or b is None) else max(b0, b))
                else:
                    merged[key] = (a, b)
            for (sid, role), (a, b) in merged.items():
                rows.append([o.oid, sid, role, cl.fmt_local(a), cl.fmt_local(b) if b and b < cl.t1 else ""])
        self.rows("occurrence_staff.csv", ["occurrence_id", "staff_id", "role", "start", "end"], rows)

    # ------------------------------------------------------------------ events
    def write_events(self):
        c, cl, rng = self.c, self.c.clock, self.c.rng
        self.truth_ids = [[] for _ in self.ab.abusers]
        self.event_counts = {}
        fmts = {"z": cl.fmt_z, "local": cl.fmt_local, "offset": cl.fmt_offset, "zms": cl.fmt_z}
        for sysid in AUDITED:
            fname, cols, fmt, prefix, width = EVENT_FILES[sysid]
            ev = c.sink.ev[sysid]
            ev.sort(key=_ts_key)
            f = fmts[fmt]
            base = rng.randrange(10 ** (width - 2), 10 ** (width - 1))
            pat = prefix + "%0" + str(width) + "d"
            truth = self.truth_ids
            ver = ("4.2.1", "4.3.0")
            pos = {name: i for i, name in enumerate(cols)}

            def gen():
                two = ["%02d" % i for i in range(60)]
                ms = fmt == "zms"
                cur_m = None
                pre = suf = ""
                mob = sysid == "MOBILE"
                cad = sysid == "CAD"
                for i, (ts, sid, act, et, eid, q, ws, tag) in enumerate(ev):
                    id_ = pat % (base + i)
                    if tag >= 0:
                        truth[tag].append(id_)
                    m = ts - ts % 60
                    if m != cur_m:
                        cur_m = m
                        full = f(m)
                        if fmt == "offset":
                            pre, suf = full[:-8], full[-6:]
                        elif fmt == "local":
                            pre, suf = full[:-2], ""
                        else:
                            pre, suf = full[:-3], "Z"
                    if ms:
                        tss = pre + two[ts - m] + ".%03dZ" % ((ts * 7919) % 1000)
                    else:
                        tss = pre + two[ts - m] + suf
                    if mob:
                        yield [id_, tss, sid, sysid, act, et, eid, q, ws, ver[ts > 1760000000]]
                    elif cad:
                        yield [tss, id_, sid, act, et, eid, q, ws, sysid]
                    else:
                        yield [id_, sysid, sid, tss, act, et, eid, q, ws]
            rows = list(gen())
            self.event_counts[sysid] = len(rows)
            nxt = base + len(ev)
            # shared / generic accounts (valid rows: loaded and reported as unknown accounts)
            if sysid == "CAD":
                self._generic(rows, "FCR-SPARE01", sysid, f, pat, nxt, 40, pos)
                nxt += 40
            if sysid == "RMS":
                self._generic(rows, "TRAINING01", sysid, f, pat, nxt, 25, pos)
                nxt += 25
            # deliberately broken rows
            if sysid == "CAD":
                for j in range(2):
                    r = list(rows[rng.randrange(len(rows))])
                    k, sec = cl.local_day_sec(cl.t0 + rng.randrange(cl.t1 - cl.t0))
                    d = cl.date_str(k)
                    r[pos["ts"]] = "%s/%s/%s %02d:%02d" % (d[8:10], d[5:7], d[0:4], sec // 3600, sec // 60 % 60)
                    r[pos["event_id"]] = pat % nxt
                    nxt += 1
                    rows.insert(rng.randrange(len(rows)), r)
                    self.bad.append((fname, "timestamp in dd/mm/yyyy hh:mm form: %s" % r[pos["ts"]]))
            if sysid == "RMS":
                r = list(rows[rng.randrange(len(rows))])
                r[pos["action"]] = "browse"
                r[pos["event_id"]] = pat % nxt
                nxt += 1
                rows.insert(rng.randrange(len(rows)), r)
                self.bad.append((fname, "action 'browse' not in the FDP vocabulary"))
                r = list(rows[rng.randrange(len(rows))])
                r[pos["staff_id"]] = ""
                r[pos["event_id"]] = pat % nxt
                nxt += 1
                rows.insert(rng.randrange(len(rows)), r)
                self.bad.append((fname, "empty staff_id (required)"))
            if sysid == "MOBILE":
                r = list(rows[rng.randrange(len(rows))])
                r[pos["entity_type"]] = "person"
                r[pos["event_id"]] = pat % nxt
                nxt += 1
                rows.insert(rng.randrange(len(rows)), r)
                self.bad.append((fname, "entity_type 'person' not in the FDP vocabulary"))
            if sysid == "PNC":
                r = list(rows[rng.randrange(len(rows))])
                r[pos["ts"]] = r[pos["ts"]][:10] + "T25:10:00"
                r[pos["event_id"]] = pat % nxt
                nxt += 1
                rows.insert(rng.randrange(len(rows)), r)
                self.bad.append((fname, "impossible time of day: %s" % r[pos["ts"]]))
            self.rows(fname, cols, rows)
            del rows
            c.sink.ev[sysid] = []

    def _generic(self, rows, sid, sysid, f, pat, nxt, n, pos):
        """A shared login used at a spare control-room desk / in a training room."""
        c, cl, rng = self.c, self.c.clock, self.c.rng
        noms = c.ppl.noms
        for j in range(n):
            ts = cl.t0 + rng.randrange(cl.t1 - cl.t0)
            ni = c.ppl.training[rng.randrange(len(c.ppl.training))] if sid.startswith("TRAIN") else rng.randrange(len(noms))
            r = [pat % (nxt + j), sysid, sid, f(ts), "view", "nominal", noms[ni].nid, "",
                 "FCR-WS59" if sysid == "CAD" else "TRN-ROOM2"]
            if sysid == "CAD":
                r = [r[3], r[0], r[2], r[4], r[5], r[6], r[7], r[8], r[1]]
            rows.insert(rng.randrange(len(rows)), r)

    # ------------------------------------------------------------------ manifest
    def manifest(self):
        cl = self.c.clock
        files = {}
        for name in sorted(self.files):
            path = os.path.join(self.pkg, name)
            files[name] = {"rows": self.files[name], "sha256": _sha(path)}
        m = {"fdp_version": 1, "force": {"code": FORCE_CODE, "name": FORCE_NAME},
             "timezone": "Europe/London",
             "period": {"start": cl.start_date.isoformat(), "end": cl.end_date.isoformat()},
             "files": files}
        with open(os.path.join(self.pkg, "manifest.json"), "w", encoding="utf-8") as f:
            json.dump(m, f, indent=2)
            f.write("\n")

    def truth(self):
        c = self.c
        ab = []
        for a, ids in zip(self.ab.abusers, self.truth_ids):
            if not ids:
                # a pattern that found no room in a very short period leaves no abusive trace:
                # the person is then not an abuser in this package
                continue
            ab.append({"staff_id": a["staff"].sid, "pattern": a["pattern"], "event_ids": ids})
        t = {"force": FORCE_CODE, "seed": self.seed, "days": c.clock.days, "abusers": ab}
        with open(os.path.join(self.out, "package.truth.json"), "w", encoding="utf-8") as f:
            json.dump(t, f, indent=1)
            f.write("\n")
        # extra, for analysing false positives: the planted innocent look-alikes and the
        # details of each abuser (not part of the truth format)
        extra = {"force": FORCE_CODE, "seed": self.seed,
                 "abusers": [{"staff_id": a["staff"].sid, "pattern": a["pattern"], "level": a["level"],
                              "victims": [c.ppl.noms[v].nid for v in a.get("victims", [])],
                              "events": len(ids)} for a, ids in zip(self.ab.abusers, self.truth_ids) if ids],
                 "lookalikes": [{"staff_id": s, "kind": k, "note": n} for s, k, n in self.ab.lookalikes],
                 "deliberately_invalid_rows": [{"file": f, "why": w} for f, w in self.bad]}
        with open(os.path.join(self.out, "package.notes.json"), "w", encoding="utf-8") as f:
            json.dump(extra, f, indent=1)
            f.write("\n")
