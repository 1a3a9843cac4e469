from django.apps import AppConfig


class SiteReportConfig(AppConfig):
    name = "gongkai.sitereport"
    label = "sitereport"
    verbose_name = "政府网站工作年度报表"

    def ready(self) -> None:
        import gongkai.sitereport.steps  # noqa: F401  (registers the declared steps)
        from gongkai.core.workbench import register, register_columns
        from gongkai.sitereport.workbench import last_years_state, site_report_lines

        register(site_report_lines)
        register_columns(last_years_state)
