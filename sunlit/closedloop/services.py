"""Writes of the closed loop: issuing a problem list (a stored copy of the confirmed cases of a
region and period), creating a campaign (one task per village, in bulk), moving a campaign task
(an appended event), and recording a reform. Every write checks role (``require``) and scope, runs
in one transaction and leaves an audit record."""

import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache

from django.db import transaction
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone

from sunlit.accounts.scope import get_in_scope, require, scoped
from sunlit.attachments.models import Kind
from sunlit.attachments.services import attachment_check, attachment_save
from sunlit.audit.services import audit_record
from sunlit.cases.models import Case, CaseEvent, Conclusion, State
from sunlit.engine import load_catalogue
from sunlit.engine.spec import DOMAINS
from sunlit.errors import AccessDenied, InvalidInput, RowError
from sunlit.identity import identity_numbers_masked
from sunlit.regions import codes
from sunlit.regions.models import Region

from .models import (
    DOMAIN_NAMES,
    Campaign,
    CampaignTask,
    CampaignTaskEvent,
    PeriodKind,
    ProblemItem,
    ProblemList,
    Rectification,
    Reform,
    TargetKind,
    TaskState,
)

CONFIRMED = (Conclusion.CONFIRMED, Conclusion.PARTLY_CONFIRMED)
REFORM_LEVELS = ("province", "city", "county")
REFORM_FILE_KINDS = (Kind.PDF, Kind.DOCX, Kind.XLSX, Kind.IMAGE)
CAMPAIGN_LEVELS = ("province", "city", "county")
# A citizen report's category (sunlit.reports) is one of the domains or "other".
REPORT_CATEGORY_NAMES = {**DOMAIN_NAMES, "other": "其他"}
# The measures as the list prints them (in Chinese, whatever the interface language of the issuer).
MEASURE_NAMES = {"reminder_talk": "提醒谈话", "criticism": "批评教育", "admonition_talk": "诫勉谈话",
                 "party_discipline": "党纪处分", "government_sanction": "政务处分", "judicial_referral": "移送司法机关"}


# ---- shared helpers ------------------------------------------------------------------------------

def _username(actor) -> str:
    return actor.get_username() if actor is not None else "system"


def region_in_scope(*, user, region_code: str) -> Region:
    """The region the user named, if it exists and lies inside their scope (else 404, as for any
    object outside the scope)."""
    if not codes.is_well_formed(region_code or ""):
        raise InvalidInput("区划代码应为12位数字 / a region code is 12 digits",
                           [RowError(1, "region_code", str(region_code)[:20], "不是12位区划代码 / not a 12-digit code")])
    return get_in_scope(Region.objects.all(), user=user, code=region_code)


@cache
def model_catalogue() -> dict[str, object]:
    """Model code → its spec (title and domain), read once per process."""
    return {spec.code: spec for spec in load_catalogue()}


def model_codes_of(*, target_kind: str, target: str) -> list[str]:
    """The model codes a problem type covers: the model itself, or every model of the domain."""
    if target_kind == TargetKind.MODEL:
        return [target]
    return sorted(code for code, spec in model_catalogue().items() if spec.domain == target)


def local_start(day: date) -> datetime:
    """The first moment of a local day, as an aware datetime."""
    return timezone.make_aware(datetime.combine(day, time(0)))


# ---- problem lists -------------------------------------------------------------------------------

# Years 1000 to 2999 (a year 0000 or 9999-12 would have no first or following day).
_MONTH = re.compile(r"^([12]\d{3})-(0[1-9]|1[0-2])$")
_QUARTER = re.compile(r"^([12]\d{3})-Q([1-4])$")
_YEAR = re.compile(r"^([12]\d{3})$")


def period_normalise(period: str) -> str:
    """A period as stored: upper case, a quarter with its dash (``2026Q2`` and ``2026 q2`` as the
    disclosures write it become ``2026-Q2``)."""
    period = "".join((period or "").split()).upper()
    return re.sub(r"^(\d{4})Q([1-4])$", r"\1-Q\2", period)


