from django import forms
from django.utils.translation import gettext_lazy as _

from sunlit.relief.models import ReliefType

from .base import LedgerForm, day, enum, identity, number, text


class RecipientForm(LedgerForm):
    table = "relief_recipient"
    person_id = identity(_("ID number"))
    household_id = text(_("Household number"))
    relief_type = enum(_("Relief type"), ReliefType.choices)
    approved_date = day(_("Approved on"))
    end_date = day(_("Ends on"))
    monthly_amount = number(_("Monthly amount (yuan)"))


class ReliefPaymentForm(LedgerForm):
    table = "relief_payment"
    recipient = forms.ChoiceField(label=_("Recipient"), required=False)
    period = forms.CharField(label=_("Month paid for"), required=False,
                             widget=forms.DateInput(attrs={"type": "month", "placeholder": "YYYY-MM"}))
    amount = number(_("Amount (yuan)"))
    paid_date = day(_("Paid on"))
    payment_id = text(_("Payment number"))

    def __init__(self, *args, recipients=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].choices = [("", "—")] + [(str(pk), label) for pk, label in recipients]
        self.fields["recipient"].widget.attrs["required"] = True
        self.fields["amount"].help_text = _("The recipient's monthly amount when left empty.")
        self.fields["amount"].widget.attrs.pop("required", None)
