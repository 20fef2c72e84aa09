"""Pages of the closed loop: problem lists (generate, view, export, print), campaigns (create, the
progress at every level, the village tasks), the evaluation of a campaign, and reform records.
Every page calls the selectors and services; a form with errors comes back filled in."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sunlit.accounts.roles import can
from sunlit.accounts.scope import require
from sunlit.attachments.responses import attachment_response
from sunlit.attachments.services import AttachmentRefused
from sunlit.audit.services import audit_record
from sunlit.engine.spec import DOMAINS
from sunlit.errors import InvalidInput, in_language
from sunlit.regions import codes
from sunlit.regions.models import Level

from . import selectors, services
from .models import DOMAIN_NAMES, DONE_STATES, PeriodKind, TargetKind, TaskState

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _errors(request, exc: InvalidInput):
    messages.error(request, exc.message)
    for e in exc.errors:
        messages.error(request, f"{e.column} {e.value}: {in_language(e.message)}".strip())


def _may_at_level(user, action: str, levels) -> bool:
    """The role may take the action and the user's own region is at one of ``levels`` (the form is
    not offered to, say, a township inspector, whom the service would refuse)."""
    return can(user.role, action) and (user.scope_id is None or codes.level_of(user.scope_id) in levels)


def _ids(text: str) -> list[int]:
    out = []
    for part in (text or "").replace("，", ",").replace(" ", ",").split(","):
        if part.strip():
            if not part.strip().isdigit():
                raise InvalidInput("编号应为数字，用逗号分隔 / numbers separated by commas")
            out.append(int(part))
    return out


# ---- problem lists -------------------------------------------------------------------------------

@login_required
def problem_lists(request):
    require(request.user, "problems.view")
    form = {"region_code": request.user.scope_id or "", "period_kind": PeriodKind.MONTH,
            "period": f"{timezone.localdate():%Y-%m}"}
    if request.method == "POST":
        form = request.POST
        try:
            made = services.problem_list_generate(user=request.user, region_code=form.get("region_code", "").strip(),
                                                  period_kind=form.get("period_kind", ""),
                                                  period=form.get("period", ""), request=request)
        except InvalidInput as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Problem list issued: %(n)s problems") % {"n": made.item_count})
            return redirect("loop:problem_list", list_id=made.pk)
    page = Paginator(selectors.problem_list_list(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "closedloop/problem_lists.html", {
        "page": page, "form": form, "period_kinds": PeriodKind.choices,
        "may_generate": can(request.user.role, "problems.generate")})


@login_required
def problem_list(request, list_id):
    pl = selectors.problem_list_get(user=request.user, list_id=list_id)
    versions = selectors.problem_list_list(user=request.user, region_code=pl.region_code).filter(period=pl.period)
    return render(request, "closedloop/problem_list.html", {
        "pl": pl, "items": selectors.problem_items(pl), "versions": versions.order_by("version"),
        "may_generate": can(request.user.role, "problems.generate")})


@login_required
def problem_list_print(request, list_id):
    pl = selectors.problem_list_get(user=request.user, list_id=list_id)
    return render(request, "closedloop/problem_list_print.html", {"pl": pl, "items": selectors.problem_items(pl)})


@login_required
def problem_list_export(request, list_id):
    pl = selectors.problem_list_get(user=request.user, list_id=list_id)
    data = selectors.problem_list_xlsx(pl)
    audit_record(kind="export", actor=request.user, request=request, object_type="problem_list", object_id=str(pl.pk),
                 detail={"format": "xlsx", "rows": pl.item_count})
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="problems-{pl.region_code}-{pl.period}-v{pl.version}.xlsx"'
    return response


# ---- campaigns -----------------------------------------------------------------------------------

def _targets():
    catalogue = services.model_catalogue()
    return {"models": sorted((code, spec.title_zh, spec.title_en) for code, spec in catalogue.items()),
            "domains": [(d, DOMAIN_NAMES.get(d, d)) for d in DOMAINS]}


@login_required
def campaigns(request):
    require(request.user, "campaigns.view")
    today = timezone.localdate()
    form = {"region_code": request.user.scope_id or "", "target_kind": TargetKind.MODEL,
            "starts_on": today.isoformat(), "ends_on": (today + timedelta(days=90)).isoformat()}
    if request.method == "POST":
        form = request.POST
        kind = form.get("target_kind", "")
        try:
            made = services.campaign_create(
                user=request.user, title=form.get("title", ""), region_code=form.get("region_code", "").strip(),
                target_kind=kind, target=form.get("target_model" if kind == TargetKind.MODEL else "target_domain", ""),
                starts_on=form.get("starts_on", ""), ends_on=form.get("ends_on", ""),
                description=form.get("description", ""), request=request)
        except InvalidInput as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Campaign created with %(n)s village tasks") % {"n": made.tasks.count()})
            return redirect("loop:campaign", campaign_id=made.pk)
    figures = selectors.campaign_figures(user=request.user)
    for f in figures:
        f["target_label"] = selectors.target_label(f["target_kind"], f["target"])
    return render(request, "closedloop/campaigns.html", {
        "campaigns": figures, "form": form, **_targets(),
        "may_create": _may_at_level(request.user, "campaigns.create", services.CAMPAIGN_LEVELS)})


def _move_label(state: str, to: str) -> str:
    if to == TaskState.IN_PROGRESS:
        return _("Send back for rectification") if state in DONE_STATES else _("Start rectifying")
    if to == TaskState.RECTIFIED:
        return _("Report rectified")
    return _("Accept as rectified")


@login_required
def campaign(request, campaign_id):
    c = selectors.campaign_get(user=request.user, campaign_id=campaign_id)
    state = request.GET.get("state") or None
    if request.GET.get("region") and not codes.is_well_formed(request.GET["region"]):
        raise InvalidInput("区划代码应为12位数字 / a region code is 12 digits")
    region = request.GET.get("region") or ""
    page = Paginator(selectors.campaign_tasks(user=request.user, campaign=c, state=state, region_code=region or None),
                     100).get_page(request.GET.get("page"))
    for task in page:
        moves = services.task_moves(task=task, user=request.user)
        forward = [to for to in moves if not (to == TaskState.IN_PROGRESS and task.state in DONE_STATES)]
        task.moves = [(to, _move_label(task.state, to), to == forward[0] if forward else False) for to in moves]
    return render(request, "closedloop/campaign.html", {
        "c": c, "target": selectors.target_label(c.target_kind, c.target), "page": page, "state": state or "",
        "region": region,
        "states": TaskState.choices,
        "rollup": [(level, Level(level).label, rows) for level, rows in selectors.campaign_rollup(
            user=request.user, campaign=c, region_code=request.GET.get("region") or None, depth=3).items()],
        "may_evaluate": can(request.user.role, "evaluation.view")})


@login_required
@require_POST
def campaign_task(request, task_id):
    post = request.POST
    try:
        task = services.campaign_task_move(user=request.user, task_id=task_id, to_state=post.get("state", ""),
                                           note=post.get("note", ""), expected_state=post.get("expected_state") or None,
                                           request=request)
    except InvalidInput as exc:
        _errors(request, exc)
        task = selectors.campaign_task_get(user=request.user, task_id=task_id)
    else:
        messages.success(request, _("%(village)s: %(state)s") % {"village": task.village_name,
                                                                  "state": task.get_state_display()})
    return redirect("loop:campaign", campaign_id=task.campaign_id)


@login_required
def campaign_evaluation(request, campaign_id):
    window = request.GET.get("days") or None
    if window is not None and not window.isdigit():
        raise InvalidInput("对比窗口应为天数 / the window is a number of days")
    figures = selectors.campaign_evaluation(user=request.user, campaign_id=campaign_id,
                                            region_code=request.GET.get("region") or None,
                                            window_days=int(window) if window else None)
    c = figures["campaign"]
    return render(request, "closedloop/evaluation.html", {
        "f": figures, "c": c, "target": selectors.target_label(c.target_kind, c.target),
        "windows": [(_("Before"), figures["windows"]["before"]), (_("During"), figures["windows"]["during"]),
                    (_("After"), figures["windows"]["after"])]})


# ---- reforms -------------------------------------------------------------------------------------

@login_required
def reforms(request):
    require(request.user, "reforms.view")
    may_create = _may_at_level(request.user, "reforms.create", services.REFORM_LEVELS)
    form = {"region_code": request.user.scope_id or "", "adopted_on": timezone.localdate().isoformat()}
    if request.method == "POST":
        form = request.POST
        try:
            made = services.reform_create(
                user=request.user, title=form.get("title", ""), change=form.get("change", ""),
                adopted_on=form.get("adopted_on", ""), region_code=form.get("region_code", "").strip() or None,
                documents=form.get("documents", ""),
                problem_item_ids=[int(i) for i in form.getlist("problems") if i.isdigit()],
                case_ids=_ids(form.get("case_ids", "")), files=request.FILES.getlist("files"), request=request)
        except InvalidInput as exc:
            _errors(request, exc)
        except AttachmentRefused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Reform recorded"))
            return redirect("loop:reform", reform_id=made.pk)
    chosen = set(form.getlist("problems")) if hasattr(form, "getlist") else set()
    return render(request, "closedloop/reforms.html", {
        "reforms": selectors.reform_list(user=request.user)[:200], "form": form, "may_create": may_create,
        "counts": selectors.reform_counts(user=request.user), "chosen": chosen,
        "linkable": selectors.problem_items_for_linking(user=request.user) if may_create else []})


@login_required
def reform_file(request, reform_id, file_id):
    return attachment_response(selectors.reform_file(user=request.user, reform_id=reform_id, file_id=file_id))


@login_required
def reform(request, reform_id):
    r = selectors.reform_get(user=request.user, reform_id=reform_id)
    items, cases = selectors.reform_problems(user=request.user, reform=r)
    return render(request, "closedloop/reform.html", {"r": r, "items": items, "cases": cases,
                                                      "files": r.files.order_by("pk")})
