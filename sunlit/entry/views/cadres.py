"""The village's cadre roster (村干部): who is in office, by term; approvers are picked from it."""

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _

from sunlit.accounts.scope import scoped
from sunlit.audit.services import audit_record
from sunlit.cadres.models import Cadre
from sunlit.cadres.services import cadre_create
from sunlit.ledger.validation import mask_identity

from .. import selectors
from ..forms.cadres import CadreForm
from .common import page, saved, submitted


@login_required
def cadres(request, village_code):
    village = selectors.village_get(user=request.user, code=village_code)
    form = CadreForm(request.POST or None)
    cadre = submitted(request, form, lambda cells: cadre_create(
        actor=request.user, data={**cells, "village_code": village.code}))
    if cadre is not None:
        return saved(request, _("Cadre recorded."), "entry:cadres", village_code=village.code)
    audit_record(kind="view", actor=request.user, request=request, object_type="cadre", object_id=village.code)
    rows = scoped(Cadre.objects.filter(village_code=village.code), user=request.user).order_by("-term_start", "name")
    return page(request, "entry/cadres/list.html", {
        "village": village, "form": form, "cadres": [(c, mask_identity(c.person_id)) for c in rows]})
