"""Incidents and crimes, who was tasked on them (as recorded, and as it really happened),
custody detentions, and the audit traces the legitimate handling of each leaves."""
from people import DNAMES, DWEIGHT
from timeutil import DAY, HOUR, MIN

# name: weight, victim groups, victim role, suspect p, suspect groups, witnesses (lo, hi),
#       attend p, attending kinds, oic, safeguarding (kind, p), arrest p, duration days, crime p
CATS = {
    "domestic_abuse": (13, [("da", 82), ("gen", 8), ("mh", 5), ("sub", 5)], "victim", 0.95, ["off", "gen"],
                       (0, 2), 0.97, ["resp", "npt", "special"], "da", ("ppu_da", 0.7), 0.45, (5, 50), 0.8),
    "concern_for_welfare": (8, [("mh", 35), ("va", 30), ("gen", 20), ("sub", 15)], "other", 0.0, [],
                            (0, 1), 0.85, ["resp", "npt", "pcso"], "att", ("triage", 0.15), 0.0, (0, 2), 0.0),
    "missing_person": (3, [("mp", 50), ("child", 30), ("mh", 20)], "other", 0.0, [], (0, 2), 0.95,
                       ["resp", "npt"], "att", ("ppu_cp", 0.3), 0.0, (0, 5), 0.0),
    "mental_health": (4, [("mh", 80), ("va", 10), ("sub", 10)], "other", 0.0, [], (0, 1), 0.9,
                      ["resp"], "att", ("triage", 0.5), 0.0, (0, 3), 0.0),
    "theft": (9, [("gen", 85), ("va", 15)], "victim", 0.3, ["off", "sub"], (0, 1), 0.4,
              ["resp", "npt"], "att", None, 0.1, (5, 30), 1.0),
    "burglary": (5, [("gen", 75), ("va", 25)], "victim", 0.2, ["off"], (0, 2), 0.9, ["resp"], "cid",
                 None, 0.1, (10, 60), 1.0),
    "criminal_damage": (6, [("gen", 100)], "victim", 0.4, ["off", "child"], (0, 1), 0.5,
                        ["resp", "npt", "pcso"], "att", None, 0.1, (3, 20), 1.0),
    "assault": (8, [("gen", 60), ("off", 20), ("sub", 20)], "victim", 0.85, ["off", "gen"], (0, 3), 0.9,
                ["resp"], "att", None, 0.45, (5, 50), 1.0),
    "public_order": (4, [("gen", 100)], "victim", 0.9, ["off", "sub"], (0, 2), 0.9, ["resp", "special"],
                     "att", None, 0.35, (1, 20), 1.0),
    "anti_social_behaviour": (10, [("gen", 80), ("va", 20)], "caller", 0.3, ["child", "off"], (0, 1), 0.5,
                              ["npt", "pcso", "resp"], "att", None, 0.0, (0, 5), 0.0),
    "road_traffic_collision": (6, [("gen", 100)], "other", 0.2, ["gen"], (0, 2), 0.8, ["roads", "resp"],
                               "roads", None, 0.05, (2, 40), 0.2),
    "rural_crime": (4, [("gen", 100)], "victim", 0.1, ["off"], (0, 1), 0.6, ["rural", "resp", "npt"],
                    "rural", None, 0.05, (5, 40), 1.0),
    "sexual_offence": (2, [("so", 85), ("child", 15)], "victim", 0.8, ["off", "gen"], (0, 2), 0.8,
                       ["resp"], "cid", ("ppu_cp", 0.6), 0.35, (20, 90), 1.0),
    "drugs": (3, [], "victim", 1.0, ["sub", "off"], (0, 0), 0.9, ["resp", "npt", "roads"], "att", None,
              0.6, (5, 40), 1.0),
    "fraud": (4, [("va", 50), ("gen", 50)], "victim", 0.2, ["gen"], (0, 0), 0.1, ["npt"], "cid", None,
              0.02, (10, 60), 1.0),
    "harassment_stalking": (4, [("da", 45), ("gen", 55)], "victim", 0.9, ["off", "gen"], (0, 1), 0.6,
                            ["resp", "npt"], "att", ("ppu_da", 0.3), 0.2, (10, 60), 1.0),
    "shoplifting": (3, [], "victim", 0.9, ["sub", "off"], (0, 1), 0.5, ["resp", "pcso"], "att", None,
                    0.3, (2, 20), 1.0),
    "sudden_death": (1, [("gen", 100)], "other", 0.0, [], (0, 1), 1.0, ["resp"], "att", None, 0.0,
                     (5, 30), 0.0),
    "advice_only": (7, [("gen", 100)], "caller", 0.0, [], (0, 0), 0.0, [], "none", None, 0.0, (0, 0), 0.0),
    "child_protection": (2, [("child", 100)], "victim", 0.5, ["gen", "off"], (0, 1), 0.6, ["resp", "npt"],
                         "ppu_cp", ("ppu_cp", 0.9), 0.1, (5, 40), 0.6),
}
CATNAMES = list(CATS)
CATW = [CATS[c][0] for c in CATNAMES]
HOUR_W = [3, 2, 2, 1, 1, 1, 2, 3, 5, 6, 6, 6, 6, 6, 6, 6, 7, 7, 8, 8, 8, 7, 6, 4]
HOUR_CUM = [sum(HOUR_W[:i + 1]) for i in range(24)]
CAT_CUM = [sum(CATW[:i + 1]) for i in range(len(CATW))]
D_CUM = [sum(DWEIGHT[:i + 1]) for i in range(len(DWEIGHT))]
TRAVEL = {"Kirkby Fell": (8, 40), "Eastholme": (8, 45), "Saltmarsh Coast": (10, 60),
          "Wendlow Vale": (15, 80), "Harrowby Moors": (20, 100)}
