"""When a village's three-affairs disclosure is due (DESIGN.md §5: at least quarterly, monthly for
finances). ``SUNLIT_DISCLOSURE_DEADLINES`` in the settings maps each category to its cadence
(``month`` or ``quarter``) and the days of grace after the period ends; a period is late when the
day after its last day of grace has come and the village has published nothing for it."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings

DEFAULT_DEADLINES = {
    "finance": {"every": "month", "grace_days": 10},
    "party": {"every": "quarter", "grace_days": 15},
    "village": {"every": "quarter", "grace_days": 15},
}
# Years 1000 to 2999 (a year 0000 or 9999-12 would have no first or following day).
_MONTH = re.compile(r"^([12]\d{3})-(0[1-9]|1[0-2])$")
_QUARTER = re.compile(r"^([12]\d{3})Q([1-4])$")


@dataclass(frozen=True)
class Rule:
    category: str
    every: str        # "month" | "quarter"
    grace_days: int


def rules() -> dict[str, Rule]:
    configured = {**DEFAULT_DEADLINES, **getattr(settings, "SUNLIT_DISCLOSURE_DEADLINES", {})}
    out = {}
    for category, rule in configured.items():
        every = rule.get("every", "quarter")
        if every not in ("month", "quarter"):
            raise ValueError(f"SUNLIT_DISCLOSURE_DEADLINES[{category!r}]: 'every' is month or quarter")
        out[category] = Rule(category, every, int(rule.get("grace_days", 0)))
    return out


def period_bounds(period: str) -> tuple[date, date]:
    """The first and last day of ``YYYY-MM`` or ``YYYYQn``. Raises ValueError."""
    if m := _MONTH.match(period):
        year, month = int(m[1]), int(m[2])
        first = date(year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)
        return first, following - timedelta(days=1)
    if m := _QUARTER.match(period):
        year, quarter = int(m[1]), int(m[2])
        first = date(year, 3 * quarter - 2, 1)
        following = date(year + quarter // 4, (3 * quarter) % 12 + 1, 1)
        return first, following - timedelta(days=1)
    raise ValueError(period)


def period_matches(period: str, every: str) -> bool:
    return bool((_MONTH if every == "month" else _QUARTER).match(period))


def period_of(day: date, every: str) -> str:
    if every == "month":
        return f"{day.year}-{day.month:02d}"
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def due_on(period: str, rule: Rule) -> date:
    """The last day the period's disclosure may be published on time."""
    return period_bounds(period)[1] + timedelta(days=rule.grace_days)


def latest_due_period(rule: Rule, today: date) -> str:
    """The newest period of the rule's cadence whose deadline is already past on ``today``."""
    period = period_of(today, rule.every)
    while due_on(period, rule) >= today:
        first, _last = period_bounds(period)
        period = period_of(first - timedelta(days=1), rule.every)
    return period
