"""Scoring helpers of the detection engine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from custodiet.detect.engine import (
    MIN_PAIR_RAW,
    SELF_CONTRAST,
    binomial_tail,
    contrast_z,
    defer_to_account,
    event_support_sql,
    pair_score,
    peer_weight,
    roll_up,
    self_contrast,
    strongest_focus,
)


def _alert(staff_id: str, raw: float, nominal: str) -> dict[str, Any]:
    return {
        "force": "SY",
        "staff_id": staff_id,
        "rule_family": "person_focus",
        "subject_nominal_id": nominal,
        "raw": raw,
        "score": pair_score(raw),
        "reasons": [],
    }


def test_one_person_standing_out_outranks_the_same_pattern_with_many_people() -> None:
    fixated = _alert("PC1", 8.0, "N1")
    habitual = [_alert("PC2", 9.0, f"N{i}") for i in range(8)]
    alerts = [fixated, *habitual]
    self_contrast(alerts)
    roll_up(alerts)
    assert fixated["score"] > max(a["score"] for a in habitual)
    assert habitual[0]["also"] == 7


def test_breadth_and_account_alerts_are_not_discounted() -> None:
    breadth = {**_alert("PC3", 0.0, ""), "rule_family": "breadth", "score": 70.0}
    alerts = [breadth, _alert("PC3", 8.0, "N1"), _alert("PC3", 8.0, "N2")]
    self_contrast(alerts)
    assert breadth["score"] == 70.0


def test_peer_weight_keeps_outliers_and_halves_the_ordinary() -> None:
    assert peer_weight(4.0, z_full=3.0, floor=0.5) == 1.0
    assert peer_weight(3.0, z_full=3.0, floor=0.5) == 1.0
    assert peer_weight(1.5, z_full=3.0, floor=0.5) == 0.75
    assert peer_weight(0.0, z_full=3.0, floor=0.5) == 0.5
    assert peer_weight(-2.0, z_full=3.0, floor=0.5) == 0.5


def test_many_never_linked_people_are_not_discounted_as_a_way_of_working() -> None:
    trawled = [_alert("PC4", 6.0, f"N{i}") for i in range(5)]
    for alert in trawled:
        alert["pair"] = {"never_linked": True}
    followed_up = [_alert("PC5", 6.0, f"M{i}") for i in range(5)]
    for alert in followed_up:
        alert["pair"] = {"never_linked": False}
    self_contrast([*trawled, *followed_up])
    assert all(a["score"] == trawled[0]["score"] for a in trawled)
    assert trawled[0]["score"] > followed_up[0]["score"]


def test_a_caseload_the_remit_covers_is_a_way_of_working_even_if_never_linked() -> None:
    caseload = [_alert("PC6", 6.0, f"C{i}") for i in range(5)]
    for alert in caseload:
        alert["pair"] = {"never_linked": True, "events": 9, "remit_events": 9}
    trawled = [_alert("PC7", 6.0, f"T{i}") for i in range(5)]
    for alert in trawled:  # partly outside the remit: not a caseload
        alert["pair"] = {"never_linked": True, "events": 9, "remit_events": 4}
    self_contrast([*caseload, *trawled])
    assert caseload[0]["score"] < trawled[0]["score"] == pair_score(6.0)


def test_people_met_in_the_cells_and_looked_up_after_release_are_no_way_of_working() -> None:
    # A detention officer's remit covers every lookup of the people in the suite; going back
    # to five of them after their release is not how the custody unit works.
    released = [_alert("DO1", 6.0, f"R{i}") for i in range(5)]
    for alert in released:
        alert["pair"] = {"never_linked": True, "events": 6, "remit_events": 6,
                         "met_in_custody": True, "rel_days": 2}  # fmt: skip
    in_the_cells = [_alert("DO2", 6.0, f"D{i}") for i in range(5)]
    for alert in in_the_cells:  # the same, but never after a release: the unit's work
        alert["pair"] = {"never_linked": True, "events": 6, "remit_events": 6,
                         "met_in_custody": True, "rel_days": 0}  # fmt: skip
    self_contrast([*released, *in_the_cells])
    assert all(a["score"] == pair_score(6.0) for a in released)
    assert in_the_cells[0]["score"] < pair_score(6.0)


def test_people_seen_through_one_case_are_one_look_not_several() -> None:
    # PC8 keeps viewing N1 (linked by an attendance) and, off duty, opens OC1 which names N1,
    # the suspect M1 and a witness M2: M1 and M2 are seen only through that case.
    victim = _alert("PC8", 9.0, "N1")
    victim["pair"] = {"never_linked": False, "events": 9, "via_events": 0}
    through = [_alert("PC8", 6.0, m) for m in ("M1", "M2")]
    for alert in through:
        alert["pair"] = {
            "never_linked": False,
            "events": 5,
            "via_events": 5,
            "via_cases": ["OC1"],
            "via_named": ["M1", "M2", "N1"],
        }
    self_contrast([victim, *through])
    assert victim["score"] == pair_score(9.0)  # N1's own case: no second look to discount by
    # Two cases, naming nobody else with an alert, are two looks (as two people would be).
    other = [_alert("PC9", 6.0, m) for m in ("M1", "M2")]
    for alert, case in zip(other, ("OC1", "OC2"), strict=True):
        alert["pair"] = {
            "never_linked": False,
            "events": 5,
            "via_events": 5,
            "via_cases": [case],
            "via_named": [alert["subject_nominal_id"]],
        }
    self_contrast(other)
    assert other[0]["score"] == pair_score(6.0 / (1 + SELF_CONTRAST))


def test_a_shared_logins_person_alerts_rank_under_its_account_alert() -> None:
    account = {**_alert("TRAINING1", 0.0, ""), "rule_family": "unknown_account", "score": 40.0}
    lookups = _alert("TRAINING1", 9.0, "N1")
    staff = _alert("PC8", 9.0, "N1")
    alerts = [account, lookups, staff]
    defer_to_account(alerts)
    assert lookups["score"] == 39.9 < account["score"]
    assert "not in the staff list" in lookups["reasons"][-1]
    assert staff["score"] == pair_score(9.0)


def test_binomial_tail_matches_hand_figures() -> None:
    assert binomial_tail(0, 5, 0.3) == 1.0
    assert abs(binomial_tail(5, 5, 0.5) - 1 / 32) < 1e-12
    assert abs(binomial_tail(1, 3, 0.5) - 7 / 8) < 1e-12
    assert binomial_tail(2, 4, 0.0) == 0.0
    assert binomial_tail(5, 4, 0.5) == 0.0
    # A large unit: no overflow, and the tail of a fair coin from its mean is about half.
    assert 0.5 < binomial_tail(2000, 4000, 0.5) < 0.52
    assert 0.0 <= binomial_tail(4000, 4000, 0.5) < 1e-300  # underflows, never raises


def test_lookups_centred_on_one_group_stand_out_against_a_mixed_peer_pool() -> None:
    peers = {"F:adult": 0.2, "M:adult": 0.4, "F:child": 0.2, "M:child": 0.2}
    focused = strongest_focus({"F:adult": 9}, 9, peers)
    assert focused is not None and focused.cell == "F:adult"
    assert focused.surprise > 6  # 0.2 ** 9: about 5e-7
    # As mixed as the peers': no group holds half the people, so there is no focus.
    assert (
        strongest_focus({"F:adult": 2, "M:adult": 3, "F:child": 2, "M:child": 2}, 9, peers) is None
    )
    # Half of them men, as peers' lookups are: a focus, but no surprise.
    ordinary = strongest_focus({"M:adult": 5, "F:child": 4}, 9, peers)
    assert ordinary is not None and ordinary.surprise < 1


def test_a_slight_lean_over_many_people_is_not_a_focus() -> None:
    peers = {"F:adult": 0.45, "M:adult": 0.39, "F:child": 0.08, "M:child": 0.08}
    # 45 of 84 men against peers' 39%: judged on all 84 it reads as a 1-in-300 chance; on
    # 20 people with the same share it is an ordinary lean.
    lean = strongest_focus({"M:adult": 45, "F:adult": 39}, 84, peers, sample_cap=84)
    assert lean is not None and lean.surprise > 2.0
    capped = strongest_focus({"M:adult": 45, "F:adult": 39}, 84, peers)
    assert capped is not None and capped.surprise < 1.5
    # Every one of 40 a woman: as surprising judged on 20 as any focus can be.
    trawl = strongest_focus({"F:adult": 40}, 40, peers)
    assert trawl is not None and trawl.surprise > 6
    assert trawl.count == 40 and trawl.people == 40  # the narrative keeps the real counts


def test_a_focused_trawl_stands_out_by_its_breadth() -> None:
    focused = {
        "rule_family": "breadth",
        "breadth": {"z": 5.6, "focus": {"group": "women", "count": 20, "peer_share": 0.64}},
    }
    mixed = {"rule_family": "breadth", "breadth": {"z": 7.4}}
    person = {"rule_family": "person_focus", "pair": {}}
    assert contrast_z(focused, 0.4) == 5.6
    assert contrast_z(focused, 6.0) == 6.0
    assert contrast_z(mixed, 0.4) == 0.4  # broad but mixed: judged by the peak
    assert contrast_z(person, 0.4) == 0.4


def _pair_scores(tmp_path: Path, extra_events: list[list[str]]) -> dict[tuple[str, str], Any]:
    """Detection over the small package plus `extra_events`: pair_scores by (staff, person)."""
    from custodiet.detect.engine import DetectionEngine
    from custodiet.ingest.service import import_package
    from custodiet.lake.engines import open_engine
    from tests.fixtures.packages import SMALL, write_small_package

    events = [list(r) for r in SMALL["access_events.csv"]] + extra_events
    package = write_small_package(tmp_path / "pkg", access_events=events)
    import_package(lake_path=tmp_path / "lake.duckdb", db_url=None, package=package)
    with open_engine("duckdb", tmp_path / "lake.duckdb") as db:
        engine = DetectionEngine(db)
        engine.run()
        return {
            (r["staff_id"], r["nominal_id"]): r for r in engine.records("SELECT * FROM pair_scores")
        }


def _later_views(
    staff_id: str, nominal_id: str, *, days: tuple[int, ...], with_case: bool
) -> list[list[str]]:
    """`staff_id` views `nominal_id` at 10:00 on each January day, and OC1 first if with_case."""
    events = []
    for day in days:
        events.append(
            [f"V{staff_id}{day}", "RMS", staff_id, f"2026-01-{day}T10:00:00", "view", "nominal",
             nominal_id, "", "WS1"]
        )  # fmt: skip
        if with_case:
            events.append(
                [f"O{staff_id}{day}", "RMS", staff_id, f"2026-01-{day}T09:55:00", "view",
                 "occurrence", "OC1", "", "WS1"]
            )  # fmt: skip
    return events


def _after_involvement_pair(tmp_path: Path, *, with_case: bool) -> dict[str, Any]:
    """PC1001 attended OC1 on 5 January and looks at its victim N1 on four later days."""
    views = _later_views("PC1001", "N1", days=(14, 15, 16, 17), with_case=with_case)
    return _pair_scores(tmp_path, views)[("PC1001", "N1")]


def test_opening_the_case_itself_softens_access_after_involvement(tmp_path: Path) -> None:
    alone = _after_involvement_pair(tmp_path / "alone", with_case=False)
    with_case = _after_involvement_pair(tmp_path / "case", with_case=True)
    assert alone["inv_days"] == with_case["inv_days"] == 5  # 12 January (E5) and four more
    assert (alone["inv_case_days"], with_case["inv_case_days"]) == (0, 4)
    assert with_case["evidence"] < alone["evidence"]


def test_case_days_soften_after_release_only_for_those_who_never_met_the_detainee(
    tmp_path: Path,
) -> None:
    # N2 was held from 5 to 6 January; PC1001 is on the custody record (met her in the
    # suite). S0042, a clerk, only opened her record during the detention.
    during = [["D1", "RMS", "S0042", "2026-01-05T15:00:00", "view", "nominal", "N2", "", "WS3"]]
    days = (14, 15, 16, 17)

    def run(name: str, *, with_case: bool) -> dict[tuple[str, str], Any]:
        views = _later_views("S0042", "N2", days=days, with_case=with_case)
        views += _later_views("PC1001", "N2", days=days, with_case=with_case)
        return _pair_scores(tmp_path / name, during + views)

    alone, with_case = run("alone", with_case=False), run("case", with_case=True)
    clerk, custody_officer = ("S0042", "N2"), ("PC1001", "N2")
    assert alone[clerk]["rel_days"] == with_case[clerk]["rel_days"] == 4
    assert (alone[clerk]["rel_case_days"], with_case[clerk]["rel_case_days"]) == (0, 4)
    assert with_case[clerk]["evidence"] < alone[clerk]["evidence"]
    # The custody officer's after-release lookups are not softened by opening the case.
    assert with_case[custody_officer]["rel_days"] == 4
    assert with_case[custody_officer]["rel_case_days"] == 0


def test_few_events_weigh_down_a_person_alert_until_full_support() -> None:
    import duckdb

    def support(n: int, full: int = 4) -> float:
        (row,) = (
            duckdb.connect().execute(f"SELECT {event_support_sql(str(n), full=full)}").fetchall()
        )
        return float(row[0])

    weights = [support(n) for n in range(0, 7)]
    assert weights[0] == 0.0
    assert weights[1] < weights[2] < weights[3] < weights[4] == 1.0
    assert weights[4:] == [1.0, 1.0, 1.0]
    assert round(weights[2], 2) == 0.83  # sqrt(log2 3 / log2 5), the figure in the README
    assert support(1, full=1) == 1.0  # switched off


def _run_engine(
    tmp_path: Path,
    events: list[list[str]],
    extra_shifts: list[list[str]] | None = None,
    rules: Any = None,
    while_open: Any = None,
    **tables: list[list[str]],
) -> Any:
    """Detection over the small package with its audit trail replaced by `events`.

    `while_open(engine)` runs before the lake closes, to read the engine's working tables.
    """
    from custodiet.detect.engine import DetectionEngine
    from custodiet.ingest.service import import_package
    from custodiet.lake.engines import open_engine
    from tests.fixtures.packages import SMALL, write_small_package

    package = write_small_package(
        tmp_path / "pkg",
        access_events=[list(SMALL["access_events.csv"][0]), *events],
        shifts=[list(r) for r in SMALL["shifts.csv"]] + (extra_shifts or []),
        **tables,
    )
    import_package(lake_path=tmp_path / "lake.duckdb", db_url=None, package=package)
    with open_engine("duckdb", tmp_path / "lake.duckdb") as db:
        engine = DetectionEngine(db, rules=rules)
        engine.run()
        if while_open is not None:
            while_open(engine)
        pairs = {
            (r["staff_id"], r["nominal_id"]): r for r in engine.records("SELECT * FROM pair_scores")
        }
        return engine, pairs


def test_a_case_level_audit_sees_people_through_occurrences(tmp_path: Path) -> None:
    from tests.fixtures.packages import SMALL

    # PC1002, never tasked on OC1 (victim N1, suspect N2), opens it on three nights.
    reads = [
        [f"R{d}", "RMS", "PC1002", f"2026-01-{d}T23:30:00", "view", "occurrence", "OC1", "", "WS2"]
        for d in (14, 16, 18)
    ]
    logged = [list(r) for r in SMALL["access_events.csv"][1:]]
    # The same force, had its records system logged the case and not the person: PC1001's
    # views of N1 (E1, E5) appear only in the other system.
    case_level = [[*r[:1], "CAD", *r[2:]] if r[0] in ("E1", "E5") else r for r in logged]

    engine, pairs = _run_engine(tmp_path / "case", case_level + reads)
    assert "worked_the_case" in engine.unavailable  # every day on a case would be "alone"
    assert "through_occurrence" not in engine.unavailable
    victim = pairs[("PC1002", "N1")]
    # PC1002 is in PC1001's team: the reads come after the colleague's attendance ended.
    assert (victim["via_events"], victim["days"], victim["team_after_days"]) == (3, 3, 3)
    assert ("PC1002", "N2") in pairs

    # Where the audit shows people beside their cases, reading the case at work stays a case
    # read (three days on it alone are work on the case)...
    nights = [
        ["PC1002", f"2026-01-{d}T22:00:00", f"2026-01-{d + 1}T07:00:00"] for d in (14, 16, 18)
    ]
    engine, pairs = _run_engine(tmp_path / "person", logged + reads, extra_shifts=nights)
    assert "through_occurrence" in engine.limits
    assert ("PC1002", "N1") not in pairs
    # ... but the same three nights with no roster and nothing else opened around them (quiet
    # times) are read through to the case's people, and working the case is no cover for them.
    engine, pairs = _run_engine(tmp_path / "quiet", logged + reads)
    victim = pairs[("PC1002", "N1")]
    assert (victim["via_events"], victim["days"], victim["quiet_events"]) == (3, 3, 3)


def test_a_force_without_tasking_ends_gets_each_roles_usual_span(tmp_path: Path) -> None:
    from custodiet.detect.rules import load_rules
    from tests.fixtures.packages import SMALL

    # PC1001 attended OC1 (victim N1) on 5 January and views N1 again a week later (E5).
    # The force's tasking records carry no end.
    unended = [SMALL["occurrence_staff.csv"][0]] + [
        [*r[:4], ""] for r in SMALL["occurrence_staff.csv"][1:]
    ]
    events = [list(r) for r in SMALL["access_events.csv"][1:]]
    rules = load_rules()
    # One tasking in the package: learn from it, and take the median of its accesses.
    rules["tasked_on_occurrence"].parameters.update(
        estimated_span_quantile=0.5, estimated_span_min_taskings=1
    )
    engine, pairs = _run_engine(
        tmp_path / "estimated", events, rules=rules, occurrence_staff=unended
    )
    assert "tasking ends not recorded" in engine.limits["tasked_on_occurrence"]
    assert "attending 6 min" in engine.limits["tasked_on_occurrence"]
    # The attendance lasted as attendances do here (minutes, plus the write-up slack): the
    # view a week later comes after the involvement ended.
    assert pairs[("PC1001", "N1")]["inv_events"] == 1

    # Read as an open tasking instead, it would run until the data ends and explain it.
    rules = load_rules()
    rules["tasked_on_occurrence"].parameters.update(min_end_share=0.0)
    engine, pairs = _run_engine(tmp_path / "open", events, rules=rules, occurrence_staff=unended)
    assert "tasked_on_occurrence" not in engine.limits
    assert ("PC1001", "N1") not in pairs


def test_a_detention_without_a_release_time_still_has_an_after(tmp_path: Path) -> None:
    from tests.fixtures.packages import SMALL

    # PC1001 dealt with N2's detention (booked in 5 January); the force records no release.
    unreleased = [SMALL["custody.csv"][0]] + [[*r[:5], ""] for r in SMALL["custody.csv"][1:]]
    later = ["E50", "RMS", "PC1001", "2026-01-10T23:00:00", "view", "nominal", "N2", "", "WS1"]
    events = [list(r) for r in SMALL["access_events.csv"][1:]] + [later]
    _engine, pairs = _run_engine(tmp_path, events, custody=unreleased)
    # The detention is taken to end two days after booking in: the look on 10 January
    # comes after the release of someone they dealt with in custody.
    pair = pairs[("PC1001", "N2")]
    assert (pair["rel_events"], pair["met_in_custody"]) == (1, True)


def test_a_force_whose_postings_name_one_unit_learns_its_peers_by_role(tmp_path: Path) -> None:
    from custodiet.detect.rules import load_rules
    from tests.fixtures.packages import SMALL

    events = [list(r) for r in SMALL["access_events.csv"][1:]]
    rules = load_rules()
    rules["unit_remit"].parameters.update(peer_min_group=2)
    engine, _pairs = _run_engine(tmp_path / "units", events, rules=rules)
    assert "unit_remit" not in engine.limits  # Response, Admin, CID: units will do

    one_unit = [SMALL["postings.csv"][0]] + [
        [r[0], "Force", *r[2:]] for r in SMALL["postings.csv"][1:]
    ]
    engine, pairs = _run_engine(tmp_path / "one", events, rules=rules, postings=one_unit)
    assert "learned by role" in engine.limits["unit_remit"]
    assert "the largest holds 100% of staff" in engine.limits["unit_remit"]
    units = {p["staff_id"]: p["unit"] for p in pairs.values()}
    assert units["PC1001"] == "constable"  # compared with constables, not the whole force


def test_a_force_without_markers_reads_them_from_the_persons_other_records(
    tmp_path: Path,
) -> None:
    from tests.fixtures.packages import SMALL

    unmarked = [SMALL["nominals.csv"][0]] + [[*r[:4], ""] for r in SMALL["nominals.csv"][1:]]
    events = [list(r) for r in SMALL["access_events.csv"][1:]]
    later = ["E50", "RMS", "PC1002", "2026-01-12T23:00:00", "view", "nominal", "N2", "", "WS2"]
    engine, pairs = _run_engine(tmp_path, [*events, later], nominals=unmarked)
    assert "no markers supplied (XX)" in engine.limits["vulnerability"]
    # N1 is the victim in a domestic-abuse occurrence; N2, its suspect, was detained.
    assert pairs[("PC1001", "N1")]["markers"] == ["domestic_abuse_victim"]
    assert pairs[("PC1002", "N2")]["markers"] == ["arrested_suspect"]


def test_a_post_move_leaves_no_day_outside_a_unit(tmp_path: Path) -> None:
    from tests.fixtures.packages import SMALL

    # PC1001 leaves Response on 9 January (the last day in post, a date) for Safeguarding on the 10th.
    moved = [
        *[list(r) for r in SMALL["postings.csv"] if r[0] != "PC1001"],
        ["PC1001", "Response", "constable", "R1", "North", "NPPV2", "2025-01-01", "2026-01-09"],
        ["PC1001", "Safeguarding", "detective", "C1", "East", "NPPV3", "2026-01-10", ""],
    ]
    events = [
        ["E70", "RMS", "PC1001", "2026-01-09T15:00:00", "view", "nominal", "N3", "", "WS1"],
        ["E71", "RMS", "PC1001", "2026-01-10T09:00:00", "view", "nominal", "N3", "", "WS1"],
    ]
    units: dict[str, str] = {}

    def read_units(engine: Any) -> None:
        sql = "SELECT a.event_id, u.unit FROM acc a JOIN acc_unit u USING (aid)"
        units.update((r["event_id"], r["unit"]) for r in engine.records(sql))

    _run_engine(tmp_path / "last-day", events, postings=moved, while_open=read_units)
    assert units == {"E70": "Response", "E71": "Safeguarding"}

    # The same move recorded the other way: the end is the first day no longer in post.
    moved[-2][-1] = "2026-01-10"
    units.clear()
    _run_engine(tmp_path / "first-day-out", events, postings=moved, while_open=read_units)
    assert units == {"E70": "Response", "E71": "Safeguarding"}


def test_a_team_too_large_to_share_work_explains_nothing_by_co_access(tmp_path: Path) -> None:
    from custodiet.detect.rules import load_rules

    # PC1001 and PC1002 (team R1, two members) look at N3 a day apart.
    events = [
        ["E80", "RMS", "PC1002", "2026-01-08T11:00:00", "view", "nominal", "N3", "", "WS2"],
        ["E81", "RMS", "PC1001", "2026-01-09T14:00:00", "view", "nominal", "N3", "", "WS1"],
    ]
    matched: dict[str, set[str]] = {}

    def read(engine: Any) -> None:
        matched["co"] = engine.matched_events("team_co_access")

    _run_engine(tmp_path / "small", events, while_open=read)
    assert matched["co"] == {"E80", "E81"}
    rules = load_rules()
    rules["team_co_access"].parameters.update(max_team_size=1)
    _run_engine(tmp_path / "large", events, rules=rules, while_open=read)
    assert matched["co"] == set()


def test_a_person_the_unit_keeps_looking_at_is_not_never_linked_or_dormant(
    tmp_path: Path,
) -> None:
    from custodiet.detect.rules import load_rules

    # Four Response officers each look N3 (in no occurrence) up on two days; PC1001 on four.
    colleagues = [
        ["PC1003", "Pat Third", "officer", "PC", "F", "North", "2019-01-01", ""],
        ["PC1004", "Lee Fourth", "officer", "PC", "M", "North", "2019-01-01", ""],
    ]
    posted = [
        ["PC1003", "Response", "constable", "R2", "North", "NPPV2", "2025-01-01", ""],
        ["PC1004", "Response", "constable", "R2", "North", "NPPV2", "2025-01-01", ""],
    ]
    from tests.fixtures.packages import SMALL

    staff = [list(r) for r in SMALL["staff.csv"]] + colleagues
    postings = [list(r) for r in SMALL["postings.csv"]] + posted
    events = _later_views("PC1001", "N3", days=(14, 16, 20, 22), with_case=False)
    for sid, days in (("PC1002", (15, 21)), ("PC1003", (17, 23)), ("PC1004", (18, 24))):
        events += _later_views(sid, "N3", days=days, with_case=False)
    # PC1001 is on duty at each look (a day shift on each of the four days).
    on_duty = [
        ["PC1001", f"2026-01-{day}T07:00:00", f"2026-01-{day}T17:00:00"] for day in (14, 16, 20, 22)
    ]
    run = {"staff": staff, "postings": postings, "extra_shifts": on_duty}
    _engine, pairs = _run_engine(tmp_path / "shared", events, **run)
    shared = pairs[("PC1001", "N3")]
    assert shared["shared_colleagues"] == 3
    assert not shared["never_linked"] and shared["dormant_days"] == 0
    assert shared["weak_events"] == shared["events"]
    # On duty, with no involvement or release to be after: nothing sets the look apart.
    assert shared["off_x"] == shared["quiet_x"] == 0
    assert shared["raw"] < MIN_PAIR_RAW <= shared["evidence"]
    # Without the rule (or with one colleague fewer) the same lookups are never linked.
    rules = load_rules()
    rules["shared_interest"].parameters.update(min_colleagues=4)
    _engine, pairs = _run_engine(tmp_path / "alone", events, rules=rules, **run)
    alone = pairs[("PC1001", "N3")]
    assert alone["never_linked"] and alone["dormant_days"] == 4
    assert alone["raw"] >= MIN_PAIR_RAW


def _response_unit_with_a_remit() -> tuple[dict[str, Any], list[list[str]]]:
    """Four Response officers who each open three domestic-abuse victims (N4-N6) untasked,
    so that the unit learns that remit; PC1001 on duty on 14-17 January. (run, events)"""
    from tests.fixtures.packages import SMALL

    staff = [list(r) for r in SMALL["staff.csv"]] + [
        ["PC1003", "Pat Third", "officer", "PC", "F", "North", "2019-01-01", ""],
        ["PC1004", "Lee Fourth", "officer", "PC", "M", "North", "2019-01-01", ""],
    ]
    postings = [list(r) for r in SMALL["postings.csv"]] + [
        ["PC1003", "Response", "constable", "R2", "North", "NPPV2", "2025-01-01", ""],
        ["PC1004", "Response", "constable", "R2", "North", "NPPV2", "2025-01-01", ""],
    ]
    nominals = [list(r) for r in SMALL["nominals.csv"]] + [
        [f"N{i}", "F", "1990", "South", "domestic_abuse_victim"] for i in (4, 5, 6)
    ]
    remit_work = [
        [f"R{sid}{n}", "RMS", sid, f"2026-01-{8 + i}T1{n}:00:00", "view", "nominal", f"N{n}", "",
         "WS1"]
        for i, sid in enumerate(("PC1001", "PC1002", "PC1003", "PC1004"))
        for n in (4, 5, 6)
    ]  # fmt: skip
    on_duty = [
        ["PC1001", f"2026-01-{day}T07:00:00", f"2026-01-{day}T17:00:00"] for day in (14, 15, 16, 17)
    ]
    run = {"staff": staff, "postings": postings, "nominals": nominals, "extra_shifts": on_duty}
    return run, remit_work


def _back_to_the_victim(
    tmp_path: Path, extra: list[list[str]], **tables: list[list[str]]
) -> dict[str, Any]:
    """PC1001, who attended OC1, opens its victim N1 on duty on 14-17 January, in the
    Response unit with a remit, beside `extra` events: the pair's scores."""
    run, remit_work = _response_unit_with_a_remit()
    later = _later_views("PC1001", "N1", days=(14, 15, 16, 17), with_case=False)
    _engine, pairs = _run_engine(tmp_path, [*remit_work, *later, *extra], **run, **tables)
    return dict(pairs[("PC1001", "N1")])


