"""The closed loop under /api/v1/loop: problem lists (list, issue, one with its items), campaigns
(list with progress, create, one with its roll-up, its tasks, its evaluation), progress per level,
a task's move, and reform records. The same selectors and services as the pages: 403 role, 404
outside the scope, 409 state, 422 input."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status
from pydantic import Field

from . import selectors, services

router = Router(tags=["closed loop"])


class ProblemListOut(Schema):
    id: int
    region_code: str
    region_name: str
    period_kind: str
    period: str
    starts_on: date
    ends_on: date
    version: int
    item_count: int
    money_involved: Decimal
    money_recovered: Decimal
    generated_by: str = Field(alias="generated_by_username")
    generated_at: datetime


class ProblemItemOut(Schema):
    id: int
    position: int
    case_id: int
    village_code: str
    village_name: str
    domain: str
    model_code: str
    category: str
    subject: str
    finding: str
    conclusion: str
    money_involved: Decimal
    money_recovered: Decimal
    people: str
    rectification: str
    rectification_state: str
    verified_on: date


class ProblemListDetailOut(ProblemListOut):
    items: list[ProblemItemOut]

    @staticmethod
    def resolve_items(obj):
        return list(selectors.problem_items(obj))


class ProblemListIn(Schema):
    region_code: str = Field("", description="12-digit code of any region in your scope")
    period_kind: str = Field("month", description="month, quarter or year")
    period: str = Field("", description="2026-06, 2026-Q2 or 2026")


class ProgressOut(Schema):
    region_code: str
    region_name: str
    total: int
    done: int
    verified: int
    ratio: float | None


class CampaignOut(Schema):
    id: int
    title: str
    region_code: str
    region_name: str
    target_kind: str
    target: str
    starts_on: date
    ends_on: date
    total: int
    done: int
    verified: int
    ratio: float | None


class CampaignDetailOut(Schema):
    id: int
    title: str
    region_code: str
    region_name: str
    level: str
    target_kind: str
    target: str
    starts_on: date
    ends_on: date
    description: str
    created_by: str = Field(alias="created_by_username")
    created_at: datetime
    progress: dict[str, list[ProgressOut]]


class CampaignIn(Schema):
    title: str = ""
    region_code: str = Field("", description="a county, city or province in your scope")
    target_kind: str = Field("model", description="model or domain")
    target: str = Field("", description="a model code (LAB-05) or a domain (labour)")
    starts_on: date | None = None
    ends_on: date | None = None
    description: str = ""


class TaskOut(Schema):
    id: int
    campaign_id: int
    village_code: str
    village_name: str
    state: str
    updated_at: datetime | None


class TaskMoveIn(Schema):
    state: str = Field("", description="in_progress, rectified (the village), verified or in_progress (inspectors)")
    note: str = ""
    expected_state: str | None = Field(None, description="the state the caller saw; 409 if it has changed")


class ReformOut(Schema):
    id: int
    region_code: str
    region_name: str
    level: str
    title: str
    change: str
    adopted_on: date
    documents: str
    problem_item_ids: list[int]
    case_ids: list[int]
    files: list[dict]
    created_by: str = Field(alias="created_by_username")
    created_at: datetime

    @staticmethod
    def resolve_files(obj):
        return [{"id": str(a.public_id), "name": a.original_name, "size": a.size} for a in obj.files.order_by("pk")]

    @staticmethod
    def resolve_problem_item_ids(obj, context):
        items, _cases = selectors.reform_problems(user=context["request"].auth, reform=obj)
        return [i.pk for i in items]

    @staticmethod
    def resolve_case_ids(obj, context):
        _items, cases = selectors.reform_problems(user=context["request"].auth, reform=obj)
        return [c.pk for c in cases]


class ReformIn(Schema):
    title: str = ""
    change: str = ""
    adopted_on: date | None = None
    region_code: str | None = Field(None, description="your own region unless a county or city inside it")
    documents: str = ""
    problem_item_ids: list[int] = []
    case_ids: list[int] = []


@router.get("/problem-lists", response=list[ProblemListOut], url_name="loop_problem_lists")
@paginate(PageNumberPagination, page_size=100)
def problem_lists(request, region: str | None = None):
    return selectors.problem_list_list(user=request.auth, region_code=region)


@router.post("/problem-lists", response={201: ProblemListDetailOut}, url_name="loop_problem_list_generate",
             summary="Issue a problem list (a new version each time)")
def problem_list_generate(request, payload: ProblemListIn):
    made = services.problem_list_generate(user=request.auth, region_code=payload.region_code,
                                          period_kind=payload.period_kind, period=payload.period, request=request)
    return Status(201, made)


@router.get("/problem-lists/{list_id}", response=ProblemListDetailOut, url_name="loop_problem_list_get")
def problem_list_get(request, list_id: int):
    return selectors.problem_list_get(user=request.auth, list_id=list_id)


@router.get("/campaigns", response=list[CampaignOut], url_name="loop_campaigns")
def campaigns(request):
    return selectors.campaign_figures(user=request.auth)


def _campaign_detail(request, campaign):
    out = {f: getattr(campaign, f) for f in ("id", "title", "region_code", "region_name", "level", "target_kind",
                                              "target", "starts_on", "ends_on", "description", "created_by_username",
                                              "created_at")}
    out["progress"] = selectors.campaign_rollup(user=request.auth, campaign=campaign)
    return out


@router.post("/campaigns", response={201: CampaignDetailOut}, url_name="loop_campaign_create")
def campaign_create(request, payload: CampaignIn):
    made = services.campaign_create(user=request.auth, title=payload.title, region_code=payload.region_code,
                                    target_kind=payload.target_kind, target=payload.target,
                                    starts_on=payload.starts_on, ends_on=payload.ends_on,
                                    description=payload.description, request=request)
    return Status(201, _campaign_detail(request, made))


@router.get("/campaigns/{campaign_id}", response=CampaignDetailOut, url_name="loop_campaign_get")
def campaign_get(request, campaign_id: int):
    return _campaign_detail(request, selectors.campaign_get(user=request.auth, campaign_id=campaign_id))


@router.get("/campaigns/{campaign_id}/tasks", response=list[TaskOut], url_name="loop_campaign_tasks")
@paginate(PageNumberPagination, page_size=500)
def campaign_tasks(request, campaign_id: int, state: str | None = None, region: str | None = None):
    campaign = selectors.campaign_get(user=request.auth, campaign_id=campaign_id)
    return selectors.campaign_tasks(user=request.auth, campaign=campaign, state=state, region_code=region)


@router.get("/campaigns/{campaign_id}/evaluation", response=dict, url_name="loop_campaign_evaluation")
def campaign_evaluation(request, campaign_id: int, region: str | None = None, days: int | None = None):
    f = selectors.campaign_evaluation(user=request.auth, campaign_id=campaign_id, region_code=region,
                                      window_days=days)
    return {"campaign_id": f["campaign"].pk, "region_code": f["region"].code, "window_days": f["window_days"],
            "models": f["models"], "windows": f["windows"], "after_complete": f["after_complete"],
            "change": f["change"], "recurrence": f["recurrence"], "money_recovered": f["money_recovered"],
            "precision": f["precision"]}


@router.get("/progress", response=list[ProgressOut], url_name="loop_progress",
            summary="Campaign tasks done ÷ all, per region of a level")
def progress(request, level: str = "county", campaign: int | None = None, region: str | None = None):
    return selectors.campaign_progress(user=request.auth, level=level, campaign_id=campaign, region_code=region)


@router.post("/tasks/{task_id}", response=TaskOut, url_name="loop_task_move", summary="Move a village's task")
def task_move(request, task_id: int, payload: TaskMoveIn):
    return services.campaign_task_move(user=request.auth, task_id=task_id, to_state=payload.state, note=payload.note,
                                       expected_state=payload.expected_state, request=request)


@router.get("/reforms", response=list[ReformOut], url_name="loop_reforms")
@paginate(PageNumberPagination, page_size=100)
def reforms(request):
    return selectors.reform_list(user=request.auth)


@router.post("/reforms", response={201: ReformOut}, url_name="loop_reform_create")
def reform_create(request, payload: ReformIn):
    made = services.reform_create(user=request.auth, title=payload.title, change=payload.change,
                                  adopted_on=payload.adopted_on, region_code=payload.region_code,
                                  documents=payload.documents, problem_item_ids=payload.problem_item_ids,
                                  case_ids=payload.case_ids, request=request)
    return Status(201, made)


@router.get("/reforms/{reform_id}", response=ReformOut, url_name="loop_reform_get")
def reform_get(request, reform_id: int):
    return selectors.reform_get(user=request.auth, reform_id=reform_id)
