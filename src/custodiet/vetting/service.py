"""Vetting aftercare: the register of clearances, the backlog, and review tasks.

Reads clearances, staff, postings and declared changes from the lake and the workbench's
clearances, alerts and intelligence from the operational store. Functions never commit:
the command or request that calls them owns the transaction.
"""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import duckdb
from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from custodiet.alerts.models import Alert
from custodiet.db import Base, utcnow
from custodiet.fdp.schema import VETTING_LEVELS
from custodiet.lake.store import quote
from custodiet.vetting.models import DECISIONS, VettingClearance, VettingReview
from custodiet.vetting.policy import PolicySet, VettingPolicy

HOLDING_STATUSES = ("active",)  # an empty status in vetting.csv counts as active
BACKLOG_KINDS = ("expired", "due_soon", "below_required")


class VettingError(ValueError):
    """A request the vetting service cannot carry out (unknown review, bad decision)."""


def add_years(day: date, years: int) -> date:
    """`day` plus whole years; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Person:
    """Someone with a login in a force's staff table."""

    force: str
    staff_id: str
    name: str | None
    staff_type: str
    left: date | None

    def serving(self, as_of: date) -> bool:
        """Whether the person is still serving on `as_of`."""
        return self.left is None or self.left > as_of


@dataclass(frozen=True)
class Clearance:
    """One clearance with its effective expiry (supplied, else granted + renewal period)."""

    force: str
    staff_id: str
    level: str
    granted: date
    expires: date | None
    expiry_source: str  # supplied | renewal_period | none
    status: str
    origin: str  # import | workbench

    def holding(self) -> bool:
        """Whether the status lets the person hold the clearance (not lapsed or withdrawn)."""
        return self.status in HOLDING_STATUSES

    def current(self, as_of: date) -> bool:
        """Held and unexpired on `as_of` (the expiry day itself still counts)."""
        return self.holding() and (self.expires is None or self.expires >= as_of)

    def as_json(self) -> dict[str, Any]:
        """Plain JSON."""
        return {
            "force": self.force,
            "staff_id": self.staff_id,
            "level": self.level,
            "granted": self.granted.isoformat(),
            "expires": self.expires.isoformat() if self.expires else None,
            "expiry_source": self.expiry_source,
            "status": self.status,
            "origin": self.origin,
        }


@dataclass(frozen=True)
class Post:
    """One posting from postings.csv."""

    force: str
    staff_id: str
    unit: str
    role: str | None
    required: str | None
    start: date
    end: date | None
    designated: bool

    def covers(self, day: date) -> bool:
        """Whether the person is in this post on `day`."""
        return self.start <= day and (self.end is None or self.end > day)


@dataclass
class Register:
    """Everything the vetting officer needs about the people of one or more forces."""

    as_of: date
    people: dict[tuple[str, str], Person] = field(default_factory=dict)
    clearances: dict[tuple[str, str], list[Clearance]] = field(default_factory=dict)
    posts: dict[tuple[str, str], list[Post]] = field(default_factory=dict)
    forces: list[str] = field(default_factory=list)
    forces_with_vetting: set[str] = field(default_factory=set)

    def held(self, key: tuple[str, str], policy: VettingPolicy) -> Clearance | None:
        """The highest-ranked current clearance of a person, if any."""
        current = [c for c in self.clearances.get(key, []) if c.current(self.as_of)]
        if not current:
            return None
        return max(current, key=lambda c: (policy.rank(c.level), c.expires or date.max))

    def current_post(self, key: tuple[str, str], policy: VettingPolicy) -> Post | None:
        """The person's current post needing the highest level (or any current post)."""
        posts = [p for p in self.posts.get(key, []) if p.covers(self.as_of)]
        if not posts:
            return None
        return max(posts, key=lambda p: (policy.rank(p.required), p.start))


@dataclass(frozen=True)
class BacklogItem:
    """One thing the vetting unit owes: an expired clearance, one due soon, a post not met."""

    force: str
    staff_id: str
    name: str | None
    staff_type: str
    kind: str
    level: str | None
    expires: date | None
    days: int | None  # days overdue (expired) or days left (due_soon)
    held_level: str | None
    required_level: str | None
    unit: str | None

    def as_json(self) -> dict[str, Any]:
        """Plain JSON."""
        return {
            "force": self.force,
            "staff_id": self.staff_id,
            "name": self.name,
            "staff_type": self.staff_type,
            "kind": self.kind,
            "level": self.level,
            "expires": self.expires.isoformat() if self.expires else None,
            "days": self.days,
            "held_level": self.held_level,
            "required_level": self.required_level,
            "unit": self.unit,
        }


