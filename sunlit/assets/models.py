from django.db import models

from sunlit.ledger.fields import LedgerModel, MoneyField, OrgIdField, PersonIdField, VillageCodeField


class AssetType(models.TextChoices):
    BUILDING = "building", "房屋"
    SHOP = "shop", "店铺"
    LAND = "land", "土地"
    POND = "pond", "鱼塘"
    FOREST = "forest", "林地"
    EQUIPMENT = "equipment", "设备"
    OTHER = "other", "其他"


class AssetStatus(models.TextChoices):
    IN_USE = "in_use", "在用"
    LEASED = "leased", "出租"
    IDLE = "idle", "闲置"
    DISPOSED = "disposed", "已处置"


class LeaseMethod(models.TextChoices):
    PUBLIC_BIDDING = "public_bidding", "公开竞价"
    NEGOTIATION = "negotiation", "协商"
    DIRECT = "direct", "直接出租"


class Asset(LedgerModel):
    """A collective asset or resource (资产资源)."""

    asset_id = models.CharField(max_length=64)
    village_code = VillageCodeField()
    name = models.CharField(max_length=200)
    asset_type = models.CharField(max_length=20, choices=AssetType.choices)
    area = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    unit = models.CharField(max_length=20, blank=True)
    book_value = MoneyField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=AssetStatus.choices)
    idle_since = models.DateField(null=True, blank=True)

    labels = {"asset_id": "资产编号", "village_code": "村代码", "name": "资产名称", "asset_type": "资产类型",
              "area": "面积", "unit": "面积单位", "book_value": "账面价值（元）", "status": "状态",
              "idle_since": "闲置起始日期"}
    natural_key = ("asset_id",)
    date_column = "idle_since"

    class Meta:
        db_table = "asset"
        constraints = [models.UniqueConstraint(fields=["asset_id"], name="asset_natural_key")]
        indexes = [models.Index(fields=["village_code", "idle_since"], name="asset_village")]
        ordering = ["asset_id"]


class Lease(LedgerModel):
    """A lease of a collective asset (资产出租). The lessee is a person or an organisation."""

    lease_id = models.CharField(max_length=64)
    asset = models.ForeignKey(Asset, to_field="asset_id", db_column="asset_id",
                              on_delete=models.PROTECT, db_index=False, related_name="leases")
    village_code = VillageCodeField()
    lessee_person_id = PersonIdField(blank=True)
    lessee_org_id = OrgIdField(blank=True)
    lessee_name = models.CharField(max_length=200)
    method = models.CharField(max_length=20, choices=LeaseMethod.choices)
    annual_rent = MoneyField()
    start_date = models.DateField()
    end_date = models.DateField()
    signed_date = models.DateField(null=True, blank=True)

    labels = {"lease_id": "合同编号", "asset_id": "资产编号", "village_code": "村代码",
              "lessee_person_id": "承租人身份证号码", "lessee_org_id": "承租单位统一社会信用代码",
              "lessee_name": "承租方名称", "method": "出租方式", "annual_rent": "年租金（元）",
              "start_date": "起租日期", "end_date": "到期日期", "signed_date": "签订日期"}
    natural_key = ("lease_id",)
    date_column = "start_date"

    class Meta:
        db_table = "lease"
        constraints = [models.UniqueConstraint(fields=["lease_id"], name="lease_natural_key")]
        indexes = [models.Index(fields=["village_code", "start_date"], name="lease_village")]
        ordering = ["lease_id"]


class RentReceipt(LedgerModel):
    """Rent received on a lease for a period."""

    receipt_id = models.CharField(max_length=64)
    lease = models.ForeignKey(Lease, to_field="lease_id", db_column="lease_id",
                              on_delete=models.PROTECT, db_index=False, related_name="receipts")
    village_code = VillageCodeField()
    receipt_date = models.DateField()
    period_start = models.DateField()
    period_end = models.DateField()
    amount = MoneyField()

    labels = {"receipt_id": "收款编号", "lease_id": "合同编号", "village_code": "村代码", "receipt_date": "收款日期",
              "period_start": "租期开始", "period_end": "租期结束", "amount": "金额（元）"}
    natural_key = ("receipt_id",)
    date_column = "receipt_date"
    village_from = "lease_id"

    class Meta:
        db_table = "rent_receipt"
        constraints = [models.UniqueConstraint(fields=["receipt_id"], name="rent_receipt_natural_key")]
        indexes = [models.Index(fields=["village_code", "receipt_date"], name="rent_receipt_village")]
        ordering = ["receipt_id"]
