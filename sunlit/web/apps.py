from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "sunlit.web"
    verbose_name = "Web"
