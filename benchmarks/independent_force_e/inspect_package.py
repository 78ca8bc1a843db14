#!/usr/bin/env python3
"""Summarise a generated package and its truth (reads only the generator's own output).

    python inspect_package.py DIR        # DIR holds package/ and package.truth.json
"""
import bisect
import collections
import csv
import datetime as dt
import glob
import json
import os
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from timeutil import exact_offset  # noqa: E402


def parse(ts):
    """FDP timestamp -> UTC epoch seconds (local naive read as Europe/London, earliest)."""
    try:
        if ts.endswith("Z"):
            d = dt.datetime.fromisoformat(ts[:-1]).replace(tzinfo=dt.timezone.utc)
            return int(d.timestamp())
        d = dt.datetime.fromisoformat(ts)
    except ValueError:
        return None
    if d.tzinfo is not None:
        return int(d.timestamp())
    l = int(d.replace(tzinfo=dt.timezone.utc).timestamp())
    if exact_offset(l - 3600) == 3600:
        return l - 3600
    return l


def main(d):
    pkg = os.path.join(d, "package")
    truth = json.load(open(os.path.join(d, "package.truth.json")))
    man = json.load(open(os.path.join(pkg, "manifest.json")))
    print("files:")
    for f, v in man["files"].items():
        print("  %-28s %9d" % (f, v["rows"]))
    ev_total = sum(v["rows"] for f, v in man["files"].items() if f.startswith("access_events"))
    print("access events: %d" % ev_total)
    shifts = collections.defaultdict(list)
    for r in csv.DictReader(open(os.path.join(pkg, "shifts.csv"))):
        a, b = parse(r["start"]), parse(r["end"])
        if a and b and b > a:
            shifts[r["staff_id"]].append((a, b))
    for v in shifts.values():
        v.sort()
    tasked = collections.defaultdict(set)
    for r in csv.DictReader(open(os.path.join(pkg, "occurrence_staff.csv"))):
        tasked[r["staff_id"]].add(r["occurrence_id"])
    occ_noms = collections.defaultdict(set)
    for r in csv.DictReader(open(os.path.join(pkg, "occurrence_nominals.csv"))):
        occ_noms[r["occurrence_id"]].add(r["nominal_id"])
    abusive = {}
    for i, a in enumerate(truth["abusers"]):
        for e in a["event_ids"]:
            abusive[e] = i
    per = collections.defaultdict(list)
    ids = set()
    dup = 0
    for f in sorted(glob.glob(os.path.join(pkg, "access_events_*.csv"))):
        for r in csv.DictReader(open(f)):
            if r["event_id"] in ids:
                dup += 1
            ids.add(r["event_id"])
            i = abusive.get(r["event_id"])
            if i is not None:
                per[i].append(r)
    print("duplicate event ids: %d; truth ids missing from package: %d" % (dup, len(set(abusive) - ids)))
    print("%-12s %-24s %5s %6s %6s %6s  %s" % ("staff", "pattern", "ev", "onrota", "nomlnk", "nights", "systems"))
    for i, a in enumerate(truth["abusers"]):
        rows = per[i]
        sh = shifts.get(a["staff_id"], [])
        starts = [x[0] for x in sh]
        on = night = linked = nomv = 0
        linked_noms = set()
        for oid in tasked.get(a["staff_id"], ()):
            linked_noms |= occ_noms.get(oid, set())
        systems = collections.Counter()
        for r in rows:
            t = parse(r["ts"])
            systems[r["system_id"]] += 1
            j = bisect.bisect_right(starts, t) - 1
            if j >= 0 and t < sh[j][1]:
                on += 1
            h = (t + exact_offset(t)) // 3600 % 24
            if h >= 22 or h < 6:
                night += 1
            if r["entity_type"] == "nominal" and r["entity_id"]:
                nomv += 1
                linked += r["entity_id"] in linked_noms
        print("%-12s %-24s %5d %6s %6s %6d  %s" % (
            a["staff_id"], a["pattern"], len(rows), "%d%%" % (100 * on // max(1, len(rows))) if sh else "n/a",
            "%d/%d" % (linked, nomv), night, dict(systems)))


if __name__ == "__main__":
    main(sys.argv[1])
