"""Engines that execute rendered SQL over Parquet files. A backend is given, per canonical table
name, the Parquet files that hold it, and returns plain Python rows (dicts)."""

import os
import re
from functools import cache
from pathlib import Path

import duckdb

from .errors import EngineError

_TABLE_NAME = re.compile(r"^[a-z][a-z_]*$")


def _table(name: str) -> str:
    """A canonical table name, safe to quote into SQL."""
    if not _TABLE_NAME.match(name):
        raise EngineError(f"not a table name: {name!r}")
    return name


def _files(paths: list[Path]) -> list[str]:
    if not paths:
        raise EngineError("a table was bound to no files")
    return [str(p) for p in paths]


class CountedTables:
    """The rows of each bound table, counted once per backend: a run's tables are one snapshot and
    do not change while it runs, and every model's record gives the rows it read."""

    def count(self, table: str) -> int:
        counts = self.__dict__.setdefault("_counts", {})
        if table not in counts:
            counts[table] = self.count_rows(table)
        return counts[table]


class DuckDBBackend(CountedTables):
    """DuckDB in this process over the Parquet files. ``memory_limit`` (e.g. ``"6GB"``) caps what its
    joins and aggregates hold; beyond it they spill to ``temp_directory``. Without a limit DuckDB
    takes up to 80 % of the machine's memory."""

    name = "duckdb"

    def __init__(self, tables: dict[str, list[Path]], *, threads: int | None = None,
                 memory_limit: str | None = None, temp_directory: Path | None = None):
        self.connection = duckdb.connect(":memory:")
        self.connection.execute("SET TimeZone = 'UTC'")
        if threads:
            self.connection.execute(f"SET threads = {int(threads)}")
        if memory_limit:
            try:
                self.connection.execute("SET memory_limit = ?", [memory_limit])
            except duckdb.Error:
                raise EngineError(f"not a memory limit: {memory_limit!r} (write it as 6GB or 512MB)") from None
        if temp_directory:
            Path(temp_directory).mkdir(parents=True, exist_ok=True)
            self.connection.execute("SET temp_directory = ?", [str(temp_directory)])
        for name, paths in tables.items():
            quoted = ", ".join("'" + p.replace("'", "''") + "'" for p in _files(paths))
            self.connection.execute(f'CREATE VIEW "{_table(name)}" AS SELECT * FROM read_parquet([{quoted}])')  # noqa: S608

    def query(self, sql: str) -> list[dict]:
        try:
            cursor = self.connection.execute(sql)
        except duckdb.Error as exc:
            raise EngineError(f"DuckDB: {exc}") from None
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    def count_rows(self, table: str) -> int:
        return self.connection.execute(f'SELECT count(*) FROM "{_table(table)}"').fetchone()[0]  # noqa: S608

    def close(self):
        self.connection.close()


@cache
def spark_session(master: str = "local[2]"):
    """One Spark session per process (starting one costs seconds). ``SUNLIT_SPARK_MASTER`` or the
    argument names a cluster; local mode by default."""
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    return (SparkSession.builder.master(master).appName("sunlit-models")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.ansi.enabled", "false")
            .getOrCreate())


class SparkBackend(CountedTables):
    name = "spark"

    def __init__(self, tables: dict[str, list[Path]], *, master: str | None = None):
        self.spark = spark_session(master or os.environ.get("SUNLIT_SPARK_MASTER", "local[2]"))
        self.views = []
        for name, paths in tables.items():
            self.spark.read.parquet(*_files(paths)).createOrReplaceTempView(_table(name))
            self.views.append(name)

    def query(self, sql: str) -> list[dict]:
        try:
            rows = self.spark.sql(sql).collect()
        except Exception as exc:  # Spark raises many types across py4j
            first = next((line.strip() for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
            raise EngineError(f"Spark: {first}") from None
        return [row.asDict(recursive=True) for row in rows]

    def count_rows(self, table: str) -> int:
        return self.spark.table(table).count()

    def close(self):
        for name in self.views:
            self.spark.catalog.dropTempView(name)


BACKENDS = {"duckdb": DuckDBBackend, "spark": SparkBackend}
