"""Writes to cases. Every transition goes through ``_transition``: role (``require``), scope
(``get_in_scope``), then, inside one transaction, the case row locked (``select_for_update``), the
state the caller expected checked, the django-fsm transition and its permission, one append-only
``CaseEvent`` and one ``audit_record(kind="case_transition")``. Two officers acting on one case at
once: the second waits for the lock, finds the state changed and is refused — exactly one wins."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_fsm import can_proceed, has_transition_perm

from sunlit.accounts.models import User
from sunlit.accounts.scope import get_in_scope, require, scope_prefix
from sunlit.accounts.system import command_line_actor
from sunlit.attachments.services import EVIDENCE_KINDS, attachment_check, attachment_save
from sunlit.audit.services import audit_record
from sunlit.cockpit.services import cockpit_case_changed, cockpit_case_snapshot, cockpit_cases_opened
from sunlit.errors import AccessDenied, InvalidInput, RowError, SunlitError, in_language
from sunlit.regions import codes
from sunlit.supervision.models import Alert

from . import deadlines, rules
from .models import (
    OPEN_STATES,
    Case,
    CaseEvent,
    Conclusion,
    Disposition,
    Measure,
    Notification,
    PersonHandled,
    SourceKind,
    State,
    Suppression,
)

# Files one step may carry (SUNLIT_CASE_ATTACHMENTS_PER_STEP overrides).
ATTACHMENTS_PER_STEP = 5


class CaseConflict(SunlitError):
    """The case is no longer in a state that allows this step (someone else acted first)."""

    status = 409


def _today() -> date:
    return timezone.localdate(timezone.now())


def _username(actor) -> str:
    return actor.get_username() if actor is not None else "system"


def _deadline_key(case: Case) -> str:
    return case.severity if case.source_kind == SourceKind.ALERT else "report"


def _route(case: Case, code: str, today: date) -> None:
    case.handling_code = code
    case.level = codes.level_of(code)
    case.routed_on = today
    case.due_on = deadlines.due_date(severity=_deadline_key(case), routed_on=today)


# ---- opening -------------------------------------------------------------------------------------

def _suppressed_subjects(alerts: list[Alert], today: date) -> set[tuple[str, str, str]]:
    found: set[tuple[str, str, str]] = set()
    subjects = list({(a.model_code, a.subject_type, a.subject_id) for a in alerts})
    for i in range(0, len(subjects), 500):
        chunk = subjects[i:i + 500]
        rows = Suppression.objects.filter(until__gte=today, model_code__in={s[0] for s in chunk},
                                          subject_id__in={s[2] for s in chunk})
        found |= {(s.model_code, s.subject_type, s.subject_id) for s in rows}
    return found


@transaction.atomic
def cases_open_for_alerts(*, alerts: Iterable[Alert]) -> list[Case]:
    """One case per alert (an alert that already has one is left alone), routed by colour. An alert
    whose model and subject are suppressed (after an unfounded case) opens no case and is closed."""
    alerts = [a for a in alerts if a.pk is not None]
    if not alerts:
        return []
    have = set(Case.objects.filter(alert__in=[a.pk for a in alerts]).values_list("alert_id", flat=True))
    alerts = [a for a in alerts if a.pk not in have]
    now, today = timezone.now(), _today()
    suppressed = _suppressed_subjects(alerts, today)
    quiet = [a for a in alerts if (a.model_code, a.subject_type, a.subject_id) in suppressed]
    fresh = []
    for a in alerts:
        if (a.model_code, a.subject_type, a.subject_id) in suppressed:
            continue
        case = Case(source_kind=SourceKind.ALERT, source_ref=str(a.pk), alert=a, model_code=a.model_code,
                    severity=a.severity, subject_type=a.subject_type, subject_id=a.subject_id,
                    title=f"{a.model_code} {a.period}".strip(), village_code=a.village_code, opened_at=now)
        _route(case, rules.first_route(severity=a.severity, village_code=a.village_code), today)
        fresh.append(case)
    Case.objects.bulk_create(fresh, batch_size=1000)
    cockpit_cases_opened(cases=fresh)  # the cockpit's tallies, in this transaction
    CaseEvent.objects.bulk_create(
        [CaseEvent(case=c, at=now, actor=None, actor_username="system", transition="open", from_state="",
                   to_state=State.NEW, detail={"routed_to": c.handling_code, "due_on": c.due_on.isoformat()})
         for c in fresh], batch_size=1000)
    if quiet:
        Alert.objects.filter(pk__in=[a.pk for a in quiet]).update(state=Alert.State.CLOSED)
        audit_record(kind="alert_suppressed", actor_username="system", object_type="alert",
                     detail={"alerts": [a.pk for a in quiet]})
    if fresh:
        audit_record(kind="case_transition", actor_username="system", object_type="case",
                     object_id=str(fresh[0].pk) if len(fresh) == 1 else "",
                     detail={"transition": "open", "to": State.NEW, "cases": len(fresh),
                             "first_case": fresh[0].pk, "last_case": fresh[-1].pk})
    return fresh


def case_open_for_alert(*, alert: Alert) -> Case | None:
    """The case of this alert, opened if it has none (None if the subject is suppressed)."""
    existing = Case.objects.filter(alert=alert).first()
    if existing is not None:
        return existing
    opened = cases_open_for_alerts(alerts=[alert])
    return opened[0] if opened else None


@transaction.atomic
def case_open_for_report(*, reference: str, village_code: str, title: str) -> Case:
    """The case of a citizen report (监督一点通), by the report's reference; routed to the village's
    liaison station. Opening the same reference again returns the same case."""
    if not codes.is_well_formed(village_code) or codes.level_of(village_code) != "village":
        raise InvalidInput("村代码必须是12位村级区划代码 / the village code must be a 12-digit village code")
    if not reference or len(reference) > 64:
        raise InvalidInput("反映编号必填，最长64字符 / the report reference is required (at most 64 characters)")
    existing = Case.objects.filter(source_kind=SourceKind.REPORT, source_ref=reference).first()
    if existing is not None:
        return existing
    now, today = timezone.now(), _today()
    case = Case(source_kind=SourceKind.REPORT, source_ref=reference, title=title[:200], village_code=village_code,
                opened_at=now)
    _route(case, rules.first_route(severity="", village_code=village_code), today)
    case.save()
    cockpit_cases_opened(cases=[case])  # the cockpit's tallies
    CaseEvent.objects.create(case=case, at=now, actor=None, actor_username="system", transition="open",
                             from_state="", to_state=State.NEW,
                             detail={"routed_to": case.handling_code, "due_on": case.due_on.isoformat()})
    audit_record(kind="case_transition", actor_username="system", object_type="case", object_id=str(case.pk),
                 detail={"transition": "open", "to": State.NEW, "source": "report"})
    return case


@transaction.atomic
def case_open_for_late_disclosure(*, village_code: str, category: str, period: str, title: str,
                                  actor=None) -> tuple[Case, bool]:
    """The case of a village late with its three-affairs disclosure (三务公开) for one category and
    period; routed to the village's liaison station like a report. The same late period opens one
    case only: opening it again returns the existing case. Returns (case, opened now)."""
    if not codes.is_well_formed(village_code) or codes.level_of(village_code) != "village":
        raise InvalidInput("村代码必须是12位村级区划代码 / the village code must be a 12-digit village code")
    reference = f"{village_code}:{category}:{period}"
    if not category or not period or len(reference) > 64:
        raise InvalidInput("公开类别和期间必填 / the disclosure category and period are required")
    existing = Case.objects.filter(source_kind=SourceKind.DISCLOSURE, source_ref=reference).first()
    if existing is not None:
        return existing, False
    now, today = timezone.now(), _today()
    title = in_language(title, "zh-hans")   # a case title is data read by Chinese officers: the Chinese half
    case = Case(source_kind=SourceKind.DISCLOSURE, source_ref=reference, title=title[:200],
                subject_type="disclosure", subject_id=f"{category}:{period}", village_code=village_code,
                opened_at=now)
    _route(case, rules.first_route(severity="", village_code=village_code), today)
    try:
        with transaction.atomic():     # another run opened it a moment ago: theirs is the case
            case.save()
    except IntegrityError:
        return Case.objects.get(source_kind=SourceKind.DISCLOSURE, source_ref=reference), False
    cockpit_cases_opened(cases=[case])  # the cockpit's tallies
    username = _username(actor)
    CaseEvent.objects.create(case=case, at=now, actor=actor if actor is not None and actor.pk else None,
                             actor_username=username, transition="open", from_state="", to_state=State.NEW,
                             detail={"routed_to": case.handling_code, "due_on": case.due_on.isoformat()})
    audit_record(kind="case_transition", actor=actor, actor_username=username, object_type="case",
                 object_id=str(case.pk), detail={"transition": "open", "to": State.NEW, "source": "disclosure"})
    return case, True


# ---- the transitions -----------------------------------------------------------------------------

def _deny(actor, case: Case, name: str):
    audit_record(kind="permission_denied", actor=actor, object_type="case", object_id=str(case.pk),
                 detail={"transition": name, "reason": "not_handler_or_supervisor"})
    raise AccessDenied("您不是此案件的承办或督办单位 / you are neither handling nor supervising this case")


def _refuse_state(case: Case, name: str):
    raise CaseConflict(f"案件当前状态（{case.get_state_display()}）不允许此操作 / "
                       f"the case is {case.state}: '{name}' is not possible now")


def _checked_files(attachments) -> list:
    """Every file of a step checked (type by content, size) before anything is written."""
    attachments = [f for f in (attachments or ()) if f is not None]
    limit = int(getattr(settings, "SUNLIT_CASE_ATTACHMENTS_PER_STEP", ATTACHMENTS_PER_STEP))
    if len(attachments) > limit:
        raise InvalidInput(f"每一步最多附{limit}个文件 / at most {limit} files per step; "
                           "send the others with a later step or combine them into one PDF")
    return [attachment_check(upload=f, allowed=EVIDENCE_KINDS) for f in attachments]


def _transition(*, case_id: int, actor, name: str, note: str = "", expected_state: str | None = None,
                request=None, check: Callable[[Case], None] | None = None,
                apply: Callable[[Case], dict] | None = None, attachments=()) -> Case:
    require(actor, rules.ACTION_OF[name])
    seen = get_in_scope(Case.objects.all(), user=actor, pk=case_id)
    if expected_state and seen.state != expected_state:
        raise CaseConflict("案件状态已被他人更新，请刷新 / the case was changed by someone else: reload it")
    if not can_proceed(getattr(seen, name)):
        _refuse_state(seen, name)
    if not has_transition_perm(getattr(seen, name), actor):
        _deny(actor, seen, name)
    files = _checked_files(attachments)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case_id)
        if (expected_state or seen.state) != case.state:
            raise CaseConflict("案件状态已被他人更新，请刷新 / the case was changed by someone else: reload it")
        method = getattr(case, name)
        if not can_proceed(method) or not has_transition_perm(method, actor):
            _refuse_state(case, name)
        if check is not None:
            check(case)
        from_state = case.state
        before = cockpit_case_snapshot(case)  # the cockpit's tallies: what the case counted for before
        method()
        detail = apply(case) if apply is not None else {}
        case.save()
        cockpit_case_changed(case=case, before=before)  # the cockpit's tallies, in this transaction
        # the files last: everything that could refuse the step has run
        stored = [attachment_save(checked=f, uploaded_by=_username(actor)) for f in files]
        event = CaseEvent.objects.create(case=case, at=timezone.now(), actor=actor if actor.pk else None,
                                         actor_username=_username(actor), transition=name, from_state=from_state,
                                         to_state=case.state, note=note, detail=detail,
                                         attachments=[{"id": str(a.public_id), "name": a.original_name,
                                                       "kind": a.kind, "size": a.size, "sha256": a.sha256}
                                                      for a in stored])
        audit_detail = {"transition": name, "from": from_state, "to": case.state, "event": event.pk}
        if stored:
            audit_detail["attachments"] = [str(a.public_id) for a in stored]
        audit_record(kind="case_transition", actor=actor, request=request, object_type="case",
                     object_id=str(case.pk), detail=audit_detail)
    return case


def case_dispatch(*, case_id: int, actor, to_code: str | None = None, note: str = "",
                  expected_state: str | None = None, request=None, attachments=()) -> Case:
    """Send the case to a handling unit: its current one, or ``to_code`` — the case's village or a
    region above it, inside the dispatcher's own scope (re-dispatch of a returned case)."""
    def check(case):
        if not to_code:
            return
        prefix = scope_prefix(actor)
        if (not codes.is_well_formed(to_code) or not case.village_code.startswith(codes.prefix_of(to_code))
                or prefix is None or not to_code.startswith(prefix)):
            raise InvalidInput("只能派往案件所在村或其上级、且在您管辖范围内的单位 / dispatch to the case's village "
                               "or a region above it, inside your scope")

    def apply(case):
        _route(case, to_code or case.handling_code, _today())
        return {"routed_to": case.handling_code, "due_on": case.due_on.isoformat()}

    return _transition(case_id=case_id, actor=actor, name="dispatch", note=note, expected_state=expected_state,
                       request=request, check=check, apply=apply, attachments=attachments)


