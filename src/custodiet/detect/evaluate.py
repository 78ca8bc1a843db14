"""Evaluation against the simulator's ground truth: simulate → import → detect → score.

Ranks staff by their highest alert score and measures, within a review budget of one alert
per 100 staff, how many planted abusers an analyst would reach; plus average precision, the
share of legitimate accesses explained, and the share of abusive accesses cited as evidence,
by abuse pattern.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from custodiet.db import upgrade
from custodiet.detect.service import run_detection
from custodiet.ingest.service import import_package
from custodiet.lake.engines import LakeEngine

BUDGET_PER_STAFF = 1 / 100


@dataclass
class Evaluation:
    """Scores of one simulated force."""

    seed: int
    staff: int
    days: int
    events: int = 0
    abusers: int = 0
    budget: int = 0
    recall_at_budget: float = 0.0
    precision_at_budget: float = 0.0
    average_precision: float = 0.0
    legit_explained_share: float = 0.0
    abusive_cited_share: float = 0.0
    by_pattern: dict[str, dict[str, Any]] = field(default_factory=dict)
    missed: list[dict[str, Any]] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def staff_ranking(alerts: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Staff (force, staff_id) in the order an analyst meets them going down the queue."""
    best: dict[tuple[str, str], float] = {}
    for alert in alerts:
        key = (alert["force"], alert["staff_id"])
        best[key] = max(best.get(key, 0.0), float(alert["score"]))
    return sorted(best, key=lambda k: (-best[k], k))


