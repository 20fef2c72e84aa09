from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CadresConfig(AppConfig):
    name = "sunlit.cadres"
    verbose_name = _("Village cadres")
