from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClosedLoopConfig(AppConfig):
    name = "sunlit.closedloop"
    label = "closedloop"
    verbose_name = _("Closed loop")
