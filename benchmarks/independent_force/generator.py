#!/usr/bin/env python3
"""Independent synthetic force generator ("Aldermoor & Glenwick Police", code AG).

Writes a force data package (FDP v1) plus a truth file listing the abusive access events.
Built only from the FDP spec and general knowledge of UK policing. Everything is invented.

    python gen.py --out DIR --staff 800 --days 60 --seed 1
"""
import argparse
import bisect
import csv
import hashlib
import json
import math
import os
import random
import sys
import time
from datetime import date, timedelta

import numpy as np

FORCE_CODE = "AG"
FORCE_NAME = "Aldermoor and Glenwick Police"

# --------------------------------------------------------------------------------------
# geography
DISTRICTS = ["CAR", "ASH", "BRK", "DUN", "ELM"]
DISTRICT_NAME = {"CAR": "Carrow City", "ASH": "Ashby Vale", "BRK": "Brackenford",
                 "DUN": "Dunmere Coast", "ELM": "Elmsworth"}
DW = np.array([0.32, 0.20, 0.18, 0.16, 0.14])
SUITE_OF = {"CAR": "CAR", "BRK": "CAR", "ASH": "ASH", "DUN": "DUN", "ELM": "DUN"}
SUITES = ["CAR", "ASH", "DUN"]
SUITE_NAME = {"CAR": "Carrow Central Custody", "ASH": "Ashby Custody", "DUN": "Dunmere Custody"}
NEIGHBOURS = {"CAR": ["BRK", "ASH"], "ASH": ["CAR", "ELM"], "BRK": ["CAR", "DUN"],
              "DUN": ["BRK", "ELM"], "ELM": ["DUN", "ASH"]}
TOWNS = {"CAR": ["CARROW", "CARROW EAST", "ST MAWES PARK"], "ASH": ["ASHBY", "LOWER ASHBY", "KELLING"],
         "BRK": ["BRACKENFORD", "HOLT CROSS"], "DUN": ["DUNMERE", "PORTHALLOW", "SEAHAM BAY"],
         "ELM": ["ELMSWORTH", "FERNLEY", "OAKHANGER"]}
STREETS = ["ROWAN CL", "MILL LANE", "STATION RD", "CHAPEL ST", "ORCHARD WAY", "HIGH ST", "VICARAGE RD",
           "BEECH AVE", "QUARRY HILL", "TANNERY ROW", "HARBOUR VIEW", "WILLOW CT", "FOUNDRY ST",
           "PARK CRES", "LARCH DRIVE", "KINGS WALK", "NORTH PARADE", "CLOVER FIELDS", "MEADOW RISE",
           "BRIDGE END", "FERRY LANE", "ASPEN GROVE", "COPPICE WAY", "SPRING GDNS", "MARKET SQ"]

# invented name fragments (combinations are random, not real people)
FN_F = ["AMBER", "BETHANY", "CHLOE", "DANIELLE", "ELLIE", "FAYE", "GEMMA", "HOLLY", "IMOGEN", "JADE",
        "KERRY", "LAUREN", "MEGAN", "NATALIE", "OLIVIA", "PAIGE", "REBECCA", "SOPHIE", "TASHA", "VICKY",
        "ZOE", "CHANTELLE", "KAYLEIGH", "SHANNON", "CHARLOTTE", "JASMINE", "LEAH", "MOLLY", "COURTNEY",
        "STACEY", "MARGARET", "JEAN", "SUSAN", "KAREN", "JOANNE", "LISA", "TRACEY", "DEBBIE", "NICOLA",
        "HANNAH", "EMMA", "AMY", "KIRSTY", "LEANNE", "MAISIE", "POPPY", "RUBY", "EVIE", "SKYE", "TIA"]
FN_M = ["AARON", "BEN", "CALLUM", "DARREN", "ETHAN", "FRASER", "GARY", "HARVEY", "IAN", "JAMIE", "KIERAN",
        "LEWIS", "MARK", "NATHAN", "OWEN", "PAUL", "RYAN", "SCOTT", "TYLER", "WAYNE", "KYLE", "JORDAN",
        "CONNOR", "LIAM", "DEAN", "CRAIG", "LEE", "STUART", "GRAHAM", "KEITH", "TREVOR", "BRIAN", "COLIN",
        "ALFIE", "ARCHIE", "MASON", "RILEY", "LOGAN", "JACK", "OSCAR", "TOBY", "REECE", "BRADLEY", "SHANE"]
SURN = ["ASHWORTH", "BRAMLEY", "CALDER", "DUNSTAN", "ELDRIDGE", "FAIRLIE", "GOSLING", "HARTLEY", "INGHAM",
        "JARVIS", "KETTLEWELL", "LOCKWOOD", "MARSDEN", "NEWBOLD", "ORMEROD", "PEARSALL", "QUINNELL",
        "ROWLEY", "SHACKLETON", "THORNLEY", "UTTLEY", "VARLEY", "WHITAKER", "YARDLEY", "ACKROYD",
        "BOOTHROYD", "CROWTHER", "DOBSON", "EMSLEY", "FIRTH", "GREENWOOD", "HEPWORTH", "ILLINGWORTH",
        "KERSHAW", "LUMB", "MIDGLEY", "NUTTALL", "OLDROYD", "PRIESTLEY", "RAMSDEN", "SUTCLIFFE",
        "TOWNEND", "WADSWORTH", "HOLLOWAY", "BRISCOE", "CHADWICK", "DRIVER", "ENTWISTLE", "FOSTER-LANE",
        "GILLOTT", "HAIGH", "JAGGER", "KNOWLES", "LISTER", "MOXON", "NAYLOR", "PICKLES", "ROYSTON",
        "SYKES", "TETLEY", "WATERHOUSE", "OKONJO", "MALIK", "HUSSAIN", "KOWALSKA", "NOWAK", "OSEI",
        "PATEL", "SINGH", "BALOGUN", "MENSAH", "KAUR", "DA SILVA", "POPESCU", "MURPHY", "O'CONNELL"]

# --------------------------------------------------------------------------------------
# organisation: role key -> (unit, role label, staff_type, rank, p_male, roster, placement, vetting, weight)
ROLES = [
    ("resp_pc", "Response", "Response Officer", "officer", "PC", 0.66, "rota5", "district", "NPPV2", 0.250),
    ("resp_sgt", "Response", "Response Sergeant", "officer", "PS", 0.72, "rota5", "district", "NPPV2", 0.034),
    ("resp_insp", "Response", "Duty Inspector", "officer", "Insp", 0.70, "rota5", "district", "NPPV2", 0.008),
    ("nh_pc", "Neighbourhood", "Neighbourhood Officer", "officer", "PC", 0.60, "neigh", "district", "NPPV2", 0.045),
    ("pcso", "Neighbourhood", "PCSO", "pcso", "PCSO", 0.50, "neigh", "district", "NPPV2", 0.062),
    ("nh_sgt", "Neighbourhood", "Neighbourhood Sergeant", "officer", "PS", 0.65, "neigh", "district", "NPPV2", 0.010),
    ("cid_dc", "CID", "Detective Constable", "officer", "DC", 0.58, "cid", "district", "NPPV2", 0.058),
    ("cid_ds", "CID", "Detective Sergeant", "officer", "DS", 0.65, "cid", "district", "NPPV2", 0.012),
    ("cid_di", "CID", "Detective Inspector", "officer", "DI", 0.70, "office", "district", "NPPV3", 0.004),
    ("ppu_dc", "Public Protection", "DA Investigator", "officer", "DC", 0.40, "office", "force", "NPPV3", 0.030),
    ("ppu_ds", "Public Protection", "PPU Sergeant", "officer", "DS", 0.50, "office", "force", "NPPV3", 0.006),
    ("mash", "Public Protection", "MASH Researcher", "staff", "", 0.20, "mash", "force", "NPPV3", 0.016),
    ("misper", "Public Protection", "Missing Persons Coordinator", "staff", "", 0.30, "office", "force", "NPPV2", 0.005),
    ("mosovo", "Public Protection", "Offender Manager (MOSOVO)", "officer", "DC", 0.55, "office", "force", "NPPV3", 0.006),
    ("cus_sgt", "Custody", "Custody Sergeant", "officer", "PS", 0.70, "cr12", "suite", "NPPV2", 0.020),
    ("dto", "Custody", "Detention Officer", "staff", "", 0.60, "cr12", "suite", "NPPV2", 0.030),
    ("ch", "Contact Management", "Call Handler", "staff", "", 0.32, "cr12", "force", "NPPV2", 0.080),
    ("disp", "Contact Management", "Dispatcher", "staff", "", 0.40, "cr12", "force", "NPPV2", 0.030),
    ("cr_sgt", "Contact Management", "Control Room Supervisor", "officer", "PS", 0.60, "cr12", "force", "NPPV2", 0.008),
    ("analyst", "Intelligence", "Intelligence Analyst", "staff", "", 0.45, "office", "force", "NPPV3", 0.015),
    ("researcher", "Intelligence", "Intelligence Researcher", "staff", "", 0.40, "office", "force", "NPPV3", 0.012),
    ("intel_dc", "Intelligence", "Field Intelligence Officer", "officer", "DC", 0.65, "cid", "force", "NPPV3", 0.008),
    ("roads_pc", "Roads Policing", "Roads Policing Officer", "officer", "PC", 0.85, "rota5", "force", "NPPV2", 0.030),
    ("roads_sgt", "Roads Policing", "Roads Policing Sergeant", "officer", "PS", 0.85, "rota5", "force", "NPPV2", 0.005),
    ("counter", "Front Counter", "Enquiry Officer", "staff", "", 0.30, "counter", "district", "NPPV1", 0.020),
    ("records", "Business Support", "Records and Data Quality Officer", "staff", "", 0.25, "office", "force", "NPPV2", 0.015),
    ("cju", "Criminal Justice", "Case Progression Officer", "staff", "", 0.30, "office", "force", "NPPV2", 0.020),
    ("dbs", "Business Support", "Disclosure (DBS) Officer", "staff", "", 0.30, "office", "force", "NPPV2", 0.005),
    ("hr", "Business Support", "HR and Finance Officer", "staff", "", 0.25, "office", "force", "NPPV1", 0.020),
    ("it", "Business Support", "IT Service Desk Analyst", "staff", "", 0.70, "office", "force", "NPPV2", 0.010),
    ("psd", "Professional Standards", "PSD Investigator", "officer", "DS", 0.55, "office", "force", "NPPV3", 0.008),
    ("special", "Special Constabulary", "Special Constable", "special_constable", "SC", 0.70, "special", "district", "NPPV2", 0.040),
    ("volunteer", "Volunteers", "Police Support Volunteer", "volunteer", "", 0.45, "volunteer", "district", "RV", 0.010),
]
RK = {r[0]: r for r in ROLES}
ROTA_TEAMS = {"rota5": "ABCDE", "cr12": "1234"}

SYSTEMS = [
    ("RMS", "Orion Records Management", "records_management", "yes",
     "Niche-style RMS. Audit logs every screen view including tab changes and every search. Timestamps UTC (Z), ms."),
    ("MOB", "Orion Mobile (handheld app)", "mobile_data", "yes",
     "Officer smartphones/MDTs. Logs searches and record opens only. Timestamps UTC (Z)."),
    ("CAD", "Beacon Command and Control", "command_and_control", "yes",
     "Incident log and caller/location searches. Timestamps are local wall-clock without offset."),
    ("CUS", "Custody Manager", "custody", "yes",
     "Custody records: creation, welfare checks (updates), views. Timestamps local with UTC offset."),
    ("PNC", "Police National Computer transaction log", "national_lookup", "yes",
     "Searches only (no record views). Person matches mapped to local nominal where the force could; UTC."),
    ("IMS", "Intelligence Management System", "intelligence", "yes",
     "Searches and intelligence record opens. Local wall-clock time, no offset."),
    ("PND", "Police National Database", "national_lookup", "no", "Audit held nationally, not supplied."),
    ("PVP", "Safeguarding Hub case management (MASH)", "safeguarding", "no", "Audit not exportable."),
    ("ANPR", "ANPR back office", "vehicle", "no", "Audit not supplied."),
    ("DEMS", "Digital Evidence Management", "evidence", "no", "Audit not supplied."),
    ("VISOR", "ViSOR offender management", "offender_management", "no", "National system; audit not supplied."),
    ("DUTY", "Duty management and HR", "hr", "no", "Holds staff personal data; audit not supplied."),
]

MK = {"domestic_abuse_victim": 1, "sexual_offence_victim": 2, "child": 4, "mental_health": 8,
      "substance_misuse": 16, "sex_worker": 32, "missing_person": 64, "arrested_suspect": 128,
      "homeless": 256, "modern_slavery_victim": 512, "vulnerable_adult": 1024}
B_DA, B_SO, B_CH, B_MH, B_SM, B_SW, B_MP, B_ARR, B_HOM, B_MS, B_VA = [MK[k] for k in MK]
VULN = B_DA | B_SO | B_MH | B_SM | B_SW | B_MP | B_VA | B_MS | B_HOM

CATS = [  # category, weight, attend_p, urgent
    ("domestic_abuse", 0.11, 0.97, 1), ("violence", 0.09, 0.85, 1), ("sexual_offence", 0.025, 0.95, 1),
    ("theft", 0.09, 0.35, 0), ("shoplifting", 0.05, 0.5, 0), ("burglary", 0.045, 0.8, 0),
    ("vehicle_crime", 0.04, 0.3, 0), ("criminal_damage", 0.05, 0.5, 0), ("asb", 0.11, 0.55, 0),
    ("concern_for_welfare", 0.09, 0.85, 1), ("missing_person", 0.045, 0.95, 1), ("rtc", 0.045, 0.9, 1),
    ("public_order", 0.035, 0.9, 1), ("drugs", 0.025, 0.8, 0), ("fraud", 0.035, 0.1, 0),
    ("harassment", 0.03, 0.6, 0), ("suspicious_circumstances", 0.04, 0.6, 0), ("robbery", 0.012, 0.95, 1),
    ("sudden_death", 0.006, 1.0, 1), ("child_protection", 0.02, 0.7, 1),
]
ARREST_P = {"domestic_abuse": 0.55, "violence": 0.4, "sexual_offence": 0.4, "shoplifting": 0.3,
            "public_order": 0.7, "drugs": 0.6, "robbery": 0.5, "burglary": 0.3, "harassment": 0.25,
            "criminal_damage": 0.2, "child_protection": 0.3, "asb": 0.08, "theft": 0.15}
CID_P = {"sexual_offence": 1.0, "robbery": 0.9, "burglary": 0.5, "violence": 0.25, "domestic_abuse": 0.12,
         "fraud": 0.3, "harassment": 0.1, "drugs": 0.15}
PPU_P = {"domestic_abuse": 0.25, "child_protection": 1.0}
MASH_P = {"domestic_abuse": 1.0, "sexual_offence": 0.8, "child_protection": 1.0, "missing_person": 0.7,
          "concern_for_welfare": 0.5}

HOUR_W = np.array([3.0, 2.5, 2.0, 1.5, 1.0, 0.8, 1.0, 1.5, 2.5, 3.5, 4.0, 4.2, 4.4, 4.5, 4.6, 4.8,
                   5.2, 5.5, 5.5, 5.3, 5.0, 4.6, 4.2, 3.6])

PATTERNS = ["da_attender_offduty", "custody_after_release", "area_trawler", "call_handler_caller",
            "pcso_sex_workers", "in_shift_slow_burn", "occurrence_reader", "handful",
            "analyst_fixation", "supervisor_cover"]


def epoch_days(d):
    return (d - date(1970, 1, 1)).days * 86400


def last_sunday(y, m):
    d = date(y, m, 31)
    while d.weekday() != 6:
        d -= timedelta(days=1)
    return d


def easter(y):
    a = y % 19; b = y // 100; c = y % 100; d = b // 4; e = b % 4; f = (b + 8) // 25; g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30; i = c // 4; k = c % 4; l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451; month = (h + l - 7 * m + 114) // 31; day = ((h + l - 7 * m + 114) % 31) + 1
    return date(y, month, day)


def bank_holidays(y):
    e = easter(y)
    out = {e - timedelta(days=2), e + timedelta(days=1)}
    nyd = date(y, 1, 1)
    while nyd.weekday() >= 5:
        nyd += timedelta(days=1)
    out.add(nyd)
    d = date(y, 5, 1)
    while d.weekday() != 0:
        d += timedelta(days=1)
    out.add(d)
    for mo in (5, 8):
        d = date(y, mo, 31)
        while d.weekday() != 0:
            d -= timedelta(days=1)
        out.add(d)
    out.add(date(y, 12, 25)); out.add(date(y, 12, 26))
    return out


