from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    label = "reports"
    verbose_name = "年度报告"

    def ready(self) -> None:
        import gongkai.reports.check_steps  # (registers the declared steps)
        import gongkai.reports.steps  # noqa: F401  (registers the declared steps)
        from gongkai.core import year_lock
        from gongkai.reports.year_lock import published_year_reason

        year_lock.register(published_year_reason)

        from gongkai.core.workbench import register
        from gongkai.reports.workbench import report_lines

        register(report_lines)
