"""Writes to the ledger: whole files (``ledger_import``), batches from the API (``records_write``)
and one record from an entry form or the API (``record_write``). All three run the same checks and
the same writer, inside one transaction: a bad row means nothing is written."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction

from sunlit.accounts.scope import require
from sunlit.audit.services import audit_record
from sunlit.errors import InvalidInput, RowError
from sunlit.tabular import Chunk

from . import registry
from .validation import Batch, Context, check_batch
from .writing import Inserter, Tally, write_batch

WRITE_ACTION = "ledger.write"


@dataclass(frozen=True)
class WriteResult:
    table: str
    rows: int
    created: int
    updated: int
    unchanged: int


def _header_errors(table: registry.Table, header: list[str]) -> list[RowError]:
    errors = []
    known = set(table.keys)
    for h in header:
        if h not in known:
            errors.append(RowError(1, h, h, f"{table.name} 没有此列 / {table.name} has no such column"))
    for c in table.columns:
        if c.required and c.key not in header:
            errors.append(RowError(1, c.key, "", "缺少必需的列 / required column missing"))
    seen = set()
    for h in header:
        if h in seen:
            errors.append(RowError(1, h, h, "列重复 / duplicate column"))
        seen.add(h)
    return errors


def _refuse(errors: list[RowError], table: str) -> InvalidInput:
    errors.sort(key=lambda e: (e.row, e.column))
    return InvalidInput(f"{table}：{len(errors)} 处错误，未写入任何数据 / {table}: {len(errors)} errors; nothing was written",
                        errors)


def _run(table: registry.Table, header: list[str], chunks: Iterable[Chunk], *, actor,
         progress: Callable[[int], None] | None = None) -> Tally:
    """Check and write every chunk inside the caller's transaction; raise InvalidInput (so the
    transaction rolls back) when any row is bad, after checking every row."""
    errors = _header_errors(table, header)
    if errors:
        raise _refuse(errors, table.name)
    ctx = Context.for_actor(actor)
    tally = Tally()
    was_empty = not table.model.objects.exists()
    all_errors: list[RowError] = []
    done = 0
    inserter = Inserter(table, streaming=was_empty)
    ctx.read_references_whole = inserter.streaming
    try:
        for chunk in chunks:
            batch = Batch(table, chunk.numbers, chunk.columns)
            check_batch(batch, ctx)
            write_batch(batch, ctx, tally, table_was_empty=was_empty, write=not all_errors, inserter=inserter)
            all_errors.extend(batch.errors)
            done += len(batch)
            if progress is not None:
                progress(done)
    except BaseException as exc:
        inserter.close(exc)
        raise
    inserter.close()
    if all_errors:
        raise _refuse(all_errors, table.name)
    return tally


def ledger_import(*, table: str, header: list[str], chunks: Iterable[Chunk], actor, source: str = "",
                  progress: Callable[[int], None] | None = None) -> WriteResult:
    """Import a whole file into one ledger table; all or nothing. Importing the same file again
    changes nothing. Raises InvalidInput listing every bad cell (row, column, value, problem)."""
    spec = registry.table(table)
    require(actor, WRITE_ACTION)
    with transaction.atomic():
        tally = _run(spec, header, chunks, actor=actor, progress=progress)
        rows = tally.created + tally.updated + tally.unchanged
        audit_record(kind="import", actor=actor, object_type=table,
                     detail={"source": source, "rows": rows, "created": tally.created, "updated": tally.updated,
                             "unchanged": tally.unchanged})
    return WriteResult(table, rows, tally.created, tally.updated, tally.unchanged)


def _as_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).strip()


def records_chunk(records: list[dict], *, first_row: int = 1) -> tuple[list[str], Chunk]:
    """Records (dicts keyed by canonical column) as one column-wise chunk; row numbers count from
    ``first_row`` (an API batch's first record is row 1)."""
    header: list[str] = []
    for record in records:
        for key in record:
            if key not in header:
                header.append(key)
    columns = {h: [_as_cell(r.get(h)) for r in records] for h in header}
    return header, Chunk(list(range(first_row, first_row + len(records))), columns)


@transaction.atomic
def records_write(table: str, *, actor, records: list[dict]) -> WriteResult:
    """Write records given as dicts; all or nothing. Raises InvalidInput (row = position from 1)."""
    spec = registry.table(table)
    require(actor, WRITE_ACTION)
    if not records:
        raise InvalidInput("没有记录 / no records given")
    header, chunk = records_chunk(records)
    tally = _run(spec, header, [chunk], actor=actor)
    rows = len(records)
    audit_record(kind="ledger_write", actor=actor, object_type=table,
                 detail={"rows": rows, "created": tally.created, "updated": tally.updated})
    return WriteResult(table, rows, tally.created, tally.updated, tally.unchanged)


def record_write(table: str, *, actor, data: dict):
    """Create or update (by natural key) one record; returns the saved model instance."""
    spec = registry.table(table)
    records_write(table, actor=actor, records=[data])
    header, chunk = records_chunk([data])
    batch = Batch(spec, chunk.numbers, chunk.columns)
    check_batch(batch, Context.for_actor(actor))
    lookup = {k: batch.values[k][0] for k in spec.key}
    return spec.model.objects.get(**lookup)
