"""Deadlines in working days on the Chinese statutory holiday calendar (chinese-calendar: public
holidays off, the weekend days officially made working days on). For a year the package does not
cover yet, Monday to Friday are working days, corrected by ``SUNLIT_EXTRA_HOLIDAYS`` and
``SUNLIT_EXTRA_WORKDAYS`` (ISO dates) in the settings."""

from datetime import date, timedelta

import chinese_calendar
from django.conf import settings

# Working days a unit has per case colour, unless a DeadlineRule row says otherwise.
DEFAULT_WORKING_DAYS = {"red": 5, "yellow": 10, "blue": 15, "report": 10}


def is_working_day(day: date) -> bool:
    iso = day.isoformat()
    if iso in getattr(settings, "SUNLIT_EXTRA_HOLIDAYS", ()):
        return False
    if iso in getattr(settings, "SUNLIT_EXTRA_WORKDAYS", ()):
        return True
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def add_working_days(start: date, days: int) -> date:
    """The ``days``-th working day after ``start`` (``start`` itself does not count)."""
    day, left = start, days
    while left > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


def working_days_for(severity: str) -> int:
    from .models import DeadlineRule

    rule = DeadlineRule.objects.filter(severity=severity).first()
    if rule is not None:
        return rule.working_days
    configured = {**DEFAULT_WORKING_DAYS, **getattr(settings, "SUNLIT_CASE_DEADLINES", {})}
    return configured.get(severity, configured["yellow"])


def due_date(*, severity: str, routed_on: date) -> date:
    return add_working_days(routed_on, working_days_for(severity))