@dataclass
class Backlog:
    """The backlog on one day, with counts per kind and the forces that supplied no vetting."""

    as_of: date
    items: list[BacklogItem]
    serving: int
    not_supplied: list[str]

    def counts(self) -> dict[str, int]:
        """Items per kind."""
        return {k: sum(1 for i in self.items if i.kind == k) for k in BACKLOG_KINDS}

    def as_json(self) -> dict[str, Any]:
        """Plain JSON."""
        return {
            "as_of": self.as_of.isoformat(),
            "counts": self.counts(),
            "people": len({(i.force, i.staff_id) for i in self.items}),
            "serving": self.serving,
            "vetting_not_supplied": self.not_supplied,
            "items": [i.as_json() for i in self.items],
        }


def _as_date(value: date | datetime | None) -> date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value


def _force_filter(force: str | None) -> tuple[str, list[Any]]:
    return ("WHERE force = ?", [force]) if force else ("", [])


def _designated(attributes: str | None) -> bool:
    if not attributes:
        return False
    try:
        attrs = json.loads(attributes)
    except ValueError:
        return False
    if not isinstance(attrs, dict):
        return False
    for key in ("designated_post", "designated"):
        value = attrs.get(key)
        if isinstance(value, str) and value.strip().lower() in ("yes", "y", "true", "1"):
            return True
        if value is True:
            return True
    return False


def load_register(
    *,
    session: Session,
    lake_con: duckdb.DuckDBPyConnection,
    policies: PolicySet,
    as_of: date,
    force: str | None = None,
) -> Register:
    """People, clearances (workbench over lake) and postings for one force or all."""
    reg = Register(as_of=as_of)
    where, params = _force_filter(force)
    for f, sid, name, stype, left in lake_con.execute(
        f'SELECT force, staff_id, name, staff_type, "left" FROM staff {where}', params
    ).fetchall():
        reg.people[(f, sid)] = Person(f, sid, name, stype, _as_date(left))
    forces = lake_con.execute(f"SELECT DISTINCT force FROM staff {where}", params).fetchall()
    reg.forces = sorted(f for (f,) in forces)
    raw: dict[tuple[str, str, str, date], tuple[date | None, str, str]] = {}
    for f, sid, level, granted, expires, status in lake_con.execute(
        f"SELECT force, staff_id, level, granted, expires, status FROM vetting {where}", params
    ).fetchall():
        raw[(f, sid, level, granted)] = (expires, status or "active", "import")
    query = select(VettingClearance)
    if force:
        query = query.where(VettingClearance.force == force)
    for row in session.scalars(query):
        key = (row.force, row.staff_id, row.level, row.granted)
        raw[key] = (row.expires, row.status, "workbench")
    for (f, sid, level, granted), (expires, status, origin) in raw.items():
        policy = policies.for_force(f)
        if expires is not None:
            effective, source = expires, "supplied"
        elif level in policy.renewal_years:
            effective, source = add_years(granted, policy.renewal_years[level]), "renewal_period"
        else:
            effective, source = None, "none"
        reg.clearances.setdefault((f, sid), []).append(
            Clearance(f, sid, level, granted, effective, source, status, origin)
        )
        reg.forces_with_vetting.add(f)
    # Postings are stored in UTC; their days are the force's own (a summer posting starting
    # on 12 June is stored as 23:00 on the 11th). An end is the first day no longer in post.
    local_day = "CAST(timezone(coalesce(z.tz, 'Europe/London'), timezone('UTC', p.{col})) AS DATE)"
    for f, sid, unit, role, required, start, end, attributes in lake_con.execute(
        "WITH z AS (SELECT force, arg_max(timezone, imported_at) AS tz FROM packages GROUP BY force) "
        "SELECT p.force, p.staff_id, p.unit, p.role, p.vetting_level_required, "
        f"{local_day.format(col='start')}, {local_day.format(col=quote('end'))}, p.attributes "
        f"FROM (SELECT * FROM postings {where}) p LEFT JOIN z USING (force) "
        "ORDER BY p.force, p.staff_id, p.start",
        params,
    ).fetchall():
        policy = policies.for_force(f)
        start_day = _as_date(start)
        assert start_day is not None
        reg.posts.setdefault((f, sid), []).append(
            Post(
                f,
                sid,
                unit,
                role,
                required,
                start_day,
                _as_date(end),
                _designated(attributes) or policy.is_designated(unit, role),
            )
        )
    for items in reg.clearances.values():
        items.sort(key=lambda c: (c.granted, c.level))
    return reg


