from django.apps import AppConfig


class SubmissionsConfig(AppConfig):
    name = "gongkai.submissions"
    label = "submissions"
    verbose_name = "报送采用"

    def ready(self) -> None:
        import gongkai.submissions.steps  # noqa: F401  (registers the declared steps)
        from gongkai.core.workbench import register
        from gongkai.submissions.workbench import submission_lines

        register(submission_lines)
