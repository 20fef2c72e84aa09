"""Hardship relief: the village's recipients and the payments made to them."""

from django.contrib.auth.decorators import login_required
from django.utils import timezone
from django.utils.translation import gettext as _

from sunlit.accounts.scope import scoped
from sunlit.audit.services import audit_record
from sunlit.errors import InvalidInput, RowError
from sunlit.ledger.validation import mask_identity
from sunlit.relief.models import ReliefPayment, ReliefRecipient
from sunlit.relief.services import relief_payment_create, relief_recipient_create

from .. import selectors
from ..forms.relief import RecipientForm, ReliefPaymentForm
from ..services import record_new
from .common import page, saved, submitted


def _recipients(request, village):
    return scoped(ReliefRecipient.objects.filter(village_code=village.code), user=request.user)


def _label(r: ReliefRecipient) -> str:
    household = f" · {r.household_id}" if r.household_id else ""
    return f"{mask_identity(r.person_id)}{household} · {r.get_relief_type_display()}"


@login_required
def recipients(request, village_code):
    village = selectors.village_get(user=request.user, code=village_code)
    form = RecipientForm(request.POST or None)
    recipient = submitted(request, form, lambda cells: relief_recipient_create(
        actor=request.user, data={**cells, "village_code": village.code}))
    if recipient is not None:
        return saved(request, _("Relief recipient recorded."), "entry:relief", village_code=village.code)
    audit_record(kind="view", actor=request.user, request=request, object_type="relief_recipient",
                 object_id=village.code)
    rows = _recipients(request, village).order_by("-approved_date", "-id")[:500]
    return page(request, "entry/relief/recipients.html", {
        "village": village, "form": form, "recipients": [(r, mask_identity(r.person_id)) for r in rows]})


@login_required
def payments(request, village_code):
    village = selectors.village_get(user=request.user, code=village_code)
    recipients = {str(r.pk): r for r in _recipients(request, village).order_by("-approved_date", "-id")[:1000]}
    form = ReliefPaymentForm(request.POST or None, recipients=[(pk, _label(r)) for pk, r in recipients.items()],
                             initial={"paid_date": timezone.localdate().isoformat(),
                                      "period": timezone.localdate().strftime("%Y-%m")})

    def save(cells):
        recipient = recipients.get(form.cleaned_data.get("recipient") or "")
        if recipient is None:
            raise InvalidInput("请选择救助对象 / choose the recipient", [RowError(1, "recipient", "", "必填 / required")])
        if not cells.get("amount"):
            cells["amount"] = recipient.monthly_amount
        return record_new(table="relief_payment", actor=request.user, village_code=village.code, write=relief_payment_create,
                          data={**cells, "person_id": recipient.person_id, "village_code": village.code,
                                "relief_type": recipient.relief_type})

    if submitted(request, form, save) is not None:
        return saved(request, _("Relief payment recorded."), "entry:relief_payments", village_code=village.code)
    audit_record(kind="view", actor=request.user, request=request, object_type="relief_payment",
                 object_id=village.code)
    rows = scoped(ReliefPayment.objects.filter(village_code=village.code), user=request.user)
    return page(request, "entry/relief/payments.html", {
        "village": village, "form": form,
        "payments": [(p, mask_identity(p.person_id)) for p in rows.order_by("-paid_date", "-id")[:500]]})
