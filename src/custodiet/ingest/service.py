"""Import of force data packages into the lake: check, stage, validate, quarantine, merge.

One package is one DuckDB transaction: a manifest mismatch or any failure rolls the whole
package back, so nothing of it is half-loaded. Every row ends loaded, unchanged or
quarantined (with file, line, field and reason), and the three add up to the manifest.
"""

from __future__ import annotations

import json
import uuid
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from custodiet.db import session_scope, utcnow
from custodiet.fdp.manifest import (
    Manifest,
    ManifestFile,
    PackageRefused,
    file_sha256,
    read_manifest,
)
from custodiet.fdp.schema import TABLES, Table
from custodiet.ingest.mapping import (
    FDP_DIALECT,
    CsvDialect,
    Layout,
    MappedPackage,
    TableMapping,
    mapped_manifest,
    mapped_select,
)
from custodiet.ingest.models import ImportRun
from custodiet.ingest.validate import (
    TimePolicy,
    hour_offsets_sql,
    key_expr,
    row_hash_expr,
    validation_select,
)
from custodiet.lake.store import open_lake, quote, sql_str

Progress = Callable[[str, int, int], None]


@dataclass
class FileCounts:
    """What happened to the rows of one file."""

    rows: int = 0
    loaded: int = 0
    unchanged: int = 0
    quarantined: int = 0
    replaced: int = 0  # of `loaded`, rows that replaced an earlier version

    def as_json(self) -> dict[str, int]:
        """The four figures of the --json contract."""
        return {
            "rows": self.rows,
            "loaded": self.loaded,
            "unchanged": self.unchanged,
            "quarantined": self.quarantined,
        }


