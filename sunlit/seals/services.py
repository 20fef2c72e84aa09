"""Writes to the seal register and the seal-use log. A use with no approver, or approved after
the use, is a valid row — the models flag it."""

from sunlit.ledger.services import record_write, records_write


def seal_create(*, actor, data: dict):
    return record_write("seal", actor=actor, data=data)


def seals_bulk_create(*, actor, records: list[dict]):
    return records_write("seal", actor=actor, records=records)


def seal_usage_create(*, actor, data: dict):
    """Log one use of a seal (applicant, approver, time)."""
    return record_write("seal_usage", actor=actor, data=data)


def seal_usages_bulk_create(*, actor, records: list[dict]):
    return records_write("seal_usage", actor=actor, records=records)