SUITE_CODE = {"Kirkby Fell": "KF", "Marshby (seasonal)": "MB"}


class Occ:
    __slots__ = ("oid", "cat", "opened", "closed", "district", "beat", "created_by", "loc", "noms",
                 "staff", "crime", "scripted", "victims", "suspects", "att", "oic", "charged")

    def __init__(self):
        self.noms = []      # (nominal idx, role)
        self.staff = []     # (sid, role, start ts, end ts or None, recorded)
        self.victims = []
        self.suspects = []
        self.att = []
        self.oic = None
        self.scripted = False
        self.charged = False


class Occurrences:
    def __init__(self, ctx):
        self.c = ctx
        self.serial = {}
        self.cust_serial = {}
        self.occ_by_id = {}
        self.custody_rows = []   # (custody_id, ni, staff_id, suite, booked, released)

    # ------------------------------------------------------------------ ids
    def new_oid(self, ts):
        cl = self.c.clock
        d = cl.fmt_date(ts)
        n = self.serial.get(d, self.c.rng.randint(1, 9)) + self.c.rng.randint(1, 3)
        self.serial[d] = n
        return "OC%s%s%s-%04d" % (d[2:4], d[5:7], d[8:10], n)

    def new_cid(self, suite, ts):
        code = SUITE_CODE[suite]
        y = self.c.clock.fmt_date(ts)[2:4]
        n = self.cust_serial.get((code, y), 1000 + self.c.rng.randint(0, 400)) + 1
        self.cust_serial[(code, y)] = n
        return "CUS-%s-%s-%05d" % (code, y, n)

    # -------------------------------------------------------------- building
    def generate(self):
        c = self.c
        rng, cl = c.rng, c.clock
        per_day = c.wf.S * 0.2
        for k in range(-75, cl.days):
            n = int(per_day * (0.9 + 0.2 * rng.random()) * (1.12 if cl.weekday_of(k) in (4, 5) else 1.0))
            for _ in range(n):
                cat = rng.choices(CATNAMES, cum_weights=CAT_CUM)[0]
                if k < 0 and CATS[cat][11][1] < -k:
                    # would have closed before the period: not in the extract
                    if rng.random() < 0.97:
                        continue
                h = rng.choices(range(24), cum_weights=HOUR_CUM)[0]
                ts = cl.local_ts(k, h * HOUR + rng.randrange(3600))
                d = rng.choices(DNAMES, cum_weights=D_CUM)[0]
                self.build(cat, ts, d)

    def build(self, cat, ts, district, victim=None, force_att=None, force_ch=None, beat=None,
              scripted=False, suspect=True, caller_victim=False, witness=None, force_oic=None,
              dur_days=None, arrest=None, second=None, avoid=None):
        """Create one occurrence (and its tasking records). Returns the Occ."""
        c = self.c
        rng, ppl, cl = c.rng, c.ppl, c.clock
        (w, vg, vrole, susp_p, sgroups, wit, att_p, att_kinds, oic_kind, safe, arrest_p, dur,
         crime_p) = CATS[cat]
        o = Occ()
        o.oid = self.new_oid(ts)
        o.cat = cat
        o.opened = ts
        o.district = district
        o.scripted = scripted
        o.crime = rng.random() < crime_p
        # people
        if victim is None and vg:
            g = rng.choices([x[0] for x in vg], [x[1] for x in vg])[0]
            victim = ppl.pick(g, district, skew=1.6 if g in ("da", "mh", "va", "sub") else 1.0)
        if victim is not None:
            o.noms.append((victim, vrole))
            o.victims.append(victim)
            vn = ppl.noms[victim]
            beat = beat or vn.beat
            o.loc = vn.addr
        else:
            o.loc = None
        o.beat = beat or rng.choice(c.wf_beats(district))
        if o.loc is None:
            ab = ppl.addr_by_beat.get(o.beat)
            o.loc = ab[rng.randrange(len(ab))]
        if suspect and sgroups and rng.random() < susp_p:
            g = sgroups[0] if rng.random() < 0.75 else sgroups[-1]
            s = ppl.pick(g, district, skew=2.2 if g in ("off", "sub") else 1.0,
                         cond=(lambda n: n.sex == "M") if cat == "domestic_abuse" else None)
            if s != victim:
                o.noms.append((s, "suspect"))
                o.suspects.append(s)
        for _ in range(rng.randint(*wit)):
            wn = ppl.pick("gen", district)
            o.noms.append((wn, "witness"))
        if cat == "domestic_abuse" and rng.random() < 0.4:
            for _ in range(rng.randint(1, 2)):
                o.noms.append((ppl.pick("child", district), "other"))
        # caller
        caller = None
        online = cat in ("theft", "fraud", "criminal_damage") and rng.random() < 0.25
        if witness is not None:
            o.noms.append((witness, "witness"))
        if caller_victim and victim is not None:
            caller = victim
            if vrole != "caller":
                o.noms.append((victim, "caller"))
        elif vrole == "caller" and victim is not None:
            caller = victim
        elif victim is not None and not online:
            r = rng.random()
            if r < 0.55:
                caller = victim
                o.noms.append((victim, "caller"))
            elif r < 0.85:
                caller = ppl.pick("gen", district)
                o.noms.append((caller, "caller"))
        # tasking
        ch = force_ch
        early = ts < c.clock.t0
        if ch is None and not online:
            ch = c.pick_on_duty(["ctrl_ch"], "*", ts) if not early else c.any_member("ctrl_ch")
        self_gen = False
        if ch is None and not online and force_att is None:
            self_gen = True
        o.created_by = ch.sid if ch is not None else ""
        if ch is not None:
            o.staff.append((ch.sid, "call_handler", ts, ts + rng.randint(10, 50) * MIN, True))
            self._work_call(o, ch, caller, victim)
            disp = c.pick_on_duty(["ctrl_disp"], "*", ts)
            if disp is not None:
                rec = rng.random() < 0.3
                o.staff.append((disp.sid, "other", ts + 120, ts + rng.randint(30, 240) * MIN, rec))
                self._work_dispatch(o, disp)
        # attendance
        att = []
        tdis = ts + rng.randint(2, 25) * MIN
        if force_att is not None:
            att = [force_att] + ([second] if second is not None else [])
        elif att_kinds and rng.random() < att_p:
            a = c.pick_on_duty(att_kinds, district, tdis, exclude=avoid) if not early else c.any_member(att_kinds[0], district)
            if a is None:
                a = c.pick_on_duty(["resp"], "*", tdis, exclude=avoid)
            if a is not None:
                att.append(a)
                if rng.random() < (0.55 if cat in ("domestic_abuse", "assault", "public_order", "sexual_offence") else 0.2):
                    b = c.pick_on_duty(att_kinds[:1] + ["resp", "special"], district, tdis,
                                       exclude=(avoid or set()) | {a.sid})
                    if b is not None:
                        att.append(b)
        if self_gen and att:
            o.created_by = att[0].sid
        if not o.created_by and not online:
            o.created_by = ""
        lo, hi = TRAVEL[district]
        arrive = tdis + rng.randint(lo, hi) * MIN
        for j, a in enumerate(att):
            clear = arrive + rng.randint(40, 200) * MIN
            rec = rng.random() < (0.93 if j == 0 else 0.8)
            if force_att is not None:
                rec = True
            o.staff.append((a.sid, "attending", tdis, clear, rec))
            o.att.append(a)
            self._work_attend(o, a, arrive + rng.randint(-5, 10) * MIN, clear, first=(j == 0))
        # duration / close
        dd = rng.randint(*dur) if dur[1] else 0
        if dur_days is not None:
            dd = dur_days
        close = ts + dd * DAY + rng.randint(1, 12) * HOUR
        o.closed = close if close < cl.t1 else None
        # officer in charge
        oic = None
        if force_oic is not None:
            oic = force_oic
        elif o.crime or oic_kind in ("ppu_cp",):
            oic = self._choose_oic(o, oic_kind, att)
            if oic is not None and avoid and oic.sid in avoid:
                # the attending officer handed the investigation on (PPU for DA, else the hub)
                lst = c.members("ppu_da", district) if cat == "domestic_abuse" else c.members("cid_dc", district)
                lst = [m for m in lst if m.sid not in avoid] or [m for m in c.members("resp", district) if m.sid not in avoid]
                oic = lst[rng.randrange(len(lst))] if lst else None
        if oic is not None:
            o.oic = oic
            o.staff.append((oic.sid, "oic", ts + rng.randint(1, 20) * HOUR, o.closed, True))
            self._work_oic(o, oic, dd)
        # supervisor review
        if att and rng.random() < 0.8:
            sup = self._supervisor(att[0], district, ts)
            if sup is not None and not (avoid and sup.sid in avoid and not force_att):
                t = c.at_work(sup, arrive + rng.randint(1, 30) * HOUR)
                if t is not None:
                    o.staff.append((sup.sid, "supervisor", t, t + DAY, rng.random() < 0.45))
                    self._work_supervise(o, sup, t)
        # safeguarding
        if safe is not None and victim is not None and rng.random() < safe[1]:
            kind = safe[0]
            if kind == "ppu_da" and rng.random() < 0.15:
                kind = "ppu_marac"
            lst = c.members(kind, district) or c.members(kind)
            if lst:
                sg = lst[rng.randrange(len(lst))]
                t = c.at_work(sg, ts + rng.randint(6, 60) * HOUR)
                if t is not None:
                    o.staff.append((sg.sid, "safeguarding", t, t + 21 * DAY, rng.random() < 0.75))
                    self._work_safeguard(o, sg, t, victim)
        # arrest and custody
        if o.suspects and att and (rng.random() < arrest_p if arrest is None else arrest):
            self.detain(o.suspects[0], att[0], arrive + rng.randint(10, 120) * MIN, district, o)
        # charge: witness care later
        if o.crime and o.suspects and rng.random() < 0.12:
            o.charged = True
            lst = c.members("cj_wc")
            if lst:
                wc = lst[rng.randrange(len(lst))]
                t = c.at_work(wc, ts + rng.randint(15, 45) * DAY)
                if t is not None:
                    o.staff.append((wc.sid, "court_prep", t, t + 30 * DAY, rng.random() < 0.6))
                    self._work_witness_care(o, wc, t)
        # routine back-office traces: crime registrar, PPU triage of every DA incident
        if o.crime and rng.random() < 0.6:
            lst = c.members("hq_reg")
            if lst:
                r = lst[rng.randrange(len(lst))]
                t = c.at_work(r, ts + rng.randint(4, 50) * HOUR)
                if t is not None:
                    t = c.look_occ(r, "RMS", t, o.oid)
                    if rng.random() < 0.25 and victim is not None:
                        t = c.look(r, "RMS", t, victim, 0.0)
                    c.look_occ(r, "RMS", t, o.oid, act="update")
        if cat == "domestic_abuse":
            lst = c.members("ppu_da", district) or c.members("ppu_da")
            if lst:
                r = lst[rng.randrange(len(lst))]
                t = c.at_work(r, ts + rng.randint(6, 40) * HOUR)
                if t is not None:
                    if rng.random() < 0.15:
                        o.staff.append((r.sid, "safeguarding", t, t + DAY, True))
                    t = c.look_occ(r, "RMS", t, o.oid)
                    t = c.look(r, "RMS", t, victim, 0.1)
                    if o.suspects:
                        t = c.look(r, "RMS", t, o.suspects[0], 0.1)
                        if rng.random() < 0.4:
                            c.intel_on(r, t, o.suspects[0])
        self.c.occs.append(o)
        self.occ_by_id[o.oid] = o
        return o

    def _choose_oic(self, o, kind, att):
        c, rng = self.c, self.c.rng
        d = o.district
        if kind == "cid" or (kind == "att" and o.cat == "assault" and rng.random() < 0.2):
            lst = c.members("cid_dc", d) or c.members("cid_dc")
            return lst[rng.randrange(len(lst))] if lst else None
        if kind == "da":
            if rng.random() < 0.5 or not att:
                lst = c.members("ppu_da", d) or c.members("ppu_da")
                return lst[rng.randrange(len(lst))] if lst else None
            return att[0]
        if kind in ("roads", "rural", "ppu_cp"):
            lst = c.members(kind) or c.members("resp", d)
            return att[0] if (att and att[0].seg_at(0).kind == kind) else (lst[rng.randrange(len(lst))] if lst else None)
        if att:
            return att[0]
        lst = c.members("resp", d)
        return lst[rng.randrange(len(lst))] if lst else None

    def _supervisor(self, a, district, ts):
        c, rng = self.c, self.c.rng
        k, _ = c.clock.local_day_sec(ts)
        seg = a.seg_at(k)
        if seg.kind in ("resp", "resp_sgt"):
            lst = [s for s in c.members("resp_sgt", seg.district) if s.seg_at(k).team == seg.team]
            if lst:
                return lst[rng.randrange(len(lst))]
        lst = c.members("resp_sgt", district)
        return lst[rng.randrange(len(lst))] if lst else None

    # ------------------------------------------------------------- traces
    def _work_call(self, o, ch, caller, victim):
        c, rng = self.c, self.c.rng
        add = c.sink.add
        ppl = c.ppl
        t = o.opened
        ws = ch.desk
        add("CAD", t, ch.sid, "create", "occurrence", o.oid, "", ws)
        t += rng.randint(20, 90)
        if caller is not None:
            nm = ppl.noms[caller]
            if nm.phone and rng.random() < 0.7:
                add("CAD", t, ch.sid, "search", "nominal", "", "TEL " + nm.phone.replace(" ", ""), ws)
                t += rng.randint(5, 30)
                add("CAD", t, ch.sid, "view", "nominal", nm.nid, "", ws)
                t += rng.randint(20, 90)
            else:
                t = c.look(ch, "RMS", t, caller, 0.9)
        if victim is not None and victim != caller:
            t = c.look(ch, "RMS", t, victim, 0.8)
        if o.suspects and rng.random() < 0.6:
            t = c.look(ch, "RMS", t, o.suspects[0], 0.8)
        if rng.random() < 0.5:
            lid, text = ppl.addresses[o.loc][0], ppl.addresses[o.loc][1]
            add("CAD", t, ch.sid, "search", "location", "", "ADDR " + text, ws)
            t += rng.randint(5, 40)
            add("CAD", t, ch.sid, "view", "location", lid, "", ws)
            t += rng.randint(20, 120)
        for _ in range(rng.randint(1, 3)):
            add("CAD", t, ch.sid, "update", "occurrence", o.oid, "", ws)
            t += rng.randint(60, 600)

    def _work_dispatch(self, o, d):
        c, rng = self.c, self.c.rng
        t = o.opened + rng.randint(60, 600)
        for _ in range(rng.randint(1, 3)):
            c.sink.add("CAD", t, d.sid, "view", "occurrence", o.oid, "", d.desk)
            t += rng.randint(60, 900)
        c.sink.add("CAD", t, d.sid, "update", "occurrence", o.oid, "", d.desk)

    def _work_attend(self, o, a, t, clear, first=True):
        c, rng = self.c, self.c.rng
        sysm = "MOBILE" if a.mdt else "RMS"
        t = c.look_occ(a, sysm, t - rng.randint(5, 20) * MIN, o.oid)
        for ni in o.victims:
            t = c.look(a, sysm, t, ni, 0.3)
        for ni in o.suspects:
            t = c.look(a, sysm, t, ni, 0.6)
            if a.stype == "officer" and rng.random() < 0.6:
                c.sink.add("PNC", t, a.sid, "search", "nominal", "", c.q_name(c.ppl.noms[ni], "PNC"), c.ws(a, "PNC"))
                t += rng.randint(30, 120)
        if rng.random() < 0.5:
            t = c.view_loc(a, sysm, t, o.loc)
        if o.cat == "road_traffic_collision":
            for ni, role in o.noms[:3]:
                v = c.ppl.noms[ni].vrm
                if v:
                    t = c.pnc_vehicle(a, t, v)
        # write-up at the end of the job
        t = max(t, clear - rng.randint(5, 40) * MIN)
        if first:
            c.look_occ(a, sysm, t, o.oid, act="update")
            # follow-up on a later shift for crimes (statement, DASH form, house-to-house)
            if o.crime and rng.random() < 0.6:
                t2 = c.at_work(a, clear + rng.randint(8, 60) * HOUR)
                if t2 is not None:
                    t2 = c.look_occ(a, "RMS", t2, o.oid)
                    if o.victims:
                        t2 = c.look(a, "RMS", t2, o.victims[0], 0.1)
                    c.look_occ(a, "RMS", t2, o.oid, act="update")

    def _work_oic(self, o, oic, dd):
        c, rng = self.c, self.c.rng
        n = 1 + min(7, dd // 6) + (1 if o.cat in ("sexual_offence", "burglary", "domestic_abuse") else 0)
        people = [ni for ni, r in o.noms if r in ("victim", "suspect", "witness")]
        for i in range(n):
            target = o.opened + int((i + rng.random()) * max(1, dd) * DAY / n) + HOUR
            t = c.at_work(oic, target, max_wait=4 * DAY)
            if t is None:
                continue
            t = c.look_occ(oic, "RMS", t, o.oid)
            for ni in rng.sample(people, min(len(people), rng.randint(1, 3))) if people else []:
                t = c.look(oic, "RMS", t, ni, 0.15)
            if o.suspects and rng.random() < 0.2 and oic.stype == "officer":
                c.sink.add("PNC", t, oic.sid, "search", "nominal", "", c.q_name(c.ppl.noms[o.suspects[0]], "PNC"), oic.desk)
                t += 60
            if o.suspects and rng.random() < 0.15:
                t = c.intel_on(oic, t, o.suspects[0])
            c.look_occ(oic, "RMS", t, o.oid, act="update")

    def _work_supervise(self, o, sup, t):
        c, rng = self.c, self.c.rng
        t = c.look_occ(sup, "RMS", t, o.oid)
        if o.victims and rng.random() < 0.4:
            t = c.look(sup, "RMS", t, o.victims[0], 0.0)
        c.look_occ(sup, "RMS", t, o.oid, act="update")

    def _work_safeguard(self, o, sg, t, victim):
        c, rng = self.c, self.c.rng
        kids = [ni for ni, r in o.noms if r == "other"]
        for i in range(rng.randint(2, 5)):
            if i:
                t = c.at_work(sg, t + rng.randint(1, 6) * DAY)
                if t is None:
                    return
            t = c.look_occ(sg, "RMS", t, o.oid)
            t = c.look(sg, "RMS", t, victim, 0.1)
            for k in kids[:2]:
                t = c.look(sg, "RMS", t, k, 0.1)
            if o.suspects and rng.random() < 0.5:
                t = c.look(sg, "RMS", t, o.suspects[0], 0.1)
            if rng.random() < 0.5:
                c.look_occ(sg, "RMS", t, o.oid, act="update")

    def _work_witness_care(self, o, wc, t):
        c, rng = self.c, self.c.rng
        people = [ni for ni, r in o.noms if r in ("victim", "witness")]
        for i in range(rng.randint(1, 3)):
            if i:
                t = c.at_work(wc, t + rng.randint(2, 10) * DAY)
                if t is None:
                    return
            t = c.look_occ(wc, "RMS", t, o.oid)
            for ni in people:
                t = c.look(wc, "RMS", t, ni, 0.05)

    # ------------------------------------------------------------- custody
    def suite_for(self, district, ts):
        wf = self.c.wf
        k, _ = self.c.clock.local_day_sec(ts)
        if district == "Saltmarsh Coast" and any(s.segments[0].suite.startswith("Marshby") for s in self.c.members("cust_sgt")):
            if wf.season_close_k is None or k < wf.season_close_k:
                return "Marshby (seasonal)"
        return "Kirkby Fell"

    def detain(self, ni, arresting, booked, district, occ=None, sgt=None, dur_h=None):
        c, rng = self.c, self.c.rng
        suite = self.suite_for(district, booked)
        sd = "Saltmarsh Coast" if suite.startswith("Marshby") else "Kirkby Fell"
        if sgt is None:
            sgt = c.pick_on_duty(["cust_sgt"], sd, booked) or c.pick_on_duty(["cust_sgt"], "*", booked)
        if sgt is None:
            lst = c.members("cust_sgt", sd) or c.members("cust_sgt")
            sgt = lst[rng.randrange(len(lst))]
        hours = dur_h if dur_h is not None else rng.choice((3, 5, 7, 9, 12, 14, 18, 22, 26, 30))
        released = booked + hours * HOUR + rng.randrange(3600)
        cid = self.new_cid(suite, booked)
        self.custody_rows.append((cid, ni, sgt.sid, suite, booked, released))
        c.custody.append((cid, ni, sgt, suite, booked, released, arresting))
        add = c.sink.add
        nm = c.ppl.noms[ni]
        t = booked
        add("CUSTODY", t, sgt.sid, "search", "nominal", "", c.q_name(nm, "CUSTODY"), sgt.desk)
        t += rng.randint(20, 90)
        add("CUSTODY", t, sgt.sid, "create", "custody", cid, "", sgt.desk)
        t += rng.randint(60, 300)
        t = c.look(sgt, "RMS", t, ni, 0.0)
        if rng.random() < 0.7:
            add("PNC", t, sgt.sid, "search", "nominal", "", c.q_name(nm, "PNC"), sgt.desk)
            t += 90
        # detention: reviews, visits, meals, interviews - by whoever is on the suite
        h = booked + HOUR
        while h < released - 1800:
            staff = c.on_duty("cust_do", sd, h) or c.on_duty("cust_sgt", sd, h)
            if staff:
                s = staff[rng.randrange(len(staff))]
                if rng.random() < 0.7:
                    add("CUSTODY", h + rng.randrange(1800), s.sid, "update", "custody", cid, "", s.desk)
                if rng.random() < 0.2:
                    add("CUSTODY", h + rng.randrange(1800), s.sid, "view", "custody", cid, "", s.desk)
            h += rng.randint(60, 120) * MIN
        # release by the sergeant then on duty
        rs = c.pick_on_duty(["cust_sgt"], sd, released) or sgt
        add("CUSTODY", released, rs.sid, "update", "custody", cid, "", rs.desk)
        # arresting officer and investigator
        if arresting is not None:
            ta = booked + rng.randint(20, 120) * MIN
            add("CUSTODY", ta, arresting.sid, "view", "custody", cid, "", c.ws(arresting, "CUSTODY"))
        if occ is not None and occ.oic is not None and occ.oic is not arresting:
            t2 = c.at_work(occ.oic, booked + rng.randint(1, 8) * HOUR, max_wait=DAY)
            if t2 is not None and t2 < released:
                add("CUSTODY", t2, occ.oic.sid, "view", "custody", cid, "", occ.oic.desk)
                add("CUSTODY", t2 + rng.randint(600, 5400), occ.oic.sid, "update", "custody", cid, "", occ.oic.desk)
        # the morning after: case file and bail management
        if rng.random() < 0.25:
            lst = c.members("cj_cf")
            if lst:
                s = lst[rng.randrange(len(lst))]
                t3 = c.at_work(s, released + rng.randint(6, 40) * HOUR)
                if t3 is not None:
                    add("CUSTODY", t3, s.sid, "view", "custody", cid, "", s.desk)
                    c.look(s, "RMS", t3 + 60, ni, 0.3)
        if rng.random() < 0.3:
            lst = c.members("cj_bail")
            if lst:
                s = lst[rng.randrange(len(lst))]
                t3 = released
                for _ in range(rng.randint(1, 3)):
                    t3 = c.at_work(s, t3 + rng.randint(1, 12) * DAY)
                    if t3 is None:
                        break
                    add("CUSTODY", t3, s.sid, "view", "custody", cid, "", s.desk)
                    t3 = c.look(s, "RMS", t3 + 60, ni, 0.5)
        return cid, sgt, released

    def extra_custody(self):
        """Arrests on warrant, breach of bail, drunk and incapable: custody without a new occurrence."""
        c, rng, cl = self.c, self.c.rng, self.c.clock
        per_day = c.wf.S * 0.012
        for k in range(cl.days):
            for _ in range(int(per_day + rng.random())):
                d = rng.choices(DNAMES, cum_weights=D_CUM)[0]
                ts = cl.local_ts(k, rng.choices(range(24), cum_weights=HOUR_CUM)[0] * HOUR + rng.randrange(3600))
                a = c.pick_on_duty(["resp", "roads", "npt"], d, ts)
                if a is None:
                    continue
                g = rng.choice(("off", "off", "sub", "sub", "hom", "mh", "gen", "sw"))
                ni = c.ppl.pick(g, d, skew=2.0)
                self.detain(ni, a, ts, d)
