from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssetsConfig(AppConfig):
    name = "sunlit.assets"
    verbose_name = _("Collective assets and resources")
