from django.utils.translation import gettext_lazy as _

from sunlit.assets.models import AssetStatus, AssetType, LeaseMethod

from .base import LedgerForm, day, enum, identity, number, text


class AssetForm(LedgerForm):
    table = "asset"
    name = text(_("Asset name"))
    asset_type = enum(_("Asset type"), AssetType.choices)
    area = number(_("Area"))
    unit = text(_("Unit of area"), placeholder=_("e.g. square metres"))
    book_value = number(_("Book value (yuan)"))
    status = enum(_("Status"), AssetStatus.choices)
    idle_since = day(_("Idle since"))
    asset_id = text(_("Asset number"))


class LeaseForm(LedgerForm):
    table = "lease"
    lessee_name = text(_("Lessee"))
    lessee_person_id = identity(_("Lessee's ID number (a person)"))
    lessee_org_id = identity(_("Lessee's credit code (an organisation)"))
    method = enum(_("Letting method"), LeaseMethod.choices)
    annual_rent = number(_("Annual rent (yuan)"))
    start_date = day(_("Start date"))
    end_date = day(_("End date"))
    signed_date = day(_("Signed on"))
    lease_id = text(_("Lease number"))


class ReceiptForm(LedgerForm):
    table = "rent_receipt"
    receipt_date = day(_("Received on"))
    period_start = day(_("Rent period from"))
    period_end = day(_("Rent period to"))
    amount = number(_("Amount (yuan)"))
    receipt_id = text(_("Receipt number"))
