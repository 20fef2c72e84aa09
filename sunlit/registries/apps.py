from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _model_catalogue_reads() -> dict[str, set[str]]:
    """Every supervision model's ``reads:`` header, as lake dataset names."""
    from sunlit.engine.spec import load_catalogue
    from sunlit.engine.tables import dataset_of

    return {model.code: {dataset_of(table) for table in model.reads} for model in load_catalogue()}


class RegistriesConfig(AppConfig):
    name = "sunlit.registries"
    verbose_name = _("External registries")

    def ready(self):
        from sunlit.lake.readers import register_source

        register_source("model catalogue", _model_catalogue_reads)