def period_bounds(*, period_kind: str, period: str) -> tuple[date, date]:
    """The first and last day of ``2026-06`` (month), ``2026-Q2`` (quarter; ``2026Q2`` is read the
    same) or ``2026`` (year)."""
    period = period_normalise(period)
    pattern = {PeriodKind.MONTH: _MONTH, PeriodKind.QUARTER: _QUARTER, PeriodKind.YEAR: _YEAR}.get(period_kind)
    match = pattern.match(period) if pattern else None
    if match is None:
        raise InvalidInput("期间格式：月 2026-06，季度 2026-Q2，年 2026 / the period is written 2026-06 (month), "
                           "2026-Q2 (quarter) or 2026 (year)",
                           [RowError(1, "period", period[:10], f"期间写法不对 / not a {period_kind}")])
    year = int(match.group(1))
    if period_kind == PeriodKind.MONTH:
        first_month, months = int(match.group(2)), 1
    elif period_kind == PeriodKind.QUARTER:
        first_month, months = 3 * int(match.group(2)) - 2, 3
    else:
        first_month, months = 1, 12
    start = date(year, first_month, 1)
    end_month = first_month + months
    end = (date(year + 1, 1, 1) if end_month > 12 else date(year, end_month, 1)) - timedelta(days=1)
    return start, end


def _report_of(case: Case):
    """The citizen report behind a case, if any."""
    from django.core.exceptions import ObjectDoesNotExist

    try:
        return case.report
    except ObjectDoesNotExist:
        return None


# A resident ID or bank number inside a subject or a note (e.g. a relief recipient's subject is
# "<person_id>/<relief type>"), also written in groups: the list shows it masked by the project's
# one rule for identity numbers (first six, four stars, last two), since a problem list is printed
# and passed on.
_masked = identity_numbers_masked


def _subject_name(subject_type: str) -> str:
    """A subject type as the list prints it (in Chinese, whatever the interface language of the
    issuer): 务工报酬发放, not labour_payment."""
    from django.utils import translation

    from sunlit.cases.selectors import subject_label

    if not subject_type:
        return ""
    with translation.override("zh-hans"):
        return subject_label(subject_type)


def _people_text(disposition) -> str:
    if disposition is None:
        return ""
    parts = []
    for p in disposition.people.all():
        who = f"{p.name}（{p.post}）" if p.post else p.name
        parts.append(f"{who}：{MEASURE_NAMES.get(p.measure, p.measure)}")
    return "；".join(parts)


def confirmed_cases(*, prefix: str, starts_on: date, ends_on: date):
    """Confirmed and partly confirmed cases of a region (by code prefix) whose conclusion was
    recorded between the two days (local time), with the time of that verification."""
    last_verify = CaseEvent.objects.filter(case=OuterRef("pk"), transition="verify").order_by("-at", "-pk")
    return (Case.objects.filter(village_code__startswith=prefix, conclusion__in=CONFIRMED)
            .annotate(verified_at=Subquery(last_verify.values("at")[:1]),
                      verify_note=Subquery(last_verify.values("note")[:1]))
            .filter(verified_at__gte=local_start(starts_on), verified_at__lt=local_start(ends_on + timedelta(days=1))))


