"""Install the triggers that refuse UPDATE and DELETE on the audit log (see core.audit)."""

from django.db import migrations

from gongkai.core import audit


def install(apps, schema_editor):
    statements = {"sqlite": audit.SQLITE_TRIGGERS, "postgresql": audit.POSTGRES_TRIGGERS}
    for statement in statements[schema_editor.connection.vendor]:
        schema_editor.execute(statement)


def remove(apps, schema_editor):
    statements = {"sqlite": audit.SQLITE_TRIGGERS_DROP, "postgresql": audit.POSTGRES_TRIGGERS_DROP}
    for statement in statements[schema_editor.connection.vendor]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_agencies_staff_audit_log_and_calendar")]
    operations = [migrations.RunPython(install, remove)]
