#!/usr/bin/env python3
"""Carrowdale Constabulary -- an independent synthetic force for FDP v1.

Written only from the FDP v1 specification and the design sketch, without any
knowledge of how custodiet detects anything (see README.md beside this file).

    python generator.py --out DIR --staff 1000 --days 60 --seed 1

writes DIR/package/ (a complete FDP v1 package) and DIR/package.truth.json.
Standard library only; deterministic for a given (seed, staff, days, start).
"""

from __future__ import annotations

import argparse
import bisect
import csv
import datetime as dt
import hashlib
import json
import os
import random
import sys
import time
from zoneinfo import ZoneInfo

TZ = "Europe/London"
FORCE_CODE = "CW"
FORCE_NAME = "Carrowdale Constabulary"
DEFAULT_START = "2025-10-01"  # 60 days from here crosses the end of BST (26 Oct)

# --------------------------------------------------------------------------
# Geography: a large rural county with three towns and a lot of countryside.
# --------------------------------------------------------------------------
DISTRICTS = ["KGF", "ASB", "SLT", "TRN", "MRS", "FEL"]
DNAME = {
    "KGF": "Kingsford",
    "ASB": "Ashbury",
    "SLT": "Saltmere",
    "TRN": "Tarnmouth",
    "MRS": "Marshend",
    "FEL": "Fellside",
}
DPOP = [0.27, 0.19, 0.17, 0.14, 0.12, 0.11]
NEIGHBOURS = {0: [1, 5, 3], 1: [0, 3], 2: [4, 0], 3: [1, 5, 0], 4: [2, 3], 5: [0, 3]}
SUITES = ["KGF", "ASB", "SLT"]  # custody suites
SUITE_OF = [0, 1, 2, 1, 2, 0]  # district -> suite (Fellside goes to Kingsford)
TRAVEL = [(6, 25), (6, 25), (8, 30), (15, 55), (20, 75), (25, 95)]  # response minutes
VRM_AREA = ["KF", "AY", "SM", "TM", "MR", "FL"]
RURAL = {3, 4, 5}

SYS_ROWS = [
    # system_id, name, category, audit_feed, file key, notes
    (
        "ATLAS",
        "ATLAS Records Management System",
        "records",
        "yes",
        "atlas",
        "Nominals, occurrences, crime, intelligence. Audit export: force local time, no offset.",
    ),
    (
        "BEACON",
        "BEACON Command and Control",
        "command_and_control",
        "yes",
        "beacon",
        "Incident logs and call records. Audit export in UTC (Z). Overlapping export batches leave some duplicate rows.",
    ),
    (
        "GATEHOUSE",
        "GATEHOUSE Custody",
        "custody",
        "yes",
        "gatehouse",
        "Custody records, three suites. Audit timestamps carry an offset and milliseconds. Front desks use shared logins.",
    ),
    (
        "PNC",
        "Police National Computer (force transaction log)",
        "national",
        "yes",
        "pnc",
        "Force-side PNC transaction log: names (QN) and vehicle (QV) enquiries. UTC with +00:00.",
    ),
    (
        "FIELDLINK",
        "FieldLink mobile data app",
        "mobile",
        "yes",
        "fieldlink",
        "Handheld app for officers, PCSOs and specials. User ids are exported in lower case; UTC with microseconds.",
    ),
    ("ANPR-BOF", "ANPR Back Office", "anpr", "yes", "anpr", "Vehicle read searches. Local time with offset."),
    (
        "VISOR",
        "ViSOR dangerous persons database",
        "national",
        "no",
        None,
        "Offender management; audit held nationally and not supplied.",
    ),
    ("PND", "Police National Database", "national", "no", None, "Audit held nationally and not supplied."),
    ("CASEBRIDGE", "CaseBridge CPS case file exchange", "case_management", "no", None, "Audit not exportable."),
    ("DEMS", "Digital Evidence Management", "evidence", "no", None, "Audit not supplied."),
    (
        "CSC-LL",
        "County Council children's social care system",
        "partner",
        "no",
        None,
        "Council system used by Joint Safeguarding Hub staff; audit held by the council.",
    ),
]
RMS, CAD, CUS, PNC, MOB, ANPR = range(6)
NSYS = 6

F_NAMES = (
    "Olivia Amelia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Grace Freya Willow Emily Ella Poppy "
    "Evie Charlotte Florence Evelyn Sienna Daisy Phoebe Sophie Harper Alice Matilda Elsie Ruby Millie "
    "Jessica Chloe Megan Lauren Holly Bethany Amy Rebecca Hannah Leah Jade Kayleigh Shannon Courtney "
    "Paige Danielle Natalie Gemma Stacey Kirsty Laura Sarah Emma Nicola Claire Rachel Michelle Lisa "
    "Kelly Joanne Donna Tracey Karen Julie Susan Margaret Patricia Linda Jean Carol Amber Abbie Tia "
    "Keeley Demi Caitlin Ellie Maisie Niamh Zara Aaliyah Agnieszka Katarzyna Ioana Andreea"
).split()
M_NAMES = (
    "Oliver George Noah Arthur Harry Leo Muhammad Jack Charlie Oscar Jacob Henry Thomas Freddie Alfie "
    "Theo William Archie Joshua James Daniel Ryan Liam Connor Callum Kieran Jordan Luke Adam Lewis "
    "Jamie Ben Sam Scott Dean Craig Lee Wayne Darren Mark Paul Stephen Andrew David Michael John Peter "
    "Robert Richard Ian Gary Kevin Neil Simon Martin Anthony Christopher Matthew Nathan Tyler Reece "
    "Kyle Brandon Ethan Mason Logan Dylan Bradley Jake Tomasz Piotr Andrei Mihai Marek"
).split()
SURNAMES = (
    "Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans Walker "
    "White Roberts Green Hall Wood Jackson Clarke Patel Khan Lewis James Phillips Mason Mitchell Rose "
    "Davis Rodgers Bell Ward Watson Morrison Hughes Edwards Turner Cooper Hill Harris Martin Moore "
    "Allen Young King Scott Baker Adams Carter Morris Parker Cook Murphy Bennett Lee Gray Price Kelly "
    "Shaw Chapman Ellis Hunt Marshall Webb Simpson Holmes Fox Grant Ryan Lloyd Barker Pearson Dixon "
    "Fletcher Harvey Cole Booth Gibson Burton Hudson Kay Lowe Atkinson Armstrong Pickering Tait "
    "Nowak Kowalski Popescu Ionescu Ashworth Birtwistle Capstick Dunderdale Entwistle Fairclough "
    "Greenhalgh Haworth Illingworth Kershaw Lofthouse Metcalfe Nuttall Ormerod Pilling Rawcliffe "
    "Sowerby Threlfall Whiteside Yeadon Bowness Crossley Dewhurst Eccles Fazackerley Gornall Hesketh "
    "Iddon Jolly Kenyon Lund Mawdsley Nelson Openshaw Pye Quayle Ramsbottom Slater Tomlinson Unsworth "
    "Varley Walmsley Yates Abbott Brooks Charlton Dobson Ferguson Gill Hargreaves Ingram Jeffries"
).split()
STREETS = (
    "High Street|Church Lane|Mill Road|Station Road|Victoria Street|Queens Road|Park Avenue|"
    "Chapel Street|Moor Lane|Market Place|Harbour Road|Quay Street|Fell View|Beck Side|Tarn Road|"
    "Marsh Lane|Dyke Road|Sandgate|Castle Street|Union Street|Albert Terrace|Cross Street|"
    "Greenacres|The Crescent|Orchard Close|Meadow Way|Priory Road|Bridge Street|North Road|"
    "South View|Westgate|Eastgate|Cemetery Road|Cooperative Street|Ropewalk|Salt Lane"
).split("|")

# --------------------------------------------------------------------------
# Organisation: profile -> (share, staff_type, ranks, unit, role, rota, kind of posting)
#   posting kind: "district" = posted to a district; "suite" = custody suite; "hq" = force wide
# --------------------------------------------------------------------------
PROFILES = {
    "response": (0.250, "officer", ["PC"], "Response", "Response Officer", "resp", "district"),
    "response_sgt": (0.034, "officer", ["PS"], "Response", "Response Sergeant", "resp", "district"),
    "neighbourhood": (
        0.052,
        "officer",
        ["PC"],
        "Neighbourhood Policing",
        "Neighbourhood Officer",
        "three8",
        "district",
    ),
    "pcso": (0.058, "pcso", ["PCSO"], "Neighbourhood Policing", "PCSO", "three8", "district"),
    "roads": (0.030, "officer", ["PC"], "Roads and Rural Crime", "Roads Policing Officer", "pitman12", "hq"),
    "call_handler": (0.068, "staff", [""], "Force Control Room", "Call Handler", "fcr12", "hq"),
    "dispatcher": (0.030, "staff", [""], "Force Control Room", "Dispatcher", "fcr12", "hq"),
    "fcr_sup": (0.010, "officer", ["PS", "Insp"], "Force Control Room", "Control Room Supervisor", "fcr12", "hq"),
    "custody_sgt": (0.015, "officer", ["PS"], "Custody", "Custody Sergeant", "fcr12", "suite"),
    "custody_do": (0.026, "staff", [""], "Custody", "Detention Officer", "fcr12", "suite"),
    "custody_nurse": (0.006, "staff", [""], "Custody Healthcare (contract)", "Custody Nurse", "fcr12", "suite"),
    "cid_dc": (0.052, "officer", ["DC"], "CID", "Investigator", "cid8", "district"),
    "cid_ds": (0.012, "officer", ["DS"], "CID", "Investigation Supervisor", "cid8", "district"),
    "ppu_da": (0.028, "officer", ["DC"], "Public Protection - Domestic Abuse", "DA Investigator", "annual", "district"),
    "ppu_rasso": (
        0.018,
        "officer",
        ["DC", "DC", "DS"],
        "Public Protection - RASSO",
        "RASSO Investigator",
        "cid8",
        "hq",
    ),
    "offender_mgr": (0.010, "officer", ["DC", "PC"], "Public Protection - MOSOVO", "Offender Manager", "office", "hq"),
    "marac": (0.004, "staff", [""], "Public Protection - MARAC", "MARAC Coordinator", "office", "hq"),
    "da_caseworker": (0.007, "staff", [""], "Public Protection - Victim Care", "DA Caseworker", "office", "hq"),
    "mash_police": (0.010, "officer", ["DC", "PC"], "Joint Safeguarding Hub", "MASH Researcher", "office", "hq"),
    "mash_council": (
        0.010,
        "staff",
        [""],
        "Joint Safeguarding Hub",
        "Council Social Worker (partner agency)",
        "none_office",
        "hq",
    ),
    "analyst": (0.020, "staff", [""], "Intelligence", "Intelligence Analyst", "office", "hq"),
    "intel": (0.020, "officer", ["PC", "DC"], "Intelligence", "Intelligence Officer", "office", "hq"),
    "rocu": (
        0.010,
        "officer",
        ["DC", "DS"],
        "Regional Organised Crime Unit",
        "ROCU Investigator (seconded)",
        "none_rocu",
        "hq",
    ),
    "warrants": (0.006, "officer", ["PC"], "Warrants and Wanted Persons", "Warrants Officer", "office", "hq"),
    "disclosure": (0.015, "staff", [""], "Information Management - Disclosure", "Disclosure Officer", "office", "hq"),
    "foi_sar": (
        0.005,
        "staff",
        [""],
        "Information Management - Information Rights",
        "FOI and Subject Access Officer",
        "office",
        "hq",
    ),
    "data_quality": (
        0.010,
        "staff",
        [""],
        "Information Management - Data Quality",
        "Data Quality Officer",
        "office",
        "hq",
    ),
    "vetting": (0.005, "staff", [""], "Force Vetting Unit", "Vetting Officer", "office", "hq"),
    "psd": (0.007, "officer", ["DS", "DC"], "Professional Standards and ACU", "PSD Investigator", "office", "hq"),
    "trainer": (0.005, "officer", ["PS", "PC"], "Learning and Development", "Trainer", "office", "hq"),
    "cju": (0.030, "staff", [""], "Criminal Justice Unit", "Case Progression Officer", "office", "hq"),
    "firearms_lic": (0.010, "staff", [""], "Firearms Licensing", "Firearms Enquiry Officer", "office", "hq"),
    "admin": (0.058, "staff", [""], "Corporate Services", "Administrator", "office", "hq"),
    "senior": (0.015, "officer", ["Insp", "Insp", "CI", "Supt"], "Command", "Senior Officer", "office", "district"),
    "special": (
        0.060,
        "special_constable",
        ["SC"],
        "Special Constabulary",
        "Special Constable",
        "specials",
        "district",
    ),
    "volunteer": (
        0.014,
        "volunteer",
        [""],
        "Police Support Volunteers",
        "Police Support Volunteer",
        "none_vol",
        "district",
    ),
}
ADMIN_UNITS = [
    "HR Services",
    "Finance",
    "Fleet Services",
    "ICT Service Desk",
    "Estates",
    "Corporate Communications",
    "Payroll",
    "Criminal Records Office",
]
VETTING_REQ = {
    "analyst": "NPPV3",
    "intel": "NPPV3",
    "rocu": "NPPV3",
    "psd": "NPPV3",
    "vetting": "NPPV3",
    "ppu_rasso": "NPPV3",
    "offender_mgr": "NPPV3",
    "mash_police": "NPPV2",
    "mash_council": "NPPV2",
    "volunteer": "NPPV1",
    "admin": "NPPV1",
    "senior": "NPPV3",
    "marac": "NPPV2",
}

MARKERS = [
    "domestic_abuse_victim",
    "sexual_offence_victim",
    "child",
    "mental_health",
    "substance_misuse",
    "sex_worker",
    "missing_person",
    "arrested_suspect",
    "homeless",
    "modern_slavery_victim",
    "vulnerable_adult",
]

# category: weight, attend prob, (min,max attendees), crime prob, investigator, arrest prob, call-generated
CATS = {
    "domestic_abuse": (12.0, 0.92, (1, 3), 0.60, "da", 0.45, True),
    "sexual_offence": (2.4, 0.80, (1, 2), 1.00, "rasso", 0.30, True),
    "stalking_harassment": (3.0, 0.45, (1, 1), 1.00, "self", 0.15, True),
    "assault": (8.0, 0.80, (1, 3), 1.00, "cid30", 0.35, True),
    "public_order": (5.0, 0.85, (2, 4), 0.50, "self", 0.40, True),
    "theft": (9.0, 0.30, (1, 1), 1.00, "self", 0.05, True),
    "shoplifting": (5.0, 0.50, (1, 2), 1.00, "self", 0.30, True),
    "burglary": (5.0, 0.80, (1, 2), 1.00, "cid", 0.10, True),
    "criminal_damage": (5.0, 0.45, (1, 1), 1.00, "self", 0.10, True),
    "asb": (9.0, 0.50, (1, 2), 0.00, None, 0.00, True),
    "concern_for_welfare": (9.0, 0.90, (1, 2), 0.00, None, 0.00, True),
    "mental_health": (5.0, 0.85, (2, 2), 0.00, None, 0.00, True),
    "missing_person": (4.0, 0.90, (1, 2), 0.00, None, 0.00, True),
    "road_traffic_collision": (4.0, 0.80, (1, 3), 0.20, "self", 0.05, True),
    "traffic_stop": (3.0, 1.00, (1, 1), 0.30, "self", 0.10, False),
    "drugs": (3.0, 1.00, (1, 2), 1.00, "self", 0.50, False),
    "suspicious_activity": (6.0, 0.50, (1, 2), 0.00, None, 0.00, True),
    "fraud": (3.0, 0.05, (1, 1), 1.00, "cid20", 0.00, True),
    "sudden_death": (1.0, 1.00, (1, 2), 0.00, None, 0.00, True),
    "safeguarding_referral": (4.0, 0.00, (0, 0), 0.00, None, 0.00, False),
    "exploitation": (0.5, 0.70, (1, 2), 1.00, "cid", 0.30, True),
}
DIST_MULT = {
    2: {"public_order": 1.6, "sexual_offence": 1.3, "drugs": 1.5, "exploitation": 3.0, "assault": 1.2},
    4: {"exploitation": 2.5, "theft": 1.2, "traffic_stop": 1.3},
    5: {"road_traffic_collision": 1.8, "theft": 1.2, "traffic_stop": 1.4, "shoplifting": 0.4},
    0: {"shoplifting": 1.4, "fraud": 1.2},
}
HOUR_W = [3, 2.5, 2, 1.5, 1, 1, 1.5, 2.5, 4, 5, 5.5, 6, 6, 6, 6, 6.5, 7, 7.5, 7.5, 7.5, 7, 6.5, 5.5, 4]


def wchoice(rng, items, weights):
    return rng.choices(items, weights)[0]