def _person_backlog(
    register: Register, key: tuple[str, str], person: Person, policy: VettingPolicy
) -> list[BacklogItem]:
    as_of = register.as_of
    clearances = register.clearances.get(key, [])
    current = [c for c in clearances if c.current(as_of)]

    def covered(level: str, expires: date | None) -> bool:
        """Whether a current clearance at least as high outlasts `expires` (None: any)."""
        return any(
            policy.rank(c.level) >= policy.rank(level)
            and (expires is None or c.expires is None or c.expires > expires)
            for c in current
        )

    def item(kind: str, **kw: Any) -> BacklogItem:
        base: dict[str, Any] = dict.fromkeys(
            ("level", "expires", "days", "held_level", "required_level", "unit")
        )
        base.update(kw)
        return BacklogItem(
            person.force, person.staff_id, person.name, person.staff_type, kind, **base
        )

    items: list[BacklogItem] = []
    held = register.held(key, policy)
    held_level = held.level if held else None
    lapsed = [
        c
        for c in clearances
        if c.status in ("active", "lapsed") and not c.current(as_of) and not covered(c.level, None)
    ]
    if lapsed:
        worst = max(lapsed, key=lambda c: (policy.rank(c.level), c.granted))
        days = (as_of - worst.expires).days if worst.expires else None
        items.append(
            item(
                "expired",
                level=worst.level,
                expires=worst.expires,
                days=days,
                held_level=held_level,
            )
        )
    horizon = as_of + timedelta(days=policy.due_soon_days)
    due = [
        c
        for c in current
        if c.expires is not None and c.expires <= horizon and not covered(c.level, c.expires)
    ]
    if due:
        soonest = max(due, key=lambda c: (policy.rank(c.level), c.expires or date.max))
        assert soonest.expires is not None
        items.append(
            item(
                "due_soon",
                level=soonest.level,
                expires=soonest.expires,
                days=(soonest.expires - as_of).days,
                held_level=held_level,
            )
        )
    post = register.current_post(key, policy)
    if post is not None and post.required and policy.rank(post.required) > policy.rank(held_level):
        items.append(
            item(
                "below_required",
                level=post.required,
                held_level=held_level,
                required_level=post.required,
                unit=post.unit,
            )
        )
    return items


def compute_backlog(*, register: Register, policies: PolicySet) -> Backlog:
    """Expired clearances, clearances due within the policy's window, posts not met."""
    items: list[BacklogItem] = []
    serving = 0
    for key, person in sorted(register.people.items()):
        if not person.serving(register.as_of) or person.force not in register.forces_with_vetting:
            continue
        serving += 1
        items.extend(_person_backlog(register, key, person, policies.for_force(person.force)))
    not_supplied = [f for f in register.forces if f not in register.forces_with_vetting]
    return Backlog(as_of=register.as_of, items=items, serving=serving, not_supplied=not_supplied)


def vetting_compliance(*, register: Register, policies: PolicySet) -> dict[str, dict[str, Any]]:
    """Per force: serving people in a post with a required level, and how many hold it."""
    out: dict[str, dict[str, Any]] = {}
    for f in register.forces:
        out[f] = {
            "supplied": f in register.forces_with_vetting,
            "in_vetted_posts": 0,
            "compliant": 0,
            "share": None,
        }
    for key, person in register.people.items():
        if not person.serving(register.as_of) or person.force not in register.forces_with_vetting:
            continue
        policy = policies.for_force(person.force)
        post = register.current_post(key, policy)
        if post is None or not post.required:
            continue
        entry = out[person.force]
        entry["in_vetted_posts"] += 1
        held = register.held(key, policy)
        if held is not None and policy.rank(held.level) >= policy.rank(post.required):
            entry["compliant"] += 1
    for entry in out.values():
        if entry["in_vetted_posts"]:
            entry["share"] = round(entry["compliant"] / entry["in_vetted_posts"], 4)
    return out


