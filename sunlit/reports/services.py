"""Writes for citizen reports: submission (validated whole before anything is written; the case is
opened in the same transaction), the officers' public reply, the reporter's rating and the one
reopening. Nothing here logs or audits the reporter's name or phone."""

import re

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from sunlit.accounts.models import User
from sunlit.accounts.roles import Role
from sunlit.accounts.scope import get_in_scope, require
from sunlit.attachments.models import Kind as AttachmentKind
from sunlit.attachments.services import (
    AttachmentRefused,
    attachment_check,
    attachment_limit,
    attachment_save,
    private_root,
)
from sunlit.audit.services import audit_record
from sunlit.cases import rules as case_rules
from sunlit.cases.models import Case, State
from sunlit.cases.services import case_open_for_report, case_reopen
from sunlit.errors import AccessDenied, InvalidInput, RowError, SunlitError
from sunlit.regions import codes as region_codes
from sunlit.regions.models import Region

from . import codes
from .models import Category, Kind, Report, ReportPhoto, ReportRating, ReportReply, Satisfaction

_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{4,18}$")


class RateLimited(SunlitError):
    status = 429


def text_max() -> int:
    return int(getattr(settings, "SUNLIT_REPORT_TEXT_MAX", 2000))


def photo_max_count() -> int:
    return int(getattr(settings, "SUNLIT_REPORT_PHOTO_MAX_COUNT", 3))


def photo_max_bytes() -> int:
    """The size a photo may have: the attachments' own limit for an image (one rule, one place)."""
    return attachment_limit(AttachmentKind.IMAGE)


def _check(*, category, kind, village_code, text, reporter_name, reporter_phone, uploads) -> list[RowError]:
    errors = []
    if category not in Category.values:
        errors.append(RowError(1, "category", str(category)[:20], "请选择反映类别 / choose a category"))
    if kind not in Kind.values:
        errors.append(RowError(1, "kind", str(kind)[:20], "请选择投诉或建议 / choose complaint or suggestion"))
    if not (region_codes.is_well_formed(village_code) and region_codes.level_of(village_code) == "village"
            and Region.objects.filter(code=village_code, level="village").exists()):
        errors.append(RowError(1, "village", str(village_code)[:20],
                               "村代码须是已登记的12位村级代码 / the village must be a known 12-digit village code"))
    limit = text_max()
    if not text.strip():
        errors.append(RowError(1, "text", "", "请写明反映的内容 / write what you want to report"))
    elif len(text) > limit:
        errors.append(RowError(1, "text", f"{len(text)}", f"内容最多 {limit} 字 / the text is longer than {limit} characters"))
    if len(reporter_name) > 50:
        errors.append(RowError(1, "name", "", "姓名最多50字 / the name is longer than 50 characters"))
    if reporter_phone and not _PHONE.match(reporter_phone):
        errors.append(RowError(1, "phone", "", "电话号码格式不对 / the phone number is not valid"))
    if len(uploads) > photo_max_count():
        errors.append(RowError(1, "photos", str(len(uploads)),
                               f"最多上传 {photo_max_count()} 张照片 / at most {photo_max_count()} photos"))
    return errors


def _title(category: str, text: str) -> str:
    """The case's title: the category in Chinese (whatever language the villager's page was in, so
    that every case reads the same in the queue and on problem lists) and the text's start."""
    from django.utils import translation

    one_line = " ".join(text.split())
    with translation.override("zh-hans"):
        return f"[{Category(category).label}] {one_line[:80]}"


@sensitive_variables("reporter_name", "reporter_phone", "text")
def report_submit(*, category: str, village_code: str, text: str, kind: str = Kind.COMPLAINT,
                  reporter_name: str = "", reporter_phone: str = "", uploads: list | None = None,
                  request=None) -> Report:
    """A villager's report: checked whole (every problem listed, nothing written on any), the photos
    (uploaded files) checked and re-encoded by ``sunlit.attachments``, then the report, its photos
    and its case written in one transaction. The case engine routes the case to the village's
    liaison station."""
    uploads = list(uploads or [])
    text, reporter_name, reporter_phone = (text or "").strip(), (reporter_name or "").strip(), \
        (reporter_phone or "").strip()
    village_code = (village_code or "").strip()
    errors = _check(category=category, kind=kind, village_code=village_code, text=text,
                    reporter_name=reporter_name, reporter_phone=reporter_phone, uploads=uploads)
    checked = []
    if len(uploads) <= photo_max_count():
        for number, upload in enumerate(uploads, start=1):
            try:
                checked.append(attachment_check(upload=upload, allowed=(AttachmentKind.IMAGE,)))
            except AttachmentRefused as exc:
                errors.append(RowError(number, "photo", "", exc.message))
    if errors:
        raise InvalidInput("反映未提交，请按提示修改 / the report was not sent: correct what is marked", errors)
    kept = []
    try:
        with transaction.atomic():
            report = Report.objects.create(tracking_code=_unused_code(), kind=kind, category=category,
                                           village_code=village_code, text=text, reporter_name=reporter_name,
                                           reporter_phone=reporter_phone, created_at=timezone.now())
            report.case = case_open_for_report(reference=f"report-{report.pk}", village_code=village_code,
                                               title=_title(category, text))
            report.save(update_fields=["case"])
            for item in checked:
                attachment = attachment_save(checked=item, uploaded_by="public:reporter")
                kept.append(attachment.stored_path)
                ReportPhoto.objects.create(report=report, attachment=attachment)
            audit_record(kind="report_submitted", request=request, actor_username="public", object_type="report",
                         object_id=str(report.pk), detail={"case": report.case_id, "village": village_code,
                                                           "category": category, "photos": len(kept)})
    except Exception:
        for stored_path in kept:      # the rows are rolled back: leave no file behind either
            (private_root() / stored_path).unlink(missing_ok=True)
        raise
    return report


