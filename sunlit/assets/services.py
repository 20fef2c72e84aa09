"""Writes to the asset ledger: assets, leases and rent receipts."""

from sunlit.ledger.services import record_write, records_write
from sunlit.ledger.validation import Batch, dates_in_order


def _lessee_given(batch: Batch) -> None:
    """A lease names its lessee by ID number or by credit code (one of them may be empty, not both)."""
    for i, (person, org) in enumerate(zip(batch.values["lessee_person_id"], batch.values["lessee_org_id"],
                                          strict=True)):
        if not person and not org and i not in batch.bad:
            batch.error(i, "lessee_person_id",
                        "承租人身份证号码和统一社会信用代码至少填一项 / give the lessee's ID number or credit code")


LEASE_CHECKS = (
    dates_in_order("start_date", "end_date", "到期日期早于起租日期 / the lease ends before it starts"),
    _lessee_given,
)
RENT_RECEIPT_CHECKS = (
    dates_in_order("period_start", "period_end", "租期结束早于开始 / the period ends before it starts"),
)


def asset_create(*, actor, data: dict):
    return record_write("asset", actor=actor, data=data)


def assets_bulk_create(*, actor, records: list[dict]):
    return records_write("asset", actor=actor, records=records)


def lease_create(*, actor, data: dict):
    return record_write("lease", actor=actor, data=data)


def leases_bulk_create(*, actor, records: list[dict]):
    return records_write("lease", actor=actor, records=records)


def rent_receipt_create(*, actor, data: dict):
    return record_write("rent_receipt", actor=actor, data=data)


def rent_receipts_bulk_create(*, actor, records: list[dict]):
    return records_write("rent_receipt", actor=actor, records=records)