@transaction.atomic
def problem_list_generate(*, user, region_code: str, period_kind: str, period: str, request=None) -> ProblemList:
    """Issue the problem list of a region (any level inside the user's scope) for a month, quarter
    or year: one item per confirmed or partly confirmed case verified in the period, copied as it
    stands now. Each call makes a new version; issued versions are never changed."""
    require(user, "problems.generate")
    region = region_in_scope(user=user, region_code=region_code)
    period = period_normalise(period)
    starts_on, ends_on = period_bounds(period_kind=period_kind, period=period)
    cases = list(confirmed_cases(prefix=codes.prefix_of(region.code), starts_on=starts_on, ends_on=ends_on)
                 .select_related("alert", "disposition", "report").prefetch_related("disposition__people")
                 .order_by("village_code", "verified_at", "pk"))
    villages = dict(Region.objects.filter(code__in={c.village_code for c in cases}).values_list("code", "name"))
    catalogue = model_catalogue()
    # Two lists of one region issued at once: the region's row is locked while the version is numbered.
    list(Region.objects.select_for_update().filter(code=region.code).values_list("code", flat=True))
    version = (ProblemList.objects.filter(region_code=region.code, period=period)
               .aggregate(v=Max("version"))["v"] or 0) + 1
    now = timezone.now()
    problem_list = ProblemList.objects.create(
        region_code=region.code, region_name=region.name, period_kind=period_kind, period=period,
        starts_on=starts_on, ends_on=ends_on, version=version, generated_by=user if user.pk else None,
        generated_by_username=_username(user), generated_at=now)
    items = []
    for position, case in enumerate(cases, start=1):
        spec = catalogue.get(case.model_code)
        disposition = getattr(case, "disposition", None)
        alert = case.alert
        if case.source_kind == "report":
            report = _report_of(case)
            kind = report.category if report is not None else ""
            category = f"群众反映：{REPORT_CATEGORY_NAMES.get(kind, kind)}" if kind else "群众反映"
            domain = kind if kind in DOMAINS else ""
        else:
            category = f"{case.model_code} {spec.title_zh}" if spec else case.model_code
            domain = alert.domain if alert is not None else (spec.domain if spec else "")
        involved = alert.amount_involved if alert is not None and alert.amount_involved is not None else Decimal("0")
        items.append(ProblemItem(
            problem_list=problem_list, position=position, case=case, village_code=case.village_code,
            village_name=villages.get(case.village_code, ""), domain=domain, model_code=case.model_code,
            category=category[:200], subject=_masked(f"{_subject_name(case.subject_type)} {case.subject_id}".strip())[:140],
            finding=_masked(case.verify_note or case.title), conclusion=case.conclusion,
            money_involved=involved, money_recovered=disposition.money_recovered if disposition else Decimal("0"),
            people=_people_text(disposition), rectification=disposition.rectification if disposition else "",
            rectification_state=Rectification.RECTIFIED if case.state == State.CLOSED else Rectification.IN_PROGRESS,
            verified_on=timezone.localdate(case.verified_at)))
    ProblemItem.objects.bulk_create(items, batch_size=1000)
    problem_list.item_count = len(items)
    problem_list.money_involved = sum((i.money_involved for i in items), Decimal("0"))
    problem_list.money_recovered = sum((i.money_recovered for i in items), Decimal("0"))
    problem_list.save(update_fields=["item_count", "money_involved", "money_recovered"])
    audit_record(kind="problem_list_generated", actor=user, request=request, object_type="problem_list",
                 object_id=str(problem_list.pk),
                 detail={"region": region.code, "period": period, "version": version, "items": len(items)})
    return problem_list


# ---- campaigns -----------------------------------------------------------------------------------

def _parse_day(value, column: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value or "").strip())
    except ValueError:
        raise InvalidInput("日期格式应为 YYYY-MM-DD / dates are written YYYY-MM-DD",
                           [RowError(1, column, str(value)[:20], "不是日期，应写作 YYYY-MM-DD / not a date")]) from None


def _check_target(target_kind: str, target: str) -> list[RowError]:
    if target_kind == TargetKind.MODEL:
        if target not in model_catalogue():
            return [RowError(1, "target", target[:12], "未知的模型编号 / unknown model code")]
    elif target_kind == TargetKind.DOMAIN:
        if target not in DOMAINS:
            return [RowError(1, "target", target[:12], "未知的领域，应为 " + "、".join(DOMAINS) + " / unknown domain")]
    else:
        return [RowError(1, "target_kind", str(target_kind)[:12], "应为 model 或 domain / model or domain")]
    return []


