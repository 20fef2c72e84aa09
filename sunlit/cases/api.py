"""Cases under /api/v1/cases: the scoped list, the caller's inbox, one case with its timeline and
the steps open to the caller, and one POST per transition (for a liaison station's mobile app).
Every endpoint calls the same selectors and services as the pages, so the role and scope rules are
the same; a refused step answers 403 (role or unit), 404 (outside the scope), 409 (the state does
not allow it, e.g. someone else took the case first) or 422 (bad input)."""

from datetime import date, datetime
from decimal import Decimal

from django.urls import reverse
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import PageNumberPagination, paginate
from pydantic import Field, ValidationError

from sunlit.attachments.responses import attachment_response
from sunlit.errors import InvalidInput, NotFound, RowError
from sunlit.identity import identity_numbers_masked

from . import selectors, services

router = Router(tags=["cases"])


class FileOut(Schema):
    id: str
    name: str
    kind: str
    size: int
    url: str


class EventOut(Schema):
    at: datetime
    actor: str = Field(alias="actor_username")
    transition: str
    from_state: str
    to_state: str
    note: str
    detail: dict
    attachments: list[FileOut]

    @staticmethod
    def resolve_attachments(obj):
        return [{"id": a["id"], "name": a.get("name", ""), "kind": a.get("kind", ""), "size": a.get("size", 0),
                 "url": reverse("api:case_file", args=[obj.case_id, a["id"]])}
                for a in obj.attachments or () if isinstance(a, dict) and a.get("id")]


class PersonOut(Schema):
    name: str
    post: str
    measure: str


class DispositionOut(Schema):
    money_recovered: Decimal
    rectification: str
    people: list[PersonOut]

    @staticmethod
    def resolve_people(obj):
        return list(obj.people.all())


class CaseOut(Schema):
    id: int
    source_kind: str
    source_ref: str
    alert_id: int | None
    model_code: str
    severity: str
    subject_type: str
    subject_id: str = Field(description="an identity number in it is masked (first six, ****, last two)")
    title: str
    village_code: str
    level: str
    handling_code: str
    state: str
    routed_on: date
    due_on: date
    conclusion: str
    reopen_count: int
    escalation_count: int
    opened_at: datetime
    closed_at: datetime | None

    @staticmethod
    def resolve_subject_id(obj):
        return identity_numbers_masked(obj.subject_id)


class CaseDetailOut(CaseOut):
    evidence: dict | None = None
    events: list[EventOut]
    disposition: DispositionOut | None = None
    next_steps: list[str]

    @staticmethod
    def resolve_evidence(obj):
        """The alert's evidence, an identity number in it masked (a model may list person_id)."""
        if not obj.alert_id:
            return None
        return {k: identity_numbers_masked(v) if isinstance(v, str) else v for k, v in (obj.alert.evidence or {}).items()}

    @staticmethod
    def resolve_events(obj):
        return list(obj.events.all())

    @staticmethod
    def resolve_disposition(obj):
        return getattr(obj, "disposition", None)

    @staticmethod
    def resolve_next_steps(obj, context):
        return selectors.case_next_steps(case=obj, user=context["request"].auth)


class StepIn(Schema):
    note: str = ""
    expected_state: str | None = Field(None, description="the state the caller saw; 409 if it has changed")


class DispatchIn(StepIn):
    to_code: str | None = Field(None, description="the unit to send it to: the case's village or a region above it")


class VerifyIn(StepIn):
    conclusion: str = Field("", description="confirmed, partly_confirmed or unfounded")


class PersonIn(Schema):
    name: str
    post: str = ""
    measure: str = Field(description="reminder_talk, criticism, admonition_talk, party_discipline, "
                                     "government_sanction or judicial_referral")


class DisposeIn(StepIn):
    money_recovered: Decimal = Decimal("0")
    people: list[PersonIn] = []
    rectification: str = ""
    suppress_until: date | None = Field(None, description="unfounded alerts only: no new case for this model "
                                                          "and subject until this day")
    suppress_reason: str = ""


class EscalateIn(StepIn):
    reason: str = "serious"


def _detail(request, case):
    return selectors.case_get(user=request.auth, case_id=case.pk)


@router.get("", response=list[CaseOut], url_name="case_list")
@paginate(PageNumberPagination, page_size=100)
def case_list(request, state: str | None = None, colour: str | None = None, level: str | None = None,
              model: str | None = None, region: str | None = None, source: str | None = None, overdue: bool = False,
              village: str | None = None):
    return selectors.case_list(user=request.auth, state=state, severity=colour, level=level, model_code=model,
                               region_code=region, source_kind=source, overdue=overdue, village_code=village)


