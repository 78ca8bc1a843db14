#!/usr/bin/env python3
"""Thornmere Constabulary: an independent synthetic force for custodiet (generator "B").

Written from the force-data-package spec only.  Python 3.11 standard library, one file,
deterministic for a given (--staff, --days, --seed).

    python generator.py --out DIR --staff 1000 --days 60 --seed 1

writes DIR/package/ (FDP v1: manifest.json and CSV tables, one audit file per audited
system) and DIR/package.truth.json (the abusers and the ids of their abusive audit events).
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
from datetime import date, datetime, timedelta, timezone
from operator import itemgetter

FORCE_CODE = "TH"
FORCE_NAME = "Thornmere Constabulary"
TZ_NAME = "Europe/London"
PERIOD_START = date(2025, 9, 29)          # a Monday; a 60-day period crosses the October clock change

# ----------------------------------------------------------------------------------------
# geography
# ----------------------------------------------------------------------------------------
DISTRICTS = [("TMC", "Thornmere City", 0.30), ("EHM", "Eastholme", 0.18),
             ("SFL", "Saltfleet", 0.16), ("BRK", "Brackenridge", 0.14),
             ("WYV", "Wyvern Vale", 0.12), ("HLM", "Hallam Moor", 0.10)]
DNAMES = [d[1] for d in DISTRICTS]
DCODE = {d[1]: d[0] for d in DISTRICTS}
DW = [d[2] for d in DISTRICTS]
OUT_OF_FORCE = "Out of force area"
HQ = "Thornmere City"
NEIGHBOURS = {"Thornmere City": ["Brackenridge", "Eastholme"], "Eastholme": ["Thornmere City", "Saltfleet"],
              "Saltfleet": ["Eastholme", "Wyvern Vale"], "Brackenridge": ["Thornmere City", "Hallam Moor"],
              "Wyvern Vale": ["Saltfleet", "Hallam Moor"], "Hallam Moor": ["Brackenridge", "Wyvern Vale"]}
SUITES = {"Thornmere City Custody Suite": ("Thornmere City", "TCS"),
          "Saltfleet Custody Suite": ("Saltfleet", "SCS")}
SUITE_FOR = {"Thornmere City": "Thornmere City Custody Suite", "Brackenridge": "Thornmere City Custody Suite",
             "Hallam Moor": "Thornmere City Custody Suite", "Saltfleet": "Saltfleet Custody Suite",
             "Eastholme": "Saltfleet Custody Suite", "Wyvern Vale": "Saltfleet Custody Suite"}
HUBS = {"North": "Thornmere City", "South": "Saltfleet"}
HUB_FOR = {"Thornmere City": "North", "Brackenridge": "North", "Hallam Moor": "North",
           "Saltfleet": "South", "Eastholme": "South", "Wyvern Vale": "South"}

# ----------------------------------------------------------------------------------------
# time: internal clock is UTC epoch seconds; rosters are set in UK wall-clock time
# ----------------------------------------------------------------------------------------


def _utc(y, m, d, h=0):
    return int(datetime(y, m, d, h, tzinfo=timezone.utc).timestamp())


def _last_sunday(y, m):
    d = date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)
    while d.weekday() != 6:
        d -= timedelta(days=1)
    return d


BOUNDS = []
for _y in range(2020, 2036):
    _a, _b = _last_sunday(_y, 3), _last_sunday(_y, 10)
    BOUNDS += [_utc(_a.year, _a.month, _a.day, 1), _utc(_b.year, _b.month, _b.day, 1)]
_br = bisect.bisect_right


def uk_off(u):
    return 3600 if _br(BOUNDS, u) & 1 else 0


NAIVE0 = _utc(PERIOD_START.year, PERIOD_START.month, PERIOD_START.day)


def L2U(day, secs):
    """Local wall time (day index from period start, seconds after local midnight) -> UTC."""
    n = NAIVE0 + day * 86400 + int(secs)
    u = n - 3600
    return u if uk_off(u) else n


T0 = L2U(0, 0)
_DC = {}


def _dstr(d):
    s = _DC.get(d)
    if s is None:
        s = _DC[d] = (date(1970, 1, 1) + timedelta(days=d)).isoformat()
    return s


def fmt_local(u):
    l = u + (3600 if _br(BOUNDS, u) & 1 else 0)
    d, r = divmod(l, 86400)
    return f"{_dstr(d)}T{r // 3600:02d}:{r // 60 % 60:02d}:{r % 60:02d}"


def fmt_utcz(u):
    d, r = divmod(u, 86400)
    return f"{_dstr(d)}T{r // 3600:02d}:{r // 60 % 60:02d}:{r % 60:02d}Z"


def fmt_offset(u):
    o = 3600 if _br(BOUNDS, u) & 1 else 0
    d, r = divmod(u + o, 86400)
    return f"{_dstr(d)}T{r // 3600:02d}:{r // 60 % 60:02d}:{r % 60:02d}{'+01:00' if o else '+00:00'}"


def local_day(u):
    return (u + uk_off(u) - NAIVE0) // 86400


def local_hour(u):
    return ((u + uk_off(u) - NAIVE0) % 86400) / 3600.0


def day_date(day):
    return PERIOD_START + timedelta(days=day)


def dow(day):
    return (PERIOD_START.weekday() + day) % 7


# ----------------------------------------------------------------------------------------
# names (invented, common British forms)
# ----------------------------------------------------------------------------------------
F_NAMES = ("Amy Anna Beth Bethany Caitlin Carla Charlotte Chloe Claire Danielle Donna Eleanor Ella Emily Emma "
           "Erin Faye Gemma Georgia Grace Hannah Hayley Holly Jade Jasmine Jennifer Jessica Joanne Julie Karen "
           "Katie Kayleigh Kelly Kirsty Laura Lauren Leah Lisa Louise Lucy Lydia Megan Melissa Michelle Molly "
           "Naomi Natalie Nicola Olivia Paige Rachel Rebecca Samantha Sarah Shannon Sophie Stacey Stephanie "
           "Tanya Tara Victoria Zoe Aisha Priya Marta Agnieszka Ioana Roxana Shauna Siobhan Niamh").split()
M_NAMES = ("Aaron Adam Alan Alex Andrew Ben Callum Carl Chris Connor Craig Daniel Darren David Dean Dominic "
           "Gareth Gary George Harry Ian Jack Jake James Jamie Jason Joe Jordan Josh Karl Kieran Lee Liam "
           "Luke Mark Martin Matthew Michael Nathan Neil Nick Oliver Paul Peter Richard Rob Ryan Sam Scott "
           "Sean Simon Stephen Steven Stuart Thomas Tom Tony Wayne William Imran Tariq Piotr Marius Declan "
           "Owen Rhys Kyle Shane").split()
SURNAMES = ("Abbott Ainsworth Allen Armitage Atkinson Bailey Barker Barlow Barnes Bates Baxter Bell Bennett "
            "Birch Blackburn Booth Bradley Brennan Briggs Brook Buckley Burns Butler Carr Carter Chadwick "
            "Clarke Clegg Collins Cooper Cox Crawford Dale Davies Dawson Dixon Doherty Duffy Dyson Ellis Evans "
            "Farrell Fenwick Fletcher Ford Foster Fox Gallagher Gibson Goodwin Graham Green Hall Hammond "
            "Hargreaves Harper Hartley Hayes Heaton Hewitt Hill Holden Holmes Hopkins Howarth Hughes Hunt "
            "Jackson Jarvis Jennings Johnson Kaur Kelly Kenyon Khan Kirk Knowles Lambert Lawson Leach Lees "
            "Lloyd Lord Lowe Marsden Marshall Mason McCann Mellor Metcalfe Mills Mitchell Moore Morris Murphy "
            "Nash Nicholson Noble Nolan Nowak O'Brien Ormerod Owen Parker Parkinson Patel Pearson Pickering "
            "Pollard Porter Preston Quinn Ramsden Reid Riley Roberts Robinson Rowe Sharp Shaw Simpson Slater "
            "Smith Spencer Stanley Stott Sutcliffe Swift Taylor Thornton Turner Tyler Walker Walsh Ward "
            "Warburton Watson Webb Whitaker Whittaker Wilkinson Wood Wright Yates Young").split()

# ----------------------------------------------------------------------------------------
# organisation: units and roles
#   (unit, share of headcount, placement, roster, [(role, rank, staff_type, share, group, supervisor)])
# ----------------------------------------------------------------------------------------
UNITS = [
    ("Response", 0.215, "district", "resp", [
        ("Response Constable", "Police Constable", "officer", 0.80, "resp", 0),
        ("Student Officer", "Police Constable", "officer", 0.07, "resp", 0),
        ("Response Sergeant", "Sergeant", "officer", 0.11, "resp_sgt", 1),
        ("Response Inspector", "Inspector", "officer", 0.02, "resp_sgt", 1)]),
    ("Neighbourhood Policing", 0.105, "district", "nbh", [
        ("Neighbourhood Constable", "Police Constable", "officer", 0.40, "nbh", 0),
        ("PCSO", "PCSO", "pcso", 0.47, "pcso", 0),
        ("Neighbourhood Sergeant", "Sergeant", "officer", 0.10, "nbh_sgt", 1),
        ("Neighbourhood Inspector", "Inspector", "officer", 0.03, "nbh_sgt", 1)]),
    ("CID", 0.065, "hub", "cid", [
        ("Detective Constable", "Detective Constable", "officer", 0.70, "cid", 0),
        ("Family Liaison Officer", "Detective Constable", "officer", 0.07, "flo", 0),
        ("Investigation Support Officer", "", "staff", 0.06, "cid", 0),
        ("Detective Sergeant", "Detective Sergeant", "officer", 0.14, "cid_sgt", 1),
        ("Detective Inspector", "Detective Inspector", "officer", 0.03, "cid_sgt", 1)]),
    ("Public Protection", 0.075, "hq", "ppu", [
        ("DA Investigator", "Detective Constable", "officer", 0.22, "ppu_da", 0),
        ("RASSO Investigator", "Detective Constable", "officer", 0.16, "ppu_rasso", 0),
        ("Child Abuse Investigator", "Detective Constable", "officer", 0.12, "ppu_cait", 0),
        ("MASH Researcher", "", "staff", 0.18, "mash", 0),
        ("MASH Safeguarding Officer", "Police Constable", "officer", 0.08, "mash", 0),
        ("MARAC Coordinator", "", "staff", 0.03, "marac", 0),
        ("Sex Offender Manager", "Police Constable", "officer", 0.07, "mosovo", 0),
        ("PPU Detective Sergeant", "Detective Sergeant", "officer", 0.09, "ppu_sgt", 1),
        ("PPU Detective Inspector", "Detective Inspector", "officer", 0.05, "ppu_sgt", 1)]),
    ("Custody", 0.05, "suite", "cr12", [
        ("Custody Sergeant", "Sergeant", "officer", 0.32, "cust_sgt", 1),
        ("Detention Officer", "", "staff", 0.64, "detention", 0),
        ("Custody Inspector", "Inspector", "officer", 0.04, "cust_sgt", 1)]),
    ("Contact Management", 0.11, "hq", "cr12", [
        ("Call Handler", "", "staff", 0.54, "callh", 0),
        ("Dispatcher", "", "staff", 0.24, "dispatch", 0),
        ("Crime Recorder", "", "staff", 0.12, "crimerec", 0),
        ("Control Room Supervisor", "", "staff", 0.07, "cr_sup", 1),
        ("Force Incident Manager", "Inspector", "officer", 0.03, "cr_sup", 1)]),
    ("Intelligence", 0.04, "hq", "office", [
        ("Intelligence Analyst", "", "staff", 0.30, "analyst", 0),
        ("Intelligence Researcher", "", "staff", 0.35, "researcher", 0),
        ("Intelligence Officer", "Police Constable", "officer", 0.22, "intel_off", 0),
        ("Intelligence Sergeant", "Sergeant", "officer", 0.13, "intel_off", 1)]),
    ("Roads Policing", 0.03, "hq", "resp", [
        ("Roads Policing Constable", "Police Constable", "officer", 0.85, "roads", 0),
        ("Roads Policing Sergeant", "Sergeant", "officer", 0.15, "roads", 1)]),
    ("Operations Support", 0.025, "hq", "resp", [
        ("Authorised Firearms Officer", "Police Constable", "officer", 0.60, "ops", 0),
        ("Dog Handler", "Police Constable", "officer", 0.25, "ops", 0),
        ("Operations Sergeant", "Sergeant", "officer", 0.15, "ops", 1)]),
    ("Offender Management", 0.015, "hub", "office", [
        ("IOM Constable", "Police Constable", "officer", 0.60, "iom", 0),
        ("IOM Coordinator", "", "staff", 0.30, "iom", 0),
        ("IOM Sergeant", "Sergeant", "officer", 0.10, "iom", 1)]),
    ("Professional Standards", 0.012, "hq", "office", [
        ("PSD Investigator", "Detective Sergeant", "officer", 0.40, "psd", 0),
        ("Counter Corruption Investigator", "", "staff", 0.30, "psd", 0),
        ("Counter Corruption Analyst", "", "staff", 0.15, "psd", 0),
        ("Head of Professional Standards", "Detective Chief Inspector", "officer", 0.15, "psd", 1)]),
    ("Criminal Justice", 0.045, "hq", "office", [
        ("Case File Officer", "", "staff", 0.55, "cj_case", 0),
        ("Witness Care Officer", "", "staff", 0.35, "cj_witness", 0),
        ("Criminal Justice Manager", "", "staff", 0.10, "cj_case", 1)]),
    ("Information Management", 0.018, "hq", "office", [
        ("Records Review Officer", "", "staff", 0.45, "mopi", 0),
        ("Disclosure Officer", "", "staff", 0.40, "dbs", 0),
        ("Information Manager", "", "staff", 0.15, "mopi", 1)]),
    ("Business Support", 0.06, "hq", "none", [
        ("HR Advisor", "", "staff", 0.30, "bus", 0),
        ("Finance Officer", "", "staff", 0.20, "bus", 0),
        ("ICT Service Desk Analyst", "", "staff", 0.30, "ict", 0),
        ("Administrative Officer", "", "staff", 0.20, "admin", 0)]),
    ("Learning and Development", 0.012, "hq", "office", [
        ("Police Trainer", "", "staff", 0.60, "trainer", 0),
        ("Police Trainer", "Sergeant", "officer", 0.40, "trainer", 0)]),
    ("Command", 0.008, "hq", "none", [
        ("Superintendent", "Superintendent", "officer", 0.50, "command", 1),
        ("Chief Inspector", "Chief Inspector", "officer", 0.30, "command", 1),
        ("Chief Officer", "Assistant Chief Constable", "officer", 0.20, "command", 1)]),
    ("Special Constabulary", 0.05, "district", "specials", [
        ("Special Constable", "Special Constable", "special_constable", 0.90, "special", 0),
        ("Special Sergeant", "Special Sergeant", "special_constable", 0.10, "special", 1)]),
    ("Volunteers", 0.015, "district", "volunteer", [
        ("Police Support Volunteer", "", "volunteer", 1.0, "volunteer", 0)]),
]
ROLE_INFO = {}
for _u in UNITS:
    for _r in _u[4]:
        ROLE_INFO.setdefault((_u[0], _r[0]), (_u, _r))

VET_REQ = {"Intelligence": "NPPV3", "Professional Standards": "NPPV3", "Public Protection": "NPPV3",
           "Command": "MV", "Volunteers": "NPPV1", "Business Support": "NPPV2"}
PPU_TEAM = {"ppu_da": "Domestic Abuse Investigation Team", "ppu_rasso": "RASSO Team",
            "ppu_cait": "Child Abuse Investigation Team", "mash": "MASH", "marac": "MARAC",
            "mosovo": "Sex Offender Management", "ppu_sgt": None}
FIELD_GROUPS = {"resp", "resp_sgt", "nbh", "pcso", "nbh_sgt", "roads", "ops", "special"}
LAPTOP_UNITS = {"CID", "Public Protection", "Intelligence", "Professional Standards", "Criminal Justice",
                "Information Management", "Business Support", "Command", "Learning and Development",
                "Offender Management"}
HANDHELD_TYPES = {"officer", "pcso", "special_constable"}

# moves during the period: group -> [(unit, role)]
MOVES = {
    "resp": [("CID", "Detective Constable"), ("Public Protection", "DA Investigator"),
             ("Neighbourhood Policing", "Neighbourhood Constable"), ("Response", "Response Constable"),
             ("Response", "Response Sergeant"), ("Intelligence", "Intelligence Officer"),
             ("Roads Policing", "Roads Policing Constable"), ("Public Protection", "MASH Safeguarding Officer")],
    "nbh": [("Response", "Response Constable"), ("Neighbourhood Policing", "Neighbourhood Constable"),
            ("Offender Management", "IOM Constable")],
    "pcso": [("Neighbourhood Policing", "PCSO"), ("Contact Management", "Call Handler")],
    "callh": [("Contact Management", "Dispatcher"), ("Contact Management", "Crime Recorder")],
    "dispatch": [("Contact Management", "Call Handler")],
    "detention": [("Contact Management", "Call Handler"), ("Custody", "Detention Officer")],
    "cid": [("Public Protection", "RASSO Investigator"), ("Public Protection", "DA Investigator"),
            ("CID", "Detective Constable")],
    "researcher": [("Intelligence", "Intelligence Analyst")],
    "cj_case": [("Criminal Justice", "Witness Care Officer")],
    "cj_witness": [("Criminal Justice", "Case File Officer")],
    "resp_sgt": [("Custody", "Custody Sergeant"), ("Public Protection", "PPU Detective Sergeant"),
                 ("Neighbourhood Policing", "Neighbourhood Sergeant")],
    "ppu_da": [("CID", "Detective Constable")],
    "mash": [("Public Protection", "MARAC Coordinator")],
}

# ----------------------------------------------------------------------------------------
# IT systems
# ----------------------------------------------------------------------------------------
SYSTEMS = [
    ("RMS", "Citadel Records", "records_management", "yes",
     "Force RMS: nominals, occurrences, locations, briefings. Local time."),
    ("MOB", "Citadel Mobile", "mobile", "yes",
     "Handheld app over the RMS. Audit only retained from {mob_start} (v4 upgrade); earlier mobile "
     "transactions were not logged. Local time."),
    ("CAD", "Beacon Command and Control", "command_and_control", "yes",
     "Incident logs, caller and address history. Local time."),
    ("PNC", "Police National Computer (force transaction log)", "national", "yes",
     "Timestamps in UTC. entity_id filled only where the PNC record matched a local nominal."),
    ("CUST", "Keyhold Custody", "custody", "yes", "Custody records; timestamps carry a UTC offset."),
    ("INTEL", "Lantern Intelligence", "intelligence", "yes", "Intelligence reports (5x5x5/3x5x2). Local time."),
    ("CASE", "CaseWorks Prosecution Files", "case_file", "yes",
     "Partially audited: create/update/print/export are logged, read access is not."),
    ("SAFE", "Haven Safeguarding Hub", "safeguarding", "yes", "MASH referrals and MARAC. Local time."),
    ("PND", "Police National Database", "national", "no", "Audit held nationally, not supplied."),
    ("ANPR", "ANPR Back Office", "anpr", "no", "No user audit export available."),
    ("DEMS", "Body-worn video and digital evidence", "evidence", "no", "Vendor-hosted; audit not supplied."),
    ("ARCH", "Crimeline archive (pre-2019 RMS)", "records_management", "no",
     "Read-only archive; audit log cannot be exported."),
    ("HRM", "People and Rostering", "hr", "no", "HR and duty management; staff personal data."),
]
AUDITED = [s[0] for s in SYSTEMS if s[3] == "yes"]
EID_PREFIX = {"RMS": "RMS", "MOB": "MOB-", "CAD": "CAD", "PNC": "PNCTX", "CUST": "KH",
              "INTEL": "LI-", "CASE": "CW", "SAFE": "HV"}
PNC_RSN = {"incident": "RSN=1 INCIDENT", "stop": "RSN=2 STOP", "intel": "RSN=3 INTEL",
           "custody": "RSN=4 CUSTODY", "admin": "RSN=5 ADMIN", "enquiry": "RSN=7 ENQUIRY"}

# ----------------------------------------------------------------------------------------
# nominal population: type, share, p(female), (age lo, hi, mode), markers [(marker, p)]
# ----------------------------------------------------------------------------------------
NOMTYPES = [
    ("public", 0.50, 0.50, (18, 90, 40), []),
    ("offender", 0.14, 0.20, (16, 62, 25), [("arrested_suspect", .75), ("substance_misuse", .35),
                                            ("mental_health", .15), ("homeless", .05)]),
    ("da_victim", 0.055, 0.87, (18, 70, 29), [("domestic_abuse_victim", 1), ("mental_health", .2),
                                              ("substance_misuse", .1), ("arrested_suspect", .06)]),
    ("sex_victim", 0.02, 0.86, (13, 55, 20), [("sexual_offence_victim", 1), ("mental_health", .22),
                                              ("domestic_abuse_victim", .12)]),
    ("child", 0.09, 0.50, (0, 17, 13), [("child", 1), ("missing_person", .06)]),
    ("mh", 0.04, 0.52, (18, 75, 34), [("mental_health", 1), ("substance_misuse", .2), ("vulnerable_adult", .1)]),
    ("sex_worker", 0.0045, 0.95, (19, 48, 27), [("sex_worker", 1), ("substance_misuse", .6),
                                                 ("arrested_suspect", .3), ("domestic_abuse_victim", .2),
                                                 ("mental_health", .2)]),
    ("missing_adult", 0.006, 0.45, (18, 70, 24), [("missing_person", 1), ("mental_health", .4)]),
    ("homeless", 0.01, 0.25, (18, 65, 35), [("homeless", 1), ("substance_misuse", .5), ("mental_health", .3)]),
    ("msl", 0.002, 0.55, (16, 45, 24), [("modern_slavery_victim", 1)]),
    ("vuln_adult", 0.03, 0.60, (20, 98, 81), [("vulnerable_adult", 1)]),
]
MARKER_ORDER = ["domestic_abuse_victim", "sexual_offence_victim", "child", "mental_health", "substance_misuse",
                "sex_worker", "missing_person", "arrested_suspect", "homeless", "modern_slavery_victim",
                "vulnerable_adult"]
VULN_MARKERS = {"domestic_abuse_victim", "sexual_offence_victim", "mental_health", "substance_misuse",
                "sex_worker", "missing_person", "homeless", "modern_slavery_victim", "vulnerable_adult"}

# ----------------------------------------------------------------------------------------
# occurrence categories
#   weight, crime, p(call)/p(self)/p(online), p(attend), attend group, n attend, p(arrest), oic spec,
#   p(safeguarding), mean days to close, (oic sessions lo, hi)
# ----------------------------------------------------------------------------------------
CATS = {
    "domestic_abuse":      (14.0, 1, (.92, .05, .03), .92, "resp", 2, .40, [("att", .62), ("ppu_da", .38)], .90, 21, (3, 8)),
    "sexual_offence":      (2.6, 1, (.75, .05, .20), .70, "resp", 1, .22, [("ppu_rasso", .85), ("cid", .15)], .80, 50, (6, 14)),
    "violence":            (11.0, 1, (.85, .12, .03), .85, "resp", 2, .30, [("att", .65), ("cid", .35)], .05, 18, (2, 6)),
    "theft":               (12.0, 1, (.55, .10, .35), .35, "resp", 1, .18, [("att", .35), ("crimerec", .40), ("none", .25)], 0, 9, (1, 3)),
    "burglary":            (6.0, 1, (.85, .0, .15), .80, "resp", 1, .10, [("cid", .60), ("att", .40)], .03, 25, (2, 6)),
    "criminal_damage":     (5.0, 1, (.70, .05, .25), .40, "resp", 1, .10, [("att", .45), ("crimerec", .35), ("none", .20)], 0, 8, (1, 3)),
    "asb":                 (8.0, 0, (.90, .10, .0), .60, "nbh", 1, .03, [("none", .7), ("nbh", .3)], 0, 1, (1, 2)),
    "concern_for_welfare": (8.0, 0, (.95, .05, .0), .85, "resp", 2, .02, [("none", 1.0)], .40, 1, (1, 1)),
    "missing_person":      (4.5, 0, (1.0, .0, .0), .95, "resp", 1, .0, [("att", .5), ("nbh", .5)], .60, 3, (2, 5)),
    "drugs":               (3.5, 1, (.20, .80, .0), .95, "resp", 1, .55, [("att", 1.0)], .02, 30, (2, 4)),
    "rtc":                 (4.5, 0, (.90, .10, .0), .85, "roads", 2, .08, [("att", 1.0)], 0, 12, (1, 3)),
    "public_order":        (3.5, 1, (.60, .40, .0), .90, "resp", 2, .45, [("att", 1.0)], 0, 10, (1, 3)),
    "sudden_death":        (1.0, 0, (1.0, .0, .0), 1.0, "resp", 1, .0, [("att", 1.0)], .05, 20, (2, 5)),
    "fraud":               (4.0, 1, (.30, .0, .70), .10, "resp", 1, .05, [("crimerec", .6), ("cid", .4)], .10, 30, (1, 4)),
    "vehicle_crime":       (3.5, 1, (.60, .05, .35), .30, "resp", 1, .08, [("crimerec", .6), ("att", .4)], 0, 8, (1, 2)),
    "child_protection":    (2.0, 1, (.70, .0, .30), .70, "resp", 1, .20, [("ppu_cait", 1.0)], 1.0, 40, (4, 10)),
    "stalking_harassment": (3.0, 1, (.85, .0, .15), .60, "resp", 1, .25, [("att", .5), ("ppu_da", .5)], .50, 28, (3, 7)),
    "exploitation":        (0.6, 1, (.60, .40, .0), .80, "resp", 2, .35, [("cid", .5), ("ppu_rasso", .5)], 1.0, 45, (4, 9)),
}
CAT_NAMES = list(CATS)
CAT_W = [CATS[c][0] for c in CAT_NAMES]
HOUR_W = [3, 2.2, 1.6, 1.2, 1, 1, 1.4, 2.4, 3.4, 4, 4.4, 4.7, 5, 5, 5.2, 5.5, 6, 6.3, 6.5, 6.5, 6.2, 5.8, 5, 4]
FEMALE_VULN_CATS = {"domestic_abuse", "sexual_offence", "concern_for_welfare", "stalking_harassment",
                    "exploitation", "missing_person"}

PATTERNS = ["lingering_victim", "custody_release_followup", "caller_followup", "force_trawl",
            "colleague_cover", "supervisor_fixation", "home_area_browse", "named_stranger",
            "low_and_slow", "sex_worker_predation", "sham_welfare"]


def poisson(rng, lam):
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))
    L, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= L:
            return k
        k += 1


TABS = {"nominal": ["tab=warnings", "tab=addresses", "tab=associates", "tab=occurrences", "tab=images", "tab=contact"],
        "occurrence": ["tab=log", "tab=people", "tab=risk", "tab=tasks", "tab=property"],
        "custody": ["tab=risk", "tab=property", "tab=log"]}
TAB_P = {"nominal": 0.42, "occurrence": 0.38, "custody": 0.2}


def rand_vrm(rng):
    L = "ABCDEFGHJKLMNOPRSTUVWXY"
    return f"{rng.choice(L)}{rng.choice(L)}{rng.randint(10, 75):02d} {rng.choice(L)}{rng.choice(L)}{rng.choice(L)}"


def alloc(total, weights, minimum=0):
    """Largest-remainder allocation of an integer total over weights."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    out = [max(minimum, int(r)) for r in raw]
    rem = sorted(range(len(weights)), key=lambda i: -(raw[i] - int(raw[i])))
    i = 0
    while sum(out) < total and rem:
        out[rem[i % len(rem)]] += 1
        i += 1
    return out