def alert_ranking(alerts: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The staff member of each alert, highest score first (duplicates kept)."""
    ordered = sorted(alerts, key=lambda a: (-float(a["score"]), a["staff_id"]))
    return [(a["force"], a["staff_id"]) for a in ordered]


def average_precision(ranking: list[tuple[str, str]], positives: set[tuple[str, str]]) -> float:
    """Average precision of a ranking; positives never ranked count as misses."""
    if not positives:
        return 0.0
    hits, total = 0, 0.0
    for rank, key in enumerate(ranking, start=1):
        if key in positives:
            hits += 1
            total += hits / rank
    return total / len(positives)


def score_run(
    truth: dict[str, Any], alerts: list[dict[str, Any]], legit_explained: float, staff: int
) -> Evaluation:
    """Compare one run's alerts with the ground truth."""
    force = truth["force"]
    ev = Evaluation(seed=int(truth.get("seed", 0)), staff=staff, days=int(truth.get("days", 0)))
    abusers = {(force, a["staff_id"]): a for a in truth["abusers"]}
    ranking = staff_ranking(alerts)
    ev.abusers = len(abusers)
    ev.budget = max(1, math.ceil(staff * BUDGET_PER_STAFF))
    # The budget is counted in alerts: an analyst reviews the first `budget` alerts.
    top = set(alert_ranking(alerts)[: ev.budget])
    found = top & set(abusers)
    ev.recall_at_budget = len(found) / len(abusers) if abusers else 0.0
    ev.precision_at_budget = len(found) / ev.budget
    ev.average_precision = average_precision(ranking, set(abusers))
    ev.legit_explained_share = legit_explained
    cited: dict[tuple[str, str], set[str]] = {}
    for alert in alerts:
        key = (alert["force"], alert["staff_id"])
        for event in alert.get("events", []):
            cited.setdefault(key, set()).add(event["event_id"])
    total_abusive = cited_abusive = 0
    rank_of = {k: i + 1 for i, k in enumerate(ranking)}
    for key, abuser in abusers.items():
        events = set(abuser["event_ids"])
        hit = len(events & cited.get(key, set()))
        total_abusive += len(events)
        cited_abusive += hit
        pat = ev.by_pattern.setdefault(
            abuser["pattern"], {"abusers": 0, "found_in_budget": 0, "events": 0, "cited": 0}
        )
        pat["abusers"] += 1
        pat["events"] += len(events)
        pat["cited"] += hit
        if key in top:
            pat["found_in_budget"] += 1
        else:
            ev.missed.append(
                {"staff_id": key[1], "pattern": abuser["pattern"], "rank": rank_of.get(key)}
            )
    for pat in ev.by_pattern.values():
        pat["recall"] = round(pat["found_in_budget"] / pat["abusers"], 3)
        pat["cited_share"] = round(pat["cited"] / pat["events"], 3) if pat["events"] else None
    ev.abusive_cited_share = cited_abusive / total_abusive if total_abusive else 0.0
    return ev


def prepare(
    out: Path,
    *,
    staff: int,
    days: int,
    seed: int,
    reuse: bool = False,
    degrade: tuple[str, ...] = (),
) -> tuple[Path, Path, dict[str, float]]:
    """Simulate one force and import it into a fresh home; (home, truth path, timings).

    `degrade` withholds context before the import (see simulate/degrade.py); such a force
    gets its own folder.
    """
    from custodiet.simulate.degrade import degrade as degrade_package
    from custodiet.simulate.generator import simulate_force

    root = out / (f"staff{staff}-days{days}-seed{seed}" + "".join(f"-{d}" for d in degrade))
    package = root / "package"
    home = root / "home"
    truth_path = root / "package.truth.json"
    timings: dict[str, float] = {}
    if reuse and (home / "lake.duckdb").exists() and truth_path.exists():
        return home, truth_path, timings
    t0 = time.perf_counter()
    summary = simulate_force(out=package, staff=staff, days=days, seed=seed)
    timings["simulate"] = time.perf_counter() - t0
    if degrade:
        degrade_package(package, list(degrade))
    home.mkdir(parents=True, exist_ok=True)
    (home / "lake.duckdb").unlink(missing_ok=True)
    (home / "custodiet.sqlite3").unlink(missing_ok=True)
    db_url = f"sqlite:///{(home / 'custodiet.sqlite3').resolve()}"
    upgrade(db_url)
    t0 = time.perf_counter()
    import_package(lake_path=home / "lake.duckdb", db_url=db_url, package=package)
    timings["import"] = time.perf_counter() - t0
    return home, Path(summary.truth), timings


def detect_and_score(
    home: Path, truth_path: Path, *, staff: int, days: int, engine: str = "duckdb"
) -> Evaluation:
    """Run detection on a prepared home and score it against the truth."""
    truth = json.loads(truth_path.read_text())
    db_url = f"sqlite:///{(home / 'custodiet.sqlite3').resolve()}"
    upgrade(db_url)
    abusive = [e for a in truth["abusers"] for e in a["event_ids"]]
    seen: dict[str, Any] = {}

    def inspect(db: LakeEngine, alerts: list[dict[str, Any]]) -> None:
        db.register("abusive_ids", pa.table({"event_id": pa.array(abusive, pa.string())}))
        row = db.rows(
            """SELECT count(*), count(*) FILTER (WHERE s.explained) FROM acc a
            JOIN acc_status s USING (aid)
            WHERE NOT EXISTS (SELECT 1 FROM abusive_ids b WHERE b.event_id = a.event_id)"""
        )[1][0]
        seen["legit"] = (int(row[1]) / int(row[0])) if row[0] else 0.0
        seen["alerts"] = alerts

    t0 = time.perf_counter()
    outcome = run_detection(
        lake_path=home / "lake.duckdb", db_url=db_url, engine=engine, inspect=inspect
    )
    ev = score_run(truth, seen["alerts"], seen["legit"], staff)
    ev.seconds["detect"] = round(time.perf_counter() - t0, 1)
    ev.days = days
    ev.events = int(outcome.summary["events"])
    return ev


def evaluate_one(
    out: Path,
    *,
    staff: int,
    days: int,
    seed: int,
    reuse: bool = False,
    degrade: tuple[str, ...] = (),
    engine: str = "duckdb",
) -> Evaluation:
    """Simulate one force, import it into a fresh home, detect, and score."""
    home, truth_path, timings = prepare(
        out, staff=staff, days=days, seed=seed, reuse=reuse, degrade=degrade
    )
    ev = detect_and_score(home, truth_path, staff=staff, days=days, engine=engine)
    ev.seed = seed
    ev.seconds.update({k: round(v, 1) for k, v in timings.items()})
    return ev


def evaluate(out: Path, *, sizes: list[tuple[int, int]], seeds: list[int]) -> list[Evaluation]:
    """Evaluate several sizes and seeds."""
    return [evaluate_one(out, staff=s, days=d, seed=seed) for s, d in sizes for seed in seeds]