def test_remit_work_repeated_as_no_one_else_in_the_unit_repeats_still_alerts(
    tmp_path: Path,
) -> None:
    # PC1001 attended OC1 and, on duty, opens its victim N1 on four later days: linked to
    # his work, covered by the unit's remit, on duty.
    alone = _back_to_the_victim(tmp_path / "alone", [])
    assert alone["remit_events"] == alone["events"] == 4 and not alone["never_linked"]
    assert alone["off_x"] == 0 and alone["dormant_days"] == 0 and alone["inv_days"] == 4
    # Nobody else in the unit comes back to anyone on four days: not what the remit is for.
    assert alone["r_days"] == 1.0 and alone["raw"] == alone["evidence"]
    # Two colleagues who each come back to one of the unit's victims on four days too make
    # it the unit's way of working: it stays below the alert line.
    repeats = _later_views("PC1002", "N4", days=(14, 15, 16, 17), with_case=False)
    repeats += _later_views("PC1003", "N5", days=(14, 15, 16, 17), with_case=False)
    usual = _back_to_the_victim(tmp_path / "usual", repeats)
    assert usual["r_days"] < 0.75 and usual["raw"] < MIN_PAIR_RAW


def test_a_remit_softens_coming_back_after_involvement_only_as_peers_come_back(
    tmp_path: Path,
) -> None:
    from tests.fixtures.packages import SMALL

    # PC1001 attended OC1 on 5 January and comes back to its victim N1 on four later days,
    # all covered by the unit's remit. Alone in the unit in coming back after the
    # involvement, the remit does not soften it; once PC1002, who attended OC1 too, comes
    # back to N1 on as many days, it softens it as far as the unit shares the habit.
    alone = _back_to_the_victim(tmp_path / "alone", [])
    assert alone["remit_events"] == alone["events"] and alone["inv_days"] == 4
    assert alone["r_inv_days"] == 1.0 and alone["after_remit_factor"] == 1.0
    attended = [list(r) for r in SMALL["occurrence_staff.csv"]] + [
        ["OC1", "PC1002", "attending", "2026-01-05T08:15:00", "2026-01-05T12:00:00"]
    ]
    colleague = _later_views("PC1002", "N1", days=(14, 15, 16, 17), with_case=False)
    shared = _back_to_the_victim(tmp_path / "shared", colleague, occurrence_staff=attended)
    assert shared["inv_days"] == 4 and shared["r_inv_days"] < 1.0
    assert shared["after_remit_factor"] == pytest.approx(1 - 0.6 * (1 - shared["r_inv_days"]))
    assert shared["evidence"] < alone["evidence"]


