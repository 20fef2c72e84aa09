"""Writing checked batches: each row is created, updated in place or left unchanged, matched by the
table's natural key. New rows go in with PostgreSQL's COPY (or one multi-row statement per batch
elsewhere), changed rows with one prepared UPDATE per batch: never one ORM save per row."""

from dataclasses import dataclass, field
from datetime import UTC

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


def _sqlite_adapter(kind: str):
    """The value SQLite stores, as Django's SQLite backend would write it (dates ISO text,
    times naive UTC text, decimals as text)."""
    if kind == "date":
        return lambda v: None if v is None else v.isoformat()
    if kind == "datetime":
        return lambda v: None if v is None else str(v.astimezone(UTC).replace(tzinfo=None))
    if kind in ("decimal", "money"):
        return lambda v: None if v is None else str(v)
    return None


def _adapt_for_backend(table: Table, rows: list[tuple]) -> list[tuple]:
    if connection.vendor == "postgresql":
        return rows
    if connection.vendor != "sqlite":
        prep = [c.field.get_db_prep_save for c in table.columns]
        return [tuple(p(v, connection) for p, v in zip(prep, row, strict=True)) for row in rows]
    columns = list(zip(*rows, strict=True))
    for i, col in enumerate(table.columns):
        adapt = _sqlite_adapter(col.kind)
        if adapt is not None:
            columns[i] = [adapt(v) for v in columns[i]]
    return list(zip(*columns, strict=True))


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(kind: str, values: list) -> list[str]:
    """One column in PostgreSQL's COPY text format (NULL is \\N)."""
    if kind in ("date", "datetime"):
        return ["\\N" if v is None else v.isoformat() for v in values]
    if kind in ("decimal", "money", "integer"):
        return ["\\N" if v is None else str(v) for v in values]
    if any(v is None for v in values):
        values = ["\\N" if v is None else v.translate(_COPY_ESCAPES) for v in values]
        return values
    joined = "".join(values)
    if "\\" in joined or "\t" in joined or "\n" in joined or "\r" in joined:
        return [v.translate(_COPY_ESCAPES) for v in values]
    return values


def _copy_block(table: Table, columns: list[list]) -> bytes:
    text = [_copy_text(col.kind, values) for col, values in zip(table.columns, columns, strict=True)]
    return ("\n".join(map("\t".join, zip(*text, strict=True))) + "\n").encode("utf-8")


class Inserter:
    """Where new rows go. On PostgreSQL, when nothing needs reading between batches (an import
    into an empty table), one COPY stays open for the whole import, so the server stores one batch
    while the next is being checked."""

    def __init__(self, table: Table, *, streaming: bool):
        self.table = table
        self.streaming = streaming and connection.vendor == "postgresql"
        self._copy_cm = None
        self._copy = None
        self._cursor = None

    def insert(self, rows: list[tuple], columns: list[list] | None = None) -> None:
        if not rows:
            return
        if not self.streaming:
            _insert(self.table, rows, columns)
            return
        if self._copy is None:
            quoted = ", ".join(connection.ops.quote_name(c) for c in self.table.keys)
            self._cursor = connection.cursor()
            self._copy_cm = self._cursor.cursor.copy(
                f"COPY {connection.ops.quote_name(self.table.name)} ({quoted}) FROM STDIN")
            self._copy = self._copy_cm.__enter__()
        if columns is None:
            columns = [list(c) for c in zip(*rows, strict=True)]
        self._copy.write(_copy_block(self.table, columns))

    def close(self, error: BaseException | None = None) -> None:
        if self._copy_cm is not None:
            cm, self._copy_cm, self._copy = self._copy_cm, None, None
            try:
                if error is None:
                    cm.__exit__(None, None, None)
                else:
                    cm.__exit__(type(error), error, error.__traceback__)
            finally:
                self._cursor.close()


def _insert(table: Table, rows: list[tuple], columns: list[list] | None = None) -> None:
    """Insert new rows. ``columns`` (the same rows column-wise) lets PostgreSQL's COPY be fed one
    text block built column by column."""
    if not rows:
        return
    quoted = [connection.ops.quote_name(c) for c in table.keys]
    name = connection.ops.quote_name(table.name)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            if columns is None:
                columns = [list(c) for c in zip(*rows, strict=True)]
            with cursor.cursor.copy(f"COPY {name} ({', '.join(quoted)}) FROM STDIN") as copy:
                copy.write(_copy_block(table, columns))
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


def _first_seen(keys: list, numbers: list[int], seen: dict) -> dict[int, int]:
    """Record each key's first row; return {index: first row} for keys seen before (earlier in
    this batch or in an earlier one)."""
    if len(set(keys)) == len(keys) and seen.keys().isdisjoint(keys):
        seen.update(zip(keys, numbers, strict=True))
        return {}
    repeats: dict[int, int] = {}
    for i, k in enumerate(keys):
        first = seen.get(k)
        if first is None:
            seen[k] = numbers[i]
        else:
            repeats[i] = first
    return repeats


def write_batch(batch: Batch, ctx: Context, tally: Tally, *, table_was_empty: bool, write: bool,
                inserter: Inserter) -> None:
    """Classify the batch's good rows against the database and (when ``write``) write them. Rows
    whose key repeats an earlier row, or belongs to a record outside the writer's scope, become
    errors."""
    table = batch.table
    columns = [batch.values[k] for k in table.keys]
    if len(table.key) == 1:
        all_keys = batch.values[table.key[0]]
    else:
        all_keys = list(zip(*(batch.values[k] for k in table.key), strict=True))
    numbers = batch.numbers
    good = range(len(batch)) if not batch.bad else [i for i in range(len(batch)) if i not in batch.bad]
    if batch.bad:
        columns = [[c[i] for i in good] for c in columns]
        keys = [all_keys[i] for i in good]
        numbers = [numbers[i] for i in good]
    else:
        keys = all_keys
    key_column = table.key[-1] if len(table.key) > 1 else table.key[0]
    repeats = _first_seen(keys, numbers, tally.seen) if keys else {}
    # A key already in a previous batch was recorded there; one that repeats is refused.
    for j, first in repeats.items():
        batch.error(good[j], key_column, f"与第 {first} 行重复 / duplicate of row {first}")
    if repeats:
        keep = [j for j in range(len(keys)) if j not in repeats]
        columns = [[c[j] for j in keep] for c in columns]
        good = [good[j] for j in keep]
        keys = [keys[j] for j in keep]
    rows = list(zip(*columns, strict=True))
    if table_was_empty:
        tally.created += len(rows)
        if write and not batch.errors:
            inserter.insert(rows, columns)
        return
    wrapped = keys if len(table.key) > 1 else [(k,) for k in keys]
    existing = _existing(table, wrapped) if wrapped else {}
    village_at = table.keys.index("village_code")
    new, changed = [], []
    for j, (row, key) in enumerate(zip(rows, wrapped, strict=True)):
        current = existing.get(key)
        if current is None:
            new.append(row)
        elif not ctx.in_scope(current[village_at]):
            batch.error(good[j], table.key[0], "此编号已被管辖范围外的记录使用 / this key belongs to a record outside your scope")
        elif tuple(current) == row:
            tally.unchanged += 1
        else:
            changed.append(row)
    tally.created += len(new)
    tally.updated += len(changed)
    if write and not batch.errors:
        inserter.insert(new)
        _update(table, changed)