@transaction.atomic
def campaign_create(*, user, title: str, region_code: str, target_kind: str, target: str, starts_on, ends_on,
                    description: str = "", request=None) -> Campaign:
    """A campaign on one problem type across a county, city or province inside the user's scope;
    one task (not started) per village of the region, created in bulk."""
    require(user, "campaigns.create")
    region = region_in_scope(user=user, region_code=region_code)
    target = (target or "").strip()
    errors = _check_target(target_kind, target)
    if region.level not in CAMPAIGN_LEVELS:
        errors.append(RowError(1, "region_code", region.code, "专项治理应针对县、市或省 / a campaign covers a county, "
                                                              "city or province"))
    title = (title or "").strip()
    if not title or len(title) > 200:
        errors.append(RowError(1, "title", "", "标题必填，最长200字 / a title of at most 200 characters"))
    try:
        start, end = _parse_day(starts_on, "starts_on"), _parse_day(ends_on, "ends_on")
    except InvalidInput as exc:
        errors += exc.errors
        start = end = None
    if start and end and end < start:
        errors.append(RowError(1, "ends_on", end.isoformat(), "结束日期早于开始日期 / the end is before the start"))
    if errors:
        raise InvalidInput("专项治理信息有误，未保存 / the campaign has errors; nothing was saved", errors)
    campaign = Campaign.objects.create(
        title=title, region_code=region.code, region_name=region.name, level=region.level, target_kind=target_kind,
        target=target, starts_on=start, ends_on=end, description=description or "",
        created_by=user if user.pk else None, created_by_username=_username(user), created_at=timezone.now())
    villages = Region.objects.filter(level="village", code__startswith=region.prefix).values_list("code", "name")
    made = CampaignTask.objects.bulk_create(
        (CampaignTask(campaign=campaign, village_code=code, village_name=name) for code, name in villages.iterator()),
        batch_size=2000)
    audit_record(kind="campaign_created", actor=user, request=request, object_type="campaign",
                 object_id=str(campaign.pk), detail={"region": region.code, "target_kind": target_kind,
                                                      "target": target, "tasks": len(made)})
    return campaign


# Which moves a village (campaigns.work) and a supervisor (campaigns.verify) may make.
WORK_MOVES = {(TaskState.NOT_STARTED, TaskState.IN_PROGRESS), (TaskState.IN_PROGRESS, TaskState.RECTIFIED),
              (TaskState.NOT_STARTED, TaskState.RECTIFIED)}
VERIFY_MOVES = {(TaskState.RECTIFIED, TaskState.VERIFIED), (TaskState.RECTIFIED, TaskState.IN_PROGRESS),
                (TaskState.VERIFIED, TaskState.IN_PROGRESS)}


def task_moves(*, task: CampaignTask, user) -> list[str]:
    """The states this user may move this task to now."""
    from sunlit.accounts.roles import can

    moves = set()
    if can(user.role, "campaigns.work"):
        moves |= {to for frm, to in WORK_MOVES if frm == task.state}
    if can(user.role, "campaigns.verify"):
        moves |= {to for frm, to in VERIFY_MOVES if frm == task.state}
    return [s for s in TaskState.values if s in moves]


class TaskConflict(InvalidInput):
    """The task is no longer in the state the caller saw, or the move is not possible from it."""

    status = 409


def campaign_task_move(*, user, task_id: int, to_state: str, note: str = "", expected_state: str | None = None,
                       request=None) -> CampaignTask:
    """Move one village's task: the village (liaison officer, clerk) starts and reports it
    rectified; an inspector above verifies it or sends it back. One appended event per move."""
    from sunlit.accounts.roles import can

    if user is None or not user.is_authenticated:
        raise AccessDenied("请先登录 / sign in first")
    if not (can(user.role, "campaigns.work") or can(user.role, "campaigns.verify")):
        require(user, "campaigns.work")   # audits and refuses
    seen = get_in_scope(CampaignTask.objects.all(), user=user, pk=task_id)
    if to_state not in TaskState.values:
        raise InvalidInput("未知的任务状态 / unknown task state",
                           [RowError(1, "state", str(to_state)[:20], "应为 in_progress、rectified 或 verified / not_started, in_progress, rectified or verified")])
    move = (seen.state, to_state)
    if move not in WORK_MOVES | VERIFY_MOVES:
        raise TaskConflict(f"任务当前为“{seen.get_state_display()}”，不能改为此状态 / the task is {seen.state}: "
                           f"it cannot move to {to_state}")
    needed = "campaigns.work" if move in WORK_MOVES else "campaigns.verify"
    require(user, needed)
    with transaction.atomic():
        task = CampaignTask.objects.select_for_update().get(pk=task_id)
        if (expected_state or seen.state) != task.state:
            raise TaskConflict("任务状态已被他人更新，请刷新 / the task was changed by someone else: reload it")
        now = timezone.now()
        event = CampaignTaskEvent.objects.create(task=task, at=now, actor=user if user.pk else None,
                                                 actor_username=_username(user), from_state=task.state,
                                                 to_state=to_state, note=note or "")
        task.state, task.updated_at = to_state, now
        task.save(update_fields=["state", "updated_at"])
        audit_record(kind="campaign_task_moved", actor=user, request=request, object_type="campaign_task",
                     object_id=str(task.pk), detail={"campaign": task.campaign_id, "from": move[0], "to": to_state,
                                                     "event": event.pk})
    return task


