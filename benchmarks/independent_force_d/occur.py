"""Occurrences, who is in them, who was tasked (as recorded and as actually worked),
custody, court dates, briefings and the two major incidents.

Recording is realistic, not tidy: taskings recorded hours late, with a date-only start
(midnight), or with no end; supervisors recorded on a minority of jobs they reviewed;
desk-resolved crimes with no occurrence_staff at all.  The *actual* working times are kept
separately (w.cases) and drive the audit events.
"""
import datetime as dt
import math

from common import DAY, HOUR, MIN, local_dt_utc, local_hour, poisson
from force import DISTRICTS, SUITE_FOR, on_duty
from world import DIST_W, pick_suspect, pick_victim

# cat: (w_day, w_night, attend_p, crime, arrest_p, investigated_by, safeguard_p, has_victim, suspect_p)
CATS = {
    "domestic_abuse": (11, 16, 0.95, 1, 0.45, "PPU/RESP", 0.55, 1, 0.95),
    "sexual_offence": (3, 3, 0.8, 1, 0.25, "PPU", 0.7, 1, 0.7),
    "rape": (1, 1.5, 0.9, 1, 0.3, "PPU", 0.9, 1, 0.8),
    "violence": (9, 14, 0.85, 1, 0.35, "CID/RESP", 0.05, 1, 0.8),
    "theft": (16, 6, 0.35, 1, 0.15, "RESP/DESK", 0, 1, 0.4),
    "burglary": (6, 5, 0.7, 1, 0.08, "CID", 0, 1, 0.2),
    "robbery": (2.5, 3.5, 0.9, 1, 0.2, "CID", 0, 1, 0.6),
    "vehicle_crime": (6, 5, 0.3, 1, 0.05, "DESK", 0, 1, 0.1),
    "criminal_damage": (5, 5, 0.4, 1, 0.1, "RESP/DESK", 0, 1, 0.3),
    "public_order": (4, 9, 0.9, 1, 0.4, "RESP", 0, 0, 0.8),
    "drugs": (2, 4, 1.0, 1, 0.6, "RESP", 0, 0, 1.0),
    "weapons": (1, 2, 1.0, 1, 0.5, "RESP", 0, 0, 1.0),
    "asb": (7, 8, 0.5, 0, 0.02, "NHOOD", 0, 1, 0.4),
    "concern_for_welfare": (7, 7, 0.85, 0, 0.0, "RESP", 0.3, 1, 0),
    "missing_person": (4, 4, 0.9, 0, 0, "RESP", 0.5, 1, 0),
    "mental_health": (3, 4, 0.85, 0, 0.05, "RESP", 0.3, 1, 0),
    "rtc": (4, 3, 0.8, 0, 0.08, "ROADS", 0, 1, 0.3),
    "fraud": (4, 0.5, 0.02, 1, 0.01, "DESK", 0, 1, 0.2),
    "stalking_harassment": (3, 2, 0.6, 1, 0.2, "PPU/RESP", 0.3, 1, 0.9),
    "child_protection": (2, 1, 0.8, 0, 0.1, "PPU", 0.9, 1, 0.5),
    "sudden_death": (1, 0.6, 1.0, 0, 0, "RESP", 0, 0, 0),
    "vice": (0.3, 0.6, 0.8, 0, 0.2, "NHOOD", 0.3, 1, 0.2),
    "modern_slavery": (0.2, 0.2, 0.9, 1, 0.3, "PPU", 0.8, 1, 0.6),
}
CAT_NAMES = list(CATS)
W_DAY = [CATS[c][0] for c in CAT_NAMES]
W_NIGHT = [CATS[c][1] for c in CAT_NAMES]
HOURLY = [0.55, 0.45, 0.35, 0.25, 0.2, 0.2, 0.3, 0.5, 0.7, 0.85, 0.95, 1.0,
          1.05, 1.05, 1.05, 1.1, 1.2, 1.3, 1.35, 1.35, 1.3, 1.2, 1.0, 0.8]


class Occ:
    __slots__ = ("idx", "oid", "cat", "opened", "closed", "district", "created_by", "noms",
                 "staff", "loc", "arrest", "custody", "major", "court", "attended")


class Custody:
    __slots__ = ("cid", "nom", "staff", "suite", "booked", "released", "occ", "officer")