@dataclass(frozen=True)
class BulkResult:
    """What happened to one case of a bulk action: ``ok`` and the state it is in now, or the reason
    it was refused (``status`` as the HTTP status the same refusal of a single step would have)."""

    case_id: int
    ok: bool
    state: str = ""
    status: int = 200
    message: str = ""


# Cases one bulk dispatch may carry (one page of the queue).
BULK_LIMIT = 200


def cases_dispatch_bulk(*, case_ids: Iterable[int], actor, to_code: str | None = None, note: str = "",
                        expected_states: dict[int, str] | None = None, request=None) -> list[BulkResult]:
    """Dispatch several cases in one action (the township or county queue). Each case is its own
    transition in its own transaction, with its own event and audit record, exactly as if dispatched
    alone: a case that cannot be dispatched (someone else acted first, it is outside the scope, not
    in a dispatchable state) is reported and does not hold back the others. Results in the order
    given. ``expected_states`` maps a case to the state the dispatcher saw (409 if it changed)."""
    require(actor, rules.ACTION_OF["dispatch"])
    ids = list(dict.fromkeys(int(i) for i in case_ids))
    if not ids:
        raise InvalidInput("请至少选择一个案件 / select at least one case")
    if len(ids) > BULK_LIMIT:
        raise InvalidInput(f"一次最多派发{BULK_LIMIT}个案件 / at most {BULK_LIMIT} cases at once; "
                           "filter the queue and dispatch it in parts")
    expected_states = expected_states or {}
    results = []
    for case_id in ids:
        try:
            case = case_dispatch(case_id=case_id, actor=actor, to_code=to_code, note=note,
                                 expected_state=expected_states.get(case_id), request=request)
        except SunlitError as exc:
            results.append(BulkResult(case_id=case_id, ok=False, status=exc.status, message=exc.message))
        else:
            results.append(BulkResult(case_id=case_id, ok=True, state=case.state))
    return results


