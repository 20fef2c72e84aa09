from django.utils.translation import gettext_lazy as _

from sunlit.procurement.models import PurchaseMethod

from .base import LedgerForm, day, enum, identity, number, text


class PurchaseForm(LedgerForm):
    table = "purchase"
    item = text(_("Item"))
    category = text(_("Category"), placeholder=_("e.g. office supplies"))
    quantity = number(_("Quantity"))
    unit = text(_("Unit"), placeholder=_("e.g. pieces"))
    unit_price = number(_("Unit price (yuan)"))
    amount = number(_("Amount (yuan)"))
    supplier_name = text(_("Supplier"))
    supplier_org_id = identity(_("Supplier's credit code"))
    method = enum(_("Purchase method"), PurchaseMethod.choices)
    purchase_date = day(_("Purchase date"))
    approved_by = text(_("Approved by"))
    invoice_no = text(_("Invoice number"))
    purchase_id = text(_("Purchase number"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].help_text = _("Computed from quantity × unit price when left empty.")
        self.fields["amount"].widget.attrs.pop("required", None)
