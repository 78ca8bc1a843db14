"""Withhold context from a simulated package, the way real forces' data falls short.

Detection is judged on forces whose data we never see. Many will supply less than the
simulator does: no teams in their postings, no rosters, no home districts, tasking records
that miss some of the work. Each degradation here rewrites one file of a package in place
(or removes it) and updates the manifest, so `custodiet evaluate --degrade ...` measures
how much each gap costs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

from custodiet.fdp.manifest import file_sha256
from custodiet.lake.store import sql_str


@dataclass(frozen=True)
class Degradation:
    """What is withheld from which file: the file is removed when `keep_rows` is None."""

    description: str
    file: str  # a file name, or a glob pattern for every file it matches
    keep_rows: str | None = None  # a SELECT over the file's rows, called `t`, and others
    needs_truth: bool = False  # reads the abusers' event ids (`abusive`) from the truth file


# Each non-search view of a person named in an occurrence, in a system that holds
# occurrences, as a view of that person's latest occurrence opened by then (else the first).
MOVE_TO_OCCURRENCE = """
        WITH case_systems AS (SELECT DISTINCT system_id FROM t WHERE entity_type = 'occurrence'),
        person_cases AS (
          SELECT n.nominal_id, n.occurrence_id, CAST(o.opened AS TIMESTAMP) AS opened
          FROM occurrence_nominals n JOIN occurrences o USING (occurrence_id)),
        moved AS (
          SELECT t.system_id, t.event_id,
            arg_max(c.occurrence_id, CASE WHEN c.opened <= CAST(t.ts AS TIMESTAMP)
              THEN epoch(c.opened) ELSE -epoch(c.opened) END) AS occurrence_id
          FROM t JOIN person_cases c ON c.nominal_id = t.entity_id
          WHERE t.entity_type = 'nominal' AND t.action <> 'search' {only}
            AND t.system_id IN (SELECT system_id FROM case_systems)
          GROUP BY t.system_id, t.event_id)
        SELECT t.* REPLACE (
            CASE WHEN m.occurrence_id IS NULL THEN t.entity_type ELSE 'occurrence' END
              AS entity_type,
            coalesce(m.occurrence_id, t.entity_id) AS entity_id)
        FROM t LEFT JOIN moved m USING (system_id, event_id)"""

DEGRADATIONS: dict[str, Degradation] = {
    "no-teams": Degradation(
        "postings carry no team", "postings.csv", 'SELECT * REPLACE (NULL AS "team") FROM t'
    ),
    # How finely a force's HR records a posting changes every peer group detection learns.
    "units-as-teams": Degradation(
        "postings name the team as the unit (many small units)",
        "postings.csv",
        'SELECT * REPLACE (coalesce("team", "unit") AS "unit") FROM t',
    ),
    "one-unit": Degradation(
        "postings name no unit (one unit for the whole force)",
        "postings.csv",
        "SELECT * REPLACE ('force' AS \"unit\") FROM t",
    ),
    "no-shifts": Degradation("no rosters supplied", "shifts.csv"),
    "no-home": Degradation(
        "staff carry no home district",
        "staff.csv",
        'SELECT * REPLACE (NULL AS "home_district") FROM t',
    ),
    # Deterministic: a row is kept by a hash of its content, not by a random draw.
    "half-taskings": Degradation(
        "half of the tasking records are missing",
        "occurrence_staff.csv",
        "SELECT * FROM t WHERE hash(t::VARCHAR) % 1000 < 500",
    ),
    # A tasking system that records who was put on a case and not when they came off it.
    "no-tasking-ends": Degradation(
        "tasking records carry no end",
        "occurrence_staff.csv",
        'SELECT * REPLACE (NULL AS "end") FROM t',
    ),
    "no-custody": Degradation("no custody records supplied", "custody.csv"),
    "no-releases": Degradation(
        "custody records carry no release time",
        "custody.csv",
        'SELECT * REPLACE (NULL AS "released") FROM t',
    ),
    "no-closures": Degradation(
        "occurrences carry no closing time",
        "occurrences.csv",
        'SELECT * REPLACE (NULL AS "closed") FROM t',
    ),
    # People's records without vulnerability markers: who is vulnerable must come from
    # elsewhere (the occurrences they are in, their detentions).
    "no-markers": Degradation(
        "people carry no vulnerability markers",
        "nominals.csv",
        'SELECT * REPLACE (NULL AS "markers") FROM t',
    ),
    "no-demographics": Degradation(
        "people carry no sex or year of birth",
        "nominals.csv",
        'SELECT * REPLACE (NULL AS "sex", NULL AS "birth_year") FROM t',
    ),
    # Work patterns, not only context: audit trails that log less than the simulator's.
    "people-only": Degradation(
        "the audit trail records only person, occurrence and custody records (no vehicles,"
        " locations, intelligence or documents)",
        "access_events*.csv",
        "SELECT * FROM t WHERE entity_type IN ('nominal', 'occurrence', 'custody')",
    ),
    # A lighter-used or sparsely logged force: a third of every staff member's events, the
    # abusive ones included (so recall falls for want of evidence, not only of context).
    "thin-audit": Degradation(
        "the audit trail holds a third of the events (lighter use of the systems, or systems"
        " that log only some actions)",
        "access_events*.csv",
        "SELECT * FROM t WHERE hash(event_id) % 3 = 0",
    ),
    # The opposite: a system that logs every screen of a record, so each look is two events
    # a few seconds apart.
    "dense-audit": Degradation(
        "the audit trail logs every look twice (every screen of a record)",
        "access_events*.csv",
        "SELECT * FROM t UNION ALL SELECT * REPLACE (event_id || '-2' AS event_id,"
        " strftime(CAST(ts AS TIMESTAMP) + INTERVAL 7 SECOND, '%Y-%m-%dT%H:%M:%S') AS ts)"
        " FROM t",
    ),
    "no-searches": Degradation(
        "the audit trail does not record searches, only the records opened",
        "access_events*.csv",
        "SELECT * FROM t WHERE action <> 'search'",
    ),
    # Other abusers, not other data: the abusers read the victim's occurrence instead of her
    # person record (every abusive view of a person named in an occurrence becomes a view of
    # that occurrence, as above); everyone else's audit is unchanged. Needs the package's
    # ground truth beside it (`abusive` is the abusers' event ids).
    "abuse-through-occurrence": Degradation(
        "the abusers open the victim's occurrence, not her person record",
        "access_events*.csv",
        MOVE_TO_OCCURRENCE.format(only="AND t.event_id IN (SELECT event_id FROM abusive)"),
        needs_truth=True,
    ),
    # The same, for the abusers' sittings on every other day only (by a hash of the day):
    # abusers who sometimes open the person and sometimes her incident.
    "abuse-partly-through-occurrence": Degradation(
        "on about half of their days the abusers open the victim's occurrence, not her record",
        "access_events*.csv",
        MOVE_TO_OCCURRENCE.format(
            only="AND t.event_id IN (SELECT event_id FROM abusive)"
            " AND hash(t.staff_id || substr(t.ts, 1, 10)) % 2 = 0"
        ),
        needs_truth=True,
    ),
    # Abusers who look only while at work: each sitting (an hour's abusive events) moves,
    # whole, into the abuser's rostered shift nearest to it, at the same point of the shift
    # as its time of day (so sittings mapped to one shift stay apart), clear of the shift's
    # first and last hour. Off duty, quiet times and lone sessions no longer give them away;
    # abusers with no shifts on the roster are unchanged.
    "abuse-on-duty": Degradation(
        "the abusers look only while on a rostered shift",
        "access_events*.csv",
        """
        WITH sitting AS (
          SELECT t.staff_id, date_trunc('hour', CAST(t.ts AS TIMESTAMP)) AS hour,
            min(CAST(t.ts AS TIMESTAMP)) AS first_ts
          FROM t JOIN abusive a USING (event_id) GROUP BY ALL),
        moved AS (
          SELECT st.staff_id, st.hour,
            arg_min(CAST(sh.start AS TIMESTAMP) + to_seconds(CAST(3600
                + (epoch(st.first_ts) - epoch(date_trunc('day', st.first_ts))) / 86400
                * greatest(epoch(CAST(sh."end" AS TIMESTAMP)) - epoch(CAST(sh.start AS TIMESTAMP))
                           - 7200, 0) AS BIGINT)),
              abs(epoch(CAST(sh.start AS TIMESTAMP)) - epoch(st.first_ts))) - any_value(st.first_ts)
              AS shift_by
          FROM sitting st JOIN shifts sh ON sh.staff_id = st.staff_id GROUP BY ALL)
        SELECT t.* REPLACE (
            CASE WHEN a.event_id IS NULL OR m.shift_by IS NULL THEN t.ts
              ELSE strftime(CAST(t.ts AS TIMESTAMP) + m.shift_by, '%Y-%m-%dT%H:%M:%S') END AS ts)
        FROM t LEFT JOIN abusive a USING (event_id)
        LEFT JOIN moved m ON m.staff_id = t.staff_id
          AND m.hour = date_trunc('hour', CAST(t.ts AS TIMESTAMP))""",
        needs_truth=True,
    ),
    # A records system that audits the case file opened, not the person: whoever opens a
    # person named in an occurrence (the abusers included) is logged as opening that
    # occurrence, the latest one opened by then (else the first). Searches and systems that
    # hold no occurrences are unchanged.
    "occurrence-audit": Degradation(
        "the records system logs the occurrence opened, not the person in it",
        "access_events*.csv",
        MOVE_TO_OCCURRENCE.format(only=""),
    ),
}


def _csv_view(con: duckdb.DuckDBPyConnection, name: str, path: Path) -> None:
    con.execute(
        f"CREATE VIEW {name} AS SELECT * FROM read_csv({sql_str(str(path))},"
        " all_varchar = true, header = true)"
    )


def _rewrite(path: Path, select: str, *, abusive: list[str] | None = None) -> int:
    """Replace the CSV at `path` with `select` over its rows (called `t`; the package's
    other tables by their names); returns the rows written."""
    tmp = path.with_name(f".{path.name}.tmp")
    con = duckdb.connect()
    try:
        _csv_view(con, "t", path)
        for other in ("occurrences", "occurrence_nominals", "shifts"):
            if (path.parent / f"{other}.csv").exists():
                _csv_view(con, other, path.parent / f"{other}.csv")
        if abusive is not None:
            con.execute("CREATE TABLE abusive (event_id VARCHAR)")
            con.executemany("INSERT INTO abusive VALUES (?)", [(e,) for e in abusive])
        row = con.execute(f"COPY ({select}) TO {sql_str(str(tmp))} (HEADER)").fetchone()
    finally:
        con.close()
    tmp.replace(path)
    return int(row[0]) if row else 0


def _abusive(package: Path) -> list[str]:
    """The abusers' event ids from the ground truth written beside a simulated package."""
    truth = json.loads((package.parent / f"{package.name}.truth.json").read_text())
    return [e for a in truth["abusers"] for e in a["event_ids"]]


def degrade(package: Path, names: list[str]) -> list[str]:
    """Apply the named degradations to a package and its manifest; returns what was done."""
    unknown = [n for n in names if n not in DEGRADATIONS]
    if unknown:
        raise ValueError(
            f"unknown degradation {', '.join(unknown)}; choose from {', '.join(DEGRADATIONS)}"
        )
    manifest_path = package / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    files: dict[str, dict[str, object]] = manifest["files"]
    for name in names:
        step = DEGRADATIONS[name]
        abusive = _abusive(package) if step.needs_truth else None
        for path in sorted(package.glob(step.file)):
            if step.keep_rows is None:
                path.unlink()
                files.pop(path.name, None)
            else:
                rows = _rewrite(path, step.keep_rows, abusive=abusive)
                files[path.name] = {"rows": rows, "sha256": file_sha256(path)}
    manifest_path.write_text(json.dumps(manifest, indent=2))
    return [DEGRADATIONS[n].description for n in names]
