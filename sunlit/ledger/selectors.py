"""Reads from the ledger, always through the scope selector layer."""

from datetime import date

from django.db.models import QuerySet

from sunlit.accounts.scope import get_in_scope, require, scoped
from sunlit.errors import InvalidInput
from sunlit.regions.models import Region

from . import registry
from .models import ImportJob

READ_ACTION = "ledger.view"


def _date(value: str | date | None, name: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{name} 应为 YYYY-MM-DD / {name} must be YYYY-MM-DD") from None


def ledger_rows(table: str, *, user, village: str | None = None, date_from=None, date_to=None) -> QuerySet:
    """The rows of ``table`` in the user's scope, optionally one village's (or a region's: any code
    prefix) and a date range on the table's date column."""
    spec = registry.table(table)
    require(user, READ_ACTION)
    rows = scoped(spec.model.objects.all(), user=user)
    if village:
        if not village.isdigit() or len(village) > 12:
            raise InvalidInput("village 应为区划代码 / village must be a region code")
        from sunlit.regions import codes

        prefix = codes.prefix_of(village) if len(village) == 12 and codes.is_well_formed(village) else village
        rows = rows.filter(village_code__startswith=prefix)
    start, end = _date(date_from, "date_from"), _date(date_to, "date_to")
    if (start or end) and not spec.date_column:
        raise InvalidInput(f"{table} 没有日期列 / {table} has no date column")
    if start:
        rows = rows.filter(**{f"{spec.date_column}__date__gte" if _is_datetime(spec) else f"{spec.date_column}__gte": start})
    if end:
        rows = rows.filter(**{f"{spec.date_column}__date__lte" if _is_datetime(spec) else f"{spec.date_column}__lte": end})
    return rows.order_by(*spec.model._meta.ordering)


def _is_datetime(spec: registry.Table) -> bool:
    return spec.by_key[spec.date_column].kind == "datetime"


def ledger_row(table: str, *, user, key: str):
    """One row by its own ``*_id`` (or, for the tables keyed by several columns, by its ``id``)."""
    spec = registry.table(table)
    require(user, READ_ACTION)
    if spec.single_key:
        return get_in_scope(spec.model.objects.all(), user=user, **{spec.single_key: key})
    if not str(key).isdigit():
        raise InvalidInput("编号应为数字 / the id is a number")
    return get_in_scope(spec.model.objects.all(), user=user, pk=int(key))


def villages_in_scope(*, user) -> QuerySet:
    return scoped(Region.objects.filter(level="village"), user=user).order_by("code")


def import_job_get(*, user, job_id: int) -> ImportJob:
    require(user, READ_ACTION)
    return get_in_scope(ImportJob.objects.all(), user=user, pk=job_id)


def export_rows(table: str, rows: QuerySet):
    """Rows as value tuples in canonical column order, streamed from the database."""
    spec = registry.table(table)
    yield from rows.values_list(*spec.keys).iterator(chunk_size=5000)
