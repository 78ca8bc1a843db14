"""The return: the figures the inspectorate asks every force for, computed from the stores.

Allegations come from the operational store (workbench and synced imports); staff types,
monitoring coverage and vetting from the lake. A person is force + staff_id. Reading only:
nothing here writes to either store.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from statistics import mean, median

import duckdb
from sqlalchemy import select
from sqlalchemy.orm import Session

from custodiet.cases.models import MANDATORY_REFERRAL_CATEGORIES, Allegation
from custodiet.db import utcnow
from custodiet.fdp.schema import NOMINAL_MARKERS, OUTCOMES, STAFF_TYPES
from custodiet.reports.coverage import DEFAULT_MIN_DAILY, force_coverage
from custodiet.reports.schemas import (
    AUDIENCES,
    Dismissals,
    ForceFigures,
    ForceReturn,
    Forces,
    ForceVetting,
    LateReferral,
    Personnel,
    TimeToRefer,
    VettingCompliance,
)
from custodiet.vetting.policy import PolicySet
from custodiet.vetting.service import load_register, vetting_compliance

REFERRAL_DEADLINE_DAYS = 1  # by the end of the day after it became clear


class ReportError(ValueError):
    """A return that cannot be produced as asked."""


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def known_forces(*, session: Session, lake_con: duckdb.DuckDBPyConnection) -> dict[str, str | None]:
    """Every force the home holds (packages, staff, allegations), with its name if known."""
    forces: dict[str, str | None] = {}
    for code, name in lake_con.execute(
        "SELECT force, any_value(force_name) FROM packages GROUP BY force"
    ).fetchall():
        forces[code] = name
    for (code,) in lake_con.execute("SELECT DISTINCT force FROM staff").fetchall():
        forces.setdefault(code, None)
    for code in session.scalars(select(Allegation.force).distinct()):
        forces.setdefault(code, None)
    return dict(sorted(forces.items()))


def staff_types(
    lake_con: duckdb.DuckDBPyConnection, people: set[tuple[str, str]]
) -> dict[tuple[str, str], str]:
    """The staff type of each person found in the lake's staff table."""
    if not people:
        return {}
    ordered = sorted(people)
    rows = lake_con.execute(
        "SELECT s.force, s.staff_id, s.staff_type FROM staff s "
        "JOIN (SELECT unnest(?::VARCHAR[]) AS force, unnest(?::VARCHAR[]) AS staff_id) p "
        "ON s.force = p.force AND s.staff_id = p.staff_id",
        [[p[0] for p in ordered], [p[1] for p in ordered]],
    ).fetchall()
    return {(f, sid): stype for f, sid, stype in rows}


def _time_to_refer(rows: list[Allegation]) -> tuple[TimeToRefer, list[LateReferral], int]:
    days: list[int] = []
    late: list[LateReferral] = []
    missing = 0
    for a in rows:
        start = a.referral_trigger_date or a.received
        if a.referred_to_iopc is None:
            if a.category in MANDATORY_REFERRAL_CATEGORIES:
                missing += 1
                late.append(
                    LateReferral(
                        force=a.force,
                        allegation=a.external_id or f"#{a.id}",
                        category=a.category,
                        received=a.received,
                        referred=None,
                        days=None,
                    )
                )
            continue
        n = (a.referred_to_iopc - start).days
        days.append(n)
        if n > REFERRAL_DEADLINE_DAYS:
            late.append(
                LateReferral(
                    force=a.force,
                    allegation=a.external_id or f"#{a.id}",
                    category=a.category,
                    received=a.received,
                    referred=a.referred_to_iopc,
                    days=n,
                )
            )
    within = sum(1 for n in days if n <= REFERRAL_DEADLINE_DAYS)
    ttr = TimeToRefer(
        referred=len(days),
        median_days=float(median(days)) if days else None,
        mean_days=round(mean(days), 2) if days else None,
        max_days=max(days) if days else None,
        within_deadline=within,
        late=len(days) - within,
    )
    return ttr, late, missing


def _force_figures(code: str, name: str | None, rows: list[Allegation]) -> ForceFigures:
    return ForceFigures(
        force=code,
        name=name,
        allegations=len(rows),
        personnel=len({a.staff_id for a in rows}),
        referred=sum(1 for a in rows if a.referred_to_iopc is not None),
        dismissed=sum(1 for a in rows if a.outcome == "dismissed"),
        domestic_abuse_victim=sum(
            1 for a in rows if "domestic_abuse_victim" in (a.victim_markers or [])
        ),
    )


