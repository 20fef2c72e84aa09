from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    """One upload being imported into a ledger table. The import itself runs in one transaction,
    so its progress (invisible to other connections until it commits) is kept in a small file next
    to the upload (``jobs.progress_of``); this row holds the outcome."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    table = models.CharField(max_length=40)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    region_code = models.CharField(max_length=12, blank=True, db_index=True)
    source = models.CharField(max_length=255)
    path = models.CharField(max_length=500)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    errors = models.JSONField(default=list, blank=True)
    error_count = models.PositiveIntegerField(default=0)

    # A job is seen by its uploader's region (the scope the uploader wrote in).
    scope_field = "region_code"

    class Meta:
        db_table = "ledger_import_job"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.table} ← {self.source} ({self.status})"