def case_take(*, case_id: int, actor, note: str = "", expected_state: str | None = None,
              request=None, attachments=()) -> Case:
    """接单: the handling unit takes the case up."""
    return _transition(case_id=case_id, actor=actor, name="take", note=note, expected_state=expected_state,
                       request=request, attachments=attachments)


def _note_required(note: str):
    def check(_case):
        if not (note or "").strip():
            raise InvalidInput("请填写说明 / a note is required")
    return check


def case_return(*, case_id: int, actor, note: str, expected_state: str | None = None,
                request=None, attachments=()) -> Case:
    """Mis-routed: the handling unit gives the case back for re-dispatch, saying why."""
    return _transition(case_id=case_id, actor=actor, name="give_back", note=note, expected_state=expected_state,
                       request=request, check=_note_required(note), attachments=attachments)


def case_start_verification(*, case_id: int, actor, note: str = "", expected_state: str | None = None,
                            request=None, attachments=()) -> Case:
    return _transition(case_id=case_id, actor=actor, name="start_verification", note=note,
                       expected_state=expected_state, request=request, attachments=attachments)


def case_verify(*, case_id: int, actor, conclusion: str, note: str = "", expected_state: str | None = None,
                request=None, attachments=()) -> Case:
    """Record the verification's conclusion: confirmed, partly_confirmed or unfounded."""
    def check(_case):
        if conclusion not in Conclusion.values:
            raise InvalidInput("核查结论必须是 confirmed、partly_confirmed 或 unfounded / "
                               "the conclusion must be confirmed, partly_confirmed or unfounded",
                               [RowError(1, "conclusion", str(conclusion)[:30], "未知的核查结论 / unknown conclusion")])

    def apply(case):
        case.conclusion = conclusion
        return {"conclusion": conclusion}

    return _transition(case_id=case_id, actor=actor, name="verify", note=note, expected_state=expected_state,
                       request=request, check=check, apply=apply, attachments=attachments)