def test_breadth_counts_a_never_linked_person_whose_case_is_live(tmp_path: Path) -> None:
    # DS2001 (CID) has no link to N1, a domestic-abuse victim whose occurrence OC1 is open:
    # two lookups of her late at night count towards his breadth, dormant record or not.
    events = _later_views("DS2001", "N1", days=(10, 12), with_case=False)
    events = [[*e[:3], e[3].replace("T10:", "T23:"), *e[4:]] for e in events]
    counted: dict[str, list[Any]] = {}

    def read(engine: Any) -> None:
        counted["pairs"] = engine.records(
            "SELECT staff_id, nominal_id, dormant_days FROM pair_scores p WHERE "
            + engine._breadth_counted()
        )

    _run_engine(tmp_path, events, while_open=read)
    assert [(r["staff_id"], r["nominal_id"], r["dormant_days"]) for r in counted["pairs"]] == [
        ("DS2001", "N1", 0)
    ]


def _alerts_with_allegations(tmp_path: Path, rows: list[list[str]]) -> list[dict[str, Any]]:
    """Detection over the small package with `rows` added to allegations.csv."""
    from custodiet.detect.engine import DetectionEngine
    from custodiet.ingest.service import import_package
    from custodiet.lake.engines import open_engine
    from tests.fixtures.packages import SMALL, write_small_package

    allegations = [list(r) for r in SMALL["allegations.csv"]] + rows
    package = write_small_package(tmp_path / "pkg", allegations=allegations)
    lake = tmp_path / "lake.duckdb"
    import_package(lake_path=lake, db_url=None, package=package)
    with open_engine("duckdb", lake) as db:
        return DetectionEngine(db).run().alerts


