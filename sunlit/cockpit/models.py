"""The cockpit's aggregates (驾驶舱汇总). One row per region (at every level of the tree), metric,
key and month holds a running total. Services keep the rows up to date in the same transaction as
the event that changes them (a case opened or moved, an alert raised, a model run finished);
``sunlit cockpit rebuild`` recomputes every row from the underlying rows and ``--check`` compares."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Tally(models.Model):
    """A running total: e.g. (330102000000, county, "alerts", "red", "2026-06") = 17. ``key`` and
    ``month`` are empty where the metric has no such dimension. Money is counted in fen (分)."""

    region_code = models.CharField(_("region"), max_length=12)
    level = models.CharField(_("level"), max_length=10)
    metric = models.CharField(_("metric"), max_length=24)
    key = models.CharField(_("key"), max_length=40, blank=True, default="")
    month = models.CharField(_("month"), max_length=7, blank=True, default="")
    value = models.BigIntegerField(_("value"), default=0)

    scope_field = "region_code"

    class Meta:
        db_table = "cockpit_tally"
        constraints = [models.UniqueConstraint(fields=["region_code", "metric", "key", "month"],
                                               name="cockpit_tally_once")]
        indexes = [models.Index(fields=["metric", "level", "region_code"], name="cockpit_tally_rank")]
        verbose_name = _("cockpit tally")
        verbose_name_plural = _("cockpit tallies")

    def __str__(self) -> str:
        return f"{self.region_code} {self.metric}[{self.key}|{self.month}] = {self.value}"
