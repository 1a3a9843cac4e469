"""The full-text index over Item.search_terms: FTS5 on SQLite, GIN on PostgreSQL."""

from django.db import migrations

SQLITE = "CREATE VIRTUAL TABLE IF NOT EXISTS catalogue_item_fts USING fts5(terms)"
SQLITE_DROP = "DROP TABLE IF EXISTS catalogue_item_fts"
POSTGRES = (
    "CREATE INDEX IF NOT EXISTS catalogue_item_search ON catalogue_item "
    "USING gin (to_tsvector('simple', search_terms))"
)
POSTGRES_DROP = "DROP INDEX IF EXISTS catalogue_item_search"


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    schema_editor.execute(SQLITE if vendor == "sqlite" else POSTGRES)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    schema_editor.execute(SQLITE_DROP if vendor == "sqlite" else POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0003_add_search_terms")]
    operations = [migrations.RunPython(create, drop)]
