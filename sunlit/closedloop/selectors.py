"""Reads of the closed loop, every one through the scope selector.

For the cockpit (each takes the signed-in ``user`` and answers only for their scope):

- ``problem_list_figures(user=…, region_code=None)`` → ``{"lists": issued lists, "problems": the
  distinct problems (cases) in them, "money_involved": Decimal, "money_recovered": Decimal, "latest":
  [ProblemList, …]}`` (the latest version of each region and period only; a case on several lists
  — a township's and its county's, a month's and its quarter's — counts once).
- ``campaign_figures(user=…)`` → one dict per campaign the user sees: ``{"id", "title", "region_code",
  "region_name", "target_kind", "target", "starts_on", "ends_on", "total", "done", "verified", "ratio"}``
  (tasks of the user's villages only; ``ratio`` = done ÷ total, ``None`` without tasks).
- ``campaign_progress(user=…, level="county", campaign_id=None, region_code=None)`` → rows
  ``{"region_code", "region_name", "total", "done", "verified", "ratio"}`` per region of that level
  (township, county, city, province or village), over one campaign or all the user sees. A task
  is *done* once rectified (verified or not yet).
- ``reform_counts(user=…)`` → ``{"province": n, "city": n, "county": n, "total": n}``.
- ``campaign_evaluation(user=…, campaign_id=…, region_code=None, window_days=None)`` → the
  evaluation page's figures (see its docstring).

Pages and the API use the same functions plus the lists and single-object getters below."""

from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Substr
from django.utils import timezone

from sunlit.accounts.scope import get_in_scope, require, scope_prefix, scoped
from sunlit.attachments.models import Attachment
from sunlit.attachments.selectors import attachment_get
from sunlit.cases.models import Case, Disposition
from sunlit.cases.selectors import model_precision
from sunlit.errors import InvalidInput, NotFound
from sunlit.regions import codes
from sunlit.regions.models import Region
from sunlit.supervision.models import Alert

from .models import (
    DONE_STATES,
    Campaign,
    CampaignTask,
    CampaignTaskEvent,
    ProblemItem,
    ProblemList,
    Reform,
    TargetKind,
    TaskState,
)
from .services import CONFIRMED, local_start, model_catalogue, model_codes_of

# ---- problem lists -------------------------------------------------------------------------------

# The export's columns: canonical key and Chinese header, in order.
PROBLEM_COLUMNS = [
    ("position", "序号"), ("village_code", "村代码"), ("village_name", "村（社区）"), ("domain", "领域"),
    ("model_code", "模型编号"), ("category", "问题类别"), ("subject", "对象"), ("finding", "发现的问题"),
    ("conclusion", "核查结论"), ("money_involved", "涉及金额（元）"), ("money_recovered", "追回金额（元）"),
    ("people", "处理人员及措施"), ("rectification", "整改情况"), ("rectification_state", "整改状态"),
    ("verified_on", "核实日期"), ("case_id", "案件编号"),
]
PROBLEM_KEYS = [key for key, _label in PROBLEM_COLUMNS]
# The export shows a Chinese name beside each coded column (the code stays, for the read-back):
# key column → (name column, its header, the code column's own header in the export).
LABELLED = {"domain": ("domain_name", "领域", "领域代码"),
            "conclusion": ("conclusion_name", "核查结论", "核查结论代码"),
            "rectification_state": ("rectification_state_name", "整改状态", "整改状态代码")}
EXPORT_COLUMNS = []
for _key, _label in PROBLEM_COLUMNS:
    if _key in LABELLED:
        _name, _name_header, _code_header = LABELLED[_key]
        EXPORT_COLUMNS += [(_name, _name_header), (_key, _code_header)]
    else:
        EXPORT_COLUMNS.append((_key, _label))
EXPORT_KEYS = [key for key, _label in EXPORT_COLUMNS]
MONEY_KEYS = ("money_involved", "money_recovered")
INT_KEYS = ("position", "case_id")


