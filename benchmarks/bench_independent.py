"""Detection on forces made by generators written apart from custodiet.

Five of them: `a` (benchmarks/independent_force, session 17), `b`
(benchmarks/independent_force_b, session 18), `c` (benchmarks/independent_force_c,
session 20), `d` (benchmarks/independent_force_d, session 21) and `e`
(benchmarks/independent_force_e, session 22). Generates each seed's package (kept in
--work and reused), imports it into a fresh home, detects, and scores against the
generator's truth file with the same measures as `custodiet evaluate`. Not part of
`make bench`: run `make bench-independent`.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from custodiet.db import upgrade
from custodiet.detect.evaluate import detect_and_score
from custodiet.ingest.service import import_package

GENERATORS = {
    "a": Path(__file__).parent / "independent_force" / "generator.py",
    "b": Path(__file__).parent / "independent_force_b" / "generator.py",
    "c": Path(__file__).parent / "independent_force_c" / "generator.py",
    "d": Path(__file__).parent / "independent_force_d" / "generator.py",
    "e": Path(__file__).parent / "independent_force_e" / "generator.py",
}


def run_seed(work: Path, *, generator: str, seed: int, staff: int, days: int) -> dict[str, object]:
    """Generate (unless kept), import, detect and score one seed."""
    root = work / f"{generator}-staff{staff}-days{days}-seed{seed}"
    package, truth = root / "package", root / "package.truth.json"
    if not truth.exists():
        subprocess.run(
            [sys.executable, str(GENERATORS[generator]), "--out", str(root), "--staff", str(staff),
             "--days", str(days), "--seed", str(seed)],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    home = root / "home"
    home.mkdir(parents=True, exist_ok=True)
    for name in ("lake.duckdb", "custodiet.sqlite3"):
        (home / name).unlink(missing_ok=True)
    db_url = f"sqlite:///{(home / 'custodiet.sqlite3').resolve()}"
    upgrade(db_url)
    started = time.perf_counter()
    import_package(lake_path=home / "lake.duckdb", db_url=db_url, package=package)
    imported = time.perf_counter() - started
    ev = detect_and_score(home, truth, staff=staff, days=days)
    return {
        "generator": generator,
        "seed": seed,
        "events": ev.events,
        "abusers": ev.abusers,
        "recall": round(ev.recall_at_budget, 3),
        "ap": round(ev.average_precision, 3),
        "explained": round(ev.legit_explained_share, 4),
        "cited": round(ev.abusive_cited_share, 3),
        "missed": [f"{m['pattern']}#{m['rank']}" for m in ev.missed],
        "import_s": round(imported, 1),
        "detect_s": ev.seconds.get("detect"),
    }


def main() -> None:
    """Score detection on each requested seed of the independent generator."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--work", type=Path, default=Path("/var/tmp/custodiet-independent"))
    parser.add_argument("--generators", default="a,b,c,d,e", help="Comma-separated: a, b, c, d, e.")
    parser.add_argument("--seeds", default="1,2,3,4")
    parser.add_argument(
        "--staff", type=int, default=None, help="Default: a 800, b 1000, c 1000, d 1000, e 1000."
    )
    parser.add_argument("--days", type=int, default=60)
    args = parser.parse_args()
    for generator in (g for g in args.generators.split(",") if g):
        staff = args.staff or {"a": 800, "b": 1000, "c": 1000, "d": 1000, "e": 1000}[generator]
        results = []
        for seed in (int(s) for s in args.seeds.split(",") if s):
            result = run_seed(
                args.work, generator=generator, seed=seed, staff=staff, days=args.days
            )
            results.append(result)
            print(result, flush=True)
        aps = [float(str(r["ap"])) for r in results]
        print(
            f"generator {generator}: mean average precision {sum(aps) / len(aps):.3f}"
            f" over {len(aps)} seeds",
            flush=True,
        )


if __name__ == "__main__":
    main()
