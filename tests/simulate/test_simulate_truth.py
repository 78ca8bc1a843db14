"""Ground truth is consistent with the package."""

from __future__ import annotations

from collections import Counter

from sim_package import Package

PATTERNS = {
    "fixation_after_incident",
    "trawling_vulnerable",
    "detainee_after_release",
    "colleague_case_cover",
    "remit_abuse",
    "met_off_duty",
    "witness_or_suspect_targeting",
    "low_and_slow",
}


def _check(pkg: Package) -> None:
    events = {ev["event_id"]: ev for ev in pkg.events()}
    noms = {r["nominal_id"] for r in pkg.rows("nominals.csv")}
    staff = {r["staff_id"] for r in pkg.rows("staff.csv")}
    claimed: set[str] = set()
    for a in pkg.truth["abusers"]:
        assert a["pattern"] in PATTERNS
        assert a["staff_id"] in staff
        assert a["victim_nominal_ids"] and set(a["victim_nominal_ids"]) <= noms
        assert a["event_ids"] and a["description"]
        touched = set()
        for eid in a["event_ids"]:
            ev = events[eid]
            assert ev["staff_id"] == a["staff_id"]
            touched.add(ev["entity_id"])
        assert set(a["victim_nominal_ids"]) & touched  # the victim's record is opened
        assert not claimed & set(a["event_ids"])
        claimed |= set(a["event_ids"])
    counts = pkg.truth["counts"]
    assert counts["abusive_events"] == len(claimed)
    assert counts["events"] == len(events) == pkg.summary.events
    by_account = Counter(ev["staff_id"] for ev in events.values())
    for u in pkg.truth["unknown_accounts"]:
        assert u["staff_id"] not in staff
        assert by_account[u["staff_id"]] == u["events"]
    assert sum(u["events"] for u in pkg.truth["unknown_accounts"]) > 0
    for look in pkg.truth["legitimate_lookalikes"]:
        assert look["staff_id"] in staff and look["kind"] and look["description"]
        assert look["staff_id"] not in {a["staff_id"] for a in pkg.truth["abusers"]}


def test_truth_small(small: Package) -> None:
    _check(small)
    assert small.truth["force"] == "SY" and small.truth["seed"] == 1
    assert small.truth["staff"] == 300 and small.truth["days"] == 14


def test_every_pattern_at_1000_staff(thousand: Package) -> None:
    _check(thousand)
    got = Counter(a["pattern"] for a in thousand.truth["abusers"])
    assert set(got) == PATTERNS
    assert not thousand.truth["counts"]["patterns_not_planted"]
    # roughly one abuser per 125-400 staff
    assert 3 <= len(thousand.truth["abusers"]) <= 10
    kinds = {x["kind"] for x in thousand.truth["legitimate_lookalikes"]}
    assert {"analyst_problem_profile", "long_case_many_views"} <= kinds


def test_abusers_mostly_work_normally(small: Package, thousand: Package) -> None:
    for pkg in (small, thousand):
        for a in pkg.truth["abusers"]:
            assert 3 <= len(a["event_ids"]) <= 120
    # at normal volume the abuse is a small minority of the abuser's own accesses
    per_staff = Counter(ev["staff_id"] for ev in small.events())
    for a in small.truth["abusers"]:
        assert len(a["event_ids"]) < 0.1 * per_staff[a["staff_id"]]
