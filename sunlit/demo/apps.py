from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "sunlit.demo"
    verbose_name = "Demo"
