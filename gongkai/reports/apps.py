from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    label = "reports"
    verbose_name = "年度报告"

    def ready(self) -> None:
        from gongkai.core.workbench import register
        from gongkai.reports.workbench import report_lines

        register(report_lines)
