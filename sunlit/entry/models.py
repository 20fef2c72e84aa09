from django.db import models
from django.utils import timezone

from sunlit.ledger.fields import PersonIdField, VillageCodeField


class TaskWorker(models.Model):
    """A worker on a labour task's crew, as the clerk added them. Attendance rows carry only the
    ID number; the crew keeps the name, so that a day's attendance is ticked, and pay recorded, by
    name."""

    task = models.ForeignKey("labour.LabourTask", to_field="task_id", db_column="task_id",
                             on_delete=models.CASCADE, related_name="crew")
    village_code = VillageCodeField()
    person_id = PersonIdField()
    name = models.CharField(max_length=50)
    added_at = models.DateTimeField(default=timezone.now)

    scope_field = "village_code"

    class Meta:
        db_table = "labour_task_worker"
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["task", "person_id"], name="labour_task_worker_once")]

    def __str__(self) -> str:
        return f"{self.task_id} / {self.name}"
