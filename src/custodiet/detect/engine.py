"""The detection engine: explain every access first, then score what is left.

Written once, as SQL over the lake's tables, and run by an analytics engine (DuckDB here,
Spark at scale; see custodiet.lake.engines). Each step is one statement that materialises a
working table, so a run never writes into the lake. Range joins always carry an equality key
(force + staff + subject). The SQL keeps to what both engines run: no ASOF joins, no rowid,
no UPDATE or INSERT, deterministic tie-breaks instead of mode().
"""

from __future__ import annotations

import math
import os
import sys
import time
from dataclasses import dataclass, field
from typing import Any, ClassVar

from custodiet.detect.narrative import (
    allegation_clause,
    caseload_clause,
    cover_clause,
    follow_clause,
    release_clause,
    trawl_clause,
    unit_label,
)
from custodiet.detect.rules import Rule, load_rules
from custodiet.lake.engines import LakeEngine
from custodiet.lake.store import sql_str

# A person-level pattern becomes an alert from this raw score (alert score 50) upwards: below
# it an analyst working down a queue of one alert per hundred staff would never reach it.
MIN_PAIR_RAW = 3.5
# How much each further person-level alert about the same staff member discounts them all.
SELF_CONTRAST = 0.3
# Records that name no person (an address, a vehicle, an intelligence report) are tied to
# the person the staff member opened last, if they were opened within these minutes of it:
# looking up someone and then where they live is one act, and the evidence should show both.
FOLLOW_MINUTES = 5
FOLLOW_ENTITY_TYPES = ("location", "vehicle", "intelligence")
# Of those, the records that say where the person lives or what she drives (S022).
ADDRESS_ENTITY_TYPES = ("location", "vehicle")


@dataclass
class EngineResult:
    """What a run found: candidate alerts and the run summary."""

    alerts: list[dict[str, Any]] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)


def roll_up(alerts: list[dict[str, Any]]) -> None:
    """Make one alert per staff member lead the queue.

    The staff member's highest alert leads; the others are ranked lower, because the analyst
    reaches them through the leading alert. (Adding the others' weight to the lead was tried
    and rewarded sheer volume of work: busy safeguarding staff rose above abusers.)
    """
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for alert in alerts:
        if alert["rule_family"] == "unknown_account":
            continue
        groups.setdefault((alert["force"], alert["staff_id"]), []).append(alert)
    for group in groups.values():
        group.sort(key=lambda a: -a["score"])
        lead, others = group[0], group[1:]
        if not others:
            continue
        lead["reasons"] = [
            *lead["reasons"],
            f"{len(others)} other alert{'s' if len(others) > 1 else ''} about this staff member",
        ]
        lead["also"] = len(others)
        for alert in others:
            alert["score"] = round(alert["score"] * 0.6, 1)


def defer_to_account(alerts: list[dict[str, Any]]) -> None:
    """Rank a login's person-level alerts under its unknown-account alert.

    A login that is not in the staff list (a training or shared account) has no roster, no
    unit and no home to judge its lookups against, and whoever used it is not known: the
    finding an analyst can act on is the login itself. Its other alerts stay, with their
    evidence, capped at the account alert's score.
    """
    accounts = {
        (a["force"], a["staff_id"]): a["score"]
        for a in alerts
        if a["rule_family"] == "unknown_account"
    }
    for alert in alerts:
        cap = accounts.get((alert["force"], alert["staff_id"]))
        if cap is None or alert["rule_family"] == "unknown_account" or alert["score"] <= cap:
            continue
        alert["score"] = round(cap - 0.1, 1)
        alert["reasons"] = [
            *alert["reasons"],
            "the login is not in the staff list: no roster, unit or home to judge it against",
        ]


def _listed(values: tuple[str, ...]) -> str:
    """SQL list of string literals: ('a', 'b') -> "'a', 'b'"."""
    return ", ".join(sql_str(v) for v in values)


def pair_score(raw: float) -> float:
    """A person-level alert's 0-100 score from its raw evidence (50 at MIN_PAIR_RAW ~ 3.5)."""
    return round(100 * (1 - math.exp(-raw / 5)), 1)


def event_support_sql(events: str, *, full: int) -> str:
    """SQL: how far a person-level pattern rests on enough events (1 from `full` on).

    The signals are read off the same few events: two lookups can be at once found by
    searching, alone in their session, of a dormant record and never linked, and their
    evidence adds up as if each were a separate observation. Below `full` events the
    evidence is weighed by sqrt(log2(1 + events) / log2(1 + full)).
    """
    if full <= 1:
        return "1.0"
    return (
        f"CASE WHEN {events} >= {full} THEN 1.0 "
        f"ELSE sqrt(log2(1 + greatest({events}, 0)) / log2({1 + full})) END"
    )


def self_contrast(alerts: list[dict[str, Any]]) -> None:
    """Discount person-level alerts about people linked to the work, by how many there are.

    Abuse fixes on a person: the pair stands out from the rest of the staff member's work.
    When someone keeps going back to many people their work once linked them to (an
    investigator who carries on after every recorded tasking ends), each instance says more
    about how they work than about any one person; a score falls by
    1 + SELF_CONTRAST x log2(n) for n such alerts. Alerts about people the staff member was
    never linked to are not discounted (many of those is trawling, not a way of working)
    unless their unit's remit covers every one of the lookups, or they are part of the
    staff member's caseload (S021): a caseload the tasking records never show (a
    domestic-abuse caseworker's clients) is a way of working too.
    """

    def linked(a: dict[str, Any]) -> bool:
        pair = a.get("pair", {})
        in_remit = bool(pair.get("events")) and pair.get("remit_events") == pair.get("events")
        # Coming back to people one met in the cells after their release is not the custody
        # unit's way of working, whatever its remit (S003 holds such lookups to it fully).
        after_release = bool(pair.get("met_in_custody")) and bool(pair.get("rel_days"))
        way_of_working = (in_remit and not after_release) or bool(pair.get("caseload"))  # S021
        return a["rule_family"] == "person_focus" and (
            not pair.get("never_linked") or way_of_working
        )

    def look(a: dict[str, Any]) -> tuple[str, ...]:
        # A person seen only by opening occurrences is one look per set of occurrences: the
        # suspect and the witness named in the case an officer keeps opening are not two
        # more people they keep going back to.
        pair = a.get("pair", {})
        cases = pair.get("via_cases") or []
        if cases and pair.get("via_events") == pair.get("events"):
            return ("occurrences", *cases)
        return ("person", str(a.get("subject_nominal_id")))

    looks: dict[tuple[str, str], set[tuple[str, ...]]] = {}
    people: dict[tuple[str, str], set[str]] = {}
    for a in alerts:
        if linked(a):
            who, lk = (a["force"], a["staff_id"]), look(a)
            looks.setdefault(who, set()).add(lk)
            if lk[0] == "person":
                people.setdefault(who, set()).add(lk[1])
    for a in alerts:
        if linked(a) and look(a)[0] == "occurrences":
            # ... nor are they when the case names someone with an alert of their own about
            # this staff member: it is that person's case.
            who = (a["force"], a["staff_id"])
            named = set(a["pair"].get("via_named") or []) - {a.get("subject_nominal_id")}
            if named & people.get(who, set()):
                looks[who].discard(look(a))
    for a in alerts:
        if linked(a):
            n = max(len(looks[(a["force"], a["staff_id"])]), 1)
            a["score"] = pair_score(a["raw"] / (1 + SELF_CONTRAST * math.log2(n)))


def contrast_z(alert: dict[str, Any], peak_z: float) -> float:
    """How far the staff member stands out from unit peers, as peer contrast reads it.

    Their strongest person-level pattern (`peak_z`) for every alert, except a breadth alert
    whose lookups centre on one group: such a trawl stands out by its breadth, not by any
    one person, so the staff member stands out where either does. A focused trawl (S027)
    is its own comparison with the role's other staff: the largest of the three counts. A
    broad but mixed run of lookups is judged by the peak like everything else.
    """
    breadth = alert.get("breadth") or {}
    if alert["rule_family"] == "breadth" and breadth.get("trawl_z") is not None:
        return max(peak_z, float(breadth["trawl_z"]), float(breadth.get("z") or 0.0))
    if alert["rule_family"] == "breadth" and breadth.get("focus"):
        return max(peak_z, float(breadth["z"]))
    return peak_z


def trawl_score(z: float, *, min_z: float) -> float:
    """A focused trawl's score: 90 at the bar, rising towards 100 as it stands further out."""
    return round(100 - 10 * math.exp(-(z - min_z) / 2), 1)


def trawl_target_label(rule: Rule) -> str:
    """The group a focused trawl looks for, in words ('women aged 16-35 recorded as …')."""
    sex = "women" if str(rule.param("target_sex")).upper().startswith("F") else "men"
    kinds = " or ".join(
        str(m).removesuffix("_victim").replace("_", " ") for m in rule.param("target_markers")
    )
    return (
        f"{sex} aged {rule.param('target_age_from')}-{rule.param('target_age_to')} "
        f"recorded as {kinds} victims"
    )


def robust_z_sql(x: str, *, med: str, mad: str, p95: str, least: float) -> str:
    """SQL for a robust z-score of `x` among peers: (x - median) / max(1.4826 MAD,
    (p95 - median) / 1.645, `least`). The 95th percentile keeps a group where most show
    nothing from turning any single finding into an outlier."""
    return f"({x} - {med}) / greatest(1.4826 * {mad}, ({p95} - {med}) / 1.645, {least})"


def peer_weight(z: float, *, z_full: float, floor: float) -> float:
    """The share of its score an alert keeps for a staff member at robust z among peers."""
    return min(1.0, floor + (1 - floor) * max(z, 0.0) / z_full)


def binomial_tail(k: int, n: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p)."""
    if k <= 0:
        return 1.0
    if p <= 0.0:
        return 0.0
    if p >= 1.0 or k > n:
        return 1.0 if k <= n else 0.0
    # In logs: a unit of thousands of lookups overflows floats as math.comb(n, i) * p**i.
    logs = [
        math.lgamma(n + 1)
        - math.lgamma(i + 1)
        - math.lgamma(n - i + 1)
        + i * math.log(p)
        + (n - i) * math.log1p(-p)
        for i in range(k, n + 1)
    ]
    top = max(logs)
    return min(1.0, math.exp(top) * sum(math.exp(x - top) for x in logs))


@dataclass(frozen=True)
class Focus:
    """The group of people (sex and age band) a staff member's lookups centre on."""

    cell: str
    count: int
    people: int
    peer_share: float
    surprise: float  # -log10 of the chance of so many from the peers' mix


def strongest_focus(
    counts: dict[str, int], people: int, peer_shares: dict[str, float], *, sample_cap: int = 20
) -> Focus | None:
    """The sex-and-age group most over-represented against the peers' mix, if any.

    The surprise is judged on at most `sample_cap` people, with the group's share kept:
    enough to tell a focus from chance, while a slight lean over a hundred people (54% men
    where peers' are 39%) would otherwise read as certain as a trawl of one group.
    """
    best: Focus | None = None
    judged = min(people, sample_cap)
    for cell, k in counts.items():
        if 2 * k < people:  # a group the lookups centre on holds at least half of them
            continue
        share = peer_shares.get(cell, 0.0)
        # A group peers never look up: treat as one lookup in their pool, not impossible.
        tail = binomial_tail(round(k * judged / people), judged, max(share, 0.01))
        surprise = -math.log10(max(tail, 1e-300))
        if best is None or surprise > best.surprise:
            best = Focus(cell, k, people, share, surprise)
    return best


# People of the force's mix a unit's own mix of stray lookups is shrunk towards.
FOCUS_PRIOR = 20

# Peer rarity judges a unit of fewer staff as one of this many, the rest borrowed from the
# force outside it; the outside rate is counted over as many more staff who never show it.
PEER_GROUP_FLOOR = 20

FOCUS_LABELS = {
    "F:child": "girls",
    "F:adult": "women",
    "F:older": "women over 60",
    "M:child": "boys",
    "M:adult": "men",
    "M:older": "men over 60",
}


def sex_code_sql(column: str) -> str:
    """SQL for a recorded sex by its first letter ('F' for F or Female): forces code it
    differently, and any other code (U, N/K, X) is read as not known."""
    return f"upper(substr(coalesce({column}, ''), 1, 1))"


# An access made off duty by the roster, or at a quiet time (over `when_made w`).
_OFF_HOURS = "(w.rostered AND NOT w.on_duty) OR w.quiet"


def _duration(seconds: float) -> str:
    """A span in words a reader takes in at once: minutes, hours or days."""
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.0f} h"
    return f"{seconds / 86400:.0f} days"


def _hours(value: Any) -> str:
    return f"INTERVAL {int(value)} HOUR"


def _detention_end(alias: str = "") -> str:
    """When a detention ended: its release, or two days after booking in if none is recorded."""
    return f"coalesce({alias}released, {alias}booked_in + INTERVAL 2 DAY)"


