from django.db import models
from django.utils.translation import gettext_lazy as _

from sunlit.errors import SunlitError


class AppendOnly(SunlitError):
    pass


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("审计日志只能追加 / the audit log is append-only")

    def delete(self):
        raise AppendOnly("审计日志只能追加 / the audit log is append-only")


class AuditEvent(models.Model):
    """One security-relevant event. Rows are only ever appended (sunlit.audit.services.audit_record):
    ``seq`` runs 1, 2, 3 … with no gaps, each row carries the previous row's ``hash``, and its own
    ``hash`` is an HMAC over its content and that link, keyed outside the database."""

    seq = models.BigIntegerField(primary_key=True)
    at = models.DateTimeField(_("time"), db_index=True)
    kind = models.CharField(_("event"), max_length=40, db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_username = models.CharField(_("actor"), max_length=150, blank=True)
    ip = models.CharField(max_length=45, blank=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=100, blank=True)
    detail = models.TextField(blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"#{self.seq} {self.kind} {self.actor_username}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("审计日志只能追加 / the audit log is append-only")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("审计日志只能追加 / the audit log is append-only")


class AuditHead(models.Model):
    """The chain's head (a single row, pk=1): the last ``seq`` and its ``hash``. Appends lock it, so
    concurrent writers form one chain; verification compares it with the last row, so a deleted
    tail is caught as well as a deleted middle."""

    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"head #{self.seq}"