def _rec(rng, act_start, act_end, coarse_p=0.05, late_p=0.10, open_p=0.18):
    """Recorded (start, end) for an actual working window."""
    rs, re_ = act_start, act_end
    r = rng.random()
    if r < coarse_p:
        d = dt.datetime.utcfromtimestamp(act_start).date()
        rs = local_dt_utc(d)  # date-only precision -> local midnight
    elif r < coarse_p + late_p:
        rs = act_start + rng.randint(2 * HOUR, 30 * HOUR)
    if rng.random() < open_p:
        re_ = None
    elif re_ is not None and rs is not None and re_ < rs:
        re_ = rs + rng.randint(10 * MIN, 3 * HOUR)
    return rs, re_


class OccBuilder:
    def __init__(self, rng, w, staff, di, t0, t1):
        self.rng, self.w, self.staff, self.di, self.t0, self.t1 = rng, w, staff, di, t0, t1
        w.occs, w.custody = [], []
        w.cases = [[] for _ in staff]      # (act_start, act_end, occ_idx, role)
        w.extra = [[] for _ in staff]      # (ts, kind, payload)
        self.seq = {}
        self.cseq = {}
        self.by_unit = {}
        for s in staff:
            p = s.postings[-1]
            self.by_unit.setdefault((p.unit, p.district), []).append(s.idx)
            self.by_unit.setdefault((p.unit, None), []).append(s.idx)

    def anyone(self, unit, district=None):
        lst = self.by_unit.get((unit, district)) or self.by_unit.get((unit, None)) or [0]
        return self.rng.choice(lst)

    def duty(self, unit, district, ts, fallback=True):
        sidx = on_duty(self.di, unit, district, self.t0, ts, self.rng)
        if sidx is None and fallback:
            if self.t0 <= ts < self.t1 and district is not None:
                for d in self.rng.sample(DISTRICTS, len(DISTRICTS)):
                    sidx = on_duty(self.di, unit, d, self.t0, ts, self.rng)
                    if sidx is not None:
                        break
            if sidx is None:
                sidx = self.anyone(unit, district)
        return sidx

    def new_occ(self, cat, opened, district):
        rng = self.rng
        o = Occ()
        o.idx = len(self.w.occs)
        yy = dt.datetime.utcfromtimestamp(opened).year % 100
        n = self.seq.get(yy, rng.randint(1000, 9000)) + rng.randint(1, 3)
        self.seq[yy] = n
        o.oid = f"KM{yy:02d}{n:06d}"
        o.cat, o.opened, o.district = cat, opened, district
        o.closed, o.created_by, o.noms, o.staff = None, "", [], []
        o.loc, o.arrest, o.custody, o.major, o.court, o.attended = None, False, None, None, None, False
        self.w.occs.append(o)
        return o

    def task(self, o, sidx, role, act_start, act_end, recorded=True, **kw):
        rs, re_ = _rec(self.rng, act_start, act_end, **kw) if recorded else (None, None)
        o.staff.append([sidx, role, rs, re_, act_start, act_end, recorded])
        self.w.cases[sidx].append((act_start, act_end, o.idx, role))
        if role == "attending" and self.rng.random() < 0.06:
            # statement request / CPS query / victim update weeks later (innocent revisit)
            self.w.extra[sidx].append((act_start + self.rng.randint(5, 45) * DAY, "court", o.idx))

    def build(self, nstaff, backlog_days=180):
        rng, w = self.rng, self.w
        # backlog: occurrences opened before the period, some still being worked
        rate_b = 0.055 * nstaff
        for dn in range(-backlog_days, 0):
            d = w.start + dt.timedelta(days=dn)
            for _ in range(poisson(rng, rate_b)):
                h = rng.uniform(0, 24)
                dist = rng.choices(DISTRICTS, weights=DIST_W)[0]
                cat = rng.choices(CAT_NAMES, weights=W_DAY)[0]
                if not CATS[cat][3] and rng.random() < 0.7:
                    continue
                self.make(cat, local_dt_utc(d, h), dist, backlog=True)
        rate = 0.17 * nstaff / sum(HOURLY) / 1.0
        for dn in range(w.days):
            d = w.start + dt.timedelta(days=dn)
            wk = 1.15 if d.weekday() in (4, 5) else 1.0
            for hr in range(24):
                for di_, dist in enumerate(DISTRICTS):
                    lam = rate * HOURLY[hr] * wk * DIST_W[di_]
                    for _ in range(poisson(rng, lam)):
                        ts = local_dt_utc(d, hr + rng.random())
                        night = hr >= 19 or hr < 6
                        cat = rng.choices(CAT_NAMES, weights=W_NIGHT if night else W_DAY)[0]
                        self.make(cat, ts, dist)
        # detectives' self-generated (intelligence-led / safeguarding) occurrences
        for _ in range(int(nstaff * 0.06)):
            ts = self.t0 + rng.randint(0, self.t1 - self.t0 - DAY)
            unit = rng.choice(["CID", "CID", "PPU", "NHOOD"])
            dist = rng.choice(DISTRICTS)
            sidx = self.duty(unit, dist if unit != "PPU" else None, ts)
            cat = rng.choice(["concern_for_welfare", "drugs", "stalking_harassment", "child_protection", "modern_slavery"])
            o = self.make(cat, ts, dist, creator=sidx)
            self.task(o, sidx, "oic", ts + rng.randint(0, 3 * HOUR), o.closed, open_p=0.5)


    def make(self, cat, opened, dist, backlog=False, victim=None, creator=None):
        rng, w = self.rng, self.w
        wd, wn, attend_p, crime, arrest_p, inv, safe_p, has_v, susp_p = CATS[cat]
        o = self.new_occ(cat, opened, dist)
        v = victim if victim is not None else (pick_victim(rng, w, cat, dist) if has_v else None)
        if v is not None:
            o.noms.append((v, "victim"))
            o.loc = w.nom.loc[v] if rng.random() < 0.7 else rng.randrange(len(w.loc_id))
        else:
            o.loc = rng.randrange(len(w.loc_id))
        sus = None
        if rng.random() < susp_p:
            sus = pick_suspect(rng, w, cat, dist, v)
            o.noms.append((sus, "suspect"))
        for _ in range(int(rng.random() ** 2 * 3)):
            o.noms.append((rng.choice(w.by_district[dist]), "witness"))
        online = cat == "fraud" and rng.random() < 0.6
        handler = None
        if creator is not None:
            o.created_by = self.staff[creator].sid
        elif cat in ("drugs", "weapons") and rng.random() < 0.7:
            pass  # self-generated by the attending officer, set below
        elif online:
            o.created_by = ""
        else:
            handler = self.duty("CC", None, opened) if not backlog else self.anyone("CC")
            o.created_by = self.staff[handler].sid if rng.random() < 0.97 else ""
            if v is not None and rng.random() < 0.6:
                o.noms.append((v, "caller"))
            elif rng.random() < 0.8:
                o.noms.append((rng.choice(w.by_district[dist]), "caller"))
        desk = ("DESK" in inv and rng.random() < 0.6) or rng.random() > attend_p
        no_staff = desk and rng.random() < 0.35
        if handler is not None:
            self.task(o, handler, "call_handler", opened - rng.randint(60, 400), opened + rng.randint(60, 900),
                      recorded=not no_staff, coarse_p=0, late_p=0.02, open_p=0.3)
        # closure
        if crime:
            closed = opened + int(DAY * rng.lognormvariate(math.log(12), 1.0))
        else:
            closed = opened + int(HOUR * rng.lognormvariate(math.log(8), 1.1))
        o.closed = closed if closed < self.t1 else None
        att = None
        if not desk:
            o.attended = True
            unit = "ROADS" if cat == "rtc" else ("NHOOD" if cat in ("asb", "vice") and 8 <= local_hour(opened) < 21 else "RESP")
            a0 = opened + rng.randint(4 * MIN, 75 * MIN)
            a1 = a0 + rng.randint(40 * MIN, 5 * HOUR)
            att = self.duty(unit, None if unit == "ROADS" else dist, a0) if not backlog else self.anyone(unit, None if unit == "ROADS" else dist)
            self.task(o, att, "attending", a0, a1)
            if rng.random() < 0.45:
                att2 = self.duty(unit, None if unit == "ROADS" else dist, a0) if not backlog else self.anyone(unit, dist)
                if att2 != att:
                    self.task(o, att2, "attending", a0, a1, open_p=0.3)
            if o.created_by == "" and handler is None and not online:
                o.created_by = self.staff[att].sid
            # supervisor reviews the job; recorded on a minority
            sup = self._sergeant(att, a1)
            if sup is not None:
                self.task(o, sup, "supervisor", a1 + rng.randint(10 * MIN, 10 * HOUR), None,
                          recorded=rng.random() < 0.4, open_p=0.6)
            if sus is not None and rng.random() < arrest_p:
                o.arrest = True
                self.custody(o, sus, att, a0 + rng.randint(15 * MIN, 90 * MIN))
        # investigation
        if crime and not (desk and "DESK" in inv):
            unit = inv.split("/")[0] if not (inv.endswith("/RESP") and rng.random() < 0.5) else "RESP"
            if unit == "RESP" and att is not None:
                oic, s0 = att, opened
            else:
                s0 = opened + rng.randint(6 * HOUR, 40 * HOUR)
                dd = dist if unit in ("CID", "NHOOD") else None
                oic = self.duty(unit, dd, s0) if not backlog else self.anyone(unit, dd)
            self.task(o, oic, "oic", s0, o.closed, open_p=0.25)
            if cat in ("rape", "robbery", "sexual_offence") and rng.random() < 0.5:
                self.task(o, self.anyone(unit if unit != "RESP" else "CID", None), "investigator", s0 + DAY, o.closed)
        if safe_p and rng.random() < safe_p:
            su = "MASH" if (cat in ("child_protection", "missing_person") or rng.random() < 0.4) else "PPU"
            s0 = opened + rng.randint(2 * HOUR, 3 * DAY)
            sidx = self.anyone(su)
            self.task(o, sidx, "safeguarding", s0, s0 + rng.randint(1, 10) * DAY, recorded=rng.random() < 0.5)
        return o

    def _sergeant(self, sidx, ts):
        s = self.staff[sidx]
        p = s.posting_at(ts)
        if p.unit != "RESP" or p.team is None:
            return None
        for j in self.by_unit.get(("RESP", p.district), []):
            q = self.staff[j].postings[-1]
            if q.team == p.team and self.staff[j].rank == "Sergeant" and j != sidx:
                return j
        return None

    def custody(self, o, nom, officer, booked):
        rng, w = self.rng, self.w
        suite = SUITE_FOR[o.district]
        c = Custody()
        yy = dt.datetime.utcfromtimestamp(booked).year % 100
        n = self.cseq.get(suite, rng.randint(100, 900)) + 1
        self.cseq[suite] = n
        c.cid = f"{suite}/{yy:02d}/{n:05d}"
        c.nom, c.suite, c.booked, c.occ, c.officer = nom, suite, booked, o.idx, officer
        c.staff = self.duty("CUSTODY", suite, booked) if self.t0 <= booked < self.t1 else self.anyone("CUSTODY", suite)
        c.released = booked + int(HOUR * rng.lognormvariate(math.log(11), 0.55))
        if c.released > self.t1 and rng.random() < 0.5:
            c.released = None
        o.custody = len(w.custody)
        w.custody.append(c)
        # after-release look-ups for a file or complaint (innocent look-alike)
        if c.released and rng.random() < 0.08:
            who = c.staff if rng.random() < 0.6 else self.anyone("CUSTODY", suite)
            w.extra[who].append((c.released + rng.randint(1, 12) * DAY + rng.randint(0, 8 * HOUR),
                                 "release_file", o.custody))
        return c

    def courts(self):
        """Court dates in the period: the OIC / attending officer looks at the victim again
        in the days before trial (tasking long closed); disclosure staff prepare files."""
        rng, w = self.rng, self.w
        for o in w.occs:
            if not (o.arrest and CATS[o.cat][3]) or o.opened > self.t1 - 20 * DAY:
                continue
            if rng.random() > 0.35:
                continue
            court = o.opened + rng.randint(25, 200) * DAY
            if not (self.t0 + 3 * DAY <= court < self.t1):
                continue
            o.court = court
            for row in o.staff:
                if row[1] in ("oic", "attending") and rng.random() < 0.7:
                    for _ in range(rng.randint(1, 3)):
                        w.extra[row[0]].append((court - rng.randint(0, 7) * DAY - rng.randint(0, 6) * HOUR,
                                                "court", o.idx))
            dis = self.anyone("DISCLOSURE")
            s0 = court - rng.randint(8, 20) * DAY
            self.task(o, dis, "court_prep", max(s0, self.t0), court, recorded=rng.random() < 0.5, open_p=0.4)


