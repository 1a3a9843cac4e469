from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    label = "applications"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        import gongkai.applications.steps  # noqa: F401  (registers the declared steps)
        from gongkai.applications.deadline_sweep import after_calendar_import
        from gongkai.applications.letters_due import letter_lines
        from gongkai.applications.workbench import application_lines
        from gongkai.core.calendar import after_import
        from gongkai.core.workbench import register

        register(application_lines)
        register(letter_lines)
        after_import(after_calendar_import)
