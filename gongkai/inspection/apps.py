from django.apps import AppConfig


class InspectionConfig(AppConfig):
    name = "gongkai.inspection"
    label = "inspection"
    verbose_name = "网站自查"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_migrate, post_save

        import gongkai.inspection.steps  # noqa: F401  (registers the declared steps)
        from gongkai.core.workbench import register
        from gongkai.inspection.identity_cache import forget, forget_all
        from gongkai.inspection.models import SiteIdentity
        from gongkai.inspection.workbench import selfcheck_lines

        register(selfcheck_lines)
        # the footer's copy of the site identity (identity_cache.py) ends with any change
        post_save.connect(forget, sender=SiteIdentity, dispatch_uid="site-identity-kept")
        post_delete.connect(forget, sender=SiteIdentity, dispatch_uid="site-identity-kept-del")
        post_migrate.connect(forget_all, dispatch_uid="site-identity-kept-flush")