class Posting:
    __slots__ = ("unit", "role", "rank", "stype", "group", "sup", "team", "district", "area", "vet",
                 "start", "end", "roster", "offset")

    def __init__(self, unit, role, team, district, area, start, end, offset=0):
        u, r = ROLE_INFO[(unit, role)]
        self.unit, self.role, self.rank, self.stype, self.group, self.sup = unit, role, r[1], r[2], r[4], r[5]
        self.team, self.district, self.area = team, district, area
        self.vet = VET_REQ.get(unit, "NPPV2")
        if self.group in ("ict", "psd"):
            self.vet = "NPPV3"
        self.start, self.end, self.roster, self.offset = start, end, u[3], offset

    def active(self, day):
        return self.start <= day and (self.end is None or day <= self.end)


class Staff:
    __slots__ = ("i", "sid", "name", "stype", "rank", "sex", "home", "joined", "left", "postings",
                 "roster", "actual", "astarts", "handheld", "laptop", "pt", "flags", "cohort")

    def __init__(self):
        self.postings, self.roster, self.actual, self.astarts = [], [], [], []
        self.flags, self.cohort, self.pt = set(), [], None
        self.joined = self.left = None
        self.handheld = self.laptop = None

    def post_at(self, day):
        for p in self.postings:
            if p.active(day):
                return p
        return None


class Occ:
    __slots__ = ("i", "oid", "cat", "opened", "closed", "district", "created_by", "noms", "staff", "charged",
                 "arrests", "sham")

    def __init__(self, i, oid, cat, opened, district):
        self.i, self.oid, self.cat, self.opened, self.district = i, oid, cat, opened, district
        self.closed = None
        self.created_by = ""
        self.noms, self.staff, self.arrests = [], [], []
        self.charged = None
        self.sham = False