@dataclass
class PackageResult:
    """Outcome of importing one package."""

    force: str
    run_id: str
    package: Path
    files: dict[str, FileCounts] = field(default_factory=dict)
    unknown_accounts: dict[str, int] = field(default_factory=dict)
    # Staff ids written in another letter case than staff.csv holds them: exported id ->
    # (staff id it was matched to, rows in any table).
    matched_by_case: dict[str, tuple[str, int]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        """The exact --json object: force and per-file counts."""
        return {"force": self.force, "files": {n: c.as_json() for n, c in self.files.items()}}


def _table_order(files: tuple[ManifestFile, ...]) -> list[ManifestFile]:
    order = {t.name: i for i, t in enumerate(TABLES)}
    return sorted(files, key=lambda f: (order[f.table.name], f.name))


def verify_files(manifest: Manifest) -> None:
    """Check that every listed file exists and has the manifest's SHA-256."""
    for item in manifest.files:
        path = manifest.package / item.name
        if not path.is_file():
            raise PackageRefused(
                manifest.package, "listed in the manifest but missing", file=item.name
            )
        actual = file_sha256(path)
        if actual != item.sha256:
            raise PackageRefused(
                manifest.package,
                f"SHA-256 differs from the manifest (manifest {item.sha256[:12]}…, file {actual[:12]}…): "
                "the file was changed or truncated after export",
                file=item.name,
            )


def record_lines(
    path: Path, upto: int, dialect: CsvDialect = FDP_DIALECT
) -> tuple[array[int], set[int]]:
    """Start line of each CSV record (0-based record index) and the malformed ones."""
    starts: array[int] = array("q")
    malformed: set[int] = set()
    with dialect.reader(path) as reader:
        header = next(reader, None)
        width = len(header) if header else 0
        line = reader.line_num + 1
        for index, fields in enumerate(reader):
            if not fields:
                line = reader.line_num + 1
                continue
            starts.append(line)
            if len(fields) != width:
                malformed.add(len(starts) - 1)
            line = reader.line_num + 1
            if index > upto + len(malformed) + 1:
                break
    return starts, malformed


class PackageImporter:
    """Imports one package into an open lake connection, inside one transaction."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        manifest: Manifest,
        run_id: str,
        progress: Progress | None = None,
        mapped: MappedPackage | None = None,
    ) -> None:
        self.con = con
        self.mapped = mapped
        self.manifest = manifest
        self.run_id = run_id
        self.progress = progress
        self.policy = TimePolicy(manifest.timezone, manifest.dst_overlap, manifest.dst_gap)
        self.force = manifest.force_code
        self.result = PackageResult(force=self.force, run_id=run_id, package=manifest.package)
        self.rowid_base = 0

    def run(self) -> PackageResult:
        """Stage, validate and merge every file; the caller commits."""
        files = _table_order(self.manifest.files)
        total = sum((self.manifest.package / f.name).stat().st_size for f in files)
        done = 0
        for index, item in enumerate(files):
            size = (self.manifest.package / item.name).stat().st_size
            if self.progress:
                self.progress(item.name, done, total)
            self.result.files[self._label(item)] = self._import_file(item, index)
            done += size
            if self.progress:
                self.progress(item.name, done, total)
        self.con.execute(
            "INSERT INTO packages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now()::TIMESTAMP)",
            [
                self.force,
                self.manifest.force_name,
                self.run_id,
                str(self.manifest.package),
                self.manifest.raw_sha256,
                self.manifest.timezone,
                self.manifest.period_start,
                self.manifest.period_end,
                json.dumps({n: c.as_json() for n, c in self.result.files.items()}),
            ],
        )
        return self.result

    def _label(self, item: ManifestFile) -> str:
        """The name a file's counts go under: the file, and its table if it feeds several."""
        feeds = sum(1 for f in self.manifest.files if f.name == item.name)
        return item.name if feeds == 1 else f"{item.name} ({item.table.name})"

    # -- one file ---------------------------------------------------------------------------
    def _import_file(self, item: ManifestFile, index: int) -> FileCounts:
        table = item.table
        path = self.manifest.package / item.name
        counts = FileCounts()
        rej = f"rej_{index}"
        mapping = self.mapped.mapping_for(item) if self.mapped else None
        staged = self._stage(path, item, rej, mapping)
        if not staged:
            counts.rows = 0
            if item.rows != 0:
                raise PackageRefused(
                    self.manifest.package,
                    f"manifest says {item.rows} rows, file has 0",
                    file=item.name,
                )
            return counts
        if mapping and mapping.rules:
            self._apply_mapping(mapping, item)
        extra = self._conform_header(table, item)
        rejects = self.con.execute(f"SELECT count(DISTINCT line) FROM {rej}").fetchone()
        n_rejects = int(rejects[0]) if rejects else 0
        n_staged = self._count("stg")
        base_row = self.con.execute("SELECT coalesce(min(rowid), 0) FROM stg").fetchone()
        self.rowid_base = int(base_row[0]) if base_row else 0
        counts.rows = n_staged + n_rejects
        if counts.rows != item.rows:
            raise PackageRefused(
                self.manifest.package,
                f"manifest says {item.rows} rows, file has {counts.rows}: rows were added or lost",
                file=item.name,
            )
        offsets = hour_offsets_sql(table, self.policy)
        use_offsets = False
        if offsets:
            self.con.execute(offsets)
            use_offsets = self._count("tz_hours") > 0 or self._count("stg") == 0
        select_sql = validation_select(
            table, extra, self.policy, self.rowid_base, hour_offsets=use_offsets
        )
        self.con.execute(
            f"CREATE OR REPLACE TEMP TABLE val AS SELECT *, {row_hash_expr(table)} AS _hash "
            f"FROM ({select_sql})"
        )
        invalid = self._count("val WHERE _reason IS NOT NULL")
        if table.name != "staff" and "staff_id" in table.column_names:
            self._match_staff_ids_by_case()
        dup_changed, dup_same = self._flag_duplicates(table)
        quarantined = invalid + dup_changed
        if quarantined or n_rejects:
            self._write_quarantine(path, item, table, rej, n_rejects, mapping)
        counts.quarantined = quarantined + n_rejects
        counts.unchanged += dup_same
        # Each stage holds a full copy of the file; drop each once used, so that a file of
        # tens of millions of rows needs two copies at a time, not four.
        self.con.execute("DROP TABLE IF EXISTS stg")
        self.con.execute("DROP TABLE IF EXISTS src")
        loaded, unchanged, replaced = self._merge(table)
        counts.loaded, counts.replaced = loaded, replaced
        counts.unchanged += unchanged
        if table.name == "access_events":
            self._note_unknown_accounts()
        self.con.execute(f"DROP TABLE IF EXISTS {rej}")
        self.con.execute("DROP TABLE IF EXISTS cand")
        return counts

    def _count(self, relation: str) -> int:
        row = self.con.execute(f"SELECT count(*) FROM {relation}").fetchone()
        return int(row[0]) if row else 0

    def _stage(
        self, path: Path, item: ManifestFile, rej: str, mapping: TableMapping | None
    ) -> bool:
        with path.open("rb") as handle:
            head = handle.read(4096)
        if not head.strip():
            return False
        first_line = head.split(b"\n", 1)[0]
        if b"\n" not in head and not first_line.strip():
            return False
        dialect = mapping.dialect if mapping else FDP_DIALECT
        self.con.execute(
            "CREATE OR REPLACE TEMP TABLE stg AS SELECT * FROM read_csv(?, header=true, "
            f"all_varchar=true, delim={sql_str(dialect.delimiter)}, "
            f"quote={sql_str(dialect.quote)}, escape={sql_str(dialect.quote)}, "
            f"encoding={sql_str(dialect.encoding)}, auto_detect=true, "
            f"store_rejects=true, rejects_table={sql_str(rej)}, "
            f"rejects_scan={sql_str(rej + '_scan')}, parallel=true)",
            [str(path)],
        )
        return True

    def _apply_mapping(self, mapping: TableMapping, item: ManifestFile) -> None:
        """Turn the staged source rows into the FDP columns; the source stays as `src`."""
        self.con.execute("DROP TABLE IF EXISTS src")
        self.con.execute("ALTER TABLE stg RENAME TO src")
        header = [r[0] for r in self.con.execute("DESCRIBE src").fetchall()]
        select = mapped_select(mapping, header, folder=self.manifest.package, file=item.name)
        # Row order is kept, so row k of `stg` is record k of the source file (and of `src`).
        self.con.execute(f"CREATE TEMP TABLE stg AS {select}")

    def _conform_header(self, table: Table, item: ManifestFile) -> list[str]:
        """Normalise header names; add absent optional columns; return unknown columns."""
        header = [r[0] for r in self.con.execute("DESCRIBE stg").fetchall()]
        declared = set(table.column_names)
        extra: list[str] = []
        seen: set[str] = set()
        for name in header:
            norm = name.strip().lower()
            if norm in declared and norm not in seen:
                if norm != name:
                    self.con.execute(
                        f"ALTER TABLE stg RENAME COLUMN {quote(name)} TO {quote(norm)}"
                    )
                seen.add(norm)
            else:
                extra.append(name)
        missing_required = [c.name for c in table.columns if c.required and c.name not in seen]
        if missing_required:
            raise PackageRefused(
                self.manifest.package,
                f"line 1: header lacks required column(s) {', '.join(missing_required)}",
                file=item.name,
            )
        for col in table.columns:
            if col.name not in seen:
                self.con.execute(f"ALTER TABLE stg ADD COLUMN {quote(col.name)} VARCHAR")
        return extra

    def _flag_duplicates(self, table: Table) -> tuple[int, int]:
        """Mark later rows with an already-seen key: (changed content, same content)."""
        keys = ", ".join(quote(k) for k in table.key)
        dup = self.con.execute(
            f"SELECT count(*) FROM (SELECT {keys} FROM val WHERE _reason IS NULL "
            f"GROUP BY ALL HAVING count(*) > 1)"
        ).fetchone()
        self.con.execute("ALTER TABLE val ADD COLUMN _dup_same BOOLEAN DEFAULT false")
        if not dup or not dup[0]:
            return 0, 0
        self.con.execute(
            f"""CREATE OR REPLACE TEMP TABLE dups AS
            SELECT _rec, _hash, first_rec, first_hash FROM (
              SELECT _rec, _hash,
                first_value(_rec) OVER w AS first_rec, first_value(_hash) OVER w AS first_hash
              FROM val WHERE _reason IS NULL
              WINDOW w AS (PARTITION BY {keys} ORDER BY _rec)) WHERE _rec <> first_rec"""
        )
        self.con.execute(
            "UPDATE val SET _reason = 'duplicate key with different content (first row is record ' "
            "|| (d.first_rec + 1)::VARCHAR || ')' FROM dups d "
            "WHERE val._rec = d._rec AND d._hash <> d.first_hash"
        )
        self.con.execute(
            "UPDATE val SET _dup_same = true FROM dups d "
            "WHERE val._rec = d._rec AND d._hash = d.first_hash"
        )
        changed = self._count("dups WHERE _hash <> first_hash")
        same = self._count("dups WHERE _hash = first_hash")
        return changed, same

    def _write_quarantine(
        self,
        path: Path,
        item: ManifestFile,
        table: Table,
        rej: str,
        n_rejects: int,
        mapping: TableMapping | None = None,
    ) -> None:
        bad = self.con.execute(
            "SELECT _rec FROM val WHERE _reason IS NOT NULL ORDER BY _rec"
        ).fetchall()
        staged_recs = [int(r[0]) for r in bad]
        upto = (staged_recs[-1] if staged_recs else 0) + n_rejects
        starts, malformed = record_lines(path, upto, mapping.dialect if mapping else FDP_DIALECT)
        # Staged rows skip the malformed records DuckDB rejected: map staged index -> record.
        record_map: list[tuple[int, int, int]] = []
        if staged_recs:
            wanted = iter(staged_recs)
            target = next(wanted)
            staged_index = 0
            for record in range(len(starts)):
                if record in malformed:
                    continue
                while target == staged_index:
                    record_map.append((target, record + 1, starts[record]))
                    target = next(wanted, -1)
                if target < 0:
                    break
                staged_index += 1
        lines = pa.table(
            {
                "rec": pa.array([m[0] for m in record_map], pa.int64()),
                "record": pa.array([m[1] for m in record_map], pa.int64()),
                "line": pa.array([m[2] for m in record_map], pa.int64()),
            }
        )
        self.con.register("qlines", lines)
        file_sql = sql_str(item.name)
        force = sql_str(self.force)
        run = sql_str(self.run_id)
        tname = sql_str(table.name)
        # A mapped row is shown as the source row, and its reason says which rule fed the field.
        raw_table, reason = "stg", "v._reason"
        if mapping and mapping.rules:
            raw_table = "src"
            notes = ", ".join(
                f"CASE WHEN regexp_matches(v._reason, {sql_str('(^|; )' + r.target + ': ')}) "
                f"THEN {sql_str(r.describe())} END"
                for r in mapping.rules
            )
            reason = (
                f"v._reason || coalesce(' [mapping: ' || NULLIF(concat_ws('; ', {notes}), '') "
                "|| ']', '')"
            )
        self.con.execute(
            f"""CREATE OR REPLACE TEMP TABLE qnew AS
            SELECT {force} AS force, {run} AS import_run, {tname} AS table_name,
              {file_sql} AS file, coalesce(q.line, v._rec + 2) AS line,
              coalesce(q.record, v._rec + 1) AS record,
              array_to_string(regexp_extract_all(v._reason, '(?:^|; )([a-z_]+): ', 1), ',') AS field,
              {reason} AS reason, to_json(s)::VARCHAR AS raw,
              hash({file_sql}, to_json(s)::VARCHAR, v._reason) AS raw_hash,
              now()::TIMESTAMP AS quarantined_at
            FROM val v JOIN {raw_table} s ON s.rowid = v._rec + {self.rowid_base} LEFT JOIN qlines q ON q.rec = v._rec
            WHERE v._reason IS NOT NULL"""
        )
        self.con.unregister("qlines")
        if n_rejects:
            self.con.execute(
                f"""INSERT INTO qnew SELECT {force}, {run}, {tname}, {file_sql}, line, NULL,
                  column_name, 'malformed CSV row: ' || error_type || ' (' || error_message || ')',
                  csv_line, hash({file_sql}, csv_line, error_type), now()::TIMESTAMP
                FROM (SELECT DISTINCT ON (line) * FROM {rej} ORDER BY line)"""
            )
        self.con.execute(
            "INSERT INTO quarantine SELECT * FROM qnew n WHERE NOT EXISTS (SELECT 1 FROM quarantine q "
            "WHERE q.force = n.force AND q.file = n.file AND q.raw_hash = n.raw_hash "
            "AND q.line IS NOT DISTINCT FROM n.line)"
        )

    def _merge(self, table: Table) -> tuple[int, int, int]:
        """Insert new rows, skip unchanged ones, replace changed ones recording the change."""
        name = quote(table.name)
        cols = ", ".join(quote(c) for c in table.column_names)
        on = " AND ".join(f"l.{quote(k)} = c.{quote(k)}" for k in table.key)
        force = sql_str(self.force)
        self.con.execute(
            f"""CREATE OR REPLACE TEMP TABLE cand AS
            SELECT c.*, l.row_hash AS _old_hash FROM
              (SELECT {cols}, attributes, _hash FROM val WHERE _reason IS NULL AND NOT _dup_same) c
            LEFT JOIN (SELECT * FROM {name} WHERE force = {force}) l ON {on}"""
        )
        self.con.execute("DROP TABLE IF EXISTS val")
        row = self.con.execute(
            "SELECT count(*) FILTER (WHERE _old_hash IS NULL), "
            "count(*) FILTER (WHERE _old_hash = _hash), "
            "count(*) FILTER (WHERE _old_hash <> _hash) FROM cand"
        ).fetchone()
        assert row is not None
        new, same, changed = (int(x) for x in row)
        if changed:
            keys_c = key_expr(table, "c")
            self.con.execute(
                f"""INSERT INTO row_changes
                SELECT {force}, {sql_str(self.run_id)}, {sql_str(table.name)}, {keys_c},
                  to_json(l)::VARCHAR, to_json(c)::VARCHAR, now()::TIMESTAMP
                FROM (SELECT * FROM cand WHERE _old_hash <> _hash) c
                JOIN (SELECT * FROM {name} WHERE force = {force}) l ON {on}"""
            )
            self.con.execute(
                f"DELETE FROM {name} l USING (SELECT * FROM cand WHERE _old_hash <> _hash) c "
                f"WHERE l.force = {force} AND {on}"
            )
        if new or changed:
            self.con.execute(
                f"""INSERT INTO {name} BY NAME
                SELECT {force} AS force, {cols}, attributes, _hash AS row_hash,
                  {sql_str(self.run_id)} AS import_run
                FROM cand WHERE _old_hash IS NULL OR _old_hash <> _hash"""
            )
        return new + changed, same, changed

    def _match_staff_ids_by_case(self) -> None:
        """Give rows whose staff id differs from one in staff.csv only in letter case that id.

        Systems export user ids as they hold them (a handheld app writing `p1234` for HR's
        `P1234`); read literally, a person's events would sit under an unknown account (or
        their shifts under nobody) and none of their context would explain or weigh them.
        The match is made only where the exported id is no staff id itself and folds onto
        exactly one; the id as exported is kept in the row's attributes
        (`staff_id_as_exported`).
        """
        force = sql_str(self.force)
        self.con.execute(
            f"""CREATE OR REPLACE TEMP TABLE case_match AS
            SELECT v.staff_id AS exported, any_value(s.staff_id) AS staff_id,
              count(DISTINCT s.staff_id) AS candidates
            FROM (SELECT DISTINCT staff_id FROM val WHERE _reason IS NULL) v
            JOIN staff s ON s.force = {force} AND lower(s.staff_id) = lower(v.staff_id)
            WHERE NOT EXISTS (SELECT 1 FROM staff x WHERE x.force = {force}
                              AND x.staff_id = v.staff_id)
            GROUP BY v.staff_id HAVING count(DISTINCT s.staff_id) = 1"""
        )
        if not self._count("case_match"):
            return
        matched = self.con.execute(
            """SELECT m.exported, m.staff_id, count(*) FROM val v
            JOIN case_match m ON m.exported = v.staff_id WHERE v._reason IS NULL
            GROUP BY ALL ORDER BY 3 DESC, 1"""
        ).fetchall()
        self.con.execute(
            """UPDATE val SET staff_id = m.staff_id,
              attributes = json_merge_patch(coalesce(val.attributes, '{}'),
                json_object('staff_id_as_exported', val.staff_id))::VARCHAR
            FROM case_match m WHERE val.staff_id = m.exported AND val._reason IS NULL"""
        )
        for exported, staff_id, n in matched:
            _, before = self.result.matched_by_case.get(exported, (staff_id, 0))
            self.result.matched_by_case[exported] = (staff_id, before + int(n))
        self.con.execute("DROP TABLE case_match")

    def _note_unknown_accounts(self) -> None:
        rows = self.con.execute(
            f"""SELECT c.staff_id, count(*) FROM cand c
            WHERE NOT EXISTS (SELECT 1 FROM staff s WHERE s.force = {sql_str(self.force)}
                              AND s.staff_id = c.staff_id)
            GROUP BY 1 ORDER BY 2 DESC"""
        ).fetchall()
        for staff_id, n in rows:
            self.result.unknown_accounts[staff_id] = self.result.unknown_accounts.get(
                staff_id, 0
            ) + int(n)


def import_package(
    *,
    lake_path: Path,
    db_url: str | None,
    package: Path,
    progress: Progress | None = None,
    actor: str | None = None,
    layout: Layout | None = None,
) -> PackageResult:
    """Import one package atomically; refusals and results are recorded in the store.

    With a `layout`, `package` is a force's own export folder read through that mapping
    (counts and hashes are taken on arrival, as the export has no manifest).
    """
    run_id = uuid.uuid4().hex
    started = utcnow()
    force: str | None = None
    mapped: MappedPackage | None = None
    try:
        if layout is not None:
            mapped = mapped_manifest(package, layout)
            manifest = mapped.manifest
        else:
            manifest = read_manifest(package)
            verify_files(manifest)
        force = manifest.force_code
        with open_lake(lake_path) as con:
            con.begin()
            try:
                result = PackageImporter(con, manifest, run_id, progress, mapped).run()
                con.commit()
            except BaseException:
                con.rollback()
                raise
    except PackageRefused as exc:
        _record_run(db_url, run_id, force, package, "refused", started, error=str(exc), actor=actor)
        raise
    except Exception as exc:
        _record_run(db_url, run_id, force, package, "failed", started, error=repr(exc), actor=actor)
        raise
    _record_run(db_url, run_id, force, package, "loaded", started, result=result, actor=actor)
    return result


def _record_run(
    db_url: str | None,
    run_id: str,
    force: str | None,
    package: Path,
    status: str,
    started: object,
    *,
    error: str | None = None,
    result: PackageResult | None = None,
    actor: str | None = None,
) -> None:
    if db_url is None:
        return
    with session_scope(db_url) as session:
        session.add(
            ImportRun(
                id=run_id,
                force=force,
                package=str(package),
                status=status,
                started_at=started,
                finished_at=utcnow(),
                error=error,
                actor=actor,
                files={n: {**c.as_json(), "replaced": c.replaced} for n, c in result.files.items()}
                if result
                else None,
                unknown_accounts=[
                    {"staff_id": k, "events": v} for k, v in result.unknown_accounts.items()
                ]
                if result
                else None,
            )
        )
