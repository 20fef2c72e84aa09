from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EntryConfig(AppConfig):
    name = "sunlit.entry"
    verbose_name = _("Online entry of the village ledger")
