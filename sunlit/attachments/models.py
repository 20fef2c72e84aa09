"""Attachments: files checked by their content and kept in a private folder outside the web root.
There is no public URL for an attachment; the app that owns it (e.g. a case event) serves it through
its own permission check with ``sunlit.attachments.responses.attachment_response``."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    IMAGE = "image", _("Image")
    PDF = "pdf", _("PDF document")
    XLSX = "xlsx", _("Excel workbook")
    DOCX = "docx", _("Word document")


class Attachment(models.Model):
    """One stored file. ``stored_path`` is relative to ``SUNLIT_PRIVATE_MEDIA_ROOT``; ``sha256`` and
    ``size`` describe the stored bytes (for an image: after its metadata was stripped)."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    original_name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    stored_path = models.CharField(max_length=255, unique=True)
    uploaded_at = models.DateTimeField(_("uploaded at"))
    uploaded_by = models.CharField(_("uploaded by"), max_length=150)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.public_id})"

    @property
    def is_image(self) -> bool:
        return self.kind == Kind.IMAGE
