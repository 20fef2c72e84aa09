"""Writes to the relief ledger. Duplicate periods are valid rows — a model flags them."""

from sunlit.ledger.services import record_write, records_write
from sunlit.ledger.validation import dates_in_order

RELIEF_RECIPIENT_CHECKS = (
    dates_in_order("approved_date", "end_date", "终止日期早于批准日期 / the end date is before the approval"),
)


def relief_recipient_create(*, actor, data: dict):
    return record_write("relief_recipient", actor=actor, data=data)


def relief_recipients_bulk_create(*, actor, records: list[dict]):
    return records_write("relief_recipient", actor=actor, records=records)


def relief_payment_create(*, actor, data: dict):
    return record_write("relief_payment", actor=actor, data=data)


def relief_payments_bulk_create(*, actor, records: list[dict]):
    return records_write("relief_payment", actor=actor, records=records)