# ========================================================================================
class Force:
    def __init__(self, n_staff, days, seed):
        self.N, self.D, self.seed = n_staff, days, seed
        self.T_END = L2U(days, 0)
        self.H = days * 24 + 72
        self.mob_start_day = max(1, min(12, days // 6))
        self.MOB_START = L2U(self.mob_start_day, 0)
        self.EV = {s: [] for s in AUDITED}

    def rng(self, label):
        return random.Random(f"{self.seed}/{label}")

    # ------------------------------------------------------------------ organisation
    def build_org(self):
        rng = self.rng("org")
        N, D = self.N, self.D
        n_train = max(2, min(12, N // 100))
        n_people = max(40, N - n_train)
        ucounts = alloc(n_people, [u[1] for u in UNITS], minimum=1)
        staff = []
        used = {"P": set(), "CS": set(), "E": set(), "SC": set(), "V": set()}

        def new_id(stype):
            pref = {"officer": "P", "pcso": "CS", "staff": "E", "special_constable": "SC", "volunteer": "V"}[stype]
            width = 6 if pref == "E" else 5
            while True:
                n = rng.randrange(10 ** (width - 1), 10 ** width)
                if n not in used[pref]:
                    used[pref].add(n)
                    return f"{pref}{n}"

        def make_person(stype, rank, male_p):
            s = Staff()
            s.i = len(staff)
            s.stype, s.rank = stype, rank
            s.sex = "M" if rng.random() < male_p else "F"
            fn = rng.choice(M_NAMES if s.sex == "M" else F_NAMES)
            s.name = f"{fn} {rng.choice(SURNAMES)}"
            s.sid = new_id(stype)
            staff.append(s)
            return s

        male_p = {"officer": 0.64, "staff": 0.38, "pcso": 0.52, "special_constable": 0.68, "volunteer": 0.5}
        for (uname, _sh, placement, roster, roles), uc in zip(UNITS, ucounts):
            rc = alloc(uc, [r[3] for r in roles], minimum=0)
            if uc >= 1 and rc[0] == 0:
                rc[0] = 1
            members = []
            for r, n in zip(roles, rc):
                for _ in range(n):
                    s = make_person(r[2], r[1], male_p[r[2]] + (0.08 if r[1] in ("Superintendent", "Assistant Chief Constable") else 0))
                    members.append((s, r))
            rng.shuffle(members)
            # districts / areas
            if placement == "district":
                dl = []
                for d, n in zip(DNAMES, alloc(len(members), DW)):
                    dl += [d] * n
            elif placement == "hub":
                dl = ["Thornmere City" if rng.random() < 0.58 else "Saltfleet" for _ in members]
            elif placement == "suite":
                dl = ["Thornmere City" if i % 5 < 3 else "Saltfleet" for i in range(len(members))]
            else:
                dl = [HQ] * len(members)
            counters = {}
            for (s, r), dist in zip(members, dl):
                key = (dist, r[4])
                k = counters.get(key, 0)
                counters[key] = k + 1
                team, area, offset = None, dist, 0
                if roster == "resp":
                    team = "Team " + "ABCDE"[k % 5]
                    offset = (k % 5) * 2
                    if uname == "Response":
                        area = dist
                    else:
                        area = "HQ"
                elif roster == "cr12":
                    team = f"Watch {k % 4 + 1}"
                    offset = (k % 4) * 2
                    if uname == "Custody":
                        suite = SUITE_FOR[dist]
                        team = f"{suite.split(' Custody')[0]} Suite {team}"
                        area = suite
                    else:
                        area = "HQ"
                elif roster == "nbh":
                    team = f"{dist} Neighbourhood Team"
                    offset = rng.randrange(3)
                elif roster == "cid":
                    hub = HUB_FOR[dist]
                    team = f"{hub} CID"
                    area = hub
                    offset = rng.randrange(4)
                    if uname == "Offender Management":
                        team = f"{hub} IOM"
                elif roster == "ppu":
                    team = PPU_TEAM.get(r[4]) or rng.choice(["Domestic Abuse Investigation Team", "RASSO Team",
                                                             "Child Abuse Investigation Team", "MASH"])
                    area = "HQ"
                    offset = rng.randrange(4)
                elif roster == "specials":
                    team = f"{dist} Specials"
                elif roster == "volunteer":
                    team = f"{dist} Volunteers"
                    offset = rng.randrange(5)
                else:
                    team, area = uname, "HQ"
                if placement == "hq" and roster not in ("cr12",):
                    area = "HQ"
                if uname == "Offender Management":
                    hub = HUB_FOR[dist]
                    team, area = f"{hub} IOM", hub
                start = -rng.randint(30, 2400)
                p = Posting(uname, r[0], team, dist, area, start, None, offset)
                s.postings.append(p)
                yrs = rng.choice([0, 1, 2, 3, 4, 6, 8, 11, 14, 17, 20, 24, 28]) if r[0] != "Student Officer" else rng.choice([0, 1])
                s.joined = min(start, -rng.randint(yrs * 365, yrs * 365 + 364) - 40)
                if r[0] == "Student Officer":
                    s.joined = start = p.start = -rng.randint(60, 500)
                # some had a previous posting
                if rng.random() < 0.4 and start - s.joined > 200:
                    prev = self._previous_role(uname, r, rng)
                    if prev:
                        pl = ROLE_INFO[prev][0][2]
                        pp = Posting(prev[0], prev[1], None, rng.choice(DNAMES) if pl == "district" else (HQ if pl == "hq" else dist),
                                     "HQ", s.joined, start - 1)
                        pp.team = prev[0] if pp.team is None else pp.team
                        s.postings.insert(0, pp)
        # training accounts (shared logins used in classrooms)
        self.train_accounts = []
        for k in range(n_train):
            s = Staff()
            s.i = len(staff)
            s.sid = f"TRAIN{k + 1:02d}"
            s.name = f"Training Account {k + 1:02d}"
            s.stype, s.rank, s.sex = "staff", "", ""
            s.joined = -900
            p = Posting("Learning and Development", "Police Trainer", "Classroom accounts", HQ, "HQ", -900, None)
            p.role = "Shared training account"
            p.group = "train_acct"
            p.roster = "none"
            s.postings.append(p)
            s.flags.add("training_account")
            staff.append(s)
            self.train_accounts.append(s)
        self.staff = staff
        self._moves_joiners_leavers(rng)
        # homes, devices, part time
        for s in staff:
            p = s.postings[-1]
            if "training_account" in s.flags:
                s.home = ""
                continue
            r = rng.random()
            if r < 0.22:
                s.home = OUT_OF_FORCE
            elif r < 0.62 and p.district in DNAMES:
                s.home = p.district
            else:
                s.home = rng.choices(DNAMES, DW)[0]
            if s.stype in HANDHELD_TYPES and p.group not in ("command",):
                s.handheld = f"HH{rng.randrange(10000, 99999)}"
            cur = [pp for pp in s.postings if pp.end is None or pp.end >= 0]
            if any(pp.unit in LAPTOP_UNITS for pp in cur) or any(pp.sup for pp in cur):
                s.laptop = f"LT-VPN-{rng.randrange(1000, 9999)}"
            if p.roster in ("office", "none", "ppu", "nbh", "cid") and rng.random() < (0.16 if s.stype == "staff" else 0.06):
                s.pt = sorted(rng.sample([0, 1, 2, 3, 4], 3))
        self.by_sid = {s.sid: s for s in staff}

    @staticmethod
    def _previous_role(uname, r, rng):
        stype = r[2]
        opts = [k for k, v in ROLE_INFO.items() if v[1][2] == stype and k[0] != uname and v[1][5] <= r[5]]
        return rng.choice(opts) if opts else None

    def _moves_joiners_leavers(self, rng):
        D = self.D
        staff = self.staff
        people = [s for s in staff if "training_account" not in s.flags]
        lo, hi = min(5, D // 4), max(min(5, D // 4) + 1, D - 5)
        # movers
        n_move = max(2, int(len(people) * 0.05 * min(1.0, D / 60 + 0.3)))
        for s in rng.sample(people, min(n_move, len(people))):
            p = s.postings[-1]
            opts = MOVES.get(p.group)
            if not opts:
                continue
            unit, role = rng.choice(opts)
            day = rng.randint(lo, hi)
            u, r = ROLE_INFO[(unit, role)]
            if r[2] != s.stype:
                continue
            p.end = day - 1
            dist = p.district
            if unit == "Neighbourhood Policing" and unit == p.unit:
                dist = rng.choice([d for d in DNAMES if d != p.district])
            np_ = self._posting_for(unit, role, dist, day, rng)
            s.postings.append(np_)
            s.flags.add("mover")
            if r[1] and r[1] != s.rank:
                if role == "Response Sergeant":
                    np_.role = "Acting Response Sergeant"
                    np_.rank = "Sergeant"
                s.rank = np_.rank if role != "Response Sergeant" else "Police Constable"
            if rng.random() < 0.3 and day + 21 < D:   # temporary attachment, then back
                back = day + rng.randint(14, 28)
                if back < D - 1:
                    np_.end = back - 1
                    rp = self._posting_for(p.unit, p.role, p.district, back, rng)
                    rp.team, rp.offset, rp.area = p.team, p.offset, p.area
                    s.postings.append(rp)
                    s.rank = p.rank
        # joiners
        n_join = max(1, int(len(people) * 0.015 * max(0.5, D / 60)))
        for k in range(n_join):
            role = rng.choice([("Response", "Student Officer"), ("Response", "Student Officer"),
                               ("Contact Management", "Call Handler"), ("Custody", "Detention Officer"),
                               ("Criminal Justice", "Case File Officer")])
            u, r = ROLE_INFO[role]
            s = Staff()
            s.i = len(staff)
            s.stype, s.rank = r[2], r[1]
            s.sex = "M" if rng.random() < 0.55 else "F"
            s.name = f"{rng.choice(M_NAMES if s.sex == 'M' else F_NAMES)} {rng.choice(SURNAMES)}"
            pref = "P" if r[2] == "officer" else "E"
            while True:
                sid = f"{pref}{rng.randrange(10000, 99999) if pref == 'P' else rng.randrange(100000, 999999)}"
                if all(x.sid != sid for x in staff):
                    break
            s.sid = sid
            day = rng.randint(lo, hi)
            s.joined = day
            dist = rng.choices(DNAMES, DW)[0] if u[2] == "district" else (rng.choice(["Thornmere City", "Saltfleet"]) if u[2] == "suite" else HQ)
            s.postings.append(self._posting_for(role[0], role[1], dist, day, rng))
            s.flags.add("joiner")
            staff.append(s)
        # leavers
        n_leave = max(1, int(len(people) * 0.015 * max(0.5, D / 60)))
        for s in rng.sample([x for x in people if "mover" not in x.flags], n_leave):
            day = rng.randint(lo, hi)
            s.left = day
            s.postings[-1].end = day
            s.flags.add("leaver")

    def _posting_for(self, unit, role, dist, day, rng):
        u, r = ROLE_INFO[(unit, role)]
        placement, roster = u[2], u[3]
        if placement == "hub":
            dist = HUBS[HUB_FOR.get(dist, "North")]
        elif placement == "suite":
            dist = SUITES[SUITE_FOR.get(dist, "Thornmere City Custody Suite")][0]
        elif placement == "hq":
            dist = HQ
        elif dist not in DNAMES:
            dist = HQ
        area = dist if placement == "district" and unit in ("Response", "Neighbourhood Policing", "Special Constabulary", "Volunteers") else "HQ"
        team, offset = unit, 0
        if roster == "resp":
            k = rng.randrange(5)
            team, offset = "Team " + "ABCDE"[k], k * 2
        elif roster == "cr12":
            k = rng.randrange(4)
            team, offset = f"Watch {k + 1}", k * 2
            if unit == "Custody":
                suite = SUITE_FOR[dist]
                team = f"{suite.split(' Custody')[0]} Suite {team}"
                area = suite
        elif roster == "nbh":
            team, offset = f"{dist} Neighbourhood Team", rng.randrange(3)
        elif roster == "cid" or unit == "Offender Management":
            hub = HUB_FOR[dist]
            team, area, offset = f"{hub} {'IOM' if unit == 'Offender Management' else 'CID'}", hub, rng.randrange(4)
        elif roster == "ppu":
            team, offset = PPU_TEAM.get(r[4]) or "Domestic Abuse Investigation Team", rng.randrange(4)
        return Posting(unit, role, team, dist, area, day, None, offset)

    # ------------------------------------------------------------------ rosters and actual duty
    def _roster_day(self, p, day):
        d = dow(day)
        wk = (day + PERIOD_START.weekday()) // 7
        ro = p.roster
        if ro == "resp":
            c = "EELLNNRRRR"[(day + p.offset) % 10]
            return {"E": (7, 10), "L": (15, 10), "N": (22, 10)}.get(c)
        if ro == "cr12":
            c = "DDNNRRRR"[(day + p.offset) % 8]
            return {"D": (7, 12), "N": (19, 12)}.get(c)
        if ro == "nbh":
            w = (wk + p.offset) % 3
            if w == 2:
                return (10, 8) if d >= 2 else None
            if d >= 5:
                return None
            return (8, 8) if w == 0 else (14, 8)
        if ro == "cid":
            if wk % 4 == p.offset:
                return (14, 10) if 1 <= d <= 4 else None
            return (8, 10) if d <= 3 else None
        if ro == "ppu":
            if p.group == "mash" and wk % 4 == p.offset:
                return (8.5, 8) if d >= 2 else None
            return (8, 8.5) if d <= 4 else None
        if ro == "office":
            return (8.5, 8) if d <= 4 else None
        if ro == "none":
            return (8.5, 8.5) if d <= 4 else None
        if ro == "volunteer":
            return (10, 4) if d == p.offset else None
        return None

    def build_shifts(self):
        rng = self.rng("shifts")
        D = self.D
        for s in self.staff:
            if "training_account" in s.flags:
                continue
            leave = set()
            nblocks = poisson(rng, 1.3 * D / 60)
            for _ in range(nblocks):
                a = rng.randrange(-3, D)
                for x in range(a, a + rng.randint(2, 9)):
                    leave.add(x)
            sick_left = 0
            roster, actual = [], []
            for p in s.postings:
                first = max(0, p.start)
                last = D - 1 if p.end is None else min(D - 1, p.end)
                if s.left is not None:
                    last = min(last, s.left)
                shown_type = p.roster in ("resp", "cr12", "nbh", "cid", "ppu") or (p.roster == "office" and s.stype == "officer")
                field = p.group in FIELD_GROUPS
                if p.roster == "specials":
                    for day in range(first, last + 1):
                        dd = dow(day)
                        pr = {4: 0.3, 5: 0.35, 6: 0.12}.get(dd, 0.05)
                        if rng.random() < pr:
                            st, du = (18, 8) if rng.random() < 0.7 else (10, 8)
                            a = L2U(day, st * 3600)
                            b = a + du * 3600
                            if rng.random() < 0.6:
                                roster.append((a, b))
                            actual.append([a + rng.randint(0, 900), b + rng.choice([0, 0, 1800, 3600]), "field", p])
                    continue
                for day in range(first, last + 1):
                    sh = self._roster_day(p, day)
                    if sh is None:
                        if field and p.roster != "specials" and day not in leave and rng.random() < 0.025:
                            st = rng.choice([9, 18])           # rest-day working (overtime), not rostered
                            a = L2U(day, st * 3600)
                            actual.append([a, a + 8 * 3600, "field", p])
                        elif field and p.sup and s.laptop and day not in leave and rng.random() < 0.07:
                            a = L2U(day, rng.randint(9 * 3600, 22 * 3600))     # crime reviews from home on a rest day
                            actual.append([a, a + rng.randint(1800, 7200), "admin_home", p])
                        elif p.group in ("cid_sgt", "ppu_sgt") and rng.random() < 0.05:
                            a = L2U(day, rng.randint(21 * 3600, 26 * 3600))   # on-call check from home
                            actual.append([a, a + rng.randint(1200, 5400), "oncall", p])
                        continue
                    if s.pt is not None and p.roster in ("office", "none", "ppu", "nbh", "cid") and dow(day) not in s.pt:
                        continue
                    if day in leave:
                        continue
                    st, du = sh
                    a = L2U(day, st * 3600)
                    b = a + int(du * 3600)
                    if shown_type:
                        roster.append((a, b))
                    if sick_left > 0:
                        sick_left -= 1
                        continue
                    if rng.random() < 0.03:
                        sick_left = rng.randint(0, 3)
                        continue
                    if p.roster in ("resp", "cr12", "nbh") and rng.random() < 0.025:
                        shift_days = rng.choice([-2, -1, 1, 2, 3])         # swapped with a colleague
                        a += shift_days * 86400
                        b += shift_days * 86400
                    if p.roster in ("office", "none", "ppu"):
                        a += rng.randint(-3600, 3600)
                        b = a + int(du * 3600) + rng.randint(-1800, 1800)
                    else:
                        a += rng.randint(0, 900)
                    ot = {"resp": .22, "cr12": .08, "cid": .25, "nbh": .12, "ppu": .12}.get(p.roster, .06)
                    if rng.random() < ot:
                        b += rng.randint(1800, 12000)
                    elif rng.random() < 0.05:
                        b -= rng.randint(1800, 5400)
                    if field:
                        mode = "field"
                    elif s.laptop and p.roster in ("office", "none", "ppu", "cid") and rng.random() < (0.22 if s.stype == "staff" else 0.08):
                        mode = "wfh"
                    else:
                        mode = "station"
                    actual.append([a, b, mode, p])
            roster.sort()
            actual.sort(key=itemgetter(0))
            # drop overlaps produced by swaps
            clean = []
            for sh in actual:
                if clean and sh[0] < clean[-1][1]:
                    continue
                clean.append(sh)
            for sh in clean:
                sh.append(self._desk(s, sh[3], sh[2], rng))
            s.roster = roster
            s.actual = clean
            s.astarts = [sh[0] for sh in clean]
        # duty index: (group, area) -> per-hour lists of staff indices
        duty = {}
        members = {}
        H = self.H
        for s in self.staff:
            for p in s.postings:
                members.setdefault((p.group, p.area), []).append((s.i, p.start, p.end if p.end is not None else 10 ** 6))
            for sh in s.actual:
                if sh[2] in ("oncall", "admin_home"):
                    continue
                p = sh[3]
                key = (p.group, p.area)
                lst = duty.get(key)
                if lst is None:
                    lst = duty[key] = [[] for _ in range(H)]
                h0 = max(0, (sh[0] - T0) // 3600)
                h1 = min(H - 1, (sh[1] - T0) // 3600)
                for h in range(h0, h1 + 1):
                    lst[h].append(s.i)
        self.duty, self.members = duty, members

    def _desk(self, s, p, mode, rng):
        if p.group in ("callh", "dispatch", "cr_sup", "crimerec"):
            return f"CR-POS{rng.randint(1, 48):02d}"
        if p.unit == "Custody":
            code = SUITES[SUITE_FOR[p.district]][1]
            return f"{code}-TERM{rng.randint(1, 8):02d}"
        code = DCODE.get(p.district, "TMC")
        if p.unit in ("Intelligence", "Professional Standards", "Information Management", "Business Support",
                      "Command", "Criminal Justice", "Learning and Development", "Public Protection"):
            code = "HQ"
        return f"WS-{code}-{rng.randint(1, 140):03d}"

    def on_duty(self, group, area, t, rng, exclude=()):
        lst = self.duty.get((group, area))
        h = (t - T0) // 3600
        if lst is None or not (0 <= h < self.H):
            return None
        c = lst[h]
        if not c:
            return None
        for _ in range(4):
            x = c[rng.randrange(len(c))]
            if x not in exclude:
                return x
        return None

    def any_member(self, group, area, t, rng, exclude=()):
        day = local_day(t)
        m = self.members.get((group, area))
        if not m:
            m = [x for (g, a), v in self.members.items() if g == group for x in v]
        if not m:
            return None
        for _ in range(12):
            i, a, b = m[rng.randrange(len(m))]
            lf = self.staff[i].left
            if a <= day <= b and i not in exclude and (lf is None or day <= lf):
                return i
        return None

    def pick(self, group, area, t, rng, exclude=(), fallback_areas=()):
        x = self.on_duty(group, area, t, rng, exclude)
        if x is not None:
            return x
        for a in fallback_areas:
            x = self.on_duty(group, a, t, rng, exclude)
            if x is not None:
                return x
        return self.any_member(group, area, t, rng, exclude)

    # ------------------------------------------------------------------ nominals
    def build_nominals(self):
        rng = self.rng("nominals")
        M = max(3000, 42 * self.N)
        counts = alloc(M, [t[1] for t in NOMTYPES])
        ids = rng.sample(range(1000000, 9999999), M + 2000)
        self.n_id, self.n_type, self.n_sex, self.n_age, self.n_dist = [], [], [], [], []
        self.n_mark, self.n_first, self.n_last, self.n_loc, self.n_vrm = [], [], [], [], []
        self.n_partner, self.n_kids, self.n_intel, self.n_phone = [], [], [], []
        self.pool = {}
        k = 0
        locs = rng.sample(range(100000, 9999999), M + 100)

        def vrm():
            L = "ABCDEFGHJKLMNOPRSTUVWXY"
            return f"{rng.choice(L)}{rng.choice(L)}{rng.randint(10, 75):02d} {rng.choice(L)}{rng.choice(L)}{rng.choice(L)}"

        for (tname, _sh, pf, (alo, ahi, amode), marks), cnt in zip(NOMTYPES, counts):
            for _ in range(cnt):
                sex = "F" if rng.random() < pf else "M"
                age = int(rng.triangular(alo, ahi + 0.99, amode))
                if tname == "vuln_adult" and rng.random() < 0.2:
                    age = rng.randint(20, 60)
                if tname == "sex_worker":
                    dist = rng.choices(DNAMES, [0.35, 0.06, 0.5, 0.04, 0.03, 0.02])[0]
                elif rng.random() < 0.05:
                    dist = OUT_OF_FORCE
                else:
                    dist = rng.choices(DNAMES, DW)[0]
                mk = [m for m, p in marks if p >= 1 or rng.random() < p]
                if age < 18 and "child" not in mk:
                    mk.append("child")
                self.n_id.append(f"N{ids[k]}")
                self.n_type.append(tname)
                self.n_sex.append(sex)
                self.n_age.append(age)
                self.n_dist.append(dist)
                self.n_mark.append(mk)
                self.n_first.append(rng.choice(F_NAMES if sex == "F" else M_NAMES))
                self.n_last.append(rng.choice(SURNAMES))
                self.n_loc.append(f"LOC{locs[k]}")
                self.n_vrm.append(vrm() if age >= 18 and rng.random() < 0.35 else None)
                self.n_partner.append(None)
                self.n_kids.append([])
                ni = 0
                if tname in ("offender", "sex_worker", "msl"):
                    ni = rng.choice([0, 1, 1, 2, 3, 5]) if tname == "offender" else rng.randint(1, 4)
                elif tname == "da_victim":
                    ni = 1 if rng.random() < 0.25 else 0
                elif tname == "mh":
                    ni = 1 if rng.random() < 0.1 else 0
                self.n_intel.append([f"IR{rng.randrange(1000000, 9999999)}" for _ in range(ni)])
                self.n_phone.append(f"07{rng.randrange(100000000, 999999999)}")
                self.pool.setdefault((tname, dist), []).append(k)
                self.pool.setdefault((tname, None), []).append(k)
                k += 1
        # training nominals used by the classroom (fictional scenario people in the live RMS)
        self.training_noms = []
        tmarks = [["domestic_abuse_victim"], ["arrested_suspect", "substance_misuse"], ["missing_person", "child"],
                  ["mental_health"], ["sexual_offence_victim"], [], ["vulnerable_adult"], ["arrested_suspect"],
                  ["sex_worker", "substance_misuse"], []]
        for j in range(16):
            self.n_id.append(f"N999{j + 1:04d}")
            self.n_type.append("training")
            sex = "F" if j % 2 == 0 else "M"
            self.n_sex.append(sex)
            self.n_age.append(18 + (j * 7) % 50)
            self.n_dist.append("")
            self.n_mark.append(list(tmarks[j % len(tmarks)]))
            self.n_first.append("TRAINING")
            self.n_last.append(f"SCENARIO{j + 1:02d}")
            self.n_loc.append(f"LOC99{j:05d}")
            self.n_vrm.append(None)
            self.n_partner.append(None)
            self.n_kids.append([])
            self.n_intel.append([])
            self.n_phone.append("")
            self.training_noms.append(k)
            k += 1
        self.M = k
        # families: DA victims get a partner (who is usually an offender) and sometimes children
        for v in self.pool.get(("da_victim", None), []):
            d = self.n_dist[v]
            cands = self.pool.get(("offender", d)) or self.pool[("offender", None)]
            for _ in range(6):
                c = rng.choice(cands)
                if self.n_sex[c] != self.n_sex[v]:
                    break
            if rng.random() < 0.3:
                c = rng.choice(self.pool.get(("public", d)) or self.pool[("public", None)])
            self.n_partner[v] = c
            if rng.random() < 0.5:
                self.n_loc[c] = self.n_loc[v]
            if rng.random() < 0.45:
                kids = self.pool.get(("child", d)) or self.pool[("child", None)]
                for _ in range(rng.randint(1, 3)):
                    ch = rng.choice(kids)
                    self.n_kids[v].append(ch)
                    self.n_loc[ch] = self.n_loc[v]
        # repeat-victim propensity for weighted choice
        self.cum = {}
        for key, lst in self.pool.items():
            if key[0] in ("da_victim", "offender", "mh", "sex_worker", "missing_adult", "homeless"):
                w, acc = [], 0.0
                for x in lst:
                    acc += min(25.0, rng.paretovariate(1.4))
                    w.append(acc)
                self.cum[key] = w

    def nom(self, tname, district, rng, local=0.85):
        key = (tname, district if (district and rng.random() < local) else None)
        lst = self.pool.get(key) or self.pool.get((tname, None))
        cw = self.cum.get(key)
        if cw is not None and len(cw) == len(lst):
            return lst[bisect.bisect_left(cw, rng.random() * cw[-1])]
        return lst[rng.randrange(len(lst))]

    def young_female(self, tname, district, rng, lo=16, hi=45):
        for _ in range(20):
            n = self.nom(tname, district, rng)
            if self.n_sex[n] == "F" and lo <= self.n_age[n] <= hi:
                return n
        return self.nom(tname, district, rng)

    # ------------------------------------------------------------------ occurrences
    def people_for(self, cat, d, rng):
        nm, yf = self.nom, self.young_female
        out = []
        if cat == "domestic_abuse":
            v = nm("da_victim", d, rng)
            out.append((v, "victim"))
            p = self.n_partner[v]
            if p is not None and rng.random() < 0.9:
                out.append((p, "suspect"))
            for ch in self.n_kids[v][:2]:
                if rng.random() < 0.35:
                    out.append((ch, "other"))
            if rng.random() < 0.3:
                out.append((nm("public", d, rng), "caller"))
        elif cat == "sexual_offence":
            out.append((nm("sex_victim", d, rng), "victim"))
            if rng.random() < 0.55:
                out.append((nm("offender", d, rng), "suspect"))
            if rng.random() < 0.3:
                out.append((nm("public", d, rng), "witness"))
        elif cat == "violence":
            r = rng.random()
            v = nm("public", d, rng) if r < 0.5 else (nm("offender", d, rng) if r < 0.82 else
                                                      (nm("sex_worker", d, rng) if r < 0.86 and d in ("Saltfleet", "Thornmere City") else nm("mh", d, rng)))
            out.append((v, "victim"))
            out.append((nm("offender", d, rng), "suspect"))
            for _ in range(rng.choice([0, 0, 1, 2])):
                out.append((nm("public", d, rng), "witness"))
        elif cat in ("theft", "criminal_damage", "vehicle_crime", "burglary", "fraud"):
            vt = "vuln_adult" if (cat in ("burglary", "fraud") and rng.random() < 0.3) else "public"
            out.append((nm(vt, d, rng), "victim"))
            if rng.random() < {"theft": .45, "criminal_damage": .4, "vehicle_crime": .2, "burglary": .25, "fraud": .3}[cat]:
                out.append((nm("offender", d, rng), "suspect"))
            if rng.random() < 0.15:
                out.append((nm("public", d, rng), "witness"))
        elif cat == "asb":
            out.append((nm("public", d, rng), "caller"))
            if rng.random() < 0.5:
                out.append((nm("child" if rng.random() < 0.4 else "offender", d, rng), "suspect"))
        elif cat == "concern_for_welfare":
            t = rng.choices(["mh", "vuln_adult", "homeless", "sex_worker", "da_victim", "public", "missing_adult"],
                            [45, 22, 9, 3, 7, 10, 4])[0]
            out.append((nm(t, d, rng), "other"))
            out.append((nm("public", d, rng), "caller"))
        elif cat == "missing_person":
            t = rng.choices(["child", "missing_adult", "mh", "sex_victim"], [58, 28, 10, 4])[0]
            out.append((nm(t, d, rng), "other"))
            out.append((nm("public", d, rng), "caller"))
        elif cat == "drugs":
            out.append((nm("offender", d, rng), "suspect"))
            if rng.random() < 0.2:
                out.append((nm("offender", d, rng), "suspect"))
        elif cat == "rtc":
            for _ in range(rng.randint(1, 3)):
                out.append((nm("public", d, rng), rng.choice(["victim", "other", "witness"])))
        elif cat == "public_order":
            for _ in range(rng.randint(1, 2)):
                out.append((nm("offender", d, rng), "suspect"))
            if rng.random() < 0.3:
                out.append((nm("public", d, rng), "victim"))
        elif cat == "sudden_death":
            out.append((nm("vuln_adult" if rng.random() < 0.6 else "public", d, rng), "other"))
            for _ in range(rng.randint(1, 2)):
                out.append((nm("public", d, rng), "witness"))
        elif cat == "child_protection":
            out.append((nm("child", d, rng), "victim"))
            if rng.random() < 0.6:
                out.append((nm("offender" if rng.random() < 0.5 else "public", d, rng), "suspect"))
            if rng.random() < 0.4:
                out.append((nm("da_victim", d, rng), "other"))
        elif cat == "stalking_harassment":
            out.append((yf("da_victim", d, rng, 18, 60) if rng.random() < 0.5 else yf("public", d, rng, 18, 60), "victim"))
            out.append((nm("offender", d, rng), "suspect"))
        elif cat == "exploitation":
            out.append((nm("sex_worker" if rng.random() < 0.6 else "msl", d, rng), "victim"))
            out.append((nm("offender", d, rng), "suspect"))
            if rng.random() < 0.3:
                out.append((nm("msl", d, rng), "other"))
        seen, res = set(), []
        for n, r in out:
            if n not in seen:
                seen.add(n)
                res.append((n, r))
        return res

    def simulate_occurrences(self):
        rng = self.rng("occurrences")
        D = self.D
        self.occs = []
        self.custody = []
        self.cust_seq = {s: rng.randint(1000, 3000) for s in SUITES}
        seq = rng.randint(250000, 400000)
        n_people = sum(1 for s in self.staff if "training_account" not in s.flags)
        rate = 0.18 * n_people
        self.occ_by_dd = {}
        for day in range(D):
            dd = dow(day)
            mult = {4: 1.12, 5: 1.18, 6: 1.02}.get(dd, 0.95)
            n = poisson(rng, rate * mult)
            for _ in range(n):
                hr = rng.choices(range(24), HOUR_W)[0]
                t = L2U(day, hr * 3600 + rng.randint(0, 3599))
                dist = rng.choices(DNAMES, DW)[0]
                cat = rng.choices(CAT_NAMES, CAT_W)[0]
                seq += rng.randint(1, 3)
                self.make_occ(cat, t, dist, rng, f"TH{(day_date(day).year % 100):02d}{seq:07d}")
            # arrests on warrant / circulated (custody with no occurrence in the period)
            for _ in range(poisson(rng, rate * 0.035)):
                t = L2U(day, rng.randint(6 * 3600, 23 * 3600))
                dist = rng.choices(DNAMES, DW)[0]
                off = self.nom("offender", dist, rng)
                arr = self.pick("resp", dist, t, rng, fallback_areas=NEIGHBOURS[dist])
                self.book_custody(off, arr, dist, t + rng.randint(1200, 3600), None, rng)
        for o in self.occs:
            self.occ_by_dd.setdefault((o.district, local_day(o.opened)), []).append(o)

    def book_custody(self, ni, arresting, dist, t, occ, rng):
        suite = SUITE_FOR[dist]
        sgt = self.pick("cust_sgt", suite, t, rng)
        if sgt is None:
            return None
        self.cust_seq[suite] += 1
        cid = f"{SUITES[suite][1]}/{self.cust_seq[suite]:05d}/{day_date(local_day(t)).year % 100:02d}"
        dur = min(40 * 3600, int(rng.lognormvariate(math.log(9 * 3600), 0.55)))
        rel = t + dur
        if rel > self.T_END:
            rel = None
        rec = [cid, ni, sgt, suite, t, rel, occ, arresting, rng.random() < 0.15]
        self.custody.append(rec)
        if "arrested_suspect" not in self.n_mark[ni]:
            self.n_mark[ni].append("arrested_suspect")
        return rec

    def make_occ(self, cat, t, dist, rng, oid):
        (w, crime, src_p, att_p, att_g, n_att, arr_p, oic_spec, sg_p, close_mean, _sess) = CATS[cat]
        o = Occ(len(self.occs), oid, cat, t, dist)
        self.occs.append(o)
        o.noms = self.people_for(cat, dist, rng)
        src = rng.choices(["call", "self", "online"], src_p)[0]
        if att_p and rng.random() >= att_p:
            attend = False
        else:
            attend = src != "online"
        T = o.staff
        fb = NEIGHBOURS[dist]
        if src == "call":
            ch = self.pick("callh", "HQ", t, rng)
            if ch is not None:
                T.append([ch, "call_handler", t, t + rng.randint(240, 1500), rng.random() < 0.93])
                o.created_by = self.staff[ch].sid
        elif src == "online":
            cr = self.pick("crimerec", "HQ", t, rng)
            if cr is not None:
                o.created_by = self.staff[cr].sid
                T.append([cr, "other", t, t + 1800, rng.random() < 0.5])
        atts = []
        if attend:
            urgent = cat in ("domestic_abuse", "violence", "sexual_offence", "concern_for_welfare", "missing_person",
                             "public_order", "rtc", "sudden_death", "exploitation", "child_protection")
            td = t + (rng.randint(120, 1500) if urgent else rng.randint(1200, 14400))
            if src == "self":
                td = t
            grp = att_g
            if grp == "resp" and cat in ("concern_for_welfare", "missing_person", "criminal_damage", "theft", "stalking_harassment") \
                    and rng.random() < 0.3 and self.on_duty("nbh", dist, td, rng) is not None:
                grp = "nbh"
            area = dist if grp in ("resp", "nbh") else "HQ"
            k = 1 if n_att == 1 else rng.choice([1, 2, 2])
            for j in range(k):
                x = self.on_duty(grp, area, td, rng, exclude=atts)
                if x is None and grp != "resp":
                    x = self.on_duty("resp", dist, td, rng, exclude=atts)
                if x is None:
                    x = self.on_duty("special", dist, td, rng, exclude=atts)
                if x is None:
                    for a in fb:
                        x = self.on_duty("resp", a, td, rng, exclude=atts)
                        if x is not None:
                            break
                if x is None:
                    continue
                atts.append(x)
                T.append([x, "attending", td, td + rng.randint(3600, 5 * 3600), rng.random() < (0.93 if j == 0 else 0.68)])
            if src == "self" and atts:
                o.created_by = self.staff[atts[0]].sid
            if src == "call" and atts:
                dx = self.on_duty("dispatch", "HQ", td, rng)
                if dx is not None:
                    T.append([dx, "other", td - 60, td + 3600, rng.random() < 0.35])
        if not o.created_by:
            o.created_by = self.staff[atts[0]].sid if atts else ""
        # arrests
        suspects = [n for n, r in o.noms if r == "suspect"]
        arrested = []
        if suspects and rng.random() < arr_p:
            ni = suspects[0]
            if atts:
                ta = t + rng.randint(1800, 7200)
                rec = self.book_custody(ni, atts[0], dist, ta + rng.randint(900, 3000), o, rng)
            else:
                rec = None
            if rec:
                arrested.append(rec)
        # OIC
        oic = None
        if crime or cat in ("missing_person", "asb", "sudden_death"):
            spec = rng.choices([x[0] for x in oic_spec], [x[1] for x in oic_spec])[0]
            ts = t + rng.randint(3600, 36 * 3600)
            if spec == "att" and atts:
                oic = atts[0]
                ts = t + rng.randint(600, 7200)
            elif spec in ("cid",):
                oic = self.pick("cid", HUB_FOR[dist], ts, rng)
            elif spec in ("ppu_da", "ppu_rasso", "ppu_cait"):
                oic = self.pick(spec, "HQ", ts, rng)
            elif spec == "crimerec":
                oic = self.pick("crimerec", "HQ", ts, rng)
            elif spec == "nbh":
                oic = self.pick("nbh", dist, ts, rng)
            if oic is not None:
                T.append([oic, "oic", ts, None, rng.random() < 0.97])
        # closure
        if crime:
            days_open = rng.expovariate(1.0 / close_mean)
            if arrested:
                days_open += rng.uniform(3, 20)
        else:
            days_open = rng.uniform(0.05, 2.5)
        closed = t + int(days_open * 86400)
        o.closed = closed if closed < self.T_END else None
        for a in T:
            if a[1] == "oic":
                a[3] = o.closed
        if oic is not None:
            og = self.staff[oic].post_at(local_day(t))
            sg = None
            if og is not None:
                if og.group in ("resp", "nbh", "roads", "ops", "special"):
                    sg = self.pick("resp_sgt" if og.group != "nbh" else "nbh_sgt", og.area if og.area in DNAMES else dist,
                                   t + rng.randint(3600, 20 * 3600), rng)
                elif og.group in ("cid", "flo"):
                    sg = self.pick("cid_sgt", og.area, t + rng.randint(3600, 48 * 3600), rng)
                elif og.group.startswith("ppu"):
                    sg = self.pick("ppu_sgt", "HQ", t + rng.randint(3600, 48 * 3600), rng)
                elif og.group == "crimerec":
                    sg = self.pick("cr_sup", "HQ", t + rng.randint(3600, 24 * 3600), rng)
            if sg is not None and sg != oic:
                st = t + rng.randint(3600, 30 * 3600)
                T.append([sg, "supervisor", st, st + rng.randint(1, 5) * 86400, rng.random() < 0.7])
        # safeguarding referral to the MASH
        if sg_p and rng.random() < sg_p:
            st = t + rng.randint(6 * 3600, 60 * 3600)
            m = self.pick("mash", "HQ", st, rng)
            if m is not None:
                T.append([m, "safeguarding", st, st + rng.randint(3, 14) * 86400, rng.random() < 0.85])
        # CID investigator on serious matters, family liaison
        if cat in ("sexual_offence", "burglary", "violence", "exploitation") and rng.random() < 0.12:
            st = t + rng.randint(3600, 3 * 86400)
            x = self.pick("cid", HUB_FOR[dist], st, rng, exclude=[oic])
            if x is not None:
                T.append([x, "investigator", st, o.closed, rng.random() < 0.9])
        if (cat == "sudden_death" and rng.random() < 0.3) or (cat == "rtc" and rng.random() < 0.03) or \
                (cat == "sexual_offence" and rng.random() < 0.05):
            st = t + rng.randint(3600, 86400)
            x = self.pick("flo", HUB_FOR[dist], st, rng)
            if x is not None:
                T.append([x, "other", st, None, rng.random() < 0.5])
        # charge, file preparation, witness care
        if arrested and rng.random() < 0.5 or (crime and not arrested and suspects and rng.random() < 0.04):
            ct = (arrested[0][5] or t + 86400) if arrested else t + rng.randint(5, 25) * 86400
            o.charged = ct
            st = ct + rng.randint(1, 5) * 86400
            if st < self.T_END:
                cp = self.pick("cj_case", "HQ", st, rng)
                if cp is not None:
                    T.append([cp, "court_prep", st, None, rng.random() < 0.95])
                wc = self.pick("cj_witness", "HQ", st, rng)
                if wc is not None and any(r in ("victim", "witness") for _, r in o.noms):
                    T.append([wc, "other", st, None, rng.random() < 0.4])
        o.arrests = arrested
        return o

    # ------------------------------------------------------------------ events
    def build_events(self):
        self.ev_rng = rng = self.rng("events")
        self.stops = []
        self.seq_ref = rng.randint(10000, 50000)
        # who is where, for quick lookups of a staff member's shift at time t
        for o in self.occs:
            self.occ_events(o, rng)
        for c in self.custody:
            self.custody_events(c, rng)
        self.cust_by_suite = {}
        for c in sorted(self.custody, key=itemgetter(4)):
            self.cust_by_suite.setdefault(c[3], []).append(c)
        self.cust_booked = {k: [c[4] for c in v] for k, v in self.cust_by_suite.items()}
        for k in SUITES:
            self.cust_by_suite.setdefault(k, [])
            self.cust_booked.setdefault(k, [])
        self.asg = {}
        for o in self.occs:
            for a in o.staff:
                self.asg.setdefault(a[0], []).append((a[2], o))
        for v in self.asg.values():
            v.sort(key=itemgetter(0))
        self.background(rng)
        self.service_accounts(rng)

    def shift_at(self, s, t):
        k = bisect.bisect_right(s.astarts, t) - 1
        if k >= 0:
            sh = s.actual[k]
            if sh[0] <= t <= sh[1]:
                return sh
        return None

    def ws(self, s, t, sys_):
        if sys_ == "MOB":
            return s.handheld or s.laptop or "HH-POOL"
        sh = self.shift_at(s, t)
        if sh is None:
            return s.laptop or s.handheld or f"WS-{DCODE.get(s.postings[-1].district, 'TMC')}-{(s.i % 140) + 1:03d}"
        if sh[2] in ("wfh", "oncall", "admin_home"):
            return s.laptop or sh[4]
        if sh[2] == "field" and sys_ in ("CAD", "PNC") and (t // 900) % 2 == 0:
            return f"MDT-{DCODE.get(sh[3].district, 'TMC')}{(s.i * 7 + t // 86400) % 60:02d}"
        return sh[4]

    def emit(self, s, t, items, rng, gap=(12, 90), tag=-1):
        """items: (system, action, entity_type, entity_id, query). Returns the time after the last."""
        EV = self.EV
        wcache = {}
        sid = s.sid
        rnd = rng.random
        for it in items:
            sy = it[0]
            w = wcache.get(sy)
            if w is None:
                w = wcache[sy] = self.ws(s, t, sy)
            EV[sy].append((t, sid, it[1], it[2], it[3], it[4], w, tag))
            t += rng.randint(gap[0], gap[1])
            if it[1] == "view" and sy != "PNC" and rnd() < TAB_P.get(it[2], 0):
                tabs = TABS[it[2]]
                for _ in range(1 if rnd() < 0.6 else 2):
                    EV[sy].append((t, sid, "view", it[2], it[3], tabs[int(rnd() * len(tabs))], w, tag))
                    t += rng.randint(4, 45)
        return t

    def times_in_shifts(self, s, a, b, k, rng, min_into=600):
        """k random times inside s's actual duty between a and b (may return fewer)."""
        if b <= a:
            return []
        i0 = max(0, bisect.bisect_right(s.astarts, a) - 1)
        i1 = bisect.bisect_right(s.astarts, b)
        cands = [sh for sh in s.actual[i0:i1] if sh[1] > a and sh[0] < b]
        out = []
        if not cands:
            return out
        for _ in range(k):
            sh = cands[rng.randrange(len(cands))]
            lo, hi = max(a, sh[0] + min_into), min(b, sh[1] - 300)
            if hi > lo:
                out.append(rng.randint(lo, hi))
        out.sort()
        return out

    def q_name(self, n, rng):
        f, l = self.n_first[n], self.n_last[n]
        r = rng.random()
        if r < 0.5:
            return f"surname={l.upper()} forename={f.upper()}"
        if r < 0.8:
            return f"surname={l.upper()} forename={f[:3].upper()}* yob={2025 - self.n_age[n]}"
        return f"name={f} {l}"

    def q_pnc(self, n, why):
        return f"ENQ=PER NAME={self.n_last[n].upper()}/{self.n_first[n].upper()} DOB={2025 - self.n_age[n]} {PNC_RSN[why]}"

    def occ_events(self, o, rng):
        S = self.staff
        oid = o.oid
        noms = o.noms
        victims = [n for n, r in noms if r in ("victim", "other")]
        suspects = [n for n, r in noms if r == "suspect"]
        loc = self.n_loc[noms[0][0]] if noms else "LOC0000000"
        sess_lo, sess_hi = CATS[o.cat][10]
        closed = o.closed or self.T_END
        for a in o.staff:
            s = S[a[0]]
            role, st = a[1], a[2]
            if role == "call_handler":
                items = [("CAD", "create", "occurrence", oid, "")]
                caller = next((n for n, r in noms if r == "caller"), victims[0] if victims else None)
                if caller is not None and rng.random() < 0.8:
                    items += [("CAD", "search", "nominal", "", f"tel={self.n_phone[caller]}"),
                              ("CAD", "view", "nominal", self.n_id[caller], "")]
                items.append(("CAD", "view", "location", loc, ""))
                if rng.random() < 0.3:
                    items.append(("RMS", "view", "location", loc, ""))
                if o.cat in FEMALE_VULN_CATS or o.cat in ("child_protection", "violence"):
                    for n in (victims[:1] + suspects[:1]):
                        if rng.random() < 0.7:
                            items += [("RMS", "search", "nominal", "", self.q_name(n, rng)),
                                      ("RMS", "view", "nominal", self.n_id[n], "")]
                items += [("CAD", "update", "occurrence", oid, "")] * rng.randint(1, 3)
                self.emit(s, st, items, rng, (15, 70))
            elif role == "attending":
                items = [("MOB", "view", "occurrence", oid, ""), ("CAD", "view", "location", loc, "")]
                if o.created_by == s.sid and st <= o.opened + 60:
                    items.insert(0, ("MOB" if rng.random() < 0.6 else "RMS", "create", "occurrence", oid, ""))
                for n in suspects[:1]:
                    items += [("PNC", "search", "nominal", "", self.q_pnc(n, "incident")),
                              ("PNC", "view", "nominal", self.n_id[n], "")]
                t = self.emit(s, st, items, rng, (20, 120))
                items = [("MOB", "view", "nominal", self.n_id[n], "") for n, r in noms if rng.random() < 0.75]
                items.append(("MOB", "update", "occurrence", oid, ""))
                t = self.emit(s, t + rng.randint(600, 3600), items, rng, (30, 300))
                if rng.random() < 0.85:
                    items = [("RMS", "view", "occurrence", oid, "")]
                    for n, r in noms:
                        if rng.random() < 0.6:
                            items.append(("RMS", "view", "nominal", self.n_id[n], ""))
                        if rng.random() < 0.12:
                            items.append(("RMS", "update", "nominal", self.n_id[n], ""))
                    items += [("RMS", "update", "occurrence", oid, "")] * rng.randint(1, 3)
                    if o.cat == "domestic_abuse":
                        items.append(("RMS", "create", "other", f"DASH-{oid}", ""))
                    self.emit(s, t + rng.randint(1200, 3 * 3600), items, rng, (20, 200))
            elif role in ("oic", "investigator"):
                end = min(closed, st + 45 * 86400)
                k = rng.randint(sess_lo, sess_hi) if role == "oic" else rng.randint(1, max(1, sess_hi // 2))
                times = self.times_in_shifts(s, st, end, k, rng)
                if not times:
                    times = self.times_in_shifts(s, st, min(self.T_END, st + 10 * 86400), 1, rng)
                for t in times:
                    items = [("RMS", "view", "occurrence", oid, "")]
                    for n, r in noms:
                        if rng.random() < (0.7 if r in ("victim", "suspect") else 0.3):
                            items.append(("RMS", "view", "nominal", self.n_id[n], ""))
                    if rng.random() < 0.6:
                        items.append(("RMS", "update", "occurrence", oid, ""))
                    for n in suspects[:1]:
                        if rng.random() < 0.25:
                            items += [("INTEL", "search", "nominal", "", self.q_name(n, rng)),
                                      ("INTEL", "view", "nominal", self.n_id[n], "")]
                            if self.n_intel[n]:
                                items.append(("INTEL", "view", "intelligence", rng.choice(self.n_intel[n]), ""))
                        if rng.random() < 0.15:
                            items += [("PNC", "search", "nominal", "", self.q_pnc(n, "enquiry")),
                                      ("PNC", "view", "nominal", self.n_id[n], "")]
                    if o.charged and t > o.charged and rng.random() < 0.5:
                        items.append(("CASE", "update", "occurrence", oid, ""))
                    if rng.random() < 0.05:
                        items.append(("RMS", "print", "occurrence", oid, ""))
                    if victims and rng.random() < 0.04:
                        items.append(("RMS", "print", "nominal", self.n_id[victims[0]], ""))
                    self.emit(s, t, items, rng, (15, 150))
                if o.closed and rng.random() < 0.18:
                    tt = self.times_in_shifts(s, o.closed + 3600, o.closed + 14 * 86400, 1, rng)
                    for t in tt:
                        items = [("RMS", "view", "occurrence", oid, "")]
                        if victims:
                            items.append(("RMS", "view", "nominal", self.n_id[victims[0]], ""))
                        self.emit(s, t, items, rng)
            elif role == "supervisor":
                for t in self.times_in_shifts(s, st, a[3], rng.randint(1, 2), rng):
                    items = [("RMS", "view", "occurrence", oid, "")]
                    if victims and rng.random() < 0.7:
                        items.append(("RMS", "view", "nominal", self.n_id[victims[0]], ""))
                    if suspects and rng.random() < 0.4:
                        items.append(("RMS", "view", "nominal", self.n_id[suspects[0]], ""))
                    if victims and rng.random() < 0.03:
                        items.append(("RMS", "print", "nominal", self.n_id[victims[0]], ""))
                    items.append(("RMS", "update", "occurrence", oid, ""))
                    self.emit(s, t, items, rng)
            elif role == "safeguarding":
                ref = f"MASH-{self.seq_ref}"
                self.seq_ref += 1
                times = self.times_in_shifts(s, st, a[3], rng.randint(1, 4), rng)
                for j, t in enumerate(times):
                    if j == 0:
                        items = [("SAFE", "create", "other", ref, ""), ("RMS", "view", "occurrence", oid, "")]
                        for n, r in noms:
                            items.append(("RMS", "view", "nominal", self.n_id[n], ""))
                            for ch in self.n_kids[n][:3]:
                                items.append(("RMS", "view", "nominal", self.n_id[ch], ""))
                        if victims:
                            items += [("INTEL", "search", "nominal", "", self.q_name(victims[0], rng))]
                            items.append(("SAFE", "view", "nominal", self.n_id[victims[0]], ""))
                        items.append(("SAFE", "update", "other", ref, ""))
                    else:
                        items = [("SAFE", "view", "other", ref, ""), ("SAFE", "update", "other", ref, "")]
                        if victims and rng.random() < 0.6:
                            items.append(("RMS", "view", "nominal", self.n_id[victims[0]], ""))
                    self.emit(s, t, items, rng, (20, 160))
            elif role == "court_prep":
                times = self.times_in_shifts(s, st, min(self.T_END, st + 30 * 86400), rng.randint(2, 4), rng)
                for j, t in enumerate(times):
                    items = [("CASE", "create" if j == 0 else "update", "occurrence", oid, ""),
                             ("RMS", "view", "occurrence", oid, "")]
                    for n, r in noms:
                        if rng.random() < 0.5:
                            items.append(("RMS", "view", "nominal", self.n_id[n], ""))
                    items.append(("CASE", "update", "occurrence", oid, ""))
                    if rng.random() < 0.3:
                        items.append(("CASE", "print", "occurrence", oid, ""))
                    if j == len(times) - 1:
                        items.append(("CASE", "export", "occurrence", oid, "to=CPS"))
                    self.emit(s, t, items, rng)
            elif role == "other":
                p = s.post_at(local_day(st))
                g = p.group if p else ""
                if g == "dispatch":
                    items = [("CAD", "view", "occurrence", oid, ""), ("CAD", "update", "occurrence", oid, ""),
                             ("CAD", "view", "location", loc, "")]
                    t = self.emit(s, st, items, rng, (20, 90))
                    self.emit(s, t + rng.randint(600, 2400), [("CAD", "update", "occurrence", oid, "")] * rng.randint(1, 3), rng, (300, 1200))
                elif g in ("flo", "cj_witness"):
                    fam = [n for n, r in noms if r in ("victim", "witness", "other")]
                    weeks = max(1, int((self.T_END - st) / (6 * 86400)))
                    for t in self.times_in_shifts(s, st, self.T_END, min(8, weeks) + rng.randint(0, 2), rng):
                        items = [("RMS", "view", "occurrence", oid, "")] if rng.random() < 0.5 else []
                        for n in fam:
                            if rng.random() < 0.7:
                                items.append(("RMS", "view", "nominal", self.n_id[n], ""))
                        if g == "cj_witness":
                            items.append(("CASE", "update", "occurrence", oid, ""))
                        else:
                            items.append(("RMS", "update", "occurrence", oid, ""))
                        self.emit(s, t, items, rng)
                elif g == "crimerec":
                    items = [("RMS", "create", "occurrence", oid, "")]
                    for n, r in noms:
                        items += [("RMS", "search", "nominal", "", self.q_name(n, rng)),
                                  ("RMS", "view", "nominal", self.n_id[n], "")]
                    items.append(("RMS", "update", "occurrence", oid, ""))
                    self.emit(s, st, items, rng)

    def custody_events(self, c, rng):
        cid, ni, sgt, suite, booked, rel, occ, arresting, bail = c
        S = self.staff
        nid = self.n_id[ni]
        end = rel or self.T_END
        s = S[sgt]
        items = [("CUST", "create", "custody", cid, ""), ("CUST", "view", "nominal", nid, ""),
                 ("PNC", "search", "nominal", "", self.q_pnc(ni, "custody")), ("PNC", "view", "nominal", nid, ""),
                 ("RMS", "view", "nominal", nid, "")]
        if occ is not None:
            items.append(("RMS", "view", "occurrence", occ.oid, ""))
        items += [("CUST", "update", "custody", cid, "")] * rng.randint(2, 4)
        self.emit(s, booked, items, rng, (30, 240))
        # cell visits and reviews through the detention by whoever is on duty at the suite
        t = booked + rng.randint(1200, 3600)
        while t < end:
            x = self.on_duty("detention", suite, t, rng)
            if x is not None:
                its = [("CUST", "update", "custody", cid, "")]
                if rng.random() < 0.3:
                    its.insert(0, ("CUST", "view", "custody", cid, ""))
                self.emit(S[x], t, its, rng, (10, 40))
            t += rng.randint(1800, 3900)
        t = booked + rng.randint(5 * 3600, 7 * 3600)
        while t < end:
            x = self.on_duty("cust_sgt", suite, t, rng)
            if x is not None:
                self.emit(S[x], t, [("CUST", "view", "custody", cid, ""), ("CUST", "update", "custody", cid, "")], rng)
            t += rng.randint(5 * 3600, 9 * 3600)
        # arresting officer and OIC look at the custody record while the person is in
        if arresting is not None:
            a = S[arresting]
            for tt in self.times_in_shifts(a, booked, end, rng.randint(1, 3), rng, 0):
                self.emit(a, tt, [("CUST", "view", "custody", cid, "")], rng)
        if rel:
            x = self.on_duty("cust_sgt", suite, rel, rng)
            if x is None:
                x = sgt
            self.emit(S[x], rel - rng.randint(300, 1200),
                      [("CUST", "view", "custody", cid, ""), ("CUST", "update", "custody", cid, ""),
                       ("CUST", "print", "custody", cid, ""), ("CUST", "update", "custody", cid, "")], rng)
            if bail:  # answering bail weeks later
                bt = rel + rng.randint(14, 28) * 86400
                if bt < self.T_END:
                    x = self.on_duty("cust_sgt", suite, bt, rng)
                    if x is not None:
                        self.emit(S[x], bt, [("CUST", "search", "custody", "", f"surname={self.n_last[ni].upper()}"),
                                             ("CUST", "view", "custody", cid, ""), ("CUST", "view", "nominal", nid, ""),
                                             ("CUST", "update", "custody", cid, "")], rng)

    # -------------------------------------------- per-shift background work, by role group
    def briefing_list(self, district, day, rng):
        key = (district, day)
        bl = self._brief.get(key)
        if bl is None:
            r = random.Random(f"{self.seed}/brief/{district}/{day}")
            bl = [self.nom("offender", district, r, 1.0) for _ in range(r.randint(2, 4))]
            for dd in (day, day - 1, day - 2, day - 3):
                for o in self.occ_by_dd.get((district, dd), []):
                    if o.cat == "missing_person" and r.random() < 0.7:
                        bl.append(o.noms[0][0])
                    elif o.cat == "domestic_abuse" and r.random() < 0.25 and o.noms:
                        bl.append(o.noms[0][0])
                        if len(o.noms) > 1 and o.noms[1][1] == "suspect":
                            bl.append(o.noms[1][0])
            bl = bl[:12]
            self._brief[key] = bl
        return bl

    def recent_occs(self, district, t, hours=14):
        day = local_day(t)
        out = []
        for dd in range(day - int(hours // 24) - 1, day + 1):
            for o in self.occ_by_dd.get((district, dd), []):
                if t - hours * 3600 <= o.opened <= t:
                    out.append(o)
        return out

    def background(self, rng):
        self._brief = {}
        S = self.staff
        n = self.n_id
        # MoPI review: reviewers work through a shuffled backlog of records
        backlog = list(range(self.M - len(self.training_noms)))
        random.Random(f"{self.seed}/mopi").shuffle(backlog)
        self._mopi_cursor = 0
        self._backlog = backlog
        # DA victims with repeat occurrences per district (for neighbourhood "repeat victim" visits)
        rep = {}
        cnt = {}
        for o in self.occs:
            if o.cat == "domestic_abuse" and o.noms:
                v = o.noms[0][0]
                cnt[v] = cnt.get(v, 0) + 1
                if cnt[v] == 2:
                    rep.setdefault(o.district, []).append(v)
        self.repeat_victims = rep
        # designated odd-but-innocent roles
        grp_members = {}
        for s in S:
            p = s.postings[-1]
            grp_members.setdefault(p.group, []).append(s)
        r2 = self.rng("innocents")
        for d in DNAMES:
            c = [s for s in grp_members.get("nbh", []) if s.postings[-1].district == d]
            if c:
                r2.choice(c).flags.add("repeat_victim_champion")
        an = grp_members.get("analyst", [])
        if an:
            r2.choice(an).flags.add("exploitation_profile")
        for s in grp_members.get("iom", []) + grp_members.get("mosovo", []):
            s.cohort = [self.nom("offender", s.postings[-1].district if s.postings[-1].district in DNAMES else None, r2, 0.8)
                        for _ in range(r2.randint(10, 18))]
        for s in grp_members.get("psd", []):
            caseload = []
            for _ in range(r2.randint(3, 9)):
                t = r2.choice(["da_victim", "sex_victim", "public", "offender", "mh", "sex_worker"])
                caseload.append(self.young_female(t, None, r2, 18, 60) if t != "offender" else self.nom(t, None, r2))
            s.cohort = caseload
        self.course_days = [d for d in range(self.D) if dow(d) in (1, 2, 3) and (d // 7) % 4 != 3]
        fn = {
            "resp": self.bg_patrol, "resp_sgt": self.bg_patrol, "nbh": self.bg_patrol, "pcso": self.bg_patrol,
            "nbh_sgt": self.bg_patrol, "roads": self.bg_patrol, "ops": self.bg_patrol, "special": self.bg_patrol,
            "callh": self.bg_callh, "dispatch": self.bg_dispatch, "crimerec": self.bg_crimerec, "cr_sup": self.bg_crsup,
            "cust_sgt": self.bg_custody, "detention": self.bg_custody,
            "cid": self.bg_investigator, "cid_sgt": self.bg_investigator, "flo": self.bg_investigator,
            "ppu_da": self.bg_investigator, "ppu_rasso": self.bg_investigator, "ppu_cait": self.bg_investigator,
            "ppu_sgt": self.bg_investigator, "mash": self.bg_mash, "marac": self.bg_marac, "mosovo": self.bg_cohort,
            "iom": self.bg_cohort, "analyst": self.bg_analyst, "researcher": self.bg_researcher,
            "intel_off": self.bg_intel_off, "psd": self.bg_psd, "cj_case": self.bg_cj, "cj_witness": self.bg_cj,
            "mopi": self.bg_mopi, "dbs": self.bg_dbs, "bus": self.bg_office, "ict": self.bg_office,
            "admin": self.bg_office, "trainer": self.bg_trainer, "command": self.bg_command,
            "volunteer": self.bg_volunteer,
        }
        for s in S:
            for sh in s.actual:
                p = sh[3]
                f = fn.get(p.group)
                if f is not None:
                    f(s, sh, p, rng)
        # classroom training accounts
        for d in self.course_days:
            for acct in self.train_accounts:
                if rng.random() < 0.7:
                    t = L2U(d, rng.randint(int(9.25 * 3600), 10 * 3600))
                    for _ in range(rng.randint(3, 7)):
                        items = []
                        for _ in range(rng.randint(2, 6)):
                            tn = rng.choice(self.training_noms)
                            items += [("RMS", "search", "nominal", "", f"surname={self.n_last[tn]}"),
                                      ("RMS", "view", "nominal", n[tn], "")]
                            if rng.random() < 0.4:
                                items.append(("RMS", "update", "nominal", n[tn], ""))
                        if rng.random() < 0.3:
                            tn = rng.choice(self.training_noms)
                            items += [("PNC", "search", "nominal", "", f"ENQ=PER NAME={self.n_last[tn]}/TRAINING {PNC_RSN['admin']} TRAINING"),
                                      ("PNC", "view", "nominal", n[tn], "")]
                        wsn = f"HQ-TRAINING-PC{acct.i % 20 + 1:02d}"
                        for it in items:
                            self.EV[it[0]].append((t, acct.sid, it[1], it[2], it[3], it[4], wsn, -1))
                            t += rng.randint(20, 200)
                        t += rng.randint(1200, 3600)

    def _t(self, sh, rng, lo=600):
        a, b = sh[0] + lo, sh[1] - 300
        return rng.randint(a, b) if b > a else sh[0]

    def bg_patrol(self, s, sh, p, rng):
        n = self.n_id
        g = p.group
        if sh[2] == "admin_home":
            dist = p.district if p.district in DNAMES else HQ
            t = sh[0]
            for o in self.recent_occs(dist, sh[0], 72)[:rng.randint(3, 10)]:
                items = [("RMS", "view", "occurrence", o.oid, "")]
                if o.noms and rng.random() < 0.3:
                    items.append(("RMS", "view", "nominal", n[o.noms[0][0]], ""))
                    if rng.random() < 0.25:
                        items.append(("RMS", "view", "location", self.n_loc[o.noms[0][0]], ""))
                items.append(("RMS", "update", "occurrence", o.oid, "review"))
                t = self.emit(s, t, items, rng, (30, 240))
            return
        if s.handheld and rng.random() < 0.12:     # a look at the handheld before booking on
            t = sh[0] - rng.randint(600, 2700)
            items = [("MOB", "view", "other", f"WORKLIST-{s.sid}", "")]
            mine = self.asg.get(s.i, [])
            k = bisect.bisect_left(mine, (sh[0] - 7 * 86400,)) if mine else 0
            recent = [o for st, o in mine[k:] if st < sh[0]]
            if recent and rng.random() < 0.5:
                o = recent[rng.randrange(len(recent))]
                items.append(("MOB", "view", "occurrence", o.oid, ""))
                if o.noms and rng.random() < 0.5:
                    items.append(("MOB", "view", "nominal", n[o.noms[0][0]], ""))
            self.emit(s, t, items, rng, (15, 90))
        L = (sh[1] - sh[0]) / 36000.0
        dist = p.district if p.district in DNAMES else rng.choices(DNAMES, DW)[0]
        if g in ("roads", "ops"):
            dist = rng.choices(DNAMES, DW)[0]
        day = local_day(sh[0])
        # briefing
        if rng.random() < 0.85 and g != "pcso" or rng.random() < 0.5:
            code = DCODE[dist]
            items = [("RMS", "view", "other", f"BRF-{code}-{day_date(day).isoformat()}", "")]
            bl = self.briefing_list(dist, day, rng)
            for x in bl:
                if rng.random() < 0.2:
                    items.append(("RMS", "view", "nominal", n[x], ""))
            self.emit(s, sh[0] + rng.randint(300, 1500), items, rng, (20, 100))
        # worklist and situational awareness
        for _ in range(rng.randint(1, 4)):
            self.emit(s, self._t(sh, rng), [("RMS", "view", "other", f"WORKLIST-{s.sid}", "")], rng)
        for _ in range(poisson(rng, 3 * L)):
            t = self._t(sh, rng)
            rec = self.recent_occs(dist, t)
            if rec:
                o = rec[rng.randrange(len(rec))]
                sys_ = "MOB" if rng.random() < 0.5 else "RMS"
                items = [(sys_, "view", "occurrence", o.oid, "")]
                if o.noms and rng.random() < 0.12:
                    items.append((sys_, "view", "nominal", n[o.noms[0][0]], ""))
                self.emit(s, t, items, rng)
        # vehicle checks
        vr = {"roads": 9, "resp": 3, "resp_sgt": 1, "ops": 2, "special": 2.5, "nbh": 1, "pcso": 0, "nbh_sgt": 0.5}[g]
        for _ in range(poisson(rng, vr * L)):
            x = self.nom("public" if rng.random() < 0.7 else "offender", dist, rng)
            v = self.n_vrm[x] or rand_vrm(rng)
            self.emit(s, self._t(sh, rng), [("PNC", "search", "vehicle", "", f"ENQ=VEH VRM={v} {PNC_RSN['stop']}"),
                                            ("PNC", "view", "vehicle", v, "")], rng, (5, 40))
        # stops of people
        sr = {"roads": .5, "resp": 1.0, "resp_sgt": .25, "ops": .4, "special": .8, "nbh": .6, "pcso": .2, "nbh_sgt": .1}[g]
        for _ in range(poisson(rng, sr * L)):
            t = self._t(sh, rng)
            r = rng.random()
            x = self.nom("offender" if r < 0.55 else ("homeless" if r < 0.65 else "public"), dist, rng)
            matched = rng.random() < 0.85
            items = [("PNC", "search", "nominal", "", self.q_pnc(x, "stop")),
                     ("PNC", "view", "nominal", n[x] if matched else "", "")]
            if rng.random() < 0.4:
                items.append(("MOB", "view", "nominal", n[x], ""))
            if rng.random() < 0.62 and g != "pcso":
                ssid = f"SS{len(self.stops) + 10001:06d}"
                self.stops.append((ssid, t, dist, s.sid, x))
                items.append(("MOB", "create", "occurrence", ssid, ""))
            self.emit(s, t, items, rng, (20, 120))
        # enquiries: name searches for people in own jobs, or local people of interest
        mine = self.asg.get(s.i, [])
        k0 = bisect.bisect_left(mine, (sh[0] - 14 * 86400,)) if mine else 0
        own = [o for st, o in mine[k0:] if st < sh[1] and o.noms]
        for _ in range(poisson(rng, (1.6 if g not in ("pcso", "ops") else 0.6) * L)):
            t = self._t(sh, rng)
            sy = "MOB" if rng.random() < 0.35 else "RMS"
            if own and rng.random() < 0.65:
                o = own[rng.randrange(len(own))]
                x = o.noms[rng.randrange(len(o.noms))][0]
            else:
                x = self.nom("offender" if rng.random() < 0.7 else "public", dist, rng)
            items = [(sy, "search", "nominal", "", self.q_name(x, rng)), (sy, "view", "nominal", n[x], "")]
            if rng.random() < 0.3:
                items.append((sy, "view", "location", self.n_loc[x], ""))
            self.emit(s, t, items, rng)
        # intelligence and locations
        ir = {"nbh": 0.8, "pcso": 0.5, "nbh_sgt": 0.6}.get(g, 0.35)
        for _ in range(poisson(rng, ir * L)):
            x = self.nom("offender", dist, rng)
            items = [("INTEL", "search", "nominal", "", self.q_name(x, rng)), ("INTEL", "view", "nominal", n[x], "")]
            if self.n_intel[x]:
                items.append(("INTEL", "view", "intelligence", rng.choice(self.n_intel[x]), ""))
            if g in ("nbh", "pcso") and rng.random() < 0.3:
                items.append(("INTEL", "create", "intelligence", f"IR{rng.randrange(1000000, 9999999)}", ""))
            self.emit(s, self._t(sh, rng), items, rng)
        for _ in range(poisson(rng, 1.0 * L)):
            x = self.nom("public", dist, rng)
            self.emit(s, self._t(sh, rng), [("CAD" if rng.random() < 0.5 else "MOB", "view", "location", self.n_loc[x], "")], rng)
        # supervisors: review team incidents
        if g in ("resp_sgt", "nbh_sgt"):
            for _ in range(poisson(rng, 6 * L)):
                t = self._t(sh, rng)
                rec = self.recent_occs(dist, t, 20)
                if rec:
                    o = rec[rng.randrange(len(rec))]
                    items = [("RMS", "view", "occurrence", o.oid, "")]
                    if o.noms and rng.random() < 0.25:
                        items.append(("RMS", "view", "nominal", n[o.noms[0][0]], ""))
                    self.emit(s, t, items, rng)
        # neighbourhood officer who keeps an eye on the district's repeat DA victims (not tasked, legitimate)
        if "repeat_victim_champion" in s.flags and rng.random() < 0.5:
            rv = self.repeat_victims.get(dist, [])
            for v in rng.sample(rv, min(len(rv), rng.randint(1, 3))):
                self.emit(s, self._t(sh, rng), [("RMS", "view", "nominal", n[v], ""),
                                                ("RMS", "view", "location", self.n_loc[v], "")], rng)

    def bg_callh(self, s, sh, p, rng):
        L = (sh[1] - sh[0]) / 43200.0
        for _ in range(poisson(rng, 24 * L)):
            t = self._t(sh, rng, 300)
            ref = f"CL{(t // 60) % 10000000:07d}{s.i % 100:02d}"
            items = [("CAD", "create", "other", ref, "")]
            if rng.random() < 0.2:
                x = self.nom(rng.choice(["public", "public", "public", "vuln_adult", "offender", "mh"]), rng.choices(DNAMES, DW)[0], rng)
                items += [("CAD", "search", "nominal", "", f"tel={self.n_phone[x]}"), ("CAD", "view", "nominal", self.n_id[x], "")]
            items.append(("CAD", "update", "other", ref, "closed"))
            self.emit(s, t, items, rng, (20, 200))

    def bg_dispatch(self, s, sh, p, rng):
        L = (sh[1] - sh[0]) / 43200.0
        for _ in range(poisson(rng, 22 * L)):
            t = self._t(sh, rng, 300)
            d = rng.choices(DNAMES, DW)[0]
            rec = self.recent_occs(d, t, 6)
            if rec:
                o = rec[rng.randrange(len(rec))]
                self.emit(s, t, [("CAD", "view", "occurrence", o.oid, ""), ("CAD", "update", "occurrence", o.oid, "")], rng)
        for _ in range(poisson(rng, 10 * L)):   # checks done over the radio for officers without handhelds
            d = rng.choices(DNAMES, DW)[0]
            x = self.nom("offender" if rng.random() < 0.6 else "public", d, rng)
            if rng.random() < 0.5 or not self.n_vrm[x]:
                items = [("PNC", "search", "nominal", "", self.q_pnc(x, "stop")), ("PNC", "view", "nominal", self.n_id[x], "")]
            else:
                v = self.n_vrm[x]
                items = [("PNC", "search", "vehicle", "", f"ENQ=VEH VRM={v} {PNC_RSN['stop']}"), ("PNC", "view", "vehicle", v, "")]
            self.emit(s, self._t(sh, rng, 300), items, rng)

    def bg_crimerec(self, s, sh, p, rng):
        for _ in range(poisson(rng, 8)):
            d = rng.choices(DNAMES, DW)[0]
            t = self._t(sh, rng)
            rec = self.recent_occs(d, t, 48)
            if rec:
                o = rec[rng.randrange(len(rec))]
                self.emit(s, t, [("RMS", "view", "occurrence", o.oid, "")], rng)

    def bg_crsup(self, s, sh, p, rng):
        for _ in range(poisson(rng, 30)):
            d = rng.choices(DNAMES, DW)[0]
            t = self._t(sh, rng)
            rec = self.recent_occs(d, t, 4)
            if rec:
                o = rec[rng.randrange(len(rec))]
                self.emit(s, t, [("CAD", "view", "occurrence", o.oid, "")], rng)

    def bg_custody(self, s, sh, p, rng):
        code = SUITES[SUITE_FOR[p.district]][1]
        suite = SUITE_FOR[p.district]
        cl = self.cust_by_suite.get(suite, [])
        j = bisect.bisect_right(self.cust_booked[suite], sh[1])
        inside = [c for c in cl[max(0, j - 40):j] if c[4] < sh[1] and (c[5] is None or c[5] > sh[0])]
        for c in rng.sample(inside, min(len(inside), poisson(rng, 1.5))):
            t = max(sh[0] + 300, c[4] + 600)
            if t < sh[1]:
                items = [("CUST", "view", "custody", c[0], ""), ("PNC", "search", "nominal", "", self.q_pnc(c[1], "custody")),
                         ("PNC", "view", "nominal", self.n_id[c[1]], "")]
                if rng.random() < 0.5:
                    items.append(("RMS", "view", "nominal", self.n_id[c[1]], ""))
                if rng.random() < 0.2:
                    items.append(("RMS", "view", "location", self.n_loc[c[1]], ""))
                if rng.random() < 0.15:
                    items.insert(0, ("RMS", "search", "nominal", "", self.q_name(c[1], rng)))
                self.emit(s, t, items, rng)
        t = sh[0] + rng.randint(300, 1200)
        while t < sh[1] - 600:
            self.emit(s, t, [("CUST", "view", "other", f"{code}-BOARD", "")], rng)
            t += rng.randint(900, 2700)
        for _ in range(poisson(rng, 2)):   # historic custody records of people in the cells
            x = self.nom("offender", p.district, rng)
            self.emit(s, self._t(sh, rng), [("CUST", "search", "custody", "", f"surname={self.n_last[x].upper()}"),
                                            ("CUST", "view", "custody", f"{code}/{rng.randint(100, 999):05d}/{rng.choice([21, 22, 23, 24])}", "")], rng)

    def bg_investigator(self, s, sh, p, rng):
        if sh[2] == "oncall":
            d = rng.choices(DNAMES, DW)[0]
            rec = self.recent_occs(d, sh[0], 6) or self.recent_occs(HQ, sh[0], 10)
            items = [("RMS", "view", "occurrence", o.oid, "") for o in rec[:rng.randint(1, 3)]]
            if rec and rec[0].noms:
                items.append(("RMS", "view", "nominal", self.n_id[rec[0].noms[0][0]], ""))
            if items:
                self.emit(s, sh[0] + 60, items, rng, (30, 300))
            return
        L = (sh[1] - sh[0]) / 36000.0
        d = HUBS.get(p.area, None) if p.area in HUBS else rng.choices(DNAMES, DW)[0]
        for _ in range(poisson(rng, 3 * L)):
            x = self.nom("offender", d, rng)
            items = [("INTEL", "search", "nominal", "", self.q_name(x, rng)), ("INTEL", "view", "nominal", self.n_id[x], "")]
            if self.n_intel[x]:
                items.append(("INTEL", "view", "intelligence", rng.choice(self.n_intel[x]), ""))
            self.emit(s, self._t(sh, rng), items, rng)
        for _ in range(poisson(rng, 4 * L)):   # older occurrences (pre-period) linked to suspects
            self.emit(s, self._t(sh, rng), [("RMS", "view", "occurrence", f"TH{rng.choice([21, 22, 23, 24])}{rng.randint(10000, 199999):07d}", "")], rng)
        for _ in range(poisson(rng, 1.5 * L)):
            x = self.nom("offender", d, rng)
            self.emit(s, self._t(sh, rng), [("PNC", "search", "nominal", "", self.q_pnc(x, "enquiry")), ("PNC", "view", "nominal", self.n_id[x], "")], rng)
        if p.group in ("cid_sgt", "ppu_sgt"):
            for _ in range(poisson(rng, 5 * L)):
                dd = rng.choices(DNAMES, DW)[0]
                t = self._t(sh, rng)
                rec = self.recent_occs(dd, t, 30)
                if rec:
                    self.emit(s, t, [("RMS", "view", "occurrence", rec[rng.randrange(len(rec))].oid, "")], rng)

    def bg_mash(self, s, sh, p, rng):
        for _ in range(poisson(rng, 3)):   # referrals from schools, health, social care: no police occurrence
            d = rng.choices(DNAMES, DW)[0]
            ref = f"MASH-{self.seq_ref}"
            self.seq_ref += 1
            x = self.nom(rng.choices(["child", "da_victim", "mh", "vuln_adult"], [60, 20, 12, 8])[0], d, rng)
            items = [("SAFE", "create", "other", ref, ""), ("RMS", "search", "nominal", "", self.q_name(x, rng)),
                     ("RMS", "view", "nominal", self.n_id[x], ""), ("SAFE", "view", "nominal", self.n_id[x], "")]
            if self.n_partner[x] is not None and rng.random() < 0.6:
                items.append(("RMS", "view", "nominal", self.n_id[self.n_partner[x]], ""))
            for ch in self.n_kids[x][:3]:
                items.append(("RMS", "view", "nominal", self.n_id[ch], ""))
            items += [("INTEL", "search", "nominal", "", self.q_name(x, rng)), ("SAFE", "update", "other", ref, "")]
            self.emit(s, self._t(sh, rng), items, rng, (20, 180))

    def bg_marac(self, s, sh, p, rng):
        day = local_day(sh[0])
        if dow(day) in (1, 3):   # MARAC meetings: review every high-risk case on the list
            items = [("SAFE", "view", "other", f"MARAC-{day_date(day).isoformat()}", "")]
            for _ in range(rng.randint(10, 22)):
                v = self.nom("da_victim", rng.choices(DNAMES, DW)[0], rng)
                items += [("RMS", "view", "nominal", self.n_id[v], ""), ("SAFE", "view", "nominal", self.n_id[v], "")]
                if self.n_partner[v] is not None and rng.random() < 0.7:
                    items.append(("RMS", "view", "nominal", self.n_id[self.n_partner[v]], ""))
                items.append(("SAFE", "update", "other", f"MARAC-{day_date(day).isoformat()}", ""))
            self.emit(s, sh[0] + rng.randint(1800, 5400), items, rng, (40, 400))
        else:
            self.bg_mash(s, sh, p, rng)

    def bg_cohort(self, s, sh, p, rng):
        coh = s.cohort or [self.nom("offender", None, rng)]
        for x in rng.sample(coh, min(len(coh), rng.randint(2, 7))):
            items = [("RMS", "view", "nominal", self.n_id[x], "")]
            if rng.random() < 0.4:
                items += [("PNC", "search", "nominal", "", self.q_pnc(x, "intel")), ("PNC", "view", "nominal", self.n_id[x], "")]
            if rng.random() < 0.4:
                items.append(("INTEL", "view", "nominal", self.n_id[x], ""))
            if rng.random() < 0.2:
                items.append(("RMS", "view", "location", self.n_loc[x], ""))
            self.emit(s, self._t(sh, rng), items, rng)

    def bg_analyst(self, s, sh, p, rng):
        for _ in range(rng.randint(1, 5)):
            m = rng.choice(MARKER_ORDER)
            d = rng.choice(DNAMES + ["ALL"])
            a0 = rng.choice([16, 18, 25, 30, 40])
            ref = f"RPT-{rng.randrange(100000, 999999)}"
            items = [("RMS", "search", "other", "", f"marker={m} district={d} age={a0}-{a0 + rng.choice([10, 15, 25])} period=P90D"),
                     ("RMS", "export", "other", ref, "")]
            if rng.random() < 0.5:
                items.append(("INTEL", "export", "other", ref, ""))
            self.emit(s, self._t(sh, rng), items, rng, (60, 400))
        if "exploitation_profile" in s.flags:
            kinds = ["sex_worker", "sex_worker", "msl", "missing_adult", "child"]
        else:
            kinds = ["offender", "offender", "da_victim", "public", "mh", "child"]
        for _ in range(rng.randint(2, 8)):
            x = self.nom(rng.choice(kinds), None, rng)
            items = [("RMS", "view", "nominal", self.n_id[x], "")]
            if rng.random() < 0.5:
                items.append(("INTEL", "view", "nominal", self.n_id[x], ""))
            self.emit(s, self._t(sh, rng), items, rng)

    def bg_researcher(self, s, sh, p, rng):
        if local_hour(sh[0]) < 11:   # daily management meeting preparation
            items = []
            t = sh[0] + rng.randint(300, 1200)
            for d in DNAMES:
                for o in self.recent_occs(d, t, 24):
                    if rng.random() < 0.35:
                        items.append(("RMS", "view", "occurrence", o.oid, ""))
                        for nn, r in o.noms:
                            if r == "suspect" and rng.random() < 0.25:
                                items.append(("RMS", "view", "nominal", self.n_id[nn], ""))
            self.emit(s, t, items, rng, (15, 90))
        for _ in range(poisson(rng, 3)):
            x = self.nom("offender", None, rng)
            items = [("RMS", "search", "nominal", "", self.q_name(x, rng)), ("RMS", "view", "nominal", self.n_id[x], ""),
                     ("INTEL", "view", "nominal", self.n_id[x], "")]
            if self.n_intel[x]:
                items.append(("INTEL", "view", "intelligence", rng.choice(self.n_intel[x]), ""))
            if self.n_partner[x] is not None:
                items.append(("RMS", "view", "nominal", self.n_id[self.n_partner[x]], ""))
            self.emit(s, self._t(sh, rng), items, rng)

    def bg_intel_off(self, s, sh, p, rng):
        for _ in range(poisson(rng, 4)):
            x = self.nom("offender", None, rng)
            items = [("INTEL", "view", "nominal", self.n_id[x], ""),
                     ("INTEL", "create", "intelligence", f"IR{rng.randrange(1000000, 9999999)}", "")]
            self.emit(s, self._t(sh, rng), items, rng)
        for _ in range(poisson(rng, 2)):
            x = self.nom("offender", None, rng)
            self.emit(s, self._t(sh, rng), [("RMS", "view", "nominal", self.n_id[x], "")], rng)

    def bg_psd(self, s, sh, p, rng):
        for x in rng.sample(s.cohort, min(len(s.cohort), rng.randint(0, 3))):
            items = [("RMS", "view", "nominal", self.n_id[x], "")]
            if rng.random() < 0.3:
                items.append(("RMS", "view", "location", self.n_loc[x], ""))
            self.emit(s, self._t(sh, rng), items, rng)
        for _ in range(poisson(rng, 2)):
            ref = f"AUDIT-{rng.randrange(10000, 99999)}"
            self.emit(s, self._t(sh, rng), [("RMS", "search", "other", "", f"audit user={rng.choice(self.staff).sid} period=P30D"),
                                            ("RMS", "export", "other", ref, "")], rng)

    def bg_cj(self, s, sh, p, rng):
        for _ in range(poisson(rng, 4)):
            t = self._t(sh, rng)
            d = rng.choices(DNAMES, DW)[0]
            rec = [o for o in self.recent_occs(d, t, 24 * 10) if o.charged]
            if rec:
                self.emit(s, t, [("RMS", "view", "occurrence", rec[rng.randrange(len(rec))].oid, "")], rng)

    def bg_mopi(self, s, sh, p, rng):
        t = sh[0] + rng.randint(900, 2400)
        k = rng.randint(12, 30) if p.sup == 0 else rng.randint(3, 8)
        bl = self._backlog
        for _ in range(k):
            x = bl[self._mopi_cursor % len(bl)]
            self._mopi_cursor += 1
            items = [("RMS", "view", "nominal", self.n_id[x], "")]
            items.append(("RMS", "update", "nominal", self.n_id[x], "review=MoPI"))
            t = self.emit(s, t, items, rng, (40, 200)) + rng.randint(60, 500)
            if t > sh[1]:
                break

    def bg_dbs(self, s, sh, p, rng):
        for _ in range(poisson(rng, 12)):
            x = rng.randrange(self.M - len(self.training_noms))
            items = [("RMS", "search", "nominal", "", self.q_name(x, rng) + f" ref=DBS{rng.randrange(100000, 999999)}")]
            if rng.random() < 0.35:
                items.append(("RMS", "view", "nominal", self.n_id[x], ""))
                if rng.random() < 0.3:
                    items.append(("RMS", "print", "nominal", self.n_id[x], ""))
            self.emit(s, self._t(sh, rng), items, rng)

    def bg_office(self, s, sh, p, rng):
        g = p.group
        if g == "ict":
            for _ in range(poisson(rng, 1.2)):
                x = rng.randrange(self.M - len(self.training_noms))
                self.emit(s, self._t(sh, rng), [("RMS", "view", "nominal", self.n_id[x], f"ticket=INC{rng.randrange(100000, 999999)}")], rng)
        elif g == "admin":
            for _ in range(poisson(rng, 3)):
                self.emit(s, self._t(sh, rng), [("RMS", "search", "other", "", f"property ref=PR{rng.randrange(10000, 99999)}"),
                                                ("RMS", "update", "other", f"PROP-{rng.randrange(10000, 99999)}", "")], rng)
        elif rng.random() < 0.2:
            self.emit(s, self._t(sh, rng), [("RMS", "view", "other", "HOME", "")], rng)

    def bg_trainer(self, s, sh, p, rng):
        if local_day(sh[0]) in self.course_days:
            items = []
            for _ in range(rng.randint(4, 12)):
                tn = rng.choice(self.training_noms)
                items += [("RMS", "view", "nominal", self.n_id[tn], "")]
            self.emit(s, sh[0] + 1800, items, rng, (60, 600))

    def bg_command(self, s, sh, p, rng):
        day = local_day(sh[0])
        self.emit(s, sh[0] + rng.randint(300, 2400), [("RMS", "view", "other", f"DMR-{day_date(day).isoformat()}", "")], rng)
        for d in rng.sample(DNAMES, 2):
            rec = [o for o in self.recent_occs(d, sh[0] + 3600, 36) if o.cat in ("sexual_offence", "sudden_death", "missing_person", "exploitation")]
            for o in rec[:2]:
                self.emit(s, self._t(sh, rng), [("RMS", "view", "occurrence", o.oid, "")], rng)

    def bg_volunteer(self, s, sh, p, rng):
        for _ in range(rng.randint(1, 4)):
            self.emit(s, self._t(sh, rng, 300), [("RMS", "search", "other", "", f"property ref=PR{rng.randrange(10000, 99999)}"),
                                                 ("RMS", "view", "other", f"PROP-{rng.randrange(10000, 99999)}", "")], rng)

    def service_accounts(self, rng):
        # nightly RMS housekeeping job and the CAD->RMS interface account (neither is a person)
        for d in range(self.D):
            t = L2U(d, 2 * 3600 + rng.randint(0, 900))
            for _ in range(rng.randint(80, 160) * max(1, self.N // 1000)):
                x = rng.randrange(self.M - len(self.training_noms))
                self.EV["RMS"].append((t, "SVC_RMS_HOUSEKEEP", "update", "nominal", self.n_id[x], "job=retention-review", "APP-RMS-01", -1))
                t += rng.randint(1, 6)
        for o in self.occs:
            if any(a[1] == "call_handler" for a in o.staff):
                t = o.opened + rng.randint(60, 600)
                self.EV["RMS"].append((t, "SVC_CADLINK", "create", "occurrence", o.oid, "source=CAD", "APP-CADLINK-01", -1))

    # ------------------------------------------------------------------ abusers
    def choose_abusers(self):
        rng = self.rng("abusers")
        n_ab = max(5, round(self.N / 120))
        order = list(PATTERNS)
        random.Random(f"patterns/{self.seed}").shuffle(order)
        self.abusers = []   # dicts
        taken = set()
        planners = {"lingering_victim": self.plan_lingering, "custody_release_followup": self.plan_custody,
                    "caller_followup": self.plan_caller, "force_trawl": self.plan_trawl,
                    "colleague_cover": self.plan_cover, "supervisor_fixation": self.plan_supervisor,
                    "home_area_browse": self.plan_home, "named_stranger": self.plan_stranger,
                    "low_and_slow": self.plan_lowslow, "sex_worker_predation": self.plan_sexworker,
                    "sham_welfare": self.plan_sham}
        k = 0
        attempts = 0
        while len(self.abusers) < n_ab and attempts < n_ab * 4:
            pat = order[k % len(order)]
            k += 1
            attempts += 1
            plan = planners[pat](rng, taken)
            if plan:
                plan["pattern"] = pat
                plan["tag"] = len(self.abusers)
                taken.add(plan["staff"].i)
                self.abusers.append(plan)

    def _eligible(self, rng, taken, groups, male_p=0.9, need_whole=True, extra=None):
        c = []
        for s in self.staff:
            if s.i in taken or "training_account" in s.flags or s.flags & {"repeat_victim_champion", "exploitation_profile"}:
                continue
            if need_whole and (s.left is not None or (s.joined is not None and s.joined > 0)):
                continue
            if not any(p.group in groups and p.active(self.D // 2) for p in s.postings):
                continue
            if extra and not extra(s):
                continue
            c.append(s)
        if not c:
            return []
        males = [s for s in c if s.sex == "M"]
        females = [s for s in c if s.sex != "M"]
        rng.shuffle(males)
        rng.shuffle(females)
        if females and (not males or rng.random() > male_p):
            return females + males
        return males + females

    def _vuln_female(self, n, lo=17, hi=45):
        return self.n_sex[n] == "F" and lo <= self.n_age[n] <= hi and any(m in VULN_MARKERS for m in self.n_mark[n])

    def plan_lingering(self, rng, taken):
        horizon = self.T0p(0.55)
        for s in self._eligible(rng, taken, {"resp", "nbh", "roads", "special"})[:40]:
            opts = []
            for o in self.occs:
                if o.opened > horizon or o.cat not in FEMALE_VULN_CATS:
                    continue
                for a in o.staff:
                    if a[0] == s.i and a[1] == "attending" and a[4]:
                        for n, r in o.noms:
                            if r in ("victim", "other") and self._vuln_female(n, 18, 42):
                                opts.append((o, n, a[3]))
            if opts:
                o, n, aend = rng.choice(opts)
                return {"staff": s, "targets": [n], "occ": o, "from": max(aend, (o.closed or aend)) + rng.randint(2, 6) * 86400}
        return None

    def plan_custody(self, rng, taken):
        for s in self._eligible(rng, taken, {"cust_sgt", "detention"})[:30]:
            opts = []
            for c in self.custody:
                if c[5] is None or c[5] > self.T0p(0.75):
                    continue
                n = c[1]
                if self.n_sex[n] != "F" or not (18 <= self.n_age[n] <= 45):
                    continue
                if self.shift_at(s, c[4] + 1800) is not None and SUITE_FOR[s.post_at(local_day(c[4])).district] == c[3] if s.post_at(local_day(c[4])) else False:
                    opts.append(c)
            if opts:
                c = rng.choice(opts)
                return {"staff": s, "targets": [c[1]], "custody": c, "from": c[5] + rng.randint(1, 4) * 86400}
        return None

    def plan_caller(self, rng, taken):
        for s in self._eligible(rng, taken, {"callh", "dispatch"}, 0.85)[:40]:
            opts = []
            for o in self.occs:
                if o.opened > self.T0p(0.7) or o.cat not in FEMALE_VULN_CATS | {"violence"}:
                    continue
                if any(a[0] == s.i and a[1] == "call_handler" for a in o.staff):
                    for n, r in o.noms:
                        if r in ("victim", "caller", "other") and self.n_sex[n] == "F" and 18 <= self.n_age[n] <= 45:
                            opts.append((o, n))
            if opts:
                o, n = rng.choice(opts)
                return {"staff": s, "targets": [n], "occ": o, "from": o.opened + rng.randint(2, 9) * 86400}
        return None

    def plan_trawl(self, rng, taken):
        groups = {"resp", "researcher", "cj_case", "nbh", "crimerec", "intel_off", "cid"}
        for s in self._eligible(rng, taken, groups)[:5]:
            return {"staff": s, "targets": [], "from": T0 + 86400}
        return None

    def plan_cover(self, rng, taken):
        for s in self._eligible(rng, taken, {"resp", "nbh"})[:40]:
            p = s.post_at(self.D // 3)
            if p is None:
                continue
            opts = []
            for o in self.occs:
                if o.district != p.district or o.cat not in FEMALE_VULN_CATS or o.opened > self.T0p(0.75):
                    continue
                if any(a[0] == s.i for a in o.staff):
                    continue
                mates = [a for a in o.staff if a[1] == "attending" and self.staff[a[0]].post_at(local_day(o.opened)) is not None
                         and self.staff[a[0]].post_at(local_day(o.opened)).team == p.team]
                if not mates:
                    continue
                for n, r in o.noms:
                    if r in ("victim", "other") and self._vuln_female(n, 18, 40):
                        opts.append((o, n))
            if len(opts) >= 2:
                rng.shuffle(opts)
                k = rng.randint(2, 3)
                return {"staff": s, "pairs": opts[:k], "targets": [x[1] for x in opts[:k]], "from": T0}
        return None

    def plan_supervisor(self, rng, taken):
        for s in self._eligible(rng, taken, {"resp_sgt", "ppu_sgt", "nbh_sgt"})[:30]:
            p = s.post_at(self.D // 3)
            if p is None:
                continue
            opts = []
            for o in self.occs:
                if o.cat not in ("domestic_abuse", "sexual_offence", "stalking_harassment") or o.opened > self.T0p(0.55):
                    continue
                if p.group == "ppu_sgt":
                    ok = any(a[1] == "oic" and self.staff[a[0]].post_at(local_day(o.opened)) is not None and
                             self.staff[a[0]].post_at(local_day(o.opened)).group.startswith("ppu") for a in o.staff)
                else:
                    ok = o.district == p.district
                if not ok:
                    continue
                for n, r in o.noms:
                    if r == "victim" and self._vuln_female(n, 18, 40):
                        opts.append((o, n))
            if opts:
                o, n = rng.choice(opts)
                st = o.opened + rng.randint(4, 30) * 3600
                tt = self.times_in_shifts(s, st, st + 4 * 86400, 1, rng)
                if not tt:
                    continue
                if not any(a[0] == s.i and a[1] == "supervisor" for a in o.staff):
                    o.staff.append([s.i, "supervisor", tt[0] - 600, tt[0] + 3 * 86400, True])
                    self.emit(s, tt[0], [("RMS", "view", "occurrence", o.oid, ""), ("RMS", "view", "nominal", self.n_id[n], ""),
                                         ("RMS", "update", "occurrence", o.oid, "")], rng)
                return {"staff": s, "targets": [n], "occ": o, "from": tt[0] + rng.randint(5, 9) * 86400}
        return None

    def plan_home(self, rng, taken):
        groups = {"resp", "nbh", "cid", "callh", "cj_case", "researcher", "detention", "roads", "ppu_da", "crimerec"}
        for s in self._eligible(rng, taken, groups, extra=lambda s: s.home in DNAMES and s.home != s.postings[-1].district)[:20]:
            tg = []
            for _ in range(200):
                t = rng.choice(["da_victim", "sex_victim", "mh", "sex_worker", "public", "da_victim"])
                n = self.young_female(t, s.home, rng, 18, 40)
                if self.n_dist[n] == s.home and n not in tg and self.n_sex[n] == "F":
                    tg.append(n)
                if len(tg) >= rng.randint(3, 6):
                    break
            if len(tg) >= 3:
                return {"staff": s, "targets": tg, "from": T0}
        return None

    def plan_stranger(self, rng, taken):
        for s in self._eligible(rng, taken, {"resp", "nbh", "cid", "roads", "ops", "intel_off", "callh", "dispatch", "detention"})[:5]:
            t = "public" if rng.random() < 0.4 else rng.choice(["da_victim", "sex_victim", "mh"])
            n = self.young_female(t, None, rng, 20, 40)
            return {"staff": s, "targets": [n], "from": T0 + rng.randint(0, max(1, self.D // 3)) * 86400}
        return None

    def plan_lowslow(self, rng, taken):
        for s in self._eligible(rng, taken, {"resp", "cid", "nbh", "mash", "ppu_da", "researcher", "cust_sgt"}, 0.85)[:5]:
            t = rng.choice(["sex_worker", "da_victim", "mh", "sex_victim"])
            n = self.young_female(t, s.postings[-1].district if s.postings[-1].district in DNAMES else None, rng, 18, 40)
            tg = [n]
            if rng.random() < 0.3:
                tg.append(self.young_female(rng.choice(["da_victim", "mh"]), None, rng, 18, 40))
            return {"staff": s, "targets": tg, "from": T0}
        return None

    def plan_sexworker(self, rng, taken):
        def nights(s):
            return any(p.roster == "resp" for p in s.postings)
        for s in self._eligible(rng, taken, {"resp", "roads", "ops", "resp_sgt"}, 0.97, extra=nights)[:5]:
            d = s.postings[-1].district
            d = d if d in ("Saltfleet", "Thornmere City") else rng.choice(["Saltfleet", "Thornmere City"])
            tg = []
            for _ in range(50):
                n = self.young_female("sex_worker", d, rng, 18, 45)
                if n not in tg:
                    tg.append(n)
                if len(tg) >= rng.randint(2, 4):
                    break
            return {"staff": s, "targets": tg, "from": T0}
        return None

    def plan_sham(self, rng, taken):
        for s in self._eligible(rng, taken, {"nbh", "pcso", "resp"})[:40]:
            p = s.post_at(self.D // 3)
            if p is None:
                continue
            opts = []
            for o in self.occs:
                if o.cat not in ("concern_for_welfare", "missing_person", "domestic_abuse", "asb") or o.opened > self.T0p(0.5):
                    continue
                if not any(a[0] == s.i for a in o.staff):
                    continue
                for n, r in o.noms:
                    if self.n_sex[n] == "F" and 18 <= self.n_age[n] <= 45 and \
                            set(self.n_mark[n]) & {"mental_health", "substance_misuse", "vulnerable_adult", "homeless", "domestic_abuse_victim"}:
                        opts.append((o, n))
            if not opts:
                # met her on patrol with no record: pick a vulnerable woman in the district
                n = self.young_female(rng.choice(["mh", "homeless", "da_victim"]), p.district if p.district in DNAMES else None, rng, 18, 45)
                opts = [(None, n)]
            o, n = rng.choice(opts)
            st = (o.opened if o else T0 + 86400 * max(1, self.D // 10)) + rng.randint(4, 12) * 86400
            return {"staff": s, "targets": [n], "occ": o, "from": st}
        return None

    def free_oid(self, t):
        """An unused RMS reference in the running sequence at time t (the RMS numbers in order of creation)."""
        real = sorted((o for o in self.occs if not o.sham), key=lambda o: o.opened)
        used = {o.oid for o in self.occs}
        j = max(0, bisect.bisect_right([o.opened for o in real], t) - 1)
        base = real[j].oid
        pre, num = base[:4], int(base[4:])
        for k in range(1, 50):
            c = f"{pre}{num + k:07d}"
            if c not in used:
                return c
        return f"{pre}{num + 50:07d}"

    def T0p(self, frac):
        return T0 + int((self.T_END - T0) * frac)

    # ------------------------------------------------ abusive events
    def abuse_events(self):
        rng = self.rng("abuse-events")
        ab_ids = {p["staff"].sid: p for p in self.abusers}
        # each abuser's own legitimate event times, to blend in
        self._legit_times = {sid: [] for sid in ab_ids}
        self._legit_sys = {sid: set() for sid in ab_ids}
        for sy, lst in self.EV.items():
            if sy == "MOB":
                lst2 = [e for e in lst if e[0] >= self.MOB_START]
            else:
                lst2 = lst
            for e in lst2:
                lt = self._legit_times.get(e[1])
                if lt is not None:
                    lt.append(e[0])
                    self._legit_sys[e[1]].add(sy)
        for v in self._legit_times.values():
            v.sort()
        gen = {"lingering_victim": self.ab_lingering, "custody_release_followup": self.ab_custody,
               "caller_followup": self.ab_caller, "force_trawl": self.ab_trawl, "colleague_cover": self.ab_cover,
               "supervisor_fixation": self.ab_supervisor, "home_area_browse": self.ab_home,
               "named_stranger": self.ab_stranger, "low_and_slow": self.ab_lowslow,
               "sex_worker_predation": self.ab_sexworker, "sham_welfare": self.ab_sham}
        for plan in self.abusers:
            plan["count"] = 0
            plan["tabby"] = rng.choice([0.6, 1.0, 1.6])     # some people read every screen of a record
            plan["k"] = rng.choice([0.7, 1.0, 1.0, 1.5, 2.2])   # intensity
            if plan["pattern"] == "low_and_slow":
                plan["tabby"] = 0.0
            gen[plan["pattern"]](plan, rng)

    def on_duty_time(self, s, a, b, rng, night=False):
        """A moment in s's real duty between a and b, next to the person's own genuine activity."""
        a = max(a, T0)
        b = min(b, self.T_END - 60)
        if b <= a:
            return None
        i0 = max(0, bisect.bisect_right(s.astarts, a) - 1)
        i1 = bisect.bisect_right(s.astarts, b)
        cands = [sh for sh in s.actual[i0:i1] if sh[1] > a and sh[0] < b and sh[2] != "oncall"]
        if night:
            nc = [sh for sh in cands if local_hour(sh[0]) >= 17 or local_hour(sh[0]) < 3]
            cands = nc or cands
        if not cands:
            return None
        sh = cands[rng.randrange(len(cands))]
        lt = self._legit_times[s.sid]
        lo, hi = max(a, sh[0] + 900), min(b, sh[1] - 600)
        if hi <= lo:
            return None
        j0, j1 = bisect.bisect_left(lt, lo), bisect.bisect_right(lt, hi)
        if j1 > j0 and rng.random() < 0.8:
            return lt[rng.randrange(j0, j1)] + rng.randint(40, 420)
        return rng.randint(lo, hi)

    def off_duty_time(self, s, a, b, rng):
        a = max(a, T0)
        b = min(b, self.T_END - 3600)
        for _ in range(30):
            if b <= a:
                return None
            d = local_day(rng.randint(a, b))
            t = L2U(d, rng.randint(int(18.5 * 3600), int(24.75 * 3600)))
            if a <= t <= b and self.shift_at(s, t) is None and self.shift_at(s, t - 3600) is None:
                return t
        return None

    def place(self, plan, a, b, rng, off_p=0.0, night=False):
        s = plan["staff"]
        if off_p and (s.laptop or s.handheld) and rng.random() < off_p:
            t = self.off_duty_time(s, a, b, rng)
            if t is not None:
                return t, True
        t = self.on_duty_time(s, a, b, rng, night)
        return t, False

    def ab_emit(self, plan, t, items, rng, off=False):
        s = plan["staff"]
        if off:
            items = [(("MOB" if not s.laptop else "RMS") if it[0] in ("RMS", "MOB") else it[0],) + it[1:] for it in items]
        tag = plan["tag"]
        rnd = rng.random
        items = [self._own_system(s, it) for it in items]
        if off:   # from home: only what the RMS/handheld offers, no printing
            items = [it if it[0] in ("RMS", "MOB") and it[1] != "print" else
                     (("RMS", "view", it[2], it[3], "") if it[1] in ("view", "print") and it[2] in ("nominal", "occurrence", "location")
                      else None) for it in items]
            items = [it for it in items if it is not None] or [("RMS", "view", "other", f"WORKLIST-{s.sid}", "")]
        for it in items:
            vis = not ((it[0] == "MOB" and t < self.MOB_START) or (it[0] == "CASE" and it[1] == "view"))
            w = (s.laptop if off and s.laptop and it[0] != "MOB" else None) or self.ws(s, t, it[0])
            self.EV[it[0]].append((t, s.sid, it[1], it[2], it[3], it[4], w, tag))
            plan["count"] += vis
            t += rng.randint(15, 110)
            if it[1] == "view" and it[0] != "PNC" and rnd() < TAB_P.get(it[2], 0) * plan.get("tabby", 1.0):
                tabs = TABS[it[2]]
                for _ in range(1 if rnd() < 0.5 else 2):
                    self.EV[it[0]].append((t, s.sid, "view", it[2], it[3], tabs[int(rnd() * len(tabs))], w, tag))
                    plan["count"] += vis
                    t += rng.randint(4, 60)
        return t

    def _own_system(self, s, it):
        """Abusers use the systems they use at work anyway; anything else goes through the RMS."""
        sy = it[0]
        used = self._legit_sys.get(s.sid, set())
        if sy in used or not used:
            return it
        if sy == "MOB" and s.handheld and "RMS" not in used:
            return it
        q = it[4]
        if q.startswith("ENQ=PER NAME="):
            nm = q.split()[1][5:].split("/")
            q = f"surname={nm[0]} forename={nm[1] if len(nm) > 1 else ''}"
        elif q.startswith("ENQ=VEH VRM="):
            q = "vrm=" + q.split("VRM=")[1].split(" RSN")[0]
        elif q.startswith("tel="):
            q = q
        et = it[2]
        if et in ("custody", "intelligence") and it[1] == "view":
            return ("RMS", "view", "other", it[3], "")
        return ("RMS", it[1], et, it[3], q)

    def look(self, n, rng, kind=None, sys_="RMS"):
        kind = kind or rng.choice(["view", "view", "search"])
        nid = self.n_id[n]
        if kind == "search":
            return [(sys_, "search", "nominal", "", self.q_name(n, rng)), (sys_, "view", "nominal", nid, "")]
        if kind == "pnc":
            return [("PNC", "search", "nominal", "", self.q_pnc(n, rng.choice(["enquiry", "stop", "intel"]))),
                    ("PNC", "view", "nominal", nid, "")]
        if kind == "loc":
            return [(sys_, "view", "nominal", nid, ""), (sys_, "view", "location", self.n_loc[n], "")]
        return [(sys_, "view", "nominal", nid, "")]

    def spread(self, a, b, k, rng):
        a, b = max(a, T0), min(b, self.T_END - 3600)
        if b <= a:
            return []
        step = (b - a) / k
        return [int(a + step * i + rng.uniform(0, step)) for i in range(k)]

    def _run_episodes(self, plan, rng, k, a, b, maker, off_p=0.0, night=False, lo_events=3):
        done = 0
        for w in self.spread(a, b, k, rng):
            t, off = self.place(plan, w - 2 * 86400, w + 2 * 86400, rng, off_p, night)
            if t is None:
                continue
            self.ab_emit(plan, t, maker(rng, off), rng, off)
            done += 1
        guard = 0
        while plan["count"] < lo_events and guard < 20:
            guard += 1
            t, off = self.place(plan, a, self.T_END, rng, 0, night)
            if t is None:
                t, off = self.place(plan, T0, self.T_END, rng, 0, night)
            if t is not None:
                self.ab_emit(plan, t, maker(rng, off), rng, off)

    def ab_lingering(self, plan, rng):
        n = plan["targets"][0]
        o = plan["occ"]
        k = max(3, int(rng.randint(4, 9) * plan["k"]))

        def mk(rng, off):
            r = rng.random()
            if r < 0.15:
                return [("RMS", "view", "occurrence", o.oid, "")] + self.look(n, rng, "view")
            if r < 0.35:
                return self.look(n, rng, "loc")
            if r < 0.5:
                return self.look(n, rng, "search")
            return self.look(n, rng, "view", "MOB" if rng.random() < 0.4 else "RMS")
        self._run_episodes(plan, rng, k, plan["from"], self.T_END, mk, off_p=0.35)

    def ab_custody(self, plan, rng):
        c = plan["custody"]
        n = c[1]
        k = rng.randint(2, 4)

        def mk(rng, off):
            r = rng.random()
            if r < 0.35:
                return [("CUST", "view", "custody", c[0], ""), ("CUST", "view", "nominal", self.n_id[n], "")]
            if r < 0.6:
                return self.look(n, rng, "pnc")
            if r < 0.8:
                return self.look(n, rng, "loc")
            return self.look(n, rng, "search")
        self._run_episodes(plan, rng, k, plan["from"], min(self.T_END, plan["from"] + 25 * 86400), mk, night=True, lo_events=4)

    def ab_caller(self, plan, rng):
        n = plan["targets"][0]
        k = rng.randint(2, 3)

        def mk(rng, off):
            r = rng.random()
            if r < 0.45:
                return [("CAD", "search", "nominal", "", f"tel={self.n_phone[n]}"), ("CAD", "view", "nominal", self.n_id[n], "")]
            if r < 0.75:
                return self.look(n, rng, "view") + ([("RMS", "view", "location", self.n_loc[n], "")] if rng.random() < 0.5 else [])
            return self.look(n, rng, "search")
        self._run_episodes(plan, rng, k, plan["from"], min(self.T_END, plan["from"] + 30 * 86400), mk, night=True)

    def ab_trawl(self, plan, rng):
        s = plan["staff"]
        # candidate women: victims/subjects of recent vulnerable-person occurrences anywhere in the force
        pool = []
        for o in self.occs:
            if o.cat in ("domestic_abuse", "sexual_offence", "exploitation", "missing_person", "concern_for_welfare", "stalking_harassment"):
                for n, r in o.noms:
                    if r in ("victim", "other") and self._vuln_female(n, 16, 35):
                        pool.append((o, n))
        pool.sort(key=lambda x: x[0].opened)
        opened = [x[0].opened for x in pool]
        sessions = max(6, int(rng.randint(8, 13) * min(plan["k"], 1.4)))
        plan["tabby"] = min(plan["tabby"], 0.8)
        seen = set()
        for w in self.spread(T0 + 2 * 86400, self.T_END, sessions, rng):
            t, _ = self.place(plan, w - 86400, w + 86400, rng)
            if t is None:
                continue
            j = bisect.bisect_left(opened, t)
            recent = [pool[i] for i in range(max(0, j - 60), j) if pool[i][1] not in seen and pool[i][0].opened > t - 12 * 86400]
            rng.shuffle(recent)
            for o, n in recent[:rng.randint(1, 3)]:
                seen.add(n)
                items = ([("RMS", "view", "occurrence", o.oid, "")] if rng.random() < 0.65 else []) + \
                    [("RMS", "view", "nominal", self.n_id[n], "")]
                if rng.random() < 0.12:
                    items.append(("RMS", "view", "location", self.n_loc[n], ""))
                t = self.ab_emit(plan, t, items, rng) + rng.randint(60, 900)
        plan["targets"] = sorted(seen)

    def ab_cover(self, plan, rng):
        for o, n in plan["pairs"]:
            # first look within days of the job (colleagues' incident), then repeated ones weeks later
            first, _ = self.place(plan, o.opened + 86400, o.opened + 4 * 86400, rng)
            if first is not None:
                self.ab_emit(plan, first, [("RMS", "view", "occurrence", o.oid, ""), ("RMS", "view", "nominal", self.n_id[n], "")], rng)
            for w in self.spread(o.opened + 7 * 86400, self.T_END, rng.randint(1, 3), rng):
                t, off = self.place(plan, w - 86400, w + 86400, rng, 0.2)
                if t is not None:
                    its = ([("RMS", "view", "occurrence", o.oid, "")] if rng.random() < 0.6 else []) + self.look(n, rng, "view")
                    self.ab_emit(plan, t, its, rng, off)
        if plan["count"] < 5:
            o, n = plan["pairs"][0]
            for _ in range(3):
                t, off = self.place(plan, o.opened + 86400, self.T_END, rng)
                if t is not None:
                    self.ab_emit(plan, t, self.look(n, rng, "view"), rng)

    def ab_supervisor(self, plan, rng):
        n = plan["targets"][0]
        o = plan["occ"]
        has_cust = [c for c in self.custody if c[1] == n]
        k = max(3, int(rng.randint(3, 6) * plan["k"]))

        def mk(rng, off):
            r = rng.random()
            its = self.look(n, rng, "view")
            if r < 0.25:
                its.append(("RMS", "print", "nominal", self.n_id[n], ""))
            elif r < 0.45:
                its += [("INTEL", "search", "nominal", "", self.q_name(n, rng)), ("INTEL", "view", "nominal", self.n_id[n], "")]
            elif r < 0.6:
                its = [("SAFE", "view", "nominal", self.n_id[n], "")] + its
            elif r < 0.75 and has_cust:
                its.append(("CUST", "view", "custody", has_cust[0][0], ""))
            elif r < 0.9:
                its = [("RMS", "view", "occurrence", o.oid, "")] + its + [("RMS", "view", "location", self.n_loc[n], "")]
            return its
        self._run_episodes(plan, rng, k, plan["from"], self.T_END, mk, off_p=0.25, lo_events=6)

    def ab_home(self, plan, rng):
        s = plan["staff"]
        for n in plan["targets"]:
            for w in self.spread(T0, self.T_END, max(1, int(rng.randint(1, 2) * plan["k"])), rng):
                t, off = self.place(plan, w - 3 * 86400, w + 3 * 86400, rng, 0.6)
                if t is None:
                    continue
                its = self.look(n, rng, "search") if rng.random() < 0.6 else self.look(n, rng, "view")
                if rng.random() < 0.3:
                    its.append(("RMS", "view", "location", self.n_loc[n], ""))
                self.ab_emit(plan, t, its, rng, off)

    def ab_stranger(self, plan, rng):
        n = plan["targets"][0]
        bursts = rng.randint(1, 3)
        for w in self.spread(plan["from"], self.T_END, bursts, rng):
            t, off = self.place(plan, w - 2 * 86400, w + 2 * 86400, rng, 0.3)
            if t is None:
                continue
            its = self.look(n, rng, "pnc") if not off else []
            if rng.random() < 0.7:
                its += self.look(n, rng, "search")
            if self.n_vrm[n] and rng.random() < 0.5 and not off:
                v = self.n_vrm[n]
                its += [("PNC", "search", "vehicle", "", f"ENQ=VEH VRM={v} {PNC_RSN['enquiry']}"), ("PNC", "view", "vehicle", v, "")]
            if rng.random() < 0.4:
                its.append(("RMS", "view", "location", self.n_loc[n], ""))
            if not its:
                its = self.look(n, rng, "search")
            self.ab_emit(plan, t, its[:8], rng, off)
        while plan["count"] < 3:
            t, off = self.place(plan, T0, self.T_END, rng)
            if t is None:
                break
            self.ab_emit(plan, t, self.look(n, rng, "search"), rng)

    def ab_lowslow(self, plan, rng):
        tg = plan["targets"]
        k = rng.randint(3, 5)
        for j, w in enumerate(self.spread(T0 + 86400, self.T_END, k, rng)):
            t, _ = self.place(plan, w - 3 * 86400, w + 3 * 86400, rng)
            if t is None:
                continue
            self.ab_emit(plan, t, [("RMS", "view", "nominal", self.n_id[tg[j % len(tg)]], "")], rng)
        while plan["count"] < 3:
            t, _ = self.place(plan, T0, self.T_END, rng)
            if t is None:
                break
            self.ab_emit(plan, t, [("RMS", "view", "nominal", self.n_id[tg[0]], "")], rng)

    def ab_sexworker(self, plan, rng):
        tg = plan["targets"]
        k = max(3, int(rng.randint(4, 8) * plan["k"]))

        def mk(rng, off):
            n = rng.choice(tg)
            r = rng.random()
            if r < 0.35 and self.n_intel[n]:
                return [("INTEL", "search", "nominal", "", self.q_name(n, rng)), ("INTEL", "view", "nominal", self.n_id[n], ""),
                        ("INTEL", "view", "intelligence", rng.choice(self.n_intel[n]), "")]
            if r < 0.55:
                return self.look(n, rng, "view", "MOB")
            if r < 0.75:
                return self.look(n, rng, "loc")
            if r < 0.9:
                return self.look(n, rng, "pnc")
            return self.look(n, rng, "search")
        self._run_episodes(plan, rng, k, T0 + 86400, self.T_END, mk, night=True, lo_events=6)

    def ab_sham(self, plan, rng):
        s = plan["staff"]
        n = plan["targets"][0]
        t, _ = self.place(plan, plan["from"], self.T_END, rng)
        if t is None:
            t, _ = self.place(plan, T0, self.T_END, rng)
        if t is None:
            return
        d = self.n_dist[n] if self.n_dist[n] in DNAMES else s.postings[-1].district
        o = Occ(len(self.occs), self.free_oid(t), "concern_for_welfare", t, d)
        o.sham = True
        o.created_by = s.sid
        o.noms = [(n, "other")]
        o.staff = [[s.i, "oic", t, None, True]]
        self.occs.append(o)
        plan["sham_occ"] = o.oid
        t = self.ab_emit(plan, t, self.look(n, rng, "search") + [("RMS", "create", "occurrence", o.oid, ""),
                                                                  ("RMS", "update", "occurrence", o.oid, "")], rng)
        for w in self.spread(t + 2 * 86400, self.T_END, rng.randint(2, 5), rng):
            tt, off = self.place(plan, w - 86400, w + 86400, rng, 0.3)
            if tt is None:
                continue
            its = [("RMS", "view", "occurrence", o.oid, "")] + self.look(n, rng, rng.choice(["view", "loc"]))
            if rng.random() < 0.4:
                its.append(("RMS", "update", "occurrence", o.oid, ""))
            self.ab_emit(plan, tt, its, rng, off)

    # ------------------------------------------------------------------ people-side tables
    def extra_tables(self):
        rng = self.rng("hr")
        D = self.D
        vet, circ, alle = [], [], []
        order = ["RV", "NPPV1", "NPPV2", "NPPV3", "MV", "SC", "DV"]
        for s in self.staff:
            if "training_account" in s.flags:
                continue
            req = max((p.vet for p in s.postings if p.end is None or p.end >= 0), key=order.index, default="NPPV2")
            lvl = req
            if "mover" in s.flags and rng.random() < 0.25:
                lvl = s.postings[0].vet     # vetting for the new post still in progress
            life = 7 * 365 if lvl in ("MV", "SC", "DV") else (3 * 365 if lvl == "RV" else 10 * 365)
            j = s.joined if s.joined is not None else -400
            g = -rng.randint(30, life - 60)
            if g < j - 30:
                g = j - rng.randint(20, 90)
            exp = g + life
            status = "active"
            if rng.random() < 0.025:
                exp = rng.randint(-90, D - 2)
                g = exp - life
                status = "lapsed"
            vet.append((s.sid, lvl, day_date(g).isoformat(), day_date(exp).isoformat(), status))
            if rng.random() < 0.07:
                for _ in range(rng.choice([1, 1, 2])):
                    kind = rng.choices(["address", "relationship", "financial", "association", "criminal", "other"],
                                       [45, 30, 10, 9, 3, 3])[0]
                    note = {"address": f"Moved to {rng.choice(DNAMES + [OUT_OF_FORCE])}",
                            "relationship": rng.choice(["New partner declared, no trace", "Marriage", "Separated from partner",
                                                        "New partner; partner's sibling has a conviction (2018)"]),
                            "financial": rng.choice(["County court judgment", "Debt management plan", "IVA agreed"]),
                            "association": rng.choice(["Friend arrested for drug supply", "Relative is a person of interest"]),
                            "criminal": "Speeding offence, fixed penalty", "other": "Secondary employment approved"}[kind]
                    circ.append((s.sid, day_date(rng.randint(-1100, D - 1)).isoformat(), kind, note))
            if rng.random() < 0.035:
                self._allegation(alle, s, rng, False)
        for plan in self.abusers:
            s = plan["staff"]
            if rng.random() < 0.35:
                self._allegation(alle, s, rng, True)
            if plan["pattern"] in ("lingering_victim", "sham_welfare") and rng.random() < 0.3:
                circ.append((s.sid, day_date(D - rng.randint(1, 3)).isoformat(), "relationship",
                             "New relationship declared with a person known to police"))
        self.vetting, self.circ, self.alle = vet, circ, alle

    def _allegation(self, out, s, rng, abuser):
        if abuser:
            cat = rng.choice(["sexual_misconduct", "abuse_of_authority", "misuse_of_systems", "inappropriate_association"])
            vm = rng.choice(["domestic_abuse_victim", "mental_health", "sex_worker;substance_misuse", ""])
            outc = rng.choice(["no_case_to_answer", "reflective_practice", "management_action", "no_case_to_answer"])
            src = rng.choice(["colleague report", "public complaint", "anonymous (Integrity Line)"])
        else:
            cat = rng.choices(["other", "abuse_of_authority", "misuse_of_systems", "disclosure_of_information", "theft_fraud",
                               "sexual_misconduct", "inappropriate_association", "apsp", "drugs"],
                              [30, 20, 14, 10, 6, 8, 6, 3, 3])[0]
            vm = "domestic_abuse_victim" if cat in ("apsp", "sexual_misconduct") and rng.random() < 0.5 else ""
            outc = rng.choice(["no_case_to_answer", "reflective_practice", "management_action", "written_warning",
                               "no_further_action", "no_case_to_answer", ""])
            src = rng.choice(["public complaint", "colleague report", "audit", "partner agency", "anonymous (Integrity Line)"])
        rec = -rng.randint(60, 1500)
        od = "" if not outc else day_date(rec + rng.randint(30, 300)).isoformat()
        if od and od > day_date(self.D - 1).isoformat():
            od, outc = "", ""
        iopc = day_date(rec + rng.randint(5, 40)).isoformat() if cat in ("apsp", "sexual_misconduct") and rng.random() < 0.5 else ""
        out.append((f"AL-{day_date(rec).year}-{rng.randrange(1000, 9999)}", s.sid, day_date(rec).isoformat(), cat, src, vm, iopc, outc, od))

    # ------------------------------------------------------------------ output
    def write(self, out_dir):
        pkg = os.path.join(out_dir, "package")
        os.makedirs(pkg, exist_ok=True)
        for f in os.listdir(pkg):
            if f.endswith(".csv") or f == "manifest.json":
                os.remove(os.path.join(pkg, f))
        files = {}

        def wcsv(name, header, rows):
            path = os.path.join(pkg, name)
            n = 0
            with open(path, "w", newline="", encoding="utf-8") as fh:
                w = csv.writer(fh, lineterminator="\n")
                w.writerow(header)
                for r in rows:
                    w.writerow(r)
                    n += 1
            files[name] = n

        dd = lambda d: "" if d is None else day_date(d).isoformat()
        S = self.staff
        self.stop_map = {x[0]: f"SS{k + 20001:06d}" for k, x in enumerate(sorted(self.stops, key=itemgetter(1)))}
        smap = self.stop_map
        wcsv("staff.csv", ["staff_id", "name", "staff_type", "rank", "sex", "home_district", "joined", "left"],
             [(s.sid, s.name, s.stype, s.rank, s.sex, s.home, dd(s.joined), dd(s.left)) for s in S])
        prow = []
        for s in S:
            for p in s.postings:
                prow.append((s.sid, p.unit, p.role, p.team or "", p.district, p.vet, dd(p.start), dd(p.end)))
        wcsv("postings.csv", ["staff_id", "unit", "role", "team", "district", "vetting_level_required", "start", "end"], prow)
        srow = []
        for s in S:
            for a, b in s.roster:
                srow.append((s.sid, fmt_local(a), fmt_local(b)))
        wcsv("shifts.csv", ["staff_id", "start", "end"], srow)
        wcsv("systems.csv", ["system_id", "name", "category", "audit_feed", "notes"],
             [(a, b, c, d, e.format(mob_start=day_date(self.mob_start_day).isoformat())) for a, b, c, d, e in SYSTEMS])
        wcsv("nominals.csv", ["nominal_id", "sex", "birth_year", "district", "markers"],
             [(self.n_id[i], self.n_sex[i], 2025 - self.n_age[i], self.n_dist[i],
               ";".join(m for m in MARKER_ORDER if m in self.n_mark[i])) for i in range(self.M)])
        orow, onrow, osrow = [], [], []
        for o in sorted(self.occs, key=lambda o: o.opened):
            orow.append((o.oid, o.cat, fmt_local(o.opened), fmt_local(o.closed) if o.closed else "", o.district, o.created_by))
            for n, r in o.noms:
                onrow.append((o.oid, self.n_id[n], r))
            for a in o.staff:
                if a[4]:
                    osrow.append((o.oid, S[a[0]].sid, a[1], fmt_local(a[2]), fmt_local(a[3]) if a[3] else ""))
        for ssid, t, dist, sid, x in self.stops:
            ssid = self.stop_map[ssid]
            orow.append((ssid, "stop_search", fmt_local(t), fmt_local(t + 1200), dist, sid))
            onrow.append((ssid, self.n_id[x], "suspect"))
            osrow.append((ssid, sid, "attending", fmt_local(t), fmt_local(t + 1200)))
        wcsv("occurrences.csv", ["occurrence_id", "category", "opened", "closed", "district", "created_by"], orow)
        wcsv("occurrence_nominals.csv", ["occurrence_id", "nominal_id", "role"], onrow)
        wcsv("occurrence_staff.csv", ["occurrence_id", "staff_id", "role", "start", "end"], osrow)
        wcsv("custody.csv", ["custody_id", "nominal_id", "staff_id", "suite", "booked_in", "released"],
             [(c[0], self.n_id[c[1]], S[c[2]].sid, c[3], fmt_local(c[4]), fmt_local(c[5]) if c[5] else "")
              for c in sorted(self.custody, key=itemgetter(4))])
        wcsv("vetting.csv", ["staff_id", "level", "granted", "expires", "status"], self.vetting)
        wcsv("circumstance_changes.csv", ["staff_id", "reported", "kind", "notes"], self.circ)
        wcsv("allegations.csv", ["allegation_id", "staff_id", "received", "category", "source", "victim_markers",
                                 "referred_to_iopc", "outcome", "outcome_date"], self.alle)
        # audit trails, one file per audited system
        truth = {p["tag"]: [] for p in self.abusers}
        erng = self.rng("eids")
        total = 0
        for sy in AUDITED:
            ev = self.EV[sy]
            ev.sort(key=itemgetter(0))
            if sy == "MOB":
                ev = [e for e in ev if e[0] >= self.MOB_START]
            if sy == "CASE":
                ev = [e for e in ev if e[2] != "view"]
            ev = [e for e in ev if T0 <= e[0] < self.T_END]
            fmt = fmt_utcz if sy == "PNC" else (fmt_offset if sy == "CUST" else fmt_local)
            pref = EID_PREFIX[sy]
            base = erng.randrange(10 ** 6, 10 ** 7)
            name = f"access_events_{sy.lower()}.csv"
            path = os.path.join(pkg, name)
            with open(path, "w", newline="", encoding="utf-8") as fh:
                w = csv.writer(fh, lineterminator="\n")
                w.writerow(["event_id", "system_id", "staff_id", "ts", "action", "entity_type", "entity_id", "query", "workstation"])
                rows = []
                for k, e in enumerate(ev):
                    eid = f"{pref}{base + k:09d}"
                    ent = e[4]
                    if ent[:2] == "SS" and ent in smap:
                        ent = smap[ent]
                    rows.append((eid, sy, e[1], fmt(e[0]), e[2], e[3], ent, e[5], e[6]))
                    if e[7] >= 0:
                        truth[e[7]].append(eid)
                    if len(rows) >= 50000:
                        w.writerows(rows)
                        rows = []
                w.writerows(rows)
            files[name] = len(ev)
            total += len(ev)
        self.total_events = total
        man_files = {}
        for name in sorted(files):
            h = hashlib.sha256()
            with open(os.path.join(pkg, name), "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    h.update(chunk)
            man_files[name] = {"rows": files[name], "sha256": h.hexdigest()}
        manifest = {"fdp_version": 1, "force": {"code": FORCE_CODE, "name": FORCE_NAME}, "timezone": TZ_NAME,
                    "dst": {"gap": "shift_forward", "overlap": "earliest"},
                    "period": {"start": PERIOD_START.isoformat(), "end": day_date(self.D - 1).isoformat()},
                    "generator": {"name": "independent_force_b", "seed": self.seed, "staff": self.N, "days": self.D},
                    "files": man_files}
        with open(os.path.join(pkg, "manifest.json"), "w", encoding="utf-8") as fh:
            json.dump(manifest, fh, indent=2)
        tj = {"force": FORCE_CODE, "seed": self.seed, "days": self.D,
              "abusers": [{"staff_id": p["staff"].sid, "pattern": p["pattern"], "event_ids": truth[p["tag"]]}
                          for p in self.abusers]}
        with open(os.path.join(out_dir, "package.truth.json"), "w", encoding="utf-8") as fh:
            json.dump(tj, fh, indent=1)
        return files

    def run(self, out_dir, verbose=True):
        t0 = time.time()
        steps = [("organisation", self.build_org), ("shifts", self.build_shifts), ("nominals", self.build_nominals),
                 ("occurrences", self.simulate_occurrences), ("abusers", self.choose_abusers),
                 ("legitimate events", self.build_events), ("abusive events", self.abuse_events),
                 ("hr tables", self.extra_tables)]
        for name, f in steps:
            f()
            if verbose:
                print(f"  {name:<18} {time.time() - t0:6.1f}s", file=sys.stderr)
        files = self.write(out_dir)
        if verbose:
            print(f"  {'written':<18} {time.time() - t0:6.1f}s", file=sys.stderr)
        return files


def main(argv=None):
    ap = argparse.ArgumentParser(description="Thornmere Constabulary synthetic force (FDP v1) with ground truth")
    ap.add_argument("--out", required=True)
    ap.add_argument("--staff", type=int, default=1000)
    ap.add_argument("--days", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args(argv)
    if a.days < 7:
        ap.error("--days must be at least 7")
    if a.staff < 100:
        ap.error("--staff must be at least 100")
    os.makedirs(a.out, exist_ok=True)
    f = Force(a.staff, a.days, a.seed)
    files = f.run(a.out, verbose=not a.quiet)
    if not a.quiet:
        print(f"{FORCE_NAME} ({FORCE_CODE}): {len(f.staff)} accounts, {f.total_events} audit events, "
              f"{len(f.abusers)} abusers -> {os.path.join(a.out, 'package')}", file=sys.stderr)
        for p in f.abusers:
            print(f"    {p['staff'].sid:<10} {p['pattern']:<26} {p['count']} events", file=sys.stderr)


if __name__ == "__main__":
    main()
