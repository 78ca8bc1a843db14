"""Withhold context from a simulated package, the way real forces' data falls short.

Detection is judged on forces whose data we never see. Many will supply less than the
simulator does: no teams in their postings, no rosters, no home districts, tasking records
that miss some of the work. Each degradation here rewrites a package in place (and its
manifest), so `custodiet evaluate --degrade ...` measures how much each gap costs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import duckdb

from custodiet.ingest.validate import sql_str


def _rewrite(package: Path, name: str, select: str) -> None:
    """Replace `name` in the package with the result of `select` over it (called `t`)."""
    path = package / name
    tmp = package / f".{name}.tmp"
    con = duckdb.connect()
    try:
        con.execute(
            f"CREATE VIEW t AS SELECT * FROM read_csv({sql_str(str(path))}, all_varchar = true,"
            " header = true)"
        )
        con.execute(f"COPY ({select}) TO {sql_str(str(tmp))} (HEADER, DELIMITER ',')")
    finally:
        con.close()
    tmp.replace(path)


def _blank(column: str, name: str) -> Callable[[Path], None]:
    def apply(package: Path) -> None:
        _rewrite(package, name, f'SELECT * REPLACE (NULL AS "{column}") FROM t')

    return apply


def _drop_file(name: str) -> Callable[[Path], None]:
    def apply(package: Path) -> None:
        (package / name).unlink(missing_ok=True)

    return apply


def _sample(name: str, keep: float) -> Callable[[Path], None]:
    def apply(package: Path) -> None:
        # Deterministic: a row is kept by a hash of its content, not by a random draw.
        _rewrite(
            package,
            name,
            f"SELECT * FROM t WHERE hash(t::VARCHAR) % 1000 < {int(keep * 1000)}",
        )

    return apply


DEGRADATIONS: dict[str, tuple[str, Callable[[Path], None]]] = {
    "no-teams": ("postings carry no team", _blank("team", "postings.csv")),
    "no-shifts": ("no rosters supplied", _drop_file("shifts.csv")),
    "no-home": ("staff carry no home district", _blank("home_district", "staff.csv")),
    "half-taskings": (
        "half of the tasking records are missing",
        _sample("occurrence_staff.csv", 0.5),
    ),
    "no-custody": ("no custody records supplied", _drop_file("custody.csv")),
}


def refresh_manifest(package: Path) -> None:
    """Recompute the row counts and SHA-256 of every file the manifest lists."""
    path = package / "manifest.json"
    manifest = json.loads(path.read_text())
    files: dict[str, dict[str, object]] = {}
    for name in sorted(manifest.get("files", {})):
        file = package / name
        if not file.exists():
            continue
        data = file.read_bytes()
        con = duckdb.connect()
        try:
            row = con.execute(
                f"SELECT count(*) FROM read_csv({sql_str(str(file))}, all_varchar = true,"
                " header = true)"
            ).fetchone()
        finally:
            con.close()
        files[name] = {
            "rows": int(row[0]) if row else 0,
            "sha256": hashlib.sha256(data).hexdigest(),
        }
    manifest["files"] = files
    path.write_text(json.dumps(manifest, indent=2))


def degrade(package: Path, names: list[str]) -> list[str]:
    """Apply the named degradations to a package; returns their descriptions."""
    unknown = [n for n in names if n not in DEGRADATIONS]
    if unknown:
        raise ValueError(
            f"unknown degradation {', '.join(unknown)}; choose from {', '.join(DEGRADATIONS)}"
        )
    done = []
    for name in names:
        description, apply = DEGRADATIONS[name]
        apply(package)
        done.append(description)
    refresh_manifest(package)
    return done