# ---- reforms -------------------------------------------------------------------------------------

@transaction.atomic
def reform_create(*, user, title: str, change: str, adopted_on, region_code: str | None = None,
                  documents: str = "", problem_item_ids: list[int] | None = None, case_ids: list[int] | None = None,
                  files: list | None = None, request=None) -> Reform:
    """A reform record at the province, city or county level: the user's own region unless
    ``region_code`` names one inside it (never a township or village). The problems behind it
    (problem list items and cases) must lie inside the reform's region. ``documents`` names the
    documents (title and number, one a line); ``files`` are their uploads (PDF, Word, Excel or
    images), all checked before anything is written and stored last."""
    require(user, "reforms.create")
    code = region_code or (user.scope_id or "")
    region = region_in_scope(user=user, region_code=code)
    errors = []
    if region.level not in REFORM_LEVELS:
        raise AccessDenied("制度重塑记录限省、市、县三级 / reforms are recorded at province, city or county level")
    title, change = (title or "").strip(), (change or "").strip()
    if not title or len(title) > 200:
        errors.append(RowError(1, "title", "", "标题必填，最长200字 / a title of at most 200 characters"))
    if not change:
        errors.append(RowError(1, "change", "", "请说明改了什么 / say what changed"))
    try:
        day = _parse_day(adopted_on, "adopted_on")
    except InvalidInput as exc:
        errors += exc.errors
    prefix = region.prefix
    item_ids, case_ids = sorted(set(problem_item_ids or [])), sorted(set(case_ids or []))
    items = list(scoped(ProblemItem.objects.filter(pk__in=item_ids, village_code__startswith=prefix), user=user))
    cases = list(scoped(Case.objects.filter(pk__in=case_ids, village_code__startswith=prefix), user=user))
    for missing in sorted(set(item_ids) - {i.pk for i in items}):
        errors.append(RowError(1, "problem_item_ids", str(missing), "不在本区域内的问题 / not a problem of this region"))
    for missing in sorted(set(case_ids) - {c.pk for c in cases}):
        errors.append(RowError(1, "case_ids", str(missing), "不在本区域内的案件 / not a case of this region"))
    if errors:
        raise InvalidInput("制度重塑信息有误，未保存 / the reform has errors; nothing was saved", errors)
    checked = [attachment_check(upload=f, allowed=REFORM_FILE_KINDS) for f in (files or [])]
    reform = Reform.objects.create(region_code=region.code, region_name=region.name, level=region.level, title=title,
                                   change=change, adopted_on=day, documents=documents or "",
                                   created_by=user if user.pk else None, created_by_username=_username(user),
                                   created_at=timezone.now())
    reform.problems.set(items)
    reform.cases.set(cases)
    stored = [attachment_save(checked=f, uploaded_by=_username(user)) for f in checked]
    reform.files.set(stored)
    audit_record(kind="reform_created", actor=user, request=request, object_type="reform", object_id=str(reform.pk),
                 detail={"region": region.code, "problems": [i.pk for i in items], "cases": [c.pk for c in cases],
                         "files": [str(a.public_id) for a in stored]})
    return reform