def _lead(alerts: list[dict[str, Any]], staff_id: str) -> dict[str, Any]:
    return max((a for a in alerts if a["staff_id"] == staff_id), key=lambda a: a["score"])


def test_an_earlier_allegation_ranks_the_staff_members_alerts_higher(tmp_path: Path) -> None:
    def allegation(category: str, received: str) -> list[str]:
        return ["AL9", "PC1001", received, category, "colleague", "", "", "", ""]

    base = _lead(_alerts_with_allegations(tmp_path / "none", []), "PC1001")
    assert "S020" not in base["rule_ids"]
    marked = _lead(
        _alerts_with_allegations(
            tmp_path / "sexual", [allegation("sexual_misconduct", "2024-02-01")]
        ),
        "PC1001",
    )
    assert "S020" in marked["rule_ids"]
    # weight 1: the odds of the score double (s -> 100 - (100 - s) / 2)
    assert marked["score"] == round(100 - (100 - base["score"]) / 2, 1) > base["score"]
    assert marked["reasons"][-1] == (
        "an earlier allegation is on record (sexual misconduct, received 2024-02-01, still open)"
    )
    # A category that does not bear on abuse of position for a sexual purpose, or an
    # allegation received after the audit trail ends, changes nothing.
    for name, row in (
        ("theft", allegation("theft_fraud", "2024-02-01")),
        ("later", allegation("sexual_misconduct", "2026-06-01")),
    ):
        other = _lead(_alerts_with_allegations(tmp_path / name, [row]), "PC1001")
        assert other["score"] == base["score"] and "S020" not in other["rule_ids"]


