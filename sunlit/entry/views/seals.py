"""The seal register and the seal-use log: a use is recorded as requested, then approved by a
cadre of the village in office who is not the applicant, with the approval time."""

from django.contrib.auth.decorators import login_required
from django.utils import timezone
from django.utils.translation import gettext as _

from sunlit.accounts.scope import get_in_scope, scoped
from sunlit.cadres.models import Cadre
from sunlit.errors import InvalidInput, RowError
from sunlit.seals.models import Seal, SealUsage
from sunlit.seals.services import seal_create, seal_usage_approve, seal_usage_create

from .. import selectors
from ..forms.seals import ApprovalForm, SealForm, SealUseForm
from ..services import record_new
from .common import page, saved, submitted


def _seals(request, village_code):
    return scoped(Seal.objects.filter(village_code=village_code), user=request.user).order_by("seal_id")


@login_required
def seals(request, village_code):
    village = selectors.village_get(user=request.user, code=village_code)
    form = SealForm(request.POST or None)
    seal = submitted(request, form, lambda cells: record_new(
        table="seal", actor=request.user, village_code=village.code,
        data={**cells, "village_code": village.code}, write=seal_create))
    if seal is not None:
        return saved(request, _("Seal registered."), "entry:seals", village_code=village.code)
    return page(request, "entry/seals/register.html", {"village": village, "form": form,
                                                       "seals": _seals(request, village.code)})


@login_required
def uses(request, village_code):
    village = selectors.village_get(user=request.user, code=village_code)
    now = timezone.localtime().replace(second=0, microsecond=0, tzinfo=None)
    form = SealUseForm(request.POST or None, seals=_seals(request, village.code),
                       initial={"used_at": now.isoformat(timespec="minutes")})
    usage = submitted(request, form, lambda cells: record_new(
        table="seal_usage", actor=request.user, village_code=village.code, write=seal_usage_create,
        data={**cells, "village_code": village.code, "approver_person_id": "", "approved_at": ""}))
    if usage is not None:
        return saved(request, _("Seal use requested; it now needs an approver."), "entry:seal_use",
                     usage_id=usage.usage_id)
    rows = scoped(SealUsage.objects.filter(village_code=village.code), user=request.user).select_related("seal")
    return page(request, "entry/seals/uses.html", {"village": village, "form": form,
                                                   "uses": rows.order_by("-used_at", "-id")[:300]})


def _cadres_in_office(request, village_code):
    today = timezone.localdate()
    cadres = scoped(Cadre.objects.filter(village_code=village_code, term_start__lte=today), user=request.user)
    return [c for c in cadres.order_by("position", "name") if c.term_end is None or c.term_end >= today]


@login_required
def use(request, usage_id):
    """One seal use and its approval step."""
    selectors.require(request.user, selectors.VIEW_ACTION)
    usage = get_in_scope(SealUsage.objects.select_related("seal"), user=request.user, usage_id=usage_id)
    cadres = {str(c.pk): c for c in _cadres_in_office(request, usage.village_code)}
    form = ApprovalForm(request.POST or None, cadres=cadres.values())

    def approve(cells):
        cadre = cadres.get(cells.get("approver") or "")
        if cadre is None:
            raise InvalidInput("请选择审批人 / choose the approver",
                               [RowError(1, "approver_person_id", "", "请选择审批人 / choose the approver")])
        return seal_usage_approve(actor=request.user, usage_id=usage.usage_id, approver_person_id=cadre.person_id)

    if submitted(request, form, approve) is not None:
        return saved(request, _("Seal use approved."), "entry:seal_use", usage_id=usage.usage_id)
    approver = None
    if usage.approver_person_id:
        approver = scoped(Cadre.objects.filter(village_code=usage.village_code,
                                               person_id=usage.approver_person_id), user=request.user).first()
    return page(request, "entry/seals/use.html", {"usage": usage, "form": form, "approver": approver,
                                                  "approvable": not usage.approver_person_id and not usage.approved_at})
