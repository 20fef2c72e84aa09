from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReliefConfig(AppConfig):
    name = "sunlit.relief"
    verbose_name = _("Hardship relief")
