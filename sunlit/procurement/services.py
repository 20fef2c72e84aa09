"""Writes to the procurement ledger. Duplicate invoice numbers are valid rows — a model flags them."""

from sunlit.ledger.services import record_write, records_write


def purchase_create(*, actor, data: dict):
    return record_write("purchase", actor=actor, data=data)


def purchases_bulk_create(*, actor, records: list[dict]):
    return records_write("purchase", actor=actor, records=records)
