"""Writes to the project ledger: projects, change orders and payments. A project with no decision,
or with its decision after the contract, is a valid row — the models flag it."""

from sunlit.ledger.services import record_write, records_write
from sunlit.ledger.validation import dates_in_order

PROJECT_CHECKS = (
    dates_in_order("start_date", "planned_end_date",
                   "计划完工日期早于开工日期 / the planned end date is before the start date"),
)


def project_create(*, actor, data: dict):
    return record_write("project", actor=actor, data=data)


def projects_bulk_create(*, actor, records: list[dict]):
    return records_write("project", actor=actor, records=records)


def project_change_create(*, actor, data: dict):
    return record_write("project_change", actor=actor, data=data)


def project_changes_bulk_create(*, actor, records: list[dict]):
    return records_write("project_change", actor=actor, records=records)


def project_payment_create(*, actor, data: dict):
    return record_write("project_payment", actor=actor, data=data)


def project_payments_bulk_create(*, actor, records: list[dict]):
    return records_write("project_payment", actor=actor, records=records)


def project_update(*, actor, project_id: str, changes: dict):
    """Record a later step of a project's life (award, contract, acceptance, settlement…): the
    project's current cells with ``changes`` applied, written through the same validation path."""
    from sunlit.accounts.scope import get_in_scope
    from sunlit.ledger import registry

    from .models import Project

    project = get_in_scope(Project.objects.all(), user=actor, project_id=project_id)
    current = {key: getattr(project, key) for key in registry.table("project").keys}
    return record_write("project", actor=actor, data={**current, **changes, "project_id": project.project_id,
                                                      "village_code": project.village_code})
