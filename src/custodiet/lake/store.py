"""The lake: the analytical store of audit events and the context tables that explain them.

A DuckDB database file in the home. Every FDP table becomes a lake table of the same name
with typed columns (times in UTC, without zone), a `force` column, the unknown columns kept
as JSON in `attributes`, a `row_hash` of the typed content (to tell unchanged from changed
rows on re-import) and the import run that last wrote the row.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from custodiet.fdp.schema import TABLES, Column, Kind, Table

SQL_TYPES: dict[Kind, str] = {
    Kind.TEXT: "VARCHAR",
    Kind.TIMESTAMP: "TIMESTAMP",
    Kind.DATE: "DATE",
    Kind.INTEGER: "BIGINT",
    Kind.CODE: "VARCHAR",
    Kind.CODE_LIST: "VARCHAR[]",
    Kind.YES_NO: "BOOLEAN",
}

BOOKKEEPING_DDL = (
    """CREATE TABLE IF NOT EXISTS quarantine (
        force VARCHAR NOT NULL, import_run VARCHAR NOT NULL, table_name VARCHAR NOT NULL,
        file VARCHAR NOT NULL, line BIGINT, record BIGINT, field VARCHAR, reason VARCHAR NOT NULL,
        raw VARCHAR, raw_hash UBIGINT, quarantined_at TIMESTAMP NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS row_changes (
        force VARCHAR NOT NULL, import_run VARCHAR NOT NULL, table_name VARCHAR NOT NULL,
        row_key VARCHAR NOT NULL, old_row VARCHAR, new_row VARCHAR, changed_at TIMESTAMP NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS packages (
        force VARCHAR NOT NULL, force_name VARCHAR, import_run VARCHAR NOT NULL,
        package VARCHAR NOT NULL, manifest_sha256 VARCHAR NOT NULL, timezone VARCHAR,
        period_start DATE, period_end DATE, files VARCHAR, imported_at TIMESTAMP NOT NULL)""",
)


def sql_str(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def quote(name: str) -> str:
    """Quote an identifier for DuckDB SQL."""
    return '"' + name.replace('"', '""') + '"'


def column_ddl(col: Column) -> str:
    """The lake column definition of an FDP column."""
    return f"{quote(col.name)} {SQL_TYPES[col.kind]}"


def table_ddl(table: Table) -> str:
    """CREATE TABLE statement for an FDP table in the lake."""
    cols = ", ".join(column_ddl(c) for c in table.columns)
    return (
        f"CREATE TABLE IF NOT EXISTS {quote(table.name)} (force VARCHAR NOT NULL, {cols}, "
        "attributes VARCHAR, row_hash UBIGINT NOT NULL, import_run VARCHAR NOT NULL)"
    )


def connect(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the lake, creating its tables if needed; the session works in UTC."""
    if read_only and not path.exists():
        read_only = False
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only)
    con.execute("SET TimeZone = 'UTC'")
    # Out of core: joins and sorts larger than memory spill beside the lake, so that a force's
    # hundred million events run on an ordinary machine. CUSTODIET_LAKE_MEMORY caps DuckDB
    # (e.g. "8GB"); DuckDB's own default is 80% of RAM.
    con.execute(f"SET temp_directory = {sql_str(str(path.parent / 'lake.tmp'))}")
    limit = os.environ.get("CUSTODIET_LAKE_MEMORY")
    if limit:
        con.execute(f"SET memory_limit = {sql_str(limit)}")
    if not read_only:
        for table in TABLES:
            con.execute(table_ddl(table))
        for ddl in BOOKKEEPING_DDL:
            con.execute(ddl)
    return con


@contextmanager
def open_lake(path: Path, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """Context-managed lake connection."""
    con = connect(path, read_only=read_only)
    try:
        yield con
    finally:
        con.close()


def table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether the lake has a table called `name`."""
    row = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
    ).fetchone()
    return bool(row and row[0])
