from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    verbose_name = "机构与人员"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_logged_out
        from django.db.backends.signals import connection_created

        import gongkai.core.calendar_steps  # noqa: F401  (registers the declared steps)
        from gongkai.core import workbench
        from gongkai.core.audit import audit_login, audit_logout, register_sqlite_audit_guard
        from gongkai.core.calendar import missing_arrangement_lines

        connection_created.connect(register_sqlite_audit_guard)
        user_logged_in.connect(audit_login)
        user_logged_out.connect(audit_logout)
        workbench.register(missing_arrangement_lines)
