from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    verbose_name = "机构与人员"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from gongkai.core.audit import register_sqlite_audit_guard

        connection_created.connect(register_sqlite_audit_guard)
