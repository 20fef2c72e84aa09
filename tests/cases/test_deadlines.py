"""Deadlines in working days on the Chinese holiday calendar, and the sweep, with a frozen clock
across the National Day week (1–7 October 2026; Saturday 10 October is a working day)."""

import io
import json
from datetime import date

import pytest
from django.core.management import call_command

from sunlit.cases import deadlines, services
from sunlit.cases.models import Case, DeadlineRule, Notification
from sunlit.cases.services import cases_sweep
from tests.cases.records import case_make


def test_national_day_week_is_not_working_time():
    assert not any(deadlines.is_working_day(date(2026, 10, d)) for d in range(1, 8))
    assert deadlines.is_working_day(date(2026, 10, 10))          # the make-up Saturday
    assert deadlines.add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert deadlines.add_working_days(date(2026, 9, 30), 3) == date(2026, 10, 10)
    assert deadlines.add_working_days(date(2026, 9, 30), 5) == date(2026, 10, 13)


def test_years_beyond_the_calendar_count_monday_to_friday(settings):
    assert deadlines.add_working_days(date(2027, 3, 5), 1) == date(2027, 3, 8)   # Friday → Monday
    settings.SUNLIT_EXTRA_HOLIDAYS = ["2027-03-08"]
    assert deadlines.add_working_days(date(2027, 3, 5), 1) == date(2027, 3, 9)


def test_deadlines_per_colour_are_configurable(db, settings):
    settings.SUNLIT_CASE_DEADLINES = {"red": 2, "yellow": 4}
    assert deadlines.working_days_for("red") == 2
    assert deadlines.working_days_for("blue") == 15                  # default kept
    DeadlineRule.objects.create(severity="red", working_days=7)
    assert deadlines.working_days_for("red") == 7


def test_a_case_opened_before_national_day_is_due_after_it(world, clock):
    clock.set(2026, 9, 30)
    red = case_make(world.village_a, severity="red", subject_id="R")
    yellow = case_make(world.village_a, subject_id="Y")
    assert red.routed_on == date(2026, 9, 30)
    assert red.due_on == date(2026, 10, 13)          # 5 working days: 8, 9, 10 (Sat), 12, 13
    assert yellow.due_on == deadlines.add_working_days(date(2026, 9, 30), 10)


def test_sweep_escalates_overdue_cases_once(users, world, clock):
    DeadlineRule.objects.create(severity="yellow", working_days=3)
    clock.set(2026, 9, 30)
    case = case_make(world.village_a)
    services.case_dispatch(case_id=case.pk, actor=users.township_officer)
    assert Case.objects.get(pk=case.pk).due_on == date(2026, 10, 10)
    clock.set(2026, 10, 7)
    assert cases_sweep() == []                      # the holiday week does not count
    clock.set(2026, 10, 10)
    assert cases_sweep() == []                      # due today is not overdue
    clock.set(2026, 10, 12)
    assert cases_sweep() == [case.pk]
    assert cases_sweep() == []                      # twice → once
    up = Case.objects.get(pk=case.pk)
    assert (up.state, up.level, up.handling_code, up.escalation_count) == ("escalated", "township",
                                                                           world.township_a.code, 1)
    assert up.due_on == date(2026, 10, 15)
    assert list(Notification.objects.filter(case=up).values_list("recipient__username", "kind")) == [
        ("township_officer", "escalated")]
    assert up.events.filter(transition="escalate").count() == 1
    assert up.events.get(transition="escalate").detail["reason"] == "overdue"
    clock.set(2026, 10, 16)
    assert cases_sweep() == [case.pk]               # the township let it run over too: to the county
    up = Case.objects.get(pk=case.pk)
    assert (up.level, up.handling_code) == ("county", world.county_a.code)
    assert Notification.objects.filter(case=up, recipient=users.inspector_a).count() == 1


def test_disposed_and_closed_cases_are_not_swept(users, world, clock):
    clock.set(2026, 9, 30)
    case = case_make(world.village_a)
    services.case_dispatch(case_id=case.pk, actor=users.township_officer)
    services.case_take(case_id=case.pk, actor=users.liaison)
    services.case_start_verification(case_id=case.pk, actor=users.liaison)
    services.case_verify(case_id=case.pk, actor=users.liaison, conclusion="confirmed")
    services.case_dispose(case_id=case.pk, actor=users.liaison, money_recovered="10")
    clock.set(2026, 12, 30)
    assert cases_sweep() == []


@pytest.mark.parametrize("as_json", [True, False])
def test_the_sweep_command(users, world, clock, as_json):
    clock.set(2026, 9, 1)
    case_make(world.village_a)
    clock.set(2026, 11, 2)
    out = io.StringIO()
    call_command("sweep", *(["--json"] if as_json else []), stdout=out)
    if as_json:
        assert json.loads(out.getvalue())["escalated"] == 1
    else:
        assert "1" in out.getvalue()
    out = io.StringIO()
    call_command("sweep", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"escalated": 0, "cases": []}


def test_the_scheduled_task(world, clock):
    from sunlit.cases.tasks import cases_sweep_task

    clock.set(2026, 9, 1)
    case_make(world.village_a)
    clock.set(2026, 11, 2)
    assert cases_sweep_task.call() == {"escalated": 1}
