"""The deadline tracker run twice at the same moment (the scheduled task and the command): the
late village gets exactly one case and neither run fails. PostgreSQL only (SQLite serialises whole
transactions, which proves nothing)."""

import threading

import pytest
from django.db import connection, connections

from sunlit.cases.models import Case, CaseEvent, SourceKind
from sunlit.cases.services import case_open_for_late_disclosure
from tests.entry.conftest import VILLAGE_A

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a race needs PostgreSQL"),
]


def _twice_at_once(period):
    barrier = threading.Barrier(2)
    outcomes = []

    def work():
        try:
            barrier.wait(timeout=10)
            _case, opened = case_open_for_late_disclosure(village_code=VILLAGE_A, category="finance", period=period,
                                                          title=f"三务公开逾期：财务 {period}")
            outcomes.append("opened" if opened else "existing")
        except Exception as exc:  # noqa: BLE001 — the outcome is what is tested
            outcomes.append(type(exc).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return outcomes


@pytest.mark.parametrize("month", range(1, 7))
def test_two_runs_at_once_open_one_case_and_both_finish(world, month):
    period = f"2026-{month:02d}"
    outcomes = _twice_at_once(period)
    assert sorted(outcomes) == ["existing", "opened"], outcomes
    cases = Case.objects.filter(source_kind=SourceKind.DISCLOSURE, source_ref=f"{VILLAGE_A}:finance:{period}")
    assert cases.count() == 1
    assert CaseEvent.objects.filter(case__in=cases, transition="open").count() == 1
