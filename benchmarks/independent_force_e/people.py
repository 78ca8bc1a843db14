"""The people, places, vehicles and intelligence records held on Fellmoor's systems."""
from names import DISTRICTS, FORENAMES_F, FORENAMES_M, STREETS, SURNAMES

DNAMES = [d[0] for d in DISTRICTS]
DWEIGHT = [d[2] for d in DISTRICTS]
BEATS = {d[0]: d[3] for d in DISTRICTS}

# group: (share, female probability, (min age, max age), base markers, optional markers)
GROUPS = {
    "gen": (0.43, 0.5, (18, 88), [], [("arrested_suspect", 0.04)]),
    "off": (0.16, 0.2, (16, 58), ["arrested_suspect"],
            [("substance_misuse", 0.3), ("mental_health", 0.1), ("homeless", 0.04)]),
    "da": (0.09, 0.86, (17, 62), ["domestic_abuse_victim"],
           [("mental_health", 0.15), ("substance_misuse", 0.1), ("vulnerable_adult", 0.05)]),
    "child": (0.09, 0.5, (1, 17), ["child"],
              [("missing_person", 0.07), ("sexual_offence_victim", 0.03)]),
    "so": (0.02, 0.86, (14, 52), ["sexual_offence_victim"], [("mental_health", 0.2)]),
    "mh": (0.05, 0.55, (18, 70), ["mental_health"], [("vulnerable_adult", 0.3), ("missing_person", 0.1)]),
    "sub": (0.05, 0.35, (18, 60), ["substance_misuse"], [("arrested_suspect", 0.5), ("homeless", 0.15)]),
    "sw": (0.004, 0.93, (18, 45), ["sex_worker"], [("substance_misuse", 0.6), ("arrested_suspect", 0.3),
                                                   ("modern_slavery_victim", 0.05)]),
    "mp": (0.015, 0.6, (13, 40), ["missing_person"], [("mental_health", 0.3)]),
    "va": (0.03, 0.6, (18, 95), ["vulnerable_adult"], [("mental_health", 0.2)]),
    "hom": (0.01, 0.25, (18, 65), ["homeless"], [("substance_misuse", 0.5), ("mental_health", 0.2)]),
    "ms": (0.003, 0.5, (16, 45), ["modern_slavery_victim"], []),
}
GNAMES = list(GROUPS)
GSHARE = [GROUPS[g][0] for g in GNAMES]
GCUM = [sum(GSHARE[:i + 1]) for i in range(len(GSHARE))]
DCUM = [sum(DWEIGHT[:i + 1]) for i in range(len(DWEIGHT))]

LETTERS = "ABCDEFGHJKLMNOPRSTUVWXY"
AREA = {"Kirkby Fell": "FK", "Eastholme": "FE", "Saltmarsh Coast": "FS", "Wendlow Vale": "FW",
        "Harrowby Moors": "FH"}


class Nominal:
    __slots__ = ("idx", "nid", "sex", "by", "age", "district", "beat", "markers", "group", "sur",
                 "fore", "phone", "addr", "vrm", "intel")

    def female_adult(self, lo=18, hi=99):
        return self.sex == "F" and lo <= self.age <= hi