def problem_list_list(*, user, region_code: str | None = None) -> QuerySet[ProblemList]:
    require(user, "problems.view")
    qs = scoped(ProblemList.objects.all(), user=user)
    if region_code:
        qs = qs.filter(region_code=region_code)
    return qs.order_by("-generated_at", "-pk")


def problem_list_get(*, user, list_id: int) -> ProblemList:
    require(user, "problems.view")
    return get_in_scope(ProblemList.objects.all(), user=user, pk=list_id)


def problem_items(problem_list: ProblemList) -> QuerySet[ProblemItem]:
    return problem_list.items.order_by("position")


def problem_row(item: ProblemItem) -> dict:
    """One item as the export writes it (keys of ``PROBLEM_COLUMNS``)."""
    return {"position": item.position, "village_code": item.village_code, "village_name": item.village_name,
            "domain": item.domain, "model_code": item.model_code, "category": item.category, "subject": item.subject,
            "finding": item.finding, "conclusion": item.conclusion, "money_involved": item.money_involved,
            "money_recovered": item.money_recovered, "people": item.people, "rectification": item.rectification,
            "rectification_state": item.rectification_state, "verified_on": item.verified_on.isoformat(),
            "case_id": item.case_id}


def problem_row_names(row: dict) -> dict:
    """The Chinese names of a row's coded values (domain, conclusion, rectification state), as the
    export shows them whatever the interface language of the reader."""
    from django.utils import translation

    from sunlit.cases.models import Conclusion

    from .models import DOMAIN_NAMES, Rectification

    with translation.override("zh-hans"):
        return {
            "domain_name": DOMAIN_NAMES.get(row["domain"], row["domain"]),
            "conclusion_name": str(Conclusion(row["conclusion"]).label) if row["conclusion"] in Conclusion.values
            else row["conclusion"],
            "rectification_state_name": str(Rectification(row["rectification_state"]).label)
            if row["rectification_state"] in Rectification.values else row["rectification_state"],
        }


def problem_list_xlsx(problem_list: ProblemList) -> bytes:
    """The list as a workbook: row 1 Chinese headers, row 2 the column keys, data from row 3 (as the
    project's other spreadsheets); a coded column (domain, conclusion, rectification state) has its
    Chinese name in the column before it. A second sheet says which list it is."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from sunlit.tabular import as_text_cells

    book = Workbook()
    sheet = book.active
    sheet.title = "问题清单 problems"
    sheet.append([label for _key, label in EXPORT_COLUMNS])
    sheet.append(EXPORT_KEYS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for item in problem_items(problem_list):
        row = problem_row(item)
        row.update(problem_row_names(row))
        sheet.append([row[k] for k in EXPORT_KEYS])
    as_text_cells(sheet)
    widths = {"position": 6, "village_code": 14, "village_name": 14, "domain_name": 10, "domain": 8,
              "model_code": 10, "category": 24, "subject": 20, "finding": 36, "conclusion_name": 12,
              "conclusion": 8, "money_involved": 14, "money_recovered": 14, "people": 30, "rectification": 30,
              "rectification_state_name": 10, "rectification_state": 8, "verified_on": 12, "case_id": 10}
    for number, key in enumerate(EXPORT_KEYS, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = widths[key]
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
    about = book.create_sheet("说明 about")
    about.append(["区域 region", problem_list.region_name, problem_list.region_code])
    about.append(["期间 period", problem_list.period, f"{problem_list.starts_on} — {problem_list.ends_on}"])
    about.append(["版本 version", problem_list.version])
    about.append(["生成 generated", problem_list.generated_by_username,
                  timezone.localtime(problem_list.generated_at).isoformat(timespec="seconds")])
    about.append(["问题数 problems", problem_list.item_count])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def problem_rows_from_xlsx(data: bytes) -> list[dict]:
    """Read an exported problem list back: the rows keyed by the canonical keys, money as Decimal
    and numbers as int (the Chinese header row is recognised and skipped)."""
    import tempfile

    from sunlit.tabular import TableFile

    with tempfile.NamedTemporaryFile(suffix=".xlsx") as fh:
        fh.write(data)
        fh.flush()
        table = TableFile(fh.name, known=PROBLEM_KEYS)
        missing = [k for k in PROBLEM_KEYS if k not in table.header]
        if missing:
            raise InvalidInput("缺少列 / missing columns: " + ", ".join(missing))
        rows = []
        for chunk in table.chunks():
            for i in range(len(chunk.numbers)):
                row = {k: chunk.columns[k][i] for k in PROBLEM_KEYS}
                for k in MONEY_KEYS:
                    row[k] = Decimal(row[k] or "0").quantize(Decimal("0.01"))
                for k in INT_KEYS:
                    row[k] = int(row[k])
                rows.append(row)
    return rows


def problem_list_figures(*, user, region_code: str | None = None) -> dict:
    """Problem lists issued in the user's scope (the latest version of each region and period)."""
    lists = problem_list_list(user=user)
    if region_code:
        if not codes.is_well_formed(region_code):
            lists = lists.none()
        else:
            lists = lists.filter(region_code__startswith=codes.prefix_of(region_code))
    latest = {}
    for pl in lists.order_by("region_code", "period", "-version"):
        latest.setdefault((pl.region_code, pl.period), pl)
    chosen = list(latest.values())
    # One case can stand on several lists (a township's and its county's, a month's and its
    # quarter's): each problem counts once, with its money from the newest list that holds it.
    newest: dict[int, dict] = {}
    for row in (ProblemItem.objects.filter(problem_list__in=[pl.pk for pl in chosen])
                .order_by("case_id", "-problem_list__generated_at", "-problem_list_id")
                .values("case_id", "money_involved", "money_recovered")):
        newest.setdefault(row["case_id"], row)
    return {"lists": len(chosen), "problems": len(newest),
            "money_involved": sum((r["money_involved"] for r in newest.values()), Decimal("0")),
            "money_recovered": sum((r["money_recovered"] for r in newest.values()), Decimal("0")),
            "latest": sorted(chosen, key=lambda pl: pl.generated_at, reverse=True)[:10]}


