"""Plain-English narratives of alerts."""

from __future__ import annotations

from custodiet.detect.narrative import breadth_narrative


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
