from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "sunlit.supervision"
    verbose_name = _("Supervision models")

    def ready(self):
        from sunlit.engine import load_catalogue
        from sunlit.engine.tables import dataset_of
        from sunlit.lake.readers import declare_reads

        for spec in load_catalogue():
            declare_reads(spec.code, {dataset_of(t) for t in spec.reads})
