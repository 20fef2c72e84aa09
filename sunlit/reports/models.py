"""Citizen reports (监督一点通): a villager's suggestion or complaint, its photos, the public replies
officers write for the reporter, and the reporter's satisfaction ratings. Each report opens one case
(``sunlit.cases``), which carries its handling; the report keeps what the reporter gave.

The reporter's name and phone are personal data: shown only to officers whose scope holds the
village, on the case page; never on a public page, never in a log line or an audit detail."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    LABOUR = "labour", _("Labour and temporary work")
    PROJECTS = "projects", _("Village projects")
    ASSETS = "assets", _("Collective assets and leases")
    PROCUREMENT = "procurement", _("Procurement")
    RELIEF = "relief", _("Subsistence and relief")
    SEALS = "seals", _("Seals")
    OTHER = "other", _("Other")


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    SUGGESTION = "suggestion", _("Suggestion")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied (满意)")
    BASICALLY = "basically", _("Basically satisfied (基本满意)")
    UNSATISFIED = "unsatisfied", _("Not satisfied (不满意)")


class Report(models.Model):
    tracking_code = models.CharField(_("tracking code"), max_length=32, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.COMPLAINT)
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    village_code = models.CharField(_("village"), max_length=12, db_index=True)
    text = models.TextField(_("text"))
    reporter_name = models.CharField(_("reporter's name"), max_length=50, blank=True)
    reporter_phone = models.CharField(_("reporter's phone"), max_length=20, blank=True)
    case = models.OneToOneField("cases.Case", null=True, on_delete=models.PROTECT, related_name="report")
    created_at = models.DateTimeField(_("submitted"))

    scope_field = "village_code"

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("citizen report")
        verbose_name_plural = _("citizen reports")

    def __str__(self) -> str:
        return f"report {self.pk}"

    @property
    def anonymous(self) -> bool:
        return not (self.reporter_name or self.reporter_phone)


class ReportPhoto(models.Model):
    """A photo of a report: an attachment (``sunlit.attachments``: type read from the content,
    size limited, re-encoded without metadata, kept outside the web root). It has no public URL: it
    is served only after a scope check on the report's village."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="photos")
    attachment = models.OneToOneField("attachments.Attachment", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"photo {self.pk} of report {self.report_id}"


class ReportReply(models.Model):
    """A reply written for the reporter by the handling unit or a supervisor: shown on the tracking
    page (without the officer's name). Notes on the case's steps are internal and never shown there."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="replies")
    text = models.TextField(_("reply"))
    at = models.DateTimeField(_("time"))
    by_username = models.CharField(max_length=150)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"reply {self.pk} to report {self.report_id}"


class ReportRating(models.Model):
    """The reporter's satisfaction with one round of handling: round 0 after the first closure,
    round 1 after the closure of the one reopening. One rating per round."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="ratings")
    round = models.PositiveSmallIntegerField()
    value = models.CharField(_("satisfaction"), max_length=12, choices=Satisfaction.choices)
    at = models.DateTimeField(_("time"))

    class Meta:
        ordering = ["round"]
        constraints = [models.UniqueConstraint(fields=["report", "round"], name="report_rating_once_per_round")]

    def __str__(self) -> str:
        return f"{self.value} (round {self.round}) of report {self.report_id}"
