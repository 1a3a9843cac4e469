from django.apps import AppConfig


class OfficeConfig(AppConfig):
    name = "gongkai.office"
    label = "office"
    verbose_name = "办公"
