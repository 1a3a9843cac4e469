from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "gongkai.standards"
    label = "standards"
    verbose_name = "基层政务公开标准目录"

    def ready(self):
        import gongkai.standards.steps  # noqa: F401  (registers the declared steps)
        from gongkai.catalogue.workbench import register_limit_source
        from gongkai.core.workbench import register
        from gongkai.inspection.checks import register_check
        from gongkai.standards.inspection import notices_past_their_period, stale_matters
        from gongkai.standards.workbench import matter_limits, provider

        register(provider)
        register_limit_source(matter_limits)
        register_check(stale_matters)
        register_check(notices_past_their_period)
