"""Opening the lake: UTC sessions, spilling to disk beside it, and a memory cap."""

from __future__ import annotations

from pathlib import Path

import pytest

from custodiet.lake.store import connect


def test_lake_spills_beside_itself_and_honours_the_memory_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CUSTODIET_LAKE_MEMORY", "512MB")
    con = connect(tmp_path / "home" / "lake.duckdb")
    try:
        row = con.execute(
            "SELECT current_setting('memory_limit'), current_setting('temp_directory'),"
            " current_setting('TimeZone')"
        ).fetchone()
    finally:
        con.close()
    assert row is not None
    limit, temp, zone = row
    amount, unit = limit.split()
    assert unit in ("MiB", "MB") and 400 < float(amount) < 600
    assert temp == str(tmp_path / "home" / "lake.tmp")
    assert zone == "UTC"