def _unused_code() -> str:
    while True:
        code = codes.tracking_code_new()
        if not Report.objects.filter(tracking_code=code).exists():
            return code


# ---- officers ------------------------------------------------------------------------------------

def _may_answer(case: Case, user) -> bool:
    return case_rules.may_handle(case, user) or case_rules.may_supervise(case, user)


@transaction.atomic
def report_reply(*, case_id: int, actor, text: str, request=None) -> ReportReply:
    """A reply to the reporter, shown on the tracking page: by the case's handling unit or a
    supervisor of it."""
    require(actor, "cases.view")
    case = get_in_scope(Case.objects.all(), user=actor, pk=case_id)
    report = Report.objects.filter(case=case).first()
    if report is None:
        raise InvalidInput("此案件不是群众反映 / this case is not a citizen report")
    if not _may_answer(case, actor):
        audit_record(kind="permission_denied", actor=actor, request=request, object_type="case",
                     object_id=str(case.pk), detail={"action": "report_reply"})
        raise AccessDenied("只有承办或督办单位可以答复 / only the handling or supervising unit may reply")
    text = (text or "").strip()
    if not text or len(text) > text_max():
        raise InvalidInput(f"答复不能为空，最多 {text_max()} 字 / the reply must have 1 to {text_max()} characters",
                           [RowError(1, "reply", f"{len(text)}", "答复为空或过长 / empty or too long")])
    reply = ReportReply.objects.create(report=report, text=text, at=timezone.now(), by_username=actor.get_username())
    audit_record(kind="report_reply", actor=actor, request=request, object_type="report", object_id=str(report.pk),
                 detail={"case": case.pk, "reply": reply.pk})
    return reply


# ---- the reporter, by tracking code -----------------------------------------------------------------

def _round(case: Case) -> int:
    return case.reopen_count


@transaction.atomic
def report_rate(*, report: Report, value: str, request=None) -> ReportRating:
    """The reporter's rating of a closed case: once per closure (the first handling, and the
    handling after the one reopening)."""
    if value not in Satisfaction.values:
        raise InvalidInput("请选择满意、基本满意或不满意 / choose satisfied, basically satisfied or not satisfied")
    case = Case.objects.select_for_update().get(pk=report.case_id)
    if case.state != State.CLOSED:
        raise InvalidInput("办结后才能评价 / you can rate once the case is closed")
    if ReportRating.objects.filter(report=report, round=_round(case)).exists():
        raise InvalidInput("您已经评价过了 / you have already rated this")
    try:
        with transaction.atomic():
            rating = ReportRating.objects.create(report=report, round=_round(case), value=value, at=timezone.now())
    except IntegrityError:        # the same rating sent twice at once: the database keeps one
        raise InvalidInput("您已经评价过了 / you have already rated this") from None
    audit_record(kind="report_rated", request=request, actor_username="public", object_type="report",
                 object_id=str(report.pk), detail={"case": case.pk, "value": value, "round": rating.round})
    return rating


def reporter_actor() -> User:
    """The actor behind a reopening the reporter asks for: the case engine lets a supervisor reopen,
    and the reporter's request is granted by the platform under this name (the event log and the
    audit chain record ``public:reporter``)."""
    return User(username="public:reporter", role=Role.ADMINISTRATOR, scope=None)


def report_can_reopen(report: Report) -> bool:
    case = report.case
    return (case.state == State.CLOSED and case_rules.is_report_not_yet_reopened(case)
            and ReportRating.objects.filter(report=report, round=_round(case), value=Satisfaction.UNSATISFIED).exists())


def report_reopen(*, report: Report, reason: str = "", request=None) -> Case:
    """The reporter was not satisfied: the case goes back to its unit, once (the case engine's
    reopen, which allows one per report)."""
    report.case.refresh_from_db()
    if not report_can_reopen(report):
        raise InvalidInput("只有办结后评价为不满意的反映可以申请重新办理一次 / only a closed report rated "
                           "'not satisfied' can be reopened, once")
    reason = " ".join((reason or "").split())[:500]
    note = "反映人不满意，申请重新办理 / the reporter was not satisfied and asked for the case to be reopened"
    if reason:
        note += f"：{reason}"
    return case_reopen(case_id=report.case_id, actor=reporter_actor(), note=note, expected_state=State.CLOSED,
                       request=request)