# -- reviews ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Trigger:
    """Something that calls for an aftercare review of one person."""

    force: str
    staff_id: str
    trigger: str
    ref: str
    when: date
    detail: str

    @property
    def key(self) -> str:
        """The review's stable identity."""
        return f"{self.force}|{self.staff_id}|{self.trigger}|{self.ref}"[:255]


@dataclass
class RaiseResult:
    """What a raising pass did."""

    raised: dict[str, int] = field(default_factory=dict)
    already: int = 0
    reviews: list[VettingReview] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """Plain JSON."""
        return {
            "raised": self.raised,
            "total_raised": sum(self.raised.values()),
            "already_raised": self.already,
        }


def _circumstance_triggers(
    lake_con: duckdb.DuckDBPyConnection, force: str | None, since: date, as_of: date
) -> Iterable[Trigger]:
    where = "WHERE reported >= ? AND reported <= ?" + (" AND force = ?" if force else "")
    params: list[Any] = [since, as_of, *([force] if force else [])]
    for f, sid, reported, kind, notes in lake_con.execute(
        f"SELECT force, staff_id, reported, kind, notes FROM circumstance_changes {where} "
        "ORDER BY force, staff_id, reported",
        params,
    ).fetchall():
        detail = f"{kind} change declared on {reported.isoformat()}"
        if notes:
            detail += f": {notes}"
        ref = f"{reported.isoformat()}|{kind}"
        yield Trigger(f, sid, "circumstance_change", ref, reported, detail)


def _posting_triggers(register: Register, policies: PolicySet, since: date) -> Iterable[Trigger]:
    as_of = register.as_of
    for key, posts in register.posts.items():
        policy = policies.for_force(key[0])
        horizon = as_of + timedelta(days=policy.due_soon_days)  # planned moves count too
        held = register.held(key, policy)
        for previous, post in itertools.pairwise(posts):
            if not (since <= post.start <= horizon):
                continue
            ref = f"{post.unit}|{post.start.isoformat()}"
            if post.designated:
                yield Trigger(
                    *key,
                    "designated_post",
                    ref,
                    post.start,
                    f"move to designated post {post.unit}"
                    + (f" ({post.role})" if post.role else ""),
                )
                continue
            need = policy.rank(post.required)
            if need and (
                need > policy.rank(previous.required)
                or need > policy.rank(held.level if held else None)
            ):
                yield Trigger(
                    *key,
                    "post_move",
                    ref,
                    post.start,
                    f"move to {post.unit} needing {post.required} "
                    f"(previous post {previous.required or 'none'}, "
                    f"holds {held.level if held else 'none'})",
                )


def _alert_triggers(
    session: Session, policies: PolicySet, force: str | None, since: date
) -> Iterable[Trigger]:
    query = select(Alert).where(Alert.first_seen_at >= datetime(since.year, since.month, since.day))
    if force:
        query = query.where(Alert.force == force)
    for alert in session.scalars(query.order_by(Alert.id)):
        policy = policies.for_force(alert.force)
        if alert.disposition in ("false_positive", "explained"):
            continue
        if alert.disposition != "substantiated" and alert.severity not in policy.alert_severities:
            continue
        why = alert.disposition if alert.disposition else f"{alert.severity} severity"
        yield Trigger(
            alert.force,
            alert.staff_id,
            "alert",
            str(alert.id),
            alert.first_seen_at.date(),
            f"alert {alert.id} ({alert.rule_family}, {why})",
        )


def _intelligence_table() -> Table | None:
    """The intelligence table, when that domain's models exist and carry force + staff_id."""
    for name in ("intelligence", "intelligence_reports", "intelligence_items"):
        table = Base.metadata.tables.get(name)
        if table is not None and {"id", "force", "staff_id"} <= set(table.c.keys()):
            return table
    return None


def _intelligence_triggers(session: Session, force: str | None, since: date) -> Iterable[Trigger]:
    table = _intelligence_table()
    if table is None:
        return
    names = ("received", "created_at", "recorded_at")
    when_col = next((table.c[n] for n in names if n in table.c), None)
    cols = [table.c.id, table.c.force, table.c.staff_id]
    query = select(*cols, *([when_col] if when_col is not None else []))
    query = query.where(table.c.staff_id.is_not(None))
    if force:
        query = query.where(table.c.force == force)
    for row in session.execute(query):
        when = _as_date(row[3]) if when_col is not None else None
        when = when or utcnow().date()
        if when < since:
            continue
        yield Trigger(
            row[1],
            row[2],
            "intelligence",
            str(row[0]),
            when,
            f"intelligence item {row[0]} about the person",
        )


