"""IT monitoring coverage: every listed system, whether its audit is supplied, events per
day and the gaps in each feed, within the period a force's packages cover.

Builds on `custodiet.ingest.queries.monitoring_coverage` (listed systems, feeds without
audit, declared-but-silent feeds, events from unlisted systems). Days are UTC days.

A gap is a run of days with no events on which there should have been some: every day of
the covered period for a feed that is declared but silent; and, for a feed whose busy days
carry at least `min_daily` events (median over days with events), each day without any.
A sparse feed (fewer events on a typical active day) has no expected daily volume, so
its quiet days are not gaps.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from statistics import median
from typing import Any

import duckdb

from custodiet.ingest.queries import monitoring_coverage
from custodiet.reports.schemas import FeedGap, ForceCoverage, SystemCoverage

DEFAULT_MIN_DAILY = 5


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def covered_days(
    con: duckdb.DuckDBPyConnection, force: str, start: date | None, end: date | None
) -> list[date]:
    """Days inside both [start, end] and the periods of the force's packages."""
    days: set[date] = set()
    for p_start, p_end in con.execute(
        "SELECT period_start, period_end FROM packages WHERE force = ? "
        "AND period_start IS NOT NULL AND period_end IS NOT NULL",
        [force],
    ).fetchall():
        lo = max(p_start, start) if start else p_start
        hi = min(p_end, end) if end else p_end
        if lo <= hi:
            days.update(_days(lo, hi))
    return sorted(days)


def find_gaps(days: list[date], counts: dict[date, int]) -> list[FeedGap]:
    """Maximal runs of consecutive days in `days` with no events."""
    gaps: list[FeedGap] = []
    run: list[date] = []

    def close() -> None:
        if run:
            gaps.append(FeedGap(start=run[0], end=run[-1], days=len(run)))
            run.clear()

    for day in days:
        if counts.get(day, 0):
            close()
            continue
        if run and run[-1] + timedelta(days=1) != day:
            close()
        run.append(day)
    close()
    return gaps


def force_coverage(
    con: duckdb.DuckDBPyConnection,
    *,
    force: str,
    start: date | None = None,
    end: date | None = None,
    min_daily: int = DEFAULT_MIN_DAILY,
    with_daily: bool = True,
) -> ForceCoverage:
    """Coverage of one force's systems over [start, end] ∩ its packages' periods."""
    base: dict[str, Any] = monitoring_coverage(con, force)
    days = covered_days(con, force, start, end)
    name_row = con.execute(
        "SELECT any_value(force_name) FROM packages WHERE force = ?", [force]
    ).fetchone()
    systems = con.execute(
        "SELECT system_id, name, category, audit_feed FROM systems WHERE force = ? ORDER BY 1",
        [force],
    ).fetchall()
    daily: dict[str, dict[date, int]] = defaultdict(dict)
    if days:
        for system_id, day, n in con.execute(
            "SELECT system_id, CAST(ts AS DATE) AS day, count(*) FROM access_events "
            "WHERE force = ? AND ts >= ? AND ts < ? GROUP BY system_id, CAST(ts AS DATE)",
            [force, days[0], days[-1] + timedelta(days=1)],
        ).fetchall():
            daily[system_id][day] = int(n)
    listed = {s[0] for s in systems}
    rows = [*systems, *((sid, None, None, None) for sid in sorted(set(daily) - listed))]
    wanted = set(days)
    out: list[SystemCoverage] = []
    for system_id, name, category, audit_feed in rows:
        counts = {d: n for d, n in daily.get(system_id, {}).items() if d in wanted}
        events = sum(counts.values())
        active = [n for n in counts.values() if n > 0]
        typical = float(median(active)) if active else 0.0
        if audit_feed is False:
            expected, gaps = False, []
        elif events == 0:
            expected = audit_feed is True and bool(days)
            gaps = find_gaps(days, counts) if expected else []
        else:
            expected = typical >= min_daily
            gaps = find_gaps(days, counts) if expected else []
        out.append(
            SystemCoverage(
                system_id=system_id,
                name=name,
                category=category,
                audit_feed=audit_feed,
                listed=system_id in listed,
                events=events,
                days_with_events=len(active),
                covered_days=len(days),
                events_per_day=round(events / len(days), 2) if days else 0.0,
                typical_active_day=typical,
                daily_expected=expected,
                gaps=gaps,
                gap_days=sum(g.days for g in gaps),
                daily=[counts.get(d, 0) for d in days] if with_daily else [],
            )
        )
    return ForceCoverage(
        force=force,
        name=name_row[0] if name_row else None,
        period_start=days[0] if days else None,
        period_end=days[-1] if days else None,
        covered_days=len(days),
        systems=out,
        no_audit_feed=base["no_audit_feed"],
        feed_declared_but_silent=base["feed_declared_but_silent"],
        events_from_unlisted_systems=base["events_from_unlisted_systems"],
        gap_days=sum(s.gap_days for s in out),
    )
