"""An alert's evidence made presentable: pseudonymised people, event rows, a timeline chart.

Detection writes Alert.evidence; this module only reads it and tolerates missing keys.
Real nominal ids never leave this module: every person is shown by pseudonym.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from custodiet.web.lake import LakeReader, NominalInfo
from custodiet.web.pseudonym import describe_person, pseudonym, pseudonym_code


@dataclass(frozen=True)
class PersonView:
    """A person looked up, as the workbench shows them."""

    code: str
    name: str
    description: str
    events: int = 0
    is_subject: bool = False


@dataclass
class EvidenceView:
    """Everything the alert page shows from the evidence."""

    people: list[PersonView] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    timeline_spec: dict[str, Any] | None = None
    peer_rows: list[tuple[str, str]] = field(default_factory=list)
    unexplained: int = 0
    explained: int = 0
    off_duty: int = 0


def _as_list(value: object) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, dict)]


def _ts(value: object) -> str | None:
    if isinstance(value, datetime):
        value = value if value.tzinfo else value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat()
    if isinstance(value, str) and value:
        return value
    return None


def event_nominal_id(event: dict[str, Any]) -> str | None:
    """The nominal an event concerns: its nominal_id, or the entity id of a nominal record."""
    value = event.get("nominal_id")
    if not value and event.get("entity_type") == "nominal":
        value = event.get("entity_id")
    return str(value) if value else None


def nominal_ids_of(
    force: str, alert_nominal_ids: list[str], subject: str | None, evidence: object
) -> list[str]:
    """Every nominal id an alert concerns: subject first, then listed, then in events."""
    seen: dict[str, None] = {}
    if subject:
        seen[subject] = None
    for n in alert_nominal_ids or []:
        if n:
            seen[str(n)] = None
    if isinstance(evidence, dict):
        for event in _as_list(evidence.get("events")):
            found = event_nominal_id(event)
            if found:
                seen[found] = None
    return list(seen)


def build_evidence(
    *,
    force: str,
    subject_nominal_id: str | None,
    nominal_ids: list[str],
    evidence: object,
    lake: LakeReader,
    at_year: int,
    max_events: int = 500,
) -> EvidenceView:
    """Pseudonymise and arrange an alert's evidence for the page."""
    view = EvidenceView()
    ev: dict[str, Any] = evidence if isinstance(evidence, dict) else {}
    events = _as_list(ev.get("events"))
    ids = nominal_ids_of(force, nominal_ids, subject_nominal_id, ev)
    infos = lake.nominals(force, ids[:200])
    counts: dict[str, int] = {}
    for event in events:
        counted = event_nominal_id(event)
        if counted:
            counts[counted] = counts.get(counted, 0) + 1
    for nominal_id in ids[:200]:
        info = infos.get(nominal_id, NominalInfo())
        view.people.append(
            PersonView(
                code=pseudonym_code(force, nominal_id),
                name=pseudonym(force, nominal_id),
                description=describe_person(
                    markers=info.markers, sex=info.sex, birth_year=info.birth_year, at_year=at_year
                ),
                events=counts.get(nominal_id, 0),
                is_subject=nominal_id == subject_nominal_id,
            )
        )

    points: list[dict[str, Any]] = []
    for event in sorted(events, key=lambda e: str(e.get("ts") or ""))[:max_events]:
        event_nominal = event_nominal_id(event)
        person = pseudonym(force, event_nominal) if event_nominal else ""
        entity_id = event.get("entity_id")
        if event.get("entity_type") == "nominal" or (event_nominal and entity_id == event_nominal):
            entity_id = person
        raw_explained = event.get("explained_by") or []
        explained_by = [raw_explained] if isinstance(raw_explained, str) else list(raw_explained)
        explained_list = [str(x) for x in explained_by]
        on_duty = event.get("on_duty")
        row = {
            "event_id": str(event.get("event_id") or ""),
            "ts": _ts(event.get("ts")),
            "system_id": str(event.get("system_id") or ""),
            "action": str(event.get("action") or ""),
            "entity_type": str(event.get("entity_type") or ""),
            "entity": str(entity_id or ""),
            "person": person,
            "on_duty": on_duty,
            "explained_by": explained_list,
        }
        view.events.append(row)
        if row["explained_by"]:
            view.explained += 1
        else:
            view.unexplained += 1
        if on_duty is False:
            view.off_duty += 1
        if row["ts"]:
            points.append(
                {
                    "lane": "Access (explained)" if explained_list else "Access (unexplained)",
                    "ts": row["ts"],
                    "what": f"{row['action']} {row['entity_type']} on {row['system_id']}",
                    "person": person,
                    "explained": ", ".join(explained_list) or "unexplained",
                    "duty": "on duty"
                    if on_duty
                    else ("off duty" if on_duty is False else "unknown"),
                }
            )

    bars: list[dict[str, Any]] = []
    for shift in _as_list(ev.get("shifts")):
        start, end = _ts(shift.get("start")), _ts(shift.get("end"))
        if start and end:
            bars.append({"lane": "Rostered shift", "start": start, "end": end, "what": "shift"})
    for task in _as_list(ev.get("taskings")):
        start = _ts(task.get("start") or task.get("from"))
        end = _ts(task.get("end") or task.get("ended") or task.get("to")) or start
        if start and end:
            label = " ".join(
                str(task.get(k)).replace("_", " ")
                for k in ("role", "rule", "occurrence_id", "category")
                if task.get(k)
            )
            bars.append({"lane": "Tasking", "start": start, "end": end, "what": label or "tasking"})
    if points or bars:
        view.timeline_spec = timeline_spec(points=points, bars=bars)

    for section in ("peer", "peers", "figures"):
        figures = ev.get(section)
        if not isinstance(figures, dict):
            continue
        for key, value in figures.items():
            # Identifiers and personal details never appear as figures.
            if key in HIDDEN_FIGURES or "nominal" in key or isinstance(value, bool):
                continue
            if isinstance(value, int | float):
                view.peer_rows.append((FIGURE_LABELS.get(key, key.replace("_", " ")), _fmt(value)))
    return view


