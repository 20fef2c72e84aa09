"""Ledger rows for tests outside this package (the permission matrix): ``record_in(table, village)``
creates a valid record of ``table`` in ``village`` together with the records it refers to."""

from sunlit.accounts.system import command_line_actor
from sunlit.ledger import registry
from sunlit.ledger.services import records_write

from .conftest import PARENTS, valid

LEDGER_TABLES = registry.TABLE_NAMES


def record_in(table: str, village: str, n: int = 1):
    actor = command_line_actor()
    for parent in PARENTS.get(table, []):
        records_write(parent, actor=actor, records=[valid(parent, village, n)])
    records_write(table, actor=actor, records=[valid(table, village, n)])
    spec = registry.table(table)
    record = valid(table, village, n)
    if spec.single_key:
        return spec.model.objects.get(**{spec.single_key: record[spec.single_key]})
    return spec.model.objects.filter(village_code=village).latest("id")


def key_of(table: str, village: str) -> dict:
    """URL kwargs of the API's retrieve route for a fresh record of ``table`` in ``village``."""
    record = record_in(table, village)
    spec = registry.table(table)
    return {"key": getattr(record, spec.single_key) if spec.single_key else str(record.pk)}


def in_both_counties(table: str):
    def setup(world):
        return record_in(table, world.village_a.code), record_in(table, world.village_b.code)
    return setup


def import_job_in(village: str) -> dict:
    """URL kwargs of an import job run by a clerk-like uploader scoped to ``village``."""
    from sunlit.ledger.models import ImportJob

    job = ImportJob.objects.create(table="cadre", region_code=village, source="cadre.csv", path="",
                                   status=ImportJob.Status.FAILED, message="x",
                                   errors=[{"row": 2, "column": "name", "value": "", "message": "必填 / required"}],
                                   error_count=1)
    return {"job_id": job.pk}
