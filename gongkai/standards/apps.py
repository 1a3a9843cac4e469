from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "gongkai.standards"
    label = "standards"
    verbose_name = "基层政务公开标准目录"

    def ready(self):
        import gongkai.standards.steps  # noqa: F401  (registers the declared steps)
        from gongkai.core.workbench import register
        from gongkai.standards.workbench import provider

        register(provider)
