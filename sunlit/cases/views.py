"""Pages: the handling unit's inbox (a liaison officer takes a case — 接单 — in one tap), the queue
of every case in one's scope with filters, and the case page with the alert's evidence, the
timeline and a form for each step open to the reader. Steps are posted to ``case_step``, which
calls the same services as the API."""

from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sunlit.accounts.roles import can
from sunlit.accounts.scope import require, scope_prefix
from sunlit.attachments.responses import attachment_response
from sunlit.attachments.services import AttachmentRefused
from sunlit.errors import InvalidInput, NotFound, in_language
from sunlit.regions import codes
from sunlit.regions.models import Region

from . import rules, selectors, services
from .models import OPEN_STATES, Conclusion, Level, Measure, SourceKind, State

FILTERS = ("state", "colour", "level", "model", "region", "village", "source", "overdue")
PEOPLE_ROWS = 3


@login_required
def inbox(request):
    cases = list(selectors.case_inbox(user=request.user)[:200])
    for case in cases:
        case.steps = selectors.case_next_steps(case=case, user=request.user)
    return render(request, "cases/inbox.html", {"cases": cases, "today": timezone.localdate()})


@login_required
def queue(request):
    q = request.GET
    cases = selectors.case_list(user=request.user, state=q.get("state") or None, severity=q.get("colour") or None,
                                level=q.get("level") or None, model_code=q.get("model") or None,
                                region_code=q.get("region") or None, source_kind=q.get("source") or None,
                                overdue=q.get("overdue") == "1", village_code=q.get("village") or None)
    page = Paginator(cases, 50).get_page(q.get("page"))
    query = urlencode([(k, q[k]) for k in FILTERS if q.get(k)])
    may_dispatch = can(request.user.role, "cases.dispatch")
    for case in page:
        case.dispatchable = may_dispatch and case.state in selectors.DISPATCHABLE and rules.may_supervise(
            case, request.user)
    return render(request, "cases/queue.html", {
        "page": page, "query": query, "filters": {k: q.get(k, "") for k in FILTERS},
        "states": State.choices, "levels": Level.choices, "sources": SourceKind.choices,
        "villages": selectors.queue_villages(user=request.user), "may_dispatch": may_dispatch,
        "today": timezone.localdate(), "open_states": [str(v) for v in OPEN_STATES],
    })


@login_required
@require_POST
def dispatch_bulk(request):
    """Dispatch the cases ticked in the queue, each on its own (see ``services.cases_dispatch_bulk``);
    the result of every case is reported back on the queue."""
    require(request.user, "cases.dispatch")
    ids, expected = [], {}
    for value in request.POST.getlist("case"):
        case_id, _sep, state = value.partition(":")
        if case_id.isdigit():
            ids.append(int(case_id))
            if state:
                expected[int(case_id)] = state
    back = reverse("cases:queue") + ("?" + request.POST["query"] if request.POST.get("query") else "")
    try:
        results = services.cases_dispatch_bulk(case_ids=ids, actor=request.user, note=request.POST.get("note", ""),
                                               expected_states=expected, request=request)
    except InvalidInput as exc:
        messages.error(request, exc.message)
        return redirect(back)
    done = [r for r in results if r.ok]
    refused = [r for r in results if not r.ok]
    if done:
        messages.success(request, _("Dispatched %(n)s of %(total)s cases: %(cases)s") % {
            "n": len(done), "total": len(results), "cases": ", ".join(f"#{r.case_id}" for r in done)})
    for r in refused:
        messages.error(request, _("#%(case)s not dispatched: %(reason)s") % {"case": r.case_id, "reason": in_language(r.message)})
    return redirect(back)


def _dispatch_targets(case, user) -> list[Region]:
    """The case's village and the regions above it that lie in the user's scope."""
    prefix = scope_prefix(user)
    chain, code = [], case.village_code
    while code:
        if prefix is not None and code.startswith(prefix):
            chain.append(code)
        code = codes.parent_code_of(code)
    return list(Region.objects.filter(code__in=chain).order_by("-code"))


@login_required
def detail(request, case_id):
    case = selectors.case_get(user=request.user, case_id=case_id)
    steps = selectors.case_next_steps(case=case, user=request.user)
    records = (selectors.subject_records(user=request.user, subject_type=case.subject_type,
                                         subject_id=case.subject_id)
               if can(request.user.role, "ledger.view") else selectors.SubjectRecords())
    return render(request, "cases/detail.html", {
        "case": case, "steps": steps, "events": case.events.all(), "model": selectors.case_model(case),
        "records": records, "related": selectors.related_cases(user=request.user, case=case, records=records),
        "related_titles": [("same_subject", _("The same subject")),
                           ("same_party", _("The same person or organisation, another record")),
                           ("same_model", _("The same model in this village"))],
        "disposition": getattr(case, "disposition", None),
        "targets": _dispatch_targets(case, request.user) if "dispatch" in steps else [],
        "conclusions": Conclusion.choices, "measures": Measure.choices, "people_rows": range(1, PEOPLE_ROWS + 1),
    })


def _people(post) -> list[services.PersonMeasure]:
    people = []
    for n in range(1, PEOPLE_ROWS + 1):
        name, measure = post.get(f"person{n}_name", "").strip(), post.get(f"person{n}_measure", "")
        if name or measure:
            people.append(services.PersonMeasure(name=name, measure=measure, post=post.get(f"person{n}_post", "")))
    return people


def _date_or_none(value: str):
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput("日期格式应为 YYYY-MM-DD / dates are written YYYY-MM-DD") from None


STEPS = {
    "dispatch": lambda p, **c: services.case_dispatch(to_code=p.get("to_code") or None, **c),
    "take": lambda p, **c: services.case_take(**c),
    "give_back": lambda p, **c: services.case_return(**c),
    "start_verification": lambda p, **c: services.case_start_verification(**c),
    "verify": lambda p, **c: services.case_verify(conclusion=p.get("conclusion", ""), **c),
    "dispose": lambda p, **c: services.case_dispose(
        money_recovered=p.get("money_recovered") or "0", people=_people(p), rectification=p.get("rectification", ""),
        suppress_until=_date_or_none(p.get("suppress_until", "")), suppress_reason=p.get("suppress_reason", ""), **c),
    "close": lambda p, **c: services.case_close(**c),
    "escalate": lambda p, **c: services.case_escalate(**c),
    "reopen": lambda p, **c: services.case_reopen(**c),
}


@login_required
def case_file(request, case_id, file_id):
    """A file of one of the case's steps, only to users who may see the case (404 otherwise)."""
    return attachment_response(selectors.case_attachment(user=request.user, case_id=case_id, file_id=file_id))


@login_required
@require_POST
def step(request, case_id, step):
    if step not in STEPS:
        raise NotFound("没有这个办理步骤 / no such step")
    post = request.POST
    try:
        STEPS[step](post, case_id=case_id, actor=request.user, note=post.get("note", ""),
                    expected_state=post.get("expected_state") or None, request=request,
                    attachments=request.FILES.getlist("files"))
    except (InvalidInput, services.CaseConflict, AttachmentRefused) as exc:
        messages.error(request, exc.message)
        for e in getattr(exc, "errors", []):
            messages.error(request, f"{e.row} · {e.column}: {in_language(e.message)}")
    else:
        messages.success(request, _("Done: %(step)s") % {"step": selectors.step_label(step)})
    if post.get("next") == "inbox":
        return redirect("cases:inbox")
    return redirect("cases:detail", case_id=case_id)
