from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "gongkai.standards"
    label = "standards"
    verbose_name = "基层政务公开标准目录"

    def ready(self):
        from gongkai.catalogue.workbench import register_limit_source
        from gongkai.core.workbench import register
        from gongkai.standards.workbench import matter_limits, provider

        register(provider)
        register_limit_source(matter_limits)
