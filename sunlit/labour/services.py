"""Writes to the labour ledger: dispatches, attendance and pay. Pay with no dispatch, and
overlapping attendance, are valid rows — the models flag them."""

from sunlit.ledger.services import record_write, records_write
from sunlit.ledger.validation import Batch


def _amount_is_days_times_rate(batch: Batch) -> None:
    for i, (days, rate, amount) in enumerate(zip(batch.values["days"], batch.values["daily_rate"],
                                                 batch.values["amount"], strict=True)):
        if days is not None and rate is not None and amount is not None and (days * rate).quantize(amount) != amount:
            batch.error(i, "amount", "金额应等于天数×日工资 / the amount must equal days × daily rate")


LABOUR_PAYMENT_CHECKS = (_amount_is_days_times_rate,)


def labour_task_create(*, actor, data: dict):
    """Dispatch a task (派工)."""
    return record_write("labour_task", actor=actor, data=data)


def labour_tasks_bulk_create(*, actor, records: list[dict]):
    return records_write("labour_task", actor=actor, records=records)


def labour_attendance_create(*, actor, data: dict):
    """Record one worker's day on a task; the village comes from the task."""
    return record_write("labour_attendance", actor=actor, data=data)


def labour_attendance_bulk_create(*, actor, records: list[dict]):
    return records_write("labour_attendance", actor=actor, records=records)


def labour_payment_create(*, actor, data: dict):
    """Record pay; ``amount`` must equal ``days × daily_rate``."""
    return record_write("labour_payment", actor=actor, data=data)


def labour_payments_bulk_create(*, actor, records: list[dict]):
    return records_write("labour_payment", actor=actor, records=records)
