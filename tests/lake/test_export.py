"""Parquet export: every row, partitioned by force and month, readable as a Hive dataset."""

from __future__ import annotations

from pathlib import Path

import duckdb

from custodiet.ingest.service import import_package
from custodiet.lake.export import export_parquet
from tests.fixtures.packages import write_small_package


def test_export_round_trips_with_partitions(home: Path, tmp_path: Path) -> None:
    lake = home / "lake.duckdb"
    import_package(
        lake_path=lake, db_url=None, package=write_small_package(tmp_path / "a", force="AA")
    )
    import_package(
        lake_path=lake, db_url=None, package=write_small_package(tmp_path / "b", force="BB")
    )
    out = tmp_path / "parquet"
    counts = export_parquet(lake_path=lake, out_dir=out)
    assert counts["access_events"] == 12 and counts["staff"] == 8
    assert (out / "access_events" / "force=AA" / "month=2026-01").is_dir()
    con = duckdb.connect()
    con.execute("SET TimeZone='UTC'")
    rows = con.execute(
        f"SELECT force, month, count(*), min(ts)::VARCHAR FROM read_parquet('{out}/access_events/**/*.parquet', "
        "hive_partitioning=true) GROUP BY ALL ORDER BY 1"
    ).fetchall()
    assert rows == [
        ("AA", "2026-01", 6, "2026-01-05 08:11:00"),
        ("BB", "2026-01", 6, "2026-01-05 08:11:00"),
    ]
    # A second export replaces the first rather than adding to it.
    export_parquet(lake_path=lake, out_dir=out)
    again = con.execute(
        f"SELECT count(*) FROM read_parquet('{out}/staff/**/*.parquet', hive_partitioning=true)"
    ).fetchall()
    assert again == [(8,)]