class DetectionEngine:
    """Runs the explanation and signal rules on an analytics engine over the lake."""

    def __init__(
        self,
        db: LakeEngine,
        rules: dict[str, Rule] | None = None,
        suppressions: list[tuple[str, str, str | None, str | None]] | None = None,
    ) -> None:
        self.db = db
        self.rules = rules if rules is not None else load_rules()
        self.suppressions = suppressions or []
        self.present: dict[str, int] = {}
        self.unavailable: dict[str, str] = {}
        # Seconds spent in each step, for profiling (CUSTODIET_PROFILE=1 prints them).
        self.step_seconds: dict[str, float] = {}
        self.limits: dict[str, str] = {}
        self._beside_cases: dict[str, float] | None = None
        self._through: list[str] | None = None  # forces read through occurrences
        self._off_cases: bool | None = None  # occurrences read off duty, read through

    def on(self, name: str) -> bool:
        """Whether rule `name` is enabled and its inputs were supplied."""
        rule = self.rules.get(name)
        return bool(rule and rule.enabled and name not in self.unavailable)

    def p(self, name: str, key: str) -> Any:
        """A rule parameter."""
        return self.rules[name].param(key)

    def create(self, table: str, select: str) -> None:
        """One step: materialise a working table."""
        started = time.perf_counter()
        self.db.create(table, select)
        self.step_seconds[table] = time.perf_counter() - started
        if os.environ.get("CUSTODIET_PROFILE"):
            print(f"step {table}: {self.step_seconds[table]:.2f}s", file=sys.stderr)

    def release(self, *tables: str) -> None:
        """Drop working tables no later step reads, so a large force's run stays bounded."""
        for table in tables:
            self.db.drop(table)

    def records(self, sql: str) -> list[dict[str, Any]]:
        """Rows of a query as dictionaries."""
        names, rows = self.db.rows(sql)
        return [dict(zip(names, row, strict=True)) for row in rows]

    # ------------------------------------------------------------------------------------
    def run(self) -> EngineResult:
        """Explain, learn remits, score, and return candidate alerts with the summary."""
        self._inputs()
        self._accesses()
        # When each access was made is known before any explanation: the occurrences read
        # off duty (through_occurrence) choose which people's links are wanted.
        self._activity()
        self._links()
        self.release(
            "tasking",
            "tasking_span",
            "tasking_subjects",
            "record_writes",
            "case_alone",
            "case_with_people",
            "acc_pairs",
        )
        self._explain()
        self._remit()
        self.release("not_strong", "unit_members", "subj_cat", "co_access")
        self._classify()
        self.release("expl_agg", "link_expl", "slack_only", "off_hours", "self_made")
        self._signals()
        alerts = (
            self._pair_alerts()
            + self._breadth_alerts()
            + self._record_alerts()
            + self._unknown_account_alerts()
        )
        alerts = [a for a in alerts if not self._suppressed(a)]
        self._caseloads(alerts)
        self_contrast(alerts)
        self._peer_contrast(alerts)
        self._prior_allegations(alerts)
        defer_to_account(alerts)
        roll_up(alerts)
        alerts.sort(key=lambda a: -a["score"])
        return EngineResult(alerts=alerts, summary=self._summary(len(alerts)))

    def _inputs(self) -> None:
        for name in (
            "staff",
            "postings",
            "shifts",
            "nominals",
            "occurrences",
            "occurrence_nominals",
            "occurrence_staff",
            "custody",
            "access_events",
            "allegations",
        ):
            self.present[name] = self.db.count(name)
        missing = {k for k, v in self.present.items() if v == 0}
        for rule in self.rules.values():
            tables = {n.split(".")[0] for n in rule.needs}
            lacking = sorted(tables & missing)
            if lacking:
                self.unavailable[rule.name] = f"no {', '.join(lacking)} supplied"
                continue
            # A column the rule reads that the force left empty in every row.
            empty = [
                need
                for need in rule.needs
                if "." in need and self._column_empty(*need.split(".", 1))
            ]
            if empty:
                self.unavailable[rule.name] = f"no {', '.join(empty)} supplied (empty in every row)"
            # Partial context: the rule runs, but a refinement of it cannot.
            unrefined = [
                need for need in rule.refined_by if self._column_empty(*need.split(".", 1))
            ]
            if unrefined:
                self.limits[rule.name] = (
                    f"no {', '.join(unrefined)} supplied: {rule.refined_by_effect}"
                )
        if {"occurrence_staff", "occurrence_nominals"} & missing:
            self.unavailable.setdefault(
                "tasked_on_occurrence", "no occurrence_staff/occurrence_nominals supplied"
            )
            self.unavailable.setdefault("team_tasking", "no taskings supplied")
            self.unavailable.setdefault("supervises_tasked", "no taskings supplied")
        if "occurrences" in missing:
            self.unavailable.setdefault("created_occurrence", "no occurrences supplied")
        if "custody" in missing:
            self.unavailable.setdefault("custody_dealt", "no custody supplied")
        if "postings" in missing:
            for name in ("team_tasking", "supervises_tasked", "unit_remit", "breadth"):
                self.unavailable.setdefault(name, "no postings supplied (no units or teams)")
        if "shifts" in missing:
            stand_in = ""
            quiet = self.rules.get("quiet_time")
            if quiet and quiet.enabled:
                stand_in = f"; quiet times read from the audit trail ({quiet.id}) stand in"
            self.unavailable["off_duty"] = (
                f"no shifts supplied (no roster to compare with){stand_in}"
            )

    def _column_empty(self, table: str, column: str) -> bool:
        """Whether a present lake table's column holds no value in any row."""
        if not self.present.get(table):
            return False
        return not int(self.db.rows(f"SELECT count({column}) FROM {table}")[1][0][0] or 0)

    def _accesses(self) -> None:
        self.create(
            "force_period",
            """
            SELECT force, min(ts) AS first_ts, max(ts) AS last_ts FROM access_events GROUP BY force""",
        )
        self.create(
            "acc",
            """
            SELECT e.aid, e.force, e.system_id, e.event_id, e.staff_id, e.ts,
              e.action, e.entity_type, e.query,
              CASE WHEN e.entity_type = 'occurrence' THEN 'O' ELSE 'N' END AS subject_kind,
              CASE WHEN e.entity_type = 'custody' THEN c.nominal_id ELSE e.entity_id END AS subject_id
            FROM events e
            LEFT JOIN custody c ON e.entity_type = 'custody' AND c.force = e.force
              AND c.custody_id = e.entity_id
            WHERE e.entity_type IN ('nominal', 'custody', 'occurrence')
              AND e.entity_id IS NOT NULL""",
        )
        self.create(
            "post",
            """SELECT p.force, p.staff_id, p.unit, p.role, p.team, p.district,
              p.start AS p0,
              -- A post move runs to the next posting's start where the two are recorded
              -- within a day of each other: whether an end date is the last day in post or
              -- the first day out, no access falls in no unit or in two.
              CASE WHEN p."end" IS NULL THEN TIMESTAMP '9999-12-31'
                WHEN lead(p.start) OVER next_post
                  BETWEEN p."end" - INTERVAL 1 DAY AND p."end" + INTERVAL 1 DAY
                THEN lead(p.start) OVER next_post ELSE p."end" END AS p1,
              regexp_matches(lower(coalesce(p.role, '') || ' ' || coalesce(s.rank, '')),
                             """
            + sql_str(
                str(
                    self.rules["supervises_tasked"].parameters.get(
                        "supervisor_pattern", "(sergeant|inspector|supervisor)"
                    )
                )
            )
            + """)
                AS is_supervisor
            FROM postings p LEFT JOIN staff s USING (force, staff_id)
            WINDOW next_post AS (PARTITION BY p.force, p.staff_id ORDER BY p.start)""",
        )
        # The peer group each access was made from (the posting current at the time): the
        # unit, or the role where the force's units make poor peer groups (below).
        by_role = self._peer_by_role()
        peer = (
            "CASE WHEN p.force IN ("
            + (", ".join(sql_str(f) for f in by_role) or "''")
            + ") THEN coalesce(p.role, p.unit) ELSE p.unit END"
        )
        self.create(
            "acc_unit",
            f"""
            SELECT a.aid, min({peer}) AS unit FROM acc a JOIN post p
              ON p.force = a.force AND p.staff_id = a.staff_id AND a.ts BETWEEN p.p0 AND p.p1
            GROUP BY a.aid""",
        )
        self._person_markers()

    def _person_markers(self) -> None:
        """Each person's markers (`person_markers`): as supplied, or read from other records.

        A force that supplies no markers at all still says who was detained (an arrested
        suspect) and who was the victim in which kind of occurrence (a domestic-abuse or
        sexual-offence victim, a missing person); the vulnerability rule's
        `markers_from_categories` maps occurrence categories to markers by pattern.
        """
        marked = {
            r["force"]: bool(r["marked"])
            for r in self.records("""
            SELECT force, count(*) FILTER (WHERE array_length(markers) > 0) > 0 AS marked
            FROM nominals GROUP BY force ORDER BY force""")
        }
        supplied = [f for f, has in marked.items() if has]
        derived = [f for f, has in marked.items() if not has]
        listed = ", ".join(sql_str(f) for f in supplied) or "''"
        vul = self.rules["vulnerability"].parameters
        patterns = vul.get("markers_from_categories", {})
        roles = ", ".join(sql_str(str(x)) for x in vul.get("markers_from_roles", ["victim"]))
        by_category = " ".join(
            f"WHEN regexp_matches(lower(coalesce(o.category, '')), {sql_str(str(k))})"
            f" THEN {sql_str(str(v))}"
            for k, v in patterns.items()
        )
        self.create(
            "person_markers",
            f"""
            SELECT force, nominal_id, markers FROM nominals WHERE force IN ({listed})
            UNION ALL
            SELECT n.force, n.nominal_id,
              list_distinct(list(d.marker) FILTER (WHERE d.marker IS NOT NULL)) AS markers
            FROM nominals n LEFT JOIN (
              SELECT force, nominal_id, 'arrested_suspect' AS marker FROM custody
              UNION ALL
              SELECT o.force, x.nominal_id,
                CASE {by_category or "WHEN false THEN NULL"} ELSE NULL END AS marker
              FROM occurrence_nominals x JOIN occurrences o USING (force, occurrence_id)
              WHERE x.role IN ({roles or "''"})) AS d
              ON d.force = n.force AND d.nominal_id = n.nominal_id
            WHERE n.force NOT IN ({listed})
            GROUP BY n.force, n.nominal_id""",
        )
        if derived:
            self.limits["vulnerability"] = (
                f"no markers supplied ({', '.join(derived)}): read from the person's other"
                " records (detained: arrested suspect; victim in a matching kind of"
                " occurrence: " + ", ".join(f"{v}" for v in dict.fromkeys(patterns.values())) + ")"
            )

    def _peer_by_role(self) -> list[str]:
        """Forces whose peer groups are roles, because their units make poor peer groups.

        Remits, rarity and peer contrast compare a staff member with their unit. A force
        whose postings name one unit for nearly everyone, or a unit per small team, has no
        useful unit peers; where its roles group staff better, the role stands in.
        """
        rule = self.rules["unit_remit"]
        size = int(rule.param("peer_min_group"))
        most = float(rule.param("peer_max_share"))
        least = float(rule.param("peer_min_covered"))
        stats = self.records(f"""
            WITH latest AS (
              SELECT force, staff_id, arg_max(unit, start) AS unit, arg_max(role, start) AS role
              FROM postings GROUP BY force, staff_id),
            groups AS (
              SELECT force, 'unit' AS peer_key, unit AS grp, count(*) AS n
              FROM latest GROUP BY force, unit
              UNION ALL
              SELECT force, 'role', role, count(*) FROM latest GROUP BY force, role),
            staff AS (SELECT force, count(*) AS staff FROM latest GROUP BY force)
            SELECT g.force, g.peer_key,
              max(g.n)::DOUBLE / any_value(s.staff) AS top_share,
              coalesce(sum(g.n) FILTER (WHERE g.grp IS NOT NULL AND g.n >= {size}), 0)::DOUBLE
                / any_value(s.staff) AS covered
            FROM groups g JOIN staff s USING (force)
            GROUP BY g.force, g.peer_key ORDER BY g.force, g.peer_key""")
        fit: dict[str, dict[str, tuple[float, float]]] = {}
        for r in stats:
            fit.setdefault(r["force"], {})[r["peer_key"]] = (r["top_share"], r["covered"])
        chosen: list[str] = []
        notes: list[str] = []
        for force, keys in fit.items():
            top, covered = keys.get("unit", (1.0, 0.0))
            role_top, role_covered = keys.get("role", (1.0, 0.0))
            if top <= most and covered >= least:
                continue
            # the role stands in if it is no giant group itself and covers more staff with
            # groups of a useful size (a single unit "covers" everyone, uselessly)
            if role_top <= most and (top > most or role_covered > covered):
                chosen.append(force)
                notes.append(
                    f"{force}'s units make poor peer groups (the largest holds {top:.0%} of"
                    f" staff; {covered:.0%} are in units of {size} or more)"
                )
        if notes:
            self.limits["unit_remit"] = (
                "; ".join(notes) + ", so remits and peers are learned by role"
            )
        return chosen

    def _links(self) -> None:
        """Every documented involvement of a staff member with a person or occurrence."""
        parts: list[str] = []
        self._tasking_spans()
        self.create(
            "tasking",
            """
            SELECT os.force, os.staff_id, os.occurrence_id, os.role, os.start AS t0,
              greatest(os.start, CASE
                -- a force that records no tasking ends: the end the role usually has
                WHEN os."end" IS NULL AND ts.span_s IS NOT NULL
                  THEN least(os.start + INTERVAL 1 SECOND * CAST(ts.span_s AS BIGINT),
                             coalesce(fp.last_ts, os.start))
                -- an open tasking is still running: it ends with the data, not when the
                -- occurrence closes (court preparation goes on after closure)
                ELSE coalesce(os."end", fp.last_ts, o.closed, os.start) END) AS t1
            FROM occurrence_staff os
            LEFT JOIN occurrences o USING (force, occurrence_id)
            LEFT JOIN force_period fp USING (force)
            LEFT JOIN tasking_span ts
              ON ts.force = os.force AND ts.role IS NOT DISTINCT FROM os.role""",
        )
        self.create(
            "tasking_subjects",
            """
            SELECT t.force, t.staff_id, 'N' AS subject_kind, n.nominal_id AS subject_id,
              t.occurrence_id, t.t0, t.t1
            FROM tasking t JOIN occurrence_nominals n USING (force, occurrence_id)
            UNION ALL
            SELECT force, staff_id, 'O', occurrence_id, occurrence_id, t0, t1 FROM tasking""",
        )
        if self.on("tasked_on_occurrence"):
            b, a = (
                _hours(self.p("tasked_on_occurrence", k))
                for k in ("slack_before_hours", "slack_after_hours")
            )
            parts.append(f"""SELECT force, staff_id, subject_kind, subject_id, occurrence_id,
                'tasked_on_occurrence' AS rule, t0 - {b} AS lo, t1 + {a} AS hi, t1 AS ended,
                t0 AS started
                FROM tasking_subjects""")
        if self.on("created_occurrence"):
            b = _hours(self.p("created_occurrence", "slack_before_hours"))
            w = _hours(self.p("created_occurrence", "window_after_hours"))
            parts.append(f"""SELECT o.force, o.created_by, 'N', n.nominal_id, o.occurrence_id,
                'created_occurrence', o.opened - {b}, o.opened + {w}, o.opened + {w}, o.opened
                FROM occurrences o JOIN occurrence_nominals n USING (force, occurrence_id)
                WHERE o.created_by IS NOT NULL
                UNION ALL
                SELECT force, created_by, 'O', occurrence_id, occurrence_id, 'created_occurrence',
                  opened - {b}, opened + {w}, opened + {w}, opened
                FROM occurrences WHERE created_by IS NOT NULL""")
        if self.on("custody_dealt"):
            b, a = (
                _hours(self.p("custody_dealt", k))
                for k in ("slack_before_hours", "slack_after_hours")
            )
            parts.append(f"""SELECT force, staff_id, 'N', nominal_id, NULL, 'custody_dealt',
                booked_in - {b}, {_detention_end()} + {a}, {_detention_end()}, booked_in
                FROM custody""")
        if self.on("worked_the_record"):
            b, a = (
                _hours(self.p("worked_the_record", k))
                for k in ("slack_before_hours", "slack_after_hours")
            )
            actions = ", ".join(sql_str(str(x)) for x in self.p("worked_the_record", "actions"))
            self.create(
                "record_writes",
                f"""
                SELECT force, staff_id, entity_type, entity_id, min(ts) AS w0, max(ts) AS w1
                FROM access_events
                WHERE action IN ({actions}) AND entity_type IN ('occurrence', 'nominal')
                  AND entity_id IS NOT NULL
                GROUP BY force, staff_id, entity_type, entity_id""",
            )
            parts.append(f"""SELECT w.force, w.staff_id, 'N', n.nominal_id, w.entity_id,
                'worked_the_record', w.w0 - {b}, w.w1 + {a}, w.w1, w.w0
                FROM record_writes w JOIN occurrence_nominals n
                  ON n.force = w.force AND n.occurrence_id = w.entity_id
                WHERE w.entity_type = 'occurrence'
                UNION ALL
                SELECT force, staff_id, 'O', entity_id, entity_id, 'worked_the_record',
                  w0 - {b}, w1 + {a}, w1, w0
                FROM record_writes WHERE entity_type = 'occurrence'
                UNION ALL
                SELECT force, staff_id, 'N', entity_id, NULL, 'worked_the_record',
                  w0 - {b}, w1 + {a}, w1, w0
                FROM record_writes WHERE entity_type = 'nominal'""")
        if self.on("worked_the_case"):
            b, a = (
                _hours(self.p("worked_the_case", k))
                for k in ("slack_before_hours", "slack_after_hours")
            )
            min_days = int(self.p("worked_the_case", "min_case_days"))
            least = float(self.p("worked_the_case", "min_person_share"))
            cased, uncased = self._split_by_case_audit(least)
            # "Opened the case and none of its people" means something only where opening a
            # person shows in the audit; elsewhere every day on a case would qualify.
            if uncased and cased:
                note = self._case_audit_note(uncased, least)
                self.limits["worked_the_case"] = f"not used for {note}"
            elif uncased:
                self.unavailable["worked_the_case"] = self._case_audit_note(uncased, least)
            # Days on which the staff member opened an occurrence and none of the people it
            # names: coming back to the case itself, not to a person in it. Each such day
            # explains the days around it, not the weeks between two of them.
            self.create(
                "case_alone",
                f"""
                SELECT force, staff_id, occurrence_id, CAST(d AS TIMESTAMP) AS d0 FROM (
                  SELECT o.force, o.staff_id, o.occurrence_id, o.d,
                    count(*) OVER (PARTITION BY o.force, o.staff_id, o.occurrence_id) AS k
                  FROM (SELECT DISTINCT a.force, a.staff_id, a.subject_id AS occurrence_id,
                          CAST(a.ts AS DATE) AS d
                        FROM acc a WHERE a.subject_kind = 'O'
                          AND a.force IN ({", ".join(sql_str(f) for f in cased) or "''"})
                          -- it stands in for a tasking never recorded: where the staff
                          -- member's tasking on the case is on record, the record says when
                          -- their involvement ended, and after-involvement judges the rest
                          AND NOT EXISTS (
                            SELECT 1 FROM tasking t WHERE t.force = a.force
                              AND t.staff_id = a.staff_id
                              AND t.occurrence_id = a.subject_id)) AS o
                  WHERE NOT EXISTS (
                    SELECT 1 FROM occurrence_nominals n JOIN acc p
                      ON p.force = n.force AND p.subject_kind = 'N' AND p.subject_id = n.nominal_id
                    WHERE n.force = o.force AND n.occurrence_id = o.occurrence_id
                      AND p.staff_id = o.staff_id AND CAST(p.ts AS DATE) = o.d)) AS days
                WHERE k >= {min_days}""",
            )
            parts.append(f"""SELECT c.force, c.staff_id, 'N', n.nominal_id, c.occurrence_id,
                'worked_the_case', c.d0 - {b}, c.d0 + INTERVAL 1 DAY + {a},
                c.d0 + INTERVAL 1 DAY, c.d0
                FROM case_alone c JOIN occurrence_nominals n USING (force, occurrence_id)
                UNION ALL
                SELECT force, staff_id, 'O', occurrence_id, occurrence_id, 'worked_the_case',
                  d0 - {b}, d0 + INTERVAL 1 DAY + {a}, d0 + INTERVAL 1 DAY, d0
                FROM case_alone""")
        if self.on("case_with_people"):
            least = int(self.p("case_with_people", "min_people"))
            # Days on which the staff member opened an occurrence and two or more of the
            # people it names: the whole case (the victim and the suspect), which is how a
            # case is worked; someone looking for their own reasons looks at one person.
            self.create(
                "case_with_people",
                f"""
                WITH occurrence_days AS (
                  SELECT DISTINCT force, staff_id, subject_id AS occurrence_id,
                    CAST(ts AS DATE) AS d
                  FROM acc WHERE subject_kind = 'O'),
                person_days AS (
                  SELECT DISTINCT force, staff_id, subject_id AS nominal_id, CAST(ts AS DATE) AS d
                  FROM acc WHERE subject_kind = 'N')
                SELECT c.force, c.staff_id, c.occurrence_id, CAST(c.d AS TIMESTAMP) AS d0
                FROM occurrence_days c
                JOIN occurrence_nominals n
                  ON n.force = c.force AND n.occurrence_id = c.occurrence_id
                JOIN person_days p ON p.force = c.force AND p.staff_id = c.staff_id
                  AND p.d = c.d AND p.nominal_id = n.nominal_id
                GROUP BY c.force, c.staff_id, c.occurrence_id, c.d
                HAVING count(DISTINCT p.nominal_id) >= {least}""",
            )
            parts.append("""SELECT c.force, c.staff_id, 'N', n.nominal_id, c.occurrence_id,
                'case_with_people', c.d0, c.d0 + INTERVAL 1 DAY, c.d0 + INTERVAL 1 DAY, c.d0
                FROM case_with_people c JOIN occurrence_nominals n USING (force, occurrence_id)
                UNION ALL
                SELECT force, staff_id, 'O', occurrence_id, occurrence_id, 'case_with_people',
                  d0, d0 + INTERVAL 1 DAY, d0 + INTERVAL 1 DAY, d0
                FROM case_with_people""")
        if self.on("team_tasking"):
            b, a = (
                _hours(self.p("team_tasking", k))
                for k in ("slack_before_hours", "slack_after_hours")
            )
            parts.append(f"""SELECT t.force, p2.staff_id, t.subject_kind, t.subject_id, t.occurrence_id,
                'team_tasking', t.t0 - {b}, t.t1 + {a}, t.t1, t.t0
                FROM tasking_subjects t
                JOIN post p1 ON p1.force = t.force AND p1.staff_id = t.staff_id
                  AND p1.team IS NOT NULL AND p1.p0 <= t.t1 AND p1.p1 >= t.t0
                JOIN post p2 ON p2.force = p1.force AND p2.unit = p1.unit AND p2.team = p1.team
                  AND p2.staff_id <> p1.staff_id AND p2.p0 <= t.t1 AND p2.p1 >= t.t0""")
        if self.on("supervises_tasked"):
            b, a = (
                _hours(self.p("supervises_tasked", k))
                for k in ("slack_before_hours", "slack_after_hours")
            )
            parts.append(f"""SELECT t.force, p2.staff_id, t.subject_kind, t.subject_id, t.occurrence_id,
                'supervises_tasked', t.t0 - {b}, t.t1 + {a}, t.t1, t.t0
                FROM tasking_subjects t
                JOIN post p1 ON p1.force = t.force AND p1.staff_id = t.staff_id
                  AND p1.p0 <= t.t1 AND p1.p1 >= t.t0
                JOIN post p2 ON p2.force = p1.force AND p2.unit = p1.unit AND p2.is_supervisor
                  AND coalesce(p2.district, '') = coalesce(p1.district, '')
                  AND p2.staff_id <> p1.staff_id AND p2.p0 <= t.t1 AND p2.p1 >= t.t0""")
        if not parts:
            parts.append("""SELECT NULL::VARCHAR AS force, NULL::VARCHAR, NULL::VARCHAR, NULL::VARCHAR,
                NULL::VARCHAR, NULL::VARCHAR, NULL::TIMESTAMP, NULL::TIMESTAMP, NULL::TIMESTAMP,
                NULL::TIMESTAMP WHERE false""")
        # Only involvements with a person or occurrence the staff member actually opened
        # matter: a team's or a supervisor's links to every subject of every colleague's
        # tasking would otherwise outgrow the audit trail itself (about 80% of them are
        # never used).
        # An occurrence opened is a look at the people it names (through_occurrence): their
        # involvements with those people are wanted too.
        through = ""
        read_off_duty = self._off_duty_cases()  # creates `off_duty_cases`, maybe empty
        if self._through_forces() or read_off_duty:
            through = f"""
            UNION
            SELECT DISTINCT a.force, a.staff_id, 'N', n.nominal_id
            FROM acc a JOIN occurrence_nominals n
              ON n.force = a.force AND n.occurrence_id = a.subject_id
            WHERE a.subject_kind = 'O' AND a.force IN ({self._through_forces_sql()})
            UNION
            SELECT DISTINCT c.force, c.staff_id, 'N', n.nominal_id
            FROM off_duty_cases c JOIN occurrence_nominals n USING (force, occurrence_id)"""
        self.create(
            "acc_pairs",
            "SELECT DISTINCT force, staff_id, subject_kind, subject_id FROM acc" + through,
        )
        self.create(
            "links",
            "SELECT l.* FROM ("
            + "\nUNION ALL\n".join(parts)
            + ") AS l(force, staff_id, subject_kind, subject_id, occurrence_id, rule, lo, hi, ended, started)"
            + " JOIN acc_pairs p ON p.force = l.force AND p.staff_id = l.staff_id"
            + " AND p.subject_kind = l.subject_kind AND p.subject_id = l.subject_id",
        )

    def _tasking_spans(self) -> None:
        """Estimate tasking ends for forces whose tasking records rarely carry one.

        An empty end means a tasking still running; but a force whose tasking system never
        records when anyone came off a case would have every attending officer tasked until
        the data ends, and nothing after an involvement could ever be seen. There each
        role's tasking lasts as long as those in that role are usually still opening the
        case or its people after being put on it (`tasking_span`: a quantile, per force and
        role, of the time from the tasking's start to their accesses), learned from the
        force's own audit trail as the unit remits are.
        """
        self.create(
            "tasking_span",
            """SELECT NULL::VARCHAR AS force, NULL::VARCHAR AS role, NULL::DOUBLE AS span_s
            WHERE false""",
        )
        if not self.on("tasked_on_occurrence"):
            return
        least = float(self.p("tasked_on_occurrence", "min_end_share"))
        shares = {
            r["force"]: float(r["share"])
            for r in self.records(
                """SELECT force, count("end")::DOUBLE / count(*) AS share
                FROM occurrence_staff GROUP BY force ORDER BY force"""
            )
        }
        unended = [f for f, share in shares.items() if share < least]
        if not unended:
            return
        quantile = float(self.p("tasked_on_occurrence", "estimated_span_quantile"))
        min_taskings = int(self.p("tasked_on_occurrence", "estimated_span_min_taskings"))
        forces = ", ".join(sql_str(f) for f in unended)
        self.create(
            "tasking_span",
            f"""
            -- Only taskings in one role: an officer who attended and is also the officer in
            -- the case opens it for weeks as the latter, not the former.
            WITH single AS (
              SELECT force, staff_id, occurrence_id, min(role) AS role, min(start) AS start
              FROM occurrence_staff WHERE force IN ({forces})
              GROUP BY force, staff_id, occurrence_id HAVING count(DISTINCT role) = 1),
            subjects AS (
              SELECT force, staff_id, occurrence_id, role, start, 'O' AS subject_kind,
                occurrence_id AS subject_id
              FROM single
              UNION ALL
              SELECT s.force, s.staff_id, s.occurrence_id, s.role, s.start, 'N', n.nominal_id
              FROM single s JOIN occurrence_nominals n USING (force, occurrence_id))
            SELECT s.force, s.role,
              quantile_cont(epoch(a.ts) - epoch(s.start), {quantile}) AS span_s
            FROM subjects s JOIN acc a ON a.force = s.force AND a.staff_id = s.staff_id
              AND a.subject_kind = s.subject_kind AND a.subject_id = s.subject_id
              AND a.ts >= s.start
            GROUP BY s.force, s.role
            HAVING count(DISTINCT s.staff_id || '|' || s.occurrence_id) >= {min_taskings}""",
        )
        spans = self.records("SELECT * FROM tasking_span ORDER BY force, role")
        listed = "; ".join(
            f"{f} ({shares[f]:.0%} of tasking rows have an end): "
            + ", ".join(
                f"{r['role'] or 'no role'} {_duration(float(r['span_s']))}"
                for r in spans
                if r["force"] == f and r["span_s"] is not None
            )
            for f in unended
        )
        self.limits["tasked_on_occurrence"] = (
            "tasking ends not recorded, so each role's usual span (how long after being put on"
            f" a case those in it still open it) stands in: {listed}"
        )

    def _people_beside_cases(self) -> dict[str, float]:
        """Per force, how often the audit trail shows a person opened beside their case.

        The share of occurrences opened (per staff member and system) for which the same
        staff member, in the same system, also opened a person the occurrence names. A
        records system that logs the case and not the person scores about nothing; the
        project's simulator about a quarter.
        """
        if self._beside_cases is None:
            self._beside_cases = {
                r["force"]: float(r["share"])
                for r in self.records("""
                WITH opened AS (
                  SELECT DISTINCT force, staff_id, system_id, subject_id AS occurrence_id
                  FROM acc WHERE subject_kind = 'O'),
                with_person AS (
                  SELECT DISTINCT o.force, o.staff_id, o.system_id, o.occurrence_id
                  FROM opened o JOIN occurrence_nominals n USING (force, occurrence_id)
                  JOIN acc p ON p.force = o.force AND p.staff_id = o.staff_id
                    AND p.system_id = o.system_id AND p.subject_kind = 'N'
                    AND p.subject_id = n.nominal_id)
                SELECT o.force, count(w.occurrence_id)::DOUBLE / count(*) AS share
                FROM opened o LEFT JOIN with_person w
                  USING (force, staff_id, system_id, occurrence_id)
                GROUP BY o.force ORDER BY o.force""")
            }
        return self._beside_cases

    def _split_by_case_audit(self, least: float) -> tuple[list[str], list[str]]:
        """(forces logging people beside their cases, forces logging only the case)."""
        shares = self._people_beside_cases()
        return (
            [f for f, share in shares.items() if share >= least],
            [f for f, share in shares.items() if share < least],
        )

    def _case_audit_note(self, forces: list[str], least: float) -> str:
        shares = self._people_beside_cases()
        listed = ", ".join(f"{f} ({shares[f]:.1%})" for f in forces)
        return (
            "the audit trail rarely shows a person opened beside the occurrence naming them"
            f" (under {least:.0%} of occurrences opened): {listed}"
        )

    def _explain(self) -> None:
        # A record the staff member made for themselves alone: an occurrence they created
        # and were tasked on, with nobody else ever tasked on it. From the day after it was
        # made its links are their own say-so (`self_made`), which `_classify` does not
        # accept off duty; on the day itself they are the handling of the call or the job
        # (a call handler's roster is often missing, and the record's own making is work).
        self.create(
            "self_made",
            """
            SELECT o.force, o.occurrence_id, o.created_by AS staff_id, o.opened
            FROM occurrences o JOIN occurrence_staff s ON s.force = o.force
              AND s.occurrence_id = o.occurrence_id
            WHERE o.created_by IS NOT NULL
            GROUP BY o.force, o.occurrence_id, o.created_by, o.opened
            HAVING bool_and(s.staff_id = o.created_by)""",
        )
        self.create(
            "link_expl",
            """
            SELECT a.aid, l.rule, bool_and(a.ts > l.ended) AS after_end,
              bool_and(m.occurrence_id IS NOT NULL AND a.ts > m.opened + INTERVAL 1 DAY)
                AS self_made
            FROM acc a JOIN links l
              ON l.force = a.force AND l.staff_id = a.staff_id AND l.subject_kind = a.subject_kind
              AND l.subject_id = a.subject_id AND a.ts BETWEEN l.lo AND l.hi
            LEFT JOIN self_made m ON m.force = l.force AND m.occurrence_id = l.occurrence_id
              AND m.staff_id = l.staff_id
            GROUP BY a.aid, l.rule""",
        )

    def _remit(self) -> None:
        """Learn which units look at which kinds of record without taskings."""
        # Categories of a subject: nominal markers ('none' if unmarked), occurrence category.
        self.create(
            "subj_cat",
            """
            SELECT force, 'N' AS subject_kind, nominal_id AS subject_id, m AS cat FROM (
              SELECT force, nominal_id,
                unnest(CASE WHEN markers IS NULL OR array_length(markers) = 0 THEN ['none'] ELSE markers END) AS m
              FROM person_markers) AS marked
            UNION ALL
            SELECT force, 'O', occurrence_id, 'occurrence:' || coalesce(category, 'none') FROM occurrences""",
        )
        strong = ", ".join(sql_str(r) for r in self._strong_rules())
        self.create(
            "not_strong",
            f"""
            SELECT a.*, u.unit FROM acc a LEFT JOIN acc_unit u USING (aid)
            WHERE NOT EXISTS (SELECT 1 FROM link_expl x WHERE x.aid = a.aid AND x.rule IN ({strong or "''"}))""",
        )
        self._team_co_access()
        self._shared_interest()
        if not self.on("unit_remit"):
            self.create(
                "remit",
                """
                SELECT NULL::VARCHAR AS force, NULL::VARCHAR AS unit, NULL::VARCHAR AS cat,
                  0 AS members_with, 0 AS members WHERE false""",
            )
            self.create(
                "acc_expl",
                """SELECT aid, rule FROM link_expl
                UNION ALL SELECT aid, 'team_co_access' FROM co_access""",
            )
            return
        min_members = int(self.p("unit_remit", "min_members"))
        share = float(self.p("unit_remit", "min_member_share"))
        # A remit is regular work: so many records per member per month, not per period, or
        # a longer extract would teach every unit every remit.
        per_month = float(self.p("unit_remit", "min_records_per_member_per_30_days"))
        self.create(
            "unit_members",
            """
            SELECT a.force, u.unit, count(DISTINCT a.staff_id) AS members
            FROM acc a JOIN acc_unit u USING (aid) GROUP BY ALL""",
        )
        self.create(
            "remit",
            f"""
            SELECT m.force, m.unit, m.cat, count(*) AS members_with, any_value(um.members) AS members
            FROM (SELECT n.force, n.unit, n.staff_id, c.cat, count(DISTINCT n.subject_id) AS k
                  FROM not_strong n JOIN subj_cat c USING (force, subject_kind, subject_id)
                  WHERE n.unit IS NOT NULL GROUP BY ALL) m
            JOIN unit_members um USING (force, unit)
            JOIN force_period fp USING (force)
            WHERE m.k >= {per_month} * greatest(date_diff('day', fp.first_ts, fp.last_ts) + 1, 30) / 30.0
            GROUP BY m.force, m.unit, m.cat
            HAVING count(*) >= {min_members} AND count(*) >= {share} * any_value(um.members)""",
        )
        self.create(
            "acc_expl",
            """
            SELECT aid, rule FROM link_expl
            UNION ALL
            SELECT aid, 'team_co_access' FROM co_access
            UNION ALL
            SELECT DISTINCT n.aid, 'unit_remit' FROM not_strong n
            JOIN subj_cat c USING (force, subject_kind, subject_id)
            JOIN remit r ON r.force = n.force AND r.unit = n.unit AND r.cat = c.cat""",
        )

    def _shared_interest(self) -> None:
        """Per staff member and person: unit colleagues who looked the person up as often.

        Counts, for each (staff member, person) looked up on two or more days without a
        strong explanation, the others in the same unit who did the same on at least
        `day_share` as many days: a person the unit keeps looking at (an operation, a
        briefing's subject, a shared caseload) is the unit's business, not one member's.
        """
        if not self.on("shared_interest"):
            self.create(
                "shared_interest",
                """SELECT NULL::VARCHAR AS force, NULL::VARCHAR AS staff_id,
                  NULL::VARCHAR AS nominal_id, 0 AS colleagues WHERE false""",
            )
            return
        share = float(self.p("shared_interest", "day_share"))
        self.create(
            "unit_person_days",
            """
            SELECT force, unit, staff_id, subject_id AS nominal_id,
              count(DISTINCT CAST(ts AS DATE)) AS days
            FROM not_strong WHERE subject_kind = 'N' AND unit IS NOT NULL
            GROUP BY ALL HAVING count(DISTINCT CAST(ts AS DATE)) >= 2""",
        )
        self.create(
            "shared_interest",
            f"""
            SELECT p.force, p.staff_id, p.nominal_id, count(DISTINCT o.staff_id) AS colleagues
            FROM unit_person_days p JOIN unit_person_days o
              ON o.force = p.force AND o.unit = p.unit AND o.nominal_id = p.nominal_id
              AND o.staff_id <> p.staff_id AND o.days >= {share} * p.days
            GROUP BY ALL""",
        )
        self.release("unit_person_days")

    def _team_co_access(self) -> None:
        """Accesses not strongly explained, to a record a team colleague opened around then."""
        if not self.on("team_co_access"):
            self.create("co_access", "SELECT aid FROM acc WHERE false")
            return
        window = int(self.p("team_co_access", "window_days"))
        most = int(self.p("team_co_access", "max_team_size"))
        # The team each access was made from, where teams are small enough to share work.
        self.create(
            "acc_team",
            f"""
            WITH sized AS (
              SELECT force, unit, team FROM post WHERE team IS NOT NULL
              GROUP BY ALL HAVING count(DISTINCT staff_id) <= {most})
            SELECT a.aid, a.force, a.staff_id, a.subject_kind, a.subject_id,
              CAST(a.ts AS DATE) AS day, min(p.unit || ' / ' || p.team) AS team
            FROM acc a JOIN post p ON p.force = a.force AND p.staff_id = a.staff_id
              AND a.ts BETWEEN p.p0 AND p.p1
            JOIN sized z ON z.force = p.force AND z.unit = p.unit AND z.team = p.team
            GROUP BY ALL""",
        )
        self.create(
            "co_access",
            f"""
            WITH team_days AS (
              SELECT DISTINCT force, team, subject_kind, subject_id, staff_id, day FROM acc_team)
            SELECT DISTINCT n.aid
            FROM not_strong n JOIN acc_team t ON t.aid = n.aid
            JOIN team_days o ON o.force = t.force AND o.team = t.team
              AND o.subject_kind = t.subject_kind AND o.subject_id = t.subject_id
              AND o.staff_id <> t.staff_id
              AND o.day BETWEEN t.day - INTERVAL {window} DAY AND t.day + INTERVAL {window} DAY""",
        )
        self.release("acc_team")

    def _strong_rules(self) -> list[str]:
        return [
            r.name
            for r in self.rules.values()
            if r.kind == "explanation" and r.strength == "strong"
        ]

    def _classify(self) -> None:
        strong = ", ".join(sql_str(r) for r in self._strong_rules()) or "''"
        # The slack after an involvement ends is for the write-up and hand-over, done at
        # work. An access that only that slack explains, made off duty or at a quiet time, is
        # not the write-up: it stays unexplained (weakly covered), for the signals to see.
        # Nor is a record the staff member made for themselves alone (`self_made`): a
        # pretext occurrence explains everything its maker does if it is accepted at any hour.
        demote = "false"
        if bool(self.p("off_duty", "after_slack_needs_work")):
            self_made = (
                " OR bool_and(self_made)"
                if bool(self.p("off_duty", "self_made_needs_work"))
                else ""
            )
            self.create(
                "slack_only",
                f"""
                SELECT aid FROM link_expl WHERE rule IN ({strong})
                GROUP BY aid HAVING bool_and(after_end){self_made}""",
            )
            self.create(
                "off_hours",
                f"SELECT aid FROM when_made w WHERE {_OFF_HOURS}",
            )
            demote = "(so.aid IS NOT NULL AND oh.aid IS NOT NULL)"
        else:
            self.create("slack_only", "SELECT aid FROM acc WHERE false")
            self.create("off_hours", "SELECT aid FROM acc WHERE false")
        self.create(
            "expl_agg",
            f"""
            SELECT x.aid, bool_or(x.rule IN ({strong})) AND NOT bool_or({demote}) AS strong,
              list_sort(list(x.rule)) AS rules
            FROM acc_expl x LEFT JOIN slack_only so ON so.aid = x.aid
            LEFT JOIN off_hours oh ON oh.aid = x.aid
            GROUP BY x.aid""",
        )
        self.create(
            "acc_status",
            """
            SELECT a.aid, coalesce(x.strong, false) AS strong, x.aid IS NOT NULL AS explained,
              x.rules
            FROM acc a LEFT JOIN expl_agg x USING (aid)""",
        )
        self._through_occurrence(strong)

    def _through_forces(self) -> list[str]:
        """Forces whose occurrences opened are read as looks at the people they name.

        Only where the audit trail does not show people opened beside their cases: there the
        case record is the only trace of looking at the victim. Where it does, reading
        occurrences is mostly reading incidents, and counting it as looking at everyone they
        name buries real lookups under case work.
        """
        if self._through is None:
            self._through = []
            if self.on("through_occurrence"):
                least = float(self.p("through_occurrence", "max_person_share"))
                logging, self._through = self._split_by_case_audit(least)
                shares = self._people_beside_cases()
                listed = ", ".join(f"{f} ({shares[f]:.1%})" for f in logging)
                off_days = int(self.p("through_occurrence", "min_off_duty_days"))
                if logging and off_days > 0:
                    self.limits["through_occurrence"] = (
                        "where the audit trail shows the people in occurrences opened beside"
                        f" them ({listed}), only an occurrence opened off duty or at a quiet"
                        f" time on {off_days} or more days is read as a look at its people"
                    )
                elif not self._through:
                    self.unavailable["through_occurrence"] = (
                        "not needed: the audit trail shows the people in occurrences opened"
                        f" as person records beside them ({listed or 'no occurrences opened'})"
                    )
        return self._through

    def _off_case_days_sql(self, ts: str, off: str) -> str:
        """HAVING clause: opened off duty or at a quiet time on enough days."""
        days = max(int(self.p("through_occurrence", "min_off_duty_days")), 1)
        return f"count(DISTINCT CAST({ts} AS DATE)) FILTER (WHERE {off}) >= {days}"

    def _off_duty_cases(self) -> bool:
        """Occurrences a staff member opened off duty or at a quiet time on several days.

        In a force whose audit shows people beside their cases, reading an occurrence is
        mostly reading the incident, and only these are read through to the people they
        name: coming back to a case off duty, day after day, is how someone who reads the
        victim's incident instead of her record shows. `off_duty_cases` holds the
        candidates; which of their accesses nothing explains is decided with the rest.
        """
        if self._off_cases is None:
            through = set(self._through_forces())
            logging = [f for f in self._people_beside_cases() if f not in through]
            off_days = 0
            if self.on("through_occurrence") and logging:
                off_days = int(self.p("through_occurrence", "min_off_duty_days"))
            forces = ", ".join(sql_str(f) for f in logging) or "''"
            self.create(
                "off_duty_cases",
                f"""
                SELECT a.force, a.staff_id, a.subject_id AS occurrence_id
                FROM acc a JOIN when_made w USING (aid)
                WHERE {"true" if off_days > 0 else "false"} AND a.subject_kind = 'O'
                  AND a.force IN ({forces})
                GROUP BY a.force, a.staff_id, a.subject_id
                HAVING {self._off_case_days_sql("a.ts", f"({_OFF_HOURS})")}""",
            )
            self._off_cases = off_days > 0 and self.db.count("off_duty_cases") > 0
        return self._off_cases

    def _through_forces_sql(self) -> str:
        return ", ".join(sql_str(f) for f in self._through_forces()) or "''"

    def _through_occurrence(self, strong: str) -> None:
        """Occurrences opened with no strong explanation, as looks at the people they name.

        Each such access becomes one access per person the occurrence names (`via_status`),
        explained by the staff member's own involvements with that person (a tasking on
        another of their occurrences, their detention, the team's work) and by whatever
        weakly explained the occurrence itself; what is left is scored with the person's
        other unexplained accesses.
        """
        if not self._through_forces() and not self._off_duty_cases():
            self.create(
                "via_status",
                """
                SELECT aid, subject_id AS nominal_id, subject_id AS occurrence_id,
                  false AS strong, false AS explained, CAST(NULL AS VARCHAR[]) AS rules
                FROM acc WHERE false""",
            )
            return
        # Where people show beside their cases, an occurrence read off duty is read through
        # only if it was opened off duty on enough days that nothing strong explains, and
        # "worked the case" is no explanation for it: coming back to the case is the very
        # pattern in question.
        no_case = ", ".join(sql_str(r) for r in self._strong_rules() if r != "worked_the_case")
        self.create(
            "off_case_acc",
            f"""
            WITH cand AS (
              SELECT a.aid, a.force, a.staff_id, a.ts, a.subject_id AS occurrence_id,
                ({_OFF_HOURS}) AS off
              FROM acc a JOIN off_duty_cases c ON c.force = a.force
                AND c.staff_id = a.staff_id AND c.occurrence_id = a.subject_id
              JOIN when_made w USING (aid)
              WHERE a.subject_kind = 'O' AND NOT EXISTS (
                SELECT 1 FROM link_expl x LEFT JOIN off_hours oh ON oh.aid = x.aid
                WHERE x.aid = a.aid AND x.rule IN ({no_case or "''"})
                  AND NOT (x.after_end AND oh.aid IS NOT NULL))),
            kept AS (
              SELECT force, staff_id, occurrence_id FROM cand
              GROUP BY force, staff_id, occurrence_id
              HAVING {self._off_case_days_sql("ts", "off")})
            SELECT c.aid
            FROM cand c JOIN kept k USING (force, staff_id, occurrence_id)""",
        )
        if self._through_forces():
            source = f"""
                  SELECT a.aid, a.force, a.staff_id, a.ts, a.subject_id AS occurrence_id
                  FROM acc a JOIN acc_status st USING (aid)
                  LEFT JOIN off_case_acc k USING (aid)
                  WHERE a.subject_kind = 'O' AND (k.aid IS NOT NULL
                    OR (NOT st.strong AND a.force IN ({self._through_forces_sql()})))"""
        else:  # only the few occurrences read off duty: no pass over every access's status
            source = """
                  SELECT a.aid, a.force, a.staff_id, a.ts, a.subject_id AS occurrence_id
                  FROM acc a JOIN off_case_acc k USING (aid)"""
        self.create(
            "via_acc",
            f"""
            SELECT a.aid, a.force, a.staff_id, a.ts, a.occurrence_id, n.nominal_id
            FROM ({source}) AS a
            JOIN occurrence_nominals n ON n.force = a.force AND n.occurrence_id = a.occurrence_id
            WHERE
              -- opened beside the person's own record (within the half hour), the occurrence
              -- adds no look of its own: the person is counted once, directly
              NOT EXISTS (
                SELECT 1 FROM acc p WHERE p.force = a.force AND p.staff_id = a.staff_id
                  AND p.subject_kind = 'N' AND p.subject_id = n.nominal_id
                  AND p.ts BETWEEN a.ts - INTERVAL 30 MINUTE AND a.ts + INTERVAL 30 MINUTE)""",
        )
        # As for direct accesses: a strong link whose only cover is the slack after it
        # ended does not explain an access made off duty or at a quiet time. Whatever
        # weakly explained the occurrence carries over; its demoted strong links stay demoted.
        self.create(
            "via_status",
            f"""
            SELECT v.aid, v.nominal_id, v.occurrence_id,
              coalesce(bool_or(x.rule IN ({strong}) AND NOT (x.after_end AND oh.aid IS NOT NULL)),
                       false) AS strong,
              count(x.rule) > 0 AS explained,
              -- one rule may cover both the person and the occurrence: name it once
              list_sort(list_distinct(list(x.rule) FILTER (WHERE x.rule IS NOT NULL))) AS rules
            FROM via_acc v
            LEFT JOIN (
              SELECT v2.aid, v2.nominal_id, l.rule, bool_and(v2.ts > l.ended) AS after_end
              FROM via_acc v2 JOIN links l ON l.force = v2.force AND l.staff_id = v2.staff_id
                AND l.subject_kind = 'N' AND l.subject_id = v2.nominal_id
                AND v2.ts BETWEEN l.lo AND l.hi
              GROUP BY v2.aid, v2.nominal_id, l.rule
              UNION ALL
              SELECT v3.aid, v3.nominal_id, e.rule, true
              FROM via_acc v3 JOIN acc_expl e USING (aid)) x
              ON x.aid = v.aid AND x.nominal_id = v.nominal_id
              -- coming back to the case is the pattern read through, not its cover
              AND x.rule <> 'worked_the_case'
            LEFT JOIN off_hours oh ON oh.aid = v.aid
            GROUP BY v.aid, v.nominal_id, v.occurrence_id""",
        )
        self.release("via_acc", "off_case_acc")

    def _activity(self) -> None:
        """When each access was made (`when_made`): on or off duty, and at a quiet time."""
        off = self.rules["off_duty"].parameters
        before = int(off.get("slack_before_minutes", 30))
        after = int(off.get("slack_after_minutes", 90))
        coverage = int(off.get("roster_coverage_days", 4))
        # On duty: some shift that started by the access (plus slack) had not yet ended
        # (plus slack). Rostered: a shift started within the coverage window before it, so
        # that a gap in the roster is not read as time off. One ordered pass over the staff
        # member's shifts and accesses (running maxima) instead of an engine-specific as-of
        # join; shifts sort at their start less the slack, before accesses at that instant.
        self.create(
            "duty",
            f"""
            SELECT aid,
              last_start IS NOT NULL AND ts <= last_end + INTERVAL {after} MINUTE AS on_duty,
              last_start IS NOT NULL AND last_start >= ts - INTERVAL {coverage} DAY AS rostered
            FROM (
              SELECT aid, ts,
                max(shift_start) OVER w AS last_start, max(shift_end) OVER w AS last_end
              FROM (
                SELECT aid, force, staff_id, ts, ts AS k, 1 AS ord,
                  CAST(NULL AS TIMESTAMP) AS shift_start, CAST(NULL AS TIMESTAMP) AS shift_end
                FROM acc
                UNION ALL
                SELECT NULL, force, staff_id, NULL, start - INTERVAL {before} MINUTE, 0, start,
                  coalesce("end", start)
                FROM shifts) AS marks
              WINDOW w AS (PARTITION BY force, staff_id ORDER BY k, ord
                           ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)) AS d
            WHERE aid IS NOT NULL""",
        )
        # Each staff member's events in order: the gap since their previous event (sessions)
        # and their latest search so far (searches sort first at the same instant).
        # With the quiet-time signal on, also how busy the staff member was around each
        # event: how many short spells (spell_minutes) within the window either side saw any
        # of their events. Spells, not events: one sitting is a handful of events in one
        # system and a dozen in another, and a force's audit may log every screen or only
        # some; a working shift is many spells whatever it logs.
        around = "CAST(NULL AS BIGINT)"
        spells_join = ""
        if self.on("quiet_time"):
            spell = 60 * int(self.p("quiet_time", "spell_minutes"))
            reach = int(self.p("quiet_time", "window_minutes")) * 60 // spell
            self.create(
                "spells",
                f"""
                SELECT force, staff_id, spell,
                  count(*) OVER (PARTITION BY force, staff_id ORDER BY spell
                                 RANGE BETWEEN {reach} PRECEDING AND {reach} FOLLOWING) AS around
                FROM (SELECT DISTINCT force, staff_id,
                        CAST(floor(epoch(ts) / {spell}) AS BIGINT) AS spell
                      FROM events) AS s""",
            )
            around = "sp.around"
            spells_join = (
                "JOIN spells sp ON sp.force = e.force AND sp.staff_id = e.staff_id"
                f" AND sp.spell = CAST(floor(epoch(e.ts) / {spell}) AS BIGINT)"
            )
        self.create(
            "timeline",
            f"""
            SELECT e.aid, e.force, e.staff_id, e.ts, e.action, e.entity_type,
              lag(e.ts) OVER w AS prev_ts,
              max(CASE WHEN e.action = 'search' THEN e.ts END) OVER w AS last_search,
              max(CASE WHEN e.entity_type IN ('nominal', 'custody') AND e.entity_id IS NOT NULL
                THEN e.ts END) OVER w AS last_person_ts,
              {around} AS around
            FROM events e {spells_join}
            WINDOW w AS (PARTITION BY e.force, e.staff_id
                         ORDER BY e.ts, CASE WHEN e.action = 'search' THEN 0 ELSE 1 END, e.aid)""",
        )
        if spells_join:
            self.release("spells")
        # Records that name nobody, opened within minutes after a person's record by the same
        # staff member with no other person in between (`followed`): tied to that person.
        # Where two people were opened at the same instant the record is left untied.
        follow_types = _listed(FOLLOW_ENTITY_TYPES)
        self.create(
            "followed",
            f"""
            SELECT t.aid, t.force, t.staff_id, t.ts, t.entity_type, min(a.aid) AS person_aid,
              min(a.subject_id) AS nominal_id
            FROM timeline t JOIN acc a ON a.force = t.force AND a.staff_id = t.staff_id
              AND a.ts = t.last_person_ts AND a.subject_kind = 'N'
            WHERE t.entity_type IN ({follow_types}) AND t.action <> 'search'
              AND t.ts <= t.last_person_ts + INTERVAL {FOLLOW_MINUTES} MINUTE
            GROUP BY t.aid, t.force, t.staff_id, t.ts, t.entity_type
            HAVING min(a.subject_id) = max(a.subject_id)""",
        )
        # On duty by the roster, or off it but in the middle of a working spell (steady use
        # of the systems): unrostered overtime, not a lookup from home. A quiet time: no
        # roster covers the access and the staff member barely used any system around it.
        # Overtime is measured against the staff member's own usual activity (the median
        # of `around` over their events): a control-room operator is busier than a
        # back-office clerk, and one force's audit logs more than another's.
        overtime_share = float(self.p("off_duty", "overtime_share_of_usual"))
        overtime_min = int(self.p("off_duty", "overtime_min_spells"))
        quiet_max = int(self.p("quiet_time", "max_spells"))
        self.create(
            "usual_activity",
            "SELECT force, staff_id, median(around) AS usual FROM timeline GROUP BY force, staff_id",
        )
        working = "d.on_duty"
        if self.on("quiet_time") and overtime_share > 0:
            working = (
                f"(d.on_duty OR coalesce(tl.around >= greatest({overtime_min}, "
                f"{overtime_share} * u.usual), false))"
            )
        self.create(
            "when_made",
            f"""
            SELECT d.aid, d.rostered, {working} AS on_duty,
              coalesce(NOT d.rostered AND tl.around <= {quiet_max}, false) AS quiet
            FROM duty d JOIN timeline tl USING (aid)
            LEFT JOIN usual_activity u ON u.force = tl.force AND u.staff_id = tl.staff_id""",
        )
        self.release("duty", "usual_activity")

    def _signals(self) -> None:
        """Per-access signal flags for accesses no strong explanation covers."""
        # Who saw a detainee while they were held: the staff recorded on the custody record,
        # and anyone who opened the person's records during the detention (custody staff
        # see everyone in their suite). Looking them up after release is the signal.
        # `met`: on the custody record or on shift in the suite, so met the person there;
        # the others only opened the record from a desk (case files, the control room).
        # A suite's home: the unit and district most of its custody records' staff were
        # posted to (ties broken by name, so both engines agree).
        self.create(
            "suite_home",
            """
            SELECT force, suite, unit, district FROM (
              SELECT force, suite, unit, district,
                row_number() OVER (PARTITION BY force, suite
                                   ORDER BY n DESC, unit, district) AS k
              FROM (
                SELECT c.force, c.suite, p.unit, p.district, count(*) AS n
                FROM custody c JOIN post p ON p.force = c.force AND p.staff_id = c.staff_id
                  AND p.p0 <= c.booked_in AND p.p1 >= c.booked_in
                WHERE c.suite IS NOT NULL GROUP BY ALL) AS counted) AS ranked
            WHERE k = 1""",
        )
        # A detention with no release time recorded ends as `_detention_end` says, here as
        # for the custody explanation: otherwise a force that records no releases has no
        # "after release" at all.
        self.create(
            "custody_seen",
            f"""
            SELECT DISTINCT a.force, a.staff_id, c.nominal_id, {_detention_end("c.")} AS released,
              false AS met
            FROM acc a JOIN custody c ON c.force = a.force AND a.subject_kind = 'N'
              AND c.nominal_id = a.subject_id
              AND a.ts BETWEEN c.booked_in AND {_detention_end("c.")}
            UNION
            SELECT force, staff_id, nominal_id, {_detention_end()}, true AS met
            FROM custody
            UNION
            -- on shift in the suite while the person was held: the suite's home unit and
            -- district are learned from the postings of the staff its records name
            SELECT c.force, p.staff_id, c.nominal_id, {_detention_end("c.")}, true AS met
            FROM custody c
            JOIN suite_home h ON h.force = c.force AND h.suite = c.suite
            JOIN post p ON p.force = c.force AND p.unit = h.unit
              AND coalesce(p.district, '') = coalesce(h.district, '')
              AND p.p0 <= c.booked_in AND p.p1 >= c.booked_in
            JOIN shifts sh ON sh.force = p.force AND sh.staff_id = p.staff_id
              AND sh.start <= {_detention_end("c.")} AND sh."end" >= c.booked_in""",
        )
        # When each person was part of live police business: an occurrence open, a detention.
        self.create(
            "person_activity",
            f"""
            SELECT n.force, n.nominal_id, o.opened AS active_from,
              coalesce(o.closed, TIMESTAMP '9999-12-31') AS active_to
            FROM occurrence_nominals n JOIN occurrences o USING (force, occurrence_id)
            UNION ALL
            SELECT force, nominal_id, booked_in, {_detention_end()} FROM custody""",
        )
        dormant = self.rules["dormant_record"].parameters
        dormant_lead = int(dormant.get("lead_days", 1))
        dormant_tail = int(dormant.get("tail_days", 30))
        alone_window = int(self.rules["alone_with_record"].parameters.get("window_days", 7))
        strong_link = ", ".join(
            sql_str(r) for r in ("tasked_on_occurrence", "created_occurrence", "worked_the_record")
        )
        # Per pair, when the earliest documented involvement ended: an access after that
        # (and not covered by a current link, or it would not be residual) is "after".
        wit = self.rules["met_as_witness"].parameters
        witness_roles = ", ".join(sql_str(str(x)) for x in wit.get("roles", [])) or "''"
        suspect_roles = ", ".join(sql_str(str(x)) for x in wit.get("not_roles", [])) or "''"
        self.create(
            "pair_links",
            f"""
            SELECT l.force, l.staff_id, l.subject_kind, l.subject_id,
              min(ended) FILTER (WHERE rule IN ({strong_link})) AS strong_end,
              -- how deep the documented involvement was: days between its start and end
              -- (the start itself, not the start less the explanation's slack)
              coalesce(date_diff('second', min(started) FILTER (WHERE rule IN ({strong_link})),
                                 max(ended) FILTER (WHERE rule IN ({strong_link}))) / 86400.0,
                       0) AS involvement_days,
              min(ended) FILTER (WHERE rule IN ('team_tasking', 'supervises_tasked')) AS team_end,
              -- met at an incident they were tasked on as a witness or caller, never as a
              -- suspect (met_as_witness)
              coalesce(bool_or(o.role IN ({witness_roles}))
                         FILTER (WHERE rule = 'tasked_on_occurrence'), false)
                AND NOT coalesce(bool_or(o.role IN ({suspect_roles}))
                                   FILTER (WHERE rule = 'tasked_on_occurrence'), false)
                AS met_as_witness
            FROM links l LEFT JOIN occurrence_nominals o ON l.subject_kind = 'N'
              AND o.force = l.force AND o.occurrence_id = l.occurrence_id
              AND o.nominal_id = l.subject_id
            GROUP BY l.force, l.staff_id, l.subject_kind, l.subject_id""",
        )
        self.create(
            "seen_in_custody",
            """
            SELECT force, staff_id, nominal_id, min(released) AS released, bool_or(met) AS met
            FROM custody_seen GROUP BY ALL""",
        )
        # Around any detention of the person (a day either side), looking them up is custody
        # business, whoever else saw them before: "after release" means after release, not
        # on the person's next arrest.
        detention_slack = _hours(self.p("after_release", "detention_slack_hours"))
        # The accesses no strong explanation covers: to a person or occurrence directly,
        # and to the people named in an occurrence opened (`via_occurrence`).
        self.create(
            "resid_src",
            """
            SELECT a.aid, a.force, a.system_id, a.event_id, a.staff_id, a.ts, a.action,
              a.subject_kind, a.subject_id, st.explained, st.rules,
              CAST(NULL AS VARCHAR) AS via_occurrence
            FROM acc a JOIN acc_status st USING (aid) WHERE NOT st.strong
            UNION ALL
            SELECT a.aid, a.force, a.system_id, a.event_id, a.staff_id, a.ts, a.action,
              'N', v.nominal_id, v.explained, v.rules, v.occurrence_id
            FROM via_status v JOIN acc a USING (aid) WHERE NOT v.strong""",
        )
        self.create(
            "in_detention",
            f"""
            SELECT DISTINCT a.aid, a.subject_id FROM resid_src a JOIN custody c
              ON c.force = a.force AND a.subject_kind = 'N' AND c.nominal_id = a.subject_id
              AND a.ts BETWEEN c.booked_in - {detention_slack}
                AND {_detention_end("c.")} + {detention_slack}""",
        )
        self.create(
            "resid_base",
            """
            SELECT a.aid, a.force, a.system_id, a.event_id, a.staff_id, a.ts,
              CAST(a.ts AS DATE) AS day, a.action, a.subject_kind, a.subject_id, a.explained,
              a.rules, a.via_occurrence, w.on_duty, w.rostered,
              coalesce(pl.strong_end < a.ts, false) AS after_involvement,
              coalesce(sc.released + INTERVAL 24 HOUR < a.ts, false)
                AND idt.aid IS NULL AS after_release,
              coalesce(sc.met, false) AS met_in_custody,
              coalesce(pl.team_end < a.ts, false)
                AND NOT coalesce(list_contains(a.rules, 'team_tasking'), false) AS after_team,
              pl.staff_id IS NULL AS never_linked,
              coalesce(pl.met_as_witness, false) AS met_as_witness,
              coalesce(pl.involvement_days, 0) AS involvement_days,
              -- seen only under a team colleague's tasking: never the staff member's own
              coalesce(list_contains(a.rules, 'team_tasking'), false)
                AND pl.strong_end IS NULL AS under_team,
              w.quiet
            FROM resid_src a JOIN when_made w USING (aid)
            LEFT JOIN pair_links pl ON pl.force = a.force AND pl.staff_id = a.staff_id
              AND pl.subject_kind = a.subject_kind AND pl.subject_id = a.subject_id
            LEFT JOIN seen_in_custody sc ON a.subject_kind = 'N' AND sc.force = a.force
              AND sc.staff_id = a.staff_id AND sc.nominal_id = a.subject_id
            LEFT JOIN in_detention idt ON idt.aid = a.aid AND idt.subject_id = a.subject_id""",
        )
        self.create(
            "live",
            f"""
            SELECT DISTINCT r.aid, r.subject_id FROM resid_base r JOIN person_activity p
              ON p.force = r.force AND p.nominal_id = r.subject_id
              AND p.active_from <= r.ts + INTERVAL {dormant_lead} DAY
              AND p.active_to >= r.ts - INTERVAL {dormant_tail} DAY
            WHERE r.subject_kind = 'N'""",
        )
        # Who else was working on the person: days on which someone else opened the person's
        # record for a documented reason. Legitimate remit work usually happens while the
        # person's case is live in the unit; an abuser is alone with the record.
        if self.on("alone_with_record"):
            self.create(
                "worked_days",
                """
                SELECT DISTINCT a.force, a.subject_id AS nominal_id, CAST(a.ts AS DATE) AS day,
                  a.staff_id
                FROM acc a JOIN acc_status st USING (aid)
                WHERE st.strong AND a.subject_kind = 'N'""",
            )
            self.create(
                "accompanied",
                f"""
                SELECT DISTINCT r.aid, r.subject_id FROM resid_base r JOIN worked_days w
                  ON w.force = r.force AND w.nominal_id = r.subject_id
                  AND w.day BETWEEN r.day - INTERVAL {alone_window} DAY AND r.day + INTERVAL {alone_window} DAY
                  AND w.staff_id <> r.staff_id
                WHERE r.subject_kind = 'N'""",
            )
        else:  # not enabled: nobody is counted as alone
            self.create("accompanied", "SELECT aid, subject_id FROM resid_base")
        self.create(
            "resid",
            """
            SELECT r.*, r.subject_kind = 'N' AND l.aid IS NULL AS dormant,
              r.subject_kind = 'N' AND c.aid IS NULL AS alone
            FROM resid_base r LEFT JOIN live l USING (aid, subject_id)
            LEFT JOIN accompanied c USING (aid, subject_id)""",
        )
        self.release(
            "resid_src", "via_status", "resid_base", "live", "accompanied", "worked_days",
            "in_detention", "pair_links",
            "seen_in_custody", "custody_seen", "suite_home", "person_activity",
        )  # fmt: skip
        # A view that follows the same person's own search within minutes was found by
        # searching. Computed for every person access, so that each staff member's own habit
        # is known.
        self.create(
            "search_led",
            """
            SELECT a.aid, t.last_search IS NOT NULL
              AND a.ts <= t.last_search + INTERVAL 10 MINUTE AS search_led
            FROM acc a JOIN timeline t USING (aid) WHERE a.subject_kind = 'N'""",
        )
        # Sessions: a staff member's events with no gap longer than the session gap. A lone
        # session touches one person (and any occurrences) and nothing else: no other person,
        # no vehicle, location, document or intelligence work other than the records opened
        # straight after the person (`followed`: her address is part of looking her up).
        # Opening the system for one person alone is how looking someone up from home shows
        # in an audit trail, and it needs no roster to see. Window functions only (portable
        # to Spark SQL).
        if self.on("lone_session"):
            gap = int(self.rules["lone_session"].parameters.get("session_gap_minutes", 30))
            self.create(
                "sessions",
                f"""
                SELECT aid, force, staff_id,
                  sum(CASE WHEN prev_ts IS NULL OR ts > prev_ts + INTERVAL {gap} MINUTE
                      THEN 1 ELSE 0 END)
                    OVER (PARTITION BY force, staff_id ORDER BY ts, aid
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS session_no,
                  action
                FROM timeline""",
            )
            self.create(
                "lone",
                """
                WITH per_session AS (
                  SELECT s.force, s.staff_id, s.session_no,
                    count(DISTINCT a.subject_id) FILTER (WHERE a.subject_kind = 'N') AS people,
                    -- an address or vehicle opened straight after the person is theirs
                    count(*) FILTER (WHERE a.aid IS NULL AND s.action <> 'search'
                                       AND f.aid IS NULL) AS other_work
                  FROM sessions s LEFT JOIN acc a ON a.aid = s.aid
                  LEFT JOIN followed f ON f.aid = s.aid
                  GROUP BY s.force, s.staff_id, s.session_no)
                SELECT s.aid FROM sessions s
                JOIN per_session p ON p.force = s.force AND p.staff_id = s.staff_id
                  AND p.session_no = s.session_no
                WHERE p.people <= 1 AND p.other_work = 0""",
            )
        else:  # not enabled: no access is counted as a lone session
            self.create("lone", "SELECT aid FROM acc WHERE false")
        self.release("sessions")
        # Each staff member's own habits in explained work: how often it is off the roster
        # (the roster's blind spot), how often it concerns people in their home district
        # (those who live where they work), and how often it starts with a search. A signal
        # is evidence only in so far as it departs from the person's own everyday work.
        self.create(
            "staff_baseline",
            """
            SELECT a.force, a.staff_id,
              count(*) FILTER (WHERE w.rostered AND NOT w.on_duty)::DOUBLE
                / greatest(count(*) FILTER (WHERE w.rostered), 1) AS off_rate,
              count(DISTINCT a.subject_id) FILTER (WHERE a.subject_kind = 'N'
                AND n.district = s.home_district)::DOUBLE
                / greatest(count(DISTINCT a.subject_id) FILTER (WHERE a.subject_kind = 'N'), 1)
                AS home_rate,
              count(*) FILTER (WHERE sl.search_led)::DOUBLE
                / greatest(count(*) FILTER (WHERE a.subject_kind = 'N'), 1) AS search_rate,
              count(*) FILTER (WHERE a.subject_kind = 'N' AND lo.aid IS NOT NULL)::DOUBLE
                / greatest(count(*) FILTER (WHERE a.subject_kind = 'N'), 1) AS lone_rate,
              count(*) FILTER (WHERE w.quiet)::DOUBLE
                / greatest(count(*) FILTER (WHERE NOT w.rostered), 1) AS quiet_rate,
              count(*) AS accesses
            FROM acc a JOIN acc_status st USING (aid) JOIN when_made w USING (aid)
            LEFT JOIN nominals n ON a.subject_kind = 'N' AND n.force = a.force
              AND n.nominal_id = a.subject_id
            LEFT JOIN staff s ON s.force = a.force AND s.staff_id = a.staff_id
            LEFT JOIN search_led sl ON sl.aid = a.aid
            LEFT JOIN lone lo ON lo.aid = a.aid
            WHERE st.strong GROUP BY ALL""",
        )
        self.release("when_made", "timeline")
        vul = self.rules["vulnerability"].parameters
        weights = vul.get("marker_weights", {})
        cases = " ".join(f"WHEN {sql_str(k)} THEN {float(v)}" for k, v in weights.items())
        # Ages as of the audit trail's own year, not the day detection runs: the same data
        # scores the same whenever it is run.
        latest = self.records("SELECT max(ts) AS latest FROM acc")[0]["latest"]
        year = latest.year if latest is not None else 2000
        self.create(
            "nominal_v",
            f"""
            SELECT n.force, n.nominal_id, n.sex, n.birth_year, n.district, pm.markers,
              -- what the markers say (whether the person counts as vulnerable) and the weight
              -- the pattern's score takes, which adds the uplift for women of adult age
              coalesce(w.v, {float(vul.get("no_marker_weight", 0.35))}) AS marker_v,
              coalesce(w.v, {float(vul.get("no_marker_weight", 0.35))})
              + CASE WHEN {sex_code_sql("n.sex")} = 'F'
                      AND n.birth_year BETWEEN {year - 60} AND {year - 16}
                     THEN {float(vul.get("adult_female_uplift", 0.2))} ELSE 0 END AS v
            FROM nominals n LEFT JOIN (  -- the weight of the person's heaviest marker
              SELECT force, nominal_id, max(CASE m {cases} ELSE 0.5 END) AS v
              FROM (SELECT force, nominal_id, unnest(markers) AS m FROM person_markers) AS marks
              GROUP BY force, nominal_id) w
              ON w.force = n.force AND w.nominal_id = n.nominal_id
            LEFT JOIN person_markers pm ON pm.force = n.force AND pm.nominal_id = n.nominal_id""",
        )

    # ------------------------------------------------------------------------------------
    def _pair_alerts(self) -> list[dict[str, Any]]:
        r = self.rules
        w_off = float(r["off_duty"].param("weight")) if self.on("off_duty") else 0.0
        w_inv = (
            float(r["after_involvement"].param("weight")) if self.on("after_involvement") else 0.0
        )
        w_rel = float(r["after_release"].param("weight")) if self.on("after_release") else 0.0
        w_days = float(r["repetition"].param("weight_days"))
        w_events = float(r["repetition"].param("weight_events"))
        w_nl = float(r["never_linked"].param("weight")) if self.on("never_linked") else 0.0
        w_wit = float(r["met_as_witness"].param("weight")) if self.on("met_as_witness") else 0.0
        w_ns = float(r["name_search"].param("weight")) if self.on("name_search") else 0.0
        w_nh = float(r["near_home"].param("weight")) if self.on("near_home") else 0.0
        w_dor = float(r["dormant_record"].param("weight")) if self.on("dormant_record") else 0.0
        w_sys = float(r["cross_system"].param("weight")) if self.on("cross_system") else 0.0
        w_alone = (
            float(r["alone_with_record"].param("weight")) if self.on("alone_with_record") else 0.0
        )
        w_lone = float(r["lone_session"].param("weight")) if self.on("lone_session") else 0.0
        w_quiet = float(r["quiet_time"].param("weight")) if self.on("quiet_time") else 0.0
        w_fol = float(r["address_after"].param("weight")) if self.on("address_after") else 0.0
        w_cover = float(r["team_cover"].param("weight")) if self.on("team_cover") else 0.0
        # Off, the signal neither scores nor lifts such pairs out of the usual-repetition cap.
        cover_days = (
            "greatest(count(*) FILTER (WHERE x.under_team) - 1, 0)"
            if self.on("team_cover")
            else "0"
        )
        no_marker = float(r["vulnerability"].parameters.get("no_marker_weight", 0.35))
        case_discount = float(self.p("after_involvement", "case_work_discount"))
        usual_rarity = float(self.p("unit_remit", "usual_repetition_below_rarity"))
        # Whether the unit shares the interest in the pair's person (S019): defined once here,
        # carried as the pair's `shared_interest` column.
        shared = (
            "coalesce(any_value(si.colleagues), 0) >= "
            + str(int(self.p("shared_interest", "min_colleagues")))
            if self.on("shared_interest")
            else "false"
        )
        support = event_support_sql(
            "events", full=int(r["repetition"].param("full_support_events"))
        )
        # Days on which the staff member opened an occurrence that names the person: work on
        # the case shows in the case record, while looking someone up for oneself needs only
        # the person. After an involvement ended this is the trace of follow-up work that was
        # never tasked (tasking records are often incomplete), so it softens "after".
        # A day on which the person was only seen through the occurrence is not softened:
        # there the case record is the only trace of any look at them.
        self.create(
            "case_days",
            """
            SELECT DISTINCT a.force, a.staff_id, n.nominal_id, CAST(a.ts AS DATE) AS day
            FROM acc a JOIN occurrence_nominals n
              ON n.force = a.force AND n.occurrence_id = a.subject_id
            WHERE a.subject_kind = 'O'""",
        )
        # Two steps: per pair and day, then per pair (distinct-day counts without DISTINCT).
        self.create(
            "pair_days",
            """
            SELECT x.force, x.staff_id, x.subject_id AS nominal_id, x.day,
              count(*) AS events, min(x.ts) AS first_ts, max(x.ts) AS last_ts,
              count(*) FILTER (WHERE x.rostered) AS rostered_events,
              count(*) FILTER (WHERE x.rostered AND NOT x.on_duty) AS off_events,
              count(*) FILTER (WHERE NOT x.rostered) AS unrostered_events,
              count(*) FILTER (WHERE x.quiet) AS quiet_events,
              count(*) FILTER (WHERE x.after_involvement) AS inv_events,
              max(x.involvement_days) AS involvement_days,
              count(*) FILTER (WHERE x.after_release) AS rel_events,
              bool_or(x.met_in_custody) AS met_in_custody,
              count(*) FILTER (WHERE x.after_team AND NOT x.after_involvement) AS team_after_events,
              bool_or(x.under_team) AS under_team,
              count(*) FILTER (WHERE x.action = 'search' OR sl.search_led) AS search_events,
              bool_or(x.dormant) AS dormant,
              bool_and(x.alone) AS alone,
              count(*) FILTER (WHERE x.explained) AS weak_events,
              count(*) FILTER (WHERE list_contains(x.rules, 'unit_remit')) AS remit_events,
              bool_and(x.never_linked) AS never_linked,
              bool_or(x.met_as_witness) AS met_as_witness,
              -- a session that opened one occurrence alone is not one person alone
              count(lo.aid) FILTER (WHERE x.via_occurrence IS NULL) AS lone_events,
              count(x.via_occurrence) AS via_events
            FROM resid x LEFT JOIN search_led sl ON sl.aid = x.aid
            LEFT JOIN lone lo ON lo.aid = x.aid
            WHERE x.subject_kind = 'N'
            GROUP BY ALL""",
        )
        self.create(
            "pair_systems",
            """
            SELECT force, staff_id, subject_id AS nominal_id, count(DISTINCT system_id) AS systems
            FROM resid WHERE subject_kind = 'N' GROUP BY ALL""",
        )
        # Records naming nobody tied to an unexplained look at the person (`followed`): all
        # are said and cited; the days on which the person's address or vehicle was opened
        # are a signal (S022), weighed like the others by how rare it is in the unit.
        self.create(
            "pair_follow",
            f"""
            SELECT r.force, r.staff_id, r.subject_id AS nominal_id,
              count(*) FILTER (WHERE f.entity_type = 'location') AS follow_locations,
              count(*) FILTER (WHERE f.entity_type = 'vehicle') AS follow_vehicles,
              count(*) FILTER (WHERE f.entity_type = 'intelligence') AS follow_intelligence,
              count(DISTINCT CAST(f.ts AS DATE))
                FILTER (WHERE f.entity_type IN ({_listed(ADDRESS_ENTITY_TYPES)})) AS follow_days
            FROM followed f JOIN resid r ON r.aid = f.person_aid AND r.subject_kind = 'N'
            GROUP BY r.force, r.staff_id, r.subject_id""",
        )
        self._force_interest()
        self.create(
            "pairs",
            f"""
            SELECT x.force, x.staff_id, x.nominal_id,
              coalesce(sqrt(any_value(fi.bar) / any_value(fi.lookers)), 1.0) AS force_interest,
              coalesce(any_value(fi.lookers), 0) AS force_lookers,
              any_value(ps.systems) - 1 AS other_systems,
              coalesce(any_value(pf.follow_locations), 0) AS follow_locations,
              coalesce(any_value(pf.follow_vehicles), 0) AS follow_vehicles,
              coalesce(any_value(pf.follow_intelligence), 0) AS follow_intelligence,
              coalesce(any_value(pf.follow_days), 0) AS follow_days,
              sum(x.events) AS events, count(*) AS days,
              min(x.first_ts) AS first_ts, max(x.last_ts) AS last_ts,
              sum(x.rostered_events) AS rostered_events, sum(x.off_events) AS off_events,
              sum(x.quiet_events) AS quiet_events,
              sum(x.inv_events) AS inv_events, count(*) FILTER (WHERE x.inv_events > 0) AS inv_days,
              count(*) FILTER (WHERE x.inv_events > 0 AND cd.day IS NOT NULL
                AND x.via_events < x.events) AS inv_case_days,
              max(x.involvement_days) AS involvement_days,
              sum(x.rel_events) AS rel_events, count(*) FILTER (WHERE x.rel_events > 0) AS rel_days,
              count(*) FILTER (WHERE x.rel_events > 0 AND cd.day IS NOT NULL
                AND x.via_events < x.events AND NOT x.met_in_custody) AS rel_case_days,
              sum(x.via_events) AS via_events,
              bool_or(x.met_in_custody) AS met_in_custody,
              sum(x.team_after_events) AS team_after_events,
              count(*) FILTER (WHERE x.team_after_events > 0) AS team_after_days,
              -- days, after the first, on which the person was seen only under a team
              -- colleague's tasking (S023): covering on the night is teamwork, coming back
              -- to the colleague's victim day after day is not
              {cover_days} AS cover_days,
              sum(x.search_events) AS search_events,
              CASE WHEN {shared} THEN 0 ELSE count(*) FILTER (WHERE x.dormant) END AS dormant_days,
              count(*) FILTER (WHERE x.alone) AS alone_days,
              count(*) FILTER (WHERE x.lone_events > 0) AS lone_days,
              -- the unit's shared interest explains why one might look (weakly, like a remit)
              CASE WHEN {shared} THEN sum(x.events) ELSE sum(x.weak_events) END AS weak_events,
              sum(x.remit_events) AS remit_events,
              -- a person the unit shares an interest in is linked to the staff member's work
              -- and in live business, the unit's, whatever the records say
              bool_and(x.never_linked) AND NOT {shared} AS never_linked,
              bool_or(x.met_as_witness) AS met_as_witness,
              coalesce(any_value(si.colleagues), 0) AS shared_colleagues,
              {shared} AS shared_interest,
              coalesce(any_value(n.v), {no_marker}) AS v,
              coalesce(any_value(n.marker_v), {no_marker}) AS marker_v,
              any_value(n.district) IS NOT NULL AND any_value(n.district) = any_value(s.home_district) AS near_home,
              any_value(n.markers) AS markers, any_value(n.sex) AS sex, any_value(n.birth_year) AS birth_year,
              coalesce(any_value(b.off_rate), 0.0) AS base_off,
              coalesce(any_value(b.home_rate), 0.0) AS base_home,
              coalesce(any_value(b.lone_rate), 0.0) AS base_lone,
              least(coalesce(any_value(b.search_rate), 0.0), 1.0) AS base_search,
              greatest(0, sum(x.off_events)
                - round(coalesce(any_value(b.off_rate), 0.0) * sum(x.rostered_events)))::BIGINT AS off_x,
              greatest(0, sum(x.quiet_events)
                - round(coalesce(any_value(b.quiet_rate), 0.0) * sum(x.unrostered_events)))::BIGINT
                AS quiet_x
            FROM pair_days x
            JOIN pair_systems ps USING (force, staff_id, nominal_id)
            LEFT JOIN pair_follow pf ON pf.force = x.force AND pf.staff_id = x.staff_id
              AND pf.nominal_id = x.nominal_id
            LEFT JOIN shared_interest si ON si.force = x.force AND si.staff_id = x.staff_id
              AND si.nominal_id = x.nominal_id
            LEFT JOIN case_days cd ON cd.force = x.force AND cd.staff_id = x.staff_id
              AND cd.nominal_id = x.nominal_id AND cd.day = x.day
            LEFT JOIN nominal_v n ON n.force = x.force AND n.nominal_id = x.nominal_id
            LEFT JOIN staff s ON s.force = x.force AND s.staff_id = x.staff_id
            LEFT JOIN staff_baseline b ON b.force = x.force AND b.staff_id = x.staff_id
            LEFT JOIN force_interest fi ON fi.force = x.force AND fi.nominal_id = x.nominal_id
            GROUP BY x.force, x.staff_id, x.nominal_id""",
        )
        self._peer_rarity()
        # Evidence grows with the number of distinct days behind each signal
        # (logarithmically), scaled by how rare that level is among the staff member's peers
        # (same unit): a pattern that half the unit shows is work, one nobody else shows is
        # not. The person's vulnerability scales the total, a single day of access is
        # discounted, and weak explanations (team, unit remit) only soften it: they explain
        # why someone might look, not why they keep looking.
        # Repetition inside a covered remit with no sign of anything else (not off duty, not
        # a dormant record, linked to their work, one system, not after a release or after
        # the team colleague's tasking ended) is what the remit is for: it stays below the
        # alert line, however often it happens, as long as others in the unit come back to
        # people as often (a call handler who returns to one caller on seven days, where no
        # colleague returns to anyone on so many, is not doing the unit's work).
        self.create(
            "pair_scores",
            f"""
            SELECT *, CASE WHEN weak_events = events AND off_x = 0 AND quiet_x = 0 AND dormant_days = 0
                AND NOT never_linked AND rel_days = 0 AND other_systems = 0 AND team_after_days = 0
                AND cover_days = 0 AND r_days < {usual_rarity}
              THEN least(evidence, {MIN_PAIR_RAW} - 0.1)
              -- a person the unit keeps looking at: only the timing can set this look apart
              -- (how the unit's members look, by phone or in a quiet session, is all of theirs)
              WHEN shared_interest AND off_x = 0 AND quiet_x = 0
                AND inv_days = 0 AND rel_days = 0 AND team_after_days = 0
              THEN least(evidence, {MIN_PAIR_RAW} - 0.1) ELSE evidence END AS raw,
              -- a person-level alert and the staff member's peak rest on enough events;
              -- breadth counts people and reads raw unweighed
              {support} AS support
            FROM (SELECT *,
              off_events::DOUBLE / greatest(rostered_events, 1) AS off_share,
              (0.5 + 0.5 * v)
              * CASE WHEN days = 1 THEN 0.6 ELSE 1.0 END
              * (
                -- repetition: softened when a weak explanation covers the accesses
                ({w_days} * log2(1 + days) + {w_events} * log2(1 + events)) * (0.4 + r_days)
                  * (1 - 0.5 * weak_events::DOUBLE / events)
                -- timing against involvement: a unit remit does not depend on involvement, so
                -- "after it ended" means less where the remit covers the access, unless
                -- nobody else in the unit comes back after theirs (after_remit_factor)
                + (
                  -- a brief involvement (attending for an hour) makes later access stranger
                  -- than a long one (investigating for weeks, then loose ends)
                  {w_inv} * log2(1 + inv_days) * (0.3 + r_inv_days)
                    * greatest(0.3, least(1.0, 1.2 - 0.3 * log2(1 + involvement_days)))
                    * (1 - {case_discount} * inv_case_days::DOUBLE / greatest(inv_days, 1))
                  + 0.7 * {w_inv} * log2(1 + team_after_days) * (0.3 + r_team_after_days)
                ) * after_remit_factor
                -- after release: softened like "after involvement" on days the staff member
                -- also opened the person's occurrence, but only for those who never met the
                -- person in the suite (preparing the file after charge is desk work; a custody
                -- officer's later lookups are what the signal is for). For the same reason a
                -- remit softens it only for those who did not meet the person: a custody
                -- unit's remit is the people in its cells, not the people it released.
                + {w_rel} * log2(1 + rel_days) * (0.3 + r_rel_days)
                  * (1 - {case_discount} * rel_case_days::DOUBLE / greatest(rel_days, 1))
                  * CASE WHEN met_in_custody THEN 1.0
                    ELSE 1 - 0.6 * remit_events::DOUBLE / events END
                -- context: none of it is explained by a remit
                + {w_off} * log2(1 + off_x) * (0.3 + r_off_x)
                + {w_quiet} * log2(1 + quiet_x) * (0.3 + r_quiet_x)
                + {w_lone} * log2(1 + lone_days) * (0.3 + r_lone_days) * (1 - base_lone)
                + {w_dor} * log2(1 + dormant_days) * (0.3 + r_dormant_days)
                + {w_sys} * log2(1 + other_systems) * (0.3 + r_other_systems)
                + {w_alone} * log2(1 + alone_days) * (0.3 + r_alone_days)
                + {w_fol} * log2(1 + follow_days) * (0.3 + r_follow_days)
                + {w_cover} * log2(1 + cover_days) * (0.3 + r_cover_days)
                + CASE WHEN never_linked THEN {w_nl} ELSE 0 END
                + CASE WHEN witness_looked_up THEN {w_wit} ELSE 0 END
                + CASE WHEN search_events > 0 THEN {w_ns} * (1 - base_search) ELSE 0 END
                + CASE WHEN near_home THEN {w_nh} * (1 - base_home) ELSE 0 END)
              -- a person much of the force looks up (S026) is everyone's business
              * force_interest AS evidence
            FROM (SELECT *,
              -- how far the remit softens "after the involvement ended": only as far as
              -- the unit's peers come back after theirs (a control room's remit is its
              -- callers, not coming back to one of them days after the call)
              1 - 0.6 * (1 - r_inv_days) * remit_events::DOUBLE / events AS after_remit_factor
              FROM pairs_rarity) AS rated) AS scored""",
        )
        pairs = self.records(f"""SELECT * FROM pair_scores
            WHERE raw >= {MIN_PAIR_RAW} AND (days >= 2 OR inv_events > 0 OR rel_events > 0
              OR search_events > 0 OR off_events > 0 OR quiet_events > 0 OR team_after_events > 0)
            ORDER BY raw DESC, force, staff_id, nominal_id""")
        # The occurrences through which each pair's person was seen: opening one case is one
        # look, however many people it names (self_contrast counts it once).
        if any(pair.get("via_events") for pair in pairs):
            cases = {
                (r["force"], r["staff_id"], r["subject_id"]): r
                for r in self.records("""
                SELECT r.force, r.staff_id, r.subject_id,
                  list_distinct(list(r.via_occurrence)) AS cases,
                  list_distinct(list(n.nominal_id)) AS named
                FROM (SELECT DISTINCT force, staff_id, subject_id, via_occurrence FROM resid
                      WHERE via_occurrence IS NOT NULL) AS r
                JOIN occurrence_nominals n
                  ON n.force = r.force AND n.occurrence_id = r.via_occurrence
                GROUP BY r.force, r.staff_id, r.subject_id""")
            }
            for pair in pairs:
                seen = cases.get((pair["force"], pair["staff_id"], pair["nominal_id"]))
                pair["via_cases"] = sorted(seen["cases"]) if seen else []
                pair["via_named"] = sorted(seen["named"]) if seen else []
        return [self._pair_alert(pair) for pair in pairs]

    def _force_interest(self) -> None:
        """People looked up by a large share of the force (S026): a major incident's victim,
        a wanted man in every briefing, a murder the whole force reads about.

        `bar` = the larger of `share_from` of the staff who used the systems and
        `min_lookers`; a person looked up by more than `bar` staff weighs each pair's
        evidence by sqrt(bar / lookers). Built empty when the rule is off.
        """
        if not self.on("force_interest"):
            self.create(
                "force_interest",
                "SELECT force, subject_id AS nominal_id, 0 AS lookers, 0.0 AS bar FROM acc "
                "WHERE false",
            )
            return
        share_from = float(self.p("force_interest", "share_from"))
        min_lookers = int(self.p("force_interest", "min_lookers"))
        self.create(
            "force_interest",
            f"""
            WITH lookers AS (
              SELECT force, subject_id AS nominal_id, count(DISTINCT staff_id) AS lookers
              FROM acc WHERE subject_kind = 'N' GROUP BY force, subject_id),
            bars AS (
              SELECT force, greatest({share_from} * count(DISTINCT staff_id), {min_lookers}) AS bar
              FROM acc GROUP BY force)
            SELECT l.force, l.nominal_id, l.lookers, b.bar
            FROM lookers l JOIN bars b USING (force) WHERE l.lookers > b.bar""",
        )

    RARITY_FEATURES: ClassVar[tuple[str, ...]] = (
        "days",
        "off_x",
        "quiet_x",
        "inv_days",
        "rel_days",
        "team_after_days",
        "dormant_days",
        "other_systems",
        "alone_days",
        "lone_days",
        "follow_days",
        "cover_days",
    )

    def _peer_rarity(self) -> None:
        """For each pair feature, how rare its level is among the staff member's unit peers.

        r = ln(N / k) / ln(N), where k is the number of staff in the unit (N of them, at
        least 20 so small units are not over-trusted) whose highest value of the feature over
        all their pairs is at least this pair's value: 1 when nobody else shows it, near 0
        when everyone does. A unit of fewer than 20 is filled up with peers borrowed from the
        rest of the force, who count towards k at the rate of the staff outside the unit
        (counted over those staff and 20 more who never show it, so that a small force's few
        outsiders do not decide it).
        """
        self.create(
            "unit_of",
            """
            SELECT e.force, e.staff_id, coalesce(u.unit, '(no posting)') AS unit
            FROM (SELECT DISTINCT force, staff_id FROM acc) e
            LEFT JOIN (  -- the unit most of their accesses were made from (ties by name)
              SELECT force, staff_id, unit FROM (
                SELECT force, staff_id, unit,
                  row_number() OVER (PARTITION BY force, staff_id ORDER BY n DESC, unit) AS k
                FROM (SELECT a.force, a.staff_id, u.unit, count(*) AS n
                      FROM acc a JOIN acc_unit u USING (aid) GROUP BY ALL) AS counted) AS ranked
              WHERE k = 1) u
              USING (force, staff_id)""",
        )
        # A unit of fewer than PEER_GROUP_FLOOR is filled up with peers borrowed from the
        # rest of the force: they show each feature as often as the staff outside the unit
        # do (a small office unit's everyday habit is not rare because only four share it).
        floor = PEER_GROUP_FLOOR
        self.create(
            "unit_size",
            f"""
            SELECT u.force, u.unit, greatest(count(*), {floor}) AS n, count(*) AS members,
              greatest({floor} - count(*), 0) AS borrowed, any_value(f.staff) AS force_staff
            FROM unit_of u JOIN (SELECT force, count(*) AS staff FROM unit_of GROUP BY force) f
              USING (force)
            GROUP BY ALL""",
        )
        maxes = ", ".join(f"max({f}) AS {f}" for f in self.RARITY_FEATURES)
        self.create(
            "staff_max",
            f"""
            SELECT p.force, u.unit, p.staff_id, {maxes}
            FROM pairs p JOIN unit_of u USING (force, staff_id) GROUP BY ALL""",
        )
        wit_days = int(self.rules["met_as_witness"].param("min_days_after"))
        selects = [
            "p.*, u.unit",
            # met as a witness or caller, then looked up after the involvement (S018)
            f"p.met_as_witness AND p.inv_days >= {wit_days} AND p.other_systems > 0"
            " AS witness_looked_up",
        ]
        joins = ["JOIN unit_of u USING (force, staff_id)", "JOIN unit_size z USING (force, unit)"]
        for f in self.RARITY_FEATURES:
            self.create(
                f"rare_{f}",
                f"""
                SELECT m.force, m.unit, v.v, count(*) FILTER (WHERE m.{f} >= v.v) AS k
                FROM staff_max m CROSS JOIN (SELECT DISTINCT {f} AS v FROM pairs WHERE {f} > 0) v
                GROUP BY ALL""",
            )
            self.create(
                f"force_rare_{f}",
                f"SELECT force, v, sum(k) AS k FROM rare_{f} GROUP BY force, v",
            )
            joins.append(
                f"LEFT JOIN rare_{f} ON rare_{f}.force = p.force AND rare_{f}.unit = u.unit "
                f"AND rare_{f}.v = p.{f} "
                f"LEFT JOIN force_rare_{f} ON force_rare_{f}.force = p.force "
                f"AND force_rare_{f}.v = p.{f}"
            )
            outside = f"coalesce(force_rare_{f}.k, 1) - coalesce(rare_{f}.k, 1)"
            # the outside rate leans towards "nobody" where the rest of the force is small
            borrowed = (
                f"z.borrowed * greatest({outside}, 0)::DOUBLE"
                f" / (greatest(z.force_staff - z.members, 0) + {floor})"
            )
            selects.append(
                f"CASE WHEN p.{f} > 0 THEN ln(z.n / greatest(coalesce(rare_{f}.k, 1) + {borrowed}, 1))"
                f" / ln(z.n) ELSE 0 END AS r_{f}"
            )
        self.create(
            "pairs_rarity", "SELECT " + ", ".join(selects) + " FROM pairs p " + " ".join(joins)
        )

    def _pair_alert(self, pair: dict[str, Any]) -> dict[str, Any]:
        rule_ids: list[str] = []
        reasons: list[str] = []
        r = self.rules
        if pair["days"] >= int(r["repetition"].param("min_days")):
            rule_ids.append(r["repetition"].id)
            reasons.append(f"looked up {pair['events']} times on {pair['days']} days")
        if pair.get("via_events"):
            rule_ids.append(r["through_occurrence"].id)
            reasons.append(f"{pair['via_events']} by opening an occurrence that names the person")
        if pair["inv_events"]:
            rule_ids.append(r["after_involvement"].id)
            reasons.append(
                f"{pair['inv_events']} after their involvement in the person's occurrence ended"
            )
        if pair["team_after_events"]:
            rule_ids.append(r["after_involvement"].id)
            reasons.append(
                f"{pair['team_after_events']} after the team colleague's tasking on the person ended"
            )
        if pair["cover_days"] and self.on("team_cover"):
            rule_ids.append(r["team_cover"].id)
            reasons.append(cover_clause(pair))
        if pair["rel_events"]:
            rule_ids.append(r["after_release"].id)
            reasons.append(f"{pair['rel_events']} {release_clause(pair)}")
        if self.on("off_duty") and pair["off_events"]:
            rule_ids.append(r["off_duty"].id)
            reasons.append(
                f"{pair['off_events']} of {pair['rostered_events']} rostered-period accesses off duty"
            )
        if pair["quiet_events"] and self.on("quiet_time"):
            rule_ids.append(r["quiet_time"].id)
            hours = int(r["quiet_time"].param("window_minutes")) / 60
            reasons.append(
                f"{pair['quiet_events']} at quiet times with no roster to compare (hardly any "
                f"other use of the systems within {hours:g} hours either side)"
            )
        if pair["lone_days"] and self.on("lone_session"):
            rule_ids.append(r["lone_session"].id)
            reasons.append(
                f"on {pair['lone_days']} day{'s' if pair['lone_days'] > 1 else ''} the system "
                "was opened for this person and nothing else"
            )
        if self.on("met_as_witness") and pair.get("witness_looked_up"):
            rule_ids.append(r["met_as_witness"].id)
            reasons.append(
                "met as a witness or caller at an incident they were tasked on, then looked up"
                " after their involvement ended, in more than one system"
            )
        if pair["never_linked"]:
            rule_ids.append(r["never_linked"].id)
            reasons.append("no tasking, custody record or team link to the person, ever")
        if pair["search_events"]:
            rule_ids.append(r["name_search"].id)
            reasons.append(f"{pair['search_events']} found by searching")
        if pair["dormant_days"]:
            rule_ids.append(r["dormant_record"].id)
            reasons.append(
                f"on {pair['dormant_days']} of the days the person was in no open occurrence or custody"
            )
        if pair["alone_days"]:
            rule_ids.append(r["alone_with_record"].id)
            reasons.append(
                f"on {pair['alone_days']} of the days nobody else was working on the person"
            )
        if pair["other_systems"]:
            rule_ids.append(r["cross_system"].id)
            reasons.append(f"looked up in {pair['other_systems'] + 1} different systems")
        followed = follow_clause(pair)
        if followed:
            reasons.append(followed)
        if pair["follow_days"] and self.on("address_after"):
            rule_ids.append(r["address_after"].id)
        if pair["near_home"]:
            rule_ids.append(r["near_home"].id)
            reasons.append("the person lives in the staff member's home district")
        if pair["markers"]:
            rule_ids.append(r["vulnerability"].id)
        if pair["shared_interest"]:
            rule_ids.append(r["shared_interest"].id)
            reasons.append(
                f"{pair['shared_colleagues']} others in the unit looked the person up as often"
                " (the unit's shared interest: counted as linked to the work, ranked lower)"
            )
        elif pair["weak_events"]:
            reasons.append(
                f"{pair['weak_events']} covered only by a weak explanation (team or unit remit)"
            )
        if float(pair["force_interest"]) < 1.0:
            rule_ids.append(r["force_interest"].id)
            reasons.append(
                f"{pair['force_lookers']} staff across the force looked the person up"
                " (a force-wide interest: ranked lower)"
            )
        raw = float(pair["raw"]) * float(pair["support"])
        score = pair_score(raw)
        return {
            "force": pair["force"],
            "staff_id": pair["staff_id"],
            "rule_family": "person_focus",
            "subject_nominal_id": pair["nominal_id"],
            "nominal_ids": [pair["nominal_id"]],
            "score": score,
            "raw": raw,
            "rule_ids": rule_ids,
            "reasons": reasons,
            "pair": pair,
        }

    def _breadth_alerts(self) -> list[dict[str, Any]]:
        if not self.on("breadth"):
            return []
        b = self.rules["breadth"]
        min_people = int(b.param("min_people"))
        min_z = float(b.param("min_robust_z"))
        min_pair_raw = float(b.param("min_pair_raw"))
        counted = self._breadth_counted()
        self.create(
            "breadth_counts",
            f"""
            SELECT p.force, p.staff_id, count(*) AS people, list(p.nominal_id) AS ids,
              avg(p.v) AS mean_v, sum(p.off_events) AS off_events,
              sum(p.raw - {min_pair_raw}) AS concern
            FROM pair_scores p
            WHERE {counted}
            GROUP BY ALL""",
        )
        # Each person counts by how far their lookups' score passes the bar (a glance at the
        # bar counts for nothing, a return visit off duty for much); the staff member's total
        # is set against unit peers', and so, for the narrative, is the number of people.
        self._peer_z("breadth_z", "breadth_counts", "concern")
        self._peer_z("breadth_people_z", "breadth_counts", "people")
        self.create(
            "breadth",
            f"""
            SELECT z.force, z.staff_id, z.unit, coalesce(b.people, 0) AS people, b.ids,
              b.mean_v, coalesce(b.off_events, 0) AS off_events, z.x AS concern, z.med,
              z.peers, z.mad, z.z, pz.med AS peer_people
            FROM breadth_z z LEFT JOIN breadth_counts b USING (force, staff_id)
            JOIN breadth_people_z pz USING (force, staff_id)
            WHERE coalesce(b.people, 0) >= {min_people}""",
        )
        cells, pool = self._breadth_focus(counted)
        trawls = self._focused_trawls()
        focus_floor = float(b.param("focus_floor"))
        focus_full = float(b.param("focus_full_surprise"))
        alerts = []
        seen: set[tuple[str, str]] = set()
        for rec in self.records(
            f"SELECT * FROM breadth WHERE z >= {min_z} ORDER BY z DESC, force, staff_id, unit"
        ):
            if (rec["force"], rec["staff_id"]) in seen:  # keep the unit with the highest z
                continue
            seen.add((rec["force"], rec["staff_id"]))
            raw = (
                math.log1p(rec["people"])
                * (1 + min(float(rec["z"]), 10) / 5)
                * float(rec["mean_v"] or 0.5)
            )
            # Where looking broadly is the unit's everyday work (a high peer median), trawling
            # is far harder to tell from work: the alert stays, ranked lower.
            raw /= 1 + float(rec["med"]) / 5
            # Abuse for a sexual purpose seeks out one kind of person; a busy officer's
            # stray lookups are as mixed as everyone else's. The group the lookups centre on
            # (sex and age band), against the mix of people the unit's peers look up without
            # a link to their work, weighs the alert between focus_floor and twice that.
            # Where the force did not record the sex or age of most of these people, focus
            # cannot be judged and the alert keeps its weight.
            known = cells.get((rec["force"], rec["staff_id"]), {})
            focus = strongest_focus(
                known,
                int(rec["people"]),
                pool.get((rec["force"], rec["unit"]), {}),
                sample_cap=int(b.param("focus_sample_cap")),
            )
            focused = min(1.0, focus.surprise / focus_full) if focus else 0.0
            if 2 * sum(known.values()) >= int(rec["people"]):
                raw *= focus_floor * (1 + focused)
            score = round(100 * (1 - math.exp(-raw / 2.5)), 1)
            reasons = [
                f"looked up {rec['people']} vulnerable people with no link to their work; "
                f"peers in {unit_label(rec['unit'])} looked up {rec['peer_people']:g} "
                f"(median of {rec['peers']})",
            ]
            if focus is not None and focused >= 0.5:
                group = FOCUS_LABELS.get(focus.cell, focus.cell)
                rec["focus"] = {
                    "group": group,
                    "count": focus.count,
                    "peer_share": round(focus.peer_share, 3),
                }
                reasons.append(
                    f"{focus.count} of the {focus.people} were {group}, against "
                    f"{focus.peer_share:.0%} of the people peers looked up"
                )
            if rec["off_events"]:
                reasons.append(f"{rec['off_events']} of these accesses off duty")
            alerts.append(
                {
                    "force": rec["force"],
                    "staff_id": rec["staff_id"],
                    "rule_family": "breadth",
                    "subject_nominal_id": None,
                    "nominal_ids": sorted(rec["ids"] or [])[:200],
                    "score": score,
                    "rule_ids": [
                        b.id,
                        self.rules["never_linked"].id,
                        self.rules["vulnerability"].id,
                    ],
                    "reasons": reasons,
                    "breadth": rec,
                }
            )
        # A focused trawl (S027) raises a breadth alert of its own, or weighs the staff
        # member's breadth alert where their breadth stood out too.
        for alert in alerts:
            found = trawls.pop((alert["force"], alert["staff_id"]), None)
            if found is not None:
                self._add_trawl(alert, found)
        for found in trawls.values():
            alert = {
                "force": found["force"],
                "staff_id": found["staff_id"],
                "rule_family": "breadth",
                "subject_nominal_id": None,
                "nominal_ids": [],
                "score": 0.0,
                "rule_ids": [self.rules["never_linked"].id, self.rules["vulnerability"].id],
                "reasons": [],
                "breadth": {
                    "force": found["force"],
                    "staff_id": found["staff_id"],
                    "unit": found["unit"],
                },
            }
            self._add_trawl(alert, found)
            alerts.append(alert)
        return alerts

    def _add_trawl(self, alert: dict[str, Any], found: dict[str, Any]) -> None:
        """Put a focused trawl's people, figures, score and reason on a breadth alert."""
        t = self.rules["focused_trawl"]
        z = float(found["z"])
        alert["score"] = max(
            float(alert["score"]), trawl_score(z, min_z=float(t.param("min_robust_z")))
        )
        alert["rule_ids"] = [t.id, *alert["rule_ids"]]
        targets = sorted(found["ids"] or [])
        alert["nominal_ids"] = (targets + sorted(set(alert["nominal_ids"]) - set(targets)))[:200]
        people, looked_up = int(found["k"]), int(found["n"])
        rec = alert["breadth"]
        rec.update(
            trawl_people=people,
            trawl_looked_up=looked_up,
            trawl_share=round(people / looked_up, 3),
            trawl_peer_share=round(float(found["peer_share"]), 3),
            trawl_peers=int(found["peers"]),
            trawl_group=found["peer_group"],
            trawl_target=trawl_target_label(t),
            trawl_z=round(z, 2),
        )
        alert["reasons"].append(trawl_clause(rec))

    def _breadth_counted(self) -> str:
        """SQL predicate over `pair_scores p`: a lookup that breadth counts."""
        b = self.rules["breadth"]
        return (
            "p.never_linked"
            f" AND p.marker_v >= {float(b.param('min_vulnerability'))}"
            f" AND p.raw >= {float(b.param('min_pair_raw'))}"
        )

    def _breadth_focus(
        self, predicate: str
    ) -> tuple[dict[tuple[str, str], dict[str, int]], dict[tuple[str, str], dict[str, float]]]:
        """People counted by breadth, by sex and age band, and the unit peers' mix of them.

        The mix is over the people the unit's staff looked up in the same way (the same
        bars as breadth's): what such a lookup in that unit usually lands on. People of
        unknown sex or age fall in no group.
        """
        b = self.rules["breadth"]
        child_below = int(b.param("child_below"))
        older_from = int(b.param("older_from"))
        # Sex as recorded by its first letter (F, Female; M, Male); any other code (U, N/K,
        # X) is read as not known rather than as a group of its own.
        sex = sex_code_sql("p.sex")
        cell = f"""CASE WHEN {sex} NOT IN ('F', 'M')
              OR p.birth_year IS NULL
              THEN NULL
            ELSE {sex} || ':' || CASE
              WHEN year(p.first_ts) - p.birth_year < {child_below} THEN 'child'
              WHEN year(p.first_ts) - p.birth_year >= {older_from} THEN 'older'
              ELSE 'adult' END END"""
        # One pass: each staff member's counted people by group, with their unit; the unit's
        # mix is the sum over its staff.
        cells: dict[tuple[str, str], dict[str, int]] = {}
        totals: dict[tuple[str, str], int] = {}
        counted: dict[tuple[str, str], dict[str, int]] = {}
        for rec in self.records(f"""
            SELECT p.force, p.staff_id, u.unit, {cell} AS cell, count(*) AS n
            FROM pair_scores p JOIN unit_of u ON u.force = p.force AND u.staff_id = p.staff_id
            WHERE {predicate}
            GROUP BY ALL"""):
            key = (rec["force"], rec["unit"])
            n = int(rec["n"])
            totals[key] = totals.get(key, 0) + n
            if rec["cell"] is not None:
                staff_cells = cells.setdefault((rec["force"], rec["staff_id"]), {})
                staff_cells[rec["cell"]] = n
                unit_cells = counted.setdefault(key, {})
                unit_cells[rec["cell"]] = unit_cells.get(rec["cell"], 0) + n
        # A unit with few such lookups borrows its mix from the force's (FOCUS_PRIOR people).
        force_total: dict[str, int] = {}
        force_mix: dict[str, dict[str, int]] = {}
        for (force, _unit), n in totals.items():
            force_total[force] = force_total.get(force, 0) + n
        for (force, _unit), mix in counted.items():
            for c, n in mix.items():
                force_mix.setdefault(force, {})[c] = force_mix.get(force, {}).get(c, 0) + n
        pool: dict[tuple[str, str], dict[str, float]] = {}
        for key, total in totals.items():
            mix = counted.get(key, {})
            pool[key] = {
                c: (mix.get(c, 0) + FOCUS_PRIOR * n / force_total[key[0]]) / (total + FOCUS_PRIOR)
                for c, n in force_mix.get(key[0], {}).items()
            }
        return cells, pool

    def _focused_trawls(self) -> dict[tuple[str, str], dict[str, Any]]:
        """Staff whose unlinked lookups away from their patch centre on young women victims.

        Over `pair_scores`: the marked people each staff member glanced at (on at most
        `max_days` days) with no link to their work who do not live in a district they are
        posted to (`n`), and of them the women of the target age recorded as victims of the
        target kinds (`k`). The share k / n, shrunk towards the peer group's by
        `prior_people`, is set against the other members of the peer group (role within the
        unit where enough share it, else the unit) as a robust z-score (S027). Returns those
        at or above the bars, keyed (force, staff_id).
        """
        if not self.on("focused_trawl"):
            return {}
        t = self.rules["focused_trawl"]
        markers = " OR ".join(
            f"list_contains(p.markers, {sql_str(str(m))})" for m in t.param("target_markers")
        )
        age = "year(p.first_ts) - p.birth_year"
        target = (
            f"{sex_code_sql('p.sex')} = {sql_str(str(t.param('target_sex'))[:1].upper())}"
            f" AND {age} BETWEEN {int(t.param('target_age_from'))}"
            f" AND {int(t.param('target_age_to'))} AND ({markers or 'false'})"
        )
        prior = float(t.param("prior_people"))
        self.create(
            "trawl_counts",
            f"""
            WITH patch AS (SELECT DISTINCT force, staff_id, district FROM postings
                           WHERE district IS NOT NULL),
            away AS (
              SELECT p.force, p.staff_id, p.nominal_id, ({target}) AS target
              FROM pair_scores p
              LEFT JOIN nominals n ON n.force = p.force AND n.nominal_id = p.nominal_id
              WHERE p.never_linked AND array_length(p.markers) > 0
                AND p.days <= {int(t.param("max_days"))}
                AND NOT EXISTS (SELECT 1 FROM patch d WHERE d.force = p.force
                                AND d.staff_id = p.staff_id AND d.district = n.district)),
            role_of AS (  -- their role in the unit their accesses came from
              SELECT u.force, u.staff_id, arg_max(p.role, p.start) AS role
              FROM unit_of u JOIN postings p ON p.force = u.force
                AND p.staff_id = u.staff_id AND p.unit = u.unit
              GROUP BY u.force, u.staff_id),
            member AS (
              SELECT u.force, u.staff_id, u.unit, r.role,
                count(*) OVER (PARTITION BY u.force, u.unit, r.role) AS role_staff
              FROM unit_of u LEFT JOIN role_of r USING (force, staff_id)
              WHERE EXISTS (SELECT 1 FROM staff st WHERE st.force = u.force
                            AND st.staff_id = u.staff_id))
            SELECT m.force, m.staff_id, m.unit,
              CASE WHEN m.role IS NOT NULL AND m.role_staff >= {int(t.param("min_role_group"))}
                THEN m.unit || ' / ' || m.role ELSE m.unit END AS peer_group,
              count(a.nominal_id) AS n, count(a.nominal_id) FILTER (WHERE a.target) AS k,
              list(a.nominal_id) FILTER (WHERE a.target) AS ids
            FROM member m LEFT JOIN away a ON a.force = m.force AND a.staff_id = m.staff_id
            GROUP BY ALL""",
        )
        self.create(
            "trawl",
            f"""
            WITH force_share AS (
              SELECT force, sum(k) / greatest(sum(n), 1) AS share FROM trawl_counts GROUP BY force),
            grp AS (
              SELECT c.force, c.peer_group, count(*) AS peers,
                (sum(c.k) + {FOCUS_PRIOR} * any_value(f.share)) / (sum(c.n) + {FOCUS_PRIOR})
                  AS share
              FROM trawl_counts c JOIN force_share f USING (force) GROUP BY ALL),
            shrunk AS (
              SELECT c.*, g.peers,
                (c.k + {prior} * g.share) / (c.n + {prior}) AS s
              FROM trawl_counts c JOIN grp g USING (force, peer_group)),
            judged AS (
              SELECT * FROM shrunk WHERE peers >= {int(t.param("min_group"))}
                AND k >= {int(t.param("min_people"))}
                AND k >= {float(t.param("min_share"))} * n),
            -- each judged staff member against the others in the group (in a group of ten
            -- a trawler would otherwise be his own 95th percentile)
            others AS (
              SELECT x.force, x.staff_id, o.s
              FROM judged x JOIN shrunk o ON o.force = x.force
                AND o.peer_group = x.peer_group AND o.staff_id <> x.staff_id),
            peer AS (
              SELECT force, staff_id, median(s) AS med, quantile_cont(s, 0.95) AS p95
              FROM others GROUP BY ALL),
            spread AS (
              SELECT o.force, o.staff_id, median(abs(o.s - p.med)) AS mad
              FROM others o JOIN peer p USING (force, staff_id) GROUP BY ALL)
            SELECT x.force, x.staff_id, x.unit, x.peer_group, x.n, x.k, x.ids, x.peers, x.s,
              p.med AS peer_share,
              {
                robust_z_sql(
                    "x.s", med="p.med", mad="m.mad", p95="p.p95", least=float(t.param("min_spread"))
                )
            } AS z
            FROM judged x JOIN peer p USING (force, staff_id)
            JOIN spread m USING (force, staff_id)""",
        )
        min_z = float(t.param("min_robust_z"))
        return {
            (r["force"], r["staff_id"]): r
            for r in self.records(
                f"SELECT * FROM trawl WHERE z >= {min_z} ORDER BY force, staff_id"
            )
        }

    def _peer_z(self, table: str, source: str, column: str) -> None:
        """Each staff member's `column` of `source` as a robust z-score among unit peers.

        Every staff member in the staff list who made accesses counts as a peer, with 0 where
        `source` has no row for them. z = (x - median) / max(1.4826 x MAD, (p95 - median) /
        1.645, 1): the 95th percentile keeps a unit where most show nothing from turning
        any single finding into an outlier. (DuckDB's median and quantile_cont; Spark's
        median and percentile.)
        """
        self.create(
            table,
            f"""
            WITH scored AS (
              SELECT u.force, u.staff_id, u.unit, coalesce(s.{column}, 0) AS x
              FROM unit_of u LEFT JOIN {source} s USING (force, staff_id)
              WHERE EXISTS (SELECT 1 FROM staff st WHERE st.force = u.force
                            AND st.staff_id = u.staff_id)),
            peer AS (
              SELECT force, unit, median(x) AS med, quantile_cont(x, 0.95) AS p95,
                count(*) AS peers
              FROM scored GROUP BY force, unit),
            mad AS (
              SELECT s.force, s.unit, median(abs(s.x - p.med)) AS mad
              FROM scored s JOIN peer p USING (force, unit) GROUP BY s.force, s.unit)
            SELECT s.force, s.staff_id, s.unit, s.x, p.med, p.peers, m.mad,
              {robust_z_sql("s.x", med="p.med", mad="m.mad", p95="p.p95", least=1.0)} AS z
            FROM scored s JOIN peer p USING (force, unit) JOIN mad m USING (force, unit)""",
        )

    def _peer_contrast(self, alerts: list[dict[str, Any]]) -> None:
        """Weigh each staff member's alerts by how far their strongest pattern stands out.

        The strongest person-level evidence of each staff member (their highest pair score,
        alert or not) is set against their unit's: an alert keeps its full score where that
        stands out (robust z >= z_full), and falls towards `floor` of it where others in the
        unit show patterns as strong. A public-protection officer's repeated lookups of
        victims are judged against other public-protection officers, not against response
        officers who rarely open a victim's record twice.
        """
        if not self.on("peer_contrast") or not alerts:
            return
        rule = self.rules["peer_contrast"]
        z_full = float(rule.param("z_full"))
        floor = float(rule.param("floor"))
        min_peers = int(rule.param("min_peers"))
        self.create(
            "staff_peak",
            """
            SELECT force, staff_id, max(raw * support) AS peak FROM pair_scores
            GROUP BY force, staff_id""",
        )
        self._peer_z("peak_z", "staff_peak", "peak")
        peers = {
            (r["force"], r["staff_id"]): r
            for r in self.records("SELECT force, staff_id, unit, peers, z FROM peak_z")
        }
        # A record alert (S025) is judged by the staff member's most days on such a record:
        # offender managers check the cars of the people they manage week after week, each a
        # car nobody else opens, and where others in the unit do the same it is their work.
        records: dict[tuple[str, str], dict[str, Any]] = {}
        if any(a["rule_family"] == "record_repetition" for a in alerts):
            self.create(
                "record_peak",
                "SELECT force, staff_id, max(days) AS days FROM record_repeats GROUP BY ALL",
            )
            self._peer_z("record_z", "record_peak", "days")
            records = {
                (r["force"], r["staff_id"]): r
                for r in self.records("SELECT force, staff_id, unit, peers, z FROM record_z")
            }
        for alert in alerts:
            family, who = alert["rule_family"], (alert["force"], alert["staff_id"])
            if family not in ("person_focus", "breadth", "record_repetition"):
                continue
            on_record = family == "record_repetition"
            peer = (records if on_record else peers).get(who)
            if peer is None or int(peer["peers"]) < min_peers:  # too few to compare with
                continue
            z = float(peer["z"]) if on_record else contrast_z(alert, float(peer["z"]))
            weight = peer_weight(z, z_full=z_full, floor=floor)
            alert["score"] = round(alert["score"] * weight, 1)
            payload = alert.get("pair") or alert.get("breadth") or alert.get("record") or {}
            payload["peer_z"] = round(z, 2)
            staff, unit = peer["peers"], unit_label(peer["unit"])
            if weight >= 1.0:
                alert["rule_ids"] = [*alert["rule_ids"], rule.id]
                alert["reasons"].append(
                    f"nobody else among the {staff} staff in {unit} returns to such a record as often"
                    if on_record
                    else f"their strongest pattern stands out from the {staff} staff in {unit}"
                )
            else:
                habit = (
                    "return to records nobody else opens too"
                    if on_record
                    else "show patterns as strong"
                )
                alert["reasons"].append(f"others in {unit} {habit} (ranked lower for it)")

    def _caseloads(self, alerts: list[dict[str, Any]]) -> None:
        """Judge each person-level alert of a staff member with a caseload against it (S021)."""
        if not self.on("caseload"):
            return
        rule = self.rules["caseload"]
        min_days = int(rule.param("min_days"))
        self.create(
            "caseloads",
            f"""
            SELECT * FROM (
              SELECT force, staff_id, count(*) FILTER (WHERE days >= {min_days}) AS caseload,
                count(*) AS people,
                median(raw * support) FILTER (WHERE days >= {min_days}) AS usual_raw
              FROM pair_scores GROUP BY force, staff_id) AS per_staff
            WHERE caseload >= {int(rule.param("min_people"))}
              AND caseload >= {float(rule.param("min_share"))} * people""",
        )
        caseloads = {
            (r["force"], r["staff_id"]): r for r in self.records("SELECT * FROM caseloads")
        }
        stand_out = float(rule.param("stand_out"))
        for alert in alerts:
            rec = caseloads.get((alert["force"], alert["staff_id"]))
            if rec is None or alert["rule_family"] != "person_focus":
                continue
            usual = max(float(rec["usual_raw"] or 0.0), 1e-9)
            alert["raw"] = alert["raw"] * min(1.0, alert["raw"] / (stand_out * usual))
            alert["score"] = pair_score(alert["raw"])
            alert["rule_ids"] = [*alert["rule_ids"], rule.id]
            alert["pair"]["caseload"] = int(rec["caseload"])
            alert["reasons"].append(caseload_clause(alert["pair"]))

    def _prior_allegations(self, alerts: list[dict[str, Any]]) -> None:
        """Rank higher the alerts of staff with an earlier allegation on record (S020)."""
        if not self.on("prior_allegation"):
            return
        rule = self.rules["prior_allegation"]
        weight = float(rule.param("weight"))
        categories = ", ".join(sql_str(c) for c in rule.param("categories"))
        self.create(
            "prior_allegations",
            f"""
            SELECT a.force, a.staff_id, count(*) AS allegations,
              arg_max(a.category, a.received) AS category, max(a.received) AS received,
              arg_max(a.outcome, a.received) AS outcome
            FROM allegations a
            WHERE a.received <= (SELECT CAST(max(ts) AS DATE) FROM acc x WHERE x.force = a.force)
              AND a.category IN ({categories})
            GROUP BY a.force, a.staff_id""",
        )
        history = {
            (r["force"], r["staff_id"]): r for r in self.records("SELECT * FROM prior_allegations")
        }
        for alert in alerts:
            if alert["rule_family"] not in ("person_focus", "breadth", "record_repetition"):
                continue
            rec = history.get((alert["force"], alert["staff_id"]))
            if rec is None:
                continue
            alert["score"] = round(100 - (100 - alert["score"]) / (1 + weight), 1)
            alert["rule_ids"] = [*alert["rule_ids"], rule.id]
            prior = {
                "count": int(rec["allegations"]),
                "category": rec["category"],
                "received": str(rec["received"]),
                "outcome": rec["outcome"],
            }
            alert["reasons"].append(allegation_clause(prior))
            family_rec = alert.get("pair") or alert.get("breadth") or alert.get("record") or {}
            family_rec["prior_allegation"] = prior

    SIGNAL_EVENTS: ClassVar[dict[str, str]] = {
        "prior_allegation": "SELECT r.event_id FROM resid r JOIN prior_allegations p"
        " ON p.force = r.force AND p.staff_id = r.staff_id",
        "caseload": "SELECT r.event_id FROM resid r JOIN caseloads c"
        " ON c.force = r.force AND c.staff_id = r.staff_id JOIN pairs p ON p.force = r.force"
        " AND p.staff_id = r.staff_id AND p.nominal_id = r.subject_id"
        " WHERE p.days >= {min_days_caseload}",
        "off_duty": "SELECT event_id FROM resid WHERE rostered AND NOT on_duty",
        "quiet_time": "SELECT event_id FROM resid WHERE quiet",
        "after_involvement": "SELECT event_id FROM resid WHERE after_involvement",
        "after_release": "SELECT event_id FROM resid WHERE after_release",
        "never_linked": "SELECT event_id FROM resid WHERE never_linked",
        "met_as_witness": "SELECT r.event_id FROM resid r JOIN pair_scores p"
        " ON p.force = r.force AND p.staff_id = r.staff_id AND p.nominal_id = r.subject_id"
        " WHERE p.witness_looked_up AND r.after_involvement",
        "name_search": "SELECT r.event_id FROM resid r JOIN search_led s USING (aid) "
        "WHERE r.action = 'search' OR s.search_led",
        "repetition": "SELECT r.event_id FROM resid r JOIN pairs p ON p.force = r.force "
        "AND p.staff_id = r.staff_id AND p.nominal_id = r.subject_id WHERE p.days >= {min_days}",
        "dormant_record": "SELECT event_id FROM resid WHERE dormant",
        "shared_interest": "SELECT r.event_id FROM resid r JOIN pairs p ON p.force = r.force "
        "AND p.staff_id = r.staff_id AND p.nominal_id = r.subject_id "
        "WHERE p.shared_interest",
        "force_interest": "SELECT r.event_id FROM resid r JOIN pairs p ON p.force = r.force "
        "AND p.staff_id = r.staff_id AND p.nominal_id = r.subject_id "
        "WHERE p.force_interest < 1.0",
        "through_occurrence": "SELECT event_id FROM resid WHERE via_occurrence IS NOT NULL",
        "lone_session": "SELECT r.event_id FROM resid r JOIN lone USING (aid)",
        "address_after": "SELECT e.event_id FROM followed f JOIN resid r ON r.aid = f.person_aid"
        " JOIN events e ON e.aid = f.aid WHERE f.entity_type IN ("
        + _listed(ADDRESS_ENTITY_TYPES)
        + ")",
        "team_cover": "SELECT r.event_id FROM resid r JOIN pairs p ON p.force = r.force "
        "AND p.staff_id = r.staff_id AND p.nominal_id = r.subject_id "
        "WHERE r.under_team AND p.cover_days > 0",
        "alone_with_record": "SELECT event_id FROM resid WHERE alone",
        "record_returned": "SELECT e.event_id FROM events e JOIN record_repeats r "
        "ON r.force = e.force AND r.staff_id = e.staff_id AND r.entity_type = e.entity_type "
        "AND r.entity_id = e.entity_id",
        "cross_system": "SELECT r.event_id FROM resid r JOIN pairs p ON p.force = r.force "
        "AND p.staff_id = r.staff_id AND p.nominal_id = r.subject_id WHERE p.other_systems > 0",
        "unknown_account": "SELECT a.event_id FROM acc a WHERE NOT EXISTS (SELECT 1 FROM staff s "
        "WHERE s.force = a.force AND s.staff_id = a.staff_id)",
        "near_home": "SELECT r.event_id FROM resid r JOIN pairs p ON p.force = r.force "
        "AND p.staff_id = r.staff_id AND p.nominal_id = r.subject_id WHERE p.near_home",
        "vulnerability": "SELECT r.event_id FROM resid r JOIN pairs p ON p.force = r.force "
        "AND p.staff_id = r.staff_id AND p.nominal_id = r.subject_id WHERE p.marker_v >= 0.6",
        "peer_contrast": "SELECT r.event_id FROM resid r JOIN peak_z z ON z.force = r.force "
        "AND z.staff_id = r.staff_id JOIN pair_scores p ON p.force = r.force "
        "AND p.staff_id = r.staff_id AND p.nominal_id = r.subject_id "
        "WHERE z.z >= {z_full} AND z.peers >= {min_peers} AND p.raw >= {min_raw}",
        "breadth": "SELECT r.event_id FROM resid r JOIN breadth b ON b.force = r.force "
        "AND b.staff_id = r.staff_id WHERE b.z >= {min_z} AND list_contains(b.ids, r.subject_id)",
        "focused_trawl": "SELECT r.event_id FROM resid r JOIN trawl t ON t.force = r.force "
        "AND t.staff_id = r.staff_id WHERE t.z >= {trawl_z} AND list_contains(t.ids, r.subject_id)",
    }

    def matched_events(self, name: str) -> set[str]:
        """Event ids a rule matched in the last run: explained by it, or flagged by it."""
        rule = self.rules[name]
        if rule.kind == "explanation":
            sql = (
                "SELECT a.event_id FROM acc a JOIN acc_expl x USING (aid) "
                f"WHERE x.rule = {sql_str(name)}"
            )
            return {r[0] for r in self.db.rows(sql)[1]}
        # Signals whose working tables are built whatever the rule's status.
        built_anyway = ("breadth", "peer_contrast", "prior_allegation", "caseload", "address_after")
        if name in built_anyway and not self.on(name):
            return set()
        # A focused trawl's table is built only when it and breadth, whose alert it raises, run.
        if name == "focused_trawl" and not (self.on(name) and self.on("breadth")):
            return set()
        sql = self.SIGNAL_EVENTS[name].format(
            min_days=int(self.rules["repetition"].param("min_days")),
            min_days_caseload=int(self.rules["caseload"].param("min_days")),
            min_z=float(self.rules["breadth"].param("min_robust_z")),
            z_full=float(self.rules["peer_contrast"].param("z_full")),
            min_peers=int(self.rules["peer_contrast"].param("min_peers")),
            min_raw=MIN_PAIR_RAW,
            trawl_z=float(self.rules["focused_trawl"].param("min_robust_z")),
        )
        return {r[0] for r in self.db.rows(sql)[1]}

    def _unknown_account_alerts(self) -> list[dict[str, Any]]:
        """One alert per login that is not in staff.csv: a shared login is itself a finding."""
        _, rows = self.db.rows("""
            SELECT a.force, a.staff_id, count(*) AS events, min(a.ts) AS first_ts,
              max(a.ts) AS last_ts,
              count(DISTINCT a.subject_id) FILTER (WHERE n.marker_v >= 0.6) AS vulnerable_people
            FROM acc a LEFT JOIN nominal_v n ON a.subject_kind = 'N' AND n.force = a.force
              AND n.nominal_id = a.subject_id
            WHERE NOT EXISTS (SELECT 1 FROM staff s WHERE s.force = a.force
                              AND s.staff_id = a.staff_id)
            GROUP BY a.force, a.staff_id ORDER BY events DESC, a.force, a.staff_id""")
        alerts = []
        for force, account, events, first_ts, last_ts, vulnerable in rows:
            # Kept below person-level concerns: it calls for an audit of the login, and its
            # score grows only slowly with the number of vulnerable people it touched.
            score = round(min(45.0, 25.0 + 4.0 * math.log1p(int(vulnerable))), 1)
            alerts.append(
                {
                    "force": force,
                    "staff_id": account,
                    "rule_family": "unknown_account",
                    "subject_nominal_id": None,
                    "nominal_ids": [],
                    "score": score,
                    "rule_ids": ["S011"],
                    "reasons": [
                        f"not in the staff list; {events} accesses, {vulnerable} vulnerable people"
                    ],
                    "account": {
                        "events": int(events),
                        "first_ts": first_ts,
                        "last_ts": last_ts,
                        "vulnerable_people": int(vulnerable),
                    },
                }
            )
        return alerts

    def _record_alerts(self) -> list[dict[str, Any]]:
        """One record that names nobody (a car), opened on many days by one staff member alone.

        A vehicle record says nothing of whose car it is, so no person-level rule sees it;
        but someone following a woman checks her car again and again, with no incident to
        explain it, while a vehicle of genuine interest (stolen, wanted, in an operation) is
        checked by many. S025: `min_days` or more days, and at most `max_others` other staff
        members ever opened the record.
        """
        rule = self.rules["record_returned"]
        if not self.on("record_returned"):  # built empty, so that it matches nothing
            self.create(
                "record_repeats",
                "SELECT force, staff_id, entity_type, entity_id FROM access_events WHERE false",
            )
            return []
        types = _listed(tuple(str(t) for t in rule.param("entity_types")))
        min_days = int(rule.param("min_days"))
        max_others = int(rule.param("max_others"))
        self.create(
            "record_repeats",
            f"""
            WITH mine AS (
              SELECT e.force, e.staff_id, e.entity_type, e.entity_id,
                count(DISTINCT CAST(e.ts AS DATE)) AS days, count(*) AS events,
                min(e.ts) AS first_ts, max(e.ts) AS last_ts
              FROM events e JOIN staff s ON s.force = e.force AND s.staff_id = e.staff_id
              WHERE e.entity_type IN ({types}) AND e.entity_id IS NOT NULL
              GROUP BY e.force, e.staff_id, e.entity_type, e.entity_id),
            lookers AS (
              SELECT force, entity_type, entity_id, count(DISTINCT staff_id) AS staff
              FROM events WHERE entity_type IN ({types}) AND entity_id IS NOT NULL
              GROUP BY force, entity_type, entity_id)
            SELECT m.*, l.staff - 1 AS others
            FROM mine m JOIN lookers l USING (force, entity_type, entity_id)
            WHERE m.days >= {min_days} AND l.staff - 1 <= {max_others}""",
        )
        weight = float(rule.param("weight"))
        alerts = []
        # One alert per staff member (its key is the staff member's), on their most returned-to
        # record; any others are counted in it.
        leads: dict[tuple[str, str], dict[str, Any]] = {}
        for rec in self.records(
            "SELECT * FROM record_repeats ORDER BY days DESC, events DESC, force, staff_id, entity_id"
        ):
            lead = leads.setdefault((rec["force"], rec["staff_id"]), rec)
            lead["more_records"] = lead.get("more_records", -1) + 1
        for rec in leads.values():
            raw = weight * math.log2(1 + int(rec["days"]))
            others = int(rec["others"])
            nobody = "no other staff member" if others == 0 else f"{others} other staff member"
            alerts.append(
                {
                    "force": rec["force"],
                    "staff_id": rec["staff_id"],
                    "rule_family": "record_repetition",
                    "subject_nominal_id": None,
                    "nominal_ids": [],
                    "score": round(100 * (1 - math.exp(-raw / 2.5)), 1),
                    "rule_ids": [rule.id],
                    "reasons": [
                        f"looked up {rec['entity_type']} record {rec['entity_id']} {rec['events']}"
                        f" times on {rec['days']} days; {nobody} ever opened it"
                        + (
                            f"; {rec['more_records']} more such record"
                            f"{'s' if rec['more_records'] > 1 else ''}"
                            if rec["more_records"]
                            else ""
                        )
                    ],
                    "record": rec,
                }
            )
        return alerts

    def _suppressed(self, alert: dict[str, Any]) -> bool:
        for force, staff_id, nominal_id, family in self.suppressions:
            if force != alert["force"] or staff_id != alert["staff_id"]:
                continue
            if family is not None and family != alert["rule_family"]:
                continue
            if nominal_id is None or nominal_id == alert["subject_nominal_id"]:
                return True
        return False

    def _summary(self, n_alerts: int) -> dict[str, Any]:
        row = self.db.rows("""SELECT count(*), count(*) FILTER (WHERE explained),
            count(*) FILTER (WHERE strong) FROM acc_status""")[1][0]
        total, explained, strong = (int(v or 0) for v in row)
        per_rule: dict[str, int] = dict(
            self.db.rows(
                "SELECT rule, count(DISTINCT aid) AS n FROM acc_expl GROUP BY rule "
                "ORDER BY n DESC, rule"
            )[1]
        )
        remits = [
            {"force": f, "unit": u, "category": c, "members_with": int(m), "members": int(n)}
            for f, u, c, m, n in self.db.rows(
                "SELECT force, unit, cat, members_with, members FROM remit "
                "ORDER BY force, unit, cat"
            )[1]
        ]
        events = self.db.count("access_events")
        return {
            "events": events,
            "accesses_to_people_and_occurrences": total,
            "explained": explained,
            "explained_strongly": strong,
            "explained_share": round(explained / total, 4) if total else None,
            "explained_by_rule": {k: int(v) for k, v in per_rule.items()},
            "alerts": n_alerts,
            "tables_present": {k: v for k, v in self.present.items()},
            "rules_not_used": dict(sorted(self.unavailable.items())),
            "context_limits": dict(sorted(self.limits.items())),
            "learned_remits": remits,
        }
