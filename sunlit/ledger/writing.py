"""Writing checked batches: each row is created, updated in place or left unchanged, matched by the
table's natural key. New rows go in with PostgreSQL's COPY (or one multi-row statement per batch
elsewhere), changed rows with one prepared UPDATE per batch: never one ORM save per row."""

from dataclasses import dataclass, field

from django.db import connection

from .registry import Table
from .validation import Batch, Context

LOOKUP_CHUNK = 900


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    seen: dict = field(default_factory=dict)  # natural key → spreadsheet row number


def _key_lookup_column(table: Table) -> str:
    """The column to look existing rows up by: the most selective column of the natural key."""
    for key in ("payment_id", "person_id"):
        if key in table.key:
            return key
    return table.key[0]


def _existing(table: Table, keys: list[tuple]) -> dict[tuple, tuple]:
    """Existing rows (as tuples in column order, plus village) for the given natural keys."""
    attnames = table.keys
    lookup = _key_lookup_column(table)
    position = table.key.index(lookup)
    wanted = sorted({k[position] for k in keys})
    key_index = [attnames.index(k) for k in table.key]
    found = {}
    for start in range(0, len(wanted), LOOKUP_CHUNK):
        part = wanted[start:start + LOOKUP_CHUNK]
        for row in table.model.objects.filter(**{f"{lookup}__in": part}).values_list(*attnames):
            found[tuple(row[i] for i in key_index)] = row
    return found


def _adapt_for_backend(table: Table, rows: list[tuple]) -> list[tuple]:
    if connection.vendor == "postgresql":
        return rows
    prep = [c.field.get_db_prep_save for c in table.columns]
    return [tuple(p(v, connection) for p, v in zip(prep, row, strict=True)) for row in rows]


def _insert(table: Table, rows: list[tuple]) -> None:
    if not rows:
        return
    quoted = [connection.ops.quote_name(c) for c in table.keys]
    name = connection.ops.quote_name(table.name)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {name} ({', '.join(quoted)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {name} ({', '.join(quoted)}) VALUES ({', '.join(['%s'] * len(quoted))})"  # noqa: S608
        cursor.executemany(sql, _adapt_for_backend(table, rows))


def _update(table: Table, rows: list[tuple]) -> None:
    if not rows:
        return
    keys = table.keys
    name = connection.ops.quote_name(table.name)
    sets = ", ".join(f"{connection.ops.quote_name(c)} = %s" for c in keys)
    where = " AND ".join(f"{connection.ops.quote_name(k)} = %s" for k in table.key)
    key_index = [keys.index(k) for k in table.key]
    adapted = _adapt_for_backend(table, rows)
    params = [(*row, *(row[i] for i in key_index)) for row in adapted]
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {name} SET {sets} WHERE {where}", params)  # noqa: S608


def write_batch(batch: Batch, ctx: Context, tally: Tally, *, table_was_empty: bool, write: bool) -> None:
    """Classify the batch's good rows against the database and (when ``write``) write them. Rows
    whose key repeats an earlier row, or belongs to a record outside the writer's scope, become
    errors."""
    table = batch.table
    columns = [batch.values[k] for k in table.keys]
    key_columns = [batch.values[k] for k in table.key]
    keys: list[tuple] = []
    rows: list[tuple] = []
    seen = tally.seen
    for i, row in enumerate(zip(*columns, strict=True)):
        if i in batch.bad:
            continue
        key = tuple(c[i] for c in key_columns)
        first = seen.get(key)
        if first is not None:
            batch.error(i, table.key[-1] if len(table.key) > 1 else table.key[0],
                        f"与第 {first} 行重复 / duplicate of row {first}")
            continue
        seen[key] = batch.numbers[i]
        keys.append(key)
        rows.append((i, row))
    existing = {} if table_was_empty or not keys else _existing(table, keys)
    village_at = table.keys.index("village_code")
    new, changed = [], []
    for (i, row), key in zip(rows, keys, strict=True):
        current = existing.get(key)
        if current is None:
            new.append(row)
        elif not ctx.in_scope(current[village_at]):
            batch.error(i, table.key[0], "此编号已被管辖范围外的记录使用 / this key belongs to a record outside your scope")
        elif tuple(current) == row:
            tally.unchanged += 1
        else:
            changed.append(row)
    tally.created += len(new)
    tally.updated += len(changed)
    if write and not batch.errors:
        _insert(table, new)
        _update(table, changed)
