"""Vetting, declared changes of circumstances and historical allegations."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from custodiet.simulate import constants as C
from custodiet.simulate.org import NO_DAY, Org

VALIDITY_YEARS = (10, 10, 10, 7, 7, 10, 7)


def _d(start: dt.date, day: int) -> str:
    return (start + dt.timedelta(days=int(day))).isoformat()


def vetting_rows(
    rng: np.random.Generator, org: Org, start: dt.date, days: int
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for s in range(org.n):
        unit = int(org.post_a.unit[s])
        req = C.UNIT_VETTING[unit]
        level = req
        if unit in (C.U_PSD, C.U_INTEL) and rng.random() < 0.25:
            level = C.VET_MV
        if rng.random() < 0.025 and level > C.VET_NPPV1:
            level -= 1  # below the post's requirement
        valid = VALIDITY_YEARS[level] * 365
        joined = int(org.joined[s])
        if joined >= 0:
            granted = joined - int(rng.integers(20, 120))
        else:
            granted = int(rng.integers(-valid + 30, 0))
            granted = max(granted, joined - int(rng.integers(20, 120)))
        status = "active"
        u = rng.random()
        if u < 0.03:
            granted = -valid - int(rng.integers(1, 400))  # renewal overdue
        elif u < 0.04:
            status = "lapsed"
            granted = -valid - int(rng.integers(1, 200))
        elif u < 0.043:
            status = "withdrawn"
        expires = granted + valid
        if rng.random() < 0.2 and level > C.VET_NPPV1:
            prev = level - 1
            pg = granted - VALIDITY_YEARS[prev] * 365 + int(rng.integers(0, 300))
            rows.append(
                {
                    "staff_id": org.staff_ids[s],
                    "level": C.VETTING_LEVELS[prev],
                    "granted": _d(start, pg),
                    "expires": _d(start, granted),
                    "status": "lapsed",
                }
            )
        rows.append(
            {
                "staff_id": org.staff_ids[s],
                "level": C.VETTING_LEVELS[level],
                "granted": _d(start, granted),
                "expires": _d(start, expires),
                "status": status,
            }
        )
        if rng.random() < 0.005:
            rows.append(
                {
                    "staff_id": org.staff_ids[s],
                    "level": C.VETTING_LEVELS[min(level + 1, C.VET_MV)],
                    "granted": _d(start, int(rng.integers(-900, max(1, days)))),
                    "expires": "",
                    "status": "refused",
                }
            )
    return rows


def circumstance_rows(
    rng: np.random.Generator, org: Org, start: dt.date, days: int
) -> list[dict[str, Any]]:
    kinds = (*C.CIRCUMSTANCE_KINDS, "other")
    p = np.array([0.35, 0.3, 0.15, 0.1, 0.05, 0.05])
    rows: list[dict[str, Any]] = []
    for s in np.flatnonzero(rng.random(org.n) < 0.1):
        for _ in range(1 + int(rng.random() < 0.2)):
            kind = kinds[int(rng.choice(len(kinds), p=p))]
            lo = max(int(org.joined[s]), -3 * 365)
            day = int(rng.integers(lo, max(lo + 1, days)))
            notes = C.CIRCUMSTANCE_NOTES[kind]
            rows.append(
                {
                    "staff_id": org.staff_ids[s],
                    "reported": _d(start, day),
                    "kind": kind,
                    "notes": notes[int(rng.integers(len(notes)))],
                }
            )
    rows.sort(key=lambda r: (r["reported"], r["staff_id"]))
    return rows


def allegation_rows(
    rng: np.random.Generator, org: Org, start: dt.date, days: int, abusers: list[int]
) -> list[dict[str, Any]]:
    w = np.array(C.ALLEGATION_WEIGHTS, dtype=float)
    ow = np.array(C.OUTCOME_WEIGHTS, dtype=float)
    vuln = (
        "domestic_abuse_victim",
        "substance_misuse",
        "mental_health",
        "sex_worker",
        "sexual_offence_victim",
    )
    people: list[tuple[int, str | None]] = [
        (int(s), None) for s in np.flatnonzero(rng.random(org.n) < 0.015)
    ]
    # Real cases often had an earlier complaint that went nowhere.
    for s in abusers:
        if rng.random() < 0.3:
            people.append(
                (
                    s,
                    str(
                        rng.choice(
                            [
                                "apsp",
                                "sexual_misconduct",
                                "misuse_of_systems",
                                "abuse_of_authority",
                                "inappropriate_association",
                            ]
                        )
                    ),
                )
            )
    rows: list[dict[str, Any]] = []
    for s, forced in people:
        lo = max(int(org.joined[s]), -5 * 365)
        in_period = forced is None and rng.random() < 0.15
        received = (
            int(rng.integers(0, max(1, days)))
            if in_period
            else int(rng.integers(lo, max(lo + 1, -30)))
        )
        cat = forced or C.ALLEGATION_CATEGORIES[int(rng.choice(len(w), p=w / w.sum()))]
        serious = cat in (
            "apsp",
            "sexual_misconduct",
            "infiltration",
            "perverting_justice",
            "vulnerability",
        )
        iopc = ""
        if serious and rng.random() < 0.5:
            iopc = _d(start, received + int(rng.integers(1, 30)))
        outcome, odate = "", ""
        decided = received + int(rng.integers(30, 500))
        if decided < days:
            if forced:
                outcome = str(
                    rng.choice(
                        [
                            "no_case_to_answer",
                            "management_action",
                            "reflective_practice",
                            "no_further_action",
                        ]
                    )
                )
            else:
                outcome = C.OUTCOMES[int(rng.choice(len(ow), p=ow / ow.sum()))]
                if outcome == "dismissed" and org.left[s] == NO_DAY and rng.random() < 0.8:
                    outcome = "written_warning"
            odate = _d(start, decided)
        markers = ""
        if cat in ("apsp", "sexual_misconduct", "vulnerability"):
            markers = ";".join(sorted(set(rng.choice(vuln, size=int(rng.integers(1, 3))).tolist())))
        rows.append(
            {
                "staff_id": org.staff_ids[s],
                "received": _d(start, received),
                "category": cat,
                "source": C.ALLEGATION_SOURCES[int(rng.integers(len(C.ALLEGATION_SOURCES)))],
                "victim_markers": markers,
                "referred_to_iopc": iopc,
                "outcome": outcome,
                "outcome_date": odate,
            }
        )
    rows.sort(key=lambda r: (r["received"], r["staff_id"]))
    for i, r in enumerate(rows):
        r["allegation_id"] = f"AL{r['received'][:4]}-{i + 1:05d}"
    return rows
