"""The people a force's systems hold: nominals (with markers), their addresses (location
records), vehicles, phone numbers and intelligence records, and the pools the work
generators draw from.  Occurrences and custody are built in occur.py.

Marker proportions aim at an urban RMS: most nominals carry no marker at all; victims of
volume crime are unmarked; DA and sexual-offence victims are marked in ~85% of cases
(recording is imperfect); arrested suspects are the biggest marked group.
"""
import datetime as dt

from common import FEMALE, MALE, SURNAMES, STREETS
from force import DISTRICTS

# profile: (share, female_p, (min_age, max_age), [(marker, p)])
PROFILES = {
    "child": (0.140, 0.49, (0, 17), [("child", 0.96), ("missing_person", 0.05), ("sexual_offence_victim", 0.015),
                                      ("mental_health", 0.02)]),
    "da": (0.050, 0.82, (17, 62), [("domestic_abuse_victim", 0.85), ("mental_health", 0.15),
                                   ("substance_misuse", 0.10), ("vulnerable_adult", 0.05)]),
    "so": (0.015, 0.88, (16, 48), [("sexual_offence_victim", 0.85), ("mental_health", 0.18),
                                   ("domestic_abuse_victim", 0.12), ("vulnerable_adult", 0.05)]),
    "offender": (0.170, 0.20, (15, 58), [("arrested_suspect", 0.90), ("substance_misuse", 0.25),
                                        ("mental_health", 0.10), ("homeless", 0.04)]),
    "sexworker": (0.003, 0.92, (19, 46), [("sex_worker", 0.90), ("substance_misuse", 0.50),
                                         ("domestic_abuse_victim", 0.20), ("arrested_suspect", 0.25),
                                         ("modern_slavery_victim", 0.10), ("vulnerable_adult", 0.10)]),
    "mh": (0.040, 0.55, (18, 75), [("mental_health", 0.90), ("vulnerable_adult", 0.30),
                                  ("missing_person", 0.08), ("substance_misuse", 0.12)]),
    "vuln": (0.020, 0.60, (60, 95), [("vulnerable_adult", 0.90), ("mental_health", 0.20)]),
    "homeless": (0.008, 0.25, (18, 65), [("homeless", 0.90), ("substance_misuse", 0.50),
                                        ("mental_health", 0.30), ("arrested_suspect", 0.40)]),
    "msv": (0.0015, 0.55, (17, 45), [("modern_slavery_victim", 0.90), ("sex_worker", 0.15)]),
    "missing": (0.005, 0.50, (18, 40), [("missing_person", 0.85), ("mental_health", 0.40)]),
    "general": (0.5575, 0.50, (16, 85), [("domestic_abuse_victim", 0.003), ("sexual_offence_victim", 0.002)]),
}
DIST_W = [0.26, 0.22, 0.20, 0.18, 0.14]


class Nominals:
    """Column-wise store of nominals (index i)."""

    def __init__(self):
        self.id, self.sex, self.by, self.district, self.markers = [], [], [], [], []
        self.profile, self.first, self.last, self.phone, self.loc, self.vrm = [], [], [], [], [], []
        self.intel = {}
        self.partner = {}

    def __len__(self):
        return len(self.id)

    def name_query(self, i, style):
        f, l = self.first[i], self.last[i]
        if style == 0:
            return f"{l}, {f}"
        if style == 1:
            return f"{l}/{f}/{self.by[i]}"
        if style == 2:
            return f"{f[0]} {l}"
        return f"{l} {f}".lower()


class World:
    pass


