from django.db import models
from django.utils.translation import gettext_lazy as _

from . import codes


class Level(models.TextChoices):
    PROVINCE = "province", _("Province")
    CITY = "city", _("City")
    COUNTY = "county", _("County")
    TOWNSHIP = "township", _("Township")
    VILLAGE = "village", _("Village")


class Kind(models.TextChoices):
    VILLAGE = "village", _("Village")
    COMMUNITY = "community", _("Community")


class Region(models.Model):
    """A node of the five-level tree (province → city → county → township → village)."""

    code = models.CharField(_("code"), max_length=12, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children", db_column="parent_code",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, blank=True)

    # The column the scope selector filters on (see sunlit.accounts.scope).
    scope_field = "code"

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def prefix(self) -> str:
        return codes.prefix_of(self.code)

    @property
    def parent_code(self) -> str | None:
        return self.parent_id
