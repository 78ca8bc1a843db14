"""Unit-specific background work that no context file explains, and the main loop that
turns every staff member's sessions into audit events."""
import bisect

from common import DAY, HOUR, MIN, poisson
from force import DISTRICTS
from work import Ctx, extra_work, major_surge, session_occ_work, workstations

# events per working hour before the personal factor (approximate)
RATES = {"RESP": 4.0, "TSG": 2.5, "SPECIALS": 3.0, "ROADS": 3.5, "NHOOD": 2.8, "CID": 3.0, "PPU": 3.2,
         "MIT": 2.5, "DISPATCH": 9.0, "CC": 2.6, "FRONT": 1.6, "CUSTODY": 5.5, "HQ": 0.25, "VOL": 0.4}


class Env:
    def __init__(self, rng, w, staff, t0, t1, briefs):
        self.rng, self.w, self.staff, self.t0, self.t1, self.briefs = rng, w, staff, t0, t1, briefs
        occs = sorted(w.occs, key=lambda o: o.opened)
        self.occ_times = [o.opened for o in occs]
        self.occs_sorted = occs
        self.by_cat = {}
        for o in occs:
            self.by_cat.setdefault(o.cat, []).append(o)
        self.cat_times = {c: [o.opened for o in lst] for c, lst in self.by_cat.items()}
        self.court_cases = [o for o in occs if o.arrest and o.opened < t0 - 10 * DAY]
        self.custody_by_suite = {}
        for c in w.custody:
            self.custody_by_suite.setdefault(c.suite, []).append(c)
        for lst in self.custody_by_suite.values():
            lst.sort(key=lambda c: c.booked)
        self.custody_times = {k: [c.booked for c in v] for k, v in self.custody_by_suite.items()}
        self.cohort = {}
        nm = w.nom
        self.sex_workers = list(w.pools["sexworker"])
        self.households = [i for i in w.pools["da"] + w.pools["general"][:3000] if nm.sex[i] == "F"]

    def recent(self, ts, span, cat=None):
        if cat is None:
            times, lst = self.occ_times, self.occs_sorted
        else:
            times, lst = self.cat_times.get(cat, []), self.by_cat.get(cat, [])
        i = bisect.bisect_left(times, ts - span)
        j = bisect.bisect_right(times, ts)
        return lst[i:j]

    def cohort_of(self, s, kind):
        c = self.cohort.get(s.idx)
        if c is None:
            r = self.rng
            if kind == "MOSOVO":
                c = (r.sample(self.w.rso, min(len(self.w.rso), r.randint(25, 45))),
                     r.sample(self.households, 12))
            else:
                c = (r.sample(self.w.pools["offender"], r.randint(18, 32)), [])
            self.cohort[s.idx] = c
        return c


def spread(rng, a, b, n):
    if b <= a:
        return []
    return sorted(rng.randint(a, b - 1) for _ in range(n))


