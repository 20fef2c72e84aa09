"""``sunlit lake snapshot``: every ledger table written to Parquet as one version of the lake's
``ledger`` dataset (one ``<table>.parquet`` per table) with a manifest: snapshot id, time, row
counts and a hash of the schemas.

Tables are streamed out of the database in blocks, never as one Python object per row: on
PostgreSQL with ``COPY … TO STDOUT`` in CSV, parsed by Arrow's CSV reader straight into the
canonical column types; elsewhere in batches of rows converted column by column. The whole snapshot
reads one consistent view of the database (one transaction) and is written through the lake's
staging folder, so a snapshot that fails leaves nothing visible."""

import hashlib
import io
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.parquet as pq
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from pyarrow import csv as pacsv

from sunlit.lake import Lake, Version
from sunlit.lake.schemas import PARQUET_COMPRESSION

from . import registry

DATASET = "ledger"
BLOCK_BYTES = 32 << 20
SQLITE_BATCH = 50_000


def arrow_type(col: registry.Column) -> pa.DataType:
    if col.kind == "date":
        return pa.date32()
    if col.kind == "datetime":
        return pa.timestamp("us")          # Asia/Shanghai wall-clock time, no offset
    if col.kind in ("money", "decimal"):
        return pa.decimal128(col.max_digits, col.places)
    if col.kind == "integer":
        return pa.int64()
    return pa.string()


def arrow_schema(table: registry.Table) -> pa.Schema:
    return pa.schema([pa.field(c.key, arrow_type(c)) for c in table.columns])


def schema_hash(tables: dict[str, registry.Table]) -> str:
    described = {name: [[f.name, str(f.type)] for f in arrow_schema(t)] for name, t in tables.items()}
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()


# --- reading a table out of the database ------------------------------------------------------
def _empty_as_null(col: registry.Column) -> bool:
    """Optional text cells are stored as '' and published as NULL (the lake's "empty")."""
    return col.field.blank and arrow_type(col) == pa.string()


def _postgres_select(table: registry.Table) -> str:
    q = connection.ops.quote_name
    parts = []
    for c in table.columns:
        name = q(c.key)
        if c.kind == "datetime":
            expr = f"to_char({name} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD\"T\"HH24:MI:SS.US')"
        elif c.kind == "date":
            expr = f"to_char({name}, 'YYYY-MM-DD')"
        elif _empty_as_null(c):
            expr = f"NULLIF({name}, '')"
        else:
            expr = name
        parts.append(expr)
    return f"SELECT {', '.join(parts)} FROM {q(table.name)} ORDER BY {q('id')}"  # noqa: S608


def _postgres_batches(table: registry.Table, schema: pa.Schema) -> Iterator[pa.Table]:
    names = [f.name for f in schema]
    convert = pacsv.ConvertOptions(column_types={f.name: f.type for f in schema}, strings_can_be_null=True,
                                   null_values=[""], quoted_strings_can_be_null=False)
    read = pacsv.ReadOptions(column_names=names, block_size=8 << 20)

    def parse(block: bytes) -> pa.Table:
        return pacsv.read_csv(io.BytesIO(block), read_options=read, convert_options=convert,
                              parse_options=pacsv.ParseOptions(newlines_in_values=True))

    pending = bytearray()
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY ({_postgres_select(table)}) TO STDOUT WITH (FORMAT csv)") as copy:
            for data in copy:
                pending += data
                if len(pending) >= BLOCK_BYTES:
                    cut = _record_boundary(pending)
                    if cut:
                        yield parse(bytes(pending[:cut]))
                        del pending[:cut]
    if pending:
        yield parse(bytes(pending))


def _record_boundary(block: bytearray) -> int:
    """The end of the last whole CSV record in ``block`` (a newline outside quotes), or 0."""
    end = len(block)
    while True:
        newline = block.rfind(b"\n", 0, end)
        if newline < 0:
            return 0
        if block.count(b'"', 0, newline) % 2 == 0:
            return newline + 1
        end = newline


