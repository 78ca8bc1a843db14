"""A detection run: read the lake, run the engine, switch the alerts over atomically.

Re-running updates the same alerts (stable keys), keeps their dispositions and case links,
records each alert's score per run, and leaves the previous alerts in place if it fails.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from custodiet.alerts.models import Alert, AlertHistory, DetectionRun, Suppression
from custodiet.db import session_scope, utcnow
from custodiet.detect.engine import DetectionEngine, EngineResult
from custodiet.detect.narrative import (
    breadth_narrative,
    pair_narrative,
    record_narrative,
    unknown_account_narrative,
)
from custodiet.detect.rules import load_rules
from custodiet.lake.engines import LakeEngine, check_engine, open_engine

MAX_EVIDENCE_EVENTS = 300
SEVERITY_BANDS = ((80.0, "critical"), (60.0, "high"), (40.0, "medium"), (0.0, "low"))


@dataclass
class RunOutcome:
    """What `custodiet detect` prints."""

    run_id: str
    summary: dict[str, Any]
    alerts: int


def alert_key(force: str, staff_id: str, nominal_id: str | None, family: str) -> str:
    """Stable identity of an alert across runs."""
    raw = f"{force}|{staff_id}|{nominal_id or '*'}|{family}"
    return hashlib.sha256(raw.encode()).hexdigest()[:40]


def _severity(score: float) -> str:
    for bound, name in SEVERITY_BANDS:
        if score >= bound:
            return name
    return "low"


def _load_feedback(session: Session) -> list[tuple[str, str, str | None, str | None]]:
    """Explained patterns (suppressions) and alerts marked explained stop re-raising."""
    now = utcnow()
    rows = session.execute(
        select(
            Suppression.force, Suppression.staff_id, Suppression.nominal_id, Suppression.rule_family
        ).where((Suppression.expires_at.is_(None)) | (Suppression.expires_at > now))
    ).all()
    return [(r[0], r[1], r[2], r[3]) for r in rows]


def attach_evidence(db: LakeEngine, alerts: list[dict[str, Any]]) -> None:
    """Add evidence events, shifts and taskings near them, and the narrative, to each alert."""
    if not alerts:
        return
    wanted = pa.table(
        {
            "idx": pa.array(list(range(len(alerts))), pa.int64()),
            "force": pa.array([a["force"] for a in alerts]),
            "staff_id": pa.array([a["staff_id"] for a in alerts]),
            "nominal_id": pa.array([a["subject_nominal_id"] for a in alerts]),
        }
    )
    breadth_people = pa.table(
        {
            "idx": pa.array(
                [
                    i
                    for i, a in enumerate(alerts)
                    if a["rule_family"] == "breadth"
                    for _ in a["nominal_ids"]
                ],
                pa.int64(),
            ),
            "nominal_id": pa.array(
                [n for a in alerts if a["rule_family"] == "breadth" for n in a["nominal_ids"]],
                pa.string(),
            ),
        }
    )
    db.register("wanted", wanted)
    db.register("breadth_people", breadth_people)
    # Evidence: the unexplained accesses to the person; the searches that found them (the
    # ten minutes before each); and views of occurrences naming the person in the same span.
    _, rows = db.rows(f"""
        WITH subjects AS (
          SELECT w.idx, w.force, w.staff_id, coalesce(w.nominal_id, b.nominal_id) AS nominal_id
          FROM wanted w LEFT JOIN breadth_people b ON b.idx = w.idx),
        person_ev AS (
          SELECT s.idx, s.force, s.staff_id, r.aid, r.system_id, r.event_id, r.ts, r.action,
            r.subject_id AS nominal_id, r.on_duty, r.rostered, r.explained, r.rules,
            r.after_involvement, r.after_release, r.via_occurrence AS occurrence_id, 0 AS source
          FROM subjects s JOIN resid r ON r.force = s.force AND r.staff_id = s.staff_id
            AND r.subject_kind = 'N' AND r.subject_id = s.nominal_id),
        span AS (
          SELECT idx, min(ts) AS t0, max(ts) AS t1 FROM person_ev GROUP BY idx),
        occurrence_ev AS (
          SELECT s.idx, r.system_id, r.event_id, r.ts, r.action, s.nominal_id, r.on_duty,
            r.rostered, r.explained, r.rules, r.after_involvement, r.after_release,
            r.subject_id AS occurrence_id, 1 AS source
          FROM subjects s
          JOIN occurrence_nominals n ON n.force = s.force AND n.nominal_id = s.nominal_id
          JOIN resid r ON r.force = s.force AND r.staff_id = s.staff_id
            AND r.subject_kind = 'O' AND r.subject_id = n.occurrence_id
          JOIN span sp ON sp.idx = s.idx
            AND r.ts BETWEEN sp.t0 - INTERVAL 1 DAY AND sp.t1 + INTERVAL 1 DAY),
        search_ev AS (
          SELECT DISTINCT p.idx, e.system_id, e.event_id, e.ts, e.action, p.nominal_id,
            p.on_duty, p.rostered, false AS explained, NULL::VARCHAR[] AS rules,
            p.after_involvement, p.after_release, NULL::VARCHAR AS occurrence_id, 2 AS source
          FROM person_ev p JOIN access_events e ON e.force = p.force
            AND e.staff_id = p.staff_id AND e.action = 'search'
            AND e.ts BETWEEN p.ts - INTERVAL 10 MINUTE AND p.ts),
        follow_ev AS (  -- an address, vehicle or intelligence record opened straight after
          SELECT DISTINCT p.idx, e.system_id, e.event_id, e.ts, e.action, p.nominal_id,
            p.on_duty, p.rostered, false AS explained, NULL::VARCHAR[] AS rules,
            p.after_involvement, p.after_release, NULL::VARCHAR AS occurrence_id, 3 AS source,
            e.entity_type, e.entity_id
          FROM person_ev p JOIN followed f ON f.person_aid = p.aid
          JOIN events e ON e.aid = f.aid),
        candidates AS (  -- an event found more than one way is kept once, as a person access
          SELECT *, row_number() OVER (PARTITION BY idx, system_id, event_id ORDER BY source)
            AS copy
          FROM (
            SELECT idx, system_id, event_id, ts, action, nominal_id, on_duty, rostered,
              explained, rules, after_involvement, after_release, occurrence_id, source,
              NULL::VARCHAR AS entity_type, NULL::VARCHAR AS entity_id
            FROM person_ev
            UNION ALL SELECT *, NULL::VARCHAR, NULL::VARCHAR FROM occurrence_ev
            UNION ALL SELECT *, NULL::VARCHAR, NULL::VARCHAR FROM search_ev
            UNION ALL SELECT * FROM follow_ev) AS found),
        ev AS (
          SELECT *, row_number() OVER (PARTITION BY idx ORDER BY ts, event_id) AS k
          FROM candidates WHERE copy = 1)
        SELECT idx, system_id, event_id, ts, action, nominal_id, on_duty, rostered, explained,
          rules, after_involvement, after_release, occurrence_id, entity_type, entity_id
        FROM ev WHERE k <= {MAX_EVIDENCE_EVENTS} ORDER BY idx, ts, system_id, event_id""")
    for a in alerts:
        a["events"] = []
    for (
        idx,
        system_id,
        event_id,
        ts,
        action,
        nominal_id,
        on_duty,
        rostered,
        explained,
        rules,
        inv,
        rel,
        occurrence_id,
        entity_type,
        entity_id,
    ) in rows:
        # a record naming nobody, tied to the person opened just before it
        follows = {"entity_type": entity_type, "entity_id": entity_id} if entity_type else {}
        alerts[idx]["events"].append(
            _evidence_event(
                event_id=event_id,
                system_id=system_id,
                ts=ts,
                action=action,
                nominal_id=nominal_id,
                on_duty=bool(on_duty) if rostered else None,
                explained_by=list(rules or []) if explained else [],
                after_involvement=bool(inv),
                after_release=bool(rel),
                # set where the person was seen through an occurrence record opened
                occurrence_id=occurrence_id,
                **follows,
            )
        )
    _record_evidence(db, alerts)
    # Context: the staff member's shifts and taskings on the person around the evidence.
    _, context = db.rows("""
        WITH span AS (
          SELECT w.idx, w.force, w.staff_id, w.nominal_id FROM wanted w WHERE w.nominal_id IS NOT NULL)
        SELECT s.idx, 'tasking' AS kind, l.rule, l.occurrence_id, l.lo, l.hi, l.ended
        FROM span s JOIN links l ON l.force = s.force AND l.staff_id = s.staff_id
          AND l.subject_kind = 'N' AND l.subject_id = s.nominal_id
        ORDER BY s.idx, l.lo, l.rule, l.occurrence_id""")
    for idx, _kind, rule, occ, lo, hi, ended in context:
        alerts[idx].setdefault("taskings", []).append(
            {
                "rule": rule,
                "occurrence_id": occ,
                "from": lo.isoformat() + "Z",
                "to": hi.isoformat() + "Z",
                "ended": ended.isoformat() + "Z" if ended else None,
            }
        )
    _attach_shifts(
        db,
        alerts,
        """SELECT w.idx, any_value(w.force) AS force, any_value(w.staff_id) AS staff_id,
          min(r.ts) AS t0, max(r.ts) AS t1
        FROM wanted w JOIN resid r ON r.force = w.force
          AND r.staff_id = w.staff_id AND r.subject_id = w.nominal_id
        GROUP BY w.idx""",
    )
    for a in alerts:
        if a["rule_family"] == "person_focus":
            ends = [t["ended"] for t in a.get("taskings", []) if t.get("ended")]
            last_end = None
            if ends and a["pair"]["inv_events"]:
                candidates = [datetime.fromisoformat(e[:-1]) for e in ends]
                before = [c for c in candidates if c <= a["pair"]["first_ts"]]
                last_end = max(before) if before else None
            a["narrative"] = pair_narrative(a, involvement_end=last_end)
        elif a["rule_family"] == "breadth":
            a["narrative"] = breadth_narrative(a)
        elif a["rule_family"] == "record_repetition":
            a["narrative"] = record_narrative(a)
        else:
            a["narrative"] = unknown_account_narrative(a)


def _attach_shifts(db: LakeEngine, alerts: list[dict[str, Any]], spans_sql: str) -> None:
    """The staff member's rostered shifts from two days before the evidence to two after.

    `spans_sql` gives each alert's evidence span: idx, force, staff_id, t0, t1.
    """
    _, shifts = db.rows(f"""
        SELECT span.idx, sh.start, sh."end" FROM ({spans_sql}) AS span
        JOIN shifts sh ON sh.force = span.force AND sh.staff_id = span.staff_id
          AND sh."end" >= span.t0 - INTERVAL 2 DAY AND sh.start <= span.t1 + INTERVAL 2 DAY
        ORDER BY span.idx, sh.start""")
    for idx, start, end in shifts:
        alerts[idx].setdefault("shifts", []).append(
            {"start": start.isoformat() + "Z", "end": end.isoformat() + "Z"}
        )


def _evidence_event(
    *,
    event_id: str,
    system_id: str,
    ts: datetime,
    action: str,
    nominal_id: str | None = None,
    on_duty: bool | None = None,
    explained_by: list[str] | None = None,
    after_involvement: bool = False,
    after_release: bool = False,
    occurrence_id: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """One evidence event as an alert stores it (times in UTC, marked Z)."""
    return {
        "event_id": event_id,
        "system_id": system_id,
        "ts": ts.isoformat() + "Z",
        "action": action,
        "nominal_id": nominal_id,
        "on_duty": on_duty,
        "explained_by": explained_by or [],
        "after_involvement": after_involvement,
        "after_release": after_release,
        "occurrence_id": occurrence_id,
        **extra,
    }


def _record_evidence(db: LakeEngine, alerts: list[dict[str, Any]]) -> None:
    """Every look at the record of a record-repetition alert (S025), as its evidence."""
    wanted = [(i, a) for i, a in enumerate(alerts) if a["rule_family"] == "record_repetition"]
    if not wanted:
        return
    db.register(
        "wanted_records",
        pa.table(
            {
                "idx": pa.array([i for i, _ in wanted], pa.int64()),
                "force": pa.array([a["force"] for _, a in wanted]),
                "staff_id": pa.array([a["staff_id"] for _, a in wanted]),
                "entity_type": pa.array([a["record"]["entity_type"] for _, a in wanted]),
                "entity_id": pa.array([a["record"]["entity_id"] for _, a in wanted]),
            }
        ),
    )
    _, rows = db.rows(f"""
        SELECT idx, system_id, event_id, ts, action, entity_type, entity_id FROM (
          SELECT w.idx, e.system_id, e.event_id, e.ts, e.action, e.entity_type, e.entity_id,
            row_number() OVER (PARTITION BY w.idx ORDER BY e.ts, e.event_id) AS k
          FROM wanted_records w JOIN events e ON e.force = w.force AND e.staff_id = w.staff_id
            AND e.entity_type = w.entity_type AND e.entity_id = w.entity_id) AS ev
        WHERE k <= {MAX_EVIDENCE_EVENTS} ORDER BY idx, ts, system_id, event_id""")
    _attach_shifts(
        db,
        alerts,
        """SELECT w.idx, any_value(w.force) AS force, any_value(w.staff_id) AS staff_id,
          min(e.ts) AS t0, max(e.ts) AS t1
        FROM wanted_records w JOIN events e ON e.force = w.force AND e.staff_id = w.staff_id
          AND e.entity_type = w.entity_type AND e.entity_id = w.entity_id
        GROUP BY w.idx""",
    )
    # On duty: inside one of the shifts just attached (the roster two days either side of the
    # evidence); with none, not judged, as person-level evidence is not.
    rosters = {
        i: [
            (datetime.fromisoformat(sh["start"][:-1]), datetime.fromisoformat(sh["end"][:-1]))
            for sh in alerts[i].get("shifts", [])
        ]
        for i, _ in wanted
    }
    for idx, system_id, event_id, ts, action, entity_type, entity_id in rows:
        roster = rosters[idx]
        alerts[idx]["events"].append(
            _evidence_event(
                event_id=event_id,
                system_id=system_id,
                ts=ts,
                action=action,
                on_duty=any(a <= ts <= b for a, b in roster) if roster else None,
                entity_type=entity_type,
                entity_id=entity_id,
                # the record itself is what is in question, however it was opened
                record=True,
            )
        )


def _jsonable(value: Any) -> Any:
    from datetime import date, datetime

    if isinstance(value, datetime):
        return value.isoformat() + ("Z" if value.tzinfo is None else "")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def write_alerts(session: Session, run: DetectionRun, alerts: list[dict[str, Any]]) -> None:
    """Upsert alerts by stable key, record history, and mark alerts not seen as inactive."""
    existing = {a.alert_key: a for a in session.scalars(select(Alert))}
    seen: set[str] = set()
    for cand in alerts:
        key = alert_key(
            cand["force"], cand["staff_id"], cand["subject_nominal_id"], cand["rule_family"]
        )
        seen.add(key)
        alert = existing.get(key)
        if alert is None:
            alert = Alert(
                alert_key=key,
                force=cand["force"],
                staff_id=cand["staff_id"],
                rule_family=cand["rule_family"],
                subject_nominal_id=cand["subject_nominal_id"],
                status="new",
                first_seen_run=run.id,
            )
            session.add(alert)
        alert.score = float(cand["score"])
        alert.severity = _severity(alert.score)
        alert.active = True
        alert.nominal_ids = list(cand["nominal_ids"])
        alert.event_ids = [f"{e['system_id']}:{e['event_id']}" for e in cand.get("events", [])]
        alert.rule_ids = list(cand["rule_ids"])
        alert.reasons = list(cand["reasons"])
        alert.narrative = cand.get("narrative", "")
        detail = (
            cand.get("pair")
            or cand.get("breadth")
            or cand.get("record")
            or cand.get("account")
            or {}
        )
        alert.evidence = _jsonable(
            {
                "events": cand.get("events", []),
                "shifts": cand.get("shifts", []),
                "taskings": cand.get("taskings", []),
                "figures": detail,
            }
        )
        alert.last_seen_run = run.id
        alert.history.append(
            AlertHistory(
                run_id=run.id,
                score=alert.score,
                event_count=len(alert.event_ids),
                rule_ids=alert.rule_ids,
            )
        )
    stale = [k for k in existing if k not in seen]
    for i in range(0, len(stale), 500):
        session.execute(
            update(Alert).where(Alert.alert_key.in_(stale[i : i + 500])).values(active=False)
        )


def run_detection(
    *,
    lake_path: Path,
    db_url: str,
    engine: str = "duckdb",
    inspect: Callable[[LakeEngine, list[dict[str, Any]]], None] | None = None,
) -> RunOutcome:
    """Run detection over everything in the home and switch alerts over when it succeeds.

    `inspect` (for evaluation) sees the engine and the candidate alerts while the run's
    working tables still exist.
    """
    check_engine(engine)  # before a run is recorded
    run_id = uuid.uuid4().hex
    with session_scope(db_url) as session:
        session.add(DetectionRun(id=run_id, status="running", engine=engine))
        suppressions = _load_feedback(session)
    try:
        with open_engine(engine, lake_path) as db:
            result: EngineResult = DetectionEngine(db, load_rules(), suppressions).run()
            attach_evidence(db, result.alerts)
            if inspect is not None:
                inspect(db, result.alerts)
        with session_scope(db_url) as session:
            run = session.get(DetectionRun, run_id)
            assert run is not None
            write_alerts(session, run, result.alerts)
            session.execute(update(DetectionRun).values(is_current=False))
            run.is_current = True
            run.status = "done"
            run.finished_at = utcnow()
            run.summary = _jsonable(result.summary)
    except Exception as exc:
        with session_scope(db_url) as session:
            run = session.get(DetectionRun, run_id)
            if run is not None:
                run.status = "failed"
                run.error = repr(exc)
                run.finished_at = utcnow()
        raise
    return RunOutcome(run_id=run_id, summary=result.summary, alerts=len(result.alerts))