def _annual_triggers(register: Register, policies: PolicySet) -> Iterable[Trigger]:
    year = register.as_of.year
    for key, person in sorted(register.people.items()):
        policy = policies.for_force(person.force)
        if not policy.annual_integrity_review or not person.serving(register.as_of):
            continue
        yield Trigger(
            *key, "annual_integrity", str(year), date(year, 1, 1), f"annual integrity review {year}"
        )


def collect_triggers(
    *,
    session: Session,
    lake_con: duckdb.DuckDBPyConnection,
    policies: PolicySet,
    register: Register,
    force: str | None = None,
) -> list[Trigger]:
    """Every trigger in the lookback window for serving people."""
    as_of = register.as_of
    since = as_of - timedelta(
        days=max(
            [policies.default.lookback_days, *(p.lookback_days for p in policies.forces.values())]
        )
    )
    found: list[Trigger] = [
        *_circumstance_triggers(lake_con, force, since, as_of),
        *_posting_triggers(register, policies, since),
        *_alert_triggers(session, policies, force, since),
        *_intelligence_triggers(session, force, since),
        *_annual_triggers(register, policies),
    ]
    kept = []
    for t in found:
        policy = policies.for_force(t.force)
        oldest = as_of - timedelta(days=policy.lookback_days)
        if t.trigger != "annual_integrity" and t.when < oldest:
            continue
        person = register.people.get((t.force, t.staff_id))
        if person is not None and not person.serving(as_of):
            continue
        kept.append(t)
    return kept


def raise_reviews(
    *,
    session: Session,
    lake_con: duckdb.DuckDBPyConnection,
    policies: PolicySet,
    as_of: date,
    force: str | None = None,
    register: Register | None = None,
) -> RaiseResult:
    """Raise a review for every trigger that has none yet (idempotent); the caller commits."""
    register = register or load_register(
        session=session, lake_con=lake_con, policies=policies, as_of=as_of, force=force
    )
    triggers = collect_triggers(
        session=session, lake_con=lake_con, policies=policies, register=register, force=force
    )
    result = RaiseResult()
    by_key = {t.key: t for t in triggers}
    existing: set[str] = set()
    keys = list(by_key)
    for i in range(0, len(keys), 500):
        existing.update(
            session.scalars(
                select(VettingReview.review_key).where(
                    VettingReview.review_key.in_(keys[i : i + 500])
                )
            )
        )
    result.already = len(existing)
    for key, t in by_key.items():
        if key in existing:
            continue
        policy = policies.for_force(t.force)
        due = (
            policy.annual_due(t.when.year)
            if t.trigger == "annual_integrity"
            else (t.when + timedelta(days=policy.due_days(t.trigger)))
        )
        review = VettingReview(
            review_key=key,
            force=t.force,
            staff_id=t.staff_id,
            trigger=t.trigger,
            trigger_ref=t.ref[:160],
            trigger_date=t.when,
            detail=t.detail,
            due_date=due,
            owner=policy.owner(t.trigger),
            status="open",
        )
        session.add(review)
        result.reviews.append(review)
        result.raised[t.trigger] = result.raised.get(t.trigger, 0) + 1
    session.flush()
    return result


def list_reviews(
    *,
    session: Session,
    force: str | None = None,
    status: str | None = None,
    staff_id: str | None = None,
    owner: str | None = None,
) -> list[VettingReview]:
    """Reviews, soonest due first."""
    query = select(VettingReview)
    if force:
        query = query.where(VettingReview.force == force)
    if status:
        query = query.where(VettingReview.status == status)
    if staff_id:
        query = query.where(VettingReview.staff_id == staff_id)
    if owner:
        query = query.where(VettingReview.owner == owner)
    return list(session.scalars(query.order_by(VettingReview.due_date, VettingReview.id)))


def review_json(review: VettingReview, *, as_of: date) -> dict[str, Any]:
    """A review as plain JSON, with whether it is overdue on `as_of`."""
    return {
        "id": review.id,
        "force": review.force,
        "staff_id": review.staff_id,
        "trigger": review.trigger,
        "trigger_date": review.trigger_date.isoformat(),
        "detail": review.detail,
        "due_date": review.due_date.isoformat(),
        "owner": review.owner,
        "status": review.status,
        "overdue": review.status == "open" and review.due_date < as_of,
        "decision": review.decision,
        "reason": review.reason,
        "conditions": review.conditions,
        "decided_by": review.decided_by,
        "decided_at": review.decided_at.isoformat() if review.decided_at else None,
    }


