from django.db import models


class ScheduleMark(models.Model):
    """That a scheduled job was enqueued for one due time. The unique key makes enqueueing
    idempotent: however many schedulers run, or however often one restarts, a due time is
    enqueued once."""

    job = models.CharField(max_length=60)
    due_at = models.DateTimeField()
    enqueued_at = models.DateTimeField(auto_now_add=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "due_at"], name="schedule_mark_once")]
        ordering = ["-due_at"]

    def __str__(self) -> str:
        return f"{self.job} @ {self.due_at:%Y-%m-%d %H:%M}"