def test_a_force_without_allegations_is_told_the_history_signal_was_not_used(
    tmp_path: Path,
) -> None:
    from custodiet.detect.engine import DetectionEngine
    from custodiet.ingest.service import import_package
    from custodiet.lake.engines import open_engine
    from tests.fixtures.packages import SMALL, write_small_package

    package = write_small_package(tmp_path / "pkg", allegations=[SMALL["allegations.csv"][0]])
    import_package(lake_path=tmp_path / "lake.duckdb", db_url=None, package=package)
    with open_engine("duckdb", tmp_path / "lake.duckdb") as db:
        engine = DetectionEngine(db)
        alerts = engine.run().alerts
        assert engine.unavailable["prior_allegation"] == "no allegations supplied"
        assert engine.matched_events("prior_allegation") == set()
    assert alerts and not any("S020" in a["rule_ids"] for a in alerts)


def test_her_address_opened_straight_after_adds_to_the_pattern(tmp_path: Path) -> None:
    looks = [
        ["L1", "RMS", "PC1002", "2026-01-07T10:00:00", "view", "nominal", "N3", "", "WS2"],
        ["L2", "RMS", "PC1002", "2026-01-09T10:00:00", "view", "nominal", "N3", "", "WS2"],
    ]
    addresses = [
        ["A1", "RMS", "PC1002", "2026-01-07T10:02:00", "view", "location", "L7", "", "WS2"],
        ["A2", "RMS", "PC1002", "2026-01-09T10:03:00", "view", "vehicle", "V7", "", "WS2"],
    ]
    # six minutes after her record: not tied to her
    late = [["A3", "RMS", "PC1002", "2026-01-09T10:06:00", "view", "location", "L8", "", "WS2"]]
    plain = _pair_scores(tmp_path / "plain", looks)[("PC1002", "N3")]
    followed = _pair_scores(tmp_path / "followed", looks + addresses)[("PC1002", "N3")]
    later = _pair_scores(tmp_path / "later", looks + late)[("PC1002", "N3")]
    assert (plain["follow_days"], later["follow_days"]) == (0, 0)
    assert (followed["follow_days"], followed["follow_locations"]) == (2, 1)
    assert followed["follow_vehicles"] == 1
    # tied to her, the records neither break her lone sessions nor go unremarked
    assert followed["lone_days"] == plain["lone_days"] == 2
    assert followed["evidence"] > plain["evidence"]


