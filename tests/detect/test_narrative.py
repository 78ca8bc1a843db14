"""Plain-English narratives of alerts."""

from __future__ import annotations

from custodiet.detect.narrative import breadth_narrative, pair_narrative


def _breadth(**extra: object) -> dict[str, object]:
    rec = {"people": 9, "unit": "response", "peer_people": 0, "peers": 267, "off_events": 5}
    return {"breadth": {**rec, **extra}}


def test_breadth_narrative_names_the_group_the_lookups_centre_on() -> None:
    text = breadth_narrative(_breadth(focus={"group": "women", "count": 9, "peer_share": 0.15}))
    assert "Looked up 9 vulnerable people" in text
    assert "9 of the 9 were women, against 15% of those peers looked up" in text
    assert text.endswith("5 of these accesses were off duty.")


def test_breadth_narrative_without_a_focus_says_nothing_of_one() -> None:
    text = breadth_narrative(_breadth(off_events=0))
    assert "were women" not in text and "off duty" not in text
    assert text.endswith("(267 staff).")


_TRAWL = {
    "trawl_people": 11, "trawl_looked_up": 13, "trawl_share": 0.846,
    "trawl_target": "women aged 16-35 recorded as domestic abuse or sexual offence victims",
    "trawl_peers": 13, "trawl_group": "CID Eastholme / detective constable",
    "trawl_peer_share": 0.375, "trawl_z": 4.1,
}  # fmt: skip


def test_a_trawl_alone_is_told_by_who_the_glances_land_on() -> None:
    text = breadth_narrative({"breadth": {"unit": "CID Eastholme", **_TRAWL}})
    assert text.startswith(
        "11 of the 13 marked people they looked up with no link to their work, outside the "
        "districts they are posted to, were women aged 16-35 recorded as domestic abuse or "
        "sexual offence victims (85%); among the 13 staff of CID Eastholme / detective "
        "constable the usual share is 38%."
    )
    assert "Looked up" not in text


def test_a_trawl_on_a_breadth_alert_follows_the_breadth() -> None:
    text = breadth_narrative(_breadth(**_TRAWL))
    assert text.index("Looked up 9 vulnerable people") < text.index("11 of the 13")


def _released(*, met: bool, never_linked: bool) -> dict[str, object]:
    pair = {
        "nominal_id": "N2", "markers": ["arrested_suspect"], "events": 10, "days": 2,
        "rostered_events": 10, "off_events": 0, "inv_events": 0, "rel_events": 10,
        "met_in_custody": met, "search_events": 0, "near_home": False,
        "never_linked": never_linked, "weak_events": 10,
    }  # fmt: skip
    return {"force": "SY", "pair": pair}


def test_after_release_narrative_says_how_the_detainee_was_seen() -> None:
    in_suite = pair_narrative(_released(met=True, never_linked=True))
    assert (
        "10 after the person's release from a detention they saw in the custody suite" in in_suite
    )
    # Seen in the suite but never on a tasking or the custody record: said without contradiction.
    assert in_suite.endswith(
        "no tasking, custody record or team colleague's case ever linked them to this person."
    )
    from_desk = pair_narrative(_released(met=False, never_linked=False))
    assert "during which they opened the person's record" in from_desk
    assert "custody suite" not in from_desk


def test_narrative_says_when_the_person_was_seen_through_an_occurrence() -> None:
    alert = _released(met=True, never_linked=True)
    pair = alert["pair"]
    assert isinstance(pair, dict)
    pair["via_events"] = 10
    every = pair_narrative(alert)
    assert every.startswith("Looked up ") and (
        "10 times on 2 days, each time by opening an occurrence that names them" in every
    )
    pair["via_events"] = 4
    some = pair_narrative(alert)
    assert "4 by opening an occurrence that names them" in some and "each time" not in some
    pair["via_events"] = 0
    assert "occurrence that names" not in pair_narrative(alert)


def test_narrative_says_the_unit_shares_the_interest() -> None:
    alert = _released(met=False, never_linked=False)
    pair = alert["pair"]
    assert isinstance(pair, dict)
    assert pair_narrative(alert).endswith("unit's general remit covers it.")
    pair.update(shared_interest=True, shared_colleagues=4)
    assert pair_narrative(alert).endswith(
        "; 4 others in the unit looked the person up as often, so it may be the unit's business."
    )


def test_narrative_says_an_earlier_allegation_is_on_record() -> None:
    alert = _released(met=False, never_linked=False)
    pair = alert["pair"]
    assert isinstance(pair, dict)
    assert "allegation" not in pair_narrative(alert)
    pair["prior_allegation"] = {
        "count": 1, "category": "sexual_misconduct", "received": "2023-06-16",
        "outcome": "no_case_to_answer",
    }  # fmt: skip
    assert pair_narrative(alert).endswith(
        "covers it. An earlier allegation is on record (sexual misconduct, received"
        " 2023-06-16, no case to answer)."
    )
    text = breadth_narrative(
        _breadth(prior_allegation={**pair["prior_allegation"], "count": 2, "outcome": None})
    )
    assert text.endswith(
        "2 earlier allegations are on record (the latest: sexual misconduct, received"
        " 2023-06-16, still open)."
    )


def test_narrative_says_the_person_is_one_of_a_caseload_and_what_was_opened_after() -> None:
    alert = _released(met=True, never_linked=True)
    alert["pair"] |= {"caseload": 14, "follow_locations": 2, "follow_vehicles": 1}  # type: ignore[operator]
    text = pair_narrative(alert)
    assert "followed within minutes by 2 location records and 1 vehicle record" in text
    assert text.count("one of 14 people they keep looking up with no record explaining it") == 1
    assert "(a caseload), and judged against the rest of it." in text


def test_narrative_says_a_colleagues_case_was_the_only_cover_day_after_day() -> None:
    alert = _released(met=True, never_linked=False)
    alert["pair"] |= {"cover_days": 4}  # type: ignore[operator]
    text = pair_narrative(alert)
    assert (
        text.count(
            "on 5 days seen only under a team colleague's tasking, never tasked with the person"
            " themselves"
        )
        == 1
    )
    alert["pair"] |= {"cover_days": 0}  # type: ignore[operator]
    assert "team colleague's tasking, never" not in pair_narrative(alert)