class People:
    def __init__(self, rng, clock, S):
        self.rng, self.clock = rng, clock
        self.year = clock.start_date.year
        self.noms = []
        self.addresses = []       # (loc_id, text, district, beat)
        self.intel = []           # (intel_id, nominal idx or -1, district)
        self.pool = {}            # (group, district) -> [idx]
        self.beatpool = {}        # beat -> [idx]
        self.by_vrm = {}
        n = S * 60
        self._addresses(int(n * 0.75))
        self._nominals(n)
        self._training()
        self._intel(S * 22)

    def _addresses(self, n):
        rng = self.rng
        used = set()
        self.addr_by_beat = {}
        for i in range(n):
            d = rng.choices(DNAMES, cum_weights=DCUM)[0]
            beat = rng.choice(BEATS[d])
            town = beat.replace(" Villages", "").replace(" Central", "").replace(" Town", "") \
                .replace(" North", "").replace(" Seafront", "").replace(" Riverside", "").split(" and ")[0]
            while True:
                lid = "LOC%07d" % rng.randrange(1000000, 9999999)
                if lid not in used:
                    used.add(lid)
                    break
            flat = ("Flat %d, " % rng.randint(1, 12)) if rng.random() < 0.15 else ""
            text = "%s%d %s, %s" % (flat, rng.randint(1, 140), rng.choice(STREETS), town.upper())
            self.addresses.append((lid, text, d, beat))
            self.addr_by_beat.setdefault(beat, []).append(i)

    def _nominals(self, n):
        rng = self.rng
        used = set()
        vrms = set()
        for i in range(n):
            g = rng.choices(GNAMES, cum_weights=GCUM)[0]
            share, pf, (a0, a1), base, opt = GROUPS[g]
            nm = Nominal()
            nm.idx = i
            while True:
                nid = "NOM%07d" % rng.randrange(100000, 9999999)
                if nid not in used:
                    used.add(nid)
                    break
            nm.nid = nid
            nm.group = g
            nm.sex = "F" if rng.random() < pf else "M"
            age = rng.randint(a0, a1)
            if g in ("gen", "va") and rng.random() < 0.5:
                age = rng.randint(a0, min(a1, 55))
            nm.age = age
            nm.by = self.year - age
            mk = list(base)
            for m, p in opt:
                if rng.random() < p:
                    mk.append(m)
            if age < 18 and "child" not in mk:
                mk.append("child")
            nm.markers = mk
            d = rng.choices(DNAMES, cum_weights=DCUM)[0]
            nm.district = d
            nm.beat = rng.choice(BEATS[d])
            nm.sur = rng.choice(SURNAMES)
            nm.fore = rng.choice(FORENAMES_F if nm.sex == "F" else FORENAMES_M)
            nm.phone = "07%03d %06d" % (rng.randrange(100, 999), rng.randrange(0, 999999)) if age >= 13 and rng.random() < 0.8 else ""
            ab = self.addr_by_beat.get(nm.beat)
            nm.addr = ab[rng.randrange(len(ab))] if ab else rng.randrange(len(self.addresses))
            nm.vrm = ""
            if age >= 18 and rng.random() < 0.33:
                while True:
                    v = "%s%02d %s" % (AREA[d], rng.choice((15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74)),
                                       "".join(rng.choice(LETTERS) for _ in range(3)))
                    if v not in vrms:
                        vrms.add(v)
                        break
                nm.vrm = v
                self.by_vrm[v] = i
            nm.intel = []
            self.noms.append(nm)
            self.pool.setdefault((g, d), []).append(i)
            self.beatpool.setdefault(nm.beat, []).append(i)
        # messy records: a few with sex or birth year unknown
        for nm in self.noms:
            r = rng.random()
            if r < 0.01:
                nm.sex = ""
            elif r < 0.02:
                nm.by = None

    def _training(self):
        """Dummy records used on training courses (searched over and over by trainers)."""
        self.training = []
        for i, (f, s) in enumerate([("TEST", "TRAINING"), ("DUMMY", "TRAINING"), ("PERSON", "EXERCISE"),
                                    ("SUBJECT", "EXERCISE"), ("RECORD", "TRAINING")]):
            nm = Nominal()
            nm.idx = len(self.noms)
            nm.nid = "NOM990%04d" % (i + 1)
            nm.group = "training"
            nm.sex = "F" if i % 2 else "M"
            nm.age = 30
            nm.by = 1990
            nm.markers = []
            nm.district = "Kirkby Fell"
            nm.beat = "Kirkby Fell Town"
            nm.sur, nm.fore = s, f
            nm.phone = ""
            nm.addr = 0
            nm.vrm = ""
            nm.intel = []
            self.noms.append(nm)
            self.training.append(nm.idx)

    def _intel(self, n):
        rng = self.rng
        cand = [i for i, nm in enumerate(self.noms) if nm.group in ("off", "sub", "sw", "hom", "da", "ms", "mp")]
        for j in range(n):
            iid = "IR%07d" % (1000000 + j * 7 + rng.randrange(7))
            if rng.random() < 0.85 and cand:
                ni = cand[rng.randrange(len(cand))]
                d = self.noms[ni].district
            else:
                ni = -1
                d = rng.choices(DNAMES, cum_weights=DCUM)[0]
            self.intel.append((iid, ni, d))
            if ni >= 0:
                self.noms[ni].intel.append(j)

    def new_intel(self, ni, district):
        j = len(self.intel)
        iid = "IR%07d" % (1000000 + j * 7 + self.rng.randrange(7))
        self.intel.append((iid, ni, district))
        if ni >= 0:
            self.noms[ni].intel.append(j)
        return iid

    # --------------------------------------------------------------- choice
    def pick(self, group, district, skew=1.0, cond=None):
        """Pick a nominal index from a group in a district; skew>1 favours the head of the
        list (repeat victims and prolific offenders)."""
        lst = self.pool.get((group, district))
        if not lst:
            lst = self.pool.get((group, DNAMES[0]))
        rng = self.rng
        for _ in range(8):
            i = lst[int(len(lst) * (rng.random() ** skew))]
            if cond is None or cond(self.noms[i]):
                return i
        return i

    def addr_text(self, nm):
        return self.addresses[nm.addr][1]

    def addr_id(self, nm):
        return self.addresses[nm.addr][0]