def decide_review(
    *,
    session: Session,
    lake_con: duckdb.DuckDBPyConnection,
    policies: PolicySet,
    review_id: int,
    decision: str,
    reason: str,
    by: str,
    conditions: str | None = None,
    as_of: date,
) -> VettingReview:
    """Record a decision; suspend or withdraw also changes the person's current clearances."""
    if decision not in DECISIONS:
        raise VettingError(f"decision must be one of {', '.join(DECISIONS)}, not {decision!r}")
    if not reason or not reason.strip():
        raise VettingError("a decision needs a reason")
    if decision == "conditions" and not (conditions and conditions.strip()):
        raise VettingError("a decision to continue with conditions needs the conditions")
    review = session.get(VettingReview, review_id)
    if review is None:
        raise VettingError(f"no vetting review {review_id}")
    if review.status == "decided":
        raise VettingError(f"review {review_id} was already decided ({review.decision})")
    review.status = "decided"
    review.decision = decision
    review.reason = reason.strip()
    review.conditions = conditions.strip() if conditions else None
    review.decided_by = by
    review.decided_at = utcnow()
    if decision in ("suspend", "withdraw"):
        register = load_register(
            session=session, lake_con=lake_con, policies=policies, as_of=as_of, force=review.force
        )
        status = "suspended" if decision == "suspend" else "withdrawn"
        for c in register.clearances.get((review.force, review.staff_id), []):
            if c.current(as_of):
                record_clearance(
                    session=session,
                    force=c.force,
                    staff_id=c.staff_id,
                    level=c.level,
                    granted=c.granted,
                    expires=c.expires,
                    status=status,
                    reason=f"review {review.id}: {reason.strip()}",
                    by=by,
                    review_id=review.id,
                )
    session.flush()
    return review


def record_clearance(
    *,
    session: Session,
    force: str,
    staff_id: str,
    level: str,
    granted: date,
    expires: date | None = None,
    status: str = "active",
    reason: str | None = None,
    by: str | None = None,
    review_id: int | None = None,
) -> VettingClearance:
    """Grant, renew or change a clearance on the workbench (upsert by its key)."""
    if level not in VETTING_LEVELS:
        raise VettingError(f"level must be one of {', '.join(VETTING_LEVELS)}, not {level!r}")
    if status not in ("active", "lapsed", "withdrawn", "refused", "suspended"):
        raise VettingError(f"unknown clearance status {status!r}")
    row = session.scalars(
        select(VettingClearance).where(
            VettingClearance.force == force,
            VettingClearance.staff_id == staff_id,
            VettingClearance.level == level,
            VettingClearance.granted == granted,
        )
    ).one_or_none()
    if row is None:
        row = VettingClearance(force=force, staff_id=staff_id, level=level, granted=granted)
        session.add(row)
    row.expires = expires
    row.status = status
    row.reason = reason
    row.recorded_by = by
    row.review_id = review_id
    row.recorded_at = utcnow()
    session.flush()
    return row


def person_summary(
    *, register: Register, policies: PolicySet, force: str, staff_id: str
) -> dict[str, Any]:
    """One person's clearances, posts and what they hold against what their post needs."""
    key = (force, staff_id)
    policy = policies.for_force(force)
    person = register.people.get(key)
    held = register.held(key, policy)
    post = register.current_post(key, policy)
    return {
        "force": force,
        "staff_id": staff_id,
        "name": person.name if person else None,
        "staff_type": person.staff_type if person else None,
        "held_level": held.level if held else None,
        "required_level": post.required if post else None,
        "unit": post.unit if post else None,
        "clearances": [c.as_json() for c in register.clearances.get(key, [])],
        "posts": [
            {
                "unit": p.unit,
                "role": p.role,
                "required": p.required,
                "start": p.start.isoformat(),
                "end": p.end.isoformat() if p.end else None,
                "designated": p.designated,
            }
            for p in register.posts.get(key, [])
        ],
    }


def backlog_by_force(backlog: Backlog) -> dict[str, dict[str, int]]:
    """Item counts per force and kind."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(BACKLOG_KINDS, 0))
    for i in backlog.items:
        out[i.force][i.kind] += 1
    return dict(out)
