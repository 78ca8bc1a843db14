"""Dashboard figures and their Vega-Lite charts: alerts, referral compliance, outcomes.

Figures only: the inspector's view never names a person or a case.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from custodiet.alerts.models import Alert
from custodiet.alerts.service import scope_conditions
from custodiet.cases import service as cases
from custodiet.cases.models import Allegation
from custodiet.users.permissions import DASHBOARD_VIEW
from custodiet.users.principal import Principal

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
STATE_LABELS = {
    "referred_on_time": "Referred on time",
    "referred_late": "Referred late",
    "overdue": "Overdue",
    "due": "Due (deadline not passed)",
}
STATE_COLOURS = ["#2e7d32", "#ef6c00", "#c62828", "#1565c0"]


@dataclass
class DashboardFigures:
    """What the dashboard shows."""

    alerts_by_status: dict[str, int] = field(default_factory=dict)
    alerts_by_rule_status: list[dict[str, Any]] = field(default_factory=list)
    referral_states: dict[str, int] = field(default_factory=dict)
    days_to_refer: list[int] = field(default_factory=list)
    allegations_outcomes: list[dict[str, Any]] = field(default_factory=list)
    allegations_total: int = 0
    dismissals: int = 0
    apsp_total: int = 0

    @property
    def compliance_rate(self) -> float | None:
        """Share of due referrals made on time (None if none were due)."""
        counted = sum(
            self.referral_states.get(k, 0) for k in ("referred_on_time", "referred_late", "overdue")
        )
        if not counted:
            return None
        return self.referral_states.get("referred_on_time", 0) / counted


def figures(session: Session, *, viewer: Principal, today: date | None = None) -> DashboardFigures:
    """Compute the dashboard's figures within the viewer's scope."""
    today = today or cases.uk_today()
    out = DashboardFigures()
    conditions = scope_conditions(viewer)
    rows = session.execute(
        select(Alert.rule_family, Alert.status, func.count(Alert.id))
        .where(*conditions)
        .group_by(Alert.rule_family, Alert.status)
    ).all()
    by_status: Counter[str] = Counter()
    for rule, status, count in rows:
        by_status[str(status)] += int(count)
        out.alerts_by_rule_status.append(
            {"rule": str(rule), "status": str(status), "alerts": int(count)}
        )
    out.alerts_by_status = {s: by_status.get(s, 0) for s in ("new", "in_review", "closed")}

    states: Counter[str] = Counter()
    outcomes: Counter[tuple[str, str]] = Counter()
    aggregate_only = not viewer.can(DASHBOARD_VIEW)
    for allegation in cases.allegations_for_dashboard(
        session, viewer=viewer, aggregate=aggregate_only
    ):
        out.allegations_total += 1
        if allegation.category == "apsp":
            out.apsp_total += 1
        if allegation.outcome == "dismissed":
            out.dismissals += 1
        state = cases.referral_state(allegation, today=today)
        if state in STATE_LABELS:
            states[state] += 1
        days = cases.days_to_refer(allegation)
        if days is not None:
            out.days_to_refer.append(days)
        outcomes[(allegation.category, allegation.outcome or "open")] += 1
    out.referral_states = {k: states.get(k, 0) for k in STATE_LABELS}
    out.allegations_outcomes = [
        {"category": c, "outcome": o, "allegations": n} for (c, o), n in sorted(outcomes.items())
    ]
    return out


def alerts_chart(fig: DashboardFigures) -> dict[str, Any]:
    """Stacked bars: alerts per rule family by status."""
    return {
        "$schema": SCHEMA,
        "width": "container",
        "height": {"step": 28},
        "data": {"values": fig.alerts_by_rule_status},
        "mark": {"type": "bar"},
        "encoding": {
            "y": {"field": "rule", "type": "nominal", "title": None, "sort": "-x"},
            "x": {
                "field": "alerts",
                "type": "quantitative",
                "aggregate": "sum",
                "title": "Alerts",
                "axis": {"format": "d", "tickMinStep": 1},
            },
            "color": {
                "field": "status",
                "type": "nominal",
                "scale": {
                    "domain": ["new", "in_review", "closed"],
                    "range": ["#c62828", "#ef6c00", "#78909c"],
                },
                "legend": {"orient": "bottom", "title": None},
            },
            "tooltip": [
                {"field": "rule"},
                {"field": "status"},
                {"field": "alerts", "aggregate": "sum"},
            ],
        },
    }


def referral_chart(fig: DashboardFigures) -> dict[str, Any]:
    """Bars: referrals by compliance state."""
    values = [{"state": STATE_LABELS[k], "allegations": v} for k, v in fig.referral_states.items()]
    return {
        "$schema": SCHEMA,
        "width": "container",
        "height": {"step": 28},
        "data": {"values": values},
        "mark": {"type": "bar"},
        "encoding": {
            "y": {
                "field": "state",
                "type": "nominal",
                "title": None,
                "sort": list(STATE_LABELS.values()),
            },
            "x": {
                "field": "allegations",
                "type": "quantitative",
                "title": "Allegations due for IOPC referral",
                "axis": {"format": "d", "tickMinStep": 1},
            },
            "color": {
                "field": "state",
                "type": "nominal",
                "scale": {"domain": list(STATE_LABELS.values()), "range": STATE_COLOURS},
                "legend": None,
            },
            "tooltip": [{"field": "state"}, {"field": "allegations"}],
        },
    }


def time_to_refer_chart(fig: DashboardFigures) -> dict[str, Any]:
    """Histogram: days from it becoming clear to the referral (1 day is the limit)."""
    values = [{"days": d} for d in fig.days_to_refer]
    return {
        "$schema": SCHEMA,
        "width": "container",
        "height": 160,
        "data": {"values": values},
        "layer": [
            {
                "mark": {"type": "bar", "color": "#1565c0"},
                "encoding": {
                    "x": {
                        "field": "days",
                        "type": "quantitative",
                        "bin": {"step": 1},
                        "title": "Days to refer",
                    },
                    "y": {
                        "aggregate": "count",
                        "type": "quantitative",
                        "title": "Referrals",
                        "axis": {"format": "d", "tickMinStep": 1},
                    },
                },
            },
            {
                "data": {"values": [{"limit": 1.5}]},
                "mark": {"type": "rule", "color": "#c62828", "strokeDash": [4, 3]},
                "encoding": {"x": {"field": "limit", "type": "quantitative"}},
            },
        ],
    }


def outcomes_chart(fig: DashboardFigures) -> dict[str, Any]:
    """Stacked bars: allegations per category by outcome."""
    return {
        "$schema": SCHEMA,
        "width": "container",
        "height": {"step": 28},
        "data": {"values": fig.allegations_outcomes},
        "mark": {"type": "bar"},
        "encoding": {
            "y": {"field": "category", "type": "nominal", "title": None, "sort": "-x"},
            "x": {
                "field": "allegations",
                "type": "quantitative",
                "aggregate": "sum",
                "title": "Allegations",
                "axis": {"format": "d", "tickMinStep": 1},
            },
            "color": {
                "field": "outcome",
                "type": "nominal",
                "legend": {"orient": "bottom", "title": None, "columns": 4},
                "scale": {"scheme": "tableau20"},
            },
            "tooltip": [
                {"field": "category"},
                {"field": "outcome"},
                {"field": "allegations", "aggregate": "sum"},
            ],
        },
    }


def overdue_count(session: Session, *, viewer: Principal) -> int:
    """How many referrals are overdue in the viewer's scope (figures only)."""
    today = cases.uk_today()
    query = select(Allegation).where(
        Allegation.referred_to_iopc.is_(None), *cases.visible_allegations(viewer, aggregate=True)
    )
    return sum(
        1 for a in session.scalars(query) if cases.referral_state(a, today=today) == "overdue"
    )
