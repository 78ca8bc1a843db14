"""Planted abuse of position for a sexual purpose (APSP), and innocent look-alikes.

Each pattern is modelled on how the abuse is described in inspectorate and IOPC
material: a first, legitimate contact with a vulnerable woman (an incident attended, a
call taken, a detention, a witness statement) or none at all, followed by record look-ups
that serve no policing purpose.  Only the look-ups that serve no policing purpose are
listed in the ground truth; the legitimate contact is ordinary, untagged work.
"""
from occurrences import Occ
from people import DNAMES
from timeutil import DAY, HOUR, MIN

PATTERNS = [
    "da_attender_fixation",     # 0 attended a DA incident, keeps looking at the victim later
    "custody_release_lookup",   # 1 custody sergeant / detention officer, women after release
    "sex_worker_repeat",        # 2 repeated look-ups of a sex worker / drug user, no tasking
    "call_handler_refind",      # 3 call handler re-finds a young caller by her phone number
    "beat_cover",               # 4 PCSO/NPT: vulnerable woman on the beat, hidden in beat work
    "social_name_search",       # 5 a woman met socially / on a dating app, never a police matter
    "witness_pursuit",          # 6 investigator keeps looking up a female witness after the case
    "trawler",                  # 7 browses many young female DA / sexual-offence victims
    "supervisor_team_victim",   # 8 sergeant: vulnerable woman his team dealt with
    "pretext_welfare_record",   # 9 creates a welfare-check occurrence to justify access
    "careful_on_duty",          # 10 few look-ups, on duty, in his own district
    "indirect_records",         # 11 follows her through address, vehicle and intelligence only
    "s136_followup",            # 12 woman detained under s136 Mental Health Act, looked up later
    "old_remit_mover",          # 13 moved post, keeps looking at a victim from the old district
]


def n_abusers(S, seed):
    return max(2, min(14, int(round(S / 95.0)) + (seed % 3) - 1))


def patterns_for(S, seed):
    n = n_abusers(S, seed)
    off = ((seed - 1) * 5) % len(PATTERNS)
    return [PATTERNS[(off + i) % len(PATTERNS)] for i in range(n)]


