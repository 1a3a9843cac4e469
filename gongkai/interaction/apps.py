from django.apps import AppConfig


class InteractionConfig(AppConfig):
    name = "gongkai.interaction"
    label = "interaction"
    verbose_name = "互动交流"

    def ready(self) -> None:
        import gongkai.interaction.steps  # noqa: F401  (registers the declared steps)
        from gongkai.core.workbench import register
        from gongkai.interaction.workbench import message_lines

        register(message_lines)
