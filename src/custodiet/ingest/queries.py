"""Read-only questions about what has been imported: quarantine and the home's status."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from custodiet.fdp.schema import TABLES
from custodiet.lake.store import open_lake, quote


def list_quarantine(
    lake_path: Path, *, force: str | None = None, file: str | None = None, limit: int = 200
) -> list[dict[str, Any]]:
    """Quarantined rows, newest first, optionally for one force or file."""
    where, params = ["true"], []
    if force:
        where.append("force = ?")
        params.append(force)
    if file:
        where.append("file = ?")
        params.append(file)
    with open_lake(lake_path) as con:
        cur = con.execute(
            "SELECT force, file, line, record, field, reason, raw, import_run, quarantined_at "
            f"FROM quarantine WHERE {' AND '.join(where)} "
            "ORDER BY quarantined_at DESC, file, line LIMIT ?",
            [*params, limit],
        )
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def home_status(lake_path: Path) -> dict[str, Any]:
    """Forces, periods, row counts, quarantine, unknown accounts and monitoring coverage."""
    info: dict[str, Any] = {"forces": []}
    with open_lake(lake_path) as con:
        forces = con.execute(
            "SELECT force, any_value(force_name), min(period_start), max(period_end), count(*) "
            "FROM packages GROUP BY force ORDER BY force"
        ).fetchall()
        for code, name, start, end, n_packages in forces:
            rows = {}
            for table in TABLES:
                r = con.execute(
                    f"SELECT count(*) FROM {quote(table.name)} WHERE force = ?", [code]
                ).fetchone()
                rows[table.name] = int(r[0]) if r else 0
            q = con.execute("SELECT count(*) FROM quarantine WHERE force = ?", [code]).fetchone()
            unknown = con.execute(
                "SELECT e.staff_id, count(*) FROM access_events e WHERE e.force = ? AND NOT EXISTS "
                "(SELECT 1 FROM staff s WHERE s.force = e.force AND s.staff_id = e.staff_id) "
                "GROUP BY 1 ORDER BY 2 DESC",
                [code],
            ).fetchall()
            info["forces"].append(
                {
                    "force": code,
                    "name": name,
                    "period_start": start,
                    "period_end": end,
                    "packages": int(n_packages),
                    "rows": rows,
                    "quarantined": int(q[0]) if q else 0,
                    "unknown_accounts": [{"staff_id": s, "events": int(n)} for s, n in unknown],
                    "monitoring": monitoring_coverage(con, code),
                }
            )
    return info


def monitoring_coverage(con: Any, force: str) -> dict[str, Any]:
    """Which systems are listed, which have no audit feed, and where declared and actual differ."""
    systems = con.execute(
        "SELECT system_id, coalesce(name, system_id), audit_feed FROM systems WHERE force = ? ORDER BY 1",
        [force],
    ).fetchall()
    with_events = {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT system_id FROM access_events WHERE force = ?", [force]
        ).fetchall()
    }
    listed = {s[0] for s in systems}
    return {
        "systems": len(systems),
        "no_audit_feed": [f"{s[0]} ({s[1]})" for s in systems if s[2] is False],
        "feed_declared_but_silent": [
            s[0] for s in systems if s[2] is not False and s[0] not in with_events
        ],
        "events_from_unlisted_systems": sorted(with_events - listed),
    }
