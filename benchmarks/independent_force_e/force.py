"""The Fellmoor Constabulary workforce: staff, postings, rosters (rostered and actually
worked duty), vetting, declared circumstances and historic allegations."""
import bisect
import datetime as _dt

from names import DISTRICTS, FORENAMES_F, FORENAMES_M, SURNAMES
from timeutil import HOUR, MIN, day_number

DNAMES = [d[0] for d in DISTRICTS]
DCODE = {d[0]: d[1] for d in DISTRICTS}
DWEIGHT = [d[2] for d in DISTRICTS]
BEATS = {d[0]: d[3] for d in DISTRICTS}

ANCHOR = day_number(_dt.date(2024, 1, 1))   # a Monday; all rota cycles are anchored here

# ---- rota patterns (local wall time) ------------------------------------------------
SHIFT_TIMES = {
    # code: (start second of local day, duration seconds)
    "E": (7 * HOUR, 10 * HOUR), "D": (10 * HOUR, 10 * HOUR), "L": (15 * HOUR, 10 * HOUR),
    "N": (22 * HOUR, 10 * HOUR),
    "d": (7 * HOUR, 12 * HOUR), "n": (19 * HOUR, 12 * HOUR),
    "e": (8 * HOUR, 8 * HOUR), "l": (15 * HOUR, 8 * HOUR),
}
ROTAS = {
    # 10-hour shifts on a 5-week pattern (response, roads and rural), five teams
    "resp10": ("EEEEE--" "LLLL---" "NNNN---" "-DDDD--" "LLL----", 7),
    # control room: 12-hour Pitman, days for a fortnight then nights, four teams
    "ctrl12": ("dd--ddd--dd---" "nn--nnn--nn---", 7),
    # custody: two days, two nights, four off, four teams
    "cust12": ("ddnn----", 2),
    # neighbourhood: 8-hour earlies and lates, alternate weekends, two groups
    "npt8": ("eeell--" "--lllee", 7),
}

# kind -> (unit template, role, vetting level required, roster kind, district-based)
KINDS = {
    "resp": ("Response {d}", "response officer", "NPPV2", "resp10", True),
    "resp_sgt": ("Response {d}", "response sergeant", "NPPV2", "resp10", True),
    "roads": ("Roads and Rural Crime Unit", "roads policing officer", "NPPV2", "resp10", True),
    "rural": ("Roads and Rural Crime Unit", "rural crime officer", "NPPV2", "resp10", True),
    "npt": ("Neighbourhood {d}", "neighbourhood officer", "NPPV2", "npt8", True),
    "pcso": ("Neighbourhood {d}", "PCSO", "NPPV2", "npt8", True),
    "outreach": ("Neighbourhood {d}", "vulnerability outreach officer", "NPPV2", "npt8", True),
    "triage": ("Mental Health Street Triage", "street triage officer", "NPPV2", "npt8", True),
    "ctrl_ch": ("Force Control Room", "call handler", "NPPV3", "ctrl12", False),
    "ctrl_disp": ("Force Control Room", "dispatcher", "NPPV3", "ctrl12", False),
    "ctrl_sup": ("Force Control Room", "control room supervisor", "NPPV3", "ctrl12", False),
    "cust_sgt": ("Custody", "custody sergeant", "NPPV3", "cust12", False),
    "cust_do": ("Custody", "detention officer", "NPPV3", "cust12", False),
    "ppu_da": ("Public Protection Unit", "domestic abuse investigator", "MV", "flex", True),
    "ppu_cp": ("Public Protection Unit", "child protection investigator", "MV", "flex", True),
    "ppu_mosovo": ("Public Protection Unit", "sex offender manager", "MV", "flex", False),
    "ppu_marac": ("Public Protection Unit", "MARAC coordinator", "MV", "flex", False),
    "ppu_sup": ("Public Protection Unit", "PPU supervisor", "MV", "flex", False),
    "cid_dc": ("CID {d}", "detective constable", "NPPV3", "oncall", True),
    "cid_ds": ("CID {d}", "detective sergeant", "MV", "oncall", True),
    "intel_an": ("Intelligence Bureau", "intelligence analyst", "MV", "flex", False),
    "intel_res": ("Intelligence Bureau", "intelligence researcher", "MV", "flex", False),
    "intel_fio": ("Intelligence Bureau", "field intelligence officer", "MV", "flex", True),
    "vet": ("Disclosure and Vetting Unit", "vetting officer", "MV", "flex", False),
    "disc": ("Disclosure and Vetting Unit", "disclosure officer", "MV", "flex", False),
    "foi": ("Disclosure and Vetting Unit", "FOI officer", "NPPV3", "flex", False),
    "cj_wc": ("Criminal Justice Unit", "witness care officer", "NPPV2", "flex", False),
    "cj_cf": ("Criminal Justice Unit", "case file officer", "NPPV2", "flex", False),
    "cj_bail": ("Criminal Justice Unit", "bail manager", "NPPV2", "flex", False),
    "psd": ("Professional Standards Department", "auditor", "MV", "flex", False),
    "trainer": ("Learning and Development", "trainer", "NPPV2", "flex", False),
    "hq_reg": ("HQ Crime Management Unit", "crime registrar", "NPPV2", "flex", False),
    "hq_admin": ("HQ Services", "administrator", "NPPV1", "flex", False),
    "special": ("Special Constabulary {d}", "special constable", "NPPV2", "special", True),
    "volunteer": ("Volunteers {d}", "front counter volunteer", "RV", "volunteer", True),
}

