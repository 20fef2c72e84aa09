"""Rows that are only ever appended: the steps of a case, the moves of a campaign task. One rule
for all of them — an instance is saved once and never changed or deleted, and neither a queryset's
``update`` nor its ``delete`` runs on them (so a bulk edit cannot rewrite the history either).
(The audit chain has its own, stricter rule in ``sunlit.audit.models``.)"""

from django.db import models


class AppendOnlyError(ValueError):
    """An attempt to change or delete an append-only row."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model._meta.verbose_name_plural} are append-only")

    def delete(self):
        raise AppendOnlyError(f"{self.model._meta.verbose_name_plural} are append-only")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError(f"{self._meta.verbose_name_plural} are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{self._meta.verbose_name_plural} are append-only")
