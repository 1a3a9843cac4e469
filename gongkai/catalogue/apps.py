from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "gongkai.catalogue"
    label = "catalogue"
    verbose_name = "主动公开"

    def ready(self) -> None:
        import gongkai.catalogue.channel_steps
        import gongkai.catalogue.steps  # noqa: F401  (registers the declared steps)
        from gongkai.catalogue.workbench import item_lines
        from gongkai.core.workbench import register

        register(item_lines)
