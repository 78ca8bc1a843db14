"""Plain-English narratives an analyst can read in ten seconds."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from custodiet.pseudonym import MARKER_LABELS, pseudonym

MARKER_PRIORITY = tuple(MARKER_LABELS)


def _main_marker(markers: list[str] | None) -> str | None:
    if not markers:
        return None
    for marker in MARKER_PRIORITY:
        if marker in markers:
            return MARKER_LABELS[marker]
    return markers[0].replace("_", " ")


def _person(force: str, pair: dict[str, Any]) -> str:
    label = _main_marker(pair.get("markers"))
    if label in ("substance misuse", "mental-health concern"):
        label = f"person with a {label} marker"
    who = f"a {label}" if label else "a person"
    if label and label[0] in "aeiou":
        who = f"an {label}"
    return f"the record of {who} ({pseudonym(force, pair['nominal_id'])})"


def unit_label(unit: str | None) -> str:
    """A unit code as words: 'public_protection' -> 'public protection'."""
    return unit.replace("_", " ") if unit else "their unit"


def _others(n: int) -> str:
    return (
        "1 other alert about this staff member."
        if n == 1
        else f"{n} other alerts about this staff member."
    )


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def pair_narrative(alert: dict[str, Any], *, involvement_end: datetime | None = None) -> str:
    """E.g. 'Viewed the record of a domestic-abuse victim (Person 7F3A) 11 times on 9 days, …'."""
    pair = alert["pair"]
    times = "once" if pair["events"] == 1 else f"{pair['events']} times"
    text = f"Looked up {_person(alert['force'], pair)} {times} on {_days(pair['days'])}"
    clauses: list[str] = []
    via = int(pair.get("via_events") or 0)
    if via and via == pair["events"]:
        text += ", each time by opening an occurrence that names them"
    elif via:
        clauses.append(f"{via} by opening an occurrence that names them")
    if pair["rostered_events"] and pair["off_events"]:
        clauses.append(f"{pair['off_events']} of them off duty")
    if pair.get("quiet_events"):
        clauses.append(
            f"{pair['quiet_events']} at quiet times, with hardly any other use of the systems "
            "for hours around them"
        )
    if pair["inv_events"]:
        if involvement_end is not None:
            gap = (
                (pair["first_ts"] - involvement_end).days
                if pair["first_ts"] > involvement_end
                else 0
            )
            clauses.append(
                f"starting {_days(max(gap, 0))} after their involvement in the person's occurrence ended"
            )
        else:
            clauses.append(
                f"{pair['inv_events']} after their involvement in the person's occurrence ended"
            )
    if pair.get("team_after_events"):
        clauses.append(
            f"{pair['team_after_events']} after a team colleague's tasking on the person ended"
        )
    if pair.get("cover_days"):
        clauses.append(cover_clause(pair))
    if pair["rel_events"]:
        clauses.append(f"{pair['rel_events']} {release_clause(pair)}")
    if pair.get("lone_days"):
        clauses.append(
            f"on {_days(pair['lone_days'])} with nothing else opened in the same session"
            if pair["lone_days"] > 1
            else "once with nothing else opened in the same session"
        )
    if pair["search_events"]:
        clauses.append(f"{pair['search_events']} found by searching")
    followed = follow_clause(pair)
    if followed:
        clauses.append(followed)
    if pair.get("other_systems"):
        clauses.append(f"in {pair['other_systems'] + 1} different systems")
    if pair["near_home"]:
        clauses.append("the person lives in the staff member's home district")
    if clauses:
        text += ", " + ", ".join(clauses)
    if pair["never_linked"]:
        text += (
            "; no tasking, custody record or team colleague's case ever linked them to this person"
        )
    elif pair.get("shared_interest"):
        colleagues = int(pair["shared_colleagues"])
        text += (
            f"; {colleagues} others in the unit looked the person up as often, so it may be"
            " the unit's business"
        )
    elif pair["weak_events"] == pair["events"]:
        text += "; only a team colleague's work or the unit's general remit covers it"
    else:
        text += "; no task explains it"
    if pair.get("caseload"):
        text += f"; {caseload_clause(pair)}"
    text += "." + _history(pair)
    if alert.get("also"):
        text += f" {_others(alert['also'])}"
    return text


def cover_clause(pair: dict[str, Any]) -> str:
    """E.g. 'on 6 days seen only under a team colleague's tasking, never their own' (S023)."""
    return (
        f"on {_days(int(pair['cover_days']) + 1)} seen only under a team colleague's tasking,"
        " never tasked with the person themselves"
    )


def allegation_clause(prior: dict[str, Any]) -> str:
    """E.g. '2 earlier allegations are on record (the latest: sexual misconduct, …)' (S020)."""
    count = int(prior["count"])
    what = "an earlier allegation is" if count == 1 else f"{count} earlier allegations are"
    outcome = str(prior["outcome"]).replace("_", " ") if prior.get("outcome") else "still open"
    category = str(prior["category"]).replace("_", " ")
    latest = "" if count == 1 else "the latest: "
    return f"{what} on record ({latest}{category}, received {prior['received']}, {outcome})"