def problem_items_for_linking(*, user, limit: int = 100) -> QuerySet[ProblemItem]:
    """Recent problems in the user's scope, to link a reform to."""
    require(user, "reforms.create")
    return scoped(ProblemItem.objects.select_related("problem_list"), user=user).order_by("-problem_list__generated_at",
                                                                                          "position")[:limit]


# ---- campaigns -----------------------------------------------------------------------------------

def _ancestors(code: str) -> list[str]:
    out = []
    above = codes.parent_code_of(code)
    while above:
        out.append(above)
        above = codes.parent_code_of(above)
    return out


def campaign_list(*, user) -> QuerySet[Campaign]:
    """Campaigns over the user's region or inside it: a village's officer sees the county's campaign
    that has a task for the village; a county B inspector sees nothing of county A's."""
    require(user, "campaigns.view")
    prefix = scope_prefix(user)
    if prefix == "":
        return Campaign.objects.all()
    return Campaign.objects.filter(Q(region_code__startswith=prefix) | Q(region_code__in=_ancestors(user.scope_id)))


def campaign_get(*, user, campaign_id: int) -> Campaign:
    try:
        return campaign_list(user=user).get(pk=campaign_id)
    except Campaign.DoesNotExist:
        if Campaign.objects.filter(pk=campaign_id).exists():
            from sunlit.audit.services import audit_record

            audit_record(kind="permission_denied", actor=user, object_type="campaign",
                         detail={"reason": "out_of_scope", "lookup": {"pk": str(campaign_id)}})
        raise NotFound("未找到，或不在您的管辖范围内 / not found, or outside your scope") from None


def campaign_tasks(*, user, campaign: Campaign, state: str | None = None,
                   region_code: str | None = None) -> QuerySet[CampaignTask]:
    """The campaign's tasks in the user's villages (and in ``region_code``, if given)."""
    qs = scoped(campaign.tasks.all(), user=user)
    if state:
        qs = qs.filter(state=state)
    if region_code:
        qs = qs.filter(village_code__startswith=codes.prefix_of(region_code)) if codes.is_well_formed(region_code) \
            else qs.none()
    return qs.order_by("village_code")