def test_a_record_made_for_oneself_alone_explains_nothing_off_duty(tmp_path: Path) -> None:
    from tests.fixtures.packages import SMALL

    # PC1002 creates OC9 naming N3 and is the only one ever tasked on it; opens N3 on shift
    # (5 January, 10:00), at 23:00 that night and at 23:00 two days later, off duty.
    occurrences = [list(r) for r in SMALL["occurrences.csv"]] + [
        ["OC9", "concern_for_welfare", "2026-01-05T09:50:00", "", "South", "PC1002"]
    ]
    named = [list(r) for r in SMALL["occurrence_nominals.csv"]] + [["OC9", "N3", "other"]]
    tasked = [list(r) for r in SMALL["occurrence_staff.csv"]] + [
        ["OC9", "PC1002", "oic", "2026-01-05T09:50:00", ""]
    ]
    looks = [
        ["M1", "RMS", "PC1002", "2026-01-05T10:00:00", "view", "nominal", "N3", "", "WS2"],
        ["M2", "RMS", "PC1002", "2026-01-07T23:00:00", "view", "nominal", "N3", "", "WS2"],
        ["M3", "RMS", "PC1002", "2026-01-05T23:00:00", "view", "nominal", "N3", "", "WS2"],
    ]
    events = [list(r) for r in SMALL["access_events.csv"][1:]] + looks

    def strong(name: str, staff: list[list[str]]) -> dict[str, bool]:
        found: dict[str, bool] = {}

        def read(engine: Any) -> None:
            for r in engine.records(
                "SELECT a.event_id, s.strong FROM acc a JOIN acc_status s USING (aid)"
                " WHERE a.event_id IN ('M1', 'M2', 'M3')"
            ):
                found[r["event_id"]] = bool(r["strong"])

        _run_engine(
            tmp_path / name,
            events,
            while_open=read,
            occurrences=occurrences,
            occurrence_nominals=named,
            occurrence_staff=staff,
        )
        return found

    # On shift, and on the day it was made, the record is accepted; off duty on a later day
    # it is the maker's own say-so, left to the signals.
    assert strong("alone", tasked) == {"M1": True, "M2": False, "M3": True}
    # With a colleague tasked on it too, it is not the maker's alone.
    colleague = ["OC9", "PC1001", "attending", "2026-01-05T09:55:00", ""]
    assert strong("shared", [*tasked, colleague]) == {"M1": True, "M2": True, "M3": True}


