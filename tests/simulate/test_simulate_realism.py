"""Checks that could fail if the simulated force stopped looking like a real one."""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter, defaultdict

from sim_package import Package

REMIT_UNITS = {
    "public_protection",
    "custody",
    "control_room",
    "intelligence",
    "professional_standards",
}


def _t(value: str) -> dt.datetime:
    # January packages only: a trailing Z is the same wall-clock time as Europe/London.
    return dt.datetime.fromisoformat(value.rstrip("Z"))


def _abusive(pkg: Package) -> set[str]:
    return {e for a in pkg.truth["abusers"] for e in a["event_ids"]}


def test_legit_events_fall_inside_rostered_shifts(small: Package) -> None:
    shifts: dict[str, list[tuple[dt.datetime, dt.datetime]]] = defaultdict(list)
    for r in small.rows("shifts.csv"):
        shifts[r["staff_id"]].append((_t(r["start"]), _t(r["end"])))
    for v in shifts.values():
        v.sort()
    starts = {k: [a for a, _ in v] for k, v in shifts.items()}
    bad = abusive = _abusive(small)
    inside = total = 0
    grace = dt.timedelta(minutes=30)
    for ev in small.events():
        if ev["event_id"] in bad or ev["staff_id"] not in shifts:
            continue
        t = _t(ev["ts"])
        i = bisect.bisect_right(starts[ev["staff_id"]], t + grace) - 1
        total += 1
        if i >= 0 and t <= shifts[ev["staff_id"]][i][1] + grace:
            inside += 1
    assert total > 50_000
    share = inside / total
    # Overtime missing from the roster (3-5% of worked time) and roster gaps explain the rest.
    assert 0.90 <= share <= 0.995, share
    assert abusive


def test_legit_access_to_victims_is_explained(small: Package) -> None:
    on = small.rows("occurrence_nominals.csv")
    victims = {r["nominal_id"] for r in on if r["role"] == "victim"}
    occ_of: dict[str, set[str]] = defaultdict(set)
    for r in on:
        occ_of[r["nominal_id"]].add(r["occurrence_id"])
    tasked: dict[tuple[str, str], list[tuple[dt.datetime, dt.datetime]]] = defaultdict(list)
    for r in small.rows("occurrence_staff.csv"):
        end = _t(r["end"]) if r["end"] else dt.datetime.max
        tasked[(r["occurrence_id"], r["staff_id"])].append((_t(r["start"]), end))
    unit = {r["staff_id"]: r["unit"] for r in small.rows("postings.csv") if not r["end"]}
    abusive = _abusive(small)
    slack = dt.timedelta(days=1)

    def explained(ev: dict[str, str]) -> bool:
        if unit.get(ev["staff_id"]) in REMIT_UNITS:
            return True
        t = _t(ev["ts"])
        for o in occ_of[ev["entity_id"]]:
            for a, b in tasked.get((o, ev["staff_id"]), []):
                if a - dt.timedelta(hours=2) <= t <= (b if b == dt.datetime.max else b + slack):
                    return True
        return False

    legit = [0, 0]
    bad = [0, 0]
    for ev in small.events():
        if ev["entity_type"] != "nominal" or ev["entity_id"] not in victims:
            continue
        bucket = bad if ev["event_id"] in abusive else legit
        bucket[0] += 1
        bucket[1] += explained(ev)
    assert legit[0] > 5_000
    assert legit[1] / legit[0] >= 0.85, legit
    # and planted abuse outside a remit unit is never explained by a tasking
    assert bad[0] == 0 or bad[1] < bad[0]


def test_markers_consistent_with_occurrences(small: Package) -> None:
    markers = {r["nominal_id"]: set(r["markers"].split(";")) for r in small.rows("nominals.csv")}
    births = {r["nominal_id"]: int(r["birth_year"]) for r in small.rows("nominals.csv")}
    cat = {r["occurrence_id"]: r["category"] for r in small.rows("occurrences.csv")}
    for r in small.rows("occurrence_nominals.csv"):
        if r["role"] == "victim" and cat[r["occurrence_id"]] == "domestic_abuse":
            assert "domestic_abuse_victim" in markers[r["nominal_id"]]
        if r["role"] == "victim" and cat[r["occurrence_id"]] == "sexual_offence":
            assert "sexual_offence_victim" in markers[r["nominal_id"]]
    for r in small.rows("custody.csv"):
        assert "arrested_suspect" in markers[r["nominal_id"]]
    for nom, m in markers.items():
        if "child" in m:
            assert births[nom] >= 2026 - 18


def test_unit_work_patterns_differ(small: Package) -> None:
    unit = {r["staff_id"]: r["unit"] for r in small.rows("postings.csv") if not r["end"]}
    days: dict[str, set[int]] = defaultdict(set)
    night: Counter[str] = Counter()
    count: Counter[str] = Counter()
    for r in small.rows("shifts.csv"):
        s = _t(r["start"])
        u = unit.get(r["staff_id"], "")
        days[u].add(s.weekday())
        count[u] += 1
        night[u] += _t(r["end"]).date() > s.date()
    assert night["response"] / count["response"] > 0.2  # nights cross midnight
    assert night["custody"] / count["custody"] > 0.3  # 12-hour day/night pattern
    assert night["public_protection"] / count["public_protection"] < 0.05
    # back office works weekdays only
    assert days["back_office"] <= {0, 1, 2, 3, 4}
    per_staff: dict[str, Counter[str]] = defaultdict(Counter)
    for ev in small.events():
        per_staff[unit.get(ev["staff_id"], "?")][ev["staff_id"]] += 1
    mean = {u: sum(c.values()) / max(1, len(c)) for u, c in per_staff.items()}
    assert mean["control_room"] > 3 * mean["back_office"]
    assert mean["intelligence"] > mean["neighbourhood"]