@dataclass(frozen=True)
class PersonMeasure:
    name: str
    measure: str
    post: str = ""


def _money(value) -> Decimal:
    try:
        amount = Decimal(str(value if value not in (None, "") else "0")).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise InvalidInput("追回金额必须是数字 / the money recovered must be a number",
                           [RowError(1, "money_recovered", str(value)[:30], "不是数字 / not a number")]) from None
    if amount < 0 or amount >= Decimal("1e14"):
        raise InvalidInput("追回金额不能为负数或过大 / the money recovered must be zero or more",
                           [RowError(1, "money_recovered", str(value)[:30], "超出范围 / out of range")])
    return amount


def case_dispose(*, case_id: int, actor, money_recovered=0, people: list[PersonMeasure] | None = None,
                 rectification: str = "", suppress_until: date | None = None, suppress_reason: str = "",
                 note: str = "", expected_state: str | None = None, request=None, attachments=()) -> Case:
    """Record the disposition. For an unfounded alert, ``suppress_until`` and ``suppress_reason``
    stop the same model from opening cases on the same subject until that day."""
    people = list(people or [])
    amount = _money(money_recovered)

    def check(case):
        errors = []
        for number, p in enumerate(people, start=1):
            if not (p.name or "").strip() or len(p.name) > 50:
                errors.append(RowError(number, "name", "", "姓名必填，最长50字 / a name of at most 50 characters"))
            if p.measure not in Measure.values:
                errors.append(RowError(number, "measure", str(p.measure)[:30], "未知的处理措施 / unknown measure"))
            if len(p.post or "") > 100:
                errors.append(RowError(number, "post", "", "职务最长100字 / the post is longer than 100 characters"))
        if suppress_until is not None:
            if case.source_kind != SourceKind.ALERT or case.conclusion != Conclusion.UNFOUNDED:
                errors.append(RowError(1, "suppress_until", str(suppress_until),
                                       "只有核查不实的预警可以暂停 / only an unfounded alert can be suppressed"))
            elif suppress_until <= _today():
                errors.append(RowError(1, "suppress_until", str(suppress_until),
                                       "暂停截止日期须晚于今天 / the end of the suppression must be after today"))
            if not (suppress_reason or "").strip():
                errors.append(RowError(1, "suppress_reason", "", "请说明暂停理由 / a reason is required"))
        if case.conclusion == Conclusion.UNFOUNDED and (people or amount):
            errors.append(RowError(1, "conclusion", case.conclusion,
                                   "核查不实的案件不记录追责或追回 / an unfounded case records no people or money"))
        if errors:
            raise InvalidInput("处置信息有误，未保存 / the disposition has errors; nothing was saved", errors)

    def apply(case):
        now = timezone.now()
        # a reopened report is disposed again: the new disposition replaces the old one (the old one
        # stays in the event log)
        disposition, _ = Disposition.objects.update_or_create(case=case, defaults={
            "money_recovered": amount, "rectification": rectification, "recorded_at": now,
            "recorded_by": _username(actor)})
        disposition.people.all().delete()
        PersonHandled.objects.bulk_create([PersonHandled(disposition=disposition, name=p.name.strip(),
                                                         post=(p.post or "").strip(), measure=p.measure)
                                           for p in people])
        detail = {"money_recovered": str(amount), "people": [[p.name.strip(), p.measure] for p in people],
                  "rectification": rectification}
        if suppress_until is not None:
            Suppression.objects.create(model_code=case.model_code, subject_type=case.subject_type,
                                       subject_id=case.subject_id, until=suppress_until, reason=suppress_reason,
                                       case=case, created_at=now, created_by=_username(actor))
            detail["suppressed_until"] = suppress_until.isoformat()
        return detail

    return _transition(case_id=case_id, actor=actor, name="dispose", note=note, expected_state=expected_state,
                       request=request, check=check, apply=apply, attachments=attachments)


