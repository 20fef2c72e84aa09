"""Procurement, assets (leases, rent) and relief through the entry pages."""

from decimal import Decimal

from sunlit.assets.models import Asset, Lease, RentReceipt
from sunlit.procurement.models import Purchase
from sunlit.relief.models import ReliefPayment, ReliefRecipient

from . import records
from .conftest import OUYANG, VILLAGE_A, VILLAGE_B, ZHANG


def _purchase(**extra):
    return {"item": "办公桌", "category": "办公用品", "quantity": "2", "unit": "张", "unit_price": "800.50",
            "amount": "", "supplier_name": "某某家具店", "supplier_org_id": records.ORG, "method": "quotation",
            "purchase_date": "2026-11-02", "approved_by": "王五", "invoice_no": "No.0001", **extra}


def test_purchase_entry(users, client_for):
    client = client_for(users.clerk)
    assert client.post(f"/entry/{VILLAGE_A}/purchases/", _purchase()).status_code == 302
    purchase = Purchase.objects.get()
    assert purchase.amount == Decimal("1601.00") and purchase.village_code == VILLAGE_A
    assert "办公桌" in client.get(f"/entry/{VILLAGE_A}/purchases/").content.decode()


def test_purchase_refusals(users, client_for):
    client = client_for(users.clerk)
    response = client.post(f"/entry/{VILLAGE_A}/purchases/", _purchase(unit_price="-3", purchase_date="yesterday"))
    assert response.status_code == 422
    body = response.content.decode()
    assert "不能为负数" in body and "日期格式应为 YYYY-MM-DD" in body
    assert client.post(f"/entry/{VILLAGE_B}/purchases/", _purchase()).status_code == 404
    assert client_for(users.inspector_a).post(f"/entry/{VILLAGE_A}/purchases/", _purchase()).status_code == 403
    assert not Purchase.objects.exists()


def test_asset_lease_and_rent(users, client_for):
    client = client_for(users.clerk)
    response = client.post(f"/entry/{VILLAGE_A}/assets/", {"name": "村东店铺", "asset_type": "shop", "area": "120.5",
                                                          "unit": "平方米", "book_value": "200000", "status": "leased"})
    asset = Asset.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/entry/assets/{asset.asset_id}/"
    response = client.post(f"/entry/assets/{asset.asset_id}/", {
        "lessee_name": "李四", "lessee_person_id": ZHANG, "method": "negotiation", "annual_rent": "12000",
        "start_date": "2026-01-01", "end_date": "2027-12-31"})
    lease = Lease.objects.get()
    assert response.status_code == 302 and (lease.asset_id, lease.village_code) == (asset.asset_id, VILLAGE_A)
    response = client.post(f"/entry/leases/{lease.lease_id}/", {
        "receipt_date": "2026-01-05", "period_start": "2026-01-01", "period_end": "2026-12-31", "amount": "12000"})
    assert response.status_code == 302
    assert RentReceipt.objects.get().amount == Decimal("12000.00")
    page = client.get(f"/entry/leases/{lease.lease_id}/").content.decode()
    assert "12000.00" in page and ZHANG not in page


def test_lease_refusals(users, client_for, world):
    client = client_for(users.clerk)
    own = records.asset(world.village_a)["asset_id"]
    response = client.post(f"/entry/assets/{own}/", {
        "lessee_name": "李四", "method": "negotiation", "annual_rent": "12000",
        "start_date": "2026-01-01", "end_date": "2026-12-31"})
    assert response.status_code == 422 and "至少填一项" in response.content.decode()
    response = client.post(f"/entry/assets/{own}/", {
        "lessee_name": "李四", "lessee_person_id": ZHANG, "method": "negotiation", "annual_rent": "12000",
        "start_date": "2027-01-01", "end_date": "2026-12-31"})
    assert response.status_code == 422 and "到期日期早于起租日期" in response.content.decode()
    other = records.asset(world.village_b)["asset_id"]
    assert client.post(f"/entry/assets/{other}/", {"lessee_name": "李四", "lessee_person_id": ZHANG,
                                                   "method": "direct", "annual_rent": "1",
                                                   "start_date": "2026-01-01", "end_date": "2026-12-31"}).status_code == 404
    other_lease = records.lease(world.village_b)["lease_id"]
    assert client.post(f"/entry/leases/{other_lease}/", {"receipt_date": "2026-01-05", "period_start": "2026-01-01",
                                                         "period_end": "2026-12-31", "amount": "1"}).status_code == 404
    assert Lease.objects.count() == 1 and not RentReceipt.objects.exists()


def test_relief_recipient_and_payment(users, client_for):
    client = client_for(users.clerk)
    response = client.post(f"/entry/{VILLAGE_A}/relief/", {
        "person_id": OUYANG, "household_id": "H-7", "relief_type": "minimum_living", "approved_date": "2026-01-01",
        "monthly_amount": "850"})
    assert response.status_code == 302
    recipient = ReliefRecipient.objects.get()
    page = client.get(f"/entry/{VILLAGE_A}/relief/payments/").content.decode()
    assert OUYANG not in page and "H-7" in page
    response = client.post(f"/entry/{VILLAGE_A}/relief/payments/", {
        "recipient": str(recipient.pk), "period": "2026-11", "amount": "", "paid_date": "2026-11-15"})
    assert response.status_code == 302
    payment = ReliefPayment.objects.get()
    assert (payment.person_id, payment.relief_type, payment.amount, payment.period) == (
        OUYANG, "minimum_living", Decimal("850.00"), "2026-11")


def test_relief_refusals(users, client_for, ledger):
    client = client_for(users.clerk)
    bad = OUYANG[:-1] + ("0" if OUYANG[-1] != "0" else "1")
    response = client.post(f"/entry/{VILLAGE_A}/relief/", {
        "person_id": bad, "relief_type": "minimum_living", "approved_date": "2026-01-01", "monthly_amount": "850"})
    assert response.status_code == 422 and "校验码错误" in response.content.decode()
    assert not ReliefRecipient.objects.exists()
    ledger("relief_recipient", person_id=ZHANG, village_code=VILLAGE_B, relief_type="temporary",
           approved_date="2026-01-01", monthly_amount="500")
    other = ReliefRecipient.objects.get()
    response = client.post(f"/entry/{VILLAGE_A}/relief/payments/", {
        "recipient": str(other.pk), "period": "2026-11", "paid_date": "2026-11-15"})
    assert response.status_code == 422                       # another village's recipient is not offered
    response = client.post(f"/entry/{VILLAGE_A}/relief/payments/", {"recipient": "", "period": "2026-13"})
    assert response.status_code == 422
    assert client.post(f"/entry/{VILLAGE_B}/relief/", {"person_id": OUYANG}).status_code == 404
    assert not ReliefPayment.objects.exists() and ReliefRecipient.objects.count() == 1