def build_return(
    *,
    session: Session,
    lake_con: duckdb.DuckDBPyConnection,
    start: date,
    end: date,
    category: str | None = None,
    force: str | None = None,
    audience: str = "force",
    policies: PolicySet | None = None,
    as_of: date | None = None,
    min_daily: int = DEFAULT_MIN_DAILY,
    with_daily: bool = True,
) -> ForceReturn:
    """The return for allegations received from `start` to `end` inclusive."""
    if audience not in AUDIENCES:
        raise ReportError(f"audience must be one of {', '.join(AUDIENCES)}")
    if audience == "national" and force:
        raise ReportError("the national return covers every force; it cannot be narrowed to one")
    if end < start:
        raise ReportError(f"--to {end} is before --from {start}")
    query = select(Allegation).where(Allegation.received >= start, Allegation.received <= end)
    if category:
        query = query.where(Allegation.category == category)
    if force:
        query = query.where(Allegation.force == force)
    rows = list(
        session.scalars(query.order_by(Allegation.force, Allegation.received, Allegation.id))
    )

    forces_known = known_forces(session=session, lake_con=lake_con)
    if force:
        forces_known = {force: forces_known.get(force)}

    people = {(a.force, a.staff_id) for a in rows}
    types = staff_types(lake_con, people)
    type_counts = Counter(types.get(p) for p in people)
    personnel = Personnel(total=len(people), **{t: type_counts.get(t, 0) for t in STAFF_TYPES})

    markers: Counter[str] = Counter()
    for a in rows:
        markers.update(set(a.victim_markers or []))
    victim_markers = {m: markers.get(m, 0) for m in NOMINAL_MARKERS}
    victim_markers.update({m: n for m, n in markers.items() if m not in victim_markers})

    outcome_counts = Counter(a.outcome for a in rows if a.outcome)
    outcomes = {o: outcome_counts.get(o, 0) for o in OUTCOMES}
    outcomes.update({o: n for o, n in outcome_counts.items() if o not in outcomes})

    referred = sum(1 for a in rows if a.referred_to_iopc is not None)
    ttr, late, missing = _time_to_refer(rows)
    dismissed = [a for a in rows if a.outcome == "dismissed"]

    per_force: dict[str, list[Allegation]] = defaultdict(list)
    for a in rows:
        per_force[a.force].append(a)
        forces_known.setdefault(a.force, None)
    by_force = [
        _force_figures(code, name, per_force.get(code, [])) for code, name in forces_known.items()
    ]
    today = utcnow().date()
    as_of = as_of or min(end, today)
    policies = policies or PolicySet()
    register = load_register(
        session=session, lake_con=lake_con, policies=policies, as_of=as_of, force=force
    )
    compliance = vetting_compliance(register=register, policies=policies)
    vet_rows = [ForceVetting(force=f, **compliance[f]) for f in sorted(compliance)]
    in_posts = sum(v.in_vetted_posts for v in vet_rows if v.supplied)
    compliant = sum(v.compliant for v in vet_rows if v.supplied)

    return ForceReturn(
        allegations=len(rows),
        personnel=personnel,
        victim_markers=victim_markers,
        referred=referred,
        outcomes=outcomes,
        forces=Forces(total=len(forces_known), with_allegations=len(per_force)),
        period={"from": start, "to": end},
        category=category,
        force=force,
        audience=audience,
        generated_at=utcnow(),
        referred_share=_share(referred, len(rows)),
        victim_marker_shares={
            m: s for m, n in victim_markers.items() if (s := _share(n, len(rows))) is not None
        },
        personnel_unknown_type=sum(1 for p in people if p not in types),
        open_allegations=sum(1 for a in rows if not a.outcome),
        by_category=dict(sorted(Counter(a.category for a in rows).items())),
        time_to_refer=ttr,
        mandatory_not_referred=missing,
        dismissals=Dismissals(
            allegations=len(rows),
            dismissed=len(dismissed),
            share=_share(len(dismissed), len(rows)),
            personnel_dismissed=len({(a.force, a.staff_id) for a in dismissed}),
        ),
        by_force=by_force,
        forces_without_allegations=[f for f in forces_known if f not in per_force],
        late_referrals=late if audience == "force" else [],
        monitoring=[
            force_coverage(
                lake_con,
                force=code,
                start=start,
                end=end,
                min_daily=min_daily,
                with_daily=with_daily,
            )
            for code in forces_known
        ],
        vetting_compliance=VettingCompliance(
            as_of=as_of,
            in_vetted_posts=in_posts,
            compliant=compliant,
            share=_share(compliant, in_posts),
            by_force=vet_rows,
        ),
    )