# --------------------------------------------------------------------------
# Time
# --------------------------------------------------------------------------
class Clock:
    """Local-day arithmetic for Europe/London and fast timestamp formatting."""

    def __init__(self, start: dt.date, days: int, back: int = 400):
        tz = ZoneInfo(TZ)
        self.start, self.days, self.back = start, days, back
        self.ds = [
            int(dt.datetime.combine(start + dt.timedelta(days=i), dt.time(0), tzinfo=tz).timestamp())
            for i in range(-back, days + 4)
        ]
        trans = []
        for y in range(start.year - 3, start.year + 3):
            for m, o in ((3, 3600), (10, 0)):
                d = dt.date(y, m, 31)
                while d.weekday() != 6:
                    d -= dt.timedelta(days=1)
                trans.append((int(dt.datetime(d.year, d.month, d.day, 1, tzinfo=dt.timezone.utc).timestamp()), o))
        self.tt = [t for t, _ in trans]
        self.to = [o for _, o in trans]
        self._dc = {}
        self.T0 = self.day(0)
        self.TEND = self.day(days)

    def day(self, d):
        return self.ds[d + self.back]

    def at(self, d, hours):
        """UTC epoch of local wall-clock time `hours` after local midnight of day d (hours may exceed 24).
        Across the autumn change the ambiguous hour resolves to the earlier instant."""
        k = int(hours // 24)
        base = self.ds[d + k + self.back]
        t = base + int((hours - 24 * k) * 3600)
        return t + self.off(base) - self.off(t)

    def off(self, ts):
        i = bisect.bisect_right(self.tt, ts) - 1
        return self.to[i] if i >= 0 else 0

    def dayidx(self, ts):
        """Index of the local day containing ts (relative to the period start)."""
        lt = ts + self.off(ts)
        return (lt - (self.T0 + self.off(self.T0))) // 86400

    def lhour(self, ts):
        return ((ts + self.off(ts)) % 86400) / 3600.0

    def date(self, d):
        return self.start + dt.timedelta(days=d)

    def weekday(self, d):
        return (self.start.weekday() + d) % 7

    def dstr(self, dn):
        s = self._dc.get(dn)
        if s is None:
            s = self._dc[dn] = (dt.date(1970, 1, 1) + dt.timedelta(days=dn)).isoformat()
        return s

    def f_local(self, ts):
        lt = ts + self.off(ts)
        dn, r = divmod(lt, 86400)
        return f"{self.dstr(dn)}T{r // 3600:02d}:{r // 60 % 60:02d}:{r % 60:02d}"

    def f_z(self, ts, us=None):
        dn, r = divmod(ts, 86400)
        if us is None:
            return f"{self.dstr(dn)}T{r // 3600:02d}:{r // 60 % 60:02d}:{r % 60:02d}Z"
        return f"{self.dstr(dn)}T{r // 3600:02d}:{r // 60 % 60:02d}:{r % 60:02d}.{us:06d}Z"

    def f_off(self, ts, ms=None, plus_zero="+00:00"):
        o = self.off(ts)
        dn, r = divmod(ts + o, 86400)
        z = "+01:00" if o else plus_zero
        if ms is None:
            return f"{self.dstr(dn)}T{r // 3600:02d}:{r // 60 % 60:02d}:{r % 60:02d}{z}"
        return f"{self.dstr(dn)}T{r // 3600:02d}:{r // 60 % 60:02d}:{r % 60:02d}.{ms:03d}{z}"

    def f_date(self, ts):
        return self.dstr((ts + self.off(ts)) // 86400)


class Staff:
    __slots__ = (
        "i",
        "sid",
        "name",
        "stype",
        "rank",
        "sex",
        "home",
        "joined",
        "left",
        "posts",
        "sess",
        "sess_starts",
        "tasks",
        "task_starts",
        "cases",
        "ws",
        "ws_alt",
        "device",
        "laptop",
        "team",
        "flex",
        "rota_var",
        "mover",
        "abuser",
        "profile0",
        "dist0",
        "caseset",
        "habit",
    )

    def __init__(self, i):
        self.i = i
        self.sess = []
        self.tasks = []
        self.cases = []
        self.caseset = None
        self.mover = False
        self.abuser = None
        self.laptop = ""
        self.device = ""
        self.ws_alt = []
        self.habit = 0.0

    def post_at(self, d):
        p = self.posts[0]
        for q in self.posts:
            if q["start_d"] <= d:
                p = q
        return p


PIT = [1, 1, 0, 0, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0]
VAR10 = "EE-LL-NN--"
MOVES = {
    "response": ["cid_dc", "neighbourhood", "roads", "ppu_da"],
    "neighbourhood": ["response", "mash_police"],
    "cid_dc": ["ppu_da", "ppu_rasso", "intel"],
    "call_handler": ["dispatcher", "cju"],
    "cju": ["disclosure", "admin"],
    "data_quality": ["disclosure"],
}


class Gen:
    def __init__(self, n_staff, days, seed, start):
        self.N, self.days, self.seed = n_staff, days, seed
        self.C = Clock(start, days)
        self.year = start.year
        self.doff = start.toordinal()
        self.buckets = {}
        self.abusers = []  # list of dicts
        self.stats = {}

    def R(self, name):
        return random.Random(f"carrowdale-{self.seed}-{name}")

    # ------------------------------------------------------------------ staff
    def build_staff(self):
        rng = self.R("staff")
        N = self.N
        names = list(PROFILES)
        shares = [PROFILES[p][0] for p in names]
        tot = sum(shares)
        raw = [s / tot * N for s in shares]
        counts = [int(x) for x in raw]
        rem = sorted(range(len(names)), key=lambda i: -(raw[i] - counts[i]))
        for i in rem[: N - sum(counts)]:
            counts[i] += 1
        if N >= 300:
            for i in range(len(names)):
                if counts[i] == 0:
                    counts[i] = 1
                    j = names.index("response")
                    counts[j] -= 1
        used_ids = set()

        def new_id(prefix, width, lo, hi):
            while True:
                x = f"{prefix}{rng.randint(lo, hi):0{width}d}"
                if x not in used_ids:
                    used_ids.add(x)
                    return x

        self.staff = []
        idx = 0
        for p, n in zip(names, counts):
            share, stype, ranks, unit, role, rota, pk = PROFILES[p]
            for k in range(n):
                st = Staff(idx)
                idx += 1
                if stype == "officer":
                    st.sid = new_id("P", 4, 1000, 9999)
                elif stype == "pcso":
                    st.sid = new_id("C", 4, 1000, 9999)
                elif stype == "special_constable":
                    st.sid = new_id("SC", 3, 100, 999)
                elif stype == "volunteer":
                    st.sid = new_id("V", 3, 100, 999)
                elif p == "mash_council":
                    st.sid = new_id("CCX", 4, 1000, 9999)
                elif p == "custody_nurse":
                    st.sid = new_id("HC", 3, 100, 999)
                else:
                    st.sid = new_id("S", 4, 1, 9999)
                st.stype = stype
                st.rank = rng.choice(ranks)
                pm = {"officer": 0.66, "pcso": 0.5, "special_constable": 0.6, "volunteer": 0.45}.get(stype, 0.33)
                if p in ("call_handler", "da_caseworker", "marac", "mash_council", "custody_nurse"):
                    pm = 0.25
                st.sex = "M" if rng.random() < pm else "F"
                fn = rng.choice(M_NAMES if st.sex == "M" else F_NAMES)
                st.name = f"{fn} {rng.choice(SURNAMES)}"
                if pk == "district":
                    cum, x, di = 0.0, (k + 0.5) / n, 0
                    for j, w in enumerate(DPOP):
                        cum += w
                        if x < cum:
                            di = j
                            break
                elif pk == "suite":
                    di = [0, 0, 0, 0, 1, 1, 1, 2, 2][k % 9]
                else:
                    di = None
                st.profile0 = p
                st.dist0 = di
                # where they live: rural officers mostly live where they police
                if di is not None and pk == "district":
                    stay = 0.85 if di in RURAL else 0.68
                    st.home = di if rng.random() < stay else rng.choice(NEIGHBOURS[di])
                else:
                    st.home = wchoice(rng, list(range(6)), [0.36, 0.2, 0.12, 0.14, 0.08, 0.1])
                self.staff.append(st)
        rng.shuffle(self.staff)
        for i, st in enumerate(self.staff):
            st.i = i
        self.by_sid = {st.sid: st for st in self.staff}
        # team numbers per (profile, district)
        counters = {}
        for st in self.staff:
            key = (st.profile0, st.dist0)
            c = counters.get(key, 0)
            counters[key] = c + 1
            rota = PROFILES[st.profile0][5]
            if rota == "resp":
                nteams = 5 if st.dist0 in (0, 1) else 4
            elif rota in ("pitman12", "fcr12"):
                nteams = 4
            elif rota in ("three8", "cid8"):
                nteams = 3 if rota == "three8" else 4
            else:
                nteams = 1
            st.team = c % nteams
            st.flex = rng.uniform(7.0, 9.75)
            st.rota_var = wchoice(rng, ["std", "pt3", "comp", "am"], [0.7, 0.14, 0.1, 0.06])
            st.habit = rng.random()
        # dates, movers, leavers, joiners
        D = self.days
        for st in self.staff:
            p = st.profile0
            yrs = rng.uniform(0.3, 28.0) if st.stype != "volunteer" else rng.uniform(0.2, 8)
            joined = self.C.start - dt.timedelta(days=int(yrs * 365))
            st.joined = joined.isoformat()
            st.left = ""
            post_start = max(joined, self.C.start - dt.timedelta(days=int(rng.uniform(0.1, min(yrs, 9)) * 365)))
            posts = []
            if post_start > joined + dt.timedelta(days=200) and rng.random() < 0.6:
                prev = rng.choice(["response", "neighbourhood", "cid_dc", "call_handler", "cju", "admin", "pcso"])
                if PROFILES[prev][1] != st.stype:
                    prev = p
                posts.append(
                    self.mkpost(
                        st,
                        prev,
                        st.dist0 if st.dist0 is not None else st.home,
                        joined,
                        post_start - dt.timedelta(days=1),
                        start_d=-999,
                    )
                )
            posts.append(self.mkpost(st, p, st.dist0, post_start, None, start_d=-998))
            st.posts = posts
            r = rng.random()
            if r < 0.015 and p in ("response", "pcso", "call_handler", "special"):
                # joined during the period
                jd = rng.randint(3, max(4, D // 2))
                st.joined = self.C.date(jd).isoformat()
                posts[:] = [self.mkpost(st, p, st.dist0, self.C.date(jd), None, start_d=jd)]
            elif r < 0.03:
                ld = rng.randint(D // 4, D - 2)
                st.left = self.C.date(ld).isoformat()
                posts[-1]["end"] = st.left
            elif r < 0.075 and p in MOVES:
                md = rng.randint(D // 5, 4 * D // 5)
                np_ = rng.choice(MOVES[p])
                posts[-1]["end"] = self.C.date(md - 1).isoformat()
                ndi = st.dist0 if PROFILES[np_][6] == "district" else None
                if ndi is None and PROFILES[np_][6] == "district":
                    ndi = st.home
                if PROFILES[np_][6] == "district" and ndi is None:
                    ndi = st.home
                posts.append(self.mkpost(st, np_, ndi, self.C.date(md), None, start_d=md))
                st.mover = True
                if np_ in ("cid_dc", "ppu_da", "ppu_rasso") and st.rank == "PC":
                    st.rank = "DC"
        # workstations and devices
        for st in self.staff:
            p = st.profile0
            d = DISTRICTS[st.dist0] if st.dist0 is not None else "HQ"
            if PROFILES[p][6] == "suite":
                d = SUITES[st.dist0]
                st.ws = f"{d}-CUS-T{rng.randint(1, 6):02d}"
            elif p in ("call_handler", "dispatcher", "fcr_sup"):
                st.ws = f"HQ-FCR-WS{rng.randint(1, 40):02d}"
            elif p in ("response", "response_sgt", "special", "neighbourhood", "pcso"):
                st.ws = f"{d}-RPT-PC{rng.randint(1, 25):03d}"
            else:
                st.ws = f"{d}-{p[:3].upper()}-PC{rng.randint(1, 60):03d}"
            st.ws_alt = [f"{DISTRICTS[rng.randrange(6)]}-RPT-PC{rng.randint(1, 25):03d}" for _ in range(2)]
            if st.stype in ("officer", "pcso", "special_constable") and p not in ("fcr_sup", "trainer"):
                st.device = f"MDT-{rng.randint(10000, 99999)}"
            if p in (
                "cid_dc",
                "cid_ds",
                "ppu_da",
                "ppu_rasso",
                "offender_mgr",
                "analyst",
                "intel",
                "rocu",
                "senior",
                "psd",
                "marac",
                "da_caseworker",
                "mash_police",
                "mash_council",
                "disclosure",
                "foi_sar",
                "data_quality",
                "vetting",
                "cju",
                "firearms_lic",
                "admin",
                "trainer",
                "warrants",
            ):
                if rng.random() < 0.75:
                    st.laptop = f"VPN-LT{rng.randint(10000, 99999)}"

    def mkpost(self, st, p, di, start, end, start_d):
        share, stype, ranks, unit, role, rota, pk = PROFILES[p]
        if p == "admin":
            unit = ADMIN_UNITS[st.i % len(ADMIN_UNITS)] if hasattr(st, "i") else unit
        if pk == "suite":
            district = DISTRICTS[di]
            unit = f"{unit} - {DNAME[district]} Suite"
        elif pk == "district":
            district = DISTRICTS[di] if di is not None else DISTRICTS[st.home]
            unit = f"{DNAME[district]} {unit}"
        else:
            district = "HQ"
        teamname = ""
        if rota in ("resp", "pitman12", "fcr12", "three8", "cid8"):
            teamname = "Team " + "ABCDE"[st.team if hasattr(st, "team") and st.team is not None else 0]
        if p == "rocu":
            teamname = "Regional"
        return {
            "start_d": start_d,
            "profile": p,
            "unit": unit,
            "role": role,
            "team": teamname,
            "district": district,
            "di": di,
            "rota": rota,
            "vet": VETTING_REQ.get(p, "NPPV2"),
            "start": start.isoformat(),
            "end": end.isoformat() if end else "",
        }

    # ------------------------------------------------------------------ rosters
    def rota_slot(self, st, post, d, rng):
        rota = post["rota"]
        wd = self.C.weekday(d)
        t = st.team or 0
        ad = d + self.doff
        if rota == "resp":
            rota = "var10" if post["di"] in (0, 1) else "pitman12"
        if rota == "pitman12":
            cyc = (ad + 7 * t) % 28
            if not PIT[cyc % 14]:
                return None
            return (7.0, 12.0) if cyc < 14 else (19.0, 12.0)
        if rota == "var10":
            c = VAR10[(ad + 2 * t) % 10]
            return {"E": (7.0, 10.0), "L": (14.0, 10.0), "N": (22.0, 10.0)}.get(c)
        if rota == "fcr12":
            c = (ad + 2 * t) % 8
            return (7.0, 12.0) if c < 2 else ((19.0, 12.0) if c < 4 else None)
        if rota == "three8":
            w = (ad // 7 + t) % 3
            if wd in ((5, 6), (6, 0), (2, 3))[w]:
                return None
            return (15.0, 8.0) if w == 1 else (7.0, 8.0)
        if rota == "cid8":
            wk = ad // 7 + t
            if wd >= 5:
                return (9.0, 8.0) if wk % 5 == 0 else None
            return (14.0, 8.0) if wk % 4 == 0 else (8.0, 8.0)
        if rota == "office":
            v = st.rota_var
            if v == "std":
                return None if wd >= 5 else (st.flex + rng.uniform(-0.4, 0.4), rng.uniform(7.6, 8.6))
            if v == "pt3":
                return None if wd > 2 else (st.flex + rng.uniform(-0.3, 0.3), 7.5)
            if v == "comp":
                return None if wd > 3 else (7.0 + rng.uniform(0, 0.5), 10.0)
            return None if wd >= 5 else (8.5, 4.5)
        if rota == "annual":
            if rng.random() < (0.72 if wd < 5 else 0.22):
                return (rng.choice([7.0, 8.0, 8.0, 9.0, 10.0, 12.0]), rng.choice([8.0, 9.0, 10.0]))
            return None
        if rota == "specials":
            if wd in (4, 5) and rng.random() < 0.3:
                return (19.0, 8.0)
            if wd == 6 and rng.random() < 0.07:
                return (10.0, 8.0)
            if wd < 4 and rng.random() < 0.02:
                return (18.0, 5.0)
            return None
        if rota == "none_office":
            return None if wd >= 5 else (st.flex + rng.uniform(-0.3, 0.3), 7.5)
        if rota == "none_rocu":
            if wd < 5 and rng.random() < 0.88:
                return (rng.uniform(6.5, 10.5), rng.uniform(7.5, 11.5))
            if wd >= 5 and rng.random() < 0.08:
                return (rng.uniform(6.0, 20.0), rng.uniform(4.0, 10.0))
            return None
        if rota == "none_vol":
            return (10.0, 4.0) if wd == (st.i % 5) and rng.random() < 0.8 else None
        return None

    def build_shifts(self):
        rng = self.R("shifts")
        C, D = self.C, self.days
        self.shift_rows = []  # (sid, rs, re, style)
        for st in self.staff:
            jd = (dt.date.fromisoformat(st.joined) - C.start).days
            ld = (dt.date.fromisoformat(st.left) - C.start).days if st.left else D + 5
            block = None
            if rng.random() < 0.35:
                b = rng.randint(-5, D)
                block = (b, b + rng.randint(5, 10))
            for d in range(D + 1):
                if d < jd or d > ld:
                    continue
                post = st.post_at(d)
                p, rota = post["profile"], post["rota"]
                slot = self.rota_slot(st, post, d, rng)
                kind = "shift"
                rec_p = 1.0
                if slot is None:
                    if rota in ("resp", "pitman12", "fcr12", "three8") and rng.random() < 0.03:
                        slot = (7.0, 10.0) if rng.random() < 0.6 else (16.0, 8.0)
                        rec_p = 0.4  # rest-day overtime, often not on the roster
                    else:
                        if p in ("cid_ds", "senior", "ppu_rasso", "rocu", "psd") and rng.random() < 0.12:
                            s = C.at(d, rng.uniform(20.5, 26.0))
                            st.sess.append((s, s + rng.randint(900, 3600), "oncall", p, post))
                        elif st.laptop and rng.random() < 0.035:
                            s = C.at(d, rng.uniform(18.5, 22.0))
                            st.sess.append((s, s + rng.randint(900, 3600), "evening", p, post))
                        continue
                if block and block[0] <= d < block[1]:
                    continue
                if rng.random() < 0.045:  # sickness / odd day of leave
                    continue
                h, ln = slot
                s = C.at(d, h)
                e = C.at(d, h + ln)
                rs, re_ = s, e
                if rota in ("resp", "pitman12", "three8") or p == "roads":
                    if rng.random() < 0.32:
                        e += int(rng.uniform(0.25, 3.0) * 3600)  # unpaid/unrecorded overrun
                elif rota == "fcr12":
                    if rng.random() < 0.15:
                        e += int(rng.uniform(0.1, 1.0) * 3600)
                elif rota == "cid8" or p in ("ppu_da",):
                    if rng.random() < 0.22:
                        e += int(rng.uniform(0.5, 2.5) * 3600)
                elif rota == "office" and st.rota_var == "std":
                    rs, re_ = C.at(d, 9.0), C.at(d, 17.0)  # roster shows the standard day
                s -= rng.randint(0, 900)
                st.sess.append((s, e, kind, p, post))
                # what the roster export shows
                if rota.startswith("none"):
                    continue
                if rota == "specials" and rng.random() > 0.4:
                    continue
                if rota == "three8" and post["di"] == 3 and d >= int(D * 0.65):
                    continue  # Tarnmouth roster not yet uploaded
                if p.startswith("custody") and post["di"] == 2 and int(D * 0.45) <= d < int(D * 0.45) + 7:
                    continue  # Saltmere suite roster gap
                if rng.random() > rec_p:
                    continue
                style = {"resp": 0, "pitman12": 0, "three8": 0, "fcr12": 1, "annual": 2, "cid8": 1}.get(rota, 0)
                self.shift_rows.append((st.sid, rs, re_, style))
            st.sess.sort(key=lambda x: x[0])
            st.sess_starts = [x[0] for x in st.sess]
        # on-duty index by hour
        self.onduty = {}
        T0 = C.T0
        for st in self.staff:
            for s, e, kind, p, post in st.sess:
                if kind != "shift":
                    continue
                di = post["di"]
                keys = []
                if p in ("response", "response_sgt"):
                    keys.append(("resp", di))
                    if p == "response_sgt":
                        keys.append(("sgt", di))
                elif p in ("neighbourhood", "pcso"):
                    keys.append(("neigh", di))
                elif p == "special":
                    keys.append(("special", di))
                    keys.append(("resp", di))
                elif p == "roads":
                    keys.append(("roads", None))
                elif p == "call_handler":
                    keys.append(("ch", None))
                elif p == "dispatcher":
                    keys.append(("disp", None))
                elif p == "custody_sgt":
                    keys.append(("csgt", di))
                elif p in ("cid_dc", "ppu_da", "ppu_rasso", "mash_police", "da_caseworker", "cju", "mash_council"):
                    keys.append((p, di if p in ("cid_dc", "ppu_da") else None))
                if not keys:
                    continue
                h0 = max(0, (s - T0) // 3600)
                h1 = (e - 1 - T0) // 3600
                for h in range(h0, h1 + 1):
                    for k in keys:
                        self.onduty.setdefault(k, {}).setdefault(h, []).append(st)

    def on_duty(self, key, ts, rng, exclude=()):
        hrs = self.onduty.get(key)
        if not hrs:
            return None
        cand = hrs.get((ts - self.C.T0) // 3600)
        if not cand:
            return None
        for _ in range(4):
            st = rng.choice(cand)
            if st not in exclude:
                return st
        return None

    def session_at(self, st, ts, slack=0):
        i = bisect.bisect_right(st.sess_starts, ts + slack) - 1
        while i >= 0:
            s, e = st.sess[i][0], st.sess[i][1]
            if s - slack <= ts < e + slack:
                return st.sess[i]
            if e < ts - 86400:
                break
            i -= 1
        return None

    def next_session(self, st, ts, kinds=("shift",)):
        i = bisect.bisect_left(st.sess_starts, ts)
        while i < len(st.sess):
            if st.sess[i][2] in kinds:
                return st.sess[i]
            i += 1
        return None

    # ------------------------------------------------------------------ nominals
    def build_nominals(self):
        rng = self.R("nominals")
        n = int(self.N * 110)
        Y = self.year
        nsex, nby, ndi, nmark, naddr, nfn, nsn = [], [], [], [], [], [], []
        # addresses, grouped by district
        self.addr_di = []
        addr_by_d = [[] for _ in DISTRICTS]
        for di, w in enumerate(DPOP):
            for _ in range(int(n * w / 1.9) + 1):
                addr_by_d[di].append(len(self.addr_di))
                self.addr_di.append(di)
        pools = {
            k: [[] for _ in DISTRICTS]
            for k in (
                "da_f",
                "da_m",
                "so",
                "susp_m",
                "susp_f",
                "mh",
                "sub",
                "sw",
                "mp",
                "child",
                "adult",
                "vuln",
                "ms",
                "young_f",
                "old",
            )
        }
        ages = list(range(0, 95))
        aw = [0.9 if a < 18 else (1.5 if a < 35 else (1.3 if a < 55 else (1.0 if a < 75 else 0.5))) for a in ages]
        for i in range(n):
            di = wchoice(rng, range(6), DPOP)
            r = rng.random()
            sex = "F" if r < 0.46 else ("M" if r < 0.985 else "U")
            age = wchoice(rng, ages, aw)
            by = Y - age
            f = sex == "F"
            m = []
            if age < 18:
                m.append("child")
            if 17 <= age <= 65:
                if rng.random() < ((0.11 if age <= 45 else 0.06) if f else 0.015):
                    m.append("domestic_abuse_victim")
            if 13 <= age <= 60 and rng.random() < ((0.035 if age <= 45 else 0.01) if f else 0.004):
                m.append("sexual_offence_victim")
            if rng.random() < (0.06 if age >= 16 else 0.015):
                m.append("mental_health")
            if 16 <= age <= 65 and rng.random() < (0.08 if not f else 0.045) * (1.6 if di == 2 else 1.0):
                m.append("substance_misuse")
            if f and 18 <= age <= 45 and rng.random() < {2: 0.014, 0: 0.005}.get(di, 0.0015):
                m.append("sex_worker")
            if rng.random() < (0.08 if 12 <= age < 18 else (0.012 if 18 <= age < 30 else 0.004)):
                m.append("missing_person")
            if 15 <= age <= 65 and rng.random() < (0.05 if f else 0.17):
                m.append("arrested_suspect")
            if age >= 18 and rng.random() < (0.018 if di in (0, 2) else 0.008):
                m.append("homeless")
            if 18 <= age <= 50 and rng.random() < {4: 0.008, 2: 0.004}.get(di, 0.001):
                m.append("modern_slavery_victim")
            if age >= 18 and rng.random() < (0.06 if age >= 70 else 0.022):
                m.append("vulnerable_adult")
            nsex.append(sex)
            nby.append(by)
            ndi.append(di)
            nmark.append(";".join(m))
            naddr.append(rng.choice(addr_by_d[di]))
            nfn.append(rng.randrange(len(F_NAMES) if f else len(M_NAMES)))
            nsn.append(rng.randrange(len(SURNAMES)))
            ms = set(m)
            if "domestic_abuse_victim" in ms:
                pools["da_f" if f else "da_m"][di].append(i)
            if "sexual_offence_victim" in ms:
                pools["so"][di].append(i)
            if "arrested_suspect" in ms:
                pools["susp_f" if f else "susp_m"][di].append(i)
            if "mental_health" in ms:
                pools["mh"][di].append(i)
            if "substance_misuse" in ms:
                pools["sub"][di].append(i)
            if "sex_worker" in ms:
                pools["sw"][di].append(i)
            if "missing_person" in ms:
                pools["mp"][di].append(i)
            if "modern_slavery_victim" in ms:
                pools["ms"][di].append(i)
            if "homeless" in ms or "vulnerable_adult" in ms:
                pools["vuln"][di].append(i)
            if age < 18:
                pools["child"][di].append(i)
            else:
                pools["adult"][di].append(i)
                if age >= 70:
                    pools["old"][di].append(i)
            if f and 17 <= age <= 35:
                pools["young_f"][di].append(i)
        for k, v in pools.items():
            for di in range(6):
                if not v[di]:
                    v[di].append(pools["adult"][di][0])
        self.nsex, self.nby, self.ndi, self.nmark = nsex, nby, ndi, nmark
        self.naddr, self.nfn, self.nsn, self.pools = naddr, nfn, nsn, pools
        self.NN = n
        self.NID = [f"N{(i * 7919 + 104729) % 9000000 + 1000000}" for i in range(n)]
        self.nom_occ = {}

    def fname(self, n):
        return (F_NAMES if self.nsex[n] == "F" else M_NAMES)[self.nfn[n]]

    def qname(self, n, sysi, rng):
        fn, sn, by = self.fname(n), SURNAMES[self.nsn[n]], self.nby[n]
        if sysi == PNC:
            return f"QN/{sn.upper()}/{fn.upper()}/{by}"
        if sysi == MOB:
            return f"{fn} {sn}"
        r = rng.random()
        if r < 0.45:
            return f"{sn.upper()}, {fn}"
        if r < 0.75:
            return f"surname={sn.upper()} forename={fn[0]}*"
        return f"surname={sn.upper()} forename={fn} dob={by}"

    def uprn(self, n):
        return str(100090000000 + self.naddr[n] * 13)

    def address(self, n):
        a = self.naddr[n]
        return f"{(a * 31) % 180 + 1} {STREETS[(a * 17) % len(STREETS)]}, {DNAME[DISTRICTS[self.addr_di[a]]]}"

    def vrm(self, n):
        h = (n * 2654435761) & 0xFFFFFFFF
        if (h >> 7) % 100 >= 38 or self.year - self.nby[n] < 18:
            return None
        L = "ABCDEFGHJKLMNOPRSTUVWXYZ"
        return (
            f"{VRM_AREA[self.ndi[n]]}{(h >> 3) % 25 + 1:02d}{L[(h >> 11) % 24]}{L[(h >> 16) % 24]}{L[(h >> 21) % 24]}"
        )

    def age(self, n):
        return self.year - self.nby[n]

    def pick(self, rng, pool, di, f=None):
        lst = self.pools[pool][di]
        for _ in range(6):
            n = rng.choice(lst)
            if f is None or f(n):
                return n
        return rng.choice(lst)

    def perp_of(self, v):
        lst = self.pools["susp_m"][self.ndi[v]]
        return lst[(v * 7919) % len(lst)]

    # ------------------------------------------------------------------ occurrences
    def init_occ(self):
        self.o_cat, self.o_open, self.o_close, self.o_di, self.o_creator = [], [], [], [], []
        self.o_noms, self.o_staff = [], []
        self.c_nom, self.c_sid, self.c_suite, self.c_in, self.c_out, self.c_occ = [], [], [], [], [], []
        self.marac_list = []  # (victim, perp, ts)
        self.by_profile = {}
        for st in self.staff:
            post = st.post_at(0)  # who they are at the start of the period
            p, di = post["profile"], post["di"]
            self.by_profile.setdefault((p, di), []).append(st)
            self.by_profile.setdefault((p, None), []).append(st)

    def add_occ(self, cat, di, ts, creator, noms, closed):
        i = len(self.o_cat)
        self.o_cat.append(cat)
        self.o_open.append(ts)
        self.o_close.append(closed)
        self.o_di.append(di)
        self.o_creator.append(creator)
        self.o_noms.append(noms)
        self.o_staff.append([])
        for n, r in noms:
            self.nom_occ.setdefault(n, []).append(i)
        return i

    def task(self, st, occ, role, start, end, rec=True, rec_start=None, rec_end=-1):
        if role in ("oic", "investigator"):
            st.cases.append((start, end, occ, role))
        else:
            st.tasks.append((start, end, occ, role))
        if rec:
            self.o_staff[occ].append(
                (st.sid, role, rec_start if rec_start is not None else start, end if rec_end == -1 else rec_end)
            )

    def incident_noms(self, cat, di, rng):
        P = self.pick
        age = self.age
        noms = []
        adult = lambda: P(rng, "adult", di)
        if cat == "domestic_abuse":
            if rng.random() < 0.85:
                lst = self.pools["da_f"][di]
                v = lst[rng.randrange(max(1, len(lst) // 6))] if rng.random() < 0.35 else rng.choice(lst)
            else:
                v = P(rng, "da_m", di)
            noms = [(v, "victim"), (self.perp_of(v), "suspect")]
            if rng.random() < 0.65:
                noms.append((v, "caller"))
            else:
                noms.append((adult(), "caller"))
            if rng.random() < 0.25:
                noms.append((P(rng, "child", di), "other"))
        elif cat == "sexual_offence":
            v = P(rng, "so", di) if rng.random() < 0.7 else P(rng, "young_f", di)
            noms = [(v, "victim")]
            if rng.random() < 0.7:
                noms.append((P(rng, "susp_m", di if rng.random() < 0.8 else rng.randrange(6)), "suspect"))
            if rng.random() < 0.3:
                noms.append((adult(), "witness"))
        elif cat == "stalking_harassment":
            v = P(rng, "da_f", di) if rng.random() < 0.5 else P(rng, "young_f", di)
            noms = [(v, "victim"), (self.perp_of(v), "suspect")]
        elif cat in ("assault", "public_order", "exploitation"):
            if cat == "exploitation":
                v = P(rng, "sw", di) if di != 4 else P(rng, "ms", di)
                noms = [(v, "victim"), (P(rng, "susp_m", di), "suspect")]
            else:
                if cat == "assault":
                    noms.append((adult(), "victim"))
                s = P(rng, "susp_f", di) if rng.random() < 0.2 else P(rng, "susp_m", di)
                noms.append((s, "suspect"))
                if cat == "public_order" and rng.random() < 0.4:
                    noms.append((P(rng, "susp_m", di), "suspect"))
                for _ in range(rng.randint(0, 2)):
                    noms.append((P(rng, "young_f", di) if rng.random() < 0.45 else adult(), "witness"))
                if rng.random() < 0.5:
                    noms.append((adult(), "caller"))
        elif cat in ("theft", "burglary", "criminal_damage", "fraud"):
            v = adult()
            noms = [(v, "victim")]
            if rng.random() < 0.6:
                noms.append((v, "caller"))
            if rng.random() < 0.3:
                noms.append((P(rng, "susp_m", di), "suspect"))
        elif cat == "shoplifting":
            noms = [
                (P(rng, "susp_f", di) if rng.random() < 0.35 else P(rng, "sub", di), "suspect"),
                (adult(), "caller"),
            ]
        elif cat in ("asb", "suspicious_activity"):
            noms = [(adult(), "caller")]
            if rng.random() < 0.5:
                noms.append((P(rng, "sub", di) if rng.random() < 0.5 else P(rng, "young_f", di), "other"))
        elif cat in ("concern_for_welfare", "mental_health"):
            pool = "mh" if cat == "mental_health" or rng.random() < 0.5 else "vuln"
            noms = [(P(rng, pool, di), "other"), (adult(), "caller")]
        elif cat == "missing_person":
            noms = [(P(rng, "mp", di), "other"), (adult(), "caller")]
        elif cat == "road_traffic_collision":
            for _ in range(rng.randint(1, 2)):
                noms.append((P(rng, "adult", di, lambda n: self.vrm(n) is not None), "other"))
            if rng.random() < 0.4:
                noms.append((adult(), "witness"))
        elif cat == "traffic_stop":
            d = P(rng, "adult", di, lambda n: self.vrm(n) is not None and age(n) < 60)
            noms = [(d, "other")]
        elif cat == "drugs":
            noms = [(P(rng, "sub", di), "suspect")]
        elif cat == "sudden_death":
            noms = [(P(rng, "old", di), "other"), (adult(), "caller")]
        elif cat == "safeguarding_referral":
            noms = [(P(rng, "child", di), "other"), (P(rng, "adult", di, lambda n: self.nsex[n] == "F"), "other")]
        else:
            noms = [(adult(), "caller")]
        # de-duplicate (same person in two roles is allowed, same role twice is not)
        out, seen = [], set()
        for n, r in noms:
            if (n, r) not in seen:
                seen.add((n, r))
                out.append((n, r))
        return out

    def close_time(self, cat, ts, crime, arrest, rng):
        if not crime:
            c = ts + rng.randint(1, 48) * 3600
        elif rng.random() < 0.72:
            c = ts + rng.randint(2, 90) * 86400 + rng.randint(0, 86399)
        else:
            return None
        return c if c < self.C.TEND else None

    def pick_staff(self, rng, p, di=None):
        lst = self.by_profile.get((p, di)) or self.by_profile.get((p, None))
        return rng.choice(lst) if lst else None

    def incident(
        self,
        cat,
        di,
        ts,
        rng,
        attendees=None,
        force_arrest=None,
        noms=None,
        hist=False,
        nosuper=False,
        force_crime=None,
        not_oic=None,
    ):
        """Create an occurrence with its nominals, tasking and custody. attendees: force these staff."""
        w, p_att, (amin, amax), p_crime, inv, p_arr, callgen = CATS[cat]
        C = self.C
        if noms is None:
            noms = self.incident_noms(cat, di, rng)
        crime = rng.random() < p_crime
        if force_crime is not None:
            crime = force_crime
        arrest = (
            force_arrest
            if force_arrest is not None
            else (rng.random() < p_arr and any(r == "suspect" for _, r in noms))
        )
        closed = self.close_time(cat, ts, crime, arrest, rng)
        if hist and closed is None and rng.random() < 0.55:
            closed = ts + rng.randint(5, 140) * 86400
            if closed >= C.TEND:
                closed = None
        creator = "SVC_WEBREPORT"
        ch = None
        if not hist and callgen:
            ch = self.on_duty(("ch", None), ts, rng)
            if ch is not None and rng.random() < 0.93:
                creator = ch.sid
            else:
                ch = None
        occ = self.add_occ(cat, di, ts, creator, noms, closed)
        end_int = closed if closed is not None else C.TEND + 86400
        if hist:
            # historical occurrences: an attending row and an OIC for the still-open crimes
            if rng.random() < p_att:
                a = self.pick_staff(rng, "response", di)
                if a is not None:
                    self.o_staff[occ].append((a.sid, "attending", ts + 1800, ts + 7200))
                    if crime and (closed is None or closed > C.T0) and inv in ("self", "cid30", None):
                        self.task(a, occ, "oic", ts + 1800, end_int, rec=rng.random() < 0.9, rec_end=closed)
            if crime and (closed is None or closed > C.T0):
                self.allocate(occ, cat, inv, di, ts, end_int, closed, rng, hist=True)
            return occ
        if ch is not None:
            self.task(
                ch, occ, "call_handler", ts - rng.randint(60, 400), ts + rng.randint(180, 700), rec=rng.random() < 0.88
            )
        att = []
        if attendees is not None:
            att = list(attendees)
        elif rng.random() < p_att:
            k = rng.randint(amin, amax)
            keys = [("resp", di)]
            if cat in ("road_traffic_collision", "traffic_stop") and rng.random() < 0.5:
                keys = [("roads", None), ("resp", di)]
            elif cat in ("asb", "suspicious_activity") and rng.random() < 0.5:
                keys = [("neigh", di), ("resp", di)]
            keys += [("resp", x) for x in NEIGHBOURS[di]] + [("neigh", di)]
            for key in keys:
                while len(att) < k:
                    a = self.on_duty(key, ts, rng, exclude=att)
                    if a is None:
                        break
                    att.append(a)
                if len(att) >= k:
                    break
        no_rec = rng.random() < 0.07
        lo, hi = TRAVEL[di]
        arr_first = None
        for j, a in enumerate(att):
            arr = ts + rng.randint(lo, hi) * 60 + j * rng.randint(0, 600)
            if cat in ("traffic_stop", "drugs"):
                arr = ts
            stay = (
                rng.randint(20, 150) * 60
                if cat not in ("domestic_abuse", "sexual_offence")
                else rng.randint(50, 200) * 60
            )
            rec = (not no_rec) and rng.random() < 0.95
            rs = arr - 300
            if rng.random() < 0.1:
                rs = arr + stay + rng.randint(1, 8) * 3600  # tasked late on the system
            self.task(a, occ, "attending", arr - 300, arr + stay, rec=rec, rec_start=rs)
            if arr_first is None:
                arr_first = arr
        if att and not hist:
            disp = self.on_duty(("disp", None), ts, rng)
            if disp is not None:
                self.task(disp, occ, "dispatch", ts + 30, (arr_first or ts) + 1800, rec=False)
        if callgen is False and att:
            self.o_creator[occ] = att[0].sid
        # supervision
        if (
            att
            and not nosuper
            and cat
            in (
                "domestic_abuse",
                "sexual_offence",
                "assault",
                "missing_person",
                "mental_health",
                "stalking_harassment",
                "exploitation",
            )
        ):
            sg = self.on_duty(("sgt", di), arr_first + 3600, rng, exclude=att)
            if sg is not None and rng.random() < 0.8:
                t = arr_first + rng.randint(60, 300) * 60
                self.task(sg, occ, "supervisor", t, t + 1800, rec=rng.random() < 0.5)
        # investigation
        if crime:
            first = att[0] if att else None
            if not_oic is not None and first is not_oic:
                first = att[1] if len(att) > 1 else None
                if first is None and inv in ("self", "da", "cid30"):
                    inv = "cid"
            self.allocate(occ, cat, inv, di, ts, end_int, closed, rng, first=first)
        # safeguarding
        victims = [n for n, r in noms if r == "victim"]
        if cat == "domestic_abuse" and victims:
            v = victims[0]
            if rng.random() < 0.7:
                cw = self.pick_staff(rng, "da_caseworker")
                if cw is not None:
                    ss = self.next_session(cw, ts + 86400)
                    if ss:
                        t = rng.randint(ss[0] + 1800, max(ss[0] + 1801, ss[1] - 1800))
                        self.task(cw, occ, "safeguarding", t, t + 3 * 86400, rec=rng.random() < 0.45)
            if rng.random() < 0.16:
                self.marac_list.append((v, self.perp_of(v), ts))
            if len(self.nom_occ.get(v, ())) >= 3 and rng.random() < 0.5:
                nb = self.pick_staff(rng, "neighbourhood", di)
                if nb is not None:
                    ss = self.next_session(nb, ts + rng.randint(2, 7) * 86400)
                    if ss:
                        t = rng.randint(ss[0] + 1800, max(ss[0] + 1801, ss[1] - 3600))
                        self.task(nb, occ, "safeguarding", t, t + 5400, rec=rng.random() < 0.5)
        if cat in ("safeguarding_referral", "missing_person") or any(
            r == "other" and self.age(n) < 18 for n, r in noms
        ):
            mp = self.pick_staff(rng, "mash_police" if rng.random() < 0.55 else "mash_council")
            if mp is not None:
                ss = self.next_session(mp, ts + 7200)
                if ss:
                    t = rng.randint(ss[0] + 900, max(ss[0] + 901, ss[1] - 1800))
                    council = mp.posts[-1]["profile"] == "mash_council"
                    self.task(mp, occ, "safeguarding", t, t + 2 * 86400, rec=rng.random() < (0.25 if council else 0.6))
        # arrest and custody
        if arrest and att:
            sus = [n for n, r in noms if r == "suspect"]
            if sus:
                n = sus[0]
                booked = (arr_first or ts) + rng.randint(30, 120) * 60 + (2700 if di in (4, 5) else 0)
                suite = SUITE_OF[di]
                sg = self.on_duty(("csgt", suite), booked, rng) or self.pick_staff(rng, "custody_sgt", suite)
                if sg is not None:
                    self.custody(n, sg, suite, booked, booked + rng.randint(3, 30) * 3600, occ)
                if crime and rng.random() < 0.45:
                    cj = self.pick_staff(rng, "cju")
                    if cj is not None:
                        ss = self.next_session(cj, ts + rng.randint(5, 25) * 86400)
                        if ss:
                            t = rng.randint(ss[0] + 900, max(ss[0] + 901, ss[1] - 1800))
                            self.task(cj, occ, "court_prep", t, t + 3 * 86400, rec=rng.random() < 0.85)
        return occ

    def custody(self, n, sg, suite, booked, released, occ):
        self.c_nom.append(n)
        self.c_sid.append(sg.sid)
        self.c_suite.append(suite)
        self.c_in.append(booked)
        self.c_out.append(released)
        self.c_occ.append(occ)
        return len(self.c_nom) - 1

    def allocate(self, occ, cat, inv, di, ts, end_int, closed, rng, first=None, hist=False):
        C = self.C
        prof = None
        if inv == "da":
            prof = "ppu_da" if rng.random() < 0.35 else "self"
        elif inv == "rasso":
            prof = "ppu_rasso"
        elif inv == "cid":
            prof = "cid_dc"
        elif inv == "cid30":
            prof = "cid_dc" if rng.random() < 0.3 else "self"
        elif inv == "cid20":
            prof = "cid_dc" if rng.random() < 0.2 else None
        elif inv == "self":
            prof = "self"
        if prof is None:
            return
        if prof == "self":
            if first is not None and not hist:
                self.task(first, occ, "oic", ts + 1800, end_int, rec=rng.random() < 0.9, rec_end=closed)
            return
        inv_st = self.pick_staff(rng, prof, di if prof != "ppu_rasso" else None)
        if inv_st is None:
            return
        if hist:
            start = ts + rng.randint(1, 3) * 86400
        else:
            ss = self.next_session(inv_st, ts + rng.randint(4, 40) * 3600)
            start = (ss[0] + rng.randint(900, 7200)) if ss else ts + 2 * 86400
        if start >= end_int:
            return
        if rng.random() < 0.08 and end_int - start > 10 * 86400:
            mid = start + (end_int - start) // 2
            mid = max(mid, C.T0 - 86400 * 30)
            nxt = self.pick_staff(rng, prof, di if prof != "ppu_rasso" else None)
            if nxt is not None and nxt is not inv_st:
                self.task(inv_st, occ, "oic", start, mid, rec=True, rec_end=mid)
                self.task(nxt, occ, "oic", mid, end_int, rec=True, rec_end=closed)
                inv_st = nxt
            else:
                self.task(inv_st, occ, "oic", start, end_int, rec=True, rec_end=closed)
        else:
            self.task(inv_st, occ, "oic", start, end_int, rec=rng.random() < 0.95, rec_end=closed)
        if prof == "cid_dc":
            ds = self.pick_staff(rng, "cid_ds", di)
            if ds is not None:
                self.task(ds, occ, "supervisor", start + 3600, start + 5400, rec=rng.random() < 0.7)
        if hist and rng.random() < 0.3:
            # a second investigator helping on older cases
            h = self.pick_staff(rng, prof, di if prof != "ppu_rasso" else None)
            if h is not None and h is not inv_st:
                self.task(h, occ, "investigator", start + 86400 * 3, end_int, rec=rng.random() < 0.8, rec_end=closed)

    def build_occurrences(self):
        rng = self.R("occurrences")
        C, D = self.C, self.days
        self.init_occ()
        cats = list(CATS)
        base_w = [CATS[c][0] for c in cats]
        dw = []
        for di in range(6):
            m = DIST_MULT.get(di, {})
            dw.append([w * m.get(c, 1.0) for c, w in zip(cats, base_w)])
        rate = 0.24 * self.N
        hours = list(range(24))
        # history: 150 days before the period (context for caseloads and repeat victims)
        for d in range(-150, 0):
            for di in range(6):
                k = int(rate * DPOP[di] * 0.85 + rng.random())
                for _ in range(k):
                    cat = rng.choices(cats, dw[di])[0]
                    if cat in ("traffic_stop", "safeguarding_referral"):
                        continue
                    ts = C.at(d, rng.choices(hours, HOUR_W)[0] + rng.random())
                    self.incident(cat, di, ts, rng, hist=True)
        self.n_hist = len(self.o_cat)
        # the period
        for d in range(D):
            wd = C.weekday(d)
            for di in range(6):
                mult = 1.15 if wd in (4, 5) else (0.9 if wd == 6 else 1.0)
                lam = rate * DPOP[di] * mult
                k = int(lam + rng.gauss(0, lam**0.5))
                for _ in range(max(0, k)):
                    cat = rng.choices(cats, dw[di])[0]
                    hw = HOUR_W
                    ts = C.at(d, rng.choices(hours, hw)[0] + rng.random())
                    if cat in ("traffic_stop", "drugs"):
                        # self-generated by an officer on patrol
                        key = ("roads", None) if (cat == "traffic_stop" and rng.random() < 0.6) else ("resp", di)
                        a = self.on_duty(key, ts, rng)
                        if a is None:
                            continue
                        self.incident(cat, di, ts, rng, attendees=[a])
                    else:
                        self.incident(cat, di, ts, rng)
        # high-profile murder a third of the way in: a curiosity magnet
        d = max(1, int(D * 0.3))
        ts = C.at(d, 23.3)
        v = self.pick(rng, "young_f", 2)
        s = self.pick(rng, "susp_m", 2)
        occ = self.add_occ(
            "homicide", 2, ts, "S0000", [(v, "victim"), (s, "suspect"), (self.pick(rng, "adult", 2), "caller")], None
        )
        self.o_creator[occ] = (self.on_duty(("ch", None), ts, rng) or self.staff[0]).sid
        self.homicide = occ
        for st in self.by_profile.get(("cid_dc", 2), []) + self.by_profile.get(("cid_ds", 2), []):
            ss = self.next_session(st, ts)
            if ss:
                self.task(st, occ, "investigator", ss[0] + 600, C.TEND + 86400, rec=True, rec_end=None)
        att = []
        for _ in range(3):
            a = self.on_duty(("resp", 2), ts + 600, rng, exclude=att)
            if a is not None:
                att.append(a)
                self.task(a, occ, "attending", ts + 600, ts + 6 * 3600)
        sg = self.on_duty(("csgt", 2), ts + 4 * 3600, rng) or self.pick_staff(rng, "custody_sgt", 2)
        if sg:
            self.custody(s, sg, 2, ts + 4 * 3600, ts + 4 * 3600 + 36 * 3600, occ)

    # ------------------------------------------------------------------ ids and work lists
    def assign_ids(self):
        C = self.C
        order = sorted(range(len(self.o_cat)), key=lambda i: self.o_open[i])
        self.OID = [None] * len(order)
        seq = {}
        for i in order:
            yy = C.f_date(self.o_open[i])[2:4]
            k = seq.get(yy, 0) + 1
            seq[yy] = k
            self.OID[i] = f"{yy}CW{k:06d}"
        order = sorted(range(len(self.c_nom)), key=lambda i: self.c_in[i])
        self.CID = [None] * len(order)
        seq = {}
        for i in order:
            yy = C.f_date(self.c_in[i])[2:4]
            key = (self.c_suite[i], yy)
            k = seq.get(key, 0) + 1
            seq[key] = k
            self.CID[i] = f"{SUITES[self.c_suite[i]]}/{k:05d}/{yy}"
        # occurrences per district by open time
        self.od_t = [[] for _ in range(6)]
        self.od_i = [[] for _ in range(6)]
        for i in sorted(range(len(self.o_cat)), key=lambda i: self.o_open[i]):
            self.od_t[self.o_di[i]].append(self.o_open[i])
            self.od_i[self.o_di[i]].append(i)
        # custody by suite
        self.cs_t = [[] for _ in SUITES]
        self.cs_i = [[] for _ in SUITES]
        for i in sorted(range(len(self.c_nom)), key=lambda i: self.c_in[i]):
            self.cs_t[self.c_suite[i]].append(self.c_in[i])
            self.cs_i[self.c_suite[i]].append(i)
        for st in self.staff:
            st.tasks.sort(key=lambda x: x[0])
            st.task_starts = [x[0] for x in st.tasks]
            st.cases.sort(key=lambda x: x[0])

    def recent_occ(self, di, t, window, k, rng):
        ts = self.od_t[di]
        a = bisect.bisect_left(ts, t - window)
        b = bisect.bisect_left(ts, t)
        if b <= a:
            return []
        if b - a <= k:
            return self.od_i[di][a:b]
        return [self.od_i[di][rng.randrange(a, b)] for _ in range(k)]

    def build_worklists(self):
        rng = self.R("worklists")
        P = self.pools
        self.analyst_sets = {}
        topics = [
            ("county_lines_SLT", [("sub", 2), ("susp_m", 2), ("sub", 4)]),
            ("sex_work_SLT_KGF", [("sw", 2), ("sw", 0), ("susp_m", 2)]),
            ("da_repeat_KGF", [("da_f", 0), ("susp_m", 0)]),
            ("rural_theft", [("susp_m", 5), ("susp_m", 4), ("susp_m", 3)]),
            ("missing_children", [("mp", 0), ("mp", 1), ("mp", 2), ("child", 2)]),
            ("nighttime_economy_SLT", [("susp_m", 2), ("young_f", 2), ("so", 2)]),
            ("modern_slavery_MRS", [("ms", 4), ("susp_m", 4), ("ms", 2)]),
        ]
        self.topic_sets = {}
        for name, parts in topics:
            s = []
            for pool, di in parts:
                lst = P[pool][di]
                s += rng.sample(lst, min(len(lst), 110))
            self.topic_sets[name] = sorted(set(s))
        self.topic_names = [t for t, _ in topics]
        for st in self.staff:
            if st.profile0 in ("analyst", "rocu", "intel"):
                k = rng.randint(1, 2)
                st.caseset = rng.sample(self.topic_names, k)
                if st.abuser == "analyst_fixation":
                    # the planted analyst legitimately works the sex-work problem profile
                    st.caseset = ["sex_work_SLT_KGF"] + [t for t in st.caseset if t != "sex_work_SLT_KGF"][:1]
            elif st.profile0 == "offender_mgr":
                rsos = []
                for _ in range(rng.randint(30, 45)):
                    di = wchoice(rng, range(6), DPOP)
                    r = self.pick(rng, "susp_m", di, lambda n: self.age(n) >= 22)
                    assoc = [
                        self.pick(rng, "adult", di, lambda n: self.nsex[n] == "F" and 20 <= self.age(n) <= 50)
                        for _ in range(rng.randint(0, 2))
                    ]
                    rsos.append((r, assoc))
                st.caseset = rsos
        self.wanted = []
        for di in range(6):
            self.wanted += rng.sample(P["susp_m"][di], min(len(P["susp_m"][di]), int(14 * DPOP[di] * 6)))
            self.wanted += rng.sample(P["susp_f"][di], min(len(P["susp_f"][di]), int(3 * DPOP[di] * 6)))
        self.training_set = []
        for pool, di, k in (
            ("da_f", 0, 6),
            ("so", 0, 3),
            ("susp_m", 0, 8),
            ("child", 1, 3),
            ("mh", 1, 4),
            ("sub", 2, 3),
            ("adult", 3, 6),
        ):
            self.training_set += rng.sample(P[pool][di], min(k, len(P[pool][di])))
        self.training_occ = [
            i for i in range(min(self.n_hist, 4000)) if self.o_cat[i] in ("domestic_abuse", "burglary", "assault")
        ][:12]
        self.neigh_lists = []
        for di in range(6):
            s = []
            for pool, k in (
                ("sub", 25),
                ("vuln", 25),
                ("susp_m", 40),
                ("da_f", 25),
                ("young_f", 20),
                ("sw", 8),
                ("mp", 15),
                ("adult", 40),
            ):
                lst = P[pool][di]
                s += rng.sample(lst, min(k, len(lst)))
            self.neigh_lists.append(s)
        self.ocg = []
        for di in (2, 0, 4):
            g = (
                rng.sample(P["susp_m"][di], min(20, len(P["susp_m"][di])))
                + rng.sample(P["sub"][di], min(10, len(P["sub"][di])))
                + rng.sample(P["young_f"][di], min(6, len(P["young_f"][di])))
            )
            self.ocg.append(g)
        self.brief_cache = {}

    def briefing(self, d, di):
        key = (d, di)
        b = self.brief_cache.get(key)
        if b is None:
            rng = random.Random(f"brief-{self.seed}-{d}-{di}")
            b = []
            for pool, k in (("mp", 3), ("susp_m", 5), ("da_f", 4), ("vuln", 1)):
                lst = self.pools[pool][di]
                b += [rng.choice(lst) for _ in range(k)]
            w = [n for n in self.wanted if self.ndi[n] == di]
            if w:
                b += [rng.choice(w) for _ in range(3)]
            self.brief_cache[key] = b
        return b

    # ------------------------------------------------------------------ event primitives
    def add(self, sysi, ts, sid, action, etype, eid="", q="", ws="", tag=None):
        b = (ts - self.T0) // 86400
        bk = self.buckets.get(b)
        if bk is None:
            if b <= self.flushed:
                self.lost += 1
                return
            bk = self.buckets[b] = ([], [], [], [], [], [])
        bk[sysi].append((ts, sid, action, etype, eid, q, ws, tag))

    def look(self, sysi, t, sid, n, ws, rng, sp=0.6, tag=None):
        if rng.random() < sp:
            self.add(sysi, t, sid, "search", "nominal", "", self.qname(n, sysi, rng), ws, tag)
            t += rng.randint(8, 50)
        self.add(sysi, t, sid, "view", "nominal", self.NID[n], "", ws, tag)
        return t + rng.randint(20, 180)

    def pnc_person(self, t, sid, n, ws, rng, tag=None):
        w = ws if rng.random() > 0.05 else ""
        self.add(PNC, t, sid, "search", "nominal", "", self.qname(n, PNC, rng), w, tag)
        self.add(PNC, t + rng.randint(3, 25), sid, "view", "nominal", self.NID[n], "", w, tag)
        return t + rng.randint(30, 120)

    def pnc_vehicle(self, t, sid, vrm, ws, rng, tag=None):
        self.add(PNC, t, sid, "search", "vehicle", vrm, f"QV/{vrm}", ws if rng.random() > 0.05 else "", tag)
        return t + rng.randint(20, 90)

    def intel_id(self, n):
        return f"IR{(n * 2971) % 800000 + 100000:06d}"

    def rand_vrm(self, rng):
        L = "ABCDEFGHJKLMNOPRSTUVWXYZ"
        return (
            rng.choice(VRM_AREA + ["YX", "LK", "MA", "BD", "SN"])
            + f"{rng.randint(1, 25):02d}"
            + "".join(rng.choice(L) for _ in range(3))
        )

    def tasks_in(self, st, s, e):
        i = bisect.bisect_left(st.task_starts, s - 900)
        out = []
        tl = st.tasks
        while i < len(tl) and tl[i][0] < e:
            out.append(tl[i])
            i += 1
        return out

    @staticmethod
    def rt(rng, s, e, m=300):
        return rng.randint(s + m, max(s + m, e - m))

    def case_work(self, st, occ, t, ws, rng, deep=False, sysi=RMS):
        sid, add, NID = st.sid, self.add, self.NID
        add(sysi, t, sid, "view", "occurrence", self.OID[occ], "", ws)
        t += rng.randint(30, 240)
        noms = self.o_noms[occ]
        if not noms:
            return t
        sel = noms if deep else rng.sample(noms, min(len(noms), rng.randint(1, 2)))
        sus = None
        for n, r in sel:
            add(sysi, t, sid, "view", "nominal", NID[n], "", ws)
            t += rng.randint(20, 200)
            if r == "suspect":
                sus = n
            if deep:
                for o in self.nom_occ.get(n, ())[-3:]:
                    if o != occ:
                        add(sysi, t, sid, "view", "occurrence", self.OID[o], "", ws)
                        t += rng.randint(15, 90)
                if r == "suspect" and rng.random() < 0.6:
                    t = self.pnc_person(t, sid, n, ws, rng)
        r = rng.random()
        if r < 0.5:
            add(sysi, t, sid, "update", "occurrence", self.OID[occ], "", ws)
            t += rng.randint(60, 600)
        if sus is not None and rng.random() < 0.25:
            add(RMS, t, sid, "search", "intelligence", "", self.qname(sus, RMS, rng), ws)
            add(RMS, t + rng.randint(10, 60), sid, "view", "intelligence", self.intel_id(sus), "", ws)
            t += rng.randint(60, 300)
        if rng.random() < 0.04:
            add(sysi, t, sid, "print", "occurrence", self.OID[occ], "", ws)
        elif rng.random() < 0.012:
            add(sysi, t, sid, "export", "occurrence", self.OID[occ], "", ws)
        return t

    # ------------------------------------------------------------------ legitimate work by role
    def ev_attend(self, st, occ, ta, te, rng, ws, dev, di):
        add, sid, OID = self.add, st.sid, self.OID
        cat = self.o_cat[occ]
        t = ta - rng.randint(240, 900)
        add(MOB, t, sid, "view", "occurrence", OID[occ], "", dev)
        if rng.random() < 0.04:
            add(MOB, t + 1, sid, "view", "occurrence", OID[occ], "", dev)  # app double-tap
        if rng.random() < 0.3:
            add(CAD, t + rng.randint(5, 60), sid, "view", "occurrence", OID[occ], "", ws)
        t = ta
        noms = self.o_noms[occ]
        for n, r in noms:
            if r == "caller" and rng.random() < 0.6:
                continue
            if rng.random() < 0.7:
                t = self.look(MOB, t, sid, n, dev, rng, 0.7)
            else:
                t = self.look(RMS, t, sid, n, ws, rng, 0.5)
            if r == "suspect" and rng.random() < 0.7:
                t = self.pnc_person(t, sid, n, "", rng)
            if r == "other" and cat in ("traffic_stop", "road_traffic_collision"):
                v = self.vrm(n)
                if v:
                    t = self.pnc_vehicle(t, sid, v, "", rng)
                if rng.random() < 0.6:
                    t = self.pnc_person(t, sid, n, "", rng)
        if cat in (
            "domestic_abuse",
            "stalking_harassment",
            "sexual_offence",
            "missing_person",
            "exploitation",
            "mental_health",
            "concern_for_welfare",
        ):
            vs = [n for n, r in noms if r in ("victim", "other")]
            if vs:
                v = vs[0]
                for o in self.nom_occ.get(v, ())[-4:]:
                    if o != occ:
                        add(MOB if rng.random() < 0.5 else RMS, t, sid, "view", "occurrence", OID[o], "", dev)
                        t += rng.randint(20, 90)
                add(RMS, t, sid, "view", "location", self.uprn(v), "", ws)
                t += rng.randint(20, 120)
        t2 = max(t, te) + rng.randint(300, 4800)
        add(RMS, t2, sid, "update", "occurrence", OID[occ], "", ws)
        if rng.random() < 0.5:
            add(RMS, t2 + rng.randint(300, 2400), sid, "update", "occurrence", OID[occ], "", ws)
        if rng.random() < 0.03:
            add(RMS, t2 + rng.randint(60, 600), sid, "print", "occurrence", OID[occ], "", ws)

    def ev_supervise(self, st, occ, t, rng, ws):
        add, sid = self.add, st.sid
        add(RMS, t, sid, "view", "occurrence", self.OID[occ], "", ws)
        t += rng.randint(60, 400)
        for n, r in self.o_noms[occ]:
            if (r == "victim" and rng.random() < 0.6) or (r == "suspect" and rng.random() < 0.3):
                add(RMS, t, sid, "view", "nominal", self.NID[n], "", ws)
                t += rng.randint(30, 200)
        add(RMS, t, sid, "update", "occurrence", self.OID[occ], "", ws)

    def ev_safeguard(self, st, occ, t, rng, ws, deep=False):
        add, sid = self.add, st.sid
        add(RMS, t, sid, "view", "occurrence", self.OID[occ], "", ws)
        t += rng.randint(30, 200)
        for n, r in self.o_noms[occ]:
            if r in ("victim", "other") or (deep and r != "caller"):
                add(RMS, t, sid, "view", "nominal", self.NID[n], "", ws)
                t += rng.randint(30, 240)
                if deep or rng.random() < 0.5:
                    for o in self.nom_occ.get(n, ())[-3:]:
                        if o != occ:
                            add(RMS, t, sid, "view", "occurrence", self.OID[o], "", ws)
                            t += rng.randint(15, 90)
                if rng.random() < 0.4:
                    add(RMS, t, sid, "view", "location", self.uprn(n), "", ws)
                    t += rng.randint(20, 90)
        if rng.random() < 0.5:
            add(RMS, t, sid, "update", "occurrence", self.OID[occ], "", ws)

    def do_tasks(self, st, s, e, rng, ws, dev, di):
        for ts0, te, occ, role in self.tasks_in(st, s, e):
            if role == "attending":
                self.ev_attend(st, occ, ts0 + 300, te, rng, ws, dev or ws, di)
            elif role == "supervisor":
                self.ev_supervise(st, occ, ts0, rng, ws)
            elif role == "safeguarding":
                self.ev_safeguard(st, occ, ts0, rng, ws, deep=st.profile0.startswith("mash"))
            elif role == "court_prep":
                t = self.case_work(st, occ, ts0, ws, rng, deep=True)
                if rng.random() < 0.5:
                    self.add(RMS, t, st.sid, "print", "occurrence", self.OID[occ], "", ws)

    def h_response(self, st, sess, rng):
        s, e, kind, p, post = sess
        di = post["di"] if post["di"] is not None else st.home
        sid, ws, dev, add, NID, OID = st.sid, st.ws, st.device or st.ws, self.add, self.NID, self.OID
        d = self.C.dayidx(s)
        t = s + rng.randint(600, 1500)
        bl = self.briefing(d, di)
        for n in rng.sample(bl, min(len(bl), rng.randint(2, 6))):
            add(RMS, t, sid, "view", "nominal", NID[n], "", ws)
            t += rng.randint(20, 120)
        for o in self.recent_occ(di, t, 86400, rng.randint(3, 7), rng):
            add(RMS, t, sid, "view", "occurrence", OID[o], "", ws)
            t += rng.randint(20, 100)
        self.do_tasks(st, s, e, rng, ws, dev, di)
        for cs, ce, occ, role in st.cases:
            if cs < e and ce > s and rng.random() < 0.22:
                self.case_work(st, occ, self.rt(rng, s, e), ws, rng)
        self.welfare_followup(st, s, e, rng, ws, dev, 0.1)
        if rng.random() < 0.15:
            # reading the handheld at home before the shift (not on the roster)
            t = s - rng.randint(1200, 3600)
            for o in self.recent_occ(di, t, 86400, rng.randint(1, 3), rng):
                add(MOB, t, sid, "view", "occurrence", OID[o], "", dev)
                t += rng.randint(30, 240)
            if rng.random() < 0.2:
                bl = self.briefing(d, di)
                add(MOB, t, sid, "view", "nominal", NID[rng.choice(bl)], "", dev)
        if rng.random() < 0.12:
            # caller or witness gave only a first name: a partial search, results skimmed
            t = self.rt(rng, s, e)
            fn = rng.choice(F_NAMES + M_NAMES)
            add(RMS, t, sid, "search", "nominal", "", f"forename={fn[:4]}* district={DISTRICTS[di]}", ws)
            for _ in range(rng.randint(0, 2)):
                t += rng.randint(20, 120)
                add(RMS, t, sid, "view", "nominal", NID[self.pick(rng, "adult", di)], "", ws)
        for _ in range(rng.randint(2, 7)):
            t = self.rt(rng, s, e)
            for o in self.recent_occ(di, t, 6 * 3600, 1, rng):
                add(
                    CAD if rng.random() < 0.4 else MOB,
                    t,
                    sid,
                    "view",
                    "occurrence",
                    OID[o],
                    "",
                    dev if rng.random() < 0.6 else ws,
                )
        for _ in range(rng.randint(0, 3)):
            n = self.pick(rng, "susp_m" if rng.random() < 0.5 else "adult", di)
            t = self.look(MOB, self.rt(rng, s, e), sid, n, dev, rng, 0.9)
            if rng.random() < 0.5:
                self.pnc_person(t, sid, n, "", rng)
        for _ in range(rng.randint(0, 3)):
            n = self.pick(rng, "adult", di)
            v = self.vrm(n) or self.rand_vrm(rng)
            self.pnc_vehicle(self.rt(rng, s, e), sid, v, "", rng)
        if p == "response_sgt":
            for o in self.recent_occ(di, e - 1800, e - s, rng.randint(4, 10), rng):
                t = max(self.o_open[o] + 1800, s + 600)
                if t >= e:
                    continue
                add(RMS, t, sid, "view", "occurrence", OID[o], "", ws)
                if rng.random() < 0.3:
                    add(RMS, t + rng.randint(60, 600), sid, "update", "occurrence", OID[o], "", ws)
                if self.o_cat[o] == "domestic_abuse" and rng.random() < 0.5:
                    add(RMS, t + rng.randint(30, 300), sid, "view", "nominal", NID[self.o_noms[o][0][0]], "", ws)

    def welfare_followup(self, st, s, e, rng, ws, dev, p):
        """Checking on a victim the officer dealt with recently: legitimate, and never tasked."""
        if rng.random() >= p:
            return
        i = bisect.bisect_left(st.task_starts, s - 30 * 86400)
        j = bisect.bisect_left(st.task_starts, s - 86400)
        past = [
            x
            for x in st.tasks[i:j]
            if x[3] in ("attending", "safeguarding")
            and self.o_cat[x[2]]
            in (
                "domestic_abuse",
                "stalking_harassment",
                "sexual_offence",
                "missing_person",
                "mental_health",
                "concern_for_welfare",
                "exploitation",
            )
        ]
        if not past:
            return
        occ = rng.choice(past)[2]
        vs = [n for n, r in self.o_noms[occ] if r in ("victim", "other")]
        if not vs:
            return
        t = self.rt(rng, s, e)
        sysi, w = (MOB, dev) if rng.random() < 0.5 else (RMS, ws)
        self.add(sysi, t, st.sid, "view", "nominal", self.NID[vs[0]], "", w)
        if rng.random() < 0.5:
            self.add(sysi, t + rng.randint(30, 200), st.sid, "view", "occurrence", self.OID[occ], "", w)

    def h_neigh(self, st, sess, rng):
        s, e, kind, p, post = sess
        di = post["di"] if post["di"] is not None else st.home
        sid, ws, dev, add, OID = st.sid, st.ws, st.device or st.ws, self.add, self.OID
        self.do_tasks(st, s, e, rng, ws, dev, di)
        for cs, ce, occ, role in st.cases:
            if cs < e and ce > s and rng.random() < 0.25:
                self.case_work(st, occ, self.rt(rng, s, e), ws, rng)
        self.welfare_followup(st, s, e, rng, ws, dev, 0.15)
        NL = self.neigh_lists[di]
        mobp = 0.8 if p == "pcso" else 0.5
        for n in rng.sample(NL, rng.randint(3, 9)):
            t = self.rt(rng, s, e)
            if rng.random() < mobp:
                t = self.look(MOB, t, sid, n, dev, rng, 0.55)
            else:
                t = self.look(RMS, t, sid, n, ws, rng, 0.4)
            if rng.random() < 0.25:
                add(RMS, t, sid, "view", "location", self.uprn(n), "", ws)
        for o in self.recent_occ(di, e, 2 * 86400, rng.randint(2, 5), rng):
            add(MOB if rng.random() < mobp else RMS, self.rt(rng, s, e), sid, "view", "occurrence", OID[o], "", dev)
        if p == "neighbourhood" and rng.random() < 0.4:
            n = self.pick(rng, "susp_m", di)
            self.pnc_person(self.rt(rng, s, e), sid, n, ws, rng)

    def h_roads(self, st, sess, rng):
        s, e, kind, p, post = sess
        sid, ws, dev, add = st.sid, st.ws, st.device or st.ws, self.add
        self.do_tasks(st, s, e, rng, ws, dev, 5)
        for cs, ce, occ, role in st.cases:
            if cs < e and ce > s and rng.random() < 0.2:
                self.case_work(st, occ, self.rt(rng, s, e), ws, rng)
        for _ in range(rng.randint(5, 14)):
            t = self.rt(rng, s, e)
            if rng.random() < 0.7:
                n = self.pick(rng, "adult", wchoice(rng, range(6), DPOP))
                v = self.vrm(n)
                if v is None:
                    v = self.rand_vrm(rng)
                elif rng.random() < 0.3:
                    self.pnc_vehicle(t, sid, v, "", rng)
                    self.pnc_person(t + 60, sid, n, "", rng)
                    continue
            else:
                v = self.rand_vrm(rng)
            self.pnc_vehicle(t, sid, v, "", rng)
        for _ in range(rng.randint(1, 5)):
            v = (
                self.rand_vrm(rng)
                if rng.random() < 0.5
                else (self.vrm(self.pick(rng, "susp_m", rng.randrange(6))) or self.rand_vrm(rng))
            )
            add(ANPR, self.rt(rng, s, e), sid, "search", "vehicle", v, f"VRM={v}", ws)

    def h_call_handler(self, st, sess, rng):
        s, e, kind, p, post = sess
        sid, ws, add, NID, OID = st.sid, st.ws, self.add, self.NID, self.OID
        for ts0, te, occ, role in self.tasks_in(st, s, e):
            if role != "call_handler":
                if role == "safeguarding" or role == "court_prep":
                    self.case_work(st, occ, ts0, ws, rng)
                continue
            t = ts0
            noms = self.o_noms[occ]
            caller = next((n for n, r in noms if r == "caller"), None)
            if caller is not None:
                add(CAD, t, sid, "search", "location", "", self.address(caller), ws)
                t += rng.randint(20, 90)
            add(CAD, max(t, self.o_open[occ]), sid, "create", "occurrence", OID[occ], "", ws)
            t = max(t, self.o_open[occ]) + rng.randint(20, 60)
            for n, r in noms:
                if r in ("caller", "victim", "other") and rng.random() < 0.75:
                    t = self.look(RMS, t, sid, n, ws, rng, 0.85)
                    if rng.random() < 0.4:
                        h = self.nom_occ.get(n, ())
                        if len(h) > 1:
                            add(RMS, t, sid, "view", "occurrence", OID[h[-2]], "", ws)
                            t += rng.randint(20, 80)
                elif r == "suspect" and rng.random() < 0.4:
                    t = self.look(RMS, t, sid, n, ws, rng, 0.7)
            if rng.random() < 0.08:
                self.pnc_person(t, sid, noms[0][0], ws, rng)
            add(CAD, t + rng.randint(30, 240), sid, "update", "occurrence", OID[occ], "", ws)
        k = int(rng.randint(7, 16) * (e - s) / 43200.0)
        for _ in range(k):
            t = self.rt(rng, s, e)
            di = wchoice(rng, range(6), DPOP)
            n = self.pick(rng, "adult", di)
            add(RMS, t, sid, "search", "nominal", "", self.qname(n, RMS, rng), ws)
            if rng.random() < 0.55:
                add(RMS, t + rng.randint(10, 40), sid, "view", "nominal", NID[n], "", ws)
            r = rng.random()
            if r < 0.35:
                for o in self.recent_occ(di, t, 5 * 86400, 1, rng):
                    add(CAD, t + rng.randint(40, 120), sid, "view", "occurrence", OID[o], "", ws)
            elif r < 0.6:
                add(CAD, t + rng.randint(40, 120), sid, "search", "location", "", self.address(n), ws)

    def h_dispatcher(self, st, sess, rng):
        s, e, kind, p, post = sess
        sid, ws, add, OID = st.sid, st.ws, self.add, self.OID
        for ts0, te, occ, role in self.tasks_in(st, s, e):
            n_up = rng.randint(2, 4)
            span = max(600, te - ts0)
            add(CAD, ts0, sid, "view", "occurrence", OID[occ], "", ws)
            for j in range(n_up):
                add(CAD, ts0 + (j + 1) * span // (n_up + 1), sid, "update", "occurrence", OID[occ], "", ws)
            if rng.random() < 0.3 and self.o_noms[occ]:
                add(RMS, ts0 + rng.randint(30, 200), sid, "view", "location", self.uprn(self.o_noms[occ][0][0]), "", ws)
        for _ in range(int(rng.randint(8, 20) * (e - s) / 43200.0)):
            t = self.rt(rng, s, e)
            for o in self.recent_occ(rng.randrange(6), t, 12 * 3600, 1, rng):
                add(CAD, t, sid, "view", "occurrence", OID[o], "", ws)

    def h_fcr_sup(self, st, sess, rng):
        s, e, kind, p, post = sess
        sid, ws, add, OID, NID = st.sid, st.ws, self.add, self.OID, self.NID
        for _ in range(rng.randint(15, 30)):
            t = self.rt(rng, s, e)
            for o in self.recent_occ(rng.randrange(6), t, 12 * 3600, 1, rng):
                add(CAD, t, sid, "view", "occurrence", OID[o], "", ws)
                if self.o_cat[o] in ("domestic_abuse", "missing_person") and rng.random() < 0.3:
                    add(RMS, t + rng.randint(20, 90), sid, "view", "nominal", NID[self.o_noms[o][0][0]], "", ws)

    def h_custody(self, st, sess, rng):
        s, e, kind, p, post = sess
        sid, ws, add, NID = st.sid, st.ws, self.add, self.NID
        suite = post["di"] if post["di"] is not None else 0
        tl = self.cs_t[suite]
        a = bisect.bisect_left(tl, s - 40 * 3600)
        b = bisect.bisect_left(tl, e)
        for j in range(a, b):
            c = self.cs_i[suite][j]
            cin, cout = self.c_in[c], self.c_out[c]
            if cout <= s:
                continue
            lo, hi = max(s, cin), min(e, cout)
            if hi - lo < 300:
                continue
            cid, n = self.CID[c], self.c_nom[c]
            if p == "custody_sgt":
                if s <= cin < e:
                    add(CUS, cin, sid, "create", "custody", cid, "", ws)
                    t = self.look(RMS, cin + rng.randint(60, 300), sid, n, ws, rng, 0.5)
                    t = self.pnc_person(t, sid, n, ws, rng)
                    add(CUS, t, sid, "update", "custody", cid, "", ws)
                for _ in range(rng.randint(1, 2)):
                    add(CUS, rng.randint(lo, hi), sid, "view", "custody", cid, "", ws)
                if rng.random() < 0.5:
                    add(CUS, rng.randint(lo, hi), sid, "update", "custody", cid, "", ws)
            elif p == "custody_do":
                add(CUS, rng.randint(lo, hi), sid, "view", "custody", cid, "", ws)
                for _ in range(min(4, max(1, (hi - lo) // 7200))):
                    add(CUS, rng.randint(lo, hi), sid, "update", "custody", cid, "", ws)
                if rng.random() < 0.22:
                    add(RMS, rng.randint(lo, hi), sid, "view", "nominal", NID[n], "", ws)
            else:
                if rng.random() < 0.45:
                    t = rng.randint(lo, hi)
                    add(CUS, t, sid, "view", "custody", cid, "", ws)
                    add(CUS, t + rng.randint(300, 1500), sid, "update", "custody", cid, "", ws)
                    if rng.random() < 0.4:
                        add(RMS, t + rng.randint(30, 200), sid, "view", "nominal", NID[n], "", ws)

    def h_investigator(self, st, sess, rng):
        s, e, kind, p, post = sess
        di = post["di"] if post["di"] is not None else st.home
        sid, ws, add, OID, NID = st.sid, st.ws, self.add, self.OID, self.NID
        active = [c for c in st.cases if c[0] < e and c[1] > s]
        rest = []
        for c in active:
            if s <= c[0] < e:
                self.case_work(st, c[2], c[0], ws, rng, deep=True)
            else:
                rest.append(c)
        if rest:
            for c in rng.sample(rest, min(len(rest), rng.randint(2, 6))):
                self.case_work(st, c[2], self.rt(rng, s, e), ws, rng)
        self.do_tasks(st, s, e, rng, ws, st.device or ws, di)
        for _ in range(rng.randint(1, 4)):
            n = self.pick(rng, "susp_m", di)
            t = self.rt(rng, s, e)
            add(RMS, t, sid, "search", "intelligence", "", self.qname(n, RMS, rng), ws)
            if rng.random() < 0.6:
                add(RMS, t + rng.randint(10, 60), sid, "view", "intelligence", self.intel_id(n), "", ws)
        for _ in range(rng.randint(0, 2)):
            self.pnc_person(self.rt(rng, s, e), sid, self.pick(rng, "susp_m", di), ws, rng)
        if p == "ppu_da":
            for o in self.recent_occ(di, s, 2 * 86400, rng.randint(2, 5), rng):
                if self.o_cat[o] == "domestic_abuse":
                    t = self.rt(rng, s, e)
                    add(RMS, t, sid, "view", "occurrence", OID[o], "", ws)
                    add(RMS, t + rng.randint(30, 200), sid, "view", "nominal", NID[self.o_noms[o][0][0]], "", ws)
        elif p == "ppu_rasso" and st.habit < 0.3:
            # historic case review team: reads old sexual-offence files with no individual tasking
            for _ in range(rng.randint(5, 12)):
                o = rng.randrange(self.n_hist)
                if self.o_cat[o] != "sexual_offence":
                    continue
                t = self.rt(rng, s, e)
                add(RMS, t, sid, "view", "occurrence", OID[o], "", ws)
                add(RMS, t + rng.randint(60, 400), sid, "view", "nominal", NID[self.o_noms[o][0][0]], "", ws)
        elif p == "cid_ds":
            for o in self.recent_occ(di, e, 86400, rng.randint(5, 10), rng):
                add(RMS, self.rt(rng, s, e), sid, "view", "occurrence", OID[o], "", ws)

    def h_offender_mgr(self, st, sess, rng):
        s, e, kind, p, post = sess
        sid, ws, add, NID = st.sid, st.ws, self.add, self.NID
        for r, assoc in rng.sample(st.caseset, min(len(st.caseset), rng.randint(5, 9))):
            t = self.look(RMS, self.rt(rng, s, e), sid, r, ws, rng, 0.2)
            if rng.random() < 0.4:
                add(RMS, t, sid, "view", "intelligence", self.intel_id(r), "", ws)
                t += rng.randint(30, 200)
            if rng.random() < 0.5:
                add(RMS, t, sid, "view", "location", self.uprn(r), "", ws)
                t += rng.randint(30, 200)
            if rng.random() < 0.35:
                t = self.pnc_person(t, sid, r, ws, rng)
            for a in assoc:
                if rng.random() < 0.4:
                    t = self.look(RMS, t, sid, a, ws, rng, 0.3)
            if rng.random() < 0.15:
                add(RMS, t, sid, "update", "nominal", NID[r], "", ws)

    def marac_due(self, d):
        wd = self.C.weekday(d)
        ad = d + self.doff
        meeting = wd == 1 and (ad // 7) % 2 == 0
        research = (wd in (3, 4) and ((ad + 7) // 7) % 2 == 0) or (wd == 0 and (ad // 7) % 2 == 0)
        return meeting, research

    def h_marac(self, st, sess, rng):
        s, e, kind, p, post = sess
        sid, ws, add, NID, OID = st.sid, st.ws, self.add, self.NID, self.OID
        d = self.C.dayidx(s)
        meeting, research = self.marac_due(d)
        ml = [x for x in self.marac_list if x[2] < s and x[2] > s - 75 * 86400]
        if not ml:
            return
        if research:
            k, deep = rng.randint(8, 14), True
        elif meeting:
            k, deep = rng.randint(15, 25), False
        else:
            k, deep = rng.randint(3, 8), False
        for v, perp, _ in rng.sample(ml, min(len(ml), k)):
            t = self.look(RMS, self.rt(rng, s, e), sid, v, ws, rng, 0.3)
            t = self.look(RMS, t, sid, perp, ws, rng, 0.2)
            if deep:
                for o in self.nom_occ.get(v, ())[-4:]:
                    add(RMS, t, sid, "view", "occurrence", OID[o], "", ws)
                    t += rng.randint(30, 150)
                if rng.random() < 0.4:
                    add(RMS, t, sid, "print", "nominal", NID[v], "", ws)
            elif meeting and rng.random() < 0.3:
                add(RMS, t, sid, "update", "nominal", NID[v], "", ws)

    def h_da_caseworker(self, st, sess, rng):
        s, e, kind, p, post = sess
        sid, ws, add, NID, OID = st.sid, st.ws, self.add, self.NID, self.OID
        self.do_tasks(st, s, e, rng, ws, ws, 0)
        for _ in range(rng.randint(3, 8)):
            t = self.rt(rng, s, e)
            for o in self.recent_occ(wchoice(rng, range(6), DPOP), t, 10 * 86400, 1, rng):
                if self.o_cat[o] == "domestic_abuse":
                    add(RMS, t, sid, "view", "occurrence", OID[o], "", ws)
                    add(RMS, t + rng.randint(30, 300), sid, "view", "nominal", NID[self.o_noms[o][0][0]], "", ws)

    def h_mash(self, st, sess, rng):
        s, e, kind, p, post = sess
        sid, ws, add, NID, OID = st.sid, st.ws, self.add, self.NID, self.OID
        self.do_tasks(st, s, e, rng, ws, ws, 0)
        for _ in range(rng.randint(3, 8)):
            t = self.rt(rng, s, e)
            for o in self.recent_occ(wchoice(rng, range(6), DPOP), t, 3 * 86400, 2, rng):
                noms = self.o_noms[o]
                if any(self.age(n) < 18 for n, r in noms) or self.o_cat[o] in ("domestic_abuse", "missing_person"):
                    add(RMS, t, sid, "view", "occurrence", OID[o], "", ws)
                    t += rng.randint(30, 200)
                    for n, r in noms:
                        if r != "caller":
                            add(RMS, t, sid, "view", "nominal", NID[n], "", ws)
                            t += rng.randint(30, 200)

    def h_analyst(self, st, sess, rng):
        s, e, kind, p, post = sess
        sid, ws, add, NID, OID = st.sid, st.ws, self.add, self.NID, self.OID
        members = []
        for tp in st.caseset:
            members += self.topic_sets[tp]
        if kind == "evening":
            ws = st.laptop or ws
        for _ in range(rng.randint(2, 5)):
            tp = rng.choice(st.caseset)
            add(
                RMS,
                self.rt(rng, s, e),
                sid,
                "search",
                "nominal",
                "",
                f"profile={tp} district={rng.choice(DISTRICTS)} dob_from={self.year - rng.randint(25, 50)}",
                ws,
            )
        for n in rng.sample(members, min(len(members), rng.randint(12, 30))):
            t = self.rt(rng, s, e)
            add(RMS, t, sid, "view", "nominal", NID[n], "", ws)
            h = self.nom_occ.get(n)
            if h and rng.random() < 0.45:
                add(RMS, t + rng.randint(20, 120), sid, "view", "occurrence", OID[rng.choice(h)], "", ws)
        if rng.random() < 0.1:
            add(RMS, self.rt(rng, s, e), sid, "export", "nominal", "", f"profile={st.caseset[0]}", ws)
        if rng.random() < 0.15:
            v = self.vrm(rng.choice(members)) or self.rand_vrm(rng)
            add(ANPR, self.rt(rng, s, e), sid, "search", "vehicle", v, f"VRM={v}", ws)

    def h_intel(self, st, sess, rng):
        s, e, kind, p, post = sess
        sid, ws, add = st.sid, st.ws, self.add
        members = self.topic_sets[st.caseset[0]] if st.caseset else self.pools["susp_m"][0]
        if p == "rocu":
            members = self.ocg[st.i % 3] + members[:40]
        for _ in range(rng.randint(1, 3)):
            add(RMS, self.rt(rng, s, e), sid, "create", "intelligence", f"IR{rng.randint(900000, 999999)}", "", ws)
        for n in rng.sample(members, min(len(members), rng.randint(5, 14 if p == "rocu" else 9))):
            t = self.look(RMS, self.rt(rng, s, e), sid, n, ws, rng, 0.4)
            if rng.random() < 0.5:
                add(RMS, t, sid, "view", "intelligence", self.intel_id(n), "", ws)
            if rng.random() < 0.3:
                self.pnc_person(t + 60, sid, n, ws, rng)
        for _ in range(rng.randint(0, 6 if p == "rocu" else 3)):
            n = rng.choice(members)
            v = self.vrm(n) or self.rand_vrm(rng)
            add(ANPR, self.rt(rng, s, e), sid, "search", "vehicle", v, f"VRM={v}", ws)

    def h_warrants(self, st, sess, rng):
        s, e, kind, p, post = sess
        sid, ws, add, NID = st.sid, st.ws, self.add, self.NID
        for n in rng.sample(self.wanted, min(len(self.wanted), rng.randint(6, 14))):
            t = self.look(RMS, self.rt(rng, s, e), sid, n, ws, rng, 0.3)
            if rng.random() < 0.6:
                t = self.pnc_person(t, sid, n, ws, rng)
            if rng.random() < 0.5:
                add(RMS, t, sid, "view", "location", self.uprn(n), "", ws)
            if rng.random() < 0.15:
                add(RMS, t + 60, sid, "update", "nominal", NID[n], "", ws)

    def random_name_query(self, rng):
        fn = rng.choice(F_NAMES + M_NAMES)
        sn = rng.choice(SURNAMES)
        return f"surname={sn.upper()} forename={fn} dob={self.year - rng.randint(18, 70)}"

    def h_disclosure(self, st, sess, rng):
        s, e, kind, p, post = sess
        sid, ws, add, NID, OID = st.sid, st.ws, self.add, self.NID, self.OID
        k = rng.randint(25, 55) if p == "disclosure" else rng.randint(15, 30)
        for _ in range(k):
            t = self.rt(rng, s, e)
            if rng.random() < 0.45:
                n = self.pick(rng, "adult", wchoice(rng, range(6), DPOP))
                add(RMS, t, sid, "search", "nominal", "", self.qname(n, RMS, rng), ws)
                t += rng.randint(15, 60)
                add(RMS, t, sid, "view", "nominal", NID[n], "", ws)
                for o in self.nom_occ.get(n, ())[-3:]:
                    t += rng.randint(30, 200)
                    add(RMS, t, sid, "view", "occurrence", OID[o], "", ws)
                if rng.random() < 0.1:
                    add(RMS, t + 60, sid, "print", "nominal", NID[n], "", ws)
                if p == "vetting" and rng.random() < 0.2:
                    self.pnc_person(t + 120, sid, n, ws, rng)
            else:
                add(RMS, t, sid, "search", "nominal", "", self.random_name_query(rng), ws)

    def h_foi(self, st, sess, rng):
        s, e, kind, p, post = sess
        sid, ws, add, NID, OID = st.sid, st.ws, self.add, self.NID, self.OID
        for _ in range(rng.randint(2, 5)):
            n = self.pick(rng, "adult", wchoice(rng, range(6), DPOP))
            t = self.look(RMS, self.rt(rng, s, e), sid, n, ws, rng, 0.9)
            for o in self.nom_occ.get(n, ())[-8:]:
                add(RMS, t, sid, "view", "occurrence", OID[o], "", ws)
                t += rng.randint(60, 400)
            add(RMS, t, sid, "export", "nominal", NID[n], "", ws)

    def h_dq(self, st, sess, rng):
        s, e, kind, p, post = sess
        sid, ws, add, NID = st.sid, st.ws, self.add, self.NID
        NN = self.NN
        for _ in range(rng.randint(35, 70)):
            n = rng.randrange(NN)
            t = self.rt(rng, s, e)
            add(RMS, t, sid, "view", "nominal", NID[n], "", ws)
            if rng.random() < 0.4:
                add(RMS, t + rng.randint(30, 300), sid, "update", "nominal", NID[n], "", ws)
        for _ in range(rng.randint(3, 10)):
            add(RMS, self.rt(rng, s, e), sid, "update", "location", self.uprn(rng.randrange(NN)), "", ws)

    def h_psd(self, st, sess, rng):
        s, e, kind, p, post = sess
        sid, ws, add, NID, OID = st.sid, st.ws, self.add, self.NID, self.OID
        for _ in range(rng.randint(6, 16)):
            t = self.rt(rng, s, e)
            if rng.random() < 0.5:
                add(RMS, t, sid, "view", "nominal", NID[rng.randrange(self.NN)], "", ws)
            else:
                add(RMS, t, sid, "view", "occurrence", OID[rng.randrange(len(self.OID))], "", ws)

    def h_trainer(self, st, sess, rng):
        s, e, kind, p, post = sess
        sid, add, NID, OID = st.sid, self.add, self.NID, self.OID
        d = self.C.dayidx(s)
        course = self.C.weekday(d) in (1, 2, 3) and ((d + self.doff) // 7) % 3 != 2
        ws = "HQ-TRAIN-PC00" if course else st.ws
        for _ in range(rng.randint(15, 35) if course else rng.randint(1, 5)):
            t = self.rt(rng, s, e)
            if rng.random() < 0.75:
                add(RMS, t, sid, "view", "nominal", NID[rng.choice(self.training_set)], "", ws)
            elif self.training_occ:
                add(RMS, t, sid, "view", "occurrence", OID[rng.choice(self.training_occ)], "", ws)

    def h_cju(self, st, sess, rng):
        s, e, kind, p, post = sess
        sid, ws, add, OID = st.sid, st.ws, self.add, self.OID
        self.do_tasks(st, s, e, rng, ws, ws, 0)
        for _ in range(rng.randint(4, 10)):
            t = self.rt(rng, s, e)
            for o in self.recent_occ(wchoice(rng, range(6), DPOP), t - 3 * 86400, 20 * 86400, 1, rng):
                add(RMS, t, sid, "view", "occurrence", OID[o], "", ws)

    def h_firearms(self, st, sess, rng):
        s, e, kind, p, post = sess
        sid, ws, add, OID = st.sid, st.ws, self.add, self.OID
        for _ in range(rng.randint(5, 12)):
            di = wchoice(rng, range(6), [0.15, 0.15, 0.1, 0.2, 0.2, 0.2])
            n = self.pick(rng, "adult", di, lambda x: self.nsex[x] == "M" or rng.random() < 0.2)
            t = self.look(RMS, self.rt(rng, s, e), sid, n, ws, rng, 0.9)
            add(RMS, t, sid, "view", "location", self.uprn(n), "", ws)
            for o in self.nom_occ.get(n, ())[-2:]:
                t += rng.randint(30, 200)
                add(RMS, t, sid, "view", "occurrence", OID[o], "", ws)
            if rng.random() < 0.6:
                self.pnc_person(t + 60, sid, n, ws, rng)

    def h_admin(self, st, sess, rng):
        s, e, kind, p, post = sess
        sid, ws, add, NID = st.sid, st.ws, self.add, self.NID
        unit = post["unit"]
        if unit == "Fleet Services":
            for _ in range(rng.randint(0, 4)):
                self.pnc_vehicle(self.rt(rng, s, e), sid, f"CW{rng.randint(10, 25)}FLT", ws, rng)
        elif unit == "ICT Service Desk":
            for _ in range(rng.randint(0, 5)):
                add(
                    RMS if rng.random() < 0.7 else CAD,
                    self.rt(rng, s, e),
                    sid,
                    "view",
                    "other",
                    f"CFG-{rng.randint(100, 999)}",
                    "",
                    ws,
                )
        elif unit == "Criminal Records Office":
            for _ in range(rng.randint(10, 25)):
                n = rng.randrange(self.NN)
                t = self.rt(rng, s, e)
                add(RMS, t, sid, "view", "nominal", NID[n], "", ws)
                if rng.random() < 0.5:
                    add(PNC, t + rng.randint(60, 300), sid, "update", "nominal", NID[n], "", ws)
        elif rng.random() < 0.15:
            add(RMS, self.rt(rng, s, e), sid, "view", "other", f"DOC-{rng.randint(1000, 9999)}", "", ws)

    def h_senior(self, st, sess, rng):
        s, e, kind, p, post = sess
        di = post["di"] if post["di"] is not None else 0
        sid, ws, add, OID, NID = st.sid, st.ws, self.add, self.OID, self.NID
        for o in self.recent_occ(di, e, 86400, rng.randint(3, 8), rng):
            add(RMS, self.rt(rng, s, e), sid, "view", "occurrence", OID[o], "", ws)
            if rng.random() < 0.15:
                add(RMS, self.rt(rng, s, e), sid, "view", "nominal", NID[self.o_noms[o][0][0]], "", ws)

    def h_volunteer(self, st, sess, rng):
        s, e, kind, p, post = sess
        if rng.random() < 0.4:
            self.add(RMS, self.rt(rng, s, e), st.sid, "view", "other", f"DOC-{rng.randint(1000, 9999)}", "", st.ws)

    def h_offhours(self, st, sess, rng):
        s, e, kind, p, post = sess
        ws = st.laptop or st.ws
        sid, add, OID = st.sid, self.add, self.OID
        active = [c for c in st.cases if c[0] < e and c[1] > s]
        if active:
            for c in rng.sample(active, min(len(active), rng.randint(1, 3))):
                self.case_work(st, c[2], self.rt(rng, s, e, 60), ws, rng)
        elif p == "analyst":
            self.h_analyst(st, (s, e, "evening", p, post), rng)
        elif p in ("disclosure", "vetting", "data_quality", "foi_sar"):
            for _ in range(rng.randint(2, 6)):
                n = self.pick(rng, "adult", rng.randrange(6))
                add(RMS, self.rt(rng, s, e, 60), sid, "view", "nominal", self.NID[n], "", ws)
        else:
            di = post["di"] if post["di"] is not None else st.home
            for o in self.recent_occ(di, e, 86400, rng.randint(1, 3), rng):
                add(RMS, self.rt(rng, s, e, 60), sid, "view", "occurrence", OID[o], "", ws)

    HANDLERS = {
        "response": "h_response",
        "response_sgt": "h_response",
        "special": "h_response",
        "neighbourhood": "h_neigh",
        "pcso": "h_neigh",
        "roads": "h_roads",
        "call_handler": "h_call_handler",
        "dispatcher": "h_dispatcher",
        "fcr_sup": "h_fcr_sup",
        "custody_sgt": "h_custody",
        "custody_do": "h_custody",
        "custody_nurse": "h_custody",
        "cid_dc": "h_investigator",
        "cid_ds": "h_investigator",
        "ppu_da": "h_investigator",
        "ppu_rasso": "h_investigator",
        "offender_mgr": "h_offender_mgr",
        "marac": "h_marac",
        "da_caseworker": "h_da_caseworker",
        "mash_police": "h_mash",
        "mash_council": "h_mash",
        "analyst": "h_analyst",
        "intel": "h_intel",
        "rocu": "h_intel",
        "warrants": "h_warrants",
        "disclosure": "h_disclosure",
        "vetting": "h_disclosure",
        "foi_sar": "h_foi",
        "data_quality": "h_dq",
        "psd": "h_psd",
        "trainer": "h_trainer",
        "cju": "h_cju",
        "firearms_lic": "h_firearms",
        "admin": "h_admin",
        "senior": "h_senior",
        "volunteer": "h_volunteer",
    }

    # ------------------------------------------------------------------ service accounts, curiosity
    def service_day(self, d, rng):
        C, add, NID, OID = self.C, self.add, self.NID, self.OID
        t = C.at(d, 2.0) + rng.randint(0, 600)
        for _ in range(int(rng.randint(150, 350) * self.N / 1000)):
            t += rng.randint(3, 12)
            n = rng.randrange(self.NN)
            add(RMS, t, "SVC_RMS_BATCH", "update", "nominal", NID[n], "", "RMS-APP01")
        for o in self.occ_by_day.get(d, ()):
            if self.o_creator[o] != "SVC_WEBREPORT":
                add(
                    RMS,
                    self.o_open[o] + rng.randint(60, 150),
                    "SVC_CADLINK",
                    "create",
                    "occurrence",
                    OID[o],
                    "",
                    "RMS-APP02",
                )
            else:
                add(RMS, self.o_open[o], "SVC_WEBREPORT", "create", "occurrence", OID[o], "", "WEB-GW01")
        for c in self.cust_by_day.get(d, ()):
            add(
                PNC,
                self.c_in[c] + rng.randint(3600, 10800),
                "SVC_PNCLINK",
                "update",
                "nominal",
                NID[self.c_nom[c]],
                "",
                "PNC-GW01",
            )
        # training room: generic course accounts
        if C.weekday(d) in (1, 2, 3) and ((d + self.doff) // 7) % 3 != 2:
            for a in range(1, rng.randint(6, 13)):
                acc = f"TRAIN{a:02d}"
                for _ in range(rng.randint(8, 22)):
                    t = C.at(d, rng.uniform(9.5, 16.0))
                    if rng.random() < 0.8:
                        add(
                            RMS,
                            t,
                            acc,
                            "view",
                            "nominal",
                            NID[rng.choice(self.training_set)],
                            "",
                            f"HQ-TRAIN-PC{a:02d}",
                        )
                    elif self.training_occ:
                        add(
                            RMS,
                            t,
                            acc,
                            "view",
                            "occurrence",
                            OID[rng.choice(self.training_occ)],
                            "",
                            f"HQ-TRAIN-PC{a:02d}",
                        )
        # shared custody front-desk logins
        for suite in range(3):
            tl = self.cs_t[suite]
            lo = C.at(d, 0)
            a = bisect.bisect_left(tl, lo - 36 * 3600)
            b = bisect.bisect_left(tl, lo + 86400)
            cur = [self.cs_i[suite][j] for j in range(a, b) if self.c_out[self.cs_i[suite][j]] > lo]
            if not cur:
                continue
            for _ in range(rng.randint(8, 25)):
                c = rng.choice(cur)
                t = rng.randint(max(lo, self.c_in[c]), max(max(lo, self.c_in[c]), min(lo + 86399, self.c_out[c])))
                add(CUS, t, f"{SUITES[suite]}CUSTDESK", "view", "custody", self.CID[c], "", f"{SUITES[suite]}-CUS-DESK")
        if rng.random() < 0.5:
            for _ in range(rng.randint(1, 4)):
                add(
                    RMS,
                    C.at(d, rng.uniform(8, 18)),
                    "ictadmin",
                    "view",
                    "other",
                    f"CFG-{rng.randint(100, 999)}",
                    "",
                    "HQ-ICT-PC001",
                )

    def plan_curiosity(self):
        rng = self.R("curiosity")
        occ = self.homicide
        t0 = self.o_open[occ]
        v = self.o_noms[occ][0][0]
        tasked = {s for s, *_ in self.o_staff[occ]}
        for st in self.staff:
            if st.sid in tasked or rng.random() > 0.065:
                continue
            ss = [x for x in st.sess if x[2] == "shift" and t0 < x[0] < t0 + 10 * 86400]
            if not ss:
                continue
            for _ in range(1 if rng.random() < 0.7 else 2):
                s = rng.choice(ss)
                t = self.rt(rng, s[0], s[1])
                self.add(RMS, t, st.sid, "view", "occurrence", self.OID[occ], "", st.ws)
                if rng.random() < 0.5:
                    self.add(RMS, t + rng.randint(20, 120), st.sid, "view", "nominal", self.NID[v], "", st.ws)

    # ------------------------------------------------------------------ abusers
    ORDER = [
        "offduty_trawl",
        "sparse_detective",
        "custody_after_release",
        "pcso_local",
        "admin_single_looks",
        "colleague_cover",
        "victim_revisit",
        "analyst_fixation",
        "night_quiet_browse",
        "vehicle_stalk",
        "call_handler_followup",
        "mash_overreach",
        "special_offroster",
        "supervisor_revisit",
        "print_harvest",
        "multi_system_groomer",
    ]
    PAT_ROLES = {
        "offduty_trawl": ["response"],
        "sparse_detective": ["cid_dc"],
        "custody_after_release": ["custody_do"],
        "pcso_local": ["pcso"],
        "admin_single_looks": ["firearms_lic", "cju", "admin"],
        "colleague_cover": ["response", "response_sgt"],
        "victim_revisit": ["response", "neighbourhood"],
        "analyst_fixation": ["analyst"],
        "night_quiet_browse": ["response"],
        "vehicle_stalk": ["roads"],
        "call_handler_followup": ["call_handler"],
        "mash_overreach": ["mash_council"],
        "special_offroster": ["special"],
        "supervisor_revisit": ["response_sgt"],
        "print_harvest": ["cid_ds", "cid_dc"],
        "multi_system_groomer": ["neighbourhood"],
    }

    def duty(self, st, d0=0, d1=None, kinds=("shift",)):
        a = self.C.day(max(d0, 0))
        b = self.C.day(min(self.days, self.days if d1 is None else d1))
        return [x for x in st.sess if x[2] in kinds and a <= x[0] and x[1] <= b]

    def duty_after(self, st, t0, t1=None):
        t1 = self.C.TEND if t1 is None else min(t1, self.C.TEND)
        return [x for x in st.sess if x[2] == "shift" and x[0] >= t0 and x[1] <= t1]

    def off_duty_at(self, st, ts, margin=3600):
        return self.session_at(st, ts, slack=margin) is None and self.C.T0 <= ts < self.C.TEND

    def women(self, rng, k, pools, districts=None, age=(18, 35), exclude=(), need=None):
        ds = range(6) if districts is None else districts
        seen, cands = set(exclude), []
        for pool in pools:
            for di in ds:
                for n in self.pools[pool][di]:
                    if n in seen or self.nsex[n] != "F" or not (age[0] <= self.age(n) <= age[1]):
                        continue
                    if need is not None and not need(n):
                        continue
                    seen.add(n)
                    cands.append(n)
        return rng.sample(cands, min(k, len(cands)))

    def vic_of(self, occ, lo=18, hi=40, roles=("victim",)):
        for n, r in self.o_noms[occ]:
            if r in roles and self.nsex[n] == "F" and lo <= self.age(n) <= hi:
                return n
        return None

    def plant_setup(self):
        rng = self.R("abusers")
        n = 7 + (self.seed * 5) % 4
        start = ((self.seed - 1) * 5) % len(self.ORDER)
        pats = [self.ORDER[(start + i) % len(self.ORDER)] for i in range(n)]
        used = set()
        for pat in pats:
            roles = self.PAT_ROLES[pat]
            cands = [
                st
                for st in self.staff
                if st.profile0 in roles
                and not st.mover
                and not st.left
                and st.joined < self.C.start.isoformat()
                and st.i not in used
            ]
            if pat == "admin_single_looks":
                cands = [
                    st
                    for st in cands
                    if st.posts[-1]["unit"] not in ("Criminal Records Office", "ICT Service Desk", "Fleet Services")
                ]
            rng.shuffle(cands)
            for st in cands[:8]:
                need = max(2, self.days // 15) if pat == "special_offroster" else max(3, self.days // 5)
                if len(self.duty(st)) < need:
                    continue
                ab = {"st": st, "pattern": pat, "tag": len(self.abusers)}
                r2 = random.Random(f"carrowdale-{self.seed}-ab-{pat}-{st.sid}")
                fn = getattr(self, "s_" + pat, None)
                if fn is None or fn(ab, r2):
                    ab["rng"] = r2
                    self.abusers.append(ab)
                    used.add(st.i)
                    st.abuser = pat
                    break

    def plant_emit(self):
        self.truth_ids = [[] for _ in self.abusers]
        for ab in self.abusers:
            getattr(self, "e_" + ab["pattern"])(ab, ab["rng"])

    # ---- setups (run before ids are assigned; may create occurrences/tasking)
    def s_victim_revisit(self, ab, rng):
        st = ab["st"]
        D = self.days
        di = st.dist0
        out = []
        own = {c[2] for c in st.cases}
        for ts, te, occ, role in st.tasks:
            if occ in own:
                continue
            if (
                role == "attending"
                and self.o_cat[occ] == "domestic_abuse"
                and self.C.day(1) < ts < self.C.day(int(D * 0.45))
            ):
                v = self.vic_of(occ, 18, 42)
                if v is not None:
                    out.append((occ, v, te))
        rng.shuffle(out)
        want = 2 if rng.random() < 0.4 else 1
        out = out[:want]
        tries = 0
        while len(out) < want and tries < 20:
            tries += 1
            ss = self.duty(st, 2, int(D * 0.4))
            if not ss:
                return False
            s = rng.choice(ss)
            ts = s[0] + rng.randint(1800, 3 * 3600)
            vs = self.women(rng, 1, ["da_f"], [di], (19, 40))
            if not vs:
                return False
            v = vs[0]
            occ = self.incident(
                "domestic_abuse",
                di,
                ts - 1200,
                rng,
                attendees=[st],
                force_arrest=False,
                noms=[(v, "victim"), (self.perp_of(v), "suspect"), (v, "caller")],
                not_oic=st,
            )
            te = max(t[1] for t in st.tasks if t[2] == occ)
            out.append((occ, v, te))
        ab["targets"] = out
        return bool(out)

    def s_vehicle_stalk(self, ab, rng):
        st = ab["st"]
        ss = self.duty(st, 2, int(self.days * 0.3))
        if not ss:
            return False
        s = rng.choice(ss)
        ts = self.rt(rng, s[0], s[1], 1800)
        di = rng.choice([3, 4, 5, 0])
        drv = self.women(rng, 1, ["young_f"], [di], (19, 34), need=lambda n: self.vrm(n) is not None)
        if not drv:
            return False
        occ = self.incident(
            "traffic_stop", di, ts, rng, attendees=[st], force_arrest=False, noms=[(drv[0], "other")], force_crime=False
        )
        ab["target"] = (occ, drv[0], ts)
        return True

    def s_custody_after_release(self, ab, rng):
        st = ab["st"]
        suite = st.dist0
        ok_mark = ("substance_misuse", "mental_health", "sex_worker", "homeless", "vulnerable_adult")
        cands = []
        for c in range(len(self.c_nom)):
            n = self.c_nom[c]
            if self.c_suite[c] != suite or self.nsex[n] != "F" or not (18 <= self.age(n) <= 38):
                continue
            if self.c_out[c] > self.C.TEND - 4 * 86400:
                continue
            if self.session_at(st, self.c_in[c] + 1800) is None:
                continue
            cands.append(c)
        tries = 0
        ss = self.duty(st, 1, int(self.days * 0.7))
        while len(cands) < 4 and tries < 10 and ss:
            tries += 1
            s = rng.choice(ss)
            booked = self.rt(rng, s[0], s[1], 1800)
            dists = [x for x in range(6) if SUITE_OF[x] == suite]
            vs = self.women(rng, 1, ["sub", "mh", "sw", "susp_f"], dists, (18, 36))
            if not vs:
                break
            v = vs[0]
            di = self.ndi[v]
            sg = self.on_duty(("csgt", suite), booked, rng) or self.pick_staff(rng, "custody_sgt", suite)
            a = self.on_duty(("resp", di), booked - 5400, rng)
            cat = rng.choice(["shoplifting", "public_order", "drugs"])
            occ = self.add_occ(cat, di, booked - 5400, a.sid if a else "SVC_WEBREPORT", [(v, "suspect")], None)
            if a is not None:
                self.task(a, occ, "attending", booked - 5400, booked, rec=True)
                self.task(a, occ, "oic", booked, self.C.TEND + 86400, rec=True, rec_end=None)
            if sg is None:
                break
            cands.append(self.custody(v, sg, suite, booked, booked + rng.randint(4, 20) * 3600, occ))
        rng.shuffle(cands)
        # prefer women with vulnerability markers
        cands.sort(key=lambda c: 0 if any(m in self.nmark[self.c_nom[c]] for m in ok_mark) else 1)
        k = rng.randint(4, 7)
        sel, seen = [], set()
        for c in cands:
            if self.c_nom[c] not in seen:
                seen.add(self.c_nom[c])
                sel.append(c)
            if len(sel) >= k:
                break
        ab["targets"] = sel
        return len(sel) >= 2

    def s_supervisor_revisit(self, ab, rng):
        st = ab["st"]
        di = st.dist0
        out = []
        own = {c[2] for c in st.cases}
        for ts, te, occ, role in st.tasks:
            if occ in own:
                continue
            if (
                role == "supervisor"
                and self.o_cat[occ] in ("domestic_abuse", "stalking_harassment", "sexual_offence")
                and ts < self.C.day(int(self.days * 0.7))
            ):
                v = self.vic_of(occ, 18, 40)
                if v is not None:
                    out.append((occ, v, ts))
        if len(out) < 2:
            for o in range(self.n_hist, len(self.o_cat)):
                if self.o_di[o] != di or self.o_cat[o] != "domestic_abuse":
                    continue
                t = self.o_open[o] + 2 * 3600
                if t > self.C.day(int(self.days * 0.6)):
                    continue
                v = self.vic_of(o, 18, 40)
                if v is None or self.session_at(st, t) is None:
                    continue
                self.task(st, o, "supervisor", t, t + 1800, rec=rng.random() < 0.5)
                out.append((o, v, t))
                if len(out) >= 3:
                    break
        rng.shuffle(out)
        ab["targets"] = out[: rng.randint(2, 3)]
        return len(ab["targets"]) >= 1

    def s_special_offroster(self, ab, rng):
        st = ab["st"]
        out = []
        own = {c[2] for c in st.cases}
        for ts, te, occ, role in st.tasks:
            if occ in own:
                continue
            if role == "attending" and ts < self.C.day(self.days - 10):
                v = self.vic_of(occ, 18, 30, ("victim", "witness", "caller"))
                if v is not None:
                    out.append((occ, v, te))
        ss = [x for x in self.duty(st, 1, self.days - 10) if self.C.lhour(x[0]) >= 17]
        tries = 0
        while len(out) < 2 and ss and tries < 6:
            tries += 1
            s = rng.choice(ss)
            ts = self.rt(rng, s[0], s[1], 3600)
            di = st.dist0 if st.dist0 in (0, 2) else rng.choice([0, 2])
            w = self.women(rng, 1, ["young_f"], [di], (18, 26))
            if not w:
                break
            cat = rng.choice(["assault", "public_order", "sexual_offence"])
            noms = [(w[0], "victim" if cat != "public_order" else "witness"), (self.pick(rng, "susp_m", di), "suspect")]
            occ = self.incident(cat, di, ts - 900, rng, attendees=[st], noms=noms, force_arrest=False, not_oic=st)
            te = max(t[1] for t in st.tasks if t[2] == occ)
            out.append((occ, w[0], te))
        rng.shuffle(out)
        ab["targets"] = out[:3]
        return len(out) >= 1

    def s_multi_system_groomer(self, ab, rng):
        st = ab["st"]
        di = st.dist0
        ss = self.duty(st, 3, int(self.days * 0.35))
        if not ss:
            return False
        vs = self.women(rng, 1, ["da_f"], [di], (20, 40))
        if not vs:
            return False
        v = vs[0]
        s = rng.choice(ss)
        ts = s[0] - rng.randint(2, 6) * 86400
        occ = self.incident(
            "domestic_abuse", di, ts, rng, noms=[(v, "victim"), (self.perp_of(v), "suspect"), (v, "caller")], not_oic=st
        )
        tv = self.rt(rng, s[0], s[1], 1800)
        self.task(st, occ, "safeguarding", tv, tv + 5400, rec=True)
        partner = self.pick(rng, "susp_m", di, lambda n: n != self.perp_of(v))
        ab["target"] = (occ, v, partner, tv)
        return True

    def s_analyst_fixation(self, ab, rng):
        st = ab["st"]
        st.caseset = ["sex_work_SLT_KGF"] + [t for t in (st.caseset or []) if t != "sex_work_SLT_KGF"][:1]
        if not st.laptop:
            st.laptop = f"VPN-LT{rng.randint(10000, 99999)}"
        return True

    # ---- emitters (run after ids exist; every event here is abusive and tagged)
    def e_offduty_trawl(self, ab, rng):
        st, tag = ab["st"], ab["tag"]
        sid, dev, ws = st.sid, st.device or st.ws, st.ws
        local = self.women(rng, rng.randint(8, 13), ["da_f", "so", "sw", "sub"], sorted({st.dist0, st.home}))
        wide = self.women(rng, rng.randint(6, 11), ["da_f", "so", "sw", "mh"], None, exclude=local)
        targets = local + wide
        rng.shuffle(targets)
        seen = []
        days = list(range(1, self.days - 1))
        rng.shuffle(days)
        n_sess = rng.randint(9, 14)
        for d in days:
            if n_sess == 0 or not targets:
                break
            ts = self.C.at(d, rng.uniform(20.5, 25.0))
            if not self.off_duty_at(st, ts, 2 * 3600):
                continue
            n_sess -= 1
            t = ts
            for _ in range(rng.randint(2, 5)):
                if seen and rng.random() < 0.3:
                    n = rng.choice(seen)
                elif targets:
                    n = targets.pop()
                    seen.append(n)
                else:
                    break
                t = self.look(MOB, t, sid, n, dev, rng, 0.85, tag)
                h = self.nom_occ.get(n)
                if h and rng.random() < 0.4:
                    self.add(MOB, t, sid, "view", "occurrence", self.OID[rng.choice(h)], "", dev, tag)
                    t += rng.randint(30, 200)
                if rng.random() < 0.2:
                    self.add(MOB, t, sid, "view", "location", self.uprn(n), "", dev, tag)
                t += rng.randint(60, 420)
        ss = self.duty(st)
        for _ in range(rng.randint(4, 8)):
            if not ss or not seen:
                break
            s = rng.choice(ss)
            self.look(RMS, self.rt(rng, s[0], s[1]), sid, rng.choice(seen), ws, rng, 0.7, tag)

    def e_victim_revisit(self, ab, rng):
        st, tag = ab["st"], ab["tag"]
        sid, dev, ws = st.sid, st.device or st.ws, st.ws
        pnc_done = False
        for occ, v, te in ab["targets"]:
            ss = self.duty_after(st, te + 2 * 86400)
            for _ in range(rng.randint(7, 12)):
                if rng.random() < 0.85 and ss:
                    s = rng.choice(ss)
                    t = self.rt(rng, s[0], s[1])
                    sysi, w = (RMS, ws) if rng.random() < 0.7 else (MOB, dev)
                else:
                    d = rng.randint(self.C.dayidx(te) + 2, self.days - 1)
                    t = self.C.at(d, rng.uniform(19.0, 23.0))
                    if not self.off_duty_at(st, t, 1800):
                        continue
                    sysi, w = MOB, dev
                t = self.look(sysi, t, sid, v, w, rng, 0.3, tag)
                if rng.random() < 0.4:
                    self.add(sysi, t, sid, "view", "occurrence", self.OID[occ], "", w, tag)
                    t += rng.randint(30, 200)
                if rng.random() < 0.25:
                    self.add(RMS, t, sid, "view", "location", self.uprn(v), "", ws, tag)
                    t += rng.randint(30, 200)
                if rng.random() < 0.25:
                    self.add(RMS, t, sid, "view", "nominal", self.NID[self.perp_of(v)], "", ws, tag)
                    t += rng.randint(30, 200)
                if not pnc_done and sysi == RMS:
                    self.pnc_person(t, sid, v, ws, rng, tag)
                    pnc_done = True

    def e_sparse_detective(self, ab, rng):
        st, tag = ab["st"], ab["tag"]
        sid, ws = st.sid, st.ws
        mine = {c[2] for c in st.cases} | {c[2] for c in st.tasks}
        lo, hi = self.C.T0 - 120 * 86400, self.C.day(int(self.days * 0.7))
        cands = []
        for o in range(len(self.o_cat)):
            if (
                self.o_cat[o] in ("sexual_offence", "domestic_abuse", "stalking_harassment")
                and lo < self.o_open[o] < hi
                and o not in mine
            ):
                v = self.vic_of(o, 18, 35)
                if v is not None:
                    cands.append((0 if (self.o_di[o] != st.dist0) == (rng.random() < 0.6) else 1, o, v))
        rng.shuffle(cands)
        cands.sort(key=lambda x: x[0])
        for _, occ, v in cands[: rng.randint(2, 3)]:
            ss = self.duty_after(st, max(self.o_open[occ] + 86400, self.C.T0))
            if not ss:
                continue
            picks = rng.sample(ss, min(len(ss), rng.randint(3, 5)))
            for s in picks:
                a = max(s[0], self.C.day(self.C.dayidx(s[0])) + 10 * 3600)
                b = min(s[1], self.C.day(self.C.dayidx(s[0])) + 16 * 3600)
                t = rng.randint(a, b) if b > a else self.rt(rng, s[0], s[1])
                self.add(RMS, t, sid, "view", "occurrence", self.OID[occ], "", ws, tag)
                if rng.random() < 0.7:
                    self.add(RMS, t + rng.randint(40, 300), sid, "view", "nominal", self.NID[v], "", ws, tag)

    def e_colleague_cover(self, ab, rng):
        st, tag = ab["st"], ab["tag"]
        sid, ws = st.sid, st.ws
        di = st.dist0
        mates = {
            x.sid
            for x in self.staff
            if x.dist0 == di and x.team == st.team and x is not st and x.profile0 in ("response", "response_sgt")
        }
        mine = {c[2] for c in st.cases} | {c[2] for c in st.tasks}
        cands, fallback = [], []
        for o in range(self.n_hist, len(self.o_cat)):
            if (
                self.o_di[o] != di
                or self.o_cat[o] not in ("domestic_abuse", "sexual_offence", "stalking_harassment", "assault")
                or o in mine
            ):
                continue
            if self.o_open[o] > self.C.day(self.days - 12):
                continue
            v = self.vic_of(o, 18, 40)
            if v is None or self.session_at(st, self.o_open[o] + 3600) is None:
                continue
            if any(s in mates for s, *_ in self.o_staff[o]):
                cands.append((o, v))
            else:
                fallback.append((o, v))
        rng.shuffle(cands)
        rng.shuffle(fallback)
        picks = (cands + fallback)[:2]
        loc_done = False
        for occ, v in picks:
            s0 = self.session_at(st, self.o_open[occ] + 3600)
            t = min(self.o_open[occ] + rng.randint(3600, 4 * 3600), s0[1] - 300)
            self.add(RMS, t, sid, "view", "occurrence", self.OID[occ], "", ws, tag)
            self.add(RMS, t + rng.randint(30, 240), sid, "view", "nominal", self.NID[v], "", ws, tag)
            end = self.o_close[occ] or self.C.TEND
            ss = self.duty_after(st, t + 3 * 86400, min(end, t + 25 * 86400))
            for s in rng.sample(ss, min(len(ss), rng.randint(3, 5))):
                t2 = self.rt(rng, s[0], s[1])
                self.add(RMS, t2, sid, "view", "occurrence", self.OID[occ], "", ws, tag)
                self.add(RMS, t2 + rng.randint(30, 240), sid, "view", "nominal", self.NID[v], "", ws, tag)
                if not loc_done:
                    self.add(RMS, t2 + rng.randint(250, 500), sid, "view", "location", self.uprn(v), "", ws, tag)
                    loc_done = True

    def e_vehicle_stalk(self, ab, rng):
        st, tag = ab["st"], ab["tag"]
        sid, ws, dev = st.sid, st.ws, st.device or st.ws
        occ, drv, ts = ab["target"]
        vrm = self.vrm(drv)
        ss = self.duty_after(st, ts + 2 * 86400)
        if not ss:
            return
        for _ in range(rng.randint(8, 14)):
            if rng.random() < 0.7:
                s = rng.choice(ss)
                self.pnc_vehicle(self.rt(rng, s[0], s[1]), sid, vrm, ws, rng, tag)
            else:
                d = rng.randint(self.C.dayidx(ts) + 2, self.days - 1)
                t = self.C.at(d, rng.uniform(18.0, 23.5))
                if self.off_duty_at(st, t, 1800):
                    self.add(MOB, t, sid, "search", "vehicle", vrm, f"VRM {vrm}", dev, tag)
        for _ in range(rng.randint(4, 8)):
            s = rng.choice(ss)
            self.add(ANPR, self.rt(rng, s[0], s[1]), sid, "search", "vehicle", vrm, f"VRM={vrm}", ws, tag)
        for _ in range(rng.randint(2, 3)):
            s = rng.choice(ss)
            t = self.rt(rng, s[0], s[1])
            self.add(RMS, t, sid, "search", "location", "", self.address(drv), ws, tag)
            self.add(RMS, t + rng.randint(10, 60), sid, "view", "location", self.uprn(drv), "", ws, tag)
        for _ in range(rng.randint(1, 2)):
            s = rng.choice(ss)
            self.look(RMS, self.rt(rng, s[0], s[1]), sid, drv, ws, rng, 0.5, tag)

    def e_call_handler_followup(self, ab, rng):
        st, tag = ab["st"], ab["tag"]
        sid, ws = st.sid, st.ws
        cands, seen = [], set()
        for ts, te, occ, role in st.tasks:
            if role != "call_handler" or ts > self.C.day(self.days - 8):
                continue
            for n, r in self.o_noms[occ]:
                if (
                    r in ("caller", "victim", "other")
                    and self.nsex[n] == "F"
                    and 18 <= self.age(n) <= 40
                    and n not in seen
                ):
                    seen.add(n)
                    cands.append((ts, occ, n))
        rng.shuffle(cands)
        for ts, occ, n in cands[: rng.randint(3, 6)]:
            ss = self.duty_after(st, ts + 2 * 86400, ts + 13 * 86400)
            if not ss:
                continue
            for _ in range(rng.randint(2, 4)):
                s = rng.choice(ss)
                t = self.look(RMS, self.rt(rng, s[0], s[1]), sid, n, ws, rng, 0.8, tag)
                h = [o for o in self.nom_occ.get(n, ()) if o != occ]
                if h and rng.random() < 0.4:
                    self.add(RMS, t, sid, "view", "occurrence", self.OID[rng.choice(h)], "", ws, tag)
                    t += rng.randint(30, 150)
                if rng.random() < 0.25:
                    self.add(RMS, t, sid, "view", "location", self.uprn(n), "", ws, tag)
                    t += rng.randint(30, 150)
                if rng.random() < 0.2:
                    self.add(CAD, t, sid, "search", "location", "", self.address(n), ws, tag)

    def e_custody_after_release(self, ab, rng):
        st, tag = ab["st"], ab["tag"]
        sid, ws = st.sid, st.ws
        for c in ab["targets"]:
            n, out = self.c_nom[c], self.c_out[c]
            ss = self.duty_after(st, out + 86400, out + 15 * 86400)
            if not ss:
                ss = self.duty_after(st, out + 86400)
            if not ss:
                continue
            for _ in range(rng.randint(2, 4)):
                s = rng.choice(ss)
                if rng.random() < 0.8:
                    t = self.rt(rng, s[0], s[1])
                else:
                    t = s[1] + rng.randint(300, 3600)  # stayed on after the shift
                t = self.look(RMS, t, sid, n, ws, rng, 0.5, tag)
                if rng.random() < 0.5:
                    self.add(CUS, t, sid, "view", "custody", self.CID[c], "", ws, tag)
                    t += rng.randint(30, 200)
                if rng.random() < 0.3:
                    self.add(RMS, t, sid, "view", "location", self.uprn(n), "", ws, tag)

    def e_pcso_local(self, ab, rng):
        st, tag = ab["st"], ab["tag"]
        sid, ws, dev = st.sid, st.ws, st.device or st.ws
        di = st.dist0
        mine = set()
        for ts, te, occ, role in st.tasks:
            for n, r in self.o_noms[occ]:
                mine.add(n)
        targets = self.women(rng, rng.randint(3, 4), ["sub", "sw", "vuln", "mp"], [di], (18, 30), exclude=mine)
        if len(targets) < 3:
            targets += self.women(rng, 3 - len(targets), ["young_f"], [di], (18, 26), exclude=mine | set(targets))
        ss = self.duty(st)
        for n in targets:
            k = rng.randint(5, 9)
            for s in sorted(rng.sample(ss, min(len(ss), k))):
                t = self.rt(rng, s[0], s[1])
                if rng.random() < 0.6:
                    t = self.look(MOB, t, sid, n, dev, rng, 0.6, tag)
                else:
                    t = self.look(RMS, t, sid, n, ws, rng, 0.3, tag)
                if rng.random() < 0.2:
                    self.add(RMS, t, sid, "view", "location", self.uprn(n), "", ws, tag)

    def e_analyst_fixation(self, ab, rng):
        st, tag = ab["st"], ab["tag"]
        sid, ws = st.sid, st.ws
        members = [n for n in self.topic_sets["sex_work_SLT_KGF"] if self.nsex[n] == "F" and 18 <= self.age(n) <= 35]
        targets = rng.sample(members, min(len(members), rng.randint(2, 3)))
        ss = self.duty(st)
        for n in targets:
            for _ in range(rng.randint(12, 20)):
                if rng.random() < 0.7 and ss:
                    s = rng.choice(ss)
                    t, w = self.rt(rng, s[0], s[1]), ws
                else:
                    t = self.C.at(rng.randint(1, self.days - 1), rng.uniform(19.0, 23.0))
                    if not self.off_duty_at(st, t, 1800):
                        continue
                    w = st.laptop
                self.add(RMS, t, sid, "view", "nominal", self.NID[n], "", w, tag)
                t += rng.randint(30, 200)
                if rng.random() < 0.3:
                    self.add(RMS, t, sid, "view", "location", self.uprn(n), "", w, tag)
                    t += rng.randint(30, 200)
                if rng.random() < 0.2:
                    self.add(RMS, t, sid, "search", "intelligence", "", self.qname(n, RMS, rng), w, tag)
                    self.add(RMS, t + 30, sid, "view", "intelligence", self.intel_id(n), "", w, tag)
                    t += 200
                h = self.nom_occ.get(n)
                if h and rng.random() < 0.15:
                    self.add(RMS, t, sid, "view", "occurrence", self.OID[rng.choice(h)], "", w, tag)

    def e_admin_single_looks(self, ab, rng):
        st, tag = ab["st"], ab["tag"]
        sid, ws = st.sid, st.ws
        targets = self.women(rng, rng.randint(15, 25), ["da_f", "so", "mh", "young_f"], None, (18, 35))
        ss = self.duty(st)
        for n in targets:
            s = rng.choice(ss)
            d = self.C.dayidx(s[0])
            a, b = max(s[0], self.C.at(d, 12.0)), min(s[1], self.C.at(d, 14.0))
            t = rng.randint(a, b) if b > a else self.rt(rng, s[0], s[1])
            t = self.look(RMS, t, sid, n, ws, rng, 1.0, tag)
            h = self.nom_occ.get(n)
            if h and rng.random() < 0.3:
                self.add(RMS, t, sid, "view", "occurrence", self.OID[rng.choice(h)], "", ws, tag)

    def e_supervisor_revisit(self, ab, rng):
        st, tag = ab["st"], ab["tag"]
        sid, ws = st.sid, st.ws
        for occ, v, tr in ab["targets"]:
            ss = self.duty_after(st, tr + 86400)
            nights = [s for s in ss if self.C.lhour(s[0]) >= 18]
            printed = False
            for _ in range(rng.randint(4, 8)):
                pool = nights if (nights and rng.random() < 0.75) else ss
                if not pool:
                    break
                s = rng.choice(pool)
                t = None
                if s in nights:
                    d = self.C.dayidx(s[0]) + 1
                    cand = self.C.at(d, rng.uniform(1.0, 5.0))
                    if s[0] < cand < s[1] - 300:
                        t = cand
                if t is None:
                    t = self.rt(rng, s[0], s[1])
                t = self.look(RMS, t, sid, v, ws, rng, 0.15, tag)
                if rng.random() < 0.4:
                    self.add(RMS, t, sid, "view", "location", self.uprn(v), "", ws, tag)
                    t += rng.randint(30, 200)
                if not printed:
                    self.add(RMS, t, sid, "print", "nominal", self.NID[v], "", ws, tag)
                    printed = True

    def e_special_offroster(self, ab, rng):
        st, tag = ab["st"], ab["tag"]
        sid, dev = st.sid, st.device or st.ws
        for occ, w, te in ab["targets"]:
            k = rng.randint(3, 6)
            tries = 0
            while k > 0 and tries < 60:
                tries += 1
                d = rng.randint(self.C.dayidx(te) + 1, self.days - 1)
                if self.C.weekday(d) > 3:
                    continue
                t = self.C.at(d, rng.uniform(19.0, 23.5))
                if not self.off_duty_at(st, t, 1800):
                    continue
                k -= 1
                t = self.look(MOB, t, sid, w, dev, rng, 0.8, tag)
                if rng.random() < 0.3:
                    self.add(MOB, t, sid, "view", "location", self.uprn(w), "", dev, tag)

    def e_mash_overreach(self, ab, rng):
        st, tag = ab["st"], ab["tag"]
        sid, ws = st.sid, st.ws
        nh = self.n_hist
        targets = self.women(
            rng,
            rng.randint(3, 4),
            ["vuln", "mp", "so", "child"],
            None,
            (17, 21),
            need=lambda n: not any(o >= nh for o in self.nom_occ.get(n, ())),
        )
        ss = self.duty(st)
        for n in targets:
            for s in rng.sample(ss, min(len(ss), rng.randint(4, 7))):
                t = self.look(RMS, self.rt(rng, s[0], s[1]), sid, n, ws, rng, 0.5, tag)
                h = self.nom_occ.get(n)
                if h and rng.random() < 0.4:
                    self.add(RMS, t, sid, "view", "occurrence", self.OID[rng.choice(h)], "", ws, tag)

    def e_print_harvest(self, ab, rng):
        st, tag = ab["st"], ab["tag"]
        sid, ws = st.sid, st.ws
        mine = {c[2] for c in st.cases} | {c[2] for c in st.tasks}
        lo = self.C.T0 - 90 * 86400
        cands, seen = [], set()
        for o in range(len(self.o_cat)):
            if self.o_di[o] != st.dist0 or self.o_open[o] < lo or o in mine or self.o_open[o] > self.C.TEND - 5 * 86400:
                continue
            v = self.vic_of(o, 18, 35, ("victim", "witness"))
            if v is not None and v not in seen:
                seen.add(v)
                cands.append((o, v))
        rng.shuffle(cands)
        picks = cands[: rng.randint(6, 10)]
        for j, (occ, v) in enumerate(picks):
            ss = self.duty_after(st, max(self.C.T0, self.o_open[occ] + 3600))
            if not ss:
                continue
            s = rng.choice(ss)
            t = self.rt(rng, s[0], s[1])
            self.add(RMS, t, sid, "view", "occurrence", self.OID[occ], "", ws, tag)
            t += rng.randint(40, 300)
            self.add(RMS, t, sid, "view", "nominal", self.NID[v], "", ws, tag)
            t += rng.randint(40, 300)
            self.add(RMS, t, sid, "print", "nominal", self.NID[v], "", ws, tag)
            if rng.random() < 0.4:
                self.add(RMS, t + rng.randint(20, 90), sid, "export", "nominal", self.NID[v], "", ws, tag)
            if j == 0 and len(ss) > 1:
                s2 = rng.choice(ss)
                self.add(RMS, self.rt(rng, s2[0], s2[1]), sid, "view", "nominal", self.NID[v], "", ws, tag)

    def e_night_quiet_browse(self, ab, rng):
        st, tag = ab["st"], ab["tag"]
        sid, ws = st.sid, st.ws
        di = st.dist0
        others = [x for x in range(6) if x != di]
        nights = [s for s in self.duty(st) if self.C.lhour(s[0]) >= 18 and s[1] - s[0] >= 8 * 3600]
        seen = []
        for s in rng.sample(nights, min(len(nights), rng.randint(6, 10))):
            d = self.C.dayidx(s[0]) + 1
            t = self.C.at(d, rng.uniform(2.0, 4.0))
            if not (s[0] < t < s[1] - 3600):
                t = s[1] - rng.randint(2 * 3600, 4 * 3600)
            for _ in range(rng.randint(1, 3)):
                od = rng.choice(others)
                fn = rng.choice(F_NAMES)
                q = (
                    f"forename={fn[:3]}* sex=F dob_from={self.year - 30} dob_to={self.year - 18} "
                    f"district={DISTRICTS[od]}"
                )
                self.add(RMS, t, sid, "search", "nominal", "", q, ws, tag)
                t += rng.randint(20, 90)
                ws_ = self.women(rng, rng.randint(2, 4), ["da_f", "so", "sw", "sub", "mh", "vuln"], [od], (18, 30))
                for n in ws_:
                    if seen and rng.random() < 0.2:
                        n = rng.choice(seen)
                    seen.append(n)
                    self.add(RMS, t, sid, "view", "nominal", self.NID[n], "", ws, tag)
                    t += rng.randint(40, 300)
                    h = self.nom_occ.get(n)
                    if h and rng.random() < 0.3:
                        self.add(RMS, t, sid, "view", "occurrence", self.OID[rng.choice(h)], "", ws, tag)
                        t += rng.randint(30, 200)
                t += rng.randint(120, 900)

    def e_multi_system_groomer(self, ab, rng):
        st, tag = ab["st"], ab["tag"]
        sid, ws, dev = st.sid, st.ws, st.device or st.ws
        occ, v, partner, tv = ab["target"]
        ss = self.duty_after(st, tv + 3 * 86400)
        if not ss:
            return
        k = rng.randint(6, 9)
        picks = sorted(rng.sample(ss, min(len(ss), k)))
        off = rng.randrange(4)
        for j, s in enumerate(picks):
            t = self.rt(rng, s[0], s[1])
            kind = (j + off) % 4
            if kind == 0:
                self.add(RMS, t, sid, "view", "nominal", self.NID[v], "", ws, tag)
            elif kind == 1:
                self.add(CAD, t, sid, "search", "location", "", self.address(v), ws, tag)
                self.add(CAD, t + rng.randint(20, 90), sid, "view", "occurrence", self.OID[occ], "", ws, tag)
            elif kind == 2:
                self.pnc_person(t, sid, partner, ws, rng, tag)
            else:
                self.look(MOB, t, sid, v, dev, rng, 0.3, tag)

    # ------------------------------------------------------------------ writing
    EV_FILES = [
        (
            "access_events_atlas.csv",
            ["event_id", "system_id", "staff_id", "ts", "action", "entity_type", "entity_id", "query", "workstation"],
        ),
        (
            "access_events_beacon.csv",
            [
                "event_id",
                "system_id",
                "ts",
                "staff_id",
                "action",
                "entity_type",
                "entity_id",
                "query",
                "workstation",
                "console_role",
            ],
        ),
        (
            "access_events_gatehouse.csv",
            [
                "event_id",
                "system_id",
                "staff_id",
                "ts",
                "action",
                "entity_type",
                "entity_id",
                "workstation",
                "query",
                "suite",
            ],
        ),
        (
            "access_events_pnc.csv",
            [
                "event_id",
                "system_id",
                "ts",
                "staff_id",
                "action",
                "entity_type",
                "entity_id",
                "query",
                "workstation",
                "transaction_code",
            ],
        ),
        (
            "access_events_fieldlink.csv",
            [
                "event_id",
                "system_id",
                "staff_id",
                "ts",
                "action",
                "entity_type",
                "entity_id",
                "query",
                "workstation",
                "app_version",
            ],
        ),
        (
            "access_events_anpr.csv",
            [
                "event_id",
                "system_id",
                "staff_id",
                "ts",
                "action",
                "entity_type",
                "entity_id",
                "query",
                "workstation",
                "search_reason",
            ],
        ),
    ]

    def open_event_files(self, pkg):
        self.ev_fh, self.ev_w = [], []
        self.ev_rows = [0] * NSYS
        self.ev_seq = [0] * NSYS
        for name, hdr in self.EV_FILES:
            fh = open(os.path.join(pkg, name), "w", newline="", encoding="utf-8")
            w = csv.writer(fh, lineterminator="\r\n")
            w.writerow(hdr)
            self.ev_fh.append(fh)
            self.ev_w.append(w)
        self.idrng = random.Random(f"carrowdale-{self.seed}-ids")
        self.console = {}
        for st in self.staff:
            p = st.profile0
            self.console[st.sid] = {"call_handler": "CH", "dispatcher": "DSP", "fcr_sup": "SUP"}.get(p, "")
        D = self.days
        self.dup_days = {D // 5, D // 2, (4 * D) // 5}
        self.bad_day = D // 3
        self.upgrade_day = (D * 11) // 20  # FieldLink 4.3.0 exports user ids as HR holds them
        self.n_dups = 0
        self.n_bad = 0

    def uuid(self):
        h = "%032x" % self.idrng.getrandbits(128)
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{h[16:20]}-{h[20:]}"

    def flush(self, b):
        bk = self.buckets.pop(b, None)
        self.flushed = max(self.flushed, b)
        if bk is None:
            return
        C, T0, TEND = self.C, self.C.T0, self.C.TEND
        truth = self.truth_ids
        key0 = lambda r: r[0]
        for sysi in range(NSYS):
            rows = bk[sysi]
            if not rows:
                continue
            rows.sort(key=key0)
            sysid = SYS_ROWS[sysi][0]
            seq = self.ev_seq[sysi]
            out = []
            for ts, sid, action, etype, eid, q, ws, tag in rows:
                if ts < T0 or ts >= TEND:
                    continue
                seq += 1
                if sysi == RMS:
                    ev = f"ATL{seq:010d}"
                    out.append((ev, sysid, sid, C.f_local(ts), action, etype, eid, q, ws))
                elif sysi == CAD:
                    ev = str(70000000 + seq)
                    out.append((ev, sysid, C.f_z(ts), sid, action, etype, eid, q, ws, self.console.get(sid, "")))
                elif sysi == CUS:
                    ev = self.uuid()
                    out.append(
                        (
                            ev,
                            sysid,
                            sid,
                            C.f_off(ts, (seq * 37) % 1000),
                            action,
                            etype,
                            eid,
                            ws,
                            q,
                            ws[:3] if ws[:3] in SUITES else "",
                        )
                    )
                elif sysi == PNC:
                    ds = C.dstr(ts // 86400)
                    ev = f"T{ds[2:4]}{ds[5:7]}{ds[8:10]}{seq:07d}"
                    r = ts % 86400
                    tss = f"{ds}T{r // 3600:02d}:{r // 60 % 60:02d}:{r % 60:02d}+00:00"
                    code = "QV" if etype == "vehicle" else ("QN" if action in ("search", "view") else "UPD")
                    out.append((ev, sysid, tss, sid, action, etype, eid, q, ws, code))
                elif sysi == MOB:
                    ev = self.uuid()
                    old_app = b < self.upgrade_day
                    out.append(
                        (
                            ev,
                            sysid,
                            sid.lower() if old_app else sid,
                            C.f_z(ts, (seq * 7919) % 1000000),
                            action,
                            etype,
                            eid,
                            q,
                            ws,
                            "4.2.1" if old_app else "4.3.0",
                        )
                    )
                else:
                    ev = str(5000000 + seq)
                    reason = ("INCIDENT", "INVESTIGATION", "INTELLIGENCE", "ROADS POLICING", "")[(seq * 7) % 5]
                    out.append((ev, sysid, sid, C.f_off(ts), action, etype, eid, q, ws, reason))
                if tag is not None:
                    truth[tag].append(ev)
            self.ev_seq[sysi] = seq
            w = self.ev_w[sysi]
            w.writerows(out)
            self.ev_rows[sysi] += len(out)
            if sysi == CAD and b in self.dup_days and len(out) > 40:
                # an export batch re-sent: exact duplicate rows (same event_id)
                k = 12 + b % 9
                dup = [r for r in out[-k:]]
                w.writerows(dup)
                self.ev_rows[sysi] += len(dup)
                self.n_dups += len(dup)
            if sysi == RMS and b == self.bad_day and out:
                # a legacy export glitch: three rows that cannot be loaded
                r0 = out[len(out) // 2]
                bad = [
                    ("ATLX000000001",) + r0[1:3] + ("",) + r0[4:],
                    ("ATLX000000002",) + r0[1:3] + (r0[3][:11] + "25" + r0[3][13:],) + r0[4:],
                    ("ATLX000000003", r0[1], "") + r0[3:],
                ]
                w.writerows(bad)
                self.ev_rows[sysi] += 3
                self.n_bad += 3

    def generate_events(self, pkg):
        self.open_event_files(pkg)
        C, D = self.C, self.days
        self.T0 = C.T0
        # index period occurrences and custody by day for the service accounts
        self.occ_by_day, self.cust_by_day = {}, {}
        for o in range(self.n_hist, len(self.o_cat)):
            self.occ_by_day.setdefault(C.dayidx(self.o_open[o]), []).append(o)
        for c in range(len(self.c_nom)):
            self.cust_by_day.setdefault(C.dayidx(self.c_in[c]), []).append(c)
        by_day = {}
        for st in self.staff:
            for sess in st.sess:
                by_day.setdefault(C.dayidx(sess[0]), []).append((st, sess))
        handlers = {p: getattr(self, h) for p, h in self.HANDLERS.items()}
        rng = self.R("events")
        srng = self.R("service")
        self.flushed = -2
        for d in range(-1, D + 1):
            for st, sess in by_day.get(d, ()):
                if sess[2] in ("oncall", "evening"):
                    self.h_offhours(st, sess, rng)
                else:
                    handlers[sess[3]](st, sess, rng)
            if 0 <= d < D:
                self.service_day(d, srng)
            for b in sorted(k for k in self.buckets if k <= d - 2):
                self.flush(b)
        for b in sorted(self.buckets):
            self.flush(b)
        for fh in self.ev_fh:
            fh.close()

    def write_tables(self, pkg):
        C = self.C
        rng = self.R("tables")
        files = {}

        def wr(name, header, rows):
            path = os.path.join(pkg, name)
            with open(path, "w", newline="", encoding="utf-8") as fh:
                w = csv.writer(fh, lineterminator="\r\n")
                w.writerow(header)
                n = 0
                for r in rows:
                    w.writerow(r)
                    n += 1
            files[name] = n

        D = self.days
        wr(
            "staff.csv",
            ["staff_id", "name", "staff_type", "rank", "sex", "home_district", "joined", "left"],
            ((st.sid, st.name, st.stype, st.rank, st.sex, DISTRICTS[st.home], st.joined, st.left) for st in self.staff),
        )
        rows = []
        for st in self.staff:
            for p in st.posts:
                rows.append((st.sid, p["unit"], p["role"], p["team"], p["district"], p["vet"], p["start"], p["end"]))
        wr(
            "postings.csv",
            ["staff_id", "unit", "role", "team", "district", "vetting_level_required", "start", "end"],
            rows,
        )

        def fshift(ts, style):
            return C.f_local(ts) if style == 0 else (C.f_off(ts) if style == 1 else C.f_z(ts))

        wr(
            "shifts.csv",
            ["staff_id", "start", "end"],
            ((sid, fshift(s, st_), fshift(e, st_)) for sid, s, e, st_ in self.shift_rows),
        )
        wr(
            "systems.csv",
            ["system_id", "name", "category", "audit_feed", "notes"],
            ((r[0], r[1], r[2], r[3], r[5]) for r in SYS_ROWS),
        )
        wr(
            "nominals.csv",
            ["nominal_id", "sex", "birth_year", "district", "markers", "address_uprn"],
            (
                (self.NID[i], self.nsex[i], self.nby[i], DISTRICTS[self.ndi[i]], self.nmark[i], self.uprn(i))
                for i in range(self.NN)
            ),
        )
        order = sorted(range(len(self.o_cat)), key=lambda i: self.o_open[i])
        wr(
            "occurrences.csv",
            ["occurrence_id", "category", "opened", "closed", "district", "created_by"],
            (
                (
                    self.OID[i],
                    self.o_cat[i],
                    C.f_local(self.o_open[i]),
                    C.f_local(self.o_close[i]) if self.o_close[i] is not None else "",
                    DISTRICTS[self.o_di[i]],
                    self.o_creator[i],
                )
                for i in order
            ),
        )
        wr(
            "occurrence_nominals.csv",
            ["occurrence_id", "nominal_id", "role"],
            ((self.OID[i], self.NID[n], r) for i in order for n, r in self.o_noms[i]),
        )
        TEND = C.TEND
        wr(
            "occurrence_staff.csv",
            ["occurrence_id", "staff_id", "role", "start", "end"],
            (
                (self.OID[i], sid, role, C.f_off(s), C.f_off(e) if (e is not None and e < TEND) else "")
                for i in order
                for sid, role, s, e in self.o_staff[i]
                if s < TEND
            ),
        )
        corder = sorted(range(len(self.c_nom)), key=lambda i: self.c_in[i])
        wr(
            "custody.csv",
            ["custody_id", "nominal_id", "staff_id", "suite", "booked_in", "released"],
            (
                (
                    self.CID[c],
                    self.NID[self.c_nom[c]],
                    self.c_sid[c],
                    f"{DNAME[SUITES[self.c_suite[c]]]} Custody",
                    C.f_off(self.c_in[c]),
                    C.f_off(self.c_out[c]) if self.c_out[c] < TEND else "",
                )
                for c in corder
                if self.c_in[c] < TEND
            ),
        )
        # vetting
        rows = []
        start = C.start
        for st in self.staff:
            req = st.posts[-1]["vet"]
            lvl = req
            if st.i % 53 == 7 and req == "NPPV3":
                lvl = "NPPV2"  # held below what the post requires
            yrs = {"NPPV3": 7, "NPPV2": 10, "NPPV1": 10, "RV": 10}.get(lvl, 7)
            g = start - dt.timedelta(days=rng.randint(30, yrs * 365))
            exp = g + dt.timedelta(days=yrs * 365)
            status = "active"
            if rng.random() < 0.02:
                exp = start + dt.timedelta(days=rng.randint(-60, D - 1))
                status = "lapsed" if exp < start + dt.timedelta(days=D) else "active"
            rows.append((st.sid, lvl, g.isoformat(), exp.isoformat(), status))
            if st.stype == "officer" and rng.random() < 0.05:
                rows.append(
                    (
                        st.sid,
                        "MV",
                        (g - dt.timedelta(days=400)).isoformat(),
                        (g - dt.timedelta(days=400) + dt.timedelta(days=5 * 365)).isoformat(),
                        "lapsed",
                    )
                )
        for st in rng.sample(self.staff, 2):
            rows.append((st.sid, "SC", (start - dt.timedelta(days=900)).isoformat(), "", "withdrawn"))
        wr("vetting.csv", ["staff_id", "level", "granted", "expires", "status"], rows)
        # circumstance changes
        notes = {
            "relationship": [
                "New partner declared",
                "Marriage",
                "Separation from partner",
                "Partner works for partner agency",
            ],
            "address": ["Moved address within county", "Moved out of county", "Now living with parents"],
            "financial": ["CCJ declared", "Debt management plan", "Second job (bar work)"],
            "association": [
                "Family member arrested",
                "Friend with previous convictions",
                "Relative is a nominal on RMS",
            ],
            "criminal": ["Speeding fixed penalty", "Caution (historic) declared"],
            "other": ["Business interest declared", "Name change"],
        }
        rows = []
        for st in self.staff:
            if rng.random() < 0.08:
                kind = wchoice(rng, list(notes), [0.35, 0.3, 0.1, 0.15, 0.05, 0.05])
                d = start - dt.timedelta(days=rng.randint(-D + 1, 1100))
                rows.append((st.sid, d.isoformat(), kind, rng.choice(notes[kind])))
        wr("circumstance_changes.csv", ["staff_id", "reported", "kind", "notes"], rows)
        # allegations
        cats = [
            "apsp",
            "sexual_misconduct",
            "misuse_of_systems",
            "disclosure_of_information",
            "abuse_of_authority",
            "inappropriate_association",
            "theft_fraud",
            "drugs",
            "other",
            "vulnerability",
            "perverting_justice",
        ]
        cw = [0.08, 0.1, 0.2, 0.12, 0.15, 0.12, 0.06, 0.04, 0.1, 0.02, 0.01]
        outs = [
            "no_case_to_answer",
            "reflective_practice",
            "management_action",
            "written_warning",
            "final_written_warning",
            "no_further_action",
            "resigned",
            "dismissed",
        ]
        ow = [0.35, 0.2, 0.2, 0.08, 0.04, 0.1, 0.02, 0.01]
        rows = []
        k = 0
        for st in self.staff:
            p = 0.04
            if st.abuser:
                p = 0.35
            if rng.random() >= p:
                continue
            for _ in range(1 if rng.random() < 0.8 else 2):
                k += 1
                cat = (
                    rng.choice(["apsp", "sexual_misconduct", "misuse_of_systems"])
                    if st.abuser and rng.random() < 0.7
                    else wchoice(rng, cats, cw)
                )
                rec = start - dt.timedelta(days=rng.randint(120, 2200))
                vm = ""
                if cat in ("apsp", "sexual_misconduct", "vulnerability"):
                    vm = rng.choice(
                        ["domestic_abuse_victim", "sexual_offence_victim", "substance_misuse", "mental_health", ""]
                    )
                iopc = (
                    (rec + dt.timedelta(days=rng.randint(5, 40))).isoformat()
                    if cat == "apsp" and rng.random() < 0.5
                    else ""
                )
                if rng.random() < 0.08:
                    out, od = "", ""
                else:
                    out = wchoice(rng, outs, ow)
                    if st.abuser:
                        out = rng.choice(["no_case_to_answer", "management_action", "reflective_practice"])
                    od = (rec + dt.timedelta(days=rng.randint(30, 400))).isoformat()
                    if od >= start.isoformat():
                        od = (start - dt.timedelta(days=1)).isoformat()
                src = rng.choice(
                    ["public complaint", "colleague report", "audit", "anonymous", "partner agency", "self-referral"]
                )
                rows.append((f"AL-{rec.year}-{k:04d}", st.sid, rec.isoformat(), cat, src, vm, iopc, out, od))
        wr(
            "allegations.csv",
            [
                "allegation_id",
                "staff_id",
                "received",
                "category",
                "source",
                "victim_markers",
                "referred_to_iopc",
                "outcome",
                "outcome_date",
            ],
            rows,
        )
        return files

    def write_manifest(self, pkg, files):
        for (name, _), n in zip(self.EV_FILES, self.ev_rows):
            files[name] = n
        out = {}
        for name in sorted(files):
            h = hashlib.sha256()
            with open(os.path.join(pkg, name), "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    h.update(chunk)
            out[name] = {"rows": files[name], "sha256": h.hexdigest()}
        man = {
            "fdp_version": 1,
            "force": {"code": FORCE_CODE, "name": FORCE_NAME},
            "timezone": TZ,
            "period": {
                "start": self.C.start.isoformat(),
                "end": (self.C.start + dt.timedelta(days=self.days - 1)).isoformat(),
            },
            "files": out,
        }
        with open(os.path.join(pkg, "manifest.json"), "w", encoding="utf-8") as fh:
            json.dump(man, fh, indent=2)
        return man

    def run(self, out_dir):
        t0 = time.time()
        pkg = os.path.join(out_dir, "package")
        os.makedirs(pkg, exist_ok=True)
        self.build_staff()
        self.build_shifts()
        self.build_nominals()
        self.build_occurrences()
        self.plant_setup()
        self.assign_ids()
        self.build_worklists()
        self.T0 = self.C.T0
        self.flushed = -(10**9)
        self.lost = 0
        self.plant_emit()
        self.plan_curiosity()
        self.generate_events(pkg)
        files = self.write_tables(pkg)
        man = self.write_manifest(pkg, files)
        truth = {
            "force": FORCE_CODE,
            "seed": self.seed,
            "days": self.days,
            "abusers": [
                {"staff_id": ab["st"].sid, "pattern": ab["pattern"], "event_ids": self.truth_ids[ab["tag"]]}
                for ab in self.abusers
            ],
        }
        with open(os.path.join(out_dir, "package.truth.json"), "w", encoding="utf-8") as fh:
            json.dump(truth, fh, indent=1)
        self.elapsed = time.time() - t0
        return man, truth


def main(argv=None):
    ap = argparse.ArgumentParser(description="Carrowdale Constabulary FDP v1 generator (independent_force_c)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--staff", type=int, default=1000)
    ap.add_argument("--days", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", default=DEFAULT_START, help="first day of the period (YYYY-MM-DD)")
    a = ap.parse_args(argv)
    if a.staff < 150:
        ap.error("--staff must be at least 150")
    if a.days < 14:
        ap.error("--days must be at least 14")
    g = Gen(a.staff, a.days, a.seed, dt.date.fromisoformat(a.start))
    man, truth = g.run(a.out)
    ev = sum(v["rows"] for k, v in man["files"].items() if k.startswith("access_events"))
    try:
        import resource

        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    except Exception:  # pragma: no cover
        rss = float("nan")
    print(
        f"force {FORCE_CODE} seed {a.seed}: {len(g.staff)} staff, {g.NN} nominals, {len(g.o_cat)} occurrences, "
        f"{len(g.c_nom)} custody records, {ev} audit rows "
        f"({g.n_dups} duplicate, {g.n_bad} deliberately bad), {len(truth['abusers'])} abusers, "
        f"{sum(len(x['event_ids']) for x in truth['abusers'])} abusive events; "
        f"{g.elapsed:.1f}s, peak RSS {rss:.0f} MB",
        file=sys.stderr,
    )
    for name, v in man["files"].items():
        print(f"  {name}: {v['rows']}", file=sys.stderr)
    for x in truth["abusers"]:
        print(f"  abuser {x['staff_id']} {x['pattern']}: {len(x['event_ids'])} events", file=sys.stderr)
    if g.lost:
        print(f"  warning: {g.lost} events fell into already-written days", file=sys.stderr)


if __name__ == "__main__":
    main()
