import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _


class ModelSetting(models.Model):
    """Parameter overrides for one model, deployment-wide (``region_code`` empty) or for one region
    and everything below it (e.g. a county's own direct-award threshold). The nearest region wins."""

    model_code = models.CharField(_("model"), max_length=10)
    region_code = models.CharField(_("region"), max_length=12, blank=True)
    params = models.JSONField(_("parameters"), default=dict)
    enabled = models.BooleanField(_("enabled"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["model_code", "region_code"], name="model_setting_once")]
        ordering = ["model_code", "region_code"]
        verbose_name = _("model setting")
        verbose_name_plural = _("model settings")

    def __str__(self) -> str:
        return f"{self.model_code} @ {self.region_code or '*'}"


class ModelRun(models.Model):
    """One run of some models over one set of lake versions."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    engine = models.CharField(_("engine"), max_length=10)
    region_code = models.CharField(_("region"), max_length=12, blank=True)
    inputs = models.JSONField(_("lake versions read"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    error = models.TextField(_("error"), blank=True)
    started_by = models.CharField(_("started by"), max_length=150, blank=True)
    alerts_new = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("model run")
        verbose_name_plural = _("model runs")

    def __str__(self) -> str:
        return f"run {self.pk} ({self.status})"


class ModelRunStep(models.Model):
    """One model within a run: its version, the parameters it ran with, rows in and out, time."""

    run = models.ForeignKey(ModelRun, on_delete=models.CASCADE, related_name="steps")
    model_code = models.CharField(max_length=10)
    model_version = models.CharField(max_length=12)
    params = models.JSONField(default=dict)
    rows_read = models.BigIntegerField(default=0)
    rows_returned = models.BigIntegerField(default=0)
    seconds = models.FloatField(default=0)
    alerts_new = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["run", "model_code"]

    def __str__(self) -> str:
        return f"{self.model_code} in run {self.run_id}"


class Alert(models.Model):
    """A model's hit (预警). ``fingerprint`` (model + subject + period) is unique: running the same
    facts again never raises a second alert, and never reopens a closed one."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    fingerprint = models.CharField(max_length=64, unique=True)
    model_code = models.CharField(_("model"), max_length=10, db_index=True)
    model_version = models.CharField(max_length=12)
    severity = models.CharField(_("colour"), max_length=6)
    domain = models.CharField(_("domain"), max_length=12)
    subject_type = models.CharField(_("subject type"), max_length=30)
    subject_id = models.CharField(_("subject"), max_length=100)
    village_code = models.CharField(_("village"), max_length=12)
    period = models.CharField(_("period"), max_length=10, blank=True)
    amount_involved = models.DecimalField(_("amount involved"), max_digits=16, decimal_places=2, null=True, blank=True)
    evidence = models.JSONField(_("evidence"), default=dict)
    score = models.FloatField(null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    run = models.ForeignKey(ModelRun, verbose_name=_("raised by run"), on_delete=models.PROTECT, related_name="alerts")
    last_seen_run = models.ForeignKey(ModelRun, on_delete=models.PROTECT, related_name="+", null=True)
    raised_at = models.DateTimeField(_("raised"))

    scope_field = "village_code"

    class Meta:
        ordering = ["-raised_at", "model_code"]
        indexes = [models.Index(fields=["village_code", "raised_at"], name="alert_village"),
                   models.Index(fields=["model_code", "state"], name="alert_model_state")]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")

    def __str__(self) -> str:
        return f"{self.model_code} {self.subject_type}:{self.subject_id}"

    @staticmethod
    def fingerprint_of(model_code: str, subject_type: str, subject_id: str, period: str) -> str:
        return hashlib.sha256("\x1f".join([model_code, subject_type, subject_id, period]).encode()).hexdigest()