def campaign_task_get(*, user, task_id: int) -> CampaignTask:
    require(user, "campaigns.view")
    return get_in_scope(CampaignTask.objects.select_related("campaign"), user=user, pk=task_id)


def task_events(task: CampaignTask) -> QuerySet[CampaignTaskEvent]:
    return task.events.order_by("at", "pk")


def _ratio(done: int, total: int) -> float | None:
    return round(done / total, 4) if total else None


def campaign_progress(*, user, level: str = "county", campaign_id: int | None = None,
                      region_code: str | None = None) -> list[dict]:
    """Tasks done ÷ all tasks per region of ``level``, over one campaign or every campaign the user
    sees, counting only the tasks of the user's villages (and of ``region_code``, if given)."""
    require(user, "campaigns.view")
    if level not in codes.PREFIX_LENGTH:
        raise InvalidInput("层级应为 province、city、county、township 或 village / unknown level")
    qs = scoped(CampaignTask.objects.all(), user=user)
    if campaign_id is not None:
        qs = qs.filter(campaign=campaign_get(user=user, campaign_id=campaign_id))
    else:
        qs = qs.filter(campaign__in=campaign_list(user=user))
    if region_code:
        if not codes.is_well_formed(region_code):
            return []
        qs = qs.filter(village_code__startswith=codes.prefix_of(region_code))
    keep = codes.PREFIX_LENGTH[level]
    rows = (qs.annotate(unit=Substr("village_code", 1, keep)).values("unit")
            .annotate(total=Count("pk"), done=Count("pk", filter=Q(state__in=DONE_STATES)),
                      verified=Count("pk", filter=Q(state=TaskState.VERIFIED)))
            .order_by("unit"))
    out = [{"region_code": r["unit"] + "0" * (12 - keep), "total": r["total"], "done": r["done"],
            "verified": r["verified"], "ratio": _ratio(r["done"], r["total"])} for r in rows]
    names = dict(Region.objects.filter(code__in=[r["region_code"] for r in out]).values_list("code", "name"))
    for r in out:
        r["region_name"] = names.get(r["region_code"], "")
    return out


def campaign_rollup(*, user, campaign: Campaign, region_code: str | None = None,
                    depth: int | None = None) -> dict[str, list[dict]]:
    """The campaign's progress over a region (``region_code`` inside the campaign and the user's
    scope; by default the campaign's region, or the user's own if it lies below) at its own level
    and every level below it down to the township — or only ``depth`` levels, for a page that
    drills down one region at a time."""
    region = evaluation_region(user=user, campaign=campaign, region_code=region_code)
    first = codes.LEVELS.index(region.level)
    last = codes.LEVELS.index("township")
    if depth is not None:
        last = min(last, first + depth - 1)
    return {level: campaign_progress(user=user, level=level, campaign_id=campaign.pk, region_code=region.code)
            for level in codes.LEVELS[first:last + 1]}


def campaign_figures(*, user) -> list[dict]:
    """Every campaign the user sees with its progress over the user's villages."""
    campaigns = list(campaign_list(user=user).order_by("-starts_on", "-pk"))
    counts = {r["campaign"]: r for r in scoped(CampaignTask.objects.filter(campaign__in=campaigns), user=user)
              .values("campaign").annotate(total=Count("pk"), done=Count("pk", filter=Q(state__in=DONE_STATES)),
                                           verified=Count("pk", filter=Q(state=TaskState.VERIFIED)))}
    out = []
    for c in campaigns:
        r = counts.get(c.pk, {"total": 0, "done": 0, "verified": 0})
        out.append({"id": c.pk, "title": c.title, "region_code": c.region_code, "region_name": c.region_name,
                    "target_kind": c.target_kind,
                    "target": c.target, "starts_on": c.starts_on, "ends_on": c.ends_on, "total": r["total"],
                    "done": r["done"], "verified": r["verified"], "ratio": _ratio(r["done"], r["total"])})
    return out


def target_label(target_kind: str, target: str) -> str:
    if target_kind == TargetKind.MODEL:
        spec = model_catalogue().get(target)
        return f"{target} {spec.title_zh}" if spec else target
    return target


