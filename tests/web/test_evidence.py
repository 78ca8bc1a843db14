"""The alert page's evidence: events as the analyst sees them."""

from __future__ import annotations

from pathlib import Path

from custodiet.ingest.service import import_package
from custodiet.pseudonym import pseudonym
from custodiet.web.evidence import EvidenceView, build_evidence
from custodiet.web.lake import LakeReader
from tests.fixtures.packages import write_small_package

COMMON = {"system_id": "RMS", "action": "view", "nominal_id": "N1", "on_duty": False}


def _view_of(tmp_path: Path, events: list[dict[str, object]]) -> EvidenceView:
    """The alert page's view of N1's evidence `events`, over the small package's lake."""
    package = write_small_package(tmp_path / "pkg")
    import_package(lake_path=tmp_path / "lake.duckdb", db_url=None, package=package)
    return build_evidence(
        force="XX",
        subject_nominal_id="N1",
        nominal_ids=["N1"],
        evidence={"events": events},
        lake=LakeReader(tmp_path / "lake.duckdb"),
        at_year=2026,
    )


def test_a_person_seen_through_an_occurrence_shows_as_that_occurrence(tmp_path: Path) -> None:
    view = _view_of(
        tmp_path,
        [
            {**COMMON, "event_id": "E5", "ts": "2026-01-12T23:40:00Z", "occurrence_id": None},
            {**COMMON, "event_id": "E9", "ts": "2026-01-14T23:30:00Z", "occurrence_id": "OC1"},
        ],
    )
    rows = {r["event_id"]: r for r in view.events}
    assert (rows["E9"]["entity_type"], rows["E9"]["entity"]) == ("occurrence", "OC1")
    assert rows["E5"]["entity_type"] == ""  # a look at the person's own record
    assert rows["E9"]["person"] == rows["E5"]["person"] == pseudonym("XX", "N1")
    assert view.people[0].events == 2


def test_an_address_opened_straight_after_the_person_is_shown_as_hers(tmp_path: Path) -> None:
    view = _view_of(
        tmp_path,
        [
            {**COMMON, "event_id": "E5", "ts": "2026-01-12T23:40:00Z"},
            {**COMMON, "event_id": "E7", "ts": "2026-01-12T23:42:00Z",
             "entity_type": "location", "entity_id": "L9"},
        ],
    )  # fmt: skip
    rows = {r["event_id"]: r for r in view.events}
    assert (rows["E5"]["kind"], rows["E7"]["kind"]) == ("unexplained", "follow")
    assert (rows["E7"]["entity_type"], rows["E7"]["entity"]) == ("location", "L9")
    assert (view.unexplained, view.followed) == (1, 1)
    assert ("follow", "1 record naming nobody opened straight after") in view.summary_parts


def test_figures_are_named_in_words_and_scoring_internals_stay_out(tmp_path: Path) -> None:
    from custodiet.web.evidence import _figures

    figures = {
        "events": 8,
        "via_events": 8,
        "lone_days": 1,
        "base_off": 0.12,
        "quiet_x": 1,
        "evidence": 13.02,
        "support": 1.0,
        "raw": 4.2,
        "follow_locations": 2,
        "follow_days": 2,
    }
    shown, compared = _figures({"figures": figures}, "person_focus")
    labels = dict(shown) | dict(compared)
    assert labels["Seen by opening an occurrence that names the person"] == "8"
    assert labels["Location records opened straight after the person"] == "2"
    assert labels["Their own off-duty share in explained work"] == "12%"
    # Every figure shown has a written label, not a column name.
    assert all(" " in label for label in labels), labels
    assert len(labels) == 6


def test_a_trawls_figures_keep_the_units_own_capitals() -> None:
    from custodiet.web.evidence import _figures

    figures = {
        "unit": "CID Eastholme", "trawl_people": 11, "trawl_looked_up": 13, "trawl_share": 0.846,
        "trawl_group": "CID Eastholme / detective constable", "trawl_peers": 13,
        "trawl_peer_share": 0.375, "trawl_z": 4.11,
    }  # fmt: skip
    shown, compared = _figures({"figures": figures}, "breadth")
    assert ("Unit", "CID Eastholme") in shown
    assert ("Share of those in the group", "85%") in shown
    assert ("Peer group", "CID Eastholme / detective constable") in compared
    assert ("Usual share in the peer group", "38%") in compared


def test_every_explanation_rule_has_a_short_label_and_its_strength() -> None:
    from custodiet.detect.rules import load_rules
    from custodiet.web.evidence import EXPLANATION_LABELS, _explanation

    for rule in load_rules().values():
        if rule.kind != "explanation":
            continue
        shown = _explanation(rule.name)
        assert shown["label"] == EXPLANATION_LABELS[rule.name]
        assert shown["weak"] is (rule.strength == "weak")


def test_a_car_returned_to_shows_each_look_as_in_question(tmp_path: Path) -> None:
    from custodiet.web.evidence import _figures

    view = _view_of(
        tmp_path,
        [
            {**COMMON, "event_id": "V1", "ts": "2026-01-12T21:00:00Z", "action": "search",
             "nominal_id": None, "entity_type": "vehicle", "entity_id": "V7", "record": True},
        ],
    )  # fmt: skip
    (row,) = view.events
    # a national vehicle check is the look in question here, not a search before one
    assert (row["kind"], row["record"], row["entity"]) == ("unexplained", True, "V7")
    assert (view.unexplained, view.searches) == (1, 0)
    figures, _ = _figures({"figures": {"events": 5, "days": 5, "others": 0}}, "record_repetition")
    assert figures == [
        ("Looks at the record", "5"),
        ("Days the record was looked at", "5"),
        ("Other staff who ever opened the record", "0"),
    ]
