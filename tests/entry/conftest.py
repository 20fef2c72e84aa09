"""Shared helpers for the entry-page tests: ledger records made through the ledger's services."""

import pytest

from sunlit.identity import person_id_make
from sunlit.ledger.services import records_write

VILLAGE_A = "330102001001"
VILLAGE_B = "330106001001"
ZHANG = person_id_make("33010219600101123")      # born 1960
OUYANG = person_id_make("33010219851231456")
CADRE_WANG = person_id_make("33010219700505201")


@pytest.fixture
def ledger(users):
    """``ledger(table, **cells)``: write one record as the administrator (through the ledger)."""
    def write(table, **cells):
        records_write(table, actor=users.admin, records=[cells])
    return write


@pytest.fixture
def task_a(ledger):
    ledger("labour_task", task_id="T-A", village_code=VILLAGE_A, title="河道清理", category="保洁",
           dispatch_date="2026-11-20", planned_days="3", planned_workers="2")
    return "T-A"


@pytest.fixture
def task_b(ledger):
    ledger("labour_task", task_id="T-B", village_code=VILLAGE_B, title="修路", category="道路",
           dispatch_date="2026-11-20", planned_days="3", planned_workers="2")
    return "T-B"


def errors_of(response) -> str:
    return response.content.decode()