def build_world(rng, nstaff, start, days):
    w = World()
    w.start, w.days = start, days
    year = start.year
    N = max(8000, int(nstaff * 115))
    nm = Nominals()
    keys = list(PROFILES)
    profs = []
    for k in keys:
        profs += [k] * int(round(PROFILES[k][0] * N))
    rng.shuffle(profs)
    # locations
    nloc = max(3000, int(len(profs) * 0.42))
    w.loc_id, w.loc_addr, w.loc_district = [], [], []
    base = rng.randint(10001000000, 10009000000)
    for j in range(nloc):
        w.loc_id.append(str(base + j * 7 + rng.randint(0, 6)))
        w.loc_addr.append(f"{rng.randint(1, 180)} {rng.choice(STREETS)}")
        w.loc_district.append(rng.choices(DISTRICTS, weights=DIST_W)[0])
    locs_by_d = {d: [j for j in range(nloc) if w.loc_district[j] == d] for d in DISTRICTS}
    idbase = rng.randint(1200000, 2400000)
    used_vrm = set()
    for i, p in enumerate(profs):
        share, fp, (a0, a1), mk = PROFILES[p]
        sex = "F" if rng.random() < fp else "M"
        if p != "child" and rng.random() < 0.012:
            sex = ""  # unknown sex recorded
        age = int(a0 + (a1 - a0) * (rng.random() ** 1.4))
        by = year - age
        d = rng.choices(DISTRICTS, weights=DIST_W)[0]
        if p == "sexworker":
            d = "DOC" if rng.random() < 0.6 else rng.choice(["CEN", "NGT"])
        markers = [m for (m, q) in mk if rng.random() < q]
        nm.id.append(f"N{idbase + i * 3 + rng.randint(0, 2):08d}")
        nm.sex.append(sex)
        nm.by.append("" if rng.random() < 0.01 else by)
        nm.district.append(d)
        nm.markers.append(";".join(markers))
        nm.profile.append(p)
        nm.first.append(rng.choice(FEMALE if sex == "F" else MALE))
        nm.last.append(rng.choice(SURNAMES))
        nm.phone.append(f"07{rng.randint(100000000, 999999999)}" if age >= 14 and rng.random() < 0.7 else "")
        nm.loc.append(rng.choice(locs_by_d[d]))
        v = ""
        if age >= 18 and rng.random() < (0.45 if p == "offender" else 0.33):
            while True:
                v = (rng.choice("ABCDEFGHKLMNOPRSVWY") + rng.choice("ABCDEFGHJKLMNOPRSTUVWXY")
                     + f"{rng.choice([15, 65, 16, 66, 17, 67, 18, 68, 19, 69, 20, 70, 21, 71, 22, 72, 23, 73, 24, 74])}"
                     + "".join(rng.choice("ABCDEFGHJKLMNOPRSTUVWXYZ") for _ in range(3)))
                if v not in used_vrm:
                    used_vrm.add(v)
                    break
        nm.vrm.append(v)
    n = len(nm)
    # intelligence records
    irn = rng.randint(300000, 500000)
    for i in range(n):
        p = nm.profile[i]
        q = {"offender": 0.45, "sexworker": 0.7, "msv": 0.6, "homeless": 0.2, "da": 0.08}.get(p, 0.01)
        if rng.random() < q:
            k = 1 + int(rng.random() ** 2 * 6)
            lst = []
            for _ in range(k):
                irn += rng.randint(1, 9)
                lst.append(f"IR{irn}")
            nm.intel[i] = lst
    w.nom = nm
    # pools
    pools = {}
    for i in range(n):
        pools.setdefault(nm.profile[i], []).append(i)
    w.pools = pools
    w.by_district = {d: [] for d in DISTRICTS}
    for i in range(n):
        w.by_district[nm.district[i]].append(i)
    w.off_by_district = {d: [i for i in pools["offender"] if nm.district[i] == d] for d in DISTRICTS}
    w.da_by_district = {d: [i for i in pools["da"] if nm.district[i] == d] for d in DISTRICTS}
    w.sw_by_district = {d: [i for i in pools["sexworker"] if nm.district[i] == d] for d in DISTRICTS}
    w.young_f_by_district = {d: [i for i in w.by_district[d] if nm.sex[i] == "F" and nm.by[i] != ""
                                 and 18 <= year - nm.by[i] <= 40] for d in DISTRICTS}
    # DA victims have a (mostly) fixed abusive partner among offenders
    for i in pools["da"]:
        offs = w.off_by_district[nm.district[i]]
        nm.partner[i] = rng.choice(offs)
    # frequent callers to the contact centre (innocent repeat look-ups)
    w.freq_callers = rng.sample(pools["mh"] + pools["vuln"], k=min(len(pools["mh"]), max(12, nstaff // 25)))
    # cohorts for IOM / MOSOVO managers (filled per manager in work.py)
    w.rso = [i for i in pools["offender"] if nm.sex[i] == "M" and nm.by[i] != "" and year - nm.by[i] > 22]
    rng.shuffle(w.rso)
    w.rso = w.rso[: max(60, nstaff // 4)]
    # training nominals used in live-system demonstrations (a known bad habit)
    w.training_noms = rng.sample(pools["general"], k=25)
    return w


def nominals_rows(w):
    nm = w.nom
    for i in range(len(nm)):
        yield (nm.id[i], nm.sex[i], nm.by[i], nm.district[i], nm.markers[i])


def pick_victim(rng, w, cat, district):
    """A victim nominal for an occurrence category (repeat victimisation is normal)."""
    nm = w.nom
    if cat == "domestic_abuse" or cat == "stalking_harassment":
        pool = w.da_by_district[district] if rng.random() < 0.8 else w.pools["da"]
        if cat == "stalking_harassment" and rng.random() < 0.5:
            pool = w.young_f_by_district[district]
        return rng.choice(pool)
    if cat in ("sexual_offence", "rape"):
        r = rng.random()
        if r < 0.62:
            return rng.choice(w.pools["so"])
        if r < 0.80:
            return rng.choice([i for i in rng.sample(w.pools["child"], 40) if nm.sex[i] == "F"] or w.pools["child"])
        if r < 0.88:
            return rng.choice(w.pools["sexworker"])
        return rng.choice(w.young_f_by_district[district])
    if cat == "missing_person":
        r = rng.random()
        if r < 0.55:
            return rng.choice(w.pools["child"])
        return rng.choice(w.pools["missing"] + w.pools["mh"][:200])
    if cat in ("concern_for_welfare", "mental_health"):
        return rng.choice(w.pools["mh"] if rng.random() < 0.6 else w.pools["vuln"])
    if cat == "child_protection":
        return rng.choice(w.pools["child"])
    if cat == "modern_slavery":
        return rng.choice(w.pools["msv"] + w.pools["sexworker"])
    if cat == "vice":
        return rng.choice(w.sw_by_district[district] or w.pools["sexworker"])
    if rng.random() < 0.8:
        return rng.choice(w.by_district[district])
    return rng.randrange(len(nm))


def pick_suspect(rng, w, cat, district, victim):
    if cat == "domestic_abuse" and victim in w.nom.partner and rng.random() < 0.85:
        return w.nom.partner[victim]
    pool = w.off_by_district[district] if rng.random() < 0.8 else w.pools["offender"]
    return rng.choice(pool)


def age_of(w, i):
    by = w.nom.by[i]
    return None if by == "" else w.start.year - by


def days_between(a, b):
    return (b - a).days if isinstance(a, dt.date) else 0
