"""Writes to the cadre roster. Every write goes through the ledger's one validation path."""

from sunlit.ledger.services import record_write, records_write
from sunlit.ledger.validation import dates_in_order

CADRE_CHECKS = (
    dates_in_order("term_start", "term_end", "任期结束早于任期开始 / the term ends before it starts"),
)


def cadre_create(*, actor, data: dict):
    """Create (or update in place, by natural key) one cadre term. Raises InvalidInput."""
    return record_write("cadre", actor=actor, data=data)


def cadres_bulk_create(*, actor, records: list[dict]):
    return records_write("cadre", actor=actor, records=records)
