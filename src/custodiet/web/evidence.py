"""An alert's evidence made presentable: pseudonymised people, event rows, a timeline chart.

Detection writes Alert.evidence; this module only reads it and tolerates missing keys.
Real nominal ids never leave this module: every person is shown by pseudonym.

Detection lists the accesses that no strong explanation covers, with the searches that led
to them; an access may still carry weak explanations (a team colleague's tasking, the
unit's general remit). The page keeps those three apart: unexplained, weakly explained and
searches, and shows them in UK time against the staff member's shifts and taskings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from custodiet.detect.engine import FOLLOW_ENTITY_TYPES
from custodiet.pseudonym import describe_person, pseudonym, pseudonym_code
from custodiet.web.lake import LakeReader, NominalInfo

DISPLAY_TZ = ZoneInfo("Europe/London")
# Detection keeps at most this many events per alert (detect.service.MAX_EVIDENCE_EVENTS).
EVIDENCE_CAP = 300


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
    figure_rows: list[tuple[str, str]] = field(default_factory=list)
    peer_rows: list[tuple[str, str]] = field(default_factory=list)
    unexplained: int = 0  # accesses with no explanation at all
    weak: int = 0  # accesses covered only by a weak explanation (team, unit remit)
    explained: int = 0  # accesses with a strong explanation
    searches: int = 0  # the searches that led to the accesses
    followed: int = 0  # records naming nobody opened straight after the person's
    off_duty: int = 0  # accesses (not searches) off duty
    after_involvement: int = 0
    after_release: int = 0
    shifts: int = 0
    taskings: int = 0
    capped: bool = False  # detection kept only the first EVIDENCE_CAP events

    @property
    def summary_parts(self) -> list[tuple[str, str]]:
        """(kind, text) for the line above the timeline, e.g. ("weak", "3 covered only by ...")."""

        def plural(n: int, one: str, many: str) -> str:
            return f"{n:,} {one if n == 1 else many}"

        parts = [
            ("unexplained", f"{self.unexplained:,} unexplained"),
            ("weak", f"{self.weak:,} covered only by team or unit remit"),
            ("explained", f"{self.explained:,} explained"),
            (
                "search",
                plural(self.searches, "search that led to them", "searches that led to them"),
            ),
            (
                "follow",
                plural(
                    self.followed,
                    "record naming nobody opened straight after",
                    "records naming nobody opened straight after",
                ),
            ),
            ("off", f"{self.off_duty:,} off duty"),
            ("flag", f"{self.after_involvement:,} after their involvement ended"),
            ("flag", f"{self.after_release:,} after release from custody"),
        ]
        counts = [
            self.unexplained,
            self.weak,
            self.explained,
            self.searches,
            self.followed,
            self.off_duty,
            self.after_involvement,
            self.after_release,
        ]
        return [part for part, n in zip(parts, counts, strict=True) if n]


# ---- explanations and rules ----

# Short labels for the explanations detection records (the rule files hold the long titles).
EXPLANATION_LABELS = {
    "tasked_on_occurrence": "Tasked on the occurrence",
    "created_occurrence": "Created the occurrence",
    "custody_dealt": "Dealt with the detention",
    "team_tasking": "Team colleague tasked",
    "supervises_tasked": "Supervises someone tasked",
    "worked_the_record": "Wrote to the record",
    "worked_the_case": "Worked the case",
    "case_with_people": "Opened the case with its people",
    "team_co_access": "Team colleague opened it too",
    "unit_remit": "Unit's remit",
}
WEAK_EXPLANATIONS = frozenset({"team_tasking", "team_co_access", "unit_remit"})
TASKING_LABELS = {
    "tasked_on_occurrence": "Tasked",
    "created_occurrence": "Created the occurrence",
    "custody_dealt": "Dealt with the detention",
    "team_tasking": "Team colleague tasked",
    "supervises_tasked": "Supervised someone tasked",
}


@dataclass(frozen=True)
class RuleInfo:
    """A detection rule as the page names it."""

    id: str
    name: str
    title: str
    strength: str


@lru_cache(maxsize=1)
def _rules() -> tuple[dict[str, RuleInfo], dict[str, RuleInfo]]:
    """The detection rules by name and by id (empty if they cannot be read)."""
    try:
        from custodiet.detect.rules import load_rules

        loaded = load_rules()
    except Exception:  # the page works without the titles
        return {}, {}
    infos = [RuleInfo(r.id, r.name, r.title, r.strength) for r in loaded.values()]
    return {i.name: i for i in infos}, {i.id: i for i in infos}


def rule_titles(rule_ids: list[str] | None) -> list[tuple[str, str]]:
    """(id, title) for each rule an alert names; unknown ids keep an empty title."""
    by_id = _rules()[1]
    return [(str(r), by_id[r].title if r in by_id else "") for r in rule_ids or [] if r]


def _explanation(code: str) -> dict[str, Any]:
    info = _rules()[0].get(code)
    weak = info.strength == "weak" if info else code in WEAK_EXPLANATIONS
    label = EXPLANATION_LABELS.get(code) or code.replace("_", " ").capitalize()
    return {"code": code, "label": label, "title": info.title if info else label, "weak": weak}


# ---- small helpers ----


def _as_list(value: object) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, dict)]


def _parse(value: object) -> datetime | None:
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str) and value:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    else:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _ts(value: object) -> str | None:
    """An ISO timestamp in UTC (as given if it cannot be read)."""
    parsed = _parse(value)
    if parsed is not None:
        return parsed.astimezone(UTC).isoformat()
    if isinstance(value, str) and value:
        return value
    return None


def _local(value: object) -> str | None:
    """UK wall-clock time without an offset: Vega-Lite draws it as given, in any browser."""
    parsed = _parse(value)
    if parsed is None:
        return None
    return parsed.astimezone(DISPLAY_TZ).replace(tzinfo=None).isoformat(timespec="seconds")


def _shown(value: object) -> str:
    """A timestamp as the tables show it: 05 Jan 2026 14:57 (UK time)."""
    parsed = _parse(value)
    if parsed is None:
        return str(value or "")
    return parsed.astimezone(DISPLAY_TZ).strftime("%d %b %Y %H:%M")


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


# ---- the view ----


def build_evidence(
    *,
    force: str,
    subject_nominal_id: str | None,
    nominal_ids: list[str],
    evidence: object,
    lake: LakeReader,
    at_year: int,
    max_events: int = 500,
    rule_family: str | None = None,
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
    # The subject first, then the people looked up most.
    view.people.sort(key=lambda p: (not p.is_subject, -p.events))

    view.capped = len(events) >= EVIDENCE_CAP
    points = _event_rows(view, force, events, max_events)
    bars = _context_bars(view, ev)
    if points or bars:
        view.timeline_spec = timeline_spec(points=points, bars=bars)
    view.figure_rows, view.peer_rows = _figures(ev, rule_family)
    return view


def _event_rows(
    view: EvidenceView, force: str, events: list[dict[str, Any]], max_events: int
) -> list[dict[str, Any]]:
    points: list[dict[str, Any]] = []
    for event in sorted(events, key=lambda e: str(e.get("ts") or ""))[:max_events]:
        event_nominal = event_nominal_id(event)
        person = pseudonym(force, event_nominal) if event_nominal else ""
        entity_id = event.get("entity_id")
        if event.get("entity_type") == "nominal" or (event_nominal and entity_id == event_nominal):
            entity_id = person
        raw_explained = event.get("explained_by") or []
        explained_by = [raw_explained] if isinstance(raw_explained, str) else list(raw_explained)
        explanations = [_explanation(str(x)) for x in explained_by if x]
        action = str(event.get("action") or "")
        if explanations:
            kind = "weak" if all(x["weak"] for x in explanations) else "explained"
        elif event.get("record"):  # a record returned to (S025): each look is in question
            kind = "unexplained"
        elif action == "search":
            kind = "search"
        elif event_nominal and event.get("entity_type") in FOLLOW_ENTITY_TYPES:
            kind = "follow"  # an address, vehicle or intelligence record tied to the person
        else:
            kind = "unexplained"
        on_duty = event.get("on_duty")
        duty = "on duty" if on_duty is True else ("off duty" if on_duty is False else "no roster")
        flags = []
        if event.get("after_involvement") is True:
            flags.append("after their involvement ended")
        if event.get("after_release") is True:
            flags.append("after release from custody")
        entity_type = str(event.get("entity_type") or "")
        if event.get("occurrence_id"):  # the person was seen through this occurrence record
            entity_type, entity_id = "occurrence", event["occurrence_id"]
        row = {
            "event_id": str(event.get("event_id") or ""),
            "ts": _ts(event.get("ts")),
            "when": _shown(event.get("ts")),
            "system_id": str(event.get("system_id") or ""),
            "action": action,
            "entity_type": entity_type,
            "entity": str(entity_id or ""),
            "person": person,
            "on_duty": on_duty,
            "duty": duty,
            "kind": kind,
            "explained_by": [x["code"] for x in explanations],
            "explanations": explanations,
            "flags": flags,
            "record": bool(event.get("record")),
        }
        view.events.append(row)
        if kind == "unexplained":
            view.unexplained += 1
        elif kind == "weak":
            view.weak += 1
        elif kind == "explained":
            view.explained += 1
        elif kind == "follow":
            view.followed += 1
        else:
            view.searches += 1
        if on_duty is False and kind != "search":  # as detection counts them
            view.off_duty += 1
        view.after_involvement += "after their involvement ended" in flags
        view.after_release += "after release from custody" in flags
        local = _local(event.get("ts"))
        if local:
            what = f"{action.capitalize() or 'Access'} on {row['system_id'] or 'a system'}"
            if entity_type and row["entity"] and row["entity"] != person:
                what += f" ({entity_type.replace('_', ' ')} {row['entity']})"
            points.append(
                {
                    "lane": LANE_OF_KIND[kind],
                    "ts": local,
                    "what": what,
                    "person": person or "—",
                    "explained": ", ".join(x["label"] for x in explanations)
                    or {"search": "search before an access", "follow": "opened straight after"}.get(
                        kind, "none"
                    ),
                    "duty": duty,
                    "flag": flags[0] if flags else "",
                }
            )
    return points


def _context_bars(view: EvidenceView, ev: dict[str, Any]) -> list[dict[str, Any]]:
    bars: list[dict[str, Any]] = []
    for shift in _as_list(ev.get("shifts")):
        start, end = _local(shift.get("start")), _local(shift.get("end"))
        if start and end:
            view.shifts += 1
            bars.append({"lane": LANE_SHIFT, "start": start, "end": end, "what": "Rostered shift"})
    for task in _as_list(ev.get("taskings")):
        start = _local(task.get("start") or task.get("from"))
        end = _local(task.get("end") or task.get("ended") or task.get("to")) or start
        if start and end:
            view.taskings += 1
            rule = str(task.get("rule") or "")
            parts = [TASKING_LABELS.get(rule, rule.replace("_", " ").capitalize())] if rule else []
            for key in ("role", "category"):
                if task.get(key):
                    parts.append(str(task[key]).replace("_", " "))
            if task.get("occurrence_id"):
                parts.append(f"on {task['occurrence_id']}")
            label = " ".join(parts) or "Tasking"
            bars.append({"lane": LANE_TASK, "start": start, "end": end, "what": label})
    return bars


# ---- figures ----

# key: (label, format, section). Formats: n (count; hidden when 0), N (count, always),
# share, num, yesno, date, text. Sections: fig (this staff member) or peer (their peers).
FIGURES: dict[str, tuple[str, str, str]] = {
    "events": ("Accesses to the person", "N", "fig"),
    "days": ("Days with accesses", "N", "fig"),
    "people": ("Vulnerable people looked up", "N", "fig"),
    "vulnerable_people": ("Vulnerable people touched", "N", "fig"),
    "first_ts": ("First access", "date", "fig"),
    "last_ts": ("Last access", "date", "fig"),
    "rostered_events": ("Accesses in rostered periods", "n", "fig"),
    "off_events": ("Accesses off duty", "n", "fig"),
    "off_share": ("Share of rostered accesses off duty", "share", "fig"),
    "inv_events": ("Accesses after their involvement ended", "n", "fig"),
    "inv_days": ("Days with accesses after their involvement", "n", "fig"),
    "inv_case_days": ("Of those, days they also opened the person's case", "n", "fig"),
    "rel_events": ("Accesses after the person's release", "n", "fig"),
    "rel_days": ("Days with accesses after release", "n", "fig"),
    "rel_case_days": ("Of those, days they also opened the person's case", "n", "fig"),
    "via_events": ("Seen by opening an occurrence that names the person", "n", "fig"),
    "quiet_events": ("Accesses at quiet times with no roster", "n", "fig"),
    "lone_days": ("Days the person was the only record opened in the session", "n", "fig"),
    "alone_days": ("Days nobody else worked on the person for a recorded reason", "n", "fig"),
    "other_systems": ("Other systems the person was looked up in", "n", "fig"),
    "follow_locations": ("Location records opened straight after the person", "n", "fig"),
    "follow_vehicles": ("Vehicle records opened straight after the person", "n", "fig"),
    "follow_intelligence": ("Intelligence records opened straight after the person", "n", "fig"),
    "follow_days": ("Days their address or vehicle was opened straight after", "n", "fig"),
    "others": ("Other staff who ever opened the record", "N", "fig"),
    "more_records": ("More records opened this way", "n", "fig"),
    "caseload": ("People in the staff member's unexplained caseload", "n", "peer"),
    "team_after_events": ("Accesses after a team colleague's tasking ended", "n", "fig"),
    "team_after_days": ("Days with accesses after a colleague's tasking", "n", "fig"),
    "search_events": ("Found by searching", "n", "fig"),
    "dormant_days": ("Days the person was in no live police business", "n", "fig"),
    "weak_events": ("Covered only by team or unit remit", "n", "fig"),
    "shared_colleagues": ("Unit colleagues who looked the person up as often", "n", "peer"),
    "near_home": ("Person lives in the staff member's home district", "yesno", "fig"),
    "never_linked": ("Never linked to the person in any record", "yesno", "fig"),
    "witness_looked_up": (
        "Met as a witness or caller, looked up afterwards in more than one system",
        "yesno",
        "fig",
    ),
    "unit": ("Unit", "text", "fig"),
    "base_off": ("Their own off-duty share in explained work", "share", "peer"),
    "base_home": ("Their own share of explained lookups near home", "share", "peer"),
    "base_lone": ("Their own share of explained lookups alone in a session", "share", "peer"),
    "base_search": ("Their own share of explained lookups found by searching", "share", "peer"),
    "med": ("Peer median", "num", "peer"),
    "peer_people": ("Peers' median number of such people", "num", "peer"),
    "concern": ("Concern above the bar, summed over the people", "num", "fig"),
    "peer_z": ("Strongest pattern against unit peers (robust z-score)", "num", "peer"),
    "peers": ("Peers in the unit", "N", "peer"),
    "mad": ("Peer spread (median absolute deviation)", "num", "peer"),
    "z": ("Distance above peers (robust z-score)", "num", "peer"),
    "peer_median": ("Peer median", "num", "peer"),
    "peer_p95": ("Peer 95th percentile", "num", "peer"),
    "trawl_people": ("People of the group a trawl seeks, looked up with no link", "N", "fig"),
    "trawl_looked_up": ("Marked people looked up with no link, off their patch", "N", "fig"),
    "trawl_share": ("Share of those in the group", "share", "fig"),
    "trawl_target": ("The group", "text", "fig"),
    "trawl_group": ("Peer group", "text", "peer"),
    "trawl_peers": ("Staff in the peer group", "N", "peer"),
    "trawl_peer_share": ("Usual share in the peer group", "share", "peer"),
    "trawl_z": ("Share above peers' (robust z-score)", "num", "peer"),
}
# Identifiers, personal details and scoring internals never appear as figures.
HIDDEN_FIGURES = frozenset(
    {
        "force",
        "staff_id",
        "nominal_id",
        "ids",
        "markers",
        "sex",
        "birth_year",
        "v",
        "marker_v",
        "mean_v",
        "off_x",
        "quiet_x",
        "raw",
        "evidence",
        "support",
        "remit_events",
        "involvement_days",
        "met_as_witness",
    }
)
FIGURE_LABELS = {key: label for key, (label, _fmt_kind, _section) in FIGURES.items()}
ACCOUNT_LABELS = {"events": "Accesses by the login"}
RECORD_LABELS = {"events": "Looks at the record", "days": "Days the record was looked at"}


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    if isinstance(value, int):
        return f"{value:,}"
    return "" if value is None else str(value)


def _figure(value: object, kind: str) -> str | None:
    """A figure as shown, or None to leave it out."""
    if kind == "yesno":
        return ("yes" if value else "no") if isinstance(value, bool) else None
    if isinstance(value, bool):
        return None
    if kind == "date":
        parsed = _parse(value)
        return parsed.astimezone(DISPLAY_TZ).strftime("%d %b %Y") if parsed else None
    if kind == "text":
        # First letter only: a unit's own capitals stay ('CID Eastholme', not 'Cid eastholme').
        text = str(value).replace("_", " ") if isinstance(value, str) else ""
        return text[:1].upper() + text[1:] if text else None
    if not isinstance(value, int | float) or value != value:  # NaN
        return None
    if kind == "n" and value == 0:
        return None
    if kind == "share":
        return f"{value * 100:.0f}%" if 0 <= value <= 1 else _fmt(value)
    return _fmt(value)


def _figures(
    ev: dict[str, Any], rule_family: str | None
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    account = rule_family == "unknown_account"
    rows: dict[str, list[tuple[int, str, str]]] = {"fig": [], "peer": []}
    order = {key: i for i, key in enumerate(FIGURES)}
    for section in ("peer", "peers", "figures"):
        figures = ev.get(section)
        if not isinstance(figures, dict):
            continue
        if rule_family is None and "vulnerable_people" in figures:
            account = True
        for key, value in figures.items():
            if key in HIDDEN_FIGURES or "nominal" in key or key.startswith("r_"):
                continue
            if key in FIGURES:
                label, kind, where = FIGURES[key]
                if account:
                    label = ACCOUNT_LABELS.get(key, label)
                elif rule_family == "record_repetition":
                    label = RECORD_LABELS.get(key, label)
            else:
                # Figures detection adds later: shown plainly, numbers only.
                label, kind = key.replace("_", " ").capitalize(), "num"
                where = "peer" if section != "figures" or "peer" in key else "fig"
            shown = _figure(value, kind)
            if shown is not None:
                rows[where].append((order.get(key, len(order)), label, shown))
    return (
        [(label, shown) for _i, label, shown in sorted(rows["fig"], key=lambda r: r[0])],
        [(label, shown) for _i, label, shown in sorted(rows["peer"], key=lambda r: r[0])],
    )


# ---- the chart ----

LANE_SHIFT = "Rostered shift"
LANE_TASK = "Tasking"
LANE_OF_KIND = {
    "search": "Search",
    "explained": "Explained access",
    "weak": "Weakly explained",
    "unexplained": "Unexplained access",
    "follow": "Opened straight after",
}
LANES = [LANE_SHIFT, LANE_TASK, *LANE_OF_KIND.values()]
LANE_COLOURS = {
    LANE_SHIFT: "#8fb0d8",
    LANE_TASK: "#9ccc8a",
    "Search": "#7d8b99",
    "Explained access": "#5b8c4a",
    "Weakly explained": "#e09a2d",
    "Unexplained access": "#c62828",
    "Opened straight after": "#ef8a80",
}
FLAGS = ["after their involvement ended", "after release from custody"]
FLAG_COLOURS = dict(zip(FLAGS, ["#6a1b9a", "#1c2430"], strict=True))


def timeline_spec(*, points: list[dict[str, Any]], bars: list[dict[str, Any]]) -> dict[str, Any]:
    """A Vega-Lite spec: shifts and taskings as bars, accesses as points, one lane each.

    Times are UK wall-clock strings without an offset, so every browser draws them as the
    tables show them. Only lanes with something in them are drawn.
    """
    used = {p["lane"] for p in points} | {b["lane"] for b in bars}
    lanes = [lane for lane in LANES if lane in used]
    colour = {
        "field": "lane",
        "type": "nominal",
        "scale": {"domain": lanes, "range": [LANE_COLOURS[lane] for lane in lanes]},
        "legend": None,
    }
    y = {
        "field": "lane",
        "type": "nominal",
        "title": None,
        "sort": lanes,
        "scale": {"domain": lanes},
        "axis": {"labelFontSize": 12, "labelPadding": 6, "ticks": False, "domain": False},
    }
    stamps = sorted(
        [p["ts"] for p in points] + [b["start"] for b in bars] + [b["end"] for b in bars]
    )
    span_days = 0.0
    if stamps:
        try:
            first, last = datetime.fromisoformat(stamps[0]), datetime.fromisoformat(stamps[-1])
            span_days = (last - first).total_seconds() / 86400
        except ValueError:
            span_days = 0.0
    axis = {
        "title": None,
        "format": "%d %b" if span_days >= 3 else "%d %b %H:%M",
        "labelOverlap": True,
        "labelFlush": False,
        "grid": True,
        "gridColor": "#eef1f5",
    }
    layers: list[dict[str, Any]] = []
    if bars:
        layers.append(
            {
                "data": {"values": bars},
                "mark": {"type": "bar", "height": 14, "cornerRadius": 2},
                "encoding": {
                    "x": {"field": "start", "type": "temporal", "axis": axis},
                    "x2": {"field": "end"},
                    "y": y,
                    "color": colour,
                    "tooltip": [
                        {"field": "what", "title": "What"},
                        {
                            "field": "start",
                            "type": "temporal",
                            "format": "%d %b %Y %H:%M",
                            "title": "From",
                        },
                        {
                            "field": "end",
                            "type": "temporal",
                            "format": "%d %b %Y %H:%M",
                            "title": "To",
                        },
                    ],
                },
            }
        )
    if points:
        layers.append(
            {
                "data": {"values": points},
                "mark": {"type": "point", "filled": True, "opacity": 0.85},
                "encoding": {
                    "x": {"field": "ts", "type": "temporal", "axis": axis},
                    "y": y,
                    "color": colour,
                    # Off-duty accesses drawn larger: they are what the reader looks for.
                    "size": {
                        "condition": {"test": "datum.duty === 'off duty'", "value": 120},
                        "value": 55,
                    },
                    "shape": {
                        "field": "duty",
                        "type": "nominal",
                        "scale": {
                            "domain": ["on duty", "off duty", "no roster"],
                            "range": ["circle", "triangle-up", "square"],
                        },
                        "legend": {"title": None, "orient": "bottom", "direction": "horizontal"},
                    },
                    "tooltip": [
                        {
                            "field": "ts",
                            "type": "temporal",
                            "format": "%d %b %Y %H:%M",
                            "title": "When (UK)",
                        },
                        {"field": "what", "title": "What"},
                        {"field": "person", "title": "Person"},
                        {"field": "duty", "title": "Duty"},
                        {"field": "explained", "title": "Explanation"},
                        {"field": "flag", "title": "Timing"},
                    ],
                },
            }
        )
        flagged = [p for p in points if p.get("flag")]
        if flagged:
            layers.append(
                {
                    "data": {"values": flagged},
                    "mark": {"type": "point", "filled": False, "size": 220, "strokeWidth": 2},
                    "encoding": {
                        "x": {"field": "ts", "type": "temporal", "axis": axis},
                        "y": y,
                        "stroke": {
                            "field": "flag",
                            "type": "nominal",
                            "scale": {
                                "domain": [
                                    f for f in FLAGS if any(p["flag"] == f for p in flagged)
                                ],
                                "range": [
                                    FLAG_COLOURS[f]
                                    for f in FLAGS
                                    if any(p["flag"] == f for p in flagged)
                                ],
                            },
                            "legend": {
                                "title": None,
                                "orient": "bottom",
                                "direction": "horizontal",
                            },
                        },
                    },
                }
            )
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "width": "container",
        "height": max(70, 34 * len(lanes)),
        "layer": layers,
        "resolve": {"legend": {"shape": "independent", "stroke": "independent"}},
        "config": {
            "view": {"stroke": None},
            "axis": {"labelFont": "system-ui", "labelFontSize": 11, "labelColor": "#37474f"},
            "legend": {
                "labelFont": "system-ui",
                "labelFontSize": 11,
                "labelLimit": 0,
                "symbolSize": 70,
            },
        },
    }
