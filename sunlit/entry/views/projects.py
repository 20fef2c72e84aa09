"""The project lifecycle on one page: decision, award, contract, changes, payments, acceptance,
settlement — a timeline, and a form per step."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from sunlit.accounts.scope import get_in_scope, scoped
from sunlit.errors import NotFound
from sunlit.projects.models import Project, ProjectChange, ProjectPayment
from sunlit.projects.services import (
    project_change_create,
    project_create,
    project_payment_create,
    project_update,
)

from .. import selectors
from ..forms import projects as forms
from ..services import record_new
from .common import page, saved, submitted


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    form: type
    done: callable      # project → bool
    when: callable      # project → date or None


STEPS = [
    Step("decision", gettext_lazy("Decision"), forms.DecisionForm, lambda p: bool(p.decision_date), lambda p: p.decision_date),
    Step("award", gettext_lazy("Award"), forms.AwardForm, lambda p: bool(p.procurement_method and p.contractor_name),
         lambda p: None),
    Step("contract", gettext_lazy("Contract"), forms.ContractForm, lambda p: bool(p.contract_date), lambda p: p.contract_date),
    Step("changes", gettext_lazy("Changes"), forms.ChangeForm, lambda p: p.changes.exists(),
         lambda p: p.changes.order_by("-change_date").values_list("change_date", flat=True).first()),
    Step("payments", gettext_lazy("Payments"), forms.PaymentForm, lambda p: p.payments.exists(),
         lambda p: p.payments.order_by("-pay_date").values_list("pay_date", flat=True).first()),
    Step("acceptance", gettext_lazy("Acceptance"), forms.AcceptanceForm, lambda p: bool(p.acceptance_date),
         lambda p: p.acceptance_date),
    Step("settlement", gettext_lazy("Settlement"), forms.SettlementForm, lambda p: p.settlement_amount is not None,
         lambda p: None),
]
STEP_BY_KEY = {s.key: s for s in STEPS}


def _cell(value) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _project_get(request, project_id) -> Project:
    selectors.require(request.user, selectors.VIEW_ACTION)
    return get_in_scope(Project.objects.all(), user=request.user, project_id=project_id)


@login_required
def projects(request, village_code):
    village = selectors.village_get(user=request.user, code=village_code)
    form = forms.ProjectForm(request.POST or None)
    project = submitted(request, form, lambda cells: record_new(
        table="project", actor=request.user, village_code=village.code,
        data={**cells, "village_code": village.code}, write=project_create))
    if project is not None:
        return saved(request, _("Project recorded."), "entry:project", project_id=project.project_id)
    rows = scoped(Project.objects.filter(village_code=village.code), user=request.user)
    return page(request, "entry/projects/list.html", {"village": village, "form": form,
                                                      "projects": rows.order_by("-id")[:200]})


@login_required
def project(request, project_id):
    project = _project_get(request, project_id)
    details = _details(project)
    timeline = [(s, s.done(project), s.when(project), details.get(s.key, "")) for s in STEPS]
    return page(request, "entry/projects/detail.html", {"project": project, "timeline": timeline})


def _details(project: Project) -> dict[str, str]:
    """What each step recorded, in a few words, for the timeline."""
    changes = list(project.changes.all())
    payments = list(project.payments.all())
    details = {"decision": project.decision_ref}
    if project.procurement_method or project.contractor_name:
        details["award"] = " · ".join(x for x in (project.get_procurement_method_display(), project.contractor_name) if x)
    if project.contract_amount is not None:
        details["contract"] = _("%(amount)s yuan") % {"amount": project.contract_amount}
    if changes:
        details["changes"] = ngettext("%(n)s change, %(total)s yuan", "%(n)s changes, %(total)s yuan", len(changes)) % {
            "n": len(changes), "total": sum(c.amount_delta for c in changes)}
    if payments:
        details["payments"] = ngettext("%(n)s payment, %(total)s yuan", "%(n)s payments, %(total)s yuan",
                                       len(payments)) % {"n": len(payments), "total": sum(p.amount for p in payments)}
    if project.settlement_amount is not None:
        details["settlement"] = _("%(amount)s yuan") % {"amount": project.settlement_amount}
    return details


@login_required
def project_step(request, project_id, step):
    project = _project_get(request, project_id)
    spec = STEP_BY_KEY.get(step)
    if spec is None:
        raise NotFound("没有这个步骤 / no such step")
    initial = {name: _cell(getattr(project, name, "")) for name in spec.form.base_fields}
    if step == "payments":
        initial = {"payee_org_id": project.contractor_org_id}
    elif step == "changes":
        initial = {}
    form = spec.form(request.POST or None, initial=initial)
    parent = {"project_id": project.project_id, "village_code": project.village_code}
    if step == "changes":
        def save(cells):
            return record_new(table="project_change", actor=request.user, village_code=project.village_code,
                              data={**cells, **parent}, write=project_change_create)
    elif step == "payments":
        def save(cells):
            return record_new(table="project_payment", actor=request.user, village_code=project.village_code,
                              data={**cells, **parent}, write=project_payment_create)
    else:
        def save(cells):
            return project_update(actor=request.user, project_id=project.project_id, changes=cells)
    if submitted(request, form, save) is not None:
        return saved(request, _("%(step)s recorded.") % {"step": spec.title}, "entry:project",
                     project_id=project.project_id)
    rows = []
    if step == "changes":
        rows = ProjectChange.objects.filter(project=project).order_by("change_date", "change_id")
    elif step == "payments":
        rows = ProjectPayment.objects.filter(project=project).order_by("pay_date", "payment_id")
    return page(request, "entry/projects/step.html", {"project": project, "step": spec, "form": form,
                                                      "rows": rows})
