from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabourConfig(AppConfig):
    name = "sunlit.labour"
    verbose_name = _("Labour and temporary work")