def _sqlite_select(table: registry.Table) -> str:
    q = connection.ops.quote_name
    parts = []
    for c in table.columns:
        name = q(c.key)
        if c.kind == "datetime":
            expr = f"strftime('%Y-%m-%dT%H:%M:%f', {name}, '+8 hours')"
        elif c.kind in ("money", "decimal"):
            expr = f"CASE WHEN {name} IS NULL THEN NULL ELSE printf('%.{c.places}f', {name}) END"
        elif c.kind == "date":
            expr = f"CAST({name} AS TEXT)"
        elif _empty_as_null(c):
            expr = f"NULLIF({name}, '')"
        else:
            expr = name
        parts.append(expr)
    return f"SELECT {', '.join(parts)} FROM {q(table.name)} ORDER BY {q('id')}"  # noqa: S608


def _generic_batches(table: registry.Table, schema: pa.Schema) -> Iterator[pa.Table]:
    """SQLite: the database formats each cell as text; Arrow casts each column to its type."""
    with connection.cursor() as cursor:
        cursor.execute(_sqlite_select(table))
        while True:
            rows = cursor.fetchmany(SQLITE_BATCH)
            if not rows:
                return
            columns = []
            for i, f in enumerate(schema):
                values = [r[i] for r in rows]
                if pa.types.is_integer(f.type):
                    columns.append(pa.array(values, type=f.type))
                else:
                    columns.append(pa.array(values, type=pa.string()).cast(f.type))
            yield pa.Table.from_arrays(columns, schema=schema)


def table_batches(table: registry.Table) -> Iterator[pa.Table]:
    schema = arrow_schema(table)
    if connection.vendor == "postgresql":
        for batch in _postgres_batches(table, schema):
            yield batch.cast(schema)
    else:
        yield from _generic_batches(table, schema)


# --- the snapshot -----------------------------------------------------------------------------
@dataclass(frozen=True)
class SnapshotResult:
    version: Version
    rows: dict[str, int]
    seconds: float

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def ledger_snapshot(*, actor=None, lake: Lake | None = None,
                    progress: Callable[[str, int], None] | None = None) -> SnapshotResult:
    """Write every ledger table to a new version of the ``ledger`` dataset. Raises on any failure,
    leaving no version (and no staging folder) behind."""
    lake = lake or Lake(settings.LAKE_DIR)
    tables = registry.tables()
    started = time.monotonic()
    taken_at = timezone.now()
    rows: dict[str, int] = {}
    outermost = not connection.in_atomic_block
    with lake.stage() as folder, transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            # One consistent view of every table for the whole snapshot.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        for name, table in tables.items():
            schema = arrow_schema(table)
            count = 0
            with pq.ParquetWriter(folder / f"{name}.parquet", schema, compression=PARQUET_COMPRESSION) as writer:
                for batch in table_batches(table):
                    writer.write_table(batch)
                    count += batch.num_rows
                    if progress is not None:
                        progress(name, count)
            rows[name] = count
        manifest = {
            "snapshot_id": None,  # filled in below: the version id
            "taken_at": taken_at.isoformat(),
            "rows": rows,
            "total_rows": sum(rows.values()),
            "schema_hash": schema_hash(tables),
            "schemas": {name: [[f.name, str(f.type)] for f in arrow_schema(t)] for name, t in tables.items()},
            "database": connection.vendor,
        }
        from sunlit.lake.store import new_version_id

        version_id = new_version_id()
        manifest["snapshot_id"] = version_id
        version = lake.publish(folder, dataset=DATASET, manifest=manifest, version_id=version_id)
    seconds = time.monotonic() - started
    if actor is not None:
        from sunlit.audit.services import audit_record

        audit_record(kind="export", actor=actor, object_type="ledger_snapshot", object_id=version.id,
                     detail={"rows": rows, "seconds": round(seconds, 3)})
    return SnapshotResult(version, rows, seconds)
