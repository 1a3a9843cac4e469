"""The database cache table the rate limits count in, shared by every worker."""

from django.core.management import call_command
from django.db import migrations


def create(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS gongkai_cache")


class Migration(migrations.Migration):
    dependencies = [("core", "0003_require_password_change_for_shared_passwords")]
    operations = [migrations.RunPython(create, drop)]
