from decimal import Decimal, InvalidOperation

from django.contrib.auth.decorators import login_required
from django.utils import timezone
from django.utils.translation import gettext as _

from sunlit.accounts.scope import scoped
from sunlit.procurement.models import Purchase
from sunlit.procurement.services import purchase_create

from .. import selectors
from ..forms.procurement import PurchaseForm
from ..services import record_new
from .common import page, saved, submitted


def _amount(quantity: str, unit_price: str) -> str:
    try:
        return str((Decimal(quantity.replace(",", "")) * Decimal(unit_price.replace(",", ""))).quantize(Decimal("0.01")))
    except (InvalidOperation, ValueError):
        return ""


@login_required
def purchases(request, village_code):
    village = selectors.village_get(user=request.user, code=village_code)
    form = PurchaseForm(request.POST or None, initial={"purchase_date": timezone.localdate().isoformat()})

    def save(cells):
        if not cells.get("amount"):
            cells["amount"] = _amount(cells.get("quantity", ""), cells.get("unit_price", ""))
        return record_new(table="purchase", actor=request.user, village_code=village.code,
                          data={**cells, "village_code": village.code}, write=purchase_create)

    if submitted(request, form, save) is not None:
        return saved(request, _("Purchase recorded."), "entry:purchases", village_code=village.code)
    rows = scoped(Purchase.objects.filter(village_code=village.code), user=request.user)
    return page(request, "entry/procurement/list.html", {
        "village": village, "form": form, "purchases": rows.order_by("-purchase_date", "-id")[:200]})