class Gen:
    def __init__(self, a):
        self.a = a
        self.R = random.Random(a.seed * 7919 + 13)
        self.NP = np.random.default_rng(a.seed)
        self.N = a.staff
        self.D = a.days
        self.EV = []
        self.ev = self.EV.append
        self.occ_staff = []   # (oid, sid, role, start, end)
        self.task_stats = {}
        self.own = {}
        self.custody = []     # (cid, n, sid, suite, t_in, t_out)

    # ------------------------------------------------------------------ time
    def setup_time(self):
        sd = date.fromisoformat(self.a.start)
        self.sd = sd
        self.ed = sd + timedelta(days=self.D - 1)
        self.bst = []
        for y in range(sd.year - 4, self.ed.year + 2):
            self.bst.append((epoch_days(last_sunday(y, 3)) + 3600, epoch_days(last_sunday(y, 10)) + 3600))
        self.L0 = epoch_days(sd)
        self.T0 = self.l2u(self.L0)
        self.T1 = self.l2u(self.L0 + self.D * 86400)
        self.H0 = self.T0 - 2 * 86400
        self.NH = (self.D + 4) * 24
        self.bh = set()
        for y in range(sd.year - 1, self.ed.year + 1):
            self.bh |= bank_holidays(y)

    def off(self, t):
        for a, b in self.bst:
            if a <= t < b:
                return 3600
        return 0

    def l2u(self, l):
        u = l - 3600
        return u if self.off(u) == 3600 else l

    def lhour(self, t):
        return ((t + self.off(t)) % 86400) / 3600.0

    def lday(self, t):
        return int((t + self.off(t) - self.L0) // 86400)

    def day_date(self, i):
        return self.sd + timedelta(days=i)

    # ------------------------------------------------------------------ helpers
    def pois(self, lam):
        if lam <= 0:
            return 0
        if lam > 30:
            return max(0, int(round(self.R.gauss(lam, math.sqrt(lam)))))
        L = math.exp(-lam); k = 0; p = 1.0
        while True:
            p *= self.R.random()
            if p <= L:
                return k
            k += 1

    def tabs(self):
        r = self.R.random()
        return 0 if r < 0.35 else 1 if r < 0.65 else 2 if r < 0.85 else 3 if r < 0.95 else 5

    # ------------------------------------------------------------------ staff
    def build_staff(self):
        R, NP = self.R, self.NP
        w = np.array([r[9] for r in ROLES]); w = w / w.sum()
        raw = w * self.N
        cnt = np.floor(raw).astype(int)
        rem = self.N - cnt.sum()
        for i in np.argsort(-(raw - cnt))[:rem]:
            cnt[i] += 1
        used_ids = set()
        self.staff = []
        team_ctr = {}
        for ri, role in enumerate(ROLES):
            key, unit, label, stype, rank, pm, roster, place, vet, _ = role
            for j in range(cnt[ri]):
                while True:
                    if stype == "officer":
                        sid = "W%05d" % R.randint(10000, 39999)
                    elif stype == "staff":
                        sid = "E%05d" % R.randint(20000, 69999)
                    elif stype == "pcso":
                        sid = "CS%04d" % R.randint(3000, 3999)
                    elif stype == "special_constable":
                        sid = "SC%04d" % R.randint(100, 999)
                    else:
                        sid = "V%04d" % R.randint(1, 999)
                    if sid not in used_ids:
                        used_ids.add(sid); break
                sex = "M" if R.random() < pm else "F"
                if place == "district":
                    dist = DISTRICTS[int(NP.choice(5, p=DW))]
                elif place == "suite":
                    dist = SUITES[j % 3] if j < 3 else R.choice(["CAR", "CAR", "ASH", "DUN"])
                else:
                    dist = "HQ"
                team = ""
                if roster in ROTA_TEAMS:
                    teams = ROTA_TEAMS[roster]
                    k = (key, dist)
                    c = team_ctr.get(k, R.randrange(len(teams)))
                    team = teams[c % len(teams)]
                    team_ctr[k] = c + 1
                u = R.random()
                if u < 0.08:
                    home = ""
                elif dist in DISTRICTS and u < 0.62:
                    home = dist
                else:
                    home = DISTRICTS[int(NP.choice(5, p=DW))]
                yrs = R.randint(0, 28) if stype in ("officer", "staff") else R.randint(0, 8)
                joined = self.sd - timedelta(days=int(yrs * 365.25 + R.randint(30, 330)))
                fn = R.choice(FN_M if sex == "M" else FN_F).title()
                sn = R.choice(SURN).title()
                st = {"sid": sid, "name": f"{fn} {sn}", "stype": stype, "rank": rank, "sex": sex,
                      "home": home, "joined": joined, "left": None,
                      "segs": [{"role": key, "dist": dist, "team": team,
                                "start": joined + timedelta(days=R.randint(0, max(1, min(yrs * 365, 2000)))),
                                "end": None}],
                      "device": "MOB-%05d" % R.randint(10000, 99999),
                      "laptop": "LT-%05d" % R.randint(10000, 99999),
                      "parttime": R.random() < 0.15, "off": R.randrange(28),
                      "startjit": R.choice([7.5, 8.0, 8.0, 8.5, 9.0, 9.0, 9.5])}
                if st["segs"][0]["start"] > self.sd - timedelta(days=3):
                    st["segs"][0]["start"] = joined
                self.staff.append(st)
        R.shuffle(self.staff)
        self.by_sid = {s["sid"]: s for s in self.staff}
        # post moves during the period
        for s in self.staff:
            seg = s["segs"][0]
            mv = None
            if seg["role"] == "resp_pc" and R.random() < 0.05:
                mv = R.choice(["cid_dc", "nh_pc", "ppu_dc"])
            elif seg["role"] == "ch" and R.random() < 0.05:
                mv = "disp"
            elif seg["role"] == "pcso" and R.random() < 0.03:
                mv = "counter"
            if mv:
                md = self.sd + timedelta(days=R.randint(int(self.D * 0.25), int(self.D * 0.75)))
                seg["end"] = md - timedelta(days=1)
                nd = seg["dist"] if RK[mv][7] == "district" else "HQ"
                team = ""
                if RK[mv][6] in ROTA_TEAMS:
                    team = R.choice(ROTA_TEAMS[RK[mv][6]])
                s["segs"].append({"role": mv, "dist": nd, "team": team, "start": md, "end": None})
        # leavers
        for s in self.staff:
            if R.random() < 0.01:
                ld = self.sd + timedelta(days=R.randint(5, self.D - 5))
                s["left"] = ld
                s["segs"][-1]["end"] = ld
        self.workstations = {}
        for d in DISTRICTS + ["HQ"]:
            self.workstations[d] = ["PC-%s-%03d" % (d, i) for i in range(1, 90)]
        for s in self.staff:
            st = s["segs"][0]["dist"]
            s["fav"] = R.choice(self.workstations.get(st, self.workstations["HQ"]))

    def role_at(self, s, t):
        d = self.day_date(max(0, self.lday(t)))
        for seg in s["segs"]:
            if seg["start"] <= d and (seg["end"] is None or d <= seg["end"]):
                return seg
        return s["segs"][-1]

    # ------------------------------------------------------------------ rosters
    def roster_seg(self, s, seg):
        """Return list of (local_start, local_end) rostered duties for one posting segment."""
        R = self.R
        role = seg["role"]; kind = RK[role][6]
        out = []
        off = s["off"]
        for di in range(-1, self.D + 1):
            d = self.day_date(di)
            if d < seg["start"] or (seg["end"] is not None and d > seg["end"]):
                continue
            wd = d.weekday()
            base = self.L0 + di * 86400
            if kind == "rota5":
                ti = "ABCDE".index(seg["team"]) if seg["team"] else 0
                code = "EELLNNOOOO"[(di + 2 * ti) % 10]
                if code == "E":
                    out.append((base + 7 * 3600, base + 17 * 3600))
                elif code == "L":
                    out.append((base + 15 * 3600, base + 25 * 3600))
                elif code == "N":
                    out.append((base + 22 * 3600, base + 32 * 3600))
            elif kind == "cr12":
                ti = "1234".index(seg["team"]) if seg["team"] else 0
                code = "DDNNOOOO"[(di + 2 * ti) % 8]
                if code == "D":
                    out.append((base + 7 * 3600, base + 19 * 3600))
                elif code == "N":
                    out.append((base + 19 * 3600, base + 31 * 3600))
            elif kind == "neigh":
                w = (di + 1000 + off) // 7
                rest = {(off + w) % 7, (off + w + 1) % 7}
                if wd in rest:
                    continue
                if (w + off) % 2 == 0:
                    out.append((base + 8 * 3600, base + 16 * 3600))
                elif wd in (4, 5) and (off % 3 == 0):
                    out.append((base + 16 * 3600, base + 24 * 3600))
                else:
                    out.append((base + 14 * 3600, base + 22 * 3600))
            elif kind == "cid":
                if wd >= 5 or d in self.bh:
                    continue
                w = (di + 1000 + off) // 7
                if (w + off) % 3 == 0:
                    out.append((base + 12 * 3600, base + 20 * 3600))
                else:
                    out.append((base + 8 * 3600, base + 16 * 3600))
            elif kind in ("office", "mash"):
                sat = kind == "mash" and wd == 5 and ((di + 1000 + off) // 7) % 4 == 0
                if (wd >= 5 or d in self.bh) and not sat:
                    continue
                if s["parttime"] and wd > 2 and not sat:
                    continue
                st = s["startjit"] if not sat else 9.0
                out.append((base + int(st * 3600), base + int((st + 8) * 3600)))
            elif kind == "counter":
                if wd == 6 or d in self.bh:
                    continue
                if wd == (off % 6):
                    continue
                w = (di + 1000 + off) // 7
                if w % 2 == 0:
                    out.append((base + 8 * 3600, base + 14 * 3600))
                else:
                    out.append((base + 14 * 3600, base + 20 * 3600))
            elif kind == "special":
                p = 0.28 if wd in (4, 5) else 0.06
                if R.random() < p:
                    if wd == 5 and R.random() < 0.4:
                        out.append((base + 10 * 3600, base + 18 * 3600))
                    else:
                        out.append((base + 18 * 3600, base + 26 * 3600))
            elif kind == "volunteer":
                if wd in (off % 5, (off + 2) % 5) and d not in self.bh:
                    out.append((base + 10 * 3600, base + 14 * 3600))
        return out

    def build_duties(self):
        R = self.R
        self.shifts = []  # rostered (sid, s, e) UTC
        for s in self.staff:
            loc = []
            for seg in s["segs"]:
                for a, b in self.roster_seg(s, seg):
                    loc.append((a, b, seg["role"]))
            # annual leave blocks (removed from roster)
            nblk = R.choice([0, 1, 1, 1, 2])
            leave = []
            for _ in range(nblk):
                st = R.randint(-3, self.D)
                leave.append((self.L0 + st * 86400, self.L0 + (st + R.randint(3, 9)) * 86400))
            duties = []
            roster = []
            kind0 = RK[s["segs"][0]["role"]][6]
            for a, b, role in loc:
                if any(x <= a < y for x, y in leave):
                    continue
                ua, ub = self.l2u(a), self.l2u(b)
                if s["left"] is not None and ua >= self.L0 + (s["left"] - self.sd).days * 86400:
                    continue
                in_roster = not (RK[role][6] == "special" and R.random() < 0.22)
                if in_roster and ub > self.T0 and ua < self.T1:
                    roster.append((ua, ub))
                if R.random() < 0.035:  # sick: rostered but not worked
                    continue
                # actual working time: office staff flex, officers overrun
                if RK[role][6] in ("office", "mash", "cid"):
                    ua += R.uniform(-0.75, 0.5) * 3600
                    ub += R.uniform(-0.5, 1.0) * 3600
                if RK[role][3] in ("officer", "special_constable") and R.random() < 0.3:
                    ub += R.uniform(0.25, 2.0) * 3600
                duties.append((ua, ub, role, "d"))
            # unrostered overtime for shift workers
            if kind0 in ("rota5", "cr12", "neigh") and s["left"] is None:
                for _ in range(self.pois(1.0 * self.D / 60)):
                    di = R.randrange(self.D)
                    st = R.choice([8, 9, 10, 17, 18])
                    a = self.l2u(self.L0 + di * 86400 + st * 3600)
                    b = a + R.choice([6, 8, 8, 10]) * 3600
                    if not any(x - 3600 < b and a < y + 3600 for x, y, _, _ in duties):
                        duties.append((a, b, self.role_at(s, a)["role"], "ot"))
            # evening remote working for detectives / analysts / PPU (unrostered)
            if kind0 in ("office", "cid", "mash") and RK[s["segs"][0]["role"]][0] in (
                    "cid_dc", "cid_ds", "ppu_dc", "ppu_ds", "analyst", "researcher", "mash", "psd", "intel_dc",
                    "mosovo", "cid_di"):
                for _ in range(self.pois(0.06 * self.D)):
                    di = R.randrange(self.D)
                    a = self.l2u(self.L0 + di * 86400 + int(R.uniform(18.5, 22.5) * 3600))
                    b = a + R.uniform(0.3, 1.2) * 3600
                    if not any(x - 1800 < b and a < y + 1800 for x, y, _, _ in duties):
                        duties.append((a, b, self.role_at(s, a)["role"], "remote"))
            duties.sort()
            s["duties"] = duties
            s["dstarts"] = [d[0] for d in duties]
            s["roster"] = sorted(roster)
            for a, b in s["roster"]:
                self.shifts.append((s["sid"], a, b))
        # on-shift index
        self.idx = {}
        for s in self.staff:
            for a, b, role, kind in s["duties"]:
                if kind == "remote":
                    continue
                seg = self.role_at(s, a)
                dist = seg["dist"]
                key = (role, dist)
                L = self.idx.get(key)
                if L is None:
                    L = self.idx[key] = [[] for _ in range(self.NH)]
                h0 = max(0, int((a - self.H0) // 3600)); h1 = min(self.NH - 1, int((b - self.H0) // 3600))
                for h in range(h0, h1 + 1):
                    L[h].append((s["sid"], a, b))

    def onshift(self, roles, dists, t):
        h = int((t - self.H0) // 3600)
        if h < 0 or h >= self.NH:
            return []
        out = []
        for r in roles:
            for d in dists:
                L = self.idx.get((r, d))
                if L:
                    for sid, a, b in L[h]:
                        if a <= t < b - 600:
                            out.append(sid)
        return out

    def pick(self, roles, dist, t, wide=True):
        c = self.onshift(roles, [dist], t)
        if not c and wide:
            c = self.onshift(roles, NEIGHBOURS.get(dist, []), t)
            if not c:
                c = self.onshift(roles, DISTRICTS + ["HQ"] + SUITES, t)
        return self.R.choice(c) if c else None

    def duty_slot(self, sid, lo, hi, margin=900):
        s = self.by_sid[sid]
        ds = s["duties"]
        i = bisect.bisect_left(s["dstarts"], lo - 16 * 3600)
        cand = []
        while i < len(ds) and ds[i][0] < hi:
            a, b = ds[i][0], ds[i][1]
            if b > lo and a < hi:
                lo2, hi2 = max(a + margin, lo), min(b - margin, hi)
                if hi2 > lo2:
                    cand.append((lo2, hi2))
            i += 1
        if not cand:
            return None
        lo2, hi2 = self.R.choice(cand)
        return self.R.uniform(lo2, hi2)

    def on_duty(self, sid, t, slack=0):
        s = self.by_sid[sid]
        i = bisect.bisect_right(s["dstarts"], t + slack) - 1
        while i >= 0 and i >= len(s["duties"]) - 10000:
            a, b = s["duties"][i][0], s["duties"][i][1]
            if a - slack <= t < b + slack:
                return True
            if b < t - 20 * 3600:
                break
            i -= 1
        return False

    def desk(self, sid):
        s = self.by_sid[sid]
        if self.R.random() < 0.7:
            return s["fav"]
        seg = s["segs"][-1]
        return self.R.choice(self.workstations.get(seg["dist"], self.workstations["HQ"]))

    def ws_for(self, sid, role, t):
        rk = RK[role]
        if rk[1] == "Contact Management":
            return "CR-POS-%02d" % self.R.randint(1, 40)
        if rk[1] == "Custody":
            seg = self.role_at(self.by_sid[sid], t)
            return "CUS-%s-%02d" % (seg["dist"], self.R.randint(1, 8))
        return self.desk(sid)

    # ------------------------------------------------------------------ nominals
    def build_nominals(self, n_new_reserve):
        NP = self.NP
        NE = int(self.N * 85)
        NN = NE + n_new_reserve
        self.NE, self.NN = NE, NN
        agew = np.concatenate([np.full(12, 0.35), np.full(6, 0.9), np.full(18, 1.6), np.full(20, 1.1),
                               np.full(20, 0.6), np.full(20, 0.25)])
        agew /= agew.sum()
        age = NP.choice(len(agew), size=NN, p=agew)
        sexr = NP.random(NN)
        sex = np.where(sexr < 0.497, 1, np.where(sexr < 0.994, 0, 2))  # 1=F 0=M 2=unknown
        dist = NP.choice(6, size=NN, p=np.append(DW * 0.95, 0.05))  # 5 = unknown / out of area
        female = sex == 1; male = sex == 0
        u = NP.random((NN, 14))
        child = age < 18
        arr = (age >= 12) & (age < 65) & (u[:, 0] < np.where(male, 0.36, 0.11))
        da = (age >= 16) & (age < 70) & (u[:, 1] < np.where(female, 0.12, 0.025))
        so = (age >= 10) & (age < 60) & (u[:, 2] < np.where(female, 0.045, 0.01))
        mh = (age >= 14) & (u[:, 3] < 0.06 + 0.10 * arr + 0.06 * da)
        sm = (age >= 14) & (u[:, 4] < 0.03 + 0.25 * arr)
        sw = female & (age >= 18) & (age < 48) & (u[:, 5] < np.where(dist == 0, 0.014, 0.003))
        sm |= sw & (u[:, 6] < 0.6)
        mp = u[:, 7] < np.where(child & (age >= 11), 0.08, np.where(mh, 0.04, 0.006))
        hom = (age >= 18) & (u[:, 8] < 0.01 + 0.05 * sm)
        ms = (age >= 16) & (age < 50) & (u[:, 9] < 0.003)
        va = ((age >= 70) & (u[:, 10] < 0.07)) | (mh & (u[:, 11] < 0.2))
        bits = (da * B_DA) | (so * B_SO) | (child * B_CH) | (mh * B_MH) | (sm * B_SM) | (sw * B_SW) | \
               (mp * B_MP) | (arr * B_ARR) | (hom * B_HOM) | (ms * B_MS) | (va * B_VA)
        w = np.minimum(NP.pareto(1.6, NN) + 1.0, 25.0)
        w = w * (1 + 1.5 * arr + 1.0 * da + 0.8 * mh + 1.0 * sm + 0.8 * mp + 0.5 * sw)
        self.n_age = age.astype(np.int64)
        self.n_by = (self.sd.year - age).astype(int)
        self.n_sex = sex
        self.n_dist = dist
        self.n_bits = bits.astype(np.int64)
        self.n_w = w
        self.n_fn = NP.integers(0, 1000, NN)
        self.n_sn = NP.integers(0, len(SURN), NN)
        ids = NP.choice(np.arange(1000000, 7999999), size=NE, replace=False)
        ids.sort()
        self.nid = ["PN%07d" % x for x in NP.permutation(ids)] + ["PN%07d" % (8000000 + i) for i in range(n_new_reserve)]
        self.n_ctime = [0.0] * NE + [None] * n_new_reserve
        self.next_new = NE
        self.n_hist = [None] * NN  # list of occurrence ids per nominal
        # convert to python lists for fast scalar access
        self.bitsL = self.n_bits.tolist(); self.ageL = self.n_age.tolist(); self.sexL = self.n_sex.tolist()
        self.distL = self.n_dist.tolist(); self.byL = self.n_by.tolist()
        self.fnL = self.n_fn.tolist(); self.snL = self.n_sn.tolist()
        self.build_pools()

    def build_pools(self):
        NE = self.NE
        b = self.n_bits[:NE]; age = self.n_age[:NE]; sex = self.n_sex[:NE]; dist = self.n_dist[:NE]
        w = self.n_w[:NE]
        defs = {
            "da": (b & B_DA) > 0,
            "da_f": ((b & B_DA) > 0) & (sex == 1),
            "off": (b & B_ARR) > 0,
            "off_m": ((b & B_ARR) > 0) & (sex == 0),
            "so": (b & B_SO) > 0,
            "child": (b & B_CH) > 0,
            "mh": (b & (B_MH | B_VA)) > 0,
            "sw": (b & B_SW) > 0,
            "mp": (b & B_MP) > 0,
            "gen": (age >= 18),
            "youth": (age >= 12) & (age <= 25),
            "eld": age >= 65,
            "local": ((b & (B_ARR | B_SM | B_HOM | B_MH)) > 0) & (age >= 14),
            "adult_m": (age >= 18) & (sex == 0),
        }
        self.pools = {}
        for k, m in defs.items():
            for di, d in enumerate(DISTRICTS + ["*"]):
                mm = m & (dist == di) if d != "*" else m
                ix = np.nonzero(mm)[0]
                if len(ix) == 0:
                    continue
                cw = np.cumsum(w[ix])
                self.pools[(k, d)] = (ix.tolist(), cw.tolist())

    def pp(self, key, d):
        P = self.pools.get((key, d)) or self.pools.get((key, "*"))
        if P is None:
            P = self.pools[("gen", "*")]
        ix, cw = P
        return ix[bisect.bisect_left(cw, self.R.random() * cw[-1])]

    def new_nominal(self, d, sex=None, age=None, bits=0):
        n = self.next_new
        if n >= self.NN:
            return self.pp("gen", d)
        self.next_new += 1
        R = self.R
        if sex is None:
            sex = 1 if R.random() < 0.5 else 0
        if age is None:
            age = R.randint(18, 70)
        self.sexL[n] = sex; self.ageL[n] = age; self.byL[n] = self.sd.year - age
        self.distL[n] = DISTRICTS.index(d) if d in DISTRICTS else 5
        self.bitsL[n] = bits | (B_CH if age < 18 else 0)
        self.n_ctime[n] = None  # created on first touch
        return n

    def addr(self, n):
        h = (n * 2654435761) & 0xffffffff
        d = self.distL[n]
        dd = DISTRICTS[d] if d < 5 else "CAR"
        return "%d %s %s" % (1 + h % 140, STREETS[(h >> 8) % len(STREETS)], TOWNS[dd][(h >> 16) % len(TOWNS[dd])])

    def loc(self, n):
        return "LOC%07d" % (1000000 + (n * 7919) % 8000000)

    def fname(self, n):
        return (FN_F if self.sexL[n] == 1 else FN_M)[self.fnL[n] % (len(FN_F) if self.sexL[n] == 1 else len(FN_M))]

    def q_nom(self, n, sysid):
        R = self.R
        sn = SURN[self.snL[n]]; fn = self.fname(n); by = self.byL[n]
        if sysid == "RMS":
            r = R.random()
            if r < 0.45:
                return "surname=%s;forename=%s;yob=%d" % (sn, fn, by)
            if r < 0.75:
                return "surname=%s;forename=%s*" % (sn, fn[:R.randint(1, 3)])
            if r < 0.9:
                return "surname=%s*;dob=%d-%02d-*" % (sn[:4], by, R.randint(1, 12))
            return "address=%s" % self.addr(n)
        if sysid == "MOB":
            return "%s %s %d" % (sn, fn, by)
        if sysid == "PNC":
            return "NAME/%s/%s/DOB/%d" % (sn, fn, by)
        if sysid == "IMS":
            return "subject:%s %s" % (fn.title(), sn.title())
        if sysid == "CAD":
            return "TEL 07700 9%05d" % ((n * 48271) % 100000) if R.random() < 0.6 else "ADDR %s" % self.addr(n)
        return sn

    def tel(self, n):
        return "TEL 07700 9%05d" % ((n * 48271) % 100000)

    # ------------------------------------------------------------------ event primitives
    def touch(self, n, t):
        """True if the nominal exists at t (create it lazily, returns 'create' need)."""
        c = self.n_ctime[n]
        return c is not None and c <= t

    def e_nom(self, sid, t, n, ws, sysid="RMS", tag=-1, search=True, tabs=True):
        """Search for and open a person record. Creates the record if it is new."""
        R = self.R; ev = self.ev
        c = self.n_ctime[n]
        if c is None:
            ev((t, sysid if sysid in ("RMS", "MOB") else "RMS", sid, "search", "nominal", "", self.q_nom(n, "RMS"), ws, tag))
            t += R.uniform(20, 90)
            ev((t, sysid if sysid in ("RMS", "MOB") else "RMS", sid, "create", "nominal", self.nid[n], "", ws, tag))
            self.n_ctime[n] = t
            return t + R.uniform(30, 200)
        if c > t:
            return t
        if sysid == "PNC":
            ev((t, "PNC", sid, "search", "nominal", self.nid[n] if (n % 4) else "", self.q_nom(n, "PNC"), ws, tag))
            return t + R.uniform(20, 120)
        if search:
            ev((t, sysid, sid, "search", "nominal", "", self.q_nom(n, sysid), ws, tag))
            t += R.uniform(4, 45)
        ev((t, sysid, sid, "view", "nominal", self.nid[n], "", ws, tag))
        if sysid == "RMS" and tabs:
            for _ in range(self.tabs()):
                t += R.uniform(3, 70)
                ev((t, "RMS", sid, "view", "nominal", self.nid[n], "", ws, tag))
        return t + R.uniform(10, 90)

    def e_occ(self, sid, t, oid, ws, sysid="RMS", tag=-1, upd=0.0, tabs=True, search=False):
        R = self.R; ev = self.ev
        if search:
            ev((t, sysid, sid, "search", "occurrence", "", "ref=%s" % oid, ws, tag))
            t += R.uniform(3, 25)
        ev((t, sysid, sid, "view", "occurrence", oid, "", ws, tag))
        if sysid == "RMS" and tabs:
            for _ in range(self.tabs()):
                t += R.uniform(3, 80)
                ev((t, "RMS", sid, "view", "occurrence", oid, "", ws, tag))
        if upd and R.random() < upd:
            t += R.uniform(30, 400)
            ev((t, sysid, sid, "update", "occurrence", oid, "", ws, tag))
        return t + R.uniform(10, 60)

    def e_veh(self, sid, t, ws):
        R = self.R
        vrm = "%s%s%02d %s" % (R.choice("ABCDEFGHKLMNOPRSVWY"), R.choice("ABCDEFGHJKLMNPRSTVWXY"), R.randint(51, 75),
                               "".join(R.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(3)))
        self.ev((t, "PNC", sid, "search", "vehicle", "", "VRM/" + vrm, ws, -1))
        return t + R.uniform(20, 200)

    def e_intel(self, sid, t, n, ws, tag=-1):
        R = self.R
        self.ev((t, "IMS", sid, "search", "nominal", "", self.q_nom(n, "IMS"), ws, tag))
        t += R.uniform(5, 40)
        if self.bitsL[n] & (B_ARR | B_SW | B_SM) or R.random() < 0.3:
            for k in range(R.randint(1, 3)):
                self.ev((t, "IMS", sid, "view", "intelligence", "IR%07d" % ((n * 3 + k) % 9999999), "", ws, tag))
                t += R.uniform(15, 150)
        if R.random() < 0.5:
            self.ev((t, "IMS", sid, "view", "nominal", self.nid[n], "", ws, tag))
        return t + R.uniform(10, 60)

    def hist_of(self, n):
        h = self.n_hist[n]
        return h if h else []

    def link(self, oid, n, role):
        self.occ_nom.append((oid, n, role))
        h = self.n_hist[n]
        if h is None:
            self.n_hist[n] = [oid]
        else:
            h.append(oid)
        self.occ_noms.setdefault(oid, []).append((n, role))

    def task(self, oid, sid, role, start, end, p=1.0):
        rec = self.R.random() < p
        if rec:
            self.occ_staff.append((oid, sid, role, start, end))
        st = self.task_stats.setdefault(role, [0, 0])
        st[0 if rec else 1] += 1
        self.own.setdefault(sid, []).append((oid, start, end))

    # ------------------------------------------------------------------ history
    def build_history(self):
        R = self.R
        self.occ = {}  # oid -> [cat, opened, closed, district, created_by]
        self.occ_nom = []
        self.occ_noms = {}
        self.hseq = {}
        NE = self.NE
        bits = self.bitsL
        officers = [s["sid"] for s in self.staff if s["segs"][0]["role"] in ("resp_pc", "ch", "nh_pc", "cid_dc", "counter", "ppu_dc", "roads_pc")]

        def hid(t):
            yy = int(1970 + t / (365.2425 * 86400)) % 100
            k = self.hseq.get(yy, 0) + 1
            self.hseq[yy] = k
            return "OC%02d-%06d" % (yy, k)

        def mk(cat, d, roles, span=1100):
            t = self.T0 - R.uniform(1, span) * 86400
            oid = hid(t)
            closed = t + R.uniform(0.1, 120) * 86400
            if closed > self.T0 - 86400 and R.random() < 0.7:
                closed = None
            self.occ[oid] = [cat, t, closed, d, R.choice(officers) if R.random() < 0.6 else ""]
            for n, r in roles:
                self.link(oid, n, r)
            return oid

        self.partner = {}
        for n in range(NE):
            b = bits[n]
            if not (b & (B_DA | B_SO | B_MP | B_ARR | B_MH | B_SW | B_VA | B_HOM)) and R.random() > 0.12:
                continue
            dd = self.distL[n]
            d = DISTRICTS[dd] if dd < 5 else R.choice(DISTRICTS)
            if b & B_DA:
                p = self.partner.get(n)
                if p is None:
                    p = self.pp("off_m" if self.sexL[n] == 1 else "gen", d)
                    self.partner[n] = p
                for _ in range(1 + self.pois(1.2)):
                    roles = [(n, "victim"), (p, "suspect")]
                    if R.random() < 0.35:
                        roles.append((self.pp("child", d), "other"))
                    if R.random() < 0.3:
                        roles.append((self.pp("gen", d), "caller"))
                    mk("domestic_abuse", d, roles)
            if b & B_SO:
                roles = [(n, "victim")]
                if R.random() < 0.7:
                    roles.append((self.pp("off_m", d), "suspect"))
                mk("sexual_offence", d, roles)
            if b & B_MP:
                for _ in range(1 + self.pois(1.0)):
                    mk("missing_person", d, [(n, "other"), (self.pp("gen", d), "caller")])
            if b & B_ARR:
                for _ in range(1 + self.pois(0.9)):
                    cat = R.choice(["violence", "theft", "shoplifting", "burglary", "drugs", "public_order",
                                    "criminal_damage", "vehicle_crime", "asb"])
                    roles = [(n, "suspect")]
                    if R.random() < 0.65:
                        roles.append((self.pp("gen", d), "victim"))
                    if R.random() < 0.2:
                        roles.append((self.pp("gen", d), "witness"))
                    mk(cat, d, roles)
            if b & (B_MH | B_VA) and R.random() < 0.6:
                mk("concern_for_welfare", d, [(n, "other"), (self.pp("gen", d), "caller")])
            if b & B_SW:
                for _ in range(1 + self.pois(0.8)):
                    cat = R.choice(["concern_for_welfare", "violence", "sexual_offence", "drugs", "asb"])
                    mk(cat, d, [(n, "victim" if cat in ("violence", "sexual_offence") else "other")])
            if b & B_HOM and R.random() < 0.5:
                mk("asb", d, [(n, "other")])
            if not (b & VULN) and not (b & B_ARR):
                cat = R.choice(["theft", "burglary", "vehicle_crime", "criminal_damage", "fraud", "rtc",
                                "suspicious_circumstances"])
                mk(cat, d, [(n, "victim" if cat != "rtc" else "other")])
        self.hist_ids = list(self.occ.keys())

    # ------------------------------------------------------------------ occurrences in period
    def new_oid(self, t):
        self.oseq += 1
        return "OC%02d-%06d" % (self.sd.year % 100, 500000 + self.oseq)

    def pick_roles(self, cat, d, forced):
        R = self.R; pp = self.pp
        newp = lambda p: R.random() < p
        roles = []

        def person(pool, p_new=0.3, sex=None, age=None, bits=0):
            if newp(p_new):
                return self.new_nominal(d, sex=sex, age=age, bits=bits)
            return pp(pool, d)
        v = forced.get("victim")
        if cat == "domestic_abuse":
            if v is None:
                v = person("da_f" if R.random() < 0.85 else "da", 0.2, sex=1, age=R.randint(18, 55), bits=B_DA)
            p = self.partner.get(v)
            if p is None or R.random() < 0.15:
                p = person("off_m", 0.15, sex=0, age=R.randint(18, 60), bits=0)
                self.partner[v] = p
            roles += [(v, "victim"), (p, "suspect")]
            if forced.get("caller_is_victim") or R.random() < 0.65:
                roles.append((v, "caller"))
            else:
                roles.append((person("gen", 0.35), "caller"))
            for _ in range(R.choice([0, 0, 1, 1, 2])):
                roles.append((person("child", 0.2, age=R.randint(1, 15)), "other"))
        elif cat == "sexual_offence":
            v = v if v is not None else person("so", 0.45, sex=1 if R.random() < 0.85 else 0, age=R.randint(13, 45), bits=B_SO)
            roles.append((v, "victim"))
            if R.random() < 0.7:
                roles.append((person("off_m", 0.3, sex=0), "suspect"))
            roles.append((v if R.random() < 0.5 else person("gen", 0.4), "caller"))
        elif cat == "concern_for_welfare":
            v = v if v is not None else person("mh", 0.3, bits=B_MH)
            roles += [(v, "other"), (v if forced.get("caller_is_victim") else person("gen", 0.4), "caller")]
        elif cat == "missing_person":
            v = v if v is not None else person("mp", 0.3, age=R.randint(11, 17) if R.random() < 0.7 else R.randint(18, 60), bits=B_MP)
            roles += [(v, "other"), (person("gen", 0.3), "caller")]
        elif cat == "child_protection":
            v = v if v is not None else person("child", 0.3, age=R.randint(1, 16))
            roles += [(v, "victim"), (person("gen", 0.3), "caller")]
            if R.random() < 0.6:
                roles.append((person("adult_m", 0.2), "suspect"))
        elif cat == "rtc":
            roles += [(person("gen", 0.5), "other"), (person("gen", 0.5), "other")]
            if R.random() < 0.3:
                roles.append((person("gen", 0.5), "witness"))
        elif cat in ("shoplifting",):
            roles += [(person("gen", 0.5), "caller"), (forced.get("suspect") if forced.get("suspect") is not None else person("off", 0.2), "suspect")]
        elif cat in ("asb", "public_order", "drugs"):
            roles.append((person("gen", 0.4), "caller"))
            s = forced.get("suspect")
            if s is not None:
                roles.append((s, "suspect"))
            elif R.random() < 0.7:
                roles.append((person("local" if cat != "public_order" else "off", 0.2), "suspect"))
            if R.random() < 0.3:
                roles.append((person("youth", 0.4), "other"))
        elif cat == "fraud":
            v = v if v is not None else person("eld" if R.random() < 0.5 else "gen", 0.5)
            roles += [(v, "victim"), (v, "caller")]
        elif cat == "harassment":
            v = v if v is not None else person("da_f" if R.random() < 0.4 else "gen", 0.4)
            roles += [(v, "victim"), (v, "caller")]
            if R.random() < 0.8:
                roles.append((person("adult_m", 0.2), "suspect"))
        elif cat == "sudden_death":
            roles += [(person("eld", 0.6), "other"), (person("gen", 0.4), "caller")]
        else:
            v = v if v is not None else person("gen", 0.4)
            roles += [(v, "victim")]
            roles.append((v if R.random() < 0.7 else person("gen", 0.4), "caller"))
            if R.random() < 0.35:
                roles.append((person("off", 0.2), "suspect"))
            if R.random() < 0.2:
                roles.append((person("gen", 0.5), "witness"))
        # dedupe same nominal/role
        seen = set(); out = []
        for n, r in roles:
            if (n, r) not in seen:
                seen.add((n, r)); out.append((n, r))
        return out

    def occurrence(self, t0, d, cat, forced=None):
        """Create one occurrence and all the legitimate work on it."""
        forced = forced or {}
        R = self.R; ev = self.ev
        catinfo = self.catinfo[cat]
        oid = self.new_oid(t0)
        roles = self.pick_roles(cat, d, forced)
        for n, r in roles:
            self.link(oid, n, r)
        victims = [n for n, r in roles if r in ("victim", "other")]
        suspects = [n for n, r in roles if r == "suspect"]
        callers = [n for n, r in roles if r == "caller"]
        # marker updates
        for n, r in roles:
            if r == "victim" and cat == "domestic_abuse":
                self.bitsL[n] |= B_DA
            elif r == "victim" and cat == "sexual_offence":
                self.bitsL[n] |= B_SO
            elif r == "other" and cat == "missing_person":
                self.bitsL[n] |= B_MP
            elif r == "other" and cat == "concern_for_welfare" and R.random() < 0.5:
                self.bitsL[n] |= B_MH
        created_by = ""
        # ---------------- how reported
        counter = cat in ("theft", "fraud", "vehicle_crime", "criminal_damage") and 8 <= self.lhour(t0) < 19 \
            and R.random() < 0.12 and not forced
        ch = None
        if counter:
            sid = self.pick(["counter"], d, t0, wide=False)
            if sid:
                ws = self.desk(sid)
                t = t0
                for n in callers[:1]:
                    t = self.e_nom(sid, t, n, ws)
                ev((t, "RMS", sid, "create", "occurrence", oid, "", ws, -1))
                created_by = sid
            else:
                counter = False
        if not counter:
            ch = forced.get("ch") or self.pick(["ch"], "HQ", t0)
            if ch:
                ws = "CR-POS-%02d" % R.randint(1, 40)
                ev((t0, "CAD", ch, "create", "occurrence", oid, "", ws, -1))
                t = t0 + R.uniform(15, 60)
                n0 = callers[0] if callers else (victims[0] if victims else None)
                ev((t, "CAD", ch, "search", "location", self.loc(n0) if n0 is not None else "", "ADDR " + (self.addr(n0) if n0 is not None else "UNKNOWN"), ws, -1))
                t += R.uniform(20, 90)
                for n in callers[:1]:
                    t = self.e_nom(ch, t, n, ws, tabs=False)
                if catinfo[3] or R.random() < 0.3:
                    for n in (victims[:1] + suspects[:1]):
                        if n not in callers:
                            t = self.e_nom(ch, t, n, ws, tabs=False)
                            if R.random() < 0.4:
                                for o in self.hist_of(n)[-2:]:
                                    if o != oid:
                                        t = self.e_occ(ch, t, o, ws, tabs=False)
                for _ in range(R.randint(1, 3)):
                    t += R.uniform(40, 300)
                    ev((t, "CAD", ch, "update", "occurrence", oid, "", ws, -1))
                self.task(oid, ch, "call_handler", t0, t + R.uniform(0, 300), 0.9)
                created_by = ch if R.random() < 0.6 else ""
        # dispatcher
        disp = self.pick(["disp"], "HQ", t0 + 120)
        if disp and not counter:
            ws = "CR-POS-%02d" % R.randint(1, 40)
            t = t0 + R.uniform(60, 400)
            ev((t, "CAD", disp, "view", "occurrence", oid, "", ws, -1))
            t += R.uniform(30, 200)
            ev((t, "CAD", disp, "update", "occurrence", oid, "", ws, -1))
            if cat in ("domestic_abuse", "violence", "public_order", "harassment") and R.random() < 0.45:
                for n in suspects[:1] + victims[:1]:
                    t = self.e_nom(disp, t + R.uniform(10, 60), n, ws, tabs=False)
        # ---------------- attendance
        att = []
        oic = None
        if (not counter and R.random() < catinfo[2]) or forced.get("attend"):
            if catinfo[3]:
                ta = t0 + R.uniform(6, 45) * 60
            elif R.random() < 0.25:
                ta = t0 + R.uniform(14, 60) * 3600
            else:
                ta = t0 + R.uniform(0.5, 8) * 3600
            unit = ["resp_pc"]
            if cat == "rtc" and R.random() < 0.7:
                unit = ["roads_pc"]
            elif cat in ("asb", "drugs") and R.random() < 0.5 and 8 <= self.lhour(ta) < 21:
                unit = ["nh_pc", "pcso"]
            forced_att = forced.get("attend") or []
            a1 = forced_att[0] if forced_att else self.pick(unit, d, ta)
            if forced_att:
                ta = forced.get("ta", ta)
            if a1:
                att.append(a1)
                if catinfo[3] or R.random() < 0.4:
                    a2 = forced_att[1] if len(forced_att) > 1 else self.pick(["resp_pc", "special"], d, ta, wide=False)
                    if a2 and a2 != a1:
                        att.append(a2)
        for i, sid in enumerate(att):
            t = ta - R.uniform(2, 8) * 60
            dev = self.by_sid[sid]["device"]
            ev((t, "MOB", sid, "view", "occurrence", oid, "", dev, -1))
            t += R.uniform(20, 120)
            if R.random() < 0.45 and victims:
                ev((t, "MOB", sid, "view", "location", self.loc(victims[0]), "", dev, -1))
                t += R.uniform(15, 90)
            if R.random() < 0.2 and victims:
                ev((t, "MOB", sid, "search", "occurrence", "", "location=%s" % self.addr(victims[0]), dev, -1))
                t += R.uniform(10, 40)
                for o in self.hist_of(victims[0])[-2:]:
                    if o != oid:
                        t = self.e_occ(sid, t, o, dev, "MOB")
            if i == 0 or R.random() < 0.4:
                for n in (victims[:1] + suspects[:1]):
                    t = self.e_nom(sid, t, n, dev, "MOB")
                if suspects and R.random() < 0.7:
                    t = self.e_nom(sid, t + R.uniform(10, 60), suspects[0], dev, "PNC")
            # write-up after attending, at a desk
            tw = ta + R.uniform(1.0, 3.5) * 3600
            if not self.on_duty(sid, tw, 1800):
                tw = self.duty_slot(sid, ta + 3600, ta + 4 * 86400) or tw
            ws = self.desk(sid)
            if i == 0:
                if R.random() < 0.15 and victims:
                    ev((tw, "RMS", sid, "search", "occurrence", "", "location=%s" % self.addr(victims[0]), ws, -1))
                    tw += R.uniform(10, 40)
                    ev((tw, "RMS", sid, "view", "location", self.loc(victims[0]), "", ws, -1))
                    tw += R.uniform(10, 60)
                    for o in self.hist_of(victims[0])[-2:]:
                        if o != oid:
                            tw = self.e_occ(sid, tw, o, ws, tabs=False)
                if cat in ("violence", "robbery", "sexual_offence", "public_order", "missing_person", "harassment") and R.random() < 0.3:
                    sx = "F" if (cat == "missing_person" and R.random() < 0.55) or R.random() < 0.12 else "M"
                    lo_ = R.choice([13, 16, 18, 20, 25, 30]); hi_ = lo_ + R.choice([5, 8, 10, 15])
                    q = R.choice(["sex=%s;age=%d-%d;district=%s" % (sx, lo_, hi_, d),
                                  "forename=%s*;sex=%s;yob=%d-%d" % (R.choice(FN_F if sx == "F" else FN_M)[:R.randint(1, 3)], sx, self.sd.year - hi_, self.sd.year - lo_),
                                  "surname=*;sex=%s;address=*%s*" % (sx, R.choice(TOWNS[d]))])
                    ev((tw, "RMS", sid, "search", "nominal", "", q, ws, -1))
                    tw += R.uniform(10, 60)
                    for _ in range(R.randint(0, 3)):
                        pool = "youth" if sx == "M" else ("mp" if cat == "missing_person" else "gen")
                        tw = self.e_nom(sid, tw, self.pp(pool, d), ws, search=False, tabs=R.random() < 0.3)
                t = self.e_occ(sid, tw, oid, ws, upd=1.0)
                for n, r in roles:
                    if r != "caller" or R.random() < 0.3:
                        t = self.e_nom(sid, t, n, ws, search=R.random() < 0.3)
                if created_by == "":
                    created_by = sid
                t = self.e_occ(sid, t, oid, ws, upd=0.8, tabs=False)
            elif R.random() < 0.6:
                t = self.e_occ(sid, tw, oid, ws, upd=0.5)
            self.task(oid, sid, "attending", ta, t + R.uniform(0, 1800), 0.95 if i == 0 else 0.6)
        if created_by == "":
            created_by = ch or ""
        # ---------------- arrest and custody
        cust_end = None
        arrest = suspects and att and (forced.get("arrest") or (not forced.get("no_arrest") and R.random() < ARREST_P.get(cat, 0.0)))
        if arrest:
            n = suspects[0]
            tc = ta + R.uniform(25, 100) * 60
            suite = SUITE_OF[d]
            sgt = forced.get("cus_sgt") or self.pick(["cus_sgt"], suite, tc)
            if sgt:
                cust_end = self.custody_episode(n, sgt, suite, tc, att, oid, forced)
                self.bitsL[n] |= B_ARR
        # ---------------- supervisor review
        if att:
            seg = self.role_at(self.by_sid[att[0]], ta)
            ts = ta + R.uniform(1, 20) * 3600
            sg = self.pick(["resp_sgt"] if seg["role"] != "roads_pc" else ["roads_sgt"], d, ts, wide=False)
            if sg:
                ws = self.desk(sg)
                t = self.e_occ(sg, ts, oid, ws, upd=0.45)
                if R.random() < 0.3 and victims:
                    t = self.e_nom(sg, t, victims[0], ws, search=False)
                self.task(oid, sg, "supervisor", ts, t, 0.55)
        # ---------------- investigation ownership
        inv_end = t0 + 86400
        owner_role = None
        if forced.get("owner") == "attending":
            owner_role = "resp"
        elif forced.get("owner") in ("ppu", "cid", "none"):
            owner_role = forced["owner"]
        elif R.random() < PPU_P.get(cat, 0.0):
            owner_role = "ppu"
        elif R.random() < CID_P.get(cat, 0.0):
            owner_role = "cid"
        elif att:
            owner_role = "resp"
        if owner_role == "resp" and att:
            oic = att[0]
            dur = R.uniform(2, 21) * 86400
            te = ta + dur
            self.task(oid, oic, "oic", ta, te, 0.9)
            actual_end = te + (R.uniform(1, 12) * 86400 if R.random() < 0.2 else 0)
            nses = forced.get("oic_sessions", R.randint(1, 5))
            for _ in range(nses):
                tt = self.duty_slot(oic, ta + 12 * 3600, actual_end)
                if tt is None:
                    continue
                ws = self.desk(oic) if R.random() < 0.8 else self.by_sid[oic]["device"]
                sysid = "RMS" if ws.startswith("PC") else "MOB"
                t = self.e_occ(oic, tt, oid, ws, sysid, upd=0.6)
                for n, r in roles:
                    if r in ("victim", "suspect", "other") and R.random() < 0.55:
                        t = self.e_nom(oic, t, n, ws, sysid, search=R.random() < 0.3)
                if suspects and R.random() < 0.2:
                    t = self.e_nom(oic, t, suspects[0], ws, "PNC")
            inv_end = actual_end
        elif owner_role in ("cid", "ppu"):
            tcid = t0 + R.uniform(0.4, 3) * 86400
            if owner_role == "cid":
                dc = self.pick(["cid_dc"], d, tcid) or self.pick(["cid_dc"], d, tcid + 86400)
            else:
                dc = self.pick(["ppu_dc"], "HQ", tcid) or self.pick(["ppu_dc"], "HQ", tcid + 86400)
            if dc:
                inv_end = self.investigation(oid, dc, tcid, roles, cat, d)
        # ---------------- safeguarding (MASH)
        mp = MASH_P.get(cat, 0.0)
        if any(r == "other" and self.ageL[n] < 18 for n, r in roles):
            mp = max(mp, 0.5)
        if R.random() < mp:
            tm = t0 + R.uniform(2, 60) * 3600
            m = None
            for k in range(4):
                m = self.pick(["mash"], "HQ", tm, wide=False)
                if m:
                    break
                tm += R.uniform(8, 24) * 3600
            if m:
                ws = self.desk(m)
                t = tm
                for n, r in roles:
                    if r in ("victim", "other", "suspect"):
                        t = self.e_nom(m, t, n, ws, search=R.random() < 0.5)
                        for o in self.hist_of(n)[-R.randint(1, 4):]:
                            if o != oid and R.random() < 0.7:
                                t = self.e_occ(m, t, o, ws, tabs=False)
                        if R.random() < 0.4:
                            t = self.e_intel(m, t, n, ws)
                t = self.e_occ(m, t, oid, ws, upd=0.6)
                self.task(oid, m, "safeguarding", tm, t, 0.5)
                if cat == "domestic_abuse" and victims and R.random() < 0.35:
                    self.da_referrals.append((victims[0], t))
        # ---------------- missing persons coordinator
        if cat == "missing_person" and victims:
            for k in range(R.randint(1, 4)):
                tt = t0 + R.uniform(0.2, 6) * 86400
                mc = self.pick(["misper"], "HQ", tt, wide=False)
                if mc:
                    ws = self.desk(mc)
                    t = self.e_nom(mc, tt, victims[0], ws, search=False)
                    t = self.e_occ(mc, t, oid, ws, upd=0.5)
        # people recorded on the occurrence but never opened by anyone are created by the recorder
        creator = att[0] if att else (ch or created_by)
        for n, r in roles:
            if self.n_ctime[n] is None:
                tcr = (ta if att else t0) + R.uniform(600, 3 * 3600)
                if creator:
                    ev((tcr, "RMS", creator, "create", "nominal", self.nid[n], "", self.desk(creator), -1))
                self.n_ctime[n] = tcr
        close = max(inv_end, cust_end or 0, t0 + 3600) + R.uniform(0, 5) * 86400
        self.occ[oid] = [cat, t0, close if close < self.T1 and R.random() < 0.85 else None, d, created_by]
        self.recent.append((t0, d, oid, cat))
        return oid

    def custody_episode(self, n, sgt, suite, tc, att, oid, forced):
        R = self.R; ev = self.ev
        self.cseq += 1
        cid = "CU-%s-%02d-%05d" % (suite, self.sd.year % 100, self.cseq)
        dur = forced.get("custody_hours", R.uniform(3, 22)) * 3600
        tr = tc + dur
        self.custody.append((cid, n, sgt, SUITE_NAME[suite], tc, tr))
        self.cust_of[cid] = (n, suite, tc, tr, oid)
        ws = "CUS-%s-%02d" % (suite, R.randint(1, 8))
        ev((tc, "CUS", sgt, "create", "custody", cid, "", ws, -1))
        t = self.e_nom(sgt, tc + R.uniform(60, 300), n, ws, tabs=False)
        t = self.e_nom(sgt, t, n, ws, "PNC")
        ev((t, "CUS", sgt, "update", "custody", cid, "", ws, -1))
        for sid in att[:1]:
            ev((tc + R.uniform(300, 1500), "CUS", sid, "view", "custody", cid, "", ws, -1))
        # welfare checks by detention officers and views by custody staff on duty
        t = tc + R.uniform(1200, 3600)
        while t < tr:
            staff = self.onshift(["dto", "cus_sgt"], [suite], t)
            if staff:
                w = R.choice(staff)
                forced_do = forced.get("dto")
                if forced_do and self.on_duty(forced_do, t) and R.random() < 0.5:
                    w = forced_do
                ev((t, "CUS", w, "update" if R.random() < 0.7 else "view", "custody", cid, "", "CUS-%s-%02d" % (suite, R.randint(1, 8)), -1))
                if R.random() < 0.12:
                    self.e_nom(w, t + 40, n, "CUS-%s-%02d" % (suite, R.randint(1, 8)), tabs=False, search=False)
            t += R.uniform(0.6, 1.6) * 3600
        # PACE review by duty inspector
        if dur > 6 * 3600:
            dist = [k for k, v in SUITE_OF.items() if v == suite]
            ins = self.onshift(["resp_insp"], dist, tc + 6 * 3600)
            if ins:
                ev((tc + 6 * 3600 + R.uniform(0, 1800), "CUS", R.choice(ins), "view", "custody", cid, "", self.desk(ins[0]), -1))
        rel = self.onshift(["cus_sgt"], [suite], tr) or [sgt]
        ev((tr, "CUS", R.choice(rel), "update", "custody", cid, "", ws, -1))
        return tr

    def investigation(self, oid, dc, tstart, roles, cat, d):
        R = self.R
        span = R.uniform(14, 56) * 86400
        te = tstart + span
        beyond = R.random() < 0.25
        actual = te + (R.uniform(3, 25) * 86400 if beyond else 0)
        self.task(oid, dc, "oic" if R.random() < 0.8 else "investigator", tstart, te, 0.93)
        if beyond:
            self.task_stats.setdefault("_work_beyond_recorded_end", [0, 0])[1] += 1
        nses = R.randint(4, 16)
        for _ in range(nses):
            tt = self.duty_slot(dc, tstart, actual)
            if tt is None:
                continue
            self.case_session(dc, tt, oid, roles)
        # detective sergeant oversight
        seg = self.role_at(self.by_sid[dc], tstart)
        for _ in range(R.randint(1, 3)):
            tt = tstart + R.uniform(0, span)
            ds = self.pick(["cid_ds" if seg["role"] == "cid_dc" else "ppu_ds"], seg["dist"], tt, wide=False)
            if ds:
                t = self.e_occ(ds, tt, oid, self.desk(ds), upd=0.3)
                self.task(oid, ds, "supervisor", tt, t, 0.4)
        # DA/child cases for PPU: victim joins caseload
        if seg["role"] == "ppu_dc":
            for n, r in roles:
                if r == "victim":
                    self.caseload.setdefault(dc, []).append((n, tstart))
        return actual

    def case_session(self, dc, tt, oid, roles):
        R = self.R
        s = self.by_sid[dc]
        remote = not self.on_duty(dc, tt)
        ws = s["laptop"] if remote or R.random() < 0.15 else self.desk(dc)
        t = self.e_occ(dc, tt, oid, ws, upd=0.5)
        for n, r in roles:
            if r != "caller" and R.random() < 0.5:
                t = self.e_nom(dc, t, n, ws, search=R.random() < 0.2)
                if r == "suspect" and R.random() < 0.3:
                    t = self.e_intel(dc, t, n, ws)
                if r == "suspect" and R.random() < 0.25:
                    t = self.e_nom(dc, t, n, ws, "PNC")
        if R.random() < 0.05:
            self.ev((t, "RMS", dc, "print", "occurrence", oid, "", ws, -1))
        elif R.random() < 0.03:
            vs = [n for n, r in roles if r in ("victim", "suspect") and self.touch(n, t)]
            if vs:
                self.ev((t, "RMS", dc, "print", "nominal", self.nid[R.choice(vs)], "", ws, -1))
        if R.random() < 0.1:
            vs = [n for n, r in roles if r in ("victim", "suspect", "witness") and self.touch(n, t)]
            if vs:
                self.ev((t + R.uniform(10, 60), "RMS", dc, "view", "location", self.loc(R.choice(vs)), "", ws, -1))
        return t

    def simulate_occurrences(self):
        R = self.R
        self.catinfo = {c[0]: c for c in CATS}
        cw = np.array([c[1] for c in CATS]); cw /= cw.sum()
        self.catcum = np.cumsum(cw).tolist()
        self.oseq = 0; self.cseq = 0
        self.cust_of = {}
        self.recent = []
        self.caseload = {}
        self.da_referrals = []
        hw = HOUR_W / HOUR_W.sum()
        hcum = np.cumsum(hw).tolist()
        rate = self.N * 0.34
        plan = []
        for di in range(self.D):
            wd = self.day_date(di).weekday()
            k = self.pois(rate * (1.12 if wd in (4, 5) else 0.96))
            for _ in range(k):
                h = bisect.bisect_left(hcum, R.random())
                if wd in (5, 6) and h < 4 and R.random() < 0.3:
                    h = R.randint(0, 3)
                tl = self.L0 + di * 86400 + h * 3600 + R.randint(0, 3599)
                d = DISTRICTS[bisect.bisect_left(np.cumsum(DW).tolist(), R.random() * DW.sum())]
                cat = CATS[bisect.bisect_left(self.catcum, R.random())][0]
                plan.append((self.l2u(tl), d, cat))
        plan.sort()
        self.plan = plan
        for t0, d, cat in plan:
            self.occurrence(t0, d, cat)
        # ongoing investigations from before the period (CID / PPU) and court preparation
        hist = [o for o in self.hist_ids if self.occ[o][2] is None and self.occ[o][0] in
                ("sexual_offence", "robbery", "burglary", "violence", "domestic_abuse", "fraud", "child_protection")]
        R.shuffle(hist)
        for oid in hist[: int(self.N * 0.35)]:
            cat, t_open, _, d, _ = self.occ[oid]
            role = "ppu_dc" if cat in ("domestic_abuse", "child_protection") else "cid_dc"
            cands = [s["sid"] for s in self.staff if s["segs"][0]["role"] == role and (role == "ppu_dc" or s["segs"][0]["dist"] == d)]
            if not cands:
                continue
            dc = R.choice(cands)
            roles = self.occ_noms.get(oid, [])
            self.investigation(oid, dc, t_open + R.uniform(0.5, 3) * 86400, roles, cat, d)
        # court preparation on older closed crimes
        closed = [o for o in self.hist_ids if self.occ[o][0] in ("violence", "domestic_abuse", "sexual_offence",
                                                                     "burglary", "robbery", "theft", "drugs")]
        cju = [s["sid"] for s in self.staff if s["segs"][0]["role"] == "cju"]
        for oid in R.sample(closed, min(len(closed), int(self.N * 0.5))):
            if not cju:
                break
            c = R.choice(cju)
            tt = self.duty_slot(c, self.T0, self.T1)
            if tt is None:
                continue
            ws = self.desk(c)
            t = self.e_occ(c, tt, oid, ws, upd=0.3)
            for n, r in self.occ_noms.get(oid, []):
                if r in ("victim", "witness", "suspect"):
                    t = self.e_nom(c, t, n, ws, search=False)
            if R.random() < 0.12:
                self.ev((t, "RMS", c, "print", "occurrence", oid, "", ws, -1))
            self.task(oid, c, "court_prep", tt, tt + R.uniform(1, 20) * 86400, 0.45)
            # OIC reviewing before trial (often no record)
            if R.random() < 0.4:
                cands = self.onshift(["cid_dc", "resp_pc", "ppu_dc"], DISTRICTS + ["HQ"], tt + 86400)
                if cands:
                    o2 = R.choice(cands)
                    t = self.e_occ(o2, tt + 86400, oid, self.desk(o2))
                    for n, r in self.occ_noms.get(oid, []):
                        if r == "victim":
                            t = self.e_nom(o2, t, n, self.desk(o2), search=False)
        self.recent.sort()
        self.recent_t = [x[0] for x in self.recent]

    # ------------------------------------------------------------------ background work per duty
    def recent_occ(self, t, hours, d=None, k=1, cats=None):
        i1 = bisect.bisect_left(self.recent_t, t)
        i0 = bisect.bisect_left(self.recent_t, t - hours * 3600)
        if i1 <= i0:
            return []
        out = []
        for _ in range(k * 4):
            x = self.recent[self.R.randrange(i0, i1)]
            if (d is None or x[1] == d) and (cats is None or x[3] in cats):
                out.append(x[2])
                if len(out) >= k:
                    break
        return out

    def nom_of_occ(self, oid, t, roles=("victim", "suspect", "other")):
        xs = [n for n, r in self.occ_noms.get(oid, []) if r in roles and self.touch(n, t)]
        return xs

    def background(self):
        R = self.R; ev = self.ev; pp = self.pp; e_nom = self.e_nom; e_occ = self.e_occ
        # initial PPU caseloads (high-risk DA victims known before the period)
        for s in self.staff:
            if s["segs"][0]["role"] == "ppu_dc":
                cl = self.caseload.setdefault(s["sid"], [])
                for _ in range(R.randint(15, 35)):
                    cl.append((pp("da_f", R.choice(DISTRICTS)), self.T0 - 86400 * 30))
        for s in self.staff:
            sid = s["sid"]
            focus = R.choice(["da", "off", "sw", "youth", "off", "mp", "gen"])
            op_lantern = False
            for a, b, role, kind in s["duties"]:
                if b < self.T0 or a > self.T1:
                    continue
                seg = self.role_at(s, a)
                d = seg["dist"]
                dd = d if d in DISTRICTS else R.choice(DISTRICTS)
                L = (b - a) / 3600.0
                fr = L / 10.0
                ws = self.ws_for(sid, role, a)
                dev = s["device"]
                if kind == "remote":
                    # evening catch-up from a laptop on own / unit work
                    t = a + R.uniform(0, 600)
                    if role in ("analyst", "researcher", "intel_dc"):
                        for _ in range(R.randint(2, 8)):
                            t = e_nom(sid, t, pp("off", "*"), s["laptop"], search=True, tabs=False)
                    elif role == "ppu_dc" and self.caseload.get(sid):
                        for _ in range(R.randint(1, 3)):
                            n, _t = R.choice(self.caseload[sid])
                            t = e_nom(sid, t, n, s["laptop"], search=False)
                    else:
                        for o in self.recent_occ(t, 24 * 14, d if d in DISTRICTS else None, R.randint(1, 3)):
                            t = e_occ(sid, t, o, s["laptop"], upd=0.3)
                    continue
                t = a + R.uniform(5, 30) * 60
                if role in ("resp_pc", "roads_pc", "special", "resp_sgt", "resp_insp", "roads_sgt"):
                    # briefing: recent occurrences in district, wanted / missing people
                    nb = R.randint(3, 10) if role != "resp_sgt" else R.randint(8, 16)
                    if role.startswith("roads"):
                        nb = R.randint(1, 4)
                    for o in self.recent_occ(a, 36, dd if not role.startswith("roads") else None, nb):
                        t = e_occ(sid, t, o, ws, tabs=R.random() < 0.3)
                    for o in self.recent_occ(a, 72, dd, R.randint(0, 2), cats=("missing_person", "domestic_abuse")):
                        for n in self.nom_of_occ(o, t, ("other", "suspect")):
                            t = e_nom(sid, t, n, ws, search=False)
                    # patrol checks
                    nv = self.pois((3.0 if role.startswith("resp") or role == "special" else 11.0) * fr)
                    for _ in range(nv):
                        self.e_veh(sid, R.uniform(a, b), dev if R.random() < 0.7 else "")
                    if R.random() < 0.12 * fr:
                        tt = R.uniform(a + 1800, b)
                        sx = "M" if R.random() < 0.8 else "F"
                        lo_ = R.choice([14, 16, 18, 20, 25]); hi_ = lo_ + R.choice([6, 10, 15])
                        ev((tt, "MOB", sid, "search", "nominal", "", "%s %s %d-%d" % (R.choice(TOWNS[dd]), sx, lo_, hi_), dev, -1))
                        for _ in range(R.randint(0, 2)):
                            tt = e_nom(sid, tt + R.uniform(10, 60), pp("youth" if sx == "M" else "gen", dd), dev, "MOB", search=False)
                    for _ in range(self.pois(1.6 * fr)):
                        tt = R.uniform(a + 1800, b)
                        n = pp("local" if R.random() < 0.7 else "youth", dd)
                        t2 = e_nom(sid, tt, n, dev, "PNC")
                        if R.random() < 0.6:
                            e_nom(sid, t2, n, dev, "MOB")
                    # looking at colleagues' jobs / own work queue
                    for o in self.recent_occ(a, 96, dd, self.pois(2.0 * fr)):
                        tt = R.uniform(a, b)
                        e_occ(sid, tt, o, self.desk(sid), tabs=False)
                    if role in ("resp_sgt", "resp_insp"):
                        for o in self.recent_occ(b, 24, dd, self.pois(6 * fr)):
                            tt = R.uniform(a, b)
                            tt = e_occ(sid, tt, o, ws, upd=0.3)
                            if R.random() < 0.25:
                                for n in self.nom_of_occ(o, tt)[:1]:
                                    e_nom(sid, tt, n, ws, search=False)
                    if role == "resp_insp":
                        for cid, (n, suite, tc, tr, oid) in self.cust_sample(a, b, 3):
                            ev((R.uniform(max(a, tc), min(b, tr)), "CUS", sid, "view", "custody", cid, "", ws, -1))
                elif role in ("nh_pc", "pcso", "nh_sgt"):
                    if not op_lantern and dd == "CAR" and R.random() < 0.45:
                        op_lantern = True  # Op Lantern: street sex-work welfare operation in Carrow
                    op_lantern = op_lantern and dd == "CAR"
                    for o in self.recent_occ(a, 48, dd, R.randint(2, 7)):
                        t = e_occ(sid, t, o, ws, tabs=R.random() < 0.3)
                    for _ in range(self.pois(5 * fr)):
                        n = pp("local" if R.random() < 0.6 else "youth" if R.random() < 0.6 else "gen", dd)
                        tt = R.uniform(a, b)
                        e_nom(sid, tt, n, dev if R.random() < 0.6 else self.desk(sid), "MOB" if R.random() < 0.6 else "RMS")
                    for o in self.recent_occ(a, 24 * 10, dd, self.pois(2 * fr), cats=("asb", "criminal_damage", "public_order", "drugs")):
                        tt = e_occ(sid, R.uniform(a, b), o, self.desk(sid), upd=0.3)
                        if R.random() < 0.3:
                            for n in self.nom_of_occ(o, tt)[:1]:
                                w_ = dev if R.random() < 0.5 else self.desk(sid)
                                ev((tt, "MOB" if w_ == dev else "RMS", sid, "view", "location", self.loc(n), "", w_, -1))
                    if op_lantern and role in ("pcso", "nh_pc"):
                        for _ in range(self.pois(1.4)):
                            n = pp("sw", "CAR")
                            tt = R.uniform(a, b)
                            tt = e_nom(sid, tt, n, dev if R.random() < 0.5 else self.desk(sid), "MOB" if R.random() < 0.5 else "RMS")
                            if R.random() < 0.3:
                                for o in self.hist_of(n)[-1:]:
                                    e_occ(sid, tt, o, self.desk(sid), tabs=False)
                    for _ in range(self.pois(1.0 * fr)):
                        self.e_veh(sid, R.uniform(a, b), dev)
                elif role in ("cid_dc", "cid_ds", "cid_di"):
                    for o in self.recent_occ(a, 24, dd, R.randint(2, 6), cats=("burglary", "robbery", "violence", "sexual_offence", "domestic_abuse")):
                        t = e_occ(sid, t, o, ws, tabs=False)
                    for _ in range(self.pois(2.0 * fr)):
                        n = pp("off", dd)
                        tt = self.e_intel(sid, R.uniform(a, b), n, ws)
                        if R.random() < 0.5:
                            e_nom(sid, tt, n, ws)
                    for _ in range(self.pois(1.0 * fr)):
                        e_nom(sid, R.uniform(a, b), pp("off", dd), ws, "PNC")
                    if role != "cid_dc":
                        for o in self.recent_occ(b, 24 * 14, dd, self.pois(5 * fr)):
                            e_occ(sid, R.uniform(a, b), o, ws, upd=0.2)
                elif role in ("ppu_dc", "ppu_ds"):
                    cl = self.caseload.get(sid) or []
                    cl = [x for x in cl if x[1] <= a]
                    for _ in range(R.randint(2, 6) if cl else 0):
                        n, _t = R.choice(cl)
                        tt = e_nom(sid, R.uniform(a, b), n, ws, search=R.random() < 0.3)
                        for o in self.hist_of(n)[-R.randint(1, 3):]:
                            tt = e_occ(sid, tt, o, ws, tabs=False)
                    if role == "ppu_ds":
                        for o in self.recent_occ(b, 72, None, self.pois(6 * fr), cats=("domestic_abuse", "child_protection", "sexual_offence")):
                            tt = e_occ(sid, R.uniform(a, b), o, ws, upd=0.2)
                            for n in self.nom_of_occ(o, tt)[:2]:
                                tt = e_nom(sid, tt, n, ws, search=False)
                elif role == "mash":
                    for o in self.recent_occ(a, 48, None, self.pois(4 * fr), cats=("concern_for_welfare", "asb", "violence", "child_protection")):
                        tt = e_occ(sid, R.uniform(a, b), o, ws, tabs=False)
                        for n in self.nom_of_occ(o, tt, ("victim", "other")):
                            tt = e_nom(sid, tt, n, ws)
                            if R.random() < 0.25:
                                ev((tt, "RMS", sid, "view", "location", self.loc(n), "", ws, -1))
                                tt += R.uniform(20, 90)
                elif role == "misper":
                    for o in self.recent_occ(a, 24 * 21, None, R.randint(3, 10), cats=("missing_person",)):
                        tt = e_occ(sid, R.uniform(a, b), o, ws, upd=0.4)
                        for n in self.nom_of_occ(o, tt, ("other",)):
                            e_nom(sid, tt, n, ws, search=False)
                    for _ in range(R.randint(1, 5)):
                        e_nom(sid, R.uniform(a, b), pp("mp", R.choice(DISTRICTS)), ws)
                    if R.random() < 0.4:
                        dd2 = R.choice(DISTRICTS)
                        ev((R.uniform(a, b), "RMS", sid, "search", "nominal", "", "sex=%s;age=%d-%d;district=%s" % (
                            R.choice("FFM"), R.choice([11, 12, 13, 14]), R.choice([16, 17, 18]), dd2), ws, -1))
                elif role == "mosovo":
                    for _ in range(self.pois(6 * fr)):
                        n = pp("off_m", R.choice(DISTRICTS))
                        tt = e_nom(sid, R.uniform(a, b), n, ws)
                        if R.random() < 0.4:
                            tt = self.e_intel(sid, tt, n, ws)
                        if R.random() < 0.3:
                            e_nom(sid, tt, n, ws, "PNC")
                elif role == "cus_sgt" or role == "dto":
                    suite = d
                    for cid, (n, su, tc, tr, oid) in self.cust_sample(a, b, 6, suite):
                        tt = R.uniform(max(a, tc), min(b, tr))
                        ev((tt, "CUS", sid, "view", "custody", cid, "", ws, -1))
                        if R.random() < 0.15:
                            e_nom(sid, tt + 30, n, ws, search=False, tabs=False)
                    for cid, x in self.cust_sample_past(a, 30, suite, self.pois(1.2 * fr)):
                        tt = R.uniform(a, b)
                        ev((tt, "CUS", sid, "view", "custody", cid, "", ws, -1))
                        if R.random() < 0.3:
                            e_nom(sid, tt + R.uniform(20, 90), x[0], ws, search=R.random() < 0.5, tabs=False)
                    # pre-booked voluntary attendances / bail returns
                    for _ in range(self.pois(1.0 * fr)):
                        n = pp("off", R.choice([k for k, v in SUITE_OF.items() if v == suite] or DISTRICTS))
                        e_nom(sid, R.uniform(a, b), n, ws)
                elif role == "ch":
                    # calls that never became occurrences: advice, repeat callers, duplicates
                    for _ in range(self.pois(9 * fr)):
                        tt = R.uniform(a, b)
                        self.cadseq += 1
                        inc = "CAD-%s-%05d" % (self.day_date(max(0, self.lday(tt))).strftime("%y%m%d"), self.cadseq % 100000)
                        w = "CR-POS-%02d" % R.randint(1, 40)
                        ev((tt, "CAD", sid, "create", "other", inc, "", w, -1))
                        n = pp("gen" if R.random() < 0.6 else "mh" if R.random() < 0.5 else "da", R.choice(DISTRICTS))
                        if R.random() < 0.5:
                            ev((tt + R.uniform(10, 60), "CAD", sid, "search", "nominal", "", self.tel(n), w, -1))
                        if R.random() < 0.55:
                            tt = e_nom(sid, tt + R.uniform(30, 120), n, w, tabs=False)
                        ev((tt + R.uniform(60, 400), "CAD", sid, "update", "other", inc, "", w, -1))
                    for o in self.recent_occ(a, 72, None, self.pois(3 * fr)):
                        tt = R.uniform(a, b)
                        w = "CR-POS-%02d" % R.randint(1, 40)
                        ev((tt, "CAD", sid, "view", "occurrence", o, "", w, -1))
                        if R.random() < 0.3:
                            for n in self.nom_of_occ(o, tt, ("caller",))[:1]:
                                e_nom(sid, tt + R.uniform(20, 90), n, w, tabs=False)
                elif role == "disp":
                    for o in self.recent_occ(b, 12, None, self.pois(25 * fr)):
                        ev((R.uniform(a, b), "CAD", sid, "view", "occurrence", o, "", "CR-POS-%02d" % R.randint(1, 40), -1))
                    for _ in range(self.pois(3 * fr)):
                        e_nom(sid, R.uniform(a, b), pp("off", R.choice(DISTRICTS)), ws, "PNC")
                elif role == "cr_sgt":
                    for o in self.recent_occ(b, 12, None, self.pois(15 * fr)):
                        ev((R.uniform(a, b), "CAD", sid, "view", "occurrence", o, "", ws, -1))
                    for o in self.recent_occ(b, 12, None, self.pois(4 * fr), cats=("missing_person", "domestic_abuse", "concern_for_welfare")):
                        tt = e_occ(sid, R.uniform(a, b), o, ws, tabs=False)
                        for n in self.nom_of_occ(o, tt)[:1]:
                            e_nom(sid, tt, n, ws, search=False, tabs=False)
                elif role == "analyst":
                    nsearch = self.pois(22 * fr)
                    for _ in range(nsearch):
                        tt = R.uniform(a, b)
                        r = R.random()
                        key = focus if r < 0.35 else ("off" if r < 0.8 else R.choice(["da", "sw", "mh", "youth"]))
                        dd2 = R.choice(DISTRICTS)
                        n = pp(key, dd2)
                        if R.random() < 0.5:
                            tt = self.e_intel(sid, tt, n, ws)
                        tt = e_nom(sid, tt, n, ws, tabs=R.random() < 0.4)
                        if R.random() < 0.3:
                            for o in self.hist_of(n)[-2:]:
                                tt = e_occ(sid, tt, o, ws, tabs=False)
                        if R.random() < 0.02:
                            ev((tt, "RMS", sid, "export", "nominal", "", "search results %s %s" % (key, dd2), ws, -1))
                        if R.random() < 0.08:
                            sx = "F" if key in ("da", "sw", "mh") else R.choice("MMMF")
                            lo_ = R.choice([14, 16, 18, 21, 25, 30]); hi_ = lo_ + R.choice([5, 10, 15])
                            ev((tt, "RMS", sid, "search", "nominal", "", R.choice([
                                "sex=%s;age=%d-%d;district=%s" % (sx, lo_, hi_, dd2),
                                "surname=*;sex=%s;address=*%s*" % (sx, R.choice(TOWNS[dd2]))]), ws, -1))
                elif role == "researcher":
                    for o in self.recent_occ(a, 48, None, self.pois(8 * fr)):
                        tt = R.uniform(a, b)
                        for n in self.nom_of_occ(o, tt):
                            tt = self.e_intel(sid, tt, n, ws)
                            tt = e_nom(sid, tt, n, ws, tabs=False)
                elif role == "intel_dc":
                    for _ in range(self.pois(8 * fr)):
                        n = pp("off", dd)
                        tt = self.e_intel(sid, R.uniform(a, b), n, ws)
                        if R.random() < 0.4:
                            e_nom(sid, tt, n, ws)
                    for _ in range(self.pois(1.0 * fr)):
                        e_nom(sid, R.uniform(a, b), pp("sw", "CAR"), ws)
                elif role == "counter":
                    for _ in range(self.pois(11 * fr)):
                        tt = R.uniform(a, b)
                        n = pp("gen" if R.random() < 0.6 else "off", dd)
                        tt = e_nom(sid, tt, n, ws)
                        h = self.hist_of(n)
                        if h and R.random() < 0.35:
                            tt = e_occ(sid, tt, h[-1], ws, search=True, tabs=False)
                        if R.random() < 0.08:
                            for cid, x in self.cust_sample(tt - 30 * 86400, tt, 1):
                                ev((tt + 60, "CUS", sid, "view", "custody", cid, "", ws, -1))
                elif role == "records":
                    for o in self.recent_occ(a, 72, None, self.pois(55 * fr)):
                        tt = e_occ(sid, R.uniform(a, b), o, ws, upd=0.35, tabs=R.random() < 0.2)
                        if R.random() < 0.15:
                            for n in self.nom_of_occ(o, tt)[:1]:
                                tt = e_nom(sid, tt, n, ws)
                                if R.random() < 0.3:
                                    ev((tt, "RMS", sid, "update", "nominal", self.nid[n], "", ws, -1))
                elif role == "cju":
                    for o in self.recent_occ(a, 24 * 30, None, self.pois(6 * fr)):
                        tt = e_occ(sid, R.uniform(a, b), o, ws, upd=0.2, tabs=False)
                elif role == "dbs":
                    for _ in range(self.pois(16 * fr)):
                        tt = R.uniform(a, b)
                        n = pp("gen", R.choice(DISTRICTS))
                        ev((tt, "RMS", sid, "search", "nominal", "", self.q_nom(n, "RMS"), ws, -1))
                        if R.random() < 0.3:
                            e_nom(sid, tt + 30, n, ws, search=False)
                elif role == "psd":
                    for _ in range(self.pois(3 * fr)):
                        n = pp(R.choice(["gen", "da", "mh", "off"]), R.choice(DISTRICTS))
                        tt = e_nom(sid, R.uniform(a, b), n, ws)
                        for o in self.hist_of(n)[-1:]:
                            e_occ(sid, tt, o, ws, tabs=False)
                elif role == "it":
                    for _ in range(self.pois(1.0 * fr)):
                        e_nom(sid, R.uniform(a, b), pp("gen", R.choice(DISTRICTS)), ws, search=False)
                elif role == "hr":
                    if R.random() < 0.05:
                        e_nom(sid, R.uniform(a, b), pp("gen", R.choice(DISTRICTS)), ws)
                elif role == "volunteer":
                    if R.random() < 0.3:
                        ev((R.uniform(a, b), "RMS", sid, "search", "other", "", "property ref PR%06d" % R.randint(1, 999999), ws, -1))
        # off-duty checks of own cases (phone app for officers, laptop for detectives)
        for s in self.staff:
            role0 = s["segs"][0]["role"]
            if role0 not in ("resp_pc", "resp_sgt", "nh_pc", "pcso", "roads_pc", "cid_dc", "cid_ds", "ppu_dc", "special", "cus_sgt"):
                continue
            own = self.own.get(s["sid"], [])
            if not own:
                continue
            for _ in range(self.pois(0.05 * self.D)):
                tt = self.offduty_time(s["sid"], self.T0, self.T1)
                if tt is None:
                    continue
                act = [x for x in own if x[1] <= tt <= x[2] + 5 * 86400]
                if not act:
                    continue
                ws = s["device"] if role0 not in ("cid_dc", "cid_ds", "ppu_dc") or R.random() < 0.3 else s["laptop"]
                sysid = "MOB" if ws == s["device"] else "RMS"
                for oid, _a, _b in R.sample(act, min(len(act), R.randint(1, 2))):
                    tt = e_occ(sid=s["sid"], t=tt, oid=oid, ws=ws, sysid=sysid, upd=0.1)
                    if R.random() < 0.3:
                        for n in self.nom_of_occ(oid, tt)[:1]:
                            tt = e_nom(s["sid"], tt, n, ws, sysid, search=False)
        # MARAC meetings: monthly, PPU and MASH review a list of high-risk DA victims
        marac_days = [di for di in range(self.D) if self.day_date(di).weekday() == 2 and self.day_date(di).day <= 7]
        ppl = [s["sid"] for s in self.staff if s["segs"][0]["role"] in ("ppu_dc", "ppu_ds", "mash")]
        for di in marac_days:
            victims = [v for v, t in self.da_referrals if t < self.L0 + di * 86400] + \
                      [self.pp("da_f", R.choice(DISTRICTS)) for _ in range(R.randint(15, 30))]
            R.shuffle(victims)
            for v in victims[:40]:
                for sid in R.sample(ppl, min(len(ppl), R.randint(1, 3))):
                    tt = self.duty_slot(sid, self.l2u(self.L0 + di * 86400 + 8 * 3600), self.l2u(self.L0 + di * 86400 + 18 * 3600))
                    if tt:
                        tt = self.e_nom(sid, tt, v, self.desk(sid), search=R.random() < 0.4)
                        for o in self.hist_of(v)[-2:]:
                            tt = self.e_occ(sid, tt, o, self.desk(sid), tabs=False)

    def cust_sample_past(self, t, days, suite, k):
        if k <= 0:
            return []
        i1 = bisect.bisect_left(self.cust_t, t - 86400)
        i0 = bisect.bisect_left(self.cust_t, t - days * 86400)
        out = []
        for _ in range(k * 3):
            if i1 <= i0:
                break
            cid = self.cust_ids[self.R.randrange(i0, i1)]
            x = self.cust_of[cid]
            if x[1] == suite and x[3] < t:
                out.append((cid, x))
                if len(out) >= k:
                    break
        return out

    def cust_sample(self, a, b, k, suite=None):
        i1 = bisect.bisect_left(self.cust_t, b)
        i0 = bisect.bisect_left(self.cust_t, a - 24 * 3600)
        out = []
        for i in range(i0, i1):
            cid = self.cust_ids[i]
            n, su, tc, tr, oid = self.cust_of[cid]
            if tr > a and tc < b and (suite is None or su == suite):
                out.append((cid, self.cust_of[cid]))
        self.R.shuffle(out)
        return out[:k]

    # ------------------------------------------------------------------ generic login
    def shared_login(self):
        R = self.R
        days = [di for di in range(self.D) if self.day_date(di).weekday() < 5]
        if not days:
            return
        st = R.choice(days[: max(1, len(days) - 3)])
        for di in range(st, st + 3):
            for _ in range(R.randint(40, 90)):
                t = self.l2u(self.L0 + di * 86400 + int(R.uniform(9.5, 16) * 3600))
                n = self.pp("gen", R.choice(DISTRICTS))
                self.e_nom("TRAINING03", t, n, "PC-HQ-TRN%02d" % R.randint(1, 12), search=True)

    # ------------------------------------------------------------------ abusers
    def offduty_time(self, sid, lo, hi, evening=True):
        R = self.R
        for _ in range(60):
            di = R.randint(max(0, self.lday(lo)), max(0, min(self.D - 1, self.lday(hi))))
            if evening and R.random() < 0.8:
                h = R.choice([18, 19, 20, 20, 21, 21, 22, 22, 23, 23, 0, 1]) + R.random()
            else:
                h = R.uniform(9, 18)
            t = self.l2u(self.L0 + di * 86400 + int(h * 3600) + (86400 if h < 3 else 0))
            if lo <= t < hi and t < self.T1 and not self.on_duty(sid, t, 3600):
                return t
        return None

    def in_roster(self, sid, t):
        L = self.by_sid[sid]["roster"]
        i = bisect.bisect_right(L, (t, 1e18)) - 1
        return i >= 0 and L[i][0] <= t < L[i][1]

    def onduty_time(self, sid, lo, hi, night=False, strict=False):
        """A time inside one of sid's worked duties (strict: also inside the published roster)."""
        for _ in range(40):
            t = self.duty_slot(sid, lo, hi, margin=1200)
            if t is None:
                return None
            if strict and not self.in_roster(sid, t):
                continue
            h = self.lhour(t)
            if not night or h >= 23 or h < 5:
                return t
        return None if strict else self.duty_slot(sid, lo, hi, margin=1200)

    def cands(self, roles, male=True, exclude=()):
        out = []
        for s in self.staff:
            seg = s["segs"][0]
            if seg["role"] in roles and len(s["segs"]) == 1 and s["left"] is None and s["sid"] not in exclude \
                    and (not male or s["sex"] == "M") and len(s["duties"]) >= 8:
                out.append(s)
        self.R.shuffle(out)
        return out

    def young_woman(self, d, need, age=(18, 36), exclude=()):
        R = self.R
        pool = [n for n in range(self.NE) if self.sexL[n] == 1 and age[0] <= self.ageL[n] <= age[1]
                and (self.bitsL[n] & need) and (d is None or self.distL[n] == DISTRICTS.index(d)) and n not in exclude]
        return R.choice(pool) if pool else None

    def a_look(self, ab, sid, t, n, sysid, ws, occ_p=0.25, loc_p=0.08, search=True, tabs=True):
        """One abusive session on target n."""
        R = self.R
        t = self.e_nom(sid, t, n, ws, sysid, tag=ab, search=search, tabs=tabs)
        if R.random() < occ_p:
            h = self.hist_of(n)
            if h:
                t = self.e_occ(sid, t, R.choice(h[-3:]), ws, "RMS" if sysid != "MOB" else "MOB", tag=ab, tabs=tabs)
        if R.random() < loc_p:
            self.ev((t, sysid if sysid in ("RMS", "MOB") else "RMS", sid, "view", "location", self.loc(n), "", ws, ab))
            t += R.uniform(20, 120)
        return t

    def make_abusers(self):
        R = self.R
        nab = max(1, int(round(self.N / 115.0)))
        k0 = (self.a.seed * nab) % len(PATTERNS)
        chosen = [PATTERNS[(k0 + i) % len(PATTERNS)] for i in range(nab)]
        self.abusers = []
        used = set()
        for pat in chosen:
            ab = len(self.abusers)
            rec = getattr(self, "ab_" + pat)(ab, used)
            if rec:
                used.add(rec["staff_id"])
                rec["pattern"] = pat
                self.abusers.append(rec)

    def inject_contact(self, sid, cat, target, lo_day, hi_day, how="attend", extra=None):
        """Create an occurrence where sid legitimately meets target (on a duty)."""
        R = self.R
        s = self.by_sid[sid]
        seg = s["segs"][0]
        d = DISTRICTS[self.distL[target]] if self.distL[target] < 5 else (seg["dist"] if seg["dist"] in DISTRICTS else "CAR")
        for _ in range(40):
            lo = self.T0 + lo_day * 86400; hi = self.T0 + hi_day * 86400
            t = self.duty_slot(sid, lo, hi, margin=3 * 3600)
            if t is not None:
                break
        if t is None:
            return None, None
        forced = {"victim": target}
        if extra:
            forced.update(extra)
        if how == "attend":
            forced["attend"] = [sid]
            t0 = t - R.uniform(10, 40) * 60
            forced["ta"] = t
        elif how == "call":
            forced["ch"] = sid
            forced["caller_is_victim"] = True
            t0 = t
        else:
            t0 = t
        oid = self.occurrence(t0, d, cat, forced)
        return oid, t

    def ab_da_attender_offduty(self, ab, used):
        R = self.R
        for s in self.cands(["resp_pc"], exclude=used):
            n = self.young_woman(None, B_DA, (19, 34))
            if n is None:
                return None
            sid = s["sid"]
            oid, t = self.inject_contact(sid, "domestic_abuse", n, 2, self.D * 0.3, "attend", {"owner": "ppu"})
            if oid is None:
                continue
            start = t + R.uniform(4, 12) * 86400
            k = R.randint(14, 26)
            for i in range(k):
                if R.random() < 0.7:
                    tt = self.offduty_time(sid, start, self.T1)
                    ws, sysid = s["device"], "MOB"
                else:
                    tt = self.onduty_time(sid, start, self.T1)
                    ws, sysid = (self.desk(sid), "RMS") if R.random() < 0.5 else (s["device"], "MOB")
                if tt is None:
                    continue
                tt = self.a_look(ab, sid, tt, n, sysid, ws, occ_p=0.3, loc_p=0.12, search=R.random() < 0.6)
                if i == k // 2 and sysid == "RMS" and R.random() < 0.5:
                    self.ev((tt, "RMS", sid, "print", "nominal", self.nid[n], "", ws, ab))
            return {"staff_id": sid, "targets": [self.nid[n]], "contact_occurrence": oid,
                    "notes": "attended DA incident (recorded attending, another officer OIC); keeps viewing the victim for weeks, ~70% off duty on phone app, sometimes her address/occurrences"}

    def ab_custody_after_release(self, ab, used):
        R = self.R
        for s in self.cands(["cus_sgt", "dto"], exclude=used):
            sid = s["sid"]
            suite = s["segs"][0]["dist"]
            dists = [k for k, v in SUITE_OF.items() if v == suite]
            n = None
            for _ in range(20):
                n = self.young_woman(R.choice(dists), B_SM | B_MH | B_ARR, (18, 29))
                if n is not None:
                    break
            if n is None:
                return None
            tc = self.onduty_time(sid, self.T0 + 2 * 86400, self.T0 + self.D * 0.35 * 86400)
            if tc is None:
                continue
            d = DISTRICTS[self.distL[n]]
            forced = {"suspect": n, "victim": None, "attend": [self.pick(["resp_pc"], d, tc - 5400) or self.pick(["resp_pc"], "CAR", tc - 5400)],
                      "ta": tc - R.uniform(40, 80) * 60, "arrest": True, "custody_hours": R.uniform(6, 14)}
            if forced["attend"][0] is None:
                continue
            if s["segs"][0]["role"] == "cus_sgt":
                forced["cus_sgt"] = sid
            else:
                forced["dto"] = sid
                forced["cus_sgt"] = self.pick(["cus_sgt"], suite, tc)
            forced["ta"] = tc - 3600
            cat = R.choice(["public_order", "drugs", "shoplifting"])
            oid = self.occurrence(forced["ta"] - R.uniform(10, 30) * 60, d, cat, forced)
            cid = [c for c in self.custody if c[1] == n][-1]
            trel = cid[5]
            start = trel + R.uniform(1, 8) * 86400
            k = R.randint(8, 16)
            for i in range(k):
                if R.random() < 0.65:
                    tt = self.onduty_time(sid, start, self.T1, night=True)
                    ws = "CUS-%s-%02d" % (suite, R.randint(1, 8)); sysid = "RMS"
                else:
                    tt = self.offduty_time(sid, start, self.T1)
                    ws, sysid = s["device"], "MOB"
                if tt is None:
                    continue
                tt = self.a_look(ab, sid, tt, n, sysid, ws, occ_p=0.35, loc_p=0.1, search=R.random() < 0.5)
                if sysid == "RMS" and R.random() < 0.3:
                    self.ev((tt + R.uniform(20, 90), "CUS", sid, "view", "custody", cid[0], "", ws, ab))
                if sysid == "RMS" and R.random() < 0.2:
                    self.e_nom(sid, tt + 120, n, ws, "PNC", tag=ab)
            return {"staff_id": sid, "targets": [self.nid[n]], "contact_custody": cid[0], "contact_occurrence": oid,
                    "notes": "dealt with a young woman in custody (booking sgt or detention officer); after release keeps looking her up, mostly on quiet night shifts, some off duty, occasionally re-opens her custody record"}

    def ab_area_trawler(self, ab, used):
        R = self.R
        for s in self.cands(["resp_pc", "nh_pc", "roads_pc"], exclude=used):
            if not s["home"]:
                continue
            sid = s["sid"]; home = s["home"]
            hi = DISTRICTS.index(home)
            pool = [n for n in range(self.NE) if self.sexL[n] == 1 and 18 <= self.ageL[n] <= 33 and self.distL[n] == hi
                    and self.bitsL[n] & (B_DA | B_SO | B_MH | B_SM | B_SW | B_VA)]
            if len(pool) < 30:
                continue
            targets = R.sample(pool, R.randint(22, 40))
            i = 0
            tgt_used = []
            while i < len(targets):
                if R.random() < 0.6:
                    tt = self.onduty_time(sid, self.T0 + 86400, self.T1)
                    ws, sysid = (self.desk(sid), "RMS") if R.random() < 0.6 else (s["device"], "MOB")
                else:
                    tt = self.offduty_time(sid, self.T0 + 86400, self.T1)
                    ws, sysid = s["device"], "MOB"
                if tt is None:
                    break
                # broad search that returns a list, then opens one to three women
                lo_ = R.choice([16, 18, 18, 20]); hi_ = lo_ + R.choice([10, 12, 15])
                if sysid == "RMS":
                    q = R.choice(["forename=%s*;sex=F;yob=%d-%d" % (R.choice(FN_F)[:R.randint(1, 3)], self.sd.year - hi_, self.sd.year - lo_),
                                  "sex=F;age=%d-%d;district=%s" % (lo_, hi_, home),
                                  "surname=*;sex=F;address=*%s*" % R.choice(TOWNS[home])])
                else:
                    q = "%s F %d-%d" % (R.choice(TOWNS[home]), lo_, hi_)
                self.ev((tt, sysid, sid, "search", "nominal", "", q, ws, ab))
                tt += R.uniform(10, 60)
                for _ in range(R.randint(1, 3)):
                    if i >= len(targets):
                        break
                    n = targets[i]; i += 1
                    tgt_used.append(n)
                    tt = self.a_look(ab, sid, tt, n, sysid, ws, occ_p=0.2, loc_p=0.05, search=False)
                    if R.random() < 0.15:
                        tt = self.a_look(ab, sid, tt + R.uniform(30, 300), n, sysid, ws, occ_p=0, loc_p=0, search=False)
            return {"staff_id": sid, "targets": [self.nid[n] for n in tgt_used],
                    "notes": "broad searches for young women with vulnerability markers in his home district, opens each once or twice; ~60% on duty; no link to any of them"}

    def ab_call_handler_caller(self, ab, used):
        R = self.R
        for s in self.cands(["ch"], exclude=used):
            sid = s["sid"]
            n = self.young_woman(None, B_MH | B_DA | B_SO | B_SM, (18, 32))
            if n is None:
                return None
            cat = R.choice(["concern_for_welfare", "domestic_abuse", "harassment"])
            oid, t = self.inject_contact(sid, cat, n, 1, self.D * 0.3, "call")
            if oid is None:
                continue
            start = t + R.uniform(2, 7) * 86400
            for i in range(R.randint(6, 14)):
                tt = self.onduty_time(sid, start, self.T1, night=R.random() < 0.6, strict=True)
                if tt is None:
                    continue
                ws = "CR-POS-%02d" % R.randint(1, 40)
                if R.random() < 0.4:
                    self.ev((tt, "CAD", sid, "search", "nominal", "", self.tel(n), ws, ab))
                    tt += R.uniform(10, 60)
                if R.random() < 0.35:
                    self.ev((tt, "CAD", sid, "view", "occurrence", oid, "", ws, ab))
                    tt += R.uniform(20, 120)
                tt = self.a_look(ab, sid, tt, n, "RMS", ws, occ_p=0.25, loc_p=0.05, search=R.random() < 0.7)
            return {"staff_id": sid, "targets": [self.nid[n]], "contact_occurrence": oid,
                    "notes": "call handler took her call (recorded call_handler); later looks her up only while on shift (mostly nights) in RMS and by phone number in CAD - timing does not stand out"}

    def ab_pcso_sex_workers(self, ab, used):
        R = self.R
        cs = [s for s in self.cands(["pcso"], exclude=used) if s["segs"][0]["dist"] != "CAR"] + \
             [s for s in self.cands(["pcso"], exclude=used) if s["segs"][0]["dist"] == "CAR"]
        for s in cs:
            sid = s["sid"]
            pool = [n for n in range(self.NE) if self.bitsL[n] & B_SW]
            if len(pool) < 8:
                return None
            tg = R.sample(pool, R.randint(6, 11))
            for n in tg:
                for _ in range(R.choice([1, 1, 2, 2, 3, 4])):
                    if R.random() < 0.55:
                        tt = self.offduty_time(sid, self.T0 + 86400, self.T1)
                        ws, sysid = s["device"], "MOB"
                    else:
                        tt = self.onduty_time(sid, self.T0 + 86400, self.T1)
                        ws, sysid = (s["device"], "MOB") if R.random() < 0.5 else (self.desk(sid), "RMS")
                    if tt is None:
                        continue
                    self.a_look(ab, sid, tt, n, sysid, ws, occ_p=0.25, loc_p=0.1, search=R.random() < 0.7)
            return {"staff_id": sid, "targets": [self.nid[n] for n in tg],
                    "notes": "PCSO (usually outside Carrow, so not on Op Lantern) repeatedly looks up street sex workers, mostly in Carrow; half off duty from phone"}

    def ab_in_shift_slow_burn(self, ab, used):
        R = self.R
        for s in self.cands(["resp_pc"], exclude=used):
            sid = s["sid"]
            n = self.young_woman(None, B_SO | B_DA, (18, 30))
            if n is None:
                return None
            cat = "sexual_offence" if self.bitsL[n] & B_SO else "domestic_abuse"
            oid, t = self.inject_contact(sid, cat, n, 1, self.D * 0.2, "attend", {"owner": "attending", "oic_sessions": 3})
            if oid is None:
                continue
            te = max([x[4] for x in self.occ_staff if x[0] == oid and x[1] == sid] + [t + 7 * 86400])
            start = te + R.uniform(1, 5) * 86400
            k = R.randint(8, 14)
            for i in range(k):
                tt = self.onduty_time(sid, start, self.T1, strict=True)
                if tt is None:
                    continue
                ws = self.desk(sid) if R.random() < 0.7 else s["device"]
                sysid = "RMS" if ws.startswith("PC") else "MOB"
                if R.random() < 0.4:
                    self.e_occ(sid, tt, oid, ws, sysid, tag=ab)
                else:
                    self.a_look(ab, sid, tt, n, sysid, ws, occ_p=0.2, loc_p=0.0, search=False)
            return {"staff_id": sid, "targets": [self.nid[n]], "contact_occurrence": oid,
                    "notes": "was OIC of her case (recorded, with an end date); after the tasking ends he keeps opening her record/occurrence, only ever on duty, without searching (recent items)"}

    def ab_occurrence_reader(self, ab, used):
        R = self.R
        for s in self.cands(["roads_pc", "nh_pc", "resp_pc"], exclude=used):
            if not s["home"]:
                continue
            sid = s["sid"]
            hi = DISTRICTS.index(s["home"])
            pool = [n for n in range(self.NE) if self.sexL[n] == 1 and 19 <= self.ageL[n] <= 38 and self.distL[n] == hi
                    and self.bitsL[n] & B_DA and len(self.hist_of(n)) >= 2]
            if not pool:
                continue
            n = R.choice(pool)
            occs = self.hist_of(n)[-4:]
            k = R.randint(10, 20)
            nnom = R.randint(1, 2)
            for i in range(k):
                if R.random() < 0.5:
                    tt = self.offduty_time(sid, self.T0 + 86400, self.T1)
                    ws, sysid = s["device"], "MOB"
                else:
                    tt = self.onduty_time(sid, self.T0 + 86400, self.T1)
                    ws, sysid = self.desk(sid), "RMS"
                if tt is None:
                    continue
                if i < nnom:
                    self.a_look(ab, sid, tt, n, sysid, ws, occ_p=0, loc_p=0, search=True)
                else:
                    o = R.choice(occs)
                    if R.random() < 0.4:
                        self.ev((tt, sysid, sid, "search", "occurrence", "", "location=%s" % self.addr(n), ws, ab))
                        tt += R.uniform(10, 40)
                    self.e_occ(sid, tt, o, ws, sysid, tag=ab)
            return {"staff_id": sid, "targets": [self.nid[n]], "target_occurrences": occs,
                    "notes": "DA victim living in his home district, no tasking; reads her occurrences (found by address search) rather than her person record (only 1-2 nominal views); half off duty"}

    def ab_handful(self, ab, used):
        R = self.R
        for s in self.cands(["resp_pc", "nh_pc"], exclude=used):
            sid = s["sid"]
            d = s["segs"][0]["dist"]
            n = self.young_woman(d, B_MH | B_VA, (19, 40))
            if n is None:
                continue
            oid, t = self.inject_contact(sid, "concern_for_welfare", n, 1, self.D * 0.4, "attend", {"owner": "none"})
            if oid is None:
                continue
            k = R.randint(3, 5)
            start = t + R.uniform(6, 14) * 86400
            for i in range(k):
                if i == 0:
                    tt = self.offduty_time(sid, start, self.T1)
                    ws, sysid = s["device"], "MOB"
                else:
                    tt = self.onduty_time(sid, start, self.T1)
                    ws, sysid = s["device"], "MOB"
                if tt is None:
                    continue
                self.a_look(ab, sid, tt, n, sysid, ws, occ_p=0, loc_p=0, search=R.random() < 0.5)
            return {"staff_id": sid, "targets": [self.nid[n]], "contact_occurrence": oid,
                    "notes": "attended a concern-for-welfare call for a young woman with mental-health marker; only 3-5 looks in total weeks later, one off duty"}

    def ab_analyst_fixation(self, ab, used):
        R = self.R
        for s in self.cands(["analyst", "researcher"], exclude=used):
            sid = s["sid"]
            n = self.young_woman(None, B_SO, (18, 33))
            if n is None:
                return None
            for i in range(R.randint(8, 14)):
                if R.random() < 0.85:
                    tt = self.onduty_time(sid, self.T0 + 86400, self.T1)
                    ws = self.desk(sid)
                else:
                    tt = self.offduty_time(sid, self.T0 + 86400, self.T1)
                    ws = s["laptop"]
                if tt is None:
                    continue
                if R.random() < 0.5:
                    tt = self.e_intel(sid, tt, n, ws, tag=ab)
                self.a_look(ab, sid, tt, n, "RMS", ws, occ_p=0.45, loc_p=0.05, search=R.random() < 0.6)
            return {"staff_id": sid, "targets": [self.nid[n]],
                    "notes": "intelligence analyst whose job is broad searching; repeatedly opens one sexual-offence victim and her intel/occurrences, nearly all in office hours"}

    def ab_supervisor_cover(self, ab, used):
        R = self.R
        for s in self.cands(["resp_sgt"], exclude=used):
            sid = s["sid"]; d = s["segs"][0]["dist"]
            pool = [(t0, o) for (t0, dd, o, c) in self.recent if dd == d and c == "domestic_abuse" and t0 < self.T0 + self.D * 0.4 * 86400]
            R.shuffle(pool)
            pick = None
            for t0, o in pool:
                vs = [n for n, r in self.occ_noms[o] if r == "victim" and self.sexL[n] == 1 and 18 <= self.ageL[n] <= 36
                      and self.n_ctime[n] is not None and self.n_ctime[n] <= t0 + 86400]
                if vs and not any(x[0] == o and x[1] == sid for x in self.occ_staff):
                    pick = (t0, o, vs[0]); break
            if not pick:
                continue
            t0, o, n = pick
            start = t0 + R.uniform(2, 6) * 86400
            for i in range(R.randint(8, 15)):
                if R.random() < 0.55:
                    tt = self.onduty_time(sid, start, self.T1)
                    ws, sysid = self.desk(sid), "RMS"
                else:
                    tt = self.offduty_time(sid, start, self.T1)
                    ws, sysid = s["device"], "MOB"
                if tt is None:
                    continue
                if R.random() < 0.5:
                    tt = self.e_occ(sid, tt, o, ws, sysid, tag=ab, upd=0.0)
                self.a_look(ab, sid, tt, n, sysid, ws, occ_p=0.2, loc_p=0.08, search=R.random() < 0.4)
            return {"staff_id": sid, "targets": [self.nid[n]], "contact_occurrence": o,
                    "notes": "response sergeant 'reviewing' a DA occurrence from his district that another team handled (not his supervision); repeated views of the victim and the occurrence, on and off duty"}

    # ------------------------------------------------------------------ writing
    def fmt_ts(self, ts, style):
        ts = np.asarray(ts, dtype=np.float64)
        if style in ("local", "localoff"):
            offs = np.zeros(len(ts))
            for a, b in self.bst:
                offs[(ts >= a) & (ts < b)] = 3600
            loc = ts + offs
        else:
            loc = ts
        if style == "zms":
            s = np.datetime_as_string((loc * 1000).astype(np.int64).astype("datetime64[ms]"), unit="ms")
            return np.char.add(s, "Z").tolist()
        s = np.datetime_as_string(np.floor(loc).astype(np.int64).astype("datetime64[s]"), unit="s")
        if style == "z":
            return np.char.add(s, "Z").tolist()
        if style == "local":
            return s.tolist()
        if style == "localoff":
            return np.char.add(s, np.where(offs > 0, "+01:00", "+00:00")).tolist()
        raise ValueError(style)

    def build_remap(self):
        """Renumber identifiers allocated during simulation so that they follow time order,
        as a real system's sequence numbers would (injected records must not stand out)."""
        M = {}
        yy = self.sd.year % 100
        seq = {}
        for o in sorted(self.occ, key=lambda o: self.occ[o][1]):
            t = self.occ[o][1]
            y = (date(1970, 1, 1) + timedelta(seconds=int(t + self.off(t)))).year % 100
            k = seq[y] = seq.get(y, 0) + 1
            M[o] = "OC%02d-%06d" % (y, k)
        newn = sorted((n for n in range(self.NE, self.next_new) if self.n_ctime[n] is not None), key=lambda n: self.n_ctime[n])
        for i, n in enumerate(newn):
            M[self.nid[n]] = "PN%07d" % (8000000 + i)
        for i, c in enumerate(sorted(self.custody, key=lambda x: x[4])):
            suite = c[0].split("-")[1]
            M[c[0]] = "CU-%s-%02d-%05d" % (suite, yy, i + 1)
        self.M = M
        return M

    def write(self):
        M = self.build_remap()
        mget = M.get
        out = os.path.join(self.a.out, "package")
        os.makedirs(out, exist_ok=True)
        for f in os.listdir(out):
            os.remove(os.path.join(out, f))
        files = {}

        def wcsv(name, header, rows):
            p = os.path.join(out, name)
            n = 0
            with open(p, "w", newline="", encoding="utf-8") as fh:
                w = csv.writer(fh, lineterminator="\n")
                w.writerow(header)
                for r in rows:
                    w.writerow(r); n += 1
            files[name] = n

        def dstr(d):
            return d.isoformat() if d else ""
        # staff
        wcsv("staff.csv", ["staff_id", "name", "staff_type", "rank", "sex", "home_district", "joined", "left"],
             [(s["sid"], s["name"], s["stype"], s["rank"], s["sex"], s["home"], dstr(s["joined"]), dstr(s["left"]))
              for s in self.staff])
        prow = []
        for s in self.staff:
            prev_role = None
            for seg in s["segs"]:
                rk = RK[seg["role"]]
                prow.append((s["sid"], rk[1], rk[2], seg["team"], seg["dist"] if seg["dist"] in DISTRICTS else
                             ("" if seg["dist"] == "HQ" else seg["dist"]), rk[8], dstr(seg["start"]), dstr(seg["end"])))
        wcsv("postings.csv", ["staff_id", "unit", "role", "team", "district", "vetting_level_required", "start", "end"], prow)
        sh = sorted(self.shifts, key=lambda x: (x[1], x[0]))
        lst = self.fmt_ts([x[1] for x in sh], "local"); lse = self.fmt_ts([x[2] for x in sh], "local")
        wcsv("shifts.csv", ["staff_id", "start", "end"], ((x[0], a, b) for x, a, b in zip(sh, lst, lse)))
        wcsv("systems.csv", ["system_id", "name", "category", "audit_feed", "notes"], SYSTEMS)
        # nominals
        nrows = []
        nused = self.next_new
        for n in range(nused):
            if self.n_ctime[n] is None:
                continue
            b = self.bitsL[n]
            mk = ";".join(k for k, v in MK.items() if b & v)
            sx = "F" if self.sexL[n] == 1 else "M" if self.sexL[n] == 0 else "U"
            dd = self.distL[n]
            nrows.append((mget(self.nid[n], self.nid[n]), sx, self.byL[n], DISTRICTS[dd] if dd < 5 else "", mk))
        wcsv("nominals.csv", ["nominal_id", "sex", "birth_year", "district", "markers"], nrows)
        # occurrences
        oids = list(self.occ.keys())
        op = self.fmt_ts([self.occ[o][1] for o in oids], "local")
        cl = self.fmt_ts([self.occ[o][2] if self.occ[o][2] else 0 for o in oids], "local")
        wcsv("occurrences.csv", ["occurrence_id", "category", "opened", "closed", "district", "created_by"],
             ((mget(o, o), self.occ[o][0], op[i], cl[i] if self.occ[o][2] else "", self.occ[o][3], self.occ[o][4])
              for i, o in enumerate(oids)))
        seen = set(); on = []
        for o, n, r in self.occ_nom:
            if (o, n, r) in seen or self.n_ctime[n] is None:
                continue
            seen.add((o, n, r)); on.append((mget(o, o), mget(self.nid[n], self.nid[n]), r))
        wcsv("occurrence_nominals.csv", ["occurrence_id", "nominal_id", "role"], on)
        os_ = sorted(self.occ_staff, key=lambda x: x[3])
        s1 = self.fmt_ts([x[3] for x in os_], "z"); s2 = self.fmt_ts([x[4] if x[4] else 0 for x in os_], "z")
        wcsv("occurrence_staff.csv", ["occurrence_id", "staff_id", "role", "start", "end"],
             ((mget(x[0], x[0]), x[1], x[2], s1[i], s2[i] if x[4] else "") for i, x in enumerate(os_)))
        cu = sorted(self.custody, key=lambda x: x[4])
        c1 = self.fmt_ts([x[4] for x in cu], "localoff"); c2 = self.fmt_ts([x[5] for x in cu], "localoff")
        wcsv("custody.csv", ["custody_id", "nominal_id", "staff_id", "suite", "booked_in", "released"],
             ((mget(x[0], x[0]), mget(self.nid[x[1]], self.nid[x[1]]), x[2], x[3], c1[i], c2[i] if x[5] < self.T1 else "") for i, x in enumerate(cu)))
        # vetting
        R = self.R
        vrows = []
        for s in self.staff:
            req = RK[s["segs"][-1]["role"]][8]
            lvl = req if R.random() < 0.85 else {"RV": "RV", "NPPV1": "NPPV2", "NPPV2": "NPPV3", "NPPV3": "NPPV3"}[req]
            g = self.sd - timedelta(days=R.randint(30, 3400))
            exp = g + timedelta(days=365 * (10 if lvl in ("NPPV3", "SC") else 7 if lvl != "RV" else 3))
            status = "active" if exp > self.ed else "lapsed"
            if R.random() < 0.003:
                status = "withdrawn"
            vrows.append((s["sid"], lvl, g.isoformat(), exp.isoformat(), status))
        wcsv("vetting.csv", ["staff_id", "level", "granted", "expires", "status"], vrows)
        # circumstance changes and historical allegations (weak background signals)
        crow = []; arow = []
        cats = ["misuse_of_systems", "abuse_of_authority", "sexual_misconduct", "inappropriate_association",
                "disclosure_of_information", "other", "apsp", "drugs", "theft_fraud"]
        outs = ["no_case_to_answer", "reflective_practice", "management_action", "written_warning",
                "no_further_action", "no_case_to_answer", "reflective_practice"]
        ab_ids = {a["staff_id"] for a in self.abusers}
        k = 0
        for s in self.staff:
            if R.random() < 0.05:
                crow.append((s["sid"], (self.sd - timedelta(days=R.randint(1, 900))).isoformat(),
                             R.choice(["relationship", "address", "financial", "association", "other"]), ""))
            p = 0.03 + (0.25 if s["sid"] in ab_ids else 0)
            if R.random() < p:
                k += 1
                rcv = self.sd - timedelta(days=R.randint(60, 2000))
                oc = R.choice(outs)
                arow.append(("AL%05d" % (1000 + k), s["sid"], rcv.isoformat(), R.choice(cats),
                             R.choice(["public complaint", "colleague", "audit", "anonymous"]), "",
                             "", oc, (rcv + timedelta(days=R.randint(20, 200))).isoformat()))
        wcsv("circumstance_changes.csv", ["staff_id", "reported", "kind", "notes"], crow)
        wcsv("allegations.csv", ["allegation_id", "staff_id", "received", "category", "source", "victim_markers",
                                 "referred_to_iopc", "outcome", "outcome_date"], arow)
        # access events, one or more files per system, event ids unique across the package
        EV = [e for e in self.EV if self.T0 <= e[0] < self.T1]
        self.n_dropped = len(self.EV) - len(EV)
        EV.sort(key=lambda e: e[0])
        styles = {"RMS": "zms", "MOB": "z", "CAD": "local", "CUS": "localoff", "PNC": "z", "IMS": "local"}
        prefix = {"RMS": "ORN", "MOB": "MOB", "CAD": "BCN", "CUS": "CUS", "PNC": "PNC", "IMS": "IMS"}
        by = {k: [] for k in styles}
        for e in EV:
            by[e[1]].append(e)
        truth = {}
        hdr = ["event_id", "system_id", "staff_id", "ts", "action", "entity_type", "entity_id", "query", "workstation"]
        self.ev_counts = {}
        for sysid, L in by.items():
            tsf = self.fmt_ts([e[0] for e in L], styles[sysid])
            ids = ["%s%09d" % (prefix[sysid], 100000 + i) for i in range(len(L))]
            if sysid == "RMS":
                # split by calendar month of the UTC timestamp
                groups = {}
                for i, e in enumerate(L):
                    groups.setdefault(tsf[i][:7], []).append(i)
                parts = [("access_events_rms_%s.csv" % m.replace("-", ""), ix) for m, ix in sorted(groups.items())]
            else:
                parts = [("access_events_%s.csv" % sysid.lower(), range(len(L)))]
            cadday = {}
            rows = []
            for i, e in enumerate(L):
                eid = e[5]; q = e[6]
                if eid:
                    if eid.startswith("CAD-"):
                        ne = M.get(eid)
                        if ne is None:
                            day = eid[4:10]
                            k = cadday[day] = cadday.get(day, 0) + 1
                            ne = M[eid] = "CAD-%s-%05d" % (day, k)
                        eid = ne
                    else:
                        eid = mget(eid, eid)
                if q.startswith("ref="):
                    q = "ref=" + mget(q[4:], q[4:])
                rows.append((ids[i], sysid, e[2], tsf[i], e[3], e[4], eid, q, e[7]))
            for name, ix in parts:
                wcsv(name, hdr, (rows[i] for i in ix))
            self.ev_counts[sysid] = len(L)
            for i, e in enumerate(L):
                if e[8] >= 0:
                    truth.setdefault(e[8], []).append(ids[i])
        manifest = {"fdp_version": 1, "force": {"code": FORCE_CODE, "name": FORCE_NAME}, "timezone": "Europe/London",
                    "period": {"start": self.sd.isoformat(), "end": self.ed.isoformat()}, "files": {}}
        for name, n in sorted(files.items()):
            h = hashlib.sha256()
            with open(os.path.join(out, name), "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    h.update(chunk)
            manifest["files"][name] = {"rows": n, "sha256": h.hexdigest()}
        with open(os.path.join(out, "manifest.json"), "w") as fh:
            json.dump(manifest, fh, indent=2)
        tr = {"force": FORCE_CODE, "seed": self.a.seed, "days": self.D, "abusers": []}
        for i, a in enumerate(self.abusers):
            rec = {"staff_id": a["staff_id"], "pattern": a["pattern"], "event_ids": truth.get(i, [])}
            for k2, v in a.items():
                if k2 not in rec:
                    rec[k2] = [mget(x, x) for x in v] if isinstance(v, list) else mget(v, v) if isinstance(v, str) else v
            tr["abusers"].append(rec)
        with open(os.path.join(self.a.out, "package.truth.json"), "w") as fh:
            json.dump(tr, fh, indent=1)
        self.files = files
        rec = sum(v[0] for k, v in self.task_stats.items() if not k.startswith("_"))
        unrec = sum(v[1] for k, v in self.task_stats.items() if not k.startswith("_"))
        stats = {"tasks_recorded_vs_unrecorded": self.task_stats,
                 "share_of_tasked_assignments_without_record": round(unrec / max(1, rec + unrec), 3),
                 "events_per_system": self.ev_counts}
        with open(os.path.join(self.a.out, "package.stats.json"), "w") as fh:
            json.dump(stats, fh, indent=1)
        self.stats = stats
        return out

    # ------------------------------------------------------------------ run
    def run(self):
        t_start = time.time()
        self.setup_time()
        self.cadseq = 0
        self.build_staff()
        self.build_duties()
        exp_occ = int(self.N * 0.34 * self.D * 1.05)
        self.build_nominals(int(exp_occ * 0.9) + 2000)
        self.build_history()
        self.simulate_occurrences()
        self.custody.sort(key=lambda x: x[4])
        self.cust_ids = [c[0] for c in self.custody]
        self.cust_t = [c[4] for c in self.custody]
        self.make_abusers()
        self.custody.sort(key=lambda x: x[4])
        self.cust_ids = [c[0] for c in self.custody]
        self.cust_t = [c[4] for c in self.custody]
        self.recent.sort(); self.recent_t = [x[0] for x in self.recent]
        self.background()
        self.shared_login()
        t_sim = time.time()
        out = self.write()
        t_end = time.time()
        print("generated %d events (%d outside period dropped) in %.1fs sim + %.1fs write" %
              (len(self.EV) - self.n_dropped, self.n_dropped, t_sim - t_start, t_end - t_sim), file=sys.stderr)
        return out


# ---------------------------------------------------------------------- validation
ENUMS = {
    "staff.csv": {"staff_type": {"officer", "special_constable", "pcso", "staff", "volunteer"}},
    "systems.csv": {"audit_feed": {"yes", "no"}},
    "occurrence_nominals.csv": {"role": {"victim", "suspect", "witness", "caller", "other"}},
    "occurrence_staff.csv": {"role": {"oic", "attending", "investigator", "supervisor", "call_handler",
                                      "safeguarding", "court_prep", "other"}},
    "vetting.csv": {"level": {"RV", "NPPV1", "NPPV2", "NPPV3", "MV", "SC", "DV"},
                    "status": {"active", "lapsed", "withdrawn", "refused", ""}},
    "circumstance_changes.csv": {"kind": {"relationship", "address", "financial", "association", "criminal", "other"}},
    "access_events": {"action": {"search", "view", "update", "create", "print", "export"},
                      "entity_type": {"nominal", "occurrence", "custody", "intelligence", "vehicle", "location", "other"}},
}
REQ = {
    "staff.csv": ["staff_id", "staff_type"], "postings.csv": ["staff_id", "unit", "start"],
    "shifts.csv": ["staff_id", "start", "end"], "systems.csv": ["system_id"], "nominals.csv": ["nominal_id"],
    "occurrences.csv": ["occurrence_id", "opened"], "occurrence_nominals.csv": ["occurrence_id", "nominal_id", "role"],
    "occurrence_staff.csv": ["occurrence_id", "staff_id", "role", "start"],
    "custody.csv": ["custody_id", "nominal_id", "staff_id", "booked_in"],
    "access_events": ["event_id", "system_id", "staff_id", "ts", "action", "entity_type"],
    "vetting.csv": ["staff_id", "level", "granted"], "circumstance_changes.csv": ["staff_id", "reported", "kind"],
    "allegations.csv": ["allegation_id", "staff_id", "received", "category"],
}
MARKERS = set(MK)


def validate(root):
    import re
    pkg = os.path.join(root, "package")
    man = json.load(open(os.path.join(pkg, "manifest.json")))
    assert man["fdp_version"] == 1
    problems = []
    tsre = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
    present = set(os.listdir(pkg)) - {"manifest.json"}
    if present != set(man["files"]):
        problems.append("manifest files differ from folder: %s" % (present ^ set(man["files"])))
    staff = set(); nominals = set(); occs = set(); systems = {}
    event_ids = set(); unknown = {}
    order = sorted(man["files"], key=lambda f: (0 if f in ("staff.csv", "systems.csv", "nominals.csv", "occurrences.csv") else 1, f))
    for f in order:
        meta = man["files"][f]
        p = os.path.join(pkg, f)
        h = hashlib.sha256(open(p, "rb").read()).hexdigest()
        if h != meta["sha256"]:
            problems.append("hash mismatch " + f)
        key = "access_events" if f.startswith("access_events") else f
        with open(p, newline="", encoding="utf-8") as fh:
            r = csv.reader(fh)
            hdr = next(r)
            for c in REQ.get(key, []):
                if c not in hdr:
                    problems.append("%s missing column %s" % (f, c))
            ix = {c: i for i, c in enumerate(hdr)}
            n = 0
            for row in r:
                n += 1
                for c in REQ.get(key, []):
                    if row[ix[c]] == "" and not (key == "access_events" and c == "entity_id"):
                        problems.append("%s line %d empty %s" % (f, n + 1, c)); break
                for c, allowed in ENUMS.get(key, {}).items():
                    if row[ix[c]] not in allowed:
                        problems.append("%s line %d bad %s=%r" % (f, n + 1, c, row[ix[c]]))
                if key == "staff.csv":
                    staff.add(row[0])
                elif key == "systems.csv":
                    systems[row[0]] = row[ix["audit_feed"]]
                elif key == "nominals.csv":
                    nominals.add(row[0])
                    for m in row[ix["markers"]].split(";"):
                        if m and m not in MARKERS:
                            problems.append("bad marker %s" % m)
                elif key == "occurrences.csv":
                    occs.add(row[0])
                elif key == "occurrence_nominals.csv":
                    if row[ix["nominal_id"]] not in nominals or row[ix["occurrence_id"]] not in occs:
                        problems.append("occurrence_nominals dangling line %d" % (n + 1))
                elif key in ("occurrence_staff.csv", "custody.csv", "postings.csv", "shifts.csv", "vetting.csv"):
                    if row[ix["staff_id"]] not in staff:
                        problems.append("%s unknown staff %s" % (f, row[ix["staff_id"]]))
                elif key == "access_events":
                    if row[ix["event_id"]] in event_ids:
                        problems.append("duplicate event id " + row[ix["event_id"]])
                    event_ids.add(row[ix["event_id"]])
                    if systems.get(row[ix["system_id"]]) != "yes":
                        problems.append("event for system without audit feed")
                    if row[ix["staff_id"]] not in staff:
                        unknown[row[ix["staff_id"]]] = unknown.get(row[ix["staff_id"]], 0) + 1
                    if not tsre.match(row[ix["ts"]]):
                        problems.append("bad ts " + row[ix["ts"]])
                    et, eid = row[ix["entity_type"]], row[ix["entity_id"]]
                    if eid and et == "nominal" and eid not in nominals:
                        problems.append("event on unknown nominal %s" % eid)
                    if eid and et == "occurrence" and eid not in occs:
                        problems.append("event on unknown occurrence %s" % eid)
                if len(problems) > 50:
                    break
            if n != meta["rows"]:
                problems.append("%s rows %d != manifest %d" % (f, n, meta["rows"]))
    truth = json.load(open(os.path.join(root, "package.truth.json")))
    for a in truth["abusers"]:
        if a["staff_id"] not in staff:
            problems.append("abuser not in staff")
        for e in a["event_ids"]:
            if e not in event_ids:
                problems.append("truth event missing " + e); break
        if len(set(a["event_ids"])) != len(a["event_ids"]):
            problems.append("duplicate truth ids")
    return problems, unknown, len(event_ids)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--staff", type=int, default=800)
    ap.add_argument("--days", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", default="2026-02-16", help="first day of the period (local date)")
    ap.add_argument("--no-validate", action="store_true")
    a = ap.parse_args()
    t0 = time.time()
    g = Gen(a)
    g.run()
    print("files:", json.dumps(g.files), file=sys.stderr)
    print("abusers:", [(x["staff_id"], x["pattern"]) for x in g.abusers], file=sys.stderr)
    if not a.no_validate:
        probs, unknown, nev = validate(a.out)
        print("validation: %d problems; %d events; unknown accounts %s" % (len(probs), nev, unknown), file=sys.stderr)
        for p in probs[:30]:
            print("  ", p, file=sys.stderr)
        if probs:
            sys.exit(1)
    print("total %.1fs" % (time.time() - t0), file=sys.stderr)


if __name__ == "__main__":
    main()