FRONTLINE = {"resp", "resp_sgt", "roads", "rural", "npt", "pcso", "outreach", "triage", "special"}

# group fraction of staff, list of (kind, share, minimum)
GROUPS = [
    (0.290, [("resp", 0.86, 5), ("resp_sgt", 0.14, 2)]),
    (0.035, [("roads", 0.65, 1), ("rural", 0.35, 1)]),
    (0.080, [("npt", 1.0, 3)]),
    (0.070, [("pcso", 1.0, 3)]),
    (0.004, [("outreach", 1.0, 1)]),
    (0.004, [("triage", 1.0, 1)]),
    (0.100, [("ctrl_ch", 0.60, 4), ("ctrl_disp", 0.32, 2), ("ctrl_sup", 0.08, 1)]),
    (0.045, [("cust_sgt", 0.30, 2), ("cust_do", 0.70, 2)]),
    (0.060, [("ppu_da", 0.45, 2), ("ppu_cp", 0.20, 1), ("ppu_mosovo", 0.20, 1),
             ("ppu_marac", 0.05, 1), ("ppu_sup", 0.10, 1)]),
    (0.070, [("cid_dc", 0.85, 3), ("cid_ds", 0.15, 1)]),
    (0.035, [("intel_an", 0.40, 1), ("intel_res", 0.35, 1), ("intel_fio", 0.25, 1)]),
    (0.020, [("vet", 0.50, 1), ("disc", 0.30, 1), ("foi", 0.20, 1)]),
    (0.030, [("cj_wc", 0.40, 1), ("cj_cf", 0.35, 1), ("cj_bail", 0.25, 1)]),
    (0.008, [("psd", 1.0, 1)]),
    (0.008, [("trainer", 1.0, 1)]),
    (0.070, [("hq_reg", 0.25, 1), ("hq_admin", 0.75, 1)]),
    (0.060, [("special", 1.0, 2)]),
    (0.010, [("volunteer", 1.0, 1)]),
]

VET_ORDER = ["RV", "NPPV1", "NPPV2", "NPPV3", "MV", "SC", "DV"]


class Segment:
    """A stretch of one job between period days k0 (incl.) and k1 (excl.)."""
    __slots__ = ("k0", "k1", "kind", "unit", "role", "team", "district", "roster", "team_idx",
                 "suite", "rostered_supplied")

    def __init__(self, k0, k1, kind, unit, role, team, district, roster, team_idx, suite=""):
        self.k0, self.k1, self.kind, self.unit, self.role = k0, k1, kind, unit, role
        self.team, self.district, self.roster, self.team_idx = team, district, roster, team_idx
        self.suite = suite
        self.rostered_supplied = True


class Staff:
    __slots__ = ("sid", "idx", "name", "stype", "rank", "sex", "home", "joined", "left",
                 "left_k", "segments", "postings", "worked", "wstarts", "rostered", "desk",
                 "mdt", "vpn", "habit", "beat_list", "caseload", "flags", "vetting")

    def __init__(self):
        self.segments = []
        self.postings = []
        self.worked = []
        self.wstarts = []
        self.rostered = []
        self.beat_list = None
        self.caseload = []
        self.flags = set()
        self.left_k = None

    # segment in force on period day k
    def seg_at(self, k):
        segs = self.segments
        for s in segs:
            if s.k0 <= k < s.k1:
                return s
        if k < segs[0].k0:
            return segs[0]
        return segs[-1]

    @property
    def kind(self):
        return self.segments[0].kind

    def duty_at(self, ts):
        """The worked interval containing ts, or None."""
        i = bisect.bisect_right(self.wstarts, ts) - 1
        if i >= 0:
            iv = self.worked[i]
            if ts < iv[1]:
                return iv
        return None

    def next_duty(self, ts):
        """The first worked interval ending after ts (the current one if on duty)."""
        i = bisect.bisect_right(self.wstarts, ts) - 1
        if i >= 0 and ts < self.worked[i][1]:
            return self.worked[i]
        i += 1
        if i < len(self.worked):
            return self.worked[i]
        return None