def _run_alerts(tmp_path: Path, **tables: list[list[str]]) -> list[dict[str, Any]]:
    """The candidate alerts of a run over the small package with `tables` replaced."""
    from custodiet.detect.engine import DetectionEngine
    from custodiet.ingest.service import import_package
    from custodiet.lake.engines import open_engine
    from tests.fixtures.packages import write_small_package

    package = write_small_package(tmp_path / "pkg", **tables)
    import_package(lake_path=tmp_path / "lake.duckdb", db_url=None, package=package)
    with open_engine("duckdb", tmp_path / "lake.duckdb") as db:
        return DetectionEngine(db).run().alerts


def test_cars_nobody_else_opens_are_judged_against_the_units_habit(tmp_path: Path) -> None:
    from tests.fixtures.packages import SMALL

    # Nine offender managers each check "their" offender's car on five days; of twenty roads
    # officers only RP1 returns to one car. The same record alert, judged against peers.
    staff = [list(r) for r in SMALL["staff.csv"]]
    postings = [list(r) for r in SMALL["postings.csv"]]
    events = [list(r) for r in SMALL["access_events.csv"]]
    days = ["05", "07", "09", "11", "13"]
    for unit, prefix, size in (("Offender Management", "OM", 9), ("Roads", "RP", 20)):
        for i in range(1, size + 1):
            sid = f"{prefix}{i}"
            staff.append([sid, f"Staff {sid}", "officer", "PC", "M", "North", "2019-01-01", ""])
            postings.append([sid, unit, "constable", unit[:2], "North", "NPPV2", "2025-01-01", ""])
            events.append([f"{sid}-0", "RMS", sid, "2026-01-06T10:00:00", "view", "nominal",
                           "N2", "", "WS9"])  # fmt: skip
            if prefix == "OM" or i == 1:
                events += [
                    [f"{sid}-{d}", "RMS", sid, f"2026-01-{d}T11:00:00", "view", "vehicle",
                     f"CAR-{sid}", "", "WS9"]
                    for d in days
                ]  # fmt: skip
    alerts = _run_alerts(tmp_path, staff=staff, postings=postings, access_events=events)
    records = {a["staff_id"]: a for a in alerts if a["rule_family"] == "record_repetition"}
    assert set(records) == {f"OM{i}" for i in range(1, 10)} | {"RP1"}
    roads = records["RP1"]
    assert roads["record"]["peer_z"] >= 3.0 and "S015" in roads["rule_ids"]
    assert "nobody else among the 20 staff in Roads" in roads["reasons"][-1]
    manager = records["OM1"]
    assert manager["score"] == pytest.approx(roads["score"] * 0.5, abs=0.1)
    assert "return to records nobody else opens too" in manager["reasons"][-1]