class Abuse:
    def __init__(self, ctx, occ, seed):
        self.c, self.occ, self.seed = ctx, occ, seed
        self.rng = ctx.rng
        self.abusers = []      # dicts: staff, pattern, level, victims, state
        self.lookalikes = []   # (staff_id, kind, note)
        self.used_staff = set()
        self.used_victims = set()

    # ================================================================ helpers
    def eligible(self, kinds, need_rank=None, whole=True, cond=None):
        c = self.c
        out = []
        for st in c.wf.staff:
            if st.sid in self.used_staff or st.left_k is not None or "no_posting" in st.flags:
                continue
            if whole and len(st.segments) > 1 and "seasonal" not in st.flags:
                continue
            if st.segments[0].kind not in kinds:
                continue
            if need_rank and st.rank not in need_rank:
                continue
            if len(st.worked) < max(3, min(10, self.c.clock.days // 6)):
                continue
            if cond and not cond(st):
                continue
            out.append(st)
        return out

    def take(self, lst):
        if not lst:
            return None
        st = lst[self.rng.randrange(len(lst))]
        self.used_staff.add(st.sid)
        return st

    def victim(self, groups, district, lo=18, hi=40, beat=None, need=None):
        c, rng, ppl = self.c, self.rng, self.c.ppl
        cands = []
        for g in groups:
            if beat is not None:
                src = [i for i in ppl.beatpool.get(beat, []) if ppl.noms[i].group == g]
            else:
                src = ppl.pool.get((g, district), []) if district else \
                    [i for d in DNAMES for i in ppl.pool.get((g, d), [])]
            cands += [i for i in src if ppl.noms[i].sex == "F" and lo <= ppl.noms[i].age <= hi
                      and i not in self.used_victims and (need is None or need(ppl.noms[i]))]
        if not cands:
            return None
        v = cands[rng.randrange(len(cands))]
        self.used_victims.add(v)
        return v

    def duty_ts(self, st, k_from, k_to, margin=3 * HOUR, night=None):
        """A time when st is on duty between period days k_from and k_to."""
        c, rng = self.c, self.rng
        cl = c.clock
        lo, hi = cl.local_ts(max(0, k_from), 0), cl.local_ts(min(cl.days, k_to), 0)
        ivs = [iv for iv in st.worked if lo <= iv[0] < hi and iv[1] - iv[0] > margin + 1800]
        if not ivs:
            return None
        for _ in range(12):
            s, e, _ = ivs[rng.randrange(len(ivs))]
            ts = s + 600 + rng.randrange(max(60, e - s - margin - 600))
            if night is None:
                return ts
            _, sec = cl.local_day_sec(ts)
            h = sec // HOUR
            if (night and (h >= 23 or h < 5)) or (night is False and 9 <= h < 17):
                return ts
        return ts

    def can_off(self, st):
        return bool(st.mdt or st.vpn)

    def off_ts(self, st, k_from, k_to):
        c, rng = self.c, self.rng
        cl = c.clock
        for _ in range(40):
            k = rng.randint(max(0, k_from), max(0, min(cl.days - 1, k_to - 1)))
            r = rng.random()
            if r < 0.6:
                sec = rng.randint(19 * 60, 23 * 60 + 59) * MIN
            elif r < 0.8:
                sec = rng.randint(24 * 60, 25 * 60 + 30) * MIN
            else:
                sec = rng.randint(10 * 60, 17 * 60) * MIN
            sec += rng.randrange(60)
            ts = cl.local_ts(k, sec)
            if not (cl.t0 <= ts < cl.t1):
                continue
            if st.duty_at(ts) is None and st.duty_at(ts - HOUR) is None and st.duty_at(ts + HOUR) is None:
                return ts
        return None

    def times(self, st, k_from, k_to, n, p_off, night=None, min_gap=0):
        rng = self.rng
        out = []
        tries = 0
        can = self.can_off(st)
        while len(out) < n and tries < n * 25:
            tries += 1
            off = can and rng.random() < p_off
            ts = self.off_ts(st, k_from, k_to) if off else self.duty_ts(st, k_from, k_to, margin=600, night=night)
            if ts is None:
                continue
            if min_gap and any(abs(ts - x[0]) < min_gap for x in out):
                continue
            out.append((ts, off))
        out.sort()
        return out

    def sysfor(self, st, off):
        """(system, remote) an abuser uses on or off duty."""
        if off:
            if st.mdt:
                return "MOBILE", False
            return "RMS", True
        if st.mdt and self.rng.random() < 0.5:
            return "MOBILE", False
        return "RMS", False

    def level(self, pattern):
        rng = self.rng
        if pattern in ("careful_on_duty",):
            return "subtle"
        if pattern in ("beat_cover", "call_handler_refind"):
            return rng.choice(("subtle", "moderate"))
        if pattern in ("trawler",):
            return rng.choice(("moderate", "blatant"))
        return rng.choice(("subtle", "moderate", "moderate", "blatant"))

    def nsess(self, level, lo=None):
        rng = self.rng
        return {"subtle": rng.randint(3, 5), "moderate": rng.randint(6, 10), "blatant": rng.randint(12, 22)}[level]

    def session(self, st, ts, off, tag, v, addr_p=0.35, occ_ids=(), occ_p=0.25, search_p=0.4,
                veh_p=0.08, intel_p=0.08):
        """One abusive look-up session about woman v."""
        c, rng = self.c, self.rng
        sysid, remote = self.sysfor(st, off)
        t = c.look(st, sysid, ts, v, search_p, tag=tag, remote=remote)
        if rng.random() < addr_p:
            t = c.look_addr(st, sysid, t, v, tag=tag, remote=remote, search_p=0.1)
        if occ_ids and rng.random() < occ_p:
            t = c.look_occ(st, sysid, t, occ_ids[rng.randrange(len(occ_ids))], tag=tag, remote=remote)
        nm = c.ppl.noms[v]
        if nm.vrm and st.stype == "officer" and rng.random() < veh_p:
            t = c.pnc_vehicle(st, t, nm.vrm, tag=tag, sysid="PNC" if not off else sysid, remote=remote)
        if rng.random() < intel_p:
            t = c.intel_on(st, t, v, tag=tag, remote=remote)
        if rng.random() < 0.15:
            # back to her record once more before closing it
            c.sink.add(sysid, t + rng.randint(60, 600), st.sid, "view", "nominal", nm.nid, "",
                       c.ws(st, sysid, remote), tag)
        return t

    def occs_of(self, v):
        return [o.oid for o in self.c.occs if any(ni == v for ni, _ in o.noms)]

    # ================================================================ set-up
    def setup(self):
        """Choose the abusers and create the legitimate first contact for each."""
        c = self.c
        S = c.wf.S
        pats = patterns_for(S, self.seed)
        pending = list(pats)
        done = []
        spare = [p for p in PATTERNS if p not in pats]
        while pending:
            p = pending.pop(0)
            ok = getattr(self, "setup_" + p)()
            if ok is None:
                if spare:
                    pending.append(spare.pop(0))
                continue
            ok["pattern"] = p
            ok["tag"] = len(self.abusers)
            self.abusers.append(ok)
            done.append(p)
            # prior concerns are on record for some
            if self.rng.random() < 0.35:
                c.wf.add_allegation(ok["staff"], self.rng.choice(
                    ("sexual_misconduct", "inappropriate_association", "misuse_of_systems", "apsp",
                     "abuse_of_authority")))

    def _occ_with(self, st, cat, v, k_from, k_to, **kw):
        ts = self.duty_ts(st, k_from, k_to, margin=4 * HOUR)
        if ts is None:
            return None
        seg = st.seg_at(self.c.clock.local_day_sec(ts)[0])
        d = seg.district or self.c.ppl.noms[v].district
        return self.occ.build(cat, ts, d, victim=v, scripted=True, **kw)

    # --- 0
    def setup_da_attender_fixation(self):
        st = self.take(self.eligible(("resp",), ("PC",)))
        if st is None:
            return None
        d = st.segments[0].district
        v = self.victim(("da",), d, 19, 40)
        days = self.c.clock.days
        o = self._occ_with(st, "domestic_abuse", v, 2, max(4, int(days * 0.3)), force_att=st, arrest=True,
                           avoid={st.sid})
        if o is None:
            return None
        return {"staff": st, "victims": [v], "occs": [o.oid], "start": o.opened + 6 * DAY,
                "level": self.level("da_attender_fixation")}

    # --- 1
    def setup_custody_release_lookup(self):
        st = self.take(self.eligible(("cust_sgt", "cust_do"), cond=lambda s: s.segments[0].suite == "Kirkby Fell" and len(s.segments) == 1))
        if st is None:
            return None
        c, rng = self.c, self.rng
        n = rng.randint(2, 4)
        days = c.clock.days
        vs, cids = [], []
        for i in range(n):
            v = self.victim(("sub", "sw", "mh", "off"), rng.choice(DNAMES), 18, 42)
            if v is None:
                continue
            ts = self.duty_ts(st, 1 + i * days // (n + 1), 1 + (i + 1) * days // (n + 1), margin=6 * HOUR)
            if ts is None:
                continue
            d = rng.choice([x for x in DNAMES if x != "Saltmarsh Coast"])
            a = c.pick_on_duty(["resp"], d, ts) or c.any_member("resp", d)
            cid, sgt, rel = self.occ.detain(v, a, ts, d, sgt=st if st.segments[0].kind == "cust_sgt" else None,
                                            dur_h=rng.choice((5, 8, 11)))
            vs.append((v, rel, cid))
        if not vs:
            return None
        return {"staff": st, "victims": [x[0] for x in vs], "custody": vs, "start": None,
                "level": self.level("custody_release_lookup")}

    # --- 2
    def setup_sex_worker_repeat(self):
        st = self.take(self.eligible(("resp", "npt"), ("PC",)))
        if st is None:
            return None
        d = st.segments[0].district
        v = self.victim(("sw",), d, 18, 45) or self.victim(("sw", "sub"), None, 18, 40)
        if v is None:
            return None
        return {"staff": st, "victims": [v], "start": None, "level": self.level("sex_worker_repeat")}

    # --- 3
    def setup_call_handler_refind(self):
        st = self.take(self.eligible(("ctrl_ch",)))
        if st is None:
            return None
        c = self.c
        v = self.victim(("gen", "da", "so"), None, 18, 30, need=lambda n: bool(n.phone))
        if v is None:
            return None
        ts = self.duty_ts(st, 1, int(c.clock.days * 0.4), margin=2 * HOUR)
        if ts is None:
            return None
        cat = self.rng.choice(("harassment_stalking", "concern_for_welfare", "domestic_abuse", "theft"))
        o = self.occ.build(cat, ts, c.ppl.noms[v].district, victim=v, force_ch=st, scripted=True,
                           caller_victim=True)
        return {"staff": st, "victims": [v], "occs": [o.oid], "start": ts + 2 * DAY,
                "level": self.level("call_handler_refind")}

    # --- 4
    def setup_beat_cover(self):
        st = self.take(self.eligible(("pcso", "npt"), cond=lambda s: s.segments[0].team.startswith("NPT ")))
        if st is None:
            return None
        seg = st.segments[0]
        beat = seg.team[4:]
        v = self.victim(("va", "mh", "da", "sub"), seg.district, 18, 45, beat=beat) or \
            self.victim(("va", "mh", "da"), seg.district, 18, 45)
        if v is None:
            return None
        # a legitimate first contact: an ASB / welfare job on his beat
        o = self._occ_with(st, self.rng.choice(("anti_social_behaviour", "concern_for_welfare")), v, 1,
                           int(self.c.clock.days * 0.3), force_att=st, avoid={st.sid})
        return {"staff": st, "victims": [v], "occs": [o.oid] if o else [],
                "start": (o.opened + 3 * DAY) if o else None, "level": self.level("beat_cover")}

    # --- 5
    def setup_social_name_search(self):
        kinds = ("resp", "cid_dc", "roads", "intel_res", "hq_admin", "cj_cf", "npt", "ctrl_disp", "special")
        st = self.take(self.eligible(kinds, cond=lambda s: bool(s.mdt or s.vpn)))
        if st is None:
            return None
        return {"staff": st, "victims": [], "start": None, "level": self.level("social_name_search")}

    # --- 6
    def setup_witness_pursuit(self):
        st = self.take(self.eligible(("cid_dc", "resp")))
        if st is None:
            return None
        c, rng = self.c, self.rng
        d = st.segments[0].district
        w = self.victim(("gen",), d, 18, 38)
        if w is None:
            return None
        ts = self.duty_ts(st, 1, int(c.clock.days * 0.35), margin=3 * HOUR)
        if ts is None:
            return None
        cat = rng.choice(("assault", "burglary", "public_order", "criminal_damage"))
        dd = min(rng.randint(8, 14), max(1, c.clock.days // 4))
        if st.segments[0].kind == "resp":
            o = self.occ.build(cat, ts, d, witness=w, force_att=st, force_oic=st, scripted=True, dur_days=dd)
        else:
            o = self.occ.build(cat, ts, d, witness=w, force_oic=st, scripted=True, dur_days=dd)
        start = (o.closed + DAY) if o.closed else (o.opened + 12 * DAY)
        return {"staff": st, "victims": [w], "occs": [o.oid], "start": start,
                "level": self.level("witness_pursuit")}

    # --- 7
    def setup_trawler(self):
        st = self.take(self.eligible(("resp", "cid_dc", "npt", "roads", "intel_fio"), cond=lambda s: bool(s.mdt or s.vpn)))
        if st is None:
            return None
        return {"staff": st, "victims": [], "start": None, "level": self.level("trawler")}

    # --- 8
    def setup_supervisor_team_victim(self):
        c, rng = self.c, self.rng
        cands = self.eligible(("resp_sgt",), ("PS",))
        rng.shuffle(cands)
        for st in cands:
            seg = st.segments[0]
            team = [m for m in c.members("resp", seg.district) if m.segments[0].team == seg.team
                    and len(m.segments) == 1 and m.sid not in self.used_staff]
            if not team:
                continue
            ts = None
            for _ in range(10):
                t = self.duty_ts(st, 1, int(c.clock.days * 0.35), margin=4 * HOUR)
                if t is None:
                    break
                on = [m for m in team if m.duty_at(t) is not None]
                if on:
                    ts, pc = t, on[rng.randrange(len(on))]
                    break
            if ts is None:
                continue
            v = self.victim(("da", "mh"), seg.district, 18, 38)
            if v is None:
                return None
            self.used_staff.add(st.sid)
            cat = "domestic_abuse" if c.ppl.noms[v].group == "da" else "mental_health"
            o = self.occ.build(cat, ts, seg.district, victim=v, force_att=pc, scripted=True, avoid={st.sid})
            return {"staff": st, "victims": [v], "occs": [o.oid], "start": o.opened + 5 * DAY,
                    "level": self.level("supervisor_team_victim"), "team_pc": pc.sid}
        return None

    # --- 9
    def setup_pretext_welfare_record(self):
        st = self.take(self.eligible(("resp", "npt"), ("PC",)))
        if st is None:
            return None
        d = st.segments[0].district
        v = self.victim(("sub", "mh", "da", "gen"), d, 18, 38)
        if v is None:
            return None
        # she was the victim in a job someone else dealt with
        c = self.c
        ts = c.clock.local_ts(self.rng.randint(0, max(1, c.clock.days // 5)), self.rng.randint(8, 20) * HOUR)
        o = self.occ.build(self.rng.choice(("assault", "theft", "harassment_stalking")), ts, d, victim=v,
                           scripted=True, avoid={st.sid})
        return {"staff": st, "victims": [v], "occs": [o.oid], "start": ts + 3 * DAY,
                "level": self.level("pretext_welfare_record")}

    # --- 10
    def setup_careful_on_duty(self):
        st = self.take(self.eligible(("resp", "npt", "roads", "resp_sgt")))
        if st is None:
            return None
        d = st.segments[0].district
        v = self.victim(("da", "so"), d, 18, 40)
        if v is None:
            return None
        c = self.c
        ts = c.clock.local_ts(self.rng.randint(0, max(1, c.clock.days // 6)), self.rng.randint(9, 22) * HOUR)
        o = self.occ.build("domestic_abuse" if c.ppl.noms[v].group == "da" else "sexual_offence", ts, d,
                           victim=v, scripted=True, avoid={st.sid})
        return {"staff": st, "victims": [v], "occs": [o.oid], "start": ts + 4 * DAY, "level": "subtle"}

    # --- 11
    def setup_indirect_records(self):
        st = self.take(self.eligible(("resp", "roads", "rural"), ("PC",)))
        if st is None:
            return None
        d = st.segments[0].district
        v = self.victim(("gen", "da"), d, 18, 40, need=lambda n: bool(n.vrm))
        if v is None:
            return None
        c = self.c
        o = self._occ_with(st, self.rng.choice(("theft", "criminal_damage", "road_traffic_collision", "harassment_stalking")),
                           v, 1, int(c.clock.days * 0.35), force_att=st, avoid={st.sid})
        if o is None:
            return None
        # an intelligence record about her address exists, created by the local NPT
        npt = c.any_member("npt", d)
        iid = c.ppl.new_intel(v, d)
        t = self.duty_ts(npt, 0, c.clock.days) if npt else None
        if t:
            c.sink.add("INTEL", t, npt.sid, "create", "intelligence", iid, "", npt.desk)
        return {"staff": st, "victims": [v], "occs": [o.oid], "start": o.opened + 5 * DAY,
                "level": self.level("indirect_records")}

    # --- 12
    def setup_s136_followup(self):
        st = self.take(self.eligible(("resp",), ("PC",)))
        if st is None:
            return None
        d = st.segments[0].district
        v = self.victim(("mh",), d, 18, 40)
        if v is None:
            return None
        o = self._occ_with(st, "mental_health", v, 1, int(self.c.clock.days * 0.35), force_att=st, avoid={st.sid})
        if o is None:
            return None
        return {"staff": st, "victims": [v], "occs": [o.oid], "start": o.opened + 7 * DAY,
                "level": self.level("s136_followup")}

    # --- 13
    def setup_old_remit_mover(self):
        c = self.c
        cands = [s for s in c.wf.movers if s.sid not in self.used_staff and s.left_k is None
                 and s.segments[0].kind in ("resp", "npt") and s.stype == "officer"
                 and s.segments[1].district != s.segments[0].district and s.segments[1].k0 >= 10]
        st = self.take(cands)
        if st is None:
            return None
        old = st.segments[0]
        v = self.victim(("da", "gen", "so"), old.district, 18, 40)
        if v is None:
            return None
        cat = self.rng.choice(("domestic_abuse", "harassment_stalking", "assault"))
        o = self._occ_with(st, cat, v, 1, old.k1 - 4, force_att=st, avoid={st.sid})
        if o is None:
            return None
        move_ts = c.clock.local_ts(old.k1, 0)
        return {"staff": st, "victims": [v], "occs": [o.oid], "start": move_ts + 2 * DAY,
                "level": self.level("old_remit_mover")}

    # ================================================================ abuse
    def run(self):
        for ab in self.abusers:
            getattr(self, "run_" + ab["pattern"])(ab)

    def _k(self, ts):
        return self.c.clock.local_day_sec(ts)[0]

    def _plain(self, ab, p_off, **kw):
        st, v = ab["staff"], ab["victims"][0]
        k0 = self._k(ab["start"]) if ab.get("start") else 1
        n = self.nsess(ab["level"])
        occ_ids = tuple(ab.get("occs", ()))
        for ts, off in self.times(st, k0, self.c.clock.days, n, p_off, min_gap=4 * HOUR):
            self.session(st, ts, off, ab["tag"], v, occ_ids=occ_ids, **kw)

    def run_da_attender_fixation(self, ab):
        self._plain(ab, 0.6, addr_p=0.45, occ_p=0.3)

    def run_custody_release_lookup(self, ab):
        c, rng = self.c, self.rng
        st = ab["staff"]
        n_per = {"subtle": 2, "moderate": 3, "blatant": 6}[ab["level"]]
        for v, rel, cid in ab["custody"]:
            k0 = self._k(rel) + 1
            for ts, off in self.times(st, k0, min(c.clock.days, k0 + 30), rng.randint(max(1, n_per - 1), n_per + 1),
                                      0.0, night=True if rng.random() < 0.7 else None, min_gap=2 * HOUR):
                nm = c.ppl.noms[v]
                if rng.random() < 0.5:
                    c.sink.add("CUSTODY", ts, st.sid, "search", "nominal", "", c.q_name(nm, "CUSTODY"), st.desk, ab["tag"])
                    ts += rng.randint(10, 60)
                c.sink.add("CUSTODY", ts, st.sid, "view", "custody", cid, "", st.desk, ab["tag"])
                ts += rng.randint(30, 200)
                t = c.look(st, "RMS", ts, v, 0.2, tag=ab["tag"])
                if rng.random() < 0.4:
                    c.look_addr(st, "RMS", t, v, tag=ab["tag"], search_p=0.0)

    def run_sex_worker_repeat(self, ab):
        self._plain(ab, 0.5, addr_p=0.3, intel_p=0.4, search_p=0.3)

    def run_call_handler_refind(self, ab):
        c, rng = self.c, self.rng
        st, v = ab["staff"], ab["victims"][0]
        nm = c.ppl.noms[v]
        n = {"subtle": rng.randint(2, 4), "moderate": rng.randint(5, 8), "blatant": rng.randint(9, 14)}[ab["level"]]
        for ts, off in self.times(st, self._k(ab["start"]), c.clock.days, n, 0.0, night=True, min_gap=6 * HOUR):
            if rng.random() < 0.7:
                c.sink.add("CAD", ts, st.sid, "search", "nominal", "", "TEL " + nm.phone.replace(" ", ""), st.desk, ab["tag"])
                ts += rng.randint(5, 30)
                c.sink.add("CAD", ts, st.sid, "view", "nominal", nm.nid, "", st.desk, ab["tag"])
                ts += rng.randint(30, 200)
            t = c.look(st, "RMS", ts, v, 0.5, tag=ab["tag"])
            if rng.random() < 0.4:
                c.look_addr(st, "RMS", t, v, tag=ab["tag"], search_p=0.0)

    def run_beat_cover(self, ab):
        c, rng = self.c, self.rng
        st, v = ab["staff"], ab["victims"][0]
        n = {"subtle": rng.randint(5, 7), "moderate": rng.randint(8, 13), "blatant": rng.randint(14, 20)}[ab["level"]]
        k0 = self._k(ab["start"]) if ab.get("start") else 1
        for ts, off in self.times(st, k0, c.clock.days, n, 0.0, min_gap=6 * HOUR):
            sysid = "MOBILE" if st.mdt else "RMS"
            t = c.look(st, sysid, ts, v, 0.15, tag=ab["tag"])
            if rng.random() < 0.2:
                c.look_addr(st, sysid, t, v, tag=ab["tag"], search_p=0.0)

    def run_social_name_search(self, ab):
        c, rng, ppl = self.c, self.rng, self.c.ppl
        st = ab["staff"]
        involved = set()
        for o in c.occs:
            for ni, _ in o.noms:
                involved.add(ni)
        for cu in c.custody:
            involved.add(cu[1])
        home = st.segments[0].district
        v = self.victim(("gen",), None, 21, 42,
                        need=lambda n: n.idx not in involved and n.district != home)
        if v is None:
            return
        ab["victims"] = [v]
        nm = ppl.noms[v]
        days = c.clock.days
        k_meet = rng.randint(2, max(3, days // 3))
        n = self.nsess(ab["level"])
        first = self.times(st, k_meet, k_meet + 3, min(3, n), 0.75, min_gap=HOUR)
        later = self.times(st, k_meet + 4, days, max(0, n - len(first)), 0.6, min_gap=4 * HOUR)
        for i, (ts, off) in enumerate(first + later):
            sysid, remote = self.sysfor(st, off)
            ws = c.ws(st, sysid, remote)
            if i == 0:
                # a first, loose search on her forename and surname initial, then the full name
                c.sink.add(sysid, ts, st.sid, "search", "nominal", "", "surname:%s* forename:%s" % (nm.sur[0], nm.fore), ws, ab["tag"])
                ts += rng.randint(20, 90)
                c.sink.add(sysid, ts, st.sid, "search", "nominal", "", "surname:%s forename:%s" % (nm.sur, nm.fore), ws, ab["tag"])
                ts += rng.randint(10, 40)
                t = c.look(st, sysid, ts, v, 0.0, tag=ab["tag"], remote=remote)
            else:
                t = c.look(st, sysid, ts, v, 0.6, tag=ab["tag"], remote=remote)
            if rng.random() < 0.5:
                t = c.look_addr(st, sysid, t, v, tag=ab["tag"], remote=remote, search_p=0.0)
            if rng.random() < 0.3 and st.stype == "officer":
                if nm.vrm:
                    t = c.pnc_vehicle(st, t, nm.vrm, tag=ab["tag"], sysid="PNC" if not off else sysid, remote=remote)
                else:
                    c.sink.add("PNC" if not off else sysid, t, st.sid, "search", "nominal", "", c.q_name(nm, "PNC"), ws, ab["tag"])

    def run_witness_pursuit(self, ab):
        self._plain(ab, 0.4, addr_p=0.45, occ_p=0.2)

    def run_trawler(self, ab):
        c, rng, ppl = self.c, self.rng, self.c.ppl
        st = ab["staff"]
        pool = []
        for o in c.occs:
            if o.cat in ("domestic_abuse", "sexual_offence", "harassment_stalking") and o.victims:
                nm = ppl.noms[o.victims[0]]
                if nm.sex == "F" and 16 <= nm.age <= 32 and o.victims[0] not in self.used_victims:
                    pool.append(o)
        if not pool:
            return
        n_women = rng.randint(20, 35) if ab["level"] == "moderate" else rng.randint(35, 60)
        n_sess = n_women // 2 + rng.randint(2, 8)
        picks = [pool[rng.randrange(len(pool))] for _ in range(n_women)]
        ab["victims"] = sorted({o.victims[0] for o in picks})
        times = self.times(st, 1, c.clock.days, n_sess, 0.35, min_gap=2 * HOUR)
        if not times:
            return
        for j, o in enumerate(picks):
            ts, off = times[j % len(times)]
            ts += (j // len(times)) * rng.randint(120, 900)
            sysid, remote = self.sysfor(st, off)
            # only occurrences already open when he looks
            if o.opened > ts:
                continue
            t = c.look_occ(st, sysid, ts, o.oid, tag=ab["tag"], remote=remote)
            t = c.look(st, sysid, t, o.victims[0], 0.1, tag=ab["tag"], remote=remote)
            if rng.random() < 0.2:
                c.look_addr(st, sysid, t, o.victims[0], tag=ab["tag"], remote=remote, search_p=0.0)

    def run_supervisor_team_victim(self, ab):
        self._plain(ab, 0.45, addr_p=0.3, occ_p=0.35, search_p=0.2)

    def run_pretext_welfare_record(self, ab):
        c, rng, ppl = self.c, self.rng, self.c.ppl
        st, v = ab["staff"], ab["victims"][0]
        tag = ab["tag"]
        days = c.clock.days
        k0 = self._k(ab["start"])
        # some early curiosity
        pre = self.times(st, k0, k0 + 8, rng.randint(1, 3), 0.3, min_gap=HOUR)
        for ts, off in pre:
            self.session(st, ts, off, tag, v, occ_ids=tuple(ab["occs"]), occ_p=0.6, addr_p=0.2)
        # the pretext: a concern-for-welfare record he creates himself
        npre = 1 if ab["level"] != "blatant" else 2
        pre_ids = []
        kp = k0 + 8
        for i in range(npre):
            ts = self.duty_ts(st, kp, min(days, kp + 10), margin=2 * HOUR)
            if ts is None:
                break
            o = Occ()
            o.oid = self.occ.new_oid(ts)
            o.cat = "concern_for_welfare"
            o.opened = ts
            nm = ppl.noms[v]
            o.district = nm.district
            o.beat = nm.beat
            o.loc = nm.addr
            o.created_by = st.sid
            o.noms = [(v, "other")]
            o.victims = [v]
            o.crime = False
            o.closed = ts + rng.randint(2, 5) * DAY
            if o.closed >= c.clock.t1:
                o.closed = None
            o.staff = [(st.sid, "oic", ts, o.closed, True), (st.sid, "attending", ts + 600, ts + 2 * HOUR, True)]
            o.att = [st]
            o.oic = st
            o.scripted = True
            c.occs.append(o)
            self.occ.occ_by_id[o.oid] = o
            sysid = "RMS"
            c.sink.add(sysid, ts, st.sid, "create", "occurrence", o.oid, "", st.desk, tag)
            t = c.look(st, sysid, ts + 120, v, 0.0, tag=tag)
            t = c.look_addr(st, sysid, t, v, tag=tag, search_p=0.0)
            c.sink.add(sysid, t + 300, st.sid, "update", "occurrence", o.oid, "", st.desk, tag)
            c.sink.add(sysid, t + rng.randint(2, 6) * HOUR, st.sid, "update", "occurrence", o.oid, "", st.desk, tag)
            pre_ids.append(o.oid)
            kp = self._k(ts) + rng.randint(12, 20)
        ab["pretext_occs"] = pre_ids
        # and then the look-ups the pretext was meant to cover
        n = self.nsess(ab["level"])
        for ts, off in self.times(st, k0 + 9, days, n, 0.35, min_gap=4 * HOUR):
            self.session(st, ts, off, tag, v, occ_ids=tuple(pre_ids or ab["occs"]), occ_p=0.5, addr_p=0.3)

    def run_careful_on_duty(self, ab):
        c, rng = self.c, self.rng
        st, v = ab["staff"], ab["victims"][0]
        n = rng.randint(3, 5)
        for ts, off in self.times(st, self._k(ab["start"]), c.clock.days, n, 0.0, night=False, min_gap=7 * DAY):
            c.look(st, "RMS", ts, v, 0.7, tag=ab["tag"])

    def run_indirect_records(self, ab):
        c, rng, ppl = self.c, self.rng, self.c.ppl
        st, v = ab["staff"], ab["victims"][0]
        nm = ppl.noms[v]
        tag = ab["tag"]
        lid, text, _, _ = ppl.addresses[nm.addr]
        n = self.nsess(ab["level"])
        for ts, off in self.times(st, self._k(ab["start"]), c.clock.days, n, 0.5, min_gap=4 * HOUR):
            sysid, remote = self.sysfor(st, off)
            r = rng.random()
            if r < 0.35:
                t = c.look_addr(st, sysid, ts, v, tag=tag, remote=remote, search_p=0.5)
            elif r < 0.65:
                t = c.pnc_vehicle(st, ts, nm.vrm, tag=tag, sysid="PNC" if not off else sysid, remote=remote, view_p=0.8)
            elif r < 0.85:
                ws = c.ws(st, "INTEL", remote)
                c.sink.add("INTEL", ts, st.sid, "search", "location", "", text, ws, tag)
                t = ts + rng.randint(20, 80)
                for j in nm.intel[:2]:
                    c.sink.add("INTEL", t, st.sid, "view", "intelligence", ppl.intel[j][0], "", ws, tag)
                    t += rng.randint(30, 200)
            else:
                t = c.look_occ(st, sysid, ts, ab["occs"][0], tag=tag, remote=remote)

    def run_s136_followup(self, ab):
        c, rng = self.c, self.rng
        st, v = ab["staff"], ab["victims"][0]
        others = tuple(oid for oid in self.occs_of(v))
        n = self.nsess(ab["level"])
        for ts, off in self.times(st, self._k(ab["start"]), c.clock.days, n, 0.55, min_gap=4 * HOUR):
            t = self.session(st, ts, off, ab["tag"], v, occ_ids=others, occ_p=0.35, addr_p=0.35)
            if not off and rng.random() < 0.25:
                c.sink.add("PNC", t, st.sid, "search", "nominal", "", c.q_name(c.ppl.noms[v], "PNC"), st.desk, ab["tag"])

    def run_old_remit_mover(self, ab):
        self._plain(ab, 0.4, addr_p=0.4, occ_p=0.3)

    # ================================================================ innocents
    def lookalikes_setup(self):
        """Innocent work that leaves traces like the abuse patterns (before background work)."""
        c, rng, ppl = self.c, self.rng, self.c.ppl
        days = c.clock.days
        S = c.wf.S
        n = max(1, S // 250)
        # DA follow-up by the attending officer as OIC for weeks, partly on unrostered overtime
        for _ in range(n + 1):
            st = self.take(self.eligible(("resp",), ("PC",)))
            if st is None:
                break
            v = self.victim(("da",), st.segments[0].district, 19, 40)
            o = self._occ_with(st, "domestic_abuse", v, 1, int(days * 0.4), force_att=st, force_oic=st,
                               dur_days=rng.randint(28, 40), arrest=True)
            if o is None:
                continue
            self._overtime_sessions(st, o, v, rng.randint(4, 8))
            self.lookalikes.append((st.sid, "da_followup_oic", o.oid))
        # a bail manager who keeps checking released women on pre-charge bail
        for st in self.eligible(("cj_bail",))[:n]:
            self.used_staff.add(st.sid)
            for _ in range(rng.randint(3, 5)):
                v = self.victim(("sub", "off", "sw", "mh"), None, 18, 45)
                if v is None:
                    break
                ts = c.clock.local_ts(rng.randint(1, days // 2), rng.randint(0, 23) * HOUR)
                d = rng.choice([x for x in DNAMES if x != "Saltmarsh Coast"])
                a = c.pick_on_duty(["resp"], d, ts) or c.any_member("resp", d)
                cid, sgt, rel = self.occ.detain(v, a, ts, d)
                t = rel
                for _ in range(rng.randint(3, 6)):
                    t = c.at_work(st, t + rng.randint(2, 8) * DAY)
                    if t is None:
                        break
                    c.sink.add("CUSTODY", t, st.sid, "view", "custody", cid, "", st.desk)
                    t = c.look(st, "RMS", t + 60, v, 0.4)
            self.lookalikes.append((st.sid, "bail_manager", ""))
        # supervisors reviewing their team's DA victim several times in the first week, recorded
        for st in self.eligible(("resp_sgt",), ("PS",))[:n]:
            seg = st.segments[0]
            team = [m for m in c.members("resp", seg.district) if m.segments[0].team == seg.team]
            ts = self.duty_ts(st, 1, int(days * 0.5), margin=4 * HOUR)
            on = [m for m in team if ts and m.duty_at(ts) is not None]
            if not on:
                continue
            self.used_staff.add(st.sid)
            v = self.victim(("da",), seg.district, 18, 40)
            o = self.occ.build("domestic_abuse", ts, seg.district, victim=v, force_att=on[0], scripted=True)
            o.staff.append((st.sid, "supervisor", ts + HOUR, ts + 10 * DAY, True))
            t = ts + 2 * HOUR
            for _ in range(rng.randint(3, 6)):
                t = c.at_work(st, t + rng.randint(10, 40) * HOUR)
                if t is None:
                    break
                t = c.look_occ(st, "RMS", t, o.oid)
                t = c.look(st, "RMS", t, v, 0.1)
                c.look_occ(st, "RMS", t, o.oid, act="update")
            self.lookalikes.append((st.sid, "supervisor_review", o.oid))
        # a mover who carries on with cases from the old post (still OIC)
        for st in [s for s in c.wf.movers if s.sid not in self.used_staff and s.left_k is None
                   and s.segments[0].kind in ("resp", "npt", "cid_dc") and s.segments[1].k0 >= 10][:n]:
            self.used_staff.add(st.sid)
            old = st.segments[0]
            v = self.victim(("da", "gen", "so"), old.district or "Kirkby Fell", 18, 45)
            o = self._occ_with(st, rng.choice(("assault", "harassment_stalking", "domestic_abuse")), v, 1,
                               old.k1 - 3, force_att=st, force_oic=st, dur_days=days)
            if o is None:
                continue
            t = c.clock.local_ts(old.k1, 0)
            for _ in range(rng.randint(4, 8)):
                t = c.at_work(st, t + rng.randint(2, 7) * DAY)
                if t is None:
                    break
                t = c.look_occ(st, "RMS", t, o.oid)
                t = c.look(st, "RMS", t, v, 0.2)
                c.look_occ(st, "RMS", t, o.oid, act="update")
            self.lookalikes.append((st.sid, "mover_finishing_cases", o.oid))
        # neighbourhood officer managing a vulnerable adult on the beat (partly recorded)
        for st in self.eligible(("npt",), ("PC",), cond=lambda s: s.segments[0].team.startswith("NPT "))[:n]:
            self.used_staff.add(st.sid)
            seg = st.segments[0]
            v = self.victim(("va", "mh"), seg.district, 18, 45, beat=seg.team[4:]) or self.victim(("va", "mh"), seg.district, 18, 45)
            if v is None:
                continue
            oids = []
            for j in range(rng.randint(1, 3)):
                o = self._occ_with(st, "concern_for_welfare", v, 1 + j * days // 3, (j + 1) * days // 3,
                                   force_att=st, force_oic=st if rng.random() < 0.5 else None)
                if o:
                    oids.append(o.oid)
            for ts, off in self.times(st, 2, days, rng.randint(8, 16), 0.0, min_gap=6 * HOUR):
                c.look(st, "MOBILE" if st.mdt else "RMS", ts, v, 0.15)
            self.lookalikes.append((st.sid, "npt_vulnerable_adult", ";".join(oids)))
        # staff who declared a relative and looked at the relative's record with permission
        for _ in range(n + 1):
            st = self.take(self.eligible(("resp", "hq_admin", "ctrl_disp", "cj_cf", "npt", "intel_res")))
            if st is None:
                break
            v = self.victim(("da", "gen", "so", "mh"), None, 18, 40)
            ts = c.clock.local_ts(rng.randint(0, days // 2), 12 * HOUR)
            o = self.occ.build(rng.choice(("assault", "harassment_stalking", "domestic_abuse")), ts,
                               ppl.noms[v].district, victim=v, scripted=True)
            rel = rng.choice(("daughter", "sister", "niece", "stepdaughter"))
            rep = c.clock.date_str(self._k(ts) + 1)
            c.wf.circumstances.append([st.sid, rep, "relationship",
                                       "Declared: %s (%s) is victim in %s; supervisor authorised viewing the "
                                       "occurrence for updates only" % (rel, ppl.noms[v].nid, o.oid)])
            for tt, off in self.times(st, self._k(ts) + 1, days, rng.randint(2, 4), 0.0, min_gap=DAY):
                t = c.look_occ(st, "RMS", tt, o.oid)
                if rng.random() < 0.5:
                    c.look(st, "RMS", t, v, 0.0)
            self.lookalikes.append((st.sid, "declared_relative", o.oid))
        # officers who create welfare-check records themselves, legitimately
        for _ in range(n):
            st = self.take(self.eligible(("resp", "npt"), ("PC",)))
            if st is None:
                break
            v = self.victim(("mh", "va", "sub"), st.segments[0].district, 18, 45)
            o = self._occ_with(st, "concern_for_welfare", v, 1, days - 3, force_att=st, force_oic=st)
            if o:
                o.created_by = st.sid
                self.lookalikes.append((st.sid, "self_generated_welfare", o.oid))

    def _overtime_sessions(self, st, o, v, n):
        """Follow-up work, some of it on overtime that never reached the roster."""
        c, rng = self.c, self.rng
        t = o.opened + DAY
        for i in range(n):
            t += rng.randint(2, 6) * DAY
            if t >= c.clock.t1:
                break
            if rng.random() < 0.4 and st.duty_at(t) is None:
                k, _ = c.clock.local_day_sec(t)
                a = c.clock.local_ts(k, 9 * HOUR)
                b = a + 4 * HOUR
                if not any(iv[0] < b and a < iv[1] for iv in st.worked):
                    st.worked.append((a, b, 0))
                    st.worked.sort()
                    st.wstarts = [iv[0] for iv in st.worked]
                tt = a + rng.randint(10, 120) * MIN
            else:
                tt = c.at_work(st, t)
                if tt is None:
                    continue
            tt = c.look_occ(st, "RMS", tt, o.oid)
            tt = c.look(st, "RMS", tt, v, 0.1)
            if rng.random() < 0.4:
                tt = c.look_addr(st, "RMS", tt, v, search_p=0.0)
            c.look_occ(st, "RMS", tt, o.oid, act="update")

    def lookalikes_cases(self):
        """Force-wide events: a high-profile missing woman, a frequent caller."""
        c, rng, ppl, cl = self.c, self.rng, self.c.ppl, self.c.clock
        days = cl.days
        # --- high-profile missing person: hundreds of staff read her record in briefings
        v = self.victim(("mp", "gen"), "Kirkby Fell", 17, 24)
        m = max(1, int(days * 0.45))
        ts = cl.local_ts(m, 21 * HOUR + rng.randrange(3600))
        a = c.pick_on_duty(["resp"], "Kirkby Fell", ts) or c.any_member("resp", "Kirkby Fell")
        o = self.occ.build("missing_person", ts, "Kirkby Fell", victim=v, force_att=a, scripted=True, dur_days=4)
        ds = c.any_member("cid_ds", "Kirkby Fell")
        if ds:
            o.staff.append((ds.sid, "investigator", ts + HOUR, o.closed, True))
        t_end = ts + 4 * DAY
        count = 0
        for st in c.wf.staff:
            kinds = {s.kind for s in st.segments}
            p = 0.0
            if kinds & {"resp", "resp_sgt", "npt", "pcso", "roads", "rural", "special", "outreach"}:
                p = 0.65
            elif kinds & {"ctrl_ch", "ctrl_disp", "ctrl_sup"}:
                p = 0.4
            elif kinds & {"cid_dc", "cid_ds", "intel_an", "intel_res", "intel_fio", "ppu_cp"}:
                p = 0.8
            elif kinds & {"hq_admin", "cj_cf", "cj_wc"}:
                p = 0.05
            if p == 0.0:
                continue
            hit = False
            for (s, e, si) in st.worked:
                if s > t_end or e < ts:
                    continue
                if rng.random() < p:
                    t = max(s, ts + 30 * MIN) + rng.randint(5, 60) * MIN
                    if t >= e:
                        continue
                    sysid = "MOBILE" if (st.mdt and rng.random() < 0.5) else "RMS"
                    t = c.look(st, sysid, t, v, 0.12)
                    if rng.random() < 0.3:
                        c.look_occ(st, sysid, t, o.oid)
                    hit = True
            count += hit
        self.lookalikes.append(("*", "high_profile_missing_person", "%s viewed by about %d staff" % (o.oid, count)))
        self.mp_nominal = v
        # --- a frequent caller: a woman who rings the control room almost daily
        fc = self.victim(("mh",), "Eastholme", 25, 45, need=lambda n: bool(n.phone))
        if fc is not None:
            k = 0
            handlers = set()
            while k < days:
                tsc = cl.local_ts(k, rng.randint(0, 23) * HOUR + rng.randrange(3600))
                ch = c.pick_on_duty(["ctrl_ch"], "*", tsc)
                if ch is not None:
                    o2 = self.occ.build("concern_for_welfare" if rng.random() < 0.5 else "advice_only", tsc,
                                        "Eastholme", victim=fc, force_ch=ch, caller_victim=True, scripted=True)
                    handlers.add(ch.sid)
                    # a call-back a couple of hours later
                    if rng.random() < 0.3:
                        t2 = tsc + rng.randint(60, 180) * MIN
                        if ch.duty_at(t2):
                            c.sink.add("CAD", t2, ch.sid, "search", "nominal", "", "TEL " + ppl.noms[fc].phone.replace(" ", ""), ch.desk)
                            c.sink.add("CAD", t2 + 20, ch.sid, "view", "nominal", ppl.noms[fc].nid, "", ch.desk)
                            c.sink.add("CAD", t2 + 200, ch.sid, "update", "occurrence", o2.oid, "", ch.desk)
                k += rng.choice((1, 1, 1, 2, 2, 3))
            self.lookalikes.append(("*", "frequent_caller", "%s: %d call handlers" % (ppl.noms[fc].nid, len(handlers))))

    def lookalikes_after(self):
        """Analytical work over many victims (after the occurrences exist)."""
        c, rng, ppl = self.c, self.rng, self.c.ppl
        days = c.clock.days
        # an analyst writing a sexual-offences problem profile: many young female victims, county-wide
        an = self.take(self.eligible(("intel_an",)))
        if an is not None:
            pool = [o for o in c.occs if o.cat in ("sexual_offence", "domestic_abuse") and o.victims]
            k0 = rng.randint(1, max(2, days - 20))
            times = self.times(an, k0, k0 + 15, rng.randint(8, 14), 0.0)
            for ts, _ in times:
                t = ts
                for _ in range(rng.randint(4, 9)):
                    o = pool[rng.randrange(len(pool))]
                    if o.opened > t:
                        continue
                    t = c.look_occ(an, "RMS", t, o.oid)
                    if rng.random() < 0.6:
                        t = c.look(an, "RMS", t, o.victims[0], 0.0)
                if rng.random() < 0.3:
                    c.sink.add("RMS", t, an.sid, "export", "other", "", "report:sexual_offences_problem_profile", an.desk)
            self.lookalikes.append((an.sid, "problem_profile_analyst", ""))
        for st in c.wf.staff:
            k = st.segments[0].kind
            if k in ("outreach", "triage", "ppu_marac", "ppu_mosovo", "vet", "disc", "psd", "trainer"):
                self.lookalikes.append((st.sid, {"outreach": "outreach_officer", "triage": "street_triage",
                                                 "ppu_marac": "marac_coordinator", "ppu_mosovo": "offender_manager",
                                                 "vet": "vetting_searcher", "disc": "disclosure_officer",
                                                 "psd": "auditor", "trainer": "trainer"}[k], ""))
