"""Two liaison officers take (接单) the same case at the same moment: exactly one wins and exactly
one event is written. Runs on PostgreSQL only (SQLite serialises whole transactions, which proves
nothing about row locks)."""

import threading

import pytest
from django.db import connection, connections

from sunlit.accounts.roles import Role
from sunlit.accounts.services import user_create
from sunlit.cases import services
from sunlit.cases.models import Case, CaseEvent
from tests.cases.records import case_make

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def _race(case_id, officers, attempt):
    barrier = threading.Barrier(len(officers))
    outcomes = {}

    def work(officer):
        try:
            barrier.wait(timeout=10)
            attempt(case_id, officer)
            outcomes[officer.username] = "ok"
        except Exception as exc:  # noqa: BLE001 — the outcome is what is tested
            outcomes[officer.username] = type(exc).__name__
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(o,)) for o in officers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return outcomes


@pytest.mark.parametrize("rounds", [5])
def test_two_officers_take_the_same_case_exactly_one_wins(users, world, rounds):
    second = user_create(username="liaison2", password="correct-horse-battery-staple",
                         role=Role.LIAISON_OFFICER, scope=world.village_a)
    for n in range(rounds):
        case = case_make(world.village_a, subject_id=f"RACE{n}")
        services.case_dispatch(case_id=case.pk, actor=users.township_officer)
        outcomes = _race(case.pk, [users.liaison, second],
                         lambda pk, officer: services.case_take(case_id=pk, actor=officer))
        assert sorted(outcomes.values()) == ["CaseConflict", "ok"], outcomes
        assert CaseEvent.objects.filter(case_id=case.pk, transition="take").count() == 1
        taken = Case.objects.get(pk=case.pk)
        assert taken.state == "accepted"
        winner = [name for name, result in outcomes.items() if result == "ok"][0]
        assert taken.events.get(transition="take").actor_username == winner


def test_take_and_escalate_at_once_exactly_one_wins(users, world):
    case = case_make(world.village_a, subject_id="RACE-X")
    services.case_dispatch(case_id=case.pk, actor=users.township_officer)

    def attempt(pk, officer):
        if officer.username == "liaison":
            services.case_take(case_id=pk, actor=officer)
        else:
            services.case_escalate(case_id=pk, actor=officer, expected_state="dispatched")

    outcomes = _race(case.pk, [users.liaison, users.township_officer], attempt)
    assert sorted(outcomes.values()) == ["CaseConflict", "ok"], outcomes
    assert CaseEvent.objects.filter(case_id=case.pk).exclude(transition__in=["open", "dispatch"]).count() == 1
