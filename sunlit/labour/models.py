from django.db import models

from sunlit.ledger.fields import LedgerModel, MoneyField, PersonIdField, VillageCodeField


class LabourTask(LedgerModel):
    """A labour dispatch (劳务派工): a task a village hires temporary workers for."""

    task_id = models.CharField(max_length=64)
    village_code = VillageCodeField()
    title = models.CharField(max_length=200)
    category = models.CharField(max_length=50)
    dispatch_date = models.DateField()
    planned_days = models.PositiveIntegerField()
    planned_workers = models.PositiveIntegerField()
    approved_by = models.CharField(max_length=50, blank=True)
    project = models.ForeignKey("projects.Project", to_field="project_id", db_column="project_id",
                                null=True, blank=True, on_delete=models.PROTECT, db_index=False, related_name="labour_tasks")

    labels = {"task_id": "派工编号", "village_code": "村代码", "title": "任务名称", "category": "任务类别",
              "dispatch_date": "派工日期", "planned_days": "计划天数", "planned_workers": "计划人数",
              "approved_by": "审批人", "project_id": "关联项目编号"}
    natural_key = ("task_id",)
    date_column = "dispatch_date"

    class Meta:
        db_table = "labour_task"
        constraints = [models.UniqueConstraint(fields=["task_id"], name="labour_task_natural_key")]
        indexes = [models.Index(fields=["village_code", "dispatch_date"], name="labour_task_village")]
        ordering = ["task_id"]


class LabourAttendance(LedgerModel):
    """One worker present on one day of a task."""

    task = models.ForeignKey(LabourTask, to_field="task_id", db_column="task_id",
                             on_delete=models.PROTECT, db_index=False, related_name="attendance")
    person_id = PersonIdField()
    work_date = models.DateField()
    village_code = VillageCodeField()

    labels = {"task_id": "派工编号", "person_id": "身份证号码", "work_date": "出工日期", "village_code": "村代码"}
    natural_key = ("task_id", "person_id", "work_date")
    date_column = "work_date"
    village_from = "task_id"

    class Meta:
        db_table = "labour_attendance"
        ordering = ["task_id", "work_date", "id"]
        constraints = [models.UniqueConstraint(fields=["task", "person_id", "work_date"],
                                               name="labour_attendance_natural_key")]
        indexes = [models.Index(fields=["village_code", "work_date"], name="labour_attendance_village"),
                   models.Index(fields=["person_id"], name="labour_attendance_person_id")]


class LabourPayment(LedgerModel):
    """Pay for labour (劳务报酬). ``task_id`` may be empty: pay with no dispatch is a fact to flag."""

    payment_id = models.CharField(max_length=64)
    village_code = VillageCodeField()
    task = models.ForeignKey(LabourTask, to_field="task_id", db_column="task_id", null=True, blank=True,
                             on_delete=models.PROTECT, db_index=False, related_name="payments")
    person_id = PersonIdField()
    name = models.CharField(max_length=50)
    days = models.DecimalField(max_digits=7, decimal_places=2)
    daily_rate = MoneyField()
    amount = MoneyField()
    paid_date = models.DateField()

    labels = {"payment_id": "付款编号", "village_code": "村代码", "task_id": "派工编号", "person_id": "身份证号码",
              "name": "姓名", "days": "天数", "daily_rate": "日工资（元）", "amount": "金额（元）",
              "paid_date": "发放日期"}
    natural_key = ("payment_id",)
    date_column = "paid_date"

    class Meta:
        db_table = "labour_payment"
        constraints = [models.UniqueConstraint(fields=["payment_id"], name="labour_payment_natural_key")]
        indexes = [models.Index(fields=["village_code", "paid_date"], name="labour_payment_village")]
        ordering = ["payment_id"]