def _alloc(S):
    counts = []
    for frac, kinds in GROUPS:
        g = frac * S
        for kind, share, mn in kinds:
            counts.append([kind, max(mn, int(round(g * share)))])
    total = sum(c for _, c in counts)
    # response absorbs the rounding
    counts[0][1] += S - total
    if counts[0][1] < 5:
        raise SystemExit("--staff too small for this force (minimum about 200)")
    return counts


def _district_split(rng, n):
    """Split n people over districts by population weight (largest remainder)."""
    raw = [n * w for w in DWEIGHT]
    base = [int(x) for x in raw]
    rem = n - sum(base)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - base[i]), i))
    for i in order[:rem]:
        base[i] += 1
    return base


class Workforce:
    def __init__(self, rng, clock, S):
        self.rng = rng
        self.clock = clock
        self.S = S
        self.staff = []
        self.by_id = {}
        self.circumstances = []   # (staff_id, reported_date, kind, notes)
        self.allegations = []     # dicts
        self._build_staff()
        self._build_postings()
        self._build_rosters()
        self._build_vetting()
        self._build_circumstances()
        self._build_allegations()

    # ------------------------------------------------------------------ staff
    def _new_id(self, prefix, width, used):
        rng = self.rng
        while True:
            sid = prefix + str(rng.randrange(10 ** (width - 1) // 10, 10 ** width)).zfill(width)
            if sid not in used:
                used.add(sid)
                return sid

    def _build_staff(self):
        rng, clock = self.rng, self.clock
        used = set()
        counts = _alloc(self.S)
        seasonal_open = self._season()
        for kind, n in counts:
            unit_t, role, vet, roster, by_district = KINDS[kind]
            if by_district:
                split = _district_split(rng, n)
                if kind in ("outreach", "triage"):
                    # small specialist teams live in the towns
                    split = [0] * len(DNAMES)
                    for i in range(n):
                        split[(1, 2, 0)[i % 3] if kind == "outreach" else (0, 1)[i % 2]] += 1
                if kind in ("roads", "rural"):
                    split = [0] * len(DNAMES)
                    for i in range(n):
                        split[(0, 1, 2, 3, 4)[i % 5]] += 1
            else:
                split = None
            members = []
            if split is None:
                members = [("", i) for i in range(n)]
            else:
                for di, c in enumerate(split):
                    members += [(DNAMES[di], i) for i in range(c)]
            for district, i in members:
                st = Staff()
                st.idx = len(self.staff)
                st.sex = "F" if rng.random() < (0.62 if kind in ("ctrl_ch", "ctrl_disp", "hq_admin", "cj_wc", "vet", "disc", "ppu_marac", "pcso") else 0.36) else "M"
                fn = rng.choice(FORENAMES_F if st.sex == "F" else FORENAMES_M)
                st.name = "%s %s" % (fn, rng.choice(SURNAMES).title())
                stype, rank = self._type_rank(kind, i)
                st.stype, st.rank = stype, rank
                prefix = {"officer": ("C", 4), "special_constable": ("SC", 4), "pcso": ("CS", 4),
                          "staff": ("S", 5), "volunteer": ("V", 4)}[stype]
                st.sid = self._new_id(prefix[0], prefix[1], used)
                years = rng.randint(0, 28) if stype in ("officer", "staff") else rng.randint(0, 9)
                if rank in ("PS", "DS"):
                    years = max(years, rng.randint(6, 14))
                if rank in ("Insp", "DI", "CI"):
                    years = max(years, rng.randint(12, 22))
                jd = clock.start_date - _dt.timedelta(days=years * 365 + rng.randint(30, 360))
                st.joined = jd.isoformat()
                st.left = ""
                team = ""
                team_idx = 0
                suite = ""
                if KINDS[kind][3] in ("resp10",):
                    team_idx = i % 5
                    team = "Team " + "ABCDE"[team_idx]
                elif KINDS[kind][3] in ("ctrl12", "cust12"):
                    team_idx = i % 4
                    team = "Team %d" % (team_idx + 1)
                elif kind in ("npt", "pcso"):
                    beats = BEATS[district]
                    team = "NPT " + beats[i % len(beats)]
                    team_idx = i % 2
                elif kind == "outreach":
                    team = "Vulnerability Outreach"
                elif kind == "triage":
                    team = "Street Triage"
                elif kind.startswith("ppu"):
                    team = {"ppu_da": "Domestic Abuse Team", "ppu_cp": "Child Protection",
                            "ppu_mosovo": "MOSOVO", "ppu_marac": "MARAC", "ppu_sup": "PPU Management"}[kind]
                elif kind.startswith("intel"):
                    team = "Analysis" if kind == "intel_an" else ("Research" if kind == "intel_res" else "Field Intelligence")
                if kind.startswith("ppu") and kind not in ("ppu_da", "ppu_cp"):
                    district = ""
                if kind in ("ppu_da", "ppu_cp", "intel_fio") and not district:
                    district = DNAMES[i % len(DNAMES)]
                if kind in ("cust_sgt", "cust_do"):
                    suite = "Kirkby Fell"
                    district = "Kirkby Fell"
                    if seasonal_open and self.S >= 500 and i % 4 == 3 and i < n * 0.6:
                        suite = "Marshby (seasonal)"
                        district = "Saltmarsh Coast"
                home = district or DNAMES[rng.randrange(len(DNAMES))]
                if rng.random() < 0.25:
                    home = rng.choices(DNAMES, DWEIGHT)[0]
                st.home = home
                unit = unit_t.format(d=district) if "{d}" in unit_t else unit_t
                if kind in ("cust_sgt", "cust_do"):
                    unit = "Custody - " + suite
                seg = Segment(-400, self.clock.days + 1, kind, unit, role, team, district,
                              roster, team_idx, suite)
                st.segments = [seg]
                st.desk = "%s-WS%03d" % (DCODE.get(district, "HQ"), rng.randrange(1, 400))
                st.mdt = "MDT%05d" % rng.randrange(10000, 99999) if kind in FRONTLINE or kind.startswith("cid") or kind == "intel_fio" or kind.startswith("ppu") else ""
                st.vpn = "LT%05d" % rng.randrange(10000, 99999) if (not kind in FRONTLINE or kind in ("resp_sgt",)) else ""
                st.habit = rng.randint(0, 5400)  # flexible workers' habitual start offset
                self.staff.append(st)
                self.by_id[st.sid] = st
        # leavers during the period (never the last few days) and a few long-gone accounts
        days = self.clock.days
        pool = [s for s in self.staff if s.kind not in ("volunteer",)]
        n_leave = max(1, int(self.S * 0.004))
        for st in rng.sample(pool, n_leave):
            k = rng.randint(max(2, days // 5), max(3, days - 5))
            st.left_k = k
            st.left = self.clock.date_str(k)
            st.flags.add("leaver")

    def _type_rank(self, kind, i):
        rng = self.rng
        if kind in ("resp",):
            return "officer", "PC"
        if kind == "resp_sgt":
            return "officer", ("Insp" if i % 6 == 5 else "PS")
        if kind in ("roads", "rural", "outreach", "triage"):
            return "officer", ("PS" if i % 9 == 8 else "PC")
        if kind == "npt":
            return "officer", ("PS" if i % 7 == 6 else "PC")
        if kind == "pcso":
            return "pcso", ""
        if kind in ("ctrl_ch", "ctrl_disp", "ctrl_sup", "cust_do", "ppu_marac", "intel_an",
                    "intel_res", "vet", "disc", "foi", "cj_wc", "cj_cf", "cj_bail", "hq_reg",
                    "hq_admin"):
            if kind == "ctrl_sup" and i % 5 == 4:
                return "officer", "Insp"
            return "staff", ""
        if kind == "cust_sgt":
            return "officer", "PS"
        if kind == "ppu_da":
            return ("staff", "") if rng.random() < 0.3 else ("officer", "DC")
        if kind in ("ppu_cp",):
            return "officer", "DC"
        if kind == "ppu_mosovo":
            return ("staff", "") if rng.random() < 0.4 else ("officer", "DC")
        if kind == "ppu_sup":
            return "officer", ("DI" if i % 3 == 2 else "DS")
        if kind == "cid_dc":
            return "officer", "DC"
        if kind == "cid_ds":
            return "officer", ("DI" if i % 4 == 3 else "DS")
        if kind == "intel_fio":
            return "officer", "DC"
        if kind in ("psd",):
            return ("officer", "DS") if i % 2 else ("staff", "")
        if kind == "trainer":
            return ("officer", "PS") if i % 3 else ("staff", "")
        if kind == "special":
            return "special_constable", ("SC Sgt" if i % 10 == 9 else "SC")
        if kind == "volunteer":
            return "volunteer", ""
        return "staff", ""

    def _season(self):
        """Period day on which the seasonal Marshby suite closes (None if it is shut all period)."""
        cl = self.clock
        y = cl.start_date.year
        for yy in (y, y + 1):
            open_d = _dt.date(yy, 5, 1)
            close_d = _dt.date(yy, 9, 30)
            k_open = (open_d - cl.start_date).days
            k_close = (close_d - cl.start_date).days + 1
            if k_open <= 0 < k_close:
                self.season_close_k = k_close if k_close < cl.days else None
                return True
        self.season_close_k = None
        return False

    # --------------------------------------------------------------- postings
    def _build_postings(self):
        rng, cl = self.rng, self.clock
        days = cl.days
        sc = self.season_close_k
        # seasonal custody staff go back to the central suite when the season ends
        for st in self.staff:
            seg = st.segments[0]
            if seg.suite == "Marshby (seasonal)" and sc is not None:
                nseg = Segment(sc, days + 1, seg.kind, "Custody - Kirkby Fell", seg.role, seg.team,
                               "Kirkby Fell", seg.roster, seg.team_idx, "Kirkby Fell")
                seg.k1 = sc
                st.segments.append(nseg)
                st.flags.add("seasonal")
        # movers: about 2.5% of staff change post mid-period
        cand = [s for s in self.staff if len(s.segments) == 1 and s.left_k is None
                and s.kind in ("resp", "npt", "pcso", "cid_dc", "ppu_da", "ctrl_ch", "roads",
                               "intel_res", "hq_admin", "cj_cf")]
        n_move = max(2, int(self.S * 0.025))
        self.movers = []
        for st in rng.sample(cand, min(n_move, len(cand))):
            self._move(st, rng.randint(int(days * 0.3), int(days * 0.7)))
        # postings rows
        for st in self.staff:
            self._posting_rows(st)
        # a few staff with no posting rows at all (HR data missing)
        nopost = [s for s in self.staff if s.kind in ("hq_admin", "cj_cf", "resp", "special")]
        for st in rng.sample(nopost, max(1, int(self.S * 0.004))):
            st.postings = []
            st.flags.add("no_posting")

    def _move(self, st, k):
        rng = self.rng
        old = st.segments[0]
        options = {
            "resp": ["resp", "npt", "ppu_da", "cid_dc", "roads"],
            "npt": ["resp", "roads", "ppu_da", "npt"],
            "pcso": ["pcso"],
            "cid_dc": ["ppu_da", "cid_dc", "intel_fio"],
            "ppu_da": ["cid_dc", "resp"],
            "ctrl_ch": ["ctrl_disp", "hq_admin"],
            "roads": ["resp", "rural"],
            "intel_res": ["intel_an", "vet"],
            "hq_admin": ["cj_cf", "hq_reg"],
            "cj_cf": ["cj_wc", "hq_admin"],
        }[old.kind]
        nk = rng.choice(options)
        unit_t, role, vet, roster, by_d = KINDS[nk]
        if by_d:
            others = [d for d in DNAMES if d != old.district] or DNAMES
            district = rng.choice(others) if (nk == old.kind or rng.random() < 0.6) else (old.district or rng.choice(DNAMES))
        else:
            district = ""
        if nk.startswith("ppu") and nk not in ("ppu_da", "ppu_cp"):
            district = ""
        team, team_idx = "", rng.randrange(5)
        if roster == "resp10":
            team = "Team " + "ABCDE"[team_idx]
        elif roster == "ctrl12":
            team_idx = rng.randrange(4)
            team = "Team %d" % (team_idx + 1)
        elif nk in ("npt", "pcso"):
            team = "NPT " + rng.choice(BEATS[district])
            team_idx = rng.randrange(2)
        elif nk == "ppu_da":
            team = "Domestic Abuse Team"
        unit = unit_t.format(d=district) if "{d}" in unit_t else unit_t
        nseg = Segment(k, old.k1, nk, unit, role, team, district, roster, team_idx)
        old.k1 = k
        st.segments.append(nseg)
        st.flags.add("mover")
        self.movers.append(st)
        if st.stype == "officer" and nk in ("cid_dc", "ppu_da", "intel_fio") and st.rank == "PC":
            pass  # keeps rank PC while a trainee investigator
        if nk in FRONTLINE and not st.mdt:
            st.mdt = "MDT%05d" % rng.randrange(10000, 99999)
        if nk not in FRONTLINE and not st.vpn:
            st.vpn = "LT%05d" % rng.randrange(10000, 99999)

    def _posting_rows(self, st):
        rng, cl = self.rng, self.clock
        rows = []
        first = st.segments[0]
        # when did they take the first post?
        joined = _dt.date.fromisoformat(st.joined)
        span = (cl.start_date - joined).days
        start0 = cl.start_date - _dt.timedelta(days=rng.randint(20, max(21, min(span, 6 * 365))))
        if start0 < joined:
            start0 = joined
        # an earlier post for some
        if rng.random() < 0.3 and (start0 - joined).days > 200:
            prev_kind = rng.choice(["resp", "npt", "ctrl_ch", "hq_admin", "cid_dc"]) if st.stype == "officer" else rng.choice(["hq_admin", "ctrl_ch", "cj_cf"])
            if st.stype in ("pcso", "special_constable", "volunteer"):
                prev_kind = first.kind
            u, r, v, ro, byd = KINDS[prev_kind]
            d = first.district or rng.choice(DNAMES)
            rows.append([st.sid, u.format(d=d) if "{d}" in u else u, r, "", d if byd else "", v,
                         max(joined, start0 - _dt.timedelta(days=rng.randint(200, 2000))).isoformat(),
                         (start0 - _dt.timedelta(days=1)).isoformat()])
        for i, seg in enumerate(st.segments):
            u, r, v, ro, byd = KINDS[seg.kind]
            s_date = start0 if i == 0 else cl.start_date + _dt.timedelta(days=seg.k0)
            if i > 0 and "mover" in st.flags and rng.random() < 0.3:
                # HR recorded the new post a few days late: a gap in the postings
                s_date += _dt.timedelta(days=rng.randint(2, 9))
            if i == len(st.segments) - 1:
                e = st.left if st.left else ""
            else:
                e = (cl.start_date + _dt.timedelta(days=seg.k1 - 1)).isoformat()
            rows.append([st.sid, seg.unit, seg.role, seg.team, seg.district, v, s_date.isoformat(), e])
        # an unexplained gap in an otherwise continuous posting (re-posted after secondment)
        if len(st.segments) == 1 and rng.random() < 0.01 and not st.left:
            r = rows[-1]
            g0 = rng.randint(5, cl.days - 15)
            g1 = g0 + rng.randint(3, 10)
            r2 = list(r)
            r[7] = (cl.start_date + _dt.timedelta(days=g0)).isoformat()
            r2[6] = (cl.start_date + _dt.timedelta(days=g1)).isoformat()
            rows.append(r2)
            st.flags.add("posting_gap")
        st.postings = rows

    # ---------------------------------------------------------------- rosters
    def _build_rosters(self):
        rng, cl = self.rng, self.clock
        days = cl.days
        # neighbourhood rosters of one district were not supplied; specials patchy
        self.missing_roster_district = "Wendlow Vale"
        for st in self.staff:
            worked, rostered = [], []
            leave = self._leave_days(st)
            for si, seg in enumerate(st.segments):
                k0 = max(seg.k0, -1)
                k1 = min(seg.k1, days)
                if st.left_k is not None:
                    k1 = min(k1, st.left_k)
                if k0 >= k1:
                    continue
                supplied = True
                if seg.roster in ("npt8",) and seg.district == self.missing_roster_district:
                    supplied = False
                if seg.roster == "special":
                    supplied = rng.random() < 0.6
                seg.rostered_supplied = supplied
                if seg.roster in ROTAS:
                    self._rota(st, seg, si, k0, k1, leave, worked, rostered if supplied else None)
                elif seg.roster in ("flex", "oncall"):
                    self._flex(st, seg, si, k0, k1, leave, worked)
                elif seg.roster == "special":
                    self._special(st, seg, si, k0, k1, worked, rostered if supplied else None)
                elif seg.roster == "volunteer":
                    self._volunteer(st, seg, si, k0, k1, worked)
            worked.sort()
            # merge overlaps
            merged = []
            for iv in worked:
                if merged and iv[0] <= merged[-1][1]:
                    last = merged[-1]
                    merged[-1] = (last[0], max(last[1], iv[1]), last[2])
                else:
                    merged.append(iv)
            st.worked = merged
            st.wstarts = [iv[0] for iv in merged]
            rostered.sort()
            st.rostered = rostered

    def _leave_days(self, st):
        rng, days = self.rng, self.clock.days
        leave = {}
        nblocks = sum(1 for _ in range(max(1, days // 40)) if rng.random() < 0.7)
        for _ in range(nblocks):
            k = rng.randint(-3, days - 2)
            length = rng.randint(4, 12)
            shown = rng.random() < 0.5   # leave not taken off the roster in half the cases
            for j in range(k, k + length):
                leave[j] = shown
        for k in range(days):
            if rng.random() < 0.02:
                leave[k] = True          # sickness: roster not updated
        return leave

    def _iv(self, k, code):
        s, dur = SHIFT_TIMES[code]
        a = self.clock.local_ts(k, s)
        b = self.clock.local_ts(k, s + dur)
        return a, b

    def _rota(self, st, seg, si, k0, k1, leave, worked, rostered):
        rng, cl = self.rng, self.clock
        pat, step = ROTAS[seg.roster]
        L = len(pat)
        off = seg.team_idx * step
        for k in range(k0, k1):
            code = pat[(cl.d0 + k - ANCHOR + off) % L]
            if code == "-":
                if k >= 0 and rng.random() < 0.03:
                    # overtime on a rest day, not in the roster
                    oc = rng.choice([c for c in pat if c != "-"])
                    a, b = self._iv(k, oc)
                    worked.append((a, b, si))
                continue
            a, b = self._iv(k, code)
            if k in leave:
                if rostered is not None and leave[k]:
                    rostered.append((a, b))
                continue
            if rostered is not None:
                rostered.append((a, b))
            r = rng.random()
            if r < 0.03:
                # swapped with a colleague: works another day instead
                k2 = k + rng.choice((-3, -2, -1, 1, 2, 3, 4))
                if k0 <= k2 < k1:
                    a, b = self._iv(k2, code)
                    worked.append((a, b, si))
                continue
            if r < 0.15:
                b += rng.randint(2, 12) * 15 * MIN   # late finish / overtime
            if rng.random() < 0.04:
                a -= rng.randint(1, 4) * 15 * MIN   # early start
            worked.append((a, b, si))

    def _flex(self, st, seg, si, k0, k1, leave, worked):
        rng, cl = self.rng, self.clock
        remote_kinds = ("intel_an", "vet", "disc", "foi", "cj_cf", "cj_wc", "psd", "hq_reg",
                        "ppu_marac", "ppu_sup", "cid_ds", "ppu_da")
        oncall = seg.roster == "oncall"
        for k in range(k0, k1):
            wd = cl.weekday_of(k)
            if k in leave:
                continue
            if wd < 5:
                if rng.random() < 0.05:
                    continue   # flexi day / course
                s = 7 * HOUR + st.habit + rng.randint(-20, 25) * MIN
                dur = rng.randint(450, 570) * MIN
                if rng.random() < 0.08:
                    dur += rng.randint(60, 240) * MIN
                worked.append((cl.local_ts(k, s), cl.local_ts(k, s + dur), si))
                if seg.kind in remote_kinds and rng.random() < 0.05:
                    s2 = rng.randint(19 * 60, 21 * 60) * MIN
                    worked.append((cl.local_ts(k, s2), cl.local_ts(k, s2 + rng.randint(40, 150) * MIN), si))
            else:
                p = 0.06 if (oncall or seg.kind.startswith("ppu")) else 0.025
                if rng.random() < p:
                    s = rng.randint(8 * 60, 11 * 60) * MIN
                    worked.append((cl.local_ts(k, s), cl.local_ts(k, s + rng.randint(240, 480) * MIN), si))
            if oncall and ((cl.d0 + k - ANCHOR) // 7 + st.idx) % 6 == 0 and rng.random() < 0.3:
                s = rng.randint(21 * 60, 26 * 60) * MIN
                worked.append((cl.local_ts(k, s), cl.local_ts(k, s + rng.randint(120, 330) * MIN), si))

    def _special(self, st, seg, si, k0, k1, worked, rostered):
        rng, cl = self.rng, self.clock
        for k in range(k0, k1):
            wd = cl.weekday_of(k)
            p = 0.32 if wd in (4, 5) else 0.05
            if rng.random() < p:
                if wd in (4, 5) or rng.random() < 0.5:
                    s, dur = 18 * HOUR, 8 * HOUR
                else:
                    s, dur = 9 * HOUR, 8 * HOUR
                a, b = cl.local_ts(k, s), cl.local_ts(k, s + dur)
                if rostered is not None and rng.random() < 0.85:
                    rostered.append((a, b))
                worked.append((a, b, si))

    def _volunteer(self, st, seg, si, k0, k1, worked):
        rng, cl = self.rng, self.clock
        wd_pick = st.idx % 5
        for k in range(k0, k1):
            if cl.weekday_of(k) == wd_pick and rng.random() < 0.8:
                worked.append((cl.local_ts(k, 10 * HOUR), cl.local_ts(k, 14 * HOUR), si))

    # ---------------------------------------------------------------- vetting
    def _build_vetting(self):
        rng, cl = self.rng, self.clock
        self.vetting = []
        for st in self.staff:
            req = KINDS[st.segments[-1].kind][2]
            lvl = req
            if rng.random() < 0.01:
                lvl = VET_ORDER[max(0, VET_ORDER.index(req) - 1)]
            gy = rng.randint(0, 9 if lvl != "MV" else 6)
            granted = cl.start_date - _dt.timedelta(days=gy * 365 + rng.randint(0, 364))
            j = _dt.date.fromisoformat(st.joined)
            if granted < j - _dt.timedelta(days=60):
                granted = j - _dt.timedelta(days=rng.randint(20, 60))
            life = 7 * 365 if lvl == "MV" else 10 * 365
            if lvl == "RV":
                life = 3 * 365
            exp = granted + _dt.timedelta(days=life)
            status = "active" if exp >= cl.start_date else "lapsed"
            if status == "active" and rng.random() < 0.01:
                status = "lapsed"
            self.vetting.append([st.sid, lvl, granted.isoformat(), exp.isoformat(), status])
            # a lower previous clearance for some who changed role
            if rng.random() < 0.1 and lvl in ("MV", "NPPV3"):
                g0 = granted - _dt.timedelta(days=rng.randint(400, 2000))
                self.vetting.append([st.sid, "NPPV2", g0.isoformat(),
                                     (g0 + _dt.timedelta(days=3650)).isoformat(), "withdrawn"])
            st.vetting = lvl

    # ------------------------------------------------------- circumstances
    NOTES = {
        "relationship": ["New partner declared; partner has no police record", "Marriage declared",
                         "Relationship ended", "Partner works for the force (Control Room)",
                         "New partner declared; partner previously known to police as a witness"],
        "address": ["Moved house within the county", "Moved out of county",
                    "Moved address; shares with a lodger"],
        "financial": ["County court judgment declared", "Debt management plan", "Second job: bar work"],
        "association": ["Family member known to police", "Attends same gym as a known offender",
                        "Brother-in-law subject of a current investigation"],
        "criminal": ["Speeding fine (fixed penalty)", "Caution as a juvenile disclosed late"],
        "other": ["Business interest: holiday let", "Social media account in own name reported"],
    }

    def _build_circumstances(self):
        rng, cl = self.rng, self.clock
        kinds = list(self.NOTES)
        w = [35, 25, 10, 15, 5, 10]
        for st in self.staff:
            if rng.random() < 0.06:
                for _ in range(rng.randint(1, 2)):
                    kd = rng.choices(kinds, w)[0]
                    back = rng.randint(-cl.days + 1, 3 * 365)
                    dte = cl.start_date - _dt.timedelta(days=back)
                    self.circumstances.append([st.sid, dte.isoformat(), kd, rng.choice(self.NOTES[kd])])

    # ---------------------------------------------------------- allegations
    CATS = ["misuse_of_systems", "disclosure_of_information", "inappropriate_association",
            "sexual_misconduct", "abuse_of_authority", "theft_fraud", "drugs", "vulnerability",
            "apsp", "other", "assisting_offenders", "perverting_justice"]
    CATW = [20, 14, 12, 8, 12, 6, 4, 4, 4, 10, 3, 3]
    OUTCOMES = ["no_case_to_answer", "reflective_practice", "management_action", "written_warning",
                "final_written_warning", "no_further_action", "resigned", "dismissed"]
    OUTW = [35, 15, 20, 8, 3, 15, 2, 2]
    SOURCES = ["public complaint", "colleague report", "audit", "intelligence", "anonymous (Integrity line)"]

    def _build_allegations(self):
        rng = self.rng
        for st in self.staff:
            if rng.random() < 0.03:
                self.add_allegation(st, rng.choices(self.CATS, self.CATW)[0])

    def add_allegation(self, st, cat, back_days=None):
        rng, cl = self.rng, self.clock
        back = back_days if back_days is not None else rng.randint(120, 6 * 365)
        rec = cl.start_date - _dt.timedelta(days=back)
        outcome = rng.choices(self.OUTCOMES, self.OUTW)[0]
        if outcome in ("resigned", "dismissed"):
            outcome = "management_action"
        od = rec + _dt.timedelta(days=rng.randint(30, 300))
        if od >= cl.start_date:
            outcome, od = "", None
        vm = ""
        if cat in ("apsp", "sexual_misconduct", "vulnerability"):
            vm = rng.choice(["domestic_abuse_victim", "substance_misuse", "mental_health",
                             "domestic_abuse_victim;mental_health", ""])
        iopc = ""
        if cat == "apsp" and rng.random() < 0.5:
            iopc = (rec + _dt.timedelta(days=rng.randint(5, 40))).isoformat()
        self.allegations.append({
            "allegation_id": "AL%02d-%04d" % (rec.year % 100, len(self.allegations) + 101),
            "staff_id": st.sid, "received": rec.isoformat(), "category": cat,
            "source": rng.choice(self.SOURCES), "victim_markers": vm, "referred_to_iopc": iopc,
            "outcome": outcome, "outcome_date": od.isoformat() if od else ""})
