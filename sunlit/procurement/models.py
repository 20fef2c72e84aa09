from django.db import models

from sunlit.ledger.fields import LedgerModel, MoneyField, OrgIdField, VillageCodeField


class PurchaseMethod(models.TextChoices):
    QUOTATION = "quotation", "比价"
    INQUIRY = "inquiry", "询价"
    DIRECT = "direct", "直接采购"
    FRAMEWORK = "framework", "协议采购"


class Purchase(LedgerModel):
    """A village purchase (村级采购). Duplicate invoice numbers are allowed: a model flags them."""

    purchase_id = models.CharField(max_length=64)
    village_code = VillageCodeField()
    item = models.CharField(max_length=200)
    category = models.CharField(max_length=50)
    quantity = models.DecimalField(max_digits=14, decimal_places=3)
    unit = models.CharField(max_length=20)
    unit_price = MoneyField()
    amount = MoneyField()
    supplier_org_id = OrgIdField(blank=True)
    supplier_name = models.CharField(max_length=200)
    method = models.CharField(max_length=20, choices=PurchaseMethod.choices)
    purchase_date = models.DateField()
    approved_by = models.CharField(max_length=50, blank=True)
    invoice_no = models.CharField(max_length=64, blank=True)

    labels = {"purchase_id": "采购编号", "village_code": "村代码", "item": "采购物品", "category": "类别",
              "quantity": "数量", "unit": "单位", "unit_price": "单价（元）", "amount": "金额（元）",
              "supplier_org_id": "供应商统一社会信用代码", "supplier_name": "供应商名称", "method": "采购方式",
              "purchase_date": "采购日期", "approved_by": "审批人", "invoice_no": "发票号码"}
    natural_key = ("purchase_id",)
    date_column = "purchase_date"

    class Meta:
        db_table = "purchase"
        constraints = [models.UniqueConstraint(fields=["purchase_id"], name="purchase_natural_key")]
        indexes = [models.Index(fields=["village_code", "purchase_date"], name="purchase_village")]
        ordering = ["purchase_id"]