def _history(rec: dict[str, Any]) -> str:
    """' An earlier allegation is on record (…).' where the staff member has one."""
    prior = rec.get("prior_allegation")
    if not prior:
        return ""
    clause = allegation_clause(prior)
    return f" {clause[0].upper()}{clause[1:]}."


def follow_clause(pair: dict[str, Any]) -> str:
    """E.g. 'followed within minutes by 2 location records and 1 vehicle record'."""
    kinds = [
        (int(pair.get("follow_locations") or 0), "location record"),
        (int(pair.get("follow_vehicles") or 0), "vehicle record"),
        (int(pair.get("follow_intelligence") or 0), "intelligence record"),
    ]
    opened = [f"{n} {what}{'s' if n > 1 else ''}" for n, what in kinds if n]
    if not opened:
        return ""
    listed = opened[0] if len(opened) == 1 else ", ".join(opened[:-1]) + " and " + opened[-1]
    return f"followed within minutes by {listed}"


def caseload_clause(pair: dict[str, Any]) -> str:
    """The caseload reason (S021): 'one of 14 people they keep looking up with no record …'."""
    return (
        f"one of {pair['caseload']} people they keep looking up with no record explaining it"
        " (a caseload), and judged against the rest of it"
    )


def release_clause(pair: dict[str, Any]) -> str:
    """How the staff member saw the detainee they looked up after release."""
    if pair.get("met_in_custody"):
        return "after the person's release from a detention they saw in the custody suite"
    return (
        "after the person's release from a detention during which they opened the person's record"
    )


def trawl_clause(rec: dict[str, Any]) -> str:
    """E.g. '13 of the 15 marked people they looked up with no link, away from their patch, …'."""
    return (
        f"{rec['trawl_people']} of the {rec['trawl_looked_up']} marked people they looked up "
        f"with no link to their work, outside the districts they are posted to, were "
        f"{rec['trawl_target']} ({rec['trawl_share']:.0%}); among the {rec['trawl_peers']} "
        f"staff of {unit_label(rec['trawl_group'])} the usual share is "
        f"{rec['trawl_peer_share']:.0%}"
    )


def breadth_narrative(alert: dict[str, Any]) -> str:
    """E.g. 'Looked up 8 vulnerable people with no link to any of them, … median 0 in response'."""
    rec = alert["breadth"]
    parts = []
    if "people" in rec:
        text = (
            f"Looked up {rec['people']} vulnerable people with no tasking, custody or team link "
            f"to any of them; the median in "
            f"{unit_label(rec['unit'])} is {rec.get('peer_people', 0):g} ({rec['peers']} staff)"
        )
        focus = rec.get("focus")
        if focus:
            text += (
                f"; {focus['count']} of the {rec['people']} were {focus['group']}, against "
                f"{focus['peer_share']:.0%} of those peers looked up"
            )
        if rec.get("off_events"):
            text += f"; {rec['off_events']} of these accesses were off duty"
        parts.append(text + ".")
    if "trawl_people" in rec:
        clause = trawl_clause(rec)
        parts.append(
            clause[0].upper()
            + clause[1:]
            + ". Each glance alone is nothing; who they land on is the pattern of trawling "
            "the records for victims."
        )
    text = " ".join(parts) + _history(rec)
    if alert.get("also"):
        text += f" {_others(alert['also'])}"
    return text


def record_narrative(alert: dict[str, Any]) -> str:
    """E.g. 'Looked up vehicle record V123 14 times on 12 days between …; nobody else …'."""
    rec = alert["record"]
    others = int(rec["others"])
    nobody = (
        "no other staff member ever opened it"
        if others == 0
        else f"only {others} other staff member{'s' if others > 1 else ''} ever opened it"
    )
    return (
        f"Looked up {rec['entity_type']} record {rec['entity_id']} {rec['events']} times on "
        f"{_days(int(rec['days']))} between {str(rec['first_ts'])[:10]} and "
        f"{str(rec['last_ts'])[:10]}; {nobody}. The record names nobody, so whose it is must "
        "be found out, but a car checked again and again by one person, with no incident "
        "explaining it, is how someone following its driver shows."
        + _history(alert)
        + (f" {_others(alert['also'])}" if alert.get("also") else "")
    )


def unknown_account_narrative(alert: dict[str, Any]) -> str:
    """E.g. 'Account TRAINING01 is not in staff.csv: 2,569 accesses, 44 vulnerable people…'."""
    rec = alert["account"]
    return (
        f"Account {alert['staff_id']} is not in the force's staff list: {rec['events']:,} accesses "
        f"between {str(rec['first_ts'])[:10]} and {str(rec['last_ts'])[:10]}, "
        f"{rec['vulnerable_people']} of them to records of vulnerable people. Whoever used a "
        "shared or generic login cannot be held to account for it."
    )
