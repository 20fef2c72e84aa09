from django.db import models

from sunlit.ledger.fields import LedgerModel, MoneyField, OrgIdField, VillageCodeField


class ProcurementMethod(models.TextChoices):
    PUBLIC_TENDER = "public_tender", "公开招标"
    INVITED_TENDER = "invited_tender", "邀请招标"
    COMPETITIVE_NEGOTIATION = "competitive_negotiation", "竞争性谈判"
    INQUIRY = "inquiry", "询价"
    DIRECT_AWARD = "direct_award", "直接发包"


class Project(LedgerModel):
    """A village construction project (村级工程) from decision to settlement."""

    project_id = models.CharField(max_length=64)
    village_code = VillageCodeField()
    name = models.CharField(max_length=200)
    category = models.CharField(max_length=50)
    budget_amount = MoneyField()
    funding_source = models.CharField(max_length=100, blank=True)
    decision_date = models.DateField(null=True, blank=True)
    decision_ref = models.CharField(max_length=100, blank=True)
    procurement_method = models.CharField(max_length=30, choices=ProcurementMethod.choices, blank=True)
    contractor_org_id = OrgIdField(blank=True)
    contractor_name = models.CharField(max_length=200, blank=True)
    contract_amount = MoneyField(null=True, blank=True)
    contract_date = models.DateField(null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    planned_end_date = models.DateField(null=True, blank=True)
    acceptance_date = models.DateField(null=True, blank=True)
    settlement_amount = MoneyField(null=True, blank=True)

    labels = {"project_id": "项目编号", "village_code": "村代码", "name": "项目名称", "category": "项目类别",
              "budget_amount": "预算金额（元）", "funding_source": "资金来源", "decision_date": "决策日期",
              "decision_ref": "决策文号", "procurement_method": "发包方式", "contractor_org_id": "承包方统一社会信用代码",
              "contractor_name": "承包方名称", "contract_amount": "合同金额（元）", "contract_date": "合同签订日期",
              "start_date": "开工日期", "planned_end_date": "计划完工日期", "acceptance_date": "验收日期",
              "settlement_amount": "结算金额（元）"}
    natural_key = ("project_id",)
    date_column = "contract_date"

    class Meta:
        db_table = "project"
        constraints = [models.UniqueConstraint(fields=["project_id"], name="project_natural_key")]
        indexes = [models.Index(fields=["village_code", "contract_date"], name="project_village")]
        ordering = ["project_id"]


class ProjectChange(LedgerModel):
    """A change order (工程变更) to a project's contract; ``amount_delta`` may be negative."""

    change_id = models.CharField(max_length=64)
    project = models.ForeignKey(Project, to_field="project_id", db_column="project_id",
                                on_delete=models.PROTECT, db_index=False, related_name="changes")
    village_code = VillageCodeField()
    change_date = models.DateField()
    amount_delta = MoneyField(signed=True)
    reason = models.CharField(max_length=500)

    labels = {"change_id": "变更编号", "project_id": "项目编号", "village_code": "村代码", "change_date": "变更日期",
              "amount_delta": "变更金额（元，可为负）", "reason": "变更原因"}
    natural_key = ("change_id",)
    date_column = "change_date"
    village_from = "project_id"

    class Meta:
        db_table = "project_change"
        constraints = [models.UniqueConstraint(fields=["change_id"], name="project_change_natural_key")]
        indexes = [models.Index(fields=["village_code", "change_date"], name="project_change_village")]
        ordering = ["change_id"]


class ProjectPayment(LedgerModel):
    """A payment made on a project."""

    payment_id = models.CharField(max_length=64)
    project = models.ForeignKey(Project, to_field="project_id", db_column="project_id",
                                on_delete=models.PROTECT, db_index=False, related_name="payments")
    village_code = VillageCodeField()
    pay_date = models.DateField()
    amount = MoneyField()
    payee_org_id = OrgIdField(blank=True)
    voucher_no = models.CharField(max_length=64, blank=True)

    labels = {"payment_id": "付款编号", "project_id": "项目编号", "village_code": "村代码", "pay_date": "付款日期",
              "amount": "付款金额（元）", "payee_org_id": "收款方统一社会信用代码", "voucher_no": "凭证号"}
    natural_key = ("payment_id",)
    date_column = "pay_date"
    village_from = "project_id"

    class Meta:
        db_table = "project_payment"
        constraints = [models.UniqueConstraint(fields=["payment_id"], name="project_payment_natural_key")]
        indexes = [models.Index(fields=["village_code", "pay_date"], name="project_payment_village")]
        ordering = ["payment_id"]