class BulkCaseIn(Schema):
    id: int
    expected_state: str | None = Field(None, description="the state the caller saw; that case is refused (409) "
                                                         "if it has changed")


class BulkResultOut(Schema):
    case_id: int
    ok: bool
    state: str
    status: int
    message: str


class BulkDispatchOut(Schema):
    dispatched: int
    refused: int
    results: list[BulkResultOut]


@router.post("/bulk-dispatch", response=BulkDispatchOut, url_name="case_bulk_dispatch",
             summary="Dispatch several cases (the body: a list of at most 200), each on its own; every case's "
                     "result is reported")
def case_bulk_dispatch(request, payload: list[BulkCaseIn], note: str = "", to_code: str | None = None):
    """``to_code`` (optional): one unit for all — each case's village or a region above it; by default
    each case goes to the unit it is routed to. A refused case does not hold back the others."""
    results = services.cases_dispatch_bulk(
        case_ids=[c.id for c in payload], actor=request.auth, to_code=to_code, note=note,
        expected_states={c.id: c.expected_state for c in payload if c.expected_state}, request=request)
    ok = sum(1 for r in results if r.ok)
    return {"dispatched": ok, "refused": len(results) - ok, "results": [r.__dict__ for r in results]}


@router.get("/inbox", response=list[CaseOut], url_name="case_inbox")
@paginate(PageNumberPagination, page_size=100)
def case_inbox(request):
    return selectors.case_inbox(user=request.auth)


@router.get("/{case_id}", response=CaseDetailOut, url_name="case_get")
def case_get(request, case_id: int):
    return selectors.case_get(user=request.auth, case_id=case_id)


@router.get("/{case_id}/files/{file_id}", url_name="case_file", summary="A file of one of the case's steps",
            response={200: None})
def case_file(request, case_id: int, file_id: str):
    return attachment_response(selectors.case_attachment(user=request.auth, case_id=case_id, file_id=file_id))


class SectionOut(Schema):
    key: str
    title: str
    columns: list[str]
    rows: list[list[str]]
    count: int
    total: Decimal | None
    current: list[int]


class RelatedOut(Schema):
    id: int
    title: str
    model_code: str
    subject_type: str
    subject_id: str
    village_code: str
    state: str
    conclusion: str

    @staticmethod
    def resolve_subject_id(obj):
        return identity_numbers_masked(obj.subject_id)


class CaseContextOut(Schema):
    model: dict | None
    party_kind: str
    party_name: str
    party_masked: str = Field(description="the identity number, masked (first six, ****, last two)")
    records: list[SectionOut]
    same_subject: list[RelatedOut]
    same_party: list[RelatedOut]
    same_model: list[RelatedOut]


@router.get("/{case_id}/context", response=CaseContextOut, url_name="case_context",
            summary="The model, the subject's records across all domains and the related cases")
def case_context(request, case_id: int):
    case = selectors.case_get(user=request.auth, case_id=case_id)
    records = selectors.subject_records(user=request.auth, subject_type=case.subject_type,
                                        subject_id=case.subject_id)
    related = selectors.related_cases(user=request.auth, case=case, records=records)
    model = selectors.case_model(case)
    return {
        "model": {"code": model.code, "title": {"zh": model.title_zh, "en": model.title_en}, "basis": model.basis,
                  "evidence": list(model.evidence)} if model else None,
        "party_kind": records.party_kind, "party_name": records.party_name, "party_masked": records.party_masked,
        "records": [{"key": s.key, "title": s.title, "columns": s.columns, "rows": s.rows, "count": s.count,
                     "total": s.total, "current": sorted(s.current)} for s in records.sections],
        **related,
    }


def _common(request, payload: StepIn) -> dict:
    return {"actor": request.auth, "note": payload.note, "expected_state": payload.expected_state, "request": request}


@router.post("/{case_id}/dispatch", response=CaseDetailOut, url_name="case_dispatch")
def case_dispatch(request, case_id: int, payload: DispatchIn):
    return _detail(request, services.case_dispatch(case_id=case_id, to_code=payload.to_code, **_common(request, payload)))


@router.post("/{case_id}/take", response=CaseDetailOut, url_name="case_take", summary="Take the case (接单)")
def case_take(request, case_id: int, payload: StepIn):
    return _detail(request, services.case_take(case_id=case_id, **_common(request, payload)))


