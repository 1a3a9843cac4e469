from django.apps import AppConfig


class InspectionConfig(AppConfig):
    name = "gongkai.inspection"
    label = "inspection"
    verbose_name = "网站自查"

    def ready(self) -> None:
        import gongkai.inspection.steps  # noqa: F401  (registers the declared steps)
        from gongkai.core.workbench import register
        from gongkai.inspection.workbench import selfcheck_lines

        register(selfcheck_lines)
