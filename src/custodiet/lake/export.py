"""Export the lake to Parquet, partitioned by force (and month for events), for Spark.

Spark reads the result with `spark.read.parquet(HOME/parquet/access_events)`: Hive-style
partition folders (`force=XX/month=2026-01/`) become columns. Times are UTC timestamps
without zone, as in the lake.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from custodiet.fdp.schema import TABLES
from custodiet.lake.store import open_lake, quote


def export_parquet(*, lake_path: Path, out_dir: Path) -> dict[str, int]:
    """Write every lake table to `out_dir/<table>/`, replacing an earlier export; row counts."""
    counts: dict[str, int] = {}
    out_dir.mkdir(parents=True, exist_ok=True)
    with open_lake(lake_path, read_only=True) as con:
        for table in TABLES:
            target = out_dir / table.name
            if target.exists():
                shutil.rmtree(target)
            row = con.execute(f"SELECT count(*) FROM {quote(table.name)}").fetchall()
            counts[table.name] = int(row[0][0]) if row else 0
            if not counts[table.name]:
                continue
            if table.name == "access_events":
                select = f"SELECT *, strftime(ts, '%Y-%m') AS month FROM {quote(table.name)}"
                partition = "force, month"
            else:
                select = f"SELECT * FROM {quote(table.name)}"
                partition = "force"
            con.execute(
                f"COPY ({select}) TO '{target}' "
                f"(FORMAT parquet, PARTITION_BY ({partition}), COMPRESSION zstd)"
            ).fetchall()
    return counts
