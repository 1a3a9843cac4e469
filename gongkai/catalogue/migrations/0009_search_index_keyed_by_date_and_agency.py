"""Key SQLite's FTS rows by publication day and item id, and give each row its agency's
token, so search orders, cuts and filters inside the index (bench/catalogue.py: ranking all
100,000 matches of a broad word, and reading each row's agency, were the slow parts)."""

from django.db import migrations

SQLITE = [
    "DROP TABLE IF EXISTS catalogue_item_fts",
    "CREATE VIRTUAL TABLE catalogue_item_fts USING fts5(terms)",
    "INSERT INTO catalogue_item_fts (rowid, terms) "
    "SELECT (CAST(julianday(published_on) - 2440587.5 AS INTEGER) << 32) | id, "
    "search_terms || ' gkagency' || agency_id FROM catalogue_item "
    "WHERE status = 'published' AND search_terms <> '' AND published_on IS NOT NULL",
]
SQLITE_BACK = [
    "DROP TABLE IF EXISTS catalogue_item_fts",
    "CREATE VIRTUAL TABLE catalogue_item_fts USING fts5("
    "terms, agency_id UNINDEXED, published_on UNINDEXED)",
    "INSERT INTO catalogue_item_fts (rowid, terms, agency_id, published_on) "
    "SELECT id, search_terms, agency_id, published_on FROM catalogue_item "
    "WHERE status = 'published' AND search_terms <> ''",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_BACK:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0008_search_index_carries_agency_and_date")]
    operations = [migrations.RunPython(forward, backward)]
