"""Races. The liaison officer and the clerk of one village move the same task at the same moment: exactly
one move wins and exactly one event is written (row lock and the state check under it). On
PostgreSQL the loser waits for the row lock and is refused with a conflict (409); SQLite locks the
whole database, so there the loser may instead fail on the lock — still nothing is written twice."""

import threading

import pytest
from django.db import connection, connections

from sunlit.closedloop import services
from sunlit.closedloop.models import CampaignTask, CampaignTaskEvent
from tests.closedloop.records import campaign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _race(task_id, people, to_state):
    barrier = threading.Barrier(len(people))
    outcomes = {}

    def work(person):
        try:
            barrier.wait(timeout=10)
            services.campaign_task_move(user=person, task_id=task_id, to_state=to_state)
            outcomes[person.username] = "ok"
        except Exception as exc:  # noqa: BLE001 — the outcome is what is tested
            outcomes[person.username] = type(exc).__name__
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return outcomes


@pytest.mark.parametrize("rounds", [4])
def test_two_people_move_the_same_task_exactly_one_wins(users, world, rounds):
    for n in range(rounds):
        task = campaign_in(world.county_a, title=f"专项{n}").tasks.get()
        outcomes = _race(task.pk, [users.liaison, users.clerk], "in_progress")
        losers = {"TaskConflict"} if connection.vendor == "postgresql" else {"TaskConflict", "OperationalError"}
        assert sorted(outcomes.values())[1] == "ok" and sorted(outcomes.values())[0] in losers, outcomes
        assert CampaignTaskEvent.objects.filter(task=task).count() == 1
        moved = CampaignTask.objects.get(pk=task.pk)
        winner = [name for name, result in outcomes.items() if result == "ok"][0]
        assert moved.state == "in_progress" and moved.events.get().actor_username == winner


def test_two_lists_of_one_region_issued_at_once_get_versions_one_and_two(users, world):
    from sunlit.closedloop.models import ProblemList

    second = users.admin
    barrier = threading.Barrier(2)
    outcomes = {}

    def work(person):
        try:
            barrier.wait(timeout=10)
            services.problem_list_generate(user=person, region_code=world.county_a.code, period_kind="year",
                                           period="2026")
            outcomes[person.username] = "ok"
        except Exception as exc:  # noqa: BLE001 — the outcome is what is tested
            outcomes[person.username] = type(exc).__name__
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(p,)) for p in (users.inspector_a, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    if connection.vendor == "postgresql":
        assert outcomes == {"inspector_a": "ok", "admin": "ok"}, outcomes
    else:   # SQLite: the loser may fail on the database lock, but never with a duplicate version
        assert "ok" in outcomes.values() and "IntegrityError" not in outcomes.values(), outcomes
    versions = sorted(ProblemList.objects.filter(region_code=world.county_a.code).values_list("version", flat=True))
    assert versions == list(range(1, len(versions) + 1)) and len(versions) == list(outcomes.values()).count("ok")
