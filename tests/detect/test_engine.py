"""Scoring helpers of the detection engine."""

from __future__ import annotations

from typing import Any

from custodiet.detect.engine import pair_score, peer_weight, roll_up, self_contrast


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
