"""Three-affairs disclosures (三务公开): what a village publishes about its party affairs, village
affairs and finances, by period (DESIGN.md §5)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    PARTY = "party", _("Party affairs")
    VILLAGE = "village", _("Village affairs")
    FINANCE = "finance", _("Finances")


class Disclosure(models.Model):
    """One published item of a village for one category and period (``YYYY-MM`` for a monthly
    category, ``YYYYQn`` for a quarterly one; see ``sunlit.public.deadlines``)."""

    village_code = models.CharField(_("village"), max_length=12)
    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    period = models.CharField(_("period"), max_length=7)
    title = models.CharField(_("title"), max_length=200)
    content = models.TextField(_("content"))
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("published by"))
    published_by_username = models.CharField(max_length=150, blank=True)

    scope_field = "village_code"

    class Meta:
        ordering = ["-period", "category", "-published_at", "-pk"]
        indexes = [models.Index(fields=["village_code", "category", "period"], name="disclosure_village")]
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")

    def __str__(self) -> str:
        return f"{self.village_code} {self.category} {self.period}: {self.title}"
