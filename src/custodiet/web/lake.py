"""Read-only lookups in the lake for the workbench: staff profiles and nominal markers.

DuckDB lets one process write the lake, so each lookup opens it read-only briefly, and
small answers are cached. If the lake is missing or busy the pages say so and carry on.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb

from custodiet.lake.store import open_lake, table_exists

CACHE_SECONDS = 60.0
CACHE_MAX = 20_000


@dataclass(frozen=True)
class NominalInfo:
    """What may be shown about a nominal beside their pseudonym."""

    sex: str | None = None
    birth_year: int | None = None
    markers: tuple[str, ...] = ()


@dataclass
class StaffProfile:
    """A staff member's record, postings, vetting and declared changes from the lake."""

    staff: dict[str, Any] | None = None
    postings: list[dict[str, Any]] = field(default_factory=list)
    vetting: list[dict[str, Any]] = field(default_factory=list)
    circumstances: list[dict[str, Any]] = field(default_factory=list)
    available: bool = True
    note: str = ""


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


class LakeReader:
    """Cached, read-only, short-lived lake lookups (thread-safe)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, ...], tuple[float, Any]] = {}

    def _cached(self, key: tuple[str, ...]) -> Any | None:
        hit = self._cache.get(key)
        if hit and time.monotonic() - hit[0] < CACHE_SECONDS:
            return hit[1]
        return None

    def _store(self, key: tuple[str, ...], value: Any) -> None:
        if len(self._cache) >= CACHE_MAX:
            self._cache.clear()
        self._cache[key] = (time.monotonic(), value)

    def staff_profile(self, force: str, staff_id: str) -> StaffProfile:
        """The staff member's record, postings (newest first), vetting and changes."""
        key = ("staff", force, staff_id)
        with self._lock:
            cached = self._cached(key)
            if cached is not None:
                return cached  # type: ignore[no-any-return]
            if not self.path.exists():
                return StaffProfile(available=False, note="No force data imported yet.")
            try:
                with open_lake(self.path, read_only=True) as con:
                    profile = StaffProfile()
                    args = [force, staff_id]
                    if table_exists(con, "staff"):
                        found = _rows(
                            con,
                            "SELECT staff_id, name, staff_type, rank, sex, home_district, joined,"
                            ' "left" FROM staff WHERE force = ? AND staff_id = ?',
                            args,
                        )
                        profile.staff = found[0] if found else None
                    if table_exists(con, "postings"):
                        profile.postings = _rows(
                            con,
                            'SELECT unit, role, team, district, vetting_level_required, start, "end"'
                            " FROM postings WHERE force = ? AND staff_id = ?"
                            " ORDER BY start DESC LIMIT 50",
                            args,
                        )
                    if table_exists(con, "vetting"):
                        profile.vetting = _rows(
                            con,
                            "SELECT level, granted, expires, status FROM vetting"
                            " WHERE force = ? AND staff_id = ? ORDER BY granted DESC LIMIT 20",
                            args,
                        )
                    if table_exists(con, "circumstance_changes"):
                        profile.circumstances = _rows(
                            con,
                            "SELECT reported, kind FROM circumstance_changes"
                            " WHERE force = ? AND staff_id = ? ORDER BY reported DESC LIMIT 20",
                            args,
                        )
            except duckdb.Error as exc:
                return StaffProfile(
                    available=False, note=f"The lake is busy or unreadable ({exc})."
                )
            self._store(key, profile)
            return profile

    def nominals(self, force: str, nominal_ids: list[str]) -> dict[str, NominalInfo]:
        """Sex, birth year and markers of these nominals (unknown ids are left out)."""
        wanted = sorted({n for n in nominal_ids if n})
        result: dict[str, NominalInfo] = {}
        missing: list[str] = []
        with self._lock:
            for nominal_id in wanted:
                cached = self._cached(("nominal", force, nominal_id))
                if cached is None:
                    missing.append(nominal_id)
                elif isinstance(cached, NominalInfo):
                    result[nominal_id] = cached
            if not missing or not self.path.exists():
                return result
            try:
                with open_lake(self.path, read_only=True) as con:
                    if not table_exists(con, "nominals"):
                        return result
                    rows = con.execute(
                        "SELECT nominal_id, sex, birth_year, markers FROM nominals"
                        " WHERE force = ? AND list_contains(?, nominal_id)",
                        [force, missing],
                    ).fetchall()
            except duckdb.Error:
                return result
            found = {
                str(r[0]): NominalInfo(sex=r[1], birth_year=r[2], markers=tuple(r[3] or ()))
                for r in rows
            }
            for nominal_id in missing:
                info = found.get(nominal_id)
                self._store(("nominal", force, nominal_id), info or False)
                if info:
                    result[nominal_id] = info
            return result

    def forces(self) -> list[str]:
        """Force codes present in the lake (from imported packages)."""
        if not self.path.exists():
            return []
        with self._lock:
            try:
                with open_lake(self.path, read_only=True) as con:
                    if not table_exists(con, "packages"):
                        return []
                    return [
                        str(r[0])
                        for r in con.execute(
                            "SELECT DISTINCT force FROM packages ORDER BY force"
                        ).fetchall()
                    ]
            except duckdb.Error:
                return []


def as_text(value: object) -> str:
    """A lake value for display: dates as YYYY-MM-DD, times to the minute, None as blank."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