def briefings(rng, w, t0, days):
    """(district, day) -> nominal indexes on the daily briefing (wanted, missing, high-risk DA,
    IOM), many officers view the same people at parade."""
    out = {}
    recent = {d: [] for d in DISTRICTS}
    occs = sorted(w.occs, key=lambda o: o.opened)
    k = 0
    for dn in range(days):
        tday = t0 + dn * DAY
        while k < len(occs) and occs[k].opened < tday:
            recent[occs[k].district].append(occs[k])
            k += 1
        for d in DISTRICTS:
            lst = [o for o in recent[d][-400:] if o.opened > tday - 10 * DAY]
            picks = []
            for o in lst:
                if o.cat in ("missing_person",) and (o.closed is None or o.closed > tday):
                    picks += [n for n, r in o.noms if r == "victim"]
                elif o.cat in ("domestic_abuse", "stalking_harassment") and rng.random() < 0.12:
                    picks += [n for n, r in o.noms if r == "victim"]
                elif not o.arrest and CATS[o.cat][3] and rng.random() < 0.06:
                    picks += [n for n, r in o.noms if r == "suspect"]
            picks = picks[-14:]
            picks += rng.sample(w.off_by_district[d], 3)
            out[(d, dn)] = picks
    return out


def majors(ob, nstaff):
    """Two major incidents: Op KESTREL (missing 14-year-old girl, found after 3-4 days, then a
    child sexual exploitation investigation) and Op LARKSPUR (stranger rape, city centre)."""
    rng, w = ob.rng, ob.w
    nm = w.nom
    w.majors = []
    year = w.start.year
    # --- KESTREL
    mi = ob.t0 + int(w.days * 0.37) * DAY + 19 * HOUR + rng.randint(0, 2 * HOUR)
    girls = [i for i in w.pools["child"] if nm.sex[i] == "F" and nm.by[i] != "" and 13 <= year - nm.by[i] <= 15
             and nm.district[i] == "NGT"] or w.pools["child"]
    girl = rng.choice(girls)
    mk = set(nm.markers[girl].split(";")) - {""}
    mk |= {"child", "missing_person", "sexual_offence_victim"}
    nm.markers[girl] = ";".join(sorted(mk))
    mother = rng.choice([i for i in w.young_f_by_district["NGT"]])
    step = rng.choice(w.off_by_district["NGT"])
    sus = rng.choice([i for i in w.off_by_district["NGT"] if nm.by[i] != "" and year - nm.by[i] < 26] or w.pools["offender"])
    friends = rng.sample(w.pools["child"], 3)
    o = ob.make("missing_person", mi, "NGT", victim=girl)
    o.major = "KESTREL"
    o.noms += [(mother, "caller"), (step, "other"), (friends[0], "witness"), (friends[1], "witness")]
    found = mi + int(3.4 * DAY)
    mit = [j for j in range(len(ob.staff)) if ob.staff[j].postings[-1].unit == "MIT"] or [0]
    ob.task(o, rng.choice(mit), "oic", mi + 5 * HOUR, None, open_p=1.0)
    for j in rng.sample(mit, min(len(mit), 6)):
        ob.task(o, j, "investigator", mi + rng.randint(6, 30) * HOUR, None, recorded=rng.random() < 0.5)
    for k in range(max(10, nstaff // 35)):
        ts = mi + rng.randint(2 * HOUR, int(3.3 * DAY))
        s = ob.make("concern_for_welfare", ts, rng.choice(["NGT", "NGT", "EFD", "CEN", "DOC"]))
        s.noms.append((girl, "other"))
        s.major = "KESTREL"
    cse = ob.make("sexual_offence", found + 2 * HOUR, "NGT", victim=girl)
    cse.major = "KESTREL"
    cse.noms.append((sus, "suspect"))
    cse.arrest = True
    ob.custody(cse, sus, rng.choice(mit), found + 5 * HOUR)
    ob.task(cse, rng.choice(mit), "oic", found + 3 * HOUR, None, open_p=1.0)
    w.majors.append(dict(name="KESTREL", start=mi, peak_end=found, end=found + 10 * DAY, district="NGT",
                         noms=[(girl, 10), (mother, 3), (step, 2), (sus, 3), (friends[0], 1), (friends[1], 1)],
                         loc=nm.loc[girl], vrm=nm.vrm[sus] or nm.vrm[step],
                         units=("RESP", "NHOOD", "TSG", "DISPATCH", "CC", "SPECIALS", "ROADS", "INTEL", "MASH", "HQ", "CID")))
    # --- LARKSPUR
    la = ob.t0 + int(w.days * 0.68) * DAY + 1 * HOUR + rng.randint(0, 3 * HOUR)
    vic = rng.choice(w.young_f_by_district["CEN"])
    mk = set(nm.markers[vic].split(";")) - {""}
    mk.add("sexual_offence_victim")
    nm.markers[vic] = ";".join(sorted(mk))
    o2 = ob.make("rape", la, "CEN", victim=vic)
    o2.major = "LARKSPUR"
    cands = rng.sample(w.pools["offender"], 8)
    for c in cands[:3]:
        o2.noms.append((c, "suspect"))
    for j in rng.sample(mit, min(len(mit), 5)):
        ob.task(o2, j, "investigator", la + rng.randint(3, 30) * HOUR, None, recorded=rng.random() < 0.6)
    w.majors.append(dict(name="LARKSPUR", start=la, peak_end=la + 5 * DAY, end=la + 14 * DAY, district="CEN",
                         noms=[(vic, 4)] + [(c, 2) for c in cands],
                         loc=o2.loc, vrm=nm.vrm[cands[0]],
                         units=("RESP", "CID", "MIT", "INTEL", "PPU", "HQ", "TSG")))
