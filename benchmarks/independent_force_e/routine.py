"""Everyday legitimate system use that is not tied to one tasked occurrence: briefings,
beat work, vehicle checks, call handling that never became an incident, caseloads,
intelligence research, vetting and disclosure, audit, training and back-office work."""
import bisect

from people import AREA, BEATS, DNAMES, DWEIGHT, LETTERS
from timeutil import HOUR, MIN


class Routine:
    def __init__(self, ctx):
        self.c = c = ctx
        rng, ppl, cl = c.rng, c.ppl, c.clock
        self.rng = rng
        # recent occurrences by district and day, and force-wide
        self.recent = {}
        self.recent_cat = {}
        for o in c.occs:
            k, _ = cl.local_day_sec(o.opened)
            self.recent.setdefault((o.district, k), []).append(o.oid)
            self.recent.setdefault(("*", k), []).append(o.oid)
            self.recent_cat.setdefault((o.cat, k), []).append(o)
        # weekly briefing lists: wanted, missing and high-risk people per district
        self.brief = {}
        weeks = cl.days // 7 + 2
        for d in DNAMES:
            for w in range(weeks):
                lst = [ppl.pick("off", d, 2.0) for _ in range(8)] + [ppl.pick("mp", d) for _ in range(3)] \
                    + [ppl.pick("sub", d, 2.0) for _ in range(3)] + [ppl.pick("da", d, 2.0) for _ in range(2)]
                self.brief[(d, w)] = lst
        # neighbourhood beat lists: prolific offenders, repeat DA households, vulnerable adults
        self.beat_list = {}
        for d in DNAMES:
            for b in BEATS[d]:
                pool = ppl.beatpool.get(b, [])
                pri = [i for i in pool if ppl.noms[i].group in ("off", "da", "va", "mh", "sub", "hom", "sw")]
                rng.shuffle(pri)
                n = min(len(pri), rng.randint(25, 45))
                lst = pri[:n] + [pool[rng.randrange(len(pool))] for _ in range(6)]
                self.beat_list[b] = lst
        # specialist caseloads
        for st in c.wf.staff:
            seg = st.segments[-1] if st.segments[-1].kind != st.segments[0].kind else st.segments[0]
            kinds = {s.kind for s in st.segments}
            d = seg.district or rng.choices(DNAMES, DWEIGHT)[0]
            if "outreach" in kinds:
                st.caseload = [ppl.pick(g, d, 1.5) for g in ("sw", "sw", "sub", "sub", "hom") for _ in range(5)]
            elif "triage" in kinds:
                st.caseload = [ppl.pick("mh", d, 1.5) for _ in range(25)]
            elif "ppu_mosovo" in kinds:
                st.caseload = [ppl.pick("off", rng.choices(DNAMES, DWEIGHT)[0], 1.0, cond=lambda n: n.sex == "M" and n.age > 20)
                               for _ in range(rng.randint(25, 45))]
            elif "ppu_cp" in kinds:
                st.caseload = [ppl.pick("child", d) for _ in range(20)] + [ppl.pick("da", d) for _ in range(8)]
            elif "ppu_da" in kinds:
                st.caseload = [ppl.pick("da", d, 1.6) for _ in range(15)]
        self.cust_sorted = None
        self.vrm_noms = [nm.idx for nm in ppl.noms if nm.vrm]
        self.phone_noms = [nm.idx for nm in ppl.noms if nm.phone]
        self.charged = [o for o in c.occs if o.charged]
        self.so_occs = [o for o in c.occs if o.cat in ("sexual_offence",)]
        self.funcs = {
            "resp": self.resp, "resp_sgt": self.resp_sgt, "special": self.special,
            "roads": self.roads, "rural": self.rural, "npt": self.npt, "pcso": self.npt,
            "outreach": self.caseload_work, "triage": self.caseload_work,
            "ctrl_ch": self.ctrl_ch, "ctrl_disp": self.ctrl_disp, "ctrl_sup": self.ctrl_sup,
            "cust_sgt": self.cust, "cust_do": self.cust,
            "ppu_da": self.ppu_da, "ppu_cp": self.caseload_work, "ppu_mosovo": self.mosovo,
            "ppu_marac": self.marac, "ppu_sup": self.review, "cid_dc": self.cid, "cid_ds": self.review,
            "intel_an": self.intel, "intel_res": self.intel, "intel_fio": self.intel,
            "vet": self.vet, "disc": self.disc, "foi": self.foi, "cj_wc": self.cj_wc, "cj_cf": self.cj_cf,
            "cj_bail": self.cj_bail, "psd": self.psd, "trainer": self.trainer, "hq_reg": self.hq_reg,
            "hq_admin": self.hq_admin, "volunteer": self.volunteer,
        }

    def run(self):
        c = self.c
        cl = c.clock
        t0, t1 = cl.t0, cl.t1
        for st in c.wf.staff:
            for (s, e, si) in st.worked:
                if e <= t0 or s >= t1:
                    continue
                seg = st.segments[si]
                k, sec = cl.local_day_sec(s)
                remote = seg.roster in ("flex",) and (sec >= 18 * HOUR or sec < 5 * HOUR)
                self.funcs[seg.kind](st, seg, s, e, k, remote)

    # --------------------------------------------------------------- helpers
    def rt(self, s, e):
        return s + self.rng.randrange(max(1, e - s - 300))

    def recent_occ(self, d, k, back=3):
        rng = self.rng
        for _ in range(4):
            lst = self.recent.get((d, k - rng.randrange(back)))
            if lst:
                return lst[rng.randrange(len(lst))]
        return None

    def random_vrm(self, d):
        rng = self.rng
        if rng.random() < 0.35 and self.vrm_noms:
            return self.c.ppl.noms[self.vrm_noms[rng.randrange(len(self.vrm_noms))]].vrm
        area = AREA[d] if rng.random() < 0.6 else rng.choice(("YK", "NA", "LM", "SF", "YS", "NK", "PO"))
        return "%s%02d %s" % (area, rng.randint(10, 75), "".join(rng.choice(LETTERS) for _ in range(3)))

    def stop_check(self, st, t, d):
        c, rng = self.c, self.rng
        g = rng.choice(("off", "off", "sub", "gen", "gen"))
        ni = c.ppl.pick(g, d, 1.8)
        if st.stype == "officer" and rng.random() < 0.6:
            c.sink.add("PNC", t, st.sid, "search", "nominal", "", c.q_name(c.ppl.noms[ni], "PNC"), c.ws(st, "PNC"))
            t += rng.randint(20, 90)
        return c.look(st, "MOBILE" if st.mdt else "RMS", t, ni, 0.5)

    # --------------------------------------------------------------- frontline
    def resp(self, st, seg, s, e, k, remote, scale=1.0):
        c, rng = self.c, self.rng
        d = seg.district or "Kirkby Fell"
        sysm = "MOBILE" if st.mdt else "RMS"
        t = s + rng.randint(5, 30) * MIN
        bl = self.brief[(d, max(0, k) // 7)]
        for _ in range(int(rng.randint(2, 5) * scale)):
            t = c.look(st, "RMS", t, bl[rng.randrange(len(bl))], 0.15)
        for _ in range(int(rng.randint(3, 9) * scale)):
            oid = self.recent_occ(d, k)
            if oid:
                c.look_occ(st, rng.choice(("CAD", sysm)), self.rt(s, e), oid)
        for _ in range(int(rng.randint(0, 5) * scale)):
            c.pnc_vehicle(st, self.rt(s, e), self.random_vrm(d))
        for _ in range(int(rng.randint(0, 4) * scale)):
            self.stop_check(st, self.rt(s, e), d)
        for _ in range(rng.randint(0, 2)):
            ab = c.ppl.addr_by_beat[rng.choice(BEATS[d])]
            c.view_loc(st, sysm, self.rt(s, e), ab[rng.randrange(len(ab))])
        if rng.random() < 0.4:
            c.intel_on(st, self.rt(s, e), c.ppl.pick("off", d, 2.0))

    def special(self, st, seg, s, e, k, remote):
        self.resp(st, seg, s, e, k, remote, scale=0.5)

    def resp_sgt(self, st, seg, s, e, k, remote):
        c, rng = self.c, self.rng
        d = seg.district or "Kirkby Fell"
        t = s + rng.randint(5, 25) * MIN
        bl = self.brief[(d, max(0, k) // 7)]
        for _ in range(rng.randint(2, 4)):
            t = c.look(st, "RMS", t, bl[rng.randrange(len(bl))], 0.1)
        for _ in range(rng.randint(5, 11)):
            oid = self.recent_occ(d, k)
            if oid:
                t2 = c.look_occ(st, "RMS", self.rt(s, e), oid)
                if rng.random() < 0.4:
                    c.look_occ(st, "RMS", t2, oid, act="update")
        for _ in range(rng.randint(0, 3)):
            c.look(st, "RMS", self.rt(s, e), c.ppl.pick(rng.choice(("off", "da", "gen")), d, 1.5), 0.3)

    def roads(self, st, seg, s, e, k, remote):
        c, rng = self.c, self.rng
        d = seg.district or "Kirkby Fell"
        for _ in range(rng.randint(8, 24)):
            c.pnc_vehicle(st, self.rt(s, e), self.random_vrm(d), view_p=0.5)
        for _ in range(rng.randint(0, 3)):
            self.stop_check(st, self.rt(s, e), d)
        lst = self.recent_cat.get(("road_traffic_collision", k)) or []
        for o in lst[:rng.randint(0, 3)]:
            c.look_occ(st, "RMS", self.rt(s, e), o.oid)

    def rural(self, st, seg, s, e, k, remote):
        c, rng = self.c, self.rng
        d = seg.district or "Kirkby Fell"
        for _ in range(rng.randint(3, 10)):
            c.pnc_vehicle(st, self.rt(s, e), self.random_vrm(d), view_p=0.5)
        for _ in range(rng.randint(2, 6)):
            ab = c.ppl.addr_by_beat[rng.choice(BEATS[d])]
            c.view_loc(st, "MOBILE" if st.mdt else "RMS", self.rt(s, e), ab[rng.randrange(len(ab))])
        for _ in range(rng.randint(1, 3)):
            c.intel_on(st, self.rt(s, e), c.ppl.pick("off", d, 1.5))
        for _ in range(rng.randint(0, 3)):
            self.stop_check(st, self.rt(s, e), d)

    def npt(self, st, seg, s, e, k, remote):
        c, rng = self.c, self.rng
        d = seg.district or "Kirkby Fell"
        beat = seg.team[4:] if seg.team.startswith("NPT ") else rng.choice(BEATS[d])
        bl = self.beat_list.get(beat) or self.beat_list[BEATS[d][0]]
        sysm = "MOBILE" if st.mdt else "RMS"
        for _ in range(rng.randint(6, 14)):
            ni = bl[int(len(bl) * rng.random() ** 1.7)]
            t = c.look(st, rng.choice((sysm, "RMS")), self.rt(s, e), ni, 0.3)
            if rng.random() < 0.15:
                c.look_addr(st, sysm, t, ni, search_p=0.0)
        for _ in range(rng.randint(2, 5)):
            oid = self.recent_occ(d, k, back=7)
            if oid:
                c.look_occ(st, "RMS", self.rt(s, e), oid)
        if rng.random() < 0.5:
            ni = bl[rng.randrange(len(bl))]
            iid = c.ppl.new_intel(ni, d)
            c.sink.add("INTEL", self.rt(s, e), st.sid, "create", "intelligence", iid, "", st.desk)
        if st.stype == "officer" and rng.random() < 0.5:
            c.pnc_vehicle(st, self.rt(s, e), self.random_vrm(d))

    def caseload_work(self, st, seg, s, e, k, remote):
        c, rng = self.c, self.rng
        cl = st.caseload
        if not cl:
            return
        sysm = "MOBILE" if (st.mdt and seg.kind in ("outreach", "triage")) else "RMS"
        for _ in range(rng.randint(4, 11)):
            ni = cl[int(len(cl) * rng.random() ** 1.5)]
            t = c.look(st, sysm, self.rt(s, e), ni, 0.2, remote=remote)
            if rng.random() < 0.15:
                c.look_addr(st, sysm, t, ni, search_p=0.0, remote=remote)
        if rng.random() < 0.5:
            c.intel_on(st, self.rt(s, e), cl[rng.randrange(len(cl))], remote=remote)
        cat = {"outreach": "drugs", "triage": "mental_health", "ppu_cp": "child_protection"}[seg.kind]
        for o in (self.recent_cat.get((cat, k)) or [])[:rng.randint(0, 3)]:
            c.look_occ(st, "RMS", self.rt(s, e), o.oid, remote=remote)

    # --------------------------------------------------------------- control room
    def ctrl_ch(self, st, seg, s, e, k, remote):
        """Calls that never became an occurrence: advice, repeat calls, wrong numbers."""
        c, rng = self.c, self.rng
        noms = c.ppl.noms
        for _ in range(rng.randint(5, 13)):
            t = self.rt(s, e)
            ni = self.phone_noms[rng.randrange(len(self.phone_noms))]
            nm = noms[ni]
            if rng.random() < 0.65:
                c.sink.add("CAD", t, st.sid, "search", "nominal", "", "TEL " + nm.phone.replace(" ", ""), st.desk)
                if rng.random() < 0.7:
                    c.sink.add("CAD", t + rng.randint(5, 40), st.sid, "view", "nominal", nm.nid, "", st.desk)
            else:
                c.look(st, "RMS", t, ni, 0.9)

    def ctrl_disp(self, st, seg, s, e, k, remote):
        c, rng = self.c, self.rng
        for _ in range(rng.randint(12, 26)):
            oid = self.recent_occ("*", k, back=2)
            if oid:
                c.look_occ(st, "CAD", self.rt(s, e), oid, act="view" if rng.random() < 0.8 else "update")

    def ctrl_sup(self, st, seg, s, e, k, remote):
        c, rng = self.c, self.rng
        for _ in range(rng.randint(8, 16)):
            oid = self.recent_occ("*", k, back=2)
            if oid:
                c.look_occ(st, "CAD", self.rt(s, e), oid, act="view" if rng.random() < 0.85 else "update")

    # --------------------------------------------------------------- custody
    def cust(self, st, seg, s, e, k, remote):
        c, rng = self.c, self.rng
        if self.cust_sorted is None:
            self.cust_sorted = sorted(c.custody, key=lambda r: (r[4], r[0]))
            self.cust_keys = [r[4] for r in self.cust_sorted]
        i0 = bisect.bisect_left(self.cust_keys, s - 32 * HOUR)
        i1 = bisect.bisect_right(self.cust_keys, e)
        active = [r for r in self.cust_sorted[i0:i1] if r[5] > s and r[3] == seg.suite]
        for _ in range(rng.randint(1, 5)):
            if not active:
                break
            r = active[rng.randrange(len(active))]
            t = max(s, r[4]) + rng.randrange(max(60, min(e, r[5]) - max(s, r[4])))
            c.sink.add("CUSTODY", t, st.sid, "view", "custody", r[0], "", st.desk)

    # --------------------------------------------------------------- PPU and CID
    def ppu_da(self, st, seg, s, e, k, remote):
        c, rng = self.c, self.rng
        d = seg.district or "Kirkby Fell"
        for _ in range(rng.randint(2, 6)):
            lst = self.recent_cat.get(("domestic_abuse", k - rng.randrange(14))) or []
            lst = [o for o in lst if o.district == d] or lst
            if lst:
                o = lst[rng.randrange(len(lst))]
                t = c.look_occ(st, "RMS", self.rt(s, e), o.oid, remote=remote)
                for ni in o.victims[:1] + o.suspects[:1]:
                    t = c.look(st, "RMS", t, ni, 0.1, remote=remote)
        self.caseload_da(st, s, e, remote)

    def caseload_da(self, st, s, e, remote):
        c, rng = self.c, self.rng
        cl = st.caseload
        for _ in range(rng.randint(1, 4)):
            if cl:
                c.look(st, "RMS", self.rt(s, e), cl[rng.randrange(len(cl))], 0.1, remote=remote)

    def mosovo(self, st, seg, s, e, k, remote):
        c, rng = self.c, self.rng
        cl = st.caseload
        for _ in range(rng.randint(4, 10)):
            ni = cl[rng.randrange(len(cl))]
            t = c.look(st, "RMS", self.rt(s, e), ni, 0.2, remote=remote)
            if rng.random() < 0.25:
                t = c.look_addr(st, "RMS", t, ni, search_p=0.0, remote=remote)
            if rng.random() < 0.15:
                # partner / household checks (safeguarding disclosure)
                nm = c.ppl.noms[ni]
                c.look(st, "RMS", t, c.ppl.pick("gen", nm.district, 1.0, cond=lambda n: n.sex == "F"), 0.6, remote=remote)
        if rng.random() < 0.5:
            c.intel_on(st, self.rt(s, e), cl[rng.randrange(len(cl))], remote=remote)
        if rng.random() < 0.3:
            nm = c.ppl.noms[cl[rng.randrange(len(cl))]]
            if nm.vrm:
                c.pnc_vehicle(st, self.rt(s, e), nm.vrm)

    def marac(self, st, seg, s, e, k, remote):
        """MARAC preparation: every high-risk DA case in a district, one district a week."""
        c, rng = self.c, self.rng
        wd = c.clock.weekday_of(k)
        d = DNAMES[(max(0, k) // 7) % len(DNAMES)]
        if wd in (0, 1):
            n = rng.randint(12, 25)
        else:
            n = rng.randint(2, 6)
        for _ in range(n):
            lst = self.recent_cat.get(("domestic_abuse", k - rng.randrange(28))) or []
            lst = [o for o in lst if o.district == d] or lst
            if not lst:
                continue
            o = lst[rng.randrange(len(lst))]
            t = c.look_occ(st, "RMS", self.rt(s, e), o.oid, remote=remote)
            for ni in o.victims[:1] + o.suspects[:1]:
                t = c.look(st, "RMS", t, ni, 0.2, remote=remote)
            if rng.random() < 0.1:
                c.sink.add("RMS", t, st.sid, "print", "occurrence", o.oid, "", st.desk)

    def review(self, st, seg, s, e, k, remote):
        c, rng = self.c, self.rng
        d = seg.district or "*"
        for _ in range(rng.randint(4, 10)):
            oid = self.recent_occ(d, k, back=10)
            if oid:
                t = c.look_occ(st, "RMS", self.rt(s, e), oid, remote=remote)
                if rng.random() < 0.3:
                    c.look_occ(st, "RMS", t, oid, act="update", remote=remote)

    def cid(self, st, seg, s, e, k, remote):
        c, rng = self.c, self.rng
        d = seg.district or "Kirkby Fell"
        for _ in range(rng.randint(2, 5)):
            c.intel_on(st, self.rt(s, e), c.ppl.pick("off", d, 1.5), remote=remote)
        for _ in range(rng.randint(1, 3)):
            ni = c.ppl.pick(rng.choice(("off", "sub")), d, 1.5)
            c.sink.add("PNC", self.rt(s, e), st.sid, "search", "nominal", "", c.q_name(c.ppl.noms[ni], "PNC"), st.desk)
        for _ in range(rng.randint(1, 4)):
            c.look(st, "RMS", self.rt(s, e), c.ppl.pick(rng.choice(("off", "gen")), d, 1.5), 0.5, remote=remote)
        for _ in range(rng.randint(1, 3)):
            oid = self.recent_occ(d, k, back=14)
            if oid:
                c.look_occ(st, "RMS", self.rt(s, e), oid, remote=remote)

    # --------------------------------------------------------------- intelligence
    def intel(self, st, seg, s, e, k, remote):
        c, rng = self.c, self.rng
        ppl = c.ppl
        n = rng.randint(12, 30) if seg.kind != "intel_fio" else rng.randint(8, 16)
        for _ in range(n):
            t = self.rt(s, e)
            r = rng.random()
            d = seg.district if (seg.district and rng.random() < 0.7) else rng.choices(DNAMES, DWEIGHT)[0]
            if r < 0.35:
                c.intel_on(st, t, ppl.pick(rng.choice(("off", "off", "sub", "sw", "ms", "da")), d, 1.5), remote=remote)
            elif r < 0.6:
                c.look(st, "RMS", t, ppl.pick(rng.choice(("off", "gen", "sub", "da", "mp")), d, 1.5), 0.6, remote=remote)
            elif r < 0.72:
                c.pnc_vehicle(st, t, self.random_vrm(d), sysid="PNC")
            elif r < 0.82:
                j = rng.randrange(len(ppl.intel))
                c.sink.add("INTEL", t, st.sid, "view", "intelligence", ppl.intel[j][0], "", c.ws(st, "INTEL", remote))
            elif r < 0.9:
                ab = ppl.addr_by_beat[rng.choice(BEATS[d])]
                ai = ab[rng.randrange(len(ab))]
                c.sink.add("INTEL", t, st.sid, "search", "location", "", ppl.addresses[ai][1], c.ws(st, "INTEL", remote))
            else:
                iid = ppl.new_intel(ppl.pick("off", d, 1.5), d)
                c.sink.add("INTEL", t, st.sid, rng.choice(("create", "update")), "intelligence", iid, "", c.ws(st, "INTEL", remote))

    # --------------------------------------------------------------- disclosure & vetting
    def vet(self, st, seg, s, e, k, remote):
        """Vetting checks on applicants, contractors and their associates, force-wide."""
        c, rng = self.c, self.rng
        ppl = c.ppl
        from names import FORENAMES_F, FORENAMES_M, SURNAMES
        ws = c.ws(st, "RMS", remote)
        for _ in range(rng.randint(12, 32)):
            t = self.rt(s, e)
            if rng.random() < 0.55:
                sex = rng.choice("FM")
                q = "surname:%s forename:%s yob:%d" % (rng.choice(SURNAMES), rng.choice(FORENAMES_F if sex == "F" else FORENAMES_M), rng.randint(1960, 2006))
                c.sink.add("RMS", t, st.sid, "search", "nominal", "", q, ws)
                if rng.random() < 0.4:
                    c.sink.add("PNC", t + rng.randint(30, 200), st.sid, "search", "nominal", "", "NAME " + q.split()[0][8:] + "/" + q.split()[1][9:] + "/" + sex, st.desk)
            else:
                g = rng.choice(("gen", "gen", "gen", "off", "da", "sub", "mh"))
                ni = ppl.pick(g, rng.choices(DNAMES, DWEIGHT)[0])
                t = c.look(st, "RMS", t, ni, 0.95, remote=remote)
                if rng.random() < 0.1:
                    c.sink.add("RMS", t, st.sid, "print", "nominal", ppl.noms[ni].nid, "", ws)

    def disc(self, st, seg, s, e, k, remote):
        """Disclosure: DBS enhanced checks, the domestic violence disclosure scheme, court orders."""
        c, rng = self.c, self.rng
        ppl = c.ppl
        ws = c.ws(st, "RMS", remote)
        for _ in range(rng.randint(6, 16)):
            t = self.rt(s, e)
            g = rng.choice(("gen", "off", "off", "da", "sub", "mh", "so"))
            ni = ppl.pick(g, rng.choices(DNAMES, DWEIGHT)[0], 1.2)
            t = c.look(st, "RMS", t, ni, 0.8, remote=remote)
            oid = self.recent_occ("*", max(0, k) - rng.randrange(30), back=3)
            if oid and rng.random() < 0.6:
                t = c.look_occ(st, "RMS", t, oid, remote=remote)
            if rng.random() < 0.15:
                c.sink.add("RMS", t, st.sid, rng.choice(("export", "print")), "nominal", ppl.noms[ni].nid, "", ws)

    def foi(self, st, seg, s, e, k, remote):
        c, rng = self.c, self.rng
        ws = c.ws(st, "RMS", remote)
        for _ in range(rng.randint(3, 10)):
            oid = self.recent_occ("*", max(0, k) - rng.randrange(40), back=3)
            if oid:
                t = c.look_occ(st, "RMS", self.rt(s, e), oid, remote=remote)
                if rng.random() < 0.3:
                    c.sink.add("RMS", t, st.sid, "export", "occurrence", oid, "", ws)
        if rng.random() < 0.2:
            c.sink.add("RMS", self.rt(s, e), st.sid, "export", "other", "", "report:occurrences_by_category", ws)

    # --------------------------------------------------------------- criminal justice
    def cj_wc(self, st, seg, s, e, k, remote):
        c, rng = self.c, self.rng
        for _ in range(rng.randint(2, 6)):
            if not self.charged:
                return
            o = self.charged[rng.randrange(len(self.charged))]
            t = c.look_occ(st, "RMS", self.rt(s, e), o.oid, remote=remote)
            for ni, role in o.noms:
                if role in ("victim", "witness") and rng.random() < 0.7:
                    t = c.look(st, "RMS", t, ni, 0.05, remote=remote)

    def cj_cf(self, st, seg, s, e, k, remote):
        c, rng = self.c, self.rng
        ws = c.ws(st, "RMS", remote)
        for _ in range(rng.randint(6, 14)):
            oid = self.recent_occ("*", k - rng.randrange(10), back=3)
            if oid:
                t = c.look_occ(st, "RMS", self.rt(s, e), oid, remote=remote)
                if rng.random() < 0.15:
                    c.sink.add("RMS", t, st.sid, "print", "occurrence", oid, "", ws)

    def cj_bail(self, st, seg, s, e, k, remote):
        c, rng = self.c, self.rng
        if not c.custody:
            return
        for _ in range(rng.randint(2, 6)):
            r = c.custody[rng.randrange(len(c.custody))]
            if r[5] < s:
                t = self.rt(s, e)
                c.sink.add("CUSTODY", t, st.sid, "view", "custody", r[0], "", st.desk)
                if rng.random() < 0.5:
                    c.look(st, "RMS", t + 60, r[1], 0.2, remote=remote)

    # --------------------------------------------------------------- HQ functions
    def psd(self, st, seg, s, e, k, remote):
        """Audit sampling: re-opening records that colleagues accessed."""
        c, rng = self.c, self.rng
        ppl = c.ppl
        for _ in range(rng.randint(6, 18)):
            t = self.rt(s, e)
            if rng.random() < 0.6:
                ni = ppl.pick(rng.choice(("da", "so", "sw", "mh", "gen", "off")), rng.choices(DNAMES, DWEIGHT)[0])
                c.look(st, "RMS", t, ni, 0.2, remote=remote)
            else:
                oid = self.recent_occ("*", k, back=14)
                if oid:
                    c.look_occ(st, "RMS", t, oid, remote=remote)
        if rng.random() < 0.3:
            c.sink.add("RMS", self.rt(s, e), st.sid, "export", "other", "", "audit:user_activity", c.ws(st, "RMS", remote))

    def trainer(self, st, seg, s, e, k, remote):
        c, rng = self.c, self.rng
        tr = c.ppl.training
        course = c.clock.weekday_of(k) in (1, 2, 3) and ((max(0, k) // 7 + st.idx) % 2 == 0)
        n = rng.randint(10, 30) if course else rng.randint(0, 3)
        for _ in range(n):
            c.look(st, rng.choice(("RMS", "RMS", "MOBILE")), self.rt(s, e), tr[rng.randrange(len(tr))], 0.7)
        if course and rng.random() < 0.5:
            oid = self.recent_occ("*", k, back=5)
            if oid:
                c.look_occ(st, "RMS", self.rt(s, e), oid)

    def hq_reg(self, st, seg, s, e, k, remote):
        c, rng = self.c, self.rng
        for _ in range(rng.randint(15, 35)):
            oid = self.recent_occ("*", k - rng.randrange(3), back=3)
            if oid:
                t = c.look_occ(st, "RMS", self.rt(s, e), oid, remote=remote)
                if rng.random() < 0.35:
                    c.look_occ(st, "RMS", t, oid, act="update", remote=remote)

    def hq_admin(self, st, seg, s, e, k, remote):
        c, rng = self.c, self.rng
        ws = c.ws(st, "RMS", remote)
        for _ in range(rng.randint(0, 3)):
            if rng.random() < 0.5:
                c.sink.add("RMS", self.rt(s, e), st.sid, "search", "other", "", rng.choice((
                    "report:overtime_by_unit", "report:crime_volume_weekly", "report:property_store",
                    "report:stop_search_monthly")), ws)
            else:
                oid = self.recent_occ("*", k, back=7)
                if oid:
                    c.look_occ(st, "RMS", self.rt(s, e), oid)

    def volunteer(self, st, seg, s, e, k, remote):
        c, rng = self.c, self.rng
        for _ in range(rng.randint(0, 2)):
            c.sink.add("RMS", self.rt(s, e), st.sid, rng.choice(("search", "create")), "other", "",
                       "found property", st.desk)
