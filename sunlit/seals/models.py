from django.db import models

from sunlit.ledger.fields import LedgerModel, PersonIdField, VillageCodeField


class DocumentType(models.TextChoices):
    CONTRACT = "contract", "合同"
    CERTIFICATE = "certificate", "证明"
    LETTER = "letter", "函件"
    VOUCHER = "voucher", "凭证"
    BLANK = "blank", "空白纸"
    OTHER = "other", "其他"


class Seal(LedgerModel):
    """An official seal (印章) and its custodian."""

    seal_id = models.CharField(max_length=64)
    village_code = VillageCodeField()
    name = models.CharField(max_length=100)
    custodian_person_id = PersonIdField()

    labels = {"seal_id": "印章编号", "village_code": "村代码", "name": "印章名称", "custodian_person_id": "保管人身份证号码"}
    natural_key = ("seal_id",)

    class Meta:
        db_table = "seal"
        constraints = [models.UniqueConstraint(fields=["seal_id"], name="seal_natural_key")]
        indexes = [models.Index(fields=["village_code"], name="seal_village")]
        ordering = ["seal_id"]


class SealUsage(LedgerModel):
    """One use of a seal (用印登记). No approver, or approval after the use, are facts to flag."""

    usage_id = models.CharField(max_length=64)
    seal = models.ForeignKey(Seal, to_field="seal_id", db_column="seal_id", on_delete=models.PROTECT, db_index=False,
                             related_name="usages")
    village_code = VillageCodeField()
    used_at = models.DateTimeField()
    document_type = models.CharField(max_length=20, choices=DocumentType.choices)
    matter = models.CharField(max_length=500)
    related_type = models.CharField(max_length=32, blank=True)
    related_id = models.CharField(max_length=64, blank=True)
    applicant_name = models.CharField(max_length=50)
    approver_person_id = PersonIdField(blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)

    labels = {"usage_id": "用印编号", "seal_id": "印章编号", "village_code": "村代码", "used_at": "用印时间",
              "document_type": "文件类型", "matter": "用印事由", "related_type": "关联台账", "related_id": "关联记录编号",
              "applicant_name": "申请人", "approver_person_id": "审批人身份证号码", "approved_at": "审批时间"}
    natural_key = ("usage_id",)
    date_column = "used_at"

    class Meta:
        db_table = "seal_usage"
        constraints = [models.UniqueConstraint(fields=["usage_id"], name="seal_usage_natural_key")]
        indexes = [models.Index(fields=["village_code", "used_at"], name="seal_usage_village")]
        ordering = ["usage_id"]
