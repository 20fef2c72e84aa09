from django.db import models

from sunlit.ledger.fields import LedgerModel, MoneyField, PeriodField, PersonIdField, VillageCodeField


class ReliefType(models.TextChoices):
    MINIMUM_LIVING = "minimum_living", "最低生活保障"
    EXTREME_POVERTY = "extreme_poverty", "特困供养"
    TEMPORARY = "temporary", "临时救助"
    DISABILITY = "disability", "残疾人补贴"
    OTHER = "other", "其他"


class ReliefRecipient(LedgerModel):
    """A person approved for hardship relief (困难救助)."""

    person_id = PersonIdField()
    village_code = VillageCodeField()
    household_id = models.CharField(max_length=64, blank=True)
    relief_type = models.CharField(max_length=20, choices=ReliefType.choices)
    approved_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    monthly_amount = MoneyField()

    labels = {"person_id": "身份证号码", "village_code": "村代码", "household_id": "户编号",
              "relief_type": "救助类型", "approved_date": "批准日期", "end_date": "终止日期",
              "monthly_amount": "月救助金额（元）"}
    natural_key = ("person_id", "relief_type", "approved_date")
    date_column = "approved_date"

    class Meta:
        db_table = "relief_recipient"
        indexes = [models.Index(fields=["village_code", "approved_date"], name="relief_recipient_village")]
        ordering = ["village_code", "approved_date", "id"]
        constraints = [models.UniqueConstraint(fields=["person_id", "relief_type", "approved_date"],
                                               name="relief_recipient_natural_key")]


class ReliefPayment(LedgerModel):
    """Relief paid for a month. Duplicate periods are allowed: a model flags them."""

    payment_id = models.CharField(max_length=64)
    person_id = PersonIdField()
    village_code = VillageCodeField()
    relief_type = models.CharField(max_length=20, choices=ReliefType.choices)
    period = PeriodField()
    amount = MoneyField()
    paid_date = models.DateField()

    labels = {"payment_id": "发放编号", "person_id": "身份证号码", "village_code": "村代码",
              "relief_type": "救助类型", "period": "所属月份（YYYY-MM）", "amount": "金额（元）", "paid_date": "发放日期"}
    natural_key = ("payment_id",)
    date_column = "paid_date"

    class Meta:
        db_table = "relief_payment"
        constraints = [models.UniqueConstraint(fields=["payment_id"], name="relief_payment_natural_key")]
        indexes = [models.Index(fields=["village_code", "paid_date"], name="relief_payment_village")]
        ordering = ["payment_id"]
