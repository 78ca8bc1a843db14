"""Import + detect against DuckDB reading the same CSVs and running a simple anti-join.

Simulates a force of about 3 million access events (make bench), then times side by side:
- baseline: DuckDB reads every access-events CSV plus the tasking tables and anti-joins the
  events against taskings (the simplest "unexplained access" query there is);
- custodiet: import of the whole package (validation, quarantine, merge) and detection.
Peak resident memory of the process is printed too.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

import duckdb

from custodiet.db import upgrade
from custodiet.detect.service import run_detection
from custodiet.ingest.service import import_package
from custodiet.simulate.generator import simulate_force


def baseline(package: Path) -> tuple[float, int]:
    """DuckDB: read the CSVs and anti-join events against taskings; (seconds, unexplained)."""
    con = duckdb.connect()
    t0 = time.perf_counter()
    events = f"read_csv('{package}/access_events*.csv', header=true, union_by_name=true)"
    row = con.execute(
        f"""SELECT count(*) FROM {events} e
        WHERE NOT EXISTS (
          SELECT 1 FROM read_csv('{package}/occurrence_staff.csv', header=true) s
          JOIN read_csv('{package}/occurrence_nominals.csv', header=true) n
            USING (occurrence_id)
          WHERE s.staff_id = e.staff_id AND n.nominal_id = e.entity_id)"""
    ).fetchone()
    seconds = time.perf_counter() - t0
    con.close()
    return seconds, int(row[0]) if row else 0


def main() -> None:
    """Run the benchmark and print the comparison."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--staff", type=int, default=1300)
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        summary = simulate_force(out=root / "pkg", staff=args.staff, days=args.days, seed=args.seed)
        print(f"simulated {summary.events:,} events in {time.perf_counter() - t0:.1f}s")
        base_s, unexplained = baseline(root / "pkg")
        home = root / "home"
        home.mkdir()
        db_url = f"sqlite:///{home / 'custodiet.sqlite3'}"
        upgrade(db_url)
        t0 = time.perf_counter()
        import_package(lake_path=home / "lake.duckdb", db_url=db_url, package=root / "pkg")
        import_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        outcome = run_detection(lake_path=home / "lake.duckdb", db_url=db_url)
        detect_s = time.perf_counter() - t0
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{'step':52} {'seconds':>8}")
        print(
            f"{'DuckDB read_csv + anti-join (' + format(unexplained, ',') + ' unexplained)':52} {base_s:8.1f}"
        )
        print(f"{'custodiet import':52} {import_s:8.1f}")
        print(
            f"{'custodiet detect (' + format(outcome.alerts, ',') + ' alerts)':52} {detect_s:8.1f}"
        )
        total = import_s + detect_s
        print(
            f"import + detect = {total:.1f}s = {total / base_s:.1f}x the DuckDB baseline "
            f"(target 1.5x); peak RSS {peak_mb:,.0f} MB; "
            f"{summary.events / total:,.0f} events/s end to end"
        )


if __name__ == "__main__":
    main()