# ---- reforms -------------------------------------------------------------------------------------

def reform_list(*, user) -> QuerySet[Reform]:
    require(user, "reforms.view")
    return scoped(Reform.objects.all(), user=user).order_by("-adopted_on", "-pk")


def reform_get(*, user, reform_id: int) -> Reform:
    require(user, "reforms.view")
    return get_in_scope(Reform.objects.all(), user=user, pk=reform_id)


def reform_problems(*, user, reform: Reform) -> tuple[list[ProblemItem], list[Case]]:
    """The problems behind a reform that the reader may see; ``list_visible`` on each item says
    whether the reader may open the list it stands on (a city's list is not a county reader's)."""
    items = list(scoped(reform.problems.select_related("problem_list"), user=user).order_by("pk"))
    prefix = scope_prefix(user) or ""
    for item in items:
        item.list_visible = item.problem_list.region_code.startswith(prefix)
    cases = list(scoped(reform.cases.all(), user=user).order_by("pk"))
    return items, cases


def reform_file(*, user, reform_id: int, file_id) -> Attachment:
    """A document file of a reform the user may see (404 otherwise, and for a file of another record)."""
    reform = reform_get(user=user, reform_id=reform_id)
    attachment = attachment_get(public_id=file_id)
    if not reform.files.filter(pk=attachment.pk).exists():
        raise NotFound("附件不存在 / no such attachment")
    return attachment


def reform_counts(*, user) -> dict:
    counts = {level: 0 for level in ("province", "city", "county")}
    for r in reform_list(user=user).order_by().values("level").annotate(n=Count("pk")):
        counts[r["level"]] = r["n"]
    counts["total"] = sum(counts.values())
    return counts


# ---- evaluation ----------------------------------------------------------------------------------

def _yuan(value) -> Decimal:
    return Decimal(value or 0).quantize(Decimal("0.01"))


def _target_alerts(campaign: Campaign, prefix: str) -> QuerySet[Alert]:
    qs = Alert.objects.filter(village_code__startswith=prefix)
    if campaign.target_kind == TargetKind.MODEL:
        return qs.filter(model_code=campaign.target)
    return qs.filter(domain=campaign.target)


def _target_cases(campaign: Campaign, prefix: str) -> QuerySet[Case]:
    """Cases of the targeted type: alerts of its model(s) and, for a domain, citizen reports filed
    under that domain."""
    of_type = Q(model_code__in=model_codes_of(target_kind=campaign.target_kind, target=campaign.target))
    if campaign.target_kind == TargetKind.DOMAIN:
        of_type |= Q(source_kind="report", report__category=campaign.target)
    return Case.objects.filter(of_type, village_code__startswith=prefix)


def _window_figures(campaign: Campaign, prefix: str, start: date, end: date) -> dict:
    lo, hi = local_start(start), local_start(end + timedelta(days=1))
    cases = _target_cases(campaign, prefix).filter(opened_at__gte=lo, opened_at__lt=hi)
    confirmed = cases.filter(conclusion__in=CONFIRMED)
    money = _yuan(Disposition.objects.filter(case__in=confirmed).aggregate(s=Sum("money_recovered"))["s"])
    return {"from": start, "to": end,
            "alerts": _target_alerts(campaign, prefix).filter(raised_at__gte=lo, raised_at__lt=hi).count(),
            "cases": cases.count(), "confirmed": confirmed.count(), "money_recovered": money}


def evaluation_region(*, user, campaign: Campaign, region_code: str | None) -> Region:
    """The region evaluated: ``region_code`` if inside both the campaign and the user's scope,
    else the campaign's region or, for a user below it, the user's own region."""
    if region_code:
        if not codes.is_well_formed(region_code) or not codes.in_subtree(region_code, campaign.region_code):
            raise NotFound("该区域不在此专项治理范围内 / the region is not in this campaign")
        return get_in_scope(Region.objects.all(), user=user, code=region_code)
    prefix = scope_prefix(user)
    if prefix and not campaign.region_code.startswith(prefix):
        return Region.objects.get(code=user.scope_id)
    return Region.objects.get(code=campaign.region_code)


