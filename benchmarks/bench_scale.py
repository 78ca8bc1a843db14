"""Scale: simulate, import and detect one large force, with peak memory and disk.

Not part of `make bench` (a hundred million events take the better part of an hour on two
cores); run it by hand, e.g. for the 100M-event target on a 24 GB machine:

    CUSTODIET_LAKE_MEMORY=14GB python benchmarks/bench_scale.py --staff 13800 --days 180 \\
        --work /var/tmp/scale

`--work` keeps the package (and is reused when run again), so the import and detection can be
measured again without simulating. Peak memory is the process's resident set, which includes
DuckDB's buffers (DuckDB runs in-process); spill files go to `lake.tmp` beside the lake.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import shutil
import threading
import time
from pathlib import Path

from custodiet.db import upgrade
from custodiet.detect.evaluate import detect_and_score
from custodiet.detect.service import run_detection
from custodiet.ingest.service import import_package
from custodiet.simulate.generator import simulate_force


def _size_gb(path: Path) -> float:
    """Size of a file or directory tree in GB."""
    if path.is_file():
        return path.stat().st_size / 1e9
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e9


class SpillWatch:
    """Samples the size of DuckDB's spill directory every few seconds; keeps the peak."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.peak_gb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(5):
            # a spill file may go away while being counted
            with contextlib.suppress(FileNotFoundError):
                if self.path.exists():
                    self.peak_gb = max(self.peak_gb, _size_gb(self.path))

    def __enter__(self) -> SpillWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _peak_rss_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def main() -> None:
    """Run the scale benchmark and print what each step took."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--staff", type=int, default=13800)
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--work", type=Path, required=True)
    args = parser.parse_args()
    package = args.work / "package"
    home = args.work / "home"
    print(f"memory limit for DuckDB: {os.environ.get('CUSTODIET_LAKE_MEMORY', '80% of RAM')}")
    if not (package / "manifest.json").exists():
        t0 = time.perf_counter()
        summary = simulate_force(out=package, staff=args.staff, days=args.days, seed=args.seed)
        print(
            f"simulate: {summary.events:,} events in {time.perf_counter() - t0:.0f}s; "
            f"package {_size_gb(package):.1f} GB; peak RSS so far {_peak_rss_gb():.1f} GB",
            flush=True,
        )
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    lake = home / "lake.duckdb"
    db_url = f"sqlite:///{home / 'custodiet.sqlite3'}"
    upgrade(db_url)
    with SpillWatch(home / "lake.tmp") as spill:
        t0 = time.perf_counter()
        result = import_package(lake_path=lake, db_url=db_url, package=package)
        import_s = time.perf_counter() - t0
        loaded = sum(c.loaded for c in result.files.values())
        print(
            f"import: {loaded:,} rows in {import_s:.0f}s; lake {_size_gb(lake):.1f} GB; "
            f"peak RSS so far {_peak_rss_gb():.1f} GB; peak spill {spill.peak_gb:.1f} GB",
            flush=True,
        )
        t0 = time.perf_counter()
        truth = package.parent / "package.truth.json"
        if truth.exists():  # detect, and score against the simulator's truth
            ev = detect_and_score(home, truth, staff=args.staff, days=args.days)
            alerts = f"recall {ev.recall_at_budget:.3f} and AP {ev.average_precision:.3f}"
            alerts += f" at a budget of {ev.budget}; {ev.legit_explained_share:.1%} explained"
        else:
            alerts = f"{run_detection(lake_path=lake, db_url=db_url).alerts:,} alerts"
        detect_s = time.perf_counter() - t0
    print(
        f"detect: {alerts} in {detect_s:.0f}s; peak RSS {_peak_rss_gb():.1f} GB; "
        f"peak spill {spill.peak_gb:.1f} GB",
        flush=True,
    )
    if truth.exists():
        missed = ", ".join(f"{m['pattern']}#{m['rank']}" for m in ev.missed) or "none"
        print(f"missed: {missed}", flush=True)


if __name__ == "__main__":
    main()
