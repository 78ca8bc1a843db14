"""Analytics engines over the lake: the same SQL runs on DuckDB here and on Spark at scale.

Detection is written once, as SQL in DuckDB's dialect restricted to what both engines run.
DuckDB executes it as written; Spark executes it after sqlglot translates it (function names,
literals, casts). Each step materialises a working table (a DuckDB temporary table; a
checkpointed Spark view), so a run never writes into the lake.

The one construct the engines cannot share is a row's identity: DuckDB's `rowid`, Spark's
`monotonically_increasing_id()`. `events` is therefore created by the engine: the lake's
access events with an `aid` column, unique within the run.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

import duckdb
import pyarrow as pa
import sqlglot
from sqlglot import exp
from sqlglot.dialects.duckdb import DuckDB
from sqlglot.dialects.spark import Spark
from sqlglot.generators.spark import SparkGenerator

from custodiet.fdp.schema import TABLES, Kind
from custodiet.lake.store import open_lake

ENGINES = ("duckdb", "spark")


def check_engine(name: str) -> None:
    """Refuse an engine name custodiet does not have, naming the ones it has."""
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")


Rows = tuple[list[str], list[tuple[Any, ...]]]


class LakeEngine(Protocol):
    """What detection needs from an analytics engine."""

    name: str

    def create(self, table: str, select: str) -> None:
        """Materialise the result of `select` as working table `table` (replacing it)."""

    def rows(self, sql: str) -> Rows:
        """Run a query; its column names and rows."""

    def drop(self, table: str) -> None:
        """Forget a working table that is no longer needed (frees its memory and spill)."""

    def count(self, table: str) -> int:
        """Number of rows in a table or working table."""

    def register(self, table: str, data: pa.Table) -> None:
        """Make an Arrow table queryable as `table`."""


class LakeSql(DuckDB):
    """DuckDB's dialect with `force` as an ordinary name (every lake table has that column)."""

    class Tokenizer(DuckDB.Tokenizer):
        KEYWORDS = {k: v for k, v in DuckDB.Tokenizer.KEYWORDS.items() if k != "FORCE"}  # noqa: RUF012


def _spark_percentile(self: Any, expression: exp.PercentileCont) -> str:
    return str(self.func("PERCENTILE", expression.this, expression.expression))


def _spark_array_length(self: Any, expression: exp.ArraySize) -> str:
    return str(self.func("SIZE", expression.this))


class SparkSql(Spark):
    """Spark SQL as sqlglot writes it, with the aggregate forms Spark's own parser accepts."""

    class Generator(SparkGenerator):
        TRANSFORMS = {  # noqa: RUF012 - extends the base generator's table, as sqlglot does
            **SparkGenerator.TRANSFORMS,
            exp.PercentileCont: _spark_percentile,
            exp.ArraySize: _spark_array_length,
        }


def to_spark(sql: str) -> str:
    """Translate one statement from the lake's SQL (DuckDB dialect) to Spark SQL."""
    return str(sqlglot.transpile(sql, read=LakeSql, write=SparkSql)[0])


class DuckDbEngine:
    """The embedded default: temporary tables on the lake's own DuckDB connection."""

    name = "duckdb"

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.con.execute(
            "CREATE OR REPLACE TEMP VIEW events AS SELECT rowid AS aid, * FROM access_events"
        )

    def create(self, table: str, select: str) -> None:
        """Materialise `select` as a temporary table."""
        self.con.execute(f'CREATE OR REPLACE TEMP TABLE "{table}" AS {select}').fetchall()

    def drop(self, table: str) -> None:
        """Drop a temporary table."""
        self.con.execute(f'DROP TABLE IF EXISTS "{table}"')

    def rows(self, sql: str) -> Rows:
        """Column names and rows of a query."""
        cur = self.con.execute(sql)
        data = cur.fetchall()
        return [d[0] for d in cur.description or []], data

    def count(self, table: str) -> int:
        """Rows in a table."""
        return int(self.con.execute(f'SELECT count(*) FROM "{table}"').fetchall()[0][0])

    def register(self, table: str, data: pa.Table) -> None:
        """Register an Arrow table as a view."""
        self.con.register(table, data)


_SPARK_TYPES: dict[Kind, str] = {
    Kind.TEXT: "STRING",
    Kind.TIMESTAMP: "TIMESTAMP_NTZ",
    Kind.DATE: "DATE",
    Kind.INTEGER: "BIGINT",
    Kind.CODE: "STRING",
    Kind.CODE_LIST: "ARRAY<STRING>",
    Kind.YES_NO: "BOOLEAN",
}


class SparkEngine:
    """PySpark over the lake's Parquet export (`custodiet export`): one view per FDP table."""

    name = "spark"

    def __init__(self, spark: Any, parquet_dir: Path) -> None:
        self.spark = spark
        for table in TABLES:
            schema = "force STRING, " + ", ".join(
                f"`{c.name}` {_SPARK_TYPES[c.kind]}" for c in table.columns
            )
            folder = parquet_dir / table.name
            if folder.exists():
                frame = spark.read.parquet(str(folder))
                frame = frame.select("force", *[f"`{c.name}`" for c in table.columns])
            else:  # a table the force did not supply: present, with no rows
                frame = spark.createDataFrame([], schema)
            frame.createOrReplaceTempView(table.name)
        self.create(
            "events",
            "SELECT monotonically_increasing_id() AS aid, * FROM access_events",
            translate=False,
        )

    def create(self, table: str, select: str, *, translate: bool = True) -> None:
        """Materialise `select` as a checkpointed temporary view (cuts the plan's lineage)."""
        frame = self.spark.sql(to_spark(select) if translate else select)
        frame.localCheckpoint(eager=True).createOrReplaceTempView(table)

    def drop(self, table: str) -> None:
        """Drop a temporary view (its checkpointed data goes with the last reference)."""
        self.spark.catalog.dropTempView(table)

    def rows(self, sql: str) -> Rows:
        """Column names and rows of a query (Spark rows as plain tuples)."""
        frame = self.spark.sql(to_spark(sql))
        return list(frame.columns), [tuple(r) for r in frame.collect()]

    def count(self, table: str) -> int:
        """Rows in a view."""
        return int(self.spark.table(table).count())

    def register(self, table: str, data: pa.Table) -> None:
        """Register an Arrow table as a view."""
        self.spark.createDataFrame(data).createOrReplaceTempView(table)


def spark_session(*, cores: int | None = None) -> Any:
    """A local Spark session in UTC (one per process; reused if already running)."""
    from pyspark.sql import SparkSession

    cores = cores or int(os.environ.get("CUSTODIET_SPARK_CORES", "0")) or (os.cpu_count() or 2)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # local mode: no network lookups
    spark = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("custodiet")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config(
            "spark.sql.shuffle.partitions",
            os.environ.get("CUSTODIET_SPARK_PARTITIONS", str(max(4, 4 * cores))),
        )
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
        .config("spark.driver.memory", os.environ.get("CUSTODIET_SPARK_MEMORY", "4g"))
        .config("spark.sql.ansi.enabled", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


@contextmanager
def open_engine(name: str, lake_path: Path) -> Iterator[LakeEngine]:
    """Open the named engine over the lake at `lake_path`."""
    check_engine(name)
    if name == "duckdb":
        with open_lake(lake_path) as con:
            yield DuckDbEngine(con)
        return
    from custodiet.lake.export import export_parquet

    with tempfile.TemporaryDirectory(dir=lake_path.parent, prefix="spark-") as tmp:
        export_parquet(lake_path=lake_path, out_dir=Path(tmp))
        yield SparkEngine(spark_session(), Path(tmp))
