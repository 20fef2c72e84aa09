"""Collective assets, their leases and the rent received."""

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _

from sunlit.accounts.scope import get_in_scope, scoped
from sunlit.assets.models import Asset, Lease
from sunlit.assets.services import asset_create, lease_create, rent_receipt_create
from sunlit.audit.services import audit_record

from .. import selectors
from ..forms.assets import AssetForm, LeaseForm, ReceiptForm
from ..services import record_new
from .common import page, saved, submitted


@login_required
def assets(request, village_code):
    village = selectors.village_get(user=request.user, code=village_code)
    form = AssetForm(request.POST or None)
    asset = submitted(request, form, lambda cells: record_new(
        table="asset", actor=request.user, village_code=village.code,
        data={**cells, "village_code": village.code}, write=asset_create))
    if asset is not None:
        return saved(request, _("Asset recorded."), "entry:asset", asset_id=asset.asset_id)
    rows = scoped(Asset.objects.filter(village_code=village.code), user=request.user)
    return page(request, "entry/assets/list.html", {"village": village, "form": form,
                                                    "assets": rows.order_by("asset_id")[:500]})


@login_required
def asset(request, asset_id):
    selectors.require(request.user, selectors.VIEW_ACTION)
    asset = get_in_scope(Asset.objects.all(), user=request.user, asset_id=asset_id)
    form = LeaseForm(request.POST or None)
    lease = submitted(request, form, lambda cells: record_new(
        table="lease", actor=request.user, village_code=asset.village_code,
        data={**cells, "asset_id": asset.asset_id, "village_code": asset.village_code}, write=lease_create))
    if lease is not None:
        return saved(request, _("Lease recorded."), "entry:lease", lease_id=lease.lease_id)
    return page(request, "entry/assets/asset.html", {"asset": asset, "form": form,
                                                     "leases": asset.leases.order_by("-start_date", "lease_id")})


@login_required
def lease(request, lease_id):
    selectors.require(request.user, selectors.VIEW_ACTION)
    lease = get_in_scope(Lease.objects.select_related("asset"), user=request.user, lease_id=lease_id)
    form = ReceiptForm(request.POST or None)
    receipt = submitted(request, form, lambda cells: record_new(
        table="rent_receipt", actor=request.user, village_code=lease.village_code,
        data={**cells, "lease_id": lease.lease_id}, write=rent_receipt_create))
    if receipt is not None:
        return saved(request, _("Rent receipt recorded."), "entry:lease", lease_id=lease.lease_id)
    if lease.lessee_person_id:
        audit_record(kind="view", actor=request.user, request=request, object_type="lease", object_id=lease.lease_id)
    receipts = lease.receipts.order_by("period_start", "receipt_id")
    return page(request, "entry/assets/lease.html", {
        "lease": lease, "form": form, "receipts": receipts,
        "received": sum((r.amount for r in receipts), 0)})