def background(env, ctx):
    rng, em, w, s, p = ctx.rng, ctx.em, env.w, ctx.s, ctx.p
    nm, E = w.nom, em.e
    sid, ws, ws2 = s.sid, ctx.ws, ctx.ws2
    a, we = ctx.a, ctx.we
    hours = (we - a) / HOUR
    u = p.unit
    f = s.factor
    dist = p.district if p.district in DISTRICTS else rng.choice(DISTRICTS)
    if u in ("RESP", "TSG", "SPECIALS", "ROADS", "NHOOD"):
        # parade briefing: same wanted / missing / high-risk people for everyone
        if u != "ROADS":
            bl = env.briefs.get((dist, (a - env.t0) // DAY), [])
            t = a + rng.randint(5 * MIN, 25 * MIN)
            for n in rng.sample(bl, min(len(bl), rng.randint(1, 7))):
                E(t, "RMS", sid, "view", "nominal", nm.id[n], "", ws2)
                t += rng.randint(15, 120)
        n = poisson(rng, RATES[u] * hours * f * 0.6)
        offs = w.off_by_district[dist]
        pcso = s.stype == "pcso"
        for t in spread(rng, a, we, n):
            r = rng.random()
            if u == "ROADS" and r < 0.55 or (r < 0.25 and not pcso):
                x = rng.randrange(len(nm))
                vrm = nm.vrm[x] or nm.vrm[rng.choice(offs)]
                if vrm:
                    E(t, "PNC", sid, "search", "vehicle", vrm, vrm, ws)
            elif r < 0.45:
                lst = env.recent(t, 8 * HOUR)
                if lst:
                    o = rng.choice(lst)
                    E(t, "CAD", sid, "view", "occurrence", o.oid, "", ws)
            elif r < 0.62 and not pcso:
                x = rng.choice(offs)
                E(t, "PNC", sid, "search", "nominal", nm.id[x] if rng.random() < 0.6 else "", nm.name_query(x, 1), ws)
            elif r < 0.80:
                pool = offs if rng.random() < 0.6 else w.by_district[dist]
                if u == "NHOOD" and dist == "DOC" and rng.random() < 0.12:
                    pool = w.sw_by_district["DOC"] or pool  # Op HARBOURLIGHT welfare visits
                x = rng.choice(pool)
                E(t, "RMS", sid, "view", "nominal", nm.id[x], "", ws)
            elif r < 0.88:
                x = rng.choice(w.by_district[dist])
                E(t, "RMS", sid, "search", "nominal", "", nm.name_query(x, rng.randrange(4)), ws)
                if rng.random() < 0.6:
                    E(t + rng.randint(5, 40), "RMS", sid, "view", "nominal", nm.id[x], "", ws)
            elif r < 0.94:
                x = rng.randrange(len(w.loc_id))
                E(t, "CAD", sid, "view", "location", w.loc_id[x], "", ws)
            else:
                lst = env.recent(t, 5 * DAY)
                if lst:
                    E(t, "RMS", sid, "view", "occurrence", rng.choice(lst).oid, "", ws2)
        if "Sergeant" in p.role:
            for o in env.recent(we, hours * HOUR)[: int(12 * f)]:
                if o.district == dist and o.attended and rng.random() < 0.5:
                    E(rng.randint(a, we - 1), "RMS", sid, "view", "occurrence", o.oid, "", ws2)
        return
    if u == "CC":
        n = poisson(rng, RATES[u] * hours * f)  # calls that create no occurrence
        for t in spread(rng, a, we, n):
            r = rng.random()
            x = rng.choice(w.freq_callers) if r < 0.18 else rng.randrange(len(nm))
            if nm.phone[x] and rng.random() < 0.6:
                E(t, "RMS", sid, "search", "nominal", "", "tel:" + nm.phone[x], ws)
            else:
                E(t, "RMS", sid, "search", "nominal", "", nm.name_query(x, rng.randrange(4)), ws)
            if rng.random() < 0.7:
                E(t + rng.randint(10, 90), "RMS", sid, "view", "nominal", nm.id[x], "", ws)
            if rng.random() < 0.3:
                E(t + rng.randint(60, 200), "CAD", sid, "search", "location", "", w.loc_addr[nm.loc[x]], ws)
        return
    if u == "DISPATCH":
        n = poisson(rng, RATES[u] * hours * f)
        for t in spread(rng, a, we, n):
            lst = env.recent(t, 6 * HOUR)
            if not lst:
                continue
            o = rng.choice(lst)
            r = rng.random()
            if r < 0.6:
                E(t, "CAD", sid, "view", "occurrence", o.oid, "", ws)
            elif r < 0.85:
                E(t, "CAD", sid, "update", "occurrence", o.oid, "", ws)
            elif r < 0.95:
                E(t, "CAD", sid, "view", "location", w.loc_id[o.loc], "", ws)
            elif o.noms:
                E(t, "RMS", sid, "view", "nominal", nm.id[rng.choice(o.noms)[0]], "", ws)
        return
    if u == "CUSTODY":
        lst = env.custody_by_suite.get(p.district, [])
        i = bisect.bisect_left(env.custody_times.get(p.district, []), a - 2 * DAY)
        present = [c for c in lst[i:] if c.booked < we and (c.released is None or c.released > a)]
        if not present:
            return
        n = poisson(rng, RATES[u] * hours * f)
        for t in spread(rng, a, we, n):
            c = rng.choice(present)
            if c.booked > t or (c.released is not None and c.released < t):
                continue
            r = rng.random()
            E(t, "CUSTODY", sid, "update" if r < 0.55 else "view", "custody", c.cid, "", ws)
            if r > 0.92:
                E(t + rng.randint(10, 60), "RMS", sid, "view", "nominal", nm.id[c.nom], "", ws)
            if r < 0.02 and s.rank == "Sergeant":
                E(t + rng.randint(10, 60), "PNC", sid, "search", "nominal", nm.id[c.nom], nm.name_query(c.nom, 1), ws)
        return
    if u in ("CID", "PPU", "MIT"):
        n = poisson(rng, RATES[u] * hours * f * 0.5)
        for t in spread(rng, a, we, n):
            r = rng.random()
            if u == "PPU" and r < 0.5:
                lst = env.recent(t, 30 * DAY, "domestic_abuse") + env.recent(t, 30 * DAY, "child_protection")
                if lst:
                    o = rng.choice(lst)
                    E(t, "RMS", sid, "view", "occurrence", o.oid, "", ws)
                    for x, rl in o.noms:
                        if rl in ("victim", "suspect") and rng.random() < 0.7:
                            E(t + rng.randint(10, 200), "RMS", sid, "view", "nominal", nm.id[x], "", ws)
            elif r < 0.6:
                x = rng.choice(w.pools["offender"])
                if x in nm.intel:
                    E(t, "INTEL", sid, "search", "intelligence", "", nm.name_query(x, 0), ws)
                    E(t + rng.randint(5, 60), "INTEL", sid, "view", "intelligence", rng.choice(nm.intel[x]), "", ws)
                else:
                    E(t, "RMS", sid, "view", "nominal", nm.id[x], "", ws)
            elif r < 0.8:
                lst = env.recent(t, 14 * DAY)
                if lst:
                    E(t, "RMS", sid, "view", "occurrence", rng.choice(lst).oid, "", ws)
            else:
                x = rng.choice(w.pools["offender"])
                E(t, "PNC", sid, "search", "nominal", nm.id[x], nm.name_query(x, 1), ws)
        return
    if u == "FRONT":
        for t in spread(rng, a, we, poisson(rng, RATES[u] * hours * f)):
            x = rng.choice(w.pools["offender"]) if rng.random() < 0.5 else rng.randrange(len(nm))
            E(t, "RMS", sid, "search", "nominal", "", nm.name_query(x, rng.randrange(4)), ws)
            if rng.random() < 0.8:
                E(t + rng.randint(10, 90), "RMS", sid, "view", "nominal", nm.id[x], "", ws)
        return
    office_work(env, ctx, hours)


def office_work(env, ctx, hours):
    rng, em, w, s, p = ctx.rng, ctx.em, env.w, ctx.s, ctx.p
    nm, E = w.nom, em.e
    sid, ws = s.sid, ctx.ws
    a, we = ctx.a, ctx.we
    f = s.factor
    u, role = p.unit, p.role
    frac = hours / 8.0
    if u == "MASH":   # referrals: children, parents, DA victims - all day, force-wide
        for t in spread(rng, a, we, poisson(rng, 22 * frac * f)):
            lst = (env.recent(t, 5 * DAY, "child_protection") + env.recent(t, 5 * DAY, "domestic_abuse")
                   + env.recent(t, 5 * DAY, "missing_person"))
            x = rng.choice(w.pools["child"])
            E(t, "RMS", sid, "search", "nominal", "", nm.name_query(x, rng.randrange(4)), ws)
            E(t + 30, "RMS", sid, "view", "nominal", nm.id[x], "", ws)
            if lst:
                o = rng.choice(lst)
                E(t + 90, "RMS", sid, "view", "occurrence", o.oid, "", ws)
                for y, rl in o.noms:
                    E(t + rng.randint(100, 900), "RMS", sid, "view", "nominal", nm.id[y], "", ws)
        return
    if u == "INTEL":  # research requests; one team on Op HARBOURLIGHT (sex work / slavery)
        harbour = (s.idx % 3 == 0)
        for t in spread(rng, a, we, poisson(rng, 7 * frac * f)):
            x = rng.choice(env.sex_workers) if harbour and rng.random() < 0.4 else rng.choice(w.pools["offender"])
            E(t, "RMS", sid, "search", "nominal", "", nm.name_query(x, rng.randrange(4)), ws)
            t += rng.randint(20, 90)
            for y in [x] + rng.sample(w.by_district[nm.district[x]], rng.randint(3, 12)):
                E(t, "RMS", sid, "view", "nominal", nm.id[y], "", ws)
                t += rng.randint(20, 200)
                if y in nm.intel:
                    for ir in nm.intel[y][: rng.randint(1, 3)]:
                        E(t, "INTEL", sid, "view", "intelligence", ir, "", ws)
                        t += rng.randint(20, 150)
            if nm.vrm[x]:
                E(t, "PNC", sid, "search", "vehicle", nm.vrm[x], nm.vrm[x], ws)
            if rng.random() < 0.3:
                E(t + 60, "INTEL", sid, "create", "intelligence", f"IR{rng.randint(900000, 999999)}", "", ws)
        return
    if u == "ANALYST":
        for t in spread(rng, a, we, poisson(rng, 6 * frac * f)):
            cat = rng.choice(["burglary", "robbery", "vehicle_crime", "violence", "domestic_abuse", "drugs"])
            E(t, "RMS", sid, "search", "occurrence", "", f"category={cat};district={rng.choice(DISTRICTS)}" if rng.random() < 0.7 else f"category={cat};period={rng.choice([7, 14, 28])}d", ws)
            for o in rng.sample(env.recent(t, 28 * DAY, cat) or [None], 1)[:1]:
                if o is not None:
                    E(t + 40, "RMS", sid, "view", "occurrence", o.oid, "", ws)
            if rng.random() < 0.15:
                E(t + 120, "RMS", sid, "export", "occurrence", "", f"category={cat};period=28d", ws)
        return
    if u == "DISCLOSURE":
        for t in spread(rng, a, we, poisson(rng, 6 * frac * f)):
            o = rng.choice(env.court_cases)
            E(t, "RMS", sid, "view", "occurrence", o.oid, "", ws)
            for y, rl in o.noms:
                E(t + rng.randint(30, 400), "RMS", sid, "view", "nominal", nm.id[y], "", ws)
            if o.custody is not None:
                E(t + 500, "CUSTODY", sid, "view", "custody", w.custody[o.custody].cid, "", ws)
            if rng.random() < 0.4:
                E(t + 700, "RMS", sid, "print", "occurrence", o.oid, "", ws)
        return
    if u in ("IOM", "MOSOVO"):
        offs, women = env.cohort_of(s, u)
        for t in spread(rng, a, we, poisson(rng, 12 * frac * f)):
            r = rng.random()
            x = rng.choice(women) if (women and r < 0.2) else rng.choice(offs)
            E(t, "RMS", sid, "view", "nominal", nm.id[x], "", ws)
            if r > 0.8 and x in nm.intel:
                E(t + 60, "INTEL", sid, "view", "intelligence", rng.choice(nm.intel[x]), "", ws)
            elif r > 0.7 and nm.vrm[x]:
                E(t + 60, "PNC", sid, "search", "vehicle", nm.vrm[x], nm.vrm[x], ws)
        return
    if u == "ACU":
        for t in spread(rng, a, we, poisson(rng, 25 * frac * f)):
            r = rng.random()
            if r < 0.15:
                lst = env.recent(t, 60 * DAY, "sexual_offence") + env.recent(t, 60 * DAY, "domestic_abuse")
                if lst:
                    o = rng.choice(lst)
                    E(t, "RMS", sid, "view", "occurrence", o.oid, "", ws)
                    for y, rl in o.noms:
                        E(t + 40, "RMS", sid, "view", "nominal", nm.id[y], "", ws)
                continue
            x = rng.randrange(len(nm))
            E(t, "RMS", sid, "search" if r < 0.5 else "view", "nominal", "" if r < 0.5 else nm.id[x],
              nm.name_query(x, 0) if r < 0.5 else "", ws)
            if r > 0.9 and x in nm.intel:
                E(t + 30, "INTEL", sid, "view", "intelligence", nm.intel[x][0], "", ws)
        return
    if u == "DQ":
        if "Auditor" in role:  # crime-recording audit of sexual offences / DA, force-wide
            for t in spread(rng, a, we, poisson(rng, 14 * frac * f)):
                cat = rng.choice(["sexual_offence", "rape", "domestic_abuse", "stalking_harassment"])
                lst = env.recent(t, 21 * DAY, cat)
                if lst:
                    o = rng.choice(lst)
                    E(t, "RMS", sid, "view", "occurrence", o.oid, "", ws)
                    for y, rl in o.noms:
                        if rl == "victim" or rng.random() < 0.3:
                            E(t + rng.randint(20, 200), "RMS", sid, "view", "nominal", nm.id[y], "", ws)
            return
        for t in spread(rng, a, we, poisson(rng, 170 * frac * f)):  # duplicate merging
            x = rng.randrange(len(nm))
            E(t, "RMS", sid, "view", "nominal", nm.id[x], "", ws)
            if rng.random() < 0.55:
                E(t + rng.randint(5, 40), "RMS", sid, "update", "nominal", nm.id[x], "", ws)
        return
    if u == "TRAIN":
        if rng.random() < 0.45:
            for t in spread(rng, a, we, poisson(rng, 30 * frac)):
                x = rng.choice(w.training_noms)
                E(t, "RMS", sid, "search" if rng.random() < 0.4 else "view", "nominal", nm.id[x], "", ws)
        return
    if u == "VETTING":
        for t in spread(rng, a, we, poisson(rng, 18 * frac * f)):
            x = rng.randrange(len(nm))
            E(t, "RMS", sid, "search", "nominal", "", nm.name_query(x, rng.randrange(4)), ws)
            if rng.random() < 0.35:
                E(t + rng.randint(10, 60), "RMS", sid, "view", "nominal", nm.id[x], "", ws)
            if rng.random() < 0.5:
                E(t + rng.randint(60, 200), "PNC", sid, "search", "nominal", "", nm.name_query(x, 1), ws)
        return
    rate = RATES.get(u, 0.3) * hours * f
    for t in spread(rng, a, we, poisson(rng, rate)):
        lst = env.recent(t, 2 * DAY)
        if lst:
            E(t, "RMS" if rng.random() < 0.6 else "CAD", sid, "view", "occurrence", rng.choice(lst).oid, "", ws)


def run_all(env, em):
    rng, w = env.rng, env.w
    for s in env.staff:
        cases = sorted(w.cases[s.idx])
        ptr = 0
        sess = [x for x in s.sessions if x[2] != "S"]
        ctxs = []
        for (a, b, kind, we) in sess:
            ctx = Ctx()
            ctx.s, ctx.p, ctx.a, ctx.b, ctx.we = s, s.posting_at(a), a, b, we or b
            ctx.rng, ctx.em, ctx.w, ctx.tag = rng, em, w, None
            ctx.ws, ctx.ws2 = workstations(ctx, rng)
            ptr = session_occ_work(ctx, cases, ptr)
            background(env, ctx)
            for m in w.majors:
                major_surge(ctx, m)
            ctxs.append(ctx)
        starts = [c.a for c in ctxs]
        for ts, kind, payload in sorted(w.extra[s.idx]):
            i = bisect.bisect_right(starts, ts) - 1
            if i >= 0 and ctxs[i].we > ts:
                extra_work(ctxs[i], ts, kind, payload)
                continue
            j = i + 1 if (i + 1 < len(ctxs) and (i < 0 or ctxs[i + 1].a - ts < ts - ctxs[i].we)) else i
            if 0 <= j < len(ctxs) and abs(ctxs[j].a - ts) < 4 * DAY and rng.random() < 0.8:
                c = ctxs[j]
                extra_work(c, rng.randint(c.a, max(c.a + 1, c.we - 1)), kind, payload)
            elif ctxs:
                c = ctxs[max(0, min(i, len(ctxs) - 1))]
                extra_work(c, ts, kind, payload)  # genuinely off duty (unpaid, unrecorded)