def case_close(*, case_id: int, actor, note: str = "", expected_state: str | None = None,
               request=None, attachments=()) -> Case:
    """The supervising commission closes the case; its alert closes with it."""
    def apply(case):
        case.closed_at = timezone.now()
        if case.alert_id:
            Alert.objects.filter(pk=case.alert_id).update(state=Alert.State.CLOSED)
        return {}

    return _transition(case_id=case_id, actor=actor, name="close", note=note, expected_state=expected_state,
                       request=request, apply=apply, attachments=attachments)


def _notify_unit(case: Case, *, kind: str, text: str) -> int:
    recipients = User.objects.filter(scope_id=case.handling_code, role=rules.HANDLER_ROLE[case.level], is_active=True)
    now = timezone.now()
    made = Notification.objects.bulk_create([Notification(recipient=u, case=case, kind=kind, text=text[:300],
                                                          created_at=now) for u in recipients])
    return len(made)


def case_escalate(*, case_id: int, actor, note: str = "", reason: str = "serious", expected_state: str | None = None,
                  overdue_on: date | None = None, request=None, attachments=()) -> Case:
    """Move the case up one level (the township commission above a village, the county above a
    township …) with a fresh deadline; the new unit's officers are notified. With ``overdue_on``
    (the sweep), only if the case is still past its deadline on that day once locked."""
    def check(case):
        if overdue_on is not None and case.due_on >= overdue_on:
            raise CaseConflict("案件已不再逾期 / the case is no longer overdue")

    def apply(case):
        below = case.handling_code
        _route(case, rules.route_above(below), _today())
        case.escalation_count += 1
        sent = _notify_unit(case, kind="escalated",
                            text=f"案件 #{case.pk} 已上提至本单位（{reason}） / case #{case.pk} escalated to your unit ({reason})")
        return {"reason": reason, "from_unit": below, "routed_to": case.handling_code,
                "due_on": case.due_on.isoformat(), "notified": sent}

    return _transition(case_id=case_id, actor=actor, name="escalate", note=note, expected_state=expected_state,
                       request=request, check=check, apply=apply, attachments=attachments)


