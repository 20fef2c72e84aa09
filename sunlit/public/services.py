"""Writes of the public side: a clerk publishes a three-affairs disclosure for their village; the
deadline tracker opens a case (through the case engine) for every village late with one."""

import re
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from sunlit.accounts.scope import get_in_scope, require
from sunlit.audit.services import audit_record
from sunlit.cases.services import case_open_for_late_disclosure
from sunlit.errors import InvalidInput, RowError
from sunlit.regions import codes
from sunlit.regions.models import Region

from . import deadlines
from .models import Category, Disclosure

PUBLISH_ACTION = "disclosures.publish"
_CHINESE = {"party": "党务", "village": "村务", "finance": "财务"}
TITLE_LIMIT = 200
CONTENT_LIMIT = 20_000


def _refuse(errors: list[RowError]):
    raise InvalidInput("公开内容有误，未发布 / the disclosure was not published: " +
                       "; ".join(e.message for e in errors), errors)


@transaction.atomic
def disclosure_publish(*, actor, village_code: str, category: str, period: str, title: str, content: str,
                       today: date | None = None, request=None) -> Disclosure:
    """Publish one disclosure for a village in the actor's scope (a clerk: their own village)."""
    require(actor, PUBLISH_ACTION)
    village = get_in_scope(Region.objects.filter(level="village"), user=actor, code=village_code)
    today = today or timezone.localdate()
    title, content, period = (title or "").strip(), (content or "").strip(), "".join((period or "").split()).upper()
    period = re.sub(r"^(\d{4})-Q([1-4])$", r"\1Q\2", period)     # 2026-Q3 as the problem lists write it
    errors = []
    rule = deadlines.rules().get(category)
    if category not in Category.values or rule is None:
        errors.append(RowError(1, "category", "", "类别应为党务、村务或财务 / the category is party, village or finance"))
    elif not deadlines.period_matches(period, rule.every):
        shape = "YYYY-MM" if rule.every == "month" else "YYYYQn"
        errors.append(RowError(1, "period", period[:10], f"期间格式应为 {shape} / the period is written {shape}"))
    elif deadlines.period_bounds(period)[0] > today:
        errors.append(RowError(1, "period", period, "期间尚未开始 / the period has not begun"))
    if not title or len(title) > TITLE_LIMIT:
        errors.append(RowError(1, "title", "", f"标题必填，最长{TITLE_LIMIT}字 / a title is required "
                                              f"(at most {TITLE_LIMIT} characters)"))
    if not content or len(content) > CONTENT_LIMIT:
        errors.append(RowError(1, "content", "", f"内容必填，最长{CONTENT_LIMIT}字 / the content is required "
                                                f"(at most {CONTENT_LIMIT} characters)"))
    if errors:
        _refuse(errors)
    disclosure = Disclosure.objects.create(
        village_code=village.code, category=category, period=period, title=title, content=content,
        published_at=timezone.now(), published_by=actor if actor.pk else None,
        published_by_username=actor.get_username())
    audit_record(kind="disclosure_published", actor=actor, request=request, object_type="disclosure",
                 object_id=str(disclosure.pk),
                 detail={"village": village.code, "category": category, "period": period})
    return disclosure


@dataclass
class CheckResult:
    checked_villages: int = 0
    periods: dict[str, str] = field(default_factory=dict)      # category → the period checked
    late: list[tuple[str, str, str]] = field(default_factory=list)   # (village, category, period)
    opened: list[int] = field(default_factory=list)                  # case ids opened by this run


def disclosures_check(*, actor=None, today: date | None = None, region_code: str = "",
                      periods: dict[str, str] | None = None) -> CheckResult:
    """For each category, the newest period whose deadline has passed (or ``periods[category]``):
    every village (under ``region_code``, if given) that published nothing for it is late, and gets
    one case through the case engine. Running it again opens nothing more for the same periods."""
    today = today or timezone.localdate()
    result = CheckResult()
    villages = Region.objects.filter(level="village")
    if region_code:
        if not codes.is_well_formed(region_code):
            raise InvalidInput("区划代码应为12位数字 / a region code has 12 digits")
        villages = villages.filter(code__startswith=codes.prefix_of(region_code))
    village_codes = list(villages.values_list("code", flat=True))
    result.checked_villages = len(village_codes)
    for category, rule in deadlines.rules().items():
        period = (periods or {}).get(category) or deadlines.latest_due_period(rule, today)
        if deadlines.due_on(period, rule) >= today:
            continue   # not due yet
        result.periods[category] = period
        published = set(Disclosure.objects.filter(category=category, period=period)
                        .values_list("village_code", flat=True).distinct())
        label = _CHINESE.get(category, category)
        for code in village_codes:
            if code in published:
                continue
            result.late.append((code, category, period))
            _case, opened = case_open_for_late_disclosure(
                village_code=code, category=category, period=period, actor=actor,
                title=f"三务公开逾期：{label} {period}")  # data for Chinese officers: Chinese only
            if opened:
                result.opened.append(_case.pk)
    return result