HIDDEN_FIGURES = frozenset(
    {"force", "staff_id", "nominal_id", "markers", "sex", "birth_year", "first_ts", "last_ts"}
)
FIGURE_LABELS = {
    "events": "accesses to the person",
    "days": "days with accesses",
    "rostered_events": "accesses in rostered periods",
    "off_events": "accesses off duty",
    "inv_events": "accesses after their involvement",
    "rel_events": "accesses after release",
    "search_events": "found by search",
    "base_off": "peers' off-duty share",
    "off_share": "this person's off-duty share",
    "peer_median": "peer median",
    "peer_p95": "peer 95th percentile",
    "raw": "raw score",
}


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    if isinstance(value, int):
        return f"{value:,}"
    return "" if value is None else str(value)


LANES = ["Rostered shift", "Tasking", "Access (explained)", "Access (unexplained)"]


def timeline_spec(*, points: list[dict[str, Any]], bars: list[dict[str, Any]]) -> dict[str, Any]:
    """A Vega-Lite spec: shifts and taskings as bars, accesses as points, one lane each."""
    y = {
        "field": "lane",
        "type": "nominal",
        "title": None,
        "sort": LANES,
        "scale": {"domain": LANES},
    }
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "width": "container",
        "height": 180,
        "layer": [
            {
                "data": {"values": bars},
                "mark": {"type": "bar", "height": 14, "cornerRadius": 2},
                "encoding": {
                    "x": {"field": "start", "type": "temporal", "title": None},
                    "x2": {"field": "end"},
                    "y": y,
                    "color": {
                        "field": "lane",
                        "type": "nominal",
                        "scale": {
                            "domain": LANES,
                            "range": ["#9fb7d6", "#b9d7a8", "#7a9a6a", "#c0392b"],
                        },
                        "legend": None,
                    },
                    "tooltip": [
                        {"field": "what", "title": "What"},
                        {
                            "field": "start",
                            "type": "temporal",
                            "timeUnit": "yearmonthdatehoursminutes",
                            "title": "From",
                        },
                        {
                            "field": "end",
                            "type": "temporal",
                            "timeUnit": "yearmonthdatehoursminutes",
                            "title": "To",
                        },
                    ],
                },
            },
            {
                "data": {"values": points},
                "mark": {"type": "point", "filled": True, "size": 70, "opacity": 0.85},
                "encoding": {
                    "x": {"field": "ts", "type": "temporal", "title": None},
                    "y": y,
                    "color": {
                        "field": "lane",
                        "type": "nominal",
                        "scale": {
                            "domain": LANES,
                            "range": ["#9fb7d6", "#b9d7a8", "#7a9a6a", "#c0392b"],
                        },
                        "legend": None,
                    },
                    "shape": {
                        "field": "duty",
                        "type": "nominal",
                        "scale": {
                            "domain": ["on duty", "off duty", "unknown"],
                            "range": ["circle", "triangle-up", "square"],
                        },
                        "legend": {"title": "Duty", "orient": "bottom"},
                    },
                    "tooltip": [
                        {
                            "field": "ts",
                            "type": "temporal",
                            "timeUnit": "yearmonthdatehoursminutes",
                            "title": "When (UTC)",
                        },
                        {"field": "what", "title": "What"},
                        {"field": "person", "title": "Person"},
                        {"field": "duty", "title": "Duty"},
                        {"field": "explained", "title": "Explained by"},
                    ],
                },
            },
        ],
        "config": {
            "view": {"stroke": None},
            "axis": {"labelFont": "system-ui", "labelFontSize": 11},
        },
    }