@router.post("/{case_id}/return", response=CaseDetailOut, url_name="case_return",
             summary="Give a mis-routed case back for re-dispatch")
def case_return(request, case_id: int, payload: StepIn):
    return _detail(request, services.case_return(case_id=case_id, **_common(request, payload)))


@router.post("/{case_id}/start-verification", response=CaseDetailOut, url_name="case_start_verification")
def case_start_verification(request, case_id: int, payload: StepIn):
    return _detail(request, services.case_start_verification(case_id=case_id, **_common(request, payload)))


@router.post("/{case_id}/verify", response=CaseDetailOut, url_name="case_verify")
def case_verify(request, case_id: int, payload: VerifyIn):
    return _detail(request, services.case_verify(case_id=case_id, conclusion=payload.conclusion,
                                                 **_common(request, payload)))


@router.post("/{case_id}/dispose", response=CaseDetailOut, url_name="case_dispose")
def case_dispose(request, case_id: int, payload: DisposeIn):
    people = [services.PersonMeasure(name=p.name, measure=p.measure, post=p.post) for p in payload.people]
    return _detail(request, services.case_dispose(
        case_id=case_id, money_recovered=payload.money_recovered, people=people, rectification=payload.rectification,
        suppress_until=payload.suppress_until, suppress_reason=payload.suppress_reason, **_common(request, payload)))


@router.post("/{case_id}/close", response=CaseDetailOut, url_name="case_close")
def case_close(request, case_id: int, payload: StepIn):
    return _detail(request, services.case_close(case_id=case_id, **_common(request, payload)))


@router.post("/{case_id}/escalate", response=CaseDetailOut, url_name="case_escalate")
def case_escalate(request, case_id: int, payload: EscalateIn):
    return _detail(request, services.case_escalate(case_id=case_id, reason=payload.reason[:30],
                                                   **_common(request, payload)))


@router.post("/{case_id}/reopen", response=CaseDetailOut, url_name="case_reopen")
def case_reopen(request, case_id: int, payload: StepIn):
    return _detail(request, services.case_reopen(case_id=case_id, **_common(request, payload)))


# One step with files (multipart/form-data), for a phone app that sends photos with its step: the
# field ``data`` holds the same JSON body as the step's own endpoint above, ``files`` one or more
# files (JPEG, PNG, PDF, XLSX, DOCX; type checked by content, size limited). The files are stored
# only if the step succeeds; the event lists them and they are fetched from the case's file URL.
_STEP_BODIES = {
    "dispatch": DispatchIn, "take": StepIn, "return": StepIn, "start-verification": StepIn, "verify": VerifyIn,
    "dispose": DisposeIn, "close": StepIn, "escalate": EscalateIn, "reopen": StepIn,
}


def _step_call(name: str, body, request, case_id: int, files):
    common = {"case_id": case_id, "attachments": files, **_common(request, body)}
    if name == "dispatch":
        return services.case_dispatch(to_code=body.to_code, **common)
    if name == "take":
        return services.case_take(**common)
    if name == "return":
        return services.case_return(**common)
    if name == "start-verification":
        return services.case_start_verification(**common)
    if name == "verify":
        return services.case_verify(conclusion=body.conclusion, **common)
    if name == "dispose":
        people = [services.PersonMeasure(name=p.name, measure=p.measure, post=p.post) for p in body.people]
        return services.case_dispose(money_recovered=body.money_recovered, people=people,
                                     rectification=body.rectification, suppress_until=body.suppress_until,
                                     suppress_reason=body.suppress_reason, **common)
    if name == "close":
        return services.case_close(**common)
    if name == "escalate":
        return services.case_escalate(reason=body.reason[:30], **common)
    return services.case_reopen(**common)


@router.post("/{case_id}/steps/{step}", response=CaseDetailOut, url_name="case_step_with_files",
             summary="Any step with attached files (multipart: data = the step's JSON body, files)")
def case_step_with_files(request, case_id: int, step: str, data: Form[str] = "{}",
                         files: File[list[UploadedFile]] = None):
    body_type = _STEP_BODIES.get(step)
    if body_type is None:
        raise NotFound("没有这个办理步骤 / no such step")
    try:
        body = body_type.model_validate_json(data or "{}")
    except ValidationError as exc:
        raise InvalidInput("data 字段不是该步骤的有效 JSON / the data field is not a valid body for this step",
                           [RowError(1, ".".join(str(x) for x in e["loc"]) or "data", "", e["msg"])
                            for e in exc.errors()]) from None
    return _detail(request, _step_call(step, body, request, case_id, list(files or [])))
