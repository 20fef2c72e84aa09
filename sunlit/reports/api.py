"""The reports API (/api/v1/reports): anonymous, for a villager's app or a hotline's system. The
same rules as the pages: the same checks and limits, the same rate limits per client, a wrong
tracking code answered exactly as an unknown one. Photos are sent through the page form only."""

from datetime import datetime

from django.views.decorators.debug import sensitive_variables
from ninja import Router, Schema, Status

from sunlit.errors import NotFound
from sunlit.public.masking import public_text

from . import codes, limits, selectors, services
from .models import Category, Kind, Satisfaction

router = Router(tags=["reports"], auth=None)


def _limit(scope: str, request):
    retry = limits.hit(scope, request)
    if retry is not None:
        raise services.RateLimited(f"请求过于频繁，请 {max(1, (retry + 59) // 60)} 分钟后再试 / too many requests: "
                                   f"try again in {retry} seconds")


class Choice(Schema):
    value: str
    label: str


class FormOut(Schema):
    kinds: list[Choice]
    categories: list[Choice]
    text_max: int
    submits_per_window: int
    window_seconds: int


class ReportIn(Schema):
    village: str
    category: str
    text: str
    kind: str = Kind.COMPLAINT
    name: str = ""
    phone: str = ""


class SubmittedOut(Schema):
    tracking_code: str
    state: str


class StepOut(Schema):
    at: datetime
    step: str
    label: str
    conclusion: str


class ReplyOut(Schema):
    at: datetime
    text: str


class RatingOut(Schema):
    round: int
    value: str


class TrackOut(Schema):
    tracking_code: str
    kind: str
    category: str
    submitted: datetime
    state: str
    conclusion: str
    text: str
    photos: int
    steps: list[StepOut]
    replies: list[ReplyOut]
    ratings: list[RatingOut]
    may_rate: bool
    may_reopen: bool
    satisfaction: list[Choice]


def _choices(choices) -> list[dict]:
    return [{"value": value, "label": str(label)} for value, label in choices]


@router.get("", response=FormOut, url_name="reports", summary="What a report may contain (categories, limits)")
def form(request):
    count, seconds = limits.limit_of("submit")
    return {"kinds": _choices(Kind.choices), "categories": _choices(Category.choices),
            "text_max": services.text_max(), "submits_per_window": count, "window_seconds": seconds}


@router.post("", response={201: SubmittedOut}, url_name="reports", summary="Send a suggestion or complaint")
@sensitive_variables("payload")
def submit(request, payload: ReportIn):
    _limit("submit", request)
    report = services.report_submit(category=payload.category, kind=payload.kind, village_code=payload.village,
                                    text=payload.text, reporter_name=payload.name, reporter_phone=payload.phone,
                                    request=request)
    return Status(201, {"tracking_code": codes.grouped(report.tracking_code), "state": report.case.state})


@router.get("/{code}", response=TrackOut, url_name="report_track", summary="Follow a report by its tracking code")
def track(request, code: str):
    _limit("track", request)
    report = selectors.report_by_code(code=code)
    if report is None:
        raise NotFound("没有与此查询码对应的反映 / no report has this tracking code")
    case = report.case
    rated = list(report.ratings.all())
    return {
        "tracking_code": codes.grouped(report.tracking_code), "kind": report.kind, "category": report.category,
        "submitted": report.created_at, "state": case.state, "conclusion": case.conclusion, "text": public_text(report.text),
        "photos": report.photos.count(),
        "steps": [{"at": s.at, "step": s.name, "label": s.label, "conclusion": s.conclusion}
                  for s in selectors.report_public_steps(report=report)],
        "replies": [{"at": r.at, "text": public_text(r.text)} for r in report.replies.all()],
        "ratings": [{"round": r.round, "value": r.value} for r in rated],
        "may_rate": case.state == "closed" and case.reopen_count not in {r.round for r in rated},
        "may_reopen": services.report_can_reopen(report), "satisfaction": _choices(Satisfaction.choices),
    }