def test_a_person_much_of_the_force_looks_up_weighs_less(tmp_path: Path) -> None:
    from custodiet.detect.engine import DetectionEngine
    from custodiet.detect.rules import load_rules
    from custodiet.ingest.service import import_package
    from custodiet.lake.engines import open_engine
    from tests.fixtures.packages import SMALL, write_small_package

    # S0042 opens N3 on four days; then, in a second force, every other staff member (and
    # 20 more) opens N3 once too.
    looks = [
        [f"F{d}", "RMS", "S0042", f"2026-01-{d}T10:00:00", "view", "nominal", "N3", "", "WS3"]
        for d in ("06", "08", "10", "12")
    ]
    staff = [list(r) for r in SMALL["staff.csv"]]
    crowd = []
    for i in range(24):
        sid = f"PC9{i:03d}"
        staff.append([sid, f"Staff {sid}", "officer", "PC", "M", "North", "2019-01-01", ""])
        crowd.append([f"C{i}", "RMS", sid, "2026-01-07T10:00:00", "view", "nominal", "N3", "",
                      "WS9"])  # fmt: skip
    events = [list(r) for r in SMALL["access_events.csv"]] + looks

    def pair(folder: str, rows: list[list[str]]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        package = write_small_package(tmp_path / folder, staff=staff, access_events=rows)
        import_package(lake_path=tmp_path / f"{folder}.duckdb", db_url=None, package=package)
        with open_engine("duckdb", tmp_path / f"{folder}.duckdb") as db:
            engine = DetectionEngine(db, load_rules())
            engine.release = lambda *tables: None  # type: ignore[method-assign]
            engine.run()
            names, rows_ = db.rows(
                "SELECT * FROM pair_scores WHERE staff_id = 'S0042' AND nominal_id = 'N3'"
            )
            found = dict(zip(names, rows_[0], strict=True))
        return found

    alone = pair("alone", events)
    crowded = pair("crowded", events + crowd)
    assert (alone["force_interest"], alone["force_lookers"]) == (1.0, 0)
    # 25 lookers of 28 staff: over the bar of 20 (min_lookers; 10% of 28 is fewer)
    assert crowded["force_lookers"] == 25
    assert crowded["force_interest"] == pytest.approx((20 / 25) ** 0.5)
    assert crowded["evidence"] == pytest.approx(alone["evidence"] * (20 / 25) ** 0.5, rel=0.2)
    assert crowded["evidence"] < alone["evidence"]


def test_a_small_unit_borrows_its_missing_peers_from_the_force(tmp_path: Path) -> None:
    import math

    from tests.fixtures.packages import SMALL

    # Four case progression officers each return to one person on five days. Twenty roads
    # officers either glance once at a person each ("rare") or return to one on five days
    # too ("common"). The unit of four is filled up to 20 with peers who behave as the
    # force does: how rare the habit is depends on whether the force shares it.
    days = ["05", "07", "09", "11", "13"]
    staff = [list(r) for r in SMALL["staff.csv"]]
    postings = [list(r) for r in SMALL["postings.csv"]]
    for unit, prefix, size in (("Case Progression", "CP", 4), ("Roads", "RP", 20)):
        for i in range(1, size + 1):
            sid = f"{prefix}{i}"
            staff.append([sid, f"Staff {sid}", "staff", "", "F", "North", "2019-01-01", ""])
            postings.append([sid, unit, "officer", unit[:2], "North", "NPPV2", "2025-01-01", ""])

    def r_days(folder: str, *, roads_return: bool) -> tuple[float, int]:
        events = []
        for prefix, size in (("CP", 4), ("RP", 20)):
            for i in range(1, size + 1):
                sid = f"{prefix}{i}"
                looks = days if prefix == "CP" or roads_return else days[:1]
                events += [
                    [f"{sid}-{d}", "RMS", sid, f"2026-01-{d}T11:00:00", "view", "nominal",
                     f"N-{sid}", "", "WS9"]
                    for d in looks
                ]  # fmt: skip
        seen: dict[str, int] = {}

        def count_staff(engine: Any) -> None:
            seen["staff"] = int(engine.records("SELECT count(*) AS n FROM unit_of")[0]["n"])

        _engine, pairs = _run_engine(
            tmp_path / folder, events, staff=staff, postings=postings, while_open=count_staff
        )
        return float(pairs[("CP1", "N-CP1")]["r_days"]), seen["staff"]

    rare, force_staff = r_days("rare", roads_return=False)
    common, _ = r_days("common", roads_return=True)
    # 16 borrowed peers show the habit as the staff outside the unit do (counted over them
    # and 20 more who never show it): none of them, or the 20 roads officers
    outside = force_staff - 4 + 20
    assert rare == pytest.approx(math.log(20 / 4) / math.log(20))
    assert common == pytest.approx(math.log(20 / (4 + 16 * 20 / outside)) / math.log(20))
    assert common < rare / 2


def _trawl_force(*, victims_live: str) -> dict[str, list[list[str]]]:
    """Ten constables in one response unit, posted North, each glancing once at people
    with no link to their work: nine at ten arrested men and two women each, RC1 at ten
    young women recorded as domestic-abuse victims (living in `victims_live`) and two men."""
    from tests.fixtures.packages import SMALL

    staff = [list(r) for r in SMALL["staff.csv"]]
    postings = [list(r) for r in SMALL["postings.csv"]]
    nominals = [list(r) for r in SMALL["nominals.csv"]]
    events = [list(r) for r in SMALL["access_events.csv"]]
    for i in range(1, 11):
        sid = f"RC{i}"
        staff.append([sid, f"Staff {sid}", "officer", "PC", "M", "North", "2019-01-01", ""])
        postings.append([sid, "Response", "constable", "R2", "North", "NPPV2", "2025-01-01", ""])
        if sid == "RC1":
            people = [(f"W{j}", "F", victims_live, "domestic_abuse_victim") for j in range(10)]
            people += [(f"M1-{j}", "M", "South", "arrested_suspect") for j in range(2)]
        else:
            people = [(f"M{i}-{j}", "M", "South", "arrested_suspect") for j in range(10)]
            people += [(f"W{i}-{j}", "F", "South", "domestic_abuse_victim") for j in range(2)]
        for n, (nominal, sex, district, marker) in enumerate(people):
            nominals.append([nominal, sex, "2000", district, marker])
            events.append([f"{sid}-{n}", "RMS", sid, f"2026-01-{8 + n % 12:02d}T14:00:00",
                           "view", "nominal", nominal, "", "WS9"])  # fmt: skip
    return {"staff": staff, "postings": postings, "nominals": nominals, "access_events": events}


def test_glances_at_young_women_victims_far_from_the_patch_are_a_trawl(tmp_path: Path) -> None:
    # Each glance is once: no person-level pattern, and twelve people each is no breadth
    # that stands out. Who the glances land on is the finding.
    alerts = _run_alerts(tmp_path, **_trawl_force(victims_live="South"))
    trawls = [a for a in alerts if "S027" in a["rule_ids"]]
    assert [a["staff_id"] for a in trawls] == ["RC1"]
    trawl = trawls[0]
    assert trawl["rule_family"] == "breadth"
    # the women come first among the people the alert cites (the evidence is theirs)
    assert trawl["nominal_ids"][:10] == sorted(f"W{j}" for j in range(10))
    rec = trawl["breadth"]
    # peers: the ten and PC1001, a constable in Response too
    assert (rec["trawl_people"], rec["trawl_looked_up"], rec["trawl_peers"]) == (10, 12, 11)
    assert rec["trawl_group"] == "Response / constable" and rec["trawl_z"] >= 3.0
    assert trawl["score"] >= 90.0
    reason = next(r for r in trawl["reasons"] if "10 of the 12 marked people" in r)
    assert "women aged 16-35 recorded as domestic abuse" in reason


def test_the_same_glances_on_the_officers_own_patch_are_not_a_trawl(tmp_path: Path) -> None:
    # The women live in the district RC1 is posted to: people on the patch are the patch's
    # business, and those lookups are not counted; the two men left are no trawl.
    alerts = _run_alerts(tmp_path, **_trawl_force(victims_live="North"))
    assert not [a for a in alerts if "S027" in a["rule_ids"]]
