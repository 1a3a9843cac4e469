"""Issue 24: an audit entry's time is the database's. On PostgreSQL a trigger refuses an
entry dated other than now (within the few seconds between reading the clock under the chain
lock and the insert) or earlier than the newest entry — so the application role, which may
INSERT into the log, cannot add a back-dated one. SQLite has no roles: verify's check that
time never runs backwards is its guard."""

from django.db import migrations

from gongkai.core import audit


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in audit.POSTGRES_STAMP:
            schema_editor.execute(statement)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in audit.POSTGRES_STAMP_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("core", "0009_agency_reconsideration_rule")]

    operations = [migrations.RunPython(install, remove)]