def case_reopen(*, case_id: int, actor, note: str, expected_state: str | None = None,
                request=None, attachments=()) -> Case:
    """A citizen report whose reporter was not satisfied goes back to its unit, once."""
    def apply(case):
        case.reopen_count += 1
        case.closed_at = None
        _route(case, case.handling_code, _today())
        return {"due_on": case.due_on.isoformat()}

    return _transition(case_id=case_id, actor=actor, name="reopen", note=note, expected_state=expected_state,
                       request=request, check=_note_required(note), apply=apply, attachments=attachments)


# ---- the deadline sweep --------------------------------------------------------------------------

def cases_sweep(*, actor=None) -> list[int]:
    """Escalate every overdue open case one level up (``sunlit sweep``, and the scheduled task).
    An escalated case gets a fresh deadline, so a second sweep the same day escalates nothing."""
    actor = actor or command_line_actor()
    today = _today()
    overdue = list(Case.objects.filter(state__in=OPEN_STATES, due_on__lt=today).exclude(level="province")
                   .values_list("pk", "state"))
    escalated = []
    for pk, state in overdue:
        try:
            case_escalate(case_id=pk, actor=actor, reason="overdue", expected_state=state, overdue_on=today,
                          note="超过办理期限，自动上提 / past its deadline: escalated automatically")
        except CaseConflict:
            continue   # someone acted on it since the list was read
        escalated.append(pk)
    return escalated
