from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "gongkai.standards"
    label = "standards"
    verbose_name = "基层政务公开标准目录"

    def ready(self):
        import gongkai.standards.steps  # noqa: F401  (registers the declared steps)
        from gongkai.catalogue.forms import AGENCY_MATTERS
        from gongkai.core.workbench import register
        from gongkai.standards.transitions import adopted_matters
        from gongkai.standards.workbench import provider

        register(provider)
        AGENCY_MATTERS.register(adopted_matters)  # what an item is filed under when drafted