def campaign_evaluation(*, user, campaign_id: int, region_code: str | None = None,
                        window_days: int | None = None) -> dict:
    """成效评价 of a campaign over a region (see ``evaluation_region``):

    - ``windows``: ``before`` (the ``window_days`` before the start; default the campaign's length),
      ``during`` (the campaign) and ``after`` (as many days after its end; ``after_complete`` is
      False while that window is still running): alerts of the targeted type raised, cases opened,
      cases confirmed (or partly) and the money recovered on those;
    - ``recurrence``: villages whose task was reported rectified, how many of them had an alert of
      the same type raised after that moment, the rate, and those alerts;
    - ``money_recovered``: on confirmed cases of the type opened since the campaign started;
    - ``precision``: confirmed ÷ verified over the type's models in the region (from
      ``sunlit.cases.selectors.model_precision``)."""
    require(user, "evaluation.view")
    campaign = campaign_get(user=user, campaign_id=campaign_id)
    region = evaluation_region(user=user, campaign=campaign, region_code=region_code)
    prefix = region.prefix
    length = (campaign.ends_on - campaign.starts_on).days + 1
    days = int(window_days) if window_days else length
    if days < 1 or days > 3660:
        raise InvalidInput("对比窗口应为1至3660天 / the window is 1 to 3660 days")
    today = timezone.localdate(timezone.now())
    before = _window_figures(campaign, prefix, campaign.starts_on - timedelta(days=days),
                             campaign.starts_on - timedelta(days=1))
    during = _window_figures(campaign, prefix, campaign.starts_on, campaign.ends_on)
    after_end = campaign.ends_on + timedelta(days=days)
    after = _window_figures(campaign, prefix, campaign.ends_on + timedelta(days=1), after_end)

    rectified_at = (CampaignTaskEvent.objects.filter(task=OuterRef("pk"), to_state=TaskState.RECTIFIED)
                    .order_by("at").values("at")[:1])
    later = _target_alerts(campaign, prefix).filter(village_code=OuterRef("village_code"),
                                                    raised_at__gt=OuterRef("rectified_at"))
    later_count = later.order_by().values("village_code").annotate(n=Count("pk")).values("n")[:1]
    rectified = (CampaignTask.objects.filter(campaign=campaign, village_code__startswith=prefix,
                                             state__in=DONE_STATES)
                 .annotate(rectified_at=Subquery(rectified_at))
                 .annotate(recurred=Exists(later), later_alerts=Subquery(later_count)))
    rows = list(rectified.values("village_code", "village_name", "rectified_at", "recurred", "later_alerts"))
    recurred = [r for r in rows if r["recurred"]]

    models = model_codes_of(target_kind=campaign.target_kind, target=campaign.target)
    precision = model_precision(user=user, level=region.level)
    verified = sum(v["verified"] for (m, code), v in precision.items() if m in models and code == region.code)
    confirmed = sum(v["confirmed"] for (m, code), v in precision.items() if m in models and code == region.code)
    since = _target_cases(campaign, prefix).filter(opened_at__gte=local_start(campaign.starts_on),
                                                   conclusion__in=CONFIRMED)
    return {
        "campaign": campaign, "region": region, "window_days": days, "models": models,
        "windows": {"before": before, "during": during, "after": after},
        "after_complete": after_end < today,
        "change": {k: after[k] - before[k] for k in ("alerts", "confirmed")},
        "recurrence": {"rectified_villages": len(rows), "recurred_villages": len(recurred),
                       "rate": _ratio(len(recurred), len(rows)),
                       "alerts": sum(r["later_alerts"] or 0 for r in recurred),
                       "villages": sorted(recurred, key=lambda r: r["village_code"])},
        "money_recovered": _yuan(Disposition.objects.filter(case__in=since).aggregate(s=Sum("money_recovered"))["s"]),
        "precision": {"verified": verified, "confirmed": confirmed, "precision": _ratio(confirmed, verified)},
    }
